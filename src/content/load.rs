//! Loading: sources -> parsed raw documents -> ids registered -> cross-file checks -> pack.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::check;
use super::pack::ContentPack;
use super::problem::{self, Loc, Problem};
use super::raw::{ActsFile, Exam, PersonaFile, Rubric, Scenario};
use super::source::{self, DecodeProblem, FileKind, Origin, SourceFile};
use super::yaml::{self, Located};
use crate::error::Error;
use crate::report::messages::Message;

/// Where to load content from.
#[derive(Debug, Clone, Default)]
pub struct ContentSources {
    /// Leave out the library compiled into the binary.
    pub no_builtin: bool,
    /// A trainer's folder that adds to or replaces built-in content by id.
    pub dirs: Vec<PathBuf>,
    /// Single files to check against the rest (`validate PATH...`).
    pub files: Vec<PathBuf>,
}

/// The outcome of loading: the pack (when there were no errors) and every problem found.
pub struct Loaded {
    pub pack: Option<ContentPack>,
    pub problems: Vec<Problem>,
    /// Paths of the files given explicitly, for filtering reports.
    pub explicit: Vec<String>,
}

pub fn load(sources: &ContentSources) -> Result<Loaded, Error> {
    let mut files = Vec::new();
    if !sources.no_builtin {
        files.extend(source::builtin_files());
    }
    for dir in &sources.dirs {
        files.extend(source::dir_files(dir)?);
    }
    let mut explicit = Vec::new();
    for path in &sources.files {
        if path.is_dir() {
            let found = source::dir_files_any(path)?;
            explicit.extend(found.iter().map(|f| f.path.clone()));
            files.extend(found);
        } else {
            let file = source::read_file(path, None)?;
            explicit.push(file.path.clone());
            files.push(file);
        }
    }
    // A file on disk at the same content path as a shipped one replaces it whole (validating the
    // repository's own content checks the files on disk, not the copies compiled in).
    let disk: Vec<String> = files
        .iter()
        .filter(|f| f.origin == Origin::Disk)
        .map(|f| f.path.clone())
        .collect();
    files.retain(|f| {
        f.origin == Origin::Disk
            || !disk
                .iter()
                .any(|d| d == &f.path || d.ends_with(&format!("/{}", f.path)))
    });
    Ok(load_files(files, explicit))
}

/// Loads the built-in library alone; it is checked by the tests, so an error here is a bug.
pub fn builtin() -> Result<ContentPack, Error> {
    pack_or_error(load(&ContentSources::default())?)
}

pub fn pack_or_error(loaded: Loaded) -> Result<ContentPack, Error> {
    match loaded.pack {
        Some(pack) => Ok(pack),
        None => Err(Error::Content {
            problems: loaded.problems,
        }),
    }
}

/// A parsed document with its file.
pub struct Doc<T> {
    pub file: usize,
    pub value: T,
}

#[derive(Default)]
pub struct Parsed {
    pub files: Vec<SourceFile>,
    pub scenarios: Vec<Doc<Scenario>>,
    pub personas: Vec<Doc<PersonaFile>>,
    pub acts: Vec<Doc<ActsFile>>,
    pub rubrics: Vec<Doc<Rubric>>,
    pub exams: Vec<Doc<Exam>>,
}

pub fn load_files(files: Vec<SourceFile>, explicit: Vec<String>) -> Loaded {
    let mut problems = Vec::new();
    let mut parsed = Parsed::default();
    for (index, file) in files.iter().enumerate() {
        if let Some(p) = decode_problem(file) {
            let fatal = p.is_error();
            problems.push(p);
            if fatal {
                continue;
            }
        }
        let Some(kind) = file.kind else {
            problems.push(
                Problem::error(&file.path, Loc::UNKNOWN, Message::new("load_kind_unknown"))
                    .fix(Message::new("load_kind_unknown_fix")),
            );
            continue;
        };
        let result = match kind {
            FileKind::Scenario => yaml::parse(&file.path, &file.text).map(|v| {
                parsed.scenarios.push(Doc {
                    file: index,
                    value: v,
                })
            }),
            FileKind::Persona => yaml::parse(&file.path, &file.text).map(|v| {
                parsed.personas.push(Doc {
                    file: index,
                    value: v,
                })
            }),
            FileKind::Acts => yaml::parse(&file.path, &file.text).map(|v| {
                parsed.acts.push(Doc {
                    file: index,
                    value: v,
                })
            }),
            FileKind::Rubric => yaml::parse(&file.path, &file.text).map(|v| {
                parsed.rubrics.push(Doc {
                    file: index,
                    value: v,
                })
            }),
            FileKind::Exam => yaml::parse(&file.path, &file.text).map(|v| {
                parsed.exams.push(Doc {
                    file: index,
                    value: v,
                })
            }),
        };
        if let Err(p) = result {
            problems.push(p);
        }
    }
    parsed.files = files;
    let parse_failed = problems.iter().any(Problem::is_error);
    let pack = resolve(parsed, &mut problems);
    problem::sort(&mut problems);
    let has_errors = parse_failed || problems.iter().any(Problem::is_error);
    Loaded {
        pack: if has_errors { None } else { Some(pack) },
        problems,
        explicit,
    }
}

fn decode_problem(file: &SourceFile) -> Option<Problem> {
    let problem = match file.decode_problem.as_ref()? {
        DecodeProblem::ByteOrderMark => {
            return Some(
                Problem::warning(&file.path, Loc::new(1, 1), Message::new("load_bom"))
                    .fix(Message::new("load_bom_fix")),
            );
        }
        DecodeProblem::Empty => {
            Problem::error(&file.path, Loc::new(1, 1), Message::new("load_empty"))
                .fix(Message::new("load_empty_fix"))
        }
        DecodeProblem::Binary { offset } => Problem::error(
            &file.path,
            byte_loc(&file.raw_prefix, *offset),
            Message::new("load_binary").with("offset", offset),
        )
        .fix(Message::new("load_binary_fix")),
        DecodeProblem::NotUtf8 { offset } => Problem::error(
            &file.path,
            byte_loc(&file.raw_prefix, *offset),
            Message::new("load_not_utf8").with("offset", offset),
        )
        .fix(Message::new("load_not_utf8_fix")),
        DecodeProblem::TooLarge { bytes } => Problem::error(
            &file.path,
            Loc::new(1, 1),
            Message::new("load_too_large")
                .with("bytes", bytes)
                .with("max", source::MAX_FILE_BYTES),
        )
        .fix(Message::new("load_too_large_fix")),
    };
    Some(problem)
}

/// Line and column of a byte offset, counting characters in the valid text before it.
fn byte_loc(prefix: &[u8], offset: usize) -> Loc {
    let before = &prefix[..offset.min(prefix.len())];
    let text = String::from_utf8_lossy(before);
    let line = text.matches('\n').count() as u32 + 1;
    let col = text
        .rsplit('\n')
        .next()
        .map(|l| l.chars().count())
        .unwrap_or(0) as u32
        + 1;
    Loc::new(line, col)
}

/// The id registry of one kind: id -> (file, loc); later disk files replace built-in ones.
pub struct Registry<'a> {
    /// The id of the words naming the kind (`kind_*` in intents/messages.yaml).
    what: &'static str,
    files: &'a [SourceFile],
    pub entries: BTreeMap<String, (usize, Loc)>,
}

impl<'a> Registry<'a> {
    pub fn new(what: &'static str, files: &'a [SourceFile]) -> Self {
        Registry {
            what,
            files,
            entries: BTreeMap::new(),
        }
    }

    /// Registers an id; returns whether this document is the one in force.
    pub fn add(&mut self, id: &Located<String>, file: usize, problems: &mut Vec<Problem>) -> bool {
        if let Some(p) = check::id_format(&self.files[file], id) {
            problems.push(p);
        }
        match self.entries.get(&id.value) {
            Some(&(prev_file, prev_loc)) => {
                let prev = &self.files[prev_file];
                let this = &self.files[file];
                if prev.origin == Origin::Builtin && this.origin == Origin::Disk {
                    // A trainer's file replaces the shipped one with the same id.
                    self.entries.insert(id.value.clone(), (file, id.loc));
                    true
                } else {
                    problems.push(
                        Problem::error(
                            &this.path,
                            id.loc,
                            Message::new("load_id_duplicate")
                                .with("id", &id.value)
                                .word("what", self.what),
                        )
                        .with_source(&this.text)
                        .fix(
                            Message::new("load_id_duplicate_fix")
                                .with("id", &id.value)
                                .with(
                                    "at",
                                    format!("{}:{}:{}", prev.path, prev_loc.line, prev_loc.col),
                                ),
                        ),
                    );
                    false
                }
            }
            None => {
                self.entries.insert(id.value.clone(), (file, id.loc));
                true
            }
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.entries.contains_key(id)
    }

    /// An "unknown id" problem with a did-you-mean fix.
    pub fn unknown(&self, file: &SourceFile, reference: &Located<String>) -> Problem {
        let suggestion =
            problem::did_you_mean(&reference.value, self.entries.keys().map(String::as_str));
        let fix = match suggestion {
            Some(s) => Message::new("check_did_you_mean").with("id", s),
            None if self.entries.is_empty() => {
                Message::new("load_define_first").word("what", self.what)
            }
            None => Message::new("check_use_one_of").with(
                "known",
                self.entries
                    .keys()
                    .take(12)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
        };
        Problem::error(
            &file.path,
            reference.loc,
            Message::new("load_id_unknown")
                .with("id", &reference.value)
                .word("what", self.what),
        )
        .with_source(&file.text)
        .fix(fix)
    }
}

fn resolve(mut parsed: Parsed, problems: &mut Vec<Problem>) -> ContentPack {
    // Slots first: every check and the analyser see the patterns as they will run.
    super::slots::expand(&parsed.files, &mut parsed.acts, problems);
    let files = &parsed.files;
    let mut pack = ContentPack::default();

    // Ids first, so every reference can be checked whichever file it sits in.
    let mut act_ids = Registry::new("kind_act", files);
    let mut act_docs = BTreeMap::new();
    for doc in &parsed.acts {
        for (i, act) in doc.value.acts.iter().enumerate() {
            if act_ids.add(&act.id, doc.file, problems) {
                act_docs.insert(act.id.value.clone(), (doc.file, i));
            }
        }
    }
    let mut persona_ids = Registry::new("kind_persona", files);
    for doc in &parsed.personas {
        persona_ids.add(&doc.value.id, doc.file, problems);
    }
    let mut rubric_ids = Registry::new("kind_rubric", files);
    for doc in &parsed.rubrics {
        rubric_ids.add(&doc.value.id, doc.file, problems);
    }
    let mut scenario_ids = Registry::new("kind_scenario", files);
    for doc in &parsed.scenarios {
        scenario_ids.add(&doc.value.id, doc.file, problems);
    }
    let mut exam_ids = Registry::new("kind_exam", files);
    for doc in &parsed.exams {
        exam_ids.add(&doc.value.id, doc.file, problems);
    }

    let ctx = check::Context {
        files,
        acts: &act_ids,
        personas: &persona_ids,
        rubrics: &rubric_ids,
        scenarios: &scenario_ids,
    };
    let in_force = |reg: &Registry, id: &Located<String>, file: usize| {
        reg.entries.get(&id.value).is_some_and(|e| e.0 == file)
    };

    check::acts(&ctx, &parsed.acts, problems);
    pack.explanations = check::explanations(files, &parsed.acts, problems);
    let mut extra_examples = Vec::new();
    let mut extra_cues = Vec::new();
    let mut scoring_from: Option<usize> = None;
    for doc in parsed.acts {
        for (act, list) in doc.value.examples {
            extra_examples.push((doc.file, act, list));
        }
        for (act, groups) in doc.value.cues {
            extra_cues.push((doc.file, act, groups));
        }
        for act in doc.value.acts {
            if in_force(&act_ids, &act.id, doc.file) {
                pack.origins
                    .insert(("act", act.id.value.clone()), files[doc.file].path.clone());
                pack.acts.insert(act.id.value.clone(), act);
            }
        }
        if let Some(language) = doc.value.language {
            merge_language(&mut pack.language, language);
        }
        if let Some(scoring) = doc.value.scoring {
            let file = &files[doc.file];
            for message in crate::scoring::cues::problems(&scoring.value) {
                problems.push(
                    Problem::error(&file.path, scoring.loc, message)
                        .fix(Message::new("load_scoring_fix")),
                );
            }
            match scoring_from.replace(doc.file) {
                Some(first) => problems.push(
                    Problem::error(
                        &file.path,
                        scoring.loc,
                        Message::new("load_scoring_second").with("first", &files[first].path),
                    )
                    .fix(Message::new("load_scoring_second_fix")),
                ),
                None => pack.scoring = scoring.value,
            }
        }
    }
    for (file, id, list) in extra_examples {
        match pack.acts.get_mut(&id) {
            Some(act) => {
                act.examples.en.extend(list.value.en);
                act.examples.zh.extend(list.value.zh);
            }
            None => problems.push(act_ids.unknown(&files[file], &Located::new(id, list.loc))),
        }
    }
    for (file, id, groups) in extra_cues {
        match pack.acts.get_mut(&id) {
            Some(act) => act.cues.extend(groups.value),
            None => problems.push(act_ids.unknown(&files[file], &Located::new(id, groups.loc))),
        }
    }
    for doc in parsed.personas {
        check::persona(&ctx, &files[doc.file], &doc.value, problems);
        if in_force(&persona_ids, &doc.value.id, doc.file) {
            pack.origins.insert(
                ("persona", doc.value.id.value.clone()),
                files[doc.file].path.clone(),
            );
            pack.personas.insert(doc.value.id.value.clone(), doc.value);
        }
    }
    for doc in parsed.rubrics {
        check::rubric(&ctx, &files[doc.file], &doc.value, problems);
        if in_force(&rubric_ids, &doc.value.id, doc.file) {
            pack.origins.insert(
                ("rubric", doc.value.id.value.clone()),
                files[doc.file].path.clone(),
            );
            pack.rubrics.insert(doc.value.id.value.clone(), doc.value);
        }
    }
    for doc in parsed.scenarios {
        check::scenario(&ctx, &files[doc.file], &doc.value, problems);
        if in_force(&scenario_ids, &doc.value.id, doc.file) {
            pack.origins.insert(
                ("scenario", doc.value.id.value.clone()),
                files[doc.file].path.clone(),
            );
            pack.scenarios.insert(doc.value.id.value.clone(), doc.value);
        }
    }
    for doc in parsed.exams {
        check::exam(
            &ctx,
            &files[doc.file],
            &doc.value,
            &pack.scenarios,
            problems,
        );
        if in_force(&exam_ids, &doc.value.id, doc.file) {
            pack.origins.insert(
                ("exam", doc.value.id.value.clone()),
                files[doc.file].path.clone(),
            );
            pack.exams.insert(doc.value.id.value.clone(), doc.value);
        }
    }
    // Scenario-level facts that need the resolved personas (overrides of the kind's replies).
    pack.warnings = problems.iter().filter(|p| !p.is_error()).cloned().collect();
    pack
}

/// Every list of `from` added to `into`'s. `from` is taken apart field by field, so a list
/// added to `LanguageCues` and not merged here does not compile (it would be dropped silently).
fn merge_language(into: &mut super::raw::LanguageCues, from: super::raw::LanguageCues) {
    let super::raw::LanguageCues {
        negation,
        reassurance,
        quotation,
        quotation_levers,
        warnings,
        priming,
        labelled,
        clause_breaks,
        politeness,
        pressure,
        conditional,
        not_negating,
        negation_wide,
        scope_breaks,
        negation_carries,
        addressed,
        frames,
        thresholds,
        frame_fillers,
        third_party_relations,
        third_party_possessives,
        third_person,
        repair,
        relays,
        call_backs,
    } = from;
    for (a, b) in [
        (&mut into.negation, negation),
        (&mut into.reassurance, reassurance),
        (&mut into.quotation, quotation),
        (&mut into.quotation_levers, quotation_levers),
        (&mut into.warnings, warnings),
        (&mut into.priming, priming),
        (&mut into.labelled, labelled),
        (&mut into.clause_breaks, clause_breaks),
        (&mut into.politeness, politeness),
        (&mut into.pressure, pressure),
        (&mut into.conditional, conditional),
        (&mut into.not_negating, not_negating),
        (&mut into.negation_wide, negation_wide),
        (&mut into.scope_breaks, scope_breaks),
        (&mut into.negation_carries, negation_carries),
        (&mut into.addressed, addressed),
        (&mut into.frames, frames),
        (&mut into.thresholds, thresholds),
        (&mut into.frame_fillers, frame_fillers),
        (&mut into.third_party_relations, third_party_relations),
        (&mut into.third_party_possessives, third_party_possessives),
        (&mut into.third_person, third_person),
        (&mut into.repair, repair),
        (&mut into.relays, relays),
        (&mut into.call_backs, call_backs),
    ] {
        a.en.extend(b.en);
        a.zh.extend(b.zh);
    }
}
