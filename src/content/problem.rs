//! A problem found in content: where it is, what is wrong, how to fix it. Rendered once, here.
//! What is wrong and the fix are messages by id with their values (intents/messages.yaml), so
//! they are said in the interface language; without one, and in JSON, in English.

use std::fmt::Write as _;
use std::sync::Arc;

use serde::{Serialize, Serializer};
use unicode_width::UnicodeWidthStr;

use crate::lang::Lang;
use crate::report::messages::{Message, Say};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A 1-based position in a file; `line == 0` when unknown (the whole file).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Serialize)]
pub struct Loc {
    pub line: u32,
    pub col: u32,
    /// Length of the offending token in characters, for the caret line.
    #[serde(skip)]
    pub len: u32,
}

impl Loc {
    pub const UNKNOWN: Loc = Loc {
        line: 0,
        col: 0,
        len: 0,
    };

    pub fn new(line: u32, col: u32) -> Loc {
        Loc { line, col, len: 1 }
    }

    pub fn with_len(mut self, len: u32) -> Loc {
        self.len = len.max(1);
        self
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    pub severity: Severity,
    pub path: String,
    #[serde(flatten)]
    pub loc: Loc,
    // Boxed: a problem travels as the error of a `Result`, and a message is a few vectors.
    #[serde(serialize_with = "english")]
    pub message: Box<Message>,
    #[serde(serialize_with = "english_fix")]
    pub fix: Option<Box<Message>>,
    #[serde(skip)]
    pub source: Option<Arc<str>>,
}

impl Problem {
    pub fn error(path: &str, loc: Loc, message: Message) -> Problem {
        Problem {
            severity: Severity::Error,
            path: path.to_string(),
            loc,
            message: Box::new(message),
            fix: None,
            source: None,
        }
    }

    pub fn warning(path: &str, loc: Loc, message: Message) -> Problem {
        Problem {
            severity: Severity::Warning,
            ..Problem::error(path, loc, message)
        }
    }

    pub fn fix(mut self, fix: Message) -> Problem {
        self.fix = Some(Box::new(fix));
        self
    }

    pub fn with_source(mut self, source: &Arc<str>) -> Problem {
        self.source = Some(Arc::clone(source));
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What is wrong, in English (the shipped words).
    pub fn message_text(&self) -> String {
        Say::shipped_ref(Lang::En).say(&self.message)
    }

    /// The fix, in English (the shipped words).
    pub fn fix_text(&self) -> Option<String> {
        self.fix.as_ref().map(|f| Say::shipped_ref(Lang::En).say(f))
    }

    /// `path:line:col: error: message`, then the source line with a caret, then the fix, in
    /// English.
    pub fn render(&self) -> String {
        self.render_with(["error", "warning", "fix"], Say::shipped_ref(Lang::En))
    }

    /// `render` in the interface language: the words `error`, `warning` and `fix`, what is
    /// wrong and the fix (data in them, such as ids, keys and numbers, as written).
    pub fn render_in(&self, say: &Say) -> String {
        self.render_with(
            ["problem_error", "problem_warning", "problem_fix"].map(|id| say.get(id)),
            say,
        )
    }

    fn render_with(&self, [error, warning, fix_word]: [&str; 3], say: &Say) -> String {
        let mut out = String::new();
        let level = match self.severity {
            Severity::Error => error,
            Severity::Warning => warning,
        };
        let _ = writeln!(
            out,
            "{}:{}:{}: {level}: {}",
            self.path,
            self.loc.line,
            self.loc.col,
            say.say(&self.message)
        );
        if let Some(line_text) = self.source_line() {
            let number = self.loc.line.to_string();
            let gutter = " ".repeat(number.len());
            let all: Vec<char> = line_text
                .chars()
                .map(|c| if c == '\t' { ' ' } else { c })
                .collect();
            // Long lines show a window around the column, so a 20,000-character line stays readable.
            let col = (self.loc.col.saturating_sub(1) as usize).min(all.len());
            let from = col.saturating_sub(60);
            let to = (col + 60).min(all.len());
            let lead = if from > 0 { "…" } else { "" };
            let shown: String = format!("{lead}{}", all[from..to].iter().collect::<String>());
            let before: String = format!("{lead}{}", all[from..col].iter().collect::<String>());
            let token: String = all[col..]
                .iter()
                .take(self.loc.len.max(1) as usize)
                .collect();
            // Width, not char count, so carets line up under CJK text.
            let pad = " ".repeat(UnicodeWidthStr::width(before.as_str()));
            let carets = "^".repeat(UnicodeWidthStr::width(token.as_str()).max(1));
            let _ = writeln!(out, "{gutter} |");
            let _ = writeln!(out, "{number} | {shown}");
            let _ = writeln!(out, "{gutter} | {pad}{carets}");
        }
        if let Some(fix) = &self.fix {
            let _ = writeln!(out, "  = {fix_word}: {}", say.say(fix));
        }
        out
    }

    fn source_line(&self) -> Option<&str> {
        if self.loc.line == 0 {
            return None;
        }
        let source = self.source.as_deref()?;
        source.lines().nth(self.loc.line as usize - 1)
    }
}

/// JSON says a problem's message in English, whatever the interface language: a stable text
/// for scripts.
fn english<S: Serializer>(message: &Message, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&Say::shipped_ref(Lang::En).say(message))
}

fn english_fix<S: Serializer>(fix: &Option<Box<Message>>, s: S) -> Result<S::Ok, S::Error> {
    match fix {
        Some(fix) => english(fix, s),
        None => s.serialize_none(),
    }
}

/// Sorts problems by file and position, errors before warnings at the same place, then by
/// their English text.
pub fn sort(problems: &mut [Problem]) {
    problems.sort_by_cached_key(|p| {
        (
            p.path.clone(),
            p.loc.line,
            p.loc.col,
            p.severity,
            p.message_text(),
        )
    });
}

/// Closest candidate by edit distance, for "did you mean" fixes.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::normalized_damerau_levenshtein(wrong, c), c))
        .filter(|(score, _)| *score >= 0.5)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}
