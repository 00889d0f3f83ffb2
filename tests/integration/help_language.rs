//! `--help` in the interface language: in Chinese the words of intents/messages.yaml, in
//! English clap's own from the doc comments, as before.

use crate::harness::{Test, snapshot};

const SUBCOMMANDS: [&str; 17] = [
    "list",
    "show",
    "validate",
    "schema",
    "analyze",
    "nlu-report",
    "grade",
    "run",
    "test",
    "practice",
    "history",
    "progress",
    "new",
    "exams",
    "certify",
    "results",
    "review",
];

/// The help page the command line prints, at a fixed width (clap wraps to the terminal's).
fn help(args: &[&str], env: &[(&str, &str)]) -> String {
    let mut test = Test::new().env("COLUMNS", "100").env("LINES", "50");
    for (k, v) in env {
        test = test.env(k, v);
    }
    let run = test.args(args).run();
    run.success();
    run.stdout.clone()
}

#[test]
fn english_help_is_clap_s_own_as_before() {
    // Taken from the binary before help could be Chinese: English must not change.
    snapshot("help_en", &help(&["--help"], &[]));
    snapshot("help_grade_en", &help(&["grade", "--help"], &[]));
    let grade = help(&["grade", "--help"], &[]);
    assert_eq!(help(&["--ui-lang", "en", "grade", "--help"], &[]), grade);
    assert_eq!(
        help(
            &["--ui-lang=en", "grade", "--help"],
            &[("LANG", "zh_CN.UTF-8")]
        ),
        grade
    );
}

#[test]
fn chinese_help_says_every_word_in_chinese() {
    let top = help(&["--ui-lang", "zh", "--help"], &[]);
    for needle in [
        "练习催收通话",
        "用法：collectsim [OPTIONS] [COMMAND]",
        "命令：",
        "列出场景：编号、标题、语言、类型、接听人、评分标准",
        "选项：",
        "命令行自身消息",
        "显示帮助",
        "显示版本",
        "不带命令时",
    ] {
        assert!(top.contains(needle), "{needle:?} in\n{top}");
    }
    snapshot("help_zh", &top);
    assert_eq!(help(&["--ui-lang", "zh", "help"], &[]), top);
    let grade = help(&["--ui-lang", "zh", "grade", "--help"], &[]);
    for needle in [
        "按评分标准包为保存的通话记录评分",
        "用法：collectsim grade [OPTIONS] [FILES]...",
        "参数：",
        "通话记录文件（YAML 或 JSON）",
        "--rubric <RUBRIC>",
    ] {
        assert!(grade.contains(needle), "{needle:?} in\n{grade}");
    }
    snapshot("help_grade_zh", &grade);
    // `help grade`, `-h`, the variable and the locale give the same page.
    assert_eq!(help(&["--ui-lang=zh", "help", "grade"], &[]), grade);
    let from_variable = help(&["grade", "-h"], &[("COLLECTSIM_LANG", "zh")]);
    assert_eq!(
        from_variable.replace("COLLECTSIM_LANG=zh]", "COLLECTSIM_LANG=]"),
        grade
    );
    assert_eq!(
        help(&["grade", "--help"], &[("LANG", "zh_CN.UTF-8")]),
        grade
    );
}

#[test]
fn every_subcommand_s_help_is_chinese() {
    for sub in SUBCOMMANDS
        .iter()
        .map(|s| vec![*s])
        .chain([vec!["new", "scenario"]])
    {
        let mut args = vec!["--ui-lang", "zh"];
        args.extend(&sub);
        args.push("--help");
        let page = help(&args, &[]);
        assert!(page.contains("用法："), "{sub:?}:\n{page}");
        for english in [
            "Usage:",
            "Options:",
            "Arguments:",
            "Commands:",
            "Print help",
            "Print ",
        ] {
            assert!(!page.contains(english), "{english:?} in {sub:?}:\n{page}");
        }
    }
}

/// The command line's mistakes clap finds, one after another on standard error.
fn mistakes(ui: Option<&str>) -> String {
    let mut all = String::new();
    for args in [
        &["lsit"][..],
        &["list", "--knd", "x"],
        &["certify"],
        &["--color", "purple"],
        &["results", "--json", "--csv"],
        &["run", "x", "--script", "-", "--seed", "many"],
    ] {
        let mut test = Test::new().env("COLUMNS", "100").env("LINES", "50");
        if let Some(lang) = ui {
            test = test.env("COLLECTSIM_LANG", lang);
        }
        let run = test.args(args).run();
        run.exit(2);
        all.push_str(&format!(
            "$ collectsim {}\n{}\n",
            args.join(" "),
            run.stderr
        ));
    }
    all
}

#[test]
fn clap_s_errors_follow_the_interface_language() {
    let zh = mistakes(Some("zh"));
    for needle in [
        "错误：无法识别的子命令 'lsit'",
        "提示：有几个相近的子命令：'validate', 'list'",
        "提示：有一个相近的参数：'--kind'",
        "缺少以下必需的参数：\n  --exam <EXAM>",
        "用法：collectsim certify --exam <EXAM> --trainee <TRAINEE>",
        "[可选值：auto, always, never]",
        "参数 '--json' 不能与 '--csv' 同时使用",
        "'--seed <SEED>' 的值 'many' 无效",
        "更多信息请运行 '--help'。",
    ] {
        assert!(zh.contains(needle), "{needle:?} in\n{zh}");
    }
    for english in ["error:", "Usage:", "tip:", "For more information"] {
        assert!(!zh.contains(english), "{english:?} in\n{zh}");
    }
    snapshot("parse_errors_zh", &zh);
    // English is clap's own, as before.
    let en = mistakes(None);
    let before: String = en
        .split("$ collectsim ")
        .skip(1)
        .take(3)
        .map(|s| {
            s.split_once('\n')
                .map_or("", |(_, rest)| rest)
                .trim_end_matches('\n')
                .to_string()
                + "\n"
        })
        .collect();
    snapshot("parse_errors_en", &before);
}
