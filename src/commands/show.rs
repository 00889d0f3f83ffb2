//! `collectsim show ID`: the briefing card.

use std::io::Write;

use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::report::briefing;

pub fn run(
    sources: &ContentSources,
    id: &str,
    json: bool,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    let pack = content::load::pack_or_error(content::load(sources)?)?;
    let scenario = pack.scenario(id)?;
    if json {
        let mut view = briefing::view(scenario);
        view.third_party = scenario
            .third_party
            .as_ref()
            .map(|tp| serde_json::json!({"relation": tp.relation, "name": tp.name}));
        super::emit_json(out, &view)?;
    } else {
        super::emit(
            out,
            &briefing::render(scenario, &pack.explanations.briefing),
        )?;
    }
    Ok(0)
}
