//! The stored copy's slice of the reducer: the paste box as the last visit left it, how
//! saving goes, and a write refused because another tab saved the open document first (this
//! tab's change is then never written over the other one; the user decides).

use std::rc::Rc;

use super::import::Dialog;
use super::{AppState, StorageStatus};
use crate::browser::session::Saving;

impl AppState {
    /// The state at start-up: the paste box and its title as storage kept them.
    pub fn restored(saved_draft: Option<String>, saved_title: Option<String>) -> AppState {
        let mut s = AppState::default();
        if let Some(d) = saved_draft {
            s.draft = Rc::from(d.as_str());
        }
        if let Some(t) = saved_title {
            s.draft_title = Rc::from(t.as_str());
        }
        s
    }

    #[inline(never)] // rare on a typical visit: see `AppState::apply_rest`
    pub(super) fn storage_result(&mut self, r: Result<(), String>) {
        self.storage = match r {
            Ok(()) => StorageStatus::Ok,
            Err(e) => StorageStatus::Failed(e),
        }
    }

    /// How the last write of the open document went.
    pub(super) fn saved(&mut self, saving: Saving) {
        match saving {
            Saving::Stored(record) => {
                self.storage = StorageStatus::Ok;
                self.records_stored(vec![record]);
            }
            Saving::Conflict => self.dialog = Some(Rc::new(Dialog::Conflict)),
            Saving::Failed(why) => self.storage = StorageStatus::Failed(why),
        }
    }
}
