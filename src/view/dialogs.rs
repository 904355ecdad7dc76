//! The dialog over the page (`state::Dialog`): an import's report (what is wrong with the
//! file, an offset repair, what the app does not keep), and another tab's newer version of
//! the open document, with an offer to export this tab's version first. Shows the dialog it
//! is given; decides nothing.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{plural, Action, Dialog, PendingImport};
use super::{send, Dispatcher};

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub dialog: Option<Rc<Dialog>>,
    /// Downloads the open document as Article Annotator JSON.
    pub on_export: Callback<()>,
    /// The open document's id.
    pub open: Option<String>,
}

#[component]
pub fn DialogView(props: &DialogProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let export = {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(()))
    };
    match props.dialog.as_deref() {
        None => html! {},
        Some(Dialog::Import(pending)) => import(&dispatch, pending),
        Some(Dialog::DeleteForGood(ids)) => html! {
            <section class="dialog" role="alertdialog" aria-label="Delete for good?">
                <p>{ format!(
                    "Delete {} document{} for good? Their texts, annotations and undo history are removed from this browser; export them first to keep a copy.",
                    ids.len(), plural(ids.len())
                ) }</p>
                <button onclick={send(&dispatch, Action::Confirm)}>{"Delete for good"}</button>
                <button onclick={send(&dispatch, Action::Cancel)}>{"Cancel"}</button>
            </section>
        },
        Some(Dialog::Conflict) => {
            let reopen = match &props.open {
                Some(id) => send(&dispatch, Action::OpenDocument(id.clone())),
                None => send(&dispatch, Action::Cancel),
            };
            html! {
                <section class="dialog" role="alertdialog" aria-label="Changed in another tab">
                    <p>{"This document was saved in another tab after this tab opened it. This tab's latest change was not saved, so nothing of the other tab's work was overwritten."}</p>
                    <p>{"Export this tab's version to keep it as a copy, then open the other version."}</p>
                    <button onclick={export}>{"Export this tab's version"}</button>
                    <button onclick={reopen}>{"Open the other version"}</button>
                </section>
            }
        }
    }
}

fn import(dispatch: &Option<Dispatcher>, pending: &PendingImport) -> Html {
    match pending {
        PendingImport::Failed { file, why } => html! {
            <section class="dialog" role="alert" aria-label="Import failed">
                <p>{ format!("{file} could not be imported: {why}. Nothing was changed.") }</p>
                <button onclick={send(dispatch, Action::Cancel)}>{"OK"}</button>
            </section>
        },
        PendingImport::Confirm { file, imported } => {
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
            let accept = format!("Import the {kept} valid annotation{}", plural(kept));
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
                    if let Some(repair) = &imported.repair {
                        <button onclick={send(dispatch, Action::ImportRepair)}>{ format!("Convert the offsets (read as {})", repair.unit_found) }</button>
                    }
                    <button onclick={send(dispatch, Action::Confirm)}>{ accept }</button>
                    <button onclick={send(dispatch, Action::Cancel)}>{"Cancel"}</button>
                </section>
            }
        }
    }
}
