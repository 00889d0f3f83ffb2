//! The transcript format shared by `run`, the REPL, certification and `grade` (YAML or JSON):
//! `{lang, rubric?, scenario?, account?, identity?, context?, turns: [{speaker, text}]}`.

use serde::{Deserialize, Serialize};

use super::facts::{AccountFacts, ContextFacts, IdentityFacts};
use super::outcome::Outcome;
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Speaker {
    Agent,
    Borrower,
    ThirdParty,
}

impl Speaker {
    pub fn name(self) -> &'static str {
        match self {
            Speaker::Agent => "agent",
            Speaker::Borrower => "borrower",
            Speaker::ThirdParty => "third_party",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Turn {
    pub speaker: Speaker,
    pub text: String,
    /// The persona's mood after this turn (simulated calls only), for the debrief timeline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mood: Option<i32>,
    /// What the persona was responding to (simulated calls only), for tests and debriefs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub situation: Option<String>,
}

impl Turn {
    pub fn agent(text: impl Into<String>) -> Turn {
        Turn {
            speaker: Speaker::Agent,
            text: text.into(),
            mood: None,
            situation: None,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transcript {
    pub lang: Lang,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rubric: Option<String>,
    /// A scenario id: supplies account, identity and context.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// Inline facts for a real call (override the scenario's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account: Option<AccountFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<ContextFacts>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seed: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<String>,
    pub turns: Vec<Turn>,
    /// How a simulated call ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}
