//! Stopping a running query: every step of the engine's plan checks, between
//! batches, whether the learner pressed Esc or the time budget ran out.
//!
//! Engines run a query as a tree of operators passing batches of rows. A long
//! aggregate over a cross join never hands control back on its own, so a timer beside
//! it would never fire. Instead each operator is wrapped in [`Interruptible`], whose
//! stream checks the flag and the clock for every batch it passes on; the first check
//! that fails ends the whole query with an error.

use super::budget::Cancel;
use datafusion::common::tree_node::TreeNodeRecursion;
use datafusion::error::{DataFusionError, Result};
use datafusion::execution::TaskContext;
use datafusion::physical_plan::stream::RecordBatchStreamAdapter;
use datafusion::physical_plan::{
    DisplayAs, DisplayFormatType, ExecutionPlan, PhysicalExpr, PlanProperties,
    SendableRecordBatchStream, replace_children_if_necessary,
};
use futures::StreamExt;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Why a query was interrupted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interrupted {
    /// Esc (or the caller) asked to stop.
    Cancelled,
    /// The time budget ran out.
    TimedOut(Duration),
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Interrupted::Cancelled => f.write_str("query cancelled"),
            Interrupted::TimedOut(d) => write!(f, "query ran past {} s", d.as_secs()),
        }
    }
}

impl std::error::Error for Interrupted {}

/// The flag and the deadline a query checks.
#[derive(Debug, Clone)]
pub struct Stop {
    cancel: Cancel,
    deadline: Instant,
    limit: Duration,
}

impl Stop {
    /// Stop when `cancel` is set or `limit` has passed from now.
    pub fn new(cancel: Cancel, limit: Duration) -> Self {
        Stop {
            cancel,
            deadline: Instant::now() + limit,
            limit,
        }
    }

    /// `Err` once the query must stop.
    pub fn check(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            return Err(DataFusionError::External(Box::new(Interrupted::Cancelled)));
        }
        if Instant::now() >= self.deadline {
            return Err(DataFusionError::External(Box::new(Interrupted::TimedOut(
                self.limit,
            ))));
        }
        Ok(())
    }
}

/// Why `e` ended a query, if it was an interruption.
pub fn interruption(e: &DataFusionError) -> Option<Interrupted> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = current {
        if let Some(i) = err.downcast_ref::<Interrupted>() {
            return Some(*i);
        }
        if let Some(DataFusionError::External(inner)) = err.downcast_ref::<DataFusionError>()
            && let Some(i) = inner.downcast_ref::<Interrupted>()
        {
            return Some(*i);
        }
        current = err.source();
    }
    None
}

/// Wrap every operator of `plan` so that it checks `stop` for each batch.
pub fn interruptible(plan: Arc<dyn ExecutionPlan>, stop: &Stop) -> Result<Arc<dyn ExecutionPlan>> {
    let children = plan
        .children()
        .into_iter()
        .map(|c| interruptible(Arc::clone(c), stop))
        .collect::<Result<Vec<_>>>()?;
    let plan = replace_children_if_necessary(plan, children)?;
    Ok(Arc::new(Interruptible {
        input: plan,
        stop: stop.clone(),
    }))
}

/// One operator of a plan, checking [`Stop`] between the batches it passes on.
#[derive(Debug)]
pub struct Interruptible {
    input: Arc<dyn ExecutionPlan>,
    stop: Stop,
}

impl DisplayAs for Interruptible {
    fn fmt_as(&self, _t: DisplayFormatType, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("Interruptible")
    }
}

impl ExecutionPlan for Interruptible {
    fn name(&self) -> &str {
        "Interruptible"
    }

    fn properties(&self) -> &Arc<PlanProperties> {
        self.input.properties()
    }

    fn children(&self) -> Vec<&Arc<dyn ExecutionPlan>> {
        vec![&self.input]
    }

    fn apply_expressions(
        &self,
        _f: &mut dyn FnMut(&Arc<dyn PhysicalExpr>) -> Result<TreeNodeRecursion>,
    ) -> Result<TreeNodeRecursion> {
        Ok(TreeNodeRecursion::Continue)
    }

    fn maintains_input_order(&self) -> Vec<bool> {
        vec![true]
    }

    fn benefits_from_input_partitioning(&self) -> Vec<bool> {
        vec![false]
    }

    fn with_new_children(
        self: Arc<Self>,
        mut children: Vec<Arc<dyn ExecutionPlan>>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        if children.len() != 1 {
            return Err(DataFusionError::Internal(
                "Interruptible has one input".into(),
            ));
        }
        Ok(Arc::new(Interruptible {
            input: children.remove(0),
            stop: self.stop.clone(),
        }))
    }

    fn execute(
        &self,
        partition: usize,
        context: Arc<TaskContext>,
    ) -> Result<SendableRecordBatchStream> {
        self.stop.check()?;
        let inner = self.input.execute(partition, context)?;
        let schema = inner.schema();
        let stop = self.stop.clone();
        let checked = inner.map(move |batch| {
            stop.check()?;
            batch
        });
        Ok(Box::pin(RecordBatchStreamAdapter::new(schema, checked)))
    }
}
