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

/// The priming lines (`intents/priming.yaml`) build regex states before a call; a line the
/// conversation tests play would be timed by `benches/turn_latency.rs` as already seen.
#[test]
fn no_priming_line_is_a_line_the_conversation_tests_play() {
    let pack = load::builtin().expect("built-in content loads");
    let priming: std::collections::HashSet<&str> = Lang::ALL
        .into_iter()
        .flat_map(|l| pack.language.priming.get(l))
        .flat_map(|s| s.value.lines())
        .map(str::trim)
        .collect();
    assert!(priming.len() > 1800, "{} priming lines", priming.len());
    let files = collectsim::commands::test::collect(&[conversations_dir()]).expect("tests");
    let mut played = Vec::new();
    for f in &files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(f).expect("read");
        for t in testing::parse(&name, &text).expect("parses") {
            played.extend(t.steps.into_iter().map(|s| s.agent));
        }
    }
    assert!(played.len() > 200, "{} lines played", played.len());
    let primed: Vec<&String> = played
        .iter()
        .filter(|l| priming.contains(l.trim()))
        .collect();
    assert!(primed.is_empty(), "played and primed: {primed:?}");
}

#[test]
fn every_conversation_test_passes() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let say = collectsim::report::messages::Say::of(&pack, collectsim::lang::Lang::En);
    let files = collectsim::commands::test::collect(&[conversations_dir()]).expect("tests");
    let mut covered = std::collections::BTreeSet::new();
    let mut report = String::new();
    let mut count = 0;
    for f in &files {
        let name = f.display().to_string();
        let text = std::fs::read_to_string(f).expect("read");
        let results = testing::run_file(&pack, &analyzer, &say, &name, &text)
            .unwrap_or_else(|p| panic!("{}", p.render()));
        for t in testing::parse(&name, &text).expect("parses") {
            covered.insert(t.scenario);
        }
        for r in results {
            count += 1;
            if !r.passed() {
                report.push_str(&testing::render_failure(&r, &say));
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

const FIRM_POLITE_EN: [&str; 12] = [
    "Hi, this is Sam from Acme Recovery Services. Am I speaking with Travis Boone?",
    "Before we go on, could you confirm your date of birth?",
    "Thank you. This is an attempt to collect a debt and any information obtained will be used for that purpose. This call may be recorded.",
    "The balance on your Ironclad Auto Credit loan is $17,640.25, and it is 92 days past due.",
    "Could you pay $900 on Saturday, December 12?",
    "I understand things have been busy for you.",
    "What has kept you from making the payments?",
    "I want to be straight with you: the creditor has the right to repossess the truck if the account stays behind.",
    "You can pay by card on the Ironclad website or by phone, whichever is easier.",
    "Could you pay $900 on Saturday, December 12?",
    "So to confirm: $900 on Saturday, December 12. Is that right?",
    "Thank you for your time. Goodbye.",
];

const FIRM_POLITE_ZH: [&str; 12] = [
    "您好，我是南京宁信信息咨询有限公司的小王，请问是马建军本人吗？",
    "为了核实身份，请您说一下您的出生日期。",
    "谢谢。本次通话可能会被录音，我们是受委托处理您的欠款。",
    "您在驰远汽车金融有限公司的车贷欠款目前是66206元，已经逾期35天了。",
    "您看11月30日之前先还2500元可以吗？",
    "我理解您最近压力很大。",
    "是什么原因一直没有还款呢？",
    "跟您说清楚：如果一直逾期，会影响您的征信记录。",
    "您可以通过官方APP或者银行转账还款。",
    "您看11月30日之前先还2500元可以吗？",
    "跟您确认一下：11月30日还2500元，对吗？",
    "谢谢您，再见。",
];

/// The outcome of `script` on scenario `id` at difficulty `d` with `seed`.
fn outcome_of(id: &str, d: Difficulty, script: &[&str], seed: u64) -> Option<OutcomeKind> {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let s = with_difficulty(pack.scenario(id).expect("scenario"), d);
    let e = play(&pack, &analyzer, &s, &lines(script), seed, scenario_now(&s)).expect("plays");
    e.transcript.outcome.clone().map(|o| o.kind)
}

#[test]
fn a_firm_polite_agent_gets_a_promise_from_a_hard_delinquent_in_both_languages() {
    for (id, script) in [
        ("en-delinquent-car-loan", &FIRM_POLITE_EN),
        ("zh-delinquent-car-loan", &FIRM_POLITE_ZH),
    ] {
        for seed in 1..=6 {
            assert_eq!(
                outcome_of(id, Difficulty::Hard, script, seed),
                Some(OutcomeKind::PromiseToPay),
                "{id} seed {seed}"
            );
        }
    }
}

#[test]
fn repeating_the_same_offer_does_not_wear_down_a_hard_delinquent() {
    // The firm script with every answer to an excuse replaced by the same offer again.
    for (id, script) in [
        ("en-delinquent-car-loan", &FIRM_POLITE_EN),
        ("zh-delinquent-car-loan", &FIRM_POLITE_ZH),
    ] {
        let offer = script[4];
        let mut pushy: Vec<&str> = script.to_vec();
        for line in &mut pushy[5..9] {
            *line = offer;
        }
        for seed in 1..=6 {
            let kind = outcome_of(id, Difficulty::Hard, &pushy, seed);
            assert_ne!(kind, Some(OutcomeKind::PromiseToPay), "{id} seed {seed}");
        }
        // The same repetition is enough for an easy one: difficulty is behaviour.
        assert_eq!(
            outcome_of(id, Difficulty::Easy, &pushy, 1),
            Some(OutcomeKind::PromiseToPay),
            "{id} easy"
        );
    }
}

#[test]
fn a_soft_agent_gets_excuses_not_a_promise() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    for (id, soft) in [
        (
            "en-delinquent-online-loan",
            [
                "Hi, this is Sam from Acme Recovery Services. Am I speaking with Kyle Brennan?",
                "Before we go on, could you confirm your date of birth?",
                "Could you maybe pay something soon?",
                "Whenever you can is fine.",
                "Could you maybe pay something soon?",
                "Okay, thank you. Goodbye.",
            ],
        ),
        (
            "zh-delinquent-online-loan",
            [
                "您好，我是郑州博远信息咨询有限公司的小王，请问是周浩本人吗？",
                "为了核实身份，请您说一下您的出生日期。",
                "您能不能先还一点钱？",
                "您方便的时候还就行。",
                "您能不能先还一点钱？",
                "好的，谢谢，再见。",
            ],
        ),
    ] {
        let s = pack.scenario(id).expect("scenario");
        let e = play(&pack, &analyzer, s, &lines(&soft), 1, scenario_now(s)).expect("plays");
        let situations: Vec<String> = e
            .transcript
            .turns
            .iter()
            .filter_map(|t| t.situation.clone())
            .collect();
        assert!(
            situations.iter().any(|x| x == "stalls"),
            "{id}: {situations:?}"
        );
        assert!(e.state.promise.is_none(), "{id}: {situations:?}");
    }
}

const MIDDLING_ZH: [&str; 7] = [
    "您好，我是郑州博远信息咨询有限公司的小王，请问是周浩本人吗？",
    "为了核实身份，请您说一下您的出生日期。",
    "您在鑫易借网贷平台的欠款目前是6757元。",
    "您看11月19日之前先还2000元可以吗？",
    "您看11月19日之前先还2000元可以吗？",
    "跟您确认一下：11月19日还2000元，对吗？",
    "谢谢您，再见。",
];

#[test]
fn difficulty_changes_behaviour_in_chinese_too() {
    let id = "zh-delinquent-online-loan";
    assert_eq!(
        outcome_of(id, Difficulty::Easy, &MIDDLING_ZH, 1),
        Some(OutcomeKind::PromiseToPay)
    );
    assert_ne!(
        outcome_of(id, Difficulty::Hard, &MIDDLING_ZH, 1),
        Some(OutcomeKind::PromiseToPay)
    );
}

/// An agent who lost the line ("sorry u cut out", 没听清) hears the borrower's last words again,
/// in every scenario of both languages, and patience is not spent on it; a line that makes no
/// sense gets no repeat.
#[test]
fn a_borrower_repeats_what_the_agent_could_not_hear() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    for s in pack.scenarios.values() {
        let (opening, check, nonsense) = match s.lang {
            Lang::En => (
                "Hi, this is Sam from Acme Recovery Services, who am I speaking with?",
                "sorry, u cut out there, could u say it one more time",
                "purple monkey dishwasher",
            ),
            Lang::Zh => (
                "您好，我是诚达信息咨询的小李，请问您是哪位？",
                "不好意思 您那边信号很差 没听清",
                "紫色猴子洗碗机",
            ),
        };
        let script = lines(&[opening, check, nonsense]);
        let e = play(&pack, &analyzer, s, &script, 3, scenario_now(s)).expect("plays");
        let turns = &e.transcript.turns;
        // opening, agent, reply, agent (check), repeat, agent (nonsense), reply
        let said = |i: usize| turns.get(i).map(|t| t.text.as_str()).unwrap_or("");
        let situation = |i: usize| turns.get(i).and_then(|t| t.situation.as_deref());
        if e.transcript
            .outcome
            .as_ref()
            .is_some_and(|o| o.kind == OutcomeKind::HungUp)
        {
            continue;
        }
        assert_eq!(
            situation(4),
            Some("repeats"),
            "{}: {:?}",
            s.id.value,
            said(4)
        );
        assert!(
            said(4).ends_with(said(2)),
            "{}: the repeat {:?} does not say again {:?}",
            s.id.value,
            said(4),
            said(2)
        );
        assert_ne!(situation(6), Some("repeats"), "{}", s.id.value);
    }
}
