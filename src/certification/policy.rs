//! Who may sit an exam now: at most `attempts.max` attempts since the last pass, and
//! `attempts.wait_days` between the starts of two attempts. Abandoned and interrupted attempts
//! count like any other.

use jiff::ToSpan;
use jiff::civil::DateTime;

use super::records::{AttemptRecord, COMPLETED};
use crate::content::raw::Exam;
use crate::error::Error;
use crate::report::messages::Message;

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
        return Err(Error::AttemptRefused(
            Message::new("refused_used_all")
                .with("trainee", trainee)
                .with("max", max)
                .with("exam", id)
                .with("ids", ids.join(", ")),
        ));
    }
    let wait = exam.attempts.wait_days;
    let started: DateTime = last.started.parse().map_err(|_| {
        Error::AttemptRefused(
            Message::new("refused_bad_start")
                .with("id", last.id)
                .with("started", &last.started),
        )
    })?;
    let next = started
        .checked_add(i64::from(wait).days())
        .unwrap_or(DateTime::MAX);
    if now < next {
        return Err(Error::AttemptRefused(
            Message::new("refused_wait")
                .with("trainee", trainee)
                .with("exam", id)
                .with("started", &last.started)
                .with("id", last.id)
                .with("wait", wait)
                .with("next", next)
                .with("now", now),
        ));
    }
    Ok(())
}
