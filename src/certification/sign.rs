//! HMAC-SHA256 signatures over a canonical form of the records, with the trainer's key.
//!
//! The canonical form is the records' JSON (fields in declaration order, floats as serde_json
//! prints them, transcripts and grades as the exact stored text) prefixed by a domain label, so
//! a call's signature can never pass for an attempt's.

use crate::report::messages::Message;
use std::path::Path;

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::records::{Bundle, CallRecord, OverrideRecord};
use crate::error::Error;

pub const KEY_ENV: &str = "COLLECTSIM_SIGNING_KEY";
/// Short keys are guessable; 16 bytes is the floor for a secret nobody can brute-force.
const MIN_KEY_BYTES: usize = 16;

pub struct Key(Vec<u8>);

type HmacSha256 = Hmac<Sha256>;

impl Key {
    /// `--key-file PATH` (its contents, without a trailing newline), else `COLLECTSIM_SIGNING_KEY`.
    pub fn load(file: Option<&Path>) -> Result<Key, Error> {
        let (bytes, from) = match file {
            Some(path) => {
                let text = std::fs::read(path).map_err(|source| Error::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
                (text, path.display().to_string())
            }
            // An empty variable is no key, not a zero-length one.
            None => match std::env::var_os(KEY_ENV).filter(|v| !v.is_empty()) {
                Some(v) => (v.into_encoded_bytes(), KEY_ENV.to_string()),
                None => return Err(Error::NoSigningKey),
            },
        };
        let trimmed = bytes.trim_ascii_end().to_vec();
        if trimmed.len() < MIN_KEY_BYTES {
            return Err(Error::usage(
                "usage_short_key",
                &[
                    ("from", from),
                    ("bytes", trimmed.len().to_string()),
                    ("min", MIN_KEY_BYTES.to_string()),
                ],
            ));
        }
        Ok(Key(trimmed))
    }

    pub fn from_bytes(bytes: &[u8]) -> Key {
        Key(bytes.to_vec())
    }

    fn mac(&self, domain: &str, body: &[u8]) -> HmacSha256 {
        // HMAC accepts keys of any length; `new_from_slice` cannot fail for it.
        let mut mac = match HmacSha256::new_from_slice(&self.0) {
            Ok(m) => m,
            Err(_) => unreachable!("HMAC takes keys of any length"),
        };
        mac.update(domain.as_bytes());
        mac.update(b"\n");
        mac.update(body);
        mac
    }

    fn sign(&self, domain: &str, body: &[u8]) -> String {
        hex(&self.mac(domain, body).finalize().into_bytes())
    }

    /// Constant-time comparison with a stored hex signature.
    fn check(&self, domain: &str, body: &[u8], signature: &str) -> bool {
        match unhex(signature) {
            Some(bytes) => self.mac(domain, body).verify_slice(&bytes).is_ok(),
            None => false,
        }
    }

    pub fn sign_attempt(&self, b: &Bundle) -> String {
        self.sign("collectsim-attempt-v1", &canonical(b))
    }

    pub fn sign_call(&self, c: &CallRecord) -> String {
        self.sign("collectsim-call-v1", &canonical(c))
    }

    pub fn sign_override(&self, o: &OverrideRecord) -> String {
        self.sign("collectsim-override-v1", &canonical(o))
    }

    /// What no longer matches its signature in one attempt, as messages; empty when all is
    /// intact.
    pub fn verify(&self, b: &Bundle) -> Vec<Message> {
        let mut altered = Vec::new();
        for c in &b.calls {
            if !self.check("collectsim-call-v1", &canonical(c), &c.signature) {
                altered.push(
                    Message::new("altered_call")
                        .with("seq", c.seq)
                        .with("scenario", &c.scenario),
                );
            }
        }
        for o in &b.overrides {
            if !self.check("collectsim-override-v1", &canonical(o), &o.signature) {
                altered.push(
                    Message::new("altered_override")
                        .with("id", o.id)
                        .with("call", o.call)
                        .with("finding", o.finding),
                );
            }
        }
        if !self.check("collectsim-attempt-v1", &canonical(b), &b.attempt.signature)
            && altered.is_empty()
        {
            altered.push(Message::new("altered_attempt"));
        }
        altered
    }
}

fn canonical(value: &impl serde::Serialize) -> Vec<u8> {
    // Serialising plain structs of strings, numbers and bools cannot fail; an empty body would
    // still be signed consistently.
    serde_json::to_vec(value).unwrap_or_default()
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::certification::records::{AttemptRecord, Bundle, CallRecord};

    fn bundle() -> Bundle {
        let attempt = AttemptRecord {
            id: 7,
            trainee: "Ana".into(),
            exam: "en-us-certification".into(),
            exam_title: "US".into(),
            lang: "en".into(),
            rubric: "us-fdcpa".into(),
            exam_hash: "ab".repeat(32),
            seed: 1,
            planned_calls: 1,
            started: "2026-11-01T09:00:00".into(),
            finished: Some("2026-11-01T09:30:00".into()),
            status: "completed".into(),
            passed: true,
            overall: Some(91.5),
            scores: None,
            fail_reasons: Vec::new(),
            signature: String::new(),
        };
        let call = CallRecord {
            attempt: 7,
            seq: 1,
            scenario: "en-willing-personal-loan".into(),
            status: "completed".into(),
            finished: "2026-11-01T09:30:00".into(),
            overall: 91.5,
            passed: true,
            critical: 0,
            transcript: r#"{"lang":"en","turns":[]}"#.into(),
            grade: r#"{"overall":91.5}"#.into(),
            signature: String::new(),
        };
        Bundle {
            attempt,
            calls: vec![call],
            overrides: Vec::new(),
        }
    }

    fn signed(key: &Key) -> Bundle {
        let mut b = bundle();
        b.calls[0].signature = key.sign_call(&b.calls[0]);
        b.attempt.signature = key.sign_attempt(&b);
        b
    }

    #[test]
    fn any_change_breaks_the_signature_and_names_the_record() {
        let key = Key::from_bytes(b"0123456789abcdef");
        assert!(key.verify(&signed(&key)).is_empty());
        let mut b = signed(&key);
        b.calls[0].grade = r#"{"overall":99.5}"#.into();
        assert_eq!(
            key.verify(&b),
            [Message::new("altered_call")
                .with("seq", 1)
                .with("scenario", "en-willing-personal-loan")]
        );
        let mut b = signed(&key);
        b.attempt.overall = Some(91.6);
        assert_eq!(key.verify(&b).len(), 1);
        let mut b = signed(&key);
        b.attempt.trainee = "Ann".into();
        assert_eq!(key.verify(&b).len(), 1);
        let mut b = signed(&key);
        b.calls.clear();
        assert_eq!(key.verify(&b).len(), 1, "a removed call is caught");
        let other = Key::from_bytes(b"another-key-0123");
        assert_eq!(other.verify(&signed(&key)).len(), 1);
    }

    #[test]
    fn signatures_are_deterministic_and_domain_separated() {
        let key = Key::from_bytes(b"0123456789abcdef");
        let b = bundle();
        assert_eq!(key.sign_attempt(&b), key.sign_attempt(&b));
        assert_eq!(key.sign_attempt(&b).len(), 64);
        assert!(!key.check(
            "collectsim-attempt-v1",
            b"x",
            &key.sign("collectsim-call-v1", b"x")
        ));
        assert!(!key.check("collectsim-attempt-v1", b"x", "not hex"));
    }
}
