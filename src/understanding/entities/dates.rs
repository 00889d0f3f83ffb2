//! Dates, resolved against `today` (grain: day). Weeks start on Monday.
//!
//! Conventions: a bare weekday is the next one on or after today; "next Friday" is
//! Friday of next week; "last Friday" is the most recent one before today;
//! "end of the week" is the coming Friday (the business week's end, read like a
//! bare "Friday"); "this weekend" / "by the weekend" is the coming Saturday;
//! yesterday/昨天/前天 resolve into the past. Years may be written digit by
//! digit (二〇二六年). A month/day or day of the month said of something past ("you promised on
//! the 5th", "ur oct 15 payment never came in", "上次你11月5号答应的") is the latest such date on or
//! before today, not the next one. "in 3 days" is a date; "within 30 days" is a period (a
//! duration, read by the counts recogniser).

use std::ops::Range;
use std::sync::LazyLock;

use jiff::Span;
use jiff::civil::Date;
use regex::Regex;

use super::numbers::{NumTok, TokKind, parse_small_int};
use super::{
    Ctx, Entity, EntityKind, EntityValue, Words, after, before, compile, digit_bounded, gated,
    next_char, next_word_char, prev_char,
};

static EN_FIXED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?ix)(?-u:\b)(?:
          (?P<dat>day\s+after\s+(?:tomorrow|tmrw|tmr))
        | (?P<dby>day\s+before\s+yesterday)
        | (?P<yes>yesterday|yday|yesterdy|yesteday)
        | (?P<eonw>end\s+of\s+next\s+week)
        | (?P<eow>end\s+of\s+(?:the\s+|this\s+)?week)
        | (?P<nwk>next\s+weekend)
        | (?P<wkd>(?:this\s+|the\s+)?weekend)
        | (?P<eoy>end\s+of\s+(?:the\s+|this\s+)?year|year[\s-]end)
        | (?P<tom>tomorrow|tmrw|tmr|tomorow|tommorow|tommorrow|2morrow|2moro)
        | (?P<tod>today|tonight|tonite|2day|2nite|eod|end\s+of\s+(?:the\s+)?day|this\s+(?:afternoon|evening))
        | (?P<nw>next\s+week)
        | (?P<lw>last\s+week)
        | (?P<xmas>christmas|xmas)
        | (?P<ny>new\s+year'?s?(?:\s+day)?)
        | (?P<nnw>week\s+after\s+next)
        | (?P<eonm>end\s+of\s+next\s+month)
        | (?P<eom>end\s+of\s+(?:the\s+|this\s+)?month|month[\s-]end)
        | (?P<bonm>(?:beginning|start)\s+of\s+(?:the\s+)?next\s+month|early\s+next\s+month|(?:first|1st)\s+of\s+next\s+month|next\s+month)
        )(?-u:\b)",
    )
});

static EN_WEEKEND_CUE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)(?-u:\b)(?:by|before|until|till|til|on)\s+$"));

static EN_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:(?P<pre>this\s+coming|this\s+past|this|next|coming|upcoming|last|past)\s+)?(?P<d>monday|mon|tuesday|tues|tue|wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun)(?-u:\b)",
    )
});

const WEEKDAYS: &str = "monday|mon|tuesday|tues|tue|wednesday|weds|wed|thursday|thurs|thur|thu|friday|fri|saturday|sat|sunday|sun";

/// "next week tuesday", "tuesday next week", "next week on tue": Tuesday of next week;
/// "monday week" (British): a week after the coming Monday.
static EN_NEXT_WEEK_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?-u:\b)(?:next\s+week,?\s+(?:on\s+)?(?P<a>{WEEKDAYS})|(?P<b>{WEEKDAYS}),?\s+(?:of\s+)?next\s+week|(?P<c>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+week)(?-u:\b)"
    ))
});

/// "the 5th of next month", "the first of the month", "15th of this month".
static EN_DAY_OF_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:the\s+)?(?:(?P<d>\d{1,2})(?:st|nd|rd|th)?|(?P<o>first|second|third|fifth|tenth|fifteenth|twentieth))\s+of\s+(?:(?P<next>next)|this|the)\s+month(?-u:\b)",
    )
});

/// "mid december", "mid-month", "middle of next month", "end of january", "beginning of dec".
static EN_MONTH_PART: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?-u:\b)(?:(?P<mid>mid|middle\s+of)|(?P<end>end\s+of)|(?P<beg>beginning\s+of|start\s+of|early))[\s-]+(?:(?P<m>{MONTHS})|(?P<next>next\s+month)|(?:the\s+|this\s+)?month)(?-u:\b)"
    ))
});

static EN_DAY_CUE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)(?-u:\b)(?:on|by|until|till|til|before|after|from|and|or|every|for|due)\s+$")
});

/// English month names and abbreviations (also used to tell "oct 15" from a count).
pub(super) const MONTHS: &str = "january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sept|sep|october|oct|november|nov|december|dec";

static EN_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?-u:\b)(?P<m>{MONTHS})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
    ))
});

static EN_DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<m>{MONTHS})(?-u:\b)(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
    ))
});

static EN_ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)(?-u:\b)(?P<the>the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)(?-u:\b)"));

static EN_ORD_WORD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)the\s+(?P<t>twenty|thirty)?[\s-]?(?P<o>first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)(?-u:\b)",
    )
});

static EN_ORD_CUE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)(?-u:\b)(?:on|by|before|until|till|til|after|from|due)\s+$"));

/// An ordinal followed by one of these counts things, not days.
static EN_ORD_NOUN: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s+(?:instal|install|payment|time|attempt|call|notice|reminder|letter|floor|place|month|week|day|year|one|person|account)",
    )
});

/// "in 3 days" names a day; "within 3 days" is a period, left to the duration recogniser.
static EN_REL_PRE: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)(?-u:\b)in\s+$"));

static EN_REL_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s+(?P<u>days?|weeks?|months?|years?)(?P<from>\s+(?:from\s+(?:now|today)|later))?",
    )
});

static EN_REL_A: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:in\s+an?\s+(?P<u1>day|week|month|year)|an?\s+(?P<u2>day|week|month|year)\s+from\s+(?:now|today)|in\s+a\s+couple(?:\s+of)?\s+(?P<c>days|weeks|months))(?-u:\b)",
    )
});

/// Words around a date that place it in the past: the agent is talking about a missed payment or
/// an earlier promise. English: before the date, in the same clause; or right after it.
static EN_PAST_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:promised|missed|skipped|was|were|paid|made|had|did|didn't|didnt|didn’t|did not|last|bounced|returned|since|posted|received|cleared|processed|reversed|declined|spoke|talked|called|sent|said|told|agreed|emailed|mailed|texted|defaulted|stopped|came|went|ago)(?-u:\b)",
    )
});

static EN_PAST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^[^,.;!?]{0,24}?(?-u:\b)(?:never|didn't|didnt|didn’t|did not|wasn't|wasnt|wasn’t|was|were|bounced|got returned|came back|you missed|you promised|went unpaid)(?-u:\b)",
    )
});

/// Between a past word and the date, these make the date an intention ahead ("you promised to
/// pay on dec 5", "was going to pay on the 5th"); right after "last", the final one of a plan
/// ("the last one on dec 26").
static EN_INTENT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:to|will|would|gonna|going|can|could|should|next)(?-u:\b)|'ll|'d|’ll|’d|^\s*(?:one|instal+ment|payment)\s+(?:on|is\s+due|due)(?-u:\b)",
    )
});

/// Words right before a date that make it a deadline still ahead ("by the 5th", "until oct 15").
static EN_AHEAD: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:by|before|until|till|til|starting(?:\s+from)?|beginning(?:\s+from)?|effective|next|this coming)\s+(?:the\s+)?$",
    )
});

static ZH_PAST_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"上次|上回|之前|以前|当时|那时|那会|本来|原定|原来"));

static ZH_PAST_AFTER: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^[^，,。；;！!？?]{0,6}?(?:答应|承诺|说好|说过|保证过|那期|那笔|那次|没还|未还|没有还|没交|没到账|没扣|扣款失败|没按时|已经过了)",
    )
});

/// A deadline still ahead: "12月3号前", "15号之前还".
static ZH_AHEAD: LazyLock<Regex> = LazyLock::new(|| compile(r"^(?:前|之前|以前|起|开始)"));

static ISO: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?P<y>\d{4})[-/.](?P<m>\d{1,2})[-/.](?P<d>\d{1,2})"));

static US: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})(?:/(?P<y>\d{4}|\d{2}))?"));

static ZH_FIXED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"大后天|后天|明天|明日|明早|明晚|明儿|今天|今日|今晚|今早|今儿|大前天|前天|昨天|昨日|昨晚|昨儿|年底|年末|元旦",
    )
});

/// A year written in digits or digit by digit: "2026", "二〇二六".
const ZH_YEAR: &str = r"\d{4}|[〇零一二三四五六七八九]{4}";

static ZH_YEAR_END: LazyLock<Regex> =
    LazyLock::new(|| compile(&format!(r"(?:(?P<y>{ZH_YEAR})|(?P<r>今|明|去))年(?:底|末)")));

static ZH_WEEKDAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?P<pre>下下个?|下个?|这个?|本|上个?)?(?P<w>周|星期|礼拜)(?P<d>[一二三四五六七日天末1-7])?",
    )
});

static ZH_MONTH_REL: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?P<pre>这个|本|下个|下|上个|上)?月(?P<k>底|末|初|中)|(?P<nm>下个?月)")
});

const CN_SMALL: &str = r"\d{1,2}|[一二三四五六七八九十]{1,3}";

static ZH_MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:(?P<y>{ZH_YEAR})年)?(?P<m>{CN_SMALL})月(?:(?P<d>{CN_SMALL})(?:号|日)?|(?P<k>底|末|初|中))"
    ))
});

static ZH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?P<pre>这个月|本月|下个月|下月|上个月|上月|每个月|每月)?(?P<d>{CN_SMALL})(?:号|日)"
    ))
});

/// "三天后" names a day; "30天内" is a period (a duration), so 内 is not a date suffix.
static ZH_REL: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^(?P<ge>个)?(?P<u>天|日|周|星期|礼拜|月|年)(?P<s>之后|以后|后)?"));

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    let today = ctx.today;
    let first = out.len();
    let mut push = |span: Range<usize>, d: Option<Date>| {
        if let Some(d) = d {
            out.push(Entity::new(EntityKind::Date, EntityValue::Date(d), span));
        }
    };
    // English forms need a Latin letter (numeric ones a digit too), Chinese ones a Han char.
    let (latin, digit, han) = (ctx.latin, ctx.digit, ctx.han);

    for c in gated(latin, || EN_FIXED.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        let g = |n: &str| c.name(n).is_some();
        // "have a good weekend", "take the weekend to think": only "this weekend"
        // or "by / before / on the weekend" name a day.
        if g("wkd")
            && !m.as_str().to_ascii_lowercase().starts_with("this")
            && !EN_WEEKEND_CUE.is_match(before(t, m.start(), 10))
        {
            continue;
        }
        let d = if g("dat") {
            add_days(today, 2)
        } else if g("dby") {
            add_days(today, -2)
        } else if g("yes") {
            add_days(today, -1)
        } else if g("eow") {
            // The business week's end: the coming Friday, read like a bare "Friday".
            on_or_after(today, 4)
        } else if g("eonw") {
            week_day(today, 1, 4)
        } else if g("wkd") {
            on_or_after(today, 5)
        } else if g("nwk") {
            week_day(today, 1, 5)
        } else if g("eoy") {
            ymd(i64::from(today.year()), 12, 31)
        } else if g("tom") {
            add_days(today, 1)
        } else if g("tod") {
            Some(today)
        } else if g("nw") {
            week_day(today, 1, 0)
        } else if g("lw") {
            week_day(today, -1, 0)
        } else if g("xmas") {
            month_day(today, None, 12, 25)
        } else if g("ny") {
            month_day(today, None, 1, 1)
        } else if g("nnw") {
            week_day(today, 2, 0)
        } else if g("eonm") {
            add_months(today.first_of_month(), 1).map(|d| d.last_of_month())
        } else if g("eom") {
            Some(today.last_of_month())
        } else {
            add_months(today.first_of_month(), 1)
        };
        push(m.range(), d);
    }

    for c in gated(latin && ctx.may(Words::Weekday), || {
        EN_WEEKDAY.captures_iter(t)
    }) {
        let (Some(m), Some(dm)) = (c.get(0), c.name("d")) else {
            continue;
        };
        let word = dm.as_str().to_ascii_lowercase();
        let pre = c.name("pre").map(|p| p.as_str().to_ascii_lowercase());
        // "sat", "sun", "wed", "mon" are also ordinary words.
        if pre.is_none()
            && matches!(word.as_str(), "sat" | "sun" | "wed" | "mon")
            && !dm.as_str().starts_with(|c: char| c.is_ascii_uppercase())
            && !EN_DAY_CUE.is_match(before(t, m.start(), 12))
        {
            continue;
        }
        let Some(idx) = weekday_index(&word) else {
            continue;
        };
        let d = match pre.as_deref() {
            Some("next") => week_day(today, 1, idx),
            // "last Friday": the most recent one before today.
            Some(p) if p == "last" || p.ends_with("past") => before_today(today, idx),
            _ => on_or_after(today, idx),
        };
        push(m.range(), d);
    }

    for c in gated(latin && ctx.may(Words::Week), || {
        EN_NEXT_WEEK_DAY.captures_iter(t)
    }) {
        let Some(m) = c.get(0) else { continue };
        if let Some(d) = c.name("c") {
            if let Some(idx) = weekday_index(&d.as_str().to_ascii_lowercase()) {
                push(
                    m.range(),
                    on_or_after(today, idx).and_then(|d| add_days(d, 7)),
                );
            }
            continue;
        }
        let Some(d) = c.name("a").or(c.name("b")) else {
            continue;
        };
        if let Some(idx) = weekday_index(d.as_str()) {
            push(m.range(), week_day(today, 1, idx));
        }
    }

    for c in gated(latin && ctx.may(Words::MonthWord), || {
        EN_DAY_OF_MONTH.captures_iter(t)
    }) {
        let Some(m) = c.get(0) else { continue };
        let day = match (c.name("d"), c.name("o")) {
            (Some(d), _) => parse_small_int(d.as_str(), 31),
            (None, Some(o)) => ordinal_word(&o.as_str().to_ascii_lowercase()),
            _ => None,
        };
        let Some(day) = day.filter(|d| *d >= 1) else {
            continue;
        };
        let d = if c.name("next").is_some() {
            add_months(today.first_of_month(), 1)
                .and_then(|f| f.with().day(i8::try_from(day).ok()?).build().ok())
        } else {
            of_month(today, day, said_as_past(t, m.range()))
        };
        push(m.range(), d);
    }

    for c in gated(latin && ctx.may(Words::MonthPart), || {
        EN_MONTH_PART.captures_iter(t)
    }) {
        let Some(m) = c.get(0) else { continue };
        let next_first = add_months(today.first_of_month(), 1);
        let first = match (c.name("m"), c.name("next")) {
            // "since mid september": a month said of the past is the latest one.
            (Some(mo), _) if said_as_past(t, m.range()) => {
                month_num(mo.as_str()).and_then(|mo| month_day_past(today, mo, 1))
            }
            (Some(mo), _) => month_num(mo.as_str())
                .and_then(|mo| {
                    month_day(today, None, mo, 1).or_else(|| ymd(i64::from(today.year()), mo, 1))
                })
                .map(|f| {
                    // "end of november" said in November is this month, not next year's.
                    if f.year() > today.year() && i64::from(f.month()) == i64::from(today.month()) {
                        today.first_of_month()
                    } else {
                        f
                    }
                }),
            (None, Some(_)) => next_first,
            (None, None) => Some(today.first_of_month()),
        };
        let d = if c.name("mid").is_some() {
            match (c.name("m"), c.name("next")) {
                (None, None) => day_of_month(today, 15),
                _ => first.and_then(|f| f.with().day(15).build().ok()),
            }
        } else if c.name("end").is_some() {
            first.map(|f| f.last_of_month())
        } else {
            match (c.name("m"), c.name("next")) {
                // "early in the month" said late in a month means the next one.
                (None, None) => next_first,
                _ => first,
            }
        };
        push(m.range(), d);
    }

    for re in [&EN_MONTH_DAY, &EN_DAY_MONTH] {
        for c in gated(latin && digit && ctx.may(Words::Month), || {
            re.captures_iter(t)
        }) {
            let Some(m) = c.get(0) else { continue };
            let month = c.name("m").and_then(|m| month_num(m.as_str()));
            let day = c.name("d").and_then(|d| parse_small_int(d.as_str(), 31));
            let year = c.name("y").and_then(|y| parse_small_int(y.as_str(), 9999));
            if let (Some(mo), Some(da)) = (month, day) {
                let d = explicit_month_day(t, m.range(), today, year, mo, da);
                push(m.range(), d);
            }
        }
    }

    for c in gated(latin && digit, || EN_ORDINAL.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        if c.name("the").is_none() && !EN_ORD_CUE.is_match(before(t, m.start(), 10)) {
            continue;
        }
        if EN_ORD_NOUN.is_match(after(t, m.end(), 20)) {
            continue;
        }
        if let Some(d) = c.name("d").and_then(|d| parse_small_int(d.as_str(), 31)) {
            push(m.range(), of_month(today, d, said_as_past(t, m.range())));
        }
    }

    // "by the fifteenth": spelled-out ordinals need a cue, "the first" alone is too vague.
    for c in gated(latin && ctx.may(Words::Ordinal), || {
        EN_ORD_WORD.captures_iter(t)
    }) {
        let Some(m) = c.get(0) else { continue };
        if !EN_ORD_CUE.is_match(before(t, m.start(), 10))
            || EN_ORD_NOUN.is_match(after(t, m.end(), 20))
        {
            continue;
        }
        let tens = match c.name("t").map(|t| t.as_str().to_ascii_lowercase()) {
            Some(t) if t == "twenty" => 20,
            Some(_) => 30,
            None => 0,
        };
        let o = c["o"].to_ascii_lowercase();
        let Some(day) = ordinal_word(&o) else {
            continue;
        };
        if tens > 0 && day > 9 {
            continue; // "twenty tenth"
        }
        push(
            m.range(),
            of_month(today, tens + day, said_as_past(t, m.range())),
        );
    }

    // Relative offsets built on numeral tokens: "in 3 days", "3 days from now", "三天后", "过两周".
    for tok in &ctx.tokens {
        if !next_word_char(t, tok.span.end).is_some_and(char::is_alphabetic) {
            continue;
        }
        if let Some((span, d)) = en_relative(t, tok, today).or_else(|| zh_relative(t, tok, today)) {
            push(span, d);
        }
    }
    for c in gated(latin && ctx.may(Words::Unit), || EN_REL_A.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        let Some(u) = c.name("u1").or(c.name("u2")).or(c.name("c")) else {
            continue;
        };
        let n = if c.name("c").is_some() { 2.0 } else { 1.0 };
        push(m.range(), add_units(today, n, u.as_str()));
    }

    for c in gated(digit, || ISO.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        if !digit_bounded(t, &m.range()) {
            continue;
        }
        let y = parse_small_int(&c["y"], 9999).filter(|y| (1900..=2200).contains(y));
        let mo = parse_small_int(&c["m"], 12);
        let d = parse_small_int(&c["d"], 31);
        if let (Some(y), Some(mo), Some(d)) = (y, mo, d) {
            push(m.range(), ymd(y, mo, d));
        }
    }
    for c in gated(digit, || US.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        if !digit_bounded(t, &m.range())
            || prev_char(t, m.start()) == Some('/')
            || next_char(t, m.end()) == Some('/')
        {
            continue;
        }
        // "1/2 of the balance" is a fraction.
        if c.name("y").is_none() && after(t, m.end(), 4).to_ascii_lowercase().starts_with(" of") {
            continue;
        }
        let y = c.name("y").and_then(|y| parse_small_int(y.as_str(), 9999));
        let y = y.map(|y| if y < 100 { 2000 + y } else { y });
        if let (Some(mo), Some(d)) = (parse_small_int(&c["m"], 12), parse_small_int(&c["d"], 31)) {
            // "ur payment posted on 10/03": a past month/day, like "oct 3".
            let d = explicit_month_day(t, m.range(), today, y, mo, d);
            push(m.range(), d);
        }
    }

    for m in gated(han, || ZH_FIXED.find_iter(t)) {
        // "以后天天", "提前天数", "之前天天": 后/前 belongs to the word before.
        if matches!(m.as_str(), "后天" | "前天")
            && prev_char(t, m.start()).is_some_and(|c| "以之然最提落随过往事向月年周期".contains(c))
        {
            continue;
        }
        let d = match m.as_str() {
            "大后天" => add_days(today, 3),
            "后天" => add_days(today, 2),
            "大前天" => add_days(today, -3),
            "前天" => add_days(today, -2),
            "昨天" | "昨日" | "昨晚" | "昨儿" => add_days(today, -1),
            "明天" | "明日" | "明早" | "明晚" | "明儿" => add_days(today, 1),
            "年底" | "年末" => ymd(i64::from(today.year()), 12, 31),
            "元旦" => month_day(today, None, 1, 1),
            _ => Some(today),
        };
        push(m.range(), d);
    }

    for c in gated(han, || ZH_YEAR_END.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        let this = i64::from(today.year());
        let y = match (c.name("y"), c.name("r").map(|r| r.as_str())) {
            (Some(y), _) => parse_year(y.as_str()),
            (None, Some("明")) => Some(this + 1),
            (None, Some("去")) => Some(this - 1),
            _ => Some(this),
        };
        push(m.range(), y.and_then(|y| ymd(y, 12, 31)));
    }

    for c in gated(han, || ZH_WEEKDAY.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        let pre = c.name("pre").map(|p| p.as_str().trim_end_matches('个'));
        if pre.is_none() && prev_char(t, m.start()).is_some_and(is_numeral_char) {
            continue; // "一周三次", "两周" are durations
        }
        let idx = c.name("d").map(|d| match d.as_str() {
            "一" | "1" => 0,
            "二" | "2" => 1,
            "三" | "3" => 2,
            "四" | "4" => 3,
            "五" | "5" => 4,
            "六" | "末" | "6" => 5,
            _ => 6,
        });
        let d = match (pre, idx) {
            (Some("下"), i) => week_day(today, 1, i.unwrap_or(0)),
            (Some("下下"), i) => week_day(today, 2, i.unwrap_or(0)),
            (Some("这" | "本"), Some(i)) => week_day(today, 0, i),
            (Some("上"), Some(i)) => week_day(today, -1, i),
            (None, Some(i)) => on_or_after(today, i),
            _ => None,
        };
        push(m.range(), d);
    }

    for c in gated(han, || ZH_MONTH_REL.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        if c.name("pre").is_none()
            && c.name("nm").is_none()
            && prev_char(t, m.start()).is_some_and(|p| p == '个' || is_numeral_char(p))
        {
            continue; // "三个月中" = within three months; "6月底" is handled below
        }
        let next_first = add_months(today.first_of_month(), 1);
        let d = if c.name("nm").is_some() {
            next_first
        } else {
            let pre = c.name("pre").map(|p| p.as_str());
            let next = matches!(pre, Some("下个" | "下"));
            let base = match pre {
                Some("上个" | "上") => add_months(today.first_of_month(), -1),
                Some(_) if next => next_first,
                _ => Some(today.first_of_month()),
            };
            match (&c["k"], pre) {
                ("底" | "末", _) => base.map(|b| b.last_of_month()),
                ("初", None) => next_first,
                ("初", _) if next => next_first,
                ("中", None) => day_of_month(today, 15),
                ("中", _) => base.and_then(|b| b.with().day(15).build().ok()),
                _ => None,
            }
        };
        push(m.range(), d);
    }

    for c in gated(han, || ZH_MONTH_DAY.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        if prev_char(t, m.start()).is_some_and(is_numeral_char) {
            continue;
        }
        // "十二月五千" / "12月500" are not December 5.
        if c.name("d").is_some()
            && !m.as_str().ends_with(['号', '日'])
            && next_char(t, m.end()).is_some_and(is_numeral_char)
        {
            continue;
        }
        let y = c.name("y").and_then(|y| parse_year(y.as_str()));
        let Some(mo) = parse_small_int(&c["m"], 12) else {
            continue;
        };
        let d = match (c.name("d"), c.name("k").map(|k| k.as_str())) {
            (Some(d), _) => parse_small_int(d.as_str(), 31)
                .and_then(|d| explicit_month_day(t, m.range(), today, y, mo, d)),
            (None, Some("底" | "末")) => month_day(today, y, mo, 1).map(|d| d.last_of_month()),
            (None, Some("初")) => month_day(today, y, mo, 1),
            (None, _) => month_day(today, y, mo, 15),
        };
        push(m.range(), d);
    }

    for c in gated(han, || ZH_DAY.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        let pre = c.name("pre").map(|p| p.as_str());
        // A digit before the day itself makes it part of a longer number; before 下个月 it ends
        // an amount ("剩下的565下个月15号前还清").
        if pre.is_none()
            && prev_char(t, m.start()).is_some_and(|c| c == '月' || c == '第' || is_numeral_char(c))
        {
            continue;
        }
        // 号码 = number, 3号线 = line 3, "15日内" is handled as a relative date.
        if next_char(t, m.end()).is_some_and(|c| "码线楼床房机位内后".contains(c)) {
            continue;
        }
        let Some(day) = parse_small_int(&c["d"], 31) else {
            continue;
        };
        let d = match pre {
            None => of_month(today, day, said_as_past(t, m.range())),
            Some("每个月" | "每月") => day_of_month(today, day),
            Some(p) => {
                let k = if p.starts_with('下') {
                    1
                } else if p.starts_with('上') {
                    -1
                } else {
                    0
                };
                add_months(today.first_of_month(), k)
                    .and_then(|f| f.with().day(i8::try_from(day).ok()?).build().ok())
            }
        };
        push(m.range(), d);
    }
    join_weekday(t, first, out);
}

/// "monday the 30th", "friday, dec 4": a weekday naming the day of a date said with it is one
/// date (the numbered day's), not two.
fn join_weekday(t: &str, first: usize, out: &mut Vec<Entity>) {
    let found = out.get(first..).unwrap_or(&[]);
    let mut joined = Vec::new();
    for a in found {
        let word = t.get(a.span.clone()).unwrap_or("");
        if !word.chars().all(|c| c.is_ascii_alphabetic()) || weekday_index(word).is_none() {
            continue;
        }
        let gap = after(t, a.span.end, 8);
        let skip = gap.len() - gap.trim_start_matches([',', ' ', '\t']).len();
        if skip == 0 {
            continue;
        }
        let at = a.span.end + skip;
        let at = if after(t, at, 3).eq_ignore_ascii_case("on ") {
            at + 3
        } else {
            at
        };
        if let Some(b) = found.iter().find(|b| {
            b.span.start == at
                && t.get(b.span.clone()).is_some_and(|s| {
                    s.chars().any(|c| c.is_ascii_digit())
                        || s.to_ascii_lowercase().starts_with("the ")
                })
        }) {
            joined.push(Entity::new(
                EntityKind::Date,
                b.value.clone(),
                a.span.start..b.span.end,
            ));
        }
    }
    out.extend(joined);
}

fn en_relative(t: &str, tok: &NumTok, today: Date) -> Option<(Range<usize>, Option<Date>)> {
    if tok.kind == TokKind::Chinese || tok.kind == TokKind::Half {
        return None;
    }
    let (s, e) = (tok.span.start, tok.span.end);
    let c = EN_REL_UNIT.captures(after(t, e, 40))?;
    let m = c.get(0)?;
    if next_char(t, e + m.len()).is_some_and(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    let start = match (EN_REL_PRE.find(before(t, s, 10)), c.name("from")) {
        (_, Some(_)) => s,
        (Some(p), None) => s - p.len(),
        (None, None) => return None,
    };
    Some((start..e + m.len(), add_units(today, tok.value, &c["u"])))
}

fn zh_relative(t: &str, tok: &NumTok, today: Date) -> Option<(Range<usize>, Option<Date>)> {
    if tok.kind == TokKind::English || prev_char(t, tok.span.start) == Some('第') {
        return None;
    }
    let (s, e) = (tok.span.start, tok.span.end);
    let c = ZH_REL.captures(after(t, e, 24))?;
    let m = c.get(0)?;
    let u = &c["u"];
    let ge = c.name("ge").is_some();
    // "6月后" is after June; 个 only goes with 月/星期/礼拜.
    if (u == "月" && !ge) || (ge && !matches!(u, "月" | "星期" | "礼拜")) {
        return None;
    }
    // "超过90天" (more than), "经过", "不过", "通过": that 过 is part of another word.
    let guo = ["再过", "过"].into_iter().find(|p| {
        before(t, s, p.len()) == *p
            && !prev_char(t, s - p.len()).is_some_and(|c| "超越逾经不通错度".contains(c))
    });
    let start = match (guo, c.name("s")) {
        (Some(p), _) if u != "日" => s - p.len(),
        (_, Some(_)) => s,
        _ => return None,
    };
    Some((start..e + m.len(), add_units(today, tok.value, u)))
}

/// "2026" or "二〇二六" (read digit by digit).
fn parse_year(s: &str) -> Option<i64> {
    let mut y = 0i64;
    let mut n = 0;
    for c in s.chars() {
        let d = match c {
            '〇' | '零' => 0,
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            _ => i64::from(c.to_digit(10)?),
        };
        y = y * 10 + d;
        n += 1;
    }
    (n == 4 && (1900..=2200).contains(&y)).then_some(y)
}

/// English ordinal words, "first" to "twentieth", then "thirtieth" (the 30th).
pub(super) const ORDINALS: [&str; 21] = [
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "seventh",
    "eighth",
    "ninth",
    "tenth",
    "eleventh",
    "twelfth",
    "thirteenth",
    "fourteenth",
    "fifteenth",
    "sixteenth",
    "seventeenth",
    "eighteenth",
    "nineteenth",
    "twentieth",
    "thirtieth",
];

fn ordinal_word(w: &str) -> Option<i64> {
    match ORDINALS.iter().position(|x| *x == w)? {
        20 => Some(30),
        i => Some(i as i64 + 1),
    }
}

/// Monday = 0 … Sunday = 6, from an English weekday name or abbreviation.
fn weekday_index(w: &str) -> Option<i64> {
    Some(match w.to_ascii_lowercase().get(..2)? {
        "mo" => 0,
        "tu" => 1,
        "we" => 2,
        "th" => 3,
        "fr" => 4,
        "sa" => 5,
        "su" => 6,
        _ => return None,
    })
}

fn is_numeral_char(c: char) -> bool {
    c.is_ascii_digit() || "零〇一二两三四五六七八九十百千万亿".contains(c)
}

fn month_num(s: &str) -> Option<i64> {
    let s = s.to_ascii_lowercase();
    let i = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ]
    .iter()
    .position(|p| s.starts_with(p))?;
    Some(i as i64 + 1)
}

fn ymd(y: i64, m: i64, d: i64) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_days(n).ok()?).ok()
}

fn add_months(d: Date, n: i64) -> Option<Date> {
    d.checked_add(Span::new().try_months(n).ok()?).ok()
}

/// `today + n units`; fractional amounts only for "半" (half a month/year).
fn add_units(today: Date, n: f64, unit: &str) -> Option<Date> {
    if !(0.0..=3650.0).contains(&n) {
        return None;
    }
    let u = unit.to_ascii_lowercase();
    let whole = n.fract() == 0.0;
    let k = n as i64;
    match u.as_str() {
        "天" | "日" | "day" | "days" if whole => add_days(today, k),
        "周" | "星期" | "礼拜" | "week" | "weeks" if whole => add_days(today, 7 * k),
        "月" | "month" | "months" if whole => add_months(today, k),
        "月" | "month" | "months" if n == 0.5 => add_days(today, 15),
        "年" | "year" | "years" if whole => today.checked_add(Span::new().try_years(k).ok()?).ok(),
        "年" | "year" | "years" if n == 0.5 => add_months(today, 6),
        _ => None,
    }
}

/// Weekday `idx` (Monday = 0) of the week `weeks` away from the current one.
fn week_day(today: Date, weeks: i64, idx: i64) -> Option<Date> {
    let offset = i64::from(today.weekday().to_monday_zero_offset());
    add_days(today, 7 * weeks - offset + idx)
}

fn before_today(today: Date, idx: i64) -> Option<Date> {
    let offset = i64::from(today.weekday().to_monday_zero_offset());
    add_days(today, -(offset - idx - 1).rem_euclid(7) - 1)
}

fn on_or_after(today: Date, idx: i64) -> Option<Date> {
    let offset = i64::from(today.weekday().to_monday_zero_offset());
    add_days(today, (idx - offset).rem_euclid(7))
}

/// Day `day` of this month if not yet past, else of the next month that has it.
fn day_of_month(today: Date, day: i64) -> Option<Date> {
    let first = today.first_of_month();
    (0..3).find_map(|k| {
        let f = add_months(first, k)?;
        ymd(i64::from(f.year()), i64::from(f.month()), day).filter(|d| *d >= today)
    })
}

/// Day `day` of the month: the next one, or the latest one on or before today when said as past.
fn of_month(today: Date, day: i64, past: bool) -> Option<Date> {
    if !past {
        return day_of_month(today, day);
    }
    let first = today.first_of_month();
    (0..3).find_map(|k| {
        let f = add_months(first, -k)?;
        ymd(i64::from(f.year()), i64::from(f.month()), day).filter(|d| *d <= today)
    })
}

/// An explicit month/day said as past: the latest such date on or before today.
fn month_day_past(today: Date, month: i64, day: i64) -> Option<Date> {
    let this = i64::from(today.year());
    (this - 4..=this)
        .rev()
        .find_map(|y| ymd(y, month, day).filter(|d| *d <= today))
}

/// A month and day written out ("nov 5", "11/5", "11月5号") at `span`: in the year given, else
/// the past one when said as past, the next one when said as a deadline ("by nov 5"), and
/// otherwise whichever is nearer today. A collection call speaks of recent missed due dates
/// far more than of dates most of a year away: "the nov 5 payment" on Nov 28 is this year's.
fn explicit_month_day(
    t: &str,
    span: Range<usize>,
    today: Date,
    year: Option<i64>,
    month: i64,
    day: i64,
) -> Option<Date> {
    if year.is_some() {
        return month_day(today, year, month, day);
    }
    let next = month_day(today, None, month, day);
    if said_ahead(t, span.clone()) {
        return next;
    }
    if said_as_past(t, span) {
        return month_day_past(today, month, day);
    }
    match (next, month_day_past(today, month, day)) {
        (Some(n), Some(p)) => {
            let ahead = (n - today).get_days();
            let behind = (today - p).get_days();
            Some(if behind < ahead { p } else { n })
        }
        (n, p) => n.or(p),
    }
}

/// A deadline word stands right before or after the date at `span` ("by the 5th", "12月3号前").
/// The English words must end right at the date, so no clause break can stand between.
fn said_ahead(t: &str, span: Range<usize>) -> bool {
    EN_AHEAD.is_match(before(t, span.start, 48)) || ZH_AHEAD.is_match(after(t, span.end, 48))
}

/// The date at `span` is spoken of as past: a past word before it in its clause with no
/// intention between ("you promised on the 5th", "ur last payment was oct 15"), or one right
/// after it ("oct 15 payment never came in", "11月5号那期没还"); unless a deadline word stands
/// right before or after it ("by the 5th", "12月3号前").
fn said_as_past(t: &str, span: Range<usize>) -> bool {
    let lead = before(t, span.start, 48);
    // Only the date's own clause counts.
    let lead = lead
        .char_indices()
        .rev()
        .find(|(_, c)| ",.;!?，。；！？".contains(*c))
        .map_or(lead, |(i, c)| &lead[i + c.len_utf8()..]);
    let tail = after(t, span.end, 48);
    if said_ahead(t, span) {
        return false;
    }
    let en_before = EN_PAST_BEFORE
        .find_iter(lead)
        .last()
        .is_some_and(|m| !EN_INTENT.is_match(&lead[m.end()..]));
    let zh_before = ZH_PAST_BEFORE.is_match(before(lead, lead.len(), 18));
    en_before || zh_before || EN_PAST_AFTER.is_match(tail) || ZH_PAST_AFTER.is_match(tail)
}

/// An explicit month/day; without a year, the next such date on or after today.
fn month_day(today: Date, year: Option<i64>, month: i64, day: i64) -> Option<Date> {
    match year {
        Some(y) => ymd(y, month, day),
        // Up to 4 years ahead so that Feb 29 finds the next leap year.
        None => {
            let this = i64::from(today.year());
            (this..=this + 4).find_map(|y| ymd(y, month, day).filter(|d| *d >= today))
        }
    }
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[
    &EN_FIXED,
    &EN_WEEKEND_CUE,
    &EN_WEEKDAY,
    &EN_NEXT_WEEK_DAY,
    &EN_DAY_OF_MONTH,
    &EN_MONTH_PART,
    &EN_DAY_CUE,
    &EN_MONTH_DAY,
    &EN_DAY_MONTH,
    &EN_ORDINAL,
    &EN_ORD_WORD,
    &EN_ORD_CUE,
    &EN_ORD_NOUN,
    &EN_REL_PRE,
    &EN_REL_UNIT,
    &EN_REL_A,
    &EN_PAST_BEFORE,
    &EN_PAST_AFTER,
    &EN_INTENT,
    &EN_AHEAD,
    &ZH_PAST_BEFORE,
    &ZH_PAST_AFTER,
    &ZH_AHEAD,
    &ISO,
    &US,
    &ZH_FIXED,
    &ZH_YEAR_END,
    &ZH_WEEKDAY,
    &ZH_MONTH_REL,
    &ZH_MONTH_DAY,
    &ZH_DAY,
    &ZH_REL,
];

#[cfg(test)]
mod gate_tests {
    use proptest::prelude::*;

    use super::super::{has_digit, has_han, has_latin};
    use super::*;

    proptest! {
        /// A gate that says "cannot match" must never be wrong, or dates would be lost.
        #[test]
        fn gates_never_hide_a_match(t in "(?i)([a-z ]|\\x{17F}|\\x{212A}|[0-9０-９٠-٩/.-]|today|tmr|mon|sat|the|first|[天日早晚月号年周星期礼拜后明今下上个十一二三])*") {
            let (latin, digit, han) = (has_latin(&t), has_digit(&t), has_han(&t));
            for re in [&EN_FIXED, &EN_WEEKDAY, &EN_ORD_WORD, &EN_REL_A] {
                prop_assert!(latin || !re.is_match(&t));
            }
            for re in [&EN_MONTH_DAY, &EN_DAY_MONTH, &EN_ORDINAL] {
                prop_assert!((latin && digit) || !re.is_match(&t));
            }
            for re in [&ISO, &US] {
                prop_assert!(digit || !re.is_match(&t));
            }
            for re in [&ZH_FIXED, &ZH_YEAR_END, &ZH_WEEKDAY, &ZH_MONTH_REL, &ZH_MONTH_DAY, &ZH_DAY] {
                prop_assert!(han || !re.is_match(&t));
            }
        }
    }

    /// Each pattern skipped for want of a word of its group, with that group.
    fn word_gated() -> [(&'static LazyLock<Regex>, Words); 8] {
        [
            (&EN_WEEKDAY, Words::Weekday),
            (&EN_NEXT_WEEK_DAY, Words::Week),
            (&EN_DAY_OF_MONTH, Words::MonthWord),
            (&EN_MONTH_PART, Words::MonthPart),
            (&EN_MONTH_DAY, Words::Month),
            (&EN_DAY_MONTH, Words::Month),
            (&EN_ORD_WORD, Words::Ordinal),
            (&EN_REL_A, Words::Unit),
        ]
    }

    proptest! {
        /// A line without a word of a pattern's group holds no match of it.
        #[test]
        fn word_gates_never_hide_a_match(t in "(?i)([a-z ,-]|\\x{17F}|\\x{212A}|[0-9]|mon|sat|sun|tues|next|week|month|of|the|this|mid|middle|end|early|start|first|fifth|twenty|thirtieth|jan|sept|dec|may|day|year|in a|an|from now|couple)*") {
            let words = super::super::words_in(&t);
            for (re, group) in word_gated() {
                prop_assert!(words & (1 << group as u32) != 0 || !re.is_match(&t), "{t:?}");
            }
        }
    }

    #[test]
    fn word_gates_let_matches_through() {
        for t in [
            "see you MONDAY",
            "next week on Tue",
            "the 5th of NEXT MONTH",
            "mid-December",
            "Dec 5",
            "the 5th of sept",
            "by the Twenty-First",
            "in a Week",
            "next wee\u{212A} monday",
        ] {
            let words = super::super::words_in(t);
            let matched: Vec<_> = word_gated()
                .into_iter()
                .filter(|(re, _)| re.is_match(t))
                .collect();
            assert!(!matched.is_empty(), "{t:?}");
            for (_, group) in matched {
                assert!(words & (1 << group as u32) != 0, "{t:?}");
            }
        }
        assert_eq!(super::super::words_in("call me back, please"), 0);
    }

    #[test]
    fn gates_see_unicode_digits_and_case_folded_letters() {
        assert!(has_digit("٣/٤"));
        assert!(has_latin("\u{212A}"));
        assert!(!has_latin("三天后") && !has_digit("三天后") && has_han("三天后"));
    }
}
