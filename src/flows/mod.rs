//! What each command and button does, between the Discord layer and the store: plain inputs, a `Reply` out.

pub mod care;
pub mod forms;
pub mod groups;
pub mod mydata;
pub mod nudges;
pub mod partner_resets;
pub mod partner_rituals;
pub mod partners;
pub mod quiz;
pub mod reflect;
pub mod steps;

use crate::ids::UserId;
use crate::reply::Reply;

pub use steps::*;

/// The person acting, and where.
#[derive(Debug, Clone, Copy)]
pub struct Person {
    pub user_id: UserId,
    /// In a server (not a DM): a shared reply is then posted for the channel.
    pub in_guild: bool,
}

impl Person {
    /// Whether a `share` asked for is honoured: only in a server, where there is a channel to post in.
    pub fn shares(self, share: bool) -> bool {
        share && self.in_guild
    }

    /// Posted in the channel when shared there, otherwise private.
    pub fn shared_or_private(self, share: bool, reply: Reply) -> Reply {
        if self.shares(share) {
            reply.shared()
        } else {
            reply
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reply_is_shared_only_when_asked_and_in_a_server() {
        let text = || Reply::text("x");
        use crate::reply::Visibility::{Private, Shared};
        for (in_guild, share, visibility) in
            [(true, true, Shared), (true, false, Private), (false, true, Private), (false, false, Private)]
        {
            let who = Person { user_id: UserId(1), in_guild };
            assert_eq!(
                who.shared_or_private(share, text()).visibility,
                visibility,
                "server {in_guild}, share {share}"
            );
            assert_eq!(who.shares(share), in_guild && share);
        }
    }
}

/// How a button's answer is shown.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A new message, private to the person in a server.
    New(Reply),
    /// The message the button is on, edited in place.
    Update(Reply),
    /// Carry on in the DM: send `dm` there and show `confirm` here, or `fallback` here if the DM cannot be sent.
    ToDm { dm: Reply, confirm: Reply, fallback: Reply },
    /// Edit the message the button is on for everyone, and tell the person privately.
    UpdateAndTell { update: Reply, tell: Reply },
    /// Open a form.
    Modal(crate::reply::Modal),
}

/// A click on one of the bot's buttons, already checked to belong to `who`.
/// `on_private_message`: the button sits on a message only this person sees, so it may be edited in place.
pub async fn click(
    app: &crate::app::App,
    who: Person,
    action: crate::custom_id::Action,
    on_private_message: bool,
) -> crate::store::StoreResult<Answer> {
    use crate::custom_id::Action::*;
    match action {
        QuizStart | QuizToDm | QuizHistory | QuizResult(_) | QuizAnswer(..) | QuizBack(_) | QuizSkip(_)
        | QuizStop(_) => {
            let answer = quiz::click(app, who, action).await?;
            // Quiz views are personal: on a shared message they go to a new private message.
            Ok(match answer {
                Answer::Update(reply) if !on_private_message => Answer::New(reply),
                other => other,
            })
        }
        NudgeDone(..) | NudgeSnooze(_) | NudgeSkip(_) | NudgeStop => nudges::click(app, who, action).await,
        SetZone(zone) => Ok(Answer::Update(nudges::set_zone(app, who, &zone).await?)),
        GroupPracticed(..) | GroupReflect(..) => groups::click(app, who, action).await,
        CheckinOpen => Ok(match reflect::checkin_form(app, who) {
            Ok(form) => Answer::Modal(form),
            Err(reply) => Answer::New(reply),
        }),
        DeleteMyData | KeepMyData | ExportMyData => mydata::click(app, who, action).await,
        PartnerResetAsk => Ok(Answer::New(partner_resets::ask(app, who).await?)),
        RitualAnswer(..) | RitualDone(..) | RitualSkip(..) => {
            let reply = partner_rituals::click(app, who, action).await?;
            Ok(if on_private_message { Answer::Update(reply) } else { Answer::New(reply) })
        }
        PartnerReset(id, choice) => {
            let reply = partner_resets::answer(app, who, id, choice).await?;
            Ok(if on_private_message { Answer::Update(reply) } else { Answer::New(reply) })
        }
        PartnerAnswer(invite, answer) => {
            // The invitation is a DM; an answer to a copy anywhere else is never shown to others.
            let reply = partners::answer(app, who, invite, answer).await?;
            Ok(if on_private_message { Answer::Update(reply) } else { Answer::New(reply) })
        }
        JournalPage(page) => {
            let reply = reflect::journal_page(app, who, page).await?;
            Ok(if on_private_message { Answer::Update(reply) } else { Answer::New(reply) })
        }
        CheckinPage(page) => {
            let reply = reflect::checkin_page(app, who, page).await?;
            Ok(if on_private_message { Answer::Update(reply) } else { Answer::New(reply) })
        }
        _ => steps::step_click(app, who, action, on_private_message).await,
    }
}

/// Text typed in the DM. It meets the crisis check first, always. An alarm is answered with care: a typed
/// check-in waiting for it ends, with the words kept as its answer, and a waiting quiz pauses. Otherwise a
/// typed check-in or a waiting quiz may read it, and anything else gets a pointer to the commands; worry for
/// someone else comes with how to help them.
pub async fn dm_text(app: &crate::app::App, user_id: UserId, text: &str) -> crate::store::StoreResult<Reply> {
    let who = Person { user_id, in_guild: false };
    let finding = crate::safety::check(text, &app.content.crisis_language);
    if let Some(f) = finding.as_ref().filter(|f| f.outcome.is_alarm()) {
        let kept = reflect::keep_typed(app, who, text).await?;
        let quiz_paused = app.store.active_quiz(user_id).await?.is_some();
        // Only that care was offered, and the rule's name; never the words.
        tracing::warn!(user_id = user_id.get(), outcome = ?f.outcome, rule = f.rule, quiz_paused, kept = ?kept, "crisis resources offered");
        return care::reply(
            app,
            user_id,
            f.outcome,
            care::Context { quiz_paused, kept, not_posted: false, not_sent: false },
        )
        .await;
    }
    let answer = match reflect::typed(app, who, text).await? {
        Some(reply) => Some(reply),
        None => quiz::typed(app, user_id, text).await?,
    };
    match finding {
        Some(f) => {
            tracing::warn!(user_id = user_id.get(), outcome = ?f.outcome, rule = f.rule, "help for someone else offered");
            care::beside(app, user_id, answer).await
        }
        None => Ok(answer.unwrap_or_else(|| crate::render::notices::dm_hint(&app.content))),
    }
}

/// Something the person should hear at their next command (their nudges stopped because Discord would not
/// deliver them), put above the command's own answer, once.
pub async fn with_pending_notice(app: &crate::app::App, who: Person, reply: Reply) -> Reply {
    match app.store.take_untold_stop_reason(who.user_id).await {
        Ok(Some(reason)) => crate::render::notices::with_stop_reason(&app.content, reason, reply),
        Ok(None) => reply,
        Err(error) => {
            tracing::warn!(error = %error, "could not check for a pending notice");
            reply
        }
    }
}
