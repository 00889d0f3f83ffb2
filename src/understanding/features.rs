//! Sparse features of a line for similarity: character 1-3-grams inside runs of Chinese
//! characters; words plus character 3-4-grams inside each word for Latin script (2-4-grams in
//! Chinese lines); one feature per `{placeholder}`. One space serves mixed lines ("您的balance是{amount}").
//!
//! English lines have no 2-grams (session 16): " t", "e ", "th" occur in most English examples,
//! so they filled over half of the index's English dense rows (2 MB of weights, twice this
//! machine's per-core L2) and most of its cache misses, for no accuracy: on the 16 tuned sets,
//! acts moved by -0.7 to +0.6 points a set, with English similarity floors scaled to match
//! (`Thresholds::en_scale`). The Latin words of Chinese lines ("balance", "xx银行") keep theirs:
//! they are few, and the Chinese side was tuned with them.

use crate::lang::Lang;

/// A hashed feature id; collisions between distinct n-grams are negligible at 64 bits.
pub type Feature = u64;

fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}')
}

fn hash(kind: u8, parts: &[char]) -> Feature {
    parts.iter().fold(start(kind), |h, &c| step(h, c))
}

/// FNV-1a over the kind byte, then each char's four little-endian bytes: tiny, and stable
/// across platforms and versions (determinism matters here). Split in two so that an n-gram's
/// hash extends its (n-1)-gram's.
fn start(kind: u8) -> Feature {
    (0xcbf2_9ce4_8422_2325 ^ u64::from(kind)).wrapping_mul(0x0100_0000_01b3)
}

fn step(mut h: Feature, c: char) -> Feature {
    for b in (c as u32).to_le_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Every feature occurrence of a folded line (placeholders written `{name}`), in no particular
/// order, handed to `emit` one by one: the caller keeps only what it needs (the index, only the
/// features its vocabulary knows) without a list of every occurrence being built and sorted.
pub fn each_feature(text: &str, lang: Lang, mut emit: impl FnMut(Feature)) {
    // Where a Latin word's grams start: at its 2-grams, or for English at its 3-grams.
    let shortest = if lang == Lang::En { 3 } else { 2 };
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '{' {
            if let Some(len) = chars[i + 1..].iter().take(16).position(|&c| c == '}') {
                emit(hash(b'p', &chars[i + 1..i + 1 + len]));
                i += len + 2;
                continue;
            }
            i += 1;
        } else if is_han(c) {
            let start = i;
            while i < chars.len() && is_han(chars[i]) {
                i += 1;
            }
            // Each position's 1-, 2- and 3-gram, each hash extending the one before.
            let run = &chars[start..i];
            for at in 0..run.len() {
                let mut h = self::start(b'h');
                for &c in &run[at..(at + 3).min(run.len())] {
                    h = step(h, c);
                    emit(h);
                }
            }
        } else if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() && chars[i].is_alphanumeric() && !is_han(chars[i]) {
                i += 1;
            }
            let word = &chars[start..i];
            if word.iter().all(|c| c.is_ascii_digit()) {
                // All numbers look alike to intent; their value is an entity's business.
                emit(hash(b'#', &[]));
                continue;
            }
            emit(hash(b'w', word));
            // The word's 2- or 3- to 4-grams with a space at either end, read off in place.
            let padded = |k: usize| {
                if k == 0 || k == word.len() + 1 {
                    ' '
                } else {
                    word[k - 1]
                }
            };
            // Each position's grams, each hash extending the one before.
            let last = word.len() + 1;
            for at in 0..last {
                let mut h = step(self::start(b'c'), padded(at));
                for k in at + 1..=(at + 3).min(last) {
                    h = step(h, padded(k));
                    if k + 1 - at >= shortest {
                        emit(h);
                    }
                }
            }
        } else {
            i += 1;
        }
    }
}

/// Feature counts of a folded line, sorted by feature id.
pub fn features(text: &str, lang: Lang) -> Vec<(Feature, f32)> {
    let mut out: Vec<Feature> = Vec::new();
    each_feature(text, lang, |f| out.push(f));
    out.sort_unstable();
    let mut counted: Vec<(Feature, f32)> = Vec::with_capacity(out.len());
    for f in out {
        match counted.last_mut() {
            Some((last, n)) if *last == f => *n += 1.0,
            _ => counted.push((f, 1.0)),
        }
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_single_features_and_numbers_collapse() {
        let a = features("pay {amount} by {date}", Lang::En);
        let b = features("pay {amount} by {date}", Lang::En);
        assert_eq!(a, b);
        assert_eq!(features("{amount}", Lang::En).len(), 1);
        assert_eq!(features("5200", Lang::En), features("17", Lang::En));
    }

    #[test]
    fn chinese_runs_give_one_to_three_grams() {
        // 3 unigrams + 2 bigrams + 1 trigram
        assert_eq!(features("还款吧", Lang::Zh).len(), 6);
    }

    #[test]
    fn latin_words_give_the_word_and_its_padded_three_and_four_grams() {
        // " pay ": three 3-grams, two 4-grams, and the word.
        let got: Vec<Feature> = features("pay", Lang::En)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        let grams = [" pa", "pay", "ay ", " pay", "pay "];
        let mut want: Vec<Feature> = grams
            .iter()
            .map(|g| hash(b'c', &g.chars().collect::<Vec<_>>()))
            .collect();
        want.push(hash(b'w', &['p', 'a', 'y']));
        want.sort_unstable();
        assert_eq!(got, want);
        // A one-letter word: " a " and the word.
        assert_eq!(features("a", Lang::En).len(), 2);
    }

    #[test]
    fn latin_words_in_chinese_lines_keep_their_two_grams() {
        // "ok": the word, " o", "ok", "k ", " ok", "ok ", " ok "; in English, the last three
        // and the word.
        assert_eq!(features("ok", Lang::Zh).len(), 7);
        assert_eq!(features("ok", Lang::En).len(), 4);
        // The Chinese characters' grams are the same either way.
        assert_eq!(features("好的ok", Lang::Zh).len(), 3 + 7);
    }
}
