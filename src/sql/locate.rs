//! Finding a word in the query, as 1-based line and column, for pointing at it.

/// Where `word` first appears in `sql` as a whole word (case-insensitive).
pub fn locate_word(sql: &str, word: &str) -> Option<(usize, usize)> {
    find_from(sql, word, 0).map(|i| position(sql, i))
}

/// Where `word` first appears after the keyword `after`.
pub fn locate_word_after(sql: &str, after: &str, word: &str) -> Option<(usize, usize)> {
    let start = find_from(sql, after, 0)?;
    find_from(sql, word, start + after.len()).map(|i| position(sql, i))
}

fn find_from(sql: &str, word: &str, from: usize) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let lower = sql.to_lowercase();
    let needle = word.to_lowercase();
    // Lower-casing can change byte lengths; only trust it when it did not.
    if lower.len() != sql.len() {
        return sql.get(from..)?.find(word).map(|i| i + from);
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let bytes = lower.as_bytes();
    let mut at = from;
    while let Some(i) = lower.get(at..)?.find(&needle) {
        let s = at + i;
        let e = s + needle.len();
        let alnum = needle.bytes().all(is_word);
        let ok_before = s == 0 || !alnum || !is_word(bytes[s - 1]);
        let ok_after = e >= bytes.len() || !alnum || !is_word(bytes[e]);
        if ok_before && ok_after {
            return Some(s);
        }
        at = s + 1;
    }
    None
}

fn position(sql: &str, byte: usize) -> (usize, usize) {
    let before = &sql[..byte];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_whole_and_on_their_line() {
        let sql = "SELECT county_name,\n  county\nFROM members";
        assert_eq!(locate_word(sql, "county"), Some((2, 3)));
        assert_eq!(locate_word(sql, "COUNTY"), Some((2, 3)));
        assert_eq!(locate_word(sql, "zip"), None);
        assert_eq!(locate_word_after(sql, "from", "members"), Some((3, 6)));
    }
}
