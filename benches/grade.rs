//! Grading 20-turn transcripts (divan): the whole grade (each agent line analysed), and the
//! scorer alone on lines already analysed (as after a simulated call).

use collectsim::call::{CallFacts, Transcript};
use collectsim::content::load;
use collectsim::scoring::Grader;
use collectsim::understanding::{Analysis, Analyzer};

fn main() {
    divan::main();
}

/// A 20-turn call on a shipped scenario: ten agent lines, ten borrower lines.
const CALLS: [&str; 2] = [
    r#"lang: en
scenario: en-willing-personal-loan
turns:
  - {speaker: agent, text: "Hi, may I speak with Maria Alvarez, please?"}
  - {speaker: borrower, text: "This is Maria. Who's calling?"}
  - {speaker: agent, text: "My name is Dana Price, I'm with Acme Recovery Services. Before we go on, could you confirm your date of birth?"}
  - {speaker: borrower, text: "May 2nd, 1988."}
  - {speaker: agent, text: "Thank you. This is an attempt to collect a debt by a debt collector, and any information obtained will be used for that purpose. This call may be recorded."}
  - {speaker: borrower, text: "Okay, is this about the loan?"}
  - {speaker: agent, text: "Yes. Your Harborview Lending balance is $6,240.18, and the September 30 payment is 34 days past due."}
  - {speaker: borrower, text: "My hours got cut at the clinic and I've been struggling."}
  - {speaker: agent, text: "I'm sorry to hear that, that sounds stressful. What could you manage each month?"}
  - {speaker: borrower, text: "Maybe 200 a month."}
  - {speaker: agent, text: "We could set up a plan of $200 a month starting November 15, and I can ask for the $75 late fee to be waived."}
  - {speaker: borrower, text: "What happens if I miss one?"}
  - {speaker: agent, text: "If a payment is missed, the account can be reported to the credit bureaus, so let me know early and we'll adjust."}
  - {speaker: borrower, text: "Okay, that's fair."}
  - {speaker: agent, text: "You can pay in the Harborview app at no extra charge."}
  - {speaker: borrower, text: "Great."}
  - {speaker: agent, text: "So to confirm: $200 on November 15, then $200 on the 15th of each month."}
  - {speaker: borrower, text: "Yes, thank you."}
  - {speaker: agent, text: "Thank you, Ms. Alvarez. Have a good afternoon."}
  - {speaker: borrower, text: "Bye."}
"#,
    r#"lang: zh
scenario: zh-willing-card
turns:
  - {speaker: agent, text: "您好，请问是王海燕女士吗？"}
  - {speaker: borrower, text: "我是，哪位？"}
  - {speaker: agent, text: "王女士您好，我是西安诚达信息咨询有限公司的客服专员小李，受泰和银行信用卡中心委托来电。麻烦您提供一下身份证后四位。"}
  - {speaker: borrower, text: "1764。"}
  - {speaker: agent, text: "谢谢您的确认。本次通话会被录音。您的欠款总额是8,962.30元，已逾期12天。"}
  - {speaker: borrower, text: "我最近住院了，忘了还。现在要还多少呢？"}
  - {speaker: agent, text: "听说您住院了，真是辛苦了。本期最低还款额是835元。"}
  - {speaker: borrower, text: "这个月先还最低的可以吗？"}
  - {speaker: agent, text: "可以的，您看哪天方便？"}
  - {speaker: borrower, text: "25号吧。"}
  - {speaker: agent, text: "好的，那就10月25日还835元。"}
  - {speaker: borrower, text: "要手续费吗？"}
  - {speaker: agent, text: "通过官方App还款不收任何手续费。"}
  - {speaker: borrower, text: "好的。"}
  - {speaker: agent, text: "按时还上可以避免继续产生滞纳金。"}
  - {speaker: borrower, text: "明白。"}
  - {speaker: agent, text: "还有其他问题吗？"}
  - {speaker: borrower, text: "没有了。"}
  - {speaker: agent, text: "祝您早日康复，再见。"}
  - {speaker: borrower, text: "再见。"}
"#,
];

struct Setup {
    transcript: Transcript,
    facts: CallFacts,
    rubric: String,
    now: jiff::civil::DateTime,
}

fn setup(pack: &collectsim::content::ContentPack, i: usize) -> Setup {
    let transcript: Transcript = serde_saphyr::from_str(CALLS[i]).expect("transcript");
    let scenario = pack
        .scenario(transcript.scenario.as_deref().unwrap_or(""))
        .expect("scenario");
    Setup {
        facts: CallFacts::from_scenario(scenario),
        rubric: scenario.rubric.value.clone(),
        now: collectsim::cli::parse_now(&scenario.context.date.value).expect("date"),
        transcript,
    }
}

/// The whole grade: every agent line analysed, then every rule of the pack.
#[divan::bench(args = [0, 1])]
fn grade_20_turns(bencher: divan::Bencher, i: usize) {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let s = setup(&pack, i);
    let rubric = pack.rubric(&s.rubric).expect("rubric");
    let grader = Grader::new(&pack, &analyzer, rubric);
    bencher.bench(|| {
        grader
            .grade(divan::black_box(&s.transcript), &s.facts, s.now)
            .overall
    });
}

/// The scorer alone: the agent lines analysed once beforehand (as the persona engine has them
/// after a simulated call).
#[divan::bench(args = [0, 1])]
fn score_20_analysed_turns(bencher: divan::Bencher, i: usize) {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let s = setup(&pack, i);
    let rubric = pack.rubric(&s.rubric).expect("rubric");
    let grader = Grader::new(&pack, &analyzer, rubric);
    let analyses: Vec<Analysis> = s
        .transcript
        .turns
        .iter()
        .filter(|t| t.speaker == collectsim::call::Speaker::Agent)
        .map(|t| analyzer.analyze(&t.text, s.transcript.lang, s.now))
        .collect();
    bencher.bench(|| {
        grader
            .grade_analyzed(divan::black_box(&s.transcript), &s.facts, s.now, &analyses)
            .overall
    });
}

/// Every calibration transcript in turn (53 distinct calls, both languages, 4 to 30 turns, with
/// typos and real-call layouts): a mix closer to a trainer's folder than one call graded again
/// and again. divan's throughput column gives transcripts per second.
#[divan::bench(sample_count = 40)]
fn grade_calibration_set(bencher: divan::Bencher) {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/calibration");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("calibration folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.to_string_lossy();
            name.ends_with(".yaml") && !name.ends_with(".expect.yaml")
        })
        .collect();
    paths.sort();
    let loaded: Vec<_> = paths
        .iter()
        .map(|p| {
            let t = collectsim::commands::grade::read_transcript(p).expect("transcript");
            collectsim::commands::grade::resolve(&pack, &p.to_string_lossy(), t, None, None)
                .expect("resolves")
        })
        .collect();
    bencher
        .counter(divan::counter::ItemsCount::new(loaded.len()))
        .bench(|| {
            let mut total = 0.0;
            // As `collectsim grade` does, per file: the grader (its rubric's compiled rules
            // come from the pack's cache after the first call), then the grade.
            for l in &loaded {
                let rubric = pack.rubric(&l.rubric).expect("rubric");
                total += collectsim::scoring::grade(
                    &pack,
                    &analyzer,
                    rubric,
                    divan::black_box(&l.transcript),
                    &l.facts,
                    l.now,
                )
                .overall;
            }
            total
        });
}
