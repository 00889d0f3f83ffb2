//! Where practice calls live on disk: one JSON transcript per call, rewritten whole (temp file,
//! then rename) after every turn, and a JSON-lines history index appended when a call is graded.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::call::Transcript;
use crate::error::Error;

/// The data folder: `--data-dir`, else `$XDG_DATA_HOME/collectsim`, else
/// `$HOME/.local/share/collectsim`, else `./.collectsim`.
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    if let Some(d) = explicit {
        return d;
    }
    let from_env = |key: &str| {
        std::env::var_os(key)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
    };
    if let Some(x) = from_env("XDG_DATA_HOME") {
        return x.join("collectsim");
    }
    if let Some(h) = from_env("HOME") {
        return h.join(".local/share/collectsim");
    }
    PathBuf::from(".collectsim")
}

fn create_dir(dir: &Path) -> Result<(), Error> {
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })
}

/// The transcript file of one practice call.
#[derive(Debug, Clone)]
pub struct CallFile {
    pub path: PathBuf,
}

impl CallFile {
    /// A new, unused file name under `DATA/transcripts/` for `scenario`.
    pub fn create(data: &Path, scenario: &str) -> Result<CallFile, Error> {
        let dir = data.join("transcripts");
        create_dir(&dir)?;
        let stamp = jiff::Timestamp::now().strftime("%Y%m%dT%H%M%S").to_string();
        let safe: String = scenario
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        for n in 1u32.. {
            let name = if n == 1 {
                format!("{stamp}-{safe}.json")
            } else {
                format!("{stamp}-{safe}-{n}.json")
            };
            let path = dir.join(name);
            // `create_new` reserves the name even when two sessions start in the same second.
            match std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
            {
                Ok(_) => return Ok(CallFile { path }),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(source) => return Err(Error::Write { path, source }),
            }
        }
        Err(Error::usage("usage_no_file_name", &[]))
    }

    /// Writes the whole transcript to a temporary file, syncs it and renames it over the call's
    /// file: a crash leaves either the previous or the new version, never half of one.
    pub fn save(&self, transcript: &Transcript) -> Result<(), Error> {
        let mut text =
            serde_json::to_string_pretty(transcript).map_err(|e| Error::Output(e.to_string()))?;
        text.push('\n');
        let tmp = self.path.with_extension("json.tmp");
        let werr = |source| Error::Write {
            path: tmp.clone(),
            source,
        };
        let mut f = std::fs::File::create(&tmp).map_err(werr)?;
        f.write_all(text.as_bytes()).map_err(werr)?;
        f.sync_all().map_err(werr)?;
        drop(f);
        std::fs::rename(&tmp, &self.path).map_err(|source| Error::Write {
            path: self.path.clone(),
            source,
        })
    }

    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// One graded practice call in `DATA/history.jsonl`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HistoryEntry {
    pub scenario: String,
    pub lang: String,
    /// When the call was graded (wall clock, RFC 3339).
    pub date: String,
    pub overall: f64,
    pub passed: bool,
    pub verification: f64,
    pub accuracy: f64,
    pub tone: f64,
    pub compliance: f64,
    /// Rule ids of the findings, one per finding.
    #[serde(default)]
    pub broken: Vec<String>,
    #[serde(default)]
    pub hints: u32,
    pub file: String,
}

impl HistoryEntry {
    /// The entry of a graded call.
    pub fn graded(
        scenario: String,
        lang: String,
        date: String,
        g: &crate::scoring::Grade,
        hints: u32,
        file: String,
    ) -> HistoryEntry {
        HistoryEntry {
            scenario,
            lang,
            date,
            overall: g.overall,
            passed: g.passed,
            verification: g.scores.verification,
            accuracy: g.scores.accuracy,
            tone: g.scores.tone,
            compliance: g.scores.compliance,
            broken: g.findings.iter().map(|f| f.rule.clone()).collect(),
            hints,
            file,
        }
    }
}

fn index(data: &Path) -> PathBuf {
    data.join("history.jsonl")
}

/// Appends one entry and flushes it to disk.
pub fn append_history(data: &Path, entry: &HistoryEntry) -> Result<(), Error> {
    create_dir(data)?;
    let path = index(data);
    let mut line = serde_json::to_string(entry).map_err(|e| Error::Output(e.to_string()))?;
    line.push('\n');
    let werr = |source| Error::Write {
        path: path.clone(),
        source,
    };
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(werr)?;
    f.write_all(line.as_bytes()).map_err(werr)?;
    f.sync_all().map_err(werr)
}

/// Every entry of the index, oldest first; unreadable lines are skipped.
pub fn read_history(data: &Path) -> Result<Vec<HistoryEntry>, Error> {
    let path = index(data);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(Error::Io { path, source }),
    };
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect())
}

/// Transcripts under `DATA/transcripts/` that no history entry points at: calls that stopped
/// before their debrief (killed, terminal closed, `/quit`), oldest first. Matched by file name,
/// since the index may hold the path relative to where the REPL was started.
pub fn unfinished(data: &Path, graded: &[HistoryEntry]) -> Vec<PathBuf> {
    let known: std::collections::BTreeSet<std::ffi::OsString> = graded
        .iter()
        .filter_map(|e| Path::new(&e.file).file_name().map(|n| n.to_os_string()))
        .collect();
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("transcripts"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| {
        p.extension().is_some_and(|e| e == "json")
            && p.file_name().is_some_and(|n| !known.contains(n))
    });
    files.sort();
    files
}

/// When a call started, from its file name (`20261128T161500-…`), as RFC 3339.
pub fn started(file: &Path) -> Option<String> {
    let name = file.file_name()?.to_str()?;
    let stamp = jiff::civil::DateTime::strptime("%Y%m%dT%H%M%S", name.get(..15)?).ok()?;
    Some(format!("{}Z", stamp.strftime("%Y-%m-%dT%H:%M:%S")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::call::Turn;
    use crate::lang::Lang;

    #[test]
    fn save_replaces_the_whole_transcript_and_history_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let file = CallFile::create(dir.path(), "en/x y").expect("create");
        assert!(file.display().ends_with("-en_x_y.json"));
        let other = CallFile::create(dir.path(), "en/x y").expect("create");
        assert_ne!(file.path, other.path);
        let mut t = Transcript {
            lang: Lang::En,
            rubric: None,
            scenario: Some("s".into()),
            account: None,
            identity: None,
            context: None,
            seed: Some(1),
            now: None,
            turns: vec![Turn::agent("hello")],
            outcome: None,
        };
        file.save(&t).expect("save");
        t.turns.push(Turn::agent("second"));
        file.save(&t).expect("save");
        let back: Transcript =
            serde_json::from_str(&std::fs::read_to_string(&file.path).expect("read"))
                .expect("json");
        assert_eq!(back.turns.len(), 2);

        let e = HistoryEntry {
            scenario: "s".into(),
            lang: "en".into(),
            date: "2026-01-01T00:00:00Z".into(),
            overall: 50.0,
            passed: false,
            verification: 1.0,
            accuracy: 2.0,
            tone: 3.0,
            compliance: 4.0,
            broken: vec!["r".into()],
            hints: 1,
            file: file.display(),
        };
        assert_eq!(unfinished(dir.path(), &[]).len(), 2, "nothing graded yet");
        append_history(dir.path(), &e).expect("append");
        append_history(dir.path(), &e).expect("append");
        assert_eq!(
            unfinished(dir.path(), std::slice::from_ref(&e)),
            vec![other.path.clone()],
            "the graded file is not unfinished"
        );
        assert_eq!(read_history(dir.path()).expect("read"), vec![e.clone(), e]);
        let when = started(&file.path).expect("a stamp");
        assert!(when.parse::<jiff::Timestamp>().is_ok(), "{when}");
    }
}
