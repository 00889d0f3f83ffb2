//! `collectsim new scenario`: a commented template that validates, written without overwriting.

use std::io::Write;
use std::path::Path;

use crate::content::raw::PersonaKind;
use crate::content::{self, ContentSources};
use crate::error::Error;
use crate::lang::Lang;
use crate::report::messages::Say;

const TEMPLATE_EN: &str = include_str!("../../docs/templates/scenario.en.yaml");
const TEMPLATE_ZH: &str = include_str!("../../docs/templates/scenario.zh.yaml");

/// The template text for an id, kind and language.
pub fn template(id: &str, kind: PersonaKind, lang: Lang) -> String {
    let base = match lang {
        Lang::En => TEMPLATE_EN,
        Lang::Zh => TEMPLATE_ZH,
    };
    let answerer = if kind == PersonaKind::Fraudulent {
        "impostor"
    } else {
        "borrower"
    };
    let text = base
        .replace("__ID__", id)
        .replace("__KIND__", kind.name())
        .replace("__ANSWERER__", answerer);
    // An impostor's template carries the wrong answers it gives; others leave them out.
    if kind == PersonaKind::Fraudulent {
        text.replace("#answers#", "")
    } else {
        text.lines()
            .filter(|l| !l.starts_with("#answers#"))
            .map(|l| format!("{l}\n"))
            .collect()
    }
}

pub fn scenario(
    sources: &ContentSources,
    id: &str,
    kind: PersonaKind,
    lang: Lang,
    dir: &Path,
    ui: Lang,
    out: &mut dyn Write,
) -> Result<i32, Error> {
    if kind == PersonaKind::ThirdParty {
        return Err(Error::usage("usage_new_third_party", &[]));
    }
    let valid_id = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid_id {
        return Err(Error::usage("usage_new_id", &[("id", id.to_string())]));
    }
    let path = if dir == Path::new(".") {
        Path::new(&format!("{id}.yaml")).to_path_buf()
    } else {
        dir.join(format!("{id}.yaml"))
    };
    let text = template(id, kind, lang);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|source| {
            if source.kind() == std::io::ErrorKind::AlreadyExists {
                Error::AlreadyExists(path.clone())
            } else {
                Error::Write {
                    path: path.clone(),
                    source,
                }
            }
        })?;
    file.write_all(text.as_bytes())
        .map_err(|source| Error::Write {
            path: path.clone(),
            source,
        })?;
    // Prove the template validates against the library it will live in.
    let mut check = sources.clone();
    check.files = vec![path.clone()];
    let loaded = content::load(&check)?;
    let errors: Vec<_> = loaded
        .problems
        .iter()
        .filter(|p| p.is_error() && loaded.explicit.contains(&p.path))
        .collect();
    let say = Say::of_or_shipped(loaded.pack.as_ref(), ui);
    for p in &errors {
        super::emit(out, &p.render_in(&say))?;
    }
    let file = [("file", path.display().to_string())];
    super::emit(
        out,
        &format!(
            "{}{}",
            say.line("wrote", &file),
            say.line("new_next", &file)
        ),
    )?;
    Ok(i32::from(!errors.is_empty()))
}
