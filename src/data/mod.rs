//! Data: importing exports, running sandboxed SQL, cleaning operations.

pub mod cell;
pub mod cluster;
pub mod code;
pub mod decode;
pub mod delimited;
pub mod export;
pub mod import;
pub mod layout;
pub mod load_progress;
pub mod mapping;
pub mod mask;
pub mod number_text;
pub mod op_spec;
pub mod parquet;
pub mod preview;
pub mod problems;
pub mod profile;
pub mod quarantine;
pub mod recipe;
pub mod recipe_file;
pub mod replay;
pub mod scan;
pub mod sheets;
pub mod sql;
pub mod types;
pub mod value_shapes;
