//! Work done in the worker, away from the page's thread: reading a batch of files for the
//! corpus, writing a dataset export, computing agreement. This module holds the messages
//! between the page and the worker (serde, sent as JSON) and nothing that touches the
//! browser; `browser::worker` carries them. The page's wasm never links the importers, the
//! exporters or the agreement measures: only the worker's does, loaded the first time one of
//! these is asked for.

use serde::{Deserialize, Serialize};

/// What the page asks of the worker. Files travel beside the JSON (as `File` objects).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "ask", rename_all = "snake_case")]
pub enum Request {
    /// Are you there (and which version)?
    Ping,
}

/// What the worker answers: progress while working, then one final answer.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "answer", rename_all = "snake_case")]
pub enum Answer {
    /// How far the work is: `done` of `total` (`what` names the unit: "files", "documents").
    Progress {
        done: usize,
        total: usize,
        what: String,
    },
    Pong {
        version: String,
    },
    /// The work failed; the message says why in plain words.
    Failed {
        why: String,
    },
}

impl Answer {
    /// True for the last answer to a request.
    pub fn is_final(&self) -> bool {
        !matches!(self, Answer::Progress { .. })
    }
}

/// Encodes a message for the other side.
pub fn to_json<T: Serialize>(m: &T) -> String {
    serde_json::to_string(m).unwrap_or_default()
}

/// Decodes a message; `None` for anything that is not one.
pub fn from_json<T: for<'de> Deserialize<'de>>(s: &str) -> Option<T> {
    serde_json::from_str(s).ok()
}

/// The answer to a request the worker can give without the browser.
pub fn answer(req: &Request) -> Answer {
    match req {
        Request::Ping => Answer::Pong {
            version: env!("CARGO_PKG_VERSION").to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_round_trip_and_garbage_is_none() {
        assert_eq!(from_json::<Request>(&to_json(&Request::Ping)), Some(Request::Ping));
        let a = Answer::Progress {
            done: 3,
            total: 10,
            what: "fichiers 😀".into(),
        };
        assert_eq!(from_json::<Answer>(&to_json(&a)), Some(a.clone()));
        assert!(!a.is_final());
        assert!(Answer::Failed { why: "x".into() }.is_final());
        assert_eq!(to_json(&Request::Ping), r#"{"ask":"ping"}"#);
        assert_eq!(from_json::<Request>(r#"{"ask":"rm -rf"}"#), None);
        assert!(matches!(answer(&Request::Ping), Answer::Pong { .. }));
    }
}
