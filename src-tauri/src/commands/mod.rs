//! The commands the UI calls. Each one parses its arguments, calls `mesh-core`, and maps
//! the error; none holds a business rule.

pub mod app;
pub mod edit;
pub mod export;
pub mod file;
pub mod governance;
pub mod import;
pub mod ownership;
pub mod sheet;
pub mod task;
