//! Attribute edits of a label in many scripts: what the schema becomes, what is refused, and
//! what each edit does to stored values.

use super::super::{edit, SchemaEdit};
use super::*;
use crate::model::{LabelId, LabelSet};

/// Claim with check-worthy (yes/no/unsure) and Quote with direct (flag) and speaker (text).
fn schema() -> LabelSet {
    let spec = |n: &str, attributes: Vec<AttrDef>| LabelSpec {
        attributes,
        ..LabelSpec::named(n)
    };
    LabelSet::from_specs(vec![
        spec("Entity", vec![]),
        spec(
            "Claim",
            vec![AttrDef::new(
                "check-worthy",
                AttrKind::choice(&["yes", "no", "unsure"]),
            )],
        ),
        spec(
            "Quote",
            vec![
                AttrDef::new("direct", AttrKind::Flag),
                AttrDef::new("говорящий", AttrKind::Text),
            ],
        ),
    ])
    .unwrap()
}

/// The attributes of every label as `Label[name:kind(values)]`.
fn show(set: &LabelSet) -> String {
    set.iter()
        .map(|(_, l)| {
            let attrs: Vec<String> = l
                .attributes
                .iter()
                .map(|a| match &a.kind {
                    AttrKind::Choice(v) => format!("{}({})", a.name, v.join("/")),
                    k => format!("{}:{}", a.name, k.word()),
                })
                .collect();
            format!("{}[{}]", l.name, attrs.join(" "))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[track_caller]
fn check(label: u8, e: AttrEdit, want: Result<&str, &str>) {
    let before = schema();
    let got = edit(
        &before,
        &SchemaEdit::Attribute {
            id: LabelId(label),
            edit: e.clone(),
        },
    );
    match (got, want) {
        (Ok((set, remap)), Ok(w)) => {
            assert_eq!(show(&set), w, "{e:?}");
            assert!(remap.is_identity(), "{e:?} moves no label");
            assert_eq!(set.relation_types(), before.relation_types());
        }
        (Err(err), Err(w)) => assert_eq!(err.to_string(), w, "{e:?}"),
        (got, want) => panic!("{e:?}: got {got:?}, want {want:?}"),
    }
}

const BEFORE_E: &str = "Entity[]";
const BEFORE_Q: &str = "Quote[direct:flag говорящий:text]";

#[test]
fn attribute_edits() {
    let s = |x: &str| x.to_string();
    let add = |n: &str, k: AttrKind| AttrEdit::Add(AttrDef::new(n, k));
    check(
        0,
        add("type", AttrKind::choice(&["person", "organisation", "place", "其他"])),
        Ok(&format!("Entity[type(person/organisation/place/其他)] Claim[check-worthy(yes/no/unsure)] {BEFORE_Q}")),
    );
    check(
        2,
        add("vérifié ✅", AttrKind::Flag),
        Ok(&format!("{BEFORE_E} Claim[check-worthy(yes/no/unsure)] Quote[direct:flag говорящий:text vérifié ✅:flag]")),
    );
    check(
        1,
        AttrEdit::Rename {
            name: s("check-worthy"),
            to: s(" worth checking "),
        },
        Ok(&format!(
            "{BEFORE_E} Claim[worth checking(yes/no/unsure)] {BEFORE_Q}"
        )),
    );
    check(
        1,
        AttrEdit::Remove {
            name: s("check-worthy"),
        },
        Ok(&format!("{BEFORE_E} Claim[] {BEFORE_Q}")),
    );
    check(
        1,
        AttrEdit::AddValue {
            name: s("check-worthy"),
            value: s(" لا أعرف "),
        },
        Ok(&format!(
            "{BEFORE_E} Claim[check-worthy(yes/no/unsure/لا أعرف)] {BEFORE_Q}"
        )),
    );
    check(
        1,
        AttrEdit::RenameValue {
            name: s("check-worthy"),
            value: s("unsure"),
            to: s("maybe 🤔"),
        },
        Ok(&format!(
            "{BEFORE_E} Claim[check-worthy(yes/no/maybe 🤔)] {BEFORE_Q}"
        )),
    );
    check(
        1,
        AttrEdit::RemoveValue {
            name: s("check-worthy"),
            value: s("no"),
        },
        Ok(&format!(
            "{BEFORE_E} Claim[check-worthy(yes/unsure)] {BEFORE_Q}"
        )),
    );
}

#[test]
fn attribute_refusals() {
    let s = |x: &str| x.to_string();
    check(
        2,
        AttrEdit::Add(AttrDef::new("direct", AttrKind::Text)),
        Err("“Quote” already has an attribute “direct”"),
    );
    check(
        2,
        AttrEdit::Add(AttrDef::new("  ", AttrKind::Flag)),
        Err("an attribute needs a name"),
    );
    check(
        0,
        AttrEdit::Add(AttrDef::new("type", AttrKind::choice(&[" "]))),
        Err("“type” needs at least one value"),
    );
    check(
        2,
        AttrEdit::Rename {
            name: s("direct"),
            to: s("говорящий"),
        },
        Err("“Quote” already has an attribute “говорящий”"),
    );
    check(
        0,
        AttrEdit::Remove { name: s("type") },
        Err("“Entity” has no attribute “type”"),
    );
    check(
        2,
        AttrEdit::AddValue {
            name: s("direct"),
            value: s("x"),
        },
        Err("“direct” is not a list of values"),
    );
    check(
        1,
        AttrEdit::AddValue {
            name: s("check-worthy"),
            value: s("yes"),
        },
        Err("the list already has the value “yes”"),
    );
    check(
        1,
        AttrEdit::AddValue {
            name: s("check-worthy"),
            value: s(""),
        },
        Err("a value needs some text"),
    );
    check(
        1,
        AttrEdit::RenameValue {
            name: s("check-worthy"),
            value: s("yes"),
            to: s("no"),
        },
        Err("the list already has the value “no”"),
    );
    check(
        1,
        AttrEdit::RemoveValue {
            name: s("check-worthy"),
            value: s("perhaps"),
        },
        Err("the list has no value “perhaps”"),
    );
    check(
        9,
        AttrEdit::Remove { name: s("x") },
        Err("there is no label number 9"),
    );
    let one = LabelSet::from_specs(vec![LabelSpec {
        attributes: vec![AttrDef::new("k", AttrKind::choice(&["only"]))],
        ..LabelSpec::named("L")
    }])
    .unwrap();
    let last = SchemaEdit::Attribute {
        id: LabelId(0),
        edit: AttrEdit::RemoveValue {
            name: s("k"),
            value: s("only"),
        },
    };
    assert_eq!(
        edit(&one, &last).unwrap_err().to_string(),
        "“k” needs at least one value"
    );
}

#[test]
fn what_stored_values_go_through() {
    let s = |x: &str| x.to_string();
    let rw = |e: AttrEdit| e.rewrite("Claim").map(|r| (r.label, r.name, r.fate));
    assert_eq!(rw(AttrEdit::Add(AttrDef::new("a", AttrKind::Flag))), None);
    assert_eq!(
        rw(AttrEdit::AddValue {
            name: s("a"),
            value: s("b")
        }),
        None
    );
    assert_eq!(
        rw(AttrEdit::Rename {
            name: s("check-worthy"),
            to: s(" cw ")
        }),
        Some((s("Claim"), s("check-worthy"), AttrFate::Rename(s("cw"))))
    );
    assert_eq!(
        rw(AttrEdit::RemoveValue {
            name: s("check-worthy"),
            value: s("no")
        }),
        Some((s("Claim"), s("check-worthy"), AttrFate::DropValue(s("no"))))
    );
    assert!(AttrEdit::Remove { name: s("x") }.removes());
    assert!(!AttrEdit::Rename {
        name: s("x"),
        to: s("y")
    }
    .removes());
}
