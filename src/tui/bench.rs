//! The cleaning bench: one table, the ops applied to it in order, undo and redo,
//! and the step's `expect` rules as they stand after the last op. The heavy work
//! (applying ops, checking rules) runs on the worker; this is only the state.

use crate::check::clean::RuleOutcome;
use crate::data::recipe::{Op, OpOutcome};
use polars::prelude::DataFrame;
use std::sync::Arc;

/// Which bench: a clean step's, or the free workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BenchAt {
    /// The clean step at this index.
    Step(usize),
    /// The free "clean" workspace on any table.
    Workspace,
}

/// Cleaning state for one table.
#[derive(Debug, Clone)]
pub struct Bench {
    /// The lesson table being cleaned.
    pub table: String,
    /// The table before any op.
    pub base: Arc<DataFrame>,
    /// The ops applied, in order: the recipe.
    pub ops: Vec<Op>,
    /// Ops undone, most recent last (redo takes them back).
    redo: Vec<Op>,
    /// The table after `ops`, once computed.
    pub current: Arc<DataFrame>,
    /// What each op changed (same order as `ops`), once computed.
    pub outcomes: Vec<OpOutcome>,
    /// The step's rules on `current` (empty in a free workspace).
    pub rules: Vec<RuleOutcome>,
    /// Bumped on every change, so a slow result for older ops is dropped.
    pub version: u64,
    /// Why the ops could not be applied (the table then stays as it was).
    pub error: Option<String>,
}

impl Bench {
    /// A bench on `table`, before any op.
    pub fn new(table: &str, base: Arc<DataFrame>, rules: Vec<RuleOutcome>) -> Self {
        Bench {
            table: table.to_string(),
            current: Arc::clone(&base),
            base,
            ops: Vec::new(),
            redo: Vec::new(),
            outcomes: Vec::new(),
            rules,
            version: 0,
            error: None,
        }
    }

    /// Add an op whose result is already known (from its preview).
    pub fn push_applied(&mut self, op: Op, result: DataFrame, outcome: OpOutcome) {
        self.ops.push(op);
        self.redo.clear();
        self.current = Arc::new(result);
        self.outcomes.push(outcome);
        self.version += 1;
        self.error = None;
    }

    /// Take back the last op. Returns false when there is none.
    pub fn undo(&mut self) -> bool {
        let Some(op) = self.ops.pop() else {
            return false;
        };
        self.redo.push(op);
        self.outcomes.truncate(self.ops.len());
        self.version += 1;
        true
    }

    /// Put back the last undone op. Returns false when there is none.
    pub fn redo(&mut self) -> bool {
        let Some(op) = self.redo.pop() else {
            return false;
        };
        self.ops.push(op);
        self.version += 1;
        true
    }

    /// Replace every op (e.g. with the step's solution, or a saved recipe).
    pub fn set_ops(&mut self, ops: Vec<Op>) {
        self.ops = ops;
        self.redo.clear();
        self.outcomes.clear();
        self.version += 1;
    }

    /// Whether an undone op can come back.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Take in a recomputed table for `version`; older results are dropped.
    pub fn settle(
        &mut self,
        version: u64,
        result: Result<(DataFrame, Vec<OpOutcome>), String>,
        rules: Vec<RuleOutcome>,
    ) {
        if version != self.version {
            return;
        }
        match result {
            Ok((df, outcomes)) => {
                self.current = Arc::new(df);
                self.outcomes = outcomes;
                self.error = None;
            }
            Err(e) => self.error = Some(e),
        }
        self.rules = rules;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::*;

    fn bench() -> Bench {
        let df = df!("zip" => ["2134", "02135"]).expect("frame");
        Bench::new("members", Arc::new(df), Vec::new())
    }

    fn pad() -> Op {
        Op::Pad {
            column: "zip".into(),
            width: 5,
            with: "0".into(),
        }
    }

    #[test]
    fn undo_then_redo_gives_back_the_same_recipe() {
        let mut b = bench();
        let (df, out) = crate::data::recipe::apply_op(&b.base, &pad()).expect("pad");
        b.push_applied(pad(), df, out);
        assert!(b.undo());
        assert!(b.ops.is_empty() && b.can_redo());
        assert!(b.redo());
        assert_eq!(b.ops, vec![pad()]);
        assert!(!b.redo());
    }

    #[test]
    fn a_new_op_after_undo_forgets_the_redo() {
        let mut b = bench();
        let (df, out) = crate::data::recipe::apply_op(&b.base, &pad()).expect("pad");
        b.push_applied(pad(), df.clone(), out.clone());
        b.undo();
        b.push_applied(pad(), df, out);
        assert!(!b.can_redo());
    }

    #[test]
    fn a_stale_result_is_dropped() {
        let mut b = bench();
        let v = b.version;
        b.undo();
        b.set_ops(vec![pad()]);
        let stale = df!("zip" => ["x"]).expect("frame");
        b.settle(v, Ok((stale, Vec::new())), Vec::new());
        assert_eq!(b.current.height(), 2);
    }
}
