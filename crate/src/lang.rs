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

/// The longest stopword, in UTF-8 bytes ("aujourd'hui"): longer words are not looked up.
const MAX_STOPWORD: usize = 11;

/// A word of up to 15 bytes packed into one integer (bytes in order, length in the top byte), so a
/// stopword lookup compares one `u128` instead of calling `memcmp` on a string.
#[inline]
fn pack(word: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    for (d, s) in b.iter_mut().zip(word) {
        *d = *s;
    }
    b[15] = word.len() as u8;
    u128::from_le_bytes(b)
}

/// `STOPWORDS` as an open-addressing table from packed word to the languages that list it (a bit
/// per `Lang::index`), built once: language detection runs on every check and looks up every
/// short word of the draft. The packed key's halves are kept apart: a word's first eight bytes
/// (`lo`, never 0 for a word, so 0 marks a free slot) settle almost every probe, and 8 KB of them
/// stay in the L1 cache where 16-byte keys did not.
struct StopwordIndex {
    lo: Vec<u64>,
    hi: Vec<u64>,
    langs: Vec<u8>,
}

const STOP_BITS: u32 = 10;

#[inline]
fn stop_slot(key: u128) -> usize {
    let x = (key as u64) ^ ((key >> 64) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (x.wrapping_mul(0xFF51_AFD7_ED55_8CCD) >> (64 - STOP_BITS)) as usize
}

impl StopwordIndex {
    fn build() -> StopwordIndex {
        let size = 1usize << STOP_BITS;
        let mut t = StopwordIndex { lo: vec![0; size], hi: vec![0; size], langs: vec![0; size] };
        for (lang, words) in STOPWORDS.iter() {
            for w in words.iter() {
                let key = pack(w.as_bytes());
                let (lo, hi) = (key as u64, (key >> 64) as u64);
                let mut i = stop_slot(key);
                while t.lo[i] != 0 && (t.lo[i], t.hi[i]) != (lo, hi) {
                    i = (i + 1) & (size - 1);
                }
                t.lo[i] = lo;
                t.hi[i] = hi;
                t.langs[i] |= 1 << lang.index();
            }
        }
        t
    }

    /// The languages listing a word as a stopword (0 for none), the word lowercase and packed
    /// (`pack`).
    #[inline]
    fn get_packed(&self, key: u128) -> u8 {
        let mask = self.lo.len() - 1;
        let (lo, hi) = (key as u64, (key >> 64) as u64);
        let mut i = stop_slot(key);
        loop {
            let k = self.lo[i];
            if k == lo && self.hi[i] == hi {
                return self.langs[i];
            }
            if k == 0 {
                return 0;
            }
            i = (i + 1) & mask;
        }
    }
}

fn stopword_index() -> &'static StopwordIndex {
    static INDEX: std::sync::OnceLock<StopwordIndex> = std::sync::OnceLock::new();
    INDEX.get_or_init(StopwordIndex::build)
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

/// `a` starts with `p` (affixes are a few bytes: a loop beats a `memcmp` call).
#[inline]
fn has_prefix(a: &[u8], p: &[u8]) -> bool {
    p.len() <= a.len() && a.iter().zip(p).all(|(x, y)| x == y)
}

#[inline]
fn has_suffix(a: &[u8], x: &[u8]) -> bool {
    x.len() <= a.len() && a[a.len() - x.len()..].iter().zip(x).all(|(p, q)| p == q)
}

/// `x` (eight ASCII bytes, one per byte lane) with the letters A-Z lowercased, in one go: a lane
/// is an upper-case letter when adding 0x3F carries it to 0x80 or above (it is at least `A`) and
/// adding 0x25 does not (it is at most `Z`). No lane exceeds 0x7F, so no sum carries into the next.
/// (On `u64`, not `u128`: WASM has no 128-bit arithmetic.)
#[inline]
fn ascii_lowercase_packed(x: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([1; 8]);
    let upper = x.wrapping_add(ONES * 0x3F) & !x.wrapping_add(ONES * 0x25) & (ONES * 0x80);
    x | (upper >> 2)
}

/// Adds `w` to the votes of every language in the bit set `langs`.
#[inline]
fn add_votes(votes: &mut [f32; 6], mut langs: u8, w: f32) {
    while langs != 0 {
        votes[langs.trailing_zeros() as usize] += w;
        langs &= langs - 1;
    }
}

/// ASCII bytes that belong to a word for language detection: letters, digits and `'`.
const fn ascii_word_table() -> [bool; 128] {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'\'';
        b += 1;
    }
    t
}
const ASCII_WORD: [bool; 128] = ascii_word_table();

/// Byte classes for the word scan's tight loops, one lookup per byte (no separate `< 0x80` test):
/// bit 0 an ASCII word byte, bit 1 ASCII that is not part of a word. Bytes 0x80.. have neither.
const ASCII_WORD_BYTE: u8 = 1;
const ASCII_OTHER_BYTE: u8 = 2;
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = if ASCII_WORD[b] { ASCII_WORD_BYTE } else { ASCII_OTHER_BYTE };
        b += 1;
    }
    t
};

/// Which of the six languages `text` is most likely written in. English wins ties and empty text,
/// because the interface falls back to English too.
pub fn detect(text: &str) -> Lang {
    // Only the first few thousand characters matter; this keeps detection O(1) on huge pastes.
    // (A text of at most 4,000 bytes has at most 4,000 characters: no need to count them.)
    let sample: &str = if text.len() <= 4000 {
        text
    } else {
        match text.char_indices().nth(4000) {
            Some((i, _)) => &text[..i],
            None => text,
        }
    };
    let bytes = sample.as_bytes();
    let mut votes = [0f32; 6];
    // Every letter that votes is outside ASCII.
    let mut i = 0;
    while i < bytes.len() {
        i = crate::text::next_stop(bytes, i, b"");
        if i == bytes.len() {
            break;
        }
        let c = sample[i..].chars().next().unwrap_or(' ');
        letter_votes(c, &mut votes);
        i += c.len_utf8();
    }
    let index = stopword_index();
    let affixes = affix_index();
    // Buffer for a lowercased word with non-ASCII letters, reused.
    let mut lower = String::with_capacity(64);
    // Words: runs of letters, digits and apostrophes.
    let mut i = 0;
    while i < bytes.len() {
        // Skip ASCII that is not part of a word in one tight loop.
        while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] == ASCII_OTHER_BYTE {
            i += 1;
        }
        let mut start = usize::MAX;
        let mut all_ascii = true;
        while i < bytes.len() {
            let b = bytes[i];
            if b < 0x80 {
                if BYTE_CLASS[b as usize] != ASCII_WORD_BYTE {
                    if start != usize::MAX {
                        break;
                    }
                    i += 1;
                    continue;
                }
                // A run of ASCII word bytes in one tight loop.
                if start == usize::MAX {
                    start = i;
                }
                i += 1;
                while i < bytes.len() && BYTE_CLASS[bytes[i] as usize] == ASCII_WORD_BYTE {
                    i += 1;
                }
                continue;
            }
            let c = sample[i..].chars().next().unwrap_or(' ');
            // U+00C0..=U+017F are all letters but × and ÷ (no Unicode table lookup for them).
            let letter = if ('\u{C0}'..='\u{17F}').contains(&c) { c != '×' && c != '÷' } else { c.is_alphanumeric() };
            if letter || c == '’' {
                if start == usize::MAX {
                    start = i;
                }
                all_ascii = false;
            } else if start != usize::MAX {
                break;
            }
            i += c.len_utf8();
        }
        if start == usize::MAX {
            break;
        }
        let word = &sample[start..i];
        if word.len() > 14 {
            continue;
        }
        // An ASCII word is lowercased and packed for the stopword lookup in one `u128` (`pack`'s
        // layout: bytes in order, length in the top byte); other words go through a `String`.
        let packed: [u8; 16];
        let (lb, chars, key): (&[u8], usize, u128) = if all_ascii {
            let len = word.len();
            let mut w = [0u8; 16];
            if start + 16 <= bytes.len() {
                w.copy_from_slice(&bytes[start..start + 16]);
            } else {
                for (k, d) in w.iter_mut().enumerate().take(len) {
                    *d = bytes[start + k];
                }
            }
            let (mut lo, mut hi) = (u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]), u64::from_le_bytes([w[8], w[9], w[10], w[11], w[12], w[13], w[14], w[15]]));
            // Only the word's bytes (`len` is 1..=14).
            if len < 8 {
                lo &= (1u64 << (8 * len)) - 1;
                hi = 0;
            } else {
                hi &= (1u64 << (8 * (len - 8))) - 1;
            }
            let lo = ascii_lowercase_packed(lo);
            let hi = ascii_lowercase_packed(hi) | ((len as u64) << 56);
            let mut p = [0u8; 16];
            p[..8].copy_from_slice(&lo.to_le_bytes());
            p[8..].copy_from_slice(&hi.to_le_bytes());
            packed = p;
            let key = u128::from_le_bytes(p);
            (&packed[..len], len, if len <= MAX_STOPWORD { key } else { 0 })
        } else {
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
            let lb = lower.as_bytes();
            (lb, chars, if !lb.is_empty() && lb.len() <= MAX_STOPWORD { pack(lb) } else { 0 })
        };
        if chars >= 4 {
            let mut langs = 0u8;
            for &(p, lang) in &affixes.by_first[lb[0] as usize] {
                if has_prefix(lb, p) {
                    langs |= 1 << lang;
                }
            }
            for &(x, lang) in &affixes.by_last[lb[lb.len() - 1] as usize] {
                if has_suffix(lb, x) {
                    langs |= 1 << lang;
                }
            }
            add_votes(&mut votes, langs, 0.4);
        }
        if key != 0 {
            add_votes(&mut votes, index.get_packed(key), 1.0);
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

    /// The table answers exactly the lists: every stopword with the set of languages listing it,
    /// and no other word (prefixes, extensions and case variants of stopwords included).
    #[test]
    fn stopword_index_answers_the_lists() {
        let index = stopword_index();
        let mut want: std::collections::HashMap<&str, u8> = std::collections::HashMap::new();
        for (lang, words) in STOPWORDS.iter() {
            for w in words.iter() {
                *want.entry(w).or_default() |= 1 << lang.index();
            }
        }
        for (w, langs) in &want {
            assert_eq!(index.get_packed(pack(w.as_bytes())), *langs, "{w}");
            for other in [format!("{w}x"), format!("x{w}"), w[..w.len() - w.chars().last().unwrap().len_utf8()].to_string(), w.to_uppercase()] {
                if !other.is_empty() && other.len() <= 15 && !want.contains_key(other.as_str()) {
                    assert_eq!(index.get_packed(pack(other.as_bytes())), 0, "{other}");
                }
            }
        }
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

    /// The plain definition `detect` implements with packed lookups and an ASCII fast path
    /// (the implementation before that change): every word lowercased into a `String` and looked
    /// up in each list.
    fn detect_by_definition(text: &str) -> Lang {
        let sample: &str = match text.char_indices().nth(4000) {
            Some((i, _)) => &text[..i],
            None => text,
        };
        let mut votes = [0f32; 6];
        for c in sample.chars() {
            letter_votes(c, &mut votes);
        }
        let is_word = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
        let mut words = Vec::new();
        let mut start = None;
        for (i, c) in sample.char_indices() {
            if is_word(c) {
                start.get_or_insert(i);
            } else if let Some(s) = start.take() {
                words.push(&sample[s..i]);
            }
        }
        if let Some(s) = start {
            words.push(&sample[s..]);
        }
        for word in words {
            if word.len() > 14 {
                continue;
            }
            let lower: String = word.chars().flat_map(|c| c.to_lowercase()).map(|c| if c == '’' { '\'' } else { c }).collect();
            if lower.chars().count() >= 4 {
                for lang in Lang::ALL {
                    let (_, prefixes, suffixes) = AFFIXES[lang.index()];
                    if prefixes.iter().any(|p| lower.starts_with(p)) || suffixes.iter().any(|x| lower.ends_with(x)) {
                        votes[lang.index()] += 0.4;
                    }
                }
            }
            for (lang, list) in STOPWORDS.iter() {
                if list.contains(&lower.as_str()) {
                    votes[lang.index()] += 1.0;
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

    #[test]
    fn detect_agrees_with_its_definition() {
        // Drafts mixing the six languages' words, letters, apostrophes, long words and symbols,
        // from a fixed-seed generator, plus every stopword alone and capitalised.
        let mut pieces: Vec<String> = STOPWORDS.iter().flat_map(|(_, w)| w.iter().map(|s| s.to_string())).collect();
        pieces.extend(AFFIXES.iter().flat_map(|(_, p, x)| p.iter().chain(x.iter()).map(|s| format!("ab{s}cd {s}xy wq{s}"))));
        pieces.extend(
            ["İSTANBUL", "Łódź", "ÆRØ", "l’équipe", "aujourd’hui", "J'AI", "😀", "12,5", "–", "\u{a0}", "x\u{301}y", "Straße", "DZIĘKUJĘ", "ılık", "åäö", "antidisestablishment", "’", "''"]
                .iter()
                .map(|s| s.to_string()),
        );
        for p in pieces.clone() {
            assert_eq!(detect(&p), detect_by_definition(&p), "{p:?}");
            let upper = p.to_uppercase();
            assert_eq!(detect(&upper), detect_by_definition(&upper), "{upper:?}");
        }
        let seps = [" ", ", ", ". ", "\n", "'", "’", "-", "", "  ", "!"];
        let mut rng = crate::test_rng::XorShift(0x2545_f491_4f6c_dd1du64);
        let mut next = |n: usize| rng.below(n);
        for _ in 0..3000 {
            let mut d = String::new();
            for _ in 0..1 + next(40) {
                d.push_str(&pieces[next(pieces.len())]);
                d.push_str(seps[next(seps.len())]);
            }
            assert_eq!(detect(&d), detect_by_definition(&d), "{d:?}");
        }
        // Around the 4,000-character sample limit.
        let long = "och det är så ".repeat(400) + &"the and is ".repeat(400);
        assert_eq!(detect(&long), detect_by_definition(&long));
    }

    #[test]
    fn packed_lowercase_agrees_with_bytewise() {
        // Every ASCII byte in every lane, with the other lanes holding other ASCII bytes.
        for b in 0u8..0x80 {
            for lane in 0..8 {
                let mut w = [0u8; 8];
                for (k, d) in w.iter_mut().enumerate() {
                    *d = if k == lane { b } else { (b.wrapping_mul(7).wrapping_add(k as u8 * 13)) & 0x7F };
                }
                let want: Vec<u8> = w.iter().map(u8::to_ascii_lowercase).collect();
                assert_eq!(ascii_lowercase_packed(u64::from_le_bytes(w)).to_le_bytes().to_vec(), want, "{b:#x} in lane {lane}");
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
