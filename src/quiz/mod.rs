//! The attachment-style quiz: scoring (pure), typed answers, and the conversation's rules.

pub mod result;
pub mod scoring;
pub mod typed;
