//! The command line's own messages in both languages: `--ui-lang`, `COLLECTSIM_LANG` and the
//! locale choose; the same run and the same error say the same things in English and Chinese.

use crate::harness::{Run, Test, snapshot};

/// A conversation test that fails three ways (an act, the outcome, the promise) beside one that
/// passes.
const TESTS: &str = r#"
- name: greets and verifies
  scenario: en-willing-personal-loan
  seed: 1
  steps:
  - agent: Hi, this is Sam from Acme Recovery Services. Am I speaking with Maria Alvarez?
    expect:
      acts: [identify_self]
- name: expects too much
  scenario: en-willing-personal-loan
  seed: 1
  steps:
  - agent: Hi, this is Sam from Acme Recovery Services. Am I speaking with Maria Alvarez?
    expect:
      acts: [offer_plan]
  - agent: Thank you for your time. Goodbye.
  outcome: promise_to_pay
  promise:
    amount: 200.0
"#;

fn test_run(lang: &str) -> Run {
    Test::new()
        .file("calls.yaml", TESTS)
        .args(["--ui-lang", lang, "test", "calls.yaml"])
        .run()
}

#[test]
fn a_failing_conversation_test_reads_the_same_in_both_languages() {
    let en = test_run("en");
    en.exit(1);
    en.stdout_has("ok   calls.yaml — greets and verifies")
        .stdout_has("FAIL calls.yaml — expects too much")
        .stdout_has("    expected: offer_plan")
        .stdout_has("    expected: 200 on any date")
        .stdout_has("1 passed, 1 failed");
    snapshot("test_failure_en", &en.stdout);
    let zh = test_run("zh");
    zh.exit(1);
    zh.stdout_has("通过 calls.yaml — greets and verifies")
        .stdout_has("失败 calls.yaml — expects too much")
        .stdout_has("    期望：offer_plan")
        .stdout_has("    期望：任意日期 还 200")
        .stdout_has("1 个通过，1 个失败");
    snapshot("test_failure_zh", &zh.stdout);
    // The call itself is the same: only the words around it changed.
    let call = |out: &str| out.lines().filter(|l| l.starts_with("    agent")).count();
    assert_eq!(call(&en.stdout), call(&zh.stdout));
    assert!(call(&en.stdout) > 0, "{}", en.stdout);
}

/// A transcript naming a scenario with a typo, then one that is not YAML: the file (with line
/// and column) and the fix are in both languages' errors.
#[test]
fn the_same_errors_in_both_languages_keep_the_place_and_the_fix() {
    let transcript =
        "lang: en\nscenario: en-wiling-personal-loan\nturns:\n- {speaker: agent, text: hello}\n";
    let broken = "lang: en\nturns:\n- {speaker: agent, text: hello\n";
    let mut shown = String::new();
    for lang in ["en", "zh"] {
        for (file, text, code) in [("typo.yaml", transcript, 1), ("broken.yaml", broken, 1)] {
            let run = Test::new()
                .file(file, text)
                .args(["--ui-lang", lang, "grade", file])
                .run();
            run.exit(code);
            assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
            shown.push_str(&format!(
                "$ collectsim --ui-lang {lang} grade {file}\n{}",
                run.stderr
            ));
        }
    }
    for needle in [
        "error: typo.yaml: unknown scenario `en-wiling-personal-loan` (did you mean `en-willing-personal-loan`?)",
        "错误：typo.yaml：未知场景 `en-wiling-personal-loan`（您是不是要找 `en-willing-personal-loan`？）",
        "1 error(s), 0 warning(s)",
        "1 个错误，0 个警告",
    ] {
        assert!(shown.contains(needle), "lacks {needle:?}:\n{shown}");
    }
    // The content problem keeps its place in both.
    assert_eq!(shown.matches("broken.yaml:3:").count(), 2, "{shown}");
    snapshot("errors_both_languages", &shown);
}

/// A content problem keeps its place in Chinese; its message and fix are said in the interface
/// language with the ids as written (tests/integration/problem_language.rs covers more).
#[test]
fn a_content_problem_keeps_its_place_and_fix_in_chinese() {
    let run = Test::new()
        .file(
            "mine/intents/my-words.yaml",
            "messages:\n  test_summry: {en: \"{passed} good\", zh: \"{passed} 个好\"}\n",
        )
        .args(["--ui-lang", "zh", "--content", "mine", "validate"])
        .run();
    run.exit(1);
    run.stdout_has(
        "mine/intents/my-words.yaml:2:3: 错误: 未知的 `messages` id `test_summry`：命令行从不使用它",
    )
    .stdout_has("  = 修改建议: 是不是要写 `test_summary`？")
        .stdout_has("已检查全部内容：1 个错误，0 个警告");
}

/// With no library at all (the built-in one left out), the error is still said in the chosen
/// language, from the words shipped in the binary.
#[test]
fn errors_are_said_in_chinese_when_no_library_loads() {
    let run = Test::new()
        .file(
            "empty/intents/mine.yaml",
            "messages:\n  wrote: {en: \"saved {file}\", zh: \"已保存 {file}\"}\n",
        )
        .args([
            "--ui-lang",
            "zh",
            "--no-builtin",
            "--content",
            "empty",
            "list",
        ])
        .run();
    run.exit(1);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr_has("个错误，").stderr_has("个警告");
}

fn list_footer(run: &Run) -> String {
    run.success();
    run.stdout.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_interface_language_follows_the_option_then_the_variable_then_the_locale() {
    let list = || Test::new().args(["list", "--lang", "en"]);
    let english = "9 scenario(s)";
    let chinese = "共 9 个场景";
    let zh_count = list_footer(&list().run());
    assert_eq!(zh_count, english, "no locale at all is English");
    assert_eq!(
        list_footer(&list().env("LANG", "zh_CN.UTF-8").run()),
        chinese
    );
    assert_eq!(
        list_footer(
            &list()
                .env("LANG", "zh_CN.UTF-8")
                .env("LC_ALL", "en_US.UTF-8")
                .run()
        ),
        english,
        "LC_ALL comes before LANG"
    );
    assert_eq!(
        list_footer(&list().env("LC_MESSAGES", "zh_TW").env("LANG", "C").run()),
        chinese,
        "LC_MESSAGES comes before LANG"
    );
    assert_eq!(
        list_footer(
            &list()
                .env("LANG", "en_GB.UTF-8")
                .env("COLLECTSIM_LANG", "zh")
                .run()
        ),
        chinese,
        "COLLECTSIM_LANG comes before the locale"
    );
    assert_eq!(
        list_footer(
            &list()
                .env("COLLECTSIM_LANG", "zh")
                .args(["--ui-lang", "en"])
                .run()
        ),
        english,
        "--ui-lang comes first"
    );
    let bad = list().env("COLLECTSIM_LANG", "fr").run();
    bad.exit(2);
    bad.stderr_has("error: unknown interface language `fr` (from --ui-lang / COLLECTSIM_LANG); use `en` or `zh`");
}

/// A trainer's file rewords one message; the rest stay the shipped words.
#[test]
fn a_trainers_file_replaces_one_message() {
    let run = Test::new()
        .file("calls.yaml", TESTS)
        .file(
            "mine/intents/words.yaml",
            "messages:\n  test_summary: {en: \"{passed} green, {failed} red\", zh: \"绿 {passed}，红 {failed}\"}\n",
        )
        .args(["--content", "mine", "--ui-lang", "zh", "test", "calls.yaml"])
        .run();
    run.exit(1);
    run.stdout_has("绿 1，红 1").stdout_has("失败 calls.yaml");
}

/// `analyze` labels its rows in the interface language, aligned by display width; the acts,
/// entities and rule ids are ids, the same in both.
#[test]
fn analyze_labels_follow_the_interface_language() {
    let line = "you owe 5200 and if you dont pay we'll have you arrested";
    let en = Test::new()
        .args(["analyze", "--now", "2026-11-28", line])
        .run();
    en.success()
        .stdout_has("  acts:     state_balance")
        .stdout_has("  entities: money \"5200\"")
        .stdout_has("  RISK:     risk.false_legal");
    let zh = Test::new()
        .args(["--ui-lang", "zh", "analyze", "--now", "2026-11-28", line])
        .run();
    zh.success()
        .stdout_has("  行为: state_balance")
        .stdout_has("  实体: money \"5200\"")
        .stdout_has("  风险: risk.false_legal");
}

/// A duration's value is in days; the text shows the figure and unit as said first, so "6个月"
/// does not read as 180 months, and a money amount keeps its currency.
#[test]
fn analyze_shows_a_duration_as_said_and_in_days() {
    let line = "45 days late, we can spread 5200元 over 6个月";
    let en = Test::new()
        .args(["analyze", "--now", "2026-11-28", "--lang", "zh", line])
        .run();
    en.success()
        .stdout_has("duration \"45 days\" = 45 days;")
        .stdout_has("duration \"6个月\" = 6 month (180 days)")
        .stdout_has("money \"5200元\" = 5200.0 CNY");
    let zh = Test::new()
        .args([
            "--ui-lang",
            "zh",
            "analyze",
            "--now",
            "2026-11-28",
            "--lang",
            "zh",
            line,
        ])
        .run();
    zh.success()
        .stdout_has("duration \"6个月\" = 6 month（180 天）")
        .stdout_has("duration \"45 days\" = 45 天;");
}

/// `analyze --explain`'s trace for authors is worded in the interface language too; what it
/// shows (the clause, the cue, the nearest example and its score) is the same in both.
#[test]
fn the_explained_trace_follows_the_interface_language() {
    let line = "nobody is going to arrest you, but pay 300 today";
    let explain = |ui: &str| {
        let run = Test::new()
            .args(["--ui-lang", ui, "analyze", "--explain", "--lang", "en"])
            .args(["--now", "2026-11-28", line])
            .run();
        run.success();
        run
    };
    let en = explain("en");
    en.stdout_has("  normalised: nobody is going to arrest you")
        .stdout_has("  clause 1: nobody is going to arrest you")
        .stdout_has(" (negated)")
        .stdout_has("    near ")
        .stdout_has(" e.g. \"");
    let zh = explain("zh");
    zh.stdout_has("  规范化：nobody is going to arrest you")
        .stdout_has("  分句 1：nobody is going to arrest you")
        .stdout_has("（被否定）")
        .stdout_has("    相近 ")
        .stdout_has(" 例：“");
    assert!(!zh.stdout.contains("clause"), "{}", zh.stdout);
    // The same scores and examples, only the words around them differ.
    let scores = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .filter(|w| w.starts_with("0."))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(scores(&en.stdout), scores(&zh.stdout));
    assert!(!scores(&en.stdout).is_empty());
}
