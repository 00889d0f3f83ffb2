//! Understanding the agent: offline, deterministic, bilingual analysis of every line.
//! normalise -> entities -> clauses -> cues (with negation) -> similarity -> acts and findings,
//! revised by the act model, which weighs the whole line.

pub mod act_model;
pub mod analysis;
pub mod clauses;
pub mod cues;
pub mod entities;
pub mod evaluation;
pub mod features;
pub mod frames;
pub mod gapped;
pub mod index;
pub mod narrow;
pub mod normalize;
pub mod prefilter;
pub mod risk_classifier;
pub mod risk_model;

pub use analysis::{ActHit, Analysis, Analyzer, RiskFinding, UNCLEAR};
