//! The validated configuration: every argument checked and converted before any work starts.

use std::io::Write;
use std::path::PathBuf;

use jiff::civil::DateTime;

use super::args::{Arguments, ColorChoice, Command, NewKind};
use crate::commands;
use crate::content::ContentSources;
use crate::content::raw::PersonaKind;
use crate::error::Error;
use crate::lang::Lang;

#[derive(Debug)]
pub struct Config {
    pub sources: ContentSources,
    pub color: bool,
    /// The language of the command line's own messages.
    pub ui: Lang,
    pub action: Action,
}

#[derive(Debug)]
pub enum Action {
    List {
        kind: Option<PersonaKind>,
        lang: Option<Lang>,
        json: bool,
    },
    Show {
        id: String,
        json: bool,
    },
    Validate {
        paths: Vec<PathBuf>,
        json: bool,
    },
    Schema {
        kind: commands::schema::SchemaKind,
    },
    NewScenario {
        id: String,
        kind: PersonaKind,
        lang: Lang,
        dir: PathBuf,
    },
    Analyze(commands::analyze::Options),
    NluReport(commands::nlu_report::Options),
    Grade(commands::grade::Options),
    Run(commands::run::Options),
    Test {
        paths: Vec<PathBuf>,
    },
    Practice(commands::practice::Options),
    History {
        json: bool,
        data_dir: Option<PathBuf>,
    },
    Progress {
        data_dir: Option<PathBuf>,
    },
    Exams {
        json: bool,
    },
    Certify(commands::certify::Options),
    Results(commands::results::Options),
    Review(commands::review::Options),
}

impl Config {
    pub fn from_arguments(args: Arguments) -> Result<Config, Error> {
        let color = match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::env::var_os("NO_COLOR").is_none()
                    && std::io::IsTerminal::is_terminal(&std::io::stdout())
            }
        };
        colored::control::set_override(color);
        let ui = ui_lang(args.ui_lang.as_deref(), |k| std::env::var(k).ok())?;
        let sources = sources(&args);
        let action = match args.command {
            None => Action::Practice(commands::practice::Options {
                seed: 1,
                ..Default::default()
            }),
            Some(Command::Practice {
                scenario,
                kind,
                lang,
                seed,
                coach,
                data_dir,
                now,
            }) => Action::Practice(commands::practice::Options {
                scenario,
                kind: kind.as_deref().map(parse_kind).transpose()?,
                lang: lang.as_deref().map(parse_lang).transpose()?,
                seed,
                coach,
                data_dir,
                now: now.as_deref().map(parse_now).transpose()?,
            }),
            Some(Command::History { json, data_dir }) => Action::History { json, data_dir },
            Some(Command::Progress { data_dir }) => Action::Progress { data_dir },
            Some(Command::List { kind, lang, json }) => Action::List {
                kind: kind.as_deref().map(parse_kind).transpose()?,
                lang: lang.as_deref().map(parse_lang).transpose()?,
                json,
            },
            Some(Command::Show { id, json }) => Action::Show { id, json },
            Some(Command::Validate { paths, json }) => Action::Validate { paths, json },
            Some(Command::Schema { kind }) => Action::Schema {
                kind: commands::schema::SchemaKind::parse(&kind)?,
            },
            Some(Command::Analyze {
                lang,
                now,
                json,
                explain,
                texts,
            }) => Action::Analyze(commands::analyze::Options {
                lang: if lang == "auto" {
                    None
                } else {
                    Some(parse_lang(&lang)?)
                },
                now: match now {
                    Some(n) => parse_now(&n)?,
                    None => default_now(),
                },
                json,
                explain,
                texts,
            }),
            Some(Command::NluReport {
                sets,
                no_loo,
                verbose,
                json,
                thresholds,
            }) => Action::NluReport(commands::nlu_report::Options {
                thresholds: thresholds.as_deref().map(parse_thresholds).transpose()?,
                sets: if sets.is_empty() {
                    [
                        "tests/data/nlu/dev.yaml",
                        "tests/data/nlu/val.yaml",
                        "tests/data/nlu/val2.yaml",
                        "tests/data/nlu/val3.yaml",
                        "tests/data/nlu/val4-en.yaml",
                        "tests/data/nlu/val4-zh.yaml",
                        "tests/data/nlu/frames-acts.yaml",
                        "tests/data/nlu/val5.yaml",
                        "tests/data/nlu/test.yaml",
                    ]
                    .into_iter()
                    .map(PathBuf::from)
                    .filter(|p| p.exists())
                    .collect()
                } else {
                    sets
                },
                loo: !no_loo,
                verbose,
                json,
            }),
            Some(Command::Grade {
                files,
                rubric,
                json,
                format,
                now,
            }) => Action::Grade(commands::grade::Options {
                files,
                rubric,
                format: match (json, format.as_deref()) {
                    (true, None) => commands::grade::Format::Json,
                    (true, Some(f))
                        if commands::grade::Format::parse(f)? != commands::grade::Format::Json =>
                    {
                        return Err(Error::usage(
                            "usage_json_format",
                            &[("format", f.to_string())],
                        ));
                    }
                    (_, Some(f)) => commands::grade::Format::parse(f)?,
                    (false, None) => commands::grade::Format::Text,
                },
                now: now.as_deref().map(parse_now).transpose()?,
            }),
            Some(Command::Run {
                scenario,
                script,
                seed,
                now,
                json,
            }) => Action::Run(commands::run::Options {
                scenario,
                script: (script != "-").then(|| PathBuf::from(script)),
                seed,
                now: now.as_deref().map(parse_now).transpose()?,
                json,
            }),
            Some(Command::Test { paths }) => Action::Test { paths },
            Some(Command::New {
                what:
                    NewKind::Scenario {
                        id,
                        kind,
                        lang,
                        dir,
                    },
            }) => Action::NewScenario {
                kind: parse_kind(&kind)?,
                lang: parse_lang(&lang)?,
                dir: dir.unwrap_or_else(|| PathBuf::from(".")),
                id,
            },
            Some(Command::Exams { json }) => Action::Exams { json },
            Some(Command::Certify {
                exam,
                trainee,
                seed,
                now,
                records,
            }) => Action::Certify(commands::certify::Options {
                exam,
                trainee,
                seed,
                now: now.as_deref().map(parse_now).transpose()?,
                db: records.db,
                data_dir: records.data_dir,
                key_file: records.key_file,
            }),
            Some(Command::Results {
                trainee,
                exam,
                attempt,
                json,
                csv,
                html,
                verify,
                regrade,
                records,
            }) => Action::Results(commands::results::Options {
                db: records.db,
                data_dir: records.data_dir,
                key_file: records.key_file,
                filter: crate::certification::db::Filter {
                    trainee,
                    exam,
                    attempt,
                },
                format: if json {
                    commands::results::Format::Json
                } else if csv {
                    commands::results::Format::Csv
                } else {
                    commands::results::Format::Text
                },
                html,
                verify,
                regrade,
            }),
            Some(Command::Review {
                attempt,
                call,
                finding,
                verdict,
                reason,
                reviewer,
                now,
                records,
            }) => Action::Review(commands::review::Options {
                attempt,
                call,
                finding,
                verdict: verdict.map(|v| v.trim().to_lowercase()),
                reason,
                reviewer,
                now: now.as_deref().map(parse_now).transpose()?,
                db: records.db,
                data_dir: records.data_dir,
                key_file: records.key_file,
            }),
        };
        Ok(Config {
            sources,
            color,
            ui,
            action,
        })
    }

    pub fn execute(self, out: &mut dyn Write) -> Result<i32, Error> {
        let ui = self.ui;
        match self.action {
            Action::List { kind, lang, json } => {
                commands::list::run(&self.sources, kind, lang, json, ui, out)
            }
            Action::Show { id, json } => commands::show::run(&self.sources, &id, json, out),
            Action::Validate { paths, json } => {
                commands::validate::run(self.sources, paths, json, ui, out)
            }
            Action::Schema { kind } => commands::schema::run(kind, out),
            Action::NewScenario {
                id,
                kind,
                lang,
                dir,
            } => commands::new::scenario(&self.sources, &id, kind, lang, &dir, ui, out),
            Action::Analyze(options) => commands::analyze::run(&self.sources, options, ui, out),
            Action::NluReport(options) => {
                commands::nlu_report::run(&self.sources, options, ui, out)
            }
            Action::Grade(options) => commands::grade::run(&self.sources, options, out),
            Action::Run(options) => commands::run::run(&self.sources, options, ui, out),
            Action::Test { paths } => commands::test::run(&self.sources, paths, ui, out),
            Action::Practice(options) => commands::practice::run(&self.sources, options, out),
            Action::History { json, data_dir } => {
                commands::history::run(&self.sources, data_dir, json, ui, out)
            }
            Action::Progress { data_dir } => {
                commands::progress::run(&self.sources, data_dir, ui, out)
            }
            Action::Exams { json } => commands::exams::run(&self.sources, json, ui, out),
            Action::Certify(options) => commands::certify::run(&self.sources, options, out),
            Action::Results(options) => commands::results::run(&self.sources, options, ui, out),
            Action::Review(options) => commands::review::run(&self.sources, options, ui, out),
        }
    }
}

/// The content the command line names: the built-in library (unless `--no-builtin`) and
/// `--content DIR`.
pub fn sources(args: &Arguments) -> ContentSources {
    ContentSources {
        no_builtin: args.no_builtin,
        dirs: args.content.iter().cloned().collect(),
        files: Vec::new(),
    }
}

/// The interface language: `--ui-lang` (or `COLLECTSIM_LANG`, which clap reads into it), else
/// the locale's messages language (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, the first one set
/// and not empty, as POSIX orders them): Chinese when it starts with `zh`, else English.
/// `env` reads a variable, so tests need not touch the process's own.
pub fn ui_lang(given: Option<&str>, env: impl Fn(&str) -> Option<String>) -> Result<Lang, Error> {
    if let Some(value) = given {
        return Lang::parse(value).ok_or_else(|| {
            Error::usage(
                "usage_ui_lang",
                &[
                    ("value", value.to_string()),
                    ("from", "--ui-lang / COLLECTSIM_LANG".to_string()),
                ],
            )
        });
    }
    let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
        .into_iter()
        .find_map(|k| env(k).filter(|v| !v.is_empty()))
        .unwrap_or_default();
    Ok(if locale.to_ascii_lowercase().starts_with("zh") {
        Lang::Zh
    } else {
        Lang::En
    })
}

pub fn parse_lang(s: &str) -> Result<Lang, Error> {
    Lang::parse(s).ok_or_else(|| Error::usage("usage_lang", &[("value", s.to_string())]))
}

pub fn parse_kind(s: &str) -> Result<PersonaKind, Error> {
    PersonaKind::BORROWER_KINDS
        .into_iter()
        .chain([PersonaKind::ThirdParty])
        .find(|k| k.name() == s.trim().to_lowercase().replace('-', "_"))
        .ok_or_else(|| {
            let names: Vec<&str> = PersonaKind::BORROWER_KINDS
                .iter()
                .map(|k| k.name())
                .collect();
            let value = ("value", s.to_string());
            let kinds = ("kinds", names.join(", "));
            match crate::content::problem::did_you_mean(s, names.iter().copied()) {
                Some(h) => {
                    Error::usage("usage_kind_hint", &[value, ("hint", h.to_string()), kinds])
                }
                None => Error::usage("usage_kind", &[value, kinds]),
            }
        })
}

/// The clock when `--now` is not given: the system's local time. Everything deterministic takes
/// `--now` instead.
pub fn default_now() -> DateTime {
    jiff::ZonedDateTime::now().datetime()
}

fn parse_thresholds(s: &str) -> Result<crate::understanding::analysis::Thresholds, Error> {
    let v: Vec<f32> = s
        .split(',')
        .map(|x| x.trim().parse::<f32>())
        .collect::<Result<_, _>>()
        .map_err(|_| Error::usage("usage_thresholds", &[("value", s.to_string())]))?;
    let mut t = crate::understanding::analysis::Thresholds::default();
    let fields = [
        &mut t.min_score,
        &mut t.min_margin,
        &mut t.min_risk_score,
        &mut t.min_extra_score,
        &mut t.min_risk_odds,
        &mut t.min_window_score,
        &mut t.min_window_margin,
        &mut t.min_pair_score,
    ];
    if !(4..=fields.len()).contains(&v.len()) {
        return Err(Error::usage(
            "usage_thresholds",
            &[("value", s.to_string())],
        ));
    }
    for (field, value) in fields.into_iter().zip(v) {
        *field = value;
    }
    Ok(t)
}

/// `--now`: `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`.
pub fn parse_now(s: &str) -> Result<DateTime, Error> {
    let s = s.trim();
    // A date with a time keeps its time (a bare `Date` parse would drop it).
    if s.contains(['T', 't', ' '])
        && let Ok(dt) = s.parse::<DateTime>()
    {
        return Ok(dt);
    }
    if let Ok(d) = s.parse::<jiff::civil::Date>() {
        return Ok(d.at(9, 0, 0, 0));
    }
    s.parse::<DateTime>()
        .map_err(|_| Error::usage("usage_now", &[("value", s.to_string())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_interface_language_comes_from_the_option_then_the_locale_in_posix_order() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |k: &str| {
                vars.iter()
                    .find(|(name, _)| *name == k)
                    .map(|(_, v)| v.to_string())
            }
        };
        let ui = |given, vars| ui_lang(given, env(vars)).expect("valid");
        assert_eq!(ui(None, &[]), Lang::En);
        assert_eq!(ui(None, &[("LANG", "zh_CN.UTF-8")]), Lang::Zh);
        assert_eq!(
            ui(None, &[("LANG", "zh_CN.UTF-8"), ("LC_ALL", "C")]),
            Lang::En
        );
        // An empty variable is not set (POSIX): the next one decides.
        assert_eq!(
            ui(None, &[("LC_ALL", ""), ("LC_MESSAGES", "zh_TW")]),
            Lang::Zh
        );
        assert_eq!(ui(Some("en"), &[("LANG", "zh_CN")]), Lang::En);
        assert_eq!(ui(Some("ZH"), &[]), Lang::Zh);
        let err = ui_lang(Some("fr"), env(&[])).expect_err("fr");
        assert!(
            err.to_string().contains("unknown interface language `fr`"),
            "{err}"
        );
    }

    #[test]
    fn thresholds_take_four_to_eight_numbers_and_keep_the_rest() {
        let default = crate::understanding::analysis::Thresholds::default();
        let four = parse_thresholds("0.2, 0.01, 0.5, 0.6").expect("four numbers");
        assert_eq!(
            (four.min_score, four.min_extra_score),
            (0.2, 0.6),
            "the first four set in order"
        );
        assert_eq!(four.min_pair_score, default.min_pair_score);
        assert_eq!(four.min_risk_odds, default.min_risk_odds);
        let eight = parse_thresholds("0.2,0.01,0.5,0.6,12,0.3,0.04,0.45").expect("eight numbers");
        assert_eq!(
            (
                eight.min_risk_odds,
                eight.min_window_score,
                eight.min_window_margin,
                eight.min_pair_score
            ),
            (12.0, 0.3, 0.04, 0.45)
        );
        for bad in ["0.2,0.01,0.5", "1,2,3,4,5,6,7,8,9", "a,b,c,d"] {
            let err = parse_thresholds(bad).expect_err(bad).to_string();
            assert!(err.contains("four to eight numbers"), "{bad}: {err}");
        }
    }
}
