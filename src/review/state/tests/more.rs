//! The review beyond its decisions: status and comments, sending back, navigation, a model's
//! suggestions on an annotator's own document, labels and names, restoring from parts.

use super::*;

#[test]
fn reviewed_status_comments_and_sending_back() {
    let r = merkel(Threshold::All);
    assert_eq!(r.status(), ReviewStatus::InReview { conflicts_left: 3 });
    let done = r.accept_all(0).unwrap();
    assert_eq!(
        (done.status(), done.is_reviewed()),
        (ReviewStatus::Reviewed, true)
    );
    assert_eq!(
        done.resolution(ConflictId(1)),
        Some(Resolution::AcceptedAll(0))
    );
    assert_eq!(done.accept_all(1).unwrap_err(), ReviewRefusal::NothingLeft);
    let back = done
        .send_back(1, "  please mark the quote's marks too ")
        .unwrap();
    assert_eq!(back.status(), ReviewStatus::NeedsWork);
    assert_eq!(
        back.needs_work().collect::<Vec<_>>(),
        [(1, "please mark the quote's marks too")]
    );
    assert_eq!(
        back.send_back(1, " ").unwrap_err(),
        ReviewRefusal::EmptyComment
    );
    assert_eq!(back.take_back(1).unwrap().status(), ReviewStatus::Reviewed);
    assert_eq!(back.undo().unwrap().status(), ReviewStatus::Reviewed);
    // Comments on a conflict and on a gold span; an empty one removes it; each is one step.
    let c = r
        .comment_conflict(ConflictId(1), "Critics: ORG or PER? 🤔")
        .unwrap();
    assert_eq!(
        c.conflict_comment(ConflictId(1)),
        Some("Critics: ORG or PER? 🤔")
    );
    assert_eq!(c.conflict_comment(ConflictId(0)), None);
    assert_eq!(
        c.comment_conflict(ConflictId(1), "")
            .unwrap()
            .conflict_comment(ConflictId(1)),
        None
    );
    let id = span_id(&r, (0, 6, "PER"));
    let s = r.comment_span(&id, "Angela Merkel").unwrap();
    assert_eq!(s.span_comment(&id), Some("Angela Merkel"));
    assert_eq!(s.undo().unwrap().span_comment(&id), None);
    // Refusals, in plain words.
    let refused = [
        (
            r.accept(ConflictId(3), 0).unwrap_err(),
            "there is no such conflict",
        ),
        (
            r.accept(ConflictId(0), 3).unwrap_err(),
            "there is no such layer",
        ),
        (
            r.reject(ConflictId(7)).unwrap_err(),
            "there is no such conflict",
        ),
        (
            r.comment_span(&SpanId::new("gone"), "x").unwrap_err(),
            "that annotation no longer exists",
        ),
        (r.undo().unwrap_err(), "nothing to undo"),
        (r.redo().unwrap_err(), "nothing to redo"),
    ];
    for (got, want) in refused {
        assert_eq!(got.to_string(), want);
    }
}

#[test]
fn navigation_visits_conflicts_in_text_order() {
    let r = merkel(Threshold::All).accept(ConflictId(1), 0).unwrap();
    #[track_caller]
    fn check_nav(
        r: &Review,
        focused: Option<usize>,
        caret: Option<usize>,
        dir: Dir,
        which: Which,
        want: Option<usize>,
    ) {
        let got = r.neighbour_conflict(focused.map(ConflictId), caret, dir, which);
        assert_eq!(
            got,
            want.map(ConflictId),
            "{focused:?} {caret:?} {dir:?} {which:?}"
        );
    }
    use Dir::{Back, Forward};
    use Which::{Any, Open};
    check_nav(&r, None, None, Forward, Open, Some(0));
    check_nav(&r, Some(0), None, Forward, Open, Some(2));
    check_nav(&r, Some(0), None, Forward, Any, Some(1));
    check_nav(&r, Some(2), None, Forward, Any, None);
    check_nav(&r, Some(2), None, Back, Open, Some(0));
    check_nav(&r, Some(0), None, Back, Any, None);
    check_nav(&r, None, Some(20), Forward, Open, Some(0));
    check_nav(&r, None, Some(30), Forward, Any, Some(1));
    check_nav(&r, None, Some(40), Back, Any, Some(1));
    check_nav(&r, None, Some(40), Back, Open, Some(0));
    check_nav(&r, None, Some(60), Forward, Any, None);
    check_nav(&r, Some(9), None, Back, Any, Some(2));
    let at = |p| r.conflict_at(p).map(|c| c.0);
    assert_eq!(
        [at(12), at(13), at(29), at(30), at(31), at(48), at(49)],
        [None, Some(0), Some(0), None, Some(1), Some(2), None]
    );
}

#[test]
fn model_suggestions_on_an_annotators_own_document() {
    use Op::*;
    // The annotator labelled Zoë, the line (a quote) and Ελένη (as PER); the model suggests
    // 李雷, the café (crossing nothing), Ελένη as LOC and Zoë again.
    let own: Spans = &[(0, 3, "PER"), (0, 31, "QUOTE"), (44, 49, "PER")];
    let model: Spans = &[
        (0, 3, "PER"),
        (13, 15, "PER"),
        (26, 30, "LOC"),
        (44, 49, "LOC"),
    ];
    let layers = vec![layer("model", model)];
    let labels = ["PER", "QUOTE"];
    let r = Review::new(doc(WORLD, &labels, own), layers, Threshold::All).unwrap();
    let mine = ["QUOTE“Zoë 👩🏽‍💻 met 李雷 in مريم's café.” -", "PER“Zoë” -"];
    let elena = "PER“Ελένη” -";
    assert_eq!(
        r.conflicts().len(),
        3,
        "Zoë is agreed; the rest is suggested"
    );
    check(&r, &[], &[mine[0], mine[1], elena], 3);
    // Accepting a name inside the annotator's quote keeps the quote.
    check(
        &r,
        &[Accept(0, "model")],
        &[mine[0], mine[1], "PER“李雷” model accept model", elena],
        2,
    );
    // Accepting another label on the same range replaces the annotator's.
    check(
        &r,
        &[Accept(2, "model")],
        &[mine[0], mine[1], "LOC“Ελένη” model accept model"],
        2,
    );
    check(&r, &[Reject(2)], &[mine[0], mine[1], elena], 2);
    check(
        &r,
        &[AcceptAll("model")],
        &[
            mine[0],
            mine[1],
            "PER“李雷” model accept_all model",
            "LOC“café” model accept_all model",
            "LOC“Ελένη” model accept_all model",
        ],
        0,
    );
    assert_eq!(
        r.send_back(0, "retrain").unwrap_err().to_string(),
        "model holds suggestions; only an annotator can be asked for more work"
    );
}

#[test]
fn labels_and_names_are_made_to_fit() {
    // The layers' labels join the document's; names repeat with a number.
    let layers = vec![
        layer("Ada", &[(0, 3, "PER")]),
        layer("Ada", &[(0, 3, "ORG")]),
        layer("Ada", &[(19, 23, "")]),
    ];
    let r = Review::new(doc(WORLD, &["Quote"], &[]), layers, Threshold::All).unwrap();
    let names: Vec<&str> = r.layers().iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Ada", "Ada (2)", "Ada (3)"]);
    let labels: Vec<&str> = r.gold().labels().iter().map(|(_, l)| &*l.name).collect();
    assert_eq!(labels, ["Quote", "PER", "ORG"]);
    assert!(
        r.layers()[2].spans.is_empty(),
        "a span without a label is left out"
    );
    let max = crate::model::label::MAX_LABELS;
    let many: Vec<(usize, usize, String)> = (0..max).map(|i| (i, i + 1, format!("L{i}"))).collect();
    let many: Vec<(usize, usize, &str)> =
        many.iter().map(|(a, b, l)| (*a, *b, l.as_str())).collect();
    let err = Review::new(
        doc(WORLD, &["Quote"], &[]),
        vec![layer("A", &many)],
        Threshold::All,
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        format!(
            "the document and its layers use {} labels together; at most {max} are supported",
            max + 1
        )
    );
}

#[test]
fn parts_restore_the_same_review() {
    let r = merkel(Threshold::Majority)
        .accept(ConflictId(1), 1)
        .and_then(|r| r.reject(ConflictId(2)))
        .and_then(|r| r.comment_conflict(ConflictId(0), "boundary?"))
        .and_then(|r| r.send_back(2, "look at the CDU"))
        .unwrap();
    let id = r.gold().spans().iter().next().unwrap().id().clone();
    let r = r.comment_span(&id, "Angela").unwrap();
    let back = Review::restore(r.gold().clone(), r.layers().to_vec(), r.parts()).unwrap();
    assert_eq!(gold(&back), gold(&r));
    assert_eq!(back.parts(), r.parts());
    assert_eq!(back.conflicts(), r.conflicts());
    assert_eq!(back.status(), r.status());
    assert!(!back.can_undo(), "the history is not part of a file");
}

/// Conflict `c`'s proposal (the layer A accepts), by layer name.
#[track_caller]
fn check_proposal(r: &Review, c: usize, want: Result<&str, ReviewRefusal>) {
    let got = r
        .proposal(ConflictId(c))
        .map(|k| r.layers()[k].name.as_str());
    assert_eq!(got, want, "conflict {c}");
}

#[test]
fn one_key_accept_takes_the_models_proposal_or_the_only_version() {
    let r = merkel(Threshold::All);
    check_proposal(&r, 0, Err(ReviewRefusal::NoProposal));
    check_proposal(&r, 1, Err(ReviewRefusal::NoProposal));
    check_proposal(&r, 2, Ok("A"));
    check_proposal(&r, 9, Err(ReviewRefusal::NoSuchConflict));
    // An annotator ("Me") working through a model's suggestions ("model") on multi-script
    // text: the annotator's own spans are gold already (the model is no annotator for the
    // threshold), and A takes the model's version where it differs or adds.
    let me: Spans = &[(0, 3, "PER"), (19, 23, "PER"), (38, 42, "PER")];
    let model: Spans = &[(0, 3, "PER"), (19, 24, "PER"), (44, 49, "PER")];
    let s = open(WORLD, &[], &[("Me", me), ("model", model)], Threshold::All);
    let regions: Vec<_> = s
        .conflicts()
        .iter()
        .map(|c| (c.region.start(), c.region.end()))
        .collect();
    assert_eq!(regions, [(19, 24), (44, 49)]);
    check_proposal(&s, 0, Ok("model"));
    check_proposal(&s, 1, Ok("model"));
    let done = [0, 1]
        .iter()
        .fold(s.clone(), |r, &c| r.accept_proposal(ConflictId(c)).unwrap());
    assert!(done.is_reviewed());
    assert_eq!(
        gold(&done),
        [
            "PER“Zoë” Memodel auto",
            "PER“مريم'” model accept model",
            "PER“עולם” Me auto",
            "PER“Ελένη” model accept model",
        ]
    );
    assert_eq!(
        merkel(Threshold::All)
            .accept_proposal(ConflictId(0))
            .unwrap_err()
            .to_string(),
        "the annotators' versions differ: Alt and a layer's number accept that layer's"
    );
}
