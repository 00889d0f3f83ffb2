//! The practice REPL driven through standard input (no terminal): English and Chinese calls with
//! slash commands, the debrief, the transcript on disk after every turn (even after SIGKILL),
//! `history` and `progress`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::Test;

fn transcripts(data: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(data.join("transcripts"))
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|e| e == "json"));
    v.sort();
    v
}

fn agent_lines(file: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let v: Value = serde_json::from_str(&text).unwrap_or(Value::Null);
    v["turns"]
        .as_array()
        .map(|turns| {
            turns
                .iter()
                .filter(|t| t["speaker"] == "agent")
                .filter_map(|t| t["text"].as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn english_call_with_slash_commands_debriefs_and_saves_every_turn() {
    let run = Test::new()
        .args([
            "practice",
            "--scenario",
            "en-willing-personal-loan",
            "--data-dir",
            "data",
            "--coach",
        ])
        .stdin(
            "Hello, this is Sam from Acme Recovery Services, may I speak with Maria Alvarez?\n\
             /hint\n\
             Could you confirm your date of birth?\n\
             /score\n\
             You will go to jail if you don't pay today\n\
             /undo\n\
             /facts\n\
             /end\n\
             /quit\n",
        )
        .run();
    run.success();
    let out = &run.stdout;
    assert!(
        !out.contains("you> "),
        "no prompt noise off a terminal:\n{out}"
    );
    assert!(out.contains("Hi, this is Maria Alvarez"), "{out}");
    assert!(out.contains("hint:"), "{out}");
    assert!(out.contains("score so far:"), "{out}");
    assert!(out.contains("taken back:"), "{out}");
    assert!(out.contains("Debrief"), "{out}");
    assert!(out.contains("Verification"), "{out}");
    assert!(out.contains("Mood:"), "{out}");
    assert!(out.contains("Hints used: 1"), "{out}");
    assert!(out.contains("Practise next:"), "{out}");
    assert!(out.contains("Transcript saved:"), "{out}");
    let files = transcripts(&run.dir.join("data"));
    assert_eq!(files.len(), 1, "{files:?}");
    let lines = agent_lines(&files[0]);
    assert_eq!(lines.len(), 2, "the undone line is gone: {lines:?}");
    assert!(lines[1].contains("date of birth"));
    let history = Test::new()
        .args(["history", "--json", "--data-dir"])
        .args([run.dir.join("data").display().to_string()])
        .run();
    history.success();
    let v: Value = serde_json::from_str(&history.stdout).expect("history json");
    assert_eq!(v[0]["scenario"], "en-willing-personal-loan");
    assert_eq!(v[0]["hints"], 1);
    let progress = Test::new()
        .args(["progress", "--data-dir"])
        .args([run.dir.join("data").display().to_string()])
        .run();
    progress.success();
    assert!(
        progress.stdout.contains("compliance"),
        "{}",
        progress.stdout
    );
}

/// Every word the session says around a Chinese call is Chinese: the help, the briefing card,
/// hints, `/score`, `/undo`, an unknown command and the lines after the debrief (the words are
/// the library's `practice:` and `briefing:`, not English fallbacks).
#[test]
fn a_chinese_session_says_nothing_in_english() {
    let run = Test::new()
        .args(["practice", "--scenario", "zh-willing-card", "--seed", "1"])
        .args(["--data-dir", "data"])
        .stdin(
            "/help\n\
             您好，我是西安诚达信息咨询有限公司的小王，请问是王海燕本人吗？\n\
             /hint\n\
             请您核对一下出生日期。\n\
             /score\n\
             /undo\n\
             请您核对一下出生日期。\n\
             /facts\n\
             /nonsense\n\
             /end\n\
             /quit\n",
        )
        .run();
    run.success();
    let out = &run.stdout;
    for zh in [
        "/facts 账户信息",
        "来电简报",
        "联系对象",
        "评分标准",
        "提示：",
        "当前得分：",
        "身份核实 100",
        "已撤回：",
        "未知命令 /nonsense",
        "通话记录已保存：",
        "使用提示次数：",
        "建议下一个练习：",
        "最弱维度：",
        "出生日期 相符",
    ] {
        assert!(out.contains(zh), "`{zh}` is missing:\n{out}");
    }
    for en in [
        "this help",
        "the account card",
        "Briefing",
        "Calling",
        "Graded with",
        "hint:",
        "score so far",
        "verification",
        "finding(s)",
        "taken back",
        "unknown command",
        "Transcript saved",
        "Hints used",
        "Practise next",
        "weakest",
        "To do better",
        "matched",
    ] {
        assert!(
            !out.contains(en),
            "English `{en}` in a Chinese session:\n{out}"
        );
    }
}

/// A trainer's intents/ file rewords one of the session's words (here the help) in each
/// language; the rest stay the library's.
#[test]
fn a_trainers_file_rewords_the_sessions_help() {
    let mine = "practice:\n  help: {en: \"Ask your coach.\", zh: \"请问您的教练。\"}\n";
    for (scenario, said, kept) in [
        (
            "en-willing-personal-loan",
            "Ask your coach.",
            "Transcript saved:",
        ),
        ("zh-willing-card", "请问您的教练。", "通话记录已保存："),
    ] {
        let run = Test::new()
            .file("trainer/intents/mine.yaml", mine)
            .args(["--content", "trainer", "practice", "--scenario", scenario])
            .args(["--data-dir", "data"])
            .stdin("/help\n/end\n/quit\n")
            .run();
        run.success();
        assert!(run.stdout.contains(said), "{}", run.stdout);
        assert!(!run.stdout.contains("/facts"), "{}", run.stdout);
        assert!(run.stdout.contains(kept), "{}", run.stdout);
    }
}

#[test]
fn chinese_call_debriefs_in_chinese_and_retry_starts_again() {
    let run = Test::new()
        .args([
            "practice", "--lang", "zh", "--kind", "willing", "--seed", "1",
        ])
        .args(["--data-dir", "data"])
        .stdin(
            "您好，我是催收公司的小王，请问是本人吗？\n\
             /hint\n\
             请您核对一下出生日期。\n\
             /end\n\
             /retry\n\
             您好，请问您是本人吗？\n\
             /end\n\
             /quit\n",
        )
        .run();
    run.success();
    let out = &run.stdout;
    assert!(out.contains("通话复盘"), "{out}");
    assert!(out.contains("通话记录已保存"), "{out}");
    assert!(out.contains("提示："), "{out}");
    assert!(
        out.contains("改进建议："),
        "the debrief says what to do better:\n{out}"
    );
    assert_eq!(out.matches("通话复盘").count(), 2, "{out}");
    let files = transcripts(&run.dir.join("data"));
    assert_eq!(files.len(), 2, "{files:?}");
    let all: Vec<String> = files.iter().flat_map(|f| agent_lines(f)).collect();
    assert_eq!(all.len(), 3, "{all:?}");
}

#[test]
fn sigkill_mid_call_keeps_every_typed_turn() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let mut child = Command::new(env!("CARGO_BIN_EXE_collectsim"))
        .args(["practice", "--scenario", "zh-willing-card", "--data-dir"])
        .arg(&data)
        .env("NO_COLOR", "1")
        .env_remove("COLLECTSIM_CONTENT")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let lines = [
        "您好，我是小王。",
        "请问您是本人吗？",
        "请核对一下您的出生日期。",
    ];
    if let Some(stdin) = child.stdin.as_mut() {
        for l in lines {
            writeln!(stdin, "{l}").expect("write");
        }
        stdin.flush().expect("flush");
    }
    // Poll (bounded) until the last line is on disk; stdin stays open so the call is still live.
    let mut seen = Vec::new();
    for _ in 0..600 {
        if let Some(f) = transcripts(&data).first() {
            seen = agent_lines(f);
            if seen.len() == lines.len() {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // `Child::kill` is SIGKILL on Unix: no handler runs, nothing is flushed on the way out.
    child.kill().expect("kill");
    let _ = child.wait();
    let files = transcripts(&data);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(agent_lines(&files[0]), lines, "seen while live: {seen:?}");

    // The killed call is in the history, marked unfinished and scored as far as it went...
    let data_arg = data.display().to_string();
    let history = Test::new()
        .args(["history", "--json", "--data-dir", &data_arg])
        .run();
    history.success();
    let v = history.json();
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v[0]["status"], "unfinished", "{v}");
    assert_eq!(v[0]["scenario"], "zh-willing-card", "{v}");
    assert!(v[0]["overall"].as_f64().is_some(), "{v}");
    let file = v[0]["file"].as_str().expect("file").to_string();
    let text = Test::new().args(["history", "--data-dir", &data_arg]).run();
    text.success().stdout_has("unfinished");
    // ...and `grade` gives its full debrief.
    let graded = Test::new().args(["grade", &file]).run();
    graded.success().stdout_has("通话复盘");
    graded.stdout_has("请核对一下您的出生日期。");
}

#[test]
fn retry_after_the_debrief_focuses_on_the_main_finding() {
    let run = Test::new()
        .args([
            "practice",
            "--scenario",
            "en-willing-personal-loan",
            "--data-dir",
            "data",
        ])
        .stdin(
            "Hello, this is Sam from Acme Recovery Services, may I speak with Maria Alvarez?\n\
             You will go to jail if you don't pay today\n\
             /end\n\
             /retry\n\
             /end\n\
             /quit\n",
        )
        .run();
    run.success();
    let out = &run.stdout;
    let first = out.find("Transcript saved:").expect("a first debrief");
    let debrief = &out[first..];
    assert!(debrief.contains("To do better:"), "{out}");
    assert!(debrief.contains("Try: “"), "{out}");
    assert!(
        debrief.contains("/retry replays this scenario focused on it"),
        "{out}"
    );
    let retry = &out[first..];
    let focus = retry
        .find("Retry focus:")
        .expect("the retry shows its focus");
    let rest = &retry[focus..];
    assert!(
        rest.contains("“You will go to jail if you don't pay today”"),
        "{rest}"
    );
    assert!(rest.contains("Try instead:"), "{rest}");
    // The focus comes before the new call's opening line.
    let opening = rest.find("borrower").expect("the retried call");
    assert!(rest[..opening].contains("Try instead:"), "{rest}");
    // The main finding is the threat, the most severe one.
    let history = Test::new()
        .args(["history", "--json", "--data-dir"])
        .args([run.dir.join("data").display().to_string()])
        .run();
    let v = history.json();
    assert_eq!(v.as_array().map(Vec::len), Some(2), "{v}");
    assert!(
        v[0]["broken"].as_array().is_some_and(|b| !b.is_empty()),
        "{v}"
    );
}
