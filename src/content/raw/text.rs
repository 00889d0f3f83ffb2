//! Text written in both languages.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::content::yaml::Located;
use crate::lang::Lang;

/// One text in English and Chinese: `{en: ..., zh: ...}`. Both are required; a missing one is
/// reported as a missing translation rather than a parse error, so every gap shows in one run.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BiText {
    pub en: Option<Located<String>>,
    pub zh: Option<Located<String>>,
}

impl BiText {
    pub fn get(&self, lang: Lang) -> Option<&str> {
        match lang {
            Lang::En => self.en.as_ref(),
            Lang::Zh => self.zh.as_ref(),
        }
        .map(|t| t.value.as_str())
    }

    /// The text in `lang`, falling back to the other language.
    pub fn text(&self, lang: Lang) -> &str {
        self.get(lang)
            .or_else(|| self.get(other(lang)))
            .unwrap_or("")
    }
}

/// Lists in both languages: `{en: [...], zh: [...]}`.
#[derive(Debug, Clone, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BiList {
    #[serde(default)]
    pub en: Vec<Located<String>>,
    #[serde(default)]
    pub zh: Vec<Located<String>>,
}

impl BiList {
    pub fn get(&self, lang: Lang) -> &[Located<String>] {
        match lang {
            Lang::En => &self.en,
            Lang::Zh => &self.zh,
        }
    }

    pub fn get_mut(&mut self, lang: Lang) -> &mut Vec<Located<String>> {
        match lang {
            Lang::En => &mut self.en,
            Lang::Zh => &mut self.zh,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.zh.is_empty()
    }

    /// Both languages' entries, lower-cased: word lists matched against folded text.
    pub fn lowercased(&self) -> Vec<String> {
        Lang::ALL
            .iter()
            .flat_map(|l| self.get(*l).iter().map(|s| s.value.to_lowercase()))
            .collect()
    }
}

pub fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Zh,
        Lang::Zh => Lang::En,
    }
}
