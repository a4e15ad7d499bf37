//! Bedside's checker: pure logic, no DOM, no network. Give it a draft, get back findings.
//!
//! ```
//! use bedside::{Checker, Settings};
//! let checker = Checker::new(Settings::default()).unwrap();
//! let findings = checker.check("Hello world");
//! assert!(findings.is_empty());
//! ```

pub mod checker;
pub mod clients;
pub mod decompose;
pub mod detectors;
pub mod finding;
pub mod lang;
pub mod lexicon;
pub mod offsets;
pub mod pattern;
pub mod rules;
pub mod settings;
pub mod sort;
pub mod text;
#[cfg(test)]
mod test_rng;

#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(target_arch = "wasm32")]
mod wasm_settings;

pub use checker::Checker;
pub use finding::{Category, Finding, Severity, SpanKind};
pub use lang::Lang;
pub use offsets::{convert_offsets, OffsetUnit};
pub use settings::{ClientHashes, CustomRule, Settings};
