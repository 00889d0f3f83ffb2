//! The cohort: pass rates per exam, each trainee's trend per dimension, the rules most often
//! broken, and the cohort page that charts them.

use std::collections::BTreeMap;

use super::html::page;
use super::records::{Bundle, COMPLETED};
use super::svg::{self, Bar, PALETTE, Series, escape};
use crate::content::raw::Dimension;
use crate::lang::Lang;
use crate::report::labels::Texts;
use crate::scoring::Scores;

#[derive(Debug, Clone, serde::Serialize)]
pub struct PassRate {
    pub exam: String,
    pub attempts: usize,
    pub passed: usize,
    pub trainees: usize,
}

impl PassRate {
    pub fn percent(&self) -> f64 {
        if self.attempts == 0 {
            0.0
        } else {
            (self.passed as f64 / self.attempts as f64 * 1000.0).round() / 10.0
        }
    }
}

/// One trainee on one exam: first and latest scored attempt.
#[derive(Debug, Clone)]
pub struct Trend {
    pub trainee: String,
    pub exam: String,
    pub attempts: usize,
    pub passed: bool,
    pub first: Option<Scores>,
    pub latest: Option<Scores>,
}

pub struct Cohort {
    pub pass_rates: Vec<PassRate>,
    pub trends: Vec<Trend>,
    /// (rule, times broken), most first.
    pub broken: Vec<(String, usize)>,
    /// Per month `YYYY-MM`: mean scores of the completed attempts started then.
    pub by_month: Vec<(String, Scores)>,
}

impl Cohort {
    pub fn of(bundles: &[Bundle]) -> Cohort {
        let mut rates: BTreeMap<&str, (usize, usize, Vec<&str>)> = BTreeMap::new();
        let mut trends: BTreeMap<(&str, &str), Trend> = BTreeMap::new();
        let mut broken: BTreeMap<String, usize> = BTreeMap::new();
        let mut months: BTreeMap<String, Vec<Scores>> = BTreeMap::new();
        for b in bundles {
            let a = &b.attempt;
            let r = rates.entry(&a.exam).or_default();
            r.0 += 1;
            r.1 += usize::from(a.passed);
            if !r.2.contains(&a.trainee.as_str()) {
                r.2.push(&a.trainee);
            }
            let t = trends
                .entry((&a.trainee, &a.exam))
                .or_insert_with(|| Trend {
                    trainee: a.trainee.clone(),
                    exam: a.exam.clone(),
                    attempts: 0,
                    passed: false,
                    first: None,
                    latest: None,
                });
            t.attempts += 1;
            t.passed |= a.passed;
            if a.status == COMPLETED
                && let Some(s) = a.scores
            {
                t.first.get_or_insert(s);
                t.latest = Some(s);
                months
                    .entry(a.started.get(..7).unwrap_or(&a.started).to_string())
                    .or_default()
                    .push(s);
            }
            for c in &b.calls {
                if let Some(g) = c.grade() {
                    for f in g.findings {
                        *broken.entry(f.rule).or_default() += 1;
                    }
                }
            }
        }
        let mut broken: Vec<(String, usize)> = broken.into_iter().collect();
        broken.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        Cohort {
            pass_rates: rates
                .into_iter()
                .map(|(exam, (attempts, passed, trainees))| PassRate {
                    exam: exam.to_string(),
                    attempts,
                    passed,
                    trainees: trainees.len(),
                })
                .collect(),
            trends: trends.into_values().collect(),
            broken,
            by_month: months
                .into_iter()
                .map(|(m, list)| (m, mean(&list)))
                .collect(),
        }
    }
}

fn mean(list: &[Scores]) -> Scores {
    let n = list.len().max(1) as f64;
    let avg = |d: Dimension| (list.iter().map(|s| s.get(d)).sum::<f64>() / n * 10.0).round() / 10.0;
    Scores {
        verification: avg(Dimension::Verification),
        accuracy: avg(Dimension::Accuracy),
        tone: avg(Dimension::Tone),
        compliance: avg(Dimension::Compliance),
    }
}

/// `70.0 → 85.0 (+15.0)` for one dimension of a trend.
pub fn change(t: &Trend, d: Dimension) -> String {
    match (t.first, t.latest) {
        (Some(f), Some(l)) => format!(
            "{:.1} → {:.1} ({:+.1})",
            f.get(d),
            l.get(d),
            l.get(d) - f.get(d)
        ),
        _ => "—".to_string(),
    }
}

/// The cohort page: pass rates, the most broken rules and the per-dimension trend as inline SVG,
/// then the per-trainee table.
pub fn html(bundles: &[Bundle], words: &Texts) -> String {
    let cohort = Cohort::of(bundles);
    let lang = if !bundles.is_empty() && bundles.iter().all(|b| b.attempt.lang == "zh") {
        Lang::Zh
    } else {
        Lang::En
    };
    let t = |id: &str| words.get(id, lang);
    let title = t("cohort");
    let trainees: std::collections::BTreeSet<&str> =
        bundles.iter().map(|b| b.attempt.trainee.as_str()).collect();
    let passed = bundles.iter().filter(|b| b.attempt.passed).count();
    let percent = if bundles.is_empty() {
        0.0
    } else {
        passed as f64 * 100.0 / bundles.len() as f64
    };
    let summary = words.fill(
        "cohort_summary",
        lang,
        &[
            ("attempts", bundles.len().to_string()),
            ("trainees", trainees.len().to_string()),
            ("passed", passed.to_string()),
            ("percent", format!("{percent:.1}")),
        ],
    );
    let mut body = format!("<h1>{}</h1>\n<p>{}</p>\n", escape(title), escape(&summary));
    let rates: Vec<Bar> = cohort
        .pass_rates
        .iter()
        .enumerate()
        .map(|(i, r)| Bar {
            label: r.exam.clone(),
            value: r.percent(),
            mark: None,
            color: PALETTE[i % PALETTE.len()],
            note: Some(format!("{:.1}% ({}/{})", r.percent(), r.passed, r.attempts)),
        })
        .collect();
    body.push_str(&format!("<h2>{}</h2>\n", t("pass_rates")));
    body.push_str(&svg::bars(t("pass_rate_chart"), &rates, 100.0));
    body.push_str(&format!("\n<h2>{}</h2>\n", t("most_broken")));
    let top: Vec<Bar> = cohort
        .broken
        .iter()
        .take(12)
        .map(|(rule, n)| Bar {
            label: rule.clone(),
            value: *n as f64,
            mark: None,
            color: PALETTE[3],
            note: Some(n.to_string()),
        })
        .collect();
    let most = cohort.broken.first().map_or(1.0, |(_, n)| *n as f64);
    if top.is_empty() {
        body.push_str(&format!("<p>{}</p>", t("no_findings")));
    } else {
        body.push_str(&svg::bars(t("findings_chart"), &top, most));
    }
    body.push_str(&format!("\n<h2>{}</h2>\n", t("trend")));
    let months: Vec<String> = cohort.by_month.iter().map(|(m, _)| m.clone()).collect();
    let series: Vec<Series> = Dimension::ALL
        .iter()
        .enumerate()
        .map(|(i, d)| Series {
            name: t(d.name()).to_string(),
            color: PALETTE[i],
            values: cohort
                .by_month
                .iter()
                .map(|(_, s)| Some(s.get(*d)))
                .collect(),
        })
        .collect();
    body.push_str(&svg::lines(t("trend_chart"), &months, &series, 0.0, 100.0));
    body.push_str(&format!(
        "\n<h2>{}</h2>\n<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>",
        t("trainees"),
        t("trainee"),
        t("exam"),
        t("attempts"),
        t("passed_column"),
    ));
    for d in Dimension::ALL {
        body.push_str(&format!("<th>{}</th>", t(d.name())));
    }
    body.push_str("</tr>\n");
    for tr in &cohort.trends {
        body.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td>",
            escape(&tr.trainee),
            escape(&tr.exam),
            tr.attempts,
            words.yes_no(tr.passed, lang)
        ));
        for d in Dimension::ALL {
            body.push_str(&format!("<td>{}</td>", escape(&change(tr, d))));
        }
        body.push_str("</tr>\n");
    }
    body.push_str("</table>\n");
    page(title, lang, &body)
}
