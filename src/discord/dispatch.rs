//! Each slash command's answer: the flow it runs, with the context only the Discord layer has (the server,
//! the member's permissions, the bot's permissions in a channel).

use serenity::all::{CommandInteraction, Context};

use super::commands::Command;
use crate::app::App;
use crate::flows::{self, Person};
use crate::render::group_settings::{self, told, Told};
use crate::reply::Reply;
use crate::store::StoreResult;

/// Runs a command that answers with a message (forms are opened before this).
pub async fn run(
    ctx: &Context,
    app: &App,
    cmd: &CommandInteraction,
    who: Person,
    command: Command,
) -> StoreResult<Reply> {
    match command {
        Command::Guide { share } => Ok(flows::guide(app, who, share).await),
        Command::Step { slug, share } => flows::step(app, who, &slug, share).await,
        Command::Progress => flows::progress(app, who).await,
        Command::Strategies { share } => Ok(flows::strategies(app, who, share)),
        Command::Support { share, country } => flows::support(app, who, share, country.as_deref()).await,
        Command::Help => Ok(flows::help(app, &super::commands::help_lines(&app.content))),
        Command::MyDataShow => flows::mydata::show(app, who).await,
        Command::MyDataExport => flows::mydata::export(app, who).await,
        Command::MyDataDelete => Ok(flows::mydata::confirm_delete(app, who)),
        Command::TimeZone { zone } => flows::nudges::set_zone(app, who, &zone).await,
        Command::JournalRead { page } => flows::reflect::journal_page(app, who, page).await,
        Command::PartnerInvite { user } => {
            // Discord resolves the chosen user; one it did not resolve is treated as a person.
            // Found by comparing numbers: turning a forged 0 back into serenity's id would panic.
            let bot = cmd.data.resolved.users.iter().any(|(id, u)| id.get() == user.get() && u.bot);
            flows::partners::invite(app, who, flows::partners::Invitee { id: user, bot }).await
        }
        Command::PartnerLeave => flows::partners::leave(app, who).await,
        Command::PartnerStatus => flows::partners::status(app, who).await,
        Command::PartnerShare { streak } => flows::partners::share(app, who, streak).await,
        Command::PartnerReset => flows::partner_resets::ask(app, who).await,
        Command::PartnerRitual { day, time, what } => {
            flows::partner_rituals::propose(app, who, &day, &time, &what).await
        }
        Command::PartnerAppreciate { line, note } => {
            flows::partners::appreciate(app, who, line, note.as_deref()).await
        }
        Command::CheckinHistory { page } => flows::reflect::checkin_page(app, who, page).await,
        Command::QuizStart => flows::quiz::start_command(app, who).await,
        Command::QuizHistory => flows::quiz::history(app, who).await,
        Command::NudgesOn { time, zone } => flows::nudges::on(app, who, &time, zone.as_deref()).await,
        Command::NudgesOff => flows::nudges::off(app, who).await,
        Command::NudgesPause { days } => flows::nudges::pause(app, who, days).await,
        Command::NudgesStatus => flows::nudges::status(app, who).await,
        Command::NudgesRecap { on } => flows::nudges::recap(app, who, on).await,
        Command::NudgesStep { follow } => flows::nudges::follow(app, who, &follow).await,
        Command::Shoutouts { on } => match cmd.guild_id {
            Some(guild) => flows::groups::shoutouts(app, who, guild.into(), on).await,
            None => Ok(told(&app.content, Told::ServerOnly)),
        },
        admin @ (Command::AccountabilitySetup { .. }
        | Command::AccountabilityOff
        | Command::AccountabilityStatus) => accountability(ctx, app, cmd, admin).await,
    }
}

/// The admin commands: only in a server, only for members who can manage it (checked again here, whatever
/// Discord's command permissions say), and the bot's own permissions in the chosen channel named if missing.
async fn accountability(
    ctx: &Context,
    app: &App,
    cmd: &CommandInteraction,
    command: Command,
) -> StoreResult<Reply> {
    use serenity::all::Permissions;
    let content = &app.content;
    let (Some(guild), Some(member)) = (cmd.guild_id, cmd.member.as_ref()) else {
        return Ok(told(content, Told::ServerOnly));
    };
    let allowed =
        member.permissions.is_some_and(|p| p.contains(Permissions::MANAGE_GUILD) || p.administrator());
    // Reading the status changes nothing, so any member may; setting up and turning off need a manager.
    if !allowed && !matches!(command, Command::AccountabilityStatus) {
        tracing::info!("accountability command refused: not a server manager");
        return Ok(told(content, Told::NotAdmin));
    }
    let guild_id = guild.into();
    let reply = match command {
        Command::AccountabilitySetup { channel_id, time, zone, focus, summary_day, summary_time } => {
            let missing = match super::permissions::missing_in_channel(&ctx.http, guild, channel_id).await {
                Ok(missing) => missing,
                Err(error) => {
                    tracing::info!(error = %error, "could not read the channel's permissions");
                    return Ok(told(content, Told::BadChannel));
                }
            };
            let request = flows::groups::SetupRequest {
                channel_id,
                time: &time,
                zone: &zone,
                focus: focus.as_deref(),
                summary_day: summary_day.as_deref(),
                summary_time: summary_time.as_deref(),
            };
            flows::groups::setup(app, guild_id, &request, &missing).await?
        }
        Command::AccountabilityOff => flows::groups::off(app, guild_id).await?,
        _ => flows::groups::status(app, guild_id).await?,
    };
    // The pause is told once, to a manager; a status that already says it is not told it twice.
    let notice = if allowed { flows::groups::pending_pause_notice(app, guild_id).await? } else { None };
    Ok(match notice {
        Some(notice) => group_settings::with_pause_notice(&notice, reply),
        None => reply,
    })
}
