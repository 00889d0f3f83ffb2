//! Certification through the binary: exams in English and Chinese taken with piped stdin,
//! recorded in SQLite, signed, verified (and caught when altered), reviewed, reported in
//! Markdown, HTML, JSON and CSV; abandoned and interrupted attempts; attempt limits.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::harness::{Run, Test};

const KEY: &str = "trainer-secret-0123456789";

/// One call's agent lines in English, with the helping commands an exam refuses.
const EN_CALL: &str = "Hi, this is Sam from Acme Recovery Services. Am I speaking with the account holder?\n\
/hint\n\
Before we go on, could you confirm your date of birth?\n\
/undo\n\
This is an attempt to collect a debt and any information obtained will be used for that purpose.\n\
Could you pay $200 on Friday?\n\
/end\n";

const ZH_CALL: &str = "您好，我是安信资产管理公司的工作人员小王，请问是本人吗？\n\
/score\n\
为了核实身份，请您提供身份证后四位。\n\
您的欠款需要尽快处理，请问周五能还500元吗？\n\
/end\n";

/// A records folder shared by several runs of the binary.
struct Records {
    dir: tempfile::TempDir,
}

impl Records {
    fn new() -> Records {
        Records {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("records/cert.sqlite3")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A command on these records, signed with the test key.
    fn cmd<const N: usize>(&self, args: [&str; N]) -> Test {
        Test::new()
            .args(args)
            .args(["--db", &self.db().to_string_lossy()])
            .args([
                "--data-dir",
                &self.dir.path().join("data").to_string_lossy(),
            ])
            .env("COLLECTSIM_SIGNING_KEY", KEY)
    }

    fn certify(&self, exam: &str, trainee: &str, now: &str, script: &str) -> Run {
        self.cmd([
            "certify",
            "--exam",
            exam,
            "--trainee",
            trainee,
            "--now",
            now,
        ])
        .stdin(script)
        .run()
    }

    fn conn(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(self.db()).expect("open db")
    }

    fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).expect("count")
    }

    fn results<const N: usize>(&self, args: [&str; N]) -> Run {
        let mut a = vec!["results"];
        a.extend(args);
        self.cmd_vec(&a).run()
    }

    fn cmd_vec(&self, args: &[&str]) -> Test {
        Test::new()
            .args(args)
            .args(["--db", &self.db().to_string_lossy()])
            .env("COLLECTSIM_SIGNING_KEY", KEY)
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn exams_lists_two_exams_of_six_calls_one_per_kind() {
    let run = Test::new().args(["exams", "--json"]).run();
    run.success();
    let v = run.json();
    let exams = v.as_array().expect("array");
    let ids: Vec<&str> = exams.iter().filter_map(|e| e["id"].as_str()).collect();
    assert!(ids.contains(&"en-us-certification") && ids.contains(&"zh-cn-certification"));
    for e in exams {
        let calls = e["calls"].as_array().expect("calls");
        assert_eq!(calls.len(), 6, "{e}");
        assert!(e["title"].is_string() && e["lang"].is_string());
    }
    Test::new()
        .args(["exams"])
        .run()
        .success()
        .stdout_has("zh-cn-certification");
}

fn exam_is_recorded_signed_and_reported(exam: &str, call: &str, refusal: &str, heading: &str) {
    let r = Records::new();
    let run = r.certify(exam, "Ada", "2026-11-02T10:00", &call.repeat(6));
    run.success().stdout_has(refusal).stdout_has(heading);
    // Six calls in order, each with its transcript and grade, signed.
    assert_eq!(
        r.count("SELECT COUNT(*) FROM calls WHERE attempt_id = 1"),
        6
    );
    assert_eq!(
        r.count("SELECT COUNT(*) FROM calls WHERE signature = '' OR grade NOT LIKE '{%'"),
        0
    );
    assert_eq!(r.count("PRAGMA user_version"), 2);
    let transcript: String = r
        .conn()
        .query_row(
            "SELECT transcript FROM calls WHERE attempt_id = 1 AND seq = 1",
            [],
            |row| row.get(0),
        )
        .expect("transcript");
    let t: Value = serde_json::from_str(&transcript).expect("transcript JSON");
    let agent: Vec<&str> = t["turns"]
        .as_array()
        .expect("turns")
        .iter()
        .filter(|t| t["speaker"] == "agent")
        .filter_map(|t| t["text"].as_str())
        .collect();
    // The refused commands never reached the call; every spoken line did.
    assert_eq!(
        agent.len(),
        call.lines().filter(|l| !l.starts_with('/')).count()
    );
    // Every call's stored outcome gives its reason in the exam's language.
    let han = |s: &str| s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    let conn = r.conn();
    let mut statement = conn
        .prepare("SELECT transcript FROM calls WHERE attempt_id = 1 ORDER BY seq")
        .expect("query");
    let reasons: Vec<String> = statement
        .query_map([], |row| row.get::<_, String>(0))
        .expect("rows")
        .map(|t| {
            let t: Value = serde_json::from_str(&t.expect("row")).expect("transcript JSON");
            t["outcome"]["reason"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert_eq!(reasons.len(), 6);
    for reason in &reasons {
        assert!(!reason.is_empty(), "{reasons:?}");
        assert_eq!(han(reason), exam.starts_with("zh"), "{reasons:?}");
    }
    let json = r.results(["--json"]);
    json.success();
    let v = json.json();
    let a = &v[0];
    assert_eq!(a["trainee"], "Ada");
    assert_eq!(a["exam"], exam);
    assert_eq!(a["started"], "2026-11-02T10:00:00");
    assert_eq!(a["finished"], "2026-11-02T10:00:00");
    assert_eq!(a["status"], "completed");
    assert!(a["passed"].is_boolean() && a["overall"].is_number());
    for d in ["verification", "accuracy", "tone", "compliance"] {
        assert!(a["scores"][d].is_number(), "{a}");
    }
    r.results(["--verify"])
        .success()
        .stdout_has("every signature matches");
    // Reports beside the database: Markdown and a self-contained page with charts.
    let md = read(&r.dir.path().join("records/reports/attempt-1.md"));
    assert!(md.contains(heading), "{md}");
    let page = read(&r.dir.path().join("records/reports/attempt-1.html"));
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<svg"));
    assert!(page.matches("<path").count() >= 6, "a mood line per call");
    assert!(!page.contains("<script"));
    assert!(
        !page.contains("src=") && !page.contains("<link"),
        "no external assets"
    );
}

#[test]
fn english_exam_through_the_binary_is_recorded_signed_and_reported() {
    exam_is_recorded_signed_and_reported(
        "en-us-certification",
        EN_CALL,
        "not allowed in an exam",
        "# Certificate — US collection-call certification",
    );
}

#[test]
fn chinese_exam_through_the_binary_is_recorded_signed_and_reported() {
    exam_is_recorded_signed_and_reported(
        "zh-cn-certification",
        ZH_CALL,
        "考试中不允许使用",
        "# 资格认证报告 — 中国催收通话资格认证",
    );
}

/// A Chinese attempt's reasons for not passing are Chinese, in the certificate and the records.
#[test]
fn a_chinese_certificate_says_why_in_chinese() {
    let r = Records::new();
    let run = r.certify(
        "zh-cn-certification",
        "李雷",
        "2026-11-01",
        &format!("{ZH_CALL}喂？\n/quit\n"),
    );
    run.success()
        .stdout_has("未通过原因")
        .stdout_has("共6通，完成1通后放弃")
        .stdout_has("本次考试已放弃");
    assert!(!run.stdout.contains("abandoned after"), "{}", run.stdout);
    let json = r.results(["--json"]);
    let reasons = json.json()[0]["fail_reasons"].to_string();
    assert!(reasons.contains("完成1通后放弃"), "{reasons}");
}

#[test]
fn abandoned_attempts_count_and_limits_are_enforced() {
    let r = Records::new();
    let exam = "en-us-certification";
    let quit = r.certify(
        exam,
        "Bo",
        "2026-11-01",
        &format!("{EN_CALL}Hello?\n/quit\n"),
    );
    quit.success().stdout_has("counts as an attempt");
    let status: (String, String, i64) = r
        .conn()
        .query_row(
            "SELECT a.status, c.status, a.passed FROM attempts a JOIN calls c ON c.attempt_id = a.id WHERE c.seq = 2",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .expect("row");
    assert_eq!(status, ("abandoned".into(), "abandoned".into(), 0));
    // Too soon: 7 days between attempts, by the injected clock.
    // Refused before reading stdin, so none is given (writing to it could race the exit).
    let soon = r.certify(exam, "Bo", "2026-11-05", "");
    soon.exit(1)
        .stderr_has("7 day(s) between attempts")
        .stderr_has("2026-11-08T09:00:00");
    // End of input mid-exam abandons too.
    r.certify(exam, "Bo", "2026-11-08", EN_CALL).success();
    r.certify(exam, "Bo", "2026-11-15", "").success();
    let over = r.certify(exam, "Bo", "2026-12-30", "");
    over.exit(1).stderr_has("used all 3 attempt(s)");
    assert_eq!(r.count("SELECT COUNT(*) FROM attempts"), 3);
    // Another trainee is not affected.
    r.certify(exam, "Cy", "2026-11-05", &EN_CALL.repeat(6))
        .success();
    r.results(["--verify"]).success();
}

#[test]
fn editing_any_stored_score_makes_verify_fail_naming_the_record() {
    let r = Records::new();
    r.certify(
        "en-us-certification",
        "Di",
        "2026-11-01",
        &EN_CALL.repeat(6),
    )
    .success();
    r.certify(
        "zh-cn-certification",
        "Di",
        "2026-11-01",
        &ZH_CALL.repeat(6),
    )
    .success();
    r.results(["--verify"]).success();
    let conn = r.conn();
    conn.execute(
        "UPDATE calls SET overall = overall - 12.5 WHERE attempt_id = 1 AND seq = 3",
        [],
    )
    .expect("edit");
    conn.execute(
        "UPDATE attempts SET compliance = compliance + 0.1 WHERE id = 2",
        [],
    )
    .expect("edit");
    let run = r.results(["--verify"]);
    run.exit(1)
        .stderr_has("2 certification record(s) were altered")
        .stderr_has("attempt 1 (Di, en-us-certification")
        .stderr_has("call 3 (en-delinquent-online-loan)")
        .stderr_has("attempt 2 (Di, zh-cn-certification");
    // The same check in Chinese names the same records.
    r.cmd_vec(&["--ui-lang", "zh", "results", "--verify"])
        .run()
        .exit(1)
        .stderr_has("错误：2 条认证记录在签名后被改动：")
        .stderr_has("考试记录 1（Di，en-us-certification，开始于 ")
        .stderr_has("：通话 3（en-delinquent-online-loan）")
        .stderr_has("考试记录 2（Di，zh-cn-certification");
    r.cmd_vec(&["--ui-lang", "zh", "results"])
        .run()
        .success()
        .stdout_has("编号  学员")
        .stdout_has("通过率：")
        .stdout_has("各学员趋势（首次 → 最近一次完成的考试）：");
    // A grade edited inside its JSON is caught the same way.
    conn.execute(
        "UPDATE calls SET overall = overall + 12.5, grade = replace(grade, '\"overall\":', '\"overall\":1') WHERE attempt_id = 1 AND seq = 3",
        [],
    )
    .expect("edit");
    r.results([
        "--verify",
        "--trainee",
        "Di",
        "--exam",
        "en-us-certification",
    ])
    .exit(1)
    .stderr_has("attempt 1");
    // A different key does not verify either.
    Test::new()
        .args([
            "results",
            "--verify",
            "--exam",
            "zh-cn-certification",
            "--db",
        ])
        .args([r.db().to_string_lossy()])
        .env("COLLECTSIM_SIGNING_KEY", "another-key-0123456789")
        .run()
        .exit(1)
        .stderr_has("attempt 2");
}

#[test]
fn without_a_key_nothing_is_recorded_and_the_error_says_how() {
    let r = Records::new();
    let run = r
        .cmd([
            "certify",
            "--exam",
            "en-us-certification",
            "--trainee",
            "Ed",
        ])
        // No stdin: the command stops before reading any (writing to it could race the exit).
        .env("COLLECTSIM_SIGNING_KEY", "")
        .run();
    run.exit(2)
        .stderr_has("no signing key")
        .stderr_has("COLLECTSIM_SIGNING_KEY")
        .stderr_has("--key-file");
    assert!(!r.db().exists());
    // A key file works instead, and a short key is refused.
    let key = r.file("key.txt");
    std::fs::write(&key, format!("{KEY}\n")).expect("key");
    r.cmd([
        "certify",
        "--exam",
        "en-us-certification",
        "--trainee",
        "Ed",
        "--now",
        "2026-11-01",
    ])
    .args(["--key-file", &key.to_string_lossy()])
    .env("COLLECTSIM_SIGNING_KEY", "")
    .stdin(EN_CALL.repeat(6))
    .run()
    .success();
    r.results(["--verify"]).success();
    let short = r.file("short.txt");
    std::fs::write(&short, "abc").expect("key");
    r.results(["--verify", "--key-file", &short.to_string_lossy()])
        .exit(2)
        .stderr_has("at least 16");
}

#[test]
fn review_is_stored_beside_the_verdict_signed_and_shown_in_every_report() {
    let r = Records::new();
    r.certify(
        "en-us-certification",
        "Flo",
        "2026-11-01",
        &EN_CALL.repeat(6),
    )
    .success();
    let list = r.cmd_vec(&["review", "1"]).run();
    list.success().stdout_has("finding 1:");
    // The last call (a fraudulent caller) has findings; review its first one.
    let call = r.count("SELECT MAX(seq) FROM calls WHERE grade LIKE '%\"findings\":[{%'");
    let call = call.to_string();
    r.cmd_vec(&[
        "review",
        "1",
        "--call",
        &call,
        "--finding",
        "1",
        "--verdict",
        "reject",
        "--reason",
        "<i>impostor</i> & \"false\" positive",
        "--reviewer",
        "Trainer Tam",
        "--now",
        "2026-11-03",
    ])
    .run()
    .success()
    .stdout_has("override 1 recorded and signed");
    assert_eq!(
        r.count("SELECT COUNT(*) FROM overrides WHERE signature != ''"),
        1
    );
    r.results(["--verify"]).success();
    r.results(["--attempt", "1"])
        .success()
        .stdout_has("Override: rejected by Trainer Tam (2026-11-03T09:00:00)")
        .stdout_has("After review:");
    let json = r.results(["--json"]);
    assert_eq!(json.json()[0]["overrides"], 1);
    let page = r.file("attempt.html");
    r.results(["--attempt", "1", "--html", &page.to_string_lossy()])
        .success();
    let html = read(&page);
    assert!(html.contains("&lt;i&gt;impostor&lt;/i&gt; &amp; &quot;false&quot; positive"));
    assert!(!html.contains("<i>impostor"));
    assert!(html.contains("class=\"override\""));
    // Bad review input is a clear error, nothing stored.
    r.cmd_vec(&[
        "review",
        "1",
        "--call",
        &call,
        "--finding",
        "99",
        "--verdict",
        "reject",
        "--reason",
        "x",
        "--reviewer",
        "T",
    ])
    .run()
    .exit(2)
    .stderr_has("--finding takes 1 to");
    r.cmd_vec(&[
        "review",
        "1",
        "--call",
        "1",
        "--finding",
        "1",
        "--verdict",
        "maybe",
        "--reason",
        "x",
        "--reviewer",
        "T",
    ])
    .run()
    .exit(2)
    .stderr_has("use `accept`");
    // An altered override is named; a removed one breaks the attempt's signature.
    let conn = r.conn();
    conn.execute("UPDATE overrides SET verdict = 'accept'", [])
        .expect("edit");
    r.results(["--verify"])
        .exit(1)
        .stderr_has("override 1 (call");
    conn.execute("DELETE FROM overrides", []).expect("delete");
    r.results(["--verify"]).exit(1).stderr_has("attempt 1 (Flo");
    // Reviewing an altered attempt is refused rather than signed over.
    r.cmd_vec(&[
        "review",
        "1",
        "--call",
        &call,
        "--finding",
        "1",
        "--verdict",
        "accept",
        "--reason",
        "x",
        "--reviewer",
        "T",
    ])
    .run()
    .exit(1)
    .stderr_has("altered");
}

#[test]
fn results_json_csv_and_html_escape_every_text() {
    let r = Records::new();
    let name = "<script>alert(\"x\")</script>, Jr";
    let line = "Hello <b>\"friend\"</b>, pay now or we'll have you arrested.\n/end\n";
    r.certify("en-us-certification", name, "2026-11-01", &line.repeat(6))
        .success();
    r.certify(
        "zh-cn-certification",
        "王芳",
        "2026-12-01",
        &ZH_CALL.repeat(6),
    )
    .success();
    let csv = r.results(["--csv"]);
    csv.success();
    let lines: Vec<&str> = csv.stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{}", csv.stdout);
    assert!(lines[0].starts_with("id,trainee,exam,started,finished,status,passed,overall"));
    assert!(
        lines[1].starts_with("1,\"<script>alert(\"\"x\"\")</script>, Jr\",en-us-certification,")
    );
    assert!(lines[2].contains(",王芳,zh-cn-certification,2026-12-01T09:00:00,"));
    let v = r.results(["--json", "--trainee", "王芳"]).json();
    assert_eq!(v.as_array().map(Vec::len), Some(1));
    // Cohort page: charts, escaped names, no scripts.
    let cohort = r.file("cohort.html");
    r.results(["--html", &cohort.to_string_lossy()]).success();
    let html = read(&cohort);
    assert!(
        html.matches("<svg").count() >= 3,
        "pass rates, rules, trend"
    );
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;, Jr"));
    assert!(!html.contains("<script"));
    assert!(
        html.contains("risk.") || html.contains("us."),
        "most broken rules listed"
    );
    // The attempt page escapes the quoted line of each finding.
    let page = r.file("a1.html");
    r.results(["--attempt", "1", "--html", &page.to_string_lossy()])
        .success();
    let html = read(&page);
    assert!(
        html.contains("Hello &lt;b&gt;&quot;friend&quot;&lt;/b&gt;"),
        "{html}"
    );
    assert!(!html.contains("<b>\"friend"));
    assert!(html.contains("class=\"finding critical\""));
    // The text view: pass rates and trend per trainee.
    r.results([])
        .success()
        .stdout_has("pass rates:")
        .stdout_has("zh-cn-certification: ")
        .stdout_has("trend per trainee");
}

#[test]
fn regrade_shows_both_and_keeps_the_signed_original() {
    let r = Records::new();
    r.certify(
        "en-us-certification",
        "Gil",
        "2026-11-01",
        &EN_CALL.repeat(6),
    )
    .success();
    let before: String = r
        .conn()
        .query_row("SELECT signature FROM attempts", [], |row| row.get(0))
        .expect("sig");
    let run = r.results(["--regrade", "--json"]);
    run.success();
    let v = run.json();
    let a = &v[0];
    let again = &a["regraded"];
    assert_eq!(
        again["overall"], a["overall"],
        "same rubric, same grade: {a}"
    );
    assert_eq!(again["calls"].as_array().map(Vec::len), Some(6));
    r.results(["--regrade"]).success().stdout_has("REGRADED");
    let after: String = r
        .conn()
        .query_row("SELECT signature FROM attempts", [], |row| row.get(0))
        .expect("sig");
    assert_eq!(before, after);
    r.results(["--verify"]).success();
}

#[test]
fn a_crash_mid_exam_leaves_a_consistent_signed_record() {
    let r = Records::new();
    let mut child = Command::new(env!("CARGO_BIN_EXE_collectsim"))
        .args([
            "certify",
            "--exam",
            "en-us-certification",
            "--trainee",
            "Hal",
        ])
        .args(["--now", "2026-11-01", "--db"])
        .arg(r.db())
        .arg("--data-dir")
        .arg(r.dir.path().join("data"))
        .env("NO_COLOR", "1")
        .env("COLLECTSIM_SIGNING_KEY", KEY)
        .env_remove("COLLECTSIM_CONTENT")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    if let Some(stdin) = child.stdin.as_mut() {
        stdin.write_all(EN_CALL.as_bytes()).expect("write");
        stdin.write_all(b"Hello, second call\n").expect("write");
        stdin.flush().expect("flush");
    }
    // Stdin stays open: the exam is live in call 2 when it is killed.
    let mut calls = 0;
    for _ in 0..600 {
        if r.db().exists() {
            calls = r
                .conn()
                .query_row("SELECT COUNT(*) FROM calls", [], |row| row.get(0))
                .unwrap_or(0);
            if calls == 1 {
                break;
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    child.kill().expect("kill");
    let _ = child.wait();
    assert_eq!(calls, 1);
    r.results(["--verify"]).success();
    let v = r.results(["--json"]).json();
    assert_eq!(v[0]["status"], "in_progress");
    assert_eq!(v[0]["calls"], 1);
    assert_eq!(v[0]["passed"], false);
    // It counts: the next attempt must wait.
    r.certify("en-us-certification", "Hal", "2026-11-02", "")
        .exit(1)
        .stderr_has("attempt #1");
}

#[test]
fn a_database_from_a_newer_version_is_refused_and_results_need_a_database() {
    let r = Records::new();
    std::fs::create_dir_all(r.db().parent().expect("parent")).expect("mkdir");
    {
        let conn = r.conn();
        conn.pragma_update(None, "user_version", 99)
            .expect("pragma");
    }
    r.results([])
        .exit(2)
        .stderr_has("schema version 99, newer than this collectsim knows");
    Test::new()
        .args(["results", "--db", "missing.sqlite3"])
        .run()
        .exit(2)
        .stderr_has("no certification records at missing.sqlite3");
}

#[test]
fn lines_after_the_borrower_hangs_up_stay_out_of_the_next_call() {
    let r = Records::new();
    let abuse = "You owe $6,240.18, pay it today.\n\
        Stop making excuses, you deadbeat, pay the full amount now.\n\
        If you don't pay today we'll have you arrested.\n\
        You're a liar and a thief, shut up and pay.\n\
        You're a worthless deadbeat. Pay now or we'll have you arrested.\n\
        You're a liar and a thief, shut up and pay.\n\
        Still there?\n\
        /end\n";
    let run = r.certify(
        "en-us-certification",
        "Ivy",
        "2026-11-01",
        &format!("{abuse}{}", EN_CALL.repeat(5)),
    );
    run.success().stdout_has("The call has ended");
    let first_agent_line = |seq: i64| -> String {
        let t: String = r
            .conn()
            .query_row(
                "SELECT transcript FROM calls WHERE seq = ?1",
                [seq],
                |row| row.get(0),
            )
            .expect("transcript");
        let v: Value = serde_json::from_str(&t).expect("json");
        v["turns"]
            .as_array()
            .and_then(|turns| turns.iter().find(|t| t["speaker"] == "agent"))
            .and_then(|t| t["text"].as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert!(first_agent_line(2).starts_with("Hi, this is Sam"));
    let v = r.results(["--json"]).json();
    assert_eq!(v[0]["status"], "completed");
    assert_eq!(v[0]["calls"], 6);
}

#[test]
fn a_drawn_exam_is_the_same_for_everyone() {
    let exam = "id: en-draw\n\
title: {en: Drawn exam, zh: 抽题考试}\n\
lang: en\n\
rubric: us-fdcpa\n\
draw: {kinds: [willing, refusing], per_kind: 1, seed: 3}\n\
pass: {overall: 80}\n\
attempts: {max: 1, wait_days: 0}\n";
    let list = |dir: &str| -> Vec<String> {
        let run = Test::new()
            .file(&format!("{dir}/exams/en-draw.yaml"), exam)
            .args(["--content", dir, "exams", "--json"])
            .run();
        run.success();
        let v = run.json();
        let e = v
            .as_array()
            .and_then(|a| a.iter().find(|e| e["id"] == "en-draw"))
            .cloned()
            .expect("the drawn exam");
        e["calls"]
            .as_array()
            .expect("calls")
            .iter()
            .filter_map(|c| c.as_str().map(str::to_string))
            .collect()
    };
    let calls = list("mine");
    assert_eq!(calls.len(), 2, "{calls:?}");
    assert!(calls[0].starts_with("en-willing") && calls[1].starts_with("en-refusing"));
    assert_eq!(list("other"), calls);
}
