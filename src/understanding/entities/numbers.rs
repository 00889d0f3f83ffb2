//! Numeral tokens: Arabic ("5,200.50"), Chinese ("两万五", "壹万"), mixed
//! ("5.2万", "1万5") and English words ("twenty-five", "one hundred and ten").
//! Multipliers outside the token (k, grand, thousand) are left to `money`.
//! Approximate ranges (五六百 = 500-600, 一两万, 三五千) take the upper bound,
//! and need a unit after the pair: a bare "五六" is not read as a range.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::compile;

/// Largest value a token may take; anything bigger is treated as noise.
const MAX_VALUE: f64 = 1e12;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum TokKind {
    /// Only Arabic digits (and separators).
    Arabic,
    /// Contains at least one Chinese numeral character.
    Chinese,
    English,
    /// A lone "半" (half), only meaningful before a time unit.
    Half,
}

#[derive(Debug, Clone)]
pub(super) struct NumTok {
    pub span: Range<usize>,
    pub value: f64,
    pub kind: TokKind,
    /// Has a thousands separator ("5,200").
    pub sep: bool,
    /// Contains a Chinese multiplier 千/万/亿.
    pub mult: bool,
}

const CN_CHARS: &str = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩貳參陸";

static SORTED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut chars: Vec<char> = CN_CHARS.chars().collect();
    chars.sort_unstable();
    chars
});

/// One of `CN_CHARS`, by a binary search of them sorted: searching the string would walk it
/// for every character of a line.
fn is_cn_numeral(c: char) -> bool {
    !c.is_ascii() && SORTED.binary_search(&c).is_ok()
}

static RUN_RE: LazyLock<Regex> = LazyLock::new(|| {
    compile(&format!(
        r"(?:\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|[{CN_CHARS}])+"
    ))
});

static ELEM_RE: LazyLock<Regex> =
    LazyLock::new(|| compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|."));

/// Every word `EN_RE` is made of; a line holding none of them has no English number.
pub(super) const EN_NUMBER_WORDS: [&str; 33] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fourty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
    "thousand",
    "million",
    "billion",
];

static EN_RE: LazyLock<Regex> = LazyLock::new(|| {
    let words = EN_NUMBER_WORDS.join("|");
    compile(&format!(
        r"(?i)(?-u:\b)(?:a[\s-]+(?:hundred|thousand|million)|{words})(?:[\s-]+(?:and[\s-]+)?(?:{words}))*(?-u:\b)"
    ))
});

/// All numeral tokens in `text`, sorted by start; `words`: it may hold an English number word
/// (see `EN_NUMBER_WORDS`); `digit`: it holds a digit (see `has_digit`).
pub(super) fn tokens(text: &str, words: bool, digit: bool) -> Vec<NumTok> {
    let mut out = Vec::new();
    let runs = digit || text.chars().any(is_cn_numeral);
    for m in super::gated(runs, || RUN_RE.find_iter(text)) {
        if let Some(tok) = best_run_token(text, m.start(), m.end()) {
            out.push(tok);
        }
    }
    for m in super::gated(words, || EN_RE.find_iter(text)) {
        if let Some(value) = parse_english(m.as_str()) {
            out.push(NumTok {
                span: m.range(),
                value,
                kind: TokKind::English,
                sep: false,
                mult: false,
            });
        }
    }
    for (i, _) in text.match_indices('半') {
        out.push(NumTok {
            span: i..i + '半'.len_utf8(),
            value: 0.5,
            kind: TokKind::Half,
            sep: false,
            mult: false,
        });
    }
    out.sort_by_key(|t| t.span.start);
    out
}

/// A numeral run may share chars with its neighbours: a word may end in one
/// ("周五三千": retry without one or two leading chars) and the next word may
/// start with one ("三万一直", "一万五一个月": retry without one or two trailing
/// chars). The first reading that parses wins, fewest trailing chars dropped first.
fn best_run_token(text: &str, start: usize, end: usize) -> Option<NumTok> {
    let run = text.get(start..end)?;
    let starts: Vec<usize> = run.char_indices().map(|(i, _)| i).take(3).collect();
    let ends: Vec<usize> = std::iter::once(run.len())
        .chain(run.char_indices().rev().map(|(i, _)| i).take(2))
        .filter(|&e| e > 0)
        .collect();
    for (k, &e) in ends.iter().enumerate() {
        for &off in starts.iter().filter(|&&o| o < e) {
            let Some(tok) = run
                .get(off..e)
                .and_then(|s| run_token(s, start + off..start + e))
            else {
                continue;
            };
            // "三万一直": the colloquial tail digit starts the next word.
            if k == 0
                && let Some(short) = tail_starts_word(text, &tok)
            {
                return Some(short);
            }
            return Some(tok);
        }
    }
    None
}

/// Chars that, after a Chinese digit, make a measure word or time unit ("两个", "一次").
const TAIL_MEASURE: &str = "个次期笔年月天周号日点岁位件张条";
/// Chars that, after 一, make an ordinary word ("一直", "一下", "一起", "一定").
const TAIL_YI_WORD: &str = "直下起定样般共些边旦切向早律再半";

/// When `tok` ends in a colloquial tail digit ("三万一" = 31000) that actually
/// begins the next word ("三万一直", "一万两个月"), the token without it.
fn tail_starts_word(text: &str, tok: &NumTok) -> Option<NumTok> {
    let s = text.get(tok.span.clone())?;
    let mut rev = s.chars().rev();
    let last = rev.next()?;
    let unit = rev.next()?;
    cn_digit(last)?;
    cn_unit(unit).filter(|(u, _)| *u >= 100.0)?;
    let next = super::next_char(text, tok.span.end)?;
    let joins = TAIL_MEASURE.contains(next) || (last == '一' && TAIL_YI_WORD.contains(next));
    if !joins {
        return None;
    }
    let end = tok.span.end - last.len_utf8();
    run_token(text.get(tok.span.start..end)?, tok.span.start..end)
}

fn run_token(s: &str, span: Range<usize>) -> Option<NumTok> {
    if s.len() > 120 {
        return None; // no plausible number is that long
    }
    // Bare multipliers are words: "千万" = "by all means", "万一" = "in case".
    let has_digit = s
        .chars()
        .any(|c| c.is_ascii_digit() || cn_digit(c).is_some());
    if !has_digit && !s.starts_with(['十', '拾']) {
        return None;
    }
    let value = parse_mixed(s)?;
    Some(NumTok {
        span,
        value,
        kind: if s.is_ascii() {
            TokKind::Arabic
        } else {
            TokKind::Chinese
        },
        sep: s.contains(','),
        mult: s.contains(['千', '万', '亿', '仟', '萬', '億']),
    })
}

fn cn_digit(c: char) -> Option<f64> {
    Some(match c {
        '零' | '〇' => 0.0,
        '一' | '壹' => 1.0,
        '二' | '两' | '贰' | '兩' | '貳' => 2.0,
        '三' | '叁' | '參' => 3.0,
        '四' | '肆' => 4.0,
        '五' | '伍' => 5.0,
        '六' | '陆' | '陸' => 6.0,
        '七' | '柒' => 7.0,
        '八' | '捌' => 8.0,
        '九' | '玖' => 9.0,
        _ => return None,
    })
}

/// Unit value and level: 0 = 十/百/千, 1 = 万, 2 = 亿.
fn cn_unit(c: char) -> Option<(f64, u8)> {
    Some(match c {
        '十' | '拾' => (10.0, 0),
        '百' | '佰' => (100.0, 0),
        '千' | '仟' => (1e3, 0),
        '万' | '萬' => (1e4, 1),
        '亿' | '億' => (1e8, 2),
        _ => return None,
    })
}

/// Rounds away float noise from multiplications such as 5.2 × 10000.
pub(super) fn tidy(v: f64) -> f64 {
    if v.abs() < 1e10 {
        (v * 1e4).round() / 1e4
    } else {
        v.round()
    }
}

pub(super) fn parse_arabic(s: &str) -> Option<f64> {
    let int_digits = s.split('.').next().unwrap_or("").len();
    if int_digits > 13 {
        return None;
    }
    let v: f64 = s.replace(',', "").parse().ok()?;
    (v.is_finite() && v <= MAX_VALUE).then_some(v)
}

/// Parses Arabic, Chinese or mixed numerals, including colloquial trailing
/// digits: 两万五 = 25000, 三千二 = 3200, 1万5 = 15000, 5.2万 = 52000.
pub(super) fn parse_mixed(s: &str) -> Option<f64> {
    let mut total = 0.0; // completed 亿 groups
    let mut wan = 0.0; // completed 万 group
    let mut small = 0.0; // below 万
    let mut digit: Option<f64> = None;
    let mut last_unit = 0.0;
    let mut small_cap = f64::INFINITY; // 十/百/千 must strictly decrease
    let mut zero = false;
    let mut seen = false;
    let mut ranged = false;
    let mut prev: Option<char> = None;
    for m in ELEM_RE.find_iter(s) {
        let el = m.as_str();
        let c = el.chars().next()?;
        let prev_el = prev.replace(c);
        if c.is_ascii_digit() {
            if digit.is_some() {
                return None;
            }
            digit = Some(parse_arabic(el)?);
        } else if let Some(d) = cn_digit(c) {
            if d == 0.0 && seen {
                if digit.is_some() {
                    return None; // "一零": digit-by-digit reading
                }
                zero = true;
            } else {
                match (digit, prev_el) {
                    // "五六百" = 500-600: a range; keep the upper bound.
                    (Some(p), Some(pc)) if !ranged && cn_digit(pc) == Some(p) && is_range(p, d) => {
                        ranged = true;
                        digit = Some(d);
                    }
                    (Some(_), _) => return None,
                    (None, _) => digit = Some(d),
                }
            }
        } else if let Some((u, level)) = cn_unit(c) {
            match level {
                0 => {
                    if u >= small_cap {
                        return None;
                    }
                    small += digit.take().unwrap_or(1.0) * u;
                    small_cap = u;
                }
                1 => {
                    let group = small + digit.take().unwrap_or(0.0);
                    if group == 0.0 || wan != 0.0 {
                        return None;
                    }
                    wan = group * u;
                    small = 0.0;
                    small_cap = f64::INFINITY;
                }
                _ => {
                    let group = wan + small + digit.take().unwrap_or(0.0);
                    if group == 0.0 {
                        return None;
                    }
                    total = (total + group) * u;
                    wan = 0.0;
                    small = 0.0;
                    small_cap = f64::INFINITY;
                }
            }
            last_unit = u;
            zero = false;
        } else {
            return None;
        }
        seen = true;
        if total + wan + small > MAX_VALUE {
            return None;
        }
    }
    let tail = match digit {
        // Colloquial: the digit after a unit means the next lower unit.
        Some(d) if !zero && last_unit >= 100.0 && d < 10.0 && d.fract() == 0.0 => {
            d * last_unit / 10.0
        }
        Some(d) if last_unit > 0.0 && d >= last_unit => return None,
        Some(d) => d,
        None => 0.0,
    };
    if !seen || (ranged && last_unit == 0.0) {
        return None;
    }
    let v = tidy(total + wan + small + tail);
    (v.is_finite() && v <= MAX_VALUE).then_some(v)
}

/// Adjacent digits read as an approximate range: 一两, 两三, …, 八九, and 三五.
fn is_range(low: f64, high: f64) -> bool {
    (high - low == 1.0 && low >= 1.0) || (low == 3.0 && high == 5.0)
}

fn english_word(w: &str) -> Option<f64> {
    Some(match w {
        // Only reachable as "a hundred" / "a thousand" (see EN_RE).
        "a" => 1.0,
        "zero" => 0.0,
        "one" => 1.0,
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" | "fourty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "hundred" => 100.0,
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        _ => return None,
    })
}

/// "twenty-five" = 25, "two thousand five hundred" = 2500, and the spoken
/// hundreds "two fifty" = 250, "fifteen seventy-five" = 1575. Other ill-formed
/// sequences ("five five") are rejected rather than guessed.
pub(super) fn parse_english(s: &str) -> Option<f64> {
    strict_english(s).or_else(|| spoken_hundreds(s))
}

/// "two fifty": a first word from one to nineteen, then a tens number (10-99).
fn spoken_hundreds(s: &str) -> Option<f64> {
    let s = s.trim();
    let cut = s.find(|c: char| c.is_whitespace() || c == '-')?;
    let (head, rest) = (
        &s[..cut],
        s[cut..].trim_start_matches(|c: char| c.is_whitespace() || c == '-'),
    );
    let h = english_word(&head.to_ascii_lowercase()).filter(|h| (1.0..20.0).contains(h))?;
    if rest.to_ascii_lowercase().starts_with("and") {
        return None;
    }
    let r = strict_english(rest).filter(|r| (10.0..100.0).contains(r))?;
    Some(h * 100.0 + r)
}

fn strict_english(s: &str) -> Option<f64> {
    let mut total = 0.0;
    let mut current = 0.0;
    let mut any = false;
    for w in s.split(|c: char| c.is_whitespace() || c == '-') {
        if w.is_empty() {
            continue;
        }
        let w = w.to_ascii_lowercase();
        if w == "and" {
            continue;
        }
        let v = english_word(&w)?;
        let low = current % 100.0;
        if v < 10.0 {
            if low != 0.0 && !(low >= 20.0 && low % 10.0 == 0.0) {
                return None;
            }
            current += v;
        } else if v < 100.0 {
            if low != 0.0 {
                return None;
            }
            current += v;
        } else if v == 100.0 {
            if current == 0.0 || current >= 100.0 {
                return None;
            }
            current *= 100.0;
        } else {
            if current == 0.0 {
                return None;
            }
            total += current * v;
            current = 0.0;
        }
        any = true;
    }
    let v = total + current;
    (any && v <= MAX_VALUE).then_some(v)
}

/// A number written any of the ways above, for recognisers with their own regexes.
pub(super) fn parse_any(s: &str) -> Option<f64> {
    if s.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
        return parse_english(s);
    }
    parse_mixed(s)
}

/// A small whole number (day of month, month, relative offset).
pub(super) fn parse_small_int(s: &str, max: i64) -> Option<i64> {
    let v = parse_any(s)?;
    (v.fract() == 0.0 && v >= 0.0 && v <= max as f64).then_some(v as i64)
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[&SORTED, &RUN_RE, &ELEM_RE, &EN_RE];

#[cfg(test)]
mod gate_tests {
    use proptest::prelude::*;

    use super::super::{Words, words_in};
    use super::*;

    proptest! {
        /// A line the gates turn away holds no match: no English number without a number word,
        /// no numeral run without a numeric or Chinese numeral character, no "a grand" without
        /// "grand".
        #[test]
        fn number_gates_never_hide_a_match(t in "(?i)([a-z ,.-]|\\x{17F}|\\x{212A}|[0-9]|[٣३]|[一二两十百千万]|one|two|twenty|fifty|a hundred|thousand|and|a grand|grand|k)*") {
            let words = words_in(&t);
            let may = |g: Words| words & (1 << g as u32) != 0;
            prop_assert!(may(Words::Numeral) || !EN_RE.is_match(&t), "{t:?}");
            prop_assert!(may(Words::Grand) || !super::super::money::A_GRAND.is_match(&t), "{t:?}");
            let runs = t.chars().any(|c| c.is_numeric() || is_cn_numeral(c));
            prop_assert!(runs || !RUN_RE.is_match(&t), "{t:?}");
        }
    }

    #[test]
    fn the_numeral_test_knows_every_numeral_char() {
        for c in CN_CHARS.chars() {
            assert!(is_cn_numeral(c), "{c}");
        }
        assert!(!is_cn_numeral('5') && !is_cn_numeral('还'));
    }

    #[test]
    fn gated_tokens_are_still_read() {
        let values = |t: &str| -> Vec<f64> {
            tokens(
                t,
                words_in(t) & (1 << Words::Numeral as u32) != 0,
                super::super::has_digit(t),
            )
            .iter()
            .map(|k| k.value)
            .collect()
        };
        assert_eq!(values("TWO FIFTY by friday"), vec![250.0]);
        assert_eq!(values("还五千"), vec![5000.0]);
        assert!(values("see you soon").is_empty());
    }
}
