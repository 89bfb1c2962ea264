//! Answering interactions inside Discord's 3 seconds: answer directly when the work is quick, otherwise
//! acknowledge first and deliver the answer when it is ready.

use std::future::Future;
use std::time::Duration;

use serenity::all::{CreateInteractionResponse, CreateInteractionResponseMessage, Http, InteractionId};
use serenity::builder::Builder;
use tokio::time::Instant;

use super::builders;
use super::retry::{self, Failed};
use super::visibility::{ephemeral, Place};
use crate::flows::Answer;
use crate::reply::{Reply, Visibility};

/// Well inside Discord's 3 seconds, leaving room for the acknowledgement's own round trip.
const ANSWER_DIRECTLY_WITHIN: Duration = Duration::from_millis(2000);

pub struct Target<'a> {
    pub http: &'a Http,
    pub id: InteractionId,
    pub token: &'a str,
    /// When the interaction reached the bot: its first answer may be retried until shortly before 3 s later.
    pub received: Instant,
    /// Where it happened, for who sees the answer.
    pub place: Place,
}

impl Target<'_> {
    fn deadline(&self) -> Instant {
        self.received + retry::FIRST_ANSWER_WINDOW
    }

    /// Sends the first answer, retried within the window.
    pub async fn callback(&self, response: &CreateInteractionResponse) -> Result<(), Failed> {
        retry::first_answer(self.deadline(), || response.clone().execute(self.http, (self.id, self.token)))
            .await
    }

    async fn edit(&self, reply: &Reply) -> Result<(), Failed> {
        retry::within_token("edit", || builders::edit_original(reply).execute(self.http, self.token))
            .await
            .map(drop)
    }

    async fn followup(&self, reply: &Reply) -> Result<(), Failed> {
        retry::within_token("follow-up", || {
            builders::followup(reply, self.place).execute(self.http, (None, self.token))
        })
        .await
        .map(drop)
    }
}

/// A slash command's answer: always a new message. `if_slow`: the visibility the answer will have, known
/// before it is ready, for the acknowledgement (which fixes it).
pub async fn command(
    target: Target<'_>,
    if_slow: Visibility,
    work: impl Future<Output = Reply>,
) -> Result<(), Failed> {
    tokio::pin!(work);
    tokio::select! {
        reply = &mut work => {
            target.callback(&CreateInteractionResponse::Message(builders::new_message(&reply, target.place))).await
        }
        () = tokio::time::sleep_until(target.received + ANSWER_DIRECTLY_WITHIN) => {
            tracing::warn!("slow answer: deferring");
            let defer = CreateInteractionResponseMessage::new().ephemeral(ephemeral(if_slow, target.place));
            target.callback(&CreateInteractionResponse::Defer(defer)).await?;
            let reply = work.await;
            target.edit(&reply).await
        }
    }
}

/// A button's answer: a new message, an update of the message the button is on (perhaps with a private word
/// to the person), or a form.
pub async fn click(target: Target<'_>, work: impl Future<Output = Answer>) -> Result<(), Failed> {
    tokio::pin!(work);
    tokio::select! {
        answer = &mut work => {
            let (response, tell) = match answer {
                Answer::New(reply) => {
                    (CreateInteractionResponse::Message(builders::new_message(&reply, target.place)), None)
                }
                // The handler turns ToDm into an update before answering; should one arrive, the person stays here.
                Answer::Update(reply) | Answer::ToDm { fallback: reply, .. } => {
                    (CreateInteractionResponse::UpdateMessage(builders::update_message(&reply)), None)
                }
                Answer::UpdateAndTell { update, tell } => {
                    (CreateInteractionResponse::UpdateMessage(builders::update_message(&update)), Some(tell))
                }
                Answer::Modal(modal) => (CreateInteractionResponse::Modal(builders::modal(&modal)), None),
            };
            target.callback(&response).await?;
            match tell {
                Some(reply) => target.followup(&reply).await,
                None => Ok(()),
            }
        }
        () = tokio::time::sleep_until(target.received + ANSWER_DIRECTLY_WITHIN) => {
            tracing::warn!("slow answer: deferring");
            target.callback(&CreateInteractionResponse::Acknowledge).await?;
            match work.await {
                Answer::New(reply) => target.followup(&reply).await,
                Answer::Update(reply) | Answer::ToDm { fallback: reply, .. } => target.edit(&reply).await,
                Answer::UpdateAndTell { update, tell } => {
                    target.edit(&update).await?;
                    target.followup(&tell).await
                }
                // A form can only be the first answer; after a slow start the person is asked to click again.
                Answer::Modal(_) => Err(Failed::new(
                    "callback",
                    serenity::Error::Other("a form cannot follow a deferred answer"),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! The slow path against the stand-in: work that takes longer than the guard is acknowledged first, within
    //! Discord's 3 seconds, and its answer arrives afterwards where a person would see it.

    use std::time::Duration;

    use discord_standin::{Actor, Response, StandIn, StandInConfig, DEFAULT_CHANNEL_ID, DEFAULT_GUILD_ID};
    use serde_json::json;
    use serenity::all::{ApplicationId, Http, HttpBuilder, InteractionId};

    use super::{click, command, Place, Target, Visibility, ANSWER_DIRECTLY_WITHIN};
    use crate::flows::Answer;
    use crate::reply::{Button, ButtonStyle, Reply};

    const SLOW: Duration = Duration::from_millis(2_400);

    async fn standin() -> (StandIn, Http) {
        // No gateway client here: the interactions are answered over REST only, so dispatch need not wait.
        let standin = StandIn::start_with(StandInConfig { dispatch_wait_ms: 0, ..StandInConfig::default() })
            .await
            .expect("the stand-in starts");
        let http = HttpBuilder::new("test-token")
            .application_id(ApplicationId::new(standin.application_id()))
            .proxy(standin.api_base())
            .ratelimiter_disabled(true)
            .build();
        (standin, http)
    }

    fn alice() -> Actor {
        Actor::in_guild(700_000_000_000_000_001, "alice", DEFAULT_GUILD_ID, DEFAULT_CHANNEL_ID)
    }

    fn callback_types(standin: &StandIn) -> Vec<u64> {
        standin
            .requests_matching("POST", r"/callback$")
            .iter()
            .filter_map(|r| r.body.as_ref()?.get("type")?.as_u64())
            .collect()
    }

    #[tokio::test]
    async fn a_slow_command_is_deferred_privately_then_filled_in() {
        let (standin, http) = standin().await;
        let asked = standin.run_command(&alice(), "progress", json!([])).await;
        let target = Target {
            http: &http,
            id: InteractionId::new(asked.id),
            token: &asked.token,
            received: tokio::time::Instant::now(),
            place: Place::Server,
        };
        let work = async {
            tokio::time::sleep(SLOW).await;
            Reply::text("Here is your progress.")
        };
        command(target, Visibility::Private, work).await.expect("answered");

        assert_eq!(callback_types(&standin), vec![5], "one deferred callback, then an edit");
        let timing = standin.response_timing(&asked).expect("acknowledged");
        assert!(timing.to_callback >= ANSWER_DIRECTLY_WITHIN && timing.to_callback < Duration::from_secs(3));
        let Ok(Response::Message(shown)) = standin.wait_response(&asked, Duration::from_secs(5)).await else {
            panic!("the deferred answer was filled in");
        };
        assert_eq!(shown.text(), "Here is your progress.");
        assert!(shown.ephemeral(), "a private answer stays private after the defer");
        standin.assert_all_valid();
    }

    #[tokio::test]
    async fn a_slow_click_is_acknowledged_then_updates_its_message() {
        let (standin, http) = standin().await;
        let asked = standin.run_command(&alice(), "step", json!([])).await;
        let shown_first = Reply::text("Step one.")
            .with_row(vec![Button::new("v1:1:next", "Next", ButtonStyle::Primary)])
            .shared();
        let target = Target {
            http: &http,
            id: InteractionId::new(asked.id),
            token: &asked.token,
            received: tokio::time::Instant::now(),
            place: Place::Server,
        };
        command(target, Visibility::Shared, async { shown_first }).await.expect("answered");
        let Ok(Response::Message(message)) = standin.wait_response(&asked, Duration::from_secs(5)).await
        else {
            panic!("the command was answered");
        };

        let clicked = standin.click(&alice(), &message, "v1:1:next").await;
        let target = Target {
            http: &http,
            id: InteractionId::new(clicked.id),
            token: &clicked.token,
            received: tokio::time::Instant::now(),
            place: Place::Server,
        };
        let work = async {
            tokio::time::sleep(SLOW).await;
            Answer::Update(Reply::text("Step two."))
        };
        click(target, work).await.expect("answered");

        assert_eq!(
            callback_types(&standin),
            vec![4, 6],
            "the command's answer, then the click's acknowledgement"
        );
        let Ok(Response::Updated(updated)) = standin.wait_response(&clicked, Duration::from_secs(5)).await
        else {
            panic!("the message was updated after the acknowledgement");
        };
        assert_eq!(updated.id, message.id);
        assert_eq!(updated.text(), "Step two.");
        standin.assert_all_valid();
    }
}
