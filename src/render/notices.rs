//! Short private answers: someone else's button, a button the bot no longer knows, a fault, a restart.

use crate::content::Content;
use crate::reply::Reply;

pub fn not_yours(content: &Content) -> Reply {
    Reply::text(content.ui.messages.not_yours.clone())
}

pub fn unknown_button(content: &Content) -> Reply {
    Reply::text(content.ui.messages.unknown_button.clone())
}

pub fn unknown_step(content: &Content) -> Reply {
    Reply::text(content.ui.messages.unknown_step.clone())
}

pub fn something_went_wrong(content: &Content) -> Reply {
    Reply::text(content.ui.messages.something_went_wrong.clone())
}

pub fn restarting(content: &Content) -> Reply {
    Reply::text(content.ui.messages.restarting.clone())
}

/// The answer to text typed in the DM when no conversation is waiting for it.
pub fn dm_hint(content: &Content) -> Reply {
    Reply::text(content.ui.messages.dm_hint.clone())
}

/// Why nudges stopped by themselves, put above the answer to the person's next command.
pub fn with_stop_reason(content: &Content, reason: crate::nudges::StopReason, reply: Reply) -> Reply {
    let notice = match reason {
        crate::nudges::StopReason::DmClosed => content.nudges.messages.dm_closed.clone(),
    };
    let text = match reply.content {
        Some(c) => format!("{notice}\n\n{c}"),
        None => notice,
    };
    Reply { content: Some(text), ..reply }
}
