//! A call as data: the transcript (what was said) and the facts it is judged against.

pub mod facts;
pub mod outcome;
pub mod transcript;

pub use facts::CallFacts;
pub use outcome::{Outcome, OutcomeKind, Promise};
pub use transcript::{Speaker, Transcript, Turn};
