//! Wrapping prose to a width in display columns, for the terminal debrief: English breaks at
//! spaces, Chinese between any two characters, and closing punctuation (，。！？、) never starts a
//! line. Display width, not characters, so a CJK line is as wide as a Latin one.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Punctuation that must stay on the line before it.
fn closing(c: char) -> bool {
    matches!(
        c,
        '，' | '。'
            | '！'
            | '？'
            | '、'
            | '；'
            | '：'
            | '）'
            | '”'
            | '’'
            | '》'
            | '」'
            | '…'
            | ','
            | '.'
            | '!'
            | '?'
            | ';'
            | ':'
            | ')'
    )
}

/// Unbreakable pieces with whether a space stood before each: a Latin word (with its
/// punctuation), or one wide character with any closing punctuation after it.
fn atoms(text: &str) -> Vec<(bool, String)> {
    let mut out: Vec<(bool, String)> = Vec::new();
    let mut space = false;
    let mut word = String::new();
    let flush = |word: &mut String, space: &mut bool, out: &mut Vec<(bool, String)>| {
        if !word.is_empty() {
            out.push((*space, std::mem::take(word)));
            *space = false;
        }
    };
    for c in text.chars() {
        if c.is_whitespace() {
            flush(&mut word, &mut space, &mut out);
            space = !out.is_empty();
        } else if closing(c) && word.is_empty() && !space {
            match out.last_mut() {
                Some((_, last)) => last.push(c),
                None => word.push(c),
            }
        } else if c.width().unwrap_or(0) > 1 {
            flush(&mut word, &mut space, &mut out);
            word.push(c);
            flush(&mut word, &mut space, &mut out);
        } else {
            word.push(c);
        }
    }
    flush(&mut word, &mut space, &mut out);
    out
}

/// `text` in lines of at most `width` columns (a longer word is cut); the first line has
/// `first` columns fewer, for a label before it.
pub fn wrap(text: &str, first: usize, width: usize) -> Vec<String> {
    let width = width.max(8);
    let mut lines = vec![String::new()];
    let mut room = width.saturating_sub(first).max(1);
    for (space, atom) in atoms(text) {
        let line = lines.last_mut().expect("never empty");
        let gap = usize::from(space && !line.is_empty());
        let w = atom.width();
        if line.width() + gap + w <= room {
            if gap == 1 {
                line.push(' ');
            }
            line.push_str(&atom);
            continue;
        }
        if !line.is_empty() {
            lines.push(String::new());
            room = width;
        }
        // A word wider than the line is cut where it must be.
        for c in atom.chars() {
            let line = lines.last_mut().expect("never empty");
            if line.width() + c.width().unwrap_or(0) > room {
                lines.push(String::new());
                room = width;
            }
            lines.last_mut().expect("never empty").push(c);
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_breaks_at_spaces_within_the_width() {
        let lines = wrap(
            "Say who you are and why you call before anything else.",
            0,
            20,
        );
        assert_eq!(
            lines,
            [
                "Say who you are and",
                "why you call before",
                "anything else."
            ]
        );
        assert!(lines.iter().all(|l| l.width() <= 20));
    }

    #[test]
    fn chinese_breaks_between_characters_but_not_before_a_comma() {
        let lines = wrap("您好，我是诚达公司的小李，请问是王海燕女士本人吗？", 0, 12);
        assert!(lines.iter().all(|l| l.width() <= 12), "{lines:?}");
        assert!(lines.iter().all(|l| !l.starts_with('，')), "{lines:?}");
        assert_eq!(
            lines.concat(),
            "您好，我是诚达公司的小李，请问是王海燕女士本人吗？"
        );
    }

    #[test]
    fn the_first_line_leaves_room_for_its_label_and_long_words_are_cut() {
        let lines = wrap("abcdefghijklmnopqrstuvwxyz end", 4, 10);
        assert_eq!(lines[0], "abcdef");
        assert!(lines.iter().all(|l| l.width() <= 10));
        assert_eq!(lines.last().map(String::as_str), Some("end"));
    }
}
