//! Component tests in headless Chromium (wasm-bindgen-test): the article's DOM and text, the
//! DOM selection read back as code points on astral text, the list, and that an edit touches
//! only the DOM of the paragraph it changes and adds one row to the list.
#![cfg(target_arch = "wasm32")]

use std::cell::RefCell;
use std::rc::Rc;

use article_annotator::browser::selection::article_selection;
use article_annotator::model::{CharRange, Document, Editor, LabelId, LabelSet};
use article_annotator::view::annotations::AnnotationList;
use article_annotator::view::article::ArticleView;
use article_annotator::view::state::{Action, AppState};
use article_annotator::view::warm::WARMED_UP;
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
                         focused={state.focused.clone()} find={state.find.clone()} caret={state.caret}
                         redraws={state.redraws} />
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
    article_annotator::browser::graphemes::install().unwrap();
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

/// Records every DOM mutation under `target` until [`Recorder::finish`].
struct Recorder {
    observer: web_sys::MutationObserver,
    records: Rc<RefCell<Vec<web_sys::MutationRecord>>>,
    _callback: wasm_bindgen::closure::Closure<dyn FnMut(js_sys::Array)>,
}

impl Recorder {
    fn watch(target: &Element) -> Recorder {
        let records: Rc<RefCell<Vec<web_sys::MutationRecord>>> = Rc::default();
        let sink = records.clone();
        let callback = wasm_bindgen::closure::Closure::<dyn FnMut(js_sys::Array)>::new(
            move |batch: js_sys::Array| {
                sink.borrow_mut()
                    .extend(batch.iter().map(|r| r.unchecked_into()));
            },
        );
        let observer = web_sys::MutationObserver::new(callback.as_ref().unchecked_ref()).unwrap();
        let opts = web_sys::MutationObserverInit::new();
        opts.set_subtree(true);
        opts.set_child_list(true);
        opts.set_character_data(true);
        opts.set_attributes(true);
        observer.observe_with_options(target, &opts).unwrap();
        Recorder {
            observer,
            records,
            _callback: callback,
        }
    }

    fn finish(self) -> Vec<web_sys::MutationRecord> {
        self.records.borrow_mut().extend(
            self.observer
                .take_records()
                .iter()
                .map(|r| r.unchecked_into()),
        );
        self.observer.disconnect();
        self.records.take()
    }
}

/// The list row (`li`) holding `node`, if any.
fn row_of(node: &Node) -> Option<Element> {
    let el = match node.dyn_ref::<Element>() {
        Some(el) => el.clone(),
        None => node.parent_element()?,
    };
    el.closest("li").unwrap()
}

#[wasm_bindgen_test]
async fn an_edit_touches_only_its_paragraph_and_adds_one_row() {
    // Four paragraphs of 1,500 code points: each is a block of its own.
    let text: String = ["First", "Second", "Third", "Fourth"]
        .iter()
        .map(|w| format!("{w} {}\n", "word ".repeat(298)))
        .collect();
    let text = text.as_str();
    let starts: Vec<usize> = ["First", "Second", "Third", "Fourth"]
        .iter()
        .map(|w| text.find(w).unwrap())
        .collect();
    // Spans before and after the new one, in its paragraph and others, so that its row lands
    // in the middle of the list and the marks after it in its paragraph stay where they are.
    let spans = [
        (0, starts[0], starts[0] + 5),
        (2, starts[1] + 6, starts[1] + 10),
        (0, starts[2] + 6, starts[2] + 10),
        (1, starts[2] + 16, starts[2] + 20),
        (2, starts[3], starts[3] + 6),
    ];
    let m = mount(text, &spans).await;
    let article = m.article();
    let list = m
        .root
        .query_selector("[role='list'][aria-label='Annotations']")
        .unwrap()
        .expect("the list");
    let rows_before: Vec<Element> = (0..list.children().length())
        .map(|i| list.children().item(i).unwrap())
        .collect();
    assert_eq!(rows_before.len(), spans.len());
    let in_article = Recorder::watch(&article);
    let in_list = Recorder::watch(&list);

    let third = article.children().item(2).unwrap();
    let marks_after: Vec<Element> = {
        let all = third.query_selector_all("mark").unwrap();
        (0..all.length())
            .map(|i| all.item(i).unwrap().unchecked_into())
            .collect()
    };
    m.dispatch(Action::LabelSelection {
        label: LabelId(1),
        anchor: starts[2] + 11,
        focus: starts[2] + 15,
    })
    .await;
    let article_records = in_article.finish();
    let list_records = in_list.finish();

    assert_eq!(
        m.state().doc().spans().len(),
        spans.len() + 1,
        "the span was added"
    );
    let new_id = m
        .state()
        .doc()
        .spans()
        .at(3)
        .expect("a fourth span")
        .id()
        .to_string();
    let new_mark = article
        .query_selector(&format!("mark[data-id='{new_id}']"))
        .unwrap()
        .unwrap_or_else(|| panic!("the new highlight is drawn: {}", article.inner_html()));
    assert_eq!(new_mark.text_content().unwrap(), "word");
    assert!(
        !article_records.is_empty(),
        "the new highlight changed the DOM"
    );
    for r in &article_records {
        let target = r.target().unwrap();
        assert!(
            third.contains(Some(&target)),
            "a mutation outside the edited paragraph: {:?}",
            target.node_name()
        );
    }
    // The marks of the paragraph stay the same elements: the new one goes in between.
    for mark in &marks_after {
        assert!(
            third.contains(Some(mark)),
            "a mark of the paragraph was replaced"
        );
    }
    assert_eq!(article.text_content().unwrap(), text);

    // The list: one new row (added once, in fourth place); the other rows are the same
    // elements and only their place in the list (aria-posinset, aria-setsize) may change.
    let rows_after: Vec<Element> = (0..list.children().length())
        .map(|i| list.children().item(i).unwrap())
        .collect();
    assert_eq!(rows_after.len(), spans.len() + 1);
    assert_eq!(
        rows_after[3].get_attribute("data-id").as_deref(),
        Some(new_id.as_str())
    );
    let kept: Vec<&Element> = rows_after
        .iter()
        .filter(|r| r.get_attribute("data-id").as_deref() != Some(new_id.as_str()))
        .collect();
    assert_eq!(kept.len(), rows_before.len());
    for (old, now) in rows_before.iter().zip(kept) {
        assert_eq!(old, now, "a row was replaced");
    }
    let list_node: &Node = list.as_ref();
    for r in &list_records {
        let target = r.target().unwrap();
        if &target == list_node {
            assert_eq!(r.type_(), "childList", "the list element itself changed");
            assert_eq!(r.removed_nodes().length(), 0, "a row was removed");
            let added = r.added_nodes();
            assert_eq!(added.length(), 1);
            let row: Element = added.item(0).unwrap().unchecked_into();
            assert_eq!(
                row.get_attribute("data-id").as_deref(),
                Some(new_id.as_str())
            );
            continue;
        }
        let row = row_of(&target).expect("every mutation in the list is in a row");
        if row.get_attribute("data-id").as_deref() == Some(new_id.as_str()) {
            continue; // the new row is being filled in
        }
        let attribute = r.attribute_name();
        assert!(
            matches!(attribute.as_deref(), Some("aria-posinset" | "aria-setsize")),
            "a mutation in another row: {} {:?} in {:?}",
            r.type_(),
            attribute,
            row.get_attribute("data-id")
        );
    }
    let positions: Vec<Option<String>> = rows_after
        .iter()
        .map(|r| r.get_attribute("aria-posinset"))
        .collect();
    let want: Vec<Option<String>> = (1..=6).map(|i| Some(i.to_string())).collect();
    assert_eq!(positions, want);
    assert!(rows_after
        .iter()
        .all(|r| r.get_attribute("aria-setsize").as_deref() == Some("6")));
}

/// Waits, checking every 10 ms for up to 5 s, until `done` holds.
async fn wait_until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        gloo_timers::future::TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting for {what}");
}

#[wasm_bindgen_test]
async fn the_warm_up_before_the_first_key_leaves_the_state_and_the_page_alone() {
    let perf = web_sys::window().unwrap().performance().unwrap();
    perf.clear_marks_with_mark_name(WARMED_UP);
    // Accented, CJK and emoji text, with a span where the warm-up labels a copy.
    let text = "Zoë Ångström 北京 👩🏽‍💻 met in Zürich.\nSecond paragraph here.\n";
    let m = mount(text, &[(0, 0, 3)]).await;
    let article = m.article();
    let html_before = article.inner_html();
    let revision = m.state().editor.revision();
    let bodies = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap()
        .child_element_count();
    wait_until("the warm-up", || {
        perf.get_entries_by_name(WARMED_UP).length() > 0
    })
    .await;
    yew::scheduler::flush().await;
    assert_eq!(
        m.state().editor.revision(),
        revision,
        "the state did not change"
    );
    assert_eq!(m.state().doc().spans().len(), 1);
    assert_eq!(
        article.inner_html(),
        html_before,
        "the article did not change"
    );
    assert_eq!(article.text_content().unwrap(), text);
    let body = web_sys::window()
        .unwrap()
        .document()
        .unwrap()
        .body()
        .unwrap();
    assert_eq!(
        body.child_element_count(),
        bodies,
        "nothing was added to the page"
    );
    assert!(m.state().notice.is_none(), "no message");
}

#[wasm_bindgen_test]
async fn the_warm_up_leaves_a_selection_made_before_it_as_it_was() {
    // The warm-up calls the browser functions that read and collapse the selection (their
    // first call is slow); a selection a person made before it runs must stay as it is.
    use article_annotator::browser::selection::select_chars;
    let perf = web_sys::window().unwrap().performance().unwrap();
    perf.clear_marks_with_mark_name(WARMED_UP);
    let text = "Zoë Ångström 北京 👩🏽‍💻 met in Zürich.\nSecond paragraph here.\n";
    let m = mount(text, &[]).await;
    let article = m.article();
    let doc_text = m.state().doc().text_rc();
    let revision = m.state().editor.revision();
    let start = text.chars().take_while(|&c| c != 'S').count();
    let selected = (start + 6, start);
    select_chars(&article, &doc_text, selected.0, selected.1).unwrap();
    assert_eq!(article_selection(&article, &doc_text), Some(selected));
    wait_until("the warm-up", || {
        perf.get_entries_by_name(WARMED_UP).length() > 0
    })
    .await;
    assert_eq!(
        article_selection(&article, &doc_text),
        Some(selected),
        "the selection, backwards, is as it was"
    );
    assert_eq!(
        m.state().editor.revision(),
        revision,
        "the state did not change"
    );
}

#[wasm_bindgen_test]
async fn the_warm_up_leaves_the_caret_and_selection_of_an_article_with_the_keyboard_alone() {
    // The warm-up also asks where the caret would go after a labelling (which element has the
    // keyboard, where the caret is): with the article focused, a selection and a caret that
    // are there before it runs must stay as they are.
    use article_annotator::browser::selection::{caret_position, select_chars};
    let perf = web_sys::window().unwrap().performance().unwrap();
    let text = "Zoë Ångström 北京 👩🏽‍💻 met in Zürich.\nSecond paragraph here.\n";
    let start = text.chars().take_while(|&c| c != 'S').count();
    // What is selected (none for a caret) and where the caret is.
    let read = |article: &Element, text: &article_annotator::model::text::ArticleText| {
        (
            article_selection(article, text),
            caret_position(article, text),
        )
    };
    for (what, selected) in [
        ("a selection", (start + 6, start + 1)),
        ("a caret", (start + 3, start + 3)),
    ] {
        perf.clear_marks_with_mark_name(WARMED_UP);
        let m = mount(text, &[]).await;
        let article = m.article();
        let doc_text = m.state().doc().text_rc();
        article
            .dyn_ref::<web_sys::HtmlElement>()
            .unwrap()
            .focus()
            .unwrap();
        select_chars(&article, &doc_text, selected.0, selected.1).unwrap();
        let active = web_sys::window()
            .unwrap()
            .document()
            .unwrap()
            .active_element();
        assert_eq!(
            active.as_ref(),
            Some(&article),
            "{what}: the article has the keyboard"
        );
        let before = read(&article, &doc_text);
        assert_eq!(
            before.1,
            Some(selected.1),
            "{what}: the caret is in the article"
        );
        wait_until("the warm-up", || {
            perf.get_entries_by_name(WARMED_UP).length() > 0
        })
        .await;
        assert_eq!(read(&article, &doc_text), before, "{what} is as it was");
    }
}

#[wasm_bindgen_test]
fn messages_capitalise_as_the_native_build_does() {
    // The browser maps the first letter (String.prototype.toUpperCase), natively Rust does: the
    // same Unicode mapping, so a message reads the same in both (the native cases are in
    // src/view/state/messages.rs).
    use article_annotator::view::state::messages::{capitalise_first, sentence, CAPITALISE_CASES};
    assert_eq!(sentence("été chaud"), "Été chaud.");
    assert_eq!(sentence("nothing to undo"), "Nothing to undo.");
    assert_eq!(sentence(""), "");
    for (from, to) in CAPITALISE_CASES {
        assert_eq!(capitalise_first(from), *to, "{from}");
    }
}

#[wasm_bindgen_test]
async fn the_storage_panel_opens_with_what_the_browser_says_and_closes() {
    // Whether it is open lives in the state, as on the home screen.
    #[component]
    fn StoragePanel() -> Html {
        use article_annotator::view::state::Small;
        let state = use_reducer(AppState::default);
        article_annotator::view::home::storage::storage_panel(
            &Some(state.dispatcher()),
            state.disclosed.is_open(Small::Storage),
        )
    }
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<StoragePanel>::with_root(root.clone()).render();
    let button = || -> web_sys::HtmlElement {
        root.query_selector("button")
            .unwrap()
            .unwrap()
            .unchecked_into()
    };
    let panel = || root.query_selector("section.panel").unwrap();
    wait_until("the button", || {
        root.query_selector("button").unwrap().is_some()
    })
    .await;
    assert!(panel().is_none(), "closed at first");
    assert_eq!(
        button().get_attribute("aria-expanded").as_deref(),
        Some("false")
    );
    button().click();
    wait_until("the browser's answer in the panel", || {
        panel().is_some_and(|p| {
            let t = p.text_content().unwrap_or_default();
            t.contains("stores") && t.contains("Everything stays in this browser")
        })
    })
    .await;
    assert_eq!(
        button().get_attribute("aria-expanded").as_deref(),
        Some("true")
    );
    button().click();
    wait_until("the panel closed", || panel().is_none()).await;
    app.destroy();
    root.remove();
}

thread_local! {
    /// What the panels of the test below drew, in order.
    static DRAWN: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// A panel that says when it is drawn.
#[derive(PartialEq)]
struct Counted {
    name: &'static str,
    n: u32,
}

impl article_annotator::view::pure::Panel for Counted {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        DRAWN.with(|d| d.borrow_mut().push(format!("{} {}", self.name, self.n)));
        html! { <p data-dispatch={dispatch.is_some().to_string()}>{ format!("{} {}", self.name, self.n) }</p> }
    }
}

/// Another kind of panel with the same value inside.
#[derive(PartialEq)]
struct Other(u32);

impl article_annotator::view::pure::Panel for Other {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        DRAWN.with(|d| d.borrow_mut().push(format!("other {}", self.0)));
        html! { <p>{ format!("other {}", self.0) }</p> }
    }
}

#[derive(Properties, PartialEq, Clone)]
struct PanelsProps {
    a: u32,
    b: u32,
    other: bool,
    /// Changes only to draw the parent again.
    parent: u32,
}

/// Two panels side by side, the second of one kind or another.
#[component]
fn Panels(props: &PanelsProps) -> Html {
    use article_annotator::view::pure::panel;
    let state = use_reducer(AppState::default);
    html! {
        <ContextProvider<Dispatcher> context={state.dispatcher()}>
            <span data-parent={props.parent.to_string()}></span>
            { panel(Counted { name: "a", n: props.a }) }
            if props.other {
                { panel(Other(props.b)) }
            } else {
                { panel(Counted { name: "b", n: props.b }) }
            }
        </ContextProvider<Dispatcher>>
    }
}

#[wasm_bindgen_test]
async fn a_panel_is_drawn_again_only_when_its_props_change() {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let mut props = PanelsProps {
        a: 1,
        b: 2,
        other: false,
        parent: 0,
    };
    let drawn = || DRAWN.with(|d| d.borrow_mut().drain(..).collect::<Vec<_>>());
    let texts = || {
        let ps = root.query_selector_all("p").unwrap();
        (0..ps.length())
            .map(|i| ps.item(i).unwrap().text_content().unwrap_or_default())
            .collect::<Vec<_>>()
    };
    let mut app =
        yew::Renderer::<Panels>::with_root_and_props(root.clone(), props.clone()).render();
    wait_until("the panels", || texts().len() == 2).await;
    // Yew mounts siblings last first: the order drawn says nothing.
    let mut first = drawn();
    first.sort();
    assert_eq!(first, ["a 1", "b 2"]);
    assert_eq!(texts(), ["a 1", "b 2"]);
    let p = root.query_selector("p").unwrap().unwrap();
    assert_eq!(
        p.get_attribute("data-dispatch").as_deref(),
        Some("true"),
        "the dispatcher reaches a panel"
    );

    // The parent drawn again with the same props for its panels: neither is drawn.
    props.parent = 1;
    app.update(props.clone());
    yew::scheduler::flush().await;
    wait_until("the parent drawn again", || {
        root.query_selector("[data-parent='1']").unwrap().is_some()
    })
    .await;
    assert_eq!(drawn(), Vec::<String>::new());

    // One panel's props changed: that one alone is drawn.
    props.b = 3;
    app.update(props.clone());
    wait_until("the second panel drawn", || texts() == ["a 1", "b 3"]).await;
    assert_eq!(drawn(), ["b 3"]);

    // The other kind of panel in the second place, with an equal value: it is drawn.
    props.other = true;
    app.update(props.clone());
    wait_until("the other panel drawn", || texts() == ["a 1", "other 3"]).await;
    assert_eq!(drawn(), ["other 3"]);
    app.destroy();
    root.remove();
}
