//! The focused span's details (Enter): label, covered text, offsets, its attributes and note
//! (`attributes::SpanProps`), and how to change them.

use yew::prelude::*;

use super::pure::{panel, Panel};
use super::state::{clip, Action};
use super::{Dispatcher, Snapshot};
use crate::model::{Document, Span, SpanId};

#[derive(Clone)]
pub struct DetailsProps {
    pub doc: Snapshot<Document>,
    pub focused: Option<SpanId>,
    pub open: bool,
}

/// By what the panel shows: nothing while closed, so edits leave a closed panel alone; the
/// document (by revision) only while it is open on a span.
impl PartialEq for DetailsProps {
    fn eq(&self, other: &Self) -> bool {
        let shown = |p: &Self| p.open && p.focused.is_some();
        shown(self) == shown(other)
            && (!shown(self)
                || (self.focused == other.focused
                    && self.open == other.open
                    && self.doc == other.doc))
    }
}

impl Panel for DetailsProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let doc = &props.doc;
        let Some(span) = props
            .focused
            .as_ref()
            .and_then(|id| doc.spans().get(id))
            .filter(|_| props.open)
        else {
            return html! {};
        };
        details(doc, span, dispatch)
    }
}

/// The open details. Apart from the component, which renders (nothing) while no span's details
/// are open: a visit that never opens them never runs this, so the split keeps it out of the
/// first part of the page's wasm (scripts/split.sh).
#[inline(never)]
fn details(doc: &Snapshot<Document>, span: &Span, dispatch: &Option<Dispatcher>) -> Html {
    let label = doc.labels().name(span.label()).to_string();
    html! {
        <section class="details" aria-label="Span details" aria-live="polite">
            <h2>{ format!("{label} “{}”", clip(doc.covered(span), 60)) }</h2>
            <dl>
                <dt>{"Label"}</dt><dd>{ label.clone() }</dd>
                <dt>{"Text"}</dt><dd class="covered-full">{ clip(doc.covered(span), 400) }</dd>
                <dt>{"Offsets"}</dt><dd>{ format!("{}–{} (code points, end exclusive)", span.start(), span.end()) }</dd>
                <dt>{"Id"}</dt><dd>{ span.id().to_string() }</dd>
            </dl>
            { panel(super::attributes::SpanProps { doc: doc.clone(), id: span.id().clone() }) }
            { panel(super::relations::SpanRelationsProps { doc: doc.clone(), span: span.id().clone() }) }
            <p class="hint">{"Change the label with its key; resize with Shift+arrows (end) and Alt+Shift+arrows (start), Ctrl for words; Delete removes it; T sets an attribute, Shift+N writes a note, L links it to another span."}</p>
            <button onclick={super::send_with(dispatch, span.id().clone(), Action::Delete)}>{"Delete"}</button>
            <button onclick={super::send(dispatch, || Action::ToggleDetails)}>{"Close details"}</button>
        </section>
    }
}
