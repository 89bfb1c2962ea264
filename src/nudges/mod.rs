//! Daily practice nudges and the weekly recap by DM, at each person's own local time. When they are due is
//! `schedule::time`; the runner in `schedule` sends them.

pub mod daily;
pub mod recap;
pub mod time_input;

/// Why nudges stopped by themselves; the person is told at their next command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// Discord would not deliver a DM: the person closed them, or shares no server with the bot any more.
    DmClosed,
}
