//! `collectsim list`: the scenarios, filtered by kind and language.

use std::io::Write;

use serde::Serialize;

use crate::content::raw::PersonaKind;
use crate::content::{self, ContentPack, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::Say;
use crate::report::table::Table;

#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub lang: Lang,
    pub kind: &'a str,
    pub answerer: &'static str,
    pub difficulty: &'static str,
    pub rubric: &'a str,
    pub product: serde_json::Value,
}

pub fn entries(
    pack: &ContentPack,
    kind: Option<PersonaKind>,
    lang: Option<Lang>,
) -> Vec<Entry<'_>> {
    pack.scenarios
        .values()
        .filter(|s| lang.is_none_or(|l| s.lang == l))
        .filter(|s| {
            kind.is_none_or(|k| {
                s.kind.value == k.name()
                    || pack
                        .personas
                        .get(&s.kind.value)
                        .is_some_and(|p| p.kind == k)
            })
        })
        .map(|s| Entry {
            id: &s.id.value,
            title: &s.title.value,
            lang: s.lang,
            kind: &s.kind.value,
            answerer: s.answerer.name(),
            difficulty: s.difficulty.name(),
            rubric: &s.rubric.value,
            product: serde_json::to_value(s.account.product).unwrap_or_default(),
        })
        .collect()
}

pub fn run(
    sources: &ContentSources,
    kind: Option<PersonaKind>,
    lang: Option<Lang>,
    json: bool,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let say = Say::of(&pack, ui);
    let list = entries(&pack, kind, lang);
    if json {
        super::emit_json(out, &list)?;
        return Ok(0);
    }
    let mut table = Table::new(
        [
            "col_id",
            "col_lang",
            "col_kind",
            "col_answerer",
            "col_level",
            "col_rubric",
            "col_title",
        ]
        .map(|id| say.get(id)),
    );
    for e in &list {
        table.row([
            e.id.to_string(),
            e.lang.to_string(),
            e.kind.to_string(),
            e.answerer.to_string(),
            e.difficulty.to_string(),
            e.rubric.to_string(),
            e.title.to_string(),
        ]);
    }
    super::emit(out, &table.render())?;
    super::emit(
        out,
        &say.line("scenario_count", &[("count", list.len().to_string())]),
    )?;
    Ok(0)
}
