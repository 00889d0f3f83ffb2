//! The persona engine at library level: the conversation tests, difficulty, determinism, and
//! replies that answer what was said.

use std::collections::BTreeMap;

use collectsim::call::OutcomeKind;
use collectsim::commands::run::{play, scenario_now};
use collectsim::content::load;
use collectsim::content::raw::{Difficulty, Scenario};
use collectsim::lang::Lang;
use collectsim::persona::testing;
use collectsim::understanding::Analyzer;

fn conversations_dir() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conversations")
}

#[test]
fn every_conversation_test_passes() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let files = collectsim::commands::test::collect(&[conversations_dir()]).expect("tests");
    let mut covered = std::collections::BTreeSet::new();
    let mut report = String::new();
    let mut count = 0;
    for f in &files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(f).expect("read");
        let results = testing::run_file(&pack, &analyzer, &name, &text)
            .unwrap_or_else(|p| panic!("{}", p.render()));
        for t in testing::parse(&name, &text).expect("parses") {
            covered.insert(t.scenario);
        }
        for r in results {
            count += 1;
            if !r.passed() {
                report.push_str(&testing::render_failure(&r));
            }
        }
    }
    assert!(report.is_empty(), "{report}");
    assert!(count >= 2 * pack.scenarios.len(), "{count} tests");
    let missing: Vec<&String> = pack
        .scenarios
        .keys()
        .filter(|k| !covered.contains(*k))
        .collect();
    assert!(
        missing.is_empty(),
        "scenarios without conversation tests: {missing:?}"
    );
}

#[test]
fn a_malformed_test_file_gives_a_located_error() {
    let err = testing::parse(
        "bad.yaml",
        "scenario: x\nsteps:\n  - agent: hi\n    expect: {situaton: greeted}\n",
    )
    .expect_err("unknown field");
    assert_eq!(err.path, "bad.yaml");
    assert!(err.loc.line >= 3, "{}", err.render());
}

fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

const MIDDLING: [&str; 7] = [
    "Hi, this is Sam from Acme Recovery Services. Am I speaking with Kyle Brennan?",
    "Could you confirm your date of birth?",
    "Your Brightpath Online Loans account has a balance of $1,386.50.",
    "Could you pay $250 on Friday, November 13?",
    "Could you pay $250 on Friday, November 13?",
    "So to confirm: $250 on Friday, November 13. Is that right?",
    "Thanks. Goodbye.",
];

fn with_difficulty(s: &Scenario, d: Difficulty) -> Scenario {
    let mut s = s.clone();
    s.difficulty = d;
    s
}

#[test]
fn difficulty_changes_behaviour_not_just_a_label() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let base = pack
        .scenario("en-delinquent-online-loan")
        .expect("scenario");
    let script = lines(&MIDDLING);
    let kind = |d| {
        let s = with_difficulty(base, d);
        let e = play(&pack, &analyzer, &s, &script, 1, scenario_now(&s)).expect("plays");
        e.transcript.outcome.clone().map(|o| o.kind)
    };
    assert_eq!(kind(Difficulty::Easy), Some(OutcomeKind::PromiseToPay));
    assert_ne!(kind(Difficulty::Hard), Some(OutcomeKind::PromiseToPay));
}

#[test]
fn same_seed_same_call_other_seeds_other_words() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let mut varied = false;
    for s in pack.scenarios.values() {
        let script = scripts(s.lang).remove(0);
        let now = scenario_now(s);
        let json = |seed| {
            let e = play(&pack, &analyzer, s, &script, seed, now).expect("plays");
            let mut t = e.transcript.clone();
            t.seed = None;
            serde_json::to_string(&t).expect("json")
        };
        let a = json(7);
        assert_eq!(a, json(7), "{}: same seed, different call", s.id.value);
        if (1..6).any(|seed| json(seed) != a) {
            varied = true;
        }
    }
    assert!(
        varied,
        "no seed changed any wording over the shipped scenarios"
    );
}

fn scripts(lang: Lang) -> Vec<Vec<String>> {
    let en = [
        vec![
            "Hi, this is Sam from Acme Recovery Services. Am I speaking with the account holder?",
            "Could you confirm your date of birth?",
            "This is an attempt to collect a debt. The balance is $1,200.",
            "Could you pay $200 on Friday?",
            "So to confirm: $200 on Friday. Is that right?",
            "Goodbye.",
        ],
        vec![
            "Hello, is this the account holder?",
            "How much can you pay?",
            "How much can you pay?",
            "How much can you pay?",
            "Could we do 6 payments of $150 a month?",
            "I understand, that sounds hard.",
            "Why did you stop paying?",
            "Thanks, I'll call you back tomorrow.",
        ],
        vec![
            "Pay now or we'll sue you.",
            "You owe us money, deadbeat.",
            "What's your date of birth?",
            "Can you pay $50 today?",
            "ok",
            "ok",
            "ok",
        ],
    ];
    let zh = [
        vec![
            "您好，我是小王，请问是本人吗？",
            "请您说一下您的出生日期。",
            "您的欠款是一万元，已经逾期了。",
            "您看周五之前先还1000元可以吗？",
            "跟您确认一下：周五还1000元，对吗？",
            "再见。",
        ],
        vec![
            "喂，是本人吗？",
            "您每个月能还多少？",
            "您每个月能还多少？",
            "您每个月能还多少？",
            "分6期，每期1500元可以吗？",
            "我理解您的难处。",
            "为什么没有按时还款呢？",
            "好的，我明天再给您打电话。",
        ],
        vec![
            "赶紧还钱，不然起诉你！",
            "你这个老赖。",
            "出生日期是多少？",
            "今天先还500元行不行？",
            "好",
            "好",
            "好",
        ],
    ];
    let pick = if lang == Lang::Zh { zh } else { en };
    pick.iter().map(|v| lines(v)).collect()
}

#[test]
fn no_reply_ignores_what_was_said() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let mut problems = Vec::new();
    for s in pack.scenarios.values() {
        for (si, script) in scripts(s.lang).iter().enumerate() {
            for seed in [1, 2, 3] {
                let e = play(&pack, &analyzer, s, script, seed, scenario_now(s)).expect("plays");
                let turns = &e.transcript.turns;
                let mut said: BTreeMap<&str, u32> = BTreeMap::new();
                for (i, t) in turns.iter().enumerate() {
                    if t.speaker == collectsim::call::Speaker::Agent {
                        continue;
                    }
                    let at = format!("{} script {si} seed {seed} turn {i}", s.id.value);
                    let n = said.entry(t.text.as_str()).or_default();
                    *n += 1;
                    if *n >= 3 {
                        problems.push(format!("{at}: said three times: {}", t.text));
                    }
                    let Some(prev) = i.checked_sub(1).map(|j| &turns[j]) else {
                        continue;
                    };
                    if prev.speaker != collectsim::call::Speaker::Agent {
                        continue;
                    }
                    let a = analyzer.analyze(&prev.text, s.lang, scenario_now(s));
                    let situation = t.situation.as_deref().unwrap_or("");
                    let offered = [
                        "offer_plan",
                        "request_payment",
                        "confirm_promise",
                        "summarize",
                    ]
                    .iter()
                    .any(|x| a.has_act(x));
                    if matches!(situation, "accepts_offer" | "confirms_promise") && !offered {
                        problems.push(format!("{at}: {situation} after \"{}\"", prev.text));
                    }
                    if situation == "verification_answer" && !a.has_act("verify_identity") {
                        problems.push(format!("{at}: {situation} after \"{}\"", prev.text));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
