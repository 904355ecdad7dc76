//! The shortcut help (`?`): a dialog generated from the same table the key handler uses
//! (`keys::SHORTCUTS`), plus the browser's own caret keys that work in the article.

use yew::prelude::*;

use super::focus::Focus;
use super::keys::{NATIVE_KEYS, SHORTCUTS};
use super::pure::Panel;
use super::state::Action;
use super::Dispatcher;

#[derive(PartialEq)]
pub struct HelpProps {
    pub open: bool,
    /// The corpus's labels: their keys and guidelines are listed too.
    pub labels: crate::model::LabelSet,
}

/// Closed, nothing; open, the dialog, which takes the keyboard (its Close button) and gives it
/// back to the article when it closes.
impl Panel for HelpProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        if !self.open {
            return html! {};
        }
        html! { <Focus first="help-close" back=true>{ dialog(self, dispatch.clone()) }</Focus> }
    }
}

/// The open dialog. Apart from the panel, which is drawn closed on every visit: a visit that
/// never opens it never runs this, so the split keeps it out of the first part of the page's
/// wasm (scripts/split.sh).
#[inline(never)]
fn dialog(props: &HelpProps, dispatch: Option<Dispatcher>) -> Html {
    let close = Callback::from(move |_: MouseEvent| {
        if let Some(d) = &dispatch {
            d.dispatch(Action::Help(false))
        }
    });
    let rows = SHORTCUTS
        .iter()
        .map(|s| html! { <tr><th scope="row"><kbd>{ s.keys }</kbd></th><td>{ s.does }</td></tr> });
    let native = NATIVE_KEYS
        .iter()
        .map(|(k, d)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *d }</td></tr> });
    let linking = super::relations::LINK_KEYS
        .iter()
        .map(|(k, d)| html! { <tr><th scope="row"><kbd>{ *k }</kbd></th><td>{ *d }</td></tr> });
    let labels = props.labels.iter().map(|(_, l)| {
        html! {
            <tr>
                <th scope="row">{ match l.hotkey { Some(k) => html! { <kbd>{ k }</kbd> }, None => html! { {"—"} } } }</th>
                <td>{ l.name.to_string() }</td>
                <td>{ if l.description.is_empty() { "no guideline yet".to_string() } else { l.description.to_string() } }</td>
            </tr>
        }
    });
    html! {
        <div class="overlay">
            <section class="help" role="dialog" aria-modal="true" aria-labelledby="help-title">
                <h2 id="help-title">{"Keyboard shortcuts"}</h2>
                <table>
                    <caption>{"Article Annotator"}</caption>
                    <tbody>{ for rows }</tbody>
                </table>
                <table>
                    <caption>{"While linking (after L)"}</caption>
                    <tbody>{ for linking }</tbody>
                </table>
                <table>
                    <caption>{"Labels and their guidelines (edit them in the Labels panel)"}</caption>
                    <tbody>{ for labels }</tbody>
                </table>
                <table>
                    <caption>{"In the article (the browser's own caret keys)"}</caption>
                    <tbody>{ for native }</tbody>
                </table>
                <button id="help-close" onclick={close}>{"Close"}</button>
            </section>
        </div>
    }
}
