//! Growing the corpus schema with what imported documents bring: [`super::merged`] adds their
//! labels and relation types; [`grown`] adds, besides, the attribute definitions their labels
//! have that the schema's labels of the same name lack (a label's own definitions stay first
//! and win on a name both have), so no imported attribute value is left without a definition.

use crate::model::label::LabelError;
use crate::model::LabelSet;

/// `schema` with the labels, relation types and attribute definitions of `incoming` it lacks,
/// and the names of the labels added. The set is `schema` itself (equal) when nothing was
/// missing.
pub fn grown(
    schema: &LabelSet,
    incoming: &LabelSet,
) -> Result<(LabelSet, Vec<String>), LabelError> {
    let (set, added) = super::merged(schema, incoming)?;
    let mut specs = set.specs();
    let mut more = false;
    for spec in &mut specs {
        let Some(id) = incoming.by_name(&spec.name) else {
            continue;
        };
        let Some(theirs) = incoming.get(id) else {
            continue;
        };
        for def in theirs.attributes.iter() {
            if !spec.attributes.iter().any(|d| d.name == def.name) {
                spec.attributes.push(def.clone());
                more = true;
            }
        }
    }
    if !more {
        return Ok((set, added));
    }
    Ok((LabelSet::from_specs(specs)?.with_types_from([&set]), added))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::attribute::{AttrDef, AttrKind};
    use crate::model::label::LabelSpec;
    use crate::model::relation::RelationType;

    fn set(labels: &[(&str, &[AttrDef])], types: &[RelationType]) -> LabelSet {
        LabelSet::from_specs(
            labels
                .iter()
                .map(|(n, defs)| LabelSpec {
                    attributes: defs.to_vec(),
                    ..LabelSpec::named(n)
                })
                .collect(),
        )
        .unwrap()
        .with_relation_types(types.to_vec())
        .unwrap()
    }

    #[track_caller]
    fn check(schema: &LabelSet, incoming: &LabelSet, want: &LabelSet, added: &[&str]) {
        let (got, a) = grown(schema, incoming).unwrap();
        // Colours follow `merged` (an added label keeps its own); compared are the rest.
        let parts = |s: &LabelSet| {
            let labels: Vec<_> = s
                .specs()
                .into_iter()
                .map(|l| (l.name, l.attributes))
                .collect();
            (labels, s.relation_types().to_vec())
        };
        assert_eq!(parts(&got), parts(want));
        assert_eq!(a, added);
    }

    #[test]
    fn labels_types_and_attribute_definitions_grow() {
        let flag = || AttrDef::new("geprüft ✅", AttrKind::Flag);
        let kind = || AttrDef::new("種類", AttrKind::choice(&["直接", "間接"]));
        let other_kind = AttrDef::new("種類", AttrKind::Text);
        let said = || RelationType::between("said_by", &[("Zitat", "Person")]);
        let any = || RelationType::any("يرد على");
        let schema = set(&[("Person", &[]), ("Zitat", &[kind()])], &[said()]);
        check(&schema, &schema, &schema, &[]);
        check(
            &schema,
            &set(&[("Zitat", &[other_kind, flag()])], &[any()]),
            &set(
                &[("Person", &[]), ("Zitat", &[kind(), flag()])],
                &[said(), any()],
            ),
            &[],
        );
        check(
            &schema,
            &set(&[("Person", &[flag()]), ("Ort 🇦🇿", &[])], &[]),
            &set(
                &[("Person", &[flag()]), ("Zitat", &[kind()]), ("Ort 🇦🇿", &[])],
                &[said()],
            ),
            &["Ort 🇦🇿"],
        );
    }
}
