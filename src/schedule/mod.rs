//! Every timed send (daily nudges, weekly recaps, a server's daily post and its weekly summary) through one
//! runner: the pure time rules (`time`), one model of a job and its nonce (`job`), and the runner that claims
//! due rows of every kind, sends each on its own, and records what happened (`runner`). Each kind keeps only
//! what is its own (what to render, where it goes, what to record): `nudges::daily`, `nudges::recap` and
//! `groups::posts`.

pub mod job;
pub mod liveness;
pub mod runner;
pub mod time;

pub use job::{nonce, Boot, Kind, Outcome, Settings};
pub use runner::{run_due, sleep_for, Outbox, Report};
