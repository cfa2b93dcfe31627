//! A member list that went through Excel.

use super::{CleanPerson, Generated, Month, Person, facts, phone_as, text, write};
use std::path::Path;

/// A member list that went through Excel: ZIPs lost their zeros, long IDs turned into
/// `1.2345E+09`, dates written three ways, counties spelled several ways, phones in
/// four styles, and some people twice (email in another case).
pub fn excel_damaged(dir: &Path, month: Month) -> Generated {
    let header = [
        "member_id",
        "first_name",
        "last_name",
        "email",
        "phone",
        "zip",
        "county",
        "joined",
        "van_id",
    ];
    let mut rows = Vec::new();
    let mut clean = Vec::new();
    let mut personal = Vec::new();
    let mut lost = Vec::new();
    for n in month.people() {
        let p = Person::new(n);
        let (_, zip, county) = p.town;
        let year = 2021 + (n % 4) as i32;
        let (m, d) = (1 + n % 12, 1 + (n * 3) % 28);
        let joined = format!("{year}-{m:02}-{d:02}");
        let id = format!("M{n:04}");
        clean.push(CleanPerson {
            id: id.clone(),
            email: p.email(),
            phone: p.phone(),
            zip: zip.to_string(),
            county: county.to_string(),
            joined: joined.clone(),
        });
        let copies = if n % 10 == 3 { 2 } else { 1 };
        for copy in 0..copies {
            let k = (n as usize) + copy * 5;
            let email = match (copy, n % 4) {
                (1, _) => p.email().to_uppercase(),
                (_, 0) => format!(" {} ", p.email()),
                _ => p.email(),
            };
            let phone = if k % 11 == 5 {
                format!("+1 {}", phone_as(&p.phone(), 2))
            } else {
                phone_as(&p.phone(), k)
            };
            let zip_written = if k.is_multiple_of(6) {
                zip.to_string()
            } else {
                zip.trim_start_matches('0').to_string()
            };
            if !zip_written.starts_with('0') {
                lost.push(("zip".to_string(), zip_written.clone()));
            }
            let county_written = match k % 6 {
                0 => county.to_string(),
                1 => county.to_lowercase(),
                2 => format!(" {county}  "),
                3 => county.to_uppercase(),
                4 => format!("{county} Co."),
                _ => format!("{county} County"),
            };
            let joined_written = match k % 3 {
                0 => joined.clone(),
                1 => format!("{m:02}/{d:02}/{year}"),
                _ => format!("{m}/{d}/{}", year % 100),
            };
            personal.push(email.trim().to_string());
            personal.push(phone.clone());
            rows.push(vec![
                if copy == 0 {
                    id.clone()
                } else {
                    format!("M{:04}", 5000 + n)
                },
                p.first.to_string(),
                p.last.to_string(),
                email,
                phone,
                zip_written,
                county_written,
                joined_written,
                format!("{}.{}E+09", 1 + n % 9, 1000 + n * 37 % 9000),
            ]);
        }
    }
    let mut facts = facts("UTF-8", ',', &header, &rows, &["zip"]);
    facts.lost_zeros = lost;
    facts.clean = clean;
    let name = format!("excel_damaged_{}.csv", month.name());
    Generated {
        path: write(dir, &name, text(&header, &rows, ',', "\r\n").as_bytes()),
        personal,
        facts,
    }
}
