//! A document's review from what the corpus store keeps (`format::store_review`): its own
//! spans (shown as one more layer when there are any), its stored layers, and the review
//! saved last, if any. Opening a document for the first time auto-merges it; opening it again
//! restores gold, decisions and comments. Pure: the store adapter reads the strings.

use super::layer::{LayerSpan, ReviewLayer};
use super::merge::Threshold;
use super::persist::wire_layer;
use super::state::{Review, ReviewError};
use crate::format::native_review;
use crate::format::store_review::LayerRecord;
use crate::model::Document;

/// The name of the layer made of a document's own spans: the annotator name set in this
/// browser, else this.
pub const OWN_LAYER: &str = "you";

/// The review's layers: the document's own spans first (when there are any), named `me` (or
/// [`OWN_LAYER`]), then the stored layers in the order they were added.
pub fn review_layers(own: Vec<LayerSpan>, me: &str, stored: &[LayerRecord]) -> Vec<ReviewLayer> {
    let name = if me.trim().is_empty() {
        OWN_LAYER
    } else {
        me.trim()
    };
    let own = (!own.is_empty()).then(|| ReviewLayer::annotator(name, own));
    own.into_iter()
        .chain(stored.iter().map(LayerRecord::layer))
        .collect()
}

/// The review of `doc` (its text and the corpus's labels; its spans are ignored) with
/// `layers`: restored from `saved` (a stored review) when there is one, else opened and
/// auto-merged with every annotator agreeing. Also says in plain words what could not be
/// restored.
pub fn open_review(
    doc: &Document,
    layers: Vec<ReviewLayer>,
    saved: Option<&str>,
) -> Result<(Review, Vec<String>), ReviewError> {
    let bare =
        Document::new(doc.title(), doc.text().as_str(), doc.labels().clone()).with_id(doc.id());
    let Some(json) = saved else {
        return Ok((Review::new(bare, layers, Threshold::All)?, Vec::new()));
    };
    let mut file = match native_review::import(json) {
        Ok(file) if file.imported.doc.text().as_str() == doc.text().as_str() => file,
        _ => {
            let review = Review::new(bare, layers, Threshold::All)?;
            let note = "the saved review could not be read; the document was merged afresh";
            return Ok((review, vec![note.to_string()]));
        }
    };
    let text = file.imported.doc.text_rc();
    let current: Vec<_> = layers
        .iter()
        .map(|l| wire_layer(l, &text, &|c| c))
        .collect();
    let mut notes = Vec::new();
    if current != file.layers {
        notes.push(
            "the layers changed since the review was saved: the conflicts were worked out again (Re-merge starts over)"
                .to_string(),
        );
    }
    file.layers = current;
    let (review, more) = Review::from_file(&file)?;
    notes.extend(more);
    Ok((review, notes))
}

/// The gold document a stored review holds (for exports that take the gold layer); `None`
/// when it cannot be read.
pub fn gold(saved: &str) -> Option<Document> {
    native_review::import(saved).ok().map(|f| f.imported.doc)
}

/// What a dataset export "with gold" writes for a document: the gold of its saved review
/// (`saved`, as the store keeps it) under the document's own id, else the document as it is
/// with a note saying why (never reviewed, or a review that cannot be read).
pub fn gold_or_own(own: Document, saved: Option<&str>) -> (Document, Option<String>) {
    let title = own.title().to_string();
    match saved.map(gold) {
        Some(Some(g)) => (g.with_id(own.id()), None),
        Some(None) => (
            own,
            Some(format!(
                "the saved review of “{title}” could not be read: its own spans were exported"
            )),
        ),
        None => (
            own,
            Some(format!(
                "“{title}” has not been reviewed: its own spans were exported"
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::format::OffsetUnit;
    use crate::model::LabelSet;
    use crate::review::state::ConflictId;
    use crate::review::LayerKind;

    const MERKEL: &str = "Merkel said: \"We will manage.\" Critics at the CDU disagreed.";

    fn spans(list: &[(usize, usize, &str)]) -> Vec<LayerSpan> {
        list.iter()
            .map(|&(a, b, l)| LayerSpan::new(a, b, l))
            .collect()
    }

    fn stored(name: &str, list: &[(usize, usize, &str)], added: u64) -> LayerRecord {
        LayerRecord::of(&ReviewLayer::annotator(name, spans(list)), "", added)
    }

    #[test]
    fn a_review_is_merged_on_opening_and_restored_after() {
        let doc = Document::new("Merkel", MERKEL, LabelSet::standard()).with_id("m");
        let a = [
            (0, 6, "PER"),
            (13, 30, "QUOTE"),
            (31, 38, "PER"),
            (46, 49, "ORG"),
        ];
        let b = [(0, 6, "PER"), (14, 28, "QUOTE"), (31, 38, "ORG")];
        let records = [stored("B", &b, 2), stored("A", &a, 1)];
        let layers = review_layers(Vec::new(), "", &records);
        let names: Vec<&str> = layers.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            ["B", "A"],
            "in the order given (the store sorts by time added)"
        );
        let (review, notes) = open_review(&doc, layers.clone(), None).unwrap();
        assert!(notes.is_empty());
        assert_eq!(review.gold().spans().len(), 1, "PER Merkel, agreed");
        let left = review.conflicts_left();
        assert!(left > 0);
        let decided = review.accept(ConflictId(0), 1).unwrap();
        let json = decided.export(OffsetUnit::CodePoint);
        let (back, notes) = open_review(&doc, layers.clone(), Some(&json)).unwrap();
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(back.conflicts_left(), left - 1);
        assert_eq!(back.gold().spans(), decided.gold().spans());
        assert_eq!(
            gold(&json).map(|g| g.spans().len()),
            Some(decided.gold().spans().len())
        );

        // A layer added since: the conflicts are worked out again, gold stays.
        let mut more = layers;
        more.push(ReviewLayer::annotator("C", spans(&a[..3])));
        let (again, notes) = open_review(&doc, more, Some(&json)).unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(again.gold().spans(), decided.gold().spans());
        assert_eq!(again.layers().len(), 3);

        // A dataset with gold takes the review's gold under the document's id.
        let own = doc.clone().with_id("m 😀");
        let (g, note) = gold_or_own(own.clone(), Some(&json));
        assert_eq!(
            (g.id(), g.spans(), note),
            ("m 😀", decided.gold().spans(), None)
        );
        let (g, note) = gold_or_own(own.clone(), None);
        assert_eq!(g, own);
        assert_eq!(
            note.as_deref(),
            Some("“Merkel” has not been reviewed: its own spans were exported")
        );
        let (g, note) = gold_or_own(own.clone(), Some("{"));
        assert_eq!(g, own);
        assert!(note.is_some_and(|n| n.starts_with("the saved review of “Merkel”")));

        let (fresh, notes) = open_review(&doc, Vec::new(), Some("{")).unwrap();
        assert_eq!((fresh.conflicts().len(), notes.len()), (0, 1));
        assert_eq!(gold("{"), None);
    }

    #[test]
    fn own_spans_are_a_layer_named_after_the_annotator() {
        let own = spans(&[(0, 3, "PER")]);
        let l = review_layers(own.clone(), " Zoë 👩🏽‍💻 ", &[stored("B", &[], 1)]);
        assert_eq!(
            (l[0].name.as_str(), l[0].kind),
            ("Zoë 👩🏽‍💻", LayerKind::Annotator)
        );
        assert_eq!(review_layers(own, "", &[])[0].name, OWN_LAYER);
        assert!(review_layers(Vec::new(), "me", &[]).is_empty());
    }
}
