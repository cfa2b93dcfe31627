//! The `huddle` binary: parse arguments and dispatch.

use clap::Parser;
use huddle::cli::{Cli, Command};
use huddle::cmd;
use std::io::IsTerminal;

fn main() {
    let mut cli = match Cli::try_parse() {
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
    huddle::i18n::set(
        cli.lang
            .unwrap_or_else(|| huddle::i18n::from_locale(|name| std::env::var(name).ok())),
    );
    // A save killed half-way (kill -9, power cut) leaves a temporary file behind.
    huddle::progress::store::Store::for_user().sweep_stale();
    let command = cli.command.take();
    let code = match command {
        Some(Command::Check { paths, format }) => {
            cmd::check::run(&paths, cli.lessons.as_ref(), format)
        }
        Some(Command::New { id, dir }) => {
            let lang = (cli.lang == Some(huddle::i18n::Lang::Es)).then_some(cmd::new::Lang::Es);
            cmd::new::run(&id, &dir, lang)
        }
        Some(Command::Schema) => cmd::schema::run(),
        Some(Command::Completions { shell }) => {
            cmd::shell::completions(shell, cli.lessons.as_ref())
        }
        Some(Command::Man) => cmd::shell::man(),
        Some(Command::List { format }) => cmd::list::run(cli.lessons.as_ref(), format),
        Some(Command::Chart {
            file,
            x,
            y,
            agg,
            kind,
            width,
            height,
            out,
            title,
            force,
            every,
            read,
        }) => cmd::chart::run(
            &cmd::chart::ChartArgs {
                file,
                x,
                y,
                agg,
                kind,
                width,
                height,
                out,
                title,
                force,
                every,
                mask: cli.mask,
                read: read.options(),
            },
            cli.theme,
        ),
        Some(Command::Sql {
            query,
            tables,
            format,
            read,
        }) => cmd::sql::run(&tables, &query, format, &read.options(), cli.mask),
        Some(Command::Inspect { file, format, read }) => {
            cmd::inspect::run_with(&file, format, &read.options(), cli.mask)
        }
        Some(Command::Apply {
            recipe,
            input,
            output,
            map,
            force,
            read,
        }) => cmd::apply::run(&cmd::apply::ApplyArgs {
            recipe,
            input,
            output,
            map,
            force,
            read: read.options(),
        }),
        Some(Command::Progress {
            format,
            export,
            name,
            yes,
            force,
        }) => cmd::progress::run(
            &cmd::progress::ProgressArgs {
                format,
                export,
                name,
                yes,
                force,
                mask: cli.mask,
            },
            cli.lessons.as_ref(),
            cli.theme,
        ),
        Some(Command::Report {
            lesson,
            out,
            data,
            include_rows,
            force,
        }) => cmd::report::run(
            &cmd::report::ReportArgs {
                lesson,
                out,
                data,
                include_rows,
                force,
                mask: cli.mask,
            },
            cli.lessons.as_ref(),
            &huddle::progress::store::Store::for_user(),
        ),
        Some(Command::Cohort { dir, format }) => {
            cmd::cohort::run(&dir, format, cli.lessons.as_ref(), cli.theme)
        }
        Some(Command::Run {
            lesson,
            data,
            watch,
            header_row,
        }) => huddle::tui::run(huddle::tui::Options {
            lessons: cli.lessons.clone(),
            lesson: Some(lesson),
            theme: cli.theme,
            data,
            mask: cli.mask,
            coach: cli.coach,
            watch,
            header_row,
            live: None,
            plain: cli.plain,
        }),
        Some(Command::Host(args)) => cmd::live::host(args, &cli),
        Some(Command::Join(args)) => cmd::live::join(args, &cli),
        None if std::io::stdout().is_terminal() && std::io::stdin().is_terminal() => {
            huddle::tui::run(huddle::tui::Options {
                lessons: cli.lessons.clone(),
                lesson: None,
                theme: cli.theme,
                data: Vec::new(),
                mask: cli.mask,
                coach: cli.coach,
                watch: false,
                header_row: None,
                live: None,
                plain: cli.plain,
            })
        }
        // Not a terminal (a pipe, a script): print the course instead of drawing.
        None => cmd::list::welcome(cli.lessons.as_ref()),
    };
    std::process::exit(code);
}
