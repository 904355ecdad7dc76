//! The home screen: the corpus's documents (sorted, filtered, searched; the bin), the progress
//! line, the actions on the selected documents, importing files and folders, and the paste
//! box for a new document (shown at once while the corpus is empty).

pub mod bar;
pub mod list;
pub mod stats;
pub mod storage;

use yew::prelude::*;

use self::bar::{ListBarProps, SelectionBarProps};
use self::list::DocList;
use self::stats::StatsProps;
use self::storage::storage_panel;
use super::paste::PasteProps;
use super::pure::{panel, Panel};
use super::review::settings::ReviewToolsProps;
use super::state::{Action, CorpusState, Disclosed, Small};
use super::toolbar::{picked, ImportProps};
use super::{send, send_with, Dispatcher, Latest};
use crate::corpus::list::progress;

#[derive(PartialEq)]
pub struct HomeProps {
    pub state: Latest,
    pub corpus: CorpusState,
    pub draft: std::rc::Rc<str>,
    pub title: std::rc::Rc<str>,
    /// Whether Storage and Settings are open.
    pub disclosed: Disclosed,
}

impl Panel for HomeProps {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        let props = self;
        let corpus = &props.corpus;
        let (done, total, labels) = progress(&corpus.summaries);
        let binned = corpus.summaries.len() - total;
        let per_label = labels
            .iter()
            .map(|(l, n)| format!("{l} {n}"))
            .collect::<Vec<_>>()
            .join(" · ");
        let empty = corpus.loaded && total == 0 && binned == 0;
        let paste = corpus.pasting || empty;
        // Files or folders dropped anywhere on the home screen are imported.
        let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
        let ondrop = {
            let dispatch = dispatch.clone();
            Callback::from(move |e: DragEvent| {
                e.prevent_default();
                let Some(dt) = e.data_transfer() else { return };
                let walk = crate::browser::files::dropped(&dt);
                let dispatch = dispatch.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let files = walk.await;
                    if let Some(d) = &dispatch {
                        d.dispatch(Action::ImportFiles {
                            files: picked(files),
                            kind: None,
                            open: false,
                        });
                    }
                });
            })
        };
        html! {
            <section class="home" aria-labelledby="home-title" {ondragover} {ondrop}>
                <header class="bar">
                    <h1 id="home-title" class="doc-title">{"Documents"}</h1>
                    <p class="progress" role="status" aria-live="off">
                        { format!("{done} of {total} done") }
                        if !per_label.is_empty() { <span class="per-label">{ format!(" · spans: {per_label}") }</span> }
                    </p>
                    <div class="actions">
                        <button onclick={send_with(dispatch, !corpus.pasting, Action::Paste)} aria-pressed={corpus.pasting.to_string()}>
                            {"New document"}
                        </button>
                        { panel(ImportProps { open: false }) }
                        { panel(ReviewToolsProps {
                            annotator: props.state.review.annotator.clone(),
                            as_suggestions: props.state.review.as_suggestions,
                            selected: corpus.selected.iter().cloned().collect::<Vec<_>>(),
                            settings_open: props.disclosed.is_open(Small::Settings),
                        }) }
                        <button onclick={send(dispatch, || Action::ExportDialog)} disabled={total == 0}>{"Export…"}</button>
                        <button onclick={send_with(dispatch, !corpus.stats_open, Action::ShowStats)} aria-pressed={corpus.stats_open.to_string()} disabled={total == 0}>{"Statistics"}</button>
                        <button onclick={send(dispatch, || Action::LabelsPanel(true))}>{"Labels…"}</button>
                        { storage_panel(dispatch, props.disclosed.is_open(Small::Storage)) }
                    </div>
                </header>
                <p class="hint drop-hint">{"Drop files or a folder here to import them: texts, tables (CSV, TSV), JSONL, zips and every format the app exports."}</p>
                if corpus.stats_open {
                    { panel(StatsProps { stats: corpus.stats.clone(), summaries: corpus.summaries.clone() }) }
                }
                if paste {
                    { panel(PasteProps {
                        state: props.state.clone(),
                        draft: props.draft.clone(),
                        title: props.title.clone(),
                        can_undo: false,
                    }) }
                }
                if !corpus.loaded {
                    <p class="hint">{"Opening the documents stored in this browser…"}</p>
                } else if !empty {
                    <>
                        { panel(ListBarProps {
                            query: corpus.query.clone(),
                            labels: labels.keys().cloned().collect::<Vec<_>>(),
                            binned,
                        }) }
                        { panel(SelectionBarProps {
                            selected: corpus.selected.len(),
                            can_undo_bin: corpus.undo_bin.is_some(),
                            bin: corpus.query.bin,
                            ids: corpus.selected.iter().cloned().collect::<Vec<_>>(),
                        }) }
                        <DocList summaries={corpus.summaries.clone()} rows={corpus.rows.clone()}
                                       selected={corpus.selected.clone()} cursor={corpus.cursor} />
                    </>
                }
            </section>
        }
    }
}

pub use list::LIST_ID;
