//! Content: loaded raw from YAML, then checked and resolved into one immutable `ContentPack`.

pub mod problem;
pub mod raw;
pub mod source;
pub mod yaml;
