//! The agreement panel's tables: pair × pair (a heat map by CSS class, numbers printed), per
//! label, the token label confusion table of one pair, and the documents lowest agreement
//! first. Shading comes from classes (`heat-0` … `heat-10`), since the page's CSP forbids
//! inline styles; every cell also prints its number, so shading is never the only cue.

use yew::prelude::*;

use super::super::state::{Action, ReviewAction};
use super::super::Dispatcher;
use crate::review::{AgreementReport, Confusion, DocumentAgreement};

/// A number as the panel prints it: four decimals, "—" where it is undefined.
pub fn shown(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_string(), |x| format!("{x:.4}"))
}

/// The shading class of an agreement value: `heat-0` (none or below) … `heat-10` (full).
pub fn heat(x: Option<f64>) -> String {
    match x {
        None => "heat-na".to_string(),
        Some(x) => format!("heat-{}", (x.clamp(0.0, 1.0) * 10.0).round() as u8),
    }
}

/// The pair × pair table of span F1 (exact / overlap).
pub fn pairs(report: &AgreementReport) -> Html {
    let names = &report.annotators;
    let cell = |a: usize, b: usize| {
        if a == b {
            return html! { <td class="diag">{"—"}</td> };
        }
        let (x, y) = (&names[a.min(b)], &names[a.max(b)]);
        let pair = report.span.pairs.iter().find(|p| &p.a == x && &p.b == y);
        let exact = pair.and_then(|p| p.exact_f1);
        let overlap = pair.and_then(|p| p.overlap_f1);
        html! {
            <td class={heat(exact)} data-pair={format!("{x}|{y}")}>
                <span class="exact">{ shown(exact) }</span>{" / "}<span class="overlap">{ shown(overlap) }</span>
            </td>
        }
    };
    html! {
        <table class="heat pairs">
            <caption>{"Span F1 per pair: exact / overlap (shading: exact)"}</caption>
            <thead><tr><th></th>{ for names.iter().map(|n| html! { <th scope="col">{ n.clone() }</th> }) }</tr></thead>
            <tbody>
                { for (0..names.len()).map(|a| html! {
                    <tr><th scope="row">{ names[a].clone() }</th>{ for (0..names.len()).map(|b| cell(a, b)) }</tr>
                }) }
            </tbody>
        </table>
    }
}

/// The measures of the whole report, as `annotate agree` names them.
pub fn summary(report: &AgreementReport) -> Html {
    let rows = [
        ("span.exact_f1", report.span.exact_f1),
        ("span.overlap_f1", report.span.overlap_f1),
        ("token.cohen_kappa", report.token.cohen_kappa),
        ("token.fleiss_kappa", report.token.fleiss_kappa),
        ("token.krippendorff_alpha", report.token.krippendorff_alpha),
        ("alpha_u.overall", report.alpha_u.overall),
        ("relations.f1", report.relations.f1),
    ];
    html! {
        <table class="heat summary">
            <caption>{ format!("{} documents compared, {} tokens; skipped: {}", report.documents, report.tokens,
                if report.skipped.is_empty() { "none".to_string() } else { report.skipped.join(", ") }) }</caption>
            <tbody>
                { for rows.iter().map(|(name, x)| html! {
                    <tr><th scope="row">{ *name }</th><td class={heat(*x)} data-measure={*name}>{ shown(*x) }</td></tr>
                }) }
            </tbody>
        </table>
    }
}

/// Per label: span F1 (exact, overlap) and α_u.
pub fn per_label(report: &AgreementReport) -> Html {
    html! {
        <table class="heat per-label">
            <caption>{"Per label"}</caption>
            <thead><tr><th scope="col">{"label"}</th><th scope="col">{"exact F1"}</th><th scope="col">{"overlap F1"}</th><th scope="col">{"α_u"}</th></tr></thead>
            <tbody>
                { for report.span.per_label.iter().map(|(label, f1)| {
                    let au = report.alpha_u.per_label.get(label).copied();
                    html! {
                        <tr data-label={label.clone()}>
                            <th scope="row">{ label.clone() }</th>
                            <td class={heat(f1.exact_f1)}>{ shown(f1.exact_f1) }</td>
                            <td class={heat(f1.overlap_f1)}>{ shown(f1.overlap_f1) }</td>
                            <td class={heat(au)}>{ shown(au) }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

/// The confusion table: rows are `a`'s tags, columns `b`'s; shaded by share of the largest
/// count, the diagonal marked.
pub fn confusion(c: &Confusion) -> Html {
    let max = c.counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    let tag = |t: &Option<String>| t.clone().unwrap_or_else(|| "O".to_string());
    html! {
        <table class="heat confusion">
            <caption>{ format!("Tokens: {} (rows) against {} (columns)", c.a, c.b) }</caption>
            <thead><tr><th></th>{ for c.tags.iter().map(|t| html! { <th scope="col">{ tag(t) }</th> }) }</tr></thead>
            <tbody>
                { for c.tags.iter().enumerate().map(|(i, t)| html! {
                    <tr>
                        <th scope="row">{ tag(t) }</th>
                        { for c.counts.get(i).into_iter().flatten().enumerate().map(|(j, &n)| {
                            let share = n as f64 / max as f64;
                            html! { <td class={classes!(heat(Some(share)), (i == j).then_some("diag"))}>{ n }</td> }
                        }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The documents lowest agreement first; a title opens the document's review.
pub fn documents(
    dispatch: &Option<Dispatcher>,
    docs: &[DocumentAgreement],
    titles: &std::collections::BTreeMap<String, String>,
) -> Html {
    let row = |d: &DocumentAgreement| {
        let r = &d.report;
        let open = {
            let (dispatch, id) = (dispatch.clone(), d.id.clone());
            Callback::from(move |_: MouseEvent| {
                if let Some(x) = &dispatch {
                    x.dispatch(Action::Review(ReviewAction::Open(id.clone())))
                }
            })
        };
        let title = titles.get(&d.id).cloned().unwrap_or_else(|| d.id.clone());
        html! {
            <tr data-id={d.id.clone()}>
                <th scope="row"><button class="link" onclick={open}>{ title }</button></th>
                <td class={heat(r.span.exact_f1)}>{ shown(r.span.exact_f1) }</td>
                <td class={heat(r.span.overlap_f1)}>{ shown(r.span.overlap_f1) }</td>
                <td class={heat(r.token.krippendorff_alpha)}>{ shown(r.token.krippendorff_alpha) }</td>
                <td class={heat(r.alpha_u.overall)}>{ shown(r.alpha_u.overall) }</td>
                <td>{ r.tokens }</td>
            </tr>
        }
    };
    html! {
        <table class="heat documents">
            <caption>{"Documents, lowest agreement first (a title opens its review)"}</caption>
            <thead><tr>
                <th scope="col">{"document"}</th><th scope="col">{"exact F1"}</th><th scope="col">{"overlap F1"}</th>
                <th scope="col">{"Krippendorff α"}</th><th scope="col">{"α_u"}</th><th scope="col">{"tokens"}</th>
            </tr></thead>
            <tbody>{ for docs.iter().map(row) }</tbody>
        </table>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_shades() {
        assert_eq!(shown(Some(2.0 / 7.0)), "0.2857");
        assert_eq!(shown(Some(-0.29198)), "-0.2920");
        assert_eq!(shown(None), "—");
        assert_eq!(heat(Some(0.6466)), "heat-6");
        assert_eq!(heat(Some(-0.3)), "heat-0");
        assert_eq!(heat(Some(1.0)), "heat-10");
        assert_eq!(heat(None), "heat-na");
    }
}
