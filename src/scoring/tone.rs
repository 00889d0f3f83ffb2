//! Tone signals computed from the call: shouting, courtesy (您), distress and questions left
//! unanswered, pressure language.

use super::call::Line;
use super::context::{Ctx, Out};
use super::explain::{Detail, Why};
use crate::content::raw::{Rule, ToneSignal};
use crate::lang::Lang;

pub fn signal(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule, signal: ToneSignal) {
    match signal {
        ToneSignal::Shouting => shouting(ctx, out, ri, rule),
        ToneSignal::Courtesy => courtesy(ctx, out, ri, rule),
        ToneSignal::IgnoredDistress => ignored_distress(ctx, out, ri, rule),
        ToneSignal::IgnoredQuestion => ignored_question(ctx, out, ri, rule),
        ToneSignal::Pressure => pressure(ctx, out, ri, rule),
    }
}

/// Mostly capitals (at least 8 letters, 60% upper case) or a run of exclamation marks.
fn shouting(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    for line in ctx.call.agent_lines().filter(|l| ctx.applies(rule, l)) {
        let letters: Vec<char> = line
            .text
            .chars()
            .filter(|c| c.is_alphabetic() && c.is_ascii())
            .collect();
        let upper = letters.iter().filter(|c| c.is_uppercase()).count();
        let caps = letters.len() >= 8 && upper * 10 >= letters.len() * 6;
        let bangs = ["!!", "！！", "!！", "！!"]
            .iter()
            .find_map(|b| line.text.find(b).map(|_| *b));
        if caps || bangs.is_some() {
            let why = if caps {
                Detail::new(Why::ShoutingCapitals)
                    .count("upper", upper as f64)
                    .count("letters", letters.len() as f64)
            } else {
                Detail::new(Why::ShoutingExclamations)
            };
            out.find(ri, line, "tone:shouting", None, why);
        }
    }
}

/// A Chinese call in which the agent says 你 and never 您.
fn courtesy(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    if ctx.lang != Lang::Zh {
        out.not_applicable(rule, Why::ChineseOnly);
        return;
    }
    let lines: Vec<&Line> = ctx
        .call
        .agent_lines()
        .filter(|l| ctx.applies(rule, l))
        .collect();
    if lines.iter().any(|l| l.text.contains('您')) {
        return;
    }
    if let Some(first) = lines.iter().find(|l| l.text.contains('你')) {
        out.find(
            ri,
            first,
            "tone:courtesy",
            Some("你".to_string()),
            Why::Courtesy,
        );
    }
}

fn is_empathic(ctx: &Ctx, line: &Line) -> bool {
    line.has_any(&["empathy", "hardship_referral"]) || ctx.cues.empathy.any(&line.folded)
}

/// Distress from the other side not acknowledged in the agent's next turn.
fn ignored_distress(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let mut judged = Vec::new();
    for line in ctx.call.lines.iter().filter(|l| !l.is_agent()) {
        let hits = ctx.cues.distress.find(&line.folded);
        // "I'm not sick", "没有失业" are not distress.
        let Some(hit) = hits.iter().find(|h| !ctx.negated(line, h.start)) else {
            continue;
        };
        let Some(reply) = ctx.call.next_agent(line.index) else {
            continue;
        };
        if judged.contains(&reply.index) || !ctx.applies(rule, reply) {
            continue;
        }
        judged.push(reply.index);
        if !is_empathic(ctx, reply) {
            let said = line.original_of_folded(hit.start, hit.end);
            out.find(
                ri,
                reply,
                "tone:ignored_distress",
                None,
                Detail::new(Why::IgnoredDistress)
                    .count("turn", line.number() as f64)
                    .text("said", said),
            );
        }
    }
}

/// The question in the other side's line that needs an answer, if any: a line with a question
/// mark (the whole line, so "who are you? how did you get my number?" is one question), a line
/// ending in a question particle (吗, 呢...), or an English line opening like a question ("how
/// much do i owe"). Greetings, offers and outbursts ("hello?", "can I help?", "有完没完？") are
/// not judged.
fn question<'l>(ctx: &Ctx, line: &'l Line<'_>) -> Option<&'l str> {
    let t = line.folded.trim();
    let stripped = t.trim_end_matches(|c: char| c.is_whitespace() || "。.!！~～…".contains(c));
    let asked = if t.contains(['?', '？']) {
        question_part(line)
    } else if ctx
        .cues
        .question_ends
        .iter()
        .any(|e| stripped.ends_with(e.as_str()))
    {
        last_clause(stripped)
    } else if ctx.lang == Lang::En
        && ctx.cues.question_starts.starts(t)
        && t.split_whitespace().count() <= 12
    {
        t
    } else {
        return None;
    };
    if phatic(ctx, asked) {
        return None;
    }
    // An outburst ("how am I supposed to live?") is distress, judged by its own signal.
    if ctx.cues.distress.any(t) {
        return None;
    }
    Some(t)
}

/// Is the question nothing but a greeting, an offer or an outburst (give or take two words), or
/// too short to ask anything ("what?", "啊？")?
fn phatic(ctx: &Ctx, asked: &str) -> bool {
    let content = asked.trim_matches(|c: char| c.is_whitespace() || "?？,，.。!！".contains(c));
    let count = |s: &str| {
        (
            s.split_whitespace().filter(|w| w.is_ascii()).count(),
            s.chars()
                .filter(|c| !c.is_ascii() && c.is_alphanumeric())
                .count(),
        )
    };
    let (words, han) = count(content);
    if words <= 1 && han <= 2 {
        return true;
    }
    let hits = ctx.cues.phatic.find(content);
    if hits.is_empty() {
        return false;
    }
    let mut rest = String::new();
    let mut at = 0;
    for h in hits {
        rest.push_str(&content[at..h.start]);
        rest.push(' ');
        at = h.end;
    }
    rest.push_str(&content[at..]);
    let (words, han) = count(&rest);
    words <= 2 && han <= 2
}

fn last_clause(t: &str) -> &str {
    let start = t
        .rfind(['.', '。', '!', '！', '?', '？', ',', '，'])
        .map(|i| i + t[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &t[start..]
}

/// The part of the line that is the question: the clause ending in the last question mark.
fn question_part<'l>(line: &'l Line<'_>) -> &'l str {
    let t = line.folded.as_str();
    let end = t.rfind(['?', '？']).map(|i| i + 1).unwrap_or(t.len());
    let before = &t[..end.saturating_sub(1)];
    let start = before
        .rfind(['.', '。', '!', '！', '?', '？'])
        .map(|i| i + before[i..].chars().next().map_or(1, char::len_utf8))
        .unwrap_or(0);
    &t[start..end]
}

/// Does `reply` address `question`?
fn addresses(ctx: &Ctx, question: &str, reply: &Line) -> bool {
    let r = reply.folded.trim();
    if ctx.cues.answer_starts.starts(r) || ctx.cues.empathy.starts(r) || ctx.cues.declines.any(r) {
        return true;
    }
    let mut any_topic = false;
    for topic in &ctx.cues.topics {
        if !topic.question.any(question) {
            continue;
        }
        any_topic = true;
        if topic.acts.iter().any(|a| reply.has_act(a))
            || reply
                .entities()
                .iter()
                .any(|e| topic.entities.contains(&e.kind))
            || topic.words.any(&reply.folded)
        {
            return true;
        }
    }
    // A question about the debt before verification may be held until the borrower is
    // verified: asking the verification question is the right reply.
    if reply.has_any(&["verify_identity", "right_party_check", "dispute_handling"]) {
        return true;
    }
    if any_topic {
        return false;
    }
    // No known topic: some shared content word is enough.
    shares_words(question, r)
}

fn shares_words(a: &str, b: &str) -> bool {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric() || !c.is_ascii())
            .filter(|w| w.len() >= 4)
            .map(str::to_string)
            .collect()
    };
    let bigrams = |s: &str| -> Vec<(char, char)> {
        let han: Vec<char> = s.chars().collect();
        han.windows(2)
            .filter(|w| !w[0].is_ascii() && !w[1].is_ascii())
            .map(|w| (w[0], w[1]))
            .collect()
    };
    let wa = words(a);
    let wb = words(b);
    if wa.iter().any(|w| wb.contains(w)) {
        return true;
    }
    let ba = bigrams(a);
    let bb = bigrams(b);
    ba.iter().any(|x| bb.contains(x))
}

/// A question from the other side whose next agent turn does not address it.
fn ignored_question(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    let mut judged = Vec::new();
    for line in ctx.call.lines.iter().filter(|l| !l.is_agent()) {
        let Some(q) = question(ctx, line) else {
            continue;
        };
        let Some(reply) = ctx.call.next_agent(line.index) else {
            continue;
        };
        if judged.contains(&reply.index) || !ctx.applies(rule, reply) {
            continue;
        }
        if !addresses(ctx, q, reply) {
            judged.push(reply.index);
            out.find(
                ri,
                reply,
                "tone:ignored_question",
                None,
                Detail::new(Why::IgnoredQuestion)
                    .count("turn", line.number() as f64)
                    .text("said", super::compliance::short(line.text, 80)),
            );
        }
    }
}

/// Pressure words (intents/language.yaml `pressure`, and the ultimatums in the scorer's cues),
/// not negated, in a line where the agent is pressing for payment (asking for it, stating
/// consequences, threatening over it, or just talking of paying). "I'm not asking for the full balance today" in a line
/// offering help, or "I don't care what you told anybody" while verifying, is something else.
fn pressure(ctx: &Ctx, out: &mut Out, ri: usize, rule: &Rule) {
    for line in ctx.call.agent_lines().filter(|l| ctx.applies(rule, l)) {
        let pressing = line.has_any(&["request_payment", "explain_consequence"])
            || line
                .risks
                .iter()
                .any(|r| ctx.cues.debt_content_risks.contains(&r.category))
            || ctx.cues.payment.any(&line.folded);
        let mut hits = ctx.pressure.find(&line.folded);
        hits.extend(ctx.cues.pressure.find(&line.folded));
        hits.sort_by_key(|h| h.start);
        let hit = hits
            .into_iter()
            .find(|h| pressing && !ctx.negated(line, h.start));
        if let Some(h) = hit {
            let word = line.original_of_folded(h.start, h.end);
            out.find(
                ri,
                line,
                "tone:pressure",
                Some(word.clone()),
                Detail::new(Why::PressureWords).text("said", word.clone()),
            );
        }
    }
}
