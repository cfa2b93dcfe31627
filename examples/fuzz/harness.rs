//! A stable-Rust mutation fuzzer over what shared files and typed SQL reach: the
//! lesson loader, the recipe loader (and replaying its ops), CSV import, workbook
//! import, and the SQL guard plus engine.
//!
//! Each iteration takes a seed input from the target's corpus
//! (`tests/fixtures/fuzz/<target>/`), mutates it (bit flips, byte inserts and
//! deletes, repeated and spliced ranges, dictionary tokens, grown numbers), runs the
//! target inside `catch_unwind`, and saves any input that panics to the crash folder.
//! Shared by `examples/fuzz/main.rs` (long runs) and `tests/fuzz_corpus.rs` (a
//! short run in `cargo test`).

#![allow(dead_code)]

use huddle::data::recipe::apply_all;
use huddle::data::recipe_file::Recipe;
use huddle::data::sql::Catalog;
use huddle::lesson::load::load_str;
use huddle::lesson::model::StepBody;
use polars::prelude::*;
use std::cell::RefCell;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// What is fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// `load_str` on lesson TOML, then replaying every clean step's solution.
    Lesson,
    /// `Recipe::parse`, then replaying its ops on a small table.
    Recipe,
    /// CSV import (encoding, delimiter and header sniffing, types).
    Csv,
    /// Workbook import (XLSX and the other formats calamine reads).
    Xlsx,
    /// The SQL guard and engine on a small catalog.
    Sql,
}

impl Target {
    /// Every target, in report order.
    pub const ALL: [Target; 5] = [
        Target::Lesson,
        Target::Recipe,
        Target::Csv,
        Target::Xlsx,
        Target::Sql,
    ];

    /// The name used on the command line and for the corpus folder.
    pub fn name(self) -> &'static str {
        match self {
            Target::Lesson => "lesson",
            Target::Recipe => "recipe",
            Target::Csv => "csv",
            Target::Xlsx => "xlsx",
            Target::Sql => "sql",
        }
    }

    /// The target called `name`.
    pub fn from_name(name: &str) -> Option<Target> {
        Target::ALL.into_iter().find(|t| t.name() == name)
    }

    /// Tokens worth inserting: the words the target's parser cares about, and sizes.
    fn dictionary(self) -> &'static [&'static str] {
        match self {
            Target::Lesson | Target::Recipe => &[
                "[[steps]]\n",
                "[[ops]]\n",
                "kind = \"clean\"\n",
                "kind = \"query\"\n",
                "op = \"pad\"",
                "op = \"replace\"",
                "op = \"split\"",
                "op = \"dedupe\"",
                "op = \"filter\"",
                "op = \"parse_date\"",
                "width = 9223372036854775807",
                "width = 1000000000",
                "regex = true",
                "find = \"(a*)*b{1000}\"",
                "into = [\"a\", \"b\", \"c\"]",
                "formats = [\"%Y-%m-%d\"]",
                "where = \"a OR a\"",
                "[[[[[[[[",
                "{ a = { b = { c = 1 } } }",
                "\"\"\"",
                "'''",
                "\\u0000",
                "format = 1\n",
                "[tables.members]\n",
                "file = \"../../etc/passwd\"\n",
                "18446744073709551616",
                "-1",
                "1e308",
                "nan",
            ],
            Target::Csv => &[
                ",",
                ";",
                "\t",
                "\"",
                "\"\"",
                "\r\n",
                "\r",
                "\n",
                "\u{feff}",
                "\u{0}",
                "02134",
                "1.2E+10",
                "2024-02-30",
                "=HYPERLINK(\"x\")",
                "\u{fffd}",
                "\u{1F600}",
            ],
            Target::Xlsx => &[
                "PK\u{3}\u{4}",
                "xl/sharedStrings.xml",
                "<si><t>",
                "</t></si>",
            ],
            Target::Sql => &[
                "SELECT ",
                " FROM members",
                " WHERE ",
                " GROUP BY county",
                " ORDER BY 1",
                " UNION ALL ",
                " JOIN counties USING (county)",
                " OR a",
                "+1",
                "(",
                ")",
                "read_csv('/etc/passwd')",
                "; DROP TABLE members",
                "main.members",
                "WITH members AS (SELECT 1) ",
                "LPAD(county, 100, 'x')",
                "COUNT(*)",
                "CAST(zip AS INT)",
                "'",
                "\"",
                "--",
                "/*",
                "9223372036854775807",
            ],
        }
    }
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub struct Report {
    /// Inputs run.
    pub iterations: u64,
    /// Inputs that panicked, as saved.
    pub panics: Vec<(PathBuf, String)>,
    /// Inputs that took longer than the slow limit, as saved.
    pub slow: Vec<(PathBuf, Duration)>,
}

/// A small, fast, seeded random number generator (xorshift64*).
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (0 is replaced).
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// The corpus of a target: every file in `dir`, sorted by name.
pub fn load_corpus(dir: &Path) -> Vec<Vec<u8>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    files.retain(|p| p.is_file());
    files.sort();
    files.iter().filter_map(|p| std::fs::read(p).ok()).collect()
}

/// Change `input` in one to four ways.
pub fn mutate(input: &[u8], corpus: &[Vec<u8>], dict: &[&str], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let len = out.len();
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                out[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(len + 1);
                out.insert(i, rng.next() as u8);
            }
            2 if len > 0 => {
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(32));
                out.drain(i..i + n);
            }
            3 => {
                let tok = dict[rng.below(dict.len())].as_bytes();
                let i = rng.below(len + 1);
                out.splice(i..i, tok.iter().copied());
            }
            4 if len > 0 => {
                // Repeat a range: grows lists, nesting and lines.
                let i = rng.below(len);
                let n = 1 + rng.below((len - i).min(64));
                let chunk = out[i..i + n].to_vec();
                let times = 1 + rng.below(16);
                for _ in 0..times {
                    out.splice(i..i, chunk.iter().copied());
                }
            }
            5 if !corpus.is_empty() => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let a = rng.below(other.len());
                    let b = a + rng.below(other.len() - a) + 1;
                    let i = rng.below(len + 1);
                    out.splice(i..i, other[a..b].iter().copied());
                }
            }
            6 if len > 0 => {
                // Replace a digit run with a large number.
                let i = rng.below(len);
                if out[i].is_ascii_digit() {
                    let big = ["99999999999", "4294967296", "0", "-9", "1000000"];
                    let tok = big[rng.below(big.len())].as_bytes();
                    out.splice(i..i + 1, tok.iter().copied());
                }
            }
            7 if len > 1 => {
                let i = rng.below(len);
                let j = rng.below(len);
                out.swap(i, j);
            }
            _ => {
                let i = rng.below(len + 1);
                let interesting = [0u8, 0xff, b'\n', b'\r', b'"', b'\'', b'[', b'{', 0xc3];
                out.insert(i, interesting[rng.below(interesting.len())]);
            }
        }
    }
    // Keep inputs within what the loaders accept, so time goes into parsing.
    out.truncate(256 * 1024);
    out
}

thread_local! {
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Silence panic messages and keep the last one for the report.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("{info}");
        LAST_PANIC.with(|p| *p.borrow_mut() = Some(msg));
    }));
}

/// The small table recipes and lessons' solutions are replayed on.
fn table() -> DataFrame {
    df!(
        "name" => ["Ana Rivera", " jo lee ", "", "SAM  OKAFOR", "ana rivera"],
        "email" => ["a@x.org", "", "s@y.org", "S@Y.ORG", "a@x.org"],
        "zip" => ["2134", "02134", "1001", "", "2134"],
        "county" => ["Suffolk", "suffolk ", "Hampden", "Suffolk", ""],
        "joined" => ["2024-01-05", "1/5/2024", "", "2024-13-01", "5 Jan 2024"],
        "phone" => ["555-0100", "(555) 0101", "", "5550100", "555-0100"],
    )
    .expect("a table")
}

fn catalog() -> Catalog {
    let mut c = Catalog::new();
    c.insert("members", table());
    c.insert(
        "counties",
        df!("county" => ["Suffolk", "Hampden"], "population" => [800_000i64, 460_000])
            .expect("a table"),
    );
    c
}

/// Run one input through a target. Errors are fine; only panics are findings.
pub fn run_one(target: Target, input: &[u8]) {
    match target {
        Target::Lesson => {
            let text = String::from_utf8_lossy(input);
            let loaded = load_str("fuzz.toml", &text);
            if let Some(lesson) = loaded.lesson {
                let df = table();
                for step in &lesson.steps {
                    if let StepBody::Clean { solution, .. } = &step.body {
                        let _ = apply_all(&df, solution);
                    }
                }
            }
        }
        Target::Recipe => {
            let text = String::from_utf8_lossy(input);
            if let Ok(recipe) = Recipe::parse("fuzz.toml", &text) {
                let _ = apply_all(&table(), &recipe.ops);
            }
        }
        Target::Csv => {
            let _ = huddle::data::import::read_raw(input);
        }
        Target::Xlsx => {
            let _ = huddle::data::sheets::read_sheet(input, None);
        }
        Target::Sql => {
            let text = String::from_utf8_lossy(input);
            let _ = catalog().query(&text);
        }
    }
}

/// Fuzz `target` for `iterations` inputs from `corpus`, saving findings in `crashes`.
/// Inputs slower than `slow` are saved too (they may be quadratic paths).
pub fn fuzz(
    target: Target,
    corpus: &[Vec<u8>],
    iterations: u64,
    seed: u64,
    crashes: &Path,
    slow: Duration,
) -> Report {
    let mut rng = Rng::new(seed ^ (target as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15));
    let mut report = Report::default();
    let dict = target.dictionary();
    let empty = [Vec::new()];
    let corpus = if corpus.is_empty() {
        &empty[..]
    } else {
        corpus
    };
    for i in 0..iterations {
        // Every seed runs once as it is, then mutated inputs.
        let input = if (i as usize) < corpus.len() {
            corpus[i as usize].clone()
        } else {
            let base = &corpus[rng.below(corpus.len())];
            mutate(base, corpus, dict, &mut rng)
        };
        // An abort (a failed allocation, a stack overflow) cannot be caught: the
        // input being run is kept as `<crashes>/<target>/current` so it is not lost.
        let _ = std::fs::create_dir_all(crashes.join(target.name()));
        let _ = std::fs::write(crashes.join(target.name()).join("current"), &input);
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(AssertUnwindSafe(|| run_one(target, &input)));
        let took = started.elapsed();
        report.iterations += 1;
        if outcome.is_err() {
            let msg = LAST_PANIC
                .with(|p| p.borrow_mut().take())
                .unwrap_or_else(|| "panic".into());
            let path = save(crashes, target, "panic", &input);
            report.panics.push((path, msg));
        } else if took > slow {
            let path = save(crashes, target, "slow", &input);
            report.slow.push((path, took));
        }
    }
    report
}

/// Save `input` as `<crashes>/<target>/<kind>-<hash>` and return the path.
fn save(crashes: &Path, target: Target, kind: &str, input: &[u8]) -> PathBuf {
    let dir = crashes.join(target.name());
    let _ = std::fs::create_dir_all(&dir);
    // FNV-1a: the same input gets the same name.
    let hash = input.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x100_0000_01b3)
    });
    let path = dir.join(format!("{kind}-{hash:016x}"));
    let _ = std::fs::write(&path, input);
    path
}
