//! A button that shows and hides a small panel below it (the home screen's Storage and
//! Settings): the one piece of state such a panel needs, whether it is open, kept by one
//! component type for all of them. What it holds is drawn only while open; a form submitted
//! in it closes it, after the form's own handler (the event bubbles up to it).

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct DisclosureProps {
    /// The class of the element holding the button and the panel.
    pub class: &'static str,
    /// The button's words.
    pub label: &'static str,
    /// What shows while open.
    pub children: Html,
}

#[component]
pub fn Disclosure(props: &DisclosureProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let onsubmit = {
        let open = open.clone();
        Callback::from(move |_: SubmitEvent| open.set(false))
    };
    html! {
        <span class={props.class} {onsubmit}>
            <button onclick={toggle} aria-expanded={open.to_string()}>{ props.label }</button>
            if *open { { props.children.clone() } }
        </span>
    }
}
