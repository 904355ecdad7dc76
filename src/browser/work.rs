//! The worker's work: each request carried out with what the worker can reach (the files
//! sent, the corpus store), progress reported as it goes. The rules themselves are in
//! `format`, `corpus` and `review`; the messages in `tasks`.

use crate::tasks::{self, Answer, Request};

/// Carries out one request: the final answer, and bytes to send back (`(name, bytes)`).
pub async fn handle(
    req: Request,
    _files: Vec<web_sys::File>,
    _progress: &dyn Fn(usize, usize, &str),
) -> (Answer, Vec<(String, Vec<u8>)>) {
    match req {
        Request::Ping => (tasks::answer(&Request::Ping), Vec::new()),
    }
}
