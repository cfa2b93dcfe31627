//! A 1M-row member export shaped like a real one (Windows-1252 bytes, vendor column
//! names, ZIPs that lost their zero, county spelling variants), for benchmarks.

use std::fmt::Write as _;

const COUNTIES: &[&str] = &[
    "Essex",
    "Suffolk",
    "Middlesex",
    "essex",
    "ESSEX CO.",
    "Esex",
];
const FIRST: &[&str] = &["Ana", "José", "Li", "Renée", "Sam", "Zoë", "Kwame", "Maria"];

/// `n` rows of an export whose header the lesson's columns must be mapped onto:
/// `Member ID`, `Email Address`, `Zip Code`, `County Name`, `First Name`, `Phone`,
/// `Date Joined`. Encoded as Windows-1252 (accents are single bytes).
pub fn export_cp1252(n: usize) -> Vec<u8> {
    let mut s = String::with_capacity(n * 90);
    s.push_str("Member ID,Email Address,Zip Code,County Name,First Name,Phone,Date Joined\r\n");
    let mut x: u64 = 7;
    for i in 0..n {
        x = x
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (x >> 33) as usize;
        let zip = if r.is_multiple_of(4) {
            format!("{}", 1000 + r % 999)
        } else {
            format!("0{:04}", 1000 + r % 999)
        };
        let _ = write!(
            s,
            "{i:07},person{i}@example.org,{zip},{},{},(617) 555-{:04},{}/{}/20{}\r\n",
            COUNTIES[r % COUNTIES.len()],
            FIRST[r % FIRST.len()],
            r % 10_000,
            1 + r % 12,
            1 + r % 28,
            22 + r % 3
        );
    }
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
    bytes.into_owned()
}
