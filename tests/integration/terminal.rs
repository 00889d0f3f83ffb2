//! The practice REPL end to end in a real pseudo-terminal: the binary runs with a pty as its
//! terminal (so rustyline edits lines and shows the turn prompt), keys are typed into it, and the
//! output goes through a terminal emulator (vt100) whose screen grid is checked, including that
//! Chinese labels and values line up in the columns a terminal draws them in.

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Child, Command};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const ROWS: u16 = 400;
const COLS: u16 = 100;
const WAIT: Duration = Duration::from_secs(30);

struct Term {
    child: Child,
    screen: Arc<Mutex<vt100::Parser>>,
    keys: std::fs::File,
    _dir: tempfile::TempDir,
}

impl Term {
    /// Starts `collectsim ARGS --data-dir TMP` with a pty as stdin, stdout and stderr.
    fn start(args: &[&str]) -> Term {
        let dir = tempfile::tempdir().expect("temp dir");
        let size = nix::pty::Winsize {
            ws_row: ROWS,
            ws_col: COLS,
            ws_xpixel: 0,
            ws_ypixel: 0,
        };
        let pty = nix::pty::openpty(&size, None).expect("openpty");
        let slave = std::fs::File::from(pty.slave);
        let child = Command::new(env!("CARGO_BIN_EXE_collectsim"))
            .args(args)
            .arg("--data-dir")
            .arg(dir.path().join("data"))
            .current_dir(dir.path())
            .env("NO_COLOR", "1")
            .env("TERM", "xterm-256color")
            .env("HOME", dir.path())
            .env_remove("COLLECTSIM_CONTENT")
            .env_remove("XDG_DATA_HOME")
            .stdin(slave.try_clone().expect("dup"))
            .stdout(slave.try_clone().expect("dup"))
            .stderr(slave)
            .spawn()
            .expect("spawn collectsim");
        let master = std::fs::File::from(pty.master);
        let keys = master.try_clone().expect("dup");
        let mut answers = master.try_clone().expect("dup");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(ROWS, COLS, 0)));
        let feed = Arc::clone(&screen);
        // Reads everything the program draws into the emulator; ends when the child closes the pty.
        std::thread::spawn(move || {
            let mut master = master;
            let mut buf = [0u8; 4096];
            while let Ok(n) = master.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let Ok(mut parser) = feed.lock() else { break };
                parser.process(&buf[..n]);
                // A cursor-position query gets the answer a terminal would give.
                if buf[..n].windows(4).any(|w| w == b"\x1b[6n") {
                    let (row, col) = parser.screen().cursor_position();
                    let _ = write!(answers, "\x1b[{};{}R", row + 1, col + 1);
                }
            }
        });
        Term {
            child,
            screen,
            keys,
            _dir: dir,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().expect("screen").screen().contents()
    }

    /// Waits (bounded) until `text` appears `times` times on the screen.
    #[track_caller]
    fn wait_for_n(&mut self, text: &str, times: usize) {
        let start = Instant::now();
        loop {
            if self.contents().matches(text).count() >= times {
                return;
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!(
                    "waited {WAIT:?} for {text:?} (x{times}); the screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[track_caller]
    fn wait_for(&mut self, text: &str) {
        self.wait_for_n(text, 1);
    }

    /// Whether the cursor sits right after an empty prompt (`[3] you> `, `> `, the menu's):
    /// rustyline is reading in raw mode, so keys typed now are keys, not cooked-mode input
    /// (where Ctrl-D would be the line discipline's end of file).
    fn at_prompt(&self) -> bool {
        let parser = self.screen.lock().expect("screen");
        let screen = parser.screen();
        let (row, col) = screen.cursor_position();
        let text = screen
            .rows(0, COLS)
            .nth(usize::from(row))
            .unwrap_or_default();
        let text = text.trim_end();
        text.is_ascii() && text.ends_with('>') && usize::from(col) == text.len() + 1
    }

    /// Waits (bounded) for the program to ask for a line.
    #[track_caller]
    fn wait_prompt(&mut self) {
        let start = Instant::now();
        while !self.at_prompt() {
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!(
                    "waited {WAIT:?} for a prompt; the screen:\n{}",
                    self.contents()
                );
            }
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Types a line at the next prompt and presses Enter.
    #[track_caller]
    fn line(&mut self, text: &str) {
        self.wait_prompt();
        self.keys
            .write_all(format!("{text}\r").as_bytes())
            .expect("type");
        self.keys.flush().expect("flush");
    }

    /// Types each line (an empty one types nothing), then waits until its text is on the screen
    /// the given number of times.
    #[track_caller]
    fn play(&mut self, steps: &[(&str, &str, usize)]) {
        for (line, expect, times) in steps {
            if !line.is_empty() {
                self.line(line);
            }
            self.wait_for_n(expect, *times);
        }
    }

    #[track_caller]
    fn key(&mut self, bytes: &[u8]) {
        self.wait_prompt();
        self.keys.write_all(bytes).expect("type");
        self.keys.flush().expect("flush");
    }

    /// Waits (bounded) for the program to exit; its exit code.
    #[track_caller]
    fn exit_code(&mut self) -> i32 {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code().unwrap_or(-1);
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("the program did not exit; the screen:\n{}", self.contents());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Asserts that the rows holding each of `labels` start their values in one column.
    #[track_caller]
    fn assert_aligned(&self, labels: &[&str]) {
        let parser = self.screen.lock().expect("screen");
        let columns = value_columns(parser.screen(), labels);
        let first = columns[0].1;
        assert!(
            first.is_some() && columns.iter().all(|(_, c)| *c == first),
            "columns differ: {columns:?}\nthe screen:\n{}",
            parser.screen().contents()
        );
    }
}

/// The screen row (0-based) holding `text`, the first from the top.
fn row_of(screen: &vt100::Screen, text: &str) -> Option<u16> {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .position(|r| r.contains(text))
        .map(|r| r as u16)
}

/// The terminal column where the second field of `row` starts: the first drawn cell after the
/// first run of two or more blank cells (a wide character takes two cells).
fn value_column(screen: &vt100::Screen, row: u16) -> Option<u16> {
    let (_, cols) = screen.size();
    let blank = |c: u16| {
        screen
            .cell(row, c)
            .is_none_or(|cell| !cell.is_wide_continuation() && cell.contents().trim().is_empty())
    };
    let mut c = (0..cols).find(|c| !blank(*c))?;
    let mut run = 0;
    while c < cols {
        if blank(c) {
            run += 1;
        } else if run >= 2 {
            return Some(c);
        } else {
            run = 0;
        }
        c += 1;
    }
    None
}

/// For each label, the column its row's value starts in.
fn value_columns(screen: &vt100::Screen, labels: &[&str]) -> Vec<(String, Option<u16>)> {
    labels
        .iter()
        .map(|l| {
            let col = row_of(screen, l).and_then(|r| value_column(screen, r));
            (l.to_string(), col)
        })
        .collect()
}

impl Drop for Term {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

fn agent_turns(data: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let Ok(rd) = std::fs::read_dir(data.join("transcripts")) else {
        return out;
    };
    for e in rd.flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let v: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        for t in v["turns"].as_array().into_iter().flatten() {
            if t["speaker"] == "agent"
                && let Some(s) = t["text"].as_str()
            {
                out.push(s.to_string());
            }
        }
    }
    out
}

#[test]
fn english_call_in_a_terminal_with_slash_commands() {
    let mut t = Term::start(&[
        "practice",
        "--scenario",
        "en-willing-personal-loan",
        "--seed",
        "1",
        "--now",
        "2026-11-03T10:00",
    ]);
    t.wait_for("[1] you> ");
    // The briefing card: labels and values in two columns.
    t.assert_aligned(&["Calling", "Creditor", "Balance", "Date of birth"]);
    t.line("/help");
    t.wait_for("/facts the account card");
    t.line("Hello, this is Sam from Acme Recovery Services, may I speak with Maria Alvarez?");
    t.wait_for("[2] you> ");
    assert!(t.contents().contains("borrower  "), "{}", t.contents());
    // Prompts are counted: [1] twice (/help), [2] twice (/hint), [3] once; /undo shows [2] again.
    t.play(&[
        ("/hint", "hint:", 1),
        ("You will go to jail if you don't pay today", "[3] you> ", 1),
        ("/undo", "taken back:", 1),
        ("", "[2] you> ", 3),
        ("Could you confirm your date of birth?", "[3] you> ", 2),
        ("/score", "score so far:", 1),
        ("/facts", "Date of birth", 2),
    ]);
    t.line("/end");
    t.wait_for("Transcript saved:");
    t.wait_for("/retry replays this scenario");
    // The debrief's score bars start in one column.
    t.assert_aligned(&["Verification  ", "Accuracy  ", "Tone  ", "Compliance  "]);
    // Ctrl-D leaves.
    t.key(b"\x04");
    assert_eq!(t.exit_code(), 0, "{}", t.contents());
    let turns = agent_turns(&t._dir.path().join("data"));
    assert_eq!(turns.len(), 2, "the undone line is gone: {turns:?}");
    assert!(turns[1].contains("date of birth"), "{turns:?}");
}

#[test]
fn chinese_call_in_a_terminal_lines_up_wide_characters() {
    // No --scenario: the numbered menu, filtered to Chinese willing borrowers.
    let mut t = Term::start(&[
        "practice",
        "--lang",
        "zh",
        "--kind",
        "willing",
        "--seed",
        "1",
        "--now",
        "2026-10-20T10:00",
    ]);
    t.wait_for("选择练习场景");
    // Enter picks an easy scenario; the menu says which.
    t.wait_for("(Enter: ");
    assert!(t.contents().contains(" easy "), "{}", t.contents());
    // A number off the menu is refused in both languages, and the menu asks again.
    t.line("99");
    t.wait_for("请输入 1 到");
    let pick = t
        .contents()
        .lines()
        .find(|l| l.contains("zh-willing-card") || l.contains("水果店"))
        .and_then(|l| l.trim().split('.').next().map(str::to_string))
        .unwrap_or_else(|| "1".to_string());
    t.line(&pick);
    t.wait_for("[1] you> ");
    // The briefing card in Chinese: two-cell characters, one value column.
    t.assert_aligned(&[
        "联系对象",
        "债权方",
        "欠款金额",
        "出生日期",
        "近7天通话次数",
    ]);
    t.line("/help");
    t.wait_for("/facts 账户信息");
    t.line("您好，我是西安诚达信息咨询有限公司的小王，请问是王海燕本人吗？");
    t.wait_for("[2] you> ");
    // Mood indicator after the borrower's line.
    assert!(t.contents().contains("■"), "{}", t.contents());
    t.play(&[
        ("/hint", "提示：", 1),
        ("请您核对一下出生日期。", "[3] you> ", 1),
        ("/undo", "已撤回：", 1),
        ("", "[2] you> ", 3),
        ("请您核对一下出生日期。", "[3] you> ", 2),
        ("/score", "当前得分：", 1),
    ]);
    t.line("/end");
    t.wait_for("通话记录已保存");
    // The debrief's score bars and the timeline's text column line up under wide labels.
    t.assert_aligned(&["身份核实  ", "信息准确  ", "沟通态度  ", "合规  "]);
    t.line("/quit");
    assert_eq!(t.exit_code(), 0, "{}", t.contents());
    let turns = agent_turns(&t._dir.path().join("data"));
    assert_eq!(turns.len(), 2, "{turns:?}");
}

/// The alignment check itself: padding Chinese labels by characters instead of display width
/// puts the values in different terminal columns, and the check sees it.
#[test]
fn the_alignment_check_sees_wide_characters_padded_by_count() {
    let draw = |text: &str| {
        let mut p = vt100::Parser::new(4, 40, 0);
        p.process(text.replace('\n', "\r\n").as_bytes());
        value_columns(p.screen(), &["联系对象", "近7天通话次数"])
    };
    // Both labels padded to 13 characters: 8 + 9 and 13 + 6 cells.
    let by_count = draw("联系对象         1\n近7天通话次数      2\n");
    assert_ne!(by_count[0].1, by_count[1].1, "{by_count:?}");
    let by_width = draw("联系对象       1\n近7天通话次数  2\n");
    assert_eq!(by_width[0].1, by_width[1].1, "{by_width:?}");
    assert_eq!(by_width[0].1, Some(15), "{by_width:?}");
}
