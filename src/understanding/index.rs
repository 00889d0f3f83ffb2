//! The similarity index: TF-IDF over the catalogue's examples, built when content loads; scored
//! by class centroid (per act and language) blended with the nearest single example.

use std::collections::HashMap;

use super::features::{Feature, features};
use crate::lang::Lang;

#[derive(Debug, Clone)]
pub struct Example {
    pub act: usize,
    pub lang: Lang,
    pub text: String,
}

#[derive(Debug)]
pub struct Index {
    n_acts: usize,
    vocab: HashMap<Feature, u32>,
    idf: Vec<f32>,
    /// Feature-major centroid weights: `[feature * columns + act * 2 + lang]`.
    centroids: Vec<f32>,
    /// Feature -> (example, weight) for nearest-example scores.
    postings: Vec<Vec<(u32, f32)>>,
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

fn lang_col(lang: Lang) -> usize {
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
        let mut vocab: HashMap<Feature, u32> = HashMap::new();
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
        let columns = n_acts * 2;
        let mut centroids = vec![0.0f32; vocab.len() * columns];
        let mut postings: Vec<Vec<(u32, f32)>> = vec![Vec::new(); vocab.len()];
        for (i, (doc, example)) in docs.iter().zip(&examples).enumerate() {
            let vector = weigh(doc, &vocab, &idf);
            let col = example.act * 2 + lang_col(example.lang);
            for (id, w) in vector {
                centroids[id as usize * columns + col] += w;
                postings[id as usize].push((i as u32, w));
            }
        }
        // Normalise each centroid column.
        let mut norms = vec![0.0f32; columns];
        for row in centroids.chunks(columns) {
            for (c, w) in row.iter().enumerate() {
                norms[c] += w * w;
            }
        }
        for row in centroids.chunks_mut(columns) {
            for (c, w) in row.iter_mut().enumerate() {
                if norms[c] > 0.0 {
                    *w /= norms[c].sqrt();
                }
            }
        }
        Index {
            n_acts,
            vocab,
            idf,
            centroids,
            postings,
            examples,
        }
    }

    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    pub fn score(&self, text: &str, lang: Lang) -> Scores {
        let vector = weigh(&features(text), &self.vocab, &self.idf);
        let columns = self.n_acts * 2;
        let col = lang_col(lang);
        let mut centroid = vec![0.0f32; self.n_acts];
        // Dense accumulators: a few thousand floats beat hashing every posting.
        let mut per_example = vec![0.0f32; self.examples.len()];
        for (id, w) in &vector {
            let row = &self.centroids[*id as usize * columns..(*id as usize + 1) * columns];
            for (act, score) in centroid.iter_mut().enumerate() {
                *score += w * row[act * 2 + col];
            }
            for (example, ew) in &self.postings[*id as usize] {
                per_example[*example as usize] += w * ew;
            }
        }
        let mut nearest: Vec<Option<(u32, f32)>> = vec![None; self.n_acts];
        for (example, sim) in per_example.into_iter().enumerate() {
            if sim <= 0.0 {
                continue;
            }
            let example = example as u32;
            let e = &self.examples[example as usize];
            if e.lang != lang {
                continue;
            }
            let slot = &mut nearest[e.act];
            // Ties go to the lower example index, so the result never depends on hash order.
            let better = match slot {
                None => true,
                Some((idx, best)) => sim > *best || (sim == *best && example < *idx),
            };
            if better {
                *slot = Some((example, sim));
            }
        }
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

/// Sublinear TF times IDF, L2-normalised, over known features only.
fn weigh(doc: &[(Feature, f32)], vocab: &HashMap<Feature, u32>, idf: &[f32]) -> Vec<(u32, f32)> {
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
