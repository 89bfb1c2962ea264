//! Trouble a test sets up on Discord's side: injected request faults, denied channel permissions,
//! deleted channels and people who block the bot's DMs.

use super::StandIn;
use crate::faults::Fault;

impl StandIn {
    pub fn inject(&self, fault: Fault) {
        self.shared.lock().faults.push(fault);
    }

    /// Until [`StandIn::user_unblocks_dms`], messages to this user's DM answer 403 / 50007.
    pub fn user_blocks_dms(&self, user_id: u64) {
        self.shared.lock().blocked_dms.insert(user_id);
    }

    pub fn user_unblocks_dms(&self, user_id: u64) {
        self.shared.lock().blocked_dms.remove(&user_id);
    }
}
