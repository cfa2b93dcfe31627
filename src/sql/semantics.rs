//! Where the engine's answer would differ from a warehouse's, huddle follows the
//! warehouse (Postgres, which Redshift and BigQuery agree with here):
//!
//! - `2 ^ 3` is a power (8), not a bitwise XOR;
//! - comparing text with a number (`zip > 2000`) is refused, not quietly cast;
//! - `CAST(3.7 AS INTEGER)` rounds (4), it does not truncate.

use datafusion::arrow::datatypes::DataType;
use datafusion::common::tree_node::{Transformed, TreeNode, TreeNodeRecursion};
use datafusion::common::{DFSchema, DataFusionError, Result};
use datafusion::logical_expr::{Cast, Expr, ExprSchemable, LogicalPlan, Operator};
use sqlparser::ast::{BinaryOperator, Expr as SqlExpr, Statement, VisitMut, VisitorMut};
use sqlparser::dialect::GenericDialect;
use sqlparser::parser::Parser;
use std::ops::ControlFlow;

/// Rewrite `a ^ b` as `power(a, b)`.
pub fn rewrite_ast(statement: &mut Statement) {
    struct Power;
    impl VisitorMut for Power {
        type Break = ();
        fn post_visit_expr(&mut self, expr: &mut SqlExpr) -> ControlFlow<()> {
            if let SqlExpr::BinaryOp {
                left,
                op: BinaryOperator::BitwiseXor | BinaryOperator::PGExp,
                right,
            } = expr
            {
                let text = format!("power({left}, {right})");
                if let Ok(call) = Parser::new(&GenericDialect {})
                    .try_with_sql(&text)
                    .and_then(|mut p| p.parse_expr())
                {
                    *expr = call;
                }
            }
            ControlFlow::Continue(())
        }
    }
    let _ = statement.visit(&mut Power);
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

fn is_number_or_date(t: &DataType) -> bool {
    t.is_numeric()
        || matches!(
            t,
            DataType::Date32 | DataType::Date64 | DataType::Timestamp(..)
        )
}

fn is_date(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Date32 | DataType::Date64 | DataType::Timestamp(..)
    )
}

/// Text functions a warehouse refuses on a number or a date.
const TEXT_FUNCTIONS: &[&str] = &[
    "length",
    "char_length",
    "character_length",
    "upper",
    "lower",
    "trim",
    "btrim",
    "ltrim",
    "rtrim",
    "left",
    "right",
    "reverse",
    "strpos",
    "substr",
    "substring",
    "split_part",
    "initcap",
    "replace",
    "lpad",
    "rpad",
    "starts_with",
    "ends_with",
];

/// The start of the planning error for a text function given a number.
pub const TEXT_FUNCTION_ON_NUMBER: &str = "huddle: text function on a number: ";

fn is_comparison(op: &Operator) -> bool {
    matches!(
        op,
        Operator::Eq
            | Operator::NotEq
            | Operator::Lt
            | Operator::LtEq
            | Operator::Gt
            | Operator::GtEq
    )
}

/// The input columns a plan node's expressions see.
fn input_schema(node: &LogicalPlan) -> DFSchema {
    let mut schema = DFSchema::empty();
    for input in node.inputs() {
        schema.merge(input.schema());
    }
    schema
}

/// Refuse a comparison of a text column with a number or date, which a warehouse
/// refuses too. The error reads like the engine's own coercion error, which
/// [`super::explain`] puts in words.
pub fn check_plan(plan: &LogicalPlan) -> Result<()> {
    let mut found: Option<String> = None;
    let mut text_function: Option<String> = None;
    plan.apply_with_subqueries(|node| {
        let schema = input_schema(node);
        node.apply_expressions(|e| {
            e.apply(|x| {
                if let Expr::BinaryExpr(b) = x
                    && is_comparison(&b.op)
                    && let (Ok(l), Ok(r)) = (b.left.get_type(&schema), b.right.get_type(&schema))
                    && ((is_text(&l) && is_number_or_date(&r)) || (is_number_or_date(&l) && is_text(&r)))
                    // A literal like '2024-01-01' compared with a date is fine.
                    && !matches!((&*b.left, &*b.right), (Expr::Literal(..), _) | (_, Expr::Literal(..)) if is_text(&l) != is_text(&r) && literal_is_text(&b.left, &b.right))
                {
                    found = Some(format!("{l} {} {r}", b.op));
                    return Ok(TreeNodeRecursion::Stop);
                }
                if let Expr::BinaryExpr(b) = x
                    && is_comparison(&b.op)
                    && let (Ok(l), Ok(r)) = (b.left.get_type(&schema), b.right.get_type(&schema))
                    && ((is_date(&l) && r.is_numeric()) || (l.is_numeric() && is_date(&r)))
                {
                    found = Some(format!("{l} {} {r}", b.op));
                    return Ok(TreeNodeRecursion::Stop);
                }
                if let Expr::ScalarFunction(f) = x
                    && TEXT_FUNCTIONS.contains(&f.name())
                    && let Some(first) = f.args.first()
                    && first.get_type(&schema).is_ok_and(|t| is_number_or_date(&t))
                {
                    text_function = Some(f.name().to_string());
                    return Ok(TreeNodeRecursion::Stop);
                }
                Ok(TreeNodeRecursion::Continue)
            })
        })
    })?;
    if let Some(name) = text_function {
        return Err(DataFusionError::Plan(format!(
            "{TEXT_FUNCTION_ON_NUMBER}{name}"
        )));
    }
    match found {
        Some(what) => Err(DataFusionError::Plan(format!(
            "There isn't a common type to coerce {what} in a comparison"
        ))),
        None => Ok(()),
    }
}

/// Whether the literal side of a text-vs-other comparison is the text side
/// (`joined > '2024-01-01'`), which warehouses read as a date.
fn literal_is_text(left: &Expr, right: &Expr) -> bool {
    let lit_text = |e: &Expr| matches!(e, Expr::Literal(v, _) if is_text(&v.data_type()));
    lit_text(left) || lit_text(right)
}

/// `CAST(x AS INTEGER)` of a fractional number rounds, as in Postgres.
pub fn round_casts(plan: LogicalPlan) -> Result<LogicalPlan> {
    plan.transform_up_with_subqueries(|node| {
        let schema = input_schema(&node);
        node.map_expressions(|e| {
            e.transform_up(|x| match x {
                Expr::Cast(Cast { expr, field })
                    if field.data_type().is_integer()
                        && expr.get_type(&schema).is_ok_and(|t| {
                            t.is_floating()
                                || matches!(t, DataType::Decimal128(..) | DataType::Decimal256(..))
                        }) =>
                {
                    let rounded = datafusion::functions::math::expr_fn::round(vec![*expr]);
                    Ok(Transformed::yes(Expr::Cast(Cast::new_from_field(
                        Box::new(rounded),
                        field,
                    ))))
                }
                other => Ok(Transformed::no(other)),
            })
        })
    })
    .map(|t| t.data)
}
