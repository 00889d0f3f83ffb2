//! The act model: a line-level judge of which acts a whole line performs, learned from agent
//! lines labelled with every act they perform (`language.labelled`, intents/labelled-lines.yaml).
//!
//! Cues and similarity look at one clause and one catalogue example at a time; this weighs every
//! word, word pair, piece of an English word and run of Chinese characters of the whole line
//! against every act at once, each act on its own (one logistic regression per act, so a line
//! can do several things). On two sets written blind after the sets it learns from
//! (tests/data/nlu/val30.yaml, val31.yaml, 120 lines each), alone it put 79.7% (English) and
//! 86.4% (Chinese) of the acts right where cues and similarity put 72.3% and 72.5%; a
//! scikit-learn prototype of the same idea reached 84.2% and 85.8%. `Analyzer` keeps cues
//! authoritative, lets the model drop compliant acts only similarity found and add the
//! compliant acts it is sure of (see `Analyzer::revise`): 75.3% and 74.1%.
//!
//! It learns when a language is first analysed (about 0.3 s for English, 0.1 s for Chinese on
//! the build machine), deterministically: a fixed order, a fixed number of passes, no
//! randomness.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;

use super::risk_model::{FeatureHasher, features as word_features};

/// Passes over the labelled lines: 30 and 60 measured alike on the fresh sets, 100 no better.
const EPOCHS: usize = 30;
/// The first pass's step; the n-th pass takes `STEP / sqrt(n)`. 2, 4 and 8 measured within a
/// point of each other on the fresh sets; 4 was the best of the three.
const STEP: f32 = 4.0;
/// The bias learns at a tenth of the weights' step, so a common act does not win on a line of
/// unseen words by its prior alone.
const BIAS_STEP: f32 = 0.1;
/// A feature seen on fewer lines carries no weight.
const MIN_LINES: u32 = 2;

#[derive(Debug, Default)]
pub struct ActModel {
    /// Feature hash -> row.
    rows: HashMap<u64, u32, BuildHasherDefault<FeatureHasher>>,
    /// Per row, its inverse line frequency.
    idf: Vec<f32>,
    /// Row-major: `n_acts` weights per row.
    weights: Vec<f32>,
    bias: Vec<f32>,
    n_acts: usize,
}

/// One labelled line: folded text and the acts it performs (indices into the analyser's acts).
pub struct Labelled {
    pub text: String,
    pub acts: Vec<usize>,
}

impl ActModel {
    /// Learns from `lines`; `n_acts` acts in all. No lines: a model that knows nothing.
    pub fn train(lines: &[Labelled], n_acts: usize) -> ActModel {
        let feats: Vec<Vec<u64>> = lines.iter().map(|l| line_features(&l.text)).collect();
        let mut seen: HashMap<u64, u32> = HashMap::new();
        for f in feats.iter().flatten() {
            *seen.entry(*f).or_default() += 1;
        }
        let mut kept: Vec<(u64, u32)> = seen.into_iter().filter(|(_, n)| *n >= MIN_LINES).collect();
        // Row order follows the hash, not the table's iteration: the same weights every run.
        kept.sort_unstable();
        let total = lines.len() as f32;
        let mut model = ActModel {
            rows: HashMap::default(),
            idf: Vec::with_capacity(kept.len()),
            weights: vec![0.0; kept.len() * n_acts],
            bias: vec![0.0; n_acts],
            n_acts,
        };
        for (row, (f, n)) in kept.iter().enumerate() {
            model.rows.insert(*f, row as u32);
            model
                .idf
                .push(((1.0 + total) / (1.0 + *n as f32)).ln() + 1.0);
        }
        let vectors: Vec<Vec<(u32, f32)>> = feats.iter().map(|f| model.vector(f)).collect();
        // A fixed scatter of the lines, so one set's lines do not come in a run.
        let mut order: Vec<usize> = (0..lines.len()).collect();
        order.sort_by_key(|&i| (i as u64).wrapping_mul(2_654_435_761) % 4_294_967_296);
        let mut gold = vec![0.0f32; n_acts];
        let mut grad = vec![0.0f32; n_acts];
        for epoch in 0..EPOCHS {
            let step = STEP / ((1 + epoch) as f32).sqrt();
            for &i in &order {
                let x = &vectors[i];
                gold.fill(0.0);
                for &a in &lines[i].acts {
                    if let Some(g) = gold.get_mut(a) {
                        *g = 1.0;
                    }
                }
                let z = model.logits(x);
                for a in 0..n_acts {
                    grad[a] = sigmoid(z[a]) - gold[a];
                    model.bias[a] -= step * BIAS_STEP * grad[a];
                }
                for &(row, v) in x {
                    let w = &mut model.weights[row as usize * n_acts..][..n_acts];
                    for (w, g) in w.iter_mut().zip(&grad) {
                        *w -= step * v * g;
                    }
                }
            }
        }
        model
    }

    /// Each act's probability that the line (folded) performs it.
    pub fn probabilities(&self, text: &str) -> Vec<f32> {
        if self.n_acts == 0 || self.rows.is_empty() {
            return vec![0.0; self.n_acts];
        }
        let x = self.vector(&line_features(text));
        self.logits(&x).into_iter().map(sigmoid).collect()
    }

    /// Whether it learned anything (a language with no labelled lines has no model).
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The line's known features with their weights, scaled to length 1.
    fn vector(&self, feats: &[u64]) -> Vec<(u32, f32)> {
        let mut x: Vec<(u32, f32)> = feats
            .iter()
            .filter_map(|f| self.rows.get(f))
            .map(|&row| (row, self.idf[row as usize]))
            .collect();
        let norm = x.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
        if norm > 0.0 {
            x.iter_mut().for_each(|(_, v)| *v /= norm);
        }
        x
    }

    fn logits(&self, x: &[(u32, f32)]) -> Vec<f32> {
        let mut z = self.bias.clone();
        for &(row, v) in x {
            let w = &self.weights[row as usize * self.n_acts..][..self.n_acts];
            for (z, w) in z.iter_mut().zip(w) {
                *z += v * w;
            }
        }
        z
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// The word-piece model's features (words, word pairs, Chinese character 1-3-grams), and each
/// Latin word's 2-4-character pieces with its edges marked ("pay" gives " p", "pa", "ay", "y ",
/// " pa", ...): typos and new forms of a word share most of them. Sorted, each once.
fn line_features(text: &str) -> Vec<u64> {
    let mut out = Vec::with_capacity(text.len() * 4);
    word_features(text, &mut out);
    for word in text
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '\'' || c == '’'))
        .filter(|w| !w.is_empty() && !w.bytes().all(|b| b.is_ascii_digit()))
    {
        let padded: Vec<u8> = std::iter::once(b' ')
            .chain(word.bytes())
            .chain(std::iter::once(b' '))
            .collect();
        for n in 2..=4 {
            for gram in padded.windows(n) {
                out.push(
                    gram.iter()
                        .fold(0x84_22_23_25_cb_f2_9c_e4u64 ^ u64::from(b'g'), |h, &b| {
                            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
                        }),
                );
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, acts: &[usize]) -> Labelled {
        Labelled {
            text: text.to_string(),
            acts: acts.to_vec(),
        }
    }

    #[test]
    fn learns_several_acts_a_line_and_weighs_new_lines() {
        // 0 greet, 1 request_payment, 2 empathy
        let lines = [
            line("good morning", &[0]),
            line("good afternoon", &[0]),
            line("hi there good morning", &[0]),
            line("can you pay today", &[1]),
            line("could you pay the balance today", &[1]),
            line("please pay by friday", &[1]),
            line("i'm sorry to hear that", &[2]),
            line("sorry to hear about your job", &[2]),
            line("that sounds hard, i'm sorry", &[2]),
            line("good morning, can you pay today", &[0, 1]),
            line("您好", &[0]),
            line("您好 早上好", &[0]),
            line("今天能还吗", &[1]),
            line("今天能还款吗", &[1]),
        ];
        let model = ActModel::train(&lines, 3);
        // Both acts above the analyser's floor for adding one (0.3), the third below its floor
        // for keeping one (0.1).
        let p = model.probabilities("good afternoon, could you pay by friday");
        assert!(p[0] > 0.3 && p[1] > 0.3 && p[2] < 0.1, "{p:?}");
        let p = model.probabilities("so sorry to hear that");
        assert!(p[2] > 0.5 && p[1] < 0.3, "{p:?}");
        let p = model.probabilities("今天能还款吗");
        assert!(p[1] > p[0] && p[1] > 0.5, "{p:?}");
        // The same lines give the same weights: training is deterministic.
        let again = ActModel::train(&lines, 3);
        assert_eq!(model.weights, again.weights);
    }

    #[test]
    fn no_lines_no_opinion() {
        let model = ActModel::train(&[], 3);
        assert!(model.is_empty());
        assert_eq!(model.probabilities("anything"), vec![0.0; 3]);
    }
}
