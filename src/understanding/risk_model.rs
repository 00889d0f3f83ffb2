//! A second opinion on risk for lines no cue and no near example flagged: naive-Bayes log-odds of
//! "risky" against "compliant", learned when the content loads from the catalogue's own examples
//! (every example of a risky act against every other). Cues need the risky words in a set order
//! and similarity needs a whole line alike; this weighs each word, word pair and Chinese character
//! n-gram on its own, so a line built of risky pieces said in a new order still scores high.
//! Measured on fresh check sets written after the cues (tests/data/nlu/frames-risk6.yaml), it
//! found a third of the risky lines they missed; negation, reassurance and quotation still decide
//! (see `Analyzer`), and its threshold keeps false alarms on the labelled sets at most one line each.

use std::collections::HashMap;

/// A feature seen fewer times than this over all examples carries no weight: one example's
/// accident is not evidence.
const MIN_COUNT: u32 = 2;

#[derive(Debug, Default)]
pub struct RiskModel {
    weights: HashMap<u64, f32>,
    prior: f32,
}

impl RiskModel {
    /// Learns the weights from `(folded example, risky?)` pairs.
    pub fn build<'a>(examples: impl IntoIterator<Item = (&'a str, bool)>) -> RiskModel {
        let mut counts: HashMap<u64, [u32; 2]> = HashMap::new();
        let mut docs = [0u32; 2];
        for (text, risky) in examples {
            let class = usize::from(risky);
            docs[class] += 1;
            let mut seen = features(text);
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
        let mut seen = features(text);
        seen.sort_unstable();
        seen.dedup();
        self.prior + seen.iter().filter_map(|f| self.weights.get(f)).sum::<f32>()
    }
}

/// FNV-1a over a kind tag and the pieces of a feature, without building the string.
fn hash(kind: u8, parts: &[&str]) -> u64 {
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
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c)
}

/// Words (digits folded to one shape) and word pairs; Chinese characters 1-3 at a time over the
/// line's Chinese characters run together (what separates them is mostly English or digits).
fn features(text: &str) -> Vec<u64> {
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
    let mut buf = String::new();
    for n in 1..=3 {
        for gram in han.windows(n) {
            buf.clear();
            buf.extend(gram);
            out.push(hash(b'c', &[&buf]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
