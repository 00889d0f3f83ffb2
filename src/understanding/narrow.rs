//! Every pattern (the extractors' own and the content's cues, triggers and rubric patterns) is
//! narrowed before it is compiled, to what the normalised text it runs on can hold: `\d` is
//! 0-9 and `\s` ASCII white space (NFKC has already folded full-width digits and the
//! ideographic space), `\b` and `\B` are ASCII word boundaries (a Chinese character is not a
//! word character, so `\bapp\b` finds "app" in 用app还款), `\p{L}` and `\p{Lu}` are Latin
//! letters with their accents (`\p{Lu}` takes any letter of the extended Latin blocks, where the
//! cases alternate letter by letter), `\p{Han}` the CJK basic block and Extension A.
//!
//! Why: the regex engines build their DFA states lazily, as new text meets them, and the whole
//! Unicode classes (hundreds of byte sequences each) made a line's first sight build thousands:
//! one line with a name and a phone number cost 9.8M instructions, 1.4 ms, against 0.26M on
//! its second sight. A Unicode `\b` also stops the lazy DFA at the first Chinese character.

/// Latin letters with their accents (Latin-1, Extended-A and -B, Vietnamese).
const LATIN_LETTER: &str =
    r"[A-Za-z\x{AA}\x{B5}\x{BA}\x{C0}-\x{D6}\x{D8}-\x{F6}\x{F8}-\x{24F}\x{1E00}-\x{1EFF}]";
/// Upper-case Latin letters: ASCII and Latin-1 exactly; in the extended blocks, where upper
/// and lower case alternate letter by letter, any letter (the exact class is a range per
/// letter, and its reverse automaton alone cost one line 1.2M instructions of DFA states).
const LATIN_UPPER: &str = r"[A-Z\x{C0}-\x{D6}\x{D8}-\x{DE}\x{100}-\x{24F}\x{1E00}-\x{1EFF}]";
/// The CJK basic block and Extension A.
const HAN: &str = r"[\x{3400}-\x{4DBF}\x{4E00}-\x{9FFF}]";

/// `pattern` with its classes narrowed; any other syntax is kept as written (an invalid pattern
/// stays invalid).
pub fn narrow(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() * 2);
    // Inside a bracketed class a class is written without its own brackets. The space is
    // written `\x20` so that verbose patterns (`(?x)`) keep it.
    let mut depth = 0usize;
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if depth == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    out.push(')');
                }
                Some('d') if depth > 0 => out.push_str("0-9"),
                Some('d') => out.push_str("[0-9]"),
                Some('s') if depth > 0 => out.push_str(r"\t\n\x0B\x0C\r\x20"),
                Some('s') => out.push_str(r"[\t\n\x0B\x0C\r\x20]"),
                Some('p') => {
                    // `\p{Han}`, or one letter: `\pL`.
                    let mut name = String::new();
                    for n in chars.by_ref() {
                        name.push(n);
                        if n == '}' || !name.starts_with('{') {
                            break;
                        }
                    }
                    match name.as_str() {
                        "{L}" => out.push_str(LATIN_LETTER),
                        "{Lu}" => out.push_str(LATIN_UPPER),
                        "{Han}" => out.push_str(&format!(r"[\p{{Han}}&&{HAN}]")),
                        _ => {
                            out.push_str(r"\p");
                            out.push_str(&name);
                        }
                    }
                }
                Some(e) => {
                    out.push('\\');
                    out.push(e);
                }
                None => out.push('\\'),
            },
            '[' => {
                depth += 1;
                out.push(c);
            }
            ']' if depth > 0 => {
                depth -= 1;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use regex::Regex;

    use super::narrow;

    fn re(pattern: &str) -> Regex {
        Regex::new(&narrow(pattern)).expect("narrowed pattern compiles")
    }

    #[test]
    fn classes_keep_what_normalised_text_holds() {
        assert!(re(r"^\d+$").is_match("2026"));
        assert!(
            !re(r"^\d+$").is_match("٢٠٢٦"),
            "Arabic-Indic digits are not 0-9"
        );
        assert!(re(r"^[\d,]+$").is_match("1,200"));
        assert!(re(r"a\sb").is_match("a\tb"));
        assert!(
            re(r"(?x) a \s b").is_match("a b"),
            "a verbose pattern keeps its \\s"
        );
        assert!(re(r"^[\s,]+$").is_match(" , "));
        let name = re(r"^\p{Lu}[\p{L}'’\-]*$");
        for n in [
            "José", "Zoë", "O’Neil", "Nguyễn", "Łukasz", "Ávila", "Ørsted",
        ] {
            assert!(name.is_match(n), "{n}");
        }
        assert!(!name.is_match("josé"), "an upper-case letter first");
        assert!(!name.is_match("Jos×"), "× is no letter");
        assert!(re(r"^\p{Han}{2,3}$").is_match("王海燕"));
        assert!(re(r"^\p{Han}$").is_match("㐀"), "Extension A");
        assert!(!re(r"^\p{Han}$").is_match("，"));
        assert!(re(r"^\pL$").is_match("a"), "a one-letter class is kept");
        assert!(re(r"^\p{Greek}$").is_match("λ"), "other classes are kept");
    }

    #[test]
    fn word_boundaries_are_ascii() {
        let app = re(r"\bapp\b");
        assert!(app.is_match("用app还款"));
        assert!(app.is_match("the app."));
        assert!(!app.is_match("apple"));
        assert!(re(r"a\Bb").is_match("ab"));
        // Inside a class `\b` is not a boundary; it is left alone (and stays an error).
        assert!(Regex::new(&narrow(r"[\b]")).is_err());
    }

    #[test]
    fn escapes_and_invalid_patterns_are_kept() {
        assert_eq!(narrow(r"\\d \. \x{41}"), r"\\d \. \x{41}");
        assert_eq!(narrow(r"a\"), r"a\");
        assert!(Regex::new(&narrow(r"(unclosed")).is_err());
    }
}
