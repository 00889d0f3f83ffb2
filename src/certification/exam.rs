//! An exam made ready to sit: its scenarios in order (the fixed list, or the seeded draw), its
//! rubric, and a content hash so every record says exactly which exam it was.

use std::collections::BTreeMap;

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sha2::{Digest, Sha256};

use crate::content::raw::{Exam, Rubric, Scenario};
use crate::content::{ContentPack, ContentSources};
use crate::error::Error;

pub struct ExamPlan<'a> {
    pub exam: &'a Exam,
    pub scenarios: Vec<&'a Scenario>,
    pub rubric: &'a Rubric,
    pub hash: String,
}

impl<'a> ExamPlan<'a> {
    pub fn new(
        pack: &'a ContentPack,
        sources: &ContentSources,
        id: &str,
    ) -> Result<ExamPlan<'a>, Error> {
        let exam = pack.exam(id)?;
        let rubric = pack.rubric(&exam.rubric.value)?;
        let scenarios = calls(pack, exam)?;
        let hash = content_hash(pack, sources, exam, &scenarios)?;
        Ok(ExamPlan {
            exam,
            scenarios,
            rubric,
            hash,
        })
    }

    pub fn title(&self) -> &str {
        self.exam.title.value.text(self.exam.lang)
    }
}

/// The exam's calls: the fixed list, then the draw (the same for everyone: its seed is in the
/// exam file, not on the command line).
pub fn calls<'a>(pack: &'a ContentPack, exam: &Exam) -> Result<Vec<&'a Scenario>, Error> {
    let mut out = Vec::new();
    for id in &exam.calls {
        out.push(pack.scenario(&id.value)?);
    }
    if let Some(draw) = &exam.draw {
        let mut rng = ChaCha8Rng::seed_from_u64(draw.seed);
        for kind in &draw.kinds {
            // BTreeMap order makes the candidate list, and so the draw, stable.
            let mut pool: Vec<&Scenario> = pack
                .scenarios
                .values()
                .filter(|s| s.lang == exam.lang && s.kind.value == kind.value)
                .filter(|s| !out.iter().any(|o: &&Scenario| o.id.value == s.id.value))
                .collect();
            if pool.len() < draw.per_kind as usize {
                return Err(Error::usage(
                    "usage_exam_pool",
                    &[
                        ("exam", exam.id.value.clone()),
                        ("count", draw.per_kind.to_string()),
                        ("kind", kind.value.clone()),
                        ("lang", exam.lang.to_string()),
                        ("have", pool.len().to_string()),
                    ],
                ));
            }
            for _ in 0..draw.per_kind {
                let i = (rng.next_u64() % pool.len() as u64) as usize;
                out.push(pool.remove(i));
            }
        }
    }
    Ok(out)
}

/// SHA-256 over the files the exam depends on: the exam, its scenarios, their personas, the
/// rubric and the dialogue-act catalogue (which decides what a line means).
fn content_hash(
    pack: &ContentPack,
    sources: &ContentSources,
    exam: &Exam,
    scenarios: &[&Scenario],
) -> Result<String, Error> {
    let mut keys: Vec<(&'static str, String)> = vec![
        ("exam", exam.id.value.clone()),
        ("rubric", exam.rubric.value.clone()),
    ];
    for s in scenarios {
        keys.push(("scenario", s.id.value.clone()));
        keys.push(("persona", s.kind.value.clone()));
        if let Some(tp) = &s.third_party {
            let kind = tp.kind.as_ref().map(|k| k.value.as_str());
            keys.push(("persona", kind.unwrap_or("third_party").to_string()));
        }
    }
    let mut paths: Vec<&String> = keys
        .iter()
        .filter_map(|k| pack.origins.get(k))
        .chain(
            pack.origins
                .iter()
                .filter(|((kind, _), _)| *kind == "act")
                .map(|(_, p)| p),
        )
        .collect();
    paths.sort();
    paths.dedup();
    let texts = source_texts(sources)?;
    let mut hasher = Sha256::new();
    for path in paths {
        let text = texts.get(path).map(|t| t.as_str()).unwrap_or("");
        // Length-prefixed so no two different file sets hash alike.
        hasher.update(format!("{}:{path}\n{}:", path.len(), text.len()).as_bytes());
        hasher.update(text.as_bytes());
    }
    Ok(super::sign::hex(&hasher.finalize()))
}

/// Every content file's text by path, later sources replacing earlier ones as loading does.
fn source_texts(sources: &ContentSources) -> Result<BTreeMap<String, String>, Error> {
    let mut files = Vec::new();
    if !sources.no_builtin {
        files.extend(crate::content::source::builtin_files());
    }
    for dir in &sources.dirs {
        files.extend(crate::content::source::dir_files(dir)?);
    }
    Ok(files
        .into_iter()
        .map(|f| (f.path, f.text.to_string()))
        .collect())
}
