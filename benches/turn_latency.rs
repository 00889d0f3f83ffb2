//! The latency of one turn (analysis plus persona step) as a distribution: median, p90, p99 and
//! max over every agent line of the shipped conversation tests (both languages, every scenario),
//! each timed alone. divan reports only min/max/median/mean; the goal is a p99 under
//! 200 µs. Two clocks: wall time (`Instant`), which on a busy machine includes the slices other
//! processes took, and this thread's CPU time, which is the turn's own cost.
//! `cargo bench --bench turn_latency [-- ROUNDS] [cold] [en|zh]`.

use std::time::{Duration, Instant};

use collectsim::commands::run::scenario_now;
use collectsim::content::load;
use collectsim::persona::{Engine, testing};
use collectsim::understanding::Analyzer;

/// This thread's CPU time.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid, exclusive pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Twice the last-level cache of the machines we measure on (32 MiB).
const FLUSH_BYTES: usize = 64 << 20;

/// Writes one byte per cache line of `buffer`, pushing everything else out of the caches.
fn evict(buffer: &mut [u8]) {
    for b in buffer.iter_mut().step_by(64) {
        *b = b.wrapping_add(1);
    }
    std::hint::black_box(buffer);
}

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
    // `cold`: the caches are flushed before every timed turn and every timed analysis, as
    // they may be in the REPL after the trainee typed for a while and other programs ran.
    let cold = std::env::args().any(|a| a == "cold");
    // `en` or `zh`: only that language's calls, as in the REPL, where a call keeps one language
    // (the mixed run's slowest turns are the first after it turns from one language to the other).
    let only = collectsim::lang::Lang::ALL
        .into_iter()
        .find(|l| std::env::args().any(|a| a == l.code()));
    let mut flush = vec![0u8; if cold { FLUSH_BYTES } else { 0 }];
    let pack = load::builtin().expect("built-in content loads");
    let analyzer = Analyzer::new(&pack);
    // As the REPL does while the trainee reads the briefing and the opening line (see
    // `repl::run` and `Session::run`).
    analyzer.warm();
    let primed = Instant::now();
    for lang in collectsim::lang::Lang::ALL {
        analyzer.prime(lang);
    }
    let priming = primed.elapsed();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conversations");
    let files = collectsim::commands::test::collect(&[dir]).expect("conversation tests");
    let mut calls = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read a conversation test");
        let tests = testing::parse(&f.display().to_string(), &text)
            .unwrap_or_else(|p| panic!("{}", p.render()));
        for t in tests {
            if only.is_some_and(|l| pack.scenario(&t.scenario).is_ok_and(|s| s.lang != l)) {
                continue;
            }
            let lines: Vec<String> = t.steps.iter().map(|s| s.agent.clone()).collect();
            calls.push((t.scenario, t.seed.unwrap_or(1), lines));
        }
    }
    let mut times = Vec::new();
    let mut cpu = Vec::new();
    // The analysis alone, to tell the understanding's share from the persona step's.
    let mut analysis = Vec::new();
    // Round 0: each line seen for the first time, as in the REPL, where every line is new: the
    // regex engines have states for the catalogue's lines but may still build some for this
    // one. Its first call is left out: it pays one-time set-up.
    let mut first_sight = Vec::new();
    let mut first_lines = Vec::new();
    // Per line over the rounds: a line slow in every round is cost, not scheduling noise.
    let mut per_line: std::collections::BTreeMap<(usize, usize), Vec<Duration>> =
        std::collections::BTreeMap::new();
    // Round 0 warms caches and is not counted.
    for round in 0..=rounds {
        for (ci, (id, seed, lines)) in calls.iter().enumerate() {
            let scenario = pack.scenario(id).expect("scenario");
            let mut engine = Engine::new(&pack, &analyzer, scenario, *seed, scenario_now(scenario))
                .expect("engine");
            engine.open();
            // As the REPL does while the trainee reads the opening line: the call's own names.
            if round == 0 {
                analyzer.prime_names(scenario.lang, &scenario.names());
            }
            for (li, line) in lines.iter().enumerate() {
                if engine.ended().is_some() {
                    break;
                }
                evict(&mut flush);
                let start_cpu = thread_cpu();
                let start = Instant::now();
                let reply = engine.respond(std::hint::black_box(line));
                let took = start.elapsed();
                let took_cpu = thread_cpu().saturating_sub(start_cpu);
                evict(&mut flush);
                let start_analysis = thread_cpu();
                std::hint::black_box(analyzer.analyze(line, scenario.lang, engine.now));
                let took_analysis = thread_cpu().saturating_sub(start_analysis);
                std::hint::black_box(reply.text.len());
                if round == 0 && ci > 0 {
                    first_sight.push(took_cpu);
                    first_lines.push((took_cpu, ci, li));
                }
                if round > 0 {
                    times.push(took);
                    cpu.push(took_cpu);
                    analysis.push(took_analysis);
                    per_line.entry((ci, li)).or_default().push(took);
                }
            }
        }
    }
    times.sort_unstable();
    cpu.sort_unstable();
    analysis.sort_unstable();
    first_sight.sort_unstable();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    println!(
        "one turn over {} {}calls x {rounds} rounds = {} turns{} (goal: p99 < 200 µs)",
        calls.len(),
        only.map_or(String::new(), |l| format!("{} ", l.code())),
        times.len(),
        if cold {
            ", caches flushed before each"
        } else {
            ""
        }
    );
    println!(
        "  priming on the catalogue's examples, both languages: {:.0} ms",
        priming.as_secs_f64() * 1e3
    );
    for (clock, t) in [
        ("wall", &times),
        ("cpu ", &cpu),
        ("cpu, the analysis alone", &analysis),
        (
            "cpu, first sight of each line (round 0, after priming)",
            &first_sight,
        ),
    ] {
        println!(
            "  {clock}: median {:.1} µs, p90 {:.1} µs, p99 {:.1} µs, max {:.1} µs",
            us(percentile(t, 0.5)),
            us(percentile(t, 0.9)),
            us(percentile(t, 0.99)),
            us(t[t.len() - 1]),
        );
    }
    let mut slow: Vec<(Duration, (usize, usize))> = per_line
        .iter_mut()
        .map(|(k, v)| {
            v.sort_unstable();
            (v[v.len() / 2], *k)
        })
        .collect();
    slow.sort_unstable_by_key(|b| std::cmp::Reverse(b.0));
    first_lines.sort_unstable_by_key(|b| std::cmp::Reverse(b.0));
    println!("slowest first sights:");
    for (d, ci, li) in first_lines.iter().take(8) {
        let (id, _, lines) = &calls[*ci];
        println!("  {:>8.1} µs  {id}: {}", us(*d), lines[*li]);
    }
    println!("slowest lines (their median over the rounds):");
    for (d, (ci, li)) in slow.iter().take(5) {
        let (id, _, lines) = &calls[*ci];
        println!("  {:>8.1} µs  {id}: {}", us(*d), lines[*li]);
    }
}
