//! HMAC-SHA256 signatures over a canonical form of the records, with the trainer's key.
//!
//! The canonical form is the records' JSON (fields in declaration order, floats as serde_json
//! prints them, transcripts and grades as the exact stored text) prefixed by a domain label, so
//! a call's signature can never pass for an attempt's.

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
            return Err(Error::Usage(format!(
                "the signing key from {from} is {} byte(s); use at least {MIN_KEY_BYTES} (e.g. `openssl rand -hex 32`)",
                trimmed.len()
            )));
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

    /// What no longer matches its signature in one attempt, in words; empty when all is intact.
    pub fn verify(&self, b: &Bundle) -> Vec<String> {
        let mut altered = Vec::new();
        for c in &b.calls {
            if !self.check("collectsim-call-v1", &canonical(c), &c.signature) {
                altered.push(format!("call {} ({})", c.seq, c.scenario));
            }
        }
        for o in &b.overrides {
            if !self.check("collectsim-override-v1", &canonical(o), &o.signature) {
                altered.push(format!(
                    "override {} (call {} finding {})",
                    o.id, o.call, o.finding
                ));
            }
        }
        if !self.check("collectsim-attempt-v1", &canonical(b), &b.attempt.signature)
            && altered.is_empty()
        {
            altered.push(
                "the attempt's own fields (trainee, times, scores, verdict) or its list of calls and overrides"
                    .to_string(),
            );
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
