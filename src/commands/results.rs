//! `collectsim results`: the certification records: attempts, pass rates and trends (text,
//! `--json`, `--csv`), an HTML page (`--html`), signature checks (`--verify`) and re-grades
//! under the current rubric (`--regrade`).

use std::io::Write;
use std::path::PathBuf;

use serde::Serialize;

use crate::certification::cohort::{self, Cohort};
use crate::certification::db::{self, Db, Filter};
use crate::certification::records::Bundle;
use crate::certification::regrade::{Regrade, regrade};
use crate::certification::sign::Key;
use crate::certification::view::AttemptView;
use crate::certification::{html, markdown, take};
use crate::content::raw::Dimension;
use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::{Message, Say};
use crate::report::table::Table;
use crate::scoring::Scores;
use crate::understanding::Analyzer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text,
    Json,
    Csv,
}

#[derive(Debug, Default)]
pub struct Options {
    pub db: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub filter: Filter,
    pub format: Format,
    pub html: Option<PathBuf>,
    pub verify: bool,
    pub regrade: bool,
    pub key_file: Option<PathBuf>,
}

/// One attempt in `--json`.
#[derive(Serialize)]
struct Row<'a> {
    id: i64,
    trainee: &'a str,
    exam: &'a str,
    started: &'a str,
    finished: Option<&'a str>,
    status: &'a str,
    passed: bool,
    overall: Option<f64>,
    scores: Option<Scores>,
    fail_reasons: &'a [String],
    calls: usize,
    overrides: usize,
    exam_hash: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    regraded: Option<serde_json::Value>,
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
    let db = Db::open_existing(&path)?;
    let bundles = db.bundles(&options.filter)?;
    if options.verify {
        let key = Key::load(options.key_file.as_deref())?;
        let altered: Vec<(Message, Message)> = bundles
            .iter()
            .flat_map(|b| {
                let a = &b.attempt;
                let place = Message::new("altered_in_attempt")
                    .with("id", a.id)
                    .with("trainee", &a.trainee)
                    .with("exam", &a.exam)
                    .with("started", &a.started);
                key.verify(b)
                    .into_iter()
                    .map(move |what| (place.clone(), what))
            })
            .collect();
        if !altered.is_empty() {
            return Err(Error::Tampered { records: altered });
        }
    }
    // The library gives the words of the listing too; the records stay readable (in the
    // shipped words) when it does not load.
    let pack = content::load(sources).ok().and_then(|l| l.pack);
    let say = Say::of_or_shipped(pack.as_ref(), ui);
    if options.verify {
        super::emit(
            out,
            &say.line(
                "results_verified",
                &[
                    ("count", bundles.len().to_string()),
                    ("db", path.display().to_string()),
                ],
            ),
        )?;
        if options.html.is_none() && options.format == Format::Text && !options.regrade {
            return Ok(0);
        }
    }
    if options.regrade && pack.is_none() {
        return Err(Error::usage("usage_regrade_needs_content", &[]));
    }
    let regrades: Vec<Option<Result<Regrade, String>>> = match &pack {
        Some(p) if options.regrade => {
            let analyzer = Analyzer::new(p);
            bundles
                .iter()
                .map(|b| Some(regrade(p, &analyzer, b)))
                .collect()
        }
        _ => bundles.iter().map(|_| None).collect(),
    };
    if let Some(file) = &options.html {
        let page = match (options.filter.attempt, bundles.first()) {
            (Some(_), Some(b)) => html::attempt(&AttemptView::new(b, pack.as_ref())),
            _ => cohort::html(&bundles, &crate::certification::view::words(pack.as_ref())),
        };
        take::write_file(file, &page)?;
        super::emit(
            out,
            &say.line("wrote", &[("file", file.display().to_string())]),
        )?;
        if options.format == Format::Text {
            return Ok(0);
        }
    }
    match options.format {
        Format::Json => {
            let rows: Vec<Row> = bundles
                .iter()
                .zip(&regrades)
                .map(|(b, r)| row(b, r.as_ref()))
                .collect();
            super::emit_json(out, &rows)
        }
        Format::Csv => super::emit(out, &csv(&bundles, &regrades)),
        Format::Text => match (options.filter.attempt, bundles.first()) {
            (Some(_), Some(b)) => {
                let mut s = markdown::attempt(&AttemptView::new(b, pack.as_ref()));
                if let Some(Some(r)) = regrades.first() {
                    s.push_str(&regrade_line(b, r, &say));
                }
                super::emit(out, &s)
            }
            _ => super::emit(out, &text(&bundles, &regrades, &say)),
        },
    }?;
    Ok(0)
}

fn row<'a>(b: &'a Bundle, r: Option<&'a Result<Regrade, String>>) -> Row<'a> {
    let a = &b.attempt;
    Row {
        id: a.id,
        trainee: &a.trainee,
        exam: &a.exam,
        started: &a.started,
        finished: a.finished.as_deref(),
        status: &a.status,
        passed: a.passed,
        overall: a.overall,
        scores: a.scores,
        fail_reasons: &a.fail_reasons,
        calls: b.calls.len(),
        overrides: b.overrides.len(),
        exam_hash: &a.exam_hash,
        regraded: r.map(|r| match r {
            Ok(r) => serde_json::to_value(r).unwrap_or_default(),
            Err(e) => serde_json::json!({ "error": e }),
        }),
    }
}

fn regrade_line(b: &Bundle, r: &Result<Regrade, String>, say: &Say) -> String {
    let a = &b.attempt;
    let verdict = |passed: bool| {
        say.get(if passed { "passed" } else { "not_passed" })
            .to_string()
    };
    let line = match r {
        Ok(r) => say.line(
            "results_regraded",
            &[
                ("result", verdict(r.passed)),
                ("overall", format!("{:.1}", r.overall)),
                ("original", verdict(a.passed)),
                ("original_overall", score(a.overall)),
            ],
        ),
        Err(e) => say.line("cannot_regrade", &[("error", e.clone())]),
    };
    format!("\n{line}")
}

fn score(o: Option<f64>) -> String {
    o.map_or("—".to_string(), |o| format!("{o:.1}"))
}

fn text(bundles: &[Bundle], regrades: &[Option<Result<Regrade, String>>], say: &Say) -> String {
    if bundles.is_empty() {
        return say.line("results_none", &[]);
    }
    let regrading = regrades.iter().any(Option::is_some);
    let passed = |p: bool| say.get(if p { "passed" } else { "failed" }).to_string();
    let header = [
        "col_id",
        "col_trainee",
        "col_exam",
        "col_started",
        "col_status",
        "col_overall",
        "col_result",
        "col_reviews",
    ]
    .map(|id| say.get(id));
    let mut table = if regrading {
        let [a, b, c, d, e, f, g, h] = header;
        Table::new([a, b, c, d, e, f, g, h, say.get("col_regraded")])
    } else {
        Table::new(header)
    };
    for (b, r) in bundles.iter().zip(regrades) {
        let a = &b.attempt;
        let cells = [
            a.id.to_string(),
            a.trainee.clone(),
            a.exam.clone(),
            a.started.replace('T', " ").chars().take(16).collect(),
            a.status.clone(),
            score(a.overall),
            passed(a.passed),
            b.overrides.len().to_string(),
        ];
        if regrading {
            let [a, b, c, d, e, f, g, h] = cells;
            let again = match r {
                Some(Ok(r)) => format!("{:.1} {}", r.overall, passed(r.passed)),
                _ => "n/a".to_string(),
            };
            table.row([a, b, c, d, e, f, g, h, again]);
        } else {
            table.row(cells);
        }
    }
    let mut s = table.render();
    let c = Cohort::of(bundles);
    s.push('\n');
    s.push_str(&say.line("results_pass_rates", &[]));
    for r in &c.pass_rates {
        s.push_str("  ");
        s.push_str(&say.line(
            "results_pass_rate",
            &[
                ("exam", r.exam.clone()),
                ("passed", r.passed.to_string()),
                ("attempts", r.attempts.to_string()),
                ("percent", format!("{:.1}", r.percent())),
                ("trainees", r.trainees.to_string()),
            ],
        ));
    }
    s.push('\n');
    s.push_str(&say.line("results_trends", &[]));
    for t in &c.trends {
        s.push_str("  ");
        s.push_str(&say.text(
            "results_trend",
            &[
                ("trainee", t.trainee.clone()),
                ("exam", t.exam.clone()),
                ("attempts", t.attempts.to_string()),
            ],
        ));
        if t.passed {
            s.push_str(say.get("results_trend_passed"));
        }
        s.push('\n');
        for d in Dimension::ALL {
            s.push_str(&format!("    {:<13}{}\n", d.name(), cohort::change(t, d)));
        }
    }
    for (b, r) in bundles.iter().zip(regrades) {
        if let Some(Err(e)) = r {
            s.push_str(&say.line(
                "results_cannot_regrade",
                &[("id", b.attempt.id.to_string()), ("error", e.clone())],
            ));
        }
    }
    s
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn csv(bundles: &[Bundle], regrades: &[Option<Result<Regrade, String>>]) -> String {
    let mut s = String::from(
        "id,trainee,exam,started,finished,status,passed,overall,verification,accuracy,tone,compliance,calls,overrides,regraded_overall,regraded_passed\n",
    );
    for (b, r) in bundles.iter().zip(regrades) {
        let a = &b.attempt;
        let dim = |d: Dimension| a.scores.map(|s| s.get(d).to_string()).unwrap_or_default();
        let (ro, rp) = match r {
            Some(Ok(r)) => (r.overall.to_string(), r.passed.to_string()),
            _ => (String::new(), String::new()),
        };
        let fields = [
            a.id.to_string(),
            a.trainee.clone(),
            a.exam.clone(),
            a.started.clone(),
            a.finished.clone().unwrap_or_default(),
            a.status.clone(),
            a.passed.to_string(),
            a.overall.map(|o| o.to_string()).unwrap_or_default(),
            dim(Dimension::Verification),
            dim(Dimension::Accuracy),
            dim(Dimension::Tone),
            dim(Dimension::Compliance),
            b.calls.len().to_string(),
            b.overrides.len().to_string(),
            ro,
            rp,
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        s.push_str(&line.join(","));
        s.push('\n');
    }
    s
}
