//! What the attempt reports show, derived once from the stored records: each call's grade and
//! mood timeline, its overrides, the verdict after review and how long the certificate is valid.

use jiff::ToSpan;

use super::records::{AttemptRecord, Bundle, CallRecord, OverrideRecord, StoredGrade};
use super::verdict::{self, CallScore, Marks, Verdict};
use crate::call::Speaker;
use crate::content::ContentPack;
use crate::lang::Lang;

pub struct CallView<'a> {
    pub record: &'a CallRecord,
    pub grade: Option<StoredGrade>,
    /// (speaker, text) of every turn.
    pub turns: Vec<(Speaker, String)>,
    /// The persona's mood after each of its turns, in order.
    pub moods: Vec<i32>,
    pub overrides: Vec<&'a OverrideRecord>,
}

pub struct AttemptView<'a> {
    pub attempt: &'a AttemptRecord,
    pub lang: Lang,
    pub calls: Vec<CallView<'a>>,
    pub overrides: &'a [OverrideRecord],
    /// The pass marks, when the exam is still in the library.
    pub marks: Option<Marks>,
    /// The verdict with rejected findings taken out, when a trainer rejected any.
    pub reviewed: Option<Verdict>,
    pub valid_until: Option<String>,
}

impl<'a> AttemptView<'a> {
    pub fn new(b: &'a Bundle, pack: Option<&ContentPack>) -> AttemptView<'a> {
        let lang = Lang::parse(&b.attempt.lang).unwrap_or(Lang::En);
        let calls: Vec<CallView> = b
            .calls
            .iter()
            .map(|c| {
                let transcript = c.transcript();
                let turns = transcript
                    .as_ref()
                    .map(|t| {
                        t.turns
                            .iter()
                            .map(|t| (t.speaker, t.text.clone()))
                            .collect()
                    })
                    .unwrap_or_default();
                let moods = transcript
                    .as_ref()
                    .map(|t| t.turns.iter().filter_map(|t| t.mood).collect())
                    .unwrap_or_default();
                CallView {
                    record: c,
                    grade: c.grade(),
                    turns,
                    moods,
                    overrides: b.overrides.iter().filter(|o| o.call == c.seq).collect(),
                }
            })
            .collect();
        let exam = pack.and_then(|p| p.exams.get(&b.attempt.exam));
        let rubric = pack.and_then(|p| p.rubrics.get(&b.attempt.rubric));
        let marks = exam.map(Marks::of);
        let reviewed = match (&marks, rubric) {
            (Some(marks), Some(rubric)) if b.overrides.iter().any(|o| o.verdict == "reject") => {
                let scores: Vec<CallScore> = calls
                    .iter()
                    .filter(|c| c.record.status == super::records::COMPLETED)
                    .filter_map(|c| {
                        let g = c.grade.as_ref()?;
                        Some(CallScore::reviewed(
                            c.record.seq as usize,
                            g,
                            &c.overrides,
                            rubric,
                        ))
                    })
                    .collect();
                let mut v = verdict::decide(marks, &scores, b.attempt.planned_calls as usize);
                v.passed &= b.attempt.status == super::records::COMPLETED;
                Some(v)
            }
            _ => None,
        };
        let valid_until = match (
            exam.and_then(|e| e.attempts.valid_days),
            &b.attempt.finished,
        ) {
            (Some(days), Some(finished)) if b.attempt.passed || reviewed_pass(&reviewed) => {
                finished
                    .parse::<jiff::civil::DateTime>()
                    .ok()
                    .and_then(|f| f.date().checked_add(i64::from(days).days()).ok())
                    .map(|d| d.to_string())
            }
            _ => None,
        };
        AttemptView {
            attempt: &b.attempt,
            lang,
            calls,
            overrides: &b.overrides,
            marks,
            reviewed,
            valid_until,
        }
    }
}

fn reviewed_pass(v: &Option<Verdict>) -> bool {
    v.as_ref().is_some_and(|v| v.passed)
}

/// (key, English, Chinese): the words around the records in the reports.
const LABELS: &[(&str, &str, &str)] = &[
    ("certificate", "Certificate", "资格认证报告"),
    ("trainee", "Trainee", "学员"),
    ("attempt", "Attempt", "考试记录"),
    ("started", "Started", "开始"),
    ("finished", "Finished", "结束"),
    ("status", "Status", "状态"),
    ("passed", "PASSED", "通过"),
    ("failed", "NOT PASSED", "未通过"),
    (
        "in_progress",
        "in progress (not finished)",
        "进行中（未完成）",
    ),
    ("completed", "completed", "已完成"),
    ("abandoned", "abandoned", "已放弃"),
    ("overall", "Overall", "总分"),
    ("dimension", "Dimension", "维度"),
    ("score", "Score", "得分"),
    ("pass_mark", "Pass mark", "及格线"),
    ("verification", "Verification", "身份核实"),
    ("accuracy", "Accuracy", "信息准确"),
    ("tone", "Tone", "沟通态度"),
    ("compliance", "Compliance", "合规"),
    ("why_failed", "Why it did not pass", "未通过原因"),
    ("valid_until", "Valid until", "有效期至"),
    ("reviewed", "After review", "复核后"),
    ("call", "Call", "通话"),
    ("findings", "Findings", "问题"),
    ("no_findings", "No findings.", "无问题。"),
    ("turn", "turn", "轮次"),
    ("advice", "Say instead", "建议说法"),
    ("override", "Override", "复核意见"),
    ("accept", "accepted", "维持"),
    ("reject", "rejected", "驳回"),
    ("by", "by", "复核人"),
    ("mood", "Borrower's mood", "客户情绪"),
    ("transcript", "Transcript", "通话记录"),
    ("exam_hash", "Exam content hash", "考试内容哈希"),
    ("signature", "Signature", "签名"),
    ("rubric", "Rubric", "评分标准"),
    ("agent", "Agent", "坐席"),
    ("borrower", "Borrower", "客户"),
    ("third_party", "Third party", "第三方"),
];

pub fn label(key: &str, lang: Lang) -> &'static str {
    crate::report::labels::lookup(LABELS, key, lang)
}

pub fn verdict_label(passed: bool, lang: Lang) -> &'static str {
    label(if passed { "passed" } else { "failed" }, lang)
}
