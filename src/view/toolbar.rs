//! The toolbar of the annotating screen: label buttons (with their hotkeys), undo and redo,
//! export, import and "New document". It takes its data as props and its actions as
//! callbacks, so it re-renders only when the title, labels or undo state change.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pure::{panel, Panel};
use super::state::{Action, Files, Notice};
use super::{AppHandle, Dispatcher};
use crate::browser::files;
use crate::format::native;
use crate::format::{FormatKind, OffsetUnit};
use crate::model::title::slug;
use crate::model::{LabelId, LabelSet};

/// The name of the export file for a title.
pub fn export_file_name(title: &str) -> String {
    format!("{}.annotations.json", slug(title))
}

/// Keeps the text selection and focus where they are when a toolbar button is pressed.
fn keep_selection() -> Callback<MouseEvent> {
    Callback::from(|e: MouseEvent| e.prevent_default())
}

#[derive(PartialEq)]
pub struct ToolbarProps {
    pub title: AttrValue,
    pub labels: LabelSet,
    pub can_undo: bool,
    pub can_redo: bool,
    /// Labels the selection (or relabels the focused span) with a label.
    pub on_label: Callback<LabelId>,
    /// Downloads the export.
    pub on_export: Callback<()>,
    /// Downloads the export in another format.
    pub on_export_as: Callback<(FormatKind, OffsetUnit)>,
    /// The label every selection gets at once, if one is armed.
    pub armed: Option<LabelId>,
    /// Word snapping.
    pub snap: bool,
    /// Moves when the warm-up asks for the page to be drawn again as an edit draws it, the
    /// toolbar with it (the first labelling of a document makes Undo available, which draws
    /// the toolbar again; `AppState::redraws`).
    pub redraws: u64,
}

impl Panel for ToolbarProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let label_buttons = props.labels.iter().map(|(id, label)| {
            let on_label = props.on_label.clone();
            let armed = props.armed == Some(id);
            html! {
                <button class={classes!("label-btn", format!("l{}", id.index()), armed.then_some("armed"))} onclick={move |_| on_label.emit(id)}
                        onmousedown={keep_selection()} aria-keyshortcuts={label.hotkey.map(String::from)} aria-pressed={armed.to_string()}
                        title={(!label.description.is_empty()).then(|| label.description.to_string())}>
                    { label.name.to_string() }
                    if let Some(key) = label.hotkey { <kbd aria-hidden="true">{ key }</kbd> }
                </button>
            }
        });
        let send = |make: fn() -> Action| super::send(dispatch, make);
        let on_export = props.on_export.clone();
        let on_snap = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: Event| {
                let on = super::checked(&e);
                if let Some(d) = &dispatch {
                    d.dispatch(Action::Snap(on))
                }
            })
        };
        html! {
            <header class="bar">
                <h1 class="doc-title" title={props.title.clone()}>{ props.title.clone() }</h1>
                <div class="labels" role="toolbar" aria-label="Labels">{ for label_buttons }</div>
                <label class="snap">
                    <input type="checkbox" checked={props.snap} onchange={on_snap} />{"Snap to words"}
                </label>
                <button onclick={send(|| Action::Help(true))} aria-keyshortcuts="?">{"Shortcuts"}</button>
                <button onclick={send(|| Action::LabelsPanel(true))}>{"Labels…"}</button>
                <div class="actions">
                    <button onclick={send(|| Action::Undo)} onmousedown={keep_selection()} disabled={!props.can_undo}
                            aria-keyshortcuts="Control+Z">{"Undo"}</button>
                    <button onclick={send(|| Action::Redo)} onmousedown={keep_selection()} disabled={!props.can_redo}
                            aria-keyshortcuts="Control+Shift+Z Control+Y">{"Redo"}</button>
                    <button onclick={move |_| on_export.emit(())}>{"Export JSON"}</button>
                    { panel(ExportMenuProps { on_export: props.on_export_as.clone() }) }
                    { panel(ImportProps { open: true }) }
                    <button onclick={send(|| Action::NewArticle)}>{"New document"}</button>
                </div>
            </header>
        }
    }
}

/// Downloads the native export of the current document, naming the annotator (asked for at
/// the first export when none is set: `review::export`), and reports how it went.
pub fn export_native(state: &AppHandle) {
    use super::state::review::ExportRequest;
    if !super::review::export::ask_first(state, ExportRequest::Native) {
        super::review::export::native_named(state, &state.review.annotator);
    }
}

/// The files of a file input or a drop, as an import: their names and size read from the
/// browser's objects.
pub fn picked(list: Vec<web_sys::File>) -> Files {
    let names: Vec<String> = list.iter().map(|f| f.name()).collect();
    let bytes: f64 = list.iter().map(|f| f.size()).sum();
    Files::new(list, &names, bytes)
}

#[derive(PartialEq)]
pub struct ImportProps {
    /// Open the imported document once stored (an import from inside a document).
    pub open: bool,
}

/// The "Import JSON" file input (many files at once: every supported format, detected from
/// the content, plain texts, tables, zips; brat's `.ann` with its `.txt`), the "Import
/// format" choice that overrides detection, and on the home screen a folder picker. The
/// files go to the worker; the import dialog shows what they hold.
impl Panel for ImportProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let Some(dispatch) = dispatch.clone() else {
            return html! {};
        };
        let open = self.open;
        let onchange = Callback::from(move |e: Event| {
            let Some(input) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(list) = input.files() else { return };
            let files: Vec<web_sys::File> =
                (0..list.length()).filter_map(|i| list.get(i)).collect();
            // Let the same files be picked again later.
            input.set_value("");
            dispatch.dispatch(Action::ImportFiles {
                files: picked(files),
                kind: chosen_kind(&input),
                open,
            });
        });
        html! {
            <span class="import">
                <label class="button file-button">
                    {"Import JSON"}
                    <input type="file" class="visually-hidden" aria-label="Import JSON" multiple=true
                           accept=".json,.jsonl,.jsonld,.ann,.conf,.txt,.conll,.iob,.iob2,.csv,.tsv,.tab,.zip,application/json" onchange={onchange.clone()} />
                </label>
                if !self.open {
                    <label class="button file-button">
                        {"Import folder"}
                        <input type="file" class="visually-hidden" aria-label="Import folder" multiple=true webkitdirectory=true {onchange} />
                    </label>
                }
                // The choice stays in the select (the browser keeps it) until the files are picked.
                // Yew adds the options last first, and a select takes the first option it gets
                // unless one says it is selected.
                <select class="import-kind" aria-label="Import format">
                    <option value="" selected=true>{"Detect the format"}</option>
                    { for FormatKind::ALL.iter().enumerate().map(|(i, k)| html! {
                        <option value={i.to_string()}>{ k.name() }</option>
                    }) }
                </select>
            </span>
        }
    }
}

/// The format chosen in the select beside a file input of the import (`None`: detect it).
fn chosen_kind(input: &web_sys::Element) -> Option<FormatKind> {
    let select = input
        .closest("span.import")
        .ok()
        .flatten()?
        .query_selector("select.import-kind")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlSelectElement>()
        .ok()?;
    let index = select.value().parse::<usize>().ok()?;
    FormatKind::ALL.get(index).copied()
}

/// What each export format carries, shown in the menu before the user picks it.
pub fn carries(kind: FormatKind) -> &'static str {
    match kind {
        FormatKind::Native => "everything, offsets in code points",
        FormatKind::Jsonl => "text and spans, one document per line; not label colours",
        FormatKind::Doccano => "text and label tuples; not label colours",
        FormatKind::LabelStudio => "a task with its annotation results; not label colours",
        FormatKind::Brat => ".txt, .ann and config files in one .zip; the title only as a note",
        FormatKind::W3c => "one annotation per span with quote and position selectors",
        FormatKind::Conll => {
            "one tag per token: overlapping spans and spans inside words are left out (and listed)"
        }
    }
}

#[derive(PartialEq)]
pub struct ExportMenuProps {
    pub on_export: Callback<(FormatKind, OffsetUnit)>,
}

/// The "Export as" menu: every format, with what it carries; after an export the status line
/// says exactly what that document lost, if anything.
impl Panel for ExportMenuProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        let props = self;
        let item = |kind: FormatKind, unit: OffsetUnit, name: String, what: &'static str| {
            let on_export = props.on_export.clone();
            let onclick = move |e: MouseEvent| {
                // Close the menu (the item's `<details>`), as menus do once something is chosen.
                let menu = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .and_then(|el| el.closest("details").ok().flatten());
                if let Some(details) = menu {
                    let _ = details.remove_attribute("open");
                }
                on_export.emit((kind, unit));
            };
            html! {
                <li>
                    <button class="menu-item" {onclick}>
                        <span class="menu-name">{ name }</span>
                        <span class="menu-note">{ what }</span>
                    </button>
                </li>
            }
        };
        html! {
            <details class="menu">
                <summary class="button">{"Export as…"}</summary>
                <ul class="menu-list" aria-label="Export formats">
                    { for FormatKind::ALL.iter().map(|&k| item(k, OffsetUnit::CodePoint, k.name().to_string(), carries(k))) }
                    { item(FormatKind::Native, OffsetUnit::Utf16, "Article Annotator JSON, UTF-16 offsets".into(),
                           "for JavaScript consumers: offsets in UTF-16 code units, and the file says so") }
                </ul>
            </details>
        }
    }
}

/// Downloads the document in a format: Article Annotator JSON is written here, every other
/// format by the worker (which says what the format could not carry).
pub fn export_as_download(state: &AppHandle, kind: FormatKind, unit: OffsetUnit) {
    if kind != FormatKind::Native {
        return state.dispatch(Action::ExportOpen {
            kind,
            utf16: unit == OffsetUnit::Utf16,
        });
    }
    let doc = state.doc();
    let name = export_file_name(doc.title());
    // The annotator, at the top of the file.
    let content = crate::format::annotator::stamp(
        kind,
        native::export_with(doc, unit).as_bytes(),
        &state.review.annotator,
    );
    let msg = match files::download_bytes(&name, &content, kind.mime()) {
        Ok(()) => Notice::Info(format!("Exported {name}; nothing was left out.")),
        Err(e) => Notice::Error(format!("Export failed: {e}.")),
    };
    state.dispatch(Action::Notify(msg));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_names() {
        assert_eq!(
            export_file_name("Azerbaijani rally, Dec 6"),
            "azerbaijani-rally-dec-6.annotations.json"
        );
        assert_eq!(export_file_name(""), "article.annotations.json");
    }
}
