//! The latency of one turn (analysis plus persona step) as a distribution: median, p90, p99 and
//! max over every agent line of the shipped conversation tests (both languages, every scenario),
//! each timed alone with `Instant`. divan reports only min/max/median/mean; the goal is
//! a p99 under 200 µs. `cargo bench --bench turn_latency [-- ROUNDS]`.

use std::time::{Duration, Instant};

use collectsim::commands::run::scenario_now;
use collectsim::content::load;
use collectsim::persona::{Engine, testing};
use collectsim::understanding::Analyzer;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    // `cargo bench` passes `--bench`; the first number given is the round count.
    let rounds: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(30);
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conversations");
    let files = collectsim::commands::test::collect(&[dir]).expect("conversation tests");
    let mut calls = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read a conversation test");
        let tests = testing::parse(&f.display().to_string(), &text)
            .unwrap_or_else(|p| panic!("{}", p.render()));
        for t in tests {
            let lines: Vec<String> = t.steps.iter().map(|s| s.agent.clone()).collect();
            calls.push((t.scenario, t.seed.unwrap_or(1), lines));
        }
    }
    let mut times = Vec::new();
    // Round 0 warms caches and is not counted.
    for round in 0..=rounds {
        for (id, seed, lines) in &calls {
            let scenario = pack.scenario(id).expect("scenario");
            let mut engine = Engine::new(&pack, &analyzer, scenario, *seed, scenario_now(scenario))
                .expect("engine");
            engine.open();
            for line in lines {
                if engine.ended().is_some() {
                    break;
                }
                let start = Instant::now();
                let reply = engine.respond(std::hint::black_box(line));
                let took = start.elapsed();
                std::hint::black_box(reply.text.len());
                if round > 0 {
                    times.push(took);
                }
            }
        }
    }
    times.sort_unstable();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "one turn over {} calls x {rounds} rounds = {} turns: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs (goal: p99 < 200 µs)",
        calls.len(),
        times.len(),
        us(percentile(&times, 0.5)),
        us(percentile(&times, 0.9)),
        us(percentile(&times, 0.99)),
        us(times[times.len() - 1]),
    );
}
