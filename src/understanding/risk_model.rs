//! A second opinion on risk for lines no cue and no near example flagged: naive-Bayes log-odds of
//! "risky" against "compliant", learned when the content loads from the catalogue's own examples
//! (every example of a risky act against every other). Cues need the risky words in a set order
//! and similarity needs a whole line alike; this weighs each word, word pair and Chinese character
//! n-gram on its own, so a line built of risky pieces said in a new order still scores high.
//! Measured on fresh check sets written after the cues (tests/data/nlu/frames-risk6.yaml), it
//! found a third of the risky lines they missed; negation, reassurance and quotation still decide
//! (see `Analyzer`), and its threshold keeps false alarms on the labelled sets at most one line each.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A feature seen fewer times than this over all examples carries no weight: one example's
/// accident is not evidence.
const MIN_COUNT: u32 = 2;

#[derive(Debug, Default)]
pub struct RiskModel {
    weights: HashMap<u64, f32, BuildHasherDefault<FeatureHasher>>,
    prior: f32,
}

/// The keys are FNV hashes already: a table needs them mixed a little, not hashed again (a
/// keyed hash cost more than the rest of scoring).
#[derive(Debug, Default)]
pub(super) struct FeatureHasher(u64);

impl Hasher for FeatureHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = (n ^ (n >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

impl RiskModel {
    /// Learns the weights from `(folded example, risky?)` pairs.
    pub fn build<'a>(examples: impl IntoIterator<Item = (&'a str, bool)>) -> RiskModel {
        let mut counts: HashMap<u64, [u32; 2]> = HashMap::new();
        let mut docs = [0u32; 2];
        for (text, risky) in examples {
            let class = usize::from(risky);
            docs[class] += 1;
            let mut seen = Vec::new();
            features(text, &mut seen);
            seen.sort_unstable();
            seen.dedup();
            for f in seen {
                counts.entry(f).or_default()[class] += 1;
            }
        }
        let [compliant, risky] = docs.map(|d| f64::from(d) + 2.0);
        let weights = counts
            .into_iter()
            .filter(|(_, [c, r])| c + r >= MIN_COUNT)
            .map(|(f, [c, r])| {
                let w =
                    ((f64::from(r) + 1.0) / risky).ln() - ((f64::from(c) + 1.0) / compliant).ln();
                (f, w as f32)
            })
            .collect();
        let prior = if docs[0] > 0 && docs[1] > 0 {
            (f64::from(docs[1]) / f64::from(docs[0])).ln() as f32
        } else {
            0.0
        };
        RiskModel { weights, prior }
    }

    /// The log-odds that `text` (folded, entities masked) is risky.
    pub fn score(&self, text: &str) -> f32 {
        let mut seen = Vec::with_capacity(text.len() * 2);
        features(text, &mut seen);
        seen.sort_unstable();
        seen.dedup();
        self.prior + seen.iter().filter_map(|f| self.weights.get(f)).sum::<f32>()
    }
}

/// FNV-1a, fed a kind tag and then the pieces of a feature, without building the string.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    fn new(kind: u8) -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325).eat(kind)
    }

    fn eat(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
    }

    fn eat_str(self, s: &str) -> Fnv {
        s.bytes().fold(self, Fnv::eat)
    }
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words (digits folded to one shape) and word pairs; Chinese characters 1-3 at a time over the
/// line's Chinese characters run together (what separates them is mostly English or digits).
/// Pushed onto `out` (in no set order: callers sort them).
pub(super) fn features(text: &str, out: &mut Vec<u64>) {
    let words = text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.bytes().all(|b| b.is_ascii_digit()) {
                "0"
            } else {
                w
            }
        });
    // A pair is the previous word, a space, and this word.
    let mut pair: Option<Fnv> = None;
    for w in words {
        if let Some(p) = pair {
            out.push(p.eat_str(w).0);
        }
        out.push(Fnv::new(b'w').eat_str(w).0);
        pair = Some(Fnv::new(b'b').eat_str(w).eat(b' '));
    }
    // The last three Chinese characters, encoded: grams of 1, 2 and 3 ending at each one.
    let mut last: [[u8; 4]; 3] = [[0; 4]; 3];
    let mut lens = [0usize; 3];
    let mut seen = 0usize;
    for c in text.chars().filter(|c| is_han(*c)) {
        last.rotate_left(1);
        lens.rotate_left(1);
        lens[2] = c.encode_utf8(&mut last[2]).len();
        seen += 1;
        for n in 1..=seen.min(3) {
            let gram = (3 - n..3).fold(Fnv::new(b'c'), |h, k| {
                last[k][..lens[k]].iter().fold(h, |h, &b| h.eat(b))
            });
            out.push(gram.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The features as first written: strings built and hashed whole.
    fn reference(text: &str) -> Vec<u64> {
        let hash = |kind: u8, parts: &[&str]| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            let mut eat = |b: u8| {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            };
            eat(kind);
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    eat(b' ');
                }
                part.bytes().for_each(&mut eat);
            }
            h
        };
        let mut out = Vec::new();
        let words: Vec<&str> = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .map(|w| {
                if w.bytes().all(|b| b.is_ascii_digit()) {
                    "0"
                } else {
                    w
                }
            })
            .collect();
        for (i, w) in words.iter().enumerate() {
            out.push(hash(b'w', &[w]));
            if let Some(next) = words.get(i + 1) {
                out.push(hash(b'b', &[w, next]));
            }
        }
        let han: Vec<char> = text.chars().filter(|c| is_han(*c)).collect();
        for n in 1..=3 {
            for gram in han.windows(n) {
                out.push(hash(b'c', &[&gram.iter().collect::<String>()]));
            }
        }
        out.sort_unstable();
        out
    }

    proptest::proptest! {
        #[test]
        fn features_are_those_of_the_strings(text in "([a-c0-9' ’,]|你|好|还|钱|吗|\\PC){0,40}") {
            let mut got = Vec::new();
            features(&text, &mut got);
            got.sort_unstable();
            proptest::prop_assert_eq!(got, reference(&text));
        }
    }

    #[test]
    fn risky_pieces_in_a_new_order_score_high_and_ordinary_talk_low() {
        let model = RiskModel::build([
            ("we will break your legs", true),
            ("my guys will break your windows", true),
            ("i will find you and hurt you", true),
            ("we will send you a receipt", false),
            ("i will call you back tomorrow", false),
            ("can you pay on friday", false),
            ("你等着 我找人收拾你", true),
            ("我找人去你家收拾你", true),
            ("您方便的时候回个电话", false),
            ("您看周五能还吗", false),
        ]);
        assert!(model.score("your legs my guys will break") > model.score("we will call you"));
        assert!(model.score("收拾你 我找人") > model.score("您看方便回电话吗"));
        assert!(model.score("my guys will break your legs") > 0.0);
        assert!(model.score("can you pay on friday") < 0.0);
    }
}
