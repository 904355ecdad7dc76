//! The IndexedDB corpus store in headless Chromium: records written and read back per store
//! and per document, one document's spans apart from another's, and the revision rule: a
//! second connection (another tab) that starts from an old revision writes nothing; a version 1
//! store opens as the current version with its documents kept and listed; the list index
//! follows every write of a record and is rebuilt when a chunk of it cannot be read; the
//! browser's SHA-256 of a text, which the page's records carry, is the `sha2` crate's.
#![cfg(target_arch = "wasm32")]

use article_annotator::browser::db::{
    Batch, Db, StoreError, Write, DOCS, HISTORY, LAYERS, LIST, LISTED, META, REVIEWS, SPANS, TEXTS,
};
use article_annotator::model::revision::Conflict;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(id: &str, revision: u64) -> String {
    format!(r#"{{"id":"{id}","revision":{revision},"title":"Żółć 😀"}}"#)
}

fn span(id: &str) -> Write {
    Write::PutSpan {
        id: id.into(),
        json: format!(r#"{{"id":"{id}"}}"#),
    }
}

async fn fresh(name: &str) -> Db {
    let factory = idb::Factory::new().unwrap();
    factory.delete(name).unwrap().await.unwrap();
    Db::open_named(name).await.unwrap()
}

#[wasm_bindgen_test]
async fn documents_spans_and_steps_come_back_per_document() {
    let db = fresh("store-test-1").await;
    let new = |doc: &str, spans: &[&str]| Batch {
        doc: doc.into(),
        base: None,
        writes: [
            Write::Record(record(doc, 1)),
            Write::Text(format!("text of {doc} 習近平")),
        ]
        .into_iter()
        .chain(spans.iter().map(|s| span(s)))
        .collect(),
    };
    db.commit(&[new("d1", &["a1", "a2", "a10"]), new("d2", &["a1"])])
        .await
        .unwrap();
    assert_eq!(
        db.all(DOCS).await.unwrap(),
        [record("d1", 1), record("d2", 1)]
    );
    assert_eq!(
        db.get(TEXTS, "d2").await.unwrap().as_deref(),
        Some("text of d2 習近平")
    );
    assert_eq!(db.get(TEXTS, "d3").await.unwrap(), None);
    let d1 = db.under(SPANS, "d1").await.unwrap();
    assert_eq!(
        d1,
        [r#"{"id":"a1"}"#, r#"{"id":"a10"}"#, r#"{"id":"a2"}"#],
        "key order"
    );
    assert_eq!(db.under(SPANS, "d2").await.unwrap().len(), 1);
    assert!(
        db.under(SPANS, "d").await.unwrap().is_empty(),
        "a prefix is another document"
    );

    // An edit: one span out, one in, two undo steps, the oldest dropped.
    let edit = Batch {
        doc: "d1".into(),
        base: Some(1),
        writes: vec![
            Write::Record(record("d1", 2)),
            Write::DeleteSpan("a2".into()),
            span("a11"),
            Write::PutStep {
                step: 1,
                json: "1".into(),
            },
            Write::PutStep {
                step: 2,
                json: "2".into(),
            },
            Write::PutStep {
                step: 10,
                json: "10".into(),
            },
            Write::DeleteStep(1),
        ],
    };
    db.commit(&[edit]).await.unwrap();
    assert_eq!(db.under(SPANS, "d1").await.unwrap().len(), 3);
    assert_eq!(
        db.under(HISTORY, "d1").await.unwrap(),
        ["2", "10"],
        "steps in number order"
    );
    // Opening it reads the same in one transaction.
    let parts = db.document("d1").await.unwrap();
    assert_eq!(parts.record, Some(record("d1", 2)));
    assert_eq!(parts.text.as_deref(), Some("text of d1 習近平"));
    assert_eq!(parts.spans, db.under(SPANS, "d1").await.unwrap());
    assert_eq!(parts.links, None);
    assert_eq!(parts.steps, ["2", "10"]);
    let none = db.document("d").await.unwrap();
    assert_eq!((none.record, none.text, none.spans.len()), (None, None, 0));

    let gone = Batch {
        doc: "d1".into(),
        base: Some(2),
        writes: vec![Write::Delete],
    };
    db.commit(&[gone]).await.unwrap();
    assert_eq!(db.all(DOCS).await.unwrap(), [record("d2", 1)]);
    assert!(db.under(SPANS, "d1").await.unwrap().is_empty());
    assert!(db.under(HISTORY, "d1").await.unwrap().is_empty());
    assert_eq!(
        db.under(SPANS, "d2").await.unwrap().len(),
        1,
        "the other document is untouched"
    );
}

#[wasm_bindgen_test]
async fn a_tab_behind_another_writes_nothing() {
    let one = fresh("store-test-2").await;
    let two = Db::open_named("store-test-2").await.unwrap();
    let create = Batch {
        doc: "d".into(),
        base: None,
        writes: vec![Write::Record(record("d", 1))],
    };
    one.commit(std::slice::from_ref(&create)).await.unwrap();
    assert_eq!(
        two.commit(&[create]).await,
        Err(StoreError::Exists("d".into()))
    );

    // Both tabs loaded revision 1; the first to write wins, the other is told.
    let write = |rev: u64, s: &str| Batch {
        doc: "d".into(),
        base: Some(rev),
        writes: vec![Write::Record(record("d", rev + 1)), span(s)],
    };
    one.commit(&[write(1, "from-one")]).await.unwrap();
    let refused = two.commit(&[write(1, "from-two")]).await;
    assert_eq!(
        refused,
        Err(StoreError::Conflict {
            doc: "d".into(),
            conflict: Conflict { base: 1, stored: 2 }
        })
    );
    assert_eq!(
        one.under(SPANS, "d").await.unwrap(),
        [r#"{"id":"from-one"}"#]
    );

    // A batch of several documents is all or nothing.
    let other = Batch {
        doc: "e".into(),
        base: None,
        writes: vec![Write::Record(record("e", 1))],
    };
    let stale = write(1, "late");
    assert!(two.commit(&[other, stale]).await.is_err());
    assert_eq!(
        one.all(DOCS).await.unwrap(),
        [record("d", 2)],
        "e was not written either"
    );
    // Having read revision 2, the second tab writes.
    two.commit(&[write(2, "from-two")]).await.unwrap();
    assert_eq!(one.under(SPANS, "d").await.unwrap().len(), 2);
}

/// A change kept in a journal at page-hide is written at the next start: over the stored
/// revision it came from, or, when another tab wrote since, as a recovered copy.
#[wasm_bindgen_test]
async fn journals_kept_at_page_hide_are_written_at_the_next_start() {
    use article_annotator::browser::session::Session;
    use article_annotator::format::store::{Journal, Status};
    use article_annotator::model::{CharRange, Document, Editor, LabelId, LabelSet};

    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    idb::Factory::new()
        .unwrap()
        .delete(article_annotator::browser::db::NAME)
        .unwrap()
        .await
        .unwrap();
    let session = Session::open().await.unwrap();
    let labels = LabelSet::standard();
    let doc = Document::new(
        "Żółć",
        "Merkel 😀 sagte „Wir schaffen das“.",
        labels.clone(),
    )
    .with_id("d");
    let records = session
        .create(vec![(doc.clone(), Default::default())], |_| {})
        .await
        .unwrap();
    let record = &records[0];

    // A state the store never got: one more span, from the stored revision.
    let mut e = Editor::new(doc.clone());
    e.add_span(LabelId(0), CharRange::new(0, 6).unwrap())
        .unwrap();
    let journal = Journal::of(record, e.doc(), Status::InProgress);
    storage
        .set_item("article-annotator/journal/d", &journal.to_json())
        .unwrap();
    assert_eq!(session.recover(&labels).await, Ok(1));
    let (back, stored, _) = session.load("d", &labels).await.unwrap().unwrap();
    assert_eq!(back.doc().spans(), e.doc().spans());
    assert_eq!(stored.revision, record.revision + 1);
    assert_eq!(
        storage.get_item("article-annotator/journal/d").unwrap(),
        None,
        "used once"
    );

    // Another tab wrote since the journal's revision: the kept state becomes a copy.
    e.add_span(LabelId(1), CharRange::new(9, 14).unwrap())
        .unwrap();
    let stale = Journal::of(record, e.doc(), Status::InProgress);
    storage
        .set_item("article-annotator/journal/d", &stale.to_json())
        .unwrap();
    assert_eq!(session.recover(&labels).await, Ok(1));
    let (copy, _, _) = session.load("d-recovered", &labels).await.unwrap().unwrap();
    assert_eq!(copy.doc().spans().len(), 2);
    let (original, _, _) = session.load("d", &labels).await.unwrap().unwrap();
    assert_eq!(
        original.doc().spans().len(),
        1,
        "the stored document is not overwritten"
    );
}

/// New documents whose id is taken get the next free number after it: within one call, across
/// calls, and past an id that already has a number.
#[wasm_bindgen_test]
async fn documents_whose_id_is_taken_get_the_next_free_number() {
    use article_annotator::browser::session::Session;
    use article_annotator::model::{Document, LabelSet};

    let session = Session::over(fresh("store-test-ids").await);
    let doc = |id: &str| {
        let d = Document::new("Żółć", "שלום 😀 мир", LabelSet::standard()).with_id(id);
        (d, Default::default())
    };
    let ids = |records: Vec<article_annotator::format::store::DocRecord>| {
        records.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    let first = session
        .create(vec![doc("d"), doc("e-2"), doc("d")], |_| {})
        .await
        .unwrap();
    assert_eq!(ids(first), ["d", "e-2", "d-2"]);
    let second = session
        .create(vec![doc("d"), doc("e"), doc("e"), doc("d-2")], |_| {})
        .await
        .unwrap();
    assert_eq!(ids(second), ["d-3", "e", "e-3", "d-2-2"]);
    let (records, _) = session.records().await.unwrap();
    let mut stored = ids(records);
    stored.sort();
    assert_eq!(stored, ["d", "d-2", "d-2-2", "d-3", "e", "e-2", "e-3"]);
}

/// The store `name` opened without the app's code, to read or spoil it underneath.
async fn raw(name: &str) -> idb::Database {
    idb::Factory::new()
        .unwrap()
        .open(name, None)
        .unwrap()
        .await
        .unwrap()
}

/// A store as version 1 left it (no `layers`, no `reviews`) with one document in it.
async fn version_one(name: &str) {
    let factory = idb::Factory::new().unwrap();
    factory.delete(name).unwrap().await.unwrap();
    let mut request = factory.open(name, Some(1)).unwrap();
    request.on_upgrade_needed(|event| {
        use idb::DatabaseEvent;
        let db = event.database().unwrap();
        for store in [DOCS, TEXTS, SPANS, HISTORY, "meta"] {
            db.create_object_store(store, idb::ObjectStoreParams::new())
                .unwrap();
        }
    });
    let db = request.await.unwrap();
    let tx = db
        .transaction(&[DOCS, TEXTS], idb::TransactionMode::ReadWrite)
        .unwrap();
    let put = |store: &str, k: &str, v: &str| {
        tx.object_store(store)
            .unwrap()
            .put(&v.into(), Some(&k.into()))
            .unwrap()
    };
    put(DOCS, "d1", &record("d1", 3)).await.unwrap();
    put(TEXTS, "d1", "Zoë 👩🏽‍💻 in مريم's 東京").await.unwrap();
    tx.commit().unwrap().await.unwrap();
    db.close();
}

#[wasm_bindgen_test]
async fn a_version_one_store_opens_with_layers_and_reviews_and_keeps_its_documents() {
    version_one("store-test-v1").await;
    let db = Db::open_named("store-test-v1").await.unwrap();
    assert_eq!(db.all(DOCS).await.unwrap(), [record("d1", 3)]);
    // The list index did not exist: the first read of the list builds it.
    assert_eq!(db.listed().await.unwrap(), [record("d1", 3)]);
    assert_eq!(
        db.get(TEXTS, "d1").await.unwrap().as_deref(),
        Some("Zoë 👩🏽‍💻 in مريم's 東京")
    );
    assert!(db.under(LAYERS, "d1").await.unwrap().is_empty());
    // The new stores take writes over the document's revision.
    db.commit(&[Batch {
        doc: "d1".into(),
        base: Some(3),
        writes: vec![
            Write::Record(record("d1", 4)),
            Write::PutLayer {
                name: "Ada".into(),
                json: r#"{"name":"Ada"}"#.into(),
            },
            Write::PutReview(r#"{"format":"article-annotator"}"#.into()),
        ],
    }])
    .await
    .unwrap();
    assert_eq!(db.under(LAYERS, "d1").await.unwrap(), [r#"{"name":"Ada"}"#]);
    assert_eq!(db.listed().await.unwrap(), [record("d1", 4)]);
    assert_eq!(
        db.get(REVIEWS, "d1").await.unwrap().as_deref(),
        Some(r#"{"format":"article-annotator"}"#)
    );
}

fn sorted(mut v: Vec<String>) -> Vec<String> {
    v.sort();
    v
}

#[wasm_bindgen_test]
async fn a_new_store_has_its_empty_list_index_marked_whole_from_the_start() {
    let db = fresh("store-test-new").await;
    // Before any read of the list: the mark is there, written when the store was made.
    let raw = raw("store-test-new").await;
    let tx = raw
        .transaction(&[META], idb::TransactionMode::ReadOnly)
        .unwrap();
    let mark = tx
        .object_store(META)
        .unwrap()
        .get(wasm_bindgen::JsValue::from_str(LISTED))
        .unwrap()
        .await
        .unwrap();
    assert_eq!(mark.and_then(|m| m.as_string()).as_deref(), Some("1"));
    raw.close();
    assert!(db.listed().await.unwrap().is_empty());
    // The index, patched from empty by the first writes, lists them.
    db.commit(&[Batch {
        doc: "東京".into(),
        base: None,
        writes: vec![Write::Record(record("東京", 1))],
    }])
    .await
    .unwrap();
    assert_eq!(db.listed().await.unwrap(), [record("東京", 1)]);
}

#[wasm_bindgen_test]
async fn the_list_index_follows_every_write_and_is_rebuilt_when_unreadable() {
    let db = fresh("store-test-list").await;
    let ids = ["d1", "Zoë", "東京", "مريم", "👩🏽‍💻"];
    let new = |doc: &str| Batch {
        doc: doc.into(),
        base: None,
        writes: vec![Write::Record(record(doc, 1))],
    };
    db.commit(&ids.map(new)).await.unwrap();
    let all = |r: u64| sorted(ids.iter().map(|id| record(id, r)).collect());
    assert_eq!(sorted(db.listed().await.unwrap()), all(1));
    // A change of one record and the deletion of another, in one transaction.
    db.commit(&[
        Batch {
            doc: "Zoë".into(),
            base: Some(1),
            writes: vec![Write::Record(record("Zoë", 2)), span("a1")],
        },
        Batch {
            doc: "東京".into(),
            base: Some(1),
            writes: vec![Write::Delete],
        },
    ])
    .await
    .unwrap();
    let want = sorted(vec![
        record("d1", 1),
        record("Zoë", 2),
        record("مريم", 1),
        record("👩🏽‍💻", 1),
    ]);
    assert_eq!(sorted(db.listed().await.unwrap()), want);
    assert_eq!(sorted(db.all(DOCS).await.unwrap()), want);
    // A refused write changes the index no more than the records.
    let stale = db
        .commit(&[Batch {
            doc: "d1".into(),
            base: Some(7),
            writes: vec![Write::Record(record("d1", 8))],
        }])
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict { .. })),
        "{stale:?}"
    );
    assert_eq!(sorted(db.listed().await.unwrap()), want);
    // Every chunk spoilt (a value that is no chunk, as an older version's object is not): the
    // next write notices the one it patches, and the read after it rebuilds the index from the
    // records.
    let raw = raw("store-test-list").await;
    let tx = raw
        .transaction(&[LIST], idb::TransactionMode::ReadWrite)
        .unwrap();
    let list = tx.object_store(LIST).unwrap();
    for n in 0..article_annotator::format::store_list::CHUNKS {
        list.put(&n.into(), Some(&n.into())).unwrap();
    }
    tx.commit().unwrap().await.unwrap();
    raw.close();
    db.commit(&[new("d9")]).await.unwrap();
    let mut with_d9 = want.clone();
    with_d9.push(record("d9", 1));
    assert_eq!(sorted(db.listed().await.unwrap()), sorted(with_d9));
}

#[wasm_bindgen_test]
async fn the_browsers_sha256_of_a_text_is_the_crates() {
    use article_annotator::browser::digest;
    use article_annotator::review::align::{text_hash, text_hash_hex};
    let long = "Baku 😀 مريم 東京 e\u{301} ".repeat(5000);
    for text in [
        "",
        "a",
        "Żółć 👩🏽‍💻 in Bakı",
        "مرحبا بالعالم",
        "東京\n\r\n\t",
        long.as_str(),
    ] {
        // The test page is a secure context: the browser answers.
        let by_browser = digest::by_browser(text).await.expect("crypto.subtle");
        assert_eq!(by_browser, text_hash(text), "{:?}", text.get(..20));
        assert_eq!(digest::text_hash_hex(text).await, text_hash_hex(text));
    }
    // The empty text's, as FIPS 180-2 gives it.
    assert_eq!(
        digest::text_hash_hex("").await,
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
}
