//! `collectsim progress`: per dimension the first, best and latest score, and the rules most
//! often broken, over the practice history.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::content::ContentSources;
use crate::error::Error;
use crate::lang::Lang;
use crate::repl::store::{self, HistoryEntry};
use crate::report::messages::Say;
use crate::report::table::Table;

type Pick = fn(&HistoryEntry) -> f64;

const DIMENSIONS: [(&str, Pick); 5] = [
    ("overall", |e| e.overall),
    ("verification", |e| e.verification),
    ("accuracy", |e| e.accuracy),
    ("tone", |e| e.tone),
    ("compliance", |e| e.compliance),
];

/// The message id of a dimension's name in the table.
fn dimension_id(name: &str) -> &'static str {
    match name {
        "verification" => "dim_verification",
        "accuracy" => "dim_accuracy",
        "tone" => "dim_tone",
        "compliance" => "dim_compliance",
        _ => "dim_overall",
    }
}

/// (dimension, first, best, latest).
pub fn summary(entries: &[HistoryEntry]) -> Vec<(&'static str, f64, f64, f64)> {
    let (Some(first), Some(last)) = (entries.first(), entries.last()) else {
        return Vec::new();
    };
    DIMENSIONS
        .iter()
        .map(|(name, f)| {
            let best = entries.iter().map(f).fold(f64::MIN, f64::max);
            (*name, f(first), best, f(last))
        })
        .collect()
}

/// Rule ids by how many calls broke them (most first, then by id).
pub fn most_broken(entries: &[HistoryEntry]) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for e in entries {
        let mut seen: Vec<&str> = e.broken.iter().map(String::as_str).collect();
        seen.sort_unstable();
        seen.dedup();
        for r in seen {
            *counts.entry(r).or_default() += 1;
        }
    }
    let mut v: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(k, n)| (k.to_string(), n))
        .collect();
    v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    v
}

pub fn run(
    sources: &ContentSources,
    data_dir: Option<PathBuf>,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let data = store::data_dir(data_dir);
    let entries = store::read_history(&data)?;
    let say = Say::load(sources, ui);
    if entries.is_empty() {
        super::emit(
            out,
            &say.line("progress_empty", &[("dir", data.display().to_string())]),
        )?;
        return Ok(0);
    }
    let mut table =
        Table::new(["col_dimension", "col_first", "col_best", "col_latest"].map(|id| say.get(id)));
    for (name, first, best, latest) in summary(&entries) {
        table.row([
            say.get(dimension_id(name)).to_string(),
            format!("{first:.0}"),
            format!("{best:.0}"),
            format!("{latest:.0}"),
        ]);
    }
    super::emit(out, &table.render())?;
    super::emit(
        out,
        &format!(
            "{}\n{}",
            say.line("progress_over", &[("count", entries.len().to_string())]),
            say.line("progress_broken", &[])
        ),
    )?;
    let broken = most_broken(&entries);
    if broken.is_empty() {
        super::emit(out, &format!("  {}", say.line("progress_none", &[])))?;
    }
    for (rule, n) in broken.iter().take(5) {
        super::emit(out, &format!("  {n:>3}× {rule}\n"))?;
    }
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(overall: f64, broken: &[&str]) -> HistoryEntry {
        HistoryEntry {
            scenario: "s".into(),
            lang: "en".into(),
            date: String::new(),
            overall,
            passed: false,
            verification: overall,
            accuracy: overall,
            tone: overall,
            compliance: overall,
            broken: broken.iter().map(|s| s.to_string()).collect(),
            hints: 0,
            file: String::new(),
        }
    }

    #[test]
    fn first_best_latest_and_most_broken() {
        let h = [
            entry(40.0, &["a", "a", "b"]),
            entry(90.0, &["b"]),
            entry(70.0, &[]),
        ];
        assert_eq!(summary(&h)[0], ("overall", 40.0, 90.0, 70.0));
        assert_eq!(most_broken(&h)[0], ("b".to_string(), 2));
    }
}
