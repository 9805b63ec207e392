//! The commands the UI calls, adapters of a few lines: each parses its arguments, calls
//! the application layer (`mesh-app`) or a pure `mesh-core` function, and answers its
//! typed result; none holds a business rule or an orchestration of its own.

pub mod app;
pub mod edit;
pub mod explore;
pub mod export;
pub mod file;
pub mod governance;
pub mod import;
pub mod ownership;
pub mod sheet;
