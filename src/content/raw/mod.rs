//! Content as written: serde structs that mirror the YAML files one to one. Unknown fields are
//! errors. Nothing here is checked beyond types; `check` and `pack` do the rest.

mod acts;
mod exam;
mod persona;
mod rubric;
mod scenario;
mod scoring;
mod text;

pub use acts::*;
pub use exam::*;
pub use persona::*;
pub use rubric::*;
pub use scenario::*;
pub use scoring::*;
pub use text::*;
