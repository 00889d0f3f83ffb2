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

use super::features::{Feature, each_feature, features};
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

/// One feature's row in a side. A rarer feature's acts are `centroids[start..end]`, with
/// their postings. A common one (`dense != NONE`) has dense rows instead: every example's
/// weight in `Side::dense`, every act's centroid weight and peak in `Side::act_weights` and
/// `Side::act_peaks` (row number `dense` in each).
#[derive(Debug, Clone, Copy)]
struct Row {
    start: u32,
    end: u32,
    dense: u32,
    /// The row's act weights and peaks in `Side::act_weights` and `Side::act_peaks` (row number
    /// `act_row` in each), or `NONE`: every dense row has them, and so does a sparse row shared
    /// by many acts, which a loop over every act adds up faster than its entries one by one.
    act_row: u32,
    /// Which of acts 0-63 have a centroid entry: act `a`'s is the one after as many entries
    /// as there are acts below `a` in the mask, found without a search.
    acts: u64,
}

/// A feature's share of one act: its weight in the act's (unit) centroid, and its largest
/// weight in any one example of the act, which bounds what the feature can add to the act's
/// nearest example.
#[derive(Debug, Clone, Copy)]
struct Centroid {
    act: u32,
    weight: f32,
    peak: f32,
    /// The act's weights in the row: `dense[from..to]` (one per example of the act) when the
    /// row is dense, else `postings[from..to]`.
    from: u32,
    to: u32,
}

/// One language's half of the index.
#[derive(Debug, Default)]
struct Side {
    rows: Vec<Row>,
    centroids: Vec<Centroid>,
    postings: Vec<(u32, f32)>,
    /// Local example number -> index into `Index::examples` (grouped by act, ascending in each).
    global: Vec<u32>,
    /// Per act, its local examples `[start, end)`: examples come act by act, so each act's are
    /// contiguous, and one act's nearest example is worked out over a slice of each row.
    act_ranges: Vec<(u32, u32)>,
    /// Dense rows, `global.len()` weights each (`quantize`d): a plain loop over a row
    /// vectorises, scattered postings do not. `sum` and `sum_all` add a row the same way, so an
    /// act's nearest example is the same bit for bit either way.
    dense: Vec<u16>,
    /// Dense rows' centroid weights and peaks, `act_ranges.len()` each (0 for an act without
    /// the feature).
    act_weights: Vec<f32>,
    act_peaks: Vec<f32>,
    /// The risk classifier's weight per row, and its bias (`Index::train_risk`); empty until
    /// trained.
    risk: Vec<f32>,
    risk_bias: f32,
}

impl Side {
    /// A sparse row's postings, every act's: its entries' runs lie end to end.
    fn row_postings(&self, row: Row) -> &[(u32, f32)] {
        if row.end == row.start {
            return &[];
        }
        let from = self.centroids[row.start as usize].from as usize;
        let to = self.centroids[row.end as usize - 1].to as usize;
        &self.postings[from..to]
    }
}

/// A feature gets a dense row once it occurs in more than 1 in this many examples. A posting
/// costs about seven instructions (load, multiply, scattered load, add, store), a dense weight
/// under one (eight lanes, the sums in registers), but a dense row holds a weight for every
/// example, present or not: rows 1/16 full cut an English line's instructions by 4% against
/// 1/8, and took twice the memory. Counted by callgrind with a 1 MiB last-level cache (this
/// machine's L2 per core) over 300 English lines, without Latin 2-grams: 1/8 against 1/16 added
/// 0.6% instructions and took 24% of the cache misses away (1/4: +7% instructions, -35%).
const DENSE_SHARE: usize = 8;

/// An example's weights are kept as 16-bit fractions of 1 (an L2-normalised weight is at most
/// 1): dense rows at half the bytes of `f32`, so more of them stay in the cache. Postings,
/// centroids and peaks are built from the same rounded weights (as `f32`).
fn quantize(w: f32) -> u16 {
    (w.clamp(0.0, 1.0) * 65535.0).round() as u16
}

/// What one step of a 16-bit weight is worth. A dense row's sums scale the line's weight by it
/// once and multiply by the raw steps (`sum` and `sum_all` alike, so they agree bit for bit).
const QUANTUM: f32 = 1.0 / 65535.0;

fn dequantize(q: u16) -> f32 {
    f32::from(q) * QUANTUM
}

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

/// Share of the centroid score in the blend; the rest is the nearest example's.
const CENTROID_SHARE: f32 = 0.5;

/// Added to every upper bound, so that rounding in a different order of additions can never
/// make a bound fall below the score it bounds.
const BOUND_SLACK: f32 = 1e-4;

impl Index {
    pub fn build(n_acts: usize, examples: Vec<Example>) -> Index {
        let docs: Vec<Vec<(Feature, f32)>> =
            examples.iter().map(|e| features(&e.text, e.lang)).collect();
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
            let s = example.lang.index();
            let side = &mut sides[s];
            let local = side.global.len() as u32;
            side.global.push(i as u32);
            act_of[s].push(example.act as u32);
            if side.act_ranges.len() <= example.act {
                side.act_ranges.resize(example.act + 1, (local, local));
            }
            side.act_ranges[example.act].1 = local + 1;
            for (term, w) in weigh(doc, &vocab) {
                postings[s][term.id as usize].push((local, dequantize(quantize(w))));
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
                let c_start = side.centroids.len() as u32;
                let dense = if row.len() * DENSE_SHARE > n_examples {
                    let number = side.dense.len() / n_examples.max(1);
                    let at = side.dense.len();
                    side.dense.resize(at + n_examples, 0);
                    let first = side.act_weights.len();
                    side.act_weights.resize(first + n_acts, 0.0);
                    side.act_peaks.resize(first + n_acts, 0.0);
                    for &(local, w) in &row {
                        let act = first + act_of[s][local as usize] as usize;
                        // Postings come in local order, as a dense accumulation would add them.
                        side.act_weights[act] += w;
                        side.act_peaks[act] = side.act_peaks[act].max(w);
                        side.dense[at + local as usize] = quantize(w);
                    }
                    // Adding 0 for an act without the feature changes nothing.
                    for (norm, c) in norms.iter_mut().zip(&side.act_weights[first..]) {
                        *norm += c * c;
                    }
                    number as u32
                } else {
                    // Postings come in local order, so each act's are adjacent: its centroid
                    // weight is their sum, in the order a dense accumulation would add them.
                    for &(local, w) in &row {
                        let act = act_of[s][local as usize];
                        let len = side.centroids.len();
                        side.postings.push((local, w));
                        let to = side.postings.len() as u32;
                        match side.centroids.last_mut() {
                            Some(c) if len > c_start as usize && c.act == act => {
                                c.weight += w;
                                c.peak = c.peak.max(w);
                                c.to = to;
                            }
                            _ => side.centroids.push(Centroid {
                                act,
                                weight: w,
                                peak: w,
                                from: to - 1,
                                to,
                            }),
                        }
                    }
                    NONE
                };
                for c in &side.centroids[c_start as usize..] {
                    norms[c.act as usize] += c.weight * c.weight;
                }
                let acts = side.centroids[c_start as usize..]
                    .iter()
                    .filter(|c| c.act < 64)
                    .fold(0u64, |m, c| m | 1 << c.act);
                side.rows.push(Row {
                    start: c_start,
                    end: side.centroids.len() as u32,
                    dense,
                    act_row: dense,
                    acts,
                });
            }
            // Each act's centroid to unit length.
            for c in &mut side.centroids {
                let norm = norms[c.act as usize];
                if norm > 0.0 {
                    c.weight /= norm.sqrt();
                }
            }
            for row in side.act_weights.chunks_exact_mut(n_acts.max(1)) {
                for (c, norm) in row.iter_mut().zip(&norms) {
                    if *norm > 0.0 {
                        *c /= norm.sqrt();
                    }
                }
            }
            // The same weights and peaks as the entries hold (already unit-scaled), laid out
            // by act.
            for row in &mut side.rows {
                if row.dense != NONE || ((row.end - row.start) as usize) < ACT_ROW_MIN {
                    continue;
                }
                let first = side.act_weights.len();
                row.act_row = (first / n_acts.max(1)) as u32;
                side.act_weights.resize(first + n_acts, 0.0);
                side.act_peaks.resize(first + n_acts, 0.0);
                for c in &side.centroids[row.start as usize..row.end as usize] {
                    side.act_weights[first + c.act as usize] = c.weight;
                    side.act_peaks[first + c.act as usize] = c.peak;
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

    /// Trains each side's risk classifier: logistic regression of "the example's act is risky"
    /// (`risky[act]`) on the examples' own weighed features, so a clause scores by the very
    /// vector its similarity query already holds (`Query::risk_logit`). Unlike similarity to a
    /// whole example, it weighs every word piece by how much it tells risky from compliant
    /// lines, and so reaches risky lines phrased in ways no example is.
    pub fn train_risk(&mut self, risky: &[bool]) {
        for side in &mut self.sides {
            let n = side.global.len();
            // Each example's (row, weight) list, rows ascending: the rows hold them by feature.
            let mut vectors: Vec<Vec<(u32, f32)>> = vec![Vec::new(); n];
            for (r, row) in side.rows.iter().enumerate() {
                if row.dense == NONE {
                    for &(local, w) in side.row_postings(*row) {
                        vectors[local as usize].push((r as u32, w));
                    }
                } else {
                    let at = row.dense as usize * n;
                    for (local, &q) in side.dense[at..at + n].iter().enumerate() {
                        if q != 0 {
                            vectors[local].push((r as u32, dequantize(q)));
                        }
                    }
                }
            }
            let mut labels = vec![false; n];
            for (act, &(start, end)) in side.act_ranges.iter().enumerate() {
                for label in &mut labels[start as usize..end as usize] {
                    *label = risky.get(act).copied().unwrap_or(false);
                }
            }
            (side.risk, side.risk_bias) =
                super::risk_classifier::train(&vectors, &labels, side.rows.len());
        }
    }

    pub fn vocabulary(&self) -> usize {
        self.vocab.len()
    }

    /// Weighs `text` against `lang`'s side: every act's centroid score now, each act's nearest
    /// example when asked for.
    pub fn query(&self, text: &str, lang: Lang) -> Query<'_> {
        let s = lang.index();
        let side = &self.sides[s];
        let vector = weigh_text(text, lang, &self.vocab);
        let mut acc = Accumulated {
            rows: Vec::with_capacity(vector.len()),
            centroid: vec![0.0; self.n_acts],
            peaks: vec![0.0; self.n_acts],
            squares: vec![0.0; self.n_acts],
            dense_rows: 0,
            postings: 0,
        };
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: `accumulate_avx2` only needs AVX2, which this CPU was just seen to have.
            unsafe { accumulate_avx2(side, s, &vector, &mut acc) };
        } else {
            accumulate(side, s, &vector, &mut acc);
        }
        #[cfg(not(target_arch = "x86_64"))]
        accumulate(side, s, &vector, &mut acc);
        let Accumulated {
            rows,
            centroid,
            peaks,
            squares,
            dense_rows,
            postings,
        } = acc;
        // The nearest example of an act is at most the sum of each shared feature's weight
        // times its peak in the act, and (examples being unit vectors) at most the length of
        // the line's part that the act shares.
        let bound = centroid
            .iter()
            .zip(peaks.iter().zip(&squares))
            .map(|(c, (p, q))| {
                let nearest = p.min(q.sqrt()).min(1.0);
                CENTROID_SHARE * c + (1.0 - CENTROID_SHARE) * nearest + BOUND_SLACK
            })
            .collect();
        // Every example of the side in one pass: a row's dense weights, then its postings.
        let all_cost = dense_rows * side.global.len() + postings + rows.len();
        Query {
            side,
            rows,
            nearest: vec![None; self.n_acts],
            centroid,
            bound,
            sims: Vec::new(),
            dense_rows,
            all_cost,
            spent: 0,
            all: Vec::new(),
        }
    }

    /// Every act's blended score and nearest example (`query` works out only what it needs).
    pub fn score(&self, text: &str, lang: Lang) -> Scores {
        let mut query = self.query(text, lang);
        let act = (0..self.n_acts).map(|a| query.blend(a)).collect();
        Scores {
            act,
            nearest: query.nearest.into_iter().map(Option::flatten).collect(),
        }
    }
}

/// A line weighed against one side of the index.
///
/// The blended score of an act is its centroid score plus its nearest example's. Centroid
/// scores are cheap (a few act weights per feature) and worked out for every act at once; the
/// nearest example means a dot product with every example of the act, so it is worked out only
/// for acts whose upper bound could still change the decision. The decision is the same, bit
/// for bit, as working out every act.
pub struct Query<'i> {
    side: &'i Side,
    /// The line's features that the side knows, in id order: (row, the line's weight).
    rows: Vec<(u32, f32)>,
    centroid: Vec<f32>,
    /// Per act, a blended score it cannot reach.
    bound: Vec<f32>,
    /// Per act, its nearest example once worked out (`Some(None)`: it shares no feature).
    nearest: Vec<Option<Option<(u32, f32)>>>,
    /// Scratch: one act's example similarities.
    sims: Vec<f32>,
    /// How many of `rows` are dense.
    dense_rows: usize,
    /// The cost (rows visited plus weights added) of working out every example at once, and
    /// what working out acts one by one has cost so far, in the same unit.
    all_cost: usize,
    spent: usize,
    /// Every example's similarity, once worked out in one pass (empty until then).
    all: Vec<f32>,
}

/// Acts are worked out one by one until that would cost more than this share (1/12) of working
/// out every example at once: a short line needs one or two acts, a long one with near ties
/// most of them, and then one pass over each row beats going over every row once per act. The
/// units (rows visited plus weights added) flatter the act-by-act sums, whose dense runs are an
/// act's few dozen examples and pay a loop's set-up and tail each: per unit they took about
/// eight times the instructions of the one pass. 1/12 (against 2/3 before that was seen) cut the
/// longest bench lines by up to a quarter, with the average line unchanged (1/3 to 1/48 tried).
const ONE_PASS_SHARE: (usize, usize) = (1, 12);

/// A sparse row shared by at least this many acts also gets act weights and peaks laid out
/// by act: adding 32 acts in vector lanes is cheaper than 8 or more entries one at a time
/// (accumulation 40% fewer instructions over the development lines; 4 and 16 did worse).
const ACT_ROW_MIN: usize = 8;

/// A clause's best act and whether it stands out.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pick {
    pub act: usize,
    pub score: f32,
    /// It leads every other act considered by at least the margin.
    pub clear: bool,
    /// When the lead is not clear, the second best act (ties: the lower act) and its score.
    pub runner_up: Option<(usize, f32)>,
}

impl Query<'_> {
    /// The act's nearest example (index into `Index::examples`) and its similarity.
    pub fn nearest(&mut self, act: usize) -> Option<(u32, f32)> {
        if let Some(known) = self.nearest[act] {
            return known;
        }
        let (start, end) = self.side.act_ranges[act];
        let cost = self.rows.len() + self.dense_rows * (end - start) as usize;
        if self.all.is_empty()
            && (self.spent + cost) * ONE_PASS_SHARE.1 > self.all_cost * ONE_PASS_SHARE.0
        {
            self.all.resize(self.side.global.len(), 0.0);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: `sum_all_avx2` only needs AVX2, which this CPU was just seen to have.
                unsafe { sum_all_avx2(self.side, &self.rows, &mut self.all) };
            } else {
                sum_all(self.side, &self.rows, &mut self.all);
            }
            #[cfg(not(target_arch = "x86_64"))]
            sum_all(self.side, &self.rows, &mut self.all);
        }
        let sims = if self.all.is_empty() {
            self.spent += cost;
            let sims = &mut self.sims;
            sims.clear();
            sims.resize((end - start) as usize, 0.0);
            #[cfg(target_arch = "x86_64")]
            if std::arch::is_x86_feature_detected!("avx2") {
                // SAFETY: `sum_avx2` only needs AVX2, which this CPU was just seen to have.
                unsafe { sum_avx2(self.side, &self.rows, act, start, sims) };
            } else {
                sum(self.side, &self.rows, act, start, sims);
            }
            #[cfg(not(target_arch = "x86_64"))]
            sum(self.side, &self.rows, act, start, sims);
            &self.sims[..]
        } else {
            &self.all[start as usize..end as usize]
        };
        let best = max(sims);
        // The first of the best (ties keep the lower index), never a non-positive one.
        let found = (best > 0.0).then(|| {
            let at = sims.iter().position(|&s| s == best).unwrap_or(0);
            (self.side.global[start as usize + at], best)
        });
        self.nearest[act] = Some(found);
        found
    }

    /// The risk classifier's log-odds that the line is risky (`Index::train_risk`); negative
    /// infinity when it was not trained.
    pub fn risk_logit(&self) -> f32 {
        if self.side.risk.is_empty() {
            return f32::NEG_INFINITY;
        }
        self.rows.iter().fold(self.side.risk_bias, |z, &(r, w)| {
            z + w * self.side.risk[r as usize]
        })
    }

    /// The act's blended score: centroid and nearest example.
    fn blend(&mut self, act: usize) -> f32 {
        let nearest = self.nearest(act).map(|(_, s)| s).unwrap_or(0.0);
        CENTROID_SHARE * self.centroid[act] + (1.0 - CENTROID_SHARE) * nearest
    }

    /// Of the acts that `allow` accepts, the best (ties: the lower act) when it scores at least
    /// `floor`, with whether it leads the runner-up by at least `margin` (the runner-up scoring
    /// 0 when there is none). `None` when no allowed act reaches `floor`.
    ///
    /// Acts are worked out in falling order of their bounds, until no bound left could be the
    /// best or come within `margin` of it. An act left out scores below best - margin, so the
    /// runner-up, if left out, could not have made the lead smaller than the margin.
    pub fn best(&mut self, allow: impl Fn(usize) -> bool, floor: f32, margin: f32) -> Option<Pick> {
        // Most clauses are decided after a handful of acts: a heap yields them in order without
        // sorting every act (a sort of all of them cost about a twentieth of a line).
        let mut order: std::collections::BinaryHeap<Bounded> = (0..self.bound.len())
            .filter(|&a| allow(a))
            .map(|act| Bounded {
                bound: self.bound[act],
                act,
            })
            .collect();
        let mut best: Option<(usize, f32)> = None;
        let mut runner_up: Option<(usize, f32)> = None;
        let ahead = |(a, s): (usize, f32), (b, t): (usize, f32)| s > t || (s == t && a < b);
        while let Some(Bounded { bound, act }) = order.pop() {
            if bound < floor && best.is_none_or(|(_, s)| s < floor) {
                return None;
            }
            if best.is_some_and(|(_, s)| bound < s - margin) {
                break;
            }
            let scored = (act, self.blend(act));
            let beaten = match best {
                Some(b) if ahead(b, scored) => scored,
                Some(b) => {
                    best = Some(scored);
                    b
                }
                None => {
                    best = Some(scored);
                    continue;
                }
            };
            if runner_up.is_none_or(|r| ahead(beaten, r)) {
                runner_up = Some(beaten);
            }
        }
        let (act, score) = best?;
        let second = runner_up.map(|r| r.1).unwrap_or(0.0);
        let clear = score - second >= margin;
        (score >= floor).then_some(Pick {
            act,
            score,
            clear,
            runner_up: if clear { None } else { runner_up },
        })
    }
}

/// An act and its bound, ordered for `Query::best`: the higher bound first, then the lower act.
struct Bounded {
    bound: f32,
    act: usize,
}

impl Ord for Bounded {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.bound
            .total_cmp(&other.bound)
            .then(other.act.cmp(&self.act))
    }
}

impl PartialOrd for Bounded {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Bounded {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other).is_eq()
    }
}

impl Eq for Bounded {}

/// A line's features against every act of a side at once.
struct Accumulated {
    /// The features the side knows, in id order: (row, the line's weight).
    rows: Vec<(u32, f32)>,
    /// Per act: the centroid dot product; the sum of weight times the act's peak; the sum of
    /// squared weights of the features the act has.
    centroid: Vec<f32>,
    peaks: Vec<f32>,
    squares: Vec<f32>,
    /// How many of the rows are dense, and how many postings the others hold.
    dense_rows: usize,
    postings: usize,
}

/// `accumulate` compiled for AVX2: a dense row's act weights are plain loops over every act.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn accumulate_avx2(side: &Side, s: usize, vector: &[(Term, f32)], acc: &mut Accumulated) {
    accumulate(side, s, vector, acc);
}

/// Adds each feature's share to every act, in id order; an act without a dense row's feature
/// gets 0 added, which changes nothing.
#[inline(always)]
fn accumulate(side: &Side, s: usize, vector: &[(Term, f32)], acc: &mut Accumulated) {
    let n_acts = acc.centroid.len();
    for (term, w) in vector {
        let Some(row) = side.rows.get(term.rows[s] as usize) else {
            continue;
        };
        acc.rows.push((term.rows[s], *w));
        if row.dense == NONE {
            acc.postings += side.row_postings(*row).len();
        }
        if row.act_row == NONE {
            for at in row.start..row.end {
                let c = &side.centroids[at as usize];
                let act = c.act as usize;
                acc.centroid[act] += w * c.weight;
                acc.peaks[act] += w * c.peak;
                acc.squares[act] += w * w;
            }
        } else {
            if row.dense != NONE {
                acc.dense_rows += 1;
            }
            let at = row.act_row as usize * n_acts;
            let weights = &side.act_weights[at..at + n_acts];
            let peaks = &side.act_peaks[at..at + n_acts];
            let square = w * w;
            let (c, p, q) = (
                &mut acc.centroid[..n_acts],
                &mut acc.peaks[..n_acts],
                &mut acc.squares[..n_acts],
            );
            for i in 0..n_acts {
                c[i] += w * weights[i];
                p[i] += w * peaks[i];
                q[i] += if peaks[i] > 0.0 { square } else { 0.0 };
            }
        }
    }
}

/// One act's sums compiled for AVX2: the dense rows are plain loops over the act's examples,
/// and eight lanes do them in about half the time of the baseline's four. Each lane still
/// multiplies, then adds (no fused multiply-add), so the results are the same bit for bit on
/// every CPU.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_avx2(side: &Side, rows: &[(u32, f32)], act: usize, start: u32, sims: &mut [f32]) {
    sum(side, rows, act, start, sims);
}

/// Adds up a weighed line's dot product with each example of one act (local examples
/// `start..start + sims.len()`): the dense rows in id order, then the sparse ones in id order.
/// `sum_all` makes the same additions in the same order, less those of zero weight.
#[inline(always)]
fn sum(side: &Side, rows: &[(u32, f32)], act: usize, start: u32, sims: &mut [f32]) {
    let n_acts = side.act_ranges.len();
    let n_examples = side.global.len();
    for &(r, w) in rows {
        let row = side.rows[r as usize];
        if row.dense != NONE && side.act_peaks[row.dense as usize * n_acts + act] > 0.0 {
            let from = row.dense as usize * n_examples + start as usize;
            let len = sims.len();
            let w = w * QUANTUM;
            for (acc, &q) in sims.iter_mut().zip(&side.dense[from..from + len]) {
                *acc += w * f32::from(q);
            }
        }
    }
    for &(r, w) in rows {
        let row = side.rows[r as usize];
        if row.dense != NONE {
            continue;
        }
        let entries = &side.centroids[row.start as usize..row.end as usize];
        let c = if act < 64 {
            if row.acts & (1 << act) == 0 {
                continue;
            }
            &entries[(row.acts & ((1 << act) - 1)).count_ones() as usize]
        } else {
            match entries.binary_search_by_key(&(act as u32), |c| c.act) {
                Ok(at) => &entries[at],
                Err(_) => continue,
            }
        };
        for &(example, ew) in &side.postings[c.from as usize..c.to as usize] {
            sims[(example - start) as usize] += w * ew;
        }
    }
}

/// `sum_all` compiled for AVX2, as `sum_avx2` is (multiply, then add: the same bits).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn sum_all_avx2(side: &Side, rows: &[(u32, f32)], sims: &mut [f32]) {
    sum_all(side, rows, sims);
}

/// Examples summed at once over the dense rows: eight AVX2 lanes of eight, which stay in
/// registers while every dense row is added, instead of a load and a store of each sum per row.
const CHUNK: usize = 64;

/// A weighed line's dot product with every example of a side: the dense rows in id order, then
/// the sparse ones in id order, so each example gets the same additions in the same order as
/// `sum` gives it, and an act's nearest example comes out the same, bit for bit, either way.
#[inline(always)]
fn sum_all(side: &Side, rows: &[(u32, f32)], sims: &mut [f32]) {
    let n_examples = side.global.len();
    let dense: Vec<(usize, f32)> = rows
        .iter()
        .filter_map(|&(r, w)| {
            let row = side.rows[r as usize];
            (row.dense != NONE).then_some((row.dense as usize * n_examples, w * QUANTUM))
        })
        .collect();
    let mut at = 0;
    for out in sims.chunks_exact_mut(CHUNK) {
        let mut acc = [0.0f32; CHUNK];
        for &(from, w) in &dense {
            let weights = &side.dense[from + at..from + at + CHUNK];
            for (a, &q) in acc.iter_mut().zip(weights) {
                *a += w * f32::from(q);
            }
        }
        out.copy_from_slice(&acc);
        at += CHUNK;
    }
    let tail = &mut sims[at..];
    for &(from, w) in &dense {
        let weights = &side.dense[from + at..from + at + tail.len()];
        for (a, &q) in tail.iter_mut().zip(weights) {
            *a += w * f32::from(q);
        }
    }
    for &(r, w) in rows {
        let row = side.rows[r as usize];
        if row.dense == NONE {
            for &(example, ew) in side.row_postings(row) {
                sims[example as usize] += w * ew;
            }
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

/// A line's known features, counted and weighed: the query side of `weigh`, without a list
/// of every feature occurrence (known or not) being built and sorted first.
fn weigh_text(text: &str, lang: Lang, vocab: &Vocab) -> Vec<(Term, f32)> {
    let mut terms: Vec<Term> = Vec::with_capacity(text.len() + 16);
    each_feature(text, lang, |f| {
        if let Some(t) = vocab.get(&f) {
            terms.push(*t);
        }
    });
    let terms = sort_by_id(terms);
    let mut counted: Vec<(Term, f32)> = Vec::with_capacity(terms.len());
    for t in terms {
        match counted.last_mut() {
            Some((last, n)) if last.id == t.id => *n += 1.0,
            _ => counted.push((t, 1.0)),
        }
    }
    normalise(counted)
}

/// `terms` in ascending id order (equal ids are equal terms, so which comes first does not
/// matter). A line has a few hundred feature occurrences: a byte-wise radix sort goes over them
/// two or three times, fewer instructions than a comparison sort of that many.
fn sort_by_id(mut terms: Vec<Term>) -> Vec<Term> {
    let top = terms.iter().map(|t| t.id).max().unwrap_or(0);
    if terms.len() < 32 {
        terms.sort_unstable_by_key(|t| t.id);
        return terms;
    }
    let mut spare = terms.clone();
    let mut shift = 0;
    while shift < 32 && (top >> shift) > 0 {
        let mut counts = [0u32; 256];
        for t in &terms {
            counts[((t.id >> shift) & 0xff) as usize] += 1;
        }
        let mut at = 0;
        for c in &mut counts {
            (at, *c) = (at + *c, at);
        }
        for t in &terms {
            let bucket = &mut counts[((t.id >> shift) & 0xff) as usize];
            spare[*bucket as usize] = *t;
            *bucket += 1;
        }
        std::mem::swap(&mut terms, &mut spare);
        shift += 8;
    }
    terms
}

/// Counted features (an example's, at build) weighed: known ones only, in id order.
fn weigh(doc: &[(Feature, f32)], vocab: &Vocab) -> Vec<(Term, f32)> {
    let mut v: Vec<(Term, f32)> = doc
        .iter()
        .filter_map(|(f, tf)| vocab.get(f).map(|t| (*t, *tf)))
        .collect();
    v.sort_unstable_by_key(|(t, _)| t.id);
    normalise(v)
}

/// Sublinear TF times IDF, L2-normalised; every sum in id order, so a line and an example of
/// the same text get the same weights.
fn normalise(mut v: Vec<(Term, f32)>) -> Vec<(Term, f32)> {
    for (t, tf) in &mut v {
        // Most features occur once, and 1 + ln 1 is exactly 1: skip the logarithm.
        let sub = if *tf == 1.0 { 1.0 } else { 1.0 + tf.ln() };
        *tf = sub * t.idf;
    }
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, w) in &mut v {
            *w /= norm;
        }
    }
    v
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn example(act: usize, lang: Lang, text: &str) -> Example {
        Example {
            act,
            lang,
            text: text.to_string(),
        }
    }

    #[test]
    fn radix_sort_orders_terms_as_a_comparison_sort_does() {
        let term = |id: u32| Term {
            id,
            idf: id as f32,
            rows: [id, NONE],
        };
        // Small and large lists, ids past one and two bytes, repeats.
        let mut state = 7u64;
        for (n, top) in [(5, 300), (40, 200), (300, 70_000), (900, 20_000_000)] {
            let ids: Vec<u32> = (0..n)
                .map(|_| {
                    state = state.wrapping_mul(6364136223846793005).wrapping_add(1);
                    ((state >> 33) % top) as u32
                })
                .collect();
            let got: Vec<u32> = sort_by_id(ids.iter().map(|&i| term(i)).collect())
                .iter()
                .map(|t| t.id)
                .collect();
            let mut want = ids.clone();
            want.sort_unstable();
            assert_eq!(got, want, "{n} ids below {top}");
        }
        assert!(sort_by_id(Vec::new()).is_empty());
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

    /// How far the index's scores may be from `naive`'s: the index keeps example weights as
    /// 16-bit fractions (`quantize`), each within 1/131070 of the exact weight.
    const NAIVE_TOLERANCE: f32 = 1e-4;

    /// The scores worked out the slow, obvious way: dense vectors and cosines.
    fn naive(index: &Index, text: &str, lang: Lang) -> (Vec<f32>, Vec<f32>) {
        let vector = |t: &str| {
            let mut v = vec![0.0f32; index.vocab.len()];
            for (term, w) in weigh(&features(t, lang), &index.vocab) {
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
                    (got_nearest - nearest[act]).abs() < NAIVE_TOLERANCE,
                    "{text}: act {act}"
                );
                let blend = CENTROID_SHARE * centroid[act] + (1.0 - CENTROID_SHARE) * nearest[act];
                assert!(
                    (scores.act[act] - blend).abs() < NAIVE_TOLERANCE,
                    "{text}: act {act}"
                );
                if let Some((i, _)) = scores.nearest[act] {
                    let e = &index.examples[i as usize];
                    assert_eq!((e.act, e.lang), (act, lang), "{text}: act {act}");
                }
            }
        }
    }

    #[test]
    fn common_features_get_dense_rows_and_rare_ones_postings() {
        let index = Index::build(12, many_acts());
        let side = &index.sides[Lang::En.index()];
        assert!(side.rows.iter().any(|r| r.dense != NONE));
        assert!(side.rows.iter().any(|r| r.dense == NONE && r.end > r.start));
        assert!(side.centroids.iter().all(|c| c.from < c.to));
    }

    /// What `best` decides, worked out from every act's score.
    pub(crate) fn decide(
        scores: &[f32],
        allow: impl Fn(usize) -> bool,
        floor: f32,
        margin: f32,
    ) -> Option<Pick> {
        let mut ranked: Vec<(usize, f32)> = scores
            .iter()
            .copied()
            .enumerate()
            .filter(|(a, _)| allow(*a))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let (act, score) = ranked.first().copied()?;
        let second = ranked.get(1).map(|r| r.1).unwrap_or(0.0);
        let clear = score - second >= margin;
        (score >= floor).then_some(Pick {
            act,
            score,
            clear,
            runner_up: if clear { None } else { ranked.get(1).copied() },
        })
    }

    #[test]
    fn the_pick_is_that_of_the_full_ranking() {
        let index = Index::build(3, catalogue());
        for (text, lang) in [
            ("hello, is this the account holder", Lang::En),
            ("pay the balance by friday please", Lang::En),
            ("the the the", Lang::En),
            ("您好，请问是张伟吗，今天能还吗", Lang::Zh),
            ("nothing in common xyz", Lang::En),
            ("", Lang::Zh),
        ] {
            let scores = index.score(text, lang).act;
            for floor in [0.0, 0.1, 0.25, 0.5, 0.9] {
                for margin in [0.0, 0.03, 0.2] {
                    let all = index.query(text, lang).best(|_| true, floor, margin);
                    assert_eq!(all, decide(&scores, |_| true, floor, margin), "{text}");
                    let odd = index.query(text, lang).best(|a| a % 2 == 1, floor, margin);
                    assert_eq!(
                        odd,
                        decide(&scores, |a| a % 2 == 1, floor, margin),
                        "{text}"
                    );
                }
            }
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn the_avx2_sums_equal_the_baseline_bit_for_bit() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let index = Index::build(3, catalogue());
        let query = index.query("hello is this the right account holder", Lang::En);
        let side = query.side;
        let rows = &query.rows;
        for (act, &(start, end)) in side.act_ranges.iter().enumerate() {
            let run = |avx2: bool| {
                let mut sims = vec![0.0; (end - start) as usize];
                if avx2 {
                    // SAFETY: AVX2 was detected above.
                    unsafe { sum_avx2(side, rows, act, start, &mut sims) };
                } else {
                    sum(side, rows, act, start, &mut sims);
                }
                sims.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            };
            assert_eq!(run(true), run(false));
        }
    }

    /// Twelve acts of 24 examples each; "zebra" in one example of every act: too rare for a
    /// dense row (1 in 24), shared by enough acts for act weights of its own.
    fn many_acts() -> Vec<Example> {
        many_acts_of(12)
    }

    fn many_acts_of(n: usize) -> Vec<Example> {
        let words = [
            "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
            "juliet", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
            "sierra", "tango", "uniform", "victor", "whiskey", "xray",
        ];
        let mut out = Vec::new();
        for act in 0..n {
            for (k, w) in words.iter().enumerate() {
                let zebra = if k == act % words.len() { " zebra" } else { "" };
                out.push(example(
                    act,
                    Lang::En,
                    &format!("{w} act{act} item{k}{zebra}"),
                ));
            }
        }
        out
    }

    #[test]
    fn a_sparse_row_of_many_acts_adds_up_like_its_entries() {
        let index = Index::build(12, many_acts());
        let side = &index.sides[Lang::En.index()];
        let zebra = index.vocab[&features("zebra", Lang::En)[0].0].rows[0];
        let row = side.rows[zebra as usize];
        assert_eq!((row.dense, row.end - row.start), (NONE, 12));
        assert_ne!(row.act_row, NONE);
        for text in ["zebra act3 item3", "echo zebra", "zebra zebra act11"] {
            let scores = index.score(text, Lang::En);
            let (centroid, nearest) = naive(&index, text, Lang::En);
            for act in 0..12 {
                let blend = CENTROID_SHARE * centroid[act] + (1.0 - CENTROID_SHARE) * nearest[act];
                assert!(
                    (scores.act[act] - blend).abs() < NAIVE_TOLERANCE,
                    "{text}: act {act}"
                );
            }
        }
    }

    /// An act's nearest example is the same, bit for bit, worked out act by act or for every
    /// example at once; and a long line switches to the one pass.
    #[test]
    fn one_pass_and_act_by_act_find_the_same_nearest_examples() {
        let index = Index::build(12, many_acts());
        for text in [
            "zebra act3 item3",
            "alpha bravo charlie delta echo act1 act2 item4 zebra",
        ] {
            let n_acts = 12;
            let each: Vec<_> = (0..n_acts)
                .map(|act| {
                    let mut q = index.query(text, Lang::En);
                    q.all_cost = usize::MAX / 4;
                    q.nearest(act).map(|(e, s)| (e, s.to_bits()))
                })
                .collect();
            let mut q = index.query(text, Lang::En);
            q.all_cost = 0;
            let once: Vec<_> = (0..n_acts)
                .map(|act| q.nearest(act).map(|(e, s)| (e, s.to_bits())))
                .collect();
            assert!(!q.all.is_empty(), "{text}");
            assert_eq!(each, once, "{text}");
        }
        let mut long = index.query(
            "alpha bravo charlie delta echo foxtrot golf hotel",
            Lang::En,
        );
        for act in 0..12 {
            long.nearest(act);
        }
        assert!(!long.all.is_empty(), "every act of a long line: one pass");
        // One act is a twelfth of this small catalogue; in one of 48 it is a small share, as in
        // the shipped one.
        let larger = Index::build(48, many_acts_of(48));
        let mut short = larger.query("zebra", Lang::En);
        short.nearest(0);
        assert!(short.all.is_empty(), "one act of a short line: act by act");
    }
}
