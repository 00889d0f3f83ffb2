//! Normalisation that remembers where every character came from, so spans found in the
//! normalised text can be reported in the agent's own text.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

/// Lines longer than this are analysed on their first part only: no agent types more in one
/// turn, and it keeps analysis time and memory bounded whatever arrives.
pub const MAX_CHARS: usize = 2_000;

#[derive(Debug, Clone)]
pub struct Normalized {
    /// NFKC, controls turned to spaces, whitespace collapsed; case kept (names need it).
    pub cased: String,
    /// `cased` lower-cased: what cues and similarity see.
    pub folded: String,
    /// For each byte of `cased`, the index of the original character it came from.
    pub cased_origin: Vec<u32>,
    /// For each byte of `folded`, the index of the original character it came from.
    pub folded_origin: Vec<u32>,
    /// Number of characters of the original that were analysed.
    pub chars: usize,
    pub truncated: bool,
}

pub fn normalize(text: &str) -> Normalized {
    let capacity = text.len().min(MAX_CHARS * 4);
    let mut n = Normalized {
        cased: String::with_capacity(capacity),
        folded: String::with_capacity(capacity),
        cased_origin: Vec::with_capacity(capacity),
        folded_origin: Vec::with_capacity(capacity),
        chars: 0,
        truncated: false,
    };
    let mut last_space = true;
    for (index, original) in text.chars().enumerate() {
        if index >= MAX_CHARS {
            n.truncated = true;
            break;
        }
        n.chars = index + 1;
        // NFKC one character at a time; most characters (ASCII, common Han) are their own NFKC
        // and the quick check says so without building a normaliser.
        if original.is_ascii() {
            emit_ascii(&mut n, &mut last_space, original as u8, index);
        } else if is_common_han(original) {
            // Its own NFKC and its own lower case; not a space, control or invisible.
            last_space = false;
            push(&mut n.cased, &mut n.cased_origin, original, index);
            push(&mut n.folded, &mut n.folded_origin, original, index);
        } else if is_nfkc_quick(std::iter::once(original)) == IsNormalized::Yes {
            emit(&mut n, &mut last_space, original, index);
        } else {
            let mut buf = [0u8; 4];
            for c in original.encode_utf8(&mut buf).nfkc() {
                emit(&mut n, &mut last_space, c, index);
            }
        }
    }
    while n.cased.ends_with(' ') {
        n.cased.pop();
        n.cased_origin.pop();
    }
    while n.folded.ends_with(' ') {
        n.folded.pop();
        n.folded_origin.pop();
    }
    n
}

/// One NFKC character of original character `index`: invisibles dropped, controls and
/// whitespace collapsed to one space, then pushed cased and folded.
fn emit(n: &mut Normalized, last_space: &mut bool, c: char, index: usize) {
    if is_invisible(c) {
        return;
    }
    let c = if c.is_control() || c.is_whitespace() {
        ' '
    } else {
        c
    };
    if c == ' ' {
        if *last_space {
            return;
        }
        *last_space = true;
    } else {
        *last_space = false;
    }
    push(&mut n.cased, &mut n.cased_origin, c, index);
    if c.is_ascii() {
        push(
            &mut n.folded,
            &mut n.folded_origin,
            c.to_ascii_lowercase(),
            index,
        );
    } else {
        for lower in c.to_lowercase() {
            push(&mut n.folded, &mut n.folded_origin, lower, index);
        }
    }
}

/// `emit` for an ASCII character: never invisible, a space when a control or whitespace, and
/// its own fold but for case.
fn emit_ascii(n: &mut Normalized, last_space: &mut bool, b: u8, index: usize) {
    let b = if b <= b' ' || b == 0x7f { b' ' } else { b };
    if b == b' ' {
        if *last_space {
            return;
        }
        *last_space = true;
    } else {
        *last_space = false;
    }
    n.cased.push(char::from(b));
    n.cased_origin.push(index as u32);
    n.folded.push(char::from(b.to_ascii_lowercase()));
    n.folded_origin.push(index as u32);
}

fn push(s: &mut String, origin: &mut Vec<u32>, c: char, index: usize) {
    s.push(c);
    origin.extend(std::iter::repeat_n(index as u32, c.len_utf8()));
}

/// A CJK unified ideograph of the basic block: what most Chinese text is made of.
fn is_common_han(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}')
}

/// Zero-width and bidi controls carry no meaning for us and would hide words from cues.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{feff}')
}

impl Normalized {
    /// Original character range for a byte range of `cased`.
    pub fn cased_to_chars(&self, start: usize, end: usize) -> (usize, usize) {
        to_chars(&self.cased_origin, start, end)
    }

    /// Original character range for a byte range of `folded`.
    pub fn folded_to_chars(&self, start: usize, end: usize) -> (usize, usize) {
        to_chars(&self.folded_origin, start, end)
    }
}

fn to_chars(origin: &[u32], start: usize, end: usize) -> (usize, usize) {
    if origin.is_empty() || start >= end {
        return (0, 0);
    }
    let s = origin.get(start).copied().unwrap_or(0) as usize;
    let e = origin
        .get(end.saturating_sub(1))
        .copied()
        .map(|e| e as usize + 1)
        .unwrap_or(s + 1);
    (s, e.max(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_and_case_fold_map_back() {
        let n = normalize("Ｐay  ５２００元 NOW");
        assert_eq!(n.cased, "Pay 5200元 NOW");
        assert_eq!(n.folded, "pay 5200元 now");
        let at = n.folded.find("5200").unwrap();
        assert_eq!(n.folded_to_chars(at, at + 4), (5, 9));
    }

    #[test]
    fn fast_path_agrees_with_full_nfkc() {
        // Each character normalised alone, as the fast path assumes.
        let text = "Ａ①㍿ﬁ Å e\u{301} 你好，世界！ ｶ ½ \u{2126} \u{212a} ſ ＳＴＲＡßＥ İ";
        let n = normalize(text);
        let mut expected = String::new();
        for c in text.chars() {
            let mut buf = [0u8; 4];
            expected.extend(c.encode_utf8(&mut buf).nfkc());
        }
        assert_eq!(
            n.cased,
            expected.split_whitespace().collect::<Vec<_>>().join(" ")
        );
        assert_eq!(n.folded, n.cased.to_lowercase());
        assert_eq!(n.cased_origin.len(), n.cased.len());
        assert_eq!(n.folded_origin.len(), n.folded.len());
    }

    /// The plain per-character NFKC, without the fast path.
    fn reference(text: &str) -> (String, Vec<u32>, String, Vec<u32>) {
        let (mut cased, mut co, mut folded, mut fo) =
            (String::new(), vec![], String::new(), vec![]);
        let mut last_space = true;
        for (index, original) in text.chars().enumerate().take(MAX_CHARS) {
            let mut buf = [0u8; 4];
            for c in original.encode_utf8(&mut buf).nfkc() {
                if is_invisible(c) {
                    continue;
                }
                let c = if c.is_control() || c.is_whitespace() {
                    ' '
                } else {
                    c
                };
                if c == ' ' && last_space {
                    continue;
                }
                last_space = c == ' ';
                push(&mut cased, &mut co, c, index);
                for lower in c.to_lowercase() {
                    push(&mut folded, &mut fo, lower, index);
                }
            }
        }
        while cased.ends_with(' ') {
            cased.pop();
            co.pop();
        }
        while folded.ends_with(' ') {
            folded.pop();
            fo.pop();
        }
        (cased, co, folded, fo)
    }

    proptest::proptest! {
        #[test]
        fn same_as_plain_nfkc(text in "(\\PC|\\s|[\\x{300}-\\x{36f}\\x{ff00}-\\x{ffef}\\x{3300}-\\x{33ff}])*") {
            let n = normalize(&text);
            let (cased, co, folded, fo) = reference(&text);
            proptest::prop_assert_eq!(n.cased, cased);
            proptest::prop_assert_eq!(n.cased_origin, co);
            proptest::prop_assert_eq!(n.folded, folded);
            proptest::prop_assert_eq!(n.folded_origin, fo);
        }
    }

    #[test]
    fn common_han_is_its_own_nfkc_and_lower_case() {
        for c in '\u{4e00}'..='\u{9fff}' {
            let mut buf = [0u8; 4];
            let nfkc: String = c.encode_utf8(&mut buf).nfkc().collect();
            assert_eq!(nfkc, c.to_string(), "{c:?}");
            assert!(c.to_lowercase().eq([c]), "{c:?}");
            assert!(!c.is_whitespace() && !c.is_control() && !is_invisible(c));
        }
    }

    #[test]
    fn controls_and_long_lines_are_bounded() {
        let n = normalize("a\u{0}\u{7}b\u{200b}c");
        assert_eq!(n.folded, "a bc");
        let long = "x".repeat(MAX_CHARS * 3);
        let n = normalize(&long);
        assert!(n.truncated);
        assert_eq!(n.chars, MAX_CHARS);
    }
}
