//! `collectsim nlu-report`: how well the catalogue recognises lines, on itself (leave-one-out) and
//! on labelled sets.

use std::io::Write;
use std::path::PathBuf;

use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::Say;
use crate::report::table::pad;
use crate::understanding::Analyzer;
use crate::understanding::evaluation::{Report, evaluate, leave_one_out, load_set};

#[derive(Debug)]
pub struct Options {
    pub sets: Vec<PathBuf>,
    pub loo: bool,
    pub verbose: bool,
    pub json: bool,
    pub thresholds: Option<crate::understanding::analysis::Thresholds>,
}

pub fn run(
    sources: &ContentSources,
    options: Options,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let Options {
        sets,
        loo,
        verbose,
        json,
        thresholds,
    } = options;
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let say = Say::of(&pack, ui);
    let mut analyzer = Analyzer::new(&pack);
    if let Some(t) = thresholds {
        analyzer.thresholds = t;
    }
    let mut reports = Vec::new();
    for path in &sets {
        let set = load_set(path)?;
        reports.push((path.display().to_string(), evaluate(&analyzer, &set)?));
    }
    let loo_result = loo.then(|| {
        leave_one_out(
            &pack,
            crate::cli::parse_now("2026-11-28T14:00").unwrap_or_default(),
        )
    });
    if json {
        let value = serde_json::json!({
            "leave_one_out": loo_result.map(|(c, t)| serde_json::json!({"correct": c, "total": t})),
            "sets": reports.iter().map(|(p, r)| serde_json::json!({"path": p, "report": r})).collect::<Vec<_>>(),
        });
        super::emit_json(out, &value)?;
        return Ok(0);
    }
    if let Some((c, t)) = loo_result {
        let said = say.line(
            "nlu_leave_one_out",
            &[
                ("correct", c.to_string()),
                ("total", t.to_string()),
                ("percent", format!("{:.1}", pct(c, t))),
            ],
        );
        super::emit(out, &format!("{said}\n"))?;
    }
    for (path, r) in &reports {
        super::emit(out, &render(path, r, verbose, &say))?;
    }
    Ok(0)
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 {
        100.0
    } else {
        100.0 * f64::from(a) / f64::from(b)
    }
}

/// One set's report in the interface language; act and category ids stay as written.
pub fn render(path: &str, r: &Report, verbose: bool, say: &Say) -> String {
    let p = |x: f64| format!("{:.1}", x * 100.0);
    let line = |id: &'static str, values: &[(&str, String)]| say.line(id, values);
    let mut s = line(
        "nlu_set",
        &[("path", path.to_string()), ("lines", r.lines.to_string())],
    );
    for (id, values) in [
        (
            "nlu_acts",
            vec![("accuracy", p(r.act_accuracy)), ("exact", p(r.exact_match))],
        ),
        (
            "nlu_risky",
            vec![
                ("risky", r.risky_lines.to_string()),
                ("recall", p(r.risky_recall)),
                ("compliant", r.compliant_lines.to_string()),
                ("false_alarms", p(r.false_alarm_rate)),
            ],
        ),
        (
            "nlu_entities",
            vec![
                ("exact", r.entities_exact.to_string()),
                ("gold", r.entities_gold.to_string()),
                ("accuracy", p(r.entity_accuracy)),
                ("spurious", r.entities_spurious.to_string()),
            ],
        ),
    ] {
        s.push_str("  ");
        s.push_str(&line(id, &values));
    }
    for (lang, l) in &r.by_language {
        s.push_str("  ");
        s.push_str(&line(
            "nlu_language",
            &[
                ("lang", lang.to_string()),
                ("lines", l.lines.to_string()),
                ("acts", p(l.act_accuracy)),
                ("exact", p(l.exact_match)),
                ("risky", l.risky_lines.to_string()),
                ("recall", p(l.risky_recall)),
                ("compliant", l.compliant_lines.to_string()),
                ("false_alarms", p(l.false_alarm_rate)),
                ("entities", l.entities_gold.to_string()),
                ("entity_accuracy", p(l.entity_accuracy)),
            ],
        ));
    }
    // Tables: the first column padded by display width, so Chinese headings line up.
    let head = |id: &'static str, rest: &str| format!("  {}{rest}\n", pad(say.get(id), 28));
    s.push_str(&head("nlu_col_act", " prec    rec   (tp fp fn)"));
    for (act, c) in &r.per_act {
        s.push_str(&format!(
            "  {:<28} {:>5.1} {:>6.1}   ({} {} {})\n",
            act,
            c.precision() * 100.0,
            c.recall() * 100.0,
            c.tp,
            c.fp,
            c.fn_
        ));
    }
    s.push_str(&head("nlu_col_category", " recall  (tp fp fn)"));
    for (cat, c) in &r.per_category {
        s.push_str(&format!(
            "  {:<28} {:>6.1}   ({} {} {})\n",
            cat,
            c.recall() * 100.0,
            c.tp,
            c.fp,
            c.fn_
        ));
    }
    let mut conf: Vec<_> = r.confusions.iter().collect();
    conf.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    s.push_str("  ");
    s.push_str(&line("nlu_confusions", &[]));
    for (k, n) in conf.iter().take(12) {
        s.push_str(&format!("    {n:>3}  {k}\n"));
    }
    if verbose {
        for e in &r.errors {
            s.push_str(&format!("  ! {e}\n"));
        }
    }
    s.push('\n');
    s
}
