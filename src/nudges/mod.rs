//! Daily practice nudges by DM at each person's own local time.

pub mod recap;
pub mod schedule;
pub mod tick;
pub mod time_input;
