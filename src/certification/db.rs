//! The certification database (SQLite, bundled): trainees, attempts, calls, overrides.
//!
//! Schema changes are numbered migrations recorded in `PRAGMA user_version`. Every write that
//! changes an attempt runs in one transaction that also re-signs it, so a crash leaves either
//! the old signed state or the new one.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OptionalExtension, Row, params};

use super::records::{AttemptRecord, Bundle, CallRecord, OverrideRecord};
use super::sign::Key;
use crate::error::Error;
use crate::scoring::Scores;

/// Migration N brings the schema from version N to N+1; never edit one that has shipped.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE trainees (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE
    );
    CREATE TABLE attempts (
        id INTEGER PRIMARY KEY,
        trainee_id INTEGER NOT NULL REFERENCES trainees(id),
        exam TEXT NOT NULL,
        exam_title TEXT NOT NULL,
        lang TEXT NOT NULL,
        rubric TEXT NOT NULL,
        exam_hash TEXT NOT NULL,
        seed INTEGER NOT NULL,
        planned_calls INTEGER NOT NULL,
        started TEXT NOT NULL,
        finished TEXT,
        status TEXT NOT NULL,
        passed INTEGER NOT NULL DEFAULT 0,
        overall REAL,
        verification REAL,
        accuracy REAL,
        tone REAL,
        compliance REAL,
        fail_reasons TEXT NOT NULL DEFAULT '[]',
        signature TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE calls (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id),
        seq INTEGER NOT NULL,
        scenario TEXT NOT NULL,
        status TEXT NOT NULL,
        finished TEXT NOT NULL,
        overall REAL NOT NULL,
        passed INTEGER NOT NULL,
        critical INTEGER NOT NULL,
        transcript TEXT NOT NULL,
        grade TEXT NOT NULL,
        signature TEXT NOT NULL,
        PRIMARY KEY (attempt_id, seq)
    );",
    "CREATE TABLE overrides (
        id INTEGER PRIMARY KEY,
        attempt_id INTEGER NOT NULL REFERENCES attempts(id),
        call INTEGER NOT NULL,
        finding INTEGER NOT NULL,
        rule TEXT NOT NULL,
        turn INTEGER NOT NULL,
        verdict TEXT NOT NULL,
        reason TEXT NOT NULL,
        reviewer TEXT NOT NULL,
        created TEXT NOT NULL,
        signature TEXT NOT NULL
    );
    CREATE INDEX attempts_by_trainee ON attempts(trainee_id, exam);",
];

pub struct Db {
    conn: Connection,
    path: PathBuf,
}

/// Which attempts to read.
#[derive(Debug, Default, Clone)]
pub struct Filter {
    pub trainee: Option<String>,
    pub exam: Option<String>,
    pub attempt: Option<i64>,
}

const ATTEMPT_COLUMNS: &str = "a.id, t.name, a.exam, a.exam_title, a.lang, a.rubric, a.exam_hash, \
     a.seed, a.planned_calls, a.started, a.finished, a.status, a.passed, a.overall, \
     a.verification, a.accuracy, a.tone, a.compliance, a.fail_reasons, a.signature";

fn attempt_row(row: &Row) -> rusqlite::Result<AttemptRecord> {
    let dims: [Option<f64>; 4] = [row.get(14)?, row.get(15)?, row.get(16)?, row.get(17)?];
    let reasons: String = row.get(18)?;
    Ok(AttemptRecord {
        id: row.get(0)?,
        trainee: row.get(1)?,
        exam: row.get(2)?,
        exam_title: row.get(3)?,
        lang: row.get(4)?,
        rubric: row.get(5)?,
        exam_hash: row.get(6)?,
        seed: row.get(7)?,
        planned_calls: row.get(8)?,
        started: row.get(9)?,
        finished: row.get(10)?,
        status: row.get(11)?,
        passed: row.get(12)?,
        overall: row.get(13)?,
        scores: match dims {
            [
                Some(verification),
                Some(accuracy),
                Some(tone),
                Some(compliance),
            ] => Some(Scores {
                verification,
                accuracy,
                tone,
                compliance,
            }),
            _ => None,
        },
        // Unreadable reasons stay visible (and break the signature) rather than vanish.
        fail_reasons: serde_json::from_str(&reasons).unwrap_or_else(|_| vec![reasons]),
        signature: row.get(19)?,
    })
}

fn call_row(row: &Row) -> rusqlite::Result<CallRecord> {
    Ok(CallRecord {
        attempt: row.get(0)?,
        seq: row.get(1)?,
        scenario: row.get(2)?,
        status: row.get(3)?,
        finished: row.get(4)?,
        overall: row.get(5)?,
        passed: row.get(6)?,
        critical: row.get(7)?,
        transcript: row.get(8)?,
        grade: row.get(9)?,
        signature: row.get(10)?,
    })
}

fn override_row(row: &Row) -> rusqlite::Result<OverrideRecord> {
    Ok(OverrideRecord {
        id: row.get(0)?,
        attempt: row.get(1)?,
        call: row.get(2)?,
        finding: row.get(3)?,
        rule: row.get(4)?,
        turn: row.get(5)?,
        verdict: row.get(6)?,
        reason: row.get(7)?,
        reviewer: row.get(8)?,
        created: row.get(9)?,
        signature: row.get(10)?,
    })
}

/// Everything stored about one attempt, read inside whatever transaction `conn` is in.
fn load_bundle(conn: &Connection, id: i64) -> rusqlite::Result<Option<Bundle>> {
    let attempt = conn
        .query_row(
            &format!(
                "SELECT {ATTEMPT_COLUMNS} FROM attempts a JOIN trainees t ON t.id = a.trainee_id \
                 WHERE a.id = ?1"
            ),
            params![id],
            attempt_row,
        )
        .optional()?;
    let Some(attempt) = attempt else {
        return Ok(None);
    };
    let calls = conn
        .prepare(
            "SELECT attempt_id, seq, scenario, status, finished, overall, passed, critical, \
             transcript, grade, signature FROM calls WHERE attempt_id = ?1 ORDER BY seq",
        )?
        .query_map(params![id], call_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let overrides = conn
        .prepare(
            "SELECT id, attempt_id, call, finding, rule, turn, verdict, reason, reviewer, \
             created, signature FROM overrides WHERE attempt_id = ?1 ORDER BY id",
        )?
        .query_map(params![id], override_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(Bundle {
        attempt,
        calls,
        overrides,
    }))
}

/// Re-signs an attempt from what is stored now (inside the caller's transaction).
fn resign(conn: &Connection, id: i64, key: &Key) -> rusqlite::Result<()> {
    if let Some(bundle) = load_bundle(conn, id)? {
        conn.execute(
            "UPDATE attempts SET signature = ?1 WHERE id = ?2",
            params![key.sign_attempt(&bundle), id],
        )?;
    }
    Ok(())
}

impl Db {
    /// Opens (creating it and its folder if needed) and migrates the database at `path`.
    pub fn open(path: &Path) -> Result<Db, Error> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| Error::Write {
                path: parent.to_path_buf(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| db_error(path, e))?;
        let mut db = Db {
            conn,
            path: path.to_path_buf(),
        };
        db.migrate()?;
        Ok(db)
    }

    /// Opens an existing database only: reading results must not create an empty one.
    pub fn open_existing(path: &Path) -> Result<Db, Error> {
        if !path.exists() {
            return Err(Error::usage(
                "usage_no_records",
                &[("path", path.display().to_string())],
            ));
        }
        Db::open(path)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.path, e)
    }

    fn migrate(&mut self) -> Result<(), Error> {
        let path = self.path.clone();
        let e = |e| db_error(&path, e);
        self.conn
            .busy_timeout(std::time::Duration::from_secs(5))
            .map_err(e)?;
        self.conn
            .pragma_update(None, "foreign_keys", true)
            .map_err(e)?;
        // Write-ahead logging: one sync per commit instead of several, same crash safety
        // (FULL keeps every committed call on disk even across a power cut).
        self.conn
            .pragma_update_and_check(None, "journal_mode", "wal", |_| Ok(()))
            .map_err(e)?;
        self.conn
            .pragma_update(None, "synchronous", "full")
            .map_err(e)?;
        let version: usize = self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(e)?;
        if version > MIGRATIONS.len() {
            return Err(Error::usage(
                "usage_newer_db",
                &[
                    ("path", self.path.display().to_string()),
                    ("version", version.to_string()),
                    ("known", MIGRATIONS.len().to_string()),
                ],
            ));
        }
        for (n, sql) in MIGRATIONS.iter().enumerate().skip(version) {
            let tx = self.conn.transaction().map_err(e)?;
            tx.execute_batch(sql).map_err(e)?;
            tx.pragma_update(None, "user_version", n + 1).map_err(e)?;
            tx.commit().map_err(e)?;
        }
        Ok(())
    }

    pub fn schema_version(&self) -> Result<usize, Error> {
        self.conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Records a new attempt (status `in_progress`) and signs it; returns its id.
    pub fn start_attempt(&mut self, a: &AttemptRecord, key: &Key) -> Result<i64, Error> {
        let path = self.path.clone();
        let e = |e| db_error(&path, e);
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute(
            "INSERT OR IGNORE INTO trainees (name) VALUES (?1)",
            params![a.trainee],
        )
        .map_err(e)?;
        let trainee: i64 = tx
            .query_row(
                "SELECT id FROM trainees WHERE name = ?1",
                params![a.trainee],
                |r| r.get(0),
            )
            .map_err(e)?;
        tx.execute(
            "INSERT INTO attempts (trainee_id, exam, exam_title, lang, rubric, exam_hash, seed, \
             planned_calls, started, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                trainee,
                a.exam,
                a.exam_title,
                a.lang,
                a.rubric,
                a.exam_hash,
                a.seed,
                a.planned_calls,
                a.started,
                a.status
            ],
        )
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        resign(&tx, id, key).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(id)
    }

    /// Records one finished (or abandoned) call and re-signs its attempt, in one transaction.
    pub fn add_call(&mut self, c: &CallRecord, key: &Key) -> Result<(), Error> {
        let path = self.path.clone();
        let e = |e| db_error(&path, e);
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute(
            "INSERT INTO calls (attempt_id, seq, scenario, status, finished, overall, passed, \
             critical, transcript, grade, signature) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            params![
                c.attempt,
                c.seq,
                c.scenario,
                c.status,
                c.finished,
                c.overall,
                c.passed,
                c.critical,
                c.transcript,
                c.grade,
                key.sign_call(c)
            ],
        )
        .map_err(e)?;
        resign(&tx, c.attempt, key).map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Closes an attempt with its status, time and verdict, and re-signs it.
    pub fn finish_attempt(&mut self, a: &AttemptRecord, key: &Key) -> Result<(), Error> {
        let path = self.path.clone();
        let e = |e| db_error(&path, e);
        let tx = self.conn.transaction().map_err(e)?;
        let s = a.scores;
        tx.execute(
            "UPDATE attempts SET finished = ?1, status = ?2, passed = ?3, overall = ?4, \
             verification = ?5, accuracy = ?6, tone = ?7, compliance = ?8, fail_reasons = ?9 \
             WHERE id = ?10",
            params![
                a.finished,
                a.status,
                a.passed,
                a.overall,
                s.map(|s| s.verification),
                s.map(|s| s.accuracy),
                s.map(|s| s.tone),
                s.map(|s| s.compliance),
                serde_json::to_string(&a.fail_reasons).unwrap_or_else(|_| "[]".to_string()),
                a.id
            ],
        )
        .map_err(e)?;
        resign(&tx, a.id, key).map_err(e)?;
        tx.commit().map_err(e)
    }

    /// Stores a trainer's override beside the automatic verdict; returns its id.
    pub fn add_override(&mut self, o: &OverrideRecord, key: &Key) -> Result<i64, Error> {
        let path = self.path.clone();
        let e = |e| db_error(&path, e);
        let tx = self.conn.transaction().map_err(e)?;
        tx.execute(
            "INSERT INTO overrides (attempt_id, call, finding, rule, turn, verdict, reason, \
             reviewer, created, signature) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, '')",
            params![
                o.attempt, o.call, o.finding, o.rule, o.turn, o.verdict, o.reason, o.reviewer,
                o.created
            ],
        )
        .map_err(e)?;
        let id = tx.last_insert_rowid();
        let signed = OverrideRecord { id, ..o.clone() };
        tx.execute(
            "UPDATE overrides SET signature = ?1 WHERE id = ?2",
            params![key.sign_override(&signed), id],
        )
        .map_err(e)?;
        resign(&tx, o.attempt, key).map_err(e)?;
        tx.commit().map_err(e)?;
        Ok(id)
    }

    /// Attempts matching the filter, oldest first.
    pub fn attempts(&self, filter: &Filter) -> Result<Vec<AttemptRecord>, Error> {
        let sql = format!(
            "SELECT {ATTEMPT_COLUMNS} FROM attempts a JOIN trainees t ON t.id = a.trainee_id \
             WHERE (?1 IS NULL OR t.name = ?1) AND (?2 IS NULL OR a.exam = ?2) \
             AND (?3 IS NULL OR a.id = ?3) ORDER BY a.started, a.id"
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(
                params![filter.trainee, filter.exam, filter.attempt],
                attempt_row,
            )
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))
    }

    pub fn bundle(&self, id: i64) -> Result<Bundle, Error> {
        load_bundle(&self.conn, id)
            .map_err(|e| self.err(e))?
            .ok_or_else(|| {
                Error::usage(
                    "usage_no_attempt",
                    &[
                        ("id", id.to_string()),
                        ("path", self.path.display().to_string()),
                    ],
                )
            })
    }

    /// Every attempt matching the filter with its calls and overrides.
    pub fn bundles(&self, filter: &Filter) -> Result<Vec<Bundle>, Error> {
        self.attempts(filter)?
            .iter()
            .map(|a| self.bundle(a.id))
            .collect()
    }
}

fn db_error(path: &Path, e: rusqlite::Error) -> Error {
    Error::Database {
        path: path.to_path_buf(),
        message: e.to_string(),
    }
}

/// The default database: `certification.sqlite3` in the data folder.
pub fn default_path(data_dir: Option<PathBuf>) -> PathBuf {
    crate::repl::store::data_dir(data_dir).join("certification.sqlite3")
}
