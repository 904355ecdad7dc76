//! Tabs telling each other what they wrote (`BroadcastChannel`): after every write to the
//! corpus store a tab posts one line naming the document and its new revision, and every other
//! tab of the site hears it at once and refreshes its list or its open document. The message
//! is plain text (`doc <revision> <id>` or `list`), so nothing is parsed as HTML or code.

use gloo_events::EventListener;
use wasm_bindgen::JsCast;

/// The channel's name, shared by every tab of the app.
pub const NAME: &str = "article-annotator";

/// What a tab says after writing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    /// A document now has this revision (changed, created, binned or restored).
    Doc { id: String, revision: u64 },
    /// Many documents changed at once (an import, emptying the bin, the schema): reread the
    /// list.
    List,
}

impl News {
    pub fn encode(&self) -> String {
        match self {
            News::Doc { id, revision } => format!("doc {revision} {id}"),
            News::List => "list".to_string(),
        }
    }

    pub fn decode(s: &str) -> Option<News> {
        if s == "list" {
            return Some(News::List);
        }
        let rest = s.strip_prefix("doc ")?;
        let (revision, id) = rest.split_once(' ')?;
        Some(News::Doc {
            id: id.to_string(),
            revision: revision.parse().ok()?,
        })
    }
}

/// This tab's end of the channel; dropping it stops listening.
pub struct Channel {
    channel: web_sys::BroadcastChannel,
    _listener: EventListener,
}

impl Channel {
    /// Opens the channel and calls `heard` with every message from another tab. `None` where
    /// the browser has no BroadcastChannel (then tabs learn of changes only when they write).
    pub fn open(heard: impl Fn(News) + 'static) -> Option<Channel> {
        let channel = web_sys::BroadcastChannel::new(NAME).ok()?;
        let listener = EventListener::new(&channel, "message", move |e| {
            let text = e
                .dyn_ref::<web_sys::MessageEvent>()
                .and_then(|m| m.data().as_string());
            if let Some(news) = text.as_deref().and_then(News::decode) {
                heard(news);
            }
        });
        Some(Channel {
            channel,
            _listener: listener,
        })
    }

    /// Tells every other tab.
    pub fn tell(&self, news: &News) {
        let _ = self.channel.post_message(&news.encode().into());
    }
}

impl Drop for Channel {
    fn drop(&mut self) {
        self.channel.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn news_round_trips_and_garbage_is_ignored() {
        for n in [
            News::List,
            News::Doc {
                id: "doc-1".into(),
                revision: 7,
            },
            News::Doc {
                id: "Żółć 😀 with spaces".into(),
                revision: u64::MAX,
            },
        ] {
            assert_eq!(News::decode(&n.encode()), Some(n));
        }
        for bad in ["", "doc", "doc x id", "doc 1", "<b>list</b>", "lists"] {
            assert_eq!(News::decode(bad), None, "{bad:?}");
        }
    }
}
