//! Why a call ended (`outcome.reason`) is content (intents/outcomes.yaml), said in the call's
//! language; `outcome.kind` stays the same id in both.

use crate::harness::{Run, Test};

/// The skilled Chinese call of tests/conversations/zh-willing-consumer-loan.yaml: a promise.
const ZH_CALL: &str = "您好，我是成都立信达信息咨询有限公司的小王，请问是刘强本人吗？
为了核实身份，请您说一下您的出生日期。
谢谢。本次通话可能会被录音，我们是受委托处理您的欠款。
您在川禾消费金融有限公司的欠款目前是10506.40元，已经逾期23天了。
您看11月15日之前先还800元可以吗？
您看11月15日之前先还800元可以吗？
您看11月15日之前先还800元可以吗？
您看11月15日之前先还800元可以吗？
跟您确认一下：11月15日还800元，对吗？
谢谢您，再见。
";

/// The skilled English call of tests/conversations/en-willing-personal-loan.yaml: a promise.
const EN_CALL: &str = "Hi, this is Sam from Acme Recovery Services. Am I speaking with Maria Alvarez?
Before we go on, could you confirm your date of birth?
Thank you. This is an attempt to collect a debt and any information obtained will be used for that purpose. This call may be recorded.
Your Harborview Lending account has a balance of $6,240.18 and is 34 days past due.
Could you pay $200 on Friday, November 6?
So to confirm: $200 on Friday, November 6. Is that right?
Thank you for your time. Goodbye.
";

fn run(test: Test, scenario: &str, script: &str, json: bool) -> Run {
    let test = test.file("call.txt", script).args([
        "--ui-lang",
        "en",
        "run",
        scenario,
        "--script",
        "call.txt",
    ]);
    let run = if json { test.args(["--json"]) } else { test }.run();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run
}

/// `outcome.kind` and `outcome.reason` of `run --json`.
fn outcome(run: &Run) -> (String, String) {
    run.success();
    let v = run.json();
    let text = |field: &str| v["outcome"][field].as_str().unwrap_or_default().to_string();
    (text("kind"), text("reason"))
}

#[test]
fn a_chinese_call_ends_with_a_chinese_reason_and_an_english_one_as_before() {
    let zh = run(Test::new(), "zh-willing-consumer-loan", ZH_CALL, true);
    assert_eq!(
        outcome(&zh),
        ("promise_to_pay".into(), "借款人承诺了还款金额和日期".into())
    );
    // And in `run`'s last line, whatever the interface language.
    let zh = run(Test::new(), "zh-willing-consumer-loan", ZH_CALL, false);
    zh.success()
        .stdout_has("outcome: promise_to_pay (借款人承诺了还款金额和日期)");

    let en = run(Test::new(), "en-willing-personal-loan", EN_CALL, true);
    assert_eq!(
        outcome(&en),
        (
            "promise_to_pay".into(),
            "a payment was promised with an amount and a date".into()
        )
    );
    // A call the script ends with nothing agreed, in each language.
    let en = run(Test::new(), "en-willing-personal-loan", "Hello?\n", true);
    assert_eq!(
        outcome(&en),
        (
            "no_agreement".into(),
            "the call ended without an agreement".into()
        )
    );
    let zh = run(Test::new(), "zh-willing-consumer-loan", "喂？\n", true);
    assert_eq!(
        outcome(&zh),
        ("no_agreement".into(), "通话结束，未达成任何约定".into())
    );
}

/// A trainer's own words for a reason replace the shipped ones, in the language they are for.
#[test]
fn a_trainers_reason_is_used() {
    let mine = || {
        Test::new().file(
            "mine/intents/my-outcomes.yaml",
            "outcomes:\n  promise_to_pay: {en: \"pinned to an amount and a date\", zh: \"钉住了金额和日期\"}\n",
        )
        .args(["--content", "mine"])
    };
    let zh = run(mine(), "zh-willing-consumer-loan", ZH_CALL, true);
    assert_eq!(outcome(&zh).1, "钉住了金额和日期");
    let en = run(mine(), "en-willing-personal-loan", EN_CALL, false);
    en.success()
        .stdout_has("outcome: promise_to_pay (pinned to an amount and a date)");
}

/// A trainer's intents/outcomes.yaml replaces the shipped one whole: an id it lacks is named at
/// its `outcomes:` line, and an id the call never uses where it is written.
#[test]
fn a_trainers_outcome_file_is_checked_at_line_and_column() {
    let shipped = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("intents/outcomes.yaml"),
    )
    .expect("intents/outcomes.yaml");
    let at = shipped
        .lines()
        .position(|l| l == "outcomes:")
        .expect("an `outcomes:` line")
        + 1;
    let cut = shipped.replace(
        "  hung_up: {en: \"the borrower hung up\", zh: \"借款人挂断了电话\"}\n",
        "  hung_upp: {en: \"the borrower hung up\", zh: \"借款人挂断了电话\"}\n",
    );
    assert_ne!(
        cut, shipped,
        "intents/outcomes.yaml words `hung_up` otherwise"
    );
    let typo = cut
        .lines()
        .position(|l| l.starts_with("  hung_upp:"))
        .unwrap_or(0)
        + 1;
    let run = Test::new()
        .file("mine/intents/outcomes.yaml", cut)
        .args(["--content", "mine", "validate"])
        .run();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.exit(1);
    run.stdout_has(&format!(
        "mine/intents/outcomes.yaml:{at}:1: error: `outcomes` has no `hung_up`, which the call uses"
    ))
    .stdout_has("add `hung_up:` with `en:` and `zh:` under `outcomes:`")
    .stdout_has(&format!(
        "mine/intents/outcomes.yaml:{typo}:3: error: unknown `outcomes` id `hung_upp`"
    ))
    .stdout_has("did you mean `hung_up`?");
}

/// The practice session saves the reason in the call's language with the transcript.
#[test]
fn a_saved_chinese_transcript_keeps_a_chinese_reason() {
    let run = Test::new()
        .args(["practice", "--scenario", "zh-willing-card", "--seed", "1"])
        .args(["--data-dir", "data"])
        .stdin("您好，请问是王海燕本人吗？\n/end\n/quit\n")
        .run();
    run.success();
    let dir = run.dir.join("data/transcripts");
    let saved: Vec<serde_json::Value> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .collect::<Vec<_>>()
        })
        .unwrap_or_default()
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| serde_json::from_str(&std::fs::read_to_string(p).ok()?).ok())
        .collect();
    assert_eq!(saved.len(), 1, "{}", dir.display());
    assert_eq!(saved[0]["outcome"]["kind"], "no_agreement");
    assert_eq!(saved[0]["outcome"]["reason"], "通话结束，未达成任何约定");
}
