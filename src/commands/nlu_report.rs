//! `collectsim nlu-report`: how well the catalogue recognises lines, on itself (leave-one-out) and
//! on labelled sets.

use std::io::Write;
use std::path::PathBuf;

use crate::content::{self, ContentSources};
use crate::error::Error;
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

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    let Options {
        sets,
        loo,
        verbose,
        json,
        thresholds,
    } = options;
    let pack = content::load::pack_or_error(content::load(sources)?)?;
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
        super::emit(
            out,
            &format!("catalogue leave-one-out: {c}/{t} = {:.1}%\n\n", pct(c, t)),
        )?;
    }
    for (path, r) in &reports {
        super::emit(out, &render(path, r, verbose))?;
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

pub fn render(path: &str, r: &Report, verbose: bool) -> String {
    let mut s = format!("{path}: {} lines\n", r.lines);
    s.push_str(&format!(
        "  act accuracy (multi-label): {:.1}%   exact act set: {:.1}%\n",
        r.act_accuracy * 100.0,
        r.exact_match * 100.0
    ));
    s.push_str(&format!(
        "  risky lines: {} recall {:.1}%   compliant lines: {} false alarms {:.1}%\n",
        r.risky_lines,
        r.risky_recall * 100.0,
        r.compliant_lines,
        r.false_alarm_rate * 100.0
    ));
    s.push_str(&format!(
        "  entities: {}/{} exact = {:.1}%   spurious: {}\n",
        r.entities_exact,
        r.entities_gold,
        r.entity_accuracy * 100.0,
        r.entities_spurious
    ));
    for (lang, l) in &r.by_language {
        s.push_str(&format!(
            "  {lang}: {} lines, acts {:.1}% exact {:.1}%, risky {} recall {:.1}%, compliant {} false alarms {:.1}%, entities {} exact {:.1}%\n",
            l.lines,
            l.act_accuracy * 100.0,
            l.exact_match * 100.0,
            l.risky_lines,
            l.risky_recall * 100.0,
            l.compliant_lines,
            l.false_alarm_rate * 100.0,
            l.entities_gold,
            l.entity_accuracy * 100.0
        ));
    }
    s.push_str("  act                          prec    rec   (tp fp fn)\n");
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
    s.push_str("  risk category                recall  (tp fp fn)\n");
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
    s.push_str("  most frequent confusions (gold -> predicted instead):\n");
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
