//! The one place that turns a command line into work and an error into an exit code.

use std::ffi::OsString;
use std::io::Write;

use crate::cli::Config;
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::Say;

/// Runs a command line; returns the process exit code (0 ok, 1 bad content or input, 2 failure).
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<OsString> = args.into_iter().map(Into::into).collect();
    let lang = crate::cli::lang_before_parse(&args, |k| std::env::var(k).ok());
    let arguments = match crate::cli::parse(args, lang) {
        Ok(a) => a,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Help and version are printed by clap (already in `lang`); an error in English is
            // clap's own.
            let said = (e.use_stderr() && lang != Lang::En)
                .then(|| crate::cli::say_parse_error(&e, &Say::shipped(lang)))
                .flatten();
            let _ = match said {
                Some(text) => std::io::stderr().write_all(text.as_bytes()),
                None => e.print(),
            };
            return code;
        }
    };
    // Kept apart so an error is said in the interface language even when the configuration
    // is what failed (an unknown --ui-lang itself is said in English).
    let ui = crate::cli::ui_lang(arguments.ui_lang.as_deref(), |k| std::env::var(k).ok())
        .unwrap_or(Lang::En);
    let sources = crate::cli::sources(&arguments);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let result = Config::from_arguments(arguments).and_then(|config| config.execute(&mut out));
    let _ = out.flush();
    match result {
        Ok(code) => code,
        Err(Error::Output(_)) => 0, // a closed pipe (`| head`) is not a failure
        Err(error) => {
            let say = Say::load(&sources, ui);
            let _ = std::io::stderr().write_all(error.render(&say).as_bytes());
            error.exit_code()
        }
    }
}
