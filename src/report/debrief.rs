//! The debrief of a graded call: scores with bars, pass or fail, the call's timeline with the
//! borrower's mood, findings with the quote, rule, citation and a better line. For the terminal
//! (colour through `colored`, which honours NO_COLOR and --color; CJK aligned by display width)
//! and as Markdown.

use colored::{ColoredString, Colorize};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::table::pad;
use super::wrap::wrap;
use crate::call::{Speaker, Transcript};
use crate::content::raw::{Dimension, Rubric, Severity};
use crate::lang::Lang;
use crate::scoring::{FailCause, Finding, Grade};

pub struct Debrief<'a> {
    /// The transcript file, when graded from one.
    pub file: Option<&'a str>,
    pub transcript: &'a Transcript,
    pub grade: &'a Grade,
    pub rubric: &'a Rubric,
}

/// Interface words (chrome, not content): (key, English, Chinese).
const LABELS: &[(&str, &str, &str)] = &[
    ("debrief", "Debrief", "通话复盘"),
    ("rubric", "Rubric", "评分标准"),
    ("passed", "PASSED", "通过"),
    ("failed", "FAILED", "未通过"),
    ("overall", "Overall", "总分"),
    ("pass_mark", "pass mark", "及格线"),
    ("scores", "Scores", "各维度得分"),
    ("verification", "Verification", "身份核实"),
    ("accuracy", "Accuracy", "信息准确"),
    ("tone", "Tone", "沟通态度"),
    ("compliance", "Compliance", "合规"),
    ("timeline", "Timeline", "通话过程"),
    ("mood", "Mood", "情绪"),
    ("agent", "Agent", "催收员"),
    ("borrower", "Borrower", "借款人"),
    ("third_party", "Third party", "第三方"),
    ("findings", "Findings", "扣分项"),
    ("none_found", "No findings.", "没有扣分项。"),
    ("credits", "Credits", "加分项"),
    ("turn", "Turn", "第"),
    ("turn_suffix", "", "轮"),
    ("why", "Why", "原因"),
    ("rule", "Rule", "规则"),
    ("citation", "Source", "依据"),
    ("better", "Better", "建议说法"),
    ("outcome", "Outcome", "通话结果"),
    ("promise", "Promise", "还款承诺"),
    (
        "no_promise",
        "No promise or plan was reached.",
        "未达成还款承诺或方案。",
    ),
    ("within_policy", "within policy", "符合政策"),
    ("outside_policy", "outside policy", "超出政策"),
    ("policy_unknown", "policy unknown", "政策未知"),
    ("instalments", "instalments", "期"),
    ("not_applicable", "Not applicable", "不适用"),
    ("verification_status", "Verification", "身份核实"),
    ("answerer", "answered by", "接听人"),
    ("critical", "critical", "严重"),
    ("major", "major", "较重"),
    ("minor", "minor", "轻微"),
    ("at_turn", "at turn", "于第"),
    ("why_failed", "Why it failed", "未通过原因"),
    (
        "reason_overall",
        "overall {score} is below the pass mark {min}",
        "总分 {score} 低于及格线 {min}",
    ),
    (
        "reason_dimension",
        "{dim} {score} is below its minimum {min}",
        "{dim} {score} 低于该维度最低分 {min}",
    ),
    (
        "reason_critical",
        "critical finding {rule} at turn {turn}",
        "第{turn}轮出现严重违规 {rule}",
    ),
    ("status_passed", "passed", "已通过"),
    (
        "status_failed",
        "failed (an answer did not match)",
        "未通过（回答不符）",
    ),
    (
        "status_unchecked",
        "answered, not checked (no identity facts)",
        "已回答，未核对（缺少身份信息）",
    ),
    ("status_pending", "asked, not answered", "已询问，未回答"),
    ("status_not_asked", "not asked", "未询问"),
    ("field_dob", "date of birth", "出生日期"),
    ("field_id_last4", "ID last 4", "证件后四位"),
    ("field_name", "name", "姓名"),
    ("field_address", "address", "地址"),
    ("field_phone", "phone", "电话"),
    ("matched", "matched", "相符"),
    ("did not match", "did not match", "不符"),
    ("answerer_borrower", "the borrower", "借款人本人"),
    ("answerer_third_party", "a third party", "第三方"),
    (
        "answerer_impostor",
        "someone posing as the borrower",
        "冒充借款人者",
    ),
];

fn l(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map(|(_, en, zh)| if lang == Lang::Zh { *zh } else { *en })
        .unwrap_or("?")
}

fn turn_label(n: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第{n}轮"),
        Lang::En => format!("Turn {n}"),
    }
}

fn speaker(s: Speaker, lang: Lang) -> &'static str {
    l(s.name(), lang)
}

fn severity(s: Severity, lang: Lang) -> &'static str {
    l(s.name(), lang)
}

fn dim(d: Dimension, lang: Lang) -> &'static str {
    l(d.name(), lang)
}

/// Why the call failed, in the call's language (the JSON keeps the English reasons).
fn fail_reasons(d: &Debrief, lang: Lang) -> Vec<String> {
    let g = d.grade;
    if lang == Lang::En || g.fail_causes.len() != g.fail_reasons.len() {
        return g.fail_reasons.clone();
    }
    let fill = |key: &str, parts: &[(&str, String)]| {
        parts.iter().fold(l(key, lang).to_string(), |s, (k, v)| {
            s.replace(&format!("{{{k}}}"), v)
        })
    };
    g.fail_causes
        .iter()
        .map(|c| match c {
            FailCause::Overall { score, min } => fill(
                "reason_overall",
                &[("score", score.to_string()), ("min", min.to_string())],
            ),
            FailCause::Dimension {
                dimension,
                score,
                min,
            } => fill(
                "reason_dimension",
                &[
                    ("dim", dim(*dimension, lang).to_string()),
                    ("score", score.to_string()),
                    ("min", min.to_string()),
                ],
            ),
            FailCause::Critical { rule, turn } => fill(
                "reason_critical",
                &[("rule", rule.clone()), ("turn", turn.to_string())],
            ),
        })
        .collect()
}

/// A bar of `width` cells for a 0-100 score.
fn bar(score: f64, width: usize) -> String {
    let filled = ((score.clamp(0.0, 100.0) / 100.0) * width as f64).round() as usize;
    format!(
        "{}{}",
        "█".repeat(filled),
        "░".repeat(width - filled.min(width))
    )
}

/// A mood from -10 to 10 as one block character.
fn spark(mood: i32) -> char {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let i = ((mood.clamp(-10, 10) + 10) as usize * 7 + 10) / 20;
    LEVELS[i.min(7)]
}

/// Cuts `text` to at most `width` display columns, with an ellipsis when cut.
fn fit(text: &str, width: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.width() <= width {
        return one_line;
    }
    let mut out = String::new();
    let mut w = 0;
    for c in one_line.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-9 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    }
}

fn score_colour(score: f64, text: String) -> ColoredString {
    if score >= 80.0 {
        text.green()
    } else if score >= 60.0 {
        text.yellow()
    } else {
        text.red()
    }
}

fn severity_colour(s: Severity, text: String) -> ColoredString {
    match s {
        Severity::Critical => text.red().bold(),
        Severity::Major => text.yellow(),
        Severity::Minor => text.cyan(),
    }
}

fn title(d: &Debrief) -> String {
    let lang = d.transcript.lang;
    let mut t = l("debrief", lang).to_string();
    if let Some(f) = d.file {
        t.push_str(" — ");
        t.push_str(f);
    }
    t
}

fn outcome_line(g: &Grade, lang: Lang) -> String {
    let o = &g.outcome;
    let Some(p) = &o.promise else {
        return match &o.kind {
            Some(k) => format!("{k}. {}", l("no_promise", lang)),
            None => l("no_promise", lang).to_string(),
        };
    };
    let mut parts = Vec::new();
    if let Some(k) = &o.kind {
        parts.push(k.clone());
    }
    if let Some(a) = p.amount {
        parts.push(format!("{} {}", l("promise", lang), number(a)));
    }
    if let Some(d) = &p.date {
        parts.push(d.clone());
    }
    if let (Some(n), Some(m)) = (p.instalments, p.monthly) {
        parts.push(format!("{n} {} × {}", l("instalments", lang), number(m)));
    } else if let Some(n) = p.instalments {
        parts.push(format!("{n} {}", l("instalments", lang)));
    }
    parts.push(
        match o.within_policy {
            Some(true) => l("within_policy", lang),
            Some(false) => l("outside_policy", lang),
            None => l("policy_unknown", lang),
        }
        .to_string(),
    );
    if let Some(t) = p.turn {
        parts.push(format!("({})", turn_label(t, lang)));
    }
    parts.join(" · ")
}

fn verification_line(g: &Grade, lang: Lang) -> String {
    let v = &g.verification;
    let mut s = format!(
        "{}: {}",
        l("verification_status", lang),
        l(&format!("status_{}", v.status), lang)
    );
    if let Some(t) = v.turn {
        s.push_str(&format!(" ({})", turn_label(t, lang)));
    }
    let checks: Vec<String> = v
        .checks
        .iter()
        .map(|c| match c.split_once(' ') {
            Some((field, how)) if LABELS.iter().any(|(k, _, _)| *k == how) => {
                format!("{} {}", l(&format!("field_{field}"), lang), l(how, lang))
            }
            _ => c.clone(),
        })
        .collect();
    if !checks.is_empty() {
        s.push_str(&format!(" — {}", checks.join(", ")));
    }
    s.push_str(&format!(
        " · {} {}",
        l("answerer", lang),
        l(&format!("answerer_{}", v.answerer), lang)
    ));
    s
}

/// "(3, −28)", or "(0)".
fn findings_count(g: &Grade) -> String {
    let lost: f64 = g.findings.iter().map(|f| f.points).fold(0.0, |a, b| a + b);
    if g.findings.is_empty() {
        "(0)".to_string()
    } else {
        format!("({}, −{})", g.findings.len(), number(lost))
    }
}

fn findings_at(g: &Grade, turn: usize) -> Vec<&Finding> {
    g.findings.iter().filter(|f| f.turn == turn).collect()
}

/// The debrief for the terminal.
pub fn text(d: &Debrief) -> String {
    let lang = d.transcript.lang;
    let g = d.grade;
    let mut s = String::new();
    s.push_str(&format!("{}\n", title(d).bold()));
    s.push_str(&format!(
        "{}: {} ({})\n",
        l("rubric", lang),
        d.rubric.title.value.text(lang),
        g.rubric
    ));
    let verdict = if g.passed {
        format!("✓ {}", l("passed", lang)).green().bold()
    } else {
        format!("✗ {}", l("failed", lang)).red().bold()
    };
    s.push_str(&format!(
        "{verdict}  {} {} / {} {}\n",
        l("overall", lang),
        number(g.overall),
        l("pass_mark", lang),
        number(d.rubric.pass_mark.value)
    ));
    for r in fail_reasons(d, lang) {
        s.push_str(&hanging("  - ", &r, |t| t.to_string()));
    }

    s.push_str(&format!("\n{}\n", l("scores", lang).bold()));
    let label_w = Dimension::ALL
        .iter()
        .map(|x| dim(*x, lang).width())
        .max()
        .unwrap_or(0);
    for x in Dimension::ALL {
        let sc = g.scores.get(x);
        let min = d
            .rubric
            .dimension_pass
            .get(&x)
            .map(|m| format!("  (≥ {})", number(m.value)))
            .unwrap_or_default();
        s.push_str(&format!(
            "  {}  {} {:>3}{min}\n",
            pad(dim(x, lang), label_w),
            score_colour(sc, bar(sc, 20)),
            number(sc)
        ));
    }
    s.push_str(&format!("\n{}\n", verification_line(g, lang)));

    // Timeline.
    s.push_str(&format!("\n{}\n", l("timeline", lang).bold()));
    let who_w = [Speaker::Agent, Speaker::Borrower, Speaker::ThirdParty]
        .iter()
        .map(|x| speaker(*x, lang).width())
        .max()
        .unwrap_or(0);
    let num_w = d.transcript.turns.len().to_string().len();
    let any_mood = d.transcript.turns.iter().any(|t| t.mood.is_some());
    for (i, t) in d.transcript.turns.iter().enumerate() {
        let n = i + 1;
        let here = findings_at(g, n);
        let mark = match here.iter().map(|f| f.severity).max() {
            Some(sev) => severity_colour(sev, "●".to_string()).to_string(),
            None if g.credits.iter().any(|c| c.turn == n) => "+".green().to_string(),
            None => " ".to_string(),
        };
        // The mood sits in its own column (after the other side's turns) so the text lines up.
        let mood = match (any_mood, t.mood) {
            (false, _) => String::new(),
            (true, Some(m)) => format!("{} {:>3}  ", spark(m), format!("{m:+}")),
            (true, None) => " ".repeat(7),
        };
        s.push_str(&format!(
            "  {mark} {:>num_w$} {}  {mood}{}\n",
            n,
            pad(speaker(t.speaker, lang), who_w),
            fit(&t.text, 64)
        ));
    }
    let moods: Vec<i32> = d.transcript.turns.iter().filter_map(|t| t.mood).collect();
    if !moods.is_empty() {
        let line: String = moods.iter().map(|m| spark(*m)).collect();
        s.push_str(&format!(
            "  {}: {line}  ({:+} → {:+})\n",
            l("mood", lang),
            moods[0],
            moods[moods.len() - 1]
        ));
    }

    // Findings.
    s.push_str(&format!(
        "\n{} {}\n",
        l("findings", lang).bold(),
        findings_count(g)
    ));
    if g.findings.is_empty() {
        s.push_str(&format!("  {}\n", l("none_found", lang)));
    }
    for f in &g.findings {
        s.push_str(&format!(
            "  {} · {} · {} −{}  {}\n",
            turn_label(f.turn, lang).bold(),
            severity_colour(f.severity, severity(f.severity, lang).to_string()),
            dim(f.dimension, lang),
            number(f.points),
            f.rule.dimmed()
        ));
        s.push_str(&format!("    “{}”\n", fit(&f.quote, 90)));
        let label = |key: &str| format!("    {}: ", l(key, lang));
        s.push_str(&hanging(&label("why"), &f.detail, |t| t.to_string()));
        s.push_str(&hanging(&label("rule"), &f.description, |t| t.to_string()));
        if !f.citation.is_empty() {
            s.push_str(&hanging(&label("citation"), &f.citation, |t| {
                t.dimmed().to_string()
            }));
        }
        s.push_str(&hanging(&label("better"), &f.advice, |t| {
            t.green().to_string()
        }));
    }

    if !g.credits.is_empty() {
        s.push_str(&format!("\n{}\n", l("credits", lang).bold()));
        for c in &g.credits {
            s.push_str(&format!(
                "  {}  +{} {}  {}\n",
                turn_label(c.turn, lang),
                number(c.points),
                dim(c.dimension, lang),
                c.rule.dimmed()
            ));
        }
    }

    s.push_str(&format!(
        "\n{}\n  {}\n",
        l("outcome", lang).bold(),
        outcome_line(g, lang)
    ));
    for n in &g.outcome.notes {
        s.push_str(&hanging("  - ", n, |t| t.to_string()));
    }

    if !g.not_applicable.is_empty() {
        s.push_str(&format!("\n{}\n", l("not_applicable", lang).bold()));
        for n in &g.not_applicable {
            let head = format!("  {}  ", n.rule);
            let lines = wrap(&n.reason, head.width(), WIDTH);
            s.push_str(&format!("  {}  {}\n", n.rule.dimmed(), lines[0]));
            for line in &lines[1..] {
                s.push_str(&format!("{}{line}\n", " ".repeat(head.width())));
            }
        }
    }
    s
}

/// Prose wider than this many columns wraps (the timeline cuts its lines shorter still).
const WIDTH: usize = 100;

/// `head` then `text` wrapped to the width, later lines indented under the text's start; each
/// line painted by `paint` (colour goes on after wrapping, so escape codes never count).
fn hanging(head: &str, text: &str, paint: impl Fn(&str) -> String) -> String {
    let indent = head.width();
    let mut out = String::new();
    for (i, line) in wrap(text, indent, WIDTH).iter().enumerate() {
        if i == 0 {
            out.push_str(head);
        } else {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(&paint(line));
        out.push('\n');
    }
    out
}

/// Escapes text for a Markdown table cell or line.
fn md(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('*', "\\*")
        .replace('_', "\\_")
        .replace('`', "\\`")
        .replace('<', "&lt;")
}

/// The debrief as Markdown.
pub fn markdown(d: &Debrief) -> String {
    let lang = d.transcript.lang;
    let g = d.grade;
    let mut s = String::new();
    s.push_str(&format!("# {}\n\n", md(&title(d))));
    s.push_str(&format!(
        "**{}:** {} (`{}`)\n\n",
        l("rubric", lang),
        md(d.rubric.title.value.text(lang)),
        g.rubric
    ));
    let verdict = if g.passed {
        format!("✅ **{}**", l("passed", lang))
    } else {
        format!("❌ **{}**", l("failed", lang))
    };
    s.push_str(&format!(
        "{verdict} — {} **{}** / {} {}\n\n",
        l("overall", lang),
        number(g.overall),
        l("pass_mark", lang),
        number(d.rubric.pass_mark.value)
    ));
    if !g.fail_reasons.is_empty() {
        s.push_str(&format!("{}:\n\n", l("why_failed", lang)));
        for r in fail_reasons(d, lang) {
            s.push_str(&format!("- {}\n", md(&r)));
        }
        s.push('\n');
    }
    s.push_str(&format!("## {}\n\n", l("scores", lang)));
    s.push_str("| | | |\n|---|---|---:|\n");
    for x in Dimension::ALL {
        let sc = g.scores.get(x);
        s.push_str(&format!(
            "| {} | `{}` | {} |\n",
            dim(x, lang),
            bar(sc, 20),
            number(sc)
        ));
    }
    s.push_str(&format!("\n{}\n\n", md(&verification_line(g, lang))));

    s.push_str(&format!("## {}\n\n", l("timeline", lang)));
    let any_mood = d.transcript.turns.iter().any(|t| t.mood.is_some());
    if any_mood {
        s.push_str(&format!(
            "| # | | | {} |\n|---:|---|---|---|\n",
            l("mood", lang)
        ));
    } else {
        s.push_str("| # | | |\n|---:|---|---|\n");
    }
    for (i, t) in d.transcript.turns.iter().enumerate() {
        let n = i + 1;
        let here = findings_at(g, n);
        let mark = match here.iter().map(|f| f.severity).max() {
            Some(Severity::Critical) => " 🔴",
            Some(Severity::Major) => " 🟠",
            Some(Severity::Minor) => " 🔵",
            None if g.credits.iter().any(|c| c.turn == n) => " ➕",
            None => "",
        };
        let mood = if any_mood {
            format!(
                " {} |",
                t.mood
                    .map(|m| format!("{} {:+}", spark(m), m))
                    .unwrap_or_default()
            )
        } else {
            String::new()
        };
        s.push_str(&format!(
            "| {n}{mark} | {} | {} |{mood}\n",
            speaker(t.speaker, lang),
            md(&t.text)
        ));
    }
    let moods: Vec<i32> = d.transcript.turns.iter().filter_map(|t| t.mood).collect();
    if !moods.is_empty() {
        let line: String = moods.iter().map(|m| spark(*m)).collect();
        s.push_str(&format!("\n{}: `{line}`\n", l("mood", lang)));
    }

    s.push_str(&format!(
        "\n## {} {}\n\n",
        l("findings", lang),
        findings_count(g)
    ));
    if g.findings.is_empty() {
        s.push_str(&format!("{}\n", l("none_found", lang)));
    }
    for f in &g.findings {
        s.push_str(&format!(
            "### {} · {} · {} −{} · `{}`\n\n",
            turn_label(f.turn, lang),
            severity(f.severity, lang),
            dim(f.dimension, lang),
            number(f.points),
            f.rule
        ));
        s.push_str(&format!("> {}\n\n", md(&f.quote)));
        s.push_str(&format!("- **{}:** {}\n", l("why", lang), md(&f.detail)));
        s.push_str(&format!(
            "- **{}:** {}\n",
            l("rule", lang),
            md(&f.description)
        ));
        if !f.citation.is_empty() {
            s.push_str(&format!(
                "- **{}:** {}\n",
                l("citation", lang),
                md(&f.citation)
            ));
        }
        s.push_str(&format!(
            "- **{}:** {}\n\n",
            l("better", lang),
            md(&f.advice)
        ));
    }
    if !g.credits.is_empty() {
        s.push_str(&format!("## {}\n\n", l("credits", lang)));
        for c in &g.credits {
            s.push_str(&format!(
                "- {}: +{} {} (`{}`)\n",
                turn_label(c.turn, lang),
                number(c.points),
                dim(c.dimension, lang),
                c.rule
            ));
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "## {}\n\n{}\n",
        l("outcome", lang),
        md(&outcome_line(g, lang))
    ));
    for n in &g.outcome.notes {
        s.push_str(&format!("- {}\n", md(n)));
    }
    if !g.not_applicable.is_empty() {
        s.push_str(&format!("\n## {}\n\n", l("not_applicable", lang)));
        for n in &g.not_applicable {
            s.push_str(&format!("- `{}`: {}\n", n.rule, md(&n.reason)));
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparks_span_the_mood_range() {
        assert_eq!(spark(-10), '▁');
        assert_eq!(spark(10), '█');
        assert_eq!(spark(0), '▅');
    }

    #[test]
    fn fit_counts_display_width() {
        assert_eq!(fit("您好，我是小王", 7), "您好，…");
        assert_eq!(fit("short", 10), "short");
    }
}
