//! A persona kind merged with the scenario's overrides and the difficulty: the concrete
//! parameters one call runs with.

use std::collections::BTreeMap;

use crate::content::ContentPack;
use crate::content::raw::{
    Answerer, BiText, Delta, Difficulty, PersonaKind, Relation, ReplyVariant, Scenario, Situation,
};
use crate::error::Error;

#[derive(Debug, Clone)]
pub struct Traits {
    pub knows_figures: bool,
    pub stalls: bool,
    pub disputes: bool,
    pub money_talk_min_mood: Option<i32>,
    pub impostor: bool,
    pub objections: u32,
    pub asks_about_fees: bool,
    pub complains: bool,
    /// Acts that wear an objection down (empty: repeating the offer does).
    pub answered_by: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct ResolvedPersona {
    pub id: String,
    pub kind: PersonaKind,
    pub start_mood: i32,
    pub start_trust: i32,
    pub start_willingness: i32,
    pub start_patience: i32,
    pub traits: Traits,
    pub reactions: BTreeMap<String, Delta>,
    pub replies: BTreeMap<Situation, Vec<ReplyVariant>>,
    pub difficulty: Difficulty,
    /// Multiplies drops in mood.
    pub anger: f64,
    /// Chance of an evasive answer where one is possible.
    pub evasion: f64,
    pub hang_up_mood: i32,
    pub hang_up_on_no_patience: bool,
    pub max_turns: u32,
    /// How a third party says who they are, per relation (the persona file's `relations`).
    pub relations: BTreeMap<Relation, BiText>,
}

fn acts(list: &Option<Vec<crate::content::yaml::Located<String>>>) -> Vec<String> {
    list.iter().flatten().map(|a| a.value.clone()).collect()
}

impl ResolvedPersona {
    /// The persona who answers the scenario's call.
    pub fn for_scenario(pack: &ContentPack, scenario: &Scenario) -> Result<ResolvedPersona, Error> {
        let kind_id = match (scenario.answerer, &scenario.third_party) {
            (Answerer::ThirdParty, Some(tp)) => tp
                .kind
                .as_ref()
                .map(|k| k.value.clone())
                .unwrap_or_else(|| "third_party".to_string()),
            _ => scenario.kind.value.clone(),
        };
        let base = pack.persona(&kind_id)?;
        let params = base
            .difficulty
            .get(&scenario.difficulty)
            .copied()
            .unwrap_or_default();
        let t = &base.traits;
        let mut traits = Traits {
            knows_figures: t.knows_figures.unwrap_or(false),
            stalls: t.stalls.unwrap_or(false),
            disputes: t.disputes.unwrap_or(false),
            money_talk_min_mood: t.money_talk_min_mood,
            impostor: t.impostor.unwrap_or(false) || scenario.answerer == Answerer::Impostor,
            objections: t.objections.unwrap_or(0),
            asks_about_fees: t.asks_about_fees.unwrap_or(false),
            complains: t.complains.unwrap_or(false),
            answered_by: acts(&t.answered_by),
        };
        let mut start = base.start;
        let mut reactions: BTreeMap<String, Delta> = base
            .reactions
            .iter()
            .map(|(k, v)| (k.clone(), v.value))
            .collect();
        let mut replies = base.replies.clone();
        // The third party does not take the borrower's overrides: they are about the borrower.
        if scenario.answerer != Answerer::ThirdParty
            && let Some(o) = &scenario.persona.overrides
        {
            start.mood = o.start.mood.or(start.mood);
            start.trust = o.start.trust.or(start.trust);
            start.willingness = o.start.willingness.or(start.willingness);
            start.patience = o.start.patience.or(start.patience);
            let ot = &o.traits;
            traits.knows_figures = ot.knows_figures.unwrap_or(traits.knows_figures);
            traits.stalls = ot.stalls.unwrap_or(traits.stalls);
            traits.disputes = ot.disputes.unwrap_or(traits.disputes);
            traits.money_talk_min_mood = ot.money_talk_min_mood.or(traits.money_talk_min_mood);
            traits.impostor = ot.impostor.unwrap_or(traits.impostor);
            traits.objections = ot.objections.unwrap_or(traits.objections);
            traits.asks_about_fees = ot.asks_about_fees.unwrap_or(traits.asks_about_fees);
            traits.complains = ot.complains.unwrap_or(traits.complains);
            if ot.answered_by.is_some() {
                traits.answered_by = acts(&ot.answered_by);
            }
            for (k, v) in &o.reactions {
                reactions.insert(k.clone(), v.value);
            }
            for (k, v) in &o.replies {
                replies.insert(*k, v.clone());
            }
        }
        traits.objections = (traits.objections as i32 + params.objections).max(0) as u32;
        Ok(ResolvedPersona {
            id: base.id.value.clone(),
            relations: base
                .relations
                .iter()
                .map(|(r, t)| (*r, t.value.clone()))
                .collect(),
            kind: base.kind,
            start_mood: start.mood.unwrap_or(0).clamp(-10, 10),
            start_trust: start.trust.unwrap_or(50).clamp(0, 100),
            start_willingness: start.willingness.unwrap_or(50).clamp(0, 100),
            start_patience: (start.patience.unwrap_or(6) + params.patience).max(1),
            traits,
            reactions,
            replies,
            difficulty: scenario.difficulty,
            anger: params.anger.unwrap_or(1.0),
            evasion: params.evasion.unwrap_or(0.2),
            hang_up_mood: base.endings.hang_up_mood.unwrap_or(-10),
            hang_up_on_no_patience: base.endings.hang_up_on_no_patience.unwrap_or(true),
            max_turns: base.endings.max_turns.unwrap_or(40),
        })
    }
}
