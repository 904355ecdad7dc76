//! The agreement panel's tables for what qualifies spans: relation F1 per type and per pair,
//! and Cohen's κ per attribute. Numbers as the other tables print them (four decimals, "—"
//! for undefined), shading by class, and every cell prints its number.

use yew::prelude::*;

use super::tables::{heat, shown};
use crate::review::AgreementReport;

/// Relation F1: all types, each type, each pair; nothing when nobody linked anything.
pub fn relations(report: &AgreementReport) -> Html {
    let r = &report.relations;
    if r.per_type.is_empty() {
        return Html::default();
    }
    html! {
        <table class="heat relations">
            <caption>{"Relation F1 (ends matched by overlap, same type)"}</caption>
            <thead><tr><th scope="col">{"relation type"}</th><th scope="col">{"F1"}</th></tr></thead>
            <tbody>
                <tr data-type=""><th scope="row">{"all types"}</th><td class={heat(r.f1)}>{ shown(r.f1) }</td></tr>
                { for r.per_type.iter().map(|(kind, f)| html! {
                    <tr data-type={kind.clone()}>
                        <th scope="row">{ kind.clone() }</th>
                        <td class={heat(f.f1)}>{ shown(f.f1) }</td>
                    </tr>
                }) }
                { for r.pairs.iter().map(|p| html! {
                    <tr data-pair={format!("{}|{}", p.a, p.b)}>
                        <th scope="row">{ format!("{} × {}", p.a, p.b) }</th>
                        <td class={heat(p.f1)}>{ shown(p.f1) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// Cohen's κ per label and attribute, with the number of value pairs it rests on.
pub fn attributes(report: &AgreementReport) -> Html {
    if report.attributes.is_empty() {
        return Html::default();
    }
    let rows = report
        .attributes
        .iter()
        .flat_map(|(label, attrs)| attrs.iter().map(move |(name, k)| (label, name, k)));
    html! {
        <table class="heat attributes">
            <caption>{"Attribute agreement: Cohen's κ on matched spans (unset counts as a value)"}</caption>
            <thead><tr>
                <th scope="col">{"label"}</th><th scope="col">{"attribute"}</th>
                <th scope="col">{"κ"}</th><th scope="col">{"pairs of values"}</th>
            </tr></thead>
            <tbody>
                { for rows.map(|(label, name, k)| html! {
                    <tr data-attribute={format!("{label}/{name}")}>
                        <th scope="row">{ label.clone() }</th>
                        <th scope="row">{ name.clone() }</th>
                        <td class={heat(k.cohen_kappa)}>{ shown(k.cohen_kappa) }</td>
                        <td>{ k.items }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
