//! Texts without annotations, for batch import: a plain `.txt` file (one document, titled by
//! the file name) and CSV/TSV tables (one document per row, the text from a chosen column).
//!
//! - Plain text: the file as is (a leading byte order mark dropped; CRLF kept), the title is
//!   the file name without its folder and extension.
//! - CSV/TSV, RFC 4180 as `csv-core` reads it: a header row names the columns; fields may be
//!   quoted (`"…"`, `""` for a quote) and then hold the delimiter and line breaks. The
//!   delimiter is a tab for `.tsv`/`.tab` files, a comma for `.csv`, else a tab when the
//!   header line has one. The text comes from the column the user chooses (by default one
//!   named `text`, in any case); a column named `id` gives the document id and one named
//!   `title` its title; every other non-empty cell goes into the document's metadata under
//!   its column's name. Blank lines are skipped.
//! - A row that cannot be used (an empty text, more cells than the header has columns, a
//!   cell that is not UTF-8) is reported with its 1-based line number and left out; the
//!   other rows are read.

use std::collections::BTreeMap;

use csv_core::{ReadRecordResult, ReaderBuilder};

/// The file name without folders and extension, as a document title.
pub fn title_from_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = match base.rsplit_once('.') {
        Some((stem, _)) if !stem.is_empty() => stem,
        _ => base,
    };
    stem.to_string()
}

/// One row of a table read as a document: where it starts, and its cells by column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The 1-based line the row starts on.
    pub line: usize,
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    /// The other non-empty cells, by column name.
    pub meta: BTreeMap<String, String>,
}

/// A row left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRow {
    pub line: usize,
    pub why: String,
}

/// What a table held: its rows as documents, the rows left out, and its column names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
    pub bad: Vec<BadRow>,
}

/// Why a table cannot be read at all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableError {
    /// The file has no header row.
    Empty,
    /// The chosen text column is not in the header.
    NoSuchColumn {
        wanted: String,
        columns: Vec<String>,
    },
    /// No column was chosen and none is named `text`.
    NoTextColumn { columns: Vec<String> },
}

impl std::fmt::Display for TableError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |c: &[String]| {
            c.iter()
                .map(|c| format!("“{c}”"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            TableError::Empty => write!(f, "the table has no header row"),
            TableError::NoSuchColumn { wanted, columns } => write!(
                f,
                "the table has no column “{wanted}”; its columns are {}",
                list(columns)
            ),
            TableError::NoTextColumn { columns } => write!(
                f,
                "the table has no column named “text”; choose the column that holds the text among {}",
                list(columns)
            ),
        }
    }
}

/// The delimiter for a table file: see the module docs.
pub fn delimiter_for(file_name: &str, content: &str) -> u8 {
    let lower = file_name.to_ascii_lowercase();
    if lower.ends_with(".tsv") || lower.ends_with(".tab") {
        b'\t'
    } else if lower.ends_with(".csv") {
        b','
    } else if content.lines().next().is_some_and(|l| l.contains('\t')) {
        b'\t'
    } else {
        b','
    }
}

/// Every record of `content` as cells, with the 1-based line each starts on; a record with a
/// cell that is not UTF-8 comes back as `Err(line)`.
fn records(content: &str, delimiter: u8) -> Vec<(usize, Result<Vec<String>, usize>)> {
    let mut reader = ReaderBuilder::new().delimiter(delimiter).build();
    let mut input = content.as_bytes();
    let (mut out, mut ends) = (vec![0u8; 1024], vec![0usize; 16]);
    let (mut out_len, mut ends_len) = (0usize, 0usize);
    let mut records = Vec::new();
    // Lines are counted here, not by the reader, whose count lags behind a CRLF: a record
    // starts at the first byte after the previous one that is not a line break.
    let bytes_all = content.as_bytes();
    let (mut consumed, mut counted, mut line) = (0usize, 0usize, 1usize);
    let start_line = |consumed: usize, counted: &mut usize, line: &mut usize| {
        let from = consumed.max(*counted);
        let rest = bytes_all.get(from..).unwrap_or_default();
        let at = from
            + rest
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        let between = bytes_all.get(*counted..at).unwrap_or_default();
        *line += between.iter().filter(|&&b| b == b'\n').count();
        *counted = at;
        *line
    };
    let mut start = start_line(0, &mut counted, &mut line);
    loop {
        let (res, nin, nout, nend) = reader.read_record(
            input,
            out.get_mut(out_len..).unwrap_or_default(),
            ends.get_mut(ends_len..).unwrap_or_default(),
        );
        input = input.get(nin..).unwrap_or_default();
        consumed += nin;
        out_len += nout;
        ends_len += nend;
        match res {
            ReadRecordResult::InputEmpty => {}
            ReadRecordResult::OutputFull => out.resize(out.len() * 2, 0),
            ReadRecordResult::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            ReadRecordResult::Record => {
                let bytes = out.get(..out_len).unwrap_or_default();
                let mut cells = Vec::with_capacity(ends_len);
                let mut from = 0;
                let mut utf8 = true;
                for &end in ends.get(..ends_len).unwrap_or_default() {
                    match std::str::from_utf8(bytes.get(from..end).unwrap_or_default()) {
                        Ok(s) => cells.push(s.to_string()),
                        Err(_) => utf8 = false,
                    }
                    from = end;
                }
                // A blank line is one empty cell: skipped, as the module docs say.
                let blank = cells.len() == 1 && cells[0].is_empty();
                if !blank {
                    records.push((start, if utf8 { Ok(cells) } else { Err(start) }));
                }
                start = start_line(consumed, &mut counted, &mut line);
                (out_len, ends_len) = (0, 0);
            }
            ReadRecordResult::End => break,
        }
    }
    records
}

/// The column names of a table (its header row), for choosing the text column.
pub fn columns(content: &str, delimiter: u8) -> Vec<String> {
    records(content, delimiter)
        .into_iter()
        .next()
        .and_then(|(_, cells)| cells.ok())
        .unwrap_or_default()
}

/// Reads a table: one document per row, the text from `text_column` (by default the column
/// named `text`, in any case).
pub fn read_table(
    content: &str,
    delimiter: u8,
    text_column: Option<&str>,
) -> Result<Table, TableError> {
    let mut all = records(content, delimiter).into_iter();
    let header = match all.next() {
        Some((_, Ok(h))) => h,
        Some((line, Err(_))) => {
            return Ok(Table {
                bad: vec![BadRow {
                    line,
                    why: "the header row is not UTF-8 text".into(),
                }],
                ..Table::default()
            })
        }
        None => return Err(TableError::Empty),
    };
    let find = |name: &str| header.iter().position(|c| c.eq_ignore_ascii_case(name));
    let text_at = match text_column {
        Some(c) => header
            .iter()
            .position(|h| h == c)
            .or_else(|| find(c))
            .ok_or_else(|| TableError::NoSuchColumn {
                wanted: c.to_string(),
                columns: header.clone(),
            })?,
        None => find("text").ok_or_else(|| TableError::NoTextColumn {
            columns: header.clone(),
        })?,
    };
    let (id_at, title_at) = (find("id"), find("title"));
    let mut table = Table {
        columns: header.clone(),
        ..Table::default()
    };
    for (line, cells) in all {
        let bad = |why: String| BadRow { line, why };
        let cells = match cells {
            Ok(c) => c,
            Err(_) => {
                table.bad.push(bad("a cell is not UTF-8 text".into()));
                continue;
            }
        };
        if cells.len() > header.len() {
            table.bad.push(bad(format!(
                "the row has {} cells but the header names {} columns",
                cells.len(),
                header.len()
            )));
            continue;
        }
        let cell = |i: Option<usize>| {
            i.and_then(|i| cells.get(i))
                .filter(|c| !c.is_empty())
                .cloned()
        };
        let Some(text) = cell(Some(text_at)).filter(|t| !t.trim().is_empty()) else {
            table.bad.push(bad(format!(
                "the text column “{}” is empty",
                header.get(text_at).map_or("", String::as_str)
            )));
            continue;
        };
        let meta = header
            .iter()
            .zip(&cells)
            .enumerate()
            .filter(|(i, (_, v))| {
                *i != text_at && Some(*i) != id_at && Some(*i) != title_at && !v.is_empty()
            })
            .map(|(_, (k, v))| (k.clone(), v.clone()))
            .collect();
        table.rows.push(Row {
            line,
            id: cell(id_at),
            title: cell(title_at),
            text,
            meta,
        });
    }
    Ok(table)
}

#[cfg(test)]
mod tests;
