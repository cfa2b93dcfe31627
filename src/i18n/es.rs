//! The Spanish table: Latin American Spanish, informal `tú`, plain words for people
//! who are not programmers. Keys stay the names of keys (`Enter`, `Esc`, `q`).

mod coach;
mod cohort;
mod engine;
mod import_errors;
mod live;
mod plain;
mod player;
mod reading;
mod safety;
mod session;
mod sql;
mod tools;

/// Every `(English, Spanish)` table.
pub const TABLES: [&[(&str, &str)]; 12] = [
    player::TABLE,
    tools::TABLE,
    coach::TABLE,
    cohort::TABLE,
    safety::TABLE,
    session::TABLE,
    reading::TABLE,
    import_errors::TABLE,
    engine::TABLE,
    sql::TABLE,
    live::TABLE,
    plain::TABLE,
];
