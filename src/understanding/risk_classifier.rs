//! Logistic regression of "risky" against "compliant" over sparse weighed features, trained
//! when the content loads (`Index::train_risk`). Deterministic: a fixed visiting order, f32
//! arithmetic in a fixed order, no randomness.

/// Epochs over the examples; the loss had settled well before this on the catalogue.
const EPOCHS: usize = 30;
/// AdaGrad's base step.
const STEP: f32 = 0.5;
/// The inverse strength of the L2 penalty, as scikit-learn's `C`.
const C: f32 = 10.0;

/// Trains on `vectors[i]` ((feature, weight) pairs, features below `n_features`) labelled
/// `labels[i]`, each class weighted by the other's share so a rare class counts as much as a
/// common one. Returns the weight per feature and the bias.
pub fn train(vectors: &[Vec<(u32, f32)>], labels: &[bool], n_features: usize) -> (Vec<f32>, f32) {
    let n = vectors.len();
    let positives = labels.iter().filter(|&&l| l).count();
    if n == 0 || positives == 0 || positives == n {
        return (Vec::new(), 0.0);
    }
    let class_weight = |label: bool| {
        let count = if label { positives } else { n - positives };
        n as f32 / (2.0 * count as f32)
    };
    let mut w = vec![0.0f32; n_features];
    let mut squares = vec![0.0f32; n_features];
    let (mut bias, mut bias_squares) = (0.0f32, 0.0f32);
    // The penalty's share per example visit, on the features the example has.
    let decay = 1.0 / (C * n as f32);
    let stride = stride(n);
    for _ in 0..EPOCHS {
        for k in 0..n {
            // A fixed permutation: examples come grouped by act, which plain order would feed
            // the classifier one class at a time.
            let i = (k * stride) % n;
            let x = &vectors[i];
            let z = x.iter().fold(bias, |z, &(f, v)| z + v * w[f as usize]);
            let p = 1.0 / (1.0 + (-z).exp());
            let error = class_weight(labels[i]) * (p - if labels[i] { 1.0 } else { 0.0 });
            for &(f, v) in x {
                let f = f as usize;
                let g = error * v + decay * w[f];
                squares[f] += g * g;
                w[f] -= STEP * g / (squares[f].sqrt() + 1e-8);
            }
            bias_squares += error * error;
            bias -= STEP * error / (bias_squares.sqrt() + 1e-8);
        }
    }
    (w, bias)
}

/// A step coprime with `n`, near its golden section, so `k * stride % n` visits every example
/// once per epoch in a well-mixed order.
fn stride(n: usize) -> usize {
    let mut s = ((n as f64) * 0.618_033_988_7) as usize | 1;
    while gcd(s, n) != 1 {
        s += 2;
    }
    s.max(1)
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn it_learns_which_feature_tells_the_classes_apart() {
        // Feature 0 is in every example; feature 1 only in the positives, 2 only in negatives.
        let vectors: Vec<Vec<(u32, f32)>> = (0..40)
            .map(|i| {
                if i % 4 == 0 {
                    vec![(0, 0.6), (1, 0.8)]
                } else {
                    vec![(0, 0.6), (2, 0.8)]
                }
            })
            .collect();
        let labels: Vec<bool> = (0..40).map(|i| i % 4 == 0).collect();
        let (w, bias) = train(&vectors, &labels, 3);
        let score = |x: &[(u32, f32)]| x.iter().fold(bias, |z, &(f, v)| z + v * w[f as usize]);
        assert!(score(&[(0, 0.6), (1, 0.8)]) > 2.0);
        assert!(score(&[(0, 0.6), (2, 0.8)]) < -2.0);
        assert!(w[1] > 0.0 && w[2] < 0.0);
    }

    #[test]
    fn one_class_alone_gives_no_model() {
        let (w, _) = train(&[vec![(0, 1.0)]], &[true], 1);
        assert!(w.is_empty());
    }

    #[test]
    fn the_stride_visits_every_example_once() {
        for n in [1, 2, 7, 10, 1400, 1415] {
            let s = stride(n);
            let mut seen: Vec<usize> = (0..n).map(|k| k * s % n).collect();
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
        }
    }
}
