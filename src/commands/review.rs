//! `collectsim review ATTEMPT`: a trainer's verdict on a finding, stored beside the automatic one
//! and signed; without `--call`, the attempt's findings with the numbers to review them by.

use std::io::Write;
use std::path::PathBuf;

use jiff::civil::DateTime;

use crate::certification::db::{self, Db};
use crate::certification::records::OverrideRecord;
use crate::certification::sign::Key;
use crate::error::Error;

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

pub fn run(options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    let path = options
        .db
        .clone()
        .unwrap_or_else(|| db::default_path(options.data_dir.clone()));
    let mut db = Db::open_existing(&path)?;
    let bundle = db.bundle(options.attempt)?;
    let Some(call) = options.call else {
        return list(&bundle, out);
    };
    let usage = |what: &str| {
        Error::Usage(format!(
            "review needs {what}: --call N --finding N --verdict accept|reject --reason TEXT --reviewer NAME"
        ))
    };
    let finding = options.finding.ok_or_else(|| usage("--finding"))?;
    let verdict = options.verdict.clone().ok_or_else(|| usage("--verdict"))?;
    if verdict != "accept" && verdict != "reject" {
        return Err(Error::Usage(format!(
            "--verdict `{verdict}`: use `accept` (the finding stands) or `reject` (it was wrong)"
        )));
    }
    let reason = options
        .reason
        .clone()
        .filter(|r| !r.trim().is_empty())
        .ok_or_else(|| usage("a --reason (kept with the override for audit)"))?;
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
                .iter()
                .map(|a| format!("attempt {}: {a}", bundle.attempt.id))
                .collect(),
        });
    }
    let record = bundle.calls.iter().find(|c| c.seq == call).ok_or_else(|| {
        Error::Usage(format!(
            "attempt {} has no call {call}; it has {} call(s)",
            bundle.attempt.id,
            bundle.calls.len()
        ))
    })?;
    let findings = record.grade().map(|g| g.findings).unwrap_or_default();
    let f = usize::try_from(finding)
        .ok()
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| findings.get(i))
        .ok_or_else(|| {
            Error::Usage(format!(
                "call {call} of attempt {} has {} finding(s); --finding takes 1 to {}; `collectsim review {}` lists them",
                bundle.attempt.id,
                findings.len(),
                findings.len(),
                bundle.attempt.id
            ))
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
    super::emit(
        out,
        &format!(
            "override {id} recorded and signed: attempt {} call {call} finding {finding} ({}, turn {}) {verdict}ed by {}\n",
            bundle.attempt.id,
            f.rule,
            f.turn,
            reviewer.trim()
        ),
    )?;
    Ok(0)
}

fn list(bundle: &crate::certification::records::Bundle, out: &mut dyn Write) -> Result<i32, Error> {
    let a = &bundle.attempt;
    let mut s = format!(
        "attempt {} · {} · {} · started {}\n",
        a.id, a.trainee, a.exam, a.started
    );
    for c in &bundle.calls {
        s.push_str(&format!("call {} ({})\n", c.seq, c.scenario));
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
                .map(|o| format!(" [{} by {}]", o.verdict, o.reviewer))
                .collect();
            s.push_str(&format!(
                "  finding {}: [{}] {} turn {} “{}”{}\n",
                i + 1,
                f.severity,
                f.rule,
                f.turn,
                f.quote,
                reviewed.concat()
            ));
        }
    }
    s.push_str(&format!(
        "review one with: collectsim review {} --call N --finding N --verdict accept|reject --reason TEXT --reviewer NAME\n",
        a.id
    ));
    super::emit(out, &s)?;
    Ok(0)
}
