//! How the call looks: speakers apart by colour, the borrower's mood as a five-step bar, long
//! lines wrapped by display width so Chinese text stays aligned under its label.

use colored::Colorize;

use crate::lang::Lang;
use crate::report::labels::Texts;
use crate::report::table::pad;
use crate::report::wrap::wrap;

/// Columns available for a line of text.
const WIDTH: usize = 78;

/// The mood (-10..10) as five cells, e.g. `■■■□□`.
pub fn mood_bar(mood: i32) -> String {
    let filled = ((mood.clamp(-10, 10) + 10) as usize * 5 + 10) / 20;
    let filled = filled.clamp(1, 5);
    format!("{}{}", "■".repeat(filled), "□".repeat(5 - filled))
}

/// The mood indicator: the bar coloured by mood, the value and the change since the last turn.
pub fn mood(mood: i32, before: Option<i32>) -> String {
    let bar = mood_bar(mood);
    let bar = if mood <= -4 {
        bar.red()
    } else if mood >= 3 {
        bar.green()
    } else {
        bar.yellow()
    };
    let change = match before {
        Some(b) if mood > b => " ↑",
        Some(b) if mood < b => " ↓",
        _ => "",
    };
    format!("[{bar} {mood:+}{change}]")
}

/// One spoken line: the speaker label (the library's `practice.you` or `practice.borrower`)
/// padded to one width, the text wrapped with a hanging indent, then (for the borrower) the
/// mood indicator.
pub fn spoken(
    words: &Texts,
    lang: Lang,
    agent: bool,
    text: &str,
    mood_text: Option<String>,
) -> String {
    let who = |agent: bool| words.get(if agent { "you" } else { "borrower" }, lang);
    let labels = [who(true), who(false)];
    let label_w = labels
        .iter()
        .map(|l| unicode_width::UnicodeWidthStr::width(*l))
        .max()
        .unwrap_or(0);
    let label = pad(who(agent), label_w);
    let label = if agent {
        label.cyan().bold()
    } else {
        label.magenta().bold()
    };
    let mut out = String::new();
    for (i, line) in wrap(text, 0, WIDTH.saturating_sub(label_w + 2))
        .iter()
        .enumerate()
    {
        if i == 0 {
            out.push_str(&format!("{label}  {line}"));
        } else {
            out.push_str(&format!("\n{}  {line}", " ".repeat(label_w)));
        }
    }
    if let Some(m) = mood_text {
        out.push_str(&format!("  {m}"));
    }
    out.push('\n');
    out
}

/// A system line (help, hints, warnings): dimmed and marked.
pub fn system(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        out.push_str(&format!("{} {}\n", "»".yellow(), line));
    }
    out
}

/// The prompt for agent turn `n`.
pub fn prompt(n: usize) -> String {
    format!("[{n}] you> ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn mood_bar_has_five_steps() {
        assert_eq!(mood_bar(-10), "■□□□□");
        assert_eq!(mood_bar(0), "■■■□□");
        assert_eq!(mood_bar(10), "■■■■■");
    }

    #[test]
    fn wrap_counts_cjk_as_two_columns() {
        let lines = wrap(
            "您好，我是王经理，今天打电话是关于您的信用卡账单的事情。",
            0,
            20,
        );
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.width() <= 20), "{lines:?}");
        let lines = wrap("hello there general kenobi", 0, 12);
        assert_eq!(lines, vec!["hello there", "general", "kenobi"]);
    }

    #[test]
    fn chinese_labels_align() {
        colored::control::set_override(false);
        let text = |en: &str, zh: &str| crate::content::raw::GapText {
            en: en.into(),
            zh: zh.into(),
        };
        let words = Texts(
            [
                ("you".to_string(), text("you", "催收员")),
                ("borrower".to_string(), text("borrower", "客户")),
            ]
            .into(),
        );
        let a = spoken(&words, Lang::Zh, true, "您好", None);
        let b = spoken(&words, Lang::Zh, false, "嗯", None);
        let col = |s: &str, t: &str| s.find(t).map(|i| s[..i].width());
        assert_eq!(col(&a, "您好"), col(&b, "嗯"));
    }
}
