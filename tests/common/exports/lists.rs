//! Action Network and Mobilize exports.

use super::{Generated, Month, Person, Rng, ascii, facts, phone_as, text, write};
use std::path::Path;

/// Action Network: UTF-8 with BOM, header cells with trailing spaces, ZIP+4 or blank
/// ZIPs, tags as one quoted cell; one person under two emails.
pub fn action_network(dir: &Path, month: Month) -> Generated {
    let header = [
        "uuid",
        "first_name",
        "last_name",
        "email",
        "zip_code ",
        "can2_phone",
        "can2_user_city",
        "can2_state_abbreviated",
        "can2_county ",
        "can2_user_tags",
        "can2_subscription_status",
        "Preferred Language",
    ];
    let mut rng = Rng::new("action-network", month);
    let mut personal = Vec::new();
    let mut rows = Vec::new();
    for n in month.people() {
        let p = Person::new(n);
        let (town, zip, county) = p.town;
        let zip = match n % 5 {
            0 => String::new(),
            1 | 2 => format!("{zip}-{:04}", 2000 + n),
            _ => zip.to_string(),
        };
        let phone = if n.is_multiple_of(3) {
            String::new()
        } else {
            phone_as(&p.phone(), 2)
        };
        let emails = if n.is_multiple_of(17) {
            vec![
                p.email(),
                format!("{}.{}@mail.example", ascii(p.first).to_lowercase(), n),
            ]
        } else {
            vec![p.email()]
        };
        for email in emails {
            personal.push(email.clone());
            if !phone.is_empty() {
                personal.push(phone.clone());
            }
            rows.push(vec![
                format!(
                    "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
                    n * 2_654_435,
                    n,
                    n,
                    n,
                    u64::from(n) * 97
                ),
                p.first.to_string(),
                p.last.to_string(),
                email,
                zip.clone(),
                phone.clone(),
                town.to_string(),
                "MA".into(),
                format!("{county} County"),
                rng.pick(&[
                    "Volunteer, Phonebank",
                    "Volunteer",
                    "",
                    "Canvass, Volunteer, Donor",
                ])
                .to_string(),
                rng.pick(&["subscribed", "subscribed", "unsubscribed", "bouncing"])
                    .to_string(),
                rng.pick(&["English", "Spanish", "Portuguese", ""])
                    .to_string(),
            ]);
        }
    }
    let facts = facts("UTF-8 with BOM", ',', &header, &rows, &["zip_code"]);
    let text = format!("\u{FEFF}{}", text(&header, &rows, ',', "\n"));
    let name = format!("action_network_{}.csv", month.name());
    Generated {
        path: write(dir, &name, text.as_bytes()),
        personal,
        facts,
    }
}

/// Mobilize participations: one row per signup per timeslot, statuses, `attended`
/// true/false/blank, timestamps with offsets, UTM referrer columns.
pub fn mobilize(dir: &Path, month: Month) -> Generated {
    let header = [
        "event_id",
        "event_title",
        "timeslot_id",
        "timeslot start",
        "status",
        "attended",
        "user_id",
        "user given name",
        "user family name",
        "email",
        "phone",
        "zip",
        "referrer utm_source",
        "referrer utm_medium",
        "referrer utm_campaign",
    ];
    let mut rng = Rng::new("mobilize", month);
    let mut personal = Vec::new();
    let mut rows = Vec::new();
    for n in month.people().step_by(2) {
        let p = Person::new(n);
        for slot in 0..(1 + rng.below(2)) {
            let event = 500 + month.number() * 10 + (n % 4);
            let status = rng.pick(&["REGISTERED", "CONFIRMED", "CONFIRMED", "CANCELLED"]);
            let attended = match status {
                "CANCELLED" => "",
                _ => rng.pick(&["true", "false", ""]),
            };
            // The name given at signup may be a short form.
            let given: String = if n.is_multiple_of(7) && slot == 1 {
                p.first.chars().take(3).collect()
            } else {
                p.first.to_string()
            };
            let email = p.email();
            let phone = phone_as(&p.phone(), 0);
            personal.push(email.clone());
            personal.push(phone.clone());
            rows.push(vec![
                event.to_string(),
                format!("{} canvass", p.town.0),
                format!("{}", event * 100 + slot as u32),
                format!(
                    "2024-{:02}-{:02}T{:02}:00:00-0{}:00",
                    month.number(),
                    5 + slot * 7,
                    10 + slot * 3,
                    if month == Month::October { 4 } else { 5 }
                ),
                status.to_string(),
                attended.to_string(),
                (70_000 + n).to_string(),
                given,
                p.last.to_string(),
                email,
                phone,
                p.town.1.to_string(),
                rng.pick(&["email", "facebook", ""]).to_string(),
                rng.pick(&["newsletter", "social", ""]).to_string(),
                format!("{}-canvass", month.name()),
            ]);
        }
    }
    let facts = facts("UTF-8", ',', &header, &rows, &["zip"]);
    let name = format!("mobilize_{}.csv", month.name());
    Generated {
        path: write(dir, &name, text(&header, &rows, ',', "\n").as_bytes()),
        personal,
        facts,
    }
}
