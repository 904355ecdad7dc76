//! Relations: typed, directed links from one span to another (a quote `said_by` an entity), the
//! relation types a schema defines, and the set of relations a document holds. Spans are named
//! by id only; whether both ends exist is the document's business.

use std::fmt;
use std::rc::Rc;

use super::span::SpanId;

/// The most relations one document holds; a file with more is cut and the rest reported.
pub const MAX_RELATIONS: usize = 100_000;

/// The id of a relation: generated (`r1`, `r2`, …) or kept from an imported file.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RelationId(Rc<str>);

impl RelationId {
    pub fn new(id: &str) -> RelationId {
        RelationId(Rc::from(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RelationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A link of type `kind` from the span `from` to the span `to` (a quote `said_by` its
/// speaker: from the quote, to the speaker).
///
/// Invariant: `from != to`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Relation {
    id: RelationId,
    kind: Rc<str>,
    from: SpanId,
    to: SpanId,
}

impl Relation {
    /// A relation; `None` when both ends are the same span or the type is blank.
    pub fn new(id: RelationId, kind: &str, from: SpanId, to: SpanId) -> Option<Relation> {
        (from != to && !kind.trim().is_empty()).then(|| Relation {
            id,
            kind: Rc::from(kind.trim()),
            from,
            to,
        })
    }

    pub fn id(&self) -> &RelationId {
        &self.id
    }

    pub fn kind(&self) -> &str {
        &self.kind
    }

    pub fn from(&self) -> &SpanId {
        &self.from
    }

    pub fn to(&self) -> &SpanId {
        &self.to
    }

    /// True when `span` is one of the two ends.
    pub fn touches(&self, span: &SpanId) -> bool {
        self.from == *span || self.to == *span
    }

    /// The same link under another id (an import that finds its id taken).
    pub fn with_id(&self, id: RelationId) -> Relation {
        Relation { id, ..self.clone() }
    }
}

/// A relation type of the schema: its name and which `(from label, to label)` pairs it may
/// link, by label name. No pairs means any two spans.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RelationType {
    pub name: Rc<str>,
    pub pairs: Rc<[(Rc<str>, Rc<str>)]>,
}

impl RelationType {
    /// A type linking any two spans.
    pub fn any(name: &str) -> RelationType {
        RelationType {
            name: Rc::from(name.trim()),
            pairs: Rc::from(Vec::new()),
        }
    }

    /// A type linking spans of the labels `from` to spans of the labels `to`.
    pub fn between(name: &str, pairs: &[(&str, &str)]) -> RelationType {
        RelationType {
            name: Rc::from(name.trim()),
            pairs: pairs
                .iter()
                .map(|(a, b)| (Rc::from(*a), Rc::from(*b)))
                .collect(),
        }
    }

    /// True when this type may link a span labelled `from` to one labelled `to`.
    pub fn allows(&self, from: &str, to: &str) -> bool {
        self.pairs.is_empty() || self.pairs.iter().any(|(a, b)| **a == *from && **b == *to)
    }

    /// The relation types a new schema starts with: a quote is `said_by` an entity, a claim is
    /// `claimed_by` one, and `related_to` links anything.
    pub fn standard() -> Vec<RelationType> {
        vec![
            RelationType::between("said_by", &[("Quote", "Entity")]),
            RelationType::between("claimed_by", &[("Claim", "Entity")]),
            RelationType::any("related_to"),
        ]
    }
}

/// The relations of a document, in id order.
///
/// Invariant: ids are unique; no relation links a span to itself. Shared: cloning a document
/// never copies its relations until one changes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RelationSet(Rc<Vec<Relation>>);

impl RelationSet {
    pub fn new() -> RelationSet {
        RelationSet::default()
    }

    /// The set of `relations`; a later relation with an id already taken is left out and
    /// returned.
    pub fn from_relations(relations: Vec<Relation>) -> (RelationSet, Vec<Relation>) {
        let mut numbered: Vec<(usize, Relation)> = relations.into_iter().enumerate().collect();
        // Stable: of two relations with one id, the earlier stays first.
        super::order::sort_by(&mut numbered, |(_, a), (_, b)| a.id.cmp(&b.id));
        let mut kept: Vec<Relation> = Vec::with_capacity(numbered.len());
        let mut repeated: Vec<(usize, Relation)> = Vec::new();
        for (i, r) in numbered {
            if kept.last().is_some_and(|k| k.id == r.id) {
                repeated.push((i, r));
            } else {
                kept.push(r);
            }
        }
        super::order::sort_by_key(&mut repeated, |(i, _)| *i);
        (
            RelationSet(Rc::new(kept)),
            repeated.into_iter().map(|(_, r)| r).collect(),
        )
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Relation> {
        self.0.iter()
    }

    pub fn get(&self, id: &RelationId) -> Option<&Relation> {
        let i = self.0.binary_search_by(|r| r.id.cmp(id)).ok()?;
        self.0.get(i)
    }

    pub fn contains_id(&self, id: &RelationId) -> bool {
        self.get(id).is_some()
    }

    /// The relations with `span` at either end, in id order.
    pub fn touching<'a>(&'a self, span: &'a SpanId) -> impl Iterator<Item = &'a Relation> {
        self.0.iter().filter(move |r| r.touches(span))
    }

    /// A relation of the same type between the same ends, if there is one.
    pub fn find_same(&self, kind: &str, from: &SpanId, to: &SpanId) -> Option<&Relation> {
        self.0
            .iter()
            .find(|r| &*r.kind == kind && r.from == *from && r.to == *to)
    }

    /// Adds a relation; false (and nothing changes) when its id is taken.
    pub(super) fn insert(&mut self, relation: Relation) -> bool {
        match self.0.binary_search_by(|r| r.id.cmp(&relation.id)) {
            Ok(_) => false,
            Err(i) => {
                Rc::make_mut(&mut self.0).insert(i, relation);
                true
            }
        }
    }

    /// Removes the relation with this id, if there is one.
    pub(super) fn remove(&mut self, id: &RelationId) -> Option<Relation> {
        let i = self.0.binary_search_by(|r| r.id.cmp(id)).ok()?;
        Some(Rc::make_mut(&mut self.0).remove(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(id: &str, kind: &str, from: &str, to: &str) -> Relation {
        Relation::new(
            RelationId::new(id),
            kind,
            SpanId::new(from),
            SpanId::new(to),
        )
        .unwrap()
    }

    #[test]
    fn a_relation_links_two_different_spans() {
        let a = SpanId::new("a1");
        assert!(Relation::new(RelationId::new("r1"), "said_by", a.clone(), a.clone()).is_none());
        assert!(Relation::new(RelationId::new("r1"), " ", a, SpanId::new("a2")).is_none());
        let r = rel("r1", " 発言者 ", "a1", "a2");
        assert_eq!(r.kind(), "発言者");
        assert!(r.touches(&SpanId::new("a2")) && !r.touches(&SpanId::new("a3")));
    }

    #[track_caller]
    fn check_allows(t: &RelationType, from: &str, to: &str, want: bool) {
        assert_eq!(t.allows(from, to), want, "{} {from} → {to}", t.name);
    }

    #[test]
    fn types_say_which_labels_they_link() {
        let [said, claimed, related] = <[RelationType; 3]>::try_from(RelationType::standard())
            .unwrap_or_else(|_| panic!("three standard types"));
        check_allows(&said, "Quote", "Entity", true);
        check_allows(&said, "Entity", "Quote", false);
        check_allows(&said, "Claim", "Entity", false);
        check_allows(&claimed, "Claim", "Entity", true);
        check_allows(&related, "Entity", "Entity", true);
        check_allows(&related, "Zitat", "Person 👤", true);
        let t = RelationType::between("cita", &[("Cita", "Persona"), ("Cita", "Organización")]);
        check_allows(&t, "Cita", "Organización", true);
        check_allows(&t, "Cita", "Cita", false);
    }

    #[test]
    fn sets_keep_ids_unique_and_sorted() {
        let (set, repeated) = RelationSet::from_relations(vec![
            rel("r2", "said_by", "a3", "a1"),
            rel("r1", "said_by", "a2", "a1"),
            rel("r2", "related_to", "a1", "a4"),
        ]);
        let ids: Vec<_> = set.iter().map(|r| r.id().to_string()).collect();
        assert_eq!(ids, ["r1", "r2"]);
        assert_eq!(repeated, [rel("r2", "related_to", "a1", "a4")]);
        let a1 = SpanId::new("a1");
        assert_eq!(set.touching(&a1).count(), 2);
        assert!(set.find_same("said_by", &SpanId::new("a3"), &a1).is_some());
        assert!(set.find_same("said_by", &a1, &SpanId::new("a3")).is_none());
        let mut s = set.clone();
        assert!(!s.insert(rel("r1", "x", "a8", "a9")));
        assert!(s.insert(rel("r0", "x", "a8", "a9")));
        assert_eq!(s.iter().next().map(|r| r.id().as_str()), Some("r0"));
        assert_eq!(
            s.remove(&RelationId::new("r1"))
                .map(|r| r.kind().to_string())
                .as_deref(),
            Some("said_by")
        );
        assert_eq!(set.len(), 2, "the clone changed, not the original");
    }
}
