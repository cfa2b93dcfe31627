//! NGP VAN exports: a saved list and a contact history.

use super::{Generated, Month, Person, Rng, facts, phone_as, text, write};
use std::path::Path;

/// NGP VAN saved list: mixed phone styles, zero-padded district codes, some ZIPs only
/// inside `Address`.
pub fn van_saved_list(dir: &Path, month: Month) -> Generated {
    let header = [
        "VanID",
        "FirstName",
        "LastName",
        "Address",
        "StreetAddress",
        "City",
        "State",
        "ZipOrPostal",
        "County",
        "HomePhone",
        "CellPhone",
        "IsHomePhoneACellExchange",
        "Party",
        "PollingLocation",
        "CongressionalDistrict",
        "StateHouse",
        "StateSenate",
    ];
    let mut rng = Rng::new("van-list", month);
    let mut personal = Vec::new();
    let rows: Vec<Vec<String>> = month
        .people()
        .map(|n| {
            let p = Person::new(n);
            let (town, zip, county) = p.town;
            let cell = phone_as(&p.phone(), rng.below(4));
            let home = if n.is_multiple_of(4) {
                phone_as(&p.phone(), 1)
            } else {
                String::new()
            };
            personal.push(cell.clone());
            if !home.is_empty() {
                personal.push(home.clone());
            }
            let zip_only_in_address = n.is_multiple_of(9);
            vec![
                format!("{}", 100_000 + n * 7919),
                p.first.to_string(),
                p.last.to_string(),
                format!("{}, {town}, MA {zip}", p.street),
                p.street.clone(),
                town.to_string(),
                "MA".into(),
                if zip_only_in_address {
                    String::new()
                } else {
                    zip.to_string()
                },
                county.to_string(),
                home,
                cell,
                rng.pick(&["0", "1"]).to_string(),
                rng.pick(&["D", "R", "U", "G"]).to_string(),
                format!("{town} Precinct {}", 1 + n % 6),
                format!("{:03}", 1 + n % 9),
                format!("{:03}", 10 + n % 30),
                format!("{:03}", 1 + n % 40),
            ]
        })
        .collect();
    let facts = facts(
        "UTF-8",
        ',',
        &header,
        &rows,
        &[
            "ZipOrPostal",
            "CongressionalDistrict",
            "StateHouse",
            "StateSenate",
        ],
    );
    let name = format!("van_saved_list_{}.csv", month.name());
    Generated {
        path: write(dir, &name, text(&header, &rows, ',', "\n").as_bytes()),
        personal,
        facts,
    }
}

/// VAN contact history: `.xls` that is UTF-16LE with BOM, tab-separated; several rows
/// per person; names as "Last, First"; dates M/D/YYYY.
pub fn van_contact_history(dir: &Path, month: Month) -> Generated {
    let header = [
        "Voter File VANID",
        "Contact Name",
        "Date Canvassed",
        "Result",
        "Contact Type",
        "Canvassed By",
        "Input Type Name",
        "Survey Question Name",
        "Survey Response",
        "ZipOrPostal",
    ];
    let mut rng = Rng::new("van-history", month);
    let mut rows = Vec::new();
    for n in month.people().step_by(2) {
        let p = Person::new(n);
        for _ in 0..(1 + rng.below(3)) {
            let canvassed = rng.below(3) > 0;
            rows.push(vec![
                format!("{}", 100_000 + n * 7919),
                format!("{}, {}", p.last, p.first),
                format!("{}/{}/2024", month.number(), 1 + rng.below(28)),
                if canvassed {
                    "Canvassed"
                } else {
                    rng.pick(&["Not Home", "Moved", "Refused"])
                }
                .to_string(),
                rng.pick(&["Walk", "Phone", "SMS Text"]).to_string(),
                rng.pick(&["Volunteer A", "Volunteer B", "Organizer C"])
                    .to_string(),
                rng.pick(&["Bulk Upload", "Manual", "MiniVAN"]).to_string(),
                if canvassed { "Rent Support" } else { "" }.to_string(),
                if canvassed {
                    rng.pick(&["1 - Strong Yes", "2 - Lean Yes", "3 - Undecided", "4 - No"])
                } else {
                    ""
                }
                .to_string(),
                p.town.1.to_string(),
            ]);
        }
        if rows.len() >= 150 {
            break;
        }
    }
    let facts = facts("UTF-16LE", '\t', &header, &rows, &["ZipOrPostal"]);
    let text = text(&header, &rows, '\t', "\r\n");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    let name = format!("van_contact_history_{}.xls", month.name());
    Generated {
        path: write(dir, &name, &bytes),
        personal: Vec::new(),
        facts,
    }
}
