//! The attempt report as one self-contained HTML page: scores, per-dimension bars, each call's
//! mood timeline, findings with quotes and advice, and trainers' overrides. Every text escaped.

use super::markdown::status_key;
use super::svg::{self, Bar, PALETTE, Series, escape};
use super::view::{AttemptView, verdict_label};
use crate::call::Speaker;
use crate::content::raw::Dimension;
use crate::lang::Lang;
use crate::report::labels::Texts;

const STYLE: &str = "body{font-family:system-ui,'Noto Sans CJK SC','PingFang SC',sans-serif;margin:2rem auto;max-width:1100px;color:#111827;padding:0 1rem}\
h1{font-size:1.6rem}h2{font-size:1.25rem;margin-top:2rem;border-bottom:1px solid #e5e7eb}\
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #e5e7eb;padding:.25rem .6rem;text-align:left}\
.pass{color:#15803d;font-weight:700}.fail{color:#b91c1c;font-weight:700}\
.chart{display:block;margin:.75rem 0;font-size:12px;font-family:inherit}.chart-title{font-weight:700;font-size:13px}\
.finding{margin:.5rem 0;padding:.5rem .75rem;border-left:4px solid #d97706;background:#fffbeb}\
.finding.critical{border-color:#dc2626;background:#fef2f2}.quote{font-style:italic}\
.override{margin-top:.3rem;padding:.3rem .5rem;background:#eef2ff;border-left:3px solid #4f46e5}\
.meta{color:#4b5563;font-size:.9rem}details{margin:.5rem 0}";

/// A whole page around `body`.
pub fn page(title: &str, lang: Lang, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title><style>{STYLE}</style></head><body>\n{body}\n</body></html>\n",
        if lang == Lang::Zh { "zh-CN" } else { "en" },
        escape(title)
    )
}

fn verdict_span(words: &Texts, passed: bool, lang: Lang) -> String {
    format!(
        r#"<span class="{}">{}</span>"#,
        if passed { "pass" } else { "fail" },
        verdict_label(words, passed, lang)
    )
}

pub fn attempt(v: &AttemptView) -> String {
    let lang = v.lang;
    let l = |k| v.words.get(k, lang);
    let a = v.attempt;
    let title = format!("{} — {}", l("certificate"), a.exam_title);
    let mut b = format!("<h1>{}</h1>\n", escape(&title));
    b.push_str(&format!(
        "<table><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>#{} ({})</td></tr><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr><tr><th>{}</th><td>{}</td></tr></table>\n",
        l("trainee"),
        escape(&a.trainee),
        l("attempt"),
        a.id,
        escape(&a.exam),
        l("started"),
        escape(&a.started),
        l("finished"),
        escape(a.finished.as_deref().unwrap_or("—")),
        l("status"),
        l(status_key(&a.status)),
    ));
    b.push_str(&format!(
        "<p>{}{}</p>\n",
        verdict_span(&v.words, a.passed, lang),
        a.overall
            .map(|o| format!(" — {} {o:.1}", l("overall")))
            .unwrap_or_default()
    ));
    if let Some(scores) = &a.scores {
        let mark = |d: Dimension| {
            v.marks
                .as_ref()
                .and_then(|m| m.dimensions.iter().find(|(x, _)| *x == d).map(|(_, p)| *p))
        };
        let mut rows: Vec<Bar> = Dimension::ALL
            .iter()
            .enumerate()
            .map(|(i, d)| Bar {
                label: l(d.name()).to_string(),
                value: scores.get(*d),
                mark: mark(*d),
                color: PALETTE[i],
                note: None,
            })
            .collect();
        if let Some(o) = a.overall {
            rows.push(Bar {
                label: l("overall").to_string(),
                value: o,
                mark: v.marks.as_ref().map(|m| m.overall),
                color: PALETTE[4],
                note: None,
            });
        }
        b.push_str(&svg::bars(l("score"), &rows, 100.0));
        b.push('\n');
    }
    if !a.fail_reasons.is_empty() {
        b.push_str(&format!("<h3>{}</h3><ul>", l("why_failed")));
        for r in &a.fail_reasons {
            b.push_str(&format!("<li>{}</li>", escape(r)));
        }
        b.push_str("</ul>\n");
    }
    if let Some(r) = &v.reviewed {
        b.push_str(&format!(
            "<p>{}: {} — {} {:.1}</p>\n",
            l("reviewed"),
            verdict_span(&v.words, r.passed, lang),
            l("overall"),
            r.overall
        ));
    }
    if let Some(until) = &v.valid_until {
        b.push_str(&format!("<p>{}: {}</p>\n", l("valid_until"), escape(until)));
    }
    for c in &v.calls {
        let r = c.record;
        b.push_str(&format!(
            "<h2>{} {} — {} ({:.1}, {})</h2>\n",
            l("call"),
            r.seq,
            escape(&r.scenario),
            r.overall,
            l(status_key(&r.status))
        ));
        if !c.moods.is_empty() {
            let xs: Vec<String> = (1..=c.moods.len()).map(|i| i.to_string()).collect();
            b.push_str(&svg::lines(
                l("mood"),
                &xs,
                &[Series {
                    name: l("mood").to_string(),
                    color: PALETTE[5],
                    values: c.moods.iter().map(|m| Some(f64::from(*m))).collect(),
                }],
                -10.0,
                10.0,
            ));
            b.push('\n');
        }
        if let Some(g) = &c.grade {
            b.push_str(&format!("<h3>{}</h3>\n", l("findings")));
            if g.findings.is_empty() {
                b.push_str(&format!("<p>{}</p>\n", l("no_findings")));
            }
            for (i, f) in g.findings.iter().enumerate() {
                b.push_str(&format!(
                    "<div class=\"finding {sev}\"><b>{n}. [{sev}] {rule}</b> <span class=\"meta\">{turn} {t} · {dim} −{pts} · {cite}</span><div class=\"quote\">“{quote}”</div><div>{desc}</div><div>{advice_l}: {advice}</div>",
                    sev = escape(&f.severity),
                    n = i + 1,
                    rule = escape(&f.rule),
                    turn = l("turn"),
                    t = f.turn,
                    dim = escape(&f.dimension),
                    pts = f.points,
                    cite = escape(&f.citation),
                    quote = escape(&f.quote),
                    desc = escape(&f.description),
                    advice_l = l("advice"),
                    advice = escape(&f.advice),
                ));
                for o in c.overrides.iter().filter(|o| o.finding as usize == i + 1) {
                    b.push_str(&format!(
                        "<div class=\"override\">{}: <b>{}</b> {} {} ({}): {}</div>",
                        l("override"),
                        l(if o.verdict == "reject" {
                            "reject"
                        } else {
                            "accept"
                        }),
                        l("by"),
                        escape(&o.reviewer),
                        escape(&o.created),
                        escape(&o.reason)
                    ));
                }
                b.push_str("</div>\n");
            }
        }
        if !c.turns.is_empty() {
            b.push_str(&format!(
                "<details><summary>{}</summary><table>",
                l("transcript")
            ));
            for (n, (speaker, text)) in c.turns.iter().enumerate() {
                let who = match speaker {
                    Speaker::Agent => l("agent"),
                    Speaker::Borrower => l("borrower"),
                    Speaker::ThirdParty => l("third_party"),
                };
                b.push_str(&format!(
                    "<tr><td>{}</td><th>{who}</th><td>{}</td></tr>",
                    n + 1,
                    escape(text)
                ));
            }
            b.push_str("</table></details>\n");
        }
    }
    b.push_str(&format!(
        "<p class=\"meta\">{}: <code>{}</code> · {}: <code>{}</code></p>",
        l("exam_hash"),
        escape(&a.exam_hash),
        l("signature"),
        escape(&a.signature)
    ));
    page(&title, lang, &b)
}
