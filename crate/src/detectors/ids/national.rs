//! National identity numbers, each with its own validation:
//! Swedish personnummer/samordningsnummer, Danish CPR, Norwegian fødselsnummer, Finnish HETU,
//! Polish PESEL, French NIR, Turkish T.C. Kimlik No, US SSN and UK NHS number.

use crate::pattern::{Captures, Regex};

use super::{context, digit_windows, digits, has_any, isolated, num, redacted, valid_date, NOT_A_PERSON};
use crate::detectors::{Confidence, Ctx, Detector, Hit};
use crate::lang::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    SePersonnummer,
    DkCpr,
    NoFnr,
    FiHetu,
    PlPesel,
    FrNir,
    TrTckn,
    UsSsn,
    UkNhs,
}

impl Scheme {
    fn parse(s: &str) -> Option<Scheme> {
        Some(match s {
            "se" => Scheme::SePersonnummer,
            "dk" => Scheme::DkCpr,
            "no" => Scheme::NoFnr,
            "fi" => Scheme::FiHetu,
            "pl" => Scheme::PlPesel,
            "fr" => Scheme::FrNir,
            "tr" => Scheme::TrTckn,
            "us" => Scheme::UsSsn,
            "uk" => Scheme::UkNhs,
            _ => return None,
        })
    }

    fn pattern(self) -> &'static str {
        match self {
            Scheme::SePersonnummer => r"(?-u:\b)([0-9]{6}|[0-9]{8})([-+]?)([0-9]{4})(?-u:\b)",
            Scheme::DkCpr => r"(?-u:\b)([0-9]{6})(-?)([0-9]{4})(?-u:\b)",
            Scheme::NoFnr => r"(?-u:\b)([0-9]{6})( ?)([0-9]{5})(?-u:\b)",
            Scheme::FiHetu => r"(?-u:\b)([0-9]{6})([-+A-FU-Y])([0-9]{3}[0-9A-Y])(?-u:\b)",
            Scheme::PlPesel | Scheme::TrTckn => r"(?-u:\b)([0-9]{11})(?-u:\b)",
            Scheme::FrNir => r"(?-u:\b)([1-478])[ \x{a0}.]?([0-9]{2})[ \x{a0}.]?([0-9]{2})[ \x{a0}.]?([0-9]{2}|2[AaBb])[ \x{a0}.]?([0-9]{3})[ \x{a0}.]?([0-9]{3})[ \x{a0}.]?([0-9]{2})(?-u:\b)",
            Scheme::UsSsn => r"(?-u:\b)([0-9]{3})([- ]?)([0-9]{2})([- ]?)([0-9]{4})(?-u:\b)",
            Scheme::UkNhs => r"(?-u:\b)([0-9]{3})([- ]?)([0-9]{3})([- ]?)([0-9]{4})(?-u:\b)",
        }
    }

    /// Words that name the identifier (folded). Any language: a Swedish number in an English post
    /// is still a personnummer.
    fn context_words(self) -> &'static str {
        match self {
            Scheme::SePersonnummer => "personnummer|personnumret|personnr|pers.nr|pnr|samordningsnummer|samordningsnr|personal number|personal identity number|id-nummer",
            Scheme::DkCpr => "cpr|cpr-nr|cpr-nummer|cprnr|cpr nr|personnummer|personnummeret|cpr-nummeret|sygesikring*",
            Scheme::NoFnr => "fodselsnummer|fodselsnr|fnr|personnummer|d-nummer",
            Scheme::FiHetu => "hetu|henkilotunnus|sotu|personbeteckning",
            Scheme::PlPesel => "pesel|nr pesel|numer pesel|peselu|peselem",
            Scheme::FrNir => "nir|securite sociale|secu|n° ss|no ss|numero ss|insee|carte vitale|numero de securite sociale",
            Scheme::TrTckn => "tc|t.c.|t.c|tckn|tc no|tc kimlik|kimlik|kimlik no|kimlik numarasi|kimlik numarasi*|tc'si",
            Scheme::UsSsn => "ssn|ss#|ssn#|social security|social security number|soc sec",
            Scheme::UkNhs => "nhs|nhs no|nhs number|nhs#|nhs no.|nhs num",
        }
    }
}

pub struct NationalId {
    scheme: Scheme,
    re: Regex,
}

impl NationalId {
    pub fn build(params: &crate::rules::Params) -> Result<NationalId, String> {
        let name = params.get("scheme").and_then(|v| v.as_str()).ok_or("params.scheme is required")?;
        let scheme = Scheme::parse(name).ok_or_else(|| format!("unknown scheme {name:?}"))?;
        let re = Regex::new(scheme.pattern()).map_err(|e| e.to_string())?;
        Ok(NationalId { scheme, re })
    }
}

/// What validation and format say about one candidate.
struct Verdict {
    valid: bool,
    /// Written the way this identifier is usually written (with its separator, spaced, ...).
    formatted: bool,
    /// How sure we are when the number is valid but nothing around it names it.
    bare: Option<Confidence>,
}

impl Detector for NationalId {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        let min_digits = match self.scheme {
            Scheme::FiHetu => 6,
            Scheme::UsSsn => 9,
            Scheme::SePersonnummer | Scheme::DkCpr | Scheme::UkNhs => 10,
            Scheme::NoFnr | Scheme::PlPesel | Scheme::TrTckn => 11,
            Scheme::FrNir => 13,
        };
        for (lo, hi) in digit_windows(text, ctx.digit_runs(), min_digits, 6) {
          for caps in self.re.captures_iter(&text[lo..hi]) {
            let m = caps.get(0).unwrap();
            let (s, e) = (lo + m.start(), lo + m.end());
            if !isolated(text, s, e) {
                continue;
            }
            let Some(v) = self.verdict(&caps, ctx.lang) else { continue };
            let around = context(text, s, e, 48, 24, true);
            if has_any(&around, NOT_A_PERSON) {
                continue;
            }
            let named = has_any(&around, self.scheme.context_words());
            let confidence = match (v.valid, named) {
                (true, true) => Some(Confidence::High),
                (true, false) if v.formatted => Some(Confidence::High),
                (true, false) => v.bare,
                // A number named as an ID but failing validation: a typo or a test record, still
                // worth a warning.
                (false, true) => Some(Confidence::Medium),
                (false, false) => None,
            };
            if let Some(confidence) = confidence {
                out.push(Hit { start: s, end: e, confidence, replacement: Some(redacted(ctx.settings.ui_lang())) });
            }
          }
        }
    }
}

impl NationalId {
    /// `None` when the candidate is not even shaped like this identifier (e.g. a Swedish
    /// organisation number, a date part that cannot be a date).
    fn verdict(&self, caps: &Captures, lang: Lang) -> Option<Verdict> {
        let g = |i: usize| caps.get(i).map(|m| m.as_str()).unwrap_or("");
        match self.scheme {
            Scheme::SePersonnummer => {
                let (date, sep, tail) = (g(1), g(2), g(3));
                let long = date.len() == 8;
                let d = digits(date);
                let d = if long { d[2..].to_vec() } else { d };
                if long && !matches!(num(&digits(date)[..2]), 18..=20) {
                    return None;
                }
                // Third digit >= 2 is an organisation number (month 20+), never a person's.
                if d[2] >= 2 {
                    return None;
                }
                let (month, day) = (num(&d[2..4]), num(&d[4..6]));
                let day = if day > 60 { day - 60 } else { day };
                if !valid_date(None, month, day) {
                    return None;
                }
                let mut ten = d.clone();
                ten.extend(digits(tail));
                Some(Verdict {
                    valid: luhn(&ten),
                    formatted: !sep.is_empty(),
                    bare: if long { Some(Confidence::Medium) } else { Some(Confidence::Low) },
                })
            }
            Scheme::DkCpr => {
                let d = digits(&format!("{}{}", g(1), g(3)));
                let (day, month) = (num(&d[0..2]), num(&d[2..4]));
                if !valid_date(None, month, day) {
                    return None;
                }
                let weights = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];
                let mod11 = d.iter().zip(weights).map(|(a, w)| a * w).sum::<u32>() % 11 == 0;
                let hyphen = !g(2).is_empty();
                // Mod-11 was dropped in 2007: a valid date is enough, the checksum only adds weight.
                let formatted = hyphen && (mod11 || lang == Lang::Da);
                let bare = match (hyphen, mod11) {
                    (true, _) => Some(Confidence::Medium),
                    (false, true) if lang == Lang::Da => Some(Confidence::Medium),
                    _ => Some(Confidence::Low),
                };
                Some(Verdict { valid: true, formatted, bare })
            }
            Scheme::NoFnr => {
                let d = digits(&format!("{}{}", g(1), g(3)));
                let mut day = num(&d[0..2]);
                let mut month = num(&d[2..4]);
                if day > 40 {
                    day -= 40; // D-number
                }
                if month > 40 {
                    month -= 40; // H-number
                }
                if !valid_date(None, month, day) {
                    return None;
                }
                let k1w = [3, 7, 6, 1, 8, 9, 4, 5, 2];
                let k2w = [5, 4, 3, 2, 7, 6, 5, 4, 3, 2];
                let check = |sum: u32| match 11 - sum % 11 {
                    11 => Some(0),
                    10 => None,
                    k => Some(k),
                };
                let k1 = check(d.iter().zip(k1w).map(|(a, w)| a * w).sum());
                let k2 = check(d.iter().zip(k2w).map(|(a, w)| a * w).sum());
                let valid = k1 == Some(d[9]) && k2 == Some(d[10]);
                Some(Verdict { valid, formatted: !g(2).is_empty(), bare: Some(Confidence::Medium) })
            }
            Scheme::FiHetu => {
                let d = digits(g(1));
                let (day, month) = (num(&d[0..2]), num(&d[2..4]));
                if !valid_date(None, month, day) {
                    return None;
                }
                let tail = g(3);
                let n = num(&d) as u64 * 1000 + num(&digits(&tail[..3])) as u64;
                const CHARS: &[u8] = b"0123456789ABCDEFHJKLMNPRSTUVWXY";
                let valid = tail.as_bytes()[3] == CHARS[(n % 31) as usize];
                Some(Verdict { valid, formatted: true, bare: Some(Confidence::High) })
            }
            Scheme::PlPesel => {
                let d = digits(g(1));
                let (mm, day) = (num(&d[2..4]), num(&d[4..6]));
                let yy = num(&d[0..2]);
                let (century, month) = match mm {
                    81..=92 => (1800, mm - 80),
                    1..=12 => (1900, mm),
                    21..=32 => (2000, mm - 20),
                    41..=52 => (2100, mm - 40),
                    61..=72 => (2200, mm - 60),
                    _ => return None,
                };
                if !valid_date(Some(century + yy), month, day) {
                    return None;
                }
                let w = [1, 3, 7, 9, 1, 3, 7, 9, 1, 3];
                let sum: u32 = d.iter().zip(w).map(|(a, w)| a * w).sum();
                let valid = (10 - sum % 10) % 10 == d[10];
                Some(Verdict { valid, formatted: false, bare: Some(Confidence::Medium) })
            }
            Scheme::TrTckn => {
                let d = digits(g(1));
                if d[0] == 0 {
                    return None;
                }
                let odd = d[0] + d[2] + d[4] + d[6] + d[8];
                let even = d[1] + d[3] + d[5] + d[7];
                let c10 = ((odd * 7 + 100 - even) % 10) as u32;
                let c11 = d[..10].iter().sum::<u32>() % 10;
                let valid = c10 == d[9] && c11 == d[10];
                Some(Verdict { valid, formatted: false, bare: Some(Confidence::Medium) })
            }
            Scheme::FrNir => {
                let month = num(&digits(g(3)));
                if !(matches!(month, 1..=12 | 20 | 30..=42 | 50..=99)) {
                    return None;
                }
                let dept = g(4).to_ascii_uppercase();
                let dept_num: u64 = match dept.as_str() {
                    "2A" => 19,
                    "2B" => 18,
                    _ => num(&digits(&dept)) as u64,
                };
                let mut n: u64 = 0;
                for part in [g(1), g(2), g(3)] {
                    for x in digits(part) {
                        n = n * 10 + x as u64;
                    }
                }
                n = n * 100 + dept_num;
                for part in [g(5), g(6)] {
                    for x in digits(part) {
                        n = n * 10 + x as u64;
                    }
                }
                let key = num(&digits(g(7))) as u64;
                let valid = 97 - n % 97 == key;
                let whole = caps.get(0).unwrap().as_str();
                let spaced = whole.contains([' ', '\u{a0}', '.']);
                Some(Verdict { valid, formatted: spaced, bare: Some(Confidence::Medium) })
            }
            Scheme::UsSsn => {
                if g(2) != g(4) {
                    return None;
                }
                let (area, group, serial) = (num(&digits(g(1))), num(&digits(g(3))), num(&digits(g(5))));
                let valid = area != 0 && area != 666 && area < 900 && group != 0 && serial != 0
                    // Numbers published as examples, never issued to anyone.
                    && !(area == 123 && group == 45 && serial == 6789)
                    && !(area == 78 && group == 5 && serial == 1120);
                let hyphenated = g(2) == "-";
                Some(Verdict { valid, formatted: hyphenated, bare: if hyphenated { Some(Confidence::Medium) } else { None } })
            }
            Scheme::UkNhs => {
                if g(2) != g(4) {
                    return None;
                }
                let d = digits(&format!("{}{}{}", g(1), g(3), g(5)));
                let sum: u32 = d[..9].iter().zip((2..=10).rev()).map(|(a, w)| a * w).sum();
                let check = match 11 - sum % 11 {
                    11 => Some(0),
                    10 => None,
                    k => Some(k),
                };
                let valid = check == Some(d[9]);
                // Spaced 3-3-4 is also how US phone numbers look: without "NHS" nearby it is only a hint.
                Some(Verdict { valid, formatted: false, bare: Some(Confidence::Low) })
            }
        }
    }
}

/// Luhn check over the digits (the last one is the check digit).
pub fn luhn(d: &[u32]) -> bool {
    let n = d.len();
    let sum: u32 = d
        .iter()
        .enumerate()
        .map(|(i, &x)| {
            if (n - i) % 2 == 0 {
                let y = x * 2;
                if y > 9 { y - 9 } else { y }
            } else {
                x
            }
        })
        .sum();
    sum % 10 == 0
}
