//! The dialog over the page (`state::Dialog`): an import's report (documents, duplicates,
//! files or lines that could not be read, an offset repair, what the app does not keep, the
//! text column of tables), a file that cannot be imported, deleting for good, and another
//! tab's newer version of the open document, with an offer to export this tab's version
//! first. The dataset export dialog is in `export.rs`. Shows the dialog it is given; decides
//! nothing.

use std::rc::Rc;

use yew::prelude::*;

use super::export::ExportProps;
use super::pure::{panel, Panel};
use super::state::{plural, Action, Dialog, Incoming};
use super::{send, send_with, Dispatcher};

#[derive(PartialEq)]
pub struct DialogProps {
    pub dialog: Option<Rc<Dialog>>,
    /// Downloads the open document as Article Annotator JSON.
    pub on_export: Callback<()>,
    /// The open document's id.
    pub open: Option<String>,
}

impl Panel for DialogProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        match props.dialog.as_deref() {
            None => html! {},
            Some(dialog) => shown(props, dispatch, dialog),
        }
    }
}

/// The dialog on screen. Apart from the component, which renders (nothing) at every start: a
/// visit that never sees a dialog never runs this, so the split keeps it out of the first part
/// of the page's wasm (scripts/split.sh).
#[inline(never)]
fn shown(props: &DialogProps, dispatch: &Option<Dispatcher>, dialog: &Dialog) -> Html {
    let export = {
        let on_export = props.on_export.clone();
        Callback::from(move |_: MouseEvent| on_export.emit(()))
    };
    match dialog {
        Dialog::Batch(incoming) => import(dispatch, incoming),
        Dialog::ImportFailed { file, why } => html! {
            <section class="dialog" role="alert" aria-label="Import failed">
                <p>{ format!("{file} could not be imported: {why}. Nothing was changed.") }</p>
                <button onclick={send(dispatch, || Action::Cancel)}>{"OK"}</button>
            </section>
        },
        Dialog::Export(choice) => panel(ExportProps {
            choice: choice.clone(),
        }),
        Dialog::DeleteForGood(ids) => html! {
            <section class="dialog" role="alertdialog" aria-label="Delete for good?">
                <p>{ format!(
                    "Delete {} document{} for good? Their texts, annotations and undo history are removed from this browser; export them first to keep a copy.",
                    ids.len(), plural(ids.len())
                ) }</p>
                <button onclick={send(dispatch, || Action::Confirm)}>{"Delete for good"}</button>
                <button onclick={send(dispatch, || Action::Cancel)}>{"Cancel"}</button>
            </section>
        },
        // Asked inside the Labels panel, which is over everything else.
        Dialog::DeleteLabel { .. } | Dialog::RemoveAttribute { .. } => html! {},
        Dialog::Conflict => {
            let reopen = match &props.open {
                Some(id) => send_with(dispatch, id.clone(), Action::OpenDocument),
                None => send(dispatch, || Action::Cancel),
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

/// The most lines a list of the import dialog shows (ten thousand documents would otherwise
/// freeze the page while it draws them); a last line says how many more there are.
const SHOWN: usize = 100;

/// A list under a heading, when it has lines.
fn listed(heading: String, lines: &[String]) -> Html {
    if lines.is_empty() {
        return html! {};
    }
    let more = lines.len().saturating_sub(SHOWN);
    html! {
        <>
            <p>{ heading }</p>
            <ul class="problems">
                { for lines.iter().take(SHOWN).map(|l| html! { <li>{ l.clone() }</li> }) }
                if more > 0 { <li>{ format!("… and {more} more") }</li> }
            </ul>
        </>
    }
}

fn import(dispatch: &Option<Dispatcher>, incoming: &Incoming) -> Html {
    let Some(s) = &incoming.summary else {
        return html! {};
    };
    let file = &incoming.files.names;
    let n = |k: usize, what: &str| format!("{k} {what}{}", plural(k));
    let storing = if incoming.skip_duplicates {
        s.new
    } else {
        s.documents
    };
    // One document: the report and the buttons of a single file's import.
    let single = s.documents == 1 && s.faults.is_empty();
    let heading = if single && !s.problems.is_empty() {
        format!(
            "{file} has {}. {} of its {} can be imported; nothing changes until you choose.",
            n(s.problems.len(), "problem"),
            s.spans,
            n(s.spans_total, "annotation"),
        )
    } else if single {
        format!("{file}: {} ready to import.", n(s.spans, "annotation"))
    } else {
        format!(
            "{file}: {} read ({} with {}), {} not; nothing changes until you choose.",
            n(s.documents, "document"),
            n(s.new, "new document"),
            n(s.spans, "annotation"),
            n(s.faults.len(), "file or line"),
        )
    };
    let accept = if single {
        format!("Import the {} valid annotation{}", s.spans, plural(s.spans))
    } else {
        format!("Import {}", n(storing, "document"))
    };
    let on_skip = {
        let dispatch = dispatch.clone();
        let skip = incoming.skip_duplicates;
        Callback::from(move |_: Event| {
            if let Some(d) = &dispatch {
                d.dispatch(Action::ImportSkipDuplicates(!skip))
            }
        })
    };
    let on_column = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: Event| {
            let v = e
                .target()
                .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok())
                .map(|s| s.value())
                .unwrap_or_default();
            if let Some(d) = &dispatch {
                d.dispatch(Action::ImportColumn(v))
            }
        })
    };
    let column = incoming
        .text_column
        .clone()
        .unwrap_or_else(|| "text".into());
    html! {
        <section class="dialog" role="alert" aria-label="Import">
            <p>{ heading }</p>
            { listed(if single { String::new() } else { "Annotations left out:".into() }, &s.problems) }
            { listed("Could not be read (the rest can be imported):".into(), &s.faults) }
            { listed(format!("{} the corpus or these files already hold:", n(s.duplicates.len(), "text")), &s.duplicates) }
            { listed("Offsets that fit the text only when read another way:".into(), &s.repairs) }
            { listed("Stored under another id:".into(), &s.renamed) }
            { listed("Not kept from the files (Article Annotator has no place for it):".into(), &s.notes) }
            if !s.labels_added.is_empty() {
                <p>{ format!("Labels that join the corpus: {}.", s.labels_added.join(", ")) }</p>
            }
            if !s.columns.is_empty() {
                <label>{"Text column "}
                    <select aria-label="Text column" onchange={on_column}>
                        { for s.columns.iter().map(|c| html! { <option value={c.clone()} selected={*c == column}>{ c.clone() }</option> }) }
                    </select>
                </label>
            }
            if !s.duplicates.is_empty() {
                <label><input type="checkbox" checked={incoming.skip_duplicates} onchange={on_skip} />{"Leave out texts the corpus already holds"}</label>
            }
            if let Some(unit) = &s.repair_unit {
                <button onclick={send(dispatch, || Action::ImportRepair)}>{ format!("Convert the offsets (read as {unit})") }</button>
            }
            <button onclick={send(dispatch, || Action::Confirm)} disabled={storing == 0}>{ accept }</button>
            <button onclick={send(dispatch, || Action::Cancel)}>{"Cancel"}</button>
        </section>
    }
}
