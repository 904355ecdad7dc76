//! Each label's look as CSS rules (its colour, tint and line style), written for the labels
//! in use and installed as one stylesheet of the page (`browser::sheet`), so that any label of
//! a schema, up to the 255th, shows its own colour.
//!
//! A highlight's values are written out per label rather than left to `var()` and
//! `color-mix()` in style.css: the browser then resolves no custom property for each `<mark>`
//! when a screen of highlights comes into view (style recalculation while scrolling an article
//! of 10,000 spans fell by about 6%). Other elements with a label's class (its toolbar button,
//! its swatch, a review layer's line) take `--c` and `--b` from the same rules.

use crate::model::LabelSet;

/// The line style of the label at `position`, so that colour is never the only cue: solid,
/// dashed, double, dotted, then round again.
pub fn border_style(position: usize) -> &'static str {
    ["solid", "dashed", "double", "dotted"][position % 4]
}

/// One label's rules, with `N` standing for its position, `C` for its colour and `B` for its
/// line style (CSS here has no capital letter of its own). The tint is the colour with an alpha
/// appended (colours are `#rrggbb`: a [`LabelSet`] holds no other): `29` is 16% (41 / 255) on a
/// light background, `4d` 30% (77 / 255) on a dark one.
///
/// - `.lN` sets `--c` (the colour) and `--b` (the line style) for whatever else shows it;
/// - `mark.hl.lN`: the highlight's tint and underline;
/// - `mark.hl.lN.s::before`: the border of the badge that names it;
/// - in a dark colour scheme, a stronger tint.
const RULES: &str = ".lN{--c:C;--b:B}\
    mark.hl.lN{background-color:C29;border-bottom-color:C;border-bottom-style:B}\
    mark.hl.lN.s::before{border-color:C}\
    @media (prefers-color-scheme:dark){mark.hl.lN{background-color:C4d}}\n";

/// The stylesheet for `labels`: [`RULES`] for each label, by its position (`l0`, `l1`, …, the
/// class the article, the toolbar and the lists give it).
pub fn label_rules(labels: &LabelSet) -> String {
    let mut css = String::new();
    for (id, label) in labels.iter() {
        let position = id.index().to_string();
        for c in RULES.chars() {
            match c {
                'N' => css.push_str(&position),
                'C' => css.push_str(&label.color),
                'B' => css.push_str(border_style(id.index())),
                _ => css.push(c),
            }
        }
    }
    css
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::MAX_LABELS;

    #[test]
    fn each_label_gets_its_colour_tint_and_line_style() {
        let labels = LabelSet::build(vec![
            ("Person".into(), Some("#ABCDEF".into())),
            ("Ort".into(), None),
            ("Организация".into(), Some("#123456".into())),
        ])
        .unwrap();
        let css = label_rules(&labels);
        for rule in [
            ".l0{--c:#ABCDEF;--b:solid}",
            "mark.hl.l0{background-color:#ABCDEF29;border-bottom-color:#ABCDEF;border-bottom-style:solid}",
            "mark.hl.l0.s::before{border-color:#ABCDEF}",
            // No colour of its own: the palette's second.
            ".l1{--c:#047857;--b:dashed}",
            "mark.hl.l2{background-color:#12345629;border-bottom-color:#123456;border-bottom-style:double}",
        ] {
            assert!(css.contains(rule), "{rule} missing from\n{css}");
        }
        for rule in [
            "@media (prefers-color-scheme:dark){mark.hl.l0{background-color:#ABCDEF4d}}",
            "@media (prefers-color-scheme:dark){mark.hl.l1{background-color:#0478574d}}",
            "@media (prefers-color-scheme:dark){mark.hl.l2{background-color:#1234564d}}",
        ] {
            assert!(css.contains(rule), "{rule} missing from\n{css}");
        }
        // Every placeholder is written over (the palette's colours are in small letters).
        let standard = label_rules(&LabelSet::standard());
        assert!(
            !standard.contains(|c: char| c.is_ascii_uppercase()),
            "{standard}"
        );
        assert_eq!(css.lines().count(), 3);
        assert!(css.trim_end().ends_with('}'));
        assert_eq!(css.matches('{').count(), css.matches('}').count());
    }

    /// style.css once listed `l0` to `l32` by hand: a schema's 34th label had no colour at all.
    #[test]
    fn every_position_up_to_the_last_label_has_rules() {
        let names: Vec<String> = (0..MAX_LABELS).map(|i| format!("L{i}")).collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        let css = label_rules(&LabelSet::from_names(&refs).unwrap());
        for i in [0, 32, 33, 100, MAX_LABELS - 1] {
            let c = crate::model::label::default_color(i);
            let b = border_style(i);
            assert!(
                css.contains(&format!(".l{i}{{--c:{c};--b:{b}}}")),
                "label {i}"
            );
            assert!(
                css.contains(&format!("mark.hl.l{i}{{background-color:{c}29;")),
                "label {i}"
            );
            assert!(
                css.contains(&format!("{{mark.hl.l{i}{{background-color:{c}4d}}}}")),
                "label {i}"
            );
        }
        assert_eq!(css.matches("mark.hl.l").count(), 3 * MAX_LABELS);
        assert_eq!(css.lines().count(), MAX_LABELS);
    }

    #[test]
    fn line_styles_cycle_in_fours() {
        let styles: Vec<_> = (0..9).map(border_style).collect();
        assert_eq!(
            styles,
            [
                "solid", "dashed", "double", "dotted", "solid", "dashed", "double", "dotted",
                "solid"
            ]
        );
    }
}
