//! `huddle host LESSON` and `huddle join CODE`: the live cohort call
//! (docs/live-call.md). Both open the ordinary player with the call's pane.

use super::EXIT_USAGE;
use crate::cli::Cli;
use crate::live::code::JoinCode;
use crate::live::iroh_net::Net;
use crate::tui::live::Start;
use std::path::PathBuf;
use std::time::Duration;

/// `huddle host`.
#[derive(Debug, Clone, clap::Args)]
pub struct HostArgs {
    /// Lesson id (see `huddle list`) or path to a .toml lesson.
    pub lesson: String,
    /// Your name as learners see it.
    #[arg(long, default_value = "Coach")]
    pub name: String,
    /// Also write the join code to FILE (for scripts).
    #[arg(long, value_name = "FILE")]
    pub code_file: Option<PathBuf>,
    /// This machine only: relays off, loopback only (for trying it out, and tests).
    #[arg(long)]
    pub local: bool,
    /// Your group's own iroh-relay (https://…) instead of the public relays.
    #[arg(long, value_name = "URL", conflicts_with = "local")]
    pub relay: Option<String>,
    /// The most learners at once.
    #[arg(long, value_name = "N", default_value_t = crate::live::host::DEFAULT_CAP as u16,
          value_parser = clap::value_parser!(u16).range(1..=500))]
    pub max: u16,
    /// Minutes on a step before a learner shows as stuck.
    #[arg(long, value_name = "MINUTES", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub stuck: u64,
    /// When the call ends, write one progress summary per learner into DIR (for
    /// `huddle cohort DIR`).
    #[arg(long, value_name = "DIR")]
    pub summaries: Option<PathBuf>,
    /// Send the lesson's sample data with it, so learners without the lesson's files
    /// can run it. Only tables the lesson marks `sample = true`, up to 4 MB in all.
    #[arg(long)]
    pub share_data: bool,
}

/// `huddle join`.
#[derive(Debug, Clone, clap::Args)]
pub struct JoinArgs {
    /// The join code your coach pasted into the call's chat (HUDDLE-…).
    pub code: String,
    /// The name your coach sees (default: "learner N").
    #[arg(long, default_value = "")]
    pub name: String,
    /// Use your own file for a lesson table, e.g. `--data members=export.csv`. Repeatable.
    #[arg(long = "data", value_name = "TABLE=FILE")]
    pub data: Vec<String>,
    /// Relays off, loopback only. A code from `huddle host --local` implies it.
    #[arg(long)]
    pub local: bool,
    /// Your group's own iroh-relay (https://…).
    #[arg(long, value_name = "URL", conflicts_with = "local")]
    pub relay: Option<String>,
}

fn options(cli: &Cli) -> crate::tui::Options {
    crate::tui::Options {
        lessons: cli.lessons.clone(),
        theme: cli.theme,
        mask: cli.mask,
        coach: cli.coach,
        ..Default::default()
    }
}

/// Run `huddle host`.
pub fn host(args: HostArgs, cli: &Cli) -> i32 {
    let mut opts = options(cli);
    opts.lesson = Some(args.lesson);
    opts.live = Some(Start::Host {
        net: Net {
            local: args.local,
            relay: args.relay,
        },
        coach: args.name,
        code_file: args.code_file,
        cap: usize::from(args.max),
        stuck_after: Duration::from_secs(args.stuck * 60),
        summaries: args.summaries,
        share_data: args.share_data,
    });
    crate::tui::run(opts)
}

/// Run `huddle join`.
pub fn join(args: JoinArgs, cli: &Cli) -> i32 {
    let code = match JoinCode::parse(&args.code) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("huddle join: {e}");
            return EXIT_USAGE;
        }
    };
    let mut opts = options(cli);
    opts.data = args.data;
    // A code from `huddle host --local` names only this machine: dial it the same way.
    let local = args.local || code.loopback_only();
    opts.live = Some(Start::Join {
        code,
        name: args.name,
        net: Net {
            local,
            relay: args.relay,
        },
    });
    crate::tui::run(opts)
}
