//! Label colours: the colour-blind-safe palette the label editor offers, and the contrast of a
//! colour against the page, so the editor can warn about a label that is hard to see.
//!
//! - The palette is Okabe and Ito's (Color Universal Design, 2002/2008), eight colours that
//!   stay distinct under the common colour-vision deficiencies.
//! - Contrast is WCAG 2.2's: the relative luminance of each sRGB colour,
//!   `L = 0.2126 R + 0.7152 G + 0.0722 B` over linearised channels
//!   (`c ≤ 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055)^2.4`), and the ratio
//!   `(L_lighter + 0.05) / (L_darker + 0.05)`, from 1 to 21. A label's colour draws borders,
//!   underlines and badges, so the bar is WCAG's 3:1 for graphical objects (1.4.11); text set
//!   in the colour needs 4.5:1 (1.4.3).

use crate::model::LabelSet;

/// Okabe–Ito: `(name, #rrggbb)`, in their published order.
pub const OKABE_ITO: [(&str, &str); 8] = [
    ("orange", "#e69f00"),
    ("sky blue", "#56b4e9"),
    ("bluish green", "#009e73"),
    ("yellow", "#f0e442"),
    ("blue", "#0072b2"),
    ("vermillion", "#d55e00"),
    ("reddish purple", "#cc79a7"),
    ("black", "#000000"),
];

/// The page backgrounds of the app's light and dark themes (`--bg` in `static/style.css`).
pub const LIGHT_PAGE: &str = "#ffffff";
pub const DARK_PAGE: &str = "#15171b";

/// WCAG's minimum contrast for graphical objects and interface parts (1.4.11).
pub const MARKS: f64 = 3.0;
/// WCAG's minimum contrast for normal text (1.4.3, level AA).
pub const TEXT: f64 = 4.5;

/// The red, green and blue of `#rrggbb` (either case).
pub fn rgb(hex: &str) -> Option<[u8; 3]> {
    let digits = hex.strip_prefix('#').filter(|d| d.len() == 6)?;
    let channel = |i: usize| u8::from_str_radix(digits.get(i..i + 2)?, 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

/// WCAG relative luminance of `#rrggbb`, from 0 (black) to 1 (white).
pub fn relative_luminance(hex: &str) -> Option<f64> {
    let linear = |v: u8| {
        let c = f64::from(v) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let [r, g, b] = rgb(hex)?;
    Some(0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b))
}

/// The contrast of two colours.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Contrast {
    /// From 1 (the same luminance) to 21 (black on white).
    pub ratio: f64,
}

impl Contrast {
    /// The ratio in hundredths, rounded down, for showing without float formatting (`450` is
    /// 4.50:1). Rounding down never shows a failing ratio as passing.
    pub fn hundredths(self) -> u32 {
        // The ratio lies in 1..=21, so the product fits easily.
        (self.ratio * 100.0).floor() as u32
    }

    /// Enough for a label's borders, underlines and badges (3:1).
    pub fn enough_for_marks(self) -> bool {
        self.ratio >= MARKS
    }

    /// Enough for text in the colour (4.5:1).
    pub fn enough_for_text(self) -> bool {
        self.ratio >= TEXT
    }
}

/// The WCAG contrast of `color` against `background`; `None` when either is not `#rrggbb`.
pub fn contrast(color: &str, background: &str) -> Option<Contrast> {
    let (a, b) = (relative_luminance(color)?, relative_luminance(background)?);
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    Some(Contrast {
        ratio: (hi + 0.05) / (lo + 0.05),
    })
}

/// A colour for a new label: the first Okabe–Ito colour the set does not use that stands out
/// from `background` (3:1), else the first unused one, else the first.
pub fn suggest(labels: &LabelSet, background: &str) -> &'static str {
    let used = |hex: &str| {
        labels
            .iter()
            .any(|(_, l)| l.color.eq_ignore_ascii_case(hex))
    };
    let unused = || OKABE_ITO.iter().map(|(_, hex)| *hex).filter(|h| !used(h));
    unused()
        .find(|h| contrast(h, background).is_some_and(Contrast::enough_for_marks))
        .or_else(|| unused().next())
        .unwrap_or(OKABE_ITO[0].1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::label::LabelSpec;

    #[track_caller]
    fn check(color: &str, background: &str, hundredths: Option<u32>) {
        assert_eq!(
            contrast(color, background).map(Contrast::hundredths),
            hundredths,
            "{color} on {background}"
        );
    }

    #[test]
    fn contrast_follows_wcag() {
        check("#000000", "#ffffff", Some(2100));
        check("#FFFFFF", "#000000", Some(2100));
        check("#777777", "#ffffff", Some(447)); // 4.478…: the grey that just fails AA
        check("#767676", "#ffffff", Some(454)); // 4.542…: the grey that just passes
        check("#1d4ed8", "#ffffff", Some(670));
        check("#ffffff", "#ffffff", Some(100));
        check("#f0e442", LIGHT_PAGE, Some(132)); // Okabe–Ito yellow is for dark pages
        check("#f0e442", DARK_PAGE, Some(1357));
        check("red", "#ffffff", None);
        check("#ff000", "#ffffff", None);
        check("#ffffff", "#ÿÿÿÿÿ", None);
        check("#ff00001", "#ffffff", None);
    }

    #[test]
    fn okabe_ito_on_the_two_pages() {
        let marks = |bg: &str| -> Vec<&str> {
            OKABE_ITO
                .iter()
                .filter(|(_, h)| contrast(h, bg).is_some_and(Contrast::enough_for_marks))
                .map(|(n, _)| *n)
                .collect()
        };
        assert_eq!(
            marks(LIGHT_PAGE),
            [
                "bluish green",
                "blue",
                "vermillion",
                "reddish purple",
                "black"
            ]
        );
        assert_eq!(
            marks(DARK_PAGE),
            [
                "orange",
                "sky blue",
                "bluish green",
                "yellow",
                "blue",
                "vermillion",
                "reddish purple"
            ]
        );
    }

    #[test]
    fn suggestions_skip_used_and_faint_colours() {
        let set = |colors: &[&str]| {
            LabelSet::from_specs(
                colors
                    .iter()
                    .enumerate()
                    .map(|(i, c)| LabelSpec {
                        name: format!("L{i}"),
                        color: Some(c.to_string()),
                        description: String::new(),
                        attributes: Vec::new(),
                    })
                    .collect(),
            )
            .unwrap()
        };
        assert_eq!(suggest(&set(&["#1d4ed8"]), LIGHT_PAGE), "#009e73");
        assert_eq!(suggest(&set(&["#009E73"]), LIGHT_PAGE), "#0072b2");
        assert_eq!(suggest(&set(&["#1d4ed8"]), DARK_PAGE), "#e69f00");
        let all_strong = ["#009e73", "#0072b2", "#d55e00", "#cc79a7", "#000000"];
        assert_eq!(suggest(&set(&all_strong), LIGHT_PAGE), "#e69f00");
        let every: Vec<&str> = OKABE_ITO.iter().map(|(_, h)| *h).collect();
        assert_eq!(suggest(&set(&every), LIGHT_PAGE), "#e69f00");
    }
}
