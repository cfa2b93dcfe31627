//! Data: importing exports, running sandboxed SQL, cleaning operations.

pub mod cell;
pub mod code;
pub mod decode;
pub mod import;
pub mod mask;
pub mod op_spec;
pub mod problems;
pub mod profile;
pub mod recipe;
pub mod recipe_file;
pub mod replay;
pub mod scan;
pub mod sql;
pub mod types;
