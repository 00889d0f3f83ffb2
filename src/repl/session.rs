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

    fn render(&self, lang: Lang) -> String {
        format!(
            "{} {} ({})
{} “{}”
{} {}",
            tr(lang, "Retry focus:", "本次重练重点："),
            self.description,
            self.rule,
            tr(lang, "Last time you said:", "上次您说："),
            self.quote,
            tr(lang, "Try instead:", "可以这样说："),
            self.advice
        )
    }
}

fn tr(lang: Lang, en: &str, zh: &str) -> String {
    if lang == Lang::Zh { zh } else { en }.to_string()
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
            &view::system(&format!(
                "{} {}",
                tr(
                    self.lang(),
                    "Call saved, not graded:",
                    "通话已保存（未评分）："
                ),
                self.file.display()
            )),
        )
    }

    fn lang(&self) -> Lang {
        self.scenario.lang
    }

    fn say(&self, out: &mut dyn Write, reply: &Reply, before: Option<i32>) -> Result<(), Error> {
        emit(
            out,
            &view::spoken(
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
        emit(out, &briefing::render(self.scenario))?;
        if let Some(focus) = &self.focus {
            emit(out, &view::system(&focus.render(lang)))?;
        }
        emit(
            out,
            &view::system(&tr(
                lang,
                "Type what you would say. /help for commands, /hint when stuck, /end to finish.",
                "请输入您要说的话。/help 查看命令，/hint 获取提示，/end 结束通话。",
            )),
        )?;
        if self.exam {
            emit(
                out,
                &view::system(&tr(
                    lang,
                    "Exam call: /hint, /undo, /score, /restart and coaching are not available; /end finishes this call and moves to the next.",
                    "考试通话：不提供 /hint、/undo、/score、/restart 和辅导；/end 结束本通并进入下一通。",
                )),
            )?;
        }
        emit(out, "\n")?;
        self.start(out)?;
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
                &view::system(&format!(
                    "{} {category} (“{}”) — {advice}",
                    tr(self.lang(), "coach: risk", "教练：风险"),
                    f.evidence
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
            emit(
                out,
                &view::system(&tr(
                    lang,
                    "not allowed in an exam (no /hint, /undo, /score or /restart); /end finishes this call",
                    "考试中不允许使用（/hint、/undo、/score、/restart）；/end 结束本通",
                )),
            )?;
            return Ok(None);
        }
        match c {
            Command::Help => emit(out, &view::system(commands::help(lang)))?,
            Command::Facts => emit(out, &briefing::render(self.scenario))?,
            Command::Hint => {
                self.hints += 1;
                let text = match commands::hint(
                    self.rubric,
                    self.scenario,
                    &self.engine.state.act_counts,
                ) {
                    Some((rule, advice)) => {
                        format!("{} {advice}  ({rule})", tr(lang, "hint:", "提示："))
                    }
                    None => tr(
                        lang,
                        "hint: the required steps are done; work towards an amount and a date, then confirm them.",
                        "提示：必要步骤已完成；请争取具体金额和日期，并与客户确认。",
                    ),
                };
                emit(out, &view::system(&text))?;
            }
            Command::Undo => {
                let Some(last) = self.lines.pop() else {
                    emit(
                        out,
                        &view::system(&tr(lang, "nothing to take back", "没有可以撤回的话")),
                    )?;
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
                emit(
                    out,
                    &view::system(&format!("{} “{last}”", tr(lang, "taken back:", "已撤回："))),
                )?;
                if let Some(t) = self.engine.transcript.turns.last() {
                    emit(
                        out,
                        &view::spoken(lang, false, &t.text, t.mood.map(|m| view::mood(m, None))),
                    )?;
                }
            }
            Command::Score => {
                let g = self.grade();
                let mut s = format!(
                    "{} {:.0} ({})",
                    tr(lang, "score so far:", "当前得分："),
                    g.overall,
                    if g.passed {
                        tr(lang, "passing", "及格")
                    } else {
                        tr(lang, "failing", "不及格")
                    }
                );
                s.push_str(&format!(
                    " · verification {:.0} · accuracy {:.0} · tone {:.0} · compliance {:.0} · {} finding(s)",
                    g.scores.verification,
                    g.scores.accuracy,
                    g.scores.tone,
                    g.scores.compliance,
                    g.findings.len()
                ));
                emit(out, &view::system(&s))?;
            }
            Command::Restart | Command::Retry => {
                self.file = CallFile::create(self.data, &self.scenario.id.value)?;
                self.hints = 0;
                emit(
                    out,
                    &view::system(&tr(lang, "starting the call again", "重新开始通话")),
                )?;
                self.start(out)?;
            }
            Command::End => return self.debrief(reader, out).map(Some),
            Command::Quit => {
                self.save_ungraded(out)?;
                return Ok(Some(After::Quit));
            }
            Command::Unknown(name) => emit(
                out,
                &view::system(&format!(
                    "{} {name}; /help",
                    tr(lang, "unknown command", "未知命令")
                )),
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
        (!reached).then(|| {
            tr(
                self.lang(),
                "the steps were right but nothing was agreed: name an amount and a date, answer the borrower's objection, then confirm the promise back.",
                "步骤都对，但没有达成约定：提出具体金额和日期，回应客户的顾虑，最后与客户复述确认还款承诺。",
            )
        })
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
        let lang = self.lang();
        let hung_up = self.engine.ended().is_some();
        self.engine.end_by_agent();
        self.file.save(&self.engine.transcript)?;
        if !hung_up {
            return Ok(After::Next);
        }
        emit(
            out,
            &view::system(&tr(
                lang,
                "The call has ended. /end moves to the next call.",
                "通话已结束。/end 进入下一通。",
            )),
        )?;
        loop {
            match reader.read("> ", out)? {
                Input::Eof | Input::Interrupt => return Ok(After::Next),
                Input::Line(l) => match commands::parse(&l) {
                    Some(Command::End) => return Ok(After::Next),
                    Some(Command::Quit) => return Ok(After::Quit),
                    _ if l.trim().is_empty() => {}
                    _ => emit(
                        out,
                        &view::system(&tr(
                            lang,
                            "The call has ended: /end moves to the next call, /quit abandons the exam.",
                            "通话已结束：/end 进入下一通，/quit 放弃考试。",
                        )),
                    )?,
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
            "\n{} {file}\n{} {}\n",
            tr(lang, "Transcript saved:", "通话记录已保存："),
            tr(lang, "Hints used:", "使用提示次数："),
            self.hints
        );
        if let Some(next) = commands::next_scenario(self.pack, self.scenario, weak) {
            s.push_str(&format!(
                "{} {} — {} ({} {})\n",
                tr(lang, "Practise next:", "建议下一个练习："),
                next.id.value,
                next.title.value,
                tr(lang, "weakest:", "最弱维度："),
                weak.name()
            ));
        }
        match (&self.main_finding, self.better(&g)) {
            (Some(f), _) => s.push_str(&format!(
                "{} {} ({})\n  {} “{}”\n{}\n",
                tr(lang, "To do better:", "改进建议："),
                f.description,
                f.rule,
                tr(lang, "Try:", "可以这样说："),
                f.advice,
                tr(
                    lang,
                    "/retry replays this scenario focused on it; /quit leaves.",
                    "/retry 针对这一点重练本场景；/quit 退出。"
                ),
            )),
            (None, better) => {
                if let Some(b) = better {
                    s.push_str(&format!(
                        "{} {b}\n",
                        tr(lang, "To do better:", "改进建议：")
                    ));
                }
                s.push_str(&tr(
                    lang,
                    "/retry replays this scenario; /quit leaves.\n",
                    "/retry 重练本场景；/quit 退出。\n",
                ));
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
                    _ => emit(
                        out,
                        &view::system(&tr(
                            lang,
                            "The call has ended: /retry or /quit.",
                            "通话已结束：/retry 重练，/quit 退出。",
                        )),
                    )?,
                },
            }
        }
    }
}
