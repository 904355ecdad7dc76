//! The key table's tests: every shortcut in each scope, and every help row reaching its own
//! command.

use super::*;

/// `mods` is a string of `c` (Ctrl), `s` (Shift), `a` (Alt); `at` is `p` (page), `f` (a
/// text field), `a` (the article), `s` (the article with a span focused).
#[track_caller]
fn check(key: &str, mods: &str, at: char, want: Option<Command>) {
    let k = KeyPress {
        key,
        ctrl: mods.contains('c'),
        shift: mods.contains('s'),
        alt: mods.contains('a'),
        in_field: at == 'f',
        in_article: at == 'a' || at == 's',
        span_focused: at == 's',
        on_document: at != 'l',
        on_list: at == 'l',
        on_review: at == 'r',
    };
    assert_eq!(command_for(&k), want, "{key} +{mods} at {at}");
}

#[test]
fn shortcut_table() {
    check("1", "", 'p', Some(Command::Label('1')));
    check("3", "", 'a', Some(Command::Label('3')));
    check("0", "", 'p', None);
    check("1", "", 'f', None);
    check("1", "c", 'p', None);
    check("z", "c", 'p', Some(Command::Undo));
    check("z", "c", 'a', Some(Command::Undo));
    check("Z", "cs", 'p', Some(Command::Redo));
    check("y", "c", 'p', Some(Command::Redo));
    check("z", "c", 'f', None);
    check("Escape", "", 'f', Some(Command::Escape));
    check("Tab", "", 'a', Some(Command::StepSpan(Dir::Forward)));
    check("Tab", "s", 'a', Some(Command::StepSpan(Dir::Back)));
    check("Tab", "", 'p', None);
    check("j", "", 'a', Some(Command::StepSpan(Dir::Forward)));
    check("k", "", 's', Some(Command::StepSpan(Dir::Back)));
    check("ArrowRight", "s", 'a', None);
    check("ArrowRight", "cs", 'a', None);
    check(
        "ArrowRight",
        "cs",
        's',
        Some(Command::Resize(Edge::End, Step::Word, Dir::Forward)),
    );
    check(
        "ArrowLeft",
        "s",
        's',
        Some(Command::Resize(Edge::End, Step::Grapheme, Dir::Back)),
    );
    check(
        "ArrowLeft",
        "as",
        's',
        Some(Command::Resize(Edge::Start, Step::Grapheme, Dir::Back)),
    );
    check(
        "ArrowRight",
        "cas",
        's',
        Some(Command::Resize(Edge::Start, Step::Word, Dir::Forward)),
    );
    check("ArrowRight", "", 's', None);
    check("Enter", "", 's', Some(Command::Details));
    check("Enter", "", 'a', None);
    check("Delete", "", 's', Some(Command::DeleteSpan));
    check("Backspace", "", 'a', None);
    check("?", "s", 'p', Some(Command::Help));
    check("/", "", 'p', Some(Command::Find));
    check("/", "", 'f', None);
    // The document list (`l`) and moving between documents.
    check("ArrowDown", "", 'l', Some(Command::ListMove(Dir::Forward)));
    check("k", "", 'l', Some(Command::ListMove(Dir::Back)));
    check("Enter", "", 'l', Some(Command::ListOpen));
    check(" ", "", 'l', Some(Command::ListSelect));
    check("Delete", "", 'l', Some(Command::ListBin));
    check("/", "", 'l', Some(Command::ListSearch));
    check("1", "", 'l', None);
    check("z", "c", 'l', Some(Command::ListUndo));
    check("?", "s", 'l', Some(Command::Help));
    check("]", "", 'p', Some(Command::StepDoc(Dir::Forward)));
    check("[", "", 'a', Some(Command::StepDoc(Dir::Back)));
    check("[", "", 'p', Some(Command::StepDoc(Dir::Back)));
    check("Enter", "c", 'a', Some(Command::DoneNext));
    check("Enter", "c", 'l', None);
    check("ArrowUp", "a", 'p', Some(Command::BackToList));
    check("ArrowUp", "a", 'a', Some(Command::BackToList));
    check("ArrowUp", "", 'l', Some(Command::ListMove(Dir::Back)));
    // The review (`r`): its keys, and gold edited with the article's.
    check("n", "", 'r', Some(Command::NextConflict(Dir::Forward)));
    check("P", "", 'r', Some(Command::NextConflict(Dir::Back)));
    check("n", "", 'p', None);
    check("2", "a", 'r', Some(Command::Accept(1)));
    check("9", "a", 'r', Some(Command::Accept(8)));
    check("3", "as", 'r', Some(Command::AcceptAll(2)));
    check("a", "a", 'r', None);
    check("0", "a", 'r', None);
    check("2", "", 'r', Some(Command::Label('2')));
    check("x", "", 'r', Some(Command::RejectConflict));
    check("R", "", 'r', Some(Command::RejectConflict));
    check("a", "", 'r', Some(Command::AcceptProposal));
    check("f", "", 'r', Some(Command::Fix));
    check("a", "", 'p', None);
    check("f", "", 'f', None);
    check("c", "", 'r', Some(Command::Comment));
    check("x", "", 'f', None);
    check("r", "", 'l', Some(Command::ListReview));
    check("r", "", 'p', None);
    check("b", "", 'p', Some(Command::Label('b')));
    check("z", "c", 'r', Some(Command::Undo));
}

/// Every row's own bindings reach that row's command, so the help never lists a key that
/// does something else.
#[test]
fn every_binding_reaches_its_own_row() {
    for row in SHORTCUTS {
        for b in row.bindings {
            let key = match b.key {
                "1-9" | "digit" => "1",
                k => k,
            };
            let k = KeyPress {
                key,
                ctrl: b.ctrl == Mod::Down,
                shift: b.shift == Mod::Down,
                alt: b.alt == Mod::Down,
                in_field: false,
                in_article: matches!(b.scope, Scope::Article | Scope::Span),
                span_focused: b.scope == Scope::Span,
                on_document: b.scope != Scope::List,
                on_list: b.scope == Scope::List,
                on_review: b.scope == Scope::Review,
            };
            // A row stands for its key's own variant: the digit pressed, the arrow's way.
            let want = match row.command {
                Command::Label(_) => Command::Label('1'),
                Command::StepDoc(_) if key == "[" => Command::StepDoc(Dir::Back),
                Command::ListMove(_) if matches!(key, "ArrowUp" | "k") => {
                    Command::ListMove(Dir::Back)
                }
                Command::NextConflict(_) if key == "p" => Command::NextConflict(Dir::Back),
                Command::Resize(edge, step, _) if key == "ArrowLeft" => {
                    Command::Resize(edge, step, Dir::Back)
                }
                c => c,
            };
            assert_eq!(command_for(&k), Some(want), "{} ({key})", row.keys);
        }
    }
}

#[test]
fn attribute_and_note_keys_act_on_a_focused_span() {
    check("t", "", 's', Some(Command::Attributes));
    check("T", "", 's', Some(Command::Attributes));
    check("t", "", 'a', None);
    check("t", "", 'f', None);
    check("t", "c", 's', None);
    check("N", "s", 's', Some(Command::Note));
    check("n", "", 's', None);
    check("N", "s", 'f', None);
    check("N", "s", 'a', None);
    // The letters are reserved: no label ever gets them as its key.
    assert!(!crate::model::label::HOTKEYS.contains('t'));
    assert!(!crate::model::label::HOTKEYS.contains('n'));
}
