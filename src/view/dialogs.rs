//! The dialog over the page (`state::Dialog`): an import's report (what is wrong with the
//! file, what it would replace, an offset repair), the question before the current article is
//! discarded, and another tab's newer version. Each offers to export the current article
//! first where work could be lost. Shows the dialog it is given; decides nothing.

use std::rc::Rc;

use yew::prelude::*;

use super::state::{plural, Action, Dialog, PendingImport};
use super::{send, Dispatcher};
use crate::browser::storage;

#[derive(Properties, PartialEq)]
pub struct DialogProps {
    pub dialog: Option<Rc<Dialog>>,
    /// Downloads the current article as Article Annotator JSON.
    pub on_export: Callback<()>,
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
        Some(Dialog::Import(pending)) => import(&dispatch, pending, export),
        Some(Dialog::Discard { spans }) => html! {
            <section class="dialog" role="alertdialog" aria-label="Discard the article?">
                <p>{ format!(
                    "This article has {spans} annotation{}. A new article replaces it; Undo brings it back only until the page is reloaded.",
                    plural(*spans)
                ) }</p>
                <button onclick={export}>{"Export JSON first"}</button>
                <button onclick={send(&dispatch, Action::Confirm)}>{"Discard it"}</button>
                <button onclick={send(&dispatch, Action::Cancel)}>{"Cancel"}</button>
            </section>
        },
        Some(Dialog::Conflict) => {
            let load = {
                let dispatch = dispatch.clone();
                Callback::from(move |_: MouseEvent| {
                    if let (Some(d), Some(content)) = (&dispatch, storage::load_document()) {
                        d.dispatch(Action::AdoptStored(content));
                    }
                })
            };
            html! {
                <section class="dialog" role="alertdialog" aria-label="Changed in another tab">
                    <p>{"This article was saved in another tab after this tab loaded it. This tab's latest change was not saved, so nothing of the other tab's work was overwritten."}</p>
                    <p>{"Export this tab's version to keep it as a copy, then load the other version."}</p>
                    <button onclick={export}>{"Export this tab's version"}</button>
                    <button onclick={load}>{"Load the other version"}</button>
                </section>
            }
        }
    }
}

fn import(
    dispatch: &Option<Dispatcher>,
    pending: &PendingImport,
    export: Callback<MouseEvent>,
) -> Html {
    match pending {
        PendingImport::Failed { file, why } => html! {
            <section class="dialog" role="alert" aria-label="Import failed">
                <p>{ format!("{file} could not be imported: {why}. Nothing was changed.") }</p>
                <button onclick={send(dispatch, Action::Cancel)}>{"OK"}</button>
            </section>
        },
        PendingImport::Confirm {
            file,
            imported,
            replaces,
        } => {
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
                        <p>{ format!("Importing will replace the current article and its {replaces} annotation{}; Undo brings them back only until the page is reloaded.", plural(*replaces)) }</p>
                        <button onclick={export}>{"Export the current article first"}</button>
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
