//! Tables cross between polars (import, cleaning, charts) and the SQL engine through
//! the Arrow C Data Interface: the buffers are shared, not copied.
//!
//! Both sides are Arrow: polars' `polars-arrow` and the engine's `arrow-rs`. The C
//! structs they exchange are the same `#[repr(C)]` layout from the Arrow specification,
//! so one side's exported struct is the other side's import.

use arrow::array::{Array, ArrayRef, StringBuilder, make_array, new_empty_array};
use arrow::datatypes::{DataType, Field, Schema};
use arrow::ffi::{FFI_ArrowArray, FFI_ArrowSchema, from_ffi, to_ffi};
use arrow::record_batch::RecordBatch;
use arrow::util::display::{ArrayFormatter, FormatOptions};
use polars::prelude::{CompatLevel, DataFrame, PlSmallStr, Series};
use std::sync::Arc;

/// A conversion that failed; the text is for a developer, callers add plain words.
#[derive(Debug)]
pub struct BridgeError(pub String);

impl std::fmt::Display for BridgeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

fn err(e: impl std::fmt::Display) -> BridgeError {
    BridgeError(e.to_string())
}

/// A polars table as one Arrow record batch (all of its rows).
pub fn to_record_batch(df: &DataFrame) -> Result<RecordBatch, BridgeError> {
    let mut fields = Vec::with_capacity(df.width());
    let mut arrays = Vec::with_capacity(df.width());
    for column in df.columns() {
        let series = column.as_materialized_series().rechunk();
        let (field, array) = series_to_arrow(&series)?;
        fields.push(field);
        arrays.push(array);
    }
    let schema = Arc::new(Schema::new(fields));
    let options = arrow::record_batch::RecordBatchOptions::new().with_row_count(Some(df.height()));
    RecordBatch::try_new_with_options(schema, arrays, &options).map_err(err)
}

fn series_to_arrow(series: &Series) -> Result<(Field, ArrayRef), BridgeError> {
    let level = CompatLevel::newest();
    let mut pl_field = series.field().to_arrow(level);
    // The C interface carries names as C strings, and polars' export panics on one
    // holding a NUL (a recipe can make such a name): the name goes around it.
    pl_field.name = PlSmallStr::from_static("c");
    let c_schema = polars_arrow::ffi::export_field_to_c(&pl_field);
    // SAFETY: both types are the Arrow C Data Interface's ArrowSchema, `#[repr(C)]`
    // with the same fields; ownership (and the release callback) moves across.
    let c_schema: FFI_ArrowSchema = unsafe { std::mem::transmute(c_schema) };
    let field = Field::try_from(&c_schema)
        .map_err(err)?
        .with_name(series.name().as_str());
    if series.is_empty() || series.chunks().is_empty() {
        return Ok((field.clone(), new_empty_array(field.data_type())));
    }
    let pl_array = series.to_arrow(0, level);
    let c_array = polars_arrow::ffi::export_array_to_c(pl_array);
    // SAFETY: as above, for ArrowArray.
    let c_array: FFI_ArrowArray = unsafe { std::mem::transmute(c_array) };
    // SAFETY: the array and schema were exported together from one polars array.
    let data = unsafe { from_ffi(c_array, &c_schema) }.map_err(err)?;
    Ok((field, make_array(data)))
}

/// Engine results as one polars table. Types polars does not hold here (decimals,
/// small integers, intervals, lists) become the nearest type it does, or text.
/// `names` are the result's column names, one per field of `schema`.
pub fn to_data_frame(
    schema: &Schema,
    batches: &[RecordBatch],
    names: &[String],
) -> Result<DataFrame, BridgeError> {
    let mut columns = Vec::with_capacity(schema.fields().len());
    for (i, field) in schema.fields().iter().enumerate() {
        let mut chunks = Vec::with_capacity(batches.len());
        for batch in batches {
            chunks.push(polars_friendly(batch.column(i))?);
        }
        let array = match chunks.len() {
            0 => polars_friendly(&new_empty_array(field.data_type()))?,
            1 => chunks.remove(0),
            _ => {
                let refs: Vec<&dyn Array> = chunks.iter().map(|a| a.as_ref()).collect();
                arrow::compute::concat(&refs).map_err(err)?
            }
        };
        let name = names.get(i).unwrap_or(field.name());
        columns.push(arrow_to_series(name, &array)?.into());
    }
    let height = batches.iter().map(RecordBatch::num_rows).sum();
    DataFrame::new(height, columns).map_err(err)
}

fn arrow_to_series(name: &str, array: &ArrayRef) -> Result<Series, BridgeError> {
    let (c_array, c_schema) = to_ffi(&array.to_data()).map_err(err)?;
    // SAFETY: the same C structs, in the other direction.
    let c_array: polars_arrow::ffi::ArrowArray = unsafe { std::mem::transmute(c_array) };
    let c_schema: polars_arrow::ffi::ArrowSchema = unsafe { std::mem::transmute(c_schema) };
    // SAFETY: exported together just above by arrow-rs.
    let field = unsafe { polars_arrow::ffi::import_field_from_c(&c_schema) }.map_err(err)?;
    let imported =
        unsafe { polars_arrow::ffi::import_array_from_c(c_array, field.dtype().clone()) }
            .map_err(err)?;
    Series::from_arrow(PlSmallStr::from(name), imported).map_err(err)
}

/// Cast an engine array to a type this build of polars reads.
fn polars_friendly(array: &ArrayRef) -> Result<ArrayRef, BridgeError> {
    use DataType::*;
    let cast_to = |t: DataType| arrow::compute::cast(array, &t).map_err(err);
    match array.data_type() {
        Boolean | Int32 | Int64 | UInt32 | UInt64 | Float32 | Float64 | Utf8 | LargeUtf8
        | Utf8View | Date32 | Null => Ok(array.clone()),
        Timestamp(unit, None) => Ok(match unit {
            arrow::datatypes::TimeUnit::Second => {
                cast_to(Timestamp(arrow::datatypes::TimeUnit::Millisecond, None))?
            }
            _ => array.clone(),
        }),
        Timestamp(unit, Some(_)) => cast_to(Timestamp(*unit, None)),
        Int8 | Int16 | UInt8 | UInt16 => cast_to(Int64),
        Float16 | Decimal32(..) | Decimal64(..) | Decimal128(..) | Decimal256(..) => {
            cast_to(Float64)
        }
        Date64 => cast_to(Date32),
        Dictionary(_, value) => {
            let plain = arrow::compute::cast(array, value).map_err(err)?;
            polars_friendly(&plain)
        }
        _ => as_text(array),
    }
}

/// Any array as its display text (intervals as `3 days`, lists as `[1, 2]`).
fn as_text(array: &ArrayRef) -> Result<ArrayRef, BridgeError> {
    let options = FormatOptions::default();
    let formatter = ArrayFormatter::try_new(array.as_ref(), &options).map_err(err)?;
    let mut out = StringBuilder::with_capacity(array.len(), array.len() * 8);
    for i in 0..array.len() {
        if array.is_null(i) {
            out.append_null();
        } else {
            out.append_value(formatter.value(i).to_string());
        }
    }
    Ok(Arc::new(out.finish()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use polars::prelude::{DataType as PlType, NamedFrom};

    #[test]
    fn a_table_survives_the_round_trip_with_its_types() {
        let dates = Series::new("d".into(), &["2024-01-31", "2024-02-29"])
            .cast(&PlType::Date)
            .unwrap();
        let df = DataFrame::new_infer_height(vec![
            Series::new("zip".into(), &["02134", "01001"]).into(),
            Series::new("n".into(), &[Some(1i64), None]).into(),
            Series::new("x".into(), &[1.5f64, -2.25]).into(),
            Series::new("ok".into(), &[true, false]).into(),
            dates.into(),
        ])
        .unwrap();
        let batch = to_record_batch(&df).unwrap();
        assert_eq!(batch.num_rows(), 2);
        let names: Vec<String> = df
            .get_column_names()
            .iter()
            .map(|n| n.to_string())
            .collect();
        let back = to_data_frame(&batch.schema(), &[batch], &names).unwrap();
        assert!(back.equals_missing(&df), "{back}");
    }

    #[test]
    fn an_empty_table_keeps_its_columns() {
        let df = DataFrame::new_infer_height(vec![
            Series::new_empty("a".into(), &PlType::String).into(),
        ])
        .unwrap();
        let batch = to_record_batch(&df).unwrap();
        let back = to_data_frame(&batch.schema(), &[], &["a".to_string()]).unwrap();
        assert_eq!(back.get_column_names(), ["a"]);
        assert_eq!(back.height(), 0);
    }

    #[test]
    fn a_column_name_holding_a_nul_crosses_without_a_panic() {
        // Found by the fuzzer: a recipe's `split` named a column "fi\0rst".
        let df =
            DataFrame::new_infer_height(vec![Series::new("fi\0rst".into(), &["a", "b"]).into()])
                .unwrap();
        let batch = to_record_batch(&df).unwrap();
        assert_eq!(batch.schema().field(0).name(), "fi\0rst");
        let back = to_data_frame(&batch.schema(), &[batch], &["fi\0rst".to_string()]).unwrap();
        assert!(back.equals_missing(&df), "{back}");
    }
}
