//! Detectors of this family. Answers `None` for names it does not own.

use super::Detector;

pub fn build(name: &str, _params: &serde_json::Value) -> Option<Result<Box<dyn Detector>, String>> {
    match name {
        _ => None,
    }
}
