use std::time::Instant;

use serde_json::Value;

/// A file part of a multipart request, as Discord would have received it.
#[derive(Clone, Debug)]
pub struct RecordedFile {
    /// The form field name, e.g. `files[0]`.
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub size: usize,
    /// The file itself, so a test can read what a person would download.
    pub bytes: Vec<u8>,
}

/// One HTTP request the bot made, with the stand-in's answer.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    pub method: String,
    /// The path without the `/api/v10` prefix, e.g. `/channels/1/messages`.
    pub path: String,
    pub query: Option<String>,
    /// The JSON body, or the `payload_json` part of a multipart body.
    pub body: Option<Value>,
    pub files: Vec<RecordedFile>,
    pub status: u16,
    pub validation_errors: Vec<String>,
    /// The operationId of the matching operation in Discord's OpenAPI spec, if any.
    pub operation: Option<String>,
    pub at: Instant,
}
