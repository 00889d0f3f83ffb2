//! A pattern with bounded gaps ("you … {0,25} … jail") found by its head, then matched whole
//! from there.
//!
//! Content patterns join their words with bounded gaps, `[^,.;!?]{0,40}`, so that a threat or an
//! insult is found whatever few words stand between its parts. An unanchored search for such a
//! pattern keeps a gap counter for every position a match may have started at, times every
//! partial word the next part may be in: the lazy DFA builds new states for most characters of
//! a line it has not seen. Here the part before the first gap (the head, a small automaton)
//! finds where a match may start, and the whole pattern is tried anchored there: one start, so
//! one counter, far fewer states, and no reverse search for the start. Measured in instructions
//! after warming and priming: "You're a worthless deadbeat. Pay now or we'll have you arrested."
//! 0.79M on first sight before, 0.64M after (0.28M seen again, either way); 400 golden lines a
//! language, first sight 289K -> 254K a line (English) and 199K -> 168K (Chinese), seen again
//! 0.8-0.9% more.
//!
//! The match is exactly the whole pattern's leftmost-first match: it starts where the head
//! matches, and the leftmost such start where the whole matches, with the whole's preferred end
//! there, is what an unanchored search finds.

use regex_automata::meta::Regex;
use regex_automata::nfa::thompson::WhichCaptures;
use regex_automata::{Anchored, Input};
use regex_syntax::hir::{Class, Hir, HirKind};

/// A gap shorter than this is left alone: it cannot multiply states much.
const SHORTEST_GAP: u32 = 5;

/// After this many starts tried in vain, the rest of the text is searched unanchored: a long
/// text with the head all over it and a pattern that may run on (`.*`) would otherwise be read
/// again from every start.
const MAX_TRIES: usize = 32;

#[derive(Debug)]
pub struct Gapped {
    /// The pattern up to its first gap.
    head: Regex,
    whole: Regex,
}

impl Gapped {
    /// `pattern` (already narrowed), when it has a top-level bounded gap after a head that
    /// matches at least one character; `None` otherwise, or when either part would not build
    /// within `size_limit`.
    pub fn split(pattern: &str, size_limit: usize) -> Option<Gapped> {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .ok()?;
        let parts = top_level(&hir)?;
        let gap = parts.iter().position(is_gap)?;
        let head = Hir::concat(parts[..gap].to_vec());
        if head.properties().minimum_len().is_none_or(|n| n == 0) {
            return None;
        }
        // Only where a match starts and ends is ever asked: no capture groups and no one-pass
        // DFA (which serves only them). No literal prefilter: the cue prefilter has already seen
        // the literals, and the whole is only run anchored. A one-shot command (`grade`) builds
        // every pattern it meets, so this is its start-up.
        let mut builder = Regex::builder();
        builder.configure(
            Regex::config()
                .nfa_size_limit(Some(size_limit))
                .which_captures(WhichCaptures::Implicit)
                .onepass(false)
                .auto_prefilter(false),
        );
        Some(Gapped {
            head: builder.build_from_hir(&head).ok()?,
            whole: builder.build_from_hir(&hir).ok()?,
        })
    }

    /// The leftmost-first match, as byte offsets.
    pub fn find(&self, text: &str) -> Option<(usize, usize)> {
        let mut at = 0;
        for _ in 0..MAX_TRIES {
            if at > text.len() {
                return None;
            }
            let start = self.head.search(&Input::new(text).range(at..))?.start();
            let anchored = Input::new(text).range(start..).anchored(Anchored::Yes);
            if let Some(m) = self.whole.search(&anchored) {
                return Some((m.start(), m.end()));
            }
            // The next start: one character on.
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        self.whole
            .search(&Input::new(text).range(at.min(text.len())..))
            .map(|m| (m.start(), m.end()))
    }
}

/// The parts of the pattern's top-level concatenation (through a group around it).
fn top_level(hir: &Hir) -> Option<&[Hir]> {
    match hir.kind() {
        HirKind::Capture(c) => top_level(&c.sub),
        HirKind::Concat(parts) => Some(parts),
        _ => None,
    }
}

/// A bounded repetition of one character class, long enough to be worth splitting at.
fn is_gap(hir: &Hir) -> bool {
    let HirKind::Repetition(r) = hir.kind() else {
        return false;
    };
    r.max.is_some_and(|max| max >= SHORTEST_GAP)
        && matches!(r.sub.kind(), HirKind::Class(Class::Unicode(_)))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn whole(pattern: &str, text: &str) -> Option<(usize, usize)> {
        regex::Regex::new(pattern)
            .ok()?
            .find(text)
            .map(|m| (m.start(), m.end()))
    }

    #[test]
    fn it_finds_what_the_whole_pattern_finds() {
        let patterns = [
            r"\b(you|u)\b[^,.;!?]{0,25}\b(jail|prison|arrested)\b",
            r"\b(or|unless)\b[^,.;!?]{0,20}\b(you|things)\b[^,.;!?]{0,12}\b(get hurt|get ugly)",
            r"(不还|拖着)[^，。！？]{0,10}(抓|拘留)",
            r"\bpay\b[^.]{0,8}?\bnow\b",
            r"\b(we|i)\b[^,.;!?]{2,15}\b(sue|court)\b",
            r"\b(somebody|some(one|body) from (our|the) [a-z]+)\b[^,.;!?]{0,12}\b(gonna|will)\b",
            r"\byou\b[^.]{0,10}\b(x|jail)\b.*\bjail",
        ];
        let texts = [
            "you will go to jail",
            "you, jail",
            "if you dont pay you'll end up in prison and jail",
            "u r going to be arrested today u know",
            "pay now or else you will get hurt. or things get ugly",
            "or else things will get ugly",
            "你再不还钱就等着被抓吧，拖着也没用 拘留",
            "pay it now, pay now now",
            "we sue. we will take you to court",
            "we court",
            "",
            "you you you you you you you you jail",
            "somebody from our team is gonna show up",
            &"you x ".repeat(40),
            &format!("{}you will go to jail", "you x ".repeat(40)),
        ];
        for p in patterns {
            let g = Gapped::split(p, 1 << 20).unwrap_or_else(|| panic!("{p} splits"));
            for t in texts {
                assert_eq!(g.find(t), whole(p, t), "{p} on {t:?}");
            }
        }
    }

    #[test]
    fn patterns_without_a_top_level_gap_stay_whole() {
        assert!(Gapped::split(r"\byou\b.*\bjail\b", 1 << 20).is_none());
        assert!(Gapped::split(r"(a[^.]{0,20}b|c)", 1 << 20).is_none());
        assert!(Gapped::split(r"[^.]{0,20}jail", 1 << 20).is_none());
        assert!(Gapped::split(r"you[^.]{0,3}jail", 1 << 20).is_none());
        // A head that may match nothing.
        assert!(Gapped::split(r"(you)?[^.]{0,20}jail", 1 << 20).is_none());
    }

    proptest! {
        #[test]
        fn same_match_as_the_whole_pattern_on_arbitrary_text(text in "([a-z ,.!我你不还抓]|you |u |will |jail|somebody |from our team |gonna |or |get hurt|不还钱|拘留){0,30}") {
            for p in [
                r"\b(you|u)\b[^,.;!?]{0,25}\b(jail|prison|arrested)\b",
                r"\b(or|unless)\b[^,.;!?]{0,20}\b(you|things)\b[^,.;!?]{0,12}\b(get hurt|get ugly)",
                r"(不还|拖着)[^，。！？]{0,10}(抓|拘留)",
                r"\b(somebody|some(one|body) from (our|the) [a-z]+)\b[^,.;!?]{0,12}\b(gonna|will)\b",
                r"\b(you|u)\b[^.]{5,10}?\b(jail|will)",
            ] {
                let g = Gapped::split(p, 1 << 20).expect("splits");
                prop_assert_eq!(g.find(&text), whole(p, &text), "{}", p);
            }
        }
    }
}
