//! Borrower personas that react like people: one engine for every front end (run, REPL,
//! certification). Behaviour is data (personas/*.yaml); the engine has one mechanism per trait.

pub mod engine;
pub mod negotiation;
pub mod replies;
pub mod resolved;
pub mod situation;
pub mod state;
pub mod testing;

pub use engine::{Engine, Reply};
pub use resolved::ResolvedPersona;
pub use state::CallState;
