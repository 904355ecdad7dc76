//! The Labels panel: the corpus's label schema as a list in key order (name, colour swatch,
//! key, guideline, how many annotations use it), with everything the user can do to it: add
//! a label, rename one (its annotations follow), recolour it from the colour-blind-safe
//! palette (its contrast with the page shown, and said when too low), move it up or down
//! (keys follow the order), delete it (asks when used; undoable) and write its guideline.
//! Every control is a native one with an accessible name. Shows the schema it is given and
//! dispatches `Action::EditSchema`; the rules are `corpus::schema`'s and `corpus::colour`'s.

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::focus::Focus;
use super::pure::Panel;
use super::state::{plural, Action, DeletedLabel, Notice};
use super::{send, send_with, Dispatcher};
use crate::corpus::colour::{contrast, DARK_PAGE, LIGHT_PAGE, OKABE_ITO};
use crate::corpus::schema::{usage, SchemaEdit, Usage};
use crate::corpus::DocSummary;
use crate::model::label::LabelSpec;
use crate::model::LabelSet;

#[derive(PartialEq)]
pub struct LabelsProps {
    pub open: bool,
    pub labels: LabelSet,
    pub summaries: Rc<Vec<Rc<DocSummary>>>,
    /// The last deleted label, while it can be put back.
    pub undo: Option<Rc<DeletedLabel>>,
    /// The delete waiting for an answer: the label's name and what uses it.
    pub asking: Option<(String, Usage)>,
    /// The app's last message (the panel covers the page's status line).
    pub notice: Option<Notice>,
    /// The worker is relabelling the documents.
    pub busy: bool,
    /// An attribute removal waiting for an answer (`schema_attrs`).
    pub asking_attr: Option<(String, crate::corpus::schema::AttrEdit, Usage)>,
    /// A delete of a relation type waiting for an answer (`view/relation_types.rs`).
    pub asking_type: Option<(String, usize, usize)>,
}

fn field_value(e: &Event) -> String {
    let t = e.target();
    if let Some(i) = t
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        return i.value();
    }
    if let Some(a) = t
        .clone()
        .and_then(|t| t.dyn_into::<web_sys::HtmlTextAreaElement>().ok())
    {
        return a.value();
    }
    t.and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

/// A change handler that turns the field's value into a schema edit.
fn edit_on(
    dispatch: &Option<Dispatcher>,
    f: impl Fn(String) -> SchemaEdit + 'static,
) -> Callback<Event> {
    let dispatch = dispatch.clone();
    Callback::from(move |e: Event| {
        if let Some(d) = &dispatch {
            d.dispatch(Action::EditSchema(f(field_value(&e))))
        }
    })
}

/// `6.70:1`, rounded down.
fn ratio(color: &str, page: &str) -> Option<(String, bool)> {
    let c = contrast(color, page)?;
    let h = c.hundredths();
    Some((
        format!("{}.{:02}:1", h / 100, h % 100),
        c.enough_for_marks(),
    ))
}

/// What the panel says about a colour's contrast with the light and dark pages.
pub fn contrast_note(color: &str) -> (String, bool) {
    let (Some((light, light_ok)), Some((dark, dark_ok))) =
        (ratio(color, LIGHT_PAGE), ratio(color, DARK_PAGE))
    else {
        return (String::new(), true);
    };
    let mut note = format!("Contrast with the page: {light} (light theme), {dark} (dark theme).");
    let low: Vec<&str> = [(light_ok, "light"), (dark_ok, "dark")]
        .iter()
        .filter(|(ok, _)| !ok)
        .map(|(_, t)| *t)
        .collect();
    if !low.is_empty() {
        note.push_str(&format!(
            " Too low on the {} theme (3:1 is needed to see it well).",
            low.join(" and ")
        ));
    }
    (note, low.is_empty())
}

/// Closed, nothing; open, the panel, which takes the keyboard (its heading).
impl Panel for LabelsProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        if !self.open {
            return html! {};
        }
        html! { <Focus first="labels-title">{ panel(self, dispatch.clone()) }</Focus> }
    }
}

/// The open panel. Apart from the panel's drawing while closed, which runs on every visit: a
/// visit that never opens it never runs this, so the split keeps it out of the first part of
/// the page's wasm (scripts/split.sh).
#[inline(never)]
fn panel(props: &LabelsProps, dispatch: Option<Dispatcher>) -> Html {
    let n = props.labels.len();
    let rows = props.labels.iter().map(|(id, l)| {
        let name = l.name.to_string();
        let used = usage(&props.summaries, &name);
        let (note, ok) = contrast_note(&l.color);
        let in_palette = OKABE_ITO.iter().any(|(_, h)| h.eq_ignore_ascii_case(&l.color));
        let current = l.color.to_string();
        let i = id.index();
        let move_to = |to: usize| send_with(&dispatch, SchemaEdit::Move { id, to }, Action::EditSchema);
        let rename = edit_on(&dispatch, move |name| SchemaEdit::Rename { id, name });
        let recolour = edit_on(&dispatch, move |color| SchemaEdit::Recolour { id, color });
        let describe = edit_on(&dispatch, move |description| SchemaEdit::Describe { id, description });
        let note_id = format!("label-contrast-{i}");
        html! {
            <li key={name.clone()} class="label-row">
                <span class={classes!("swatch", format!("l{i}"))} aria-hidden="true"></span>
                <span class="label-key">
                    { match l.hotkey { Some(k) => html! { <>{"key "}<kbd>{ k }</kbd></> }, None => html! { {"no key"} } } }
                </span>
                <input type="text" class="label-name" value={name.clone()} aria-label={format!("Name of label {}", i + 1)}
                       onchange={rename} />
                <select aria-label={format!("Colour of {name}")} aria-describedby={note_id.clone()} onchange={recolour}>
                    if !in_palette {
                        <option value={current.clone()} selected=true>{ format!("current ({current})") }</option>
                    }
                    { for OKABE_ITO.iter().map(|(cname, hex)| html! {
                        <option value={*hex} selected={hex.eq_ignore_ascii_case(&current)}>{ format!("{cname} ({hex})") }</option>
                    }) }
                </select>
                <input type="color" value={current.to_lowercase()} aria-label={format!("Other colour for {name}")}
                       aria-describedby={note_id.clone()} onchange={edit_on(&dispatch, move |color| SchemaEdit::Recolour { id, color })} />
                <span id={note_id} class={classes!("contrast", (!ok).then_some("low"))}>{ note }</span>
                <span class="label-usage">{ format!(
                    "{} annotation{} in {} document{}", used.spans, plural(used.spans), used.documents, plural(used.documents)
                ) }</span>
                <textarea class="label-guideline" rows="2" value={l.description.to_string()}
                          aria-label={format!("Guideline for {name}")} placeholder="Guideline: when to use this label"
                          onchange={describe} />
                <span class="label-moves">
                    <button onclick={move_to(i.saturating_sub(1))} disabled={i == 0}
                            aria-label={format!("Move label {name} up")}>{"Up"}</button>
                    <button onclick={move_to(i + 1)} disabled={i + 1 == n}
                            aria-label={format!("Move label {name} down")}>{"Down"}</button>
                    <button onclick={send_with(&dispatch, SchemaEdit::Delete { id }, Action::EditSchema)} disabled={n == 1}
                            aria-label={format!("Delete label {name}")}>{"Delete"}</button>
                </span>
            </li>
        }
    });
    let on_add = {
        let dispatch = dispatch.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            // The form's one text box.
            let Some(input) = e
                .target()
                .and_then(|f| f.dyn_into::<web_sys::Element>().ok())
                .and_then(|f| f.query_selector("input").ok().flatten())
                .and_then(|i| i.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let name = input.value();
            if name.trim().is_empty() {
                return;
            }
            input.set_value("");
            if let Some(d) = &dispatch {
                d.dispatch(Action::EditSchema(SchemaEdit::Add(LabelSpec::named(
                    name.trim(),
                ))));
            }
        })
    };
    html! {
        <div class="overlay">
            <section class="labels-panel" role="dialog" aria-modal="true" aria-labelledby="labels-title">
                <h2 id="labels-title" tabindex="-1">{"Labels"}</h2>
                <p class="hint">{"Keys follow the order: 1 to 9, then letters. Renaming a label renames its annotations in every document; the guideline shows when pointing at the label's button and in the shortcut help."}</p>
                <ol class="label-rows" aria-label="Labels in key order">{ for rows }</ol>
                <form class="label-add" onsubmit={on_add}>
                    <input type="text" aria-label="New label name" placeholder="New label name" />
                    <button type="submit">{"Add label"}</button>
                </form>
                { crate::view::pure::panel(super::schema_attrs::AttributeSchemaProps {
                    labels: props.labels.clone(),
                    asking: props.asking_attr.clone(),
                }) }
                <super::relation_types::RelationTypes labels={props.labels.clone()} asking={props.asking_type.clone()} />
                if let Some((name, used)) = &props.asking {
                    <div class="dialog" role="alertdialog" aria-label="Delete the label?">
                        <p>{ format!(
                            "Delete the label “{name}”? {} annotation{} in {} document{} use it and are removed with it. “Undo delete label” puts them back.",
                            used.spans, plural(used.spans), used.documents, plural(used.documents)
                        ) }</p>
                        <button onclick={send(&dispatch, || Action::Confirm)}>{ format!("Delete “{name}” and its annotations") }</button>
                        <button onclick={send(&dispatch, || Action::Cancel)}>{"Cancel"}</button>
                    </div>
                }
                if let Some(undo) = &props.undo {
                    <button onclick={send(&dispatch, || Action::UndoDeleteLabel)}>
                        { format!("Undo delete label “{}” ({} annotation{})", undo.name, undo.span_count(), plural(undo.span_count())) }
                    </button>
                }
                <button onclick={send(&dispatch, || Action::LabelsPanel(false))}>{"Close"}</button>
                <p class="status labels-status" role="status">
                    { if props.busy { "Relabelling the documents…".to_string() } else { match &props.notice {
                        Some(Notice::Info(m)) | Some(Notice::Error(m)) => m.clone(),
                        None => String::new(),
                    } } }
                </p>
            </section>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(color: &str, want: &str, ok: bool) {
        assert_eq!(contrast_note(color), (want.to_string(), ok), "{color}");
    }

    #[test]
    fn contrast_notes_say_when_too_low() {
        // Ratios worked out apart from the app with WCAG 2.2's formula, rounded down.
        check("#000000", "Contrast with the page: 21.00:1 (light theme), 1.17:1 (dark theme). Too low on the dark theme (3:1 is needed to see it well).", false);
        check(
            "#0072b2",
            "Contrast with the page: 5.18:1 (light theme), 3.46:1 (dark theme).",
            true,
        );
        check("#f0e442", "Contrast with the page: 1.32:1 (light theme), 13.57:1 (dark theme). Too low on the light theme (3:1 is needed to see it well).", false);
        check("#ffffff", "Contrast with the page: 1.00:1 (light theme), 17.94:1 (dark theme). Too low on the light theme (3:1 is needed to see it well).", false);
        check("white", "", true);
    }
}
