//! The agreement report as CSV, for spreadsheets: one row per number, in a long ("tidy")
//! table, so every measure, pair and label reads the same way and a filter picks any slice.
//!
//! ```text
//! measure,label,annotator_a,annotator_b,value
//! documents,,,,1
//! exact_f1,,,,0.2857142857142857
//! exact_f1,,A,B,0.2857142857142857
//! exact_f1,ORG,,,0
//! cohen_kappa,,,,0.4791666666666667
//! alpha_u,QUOTE,,,0.97196261682243
//! ```
//!
//! - Rows in this order: `documents`, `skipped` and `tokens` (counts); `exact_f1` and
//!   `overlap_f1` over all pairs, then per pair, then per label; `cohen_kappa`,
//!   `fleiss_kappa`, `krippendorff_alpha`; `alpha_u` overall, then per label;
//!   `relation_f1` over all pairs, then per pair, then per relation type (in the label
//!   column); `attribute_kappa` per attribute, over all pairs then per pair, the label
//!   column holding the label and the attribute joined by a slash (`QUOTE/direct`).
//! - `value` is empty where the report has `null`; numbers have every digit the JSON has.
//!   The skipped documents' ids are in the JSON report only.
//! - RFC 4180: fields holding a comma, a quote or a line break are quoted (quotes doubled);
//!   lines end in CRLF. Nothing is escaped against spreadsheet formulas: a value is written as
//!   it is, so a label beginning with `=` reads back unchanged in any CSV reader.

use super::agreement::AgreementReport;

const HEADER: &str = "measure,label,annotator_a,annotator_b,value";

/// One field, quoted when it must be.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// A number as the JSON report writes it; empty for `null`.
pub fn number(x: Option<f64>) -> String {
    x.map(|v| v.to_string()).unwrap_or_default()
}

/// Lines joined with CRLF, the last one ended too.
pub fn lines(rows: impl IntoIterator<Item = String>) -> String {
    rows.into_iter().map(|r| r + "\r\n").collect()
}

impl AgreementReport {
    /// The report as CSV (see the module doc).
    pub fn to_csv(&self) -> String {
        let mut rows = vec![HEADER.to_string()];
        let mut row = |measure: &str, label: &str, a: &str, b: &str, value: String| {
            rows.push([measure, &field(label), &field(a), &field(b), &value].join(","));
        };
        let count = |n: usize| n.to_string();
        row("documents", "", "", "", count(self.documents));
        row("skipped", "", "", "", count(self.skipped.len()));
        row("tokens", "", "", "", count(self.tokens));
        let s = &self.span;
        row("exact_f1", "", "", "", number(s.exact_f1));
        row("overlap_f1", "", "", "", number(s.overlap_f1));
        for p in &s.pairs {
            row("exact_f1", "", &p.a, &p.b, number(p.exact_f1));
            row("overlap_f1", "", &p.a, &p.b, number(p.overlap_f1));
        }
        for (label, f) in &s.per_label {
            row("exact_f1", label, "", "", number(f.exact_f1));
            row("overlap_f1", label, "", "", number(f.overlap_f1));
        }
        let t = &self.token;
        row("cohen_kappa", "", "", "", number(t.cohen_kappa));
        row("fleiss_kappa", "", "", "", number(t.fleiss_kappa));
        row(
            "krippendorff_alpha",
            "",
            "",
            "",
            number(t.krippendorff_alpha),
        );
        row("alpha_u", "", "", "", number(self.alpha_u.overall));
        for (label, v) in &self.alpha_u.per_label {
            row("alpha_u", label, "", "", number(Some(*v)));
        }
        let r = &self.relations;
        row("relation_f1", "", "", "", number(r.f1));
        for p in &r.pairs {
            row("relation_f1", "", &p.a, &p.b, number(p.f1));
        }
        for (kind, f) in &r.per_type {
            row("relation_f1", kind, "", "", number(f.f1));
        }
        for (label, attrs) in &self.attributes {
            for (name, k) in attrs {
                let key = format!("{label}/{name}");
                row("attribute_kappa", &key, "", "", number(k.cohen_kappa));
                for p in &k.pairs {
                    row("attribute_kappa", &key, &p.a, &p.b, number(p.cohen_kappa));
                }
            }
        }
        lines(rows)
    }
}

#[cfg(test)]
mod tests;
