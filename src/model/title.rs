//! Titles and file names: the title a pasted article gets when the user gives none, and the
//! slug that names its export file (`<slug>.annotations.json`).

/// The first line with a letter or digit in it, cut to at most 80 characters at a word
/// boundary; "Untitled article" for a text without any.
pub fn derive_title(text: &str) -> String {
    let Some(line) = text
        .lines()
        .map(str::trim)
        .find(|l| l.chars().any(char::is_alphanumeric))
    else {
        return "Untitled article".to_string();
    };
    if line.chars().count() <= 80 {
        return line.to_string();
    }
    let mut out = String::new();
    for word in line.split_whitespace() {
        if out.chars().count() + word.chars().count() + 1 > 80 {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    if out.is_empty() {
        out = line.chars().take(80).collect();
    }
    out
}

/// A file-name-safe slug: lower-case letters and digits (any script) joined by single
/// hyphens, at most 60 characters; "article" when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    let mut pending_hyphen = false;
    for c in title.chars() {
        if c.is_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.extend(c.to_lowercase());
        } else {
            pending_hyphen = true;
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out: String = out.chars().take(60).collect();
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "article".to_string()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check_slug(title: &str, want: &str) {
        assert_eq!(slug(title), want, "slug of {title:?}");
    }

    #[test]
    fn slugs() {
        check_slug(
            "Azerbaijani diaspora rally in the Netherlands",
            "azerbaijani-diaspora-rally-in-the-netherlands",
        );
        check_slug(
            " date 2020-12-06 By Vafa Ismayilova",
            "date-2020-12-06-by-vafa-ismayilova",
        );
        check_slug("“Karabakh is Azerbaijan”!", "karabakh-is-azerbaijan");
        check_slug("Zürich: Çağrı's 😀 report", "zürich-çağrı-s-report");
        check_slug("習近平說", "習近平說");
        check_slug("😀😀", "article");
        check_slug(&"long ".repeat(40), &"long-".repeat(12)[..59]);
    }

    #[test]
    fn titles() {
        assert_eq!(derive_title("\n\n  Headline here \nbody"), "Headline here");
        assert_eq!(derive_title("---\n***\n"), "Untitled article");
        let long = "word ".repeat(30);
        let t = derive_title(&long);
        assert!(t.chars().count() <= 80 && t.ends_with("word"));
    }
}
