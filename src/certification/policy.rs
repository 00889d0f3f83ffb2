//! Who may sit an exam now: at most `attempts.max` attempts since the last pass, and
//! `attempts.wait_days` between the starts of two attempts. Abandoned and interrupted attempts
//! count like any other.

use jiff::ToSpan;
use jiff::civil::DateTime;

use super::records::{AttemptRecord, COMPLETED};
use crate::content::raw::Exam;
use crate::error::Error;

pub fn check(exam: &Exam, previous: &[AttemptRecord], now: DateTime) -> Result<(), Error> {
    let Some(last) = previous.last() else {
        return Ok(());
    };
    let id = &exam.id.value;
    let trainee = &last.trainee;
    // A pass starts a new cycle: re-certification gets the full number of attempts again.
    let since_pass: Vec<&AttemptRecord> = previous
        .iter()
        .rev()
        .take_while(|a| !(a.status == COMPLETED && a.passed))
        .collect();
    let max = exam.attempts.max as usize;
    if since_pass.len() >= max {
        let ids: Vec<String> = since_pass
            .iter()
            .rev()
            .map(|a| format!("#{}", a.id))
            .collect();
        return Err(Error::AttemptRefused(format!(
            "`{trainee}` has used all {max} attempt(s) at `{id}` ({}); a trainer can look at them with `collectsim results --trainee {trainee}`",
            ids.join(", ")
        )));
    }
    let wait = exam.attempts.wait_days;
    let started: DateTime = last.started.parse().map_err(|_| {
        Error::AttemptRefused(format!(
            "attempt #{} has an unreadable start time `{}`; check the records with `collectsim results --verify`",
            last.id, last.started
        ))
    })?;
    let next = started
        .checked_add(i64::from(wait).days())
        .unwrap_or(DateTime::MAX);
    if now < next {
        return Err(Error::AttemptRefused(format!(
            "`{trainee}` last started `{id}` at {} (attempt #{}); the exam requires {wait} day(s) between attempts: the next one may start at {} or later (the clock is {now}; --now sets it)",
            last.started, last.id, next
        )));
    }
    Ok(())
}
