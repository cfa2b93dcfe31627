//! The live call at cohort size: 50 learners on loopback (relays off) each change
//! step in turn; the time from a learner's status to the coach's room is measured,
//! with the host's CPU and the process's memory, idle and busy.
//!
//! `cargo bench --bench live_call` (numbers in docs/benchmarks.md).

use huddle::live::host::{Host, HostEvent, HostOptions};
use huddle::live::iroh_net::Net;
use huddle::live::join::Learner;
use huddle::live::protocol::{Mark, Status};
use huddle::progress::StepStatus;
use std::time::{Duration, Instant};

const LEARNERS: usize = 50;
const ROUNDS: usize = 20;
const STEPS: usize = 12;

/// CPU seconds used so far by this process's threads whose name starts with `prefix`.
fn cpu_of(prefix: &str) -> f64 {
    let tick = 100.0; // USER_HZ on Linux
    let mut total = 0u64;
    if let Ok(dir) = std::fs::read_dir("/proc/self/task") {
        for t in dir.flatten() {
            let comm = std::fs::read_to_string(t.path().join("comm")).unwrap_or_default();
            if !comm.starts_with(prefix) {
                continue;
            }
            let stat = std::fs::read_to_string(t.path().join("stat")).unwrap_or_default();
            let after = stat.rsplit(')').next().unwrap_or("");
            let f: Vec<&str> = after.split_whitespace().collect();
            if f.len() > 13 {
                total += f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0);
            }
        }
    }
    total as f64 / tick
}

fn rss_mb() -> f64 {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .find(|l| l.starts_with("VmRSS:"))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|k| k.parse::<f64>().ok())
        .unwrap_or(0.0)
        / 1024.0
}

fn status(step: usize) -> Status {
    Status {
        step: step as u32,
        marks: (0..STEPS)
            .map(|i| Mark {
                status: if i < step {
                    StepStatus::Done
                } else {
                    StepStatus::NotSeen
                },
                tries: (i % 3) as u32,
                hints: 0,
                seconds: 60,
                mistake: None,
            })
            .collect(),
        hand: false,
    }
}

fn pct(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn main() {
    let rss0 = rss_mb();
    let host = Host::start_net(
        HostOptions {
            coach: "Coach".into(),
            lesson_id: "bench".into(),
            lesson: "id = \"bench\"\n".repeat(200),
            cap: 60,
            shared: Default::default(),
        },
        Net::local(),
    )
    .expect("host");
    let learners: Vec<Learner> = (0..LEARNERS)
        .map(|i| {
            Learner::join_net(host.code.clone(), &format!("learner {i}"), Net::local())
                .expect("join")
        })
        .collect();
    let mut joined = 0;
    while joined < LEARNERS {
        if let Some(HostEvent::Joined { .. }) = host.wait_event(Duration::from_secs(10)) {
            joined += 1;
        }
    }
    // Idle: everyone connected, nothing happening.
    std::thread::sleep(Duration::from_secs(1));
    let (c0, t0) = (cpu_of("huddle-host"), Instant::now());
    std::thread::sleep(Duration::from_secs(5));
    let idle_cpu = (cpu_of("huddle-host") - c0) / t0.elapsed().as_secs_f64();
    let idle_rss = rss_mb();

    // Busy: each learner in turn changes step; time until the room hears it.
    let mut lat = Vec::with_capacity(LEARNERS * ROUNDS);
    let (c1, t1) = (cpu_of("huddle-host"), Instant::now());
    for round in 0..ROUNDS {
        for l in &learners {
            let sent = Instant::now();
            l.status(status(1 + round % (STEPS - 1)));
            loop {
                match host.wait_event(Duration::from_secs(5)) {
                    Some(HostEvent::Status { .. }) => break,
                    Some(_) => continue,
                    None => panic!("a status was lost"),
                }
            }
            lat.push(sent.elapsed());
        }
    }
    let busy_secs = t1.elapsed().as_secs_f64();
    let busy_cpu = (cpu_of("huddle-host") - c1) / busy_secs;
    let busy_rss = rss_mb();
    lat.sort();
    println!(
        "live_call: {LEARNERS} learners on loopback, {} step changes in {busy_secs:.2} s",
        lat.len()
    );
    println!(
        "  step change → coach's room: p50 {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        pct(&lat, 0.5).as_secs_f64() * 1e3,
        pct(&lat, 0.95).as_secs_f64() * 1e3,
        lat.last().unwrap().as_secs_f64() * 1e3
    );
    println!(
        "  host CPU: idle {:.1}% of a core, busy {:.1}% of a core",
        idle_cpu * 100.0,
        busy_cpu * 100.0
    );
    println!(
        "  process RSS (host and all {LEARNERS} learners): {rss0:.0} MB before, {idle_rss:.0} MB idle, {busy_rss:.0} MB busy"
    );
    drop(learners);
    host.end();
}
