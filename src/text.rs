//! Text made safe to show: tabs expanded, control characters removed, widths measured.

use unicode_width::UnicodeWidthStr;

/// Expand tabs to spaces and drop control characters so a line can be drawn safely.
pub fn sanitize_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' => {
                let col = display_width(&out);
                out.push_str(&" ".repeat(4 - col % 4));
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Width of a string in terminal cells.
pub fn display_width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Cut `s` to at most `max` cells, ending in `…` when it was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if display_width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    // Character widths do not always add up to the string's width (emoji with a
    // presentation selector): trim until what is kept really fits.
    while display_width(&out) > max && out.chars().count() > 1 {
        let cut = out.char_indices().rev().nth(1).map(|(i, _)| i).unwrap_or(0);
        out.replace_range(cut..out.len() - '…'.len_utf8(), "");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_never_survive() {
        assert_eq!(sanitize_line("a\tb\u{1b}[31mc\r"), "a   b[31mc");
    }

    #[test]
    fn truncation_marks_the_cut() {
        assert_eq!(truncate("Essex County", 6), "Essex…");
        assert_eq!(truncate("Essex", 6), "Essex");
    }

    #[test]
    fn truncation_never_exceeds_the_width_even_for_emoji_sequences() {
        for s in ["❤️❤️❤️❤️❤️ vote", "👩‍👩‍👧 family ❤️", "a❤️b❤️c❤️"]
        {
            for max in 1..12 {
                let t = truncate(s, max);
                assert!(display_width(&t) <= max.max(1), "{s:?} at {max}: {t:?}");
            }
        }
    }
}
