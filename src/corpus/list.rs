//! The document list: a [`DocSummary`] per document (what the list shows, so opening a corpus
//! of ten thousand documents reads no text), and the [`ListQuery`] that sorts, filters and
//! searches them. The query answers with indices into the summaries, so the view renders only
//! the rows in view from them.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

use crate::model::Document;
use crate::review::align::text_hash_hex;

/// A document's place in the work.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    #[default]
    New,
    InProgress,
    Done,
    Reviewed,
    /// A reviewer sent it back to an annotator with a comment.
    NeedsWork,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::New,
        Status::InProgress,
        Status::Done,
        Status::Reviewed,
        Status::NeedsWork,
    ];

    /// The status after an edit that leaves the document with `spans` spans: a new document
    /// with spans is in progress; any other status stays.
    pub fn after_edit(self, spans: usize) -> Status {
        match self {
            Status::New if spans > 0 => Status::InProgress,
            s => s,
        }
    }

    /// The class the document list styles its status with (`st-…` in static/style.css).
    pub fn class(self) -> &'static str {
        match self {
            Status::New => "st-new",
            Status::InProgress => "st-inprogress",
            Status::Done => "st-done",
            Status::Reviewed => "st-reviewed",
            Status::NeedsWork => "st-needswork",
        }
    }

    /// The name the user sees.
    pub fn name(self) -> &'static str {
        match self {
            Status::New => "new",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Reviewed => "reviewed",
            Status::NeedsWork => "needs work",
        }
    }
}

/// What the list knows of a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSummary {
    pub id: String,
    pub title: String,
    pub status: Status,
    /// Length in code points.
    pub chars: usize,
    /// Spans per label name.
    pub labels: BTreeMap<String, usize>,
    /// Milliseconds since 1970: created, last changed.
    pub created: u64,
    pub updated: u64,
    /// SHA-256 of the text (hex).
    pub hash: String,
    /// Moved to the bin at this time (milliseconds), if it was.
    pub binned: Option<u64>,
    /// Layers: other annotators' or a model's spans of the document, kept for review.
    pub layers: usize,
    /// Moved on by every write (see `model::revision`): a tab that saw revision `r` knows its
    /// view is current while the store still holds `r`.
    pub revision: u64,
}

impl DocSummary {
    /// The summary of `doc` as it stands, new and unchanged since `now` (milliseconds): its
    /// length, spans per label, and the SHA-256 of its text. Set status and revision on the
    /// result.
    pub fn of(doc: &Document, now: u64) -> DocSummary {
        let mut labels = BTreeMap::new();
        for s in doc.spans().iter() {
            *labels
                .entry(doc.labels().name(s.label()).to_string())
                .or_insert(0) += 1;
        }
        DocSummary {
            id: doc.id().to_string(),
            title: doc.title().to_string(),
            status: Status::New,
            chars: doc.text().len_chars(),
            labels,
            created: now,
            updated: now,
            hash: text_hash_hex(doc.text().as_str()),
            binned: None,
            revision: 0,
            layers: 0,
        }
    }

    pub fn spans(&self) -> usize {
        self.labels.values().sum()
    }
}

/// What the list is sorted by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortKey {
    /// In the order the documents were added (the default).
    #[default]
    Added,
    /// By case-folded title, in code point order (an order by language would need locale
    /// data the app does not ship).
    Title,
    Length,
    Spans,
    Status,
    Changed,
}

/// How the list is shown: sort order, filters and a title search. The default shows every
/// document not in the bin, in the order they were added.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub sort: SortKey,
    pub descending: bool,
    /// Only documents with one of these statuses (empty: any).
    pub statuses: Vec<Status>,
    /// Only documents with at least one span of this label.
    pub label: Option<String>,
    /// Only documents whose title contains this, ignoring case (empty: any), or, with
    /// `in_text`, whose text does.
    pub search: String,
    /// Search the texts too (the caller reads them and passes the ids that match).
    pub in_text: bool,
    /// Show the bin instead of the corpus.
    pub bin: bool,
}

/// Case-folded for search: lower case, one code point per code point.
fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).collect()
}

impl ListQuery {
    /// The summaries to show, as indices into `docs`, in order. `text_hits`: with `in_text`,
    /// the ids of the documents whose text holds the search (see [`text_matches`]). The
    /// summaries may be shared (`Rc<DocSummary>`), as the app keeps them.
    pub fn apply<D: Borrow<DocSummary>>(
        &self,
        docs: &[D],
        text_hits: &BTreeSet<String>,
    ) -> Vec<usize> {
        let docs: Vec<&DocSummary> = docs.iter().map(Borrow::borrow).collect();
        let needle = fold(self.search.trim());
        let mut rows: Vec<usize> = docs
            .iter()
            .enumerate()
            .filter(|(_, d)| d.binned.is_some() == self.bin)
            .filter(|(_, d)| self.statuses.is_empty() || self.statuses.contains(&d.status))
            .filter(|(_, d)| {
                self.label
                    .as_ref()
                    .is_none_or(|l| d.labels.get(l).is_some_and(|&n| n > 0))
            })
            .filter(|(_, d)| {
                needle.is_empty()
                    || fold(&d.title).contains(&needle)
                    || (self.in_text && text_hits.contains(&d.id))
            })
            .map(|(i, _)| i)
            .collect();
        // The default order, by time added, is the order the app keeps its records in: one
        // pass checks it, and nothing is sorted (the stable sort would leave it as it is). The
        // list's start takes only this pass, so the sorts' code loads after start-up.
        let added = |w: &[usize]| docs[w[0]].created <= docs[w[1]].created;
        if self.sort == SortKey::Added && !self.descending && rows.windows(2).all(added) {
            return rows;
        }
        // Titles are folded once each, not at every comparison (10,000 titles sorted: 141 ms
        // before, 9 ms after), and span counts summed once each (3.8 ms before, 2.5 after).
        let folded: Vec<String> = match self.sort {
            SortKey::Title => docs.iter().map(|d| fold(&d.title)).collect(),
            _ => Vec::new(),
        };
        let spans: Vec<usize> = match self.sort {
            SortKey::Spans => docs.iter().map(|d| d.spans()).collect(),
            _ => Vec::new(),
        };
        let key = |i: usize, j: usize| -> Ordering {
            let (a, b) = (&docs[i], &docs[j]);
            match self.sort {
                SortKey::Added => a.created.cmp(&b.created),
                SortKey::Title => folded.get(i).cmp(&folded.get(j)),
                SortKey::Length => a.chars.cmp(&b.chars),
                SortKey::Spans => spans.get(i).cmp(&spans.get(j)),
                SortKey::Status => a.status.cmp(&b.status),
                SortKey::Changed => a.updated.cmp(&b.updated),
            }
        };
        // A stable sort: documents equal by the key stay in the order they were added.
        crate::model::order::sort_by(&mut rows, |&i, &j| {
            let o = key(i, j);
            let o = if self.descending { o.reverse() } else { o };
            o.then(docs[i].created.cmp(&docs[j].created))
        });
        rows
    }
}

/// True when `text` holds `search` (trimmed), ignoring case: the text search of the list.
pub fn text_matches(text: &str, search: &str) -> bool {
    let needle = fold(search.trim());
    !needle.is_empty() && fold(text).contains(&needle)
}

/// The corpus's progress: documents done (done or reviewed) of all not in the bin, and spans
/// per label over them.
pub fn progress<D: Borrow<DocSummary>>(docs: &[D]) -> (usize, usize, BTreeMap<String, usize>) {
    let live: Vec<&DocSummary> = docs
        .iter()
        .map(Borrow::borrow)
        .filter(|d: &&DocSummary| d.binned.is_none())
        .collect();
    let done = live
        .iter()
        .filter(|d| matches!(d.status, Status::Done | Status::Reviewed))
        .count();
    let mut labels = BTreeMap::new();
    for d in &live {
        for (l, n) in &d.labels {
            *labels.entry(l.clone()).or_insert(0) += n;
        }
    }
    (done, live.len(), labels)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_has_its_own_class_and_the_stylesheet_styles_the_finished_ones() {
        let classes: Vec<&str> = Status::ALL.iter().map(|s| s.class()).collect();
        assert_eq!(
            classes,
            [
                "st-new",
                "st-inprogress",
                "st-done",
                "st-reviewed",
                "st-needswork"
            ]
        );
        let css = include_str!("../../static/style.css");
        for s in [
            Status::InProgress,
            Status::Done,
            Status::Reviewed,
            Status::NeedsWork,
        ] {
            assert!(
                css.contains(&format!(".status.{}", s.class())),
                "{:?} is styled",
                s
            );
        }
    }

    fn doc(
        id: &str,
        title: &str,
        status: Status,
        spans: &[(&str, usize)],
        created: u64,
    ) -> DocSummary {
        DocSummary {
            id: id.into(),
            title: title.into(),
            status,
            chars: title.chars().count() * 100,
            labels: spans.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
            created,
            updated: 100 - created,
            hash: String::new(),
            binned: None,
            layers: 0,
            revision: 0,
        }
    }

    fn corpus() -> Vec<DocSummary> {
        let mut binned = doc("e", "Корзина", Status::New, &[], 5);
        binned.binned = Some(9);
        vec![
            doc("a", "Żółć in Łódź", Status::Done, &[("Entity", 2)], 1),
            doc("b", "Merkel sagt", Status::New, &[], 2),
            doc(
                "c",
                "習近平 visits",
                Status::InProgress,
                &[("Claim", 1), ("Entity", 0)],
                3,
            ),
            doc("d", "ÉTÉ à Paris 😀", Status::Reviewed, &[("Quote", 4)], 4),
            binned,
        ]
    }

    #[track_caller]
    fn check(q: ListQuery, want: &str) {
        let docs = corpus();
        let hits = BTreeSet::from(["b".to_string()]);
        let got: String = q
            .apply(&docs, &hits)
            .iter()
            .map(|&i| docs[i].id.as_str())
            .collect();
        assert_eq!(got, want, "{q:?}");
    }

    #[test]
    fn the_default_order_is_by_time_added_whatever_order_the_documents_come_in() {
        let hits = BTreeSet::new();
        let ids = |docs: &[DocSummary], q: &ListQuery| -> String {
            q.apply(docs, &hits)
                .iter()
                .map(|&i| docs[i].id.as_str())
                .collect()
        };
        let q = ListQuery::default();
        let mut docs = corpus();
        docs.reverse();
        assert_eq!(ids(&docs, &q), "abcd");
        // Equal times keep the order given (the sort is stable), in order or not.
        for d in docs.iter_mut() {
            d.created = 7;
        }
        assert_eq!(ids(&docs, &q), "dcba");
        docs[2].created = 3;
        assert_eq!(ids(&docs, &q), "cdba");
        let desc = ListQuery {
            descending: true,
            ..ListQuery::default()
        };
        assert_eq!(ids(&corpus(), &desc), "dcba");
    }

    #[test]
    fn sort_filter_and_search() {
        let q = ListQuery::default;
        check(q(), "abcd");
        check(ListQuery { bin: true, ..q() }, "e");
        // Code point order of the folded titles: m < é < ż < 習.
        check(
            ListQuery {
                sort: SortKey::Title,
                ..q()
            },
            "bdac",
        );
        check(
            ListQuery {
                sort: SortKey::Spans,
                descending: true,
                ..q()
            },
            "dacb",
        );
        check(
            ListQuery {
                sort: SortKey::Status,
                ..q()
            },
            "bcad",
        );
        check(
            ListQuery {
                sort: SortKey::Changed,
                ..q()
            },
            "dcba",
        );
        check(
            ListQuery {
                sort: SortKey::Length,
                ..q()
            },
            "cbad",
        );
        check(
            ListQuery {
                statuses: vec![Status::New, Status::Done],
                ..q()
            },
            "ab",
        );
        check(
            ListQuery {
                label: Some("Entity".into()),
                ..q()
            },
            "a",
        );
        check(
            ListQuery {
                label: Some("Claim".into()),
                ..q()
            },
            "c",
        );
        check(
            ListQuery {
                search: "łÓDŹ".into(),
                ..q()
            },
            "a",
        );
        check(
            ListQuery {
                search: " été ".into(),
                ..q()
            },
            "d",
        );
        check(
            ListQuery {
                search: "習近平".into(),
                ..q()
            },
            "c",
        );
        check(
            ListQuery {
                search: "nothing".into(),
                ..q()
            },
            "",
        );
    }

    #[test]
    fn a_summary_counts_spans_by_label_and_hashes_the_text() {
        use crate::model::{CharRange, LabelId, LabelSet, Span, SpanId};
        let text = "Ана́ліз 習近平 👩🏽‍💻\r\nCafé";
        let span = |id: &str, l: u8, a: usize, b: usize| {
            Span::new(SpanId::new(id), LabelId(l), CharRange::new(a, b).unwrap()).unwrap()
        };
        let doc = crate::model::Document::new("Заголовок", text, LabelSet::standard())
            .with_spans(vec![
                span("a", 0, 0, 7),
                span("b", 0, 8, 11),
                span("c", 2, 12, 16),
            ])
            .unwrap();
        let s = DocSummary::of(&doc, 42);
        assert_eq!(s.chars, 22);
        assert_eq!(s.spans(), 3);
        assert_eq!(
            s.labels
                .iter()
                .map(|(l, n)| (l.as_str(), *n))
                .collect::<Vec<_>>(),
            [("Entity", 2), ("Quote", 1)]
        );
        assert_eq!((s.created, s.updated, s.status), (42, 42, Status::New));
        assert_eq!(s.hash, text_hash_hex(text));
        assert_eq!(s.hash.len(), 64);
        assert_eq!(s.id, doc.id());
    }

    #[test]
    fn a_new_document_with_spans_is_in_progress() {
        assert_eq!(Status::New.after_edit(0), Status::New);
        assert_eq!(Status::New.after_edit(1), Status::InProgress);
        assert_eq!(Status::Done.after_edit(3), Status::Done);
        assert_eq!(Status::Reviewed.after_edit(0), Status::Reviewed);
    }

    #[test]
    fn searching_the_texts_adds_the_documents_whose_text_matches() {
        let q = |in_text| ListQuery {
            search: "schaffen".into(),
            in_text,
            ..ListQuery::default()
        };
        check(q(false), "");
        check(q(true), "b");
        assert!(text_matches("Wir SCHAFFEN das 😀", " schaffen "));
        assert!(text_matches("ÉTÉ", "été"));
        assert!(!text_matches("anything", "  "));
    }

    #[test]
    fn progress_counts_done_and_reviewed_outside_the_bin() {
        let (done, total, labels) = progress(&corpus());
        assert_eq!((done, total), (2, 4));
        assert_eq!(labels.get("Entity"), Some(&2));
        assert_eq!(labels.get("Quote"), Some(&4));
    }
}
