//! Keyboard shortcuts: one table ([`SHORTCUTS`]) that both the key handler (through
//! `KEYMAP`, its commands and bindings) and the help overlay read, so the two can never
//! disagree, and one listener on the window that maps a key press to a [`Command`] and hands
//! it to `commands::run`. Typing in a text field is never taken over (its own keys stay native);
//! in the article, the browser's own caret keys (arrows, Ctrl+arrows, Home/End, Shift to
//! select) stay native too, except while a span is focused, when Shift+arrows resize it.

use gloo_events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::state::Screen;
use super::AppHandle;
use crate::model::caret::{Dir, Edge, Step};

/// The id of the article element, for the adapters that read the selection.
pub const ARTICLE_ID: &str = "article";

/// What a key press asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    /// A label's hotkey, `1`–`9`: label the selection, relabel the focused span, or arm the
    /// label for the selections to come.
    Label(char),
    Undo,
    Redo,
    /// Clear the selection, the focused span and an armed label; close overlays.
    Escape,
    /// Focus the next or previous span in text order.
    StepSpan(Dir),
    /// Open or close the focused span's details.
    Details,
    /// Delete the focused span.
    DeleteSpan,
    /// Link the focused span to another (relations).
    Link,
    /// Move one end of the focused span.
    Resize(Edge, Step, Dir),
    /// Open the shortcut help.
    Help,
    /// Put the keyboard in the Find box.
    Find,
    /// Document list: move the keyboard's row.
    ListMove(Dir),
    /// Document list: open the document of the keyboard's row.
    ListOpen,
    /// Document list: select or unselect the keyboard's row.
    ListSelect,
    /// Document list: move the selected documents (or the keyboard's row) to the bin.
    ListBin,
    /// Document list: put the keyboard in the search box.
    ListSearch,
    /// Document list: undo the last move to the bin.
    ListUndo,
    /// Open the next or previous document of the list.
    StepDoc(Dir),
    /// Mark the open document done and open the next one.
    DoneNext,
    /// Back to the document list.
    BackToList,
    /// Review: focus the next or previous conflict.
    NextConflict(Dir),
    /// Review: accept this layer's version (0-based) of the conflict in focus.
    Accept(usize),
    /// Review: accept every remaining span of this layer (0-based).
    AcceptAll(usize),
    /// Review: accept the conflict's proposal (a model's suggestion, or the only version).
    AcceptProposal,
    /// Review: accept the proposal and focus its gold span to fix it with the article's keys.
    Fix,
    /// Review: reject every version of the conflict in focus.
    RejectConflict,
    /// Review: comment on the focused gold span, else the conflict in focus.
    Comment,
    /// Document list: open the review of the keyboard's row.
    ListReview,
    /// Focused span: open the attribute picker.
    Attributes,
    /// Focused span: open the note editor.
    Note,
}

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Everywhere, text fields included.
    Anywhere,
    /// Anywhere but in a text field or a select.
    Page,
    /// On the document screen, but not in a text field or a select.
    Document,
    /// On the document list (the home screen), not in a text field or a select.
    List,
    /// With the keyboard in the article.
    Article,
    /// With the keyboard in the article and a span focused.
    Span,
    /// On the review screen, but not in a text field or a select (the article included).
    Review,
}

/// A modifier that must be down, must be up, or does not matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mod {
    Up,
    Down,
    Any,
}

/// One key combination. `key` is `KeyboardEvent.key`, compared case-insensitively; `"1-9"`
/// stands for any digit key from 1 to 9.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    pub key: &'static str,
    pub ctrl: Mod,
    pub shift: Mod,
    pub alt: Mod,
    pub scope: Scope,
}

const fn bind(key: &'static str, ctrl: Mod, shift: Mod, alt: Mod, scope: Scope) -> Binding {
    Binding {
        key,
        ctrl,
        shift,
        alt,
        scope,
    }
}

/// One row of the help: the keys as shown, what they do, and the bindings that trigger it.
#[derive(Clone, Copy, Debug)]
pub struct Shortcut {
    pub keys: &'static str,
    pub does: &'static str,
    pub command: Command,
    pub bindings: &'static [Binding],
}

use Mod::{Any, Down, Up};
use Scope::{Anywhere, Article, Document, List, Page, Review, Span};

/// Every shortcut. The first matching binding wins, so more specific rows come first: the
/// review's rows come before the label keys, whose letters (past the ninth label) they share.
pub const SHORTCUTS: &[Shortcut] = &[
    Shortcut {
        keys: "N, P",
        does: "Review: go to the next or previous conflict (open ones first)",
        command: Command::NextConflict(Dir::Forward),
        bindings: &[bind("n", Up, Up, Up, Review), bind("p", Up, Up, Up, Review)],
    },
    Shortcut {
        keys: "Alt+1, Alt+2, Alt+3 …",
        does: "Review: accept that layer's version of the conflict (the number on its badge), then go to the next conflict",
        command: Command::Accept(0),
        bindings: &[bind("digit", Up, Up, Down, Review)],
    },
    Shortcut {
        keys: "Alt+Shift+1, Alt+Shift+2 …",
        does: "Review: accept every remaining span of that layer",
        command: Command::AcceptAll(0),
        bindings: &[bind("digit", Up, Down, Down, Review)],
    },
    Shortcut {
        keys: "A",
        does: "Review: accept the proposal (a model's suggestion, else the only version), then go to the next conflict",
        command: Command::AcceptProposal,
        bindings: &[bind("a", Up, Up, Up, Review)],
    },
    Shortcut {
        keys: "F",
        does: "Review: fix: accept the proposal and focus its gold span, to resize or relabel it with the keys below",
        command: Command::Fix,
        bindings: &[bind("f", Up, Up, Up, Review)],
    },
    Shortcut {
        keys: "R, X",
        does: "Review: reject every version of the conflict",
        command: Command::RejectConflict,
        bindings: &[bind("r", Up, Up, Up, Review), bind("x", Up, Up, Up, Review)],
    },
    Shortcut {
        keys: "C",
        does: "Review: comment on the focused gold span, else on the conflict (Enter saves, Escape cancels)",
        command: Command::Comment,
        bindings: &[bind("c", Up, Up, Up, Review)],
    },
    Shortcut {
        keys: "1, 2, 3 …",
        does: "Label the selection; with a span focused, change its label; with neither, arm the label so every selection gets it (press again or Escape to disarm)",
        command: Command::Label('1'),
        bindings: &[bind("1-9", Up, Any, Up, Document)],
    },
    Shortcut {
        keys: "Tab, J",
        does: "Focus the next span (after the last one, Tab leaves the article)",
        command: Command::StepSpan(Dir::Forward),
        bindings: &[bind("Tab", Up, Up, Up, Article), bind("j", Up, Up, Up, Article)],
    },
    Shortcut {
        keys: "Shift+Tab, K",
        does: "Focus the previous span",
        command: Command::StepSpan(Dir::Back),
        bindings: &[bind("Tab", Up, Down, Up, Article), bind("k", Up, Up, Up, Article)],
    },
    Shortcut {
        keys: "Shift+→, Shift+←",
        does: "Focused span: move its end one character",
        command: Command::Resize(Edge::End, Step::Grapheme, Dir::Forward),
        bindings: &[bind("ArrowRight", Up, Down, Up, Span), bind("ArrowLeft", Up, Down, Up, Span)],
    },
    Shortcut {
        keys: "Ctrl+Shift+→, Ctrl+Shift+←",
        does: "Focused span: move its end one word",
        command: Command::Resize(Edge::End, Step::Word, Dir::Forward),
        bindings: &[bind("ArrowRight", Down, Down, Up, Span), bind("ArrowLeft", Down, Down, Up, Span)],
    },
    Shortcut {
        keys: "Alt+Shift+→, Alt+Shift+←",
        does: "Focused span: move its start one character",
        command: Command::Resize(Edge::Start, Step::Grapheme, Dir::Forward),
        bindings: &[bind("ArrowRight", Up, Down, Down, Span), bind("ArrowLeft", Up, Down, Down, Span)],
    },
    Shortcut {
        keys: "Ctrl+Alt+Shift+→, Ctrl+Alt+Shift+←",
        does: "Focused span: move its start one word",
        command: Command::Resize(Edge::Start, Step::Word, Dir::Forward),
        bindings: &[bind("ArrowRight", Down, Down, Down, Span), bind("ArrowLeft", Down, Down, Down, Span)],
    },
    Shortcut {
        keys: "Enter",
        does: "Focused span: open or close its details",
        command: Command::Details,
        bindings: &[bind("Enter", Up, Up, Up, Span)],
    },
    Shortcut {
        keys: "T",
        does: "Focused span: set an attribute (type to narrow the list, ↑ ↓ to choose, Enter to set; the clear lines remove a value)",
        command: Command::Attributes,
        bindings: &[bind("t", Up, Up, Up, Span)],
    },
    Shortcut {
        keys: "Shift+N",
        does: "Focused span: write or edit its note (Ctrl+Enter saves, Escape cancels)",
        command: Command::Note,
        bindings: &[bind("n", Up, Down, Up, Span)],
    },
    Shortcut {
        keys: "L",
        does: "Focused span: link it to another span (choose the relation type by number or name, then Tab/J and Shift+Tab/K step through the targets nearest first, Enter links, Escape cancels)",
        command: Command::Link,
        bindings: &[bind("l", Up, Up, Up, Span)],
    },
    Shortcut {
        keys: "Delete, Backspace",
        does: "Focused span: delete it",
        command: Command::DeleteSpan,
        bindings: &[bind("Delete", Up, Up, Up, Span), bind("Backspace", Up, Up, Up, Span)],
    },
    Shortcut {
        keys: "Ctrl+Z",
        does: "Undo",
        command: Command::Undo,
        bindings: &[bind("z", Down, Up, Up, Document)],
    },
    Shortcut {
        keys: "Ctrl+Shift+Z, Ctrl+Y",
        does: "Redo",
        command: Command::Redo,
        bindings: &[bind("z", Down, Down, Up, Document), bind("y", Down, Up, Up, Document)],
    },
    Shortcut {
        keys: "/",
        does: "Go to the Find box (Enter and Shift+Enter there step through the hits)",
        command: Command::Find,
        bindings: &[bind("/", Up, Any, Up, Document)],
    },
    Shortcut {
        keys: "[, ]",
        does: "Open the previous or next document of the list",
        command: Command::StepDoc(Dir::Forward),
        bindings: &[bind("]", Up, Any, Up, Document), bind("[", Up, Any, Up, Document)],
    },
    Shortcut {
        keys: "Ctrl+Enter",
        does: "Mark the document done and open the next one",
        command: Command::DoneNext,
        bindings: &[bind("Enter", Down, Up, Up, Document), bind("Enter", Down, Up, Up, Article)],
    },
    Shortcut {
        keys: "Alt+↑",
        does: "Back to the document list",
        command: Command::BackToList,
        bindings: &[bind("ArrowUp", Up, Up, Down, Document), bind("ArrowUp", Up, Up, Down, Article)],
    },
    Shortcut {
        keys: "↓, ↑, J, K",
        does: "Document list: move to the next or previous document",
        command: Command::ListMove(Dir::Forward),
        bindings: &[
            bind("ArrowDown", Up, Up, Up, List),
            bind("ArrowUp", Up, Up, Up, List),
            bind("j", Up, Up, Up, List),
            bind("k", Up, Up, Up, List),
        ],
    },
    Shortcut {
        keys: "Enter",
        does: "Document list: open the document",
        command: Command::ListOpen,
        bindings: &[bind("Enter", Up, Up, Up, List)],
    },
    Shortcut {
        keys: "R",
        does: "Document list: review the document (it needs two or more layers)",
        command: Command::ListReview,
        bindings: &[bind("r", Up, Up, Up, List)],
    },
    Shortcut {
        keys: "Space",
        does: "Document list: select or unselect the document",
        command: Command::ListSelect,
        bindings: &[bind(" ", Up, Up, Up, List)],
    },
    Shortcut {
        keys: "Delete",
        does: "Document list: move the selected documents (or this one) to the bin; Undo there is Restore",
        command: Command::ListBin,
        bindings: &[bind("Delete", Up, Up, Up, List)],
    },
    Shortcut {
        keys: "Ctrl+Z",
        does: "Document list: bring back the documents just moved to the bin",
        command: Command::ListUndo,
        bindings: &[bind("z", Down, Up, Up, List)],
    },
    Shortcut {
        keys: "/",
        does: "Document list: go to the search box",
        command: Command::ListSearch,
        bindings: &[bind("/", Up, Any, Up, List)],
    },
    Shortcut { keys: "?", does: "Show this help", command: Command::Help, bindings: &[bind("?", Up, Any, Up, Page)] },
    Shortcut {
        keys: "Escape",
        does: "Clear the selection, the focused span and an armed label; close the help",
        command: Command::Escape,
        bindings: &[bind("Escape", Any, Any, Any, Anywhere)],
    },
];

/// What the key handler reads of each row of [`SHORTCUTS`], in the same order: its command
/// and bindings, without the help's words. Computed from the table when the app is compiled, so
/// the two cannot disagree, and the words stay with the help, which a visit loads only when it
/// opens it (the page's second part, scripts/split-data.mjs).
const KEYMAP: [(Command, &[Binding]); SHORTCUTS.len()] = {
    let mut map = [(Command::Help, &[] as &[Binding]); SHORTCUTS.len()];
    let mut i = 0;
    while i < SHORTCUTS.len() {
        map[i] = (SHORTCUTS[i].command, SHORTCUTS[i].bindings);
        i += 1;
    }
    map
};

/// Native keys of the article's caret that the help also lists, for completeness; the
/// browser handles them.
pub const NATIVE_KEYS: &[(&str, &str)] = &[
    (
        "←, →",
        "Move the caret one character (a whole emoji or accented letter)",
    ),
    ("Ctrl+←, Ctrl+→", "Move the caret one word"),
    (
        "Home, End",
        "Move the caret to the start or end of the line",
    ),
    ("Shift + any of these", "Select as the caret moves"),
    ("Double-click", "Select a word"),
];

/// A key press as far as shortcuts care.
#[derive(Clone, Copy, Debug)]
pub struct KeyPress<'a> {
    pub key: &'a str,
    pub ctrl: bool,
    pub shift: bool,
    pub alt: bool,
    /// True when the key went to a text field, select or other editable control (the article
    /// is not one).
    pub in_field: bool,
    /// True when the key went to the article.
    pub in_article: bool,
    /// True when a span is focused.
    pub span_focused: bool,
    /// True on the document screen.
    pub on_document: bool,
    /// True on the home screen with the document list.
    pub on_list: bool,
    /// True on the review screen (where `on_document` is true too: gold is edited with the
    /// article's keys).
    pub on_review: bool,
}

fn modifier_ok(m: Mod, down: bool) -> bool {
    match m {
        Mod::Any => true,
        Mod::Down => down,
        Mod::Up => !down,
    }
}

fn binding_matches(b: &Binding, k: &KeyPress) -> bool {
    let scope_ok = match b.scope {
        Scope::Anywhere => true,
        Scope::Page => !k.in_field,
        Scope::Document => k.on_document && !k.in_field,
        Scope::List => k.on_list && !k.in_field,
        Scope::Article => k.on_document && k.in_article,
        Scope::Span => k.on_document && k.in_article && k.span_focused,
        Scope::Review => k.on_review && !k.in_field,
    };
    let key_ok = if b.key == "digit" {
        matches!(k.key.as_bytes(), [b'1'..=b'9'])
    } else if b.key == "1-9" {
        // A label's key: a digit, or a letter of the keys labels get past the ninth.
        let mut chars = k.key.chars();
        matches!((chars.next(), chars.next()), (Some(c), None) if crate::model::label::HOTKEYS.contains(c))
    } else {
        k.key.eq_ignore_ascii_case(b.key)
    };
    scope_ok
        && key_ok
        && modifier_ok(b.ctrl, k.ctrl)
        && modifier_ok(b.shift, k.shift)
        && modifier_ok(b.alt, k.alt)
}

/// The command for a key press, if it is a shortcut. Ctrl and Cmd count alike.
pub fn command_for(k: &KeyPress) -> Option<Command> {
    let (command, _) = KEYMAP
        .iter()
        .find(|(_, bindings)| bindings.iter().any(|b| binding_matches(b, k)))?;
    Some(match *command {
        Command::Label(_) => Command::Label(k.key.chars().next()?),
        // One row stands for both arrow directions.
        Command::StepDoc(_) => Command::StepDoc(if k.key == "[" {
            Dir::Back
        } else {
            Dir::Forward
        }),
        Command::ListMove(_) => Command::ListMove(if matches!(k.key, "ArrowUp" | "k" | "K") {
            Dir::Back
        } else {
            Dir::Forward
        }),
        Command::NextConflict(_) => Command::NextConflict(if k.key.eq_ignore_ascii_case("p") {
            Dir::Back
        } else {
            Dir::Forward
        }),
        Command::Accept(_) => Command::Accept(digit(k.key)?),
        Command::AcceptAll(_) => Command::AcceptAll(digit(k.key)?),
        Command::Resize(edge, step, _) => Command::Resize(
            edge,
            step,
            if k.key == "ArrowLeft" {
                Dir::Back
            } else {
                Dir::Forward
            },
        ),
        c => c,
    })
}

/// `"1"` … `"9"` as 0 … 8.
fn digit(key: &str) -> Option<usize> {
    key.parse::<usize>()
        .ok()
        .filter(|d| (1..=9).contains(d))
        .map(|d| d - 1)
}

/// The key as shortcuts read it: with Alt down, a digit key is its digit whatever the layout
/// or Shift makes of it (Shift+1 is "!" on many keyboards, Alt+1 "¡" on a Mac).
fn shortcut_key(e: &web_sys::KeyboardEvent) -> String {
    let code = e.code();
    match code.strip_prefix("Digit") {
        Some(d) if e.alt_key() => d.to_string(),
        _ => e.key(),
    }
}

/// The key handling, run once for the warm-up (`warm.rs`): the event's fields as the listener
/// reads them, the window's key listeners on a key no command has, and the lookup of a label
/// key pressed in `article` (what it finds is not used).
pub fn warm_up(article: &web_sys::Element) -> Option<Command> {
    // The event's fields as the listener reads them, on an event sent to an element that is
    // not on the page (no listener hears it): the first call of each browser function from
    // the wasm module costs up to a few milliseconds (the trace of a first label key showed
    // 4 ms in `tagName` alone), the later ones microseconds.
    let spare = crate::browser::document().and_then(|d| d.create_element("span").ok());
    if let (Ok(e), Some(spare)) = (web_sys::KeyboardEvent::new("keydown"), spare) {
        let _ = spare.dispatch_event(&e);
        let _ = (shortcut_key(&e), e.is_composing(), e.alt_key());
        let _ = (e.ctrl_key(), e.meta_key(), e.shift_key());
        let target = target_element(e.target());
        let _ = (in_field(target.as_ref()), in_article(target.as_ref()));
        e.prevent_default();
    }
    // The window's key listeners themselves (this module's and the relations'), on a key no
    // command has: the first run of each of these large functions compiles it (0.3 ms in a
    // trace of the first label key).
    if let (Ok(e), Some(w)) = (web_sys::KeyboardEvent::new("keydown"), web_sys::window()) {
        let _ = w.dispatch_event(&e);
    }
    let target = Some(article.clone());
    command_for(&KeyPress {
        key: "1",
        ctrl: false,
        shift: false,
        alt: false,
        in_field: in_field(target.as_ref()),
        in_article: in_article(target.as_ref()),
        span_focused: false,
        on_document: true,
        on_list: false,
        on_review: false,
    })
}

fn target_element(target: Option<web_sys::EventTarget>) -> Option<web_sys::Element> {
    target.and_then(|t| t.dyn_into::<web_sys::Element>().ok())
}

fn in_field(el: Option<&web_sys::Element>) -> bool {
    let Some(el) = el else { return false };
    if el
        .closest(&format!("#{ARTICLE_ID}"))
        .ok()
        .flatten()
        .is_some()
    {
        return false;
    }
    matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || el
            .dyn_ref::<web_sys::HtmlElement>()
            .is_some_and(|h| h.is_content_editable())
}

fn in_article(el: Option<&web_sys::Element>) -> bool {
    el.and_then(|e| e.closest(&format!("#{ARTICLE_ID}")).ok().flatten())
        .is_some()
}

/// Installs the window's keydown listener once; the handle always reads the newest state.
#[hook]
pub fn use_shortcuts(state: &AppHandle) {
    let state = state.clone();
    use_effect_with((), move |_| {
        let window = web_sys::window();
        let listener = window.map(|w| {
            let opts = EventListenerOptions::enable_prevent_default();
            EventListener::new_with_options(&w, "keydown", opts, move |e| {
                let Some(e) = e.dyn_ref::<web_sys::KeyboardEvent>() else {
                    return;
                };
                let _m = crate::browser::perf::measure("key");
                if e.is_composing() {
                    return;
                }
                // The Labels panel is a dialog: only Escape (which closes it) reaches past it.
                if state.schema.open && e.key() != "Escape" {
                    return;
                }
                let on_review = state.screen == Screen::Review;
                let on_document =
                    (state.screen == Screen::Document || on_review) && !state.pasting();
                let key = shortcut_key(e);
                let target = target_element(e.target());
                let press = KeyPress {
                    key: &key,
                    ctrl: e.ctrl_key() || e.meta_key(),
                    shift: e.shift_key(),
                    alt: e.alt_key(),
                    in_field: in_field(target.as_ref()),
                    in_article: in_article(target.as_ref()),
                    span_focused: state.focused.is_some(),
                    on_document,
                    on_list: state.screen == Screen::Home,
                    on_review,
                };
                let Some(cmd) = command_for(&press) else {
                    return;
                };
                if super::commands::run(&state, cmd) {
                    e.prevent_default();
                }
            })
        });
        move || drop(listener)
    });
}

#[cfg(test)]
mod tests;
