//! Lessons: the TOML format, loading with diagnostics, courses, and `huddle check`.

pub mod course;
pub mod load;
pub mod model;
pub mod own_tables;
pub mod schema;
pub mod spans;
pub mod spec;
pub mod stage;
pub mod translation;
pub mod validate;
pub mod watch;
