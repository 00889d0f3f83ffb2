//! Phone numbers (US, Chinese, UK, Kenyan and Australian formats), at least 7 digits.

use std::sync::LazyLock;

use regex::Regex;

use super::{Ctx, Entity, EntityKind, EntityValue, compile, next_char, prev_char};

static PATTERNS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    [
        // +1 555 123 4567, 1-800-555-0199, 1 (555) 123-4567
        r"\+?1[ .-]?(?:\(\d{3}\)|\d{3})[ .-]?\d{3}[ .-]?\d{4}",
        // (555) 123-4567
        r"\(\d{3}\)[ .-]?\d{3}[ .-]?\d{4}",
        // 555-123-4567, 400-123-4567
        r"\d{3}[ .-]\d{3}[ .-]\d{4}",
        // Chinese mobile: 13812345678, 138-1234-5678, +86 138 1234 5678
        r"(?:\+?86[ -]?)?1[3-9]\d[ -]?\d{4}[ -]?\d{4}",
        // Chinese landline: 010-12345678, 0755 1234567
        r"0\d{2,3}[ -]?\d{7,8}",
        // UK: 0800 046 7721, 0161 496 0123, 01632 960123, 07700 900123, +44 7700 900123
        r"0\d{3}[ -]?\d{3}[ -]?\d{4}",
        r"0\d{4}[ -]?\d{6}",
        r"\+44[ -]?\d{4}[ -]?\d{6}|\+44[ -]?\d{3}[ -]?\d{3}[ -]?\d{4}",
        // Kenyan and Australian 4-3-3: 0722 418 903, 0711-902-334, 0491 570 156, 1300 975 311
        r"[01]\d{3}[ -]\d{3}[ -]\d{3}",
        r"\+254[ -]?\d{3}[ -]?\d{3}[ -]?\d{3}",
        // Chinese landline with its eight digits split: 0371-6589 4412
        r"0\d{2,3}[ -]?\d{4}[ -]\d{4}",
        // 400/800 service numbers
        r"[48]00[ -]?\d{3}[ -]?\d{4}",
        // 7-digit local: 555-1234
        r"\d{3}-\d{4}",
        // bare 10-digit US number
        r"[2-9]\d{9}",
    ]
    .iter()
    .map(|p| compile(p))
    .collect()
});

pub(super) fn find(ctx: &Ctx, out: &mut Vec<Entity>) {
    let t = ctx.text;
    // A phone number keeps only candidates with 7 or more ASCII digits.
    if t.bytes().filter(u8::is_ascii_digit).count() < 7 {
        return;
    }
    for re in PATTERNS.iter() {
        for m in re.find_iter(t) {
            let before_ok = !prev_char(t, m.start())
                .is_some_and(|c| c.is_ascii_digit() || "+$¥,./-".contains(c));
            let after_ok =
                !next_char(t, m.end()).is_some_and(|c| c.is_ascii_digit() || c == '/' || c == '-');
            // "5200.50" style decimals and "1,234,567" are amounts, not phones.
            let decimal = next_char(t, m.end()) == Some('.')
                && t.get(m.end() + 1..)
                    .and_then(|r| r.chars().next())
                    .is_some_and(|c| c.is_ascii_digit());
            if !before_ok || !after_ok || decimal {
                continue;
            }
            let s = m.as_str();
            let digits: String = s
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '+')
                .collect();
            if digits.chars().filter(char::is_ascii_digit).count() < 7 {
                continue;
            }
            out.push(Entity::new(
                EntityKind::Phone,
                EntityValue::Text(digits),
                m.range(),
            ));
        }
    }
}

/// Every lazily built static above, for `super::warm`.
pub(super) static LAZIES: &[&dyn super::Built] = &[&PATTERNS];
