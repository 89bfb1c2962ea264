//! End-to-end: the real bot, the real serenity client, and the local stand-in for Discord.

mod helpers;

mod authorization;
mod binary;
mod buttons;
mod care;
mod commands;
mod connection;
mod database_down;
mod direct_messages;
mod fuzz;
mod groups;
mod migrate;
mod mydata;
mod nudges;
mod partners;
mod practice;
mod privacy;
mod processes;
mod quiz;
mod reflect;
mod resilience;
mod scheduled;
