//! What leaves the terminal: charts as pictures for a report or a slide.

pub mod picture;
