//! `huddle chart FILE --out chart.png|chart.svg`: every chart kind as a picture, read
//! back the way a report tool would (PNG header and size; the SVG parsed as XML).

use assert_cmd::Command;
use std::path::{Path, PathBuf};

fn huddle() -> Command {
    Command::cargo_bin("huddle").expect("the huddle binary")
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("sample-data")
        .join(name)
}

/// The chart kinds with the arguments that make each one on the sample data.
fn kinds() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        ("bar", "members.csv", vec!["--x", "county"]),
        (
            "column",
            "turnout.csv",
            vec!["--x", "county", "--y", "voted", "--agg", "sum"],
        ),
        ("line", "members.csv", vec!["--x", "joined"]),
        ("histogram", "turnout.csv", vec!["--x", "voted"]),
        (
            "scatter",
            "turnout.csv",
            vec!["--x", "registered", "--y", "voted"],
        ),
    ]
}

/// All the text an SVG shows, in document order.
fn svg_text(svg: &str) -> String {
    let doc = roxmltree::Document::parse(svg).expect("the SVG parses as XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join("\n")
}

fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "PNG signature");
    assert_eq!(&bytes[12..16], b"IHDR");
    let w = u32::from_be_bytes(bytes[16..20].try_into().unwrap());
    let h = u32::from_be_bytes(bytes[20..24].try_into().unwrap());
    (w, h)
}

#[test]
fn every_kind_as_svg_and_png() {
    let dir = tempfile::tempdir().unwrap();
    for (kind, file, args) in kinds() {
        let svg = dir.path().join(format!("{kind}.svg"));
        huddle()
            .arg("chart")
            .arg(sample(file))
            .args(&args)
            .args(["--type", kind, "--title", &format!("My {kind} chart")])
            .arg("--out")
            .arg(&svg)
            .assert()
            .success()
            .stdout(predicates::str::contains("wrote"));
        let text = svg_text(&std::fs::read_to_string(&svg).unwrap());
        assert!(
            text.contains(&format!("My {kind} chart")),
            "{kind}: title in {text}"
        );
        assert!(
            text.contains(file),
            "{kind}: source line names the file: {text}"
        );
        assert!(
            text.contains(" rows, "),
            "{kind}: source line counts rows: {text}"
        );
        let x = args[1];
        assert!(text.contains(x), "{kind}: x axis is labelled {x}: {text}");

        let png = dir.path().join(format!("{kind}.png"));
        huddle()
            .arg("chart")
            .arg(sample(file))
            .args(&args)
            .args(["--type", kind, "--width", "640", "--height", "400"])
            .arg("--out")
            .arg(&png)
            .assert()
            .success();
        let bytes = std::fs::read(&png).unwrap();
        assert_eq!(png_size(&bytes), (640, 400), "{kind}");
        // Something was drawn: a bitmap of text and bars is far from a blank page.
        assert!(bytes.len() > 3_000, "{kind}: {} bytes", bytes.len());
    }
}

#[test]
fn bars_name_each_county_with_one_number_format() {
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("c.svg");
    huddle()
        .arg("chart")
        .arg(sample("members.csv"))
        .args(["--x", "county", "--out"])
        .arg(&svg)
        .assert()
        .success();
    let text = svg_text(&std::fs::read_to_string(&svg).unwrap());
    for county in ["Middlesex", "Suffolk", "Worcester"] {
        assert!(text.contains(county), "{county} in {text}");
    }
    assert!(text.contains("members.csv, 2,050 rows"), "{text}");
    assert!(
        text.contains("rows (count)"),
        "the value axis says what it counts"
    );
}

#[test]
fn empty_and_one_row_results_still_draw() {
    use huddle::chart::{ChartData, Prepared};
    use huddle::export::picture::{Picture, PictureFormat, render};
    use huddle::lesson::model::ChartKind;
    for kind in [ChartKind::Bar, ChartKind::Column, ChartKind::Line] {
        let data = match kind {
            ChartKind::Line => ChartData::Points {
                series: vec![],
                x_scale: huddle::chart::XScale::Number,
            },
            _ => ChartData::Bars(vec![]),
        };
        let chart = Prepared {
            every: None,
            kind,
            title: "Nothing yet".into(),
            x_label: "county".into(),
            series_label: None,
            y_label: "rows".into(),
            data,
            note: None,
        };
        let picture = Picture {
            chart: &chart,
            source: "empty.csv, 0 rows, 2026-12-04".into(),
            width: 500,
            height: 300,
        };
        let svg = String::from_utf8(render(&picture, PictureFormat::Svg).unwrap()).unwrap();
        let text = svg_text(&svg);
        assert!(
            text.contains("No rows to draw") && text.contains("Nothing yet"),
            "{text}"
        );
        let png = render(&picture, PictureFormat::Png).unwrap();
        assert_eq!(png_size(&png), (500, 300));
    }

    // A file with one row draws its one bar, in both formats.
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one.csv");
    std::fs::write(&one, "county,voted\nEssex,12\n").unwrap();
    for ext in ["svg", "png"] {
        let out = dir.path().join(format!("one.{ext}"));
        huddle()
            .arg("chart")
            .arg(&one)
            .args([
                "--x", "county", "--y", "voted", "--agg", "sum", "--type", "column",
            ])
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let bytes = std::fs::read(&out).unwrap();
        if ext == "svg" {
            let text = svg_text(&String::from_utf8(bytes).unwrap());
            assert!(
                text.contains("Essex") && text.contains("one.csv, 1 row,"),
                "{text}"
            );
        } else {
            assert_eq!(png_size(&bytes), (1000, 600));
        }
    }
}

#[test]
fn mask_hides_personal_labels_in_the_picture() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("members.csv");
    let mut text = String::from("member_id,first_name,county\n");
    for i in 0..30 {
        let name = if i % 3 == 0 { "Zebulonia" } else { "Maria" };
        text.push_str(&format!("M{i},{name},Essex\n"));
    }
    std::fs::write(&csv, text).unwrap();
    let draw = |mask: bool, out: &Path| {
        let mut cmd = huddle();
        if mask {
            cmd.arg("--mask");
        }
        cmd.arg("chart")
            .arg(&csv)
            .args(["--x", "first_name", "--out"])
            .arg(out)
            .assert()
            .success();
        std::fs::read_to_string(out).unwrap()
    };
    let open = draw(false, &dir.path().join("open.svg"));
    assert!(open.contains("Zebulonia"), "unmasked, the name is drawn");
    let masked = draw(true, &dir.path().join("masked.svg"));
    assert!(!masked.contains("Zebulonia"), "masked SVG leaks the name");
    assert!(!masked.contains("Maria"), "masked SVG leaks the name");
}

#[test]
fn refuses_unknown_formats_existing_files_and_the_input() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("t.csv");
    std::fs::write(&csv, "county\nEssex\n").unwrap();
    huddle()
        .arg("chart")
        .arg(&csv)
        .args(["--x", "county", "--out"])
        .arg(dir.path().join("chart.pdf"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(".png or .svg"));

    let out = dir.path().join("chart.svg");
    std::fs::write(&out, "keep me").unwrap();
    huddle()
        .arg("chart")
        .arg(&csv)
        .args(["--x", "county", "--out"])
        .arg(&out)
        .assert()
        .failure();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    huddle()
        .arg("chart")
        .arg(&csv)
        .args(["--x", "county", "--force", "--out"])
        .arg(&out)
        .assert()
        .success();
    assert!(std::fs::read_to_string(&out).unwrap().contains("<svg"));
    assert_eq!(std::fs::read_to_string(&csv).unwrap(), "county\nEssex\n");
}
