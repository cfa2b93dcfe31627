//! SQL over registered tables lives in [`crate::sql`]; this path stays for the
//! modules that name it.

pub use crate::sql::{Catalog, SqlError, filter_rows, guard};
