//! Attributes on the document screen: the picker (`T` on a focused span), a small dialog with
//! a type-ahead box over `attribute: value` lines (an ARIA combobox and listbox: ↑ ↓ choose,
//! Enter sets, Escape closes), and the details panel's section with one native control per
//! attribute and the span's note. Both dispatch `Action::Qualify`; the lines come from
//! `state::qualify::picker_entries`, the rules from the model.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::focus::Focus;
use super::pure::Panel;
use super::state::qualify::{picker_entries, values_text, PickerEntry, QualifyState};
use super::state::{clip, Action, QualifyAction};
use super::{Dispatcher, Snapshot};
use crate::model::attribute::{AttrKind, AttrValue as Value};
use crate::model::{Document, SpanId};

/// Puts the keyboard back in the article (a dialog closed; the span stays focused).
pub fn back_to_article() {
    if let Some(a) =
        super::commands::article_element().and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = a.focus();
    }
}

fn qualify(dispatch: &Option<Dispatcher>, a: QualifyAction) {
    if let Some(d) = dispatch {
        d.dispatch(Action::Qualify(a));
    }
}

#[derive(PartialEq, Clone)]
pub struct QualifiersProps {
    pub doc: Snapshot<Document>,
    pub qualify: QualifyState,
}

/// The picker or the note editor, whichever is open.
impl Panel for QualifiersProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        let props = self;
        match (&props.qualify.picker, &props.qualify.note) {
            (Some(id), _) => html! { <AttrPicker doc={props.doc.clone()} id={id.clone()} /> },
            (None, Some(id)) => {
                html! { <super::note::NoteEditor doc={props.doc.clone()} id={id.clone()} /> }
            }
            (None, None) => html! {},
        }
    }
}

#[derive(Properties, PartialEq, Clone)]
pub struct SpanProps {
    pub doc: Snapshot<Document>,
    pub id: SpanId,
}

/// The value of the text box or select an event came from.
fn field_value(e: &Event) -> String {
    let Some(t) = e.target() else {
        return String::new();
    };
    if let Some(i) = t.dyn_ref::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    t.dyn_ref::<web_sys::HtmlSelectElement>()
        .map(|s| s.value())
        .unwrap_or_default()
}

/// The attribute picker on one span.
#[component]
pub fn AttrPicker(props: &SpanProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let typed = use_state(String::new);
    let active = use_state(|| 0usize);
    html! {
        <Focus first={PICKER_INPUT_ID} back=true>{ picker(props, dispatch, typed, active) }</Focus>
    }
}

/// The id of the picker's text box, which has the keyboard while the picker is open.
const PICKER_INPUT_ID: &str = "attr-picker-input";

fn picker(
    props: &SpanProps,
    dispatch: Option<Dispatcher>,
    typed: UseStateHandle<String>,
    active: UseStateHandle<usize>,
) -> Html {
    let doc = &props.doc;
    let Some(span) = doc.spans().get(&props.id) else {
        return html! {};
    };
    let entries = picker_entries(doc.labels(), span, &typed);
    let at = (*active).min(entries.len().saturating_sub(1));
    let set = {
        let (dispatch, id) = (dispatch.clone(), props.id.clone());
        move |e: &PickerEntry| {
            qualify(
                &dispatch,
                QualifyAction::SetAttr {
                    id: id.clone(),
                    name: e.name.clone(),
                    value: e.value.clone(),
                },
            )
        }
    };
    let oninput = {
        let (typed, active) = (typed.clone(), active.clone());
        Callback::from(move |e: InputEvent| {
            if let Some(i) = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                typed.set(i.value());
                active.set(0);
            }
        })
    };
    let onkeydown = {
        let (active, entries, set) = (active.clone(), entries.clone(), set.clone());
        let n = entries.len();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "ArrowDown" if n > 0 => {
                e.prevent_default();
                active.set((at + 1) % n);
            }
            "ArrowUp" if n > 0 => {
                e.prevent_default();
                active.set((at + n - 1) % n);
            }
            "Enter" => {
                e.prevent_default();
                if let Some(entry) = entries.get(at) {
                    set(entry);
                }
            }
            _ => {}
        })
    };
    let label = doc.labels().name(span.label()).to_string();
    let covered = clip(doc.covered(span), 40);
    let options = entries.iter().enumerate().map(|(i, e)| {
        let onclick = {
            let (set, e) = (set.clone(), e.clone());
            Callback::from(move |_: MouseEvent| set(&e))
        };
        html! {
            <li id={format!("attr-opt-{i}")} role="option" aria-selected={(i == at).to_string()}
                class={classes!("attr-opt", (i == at).then_some("active"))} {onclick}>{ e.text.clone() }</li>
        }
    });
    let now = values_text(doc.labels(), span);
    html! {
        <div class="overlay">
            <section class="dialog attr-picker" role="dialog" aria-modal="true" aria-labelledby="attr-picker-title">
                <h2 id="attr-picker-title">{ format!("Attributes of {label} “{covered}”") }</h2>
                <p class="hint">{ if now.is_empty() { "No value set yet.".to_string() } else { format!("Now: {now}.") } }</p>
                <input id={PICKER_INPUT_ID} type="text" role="combobox" aria-autocomplete="list" aria-expanded="true"
                       aria-controls="attr-options" aria-label="Attribute and value"
                       aria-activedescendant={(!entries.is_empty()).then(|| format!("attr-opt-{at}"))}
                       placeholder="Type to narrow: check-worthy: yes" value={(*typed).clone()} {oninput} {onkeydown} />
                <ul id="attr-options" role="listbox" aria-label="Values">{ for options }</ul>
                if entries.is_empty() {
                    <p class="hint">{"No value matches. A free-text attribute takes “name: text”."}</p>
                }
                <p class="hint">{"↑ ↓ choose, Enter sets, Escape closes."}</p>
                <button onclick={Callback::from(move |_: MouseEvent| qualify(&dispatch, QualifyAction::Close))}>{"Cancel"}</button>
            </section>
        </div>
    }
}

/// The details panel's attributes and note of the focused span: a select per flag or list, a
/// text box per free-text attribute (changing one sets it at once; the blank choice clears
/// it), and the note with a button to write or edit it.
impl Panel for SpanProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let doc = &props.doc;
        let Some(span) = doc.spans().get(&props.id) else {
            return html! {};
        };
        let Some(label) = doc.labels().get(span.label()) else {
            return html! {};
        };
        let rows = label.attributes.iter().enumerate().map(|(i, def)| {
            let name = def.name.clone();
            let field = format!("attr-field-{i}");
            let current = span.attr(&name).cloned();
            let (dispatch, id, kind) = (dispatch.clone(), props.id.clone(), def.kind.clone());
            let onchange = Callback::from(move |e: Event| {
                let raw = field_value(&e);
                // The blank choice (or an emptied box) clears the attribute.
                let value = match (&kind, raw.trim()) {
                    (_, "") => None,
                    (AttrKind::Flag, v) => Some(Value::Flag(v == "yes")),
                    (AttrKind::Choice(_), v) => Some(Value::Choice(v.into())),
                    (AttrKind::Text, _) => Some(Value::Text(raw.as_str().into())),
                };
                qualify(
                    &dispatch,
                    QualifyAction::SetAttr {
                        id: id.clone(),
                        name: name.clone(),
                        value,
                    },
                );
            });
            let shown = current.as_ref().map(|v| v.as_text().to_string()).unwrap_or_default();
            let control = match &def.kind {
                AttrKind::Text => html! {
                    <input id={field.clone()} type="text" value={shown} {onchange} />
                },
                AttrKind::Flag | AttrKind::Choice(_) => {
                    let values: Vec<String> = match &def.kind {
                        AttrKind::Choice(list) => list.iter().map(|v| v.to_string()).collect(),
                        _ => vec!["yes".into(), "no".into()],
                    };
                    html! {
                        <select id={field.clone()} {onchange}>
                            <option value="" selected={shown.is_empty()}>{"—"}</option>
                            { for values.into_iter().map(|v| html! {
                                <option value={v.clone()} selected={v == shown}>{ v.clone() }</option>
                            }) }
                        </select>
                    }
                }
            };
            html! { <><dt><label for={field}>{ def.name.to_string() }</label></dt><dd>{ control }</dd></> }
        });
        let open_note = {
            let dispatch = dispatch.clone();
            Callback::from(move |_: MouseEvent| qualify(&dispatch, QualifyAction::OpenNote))
        };
        html! {
            <>
                if !label.attributes.is_empty() {
                    <dl class="span-attrs" aria-label="Attributes">{ for rows }</dl>
                }
                <div class="span-note">
                    <h3>{"Note"}</h3>
                    { match span.note() {
                        Some(n) => html! { <p class="note-text">{ n.to_string() }</p> },
                        None => html! { <p class="hint">{"No note."}</p> },
                    } }
                    <button onclick={open_note}>{ if span.note().is_some() { "Edit note" } else { "Write a note" } }</button>
                </div>
            </>
        }
    }
}
