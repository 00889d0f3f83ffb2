//! Many regexes searched through one literal prefilter: each pattern's groups of required
//! literals (its prefixes, its suffixes, the prefixes of its parts) go into a single aho-corasick
//! automaton, and only the patterns with a literal of every group in the text are run. One `RegexSet` over hundreds of cue patterns spends most of its time
//! building lazy-DFA states for every new line; small single regexes, mostly skipped, do not.
//! Works for any pattern a trainer writes: one without a usable literal is simply always run.
//!
//! Each pattern is compiled the first time its literals are seen: compiling all of the catalogue's
//! hundreds of patterns at load took most of every command's start-up, and a call meets few.

use std::collections::HashMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use regex_syntax::hir::literal::{ExtractKind, Extractor, Seq};
use regex_syntax::hir::{Hir, HirKind};

use super::gapped::Gapped;

#[derive(Debug)]
pub struct PrefilteredSet {
    regexes: Vec<Lazy>,
    /// Every distinct required literal of every pattern.
    literals: Option<AhoCorasick>,
    /// For each literal, the patterns (ascending) that need it, each with the bit of the
    /// pattern's group it belongs to.
    literal_patterns: Vec<Vec<(usize, u8)>>,
    /// Per pattern, the bits of all its groups: it can match only once each group is seen.
    full: Vec<u8>,
    /// Patterns without a usable literal, tried on every text: one bit per pattern.
    always: Vec<u64>,
}

/// A pattern and, once first needed, its matcher (`None` if it does not compile: validation
/// reports such a pattern in a trainer's file; here it simply never matches).
#[derive(Debug)]
struct Lazy {
    pattern: String,
    regex: OnceLock<Option<Matcher>>,
}

/// A pattern compiled whole, or, with a bounded gap, found by its head and then matched whole
/// (`Gapped`).
#[derive(Debug)]
enum Matcher {
    Whole(Regex),
    Gapped(Gapped),
}

impl Matcher {
    fn new(pattern: &str) -> Option<Matcher> {
        // Compiled once either way: a one-shot command (`grade`) compiles every pattern it meets.
        match Gapped::split(&super::narrow::narrow(pattern), SIZE_LIMIT) {
            Some(gapped) => Some(Matcher::Gapped(gapped)),
            None => compile(pattern).ok().map(Matcher::Whole),
        }
    }

    fn find(&self, text: &str) -> Option<Found> {
        let (start, end) = match self {
            Matcher::Whole(r) => r.find(text).map(|m| (m.start(), m.end()))?,
            Matcher::Gapped(g) => g.find(text)?,
        };
        Some(Found { start, end })
    }
}

/// Where a pattern matched, in bytes of the text searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    start: usize,
    end: usize,
}

impl Found {
    pub fn start(&self) -> usize {
        self.start
    }

    pub fn end(&self) -> usize {
        self.end
    }

    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl Lazy {
    fn get(&self) -> Option<&Matcher> {
        self.regex
            .get_or_init(|| Matcher::new(&self.pattern))
            .as_ref()
    }
}

/// The compiled size a content regex may take.
pub const SIZE_LIMIT: usize = 1 << 20;

/// Compiles a content regex (a cue, a trigger, a rubric pattern) as everything that runs or
/// validates one does: narrowed (`narrow`), with one compiled-size limit.
pub fn compile(pattern: &str) -> Result<Regex, regex::Error> {
    let build = |p: &str| regex::RegexBuilder::new(p).size_limit(SIZE_LIMIT).build();
    // An error is reported against the pattern as written.
    build(&super::narrow::narrow(pattern)).or_else(|_| build(pattern))
}

/// At most this many literals per pattern; past it the extractor shortens them (still
/// required, so still exact). The default 250 gave the catalogue 23,000 literals, mostly the
/// cross products of alternations, and most of the automaton's build time.
const LITERALS_PER_PATTERN: usize = 64;

/// At most this many literal groups per pattern: each more one filters less than the last
/// and adds literals to the automaton.
const GROUPS_PER_PATTERN: usize = 3;

/// Groups of literals such that every match of `pattern` contains one literal of each group:
/// the whole pattern's prefixes and suffixes, and the prefixes of each part of its top-level
/// concatenation ("if (it|this) (stays|remains) .* (unpaid|behind)" needs one of "if it",
/// "if this", one of "stays", "remains" and one of "unpaid", "behind"). Only groups whose
/// shortest literal has two bytes or more, the most selective first; empty when there is none.
fn required_groups(pattern: &str) -> Vec<Vec<Vec<u8>>> {
    // Parsed with the same defaults as `regex::Regex` (Unicode on, inline flags honoured).
    let Ok(hir) = regex_syntax::ParserBuilder::new().build().parse(pattern) else {
        return Vec::new();
    };
    let mut extractor = Extractor::new();
    extractor.limit_total(LITERALS_PER_PATTERN);
    let usable = |seq: Seq| -> Option<(usize, Vec<Vec<u8>>)> {
        let lits = seq.literals()?;
        let shortest = lits.iter().map(|l| l.as_bytes().len()).min()?;
        (shortest >= 2).then(|| {
            let mut bytes: Vec<Vec<u8>> = lits.iter().map(|l| l.as_bytes().to_vec()).collect();
            bytes.sort();
            bytes.dedup();
            (shortest, bytes)
        })
    };
    let mut groups: Vec<(usize, Vec<Vec<u8>>)> = Vec::new();
    let mut add = |g: Option<(usize, Vec<Vec<u8>>)>| {
        if let Some(g) = g
            && !groups.iter().any(|h| h.1 == g.1)
        {
            groups.push(g);
        }
    };
    add(usable(
        extractor.clone().kind(ExtractKind::Prefix).extract(&hir),
    ));
    add(usable(
        extractor.clone().kind(ExtractKind::Suffix).extract(&hir),
    ));
    let mut parts = Vec::new();
    required_parts(&hir, &mut parts);
    if parts.len() > 1 {
        for part in parts {
            add(usable(
                extractor.clone().kind(ExtractKind::Prefix).extract(part),
            ));
        }
    }
    // The longer the shortest literal, the rarer the group; then the fewer literals.
    groups.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.len().cmp(&b.1.len())));
    groups.truncate(GROUPS_PER_PATTERN);
    groups.into_iter().map(|(_, g)| g).collect()
}

/// The pieces every match of `hir` is made of, one after another: a concatenation's parts
/// (through groups and repetitions of at least one), or `hir` itself.
fn required_parts<'h>(hir: &'h Hir, out: &mut Vec<&'h Hir>) {
    match hir.kind() {
        HirKind::Capture(c) => required_parts(&c.sub, out),
        HirKind::Concat(parts) => {
            for part in parts {
                required_parts(part, out);
            }
        }
        HirKind::Repetition(r) if r.min >= 1 => required_parts(&r.sub, out),
        _ => out.push(hir),
    }
}

impl PrefilteredSet {
    pub fn new(patterns: Vec<String>) -> PrefilteredSet {
        let mut ids: HashMap<Vec<u8>, usize> = HashMap::new();
        let mut literals: Vec<Vec<u8>> = Vec::new();
        let mut literal_patterns: Vec<Vec<(usize, u8)>> = Vec::new();
        let mut always = Vec::new();
        let mut full = vec![0u8; patterns.len()];
        for (i, pattern) in patterns.iter().enumerate() {
            let groups = required_groups(pattern);
            if groups.is_empty() {
                always.push(i);
                continue;
            }
            for (g, lits) in groups.into_iter().enumerate() {
                let bit = 1u8 << g;
                full[i] |= bit;
                for lit in lits {
                    let id = *ids.entry(lit.clone()).or_insert_with(|| {
                        literals.push(lit);
                        literal_patterns.push(Vec::new());
                        literal_patterns.len() - 1
                    });
                    match literal_patterns[id].last_mut() {
                        Some((p, bits)) if *p == i => *bits |= bit,
                        _ => literal_patterns[id].push((i, bit)),
                    }
                }
            }
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::Standard)
                .build(&literals)
                .ok()
        };
        // Should the automaton fail to build, every pattern is simply always run.
        if automaton.is_none() {
            always = (0..patterns.len()).collect();
            literal_patterns.clear();
        }
        let mut always_bits = vec![0u64; patterns.len().div_ceil(64)];
        for p in always {
            always_bits[p / 64] |= 1u64 << (p % 64);
        }
        PrefilteredSet {
            regexes: patterns
                .into_iter()
                .map(|pattern| Lazy {
                    pattern,
                    regex: OnceLock::new(),
                })
                .collect(),
            literals: automaton,
            literal_patterns,
            full,
            always: always_bits,
        }
    }

    pub fn len(&self) -> usize {
        self.regexes.len()
    }

    /// Compiles every pattern not compiled yet, so no later search pays for one.
    pub fn warm(&self) {
        for lazy in &self.regexes {
            lazy.get();
        }
    }

    pub fn is_empty(&self) -> bool {
        self.regexes.is_empty()
    }

    /// The first (leftmost) match of every pattern that matches `text`, by pattern index:
    /// what `RegexSet::matches` followed by `Regex::find` on each matching pattern gives.
    pub fn first_matches(&self, text: &str) -> Vec<(usize, Found)> {
        self.candidates(text)
            .filter_map(|i| self.regexes[i].get()?.find(text).map(|m| (i, m)))
            .collect()
    }

    /// The match of the first pattern, in list order, that matches `text` anywhere: what trying
    /// each pattern in turn gives, without running those whose literal is absent.
    pub fn first(&self, text: &str) -> Option<Found> {
        self.candidates(text)
            .find_map(|i| self.regexes[i].get()?.find(text))
    }

    /// The patterns that can match `text`, ascending: those without a literal, and those with
    /// a literal of each of their groups in it.
    fn candidates(&self, text: &str) -> impl Iterator<Item = usize> {
        // One bit per pattern: a literal seen again, or shared by patterns, marks a pattern
        // once, and reading the bits in order gives the patterns ascending.
        let mut marks = self.always.clone();
        let mut seen = vec![0u8; self.full.len()];
        if let Some(ac) = &self.literals {
            for m in ac.find_overlapping_iter(text) {
                for &(p, bits) in &self.literal_patterns[m.pattern().as_usize()] {
                    seen[p] |= bits;
                    if seen[p] == self.full[p] {
                        marks[p / 64] |= 1u64 << (p % 64);
                    }
                }
            }
        }
        marks.into_iter().enumerate().flat_map(|(w, mut bits)| {
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    w * 64 + b
                })
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use regex::RegexSet;

    use super::*;

    const PATTERNS: &[&str] = &[
        r"(?-u:\b)(this is|it's|it’s) [a-z]+(?-u:\b)",
        r"(?i)(?-u:\b)no(?-u:\b)",
        r"(?i)kelvin|straße",
        r"^(喂+|您好|你好)([^好]|$)",
        r"(今天|明天)[^，,。]{0,3}(必须|得)还",
        r"分[0-9一二两三]+(期|个月)",
        r"[a-z]{2,}\s+now$",
        r"x*",
        r"\d+ days?",
        r"(?-u:\b)(a|an|the)?\s*(arrest|jail)(ed)?(?-u:\b)",
        r".*钱$",
        r"(?i)you('re| are) (a )?(fraud|thief)",
        r"(?-u:\b)if (it|this) (stays?|remains?)(?-u:\b)[^,.]{0,15}(?-u:\b)(unpaid|behind)(?-u:\b)",
        r"(we'll |we will )+(call|text) (you|your family)( again)?",
        // Matched by head, then whole (`Gapped`): two gaps, a lazy one, alternatives of
        // different lengths before a gap.
        r"(?-u:\b)(we|it|some(one|body) from (the|this) [a-z]+)(?-u:\b)[^,.]{0,12}(?-u:\b)(call|will)(?-u:\b)[^.]{0,20}?(your family|you)",
    ];

    fn plain(text: &str) -> Vec<(usize, usize, usize)> {
        let set = RegexSet::new(PATTERNS).unwrap();
        let res: Vec<Regex> = PATTERNS.iter().map(|p| Regex::new(p).unwrap()).collect();
        set.matches(text)
            .iter()
            .filter_map(|i| res[i].find(text).map(|m| (i, m.start(), m.end())))
            .collect()
    }

    fn filtered(set: &PrefilteredSet, text: &str) -> Vec<(usize, usize, usize)> {
        set.first_matches(text)
            .into_iter()
            .map(|(i, m)| (i, m.start(), m.end()))
            .collect()
    }

    fn set() -> PrefilteredSet {
        PrefilteredSet::new(PATTERNS.iter().map(|p| p.to_string()).collect())
    }

    #[test]
    fn patterns_compile_when_first_needed_or_when_warmed() {
        let set = set();
        let compiled = |set: &PrefilteredSet| {
            set.regexes
                .iter()
                .filter(|l| l.regex.get().is_some())
                .count()
        };
        assert_eq!(compiled(&set), 0);
        // "pay it now" holds the literal of one pattern ("now") and no other's, besides the
        // patterns without a literal, which are always run.
        set.first_matches("pay it now");
        assert!(compiled(&set) > 0 && compiled(&set) < PATTERNS.len());
        set.warm();
        assert_eq!(compiled(&set), PATTERNS.len());
    }

    #[test]
    fn same_hits_as_a_plain_regex_set() {
        let set = set();
        for text in [
            "",
            "this is dana from acme, NO way",
            "It's me. KELVIN and STRASSE and Straße, you ARE a Fraud",
            "喂喂 你好吗 您好",
            "今天你必须还钱",
            "分三期 分12个月",
            "pay it now",
            "in 3 days, the arrested man",
            "arrest",
            "nothing here",
            "if it stays behind, if this remains unpaid for long",
            "if it stays, unpaid: behind",
            "behind if this stays",
            "we'll we will call your family again, we'll text",
            "we'll text",
        ] {
            assert_eq!(filtered(&set, text), plain(text), "{text:?}");
        }
    }

    #[test]
    fn a_pattern_runs_only_when_every_part_it_needs_is_there() {
        let set = set();
        let runs = |text: &str| set.candidates(text).any(|p| p == 12);
        // Pattern 12 needs "if it"/"if this", "stay"/"remain" and "unpaid"/"behind".
        assert!(runs("if it stays behind"));
        assert!(!runs("if it stays, the account"));
        assert!(!runs("if this is behind you"));
        assert_eq!(required_groups(PATTERNS[12]).len(), GROUPS_PER_PATTERN);
    }

    #[test]
    fn patterns_without_literals_always_run() {
        let set = set();
        // `x*`, `.*钱$` and `[a-z]{2,}\s+now$` have no finite literal set... or one that is
        // empty; either way they must still be found.
        assert!(set.always[0] & (1 << 7) != 0);
        assert_eq!(filtered(&set, "要钱")[0].0, 7);
    }

    proptest! {
        #[test]
        fn same_hits_on_arbitrary_text(text in "([a-zA-Z' 0-9喂您好你今天明必须还得钱分期个月三ß\\x{212A}\\x{17F} ,.]|if |it |this |stays |remains |unpaid|behind|we'll |call |your family|someone from the |will ){0,24}") {
            let set = set();
            prop_assert_eq!(filtered(&set, &text), plain(&text));
        }

        #[test]
        fn first_is_the_first_pattern_in_list_order(text in "([a-zA-Z' 0-9喂您好你今天明必须还得钱分期个月三ß\\x{212A}\\x{17F} ]|if |it |this |stays |remains |unpaid|behind|we'll |call |your family){0,24}") {
            let res: Vec<Regex> = PATTERNS.iter().map(|p| Regex::new(p).unwrap()).collect();
            let expected = res.iter().find_map(|r| r.find(&text)).map(|m| m.range());
            prop_assert_eq!(set().first(&text).map(|m| m.range()), expected);
        }
    }
}
