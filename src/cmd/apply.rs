//! `huddle apply RECIPE INPUT -o OUTPUT`: replay a saved recipe on a new export.
//!
//! All or nothing: the recipe, the column map, every needed column and the output
//! path are checked first; the ops run in memory; the CSV is written to a temporary
//! file next to OUTPUT and moved into place only when complete. INPUT is only read.

use super::{EXIT_OK, EXIT_PROBLEMS, EXIT_SET_ASIDE, EXIT_USAGE};
use crate::data::import::ReadOptions;
use crate::data::load_progress::LoadProgress;
use crate::data::mapping::load_mapping;
use crate::data::quarantine::BadRow;
use crate::data::recipe::{Op, OpOutcome};
use crate::data::recipe_file::{Recipe, RecipeHeader, op_summary};
use crate::data::replay::{MissingColumn, ReplayError, replay};
use crate::output::{self, Existing};
use crate::progress::store::Store;
use std::path::{Path, PathBuf};

mod pieces;

/// Parsed arguments of `huddle apply`.
#[derive(Debug, Clone)]
pub struct ApplyArgs {
    /// The recipe file.
    pub recipe: PathBuf,
    /// The export to clean (never modified).
    pub input: PathBuf,
    /// The new file to write.
    pub output: PathBuf,
    /// `OLD=NEW` column renames: the recipe's OLD is the file's NEW.
    pub map: Vec<String>,
    /// Replace OUTPUT if it exists.
    pub force: bool,
    /// `--strict` (refuse rows that cannot be read) and `--header-row`.
    pub read: ReadOptions,
}

/// An exit code and what to print on stderr.
type Failure = (i32, String);

/// Run the command; returns the exit code.
pub fn run(args: &ApplyArgs) -> i32 {
    match apply_counted(args) {
        Ok((report, set_aside)) => {
            print!("{report}");
            if set_aside > 0 {
                EXIT_SET_ASIDE
            } else {
                EXIT_OK
            }
        }
        Err((code, message)) => {
            eprintln!("{message}");
            code
        }
    }
}

/// Do the work; `Ok` is the report for stdout.
pub fn apply(args: &ApplyArgs) -> Result<String, Failure> {
    apply_counted(args).map(|(report, _)| report)
}

/// [`apply`], also saying how many rows were set aside in the rejects file.
pub fn apply_counted(args: &ApplyArgs) -> Result<(String, usize), Failure> {
    apply_by(args, pieces::Pieces::default())
}

/// [`apply_counted`], reading a big file by `pieces`.
fn apply_by(args: &ApplyArgs, pieces: pieces::Pieces) -> Result<(String, usize), Failure> {
    let usage = |m: String| (EXIT_USAGE, format!("huddle apply: {m}"));
    let mut map = parse_map(&args.map).map_err(usage)?;
    let (recipe, header) = read_recipe(&args.recipe)?;
    let database = crate::source::parse_path(&args.input).is_some();
    if !database && !args.input.is_file() {
        return Err(usage(format!(
            "{}: no such file (the export to clean)",
            args.input.display()
        )));
    }
    check_output(args).map_err(usage)?;
    let rejects = rejects_path(&args.output);
    let cannot_read = |e: String| {
        (
            EXIT_PROBLEMS,
            format!("huddle apply: {}: {e}", crate::source::shown(&args.input)),
        )
    };
    let first = if database {
        None
    } else {
        pieces
            .first_pass(args, &recipe)
            .map_err(|e| cannot_read(e.to_string()))?
    };
    let (shape_in, bad, done) = match first {
        Some(first) => {
            let columns = first.names().to_vec();
            let shape_in = (first.rows(), columns.len());
            let remembered = remembered_map(&Store::for_user(), &recipe, &header, &columns, &map);
            map.extend(remembered.iter().cloned());
            let bad = first.set_aside();
            check_rejects(args, &rejects, &bad).map_err(usage)?;
            let done = pieces.write(args, &first, &recipe, &map)?;
            (shape_in, bad, (done, remembered))
        }
        None => {
            let raw = crate::source::read_raw(
                &args.input,
                None,
                &args.read,
                &LoadProgress::new(),
                crate::source::pgpass::Ask::when_interactive(),
            )
            .map_err(|e| cannot_read(e.to_string()))?;
            let columns = crate::data::replay::names(&raw.df);
            let shape_in = (raw.df.height(), raw.df.width());
            let remembered = remembered_map(&Store::for_user(), &recipe, &header, &columns, &map);
            map.extend(remembered.iter().cloned());
            let replayed =
                replay(&raw, &recipe, &map).map_err(|e| replay_failure(args, e, &columns))?;
            let bad = raw.report.quarantined;
            check_rejects(args, &rejects, &bad).map_err(usage)?;
            crate::data::export::write_csv_to(
                &replayed.df,
                &args.output,
                &[&args.input, &args.recipe],
                Existing::replace_if(args.force),
            )
            .map_err(|m| {
                (
                    EXIT_PROBLEMS,
                    format!("huddle apply: {m}\nnothing was written"),
                )
            })?;
            let shape_out = (replayed.df.height(), replayed.df.width());
            (shape_in, bad, ((replayed.outcomes, shape_out), remembered))
        }
    };
    let ((outcomes, shape_out), remembered) = done;
    let mut set_aside = String::new();
    if !bad.is_empty() {
        let text = rejects_text(&args.input, &bad);
        output::write(
            &rejects,
            &[&args.input, &args.recipe, &args.output],
            Existing::Replace,
            output::Audience::Shared,
            |f| std::io::Write::write_all(f, text.as_bytes()),
        )
        .map_err(|e| (EXIT_PROBLEMS, format!("huddle apply: {e}")))?;
        set_aside = crate::i18n::trf(
            "{summary}: they are not in {output}; each is in {rejects} exactly as in the file, after a line naming its line and why (exit code 3)\n",
            &[
                ("summary", &crate::data::quarantine::summary(&bad)),
                ("output", &args.output.display()),
                ("rejects", &rejects.display()),
            ],
        );
    } else if rejects.exists() && args.force {
        // A rejects file from an earlier run would describe rows this run read.
        let _ = std::fs::remove_file(&rejects);
    }
    let n_bad = bad.len();
    Ok((
        set_aside
            + &report(
                args,
                &recipe,
                (&map, &remembered, header.lesson.as_deref()),
                shape_in,
                &outcomes,
                shape_out,
            ),
        n_bad,
    ))
}

/// Refuse to replace a rejects file from an earlier run without --force.
fn check_rejects(args: &ApplyArgs, rejects: &Path, bad: &[BadRow]) -> Result<(), String> {
    if !bad.is_empty() && rejects.exists() && !args.force {
        return Err(format!(
            "{} already exists (it would hold the rows that could not be read); move it, or add --force to replace it",
            rejects.display()
        ));
    }
    Ok(())
}

/// A replay that failed, as the exit code and message.
fn replay_failure(args: &ApplyArgs, e: ReplayError, columns: &[String]) -> Failure {
    match e {
        ReplayError::Map(m) => (EXIT_USAGE, format!("huddle apply: {m}")),
        ReplayError::Missing(missing) => (
            EXIT_PROBLEMS,
            missing_message(&args.input, &missing, columns),
        ),
        ReplayError::Import(m) | ReplayError::Op(m) => (
            EXIT_PROBLEMS,
            format!("huddle apply: {m}\nnothing was written"),
        ),
    }
}

/// Where rows that could not be read go: `OUTPUT.rejects.txt` beside OUTPUT
/// (`cleaned.csv` gives `cleaned.rejects.txt`).
pub fn rejects_path(output: &Path) -> PathBuf {
    let stem = output
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "output".into());
    output.with_file_name(format!("{stem}.rejects.txt"))
}

/// The rejects file: a `#` line naming each row's line and reason, then the row
/// exactly as it was in the file.
fn rejects_text(input: &Path, bad: &[BadRow]) -> String {
    let mut out = crate::i18n::trf(
        "# rows of {input} that could not be read; each row follows a line naming its line and why, exactly as it was in the file\n",
        &[("input", &input.display())],
    );
    for b in bad {
        out.push_str(&format!(
            "# {} {}: {}\n",
            crate::i18n::tr("line"),
            b.line,
            b.reason()
        ));
        out.push_str(&b.text);
        out.push('\n');
    }
    out
}

/// The column renames used: all of them, those remembered from a lesson, and that lesson.
type Renames<'a> = (
    &'a [(String, String)],
    &'a [(String, String)],
    Option<&'a str>,
);

/// What was read, what each op did, and what was written.
fn report(
    args: &ApplyArgs,
    recipe: &Recipe,
    (map, remembered, lesson): Renames,
    (rows_in, cols_in): (usize, usize),
    outcomes: &[OpOutcome],
    (rows_out, cols_out): (usize, usize),
) -> String {
    let mut out = format!(
        "applied {} to {} ({} × {})\n",
        args.recipe.display(),
        args.input.display(),
        plural(rows_in, "row"),
        plural(cols_in, "column")
    );
    for pair @ (old, new) in map {
        let how = if remembered.contains(pair) {
            format!(
                " (as you matched it in lesson {}; --map {old}=… overrides)",
                lesson.unwrap_or("?")
            )
        } else {
            String::new()
        };
        out.push_str(&format!(
            "column `{old}` of the recipe is `{new}` here{how}\n"
        ));
    }
    for (i, (op, what)) in recipe.ops.iter().zip(outcomes).enumerate() {
        out.push_str(&format!(
            "{}. {}: {}\n",
            i + 1,
            op_summary(op),
            outcome_text(op, what)
        ));
    }
    out.push_str(&format!(
        "wrote {} × {} to {}\n",
        plural(rows_out, "row"),
        plural(cols_out, "column"),
        args.output.display()
    ));
    out
}

/// `OLD=NEW` pairs; the first `=` splits, so NEW may contain `=`.
fn parse_map(items: &[String]) -> Result<Vec<(String, String)>, String> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((old, new)) if !old.trim().is_empty() && !new.trim().is_empty() => {
                Ok((old.trim().to_string(), new.trim().to_string()))
            }
            _ => Err(format!(
                "--map {item}: write OLD=NEW, the recipe's column name then this file's, e.g. --map zip=ZipOrPostal"
            )),
        })
        .collect()
}

/// Renames for the recipe's columns this file lacks, from the mapping the learner
/// confirmed for a file with this header in the recipe's lesson (`huddle run
/// --data`); `--map` pairs always win. Only column names are involved.
fn remembered_map(
    store: &Store,
    recipe: &Recipe,
    header: &RecipeHeader,
    columns: &[String],
    given: &[(String, String)],
) -> Vec<(String, String)> {
    let (Some(lesson), Some(table)) = (&header.lesson, &header.table) else {
        return Vec::new();
    };
    let Some(saved) = load_mapping(store, lesson, table, columns) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = Vec::new();
    for (_, needed) in recipe.columns_needed() {
        let taken = |c: &str| given.iter().chain(&out).any(|(o, n)| o == c || n == c);
        if columns.contains(&needed) || taken(&needed) {
            continue;
        }
        if let Some(file) = saved.columns.get(&needed)
            && columns.contains(file)
            && !taken(file)
        {
            out.push((needed.clone(), file.clone()));
        }
    }
    out
}

fn read_recipe(path: &Path) -> Result<(Recipe, RecipeHeader), Failure> {
    if let Ok(meta) = std::fs::metadata(path)
        && meta.len() > crate::limits::MAX_FILE_BYTES as u64
    {
        return Err((
            EXIT_PROBLEMS,
            format!(
                "huddle apply: {}: the recipe is {} KB, more than huddle reads ({} KB); a recipe is a short list of ops",
                path.display(),
                meta.len() / 1024,
                crate::limits::MAX_FILE_BYTES / 1024
            ),
        ));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        (
            EXIT_USAGE,
            format!(
                "huddle apply: {}: cannot read the recipe: {e}",
                path.display()
            ),
        )
    })?;
    Recipe::parse_with_header(&path.display().to_string(), &text).map_err(|diags| {
        let mut msg: Vec<String> = diags.iter().map(|d| d.render()).collect();
        msg.push(format!(
            "huddle apply: the recipe has {}; nothing was written",
            plural(diags.len(), "error")
        ));
        (EXIT_PROBLEMS, msg.join("\n"))
    })
}

/// Refuse an OUTPUT that is INPUT or the recipe, sits in a missing folder, is not a
/// regular file (a link, a folder, a device), or exists (without --force).
fn check_output(args: &ApplyArgs) -> Result<(), String> {
    if output::same_file(&args.input, &args.output) {
        return Err(format!(
            "{} is the export itself; write the cleaned data to a new file so the export stays as it was",
            args.output.display()
        ));
    }
    output::check(
        &args.output,
        &[&args.recipe],
        Existing::replace_if(args.force),
    )
    .map_err(|e| e.to_string())
}

fn missing_message(input: &Path, missing: &[MissingColumn], columns: &[String]) -> String {
    let mut out = format!(
        "huddle apply: {} lacks {} the recipe needs; nothing was written:\n",
        input.display(),
        plural(missing.len(), "column")
    );
    for m in missing {
        let hint = match &m.suggestion {
            Some(s) => format!("did you mean `{s}`?"),
            None => "no column with a similar name".to_string(),
        };
        out.push_str(&format!(
            "  `{}` (op {}, {}): {hint}\n",
            m.column,
            m.op + 1,
            m.summary
        ));
    }
    let example = missing
        .iter()
        .find_map(|m| m.suggestion.as_ref().map(|s| format!("{}={s}", m.column)))
        .unwrap_or_else(|| "OLD=NEW".to_string());
    out.push_str(&format!(
        "If a column has another name in this file, map it: --map {example} (repeat --map for each)\n"
    ));
    const SHOWN: usize = 40;
    let mut listed: Vec<String> = columns
        .iter()
        .take(SHOWN)
        .map(|c| format!("`{c}`"))
        .collect();
    if columns.len() > SHOWN {
        listed.push(format!("… and {} more", columns.len() - SHOWN));
    }
    out.push_str(&format!("This file's columns: {}", listed.join(", ")));
    out
}

fn outcome_text(op: &Op, what: &OpOutcome) -> String {
    match op {
        Op::Rename { .. } => "renamed".into(),
        Op::DropColumn { .. } => "dropped".into(),
        Op::DropNulls { .. } | Op::Dedupe { .. } | Op::Filter { .. } => {
            format!("{} removed", plural(what.rows_removed, "row"))
        }
        _ => format!("{} changed", plural(what.rows_changed, "row")),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

#[cfg(test)]
mod tests;
