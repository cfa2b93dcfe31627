//! Replaying a saved recipe on a new export, all or nothing.
//!
//! The export is typed as usual (so `filter` compares numbers as numbers), but every
//! column the recipe does not change is written back exactly as it was read: an
//! untouched `25.00` stays `25.00` and `TRUE` stays `TRUE`.

use crate::data::import::{RawTable, apply_types};
use crate::data::recipe::{Carried, Op, OpOutcome, apply_all, apply_all_carried};
use crate::data::recipe_file::{Recipe, op_summary};
use crate::data::types::{ColumnType, convert_text_column};
use crate::diag::nearest;
use polars::prelude::*;
use std::collections::HashMap;

/// A column the recipe needs that the file does not have.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingColumn {
    /// 0-based op index of its first use.
    pub op: usize,
    /// That op, as `pad zip`.
    pub summary: String,
    /// The name in the recipe.
    pub column: String,
    /// The file's closest column name, if one is close.
    pub suggestion: Option<String>,
}

/// Why a recipe could not be replayed. Nothing was changed or written.
#[derive(Debug, Clone, PartialEq)]
pub enum ReplayError {
    /// A `--map OLD=NEW` pair does not fit the recipe or the file.
    Map(String),
    /// Columns the recipe needs are not in the file (after mapping), all of them.
    Missing(Vec<MissingColumn>),
    /// The file's values could not be typed.
    Import(String),
    /// An op failed; the message names it.
    Op(String),
}

/// The cleaned table and what each op did.
#[derive(Debug, Clone)]
pub struct Replayed {
    /// The result, in the file's column names (mapped columns keep the file's name).
    pub df: DataFrame,
    /// One outcome per op.
    pub outcomes: Vec<OpOutcome>,
    /// For each column of `df`, the position in the file of the column whose text
    /// it holds unchanged (no op changed it), if one does.
    pub sources: Vec<Option<usize>>,
    /// The file's rows still in `df`, in order, when ops took some out; `None`
    /// when every row is.
    pub kept: Option<IdxCa>,
}

/// The columns `recipe` needs that `available` lacks, each with a close name.
pub fn missing_columns(recipe: &Recipe, available: &[String]) -> Vec<MissingColumn> {
    recipe
        .columns_needed()
        .into_iter()
        .filter(|(_, c)| !available.contains(c))
        .map(|(op, column)| MissingColumn {
            op,
            summary: recipe.ops.get(op).map(op_summary).unwrap_or_default(),
            suggestion: nearest(&column, available.iter().map(String::as_str)).map(str::to_string),
            column,
        })
        .collect()
}

/// Check `map` (recipe name, file name) against the recipe and the file's columns.
pub fn check_map(
    recipe: &Recipe,
    map: &[(String, String)],
    available: &[String],
) -> Result<(), ReplayError> {
    let needed: Vec<String> = recipe
        .columns_needed()
        .into_iter()
        .map(|(_, c)| c)
        .collect();
    for (i, (old, new)) in map.iter().enumerate() {
        if !needed.contains(old) {
            let hint = match nearest(old, needed.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("it uses {}", backticked(&needed)),
            };
            return Err(ReplayError::Map(format!(
                "--map {old}={new}: the recipe uses no column `{old}` from the file; {hint}"
            )));
        }
        if !available.contains(new) {
            let hint = match nearest(new, available.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `{best}`?"),
                None => "check the spelling in the file's header".to_string(),
            };
            return Err(ReplayError::Map(format!(
                "--map {old}={new}: this file has no column `{new}`; {hint}"
            )));
        }
        if old != new && available.contains(old) {
            return Err(ReplayError::Map(format!(
                "--map {old}={new}: this file has both `{old}` and `{new}`; the recipe would use `{old}` as it is, so drop this --map"
            )));
        }
        if map.iter().skip(i + 1).any(|(o, n)| o == old || n == new) {
            return Err(ReplayError::Map(format!(
                "--map {old}={new}: `{old}` or `{new}` is mapped twice; give each column once"
            )));
        }
    }
    Ok(())
}

/// Replay `recipe` on `raw` with the column map (recipe name, file name).
/// Checks the map and every needed column before any op runs.
pub fn replay(
    raw: &RawTable,
    recipe: &Recipe,
    map: &[(String, String)],
) -> Result<Replayed, ReplayError> {
    replay_with(raw, recipe, map, None)
}

/// One piece of a file replayed piece by piece ([`crate::data::replay_pieces`]).
pub struct Piece<'p> {
    /// Each column's type, found from the whole file, by position.
    pub types: &'p [ColumnType],
    /// What the ops carry from the pieces before.
    pub carried: &'p mut Carried,
}

/// [`replay`] on the whole table (`None`) or on one piece of it.
pub fn replay_with(
    raw: &RawTable,
    recipe: &Recipe,
    map: &[(String, String)],
    piece: Option<Piece<'_>>,
) -> Result<Replayed, ReplayError> {
    let available = names(&raw.df);
    check_map(recipe, map, &available)?;
    let mut text = raw.df.clone();
    for (old, new) in map {
        text.rename(new, old.as_str().into())
            .map_err(|e| ReplayError::Map(e.to_string()))?;
    }
    let missing = missing_columns(recipe, &names(&text));
    if !missing.is_empty() {
        return Err(ReplayError::Missing(missing));
    }
    let typed = match &piece {
        None => apply_types(
            RawTable {
                df: text.clone(),
                row_lines: raw.row_lines.clone(),
                report: raw.report.clone(),
            },
            &[],
        )
        .map_err(|e| ReplayError::Import(e.to_string()))?,
        Some(p) => typed_as(&text, p.types)?,
    };
    let row = row_index_name(&typed);
    let indexed = typed
        .with_row_index(row.as_str().into(), None)
        .map_err(|e| ReplayError::Op(e.to_string()))?;
    let (mut out, outcomes) = match piece {
        None => apply_all(&indexed, &recipe.ops),
        Some(p) => apply_all_carried(&indexed, &recipe.ops, p.carried),
    }
    .map_err(ReplayError::Op)?;
    let lineage = untouched(&text, &recipe.ops);
    let kept = restore_untouched(&mut out, &text, &row, &lineage)
        .map_err(|e| ReplayError::Op(format!("could not restore untouched columns: {e}")))?;
    let mut out = out.drop(&row).map_err(|e| ReplayError::Op(e.to_string()))?;
    let sources = out
        .get_column_names()
        .iter()
        .map(|name| {
            lineage
                .get(name.as_str())
                .and_then(|source| text.get_column_index(source))
        })
        .collect();
    let now = names(&out);
    for (old, new) in map {
        if now.contains(old) && !now.contains(new) {
            out.rename(old, new.as_str().into())
                .map_err(|e| ReplayError::Op(e.to_string()))?;
        }
    }
    Ok(Replayed {
        df: out,
        outcomes,
        sources,
        kept,
    })
}

/// The text columns of `text` converted to `types`, by position.
fn typed_as(text: &DataFrame, types: &[ColumnType]) -> Result<DataFrame, ReplayError> {
    let columns = text
        .columns()
        .iter()
        .zip(types.iter().chain(std::iter::repeat(&ColumnType::Text)))
        .map(|(col, ty)| {
            convert_text_column(col, *ty).map_err(|bad| {
                ReplayError::Import(format!(
                    "column `{}`: \"{}\" cannot be read as {}",
                    col.name(),
                    bad.value,
                    ty.words()
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    DataFrame::new(text.height(), columns).map_err(|e| ReplayError::Import(e.to_string()))
}

/// Put back the file's own text in every column no op changed (`lineage`); the
/// rows kept, when ops took some out.
fn restore_untouched(
    out: &mut DataFrame,
    text: &DataFrame,
    row: &str,
    lineage: &HashMap<String, String>,
) -> PolarsResult<Option<IdxCa>> {
    let idx = out.column(row)?.idx()?.clone();
    // Ops only take rows out, in order: as many rows means the same rows.
    let same_rows = out.height() == text.height();
    for (name, source) in lineage {
        if out.column(name).is_err() {
            continue;
        }
        let original = if same_rows {
            text.column(source)?.clone()
        } else {
            text.column(source)?.take(&idx)?
        };
        out.with_column(original.with_name(name.as_str().into()))?;
    }
    Ok((!same_rows).then_some(idx))
}

/// Output column → the file column it still holds unchanged.
fn untouched(text: &DataFrame, ops: &[Op]) -> HashMap<String, String> {
    let mut lineage: HashMap<String, Option<String>> = names(text)
        .into_iter()
        .map(|n| (n.clone(), Some(n)))
        .collect();
    for op in ops {
        match op {
            Op::Trim { column }
            | Op::CollapseSpaces { column }
            | Op::Case { column, .. }
            | Op::Replace { column, .. }
            | Op::Pad { column, .. }
            | Op::DigitsOnly { column }
            | Op::ParseDate { column, .. }
            | Op::Fill { column, .. }
            | Op::MergeValues { column, .. } => {
                lineage.insert(column.clone(), None);
            }
            Op::Split { into, .. } => {
                for c in into {
                    lineage.insert(c.clone(), None);
                }
            }
            Op::Rename { column, to } => {
                let from = lineage.remove(column).flatten();
                lineage.insert(to.clone(), from);
            }
            Op::DropColumn { column } => {
                lineage.remove(column);
            }
            Op::DropNulls { .. } | Op::Dedupe { .. } | Op::Filter { .. } => {}
        }
    }
    lineage
        .into_iter()
        .filter_map(|(name, src)| src.map(|s| (name, s)))
        .collect()
}

fn row_index_name(df: &DataFrame) -> String {
    let taken = names(df);
    let mut name = String::from("__huddle_row");
    while taken.contains(&name) {
        name.push('_');
    }
    name
}

/// A table's column names.
pub fn names(df: &DataFrame) -> Vec<String> {
    df.get_column_names()
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn backticked(v: &[String]) -> String {
    v.iter()
        .map(|c| format!("`{c}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::import::read_raw;

    fn recipe(text: &str) -> Recipe {
        Recipe::parse("r.toml", &format!("format = 1\n{text}")).unwrap()
    }

    fn texts(df: &DataFrame, col: &str) -> Vec<Option<String>> {
        df.column(col)
            .unwrap()
            .cast(&DataType::String)
            .unwrap()
            .str()
            .unwrap()
            .iter()
            .map(|v| v.map(str::to_string))
            .collect()
    }

    #[test]
    fn untouched_columns_keep_their_text_and_changed_ones_are_cleaned() {
        let raw = read_raw(
            b"id,amount,recurring,zip\n1,25.00,TRUE,2134\n2,10.50,FALSE,02906\n3,7.00,TRUE,2134\n",
        )
        .unwrap();
        let r = recipe(
            "[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n[[ops]]\nop = \"filter\"\nwhere = \"amount >= 10\"\n[[ops]]\nop = \"rename\"\ncolumn = \"amount\"\nto = \"dollars\"\n",
        );
        let out = replay(&raw, &r, &[]).unwrap();
        assert_eq!(
            names(&out.df),
            vec!["id", "dollars", "recurring", "zip"],
            "{}",
            out.df
        );
        let some = |v: &[&str]| v.iter().map(|s| Some(s.to_string())).collect::<Vec<_>>();
        assert_eq!(texts(&out.df, "dollars"), some(&["25.00", "10.50"]));
        assert_eq!(texts(&out.df, "recurring"), some(&["TRUE", "FALSE"]));
        assert_eq!(texts(&out.df, "zip"), some(&["02134", "02906"]));
        assert_eq!(out.outcomes[0].rows_changed, 2);
        assert_eq!(out.outcomes[1].rows_removed, 1);
    }

    #[test]
    fn a_mapped_column_is_cleaned_and_keeps_the_files_name() {
        let raw = read_raw(b"ZipOrPostal,County\n2134,Essex\n").unwrap();
        let r = recipe("[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n");
        match replay(&raw, &r, &[]) {
            Err(ReplayError::Missing(m)) => {
                assert_eq!(m.len(), 1);
                assert_eq!(m[0].suggestion.as_deref(), Some("ZipOrPostal"));
            }
            other => panic!("{other:?}"),
        }
        let map = [("zip".to_string(), "ZipOrPostal".to_string())];
        let out = replay(&raw, &r, &map).unwrap();
        assert_eq!(texts(&out.df, "ZipOrPostal"), vec![Some("02134".into())]);
    }

    #[test]
    fn bad_maps_are_explained() {
        let raw = read_raw(b"zip,Zip,county\n1,2,3\n").unwrap();
        let r = recipe("[[ops]]\nop = \"pad\"\ncolumn = \"zip\"\nwidth = 5\n");
        let err = |m: &[(&str, &str)]| {
            let m: Vec<(String, String)> = m
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            match replay(&raw, &r, &m) {
                Err(ReplayError::Map(msg)) => msg,
                other => panic!("{other:?}"),
            }
        };
        assert!(err(&[("zipp", "Zip")]).contains("did you mean `zip`?"));
        assert!(err(&[("zip", "ZIP code")]).contains("has no column `ZIP code`"));
        assert!(err(&[("zip", "Zip")]).contains("has both `zip` and `Zip`"));
    }
}
