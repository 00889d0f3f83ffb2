//! A rubric's rules made ready to run (regexes compiled, word lists built) and the language
//! cues as phrase sets: built once per content pack and shared by every grade. Building them
//! costs far more than grading one call, so a folder of transcripts must not pay it per file.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use regex::Regex;

use super::cues::Phrases;
use crate::content::ContentPack;
use crate::content::raw::{BiList, Check, LanguageCues, Rubric};
use crate::content::yaml::Located;
use crate::lang::Lang;
use crate::understanding::prefilter::{self, PrefilteredSet};

/// Per rule of one rubric, in rule order.
pub struct RubricRules {
    /// A trigger's patterns behind one literal prefilter (empty for other checks): each is
    /// tried on every line of the other side.
    pub triggers: Vec<PrefilteredSet>,
    /// A pattern check's keywords and regexes (empty for other checks).
    pub pattern_words: Vec<Phrases>,
    pub pattern_res: Vec<Vec<Regex>>,
    /// Its act lists as plain strings ([before | acts | respond_with, forbid_after]).
    pub lists: Vec<[Vec<String>; 2]>,
    /// Acts behind a verification gate, over all gate rules.
    pub gated: Vec<String>,
}

/// The language cues the checks look for around a hit.
pub struct LanguagePhrases {
    pub negation: Phrases,
    pub quotation: Phrases,
    pub conditional: Phrases,
    pub pressure: Phrases,
}

/// What a pack caches for grading: the language phrases, and each of its rubrics' rules
/// compiled on first use.
pub struct GradingCache {
    pub language: LanguagePhrases,
    rubrics: BTreeMap<String, OnceLock<Arc<RubricRules>>>,
}

impl std::fmt::Debug for GradingCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("GradingCache")
            .field("rubrics", &self.rubrics.keys().collect::<Vec<_>>())
            .finish_non_exhaustive()
    }
}

impl GradingCache {
    pub fn new(pack: &ContentPack) -> GradingCache {
        GradingCache {
            language: LanguagePhrases::new(&pack.language),
            rubrics: pack
                .rubrics
                .keys()
                .map(|id| (id.clone(), OnceLock::new()))
                .collect(),
        }
    }

    /// The rules of `rubric`: cached when it is the pack's own rubric of that id, compiled
    /// afresh for any other (a rubric built outside the pack, as tests do).
    pub fn rules(&self, pack: &ContentPack, rubric: &Rubric) -> Arc<RubricRules> {
        let own = pack
            .rubrics
            .get(&rubric.id.value)
            .is_some_and(|r| std::ptr::eq(r, rubric));
        match self.rubrics.get(&rubric.id.value) {
            Some(cell) if own => cell
                .get_or_init(|| Arc::new(RubricRules::new(rubric)))
                .clone(),
            _ => Arc::new(RubricRules::new(rubric)),
        }
    }
}

impl LanguagePhrases {
    fn new(lang: &LanguageCues) -> LanguagePhrases {
        LanguagePhrases {
            negation: words(&[&lang.negation, &lang.reassurance]),
            quotation: words(&[&lang.quotation]),
            conditional: words(&[&lang.conditional]),
            pressure: words(&[&lang.pressure]),
        }
    }
}

impl RubricRules {
    pub fn new(rubric: &Rubric) -> RubricRules {
        let names =
            |v: &[Located<String>]| -> Vec<String> { v.iter().map(|a| a.value.clone()).collect() };
        let mut rules = RubricRules {
            triggers: Vec::new(),
            pattern_words: Vec::new(),
            pattern_res: Vec::new(),
            lists: Vec::new(),
            gated: Vec::new(),
        };
        for rule in &rubric.rules {
            let (trigger, keywords, patterns) = match &rule.check {
                Check::Trigger { borrower, .. } => (sources(borrower), words(&[]), Vec::new()),
                Check::Pattern { keywords, patterns } => {
                    (Vec::new(), words(&[keywords]), compile(patterns))
                }
                _ => (Vec::new(), words(&[]), Vec::new()),
            };
            rules.triggers.push(PrefilteredSet::new(trigger));
            rules.pattern_words.push(keywords);
            rules.pattern_res.push(patterns);
            if let Check::Gate { acts } = &rule.check {
                rules.gated.extend(acts.iter().map(|a| a.value.clone()));
            }
            rules.lists.push(match &rule.check {
                Check::Order { before, .. } => [names(before), Vec::new()],
                Check::Forbid { acts, .. } | Check::Gate { acts } => [names(acts), Vec::new()],
                Check::Trigger {
                    respond_with,
                    forbid_after,
                    ..
                } => [names(respond_with), names(forbid_after)],
                _ => [Vec::new(), Vec::new()],
            });
        }
        rules
    }
}

fn sources(list: &BiList) -> Vec<String> {
    Lang::ALL
        .iter()
        .flat_map(|l| list.get(*l))
        .map(|p| p.value.clone())
        .collect()
}

fn compile(list: &BiList) -> Vec<Regex> {
    Lang::ALL
        .iter()
        .flat_map(|l| list.get(*l))
        .filter_map(|p| {
            // Invalid patterns were reported by `validate`; a grade skips them.
            prefilter::compile(&p.value).ok()
        })
        .collect()
}

fn words(lists: &[&BiList]) -> Phrases {
    let all: Vec<&String> = lists
        .iter()
        .flat_map(|l| Lang::ALL.into_iter().flat_map(move |lang| l.get(lang)))
        .map(|s| &s.value)
        .collect();
    Phrases::new([all])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_packs_rubric_is_compiled_once_and_a_foreign_one_afresh() {
        let pack = crate::content::load::builtin().expect("built-in content loads");
        let (id, rubric) = pack.rubrics.iter().next().expect("a rubric");
        let cache = pack.grading();
        let first = cache.rules(&pack, rubric);
        assert!(Arc::ptr_eq(&first, &cache.rules(&pack, rubric)));
        assert_eq!(first.lists.len(), rubric.rules.len());
        // Same id, but not the pack's own value: it may differ, so it is not served from cache.
        let copy = pack.rubrics[id].clone();
        let other = cache.rules(&pack, &copy);
        assert!(!Arc::ptr_eq(&first, &other));
        assert_eq!(other.lists, first.lists);
    }
}
