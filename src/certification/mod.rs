//! Certification: exams taken through the REPL in exam mode, recorded in SQLite, signed with the
//! trainer's key, reviewed by trainers and reported per attempt and per cohort.

pub mod cohort;
pub mod db;
pub mod exam;
pub mod html;
pub mod markdown;
pub mod policy;
pub mod records;
pub mod regrade;
pub mod sign;
pub mod svg;
pub mod take;
pub mod verdict;
pub mod view;

pub use db::Db;
pub use records::{AttemptRecord, CallRecord, OverrideRecord};
