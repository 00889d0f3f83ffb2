//! Framing clauses: a clause that only sets how the rest of the line is said ("您放心", "honestly",
//! "i'm not threatening you", "不好意思打扰了", "哎") is not an act of its own when the line does
//! something else. The labelled sets read "您放心，不会有人抓您的" as an explanation of
//! consequences and "不好意思打扰了，麻烦让他回个电话" as a callback request, not also empathy or a
//! greeting. The phrases and the filler words around them are content (`language.frames`,
//! `language.frame_fillers`).

use aho_corasick::AhoCorasick;

use super::clauses::is_han;

#[derive(Debug, Default)]
pub struct Frames {
    /// Any frame phrase, to pass over the many clauses that hold none without more work.
    any: Option<AhoCorasick>,
    /// Frame phrases, longest first, so a longer phrase is taken out before a part of it.
    phrases: Vec<String>,
    /// Words (Latin) or strings (Chinese) that may stand around a frame phrase.
    fillers: Vec<String>,
}

impl Frames {
    pub fn new(mut phrases: Vec<String>, fillers: Vec<String>) -> Frames {
        phrases.retain(|p| !p.trim().is_empty());
        phrases.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        phrases.dedup();
        let mut fillers: Vec<String> = fillers
            .into_iter()
            .map(|f| f.trim().to_string())
            .filter(|f| !f.is_empty())
            .collect();
        fillers.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        fillers.dedup();
        let any = (!phrases.is_empty())
            .then(|| AhoCorasick::new(&phrases).ok())
            .flatten();
        Frames {
            any,
            phrases,
            fillers,
        }
    }

    /// Whether the (folded) clause is a frame phrase and nothing else but fillers and punctuation.
    pub fn is_frame(&self, clause: &str) -> bool {
        if !self.any.as_ref().is_some_and(|ac| ac.is_match(clause)) {
            return false;
        }
        let mut rest = clause.to_string();
        let mut found = false;
        for p in &self.phrases {
            if rest.contains(p.as_str()) {
                found = true;
                rest = rest.replace(p.as_str(), " ");
            }
        }
        if !found {
            return false;
        }
        // Chinese fillers go wherever they stand; Latin ones only as whole words.
        for f in self.fillers.iter().filter(|f| f.chars().any(is_han)) {
            rest = rest.replace(f.as_str(), " ");
        }
        rest.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
            .filter(|w| !w.is_empty())
            .all(|w| self.fillers.iter().any(|f| f == w))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames() -> Frames {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect();
        Frames::new(
            s(&[
                "放心",
                "说实话",
                "honestly",
                "not threatening you",
                "不好意思",
                "打扰了",
            ]),
            s(&["您", "这点", "哈", "跟", "i", "im", "just", "ok"]),
        )
    }

    #[test]
    fn a_frame_phrase_among_fillers_is_a_frame() {
        let f = frames();
        for clause in [
            "您放心",
            "这点您放心哈",
            "跟您说实话",
            "honestly",
            "ok honestly",
            "im not threatening you",
            "不好意思打扰了",
        ] {
            assert!(f.is_frame(clause), "{clause}");
        }
    }

    #[test]
    fn a_clause_that_says_more_is_not() {
        let f = frames();
        for clause in [
            "不会有人抓您",
            "您放心我们不会上门",
            "ur such a loser honestly",
            "ok",
            "您",
            "im not threatening you with jail",
            "",
        ] {
            assert!(!f.is_frame(clause), "{clause}");
        }
    }
}
