//! What leaves the terminal: charts as pictures for a report or a slide, and a
//! lesson's run as one HTML page for the meeting.

pub mod picture;
pub mod report;
