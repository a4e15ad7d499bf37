//! Settings from a JavaScript object, read by hand field by field.
//!
//! Why not serde: the derived `Deserialize` of `Settings` brings its visitors (`Vec`, `BTreeMap`,
//! the struct's `visit_map`, ~16 KB raw) into the package, and serde's default error paths print
//! the offending value through `Unexpected`'s `Display`, which prints floats and links Rust's
//! float formatting (~10 KB gzipped). Settings are JSON-shaped (objects, arrays, strings, numbers,
//! booleans, null), so this reads just those shapes. Errors name the field (`customRules[1].id`)
//! and describe a number without printing it as a float. The native CLI reads the same fields
//! through the derive (`serde_json`); `tests/wasm/checker.test.mjs` holds the two to one shape.

use std::collections::BTreeMap;

use js_sys::{Array, Object};
use wasm_bindgen::{JsCast, JsValue};

use crate::finding::{Category, Severity};
use crate::lang::Lang;
use crate::settings::{ClientHashes, CustomRule, Settings};

/// Reads the settings. A value of the wrong shape is an `Err` naming the field; fields the
/// checker doesn't know are listed in `problems` and otherwise ignored. A field set to
/// `undefined` counts as absent (as `JSON.stringify` would drop it).
pub fn settings_from_js(value: &JsValue, problems: &mut Vec<String>) -> Result<Settings, String> {
    let mut s = Settings::default();
    for (key, v) in entries(value, "settings")? {
        let at = key.as_str();
        match at {
            "uiLang" => s.ui_lang = option(&v, |v| lang(v, at))?,
            "langHint" => s.lang_hint = option(&v, |v| lang(v, at))?,
            "disabledCategories" => s.disabled_categories = list(&v, at, category)?,
            "disabledRules" => s.disabled_rules = list(&v, at, string)?,
            "severityOverrides" => {
                let mut overrides = BTreeMap::new();
                for (rule, level) in entries(&v, at)? {
                    let level = severity(&level, &format!("{at}.{rule}"))?;
                    overrides.insert(rule, level);
                }
                s.severity_overrides = overrides;
            }
            "allowList" => s.allow_list = list(&v, at, string)?,
            "clients" => s.clients = option(&v, |v| clients(v, at, problems))?,
            "customRules" => s.custom_rules = list(&v, at, |v, at| custom_rule(v, at, problems))?,
            "communicationLevel" => s.communication_level = option(&v, |v| small_integer(v, at))?,
            "platform" => s.platform = option(&v, |v| string(v, at))?,
            _ => problems.push(format!("unknown setting {key:?} (ignored)")),
        }
    }
    Ok(s)
}

fn clients(value: &JsValue, at: &str, problems: &mut Vec<String>) -> Result<ClientHashes, String> {
    let mut c = ClientHashes::default();
    for (key, v) in entries(value, at)? {
        let at = &format!("{at}.{key}");
        match key.as_str() {
            "salt" => c.salt = string(&v, at)?,
            "hashes" => c.hashes = list(&v, at, string)?,
            _ => problems.push(format!("unknown setting {at:?} (ignored)")),
        }
    }
    Ok(c)
}

fn custom_rule(value: &JsValue, at: &str, problems: &mut Vec<String>) -> Result<CustomRule, String> {
    let (mut id, mut rule_category, mut message) = (None, None, None);
    let mut rule = CustomRule {
        id: String::new(),
        category: Category::ClientData,
        severity: Severity::Warning,
        terms: Vec::new(),
        pattern: None,
        message: String::new(),
    };
    for (key, v) in entries(value, at)? {
        let at = &format!("{at}.{key}");
        match key.as_str() {
            "id" => id = Some(string(&v, at)?),
            "category" => rule_category = Some(category(&v, at)?),
            "severity" => rule.severity = severity(&v, at)?,
            "terms" => rule.terms = list(&v, at, string)?,
            "pattern" => rule.pattern = option(&v, |v| string(v, at))?,
            "message" => message = Some(string(&v, at)?),
            _ => problems.push(format!("unknown setting {at:?} (ignored)")),
        }
    }
    let missing = |field: &str| format!("{at}: missing field `{field}`");
    rule.id = id.ok_or_else(|| missing("id"))?;
    rule.category = rule_category.ok_or_else(|| missing("category"))?;
    rule.message = message.ok_or_else(|| missing("message"))?;
    Ok(rule)
}

/// An object's own enumerable string-keyed fields, as `JSON.stringify` sees them, minus the
/// `undefined` ones.
fn entries(value: &JsValue, at: &str) -> Result<Vec<(String, JsValue)>, String> {
    if !value.is_object() || Array::is_array(value) {
        return Err(wrong_type(value, at, "an object"));
    }
    let mut out = Vec::new();
    for pair in Object::entries(value.unchecked_ref()).iter() {
        let pair: Array = pair.unchecked_into();
        let v = pair.get(1);
        if let (Some(key), false) = (pair.get(0).as_string(), v.is_undefined()) {
            out.push((key, v));
        }
    }
    Ok(out)
}

fn list<T>(value: &JsValue, at: &str, mut item: impl FnMut(&JsValue, &str) -> Result<T, String>) -> Result<Vec<T>, String> {
    if !Array::is_array(value) {
        return Err(wrong_type(value, at, "an array"));
    }
    let items: &Array = value.unchecked_ref();
    let mut out = Vec::with_capacity(items.length() as usize);
    for (i, v) in items.iter().enumerate() {
        out.push(item(&v, &format!("{at}[{i}]"))?);
    }
    Ok(out)
}

/// `null` (and `undefined`) is no value.
fn option<T>(value: &JsValue, some: impl FnOnce(&JsValue) -> Result<T, String>) -> Result<Option<T>, String> {
    if value.is_null() || value.is_undefined() {
        Ok(None)
    } else {
        some(value).map(Some)
    }
}

fn string(value: &JsValue, at: &str) -> Result<String, String> {
    value.as_string().ok_or_else(|| wrong_type(value, at, "a string"))
}

/// The index of one of a fixed set of names ("sv", "warning", "client_data"). One function for
/// the three enums, not one per enum.
fn named(value: &JsValue, at: &str, names: &[&str]) -> Result<usize, String> {
    let allowed = || names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
    match value.as_string() {
        Some(s) => names.iter().position(|n| *n == s).ok_or_else(|| format!("{at}: unknown variant `{s}`, expected one of {}", allowed())),
        None => Err(wrong_type(value, at, &format!("a string naming one of {}", allowed()))),
    }
}

fn lang(value: &JsValue, at: &str) -> Result<Lang, String> {
    named(value, at, &Lang::ALL.map(Lang::code)).map(|i| Lang::ALL[i])
}

fn category(value: &JsValue, at: &str) -> Result<Category, String> {
    named(value, at, &Category::ALL.map(Category::as_str)).map(|i| Category::ALL[i])
}

fn severity(value: &JsValue, at: &str) -> Result<Severity, String> {
    const ALL: [Severity; 3] = [Severity::Hint, Severity::Warning, Severity::Critical];
    named(value, at, &ALL.map(Severity::as_str)).map(|i| ALL[i])
}

/// An integer from 0 to 255 (the communication level's type; the checker reads 1-5).
fn small_integer(value: &JsValue, at: &str) -> Result<u8, String> {
    const EXPECTED: &str = "an integer from 0 to 255";
    match value.as_f64() {
        Some(n) if n.fract() == 0.0 && (0.0..=255.0).contains(&n) => Ok(n as u8),
        Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => Err(format!("{at}: invalid value: {}, expected {EXPECTED}", kind_of(value))),
        _ => Err(wrong_type(value, at, EXPECTED)),
    }
}

fn wrong_type(value: &JsValue, at: &str, expected: &str) -> String {
    format!("{at}: invalid type: {}, expected {expected}", kind_of(value))
}

/// Integers up to 2^53 are exact in a JS number.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

/// What a value is, for an error message. Numbers with a fraction are described, not printed:
/// printing an `f64` would link Rust's float formatting into the package.
fn kind_of(v: &JsValue) -> String {
    if let Some(n) = v.as_f64() {
        return if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
            format!("integer `{}`", n as i64)
        } else if n.is_finite() && n.fract() != 0.0 {
            "a number with a fraction".to_string()
        } else {
            "a number too large to be exact, or not a number".to_string()
        };
    }
    if let Some(s) = v.as_string() {
        return format!("string {s:?}");
    }
    if let Some(b) = v.as_bool() {
        return format!("boolean `{b}`");
    }
    let kind = if v.is_null() || v.is_undefined() {
        "null"
    } else if Array::is_array(v) {
        "an array"
    } else if v.is_object() && !v.is_function() {
        "an object"
    } else {
        "a value JSON can't hold (settings are plain data, as in JSON)"
    };
    kind.to_string()
}
