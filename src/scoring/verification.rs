//! Right-party verification: what the agent asked, what the other side answered, and whether the
//! answers match the identity on file. A wrong answer is a failed verification, never a pass.

use jiff::civil::Date;

use super::call::{Call, Line};
use super::cues::{FIELDS, ScoringCues};
use super::model::{CheckResult, FieldCheck, VerificationSummary};
use crate::call::facts::IdentityFacts;
use crate::understanding::entities::EntityKind;

/// The verification state before a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    NotAsked,
    /// Asked, no usable answer yet.
    Pending,
    Passed,
    Failed,
    /// Answered, but there was nothing to compare the answer with (no identity facts).
    Unchecked,
}

impl Verification {
    /// Was the listener verified at any point of the call?
    pub fn ever_verified(&self) -> bool {
        self.before.iter().any(|s| s.verified())
            || matches!(self.summary.status, "passed" | "unchecked")
    }
}

impl State {
    /// May debt content be discussed now?
    pub fn verified(self) -> bool {
        matches!(self, State::Passed | State::Unchecked)
    }

    pub fn name(self) -> &'static str {
        match self {
            State::NotAsked => "not_asked",
            State::Pending => "pending",
            State::Passed => "passed",
            State::Failed => "failed",
            State::Unchecked => "unchecked",
        }
    }
}

#[derive(Debug)]
pub struct Verification {
    /// The state before each turn (indexed like `Call::lines`).
    pub before: Vec<State>,
    pub summary: VerificationSummary,
    /// Whether identity facts were missing for a question that was answered.
    pub unchecked_answers: bool,
}

/// How many of the other side's turns after a verification question may carry its answer.
const ANSWER_WINDOW: usize = 2;

pub fn run(call: &Call, identity: &IdentityFacts, cues: &ScoringCues) -> Verification {
    let mut before = Vec::with_capacity(call.lines.len());
    let mut state = State::NotAsked;
    let mut asked: Vec<usize> = Vec::new();
    let mut window = 0usize;
    let mut decided_at = None;
    let mut checks: Vec<FieldCheck> = Vec::new();
    let check = |field: &'static str, result| FieldCheck {
        field: Some(field),
        result,
    };
    let mut unchecked_answers = false;
    let have_any = FIELDS.iter().any(|f| fact(identity, f).is_some());
    for line in &call.lines {
        before.push(state);
        if line.is_agent() {
            if line.has_act("verify_identity") {
                asked = cues
                    .verify_fields
                    .find(&line.folded)
                    .into_iter()
                    .map(|h| h.group)
                    .collect();
                asked.sort_unstable();
                asked.dedup();
                // Once verified, only a question naming what it asks re-opens verification
                // ("what date can you pay?" is not one).
                if state == State::Passed && asked.is_empty() {
                    continue;
                }
                window = ANSWER_WINDOW;
                if state == State::NotAsked {
                    state = State::Pending;
                }
            }
            continue;
        }
        if window == 0 {
            continue;
        }
        window -= 1;
        let results = evaluate(line, identity, &asked, call.now.date());
        let matched: Vec<&'static str> = results.iter().filter(|r| r.1).map(|r| r.0).collect();
        let wrong: Vec<&'static str> = results.iter().filter(|r| !r.1).map(|r| r.0).collect();
        if !wrong.is_empty() {
            state = State::Failed;
            decided_at = Some(line.number());
            checks.extend(wrong.iter().map(|f| check(f, CheckResult::DidNotMatch)));
            checks.extend(matched.iter().map(|f| check(f, CheckResult::Matched)));
            window = 0;
        } else if !matched.is_empty() {
            state = State::Passed;
            decided_at = Some(line.number());
            checks.extend(matched.iter().map(|f| check(f, CheckResult::Matched)));
            window = 0;
        } else if !have_any && gave_an_answer(line, cues) {
            // Nothing on file to compare with (a real call without identity facts): the
            // agent's own check is taken as done, and the grade says it was not checked.
            if state != State::Passed {
                state = State::Unchecked;
            }
            unchecked_answers = true;
            decided_at = Some(line.number());
            checks.push(FieldCheck {
                field: None,
                result: CheckResult::Unchecked,
            });
            window = 0;
        }
    }
    Verification {
        before,
        summary: VerificationSummary {
            status: state.name(),
            turn: decided_at,
            // Put into words by the grader, in the call's language.
            checks: Vec::new(),
            check_results: checks,
            answerer: call.answerer.name(),
        },
        unchecked_answers,
    }
}

fn fact<'a>(identity: &'a IdentityFacts, field: &str) -> Option<&'a str> {
    match field {
        "dob" => identity.dob.as_deref(),
        "id_last4" => identity.id_last4.as_deref(),
        "name" => identity.name.as_deref(),
        "address" => identity.address.as_deref(),
        "phone" => identity.phone.as_deref(),
        _ => None,
    }
    .filter(|s| !s.trim().is_empty())
}

/// A reply that is not a refusal, a question or a bare "yes".
fn gave_an_answer(line: &Line, cues: &ScoringCues) -> bool {
    let t = line.folded.trim();
    let words = t.split_whitespace().count();
    !(t.ends_with('?') || t.ends_with('？') || cues.phatic.starts(t) && words <= 2)
        && t.chars().any(char::is_alphanumeric)
        && line.folded.chars().filter(|c| c.is_alphanumeric()).count() >= 3
}

/// (field, matched?) for every field the answer says something about. The asked fields first;
/// when none of them is recognised, every field on file (a 4-digit answer to an unclear
/// question is compared with all of them, and matches if any does).
fn evaluate(
    line: &Line,
    identity: &IdentityFacts,
    asked: &[usize],
    today: Date,
) -> Vec<(&'static str, bool)> {
    let asked_fields: Vec<&'static str> = asked.iter().map(|&g| FIELDS[g]).collect();
    let mut out = Vec::new();
    for f in &asked_fields {
        if let Some(r) = field(line, identity, f, today) {
            out.push((*f, r));
        }
    }
    if !out.is_empty() {
        return out;
    }
    let mut any_match = None;
    let mut any_wrong = None;
    for f in FIELDS {
        match field(line, identity, f, today) {
            Some(true) => any_match = any_match.or(Some(f)),
            Some(false) => any_wrong = any_wrong.or(Some(f)),
            None => {}
        }
    }
    match (any_match, any_wrong) {
        (Some(f), _) => vec![(f, true)],
        // A wrong value for a field nobody asked about is no answer to the question asked.
        (None, Some(f)) if asked_fields.is_empty() => vec![(f, false)],
        _ => Vec::new(),
    }
}

fn field(line: &Line, identity: &IdentityFacts, f: &str, today: Date) -> Option<bool> {
    let on_file = fact(identity, f)?;
    match f {
        "dob" => dob(line, on_file, today),
        "id_last4" => last4(&line.folded, on_file),
        "name" => name(line, on_file),
        "address" => address(&line.folded, on_file),
        "phone" => phone(&line.folded, on_file),
        _ => None,
    }
}

/// Digits of a text, with Chinese digit characters read as digits (一九八八 -> 1988); single
/// digits spoken one by one ("7 7 1 8", "7-7-1-8") make one group.
pub fn digit_groups(text: &str) -> Vec<String> {
    let digit = |c: char| -> Option<char> {
        Some(match c {
            '0'..='9' => c,
            '〇' | '零' | '洞' => '0',
            '一' | '幺' => '1',
            '二' | '两' => '2',
            '三' => '3',
            '四' => '4',
            '五' => '5',
            '六' => '6',
            '七' | '拐' => '7',
            '八' => '8',
            '九' | '勾' => '9',
            _ => return None,
        })
    };
    // A lone Chinese numeral is a word ("后四位", "一下"); a run of two or more is a number.
    let raw: Vec<char> = text.chars().collect();
    let mut chars = raw.clone();
    let mut i = 0;
    while i < raw.len() {
        if raw[i].is_ascii() || digit(raw[i]).is_none() {
            i += 1;
            continue;
        }
        let start = i;
        while i < raw.len() && !raw[i].is_ascii() && digit(raw[i]).is_some() {
            i += 1;
        }
        if i - start < 2 {
            chars[start] = ' ';
        }
    }
    let is_digit = |i: usize| chars.get(i).and_then(|&c| digit(c)).is_some();
    let mut groups = Vec::new();
    let mut cur = String::new();
    let mut run = 0usize; // digits since the last separator
    for (i, &c) in chars.iter().enumerate() {
        if let Some(d) = digit(c) {
            cur.push(d);
            run += 1;
            continue;
        }
        let spoken = matches!(c, ' ' | '-') && run == 1 && is_digit(i + 1) && !is_digit(i + 2);
        if spoken {
            run = 0;
            continue;
        }
        if !cur.is_empty() {
            groups.push(std::mem::take(&mut cur));
        }
        run = 0;
    }
    if !cur.is_empty() {
        groups.push(cur);
    }
    groups
}

fn last4(text: &str, on_file: &str) -> Option<bool> {
    let want: String = on_file.chars().filter(char::is_ascii_digit).collect();
    if want.is_empty() {
        return None;
    }
    let groups = digit_groups(text);
    if groups.is_empty() {
        return None;
    }
    if groups
        .iter()
        .any(|g| g.ends_with(&want) && g.len() >= want.len())
    {
        return Some(true);
    }
    let joined: String = groups.concat();
    if joined.ends_with(&want) {
        return Some(true);
    }
    // Only a group of about the right length is an answer ("I was born in 1988" is not).
    if groups.iter().any(|g| g.len() == want.len()) || joined.len() == want.len() {
        return Some(false);
    }
    None
}

/// `today` is the call's date: a date said without a year resolves near it.
fn dob(line: &Line, on_file: &str, today: Date) -> Option<bool> {
    let want: Date = on_file.trim().parse().ok()?;
    let year = today.year();
    let mut saw_date = false;
    for e in line
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Date)
    {
        let Some(d) = e.date() else { continue };
        // A date within weeks of the call ("on the 15th") is a payment date, not a birthday.
        if today.until(d).is_ok_and(|s| s.get_days().abs() <= 45) {
            continue;
        }
        saw_date = true;
        if d == want {
            return Some(true);
        }
        let same_day = (d.month(), d.day()) == (want.month(), want.day());
        let swapped = (d.day(), d.month()) == (want.month(), want.day());
        // A year the speaker did not say resolves near the call's date; a two-digit year
        // ("7/14/90") may resolve to the wrong century. Then month and day decide.
        let year_unsaid = (d.year() - year).abs() <= 1 && (want.year() - d.year()).abs() > 1;
        let century = d.year().rem_euclid(100) == want.year().rem_euclid(100);
        if (same_day || swapped) && (d.year() == want.year() || year_unsaid || century) {
            return Some(true);
        }
    }
    let digits: String = digit_groups(&line.folded).concat();
    if digits.len() >= 6 {
        return Some(dob_digit_forms(want).contains(&digits));
    }
    if saw_date {
        return Some(false);
    }
    None
}

fn dob_digit_forms(d: Date) -> Vec<String> {
    let y4 = format!("{:04}", d.year());
    let y2 = format!("{:02}", d.year().rem_euclid(100));
    let m2 = format!("{:02}", d.month());
    let d2 = format!("{:02}", d.day());
    let m1 = d.month().to_string();
    let d1 = d.day().to_string();
    let mut out = Vec::new();
    for (m, dd) in [(&m2, &d2), (&m1, &d1), (&m2, &d1), (&m1, &d2)] {
        for y in [&y4, &y2] {
            out.push(format!("{y}{m}{dd}"));
            out.push(format!("{m}{dd}{y}"));
            out.push(format!("{dd}{m}{y}"));
        }
    }
    out
}

fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn name(line: &Line, on_file: &str) -> Option<bool> {
    let want = squash(on_file);
    if want.is_empty() {
        return None;
    }
    if squash(&line.folded).contains(&want) {
        return Some(true);
    }
    let parts: Vec<String> = on_file
        .split_whitespace()
        .map(squash)
        .filter(|p| p.chars().count() >= 2)
        .collect();
    let mut saw = false;
    for e in line
        .entities()
        .iter()
        .filter(|e| e.kind == EntityKind::Name)
    {
        let Some(t) = e.text() else { continue };
        let got = squash(t);
        if got.is_empty() {
            continue;
        }
        saw = true;
        if want.contains(&got)
            || got.contains(&want)
            || parts.iter().any(|p| got.contains(p.as_str()))
        {
            return Some(true);
        }
    }
    saw.then_some(false)
}

fn address(text: &str, on_file: &str) -> Option<bool> {
    let want: Vec<String> = digit_groups(on_file)
        .into_iter()
        .filter(|g| g.len() >= 2)
        .collect();
    let got: Vec<String> = digit_groups(text)
        .into_iter()
        .filter(|g| g.len() >= 2)
        .collect();
    if want.is_empty() || got.is_empty() {
        return None;
    }
    Some(got.iter().any(|g| want.contains(g)))
}

fn phone(text: &str, on_file: &str) -> Option<bool> {
    let want: String = digit_groups(on_file).concat();
    let got: String = digit_groups(text).concat();
    if want.len() < 7 || got.len() < 7 {
        return None;
    }
    let tail = |s: &str| s[s.len() - 7..].to_string();
    Some(tail(&want) == tail(&got))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digit_groups_join_spoken_digits() {
        assert_eq!(digit_groups("it's 7 7 1 8"), vec!["7718"]);
        assert_eq!(digit_groups("后四位是三五八一"), vec!["3581"]);
        assert_eq!(digit_groups("05/02/1988"), vec!["05", "02", "1988"]);
        assert_eq!(last4("7718", "7718"), Some(true));
        assert_eq!(last4("uh 1234", "7718"), Some(false));
        assert_eq!(last4("no idea", "7718"), None);
    }

    #[test]
    fn dob_digit_forms_cover_common_orders() {
        let d: Date = "1988-05-02".parse().expect("date");
        let forms = dob_digit_forms(d);
        for f in [
            "19880502", "05021988", "5021988", "02051988", "880502", "198852",
        ] {
            assert!(forms.contains(&f.to_string()), "{f}");
        }
    }
}
