//! The `whosaid` command: find quotations in news articles and say who
//! said them.
//!
//! This file holds the exit-status policy and nothing else: 0 when
//! everything went well, 1 when some input could not be read (the
//! others were still processed), 2 on a usage, lexicon or output error,
//! 130 when Ctrl-C (or SIGTERM, SIGHUP) stopped a run writing `-o FILE`.
//! A closed standard output (`whosaid extract . | head`) ends the run
//! quietly with status 0.

mod args;
mod decode;
mod eval;
mod extracted;
mod html;
mod input;
mod interrupt;
mod jsonl;
mod messages;
mod metadata;
mod output;
mod run;
mod shard;
mod speakers;
mod stream;

use std::io::{self, IsTerminal};
use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command};

/// Exit status when some input could not be read.
const SOME_FAILED: u8 = 1;
/// Exit status on a usage, lexicon or output error.
const ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse().and_then(Cli::check) {
        Ok(cli) => cli,
        Err(error) => {
            // Help and version go to standard output with status 0;
            // usage errors to standard error with status 2.
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { ERROR } else { 0 });
        }
    };
    match run(cli) {
        Ok(0) => ExitCode::SUCCESS,
        Ok(_) => ExitCode::from(SOME_FAILED),
        Err(error) if is_broken_pipe(&error) => ExitCode::SUCCESS,
        Err(error) if error.is::<interrupt::Interrupted>() => {
            eprintln!("whosaid: interrupted, output not written");
            ExitCode::from(interrupt::EXIT_STATUS)
        }
        Err(error) => {
            eprintln!("whosaid: {error:#}");
            ExitCode::from(ERROR)
        }
    }
}

/// Runs a subcommand and returns the number of inputs that failed.
fn run(cli: Cli) -> anyhow::Result<usize> {
    match cli.command {
        Command::Extract(args) => {
            let config = args.into_config(io::stderr().is_terminal());
            run::extract(&config)
        }
        Command::Audit(args) => {
            run::extract(&args.into_config(io::stderr().is_terminal()))
        }
        Command::Speakers(args) => {
            run::extract(&args.into_config(io::stderr().is_terminal()))
        }
        Command::Eval(args) => {
            eval::run(args.into_config(io::stderr().is_terminal()))
        }
        Command::Stream(args) => stream::run(&args),
    }
}

/// Whether the error comes from writing to a closed pipe.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
