//! ActBlue contributions.

use super::{Generated, Month, Person, Rng, facts, phone_as, text, write};
use std::path::Path;

/// ActBlue contributions: Windows-1252, three columns named `Reserved`, `t`/`f`,
/// ZIPs as `02906`, `2906` and `02906-1234`, one row per contribution.
pub fn actblue(dir: &Path, month: Month) -> Generated {
    let header = [
        "Receipt ID",
        "Date",
        "Amount",
        "Recurring Total Months",
        "Recurrence Number",
        "Donor First Name",
        "Donor Last Name",
        "Donor Addr1",
        "Donor City",
        "Donor State",
        "Donor ZIP",
        "Donor Country",
        "Donor Occupation",
        "Donor Employer",
        "Donor Email",
        "Donor Phone",
        "Reserved",
        "Reserved",
        "Reserved",
        "Fundraising Page",
        "Reference Code",
        "Recurring",
        "Mobile",
    ];
    let mut rng = Rng::new("actblue", month);
    let mut personal = Vec::new();
    let mut lost = Vec::new();
    let rows: Vec<Vec<String>> = month
        .people()
        .filter(|n| n % 3 != 1)
        .enumerate()
        .map(|(k, n)| {
            let p = Person::new(n);
            let (zip, lost_zero) = match k % 3 {
                0 => ("02906".to_string(), false),
                1 => ("2906".to_string(), true),
                _ => (format!("02906-{:04}", 1000 + n), false),
            };
            if lost_zero {
                lost.push(("Donor ZIP".to_string(), zip.clone()));
            }
            let email = p.email();
            let phone = phone_as(&p.phone(), 1);
            personal.push(email.clone());
            personal.push(phone.clone());
            let recurring = n.is_multiple_of(4);
            vec![
                format!("AB{}", 40_000_000 + n * 1013 + month.number()),
                format!(
                    "2024-{:02}-{:02} {:02}:{:02}:{:02}",
                    month.number(),
                    1 + rng.below(28),
                    rng.below(24),
                    rng.below(60),
                    rng.below(60)
                ),
                format!("{}.00", [5, 10, 25, 27, 50, 100][rng.below(6)]),
                if recurring { "12" } else { "" }.to_string(),
                if recurring {
                    (1 + n % 12).to_string()
                } else {
                    String::new()
                },
                p.first.to_string(),
                p.last.to_string(),
                p.street.clone(),
                "Providence".into(),
                "RI".into(),
                zip,
                "United States".into(),
                rng.pick(&["Teacher", "Nurse", "Retired", "Not Employed", "Organizer"])
                    .to_string(),
                rng.pick(&["Providence Schools", "None", "Self", "Hospital"])
                    .to_string(),
                email,
                phone,
                String::new(),
                String::new(),
                String::new(),
                "tenants-union-fund".into(),
                rng.pick(&["", "email-oct", "sms"]).to_string(),
                if recurring { "t" } else { "f" }.to_string(),
                rng.pick(&["t", "f"]).to_string(),
            ]
        })
        .collect();
    let mut facts = facts("Windows-1252", ',', &header, &rows, &["Donor ZIP"]);
    facts.lost_zeros = lost;
    facts.accented = rows
        .iter()
        .flat_map(|r| [r[5].clone(), r[6].clone()])
        .filter(|v| !v.is_ascii())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let text = text(&header, &rows, ',', "\r\n");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
    assert!(!unmappable, "every character fits Windows-1252");
    let name = format!("actblue_{}.csv", month.name());
    Generated {
        path: write(dir, &name, &bytes),
        personal,
        facts,
    }
}
