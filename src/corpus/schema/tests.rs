//! Schema edits over a document in many scripts: what the set becomes, where spans go.

use super::*;
use crate::model::{CharRange, SpanId};

const TEXT: &str = "Ана́ліз: 習近平 said “we agree” 👩🏽‍💻 in القاهرة\r\nCafé";

/// The document: one span per label of the standard set, plus a second Entity.
fn doc() -> Document {
    let spans = [
        ("s1", 0, 0, 7),
        ("s2", 1, 9, 12),
        ("s3", 2, 18, 28),
        ("s4", 0, 37, 44),
    ]
    .iter()
    .map(|&(id, l, a, b)| {
        Span::new(SpanId::new(id), LabelId(l), CharRange::new(a, b).unwrap()).unwrap()
    })
    .collect();
    Document::new("t", TEXT, LabelSet::standard())
        .with_spans(spans)
        .unwrap()
}

/// `labels` as `name:hotkey` joined by spaces, and each span of `doc` as `id=label name`.
fn show(labels: &LabelSet, doc: &Document) -> (String, String) {
    let l = labels
        .iter()
        .map(|(_, l)| format!("{}:{}", l.name, l.hotkey.unwrap_or('-')))
        .collect::<Vec<_>>()
        .join(" ");
    let s = doc
        .spans()
        .iter()
        .map(|s| format!("{}={}", s.id(), doc.labels().name(s.label())))
        .collect::<Vec<_>>()
        .join(" ");
    (l, s)
}

#[track_caller]
fn check(e: SchemaEdit, want_labels: &str, want_spans: &str, removed: &[&str]) {
    let d = doc();
    let (set, remap) = edit(d.labels(), &e).unwrap_or_else(|err| panic!("{e:?}: {err}"));
    let (after, gone) = carry_over(&d, &set, &remap);
    assert_eq!(
        show(&set, &after),
        (want_labels.to_string(), want_spans.to_string()),
        "{e:?}"
    );
    let gone: Vec<&str> = gone.iter().map(|s| s.id().as_str()).collect();
    assert_eq!(gone, removed, "{e:?}");
    for s in after.spans().iter() {
        let before = d.spans().get(s.id()).unwrap();
        assert_eq!(after.covered(s), d.covered(before), "{e:?} keeps ranges");
    }
    assert!(std::rc::Rc::ptr_eq(&after.text_rc(), &d.text_rc()));
}

#[test]
fn edits_and_where_spans_go() {
    use SchemaEdit::*;
    let e = LabelId(0);
    let c = LabelId(1);
    let q = LabelId(2);
    let all = "s1=Entity s2=Claim s3=Quote s4=Entity";
    check(
        Add(LabelSpec::named("Ort 🏙")),
        "Entity:1 Claim:2 Quote:3 Ort 🏙:4",
        all,
        &[],
    );
    check(
        Rename {
            id: e,
            name: " Персона ".into(),
        },
        "Персона:1 Claim:2 Quote:3",
        "s1=Персона s2=Claim s3=Quote s4=Персона",
        &[],
    );
    check(
        Recolour {
            id: q,
            color: "#D55E00".into(),
        },
        "Entity:1 Claim:2 Quote:3",
        all,
        &[],
    );
    check(Move { id: q, to: 0 }, "Quote:1 Entity:2 Claim:3", all, &[]);
    check(Move { id: e, to: 99 }, "Claim:1 Quote:2 Entity:3", all, &[]);
    check(Move { id: c, to: 1 }, "Entity:1 Claim:2 Quote:3", all, &[]);
    check(
        Delete { id: e },
        "Claim:1 Quote:2",
        "s2=Claim s3=Quote",
        &["s1", "s4"],
    );
    check(
        Delete { id: q },
        "Entity:1 Claim:2",
        "s1=Entity s2=Claim s4=Entity",
        &["s3"],
    );
}

#[track_caller]
fn check_refused(e: SchemaEdit, want: &str) {
    let labels = LabelSet::standard();
    match edit(&labels, &e) {
        Err(err) => assert_eq!(err.to_string(), want, "{e:?}"),
        Ok((set, _)) => panic!("{e:?} gave {set:?}"),
    }
}

#[test]
fn refusals_leave_the_schema_as_it_was() {
    use SchemaEdit::*;
    check_refused(
        Add(LabelSpec::named("Claim")),
        "there is already a label “Claim”",
    );
    check_refused(Add(LabelSpec::named(" \t")), "a label needs a name");
    check_refused(
        Rename {
            id: LabelId(0),
            name: "Quote".into(),
        },
        "there is already a label “Quote”",
    );
    check_refused(
        Rename {
            id: LabelId(3),
            name: "x".into(),
        },
        "there is no label number 3",
    );
    check_refused(
        Recolour {
            id: LabelId(0),
            color: "blue".into(),
        },
        "“blue” is not a colour of the form #rrggbb",
    );
    let one = LabelSet::from_names(&["Only"]).unwrap();
    assert_eq!(
        edit(&one, &Delete { id: LabelId(0) }).unwrap_err(),
        SchemaError::LastLabel
    );
}

#[test]
fn descriptions_and_twenty_labels() {
    let mut set = LabelSet::standard();
    for i in 0..20 {
        let spec = LabelSpec {
            name: format!("Typ {i}"),
            color: None,
            description: format!("Guideline {i}: mark «names» 😀"),
            attributes: Vec::new(),
        };
        set = edit(&set, &SchemaEdit::Add(spec)).unwrap().0;
    }
    assert_eq!(set.len(), 23);
    assert_eq!(set.by_hotkey('b'), set.by_name("Typ 6"));
    let id = set.by_name("Typ 19").unwrap();
    let (set, remap) = edit(
        &set,
        &SchemaEdit::Describe {
            id,
            description: "  خبر  ".into(),
        },
    )
    .unwrap();
    assert!(remap.is_identity());
    assert_eq!(&*set.get(id).unwrap().description, "خبر");
    let (set, remap) = edit(&set, &SchemaEdit::Move { id, to: 0 }).unwrap();
    assert_eq!(set.get(LabelId(0)).unwrap().hotkey, Some('1'));
    assert_eq!(remap.get(id), Some(LabelId(0)));
    assert_eq!(remap.get(LabelId(0)), Some(LabelId(1)));
    assert_eq!(remap.get(LabelId(200)), None);
}

fn summary(id: &str, labels: &[(&str, usize)]) -> DocSummary {
    DocSummary {
        id: id.into(),
        title: id.into(),
        status: crate::corpus::list::Status::New,
        chars: 0,
        labels: labels.iter().map(|(l, n)| (l.to_string(), *n)).collect(),
        created: 0,
        updated: 0,
        hash: String::new(),
        binned: None,
        revision: 0,
        layers: 0,
    }
}

#[test]
fn usage_counts_spans_and_documents() {
    let docs = [
        summary("a", &[("Entity", 2), ("Quote", 1)]),
        summary("b", &[("Entity", 0)]),
        summary("c", &[("Entity", 5)]),
    ];
    assert_eq!(
        usage(&docs, "Entity"),
        Usage {
            spans: 7,
            documents: 2
        }
    );
    assert_eq!(usage(&docs, "Claim"), Usage::default());
}

#[test]
fn imported_documents_fit_the_corpus_schema() {
    let theirs = LabelSet::from_names(&["Quote", "PERSON", "Unused"]).unwrap();
    let span = |l: u8, a, b| {
        Span::new(SpanId::new("x"), LabelId(l), CharRange::new(a, b).unwrap()).unwrap()
    };
    let d = Document::new("t", TEXT, theirs.clone())
        .with_spans(vec![span(1, 0, 7)])
        .unwrap();
    let schema = LabelSet::standard();
    assert_eq!(missing_labels(&schema, &theirs), ["PERSON", "Unused"]);
    assert_eq!(conform(&d, &schema).unwrap_err(), ["PERSON"]);
    let (wider, added) = merged(&schema, &theirs).unwrap();
    assert_eq!(added, ["PERSON", "Unused"]);
    assert_eq!(
        wider
            .iter()
            .map(|(_, l)| l.name.to_string())
            .collect::<Vec<_>>(),
        ["Entity", "Claim", "Quote", "PERSON", "Unused"]
    );
    let fitted = conform(&d, &wider).unwrap();
    assert_eq!(fitted.labels(), &wider);
    let s = fitted.spans().iter().next().unwrap();
    assert_eq!(
        (fitted.labels().name(s.label()), fitted.covered(s)),
        ("PERSON", "Ана́ліз")
    );
    assert_eq!(merged(&wider, &theirs).unwrap(), (wider, vec![]));
}

#[track_caller]
fn check_merged(schema: &[&str], incoming: &[&str], want: &[&str], added: &[&str]) {
    let schema = LabelSet::from_names(schema).unwrap();
    let incoming = LabelSet::from_names(incoming).unwrap();
    let (set, new) = merged(&schema, &incoming).unwrap();
    let names: Vec<String> = set.iter().map(|(_, l)| l.name.to_string()).collect();
    assert_eq!(names, want);
    assert_eq!(new, added);
}

#[test]
fn new_labels_join_at_the_end() {
    check_merged(
        &["Entity", "Claim", "Quote"],
        &["Quote"],
        &["Entity", "Claim", "Quote"],
        &[],
    );
    check_merged(
        &["Entity", "Claim", "Quote"],
        &["PERSON", "Entity", "Ort"],
        &["Entity", "Claim", "Quote", "PERSON", "Ort"],
        &["PERSON", "Ort"],
    );
    check_merged(
        &["人物"],
        &["人物", "地点 😀"],
        &["人物", "地点 😀"],
        &["地点 😀"],
    );
}

#[test]
fn colours_keys_and_guidelines_of_the_schema_stay() {
    let spec = |n: &str, c: &str, d: &str| LabelSpec {
        name: n.into(),
        color: Some(c.into()),
        description: d.into(),
        attributes: Vec::new(),
    };
    let schema = LabelSet::from_specs(vec![spec("A", "#123456", "ours")]).unwrap();
    let incoming = LabelSet::from_specs(vec![
        spec("B", "#abcdef", "theirs"),
        spec("A", "#000000", "x"),
    ])
    .unwrap();
    let (set, _) = merged(&schema, &incoming).unwrap();
    let got: Vec<(String, Option<char>, String, String)> = set
        .iter()
        .map(|(_, l)| {
            (
                l.name.to_string(),
                l.hotkey,
                l.color.to_string(),
                l.description.to_string(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("A".into(), Some('1'), "#123456".into(), "ours".into()),
            ("B".into(), Some('2'), "#abcdef".into(), "theirs".into())
        ]
    );
}
