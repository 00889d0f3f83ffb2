//! The attempt report in Markdown: what `certify` prints at the end and `results --attempt`
//! shows; the HTML page carries the same content with charts.

use super::view::{AttemptView, verdict_label};
use crate::content::raw::Dimension;

/// Markdown-safe inline text: no line breaks, table pipes and emphasis characters escaped.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

pub fn attempt(v: &AttemptView) -> String {
    let l = |k| v.words.get(k, v.lang);
    let a = v.attempt;
    let mut s = format!("# {} — {}\n\n", l("certificate"), md(&a.exam_title));
    s.push_str(&format!(
        "- {}: {}\n- {}: #{} ({})\n- {}: {}\n- {}: {}\n- {}: {}\n\n",
        l("trainee"),
        md(&a.trainee),
        l("attempt"),
        a.id,
        md(&a.exam),
        l("started"),
        a.started,
        l("finished"),
        a.finished.as_deref().unwrap_or("—"),
        l("status"),
        l(status_key(&a.status)),
    ));
    s.push_str(&format!(
        "**{}**{}\n\n",
        verdict_label(&v.words, a.passed, v.lang),
        a.overall
            .map(|o| format!(
                " — {} {o:.1}{}",
                l("overall"),
                mark(v.marks.as_ref().map(|m| m.overall))
            ))
            .unwrap_or_default()
    ));
    if let Some(scores) = &a.scores {
        s.push_str(&format!(
            "| {} | {} | {} |\n|---|---:|---:|\n",
            l("dimension"),
            l("score"),
            l("pass_mark")
        ));
        for d in Dimension::ALL {
            let pass = v
                .marks
                .as_ref()
                .and_then(|m| m.dimensions.iter().find(|(x, _)| *x == d).map(|(_, p)| *p));
            s.push_str(&format!(
                "| {} | {:.1} | {} |\n",
                l(d.name()),
                scores.get(d),
                pass.map(|p| format!("{p:.0}"))
                    .unwrap_or_else(|| "—".into())
            ));
        }
        s.push('\n');
    }
    if !a.fail_reasons.is_empty() {
        s.push_str(&format!("{}:\n", l("why_failed")));
        for r in &a.fail_reasons {
            s.push_str(&format!("- {}\n", md(r)));
        }
        s.push('\n');
    }
    if let Some(r) = &v.reviewed {
        s.push_str(&format!(
            "{}: **{}** — {} {:.1}\n\n",
            l("reviewed"),
            verdict_label(&v.words, r.passed, v.lang),
            l("overall"),
            r.overall
        ));
    }
    if let Some(until) = &v.valid_until {
        s.push_str(&format!("{}: {until}\n\n", l("valid_until")));
    }
    for c in &v.calls {
        let r = c.record;
        s.push_str(&format!(
            "## {} {} — {} ({:.1}, {})\n\n",
            l("call"),
            r.seq,
            md(&r.scenario),
            r.overall,
            l(status_key(&r.status))
        ));
        let Some(g) = &c.grade else { continue };
        if g.findings.is_empty() {
            s.push_str(&format!("{}\n\n", l("no_findings")));
        }
        for (i, f) in g.findings.iter().enumerate() {
            s.push_str(&format!(
                "{}. [{}] `{}` ({} {}, {} −{}): “{}”\n   {}: {}\n",
                i + 1,
                f.severity,
                f.rule.replace('`', "'"),
                l("turn"),
                f.turn,
                f.dimension,
                f.points,
                md(&f.quote),
                l("advice"),
                md(&f.advice)
            ));
            for o in c.overrides.iter().filter(|o| o.finding as usize == i + 1) {
                s.push_str(&format!(
                    "   {}: {} {} {} ({}): {}\n",
                    l("override"),
                    l(if o.verdict == "reject" {
                        "reject"
                    } else {
                        "accept"
                    }),
                    l("by"),
                    md(&o.reviewer),
                    o.created,
                    md(&o.reason)
                ));
            }
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "{}: `{}` · {}: `{}`\n",
        l("exam_hash"),
        a.exam_hash,
        l("signature"),
        a.signature.get(..16).unwrap_or(&a.signature)
    ));
    s
}

fn mark(m: Option<f64>) -> String {
    m.map(|m| format!(" (≥ {m:.0})")).unwrap_or_default()
}

pub fn status_key(status: &str) -> &'static str {
    match status {
        super::records::COMPLETED => "completed",
        super::records::ABANDONED => "abandoned",
        _ => "in_progress",
    }
}
