//! One reading of the draft shared by the narrative detectors: which words are care terms, client
//! references, staff titles, times, ...; who the people mentioned are; where ages are stated.
//!
//! Open word classes (care terms, client references, staff, times, ...) come from the lexicons
//! `crate/lexicons/<lang>/{care,client}-*.txt`; small closed classes (titles, possessives,
//! pronouns, greetings, "from") are listed here. All of them go into one Aho-Corasick automaton per
//! language, built once.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::pattern::Regex;

use crate::detectors::{Ctx, Source};
use crate::lang::Lang;
use crate::text::fold;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Role {
    /// Care context: conditions, procedures, results, sessions, medicines.
    Care,
    /// A specific client or patient: "my patient", "a client of mine", "hastam".
    ClientRef,
    /// Staff titles and roles: a name next to one is a colleague, not a client.
    Staff,
    /// A time: yesterday, last night, on Tuesday.
    Time,
    /// A person described: a mum, a man, a teenager, a software engineer.
    People,
    /// Telling or presenting: told me, came in, was admitted, passed away.
    Disclosure,
    /// Testimonial and before/after language.
    Testimonial,
    /// Fiction: imagine, hypothetical, fictional case.
    Hypothetical,
    /// A title before a name: Mrs, Pani, Mme, Fru.
    Title,
    /// A title after a name (Turkish): Bey, Hanım.
    TitleAfter,
    /// "from" before a place.
    From,
    /// Second-person possessives: your, din, twoje, vos.
    Your,
    /// Third-person pronouns: her, his, she.
    Pronoun,
    /// Greetings before an addressee: hi, hej, bonjour.
    Greeting,
    /// A common given name (all six languages' lists).
    GivenName,
    /// The writer knows this person's care: results, "as we discussed", "at your last visit".
    Personal,
    /// Records and results: test, scan, biopsy, INR. "Your" + one of these discloses records.
    Record,
    /// The writer's own family before a name: "my husband", "min mamma", "moja córka". A name
    /// after one is the clinician's own life, not a client.
    OwnKin,
    /// Title words that are adjectives ("lilla", "gamle", "little"): capitalised inside a name,
    /// they belong to a place ("Gamla Stan", "Lille Torv"), not a person.
    PlaceAdjective,
    /// Words that open a relative clause: "Mrs Okafor, who ..." talks about her, not to her.
    Relative,
    /// An age stated in words: "in her forties", "i 40-årsåldern", "po czterdziestce" (lexicon
    /// `care-age`); counts as an age like "34-year-old".
    Age,
    /// Words that only say a person's sex or age group (lexicon `client-person-nouns`): woman,
    /// man, kvinna, kobieta, femme, kadın. Capitalised ("Woman, 44, ...") they are not a name; a person described only by one
    /// ("a woman in her forties") is too little for a case story's cue.
    PersonNoun,
    /// The writer's own diagnosis (lexicon `care-own-illness`): "I was diagnosed", "fick jag
    /// diagnosen", "on m'a diagnostiqué". An age beside one is the writer's, not a client's.
    OwnIllness,
    /// A public role held by one person in a place (lexicon `client-public-roles`): mayor,
    /// goalkeeper, headmaster, parish priest. Named with its town or club, it names them.
    PublicRole,
    /// A birth: born, a newborn, "welcome to the world" (lexicon `care-birth`). With a birth
    /// weight nearby, the sentence announces a birth (`Analysis::birth_sentences`).
    Birth,
    /// A welcome: greets a new colleague ("welcome to our new nurse Anna"), or a newborn in a
    /// birth announcement, where it is not a staff word.
    Welcome,
}

impl Role {
    fn bit(self) -> u32 {
        1 << (self as u8)
    }
}

const LEXICON_ROLES: [(&str, Role); 17] = [
    ("care-birth", Role::Birth),
    ("care-age", Role::Age),
    ("client-person-nouns", Role::PersonNoun),
    ("care-records", Role::Record),
    ("care-terms", Role::Care),
    // Medicines and conditions listed for the advice rules are care context too.
    ("advice-drugs", Role::Care),
    ("advice-conditions", Role::Care),
    ("care-personal", Role::Personal),
    ("client-refs", Role::ClientRef),
    ("care-staff", Role::Staff),
    ("care-time", Role::Time),
    ("client-people", Role::People),
    ("care-disclosure", Role::Disclosure),
    ("care-testimonial", Role::Testimonial),
    ("care-hypothetical", Role::Hypothetical),
    ("care-own-illness", Role::OwnIllness),
    ("client-public-roles", Role::PublicRole),
];

/// A closed class's terms, separated by `|` (one string, not a slice of them: WASM size).
fn closed_class(lang: Lang, role: Role) -> &'static str {
    use Lang::*;
    use Role::*;
    match (role, lang) {
        (Title, En) => "mr|mrs|ms|miss|mister|grandma|grandpa|auntie|uncle|baby|little|young|old|lovely|dear",
        (Title, Sv) => "fru|herr|lilla|lille|unga|gamla|mamma|pappa|farmor|mormor|farfar|morfar",
        (Title, Pl) => "pani|pan|pana|panią|panu|panem|państwo|mały|mała|małego|małej|małemu|mama|tata|babcia|dziadek",
        (Title, Fr) => "mme|mlle|madame|monsieur|mademoiselle|le petit|la petite|papi|mamie|mamy",
        (Title, Da) => "fru|hr|herr|lille|unge|gamle|mor|far|mormor|farmor|morfar|farfar",
        (Title, Tr) => "sayın|küçük|minik|bebek|bebeğimiz|hastamız|danışanımız|miniğimiz",
        (TitleAfter, Tr) => "bey|beyi|beye|beyin|beyle|hanım|hanımı|hanıma|hanımın|hanımla|hanımefendi|beyefendi|amca|amcaya|amcanın|amcamız|teyze|teyzeye|teyzenin|teyzemiz|usta|ustanın|abla|abi|nine|dede|bebek|bebeğimiz|kızımız|oğlumuz|annemiz|babamız|ninemiz|dedemiz|ablamız|abimiz|delikanlımız|şampiyonumuz|savaşçımız",
        (From, En) => "from",
        (From, Sv) => "från|ifrån",
        (From, Pl) => "z|ze",
        (From, Fr) => "de|du|d'",
        (From, Da) => "fra",
        (Your, En) => "your",
        (Your, Sv) => "din|ditt|dina|ert|era",
        (Your, Pl) => "twój|twoja|twoje|twojego|twojej|twoich|twoim|twoją|pani|pana|państwa",
        (Your, Fr) => "ton|ta|tes|votre|vos",
        (Your, Da) => "din|dit|dine|jeres",
        (Your, Tr) => "senin|sizin|sen|siz",
        (Pronoun, En) => "her|his|she|he|him|hers|she's|he's",
        (Pronoun, Sv) => "hennes|hans|hon|han|henne|honom",
        (Pronoun, Pl) => "jej|jego|ona|on|niej|niego|nią|nim",
        (Pronoun, Fr) => "elle|lui|sa|son|ses",
        (Pronoun, Da) => "hendes|hans|hun|han|hende|ham",
        (Pronoun, Tr) => "onun|ona|kendisi|kendisinin",
        (Greeting, En) => "hi|hey|hello",
        (Greeting, Sv) => "hej|hejsan|hallå",
        (Greeting, Pl) => "cześć|dzień dobry|witaj",
        (Greeting, Fr) => "bonjour|salut|coucou",
        (Greeting, Da) => "hej|hejsa|hallo",
        (Greeting, Tr) => "merhaba|selam",
        (OwnKin, En) => "my mum|my mom|my mother|my dad|my father|my husband|my wife|my partner|my son|my daughter|my sister|my brother|my nan|my gran|my grandma|my grandad|my grandpa|my grandmother|my grandfather|my aunt|my uncle|my niece|my nephew|my cousin|my friend|my best friend|my little boy|my little girl|my baby|our son|our daughter|our baby",
        (OwnKin, Sv) => "min mamma|min mor|min pappa|min far|min man|min fru|min sambo|min partner|min son|min dotter|min syster|min bror|min mormor|min farmor|min morfar|min farfar|min moster|min faster|min morbror|min farbror|min kusin|min vän|min bästa vän|vår son|vår dotter",
        (OwnKin, Pl) => "moja mama|mój tata|moja matka|mój ojciec|mój mąż|moja żona|mój partner|moja partnerka|mój syn|moja córka|moja siostra|mój brat|moja babcia|mój dziadek|moja ciocia|mój wujek|moja przyjaciółka|mój przyjaciel|mojej mamy|mojego taty|mojego męża|mojej żony|mojego syna|mojej córki|nasz syn|nasza córka",
        (OwnKin, Fr) => "ma mère|ma maman|mon père|mon papa|mon mari|ma femme|mon conjoint|ma conjointe|mon compagnon|ma compagne|mon fils|ma fille|ma sœur|mon frère|ma grand-mère|mon grand-père|ma tante|mon oncle|mon amie|mon ami|ma meilleure amie|mon meilleur ami|notre fils|notre fille",
        (OwnKin, Da) => "min mor|min far|min mand|min kone|min kæreste|min partner|min søn|min datter|min søster|min bror|min mormor|min farmor|min morfar|min farfar|min moster|min faster|min morbror|min farbror|min ven|min veninde|min bedste ven|vores søn|vores datter",
        (OwnKin, Tr) => "annem|babam|eşim|kocam|karım|oğlum|kızım|kardeşim|ablam|abim|ağabeyim|ninem|dedem|anneannem|babaannem|teyzem|halam|dayım|amcam|arkadaşım|en yakın arkadaşım",
        (PlaceAdjective, En) => "little|young|old|lovely|dear",
        (PlaceAdjective, Sv) => "lilla|lille|unga|gamla",
        (PlaceAdjective, Pl) => "mały|mała|małego|małej|małemu",
        (PlaceAdjective, Fr) => "petit|petite",
        (PlaceAdjective, Da) => "lille|unge|gamle",
        (PlaceAdjective, Tr) => "küçük|minik",
        (Relative, En) => "who|whom|whose",
        (Relative, Sv) => "som",
        (Relative, Pl) => "który|która|które|którego|której",
        (Relative, Fr) => "qui|dont",
        (Relative, Da) => "som|der",
        (Welcome, En) => "welcome",
        (Welcome, Sv) => "välkommen|välkomna",
        (Welcome, Pl) => "witamy",
        (Welcome, Fr) => "bienvenue",
        (Welcome, Da) => "velkommen",
        (Welcome, Tr) => "hoş geldin|hoş geldiniz",
        _ => "",
    }
}

pub struct Tables {
    /// Per language, the role of each term of `terms` (the term's tag in `Source::Narrative`).
    per_lang: Vec<Vec<Role>>,
    /// Swedish and Danish write compounds ("höftoperationen", "hofteoperation"): care terms are
    /// also looked for at the end of a longer word.
    compound_heads: Vec<Option<aho_corasick::nfa::noncontiguous::NFA>>,
    age: Regex,
    /// A newborn's weight: "3,450 g", "3 450 gram", "3,2 kg", "7lb 2oz".
    birth_weight: Regex,
    /// Stems (`clients::stem_word`) of the given names, so inflected forms count too: "Majas",
    /// "Kasię", "Tomkiem".
    given_stems: Vec<HashSet<String>>,
}

use crate::rules::spec::lexicons;

/// Given names of the draft's language, plus the English list (names travel; English ones most of
/// all). Other languages' names are not used: "Can" and "Jan" are words too.
fn given_for(lang: Lang) -> Vec<&'static str> {
    let lex = lexicons();
    let mut v: Vec<&str> = Vec::new();
    for l in [lang, Lang::En] {
        if let Some(list) = lex.get(&format!("{}/client-given-names", l.code())) {
            v.extend(list.iter().map(String::as_str));
        }
        if lang == Lang::En {
            break;
        }
    }
    v
}

/// The word classes of `lang`, one entry per term, in tag order: lexicons, closed classes, given
/// names.
fn lang_terms(lang: Lang) -> Vec<(&'static str, Role)> {
    let lex = lexicons();
    let mut terms: Vec<(&'static str, Role)> = Vec::new();
    for (name, role) in LEXICON_ROLES {
        for t in lex.get(&format!("{}/{name}", lang.code())).into_iter().flatten() {
            terms.push((t.as_str(), role));
        }
    }
    for role in [Role::Title, Role::TitleAfter, Role::From, Role::Your, Role::Pronoun, Role::Greeting, Role::OwnKin, Role::PlaceAdjective, Role::Relative, Role::Welcome] {
        for t in closed_class(lang, role).split('|').filter(|t| !t.is_empty()) {
            terms.push((t, role));
        }
    }
    for g in given_for(lang) {
        terms.push((g, Role::GivenName));
    }
    terms
}

/// Does this Turkish word carry a second-person plural ending ("sonucunuz", "anlattığınız")?
#[inline(never)]
pub fn second_person_plural(word: &str) -> bool {
    let word = fold(word);
    (word.contains("niz") || word.contains("nuz")) && !word.starts_with("deniz")
}

/// `(tag, term)` pairs of the narrative word classes of `lang`, for the shared automaton
/// (`detectors::Source::Narrative`); a match's tag indexes `Tables::per_lang`.
pub(crate) fn source_terms(lang: Lang) -> Vec<(usize, String)> {
    lang_terms(lang).into_iter().enumerate().map(|(i, (t, _))| (i, t.to_string())).collect()
}

pub fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let lex = lexicons();
        let given_stems = Lang::ALL
            .iter()
            .map(|&l| given_for(l).iter().filter(|g| g.chars().count() >= 4).map(|g| crate::clients::stem_word(g)).collect())
            .collect();
        let per_lang = Lang::ALL.iter().map(|&lang| lang_terms(lang).into_iter().map(|(_, role)| role).collect()).collect();
        // Ages stated the way case stories state them, in the six languages: "34-year-old",
        // "41 lat" or "38 år" after a comma, English "male, 63," or ", aged 91" (`plausible_age`).
        let age = Regex::new(
            r"(?xi)
            \b(?:1[01][0-9]|[1-9]?[0-9])
            (?:
                [\s-]?(?:year|yr)s?[\s-]old
              | [\s-]?(?:yo|y/o)\b
              | [FMKfmk]\b
              | -?år(?:ig|ige|iga|ing|ingen|ingar)\b
              | \s?år\s(?:gammal|gammel|ung)
              | -?(?:letni|letnia|letniego|letniej|letnią|latek|latka|latkę|latki)\b
              | \s(?:lat|lata)\b
              | \s?l\.
              | \s?ans\b
              | \s?yaşında
              | \s?yaşındaki
              | \s?yaş\b
              | \sår\b
                # A bare number: an age only where `english_bare_age` says so.
              | \b
            )",
        )
        .expect("age pattern compiles");
        let birth_weight = Regex::new(
            r"(?i)\b(?:[1-6][\s.,]?[0-9]{3}\s?(?:g|gr|grams?|gramów|grammes?)|[0-6][.,][0-9]{1,3}\s?(?:kg|kilo)|[0-9]{1,2}\s?(?:lbs?|pounds?)\s?[0-9]{1,2}\s?(?:oz|ounces?))\b",
        )
        .expect("birth weight pattern compiles");
        let compound_heads = Lang::ALL
            .iter()
            .map(|&lang| {
                if !matches!(lang, Lang::Sv | Lang::Da) {
                    return None;
                }
                let heads: Vec<String> = lex
                    .get(&format!("{}/care-terms", lang.code()))
                    .into_iter()
                    .flatten()
                    .map(|t| fold(t.trim_end_matches('*')))
                    .filter(|t| t.chars().count() >= 6 && !t.contains(' '))
                    .collect();
                aho_corasick::nfa::noncontiguous::NFA::new(&heads).ok()
            })
            .collect();
        Tables { per_lang, age, birth_weight, given_stems, compound_heads }
    })
}

#[derive(Debug, Clone, Copy)]
pub struct TermHit {
    pub role: Role,
    pub start: usize,
    pub end: usize,
    /// First word covered.
    pub w: usize,
}

#[derive(Debug, Clone)]
pub struct Person {
    pub start: usize,
    pub end: usize,
    /// The name's (first) word.
    pub w: usize,
    /// A handle ("@jenny_r").
    pub handle: bool,
    /// Sure it is a person: a title, an age, "from <Place>", an initial, a full name.
    pub strong: bool,
    /// A colleague (staff title nearby).
    pub staff: bool,
    /// Addressed with a greeting ("Hi Gail,").
    pub greeted: bool,
    /// Opens the draft as an address ("Pani Halino, ...").
    pub vocative: bool,
    /// Folded name, to recognise the same person again.
    pub key: String,
    /// Introduced as the writer's own family or friend: "my husband David".
    pub own: bool,
}

pub struct Analysis {
    pub words: Vec<(usize, usize)>,
    pub sent: Vec<usize>,
    pub mask: Vec<u32>,
    pub terms: Vec<TermHit>,
    pub persons: Vec<Person>,
    /// Ages: byte range and word index.
    pub ages: Vec<(usize, usize, usize)>,
    pub hypothetical_sentences: HashSet<usize>,
    /// Sentences that announce a birth: a birth weight, with a birth word in it or next to it.
    pub birth_sentences: Vec<usize>,
}

/// Swedish and Danish street names are one compound word ("Tyresövägen", "Istedgade"), so the
/// street words in the care-staff lexicons never sit next to them.
fn street_compound(lang: Lang, word: &str) -> bool {
    let suffixes: &[&str] = match lang {
        Lang::Sv => &["gatan", "vägen", "gränd", "gränden", "torget", "stigen", "allén", "backe", "backen", "leden", "plan"],
        Lang::Da => &["gade", "vej", "vænge", "vænget", "stræde", "allé", "plads", "torv"],
        _ => return false,
    };
    // The street word ends the compound in lower case: "Tyresövägen", "Istedgade".
    suffixes.iter().any(|s| word.len() > s.len() + 2 && word.ends_with(s))
}

fn is_cap(word: &str) -> bool {
    let mut cs = word.chars();
    let Some(first) = cs.next() else { return false };
    if !first.is_uppercase() {
        return false;
    }
    // "NHS", "ACL": acronyms are not names. Single capitals are initials, handled apart.
    cs.any(char::is_lowercase)
}

/// "41 lat" / "34 ans" are ages after a comma or parenthesis ("Klient, 41 lat", "(45 l.,") or
/// after French "de" ("un homme de 52 ans"); elsewhere they are durations ("od 5 lat", "depuis
/// 6 ans").
fn plausible_age(text: &str, start: usize, m: &str) -> bool {
    // "10k", "5k": a distance or a sum, not "45K" (kobieta).
    if m.ends_with('k') {
        return false;
    }
    let head = text[..start].trim_end();
    let after = text[start + m.len()..].trim_start();
    if m.bytes().all(|b| b.is_ascii_digit()) {
        // Most numbers are not ages: ask further only after a comma or "aged".
        let aged = head.len() >= 4 && head.as_bytes()[head.len() - 4..].eq_ignore_ascii_case(b"aged");
        return (aged || head.ends_with(',')) && english_bare_age(head, after);
    }
    let next_word = fold(after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or(""));
    let next_is = |words: &[&str]| words.iter().any(|w| next_word == *w);
    let f = fold(m);
    // "65 yaş üstü", "65 yaş ve üzeri", "18 yaş altı": an age group, not a person.
    if f.ends_with("yas") {
        let after = fold(near_start(after, 24));
        let group = ["ustu", "uzeri", "uzerinde", "alti", "altinda", "arasi", "grubu", "grubunda"];
        let rest = after.strip_prefix("ve ").unwrap_or(&after);
        return !group.iter().any(|g| rest.starts_with(g));
    }
    let bare = f.ends_with(" lat") || f.ends_with(" lata") || f.ends_with("ans") || f.ends_with("l.") || f.ends_with(" ar");
    if !bare || f.contains('-') {
        return true;
    }
    // "5 år sedan", "2 lata temu": a span of time, not an age; so are years of study or work
    // ("14 lat studiów", "10 ans d'études", "30 ans de carrière").
    if next_is(&[
        "sedan", "senare", "tidigare", "siden", "senere", "tidligere", "temu", "pozniej", "wczesniej", "apres", "avant",
        "studiow", "nauki", "pracy", "stazu", "praktyki", "doswiadczenia", "d", "de",
    ]) {
        return false;
    }
    // Only the words just before the number: folding all that precedes it would make a long
    // draft's ages cost the whole draft each.
    let head = fold(near_end(head, 24));
    // "les patients de plus de 75 ans", "moins de 18 ans": a population, not a person.
    if ["plus de", "moins de", "partir de", "dela de", "au-dela de"].iter().any(|p| head.ends_with(p)) {
        return false;
    }
    head.ends_with([',', '(']) || head.ends_with(" de") || head.ends_with(" agee de") || head.ends_with(" age de")
}

/// At most the first `n` bytes of `s` (cut at a character boundary).
fn near_start(s: &str, n: usize) -> &str {
    let mut i = n.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    &s[..i]
}

/// At most the last `n` bytes of `s` (cut at a character boundary).
fn near_end(s: &str, n: usize) -> &str {
    let mut i = s.len().saturating_sub(n);
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// A number alone is an age in an English case story's telegraphic style: after a sex word and
/// a comma, with a comma after it ("male, 63, retired postman", "Woman, 29; ..."), or after
/// "aged" that follows a comma or a person ("the gentleman on bay 4, aged 91, ...", "a man aged
/// 58"). Not a population ("women aged 50 to 71", "adults aged 65 and over", "aged 40-74"), the
/// writer ("as a woman, 45, ..."), their own family ("my son, aged 7") or a count ("a man, 3 kids
/// and a dog"). `head` is the folded text before the number, trimmed.
#[inline(never)] // out of the age iterator's `next`, which it would double in size
fn english_bare_age(head: &str, after: &str) -> bool {
    const PERSON: &str = "male female man woman boy girl gentleman lady";
    // The words before the number, nearest first (read lazily: `head` is all the text before it).
    let mut back = head.rsplit([' ', '\n', '(']).filter(|w| !w.is_empty());
    let word = back.next().unwrap_or("");
    let (w1, w2, w3) = (back.next().unwrap_or(""), back.next().unwrap_or(""), back.next().unwrap_or(""));
    if let Some(sex) = word.strip_suffix(',') {
        let own = one_of(w1, "a") && one_of(w2, "as am i'm i’m");
        return one_of(sex, PERSON) && !own && after.starts_with([',', ';', ')']);
    }
    let next_word = after.split(' ').next().unwrap_or("");
    if !one_of(word, "aged") || after.starts_with(['-', '–', '—', '+', '/']) || one_of(next_word, "to and or plus through") {
        return false;
    }
    let person = w1.ends_with(',') || one_of(w1, PERSON) || one_of(w1, "patient client resident");
    person && ![w1, w2, w3].iter().any(|w| one_of(w, "my our"))
}

/// A weight that is a threshold or a range end, not one baby's: "born under 2,500 g", "poniżej
/// 2500 g", "moins de 2,5 kg", "från 2 500 till 4 000 g", "2500 gram altı".
#[inline(never)]
fn weight_threshold(text: &str, start: usize, end: usize) -> bool {
    // Read lazily from the number outwards: `text` may be long.
    let before = &text[..start];
    let word = before.trim_end().rsplit(' ').next().unwrap_or("");
    // "2500 gram altı": Turkish puts it after.
    let next = text[end..].trim_start().split(' ').next().unwrap_or("");
    const CUT: &str = "under over below above than to and between till upp och än niż poniżej powyżej ponad do i moins plus entre et à end op til og mellem ve ile";
    one_of(word, CUT) || before.ends_with("moins de ") || before.ends_with("plus de ") || word.ends_with('-') || word.ends_with('–') || one_of(next, "altı üstü arası")
}

/// Is `word` one of the space-separated `list`, ignoring ASCII case?
#[inline(never)] // one loop for every word list, not one per list
pub(crate) fn one_of(word: &str, list: &str) -> bool {
    list.split(' ').any(|x| x.eq_ignore_ascii_case(word))
}

/// The upper end of an age range ("50-69 yaş", "aged 50 to 71", "mellan 45 och 70 år") is a
/// population, not a person.
fn age_range_end(text: &str, start: usize) -> bool {
    let before = fold(text[..start].trim_end());
    let before = before.trim_end();
    let rest = if let Some(r) = before.strip_suffix(['-', '–', '—']) {
        r
    } else {
        match before.rsplit_once(' ') {
            Some((r, last)) if matches!(last, "to" | "and" | "till" | "och" | "og" | "til" | "do" | "i" | "a" | "et" | "ile" | "ve") => r,
            _ => return false,
        }
    };
    rest.trim_end().chars().next_back().is_some_and(|c| c.is_ascii_digit())
}

impl Analysis {
    pub fn new(ctx: &Ctx) -> Analysis {
        let t = tables();
        let text = ctx.text;
        let words: Vec<(usize, usize)> = ctx.words.iter().map(|w| (w.start, w.end)).collect();
        let sents = ctx.sentences();
        let mut sent = Vec::with_capacity(words.len());
        let mut si = 0;
        for &(s, _) in &words {
            while si + 1 < sents.len() && s >= sents[si].1 {
                si += 1;
            }
            sent.push(si);
        }
        let word_at = |byte: usize| -> usize {
            match words.binary_search_by(|w| w.0.cmp(&byte)) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            }
        };
        let roles = &t.per_lang[ctx.lang.index()];
        let mut mask = vec![0u32; words.len()];
        let mut terms = Vec::new();
        for m in ctx.terms(Source::Narrative) {
            let (s, e) = ctx.folded.to_original(m.start, m.end);
            if words.is_empty() || s >= e {
                continue;
            }
            let role = roles[m.tag];
            let w0 = word_at(s);
            let mut w = w0;
            while w < words.len() && words[w].0 < e {
                mask[w] |= role.bit();
                w += 1;
            }
            terms.push(TermHit { role, start: s, end: e, w: w0 });
        }
        if let Some(heads) = &t.compound_heads[ctx.lang.index()] {
            let hay = ctx.folded.text.as_str();
            let mut found = Vec::new();
            crate::lexicon::overlapping(heads, hay.as_bytes(), |_, s, e| found.push((s, e)));
            for (m_start, m_end) in found {
                // Inside a word (the start is not a word start): "höft|operationen".
                let inside = hay[..m_start].chars().next_back().is_some_and(crate::text::is_word_char);
                if !inside {
                    continue;
                }
                let (s, _) = ctx.folded.to_original(m_start, m_end);
                if words.is_empty() {
                    continue;
                }
                let w = word_at(s);
                if mask[w] & Role::Care.bit() == 0 {
                    mask[w] |= Role::Care.bit();
                    let (ws, we) = words[w];
                    terms.push(TermHit { role: Role::Care, start: ws, end: we, w });
                }
            }
        }
        crate::sort::sort_by_key(&mut terms, |h| (h.start, h.end, 0));
        let mut ages: Vec<(usize, usize, usize)> = t
            .age
            .find_iter(text)
            .filter(|m| !words.is_empty() && plausible_age(text, m.start(), m.as_str()) && !age_range_end(text, m.start()))
            .map(|m| {
                let w = word_at(m.start());
                // A bare age's span starts at the word that makes it one: "male, 63", "aged 91".
                let bare = m.as_str().bytes().all(|b| b.is_ascii_digit()) && w > 0;
                (if bare { words[w - 1].0 } else { m.start() }, m.end(), w)
            })
            .collect();
        // Ages in words ("in her forties") from the lexicon.
        for h in terms.iter().filter(|h| h.role == Role::Age) {
            ages.push((h.start, h.end, h.w));
        }
        let hypothetical_sentences = terms.iter().filter(|h| h.role == Role::Hypothetical).map(|h| sent[h.w]).collect();
        // Weights are looked for only in a draft that speaks of a birth.
        let mut birth_sentences = Vec::new();
        if terms.iter().any(|h| h.role == Role::Birth) {
            for m in t.birth_weight.find_iter(text) {
                let s = sent[word_at(m.start())];
                if terms.iter().any(|h| h.role == Role::Birth && sent[h.w].abs_diff(s) <= 1) && !weight_threshold(text, m.start(), m.end()) {
                    birth_sentences.push(s);
                }
            }
        }
        let mut a = Analysis { words, sent, mask, terms, persons: Vec::new(), ages, hypothetical_sentences, birth_sentences };
        a.find_persons(text, ctx.lang);
        a
    }

    /// "Mrs Okafor, who ...", "Herr Lind, som ...": a relative clause after the name and its comma.
    /// After a title, also a sentence that goes on in the third person and never says "your"
    /// ("Mme Dubois, en cardiologie, sort après son pontage"). A bare first name and a comma is
    /// mostly a greeting, so there only the relative clause counts, or a care word right after the
    /// comma ("Erik Lind, inlagd i måndags ...") in a sentence that never says "your".
    #[inline(never)]
    fn aside_about(&self, w: usize, last: usize, titled: bool) -> bool {
        if self.has(last + 1, Role::Relative) {
            return true;
        }
        let mut third_person = false;
        for j in (0..self.words.len()).filter(|&j| self.sent[j] == self.sent[w]) {
            if self.has(j, Role::Your) {
                return false;
            }
            third_person |= j > last && self.has(j, Role::Pronoun);
        }
        // "Erik Lind, inlagd i måndags efter ..., fick åka hem": care right after the comma, and
        // nothing in the sentence speaks to them.
        (titled && third_person) || self.has(last + 1, Role::Care)
    }

    pub fn has(&self, w: usize, role: Role) -> bool {
        self.mask.get(w).is_some_and(|m| m & role.bit() != 0)
    }

    pub fn word<'t>(&self, text: &'t str, w: usize) -> &'t str {
        self.words.get(w).map(|&(s, e)| &text[s..e]).unwrap_or("")
    }

    /// Is one of the words in `range`, folded, in the space-separated `list` (`one_of`)?
    #[inline(never)]
    pub fn any_word_in(&self, text: &str, range: std::ops::Range<usize>, list: &str) -> bool {
        range.filter(|&j| j < self.words.len()).any(|j| one_of(&fold(self.word(text, j)), list))
    }

    /// Does word `w` (or the hyphenated name it ends) directly follow an `@`?
    fn mentioned(&self, text: &str, mut w: usize) -> bool {
        while w > 0 && self.gap(text, w - 1) == "-" {
            w -= 1;
        }
        text[..self.words[w].0].ends_with('@')
    }

    /// A Turkish second-person plural ending ("anlattığınız") among the words of the first
    /// sentence from word `from` on.
    fn second_person_follows(&self, text: &str, from: usize) -> bool {
        (from..self.words.len()).take_while(|&j| self.sent[j] == 0).any(|j| second_person_plural(self.word(text, j)))
    }

    /// Only spaces (and at most one of `seps`) between words `a` and `a + 1`.
    fn gap<'t>(&self, text: &'t str, a: usize) -> &'t str {
        match (self.words.get(a), self.words.get(a + 1)) {
            (Some(x), Some(y)) => &text[x.1..y.0],
            _ => "",
        }
    }

    /// The last word of a person's initials starting at word `w`: two or three capital letters,
    /// each followed by a full stop, with no space between ("R.B.", "A.K.,"). Common
    /// abbreviations written the same way ("U.S.", "I.V.", "P.S.") are not initials.
    fn initials_end(&self, text: &str, w: usize) -> Option<usize> {
        const NOT_INITIALS: &str = "U.S U.K E.U N.B P.S A.D B.C I.V I.M P.O O.K D.C T.V S.A A.S A.M P.M R.N M.D G.P B.A M.A M.S B.S P.T O.T S.O.S R.I.P U.S.A";
        // One capital letter (A-Z) followed directly by a full stop.
        let initial = |j: usize| {
            let (s, e) = self.words[j];
            e == s + 1 && text.as_bytes()[s].is_ascii_uppercase() && text.as_bytes().get(e) == Some(&b'.')
        };
        let n = self.words.len();
        if !(w + 1 < n && initial(w) && initial(w + 1) && self.gap(text, w) == ".") {
            return None;
        }
        let mut last = w + 1;
        if last + 1 < n && initial(last + 1) && self.gap(text, last) == "." {
            last += 1;
        }
        let letters = &text[self.words[w].0..self.words[last].1];
        (!NOT_INITIALS.split(' ').any(|x| x == letters)).then_some(last)
    }

    /// An age right after word `w`: "Anna, 34," / "Walter (91!)" / "Chloé, 31 ans".
    fn age_after(&self, text: &str, w: usize) -> Option<usize> {
        let gap = self.gap(text, w).trim();
        if !(gap == "," || gap == "(") {
            return None;
        }
        let n = self.word(text, w + 1);
        if n.is_empty() || n.len() > 3 || !n.chars().all(|c| c.is_ascii_digit()) {
            return None;
        }
        let v: u32 = n.parse().ok()?;
        if v > 110 {
            return None;
        }
        let after = self.gap(text, w + 1);
        let next = self.word(text, w + 2);
        let unit = ["years", "year", "yrs", "år", "lat", "lata", "l", "ans", "yaşında", "yaş", "yo", "y"];
        let ok = after.starts_with([',', ')', '!', ';'])
            || (after.trim().is_empty() && unit.iter().any(|u| fold(next) == fold(u)))
            || self.words.get(w + 2).is_none();
        ok.then_some(w + 1)
    }

    fn find_persons(&mut self, text: &str, lang: Lang) {
        let n = self.words.len();
        let non_name = Role::Care.bit()
            | Role::ClientRef.bit()
            | Role::Staff.bit()
            | Role::Time.bit()
            | Role::People.bit()
            | Role::Title.bit()
            | Role::TitleAfter.bit()
            | Role::From.bit()
            | Role::Your.bit()
            | Role::Pronoun.bit()
            | Role::Greeting.bit()
            | Role::Disclosure.bit()
            | Role::Testimonial.bit()
            | Role::Hypothetical.bit()
            | Role::OwnKin.bit()
            | Role::PersonNoun.bit()
            | Role::Birth.bit()
            | Role::Welcome.bit();
        let mut persons: Vec<Person> = Vec::new();
        // Handles.
        // '@' is ASCII: find it by byte, not by decoding every char.
        for (i, _) in text.match_indices('@') {
            if text[..i].chars().next_back().is_some_and(|p| p.is_alphanumeric()) {
                continue;
            }
            let rest = &text[i + 1..];
            let len: usize = rest.char_indices().take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '_' | '.')).map(|(_, c)| c.len_utf8()).sum();
            let h = rest[..len].trim_end_matches('.');
            if h.len() >= 2 && h.chars().any(|c| c.is_alphabetic()) {
                let end = i + 1 + h.len();
                let w = match self.words.binary_search_by(|x| x.0.cmp(&(i + 1))) {
                    Ok(w) => w,
                    Err(w) => w.min(n.saturating_sub(1)),
                };
                persons.push(Person { start: i, end, w, handle: true, strong: true, staff: false, greeted: false, vocative: false, key: fold(h), own: false });
            }
        }
        let given_stems = &tables().given_stems[lang.index()];
        let (mut stem, mut scratch) = (String::new(), String::new());
        let mut w = 0;
        while w < n {
            let word = self.word(text, w);
            // "Mr R.B.", "p. K.W.", "A.K.": a person's initials, which with a ward, a room or an
            // admission date identify them as well as a name does; read like a given name and
            // its initial ("Anna K.").
            let initials = self.initials_end(text, w);
            // "Mr D", "Fru K": one capital after a title is a person too.
            let lone_initial = w > 0 && word.len() == 1 && word != "I" && word.as_bytes()[0].is_ascii_uppercase()
                && self.has(w - 1, Role::Title) && self.sent[w - 1] == self.sent[w];
            if (!is_cap(word) && initials.is_none() && !lone_initial) || self.mask[w] & non_name != 0 || street_compound(lang, word) {
                w += 1;
                continue;
            }
            // "Gun-Britt", "Jean-Pierre": a hyphenated first name is one name, known by either part.
            let mut k = w;
            while k + 1 < n && self.gap(text, k) == "-" && is_cap(self.word(text, k + 1)) {
                k += 1;
            }
            let given = initials.is_some()
                || lone_initial
                || self.has(w, Role::GivenName)
                || self.has(k, Role::GivenName)
                // English names don't inflect (a possessive keeps its apostrophe), and English
                // words share stems with names: "Free" with "Freya".
                || (lang != Lang::En && word.chars().count() >= 4 && {
                    crate::clients::stem_word_into(word, &mut stem, &mut scratch);
                    given_stems.contains(stem.as_str())
                });
            if self.mentioned(text, w) {
                // "@Karen Hughes", "@Gun-Britt Svensson": a full name mentioned is the handle found
                // above, not another person.
                while w + 1 < n && matches!(self.gap(text, w), " " | "-") && is_cap(self.word(text, w + 1)) {
                    w += 1;
                }
                w += 1;
                continue;
            }
            let mut start = self.words[w].0;
            let mut end = self.words[k].1;
            let mut strong = false;
            // A title before: "Pani Bożena", "Mme Lefort", "M. Carvalho".
            // (The sentence splitter ends a sentence at "M." / "Mr."; a title abbreviation does not.)
            let abbrev = w > 0 && matches!(self.word(text, w - 1), "M" | "Mr" | "Mrs" | "Ms" | "Mme" | "Mlle" | "Dr" | "Hr" | "hr") && self.gap(text, w - 1).starts_with('.');
            if w > 0 && (self.sent[w - 1] == self.sent[w] || abbrev) {
                let prev = self.word(text, w - 1);
                // "Gamla Tyresövägen", "Lilla Edet", "Little Venice": a capitalised adjective title
                // mid-name is part of a place's name, unless a known given name follows.
                let place_adjective = !given && is_cap(prev) && self.has(w - 1, Role::PlaceAdjective);
                if (self.has(w - 1, Role::Title) && !place_adjective) || abbrev {
                    if prev != "Dr" {
                        strong = true;
                        start = self.words[w - 1].0;
                    }
                } else if self.has(w - 1, Role::ClientRef) && self.gap(text, w - 1).trim().is_empty() {
                    // "my patient Ahmed", "min klient Sara": named by the client reference.
                    strong = true;
                }
            }
            // Surname or initial after: "Dean Holt", "Anna K.", "Lena B". Initials ("R.B.") end
            // at their last full stop.
            if let Some(i) = initials {
                k = i;
                end = self.words[i].1 + 1;
            }
            // Also a double-barrelled surname: "Anna Nowak-Kowalska".
            while k + 1 < n && (self.gap(text, k) == "-" || self.gap(text, k).chars().all(|c| c == ' ')) && !self.gap(text, k).is_empty() {
                let next = self.word(text, k + 1);
                let initial = next.chars().count() == 1
                    && next.chars().all(char::is_uppercase)
                    && next != "I"
                    && (given || strong || self.gap(text, k + 1).starts_with('.'));
                if (is_cap(next) && self.mask[k + 1] & non_name == 0) || initial {
                    if initial || given || strong {
                        strong = true;
                    }
                    k += 1;
                    end = self.words[k].1;
                    if initial {
                        if self.gap(text, k).starts_with('.') {
                            end += 1;
                        }
                        break;
                    }
                } else {
                    break;
                }
            }
            let last = k;
            // Turkish title after: "Orhan Bey", "Nermin Hanım'ın".
            if last + 1 < n && self.has(last + 1, Role::TitleAfter) && !self.gap(text, last).contains(['.', '\n']) {
                strong = true;
                end = self.words[last + 1].1;
            }
            // An age or a place after the name.
            if self.age_after(text, last).is_some() {
                strong = true;
            }
            if last + 2 < n && self.has(last + 1, Role::From) && is_cap(self.word(text, last + 2)) && self.sent[last + 2] == self.sent[w] {
                strong = true;
                end = self.words[last + 2].1;
            }
            if strong || given {
                // A welcome greets a new colleague, except in a birth announcement, where it
                // greets the newborn.
                let staff_bits = Role::Staff.bit() | if self.in_birth_announcement(w) { 0 } else { Role::Welcome.bit() };
                let staff_word = |j: usize| self.sent[j] == self.sent[w] && self.mask[j] & staff_bits != 0;
                let staff = (w.saturating_sub(5)..w).any(staff_word)
                    || (last + 1..(last + 4).min(n)).any(staff_word)
                    // A title right before: also where its period split the sentence ("dr. hab.", "Doç.").
                    || (w > 0 && matches!(self.word(text, w - 1), "Dr" | "dr" | "Dr." | "Prof" | "prof" | "Pr" | "hab" | "mgr" | "Doç" | "Uzm"));
                let greeted = (w.saturating_sub(2)..w).any(|j| self.has(j, Role::Greeting));
                // "Pani Halino, ..." / "Orhan Bey, ...": a name opening the draft, followed by a comma.
                // Not when the comma opens an aside about them (`aside_about`).
                let vocative = w <= 1 && self.sent[w] == 0 && self.age_after(text, last).is_none() && {
                    let after_end = text[end..].trim_start_matches(|c: char| c.is_alphanumeric() || c == '\'' || c == '’');
                    after_end.trim_start().starts_with(',')
                        // Turkish "Hülya Hanım anlattığınız ...": the title after the name and a
                        // second-person verb address her without a comma.
                        || (lang == Lang::Tr && last + 1 < n && end == self.words[last + 1].1 && self.has(last + 1, Role::TitleAfter) && self.second_person_follows(text, last + 2))
                } && !self.aside_about(w, last, strong);
                let own = (w.saturating_sub(2)..w).any(|j| self.sent[j] == self.sent[w] && self.has(j, Role::OwnKin));
                persons.push(Person { start, end, w, handle: false, strong, staff, greeted, vocative, key: fold(word), own });
                w = last + 1;
            } else {
                // "Twins Ella and ...", "Patient Anna ...": the first capitalised word was
                // not a name, but the next one may be.
                w += 1;
            }
        }
        let staff_keys: HashSet<String> = persons.iter().filter(|p| p.staff).map(|p| p.key.clone()).collect();
        for p in &mut persons {
            if staff_keys.contains(&p.key) {
                p.staff = true;
            }
        }
        self.persons = persons;
    }

    /// Term hits of `role` within `window` words of word `w` and at most `max_sent` sentences away.
    pub fn near(&self, w: usize, role: Role, window: usize, max_sent: usize) -> Option<&TermHit> {
        self.near_where(w, role, window, max_sent, &|_| true)
    }

    /// As `near`, among the hits that `keep` accepts.
    pub fn near_where(&self, w: usize, role: Role, window: usize, max_sent: usize, keep: &dyn Fn(&TermHit) -> bool) -> Option<&TermHit> {
        let s = self.sent.get(w).copied().unwrap_or(0);
        // Terms are sorted by position: look only inside the window.
        let lo = self.terms.partition_point(|h| h.w + window < w);
        self.terms[lo..]
            .iter()
            .take_while(|h| h.w <= w + window)
            .filter(|h| h.role == role && self.sent[h.w].abs_diff(s) <= max_sent && keep(h))
            .min_by_key(|h| h.w.abs_diff(w))
    }

    /// Does the person term `t` say no more than a sex or an age group ("a woman", "en ung man",
    /// "une jeune femme")? True when one of its words is a `PersonNoun`.
    pub fn names_only_sex_or_age(&self, t: &TermHit) -> bool {
        let mut w = t.w;
        while w < self.words.len() && self.words[w].0 < t.end {
            if self.has(w, Role::PersonNoun) {
                return true;
            }
            w += 1;
        }
        false
    }

    /// Is word `w` in a birth announcement (the sentence with the weight, or one next to it)?
    pub fn in_birth_announcement(&self, w: usize) -> bool {
        self.birth_sentences.iter().any(|s| s.abs_diff(self.sent[w]) <= 1)
    }

    pub fn any(&self, role: Role) -> bool {
        self.terms.iter().any(|h| h.role == role)
    }

    pub fn is_hypothetical(&self, w: usize) -> bool {
        self.sent.get(w).is_some_and(|s| self.hypothetical_sentences.contains(s) || (*s > 0 && self.hypothetical_sentences.contains(&(s - 1))))
    }
}
