//! The worker's rewrite of the stored relations for an edit of the relation types: every
//! document's `links` and history read, rewritten by `format::relink`, committed a few dozen
//! per transaction over the revision read just before; or, asked only to count, the relations
//! of the deleted types counted so the user is told before anything goes.

use super::{session, Progress};
use crate::browser::db::{HISTORY, LINKS};
use crate::format::relink::{self, Retype};
use crate::format::store::{self, Batch};
use crate::tasks::{Answer, Reply};

pub(super) async fn retype(
    renames: &[(String, String)],
    deletes: &[String],
    count_only: bool,
    schema: &str,
    progress: Progress<'_>,
) -> Result<Reply, String> {
    const CHUNK: usize = 50;
    let s = session().await?;
    let err = |e: crate::browser::db::StoreError| e.to_string();
    let how = Retype { renames, deletes };
    let (records, _) = s.records().await.map_err(err)?;
    let total = records.len();
    let (mut removed, mut documents, mut out) = (0, 0, Vec::new());
    let mut batches: Vec<Batch> = Vec::new();
    for (i, listed) in records.iter().enumerate() {
        let links = s.db().get(LINKS, &listed.id).await.map_err(err)?;
        if count_only {
            let n = relink::count(links.as_deref(), deletes);
            removed += n;
            documents += usize::from(n > 0);
            progress(i + 1, total, "documents counted");
            continue;
        }
        // Read again right before the rewrite, so the revision it goes over is current.
        let Some(record) = s.record(&listed.id).await.map_err(err)? else {
            continue;
        };
        let steps = s.db().under(HISTORY, &listed.id).await.map_err(err)?;
        if let Some(r) = relink::retype(&record, links.as_deref(), &steps, &how) {
            removed += r.removed;
            documents += usize::from(r.removed > 0);
            batches.push(r.batch);
            out.push(r.record.to_json());
        }
        if batches.len() == CHUNK {
            s.db().commit(&batches).await.map_err(err)?;
            batches.clear();
        }
        progress(i + 1, total, "documents rewritten");
    }
    if !count_only {
        if !batches.is_empty() {
            s.db().commit(&batches).await.map_err(err)?;
        }
        s.put_meta(store::SCHEMA, schema).await.map_err(err)?;
    }
    Ok((
        Answer::Retyped {
            removed,
            documents,
            records: out,
        },
        Vec::new(),
    ))
}
