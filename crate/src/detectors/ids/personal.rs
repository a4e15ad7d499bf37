//! Record numbers, dates of birth and home addresses: pieces that identify a person only with the
//! word that introduces them ("MRN", "journalnr", "born", "ur.") or by their shape (a street and a
//! house number), and that belong to the clinic rather than a patient when business words surround
//! them.

use crate::pattern::Regex;

use super::contact::{BUSINESS, PATIENT};
use super::{context, has_any, redacted, valid_date, Keywords};
use crate::detectors::{Confidence, Ctx, Detector, Hit};

/// Capital letters of the six languages (no `\p{Lu}`: the crate is built without Unicode classes).
const UP: &str = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĘĚĞİŁŃŇŌŐŒŘŚŞŠŢŤŪŮŰŹŻŽ";
/// Letters of the six languages.
const LW: &str = "A-Za-zÀ-ÖØ-öø-ſ";

/// True if the char before byte `s` is not a letter or digit.
fn starts_word(text: &str, s: usize) -> bool {
    !text[..s].chars().next_back().is_some_and(|c| c.is_alphanumeric())
}

pub struct RecordNumber {
    re: Regex,
    keys: Keywords,
}

impl RecordNumber {
    pub fn new() -> RecordNumber {
        let re = Regex::new(concat!(
            r"(?i)(?:mrn|medical record (?:number|no\.?)|record (?:number|no\.?)|hospital (?:number|no\.?)|patient (?:id|number|no\.?)",
            r"|journal(?:nummer|numret|nummeret|nr\.?)|journal nr\.?|patientnummer|pat\. ?nr\.?",
            r"|(?:nr|numer) kartoteki|kartotek[aiu]|(?:nr|numer) historii choroby",
            r"|num[ée]ro de dossier|n[°o] de dossier|dossier(?: m[ée]dical)? (?:n[°o]\.?|num[ée]ro)|ipp",
            r"|protokol (?:no|numarası|numarasi)|dosya (?:no|numarası|numarasi)|hasta (?:no|numarası|numarasi))",
            r"[ \x{a0}]*[:#.°]?[ \x{a0}]*(?:(?:n[°o]|nr|no)\.?[ \x{a0}]*[:#]?[ \x{a0}]*)?",
            r"([A-Z]{0,3}-?[0-9][0-9/\-]*[0-9]|[0-9]{3,})"
        ))
        .unwrap();
        let keys = Keywords::new(&[
            ("mrn", true, true), ("record n", true, false), ("hospital n", true, false), ("patient id", true, false),
            ("patient n", true, false), ("journal", true, false), ("patientnummer", true, false), ("pat.", true, false),
            ("pat ", true, false), ("kartotek", true, false), ("historii choroby", true, false), ("dossier", true, false),
            ("ipp", true, true), ("protokol", true, false), ("dosya", true, false), ("hasta n", true, false),
        ]);
        RecordNumber { re, keys }
    }
}

impl Detector for RecordNumber {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        if ctx.digit_runs().is_empty() {
            return;
        }
        for (lo, hi) in self.keys.windows(ctx, 24, 60) {
          // The pattern needs digits: a window without any cannot match.
          if !text.as_bytes()[lo..hi].iter().any(u8::is_ascii_digit) {
              continue;
          }
          for caps in self.re.captures_iter(&text[lo..hi]) {
            let m = caps.get(0).unwrap();
            let v = caps.get(1).unwrap();
            let (ms, me, ve) = (lo + m.start(), lo + m.end(), lo + v.end());
            if !starts_word(text, ms) || text[ve..].starts_with(|c: char| c.is_ascii_alphanumeric()) {
                continue;
            }
            let value = v.as_str();
            let nd = value.bytes().filter(u8::is_ascii_digit).count();
            // A year alone ("journal 2024") is not a record number.
            let is_year = nd == 4 && value.len() == 4 && (value.starts_with("19") || value.starts_with("20"));
            if nd < 3 || is_year {
                continue;
            }
            out.push(Hit { start: ms, end: me, confidence: Confidence::High, replacement: Some(redacted(ctx.settings.ui_lang())) });
          }
        }
    }
}

const MONTHS: &str = concat!(
    "jan(?:uary|uari|uar)?|feb(?:ruary|ruari|ruar)?|mar(?:ch|s|ts)?|apr(?:il)?|ma[yji]|jun[ei]?|jul[iy]?|aug(?:ust|usti)?|sep(?:t|tember)?|oct(?:ober)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?",
    "|stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|września|października|listopada|grudnia",
    "|janvier|février|fevrier|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre",
    "|ocak|şubat|subat|mart|nisan|mayıs|mayis|haziran|temmuz|ağustos|agustos|eylül|eylul|ekim|kasım|kasim|aralık|aralik"
);

pub struct DateOfBirth {
    re: Regex,
    keys: Keywords,
}

impl DateOfBirth {
    pub fn new() -> DateOfBirth {
        let intro = concat!(
            r"born(?: on)?|dob|d\.o\.b\.?|date of birth|birth date|",
            r"född(?: den)?|föddes(?: den)?|f\.|födelsedatum|",
            r"ur\.|urodzon[aey]?(?: dnia)?|urodził[ao]? się(?: dnia)?|data urodzenia|",
            r"née?(?: le)?|né\(e\)(?: le)?|date de naissance|",
            r"født(?: den)?|fødselsdato|",
            r"d\. ?t\.|doğum tarihi|dogum tarihi"
        );
        let date = format!(
            r"([0-9]{{1,2}})[./\-]([0-9]{{1,2}})[./\-]([0-9]{{4}}|[0-9]{{2}})|([0-9]{{4}})-([0-9]{{2}})-([0-9]{{2}})|([0-9]{{1,2}})\.?[ \x{{a0}}]+(?:{MONTHS})\.?[ \x{{a0}}]+([0-9]{{4}})|(?:{MONTHS})\.?[ \x{{a0}}]+([0-9]{{1,2}}),?[ \x{{a0}}]+([0-9]{{4}})"
        );
        let re = Regex::new(&format!(r"(?i)(?:{intro})[ \x{{a0}}]*[:,]?[ \x{{a0}}]*(?:{date})")).unwrap();
        let keys = Keywords::new(&[
            ("born", true, true), ("dob", true, true), ("d.o.b", true, false), ("date of birth", true, true), ("birth date", true, true),
            ("fodd", true, false), ("f.", true, false), ("fodelsedatum", true, true), ("ur.", true, false), ("urodz", true, false),
            ("data urodzenia", true, true), ("ne", true, false), ("date de naissance", true, true), ("fodt", true, true),
            ("fodselsdato", true, true), ("d.t.", true, false), ("d. t.", true, false), ("dogum tarihi", true, true),
        ]);
        DateOfBirth { re, keys }
    }
}

impl Detector for DateOfBirth {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        if ctx.digit_runs().is_empty() {
            return;
        }
        for (lo, hi) in self.keys.windows(ctx, 4, 48) {
          // The pattern needs digits: a window without any cannot match.
          if !text.as_bytes()[lo..hi].iter().any(u8::is_ascii_digit) {
              continue;
          }
          for caps in self.re.captures_iter(&text[lo..hi]) {
            let m0 = caps.get(0).unwrap();
            let (ms, me) = (lo + m0.start(), lo + m0.end());
            if !starts_word(text, ms) || text[me..].starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            let n = |i: usize| caps.get(i).and_then(|g| g.as_str().parse::<u32>().ok());
            let ok = if let (Some(d), Some(mo)) = (n(1), n(2)) {
                // 14/03/2024: day first in all six languages; the US order is accepted too.
                valid_date(None, mo, d) || valid_date(None, d, mo)
            } else if let (Some(_), Some(mo), Some(d)) = (n(4), n(5), n(6)) {
                valid_date(None, mo, d)
            } else if let Some(d) = n(7).or(n(9)) {
                (1..=31).contains(&d)
            } else {
                false
            };
            if !ok {
                continue;
            }
            // The writer's own birthday is not client data.
            let before = context(text, ms, ms, 24, 0, true);
            if super::has_any(&before, "i was|i am|i'm|jag|jag ar|je suis|jeg er|jeg blev|ben|sam|jestem") {
                continue;
            }
            out.push(Hit { start: ms, end: me, confidence: Confidence::High, replacement: None });
          }
        }
    }
}

/// Someone lives there.
const RESIDENCE: &str = concat!(
    "lives|live|living|lived|resides|resident|home address|his address|her address|at home|",
    "bor|bodde|boende|bosatt|hemadress|hemma|hans adress|hennes adress|mieszka*|zamieszkal*|",
    "zamieszkania|adres domowy|w domu|habite|habitait|domicile*|demeurant|chez elle|chez lui|",
    "bosat|bopael|hjemme|hjemmeadresse|hans adresse|hendes adresse|oturuyor|oturan|ikamet*|",
    "ev adresi|evinde|evine|adresi|adresine|",
    // Home visits and home care: the address is where the patient is seen.
    "home visit*|hembesok*|wizyta domowa|wizyty domow*|visite a domicile|hjemmebesog*|ev ziyaret*|",
);

/// An organisation's premises: the address is the clinic's, not a patient's.
const PREMISES: &str = concat!(
    "address:|adress:|adres:|adresse:|adres|find us|visit us|located|entrance|parking|",
    "hitta hit|besok oss|entre|ingang|wejscie|budynk*|przy|siedzib*|parter|pietro|",
    "odwiedz nas|nous trouver|acces|locaux|indgang|besog os|parkering|bizi ziyaret|giris|",
    "kat|adresimiz|adresinde|moved to|flyttar|przenosimy|demenage|flytter|tasindi*|",
);

pub struct HomeAddress {
    /// Scandinavian compounds: Storgatan 5, Kløvervej 12, Fjordgade 27.
    nordic: Regex,
    /// English: 12 Mill Lane; Mill Ln (with a residence word).
    english: Regex,
    /// Polish: ul. Długa 7, al. Jana Pawła II 12/4.
    polish: Regex,
    /// French: 12 rue de la Paix, 3 bis avenue Foch.
    french: Regex,
    /// Turkish: Atatürk Cad. No: 5, Gül Sok. No:3/2.
    turkish: Regex,
    /// A named person "from" a place: Pani Danuta Sowa z Bronowic, Mrs Smith from Leeds.
    locality: Regex,
    /// A capitalised first and last name shortly before an address.
    name_before: Regex,
    keys: Keywords,
}

impl HomeAddress {
    pub fn new() -> HomeAddress {
        let word = format!("[{UP}][{LW}'’\\-]*");
        let nordic = Regex::new(&format!(
            r"[{UP}][{LW}\-]*(?:gatan|vägen|gränd|gränden|stigen|torget|backen|allén|leden|vej|vejen|gade|gaden|allé|stræde|strædet|torv|torvet|plads|pladsen|vænget|bakken|toften|stien|parken)[ \x{{a0}}]+[0-9]{{1,4}}(?:[ ]?[A-Za-z](?-u:\b))?(?:,?[ \x{{a0}}]+(?:i|in)[ \x{{a0}}]+[{UP}][{LW}\-]+)?"
        ))
        .unwrap();
        let english = Regex::new(&format!(
            r"(?:([0-9]{{1,4}}[A-Za-z]?),?[ \x{{a0}}]+)?(?:{word}[ \x{{a0}}]+){{1,3}}(?:Street|St\.?|Road|Rd\.?|Avenue|Ave\.?|Lane|Ln\.?|Drive|Close|Crescent|Terrace|Place|Court|Gardens|Grove|Row|Mews|Walk|Square)(?-u:\b)(?:,?[ \x{{a0}}]+in[ \x{{a0}}]+{word})?"
        ))
        .unwrap();
        let polish = Regex::new(&format!(
            r"(?:ul\.|ulica|ulicy|al\.|aleja|alei|os\.|osiedle|osiedlu|pl\.|plac|placu)[ \x{{a0}}]*(?:{word}\.?[ \x{{a0}}]+){{0,3}}{word}[ \x{{a0}}]+(?:[IVX]+[ \x{{a0}}]+)?[0-9]{{1,4}}[A-Za-z]?(?:[ ]*/[ ]*[0-9]{{1,4}})?"
        ))
        .unwrap();
        let french = Regex::new(&format!(
            r"[0-9]{{1,4}}(?:[ ]?(?:bis|ter))?,?[ \x{{a0}}]+(?i:rue|avenue|av\.|boulevard|bd|place|allée|chemin|impasse|quai|route|square|passage)[ \x{{a0}}]+(?:(?:de la|de l'|de l’|du|des|de|d'|d’)[ \x{{a0}}]*)?{word}(?:[ \x{{a0}}]+{word}){{0,3}}"
        ))
        .unwrap();
        let turkish = Regex::new(&format!(
            r"(?:{word}[ \x{{a0}}]+){{1,3}}(?:Cad\.|Caddesi|Cd\.|Sok\.|Sokak|Sokağı|Sk\.|Mah\.|Mahallesi|Bulvarı|Blv\.)(?:[ ,]*(?:No|Nr)[ ]*[:.]?[ ]*[0-9]{{1,4}}(?:[ ]*/[ ]*[0-9]{{1,3}})?)?"
        ))
        .unwrap();
        let locality = Regex::new(&format!(
            r"(?:[Pp]ani[ąa]?|[Pp]an(?:a|u)?|Mr|Mrs|Ms|Miss|Fru|Herr|Mme|Madame|Monsieur|Hr|Fr)\.?[ \x{{a0}}]+[{UP}][{LW}]+(?:[ \x{{a0}}]+[{UP}][{LW}\-]+)?[ \x{{a0}}]+((?:z|ze|from|of|från|fra|de)[ \x{{a0}}]+[{UP}][{LW}]+(?:[ \x{{a0}}]+[{UP}][{LW}]+)?)"
        ))
        .unwrap();
        let name_before = Regex::new(&format!(r"[{UP}][{LW}]+[ \x{{a0}}]+(?:[{UP}][{LW}]+[ \x{{a0}}]+)?[{UP}][{LW}]+")).unwrap();
        let mut kw: Vec<(&str, bool, bool)> = Vec::new();
        for t in ["street", "st", "st.", "road", "rd", "rd.", "avenue", "ave", "ave.", "lane", "ln", "drive", "close", "crescent",
            "terrace", "place", "court", "gardens", "grove", "row", "mews", "walk", "square", "ul.", "ulica", "ulicy", "al.",
            "aleja", "alei", "os.", "osiedle", "pl.", "plac", "rue", "av.", "boulevard", "bd", "allee", "chemin", "impasse",
            "quai", "route", "passage", "cad.", "caddesi", "cd.", "sok.", "sokak", "sokagi", "sk.", "mah.", "mahallesi",
            "bulvari", "blv.", "pani", "pan", "pana", "mr", "mrs", "ms", "miss", "fru", "herr", "mme", "madame", "monsieur",
            "hr.", "fr."]
        {
            kw.push((t, true, !t.ends_with('.')));
        }
        for t in ["gatan", "vagen", "grand", "granden", "stigen", "torget", "backen", "allen", "leden", "vej", "vejen", "gade",
            "gaden", "alle", "straede", "straedet", "torv", "torvet", "plads", "pladsen", "vaenget", "bakken", "toften", "stien", "parken"]
        {
            kw.push((t, false, true));
        }
        let keys = Keywords::new(&kw);
        HomeAddress { nordic, english, polish, french, turkish, locality, name_before, keys }
    }
}

impl Detector for HomeAddress {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        let windows = self.keys.windows(ctx, 80, 60);
        let mut cands: Vec<(usize, usize, bool)> = Vec::new(); // start, end, has a house number
        for &(lo, hi) in &windows {
            let w = &text[lo..hi];
            if w.bytes().any(|b| b.is_ascii_digit()) {
                for re in [&self.nordic, &self.polish, &self.french] {
                    cands.extend(re.find_iter(w).map(|m| (lo + m.start(), lo + m.end(), true)));
                }
            }
            for c in self.english.captures_iter(w) {
                let m = c.get(0).unwrap();
                cands.push((lo + m.start(), lo + m.end(), c.get(1).is_some()));
            }
            for m in self.turkish.find_iter(w) {
                cands.push((lo + m.start(), lo + m.end(), m.as_str().bytes().any(|b| b.is_ascii_digit())));
            }
        }
        for (s, e, numbered) in cands {
            if !starts_word(text, s) {
                continue;
            }
            let line = context(text, s, e, 100, 80, true);
            let sentence = context(text, s, e, 160, 60, false);
            let residence = has_any(&sentence, RESIDENCE);
            let business = has_any(&line, BUSINESS) || has_any(&line, PREMISES) || line.contains(" · ") || line.contains('@');
            let confidence = if residence && !business {
                Some(Confidence::High)
            } else if residence {
                Some(Confidence::Medium)
            } else if business || !numbered {
                None
            } else if self.person_before(text, s) || has_any(&sentence, PATIENT) {
                Some(Confidence::Medium)
            } else {
                Some(Confidence::Low)
            };
            if let Some(confidence) = confidence {
                out.push(Hit { start: s, end: e, confidence, replacement: Some(redacted(ctx.settings.ui_lang())) });
            }
        }
        for &(lo, hi) in &windows {
            for c in self.locality.captures_iter(&text[lo..hi]) {
                let (m, place) = (c.get(0).unwrap(), c.get(1).unwrap());
                if !starts_word(text, lo + m.start()) {
                    continue;
                }
                let line = context(text, lo + m.start(), lo + m.end(), 80, 60, true);
                if has_any(&line, PREMISES) {
                    continue;
                }
                out.push(Hit { start: lo + place.start(), end: lo + place.end(), confidence: Confidence::Medium, replacement: None });
            }
        }
    }
}

impl HomeAddress {
    /// A capitalised name ("Poul Erik Holm, ...", "Bodil Krag, f. ... på ...") in the same
    /// sentence, shortly before the address.
    fn person_before(&self, text: &str, s: usize) -> bool {
        let lo = super::floor_boundary(text, s.saturating_sub(100));
        let before = &text[lo..s];
        let cut = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
        let window = &before[cut..];
        self.name_before.find_iter(window).any(|m| {
            // Two capitalised words opening a line are more likely a heading or a business name.
            !(m.start() == 0 && (cut > 0 || lo == 0))
        })
    }
}
