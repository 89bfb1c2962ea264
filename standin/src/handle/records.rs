//! What the stand-in recorded: the bot's requests and their validation failures, DM message
//! counts and registered commands, and forgetting history during long runs.

use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;

use super::StandIn;
use crate::payloads;
use crate::record::RecordedRequest;

impl StandIn {
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.lock().requests.clone()
    }

    /// Requests whose method equals `method` (any if empty) and whose path matches the regex.
    ///
    /// # Panics
    /// If `path_regex` is not a valid regex (a test bug).
    pub fn requests_matching(&self, method: &str, path_regex: &str) -> Vec<RecordedRequest> {
        let re = Regex::new(path_regex).expect("requests_matching needs a valid regex");
        self.requests()
            .into_iter()
            .filter(|r| method.is_empty() || r.method.eq_ignore_ascii_case(method))
            .filter(|r| re.is_match(&r.path))
            .collect()
    }

    /// How many requests match, by status, without copying them: for load tests with many requests.
    pub fn count_statuses(&self, method: &str, path_regex: &str) -> std::collections::BTreeMap<u16, usize> {
        let re = Regex::new(path_regex).expect("count_statuses needs a valid regex");
        let mut counts = std::collections::BTreeMap::new();
        for r in self.shared.lock().requests.iter() {
            if (method.is_empty() || r.method.eq_ignore_ascii_case(method)) && re.is_match(&r.path) {
                *counts.entry(r.status).or_insert(0) += 1;
            }
        }
        counts
    }

    /// Denies @everyone (and so the bot, which has no other role) these permission bits in a channel.
    pub fn deny_in_channel(&self, guild_id: u64, channel_id: u64, bits: u64) {
        let overwrite = serde_json::json!({"id": guild_id.to_string(), "type": 0, "allow": "0", "deny": bits.to_string()});
        self.shared.lock().overwrites.entry(channel_id).or_default().push(overwrite);
    }

    /// Deletes a channel: later requests to it answer 10003 Unknown Channel.
    pub fn delete_channel(&self, channel_id: u64) {
        self.shared.lock().deleted_channels.insert(channel_id);
    }

    /// How many messages each DM channel holds, for checking a bulk send had no duplicates and no misses.
    pub fn dm_message_counts(&self) -> HashMap<u64, usize> {
        let data = self.shared.lock();
        let mut counts = HashMap::new();
        for m in data.messages.values() {
            if let Some(user) =
                payloads::id_of(m.get("channel_id")).and_then(|c| data.dm_user_by_channel.get(&c))
            {
                *counts.entry(*user).or_insert(0) += 1;
            }
        }
        counts
    }

    pub fn validation_failures(&self) -> Vec<String> {
        let data = self.shared.lock();
        let recorded = data.requests.iter().flat_map(|r| r.validation_errors.iter().cloned());
        data.forgotten_failures.iter().cloned().chain(recorded).collect()
    }

    /// Forgets the requests, messages and answered interactions seen so far, and all but the last 1,000 frames
    /// of the gateway's replay log, so a long load run does not grow the stand-in (and stall it while its
    /// records reallocate). Kept: sessions, DM channels, registered commands, interactions still unanswered,
    /// and every validation failure, so [`StandIn::assert_all_valid`] still sees them. Messages forgotten are
    /// gone as on Discord after a delete: clicks on them afterwards act on a message Discord no longer has.
    /// Returns how many requests were forgotten.
    pub fn forget_history(&self) -> usize {
        let mut data = self.shared.lock();
        let data = &mut *data;
        let failures = data.requests.iter().flat_map(|r| r.validation_errors.iter().cloned());
        data.forgotten_failures.extend(failures);
        let forgotten = data.requests.len();
        data.requests = Vec::new();
        data.messages = HashMap::new();
        data.message_order = Vec::new();
        data.nonces = HashMap::new();
        data.interactions.retain(|_, r| r.callback.is_none());
        data.interactions.shrink_to_fit();
        for session in data.gateway.sessions.values_mut() {
            let keep_from = session.log.len().saturating_sub(1_000);
            session.log = session.log.split_off(keep_from);
        }
        forgotten
    }

    /// # Panics
    /// If any request body broke Discord's spec or docs rules; the message lists them all.
    pub fn assert_all_valid(&self) {
        let failures = self.validation_failures();
        assert!(
            failures.is_empty(),
            "Discord would have rejected {} request body problem(s):\n  {}",
            failures.len(),
            failures.join("\n  ")
        );
    }

    /// The commands of the last bulk overwrite (or later edits) in a scope, as answered.
    pub fn registered_commands(&self, guild: Option<u64>) -> Option<Value> {
        self.shared.lock().commands.get(&guild).map(|l| Value::Array(l.clone()))
    }
}
