//! `huddle completions SHELL` and `huddle man`: the conventions of a command-line tool.
//!
//! Both print to standard output, so the person chooses where the text goes
//! (`huddle completions bash > ~/.local/share/bash-completion/completions/huddle`,
//! `huddle man > huddle.1`). Nothing is written to disk by huddle itself.

use super::{EXIT_OK, EXIT_PROBLEMS, print_out};
use crate::cli::Cli;
use clap::CommandFactory;
use clap::builder::PossibleValuesParser;
use clap_complete::Shell;
use std::path::PathBuf;

/// The clap command with `run`'s lesson argument offering the course's lesson ids, so a
/// shell completes `huddle run we<TAB>` to `welcome`. Parsing never uses this command:
/// a lesson may also be a file path, which the completion then does not offer.
pub fn command_with_lesson_ids(lessons: Option<&PathBuf>) -> clap::Command {
    let ids: Vec<String> = super::list::listed(lessons)
        .map(|(listed, _)| listed.into_iter().map(|l| l.id).collect())
        .unwrap_or_default();
    let cmd = Cli::command();
    if ids.is_empty() {
        return cmd;
    }
    cmd.mut_subcommand("run", |run| {
        run.mut_arg("lesson", |arg| {
            arg.value_parser(PossibleValuesParser::new(ids.clone()))
        })
    })
}

/// Print the completion script for `shell`.
pub fn completions(shell: Shell, lessons: Option<&PathBuf>) -> i32 {
    let mut cmd = command_with_lesson_ids(lessons);
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "huddle", &mut out);
    print_out(&String::from_utf8_lossy(&out));
    EXIT_OK
}

/// Print the manual page (roff): the usual sections, then one subsection per command
/// with its arguments, then the environment huddle reads.
pub fn man() -> i32 {
    let mut cmd = Cli::command();
    cmd.build();
    let man = clap_mangen::Man::new(cmd.clone());
    let mut out = Vec::new();
    // Not `render`: its SUBCOMMANDS section points at huddle-run(1) pages that do not
    // exist; the COMMANDS section below describes each command on this page instead.
    let rendered = man
        .render_title(&mut out)
        .and_then(|()| man.render_name_section(&mut out))
        .and_then(|()| man.render_synopsis_section(&mut out))
        .and_then(|()| man.render_description_section(&mut out))
        .and_then(|()| man.render_options_section(&mut out));
    if let Err(e) = rendered {
        eprintln!("huddle man: {e}");
        return EXIT_PROBLEMS;
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&commands_section(&cmd));
    text.push_str(ENVIRONMENT);
    print_out(&ascii_roff(&text));
    EXIT_OK
}

/// `.SH COMMANDS`: each subcommand's usage, description and arguments.
fn commands_section(cmd: &clap::Command) -> String {
    let mut s = String::from(".SH COMMANDS\n");
    for sub in cmd.get_subcommands().filter(|c| c.get_name() != "help") {
        s.push_str(&format!(".SS \"huddle {}\"\n", roff_escape(sub.get_name())));
        let usage = sub.clone().render_usage().to_string();
        let usage = usage.trim_start_matches("Usage:").trim();
        s.push_str(&format!(".B {}\n.PP\n", roff_escape(usage)));
        if let Some(about) = sub.get_long_about().or(sub.get_about()) {
            s.push_str(&format!("{}\n", roff_escape(&about.to_string())));
        }
        for arg in sub
            .get_arguments()
            .filter(|a| !a.is_hide_set() && !a.is_global_set())
        {
            if arg.get_id() == "help" {
                continue;
            }
            let name = match (arg.get_short(), arg.get_long()) {
                (Some(c), Some(l)) => format!("-{c}, --{l}"),
                (None, Some(l)) => format!("--{l}"),
                (Some(c), None) => format!("-{c}"),
                (None, None) => arg.get_id().as_str().to_uppercase(),
            };
            let value = arg
                .get_value_names()
                .and_then(|v| v.first())
                .filter(|_| arg.get_long().is_some() || arg.get_short().is_some())
                .map(|v| format!(" {v}"))
                .unwrap_or_default();
            s.push_str(&format!(
                ".TP\n\\fB{}\\fR{}\n",
                roff_escape(&name),
                roff_escape(&value)
            ));
            if let Some(help) = arg.get_long_help().or(arg.get_help()) {
                s.push_str(&format!("{}\n", roff_escape(&help.to_string())));
            }
        }
    }
    s
}

/// Non-ASCII characters as roff's `\[uXXXX]` escapes, so `man` and groff render them
/// whatever the locale (a bare UTF-8 em dash is an "invalid input character" to troff).
fn ascii_roff(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(&format!("\\[u{:04X}]", u32::from(c)));
        }
    }
    out
}

/// Escape text for roff: backslashes, and a leading dot or quote that would read as a request.
fn roff_escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with('.') || line.starts_with('\'') {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBHUDDLE_DATA_DIR\fR
Where progress and settings live (else \fB$XDG_DATA_HOME/huddle\fR, else \fB~/.local/share/huddle\fR).
.TP
\fBLC_ALL\fR, \fBLC_MESSAGES\fR, \fBLANG\fR
The language of the screens when \fB\-\-lang\fR is not given (en or es).
.TP
\fBNO_COLOR\fR
Turns colours off.
.SH PRIVACY
huddle sends nothing over the network. Progress files and coach exports hold lesson and step
titles, counts and times, never a value or column name from your data.
"#;
