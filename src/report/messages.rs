//! What the command line says outside any one call (`messages:` in an `intents/` file,
//! intents/messages.yaml): the ids the program uses with the placeholders each may fill, a
//! message waiting to be said, and the words in the interface language. The words are content.

use std::sync::OnceLock;

use super::labels::Texts;
use crate::content::raw::{ActsFile, GapText};
use crate::content::{self, ContentPack, ContentSources};
use crate::lang::Lang;

/// The ids of `messages:`; the loader refuses a library without one of them, and a file with
/// an id not listed here.
pub const IDS: &[(&str, &[&str])] = &[
    ("test_ok", &["file", "name"]),
    ("test_fail", &["file", "name"]),
    ("test_step", &["step", "agent"]),
    ("test_end", &[]),
    ("test_mismatch", &["at", "what", "expected", "actual"]),
    ("test_call", &[]),
    ("test_none", &[]),
    ("test_no_promise", &[]),
    ("test_promise", &["amount", "date"]),
    ("test_any_amount", &[]),
    ("test_any_date", &[]),
    ("test_summary", &["passed", "failed"]),
    (
        "test_summary_unreadable",
        &["passed", "failed", "unreadable"],
    ),
    ("run_outcome", &["outcome", "reason"]),
    ("run_promise", &["amount", "date"]),
    ("run_score", &["overall", "result"]),
    ("passed", &[]),
    ("failed", &[]),
    ("not_passed", &[]),
    ("analyze_acts", &[]),
    ("analyze_entities", &[]),
    ("analyze_risk", &[]),
    ("analyze_unclear", &[]),
    ("analyze_in_units", &["amount", "unit", "days"]),
    ("analyze_days", &["days"]),
    ("explain_normalised", &["text"]),
    ("explain_clause", &["n", "text"]),
    ("explain_cue", &["act", "cue"]),
    ("explain_negated", &[]),
    ("explain_quoted", &[]),
    ("explain_near", &["score", "act", "example"]),
    ("explain_model", &["acts"]),
    ("nlu_leave_one_out", &["correct", "total", "percent"]),
    ("nlu_set", &["path", "lines"]),
    ("nlu_acts", &["accuracy", "exact"]),
    (
        "nlu_risky",
        &["risky", "recall", "compliant", "false_alarms"],
    ),
    ("nlu_entities", &["exact", "gold", "accuracy", "spurious"]),
    (
        "nlu_language",
        &[
            "lang",
            "lines",
            "acts",
            "exact",
            "risky",
            "recall",
            "compliant",
            "false_alarms",
            "entities",
            "entity_accuracy",
        ],
    ),
    ("nlu_col_act", &[]),
    ("nlu_col_category", &[]),
    ("nlu_confusions", &[]),
    ("col_id", &[]),
    ("col_lang", &[]),
    ("col_kind", &[]),
    ("col_answerer", &[]),
    ("col_level", &[]),
    ("col_rubric", &[]),
    ("col_title", &[]),
    ("col_calls", &[]),
    ("col_pass", &[]),
    ("col_attempts", &[]),
    ("col_date", &[]),
    ("col_scenario", &[]),
    ("col_overall", &[]),
    ("col_result", &[]),
    ("col_file", &[]),
    ("col_dimension", &[]),
    ("col_first", &[]),
    ("col_best", &[]),
    ("col_latest", &[]),
    ("col_trainee", &[]),
    ("col_exam", &[]),
    ("col_started", &[]),
    ("col_status", &[]),
    ("col_reviews", &[]),
    ("col_regraded", &[]),
    ("exam_attempts", &["max", "days"]),
    ("scenario_count", &["count"]),
    ("exam_count", &["count"]),
    ("history_empty", &["dir"]),
    ("unfinished", &[]),
    ("call_count", &["count"]),
    ("history_unfinished", &["count"]),
    ("progress_empty", &["dir"]),
    ("progress_over", &["count"]),
    ("progress_broken", &[]),
    ("progress_none", &[]),
    ("dim_overall", &[]),
    ("dim_verification", &[]),
    ("dim_accuracy", &[]),
    ("dim_tone", &[]),
    ("dim_compliance", &[]),
    ("results_none", &[]),
    ("results_pass_rates", &[]),
    (
        "results_pass_rate",
        &["exam", "passed", "attempts", "percent", "trainees"],
    ),
    ("results_trends", &[]),
    ("results_trend", &["trainee", "exam", "attempts"]),
    ("results_trend_passed", &[]),
    ("results_cannot_regrade", &["id", "error"]),
    (
        "results_regraded",
        &["result", "overall", "original", "original_overall"],
    ),
    ("cannot_regrade", &["error"]),
    ("results_verified", &["count", "db"]),
    ("wrote", &["file"]),
    ("new_next", &["file"]),
    ("review_attempt", &["id", "trainee", "exam", "started"]),
    ("review_call", &["seq", "scenario"]),
    (
        "review_finding",
        &["n", "severity", "rule", "turn", "quote"],
    ),
    ("review_by", &["verdict", "reviewer"]),
    ("review_how", &["id"]),
    ("verdict_accept", &[]),
    ("verdict_reject", &[]),
    (
        "review_recorded",
        &[
            "id", "attempt", "call", "finding", "rule", "turn", "verdict", "reviewer",
        ],
    ),
    ("problem_error", &[]),
    ("problem_warning", &[]),
    ("problem_fix", &[]),
    ("problems_summary", &["errors", "warnings"]),
    ("validate_files", &["checked", "errors", "warnings"]),
    ("validate_all", &["errors", "warnings"]),
    ("error_prefix", &[]),
    ("error_io", &["path", "reason"]),
    ("error_write", &["path", "reason"]),
    ("error_content", &["count"]),
    ("error_unknown_scenario", &["id"]),
    ("error_unknown_rubric", &["id"]),
    ("error_unknown_persona", &["id"]),
    ("error_unknown_exam", &["id"]),
    ("did_you_mean", &["id"]),
    ("error_input", &["path", "message"]),
    ("error_exists", &["path"]),
    ("error_output", &["reason"]),
    ("error_no_key", &[]),
    ("error_database", &["path", "reason"]),
    ("error_tampered", &["count"]),
    (
        "altered_in_attempt",
        &["id", "trainee", "exam", "started", "what"],
    ),
    ("altered_at", &["id", "what"]),
    ("altered_call", &["seq", "scenario"]),
    ("altered_override", &["id", "call", "finding"]),
    ("altered_attempt", &[]),
    ("usage_ui_lang", &["value", "from"]),
    ("usage_lang", &["value"]),
    ("usage_kind", &["value", "kinds"]),
    ("usage_kind_hint", &["value", "hint", "kinds"]),
    ("usage_now", &["value"]),
    ("usage_thresholds", &["value"]),
    ("usage_json_format", &["format"]),
    ("usage_format", &["value"]),
    ("usage_schema", &["value"]),
    ("usage_no_path", &["path"]),
    ("usage_no_transcripts", &[]),
    ("usage_no_rubric", &["known"]),
    ("input_now", &["value"]),
    ("input_script_utf8", &["byte"]),
    ("input_line", &["reason"]),
    ("usage_no_scenario", &[]),
    ("usage_terminal", &["reason"]),
    ("usage_no_file_name", &[]),
    ("usage_new_third_party", &[]),
    ("usage_new_id", &["id"]),
    (
        "usage_exam_pool",
        &["exam", "count", "kind", "lang", "have"],
    ),
    ("usage_trainee", &[]),
    ("usage_short_key", &["from", "bytes", "min"]),
    ("usage_no_records", &["path"]),
    ("usage_newer_db", &["path", "version", "known"]),
    ("usage_no_attempt", &["id", "path"]),
    ("usage_regrade_needs_content", &[]),
    ("usage_review_needs", &["what"]),
    ("usage_review_reason", &[]),
    ("usage_verdict", &["value"]),
    ("usage_no_call", &["attempt", "call", "count"]),
    ("usage_no_finding", &["call", "attempt", "count"]),
    ("parse_unknown_argument", &["arg"]),
    ("parse_unknown_subcommand", &["name"]),
    ("parse_missing", &[]),
    ("parse_value_required", &["arg"]),
    ("parse_invalid_value", &["arg", "value"]),
    ("parse_invalid_value_reason", &["arg", "value", "reason"]),
    ("parse_possible_values", &["values"]),
    ("parse_used_twice", &["arg"]),
    ("parse_conflict", &["arg", "other"]),
    ("parse_conflict_many", &["arg"]),
    ("parse_no_equals", &["arg"]),
    ("parse_tip", &[]),
    ("parse_tip_subcommand", &["names"]),
    ("parse_tip_subcommands", &["names"]),
    ("parse_tip_argument", &["names"]),
    ("parse_tip_arguments", &["names"]),
    ("parse_tip_value", &["names"]),
    ("parse_tip_values", &["names"]),
    ("parse_more", &[]),
    ("refused_used_all", &["trainee", "max", "exam", "ids"]),
    ("refused_bad_start", &["id", "started"]),
    (
        "refused_wait",
        &["trainee", "exam", "started", "id", "wait", "next", "now"],
    ),
];

/// `IDS`, the ids of content problems (`content::problem_ids::IDS`) and of `--help`'s words
/// (`cli::help_ids`): every id `messages:` holds.
pub fn all_ids() -> &'static [(&'static str, &'static [&'static str])] {
    static ALL: OnceLock<Vec<(&'static str, &'static [&'static str])>> = OnceLock::new();
    ALL.get_or_init(|| {
        IDS.iter()
            .chain(crate::content::problem_ids::IDS)
            .chain(crate::cli::help_ids())
            .copied()
            .collect()
    })
}

/// A message by id with its values, said later in the interface language (an error is made
/// where the program knows what went wrong, and said where it knows the language).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub id: &'static str,
    pub values: Vec<(&'static str, String)>,
    /// Placeholders filled by another id's words in the same language (a kind of thing, who
    /// uses a map), not by data.
    pub words: Vec<(&'static str, &'static str)>,
}

impl Message {
    pub fn new(id: &'static str) -> Message {
        Message {
            id,
            values: Vec::new(),
            words: Vec::new(),
        }
    }

    /// The message with `{name}` filled by the words of message `id`.
    pub fn word(mut self, name: &'static str, id: &'static str) -> Message {
        self.words.push((name, id));
        self
    }

    /// The message with `{name}` filled by `value`.
    pub fn with(mut self, name: &'static str, value: impl ToString) -> Message {
        self.values.push((name, value.to_string()));
        self
    }
}

/// The words of `messages:` and the language to say them in.
#[derive(Debug, Clone)]
pub struct Say {
    words: Texts,
    pub lang: Lang,
}

impl Say {
    pub fn new(words: Texts, lang: Lang) -> Say {
        Say { words, lang }
    }

    /// The library's words.
    pub fn of(pack: &ContentPack, lang: Lang) -> Say {
        Say::new(pack.explanations.messages.clone(), lang)
    }

    /// The words of the library `sources` load (a trainer's replacements included), else the
    /// shipped ones: a command that reads no content, and an error, still speak the interface
    /// language when the trainer's content does not load.
    pub fn load(sources: &ContentSources, lang: Lang) -> Say {
        // Without a folder of the trainer's, the library's words are the shipped file's: no need
        // to load and check the whole library for them.
        if sources.dirs.is_empty() && sources.files.is_empty() {
            return Say::shipped(lang);
        }
        Say::of_or_shipped(
            content::load(sources).ok().and_then(|l| l.pack).as_ref(),
            lang,
        )
    }

    /// The library's words when it loaded, else the shipped ones.
    pub fn of_or_shipped(pack: Option<&ContentPack>, lang: Lang) -> Say {
        match pack {
            Some(pack) => Say::of(pack, lang),
            None => Say::shipped(lang),
        }
    }

    /// The shipped words alone, read from intents/messages.yaml in the binary without the rest
    /// of the library, so an error is said even when the library does not load. Should that
    /// file not parse either, English is the last resort (`say` shows the id and its values).
    pub fn shipped(lang: Lang) -> Say {
        Say::shipped_ref(lang).clone()
    }

    /// `shipped` without a copy of the words: what a problem's English text (`render`, JSON)
    /// is said with, once per problem.
    pub fn shipped_ref(lang: Lang) -> &'static Say {
        static SAYS: OnceLock<[Say; 2]> = OnceLock::new();
        let says = SAYS.get_or_init(|| {
            let words = shipped_words();
            [Say::new(words.clone(), Lang::En), Say::new(words, Lang::Zh)]
        });
        &says[lang.index()]
    }

    /// The words for `id` as written (no placeholders filled).
    pub fn get(&self, id: &str) -> &str {
        self.words.get(id, self.lang)
    }

    /// A message in the interface language. An id the words lack (only when the shipped file
    /// itself is broken) shows as the id with its values rather than nothing.
    pub fn say(&self, message: &Message) -> String {
        if !self.words.0.contains_key(message.id) {
            let values: Vec<String> = message
                .values
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            return format!("{} ({})", message.id, values.join(", "));
        }
        if message.words.is_empty() {
            return self.words.fill(message.id, self.lang, &message.values);
        }
        let mut values = message.values.clone();
        values.extend(
            message
                .words
                .iter()
                .map(|(name, id)| (*name, self.get(id).to_string())),
        );
        self.words.fill(message.id, self.lang, &values)
    }

    /// `say` for a message built in place.
    pub fn text(&self, id: &'static str, values: &[(&str, String)]) -> String {
        self.words.fill(id, self.lang, values)
    }

    /// `text` as a line of output.
    pub fn line(&self, id: &'static str, values: &[(&str, String)]) -> String {
        let mut line = self.text(id, values);
        line.push('\n');
        line
    }
}

/// intents/messages.yaml as built into the binary, parsed on its own (a missing Chinese line
/// falls back to the English one).
fn shipped_words() -> Texts {
    let words = content::source::builtin_files()
        .into_iter()
        .find(|f| f.path == "intents/messages.yaml")
        .and_then(|f| content::yaml::parse::<ActsFile>(&f.path, &f.text).ok())
        .map(|file| {
            file.messages
                .into_iter()
                .filter_map(|(id, text)| {
                    let en = text.value.get(Lang::En)?.to_string();
                    let zh = text.value.get(Lang::Zh).map_or(en.clone(), str::to_string);
                    Some((id, GapText { en, zh }))
                })
                .collect()
        })
        .unwrap_or_default();
    Texts(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_shipped_words_alone_have_every_id_in_both_languages() {
        for lang in Lang::ALL {
            let say = Say::shipped(lang);
            for (id, _) in all_ids() {
                assert_ne!(say.get(id), "?", "{id} in {lang}");
            }
        }
        let zh = Say::shipped(Lang::Zh).say(
            &Message::new("test_summary")
                .with("passed", 2)
                .with("failed", 1),
        );
        assert_eq!(zh, "2 个通过，1 个失败");
    }

    #[test]
    fn a_missing_id_shows_the_id_and_values() {
        let say = Say::new(Texts::default(), Lang::En);
        assert_eq!(
            say.say(&Message::new("error_io").with("path", "a.yaml")),
            "error_io (path=a.yaml)"
        );
    }
}
