//! Patients' phone numbers and email addresses, told apart from the clinic's own contact data.
//!
//! A phone candidate must fit a numbering plan (the six countries plus the US and UK, or any
//! number written with its country code). Then context decides: words about a patient, or
//! "his number" / "ring til ham", make it a finding; "call us", opening hours, booking, reception,
//! a service-number prefix or the clinic's shared mailbox on the same line make it business data,
//! which is not flagged. With neither, a mobile number is a warning and a landline only a hint.
//! The allow-list (the clinic's own numbers) is applied afterwards by the checker.

use crate::pattern::Regex;

use super::{before_part, context, digit_windows, has_any, isolated, redacted, NOT_A_PERSON};
use crate::detectors::{Confidence, Ctx, Detector, Hit};

/// Business contact context (folded, any language): the number or address is the clinic's.
pub(crate) const BUSINESS: &str = concat!(
    // en
    "call us|contact us|ring us|phone us|text us|email us|reach us|opening hours|open|booking*|",
    "book|appointments|reception|enquiries|inquiries|helpline|hotline|switchboard|tel|tel.|",
    "tel:|phone:|t:|e:|clinic|surgery|practice|dental|pharmacy|hospital|ward|department|",
    "office|our|send a cv|cv|apply|applications|recruit*|vacancy|manager|out of hours|",
    // sv
    "ring oss|kontakta oss|maila oss|mejla oss|oppettider|oppet|bokning|boka|tidbokning|",
    "reception*|vaxel*|telefontid|mottagning*|vardcentral*|klinik*|tandlakar*|tandvard*|apotek*|",
    "skicka cv|ansokan|linjen|jour*|rekryter*|enhetschef|avdelningschef|",
    // pl
    "zadzwon|zadzwon do nas|skontaktuj sie|kontakt|godziny|godziny otwarcia|rejestracj*|recepcj*|",
    "zapisy|umow wizyte|przychodni*|poradni*|gabinet*|szpital*|izba przyjec|centrum|infolinia|",
    "telefon zaufania|nasz*|cv:|rzecznik*|sekretariat*|laboratorium|pn-pt|pon-pt|",
    "rekrutacj*|oferta pracy|zatrudni*|oddzialow*|umowienia wizyty|telefonicznie|",
    // fr
    "appelez-nous|appelez nous|contactez-nous|contactez nous|nous contacter|horaires|rendez-vous|",
    "prise de rendez-vous|remplacement|reservation|reserver|reservez|doctolib|rdv|institut|salon|studio|accueil|secretariat|standard|cabinet|centre|clinique|pharmacie|",
    "hopital|service|notre|nos|candidature|relations avec les usagers|numero vert|contact|",
    "recrut*|poste a pourvoir|cadre de sante|ehpad|",
    // da
    "ring til os|kontakt os|skriv til os|abningstider|abent|tidsbestilling|bestil tid|reception*|",
    "klinik*|tandlaeg*|laegehus*|sygehus*|hospital*|afdeling*|vores|tlf|tlf.|ansogning|",
    "vagt*|linien|lukket|rekrutter*|ledig stilling|afdelingsleder|afdelingssygeplejerske|",
    // tr
    "bizi arayin|bize ulasin|iletisim|randevu*|calisma saatleri|hafta ici|danisma|santral|",
    "hastane*|poliklinik*|klinigimiz*|merkez*|eczane*|hatti|hattimiz|dahili|ulasabilirsiniz|",
    "whatsapp|birimimize|numaramiz|ozgecmis*|is ilani|ise alim|sorumlu hemsire|",
    // welcoming visitors, child health centres
    "welcome to|valkommen till|bvc|velkommen til|",
);

/// Strong signs that the contact data belongs to one person other than the writer.
const PERSON: &str = concat!(
    // en
    "his number|her number|his mobile|her mobile|his phone|her phone|his email|her email|",
    "his e-mail|her e-mail|the number we have|number we have|the email we have|call him|call her|",
    "ring him|ring her|text him|text her|reach him|reach her|email him|email her|his address|",
    "her address|is dead|bounces|bounced|",
    // sv
    "hans nummer|hennes nummer|hans mobil|hennes mobil|hans mejl|hennes mejl|hans mail|hennes mail|",
    "ring honom|ring henne|na honom|na henne|mejla honom|mejla henne|mejlet till|mailet till|",
    "studsar|hans e-post|hennes e-post|",
    // pl
    "jego numer|jej numer|jego telefon|jej telefon|jego mail|jej mail|zadzwon do niego|",
    "zadzwon do niej|do pana|do pani|pana numer|pani numer|numer pana|numer pani|nie odbiera|",
    // fr
    "son numero|son portable|son telephone|son mail|son e-mail|son adresse|l'appeler|le joindre|",
    "la joindre|le contacter|la contacter|ne repond pas|",
    // da
    "ring til ham|ring til hende|hans nummer|hendes nummer|hans mobil|hendes mobil|hans mail|",
    "hendes mail|kontakt ham|kontakt hende|skriv til ham|skriv til hende|",
    // tr
    "numarasi|numarasini|onu arayin|onu arayabilir|kendisine ulas*|cep telefonu|e-postasi|",
    "e-posta adresi|",
);

/// Words about a patient or client: a weaker sign, overruled by business context.
pub(crate) const PATIENT: &str = concat!(
    "patient*|pt|client*|klient*|pacjent*|pani|pan|hasta|hastamiz*|hastanin|danisan*|",
    "mr|mrs|ms|mme|fru|herr|hr.|fr.|",
);

pub struct Phone {
    re: Regex,
}

impl Phone {
    pub fn new() -> Phone {
        // Groups of digits joined by single spaces, dots, hyphens or a parenthesised area code,
        // optionally after a "+" country code.
        let re = Regex::new(r"(?:\+|(?-u:\b)00)?\(?[0-9]+(?:(?:\)[ \x{a0}]?|[ \x{a0}.\-]\(?|\(0\)[ \x{a0}]?)[0-9]+)*").unwrap();
        Phone { re }
    }
}

/// What kind of number a candidate is, from the numbering plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Line {
    Mobile,
    Landline,
    /// Freephone, shared-cost and premium numbers: always an organisation's.
    Service,
}

/// Digit groups of a candidate.
fn groups(s: &str) -> Vec<&str> {
    s.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect()
}

fn looks_like_date_or_time(s: &str, gs: &[&str]) -> bool {
    let seps: String = s.chars().filter(|c| !c.is_ascii_digit() && *c != '+').collect();
    if seps.chars().all(|c| c == '.' || c == '-' || c == '/') && !seps.is_empty() {
        let lens: Vec<usize> = gs.iter().map(|g| g.len()).collect();
        // 12.03.2024, 2024-03-12, 12-03-24, 08.00
        if matches!(lens.as_slice(), [1 | 2, 1 | 2, 2 | 4] | [4, 1 | 2, 1 | 2] | [1 | 2, 2]) {
            return true;
        }
    }
    false
}

/// Classifies a candidate by its numbering plan, or `None` if it is not a phone number.
fn classify(s: &str) -> Option<Line> {
    let gs = groups(s);
    if gs.is_empty() || looks_like_date_or_time(s, &gs) {
        return None;
    }
    let all: String = gs.concat();
    let intl = s.starts_with('+') || s.starts_with("00");
    if intl {
        let rest = all.strip_prefix("00").unwrap_or(&all);
        // "(0)" written after a country code is not dialled.
        let drop_trunk = |n: &str| -> String {
            if s.contains("(0)") {
                n.strip_prefix('0').unwrap_or(n).to_string()
            } else {
                n.to_string()
            }
        };
        for (cc, lens) in [
            ("46", 7..=9usize),
            ("45", 8..=8),
            ("47", 8..=8),
            ("358", 6..=10),
            ("48", 9..=9),
            ("33", 9..=9),
            ("90", 10..=10),
            ("44", 9..=10),
            ("49", 6..=11),
            ("1", 10..=10),
        ] {
            if let Some(n) = rest.strip_prefix(cc) {
                let n = drop_trunk(n);
                if !lens.contains(&n.len()) {
                    return None;
                }
                return Some(national_line(cc, &n));
            }
        }
        let len = rest.len();
        return if (8..=14).contains(&len) { Some(Line::Landline) } else { None };
    }
    let lens: Vec<usize> = gs.iter().map(|g| g.len()).collect();
    if all.starts_with('0') {
        // Trunk prefix 0: SE (8-10 digits), FR (10), TR (11), UK (10-11).
        if gs.len() < 2 || lens[0] > 5 || !(8..=11).contains(&all.len()) || lens.iter().skip(1).any(|&l| l < 2) {
            return None;
        }
        let n = &all[1..];
        let line = match all.len() {
            11 if n.starts_with('5') => Line::Mobile, // TR 05xx
            11 if n.starts_with('7') => Line::Mobile, // UK 07xxx
            11 if n.starts_with("8") => Line::Service, // TR 0850/0800, UK 08xx
            10 if n.starts_with("7") && (n.starts_with("70") || n.starts_with("72") || n.starts_with("73") || n.starts_with("76") || n.starts_with("79")) => Line::Mobile, // SE 07x
            10 if n.starts_with('6') || n.starts_with('7') => Line::Mobile, // FR 06/07
            10 if n.starts_with("8") && !n.starts_with("8 ") && all.starts_with("08") && s.starts_with("08-") => Line::Landline, // Stockholm
            10 if n.starts_with("80") || n.starts_with("89") || n.starts_with("900") || n.starts_with("77") => Line::Service,
            _ => Line::Landline,
        };
        if all.starts_with("0800") || all.starts_with("0808") || all.starts_with("0845") || all.starts_with("0870") || all.starts_with("0850") || all.starts_with("0900") || all.starts_with("020") && all.len() == 10 && s.starts_with("020-") {
            return Some(Line::Service);
        }
        return Some(line);
    }
    match (all.len(), lens.as_slice()) {
        // Denmark: 8 digits, as 2-2-2-2 or 4-4.
        (8, [2, 2, 2, 2]) | (8, [4, 4]) => Some(national_line("45", &all)),
        // Poland: 9 digits, as 3-3-3 or 2-3-2-2.
        (9, [3, 3, 3]) | (9, [2, 3, 2, 2]) => Some(national_line("48", &all)),
        // US: (3) 3-4 or 3-3-4 with hyphens or dots (spaced 3-3-4 too).
        (10, [3, 3, 4]) => Some(national_line("1", &all)),
        _ => None,
    }
}

fn national_line(cc: &str, n: &str) -> Line {
    let p = |x: &str| n.starts_with(x);
    match cc {
        "46" if p("7") => Line::Mobile,
        "46" if p("20") || p("77") || p("900") => Line::Service,
        "45" if p("70") || p("80") || p("90") => Line::Service,
        "45" => Line::Landline, // Danish numbers do not say whether they are mobile.
        "48" if p("800") || p("801") || p("70") || p("804") => Line::Service,
        "48" if ["45", "50", "51", "53", "57", "60", "66", "69", "72", "73", "78", "79", "88"].iter().any(|x| p(x)) => Line::Mobile,
        "33" if p("6") || p("7") => Line::Mobile,
        "33" if p("8") => Line::Service,
        "90" if p("5") => Line::Mobile,
        "90" if p("8") || p("444") => Line::Service,
        "44" if p("7") => Line::Mobile,
        "44" if p("8") || p("3") => Line::Service,
        "1" if ["800", "888", "877", "866", "855", "844", "833"].iter().any(|x| p(x)) => Line::Service,
        "47" if p("4") || p("9") => Line::Mobile,
        _ => Line::Landline,
    }
}

const PHONE_WORDS: &str = concat!(
    "tel|tel.|phone|mobile|mob|cell|number|ring|call|text|telefon*|mobil*|nummer*|",
    "numer*|numero|portable|tlf|tlf.|numara*|gsm|cep|",
);

impl Detector for Phone {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        for (lo, hi) in digit_windows(text, ctx.digit_runs(), 7, 4) {
          for m in self.re.find_iter(&text[lo..hi]) {
            let (s, e) = (lo + m.start(), lo + m.end());
            let cand = m.as_str();
            if cand.bytes().filter(u8::is_ascii_digit).count() < 7 {
                continue;
            }
            if !isolated(text, s, e) {
                continue;
            }
            // Amounts, percentages and measures are not phone numbers.
            let next: String = text[e..].chars().take(4).flat_map(char::to_lowercase).collect();
            let next = next.trim_start();
            if ["%", "kr", "zl", "zł", "€", "$", "£", "tl", "mg", "kg", "ml", "km", "eur", "sek", "dkk", "pln"].iter().any(|u| next.starts_with(u)) {
                continue;
            }
            if text[..s].ends_with(['£', '$', '€']) {
                continue;
            }
            let Some(line) = classify(cand) else { continue };
            let plain = !cand.contains(|c: char| !c.is_ascii_digit());
            let around = context(text, s, e, 90, 60, true);
            let before = before_part(&around);
            // A run of digits without any grouping is only a phone number when something says so.
            if plain && !cand.starts_with('+') && !has_any(before, PHONE_WORDS) {
                continue;
            }
            if line == Line::Service || has_any(&around, NOT_A_PERSON) {
                continue;
            }
            let sentence = context(text, s, e, 160, 100, false);
            // A person named just before the number ("Pani Nowak, tel. 601 ...", "ring til Jens på
            // 22 ..."): their own number. The label between them ("tel.") is not business context.
            let named = named_just_before(ctx, s);
            let business = match named {
                Some(name_end) => has_any(&context(text, name_end, e, 90, 60, true), BUSINESS),
                None => has_any(&around, BUSINESS),
            } || same_line_has_shared_mailbox(text, s, e);
            // Amid business context (a job advert's contact person), a name alone is not enough:
            // a patient word or title in the sentence must say it is a patient.
            let person = has_any(&sentence, PERSON) || (named.is_some() && (!business || has_any(&sentence, PATIENT)));
            let mobile = line == Line::Mobile;
            let confidence = if person {
                Some(if business { Confidence::Medium } else { Confidence::High })
            } else if business {
                None
            } else if mobile && has_any(&sentence, PATIENT) {
                Some(Confidence::High)
            } else if mobile {
                Some(Confidence::Medium)
            } else {
                Some(Confidence::Low)
            };
            if let Some(confidence) = confidence {
                out.push(Hit { start: s, end: e, confidence, replacement: Some(redacted(ctx.settings.ui_lang())) });
            }
          }
        }
    }
}

/// Words (lower case) that may stand between a name and the number: "Pani Nowak, tel. 601 ...", "Jens på 22 ...",
/// "Mrs Patel on 07700 ...", "Mme Roux au 06 ...", "Ayşe Demir cep: 0532 ...".
const NUMBER_LEADS: &[&str] = &[
    "tel", "tlf", "telefon", "telefonu", "telefonnummer", "phone", "mobile", "mob", "mobil", "mobilnummer", "cell",
    "number", "nummer", "numer", "numerem", "nr", "numero", "numéro", "portable", "gsm", "cep", "on", "at", "pod", "på",
    "au", "ved",
];

/// End of the name of a person (not a colleague, not the writer's family) right before byte `s`,
/// with only a label ("tel.", "på", "on") and punctuation between the name and the number.
fn named_just_before(ctx: &Ctx, s: usize) -> Option<usize> {
    let end = crate::detectors::narrative::person_ending_before(ctx, s, 24)?;
    let gap = &ctx.text[end..s];
    // "... thanks to Jens. 22 33 44 55 is ...": a sentence ends at the name.
    if gap.trim_start().starts_with(['.', '!', '?']) {
        return None;
    }
    let mut words = gap.split(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | ';' | '(' | '-' | '–' | '.' | '/')).filter(|w| !w.is_empty());
    let leads_only = words.by_ref().take(3).all(|w| NUMBER_LEADS.contains(&crate::text::lowercase(w).as_str()));
    (leads_only && words.next().is_none()).then_some(end)
}

/// Shared mailboxes: info@, kontakt@, reception@ ... belong to an organisation.
const ROLE_MAILBOXES: &[&str] = &[
    "info", "kontakt", "contact", "hello", "hej", "hi", "office", "admin", "post", "mail", "support", "help", "reception",
    "recepcja", "rejestracja", "biuro", "sekretariat", "secretariat", "accueil", "rh", "hr", "ik", "jobs", "job", "careers",
    "career", "praca", "rekrutacja", "recrutement", "bokning", "booking", "bookings", "rekrytering", "rekruttering", "ansokan", "job", "karriere", "appointments", "tidsbestilling",
    "randevu", "iletisim", "bilgi", "kundservice", "kundeservice", "service", "noreply", "no-reply", "press", "media",
    "marketing", "enquiries", "team", "klinik", "klinikken", "mottagning", "mottagningen", "laboratorium", "rzecznik",
    "apotek", "pharmacie", "cabinet", "contato", "hastailetisim", "relations.usagers", "usagers", "webmaster",
];

/// Free mail providers: an address there is a private person's.
const FREE_MAIL: &[&str] = &[
    "gmail.com", "googlemail.com", "hotmail.com", "hotmail.se", "hotmail.co.uk", "hotmail.fr", "hotmail.dk", "outlook.com",
    "outlook.se", "outlook.dk", "outlook.fr", "live.com", "live.se", "live.dk", "live.fr", "live.co.uk", "msn.com",
    "yahoo.com", "yahoo.co.uk", "yahoo.fr", "yahoo.se", "yahoo.dk", "yahoo.com.tr", "ymail.com", "icloud.com", "me.com",
    "mac.com", "aol.com", "proton.me", "protonmail.com", "gmx.com", "gmx.net", "gmx.de", "gmx.fr", "web.de", "mail.com",
    "btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "telia.com", "spray.se", "bredband.net", "comhem.se",
    "jubii.dk", "ofir.dk", "mail.dk", "webspeed.dk", "wp.pl", "o2.pl", "onet.pl", "onet.eu", "interia.pl", "interia.eu",
    "op.pl", "gazeta.pl", "poczta.fm", "tlen.pl", "vp.pl", "laposte.net", "orange.fr", "wanadoo.fr", "free.fr", "sfr.fr",
    "neuf.fr", "bbox.fr", "yandex.com", "yandex.ru", "mynet.com", "superonline.com", "ttmail.com", "windowslive.com",
];

pub struct Email;

impl Email {
    pub fn new() -> Email {
        Email
    }
}

/// The address around the `@` at byte `at`: local part and domain of ASCII letters, digits and
/// the usual punctuation; the domain needs a dot and a top-level domain of two letters or more.
fn address_at(text: &str, at: usize) -> Option<(usize, usize)> {
    let b = text.as_bytes();
    let local = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
    let dom = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'-');
    let mut s = at;
    while s > 0 && local(b[s - 1]) && at - s < 64 {
        s -= 1;
    }
    while s < at && !b[s].is_ascii_alphanumeric() {
        s += 1;
    }
    let mut e = at + 1;
    while e < b.len() && dom(b[e]) && e - at < 254 {
        e += 1;
    }
    while e > at + 1 && !b[e - 1].is_ascii_alphanumeric() {
        e -= 1;
    }
    if s == at || e <= at + 1 {
        return None;
    }
    let domain = &text[at + 1..e];
    let tld = domain.rsplit('.').next()?;
    if !domain.contains('.') || tld.len() < 2 || !tld.bytes().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    Some((s, e))
}

impl Detector for Email {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let text = ctx.text;
        for (at, _) in text.match_indices('@') {
            let Some((s, e)) = address_at(text, at) else { continue };
            let addr = text[s..e].to_ascii_lowercase();
            let Some((local, domain)) = addr.split_once('@') else { continue };
            if ROLE_MAILBOXES.iter().any(|r| local.strip_prefix(r).is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '-']))) {
                continue;
            }
            let free = FREE_MAIL.contains(&domain);
            let around = context(text, s, e, 90, 60, true);
            let sentence = context(text, s, e, 160, 100, false);
            let person = has_any(&sentence, PERSON) || addressed_to_its_owner(&around);
            let business = has_any(&around, BUSINESS);
            let patient = has_any(&sentence, PATIENT);
            let confidence = match (free, person, business) {
                (_, true, false) => Some(Confidence::High),
                (_, true, true) => Some(Confidence::Medium),
                (true, false, false) => Some(if patient { Confidence::High } else { Confidence::Medium }),
                (true, false, true) => Some(Confidence::Low),
                (false, false, false) if patient => Some(Confidence::Medium),
                (false, false, _) => None,
            };
            if let Some(confidence) = confidence {
                out.push(Hit { start: s, end: e, confidence, replacement: Some(redacted(ctx.settings.ui_lang())) });
            }
        }
    }
}

/// "If you're jane.doe@…, please ring us": a post written to the one person whose address it is,
/// as when a letter went astray. Folded, with the space before; Turkish says it after the address.
const IF_YOU_ARE: &[&str] = &[" if you're", " if you are", " om du ar", " hvis du er", " jesli jestes", " jezeli jestes", " si vous etes", " si tu es"];
const IF_YOU_ARE_AFTER: &[&str] = &["siz iseniz", "iseniz", "isen"];

/// True if the address in `around` (a `context`) comes right after "if you are" (or before "iseniz").
fn addressed_to_its_owner(around: &str) -> bool {
    let b = around.as_bytes();
    let Some(mid) = b.iter().position(|&c| c == 1) else { return false };
    let mut end = mid;
    while end > 0 && matches!(b[end - 1], b' ' | b',' | b':') {
        end -= 1;
    }
    let (before, after) = (&b[..end], b[mid + 1..].trim_ascii_start());
    any_at_end(before, IF_YOU_ARE, true) || any_at_end(after, IF_YOU_ARE_AFTER, false)
}

/// Does `hay` end (`at_end`) or start with one of `terms`? Not inlined: unrolled over the
/// constant lists it cost ~800 B of WASM.
#[inline(never)]
fn any_at_end(hay: &[u8], terms: &[&str], at_end: bool) -> bool {
    terms.iter().any(|t| if at_end { hay.ends_with(t.as_bytes()) } else { hay.starts_with(t.as_bytes()) })
}

/// True if the line of `[s, e)` also carries an organisation's shared mailbox (a footer line).
fn same_line_has_shared_mailbox(text: &str, s: usize, e: usize) -> bool {
    let lo = text[..s].rfind('\n').map(|i| i + 1).unwrap_or(0);
    let hi = text[e..].find('\n').map(|i| e + i).unwrap_or(text.len());
    let line = &text[lo..hi];
    line.split(|c: char| c.is_whitespace() || c == '·' || c == '|' || c == ',').any(|w| {
        w.split_once('@').is_some_and(|(local, dom)| {
            let local = local.to_ascii_lowercase();
            dom.contains('.') && ROLE_MAILBOXES.iter().any(|r| local == *r)
        })
    }) || line.contains(" · ")
}
