//! Plain-text titles and tables: rows, line numbers, quoting, bad rows.

use super::*;

#[track_caller]
fn check_title(name: &str, want: &str) {
    assert_eq!(title_from_file_name(name), want, "{name}");
}

#[test]
fn titles_come_from_file_names() {
    check_title("Merkel interview.txt", "Merkel interview");
    check_title("corpus/2024/Ана́ліз.txt", "Ана́ліз");
    check_title("C:\\texts\\習近平.TXT", "習近平");
    check_title("archive.tar.txt", "archive.tar");
    check_title(".hidden", ".hidden");
    check_title("no extension", "no extension");
}

/// `(line, id, title, text, meta as k=v;…)` of every row, then `line: why` of every bad one.
fn show(t: &Table) -> (Vec<String>, Vec<String>) {
    let rows = t
        .rows
        .iter()
        .map(|r| {
            let meta: Vec<String> = r.meta.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!(
                "{} {} {} {:?} {}",
                r.line,
                r.id.as_deref().unwrap_or("-"),
                r.title.as_deref().unwrap_or("-"),
                r.text,
                meta.join(";")
            )
        })
        .collect();
    let bad = t
        .bad
        .iter()
        .map(|b| format!("{}: {}", b.line, b.why))
        .collect();
    (rows, bad)
}

#[track_caller]
fn check(content: &str, delimiter: u8, column: Option<&str>, rows: &[&str], bad: &[&str]) {
    let t = read_table(content, delimiter, column).unwrap();
    assert_eq!(
        show(&t),
        (
            rows.iter().map(|s| s.to_string()).collect(),
            bad.iter().map(|s| s.to_string()).collect()
        ),
        "{content:?}"
    );
}

#[test]
fn rows_become_documents_with_their_lines() {
    check(
        "id,text,source\n1,Merkel said,dpa\n2,\"習近平, 😀 and \"\"quotes\"\"\",\n",
        b',',
        None,
        &[
            "2 1 - \"Merkel said\" source=dpa",
            "3 2 - \"習近平, 😀 and \\\"quotes\\\"\" ",
        ],
        &[],
    );
    // A quoted cell over two lines (CRLF kept), a blank line, then a row on line 5.
    check(
        "Text\tTitle\tURL\r\n\"Ана́ліз\r\nдругий\"\tT1\thttps://x\r\n\r\nالقاهرة\t\t\r\n",
        b'\t',
        None,
        &[
            "2 - T1 \"Ана\\u{301}ліз\\r\\nдругий\" URL=https://x",
            "5 - - \"القاهرة\" ",
        ],
        &[],
    );
    check(
        "body;lang\nBonjour;fr\n",
        b';',
        Some("body"),
        &["2 - - \"Bonjour\" lang=fr"],
        &[],
    );
}

#[test]
fn bad_rows_are_listed_and_the_rest_kept() {
    check(
        "text,src\nfirst,a\n,b\n  ,c\nfourth,d,extra\nfifth\n",
        b',',
        None,
        &["2 - - \"first\" src=a", "6 - - \"fifth\" "],
        &[
            "3: the text column “text” is empty",
            "4: the text column “text” is empty",
            "5: the row has 3 cells but the header names 2 columns",
        ],
    );
}

#[track_caller]
fn check_error(content: &str, column: Option<&str>, want: &str) {
    assert_eq!(
        read_table(content, b',', column).unwrap_err().to_string(),
        want
    );
}

#[test]
fn tables_that_cannot_be_read() {
    check_error("", None, "the table has no header row");
    check_error(
        "body,lang\nx,y\n",
        None,
        "the table has no column named “text”; choose the column that holds the text among “body”, “lang”",
    );
    check_error(
        "body,lang\nx,y\n",
        Some("Body "),
        "the table has no column “Body ”; its columns are “body”, “lang”",
    );
    assert_eq!(columns("\u{feff}a,\"b,c\"\n1,2\n", b','), ["a", "b,c"]);
}

#[test]
fn delimiters_by_name_then_content() {
    assert_eq!(delimiter_for("x.TSV", "a,b"), b'\t');
    assert_eq!(delimiter_for("x.csv", "a\tb"), b',');
    assert_eq!(delimiter_for("x.txt", "a\tb\n"), b'\t');
    assert_eq!(delimiter_for("x", "a,b\n"), b',');
}

#[test]
fn a_long_cell_grows_the_buffers() {
    let long = "é".repeat(5000);
    let many: Vec<String> = (0..40).map(|i| format!("c{i}")).collect();
    let content = format!("text,{}\n{long},{}\n", many.join(","), many.join(","));
    let t = read_table(&content, b',', None).unwrap();
    assert_eq!(t.rows[0].text, long);
    assert_eq!(t.rows[0].meta.len(), 40);
}
