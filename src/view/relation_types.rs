//! The relation types in the Labels panel: each type with the label pairs it links (none: any
//! two spans), a pair added from two lists of labels or removed, and a new type added by name.
//! Dispatches `Action::EditRelationTypes`; the rules are `corpus::relation_types`'.

use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::Action;
use super::Dispatcher;
use crate::corpus::relation_types::TypeEdit;
use crate::model::LabelSet;

#[derive(Properties, PartialEq)]
pub struct RelationTypesProps {
    pub labels: LabelSet,
    /// A delete waiting for an answer: the type, its relations and their documents.
    pub asking: Option<(String, usize, usize)>,
}

fn value_of(node: &NodeRef) -> String {
    if let Some(i) = node.cast::<web_sys::HtmlInputElement>() {
        return i.value();
    }
    node.cast::<web_sys::Element>()
        .and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

#[component]
pub fn RelationTypes(props: &RelationTypesProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    let dispatch_cancel = dispatch.clone();
    let new_name = use_node_ref();
    let edit = move |e: TypeEdit| {
        if let Some(d) = &dispatch {
            d.dispatch(Action::EditRelationTypes(e));
        }
    };
    let names: Vec<String> = props
        .labels
        .iter()
        .map(|(_, l)| l.name.to_string())
        .collect();
    let options = |names: &[String]| -> Html {
        names
            .iter()
            .map(|n| html! { <option value={n.clone()}>{ n.clone() }</option> })
            .collect()
    };
    let rows = props.labels.relation_types().iter().map(|t| {
        let name = t.name.to_string();
        let pairs = t.pairs.iter().map(|(a, b)| {
            let remove = {
                let (edit, name, from, to) = (edit.clone(), name.clone(), a.to_string(), b.to_string());
                Callback::from(move |_: MouseEvent| edit(TypeEdit::RemovePair { name: name.clone(), from: from.clone(), to: to.clone() }))
            };
            html! {
                <li>{ format!("{a} → {b}") }
                    <button class="link" onclick={remove} aria-label={format!("Remove {a} → {b} from {name}")}>{"Remove"}</button>
                </li>
            }
        });
        let (from, to, rename_to) = (NodeRef::default(), NodeRef::default(), NodeRef::default());
        let rename = {
            let (edit, name, rename_to) = (edit.clone(), name.clone(), rename_to.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                edit(TypeEdit::Rename { name: name.clone(), new: value_of(&rename_to) });
            })
        };
        let delete = {
            let (edit, name) = (edit.clone(), name.clone());
            Callback::from(move |_: MouseEvent| edit(TypeEdit::Delete { name: name.clone() }))
        };
        let add = {
            let (edit, name, from, to) = (edit.clone(), name.clone(), from.clone(), to.clone());
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                edit(TypeEdit::AddPair { name: name.clone(), from: value_of(&from), to: value_of(&to) });
            })
        };
        html! {
            <li key={name.clone()}>
                <strong>{ name.clone() }</strong>
                { if t.pairs.is_empty() { " links any two spans" } else { " links:" } }
                <ul>{ for pairs }</ul>
                <form class="pair-add" onsubmit={add}>
                    <select ref={from} aria-label={format!("{name}: from label")}>{ options(&names) }</select>
                    {" → "}
                    <select ref={to} aria-label={format!("{name}: to label")}>{ options(&names) }</select>
                    <button type="submit">{ format!("Add pair to {name}") }</button>
                </form>
                <form class="type-rename" onsubmit={rename}>
                    <input type="text" ref={rename_to} value={name.clone()} aria-label={format!("New name for {name}")} />
                    <button type="submit">{ format!("Rename {name}") }</button>
                    <button type="button" onclick={delete}>{ format!("Delete {name}") }</button>
                </form>
            </li>
        }
    });
    let on_add = {
        let (edit, new_name) = (edit.clone(), new_name.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            edit(TypeEdit::Add {
                name: value_of(&new_name),
            });
            if let Some(i) = new_name.cast::<web_sys::HtmlInputElement>() {
                i.set_value("");
            }
        })
    };
    let confirm = {
        let (edit, name) = (
            edit.clone(),
            props
                .asking
                .as_ref()
                .map(|a| a.0.clone())
                .unwrap_or_default(),
        );
        Callback::from(move |_: MouseEvent| edit(TypeEdit::ConfirmDelete { name: name.clone() }))
    };
    let cancel = {
        let dispatch = dispatch_cancel;
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = &dispatch {
                d.dispatch(Action::CancelRetype);
            }
        })
    };
    html! {
        <section class="relation-types" aria-labelledby="relation-types-title">
            <h3 id="relation-types-title">{"Relation types"}</h3>
            <p class="hint">{"A relation links one span to another (a quote said_by an entity). A type with no pairs links any two spans; removing a pair only stops new links of it."}</p>
            <ul class="type-rows">{ for rows }</ul>
            if let Some((name, n, docs)) = &props.asking {
                <div class="dialog" role="alertdialog" aria-label="Delete the relation type?">
                    <p>{ format!("Delete the relation type “{name}”? That removes its {n} relation{} in {docs} document{} and drops the undo steps that name it.",
                                 if *n == 1 { "" } else { "s" }, if *docs == 1 { "" } else { "s" }) }</p>
                    <button onclick={confirm}>{ format!("Delete “{name}” and its relations") }</button>
                    <button onclick={cancel}>{"Cancel"}</button>
                </div>
            }
            <form class="type-add" onsubmit={on_add}>
                <input type="text" ref={new_name} aria-label="New relation type name" placeholder="New relation type" />
                <button type="submit">{"Add relation type"}</button>
            </form>
        </section>
    }
}
