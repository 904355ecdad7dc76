//! The agreement panel's slice of the reducer: which documents it measures (the selected ones,
//! else the whole corpus), how far the computation has come, its result (the report
//! `annotate agree` prints, per document lowest first, and the tally for the confusion table),
//! and the pair of annotators whose confusion table shows. The computation itself runs as a
//! job, one document at a time (`view::review::jobs`).

use std::collections::BTreeMap;
use std::rc::Rc;

use super::review::ReviewJob;
use super::{AppState, Job, Screen};
use crate::review::{AgreementReport, DocumentAgreement, Tally};

/// A finished computation. Compared by its serial number (one per computation).
#[derive(Clone, Debug)]
pub struct AgreementResult {
    pub serial: u64,
    pub report: AgreementReport,
    /// For the confusion table of any pair.
    pub tally: Tally,
    /// Each compared document alone, lowest agreement first.
    pub documents: Vec<DocumentAgreement>,
    /// Titles by document id.
    pub titles: BTreeMap<String, String>,
}

impl PartialEq for AgreementResult {
    fn eq(&self, other: &Self) -> bool {
        self.serial == other.serial
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgreementState {
    /// The documents measured; empty for the whole corpus.
    pub scope: Rc<Vec<String>>,
    pub running: bool,
    /// Documents read so far, of how many.
    pub progress: (usize, usize),
    pub result: Option<Rc<AgreementResult>>,
    /// The annotators (by index) of the confusion table.
    pub pair: (usize, usize),
    serial: u64,
}

impl AgreementState {
    /// The number the next computation's result will carry.
    pub fn serial(&self) -> u64 {
        self.serial
    }
}

#[derive(Clone, Debug)]
pub enum AgreementAction {
    /// Show the panel and measure these documents (all when empty).
    Open(Vec<String>),
    Progress {
        serial: u64,
        done: usize,
        total: usize,
    },
    Done(Rc<AgreementResult>),
    Pair(usize, usize),
}

impl AppState {
    pub(super) fn agreement_action(&mut self, a: AgreementAction) {
        let ag = &mut self.review.agreement;
        match a {
            AgreementAction::Open(ids) => {
                ag.serial += 1;
                ag.scope = Rc::new(ids.clone());
                ag.running = true;
                ag.progress = (0, 0);
                ag.result = None;
                ag.pair = (0, 1);
                self.screen = Screen::Agreement;
                self.corpus.open = None;
                self.review.open = None;
                let serial = ag.serial;
                let me = self.review.annotator.to_string();
                self.corpus.push(Job::Review(ReviewJob::Agreement {
                    ids: Rc::new(ids),
                    serial,
                    me,
                }));
                self.info(
                    "Measuring agreement, one document at a time; the page stays usable meanwhile.",
                );
            }
            AgreementAction::Progress {
                serial,
                done,
                total,
            } => {
                if serial == ag.serial {
                    ag.progress = (done, total);
                }
            }
            AgreementAction::Done(result) => {
                if result.serial == ag.serial {
                    ag.running = false;
                    let n = result.report.documents;
                    ag.result = Some(result);
                    self.info(format!(
                        "Agreement measured on {n} document{}.",
                        super::plural(n)
                    ));
                }
            }
            AgreementAction::Pair(a, b) => ag.pair = (a, b),
        }
    }
}
