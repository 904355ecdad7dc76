//! Messages to the user: the status line (polite) and errors (alerts), the storage warning,
//! and the import dialog that lists a file's problems or asks before replacing work.

use yew::prelude::*;

use super::state::{plural, Action, Notice, PendingImport, StorageStatus};
use super::AppHandle;

#[component]
pub fn NoticeLine() -> Html {
    let Some(state) = use_context::<AppHandle>() else { return html! {} };
    let dismiss = {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(Action::Dismiss))
    };
    let (info, error) = match &state.notice {
        Some(Notice::Info(m)) => (m.clone(), None),
        Some(Notice::Error(m)) => (String::new(), Some(m.clone())),
        None => (String::new(), None),
    };
    html! {
        <footer class="notices">
            // The live region is always present, so screen readers hear every change.
            <p class="status" role="status" aria-live="polite">{ info }</p>
            if let Some(m) = error {
                <p class="error" role="alert">{ m }<button class="link" onclick={dismiss}>{"Dismiss"}</button></p>
            }
        </footer>
    }
}

#[component]
pub fn StorageWarning() -> Html {
    let Some(state) = use_context::<AppHandle>() else { return html! {} };
    match &state.storage {
        StorageStatus::Ok => html! {},
        StorageStatus::Failed(why) => html! {
            <div class="warning" role="alert">
                <strong>{"Your work is not being saved in this browser: "}</strong>{ why }
                {". Everything stays in this tab, and Export JSON still works: export before you close it."}
            </div>
        },
    }
}

#[component]
pub fn ImportDialog() -> Html {
    let Some(state) = use_context::<AppHandle>() else { return html! {} };
    let send = |a: Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(a.clone()))
    };
    match &state.import {
        None => html! {},
        Some(PendingImport::Failed { file, why }) => html! {
            <section class="dialog" role="alert" aria-label="Import failed">
                <p>{ format!("{file} could not be imported: {why}. Nothing was changed.") }</p>
                <button onclick={send(Action::ImportCancel)}>{"OK"}</button>
            </section>
        },
        Some(PendingImport::Confirm { file, imported, replaces }) => {
            let kept = imported.doc.spans().len();
            let problems = &imported.problems;
            let heading = if problems.is_empty() {
                format!("Importing {file} will replace the current article and its {replaces} annotation{}.", plural(*replaces))
            } else {
                format!(
                    "{file} has {} problem{}. {kept} of its {} annotation{} can be imported; nothing changes until you choose.",
                    problems.len(),
                    plural(problems.len()),
                    imported.total,
                    plural(imported.total)
                )
            };
            let accept = if problems.is_empty() {
                "Replace".to_string()
            } else {
                format!("Import the {kept} valid annotation{}", plural(kept))
            };
            html! {
                <section class="dialog" role="alert" aria-label="Import">
                    <p>{ heading }</p>
                    if !problems.is_empty() {
                        <ul class="problems">{ for problems.iter().map(|p| html! { <li>{ p.to_string() }</li> }) }</ul>
                        if *replaces > 0 {
                            <p>{ format!("It will replace the current article and its {replaces} annotation{}; Undo brings them back.", plural(*replaces)) }</p>
                        }
                    }
                    <button onclick={send(Action::ImportAccept)}>{ accept }</button>
                    <button onclick={send(Action::ImportCancel)}>{"Cancel"}</button>
                </section>
            }
        }
    }
}
