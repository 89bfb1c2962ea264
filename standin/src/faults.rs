use regex::Regex;

/// A failure the stand-in answers with instead of handling a matching request, or a delay before handling it.
#[derive(Clone, Debug)]
pub struct Fault {
    /// HTTP method to match (case-insensitive); `None` matches any method.
    pub method: Option<String>,
    /// Matched against the path without `/api/v10`, e.g. `^/channels/\d+/messages$`.
    pub path: Regex,
    /// How many matching requests get the fault; each one consumes one.
    pub times: usize,
    pub kind: FaultKind,
    /// Only every `every`-th matching request gets the fault (1: each one), to spread failures through a run.
    pub every: usize,
    /// Matching requests seen so far, for `every`.
    pub(crate) seen: usize,
}

#[derive(Clone, Debug)]
pub enum FaultKind {
    /// 429 with Discord's body and rate-limit headers.
    RateLimited { retry_after_secs: f64, global: bool },
    /// A bare 5xx (Discord's edge sends these without a JSON error code).
    ServerError(u16),
    /// A Discord JSON error, e.g. 403 / 50007 "Cannot send messages to this user".
    DiscordError { status: u16, code: u32, message: String },
    /// Answers as usual, but only after this many milliseconds: a slow network or a busy Discord.
    Slow { millis: u64 },
}

impl Fault {
    /// A fault for `times` requests of any method whose path matches `path`.
    ///
    /// # Panics
    /// If `path` is not a valid regex (a test bug).
    pub fn new(path: &str, times: usize, kind: FaultKind) -> Self {
        Fault {
            method: None,
            path: Regex::new(path).expect("fault path must be a valid regex"),
            times,
            kind,
            every: 1,
            seen: 0,
        }
    }

    /// Applies the fault to every `n`-th matching request only (`n` of 10 fails one in ten).
    pub fn every(mut self, n: usize) -> Self {
        self.every = n.max(1);
        self
    }

    /// Restricts the fault to one HTTP method.
    pub fn method(mut self, method: &str) -> Self {
        self.method = Some(method.to_ascii_uppercase());
        self
    }

    pub(crate) fn matches(&self, method: &str, path: &str) -> bool {
        self.times > 0
            && self.method.as_ref().is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.is_match(path)
    }
}
