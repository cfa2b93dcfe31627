//! Reading a column's values as numbers one at a time, by the rules that type a
//! column the lesson did not declare ([`crate::data::types::infer_type`]): whole
//! numbers, else decimal numbers; ID-like text (leading zeros, more than 15 digits)
//! is never a number. Shared by typing a whole column and by tallying a file for a
//! chart without building a table, so both read the same values as numbers.

use crate::data::types::parse_number;

/// What the values read so far allow the column to be.
#[derive(Debug, Clone, Copy)]
pub struct NumberReading {
    /// Values read (blank ones are not read).
    pub seen: usize,
    /// Every value so far is a whole number.
    pub all_int: bool,
    /// Every value so far is a number.
    pub all_num: bool,
    /// Every value so far is `true` or `false`.
    pub all_bool: bool,
}

impl Default for NumberReading {
    fn default() -> Self {
        NumberReading {
            seen: 0,
            all_int: true,
            all_num: true,
            all_bool: true,
        }
    }
}

impl NumberReading {
    /// Read one trimmed value that is not blank: it as a whole number and as a
    /// number, each while the column can still be one.
    #[inline]
    pub fn read(&mut self, t: &str) -> (Option<i64>, Option<f64>) {
        self.seen += 1;
        let signs = t.bytes().take_while(|b| matches!(b, b'-' | b'+')).count();
        let digits = &t[signs..];
        let id_like = (digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0."))
            || digits.len() > 15;
        let int = if self.all_int && !id_like {
            t.parse::<i64>().ok()
        } else {
            None
        };
        self.all_int &= int.is_some();
        let num = match int {
            // Exact: at most 15 digits (`-0` is read as written, as a number).
            Some(i) if i != 0 => Some(i as f64),
            _ if self.all_num && !id_like => parse_number(t),
            _ => None,
        };
        self.all_num &= num.is_some();
        if self.all_bool {
            self.all_bool = t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false");
        }
        (int, num)
    }

    /// The reading of these values followed by `later`'s, read apart (side by side).
    pub fn then(self, later: NumberReading) -> NumberReading {
        NumberReading {
            seen: self.seen + later.seen,
            all_int: self.all_int && later.all_int,
            all_num: self.all_num && later.all_num,
            all_bool: self.all_bool && later.all_bool,
        }
    }

    /// Whether the column can still be numbers or true/false.
    pub fn any_left(&self) -> bool {
        self.all_int || self.all_num || self.all_bool
    }

    /// The type a column of the values read so far is given: true/false, whole
    /// numbers, numbers, or text (also when no value was read).
    pub fn column_type(&self) -> crate::data::types::ColumnType {
        use crate::data::types::ColumnType;
        match self.seen {
            0 => ColumnType::Text,
            _ if self.all_bool => ColumnType::Boolean,
            _ if self.all_int => ColumnType::Integer,
            _ if self.all_num => ColumnType::Number,
            _ => ColumnType::Text,
        }
    }

    /// Whether the column read so far is one of numbers: some values, all numbers.
    pub fn numbers(&self) -> bool {
        self.seen > 0 && self.all_num && !self.all_bool
    }
}
