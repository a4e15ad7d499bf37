//! The WebAssembly boundary: the one file with `#[wasm_bindgen]` code.
//!
//! Plain objects cross the boundary. Offsets in findings are UTF-16 code units (what JavaScript
//! strings index by), converted once per `check()` with `offsets::convert_offsets`. Strings from
//! JavaScript are encoded to UTF-8 by wasm-bindgen, which turns a lone surrogate into U+FFFD: one
//! UTF-16 unit either way, so offsets still line up with the caller's string.

use wasm_bindgen::prelude::*;

use crate::finding::Finding;
use crate::lang::Lang;
use crate::offsets::{convert_offsets, OffsetUnit};
use crate::settings::Settings;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
export type Lang = "en" | "sv" | "pl" | "fr" | "da" | "tr";
export type Category = "client_data" | "tone" | "advice" | "claims";
export type Severity = "hint" | "warning" | "critical";
export type SpanKind =
  | "name" | "phone" | "email" | "national_id" | "mrn" | "dob" | "address" | "case_detail"
  | "consent" | "profanity" | "insult" | "derogatory" | "caps" | "exclamation" | "emoji"
  | "rant" | "advice" | "claim";

/** One risky piece of a draft. `start`/`end` are UTF-16 offsets into the checked string. */
export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  kind: SpanKind;
  start: number;
  end: number;
  message: string;
  why: string;
  suggestion?: string;
  replacement?: string;
}

export interface CustomRule {
  id: string;
  category: Category;
  severity?: Severity;
  terms?: string[];
  pattern?: string;
  message: string;
}

/** What the checker accepts (camelCase fields of the Rust `Settings`). Every field is optional. */
export interface Settings {
  uiLang?: Lang;
  langHint?: Lang;
  disabledCategories?: Category[];
  disabledRules?: string[];
  severityOverrides?: Record<string, Severity>;
  allowList?: string[];
  clients?: { salt: string; hashes: string[] };
  customRules?: CustomRule[];
  communicationLevel?: number;
  platform?: "x" | "facebook" | "instagram" | "linkedin";
}
"#;

// `Reflect.set` imported once per value type, so a finding's fields go across without
// `serde_wasm_bindgen`'s serializer (~2 KB gzipped). Keys are made into JS strings once.
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set_str(target: &js_sys::Object, key: &JsValue, value: &str) -> bool;
    #[wasm_bindgen(js_namespace = Reflect, js_name = set)]
    fn set_num(target: &js_sys::Object, key: &JsValue, value: u32) -> bool;
}

/// A finding's keys, in the order of the `Finding` interface above.
const FINDING_KEYS: [&str; 10] = ["rule", "category", "severity", "kind", "start", "end", "message", "why", "suggestion", "replacement"];

thread_local! {
    static KEYS: Vec<JsValue> = FINDING_KEYS.iter().map(|k| JsValue::from_str(k)).collect();
}

fn js_error(msg: String) -> JsValue {
    js_sys::Error::new(&msg).into()
}

/// The checker, built once from settings and reused for every draft.
#[wasm_bindgen]
pub struct Checker {
    inner: crate::Checker,
    problems: Vec<String>,
}

#[wasm_bindgen]
impl Checker {
    /// Builds a checker from a settings object (`{}` or `undefined` for the defaults). Throws an
    /// `Error` naming the bad field when the settings don't have the right shape. Unknown fields
    /// and unusable custom patterns don't throw; they are listed by `problems()`.
    #[wasm_bindgen(constructor)]
    pub fn new(#[wasm_bindgen(unchecked_param_type = "Settings | undefined")] settings: JsValue) -> Result<Checker, JsValue> {
        let mut problems = Vec::new();
        let settings: Settings = if settings.is_undefined() || settings.is_null() {
            Settings::default()
        } else {
            if !settings.is_object() || js_sys::Array::is_array(&settings) {
                return Err(js_error("Bedside: invalid settings: expected an object".into()));
            }
            crate::wasm_settings::settings_from_js(&settings, &mut problems).map_err(|e| js_error(format!("Bedside: invalid settings: {e}")))?
        };
        let inner = crate::Checker::new(settings).map_err(|e| js_error(format!("Bedside: the embedded rules failed to load: {e}")))?;
        problems.extend(inner.problems().iter().cloned());
        Ok(Checker { inner, problems })
    }

    /// Findings for `text`, sorted by position, with UTF-16 offsets. Never throws on any text.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn check(&self, text: &str) -> JsValue {
        let findings = self.inner.check(text);
        findings_to_js(text, &findings)
    }

    /// Builds the term automaton of a draft language (`"en"`, `"sv"`, ...) now, in an idle moment,
    /// instead of in the first check of a draft in that language. Unknown codes are ignored.
    pub fn prepare(&self, lang: &str) {
        if let Some(lang) = Lang::from_code(lang) {
            self.inner.prepare(lang);
        }
    }

    /// Problems with the settings this checker was built from (the rest of the settings apply).
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn problems(&self) -> JsValue {
        self.problems.iter().map(|p| JsValue::from_str(p)).collect::<js_sys::Array>().into()
    }

    /// The language `check` reads `text` as: the hint if one was set, else the detected one.
    #[wasm_bindgen(js_name = languageOf, unchecked_return_type = "Lang")]
    pub fn language_of(&self, text: &str) -> String {
        self.inner.language_of(text).code().to_string()
    }

    /// Ids of all built-in rules.
    #[wasm_bindgen(js_name = ruleIds, unchecked_return_type = "string[]")]
    pub fn rule_ids(&self) -> JsValue {
        self.inner.rule_ids().map(JsValue::from_str).collect::<js_sys::Array>().into()
    }
}

fn findings_to_js(text: &str, findings: &[Finding]) -> JsValue {
    let mut offsets: Vec<usize> = findings.iter().flat_map(|f| [f.start, f.end]).collect();
    convert_offsets(text, &mut offsets, OffsetUnit::Utf16);
    let out = js_sys::Array::new();
    // `suggestion` and `replacement` only when there is one.
    KEYS.with(|k| {
        for (i, f) in findings.iter().enumerate() {
            let js = js_sys::Object::new();
            set_str(&js, &k[0], &f.rule);
            set_str(&js, &k[1], f.category.as_str());
            set_str(&js, &k[2], f.severity.as_str());
            set_str(&js, &k[3], f.kind.as_str());
            set_num(&js, &k[4], offsets[2 * i] as u32);
            set_num(&js, &k[5], offsets[2 * i + 1] as u32);
            set_str(&js, &k[6], &f.message);
            set_str(&js, &k[7], &f.why);
            if let Some(s) = &f.suggestion {
                set_str(&js, &k[8], s);
            }
            if let Some(r) = &f.replacement {
                set_str(&js, &k[9], r);
            }
            out.push(&js);
        }
    });
    out.into()
}

/// `clients::canonical_forms`, for the extension's drift test (the content script reimplements it
/// in TypeScript to hash profile names synchronously).
#[wasm_bindgen(js_name = canonicalForms, unchecked_return_type = "string[]")]
pub fn canonical_forms(name: &str) -> JsValue {
    crate::clients::canonical_forms(name).into_iter().map(|f| JsValue::from_str(&f)).collect::<js_sys::Array>().into()
}

/// `clients::hash_form`: lowercase hex SHA-256 of salt, a zero byte and the form.
#[wasm_bindgen(js_name = hashForm)]
pub fn hash_form(salt: &str, form: &str) -> String {
    crate::clients::hash_form(salt, form)
}

/// The salted digests to store for one client (a name as typed, or an `@handle`): what
/// `Settings.clients.hashes` holds. The name itself need never be stored.
#[wasm_bindgen(js_name = clientHashes, unchecked_return_type = "string[]")]
pub fn client_hashes(salt: &str, name: &str) -> JsValue {
    crate::clients::hash_name(salt, name).iter().map(|h| JsValue::from_str(h)).collect::<js_sys::Array>().into()
}
