//! A Discord bot that turns an 8-step guide to secure attachment into small daily practice.
//!
//! The crate is a library with a thin binary so tests can start the whole bot in-process:
//! [`discord::launch`] with a [`config::Config`] and a [`clock::Clock`].

pub mod app;
pub mod clock;
pub mod config;
pub mod content;
pub mod country;
pub mod crypto;
pub mod custom_id;
pub mod discord;
pub mod flows;
pub mod groups;
pub mod ids;
pub mod memory;
pub mod nudges;
pub mod playground;
pub mod progress;
pub mod quiz;
pub mod render;
pub mod reply;
pub mod safety;
pub mod schedule;
pub mod store;
pub mod streak;
pub mod telemetry;
