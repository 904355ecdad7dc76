//! The storage panel: how much this site stores in the browser, how much the browser grants,
//! and whether it keeps the corpus when space runs low (persistent storage, asked for at
//! start). Read when the panel opens.

use yew::prelude::*;

use super::super::disclosure::disclosure;
use super::super::state::Small;
use super::super::Dispatcher;
use crate::browser::quota;
use crate::format::limits::human_size;

/// What the browser said: (used, granted) in bytes, and whether it keeps the storage.
type Info = (Option<(u64, u64)>, Option<bool>);

/// The Storage button and, while `open`, its panel.
pub fn storage_panel(dispatch: &Option<Dispatcher>, open: bool) -> Html {
    disclosure(
        dispatch,
        Small::Storage,
        open,
        "storage-panel",
        "Storage",
        || {
            html! { <StorageInfo /> }
        },
    )
}

/// The open panel: asks the browser when it is drawn, and says what it answered. Mounted only
/// while open, so a visit that never opens it never runs it and the split keeps it out of the
/// first part of the page's wasm (scripts/split.sh).
#[component]
fn StorageInfo() -> Html {
    let info = use_state(|| None::<Info>);
    {
        let info = info.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                let estimate = quota::estimate().await;
                let kept = quota::persisted().await;
                info.set(Some((estimate, kept)));
            });
        });
    }
    panel(*info)
}

/// What the browser said, in words (asking, until it answers).
#[inline(never)]
fn panel(info: Option<Info>) -> Html {
    let size = |b: u64| human_size(usize::try_from(b).unwrap_or(usize::MAX));
    html! {
                <section class="panel" aria-label="Storage in this browser">
                    { match info {
                        None => html! { <p>{"Asking the browser…"}</p> },
                        Some((estimate, kept)) => html! {
                            <>
                                <p>{ match estimate {
                                    Some((used, granted)) => format!("This browser stores {} for Article Annotator and grants up to {}.", size(used), size(granted)),
                                    None => "This browser does not say how much it stores.".to_string(),
                                } }</p>
                                <p>{ match kept {
                                    Some(true) => "The browser keeps these documents even when space runs low.",
                                    Some(false) => "The browser may clear these documents when space runs low: export what you cannot lose.",
                                    None => "This browser does not say whether it keeps these documents.",
                                } }</p>
                                <p class="hint">{"Everything stays in this browser: nothing is sent anywhere."}</p>
                            </>
                        },
                    } }
                </section>
    }
}
