//! `annotate stats [--from FORMAT] INPUT…`: the statistics panel's numbers as JSON on stdout
//! (`corpus::stats`): documents, spans, per label its spans, documents and average length in
//! code points, and the documents without any span. The inputs are read as `convert` reads
//! them; bad input exits with 2 and prints nothing on stdout. Every document counts, a
//! repeated text too (a warning names it).

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use article_annotator::corpus::stats::Stats;

use crate::input::{self, Format, Reading};

#[derive(clap::Args)]
pub struct Args {
    /// The format of the inputs, when detection should not decide
    #[arg(long, value_enum)]
    from: Option<Format>,
    /// The column of CSV/TSV inputs that holds the text (default: the column named "text")
    #[arg(long, value_name = "NAME")]
    text_column: Option<String>,
    /// Apply the offset repairs the imports offer
    #[arg(long)]
    repair: bool,
    /// Input files and folders, as for convert
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<PathBuf>,
}

const CMD: &str = "annotate stats";

pub fn run(args: &Args) -> ExitCode {
    let how = Reading {
        command: CMD,
        from: args.from,
        text_column: args.text_column.as_deref(),
        repair: args.repair,
    };
    let docs = match input::read(&args.inputs, &how) {
        Ok(d) => d,
        Err(code) => return ExitCode::from(code),
    };
    input::duplicates(CMD, &docs, false);
    let stats = Stats::of(docs.iter().map(|d| d.doc()));
    let mut out = io::stdout().lock();
    match writeln!(out, "{}", stats.to_json()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        // stdout closed early (`| head`): nothing more to say.
        Err(_) => ExitCode::FAILURE,
    }
}
