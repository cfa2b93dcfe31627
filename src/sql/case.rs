//! Column and table names match without regard to case, as learners expect.
//!
//! The engine folds unquoted names to lower case, as Postgres does. An export's
//! columns keep their own case (`Amount`, `HomePhone`), so `amount` would not find
//! `Amount`. Before planning, an unquoted name that matches a registered column or
//! table in another case, and only one, is written as that exact, quoted name.

use sqlparser::ast::Statement;
use sqlparser::ast::{Expr, Ident, ObjectNamePart, TableFactor, VisitMut, VisitorMut};
use std::collections::HashMap;
use std::ops::ControlFlow;

/// Write unquoted names that match a registered name in another case as that name.
pub fn fold_case(statement: &mut Statement, names: &[String]) {
    let mut by_lower: HashMap<String, Vec<&str>> = HashMap::new();
    for n in names {
        if n.chars().any(|c| c.is_uppercase()) {
            by_lower.entry(n.to_lowercase()).or_default().push(n);
        }
    }
    if by_lower.is_empty() {
        return;
    }
    // A name that exists in lower case too stays as the engine folds it.
    for n in names {
        if !n.chars().any(|c| c.is_uppercase()) {
            by_lower.remove(n.as_str());
        }
    }
    let mut folder = Folder { by_lower };
    let _ = statement.visit(&mut folder);
}

struct Folder<'a> {
    by_lower: HashMap<String, Vec<&'a str>>,
}

impl Folder<'_> {
    fn fix(&self, ident: &mut Ident) {
        if ident.quote_style.is_some() {
            return;
        }
        if let Some([exact]) = self
            .by_lower
            .get(&ident.value.to_lowercase())
            .map(Vec::as_slice)
        {
            ident.value = exact.to_string();
            ident.quote_style = Some('"');
        }
    }
}

impl VisitorMut for Folder<'_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<()> {
        match expr {
            Expr::Identifier(i) => self.fix(i),
            Expr::CompoundIdentifier(parts) => parts.iter_mut().for_each(|p| self.fix(p)),
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &mut TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table { name, .. } = factor {
            for part in &mut name.0 {
                if let ObjectNamePart::Identifier(i) = part {
                    self.fix(i);
                }
            }
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::GenericDialect;
    use sqlparser::parser::Parser;

    #[test]
    fn names_in_another_case_find_the_column() {
        let mut s = Parser::parse_sql(
            &GenericDialect {},
            "SELECT amount, t.homephone, zip FROM gifts t WHERE Amount > 1",
        )
        .unwrap()
        .remove(0);
        fold_case(&mut s, &["Amount".into(), "HomePhone".into(), "zip".into()]);
        assert_eq!(
            s.to_string(),
            "SELECT \"Amount\", t.\"HomePhone\", zip FROM gifts t WHERE \"Amount\" > 1"
        );
    }
}
