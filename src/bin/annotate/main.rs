//! `annotate`: Article Annotator's command line, for pipelines. Each subcommand is a module
//! with an `Args` (clap) and a `run(&Args) -> ExitCode`: read the files, one call into
//! `corpus`/`format`/`review`, print or write. Output goes to stdout (or the `-o` file);
//! messages go to stderr; bad input exits with 2, an output that cannot be written with 1. There is no command line in the browser: on wasm32 this is an empty `main`, and
//! clap is a native-only dependency, so the app does not grow.

#[cfg(not(target_arch = "wasm32"))]
mod agree;
#[cfg(not(target_arch = "wasm32"))]
mod convert;
#[cfg(not(target_arch = "wasm32"))]
mod input;
#[cfg(not(target_arch = "wasm32"))]
mod stats;

#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Parser)]
#[command(
    name = "annotate",
    version,
    about = "Article Annotator on the command line"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[cfg(not(target_arch = "wasm32"))]
#[derive(clap::Subcommand)]
enum Command {
    /// Agreement between annotators: one native JSON file per annotator; prints a JSON report
    Agree(agree::Args),
    /// Convert documents between formats, optionally split into train/dev/test; the loss
    /// report goes to stderr
    Convert(convert::Args),
    /// Label statistics of the inputs as JSON: documents, spans, per label spans, documents
    /// and average length, documents without spans
    Stats(stats::Args),
}

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    use clap::Parser;
    match Cli::parse().command {
        Command::Agree(args) => agree::run(&args),
        Command::Convert(args) => convert::run(&args),
        Command::Stats(args) => stats::run(&args),
    }
}

#[cfg(target_arch = "wasm32")]
fn main() {}
