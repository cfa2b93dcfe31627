//! Cluster & merge, as OpenRefine does it: find values of a column that are probably one
//! value spelled several ways (`Essex`, `essex `, `Esex`), propose one spelling for each
//! group, and turn the groups a learner accepts into a `merge_values` op.
//!
//! ```text
//! value_counts(df, "county") -> clusters(&counts, method) -> merge_map(chosen) -> Op::MergeValues
//! ```

mod cuts;
mod group;
mod keys;
mod near;

use crate::data::recipe::Op;
use crate::diag::suggestion;
use indexmap::IndexMap;
use polars::prelude::*;
use std::collections::HashMap;

pub use group::{Cluster, Method, clusters};
pub use keys::fingerprint;

/// The non-blank values of a column (written as text) with how many rows have each; most
/// common first, ties alphabetical. Values are counted exactly as written: `Essex` and
/// `essex ` are two values.
pub fn value_counts(df: &DataFrame, column: &str) -> Result<Vec<(String, usize)>, String> {
    let col = df.column(column).map_err(|_| {
        let names: Vec<&str> = df.get_column_names().iter().map(|n| n.as_str()).collect();
        format!(
            "the table has no column `{column}`; {}",
            suggestion(column, &names)
        )
    })?;
    let text = col
        .cast(&DataType::String)
        .map_err(|e| format!("column `{column}` cannot be read as text: {e}"))?;
    let text = text
        .str()
        .map_err(|e| format!("column `{column}` cannot be read as text: {e}"))?;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for v in text.iter().flatten() {
        if !v.trim().is_empty() {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut out: Vec<(String, usize)> = counts
        .into_iter()
        .map(|(v, n)| (v.to_string(), n))
        .collect();
    out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    Ok(out)
}

/// The `map` of a `merge_values` op for the chosen clusters: every member that is not the
/// cluster's `suggested` value maps to it, in the order given. Pass clusters from one call
/// of [`clusters`]; a value in two clusters maps to the later one's spelling.
pub fn merge_map<'a>(chosen: impl IntoIterator<Item = &'a Cluster>) -> IndexMap<String, String> {
    let mut map = IndexMap::new();
    for c in chosen {
        for (v, _) in &c.values {
            if *v != c.suggested {
                map.insert(v.clone(), c.suggested.clone());
            }
        }
    }
    map
}

/// The recipe op that merges the chosen clusters of `column`:
/// `{ op = "merge_values", column = "county", map = { "essex " = "Essex", … } }`.
pub fn merge_op<'a>(column: &str, chosen: impl IntoIterator<Item = &'a Cluster>) -> Op {
    Op::MergeValues {
        column: column.to_string(),
        map: merge_map(chosen),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::recipe::apply_op;

    /// The planted county variants plus unrelated counties.
    fn counties() -> Vec<(String, usize)> {
        [
            ("Essex", 40),
            ("Suffolk", 30),
            ("Middlesex", 25),
            ("Norfolk", 20),
            ("Worcester", 12),
            ("Hampden", 10),
            ("Bristol", 8),
            ("Plymouth", 5),
            ("Berkshire", 4),
            ("Hampshire", 4),
            ("essex ", 3),
            ("ESSEX CO.", 2),
            ("Esex", 1),
        ]
        .iter()
        .map(|(v, n)| (v.to_string(), *n))
        .collect()
    }

    fn members(c: &Cluster) -> Vec<&str> {
        c.values.iter().map(|(v, _)| v.as_str()).collect()
    }

    /// The members of each cluster found, in order.
    fn groups(counts: &[(String, usize)], method: Method) -> Vec<Vec<String>> {
        clusters(counts, method)
            .into_iter()
            .map(|c| c.values.into_iter().map(|(v, _)| v).collect())
            .collect()
    }

    #[test]
    fn fingerprint_groups_case_and_space_variants_only() {
        let found = clusters(&counties(), Method::Fingerprint);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(members(&found[0]), vec!["Essex", "essex "]);
        assert_eq!(found[0].suggested, "Essex");
        assert_eq!(found[0].rows(), 43);
    }

    #[test]
    fn nearest_radius_one_adds_the_typo() {
        let found = clusters(&counties(), Method::Nearest { radius: 1 });
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(members(&found[0]), vec!["Essex", "essex ", "Esex"]);
        assert_eq!(found[0].suggested, "Essex");
    }

    #[test]
    fn nearest_radius_two_still_keeps_other_counties_apart() {
        let counts = counties();
        assert_eq!(
            groups(&counts, Method::Nearest { radius: 2 }),
            vec![vec!["Essex", "essex ", "Esex"]]
        );
    }

    #[test]
    fn county_suffix_joins_at_radius_three_along_with_suffolk_and_norfolk() {
        assert_eq!(strsim::levenshtein("essex co", "essex"), 3);
        assert_eq!(strsim::levenshtein("suffolk", "norfolk"), 3);
        let counts = counties();
        assert_eq!(
            groups(&counts, Method::Nearest { radius: 3 }),
            // Suffolk and Norfolk have 50 rows, the Essex spellings 46.
            vec![
                vec!["Suffolk", "Norfolk"],
                vec!["Essex", "essex ", "ESSEX CO.", "Esex"],
            ]
        );
    }

    #[test]
    fn suggested_prefers_count_then_tidy_then_mixed_case_then_alphabet() {
        let pick = |vals: &[(&str, usize)]| {
            let counts: Vec<(String, usize)> =
                vals.iter().map(|(v, n)| (v.to_string(), *n)).collect();
            let found = clusters(&counts, Method::Fingerprint);
            found.first().map(|c| c.suggested.clone())
        };
        assert_eq!(
            pick(&[("ESSEX", 5), ("Essex", 4)]).as_deref(),
            Some("ESSEX")
        );
        assert_eq!(
            pick(&[(" Essex", 4), ("essex", 4)]).as_deref(),
            Some("essex")
        );
        assert_eq!(
            pick(&[("essex", 4), ("ESSEX", 4), ("Essex", 4)]).as_deref(),
            Some("Essex")
        );
        assert_eq!(
            pick(&[("essex", 4), ("ESSEX", 4)]).as_deref(),
            Some("ESSEX")
        );
        assert_eq!(
            pick(&[("Essex  Co", 2), ("Co Essex", 2)]).as_deref(),
            Some("Co Essex")
        );
    }

    #[test]
    fn clusters_are_ordered_by_rows_and_do_not_depend_on_input_order() {
        let counts: Vec<(String, usize)> = [
            ("Boston", 5),
            ("boston", 5),
            ("Salem", 20),
            ("SALEM", 1),
            ("Lowell", 3),
            ("-", 9),
            ("?", 9),
        ]
        .iter()
        .map(|(v, n)| (v.to_string(), *n))
        .collect();
        let forward = clusters(&counts, Method::Fingerprint);
        let mut reversed = counts.clone();
        reversed.reverse();
        assert_eq!(clusters(&reversed, Method::Fingerprint), forward);
        let suggested: Vec<&str> = forward.iter().map(|c| c.suggested.as_str()).collect();
        // Punctuation-only values are never grouped; Lowell has no variant.
        assert_eq!(suggested, vec!["Salem", "Boston"]);
    }

    #[test]
    fn merge_map_skips_the_canonical_and_respects_an_edited_choice() {
        let mut found = clusters(&counties(), Method::Nearest { radius: 1 });
        let map = merge_map(found.iter());
        assert_eq!(map.len(), 2);
        assert_eq!(map.get("essex ").map(String::as_str), Some("Essex"));
        assert_eq!(map.get("Esex").map(String::as_str), Some("Essex"));
        assert!(!map.contains_key("Essex"));
        found[0].suggested = "Essex County".to_string();
        assert_eq!(merge_map(found.iter()).len(), 3);
    }

    #[test]
    fn merging_through_the_recipe_leaves_one_spelling() {
        let mut column: Vec<Option<&str>> = Vec::new();
        for (v, n) in [
            ("Essex", 4),
            ("essex ", 3),
            ("Esex", 1),
            ("ESSEX CO.", 2),
            ("Norfolk", 2),
        ] {
            column.extend(std::iter::repeat_n(Some(v), n));
        }
        column.push(None);
        let df = df!("county" => column).unwrap();
        let counts = value_counts(&df, "county").unwrap();
        let found = clusters(&counts, Method::Nearest { radius: 1 });
        assert_eq!(found.len(), 1);
        let op = merge_op("county", found.iter());
        let (merged, outcome) = apply_op(&df, &op).unwrap();
        assert_eq!(outcome.rows_changed, 4);
        let after = value_counts(&merged, "county").unwrap();
        let essex: Vec<&(String, usize)> = after
            .iter()
            .filter(|(v, _)| found[0].values.iter().any(|(m, _)| m == v))
            .collect();
        assert_eq!(essex, vec![&("Essex".to_string(), 8)]);
        // Values outside the cluster are untouched.
        assert!(after.contains(&("ESSEX CO.".to_string(), 2)));
        assert!(after.contains(&("Norfolk".to_string(), 2)));
    }

    #[test]
    fn value_counts_skips_blanks_and_reads_numbers_as_text() {
        let df = df!(
            "tag" => [Some("vol"), Some("  "), None, Some("donor"), Some("vol")],
            "zip" => [Some(2134i64), Some(2134), None, Some(1002), Some(2134)]
        )
        .unwrap();
        assert_eq!(
            value_counts(&df, "tag").unwrap(),
            vec![("vol".to_string(), 2), ("donor".to_string(), 1)]
        );
        assert_eq!(
            value_counts(&df, "zip").unwrap(),
            vec![("2134".to_string(), 3), ("1002".to_string(), 1)]
        );
        let err = value_counts(&df, "tags").unwrap_err();
        assert!(
            err.contains("no column `tags`") && err.contains("`tag`"),
            "{err}"
        );
    }

    #[test]
    fn doc_examples_of_short_names_hold() {
        assert_eq!(strsim::levenshtein("lynn", "lyon"), 1);
        assert_eq!(strsim::levenshtein("marion", "mason"), 2);
    }
}
