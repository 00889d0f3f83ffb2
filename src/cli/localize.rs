//! `--help` in the interface language: the language is decided before clap parses (clap prints
//! help while parsing), and in Chinese clap's command tree has every about, argument help,
//! after-help and heading replaced by the words of intents/messages.yaml. English is clap's
//! own, built from the doc comments in `args.rs`, untouched.
//!
//! The ids (`help_*` in messages.yaml), one per piece of help clap prints:
//! - a command's about: `help_about` for `collectsim`, `help_<path>_about` for a subcommand
//!   (`help_list_about`, `help_nlu_report_about`, `help_new_scenario_about`), `help_help_about`
//!   for clap's own `help` subcommand at every level; its after-help: `help_after`,
//!   `help_<path>_after`; a long form adds `_long` (`help_<path>_long_about`);
//! - an argument's help: `help_<path>_<arg>` (`help_list_kind`, `help_certify_key_file`), a
//!   global argument's `help_<arg>` (`help_ui_lang`), clap's `--help` and `--version`
//!   `help_flag_help` and `help_flag_version`; a long form adds `_long`;
//! - the headings: `help_heading_usage`, `help_heading_commands`, `help_heading_arguments`,
//!   `help_heading_options`.
//!
//! `<path>` is the subcommand names with `-` written `_`; `<arg>` is the field's name. An
//! argument clap shows without help has no id. The `en` of each id is clap's English as it is
//! (a test keeps the two equal); braces in it are literal and stay in the `zh`.

use std::ffi::OsString;
use std::sync::OnceLock;

use clap::{Command, CommandFactory, FromArgMatches, Parser};

use super::args::Arguments;
use super::config::ui_lang;
use crate::lang::Lang;
use crate::report::messages::Say;

/// The headings clap prints, in the order of a help page.
const HEADINGS: [&str; 4] = [
    "help_heading_usage",
    "help_heading_commands",
    "help_heading_arguments",
    "help_heading_options",
];

/// Parses the command line as clap's `Parser::try_parse_from` does, with help in `lang` (see
/// `lang_before_parse`).
pub fn parse(args: Vec<OsString>, lang: Lang) -> Result<Arguments, clap::Error> {
    match lang {
        Lang::En => Arguments::try_parse_from(args),
        lang => {
            let mut command = localized(Say::shipped_ref(lang));
            let mut matches = command.try_get_matches_from_mut(args)?;
            Arguments::from_arg_matches_mut(&mut matches).map_err(|e| e.format(&mut command))
        }
    }
}

/// The interface language from the raw command line: the last `--ui-lang X` or
/// `--ui-lang=X` before any `--`, else the argument's environment variable, then the locale
/// rules of `ui_lang`. A value `ui_lang` refuses gives English here; the configuration says
/// the error once clap has parsed.
pub fn lang_before_parse(args: &[OsString], env: impl Fn(&str) -> Option<String>) -> Lang {
    let mut given = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        } else if word == "--ui-lang" {
            given = words.next().map(|v| v.into_owned());
        } else if let Some(value) = word.strip_prefix("--ui-lang=") {
            given = Some(value.to_string());
        }
    }
    let given = given.or_else(|| env(super::args::UI_LANG_ENV));
    ui_lang(given.as_deref(), env).unwrap_or(Lang::En)
}

/// The command tree with every piece of help in `say`'s words and headings of its language.
pub fn localized(say: &Say) -> Command {
    let mut command = Arguments::command();
    // Built first, so clap's own `--help`, `--version` and `help` exist to be translated.
    command.build();
    let words = |id: &str| Some(say.get(id)).filter(|w| *w != "?").map(str::to_string);
    let command = walk(command, &[], &mut |id, _| words(id));
    with_headings(command, &|id| words(id).unwrap_or_default())
}

/// Every help id with the `{...}` spans of its English, which the words must keep (they are
/// literal, not placeholders): the ids `messages:` must hold beside `report::messages::IDS`.
pub fn help_ids() -> &'static [(&'static str, &'static [&'static str])] {
    static IDS: OnceLock<Vec<(&'static str, &'static [&'static str])>> = OnceLock::new();
    IDS.get_or_init(|| {
        let mut ids: Vec<(String, Vec<String>)> = HEADINGS
            .iter()
            .map(|h| (h.to_string(), Vec::new()))
            .collect();
        for (id, english) in pieces() {
            if !ids.iter().any(|(i, _)| *i == id) {
                ids.push((id, braces(&english)));
            }
        }
        // Made once per process and kept for its life, as the other id tables are static.
        ids.into_iter()
            .map(|(id, spans)| {
                let spans: Vec<&'static str> = spans
                    .into_iter()
                    .map(|s| &*Box::leak(s.into_boxed_str()))
                    .collect();
                (&*Box::leak(id.into_boxed_str()), &*spans.leak())
            })
            .collect()
    })
}

/// Every piece of help clap prints, as (id, clap's English); an id shared by several commands
/// (a global argument, `help`) comes once per command.
pub fn pieces() -> Vec<(String, String)> {
    let mut command = Arguments::command();
    command.build();
    let mut found = Vec::new();
    walk(command, &[], &mut |id, english| {
        found.push((id.to_string(), english.to_string()));
        None
    });
    found
}

/// Visits each piece of help in `command` (at `path`), giving `words` its id and English; the
/// words it returns take the English's place.
fn walk(
    mut command: Command,
    path: &[String],
    words: &mut dyn FnMut(&str, &str) -> Option<String>,
) -> Command {
    // clap's `help` holds copies of the other commands' names and abouts: under their own ids.
    let is_help = !path.is_empty() && command.get_name() == "help";
    let prefix = if is_help {
        "help_help".to_string()
    } else if path.is_empty() {
        "help".to_string()
    } else {
        format!("help_{}", path.join("_"))
    };
    let mut text = |suffix: &str, english: Option<String>| {
        english.and_then(|e| words(&format!("{prefix}_{suffix}"), &e))
    };
    if let Some(t) = text("about", command.get_about().map(ToString::to_string)) {
        command = command.about(t);
    }
    if let Some(t) = text(
        "long_about",
        command.get_long_about().map(ToString::to_string),
    ) {
        command = command.long_about(t);
    }
    if let Some(t) = text("after", command.get_after_help().map(ToString::to_string)) {
        command = command.after_help(t);
    }
    if let Some(t) = text(
        "long_after",
        command.get_after_long_help().map(ToString::to_string),
    ) {
        command = command.after_long_help(t);
    }
    command = command.mut_args(|mut arg| {
        let name = arg.get_id().as_str().to_string();
        let id = if matches!(name.as_str(), "help" | "version") {
            format!("help_flag_{name}")
        } else if arg.is_global_set() || path.is_empty() {
            format!("help_{name}")
        } else {
            format!("{prefix}_{name}")
        };
        if let Some(t) = arg.get_help().and_then(|e| words(&id, &e.to_string())) {
            arg = arg.help(t);
        }
        let long = format!("{id}_long");
        if let Some(t) = arg
            .get_long_help()
            .and_then(|e| words(&long, &e.to_string()))
        {
            arg = arg.long_help(t);
        }
        arg
    });
    let parent = if is_help {
        &path[..path.len() - 1]
    } else {
        path
    };
    command.mut_subcommands(|sub| {
        let mut below = parent.to_vec();
        below.push(sub.get_name().replace('-', "_"));
        walk(sub, &below, words)
    })
}

/// `command` and its subcommands with clap's headings in the words of `heading` (clap writes
/// "Usage", "Options", ... itself; a template is the one way to change them), each section
/// only when it has something to show, in clap's order and styles.
fn with_headings(command: Command, heading: &dyn Fn(&str) -> String) -> Command {
    let styles = command.get_styles();
    let (usage, header) = (*styles.get_usage(), *styles.get_header());
    let mut template = format!(
        "{{before-help}}{{about-with-newline}}\n{}{}{}{{usage}}",
        usage.render(),
        heading(HEADINGS[0]),
        usage.render_reset()
    );
    let sections = [
        (
            HEADINGS[1],
            "subcommands",
            command.get_subcommands().any(|s| !s.is_hide_set()),
        ),
        (
            HEADINGS[2],
            "positionals",
            command.get_positionals().any(|a| !a.is_hide_set()),
        ),
        (
            HEADINGS[3],
            "options",
            command
                .get_arguments()
                .any(|a| !a.is_positional() && !a.is_hide_set()),
        ),
    ];
    for (id, tag, shown) in sections {
        if shown {
            template.push_str(&format!(
                "\n\n{}{}{}\n{{{tag}}}",
                header.render(),
                heading(id),
                header.render_reset()
            ));
        }
    }
    template.push_str("{after-help}");
    command
        .help_template(template)
        .mut_subcommands(|sub| with_headings(sub, heading))
}

/// The `{...}` spans of `text`, read as the content checker reads placeholders.
fn braces(text: &str) -> Vec<String> {
    let mut spans = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('}') else { break };
        spans.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn os(args: &[&str]) -> Vec<OsString> {
        args.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_read_before_clap_parses() {
        let none = |_: &str| None;
        let lang = |args: &[&str]| lang_before_parse(&os(args), none);
        assert_eq!(lang(&["collectsim", "--ui-lang", "zh", "--help"]), Lang::Zh);
        assert_eq!(
            lang(&["collectsim", "grade", "--ui-lang=zh", "-h"]),
            Lang::Zh
        );
        assert_eq!(
            lang(&["collectsim", "--ui-lang", "zh", "--ui-lang", "en"]),
            Lang::En
        );
        assert_eq!(
            lang(&["collectsim", "run", "--", "--ui-lang", "zh"]),
            Lang::En
        );
        assert_eq!(lang(&["collectsim", "--ui-lang", "fr", "--help"]), Lang::En);
        assert_eq!(lang(&["collectsim", "--ui-lang"]), Lang::En);
        let env = |k: &str| (k == "COLLECTSIM_LANG").then(|| "zh".to_string());
        assert_eq!(lang_before_parse(&os(&["collectsim", "-h"]), env), Lang::Zh);
        let locale = |k: &str| (k == "LANG").then(|| "zh_CN.UTF-8".to_string());
        assert_eq!(lang_before_parse(&os(&["collectsim"]), locale), Lang::Zh);
        let both = |k: &str| (k == "LANG").then(|| "zh_CN.UTF-8".to_string());
        assert_eq!(
            lang_before_parse(&os(&["collectsim", "--ui-lang=en"]), both),
            Lang::En
        );
    }

    /// A new flag, subcommand or changed doc comment without its words in messages.yaml fails
    /// here (and the library refuses to load without them).
    #[test]
    fn every_piece_of_help_has_its_words_in_both_languages() {
        let en = Say::shipped_ref(Lang::En);
        let zh = Say::shipped_ref(Lang::Zh);
        let pieces = pieces();
        assert!(pieces.len() > 50, "{} pieces", pieces.len());
        let mut missing = Vec::new();
        for (id, english) in &pieces {
            if en.get(id) != english.as_str() {
                missing.push(format!("{id}: en {:?}, clap {english:?}", en.get(id)));
            }
            let words = zh.get(id);
            let chinese = words
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
            if words == "?" || !chinese {
                missing.push(format!("{id}: zh {words:?}"));
            }
            if braces(words) != braces(english) {
                missing.push(format!("{id}: zh must keep {:?}", braces(english)));
            }
        }
        for id in HEADINGS {
            if zh.get(id) == "?" {
                missing.push(format!("{id}: missing"));
            }
        }
        assert!(missing.is_empty(), "help words:\n{}", missing.join("\n"));
    }

    /// A flag with no help shows a bare name in `--help` (as `--json` on six commands once did).
    #[test]
    fn every_argument_says_what_it_does() {
        fn bare(command: &Command, path: &str, out: &mut Vec<String>) {
            for arg in command.get_arguments() {
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    out.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                bare(sub, &format!("{path} {}", sub.get_name()), out);
            }
        }
        let mut command = Arguments::command();
        command.build();
        let mut out = Vec::new();
        bare(&command, "collectsim", &mut out);
        assert!(out.is_empty(), "arguments without help: {out:?}");
    }

    #[test]
    fn every_command_and_argument_is_reached() {
        let ids: Vec<&str> = help_ids().iter().map(|(id, _)| *id).collect();
        for id in [
            "help_about",
            "help_after",
            "help_ui_lang",
            "help_flag_help",
            "help_flag_version",
            "help_help_about",
            "help_list_kind",
            "help_nlu_report_about",
            "help_new_scenario_id",
            "help_certify_key_file",
            "help_grade_files",
        ] {
            assert!(ids.contains(&id), "{id} in {ids:?}");
        }
        // Each command's about, and each argument clap shows with help, has an id.
        fn count(command: &Command) -> usize {
            let own = usize::from(command.get_about().is_some())
                + command
                    .get_arguments()
                    .filter(|a| a.get_help().is_some())
                    .count();
            own + command.get_subcommands().map(count).sum::<usize>()
        }
        let mut command = Arguments::command();
        command.build();
        assert_eq!(pieces().len(), count(&command) + 1, "with the after-help");
    }

    #[test]
    fn chinese_help_has_chinese_headings_and_words() {
        let mut command = localized(Say::shipped_ref(Lang::Zh));
        let top = command.render_help().to_string();
        assert!(top.contains("用法"), "{top}");
        assert!(top.contains("命令"), "{top}");
        assert!(
            !top.contains("Usage:") && !top.contains("Options:"),
            "{top}"
        );
        let grade = command
            .find_subcommand_mut("grade")
            .map(|c| c.render_help().to_string())
            .unwrap_or_default();
        assert!(grade.contains(Say::shipped_ref(Lang::Zh).get("help_grade_about")));
        assert!(grade.contains("参数") && grade.contains("选项"), "{grade}");
        assert!(!grade.contains("Print help"), "{grade}");
    }
}
