//! Where content text comes from: the library compiled into the binary, or a trainer's folder.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::Error;

/// The five kinds of content file, each with its own top-level folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FileKind {
    Scenario,
    Persona,
    Acts,
    Rubric,
    Exam,
}

impl FileKind {
    pub const ALL: [FileKind; 5] = [
        FileKind::Scenario,
        FileKind::Persona,
        FileKind::Acts,
        FileKind::Rubric,
        FileKind::Exam,
    ];

    pub fn folder(self) -> &'static str {
        match self {
            FileKind::Scenario => "scenarios",
            FileKind::Persona => "personas",
            FileKind::Acts => "intents",
            FileKind::Rubric => "rubrics",
            FileKind::Exam => "exams",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FileKind::Scenario => "scenario",
            FileKind::Persona => "persona",
            FileKind::Acts => "acts",
            FileKind::Rubric => "rubric",
            FileKind::Exam => "exam",
        }
    }

    pub fn parse(name: &str) -> Option<FileKind> {
        FileKind::ALL.into_iter().find(|k| {
            k.name() == name || k.folder() == name || (name == "intents" && *k == FileKind::Acts)
        })
    }

    /// The kind a path belongs to, from the nearest folder named after a kind.
    pub fn from_path(path: &str) -> Option<FileKind> {
        let normalized = path.replace('\\', "/");
        normalized
            .rsplit('/')
            .skip(1)
            .find_map(|segment| FileKind::ALL.into_iter().find(|k| k.folder() == segment))
    }

    /// Guesses a file's kind from its top-level keys, for files outside the usual folders.
    pub fn sniff(text: &str) -> Option<FileKind> {
        let top_keys: Vec<&str> = text
            .lines()
            .filter(|l| !l.starts_with([' ', '\t', '#', '-']) && l.contains(':'))
            .filter_map(|l| l.split(':').next())
            .map(str::trim)
            .collect();
        let has = |k: &str| top_keys.contains(&k);
        if has("acts") || has("language") {
            Some(FileKind::Acts)
        } else if has("rules") || has("weights") {
            Some(FileKind::Rubric)
        } else if has("calls") || has("pass") {
            Some(FileKind::Exam)
        } else if has("account") || has("answerer") {
            Some(FileKind::Scenario)
        } else if has("replies") || has("reactions") || has("start") {
            Some(FileKind::Persona)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Shipped inside the binary.
    Builtin,
    /// Read from disk (`--content DIR` or a path given to `validate`).
    Disk,
}

/// One content file's bytes decoded to text, with the path used in every message about it.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub path: String,
    pub text: Arc<str>,
    pub kind: Option<FileKind>,
    pub origin: Origin,
    /// Set when the raw bytes could not be used as they are (BOM, not UTF-8, too large).
    pub decode_problem: Option<DecodeProblem>,
    /// The bytes before a decoding problem (binary, not UTF-8), to locate it by line and column.
    pub raw_prefix: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    ByteOrderMark,
    NotUtf8 { offset: usize },
    Binary { offset: usize },
    TooLarge { bytes: usize },
    Empty,
}

/// Content files larger than this are refused before parsing: no trainer writes a 1 MiB scenario,
/// and the parser's memory stays bounded.
pub const MAX_FILE_BYTES: usize = 1 << 20;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_content.rs"));
}

impl SourceFile {
    pub fn from_bytes(path: String, bytes: &[u8], kind: Option<FileKind>, origin: Origin) -> Self {
        let (text, decode_problem) = decode(bytes);
        let kind = kind
            .or_else(|| FileKind::from_path(&path))
            .or_else(|| FileKind::sniff(&text));
        let raw_prefix = match &decode_problem {
            Some(DecodeProblem::Binary { offset } | DecodeProblem::NotUtf8 { offset }) => {
                bytes[..(*offset).min(bytes.len())].to_vec()
            }
            _ => Vec::new(),
        };
        SourceFile {
            path,
            text: Arc::from(text),
            kind,
            origin,
            decode_problem,
            raw_prefix,
        }
    }
}

fn decode(bytes: &[u8]) -> (String, Option<DecodeProblem>) {
    if bytes.len() > MAX_FILE_BYTES {
        return (
            String::new(),
            Some(DecodeProblem::TooLarge { bytes: bytes.len() }),
        );
    }
    if let Some(offset) = bytes.iter().position(|b| *b == 0) {
        return (String::new(), Some(DecodeProblem::Binary { offset }));
    }
    let (bytes, bom) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, true),
        None => (bytes, false),
    };
    match std::str::from_utf8(bytes) {
        Ok(s) if s.trim().is_empty() => (s.to_string(), Some(DecodeProblem::Empty)),
        Ok(s) => (s.to_string(), bom.then_some(DecodeProblem::ByteOrderMark)),
        Err(e) => (
            String::new(),
            Some(DecodeProblem::NotUtf8 {
                offset: e.valid_up_to() + usize::from(bom) * 3,
            }),
        ),
    }
}

/// Every file of the built-in library.
pub fn builtin_files() -> Vec<SourceFile> {
    builtin::FILES
        .iter()
        .map(|(path, text)| {
            SourceFile::from_bytes(path.to_string(), text.as_bytes(), None, Origin::Builtin)
        })
        .collect()
}

/// Every `.yaml`/`.yml` file under `root`'s content folders (or under `root` itself when it is one).
pub fn dir_files(root: &Path) -> Result<Vec<SourceFile>, Error> {
    let mut paths = Vec::new();
    collect_any(root, &mut paths, 0)?;
    paths.sort();
    paths.iter().map(|p| read_file(p, None)).collect()
}

/// Reads one file from disk; a missing or unreadable file is an error, bad bytes are a problem.
pub fn read_file(path: &Path, kind: Option<FileKind>) -> Result<SourceFile, Error> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let display = display_path(path);
    if meta.len() as usize > MAX_FILE_BYTES {
        return Ok(SourceFile {
            path: display,
            text: Arc::from(""),
            kind: kind.or_else(|| FileKind::from_path(&path.to_string_lossy())),
            origin: Origin::Disk,
            decode_problem: Some(DecodeProblem::TooLarge {
                bytes: meta.len() as usize,
            }),
            raw_prefix: Vec::new(),
        });
    }
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(SourceFile::from_bytes(display, &bytes, kind, Origin::Disk))
}

fn display_path(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Every `.yaml`/`.yml` file under `dir`, whatever its folder names (for `validate DIR`).
pub fn dir_files_any(dir: &Path) -> Result<Vec<SourceFile>, Error> {
    let mut paths = Vec::new();
    collect_any(dir, &mut paths, 0)?;
    paths.sort();
    paths.iter().map(|p| read_file(p, None)).collect()
}

fn collect_any(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> Result<(), Error> {
    if depth > 8 {
        return Ok(());
    }
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name == "target" {
            continue;
        }
        if path.is_dir() {
            collect_any(&path, out, depth + 1)?;
        } else if name.ends_with(".yaml") || name.ends_with(".yml") {
            out.push(path);
        }
    }
    Ok(())
}
