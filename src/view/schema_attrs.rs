//! The Labels panel's attributes section: per label, the attributes it defines (rename one,
//! rename, add or remove a list's values, remove it) and a form to add one (a yes/no flag, a
//! list of values, or free text). A removal that takes values away from spans is asked about
//! first (the question is shown here). Dispatches `SchemaEdit::Attribute`; the rules are
//! `corpus::schema::attrs`'s.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::pure::Panel;
use super::state::{plural, Action};
use super::{send, Dispatcher};
use crate::corpus::schema::{AttrEdit, SchemaEdit, Usage};
use crate::model::attribute::{AttrDef, AttrKind};
use crate::model::label::Label;
use crate::model::{LabelId, LabelSet};

#[derive(PartialEq)]
pub struct AttributeSchemaProps {
    pub labels: LabelSet,
    /// The removal waiting for an answer: the label's name, the edit and what uses the label.
    pub asking: Option<(String, AttrEdit, Usage)>,
}

impl Panel for AttributeSchemaProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let labels = props.labels.iter().map(|(id, l)| {
            html! { <LabelAttrs key={l.name.to_string()} {id} label={l.clone()} /> }
        });
        html! {
            <section class="attr-schema" aria-labelledby="attr-schema-title">
                <h3 id="attr-schema-title">{"Attributes"}</h3>
                <p class="hint">{"What an annotator says about a span besides its label: a yes/no flag, one value out of a list, or free text. Set them on a focused span with T. Renaming follows in every document; removing takes the values away from every span."}</p>
                { for labels }
                if let Some((label, edit, used)) = &props.asking {
                    <div class="dialog" role="alertdialog" aria-label="Remove the attribute values?">
                        <p>{ question(label, edit, used) }</p>
                        <button onclick={send(dispatch, || Action::Confirm)}>{"Remove them"}</button>
                        <button onclick={send(dispatch, || Action::Cancel)}>{"Cancel"}</button>
                    </div>
                }
            </section>
        }
    }
}

/// What the question before a removal says.
fn question(label: &str, edit: &AttrEdit, used: &Usage) -> String {
    let what = match edit {
        AttrEdit::RemoveValue { name, value } => format!("the value “{value}” of “{name}”"),
        other => format!("the attribute “{}”", other.name()),
    };
    format!(
        "Remove {what} from {label}? {label} has {} annotation{} in {} document{}; those that carry it lose it, in every document. This cannot be undone.",
        used.spans,
        plural(used.spans),
        used.documents,
        plural(used.documents)
    )
}

#[derive(Properties, PartialEq)]
struct LabelAttrsProps {
    id: LabelId,
    label: Label,
}

fn value_of(e: &Event) -> String {
    e.target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|i| i.value())
        .unwrap_or_default()
}

/// One label's attributes and the form that adds one.
#[component]
fn LabelAttrs(props: &LabelAttrsProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let (name_ref, kind_ref, values_ref) = (use_node_ref(), use_node_ref(), use_node_ref());
    let id = props.id;
    let label = props.label.name.to_string();
    let edit = {
        let dispatch = dispatch.clone();
        move |edit: AttrEdit| {
            if let Some(d) = &dispatch {
                d.dispatch(Action::EditSchema(SchemaEdit::Attribute { id, edit }));
            }
        }
    };
    let rows = props.label.attributes.iter().map(|def| {
        let name = def.name.to_string();
        let rename = {
            let (edit, name) = (edit.clone(), name.clone());
            Callback::from(move |e: Event| edit(AttrEdit::Rename { name: name.clone(), to: value_of(&e) }))
        };
        let remove = {
            let (edit, name) = (edit.clone(), name.clone());
            Callback::from(move |_: MouseEvent| edit(AttrEdit::Remove { name: name.clone() }))
        };
        let values = match &def.kind {
            AttrKind::Choice(list) => {
                let items = list.iter().map(|v| {
                    let v = v.to_string();
                    let rename_value = {
                        let (edit, name, v) = (edit.clone(), name.clone(), v.clone());
                        Callback::from(move |e: Event| edit(AttrEdit::RenameValue { name: name.clone(), value: v.clone(), to: value_of(&e) }))
                    };
                    let remove_value = {
                        let (edit, name, v) = (edit.clone(), name.clone(), v.clone());
                        Callback::from(move |_: MouseEvent| edit(AttrEdit::RemoveValue { name: name.clone(), value: v.clone() }))
                    };
                    html! {
                        <span class="attr-value" key={v.clone()}>
                            <input type="text" size="10" value={v.clone()} onchange={rename_value}
                                   aria-label={format!("Value “{v}” of {name} ({label})")} />
                            <button onclick={remove_value} disabled={list.len() == 1}
                                    aria-label={format!("Remove value “{v}” of {name} ({label})")}>{"×"}</button>
                        </span>
                    }
                });
                let add_value = {
                    let (edit, name) = (edit.clone(), name.clone());
                    Callback::from(move |e: Event| {
                        let value = value_of(&e);
                        if let Some(i) = e.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                            i.set_value("");
                        }
                        if !value.trim().is_empty() {
                            edit(AttrEdit::AddValue { name: name.clone(), value });
                        }
                    })
                };
                html! {
                    <span class="attr-values">
                        { for items }
                        <input type="text" size="10" placeholder="another value" onchange={add_value}
                               aria-label={format!("Add a value to {name} ({label})")} />
                    </span>
                }
            }
            AttrKind::Flag => html! { <span class="hint">{"yes or no"}</span> },
            AttrKind::Text => html! { <span class="hint">{"free text"}</span> },
        };
        html! {
            <div class="attr-row" key={name.clone()}>
                <input type="text" size="14" value={name.clone()} onchange={rename}
                       aria-label={format!("Name of attribute {name} of {label}")} />
                { values }
                <button onclick={remove} aria-label={format!("Remove attribute {name} from {label}")}>{"Remove"}</button>
            </div>
        }
    });
    let on_add = {
        let (edit, name_ref, kind_ref, values_ref) = (
            edit.clone(),
            name_ref.clone(),
            kind_ref.clone(),
            values_ref.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (Some(n), Some(k), Some(v)) = (
                name_ref.cast::<web_sys::HtmlInputElement>(),
                kind_ref.cast::<web_sys::HtmlSelectElement>(),
                values_ref.cast::<web_sys::HtmlInputElement>(),
            ) else {
                return;
            };
            let kind = match k.value().as_str() {
                "flag" => AttrKind::Flag,
                "text" => AttrKind::Text,
                _ => AttrKind::choice(&v.value().split(',').collect::<Vec<_>>()),
            };
            let def = AttrDef::new(&n.value(), kind);
            n.set_value("");
            v.set_value("");
            edit(AttrEdit::Add(def));
        })
    };
    let field = |what: &str| format!("attr-new-{what}-{}", id.index());
    html! {
        <fieldset>
            <legend>{ label.clone() }</legend>
            { for rows }
            <form onsubmit={on_add}>
                <input id={field("name")} ref={name_ref} type="text" size="14" placeholder="New attribute"
                       aria-label={format!("New attribute of {label}")} />
                <select ref={kind_ref} aria-label={format!("Kind of the new attribute of {label}")}>
                    <option value="choice" selected=true>{"one value out of a list"}</option>
                    <option value="flag">{"yes / no"}</option>
                    <option value="text">{"free text"}</option>
                </select>
                <input ref={values_ref} type="text" size="20" placeholder="values, comma-separated"
                       aria-label={format!("Values of the new attribute of {label} (for a list, comma-separated)")} />
                <button type="submit">{ format!("Add to {label}") }</button>
            </form>
        </fieldset>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_says_what_goes() {
        let used = Usage {
            spans: 1,
            documents: 1,
        };
        let e = AttrEdit::RemoveValue {
            name: "check-worthy".into(),
            value: "unsure".into(),
        };
        assert_eq!(
            question("Claim", &e, &used),
            "Remove the value “unsure” of “check-worthy” from Claim? Claim has 1 annotation in 1 document; those that carry it lose it, in every document. This cannot be undone."
        );
        let e = AttrEdit::Remove {
            name: "тип".into()
        };
        let used = Usage {
            spans: 12,
            documents: 3,
        };
        assert_eq!(
            question("Entité", &e, &used),
            "Remove the attribute “тип” from Entité? Entité has 12 annotations in 3 documents; those that carry it lose it, in every document. This cannot be undone."
        );
    }
}
