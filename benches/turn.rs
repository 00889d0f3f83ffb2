//! One turn (analysis plus persona step) on a warm engine (divan). Goal: p99 under 200 µs.

use collectsim::commands::run::scenario_now;
use collectsim::content::load;
use collectsim::persona::Engine;
use collectsim::understanding::Analyzer;

fn main() {
    divan::main();
}

const LINES: [(&str, &str); 4] = [
    (
        "en-willing-personal-loan",
        "Could we set up a plan of $200 a month for 12 months, starting Friday, November 6?",
    ),
    (
        "en-delinquent-online-loan",
        "Your account has a balance of $1,386.50 and is 56 days past due.",
    ),
    ("zh-willing-card", "您看10月22日之前先还1200元可以吗？"),
    (
        "zh-emotional-online-loan",
        "我理解您现在很难，能跟我说说发生了什么吗？",
    ),
];

#[divan::bench(args = [0, 1, 2, 3], sample_count = 2000)]
fn one_turn(bencher: divan::Bencher, i: usize) {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let (id, line) = LINES[i];
    let scenario = pack.scenario(id).expect("scenario");
    let now = scenario_now(scenario);
    // A warm engine per sample (opened, greeted); only the one turn is timed.
    bencher
        .with_inputs(|| {
            let mut engine = Engine::new(&pack, &analyzer, scenario, 1, now).expect("engine");
            engine.open();
            engine.respond("Hi, this is Sam from Acme Recovery Services.");
            engine
        })
        .bench_local_refs(|engine| engine.respond(divan::black_box(line)).text.len());
}
