//! Percentages: "20%", "20 percent", "百分之二十", "两成" (20), "八折" (80: pay 80%).

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{NumTok, TokKind, parse_mixed};
use super::{
    Ctx, Entity, EntityKind, EntityValue, after, before, compile, next_char, next_word_char,
};

static PCT_SUF: LazyLock<Regex> =
    LazyLock::new(|| compile(r"(?i)^\s*(?:%|percent|per\s*cent|pct)"));

/// "八五折" = 85% (two digits read one by one).
static ZHE_PAIR: LazyLock<Regex> =
    LazyLock::new(|| compile(r"([一二三四五六七八九])([一二三四五六七八九])折"));

/// Chars after 成 that make a word ("一成不变", "八成功") rather than tenths.
const CHENG_WORD: &str = "不功为本立交员熟年长绩果就型都人";

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    for tok in &ctx.tokens {
        if tok.kind == TokKind::Half {
            continue;
        }
        if let Some(e) = percent_at(t, tok) {
            out.push(e);
        }
    }
    for c in super::gated(t.contains('折'), || ZHE_PAIR.captures_iter(t)) {
        let (Some(m), Some(a), Some(b)) = (c.get(0), parse_mixed(&c[1]), parse_mixed(&c[2])) else {
            continue;
        };
        out.push(Entity::new(
            EntityKind::Percent,
            EntityValue::Number(a * 10.0 + b),
            m.range(),
        ));
    }
}

fn percent_at(t: &str, tok: &NumTok) -> Option<Entity> {
    let (s, e) = (tok.span.start, tok.span.end);
    let v = tok.value;
    let pct = |span: std::ops::Range<usize>, v: f64| {
        Some(Entity::new(
            EntityKind::Percent,
            EntityValue::Number(v),
            span,
        ))
    };
    let gate = next_word_char(t, e).is_some_and(|c| c == '%' || c == 'p' || c == 'P');
    if let Some(m) = PCT_SUF.find(after(t, e, 16)).filter(|_| gate) {
        let word_glued = m.as_str().ends_with(|c: char| c.is_ascii_alphabetic())
            && next_char(t, e + m.len()).is_some_and(|c| c.is_ascii_alphabetic());
        if !word_glued && v <= 1000.0 {
            let start = if before(t, s, 9).ends_with("百分之") {
                s - 9
            } else {
                s
            };
            return pct(start..e + m.len(), v);
        }
    }
    if before(t, s, 9).ends_with("百分之") && v <= 1000.0 {
        return pct(s - 9..e, v);
    }
    // "降5个点", "2个百分点": percentage points ("3点" alone is a time).
    let rest = after(t, e, 12);
    if v > 0.0
        && v <= 100.0
        && let Some(w) = ["个百分点", "百分点", "个点"]
            .iter()
            .find(|w| rest.starts_with(**w))
        && !next_char(t, e + w.len()).is_some_and(|c| "钟半前后左".contains(c))
    {
        return pct(s..e + w.len(), v);
    }
    match next_char(t, e) {
        Some('成') if v.fract() == 0.0 && (1.0..=10.0).contains(&v) => {
            let after_cheng = next_char(t, e + '成'.len_utf8());
            if after_cheng.is_some_and(|c| CHENG_WORD.contains(c)) {
                return None;
            }
            pct(s..e + '成'.len_utf8(), v * 10.0)
        }
        Some('折') if v > 0.0 && v < 100.0 => {
            if next_char(t, e + '折'.len_utf8()).is_some_and(|c| "合算旧叠".contains(c)) {
                return None; // 折合 "converted to", 折旧 "depreciation"
            }
            let v = if v < 10.0 { v * 10.0 } else { v };
            pct(s..e + '折'.len_utf8(), v)
        }
        _ => None,
    }
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[&PCT_SUF, &ZHE_PAIR];
