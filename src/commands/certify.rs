//! `collectsim certify --exam ID --trainee NAME`: sit an exam; see `crate::certification::take`.

use std::io::Write;

pub use crate::certification::take::Options;
use crate::content::ContentSources;
use crate::error::Error;

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    crate::certification::take::run(sources, options, out)
}
