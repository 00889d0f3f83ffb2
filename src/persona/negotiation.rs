//! Weighing an offer against what the persona can really pay and what the creditor allows.

use crate::content::raw::Scenario;

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// Within capacity and policy.
    Accept,
    /// Above capacity: they propose what they can do.
    Counter(f64),
    /// Above capacity with nothing to offer.
    Reject,
    /// The offer names no amount: nothing to weigh yet.
    Vague,
}

/// `amount` is the first (or only) payment asked; `instalments` the number of payments.
pub fn weigh(
    s: &Scenario,
    amount: Option<f64>,
    instalments: Option<u32>,
    willingness: i32,
) -> Verdict {
    let cap = &s.persona.capacity;
    let balance = s.account.balance.value;
    let Some(amount) = amount.or_else(|| instalments.map(|n| balance / f64::from(n.max(1)))) else {
        return Verdict::Vague;
    };
    // A plan of n payments: each payment must fit the monthly capacity, the first the lump sum.
    let per_payment_ok = match instalments {
        Some(n) if n > 1 => amount <= cap.monthly.max(cap.now) + 0.5,
        _ => amount <= cap.now + 0.5,
    };
    // Reluctant borrowers want a margin below what they could stretch to.
    let stretch = if willingness < 30 { 0.8 } else { 1.0 };
    if per_payment_ok && amount <= (cap.now.max(cap.monthly)) * stretch + 0.5 {
        return Verdict::Accept;
    }
    let counter = match instalments {
        Some(n) if n > 1 => cap.monthly,
        _ => cap.now.max(cap.monthly),
    };
    if counter >= 1.0 {
        Verdict::Counter(counter.floor())
    } else {
        Verdict::Reject
    }
}
