//! Identifier detectors: national IDs with validation, patients' contact data, record numbers,
//! dates of birth and home addresses, and the look-alikes that must stay quiet. All numbers here
//! were computed for these tests (valid checksums) or deliberately broken.

mod common;
use common::*;

use bedside::{Lang, Settings, Severity};

// ---------- Swedish personnummer / samordningsnummer ----------

#[test]
fn personnummer_valid_with_and_without_century_and_separator() {
    assert_flags_piece("Kan någon kolla 760312-1232 i journalen?", "personnummer", "760312-1232");
    assert_flags_piece("Patienten 19540612-2340 väntar fortfarande.", "personnummer", "19540612-2340");
    assert_flags_piece("Personnummer 7603121232 saknas i remissen.", "personnummer", "7603121232");
    assert_flags_piece("Hon är över hundra: 010917+4821 stämmer.", "personnummer", "010917+4821");
}

#[test]
fn samordningsnummer_day_plus_sixty() {
    assert_flags_piece("Samordningsnummer 760372-1239 gäller för tolkbokningen.", "personnummer", "760372-1239");
}

#[test]
fn personnummer_look_alikes_stay_quiet() {
    // Luhn broken, no context.
    assert_clean_as("Vi skickade paket 760312-1233 i går.", Lang::Sv);
    // Organisation number (third digit >= 2).
    assert_clean_as("Tandvården Norr AB, 556677-8899, söker tandsköterska.", Lang::Sv);
    // Dates, times, prices.
    assert_clean_as("Vi har stängt 2024-12-24 och öppnar 2024-12-27 kl 08.00. Pris 1 250 kr.", Lang::Sv);
}

#[test]
fn personnummer_named_but_mistyped_is_still_a_warning() {
    let c = checker();
    let text = "Personnummer 760312-1233 kommer inte in i systemet.";
    let f: Vec<_> = c.check(text).into_iter().filter(|f| f.rule == "personnummer").collect();
    assert_eq!(f.len(), 1, "{f:?}");
    assert_eq!(f[0].severity, Severity::Warning);
}

// ---------- Danish CPR ----------

#[test]
fn cpr_with_and_without_mod11() {
    assert_flags_piece("Brevet til 150384-2137 kom retur.", "danish-cpr", "150384-2137");
    // Post-2007 numbers need not pass mod 11: a valid date and a Danish post are enough.
    assert_flags_piece("Vi har skrevet 010203-4567 forkert i journalen, og det er ikke godt.", "danish-cpr", "010203-4567");
    assert_flags_piece("CPR 0102034567 står forkert.", "danish-cpr", "0102034567");
}

#[test]
fn cpr_look_alikes_stay_quiet() {
    // Not a date (day 32), CVR number, order number.
    assert_clean_as("Vi har fået 329984-2137 stk. leveret.", Lang::Da);
    assert_clean_as("Klinikken ApS, CVR 31415926, sender faktura.", Lang::Da);
    assert_clean_as("Ordrenummer 150384-2137 er sendt.", Lang::Da);
}

// ---------- Norway, Finland ----------

#[test]
fn norwegian_and_finnish_ids() {
    assert_flags_piece("Patient visiting from Bergen, fødselsnummer 15038512363.", "norwegian-fnr", "15038512363");
    assert_flags_piece("The exchange student's ID 131052-308T does not work.", "finnish-hetu", "131052-308T");
    assert_flags_piece("Henkilötunnus 010103A042K", "finnish-hetu", "010103A042K");
    assert_clean("Part 131052-308X is back in stock.");
}

// ---------- Poland ----------

#[test]
fn pesel_valid_across_centuries() {
    assert_flags_piece("Pacjentka z PESEL 85070412342 czeka na wynik.", "pesel", "85070412342");
    // Born in the 2000s: month + 20.
    assert_flags_piece("Dziecko ma PESEL 02251205676.", "pesel", "02251205676");
}

#[test]
fn pesel_look_alikes_stay_quiet() {
    assert_clean_as("Przesyłka 85070412343 dotrze jutro.", Lang::Pl);
    assert_clean_as("Numer zamówienia 85070412342 został opłacony.", Lang::Pl);
    // Month 13 is not a month in any century.
    assert_clean_as("Kod 85130412342 wpisz na stronie.", Lang::Pl);
}

// ---------- France ----------

#[test]
fn nir_spaced_unspaced_and_corsica() {
    assert_flags_piece("Son NIR 2 69 05 49 588 157 80 a été refusé.", "french-nir", "2 69 05 49 588 157 80");
    assert_flags_piece("Sécu : 269054958815780, merci.", "french-nir", "269054958815780");
    assert_flags_piece("Numéro de sécurité sociale 2 85 11 2A 015 023 66.", "french-nir", "2 85 11 2A 015 023 66");
}

#[test]
fn nir_with_wrong_key_and_no_context_is_quiet() {
    assert_clean_as("Référence produit 2 69 05 49 588 157 81 en rupture.", Lang::Fr);
}

// ---------- Turkey ----------

#[test]
fn tckn_both_check_digits() {
    assert_flags_piece("Hastanın TC kimlik no 12345678028 sistemde görünmüyor.", "turkish-tckn", "12345678028");
    assert_flags_piece("30482195710 numaralı hastanın raporu hazır.", "turkish-tckn", "30482195710");
}

#[test]
fn tckn_look_alikes_stay_quiet() {
    // Second check digit wrong; first digit zero; order number.
    assert_clean_as("Kod 12345678029 ile giriş yapın.", Lang::Tr);
    assert_clean_as("Kod 01234567890 ile giriş yapın.", Lang::Tr);
    assert_clean_as("Sipariş numaranız 30482195710 kargoda.", Lang::Tr);
}

// ---------- US SSN, UK NHS number ----------

#[test]
fn ssn_rules() {
    assert_flags_piece("Claim bounced, SSN 219-09-9999 doesn't match.", "us-ssn", "219-09-9999");
    assert_flags_piece("Billing keeps rejecting 536-22-1844 for her.", "us-ssn", "536-22-1844");
    // Area 000, 666, 9xx; group 00; serial 0000; the advertising example.
    for bad in ["000-12-3456", "666-12-3456", "912-12-3456", "536-00-1844", "536-22-0000", "123-45-6789"] {
        assert_clean(&format!("Test value {bad} in the training environment."));
    }
}

#[test]
fn nhs_number_mod11() {
    assert_flags_piece("NHS number 943 476 5919 is merged with someone else.", "nhs-number", "943 476 5919");
    assert_flags_piece("NHS no. 4010232137 still wrong.", "nhs-number", "4010232137");
    // Without "NHS" a spaced 3-3-4 number is only a hint at most.
    assert_clean("Dispatch ref 943 476 5919 for the new chairs.");
}

// ---------- phone numbers ----------

#[test]
fn patient_phone_numbers_in_national_formats() {
    assert_flags_piece("Can't get hold of Mr Price, his number is 07700 900461 and it goes to voicemail.", "patient-phone", "07700 900461");
    assert_flags_piece("Please ring her back, her mobile is +44 7700 900461, she left her scarf.", "patient-phone", "+44 7700 900461");
    assert_flags_piece("Patienten glömde plånboken, ring honom på 070-123 45 67.", "patient-phone", "070-123 45 67");
    assert_flags_piece("Pacjentka nie odbiera, jej numer to 501 234 567.", "patient-phone", "501 234 567");
    assert_flags_piece("Le patient ne répond pas, son numéro : 06 12 34 56 78.", "patient-phone", "06 12 34 56 78");
    assert_flags_piece("Ring til hende på 21 43 65 87, hun glemte sin taske.", "patient-phone", "21 43 65 87");
    assert_flags_piece("Hastamıza ulaşamadık, cep telefonu 0532 123 45 67.", "patient-phone", "0532 123 45 67");
    assert_flags_piece("Patient left his wallet; call him at (415) 555-0172.", "patient-phone", "(415) 555-0172");
}

#[test]
fn business_phone_numbers_stay_quiet() {
    assert_clean("Call us on 01632 960 555 to book an appointment.");
    assert_clean_as("Ring oss på 08-123 456 78 under telefontiden.", Lang::Sv);
    assert_clean_as("Rejestracja: tel. 22 123 45 67, pn–pt 8–18.", Lang::Pl);
    assert_clean_as("Appelez-nous au 01 23 45 67 89 pour prendre rendez-vous.", Lang::Fr);
    assert_clean_as("Ring til os på 33 12 34 56 i åbningstiden.", Lang::Da);
    assert_clean_as("Randevu için bizi arayın: 0212 555 12 34.", Lang::Tr);
    assert_clean_as("Bezpłatna infolinia 800 123 456.", Lang::Pl);
    assert_clean("Freephone 0800 123 4567, any time.");
    // A reply to a patient that gives the practice's own booking line.
    assert_clean_as("Pani Zosiu, nie odpowiadam na pytania medyczne w komentarzach – zapraszam do umówienia wizyty telefonicznie: 698 321 457.", Lang::Pl);
    // A job advert's contact: a manager named with their number.
    assert_clean_as("Vi søger en fysioterapeut til genoptræningen, 32 timer. Vil du vide mere, så ring til daglig leder Hanne Birk på 41 22 33 44.", Lang::Da);
}

#[test]
fn numbers_that_are_not_phones_stay_quiet() {
    assert_clean("We raised £1 250 000 for the new ward in 2024.");
    assert_clean("Opening hours 08.00-16.30, closed 24.12.2024.");
    assert_clean("Order 12345678 is on its way.");
    assert_clean_as("Wynagrodzenie: 8 200–10 400 zł brutto miesięcznie.", Lang::Pl);
}

#[test]
fn allow_list_matches_phone_numbers_written_differently() {
    let settings = Settings { allow_list: vec!["+46 70 123 45 67".into()], ..Settings::default() };
    let c = checker_with(settings);
    let text = "Patienten kan ringa honom på 070-123 45 67 om hon vill.";
    let phone: Vec<_> = c.check(text).into_iter().filter(|f| f.rule == "patient-phone").collect();
    assert!(phone.is_empty(), "allow-listed number flagged: {phone:?}");
    // Another number is still flagged.
    let text = "Patienten glömde plånboken, ring honom på 070-765 43 21.";
    assert!(c.check(text).iter().any(|f| f.rule == "patient-phone"));
}

// ---------- emails ----------

#[test]
fn patient_emails() {
    assert_flags_piece("Our patient's letter bounced, her email is jane.doe1975@gmail.com.", "patient-email", "jane.doe1975@gmail.com");
    assert_flags_piece("Mejlet till olle.karlsson@telia.com studsar, patienten väntar.", "patient-email", "olle.karlsson@telia.com");
}

#[test]
fn a_post_to_whoever_owns_an_address_is_about_them() {
    // A letter went astray and the post asks its owner to call: the address identifies a patient.
    assert_flags_piece("Sorry, the letter went to the wrong house! If you're m.hartley1957@example-mail.co.uk please call us.", "patient-email", "m.hartley1957@example-mail.co.uk");
    assert_flags_piece("Om du är b.olsson61@example.se, ring mottagningen.", "patient-email", "b.olsson61@example.se");
    assert_flags_piece("Hvis du er k.holm@example.dk, så ring til os.", "patient-email", "k.holm@example.dk");
    assert_flags_piece("Jeśli jesteś anna.k77@example.pl, zadzwoń do rejestracji.", "patient-email", "anna.k77@example.pl");
    assert_flags_piece("Si vous êtes p.martin@example.fr, appelez le secrétariat.", "patient-email", "p.martin@example.fr");
    assert_flags_piece("h.aydin@example.com.tr siz iseniz lütfen bizi arayın.", "patient-email", "h.aydin@example.com.tr");
    // "If you are" that does not introduce the address.
    assert_clean("If you are interested in the post, email our manager at lena.strom@example.org");
    assert_clean("If you're a new patient, write to info@clinic-example.com.");
}

#[test]
fn business_emails_stay_quiet() {
    assert_clean("Questions? Write to info@clinic-example.com.");
    assert_clean("Applications to our office manager, please: anna.berg@smile-example.co.uk");
    assert_clean_as("Kontakt: kontakt@tandlaegen-example.dk", Lang::Da);
    assert_clean("Thanks @jane_doe for the great talk!");
}

// ---------- record numbers, dates of birth ----------

#[test]
fn record_numbers_by_their_names() {
    assert_flags("Readmitted again: MRN 4471902, third time this month.", "record-number");
    assert_flags("Vem har journalnummer 55-1203 i dag?", "record-number");
    assert_flags("Pan z nr kartoteki 3345/21 znowu bez skierowania.", "record-number");
    assert_flags("Le dossier n° 2024-00917 est incomplet.", "record-number");
    assert_flags("Journalnr. 8812 mangler epikrise.", "record-number");
    assert_flags("Protokol no: 2024/1187 hastanın tahlilleri çıktı.", "record-number");
    assert_clean("Our record number of flu jabs: 4 500 this autumn!");
    assert_clean_as("Certyfikat nr 1487 odebrany.", Lang::Pl);
}

#[test]
fn dates_of_birth_by_context() {
    assert_flags("Happy 100th to Mr Hughes on ward 7, born 14 March 1925!", "date-of-birth");
    assert_flags("Välkommen Alma, född 2024-12-03!", "date-of-birth");
    assert_flags("Pani Zofia (ur. 03.05.1931) wróciła na rehabilitację.", "date-of-birth");
    assert_flags("Bienvenue à Léo, né le 4 juin 2025 !", "date-of-birth");
    assert_flags("Tillykke til Karen, født 12.08.1948.", "date-of-birth");
    assert_flags("Ahmet Bey (d.t. 21.09.1950) taburcu oldu.", "date-of-birth");
    assert_clean("Measles vaccination is recommended for anyone born after 1970.");
    assert_clean("I was born on 3 May 1985 and I still love this job.");
    assert_clean("Born 31/02/1950 cannot be right.");
}

// ---------- addresses ----------

#[test]
fn home_addresses_in_six_languages() {
    assert_flags("Our patient who lives at 14 Mill Lane keeps missing her reviews.", "home-address");
    assert_flags("He lives near Mill Lane in Otley, please check on him.", "home-address");
    assert_flags("Patienten bor på Storgatan 5 och behöver hemsjukvård.", "home-address");
    assert_flags("Pacjentka mieszka przy ul. Długiej 7 i nie ma windy.", "home-address");
    assert_flags("La patiente habite 12 rue de la Paix, sans ascenseur.", "home-address");
    assert_flags("Borgeren bor på Rosenvej 12 i Vejle.", "home-address");
    assert_flags("Hastamız Atatürk Cad. No: 5 adresinde oturuyor.", "home-address");
}

#[test]
fn clinic_addresses_stay_quiet() {
    assert_clean("Visit us at 8 High Street, open Monday to Friday.");
    assert_clean_as("Hitta hit: Kyrkogatan 3, öppet vardagar 8–17.", Lang::Sv);
    assert_clean_as("Nasza przychodnia przy ul. Kwiatowej 2 jest otwarta do 18.", Lang::Pl);
    assert_clean_as("Notre cabinet : 5 avenue Foch, ouvert du lundi au vendredi.", Lang::Fr);
    assert_clean_as("Klinikken · Algade 14, 4000 Roskilde · åbent hverdage", Lang::Da);
    // The stand-in's practice while the doctor is away.
    assert_clean_as("Fermeture estivale : le Dr Morel assure le remplacement au 12 avenue Jean Jaurès, Rodez.", Lang::Fr);
}

// ---------- robustness ----------

#[test]
fn redaction_is_offered_in_the_ui_language() {
    let c = checker_with(Settings { ui_lang: Some(Lang::Sv), ..Settings::default() });
    let text = "Personnummer 760312-1232 saknas.";
    let f = c.check(text).into_iter().find(|f| f.rule == "personnummer").expect("flagged");
    assert_eq!(f.replacement.as_deref(), Some("[borttaget]"));
}

#[test]
fn never_panics_on_awkward_text() {
    let c = checker();
    for text in [
        "٠١٢٣٤٥٦٧٨٩٠ ١٢٣", "𝟕𝟔𝟎𝟑𝟏𝟐-𝟏𝟐𝟑𝟐", "+", "@", "a@b", "@.@", "0", "ul.", "né le", "MRN", "12 rue", "+46 (0)", "((((1))))",
        "760312-1232\u{301}", "ö760312-1232ö", "Pani Ą z Ź", "née le 31/12/",
    ] {
        let _ = c.check(text);
    }
    let long = "Ring honom på 070-123 45 67. ".repeat(2000);
    assert!(!c.check(&long).is_empty());
}
