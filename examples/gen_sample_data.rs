//! Writes `sample-data/*.csv`: one fictional organizing group, the same people across
//! every file, with the quirks of real exports planted on purpose. Deterministic: the
//! same seed writes the same bytes. No real person's data: names are drawn from short
//! lists of common given and family names and combined at random.
//!
//! Run: `cargo run --example gen_sample_data [-- OUT_DIR [ROWS]]` (default `sample-data`, 2000).

use std::fmt::Write as _;
use std::path::PathBuf;

/// SplitMix64: small, fast, and stable across Rust versions.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        (self.next() % 1_000_000) as f64 / 1_000_000.0 < p
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const FIRST: &[&str] = &[
    "Ana", "Luis", "Maria", "James", "Aisha", "Wei", "Fatima", "David", "Rosa", "Kevin", "Linh",
    "Marcus", "Sofia", "Jamal", "Elena", "Tyrone", "Priya", "Carlos", "Grace", "Omar", "Keisha",
    "Daniel", "Mei", "Jorge", "Amara", "Samuel", "Nadia", "Victor", "Hannah", "Andre",
];
const LAST: &[&str] = &[
    "Garcia",
    "Smith",
    "Nguyen",
    "Johnson",
    "Rodriguez",
    "Williams",
    "Brown",
    "Lopez",
    "Lee",
    "Martinez",
    "Davis",
    "Hernandez",
    "Clark",
    "Perez",
    "Lewis",
    "Walker",
    "Young",
    "Allen",
    "Silva",
    "Okafor",
    "Chen",
    "Patel",
    "Kim",
    "Diaz",
    "Moore",
    "Jackson",
    "Rivera",
    "Ali",
];
/// (county, population, first 3 digits of its ZIPs, precinct count)
const COUNTIES: &[(&str, u32, &str, usize)] = &[
    ("Essex", 809_829, "019", 12),
    ("Suffolk", 797_936, "021", 14),
    ("Middlesex", 1_632_002, "018", 16),
    ("Hampden", 465_825, "011", 8),
    ("Worcester", 862_111, "016", 10),
    ("Bristol", 579_200, "027", 8),
];
const DOMAINS: &[&str] = &["example.org", "example.com", "example.net", "mail.example"];
const EVENT_TYPES: &[&str] = &["meeting", "canvass", "phonebank", "training", "action"];
const ORGANIZERS: &[&str] = &["Organizer A", "Organizer B", "Organizer C", "Organizer D"];

struct Person {
    id: String,
    first: String,
    last: String,
    email: String,
    phone: String,
    zip: String,
    county: usize,
    joined: (i32, u32, u32),
}

fn days_in_month(m: u32) -> u32 {
    match m {
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(dir: &std::path::Path, name: &str, header: &[&str], rows: &[Vec<String>]) {
    let mut out = header.join(",");
    out.push('\n');
    for r in rows {
        let cells: Vec<String> = r.iter().map(|c| csv_field(c)).collect();
        out.push_str(&cells.join(","));
        out.push('\n');
    }
    let path = dir.join(name);
    std::fs::write(&path, out).unwrap_or_else(|e| panic!("cannot write {}: {e}", path.display()));
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "sample-data".into()));
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(2000);
    std::fs::create_dir_all(&dir).expect("create output folder");
    let mut rng = Rng(20_241_105);

    // People: county weighted by population, joined 2022-01 .. 2024-12.
    let total_pop: u32 = COUNTIES.iter().map(|c| c.1).sum();
    let mut people: Vec<Person> = Vec::with_capacity(n);
    for i in 0..n {
        let mut r = rng.below(total_pop as usize) as u32;
        let mut county = 0;
        for (k, c) in COUNTIES.iter().enumerate() {
            if r < c.1 {
                county = k;
                break;
            }
            r -= c.1;
        }
        let first = rng.pick(FIRST).to_string();
        let last = rng.pick(LAST).to_string();
        let email = format!(
            "{}.{}{}@{}",
            first.to_lowercase(),
            last.to_lowercase(),
            i,
            rng.pick(DOMAINS)
        );
        let phone = format!("617{:07}", rng.below(10_000_000));
        let zip = format!("{}{:02}", COUNTIES[county].2, rng.below(60));
        let y = 2022 + rng.below(3) as i32;
        let m = 1 + rng.below(12) as u32;
        let d = 1 + rng.below(days_in_month(m) as usize) as u32;
        people.push(Person {
            id: format!("M{:05}", i + 1),
            first,
            last,
            email,
            phone,
            zip,
            county,
            joined: (y, m, d),
        });
    }

    // members.csv — with planted problems.
    let mut rows = Vec::new();
    for p in &people {
        let mut first = p.first.clone();
        let mut county = COUNTIES[p.county].0.to_string();
        let mut zip = p.zip.clone();
        let mut phone = p.phone.clone();
        let mut email = p.email.clone();
        if rng.chance(0.06) {
            first = format!(" {first} ");
        }
        if rng.chance(0.04) {
            first = first.to_uppercase();
        }
        match rng.below(100) {
            0..=3 => county = county.to_lowercase(),
            4..=5 => county = format!("{county} "),
            6..=7 => county = format!("{} CO.", county.to_uppercase()),
            8 => {
                let mut c: Vec<char> = county.chars().collect();
                c.remove(1);
                county = c.into_iter().collect();
            }
            _ => {}
        }
        if rng.chance(0.15) {
            zip = zip.trim_start_matches('0').to_string();
        }
        if rng.chance(0.5) {
            phone = format!("({}) {}-{}", &phone[0..3], &phone[3..6], &phone[6..]);
        }
        if rng.chance(0.03) {
            email.clear();
        }
        let (y, m, d) = p.joined;
        let joined = match rng.below(10) {
            0..=5 => format!("{y}-{m:02}-{d:02}"),
            6..=8 => format!("{m}/{d}/{y}"),
            _ => format!("{m:02}/{d:02}/{:02}", y % 100),
        };
        rows.push(vec![
            p.id.clone(),
            first,
            p.last.clone(),
            email,
            phone,
            zip,
            county,
            joined,
        ]);
    }
    // Some people signed up twice with a second email (same name, phone, zip).
    let twice = n / 40;
    for k in 0..twice {
        let p = &people[(k * 37 + 11) % n];
        let (y, m, d) = p.joined;
        rows.push(vec![
            format!("M{:05}", n + k + 1),
            p.first.clone(),
            p.last.clone(),
            format!(
                "{}{}@{}",
                &p.first[..1].to_lowercase(),
                p.last.to_lowercase(),
                DOMAINS[k % DOMAINS.len()]
            ),
            p.phone.clone(),
            p.zip.clone(),
            COUNTIES[p.county].0.to_string(),
            format!("{y}-{:02}-{:02}", (m % 12) + 1, d.min(28)),
        ]);
    }
    write_csv(
        &dir,
        "members.csv",
        &[
            "member_id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "zip",
            "county",
            "joined",
        ],
        &rows,
    );

    // events.csv: two years of events in every county.
    let mut events = Vec::new();
    for e in 0..120 {
        let county = rng.below(COUNTIES.len());
        let ty = *rng.pick(EVENT_TYPES);
        let y = 2023 + e / 60;
        let m = 1 + rng.below(12) as u32;
        let d = 1 + rng.below(28) as u32;
        events.push((format!("E{:03}", e + 1), ty, county, (y, m, d)));
    }
    let ev_rows: Vec<Vec<String>> = events
        .iter()
        .map(|(id, ty, c, (y, m, d))| {
            vec![
                id.clone(),
                format!("{} {ty}", COUNTIES[*c].0),
                ty.to_string(),
                COUNTIES[*c].0.to_string(),
                format!("{y}-{m:02}-{d:02}"),
            ]
        })
        .collect();
    write_csv(
        &dir,
        "events.csv",
        &["event_id", "name", "type", "county", "date"],
        &ev_rows,
    );

    // attendance.csv: engagement follows a ladder — many come once, a few come often.
    let mut att = Vec::new();
    for p in &people {
        let times = match rng.below(100) {
            0..=34 => 0,
            35..=64 => 1,
            65..=79 => 2,
            80..=89 => 3 + rng.below(3),
            _ => 6 + rng.below(10),
        };
        for _ in 0..times {
            let (id, _, _, _) = &events[rng.below(events.len())];
            let status = if rng.chance(0.8) {
                "attended"
            } else {
                "no-show"
            };
            att.push(vec![id.clone(), p.id.clone(), status.to_string()]);
        }
    }
    write_csv(
        &dir,
        "attendance.csv",
        &["event_id", "member_id", "status"],
        &att,
    );

    // one_on_ones.csv: organizers meet some members; some become leaders.
    let mut ones = Vec::new();
    for p in &people {
        if !rng.chance(0.25) {
            continue;
        }
        let (y, m, d) = p.joined;
        let later = (m + 1 + rng.below(6) as u32 - 1) % 12 + 1;
        let year = if later < m { y + 1 } else { y };
        let leader = rng.chance(0.3);
        ones.push(vec![
            p.id.clone(),
            format!("{year}-{later:02}-{:02}", d.min(28)),
            rng.pick(ORGANIZERS).to_string(),
            if leader { "true" } else { "false" }.to_string(),
        ]);
    }
    write_csv(
        &dir,
        "one_on_ones.csv",
        &["member_id", "date", "organizer", "became_leader"],
        &ones,
    );

    // turnout.csv: one row per precinct; precinct codes keep their zeros.
    let mut turnout = Vec::new();
    for (county, _, _, precincts) in COUNTIES {
        for k in 1..=*precincts {
            let registered = 800 + rng.below(2200);
            let rate = 0.35 + rng.below(35) as f64 / 100.0;
            let voted = (registered as f64 * rate) as usize;
            let members = 5 + rng.below(40);
            let member_rate = (rate + 0.1 + rng.below(15) as f64 / 100.0).min(0.98);
            let members_voted = (members as f64 * member_rate).round() as usize;
            turnout.push(vec![
                format!("{k:02}"),
                county.to_string(),
                registered.to_string(),
                voted.to_string(),
                members.to_string(),
                members_voted.to_string(),
            ]);
        }
    }
    write_csv(
        &dir,
        "turnout.csv",
        &[
            "precinct",
            "county",
            "registered",
            "voted",
            "members_registered",
            "members_voted",
        ],
        &turnout,
    );

    let mut counties = Vec::new();
    for (c, pop, _, _) in COUNTIES {
        counties.push(vec![c.to_string(), pop.to_string()]);
    }
    write_csv(&dir, "counties.csv", &["county", "population"], &counties);

    let mut summary = String::new();
    let _ = write!(
        summary,
        "wrote {} members ({} twice), {} events, {} attendance rows, {} one-on-ones, {} precincts to {}",
        rows.len(),
        twice,
        events.len(),
        att.len(),
        ones.len(),
        turnout.len(),
        dir.display()
    );
    println!("{summary}");
}
