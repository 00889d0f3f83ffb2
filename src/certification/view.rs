//! What the attempt reports show, derived once from the stored records: each call's grade and
//! mood timeline, its overrides, the verdict after review and how long the certificate is valid.

use jiff::ToSpan;

use super::records::{AttemptRecord, Bundle, CallRecord, OverrideRecord, StoredGrade};
use super::verdict::{self, CallScore, Marks, Verdict};
use crate::call::Speaker;
use crate::content::ContentPack;
use crate::lang::Lang;
use crate::report::labels::Texts;

pub struct CallView<'a> {
    pub record: &'a CallRecord,
    pub grade: Option<StoredGrade>,
    /// (speaker, text) of every turn.
    pub turns: Vec<(Speaker, String)>,
    /// The persona's mood after each of its turns, in order.
    pub moods: Vec<i32>,
    pub overrides: Vec<&'a OverrideRecord>,
}

pub struct AttemptView<'a> {
    pub attempt: &'a AttemptRecord,
    pub lang: Lang,
    pub calls: Vec<CallView<'a>>,
    pub overrides: &'a [OverrideRecord],
    /// The pass marks, when the exam is still in the library.
    pub marks: Option<Marks>,
    /// The verdict with rejected findings taken out, when a trainer rejected any.
    pub reviewed: Option<Verdict>,
    pub valid_until: Option<String>,
    /// The words around the records (`certificate:`).
    pub words: Texts,
}

impl<'a> AttemptView<'a> {
    pub fn new(b: &'a Bundle, pack: Option<&ContentPack>) -> AttemptView<'a> {
        let lang = Lang::parse(&b.attempt.lang).unwrap_or(Lang::En);
        let calls: Vec<CallView> = b
            .calls
            .iter()
            .map(|c| {
                let transcript = c.transcript();
                let turns = transcript
                    .as_ref()
                    .map(|t| {
                        t.turns
                            .iter()
                            .map(|t| (t.speaker, t.text.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let moods = transcript
                    .as_ref()
                    .map(|t| t.turns.iter().filter_map(|t| t.mood).collect())
                    .unwrap_or_default();
                CallView {
                    record: c,
                    grade: c.grade(),
                    turns,
                    moods,
                    overrides: b.overrides.iter().filter(|o| o.call == c.seq).collect(),
                }
            })
            .collect();
        let exam = pack.and_then(|p| p.exams.get(&b.attempt.exam));
        let rubric = pack.and_then(|p| p.rubrics.get(&b.attempt.rubric));
        let marks = exam.map(Marks::of);
        let reviewed = match (&marks, rubric) {
            (Some(marks), Some(rubric)) if b.overrides.iter().any(|o| o.verdict == "reject") => {
                let scores: Vec<CallScore> = calls
                    .iter()
                    .filter(|c| c.record.status == super::records::COMPLETED)
                    .filter_map(|c| {
                        let g = c.grade.as_ref()?;
                        Some(CallScore::reviewed(
                            c.record.seq as usize,
                            g,
                            &c.overrides,
                            rubric,
                        ))
                    })
                    .collect();
                let mut v = verdict::decide(
                    marks,
                    &scores,
                    b.attempt.planned_calls as usize,
                    &words(pack),
                    lang,
                );
                v.passed &= b.attempt.status == super::records::COMPLETED;
                Some(v)
            }
            _ => None,
        };
        let valid_until = match (
            exam.and_then(|e| e.attempts.valid_days),
            &b.attempt.finished,
        ) {
            (Some(days), Some(finished)) if b.attempt.passed || reviewed_pass(&reviewed) => {
                finished
                    .parse::<jiff::civil::DateTime>()
                    .ok()
                    .and_then(|f| f.date().checked_add(i64::from(days).days()).ok())
                    .map(|d| d.to_string())
            }
            _ => None,
        };
        AttemptView {
            attempt: &b.attempt,
            lang,
            calls,
            overrides: &b.overrides,
            marks,
            reviewed,
            valid_until,
            words: words(pack),
        }
    }
}

fn reviewed_pass(v: &Option<Verdict>) -> bool {
    v.as_ref().is_some_and(|v| v.passed)
}

/// The words around the records in the reports and the cohort page (`certificate:` in an
/// `intents/` file, intents/interface.yaml), with their placeholders; the loader refuses a
/// library without one of them.
pub const LABELS: &[(&str, &[&str])] = &[
    ("certificate", &[]),
    ("trainee", &[]),
    ("attempt", &[]),
    ("started", &[]),
    ("finished", &[]),
    ("status", &[]),
    ("passed", &[]),
    ("failed", &[]),
    ("in_progress", &[]),
    ("completed", &[]),
    ("abandoned", &[]),
    ("overall", &[]),
    ("dimension", &[]),
    ("score", &[]),
    ("pass_mark", &[]),
    ("verification", &[]),
    ("accuracy", &[]),
    ("tone", &[]),
    ("compliance", &[]),
    ("why_failed", &[]),
    ("valid_until", &[]),
    ("reviewed", &[]),
    ("call", &[]),
    ("findings", &[]),
    ("no_findings", &[]),
    ("turn", &[]),
    ("advice", &[]),
    ("override", &[]),
    ("accept", &[]),
    ("reject", &[]),
    ("by", &[]),
    ("mood", &[]),
    ("transcript", &[]),
    ("exam_hash", &[]),
    ("signature", &[]),
    ("agent", &[]),
    ("borrower", &[]),
    ("third_party", &[]),
    ("yes", &[]),
    ("no", &[]),
    ("cohort", &[]),
    (
        "cohort_summary",
        &["attempts", "trainees", "passed", "percent"],
    ),
    ("pass_rates", &[]),
    ("pass_rate_chart", &[]),
    ("most_broken", &[]),
    ("findings_chart", &[]),
    ("trend", &[]),
    ("trend_chart", &[]),
    ("trainees", &[]),
    ("exam", &[]),
    ("attempts", &[]),
    ("passed_column", &[]),
    ("reason_abandoned", &["done", "planned"]),
    ("reason_overall", &["score", "min"]),
    ("reason_dimension", &["dimension", "score", "min"]),
    ("reason_critical", &["rule", "call", "turn"]),
];

/// The certificate's words: the library's when it loads, else the built-in library's (the
/// records must stay readable when a trainer's content does not load).
pub fn words(pack: Option<&ContentPack>) -> Texts {
    match pack {
        Some(p) => p.explanations.certificate.clone(),
        None => crate::content::load::builtin()
            .map(|p| p.explanations.certificate)
            .unwrap_or_default(),
    }
}

pub fn verdict_label(words: &Texts, passed: bool, lang: Lang) -> &str {
    words.get(if passed { "passed" } else { "failed" }, lang)
}
