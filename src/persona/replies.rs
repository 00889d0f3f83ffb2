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

/// Whether `fill` would fill `line`, without building the text.
fn fillable(line: &str, slots: &Slots) -> bool {
    let mut rest = line;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else {
            return false;
        };
        if !slots.contains_key(&after[..end]) {
            return false;
        }
        rest = &after[end + 1..];
    }
    true
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
    // (specificity, variant index, raw line): the lines that can be filled. Only the one
    // picked is filled, once.
    let mut pool: Vec<(u32, usize, &str)> = Vec::new();
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
            if fillable(&line.value, slots) {
                pool.push((specificity(&v.when), vi, &line.value));
            }
        }
    }
    if pool.is_empty() {
        return None;
    }
    let used = state.used_lines.get(&situation);
    let last_used = |raw: &str| used.and_then(|u| u.get(raw)).copied();
    let unused: Vec<&(u32, usize, &str)> =
        pool.iter().filter(|p| last_used(p.2).is_none()).collect();
    let candidates: Vec<&(u32, usize, &str)> = if unused.is_empty() {
        // Everything has been said: the least recently used line of the most specific variants.
        let best = pool.iter().map(|p| p.0).max().unwrap_or(0);
        let oldest = pool
            .iter()
            .filter(|p| p.0 == best)
            .map(|p| last_used(p.2).unwrap_or(0))
            .min()
            .unwrap_or(0);
        pool.iter()
            .filter(|p| p.0 == best && last_used(p.2).unwrap_or(0) == oldest)
            .collect()
    } else {
        let best = unused.iter().map(|p| p.0).max().unwrap_or(0);
        unused.into_iter().filter(|p| p.0 == best).collect()
    };
    // Own modulo over the raw stream: stable across versions of `rand`'s range sampling.
    let pick = *candidates[(rng.next_u64() % candidates.len() as u64) as usize];
    let text = fill(pick.2, slots)?;
    state
        .used_lines
        .entry(situation)
        .or_default()
        .insert(pick.2.to_string(), state.turn);
    let variant = &variants[pick.1];
    if variant.when.once {
        state.once_used.insert((situation, pick.1));
    }
    Some(Chosen {
        text,
        effects: variant.effects,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    proptest! {
        /// A line is in the pool exactly when it can be filled: only the picked one is.
        #[test]
        fn fillable_is_whether_fill_fills(line in "([a-z ]|\\{|\\}|\\{name\\}|\\{balance\\}|\\{date\\}|好){0,16}") {
            let mut slots = Slots::new();
            slots.insert("name", "Dana".into());
            slots.insert("balance", "$5,200.00".into());
            prop_assert_eq!(fillable(&line, &slots), fill(&line, &slots).is_some());
        }
    }

    #[test]
    fn a_missing_value_or_an_open_brace_makes_a_line_unfillable() {
        let mut slots = Slots::new();
        slots.insert("name", "Dana".into());
        assert!(fillable("hi {name}", &slots));
        assert!(!fillable("hi {name}, {date}", &slots));
        assert!(!fillable("hi {name", &slots));
        assert_eq!(fill("hi {name}", &slots).as_deref(), Some("hi Dana"));
    }
}
