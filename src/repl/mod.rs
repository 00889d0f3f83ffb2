//! The practice REPL: pick a scenario, read the briefing, play the call line by line with slash
//! commands, get the debrief; every turn is saved as it is typed.

pub mod commands;
pub mod helper;
pub mod input;
pub mod session;
pub mod store;
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
        return Err(Error::Usage(
            "no scenario matches --kind and --lang; see `collectsim list`".to_string(),
        ));
    }
    if !reader.tty {
        return Ok(Some(list[(options.seed % list.len() as u64) as usize]));
    }
    let mut menu = String::from("Choose a scenario / 选择练习场景:\n");
    for (i, s) in list.iter().enumerate() {
        menu.push_str(&format!(
            "  {:>2}. {}  {:<10} {}\n",
            i + 1,
            s.lang,
            s.kind.value,
            s.title.value
        ));
    }
    emit(out, &menu)?;
    loop {
        match reader.read(&format!("1-{}> ", list.len()), out)? {
            Input::Eof | Input::Interrupt => return Ok(None),
            Input::Line(l) => {
                let l = l.trim();
                if l.is_empty() {
                    return Ok(Some(list[0]));
                }
                match l.parse::<usize>() {
                    Ok(n) if (1..=list.len()).contains(&n) => return Ok(Some(list[n - 1])),
                    _ => emit(out, &format!("type a number from 1 to {}\n", list.len()))?,
                }
            }
        }
    }
}

pub fn run(sources: &ContentSources, options: Options, out: &mut dyn Write) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let analyzer = Analyzer::new(&pack);
    let data = store::data_dir(options.data_dir.clone());
    let mut reader = Reader::new(&data)?;
    let Some(scenario) = pick(&pack, &options, &mut reader, out)? else {
        return Ok(0);
    };
    let now = options
        .now
        .unwrap_or_else(|| crate::commands::run::scenario_now(scenario));
    loop {
        let mut session = Session::new(
            &pack,
            &analyzer,
            scenario,
            options.seed,
            now,
            options.coach,
            &data,
        )?;
        match session.run(&mut reader, out)? {
            After::Retry => {
                emit(out, "\n")?;
                continue;
            }
            After::Quit => return Ok(0),
            After::Next => return Ok(0),
        }
    }
}
