//! Entity extraction from one line typed by a collection agent.
//!
//! Every recogniser proposes candidates independently; `resolve` then keeps the
//! longest (and, on ties, most specific) non-overlapping ones. Recognisers never
//! look at `lang`: agents mix scripts freely, so every form is tried on every line.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;

use jiff::civil::{Date, DateTime};
use serde::Serialize;

use crate::lang::Lang;

mod counts;
mod dates;
mod money;
mod names;
mod numbers;
mod percent;
mod phone;
#[cfg(test)]
mod tests;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Money,
    Date,
    Count,
    Duration,
    Percent,
    Phone,
    Name,
}

impl EntityKind {
    pub const ALL: [EntityKind; 7] = [
        EntityKind::Money,
        EntityKind::Date,
        EntityKind::Count,
        EntityKind::Duration,
        EntityKind::Percent,
        EntityKind::Phone,
        EntityKind::Name,
    ];

    /// What the similarity index writes over an entity of this kind (catalogue examples
    /// write the same: "pay {amount} by {date}").
    pub fn placeholder(self) -> &'static str {
        match self {
            EntityKind::Money => "{amount}",
            EntityKind::Date => "{date}",
            EntityKind::Count => "{count}",
            EntityKind::Duration => "{duration}",
            EntityKind::Percent => "{percent}",
            EntityKind::Phone => "{phone}",
            EntityKind::Name => "{name}",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum EntityValue {
    Number(f64),
    Date(Date),
    Text(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    pub kind: EntityKind,
    pub value: EntityValue,
    /// Byte offsets into the input, always on char boundaries.
    pub span: Range<usize>,
    /// "USD" or "CNY" when the text says so.
    pub currency: Option<&'static str>,
    /// Durations: "day" | "week" | "month" | "year"; counts: "instalment" | "payment" | "time".
    pub unit: Option<&'static str>,
    /// Durations only: the number of units.
    pub amount: Option<f64>,
}

impl Entity {
    fn new(kind: EntityKind, value: EntityValue, span: Range<usize>) -> Self {
        Entity {
            kind,
            value,
            span,
            currency: None,
            unit: None,
            amount: None,
        }
    }
}

/// Shared, read-only state for the recognisers of one line.
struct Ctx<'a> {
    text: &'a str,
    today: Date,
    tokens: Vec<numbers::NumTok>,
    /// Where date candidates start (filled once dates are found), so that
    /// money can read "450 on dec 1" as an amount scheduled on a date.
    date_starts: Vec<usize>,
    /// The `Words` groups of which the line holds a word (see `words_in`).
    words: u32,
    /// Whether the line holds a Latin letter, a digit (as `\d` sees it) and a Han character:
    /// the patterns of each script are skipped without one, read once per line.
    latin: bool,
    digit: bool,
    han: bool,
}

impl Ctx<'_> {
    /// The line may hold a match of an English pattern that needs a word of `group`.
    fn may(&self, group: Words) -> bool {
        self.words & (1 << group as u32) != 0
    }
}

/// Groups of English words, one of which every match of some case-insensitive pattern holds:
/// a line holding none of a group's words skips the patterns needing that group.
#[derive(Clone, Copy)]
enum Words {
    /// A month name starts with one of these.
    Month,
    /// A weekday name starts with one of these.
    Weekday,
    /// "week", "day", "month", "year" (also in "weeks", "days", ...).
    Unit,
    Week,
    MonthWord,
    MonthPart,
    Ordinal,
    Split,
    Twice,
    Once,
    Overdue,
    Half,
    /// Verbs that pass a message on to or about someone ("tell jake his ...", "know kevin owes").
    Relay,
    /// Greetings before a name ("hey Lamar,").
    Greet,
    /// What a right-party question holds before a lowercase full name ("is this kevin okafor").
    Asked,
    /// Where someone asked for may be ("is danny around").
    Whereabouts,
    /// Number words ("two fifty", "a hundred").
    Numeral,
    /// "a grand".
    Grand,
}

const WORD_GROUPS: &[(Words, &[&str])] = &[
    (
        Words::Month,
        &[
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
        ],
    ),
    (
        Words::Weekday,
        &["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
    ),
    (Words::Unit, &["day", "week", "month", "year"]),
    (Words::Week, &["week"]),
    (Words::MonthWord, &["month"]),
    (
        Words::MonthPart,
        &["mid", "end", "beginning", "start", "early"],
    ),
    (Words::Ordinal, &dates::ORDINALS),
    (
        Words::Split,
        &["split", "break", "divide", "spread", "chop"],
    ),
    (Words::Twice, &["twice", "thrice"]),
    (Words::Once, &["once"]),
    (
        Words::Overdue,
        &["overdue", "late", "behind", "past", "delinquent", "arrears"],
    ),
    (Words::Half, &["half"]),
    (Words::Relay, &["tell", "let", "ask", "remind", "know"]),
    (
        Words::Greet,
        &["hey", "hi", "hello", "morning", "afternoon", "evening"],
    ),
    (Words::Asked, &["this", "that", "speak", "talk"]),
    (
        Words::Whereabouts,
        &["around", "home", "there", "available"],
    ),
    (Words::Numeral, &numbers::EN_NUMBER_WORDS),
    (Words::Grand, &["grand"]),
];

/// Every word of `WORD_GROUPS` in one automaton, ASCII case-insensitive; per word its groups.
static WORDS: LazyLock<Option<(AhoCorasick, Vec<u32>)>> = LazyLock::new(|| {
    let mut words: Vec<&str> = Vec::new();
    let mut groups: Vec<u32> = Vec::new();
    for &(group, list) in WORD_GROUPS {
        for &w in list {
            match words.iter().position(|x| *x == w) {
                Some(i) => groups[i] |= 1 << group as u32,
                None => {
                    words.push(w);
                    groups.push(1 << group as u32);
                }
            }
        }
    }
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(&words)
        .ok()?;
    Some((ac, groups))
});

/// The groups of `WORD_GROUPS` of which `text` holds a word, as a bit set. A pattern with
/// `(?i)` also matches the long s and the Kelvin sign for `s` and `k`, which an ASCII
/// case-insensitive search does not see: a line with either then has every group.
fn words_in(text: &str) -> u32 {
    let Some((ac, groups)) = WORDS.as_ref() else {
        return u32::MAX;
    };
    if text.contains(['\u{17F}', '\u{212A}']) {
        return u32::MAX;
    }
    ac.find_overlapping_iter(text)
        .fold(0, |set, m| set | groups[m.pattern().as_usize()])
}

/// Builds one of the extractors' patterns, narrowed as every pattern is (`narrow`). Each is
/// built by `warm`, which a test runs, so one that does not compile fails there.
pub(super) fn compile(pattern: &str) -> Regex {
    let narrowed = super::narrow::narrow(pattern);
    Regex::new(&narrowed).unwrap_or_else(|e| panic!("built-in entity pattern {pattern:?}: {e}"))
}

/// A lazily built static of the extractors: its patterns, or a table.
pub(super) trait Built: Sync {
    /// Builds it (compiles the patterns), on any thread.
    fn build(&self);
    /// Builds it and searches once, so that the calling thread has its search caches: the
    /// first thread to search a regex owns one cache; another thread's first search makes one.
    fn touch(&self);
}

/// Long enough to pass any pattern's minimum length, so the search takes a cache.
const TOUCH: &str = "                                                                ";

impl Built for LazyLock<Regex> {
    fn build(&self) {
        LazyLock::force(self);
    }
    fn touch(&self) {
        std::hint::black_box(self.is_match(TOUCH));
    }
}

impl Built for LazyLock<Vec<Regex>> {
    fn build(&self) {
        LazyLock::force(self);
    }
    fn touch(&self) {
        for re in self.iter() {
            std::hint::black_box(re.is_match(TOUCH));
        }
    }
}

impl Built for LazyLock<Vec<char>> {
    fn build(&self) {
        LazyLock::force(self);
    }
    fn touch(&self) {
        self.build();
    }
}

/// Every module's lazily built statics.
fn lazies() -> impl Iterator<Item = &'static dyn Built> {
    [
        counts::LAZIES,
        dates::LAZIES,
        money::LAZIES,
        names::LAZIES,
        numbers::LAZIES,
        percent::LAZIES,
        phone::LAZIES,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Builds every pattern the extractors hold, now rather than in the middle of the first line
/// that needs it: a phone number's patterns, met first in a REPL turn, had taken that turn past
/// a millisecond. Any thread may; the extraction is the same either way.
pub fn warm() {
    WORDS.as_ref();
    lazies().for_each(|l| l.build());
}

/// As `warm`, and gives the calling thread each pattern's search cache: for the thread that
/// will analyse the lines (a rare pattern's first search had made its cache mid-turn).
pub fn touch() {
    WORDS.as_ref();
    lazies().for_each(|l| l.touch());
}

/// Extracts entities from `text` (NFKC-normalised, original case), resolving
/// relative dates against `now`. Output is sorted by span start and non-overlapping.
pub fn extract(text: &str, lang: Lang, now: DateTime) -> Vec<Entity> {
    // Only a hint: Chinese lines carry "$5k", English lines carry "5200元".
    let _ = lang;
    let latin = has_latin(text);
    let mut ctx = Ctx {
        text,
        today: now.date(),
        tokens: Vec::new(),
        date_starts: Vec::new(),
        // Only Latin text can hold the words (or their case-folded forms).
        words: if latin { words_in(text) } else { 0 },
        latin,
        digit: has_digit(text),
        han: has_han(text),
    };
    ctx.tokens = numbers::tokens(text, ctx.may(Words::Numeral), ctx.digit);
    let mut cands = Vec::new();
    dates::find(&ctx, &mut cands);
    ctx.date_starts = cands.iter().map(|e| e.span.start).collect();
    phone::find(&ctx, &mut cands);
    percent::find(&ctx, &mut cands);
    counts::find(&ctx, &mut cands);
    money::find(&ctx, &mut cands);
    names::find(&ctx, &mut cands);
    resolve(text, cands)
}

/// On equal length, the more specific reading wins (a date beats a phone beats money).
fn priority(kind: EntityKind) -> u8 {
    match kind {
        EntityKind::Date => 7,
        EntityKind::Phone => 6,
        EntityKind::Percent => 5,
        EntityKind::Count => 4,
        EntityKind::Duration => 3,
        EntityKind::Money => 2,
        EntityKind::Name => 1,
    }
}

/// Greedy longest-first selection of non-overlapping candidates.
fn resolve(text: &str, mut cands: Vec<Entity>) -> Vec<Entity> {
    cands.retain(|e| {
        e.span.start < e.span.end
            && e.span.end <= text.len()
            && text.is_char_boundary(e.span.start)
            && text.is_char_boundary(e.span.end)
    });
    cands.sort_by(|a, b| {
        b.span
            .len()
            .cmp(&a.span.len())
            .then(priority(b.kind).cmp(&priority(a.kind)))
            .then(a.span.start.cmp(&b.span.start))
    });
    // start -> end of accepted spans.
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::new();
    for e in cands {
        let (s, t) = (e.span.start, e.span.end);
        let clash_before = taken
            .range(..=s)
            .next_back()
            .is_some_and(|(_, &end)| end > s);
        let clash_after = taken.range(s..t).next().is_some();
        if clash_before || clash_after {
            continue;
        }
        taken.insert(s, t);
        out.push(e);
    }
    out.sort_by_key(|e| e.span.start);
    out
}

// ---- small text helpers shared by the recognisers ----

fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i).and_then(|s| s.chars().next_back())
}

fn next_char(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

/// Up to `n` bytes of text ending at `i`, cut on a char boundary.
fn before(text: &str, i: usize, n: usize) -> &str {
    let mut s = i.saturating_sub(n);
    while s < i && !text.is_char_boundary(s) {
        s += 1;
    }
    text.get(s..i).unwrap_or("")
}

/// Up to `n` bytes of text starting at `i`, cut on a char boundary.
fn after(text: &str, i: usize, n: usize) -> &str {
    let mut e = i.saturating_add(n).min(text.len());
    while e > i && !text.is_char_boundary(e) {
        e -= 1;
    }
    text.get(i..e).unwrap_or("")
}

/// True when the span is not glued to further ASCII digits on either side.
fn digit_bounded(text: &str, span: &Range<usize>) -> bool {
    !prev_char(text, span.start).is_some_and(|c| c.is_ascii_digit())
        && !next_char(text, span.end).is_some_and(|c| c.is_ascii_digit())
}

/// The first non-whitespace char at or after `i` (cheap gate before running a regex).
fn next_word_char(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().take(8).find(|c| !c.is_whitespace())
}

/// The last non-whitespace char before `i`.
fn prev_word_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?
        .chars()
        .rev()
        .take(8)
        .find(|c| !c.is_whitespace())
}

// ---- cheap gates: a recogniser whose regexes cannot match is not run ----
// Each gate must be a necessary condition for any match of the regexes it guards.

/// A Latin letter, as a case-insensitive ASCII pattern sees it: also the long s and the Kelvin
/// sign, which Unicode case folding maps to `s` and `k`.
fn has_latin(text: &str) -> bool {
    text.bytes().any(|b| b.is_ascii_alphabetic()) || text.contains(['\u{17F}', '\u{212A}'])
}

/// A digit as the regex `\d` sees it (any Unicode decimal digit, so any numeric char).
fn has_digit(text: &str) -> bool {
    text.chars().any(numeric)
}

/// `char::is_numeric`, without its table search for the common CJK ideographs, none of which is
/// numeric (一 and 十 are letters to Unicode).
fn numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !matches!(c, '\u{4E00}'..='\u{9FFF}') && c.is_numeric()
    }
}

/// A CJK unified ideograph (every Chinese cue word and unit of the recognisers is one).
fn has_han(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{4E00}'..='\u{9FFF}'))
}

/// The matches of `search` when `on`, else none (the search is not even started).
fn gated<I: Iterator>(on: bool, search: impl FnOnce() -> I) -> impl Iterator<Item = I::Item> {
    on.then(search).into_iter().flatten()
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{F900}'..='\u{FAFF}')
}
