//! The similarity index: TF-IDF over the catalogue's examples, built when content loads; scored
//! by class centroid (per act and language) blended with the nearest single example.
//!
//! Each language has its own centroid matrix and posting lists (compressed rows), since a line
//! is only ever compared with examples of its own language: half the work, and no strided reads.

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

type Vocab = HashMap<Feature, u32, BuildHasherDefault<PassThrough>>;

/// One language's half of the index.
#[derive(Debug, Default)]
struct Side {
    /// Feature-major centroid weights: `[feature * n_acts + act]`.
    centroids: Vec<f32>,
    /// Postings in compressed rows: feature `f` owns `entries[offsets[f]..offsets[f + 1]]`,
    /// each `(local example, weight)`.
    offsets: Vec<u32>,
    entries: Vec<(u32, f32)>,
    /// Local example number -> index into `Index::examples` (grouped by act, ascending in each).
    global: Vec<u32>,
    /// Per act, its local examples `[start, end)`: examples come act by act, so each act's are
    /// contiguous and the nearest one is a scan of a slice, not a lookup per example.
    act_ranges: Vec<(u32, u32)>,
    /// Features present in many examples keep a dense row instead (`dense_row[f]` indexes
    /// `dense`, `u32::MAX` when sparse): a plain loop over a row vectorises, scattered postings
    /// do not, and the sums come out bit for bit the same.
    dense_row: Vec<u32>,
    dense: Vec<f32>,
}

/// A feature gets a dense row once it occurs in more than 1 in this many examples.
const DENSE_SHARE: usize = 8;

#[derive(Debug)]
pub struct Index {
    n_acts: usize,
    vocab: Vocab,
    idf: Vec<f32>,
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
                let id = *vocab.entry(*f).or_insert(next);
                if id as usize == df.len() {
                    df.push(0.0);
                }
                df[id as usize] += 1.0;
            }
        }
        let n = docs.len() as f32;
        let idf: Vec<f32> = df
            .iter()
            .map(|d| ((1.0 + n) / (1.0 + d)).ln() + 1.0)
            .collect();
        let n_features = vocab.len();
        let mut sides: [Side; 2] = Default::default();
        let mut rows: [Vec<Vec<(u32, f32)>>; 2] =
            [vec![Vec::new(); n_features], vec![Vec::new(); n_features]];
        for side in &mut sides {
            side.centroids = vec![0.0f32; n_features * n_acts];
        }
        // Visit examples grouped by act (stable, so ties still favour the earlier example).
        let mut order: Vec<usize> = (0..examples.len()).collect();
        order.sort_by_key(|&i| examples[i].act);
        for i in order {
            let (doc, example) = (&docs[i], &examples[i]);
            let s = side_of(example.lang);
            let side = &mut sides[s];
            let local = side.global.len() as u32;
            side.global.push(i as u32);
            if side.act_ranges.len() <= example.act {
                side.act_ranges.resize(example.act + 1, (local, local));
            }
            side.act_ranges[example.act].1 = local + 1;
            for (id, w) in weigh(doc, &vocab, &idf) {
                side.centroids[id as usize * n_acts + example.act] += w;
                rows[s][id as usize].push((local, w));
            }
        }
        for (side, rows) in sides.iter_mut().zip(rows) {
            let end = side.global.len() as u32;
            side.act_ranges.resize(n_acts, (end, end));
            normalise_columns(&mut side.centroids, n_acts);
            let n_examples = side.global.len();
            side.offsets.reserve(n_features + 1);
            side.offsets.push(0);
            side.dense_row = vec![u32::MAX; n_features];
            for (id, row) in rows.into_iter().enumerate() {
                if row.len() * DENSE_SHARE > n_examples {
                    side.dense_row[id] = (side.dense.len() / n_examples) as u32;
                    let start = side.dense.len();
                    side.dense.resize(start + n_examples, 0.0);
                    for (local, w) in row {
                        side.dense[start + local as usize] = w;
                    }
                } else {
                    side.entries.extend(row);
                }
                side.offsets.push(side.entries.len() as u32);
            }
        }
        Index {
            n_acts,
            vocab,
            idf,
            sides,
            examples,
        }
    }

    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    pub fn score(&self, text: &str, lang: Lang) -> Scores {
        let vector = weigh(&features(text), &self.vocab, &self.idf);
        let side = &self.sides[side_of(lang)];
        let n_acts = self.n_acts;
        let mut centroid = vec![0.0f32; n_acts];
        // Dense accumulators: a few thousand floats beat hashing every posting.
        let mut per_example = vec![0.0f32; side.global.len()];
        for (id, w) in &vector {
            let id = *id as usize;
            let row = &side.centroids[id * n_acts..(id + 1) * n_acts];
            for (score, c) in centroid.iter_mut().zip(row) {
                *score += w * c;
            }
            match side.dense_row[id] {
                u32::MAX => {
                    let postings =
                        &side.entries[side.offsets[id] as usize..side.offsets[id + 1] as usize];
                    for (example, ew) in postings {
                        per_example[*example as usize] += w * ew;
                    }
                }
                row => {
                    let n = per_example.len();
                    let row = &side.dense[row as usize * n..(row as usize + 1) * n];
                    for (acc, ew) in per_example.iter_mut().zip(row) {
                        *acc += w * ew;
                    }
                }
            }
        }
        let nearest: Vec<Option<(u32, f32)>> = side
            .act_ranges
            .iter()
            .map(|&(start, end)| {
                let sims = &per_example[start as usize..end as usize];
                // The first of the best (ties keep the lower index), never a non-positive one.
                let (at, best) =
                    sims.iter()
                        .enumerate()
                        .fold(
                            (0, 0.0f32),
                            |(at, best), (i, &s)| {
                                if s > best { (i, s) } else { (at, best) }
                            },
                        );
                (best > 0.0).then(|| (side.global[start as usize + at], best))
            })
            .collect();
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

/// Scales each act's centroid column to unit length.
fn normalise_columns(matrix: &mut [f32], columns: usize) {
    let mut norms = vec![0.0f32; columns];
    for row in matrix.chunks(columns) {
        for (c, w) in row.iter().enumerate() {
            norms[c] += w * w;
        }
    }
    for row in matrix.chunks_mut(columns) {
        for (c, w) in row.iter_mut().enumerate() {
            if norms[c] > 0.0 {
                *w /= norms[c].sqrt();
            }
        }
    }
}

/// Sublinear TF times IDF, L2-normalised, over known features only.
fn weigh(doc: &[(Feature, f32)], vocab: &Vocab, idf: &[f32]) -> Vec<(u32, f32)> {
    let mut v: Vec<(u32, f32)> = doc
        .iter()
        .filter_map(|(f, tf)| {
            vocab
                .get(f)
                .map(|id| (*id, (1.0 + tf.ln()) * idf[*id as usize]))
        })
        .collect();
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v.sort_unstable_by_key(|(id, _)| *id);
    v
}
