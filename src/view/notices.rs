//! Messages to the user: the status line (polite) and errors (alerts), and the storage
//! warning. Each takes only the part of the state it shows, so it re-renders only when that
//! part changes. Dialogs are in `dialogs.rs`.

use yew::prelude::*;

use super::pure::Panel;
use super::state::messages::capitalise_first;
use super::state::{Action, Notice, Progress, StorageStatus};
use super::{send, Dispatcher};

#[derive(PartialEq)]
pub struct NoticeProps {
    pub notice: Option<Notice>,
}

impl Panel for NoticeProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let (info, error) = match &props.notice {
            Some(Notice::Info(m)) => (m.clone(), None),
            Some(Notice::Error(m)) => (String::new(), Some(m.clone())),
            None => (String::new(), None),
        };
        html! {
            <footer class="notices">
                // The live region is always present, so screen readers hear every change.
                <p class="status" role="status" aria-live="polite">{ info }</p>
                if let Some(m) = error {
                    <p class="error" role="alert">{ m }<button class="link" onclick={send(dispatch, || Action::Dismiss)}>{"Dismiss"}</button></p>
                }
            </footer>
        }
    }
}

#[derive(PartialEq)]
pub struct StorageProps {
    pub status: StorageStatus,
}

impl Panel for StorageProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        let props = self;
        match &props.status {
            StorageStatus::Ok => html! {},
            StorageStatus::Failed(why) => failed(why),
        }
    }
}

/// The warning once storage failed. Apart from the panel, which renders (nothing) at
/// every start, so the split keeps it out of the first part of the page's wasm.
#[inline(never)]
fn failed(why: &str) -> Html {
    html! {
        <div class="warning" role="alert">
            <strong>{"Your work is not being saved in this browser: "}</strong>{ why.to_string() }
            {". Everything stays in this tab, and Export JSON still works: export before you close it."}
        </div>
    }
}

#[derive(PartialEq)]
pub struct TransferProps {
    /// What the worker is doing for this tab ("reading the files").
    pub working: Option<String>,
    pub progress: Option<Progress>,
}

/// The progress of an import or export: a progress bar with what is done of what, shown
/// while the worker works (the page stays usable meanwhile).
impl Panel for TransferProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        let props = self;
        match &props.working {
            None => html! {},
            Some(what) => line(what, props.progress.as_ref()),
        }
    }
}

/// The line while the worker works. Apart from the panel, which renders (nothing) at every
/// start: a visit that imports or exports nothing never runs this, so the split keeps it out
/// of the first part of the page's wasm (scripts/split.sh).
#[inline(never)]
fn line(what: &str, progress: Option<&Progress>) -> Html {
    let (value, max, words) = match progress {
        Some(p) if p.total > 0 => (
            Some(p.done.to_string()),
            p.total.to_string(),
            format!(
                "{}: {} of {} {}",
                capitalise_first(what),
                p.done,
                p.total,
                p.what
            ),
        ),
        _ => (
            None,
            "1".to_string(),
            format!("{}…", capitalise_first(what)),
        ),
    };
    html! {
        <div class="transfer" role="status" aria-live="polite">
            <label for="transfer-progress">{ words }</label>
            <progress id="transfer-progress" {max} value={value} aria-label="Progress"></progress>
        </div>
    }
}
