//! Choosing and filling a reply: the most specific variant whose `when` holds, lines not yet
//! said first, then the seeded stream; a line whose placeholders cannot be filled is never said.

use std::collections::BTreeMap;

use rand::Rng;
use rand_chacha::ChaCha8Rng;

use super::resolved::ResolvedPersona;
use super::state::{CallState, Verification};
use crate::content::raw::{Condition, Delta, MoodBand, Situation};
use crate::lang::Lang;

/// Values for `{placeholders}`; a missing key makes a line ineligible.
pub type Slots = BTreeMap<&'static str, String>;

fn holds(c: &Condition, state: &CallState, persona: &ResolvedPersona) -> bool {
    (c.mood.is_empty() || c.mood.contains(&MoodBand::of(state.mood)))
        && c.trust_min.is_none_or(|v| state.trust >= v)
        && c.trust_max.is_none_or(|v| state.trust <= v)
        && c.willingness_min.is_none_or(|v| state.willingness >= v)
        && c.willingness_max.is_none_or(|v| state.willingness <= v)
        && c.verified
            .is_none_or(|v| v == (state.verification == Verification::Passed))
        && (c.difficulty.is_empty() || c.difficulty.contains(&persona.difficulty))
}

fn specificity(c: &Condition) -> u32 {
    u32::from(!c.mood.is_empty())
        + u32::from(c.trust_min.is_some())
        + u32::from(c.trust_max.is_some())
        + u32::from(c.willingness_min.is_some())
        + u32::from(c.willingness_max.is_some())
        + u32::from(c.verified.is_some())
        + u32::from(!c.difficulty.is_empty())
        + u32::from(c.once)
}

/// Fills `{name}`-style placeholders; `None` when one has no value.
pub fn fill(line: &str, slots: &Slots) -> Option<String> {
    let mut out = String::with_capacity(line.len() + 16);
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        out.push_str(&rest[..start]);
        let after = &rest[start + 1..];
        let end = after.find('}')?;
        out.push_str(slots.get(&after[..end])?);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Some(out)
}

pub struct Chosen {
    pub text: String,
    pub effects: Option<Delta>,
}

pub fn choose(
    persona: &ResolvedPersona,
    situation: Situation,
    lang: Lang,
    state: &mut CallState,
    slots: &Slots,
    rng: &mut ChaCha8Rng,
) -> Option<Chosen> {
    let variants = persona.replies.get(&situation)?;
    // (specificity, variant index, line text filled, raw line)
    let mut pool: Vec<(u32, usize, String, String)> = Vec::new();
    for (vi, v) in variants.iter().enumerate() {
        if !holds(&v.when, state, persona)
            || (v.when.once && state.once_used.contains(&(situation, vi)))
        {
            continue;
        }
        let lines = match lang {
            Lang::En => &v.en,
            Lang::Zh => &v.zh,
        };
        for line in lines {
            if let Some(text) = fill(&line.value, slots) {
                pool.push((specificity(&v.when), vi, text, line.value.clone()));
            }
        }
    }
    if pool.is_empty() {
        return None;
    }
    let unused: Vec<&(u32, usize, String, String)> = pool
        .iter()
        .filter(|p| !state.used_lines.contains_key(&(situation, p.3.clone())))
        .collect();
    let candidates: Vec<&(u32, usize, String, String)> = if unused.is_empty() {
        // Everything has been said: the least recently used line of the most specific variants.
        let best = pool.iter().map(|p| p.0).max().unwrap_or(0);
        let oldest = pool
            .iter()
            .filter(|p| p.0 == best)
            .map(|p| {
                state
                    .used_lines
                    .get(&(situation, p.3.clone()))
                    .copied()
                    .unwrap_or(0)
            })
            .min()
            .unwrap_or(0);
        pool.iter()
            .filter(|p| {
                p.0 == best
                    && state
                        .used_lines
                        .get(&(situation, p.3.clone()))
                        .copied()
                        .unwrap_or(0)
                        == oldest
            })
            .collect()
    } else {
        let best = unused.iter().map(|p| p.0).max().unwrap_or(0);
        unused.into_iter().filter(|p| p.0 == best).collect()
    };
    // Own modulo over the raw stream: stable across versions of `rand`'s range sampling.
    let pick = candidates[(rng.next_u64() % candidates.len() as u64) as usize];
    state
        .used_lines
        .insert((situation, pick.3.clone()), state.turn);
    let variant = &variants[pick.1];
    if variant.when.once {
        state.once_used.insert((situation, pick.1));
    }
    Some(Chosen {
        text: pick.2.clone(),
        effects: variant.effects,
    })
}
