//! The commands the UI calls, adapters of a few lines: each parses its arguments, calls
//! `mesh-app` or a pure `mesh-core` function, and answers its typed result (no rules).

pub mod app;
pub mod edit;
pub mod explore;
pub mod export;
pub mod file;
pub mod governance;
pub mod import;
pub mod ownership;
pub mod sheet;
