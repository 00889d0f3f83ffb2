//! The analyser measured on the labelled sets: the dev split (tuned on) must meet the quality bars;
//! the validation split (written fresh, used to check generalisation while tuning) and the held-out
//! test split are guarded against regression at what they reach today.

use std::path::Path;
use std::time::{Duration, Instant};

use proptest::prelude::*;

use collectsim::content::load;
use collectsim::content::raw::RiskCategory;
use collectsim::lang::Lang;
use collectsim::understanding::Analyzer;
use collectsim::understanding::evaluation::{evaluate, load_set};

/// Evaluates one labelled set (at least `min_lines` long) and checks it against `floors`:
/// act accuracy, risky recall and entity accuracy at least, false alarms at most 3%.
fn meets(split: &str, min_lines: usize, floors: [f64; 3]) {
    meets_with_false_alarms(split, min_lines, floors, 0.03);
}

/// As `meets`, with false alarms at most `max_false_alarms`.
fn meets_with_false_alarms(split: &str, min_lines: usize, floors: [f64; 3], max_false_alarms: f64) {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/nlu")
        .join(split);
    let set = load_set(&path).expect("labelled set loads");
    assert!(
        set.items.len() >= min_lines,
        "{split} has {} lines",
        set.items.len()
    );
    let r = evaluate(&analyzer, &set).expect("evaluates");
    println!(
        "{split}: acts {:.3} risky recall {:.3} false alarms {:.3} entities {:.3}",
        r.act_accuracy, r.risky_recall, r.false_alarm_rate, r.entity_accuracy
    );
    let [acts, recall, entities] = floors;
    assert!(
        r.act_accuracy >= acts,
        "{split}: act accuracy {:.3}",
        r.act_accuracy
    );
    assert!(
        r.risky_recall >= recall,
        "{split}: risky recall {:.3}",
        r.risky_recall
    );
    assert!(
        r.false_alarm_rate <= max_false_alarms,
        "{split}: false alarms {:.3}",
        r.false_alarm_rate
    );
    assert!(
        r.entity_accuracy >= entities,
        "{split}: entities {:.3}",
        r.entity_accuracy
    );
}

/// The issue's bars (acts 92%, risky recall 95%, entities 97%), raised to just below what the
/// dev split reaches (nlu3: acts 95.5%, recall 100%, entities 100%).
#[test]
fn dev_split_meets_the_quality_bars() {
    meets("dev.yaml", 250, [0.945, 0.99, 0.99]);
}

/// What the validation split reaches today (acts, risky recall, entities), less a small margin.
/// Entity floors on val..val4 raised after the entity-forms round (ent: 99.3-100%, from 96-98%).
#[test]
fn validation_split_does_not_regress() {
    meets("val.yaml", 250, [0.875, 0.98, 0.985]);
}

/// The second held-out set (tests/data/nlu/val2.yaml, written before the nlu2 catalogue round and
/// never tuned on; a third of it compliant lines that look risky), guarded at what it reaches today
/// less a small margin.
#[test]
fn second_validation_set_does_not_regress() {
    meets("val2.yaml", 150, [0.885, 0.98, 0.985]);
}

/// The third held-out set (tests/data/nlu/val3.yaml, written in the nlu3 round before any change
/// and measured only), guarded just below what it reaches (acts 86.9%, recall 92.6%, entities
/// 96.7%; it started at 86.0%, 92.6%, 88.9% with 1.8% false alarms).
#[test]
fn third_validation_set_does_not_regress() {
    meets("val3.yaml", 150, [0.865, 0.92, 0.985]);
}

/// The fourth set (tests/data/nlu/val4-en.yaml, English only, written in the nlu-en round before
/// any change: veiled threats, fake fees, impersonation, run-ons). It started at acts 76.4%, recall
/// 74.2%, entities 90.9%; its failures then guided the English cues and paraphrases, so it is
/// guarded just below what it reaches now (acts 89.1%, recall 100%, entities 96.6%).
#[test]
fn fourth_validation_set_does_not_regress() {
    meets("val4-en.yaml", 130, [0.875, 0.98, 0.985]);
}

/// A mixed set is also reported per language (the halves add up to the whole); a set in one
/// language is not split.
#[test]
fn a_mixed_set_is_reported_per_language() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nlu");
    let mixed =
        evaluate(&analyzer, &load_set(&dir.join("dev.yaml")).expect("loads")).expect("evaluates");
    let langs: Vec<&String> = mixed.by_language.keys().collect();
    assert_eq!(langs, ["en", "zh"]);
    let parts = mixed.by_language.values();
    assert_eq!(parts.clone().map(|l| l.lines).sum::<u32>(), mixed.lines);
    assert_eq!(
        parts.clone().map(|l| l.risky_lines).sum::<u32>(),
        mixed.risky_lines
    );
    assert_eq!(
        parts.map(|l| l.entities_gold).sum::<u32>(),
        mixed.entities_gold
    );
    let english = evaluate(
        &analyzer,
        &load_set(&dir.join("val4-en.yaml")).expect("loads"),
    )
    .expect("evaluates");
    assert!(english.by_language.is_empty());
}

/// The Chinese held-out set (tests/data/nlu/val4-zh.yaml, written in the nlu4 round before any
/// change: 口语, no punctuation, homophones, veiled threats, reassurances), guarded just below what
/// it reaches (acts 93.2%, recall 100%, entities 96.8%; it started at 81.8%, 82.4%, 96.8%).
#[test]
fn chinese_validation_set_does_not_regress() {
    meets("val4-zh.yaml", 130, [0.91, 0.97, 0.985]);
}

/// The acts round's own check (tests/data/nlu/frames-acts.yaml, 247 lines, every act in both
/// languages, the second half long indirect run-ons; written before that round changed anything,
/// acts only: no entities labelled, so no entity floor). It started at acts 84.8%, risky recall
/// 88.5%; guarded just below what it reaches (acts 85.8%).
#[test]
fn acts_check_set_does_not_regress() {
    meets("frames-acts.yaml", 240, [0.85, 0.88, 0.0]);
}

/// A blind set (tests/data/nlu/val5.yaml, 259 lines): written in session 5 by someone who read
/// neither the analyser's content and code nor the other sets. Measured once at acts 74.0%,
/// risky recall 87.5%, false alarms 1.9%, entities 81.5%; like the test split, never tuned on.
/// After the entity-forms round (entities 86.2%) and the risk frames round (slots, strong words,
/// the risk model: acts 75.1%, recall 90.4%, false alarms 1.9%). Spent in session 9: its risk and
/// entity misses were read and fixed by general rules (acts 78.8%, recall 99.0%, false alarms 0,
/// entities 100%); 83.7% acts after session 14 (checking the line is unclear), 84.8% after
/// session 15 (weak guesses beside cue acts dropped).
#[test]
fn blind_set_does_not_regress() {
    meets("val5.yaml", 250, [0.83, 0.97, 0.97]);
}

/// The sixth blind set, written in session 9 without reading the analyser (never tuned on):
/// measured once before the risk classifier (acts 81.7%, recall 90.2%, false alarms 2.5%,
/// entities 95.7%), once after it (82.7%, 92.9%, 2.5%, 95.7%), and after session 11's round
/// (84.0%, 93.8%, 1.9%, 96.4%).
#[test]
fn sixth_blind_set_does_not_regress() {
    meets("val6.yaml", 250, [0.80, 0.90, 0.94]);
}

/// The seventh set, written blind in session 11 and then spent as that session's development
/// check (see its header): blind at acts 79.0%, recall 84.9%, false alarms 2.5%, entities 93.8%;
/// after the round 80.6%, 84.9%, 0.6%, 96.7%; 80.9% for acts after four Chinese confirmations
/// were relabelled as the other sets label them; 83.3% and recall 93.5% after general English
/// cues for what its English misses had in common (veiled harm, jail said of "people", rights
/// said to be lost, employers "getting involved", payday loans, "his missed payments").
/// Session 15: acts 89.7%, recall 97.8% (conventions the labels agree on, sarcasm, veiled harm).
#[test]
fn seventh_set_does_not_regress() {
    meets("val7.yaml", 250, [0.88, 0.97, 0.96]);
}

/// The eighth set, written blind in session 12 and then spent as that session's development
/// check (see its header): blind at acts 78.8%, recall 88.1%, false alarms 0.0%, entities 93.6%;
/// after framing clauses, suggestions and general cues 81.6%, 96.3%, 0.0%, 93.6%; 86.1% acts and
/// 97.2% recall after session 14; 88.2% acts after session 15.
#[test]
fn eighth_set_does_not_regress() {
    meets("val8.yaml", 280, [0.87, 0.96, 0.93]);
}

/// The ninth set, written blind in session 14 and then spent as that session's development
/// check (see its header): blind at acts 79.3%, recall 94.6%, false alarms 1.8%, entities 94.5%;
/// after the round 84.0%, 98.9%, 0.6%, 95.9%; 86.1% acts after session 15.
#[test]
fn ninth_set_does_not_regress() {
    meets("val9.yaml", 250, [0.85, 0.97, 0.95]);
}

/// The tenth set, written blind in session 17 and then spent as that session's development
/// check (see its header): blind at acts 85.3%, recall 95.1%, false alarms 0.8%, entities 91.1%;
/// after the round 85.8%, 95.1%, 0.8%, 99.4% (names and amounts its misses had in common, four
/// entity labels put in the other sets' form).
#[test]
fn tenth_set_does_not_regress() {
    meets("val10.yaml", 200, [0.85, 0.95, 0.99]);
}

/// The eleventh set, written blind in session 20 (every risky category in both languages, and
/// compliant lines for every act) and then spent as that session's development check: blind at
/// acts 88.4%, recall 94.4%, false alarms 0.0%, entities 96.0% (impersonation labelled as in
/// dev.yaml); after the round 93.9%, 100%, 0.0%, 98.0% (100% entities after val12's round).
#[test]
fn eleventh_set_does_not_regress() {
    meets("val11.yaml", 159, [0.93, 0.99, 0.97]);
}

/// The twelfth set, written blind in session 20 after val11's round (risky lines in more
/// registers, named third parties, compliant lines that use the risky words as reassurance), then
/// spent as that session's second check: blind at acts 82.9%, recall 87.7% (English 75.9%), false
/// alarms 1.7%, entities 90.2%; after the round 90.2%, 100%, 0.0%, 93.4%.
#[test]
fn twelfth_set_does_not_regress() {
    meets("val12.yaml", 123, [0.89, 0.99, 0.93]);
}

/// The thirteenth set, written blind in session 20 after val12's round (the forms consumer
/// complaints quote: liens, process servers, licences, prepaid cards, rent money), then spent as
/// that session's third check: blind at acts 77.4%, recall 80.0% (English 77.1%), false alarms
/// 0.0%, entities 90.0%; after the round 91.7%, 100%, 0.0%, 95.0%.
#[test]
fn thirteenth_set_does_not_regress() {
    meets("val13.yaml", 93, [0.9, 0.99, 0.95]);
}

/// The fourteenth set, written blind in session 20 after val13's round (typed fast, run-on lines
/// that do three things, mixed-script Chinese), then spent as that session's fourth check: blind
/// at acts 83.7%, recall 88.9% (English 80.0%), false alarms 0.0%, entities 96.2%; after the round
/// 89.0%, 100%, 0.0%, 96.2%.
#[test]
fn fourteenth_set_does_not_regress() {
    meets("val14.yaml", 66, [0.88, 0.99, 0.96]);
}

/// The fifteenth set, written blind in session 20 after val14's round (British English: bailiffs,
/// CCJs, solicitors; Chinese veiled menace and fake officials), then spent as that session's fifth
/// check: blind at acts 58.7%, recall 72.2% (English 60.0%), false alarms 6.2%, entities 100%;
/// after the round 76.9%, 100%, 0.0%, 100% (one line relabelled to the privacy convention).
#[test]
fn fifteenth_set_does_not_regress() {
    meets("val15.yaml", 52, [0.76, 0.99, 0.99]);
}

/// The sixteenth set, written blind in session 20 after val15's round (Chinese only, every risky
/// category and every compliant act), then spent as that session's last check: blind at acts
/// 82.2%, recall 87.5%, false alarms 0.0%, entities 95.0%; after the round 90.6%, 100%, 0.0%, 95.0%.
#[test]
fn sixteenth_set_does_not_regress() {
    meets("val16.yaml", 60, [0.9, 0.99, 0.95]);
}

/// The seventeenth set, written blind in session 22 (veiled, sarcastic and buried risky lines;
/// risky words said safely), then spent as that session's development set: blind at acts 62.7%,
/// recall 73.6%, false alarms 10.4%, entities 91.8%; after the round 77.2%, 97.2%, 2.1%, 93.2%
/// (pounds, "a fortnight", names after 周).
#[test]
fn seventeenth_set_does_not_regress() {
    meets("val17.yaml", 120, [0.76, 0.97, 0.93]);
}

/// The eighteenth set, written blind in session 22 beside val17 (a realistic mix from whole
/// calls), then spent as that session's second development set: blind at acts 77.3%, recall
/// 76.0%, false alarms 0.0%, entities 93.5%; after the round 86.2%, 100%, 0.0%, 94.4%.
#[test]
fn eighteenth_set_does_not_regress() {
    meets("val18.yaml", 120, [0.85, 0.99, 0.94]);
}

/// The nineteenth set, written blind in session 22 after val17's and val18's rounds (six teams'
/// ways of speaking), then spent as that session's third development set: blind at acts 75.8%,
/// recall 83.3%, false alarms 1.3%, entities 90.0%; after the round 80.6%, 100%, 1.3%, 95.5%.
#[test]
fn nineteenth_set_does_not_regress() {
    meets("val19.yaml", 120, [0.8, 0.99, 0.95]);
}

/// The twentieth and twenty-first sets, written blind in session 24 (English: six new teams,
/// from medical debt to a BNPL chat; Chinese: 消费金融 to 物业费 and 助学贷款), then spent as that
/// session's development sets. Blind: acts 69.7% / 77.2%, recall 80.0% / 98.0%, false alarms
/// 1.4% / 5.7%, entities 90.9% / 86.6%; after the round: 78.5% / 78.5%, 100% / 100%, 0% / 1.4%,
/// 97.5% / 97.3%.
#[test]
fn twentieth_and_twenty_first_sets_do_not_regress() {
    meets("val20.yaml", 120, [0.78, 0.99, 0.97]);
    meets("val21.yaml", 120, [0.78, 0.99, 0.97]);
}

/// Session 24's classes of missed risky lines, each in a wording the sets did not hold (none
/// found before the session's cues): harm that "happens" to the borrower, a crew that "aint
/// gentle", an insult aimed at "you lot", sneering praise, a crime label with "technically", a
/// court's seizure foretold, a third party told someone is "N instalments behind", cash put
/// under the agent's door, the borrower's spending held against them; and compliant neighbours.
#[test]
fn session_24_risky_classes_are_found_and_their_neighbours_are_not() {
    found_and_safe(
        shared_analyzer(),
        &[
            (
                "pay up before bad things start happening to ya",
                RiskCategory::ThreatViolence,
            ),
            (
                "his brothers will come get the couch and they aint gentle",
                RiskCategory::ThreatViolence,
            ),
            (
                "numpties every last one of you",
                RiskCategory::AbusiveLanguage,
            ),
            (
                "real genius move there not paying on time",
                RiskCategory::AbusiveLanguage,
            ),
            (
                "missing ur car payment is technically theft you know",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "ur default will be flagged against ur passport",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "once the magistrate signs off on seizing the van its out of my hands",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "pass on to him that hes 4 instalments behind",
                RiskCategory::ThirdPartyDisclosure,
            ),
            (
                "just slip the cash under my door tonight",
                RiskCategory::ImproperPaymentRequest,
            ),
            (
                "开那么好的车连这点月供都还不起",
                RiskCategory::AbusiveLanguage,
            ),
        ],
        &[
            "nobody is going to arrest you or take your house over a medical bill, worst case it stays in collections",
            "no accidents, no drama, just a payment plan that works for you",
            "本金5200元加上利息服务费一共是6340元",
            "钱是直接进平台对公账户的，不经过任何个人",
        ],
    );
}

/// The twenty-second and twenty-third sets, written blind in session 24 after val20's and val21's
/// round had landed (English: a payday storefront, a Canadian carrier, an Irish credit union,
/// rent-to-own, South African vehicle finance, a dental office; Chinese: car finance in 成都,
/// a 沈阳 card centre, 深圳 outsourced 小贷, rent and course instalments, a rural bank), then spent
/// as the session's second development sets. Blind on the session's start: acts 64.8% / 63.8%,
/// recall 72.7% / 87.3%, false alarms 4.6% / 12.3%, entities 84.4% / 83.9%; after val20's and
/// val21's round: 66.0% / 64.7%, 76.4% / 87.3%, 4.6% / 10.8%, 84.4% / 85.4%; after their own:
/// 76.9% / 67.6%, 100% / 92.7%, 0% / 7.7% (four lines the word-piece risk model flags), 84.4% /
/// 85.4%.
#[test]
fn twenty_second_and_twenty_third_sets_do_not_regress() {
    meets("val22.yaml", 120, [0.76, 0.99, 0.84]);
    meets_with_false_alarms("val23.yaml", 120, [0.67, 0.92, 0.85], 0.08);
}

/// Session 24's second round, each class in a wording the sets did not hold and the session's
/// start missed: a solicitor "acting for" the lender, a crime label "counts as", a regulator's
/// office claimed, an account of the agent's own, schooling papers withheld, a villa that can
/// be afforded (别墅 holds 别 but negates nothing); a payday lender's own name is no advice to
/// borrow.
#[test]
fn session_24_second_round_classes_are_found() {
    found_and_safe(
        shared_analyzer(),
        &[
            (
                "this is Marcus Reed, solicitor acting for Harbour Finance",
                RiskCategory::Impersonation,
            ),
            (
                "not paying that card counts as bank fraud once its 60 days late",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "deposit the 400 into my capitec account today",
                RiskCategory::ImproperPaymentRequest,
            ),
            ("住得起别墅还不起这点钱", RiskCategory::AbusiveLanguage),
            ("你毕业证到时候肯定领不到", RiskCategory::FalseOrMisleading),
        ],
        &["hey this is Ray with Lone Star Cash Advance, tryin to reach Delia"],
    );
}

/// The twenty-fourth and twenty-fifth sets, written blind in session 25 (English: a council-tax
/// desk, a Nairobi loan app, an HOA collector, an Australian gym agency, a title-pawn lender, UK
/// parking charges; Chinese: 医美分期, 装修贷 in 武汉, a 河南 card centre, 以租代购 in 西安, 先用后付,
/// 网约车 rentals in 天津), then spent as that session's development sets. Blind on the session's
/// start: acts 61.6% / 67.0%, recall 60.0% / 80.0%, false alarms 3.1% / 4.6%, entities 83.4% /
/// 86.1%; after the round: 76.0% / 74.0%, 96.4% / 98.2%, 0% / 4.6% (three lines, two of them the
/// word-piece model's), 93.1% / 88.5%.
#[test]
fn twenty_fourth_and_twenty_fifth_sets_do_not_regress() {
    meets("val24.yaml", 120, [0.75, 0.96, 0.92]);
    meets_with_false_alarms("val25.yaml", 120, [0.73, 0.98, 0.88], 0.05);
}

/// Session 25's classes, each in a wording the sets did not hold and the session's start
/// missed: property marked out to others, the back of a squad car, a creditor that cannot cut
/// the power, a "chat" with the neighbours, a charge for the way of paying, a relation's arrears
/// told to the listener, contempt for what the borrower cannot do, the debt posted on the door;
/// and their compliant neighbours (a pawn lender's own name, a warrant denied, a borrower's
/// brakes that broke, a reassurance about the village head).
#[test]
fn session_25_risky_classes_are_found_and_their_neighbours_are_not() {
    found_and_safe(
        shared_analyzer(),
        &[
            (
                "everyone on the street knows which car is yours",
                RiskCategory::ThreatViolence,
            ),
            (
                "you'll be in the back of a squad car by monday",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "the landlord can have your power cut off if this isn't paid",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "we can send someone over for a little chat with your neighbours",
                RiskCategory::Harassment,
            ),
            (
                "there's an additional £9 admin if you pay online",
                RiskCategory::ImproperPaymentRequest,
            ),
            (
                "your brother Sam is $640 behind on his phone bill",
                RiskCategory::ThirdPartyDisclosure,
            ),
            ("连个账都算不明白", RiskCategory::AbusiveLanguage),
            ("你看看你活成什么样了", RiskCategory::AbusiveLanguage),
            ("在你家门上贴个条写上欠款不还", RiskCategory::Harassment),
            ("给你们村主任打个电话说说这事", RiskCategory::Harassment),
        ],
        &[
            "Peach Pawn and Loan calling about your pawn renewal",
            "we will never get a warrant over a civil debt",
            "it won't show up on your criminal record, it's a civil matter",
            "I can send someone over for a chat with you at the branch if that helps",
            "车子刹车坏了您先修车 这期可以晚几天",
            "您放心 我们不会找村主任也不会找您单位",
            "我们是受托的催收公司不是市场监管局",
        ],
    );
}

/// The twenty-sixth and twenty-seventh sets, written blind in session 25 after val24's and
/// val25's round had landed (English: a vet-clinic agency, a Jamaican credit union, timeshare
/// fees, UK catalogue credit, a Singapore card desk, NZ power; Chinese: 农机租赁, 光伏贷, pet
/// clinic instalments, a gym that ran off, 油卡贷, a 厦门 consumer lender), then spent as the
/// session's second development sets. Blind on the session's start: acts 63.9% / 65.4%, recall
/// 65.5% / 87.3%, false alarms 1.5% / 6.2%, entities 74.7% / 82.4%; after val24's and val25's
/// round: 64.7% / 65.3%, 65.5% / 87.3% (no risky line more), 1.5% / 6.2%, 75.8% / 84.3%; after
/// their own: 77.5% / 69.0%, 96.4% / 96.4%, 1.5% / 6.2%, 88.4% / 84.3%.
#[test]
fn twenty_sixth_and_twenty_seventh_sets_do_not_regress() {
    meets("val26.yaml", 120, [0.77, 0.96, 0.88]);
    meets_with_false_alarms("val27.yaml", 120, [0.68, 0.96, 0.84], 0.07);
}

/// Session 25's second round, each class in a wording the sets did not hold and the session's
/// start missed: helpers sent to look for the borrower, bailiffs called in, a judgment by a
/// day, wages docked, contempt for "people like you", an amount passed on through the listener,
/// the listener's own relation (in dialect) named as the one who owes; and their neighbours.
#[test]
fn session_25_second_round_classes_are_found() {
    found_and_safe(
        shared_analyzer(),
        &[
            (
                "don't make me send the lads to come looking for you",
                RiskCategory::ThreatViolence,
            ),
            (
                "we're calling in the bailiffs on this one",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "you'll have a county court judgment by friday",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "i'll get the court to dock your wages next month",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "people like you shouldn't be allowed a credit card",
                RiskCategory::AbusiveLanguage,
            ),
            (
                "mate you're a proper bludger",
                RiskCategory::AbusiveLanguage,
            ),
            (
                "can you let her know she still has $300 sitting on the account",
                RiskCategory::ThirdPartyDisclosure,
            ),
            ("侬儿子欠阿拉公司三千块", RiskCategory::ThirdPartyDisclosure),
            ("恁爹的贷款还欠着两万", RiskCategory::ThirdPartyDisclosure),
        ],
        &[
            "please tell him to call me back at 800-555-0100",
            "我们不会告诉他你欠了多少钱",
            "we will never send bailiffs over a debt like this",
            "nobody's going to dock your wages over this",
            "you won't have a judgment by friday, it doesn't work like that",
        ],
    );
}

/// Session 26's blind sets, after their round (as written, on 7df87e1: acts 61.4% / 73.6%,
/// risky lines found 67.3% / 83.6%, false alarms 3.1% / 4.6%, entities 72.7% / 86.0%).
#[test]
fn twenty_eighth_and_twenty_ninth_sets_do_not_regress() {
    meets_with_false_alarms("val28.yaml", 120, [0.70, 0.92, 0.72], 0.04);
    meets("val29.yaml", 120, [0.79, 0.98, 0.85]);
}

/// Session 26's round, each class in a wording the sets did not hold: the agent's men placed
/// where the borrower lives, debts "settled one way or another", enforcement sent round to
/// change locks, repossession with no notice, an advocate's title, payment to the agent's own
/// wallet, regional insults, an ID blacklisted, a relation in dialect; and their safe
/// neighbours, among them a denial inside the cue's own words. The session's start (7df87e1)
/// missed five of the found lines (the debts settled, 遭人砸, 仆街, 外访费, 补助停了) and flagged
/// "paying late is not illegal"; the others it found by similarity or a wider cue.
#[test]
fn session_26_regional_classes_are_found() {
    found_and_safe(
        shared_analyzer(),
        &[
            (
                "the lads near your estate don't take kindly to people who skip payments",
                RiskCategory::ThreatViolence,
            ),
            (
                "folk like that tend to settle their accounts one way or the other, get me",
                RiskCategory::ThreatViolence,
            ),
            (
                "i'll have the marshals out there friday to lock up the shop",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "repo guys will take the scooter from your work tomorrow, no warning",
                RiskCategory::ThreatFalseLegal,
            ),
            (
                "Good morning madam, myself Advocate Kulkarni calling regarding your EMI",
                RiskCategory::Impersonation,
            ),
            (
                "send it on my phonepe and i will close the account",
                RiskCategory::ImproperPaymentRequest,
            ),
            (
                "you useless woman, always lying on phone",
                RiskCategory::AbusiveLanguage,
            ),
            (
                "the bank go blacklist your NIN if this continues",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "not paying the water bill's a crime in this state",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "招牌那么大 哪天遭人砸了就可惜咯",
                RiskCategory::ThreatViolence,
            ),
            ("仆街 借钱唔还仲扮晒嘢", RiskCategory::AbusiveLanguage),
            (
                "我这边是城区交巡警大队的 你那个分期要处理",
                RiskCategory::Impersonation,
            ),
            (
                "多转两百的外访费 不然销不了账",
                RiskCategory::ImproperPaymentRequest,
            ),
            (
                "不还的话 你家的农机补助就停了",
                RiskCategory::FalseOrMisleading,
            ),
            (
                "你是他工友吧 他欠我们三千多",
                RiskCategory::ThirdPartyDisclosure,
            ),
        ],
        &[
            "paying late is not illegal, dont worry",
            "not paying is not a crime, it's a civil matter",
            "the bailiffs won't be round, nothing like that happens over a phone bill",
            "you can pay on the official app or at the branch, never to anyone's phonepe",
            "你说怕我们把你抓起来 不会的 欠钱不会坐牢",
            "我们不是交警 也不会扣你的车",
        ],
    );
}

/// A name asked of the listener ("王海燕是吧") is the listener's: the debt said next is said to
/// her, a balance, not a disclosure to someone else; a name spoken of is someone else.
#[test]
fn a_name_asked_of_the_listener_is_not_someone_else() {
    let a = shared_analyzer();
    let line = "喂，王海燕是吧？你信用卡欠了8962块，逾期了，什么时候还？";
    assert!(
        categories_of(a, line).is_empty(),
        "{:?}",
        categories_of(a, line)
    );
    assert!(acts_of(a, line).contains(&"state_balance".to_string()));
    let told = "麻烦转告王海燕，她信用卡欠了8962块";
    assert!(categories_of(a, told).contains(&RiskCategory::ThirdPartyDisclosure));
}

/// A frame after the risky words that calls them a scam makes the line a warning, in both
/// languages; without it the same words are a request to pay the agent.
#[test]
fn a_scam_warning_after_the_words_is_not_the_request() {
    let a = shared_analyzer();
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for (warning, request, lang) in [
        (
            "任何要您转到个人账户的都是诈骗，一定要走官方渠道",
            "转到这个个人账户，一定要今天",
            Lang::Zh,
        ),
        (
            "anyone who asks you to send it to a personal account is a scammer",
            "send it to my personal account today",
            Lang::En,
        ),
    ] {
        assert!(
            a.analyze(warning, lang, now).findings.is_empty(),
            "{warning}"
        );
        assert!(
            a.analyze(request, lang, now)
                .findings
                .iter()
                .any(|f| f.category == RiskCategory::ImproperPaymentRequest),
            "{request}"
        );
    }
}

/// A pleasantry is not a negation, and a claim reported to be corrected is not made: the
/// session-22 language lists (intents/cues-veiled.yaml) against the same risky words said plainly.
#[test]
fn a_pleasantry_does_not_negate_and_a_corrected_claim_is_not_made() {
    let a = shared_analyzer();
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let found = |line: &str, lang: Lang, category: RiskCategory| {
        a.analyze(line, lang, now)
            .findings
            .iter()
            .any(|f| f.category == category)
    };
    for (risky, safe, lang, category) in [
        (
            "no worries ill just keep trying u every hour til u pick up",
            "the guy before me said ud be arrested?? thats just not true, its a civil debt",
            Lang::En,
            RiskCategory::Harassment,
        ),
        (
            "你不接也没关系，我们系统每半小时自动给你拨一次",
            "要是有人加你微信让你转账给他，那都是骗子，我们只收app里的还款",
            Lang::Zh,
            RiskCategory::Harassment,
        ),
    ] {
        assert!(found(risky, lang, category), "{risky}");
        assert!(a.analyze(safe, lang, now).findings.is_empty(), "{safe}");
    }
    // The same claim made, not reported: still a threat.
    assert!(found(
        "ud be arrested, its not a civil debt anymore",
        Lang::En,
        RiskCategory::ThreatFalseLegal
    ));
}

/// A negation inside a cue's match negates it unless the cue's own words hold that negation: an
/// insult list's "good for nothing" is part of the insult, "not" before "a deadbeat" is not.
#[test]
fn a_negation_inside_a_match_negates_unless_it_is_the_cues_own() {
    let a = shared_analyzer();
    let abusive = |line: &str| categories_of(a, line).contains(&RiskCategory::AbusiveLanguage);
    for safe in [
        "look ur not a deadbeat",
        "ur not a deadbeat, i know times are hard",
        "you're not a deadbeat",
    ] {
        assert!(!abusive(safe), "{safe}");
    }
    for risky in [
        "you good for nothing bum",
        "ur a no good deadbeat",
        "you deadbeat",
    ] {
        assert!(abusive(risky), "{risky}");
    }
    let civil = "not paying a debt isnt a crime, its a civil matter";
    assert!(categories_of(a, civil).is_empty(), "{civil}");
    assert!(acts_of(a, civil).contains(&"explain_consequence".to_string()));
}

/// "If you don't pay" makes its negation a condition; the condition ends where the agent's side
/// takes over, so "we will not sue" after it is a denial, not a threat.
#[test]
fn a_condition_ends_where_the_agents_side_takes_over() {
    let legal = |line: &str| {
        categories_of(shared_analyzer(), line).contains(&RiskCategory::ThreatFalseLegal)
    };
    assert!(!legal("if you can't pay we will not sue you"));
    assert!(legal("if you dont pay we'll sue you"));
    assert!(legal("if you don't pay we will sue you"));
}

/// The risk frame check sets (tests/data/nlu/frames-risk*.yaml, docs/risk-frames.md), each written
/// before the round of cues it measures, guarded just below what they reach: risky recall at least,
/// false alarms at most (sets 4 and 5 hold compliant lines an older cue still flags).
#[test]
fn frame_check_sets_do_not_regress() {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nlu");
    for (set, recall, false_alarms) in FRAME_FLOORS {
        let r = evaluate(&analyzer, &load_set(&dir.join(set)).expect("loads")).expect("evaluates");
        println!(
            "{set}: risky recall {:.3} false alarms {:.3}",
            r.risky_recall, r.false_alarm_rate
        );
        assert!(
            r.risky_recall >= recall,
            "{set}: risky recall {:.3}",
            r.risky_recall
        );
        assert!(
            r.false_alarm_rate <= false_alarms,
            "{set}: false alarms {:.3}",
            r.false_alarm_rate
        );
    }
}

/// Frame check sets: (file, risky recall at least, false alarms at most). Measured at the end of
/// the frames round: recall 100, 100, 99.0, 94.8, 98.7, 68.3 (sets 4 and 5 guided its word lists;
/// set 6 was written after everything but the risk model); false alarms 0.8, 0, 0, 4.0, 3.3, 0
/// (sets 4 and 5: an older cue reading "工资被扣" and a negation too far from "gift cards").
/// Set 6 helped choose the risk classifier's gates (session 9): recall 78.3, no false alarm.
const FRAME_FLOORS: [(&str, f64, f64); 6] = [
    ("frames-risk.yaml", 0.99, 0.01),
    ("frames-risk2.yaml", 0.99, 0.01),
    ("frames-risk3.yaml", 0.98, 0.01),
    ("frames-risk4.yaml", 0.93, 0.045),
    ("frames-risk5.yaml", 0.97, 0.04),
    ("frames-risk6.yaml", 0.76, 0.01),
];

/// Lines built of risky pieces in an order no cue expects are flagged by the risk model; a clause
/// the catalogue surely knows as compliant, a negated one, and a disclosure or a consequence
/// (judged by facts, not words) are left to the rest of the analyser.
#[test]
fn the_risk_model_flags_risky_pieces_in_new_orders() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let mut by_model = 0;
    for risky in ["你这个二百五", "我们去你那条街挨家挨户问你的情况"] {
        let r = a.analyze(risky, Lang::Zh, now);
        assert!(!r.findings.is_empty(), "{risky} not flagged");
        by_model += r
            .findings
            .iter()
            .filter(|f| f.rule.ends_with(".model"))
            .count();
    }
    assert!(by_model > 0, "the model flagged none of them");
    for compliant in [
        "请问李明在不在，我是他朋友，找他有点事",
        "您这个overdue已经快60天了 再不还会影响credit",
        "行，我知道了",
    ] {
        let r = a.analyze(compliant, Lang::Zh, now);
        assert!(
            r.findings.is_empty(),
            "{compliant} flagged: {:?}",
            r.findings
        );
    }
}

/// The held-out test split, guarded below what it reached when it was first measured; after the
/// risk frames round (measured once at its start and once at its end, never read): acts 80.3%,
/// risky recall 89.2% (from 79.6%), false alarms 1.5%; after the risk classifier (session 9):
/// acts 81.0%, recall 91.4%, false alarms 1.5%; after session 11's round: acts 81.0%, recall
/// 90.3%, false alarms 1.5%, entities 97.5% (from 95.8%).
#[test]
fn held_out_split_does_not_regress() {
    meets("test.yaml", 250, [0.79, 0.89, 0.95]);
}

/// The risk classifier (logistic regression on the index's own features) hears risky lines
/// phrased unlike any example or cue, and stays quiet on a line that denies what it mentions and
/// on gibberish.
#[test]
fn the_risk_classifier_hears_new_phrasings_and_not_guarded_lines() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for (risky, lang) in [
        (
            "do i need to send somebody to remind you in person",
            Lang::En,
        ),
        ("一个大男人跟小孩一样耍赖", Lang::Zh),
        ("我代表国家来跟你谈这笔钱", Lang::Zh),
    ] {
        let r = a.analyze(risky, lang, now);
        assert!(
            r.findings.iter().any(|f| f.rule.ends_with(".model")),
            "{risky}: {:?}",
            r.findings
        );
    }
    for (compliant, lang) in [
        (
            "some callers say theyre from the police, we would never do that",
            Lang::En,
        ),
        (
            "the lawsuit thing ur worried about, thats not something on this account",
            Lang::En,
        ),
        (
            "hi, this is tom with apex recovery, calling for james miller",
            Lang::En,
        ),
        ("阿斯顿发", Lang::Zh),
    ] {
        let r = a.analyze(compliant, lang, now);
        assert!(
            r.findings.is_empty(),
            "{compliant} flagged: {:?}",
            r.findings
        );
    }
}

#[test]
fn negation_quotation_and_conditions_are_understood() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for compliant in [
        "no one is going to arrest you",
        "I'm not a lawyer",
        "我们不会上门的，您放心",
        // A reporting frame that opens the risky words' own match.
        "您刚说怕坐牢，这个不会的，欠款不还不是刑事问题",
        "u mentioned someone told u you'd go to jail for this, thats not true",
        // A warning about scammers, not an insult.
        "千万别转给个人账户，私下找您收款的一定是骗子",
        "如果有人让您扫个人收款码，那是骗子，请走官方渠道",
        // The borrower's worry, and what the borrower said, reported.
        "我理解您担心被抓，但这个不涉及刑事",
        "you said your neighbour got a call? that wasn't us",
    ] {
        let lang = Lang::detect(compliant);
        assert!(
            a.analyze(compliant, lang, now).findings.is_empty(),
            "{compliant} flagged"
        );
    }
    for risky in [
        "if you don't pay we'll have you arrested",
        "不还钱就让你坐牢",
        "you deadbeat",
        // "don't be a ..." still calls the borrower one; "你不到场" is a condition.
        "dont be a coward and pay up",
        "明天开庭，你不到场直接拘传",
        // A reporting frame after the risky words does not cover them.
        "ur going to jail, you said you'd pay and you didnt",
        "我是联邦执法人员",
        // "shameless" is an insult, not a threat to the face.
        "脸都不要了是吧",
    ] {
        let lang = Lang::detect(risky);
        assert!(
            !a.analyze(risky, lang, now).findings.is_empty(),
            "{risky} not flagged"
        );
    }
    let shameless = a.analyze("脸都不要了是吧", Lang::Zh, now);
    assert!(
        shameless
            .findings
            .iter()
            .all(|f| !f.rule.starts_with("risk.violence")),
        "{:?}",
        shameless.findings
    );
    let multi = a.analyze(
        "Hi, this is Dana from Acme Recovery, am I speaking with Daniel Reyes?",
        Lang::En,
        now,
    );
    let acts: Vec<&str> = multi.acts.iter().map(|h| h.act.as_str()).collect();
    assert_eq!(acts, ["greet", "identify_self", "right_party_check"]);
    assert!(a.analyze("asdf qwerty zxcv", Lang::En, now).unclear);
}

/// A negated subject reaches over its whole clause ("no one ... arrest", and in Chinese across
/// 因为, which puts the reason between the negation and what it negates), but not past a
/// contrast, a comma or a new subject taking over.
#[test]
fn negation_reaches_its_clause_and_no_further() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for compliant in [
        "不会有人因为这个账户被逮捕",
        "我们不会因为欠款让你坐牢",
        // 因为…就 closes the reason the negation denies; it sets no condition
        "没有谁会因为欠信用卡就上门抓你",
        "没人会因为这点钱就抓你",
        "nobody is going to come to your house",
        "no one from our office is ever going to come to your house and arrest you",
        "i'm not saying you'll be sued",
        // a negated cue reaches later cues of the same act in its clause
        "we never ask for payment by gift cards or to a personal account",
    ] {
        let lang = Lang::detect(compliant);
        let r = a.analyze(compliant, lang, now);
        assert!(
            r.findings.is_empty(),
            "{compliant} flagged: {:?}",
            r.findings
        );
    }
    for risky in [
        "we are not going to sue you, but we will have you arrested",
        "i'm not kidding, u'll be arrested if this isnt paid",
        "nobody can help you now we'll have you arrested tomorrow",
        "没人管你 我们今天就报警抓你",
        "我们不想这样，但是你再不还就让警察来抓你",
        "没人会因为欠钱坐牢 但你再不还我们就上门抓你",
    ] {
        let lang = Lang::detect(risky);
        assert!(
            !a.analyze(risky, lang, now).findings.is_empty(),
            "{risky} not flagged"
        );
    }
}

/// The English cue combinations (intents/cues-en.yaml: harm aimed at "you", authorities brought in,
/// family taken, pay-me apps, account access) reach lines worded unlike any labelled set or
/// catalogue example, and their negations and sympathies stay compliant.
#[test]
fn english_cue_combinations_reach_unseen_wording() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for risky in [
        "i swear ill wring ur neck if u hang up on me again",
        "better lock ur doors tonight",
        "we're turning this over to law enforcement today",
        "ur kids will be taken by child services if this goes unpaid",
        "venmo me the 500 and ill close the account",
        "give us access to ur bank app so we can check",
        // Session 11's general patterns, in words none of the sets use.
        "keep dodging me and ur gonna need a new set of teeth",
        "u'll be hobbling around on crutches if this doesnt clear",
        "thats how folks like u wind up in county lockup",
        "sorry but u gave up the right to contest this when u signed",
        "miss friday and the bank drains ur checking automatically",
        "are u really that slow, its one payment",
        "we'd hate for ur landlord to get wind of this",
        "ur coworkers would be real shocked to hear about this",
        "just grab a payday loan and get it done today",
        "any chance u could chip in on her card this month",
        "his last two late payments are why we're calling the house",
    ] {
        assert!(
            !a.analyze(risky, Lang::En, now).findings.is_empty(),
            "{risky} not flagged"
        );
    }
    for compliant in [
        "im so sorry u ended up in the hospital, take care of urself",
        "no ones getting arrested, its a civil debt",
        "ur kids are not responsible for ur debt",
        "ur license isnt affected by this debt",
        "we dont report anything to the police, this is civil",
        "u havent lost the right to dispute, u can still send it in writing",
        "please dont take a payday loan to pay this, we can set up a plan",
        "i hope u never need a dentist bill like that again, anyway about the balance",
        "we can help you cover the payments with a plan that fits",
    ] {
        let r = a.analyze(compliant, Lang::En, now);
        assert!(
            r.findings.is_empty(),
            "{compliant} flagged: {:?}",
            r.findings
        );
    }
}

/// A trailing "i promise" after a reassurance is part of the reassurance, not a promise to pay;
/// a confirmation that names the official channel keeps both acts (the channel earns a rubric
/// credit of its own).
#[test]
fn reassurance_tags_are_not_extra_acts() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for (line, expected) in [
        (
            "nobody will show up at your door, i promise",
            &["empathy"][..],
        ),
        (
            "那就说定了，周五通过app还两千",
            &["confirm_promise", "payment_channel"][..],
        ),
    ] {
        let r = a.analyze(line, Lang::detect(line), now);
        let acts: Vec<&str> = r.acts.iter().map(|h| h.act.as_str()).collect();
        assert_eq!(acts, expected, "{line}");
    }
}

/// A clause that only frames the line ("您放心", "honestly", "不好意思打扰了", "哎") is no act of its
/// own when a clause of the same sentence does something; said alone, or beside a sentence that
/// does nothing, the reassurance is the act.
#[test]
fn framing_clauses_lean_on_what_the_sentence_does() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for (line, expected) in [
        (
            "您放心，不会有人抓您的，这是民事纠纷",
            &["explain_consequence"][..],
        ),
        (
            "i want to reassure you, there is no warrant and this isnt a criminal matter",
            &["explain_consequence"][..],
        ),
        (
            "不好意思打扰了，麻烦您让他方便的时候回个电话",
            &["ask_for_borrower"][..],
        ),
        ("您放心", &["empathy"][..]),
        ("您放心，我们不会上门找您", &["empathy"][..]),
        // Thanks after a request, and "要不这样" before a proposal, frame it; alone, or with a
        // goodbye, thanks still close the call.
        ("麻烦您让他有空回个电话，谢谢", &["ask_for_borrower"][..]),
        (
            "thank you, could u have her call me back",
            &["ask_for_borrower"][..],
        ),
        (
            "这样吧，可以给您分四期，每个月还一千五",
            &["offer_plan"][..],
        ),
        ("谢谢，再见", &["close"][..]),
        // "not yet" after a possible consequence qualifies it; it is no overdue status.
        (
            "银行以后可能会走诉讼，但是现在还没有",
            &["explain_consequence"][..],
        ),
        ("thank you", &["close"][..]),
    ] {
        let r = a.analyze(line, Lang::detect(line), now);
        let acts: Vec<&str> = r.acts.iter().map(|h| h.act.as_str()).collect();
        assert_eq!(acts, expected, "{line}");
    }
    // The next sentence's callback request does not take the reassurance to a worried parent.
    let line = "没什么事，您别担心。请问他什么时候方便接电话？";
    let r = a.analyze(line, Lang::Zh, now);
    for act in ["empathy", "ask_for_borrower"] {
        assert!(r.acts.iter().any(|h| h.act == act), "{line}: {act}");
    }
}

/// In a false consequence, days said as its threshold ("超过90天", "once ur 120 days past due")
/// are not the account's overdue status; days said as the status still are.
#[test]
fn a_threshold_is_not_the_overdue_status() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let has = |line: &str| {
        a.analyze(line, Lang::detect(line), now)
            .acts
            .iter()
            .any(|h| h.act == "state_overdue")
    };
    assert!(!has("逾期超过九十天就会被立案，到时候拘留十五天跑不掉"));
    assert!(!has(
        "a warrant gets issued automatically once ur 120 days past due"
    ));
    assert!(has(
        "youre 50 days late and this will stay on your credit report forever"
    ));
    assert!(has("都逾期20天了，征信一旦花了一辈子都洗不白"));
}

/// The acts of a line, its language detected, on the sets' clock.
/// One analyser for the tests that only read it (building one takes a fair share of a second).
fn shared_analyzer() -> &'static Analyzer {
    let pack = PACK.get_or_init(|| load::builtin().expect("built-in content loads"));
    ANALYZER.get_or_init(|| Analyzer::new(pack))
}

/// The categories of a line's findings, each once, in the order first found.
fn categories_of(a: &Analyzer, line: &str) -> Vec<RiskCategory> {
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let mut found: Vec<RiskCategory> = Vec::new();
    for f in a.analyze(line, Lang::detect(line), now).findings {
        if !found.contains(&f.category) {
            found.push(f.category);
        }
    }
    found
}

/// Asserts that each line has a finding of its category, and each safe line none.
fn found_and_safe(a: &Analyzer, found: &[(&str, RiskCategory)], safe: &[&str]) {
    for (line, c) in found {
        assert!(
            categories_of(a, line).contains(c),
            "{line}: {:?}",
            categories_of(a, line)
        );
    }
    for line in safe {
        assert!(
            categories_of(a, line).is_empty(),
            "{line}: {:?}",
            categories_of(a, line)
        );
    }
}

fn acts_of(a: &Analyzer, line: &str) -> Vec<String> {
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    a.analyze(line, Lang::detect(line), now)
        .reported_acts()
        .map(|h| h.act.clone())
        .collect()
}

/// Analyses `line`, asserting that it performs `passing` but leaves it out of its report.
fn performed_not_reported(
    a: &Analyzer,
    line: &str,
    passing: &str,
) -> collectsim::understanding::Analysis {
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let analysis = a.analyze(line, Lang::detect(line), now);
    let reported: Vec<&str> = analysis.reported_acts().map(|h| h.act.as_str()).collect();
    assert!(!reported.contains(&passing), "{line}: {reported:?}");
    assert!(analysis.has_act(passing), "{line}: {passing} not performed");
    analysis
}

/// A name alone at the end ("Thanks, Kyle.") addresses the listener and does no act of its own;
/// asked ("..., Kyle Brennan?") after a cue it is the right-party check. "Then pay $100 today": a
/// clause opening on "pay" with an amount or a deadline asks for a payment.
#[test]
fn a_name_said_in_address_is_no_act_and_a_bare_pay_is_a_request() {
    let a = shared_analyzer();
    let acts = acts_of(
        a,
        "Great. To confirm: $250 on November 20, paid in the app. Thanks, Kyle.",
    );
    assert!(!acts.contains(&"right_party_check".to_string()), "{acts:?}");
    assert!(acts.contains(&"confirm_promise".to_string()), "{acts:?}");
    assert_eq!(
        acts_of(a, "Then pay $100 today and $100 next week."),
        ["request_payment"]
    );
    assert_eq!(acts_of(a, "pay 200 tomorrow"), ["request_payment"]);
    // "just pay it" ending its clause asks for the payment (it read as an improper request);
    // "just pay it through the portal" names the channel.
    assert_eq!(
        acts_of(a, "r u seriously this dumb? just pay it"),
        ["abusive_language", "request_payment"]
    );
    // "ok no worries" acknowledges what was said, as the labelled lines have it: the act model
    // adds it over the whole line.
    assert_eq!(
        acts_of(a, "ok no worries just pay it through the portal by card"),
        ["acknowledge", "payment_channel"]
    );
    assert!(
        acts_of(
            a,
            "get me $1,200 by monday or theres gonna be a warrant out for ur arrest"
        )
        .contains(&"request_payment".to_string())
    );
    assert!(acts_of(a, "Hi, is this Kyle Brennan?").contains(&"right_party_check".to_string()));
}

/// Thanks that lead on to something else acknowledge what was said; a close is what ends a line.
#[test]
fn thanks_before_other_acts_acknowledge_and_a_close_ends_the_line() {
    let a = shared_analyzer();
    assert_eq!(
        acts_of(a, "thx. last 4 of ur social pls"),
        ["acknowledge", "verify_identity"]
    );
    assert_eq!(
        acts_of(a, "谢谢。您的欠款是32,500元，已经逾期两个多月了"),
        ["acknowledge", "state_balance", "state_overdue"]
    );
    assert_eq!(
        acts_of(
            a,
            "Thank you, I'll call after 10 tomorrow morning. Have a good night."
        ),
        ["close", "schedule_callback"]
    );
    assert_eq!(acts_of(a, "ok thanks, bye"), ["close"]);
}

/// Found through val10's misses (session 17): an amount said without its unit in 把…还上 / 打过来
/// asks for it; a sale named as where the money would come from is an improper request; the
/// borrower's worry taken up with 您担心 is answered, not asserted.
#[test]
fn chinese_requests_sales_and_answered_worries() {
    let a = shared_analyzer();
    assert_eq!(
        acts_of(a, "月底之前把两千多还上可以吗"),
        ["request_payment"]
    );
    assert!(acts_of(a, "今天把五千二打过来").contains(&"request_payment".to_string()));
    assert_eq!(
        categories_of(a, "你那个电动车卖了不就有钱了嘛"),
        [RiskCategory::ImproperPaymentRequest]
    );
    assert!(categories_of(a, "您担心影响孩子上学这个不会的 逾期只影响您本人的征信").is_empty());
    // The worry used as a lever is the claim itself.
    assert_eq!(
        categories_of(a, "您担心孩子上学受影响就赶紧还"),
        [RiskCategory::FalseOrMisleading]
    );
    assert_eq!(
        categories_of(a, "不还钱会影响孩子上学"),
        [RiskCategory::FalseOrMisleading]
    );
}

/// Contempt said as sarcasm (scare quotes, mock titles, 您可真是大忙人) and harm only hinted at
/// are found; the same words said plainly, and a reassurance about the same things, are not.
#[test]
fn sarcasm_and_veiled_harm_are_found() {
    let a = shared_analyzer();
    let found = |line: &str| categories_of(a, line);
    for line in [
        "must be nice not to worry about bills at all huh",
        "real mature, hanging up on me twice",
        "a grown man who wont even pick up the phone, wow",
        "lol ok sure ur 'broke' but u got money for starbucks every day huh",
        "now listen genius, the payment was due on the 5th",
        "sure you are, Sherlock",
        "哟 又没钱啦 您可真是大忙人呢 哈哈",
        "你可真行啊，又拖了一个月",
        "哟，又是这套说辞",
    ] {
        assert_eq!(found(line), [RiskCategory::AbusiveLanguage], "{line}");
    }
    // The same words said plainly.
    for line in [
        "you said money was tight, i understand",
        "that's a genius plan, thank you",
        "知道您是大忙人，我就耽误您两分钟",
        "您可真是帮了大忙了，谢谢",
        "哟，王先生您好",
    ] {
        assert!(found(line).is_empty(), "{line}");
    }
    for line in [
        "ill be seeing u around, dont forget",
        "that neighborhood gets pretty dangerous after dark, just saying",
    ] {
        assert_eq!(found(line), [RiskCategory::ThreatViolence], "{line}");
    }
    assert!(found("nobody is coming to your house, i promise").is_empty());
}

/// Debt facts passed on through the listener ("let him know his card is late", "麻烦转告他，他的
/// 信用卡逾期了") are the disclosure alone; asking for a call back is still an ask for the
/// borrower, and a relay that discloses nothing is one.
#[test]
fn a_relayed_disclosure_is_no_ask_for_the_borrower() {
    let a = shared_analyzer();
    for (line, expected) in [
        (
            "are you his sister? let him know his card is 60 days late",
            &["third_party_disclosure"][..],
        ),
        (
            "麻烦您转告他一下，他的信用卡已经逾期两个月了",
            &["third_party_disclosure"][..],
        ),
        (
            "ur his roommate right? he's 3 months behind on his loan, tell him to call me",
            &["third_party_disclosure", "ask_for_borrower"][..],
        ),
        (
            "麻烦转告他，他的网贷逾期了，让他回个电话",
            &["ask_for_borrower", "third_party_disclosure"][..],
        ),
        (
            "麻烦您转告他一下，让他给我回个电话",
            &["ask_for_borrower"][..],
        ),
    ] {
        assert_eq!(acts_of(a, line), expected, "{line}");
    }
}

/// Asking for the borrower asks about someone else: a line that speaks only of the listener
/// ("when's a good time to reach you") is not one, however like "...to reach him" it reads.
#[test]
fn an_ask_for_the_borrower_speaks_of_someone_else() {
    let a = shared_analyzer();
    for (line, expected) in [
        (
            "when's a good time to reach you later this week",
            &["schedule_callback"][..],
        ),
        (
            "whats the best time to catch u tomorrow",
            &["schedule_callback"][..],
        ),
        ("后天方便接电话吗", &["schedule_callback"][..]),
        (
            "is there a better time to catch him",
            &["ask_for_borrower"][..],
        ),
        ("他一般几点下班", &["ask_for_borrower"][..]),
    ] {
        assert_eq!(acts_of(a, line), expected, "{line}");
    }
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    assert!(
        a.analyze("what time does the gym open", Lang::En, now)
            .unclear
    );
}

/// Calling from another number to get past a block is harassment; asking for the borrower's
/// other number is verification, in either language.
#[test]
fn another_number_is_harassment_only_as_a_way_to_keep_calling() {
    let a = shared_analyzer();
    let found = |line: &str| categories_of(a, line);
    for line in [
        "is there another number i can reach you on",
        "do you have a different number i should use",
        "您是不是换号码了",
        "那他换号码了吗",
    ] {
        assert!(found(line).is_empty(), "{line}");
    }
    for line in [
        "ill just call from another number if u block me",
        "我换个号码接着打，看你接不接",
    ] {
        assert_eq!(found(line), [RiskCategory::Harassment], "{line}");
    }
}

/// The catalogue's own compliant examples (those without placeholders) raise no risk finding:
/// a cue that fires on one ("您可以设置自动扣款" as a false statement, "再办信用卡房贷" as
/// borrowing to pay) would fire on agents doing it right.
#[test]
fn compliant_catalogue_examples_raise_no_finding() {
    let pack = PACK.get_or_init(|| load::builtin().expect("built-in content loads"));
    let a = shared_analyzer();
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let mut flagged = Vec::new();
    let mut seen = 0;
    for act in pack.acts.values().filter(|act| act.risk.is_none()) {
        for lang in Lang::ALL {
            for example in act.examples.get(lang) {
                if example.value.contains('{') {
                    continue;
                }
                seen += 1;
                let findings = a.analyze(&example.value, lang, now).findings;
                if let Some(f) = findings.first() {
                    flagged.push(format!("{}: {} ({})", act.id.value, example.value, f.rule));
                }
            }
        }
    }
    assert!(seen > 1000, "only {seen} examples");
    assert!(flagged.is_empty(), "{flagged:#?}");
}

/// A negation that is part of how a threat or insult is said ("u wont be smiling once my guys
/// are done with u", 下场都不会太好, "dont give me that sob story") does not deny it, when the
/// catalogue's nearest risky example is said with one too; a negated threat still reassures.
#[test]
fn a_negation_said_as_part_of_a_threat_does_not_deny_it() {
    let a = shared_analyzer();
    let found = |line: &str| categories_of(a, line);
    for line in [
        "u wont be smiling once my guys are done with u",
        "不还钱的人下场都不会太好，你懂的",
    ] {
        assert_eq!(found(line), [RiskCategory::ThreatViolence], "{line}");
    }
    assert_eq!(
        found("dont give me that sob story u leech"),
        [RiskCategory::AbusiveLanguage]
    );
    for line in [
        "nobody is going to arrest you",
        "no one will come to your house, i promise",
        "没人会上门找您，您放心",
    ] {
        assert!(found(line).is_empty(), "{line}");
    }
}

/// Beside what cues decided, similarity's weak guesses about the rest of the line are no acts:
/// no comfort read into a consequence explained, no acknowledgement into a closing remark.
#[test]
fn weak_guesses_beside_cue_acts_are_dropped() {
    let a = shared_analyzer();
    let acts = |line: &str| acts_of(a, line);
    assert_eq!(
        acts("this is a civil matter so no arrest, honestly im here to make this easier"),
        ["explain_consequence"]
    );
    assert_eq!(
        acts("欠钱不还不会坐牢，这个您了解一下就好"),
        ["explain_consequence"]
    );
    // A cue's own comfort stays beside the consequence.
    assert_eq!(
        acts("nobody's arresting anyone, i understand this is a lot"),
        ["explain_consequence", "empathy"]
    );
}

/// The amount past due is a balance stated, beside the overdue status.
#[test]
fn an_amount_past_due_states_the_balance() {
    let a = shared_analyzer();
    let acts = |line: &str| acts_of(a, line);
    assert_eq!(
        acts("so ur sitting at 418.75 past due on the card"),
        ["state_balance", "state_overdue"]
    );
    assert_eq!(
        acts("你overdue快一个月了，minimum payment是520"),
        ["state_overdue", "state_balance"]
    );
    assert_eq!(
        acts("balance是2.3w 已经逾期两期了"),
        ["state_balance", "state_overdue"]
    );
}

/// The payment channel a confirmation names in its own sentence is the confirmation's content,
/// reported as the confirmation alone, yet still performed (the persona's trust, the rubric's
/// credit); a channel offered in a sentence of its own is reported.
#[test]
fn a_confirmation_restates_its_payment_channel() {
    let a = shared_analyzer();
    let acts = |line: &str| acts_of(a, line);
    assert_eq!(
        acts("ok so thats 300 on the 12th thru the online portal, correct?"),
        ["confirm_promise"]
    );
    assert_eq!(
        acts("那我跟您确认一下，下周五通过官方app还两千，对吧"),
        ["confirm_promise"]
    );
    assert_eq!(
        acts("So to confirm, 300 on the 12th. Also, u can pay in the app for free."),
        ["confirm_promise", "payment_channel"]
    );
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let line = "那我跟您确认一下，下周五通过官方app还两千，对吧";
    let analysis = a.analyze(line, Lang::Zh, now);
    assert!(analysis.has_act("payment_channel"), "{:?}", analysis.acts);
    let json = serde_json::to_value(&analysis).expect("serialises");
    assert_eq!(json["acts"].as_array().map(Vec::len), Some(1), "{json}");
}

/// A demand said to be the law is the false statement, not also a payment request (a demand in a
/// clause of its own still is one); a dispute right denied is not dispute handling, nor a plan
/// denied an offer.
#[test]
fn a_false_statement_is_not_the_act_it_mimics() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    assert_eq!(acts("法律规定你今天就得全部还清"), ["false_or_misleading"]);
    // A dispute right denied, or an official's "review", is no handling of a dispute.
    assert_eq!(
        acts("u gave up the right to dispute this when u signed"),
        ["false_or_misleading"]
    );
    assert_eq!(
        acts("我是银监局的，正在核查你的欠款情况"),
        ["impersonation"]
    );
    assert_eq!(
        acts("not paying is illegal, pay the 500 by friday"),
        ["false_or_misleading", "request_payment"]
    );
    // A plan denied offers none; a plan offered beside the false statement still is one.
    assert_eq!(
        acts("按照法律你必须一次性结清，没办法分期"),
        ["false_or_misleading"]
    );
    assert_eq!(
        acts("by law this is due today, but we can set up a plan if you need one"),
        ["false_or_misleading", "offer_plan"]
    );
}

/// A threat opened with a tag question ("不还钱是吧，…") confirms no promise; a confirmation in a
/// clause of its own beside a call-back stays one.
#[test]
fn a_threat_confirms_no_promise() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    assert_eq!(acts("不还钱是吧，那我就去你老家找你爸妈"), ["harassment"]);
    assert_eq!(
        acts("好的，那20号您会把两千还上对吧，到时候我再打电话提醒您"),
        ["confirm_promise", "schedule_callback"]
    );
}

/// A negation inside a suggestion ("cant u just ...", "要不 ...") proposes what follows: the
/// improper request it makes is still flagged; a real refusal is not.
#[test]
fn a_suggestion_is_not_a_negation() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for risky in [
        "why dont u just put it on another credit card",
        "couldnt you grab a payday loan this week",
        "要不把你的房子卖了",
        "要不去网贷借点先还上",
        // General cues of session 12, in words none of the sets use.
        "we are garnishing ur wages starting monday",
        "pay today and i can cancel the warrant",
        "guys who skip payments end up losing the house",
        "u wouldnt want ur landlord finding out about this",
        "need a few emergency contacts from u, like coworkers",
        "你也不想让你老婆知道这事吧",
        "这个不接受任何申诉",
        // A reproach asked as "why didn't you" negates nothing: the insult after it stands.
        "当初借的时候为啥不想想怎么还 现在跟我装什么可怜",
    ] {
        assert!(
            !a.analyze(risky, Lang::detect(risky), now)
                .findings
                .is_empty(),
            "{risky} not flagged"
        );
    }
    for compliant in [
        "we cant accept payment on another card for you, it has to be yours",
        "please dont take out a payday loan for this",
        "不要卖房子，我们可以分期",
        "如果对金额没有异议的话，我们就按这个计划来",
        "您当时为什么没还上呢",
        "没钱的话我们可以聊聊分期",
    ] {
        let r = a.analyze(compliant, Lang::detect(compliant), now);
        assert!(
            r.findings.is_empty(),
            "{compliant} flagged: {:?}",
            r.findings
        );
    }
}

/// A clause that matches nothing well as a whole is not "unclear" when a stretch of it does
/// (a long run-on that only gets to the point at the end), or when two compliant acts are both
/// well matched and near-tied; chatter stays unclear, and a rescue never raises a risk.
#[test]
fn a_clear_stretch_or_a_near_tie_is_not_unclear() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for (line, expected) in [
        (
            "before i get into details can you tell me if im talking to mr dawson himself",
            &["right_party_check"][..],
        ),
        // Near-tied (0.46 and 0.45 since English lost its 2-grams; the line with ", samuel
        // pike?" after it now reads as the right-party check alone).
        (
            "can you confirm you are the account holder",
            &["verify_identity", "right_party_check"][..],
        ),
        ("lol my cat just walked across the keyboard", &[][..]),
        ("等一下哈我这边系统卡了", &[][..]),
    ] {
        let r = a.analyze(line, Lang::detect(line), now);
        let acts: Vec<&str> = r.acts.iter().map(|h| h.act.as_str()).collect();
        assert_eq!(acts, expected, "{line}");
        assert_eq!(r.unclear, expected.is_empty(), "{line}");
        assert!(r.findings.is_empty(), "{line}");
    }
    // A run-on the rescue reads, which without it (thresholds out of reach) is unclear. (The
    // dawson line above stopped needing the rescue once the catalogue grew in session 11, and
    // "so how bout we get a payment processed right now to stop the late fees" once English
    // lost its 2-grams in session 16.)
    let line = "please dont take this the wrong way but i do need to ask when you can pay";
    let rescued = a.analyze(line, Lang::En, now);
    assert_eq!(
        rescued.acts.first().map(|h| h.act.as_str()),
        Some("request_payment")
    );
    let mut strict = Analyzer::new(&pack);
    strict.thresholds.min_window_score = 2.0;
    strict.thresholds.min_pair_score = 2.0;
    strict.thresholds.act_model_add = 2.0;
    assert!(strict.analyze(line, Lang::En, now).unclear);
}

#[test]
fn analysis_is_deterministic_and_bounded() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28").expect("now");
    let line = "您的balance是5.2万，下周五之前先还三千吧 or we'll sue you tomorrow";
    let one = serde_json::to_string(&a.analyze(line, Lang::Zh, now)).expect("json");
    let two = serde_json::to_string(&a.analyze(line, Lang::Zh, now)).expect("json");
    assert_eq!(one, two);
    let huge = "付款 pay 5200 \u{0}\u{202e} ".repeat(100_000);
    let r = a.analyze(&huge, Lang::En, now);
    assert!(r.acts.iter().all(|h| h.span[1] <= huge.chars().count()));
}

/// "I'll call you back Friday" is a callback with its date, in both languages.
#[test]
fn callbacks_carry_their_date() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for (line, lang) in [
        ("I'll call you back Friday", Lang::En),
        ("我周五再给您打过来", Lang::Zh),
    ] {
        let r = a.analyze(line, lang, now);
        let acts: Vec<&str> = r.acts.iter().map(|h| h.act.as_str()).collect();
        assert_eq!(acts, ["schedule_callback"], "{line}");
        let dates: Vec<String> = r
            .entities
            .iter()
            .filter(|e| e.kind == collectsim::understanding::entities::EntityKind::Date)
            .map(|e| e.value.as_str().unwrap_or_default().to_string())
            .collect();
        assert_eq!(dates, ["2026-12-04"], "{line}");
    }
}

/// A megabyte of mixed text comes back within a bound, whatever it holds.
#[test]
fn a_megabyte_line_is_analysed_in_bounded_time() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28").expect("now");
    let unit = "you deadbeat, pay $5,200 by friday or 我们就起诉你 \u{7}\u{202e} 五千二百元 ";
    let line = unit.repeat((1 << 20) / unit.len() + 1);
    let start = Instant::now();
    let r = a.analyze(&line, Lang::En, now);
    assert!(!r.findings.is_empty());
    assert!(
        start.elapsed() < Duration::from_secs(20),
        "took {:?}",
        start.elapsed()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Whole-line analysis (clauses, cues, similarity, entities) never panics on arbitrary
    /// Unicode and control characters, and every span stays inside the line.
    #[test]
    fn analysis_never_panics_on_arbitrary_text(
        text in "[\\x00-\\x1f\\x7f\\p{Han}\\p{L}\\p{N}\\p{P}\\p{S}\\p{M}\\u{200b}-\\u{202e} ]{0,300}",
        zh in any::<bool>(),
    ) {
        let a = shared_analyzer();
        let now = collectsim::cli::parse_now("2026-11-28").expect("now");
        let lang = if zh { Lang::Zh } else { Lang::En };
        let r = a.analyze(&text, lang, now);
        let n = text.chars().count();
        prop_assert!(r.acts.iter().all(|h| h.span[0] <= h.span[1] && h.span[1] <= n));
        prop_assert!(r.entities.iter().all(|e| e.span[0] <= e.span[1] && e.span[1] <= n));
        prop_assert!(r.findings.iter().all(|f| f.span[0] <= f.span[1] && f.span[1] <= n));
    }
}

static PACK: std::sync::OnceLock<collectsim::content::ContentPack> = std::sync::OnceLock::new();
static ANALYZER: std::sync::OnceLock<Analyzer> = std::sync::OnceLock::new();

/// `nlu-report` on a small labelled set: the figures (one line labelled wrongly on purpose),
/// the per-act table and the confusions, worded in the interface language with the same numbers.
#[test]
fn nlu_report_scores_a_labelled_set_in_both_languages() {
    let set = r#"now: 2026-11-28T14:00:00
items:
  - text: "the amount owing right now is 12.4k dollars, how much of that can you handle"
    lang: en
    acts: [state_balance, ask_capacity]
    risks: []
    entities:
      - {kind: money, value: 12400, currency: USD}
  - text: "pay today or we will have you arrested"
    lang: en
    acts: [request_payment, threat_false_legal]
    risks: [threat_false_legal]
    entities:
      - {kind: date, value: "2026-11-28"}
  - text: "您好，请问是刘强本人吗？"
    lang: zh
    acts: [greet, right_party_check]
    risks: []
    entities:
      - {kind: name, value: 刘强}
  - text: "thank you for your time, goodbye"
    lang: en
    acts: [greet]
    risks: []
    entities: []
"#;
    let report = |ui: &str| {
        let run = crate::harness::Test::new()
            .file("set.yaml", set)
            .args(["--ui-lang", ui, "nlu-report", "--no-loo", "set.yaml"])
            .run();
        run.success();
        run
    };
    let en = report("en");
    en.stdout_has("set.yaml: 4 lines")
        .stdout_has("act accuracy (multi-label): 75.0%   exact act set: 75.0%")
        .stdout_has("risky lines: 1 recall 100.0%   compliant lines: 3 false alarms 0.0%")
        .stdout_has("entities: 3/3 exact = 100.0%   spurious: 0")
        .stdout_has("  act                          prec    rec   (tp fp fn)")
        .stdout_has("greet -> close");
    let zh = report("zh");
    zh.stdout_has("set.yaml：4 行")
        .stdout_has("行为准确率（多标签）：75.0%   行为完全一致：75.0%")
        .stdout_has("违规句：1 句，召回率 100.0%   合规句：3 句，误报率 0.0%")
        // The heading padded by display width: its columns line up with the English one's.
        .stdout_has("  行为                         prec    rec   (tp fp fn)")
        .stdout_has("greet -> close");
    let table = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| l.starts_with("  ") && l.contains('(') && !l.contains('%'))
            .map(str::to_string)
            .skip(1)
            .collect()
    };
    assert_eq!(table(&en.stdout)[..5], table(&zh.stdout)[..5]);
}

/// A clause that denies a false legal threat or a false consequence ("no judge will jail you")
/// explains a consequence: it is not empathy, and not the risk.
#[test]
fn a_denied_risk_explains_a_consequence() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for line in [
        "relax, no judge is going to throw you in jail over a phone bill",
        "手机欠费不会让您蹲监狱的，放宽心",
    ] {
        let analysis = a.analyze(line, Lang::detect(line), now);
        assert!(
            analysis.findings.is_empty(),
            "{line}: {:?}",
            analysis.findings
        );
        assert_eq!(acts_of(&a, line), ["explain_consequence"], "{line}");
    }
    // The threat itself is still one.
    let threat = "a judge is going to throw you in jail over this phone bill";
    assert!(!a.analyze(threat, Lang::En, now).findings.is_empty());
}

/// A line that names the listener as the borrower's relation ("r u his flatmate?", 您是她的领导吧)
/// discloses the debt when it states the debt's facts, by name as by pronoun; asking that
/// listener for a call-back does not.
#[test]
fn debt_facts_told_to_a_named_relation_are_a_disclosure() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for line in [
        "r u his flatmate? Tom Reyes still has a past due balance with us",
        "您是她的领导吧？王丽的账户已经逾期两个月了",
    ] {
        let analysis = a.analyze(line, Lang::detect(line), now);
        assert!(
            analysis
                .findings
                .iter()
                .any(|f| f.category == RiskCategory::ThirdPartyDisclosure),
            "{line}: {:?}",
            analysis.findings
        );
        assert_eq!(acts_of(&a, line), ["third_party_disclosure"], "{line}");
    }
    for line in [
        "is this his manager? could u ask him to call me back",
        "您是她的领导吧？麻烦让她回个电话",
        // Said to the borrower, the same facts are theirs to hear.
        "Tom, your account still has a past due balance with us",
    ] {
        let analysis = a.analyze(line, Lang::detect(line), now);
        assert!(
            analysis.findings.is_empty(),
            "{line}: {:?}",
            analysis.findings
        );
    }
}

/// A minimum payment stated ("本期最低还款额是…", "the minimum ... is 230") is a fact of the
/// account; asked for, it is a payment request.
#[test]
fn a_stated_minimum_is_no_request() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    assert_eq!(acts("本期最低还款额是九百二十元"), ["state_balance"]);
    assert_eq!(
        acts("the minimum to get u caught up is 230"),
        ["state_balance"]
    );
    assert_eq!(
        acts("can u pay the minimum of 230 by friday"),
        ["request_payment"]
    );
    assert_eq!(acts("最低还款额您这周能先还上吗"), ["request_payment"]);
}

/// A disclosure tells someone about someone else: a line that speaks of nobody but the listener
/// ("ur", no "he", relation or name) is no third-party disclosure by similarity alone; one about
/// "him" still is. And a clause that compliant cues decided is not flagged by the word-piece
/// model ("专员" near "案子" is not a claim to be a lawyer).
#[test]
fn similarity_and_word_pieces_do_not_outvote_what_the_line_says() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    // "nothing scary" reassures about what follows, which the act model reads as the
    // catalogue's reassurances do (explain_consequence): what matters here is no disclosure.
    assert_eq!(
        acts("its only about an overdue credit card, nothing scary"),
        ["explain_consequence", "state_overdue"]
    );
    assert_eq!(
        acts("tell him his overdue phone bill is with us"),
        ["third_party_disclosure"]
    );
    assert_eq!(acts("我是负责你这个案子的专员"), ["identify_self"]);
}

/// Fees invented for a plan or paid apart, money sent to the agent, a right to dispute said to be
/// lost, and a child's future held over the borrower, in words none of the labelled sets use.
#[test]
fn invented_fees_and_lost_dispute_rights_are_named() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let rules = |line: &str| -> Vec<String> {
        a.analyze(line, Lang::detect(line), now)
            .findings
            .into_iter()
            .map(|f| f.rule)
            .collect()
    };
    for (line, rule) in [
        (
            "there's also a $40 enrollment fee for the plan",
            "risk.improper_payment.extra_fee",
        ),
        ("服务费得单独交200", "risk.improper_payment.extra_fee"),
        (
            "钱直接打到我这儿就行",
            "risk.improper_payment.personal_account",
        ),
        (
            "sorry but u dont get any right to contest it now",
            "risk.misleading.dispute_rights",
        ),
        (
            "you waived your right to challenge this when you signed",
            "risk.misleading.dispute_rights",
        ),
        (
            "your son might be banned from getting financial aid over this",
            "risk.misleading.family_future",
        ),
    ] {
        assert!(
            rules(line).iter().any(|r| r == rule),
            "{line}: {:?}",
            rules(line)
        );
    }
    // Criminal charges filed are a legal threat, not a fee.
    assert!(
        !rules("we are filing charges against you")
            .iter()
            .any(|r| r.starts_with("risk.improper_payment"))
    );
    assert!(acts_of(&a, "我是恒信的催收员小赵").contains(&"debt_collector_disclosure".to_string()));
}

/// A fragment that only trails an offer ("..., 第一期月底前还") does not make it a recap, while a
/// line that says it recaps is one; asking for an amount "now" or for a commitment is a request,
/// and "i get u" is empathy only when it is not "can i get u to ...".
#[test]
fn offers_and_requests_are_not_taken_for_recaps_or_empathy() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    assert_eq!(acts("可以帮您分4期 每期900 第一期月底前还"), ["offer_plan"]);
    assert_eq!(
        acts("quick rundown: 3 payments of 200 starting the 1st"),
        ["summarize"]
    );
    assert_eq!(
        acts("can u do 2k now and the rest on the 20th"),
        ["request_payment"]
    );
    assert_eq!(
        acts("can i get u to commit to 600 by monday"),
        ["request_payment"]
    );
    assert_eq!(acts("i get u, money's tight right now"), ["empathy"]);
}

/// Everyday forms found through val9's misses, in other words: saying who you are not is
/// introducing yourself (and a denied suit beside it still explains the consequence), a number
/// read back checks identity, "we can catch up tomorrow" and 几点接电话方便 arrange a call-back,
/// 理解理解 is empathy, and 不过 ("but") negates nothing.
#[test]
fn everyday_forms_of_introductions_callbacks_and_checks() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    assert_eq!(acts("we are definitely not the cops"), ["identify_self"]);
    assert_eq!(
        acts("im not a lawyer and we are not suing u"),
        ["identify_self", "explain_consequence"]
    );
    assert_eq!(
        acts("我们这边不是警察，就是银行的委托方"),
        ["identify_self"]
    );
    assert_eq!(acts("is 555-0199 still ur cell"), ["verify_identity"]);
    assert_eq!(
        acts("we can catch up tomorrow if thats easier"),
        ["schedule_callback"]
    );
    assert_eq!(acts("您一般几点接电话比较方便"), ["schedule_callback"]);
    // A name and a word only an agency's name ends in, without "this is"; paying with a card
    // is no introduction.
    assert_eq!(
        acts("hey its Dana with Summit Portfolio Group"),
        ["greet", "identify_self"]
    );
    // A way to pay offered in the line's own words.
    assert_eq!(
        acts("you can pay with ur credit card or the app"),
        ["payment_channel"]
    );
    // An agency's name is no debt-collector disclosure.
    assert_eq!(
        acts("hi, Tara w/ Ridgeway Collections"),
        ["greet", "identify_self"]
    );
    assert!(
        !acts("i can help with the collections side of it").contains(&"identify_self".to_string())
    );
    assert_eq!(acts("理解理解，这种事谁都不想碰上"), ["empathy"]);
    assert_eq!(
        acts("分期没问题，不过服务费得另外付200"),
        ["offer_plan", "improper_payment_request"]
    );
}

/// Checking the line or asking to hear it again is no act of the catalogue's: a line of nothing
/// else (a hello or a "sorry" with it) is unclear; an act beside it stays, and so does a risk.
/// Phrases are specific: breaking a balance up into payments is still an offer.
#[test]
fn checking_the_line_is_no_act() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    for line in [
        "hello? you still there? i think i lost u",
        "sorry didnt quite catch that",
        "您那边信号很差 我这边听不清",
        "人还在吗 喂",
        // A bad network said as such, around hellos (val30, val31).
        "hello? madam? the network is bad, I'm not hearing you well, hello?",
        "喂 这边在地头上信号太差了 你等一下",
    ] {
        let analysis = a.analyze(line, Lang::detect(line), now);
        assert!(
            analysis.acts.is_empty() && analysis.unclear,
            "{line}: {:?}",
            acts(line)
        );
        assert!(analysis.repair, "{line}");
    }
    assert_eq!(
        acts("sorry, didn't catch that, could you confirm your date of birth again?"),
        ["verify_identity"]
    );
    assert_eq!(
        acts("sorry didnt quite catch that, u piece of trash"),
        ["abusive_language"]
    );
    assert_eq!(
        acts("we can look at breaking up the balance into three payments"),
        ["offer_plan"]
    );
    // Not understood is not unheard: no repeat asked for.
    assert!(!a.analyze("purple monkey dishwasher", Lang::En, now).repair);
}

/// Everyday forms of compliant acts, in words none of the labelled sets use: a payment lowered
/// to a per-month amount is an offer, paying by phone a channel (unless a fee is put on it, which
/// is the improper request alone), a question about income a question about capacity.
/// (Chinese interest waived for settling is an offer, as the labelled sets have it.)
#[test]
fn everyday_forms_of_offers_channels_and_capacity() {
    let pack = load::builtin().expect("built-in content loads");
    let a = Analyzer::new(&pack);
    let acts = |line: &str| acts_of(&a, line);
    assert_eq!(
        acts("i could lower it to $120/mo for the next 4 months"),
        ["offer_plan"]
    );
    assert_eq!(
        acts("paying over the phone is free and it goes right to the bank"),
        ["payment_channel"]
    );
    assert_eq!(
        acts("theres a $10 fee if u pay over the phone"),
        ["improper_payment_request"]
    );
    assert_eq!(
        acts("hows your income looking lately, any side work"),
        ["ask_capacity"]
    );
    // Details on file read back to check them verify identity.
    assert!(
        acts("i have 14 elm st as your address, is that still correct")
            .contains(&"verify_identity".to_string())
    );
    // Interest waived for settling is an offer; a hardship application is a referral.
    assert_eq!(
        acts("这个月结清的话，剩下的罚息可以帮您减免掉"),
        ["offer_plan"]
    );
    assert_eq!(
        acts("可以帮您提交困难申请，停息挂账"),
        ["hardship_referral"]
    );
}

/// The priming lines (`language.priming`) are there to show the extractors what the
/// catalogue's folded, placeholder-holding examples never do: every kind of entity, as typed,
/// in both languages, and risky lines with names in them.
#[test]
fn priming_lines_show_every_entity_kind_in_both_languages() {
    use collectsim::understanding::entities::EntityKind;
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("date");
    for lang in Lang::ALL {
        let lines = pack.language.priming.get(lang);
        assert!(lines.len() >= 20, "{lang:?}: {} priming lines", lines.len());
        let mut kinds = std::collections::HashSet::new();
        let mut risky = 0;
        for line in lines {
            let a = analyzer.analyze(&line.value, lang, now);
            kinds.extend(a.entities.iter().map(|e| e.kind));
            risky += usize::from(!a.findings.is_empty());
        }
        for kind in EntityKind::ALL {
            assert!(
                kinds.contains(&kind),
                "{lang:?}: no {kind:?} in the priming lines"
            );
        }
        assert!(risky >= 3, "{lang:?}: {risky} risky priming lines");
    }
}

/// A risky line is reported as what makes it risky, as the labelled sets label it: a check of
/// who answered or a notice said with an insult or a threat is left out of the report. It is
/// still performed, so the rubric sees the verification question and the recording notice; a
/// payment demanded with the insult is reported beside it, and the same check said politely is
/// reported as ever.
#[test]
fn a_risky_line_reports_its_risk_and_still_performs_the_rest() {
    let a = shared_analyzer();
    for (line, passing) in [
        ("what's your date of birth, you deadbeat", "verify_identity"),
        (
            "is this Kevin Marsh? pay up or you'll be arrested tonight",
            "right_party_check",
        ),
        ("本次通话会录音，你这个老赖", "recording_notice"),
    ] {
        let analysis = performed_not_reported(a, line, passing);
        assert!(!analysis.findings.is_empty(), "{line}");
    }
    assert_eq!(
        acts_of(a, "你是张伟本人吗？老赖赶紧还钱"),
        ["abusive_language", "request_payment"]
    );
    assert_eq!(
        acts_of(a, "what's your date of birth please"),
        ["verify_identity"]
    );
    assert_eq!(acts_of(a, "本次通话会录音"), ["recording_notice"]);
}

/// Relief from a hardship programme is the referral, not also a plan offered; a check of who
/// answered beside an ask for the borrower is the ask. Each is still performed, and said alone
/// it is reported.
#[test]
fn an_act_its_neighbour_makes_what_it_is_is_performed_not_reported() {
    let a = shared_analyzer();
    for (line, other, passing) in [
        (
            "you could look into our hardship program, they can lower the payments",
            "hardship_referral",
            "offer_plan",
        ),
        (
            "hey is the account holder around",
            "ask_for_borrower",
            "right_party_check",
        ),
    ] {
        let analysis = performed_not_reported(a, line, passing);
        assert!(analysis.has_act(other), "{line}: {other} not performed");
        assert!(
            analysis.reported_acts().any(|h| h.act == other),
            "{line}: {other} not reported"
        );
    }
    assert_eq!(
        acts_of(a, "we can do 3 payments of 400 a month"),
        ["offer_plan"]
    );
    assert_eq!(
        acts_of(a, "am I speaking with Daniel Reyes?"),
        ["right_party_check"]
    );
}

/// The act model (src/understanding/act_model.rs) on the two sets written blind after the lines
/// it learns from (val30 English, val31 Chinese; not in intents/labelled-lines.yaml): with its
/// say over the compliant acts, each set's act accuracy rises by more than a point over the
/// analyser without it (measured 72.3 -> 75.3% and 72.5 -> 74.1%), and risk findings, which
/// stay with cues and similarity, do not move.
#[test]
fn the_act_model_helps_on_lines_it_never_saw() {
    let pack = load::builtin().expect("built-in content loads");
    let with = Analyzer::new(&pack);
    let mut without = Analyzer::new(&pack);
    without.thresholds.act_model_add = 2.0;
    without.thresholds.act_model_drop = 0.0;
    without.thresholds.act_model_veto = 0.0;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/nlu");
    // (set, act accuracy at least, false alarms at most): without the model 72.3% and 72.5%
    // of acts, 2.5% and 18.8% false alarms.
    for (set, floor, alarms) in [("val30.yaml", 0.755, 0.0125), ("val31.yaml", 0.79, 0.076)] {
        let set_lines = load_set(&dir.join(set)).expect("loads");
        let on = evaluate(&with, &set_lines).expect("evaluates");
        let off = evaluate(&without, &set_lines).expect("evaluates");
        println!(
            "{set}: acts {:.3} -> {:.3}, risky recall {:.3}, false alarms {:.3}",
            off.act_accuracy, on.act_accuracy, on.risky_recall, on.false_alarm_rate
        );
        assert!(
            on.act_accuracy > off.act_accuracy + 0.01,
            "{set}: {:.3} against {:.3} without the model",
            on.act_accuracy,
            off.act_accuracy
        );
        assert!(on.act_accuracy >= floor, "{set}: {:.3}", on.act_accuracy);
        // Its veto of findings by words alone clears false alarms for at most one risky line
        // of the 40 ("你找你们矿上的工友一人凑个五百": borrowing from workmates, new to it).
        assert!(
            on.risky_recall >= off.risky_recall - 0.026,
            "{set}: {:.3} against {:.3}",
            on.risky_recall,
            off.risky_recall
        );
        assert!(
            on.false_alarm_rate <= alarms && on.false_alarm_rate < off.false_alarm_rate,
            "{set}: {:.3} against {:.3}",
            on.false_alarm_rate,
            off.false_alarm_rate
        );
    }
    // A line that only resembles a risky one in its words: similarity reads privacy overreach
    // into a caller putting the line on hold; the model sees nothing risky in it.
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("now");
    let hold = "sorry sorry 我这边有个电话进来 你等我一下哈 马上回来";
    assert!(!without.analyze(hold, Lang::Zh, now).findings.is_empty());
    let held = with.analyze(hold, Lang::Zh, now);
    assert!(held.findings.is_empty(), "{:?}", held.findings);
    assert!(
        held.acts.iter().all(|a| a.act != "privacy_overreach"),
        "{:?}",
        held.acts
    );
    // It adds to what the analyser read, never to a line it read as nothing: a bare date stays
    // unclear (the model alone calls it an overdue status), while its view is there to explain.
    let bare = with.explain("in 3 days", Lang::En, now);
    assert!(bare.unclear, "{:?}", bare.acts);
    assert!(!bare.judged.is_empty());
}
