//! The home screen: the corpus's documents (sorted, filtered, searched; the bin), the progress
//! line, the actions on the selected documents, importing files and folders, and the paste
//! box for a new document (shown at once while the corpus is empty).

pub mod bar;
pub mod list;
pub mod storage;

use yew::prelude::*;

use self::bar::{ListBar, SelectionBar};
use self::list::DocList;
use self::storage::StoragePanel;
use super::paste::PasteBox;
use super::review::settings::ReviewTools;
use super::state::{Action, CorpusState};
use super::toolbar::ImportButton;
use super::{send, Dispatcher, Latest};
use crate::corpus::list::progress;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub state: Latest,
    pub corpus: CorpusState,
    pub draft: std::rc::Rc<str>,
    pub title: std::rc::Rc<str>,
}

#[component]
pub fn HomeView(props: &HomeProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
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
    html! {
        <section class="home" aria-labelledby="home-title">
            <header class="bar">
                <h1 id="home-title" class="doc-title">{"Documents"}</h1>
                <p class="progress" role="status" aria-live="off">
                    { format!("{done} of {total} done") }
                    if !per_label.is_empty() { <span class="per-label">{ format!(" · spans: {per_label}") }</span> }
                </p>
                <div class="actions">
                    <button onclick={send(&dispatch, Action::Paste(!corpus.pasting))} aria-pressed={corpus.pasting.to_string()}>
                        {"New document"}
                    </button>
                    <ImportButton />
                    <ReviewTools annotator={props.state.review.annotator.clone()} as_suggestions={props.state.review.as_suggestions}
                                 selected={corpus.selected.iter().cloned().collect::<Vec<_>>()} />
                    <StoragePanel />
                </div>
            </header>
            if paste {
                <PasteBox state={props.state.clone()} draft={props.draft.clone()} title={props.title.clone()} can_undo={false} />
            }
            if !corpus.loaded {
                <p class="hint">{"Opening the documents stored in this browser…"}</p>
            } else if !empty {
                <>
                    <ListBar query={corpus.query.clone()} labels={labels.keys().cloned().collect::<Vec<_>>()} binned={binned} />
                    <SelectionBar selected={corpus.selected.len()} can_undo_bin={corpus.undo_bin.is_some()} bin={corpus.query.bin} ids={corpus.selected.iter().cloned().collect::<Vec<_>>()} />
                    <DocList summaries={corpus.summaries.clone()} rows={corpus.rows.clone()}
                                   selected={corpus.selected.clone()} cursor={corpus.cursor} />
                </>
            }
        </section>
    }
}

pub use list::LIST_ID;
