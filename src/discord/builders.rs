//! Our `Reply` as serenity builders. Edits and updates set every part, so nothing stale remains.

use serenity::all::{
    ButtonStyle as DiscordStyle, CreateActionRow, CreateAllowedMentions, CreateAttachment, CreateButton,
    CreateEmbed, CreateEmbedFooter, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    CreateMessage, EditAttachments, EditInteractionResponse,
};

use super::visibility::{ephemeral, Place};
use crate::reply::{ButtonStyle, Modal, Reply};

fn attachments(reply: &Reply) -> Vec<CreateAttachment> {
    reply.files.iter().map(|(name, bytes)| CreateAttachment::bytes(bytes.clone(), name.clone())).collect()
}

/// A new interaction message, ephemeral by the one visibility rule.
pub fn new_message(reply: &Reply, place: Place) -> CreateInteractionResponseMessage {
    let fitted = reply.fitted();
    let reply = &fitted;
    let mut m = CreateInteractionResponseMessage::new()
        .add_files(attachments(reply))
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new())
        .ephemeral(ephemeral(reply.visibility, place));
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// Replaces the message a button sits on (callback type 7): an absent text clears the old one.
pub fn update_message(reply: &Reply) -> CreateInteractionResponseMessage {
    let fitted = reply.fitted();
    let reply = &fitted;
    CreateInteractionResponseMessage::new()
        .files(attachments(reply))
        .content(reply.content.clone().unwrap_or_default())
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new())
}

/// Finishes a deferred answer by editing the original response.
pub fn edit_original(reply: &Reply) -> EditInteractionResponse {
    let fitted = reply.fitted();
    let reply = &fitted;
    let mut files = EditAttachments::new();
    for file in attachments(reply) {
        files = files.add(file);
    }
    EditInteractionResponse::new()
        .attachments(files)
        .content(reply.content.clone().unwrap_or_default())
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new())
}

pub fn followup(reply: &Reply, place: Place) -> CreateInteractionResponseFollowup {
    let fitted = reply.fitted();
    let reply = &fitted;
    let mut m = CreateInteractionResponseFollowup::new()
        .add_files(attachments(reply))
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new())
        .ephemeral(ephemeral(reply.visibility, place));
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// A plain channel or DM message.
/// A channel message that Discord shows once however often it is sent: the same `nonce` within a few minutes
/// returns the first message, so a retry after an answer that was lost on its way back cannot double it.
pub fn once(reply: &Reply, nonce: String) -> CreateMessage {
    channel_message(reply).nonce(serenity::all::Nonce::String(nonce)).enforce_nonce(true)
}

pub fn channel_message(reply: &Reply) -> CreateMessage {
    let fitted = reply.fitted();
    let reply = &fitted;
    let mut m = CreateMessage::new()
        .embeds(embeds(reply))
        .components(rows(reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = &reply.content {
        m = m.content(content);
    }
    m
}

/// A form: one row per text input.
pub fn modal(modal: &Modal) -> serenity::all::CreateModal {
    use serenity::all::{CreateInputText, CreateModal, InputTextStyle};
    let rows = modal
        .inputs
        .iter()
        .map(|i| {
            let style = if i.long { InputTextStyle::Paragraph } else { InputTextStyle::Short };
            let mut input = CreateInputText::new(style, &i.label, &i.id)
                .placeholder(&i.placeholder)
                .max_length(i.max_length)
                .required(i.required);
            if i.required {
                input = input.min_length(1);
            }
            CreateActionRow::InputText(input)
        })
        .collect();
    CreateModal::new(&modal.custom_id, &modal.title).components(rows)
}

fn embeds(reply: &Reply) -> Vec<CreateEmbed> {
    reply
        .embeds
        .iter()
        .map(|e| {
            let mut b = CreateEmbed::new().colour(e.colour);
            if let Some(t) = &e.title {
                b = b.title(t);
            }
            if let Some(d) = &e.description {
                b = b.description(d);
            }
            for f in &e.fields {
                b = b.field(&f.name, &f.value, false);
            }
            if let Some(f) = &e.footer {
                b = b.footer(CreateEmbedFooter::new(f));
            }
            if let Some(image) = &e.image {
                b = b.image(image);
            }
            b
        })
        .collect()
}

fn rows(reply: &Reply) -> Vec<CreateActionRow> {
    reply
        .rows
        .iter()
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        CreateButton::new(&b.custom_id)
                            .label(&b.label)
                            .style(match b.style {
                                ButtonStyle::Primary => DiscordStyle::Primary,
                                ButtonStyle::Secondary => DiscordStyle::Secondary,
                                ButtonStyle::Success => DiscordStyle::Success,
                                ButtonStyle::Danger => DiscordStyle::Danger,
                            })
                            .disabled(b.disabled)
                    })
                    .collect(),
            )
        })
        .collect()
}
