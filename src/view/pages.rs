//! Which screens a build of the page carries. The annotator's page (`index.html`, the first
//! paint of every visit) leaves out the review screen, the agreement panel, their reducer
//! (gold edits, the conflict loop) and their store work (opening a review, measuring
//! agreement): opening either there goes to `review.html`,
//! whose build carries everything, with what to open in the address's fragment ([`Arrival`]).
//! Each bin names its [`Pages`] in `main`, so the linker keeps only the code its screens
//! reach; the rest of the app does not know which page it runs on.

use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::OnceLock;

use yew::functional::{Hook, HookContext};
use yew::prelude::*;

use super::jobs::SharedSession;
use super::state::{Action, AppState, ReviewAction, ReviewJob};
use super::{Dispatcher, Latest};
use crate::browser::session::Session;
use crate::format::store::DocRecord;
use crate::model::LabelSet;

/// A review job running against the store (`view::review::jobs::run`).
pub type ReviewJobRun = for<'a> fn(
    &'a Session,
    ReviewJob,
    &'a BTreeMap<String, DocRecord>,
    &'a LabelSet,
    &'a Dispatcher,
) -> Pin<Box<dyn Future<Output = ()> + 'a>>;

/// The screens and work one page carries.
#[derive(Clone, Copy)]
pub struct Pages {
    /// The review screen.
    pub review: fn(&AppState, Latest) -> Html,
    /// The agreement panel.
    pub agreement: fn(&AppState) -> Html,
    /// Runs a review job.
    pub run_review_job: ReviewJobRun,
    /// At start-up, once the store is open and the list asked for: opens what the address
    /// says.
    pub arrived: fn(&Dispatcher),
    /// The reducer on the review screen: takes the article's actions to edit gold, or gives
    /// them back (`AppState::review_takes`).
    pub review_takes: fn(&mut AppState, Action) -> Option<Action>,
    /// The review screen's own actions (`AppState::review_screen_action`).
    pub review_screen: fn(&mut AppState, ReviewAction),
    /// The hooks of the screens, run by the app's root on every render
    /// (`view::review::use_review_saving`): a page runs the same ones on every render.
    pub hooks: fn(&mut HookContext, &UseReducerHandle<AppState>, &SharedSession),
    /// Downloads the open review's gold naming the reviewer (`view::review::export::gold`),
    /// once the name dialog, which both pages carry, has the name.
    pub export_gold: fn(&UseReducerHandle<AppState>, &str),
}

/// The annotator's page: reviews and agreement open on `review.html`.
pub const ANNOTATOR: Pages = Pages {
    review: elsewhere,
    agreement: |_| elsewhere_line(),
    run_review_job: go_to_review,
    arrived: |_| {},
    review_takes: |_, action| Some(action),
    review_screen: |_, _| {},
    hooks: |_, _, _| {},
    export_gold: |_, _| {},
};

static PAGES: OnceLock<Pages> = OnceLock::new();

/// Without [`set`]: the annotator's page, and every screen in the unit tests.
#[cfg(not(test))]
const UNSET: Pages = ANNOTATOR;
#[cfg(test)]
const UNSET: Pages = super::review::ALL_PAGES;

/// Runs the hooks of the page's screens ([`Pages::hooks`]) as one hook of the app's root.
pub fn use_page_hooks<'a>(
    state: &'a UseReducerHandle<AppState>,
    session: &'a SharedSession,
) -> impl Hook<Output = ()> + 'a {
    struct PageHooks<'a>(&'a UseReducerHandle<AppState>, &'a SharedSession);
    impl Hook for PageHooks<'_> {
        type Output = ();
        fn run(self, ctx: &mut HookContext) {
            (pages().hooks)(ctx, self.0, self.1)
        }
    }
    PageHooks(state, session)
}

/// The pages this build was started with.
pub fn pages() -> Pages {
    PAGES.get().copied().unwrap_or(UNSET)
}

/// Sets the pages once, before the app mounts.
pub fn set(pages: Pages) {
    let _ = PAGES.set(pages);
}

fn elsewhere(_: &AppState, _: Latest) -> Html {
    elsewhere_line()
}

fn elsewhere_line() -> Html {
    html! { <p class="loading" role="status">{ "Opening the review page…" }</p> }
}

/// The file of the page that carries the review screen, next to `index.html`.
pub const REVIEW_PAGE: &str = "review.html";

/// What `review.html` opens when it starts, as the address's fragment says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Arrival {
    /// The review of this document.
    Review(String),
    /// The agreement panel over these documents (all of them when empty).
    Agreement(Vec<String>),
}

impl Arrival {
    /// The fragment's key and its value before percent-encoding (`key=value`).
    pub fn parts(&self) -> (&'static str, String) {
        match self {
            Arrival::Review(id) => ("review", id.clone()),
            Arrival::Agreement(ids) => (
                "agreement",
                serde_json::to_string(ids).unwrap_or_else(|_| "[]".into()),
            ),
        }
    }

    /// Reads the fragment's key and its decoded value back; anything else is no arrival.
    pub fn from_parts(key: &str, value: &str) -> Option<Arrival> {
        match key {
            "review" if !value.is_empty() => Some(Arrival::Review(value.to_string())),
            "agreement" => serde_json::from_str(value).ok().map(Arrival::Agreement),
            _ => None,
        }
    }

    /// The action that opens it.
    pub fn action(self) -> Action {
        use super::state::review::AgreementAction;
        match self {
            Arrival::Review(id) => Action::Review(ReviewAction::Open(id)),
            Arrival::Agreement(ids) => {
                Action::Review(ReviewAction::Agreement(AgreementAction::Open(ids)))
            }
        }
    }
}

/// The address of `review.html` opening `arrival`.
pub fn review_address(arrival: &Arrival) -> String {
    let (key, value) = arrival.parts();
    let value: String = js_sys::encode_uri_component(&value).into();
    format!("{REVIEW_PAGE}#{key}={value}")
}

/// What the page's address asks to open, if anything; the fragment is cleared, so a reload
/// or a return to the list does not open it again.
pub fn take_arrival() -> Option<Arrival> {
    let window = web_sys::window()?;
    let location = window.location();
    let hash = location.hash().ok()?;
    let (key, value) = hash.strip_prefix('#')?.split_once('=')?;
    let value: String = js_sys::decode_uri_component(value).ok()?.into();
    let arrival = Arrival::from_parts(key, &value);
    if let Ok(history) = window.history() {
        let path = location.pathname().unwrap_or_default();
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path));
    }
    arrival
}

/// The annotator's page runs the name's own job and goes to `review.html` for the others.
fn go_to_review<'a>(
    s: &'a Session,
    job: ReviewJob,
    _: &'a BTreeMap<String, DocRecord>,
    _: &'a LabelSet,
    dispatcher: &'a Dispatcher,
) -> Pin<Box<dyn Future<Output = ()> + 'a>> {
    Box::pin(async move {
        let arrival = match job {
            ReviewJob::SaveAnnotator(name) => {
                super::review::jobs::save_annotator(s, &name, dispatcher).await;
                return;
            }
            ReviewJob::Open { id, .. } => Arrival::Review(id),
            ReviewJob::Agreement { ids, .. } => Arrival::Agreement(ids.to_vec()),
        };
        if let Some(w) = web_sys::window() {
            let _ = w.location().assign(&review_address(&arrival));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn round_trip(arrival: Arrival) {
        let (key, value) = arrival.parts();
        assert_eq!(Arrival::from_parts(key, &value), Some(arrival));
    }

    #[test]
    fn arrivals_round_trip_through_their_parts() {
        round_trip(Arrival::Review("doc-1".into()));
        round_trip(Arrival::Review("Ελληνικά 👩🏽‍💻 日本語 עברית, a=b#c".into()));
        round_trip(Arrival::Agreement(vec![]));
        round_trip(Arrival::Agreement(vec![
            "a,b".into(),
            "\"quoted\"".into(),
            "🇺🇳".into(),
        ]));
    }

    #[track_caller]
    fn check(key: &str, value: &str, want: Option<Arrival>) {
        assert_eq!(Arrival::from_parts(key, value), want, "{key}={value}");
    }

    #[test]
    fn anything_else_is_no_arrival() {
        check("review", "", None);
        check("agreement", "not json", None);
        check("agreement", "{\"ids\":[]}", None);
        check("agreement", "[1,2]", None);
        check("open", "doc-1", None);
        check("", "", None);
        check("review", "x", Some(Arrival::Review("x".into())));
        check(
            "agreement",
            "[\"a\"]",
            Some(Arrival::Agreement(vec!["a".into()])),
        );
    }
}
