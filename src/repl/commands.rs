//! Slash commands, the hint (the first unmet `require`/`order` rule of the rubric) and the
//! scenario to practise next (the weakest dimension).

use std::collections::BTreeMap;

use crate::content::ContentPack;
use crate::content::raw::{Answerer, Check, Dimension, Rubric, Scenario};
use crate::lang::Lang;
use crate::scoring::Scores;

pub const NAMES: [&str; 10] = [
    "/help", "/facts", "/hint", "/undo", "/score", "/restart", "/end", "/quit", "/retry", "/exit",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    Help,
    Facts,
    Hint,
    Undo,
    Score,
    Restart,
    End,
    Quit,
    Retry,
    Unknown(String),
}

/// A slash command, or `None` for a spoken line.
pub fn parse(line: &str) -> Option<Command> {
    let word = line.trim();
    if !word.starts_with('/') {
        return None;
    }
    let name = word
        .split_whitespace()
        .next()
        .unwrap_or(word)
        .to_lowercase();
    Some(match name.as_str() {
        "/help" | "/?" => Command::Help,
        "/facts" => Command::Facts,
        "/hint" => Command::Hint,
        "/undo" => Command::Undo,
        "/score" => Command::Score,
        "/restart" => Command::Restart,
        "/end" => Command::End,
        "/quit" | "/exit" => Command::Quit,
        "/retry" => Command::Retry,
        _ => Command::Unknown(name),
    })
}

fn applies(rule_answerers: &[Answerer], s: &Scenario) -> bool {
    rule_answerers.is_empty() || rule_answerers.contains(&s.answerer)
}

/// The next good step: the first `require` or `order` rule whose act has not been said yet,
/// as (rule id, advice in the call's language).
pub fn hint(
    rubric: &Rubric,
    scenario: &Scenario,
    said: &BTreeMap<String, u32>,
) -> Option<(String, String)> {
    rubric.rules.iter().find_map(|rule| {
        if !applies(&rule.applies_to, scenario) {
            return None;
        }
        let act = match &rule.check {
            Check::Require {
                act,
                first_contact_only,
                ..
            } if !*first_contact_only || scenario.context.first_contact => act,
            Check::Order { act, .. } => act,
            _ => return None,
        };
        (!said.contains_key(&act.value)).then(|| {
            (
                rule.id.value.clone(),
                rule.advice.value.text(scenario.lang).to_string(),
            )
        })
    })
}

/// The advice of the rubric rule that forbids this risk category, if any.
pub fn risk_advice(rubric: &Rubric, category: &str, lang: Lang) -> Option<String> {
    rubric.rules.iter().find_map(|rule| match &rule.check {
        Check::Forbid { categories, acts } => {
            (categories.iter().any(|c| c.value.name() == category)
                || acts.iter().any(|a| a.value == category))
            .then(|| rule.advice.value.text(lang).to_string())
        }
        _ => None,
    })
}

/// The weakest dimension of a grade.
pub fn weakest(scores: &Scores) -> Dimension {
    Dimension::ALL
        .into_iter()
        .fold(Dimension::Verification, |best, d| {
            if scores.get(d) < scores.get(best) {
                d
            } else {
                best
            }
        })
}

/// Which scenario trains a dimension best: verification → a fraudulent caller, accuracy → an
/// informed borrower, tone → an emotional one, compliance → a third party on the line.
pub fn next_scenario<'a>(
    pack: &'a ContentPack,
    current: &Scenario,
    weak: Dimension,
) -> Option<&'a Scenario> {
    let fits = |s: &Scenario| match weak {
        Dimension::Verification => s.kind.value == "fraudulent",
        Dimension::Accuracy => s.kind.value == "informed",
        Dimension::Tone => s.kind.value == "emotional",
        Dimension::Compliance => s.answerer == Answerer::ThirdParty || s.kind.value == "refusing",
    };
    let same_lang = || pack.scenarios.values().filter(|s| s.lang == current.lang);
    same_lang()
        .find(|s| fits(s) && s.id.value != current.id.value)
        .or_else(|| same_lang().find(|s| fits(s)))
        .or_else(|| same_lang().find(|s| s.id.value != current.id.value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_slash_commands() {
        assert_eq!(parse("/HINT please"), Some(Command::Hint));
        assert_eq!(parse(" /end"), Some(Command::End));
        assert_eq!(parse("/nope"), Some(Command::Unknown("/nope".into())));
        assert_eq!(parse("hello"), None);
    }

    #[test]
    fn hint_names_the_first_unmet_required_act() {
        let pack = crate::content::load::builtin().expect("builtin");
        let s = pack.scenario("en-willing-personal-loan").expect("scenario");
        let rubric = pack.rubric(&s.rubric.value).expect("rubric");
        let (first, advice) = hint(rubric, s, &BTreeMap::new()).expect("a hint");
        assert!(!advice.is_empty());
        let Some(rule) = rubric.rules.iter().find(|r| r.id.value == first) else {
            panic!("unknown rule {first}");
        };
        let act = match &rule.check {
            Check::Require { act, .. } | Check::Order { act, .. } => act.value.clone(),
            _ => panic!("not a require/order rule"),
        };
        let said = BTreeMap::from([(act, 1)]);
        assert_ne!(hint(rubric, s, &said).map(|h| h.0), Some(first));
    }
}
