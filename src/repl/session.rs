//! One practice call: the briefing, the call loop with slash commands, the debrief.

use std::io::Write;
use std::path::Path;

use jiff::civil::DateTime;

use super::commands::{self, Command};
use super::input::{Input, Reader};
use super::store::{self, CallFile, HistoryEntry};
use super::view;
use crate::call::CallFacts;
use crate::commands::emit;
use crate::content::ContentPack;
use crate::content::raw::{Rubric, Scenario};
use crate::error::Error;
use crate::lang::Lang;
use crate::persona::Engine;
use crate::persona::engine::Reply;
use crate::report::labels::Texts;
use crate::report::{briefing, debrief};
use crate::understanding::Analyzer;

/// What the agent wants after a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum After {
    Retry,
    Quit,
    /// Exam mode: the call is over (`/end`, Ctrl-C or the borrower hung up); take the next one.
    Next,
}

pub struct Session<'a> {
    pack: &'a ContentPack,
    analyzer: &'a Analyzer,
    scenario: &'a Scenario,
    rubric: &'a Rubric,
    seed: u64,
    now: DateTime,
    coach: bool,
    data: &'a Path,
    lines: Vec<String>,
    engine: Engine<'a>,
    file: CallFile,
    hints: u32,
    /// Shown at the start of the call: the finding a `/retry` works on.
    pub focus: Option<Focus>,
    /// The main finding of the last debrief, for the next `/retry`.
    pub main_finding: Option<Focus>,
    /// Certification: no hints, undo, restart, score or coaching, and no debrief.
    exam: bool,
}

/// What a retry practises: the main finding of the call before, and the better line.
#[derive(Debug, Clone, PartialEq)]
pub struct Focus {
    pub rule: String,
    pub description: String,
    pub quote: String,
    pub advice: String,
}

impl Focus {
    /// The finding that cost the most: the most severe, then the most points, then the first.
    pub fn main(findings: &[crate::scoring::Finding]) -> Option<Focus> {
        let mut best: Option<&crate::scoring::Finding> = None;
        for f in findings {
            if best.is_none_or(|b| (f.severity, f.points) > (b.severity, b.points)) {
                best = Some(f);
            }
        }
        best.map(|f| Focus {
            rule: f.rule.clone(),
            description: f.description.clone(),
            quote: f.quote.clone(),
            advice: f.advice.clone(),
        })
    }

    fn render(&self, words: &Texts, lang: Lang) -> String {
        words.fill(
            "focus",
            lang,
            &[
                ("description", self.description.clone()),
                ("rule", self.rule.clone()),
                ("quote", self.quote.clone()),
                ("advice", self.advice.clone()),
            ],
        )
    }
}

impl<'a> Session<'a> {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        pack: &'a ContentPack,
        analyzer: &'a Analyzer,
        scenario: &'a Scenario,
        seed: u64,
        now: DateTime,
        coach: bool,
        data: &'a Path,
    ) -> Result<Session<'a>, Error> {
        let rubric = pack.rubric(&scenario.rubric.value)?;
        let engine = Engine::new(pack, analyzer, scenario, seed, now)?;
        let file = CallFile::create(data, &scenario.id.value)?;
        Ok(Session {
            pack,
            analyzer,
            scenario,
            rubric,
            seed,
            now,
            coach,
            data,
            lines: Vec::new(),
            engine,
            file,
            hints: 0,
            focus: None,
            main_finding: None,
            exam: false,
        })
    }

    /// Exam mode, graded with the exam's rubric: `/end` hands the call back (`After::Next`)
    /// instead of debriefing, and the helping commands answer that they are not allowed.
    pub fn exam_mode(mut self, rubric: &'a Rubric) -> Session<'a> {
        self.exam = true;
        self.coach = false;
        self.rubric = rubric;
        self
    }

    pub fn transcript(&self) -> &crate::call::Transcript {
        &self.engine.transcript
    }

    pub fn call_file(&self) -> &CallFile {
        &self.file
    }

    /// Leaving without a debrief: the transcript is saved and its path shown.
    fn save_ungraded(&mut self, out: &mut dyn Write) -> Result<(), Error> {
        self.file.save(&self.engine.transcript)?;
        emit(
            out,
            &view::system(&self.fill("saved_ungraded", &[("file", self.file.display())])),
        )
    }

    fn lang(&self) -> Lang {
        self.scenario.lang
    }

    /// What the session says (`practice:` in the library), in the call's language.
    fn words(&self, id: &str) -> &'a str {
        self.pack.explanations.practice.get(id, self.scenario.lang)
    }

    fn fill(&self, id: &str, values: &[(&str, String)]) -> String {
        self.pack
            .explanations
            .practice
            .fill(id, self.scenario.lang, values)
    }

    fn briefing(&self) -> String {
        briefing::render(self.scenario, &self.pack.explanations.briefing)
    }

    fn say(&self, out: &mut dyn Write, reply: &Reply, before: Option<i32>) -> Result<(), Error> {
        emit(
            out,
            &view::spoken(
                &self.pack.explanations.practice,
                self.lang(),
                false,
                &reply.text,
                Some(view::mood(reply.mood, before)),
            ),
        )
    }

    /// A fresh engine: the persona picks up.
    fn start(&mut self, out: &mut dyn Write) -> Result<(), Error> {
        self.engine = Engine::new(self.pack, self.analyzer, self.scenario, self.seed, self.now)?;
        self.lines.clear();
        let reply = self.engine.open();
        self.file.save(&self.engine.transcript)?;
        self.say(out, &reply, None)
    }

    /// Plays the whole call; returns what the agent wants next.
    pub fn run(&mut self, reader: &mut Reader, out: &mut dyn Write) -> Result<After, Error> {
        let lang = self.lang();
        emit(out, &self.briefing())?;
        if let Some(focus) = &self.focus {
            emit(
                out,
                &view::system(&focus.render(&self.pack.explanations.practice, lang)),
            )?;
        }
        emit(out, &view::system(self.words("start")))?;
        if self.exam {
            emit(out, &view::system(self.words("exam_start")))?;
        }
        emit(out, "\n")?;
        self.start(out)?;
        // While the trainee reads the opening line.
        self.analyzer.prime(lang);
        self.analyzer.prime_names(lang, &self.scenario.names());
        loop {
            if self.engine.ended().is_some() {
                return self.debrief(reader, out);
            }
            let prompt = view::prompt(self.lines.len() + 1);
            match reader.read(&prompt, out)? {
                Input::Eof => {
                    self.save_ungraded(out)?;
                    return Ok(After::Quit);
                }
                Input::Interrupt => return self.debrief(reader, out),
                Input::Line(line) => {
                    let line = line.trim().to_string();
                    if line.is_empty() {
                        continue;
                    }
                    match commands::parse(&line) {
                        None => self.speak(&line, out)?,
                        Some(c) => {
                            if let Some(after) = self.command(c, reader, out)? {
                                return Ok(after);
                            }
                        }
                    }
                }
            }
        }
    }

    fn speak(&mut self, line: &str, out: &mut dyn Write) -> Result<(), Error> {
        let before = Some(self.engine.state.mood);
        let reply = self.engine.respond(line);
        self.lines.push(line.to_string());
        self.file.save(&self.engine.transcript)?;
        if !reply.text.is_empty() {
            self.say(out, &reply, before)?;
        }
        if self.coach
            && let Some(f) = reply.analysis.as_ref().and_then(|a| a.findings.first())
        {
            let category = f.category.name();
            let advice = commands::risk_advice(self.rubric, category, self.lang())
                .unwrap_or_else(|| f.rule.clone());
            emit(
                out,
                &view::system(&self.fill(
                    "coach",
                    &[
                        ("category", category.to_string()),
                        ("said", f.evidence.clone()),
                        ("advice", advice),
                    ],
                )),
            )?;
        }
        Ok(())
    }

    /// Handles a slash command; `Some` when the session is over.
    fn command(
        &mut self,
        c: Command,
        reader: &mut Reader,
        out: &mut dyn Write,
    ) -> Result<Option<After>, Error> {
        let lang = self.lang();
        if self.exam
            && matches!(
                c,
                Command::Hint | Command::Undo | Command::Score | Command::Restart | Command::Retry
            )
        {
            emit(out, &view::system(self.words("exam_refused")))?;
            return Ok(None);
        }
        match c {
            Command::Help => emit(out, &view::system(self.words("help")))?,
            Command::Facts => emit(out, &self.briefing())?,
            Command::Hint => {
                self.hints += 1;
                let text =
                    match commands::hint(self.rubric, self.scenario, &self.engine.state.act_counts)
                    {
                        Some((rule, advice)) => {
                            self.fill("hint", &[("advice", advice), ("rule", rule)])
                        }
                        None => self.words("hint_done").to_string(),
                    };
                emit(out, &view::system(&text))?;
            }
            Command::Undo => {
                let Some(last) = self.lines.pop() else {
                    emit(out, &view::system(self.words("nothing_to_undo")))?;
                    return Ok(None);
                };
                let rest = std::mem::take(&mut self.lines);
                self.engine =
                    Engine::new(self.pack, self.analyzer, self.scenario, self.seed, self.now)?;
                self.engine.open();
                for l in &rest {
                    self.engine.respond(l);
                }
                self.lines = rest;
                self.file.save(&self.engine.transcript)?;
                emit(out, &view::system(&self.fill("undone", &[("line", last)])))?;
                if let Some(t) = self.engine.transcript.turns.last() {
                    emit(
                        out,
                        &view::spoken(
                            &self.pack.explanations.practice,
                            lang,
                            false,
                            &t.text,
                            t.mood.map(|m| view::mood(m, None)),
                        ),
                    )?;
                }
            }
            Command::Score => {
                let g = self.grade();
                let s = self.fill(
                    "score",
                    &[
                        ("overall", format!("{:.0}", g.overall)),
                        (
                            "status",
                            self.words(if g.passed { "passing" } else { "failing" })
                                .to_string(),
                        ),
                        ("verification", format!("{:.0}", g.scores.verification)),
                        ("accuracy", format!("{:.0}", g.scores.accuracy)),
                        ("tone", format!("{:.0}", g.scores.tone)),
                        ("compliance", format!("{:.0}", g.scores.compliance)),
                        ("findings", g.findings.len().to_string()),
                    ],
                );
                emit(out, &view::system(&s))?;
            }
            Command::Restart | Command::Retry => {
                self.file = CallFile::create(self.data, &self.scenario.id.value)?;
                self.hints = 0;
                emit(out, &view::system(self.words("restarting")))?;
                self.start(out)?;
            }
            Command::End => return self.debrief(reader, out).map(Some),
            Command::Quit => {
                self.save_ungraded(out)?;
                return Ok(Some(After::Quit));
            }
            Command::Unknown(name) => emit(
                out,
                &view::system(&self.fill("unknown_command", &[("name", name)])),
            )?,
        }
        Ok(None)
    }

    /// What to do better when no rule was broken: the next step the rubric asks for; with every
    /// step done but no agreement, how to reach one.
    fn better(&self, g: &crate::scoring::Grade) -> Option<String> {
        use crate::call::OutcomeKind as K;
        if let Some((_, advice)) =
            commands::hint(self.rubric, self.scenario, &self.engine.state.act_counts)
        {
            return Some(advice);
        }
        let reached = self.engine.ended().is_some_and(|o| {
            matches!(
                o.kind,
                K::PromiseToPay | K::PlanAgreed | K::DisputeLogged | K::FraudDetected
            ) || (o.kind == K::ThirdPartyClosed && g.findings.is_empty())
        });
        (!reached).then(|| self.words("nothing_agreed").to_string())
    }

    fn grade(&self) -> crate::scoring::Grade {
        crate::scoring::grade(
            self.pack,
            self.analyzer,
            self.rubric,
            &self.engine.transcript,
            &CallFacts::from_scenario(self.scenario),
            self.now,
        )
    }

    /// Exam mode: the call is over. When the borrower hung up, the agent's next lines were
    /// meant for this call, so they are set aside until `/end` (or the end of input) moves on.
    fn exam_close(&mut self, reader: &mut Reader, out: &mut dyn Write) -> Result<After, Error> {
        let hung_up = self.engine.ended().is_some();
        self.engine.end_by_agent();
        self.file.save(&self.engine.transcript)?;
        if !hung_up {
            return Ok(After::Next);
        }
        emit(out, &view::system(self.words("ended_next")))?;
        loop {
            match reader.read("> ", out)? {
                Input::Eof | Input::Interrupt => return Ok(After::Next),
                Input::Line(l) => match commands::parse(&l) {
                    Some(Command::End) => return Ok(After::Next),
                    Some(Command::Quit) => return Ok(After::Quit),
                    _ if l.trim().is_empty() => {}
                    _ => emit(out, &view::system(self.words("ended_exam")))?,
                },
            }
        }
    }

    /// Ends the call, saves and grades it, prints the debrief, records it in the history, then
    /// waits for `/retry` or `/quit`.
    fn debrief(&mut self, reader: &mut Reader, out: &mut dyn Write) -> Result<After, Error> {
        let lang = self.lang();
        if self.exam {
            return self.exam_close(reader, out);
        }
        self.engine.end_by_agent();
        self.file.save(&self.engine.transcript)?;
        let g = self.grade();
        let file = self.file.display();
        emit(out, "\n")?;
        emit(
            out,
            &debrief::text(&debrief::Debrief {
                file: Some(&file),
                transcript: &self.engine.transcript,
                grade: &g,
                rubric: self.rubric,
                labels: &self.pack.explanations.labels,
            }),
        )?;
        let weak = commands::weakest(&g.scores);
        self.main_finding = Focus::main(&g.findings);
        let mut s = format!(
            "\n{}\n{}\n",
            self.fill("transcript_saved", &[("file", file.clone())]),
            self.fill("hints_used", &[("count", self.hints.to_string())]),
        );
        if let Some(next) = commands::next_scenario(self.pack, self.scenario, weak) {
            s.push_str(
                &self.fill(
                    "practise_next",
                    &[
                        ("id", next.id.value.clone()),
                        ("title", next.title.value.clone()),
                        (
                            "dimension",
                            self.pack
                                .explanations
                                .labels
                                .get(weak.name(), lang)
                                .to_string(),
                        ),
                    ],
                ),
            );
            s.push('\n');
        }
        match (&self.main_finding, self.better(&g)) {
            (Some(f), _) => {
                s.push_str(&self.fill(
                    "do_better_finding",
                    &[
                        ("description", f.description.clone()),
                        ("rule", f.rule.clone()),
                        ("advice", f.advice.clone()),
                    ],
                ));
                s.push('\n');
            }
            (None, better) => {
                if let Some(b) = better {
                    s.push_str(&self.fill("do_better", &[("advice", b)]));
                    s.push('\n');
                }
                s.push_str(self.words("retry_or_quit"));
                s.push('\n');
            }
        }
        emit(out, &s)?;
        store::append_history(
            self.data,
            &HistoryEntry::graded(
                self.scenario.id.value.clone(),
                lang.code().to_string(),
                jiff::Timestamp::now().to_string(),
                &g,
                self.hints,
                file,
            ),
        )?;
        loop {
            match reader.read("> ", out)? {
                Input::Eof | Input::Interrupt => return Ok(After::Quit),
                Input::Line(l) => match commands::parse(&l) {
                    Some(Command::Retry | Command::Restart) => return Ok(After::Retry),
                    Some(Command::Quit | Command::End) => return Ok(After::Quit),
                    _ if l.trim().is_empty() => {}
                    _ => emit(out, &view::system(self.words("ended_retry")))?,
                },
            }
        }
    }
}
