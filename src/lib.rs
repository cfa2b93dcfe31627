//! huddle: teaches data staff at organizing groups to clean and chart their own data.
//!
//! The engine (lessons, data, checks) never depends on the user interface; the CLI and
//! the player call the same functions, so `huddle check` and the tests exercise exactly
//! what a learner uses.

pub mod chart;
pub mod check;
pub mod cli;
pub mod cmd;
pub mod data;
pub mod diag;
pub mod export;
pub mod i18n;
pub mod lesson;
pub mod limits;
pub mod live;
pub mod output;
pub mod paths;
pub mod plain;
pub mod progress;
pub mod source;
pub mod sql;
pub mod text;
pub mod tui;
