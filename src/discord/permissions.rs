//! What the bot may do in a server channel, worked out from the server's roles and the channel's overwrites.

use serenity::all::{ChannelId, GuildId, Http, Permissions};

/// What the daily post needs, with the names Discord's settings use.
const NEEDED: [(Permissions, &str); 4] = [
    (Permissions::VIEW_CHANNEL, "View Channel"),
    (Permissions::SEND_MESSAGES, "Send Messages"),
    (Permissions::EMBED_LINKS, "Embed Links"),
    (Permissions::READ_MESSAGE_HISTORY, "Read Message History"),
];

/// The permissions the bot lacks in `channel_id`, by name; an error when the channel is not a text channel of
/// this server.
pub async fn missing_in_channel(
    http: &Http,
    guild_id: GuildId,
    channel_id: crate::ids::ChannelId,
) -> serenity::Result<Vec<&'static str>> {
    let channel = ChannelId::from(channel_id).to_channel(http).await?;
    let channel = channel
        .guild()
        .filter(|c| c.guild_id == guild_id)
        .ok_or(serenity::Error::Other("not a channel of this server"))?;
    let me = http.get_current_user().await?;
    let member = guild_id.member(http, me.id).await?;
    let guild = guild_id.to_partial_guild(http).await?;
    let granted = guild.user_permissions_in(&channel, &member);
    Ok(NEEDED.iter().filter(|(p, _)| !granted.contains(*p)).map(|(_, name)| *name).collect())
}
