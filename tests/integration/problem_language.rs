//! Content problems in both interface languages: `validate` says what is wrong and the fix in
//! Chinese with `--ui-lang zh`, at the same `path:line:col:` as in English, with the data in
//! them (ids, YAML keys, numbers, the parser's own words) as written; JSON stays English.

use std::path::Path;

use crate::harness::{Run, Test, snapshot};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/broken");

/// Broken files covering the kinds of problem: cross-file checks, references to unknown ids,
/// missing translations, YAML the parser refuses (its words wrapped), and a warning.
const BROKEN: [&str; 14] = [
    "scenarios/balance-not-sum-of-parts.yaml",
    "scenarios/wrong-weekday.yaml",
    "scenarios/unauthorised-fee.yaml",
    "scenarios/unknown-rubric.yaml",
    "scenarios/third-party-without-section.yaml",
    "scenarios/unclosed-quote-due-date.yaml",
    "scenarios/unknown-field-misspelled.yaml",
    "scenarios/duplicate-key-interest.yaml",
    "scenarios/empty-file.yaml",
    "intents/examples-en-only.yaml",
    "intents/detail-unknown-placeholder.yaml",
    "personas/reply-variant-only-en.yaml",
    "rubrics/advice-without-zh.yaml",
    "exams/unknown-scenario.yaml",
];

fn validate(rel: &str, lang: &str) -> Run {
    let bytes = std::fs::read(Path::new(FIXTURES).join(rel)).expect("read fixture");
    Test::new()
        .file(rel, bytes)
        .args(["--ui-lang", lang, "validate", rel])
        .run()
}

/// One problem as shown: its place (`path:line:col`), its level word, the message and the fix.
#[derive(Debug)]
struct Shown {
    place: String,
    level: String,
    message: String,
    fix: Option<String>,
}

fn shown(stdout: &str, fix_word: &str) -> Vec<Shown> {
    let mut out: Vec<Shown> = Vec::new();
    let fix_prefix = format!("  = {fix_word}: ");
    for line in stdout.lines() {
        let mut parts = line.splitn(4, ':');
        if let (Some(path), Some(l), Some(c), Some(rest)) =
            (parts.next(), parts.next(), parts.next(), parts.next())
            && !path.is_empty()
            && !path.starts_with(' ')
            && !l.is_empty()
            && l.chars().all(|ch| ch.is_ascii_digit())
            && c.chars().all(|ch| ch.is_ascii_digit())
            && let Some((level, message)) = rest.trim_start().split_once(": ")
        {
            out.push(Shown {
                place: format!("{path}:{l}:{c}"),
                level: level.to_string(),
                message: message.to_string(),
                fix: None,
            });
        } else if let Some(fix) = line.strip_prefix(&fix_prefix)
            && let Some(current) = out.last_mut()
        {
            current.fix = Some(fix.to_string());
        }
    }
    out
}

fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// The spans in backticks: data (ids, keys, values) that a translation keeps as written.
fn quoted(text: &str) -> Vec<&str> {
    text.split('`').skip(1).step_by(2).collect()
}

#[test]
fn validate_says_each_problem_and_fix_in_chinese_at_the_same_place() {
    let mut all = String::new();
    for rel in BROKEN {
        let en = validate(rel, "en");
        let zh = validate(rel, "zh");
        for run in [&en, &zh] {
            assert!(!run.stderr.contains("panicked"), "{rel}: {}", run.stderr);
            run.exit(1);
        }
        let (en_shown, zh_shown) = (shown(&en.stdout, "fix"), shown(&zh.stdout, "修改建议"));
        assert!(
            !en_shown.is_empty(),
            "{rel}: no problem shown:\n{}",
            en.stdout
        );
        assert_eq!(
            en_shown.len(),
            zh_shown.len(),
            "{rel}:\n{}\n{}",
            en.stdout,
            zh.stdout
        );
        for (e, z) in en_shown.iter().zip(&zh_shown) {
            let context = format!("{rel}:\n{}\n{}", en.stdout, zh.stdout);
            assert_eq!(e.place, z.place, "{context}");
            let level = if e.level == "error" {
                "错误"
            } else {
                "警告"
            };
            assert_eq!(z.level, level, "{context}");
            assert!(has_chinese(&z.message), "message not in Chinese: {context}");
            for data in quoted(&e.message) {
                assert!(z.message.contains(data), "`{data}` lost: {context}");
            }
            match (&e.fix, &z.fix) {
                (None, None) => {}
                (Some(e_fix), Some(z_fix)) => {
                    assert!(has_chinese(z_fix), "fix not in Chinese: {context}");
                    for data in quoted(e_fix) {
                        assert!(z_fix.contains(data), "`{data}` lost: {context}");
                    }
                }
                _ => panic!("a fix in one language only: {context}"),
            }
        }
        all.push_str(&format!(
            "$ collectsim --ui-lang zh validate {rel}\n{}",
            zh.stdout
        ));
    }
    for needle in [
        "余额 6240 不等于本金 5620 + 利息 545.18 + 费用 75 = 6240.18",
        "= 修改建议: 设置 `balance: 6240.18`，或修正各组成部分",
        "未知评分标准 `us-fdpca`",
        "YAML 格式错误：",
        "文件为空",
    ] {
        assert!(all.contains(needle), "lacks {needle:?}:\n{all}");
    }
    snapshot("problems_in_chinese", &all);
}

/// English stays the words it was: the same file says the same English with `--ui-lang en`
/// as with no language chosen at all.
#[test]
fn english_problems_are_unchanged_by_the_interface_language_option() {
    let rel = "scenarios/wrong-weekday.yaml";
    let bytes = std::fs::read(Path::new(FIXTURES).join(rel)).expect("read fixture");
    let plain = Test::new().file(rel, &bytes).args(["validate", rel]).run();
    assert_eq!(plain.stdout, validate(rel, "en").stdout);
    plain
        .stdout_has("is a ")
        .stdout_has("= fix: set `weekday: ");
}

/// JSON is for scripts: the `message` and `fix` fields are English whatever the interface
/// language.
#[test]
fn json_problems_stay_english_in_any_interface_language() {
    let rel = "scenarios/balance-not-sum-of-parts.yaml";
    let json = |lang: &str| {
        let bytes = std::fs::read(Path::new(FIXTURES).join(rel)).expect("read fixture");
        let run = Test::new()
            .file(rel, bytes)
            .args(["--ui-lang", lang, "validate", "--json", rel])
            .run();
        run.exit(1);
        run.json()
    };
    let (en, zh) = (json("en"), json("zh"));
    assert_eq!(en, zh);
    let first = &en[0];
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("balance 6240 is not principal 5620")),
        "{en}"
    );
    assert!(
        first["fix"]
            .as_str()
            .is_some_and(|f| f == "set `balance: 6240.18`, or correct the parts"),
        "{en}"
    );
}

/// A conversation test file with a problem says it in the interface language too.
#[test]
fn a_broken_test_file_is_said_in_chinese() {
    let run = Test::new()
        .file("calls.yaml", "# nothing yet\n")
        .args(["--ui-lang", "zh", "test", "calls.yaml"])
        .run();
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(
        all.contains("calls.yaml:1:1: 错误: 测试文件为空；请写上 `scenario:` 和 `steps:`"),
        "{all}"
    );
}
