//! What a button means, written into its custom_id, so buttons keep working after a restart.
//!
//! Form: `v1:<owner user id>:<verb>[:<argument>...]`. The owner lets any click be checked against the
//! person acting without remembering anything in memory; quiz buttons also carry the quiz and the
//! question they were shown for, so a double click or an out-of-date button is recognised.
//! `v1:<owner>:k:<verb>...` marks a button on a message that must stay as it is (a quiz result): its answer
//! is a new message, never an edit of the message it sits on.

use std::fmt;

use chrono::NaiveDate;

use crate::ids::{GuildId, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    Guide,
    OpenStep(String),
    PickPractice(String),
    LogPractice(String, u8),
    /// The same, for yesterday: allowed until the end of today.
    LogYesterday(String, u8),
    ToggleComplete(String),
    Progress,
    Support,
    Strategies,
    /// Start a quiz, or resume the one in progress.
    QuizStart,
    QuizToDm,
    QuizHistory,
    /// A past result, opened in full from the history: the quiz session it finished.
    QuizResult(i64),
    QuizAnswer(QuizSpot, u8),
    QuizBack(QuizSpot),
    QuizSkip(QuizSpot),
    QuizStop(QuizSpot),
    /// A nudge's "Done": the practice, and the local day the nudge was for.
    NudgeDone(String, u8, NaiveDate),
    NudgeSnooze(NaiveDate),
    NudgeSkip(NaiveDate),
    NudgeStop,
    /// "Use this zone" after a zone was typed as an abbreviation: an IANA name.
    SetZone(String),
    /// Open the check-in form; its submission; a journal entry's submission (with the prompt shown, if any);
    /// a page of the journal (0 is the newest).
    CheckinOpen,
    CheckinSubmit,
    /// The confirmation buttons of `/mydata delete`.
    DeleteMyData,
    KeepMyData,
    /// "Download my data first", beside them.
    ExportMyData,
    JournalSubmit(Option<u8>),
    JournalPage(u32),
    /// A page of `/checkin history` (0 is the newest).
    CheckinPage(u32),
    /// Buttons and the modal on a server's daily post: for anyone in the server (owner 0).
    GroupPracticed(GuildId, NaiveDate),
    GroupReflect(GuildId, NaiveDate),
    GroupReflection(GuildId, NaiveDate),
    /// An invited person's answer to the invitation `i64`.
    PartnerAnswer(i64, PartnerAnswer),
    /// A partner's answer to the reset request `i64`.
    PartnerReset(i64, ResetChoice),
    /// "Can we reset?" from a button on a partner's message, as `/partner reset`.
    PartnerResetAsk,
    /// The partner's answer to a proposed ritual: accept (true) or suggest another time.
    RitualAnswer(i64, bool),
    /// "We did it" and "Not this week" on a ritual's reminder: the ritual, and the instant (Unix seconds).
    RitualDone(i64, i64),
    RitualSkip(i64, i64),
}

/// The answers to "Can we reset?", and the times to reconnect offered after "Set a time to reconnect".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResetChoice {
    Ready,
    NeedTime,
    PickTime,
    In30Minutes,
    InAnHour,
    ThisEvening,
    Tomorrow,
}

const RESET_CHOICES: [(ResetChoice, &str); 7] = [
    (ResetChoice::Ready, "r"),
    (ResetChoice::NeedTime, "t"),
    (ResetChoice::PickTime, "p"),
    (ResetChoice::In30Minutes, "30"),
    (ResetChoice::InAnHour, "60"),
    (ResetChoice::ThisEvening, "ev"),
    (ResetChoice::Tomorrow, "tm"),
];

/// The three answers to a partner invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartnerAnswer {
    Accept,
    Decline,
    /// Decline, and no invitation from that person again.
    Block,
}

impl Action {
    /// Actions anyone may take: the buttons of a shared group post.
    pub fn is_shared(&self) -> bool {
        matches!(self, Action::GroupPracticed(..) | Action::GroupReflect(..) | Action::GroupReflection(..))
    }
}

/// The owner id of buttons that belong to no one person.
pub const SHARED: UserId = UserId(0);

/// Which quiz, and which question was on screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuizSpot {
    pub session: i64,
    pub position: u16,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ButtonId {
    pub owner: UserId,
    pub action: Action,
    /// The message the button sits on stays: the answer comes as a new message.
    pub keep: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownButton;

const VERSION: &str = "v1";

impl ButtonId {
    pub fn new(owner: UserId, action: Action) -> Self {
        Self { owner, action, keep: false }
    }

    /// A button whose answer never replaces the message it sits on.
    pub fn keeping(owner: UserId, action: Action) -> Self {
        Self { owner, action, keep: true }
    }

    pub fn parse(raw: &str) -> Result<Self, UnknownButton> {
        let mut parts = raw.split(':');
        if parts.next() != Some(VERSION) {
            return Err(UnknownButton);
        }
        let owner = parts.next().and_then(|o| o.parse::<u64>().ok()).map(UserId).ok_or(UnknownButton)?;
        let mut verb = parts.next().ok_or(UnknownButton)?;
        let keep = verb == "k";
        if keep {
            verb = parts.next().ok_or(UnknownButton)?;
        }
        let args: Vec<&str> = parts.collect();
        let slug = |s: &str| {
            if is_slug(s) {
                Ok(s.to_owned())
            } else {
                Err(UnknownButton)
            }
        };
        let spot = |session: &str, position: &str| -> Result<QuizSpot, UnknownButton> {
            Ok(QuizSpot {
                session: session.parse().map_err(|_| UnknownButton)?,
                position: position.parse().map_err(|_| UnknownButton)?,
            })
        };
        let day = |d: &str| NaiveDate::parse_from_str(d, "%Y%m%d").map_err(|_| UnknownButton);
        let action = match (verb, args.as_slice()) {
            ("guide", []) => Action::Guide,
            ("progress", []) => Action::Progress,
            ("support", []) => Action::Support,
            ("strategies", []) => Action::Strategies,
            ("open", [s]) => Action::OpenStep(slug(s)?),
            ("pick", [s]) => Action::PickPractice(slug(s)?),
            ("done", [s]) => Action::ToggleComplete(slug(s)?),
            ("log", [s, n]) => match n.parse::<u8>() {
                Ok(n @ 1..=3) => Action::LogPractice(slug(s)?, n),
                _ => return Err(UnknownButton),
            },
            ("logy", [s, n]) => match n.parse::<u8>() {
                Ok(n @ 1..=3) => Action::LogYesterday(slug(s)?, n),
                _ => return Err(UnknownButton),
            },
            ("qstart", []) => Action::QuizStart,
            ("qdm", []) => Action::QuizToDm,
            ("qhist", []) => Action::QuizHistory,
            ("qr", [s]) => Action::QuizResult(s.parse().map_err(|_| UnknownButton)?),
            ("qa", [s, p, v]) => match v.parse::<u8>() {
                Ok(v @ 1..=20) => Action::QuizAnswer(spot(s, p)?, v),
                _ => return Err(UnknownButton),
            },
            ("qb", [s, p]) => Action::QuizBack(spot(s, p)?),
            ("qs", [s, p]) => Action::QuizSkip(spot(s, p)?),
            ("qp", [s, p]) => Action::QuizStop(spot(s, p)?),
            ("nd", [s, n, d]) => match n.parse::<u8>() {
                Ok(n @ 1..=3) => Action::NudgeDone(slug(s)?, n, day(d)?),
                _ => return Err(UnknownButton),
            },
            ("nz", [d]) => Action::NudgeSnooze(day(d)?),
            ("nk", [d]) => Action::NudgeSkip(day(d)?),
            ("nx", []) => Action::NudgeStop,
            ("tz", [z]) if z.parse::<chrono_tz::Tz>().is_ok() => Action::SetZone((*z).to_owned()),
            ("ck", []) => Action::CheckinOpen,
            ("del", []) => Action::DeleteMyData,
            ("keep", []) => Action::KeepMyData,
            ("exp", []) => Action::ExportMyData,
            ("mc", []) => Action::CheckinSubmit,
            ("mj", []) => Action::JournalSubmit(None),
            ("mj", [n]) => Action::JournalSubmit(Some(n.parse().map_err(|_| UnknownButton)?)),
            ("jp", [p]) => Action::JournalPage(p.parse().map_err(|_| UnknownButton)?),
            ("cpg", [p]) => Action::CheckinPage(p.parse().map_err(|_| UnknownButton)?),
            ("gp", [g, d]) => Action::GroupPracticed(g.parse().map_err(|_| UnknownButton)?, day(d)?),
            ("gr", [g, d]) => Action::GroupReflect(g.parse().map_err(|_| UnknownButton)?, day(d)?),
            ("gm", [g, d]) => Action::GroupReflection(g.parse().map_err(|_| UnknownButton)?, day(d)?),
            ("prq", []) => Action::PartnerResetAsk,
            ("ri", [i, a]) => Action::RitualAnswer(
                i.parse().map_err(|_| UnknownButton)?,
                match *a {
                    "y" => true,
                    "n" => false,
                    _ => return Err(UnknownButton),
                },
            ),
            ("rd", [i, t]) => Action::RitualDone(
                i.parse().map_err(|_| UnknownButton)?,
                t.parse().map_err(|_| UnknownButton)?,
            ),
            ("rs", [i, t]) => Action::RitualSkip(
                i.parse().map_err(|_| UnknownButton)?,
                t.parse().map_err(|_| UnknownButton)?,
            ),
            ("pr", [i, c]) => Action::PartnerReset(
                i.parse().map_err(|_| UnknownButton)?,
                RESET_CHOICES
                    .iter()
                    .find(|(_, code)| code == c)
                    .map(|(choice, _)| *choice)
                    .ok_or(UnknownButton)?,
            ),
            ("pa", [i, a]) => Action::PartnerAnswer(
                i.parse().map_err(|_| UnknownButton)?,
                match *a {
                    "y" => PartnerAnswer::Accept,
                    "n" => PartnerAnswer::Decline,
                    "b" => PartnerAnswer::Block,
                    _ => return Err(UnknownButton),
                },
            ),
            _ => return Err(UnknownButton),
        };
        Ok(Self { owner, action, keep })
    }
}

impl fmt::Display for ButtonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{VERSION}:{}:", self.owner)?;
        if self.keep {
            write!(f, "k:")?;
        }
        match &self.action {
            Action::Guide => write!(f, "guide"),
            Action::Progress => write!(f, "progress"),
            Action::Support => write!(f, "support"),
            Action::Strategies => write!(f, "strategies"),
            Action::OpenStep(s) => write!(f, "open:{s}"),
            Action::PickPractice(s) => write!(f, "pick:{s}"),
            Action::ToggleComplete(s) => write!(f, "done:{s}"),
            Action::LogPractice(s, n) => write!(f, "log:{s}:{n}"),
            Action::LogYesterday(s, n) => write!(f, "logy:{s}:{n}"),
            Action::QuizStart => write!(f, "qstart"),
            Action::QuizToDm => write!(f, "qdm"),
            Action::QuizHistory => write!(f, "qhist"),
            Action::QuizResult(s) => write!(f, "qr:{s}"),
            Action::QuizAnswer(q, v) => write!(f, "qa:{}:{}:{v}", q.session, q.position),
            Action::QuizBack(q) => write!(f, "qb:{}:{}", q.session, q.position),
            Action::QuizSkip(q) => write!(f, "qs:{}:{}", q.session, q.position),
            Action::QuizStop(q) => write!(f, "qp:{}:{}", q.session, q.position),
            Action::NudgeDone(s, n, d) => write!(f, "nd:{s}:{n}:{}", d.format("%Y%m%d")),
            Action::NudgeSnooze(d) => write!(f, "nz:{}", d.format("%Y%m%d")),
            Action::NudgeSkip(d) => write!(f, "nk:{}", d.format("%Y%m%d")),
            Action::NudgeStop => write!(f, "nx"),
            Action::SetZone(z) => write!(f, "tz:{z}"),
            Action::CheckinOpen => write!(f, "ck"),
            Action::DeleteMyData => write!(f, "del"),
            Action::KeepMyData => write!(f, "keep"),
            Action::ExportMyData => write!(f, "exp"),
            Action::CheckinSubmit => write!(f, "mc"),
            Action::JournalSubmit(None) => write!(f, "mj"),
            Action::JournalSubmit(Some(n)) => write!(f, "mj:{n}"),
            Action::JournalPage(p) => write!(f, "jp:{p}"),
            Action::CheckinPage(p) => write!(f, "cpg:{p}"),
            Action::GroupPracticed(g, d) => write!(f, "gp:{g}:{}", d.format("%Y%m%d")),
            Action::GroupReflect(g, d) => write!(f, "gr:{g}:{}", d.format("%Y%m%d")),
            Action::GroupReflection(g, d) => write!(f, "gm:{g}:{}", d.format("%Y%m%d")),
            Action::PartnerResetAsk => write!(f, "prq"),
            Action::RitualAnswer(i, yes) => write!(f, "ri:{i}:{}", if *yes { "y" } else { "n" }),
            Action::RitualDone(i, t) => write!(f, "rd:{i}:{t}"),
            Action::RitualSkip(i, t) => write!(f, "rs:{i}:{t}"),
            Action::PartnerReset(i, c) => {
                let code = RESET_CHOICES.iter().find(|(choice, _)| choice == c).map_or("r", |(_, code)| code);
                write!(f, "pr:{i}:{code}")
            }
            Action::PartnerAnswer(i, a) => {
                let a = match a {
                    PartnerAnswer::Accept => "y",
                    PartnerAnswer::Decline => "n",
                    PartnerAnswer::Block => "b",
                };
                write!(f, "pa:{i}:{a}")
            }
        }
    }
}

fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 24
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_survives_a_round_trip() {
        let spot = QuizSpot { session: i64::MAX, position: 11 };
        for action in [
            Action::Guide,
            Action::Progress,
            Action::Support,
            Action::Strategies,
            Action::OpenStep("self-trust".into()),
            Action::PickPractice("repair".into()),
            Action::ToggleComplete("repair".into()),
            Action::LogPractice("clear-needs".into(), 3),
            Action::LogYesterday("clear-needs".into(), 1),
            Action::QuizStart,
            Action::QuizToDm,
            Action::QuizHistory,
            Action::QuizResult(i64::MAX),
            Action::QuizAnswer(spot, 7),
            Action::QuizBack(spot),
            Action::QuizSkip(spot),
            Action::QuizStop(spot),
            Action::NudgeDone("secure-supports".into(), 2, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            Action::NudgeSnooze(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
            Action::NudgeSkip(NaiveDate::from_ymd_opt(2026, 1, 2).unwrap()),
            Action::NudgeStop,
            Action::SetZone("America/Argentina/Buenos_Aires".into()),
            Action::GroupPracticed(GuildId::MAX, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            Action::PartnerAnswer(i64::MAX, PartnerAnswer::Block),
            Action::PartnerAnswer(1, PartnerAnswer::Accept),
            Action::PartnerReset(i64::MAX, ResetChoice::Tomorrow),
            Action::PartnerReset(3, ResetChoice::Ready),
            Action::PartnerResetAsk,
            Action::RitualAnswer(i64::MAX, false),
            Action::RitualDone(i64::MAX, i64::MAX),
            Action::RitualSkip(7, 1_800_000_000),
            Action::PartnerReset(3, ResetChoice::ThisEvening),
            Action::GroupReflect(GuildId(1), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
            Action::CheckinOpen,
            Action::CheckinSubmit,
            Action::DeleteMyData,
            Action::KeepMyData,
            Action::ExportMyData,
            Action::JournalSubmit(None),
            Action::JournalSubmit(Some(5)),
            Action::JournalPage(u32::MAX),
            Action::CheckinPage(7),
            Action::GroupReflection(GuildId(1), NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()),
        ] {
            for id in [ButtonId::new(UserId::MAX, action.clone()), ButtonId::keeping(UserId::MAX, action)] {
                let text = id.to_string();
                assert!(text.len() <= 100, "{text}");
                assert_eq!(ButtonId::parse(&text), Ok(id));
            }
        }
    }

    #[test]
    fn foreign_stale_and_malformed_ids_are_unknown() {
        for raw in [
            "",
            "hello",
            "v0:1:guide",
            "v1:abc:guide",
            "v1:1:fly",
            "v1:1:open",
            "v1:1:open:Bad Slug",
            "v1:1:log:repair:4",
            "v1:1:log:repair:0",
            "v1:1:log:repair",
            "v1:1:guide:extra",
            "v1:1:tz:Mars/Olympus",
            "v1:1:tz",
            "v1:1:open:repair:1:2",
            "v1:1:qa:1:2",
            "v1:1:qa:x:2:3",
            "v1:1:qa:1:2:0",
            "v1:1:qb:1",
            "v1:1:qb:1:-1",
            "v1:1:nd:repair:2:20261341",
            "v1:1:nd:repair:5:20261201",
            "v1:1:nz:yesterday",
            "v1:1:nx:1",
            "v1:1:k",
            "v1:1:k:k:guide",
            "v1:1:qr",
            "v1:1:qr:x",
        ] {
            assert_eq!(ButtonId::parse(raw), Err(UnknownButton), "{raw:?}");
        }
    }
}
