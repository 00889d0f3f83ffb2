//! Money: a numeral token plus currency markers, multipliers (k, grand, 万)
//! or money context words ("owe 5200", "还三千").

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{NumTok, TokKind, tidy};
use super::{
    Ctx, Entity, EntityKind, EntityValue, Words, after, before, compile, next_char, next_word_char,
    prev_char, prev_word_char,
};

static PRE_CUR: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?:(?:(?P<aud>a\$|au\$|aud)|(?P<nzd>nz\$|nzd)|(?P<sgd>s\$|sgd)|(?P<jmd>j\$|jmd)|(?P<usd>us\$|\$|usd)|(?P<gbp>£|gbp)|(?P<eur>€|eur)|(?P<cny>¥|rmb|cny|人民币)|(?P<kes>kshs?\.?|kes)|(?P<zar>zar))\s?|(?P<rand>(?-u:\b)r))$",
    )
});

static MULT_WORD: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)^\s*(?P<w>thousand|grand|hundred|million|mil|billion|bn)"));

static SUF_CUR: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s*(?:(?P<aud>aud|australian dollars?)|(?P<usd>us\s+dollars?|dollars?|bucks?|usd|美元|美金|刀)|(?P<gbp>pounds?|quid|gbp|英镑)|(?P<eur>euros?|eur|欧元)|(?P<kes>shillings?|bob|kes|ksh)|(?P<zar>rands?|zar)|(?P<cny>元整?|块钱?|圆|人民币|rmb|cny|yuan|kuai))",
    )
});

/// "5块5毛" / "3元2角": tenths after the yuan.
static JIAO: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^([0-9]|[一二两三四五六七八九])[毛角]钱?"));

/// "三块五" / "42块5，": a lone numeral right after 块 is tenths, when nothing but the end, a
/// pause or a particle follows it ("5块5号前" is a date, "200块5天内" a duration).
static KUAI_TENTHS: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"^([0-9]|[一二两三四五六七八九])(?:$|[，,。.!！?？;；\s吧啊呢哈的钱])")
});

/// "五毛钱": tenths on their own.
static JIAO_ALONE: LazyLock<Regex> = LazyLock::new(|| compile(r"^[毛角]钱?"));

static EN_PRE_CTX: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:pay|pays|paid|paying|repay|repaid|owe|owes|owed|owing|balance|bal|amount|amt|amnt|total|payments?|instal+ments?|send|sending|sent|venmo|zelle|paypal|cashapp|settle|settled|settling|transfer|transferred|wire|deposit|due|outstanding|debt|charge|charged|collect|offer|offered|offering|accept|afford|cover|do|make|sum|minimum|min|down|borrowed|loan|remaining|overdue|arrears|cost|fee|bring|put|give|get|bit|part|piece|chunk|rest|remainder|figure|current)(?:[\s:]+(?:is|was|are|be|of|me|us|you|u|ya|it|him|her|them|for|about|around|approximately|roughly|maybe|like|only|just|at|least|most|a|an|the|total|full|remaining|back|off|now|today|still|currently|right|probably|up|to|another|extra|additional|first|in|payment|amount|sum|will|can|could|would|i|we|my|your|our|off|down))*[\s:]*$",
    )
});

static ZH_PRE_CTX: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?:还|欠|付|交|转|汇|打款|转账|金额|余额|欠款|还款|欠费|本金|利息|罚息|滞纳金|手续费|服务费|加收|收取|哪怕|首付|每期|每月|每个月|一共|总共|共计|合计|总额|总计|最低|最少|至少|剩|剩下|剩余|差|赔|结清|还清|补|凑|只有|拿出|先给|月供|一半|这期|本期|当期|一期|那期|这一期|(?i:balance|amount|payment|total|minimum|due))(?:了|款|上|给|个|您|你|我们|咱们|我|他|她|是|为|有|约|大概|差不多|先|再|就|只|能|可以|一共|总共|共|仅|才|都|要|需|需要|应|额|的|还|欠|付|交|转|吧|呢|现在|目前|：|:|\s)*$",
    )
});

static EN_SUF_CTX: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s*(?:per\s+(?:month|week|mo|instal+ment|payment)|a\s+(?:month|week)|monthly|weekly|each|every\s+(?:month|week)|up\s*front|down(?-u:\b)|bi-?weekly|fortnightly|every\s+(?:two|2|other)\s+weeks?|now(?-u:\b)|is\s+(?:the\s+|your\s+|my\s+)?(?:balance|amount|total|minimum|payment|max|best)|in\s+total|total(?-u:\b)|owed|outstanding|due(?-u:\b)|past\s+due|overdue|minimum|ready(?-u:\b)|in\s+(?:late\s+)?(?:fees|charges|interest)|left(?-u:\b)|remaining|towards?(?-u:\b)|to\s+(?:settle|pay|clear)|(?:processing|convenience|admin|administrative|service|handling|late|rush|extra|setup|set-up)\s+(?:fee|charge|surcharge)s?|(?:fee|charge|surcharge)s?(?-u:\b))",
    )
});

static ZH_SUF_CTX: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?:的?(?:欠款|余额|本金|利息|首付|尾款|还款|账单|欠费|手续费|服务费|违约金|滞纳金|罚息)|就行|就可以|就好|也行|也可以|都行|都可以|行吗|可以吗|行不行|够吗|先还|一期|每期|每月|一个月|左右|以上|上下|还了|还上|还掉|还清|结清|清掉|交清|补上|还进来|打过来|转过来|打给|转给|存进|到账)",
    )
});

/// Words after a number that make it something other than money.
static EN_SUF_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s*(?:(?:days?|weeks?|months?|years?|yrs?|hours?|hrs?|minutes?|mins?|seconds?|secs?|times?|payments?|instal+ments?|people|persons?|kids?|children|calls?|attempts?|letters?|accounts?|cards?|items?|percent|pct|per\s*cent|am|pm|a\.m|p\.m|o'?clock)(?-u:\b)|%|[:：]\d)",
    )
});

/// Chinese measure words and time markers: "3期", "15号", "3点", "2026年", "一半".
const ZH_BLOCK: &str = "个人次期天年月号日条件份张本位名家米斤克公岁分秒点时周星礼倍楼层页章届级辆台只头口套间半下些起直定样成折%";

/// The hundreds after "N thousand": " 450".
static REST_HUNDREDS: LazyLock<Regex> = LazyLock::new(|| compile(r"^ (\d{1,3})"));

pub(super) static A_GRAND: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)(?-u:\b)a\s+grand(?-u:\b)"));

/// "2-3k", "$1.5-2k", "2到3万": an approximate range takes its upper bound (as 五六百 does).
static RANGE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?P<usd>\$)?(?P<a>\d+(?:\.\d+)?)\s?(?:-|–|~|to|到|至)\s?\$?(?P<b>\d+(?:\.\d+)?)\s?(?P<m>k|grand|thousand|w|万)",
    )
});

/// "1 234 dollars", "$12 500": a space as thousands separator, only with a currency.
static SPACED: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?P<pre>\$|¥|£|€|usd\s?|rmb\s?|aud\s?|kshs?\s?|kes\s?|zar\s?|(?-u:\b)r)?(?P<n>\d{1,3}(?: \d{3})+)(?P<suf>\s?(?:dollars?|bucks|usd|pounds|euros|rands?|shillings|bob)(?-u:\b)|元|块)?",
    )
});

/// "50? 100?", "200, 300 or 400": what may stand between amounts offered in one breath.
static LIST_GAP: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)^\s*(?:[,?，？、]\s*(?:(?:or|maybe)\s+)?|(?:or|and|maybe)\s+)$")
});

/// "what can u do each month, 50?": an amount right after a per-period phrase, past a comma too.
static EN_RATE_PRE: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)(?-u:\b)(?:(?:each|every|per|a)\s+(?:month|week)|monthly|weekly)\s*[,:]?\s*$")
});

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    // End of the last amount read from a token: a bare number listed right after it is one too.
    let mut last_end: Option<usize> = None;
    for tok in &ctx.tokens {
        let listed = last_end.is_some_and(|e| {
            e <= tok.span.start
                && tok.span.start - e <= 16
                && ctx
                    .text
                    .get(e..tok.span.start)
                    .is_some_and(|gap| LIST_GAP.is_match(gap))
        });
        if let Some(e) = money_at(ctx, tok, listed) {
            last_end = Some(e.span.end);
            out.push(e);
        }
    }
    let t = ctx.text;
    for c in super::gated(ctx.digit, || RANGE.captures_iter(t)) {
        let (Some(m), Some(a), Some(b)) = (
            c.get(0),
            c.name("a").and_then(|a| a.as_str().parse::<f64>().ok()),
            c.name("b").and_then(|b| b.as_str().parse::<f64>().ok()),
        ) else {
            continue;
        };
        let unit = c["m"].to_ascii_lowercase();
        let ascii_unit = unit.starts_with(|u: char| u.is_ascii_alphabetic());
        if b <= a
            || (ascii_unit && next_char(t, m.end()).is_some_and(|n| n.is_ascii_alphanumeric()))
            || !super::digit_bounded(t, &m.range())
            || prev_char(t, m.start()).is_some_and(|p| p.is_ascii_alphabetic() || p == '/')
        {
            continue;
        }
        let mult = if matches!(unit.as_str(), "w" | "万") {
            1e4
        } else {
            1e3
        };
        let mut e = Entity::new(
            EntityKind::Money,
            EntityValue::Number(tidy(b * mult)),
            m.range(),
        );
        e.currency = c.name("usd").map(|_| "USD");
        out.push(e);
    }
    for c in super::gated(t.contains(' '), || SPACED.captures_iter(t)) {
        let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        if !super::digit_bounded(t, &m.range())
            || prev_char(t, m.start()).is_some_and(|p| p.is_ascii_alphanumeric())
        {
            continue;
        }
        let pre = c
            .name("pre")
            .map(|p| p.as_str().trim().to_ascii_lowercase());
        let suf = c
            .name("suf")
            .map(|p| p.as_str().trim().to_ascii_lowercase());
        let currency = match (pre.as_deref(), suf.as_deref()) {
            (Some("aud"), _) => "AUD",
            (Some("ksh" | "kshs" | "kes"), _) | (_, Some("shillings" | "bob")) => "KES",
            (Some("r" | "zar"), _) | (_, Some("rand" | "rands")) => "ZAR",
            (Some("$" | "usd"), _) | (_, Some("dollar" | "dollars" | "bucks" | "usd")) => "USD",
            (Some("£"), _) | (_, Some("pounds")) => "GBP",
            (Some("€"), _) | (_, Some("euros")) => "EUR",
            (Some(_), _) | (_, Some(_)) => "CNY",
            (None, None) => continue,
        };
        let Some(v) = super::numbers::parse_arabic(&n.as_str().replace(' ', "")) else {
            continue;
        };
        let mut e = Entity::new(EntityKind::Money, EntityValue::Number(v), m.range());
        e.currency = Some(currency);
        out.push(e);
    }
    for m in super::gated(ctx.may(super::Words::Grand), || A_GRAND.find_iter(ctx.text)) {
        out.push(Entity::new(
            EntityKind::Money,
            EntityValue::Number(1000.0),
            m.range(),
        ));
    }
}

/// Each currency group of `PRE_CUR` and `SUF_CUR` and the code it names; a match of none of
/// them (元, 块, ¥) is yuan.
const CURRENCY_GROUPS: [(&str, &str); 10] = [
    ("aud", "AUD"),
    ("nzd", "NZD"),
    ("sgd", "SGD"),
    ("jmd", "JMD"),
    ("kes", "KES"),
    ("zar", "ZAR"),
    ("rand", "ZAR"),
    ("usd", "USD"),
    ("gbp", "GBP"),
    ("eur", "EUR"),
];

/// The currency a `PRE_CUR` or `SUF_CUR` match names.
fn named(c: &regex::Captures) -> &'static str {
    CURRENCY_GROUPS
        .iter()
        .find(|(group, _)| c.name(group).is_some())
        .map_or("CNY", |(_, code)| code)
}

fn money_at(ctx: &Ctx, tok: &NumTok, listed: bool) -> Option<Entity> {
    let t = ctx.text;
    if tok.kind == TokKind::Half {
        return None;
    }
    let mut start = tok.span.start;
    let mut end = tok.span.end;
    let mut value = tok.value;
    let mut currency = None;
    let mut strong = tok.sep || tok.mult;

    let pre_gate =
        prev_word_char(t, start).is_some_and(|c| c.is_ascii_alphabetic() || "$¥币£€".contains(c));
    if let Some(c) = PRE_CUR.captures(before(t, start, 16)).filter(|_| pre_gate) {
        let m = c.get(0)?;
        let glued_letter = prev_char(t, start - m.len()).is_some_and(|p| p.is_ascii_alphabetic())
            && m.as_str().starts_with(|p: char| p.is_ascii_alphabetic());
        // A bare "R" before one digit is a road or a grade ("the R2"), not rand.
        let lone_r = c.name("rand").is_some() && tok.value < 10.0;
        if !glued_letter && !lone_r {
            start -= m.len();
            currency = Some(named(&c));
        }
    }
    if prev_char(t, tok.span.start) == Some('第') {
        return None;
    }
    if currency.is_none() {
        // "A123", "#5", "12/5", "3:30", "ID:4471", "v1.2" are not amounts; "金额：1.2万" is.
        let labelled = prev_char(t, start) == Some(':')
            && start
                .checked_sub(1)
                .and_then(|colon| prev_char(t, colon))
                .is_some_and(|c| c.is_ascii_alphanumeric());
        if labelled
            || prev_char(t, start).is_some_and(|c| c.is_ascii_alphabetic() || "#/.@_".contains(c))
        {
            return None;
        }
        if prev_char(t, start) == Some('-')
            && prev_char(t, start - 1).is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
    }

    // Multipliers written after the number.
    if tok.kind != TokKind::Chinese {
        let nc = next_char(t, end);
        let nn = next_char(t, end + 1);
        let glued = |c: char| nn.is_none_or(|n| !n.is_ascii_alphanumeric()) && nc == Some(c);
        let tail_digit = nn.and_then(|n| n.to_digit(10)).filter(|_| {
            value.fract() == 0.0
                && !next_char(t, end + 2).is_some_and(|c| c.is_ascii_alphanumeric())
        });
        let mult = match nc {
            Some('w' | 'W') => 1e4,
            _ => 1e3,
        };
        if let (TokKind::Arabic, Some('k' | 'K' | 'w' | 'W'), Some(d)) = (tok.kind, nc, tail_digit)
        {
            // "1w5" = 15000, "2k5" = 2500: the digit is the next lower place.
            value = value * mult + f64::from(d) * mult / 10.0;
            end += 2;
            strong = true;
        } else if tok.kind == TokKind::Arabic && (glued('k') || glued('K')) {
            value *= 1e3;
            end += 1;
            strong = true;
        } else if tok.kind == TokKind::Arabic && (glued('w') || glued('W')) {
            value *= 1e4;
            end += 1;
            strong = true;
        } else if let Some(c) = MULT_WORD
            .captures(after(t, end, 16))
            .filter(|_| next_word_char(t, end).is_some_and(|c| c.is_ascii_alphabetic()))
        {
            let m = c.get(0)?;
            if !next_char(t, end + m.len()).is_some_and(|n| n.is_ascii_alphabetic()) {
                let w = c["w"].to_ascii_lowercase();
                value *= match w.as_str() {
                    "hundred" => 1e2,
                    "thousand" | "grand" => 1e3,
                    "million" | "mil" => 1e6,
                    _ => 1e9,
                };
                end += m.len();
                strong = true;
                // "7 thousand 450" = 7450: the hundreds said after the thousands.
                if w == "thousand"
                    && let Some(r) = REST_HUNDREDS.captures(after(t, end, 8))
                    && let (Some(rm), Ok(rest)) = (r.get(0), r[1].parse::<f64>())
                    && !next_char(t, end + rm.len())
                        .is_some_and(|n| n.is_ascii_alphanumeric() || "%/:.,".contains(n))
                {
                    value += rest;
                    end += rm.len();
                }
            }
        }
    }
    if tok.kind == TokKind::English {
        let lower = t.get(tok.span.clone())?.to_ascii_lowercase();
        strong |= ["thousand", "million", "billion"]
            .iter()
            .any(|w| lower.contains(w));
    }

    // "两千多块", "三百来块": an approximate amount, then its currency.
    if let Some(about) = ["多", "来", "余"].iter().find(|a| {
        after(t, end, 8)
            .strip_prefix(**a)
            .is_some_and(|rest| rest.starts_with(['块', '元']))
    }) {
        end += about.len();
    }
    let suf_gate = next_word_char(t, end)
        .is_some_and(|c| c.is_ascii_alphabetic() || "元块圆人美刀英欧".contains(c));
    if let Some(c) = SUF_CUR.captures(after(t, end, 24)).filter(|_| suf_gate) {
        let m = c.get(0)?;
        let word = m.as_str().trim_start();
        let ascii_word = word.starts_with(|p: char| p.is_ascii_alphabetic());
        let glued_letter =
            ascii_word && next_char(t, end + m.len()).is_some_and(|n| n.is_ascii_alphabetic());
        // "一块(儿)还" is "together", not one yuan.
        let together = word == "块" && tok.value == 1.0 && tok.kind == TokKind::Chinese;
        if !glued_letter && !together && currency.is_none() {
            currency = Some(named(&c));
            end += m.len();
            if currency == Some("CNY")
                && let Some(j) = JIAO.captures(after(t, end, 16))
            {
                value += jiao(&j[1]) / 10.0;
                end += j.get(0)?.len();
            } else if word == "块"
                && let Some(j) = KUAI_TENTHS.captures(after(t, end, 16))
            {
                value += jiao(&j[1]) / 10.0;
                end += j.get(1)?.len();
            }
        }
    }
    if currency.is_none()
        && tok.value < 10.0
        && matches!(next_char(t, end), Some('毛' | '角'))
        && let Some(j) = JIAO_ALONE.captures(after(t, end, 8))
    {
        value *= 0.1;
        end += j.get(0)?.len();
        currency = Some("CNY");
    }

    if currency.is_none() {
        // "1/2", "12/5": fractions and dates.
        if next_char(t, end) == Some('/')
            && next_char(t, end + 1).is_some_and(|c| c.is_ascii_digit())
        {
            return None;
        }
        if blocked_after(t, end) {
            return None;
        }
        // A bare single-digit word ("还一下", "一次", "the first one due") is almost never an amount.
        if matches!(tok.kind, TokKind::Chinese | TokKind::English) && !strong && value < 10.0 {
            return None;
        }
        let scheduled = value > 24.0 && before_date(ctx, start, end);
        let listed = listed && value >= 10.0;
        if !(strong || scheduled || listed || has_context(ctx, start, end)) {
            return None;
        }
        // "at 3" is a time.
        // "at 3", "at two fifty" are times.
        if !strong
            && (value <= 24.0 || tok.kind == TokKind::English)
            && before(t, start, 4).to_ascii_lowercase().ends_with("at ")
        {
            return None;
        }
    }
    let mut e = Entity::new(
        EntityKind::Money,
        EntityValue::Number(tidy(value)),
        start..end,
    );
    e.currency = currency;
    Some(e)
}

/// "450 on dec 1", "200 friday", "the other 400 by the 15th": a bare amount
/// scheduled on a date (a recap of a plan) is money.
static DATE_LINK: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)^\s*(?:(?:on|by|before|until|till|til|due(?:\s+(?:on|by))?)\s+)?")
});

/// "card ending 4521 on friday": identifiers, not amounts.
static ID_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:ending(?:\s+in)?|account|acct|card|number|no\.?|id|ref(?:erence)?|room|unit|ext)\s*$",
    )
});

fn before_date(ctx: &Ctx, start: usize, end: usize) -> bool {
    if ID_BEFORE.is_match(before(ctx.text, start, 24)) {
        return false;
    }
    let gap = DATE_LINK
        .find(after(ctx.text, end, 24))
        .map_or(0, |m| m.len());
    ctx.date_starts.contains(&(end + gap)) && gap > 0
}

fn jiao(s: &str) -> f64 {
    match s.chars().next() {
        Some(c) if c.is_ascii_digit() => c.to_digit(10).map_or(0.0, f64::from),
        Some(c) => super::numbers::parse_mixed(c.encode_utf8(&mut [0; 4])).unwrap_or(0.0),
        None => 0.0,
    }
}

/// "分两笔", "分10期", "分3个月": after an amount, 分 splits it rather than counting minutes.
static ZH_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| compile(r"^分\s?[0-9一二两三四五六七八九十]{1,3}\s?(?:个月|期|笔|次|月|份)"));

/// 下个月, 下月, 下周, 下星期 after an amount: a date follows it, not a count of times.
static NEXT_PERIOD: LazyLock<Regex> = LazyLock::new(|| compile(r"^下(?:个?月|周|星期|礼拜)"));

fn blocked_after(t: &str, end: usize) -> bool {
    match next_char(t, end) {
        Some('分') if ZH_SPLIT.is_match(after(t, end, 24)) => false,
        // "剩下的565下个月15号前还清": 下 opens the next month's date, not "565 times".
        Some('下') if NEXT_PERIOD.is_match(after(t, end, 24)) => false,
        Some(c) if c.is_ascii_alphabetic() => true,
        Some(c) if ZH_BLOCK.contains(c) => true,
        Some(_) => {
            next_word_char(t, end).is_some_and(|c| c.is_ascii_alphabetic() || "%:：".contains(c))
                && EN_SUF_BLOCK.is_match(after(t, end, 24))
        }
        None => false,
    }
}

fn has_context(ctx: &Ctx, start: usize, end: usize) -> bool {
    let t = ctx.text;
    let pre = before(t, start, 60);
    let post = after(t, end, 40);
    let (p, n) = (prev_word_char(t, start), next_word_char(t, end));
    let ascii = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphabetic() || c == ':');
    let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii() || c == ':');
    (ascii(p) && EN_PRE_CTX.is_match(pre))
        || (wide(p) && ZH_PRE_CTX.is_match(pre))
        || (ascii(n) && EN_SUF_CTX.is_match(post))
        || (wide(n) && ZH_SUF_CTX.is_match(post))
        || (ctx.may(Words::Unit)
            && p.is_some_and(|c| c.is_ascii_alphabetic() || c == ',' || c == ':')
            && EN_RATE_PRE.is_match(pre))
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[
    &PRE_CUR,
    &MULT_WORD,
    &SUF_CUR,
    &JIAO,
    &KUAI_TENTHS,
    &JIAO_ALONE,
    &EN_PRE_CTX,
    &ZH_PRE_CTX,
    &EN_SUF_CTX,
    &ZH_SUF_CTX,
    &NEXT_PERIOD,
    &EN_SUF_BLOCK,
    &REST_HUNDREDS,
    &A_GRAND,
    &RANGE,
    &SPACED,
    &LIST_GAP,
    &EN_RATE_PRE,
    &DATE_LINK,
    &ID_BEFORE,
    &ZH_SPLIT,
];
