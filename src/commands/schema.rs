//! `collectsim schema KIND`: JSON Schema generated from the same structs the loader uses.

use std::io::Write;

use crate::content::raw::{ActsFile, Exam, PersonaFile, Rubric, Scenario};
use crate::error::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaKind {
    Scenario,
    Persona,
    Rubric,
    Acts,
    Exam,
}

impl SchemaKind {
    pub const ALL: [(SchemaKind, &'static str); 5] = [
        (SchemaKind::Scenario, "scenario"),
        (SchemaKind::Persona, "persona"),
        (SchemaKind::Rubric, "rubric"),
        (SchemaKind::Acts, "acts"),
        (SchemaKind::Exam, "exam"),
    ];

    pub fn parse(s: &str) -> Result<SchemaKind, Error> {
        Self::ALL
            .iter()
            .find(|(_, name)| *name == s || (s == "intents" && *name == "acts"))
            .map(|(k, _)| *k)
            .ok_or_else(|| Error::usage("usage_schema", &[("value", s.to_string())]))
    }

    pub fn schema(self) -> schemars::Schema {
        match self {
            SchemaKind::Scenario => schemars::schema_for!(Scenario),
            SchemaKind::Persona => schemars::schema_for!(PersonaFile),
            SchemaKind::Rubric => schemars::schema_for!(Rubric),
            SchemaKind::Acts => schemars::schema_for!(ActsFile),
            SchemaKind::Exam => schemars::schema_for!(Exam),
        }
    }
}

pub fn run(kind: SchemaKind, out: &mut dyn Write) -> Result<i32, Error> {
    super::emit_json(out, &kind.schema())?;
    Ok(0)
}
