//! Warming up the edit path before the user's first key. The browser compiles each function of
//! the app's wasm the first time it runs (lazy compilation), and each kind of call out to a
//! browser function the first time it is made: Chromium's trace of the first label key on a
//! 2 KB article showed 73 functions compiled in its task (about 3 ms of 8), and the later keys
//! none, so the first edit cost two to three times the next one. Once a document is drawn,
//! [`use_warm_up`] runs that path in tasks of its own, on copies:
//! - the page drawn again with the same state ([`Action::WarmUp`]), which compares each
//!   panel's props as an edit's draw does, and the article, its relations layer and the
//!   toolbar drawn again with the same document (their bodies and hooks run, their children
//!   compared and kept), as after an edit (`AppState::redraws`);
//! - where the caret would go after a labelling asked, without moving it
//!   (`browser::selection::warm_up_caret`);
//! - the window's key listeners on a key no command has, and the browser functions that read,
//!   collapse and place the selection, without changing it (`browser::selection::warm_up`);
//! - the reducer's labelling on a copy of the state, a few times;
//! - the browser's grapheme segmenter made, in a task of its own
//!   (`browser::graphemes::warm_up`), then its word segmenter (`browser::words::warm_up`);
//! - a block and the annotation list drawn after and before that edit in turn, into an element
//!   that is never on the page, a few times: enough that the browser optimises Yew's
//!   reconciliation and the allocator then, not in the background during the first key (a
//!   trace showed that optimisation on the machine's second core during the first key).
//!
//! Nothing of it reaches the stored work, the document or the selection.

use std::rc::Rc;

use gloo_timers::callback::Timeout;
use yew::prelude::*;

use super::annotations::AnnotationList;
use super::block::Block;
use super::live::{Drawn, Live};
use super::pure::{root_props, Panel, Pure};
use super::state::{Action, AppState};
use super::{doc_snapshot, AppHandle, Dispatcher, Snapshot};
use crate::browser::selection::{article_selection, char_to_point, point_to_char, warm_up_caret};
use crate::model::CharRange;

/// How long after a new text is drawn the warm-up runs: after the first slices of highlights,
/// well before a person has selected anything.
const DELAY_MS: u32 = 100;

/// The performance mark set when a warm-up has finished.
pub const WARMED_UP: &str = "warmed-up";

/// Runs the warm-up once per text (by its revision), `DELAY_MS` after it is drawn.
#[hook]
pub fn use_warm_up(state: &AppHandle, article: &NodeRef, text_revision: u64) {
    let state = state.clone();
    let article = article.clone();
    use_effect_with(text_revision, move |_| {
        let timer = Timeout::new(DELAY_MS, move || {
            if let Some(el) = article.cast::<web_sys::Element>() {
                warm_up(&state, &el);
            }
        });
        move || drop(timer)
    });
}

/// One run of the edit path on copies (see the module doc).
fn warm_up(state: &AppHandle, article: &web_sys::Element) {
    // The browser's grapheme segmenter, made in a task of its own (its first costs 11-26 ms).
    Timeout::new(0, crate::browser::graphemes::warm_up).forget();
    // The word segmenter, made after it (the page's second costs next to nothing).
    Timeout::new(0, crate::browser::words::warm_up).forget();
    // The page drawn again with the same state: each panel's props are compared and kept, code
    // the first draw did not run and the first key's draw did (a trace of that key compiled
    // some fifty such functions in it).
    state.dispatch(Action::WarmUp);
    let text = state.doc().text_rc();
    let _ = super::keys::warm_up(article);
    let _ = article_selection(article, &text);
    crate::browser::selection::warm_up(article);
    if let Some(node) = article.first_child().and_then(|b| b.first_child()) {
        let _ = point_to_char(article, &text, &node, 0);
    }
    // Where the caret goes after a labelling (the article's `use_caret_after`): finding the
    // DOM point walks the block's text nodes; placing it is `browser::selection::warm_up`'s,
    // and asking whether to place it (the focused element, the caret's place) `warm_up_caret`'s.
    if let Some(block) = text.blocks().first() {
        let _ = char_to_point(article, &text, block.chars.end());
    }
    warm_up_caret(article, &text);
    let Some((label, _)) = state.doc().labels().iter().next() else {
        return;
    };
    let _ = state.doc().labels().by_hotkey('1');
    // A few words of the first block, tried until one is not labelled like that already.
    let Some(first) = text.blocks().first().map(|b| b.chars) else {
        return;
    };
    let mut after = None;
    let mut after_range = (0, 0);
    for start in [0, 8, 16] {
        let (Some(anchor), Some(focus)) = (
            first.start().checked_add(start),
            first.start().checked_add(start + 4),
        ) else {
            continue;
        };
        if focus > first.end() {
            break;
        }
        let mut copy = AppState::clone(state);
        copy.apply(Action::LabelSelection {
            label,
            anchor,
            focus,
        });
        if copy.doc().spans().len() > state.doc().spans().len() {
            after = Some(copy);
            after_range = (anchor, focus);
            break;
        }
    }
    let Some(after) = after else { return };
    // The reducer's labelling again, a few more times, each in a task of its own: run once,
    // its functions stay in the browser's baseline code, and the first real edit was still
    // two to three times slower than the next (on 10,000 spans, 2 to 3 ms against 0.5 in the
    // reducer); run a few times, their loops count as hot and are optimised before the key.
    let label_again = move |s: &AppState| {
        let mut copy = s.clone();
        copy.apply(Action::LabelSelection {
            label,
            anchor: after_range.0,
            focus: after_range.1,
        });
    };
    let Some(root) = crate::browser::document().and_then(|d| d.create_element("div").ok()) else {
        return;
    };
    let drawn = Drawn::new(Live::initial(&text, 0));
    let props = |s: &AppState| WarmProps {
        doc: doc_snapshot(s),
        block: 0,
        drawn: drawn.clone(),
    };
    let app = yew::Renderer::<Pure>::with_root_and_props(root, root_props(props(state))).render();
    let pair = [props(state), props(&after)];
    let state = state.clone();
    redraw(app, pair, RENDER_ROUNDS, move || {
        again(state, label_again, REDUCER_ROUNDS)
    });
}

/// How many times the warm-up draws the block and the list after and before the edit (see
/// [`redraw`]).
const RENDER_ROUNDS: usize = 8;

/// Draws the warm-up's view with the document after and before the edit in turn, `rounds`
/// times, each in a task of its own (so Yew has rendered the one before), then destroys it
/// and goes on with `then`. Once is enough to compile what an edit runs; the rounds after it
/// spend the browser's budget for optimising Yew's reconciliation and the allocator, which
/// traces of the first label key showed being optimised in the background during that key,
/// on the second of two cores that the key's own work then had to share.
fn redraw(
    mut app: yew::AppHandle<Pure>,
    pair: [WarmProps; 2],
    rounds: usize,
    then: impl FnOnce() + 'static,
) {
    if rounds == 0 {
        app.destroy();
        then();
        return;
    }
    let [before, after] = pair;
    app.update(root_props(after.clone()));
    Timeout::new(0, move || redraw(app, [after, before], rounds - 1, then)).forget();
}

/// How many more times the warm-up runs the reducer's labelling (see [`warm_up`]).
const REDUCER_ROUNDS: usize = 4;

/// Runs `label` on `state` `rounds` times, one task each, then sets [`WARMED_UP`].
fn again(state: AppHandle, label: impl Fn(&AppState) + 'static, rounds: usize) {
    if rounds == 0 {
        // For tests and the benchmark: the warm-up is over.
        crate::browser::perf::mark(WARMED_UP);
        return;
    }
    label(&state);
    Timeout::new(0, move || again(state, label, rounds - 1)).forget();
}

#[derive(PartialEq, Clone)]
struct WarmProps {
    doc: Snapshot<crate::model::Document>,
    block: usize,
    drawn: Drawn,
}

/// A block and the annotation list of a document, as the document screen draws them.
impl Panel for WarmProps {
    fn view(&self, _: &Option<Dispatcher>) -> Html {
        let doc = &self.doc;
        let i = self.block;
        let spans = Snapshot::new(doc.block_revision(i), doc.block_spans(i));
        let no_hits: Rc<[CharRange]> = Rc::from(Vec::new());
        html! {
            <>
                <Block text={doc.text_rc()} index={i} {spans} labels={doc.labels().clone()} focused={None}
                       inline={false} live={true} drawn={self.drawn.clone()} hits={no_hits} current_hit={None} />
                <AnnotationList doc={doc.clone()} focused={None} />
            </>
        }
    }
}
