//! The Spanish table: Latin American Spanish, informal `tú`, plain words for people
//! who are not programmers. Keys stay the names of keys (`Enter`, `Esc`, `q`).

mod coach;
mod cohort;
mod engine;
mod player;
mod tools;

/// Every `(English, Spanish)` table.
pub const TABLES: [&[(&str, &str)]; 5] = [
    player::TABLE,
    tools::TABLE,
    coach::TABLE,
    cohort::TABLE,
    engine::TABLE,
];
