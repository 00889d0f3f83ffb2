//! The practice REPL: pick a scenario, read the briefing, play the call line by line with slash
//! commands, get the debrief; every turn is saved as it is typed.

pub mod commands;
pub mod helper;
pub mod input;
pub mod session;
pub mod store;
pub mod texts;
pub mod view;

use std::io::Write;
use std::path::PathBuf;

use jiff::civil::DateTime;

use crate::commands::emit;
use crate::content::raw::{PersonaKind, Scenario};
use crate::content::{self, ContentPack, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::understanding::Analyzer;
use input::{Input, Reader};
use session::{After, Session};

#[derive(Debug, Default)]
pub struct Options {
    pub scenario: Option<String>,
    pub kind: Option<PersonaKind>,
    pub lang: Option<Lang>,
    pub seed: u64,
    pub coach: bool,
    pub data_dir: Option<PathBuf>,
    pub now: Option<DateTime>,
}

/// The scenario to play: `--scenario`, else a numbered menu on a terminal, else a seeded pick.
fn pick<'a>(
    pack: &'a ContentPack,
    options: &Options,
    reader: &mut Reader,
    out: &mut dyn Write,
) -> Result<Option<&'a Scenario>, Error> {
    if let Some(id) = &options.scenario {
        return pack.scenario(id).map(Some);
    }
    let ids: Vec<&str> = crate::commands::list::entries(pack, options.kind, options.lang)
        .iter()
        .map(|e| e.id)
        .collect();
    let list: Vec<&Scenario> = ids
        .iter()
        .filter_map(|id| pack.scenarios.get(*id))
        .collect();
    if list.is_empty() {
        return Err(Error::usage("usage_no_scenario", &[]));
    }
    if !reader.tty {
        return Ok(Some(list[(options.seed % list.len() as u64) as usize]));
    }
    // A first call should not be the hardest one: Enter picks the first easy scenario.
    let default = list
        .iter()
        .position(|s| s.difficulty == crate::content::raw::Difficulty::Easy)
        .unwrap_or(0);
    // No language is chosen yet: the menu's words in both, English first.
    let words = &pack.explanations.practice;
    let both = |id: &str, values: &[(&str, String)]| {
        format!(
            "{} / {}",
            words.fill(id, crate::lang::Lang::En, values),
            words.fill(id, crate::lang::Lang::Zh, values)
        )
    };
    let mut menu = format!("{}:\n", both("menu", &[]));
    for (i, s) in list.iter().enumerate() {
        // Who picks up matters more than the borrower's kind when it is not the borrower.
        let who = if s.answerer == crate::content::raw::Answerer::ThirdParty {
            "third party"
        } else {
            s.kind.value.as_str()
        };
        menu.push_str(&format!(
            "  {:>2}. {}  {:<11} {:<6} {}\n",
            i + 1,
            s.lang,
            who,
            s.difficulty.name(),
            s.title.value
        ));
    }
    emit(out, &menu)?;
    let prompt = format!(
        "1-{} (Enter: {}, {})> ",
        list.len(),
        default + 1,
        list[default].difficulty.name()
    );
    loop {
        match reader.read(&prompt, out)? {
            Input::Eof | Input::Interrupt => return Ok(None),
            Input::Line(l) => {
                let l = l.trim();
                if l.is_empty() {
                    return Ok(Some(list[default]));
                }
                match l.parse::<usize>() {
                    Ok(n) if (1..=list.len()).contains(&n) => return Ok(Some(list[n - 1])),
                    _ => emit(
                        out,
                        &format!(
                            "{}\n",
                            both("menu_refused", &[("n", list.len().to_string())])
                        ),
                    )?,
                }
            }
        }
    }
}

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let analyzer = Analyzer::new(&pack);
    // While the trainee reads the menu and the briefing, the cue patterns are compiled on the
    // other core, so that no typed line waits for one (a first line could, by a few ms).
    std::thread::scope(|s| {
        s.spawn(|| analyzer.warm());
        practise(&pack, &analyzer, options, out)
    })
}

fn practise(
    pack: &ContentPack,
    analyzer: &Analyzer,
    options: Options,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let data = store::data_dir(options.data_dir.clone());
    let mut reader = Reader::new(&data)?;
    let Some(scenario) = pick(pack, &options, &mut reader, out)? else {
        return Ok(0);
    };
    let now = options
        .now
        .unwrap_or_else(|| crate::commands::run::scenario_now(scenario));
    let mut focus = None;
    loop {
        let mut session = Session::new(
            pack,
            analyzer,
            scenario,
            options.seed,
            now,
            options.coach,
            &data,
        )?;
        session.focus = focus.take();
        match session.run(&mut reader, out)? {
            After::Retry => {
                focus = session.main_finding.take();
                emit(out, "\n")?;
                continue;
            }
            After::Quit => return Ok(0),
            After::Next => return Ok(0),
        }
    }
}
