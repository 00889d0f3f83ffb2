//! Scoring: the hand-labelled calibration set (finding precision and recall, pass/fail
//! agreement), focused checks of single rules, determinism, and the `grade` command's contract.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock};

use collectsim::call::Transcript;
use collectsim::commands::grade::{read_transcript, resolve};
use collectsim::content::ContentPack;
use collectsim::scoring::{self, Grade};
use collectsim::understanding::Analyzer;
use serde::Deserialize;

use crate::harness::{Test, snapshot};

struct Library {
    pack: ContentPack,
    analyzer: Analyzer,
}

static LIBRARY: LazyLock<Library> = LazyLock::new(|| {
    let pack = collectsim::content::load::builtin().expect("the built-in content loads");
    let analyzer = Analyzer::new(&pack);
    Library { pack, analyzer }
});

/// Grades a transcript given as YAML text, resolving facts, rubric and clock as `grade` does.
fn grade_yaml(name: &str, yaml: &str) -> Grade {
    let source: Arc<str> = Arc::from(yaml);
    let transcript: Transcript =
        collectsim::content::yaml::parse(name, &source).unwrap_or_else(|p| panic!("{p:?}"));
    grade_transcript(name, transcript)
}

fn grade_transcript(name: &str, transcript: Transcript) -> Grade {
    let lib = &*LIBRARY;
    let loaded = resolve(&lib.pack, name, transcript, None, None).expect("resolves");
    let rubric = lib.pack.rubric(&loaded.rubric).expect("rubric");
    scoring::grade(
        &lib.pack,
        &lib.analyzer,
        rubric,
        &loaded.transcript,
        &loaded.facts,
        loaded.now,
    )
}

fn found(g: &Grade, turn: usize, rule: &str) -> bool {
    g.findings.iter().any(|f| f.turn == turn && f.rule == rule)
}

fn describe(g: &Grade) -> String {
    g.findings
        .iter()
        .map(|f| format!("  {} {} ({})\n", f.turn, f.rule, f.detail))
        .collect()
}

// ------------------------------------------------------------------ calibration

#[derive(Debug, Deserialize)]
struct Expect {
    passed: bool,
    findings: Vec<ExpectedFinding>,
}

#[derive(Debug, Deserialize)]
struct ExpectedFinding {
    turn: usize,
    rule: String,
}

fn calibration_files() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/calibration");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/data/calibration exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".yaml") && !name.ends_with(".expect.yaml")
        })
        .collect();
    files.sort();
    files
}

#[test]
fn calibration_set_agrees_with_the_reviewer() {
    let files = calibration_files();
    assert!(
        files.len() >= 40,
        "only {} calibration transcripts",
        files.len()
    );
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut agree = 0usize;
    let (mut en, mut zh) = (0usize, 0usize);
    let mut report = String::new();
    for file in &files {
        let expect_path = file.with_extension("expect.yaml");
        let expect: Expect = serde_saphyr::from_str(
            &std::fs::read_to_string(&expect_path)
                .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display())),
        )
        .unwrap_or_else(|e| panic!("{}: {e}", expect_path.display()));
        let transcript = read_transcript(file).unwrap_or_else(|e| panic!("{e:?}"));
        match transcript.lang {
            collectsim::lang::Lang::En => en += 1,
            collectsim::lang::Lang::Zh => zh += 1,
        }
        let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("?");
        let g = grade_transcript(name, transcript);
        let want: BTreeSet<(usize, String)> = expect
            .findings
            .iter()
            .map(|f| (f.turn, f.rule.clone()))
            .collect();
        let got: BTreeSet<(usize, String)> = g
            .findings
            .iter()
            .map(|f| (f.turn, f.rule.clone()))
            .collect();
        tp += want.intersection(&got).count();
        fp += got.difference(&want).count();
        fn_ += want.difference(&got).count();
        if g.passed == expect.passed {
            agree += 1;
        }
        if got != want || g.passed != expect.passed {
            report.push_str(&format!(
                "{name}: passed expected {} got {} (overall {})\n",
                expect.passed, g.passed, g.overall
            ));
            for (t, r) in want.difference(&got) {
                report.push_str(&format!("  missed   {t} {r}\n"));
            }
            for (t, r) in got.difference(&want) {
                report.push_str(&format!("  extra    {t} {r}\n"));
            }
        }
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    let agreement = agree as f64 / files.len() as f64;
    println!("{report}");
    println!(
        "calibration: {} transcripts ({en} en, {zh} zh); findings expected {}, found {}, matched {tp}; precision {precision:.3}, recall {recall:.3}; pass/fail agreement {agree}/{} ({:.1}%)",
        files.len(),
        tp + fn_,
        tp + fp,
        files.len(),
        agreement * 100.0
    );
    assert!(en >= 20 && zh >= 20, "{en} en and {zh} zh transcripts");
    assert!(
        agreement >= 0.90,
        "pass/fail agreement {agreement:.3}\n{report}"
    );
    assert!(recall >= 0.85, "finding recall {recall:.3}\n{report}");
    assert!(
        precision >= 0.80,
        "finding precision {precision:.3}\n{report}"
    );
}

// ------------------------------------------------------------------ focused checks

#[test]
fn a_wrong_balance_is_an_accuracy_finding_at_its_turn() {
    let g = grade_yaml(
        "wrong-balance.yaml",
        r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: agent, text: "Hi, may I speak with Maria Alvarez?"}
  - {speaker: borrower, text: "Speaking."}
  - {speaker: agent, text: "This is Dana Price with Acme Recovery Services. Could you confirm your date of birth?"}
  - {speaker: borrower, text: "May 2, 1988."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. Your balance is $6,420.18."}
"#,
    );
    assert!(found(&g, 5, "us.fact_balance"), "{}", describe(&g));
    let f = g
        .findings
        .iter()
        .find(|f| f.rule == "us.fact_balance")
        .expect("finding");
    assert_eq!(f.dimension.name(), "accuracy");
    assert_eq!(f.evidence.as_deref(), Some("$6,420.18"));
    assert!(f.detail.contains("6,240.18"), "{}", f.detail);
    // The better line gives this account's figure, not the pack's sample.
    assert!(f.advice.contains("$6,240.18"), "{}", f.advice);
    assert!(g.scores.accuracy < 100.0);
    assert_eq!(g.verification.status, "passed");
}

#[test]
fn a_chinese_calls_finding_explains_itself_in_chinese_with_the_figures() {
    let g = grade_yaml(
        "wrong-balance-zh.yaml",
        r#"lang: zh
scenario: zh-willing-card
turns:
  - {speaker: agent, text: "您好，请问是王海燕女士吗？"}
  - {speaker: borrower, text: "我是，哪位？"}
  - {speaker: agent, text: "王女士您好，我是西安诚达信息咨询有限公司的客服专员小李，受泰和银行信用卡中心委托来电。麻烦您提供一下身份证后四位。"}
  - {speaker: borrower, text: "1764。"}
  - {speaker: agent, text: "谢谢您。您的欠款总额是9,862.30元，已逾期12天。"}
"#,
    );
    let f = g
        .findings
        .iter()
        .find(|f| f.rule == "cn.fact_balance")
        .unwrap_or_else(|| panic!("{}", describe(&g)));
    assert_eq!(f.turn, 5);
    assert_eq!(f.detail, "所述余额 9,862.30；账户记录为 8,962.30");
    // The same words in an English call read in English, with the same figures.
    let en = grade_yaml(
        "wrong-balance-en.yaml",
        r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: agent, text: "Hi, may I speak with Maria Alvarez?"}
  - {speaker: borrower, text: "Speaking."}
  - {speaker: agent, text: "This is Dana Price with Acme Recovery Services. Could you confirm your date of birth?"}
  - {speaker: borrower, text: "May 2, 1988."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. Your balance is $6,420.18."}
"#,
    );
    let f = en
        .findings
        .iter()
        .find(|f| f.rule == "us.fact_balance")
        .unwrap_or_else(|| panic!("{}", describe(&en)));
    assert_eq!(
        f.detail,
        "stated balance 6,420.18; the account says 6,240.18"
    );
}

#[test]
fn every_explanation_of_a_chinese_call_is_chinese() {
    // A poor call: wrong figures, a late call, 你 instead of 您, pressure; and checks that
    // cannot be judged for want of facts.
    let g = grade_yaml(
        "poor-zh.yaml",
        r#"lang: zh
rubric: cn-collection
context: {answerer: borrower, date: "2026-11-15", local_time: "22:40"}
turns:
  - {speaker: agent, text: "喂，是刘敏吗？"}
  - {speaker: borrower, text: "是我，怎么了？"}
  - {speaker: agent, text: "你欠的钱今天必须还清，不然后果自负！！"}
"#,
    );
    assert!(!g.findings.is_empty() && !g.not_applicable.is_empty());
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for f in &g.findings {
        assert!(
            han(&f.detail),
            "finding {} explained in English: {}",
            f.rule,
            f.detail
        );
    }
    for n in &g.not_applicable {
        assert!(
            han(&n.reason),
            "{} not applicable in English: {}",
            n.rule,
            n.reason
        );
    }
    let late = g
        .findings
        .iter()
        .find(|f| f.rule == "cn.call_hours")
        .unwrap_or_else(|| panic!("{}", describe(&g)));
    assert_eq!(late.detail, "通话时间为当地 22:40，不在 08:00-22:00 之内");
    let frequency = g
        .not_applicable
        .iter()
        .find(|n| n.rule == "cn.daily_call_limit")
        .unwrap_or_else(|| panic!("{:?}", g.not_applicable));
    assert!(
        frequency.reason == "需要通话信息 context.calls_today，但未提供",
        "{}",
        frequency.reason
    );
}

/// Both languages of every shipped explanation carry every figure its id fills in: a Chinese
/// detail that dropped `{actual}` would leave a trainee without the account's figure.
#[test]
fn every_shipped_explanation_uses_all_its_placeholders_in_both_languages() {
    use collectsim::scoring::explain::{Term, Why};
    let lib = &*LIBRARY;
    for why in Why::ALL {
        let text = lib
            .pack
            .explanations
            .details
            .get(why.id())
            .unwrap_or_else(|| panic!("no template `{}`", why.id()));
        for (lang, t) in [("en", &text.en), ("zh", &text.zh)] {
            for p in why.placeholders() {
                assert!(
                    t.contains(&format!("{{{p}}}")),
                    "`{}` in {lang} does not use {{{p}}}: {t}",
                    why.id()
                );
            }
        }
    }
    for term in Term::ALL {
        assert!(
            lib.pack.explanations.terms.contains_key(term.id()),
            "no term `{}`",
            term.id()
        );
    }
}

#[test]
fn advice_without_the_calls_fact_shows_a_gap_not_a_sample_figure() {
    // A real call with an inline balance but no borrower name: the figure comes from the call,
    // the name is a visible gap, in the call's language.
    let g = grade_yaml(
        "inline-facts.yaml",
        r#"lang: zh
rubric: cn-collection
account: {balance: 980.5, currency: CNY}
turns:
  - {speaker: agent, text: "喂，你欠的钱什么时候还？"}
  - {speaker: borrower, text: "你谁啊？"}
  - {speaker: agent, text: "您的欠款是1,200元。"}
"#,
    );
    let advice = |rule: &str| {
        g.findings
            .iter()
            .find(|f| f.rule == rule)
            .map(|f| f.advice.clone())
            .unwrap_or_else(|| panic!("no {rule} finding:\n{}", describe(&g)))
    };
    let balance = advice("cn.fact_balance");
    assert!(balance.contains("980.50元"), "{balance}");
    assert!(!balance.contains("12,480.50"), "{balance}");
    let check = advice("cn.right_party_check");
    assert!(check.contains("[借款人全名]"), "{check}");
}

#[test]
fn debt_talk_to_a_third_party_is_critical_and_fails_the_call() {
    let g = grade_yaml(
        "third-party.yaml",
        r#"lang: en
scenario: en-third-party-spouse
turns:
  - {speaker: agent, text: "Hi, is Luis Ortega there?"}
  - {speaker: third_party, text: "No, this is his wife. Can I help?"}
  - {speaker: agent, text: "Luis owes $11,420.55 on his car loan and is 41 days behind. Can you get him to pay?"}
"#,
    );
    let f = g
        .findings
        .iter()
        .find(|f| f.rule == "us.no_debt_talk_to_third_parties")
        .unwrap_or_else(|| panic!("no third-party finding:\n{}", describe(&g)));
    assert_eq!(f.turn, 3);
    assert_eq!(f.severity.name(), "critical");
    assert!(!g.passed);
    assert!(g.fail_reasons.iter().any(|r| r.contains("critical")));
}

#[test]
fn a_negated_threat_is_not_a_finding() {
    let g = grade_yaml(
        "negated.yaml",
        r#"lang: en
scenario: en-delinquent-online-loan
turns:
  - {speaker: agent, text: "Good afternoon, may I speak with Kyle Brennan?"}
  - {speaker: borrower, text: "Speaking."}
  - {speaker: agent, text: "Hi Kyle, this is Rob Carter with Acme Recovery Services. Could you give me the last four digits of your Social Security number?"}
  - {speaker: borrower, text: "3390."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose."}
  - {speaker: borrower, text: "Someone told me I'd be arrested. Is that true?"}
  - {speaker: agent, text: "No. No one is going to arrest you; this is a civil matter about an unpaid balance."}
"#,
    );
    assert!(
        !g.findings
            .iter()
            .any(|f| f.category == "threat_false_legal" || f.rule.contains("legal")),
        "{}",
        describe(&g)
    );
    assert!(g.passed, "{}", describe(&g));
}

#[test]
fn a_dispute_answered_with_a_payment_demand_is_a_finding() {
    let g = grade_yaml(
        "dispute.yaml",
        r#"lang: en
scenario: en-refusing-consumer-loan
turns:
  - {speaker: agent, text: "Hello, may I speak with Denise Hartley?"}
  - {speaker: borrower, text: "Yes."}
  - {speaker: agent, text: "This is Pat Morgan from Granite Peak Collections. Could you confirm your date of birth?"}
  - {speaker: borrower, text: "August 9, 1974."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. Your balance is $2,183.40."}
  - {speaker: borrower, text: "That's not my debt. I never took out that loan."}
  - {speaker: agent, text: "Well, can you make a payment today?"}
"#,
    );
    assert!(found(&g, 7, "us.dispute"), "{}", describe(&g));
    // Handled properly, the same dispute is no finding.
    let good = grade_yaml(
        "dispute-handled.yaml",
        r#"lang: en
scenario: en-refusing-consumer-loan
turns:
  - {speaker: agent, text: "Hello, may I speak with Denise Hartley?"}
  - {speaker: borrower, text: "Yes."}
  - {speaker: agent, text: "This is Pat Morgan from Granite Peak Collections. Could you confirm your date of birth?"}
  - {speaker: borrower, text: "August 9, 1974."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. Your balance is $2,183.40."}
  - {speaker: borrower, text: "That's not my debt. I never took out that loan."}
  - {speaker: agent, text: "I've noted that you dispute this debt. You can send the dispute in writing and we'll mail you verification of the debt; we'll pause collection while it's reviewed."}
"#,
    );
    assert!(
        !good.findings.iter().any(|f| f.rule == "us.dispute"),
        "{}",
        describe(&good)
    );
}

#[test]
fn a_late_call_is_a_time_window_finding_from_the_context() {
    let g = grade_yaml(
        "late.yaml",
        r#"lang: zh
rubric: cn-collection
context: {answerer: borrower, date: "2026-11-15", local_time: "22:40", calls_today: 0, calls_last_7_days: 1}
turns:
  - {speaker: agent, text: "您好，请问是刘敏女士吗？"}
  - {speaker: borrower, text: "是我。"}
"#,
    );
    let f = g
        .findings
        .iter()
        .find(|f| f.rule == "cn.call_hours")
        .unwrap_or_else(|| panic!("{}", describe(&g)));
    assert_eq!(f.turn, 1);
    assert!(f.detail.contains("22:40"), "{}", f.detail);
    // The same call at 10:40 is inside the window.
    let day = grade_yaml(
        "day.yaml",
        r#"lang: zh
rubric: cn-collection
context: {answerer: borrower, date: "2026-11-15", local_time: "10:40", calls_today: 0, calls_last_7_days: 1}
turns:
  - {speaker: agent, text: "您好，请问是刘敏女士吗？"}
  - {speaker: borrower, text: "是我。"}
"#,
    );
    assert!(!day.findings.iter().any(|f| f.rule == "cn.call_hours"));
}

#[test]
fn checks_without_their_facts_are_not_applicable_never_passed() {
    let g = grade_yaml(
        "no-facts.yaml",
        r#"lang: en
rubric: us-fdcpa
turns:
  - {speaker: agent, text: "Hi, may I speak with Alex Morgan?"}
  - {speaker: borrower, text: "Speaking."}
  - {speaker: agent, text: "This is Chris Young from Northside Recovery. Can you confirm your date of birth?"}
  - {speaker: borrower, text: "June 3rd, 1988."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. Your balance is $1,500 and it is 30 days past due."}
"#,
    );
    let na: BTreeSet<&str> = g.not_applicable.iter().map(|n| n.rule.as_str()).collect();
    for rule in [
        "us.fact_balance",
        "us.fact_days_past_due",
        "us.fact_lawsuit",
        "us.call_hours",
        "us.call_frequency",
        "us.verify_before_debt_talk",
    ] {
        assert!(
            na.contains(rule),
            "{rule} is not listed as not applicable: {na:?}"
        );
    }
    assert!(!g.findings.iter().any(|f| f.rule.starts_with("us.fact_")));
    assert_eq!(g.verification.status, "unchecked");
}

#[test]
fn a_wrong_verification_answer_is_a_failed_verification() {
    let g = grade_yaml(
        "wrong-dob.yaml",
        r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: agent, text: "Hi, may I speak with Maria Alvarez?"}
  - {speaker: borrower, text: "That's me."}
  - {speaker: agent, text: "This is Dana Price with Acme Recovery Services. Could you confirm your date of birth?"}
  - {speaker: borrower, text: "March 3rd, 1979."}
  - {speaker: agent, text: "Thank you. Your balance is $6,240.18."}
"#,
    );
    assert_eq!(g.verification.status, "failed");
    assert!(
        found(&g, 5, "us.verify_before_debt_talk"),
        "{}",
        describe(&g)
    );
}

#[test]
fn grading_is_deterministic_and_ignores_the_personas_reply_details() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/calibration/en-13-skilled-emotional.yaml");
    let t = read_transcript(&path).expect("reads");
    let a = serde_json::to_string(&grade_transcript("a", t.clone())).expect("json");
    let b = serde_json::to_string(&grade_transcript("a", t.clone())).expect("json");
    assert_eq!(a, b);
    // Moods and situations are for the debrief; they change nothing in the grade.
    let mut varied = t;
    for (i, turn) in varied.turns.iter_mut().enumerate() {
        turn.mood = Some(i as i32 % 7 - 3);
        turn.situation = Some(format!("situation-{i}"));
    }
    let c = serde_json::to_string(&grade_transcript("a", varied)).expect("json");
    assert_eq!(a, c);
}

#[test]
fn the_scorer_cues_ship_as_content_and_are_checked_like_it() {
    let pack = collectsim::content::load::builtin().expect("built-in content loads");
    assert!(scoring::cues::problems(&pack.scoring).is_empty());
    assert!(pack.scoring_cues().distress.any("i lost my job last month"));
    assert!(pack.scoring_cues().empathy.any("我理解您现在的难处"));
}

#[test]
fn a_bad_scoring_section_names_the_file_and_line() {
    Test::new()
        .file(
            "content/intents/scoring.yaml",
            "# tuned\nscoring:\n  distress: {en: [broke]}\n  empathy: {}\n  question: {starts: [], ends: []}\n  phatic: {}\n  answer_starts: {}\n  declines: {}\n  topics: []\n  verify_fields: {shoe_size: {en: [shoe]}}\n  amounts: {}\n  overdue: {}\n  due_date: {}\n  fees: {}\n  consequences: {}\n  deferral: {}\n  plan: {}\n  temporary: {}\n  remainder: {}\n  discount: {}\n  pressure: {}\n  payment: {}\n  debt_content_risks: [gossip]\n  act_equivalents: {}\n",
        )
        .args(["validate", "--content", "content"])
        .run()
        .exit(1)
        .stdout_has("content/intents/scoring.yaml:3:")
        .stdout_has("unknown key `shoe_size`")
        .stdout_has("unknown risk category `gossip`");
}

// ------------------------------------------------------------------ the command

const CALL_EN: &str = r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: agent, text: "Hi, may I speak with Maria Alvarez, please?"}
  - {speaker: borrower, text: "This is Maria. Who's calling?", mood: 0}
  - {speaker: agent, text: "My name is Dana Price, I'm with Acme Recovery Services. Before we go on, could you confirm your date of birth?"}
  - {speaker: borrower, text: "May 2nd, 1988.", mood: 0}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. Your balance is $6,420.18 and the account is 34 days past due."}
  - {speaker: borrower, text: "My hours got cut at the clinic and I'm really struggling.", mood: -3}
  - {speaker: agent, text: "You need to pay right now, no excuses."}
  - {speaker: borrower, text: "I can do $200 on the 15th.", mood: -5}
  - {speaker: agent, text: "Okay, so $200 on November 15. Thank you."}
"#;

const CALL_ZH: &str = r#"lang: zh
scenario: zh-willing-card
turns:
  - {speaker: agent, text: "您好，请问是王海燕女士吗？"}
  - {speaker: borrower, text: "我是，哪位？", mood: 1}
  - {speaker: agent, text: "王女士您好，我是西安诚达信息咨询有限公司的客服专员小李，受泰和银行信用卡中心委托来电。麻烦您提供一下身份证后四位。"}
  - {speaker: borrower, text: "1764。", mood: 1}
  - {speaker: agent, text: "谢谢您。您的欠款总额是8,962.30元，已逾期12天。"}
  - {speaker: borrower, text: "我最近住院了，忘了还。", mood: -2}
  - {speaker: agent, text: "听说您住院了，真是辛苦了。您看这个月能先还最低还款额835元吗？"}
  - {speaker: borrower, text: "可以，25号还。", mood: 2}
  - {speaker: agent, text: "好的，那就10月25日还835元，通过泰和银行官方App还款。祝您早日康复，再见。"}
"#;

/// Naming the official channel inside a confirmation still earns the pack's credit, though the
/// analysis reports the line as the confirmation alone.
#[test]
fn a_channel_named_in_a_confirmation_is_credited() {
    let g = grade_yaml(
        "channel.yaml",
        r#"lang: zh
rubric: cn-collection
turns:
  - {speaker: agent, text: "您好，请问是王海燕女士吗？"}
  - {speaker: borrower, text: "我是。"}
  - {speaker: agent, text: "那我确认一下，下周五通过官方app还两千，对吧"}
  - {speaker: borrower, text: "对。"}
"#,
    );
    assert!(
        g.credits
            .iter()
            .any(|c| c.rule == "cn.payment_channel" && c.turn == 3),
        "{:?}",
        g.credits
    );
}

/// The amount past due is the balance said, but no figure the account keeps: it is not checked
/// against the balance; the same amount stated as the balance is.
#[test]
fn an_amount_past_due_is_no_misstated_balance() {
    let call = |line: &str| {
        format!(
            r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {{speaker: agent, text: "Hi, may I speak with Maria Alvarez, please?"}}
  - {{speaker: borrower, text: "This is Maria."}}
  - {{speaker: agent, text: "My name is Dana Price with Acme Recovery Services. Could you confirm your date of birth?"}}
  - {{speaker: borrower, text: "May 2nd, 1988."}}
  - {{speaker: agent, text: "{line}"}}
  - {{speaker: borrower, text: "Okay."}}
"#
        )
    };
    let past_due = grade_yaml(
        "past-due.yaml",
        &call("Thanks. ur account is at $612.40 past due, Maria."),
    );
    assert!(
        !found(&past_due, 5, "us.fact_balance"),
        "{}",
        describe(&past_due)
    );
    let balance = grade_yaml(
        "balance.yaml",
        &call("Thanks. ur balance is $612.40, Maria."),
    );
    assert!(
        found(&balance, 5, "us.fact_balance"),
        "{}",
        describe(&balance)
    );
}

#[test]
fn grade_json_has_the_contract_fields() {
    let run = Test::new()
        .file("call.yaml", CALL_EN)
        .args(["grade", "call.yaml", "--json"])
        .run();
    run.success();
    let v = run.json();
    for key in [
        "scores",
        "overall",
        "passed",
        "findings",
        "credits",
        "not_applicable",
        "outcome",
    ] {
        assert!(v.get(key).is_some(), "missing {key}: {v}");
    }
    for d in ["verification", "accuracy", "tone", "compliance"] {
        assert!(v["scores"][d].is_number(), "scores.{d}");
    }
    let f = &v["findings"][0];
    for key in [
        "turn",
        "speaker",
        "quote",
        "rule",
        "category",
        "severity",
        "dimension",
        "points",
        "citation",
        "advice",
        "description",
    ] {
        assert!(f.get(key).is_some(), "finding lacks {key}: {f}");
    }
    assert_eq!(f["speaker"], "agent");
    let rules: Vec<(u64, &str)> = v["findings"]
        .as_array()
        .expect("array")
        .iter()
        .map(|f| {
            (
                f["turn"].as_u64().unwrap_or(0),
                f["rule"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(rules.contains(&(5, "us.fact_balance")), "{rules:?}");
    assert!(rules.contains(&(7, "us.acknowledge_distress")), "{rules:?}");
    assert!(rules.contains(&(7, "us.no_pressure")), "{rules:?}");
    assert_eq!(v["outcome"]["source"], "agent");
    assert_eq!(v["outcome"]["promise"]["amount"], 200.0);

    // Several files: an array, in order.
    let run = Test::new()
        .file("a.yaml", CALL_EN)
        .file("b.json", transcript_as_json(CALL_ZH))
        .args(["grade", "a.yaml", "b.json", "--format", "json"])
        .run();
    run.success();
    let v = run.json();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
    assert_eq!(v[1]["rubric"], "cn-collection");
}

fn transcript_as_json(yaml: &str) -> String {
    let t: Transcript = serde_saphyr::from_str(yaml).expect("yaml");
    serde_json::to_string_pretty(&t).expect("json")
}

#[test]
fn a_malformed_transcript_is_a_located_error() {
    let run = Test::new()
        .file(
            "bad.yaml",
            "lang: en\nrubric: standard\nturns:\n  - speaker: agent\n    txt: hello\n",
        )
        .args(["grade", "bad.yaml"])
        .run();
    run.exit(1);
    assert!(run.stderr.contains("bad.yaml:5:"), "{}", run.stderr);
    let run = Test::new()
        .file(
            "bad.json",
            "{\n  \"lang\": \"en\",\n  \"turns\": [ {\"speaker\": \"agent\" \"text\": \"hi\"} ]\n}\n",
        )
        .args(["grade", "bad.json"])
        .run();
    run.exit(1);
    assert!(run.stderr.contains("bad.json:3:"), "{}", run.stderr);
    let run = Test::new()
        .file(
            "norubric.yaml",
            "lang: en\nturns:\n  - {speaker: agent, text: hello}\n",
        )
        .args(["grade", "norubric.yaml"])
        .run();
    run.exit(1);
    run.stderr_has("--rubric");
}

#[test]
fn debrief_snapshots() {
    for (name, call) in [("en", CALL_EN), ("zh", CALL_ZH)] {
        let run = Test::new()
            .file("call.yaml", call)
            .args(["grade", "call.yaml"])
            .run();
        run.success();
        snapshot(&format!("debrief_{name}_text"), &run.stdout);
        let run = Test::new()
            .file("call.yaml", call)
            .args(["grade", "call.yaml", "--format", "markdown"])
            .run();
        run.success();
        snapshot(&format!("debrief_{name}_markdown"), &run.stdout);
    }
}

/// The words of a debrief and of its explanations are content: a trainer's intents/ file
/// rewords a heading and an explanation without Rust, in each language.
#[test]
fn a_trainers_file_rewords_debrief_labels_and_explanations() {
    let mine = r#"labels:
  findings: {en: "Points lost", zh: "失分"}
details:
  fact_mismatch:
    en: "you said {stated} for the {what}; the account has {actual}"
    zh: "您说{what}是 {stated}，账户上是 {actual}"
"#;
    let run = Test::new()
        .file("call.yaml", CALL_EN)
        .file("trainer/intents/mine.yaml", mine)
        .args(["--content", "trainer", "grade", "call.yaml"])
        .run();
    run.success();
    assert!(run.stdout.contains("Points lost (3"), "{}", run.stdout);
    assert!(
        run.stdout
            .contains("you said 6,420.18 for the balance; the account has 6,240.18"),
        "{}",
        run.stdout
    );
    let run = Test::new()
        .file("call.yaml", CALL_ZH)
        .file("trainer/intents/mine.yaml", mine)
        .args(["--content", "trainer", "grade", "call.yaml"])
        .run();
    run.success();
    assert!(run.stdout.contains("失分 (0)"), "{}", run.stdout);
}

#[test]
fn the_rubric_flag_overrides_and_facts_come_from_the_scenario() {
    let run = Test::new()
        .file("call.yaml", CALL_EN)
        .args(["grade", "call.yaml", "--json", "--rubric", "standard"])
        .run();
    run.success();
    assert_eq!(run.json()["rubric"], "standard");
}

/// A risk finding's reason names its category in the call's language, not by its id.
#[test]
fn a_risk_finding_is_named_in_the_calls_language() {
    let call = "lang: zh\nscenario: zh-willing-card\nturns:\n  - {speaker: agent, text: \"您好，请问是王海燕女士吗？\"}\n  - {speaker: borrower, text: \"我是\"}\n  - {speaker: agent, text: \"再不还钱小心你家人出事，我们会上门找你\"}\n";
    let run = Test::new()
        .file("call.yaml", call)
        .args(["grade", "call.yaml"])
        .run();
    run.stdout_has("暴力威胁（risk.");
    assert!(!run.stdout.contains("threat_violence（"), "{}", run.stdout);
    let en = call
        .replace("lang: zh", "lang: en")
        .replace("zh-willing-card", "en-willing-personal-loan")
        .replace(
            "再不还钱小心你家人出事，我们会上门找你",
            "pay up or somebody might get hurt, we know where your kids go to school",
        );
    let run = Test::new()
        .file("call.yaml", &en)
        .args(["grade", "call.yaml"])
        .run();
    run.stdout_has("threat of violence (risk.");
}

#[test]
fn a_chinese_debrief_says_why_it_failed_in_chinese() {
    let call = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/calibration/zh-14-poor-emotional.yaml"),
    )
    .expect("calibration transcript");
    let run = Test::new()
        .file("call.yaml", &call)
        .args(["grade", "call.yaml"])
        .run();
    run.stdout_has("低于该维度最低分")
        .stdout_has("出现严重违规 cn.no_abuse_harassment");
    assert!(!run.stdout.contains("is below"), "{}", run.stdout);
    // The JSON says the reasons in the call's language too, and beside them the same reasons
    // as data, so tools need not read prose.
    let run = Test::new()
        .file("call.yaml", &call)
        .args(["grade", "call.yaml", "--json"])
        .run();
    let json = run.json();
    let reasons = json["fail_reasons"].to_string();
    assert!(
        reasons.contains("出现严重违规 cn.no_abuse_harassment"),
        "{reasons}"
    );
    assert!(
        !reasons.contains("critical finding") && !reasons.contains("is below"),
        "{reasons}"
    );
    let causes = json["fail_causes"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        causes.len(),
        json["fail_reasons"].as_array().map_or(0, Vec::len),
        "{json}"
    );
    assert!(
        causes
            .iter()
            .any(|c| c["code"] == "critical" && c["rule"] == "cn.no_abuse_harassment"),
        "{causes:?}"
    );
    assert!(
        causes.iter().any(|c| c["code"] == "dimension"
            && c["dimension"].is_string()
            && c["min"].is_number()),
        "{causes:?}"
    );
}

/// An English call's reasons read in English, with the same codes.
#[test]
fn an_english_grade_gives_reasons_and_their_codes() {
    let call = r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: borrower, text: "Hello?"}
  - {speaker: agent, text: "Listen you idiot, pay what you owe or we'll have you arrested."}
"#;
    let run = Test::new()
        .file("call.yaml", call)
        .args(["grade", "call.yaml", "--json"])
        .run();
    let json = run.json();
    let reasons = json["fail_reasons"].to_string();
    assert!(reasons.contains("critical finding"), "{reasons}");
    assert!(reasons.contains("is below the pass mark"), "{reasons}");
    let codes: Vec<&str> = json["fail_causes"]
        .as_array()
        .map(|a| a.iter().filter_map(|c| c["code"].as_str()).collect())
        .unwrap_or_default();
    assert!(
        codes.contains(&"critical") && codes.contains(&"overall"),
        "{codes:?}"
    );
}

/// What verification compared is said in the call's language, with the comparison as data.
#[test]
fn verification_checks_are_said_in_the_calls_language() {
    let zh = r#"lang: zh
rubric: cn-collection
turns:
  - {speaker: agent, text: "您好，我是诚达公司的小李，请问是王海燕女士本人吗？"}
  - {speaker: borrower, text: "是我。"}
  - {speaker: agent, text: "麻烦您核对一下出生日期。"}
  - {speaker: borrower, text: "1978年12月5日。"}
"#;
    let graded = |call: &str, args: &[&str]| {
        Test::new()
            .file("call.yaml", call)
            .args(["grade", "call.yaml"])
            .args(args.iter().copied())
            .run()
    };
    let json = graded(zh, &["--json"]).json();
    let v = &json["verification"];
    assert_eq!(v["checks"][0], "回答未核对：缺少身份信息", "{v}");
    assert_eq!(v["check_results"][0]["result"], "unchecked", "{v}");
    let run = graded(zh, &[]);
    run.stdout_has("回答未核对：缺少身份信息");
    assert!(!run.stdout.contains("not checked"), "{}", run.stdout);

    let en = r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: borrower, text: "Hello?"}
  - {speaker: agent, text: "Hi, this is Sam from Acme Recovery Services. Am I speaking with Maria Alvarez?"}
  - {speaker: borrower, text: "Yes."}
  - {speaker: agent, text: "Could you confirm your date of birth?"}
  - {speaker: borrower, text: "May 2, 1988."}
"#;
    let json = graded(en, &["--json"]).json();
    let v = &json["verification"];
    assert_eq!(v["checks"][0], "date of birth matched", "{v}");
    assert_eq!(v["check_results"][0]["field"], "dob", "{v}");
    assert_eq!(v["check_results"][0]["result"], "matched", "{v}");
}
