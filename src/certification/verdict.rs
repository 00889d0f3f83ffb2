//! Passing an exam: the calls' scores averaged, against the exam's pass marks, with any critical
//! finding failing the attempt when the exam says so. Also the verdict after a trainer's review
//! (rejected findings give their points back).

use crate::content::raw::{Dimension, Exam, Rubric, Severity};
use crate::lang::Lang;
use crate::report::labels::Texts;
use crate::scoring::{Grade, Scores};

use super::records::{OverrideRecord, StoredGrade};

/// An exam's pass marks.
#[derive(Debug, Clone)]
pub struct Marks {
    pub overall: f64,
    pub dimensions: Vec<(Dimension, f64)>,
    pub critical_fail: bool,
}

impl Marks {
    pub fn of(exam: &Exam) -> Marks {
        Marks {
            overall: exam.pass.overall.value,
            dimensions: exam
                .pass
                .dimensions
                .iter()
                .map(|(d, m)| (*d, m.value))
                .collect(),
            critical_fail: exam.critical_fail,
        }
    }
}

/// One call's part in the verdict.
#[derive(Debug, Clone)]
pub struct CallScore {
    pub scores: Scores,
    pub overall: f64,
    /// Each critical finding.
    pub criticals: Vec<Critical>,
}

/// A critical finding: its rule, call and turn.
#[derive(Debug, Clone, PartialEq)]
pub struct Critical {
    pub rule: String,
    pub call: usize,
    pub turn: usize,
}

impl CallScore {
    pub fn of_grade(seq: usize, g: &Grade) -> CallScore {
        CallScore {
            scores: g.scores,
            overall: g.overall,
            criticals: g
                .findings
                .iter()
                .filter(|f| f.severity == Severity::Critical)
                .map(|f| critical(&f.rule, seq, f.turn))
                .collect(),
        }
    }

    /// The call's score with the findings a trainer rejected taken out, recomputed as the grader
    /// does (100 - points lost + credits, clamped; overall weighted by the rubric).
    pub fn reviewed(
        seq: usize,
        g: &StoredGrade,
        overrides: &[&OverrideRecord],
        rubric: &Rubric,
    ) -> CallScore {
        let rejected = |i: usize| {
            overrides
                .iter()
                .rev() // the latest review of a finding decides
                .find(|o| o.finding as usize == i + 1)
                .is_some_and(|o| o.verdict == "reject")
        };
        let kept: Vec<_> = g
            .findings
            .iter()
            .enumerate()
            .filter(|(i, _)| !rejected(*i))
            .map(|(_, f)| f)
            .collect();
        let mut scores = Scores::from(g.scores);
        for d in Dimension::ALL {
            let lost: f64 = kept
                .iter()
                .filter(|f| f.dimension == d.name())
                .map(|f| f.points)
                .sum();
            let gained: f64 = g
                .credits
                .iter()
                .filter(|c| c.dimension == d.name())
                .map(|c| c.points)
                .sum();
            scores.set(d, round1((100.0 - lost + gained).clamp(0.0, 100.0)));
        }
        let total: f64 = rubric.weights.values().map(|w| w.value.max(0.0)).sum();
        let overall = if total > 0.0 {
            round1(
                rubric
                    .weights
                    .iter()
                    .map(|(d, w)| scores.get(*d) * w.value.max(0.0))
                    .sum::<f64>()
                    / total,
            )
        } else {
            g.overall
        };
        CallScore {
            scores,
            overall,
            criticals: kept
                .iter()
                .filter(|f| f.severity == Severity::Critical.name())
                .map(|f| critical(&f.rule, seq, f.turn))
                .collect(),
        }
    }
}

fn critical(rule: &str, call: usize, turn: usize) -> Critical {
    Critical {
        rule: rule.to_string(),
        call,
        turn,
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub passed: bool,
    pub overall: f64,
    pub scores: Scores,
    pub fail_reasons: Vec<String>,
}

/// The attempt's verdict from its calls; `planned` calls must all have been taken. The reasons
/// are said in `lang` with the library's `certificate:` words.
pub fn decide(
    marks: &Marks,
    calls: &[CallScore],
    planned: usize,
    words: &Texts,
    lang: Lang,
) -> Verdict {
    let n = calls.len().max(1) as f64;
    let mean = |f: &dyn Fn(&CallScore) -> f64| round1(calls.iter().map(f).sum::<f64>() / n);
    let scores = Scores {
        verification: mean(&|c| c.scores.verification),
        accuracy: mean(&|c| c.scores.accuracy),
        tone: mean(&|c| c.scores.tone),
        compliance: mean(&|c| c.scores.compliance),
    };
    let overall = mean(&|c| c.overall);
    let mut fail_reasons = Vec::new();
    if calls.len() < planned {
        fail_reasons.push(words.fill(
            "reason_abandoned",
            lang,
            &[
                ("done", calls.len().to_string()),
                ("planned", planned.to_string()),
            ],
        ));
    }
    if overall < marks.overall {
        fail_reasons.push(words.fill(
            "reason_overall",
            lang,
            &[
                ("score", overall.to_string()),
                ("min", marks.overall.to_string()),
            ],
        ));
    }
    for (d, min) in &marks.dimensions {
        if scores.get(*d) < *min {
            fail_reasons.push(words.fill(
                "reason_dimension",
                lang,
                &[
                    ("dimension", words.get(d.name(), lang).to_string()),
                    ("score", scores.get(*d).to_string()),
                    ("min", min.to_string()),
                ],
            ));
        }
    }
    if marks.critical_fail {
        for c in calls.iter().flat_map(|c| &c.criticals) {
            fail_reasons.push(words.fill(
                "reason_critical",
                lang,
                &[
                    ("rule", c.rule.clone()),
                    ("call", c.call.to_string()),
                    ("turn", c.turn.to_string()),
                ],
            ));
        }
    }
    Verdict {
        passed: fail_reasons.is_empty(),
        overall,
        scores,
        fail_reasons,
    }
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words() -> Texts {
        let text = |en: &str, zh: &str| crate::content::raw::GapText {
            en: en.into(),
            zh: zh.into(),
        };
        Texts(
            [
                (
                    "reason_abandoned",
                    text("abandoned after {done} of {planned} calls", "放弃"),
                ),
                (
                    "reason_overall",
                    text("overall {score} below {min}", "总分"),
                ),
                (
                    "reason_dimension",
                    text("{dimension} {score} is below its pass mark {min}", "维度"),
                ),
                (
                    "reason_critical",
                    text(
                        "critical finding {rule} at call {call} turn {turn}",
                        "第{call}通第{turn}轮出现严重违规 {rule}",
                    ),
                ),
                ("compliance", text("Compliance", "合规")),
            ]
            .map(|(k, v)| (k.to_string(), v))
            .into(),
        )
    }

    fn decide(marks: &Marks, calls: &[CallScore], planned: usize) -> Verdict {
        super::decide(marks, calls, planned, &words(), Lang::En)
    }

    fn call(overall: f64, compliance: f64, criticals: &[(&str, usize)]) -> CallScore {
        CallScore {
            scores: Scores {
                verification: 100.0,
                accuracy: 100.0,
                tone: 100.0,
                compliance,
            },
            overall,
            criticals: criticals
                .iter()
                .map(|(rule, turn)| critical(rule, 1, *turn))
                .collect(),
        }
    }

    fn marks() -> Marks {
        Marks {
            overall: 80.0,
            dimensions: vec![(Dimension::Compliance, 90.0)],
            critical_fail: true,
        }
    }

    #[test]
    fn passes_only_above_every_mark_without_criticals() {
        let ok = decide(&marks(), &[call(90.0, 95.0, &[]), call(80.0, 90.0, &[])], 2);
        assert!(ok.passed, "{:?}", ok.fail_reasons);
        assert_eq!(ok.overall, 85.0);
        let low = decide(&marks(), &[call(90.0, 80.0, &[]), call(80.0, 90.0, &[])], 2);
        assert!(!low.passed);
        assert!(low.fail_reasons[0].contains("Compliance 85"));
        let crit = decide(&marks(), &[call(95.0, 100.0, &[("x", 3)])], 1);
        assert_eq!(crit.fail_reasons, ["critical finding x at call 1 turn 3"]);
        let zh = super::decide(
            &marks(),
            &[call(95.0, 100.0, &[("x", 3)])],
            1,
            &words(),
            Lang::Zh,
        );
        assert_eq!(zh.fail_reasons, ["第1通第3轮出现严重违规 x"]);
        let short = decide(&marks(), &[call(95.0, 100.0, &[])], 6);
        assert!(!short.passed);
        assert!(short.fail_reasons[0].starts_with("abandoned after 1 of 6"));
    }
}
