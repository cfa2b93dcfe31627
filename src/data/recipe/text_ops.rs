//! The ops that rewrite each value of one text column (trim, case, replace, pad...),
//! each value borrowed as it is when the op leaves it unchanged, so a voter file's
//! column is rewritten without a new string for every cell.

use super::{CaseTo, OpOutcome, replace_column, text_values};
use polars::prelude::*;
use std::borrow::Cow;

/// Replace `column` with `f` applied to each value (blanks stay blank), counting the
/// values changed; a column that grows past its budget is refused.
pub(super) fn map_text(
    df: &DataFrame,
    column: &str,
    f: impl for<'s> Fn(&'s str) -> Cow<'s, str>,
) -> Result<(DataFrame, OpOutcome), String> {
    let vals = text_values(df, column)?;
    let budget =
        crate::limits::grown_column_budget(vals.iter().map(|v| v.map_or(0, str::len)).sum());
    let (new, changed) = super::view_map::map_views(&vals, budget, f)
        .map_err(|_| crate::limits::grown_column_message(column, budget))?;
    replace_column(df, column, new.into_column(), changed)
}

/// `s` without spaces at either end.
pub(super) fn trim(s: &str) -> Cow<'_, str> {
    Cow::Borrowed(s.trim())
}

/// `s` with each run of spaces made one space, and none at either end.
pub(super) fn collapse_spaces(s: &str) -> Cow<'_, str> {
    let t = s.trim();
    let mut last_space = false;
    let tidy = t.chars().all(|c| {
        let ok = c == ' ' && !last_space || !c.is_whitespace();
        last_space = c == ' ';
        ok
    });
    if tidy {
        Cow::Borrowed(t)
    } else {
        Cow::Owned(t.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

/// `s` in lower, upper or title case.
pub(super) fn case(s: &str, to: CaseTo) -> Cow<'_, str> {
    match to {
        CaseTo::Lower if s.is_ascii() => {
            if s.bytes().any(|b| b.is_ascii_uppercase()) {
                Cow::Owned(s.to_ascii_lowercase())
            } else {
                Cow::Borrowed(s)
            }
        }
        CaseTo::Upper if s.is_ascii() => {
            if s.bytes().any(|b| b.is_ascii_lowercase()) {
                Cow::Owned(s.to_ascii_uppercase())
            } else {
                Cow::Borrowed(s)
            }
        }
        CaseTo::Lower => Cow::Owned(s.to_lowercase()),
        CaseTo::Upper => Cow::Owned(s.to_uppercase()),
        CaseTo::Title => Cow::Owned(super::title_case(s)),
    }
}

/// `s` padded on the left with `c` to `width` characters (an empty value stays empty).
pub(super) fn pad(s: &str, width: usize, c: char) -> Cow<'_, str> {
    let n = s.chars().count();
    if s.is_empty() || n >= width {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + (width - n) * c.len_utf8());
    out.extend(std::iter::repeat_n(c, width - n));
    out.push_str(s);
    Cow::Owned(out)
}

/// `s` with every `find` made `with` (plain text, not a pattern).
pub(super) fn replace<'s>(s: &'s str, find: &str, with: &str) -> Cow<'s, str> {
    if s.contains(find) {
        Cow::Owned(s.replace(find, with))
    } else {
        Cow::Borrowed(s)
    }
}

/// Only the digits of `s`.
pub(super) fn digits_only(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| b.is_ascii_digit()) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.chars().filter(char::is_ascii_digit).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each borrowing shortcut gives what the plain rewrite gives.
    #[test]
    fn shortcuts_agree_with_the_plain_rewrites() {
        let values = [
            "",
            " ",
            "a",
            "A b",
            "  two  spaces ",
            "tab\there",
            "a\u{a0}b",
            "Ñandú",
            "straße",
            "ǅemal",
            "MIXED case",
            "007",
            "12-34",
            "x y  z",
            " lead",
            "trail ",
        ];
        for v in values {
            assert_eq!(trim(v), v.trim(), "{v:?}");
            assert_eq!(
                collapse_spaces(v),
                v.split_whitespace().collect::<Vec<_>>().join(" "),
                "{v:?}"
            );
            assert_eq!(case(v, CaseTo::Lower), v.to_lowercase(), "{v:?}");
            assert_eq!(case(v, CaseTo::Upper), v.to_uppercase(), "{v:?}");
            let n = v.chars().count();
            let padded = if v.is_empty() || n >= 5 {
                v.to_string()
            } else {
                format!("{}{v}", "0".repeat(5 - n))
            };
            assert_eq!(pad(v, 5, '0'), padded, "{v:?}");
            assert_eq!(replace(v, " ", "_"), v.replace(' ', "_"), "{v:?}");
            let digits: String = v.chars().filter(char::is_ascii_digit).collect();
            assert_eq!(digits_only(v), digits, "{v:?}");
        }
    }
}
