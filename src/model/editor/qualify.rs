//! The editor's requests that qualify spans rather than make them: set or clear an attribute,
//! write a note, link two spans and unlink them. Each is one undoable step, checked against the
//! schema (the label's attribute definitions, the relation types and the pairs they allow).

use std::rc::Rc;

use super::{Edit, Editor, Refusal};
use crate::model::attribute::{AttrValue, Attrs, MAX_TEXT_CHARS};
use crate::model::label::LabelId;
use crate::model::relation::{Relation, RelationId};
use crate::model::span::SpanId;

impl Editor {
    /// Sets the attribute `name` of a span to `value`, or clears it for `None`. Setting the
    /// value it already has is a no-op, not an error.
    pub fn set_attr(
        &mut self,
        id: &SpanId,
        name: &str,
        value: Option<AttrValue>,
    ) -> Result<(), Refusal> {
        let before = self
            .doc
            .spans()
            .get(id)
            .cloned()
            .ok_or(Refusal::NoSuchSpan)?;
        if let Some(v) = &value {
            self.check_attrs(
                before.label(),
                &Attrs::from_pairs(vec![(Rc::from(name), v.clone())]),
            )?;
        }
        if before.attr(name) == value.as_ref() {
            return Ok(());
        }
        let after = before.with_attr(name, value);
        self.commit(Edit::Update { before, after });
        Ok(())
    }

    /// Writes a span's note; blank text removes it. The same note again is a no-op.
    pub fn set_note(&mut self, id: &SpanId, note: &str) -> Result<(), Refusal> {
        let before = self
            .doc
            .spans()
            .get(id)
            .cloned()
            .ok_or(Refusal::NoSuchSpan)?;
        if note.chars().count() > MAX_TEXT_CHARS {
            return Err(Refusal::TooLong);
        }
        let after = before.with_note(note);
        if after == before {
            return Ok(());
        }
        self.commit(Edit::Update { before, after });
        Ok(())
    }

    /// Links span `from` to span `to` with the relation type `kind`; returns the new
    /// relation's id. Refused when an end is gone, both ends are one span, the type is not in
    /// the schema or does not link these labels, or the same link exists.
    pub fn link(&mut self, kind: &str, from: &SpanId, to: &SpanId) -> Result<RelationId, Refusal> {
        self.check_link(kind, from, to)?;
        let id = Rc::make_mut(&mut self.doc).fresh_relation_id();
        let relation = Relation::new(id.clone(), kind, from.clone(), to.clone())
            .ok_or(Refusal::SelfRelation)?;
        self.commit(Edit::Link(vec![relation]));
        Ok(id)
    }

    /// What [`Editor::link`] would refuse, without linking: the view asks it to offer only
    /// targets a link may reach.
    pub fn check_link(&self, kind: &str, from: &SpanId, to: &SpanId) -> Result<(), Refusal> {
        let doc = &self.doc;
        let a = doc.spans().get(from).ok_or(Refusal::NoSuchSpan)?;
        let b = doc.spans().get(to).ok_or(Refusal::NoSuchSpan)?;
        if from == to {
            return Err(Refusal::SelfRelation);
        }
        let t = doc
            .labels()
            .relation_type(kind)
            .ok_or_else(|| Refusal::UnknownRelationType(kind.to_string()))?;
        let (la, lb) = (doc.labels().name(a.label()), doc.labels().name(b.label()));
        if !t.allows(la, lb) {
            return Err(Refusal::RelationNotAllowed {
                kind: kind.to_string(),
                from: la.to_string(),
                to: lb.to_string(),
            });
        }
        if doc.relations().find_same(kind, from, to).is_some() {
            return Err(Refusal::DuplicateRelation(kind.to_string()));
        }
        Ok(())
    }

    /// Removes a relation.
    pub fn unlink(&mut self, id: &RelationId) -> Result<(), Refusal> {
        let r = self
            .doc
            .relations()
            .get(id)
            .cloned()
            .ok_or(Refusal::NoSuchRelation)?;
        self.commit(Edit::Unlink(vec![r]));
        Ok(())
    }

    /// Refused unless every value of `attrs` is one `label` defines and accepts.
    pub(super) fn check_attrs(&self, label: LabelId, attrs: &Attrs) -> Result<(), Refusal> {
        let labels = self.doc.labels();
        for (name, value) in attrs.iter() {
            let def = labels
                .attribute(label, name)
                .ok_or_else(|| Refusal::UnknownAttribute {
                    label: labels.name(label).to_string(),
                    name: name.to_string(),
                })?;
            if let AttrValue::Text(t) = value {
                if t.chars().count() > MAX_TEXT_CHARS {
                    return Err(Refusal::TooLong);
                }
            }
            if !def.accepts(value) {
                return Err(Refusal::BadValue {
                    name: name.to_string(),
                    value: value.to_string(),
                });
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::attribute::{AttrDef, AttrKind};
    use crate::model::label::{LabelSet, LabelSpec};
    use crate::model::relation::RelationType;
    use crate::model::{CharRange, Document};

    const ENTITY: LabelId = LabelId(0);
    const CLAIM: LabelId = LabelId(1);
    const QUOTE: LabelId = LabelId(2);

    const TEXT: &str = "“Karabakh is Azerbaijan” 🇦🇿, said Ильхам Алиев; 报道 claimed";

    fn schema() -> LabelSet {
        let spec = |n: &str, attrs: Vec<AttrDef>| LabelSpec {
            attributes: attrs,
            ..LabelSpec::named(n)
        };
        LabelSet::from_specs(vec![
            spec(
                "Entity",
                vec![AttrDef::new(
                    "type",
                    AttrKind::choice(&["person", "organisation", "place", "other"]),
                )],
            ),
            spec(
                "Claim",
                vec![AttrDef::new(
                    "check-worthy",
                    AttrKind::choice(&["yes", "no", "unsure"]),
                )],
            ),
            spec("Quote", vec![AttrDef::new("direct", AttrKind::Flag)]),
        ])
        .and_then(|s| s.with_relation_types(RelationType::standard()))
        .unwrap()
    }

    fn r(a: usize, b: usize) -> CharRange {
        CharRange::new(a, b).unwrap()
    }

    /// An editor on TEXT with a quote (a1), its speaker (a2) and a claim (a3).
    fn editor() -> Editor {
        let mut e = Editor::new(Document::new("t", TEXT, schema()));
        e.add_span(QUOTE, r(0, 24)).unwrap();
        e.add_span(ENTITY, r(34, 46)).unwrap();
        e.add_span(CLAIM, r(1, 23)).unwrap();
        e
    }

    fn id(s: &str) -> SpanId {
        SpanId::new(s)
    }

    fn choice(v: &str) -> Option<AttrValue> {
        Some(AttrValue::Choice(Rc::from(v)))
    }

    /// The relations as `kind:from→to`.
    fn links(e: &Editor) -> Vec<String> {
        e.doc()
            .relations()
            .iter()
            .map(|r| format!("{}:{}→{}", r.kind(), r.from(), r.to()))
            .collect()
    }

    #[track_caller]
    fn check_set(name: &str, span: &str, value: Option<AttrValue>, want: Result<(), Refusal>) {
        let mut e = editor();
        let got = e.set_attr(&id(span), name, value.clone());
        assert_eq!(got, want, "{name} on {span}");
        if got.is_ok() {
            assert_eq!(
                e.doc().spans().get(&id(span)).unwrap().attr(name),
                value.as_ref()
            );
        }
    }

    #[test]
    fn attributes_fit_the_label() {
        check_set("check-worthy", "a3", choice("unsure"), Ok(()));
        check_set("type", "a2", choice("person"), Ok(()));
        check_set("direct", "a1", Some(AttrValue::Flag(true)), Ok(()));
        check_set("check-worthy", "a3", None, Ok(()));
        let bad = |v: &str| Refusal::BadValue {
            name: "check-worthy".into(),
            value: v.into(),
        };
        check_set("check-worthy", "a3", choice("maybe"), Err(bad("maybe")));
        check_set(
            "check-worthy",
            "a3",
            Some(AttrValue::Flag(true)),
            Err(bad("yes")),
        );
        let unknown = Refusal::UnknownAttribute {
            label: "Entity".into(),
            name: "check-worthy".into(),
        };
        check_set("check-worthy", "a2", choice("yes"), Err(unknown));
        check_set("type", "a9", choice("place"), Err(Refusal::NoSuchSpan));
    }

    #[test]
    fn attribute_and_note_changes_are_undoable_steps() {
        let mut e = editor();
        e.set_attr(&id("a3"), "check-worthy", choice("yes"))
            .unwrap();
        e.set_note(&id("a3"), "ask the desk: «source?» 🧐").unwrap();
        let before = e.revision();
        e.set_note(&id("a3"), "ask the desk: «source?» 🧐").unwrap();
        assert_eq!(e.revision(), before, "the same note again changes nothing");
        let claim = |e: &Editor| e.doc().spans().get(&id("a3")).unwrap().clone();
        assert_eq!(claim(&e).note(), Some("ask the desk: «source?» 🧐"));
        e.undo().unwrap();
        assert_eq!(claim(&e).note(), None);
        assert_eq!(claim(&e).attr("check-worthy"), choice("yes").as_ref());
        e.undo().unwrap();
        assert_eq!(claim(&e).attr("check-worthy"), None);
        assert_eq!(
            e.set_note(&id("a3"), &"x".repeat(MAX_TEXT_CHARS + 1)),
            Err(Refusal::TooLong)
        );
    }

    #[test]
    fn relabelling_keeps_only_what_the_new_label_defines() {
        let mut e = editor();
        e.set_attr(&id("a3"), "check-worthy", choice("no")).unwrap();
        e.set_note(&id("a3"), "note").unwrap();
        e.relabel(&id("a3"), QUOTE).unwrap();
        let s = e.doc().spans().get(&id("a3")).unwrap().clone();
        assert!(s.attrs().is_empty(), "Quote has no check-worthy");
        assert_eq!(
            s.note(),
            Some("note"),
            "a note belongs to the span, whatever its label"
        );
        e.undo().unwrap();
        let s = e.doc().spans().get(&id("a3")).unwrap().clone();
        assert_eq!(s.attr("check-worthy"), choice("no").as_ref());
    }

    #[track_caller]
    fn check_link(kind: &str, from: &str, to: &str, want: Result<(), Refusal>) {
        let mut e = editor();
        assert_eq!(
            e.check_link(kind, &id(from), &id(to)),
            want,
            "{kind} {from}→{to}"
        );
        let got = e.link(kind, &id(from), &id(to)).map(|_| ());
        assert_eq!(got, want, "{kind} {from}→{to}");
        assert_eq!(links(&e).len(), usize::from(want.is_ok()));
    }

    #[test]
    fn links_follow_the_schema() {
        check_link("said_by", "a1", "a2", Ok(()));
        check_link("claimed_by", "a3", "a2", Ok(()));
        check_link("related_to", "a2", "a3", Ok(()));
        let not = |k: &str, f: &str, t: &str| Refusal::RelationNotAllowed {
            kind: k.into(),
            from: f.into(),
            to: t.into(),
        };
        check_link(
            "said_by",
            "a2",
            "a1",
            Err(not("said_by", "Entity", "Quote")),
        );
        check_link(
            "said_by",
            "a3",
            "a2",
            Err(not("said_by", "Claim", "Entity")),
        );
        check_link("said_by", "a1", "a1", Err(Refusal::SelfRelation));
        check_link(
            "quoted",
            "a1",
            "a2",
            Err(Refusal::UnknownRelationType("quoted".into())),
        );
        check_link("said_by", "a1", "a7", Err(Refusal::NoSuchSpan));
    }

    #[test]
    fn a_link_is_made_once_and_undone() {
        let mut e = editor();
        let rid = e.link("said_by", &id("a1"), &id("a2")).unwrap();
        assert_eq!(rid.as_str(), "r1");
        assert_eq!(
            e.link("said_by", &id("a1"), &id("a2")),
            Err(Refusal::DuplicateRelation("said_by".into()))
        );
        e.link("related_to", &id("a2"), &id("a1")).unwrap();
        assert_eq!(links(&e), ["said_by:a1→a2", "related_to:a2→a1"]);
        e.unlink(&rid).unwrap();
        assert_eq!(links(&e), ["related_to:a2→a1"]);
        assert_eq!(e.unlink(&rid), Err(Refusal::NoSuchRelation));
        e.undo().unwrap();
        e.undo().unwrap();
        assert_eq!(links(&e), ["said_by:a1→a2"]);
    }

    #[test]
    fn deleting_a_span_deletes_its_links_in_the_same_step() {
        let mut e = editor();
        e.link("said_by", &id("a1"), &id("a2")).unwrap();
        e.link("claimed_by", &id("a3"), &id("a2")).unwrap();
        let rev = e.doc().relations_revision();
        e.delete(&id("a2")).unwrap();
        assert!(links(&e).is_empty());
        assert_ne!(e.doc().relations_revision(), rev);
        e.undo().unwrap();
        assert_eq!(links(&e), ["said_by:a1→a2", "claimed_by:a3→a2"], "one undo");
        e.redo().unwrap();
        assert!(links(&e).is_empty());
        e.undo().unwrap();
        e.resize(&id("a2"), r(34, 40)).unwrap();
        assert_eq!(links(&e).len(), 2, "resizing keeps links");
        e.change_spans(&[id("a1")], &[(QUOTE, r(0, 25))]).unwrap();
        assert_eq!(
            links(&e),
            ["claimed_by:a3→a2"],
            "a swapped span loses its links"
        );
    }

    #[test]
    fn label_all_sets_attributes_too() {
        let mut e = editor();
        let place = Attrs::from_pairs(vec![(
            Rc::from("type"),
            AttrValue::Choice(Rc::from("place")),
        )]);
        let n = e
            .add_spans_with(ENTITY, &place, &[r(1, 9), r(13, 23)])
            .unwrap();
        assert_eq!(n, 2);
        let places = e
            .doc()
            .spans()
            .iter()
            .filter(|s| s.attr("type").map(AttrValue::as_text) == Some("place"))
            .count();
        assert_eq!(places, 2);
        let wrong = Attrs::from_pairs(vec![(
            Rc::from("type"),
            AttrValue::Choice(Rc::from("city")),
        )]);
        assert!(matches!(
            e.add_spans_with(ENTITY, &wrong, &[r(0, 1)]),
            Err(Refusal::BadValue { .. })
        ));
    }

    #[test]
    fn relation_changes_name_what_a_store_writes() {
        let mut e = editor();
        let before = e.doc().clone();
        e.link("said_by", &id("a1"), &id("a2")).unwrap();
        let c = e.doc().relation_changes(&before);
        assert_eq!(c.put.len(), 1);
        assert!(c.removed.is_empty());
        let mid = e.doc().clone();
        e.delete(&id("a1")).unwrap();
        let c = e.doc().relation_changes(&mid);
        assert_eq!(c.removed, [RelationId::new("r1")]);
        assert!(e.doc().relation_changes(e.doc()).put.is_empty());
    }
}
