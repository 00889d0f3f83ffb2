//! `collectsim analyze`: what the analyser makes of each line, as text or one JSON object a line.

use std::io::{BufRead, Write};

use jiff::civil::DateTime;

use crate::content::{self, ContentSources};
use crate::error::Error;
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::report::debrief::number;
use crate::report::messages::Say;
use crate::report::table::pad;
use crate::understanding::{Analysis, Analyzer};

#[derive(Debug)]
pub struct Options {
    pub lang: Option<Lang>,
    pub now: DateTime,
    pub json: bool,
    pub explain: bool,
    pub texts: Vec<String>,
}

pub fn run(
    sources: &ContentSources,
    options: Options,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let analyzer = Analyzer::new(&pack);
    let say = Say::of(&pack, ui);
    let one = |text: &str, out: &mut dyn Write| -> Result<(), Error> {
        let lang = options.lang.unwrap_or_else(|| Lang::detect(text));
        let analysis = if options.explain {
            analyzer.explain(text, lang, options.now)
        } else {
            analyzer.analyze(text, lang, options.now)
        };
        if options.json {
            let mut line =
                serde_json::to_string(&analysis).map_err(|e| Error::Output(e.to_string()))?;
            line.push('\n');
            super::emit(out, &line)
        } else {
            super::emit(out, &render(&analysis, options.explain, &say))
        }
    };
    if options.texts.is_empty() {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let line = line.map_err(|e| Error::Input {
                path: "<stdin>".to_string(),
                message: crate::report::messages::Message::new("input_line").with("reason", e),
            })?;
            if !line.trim().is_empty() {
                one(&line, out)?;
            }
        }
    } else {
        for text in &options.texts {
            one(text, out)?;
        }
    }
    Ok(0)
}

/// The line, its acts, entities and risk findings under labels aligned by display width; with
/// `explain`, the analyser's trace for authors; act, rule and category ids stay as written.
pub fn render(a: &Analysis, explain: bool, say: &Say) -> String {
    let labels = ["analyze_acts", "analyze_entities", "analyze_risk"].map(|id| say.get(id));
    let width = labels.iter().map(|l| l.width()).max().unwrap_or(0) + 2;
    let [acts_label, entities_label, risk_label] = labels.map(|l| pad(&format!("{l}:"), width));
    let mut s = format!("> {}\n", a.text);
    let acts: Vec<String> = if a.unclear {
        vec![say.get("analyze_unclear").to_string()]
    } else {
        a.reported_acts()
            .map(|h| format!("{} ({:.2})", h.act, h.confidence))
            .collect()
    };
    s.push_str(&format!("  {acts_label}{}\n", acts.join(", ")));
    if !a.entities.is_empty() {
        let list: Vec<String> = a
            .entities
            .iter()
            .map(|e| {
                let kind = serde_json::to_value(e.kind)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default();
                // A duration's value is in days; the spoken figure and unit go first ("6个月"
                // is 6 month, 180 days), or the days read as months.
                let value = match (e.unit, e.amount, e.value.as_f64()) {
                    (Some("day"), Some(_), Some(days)) => {
                        say.text("analyze_days", &[("days", number(days))])
                    }
                    (Some(unit), Some(amount), Some(days)) => say.text(
                        "analyze_in_units",
                        &[
                            ("amount", number(amount)),
                            ("unit", unit.to_string()),
                            ("days", number(days)),
                        ],
                    ),
                    _ => match e.currency {
                        Some(c) => format!("{} {c}", e.value),
                        None => e.value.to_string(),
                    },
                };
                format!("{kind} \"{}\" = {value}", e.text)
            })
            .collect();
        s.push_str(&format!("  {entities_label}{}\n", list.join("; ")));
    }
    for f in &a.findings {
        s.push_str(&format!(
            "  {risk_label}{} [{}, {}] \"{}\"\n",
            f.rule,
            f.category.name(),
            f.severity.name(),
            f.evidence
        ));
    }
    if explain {
        let line = |id: &'static str, values: &[(&str, String)]| say.line(id, values);
        s.push_str("  ");
        s.push_str(&line(
            "explain_normalised",
            &[("text", a.normalized.clone())],
        ));
        for (i, c) in a.trace.iter().enumerate() {
            s.push_str("  ");
            s.push_str(&line(
                "explain_clause",
                &[("n", (i + 1).to_string()), ("text", c.masked.clone())],
            ));
            for cue in &c.cues {
                let mark = if cue.negated {
                    say.get("explain_negated")
                } else if cue.quoted {
                    say.get("explain_quoted")
                } else {
                    ""
                };
                let said = say.text(
                    "explain_cue",
                    &[("act", cue.act.clone()), ("cue", cue.cue.clone())],
                );
                s.push_str(&format!("    {said}{mark}\n"));
            }
            for n in &c.nearest {
                s.push_str("    ");
                s.push_str(&line(
                    "explain_near",
                    &[
                        ("score", format!("{:.3}", n.score)),
                        ("act", n.act.clone()),
                        ("example", n.example.clone().unwrap_or_else(|| "-".into())),
                    ],
                ));
            }
        }
        if !a.judged.is_empty() {
            let view: Vec<String> = a
                .judged
                .iter()
                .map(|(act, p)| format!("{act} {p:.2}"))
                .collect();
            s.push_str("  ");
            s.push_str(&line("explain_model", &[("acts", view.join(", "))]));
        }
    }
    s
}
