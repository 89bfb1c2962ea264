//! Answering interactions inside Discord's 3 seconds: answer directly when the work is quick, otherwise
//! acknowledge first and deliver the answer when it is ready.

use std::future::Future;
use std::time::Duration;

use serenity::all::{CreateInteractionResponse, CreateInteractionResponseMessage, Http, InteractionId};
use serenity::builder::Builder;

use super::builders;
use crate::flows::Answer;
use crate::reply::Reply;

/// Well inside Discord's 3 seconds, leaving room for the acknowledgement's own round trip.
const ANSWER_DIRECTLY_WITHIN: Duration = Duration::from_millis(2000);

pub struct Target<'a> {
    pub http: &'a Http,
    pub id: InteractionId,
    pub token: &'a str,
}

/// A slash command's answer: always a new message.
pub async fn command(
    target: Target<'_>,
    private_if_slow: bool,
    work: impl Future<Output = Reply>,
) -> serenity::Result<()> {
    tokio::pin!(work);
    tokio::select! {
        reply = &mut work => {
            let response = CreateInteractionResponse::Message(builders::new_message(&reply));
            response.execute(target.http, (target.id, target.token)).await
        }
        () = tokio::time::sleep(ANSWER_DIRECTLY_WITHIN) => {
            tracing::warn!("slow answer: deferring");
            let defer = CreateInteractionResponseMessage::new().ephemeral(private_if_slow);
            CreateInteractionResponse::Defer(defer).execute(target.http, (target.id, target.token)).await?;
            let reply = work.await;
            builders::edit_original(&reply).execute(target.http, target.token).await.map(drop)
        }
    }
}

/// A button's answer: a new message, an update of the message the button is on (perhaps with a private word
/// to the person), or a form.
pub async fn click(target: Target<'_>, work: impl Future<Output = Answer>) -> serenity::Result<()> {
    tokio::pin!(work);
    tokio::select! {
        answer = &mut work => {
            let (response, tell) = match answer {
                Answer::New(reply) => (CreateInteractionResponse::Message(builders::new_message(&reply)), None),
                // The handler turns ToDm into an update before answering; should one arrive, the person stays here.
                Answer::Update(reply) | Answer::ToDm { fallback: reply, .. } => {
                    (CreateInteractionResponse::UpdateMessage(builders::update_message(&reply)), None)
                }
                Answer::UpdateAndTell { update, tell } => {
                    (CreateInteractionResponse::UpdateMessage(builders::update_message(&update)), Some(tell))
                }
                Answer::Modal(modal) => (CreateInteractionResponse::Modal(builders::modal(&modal)), None),
            };
            response.execute(target.http, (target.id, target.token)).await?;
            match tell {
                Some(reply) => builders::followup(&reply).execute(target.http, (None, target.token)).await.map(drop),
                None => Ok(()),
            }
        }
        () = tokio::time::sleep(ANSWER_DIRECTLY_WITHIN) => {
            tracing::warn!("slow answer: deferring");
            CreateInteractionResponse::Acknowledge.execute(target.http, (target.id, target.token)).await?;
            match work.await {
                Answer::New(reply) => builders::followup(&reply).execute(target.http, (None, target.token)).await.map(drop),
                Answer::Update(reply) | Answer::ToDm { fallback: reply, .. } => {
                    builders::edit_original(&reply).execute(target.http, target.token).await.map(drop)
                }
                Answer::UpdateAndTell { update, tell } => {
                    builders::edit_original(&update).execute(target.http, target.token).await?;
                    builders::followup(&tell).execute(target.http, (None, target.token)).await.map(drop)
                }
                // A form can only be the first answer; after a slow start the person is asked to click again.
                Answer::Modal(_) => Err(serenity::Error::Other("a form cannot follow a deferred answer")),
            }
        }
    }
}
