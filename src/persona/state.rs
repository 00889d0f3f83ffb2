//! Everything a call remembers: meters, what happened, and the agent's own earlier lines.

use std::collections::{BTreeMap, BTreeSet};

use crate::call::{Outcome, Promise};
use crate::content::raw::Situation;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verification {
    NotAsked,
    Asked,
    Passed,
    Failed,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dispute {
    None,
    Raised,
    Acknowledged,
}

/// An offer or request the agent made, as understood.
#[derive(Debug, Clone, PartialEq)]
pub struct Offer {
    pub turn: usize,
    pub amount: Option<f64>,
    pub date: Option<jiff::civil::Date>,
    pub instalments: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct CallState {
    pub mood: i32,
    pub trust: i32,
    pub willingness: i32,
    pub patience: i32,
    pub turn: usize,
    pub agent_turns: u32,
    pub verification: Verification,
    pub right_party_confirmed: bool,
    pub agent_identified: bool,
    pub agent_name: Option<String>,
    pub dispute: Dispute,
    pub objections_left: u32,
    /// Acts that have already worn an objection down (each counts once per call).
    pub answered: BTreeSet<String>,
    pub offers: Vec<Offer>,
    /// The offer accepted, waiting to be confirmed.
    pub accepted: Option<Promise>,
    pub promise: Option<Promise>,
    pub callback: Option<String>,
    /// Debt facts said while the listener was not a verified borrower.
    pub disclosed_unverified: bool,
    /// Balance figures the agent has stated, in order.
    pub stated_balances: Vec<f64>,
    /// How often each act has been seen (memory of the agent's lines).
    pub act_counts: BTreeMap<String, u32>,
    /// Reply lines used: situation -> line as written -> turn last used.
    pub used_lines: BTreeMap<Situation, BTreeMap<String, usize>>,
    pub once_used: BTreeSet<(Situation, usize)>,
    pub hardship_told: usize,
    pub counter: Option<f64>,
    pub mood_timeline: Vec<i32>,
    pub ended: Option<Outcome>,
}

impl CallState {
    pub fn new(
        mood: i32,
        trust: i32,
        willingness: i32,
        patience: i32,
        objections: u32,
    ) -> CallState {
        CallState {
            mood,
            trust,
            willingness,
            patience,
            turn: 0,
            agent_turns: 0,
            verification: Verification::NotAsked,
            right_party_confirmed: false,
            agent_identified: false,
            agent_name: None,
            dispute: Dispute::None,
            objections_left: objections,
            answered: BTreeSet::new(),
            offers: Vec::new(),
            accepted: None,
            promise: None,
            callback: None,
            disclosed_unverified: false,
            stated_balances: Vec::new(),
            act_counts: BTreeMap::new(),
            used_lines: BTreeMap::new(),
            once_used: BTreeSet::new(),
            hardship_told: 0,
            counter: None,
            mood_timeline: Vec::new(),
            ended: None,
        }
    }

    pub fn seen(&self, act: &str) -> u32 {
        self.act_counts.get(act).copied().unwrap_or(0)
    }

    /// Applies a change, keeping every meter in bounds; drops in mood scaled by `anger`.
    pub fn apply(&mut self, d: &crate::content::raw::Delta, anger: f64) {
        let mood = if d.mood < 0 {
            (f64::from(d.mood) * anger).round() as i32
        } else {
            d.mood
        };
        self.mood = (self.mood + mood).clamp(-10, 10);
        self.trust = (self.trust + d.trust).clamp(0, 100);
        self.willingness = (self.willingness + d.willingness).clamp(0, 100);
        self.patience = (self.patience + d.patience).clamp(0, 30);
    }
}
