//! Splitting a line into clauses, so one line can carry several acts ("hi, this is Dana from
//! Acme, am I speaking with Daniel?").

/// Byte ranges of the clauses of `text` (folded), never empty, never splitting a number.
pub fn split(text: &str, extra_breaks: &[String]) -> Vec<(usize, usize)> {
    let mut cuts: Vec<(usize, usize)> = Vec::new(); // (cut start, cut end): text removed
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|n| n.1);
        let between_digits =
            prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit());
        let is_break = match c {
            '。' | '！' | '？' | '；' | '，' | '!' | '?' | ';' | '\n' | '…' => true,
            ',' => !between_digits,
            // "5.2" and "e.g" stay whole; a full stop ends a clause when a space or the end follows.
            '.' => next.is_none_or(|n| n == ' ') && !between_digits && !after_title(&text[..i]),
            // Chinese typed without punctuation uses spaces instead: "喂 您好 我是小李", also
            // after a number: "下周五还2500 到时候我再打给您".
            ' ' => {
                prev.is_some_and(|p| is_han(p) || p.is_ascii_digit()) && next.is_some_and(is_han)
            }
            _ => false,
        };
        if is_break {
            cuts.push((i, i + c.len_utf8()));
        }
    }
    for word in extra_breaks {
        let w = word.as_str();
        if w.is_empty() || w.chars().count() == 1 {
            continue; // single characters are handled above
        }
        let mut from = 0;
        while let Some(at) = text[from..].find(w) {
            let start = from + at;
            // Keep the connective with the clause it starts ("but I can...").
            cuts.push((start, start));
            from = start + w.len();
        }
    }
    cuts.sort_unstable();
    let mut clauses = Vec::new();
    let mut start = 0;
    for (cut_start, cut_end) in cuts {
        if cut_start >= start {
            push(text, &mut clauses, start, cut_start);
            start = cut_end.max(start);
        }
    }
    push(text, &mut clauses, start, text.len());
    clauses
}

pub fn is_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// "Mr. Lee" is one name, not the end of a clause.
fn after_title(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(
        word,
        "mr" | "mrs" | "ms" | "dr" | "st" | "jr" | "sr" | "Mr" | "Mrs" | "Ms" | "Dr"
    )
}

fn push(text: &str, out: &mut Vec<(usize, usize)>, start: usize, end: usize) {
    let slice = &text[start..end];
    let trimmed_start = start + (slice.len() - slice.trim_start().len());
    let trimmed_end = end - (slice.len() - slice.trim_end().len());
    if trimmed_end > trimmed_start
        && text[trimmed_start..trimmed_end]
            .chars()
            .any(char::is_alphanumeric)
    {
        out.push((trimmed_start, trimmed_end));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str, extra: &[&str]) -> Vec<String> {
        let extra: Vec<String> = extra.iter().map(|s| s.to_string()).collect();
        split(text, &extra)
            .into_iter()
            .map(|(s, e)| text[s..e].to_string())
            .collect()
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            parts("you owe $5,200.50, pay by friday.", &[]),
            vec!["you owe $5,200.50", "pay by friday"]
        );
        assert_eq!(
            parts("您好，我是小王。请问是李先生吗？", &[]),
            vec!["您好", "我是小王", "请问是李先生吗"]
        );
        assert_eq!(
            parts("喂 您好 我是小王 call会录音", &[]),
            vec!["喂", "您好", "我是小王 call会录音"]
        );
        assert_eq!(
            parts("约定下周五还2500 到时候我再打给您", &[]),
            vec!["约定下周五还2500", "到时候我再打给您"]
        );
    }

    #[test]
    fn connectives_start_a_clause() {
        assert_eq!(
            parts("i understand but you need to pay", &[" but "]),
            vec!["i understand", "but you need to pay"]
        );
    }
}
