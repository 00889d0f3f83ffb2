//! `collectsim practice` (and plain `collectsim`): the practice REPL in `crate::repl`.

use std::io::Write;

use crate::content::ContentSources;
use crate::error::Error;
pub use crate::repl::Options;

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    crate::repl::run(sources, options, out)
}
