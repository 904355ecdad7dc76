//! The review screen in headless Chromium (wasm-bindgen-test): the article keeps exactly the
//! text with gold, layers and conflicts drawn over it; each layer span's badge names its layer
//! by number and initials; a layer can be hidden; the conflict in focus is boxed; and the DOM
//! selection still reads back as code points over all those marks (astral, RTL text).
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use article_annotator::browser::selection::article_selection;
use article_annotator::format::store::DocRecord;
use article_annotator::model::caret::Dir;
use article_annotator::model::{Document, LabelSet};
use article_annotator::review::{LayerSpan, Review, ReviewLayer, Threshold};
use article_annotator::view::state::{Action, AppState, ReviewAction};
use article_annotator::view::{AppHandle, Dispatcher, Latest};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

const TEXT: &str = "Zoë 👩🏽‍💻 met مريم in 東京.\r\nMerkel said: «nein».";

#[derive(Properties)]
struct HarnessProps {
    initial: AppState,
    handle: Rc<RefCell<Option<AppHandle>>>,
}

impl PartialEq for HarnessProps {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

#[component]
fn Harness(props: &HarnessProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial);
    *props.handle.borrow_mut() = Some(state.clone());
    html! {
        <ContextProvider<Dispatcher> context={state.dispatcher()}>
            { article_annotator::view::review::screen(&state, Latest(state.clone())) }
        </ContextProvider<Dispatcher>>
    }
}

fn spans(list: &[(usize, usize, &str)]) -> Vec<LayerSpan> {
    list.iter()
        .map(|&(a, b, l)| LayerSpan::new(a, b, l))
        .collect()
}

struct Mounted {
    root: Element,
    handle: Rc<RefCell<Option<AppHandle>>>,
}

impl Mounted {
    fn state(&self) -> AppHandle {
        self.handle.borrow().clone().expect("mounted")
    }

    fn all(&self, selector: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(selector).unwrap();
        (0..list.length())
            .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
            .collect()
    }

    fn article(&self) -> Element {
        self.root
            .query_selector("[aria-label='Article']")
            .unwrap()
            .expect("the article is rendered")
    }

    async fn dispatch(&self, a: ReviewAction) {
        self.state().dispatch(Action::Review(a));
        yew::scheduler::flush().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

async fn mount() -> Mounted {
    article_annotator::browser::graphemes::install().unwrap();
    // The review page's reducer: the review screen's actions and gold edits.
    article_annotator::view::pages::set(article_annotator::view::review::ALL_PAGES);
    let doc = Document::new("t", TEXT, LabelSet::standard()).with_id("d");
    // "Zoë" 0..3, "مريم" 13..17, "東京" 21..23, "«nein»" 39..45 (the emoji is 4 code points).
    let ada = ReviewLayer::annotator(
        "Ada Lovelace",
        spans(&[(0, 3, "PER"), (13, 17, "PER"), (39, 45, "QUOTE")]),
    );
    let bob = ReviewLayer::annotator(
        "bob",
        spans(&[(0, 3, "PER"), (13, 17, "ORG"), (21, 23, "LOC")]),
    );
    let review = Review::new(doc.clone(), vec![ada, bob], Threshold::All).unwrap();
    let mut initial = AppState::default();
    initial.apply(Action::Review(ReviewAction::Opened {
        record: Box::new(DocRecord::new(&doc, BTreeMap::new(), 1)),
        review: Box::new(review),
        notes: Vec::new(),
    }));
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let handle = Rc::new(RefCell::new(None));
    yew::Renderer::<Harness>::with_root_and_props(
        root.clone(),
        HarnessProps {
            initial,
            handle: handle.clone(),
        },
    )
    .render();
    yew::scheduler::flush().await;
    Mounted { root, handle }
}

#[wasm_bindgen_test]
async fn layers_are_drawn_over_the_exact_text_and_told_apart_by_badges() {
    let m = mount().await;
    assert_eq!(m.article().text_content().unwrap(), TEXT);
    let badges: Vec<String> = m
        .all("mark.ly.s")
        .iter()
        .filter_map(|e| e.get_attribute("data-label"))
        .collect();
    let mut sorted = badges.clone();
    sorted.sort();
    assert_eq!(
        sorted,
        [
            "1·AL PER",
            "1·AL PER",
            "1·AL QUOTE",
            "2·B LOC",
            "2·B ORG",
            "2·B PER"
        ]
    );
    let gold: Vec<String> = m
        .all("mark.hl.gold")
        .iter()
        .map(|e| e.text_content().unwrap())
        .collect();
    assert_eq!(gold, ["Zoë"], "the span both agree on is merged");
    assert!(m.all("mark.cf").len() >= 3, "each disagreement is boxed");

    // Hiding Ada's layer takes her marks away and nothing else.
    m.dispatch(ReviewAction::ToggleLayer(0)).await;
    assert!(m.all("mark.ly[data-id^='~0~']").is_empty());
    assert_eq!(m.all("mark.ly[data-id^='~1~']").len(), 3);
    assert_eq!(m.article().text_content().unwrap(), TEXT);
    m.dispatch(ReviewAction::ToggleLayer(0)).await;

    // The conflict in focus is boxed as the current one.
    m.dispatch(ReviewAction::StepConflict(Dir::Forward)).await;
    let current = m.all("mark.cf.cur");
    assert!(!current.is_empty());
    assert_eq!(current[0].text_content().unwrap(), "مريم");
}

#[wasm_bindgen_test]
async fn the_selection_reads_back_as_code_points_over_the_marks() {
    let m = mount().await;
    let article = m.article();
    let doc = web_sys::window().unwrap().document().unwrap();
    let walker = doc
        .create_tree_walker_with_what_to_show(&article, 4 /* SHOW_TEXT */)
        .unwrap();
    // Select "مريم in 東京" (code points 13..23) through the DOM.
    let (mut seen, mut points) = (0usize, Vec::new());
    while let Some(n) = walker.next_node().unwrap() {
        let data = n.text_content().unwrap_or_default();
        let len = data.chars().count();
        for want in [13usize, 23] {
            if want >= seen && want < seen + len {
                let units: usize = data.chars().take(want - seen).map(char::len_utf16).sum();
                points.push((n.clone(), units as u32));
            }
        }
        seen += len;
    }
    let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    sel.set_base_and_extent(&points[0].0, points[0].1, &points[1].0, points[1].1)
        .unwrap();
    let text = m.state().doc().text_rc();
    assert_eq!(article_selection(&article, &text), Some((13, 23)));
    assert_eq!(
        text.slice(article_annotator::model::CharRange::new(13, 23).unwrap()),
        Some("مريم in 東京")
    );
}
