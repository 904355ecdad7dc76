//! The toolbar of the annotating screen: label buttons (with their hotkeys), undo and redo,
//! export, import and "New article". It takes its data as props and its actions as
//! callbacks, so it re-renders only when the title, labels or undo state change.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::{Action, Notice, MAX_TEXT_BYTES};
use super::{AppHandle, Dispatcher};
use crate::model::{LabelId, LabelSet};
use crate::browser::files;
use crate::format::native;
use crate::model::title::slug;

/// The name of the export file for a title.
pub fn export_file_name(title: &str) -> String {
    format!("{}.annotations.json", slug(title))
}

/// Keeps the text selection and focus where they are when a toolbar button is pressed.
fn keep_selection() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| e.prevent_default())
}

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub labels: LabelSet,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Labels the selection (or relabels the focused span) with a label.
    pub on_label: Callback<LabelId>,
    /// Downloads the export.
    pub on_export: Callback<()>,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let label_buttons = props.labels.iter().map(|(id, label)| {
        let on_label = props.on_label.clone();
        html! {
            <button class={classes!("label-btn", format!("l{}", id.index()))} onclick={move |_| on_label.emit(id)}
                    onmousedown={keep_selection()} aria-keyshortcuts={label.hotkey.to_string()}>
                { label.name.to_string() }
                <kbd aria-hidden="true">{ label.hotkey }</kbd>
            </button>
        }
    });
    let send = |a: Action| {
        let dispatch = dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dispatch {
                d.dispatch(a.clone())
            }
        })
    };
    let on_export = props.on_export.clone();
    html! {
        <header class="bar">
            <h1 class="doc-title" title={props.title.clone()}>{ props.title.clone() }</h1>
            <div class="labels" role="toolbar" aria-label="Labels">{ for label_buttons }</div>
            <div class="actions">
                <button onclick={send(Action::Undo)} onmousedown={keep_selection()} disabled={!props.can_undo}
                        aria-keyshortcuts="Control+Z">{"Undo"}</button>
                <button onclick={send(Action::Redo)} onmousedown={keep_selection()} disabled={!props.can_redo}
                        aria-keyshortcuts="Control+Shift+Z Control+Y">{"Redo"}</button>
                <button onclick={move |_| on_export.emit(())}>{"Export JSON"}</button>
                <ImportButton />
                <button onclick={send(Action::NewArticle)}>{"New article"}</button>
            </div>
        </header>
    }
}

/// Downloads the native export of the current document and reports how it went.
pub fn export_native(state: &AppHandle) {
    let doc = state.doc();
    let name = export_file_name(doc.title());
    match files::download(&name, &native::export(doc), "application/json") {
        Ok(()) => state.dispatch(Action::Notify(Notice::Info(format!("Exported {name}.")))),
        Err(e) => state.dispatch(Action::Notify(Notice::Error(format!("Export failed: {e}.")))),
    }
}

/// The "Import JSON" file input. Reads the file and hands its text to the reducer, which
/// decides what to ask the user.
#[component]
pub fn ImportButton() -> Html {
    let Some(state) = use_context::<Dispatcher>() else { return html! {} };
    let onchange = Callback::from(move |e: Event| {
        let Some(input) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        let Some(file) = input.files().and_then(|f| f.get(0)) else { return };
        // Let the same file be picked again later.
        input.set_value("");
        let name = file.name();
        let limit = MAX_TEXT_BYTES as f64 * 12.0;
        if file.size() > limit {
            let why = format!(
                "the file is {}; files up to {} can be imported",
                super::state::human_size(file.size() as usize),
                super::state::human_size(limit as usize)
            );
            state.dispatch(Action::ImportUnreadable { file: name, why });
            return;
        }
        let state = state.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match files::read_text(file).await {
                Ok(content) => state.dispatch(Action::ImportRead { file: name, content }),
                Err(why) => state.dispatch(Action::ImportUnreadable { file: name, why }),
            }
        });
    });
    html! {
        <label class="button file-button">
            {"Import JSON"}
            <input type="file" class="visually-hidden" aria-label="Import JSON" accept=".json,application/json" {onchange} />
        </label>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names() {
        assert_eq!(export_file_name("Azerbaijani rally, Dec 6"), "azerbaijani-rally-dec-6.annotations.json");
        assert_eq!(export_file_name(""), "article.annotations.json");
    }
}
