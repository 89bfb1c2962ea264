//! Start-up chores done once per process: the bulk command overwrite and the invite link.

use serenity::all::{Command, GuildId, Http, Permissions};

use super::retry;
use crate::content::Content;

/// One bulk overwrite: on the development server when one is set (instant), otherwise globally.
#[tracing::instrument(skip_all, fields(guild_id = dev_guild_id))]
pub async fn commands(http: &Http, content: &Content, dev_guild_id: Option<u64>) -> serenity::Result<()> {
    match dev_guild_id {
        Some(guild) => {
            let set = retry::with_backoff("register commands", || {
                GuildId::new(guild).set_commands(http, super::commands::all(content, false))
            })
            .await?;
            tracing::info!(count = set.len(), "commands registered on the development server");
        }
        None => {
            let set = retry::with_backoff("register commands", || {
                Command::set_global_commands(http, super::commands::all(content, true))
            })
            .await?;
            tracing::info!(count = set.len(), "commands registered globally");
        }
    }
    Ok(())
}

/// What the bot needs in a server's channels: to see them, post, embed and attach, and read history.
pub fn permissions() -> Permissions {
    Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::SEND_MESSAGES_IN_THREADS
        | Permissions::CREATE_PUBLIC_THREADS
}

pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot+applications.commands&permissions={}",
        permissions().bits()
    )
}

pub fn print_invite(application_id: u64) {
    tracing::info!(url = %invite_url(application_id), "invite the bot to a server with this link");
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_invite_asks_for_both_scopes_and_the_permissions() {
        let url = super::invite_url(42);
        assert!(url.contains("client_id=42"));
        assert!(url.contains("scope=bot+applications.commands"));
        assert!(url.contains(&format!("permissions={}", super::permissions().bits())));
    }
}
