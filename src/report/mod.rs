//! Everything shown to a person: tables, the briefing card, labels in both languages.

pub mod briefing;
pub mod debrief;
pub mod labels;
pub mod messages;
pub mod table;
pub mod wrap;
