use std::fmt;

/// Errors the stand-in reports to a test.
#[derive(Debug, thiserror::Error)]
pub enum StandInError {
    #[error("could not bind the stand-in's sockets: {0}")]
    Bind(#[from] std::io::Error),
    #[error("{0}")]
    Spec(String),
    #[error("timed out: {0}")]
    Timeout(String),
    #[error("{0}")]
    Interaction(String),
}

impl StandInError {
    pub(crate) fn timeout(what: impl fmt::Display) -> Self {
        StandInError::Timeout(what.to_string())
    }
}
