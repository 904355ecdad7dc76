//! Messages to the user: the status line (polite) and errors (alerts), the storage warning,
//! and the import dialog that lists a file's problems or asks before replacing work. Each
//! takes only the part of the state it shows, so it re-renders only when that part changes.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{plural, Action, Notice, PendingImport, StorageStatus};
use super::Dispatcher;

/// A callback that dispatches a fixed action.
fn send(dispatch: &Option<Dispatcher>, a: Action) -> Callback<MouseEvent> {
    let dispatch = dispatch.clone();
    Callback::from(move |_: MouseEvent| {
        if let Some(d) = &dispatch {
            d.dispatch(a.clone())
        }
    })
}

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub notice: Option<Notice>,
}

#[component]
pub fn NoticeLine(props: &NoticeProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
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
                <p class="error" role="alert">{ m }<button class="link" onclick={send(&dispatch, Action::Dismiss)}>{"Dismiss"}</button></p>
            }
        </footer>
    }
}

#[derive(Properties, PartialEq)]
pub struct StorageProps {
    pub status: StorageStatus,
}

#[component]
pub fn StorageWarning(props: &StorageProps) -> Html {
    match &props.status {
        StorageStatus::Ok => html! {},
        StorageStatus::Failed(why) => html! {
            <div class="warning" role="alert">
                <strong>{"Your work is not being saved in this browser: "}</strong>{ why }
                {". Everything stays in this tab, and Export JSON still works: export before you close it."}
            </div>
        },
    }
}

#[derive(Properties)]
pub struct ImportProps {
    pub pending: Option<Rc<PendingImport>>,
}

impl PartialEq for ImportProps {
    fn eq(&self, other: &Self) -> bool {
        match (&self.pending, &other.pending) {
            (None, None) => true,
            (Some(a), Some(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

#[component]
pub fn ImportDialog(props: &ImportProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    match props.pending.as_deref() {
        None => html! {},
        Some(PendingImport::Failed { file, why }) => html! {
            <section class="dialog" role="alert" aria-label="Import failed">
                <p>{ format!("{file} could not be imported: {why}. Nothing was changed.") }</p>
                <button onclick={send(&dispatch, Action::ImportCancel)}>{"OK"}</button>
            </section>
        },
        Some(PendingImport::Confirm {
            file,
            imported,
            replaces,
        }) => {
            let kept = imported.doc.spans().len();
            let problems = &imported.problems;
            let heading = if problems.is_empty() {
                format!("{file}: {kept} annotation{} ready to import.", plural(kept))
            } else {
                format!(
                    "{file} has {} problem{}. {kept} of its {} annotation{} can be imported; nothing changes until you choose.",
                    problems.len(),
                    plural(problems.len()),
                    imported.total,
                    plural(imported.total)
                )
            };
            let accept = if *replaces > 0 && problems.is_empty() {
                "Replace".to_string()
            } else {
                format!("Import the {kept} valid annotation{}", plural(kept))
            };
            html! {
                <section class="dialog" role="alert" aria-label="Import">
                    <p>{ heading }</p>
                    if !problems.is_empty() {
                        <ul class="problems">{ for problems.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                    }
                    if let Some(repair) = &imported.repair {
                        <p class="repair">{ format!("{repair}.") }</p>
                    }
                    if !imported.notes.is_empty() {
                        <p>{"Not kept from the file (Article Annotator has no place for it):"}</p>
                        <ul class="problems">{ for imported.notes.iter().map(|n| html! { <li>{ n.clone() }</li> }) }</ul>
                    }
                    if *replaces > 0 {
                        <p>{ format!("Importing will replace the current article and its {replaces} annotation{}; Undo brings them back.", plural(*replaces)) }</p>
                    }
                    if let Some(repair) = &imported.repair {
                        <button onclick={send(&dispatch, Action::ImportRepair)}>{ format!("Convert the offsets (read as {})", repair.unit_found) }</button>
                    }
                    <button onclick={send(&dispatch, Action::ImportAccept)}>{ accept }</button>
                    <button onclick={send(&dispatch, Action::ImportCancel)}>{"Cancel"}</button>
                </section>
            }
        }
    }
}
