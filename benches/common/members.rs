//! A members CSV shaped like sample-data/members.csv, of any size, for benchmarks.

use std::fmt::Write as _;

const COUNTIES: &[&str] = &[
    "Essex",
    "Suffolk",
    "Middlesex",
    "Hampden",
    "Worcester",
    "Bristol",
    "essex",
    "ESSEX CO.",
];

/// A members file shaped like sample-data/members.csv, `n` rows.
pub fn members_csv(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 80);
    s.push_str("member_id,first_name,last_name,email,phone,zip,county,joined\n");
    let mut x: u64 = 42;
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (x >> 33) as usize;
        let _ = writeln!(
            s,
            "M{i:07},Name{},Family{},person{i}@example.org,617{:07},0{:04},{},20{:02}-{:02}-{:02}",
            r % 97,
            r % 89,
            r % 10_000_000,
            r % 3000,
            COUNTIES[r % COUNTIES.len()],
            22 + r % 3,
            1 + r % 12,
            1 + r % 28
        );
    }
    s.into_bytes()
}
