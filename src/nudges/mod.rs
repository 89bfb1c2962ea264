//! Daily practice nudges and the weekly recap by DM, at each person's own local time. When they are due is
//! `schedule::time`; the runner in `schedule` sends them.

pub mod daily;
pub mod recap;
pub mod time_input;
