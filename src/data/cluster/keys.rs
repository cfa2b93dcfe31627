//! The keys values are compared by: OpenRefine's fingerprint, and the plain normal form the
//! nearest-neighbour method measures distances on.

/// OpenRefine's key-collision fingerprint of a value.
///
/// Trim, lower-case, fold accents to plain letters (`é` → `e`, `ß` → `ss`), remove
/// punctuation and symbols (`Co.` → `co`; `Essex-Co` → `essexco`, as OpenRefine does),
/// split on whitespace, keep each word once, sort, join with one space.
/// `"  ESSEX co. "`, `"Co Essex"` and `"essex, co"` all give `"co essex"`.
pub fn fingerprint(s: &str) -> String {
    let plain = plain_text(s);
    let mut words: Vec<&str> = plain.split_whitespace().collect();
    words.sort_unstable();
    words.dedup();
    words.join(" ")
}

/// The form nearest-neighbour distances are measured on: lower case, accents folded,
/// punctuation removed, trimmed, runs of spaces made one. `"ESSEX  Co."` → `"essex co"`.
pub fn normal_form(s: &str) -> String {
    let mut out = plain_text(s);
    let len = out.trim_end().len();
    out.truncate(len);
    out
}

/// Lower case, accents folded, only letters and digits kept, each run of whitespace made
/// one space and none at the start (one may be left at the end).
fn plain_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    let mut digit = false;
    let mut keep = |c: char, out: &mut String| {
        // Punctuation after a digit separates numbers, so the dates `1/18/2022` and
        // `11/8/2022` (and IDs like `12-3` and `1-23`) never share a key.
        if c.is_whitespace() || (digit && !c.is_alphanumeric()) {
            digit = false;
            if !space {
                out.push(' ');
                space = true;
            }
        } else if c.is_alphanumeric() {
            match fold(c) {
                Some(plain) => out.push_str(plain),
                None => out.push(c),
            }
            space = false;
            digit = c.is_ascii_digit();
        }
        // Anything else (punctuation, symbols, controls, combining accents) is dropped.
    };
    for c in s.chars() {
        if c.is_ascii() {
            keep(c.to_ascii_lowercase(), &mut out);
        } else {
            for lower in c.to_lowercase() {
                keep(lower, &mut out);
            }
        }
    }
    out
}

/// The plain letters for a lower-case accented Latin letter, when there is a simple one.
fn fold(c: char) -> Option<&'static str> {
    let plain = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' | 'đ' | 'ð' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' | 'ħ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ŧ' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        'æ' => "ae",
        'œ' => "oe",
        'ß' => "ss",
        'þ' => "th",
        _ => return None,
    };
    Some(plain)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_case_spaces_punctuation_order_and_repeats() {
        assert_eq!(fingerprint("  ESSEX co. "), "co essex");
        assert_eq!(fingerprint("Co Essex"), "co essex");
        assert_eq!(fingerprint("essex, co, essex"), "co essex");
        assert_eq!(fingerprint("Essex"), "essex");
        assert_ne!(fingerprint("Essex"), fingerprint("Esex"));
    }

    #[test]
    fn fingerprint_folds_accents_including_decomposed_ones() {
        assert_eq!(fingerprint("José Peña"), "jose pena");
        assert_eq!(fingerprint("JOSÉ"), "jose");
        assert_eq!(fingerprint("Jose\u{301}"), "jose");
        assert_eq!(fingerprint("Straße"), "strasse");
        // Letters with no simple plain form are kept as they are.
        assert_eq!(fingerprint("Дом Łódź"), "lodz дом");
    }

    #[test]
    fn dates_and_numbers_keep_their_parts_apart() {
        assert_ne!(fingerprint("1/18/2022"), fingerprint("11/8/2022"));
        assert_ne!(fingerprint("12-3"), fingerprint("1-23"));
        assert_eq!(fingerprint("Essex-Co"), "essexco");
    }

    #[test]
    fn punctuation_only_values_have_an_empty_key() {
        assert_eq!(fingerprint("--"), "");
        assert_eq!(normal_form(" ?! "), "");
    }

    #[test]
    fn normal_form_keeps_word_order() {
        assert_eq!(normal_form("  ESSEX   Co. "), "essex co");
        assert_eq!(normal_form("Co. Essex"), "co essex");
    }
}
