//! The `huddle` binary: parse arguments and dispatch.

use clap::Parser;
use huddle::cli::{Cli, Command};
use huddle::cmd;

fn main() {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() {
                cmd::EXIT_USAGE
            } else {
                cmd::EXIT_OK
            };
            let _ = e.print();
            std::process::exit(code);
        }
    };
    let code = match cli.command {
        Some(Command::Check { paths, format }) => {
            cmd::check::run(&paths, cli.lessons.as_ref(), format)
        }
        Some(Command::List { format }) => cmd::list::run(cli.lessons.as_ref(), format),
        None => cmd::list::welcome(cli.lessons.as_ref()),
    };
    std::process::exit(code);
}
