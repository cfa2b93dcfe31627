//! Tab in the SQL editor completes the lesson's table and column names.
//!
//! The word before the cursor is completed as far as the names that start with it
//! agree (in any case); when several remain they are listed, and when none match —
//! or nothing is typed — Tab moves on as it does elsewhere.

/// What Tab does at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Completion {
    /// Type these characters after the cursor.
    Insert(String),
    /// Several names fit and share nothing more: show them.
    Choices(Vec<String>),
    /// Nothing to complete: Tab moves the focus.
    Nothing,
}

/// Complete the word that ends at char column `col` of `line` from `names`.
pub fn complete(line: &str, col: usize, names: &[String]) -> Completion {
    let before: Vec<char> = line.chars().take(col).collect();
    let start = before
        .iter()
        .rposition(|c| !(c.is_alphanumeric() || *c == '_'))
        .map_or(0, |i| i + 1);
    let prefix: String = before[start..].iter().collect();
    if prefix.is_empty() {
        return Completion::Nothing;
    }
    let lower = prefix.to_lowercase();
    let mut fits: Vec<&String> = names
        .iter()
        .filter(|n| {
            n.to_lowercase().starts_with(&lower) && n.chars().count() > prefix.chars().count()
        })
        .collect();
    fits.sort();
    fits.dedup();
    let Some(first) = fits.first() else {
        return Completion::Nothing;
    };
    // The longest start every fitting name shares, case-insensitively.
    let mut common: Vec<char> = first.chars().collect();
    for n in &fits[1..] {
        let same = common
            .iter()
            .zip(n.chars())
            .take_while(|(a, b)| a.to_lowercase().eq(b.to_lowercase()))
            .count();
        common.truncate(same);
    }
    let typed = prefix.chars().count();
    if common.len() > typed {
        return Completion::Insert(common[typed..].iter().collect());
    }
    if fits.len() > 1 {
        return Completion::Choices(fits.into_iter().cloned().collect());
    }
    Completion::Nothing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Vec<String> {
        ["members", "county", "counties", "member_id", "email"]
            .iter()
            .map(|s| s.to_string())
            .collect()
    }

    #[test]
    fn a_unique_start_completes_the_name() {
        assert_eq!(
            complete("SELECT em", 9, &names()),
            Completion::Insert("ail".into())
        );
        assert_eq!(
            complete("SELECT * FROM mem", 17, &names()),
            Completion::Insert("ber".into())
        );
        assert_eq!(
            complete("SELECT m.EM", 11, &names()),
            Completion::Insert("ail".into())
        );
    }

    #[test]
    fn shared_starts_extend_then_list_the_choices() {
        assert_eq!(
            complete("SELECT cou", 10, &names()),
            Completion::Insert("nt".into())
        );
        assert_eq!(
            complete("SELECT count", 12, &names()),
            Completion::Choices(vec!["counties".into(), "county".into()])
        );
    }

    #[test]
    fn nothing_typed_or_nothing_fits_moves_on() {
        assert_eq!(complete("SELECT ", 7, &names()), Completion::Nothing);
        assert_eq!(complete("SELECT zzz", 10, &names()), Completion::Nothing);
        assert_eq!(complete("SELECT email", 12, &names()), Completion::Nothing);
    }
}
