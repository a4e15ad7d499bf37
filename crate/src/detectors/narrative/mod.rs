//! Client data beyond identifiers: the story. Named people in a care context, references to "my
//! patient" with a person and a care context, case stories with quasi-identifiers, testimonials and
//! before/after photos, public replies about one person's care, and names from the private client
//! list (matched by salted hash, see `crate::clients`).
//!
//! All detectors here share one reading of the draft (`analysis::Analysis`), computed once per
//! draft and reused by the other rules of the same check.

mod analysis;

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use analysis::{Analysis, Role};
pub(crate) use analysis::source_terms;

use super::{Confidence, Ctx, Detector, Hit};
use crate::clients;
use crate::settings::ClientHashes;


pub fn build(name: &str, _params: &crate::rules::Params) -> Option<Result<Box<dyn Detector>, String>> {
    let mode = match name {
        "client_named_care" => Mode::NamedCare,
        "client_reference" => Mode::ClientRef,
        "client_case_story" => Mode::CaseStory,
        "client_public_reply" => Mode::PublicReply,
        "client_testimonial" => Mode::Testimonial,
        "client_list" => return Some(Ok(Box::new(ClientList::default()))),
        _ => return None,
    };
    analysis::tables();
    Some(Ok(Box::new(Narrative { mode })))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    NamedCare,
    ClientRef,
    CaseStory,
    PublicReply,
    Testimonial,
}

struct Narrative {
    mode: Mode,
}

/// The narrative rules' shared reading of the draft.
pub(crate) type Shared = Analysis;

/// The analysis of this draft, computed once per check and shared by the narrative rules
/// (`Ctx::narrative`).
fn analysis<'c>(ctx: &'c Ctx) -> &'c Analysis {
    ctx.narrative.get_or_init(|| Analysis::new(ctx))
}

impl Detector for Narrative {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        if ctx.words.is_empty() {
            return;
        }
        let a = analysis(ctx);
        match self.mode {
            Mode::NamedCare => named_care(a, ctx, out),
            Mode::ClientRef => client_ref(a, ctx, out),
            Mode::CaseStory => case_story(a, ctx, out),
            Mode::PublicReply => public_reply(a, ctx, out),
            Mode::Testimonial => testimonial(a, out),
        }
    }
}

/// Where the name ends of the person named last before byte `at`, if on the same line and within
/// `reach` bytes of it. Colleagues, the writer's own family and handles don't
/// count. The phone detector asks this: "Pani Nowak, tel. 601 ..." gives a private number.
pub(crate) fn person_ending_before(ctx: &Ctx, at: usize, reach: usize) -> Option<usize> {
    if ctx.words.is_empty() {
        return None;
    }
    let a = analysis(ctx);
    let p = a.persons.iter().rev().find(|p| p.end <= at)?;
    let near = at - p.end <= reach && !ctx.text[p.end..at].contains('\n');
    (near && !p.handle && !p.staff && !p.own).then_some(p.end)
}

/// Is this person addressed, rather than talked about? ("Hi Gail," / "Pani Halino," at the start.)
fn addressed(p: &analysis::Person) -> bool {
    p.greeted || p.vocative
}

/// Something near a bare first name that makes them the one cared for.
fn patient_cue(a: &Analysis, ctx: &Ctx, p: &analysis::Person) -> bool {
    let roles = [Role::Pronoun, Role::ClientRef, Role::Disclosure, Role::Record, Role::Personal, Role::People];
    if roles.iter().any(|&r| a.near(p.w, r, 15, 1).is_some()) {
        return true;
    }
    if a.ages.iter().any(|&(_, _, w)| w.abs_diff(p.w) <= 15) {
        return true;
    }
    // "Sophie's scan", "Ayşe'nin ameliyatı", "Majas operation": the name as a possessor.
    let tail = &ctx.text[p.end..];
    let poss = tail.starts_with("'s") || tail.starts_with("’s") || {
        let t = crate::text::fold(tail.split(|c: char| c.is_whitespace()).next().unwrap_or(""));
        ["'nin", "'nın", "'nun", "'nün", "'in", "'ın", "'un", "'ün", "’nin", "’nın", "’in", "’ın"].iter().any(|s| t.starts_with(&crate::text::fold(s)))
    };
    poss && a.near(p.w, Role::Care, 4, 0).is_some()
}

/// A named person (not a colleague) with a care context nearby.
fn named_care(a: &Analysis, ctx: &Ctx, out: &mut Vec<Hit>) {
    // A birth announcement names the newborn and the parents: a birth at the ward or clinic is
    // their care. One that names a colleague is about the colleague's own baby.
    // ("St Luke's" is the hospital, not a colleague.)
    let saint = |p: &analysis::Person| {
        let before = ctx.text[..p.start].trim_end().rsplit(' ').next().unwrap_or("");
        analysis::one_of(before, "st st. saint sainte sankt skt skt. św.")
    };
    let colleague_baby = a.persons.iter().any(|p| p.staff && a.in_birth_announcement(p.w) && !saint(p));
    for p in &a.persons {
        if p.handle || p.staff || a.is_hypothetical(p.w) {
            continue;
        }
        // A capitalised word after "from" / "de" is a place ("la clinique de Vannes").
        let place = p.w > 0 && a.has(p.w - 1, Role::From);
        if !p.own && !colleague_baby && !place && a.in_birth_announcement(p.w) {
            out.push(Hit::new(p.start, p.end, Confidence::High));
            continue;
        }
        if addressed(p) {
            // Talking to someone is the public-reply rule's business, unless their care is named
            // as theirs ("your results").
            continue;
        }
        if p.own {
            // "my husband David was diagnosed ...": the writer's own family, not a client.
            continue;
        }
        // "Mrs P in bed 4", "Fru K på stue 6", "Pani Halina z sali 5": a title and a bed or room
        // number point at one inpatient, whatever else the post says.
        if p.strong && bed_next_to(ctx, p.start, p.end) {
            out.push(Hit::new(p.start, p.end, Confidence::High));
            continue;
        }
        let same = a.near(p.w, Role::Care, 12, 0);
        let next = a.near(p.w, Role::Care, if p.strong { 25 } else { 18 }, 1);
        // A bare first name is as often a colleague ("thanks to Sarah for covering the diabetes
        // clinic") as a client. It counts as a client when something points at them as the one
        // cared for: her/his, a client reference, someone telling or presenting, a record, an age.
        if !p.strong && (same.is_some() || next.is_some()) && !patient_cue(a, ctx, p) {
            out.push(Hit::new(p.start, p.end, Confidence::Low));
            continue;
        }
        let conf = match (same, next, p.strong) {
            (Some(_), _, true) => Confidence::High,
            (None, Some(_), true) => Confidence::High,
            (Some(h), _, false) if h.w.abs_diff(p.w) <= 8 => Confidence::High,
            (Some(_), _, false) | (None, Some(_), false) => Confidence::Medium,
            _ => continue,
        };
        out.push(Hit::new(p.start, p.end, conf));
    }
}

/// "My patient" / "a client of mine" with a person (pronoun, name, age) and a care context.
fn client_ref(a: &Analysis, ctx: &Ctx, out: &mut Vec<Hit>) {
    for r in a.terms.iter().filter(|t| t.role == Role::ClientRef) {
        if a.is_hypothetical(r.w) {
            continue;
        }
        // "the lady in bed 4", "pan z sali 5", "le monsieur de la 12": a bed or room number points
        // at one inpatient, whatever the story says about their care.
        if bed_numbered(ctx, r) {
            out.push(Hit::new(r.start, r.end, Confidence::High));
            continue;
        }
        if a.near(r.w, Role::Care, 20, 1).is_none() {
            continue;
        }
        // "a patient ... her" is any anecdote; "my patient ... her" is one of yours. An indefinite
        // reference needs a name or an age.
        let indefinite = {
            let term = crate::text::fold(&ctx.text[r.start..r.end]);
            let mut ws = term.split_whitespace();
            let first = ws.next().unwrap_or("");
            ws.count() == 1 && matches!(first, "a" | "an" | "en" | "ett" | "un" | "une" | "bir")
        };
        let person = (!indefinite && a.near(r.w, Role::Pronoun, 15, 1).is_some())
            || a.persons.iter().any(|p| !p.staff && p.w.abs_diff(r.w) <= 12 && a.sent[p.w].abs_diff(a.sent[r.w]) <= 1)
            || a.ages.iter().any(|&(_, _, w)| w.abs_diff(r.w) <= 12);
        if !person {
            continue;
        }
        // The span is the reference only, so identifiers inside the story keep their own findings.
        out.push(Hit::new(r.start, r.end, Confidence::High));
    }
}

/// Words for a bed, bay, ward or room, folded: the number after one points at one inpatient.
const BED_PLACES: &[&str] = &["bed", "bay", "room", "ward", "sal", "salen", "sali", "lozka", "lozko", "lit", "chambre", "la", "stue", "stuen", "seng", "sengestue"];

/// A client reference that ends in a bed, bay or room word and is followed by its number.
fn bed_numbered(ctx: &Ctx, r: &analysis::TermHit) -> bool {
    let term = crate::text::fold(&ctx.text[r.start..r.end]);
    let last = term.rsplit(' ').next().unwrap_or("");
    BED_PLACES.contains(&last) && ctx.text[r.end..].trim_start_matches([' ', '\u{a0}']).starts_with(|c: char| c.is_ascii_digit())
}

/// A bed, bay, ward or room and its number within the three words after byte `end` ("on Ward 9",
/// "in bed 4", "på stue 6", "z sali 5"), or in the same sentence just before byte `start` ("in
/// bay 3, Mr K", "sal 3, fru L").
fn bed_next_to(ctx: &Ctx, start: usize, end: usize) -> bool {
    let hi = crate::detectors::ids::floor_boundary(ctx.text, (end + 32).min(ctx.text.len()));
    let mut lo = start.saturating_sub(24);
    while !ctx.text.is_char_boundary(lo) {
        lo += 1;
    }
    // Before, only as an aside ended by a comma: "Ward 7 sister Mrs Jones" is staff.
    let before = ctx.text[lo..start].rsplit(['.', '!', '?', '\n']).next().unwrap_or("");
    let before = if before.trim_end().ends_with(',') { before } else { "" };
    [(before, usize::MAX), (&ctx.text[end..hi], 3)].iter().any(|&(piece, n)| {
        let piece = crate::text::fold(piece);
        let words: Vec<&str> = piece.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).take(n).collect();
        // Not "room" or "la": a staff member has a room too ("Mrs Jones in room 2, our receptionist").
        words.windows(2).any(|w| BED_PLACES.contains(&w[0]) && !matches!(w[0], "room" | "la" | "chambre") && w[1].starts_with(|c: char| c.is_ascii_digit()))
    })
}

/// Age + condition + (time, place, telling, a client reference): a case story that can identify
/// someone even without a name. Also "a mother of three ... told me yesterday".
fn case_story(a: &Analysis, ctx: &Ctx, out: &mut Vec<Hit>) {
    if a.any(Role::Hypothetical) && a.hypothetical_sentences.contains(&0) {
        return;
    }
    public_figure(a, ctx, out);
    let text = ctx.text;
    let capitalised = |j: usize| a.words.get(j).is_some_and(|&(s, e)| text[s..e].chars().next().is_some_and(char::is_uppercase));
    // "from Wigan", "in Wigan", "i Borås", "w Kutnie", "à Vesoul", "ved Skive", "Bolu'dan": a place
    // named by a preposition (Turkish: a capitalised word with an apostrophe suffix).
    let place_word = |j: usize| -> bool {
        if a.has(j, Role::From) {
            return capitalised(j + 1);
        }
        let (s, e) = a.words[j];
        let word = crate::text::fold(&text[s..e]);
        use crate::lang::Lang::*;
        match ctx.lang {
            En => matches!(word.as_str(), "in" | "near") && capitalised(j + 1),
            Sv => matches!(word.as_str(), "i" | "utanfor") && capitalised(j + 1),
            Pl => matches!(word.as_str(), "w" | "we" | "pod" | "kolo") && capitalised(j + 1),
            Fr => matches!(word.as_str(), "a" | "pres") && capitalised(j + 1),
            Da => matches!(word.as_str(), "i" | "ved") && capitalised(j + 1),
            Tr => capitalised(j) && text[e..].starts_with(['\'', '’']),
        }
    };
    let place_near = |w: usize| -> bool {
        a.persons.iter().any(|p| !p.handle && p.w.abs_diff(w) <= 15 && p.w != w)
            || (w.saturating_sub(15)..(w + 15).min(a.words.len())).any(place_word)
    };
    for &(s, e, w) in &a.ages {
        // "I was diagnosed myself: breast cancer, 34": the writer's own story.
        if a.is_hypothetical(w) || a.near(w, Role::OwnIllness, 20, 1).is_some() {
            continue;
        }
        // "Klient, 41 lat" / "un client de 45 ans" / "Danışanım, 29 yaşında": a client with an age.
        if let Some(r) = a.near(w, Role::ClientRef, 3, 0) {
            out.push(Hit::new(r.start.min(s), r.end.max(e), Confidence::High));
            continue;
        }
        let Some(care) = a.near(w, Role::Care, 20, 1) else { continue };
        let cue = a.near(w, Role::Time, 20, 1).is_some()
            || a.near(w, Role::Disclosure, 20, 1).is_some()
            || a.near(w, Role::ClientRef, 20, 1).is_some()
            // A person described ("a bus driver", "en lärare", "a mum of two"): age, person and
            // condition together. Not "a woman" or "en man" alone: that describes nobody.
            || a.near_where(w, Role::People, 20, 1, &|t| !a.names_only_sex_or_age(t)).is_some()
            || place_near(w);
        if cue {
            let end = if a.sent[care.w] == a.sent[w] { e.max(care.end) } else { e };
            out.push(Hit::new(s, end, Confidence::High));
        }
    }
    // No age: a person described, telling the writer something, at a stated time.
    for d in a.terms.iter().filter(|t| t.role == Role::Disclosure) {
        if a.is_hypothetical(d.w) {
            continue;
        }
        let who = a.terms.iter().find(|t| matches!(t.role, Role::People | Role::ClientRef) && t.w < d.w && d.w - t.w <= 25 && a.sent[t.w] == a.sent[d.w]);
        let Some(who) = who else { continue };
        let when = a.near(d.w, Role::Time, 4, 0).is_some();
        let about = a.near(d.w, Role::Care, 25, 1).is_some() || a.near(d.w, Role::Pronoun, 12, 0).is_some();
        if when && about && !a.ages.iter().any(|&(_, _, w)| w.abs_diff(d.w) <= 25) {
            out.push(Hit::new(who.start, d.end, Confidence::High));
        }
    }
}

/// "The mayor of Ashby sat in my chair with a broken tooth", "bramkarz naszej Pogoni był dziś u
/// mnie", "the Leeds striker came in with a torn hamstring": a public role in one town or club
/// names one person as well as a name does. Not at a ceremony ("the mayor opened our new ward").
fn public_figure(a: &Analysis, ctx: &Ctx, out: &mut Vec<Hit>) {
    // Per language (Lang::ALL order), folded, space-separated (`analysis::one_of`).
    const OURS: [&str; 6] = ["our", "var vart vara", "nasz naszego naszej nasza", "notre nos", "vores", "bizim"];
    const CEREMONY: [&str; 6] = [
        "opened open unveiled launched visit visited award awarded ceremony speech thanked",
        "invigde inviga besokte delade tal tackade",
        "otworzyl otworzyla otwarcie odwiedzil odwiedzila wreczyl wreczyla przemowienie podziekowal",
        "inaugure inauguree inaugurer inauguration visite remis discours remercie",
        "abnede indviede besogte uddelte tale takkede",
        "acti acilis acilisini ziyaret odul tesekkur",
    ];
    let text = ctx.text;
    let l = ctx.lang.index();
    let capitalised = |j: usize| a.word(text, j).starts_with(char::is_uppercase);
    for r in a.terms.iter().filter(|t| t.role == Role::PublicRole) {
        if a.is_hypothetical(r.w) {
            continue;
        }
        // Seen as a patient ("came in", "sat in my chair", "odbiera u nas") with something wrong.
        let Some(visit) = a.near(r.w, Role::Disclosure, 12, 0) else { continue };
        if a.near(r.w, Role::Care, 20, 0).is_none() {
            continue;
        }
        let sentence = a.sent[r.w];
        let first = (0..=r.w).rev().take_while(|&j| a.sent[j] == sentence).last().unwrap_or(r.w);
        let last = (r.w..a.words.len()).take_while(|&j| a.sent[j] == sentence).last().unwrap_or(r.w);
        if a.any_word_in(text, first..last + 1, CEREMONY[l]) {
            continue;
        }
        // Its town or club: a capitalised word just before ("the Leeds striker") or in the words
        // after ("mayor of Ashby", "målvakten i Tranås HC"), or "our mayor".
        let specific = (r.w > first && capitalised(r.w - 1) && r.w - 1 > first)
            || (r.w + 1..(r.w + 5).min(last + 1)).any(capitalised)
            || a.any_word_in(text, r.w.saturating_sub(2)..(r.w + 3).min(last + 1), OURS[l])
            // Turkish "our" is a suffix: "kasabamızın muhtarı", "muhtarımız".
            || (ctx.lang == crate::lang::Lang::Tr && (r.w.saturating_sub(2)..=r.w).any(|j| {
                let w = crate::text::fold(a.word(text, j));
                w.contains("miz") || w.contains("muz")
            }));
        if specific {
            out.push(Hit::new(r.start.min(visit.start), r.end.max(visit.end), Confidence::High));
        }
    }
}

/// Does the care term at `h` carry a second-person ending (Turkish "sonucunuz", "tansiyonunuz")?
fn second_person_suffix(ctx: &Ctx, h: &analysis::TermHit) -> bool {
    if ctx.lang != crate::lang::Lang::Tr {
        return false;
    }
    let end = ctx.text[h.start..].find(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’')).map(|i| h.start + i).unwrap_or(ctx.text.len());
    analysis::second_person_plural(&ctx.text[h.start..end])
}

/// Is this record word something other than a result the writer holds? A value the person gave,
/// made the condition of what follows ("with a TSH of 6.1", "przy LDL 190", "avec une tension à
/// 9", "TSH'niz 6,1 ise"), or a test to have done ("repeat the lipid panel", "zrobić
/// morfologię"): what a commenter said of themselves, answered.
/// The advice rules judge what is said about it.
#[inline(never)]
fn not_their_result(a: &Analysis, ctx: &Ctx, r: &analysis::TermHit) -> bool {
    // Per language (Lang::ALL order: en, sv, pl, fr, da, tr), folded, space-separated. Turkish
    // puts both after.
    // Not "take" ("ta", "tage"): it takes medicines too, and "your tablets" are their own care.
    const TO_DO: [&str; 6] = [
        "repeat get book request",
        "boka gora upprepa",
        "powtorzyc zrobic wykonac powtorz zrob",
        "refaire faire demander refaites faites",
        "gentage bestille bestil",
        "yaptirin tekrarlayin",
    ];
    const CONDITIONS: [&str; 6] = ["if with at", "om med vid", "przy jesli jezeli gdy", "si avec", "hvis med ved", "ise"];
    let (l, tr) = (ctx.lang.index(), ctx.lang == crate::lang::Lang::Tr);
    let before = |n: usize| if tr { r.w + 1..r.w + 1 + n } else { r.w.saturating_sub(n)..r.w };
    if a.any_word_in(ctx.text, before(2), TO_DO[l]) {
        return true;
    }
    let Some(number) = (r.w + 1..(r.w + 5).min(a.words.len())).find(|&j| a.word(ctx.text, j).starts_with(|c: char| c.is_ascii_digit())) else {
        return false;
    };
    a.any_word_in(ctx.text, if tr { number + 1..number + 3 } else { before(3) }, CONDITIONS[l])
}

/// A public reply that discusses the addressee's own care: "@jenny_r your biopsy results look
/// fine". Levels 1-2 of the Danish scale: any reply to a person about care is a warning.
fn public_reply(a: &Analysis, ctx: &Ctx, out: &mut Vec<Hit>) {
    let strict = ctx.settings.communication_level.is_some_and(|l| l <= 2);
    let addressee = a.persons.iter().find(|p| p.w <= 2 && (p.handle || addressed(p)));
    let Some(to) = addressee else { return };
    if to.staff {
        return;
    }
    let mut found = false;
    // "as we discussed at your last visit", "your results came back": the writer knows their care.
    if let Some(p) = a.terms.iter().find(|t| t.role == Role::Personal && a.sent[t.w] <= a.sent[to.w] + 2) {
        out.push(Hit::new(p.start, p.end, Confidence::High));
        return;
    }
    // A record or result that is theirs: "your biopsy", "tahlil sonuçlarınız", or addressed
    // formally by name ("Pani Halino, wczorajsza morfologia ...").
    for r in a.terms.iter().filter(|t| t.role == Role::Record) {
        if a.sent[r.w] > a.sent[to.w] + 2 {
            break;
        }
        if not_their_result(a, ctx, r) {
            continue;
        }
        // Not "ask your GP for a scan": the "your" belongs to the doctor between them.
        let your = a.near(r.w, Role::Your, 5, 0).filter(|y| !a.terms.iter().any(|t| t.role == Role::Staff && t.w > y.w.min(r.w) && t.w < y.w.max(r.w)));
        if your.is_some() || second_person_suffix(ctx, r) || (to.vocative && to.strong) {
            let s = your.map(|y| y.start.min(r.start)).unwrap_or(r.start);
            out.push(Hit::new(s, r.end.max(your.map(|y| y.end).unwrap_or(0)), Confidence::High));
            found = true;
            break;
        }
    }
    // "after your sprain", "efter din operation", "après ton entorse", "po twojej operacji": an
    // episode of their care that the writer knows of, a recovery praised in public.
    if !found {
        let after = |w: usize| {
            let (s, e) = a.words[w];
            analysis::one_of(&ctx.text[s..e], "after efter po après")
        };
        let episode = a.terms.iter().find(|t| t.role == Role::Care && t.w >= 2 && a.sent[t.w] <= a.sent[to.w] + 2 && a.has(t.w - 1, Role::Your) && after(t.w - 2));
        if let Some(c) = episode {
            out.push(Hit::new(a.words[c.w - 1].0, c.end, Confidence::High));
            found = true;
        }
    }
    // Someone identified beyond a first name (a town, an age) and addressed in public
    // about their care: "To Mr Reid from Hull, ... your detox".
    // (A title alone is not enough: "Dear Rob, it sounds like ..." is advice, judged by the advice
    // rules.)
    let placed = (to.w..a.words.len()).take_while(|&j| a.words[j].0 < to.end).any(|j| a.has(j, Role::From))
        || a.ages.iter().any(|&(_, _, w)| w >= to.w && w <= to.w + 4);
    if !found && placed && !to.handle {
        if let Some(c) = a.near(to.w, Role::Care, 25, 0) {
            out.push(Hit::new(to.start, c.end.max(to.end), Confidence::High));
            return;
        }
    }
    if !found && strict && to.handle {
        if let Some(c) = a.terms.iter().find(|t| t.role == Role::Care) {
            out.push(Hit::new(c.start, c.end, Confidence::Medium));
        }
    }
}

/// Before/after, "swipe to see", testimonials: about a person, and without stated consent (the
/// rule's `unless`).
fn testimonial(a: &Analysis, out: &mut Vec<Hit>) {
    for t in a.terms.iter().filter(|t| t.role == Role::Testimonial) {
        if a.is_hypothetical(t.w) {
            continue;
        }
        let about = a.persons.iter().any(|p| !p.staff && !p.handle && p.w.abs_diff(t.w) <= 15 && a.sent[p.w].abs_diff(a.sent[t.w]) <= 1)
            || a.near(t.w, Role::Pronoun, 8, 0).is_some()
            || a.near(t.w, Role::ClientRef, 15, 1).is_some()
            || a.near(t.w, Role::People, 10, 0).is_some();
        if about {
            out.push(Hit::new(t.start, t.end, Confidence::High));
        }
    }
}

/// Words of the draft whose canonical form hashes to an entry of the private client list.
#[derive(Default)]
struct ClientList {
    cache: Mutex<Option<(ClientHashes, HashSet<[u8; 32]>)>>,
}

impl Detector for ClientList {
    fn detect(&self, ctx: &Ctx, out: &mut Vec<Hit>) {
        let Some(list) = &ctx.settings.clients else { return };
        if list.hashes.is_empty() {
            return;
        }
        let Ok(mut cache) = self.cache.lock() else { return };
        if cache.as_ref().is_none_or(|(c, _)| c != list) {
            let set = list.hashes.iter().filter_map(|h| clients::parse_hex(h)).collect();
            *cache = Some((list.clone(), set));
        }
        let Some((_, set)) = cache.as_ref() else { return };
        let text = ctx.text;
        // Candidate forms, each hashed once.
        let mut seen: HashMap<String, bool> = HashMap::new();
        let mut hit = |form: String| -> bool {
            if let Some(&r) = seen.get(&form) {
                return r;
            }
            let r = set.contains(&clients::digest(&list.salt, &form));
            seen.insert(form, r);
            r
        };
        for (i, c) in text.char_indices() {
            if c != '@' || text[..i].chars().next_back().is_some_and(|p| p.is_alphanumeric()) {
                continue;
            }
            let rest = &text[i..];
            let len: usize = rest.char_indices().skip(1).take_while(|(_, c)| c.is_alphanumeric() || matches!(c, '_' | '.')).map(|(_, c)| c.len_utf8()).sum();
            let handle = rest[..1 + len].trim_end_matches('.');
            if handle.len() > 2 {
                if let Some(form) = clients::canonical_forms(handle).into_iter().next() {
                    if hit(form) {
                        out.push(Hit::new(i, i + handle.len(), Confidence::High));
                    }
                }
            }
        }
        // Candidates: every word of a short draft (replies, tweets: "kasia" typed in lowercase),
        // capitalised words of a longer one. Each distinct word is stemmed and hashed once, which
        // keeps a 3,000-character post to a few hundred digests at most.
        let short = text.len() <= 600;
        let mut done: HashSet<&str> = HashSet::new();
        // Distinct words that matched, to flag their repeats without hashing again.
        let mut seen_words: Vec<&str> = Vec::new();
        for (k, w) in ctx.words.iter().enumerate() {
            let Some(first) = w.text.chars().next() else { continue };
            if w.text.chars().count() < 3 || !first.is_alphabetic() || !(short || first.is_uppercase()) {
                continue;
            }
            if k > 0 && text[..w.start].ends_with(['@', '_', '.']) && text[..w.start].contains('@') {
                // Part of a handle, matched whole above.
                let tail = &text[..w.start];
                let tok_start = tail.rfind(|c: char| c.is_whitespace()).map(|x| x + 1).unwrap_or(0);
                if tail[tok_start..].starts_with('@') {
                    continue;
                }
            }
            // Apostrophe endings stay with the word ("Ayşe'nin").
            let mut end = w.end;
            if let Some(next) = ctx.words.get(k + 1) {
                let gap = &text[w.end..next.start];
                if gap == "'" || gap == "’" {
                    end = next.end;
                }
            }
            let word = &text[w.start..end];
            if !done.insert(word) {
                if seen_words.contains(&word) {
                    out.push(Hit::new(w.start, end, Confidence::High));
                }
                continue;
            }
            let stem = clients::stem_word(word);
            let matched = stem.chars().count() >= 3 && hit(stem);
            if matched {
                seen_words.push(word);
                out.push(Hit::new(w.start, end, Confidence::High));
            }
        }
    }
}
