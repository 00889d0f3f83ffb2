//! The interface's words (headings, labels, prompts) as the library writes them, in both
//! languages, and the number formats around them (money and figures stay code: they are not
//! words).

use std::collections::BTreeMap;

use crate::content::raw::GapText;
use crate::lang::Lang;

/// One map of interface words by id (`labels:`, `briefing:`, `practice:`, `certificate:` in an
/// `intents/` file), checked at load: every id its user declares is there, in both languages,
/// with only the placeholders that id fills.
#[derive(Debug, Clone, Default)]
pub struct Texts(pub BTreeMap<String, GapText>);

impl Texts {
    /// The words for `id` in `lang`; `?` for an id the library lacks (the loader refuses such
    /// a library).
    pub fn get(&self, id: &str, lang: Lang) -> &str {
        self.0.get(id).map_or("?", |t| t.get(lang))
    }

    /// The words for `id` with its `{placeholders}` filled.
    pub fn fill(&self, id: &str, lang: Lang, values: &[(&str, String)]) -> String {
        crate::scoring::explain::fill(self.get(id, lang), |name| {
            values
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.clone())
        })
    }

    /// `yes` or `no` in `lang` (a map that declares both ids).
    pub fn yes_no(&self, value: bool, lang: Lang) -> &str {
        self.get(if value { "yes" } else { "no" }, lang)
    }
}

impl From<BTreeMap<String, GapText>> for Texts {
    fn from(map: BTreeMap<String, GapText>) -> Texts {
        Texts(map)
    }
}

/// An amount as a collector says it: `$5,200.00` or `5,200.00元`.
pub fn money(amount: f64, currency: &str) -> String {
    let full = figure(amount);
    let number = full.strip_suffix(".00").unwrap_or(&full);
    let (sign, number) = match number.strip_prefix('-') {
        Some(n) => ("-", n),
        None => ("", number),
    };
    match currency {
        "USD" => format!("{sign}${number}"),
        "GBP" => format!("{sign}£{number}"),
        _ => format!("{sign}{number}元"),
    }
}

/// An amount with thousands grouped and always two decimals: 6240.2 -> `6,240.20`.
pub fn figure(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (whole, frac) = (cents.abs() / 100, cents.abs() % 100);
    let digits = whole.to_string();
    let mut out = String::with_capacity(digits.len() + 6);
    if cents < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out.push_str(&format!(".{frac:02}"));
    out
}
