//! The corpus's label schema: one label set for every document of the corpus, saved with it.
//! Documents brought in with labels of their own add those labels to it (keeping the labels
//! already there, with their keys and colours, first), so every span keeps its label.

use crate::model::label::{LabelError, LabelSet};

/// `schema` with the labels of `incoming` it lacks added at the end (with their colours), and
/// the names added. Fails only when the result would have more labels than there are keys.
pub fn merged(
    schema: &LabelSet,
    incoming: &LabelSet,
) -> Result<(LabelSet, Vec<String>), LabelError> {
    let added: Vec<String> = incoming
        .iter()
        .filter(|(_, l)| schema.by_name(&l.name).is_none())
        .map(|(_, l)| l.name.to_string())
        .collect();
    if added.is_empty() {
        return Ok((schema.clone(), added));
    }
    let pairs = schema
        .iter()
        .chain(
            incoming
                .iter()
                .filter(|(_, l)| schema.by_name(&l.name).is_none()),
        )
        .map(|(_, l)| (l.name.to_string(), Some(l.color.to_string())))
        .collect();
    Ok((LabelSet::build(pairs)?, added))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(schema: &[&str], incoming: &[&str], want: &[&str], added: &[&str]) {
        let schema = LabelSet::from_names(schema).unwrap();
        let incoming = LabelSet::from_names(incoming).unwrap();
        let (set, new) = merged(&schema, &incoming).unwrap();
        let names: Vec<String> = set.iter().map(|(_, l)| l.name.to_string()).collect();
        assert_eq!(names, want);
        assert_eq!(new, added);
    }

    #[test]
    fn new_labels_join_at_the_end() {
        check(
            &["Entity", "Claim", "Quote"],
            &["Quote"],
            &["Entity", "Claim", "Quote"],
            &[],
        );
        check(
            &["Entity", "Claim", "Quote"],
            &["PERSON", "Entity", "Ort"],
            &["Entity", "Claim", "Quote", "PERSON", "Ort"],
            &["PERSON", "Ort"],
        );
        check(
            &["人物"],
            &["人物", "地点 😀"],
            &["人物", "地点 😀"],
            &["地点 😀"],
        );
    }

    #[test]
    fn colours_and_keys_of_the_schema_stay() {
        let schema = LabelSet::build(vec![("A".into(), Some("#123456".into()))]).unwrap();
        let incoming = LabelSet::build(vec![
            ("B".into(), Some("#abcdef".into())),
            ("A".into(), Some("#000000".into())),
        ])
        .unwrap();
        let (set, _) = merged(&schema, &incoming).unwrap();
        let got: Vec<(String, char, String)> = set
            .iter()
            .map(|(_, l)| (l.name.to_string(), l.hotkey, l.color.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("A".into(), '1', "#123456".into()),
                ("B".into(), '2', "#abcdef".into())
            ]
        );
    }
}
