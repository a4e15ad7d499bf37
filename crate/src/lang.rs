//! The six languages, and working out which one a draft is written in.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Sv,
    Pl,
    Fr,
    Da,
    Tr,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::En, Lang::Sv, Lang::Pl, Lang::Fr, Lang::Da, Lang::Tr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
            Lang::Pl => "pl",
            Lang::Fr => "fr",
            Lang::Da => "da",
            Lang::Tr => "tr",
        }
    }

    /// Accepts "sv", "SV", "sv-SE", "sv_SE"; anything else is `None`.
    pub fn from_code(code: &str) -> Option<Lang> {
        let base = code.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.code() == base)
    }

    pub fn index(self) -> usize {
        self as usize
    }
}

/// Frequent short words that tell the six languages apart. Kept small on purpose: drafts are short,
/// and the letters below settle most cases.
const STOPWORDS: [(Lang, &[&str]); 6] = [
    (Lang::En, &["the", "and", "is", "are", "was", "you", "with", "for", "this", "that", "of", "to", "in", "my", "our", "it", "have", "has", "be", "not", "your", "we", "at", "on", "today", "she", "he", "her", "his", "what", "just", "will", "can", "please", "thank", "who", "about", "from", "they", "their", "there", "would", "all", "new", "good", "were", "been", "if", "or", "so", "how", "why", "when", "which", "an", "very", "more", "after", "before", "week", "team", "thanks", "everyone", "love"]),
    (Lang::Sv, &["och", "är", "att", "det", "som", "en", "på", "med", "för", "inte", "jag", "vi", "har", "till", "av", "om", "hon", "han", "var", "du", "kan", "min", "mitt", "den", "ett", "så", "också", "hade", "efter", "idag", "ska", "eller", "vill", "någon", "hur", "där", "mycket", "från", "när", "sig", "dig", "mig", "hej", "tack", "vår", "våra", "ni", "bara", "nu", "utan", "inga", "ingen", "alla", "nya", "nytt", "ny", "bra", "samma", "vecka", "veckan", "kommer", "finns", "många", "hos", "vara", "blir", "blev", "än", "dem", "deras", "här", "sedan", "mot", "tänk", "gärna", "allt", "väldigt", "fick", "får", "ju", "oss"]),
    (Lang::Pl, &["i", "w", "na", "z", "się", "nie", "jest", "to", "że", "do", "jak", "ale", "po", "co", "od", "za", "dla", "pani", "pan", "tak", "już", "mam", "są", "był", "była", "który", "która", "czy", "przez", "mnie", "go", "jej", "ich", "bardzo", "dziś", "dzisiaj", "proszę", "tylko", "może", "też", "jestem", "będzie", "wszystkim", "dziękuję", "nowy", "nowe", "dobry", "dobre", "tydzień", "jeszcze", "gdy", "kiedy", "tego", "jego", "nas", "was", "oraz", "albo", "żeby", "bo", "wszyscy", "zespół", "u", "o"]),
    (Lang::Fr, &["le", "la", "les", "et", "est", "un", "une", "des", "du", "de", "pour", "pas", "que", "qui", "dans", "sur", "avec", "ce", "cette", "je", "nous", "vous", "elle", "il", "mon", "ma", "mes", "son", "sa", "au", "aux", "très", "c'est", "j'ai", "aujourd'hui", "merci", "mais", "ou", "plus", "a", "ne", "en", "nouveau", "nouvelle", "bonne", "bon", "tous", "toutes", "semaine", "équipe", "aussi", "être", "avoir", "fait", "leur", "leurs", "chez", "notre", "nos", "votre", "vos", "comme", "quand", "où", "bien", "encore", "déjà", "toujours", "y"]),
    (Lang::Da, &["og", "er", "at", "det", "som", "en", "på", "med", "for", "ikke", "jeg", "vi", "har", "til", "af", "om", "hun", "han", "var", "du", "kan", "min", "mit", "den", "et", "så", "også", "havde", "efter", "skal", "eller", "vil", "nogen", "hvordan", "hvor", "meget", "fra", "når", "sig", "dig", "mig", "hej", "tak", "vores", "jer", "bare", "nu", "uden", "ikk", "fordi", "hvis", "blev", "der", "de", "jo", "lige", "dag", "nyt", "nye", "ny", "godt", "gode", "samme", "alle", "mange", "uge", "ugen", "kommer", "findes", "hos", "være", "bliver", "end", "dem", "deres", "her", "siden", "mod", "gerne", "alt", "rigtig", "fik", "får", "os", "ingen", "noget", "hvad", "tilbage"]),
    (Lang::Tr, &["ve", "bir", "bu", "da", "de", "için", "ile", "çok", "ne", "mi", "mı", "gibi", "ama", "daha", "var", "yok", "olan", "olarak", "ben", "biz", "siz", "sen", "o", "şu", "her", "bugün", "teşekkür", "lütfen", "hasta", "hastam", "değil", "kadar", "sonra", "önce", "en", "hem", "ya", "diye", "bana", "size", "yeni", "iyi", "hafta", "herkese", "ekibimiz", "ekip", "tüm", "bütün", "bizim", "sizin", "nasıl", "neden", "artık", "hep", "şimdi", "çünkü", "eğer", "veya", "ki", "bile", "mu", "mü", "yine", "olsun", "oldu"]),
];

/// Letters that occur in one or two of the six languages only.
fn letter_votes(c: char, votes: &mut [f32; 6]) {
    let mut add = |l: Lang, w: f32| votes[l.index()] += w;
    match c {
        'å' | 'Å' => {
            add(Lang::Sv, 1.0);
            add(Lang::Da, 1.0);
        }
        'ä' | 'Ä' => add(Lang::Sv, 2.0),
        'ö' | 'Ö' => {
            add(Lang::Sv, 1.0);
            add(Lang::Tr, 1.0);
        }
        'æ' | 'Æ' | 'ø' | 'Ø' => add(Lang::Da, 3.0),
        'ą' | 'ę' | 'ł' | 'ś' | 'ż' | 'ź' | 'ć' | 'ń' | 'Ą' | 'Ę' | 'Ł' | 'Ś' | 'Ż' | 'Ź' | 'Ć' | 'Ń' => add(Lang::Pl, 3.0),
        'ğ' | 'ı' | 'ş' | 'Ğ' | 'İ' | 'Ş' => add(Lang::Tr, 3.0),
        'ü' | 'Ü' => add(Lang::Tr, 1.0),
        'ç' | 'Ç' => {
            add(Lang::Tr, 1.0);
            add(Lang::Fr, 1.0);
        }
        'é' | 'è' | 'ê' | 'à' | 'â' | 'ù' | 'û' | 'î' | 'ô' | 'œ' | 'É' | 'È' | 'À' => add(Lang::Fr, 1.5),
        'ó' | 'Ó' => add(Lang::Pl, 1.0),
        _ => {}
    }
}

/// Word beginnings and endings typical of one language (weaker evidence than a function word).
const AFFIXES: [(Lang, &[&str], &[&str]); 6] = [
    (Lang::En, &["th", "wh"], &["ing", "ght", "ly", "tion"]),
    (Lang::Sv, &["sj", "tj", "skj"], &["arna", "orna", "erna", "ade", "igt", "ning"]),
    (Lang::Pl, &["prz", "trz", "szcz", "wsz"], &["ów", "ych", "ego", "ść", "owa", "ami", "cie"]),
    (Lang::Fr, &["qu"], &["eux", "euse", "ment", "tion", "ais", "ait", "oir", "ée"]),
    (Lang::Da, &["hv", "kk"], &["ede", "ene", "hed", "else", "ker", "ger"]),
    (Lang::Tr, &["ç", "ş"], &["yor", "lar", "ler", "dır", "dir", "mış", "miş", "ız", "iz", "sın", "ım"]),
];

/// FNV-1a: the stopword map's keys are short words, for which SipHash costs more than the lookup.
#[derive(Default)]
struct Fnv(u64);

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 { 0xcbf2_9ce4_8422_2325 } else { self.0 };
        for &b in bytes {
            h ^= b as u64;
            h = h.wrapping_mul(0x100_0000_01b3);
        }
        self.0 = h;
    }
}

type StopwordIndex = std::collections::HashMap<&'static str, u8, std::hash::BuildHasherDefault<Fnv>>;

/// `STOPWORDS` as a map from word to the languages that list it (a bit per `Lang::index`), built
/// once: a hash lookup per word instead of a scan of every list (language detection runs on every
/// check).
fn stopword_index() -> &'static StopwordIndex {
    static INDEX: std::sync::OnceLock<StopwordIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = StopwordIndex::default();
        for (lang, words) in STOPWORDS.iter() {
            for w in words.iter() {
                *map.entry(*w).or_default() |= 1 << lang.index();
            }
        }
        map
    })
}

/// `AFFIXES` indexed by the byte they start (prefixes) or end (suffixes) with: a word is compared
/// only with the few affixes that share its first or last byte.
struct AffixIndex {
    by_first: Vec<Vec<(&'static [u8], u8)>>,
    by_last: Vec<Vec<(&'static [u8], u8)>>,
}

fn affix_index() -> &'static AffixIndex {
    static INDEX: std::sync::OnceLock<AffixIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(|| {
        let mut by_first = vec![Vec::new(); 256];
        let mut by_last = vec![Vec::new(); 256];
        for (lang, prefixes, suffixes) in AFFIXES.iter() {
            for p in prefixes.iter().map(|p| p.as_bytes()).filter(|p| !p.is_empty()) {
                by_first[p[0] as usize].push((p, lang.index() as u8));
            }
            for x in suffixes.iter().map(|x| x.as_bytes()).filter(|x| !x.is_empty()) {
                by_last[x[x.len() - 1] as usize].push((x, lang.index() as u8));
            }
        }
        AffixIndex { by_first, by_last }
    })
}

/// Which of the six languages `text` is most likely written in. English wins ties and empty text,
/// because the interface falls back to English too.
pub fn detect(text: &str) -> Lang {
    // Only the first few thousand characters matter; this keeps detection O(1) on huge pastes.
    let sample: &str = match text.char_indices().nth(4000) {
        Some((i, _)) => &text[..i],
        None => text,
    };
    let bytes = sample.as_bytes();
    let mut votes = [0f32; 6];
    // Every letter that votes is outside ASCII.
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] < 0x80 {
            i += 1;
            continue;
        }
        let c = sample[i..].chars().next().unwrap_or(' ');
        letter_votes(c, &mut votes);
        i += c.len_utf8();
    }
    let index = stopword_index();
    let affixes = affix_index();
    // One buffer for the lowercased word, reused.
    let mut lower = String::with_capacity(64);
    // Words: runs of letters, digits and apostrophes.
    let mut i = 0;
    while i < bytes.len() {
        let mut start = usize::MAX;
        while i < bytes.len() {
            let b = bytes[i];
            let (inside, len) = if b < 0x80 {
                (b.is_ascii_alphanumeric() || b == b'\'', 1)
            } else {
                let c = sample[i..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            };
            if inside {
                if start == usize::MAX {
                    start = i;
                }
            } else if start != usize::MAX {
                break;
            }
            i += len;
        }
        if start == usize::MAX {
            break;
        }
        let word = &sample[start..i];
        if word.len() > 14 {
            continue;
        }
        lower.clear();
        let mut chars = 0usize;
        for c in word.chars() {
            if c.is_ascii() {
                lower.push(c.to_ascii_lowercase());
                chars += 1;
            } else {
                for l in c.to_lowercase() {
                    lower.push(if l == '’' { '\'' } else { l });
                    chars += 1;
                }
            }
        }
        if chars >= 4 {
            let lb = lower.as_bytes();
            let mut langs = 0u8;
            for &(p, lang) in &affixes.by_first[lb[0] as usize] {
                if lb.starts_with(p) {
                    langs |= 1 << lang;
                }
            }
            for &(x, lang) in &affixes.by_last[lb[lb.len() - 1] as usize] {
                if lb.ends_with(x) {
                    langs |= 1 << lang;
                }
            }
            for lang in Lang::ALL {
                if langs & (1 << lang.index()) != 0 {
                    votes[lang.index()] += 0.4;
                }
            }
        }
        if let Some(&langs) = index.get(lower.as_str()) {
            for lang in Lang::ALL {
                if langs & (1 << lang.index()) != 0 {
                    votes[lang.index()] += 1.0;
                }
            }
        }
    }
    let mut best = Lang::En;
    for lang in Lang::ALL {
        if votes[lang.index()] > votes[best.index()] {
            best = lang;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_the_six_languages_apart() {
        let cases = [
            ("Thank you to everyone who came to the open day at the clinic.", Lang::En),
            ("Tack till alla som kom på öppet hus i fredags, vi ses snart igen!", Lang::Sv),
            ("Dziękuję wszystkim, którzy przyszli na dzień otwarty w przychodni.", Lang::Pl),
            ("Merci à tous ceux qui sont venus à la journée portes ouvertes du cabinet.", Lang::Fr),
            ("Tak til alle, der kom til åbent hus på klinikken i fredags.", Lang::Da),
            ("Açık kapı gününe gelen herkese teşekkür ederiz, yine bekleriz.", Lang::Tr),
            // Swedish and Danish share most function words; the letters settle it.
            ("Vi har fått nya lokaler och välkomnar er från måndag.", Lang::Sv),
            ("Vi har fået nye lokaler og byder jer velkommen fra mandag.", Lang::Da),
        ];
        for (text, want) in cases {
            assert_eq!(detect(text), want, "{text}");
        }
    }

    #[test]
    fn empty_and_symbol_only_text_is_english() {
        assert_eq!(detect(""), Lang::En);
        assert_eq!(detect("😀😀 !!! 123"), Lang::En);
    }

    #[test]
    fn stopword_lists_have_no_duplicates() {
        for (lang, words) in STOPWORDS.iter() {
            let mut seen = std::collections::BTreeSet::new();
            for w in words.iter() {
                assert!(seen.insert(w), "{}: {w} twice", lang.code());
            }
        }
    }

    #[test]
    fn codes_round_trip() {
        for l in Lang::ALL {
            assert_eq!(Lang::from_code(l.code()), Some(l));
        }
        assert_eq!(Lang::from_code("sv-SE"), Some(Lang::Sv));
        assert_eq!(Lang::from_code("de"), None);
    }
}
