//! The columns a query can use, found from its words, so that `huddle sql` on a
//! voter file of 60 columns reads the few a question names and not the others.
//! Generous on purpose: any word of the query that is a column's name (in any
//! case) counts, and a `*` that stands for columns, or a NATURAL join, means all.

use sqlparser::dialect::GenericDialect;
use sqlparser::keywords::Keyword;
use sqlparser::tokenizer::{Token, Tokenizer};

/// The words of `query` that may name columns, lowercased; `None` when the query
/// may use every column (a `*` for columns, a NATURAL join) or cannot be read.
pub fn words_naming_columns(query: &str) -> Option<Vec<String>> {
    let tokens = Tokenizer::new(&GenericDialect {}, query).tokenize().ok()?;
    let mut words: Vec<String> = Vec::new();
    let mut before: Option<&Token> = None;
    for token in &tokens {
        match token {
            Token::Whitespace(_) => continue,
            Token::Word(w) if w.quote_style.is_none() && w.keyword == Keyword::NATURAL => {
                return None;
            }
            Token::Word(w) => words.push(w.value.to_lowercase()),
            Token::Mul if stands_for_columns(before) => return None,
            _ => {}
        }
        before = Some(token);
    }
    words.sort();
    words.dedup();
    Some(words)
}

/// Whether a `*` after `before` stands for columns (`SELECT *`, `t.*`, `, *`)
/// rather than multiplying (`a * 2`) or counting rows (`count(*)`).
fn stands_for_columns(before: Option<&Token>) -> bool {
    match before {
        None | Some(Token::Period | Token::Comma) => true,
        Some(Token::Word(w)) => {
            w.quote_style.is_none()
                && matches!(
                    w.keyword,
                    Keyword::SELECT | Keyword::DISTINCT | Keyword::ALL
                )
        }
        Some(Token::LParen | Token::RParen | Token::Number(..)) => false,
        Some(Token::SingleQuotedString(_)) => false,
        // Anything else (an operator, a keyword we do not know here): read them all.
        Some(_) => true,
    }
}

/// The positions of `names` that `words` (from [`words_naming_columns`]) name; the
/// first column when none is, so the rows are still counted.
pub fn named_columns(words: &[String], names: &[String]) -> Vec<usize> {
    let picked: Vec<usize> = names
        .iter()
        .enumerate()
        .filter(|(_, n)| words.binary_search(&n.to_lowercase()).is_ok())
        .map(|(i, _)| i)
        .collect();
    if picked.is_empty() && !names.is_empty() {
        vec![0]
    } else {
        picked
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn picked(query: &str, names: &[&str]) -> Option<Vec<usize>> {
        let names: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        words_naming_columns(query).map(|w| named_columns(&w, &names))
    }

    #[test]
    fn a_query_reads_the_columns_it_names() {
        let cols = ["voter_id", "County", "Birth Year", "party", "zip"];
        assert_eq!(
            picked("SELECT county, count(*) FROM v GROUP BY 1", &cols),
            Some(vec![1])
        );
        assert_eq!(
            picked(
                "SELECT \"Birth Year\" * 2 AS b FROM v WHERE PARTY = 'zip' ORDER BY b",
                &cols
            ),
            Some(vec![2, 3])
        );
        assert_eq!(
            picked("SELECT a.zip FROM v a JOIN w USING (voter_id)", &cols),
            Some(vec![0, 4])
        );
        // None named: the first column, to count the rows.
        assert_eq!(picked("SELECT count(*) AS n FROM v", &cols), Some(vec![0]));
    }

    #[test]
    fn a_star_for_columns_or_a_natural_join_reads_them_all() {
        let cols = ["a", "b"];
        for q in [
            "SELECT * FROM v",
            "SELECT DISTINCT * FROM v",
            "SELECT v.* FROM v",
            "SELECT a, * FROM v",
            "SELECT a FROM v NATURAL JOIN w",
            "SELECT count(*) FROM (SELECT * FROM v) s",
        ] {
            assert_eq!(picked(q, &cols), None, "{q}");
        }
        assert_eq!(
            picked("SELECT a * b, count(*) FROM v", &cols),
            Some(vec![0, 1])
        );
        assert_eq!(picked("SELECT 'it''s", &cols), None, "an unfinished string");
    }
}
