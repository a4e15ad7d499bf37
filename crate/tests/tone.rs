//! Tone in six languages: profanity (also disguised and inflected), insults, derogatory slang,
//! shouting, exclamation runs, emoji, rants. Judged by the draft's language.

mod common;

use bedside::{Category, Lang, Severity};
use common::{assert_flags, assert_flags_piece, checker};

/// Tone findings (above hint) on `text` read as `lang`, as (rule, piece).
fn tone_as(text: &str, lang: Lang) -> Vec<(String, String)> {
    checker()
        .check_as(text, lang)
        .into_iter()
        .filter(|f| f.category == Category::Tone && f.severity != Severity::Hint)
        .map(|f| (f.rule.to_string(), text[f.start..f.end].to_string()))
        .collect()
}

#[track_caller]
fn assert_tone_as(text: &str, lang: Lang, rule: &str, piece: &str) {
    let got = tone_as(text, lang);
    assert!(got.iter().any(|(r, p)| r == rule && p == piece), "expected {rule} on {piece:?} in {text:?} ({lang:?}); got {got:?}");
}

/// No tone finding (other categories are other rules' business).
#[track_caller]
fn assert_no_tone(text: &str) {
    let c = checker();
    assert_no_tone_as(text, c.language_of(text));
}

#[track_caller]
fn assert_no_tone_as(text: &str, lang: Lang) {
    let got = tone_as(text, lang);
    assert!(got.is_empty(), "expected no tone finding in {text:?} ({lang:?}); got {got:?}");
}

#[test]
fn disguised_profanity_is_found_in_every_language() {
    assert_tone_as("What a sh1t rota this month.", Lang::En, "profanity-obfuscated", "sh1t");
    assert_tone_as("Who f*cking booked this?", Lang::En, "profanity-obfuscated", "f*cking");
    assert_tone_as("Fuuuuck, the server again.", Lang::En, "profanity-obfuscated", "Fuuuuck");
    assert_tone_as("Kiss my a$$, says the printer.", Lang::En, "profanity-obfuscated", "a$$");
    assert_tone_as("Den här j*vla skrivaren.", Lang::Sv, "profanity-obfuscated", "j*vla");
    assert_tone_as("K*rwa, znowu awaria systemu.", Lang::Pl, "profanity-obfuscated", "K*rwa");
    assert_tone_as("Co za p0pierdolony dyżur.", Lang::Pl, "profanity-obfuscated", "p0pierdolony");
    assert_tone_as("Encore une journée de m.rde au service.", Lang::Fr, "profanity-obfuscated", "m.rde");
    assert_tone_as("Sistem yine çöktü, s*ktir.", Lang::Tr, "profanity-obfuscated", "s*ktir");
    assert_tone_as("Det her l0rtesystem igen.", Lang::Da, "profanity-obfuscated", "l0rtesystem");
}

#[test]
fn plain_profanity_takes_inflections() {
    assert_tone_as("Wkurwia mnie ten grafik.", Lang::Pl, "profanity", "Wkurwia");
    assert_tone_as("Zjebali nam grafik na święta.", Lang::Pl, "profanity", "Zjebali");
    assert_tone_as("Sikke en pissesur dag på afdelingen.", Lang::Da, "profanity", "pissesur");
    assert_tone_as("This fucking printer again.", Lang::En, "profanity", "fucking");
}

#[test]
fn numbers_codes_and_emphasis_are_not_disguised_swearing() {
    for (text, lang) in [
        ("Vitamin B12, HbA1c and 25-OH D3 were all normal.", Lang::En),
        ("Our *new* clinic opens at 8.30 on Monday.", Lang::En),
        ("Kl. 13.30 i sal 4, se s. 12.", Lang::Sv),
        ("Write to info@clinic.example or @clinic_team.", Lang::En),
        ("P.S. Husk at tage jeres sundhedskort med.", Lang::Da),
        ("Wyniki: 5.5 mmol/l, 140/90 mmHg.", Lang::Pl),
    ] {
        assert_no_tone_as(text, lang);
    }
}

#[test]
fn a_word_is_judged_by_the_draft_language() {
    // "fan" swears in Swedish and is nothing in English.
    assert_tone_as("Fan, nu hängde sig journalsystemet igen.", Lang::Sv, "profanity-in-context", "Fan");
    assert_no_tone_as("Calling every football fan: our sports injury clinic is open on Saturdays.", Lang::En);
    assert_no_tone_as("Jag är ett stort fan av promenader efter lunch.", Lang::Sv);
    // "amk" is Turkish swearing, and only there.
    assert_tone_as("Yine sistem çöktü amk.", Lang::Tr, "profanity", "amk");
    assert_no_tone_as("Meet the AMK team at the conference.", Lang::En);
    // Turkish folding (ı → i) must not turn everyday words into swear words.
    assert_no_tone_as("Sık sık el yıkayın; sıkıntınız olursa bize yazın, sıkı takip ediyoruz.", Lang::Tr);
}

#[test]
fn clinical_words_are_not_profanity() {
    assert_no_tone("Blood in the stool, or bloody diarrhoea, needs a same-day appointment.");
    assert_no_tone("A finger prick test takes two minutes at reception.");
    assert_no_tone("Breast screening saves lives: book your mammogram, and check your nipples and vagina for changes too.");
    assert_no_tone_as("Cholera to choroba bakteryjna; przed wyjazdem warto się zaszczepić.", Lang::Pl);
    assert_no_tone_as("Le cul-de-sac de Douglas se voit bien à l'échographie pelvienne.", Lang::Fr);
}

#[test]
fn insults_and_derogatory_slang_are_flagged() {
    assert_flags_piece("Another frequent flyer in resus tonight.", "derogatory-slang", "frequent flyer");
    assert_tone_as("Ännu en hypokonder på vårdcentralen.", Lang::Sv, "derogatory-slang", "hypokonder");
    assert_tone_as("Kolejna roszczeniowa pacjentka z pretensjami.", Lang::Pl, "derogatory-slang", "roszczeniowa pacjentka");
    assert_tone_as("Encore une pleurnicheuse aux urgences.", Lang::Fr, "derogatory-slang", "pleurnicheuse");
    assert_tone_as("Dagens hastalık hastası geldi yine.", Lang::Tr, "derogatory-slang", "hastalık hastası");
    assert_flags("The consultants on nights are total idiots.", "insult");
    assert_tone_as("Ledelsen er inkompetent og ved det ikke engang.", Lang::Da, "insult-aimed", "Ledelsen er inkompetent");
}

#[test]
fn quoting_a_slur_to_argue_against_it_is_not_flagged() {
    assert_no_tone("We need to stop calling patients 'frequent flyers'. They are people whose needs we have not met.");
    assert_no_tone_as("Sluta kalla patienter för hypokondrer: oron är verklig.", Lang::Sv);
    assert_no_tone_as("Przestańmy nazywać pacjentów symulantami.", Lang::Pl);
    assert_no_tone_as("Arrêtons d'appeler nos patients des cas sociaux.", Lang::Fr);
    assert_no_tone_as("Lad os holde op med at kalde patienter for hypokondere.", Lang::Da);
    assert_no_tone_as("Hastalarımıza 'hastalık hastası' demeyi bırakalım.", Lang::Tr);
}

#[test]
fn a_quoted_label_with_disapproval_anywhere_in_the_post_is_a_mention() {
    // No "stop calling" in the sentence: the quotation marks plus a disapproving word elsewhere.
    assert_no_tone("'Frequent flyer' again, in this morning's handover. It is a label that hides unmet needs.");
    assert_no_tone("The phrase on the whiteboard said \u{201c}the frequent flyer in bay 3\u{201d}; that is demeaning.");
    assert_no_tone_as("Att skriva ”hypokonder” i journalen är kränkande.", Lang::Sv);
    assert_no_tone_as("« Cas sociaux » : une étiquette méprisante pour des gens précaires.", Lang::Fr);
    assert_no_tone_as("Ordet »hypokonder« er nedladende.", Lang::Da);
}

#[test]
fn scare_quotes_alone_still_mock() {
    assert_tone_as("Our favourite 'frequent flyer' is back, lucky us.", Lang::En, "derogatory-slang", "frequent flyer");
    // An apostrophe inside a word opens no quotation.
    assert_tone_as("Don't look now, it's the frequent flyer again. Offensive, I know.", Lang::En, "derogatory-slang", "frequent flyer");
}

#[test]
fn sarcasm_aimed_at_a_person_is_flagged_and_sincere_praise_is_not() {
    assert_tone_as("Please enlighten us, which page of Google was that on?", Lang::En, "sarcasm", "Please enlighten us");
    assert_tone_as("Jo tjena, och jorden är platt också.", Lang::Sv, "sarcasm", "Jo tjena");
    assert_tone_as("Ty to wiesz najlepiej, po dwóch filmikach na YouTube.", Lang::Pl, "sarcasm", "Ty to wiesz najlepiej");
    assert_tone_as("Diplômé de Google, j'imagine ?", Lang::Fr, "sarcasm", "Diplômé de Google");
    assert_tone_as("Uddannet på YouTube, kan jeg se.", Lang::Da, "sarcasm", "Uddannet på YouTube");
    assert_tone_as("Bizi aydınlatın lütfen, hangi siteden okudunuz?", Lang::Tr, "sarcasm", "Bizi aydınlatın");
    assert_tone_as("Our new registrar clearly got his degree from a cereal box.", Lang::En, "sarcasm", "degree from a cereal box");
    assert_tone_as("Den nya stafettläkaren har nog köpt sin examen på nätet.", Lang::Sv, "sarcasm", "köpt sin examen");
    assert_tone_as("Ten konsultant chyba kupił dyplom na bazarze.", Lang::Pl, "sarcasm", "kupił dyplom");
    assert_tone_as("Le remplaçant a eu son diplôme dans une pochette surprise.", Lang::Fr, "sarcasm", "diplôme dans une pochette surprise");
    assert_tone_as("Vikaren har vist købt sin eksamen i Netto.", Lang::Da, "sarcasm", "købt sin eksamen");
    assert_tone_as("Bu nöbetçi doktor diplomasını satın almış herhalde.", Lang::Tr, "sarcasm", "diplomasını satın almış");
    assert_no_tone_as("Chaque enfant hospitalisé reçoit une pochette surprise à Noël.", Lang::Fr);
    assert_no_tone("Good luck with the move to the new building, we will miss you!");
    assert_no_tone_as("Hon är ett geni på att lugna barn inför provtagning.", Lang::Sv);
}

#[test]
fn a_month_is_not_a_bear() {
    // Turkish "ayı" is a bear (an insult for a boor) and also "the month of": "Kasım ayı".
    assert_no_tone_as("Kasım ayı boyunca her salı grip aşısı yapıyoruz.", Lang::Tr);
    assert_no_tone_as("Bu ayı da yoğun geçirdik, ekibimize teşekkürler.", Lang::Tr);
}

#[test]
fn lazy_eye_is_a_diagnosis_not_an_insult() {
    assert_no_tone("Lazy eye in children is treatable if it is found early; parents can book a screening.");
    assert_no_tone_as("Tembel göz erken fark edilirse hastalar tedavi edilebilir.", Lang::Tr);
}

#[test]
fn shouting_is_a_sentence_in_capitals_not_an_acronym_or_one_word() {
    assert_flags_piece("PLEASE STOP CALLING THE WARD FOR RESULTS.", "shouting", "PLEASE STOP CALLING THE WARD FOR RESULTS");
    assert_tone_as("LÜTFEN SERVİSİ SONUÇ İÇİN ARAMAYIN.", Lang::Tr, "shouting", "LÜTFEN SERVİSİ SONUÇ İÇİN ARAMAYIN");
    assert_no_tone("Our NHS COVID and MRI services are open as usual.");
    assert_no_tone("This is REALLY important: get your flu jab before December.");
    assert_no_tone("Join us for #WorldMentalHealthDay with @NHSEngland and @MindCharity.");
    assert_no_tone("MYTH: cold weather causes colds. FACT: viruses do.");
}

#[test]
fn exclamation_runs_and_emoji_overload() {
    assert_flags_piece("Clinic closed tomorrow!!!", "exclamation-run", "!!!");
    assert_flags_piece("Who booked this?!?!", "exclamation-run", "?!?!");
    assert_no_tone("Welcome to the team, Sam! Your first clinic is on Monday.");
    assert_flags("Night shift done 😴😴😴", "emoji-overload");
    assert_flags("Finally Friday 🎉 🍕 🍷 🥳", "emoji-overload");
    assert_no_tone("Thank you for your patience 🙏 We reopen on Monday.");
    assert_no_tone("Our year in numbers:\n👶 3,100 births\n🏥 12 wards\n👩‍⚕️ 240 midwives\nThank you all 💙");
}

#[test]
fn angry_and_mocking_emoji_are_flagged_friendly_ones_are_not() {
    assert_flags("Another patient who read it on the internet 🙄", "hostile-emoji");
    assert_flags("Third meeting about meetings today 🤬", "hostile-emoji");
    assert_no_tone("Congratulations to our new nurses 🎓 Proud of you all 💙");
}

#[test]
fn rants_need_anger_and_a_target() {
    assert_flags("I'm sick of management cutting our breaks.", "rant");
    assert_tone_as("J'en ai marre de la direction qui ne répond jamais.", Lang::Fr, "rant", "J'en ai marre de la direction");
    assert_no_tone("Patients tell us they are tired of waiting, and we hear them: Saturday clinics start in May.");
    assert_no_tone("We hate to see patients wait, so we have opened a Saturday clinic.");
}

#[test]
fn tone_never_panics_on_odd_input() {
    let c = checker();
    for text in [
        "*", "**", "!!!", "?!", "@", "$$$", "🤦\u{200d}", "\u{200d}♀️", "🇸🇪🇸", "a*", "*a*", "f**", "\u{0301}!!!", "İ", "ŞŞŞŞŞ İİİİ",
        "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!", "k*rw*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a", "1111111111 0000 $$$$ @@@@",
    ] {
        for lang in Lang::ALL {
            let _ = c.check_as(text, lang);
        }
    }
    let long = "KURWA!!! ".repeat(2000) + &"🙄".repeat(500);
    let _ = c.check(&long);
}

#[test]
fn rebukes_and_fed_up_outbursts_are_flagged() {
    assert_tone_as("Till dig som ringer varje dag om samma sak: skärp dig.", Lang::Sv, "rant-exasperation", "skärp dig");
    assert_tone_as("Ci, którzy zostawiają bałagan na dyżurce: wstydźcie się.", Lang::Pl, "rant-exasperation", "wstydźcie się");
    assert_tone_as("Aux collègues qui partent sans transmissions : honte à vous.", Lang::Fr, "rant-exasperation", "honte à vous");
    assert_tone_as("Til jer der aldrig rydder op efter jer: skam jer.", Lang::Da, "rant-exasperation", "skam jer");
    assert_tone_as("Nöbet listesini son gün açıklayan yönetim, biraz utanın.", Lang::Tr, "rant-exasperation", "biraz utanın");
    assert_tone_as("Leaving the drug cupboard open again? Shame on you.", Lang::En, "rant-exasperation", "Shame on you");
    assert_tone_as("Mam dość tych wiecznych spóźnień.", Lang::Pl, "rant-exasperation", "Mam dość");
    // The same words that are not aimed at anyone.
    assert_no_tone("There is no shame in asking for help.");
    assert_no_tone_as("Patienten orkar inte gå hela vägen till röntgen, så vi hämtar en rullstol.", Lang::Sv);
}

#[test]
fn set_phrases_of_mockery() {
    assert_tone_as("@antyszczep jasne, a ziemia jest płaska.", Lang::Pl, "sarcasm", "a ziemia jest płaska");
    assert_tone_as("Il a eu son diplôme de médecine dans une pochette surprise, celui-là.", Lang::Fr, "sarcasm", "dans une pochette surprise");
    assert_tone_as("Certains chefs de service sont infoutus de lire un planning.", Lang::Fr, "insult-aimed", "chefs de service sont infoutus");
}

/// Swedish and Danish coin one-word labels for a group of patients from a condition, a drug or a
/// complaint and a mocking head ("…tanter", "…kärringar", "…simulanter"). The lexicons list such
/// heads with a leading star (`*tanter`), so a compound nobody listed is still found.
#[test]
fn coined_compound_labels_for_patients_are_flagged() {
    assert_tone_as("Väntrummet fullt av migräntanter som vill ha starkare tabletter, igen.", Lang::Sv, "derogatory-slang", "migräntanter");
    assert_tone_as("Två nya tablettpundare på akuten i natt.", Lang::Sv, "derogatory-slang", "tablettpundare");
    assert_tone_as("IBS-tanterna är tillbaka på mottagningen.", Lang::Sv, "derogatory-slang", "IBS-tanterna");
    assert_tone_as("Endnu en whiplashsimulant der vil have en erklæring til forsikringen.", Lang::Da, "derogatory-slang", "whiplashsimulant");
    assert_tone_as("De faste pillekællinger sad klar kl. 8.", Lang::Da, "derogatory-slang", "pillekællinger");
    // The head alone, or starting a longer word, is not a coined label; nor is a neutral compound
    // for pensioners (why there is no `*pensionister`).
    assert_no_tone_as("Tanterna i stickcaféet har skänkt mössor till BB.", Lang::Sv);
    assert_no_tone_as("Mange førtidspensionister og folkepensionister har ret til tilskud til tandpleje.", Lang::Da);
}
