//! Report formats for a [`Report`](super::Report): plain text for people, SARIF 2.1.0
//! for code-scanning tools, JUnit XML for CI test views. (JSON is the report's own serde
//! form.) Each module only formats; none of them decides what is a finding.

mod junit;
mod sarif;
mod text;

pub use junit::junit;
pub use sarif::sarif;
pub use text::text;
