//! Component tests in headless Chromium (wasm-bindgen-test): the article's DOM and text, the
//! DOM selection read back as code points on astral text, the list, and that an edit touches
//! only the DOM of the paragraph it changes.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_annotator::browser::selection::article_selection;
use article_annotator::model::{CharRange, Document, Editor, LabelId, LabelSet};
use article_annotator::view::annotations::AnnotationList;
use article_annotator::view::article::ArticleView;
use article_annotator::view::state::{Action, AppState};
use article_annotator::view::{doc_snapshot, AppHandle, Dispatcher, Latest};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, Node};
use yew::prelude::*;

wasm_bindgen_test_configure!(run_in_browser);

#[derive(Properties)]
struct HarnessProps {
    initial: AppState,
    handle: Rc<RefCell<Option<AppHandle>>>,
}

/// The harness is rendered once with its props and never given new ones.
impl PartialEq for HarnessProps {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// The article and the list over a given state; hands its reducer handle to the test.
#[component]
fn Harness(props: &HarnessProps) -> Html {
    let initial = props.initial.clone();
    let state = use_reducer(move || initial);
    *props.handle.borrow_mut() = Some(state.clone());
    html! {
        <ContextProvider<Dispatcher> context={state.dispatcher()}>
            <ArticleView state={Latest(state.clone())} doc={doc_snapshot(&state)} text_revision={state.editor.text_revision()}
                         focused={state.focused.clone()} find={state.find.clone()} />
            <AnnotationList doc={doc_snapshot(&state)} focused={state.focused.clone()} />
        </ContextProvider<Dispatcher>>
    }
}

struct Mounted {
    root: Element,
    handle: Rc<RefCell<Option<AppHandle>>>,
}

impl Mounted {
    fn article(&self) -> Element {
        self.root
            .query_selector("[aria-label='Article']")
            .unwrap()
            .expect("the article is rendered")
    }

    fn state(&self) -> AppHandle {
        self.handle.borrow().clone().expect("mounted")
    }

    async fn dispatch(&self, action: Action) {
        self.state().dispatch(action);
        yew::scheduler::flush().await;
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
    }
}

async fn mount(text: &str, spans: &[(u8, usize, usize)]) -> Mounted {
    let mut editor = Editor::new(Document::new("t", text, LabelSet::standard()));
    for &(label, start, end) in spans {
        editor
            .add_span(LabelId(label), CharRange::new(start, end).unwrap())
            .unwrap();
    }
    let initial = AppState {
        editor,
        ..AppState::default()
    };
    let doc = web_sys::window().unwrap().document().unwrap();
    let root = doc.create_element("div").unwrap();
    doc.body().unwrap().append_child(&root).unwrap();
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

/// Code point offset → (text node, UTF-16 offset in it), walking the article's text nodes.
fn dom_point(article: &Element, char_pos: usize) -> (Node, u32) {
    let doc = web_sys::window().unwrap().document().unwrap();
    let walker = doc
        .create_tree_walker_with_what_to_show(article, 4 /* SHOW_TEXT */)
        .unwrap();
    let mut seen = 0usize;
    let mut last = None;
    while let Some(n) = walker.next_node().unwrap() {
        let data = n.text_content().unwrap_or_default();
        let len = data.chars().count();
        if char_pos < seen + len {
            let units: usize = data
                .chars()
                .take(char_pos - seen)
                .map(char::len_utf16)
                .sum();
            return (n, units as u32);
        }
        seen += len;
        last = Some((n, data.encode_utf16().count() as u32));
    }
    last.expect("the article has text")
}

/// Selects from code point `anchor` to `focus` (either order) through the DOM, then reads the
/// selection back through the app's adapter.
fn select_and_read(m: &Mounted, anchor: usize, focus: usize) -> Option<(usize, usize)> {
    let article = m.article();
    let (an, ao) = dom_point(&article, anchor);
    let (fnode, fo) = dom_point(&article, focus);
    let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    sel.set_base_and_extent(&an, ao, &fnode, fo).unwrap();
    let text = m.state().doc().text_rc();
    article_selection(&article, &text)
}

const ASTRAL: &str =
    "👨\u{200d}👩\u{200d}👧 Obama visited 👍🏽 Paris.\n習近平 said 𝔐𝔞𝔱𝔥 \r\nقال أردوغان\n";

#[wasm_bindgen_test]
async fn article_text_content_is_exactly_the_text_with_nested_marks() {
    // Quote [0,24) holds Entity [1,9), like “Karabakh is Azerbaijan”.
    let text = "“Karabakh is Azerbaijan” were chanted.\r\n\tNext line\n";
    let m = mount(text, &[(2, 0, 24), (0, 1, 9)]).await;
    let article = m.article();
    assert_eq!(article.text_content().unwrap(), text);
    let inner = article
        .query_selector("mark.l2 mark.l0")
        .unwrap()
        .expect("the entity mark sits inside the quote mark");
    assert_eq!(inner.text_content().unwrap(), "Karabakh");
    assert_eq!(
        inner.get_attribute("title").as_deref(),
        Some("Entity"),
        "hover names the label"
    );
    let outer_badge = article.query_selector("mark.l2.s").unwrap().unwrap();
    assert_eq!(
        outer_badge.get_attribute("data-label").as_deref(),
        Some("Quote")
    );
    // The badge is drawn by CSS, so it is not text.
    assert!(!article.text_content().unwrap().contains("Quote"));
}

#[wasm_bindgen_test]
async fn selections_read_back_as_code_points_on_astral_text() {
    let m = mount(ASTRAL, &[(0, 6, 11)]).await;
    let cp = |needle: &str| {
        let b = ASTRAL.find(needle).unwrap();
        let s = ASTRAL[..b].chars().count();
        (s, s + needle.chars().count())
    };
    let (s, e) = cp("Obama");
    assert_eq!(
        (s, e),
        (6, 11),
        "after the ZWJ family: code points, not UTF-16 units"
    );
    assert_eq!(
        select_and_read(&m, s, e),
        Some((6, 11)),
        "inside an existing highlight"
    );
    let (s, e) = cp("Paris");
    assert_eq!(
        select_and_read(&m, e, s),
        Some((e, s)),
        "backwards keeps anchor and focus"
    );
    let (s, _) = cp("習近平");
    let (_, e) = cp("𝔐𝔞𝔱𝔥");
    assert_eq!(
        select_and_read(&m, s, e),
        Some((s, e)),
        "CJK to mathematical letters, across a block"
    );
    let (s, e) = cp("أردوغان");
    assert_eq!(
        select_and_read(&m, s, e),
        Some((s, e)),
        "right-to-left text"
    );
}

#[wasm_bindgen_test]
async fn a_selection_from_outside_the_article_clamps_to_its_start() {
    let m = mount("Merkel said.", &[]).await;
    let outside = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .create_element("p")
        .unwrap();
    outside.set_text_content(Some("before"));
    m.root.prepend_with_node_1(&outside).unwrap();
    let article = m.article();
    let (fnode, fo) = dom_point(&article, 6);
    let sel = web_sys::window().unwrap().get_selection().unwrap().unwrap();
    sel.set_base_and_extent(&outside.first_child().unwrap(), 2, &fnode, fo)
        .unwrap();
    let text = m.state().doc().text_rc();
    assert_eq!(article_selection(&article, &text), Some((0, 6)));
}

#[wasm_bindgen_test]
async fn the_list_has_one_item_per_span_in_text_order() {
    let m = mount(
        "Merkel said: \"We will manage.\"",
        &[(1, 14, 28), (0, 0, 6), (2, 13, 30)],
    )
    .await;
    let list = m
        .root
        .query_selector("[role='list'][aria-label='Annotations']")
        .unwrap()
        .expect("the list");
    let items = list.query_selector_all("li").unwrap();
    let got: Vec<String> = (0..items.length())
        .map(|i| {
            items
                .item(i)
                .unwrap()
                .dyn_into::<Element>()
                .unwrap()
                .query_selector(".covered")
                .unwrap()
                .unwrap()
                .text_content()
                .unwrap()
        })
        .collect();
    assert_eq!(got, ["Merkel", "\"We will manage.\"", "We will manage"]);
}

#[wasm_bindgen_test]
async fn an_edit_touches_only_the_dom_of_its_paragraph() {
    // Four paragraphs of 1,500 code points: each is a block of its own.
    let text: String = ["First", "Second", "Third", "Fourth"]
        .iter()
        .map(|w| format!("{w} {}\n", "word ".repeat(298)))
        .collect();
    let text = text.as_str();
    let m = mount(text, &[(0, 0, 5)]).await;
    let article = m.article();
    let records: Rc<RefCell<Vec<web_sys::MutationRecord>>> = Rc::default();
    let sink = records.clone();
    let cb = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
        move |batch: js_sys::Array| {
            sink.borrow_mut()
                .extend(batch.iter().map(|r| r.unchecked_into()));
        },
    );
    let observer = web_sys::MutationObserver::new(cb.as_ref().unchecked_ref()).unwrap();
    let opts = web_sys::MutationObserverInit::new();
    opts.set_subtree(true);
    opts.set_child_list(true);
    opts.set_character_data(true);
    opts.set_attributes(true);
    observer.observe_with_options(&article, &opts).unwrap();

    let third_start = text.find("Third").unwrap();
    assert_eq!(m.article().children().length(), 4);
    m.dispatch(Action::LabelSelection {
        label: LabelId(1),
        anchor: third_start,
        focus: third_start + 5,
    })
    .await;
    records
        .borrow_mut()
        .extend(observer.take_records().iter().map(|r| r.unchecked_into()));
    observer.disconnect();
    let third = article.children().item(2).unwrap();
    let recs = records.borrow();
    assert_eq!(m.state().doc().spans().len(), 2, "the span was added");
    assert!(
        article.query_selector("mark.l1").unwrap().is_some(),
        "the new highlight is drawn: {}",
        article.inner_html()
    );
    assert!(!recs.is_empty(), "the new highlight changed the DOM");
    for r in recs.iter() {
        let target = r.target().unwrap();
        let article_node: &Node = article.as_ref();
        if &target == article_node && r.attribute_name().as_deref() == Some("data-drawn") {
            continue; // the "drawn" signal for the benchmark, not a re-render
        }
        assert!(
            third.contains(Some(&target)),
            "a mutation outside the edited paragraph: {:?}",
            target.node_name()
        );
    }
    assert_eq!(article.text_content().unwrap(), text);
}
