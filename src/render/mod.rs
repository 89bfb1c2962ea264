//! Pure renderers: content and a person's state in, a `Reply` out. No I/O here.

pub mod crisis;
pub mod format;
pub mod group;
pub mod group_settings;
pub mod guide;
pub mod help;
pub mod limits;
pub mod mydata;
pub mod notices;
pub mod nudge;
pub mod nudge_settings;
pub mod partners;
pub mod picture;
pub mod practice;
pub mod progress;
pub mod quiz;
pub mod reflect;
pub mod step;
pub mod strategies;
pub mod support;
