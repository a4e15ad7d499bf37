//! Settings from a JavaScript object: a small serde `Deserializer` over `JsValue`.
//!
//! Why not `serde_wasm_bindgen::from_value`: every error path there (and serde's default
//! `invalid_type` / `invalid_value`) prints the offending value through `Unexpected`'s `Display`,
//! which prints floats, which links Rust's float-formatting code into the package: ~10 KB of the
//! gzipped WASM (measured: 300,327 → 289,972 B with float printing cut out of that path). Settings
//! are JSON-shaped (objects, arrays, strings, numbers, booleans, null), so this reads just those
//! shapes, and its errors describe a number without printing it. Findings still go out through
//! `serde_wasm_bindgen::Serializer`, which prints nothing.

use std::fmt;

use js_sys::{Array, Object};
use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use wasm_bindgen::{JsCast, JsValue};

/// Reads `T` (the settings) from a JSON-shaped JavaScript value.
pub fn from_js<T: de::DeserializeOwned>(value: JsValue) -> Result<T, Error> {
    T::deserialize(JsDeserializer(value))
}

#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error(msg.to_string())
    }

    fn invalid_type(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        Error(format!("invalid type: {}, expected {expected}", describe(&unexpected)))
    }

    fn invalid_value(unexpected: Unexpected, expected: &dyn de::Expected) -> Self {
        Error(format!("invalid value: {}, expected {expected}", describe(&unexpected)))
    }
}

/// `Unexpected`'s own `Display` would print floats (see the module comment).
fn describe(u: &Unexpected) -> String {
    match *u {
        Unexpected::Bool(b) => format!("boolean `{b}`"),
        Unexpected::Unsigned(n) => format!("integer `{n}`"),
        Unexpected::Signed(n) => format!("integer `{n}`"),
        Unexpected::Float(_) => "a number with a fraction".to_string(),
        Unexpected::Char(c) => format!("character {c:?}"),
        Unexpected::Str(s) => format!("string {s:?}"),
        Unexpected::Unit => "null".to_string(),
        Unexpected::Seq => "an array".to_string(),
        Unexpected::Map => "an object".to_string(),
        _ => "a value of another kind".to_string(),
    }
}

/// What a non-string value is, for an error message.
fn kind_of(v: &JsValue) -> String {
    match v.as_f64() {
        Some(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => describe(&Unexpected::Signed(n as i64)),
        Some(_) => describe(&Unexpected::Float(0.0)),
        None if v.is_null() || v.is_undefined() => describe(&Unexpected::Unit),
        None if v.as_bool().is_some() => describe(&Unexpected::Bool(v.as_bool() == Some(true))),
        None if Array::is_array(v) => describe(&Unexpected::Seq),
        None => describe(&Unexpected::Map),
    }
}

struct JsDeserializer(JsValue);

/// Integers up to 2^53 are exact in a JS number.
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl<'de> de::Deserializer<'de> for JsDeserializer {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        let v = self.0;
        if v.is_null() || v.is_undefined() {
            visitor.visit_unit()
        } else if let Some(b) = v.as_bool() {
            visitor.visit_bool(b)
        } else if let Some(n) = v.as_f64() {
            if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER {
                visitor.visit_i64(n as i64)
            } else {
                visitor.visit_f64(n)
            }
        } else if let Some(s) = v.as_string() {
            visitor.visit_string(s)
        } else if Array::is_array(&v) {
            visitor.visit_seq(Items { items: v.unchecked_into(), next: 0 })
        } else if v.is_object() {
            // Own enumerable string keys, as JSON.stringify would see them.
            visitor.visit_map(Entries { entries: Object::entries(v.unchecked_ref()), next: 0, value: None })
        } else {
            Err(de::Error::custom("expected an object, array, string, number, boolean or null (as in JSON)"))
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.0.is_null() || self.0.is_undefined() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    /// Settings' enums are unit variants written as strings: "sv", "warning", "client_data".
    fn deserialize_enum<V: Visitor<'de>>(self, _: &'static str, _: &'static [&'static str], visitor: V) -> Result<V::Value, Error> {
        match self.0.as_string() {
            Some(s) => visitor.visit_enum(IntoDeserializer::<Error>::into_deserializer(s)),
            None => Err(Error(format!("invalid type: {}, expected a string naming one of the allowed values", kind_of(&self.0)))),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf unit
        unit_struct newtype_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Items {
    items: Array,
    next: u32,
}

impl<'de> de::SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, Error> {
        if self.next >= self.items.length() {
            return Ok(None);
        }
        let item = self.items.get(self.next);
        self.next += 1;
        seed.deserialize(JsDeserializer(item)).map(Some)
    }
}

struct Entries {
    /// `[key, value]` pairs from `Object.entries`.
    entries: Array,
    next: u32,
    value: Option<JsValue>,
}

impl<'de> de::MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        if self.next >= self.entries.length() {
            return Ok(None);
        }
        let pair: Array = self.entries.get(self.next).unchecked_into();
        self.next += 1;
        self.value = Some(pair.get(1));
        seed.deserialize(JsDeserializer(pair.get(0))).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        seed.deserialize(JsDeserializer(self.value.take().unwrap_or(JsValue::UNDEFINED)))
    }
}
