//! Content: loaded raw from YAML, then checked and resolved into one immutable `ContentPack`.

pub mod check;
pub mod load;
pub mod pack;
pub mod problem;
pub mod problem_ids;
pub mod raw;
pub mod slots;
pub mod source;
pub mod yaml;

pub use load::{ContentSources, Loaded, load};
pub use pack::ContentPack;
