//! Personalised advice in public and health-marketing claims, in six languages. Drafts written for
//! these tests (not taken from the dev corpus); the checker works out each draft's language itself.

mod common;

use bedside::{Category, Checker, Finding, Settings, Severity};

fn checker() -> &'static Checker {
    use std::sync::OnceLock;
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(Settings::default()).expect("embedded rules load"))
}

fn found(text: &str, cat: Category) -> Vec<Finding> {
    checker().check(text).into_iter().filter(|f| f.category == cat && f.severity != Severity::Hint).collect()
}

#[track_caller]
fn all_fire(cat: Category, drafts: &[&str]) {
    let missed: Vec<String> = drafts
        .iter()
        .filter(|d| found(d, cat).is_empty())
        .map(|d| format!("  [{}] {d}", checker().language_of(d).code()))
        .collect();
    assert!(missed.is_empty(), "expected {} on:\n{}", cat.as_str(), missed.join("\n"));
}

#[track_caller]
fn all_quiet(cat: Category, drafts: &[&str]) {
    let wrong: Vec<String> = drafts
        .iter()
        .filter_map(|d| {
            let f = found(d, cat);
            (!f.is_empty()).then(|| format!("  {d}\n    -> {}", common::describe(d, &f)))
        })
        .collect();
    assert!(wrong.is_empty(), "expected no {} on:\n{}", cat.as_str(), wrong.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// advice

#[test]
fn advice_english_replies_that_change_medication_or_diagnose() {
    all_fire(Category::Advice, &[
        "@tomhiker stop taking the sertraline for a week and see if the dizziness settles.",
        "@lucy_b93 just increase your propranolol to 80 mg before the exam, works a treat.",
        "Hi Martin, halve the citalopram for a fortnight and then stop it.",
        "@danny.k you can take 2 co-codamol tablets every 4 hours, you'll be fine.",
        "@sal_m sounds like plantar fasciitis to me, classic morning pain.",
        "Hey Priya, that's definitely tonsillitis. Gargle salt water and you'll be right.",
        "@mark_t99 you've got shingles for sure, that rash pattern is textbook.",
        "Dear Helen, give her 5 ml of Calpol every six hours until the fever breaks.",
    ]);
}

#[test]
fn advice_english_general_education_and_signposting_stay_quiet() {
    all_quiet(Category::Advice, &[
        "Adults should not take more than 4 g of paracetamol in 24 hours.",
        "Talk to your doctor before stopping any medicine, even if you feel better.",
        "If you have chest pain, call 999 straight away.",
        "Shingles can start with tingling on one side of the body. Speak to a pharmacist early.",
        "@jenna_w so sorry to hear that. I can't give medical advice here, please see your GP or call 111.",
        "Colds clear up by themselves; honey, lemon and a paracetamol for the aches beat antibiotics every time.",
        "@nhs_trust thanks for sharing the new guidance on antibiotics, really useful for our patients.",
        "Hi all, our flu clinic opens on Saturday. Bring your NHS number and wear a short sleeve.",
        "Is naproxen safe with high blood pressure? Often for a short course, but check with a pharmacist first.",
    ]);
}

#[test]
fn advice_swedish() {
    all_fire(Category::Advice, &[
        "@karin_w sluta med Sertralinet i en vecka och se om yrseln släpper.",
        "Hej Anders, öka Metoprololen till 50 mg på morgonen så tar vi nya prover sen.",
        "@linus.e du har helt klart ischias, det är typiskt med smärta ner i benet.",
        "@maja_s ta 400 mg Ipren morgon och kväll i en vecka, ni behöver inte söka vård för det.",
        "Hej Eva, du har garanterat en öroninflammation. Ge henne Alvedon så länge.",
    ]);
    all_quiet(Category::Advice, &[
        "Vuxna bör inte ta mer än 4 gram paracetamol per dygn.",
        "Prata med din läkare innan du slutar med ett läkemedel.",
        "@tova_n usch, så tråkigt. Sådant kan jag tyvärr inte svara på i ett öppet inlägg – vårdcentralen eller 1177 kan hjälpa dig.",
        "Bältros börjar ofta med brännande smärta på ena sidan. Kontakta vårdcentralen tidigt.",
        "Hej alla! På lördag har vi öppet hus på mottagningen, välkomna.",
    ]);
}

#[test]
fn advice_polish() {
    all_fire(Category::Advice, &[
        "@marta_k odstaw sertralinę na tydzień i zobacz, czy zawroty miną.",
        "Pani Ewo, proszę zwiększyć dawkę metforminy do 1000 mg wieczorem.",
        "@tomek.r to na pewno rwa kulszowa, typowy obraz.",
        "Panie Marku, proszę brać 2 tabletki ibuprofenu 3 razy dziennie i nie trzeba przychodzić.",
        "@ola_biega przestań brać ten lek od razu, szkoda zdrowia.",
    ]);
    all_quiet(Category::Advice, &[
        "Dorośli nie powinni przyjmować więcej niż 4 g paracetamolu na dobę.",
        "Zanim odstawisz jakikolwiek lek, porozmawiaj z lekarzem.",
        "@asia_m przykro mi to czytać. Nie mogę doradzać tutaj, proszę umówić się do lekarza rodzinnego.",
        "Półpasiec zaczyna się często od pieczenia po jednej stronie ciała. Warto szybko zgłosić się do przychodni.",
        "Statyny przyjmuje się najczęściej wieczorem, a o zmianie dawki decyduje lekarz po wynikach lipidogramu.",
    ]);
}

#[test]
fn advice_french() {
    all_fire(Category::Advice, &[
        "@claire_m arrêtez la sertraline pendant une semaine et on verra.",
        "Bonjour Julien, prends un Doliprane 1000 toutes les six heures jusqu'à dimanche.",
        "@nico.r c'est clairement une tendinite du tendon d'Achille, classique chez les coureurs.",
        "Madame, vous avez sûrement une sinusite, prenez du Doliprane et pas besoin de consulter.",
        "@lea_b passe à 25 mg le soir plutôt que 50, ça devrait suffire.",
    ]);
    all_quiet(Category::Advice, &[
        "Les adultes ne doivent pas dépasser 4 g de paracétamol par jour.",
        "Parlez-en à votre médecin avant d'arrêter un traitement.",
        "@manon_l désolée de lire ça. Je ne peux pas donner de conseil ici, appelez le 15 ou votre médecin traitant.",
        "Le zona commence souvent par une brûlure d'un seul côté du corps. Consultez rapidement.",
        "Bonjour à tous, le cabinet sera fermé lundi pour formation.",
    ]);
}

#[test]
fn advice_danish() {
    all_fire(Category::Advice, &[
        "@mette_l stop med at tage sertralin i en uge og se, om svimmelheden går over.",
        "Hej Karsten, skru din amlodipin ned til 5 mg, og mål blodtrykket igen om en uge.",
        "@peter.n det lyder som en klassisk iskias, helt sikkert. Det er ikke noget at være bange for.",
        "@sofie_h giv hende en halv Pamol morgen og aften, det er ikke nødvendigt at ringe til vagtlægen.",
        "Hej Birgitte, det er helt sikkert en blærebetændelse. Drik masser af vand.",
    ]);
    all_quiet(Category::Advice, &[
        "Voksne bør ikke tage mere end 4 gram paracetamol i døgnet.",
        "Tal med din læge, før du stopper med et lægemiddel.",
        "@bo_n det er en svær situation at stå i. Konkrete råd kan jeg ikke give i en kommentar, så kontakt din egen læge eller 1813.",
        "Helvedesild starter ofte med brændende smerter på den ene side af kroppen. Kontakt lægen tidligt.",
        "Hej alle sammen, vi holder lukket fredag på grund af kursus.",
    ]);
}

#[test]
fn advice_turkish() {
    all_fire(Category::Advice, &[
        "@ayse_k39 sertralini bir hafta bırakın, baş dönmesi geçecek mi bakalım.",
        "Mehmet Bey, metformini akşam 1000 mg'a çıkarın, 3 ay sonra tekrar bakalım.",
        "@emre.tr bu kesinlikle bel fıtığı, belirtiler tam uyuyor.",
        "Hanımefendi, günde 3 kez 1 tablet parol alın, doktora gitmenize gerek yok.",
        "@zeynep_a bebeğe o şurubu hemen kesin, çok riskli.",
    ]);
    all_quiet(Category::Advice, &[
        "Yetişkinler günde 4 gramdan fazla parasetamol almamalıdır.",
        "Herhangi bir ilacı bırakmadan önce doktorunuza danışın.",
        "@selin_d çok üzüldüm. Buradan tavsiye veremem, lütfen hekiminize başvurun ya da 112'yi arayın.",
        "Zona genellikle vücudun bir tarafında yanma ile başlar. Erken dönemde hekime başvurun.",
        "Arı sokmasında iğneyi kazıyarak çıkarın ve soğuk kompres uygulayın; nefes darlığı olursa 112'yi arayın.",
    ]);
}

// ---------------------------------------------------------------------------------------------
// claims

#[test]
fn advice_on_pregnancy_blood_pressure_and_bladder_infection_medicines() {
    // Labetalol and methyldopa (blood pressure in pregnancy), fosfomycin (cystitis), by generic and
    // local brand name.
    all_fire(Category::Advice, &[
        "@jo_bump halve your labetalol and see if the dizziness settles",
        "@gravid_lisa du kan halvera Trandate till kvällen",
        "@ola_ciaza zmniejsz Dopegyt do dwóch tabletek",
        "@claire_35sa diminuez le Trandate à un comprimé le soir",
        "@maja_gravid sæt din labetalol ned til to tabletter",
        "@elif_hamile metildopa dozunu yarıya indirin",
        "@nina_k prenez un sachet de Monuril ce soir",
    ]);
    all_quiet(Category::Advice, &[
        "Labetalol is one of the medicines used for high blood pressure in pregnancy; your midwife will explain the options.",
        "Fosfomycin is a single-dose antibiotic sometimes used for uncomplicated cystitis.",
    ]);
}

#[test]
fn a_dose_change_until_the_doctor_sees_them_is_still_advice() {
    // "Until you see your doctor" delays care; it does not send the person to it.
    all_fire(Category::Advice, &[
        "@mike_r halve your ramipril until you see your GP next week",
        "@annika_h ta bara en Alvedon om dagen tills du får tid hos läkaren",
        "@kasia_m odstaw ibuprofen do czasu wizyty u lekarza",
        "@paul_b en attendant le rendez-vous, arrêtez le Kardégic",
        "@mette_l stop med ibuprofen indtil du har talt med din læge",
        "@ahmet_k doktora gidene kadar Parol'ü günde iki kez alın",
    ]);
    all_quiet(Category::Advice, &[
        "@mike_r please don't change your ramipril: ring your GP and ask them.",
        "@annika_h prata med din läkare innan du ändrar något i din medicin.",
    ]);
}

#[test]
fn more_diagnoses_medicines_and_ways_to_say_change_it() {
    all_fire(Category::Advice, &[
        "@liten_hosta låter som falsk krupp, ta ut henne i den kalla luften",
        "@mor_til_to det lyder som børneorm, køb Vermox til hele familien",
        "@julie_b c'est typiquement une migraine, prends de l'ibuprofène",
        "@m_dupont vous pouvez sauter votre Amlor ce soir",
        "@ebba_t du kan höja Concertan till 54 mg",
        "@sara_l gör ett uppehåll med p-pillren i en månad",
        "@jen_w stop the tranexamic acid for now",
    ]);
}

#[test]
fn permanent_and_guaranteed_results_and_more_superlatives() {
    all_fire(Category::Claims, &[
        "Whiter teeth with results that last forever!",
        "Efekty zagwarantowane na wiele lat po jednym zabiegu.",
        "Najlepszy ortodonta w Gdańsku przyjmuje nowych pacjentów.",
        "Des résultats définitifs dès la première séance.",
    ]);
}

#[test]
fn claims_english() {
    all_fire(Category::Claims, &[
        "The best chiropractor in Manchester, five years running.",
        "Our laser clinic removes stretch marks in just two sessions!",
        "Guaranteed results or your money back on every facial.",
        "This herbal blend cures insomnia naturally.",
        "Totally risk-free: no side effects, ever.",
        "Our detox drops are a miracle cure for bloating.",
        "A 100% success rate for every IVF cycle at our clinic.",
        "We promise pain-free root canals.",
    ]);
    all_quiet(Category::Claims, &[
        "No treatment is guaranteed to work, and we will always be honest about the odds.",
        "There is no miracle cure for back pain, but staying active helps most people.",
        "In our 2024 audit, 82% of patients reported less pain after eight weeks (full data on our website).",
        "Physiotherapy is one of the options for knee osteoarthritis, alongside weight management and pain relief.",
        "Our patient satisfaction survey: 91% would recommend us to a friend.",
        "Antibiotics don't cure colds or flu.",
        "We always try to give you the best possible care.",
        "Stitches are usually removed after 10 days at the practice.",
    ]);
}

#[test]
fn claims_swedish() {
    all_fire(Category::Claims, &[
        "Stockholms bästa naprapat finns på Odengatan.",
        "Vår laser tar bort åderbråck på två behandlingar.",
        "Örtkuren botar eksem, garanterat!",
        "Helt utan biverkningar och 100 % naturligt.",
    ]);
    all_quiet(Category::Claims, &[
        "Det finns ingen mirakelkur mot eksem, men det finns bra behandling.",
        "I vår uppföljning fick 7 av 10 mindre smärta efter åtta veckor.",
        "Fysioterapi är ett av alternativen vid artros.",
        "Bästa stunden på dagen är morgonmötet med kollegorna.",
    ]);
}

#[test]
fn claims_polish() {
    all_fire(Category::Claims, &[
        "Najlepszy dentysta w Poznaniu przyjmuje także w soboty.",
        "Nasza kuracja usuwa cellulit w 4 tygodnie.",
        "Gwarantujemy efekt już po pierwszej wizycie.",
        "Zabieg całkowicie bez skutków ubocznych.",
    ]);
    all_quiet(Category::Claims, &[
        "Nie ma cudownego leku na odchudzanie.",
        "W naszym badaniu 7 na 10 pacjentów zgłosiło mniejszy ból po 8 tygodniach.",
        "Fizjoterapia to jedna z opcji leczenia choroby zwyrodnieniowej.",
        "Nie gwarantujemy efektów, bo każdy organizm reaguje inaczej.",
    ]);
}

#[test]
fn claims_french() {
    all_fire(Category::Claims, &[
        "Le meilleur ostéopathe de Nantes, c'est ici.",
        "Notre soin efface les vergetures en 2 semaines.",
        "Notre tisane guérit l'insomnie, satisfait ou remboursé.",
        "Une méthode 100 % naturelle, sans aucun effet secondaire.",
    ]);
    all_quiet(Category::Claims, &[
        "Il n'existe pas de remède miracle contre la cellulite.",
        "Dans notre étude, 7 patients sur 10 avaient moins mal après huit semaines.",
        "La kinésithérapie est l'une des options face à l'arthrose.",
        "Aucun traitement n'est garanti : nous en parlons franchement en consultation.",
    ]);
}

#[test]
fn claims_danish() {
    all_fire(Category::Claims, &[
        "Odenses bedste kiropraktor – book din tid hos os i dag, og få hjælp til ryggen.",
        "Vores laser fjerner åreknuder på to behandlinger.",
        "Vi kurerer eksem – garanteret! Det har vi gjort for mange af jer.",
        "Helt uden bivirkninger og 100 % naturligt.",
    ]);
    all_quiet(Category::Claims, &[
        "Der findes ingen mirakelkur mod eksem, men god behandling hjælper.",
        "I vores opfølgning havde 7 ud af 10 mindre smerter efter otte uger.",
        "Fysioterapi er en af mulighederne ved slidgigt.",
        "Ingen behandling kan garantere et resultat, og det siger vi altid.",
    ]);
}

#[test]
fn claims_turkish() {
    all_fire(Category::Claims, &[
        "Ankara'nın en iyi diş hekimi kliniğimizde!",
        "Lazer tedavimiz varisleri 2 seansta yok eder.",
        "Bitkisel kürümüzle egzamaya kesin çözüm, garantili!",
        "Tamamen doğal ve yan etkisiz.",
    ]);
    all_quiet(Category::Claims, &[
        "Zayıflamanın mucize bir ilacı yoktur.",
        "Takip çalışmamızda her 10 hastadan 7'si sekiz hafta sonra daha az ağrı bildirdi.",
        "Fizik tedavi, kireçlenmede seçeneklerden biridir.",
        "Hiçbir tedavi kesin sonuç garantisi vermez; beklentilerinizi muayenede konuşalım.",
    ]);
}

#[test]
fn findings_explain_themselves_in_the_ui_language() {
    for lang in bedside::Lang::ALL {
        let settings = Settings { ui_lang: Some(lang), ..Settings::default() };
        let c = Checker::new(settings).unwrap();
        let f = c.check("@tomhiker stop taking the sertraline for a week.");
        let advice = f.iter().find(|f| f.category == Category::Advice).expect("advice finding");
        assert!(!advice.message.is_empty() && !advice.why.is_empty() && advice.suggestion.is_some());
    }
}

#[test]
fn never_panics_on_odd_input() {
    let long = "@x stop taking 20 mg ".repeat(5000);
    for text in ["", "@", "@@@@", "Hi ,", "– – –", "100%", "%100", "Hej\u{0301} Anna, ta 5 mg", long.as_str(), "🙂 @a_b 🙂 ta 2 tabletter 💊💊"] {
        let _ = checker().check(text);
    }
}
