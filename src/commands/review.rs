//! `collectsim review ATTEMPT`: a trainer's verdict on a finding, stored beside the automatic one
//! and signed; without `--call`, the attempt's findings with the numbers to review them by.

use std::io::Write;
use std::path::PathBuf;

use jiff::civil::DateTime;

use crate::certification::db::{self, Db};
use crate::certification::records::OverrideRecord;
use crate::certification::sign::Key;
use crate::content::ContentSources;
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::{Message, Say};

#[derive(Debug, Default)]
pub struct Options {
    pub attempt: i64,
    pub call: Option<i64>,
    pub finding: Option<i64>,
    /// `accept` or `reject`.
    pub verdict: Option<String>,
    pub reason: Option<String>,
    pub reviewer: Option<String>,
    pub now: Option<DateTime>,
    pub db: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub key_file: Option<PathBuf>,
}

pub fn run(
    sources: &ContentSources,
    options: Options,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let path = options
        .db
        .clone()
        .unwrap_or_else(|| db::default_path(options.data_dir.clone()));
    let mut db = Db::open_existing(&path)?;
    let bundle = db.bundle(options.attempt)?;
    let say = Say::load(sources, ui);
    let Some(call) = options.call else {
        return list(&bundle, &say, out);
    };
    let usage = |what: &str| Error::usage("usage_review_needs", &[("what", what.to_string())]);
    let finding = options.finding.ok_or_else(|| usage("--finding"))?;
    let verdict = options.verdict.clone().ok_or_else(|| usage("--verdict"))?;
    if verdict != "accept" && verdict != "reject" {
        return Err(Error::usage("usage_verdict", &[("value", verdict)]));
    }
    let reason = options
        .reason
        .clone()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| Error::usage("usage_review_reason", &[]))?;
    let reviewer = options
        .reviewer
        .clone()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| usage("--reviewer"))?;
    let key = Key::load(options.key_file.as_deref())?;
    // Signing over altered records would launder them: check before adding anything.
    let altered = key.verify(&bundle);
    if !altered.is_empty() {
        return Err(Error::Tampered {
            records: altered
                .into_iter()
                .map(|what| {
                    let place = Message::new("altered_at").with("id", bundle.attempt.id);
                    (place, what)
                })
                .collect(),
        });
    }
    let record = bundle.calls.iter().find(|c| c.seq == call).ok_or_else(|| {
        Error::usage(
            "usage_no_call",
            &[
                ("attempt", bundle.attempt.id.to_string()),
                ("call", call.to_string()),
                ("count", bundle.calls.len().to_string()),
            ],
        )
    })?;
    let findings = record.grade().map(|g| g.findings).unwrap_or_default();
    let f = usize::try_from(finding)
        .ok()
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| findings.get(i))
        .ok_or_else(|| {
            Error::usage(
                "usage_no_finding",
                &[
                    ("call", call.to_string()),
                    ("attempt", bundle.attempt.id.to_string()),
                    ("count", findings.len().to_string()),
                ],
            )
        })?;
    let id = db.add_override(
        &OverrideRecord {
            id: 0,
            attempt: bundle.attempt.id,
            call,
            finding,
            rule: f.rule.clone(),
            turn: f.turn as i64,
            verdict: verdict.clone(),
            reason: reason.trim().to_string(),
            reviewer: reviewer.trim().to_string(),
            created: options
                .now
                .unwrap_or_else(crate::cli::default_now)
                .strftime("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            signature: String::new(),
        },
        &key,
    )?;
    let verdict = if verdict == "accept" {
        "verdict_accept"
    } else {
        "verdict_reject"
    };
    super::emit(
        out,
        &say.line(
            "review_recorded",
            &[
                ("id", id.to_string()),
                ("attempt", bundle.attempt.id.to_string()),
                ("call", call.to_string()),
                ("finding", finding.to_string()),
                ("rule", f.rule.clone()),
                ("turn", f.turn.to_string()),
                ("verdict", say.get(verdict).to_string()),
                ("reviewer", reviewer.trim().to_string()),
            ],
        ),
    )?;
    Ok(0)
}

fn list(
    bundle: &crate::certification::records::Bundle,
    say: &Say,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let a = &bundle.attempt;
    let mut s = say.line(
        "review_attempt",
        &[
            ("id", a.id.to_string()),
            ("trainee", a.trainee.clone()),
            ("exam", a.exam.clone()),
            ("started", a.started.clone()),
        ],
    );
    for c in &bundle.calls {
        s.push_str(&say.line(
            "review_call",
            &[("seq", c.seq.to_string()), ("scenario", c.scenario.clone())],
        ));
        for (i, f) in c
            .grade()
            .map(|g| g.findings)
            .unwrap_or_default()
            .iter()
            .enumerate()
        {
            let reviewed: Vec<String> = bundle
                .overrides
                .iter()
                .filter(|o| o.call == c.seq && o.finding as usize == i + 1)
                .map(|o| {
                    say.text(
                        "review_by",
                        &[
                            ("verdict", o.verdict.clone()),
                            ("reviewer", o.reviewer.clone()),
                        ],
                    )
                })
                .collect();
            let finding = say.text(
                "review_finding",
                &[
                    ("n", (i + 1).to_string()),
                    ("severity", f.severity.to_string()),
                    ("rule", f.rule.clone()),
                    ("turn", f.turn.to_string()),
                    ("quote", f.quote.clone()),
                ],
            );
            s.push_str(&format!("  {finding}{}\n", reviewed.concat()));
        }
    }
    s.push_str(&say.line("review_how", &[("id", a.id.to_string())]));
    super::emit(out, &s)?;
    Ok(0)
}
