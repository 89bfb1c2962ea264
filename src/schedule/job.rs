//! What every scheduled send shares: its kind, its nonce, how it ended, and the settings of the runner.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// The kinds of timed send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A person's daily practice nudge, by DM.
    Nudge,
    /// A person's weekly recap, by DM.
    Recap,
    /// A server's daily accountability post.
    GroupPost,
    /// A server's weekly summary.
    GroupSummary,
    /// Two partners' reminder at the time they set to reconnect.
    Reconnect,
    /// Two partners' reminder an hour before their weekly ritual.
    Ritual,
}

impl Kind {
    pub const ALL: [Kind; 6] =
        [Kind::Nudge, Kind::Recap, Kind::GroupPost, Kind::GroupSummary, Kind::Reconnect, Kind::Ritual];

    /// The name logs and nonces use.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Nudge => "nudge",
            Kind::Recap => "recap",
            Kind::GroupPost => "group_post",
            Kind::GroupSummary => "group_summary",
            Kind::Reconnect => "reconnect",
            Kind::Ritual => "ritual",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Kind::Nudge => 0,
            Kind::Recap => 1,
            Kind::GroupPost => 2,
            Kind::GroupSummary => 3,
            Kind::Reconnect => 4,
            Kind::Ritual => 5,
        }
    }
}

/// How one send ended, as its kind reports it to the runner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Sent and recorded; the next one is scheduled.
    Sent,
    /// Due so long ago (the bot was down) that it was skipped, not sent late; or a server's post for a day
    /// that already has one. The next one is scheduled.
    SkippedLate,
    /// Discord will not take it (DMs closed, the channel gone): the schedule stops until the person or the
    /// server's admins change something.
    Stopped,
    /// Not sent this time (Discord still failing after retries): the row stays due for the next tick.
    TryLater(String),
}

/// The same kind, key, local day and due instant always give the same nonce (at most 25 characters), so a
/// resend after a crash between sending and recording is recognised by Discord and shown once; a snoozed
/// nudge has a new due instant and so is a new message.
pub fn nonce(kind: Kind, key: u64, day: NaiveDate, due_at: DateTime<Utc>) -> String {
    // FNV-1a: small, stable across versions and platforms.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in format!("{}:{key}:{day}:{}", kind.name(), due_at.timestamp()).bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("n{hash:016x}")
}

/// This run of the bot, named in every claim it makes, so the next run can release what this one held if it
/// dies. Made once at start-up from the clock, the process id and a counter: no two runs share one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Boot(String);

impl Boot {
    pub fn new() -> Self {
        use std::sync::atomic::{AtomicU32, Ordering};
        static MADE: AtomicU32 = AtomicU32::new(0);
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        let made = MADE.fetch_add(1, Ordering::Relaxed);
        Self(format!("{:x}-{:x}-{made}", nanos, std::process::id()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Default for Boot {
    fn default() -> Self {
        Self::new()
    }
}

#[derive(Debug, Clone)]
pub struct Settings {
    /// Sends missed by more than this (downtime) are skipped, not sent late.
    pub grace: Duration,
    /// A claim older than this (a run that hung without dying) is taken again.
    pub claim_timeout: Duration,
    /// How many rows of each kind one tick takes on.
    pub batch: u32,
    /// How many sends one tick has on their way at once; the delivery's pacer keeps them within Discord's rate,
    /// and one slow answer holds up only its own send.
    pub concurrency: usize,
    pub boot: Boot,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            grace: Duration::hours(2),
            claim_timeout: Duration::minutes(5),
            batch: 500,
            concurrency: 32,
            boot: Boot::new(),
        }
    }
}
