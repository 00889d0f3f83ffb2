//! Splitting a line into clauses, so one line can carry several acts ("hi, this is Dana from
//! Acme, am I speaking with Daniel?").

use aho_corasick::{AhoCorasick, MatchKind};

/// The catalogue's connectives that start a clause ("but", "然后"), searched in one pass.
#[derive(Debug, Default)]
pub struct Breaks {
    /// Every distinct connective of more than one character (single characters are handled as
    /// punctuation), or None when there is none.
    words: Option<AhoCorasick>,
    /// Byte length of each connective of `words`.
    lens: Vec<usize>,
}

impl Breaks {
    pub fn new(extra_breaks: &[String]) -> Breaks {
        let mut words: Vec<&str> = Vec::new();
        for w in extra_breaks {
            // A word listed twice cuts at the same places again: empty clauses, dropped.
            if w.chars().count() > 1 && !words.contains(&w.as_str()) {
                words.push(w);
            }
        }
        if words.is_empty() {
            return Breaks::default();
        }
        // Overlapping search reports every place each word occurs; `split` keeps, per word,
        // what searching for it again after its previous match finds.
        let words_ac = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&words)
            .ok();
        Breaks {
            lens: words.iter().map(|w| w.len()).collect(),
            words: words_ac,
        }
    }
}

/// Byte ranges of the clauses of `text` (folded), never empty, never splitting a number.
pub fn split(text: &str, extra_breaks: &[String]) -> Vec<(usize, usize)> {
    split_with(text, &Breaks::new(extra_breaks))
}

/// Whether `c`, after `before` and followed by `next`, ends a sentence: 。！？!? or a full stop
/// with a space or the end after it ("5.2", "e.g" and "Mr. Lee" stay whole).
pub fn ends_sentence(before: &str, c: char, next: Option<char>) -> bool {
    match c {
        '。' | '！' | '？' | '!' | '?' => true,
        '.' => next.is_none_or(|n| n == ' ') && !after_title(before),
        _ => false,
    }
}

/// As `split`, with the connectives prepared once.
pub fn split_with(text: &str, breaks: &Breaks) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, cut end): text removed
    let mut prev: Option<char> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|n| n.1);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let is_break = ends_sentence(&text[..i], c, next)
            || match c {
                '；' | '，' | ';' | '\n' | '…' => true,
                ',' => !between_digits,
                // Chinese typed without punctuation uses spaces instead: "喂 您好 我是小李", also
                // after a number: "下周五还2500 到时候我再打给您".
                ' ' => {
                    prev.is_some_and(|p| is_han(p) || p.is_ascii_digit())
                        && next.is_some_and(is_han)
                }
                _ => false,
            };
        if is_break {
            cuts.push((i, i + c.len_utf8()));
        }
        prev = Some(c);
    }
    if let Some(ac) = &breaks.words {
        // Per word, where its previous kept occurrence ends: occurrences of one word do not
        // overlap (as when searching on after each one).
        let mut free_from = vec![0usize; breaks.lens.len()];
        for m in ac.find_overlapping_iter(text) {
            let w = m.pattern().as_usize();
            if m.start() >= free_from[w] {
                // Keep the connective with the clause it starts ("but I can...").
                cuts.push((m.start(), m.start()));
                free_from[w] = m.start() + breaks.lens[w];
            }
        }
    }
    cuts.sort_unstable();
    let mut clauses = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            push(text, &mut clauses, start, cut_start);
            start = cut_end.max(start);
        }
    }
    push(text, &mut clauses, start, text.len());
    clauses
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// "Mr. Lee" is one name, not the end of a clause.
fn after_title(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "mr" | "mrs" | "ms" | "dr" | "st" | "jr" | "sr" | "Mr" | "Mrs" | "Ms" | "Dr"
    )
}

fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = end - (slice.len() - slice.trim_end().len());
    if trimmed_end > trimmed_start
        && text[trimmed_start..trimmed_end]
            .chars()
            .any(char::is_alphanumeric)
    {
        out.push((trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, extra: &[&str]) -> Vec<String> {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        split(text, &extra)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            parts("you owe $5,200.50, pay by friday.", &[]),
            vec!["you owe $5,200.50", "pay by friday"]
        );
        assert_eq!(
            parts("您好，我是小王。请问是李先生吗？", &[]),
            vec!["您好", "我是小王", "请问是李先生吗"]
        );
        assert_eq!(
            parts("喂 您好 我是小王 call会录音", &[]),
            vec!["喂", "您好", "我是小王 call会录音"]
        );
        assert_eq!(
            parts("约定下周五还2500 到时候我再打给您", &[]),
            vec!["约定下周五还2500", "到时候我再打给您"]
        );
    }

    /// The connectives searched one word at a time, as `split` once did.
    fn reference(text: &str, extra: &[String]) -> Vec<(usize, usize)> {
        let mut cuts: Vec<(usize, usize)> = Vec::new();
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        for (k, &(i, c)) in chars.iter().enumerate() {
            let prev = k.checked_sub(1).map(|p| chars[p].1);
            let next = chars.get(k + 1).map(|n| n.1);
            let between_digits = prev.is_some_and(|p| p.is_ascii_digit())
                && next.is_some_and(|n| n.is_ascii_digit());
            let is_break = match c {
                '。' | '！' | '？' | '；' | '，' | '!' | '?' | ';' | '\n' | '…' => true,
                ',' => !between_digits,
                '.' => next.is_none_or(|n| n == ' ') && !between_digits && !after_title(&text[..i]),
                ' ' => {
                    prev.is_some_and(|p| is_han(p) || p.is_ascii_digit())
                        && next.is_some_and(is_han)
                }
                _ => false,
            };
            if is_break {
                cuts.push((i, i + c.len_utf8()));
            }
        }
        for w in extra {
            if w.is_empty() || w.chars().count() == 1 {
                continue;
            }
            let mut from = 0;
            while let Some(at) = text[from..].find(w.as_str()) {
                cuts.push((from + at, from + at));
                from += at + w.len();
            }
        }
        cuts.sort_unstable();
        let mut clauses = Vec::new();
        let mut start = 0;
        for (cut_start, cut_end) in cuts {
            if cut_start >= start {
                push(text, &mut clauses, start, cut_start);
                start = cut_end.max(start);
            }
        }
        push(text, &mut clauses, start, text.len());
        clauses
    }

    proptest::proptest! {
        #[test]
        fn one_pass_over_the_connectives_cuts_as_one_search_per_word(
            text in "([a-c 0-9.,;!?，。然后但是]|aa|but |mr\\. ){0,30}",
            words in proptest::collection::vec("([a-c ]|aa|but|然后|然|，){0,4}", 0..6),
        ) {
            proptest::prop_assert_eq!(split(&text, &words), reference(&text, &words));
        }
    }

    #[test]
    fn connectives_start_a_clause() {
        assert_eq!(
            parts("i understand but you need to pay", &[" but "]),
            vec!["i understand", "but you need to pay"]
        );
    }
}
