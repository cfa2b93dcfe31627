//! The SQL engine behind a small trait, so another (DuckDB, a warehouse) can stand in.
//!
//! The one engine today is Apache DataFusion (docs/sql-engine.md). Each query runs on a
//! thread of its own with a large stack, in a fresh session that knows only the
//! registered tables: no files, no URLs, no settings, no writes. The guarded syntax
//! tree itself is planned, so what was checked is exactly what runs.

use super::bridge::to_data_frame;
use super::budget::{Budget, Cancel};
use super::correlated;
use super::explain::EngineFailure;
use super::interrupt::{Interrupted, Stop, interruptible, interruption};
use super::names::{name_by_text, name_unnamed_items, output_names};
use super::semantics;
use arrow::datatypes::Schema;
use arrow::record_batch::RecordBatch;
use datafusion::catalog::MemTable;
use datafusion::common::TableReference;
use datafusion::common::config::Dialect;
use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::execute_stream;
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion::sql::parser::Statement as DfStatement;
use futures::StreamExt;
use polars::prelude::DataFrame;
use sqlparser::ast::Statement;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::time::Duration;

/// The registered tables as the engine sees them: a name and all of its rows.
pub type EngineTables = [(String, RecordBatch)];

/// Runs one already guarded query over tables.
pub trait SqlEngine: Send + Sync {
    /// Run `statement` (already parsed and guarded) within `budget`; `cancel` stops it.
    fn run(
        &self,
        tables: &EngineTables,
        statement: Statement,
        budget: &Budget,
        cancel: &Cancel,
    ) -> Result<DataFrame, EngineFailure>;
}

/// Apache DataFusion, in memory.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataFusion;

/// Stack for the query thread: parsing and planning recurse over the query.
const QUERY_STACK: usize = 256 << 20;

impl SqlEngine for DataFusion {
    fn run(
        &self,
        tables: &EngineTables,
        statement: Statement,
        budget: &Budget,
        cancel: &Cancel,
    ) -> Result<DataFrame, EngineFailure> {
        let tables: Vec<(String, RecordBatch)> = tables.to_vec();
        let table_names: Vec<String> = tables.iter().map(|(n, _)| n.clone()).collect();
        let budget = *budget;
        let cancel = cancel.clone();
        let work = move || {
            catch_unwind(AssertUnwindSafe(|| {
                run_blocking(&tables, statement, &budget, &cancel)
            }))
            .unwrap_or(Err(EngineFailure::Panicked))
        };
        let outcome = std::thread::Builder::new()
            .name("huddle-sql".into())
            .stack_size(QUERY_STACK)
            .spawn(work)
            .map_err(|e| EngineFailure::Other(e.to_string()))
            .and_then(|h| h.join().unwrap_or(Err(EngineFailure::Panicked)));
        let (schema, batches) = outcome?;
        let engine_names: Vec<String> = schema.fields().iter().map(|f| f.name().clone()).collect();
        let refs: Vec<&str> = table_names.iter().map(String::as_str).collect();
        let names = output_names(&engine_names, &refs);
        to_data_frame(&schema, &batches, &names).map_err(|e| EngineFailure::Other(e.to_string()))
    }
}

type Output = (Schema, Vec<RecordBatch>);

fn run_blocking(
    tables: &[(String, RecordBatch)],
    statement: Statement,
    budget: &Budget,
    cancel: &Cancel,
) -> Result<Output, EngineFailure> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_time()
        .build()
        .map_err(|e| EngineFailure::Other(e.to_string()))?;
    let stop = Stop::new(cancel.clone(), budget.time);
    runtime.block_on(async {
        // Operators check `stop` between batches; the timers cover planning and any
        // wait in between.
        let watch = async {
            loop {
                tokio::time::sleep(Duration::from_millis(25)).await;
                if cancel.is_cancelled() {
                    return;
                }
            }
        };
        tokio::select! {
            r = run_async(tables, statement, budget, &stop) => r,
            () = watch => Err(EngineFailure::Cancelled),
            () = tokio::time::sleep(budget.time) => Err(EngineFailure::TimedOut(budget.time)),
        }
    })
}

fn session(budget: &Budget) -> Result<SessionContext, EngineFailure> {
    let runtime = RuntimeEnvBuilder::new()
        .with_memory_limit(budget.memory, 1.0)
        .with_disk_manager_builder(
            DiskManagerBuilder::default().with_mode(DiskManagerMode::Disabled),
        )
        .build_arc()
        .map_err(engine_failure)?;
    let mut config = SessionConfig::new()
        .with_target_partitions(1)
        .with_information_schema(false);
    config.options_mut().sql_parser.dialect = Dialect::PostgreSQL;
    config.options_mut().sql_parser.collect_spans = true;
    // `1.005` is an exact decimal, as in Postgres: ROUND(1.005, 2) is 1.01.
    config.options_mut().sql_parser.parse_float_as_decimal = true;
    let ctx = SessionContext::new_with_config_rt(config, runtime);
    // DuckDB's STRFTIME(date, format), which lessons use, is DataFusion's to_char.
    let strftime = datafusion::functions::datetime::to_char()
        .as_ref()
        .clone()
        .with_aliases(["strftime"]);
    ctx.register_udf(strftime);
    Ok(ctx)
}

async fn run_async(
    tables: &[(String, RecordBatch)],
    mut statement: Statement,
    budget: &Budget,
    stop: &Stop,
) -> Result<Output, EngineFailure> {
    let ctx = session(budget)?;
    for (name, batch) in tables {
        ctx.register_table(TableReference::bare(name.as_str()), mem_table(batch)?)
            .map_err(engine_failure)?;
    }
    name_unnamed_items(&mut statement);
    semantics::rewrite_ast(&mut statement);
    let mut first = physical_plan(&ctx, statement.clone()).await;
    if let Err(e) = &first
        && e.to_string()
            .contains("Projections require unique expression names")
    {
        name_by_text(&mut statement);
        first = physical_plan(&ctx, statement.clone()).await;
    }
    let (schema, physical) = match first {
        Ok(p) => p,
        Err(e) if correlated::is_unsupported_subquery(&e.to_string()) => {
            match row_by_row(&ctx, &statement, tables, budget, stop).await {
                Some(Ok(p)) => p,
                Some(Err(f)) => return Err(f),
                None => return Err(engine_failure(e)),
            }
        }
        Err(e) => return Err(engine_failure(e)),
    };
    let batches = collect(&ctx, physical, budget, stop).await?;
    Ok((schema, batches))
}

fn mem_table(batch: &RecordBatch) -> Result<Arc<MemTable>, EngineFailure> {
    MemTable::try_new(batch.schema(), vec![vec![batch.clone()]])
        .map(Arc::new)
        .map_err(engine_failure)
}

/// Plan a guarded statement: logical plan, the read-only check, physical plan.
async fn physical_plan(
    ctx: &SessionContext,
    statement: Statement,
) -> datafusion::error::Result<(Schema, Arc<dyn ExecutionPlan>)> {
    let plan = ctx
        .state()
        .statement_to_plan(DfStatement::Statement(Box::new(statement)))
        .await?;
    semantics::check_plan(&plan)?;
    let plan = semantics::round_casts(plan)?;
    datafusion::execution::context::SQLOptions::new()
        .with_allow_ddl(false)
        .with_allow_dml(false)
        .with_allow_statements(false)
        .verify_plan(&plan)?;
    let frame = ctx.execute_logical_plan(plan).await?;
    let schema = frame.schema().as_arrow().clone();
    let physical = frame.create_physical_plan().await?;
    Ok((schema, physical))
}

/// Run a plan to the end within the budget, stopping when asked.
async fn collect(
    ctx: &SessionContext,
    physical: Arc<dyn ExecutionPlan>,
    budget: &Budget,
    stop: &Stop,
) -> Result<Vec<RecordBatch>, EngineFailure> {
    let physical = interruptible(physical, stop).map_err(engine_failure)?;
    let mut stream = execute_stream(physical, ctx.task_ctx()).map_err(engine_failure)?;
    let (mut rows, mut bytes) = (0usize, 0usize);
    let mut batches = Vec::new();
    while let Some(batch) = stream.next().await {
        let batch = batch.map_err(engine_failure)?;
        rows += batch.num_rows();
        bytes += batch.get_array_memory_size();
        if rows > budget.rows {
            return Err(EngineFailure::TooManyRows(budget.rows));
        }
        if bytes > budget.memory {
            return Err(EngineFailure::TooMuchMemory(budget.memory));
        }
        batches.push(batch);
    }
    Ok(batches)
}

/// The [`correlated`] fallback: `None` when it does not apply (the caller reports
/// the engine's own error), a budget failure as it is.
async fn row_by_row(
    ctx: &SessionContext,
    statement: &Statement,
    tables: &[(String, RecordBatch)],
    budget: &Budget,
    stop: &Stop,
) -> Option<Result<(Schema, Arc<dyn ExecutionPlan>), EngineFailure>> {
    let plan = correlated::plan(statement, tables)?;
    let mut results = Vec::with_capacity(plan.queries.len());
    for sql in &plan.queries {
        let mut parsed = super::guard::parse(sql).ok()?;
        let (_, physical) = physical_plan(ctx, parsed.pop()?).await.ok()?;
        match collect(ctx, physical, budget, stop).await {
            Ok(batches) => results.push(batches),
            Err(
                f @ (EngineFailure::Cancelled
                | EngineFailure::TimedOut(_)
                | EngineFailure::TooManyRows(_)
                | EngineFailure::TooMuchMemory(_)),
            ) => return Some(Err(f)),
            Err(_) => return None,
        }
    }
    let (augmented, rewritten) = plan.finish(tables, results)?;
    ctx.register_table(
        TableReference::bare(correlated::OUTER),
        mem_table(&augmented).ok()?,
    )
    .ok()?;
    physical_plan(ctx, rewritten).await.ok().map(Ok)
}

/// A DataFusion error as its message and, when DataFusion knows it, its place.
fn engine_failure(e: datafusion::error::DataFusionError) -> EngineFailure {
    match interruption(&e) {
        Some(Interrupted::Cancelled) => return EngineFailure::Cancelled,
        Some(Interrupted::TimedOut(d)) => return EngineFailure::TimedOut(d),
        None => {}
    }
    let at = e
        .diagnostic()
        .and_then(|d| d.span)
        .filter(|s| s.start.line > 0)
        .map(|s| (s.start.line as usize, s.start.column as usize));
    EngineFailure::Engine {
        raw: e.to_string(),
        at,
    }
}
