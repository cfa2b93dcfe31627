use super::*;
use crate::data::import::read_raw;
use crate::lesson::course::{CourseRoot, LessonEntry, Location};
use crate::lesson::validate::load_entry;
use crate::progress::store::Store;

/// The two lessons these tests were written against, frozen with the screen tests'
/// copies (`tests/fixtures/course/`), read as bundled lessons.
fn lesson(id: &str) -> Lesson {
    let frozen = [
        (
            "01-who-are-our-people.toml",
            include_str!("../../../tests/fixtures/course/01-who-are-our-people.toml"),
        ),
        (
            "02-put-back-the-zeros.toml",
            include_str!("../../../tests/fixtures/course/02-put-back-the-zeros.toml"),
        ),
    ];
    frozen
        .iter()
        .map(|(name, text)| LessonEntry {
            display: format!("<bundled>/lessons/{name}"),
            location: Location::Bundled(format!("lessons/{name}")),
            root: CourseRoot::Bundled,
            text: text.to_string(),
        })
        .filter_map(|e| load_entry(&e).lesson)
        .find(|l| l.meta.id == id)
        .unwrap()
}

fn members() -> Vec<Wanted> {
    wanted_columns(&lesson("who-are-our-people"), "members")
}

/// A raw table from CSV text, read the way a learner's file is.
fn raw(csv: &str) -> RawTable {
    read_raw(csv.as_bytes()).unwrap()
}

fn pairs(m: &Mapping) -> Vec<(&str, Option<&str>, Why)> {
    m.pairs
        .iter()
        .map(|p| (p.declared.as_str(), p.file_column.as_deref(), p.why))
        .collect()
}

fn wanted(name: &str, kind: ColumnType, pii: bool) -> Wanted {
    Wanted {
        name: name.into(),
        kind,
        description: None,
        pii,
        used_by: vec!["Some step".into()],
    }
}

#[test]
fn names_are_normalised_the_way_exports_spell_them() {
    assert_eq!(normalize("ZipOrPostal"), "ziporpostal");
    assert_eq!(normalize("can2_county"), "county");
    assert_eq!(normalize("can2_user_city"), "city");
    assert_eq!(normalize("Donor ZIP"), "zip");
    assert_eq!(normalize("Voter File VANID"), "vanid");
    assert_eq!(normalize(" email "), "email");
    assert_eq!(normalize("user"), "user", "a prefix alone is kept");
    assert_eq!(
        words("IsHomePhoneACellExchange"),
        vec!["is", "home", "phone", "a", "cell", "exchange"]
    );
    assert_eq!(concept("zip_code").map(|c| c.0), Some("zip"));
    assert_eq!(concept("VanID").map(|c| c.0), Some("member_id"));
    assert_eq!(concept("Reserved"), None);
}

#[test]
fn steps_that_use_a_column_are_listed() {
    let w = members();
    let county = w.iter().find(|w| w.name == "county").unwrap();
    assert!(
        county
            .used_by
            .contains(&"Where our people live".to_string()),
        "{:?}",
        county.used_by
    );
    assert!(
        county
            .used_by
            .contains(&"Members per county, in SQL".to_string())
    );
    let joined = w.iter().find(|w| w.name == "joined").unwrap();
    assert!(joined.used_by.is_empty(), "{:?}", joined.used_by);
    let zeros = wanted_columns(&lesson("put-back-the-zeros"), "members");
    let zip = zeros.iter().find(|w| w.name == "zip").unwrap();
    assert_eq!(
        zip.used_by,
        vec![
            "The damaged ZIPs",
            "How many lost a zero?",
            "Put back the zeros"
        ]
    );
    assert!(!mentions("SELECT zip_code FROM members", "zip"));
    assert!(mentions("WHERE LENGTH(zip) = 4", "ZIP"));
}

#[test]
fn a_van_saved_list_maps_as_a_data_manager_would() {
    let t = raw(
        "VanID,FirstName,LastName,Address,City,State,ZipOrPostal,County,HomePhone,CellPhone\n\
         100234,Ana,Ruiz,1 Main St,Lowell,MA,01852,Middlesex,(978) 555-0100,9785550101\n\
         100235,Ben,Ode,2 Elm St,Salem,MA,01970,Essex,,(978) 555-0102\n",
    );
    let m = propose(&members(), &t.df, None);
    assert_eq!(
        pairs(&m),
        vec![
            ("member_id", Some("VanID"), Why::SimilarName),
            ("first_name", Some("FirstName"), Why::SimilarName),
            ("last_name", Some("LastName"), Why::SimilarName),
            ("email", None, Why::Missing),
            ("phone", Some("CellPhone"), Why::SimilarName),
            ("zip", Some("ZipOrPostal"), Why::SimilarName),
            ("county", Some("County"), Why::SameName),
            ("joined", None, Why::Missing),
        ]
    );
}

#[test]
fn an_actblue_export_maps_donors_and_finds_the_date_by_its_values() {
    let t = raw(
        "Receipt ID,Date,Amount,Donor First Name,Donor Last Name,Donor ZIP,Donor Email,Donor Phone,Reserved,Reserved\n\
         AB1,2020-01-01 04:33:42,25.00,José,Lima,02906,jl@example.org,4015550100,,\n\
         AB2,2020-01-02 10:01:00,10.00,Kim,Ng,2906,kn@example.org,4015550101,,\n",
    );
    let m = propose(&members(), &t.df, None);
    assert_eq!(
        pairs(&m),
        vec![
            ("member_id", Some("Receipt ID"), Why::SimilarName),
            ("first_name", Some("Donor First Name"), Why::SimilarName),
            ("last_name", Some("Donor Last Name"), Why::SimilarName),
            ("email", Some("Donor Email"), Why::SimilarName),
            ("phone", Some("Donor Phone"), Why::SimilarName),
            ("zip", Some("Donor ZIP"), Why::SimilarName),
            ("county", None, Why::Missing),
            ("joined", Some("Date"), Why::Content),
        ]
    );
    let found = problems(&members(), &t.df, &m, &t.row_lines);
    let joined = found.iter().find(|p| p.column == "joined").unwrap();
    assert!(
        joined.what.contains("have a time of day"),
        "{}",
        joined.what
    );
    assert_eq!(
        joined.fix,
        "parse_date joined with formats [\"%Y-%m-%d %H:%M:%S\"]"
    );
    assert_eq!((joined.rows.clone(), joined.count), (vec![2, 3], 2));
    let zip = found.iter().find(|p| p.column == "zip").unwrap();
    assert_eq!(zip.rows, vec![3]);
}

#[test]
fn an_action_network_export_maps_its_can2_columns() {
    let t = raw(
        "uuid,first_name,last_name,email ,zip_code,can2_phone,can2_county\n\
         a1b2,Ana,Ruiz,ana@example.org,01852,9785550100,Middlesex\n",
    );
    let m = propose(&members(), &t.df, None);
    assert_eq!(
        pairs(&m),
        vec![
            ("member_id", Some("uuid"), Why::SimilarName),
            ("first_name", Some("first_name"), Why::SameName),
            ("last_name", Some("last_name"), Why::SameName),
            ("email", Some("email"), Why::SameName),
            ("phone", Some("can2_phone"), Why::SimilarName),
            ("zip", Some("zip_code"), Why::SimilarName),
            ("county", Some("can2_county"), Why::SimilarName),
            ("joined", None, Why::Missing),
        ]
    );
}

#[test]
fn an_email_column_with_another_name_is_found_by_its_values() {
    let t = raw("who,contact,notes\n\
         Ana,ana@example.org,call back\n\
         Ben,ben@example.org,\n\
         Cy,cy@example.net,met at rally\n");
    let m = propose(&members(), &t.df, None);
    assert_eq!(m.pair("email").map(|p| p.why), Some(Why::Content));
    assert_eq!(m.file_column("email"), Some("contact"));
    assert_eq!(m.file_column("phone"), None, "no phone-looking column");
}

#[test]
fn a_zip_word_inside_a_longer_name_counts_only_when_the_values_are_zips() {
    let w = vec![wanted("zip", ColumnType::Text, false)];
    let t = raw("Mailing Zip Verified,Home Zip\nyes,02134\nno,10001\n");
    let m = propose(&w, &t.df, None);
    assert_eq!(m.file_column("zip"), Some("Home Zip"));
}

#[test]
fn each_file_column_is_used_once_and_the_guess_is_the_same_every_time() {
    let w = vec![
        wanted("phone", ColumnType::Text, true),
        wanted("mobile", ColumnType::Text, true),
    ];
    let t = raw("cell,other\n9785550100,x\n");
    let a = propose(&w, &t.df, None);
    assert_eq!(a.file_column("phone"), Some("cell"));
    assert_eq!(a.file_column("mobile"), None);
    assert_eq!(a, propose(&w, &t.df, None));
}

#[test]
fn a_remembered_choice_wins_while_its_column_is_still_there() {
    let w = members();
    let t = raw("zip,Mailing Zip,county\n02134,01852,Essex\n");
    let header: Vec<String> = vec!["zip".into(), "Mailing Zip".into(), "county".into()];
    let mut chosen = propose(&w, &t.df, None);
    assert_eq!(chosen.file_column("zip"), Some("zip"));
    chosen.choose("zip", Some("Mailing Zip".into()));
    let saved = SavedMapping::new("who-are-our-people", "members", &header, &chosen);
    let again = propose(&w, &t.df, Some(&saved));
    assert_eq!(again.file_column("zip"), Some("Mailing Zip"));
    assert_eq!(again.pair("zip").map(|p| p.why), Some(Why::Remembered));
    assert_eq!(again.pair("county").map(|p| p.why), Some(Why::Remembered));

    let other = raw("zip,county\n02134,Essex\n");
    let fallback = propose(&w, &other.df, Some(&saved));
    assert_eq!(fallback.file_column("zip"), Some("zip"));
    assert_eq!(fallback.pair("zip").map(|p| p.why), Some(Why::SameName));
}

#[test]
fn remembered_mappings_round_trip_and_hold_only_column_names() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(Some(tmp.path().to_path_buf()));
    let t = raw("VanID,ZipOrPostal,Email\n100234,01852,ana@example.org\n");
    let header: Vec<String> =
        t.df.get_column_names()
            .iter()
            .map(|s| s.to_string())
            .collect();
    let m = propose(&members(), &t.df, None);
    let saved = SavedMapping::new("who-are-our-people", "members", &header, &m);
    save_mapping(&store, &saved).unwrap();
    let back = load_mapping(&store, "who-are-our-people", "members", &header).unwrap();
    assert_eq!(back, saved);
    assert_eq!(header_key(&header), back.header);
    assert_ne!(header_key(&header), header_key(&["VanID".into()]));

    let dir = mappings_dir(&store).unwrap();
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1, "no temporary files left");
    let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert!(text.contains("ZipOrPostal"));
    for value in ["100234", "01852", "ana@example.org"] {
        assert!(!text.contains(value), "a data value was saved: {text}");
    }

    // Next month's export has one more column: the saved mapping still applies.
    let mut wider = header.clone();
    wider.push("Notes".into());
    let found = load_mapping(&store, "who-are-our-people", "members", &wider).unwrap();
    assert_eq!(
        found.columns.get("zip").map(String::as_str),
        Some("ZipOrPostal")
    );
    assert!(load_mapping(&store, "put-back-the-zeros", "members", &header).is_none());
    assert!(load_mapping(&store, "who-are-our-people", "members", &["x".into()]).is_none());
}

#[test]
fn unsafe_names_are_never_written() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::new(Some(tmp.path().to_path_buf()));
    let saved = SavedMapping::new("../x", "members", &[], &Mapping::default());
    save_mapping(&store, &saved).unwrap();
    assert!(!mappings_dir(&store).unwrap().exists());
}

#[test]
fn a_missing_column_that_steps_use_is_an_error_naming_them() {
    let t = raw("VanID,FirstName,LastName,ZipOrPostal\n1,Ana,Ruiz,01852\n");
    let w = members();
    let m = propose(&w, &t.df, None);
    let err = apply(t, &w, &m).unwrap_err();
    assert!(
        err.contains("`county` (County where they live), needed by \"The biggest county\""),
        "{err}"
    );
    assert!(err.contains("\"Where our people live\""), "{err}");
    assert!(!err.contains("`zip`"), "{err}");
}

#[test]
fn a_missing_column_the_learner_goes_without_is_blank_and_names_its_steps() {
    let t = raw("VanID,FirstName,LastName,ZipOrPostal\n1,Ana,Ruiz,01852\n");
    let w = members();
    let mut m = propose(&w, &t.df, None);
    m.without = vec!["county".into()];
    let (df, problems) = apply(t, &w, &m).unwrap();
    assert_eq!(df.column("county").unwrap().null_count(), 1);
    assert_eq!(
        df.column("zip").unwrap().str().unwrap().get(0),
        Some("01852")
    );
    let note = problems
        .iter()
        .find(|p| p.column == "county")
        .expect("a note about county");
    assert!(
        note.what.contains("\"The biggest county\""),
        "{}",
        note.what
    );
    assert!(note.what.contains("empty"), "{}", note.what);
}

#[test]
fn a_missing_column_no_step_uses_is_added_blank_with_a_note() {
    let t = raw(
        "uuid,first_name,last_name,email,zip_code,can2_phone,can2_county\n\
         a1,Ana,Ruiz,ana@example.org,01852,9785550100,Middlesex\n",
    );
    let w = members();
    let m = propose(&w, &t.df, None);
    let (df, problems) = apply(t, &w, &m).unwrap();
    let joined = df.column("joined").unwrap();
    assert_eq!(joined.dtype(), &DataType::Date);
    assert_eq!(joined.null_count(), 1);
    assert!(
        problems
            .iter()
            .any(|p| p.column == "joined" && p.what.contains("blank"))
    );
}

#[test]
fn apply_renames_types_and_keeps_other_columns() {
    let t = raw(
        "VanID,FirstName,LastName,Email,CellPhone,ZipOrPostal,County,Date Joined,Events\n\
         0012,Ana,Ruiz,ana@example.org,9785550100,01852,Essex,3/4/2023,2\n\
         0013,Ben,Ode,,9785550101,01970,Essex,2023-03-05,5\n",
    );
    let w = members();
    let m = propose(&w, &t.df, None);
    assert_eq!(m.file_column("joined"), Some("Date Joined"));
    let (df, problems) = apply(t, &w, &m).unwrap();
    let names: Vec<&str> = df.get_column_names().iter().map(|s| s.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "member_id",
            "first_name",
            "last_name",
            "email",
            "phone",
            "zip",
            "county",
            "joined",
            "Events"
        ]
    );
    assert_eq!(df.column("joined").unwrap().dtype(), &DataType::Date);
    assert_eq!(df.column("Events").unwrap().dtype(), &DataType::Int64);
    assert_eq!(
        df.column("member_id").unwrap().str().unwrap().get(0),
        Some("0012")
    );
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn lenient_typing_keeps_bad_dates_as_text_and_says_where() {
    let w = vec![
        wanted("member_id", ColumnType::Text, false),
        wanted("joined", ColumnType::Date, false),
    ];
    let t = raw("id,joined\n\
         1,2023-03-04\n\
         2,\"March 5, 2023\"\n\
         3,soon\n\
         4,3/6/2023\n");
    let m = propose(&w, &t.df, None);
    let (df, problems) = apply(t, &w, &m).unwrap();
    let joined = df.column("joined").unwrap();
    assert_eq!(
        joined.dtype(),
        &DataType::String,
        "bad dates are kept as text"
    );
    assert_eq!(joined.str().unwrap().get(2), Some("soon"));
    assert_eq!(joined.null_count(), 0, "no value was lost");
    let parse = problems
        .iter()
        .find(|p| p.fix.starts_with("parse_date"))
        .unwrap();
    assert_eq!(parse.rows, vec![3]);
    assert_eq!(
        parse.fix,
        "parse_date joined with formats [\"%Y-%m-%d\", \"%m/%d/%Y\", \"%B %d, %Y\"]"
    );
    assert!(parse.what.contains("stays text"), "{}", parse.what);
    let other = problems
        .iter()
        .find(|p| p.what.contains("not a date"))
        .unwrap();
    assert_eq!((other.rows.clone(), other.count), (vec![4], 1));
    // The suggested op really fixes the readable dates.
    let fixed = crate::data::recipe::apply_op(
        &df.filter(
            &df.column("joined")
                .unwrap()
                .str()
                .unwrap()
                .not_equal("soon"),
        )
        .unwrap(),
        parse.op.as_ref().unwrap(),
    )
    .unwrap()
    .0;
    assert_eq!(fixed.column("joined").unwrap().dtype(), &DataType::Date);
    assert_eq!(fixed.column("joined").unwrap().null_count(), 0);
}

#[test]
fn problems_name_commas_lost_zeros_and_scientific_ids_by_file_line() {
    let w = vec![
        wanted("member_id", ColumnType::Text, false),
        wanted("zip", ColumnType::Text, false),
        wanted("amount", ColumnType::Integer, false),
    ];
    // Row 2 spans two lines of the file, so later rows are not "row + 1".
    let t = raw("VanID,Zip,Amount,Note\n\
         100200300400,02134,25,\n\
         100200300401,01852,\"1,204\",\"two\nlines\"\n\
         1.002E+11,2134,30,\n\
         100200300403,01970,\"2,500\",\n\
         100200300404,1970,40,\n");
    let m = propose(&w, &t.df, None);
    let found = problems(&w, &t.df, &m, &t.row_lines);
    let zeros = found.iter().find(|p| p.column == "zip").unwrap();
    assert_eq!((zeros.rows.clone(), zeros.count), (vec![5, 7], 2));
    assert_eq!(zeros.fix, "pad zip to 5 with \"0\"");
    assert!(zeros.what.contains("\"2134\""), "{}", zeros.what);
    // Thousands commas ("1,204") are read as numbers by the reader now: no problem.
    assert!(found.iter().all(|p| p.column != "amount"), "{found:?}");
    let amount = t.df.column("Amount").unwrap().str().unwrap();
    assert_eq!(amount.get(1), Some("1204"));
    let sci = found.iter().find(|p| p.column == "member_id").unwrap();
    assert_eq!(sci.rows, vec![5]);
    assert!(sci.fix.contains("formatted as text"), "{}", sci.fix);
    assert_eq!(found.len(), 2, "{found:?}");
}

#[test]
fn problems_are_worded_in_the_learners_language() {
    let _es = crate::i18n::override_thread(crate::i18n::Lang::Es);
    let w = vec![
        wanted("zip", ColumnType::Text, false),
        wanted("amount", ColumnType::Integer, false),
        wanted("joined", ColumnType::Date, false),
    ];
    let t = raw("Zip,Amount,Joined\n02134,\"$1,250\",2024-01-02\n2134,\"$2,500\",45000\n");
    let m = propose(&w, &t.df, None);
    let found = problems(&w, &t.df, &m, &t.row_lines);
    let said: Vec<String> = found
        .iter()
        .map(|p| format!("{} | {}", p.what, p.fix))
        .collect();
    let zeros = found.iter().find(|p| p.column == "zip").unwrap();
    assert_eq!(
        zeros.what,
        "1 valor en `Zip`: menos de 5 dígitos; se perdieron los ceros a la izquierda (p. ej. \"2134\")"
    );
    assert_eq!(
        zeros.fix,
        "usa pad en zip: 5 dígitos, con \"0\" a la izquierda"
    );
    let money = found.iter().find(|p| p.column == "amount").unwrap();
    assert!(
        money
            .what
            .starts_with("2 valores en `Amount`: con un signo de moneda al inicio"),
        "{said:?}"
    );
    assert!(
        money
            .what
            .ends_with("; `amount` queda como texto hasta que se corrijan"),
        "{said:?}"
    );
    let serial = found.iter().find(|p| p.column == "joined").unwrap();
    assert!(serial.what.contains("número de día de Excel"), "{said:?}");
    assert_eq!(
        money.fix,
        "usa replace en amount: reemplaza \"$\" por \"\", y después reemplaza \",\" por \"\""
    );
    // No English left in what the learner reads (the op names stay as they are).
    for s in &said {
        for english in [
            " value",
            " have ",
            " are ",
            "with \"",
            " in `",
            "e.g.",
            "stays text",
        ] {
            assert!(!s.contains(english), "{english:?} in {s}");
        }
    }
}

#[test]
fn personal_values_never_appear_in_problems() {
    let w = vec![wanted("phone", ColumnType::Integer, true)];
    let t = raw("phone\n(978) 555-0100\n9785550101\n");
    let m = propose(&w, &t.df, None);
    let found = problems(&w, &t.df, &m, &t.row_lines);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rows, vec![2]);
    assert!(!found[0].what.contains("555"), "{}", found[0].what);
    assert!(
        found[0].what.starts_with("1 value in `phone`"),
        "{}",
        found[0].what
    );
}

#[test]
fn an_unmapped_column_that_takes_a_declared_name_is_renamed_and_reported() {
    let w = vec![wanted("zip", ColumnType::Text, false)];
    let t = raw("zip,Home ZIP\n02134-1234,02134\n");
    let mut m = propose(&w, &t.df, None);
    assert_eq!(m.file_column("zip"), Some("zip"));
    m.choose("zip", Some("Home ZIP".into()));
    assert_eq!(m.pair("zip").map(|p| p.why), Some(Why::Chosen));
    let (df, problems) = apply(t, &w, &m).unwrap();
    assert_eq!(
        df.column("zip").unwrap().str().unwrap().get(0),
        Some("02134")
    );
    assert_eq!(
        df.column("zip_2").unwrap().str().unwrap().get(0),
        Some("02134-1234")
    );
    assert!(
        problems
            .iter()
            .any(|p| p.column == "zip_2" && p.what.contains("`Home ZIP`")),
        "{problems:?}"
    );
}
