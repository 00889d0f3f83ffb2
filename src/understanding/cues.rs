//! High-precision cues: keywords (aho-corasick) and patterns (regex) from the catalogue, with
//! negation and quotation handled, so "no one is going to arrest you" is not a threat.

use aho_corasick::{AhoCorasick, Anchored, Input, MatchKind, StartKind};

use super::prefilter::PrefilteredSet;

use crate::content::raw::{Act, LanguageCues, Severity};
use crate::lang::Lang;

#[derive(Debug, Clone)]
pub struct CueMeta {
    pub act: usize,
    pub rule: Option<String>,
    pub severity: Option<Severity>,
    /// Keyword of Latin script: must sit on word boundaries.
    ascii: bool,
    /// The negations (ids in `Cues::negation`) the cue's own text holds ("can't dispute",
    /// "坐不了高铁", "good for nothing" in an insult list): one of these inside its match is part
    /// of it; any other negates ("credit won't be ruined forever", "you're not a deadbeat").
    own_negations: Vec<usize>,
    /// The cue's words (`literal_text`) when it holds negations of its own, to tell where
    /// the line has them as the cue does (`own_wording`); empty otherwise.
    own_text: String,
    /// The keyword or pattern, for explanations.
    pub source: String,
}

#[derive(Debug, Clone)]
pub struct CueHit {
    pub meta: usize,
    /// Byte range in the text searched.
    pub start: usize,
    pub end: usize,
    /// A negation or reassurance stands before it in the clause.
    pub negated: bool,
    /// The agent is quoting or reporting someone else.
    pub quoted: bool,
}

#[derive(Debug)]
pub struct Cues {
    pub meta: Vec<CueMeta>,
    keywords: Option<AhoCorasick>,
    keyword_meta: Vec<usize>,
    patterns: PrefilteredSet,
    /// The meta of each pattern in `patterns`.
    pattern_meta: Vec<usize>,
    negation: Phrases,
    /// Per negation word: it is also a negated subject ("nobody"), so a new subject cuts it off.
    negation_wide: Vec<bool>,
    quotation: Phrases,
    quotation_levers: Phrases,
    warnings: Phrases,
    thresholds: Phrases,
    /// "his manager", "他室友": a relation of the borrower's named as the listener's.
    third_party: Phrases,
    /// "he", "她", "wife", "室友": someone besides the listener spoken of.
    third_person: Phrases,
    /// "can you hear me", "没听清": the agent checks the line or asks to hear it again.
    repair: Phrases,
    relays: Phrases,
    call_backs: Phrases,
    conditional: Phrases,
    /// Connectives of cause ("因为", "由于"): a conditional marker after one inside a negated
    /// statement closes the reason ("没有谁会因为欠信用卡就上门抓你"), not a condition.
    causes: Phrases,
    not_negating: Phrases,
    /// Negations with a subject's reach ("no one", "不会有人"): they govern the whole clause,
    /// not just the next few words.
    wide_negation: Phrases,
    /// A new subject taking over ("we'll", "我们就"): a negated subject before it does not
    /// reach past it.
    scope_breaks: Phrases,
}

/// How far back a negation reaches, in characters: the ordinary short window ("not going to
/// arrest"), and the clause-wide one of a negated subject ("no one from our office is ever
/// going to arrest you", "不会有人因为这个账户被逮捕").
const WINDOW_HAN: usize = 8;
const WINDOW_LATIN: usize = 32;
const WIDE_WINDOW_HAN: usize = 24;
const WIDE_WINDOW_LATIN: usize = 80;

/// How far (bytes) before a negation a not-negating phrase holding it may start: "要不" is one
/// Chinese character, "why dont" a word.
const NOT_NEGATING_LEAD: usize = 8;

fn automaton(words: &[String]) -> Option<AhoCorasick> {
    build(words, StartKind::Unanchored)
}

fn build(words: &[String], start: StartKind) -> Option<AhoCorasick> {
    if words.is_empty() {
        return None;
    }
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .start_kind(start)
        .build(words)
        .ok()
}

fn is_ascii_word(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphanumeric()) && s.is_ascii()
}

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(|c| c.is_alphanumeric() && c.is_ascii())
        && !after.is_some_and(|c| c.is_alphanumeric() && c.is_ascii())
}

impl Cues {
    /// Compiles every cue pattern now (see `Analyzer::warm`).
    pub fn warm(&self) {
        self.patterns.warm();
    }

    pub fn build(acts: &[&Act], language: &LanguageCues) -> Cues {
        let mut meta = Vec::new();
        let mut keyword_texts = Vec::new();
        let mut keyword_meta = Vec::new();
        let mut patterns = Vec::new();
        for (act_index, act) in acts.iter().enumerate() {
            for group in &act.cues {
                for lang in Lang::ALL {
                    for kw in group.keywords.get(lang) {
                        let text = kw.value.trim().to_lowercase();
                        if text.is_empty() {
                            continue;
                        }
                        meta.push(CueMeta {
                            act: act_index,
                            rule: group.rule.as_ref().map(|r| r.value.clone()),
                            severity: group.severity,
                            ascii: is_ascii_word(&text),
                            own_negations: Vec::new(),
                            own_text: String::new(),
                            source: text.clone(),
                        });
                        keyword_meta.push(meta.len() - 1);
                        keyword_texts.push(text);
                    }
                    for p in group.patterns.get(lang) {
                        // Compiled on first use; one that does not compile never matches
                        // (validation reported it).
                        meta.push(CueMeta {
                            act: act_index,
                            rule: group.rule.as_ref().map(|r| r.value.clone()),
                            severity: group.severity,
                            ascii: false,
                            own_negations: Vec::new(),
                            own_text: String::new(),
                            source: p.value.clone(),
                        });
                        patterns.push((p.value.clone(), meta.len() - 1));
                    }
                }
            }
        }
        let (regexes, pattern_meta): (Vec<String>, Vec<usize>) = patterns.into_iter().unzip();
        let list = |l: &crate::content::raw::BiList| l.lowercased();
        let mut negation_words = list(&language.negation);
        negation_words.extend(list(&language.reassurance));
        let quotation_words = list(&language.quotation);
        let threshold_words = list(&language.thresholds);
        // Each language's possessives before its relations: English with a space between.
        let mut third_party_words = Vec::new();
        for lang in crate::lang::Lang::ALL {
            let gap = if lang == crate::lang::Lang::En {
                " "
            } else {
                ""
            };
            for owner in language.third_party_possessives.get(lang) {
                for relation in language.third_party_relations.get(lang) {
                    third_party_words.push(
                        format!("{}{gap}{}", owner.value.trim(), relation.value.trim())
                            .to_lowercase(),
                    );
                }
            }
        }
        let repair_words = list(&language.repair);
        let relay_words = list(&language.relays);
        let call_back_words = list(&language.call_backs);
        let mut third_person_words = list(&language.third_person);
        third_person_words.extend(list(&language.third_party_relations));
        let conditional_words = list(&language.conditional);
        let not_negating_words = list(&language.not_negating);
        let wide_words = list(&language.negation_wide);
        let break_words = list(&language.scope_breaks);
        let negation = Phrases::new(&negation_words);
        for m in &mut meta {
            let text = literal_text(&m.source);
            m.own_negations = negation.found(&text);
            if !m.own_negations.is_empty() {
                m.own_text = text;
            }
        }
        Cues {
            meta,
            keywords: automaton(&keyword_texts),
            keyword_meta,
            patterns: PrefilteredSet::new(regexes),
            pattern_meta,
            negation,
            quotation: Phrases::new(&quotation_words),
            quotation_levers: Phrases::new(&list(&language.quotation_levers)),
            warnings: Phrases::new(&list(&language.warnings)),
            thresholds: Phrases::new(&threshold_words),
            third_party: Phrases::new(&third_party_words),
            third_person: Phrases::new(&third_person_words),
            repair: Phrases::new(&repair_words),
            relays: Phrases::new(&relay_words),
            call_backs: Phrases::new(&call_back_words),
            conditional: Phrases::new(&conditional_words),
            causes: Phrases::new(&list(&language.negation_carries)),
            // `not_negating_at` tries it anchored at a few starts.
            not_negating: Phrases::build(&not_negating_words, StartKind::Both),
            negation_wide: negation_words
                .iter()
                .map(|w| wide_words.contains(w))
                .collect(),
            wide_negation: Phrases::new(&wide_words),
            scope_breaks: Phrases::new(&break_words),
        }
    }

    /// Every cue in `scope[from..]` (the clause, folded text), with offsets relative to it,
    /// marked negated or quoted where it is; negation and
    /// quotation are read over all of `scope`, which may start at an earlier clause the
    /// negation's reach runs across ("不会有人 | 因为这个账户被逮捕").
    pub fn find_in(&self, scope: &str, from: usize) -> Vec<CueHit> {
        let clause = &scope[from..];
        let mut hits = Vec::new();
        if let Some(ac) = &self.keywords {
            for m in ac.find_iter(clause) {
                let meta = self.keyword_meta[m.pattern().as_usize()];
                if self.meta[meta].ascii && !boundary_ok(clause, m.start(), m.end()) {
                    continue;
                }
                hits.push(self.hit(scope, from, meta, m.start(), m.end()));
            }
        }
        for (i, m) in self.patterns.first_matches(clause) {
            hits.push(self.hit(scope, from, self.pattern_meta[i], m.start(), m.end()));
        }
        hits.sort_by_key(|h| (h.start, h.end, h.meta));
        hits
    }

    fn hit(&self, scope: &str, from: usize, meta: usize, start: usize, end: usize) -> CueHit {
        let (at, to) = (from + start, from + end);
        let before = &scope[..at];
        let han = !scope[at..to].is_ascii();
        let window = |chars: usize| {
            before
                .char_indices()
                .rev()
                .nth(chars.saturating_sub(1))
                .map(|(i, _)| i)
                .unwrap_or(0)
        };
        // A short window: negation governs what follows it closely ("not going to arrest");
        // a negated subject ("no one", "不会有人") governs its clause.
        let short = window(if han { WINDOW_HAN } else { WINDOW_LATIN });
        let wide = window(if han {
            WIDE_WINDOW_HAN
        } else {
            WIDE_WINDOW_LATIN
        });
        // Every negated subject of the wide list is cut off by a new subject.
        let negated = self.negation_before(
            &self.negation,
            |word| self.negation_wide[word],
            scope,
            before,
            short,
        ) || self.negation_before(&self.wide_negation, |_| true, scope, before, wide)
            || self.negation_in(scope, at, to, Some(&self.meta[meta]));
        // A reporting frame may open the cue's own match ("您刚说怕坐牢", "you said you'd go
        // to jail"): it counts up to the cue's end, not only before its start.
        // A warning frame after it ("…的都是诈骗") makes it what scammers ask, not the agent.
        let quoted = (self.quotation.contains(&scope[..to])
            || self.warnings.contains(&scope[to..]))
            && !self.quotation_levers.contains(&scope[to..]);
        CueHit {
            meta,
            start,
            end,
            negated,
            quoted,
        }
    }
}

impl Cues {
    /// A negation of `words` in `before[window_start..]` that is not part of a condition ("if
    /// you don't pay, ..."); a negated subject (`cut_by_subject` of the word's index) also not cut off from the cue
    /// by a new subject ("nobody cares we'll ..."). A plain negation may govern one: "I'm not
    /// saying we'll sue" is not a threat.
    /// `before` is the scope up to the cue; `scope` the whole of it (a not-negating phrase may
    /// run into the cue: "怎么不去死").
    fn negation_before(
        &self,
        words: &Phrases,
        cut_by_subject: impl Fn(usize) -> bool,
        scope: &str,
        before: &str,
        window_start: usize,
    ) -> bool {
        let Some(ac) = &words.ac else {
            return false;
        };
        let window = &before[window_start..];
        ac.find_iter(window).any(|m| {
            if words.ascii[m.pattern().as_usize()] && !boundary_ok(window, m.start(), m.end()) {
                return false;
            }
            let at = window_start + m.start();
            if a_not_a(scope, at) {
                return false;
            }
            if self.not_negating_at(scope, at) {
                return false;
            }
            // A conditional marker just before the negation, or between it and the cue.
            let lead_start = before[..at]
                .char_indices()
                .rev()
                .nth(15)
                .map(|(i, _)| i)
                .unwrap_or(0);
            let lead = &before[lead_start..at];
            let between = &before[window_start + m.end()..];
            let cut_off =
                cut_by_subject(m.pattern().as_usize()) && self.scope_breaks.contains(between);
            !(self.conditional.contains(lead) || self.condition_between(between) || cut_off)
        })
    }

    /// A conditional marker between a negation and its cue that no cause opens before it:
    /// in "会因为欠信用卡就上门" the 就 ends the reason the negation denies.
    fn condition_between(&self, between: &str) -> bool {
        let cause = self.causes.hits(between).next().map(|m| m.start());
        self.conditional
            .hits(between)
            .any(|m| cause.is_none_or(|c| m.start() < c))
    }
}

impl Cues {
    /// `text` makes a time a threshold ("超过90天", "once ur 120 days past due"), not a fact of
    /// the account.
    pub fn threshold(&self, text: &str) -> bool {
        self.thresholds.contains(text)
    }

    /// `text` names the listener as a relation of the borrower's ("is this his manager?",
    /// "你是他室友吧").
    pub fn third_party_listener(&self, text: &str) -> bool {
        self.third_party.contains(text)
    }

    /// `text` speaks of someone besides the listener ("tell him", "她老公", "ur wife").
    pub fn third_person(&self, text: &str) -> bool {
        self.third_person.contains(text)
    }

    /// `text` checks the line or asks the borrower to say something again ("can u hear me",
    /// "您再说一遍").
    pub fn repair(&self, text: &str) -> bool {
        self.repair.contains(text)
    }

    /// `text` passes word to the borrower ("let him know", "转告他") and nothing in `line` asks
    /// them to call back ("tell him to call me", "让他回个电话"): an ask merged from two
    /// clauses keeps the first one's span.
    pub fn relay_only(&self, text: &str, line: &str) -> bool {
        self.relays.contains(text) && !self.call_backs.contains(line)
    }

    /// Where the first relay in `text` ends ("tell him", "转告"): what follows it is passed on.
    pub fn relay_end(&self, text: &str) -> Option<usize> {
        self.relays.hits(text).next().map(|m| m.end())
    }

    /// `text` quotes or reports someone else ("you said", "有人说"): what follows is theirs,
    /// unless a demand follows it (a lever: "您担心…就赶紧还").
    pub fn quoted(&self, text: &str) -> bool {
        self.quotation.contains(text) && !self.quotation_levers.contains(text)
    }

    /// `text` holds a new subject of the agent's side ("we'll", "我们就") that ends a negation's
    /// reach.
    pub fn breaks_scope(&self, text: &str) -> bool {
        self.scope_breaks.contains(text)
    }

    /// The clause holds a negation or reassurance anywhere ("never to a personal account"): a
    /// risky act found by similarity alone is then too uncertain to report.
    pub fn clause_negated(&self, clause: &str) -> bool {
        self.negation_in(clause, 0, clause.len(), None)
    }

    /// A negation within `clause[from..to]` that no condition before it turns into one, nor
    /// the cue's own wording (`cue`'s `own_negations`).
    fn negation_in(&self, clause: &str, from: usize, to: usize, cue: Option<&CueMeta>) -> bool {
        let Some(ac) = &self.negation.ac else {
            return false;
        };
        ac.find_iter(&clause[from..to]).any(|m| {
            let at = from + m.start();
            let m_end = from + m.end();
            if let Some(cue) = cue
                && cue.own_negations.contains(&m.pattern().as_usize())
                && own_wording(&cue.own_text, &clause[at..m_end], &clause[m_end..])
            {
                return false;
            }
            let inside_word =
                self.negation.ascii[m.pattern().as_usize()] && !boundary_ok(clause, at, m_end);
            let a_not_a = a_not_a(clause, at);
            // "if u dont pay your kids wont ...": a condition anywhere before governs it,
            // unless the agent's side takes over after it ("if you can't pay we will not sue").
            // Up to the negation's end: "we will" overlaps "will not".
            let conditional = self.condition_runs(&clause[..m_end]);
            !(inside_word || a_not_a || conditional || self.not_negating_at(clause, at))
        })
    }

    /// A conditional marker in `before` whose condition runs on to its end: no new subject of
    /// the agent's side (`scope_breaks`) stands after the last marker.
    fn condition_runs(&self, before: &str) -> bool {
        self.conditional
            .hits(before)
            .last()
            .is_some_and(|m| !self.scope_breaks.contains(&before[m.end()..]))
    }

    /// A not-negating phrase ("不还", "don't make me") holds the negation at `at`: it starts
    /// there, or a little before ("要不把车卖了" proposes, "cant u just" suggests).
    fn not_negating_at(&self, before: &str, at: usize) -> bool {
        let Some(ac) = &self.not_negating.ac else {
            return false;
        };
        let earliest = at.saturating_sub(NOT_NEGATING_LEAD);
        (earliest..=at)
            .filter(|&s| before.is_char_boundary(s))
            .any(|s| {
                let anchored = Input::new(&before[s..]).anchored(Anchored::Yes);
                ac.find(anchored).is_some_and(|m| {
                    m.start() == 0
                        && s + m.end() > at
                        && (!self.not_negating.ascii[m.pattern().as_usize()]
                            || boundary_ok(before, s, s + m.end()))
                })
            })
    }
}

/// The negation at `at` is the middle of an A-not-A question, not a negation: "信不信",
/// "是不是", "会不会" (the match may be "不会"), "有没有".
fn a_not_a(text: &str, at: usize) -> bool {
    let mut rest = text[at..].chars();
    let (Some(neg), Some(next)) = (rest.next(), rest.next()) else {
        return false;
    };
    matches!(neg, '不' | '没') && text[..at].ends_with(next)
}

/// Whether a negation the cue's text holds is, where the line has it, the cue's own wording:
/// a Latin one must go on as the cue's text has it ("not paying" in "not paying is a crime"
/// is the pattern's; "not" in "paying late is not illegal" denies). Where the cue's text goes
/// on in regex syntax after it, or in Chinese, it is taken as the cue's; where the cue's text
/// holds it only inside other words ("nothing"), it is not.
fn own_wording(literal: &str, negation: &str, after: &str) -> bool {
    if !negation.is_ascii() {
        return true;
    }
    let next: String = after
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '\'')
        .collect();
    // Only the word itself: "not" inside "nothing" or "cannot" is another word.
    let joined = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '\'');
    for (i, _) in literal.match_indices(negation) {
        let rest = &literal[i + negation.len()..];
        if joined(literal[..i].chars().next_back()) || joined(rest.chars().next()) {
            continue;
        }
        match rest.strip_prefix(' ') {
            Some(words) if words.starts_with(|c: char| c.is_alphanumeric()) => {
                if !next.is_empty() && words.starts_with(next.as_str()) {
                    return true;
                }
            }
            _ => return true,
        }
    }
    false
}

/// A pattern's words without its escapes (`\bnever\s` -> ` never `), for spotting negations.
fn literal_text(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut chars = source.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            out.push(' ');
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// A list of phrases searched at once, Latin ones only as whole words ("he" not in "the").
#[derive(Debug)]
struct Phrases {
    ac: Option<AhoCorasick>,
    /// Per phrase: Latin, so it must start and end at word boundaries.
    ascii: Vec<bool>,
}

impl Phrases {
    fn new(words: &[String]) -> Phrases {
        Phrases::build(words, StartKind::Unanchored)
    }

    fn build(words: &[String], start: StartKind) -> Phrases {
        Phrases {
            ac: build(words, start),
            ascii: words.iter().map(|w| is_ascii_word(w)).collect(),
        }
    }

    fn contains(&self, text: &str) -> bool {
        self.hits(text).next().is_some()
    }

    /// The phrases `text` holds, leftmost first, Latin ones only as whole words.
    fn hits<'t>(&'t self, text: &'t str) -> impl Iterator<Item = aho_corasick::Match> + 't {
        self.ac.iter().flat_map(move |ac| {
            ac.find_iter(text).filter(move |m| {
                !self.ascii[m.pattern().as_usize()] || boundary_ok(text, m.start(), m.end())
            })
        })
    }

    /// The ids of the phrases `text` holds, ascending, once each.
    fn found(&self, text: &str) -> Vec<usize> {
        let mut ids: Vec<usize> = self.hits(text).map(|m| m.pattern().as_usize()).collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::own_wording;

    #[test]
    fn a_negation_is_the_cues_own_only_where_the_line_goes_on_as_the_cue_does() {
        let literal = r" b(paying late|not paying) b[^,.]{0,25} b(is|are) b[^,.]{0,6} b(illegal) b";
        // "not paying is a crime": the pattern's own subject.
        assert!(own_wording(literal, "not", " paying is a crime"));
        // "paying late is not illegal": a denial the pattern does not spell.
        assert!(!own_wording(literal, "not", " illegal, dont worry"));
        // Held only inside another word: not the cue's.
        assert!(!own_wording("nothing but a  bum", "not", " a bum"));
        // Regex syntax after it, or Chinese: taken as the cue's, as before.
        assert!(own_wording("you won't(ever)? walk", "won't", " walk"));
        assert!(own_wording("下场都不(会|太)好", "不", "会太好"));
    }
}
