//! The debrief of a graded call: scores with bars, pass or fail, the call's timeline with the
//! borrower's mood, findings with the quote, rule, citation and a better line. For the terminal
//! (colour through `colored`, which honours NO_COLOR and --color; CJK aligned by display width)
//! and as Markdown. Its words (headings, statuses) are the library's `labels:`.

use colored::{ColoredString, Colorize};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::labels::Texts;
use super::table::pad;
use super::wrap::wrap;
use crate::call::{Speaker, Transcript};
use crate::content::raw::{Dimension, Rubric, Severity};
use crate::lang::Lang;
use crate::scoring::{Finding, Grade};

pub struct Debrief<'a> {
    /// The library's debrief labels (`ContentPack::explanations.labels`).
    pub labels: &'a Texts,
    /// The transcript file, when graded from one.
    pub file: Option<&'a str>,
    pub transcript: &'a Transcript,
    pub grade: &'a Grade,
    pub rubric: &'a Rubric,
}

/// The labels the debrief uses (`labels:` in an `intents/` file, intents/labels.yaml), with
/// the placeholders each may use; the loader refuses a library without one of them.
pub const LABELS: &[(&str, &[&str])] = &[
    ("debrief", &[]),
    ("rubric", &[]),
    ("passed", &[]),
    ("failed", &[]),
    ("overall", &[]),
    ("pass_mark", &[]),
    ("scores", &[]),
    ("verification", &[]),
    ("accuracy", &[]),
    ("tone", &[]),
    ("compliance", &[]),
    ("timeline", &[]),
    ("mood", &[]),
    ("agent", &[]),
    ("borrower", &[]),
    ("third_party", &[]),
    ("findings", &[]),
    ("none_found", &[]),
    ("credits", &[]),
    ("why", &[]),
    ("rule", &[]),
    ("citation", &[]),
    ("better", &[]),
    ("outcome", &[]),
    ("promise", &[]),
    ("no_promise", &[]),
    ("within_policy", &[]),
    ("outside_policy", &[]),
    ("policy_unknown", &[]),
    ("instalments", &[]),
    ("not_applicable", &[]),
    ("verification_status", &[]),
    ("answerer", &[]),
    ("critical", &[]),
    ("major", &[]),
    ("minor", &[]),
    ("why_failed", &[]),
    ("reason_overall", &["score", "min"]),
    ("reason_dimension", &["dim", "score", "min"]),
    ("reason_critical", &["rule", "turn"]),
    ("status_passed", &[]),
    ("status_failed", &[]),
    ("status_unchecked", &[]),
    ("status_pending", &[]),
    ("status_not_asked", &[]),
    ("field_dob", &[]),
    ("field_id_last4", &[]),
    ("field_name", &[]),
    ("field_address", &[]),
    ("field_phone", &[]),
    ("check_matched", &["field"]),
    ("check_did_not_match", &["field"]),
    ("check_unchecked", &[]),
    ("answerer_borrower", &[]),
    ("answerer_third_party", &[]),
    ("answerer_impostor", &[]),
    ("turn", &["n"]),
];

/// The debrief's words in the call's language.
#[derive(Clone, Copy)]
struct Say<'a> {
    labels: &'a Texts,
    lang: Lang,
}

impl<'a> Say<'a> {
    fn new(d: &Debrief<'a>) -> Say<'a> {
        Say {
            labels: d.labels,
            lang: d.transcript.lang,
        }
    }

    /// A label; `?` for one the library lacks (the loader refuses such a library).
    fn l(self, key: &str) -> &'a str {
        self.labels.get(key, self.lang)
    }

    /// A label with its `{placeholders}` filled.
    fn fill(self, key: &str, values: &[(&str, String)]) -> String {
        self.labels.fill(key, self.lang, values)
    }

    fn turn(self, n: usize) -> String {
        self.fill("turn", &[("n", n.to_string())])
    }

    fn speaker(self, s: Speaker) -> &'a str {
        self.l(s.name())
    }

    fn severity(self, s: Severity) -> &'a str {
        self.l(s.name())
    }

    fn dim(self, d: Dimension) -> &'a str {
        self.l(d.name())
    }
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

/// A figure as people write it: no ".0" on a whole number, one decimal otherwise.
pub(crate) fn number(x: f64) -> String {
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
    let say = Say::new(d);
    let mut t = say.l("debrief").to_string();
    if let Some(f) = d.file {
        t.push_str(" — ");
        t.push_str(f);
    }
    t
}

fn outcome_line(g: &Grade, say: Say) -> String {
    let o = &g.outcome;
    let Some(p) = &o.promise else {
        return match &o.kind {
            Some(k) => format!("{k}. {}", say.l("no_promise")),
            None => say.l("no_promise").to_string(),
        };
    };
    let mut parts = Vec::new();
    if let Some(k) = &o.kind {
        parts.push(k.clone());
    }
    if let Some(a) = p.amount {
        parts.push(format!("{} {}", say.l("promise"), number(a)));
    }
    if let Some(d) = &p.date {
        parts.push(d.clone());
    }
    if let (Some(n), Some(m)) = (p.instalments, p.monthly) {
        parts.push(format!("{n} {} × {}", say.l("instalments"), number(m)));
    } else if let Some(n) = p.instalments {
        parts.push(format!("{n} {}", say.l("instalments")));
    }
    parts.push(
        match o.within_policy {
            Some(true) => say.l("within_policy"),
            Some(false) => say.l("outside_policy"),
            None => say.l("policy_unknown"),
        }
        .to_string(),
    );
    if let Some(t) = p.turn {
        parts.push(format!("({})", say.turn(t)));
    }
    parts.join(" · ")
}

fn verification_line(g: &Grade, say: Say) -> String {
    let v = &g.verification;
    let mut s = format!(
        "{}: {}",
        say.l("verification_status"),
        say.l(&format!("status_{}", v.status))
    );
    if let Some(t) = v.turn {
        s.push_str(&format!(" ({})", say.turn(t)));
    }
    if !v.checks.is_empty() {
        s.push_str(&format!(" — {}", v.checks.join(", ")));
    }
    s.push_str(&format!(
        " · {} {}",
        say.l("answerer"),
        say.l(&format!("answerer_{}", v.answerer))
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
    let say = Say::new(d);
    let g = d.grade;
    let mut s = String::new();
    s.push_str(&format!("{}\n", title(d).bold()));
    s.push_str(&format!(
        "{}: {} ({})\n",
        say.l("rubric"),
        d.rubric.title.value.text(lang),
        g.rubric
    ));
    let verdict = if g.passed {
        format!("✓ {}", say.l("passed")).green().bold()
    } else {
        format!("✗ {}", say.l("failed")).red().bold()
    };
    s.push_str(&format!(
        "{verdict}  {} {} / {} {}\n",
        say.l("overall"),
        number(g.overall),
        say.l("pass_mark"),
        number(d.rubric.pass_mark.value)
    ));
    for r in &d.grade.fail_reasons {
        s.push_str(&hanging("  - ", r, |t| t.to_string()));
    }

    s.push_str(&format!("\n{}\n", say.l("scores").bold()));
    let label_w = Dimension::ALL
        .iter()
        .map(|x| say.dim(*x).width())
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
            pad(say.dim(x), label_w),
            score_colour(sc, bar(sc, 20)),
            number(sc)
        ));
    }
    s.push_str(&format!("\n{}\n", verification_line(g, say)));

    // Timeline.
    s.push_str(&format!("\n{}\n", say.l("timeline").bold()));
    let who_w = [Speaker::Agent, Speaker::Borrower, Speaker::ThirdParty]
        .iter()
        .map(|x| say.speaker(*x).width())
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
            pad(say.speaker(t.speaker), who_w),
            fit(&t.text, 64)
        ));
    }
    let moods: Vec<i32> = d.transcript.turns.iter().filter_map(|t| t.mood).collect();
    if !moods.is_empty() {
        let line: String = moods.iter().map(|m| spark(*m)).collect();
        s.push_str(&format!(
            "  {}: {line}  ({:+} → {:+})\n",
            say.l("mood"),
            moods[0],
            moods[moods.len() - 1]
        ));
    }

    // Findings.
    s.push_str(&format!(
        "\n{} {}\n",
        say.l("findings").bold(),
        findings_count(g)
    ));
    if g.findings.is_empty() {
        s.push_str(&format!("  {}\n", say.l("none_found")));
    }
    for f in &g.findings {
        s.push_str(&format!(
            "  {} · {} · {} −{}  {}\n",
            say.turn(f.turn).bold(),
            severity_colour(f.severity, say.severity(f.severity).to_string()),
            say.dim(f.dimension),
            number(f.points),
            f.rule.dimmed()
        ));
        s.push_str(&format!("    “{}”\n", fit(&f.quote, 90)));
        let label = |key: &str| format!("    {}: ", say.l(key));
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
        s.push_str(&format!("\n{}\n", say.l("credits").bold()));
        for c in &g.credits {
            s.push_str(&format!(
                "  {}  +{} {}  {}\n",
                say.turn(c.turn),
                number(c.points),
                say.dim(c.dimension),
                c.rule.dimmed()
            ));
        }
    }

    s.push_str(&format!(
        "\n{}\n  {}\n",
        say.l("outcome").bold(),
        outcome_line(g, say)
    ));
    for n in &g.outcome.notes {
        s.push_str(&hanging("  - ", n, |t| t.to_string()));
    }

    if !g.not_applicable.is_empty() {
        s.push_str(&format!("\n{}\n", say.l("not_applicable").bold()));
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
    let say = Say::new(d);
    let g = d.grade;
    let mut s = String::new();
    s.push_str(&format!("# {}\n\n", md(&title(d))));
    s.push_str(&format!(
        "**{}:** {} (`{}`)\n\n",
        say.l("rubric"),
        md(d.rubric.title.value.text(lang)),
        g.rubric
    ));
    let verdict = if g.passed {
        format!("✅ **{}**", say.l("passed"))
    } else {
        format!("❌ **{}**", say.l("failed"))
    };
    s.push_str(&format!(
        "{verdict} — {} **{}** / {} {}\n\n",
        say.l("overall"),
        number(g.overall),
        say.l("pass_mark"),
        number(d.rubric.pass_mark.value)
    ));
    if !g.fail_reasons.is_empty() {
        s.push_str(&format!("{}:\n\n", say.l("why_failed")));
        for r in &d.grade.fail_reasons {
            s.push_str(&format!("- {}\n", md(r)));
        }
        s.push('\n');
    }
    s.push_str(&format!("## {}\n\n", say.l("scores")));
    s.push_str("| | | |\n|---|---|---:|\n");
    for x in Dimension::ALL {
        let sc = g.scores.get(x);
        s.push_str(&format!(
            "| {} | `{}` | {} |\n",
            say.dim(x),
            bar(sc, 20),
            number(sc)
        ));
    }
    s.push_str(&format!("\n{}\n\n", md(&verification_line(g, say))));

    s.push_str(&format!("## {}\n\n", say.l("timeline")));
    let any_mood = d.transcript.turns.iter().any(|t| t.mood.is_some());
    if any_mood {
        s.push_str(&format!(
            "| # | | | {} |\n|---:|---|---|---|\n",
            say.l("mood")
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
            say.speaker(t.speaker),
            md(&t.text)
        ));
    }
    let moods: Vec<i32> = d.transcript.turns.iter().filter_map(|t| t.mood).collect();
    if !moods.is_empty() {
        let line: String = moods.iter().map(|m| spark(*m)).collect();
        s.push_str(&format!("\n{}: `{line}`\n", say.l("mood")));
    }

    s.push_str(&format!(
        "\n## {} {}\n\n",
        say.l("findings"),
        findings_count(g)
    ));
    if g.findings.is_empty() {
        s.push_str(&format!("{}\n", say.l("none_found")));
    }
    for f in &g.findings {
        s.push_str(&format!(
            "### {} · {} · {} −{} · `{}`\n\n",
            say.turn(f.turn),
            say.severity(f.severity),
            say.dim(f.dimension),
            number(f.points),
            f.rule
        ));
        s.push_str(&format!("> {}\n\n", md(&f.quote)));
        s.push_str(&format!("- **{}:** {}\n", say.l("why"), md(&f.detail)));
        s.push_str(&format!(
            "- **{}:** {}\n",
            say.l("rule"),
            md(&f.description)
        ));
        if !f.citation.is_empty() {
            s.push_str(&format!(
                "- **{}:** {}\n",
                say.l("citation"),
                md(&f.citation)
            ));
        }
        s.push_str(&format!("- **{}:** {}\n\n", say.l("better"), md(&f.advice)));
    }
    if !g.credits.is_empty() {
        s.push_str(&format!("## {}\n\n", say.l("credits")));
        for c in &g.credits {
            s.push_str(&format!(
                "- {}: +{} {} (`{}`)\n",
                say.turn(c.turn),
                number(c.points),
                say.dim(c.dimension),
                c.rule
            ));
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "## {}\n\n{}\n",
        say.l("outcome"),
        md(&outcome_line(g, say))
    ));
    for n in &g.outcome.notes {
        s.push_str(&format!("- {}\n", md(n)));
    }
    if !g.not_applicable.is_empty() {
        s.push_str(&format!("\n## {}\n\n", say.l("not_applicable")));
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
