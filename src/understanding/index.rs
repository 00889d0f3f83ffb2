//! The similarity index: TF-IDF over the catalogue's examples, built when content loads; scored
//! by class centroid (per act and language) blended with the nearest single example.
//!
//! Each language has its own rows, since a line is only ever compared with examples of its own
//! language. A feature's row holds its centroid weights (act, weight) then its postings (example,
//! weight) side by side: one header and one contiguous run per query feature. A dense
//! feature-by-act centroid matrix, nearly all zeros, was built at load and read a full row of
//! act weights for every feature of every clause.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::features::{Feature, features};
use crate::lang::Lang;

#[derive(Debug, Clone)]
pub struct Example {
    pub act: usize,
    pub lang: Lang,
    pub text: String,
}

/// Features are already 64-bit FNV hashes: hashing them again would only cost time.
#[derive(Debug, Default, Clone, Copy)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is used for `Feature` keys; fold anything else in FNV style.
        for b in bytes {
            self.0 = (self.0 ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// What the vocabulary knows of a feature: its id (the order in which a query's weights are
/// summed), its IDF, and its row in each language's side (`NONE` when that side never saw it).
#[derive(Debug, Clone, Copy)]
struct Term {
    id: u32,
    idf: f32,
    rows: [u32; 2],
}

const NONE: u32 = u32::MAX;

type Vocab = HashMap<Feature, Term, BuildHasherDefault<PassThrough>>;

/// One feature's row in a side: `entries[start..mid]` are (act, centroid weight),
/// `entries[mid..end]` are (local example, weight) unless the feature has a dense row
/// (`dense != NONE`), which then holds every example's weight.
#[derive(Debug, Clone, Copy)]
struct Row {
    start: u32,
    mid: u32,
    end: u32,
    dense: u32,
}

/// One language's half of the index.
#[derive(Debug, Default)]
struct Side {
    rows: Vec<Row>,
    entries: Vec<(u32, f32)>,
    /// Local example number -> index into `Index::examples` (grouped by act, ascending in each).
    global: Vec<u32>,
    /// Per act, its local examples `[start, end)`: examples come act by act, so each act's are
    /// contiguous and the nearest one is a scan of a slice, not a lookup per example.
    act_ranges: Vec<(u32, u32)>,
    /// Dense rows, `global.len()` weights each: a plain loop over a row vectorises, scattered
    /// postings do not, and the sums come out bit for bit the same.
    dense: Vec<f32>,
}

/// A feature gets a dense row once it occurs in more than 1 in this many examples.
const DENSE_SHARE: usize = 8;

#[derive(Debug)]
pub struct Index {
    n_acts: usize,
    vocab: Vocab,
    sides: [Side; 2],
    pub examples: Vec<Example>,
}

/// Similarity of a text to every act in one language.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Blended score per act.
    pub act: Vec<f32>,
    /// Nearest example per act (index into `examples`), when any feature is shared.
    pub nearest: Vec<Option<(u32, f32)>>,
}

fn side_of(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::Zh => 1,
    }
}

/// Share of the centroid score in the blend; the rest is the nearest example's.
const CENTROID_SHARE: f32 = 0.5;

impl Index {
    pub fn build(n_acts: usize, examples: Vec<Example>) -> Index {
        let docs: Vec<Vec<(Feature, f32)>> = examples.iter().map(|e| features(&e.text)).collect();
        let mut vocab = Vocab::default();
        let mut df: Vec<f32> = Vec::new();
        for doc in &docs {
            for (f, _) in doc {
                let next = vocab.len() as u32;
                let id = vocab
                    .entry(*f)
                    .or_insert(Term {
                        id: next,
                        idf: 0.0,
                        rows: [NONE; 2],
                    })
                    .id;
                if id as usize == df.len() {
                    df.push(0.0);
                }
                df[id as usize] += 1.0;
            }
        }
        let n = docs.len() as f32;
        for term in vocab.values_mut() {
            term.idf = ((1.0 + n) / (1.0 + df[term.id as usize])).ln() + 1.0;
        }
        let n_features = vocab.len();
        let mut sides: [Side; 2] = Default::default();
        let mut postings: [Vec<Vec<(u32, f32)>>; 2] =
            [vec![Vec::new(); n_features], vec![Vec::new(); n_features]];
        // Local example -> act, per side.
        let mut act_of: [Vec<u32>; 2] = Default::default();
        // Visit examples grouped by act (stable, so ties still favour the earlier example).
        let mut order: Vec<usize> = (0..examples.len()).collect();
        order.sort_by_key(|&i| examples[i].act);
        for i in order {
            let (doc, example) = (&docs[i], &examples[i]);
            let s = side_of(example.lang);
            let side = &mut sides[s];
            let local = side.global.len() as u32;
            side.global.push(i as u32);
            act_of[s].push(example.act as u32);
            if side.act_ranges.len() <= example.act {
                side.act_ranges.resize(example.act + 1, (local, local));
            }
            side.act_ranges[example.act].1 = local + 1;
            for (term, w) in weigh(doc, &vocab) {
                postings[s][term.id as usize].push((local, w));
            }
        }
        // Global id -> feature, to give each feature its row in each side.
        let mut by_id: Vec<Feature> = vec![0; n_features];
        for (f, term) in &vocab {
            by_id[term.id as usize] = *f;
        }
        for (s, (side, postings)) in sides.iter_mut().zip(postings).enumerate() {
            let end = side.global.len() as u32;
            side.act_ranges.resize(n_acts, (end, end));
            let n_examples = side.global.len();
            let mut norms = vec![0.0f32; n_acts];
            for (id, row) in postings.into_iter().enumerate() {
                if row.is_empty() {
                    continue;
                }
                if let Some(term) = vocab.get_mut(&by_id[id]) {
                    term.rows[s] = side.rows.len() as u32;
                }
                let start = side.entries.len() as u32;
                // Postings come in local order, so each act's are adjacent: its centroid weight
                // is their sum, added in the same order as a dense accumulation would.
                for &(local, w) in &row {
                    let act = act_of[s][local as usize];
                    let len = side.entries.len();
                    if len > start as usize && side.entries[len - 1].0 == act {
                        side.entries[len - 1].1 += w;
                    } else {
                        side.entries.push((act, w));
                    }
                }
                for (act, c) in &side.entries[start as usize..] {
                    norms[*act as usize] += c * c;
                }
                let mid = side.entries.len() as u32;
                let dense = if row.len() * DENSE_SHARE > n_examples {
                    let at = side.dense.len();
                    side.dense.resize(at + n_examples, 0.0);
                    for (local, w) in row {
                        side.dense[at + local as usize] = w;
                    }
                    (at / n_examples) as u32
                } else {
                    side.entries.extend(row);
                    NONE
                };
                side.rows.push(Row {
                    start,
                    mid,
                    end: side.entries.len() as u32,
                    dense,
                });
            }
            // Each act's centroid to unit length.
            for row in &side.rows {
                for (act, c) in &mut side.entries[row.start as usize..row.mid as usize] {
                    let norm = norms[*act as usize];
                    if norm > 0.0 {
                        *c /= norm.sqrt();
                    }
                }
            }
        }
        Index {
            n_acts,
            vocab,
            sides,
            examples,
        }
    }

    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    pub fn score(&self, text: &str, lang: Lang) -> Scores {
        let s = side_of(lang);
        let vector = weigh(&features(text), &self.vocab);
        let side = &self.sides[s];
        let mut centroid = vec![0.0f32; self.n_acts];
        // Dense accumulators: a few thousand floats beat hashing every posting.
        let mut per_example = vec![0.0f32; side.global.len()];
        let mut nearest: Vec<Option<(u32, f32)>> = vec![None; self.n_acts];
        let mut sums = Sums {
            centroid: &mut centroid,
            per_example: &mut per_example,
            nearest: &mut nearest,
        };
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: `sum_avx2` only needs AVX2, which this CPU was just seen to have.
            unsafe { sum_avx2(side, s, &vector, &mut sums) };
        } else {
            sum(side, s, &vector, &mut sums);
        }
        #[cfg(not(target_arch = "x86_64"))]
        sum(side, s, &vector, &mut sums);
        let act = centroid
            .iter()
            .zip(&nearest)
            .map(|(c, n)| {
                CENTROID_SHARE * c + (1.0 - CENTROID_SHARE) * n.map(|(_, s)| s).unwrap_or(0.0)
            })
            .collect();
        Scores { act, nearest }
    }
}

/// Where a line's sums go: per act's centroid, per example, and each act's nearest example.
struct Sums<'a> {
    centroid: &'a mut [f32],
    per_example: &'a mut [f32],
    nearest: &'a mut [Option<(u32, f32)>],
}

/// The sums compiled for AVX2: the dense rows and the nearest-example scans are plain loops
/// over thousands of floats, and eight lanes do them in about half the time of the baseline's
/// four. Each lane still multiplies, then adds (no fused multiply-add), so the results are the
/// same bit for bit on every CPU.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_avx2(side: &Side, s: usize, vector: &[(Term, f32)], sums: &mut Sums) {
    sum(side, s, vector, sums);
}

/// Adds up a weighed line against one side: centroid and per-example dot products in feature
/// order, then each act's nearest example.
#[inline(always)]
fn sum(side: &Side, s: usize, vector: &[(Term, f32)], sums: &mut Sums) {
    let per_example = &mut *sums.per_example;
    for (term, w) in vector {
        let Some(row) = side.rows.get(term.rows[s] as usize) else {
            continue;
        };
        let (start, mid, end) = (row.start as usize, row.mid as usize, row.end as usize);
        for &(act, c) in &side.entries[start..mid] {
            sums.centroid[act as usize] += w * c;
        }
        if row.dense == NONE {
            for &(example, ew) in &side.entries[mid..end] {
                per_example[example as usize] += w * ew;
            }
        } else {
            let n = per_example.len();
            let at = row.dense as usize * n;
            for (acc, ew) in per_example.iter_mut().zip(&side.dense[at..at + n]) {
                *acc += w * ew;
            }
        }
    }
    for (nearest, &(start, end)) in sums.nearest.iter_mut().zip(&side.act_ranges) {
        let sims = &per_example[start as usize..end as usize];
        let best = max(sims);
        // The first of the best (ties keep the lower index), never a non-positive one.
        if best > 0.0 {
            let at = sims.iter().position(|&s| s == best).unwrap_or(0);
            *nearest = Some((side.global[start as usize + at], best));
        }
    }
}

/// The largest of `values`, or 0 when none is positive. Eight running maxima: a loop the
/// compiler turns into vector instructions, which a fold carrying the best index is not.
#[inline(always)]
fn max(values: &[f32]) -> f32 {
    let mut lanes = [0.0f32; 8];
    let chunks = values.chunks_exact(8);
    let rest = chunks.remainder();
    for chunk in chunks {
        for (lane, &v) in lanes.iter_mut().zip(chunk) {
            *lane = if v > *lane { v } else { *lane };
        }
    }
    for &v in rest {
        lanes[0] = if v > lanes[0] { v } else { lanes[0] };
    }
    lanes
        .into_iter()
        .fold(0.0, |a, b| if b > a { b } else { a })
}

/// Sublinear TF times IDF, L2-normalised, over known features only; in id order, so that every
/// sum over a line's features is taken in one fixed order.
fn weigh(doc: &[(Feature, f32)], vocab: &Vocab) -> Vec<(Term, f32)> {
    let mut v: Vec<(Term, f32)> = doc
        .iter()
        .filter_map(|(f, tf)| {
            // Most features occur once, and 1 + ln 1 is exactly 1: skip the logarithm.
            let tf = if *tf == 1.0 { 1.0 } else { 1.0 + tf.ln() };
            vocab.get(f).map(|t| (*t, tf * t.idf))
        })
        .collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v.sort_unstable_by_key(|(t, _)| t.id);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(act: usize, lang: Lang, text: &str) -> Example {
        Example {
            act,
            lang,
            text: text.to_string(),
        }
    }

    fn catalogue() -> Vec<Example> {
        // Acts out of order and interleaved languages, as content files may give them; the
        // word "the" occurs in many English examples, so it gets a dense row and rarer ones
        // postings.
        vec![
            example(2, Lang::En, "can you pay the balance today"),
            example(0, Lang::En, "hello this is the collections team"),
            example(1, Lang::Zh, "请问是张伟本人吗"),
            example(1, Lang::En, "am I speaking with the account holder"),
            example(2, Lang::En, "could you make the payment by friday"),
            example(0, Lang::Zh, "您好，我是安和公司的小王"),
            example(2, Lang::Zh, "今天能先还一部分吗"),
            example(1, Lang::En, "is this the right person"),
            example(0, Lang::En, "hi there, calling from the bank"),
            example(2, Lang::En, "send two hundred now"),
            example(0, Lang::En, "good morning"),
            example(1, Lang::En, "may I confirm your date of birth"),
            example(2, Lang::En, "set up a plan of three payments"),
            example(0, Lang::En, "hey, Dana here from Acme"),
            example(1, Lang::En, "who am I talking to"),
        ]
    }

    /// The scores worked out the slow, obvious way: dense vectors and cosines.
    fn naive(index: &Index, text: &str, lang: Lang) -> (Vec<f32>, Vec<f32>) {
        let vector = |t: &str| {
            let mut v = vec![0.0f32; index.vocab.len()];
            for (term, w) in weigh(&features(t), &index.vocab) {
                v[term.id as usize] = w;
            }
            v
        };
        let dot = |a: &[f32], b: &[f32]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f32>();
        let q = vector(text);
        let mut centroid = vec![0.0f32; index.n_acts];
        let mut nearest = vec![0.0f32; index.n_acts];
        for act in 0..index.n_acts {
            let mut c = vec![0.0f32; index.vocab.len()];
            for e in index
                .examples
                .iter()
                .filter(|e| e.act == act && e.lang == lang)
            {
                let v = vector(&e.text);
                nearest[act] = nearest[act].max(dot(&q, &v));
                for (a, b) in c.iter_mut().zip(&v) {
                    *a += b;
                }
            }
            let norm = dot(&c, &c).sqrt();
            if norm > 0.0 {
                centroid[act] = dot(&q, &c) / norm;
            }
        }
        (centroid, nearest)
    }

    #[test]
    fn scores_match_the_plain_cosine_arithmetic() {
        let index = Index::build(3, catalogue());
        for (text, lang) in [
            ("hello, is this the account holder", Lang::En),
            ("pay the balance by friday please", Lang::En),
            ("您好，请问是张伟吗，今天能还吗", Lang::Zh),
            ("nothing in common xyz", Lang::En),
        ] {
            let scores = index.score(text, lang);
            let (centroid, nearest) = naive(&index, text, lang);
            for act in 0..3 {
                let got_nearest = scores.nearest[act].map(|(_, s)| s).unwrap_or(0.0);
                assert!(
                    (got_nearest - nearest[act]).abs() < 1e-5,
                    "{text}: act {act}"
                );
                let blend = CENTROID_SHARE * centroid[act] + (1.0 - CENTROID_SHARE) * nearest[act];
                assert!((scores.act[act] - blend).abs() < 1e-5, "{text}: act {act}");
                if let Some((i, _)) = scores.nearest[act] {
                    let e = &index.examples[i as usize];
                    assert_eq!((e.act, e.lang), (act, lang), "{text}: act {act}");
                }
            }
        }
    }

    #[test]
    fn common_features_get_dense_rows_and_rare_ones_postings() {
        let index = Index::build(3, catalogue());
        let side = &index.sides[side_of(Lang::En)];
        assert!(side.rows.iter().any(|r| r.dense != NONE));
        assert!(side.rows.iter().any(|r| r.dense == NONE && r.end > r.mid));
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx2_sums_equal_the_baseline_bit_for_bit() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let index = Index::build(3, catalogue());
        let s = side_of(Lang::En);
        let side = &index.sides[s];
        let vector = weigh(
            &features("hello is this the right account holder"),
            &index.vocab,
        );
        let run = |avx2: bool| {
            let (mut centroid, mut per_example) = (vec![0.0; 3], vec![0.0; side.global.len()]);
            let mut nearest = vec![None; 3];
            let mut sums = Sums {
                centroid: &mut centroid,
                per_example: &mut per_example,
                nearest: &mut nearest,
            };
            if avx2 {
                // SAFETY: AVX2 was detected above.
                unsafe { sum_avx2(side, s, &vector, &mut sums) };
            } else {
                sum(side, s, &vector, &mut sums);
            }
            let bits = |v: &[f32]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
            (bits(&centroid), bits(&per_example), nearest)
        };
        assert_eq!(run(true), run(false));
    }
}
