//! Counts ("3 instalments", "分3期", "twice", "3次") and durations
//! ("6 months", "逾期45天", "半年", "two weeks").

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{NumTok, TokKind};
use super::{
    Ctx, Entity, EntityKind, EntityValue, Words, after, before, compile, next_char, next_word_char,
    prev_char,
};

static EN_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)^\s*(?:(?:monthly|weekly|biweekly|bi-weekly|equal|separate|more|smaller|small|missed|late|bounced|returned|failed|partial|full|on-?time|minimum|remaining|further|scheduled|automatic|auto|regular|consecutive|straight)\s+)?(?P<u>instal+ments?|payments?|times)",
    )
});

static TWICE: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)(?-u:\b)(?:twice|thrice)(?-u:\b)"));

/// "once" is a count only where it cannot be the conjunction ("once you pay"):
/// at the end of a clause or before a frequency/time word ("once a month", "once yesterday").
static ONCE: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)once(?:\s*(?:$|[.,;:!?)]|(?:a|per|every|more|again|already|today|yesterday|this|last|so|or|but|before|only|so\s+far)(?-u:\b)))",
    )
});

/// Words before "once" that make it an adverb of manner ("at once", "all at once").
static ONCE_NOT: LazyLock<Regex> = LazyLock::new(|| compile(r"(?i)(?-u:\b)(?:at|for)\s+$"));

/// "split it in 3", "break the balance into three parts": a number of instalments said alone.
static EN_SPLIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:split|break|divide|spread|chop)(?:\s+(?:it|that|this|them|the\s+(?:balance|amount|rest|remainder|total|debt)))?(?:\s+up)?\s+(?:in|into)\s+(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)(?:\s+(?:parts|pieces|chunks|bits|lots|portions))?(?-u:\b)",
    )
});

static ZH_COUNT: LazyLock<Regex> = LazyLock::new(|| compile(r"^(?P<u>期|次|笔)"));

static EN_DUR: LazyLock<Regex> = LazyLock::new(|| {
    compile(r"(?i)^(?:\s*|\s*-\s*)(?P<u>days?|weeks?|wks?|months?|mos?|mths?|years?|yrs?)")
});

/// "a month overdue", "one year behind": a single unit said without a numeral.
static EN_ONE_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"(?i)(?-u:\b)(?:a|one)\s+(?P<u>day|week|fortnight|month|year)\s+(?:overdue|late|behind|past\s+due|delinquent|in\s+arrears)(?-u:\b)",
    )
});

static EN_HALF: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)(?-u:\b)half\s+(?:a\s+)?(?P<u>year|month)(?-u:\b)"));

static ZH_DUR: LazyLock<Regex> = LazyLock::new(|| {
    compile(
        r"^(?P<ge>个)?(?P<duo>多)?(?P<h1>半)?(?P<u>天|周|星期|礼拜|月|年|日内|工作日)(?P<h2>半)?",
    )
});

/// "俩月", "仨星期": the colloquial two and three, read only before a unit of time (as
/// numerals they would make "这俩钱", a little money, into 2).
static ZH_COLLOQUIAL: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?P<n>俩|仨)个?(?P<u>天|周|星期|礼拜|月|年)"));

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    for tok in &ctx.tokens {
        // Every count/duration unit starts with a letter or a Han char (or "-month").
        if !next_word_char(t, tok.span.end).is_some_and(|c| c.is_alphabetic() || c == '-') {
            continue;
        }
        if prev_char(t, tok.span.start) == Some('第') {
            continue; // ordinal: "第3期" is the third instalment, not a count
        }
        // "oct 15 payment" is the payment due on October 15, not 15 payments.
        if let Some(e) = count_at(t, tok).filter(|_| !after_month_name(t, tok.span.start)) {
            out.push(e);
        }
        if let Some(e) = duration_at(t, tok) {
            out.push(e);
        }
    }
    for c in super::gated(ctx.may(Words::Split), || EN_SPLIT.captures_iter(t)) {
        let (Some(m), Some(n)) = (c.get(0), c.name("n")) else {
            continue;
        };
        // "split it into 3 payments / over 3 months": the noun's own recogniser reads it.
        if next_word_char(t, m.end()).is_some_and(|c| c.is_ascii_alphanumeric() || c == '%')
            && (EN_COUNT.is_match(after(t, m.end(), 40))
                || EN_DUR.is_match(after(t, m.end(), 16))
                || after(t, m.end(), 12)
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit() || c == '%'))
        {
            continue;
        }
        let Some(v) = super::numbers::parse_small_int(n.as_str(), 12).filter(|v| *v >= 2) else {
            continue;
        };
        let mut e = Entity::new(
            EntityKind::Count,
            EntityValue::Number(v as f64),
            n.start()..m.end(),
        );
        e.unit = Some("instalment");
        out.push(e);
    }
    for m in super::gated(ctx.may(Words::Twice), || TWICE.find_iter(t)) {
        let v = if m.as_str().eq_ignore_ascii_case("twice") {
            2.0
        } else {
            3.0
        };
        let mut e = Entity::new(EntityKind::Count, EntityValue::Number(v), m.range());
        e.unit = Some("time");
        out.push(e);
    }
    for m in super::gated(ctx.may(Words::Once), || ONCE.find_iter(t)) {
        if ONCE_NOT.is_match(before(t, m.start(), 8)) {
            continue;
        }
        let span = m.start()..m.start() + "once".len();
        let mut e = Entity::new(EntityKind::Count, EntityValue::Number(1.0), span);
        e.unit = Some("time");
        out.push(e);
    }
    for c in super::gated(ctx.may(Words::Overdue), || EN_ONE_UNIT.captures_iter(t)) {
        let (Some(m), Some(u)) = (c.get(0), c.name("u")) else {
            continue;
        };
        // A fortnight (British) is two weeks.
        let (amount, unit) = match u.as_str().to_ascii_lowercase().as_str() {
            "day" => (1.0, "day"),
            "week" => (1.0, "week"),
            "fortnight" => (2.0, "week"),
            "month" => (1.0, "month"),
            _ => (1.0, "year"),
        };
        out.push(duration(m.start()..u.end(), amount, unit));
    }
    for c in super::gated(t.contains(['俩', '仨']), || {
        ZH_COLLOQUIAL.captures_iter(t)
    }) {
        let Some(m) = c.get(0) else { continue };
        let amount = if &c["n"] == "俩" { 2.0 } else { 3.0 };
        let unit = match &c["u"] {
            "天" => "day",
            "月" => "month",
            "年" => "year",
            _ => "week",
        };
        out.push(duration(m.range(), amount, unit));
    }
    for c in super::gated(ctx.may(Words::Half), || EN_HALF.captures_iter(t)) {
        let Some(m) = c.get(0) else { continue };
        let year = c["u"].eq_ignore_ascii_case("year");
        out.push(duration(
            m.range(),
            0.5,
            if year { "year" } else { "month" },
        ));
    }
}

/// The word just before byte `i` is a month name ("oct 15", "Nov. 5").
fn after_month_name(t: &str, i: usize) -> bool {
    let lead = before(t, i, 12).trim_end().trim_end_matches('.');
    let word = lead
        .rsplit(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    !word.is_empty() && super::dates::MONTHS.split('|').any(|m| m == word)
}

fn whole(tok: &NumTok) -> bool {
    tok.kind != TokKind::Half && tok.value.fract() == 0.0 && tok.value >= 1.0 && tok.value <= 1000.0
}

fn count_at(t: &str, tok: &NumTok) -> Option<Entity> {
    if !whole(tok) {
        return None;
    }
    let (mut s, e) = (tok.span.start, tok.span.end);
    // "$60 minimum payment" is the payment's amount, not a number of payments.
    if prev_char(t, s).is_some_and(|c| "$¥£€￥".contains(c)) {
        return None;
    }
    let (len, unit) = if let Some(c) = EN_COUNT.captures(after(t, e, 40)) {
        let m = c.get(0)?;
        if next_char(t, e + m.len()).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let u = c["u"].to_ascii_lowercase();
        let unit = if u.starts_with("instal") {
            "instalment"
        } else if u.starts_with("pay") {
            "payment"
        } else {
            "time"
        };
        (m.len(), unit)
    } else if let Some(c) = ZH_COUNT.captures(after(t, e, 4)) {
        let m = c.get(0)?;
        let unit = match &c["u"] {
            "期" => "instalment",
            "笔" => "payment",
            _ => "time",
        };
        // "一次性" = lump sum; "3期间" = during.
        if next_char(t, e + m.len()).is_some_and(|c| "性间限望待货".contains(c)) {
            return None;
        }
        // "借一笔", "一笔钱", "两笔欠款": 笔 counting sums of money or debts, not payments.
        if unit == "payment" && !sum_not_payment(t, s, e + m.len(), tok.value) {
            return None;
        }
        if before(t, s, 3) == "分" {
            s -= '分'.len_utf8();
        }
        (m.len(), unit)
    } else {
        return None;
    };
    let mut ent = Entity::new(
        EntityKind::Count,
        EntityValue::Number(tok.value),
        s..e + len,
    );
    ent.unit = Some(unit);
    Some(ent)
}

/// True when "N笔" at `s..end` counts payments rather than sums or debts.
fn sum_not_payment(t: &str, s: usize, end: usize, value: f64) -> bool {
    let post = after(t, end, 9);
    let debt_noun = post.starts_with(['钱', '债', '账', '帐'])
        || ["欠款", "贷款", "借款", "款项", "网贷", "资金", "费用"]
            .iter()
            .any(|w| post.starts_with(w));
    let borrowed =
        value == 1.0 && prev_char(t, s).is_some_and(|c| "借贷欠筹凑弄搞找拿挪".contains(c));
    !(debt_noun || borrowed)
}

fn duration(span: std::ops::Range<usize>, amount: f64, unit: &'static str) -> Entity {
    let per_unit = match unit {
        "day" => 1.0,
        "week" => 7.0,
        "month" => 30.0,
        _ => 365.0,
    };
    let mut e = Entity::new(
        EntityKind::Duration,
        EntityValue::Number(amount * per_unit),
        span,
    );
    e.unit = Some(unit);
    e.amount = Some(amount);
    e
}

fn rate_follows(t: &str, i: usize) -> bool {
    let rest = after(t, i, 12);
    let rest = ["还", "付", "交", "给", "就", "只", "先", "要", "能"]
        .iter()
        .find_map(|p| rest.strip_prefix(p))
        .unwrap_or(rest);
    rest.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || "一二两三四五六七八九十百千万壹贰叁肆伍陆柒捌玖拾".contains(c)
    })
}

fn duration_at(t: &str, tok: &NumTok) -> Option<Entity> {
    let (s, e) = (tok.span.start, tok.span.end);
    let v = tok.value;
    if !(v > 0.0 && v <= 10_000.0) {
        return None;
    }
    if tok.kind != TokKind::Half
        && let Some(c) = EN_DUR.captures(after(t, e, 16))
    {
        let m = c.get(0)?;
        if next_char(t, e + m.len()).is_some_and(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        // "40 yrs old" is a person's age, not a span of time ("6 months old" may be the debt's).
        let rest = after(t, e + m.len(), 5).trim_start();
        if c["u"].starts_with(['y', 'Y'])
            && rest.get(..3).is_some_and(|w| w.eq_ignore_ascii_case("old"))
            && !rest
                .get(3..)
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_alphabetic()))
        {
            return None;
        }
        let u = c["u"].to_ascii_lowercase();
        let unit = match u.as_bytes().first() {
            Some(b'd') => "day",
            Some(b'w') => "week",
            Some(b'm') => "month",
            _ => "year",
        };
        return Some(duration(s..e + m.len(), v, unit));
    }
    let c = ZH_DUR.captures(after(t, e, 16))?;
    let m = c.get(0)?;
    let ge = c.name("ge").is_some();
    let h1 = c.name("h1").is_some();
    let h2 = c.name("h2").is_some();
    let u = &c["u"];
    // "6月" is June and "一个半" needs 个; "2026年" is a year.
    if (!ge && (u == "月" || h1)) || (ge && matches!(u, "天" | "周" | "年")) {
        return None;
    }
    if tok.kind == TokKind::Half && (h1 || h2) {
        return None;
    }
    let after_unit = next_char(t, e + m.len());
    if u == "年" && (v > 100.0 || after_unit.is_some_and(|c| "级月底末初前代".contains(c)))
    {
        return None;
    }
    if u == "周" && after_unit == Some('年') {
        return None; // 一周年 = anniversary
    }
    if u == "天" && after_unit == Some('天') {
        return None;
    }
    // "一个月一千", "一周还五百": one unit followed by an amount is a rate ("a month").
    if v == 1.0 && !h1 && !h2 && rate_follows(t, e + m.len()) {
        return None;
    }
    let amount = v + if h1 || h2 { 0.5 } else { 0.0 };
    if c.name("duo").is_some() && (h1 || h2 || tok.kind == TokKind::Half) {
        return None;
    }
    // "3日内" = within three days; the 内 stays out of the span like "30天内".
    let span_end = if u == "日内" {
        e + m.len() - '内'.len_utf8()
    } else {
        e + m.len()
    };
    let unit = match u {
        // Working days are counted as days, as they are said.
        "天" | "日内" | "工作日" => "day",
        "周" | "星期" | "礼拜" => "week",
        "月" => "month",
        _ => "year",
    };
    Some(duration(s..span_end, amount, unit))
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[
    &EN_COUNT,
    &ZH_COLLOQUIAL,
    &TWICE,
    &ONCE,
    &ONCE_NOT,
    &EN_SPLIT,
    &ZH_COUNT,
    &EN_DUR,
    &EN_ONE_UNIT,
    &EN_HALF,
    &ZH_DUR,
];

#[cfg(test)]
mod gate_tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A line without a word of a pattern's group holds no match of it.
        #[test]
        fn word_gates_never_hide_a_match(t in "(?i)([a-z ,.-]|\\x{17F}|\\x{212A}|[0-9]|split|break|it|into|in|three|twice|thrice|once|a|one|day|month|overdue|past due|late|half|year)*") {
            let words = super::super::words_in(&t);
            for (re, group) in [
                (&EN_SPLIT, Words::Split),
                (&TWICE, Words::Twice),
                (&ONCE, Words::Once),
                (&EN_ONE_UNIT, Words::Overdue),
                (&EN_HALF, Words::Half),
            ] {
                prop_assert!(words & (1 << group as u32) != 0 || !re.is_match(&t), "{t:?}");
            }
        }
    }
}
