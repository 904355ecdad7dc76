//! The note editor (`Shift+N` on a focused span, or "Write a note" in its details): a dialog
//! with a text box holding the span's note. Ctrl+Enter or Save writes it (blank removes it),
//! Escape or Cancel leaves it as it was; the keyboard goes back to the article either way.
//! Dispatches `QualifyAction::SaveNote`; the length rule is the model's.

use yew::prelude::*;

use super::attributes::SpanProps;
use super::focus::Focus;
use super::state::{clip, Action, QualifyAction};
use super::Dispatcher;

/// The id of the note's text box, which has the keyboard while the editor is open.
const AREA_ID: &str = "note-text";

#[component]
pub fn NoteEditor(props: &SpanProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let area = use_node_ref();
    html! { <Focus first={AREA_ID} back=true>{ editor(props, dispatch, area) }</Focus> }
}

fn editor(props: &SpanProps, dispatch: Option<Dispatcher>, area: NodeRef) -> Html {
    let doc = &props.doc;
    let Some(span) = doc.spans().get(&props.id) else {
        return html! {};
    };
    let save = {
        let (dispatch, area, id) = (dispatch.clone(), area.clone(), props.id.clone());
        move || {
            let text = area
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default();
            if let Some(d) = &dispatch {
                d.dispatch(Action::Qualify(QualifyAction::SaveNote {
                    id: id.clone(),
                    text,
                }));
            }
        }
    };
    let onkeydown = {
        let save = save.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
                e.prevent_default();
                save();
            }
        })
    };
    let cancel = Callback::from(move |_: MouseEvent| {
        if let Some(d) = &dispatch {
            d.dispatch(Action::Qualify(QualifyAction::Close));
        }
    });
    let label = doc.labels().name(span.label()).to_string();
    html! {
        <div class="overlay">
            <section class="dialog note-editor" role="dialog" aria-modal="true" aria-labelledby="note-title">
                <h2 id="note-title">{ format!("Note on {label} “{}”", clip(doc.covered(span), 40)) }</h2>
                <textarea id={AREA_ID} ref={area} rows="5" aria-label="Note" aria-describedby="note-hint"
                          value={span.note().unwrap_or_default().to_string()} {onkeydown} />
                <p id="note-hint" class="hint">{"Ctrl+Enter saves, Escape cancels. An empty note is removed."}</p>
                <button onclick={Callback::from(move |_: MouseEvent| save())}>{"Save note"}</button>
                <button onclick={cancel}>{"Cancel"}</button>
            </section>
        </div>
    }
}
