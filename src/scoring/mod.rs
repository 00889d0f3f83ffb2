//! Scoring: a call graded against a rubric pack on four dimensions (verification, accuracy,
//! tone, compliance), every point explained by a finding or a credit at an agent turn.
//!
//! Deterministic: no randomness and no clock but `now`; nothing is read from the persona's
//! reply variants, moods or situations, so a call grades the same whichever replies a seed chose.

mod accuracy;
pub mod advice;
mod call;
pub mod compiled;
mod compliance;
mod context;
pub mod cues;
pub mod explain;
mod grade;
pub mod model;
mod outcome;
mod tone;
mod verification;

pub use grade::{Grader, grade};
pub use model::{
    Credit, FailCause, Finding, Grade, NotApplicable, OutcomeReport, PromiseReport, Scores,
    VerificationSummary,
};
