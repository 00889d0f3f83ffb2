//! A persona kind (`personas/*.yaml`): how one kind of borrower, or a third party, behaves.
//! Scenarios name a kind and override only what differs.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{BiText, Difficulty};
use crate::content::yaml::Located;

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonaFile {
    pub id: Located<String>,
    pub kind: PersonaKind,
    pub description: Located<BiText>,
    /// Meters at the start of the call.
    pub start: Meters,
    #[serde(default)]
    pub traits: Traits,
    /// How each agent act (or risk category) moves the meters. Keys are act ids.
    #[serde(default)]
    pub reactions: BTreeMap<String, Located<Delta>>,
    /// What each difficulty changes.
    #[serde(default)]
    pub difficulty: BTreeMap<Difficulty, DifficultyParams>,
    #[serde(default)]
    pub endings: Endings,
    /// Reply variants per situation; the most specific passing `when` wins, then the least
    /// recently used, then the seeded stream.
    #[serde(default)]
    pub replies: BTreeMap<Situation, Vec<ReplyVariant>>,
    /// How a third party says who they are to the borrower (`{relation}` in replies), when the
    /// scenario gives no `relation_label`: `spouse: {en: "the spouse", zh: "家属"}`. Required
    /// for every relation in a `third_party` persona.
    #[serde(default)]
    pub relations: BTreeMap<super::scenario::Relation, Located<BiText>>,
}

/// What a scenario may change about its kind.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonaOverrides {
    #[serde(default)]
    pub start: Meters,
    #[serde(default)]
    pub traits: Traits,
    #[serde(default)]
    pub reactions: BTreeMap<String, Located<Delta>>,
    /// Replaces the kind's variants for the situations listed.
    #[serde(default)]
    pub replies: BTreeMap<Situation, Vec<ReplyVariant>>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PersonaKind {
    Informed,
    Willing,
    Delinquent,
    Refusing,
    Emotional,
    Fraudulent,
    ThirdParty,
}

impl PersonaKind {
    pub const BORROWER_KINDS: [PersonaKind; 6] = [
        PersonaKind::Informed,
        PersonaKind::Willing,
        PersonaKind::Delinquent,
        PersonaKind::Refusing,
        PersonaKind::Emotional,
        PersonaKind::Fraudulent,
    ];

    pub fn name(self) -> &'static str {
        match self {
            PersonaKind::Informed => "informed",
            PersonaKind::Willing => "willing",
            PersonaKind::Delinquent => "delinquent",
            PersonaKind::Refusing => "refusing",
            PersonaKind::Emotional => "emotional",
            PersonaKind::Fraudulent => "fraudulent",
            PersonaKind::ThirdParty => "third_party",
        }
    }
}

/// Mood runs from -10 (furious or in tears) to 10 (warm); trust, willingness 0..100; patience
/// counts how much more poor handling they take before hanging up. Unset fields keep the kind's.
#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meters {
    pub mood: Option<i32>,
    pub trust: Option<i32>,
    pub willingness: Option<i32>,
    pub patience: Option<i32>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Delta {
    #[serde(default)]
    pub mood: i32,
    #[serde(default)]
    pub trust: i32,
    #[serde(default)]
    pub willingness: i32,
    #[serde(default)]
    pub patience: i32,
}

/// Behaviour switches; the engine has one mechanism per switch, the kinds differ by data.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Traits {
    /// Knows the exact figures and corrects a wrong one at once.
    pub knows_figures: Option<bool>,
    /// Gives vague promises ("next week") until pinned to an amount and a date.
    pub stalls: Option<bool>,
    /// Disputes the debt or the amount until the dispute is acknowledged.
    pub disputes: Option<bool>,
    /// Will not talk about money while mood is below this.
    pub money_talk_min_mood: Option<i32>,
    /// Not the borrower: fails verification and fishes for account details.
    pub impostor: Option<bool>,
    /// Objections raised before accepting a plan that is within capacity.
    pub objections: Option<u32>,
    /// Asks about interest, fees or relief when figures come up.
    pub asks_about_fees: Option<bool>,
    /// Threatens to complain when pressured.
    pub complains: Option<bool>,
    /// Acts that answer an objection: each different one the agent uses wears one objection
    /// down, and the same offer said again does not. Without it, repeating an offer does.
    pub answered_by: Option<Vec<Located<String>>>,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DifficultyParams {
    /// Added to the starting patience.
    #[serde(default)]
    pub patience: i32,
    /// Multiplies every drop in mood (1.0 = as written).
    pub anger: Option<f64>,
    /// Chance (0..1) of a vague or evasive answer where one is possible.
    pub evasion: Option<f64>,
    /// Added to the objections before agreeing.
    #[serde(default)]
    pub objections: i32,
}

#[derive(Debug, Clone, Copy, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Endings {
    /// Hangs up when mood falls to this or below.
    pub hang_up_mood: Option<i32>,
    /// Hangs up when patience runs out (default true).
    pub hang_up_on_no_patience: Option<bool>,
    /// The call ends without agreement after this many agent turns.
    pub max_turns: Option<u32>,
}

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MoodBand {
    /// mood <= -6
    Hostile,
    /// -5..=-2
    Tense,
    /// -1..=3
    Neutral,
    /// >= 4
    Warm,
}

impl MoodBand {
    pub fn of(mood: i32) -> MoodBand {
        match mood {
            i32::MIN..=-6 => MoodBand::Hostile,
            -5..=-2 => MoodBand::Tense,
            -1..=3 => MoodBand::Neutral,
            _ => MoodBand::Warm,
        }
    }
}

#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplyVariant {
    #[serde(default)]
    pub when: Condition,
    /// Lines in English; `{placeholders}` are filled from the scenario and the agent's line.
    #[serde(default)]
    pub en: Vec<Located<String>>,
    #[serde(default)]
    pub zh: Vec<Located<String>>,
    /// Meter changes when this variant is said.
    pub effects: Option<Delta>,
}

/// All set fields must hold for the variant to be eligible; more set fields = more specific.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Condition {
    #[serde(default)]
    pub mood: Vec<MoodBand>,
    pub trust_min: Option<i32>,
    pub trust_max: Option<i32>,
    pub willingness_min: Option<i32>,
    pub willingness_max: Option<i32>,
    pub verified: Option<bool>,
    #[serde(default)]
    pub difficulty: Vec<Difficulty>,
    /// Said at most once per call.
    #[serde(default)]
    pub once: bool,
}

/// The moments a persona replies to. The engine decides which one a turn is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Situation {
    /// Picks up the phone.
    Opening,
    /// Returns a greeting.
    Greeted,
    /// Asked whether they are the borrower.
    RightPartyConfirm,
    /// Asked who is calling and why (third parties, cautious borrowers).
    WhoIsCalling,
    /// Gives the verification answer asked for.
    VerificationAnswer,
    /// Refuses to verify before knowing why.
    VerificationRefused,
    /// Hears the agent's name and company.
    IdentifiedAck,
    /// Hears the debt-collector or recording disclosure.
    DisclosureAck,
    /// Hears the balance or overdue facts.
    FactsAck,
    /// Corrects a wrong figure (informed).
    CorrectsFigure,
    /// Asks about interest, fees, relief.
    AsksAboutFees,
    /// Explains why they have not paid (hardship facts).
    ExplainsReason,
    /// Responds to acknowledgement and empathy.
    EmpathyAck,
    /// Deflects money talk while upset (emotional).
    NotReadyForMoney,
    /// Vague promise (delinquent).
    Stalls,
    /// Disputes the debt or the amount (refusing).
    Disputes,
    /// Hears the dispute acknowledged and explained.
    DisputeAck,
    /// Accepts an offer or request within capacity and policy.
    AcceptsOffer,
    /// Counters with what they can do.
    CounterOffer,
    /// Declines an offer above capacity, saying why.
    RejectsOffer,
    /// Raises an objection before agreeing.
    Objects,
    /// Confirms a promise restated by the agent.
    ConfirmsPromise,
    /// Hears a truthful consequence.
    ConsequenceAck,
    /// Asked how much they can pay.
    StatesCapacity,
    /// Hears a hardship option.
    HardshipAck,
    /// Reacts to a threat or a false legal claim.
    Threatened,
    /// Reacts to an insult.
    Insulted,
    /// Reacts to harassment or privacy overreach.
    Harassed,
    /// Threatens to complain.
    Complains,
    /// Hangs up.
    HangsUp,
    /// Answers the agent's goodbye.
    Closing,
    /// The agent asked something already answered.
    RepeatQuestion,
    /// The agent contradicted an earlier figure.
    Contradiction,
    /// Did not understand the agent's line.
    Unclear,
    /// Says again what they last said: the agent could not hear it ("sorry, you cut out"). The
    /// line is in `{said_before}`.
    Repeats,
    /// Fishes for account details (impostor).
    FishesForDetails,
    /// Offers to take a message (third party).
    TakesMessage,
    /// Agrees to a callback time.
    CallbackAgreed,
    /// Short acknowledgement when nothing else applies.
    Filler,
}
