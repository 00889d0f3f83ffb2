//! Loading the library, building the analyser, and analysing one line (divan).

use collectsim::content::load;
use collectsim::lang::Lang;
use collectsim::understanding::Analyzer;

fn main() {
    divan::main();
}

#[divan::bench]
fn load_builtin_library() -> usize {
    load::builtin().map(|p| p.scenarios.len()).unwrap_or(0)
}

#[divan::bench]
fn build_analyzer_index(bencher: divan::Bencher) {
    let pack = load::builtin().expect("built-in content loads");
    bencher.bench(|| Analyzer::new(divan::black_box(&pack)).vocabulary());
}

const LINES: [(&str, Lang); 4] = [
    (
        "Hi, this is Dana from Acme Recovery, am I speaking with Daniel Reyes?",
        Lang::En,
    ),
    (
        "you owe $5,200 and if you don't pay by next friday we'll have you arrested",
        Lang::En,
    ),
    (
        "您好，我是安和公司的小王，请问是陈晓明先生本人吗？",
        Lang::Zh,
    ),
    ("下周五之前先还三千吧，剩下的分3期，每期两千五", Lang::Zh),
];

#[divan::bench(args = [0, 1, 2, 3])]
fn analyze_one_line(bencher: divan::Bencher, i: usize) {
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let now = collectsim::cli::parse_now("2026-11-28T14:00").expect("valid");
    let (text, lang) = LINES[i];
    bencher.bench(|| {
        analyzer
            .analyze(divan::black_box(text), lang, now)
            .acts
            .len()
    });
}
