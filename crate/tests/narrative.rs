//! Client data beyond identifiers: named people in a care context, client references, case
//! stories, testimonials, public replies and the private client list. Drafts written for these
//! tests, in all six languages.

mod common;

use bedside::clients::{canonical_forms, hash_name};
use bedside::{Category, ClientHashes, Lang, Settings, Severity};
use common::*;

fn client_data_findings(text: &str, settings: Settings) -> Vec<(String, Severity, String)> {
    checker_with(settings)
        .check(text)
        .into_iter()
        .filter(|f| f.category == Category::ClientData && f.severity != Severity::Hint)
        .map(|f| (f.rule.to_string(), f.severity, text[f.start..f.end].to_string()))
        .collect()
}

#[track_caller]
fn assert_client_data(text: &str) {
    let got = client_data_findings(text, Settings::default());
    assert!(!got.is_empty(), "expected client_data on {text:?}");
}

#[track_caller]
fn assert_no_client_data(text: &str) {
    let got = client_data_findings(text, Settings::default());
    assert!(got.is_empty(), "expected no client_data on {text:?}; got {got:?}");
}

// ---- named people in a care context -------------------------------------------------------

#[test]
fn named_client_with_care_context_is_critical() {
    let text = "Great session with Anna K. today, so proud of her progress with her panic attacks.";
    let got = client_data_findings(text, Settings::default());
    assert!(got.iter().any(|(r, s, p)| r == "client-named-care" && *s == Severity::Critical && p == "Anna K."), "{got:?}");
}

#[test]
fn named_clients_in_six_languages() {
    for text in [
        "Huge shout-out to Dorothy from Selby, back on her feet three weeks after her hip replacement.",
        "Tänk att Hugo, 15, spelar match igen bara fyra månader efter operationen av korsbandet.",
        "Pan Tadeusz z Olsztyna po trzech tygodniach od zawału wrócił do ogródka działkowego.",
        "Toute l'équipe pense à Mme Garnier, hospitalisée depuis lundi après son AVC.",
        "Hold da op, Ida fra Kolding løb 5 km kun to måneder efter sin operation!",
        "Bugün Mehmet Bey bypass ameliyatından sonra ilk kez yürüyüşe çıktı.",
    ] {
        assert_flags(text, "client-named-care");
    }
}

#[test]
fn staff_named_in_a_team_post_are_not_clients() {
    for text in [
        "Welcome to our new physio, Sophie Turner! Sophie will run the Tuesday knee classes.",
        "Nurses Emma, Grace and Priya ran 10 km for the cancer ward today. So proud of the team!",
        "Vår nya sjuksköterska Elin börjar på diabetesmottagningen i morgon. Välkommen!",
        "Nasza nowa fizjoterapeutka, Marta, prowadzi zajęcia z rehabilitacji kręgosłupa.",
        "Bienvenue à notre nouvelle infirmière, Camille, qui rejoint le service de cardiologie.",
        "Velkommen til vores nye sygeplejerske Line, som starter i kræftambulatoriet.",
        "Aramıza katılan fizyoterapistimiz Elif, rehabilitasyon ekibimizle çalışacak.",
        // Academic titles, also where their period ends a "sentence" ("dr. hab.", "Doç.").
        "Brawa dla dr. hab. Tomasza Wójcika i zespołu hemodynamiki za setny zabieg ablacji w tym roku!",
        "Bravo au Pr Claire Fontaine et au service de neurochirurgie, primés pour leur travail sur l'épilepsie.",
        "Podziękowania dla mgr Beaty Lis za 25 lat pracy na oddziale onkologii.",
        "Uzm. Dr. Kerem Aslan bugün diyabet tedavisindeki yenilikleri anlattı.",
    ] {
        assert_no_client_data(text);
    }
}

#[test]
fn stated_written_consent_turns_the_story_off() {
    for text in [
        "Shared with her written consent: Margaret, 84, walked the whole garden today after her stroke.",
        "Delas med skriftligt samtycke: Sigrid, 70, är tillbaka i simhallen efter sin höftoperation.",
        "Za pisemną zgodą pani Haliny: po operacji biodra znowu tańczy!",
        "Publié avec son accord écrit : Paul, 45 ans, a repris le vélo après son infarctus.",
        "Delt med samtykke: Preben, 63, cykler igen efter sin hjerteoperation.",
        "Yazılı onayı ile paylaşıyoruz: Ahmet Bey ameliyattan sonra ilk kez yürüdü.",
        "Hasta yakınlarının yazılı onamıyla paylaşıyoruz: Selim Bey ameliyattan sonra ilk kez yürüdü.",
    ] {
        assert_no_client_data(text);
    }
}

// ---- client references ----------------------------------------------------------------------

#[test]
fn client_reference_with_person_and_care() {
    for text in [
        "A client of mine told me her panic attacks have stopped since she changed jobs.",
        "En av mina klienter har slutat med sin medicin och hon mår bättre än någonsin.",
        "Jeden z moich pacjentów po zawale wrócił do maratonów. Jego determinacja mnie inspiruje.",
        "Une de mes patientes a arrêté son traitement sans m'en parler, elle va bien.",
        "En af mine klienter har fået diagnosen ADHD som 40-årig, og hun er lettet.",
    ] {
        assert_client_data(text);
    }
}

#[test]
fn general_education_and_reminders_are_not_client_data() {
    for text in [
        "Patients often ask whether they can fly after surgery. Usually yes, after two weeks.",
        "Reminder: we never discuss any patient's treatment on social media. Call the clinic instead.",
        "Depression is common and treatable. If you are struggling, talk to your GP.",
        "Många patienter undrar om de kan träna efter en operation. Svaret är oftast ja.",
        "Pacjenci często pytają, czy można ćwiczyć po operacji. Zwykle tak, po dwóch tygodniach.",
        "Beaucoup de patients nous demandent s'ils peuvent conduire après une opération.",
        "Mange patienter spørger, om de må træne efter en operation. Svaret er ofte ja.",
        "Hastalarımız ameliyat sonrası ne zaman spor yapabileceklerini soruyor. Genelde iki hafta sonra.",
        "#WorldMentalHealthDay: anxiety and depression are nothing to be ashamed of.",
        "Ten years ago today I had my own surgery. It made me a better nurse.",
        "We're hiring! Band 6 nurse for our cardiac rehab team, 30 hours a week.",
    ] {
        assert_no_client_data(text);
    }
}

#[test]
fn initials_with_a_ward_or_an_admission_identify_a_patient() {
    for text in [
        "Lovely moment on ward 7 today: Mrs J.T., admitted last Monday after her fall, walked to the window.",
        "Patienten på sal 2, E.L., inlagd i måndags efter en hjärtinfarkt, fick äntligen åka hem.",
        "Pacjentka z sali 3 na ortopedii (p. K.W., przyjęta 2.12 po złamaniu biodra) dziś pierwszy raz usiadła.",
        "Notre patiente de la chambre 12 (Mme C.D., hospitalisée depuis le 3 mars) a enfin revu ses enfants.",
    ] {
        assert_client_data(text);
    }
    // The finding covers the title and every initial, so "redact" removes them all.
    let got = client_data_findings("Mrs J.T., admitted last Monday after her fall, walked to the window.", Settings::default());
    assert!(got.iter().any(|(_, _, piece)| piece == "Mrs J.T."), "{got:?}");
    for text in [
        "New guidance from the U.S. on I.V. antibiotics for children with pneumonia.",
        "P.S. The flu vaccination clinic is open on Saturday for all patients over 65.",
        "Welcome to Dr A.K. Patel, who joins our cardiology team in January.",
        "Tack till vår undersköterska E.L. som täckte passen på avdelningen i helgen!",
    ] {
        assert_no_client_data(text);
    }
}

// ---- case stories ---------------------------------------------------------------------------

#[test]
fn case_stories_with_quasi_identifiers_warn() {
    for text in [
        "A 34-year-old mum I saw on Tuesday in Malmö with postpartum psychosis reminded me why we need more beds.",
        "81F with dementia, brought in last night after a fall at home.",
        "I fredags kom en 28-årig sjuksköterska från Gävle till mig med utmattningssyndrom.",
        "Wczoraj przyszła do mnie 52-letnia nauczycielka z Lublina z depresją.",
        "Hier, une femme de 41 ans, caissière à Nantes, est venue avec une dépression sévère.",
        "I går kom en 67-årig fisker fra Hirtshals ind med lungebetændelse.",
        "Dün 39 yaşında bir hemşire depresyon nedeniyle bana başvurdu.",
    ] {
        let got = client_data_findings(text, Settings::default());
        assert!(got.iter().any(|(r, _, _)| r == "client-case-story" || r == "client-named-care" || r == "client-reference"), "expected a case story on {text:?}; got {got:?}");
    }
}

#[test]
fn ages_in_education_and_screening_are_not_case_stories() {
    for text in [
        "Bowel screening is offered every two years to people aged 50 to 74.",
        "Barn under 12 år ska inte ta acetylsalicylsyra.",
        "Szczepienie przeciw HPV jest zalecane dla dzieci w wieku 9-14 lat.",
        "Le dépistage du cancer du sein est proposé aux femmes de 50 à 74 ans.",
        "Kvinder mellem 23 og 64 år tilbydes screening for livmoderhalskræft.",
        "40 yaş üstü kadınlar yılda bir mamografi çektirmeli.",
        "Kongrede konuşuldu: 70 yaş üstü hastaların yarısı beş ilaç kullanıyor.",
        "Geçen yıl hastalarımızın %31'i 65 yaş ve üzerindeydi.",
        "Notre hôpital de jour accueille les patients de plus de 80 ans le mardi.",
        // Years of study are not an age: "14 lat studiów", "8 ans d'études".
        "Kolejny pacjent wie lepiej, 12 lat studiów i praktyki na nic.",
        "Encore un patient qui sait tout, 8 ans d'études pour rien.",
        "Imagine a 50-year-old man with chest pain arriving in A&E last night: what do you do first?",
    ] {
        assert_no_client_data(text);
    }
}

// ---- public replies -------------------------------------------------------------------------

#[test]
fn public_reply_about_own_care_is_flagged() {
    let got = client_data_findings("@jenny_r your biopsy results look fine, see you soon!", Settings::default());
    assert!(got.iter().any(|(r, s, _)| r == "client-public-reply" && *s == Severity::Critical), "{got:?}");
}

#[test]
fn communication_level_one_or_two_is_stricter() {
    let text = "@tom_b sorry to hear about the migraine, hope it settles soon!";
    assert!(client_data_findings(text, Settings::default()).is_empty());
    let strict = Settings { communication_level: Some(2), ..Settings::default() };
    let got = client_data_findings(text, strict);
    assert!(got.iter().any(|(r, s, _)| r == "client-public-reply" && *s == Severity::Warning), "{got:?}");
    let level4 = Settings { communication_level: Some(4), ..Settings::default() };
    assert!(client_data_findings(text, level4).is_empty());
}

// ---- testimonials ---------------------------------------------------------------------------

#[test]
fn before_after_without_consent_warns_and_with_consent_does_not() {
    let got = client_data_findings("Here are her before and after photos from our eight-week programme!", Settings::default());
    assert!(got.iter().any(|(r, s, _)| r == "client-testimonial" && *s == Severity::Warning), "{got:?}");
    assert_no_client_data("Shared with her permission: her before and after photos, eight weeks apart.");
}

// ---- the private client list ----------------------------------------------------------------

fn with_clients(names: &[&str]) -> Settings {
    let salt = "test-salt-3f9a";
    let hashes = names.iter().flat_map(|n| hash_name(salt, n)).collect();
    Settings { clients: Some(ClientHashes { salt: salt.into(), hashes }), ..Settings::default() }
}

#[test]
fn client_list_matches_inflected_names() {
    let settings = with_clients(&["Kasia Nowak", "Søren", "Ayşe", "@jenny_r"]);
    for (text, piece) in [
        ("Spotkałam dziś Kasię na korytarzu.", "Kasię"),
        ("Rozmawiałam z Kasią o wynikach.", "Kasią"),
        ("KASIA wróciła!", "KASIA"),
        ("Sørens mor ringede i dag.", "Sørens"),
        ("Ayşe'nin kontrolü bugündü.", "Ayşe'nin"),
        ("Thanks @jenny_r for the flowers!", "@jenny_r"),
    ] {
        let got = client_data_findings(text, settings.clone());
        assert!(
            got.iter().any(|(r, s, p)| r == "client-list-name" && *s == Severity::Critical && p == piece),
            "expected {piece:?} in {text:?}; got {got:?}"
        );
    }
}

#[test]
fn client_list_ignores_unrelated_names_and_is_off_without_a_list() {
    let settings = with_clients(&["Kasia Nowak", "Søren"]);
    for text in ["Kamil i Sara byli dziś w pracy.", "Sofie og Karen holder fri i dag.", "Our team met the mayor."] {
        let got = client_data_findings(text, settings.clone());
        assert!(!got.iter().any(|(r, _, _)| r == "client-list-name"), "{text:?}: {got:?}");
    }
    assert!(!client_data_findings("Rozmawiałam z Kasią.", Settings::default()).iter().any(|(r, _, _)| r == "client-list-name"));
}

#[test]
fn the_engine_receives_hashes_only() {
    let forms = canonical_forms("Kasia Nowak");
    let settings = with_clients(&["Kasia Nowak"]);
    let list = settings.clients.as_ref().unwrap();
    let json = serde_json::to_string(list).unwrap();
    for f in &forms {
        assert!(!json.to_lowercase().contains(f.as_str()), "form {f:?} leaked into the settings");
    }
    assert!(list.hashes.iter().all(|h| h.len() == 64));
}

// ---- robustness -----------------------------------------------------------------------------

#[test]
fn odd_input_never_panics() {
    let c = checker();
    for text in ["@", "@@", "Mr", "Pani", "M.", "Anna,", "Anna, 1", "(", "34-year-old", "Bey", "ä@ö", "\u{0301}Anna K", "Ö.", "İ.", "'", "x'"] {
        for lang in Lang::ALL {
            let _ = c.check_as(text, lang);
        }
    }
    let long = "Anna K. from Leeds, 34, my patient, had surgery yesterday. ".repeat(60);
    let _ = c.check(&long);
}

#[test]
fn client_list_matches_capitalised_names_in_long_drafts_too() {
    let settings = with_clients(&["Søren Madsen"]);
    let long = format!("{} I dag mødte jeg Søren på gangen, og Sørens smil var tilbage.", "Vi har haft en travl uge på klinikken med mange besøg. ".repeat(15));
    let got = client_data_findings(&long, settings);
    let pieces: Vec<&str> = got.iter().filter(|(r, _, _)| r == "client-list-name").map(|(_, _, p)| p.as_str()).collect();
    assert_eq!(pieces, vec!["Søren", "Sørens"], "{got:?}");
}

#[test]
fn a_client_reference_leaves_room_for_identifier_findings() {
    // The reference is flagged on its own words, so a finding inside the story is not swallowed.
    let text = "My patient keeps missing her insulin reviews.";
    let got = client_data_findings(text, Settings::default());
    assert!(got.iter().any(|(r, _, p)| r == "client-reference" && p == "My patient"), "{got:?}");
}

// ---- bare first names: colleague or client? ---------------------------------------------------

#[test]
fn bare_first_name_needs_a_patient_cue() {
    // A colleague thanked, next to a service name: no finding above a hint.
    assert_no_client_data("Thank you Sarah and Tom for covering the diabetes clinic while I was away.");
    assert_no_client_data("Tack Maria för en fin föreläsning om diabetes och insulin på personalmötet.");
    assert_no_client_data("Merci à Claire et Julien pour l'organisation de la journée sur le diabète samedi dernier.");
    // The same kind of name, pointed at as the one cared for.
    assert_client_data("Thank you Sarah for trusting me with her recovery after the stroke.");
    assert_client_data("Stolt av Gunnar idag: tre veckor efter sin höftoperation går han utan kryckor.");
}

#[test]
fn the_writers_own_family_is_not_a_client() {
    assert_no_client_data("My mum Margaret had her cataract surgery last week and the eye team were brilliant.");
    assert_no_client_data("Mój mąż Adam miał w zeszłym roku zawał serca; dziś biegamy razem pięć kilometrów.");
    // Someone else's relative is still someone's health story.
    assert_client_data("Her husband Graham came in with chest pain on Friday and she told me about his stent.");
}

#[test]
fn a_name_after_another_capitalised_word_is_still_a_name() {
    assert_client_data("Søstrene Ella og Sofie blev født for tidligt i morges og er nu i kuvøse på afdelingen.");
    assert_client_data("Congratulations Olivia! You rang me on Monday to say your IVF cycle worked and she is due in May.");
}

#[test]
fn a_person_addressed_with_their_town_about_their_care() {
    assert_client_data("To Mr Reid from Hull, who turned up for his third detox this month: we have no beds left.");
    // Addressed by first name about a medicine: the advice rules judge that, not client data.
    assert_no_client_data("Dear Rob, it sounds like gallstones. Please see your GP this week.");
}

#[test]
fn age_ranges_and_distances_are_not_ages() {
    assert_no_client_data("50-69 yaş arası kadınlar iki yılda bir ücretsiz mamografi çektirebilir. Randevunuzu bugün alın.");
    assert_no_client_data("Tonight Julia and I are running the 10k for the stroke unit. Please sponsor us!");
    // A single stated age with a condition and a time is still a case story.
    assert_client_data("Dün gece acile 43 yaşında bir kadın şiddetli baş ağrısıyla geldi, beyin kanaması çıktı.");
}

#[test]
fn colleagues_named_with_a_compound_title_are_staff() {
    assert_no_client_data("Välkommen på föreläsning om demens med distriktsläkare Karin Ek på torsdag.");
    assert_no_client_data("Congratulations to our own Lucy Evans, who was named Midwife of the Year for her work on the labour ward!");
}

#[test]
fn stated_permission_in_everyday_words_turns_a_story_off() {
    assert_no_client_data("Shared with her family's permission: Rita, 88, celebrated her birthday on our ward after her fall.");
    assert_no_client_data("Delas med hennes tillstånd: Britt, 79, firade sin födelsedag på avdelningen efter höftoperationen.");
    // Without it, the same story is flagged.
    assert_client_data("Rita, 88, celebrated her birthday on our ward after her fall.");
    // A denial of consent is not consent.
    assert_client_data("No permission to share, but Rita, 88, celebrated her birthday on our ward after her fall.");
}

#[test]
fn a_reply_by_name_about_their_prescription_record_or_operation_is_client_data() {
    for text in [
        "Monsieur Garnier, j'ai vu passer votre ordonnance de Kardégic hier : pas d'ibuprofène avec.",
        "Panie Marku, widziałam w systemie Pana receptę na warfarynę.",
        "Hej Søren, jeg kan se i din journal at du stadig får Marevan.",
        "@soren_k hvor er det dejligt at se dig løbe igen efter din hofteoperation i august!",
        "Ayten Hanım, diz ameliyatınızdan sonra bu kadar hızlı toparlanmanıza çok sevindik.",
        "Fru Lund, din remiss till hudkliniken är skickad.",
    ] {
        assert_client_data(text);
    }
    for text in [
        "Vi har e-recept nu: receptet hittar du i appen.",
        "Efter en hofteoperation er genoptræning vigtig, så spørg din fysioterapeut til råds.",
        "Une ordonnance ne se partage pas : chaque traitement est personnel.",
    ] {
        assert_no_client_data(text);
    }
}

#[test]
fn a_bed_or_room_number_points_at_one_inpatient() {
    for text in [
        "The gentleman in bay 3 sang to the whole night shift.",
        "Pan z łóżka 4 na internie znowu krzyczy na salowe.",
        "Le monsieur de la 12 sonne toutes les cinq minutes.",
        "Damen på sal 4 har sjungit för hela avdelningen i kväll.",
        "Manden på stue 2 har spurgt efter kaffe tolv gange i nat, og han er stadig vågen.",
    ] {
        assert_client_data(text);
    }
    for text in [
        "Book a room 2 weeks ahead for the team day.",
        "La dame de la boulangerie nous a offert des croissants.",
        "The lady in bed is a painting by a local artist, now in our waiting room.",
    ] {
        assert_no_client_data(text);
    }
}

#[test]
fn a_title_and_a_bed_or_ward_number_identify_an_inpatient() {
    for text in [
        "Mr T on Ward 7 pressed the call bell forty times last night.",
        "Fru L på stue 3 har kaldt på mig hele natten, og hun vil ikke sove.",
        "Pani Halina z sali 3 na ortopedii wraca jutro do domu.",
        "Mrs Okafor in bed 12 finally got her cup of tea at 4 am.",
        // The bed first, the name after it as an aside.
        "In bay 3, Mr K, our longest stay this winter, finally went home today.",
        "Łóżko 4, pani Halina, dziś wychodzi do domu.",
        "Stue 6, hr. Jensen, fik besøg af hele familien i dag.",
    ] {
        assert_client_data(text);
    }
    for text in [
        "Thanks to Ward 7 sister Mrs Jones for the teaching.",
        "Ward 7 was busy today. Mrs Smith from the League of Friends brought cakes for the staff.",
        "Mrs Jones in room 2 has been our receptionist for 20 years.",
        "Plan B for the team day: Mr T will bring the cake.",
        "Thanks to Dr Patel on Ward 9 for the teaching session.",
    ] {
        assert_no_client_data(text);
    }
}

#[test]
fn a_commenter_mentioned_by_full_name_is_answered_not_disclosed() {
    // Diagnosing a commenter from what they wrote is advice (the advice rules warn); nothing shows
    // the writer holds their care.
    for text in [
        "@Peter Lindqvist that ache in your heel every morning sounds like plantar fasciitis to me. Stop running for a month.",
        "@Marie-Claire Dubois ce que vous décrivez ressemble à une sciatique, arrêtez le sport une semaine.",
        "Zeynep Hanım anlattığınız şikayetler tipik reflü, akşamları geç yemek yemeyin.",
        "@Tom Baker with a blood pressure of 90 over 60 I'd skip tomorrow's ramipril.",
        "Pani Ewo, przy cukrze 180 na czczo warto powtórzyć badanie krwi w przyszłym tygodniu.",
        "@Sue Grant ask your GP for an ultrasound of that lump before you do anything else.",
    ] {
        assert_no_client_data(text);
    }
    // Their own results, their visit: the writer knows their care.
    for text in [
        "@Peter Lindqvist your biopsy results came back clear, see you on Monday.",
        "Zeynep Hanım tahlil sonuçlarınız geldi, yarın sizi arayacağız.",
        "Pani Ewo, wyniki badania krwi są już u nas, zapraszam jutro.",
    ] {
        assert_client_data(text);
    }
}

#[test]
fn a_hyphenated_given_name_is_one_name() {
    let text = "So glad Anne-Sophie Martin is back on her feet after her hip operation in May.";
    let got = client_data_findings(text, Settings::default());
    assert!(got.iter().any(|(r, _, p)| r == "client-named-care" && p == "Anne-Sophie Martin"), "{got:?}");
}

#[test]
fn a_common_word_is_not_a_name_for_sharing_a_names_stem() {
    // "Free" shares its stem with "Freya" but is shorter than any name of that stem.
    assert_no_client_data("Free eye tests for children with diabetes this week.");
    assert_client_data("Freyas astma har blivit mycket bättre sedan hon började med den nya inhalatorn.");
}

#[test]
fn the_writers_own_diagnosis_is_not_a_case_story() {
    for text in [
        "Two years ago I was diagnosed myself: breast cancer, 41 years old, two small kids. Check yourselves.",
        "För tre år sedan fick jag själv diagnosen: MS, 38 år. I dag jobbar jag heltid igen.",
        "Rok temu usłyszałam diagnozę: stwardnienie rozsiane, 36 lat. Dziś wracam do pracy.",
        "Il y a deux ans, on m'a diagnostiqué un lymphome, à 44 ans. Aujourd'hui je reprends les gardes.",
        "For to år siden fik jeg selv diagnosen: leukæmi, 39 år. Nu er jeg tilbage på afdelingen.",
        "İki yıl önce ben de tanıyı aldım: lenfoma, 42 yaşında. Bugün nöbetlere dönüyorum.",
    ] {
        assert_no_client_data(text);
    }
    // Someone else's diagnosis, told by the writer, is still a case story.
    for text in [
        "Yesterday a 41-year-old teacher from Leeds was diagnosed with breast cancer in my clinic.",
        "I går fick en 38-årig lärare från Umeå diagnosen MS hos oss på mottagningen.",
    ] {
        assert_client_data(text);
    }
}

#[test]
fn a_public_role_in_one_town_or_club_names_the_patient() {
    for text in [
        "Not naming names, but the Leeds striker came in this morning with a torn hamstring after the derby.",
        "The mayor of Ashby sat in my chair yesterday with a broken front tooth.",
        "Rektorn på Björkskolan var hos oss i dag med en avslagen framtand.",
        "Bramkarz naszej Wisły był dziś u mnie z wybitym zębem.",
        "Le talonneur du Stade Rochelais était dans mon fauteuil ce matin avec une incisive cassée.",
        "Borgmesteren i Skive sad i min stol i morges med en knækket tand.",
        "Kasabamızın muhtarı dün kırık dişiyle koltuğuma oturdu.",
    ] {
        assert_client_data(text);
    }
    for text in [
        // A ceremony, a role without a visit, a role in no particular place.
        "The mayor of Leeds opened our new diabetes unit today.",
        "Borgmesteren indviede i dag vores nye kræftafdeling i Vejle.",
        "Our goalkeeper training session for kids starts Monday at the sports centre.",
        "Our headteacher told me the school nurse service will start again in January.",
        "A goalkeeper came in with a broken finger: always tape your fingers, folks.",
    ] {
        assert_no_client_data(text);
    }
}

/// A ward or clinic announcing a birth names the newborn and the parents with the birth weight:
/// a birth in its care, told in public. A welcome there greets the baby, not a new colleague.
#[test]
fn a_birth_announcement_with_names_and_the_weight_is_client_data() {
    for (text, name) in [
        ("Welcome to the world, baby Oliver! Born at 03:12 this morning, 3,450 g. Congratulations to Emma and Tom.", "baby Oliver"),
        ("Our first baby of the year: little Ava arrived just after midnight, 7lb 2oz.", "little Ava"),
        ("Lilla Elsa kom till världen i natt och vägde 3 450 gram.", "Lilla Elsa"),
        ("Witamy na świecie małą Zosię! Urodziła się dziś o świcie, waga 3450 g.", "małą Zosię"),
        ("Bienvenue à Léna, née cette nuit (3,2 kg) ! Félicitations aux parents.", "Léna"),
        ("Velkommen til verden, lille Ida! Hun blev født i nat og vejede 3.450 gram.", "lille Ida"),
        ("Dünyaya hoş geldin Elif bebek! Bu sabah 3.450 gram olarak doğdu.", "Elif bebek"),
        // The parents, in the next sentence.
        ("Mia was born on Tuesday, 3.1 kg. Huge congratulations to Sarah and James!", "James"),
        // A hospital named after a saint is not a colleague.
        ("Twins! Lily (2.4 kg) and Grace (2.6 kg) were born yesterday at St Luke's.", "Grace"),
    ] {
        assert_flags_piece(text, "client-named-care", name);
    }
    for text in [
        // A colleague's baby, the writer's own, a welcome to a new colleague, statistics, advice.
        "Congratulations to our midwife Claire on the birth of her daughter Mia, 3.2 kg!",
        "Our daughter Mia was born on Sunday, 3.2 kg, and we are over the moon.",
        "Welcome to Sarah, our new midwife, who joins the birth centre team on Monday.",
        "312 babies were born here last year; the average birth weight was 3,400 g.",
        "Babies born under 2,500 g need extra warmth: skin to skin helps.",
        // A threshold or a range is not one baby's weight, even with a name in the sentence.
        "Fråga Lisa om bebisar som föds under 2 500 gram.",
        "Demandez à Camille : les bébés nés avec moins de 2,5 kg ont besoin de chaleur.",
        "Kasia opowie o noworodkach urodzonych poniżej 2500 g.",
    ] {
        assert_no_client_data(text);
    }
}

/// Danish "alle" (all, everyone) is not the street word "allé": a name followed by it is not a
/// colleague's or a street's.
#[test]
fn danish_alle_after_a_name_is_not_a_street() {
    assert_flags_piece("Jens har alle symptomerne på lungebetændelse, og han blev indlagt i går.", "client-named-care", "Jens");
    assert_flags_piece("Kirsten fra Vesterbro Allé var til kontrol for sin diabetes i går.", "client-named-care", "Kirsten fra Vesterbro");
    assert_no_client_data("Tak til Mette og alle de andre sygeplejersker for en god vagt.");
}

/// A hyphenated first name ("Gun-Britt", "Jean-Pierre") or surname ("Nowak-Kowalska") is one name:
/// the finding covers all of it, not its last part.
#[test]
fn hyphenated_names_are_flagged_whole() {
    for (text, name) in [
        ("Gun-Britt Svensson på sal 4 har fått sin höftprotes idag och mår bra.", "Gun-Britt Svensson"),
        ("Jean-Pierre Martin, 67 ans, opéré hier de la hanche, rentre demain.", "Jean-Pierre Martin"),
        ("Anne-Marie was admitted last night with chest pain; her ECG was normal.", "Anne-Marie"),
        ("Pani Anna Nowak-Kowalska z sali 3 wraca jutro do domu po operacji.", "Pani Anna Nowak-Kowalska"),
    ] {
        assert_flags_piece(text, "client-named-care", name);
    }
}

/// Informal Turkish replies own the record with a suffix: "reçeten" (your prescription),
/// "mamografin" (your mammogram). Only where the form cannot also mean "of the ...": after a
/// vowel the genitive is "-nin" ("reçetenin"), so "reçeten" is "yours"; after a consonant
/// ("tahlillerin", "sonuçların") the two are written alike and are left alone.
#[test]
fn informal_turkish_replies_about_their_prescription_or_scan_are_client_data() {
    assert_flags_piece("@mehmet.y reçeten eczaneye gönderildi, yarın alabilirsin.", "client-public-reply", "reçeten");
    assert_flags_piece("@mehmet.y reçetendeki ilacı sabah aç karnına al.", "client-public-reply", "reçetendeki");
    assert_flags_piece("@zeynep_a mamografin temiz, altı ay sonra tekrar bakarız.", "client-public-reply", "mamografin");
    for text in [
        "@ayse_k reçetenin geçerlilik süresi 30 gündür, eczaneye sorabilirsiniz.",
        "@zeynep_a mamografinin sonucu bir hafta içinde çıkar, merak etmeyin.",
        "@ayse_k tahlillerin çoğu aç karnına yapılır, sabah gelmeniz yeterli.",
    ] {
        assert_no_client_data(text);
    }
}

/// A reply that praises a recovery "after your sprain" names an episode of the addressee's care
/// that the writer knows of, without any record word.
#[test]
fn a_reply_about_a_recovery_after_their_operation_is_client_data() {
    for (text, piece) in [
        ("Hi Tom, so good to see you walking again after your stroke!", "your stroke"),
        ("Hej Lisa, vad roligt att se dig cykla igen efter din höftoperation!", "din höftoperation"),
        ("Kasiu, super widzieć Cię znowu na nogach po Twoim udarze!", "Twoim udarze"),
        ("Julie, quel bonheur de te voir courir de nouveau après ton entorse !", "ton entorse"),
        ("Mette, godt at du kan cykle på arbejde igen efter din blodprop!", "din blodprop"),
    ] {
        assert_flags_piece(text, "client-public-reply", piece);
    }
    // "after your" with no care episode.
    for text in ["@tom_b after your meal, a short walk helps your blood sugar.", "Hi Tom, after your shift come and have some cake in the staff room!"] {
        assert_no_client_data(text);
    }
}
