//! Where the keyboard goes when a dialog opens and closes: [`Focus`] holds an open dialog's
//! contents, moves the keyboard to one of its elements when it is drawn, and, when asked, back to
//! the article when it leaves the page. The dialogs that use it (the help, the Labels panel,
//! the name question, the note editor, the attribute picker) are drawn only while open, so the
//! component exists only then: a visit that opens no dialog never runs it, and the split keeps
//! it out of the first part of the page's wasm.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FocusProps {
    /// The id of the element that takes the keyboard when the dialog is drawn.
    pub first: AttrValue,
    /// Whether the keyboard goes back to the article when the dialog closes.
    #[prop_or_default]
    pub back: bool,
    pub children: Html,
}

#[component]
pub fn Focus(props: &FocusProps) -> Html {
    let (first, back) = (props.first.clone(), props.back);
    use_effect_with((), move |_| {
        let target = crate::browser::document()
            .and_then(|d| d.get_element_by_id(&first))
            .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
        if let Some(el) = target {
            let _ = el.focus();
        }
        move || {
            if back {
                super::attributes::back_to_article();
            }
        }
    });
    props.children.clone()
}
