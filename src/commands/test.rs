//! `collectsim test [PATH...]`: runs YAML conversation tests (default: tests/conversations/);
//! on failure shows expected beside actual with the file and step; exit 1 on any failure.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::persona::testing;
use crate::report::messages::{Message, Say};
use crate::understanding::Analyzer;

/// The YAML files under `paths` (files as given, folders recursively), sorted.
pub fn collect(paths: &[PathBuf]) -> Result<Vec<PathBuf>, Error> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            walk(p, &mut files)?;
        } else if p.exists() {
            files.push(p.clone());
        } else {
            return Err(Error::usage(
                "usage_no_path",
                &[("path", p.display().to_string())],
            ));
        }
    }
    files.sort();
    Ok(files)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), Error> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let path = entry
            .map_err(|source| Error::Io {
                path: dir.to_path_buf(),
                source,
            })?
            .path();
        if path.is_dir() {
            walk(&path, files)?;
        } else if path.extension().is_some_and(|e| e == "yaml" || e == "yml") {
            files.push(path);
        }
    }
    Ok(())
}

pub fn run(
    sources: &ContentSources,
    paths: Vec<PathBuf>,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let paths = if paths.is_empty() {
        vec![PathBuf::from("tests/conversations")]
    } else {
        paths
    };
    let files = collect(&paths)?;
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let analyzer = Analyzer::new(&pack);
    let say = Say::of(&pack, ui);
    let mut problems = Vec::new();
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut text = String::new();
    for file in &files {
        let name = file.display().to_string();
        let raw = std::fs::read(file).map_err(|source| Error::Io {
            path: file.clone(),
            source,
        })?;
        let Ok(body) = String::from_utf8(raw) else {
            problems.push(crate::content::problem::Problem::error(
                &name,
                crate::content::problem::Loc::new(1, 1),
                Message::new("test_file_not_utf8"),
            ));
            continue;
        };
        match testing::run_file(&pack, &analyzer, &say, &name, &body) {
            Err(p) => problems.push(p),
            Ok(results) => {
                for r in results {
                    if r.passed() {
                        passed += 1;
                        text.push_str(&say.text(
                            "test_ok",
                            &[("file", r.file.clone()), ("name", r.name.clone())],
                        ));
                        text.push('\n');
                    } else {
                        failed += 1;
                        text.push_str(&testing::render_failure(&r, &say));
                    }
                }
            }
        }
    }
    for p in &problems {
        text.push_str(&p.render_in(&say));
    }
    let counts = [
        ("passed", passed.to_string()),
        ("failed", failed.to_string()),
    ];
    text.push_str(&if problems.is_empty() {
        say.text("test_summary", &counts)
    } else {
        let [p, f] = counts;
        say.text(
            "test_summary_unreadable",
            &[p, f, ("unreadable", problems.len().to_string())],
        )
    });
    text.push('\n');
    super::emit(out, &text)?;
    Ok(if failed > 0 || !problems.is_empty() {
        1
    } else {
        0
    })
}
