//! Unit tests of the CSV reader and writer: every error path names code, file, row and column.

use super::*;
use crate::model::{DemandStatus, NodeKind, OutcomeKind, Relation, Title, Urgency};

const BASE: &str = "key,kind,name\n\
    x:1,expert,张伟\n\
    x:2,expert,李娜\n\
    s:1,society,中国金属学会\n\
    e:1,enterprise,泰山钢铁\n\
    d:1,demand,余热回收\n\
    w:1,workstation,院士工作站\n";

fn tables(nodes: &str) -> CsvTables {
    CsvTables {
        nodes: nodes.into(),
        ..CsvTables::default()
    }
}

fn with(table: &str, text: &str) -> CsvTables {
    let mut t = tables(BASE);
    match table {
        "edges" => t.edges = text.into(),
        "events" => t.events = text.into(),
        "outcomes" => t.outcomes = text.into(),
        "aliases" => t.aliases = text.into(),
        _ => t.nodes = text.into(),
    }
    t
}

/// Loads and expects an error; returns (code, file, row, column, message).
fn fail(t: &CsvTables) -> (&'static str, String, u64, String, String) {
    let e = load_tables(t, &CsvOptions::default()).expect_err("the input must be refused");
    let loc = e.location().cloned().unwrap_or_default();
    (
        e.code(),
        loc.file.unwrap_or_default(),
        loc.row.unwrap_or(0),
        loc.column.unwrap_or_default(),
        e.to_string(),
    )
}

fn check(t: &CsvTables, code: &str, file: &str, row: u64, column: &str) -> String {
    let (c, f, r, col, msg) = fail(t);
    assert_eq!(
        (c, f.as_str(), r, col.as_str()),
        (code, file, row, column),
        "{msg}"
    );
    assert!(msg.contains(file), "message does not name the file: {msg}");
    msg
}

#[test]
fn ragged_rows() {
    let msg = check(
        &tables("key,kind,name\nx:1,expert,a\nx:2,expert\n"),
        "parse_error",
        "nodes.csv",
        3,
        "name",
    );
    assert!(msg.contains("truncated"), "{msg}");
    check(
        &tables("key,kind,name\nx:1,expert,a,extra\n"),
        "parse_error",
        "nodes.csv",
        2,
        "#4",
    );
    // trailing empty cells (spreadsheets write them) are fine, and blank rows are skipped
    let g = load_tables(
        &tables("key,kind,name\nx:1,expert,a,,\n,,\n\nx:2,expert,b\n"),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(g.node_count(), 2);
    // a quoted cell spanning lines counts as one row
    check(
        &tables("key,kind,capacity\nx:1,expert,\"1\n2\"\nx:2,expert,x\n"),
        "parse_error",
        "nodes.csv",
        2,
        "capacity",
    );
    check(
        &tables("key,kind,capacity\nx:1,expert,1\nx:2,expert,x\n"),
        "parse_error",
        "nodes.csv",
        3,
        "capacity",
    );
}

#[test]
fn bad_numbers() {
    let msg = check(
        &tables("key,kind,capacity\nx:1,expert,three\n"),
        "parse_error",
        "nodes.csv",
        2,
        "capacity",
    );
    assert!(msg.contains("not a number"), "{msg}");
    let msg = check(
        &tables("key,kind,budget_cny\nd:1,demand,1 000\n"),
        "parse_error",
        "nodes.csv",
        2,
        "budget_cny",
    );
    assert!(msg.contains("spaces"), "{msg}");
    check(
        &tables("key,kind,budget_cny\nd:1,demand,\"1,00\"\n"),
        "parse_error",
        "nodes.csv",
        2,
        "budget_cny",
    );
    check(
        &tables("key,kind,capacity\nx:1,expert,-2\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "capacity",
    );
    check(
        &tables("key,kind,tier\nl:1,liaison,300\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "tier",
    );
    // money must be ≥ 0: the model's check, attributed to the column
    check(
        &tables("key,kind,budget_cny\nd:1,demand,-5\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "budget_cny",
    );
    let g = load_tables(
        &tables("key,kind,budget_cny,capacity\nd:1,demand,\"1,250,000.5\",\nx:1,expert,,１２\n"),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(
        g.get("d:1").unwrap().as_demand().unwrap().budget_cny,
        Some(1_250_000.5)
    );
    assert_eq!(g.get("x:1").unwrap().as_expert().unwrap().capacity, 12);
}

#[test]
fn bad_dates_enums_and_fields() {
    check(
        &tables("key,kind,posted\nd:1,demand,2021-13-01\n"),
        "parse_error",
        "nodes.csv",
        2,
        "posted",
    );
    check(
        &tables("key,kind\nx:1,robot\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "kind",
    );
    check(
        &tables("key,kind,urgency\nd:1,demand,asap\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "urgency",
    );
    check(
        &tables("key,kind,titles\nx:1,expert,professor;wizard\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "titles",
    );
    check(
        &tables("key,kind,level\ns:1,society,galactic\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "level",
    );
    check(
        &tables("key,kind,high_tech\ne:1,enterprise,maybe\n"),
        "parse_error",
        "nodes.csv",
        2,
        "high_tech",
    );
    // a field that does not apply to the kind
    check(
        &tables("key,kind,capacity\nd:1,demand,3\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "capacity",
    );
    // required cell left empty
    check(
        &tables("key,kind\nx:1,\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "kind",
    );
    check(
        &tables("key,kind,start,end\np:1,project,2022-01-01,2021-01-01\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "end",
    );
    check(
        &tables("key,kind,attrs\nx:1,expert,{not json}\n"),
        "parse_error",
        "nodes.csv",
        2,
        "attrs",
    );
    // lenient names: case, spaces and dashes
    let g = load_tables(
        &tables(
            "Key , KIND,Urgency,titles\nd:1,Demand,High,\nt:1,Service Team,,\nx:1,expert,,Academician-CAS｜professor\n",
        ),
        &CsvOptions::default(),
    );
    // '｜' (full-width bar) is not a separator: the title is unknown
    assert_eq!(g.unwrap_err().code(), "invalid_value");
    let g = load_tables(
        &tables("Key , KIND,Urgency,titles\nd:1,Demand,High,\nt:1,Service Team,,\nx:1,expert,,Academician-CAS；professor\n"),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(
        g.get("d:1").unwrap().as_demand().unwrap().urgency,
        Urgency::High
    );
    assert_eq!(g.get("t:1").unwrap().kind(), NodeKind::ServiceTeam);
    assert_eq!(
        g.get("x:1").unwrap().as_expert().unwrap().titles,
        vec![Title::AcademicianCas, Title::Professor]
    );
}

#[test]
fn headers() {
    check(
        &tables("kind,name\nexpert,a\n"),
        "invalid_value",
        "nodes.csv",
        1,
        "key",
    );
    check(
        &tables("key,kind,name,Name\nx:1,expert,a,b\n"),
        "parse_error",
        "nodes.csv",
        1,
        "Name",
    );
    check(
        &tables("key,kind,,\nx:1,expert,,oops\n"),
        "parse_error",
        "nodes.csv",
        2,
        "",
    );
    // an empty file has no header
    let e = load_files(&[("nodes.csv", b"".as_slice())], &CsvOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    assert_eq!(e.location().and_then(|l| l.row), Some(1));
}

#[test]
fn extra_columns_become_attributes() {
    let g = load_tables(
        &tables("key,kind,单位,attrs\nx:1,expert,山东大学,\"{\"\"h\"\": 12}\"\nx:2,expert,,\n"),
        &CsvOptions::default(),
    )
    .unwrap();
    let a = &g.get("x:1").unwrap().attrs;
    assert_eq!(a["单位"], "山东大学");
    assert_eq!(a["h"], 12);
    assert!(g.get("x:2").unwrap().attrs.is_empty());
    check(
        &tables("key,kind,h,attrs\nx:1,expert,1,\"{\"\"h\"\": 12}\"\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "h",
    );
    // events cannot hold attributes: the column is refused, not dropped
    check(
        &with(
            "events",
            "demand,date,to,mood\nd:1,2024-01-01,analysed,good\n",
        ),
        "invalid_value",
        "events.csv",
        2,
        "mood",
    );
}

#[test]
fn keys_and_ids() {
    check(
        &tables("key,kind\nx:1,expert\nx:1,society\n"),
        "duplicate_key",
        "nodes.csv",
        3,
        "key",
    );
    check(
        &tables("id,key,kind\n5,x:1,expert\n3,x:2,expert\n"),
        "invalid_value",
        "nodes.csv",
        3,
        "id",
    );
    check(
        &tables("id,key,kind\n4000000000,x:1,expert\n"),
        "invalid_value",
        "nodes.csv",
        2,
        "id",
    );
    let long = "k".repeat(crate::limits::MAX_KEY_BYTES + 1);
    let e = load_tables(
        &tables(&format!("key,kind\n{long},expert\n")),
        &CsvOptions::default(),
    )
    .unwrap_err();
    assert_eq!(e.code(), "limit_exceeded");
    assert!(e.to_string().contains("row 2"), "{e}");
    let g = load_tables(
        &tables("id,key,kind\n2,x:1,expert\n5,x:2,expert\n"),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(g.id("x:2").map(|i| i.get()), Some(5));
    assert_eq!(g.node_count(), 2);
}

#[test]
fn edge_errors() {
    check(
        &with("edges", "relation,source,target\nmember_of,x:9,s:1\n"),
        "unknown_key",
        "edges.csv",
        2,
        "source",
    );
    check(
        &with(
            "edges",
            "relation,source,target\nmember_of,x:1,s:1\nmember_of,x:2,s:9\n",
        ),
        "unknown_key",
        "edges.csv",
        3,
        "target",
    );
    let msg = check(
        &with("edges", "relation,source,target\nmember_of,s:1,x:1\n"),
        "relation_not_allowed",
        "edges.csv",
        2,
        "relation",
    );
    assert!(msg.contains("allowed"), "{msg}");
    check(
        &with("edges", "relation,source,target\nfriends_with,x:1,x:2\n"),
        "invalid_value",
        "edges.csv",
        2,
        "relation",
    );
    check(
        &with(
            "edges",
            "relation,source,target,weight\nmember_of,x:1,s:1,-1\n",
        ),
        "invalid_value",
        "edges.csv",
        2,
        "weight",
    );
    check(
        &with(
            "edges",
            "relation,source,target,weight\nmember_of,x:1,s:1,NaN\n",
        ),
        "parse_error",
        "edges.csv",
        2,
        "weight",
    );
    check(
        &with(
            "edges",
            "relation,source,target\nmember_of,x:1,s:1\nmember_of,x:1\n",
        ),
        "parse_error",
        "edges.csv",
        3,
        "target",
    );
    check(
        &with("edges", "source,target\nx:1,s:1\n"),
        "invalid_value",
        "edges.csv",
        1,
        "relation",
    );
    let g = load_tables(
        &with(
            "edges",
            "relation,source,target,role,weight,备注\nmember_of,x:1,s:1,理事,\"0.5\",常务\n",
        ),
        &CsvOptions::default(),
    )
    .unwrap();
    let (_, e) = g.edges().next().unwrap();
    assert_eq!(
        (e.relation, e.weight, e.role()),
        (Relation::MemberOf, 0.5, Some("理事"))
    );
    assert_eq!(e.attrs()["备注"], "常务");
}

#[test]
fn event_errors_and_sorting() {
    check(
        &with("events", "demand,date,to\nd:9,2024-01-01,analysed\n"),
        "unknown_key",
        "events.csv",
        2,
        "demand",
    );
    check(
        &with("events", "demand,date,to\nx:1,2024-01-01,analysed\n"),
        "invalid_value",
        "events.csv",
        2,
        "demand",
    );
    check(
        &with("events", "demand,date,to\nd:1,2024-01-32,analysed\n"),
        "parse_error",
        "events.csv",
        2,
        "date",
    );
    check(
        &with("events", "demand,date,to\nd:1,2024-01-01,happy\n"),
        "invalid_value",
        "events.csv",
        2,
        "to",
    );
    // rows are sorted by date: row 2 (Mar) comes after row 3 (Jan); posted → solved at row 4
    // (Feb) is the step that is not allowed.
    let msg = check(
        &with(
            "events",
            "demand,date,to\nd:1,2024-03-01,matched\nd:1,2024-01-01,analysed\nd:1,2024-02-01,solved\n",
        ),
        "invalid_value",
        "events.csv",
        4,
        "to",
    );
    assert!(msg.contains("not an allowed transition"), "{msg}");
    // an event before the posting date
    let mut t = with("events", "demand,date,to\nd:1,2020-01-01,analysed\n");
    t.nodes = "key,kind,posted\nd:1,demand,2021-01-01\n".into();
    check(&t, "invalid_value", "events.csv", 2, "date");
    let g = load_tables(
        &with(
            "events",
            "demand,date,to,actor,note\nd:1,2024-03-01,matched,,\nd:1,2024-01-01,analysed,l:1,\"分析, 完成\"\n",
        ),
        &CsvOptions::default(),
    )
    .unwrap();
    let d = g.get("d:1").unwrap().as_demand().unwrap();
    assert_eq!(d.status(), DemandStatus::Matched);
    assert_eq!(d.events[0].note.as_deref(), Some("分析, 完成"));
    assert_eq!(d.events[0].actor.as_deref(), Some("l:1"));
}

#[test]
fn outcome_rows() {
    let g = load_tables(
        &with(
            "outcomes",
            "key,name,subtype,value,unit,date,produced_by,contributors\n\
             o:1,节能,economic_benefit,\"2,000,000\",CNY,2024-06-01,d:1,x:1；x:2\n\
             o:2,工作站成果,patent,3,,,w:1,\n",
        ),
        &CsvOptions::default(),
    )
    .unwrap();
    let o = g.get("o:1").unwrap().as_outcome().unwrap();
    assert_eq!(
        (o.kind, o.value),
        (OutcomeKind::EconomicBenefit, 2_000_000.0)
    );
    let rel = g.count_by_relation();
    assert_eq!(rel.get(&Relation::Produced), Some(&2));
    assert_eq!(rel.get(&Relation::Contributed), Some(&2));
    check(
        &with("outcomes", "key,value,produced_by\no:1,1,d:9\n"),
        "unknown_key",
        "outcomes.csv",
        2,
        "produced_by",
    );
    check(
        &with("outcomes", "key,value,produced_by\no:1,1,x:1\n"),
        "relation_not_allowed",
        "outcomes.csv",
        2,
        "produced_by",
    );
    check(
        &with("outcomes", "key,value,contributors\no:1,1,x:1;d:1\n"),
        "relation_not_allowed",
        "outcomes.csv",
        2,
        "contributors",
    );
    check(
        &with("outcomes", "key,kind,value\no:1,expert,1\n"),
        "invalid_value",
        "outcomes.csv",
        2,
        "kind",
    );
    check(
        &with("outcomes", "key,subtype,value\no:1,market_share,1.5\n"),
        "invalid_value",
        "outcomes.csv",
        2,
        "value",
    );
    check(
        &with("outcomes", "key,value\nx:1,1\n"),
        "duplicate_key",
        "outcomes.csv",
        2,
        "key",
    );
}

#[test]
fn aliases_and_files() {
    check(
        &with("aliases", "alias,key\nold,x:9\n"),
        "unknown_key",
        "aliases.csv",
        2,
        "key",
    );
    check(
        &with("aliases", "alias,key\nx:2,x:1\n"),
        "duplicate_key",
        "aliases.csv",
        2,
        "alias",
    );
    // an edge may name an alias
    let mut t = with("aliases", "alias,key\n旧张伟,x:1\n");
    t.edges = "relation,source,target\nmember_of,旧张伟,s:1\n".into();
    let g = load_tables(&t, &CsvOptions::default()).unwrap();
    assert_eq!(g.edge_count(), 1);
    let e = load_tables(&CsvTables::default(), &CsvOptions::default()).unwrap_err();
    assert_eq!(e.code(), "file_not_found");
    let e = load_dir("/nonexistent/kechuang", &CsvOptions::default()).unwrap_err();
    assert_eq!(e.code(), "file_not_found");
    let e = load_files(&[("people.csv", b"".as_slice())], &CsvOptions::default()).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
    let mut t = tables(BASE);
    t.taxonomy = "{\"industries\": [".into();
    let (code, file, ..) = fail(&t);
    assert_eq!((code, file.as_str()), ("parse_error", "taxonomy.json"));
}

#[test]
fn encodings_and_delimiters() {
    let text = "key\tkind\tname\nx:1\texpert\t张伟\n";
    let opts = CsvOptions::default().with_delimiter('\t');
    let (gbk, _, had_errors) = encoding_rs::GB18030.encode(text);
    assert!(!had_errors);
    for enc in [Encoding::Auto, Encoding::Gb18030] {
        let g = load_files(&[("nodes.csv", &gbk)], &opts.clone().with_encoding(enc)).unwrap();
        assert_eq!(g.get("x:1").unwrap().name, "张伟");
    }
    let e = load_files(
        &[("nodes.csv", &gbk)],
        &opts.clone().with_encoding(Encoding::Utf8),
    )
    .unwrap_err();
    assert_eq!(e.code(), "parse_error");
    // the header is ASCII; the first non-UTF-8 byte is on line 2
    assert_eq!(e.location().and_then(|l| l.row), Some(2));
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(text.as_bytes());
    let g = load_files(&[("nodes.csv", &bom)], &opts).unwrap();
    assert_eq!(g.get("x:1").unwrap().name, "张伟");
    let e = load_tables(&tables(BASE), &CsvOptions::default().with_delimiter('，')).unwrap_err();
    assert_eq!(e.code(), "invalid_value");
}

#[test]
fn export_shape() {
    let g = load_tables(
        &with(
            "edges",
            "relation,source,target,weight\nmember_of,x:1,s:1,0.1\n",
        ),
        &CsvOptions::default(),
    )
    .unwrap();
    let t = to_csv_tables(&g).unwrap();
    assert!(
        t.edges.contains(",0.1\r\n") || t.edges.contains(",0.1,"),
        "{}",
        t.edges
    );
    assert!(t.outcomes.is_empty());
    assert_eq!(load_tables(&t, &CsvOptions::default()).unwrap(), g);
}

#[test]
fn removed_newest_ids_stay_reserved() {
    use crate::model::Node;
    let mut g = load_tables(
        &with(
            "edges",
            "relation,source,target\nmember_of,x:1,s:1\nmember_of,x:2,s:1\n",
        ),
        &CsvOptions::default(),
    )
    .unwrap();
    let last = g.id("w:1").unwrap();
    g.remove_node(last).unwrap();
    let e = g.edges().last().map(|(id, _)| id).unwrap();
    g.remove_edge(e).unwrap();
    let t = to_csv_tables(&g).unwrap();
    assert!(
        t.nodes.ends_with(&format!(
            "\r\n{}{}\r\n",
            last.get(),
            ",".repeat(t.nodes.lines().next().unwrap().matches(',').count())
        )),
        "{}",
        t.nodes
    );
    for back in [
        load_tables(&t, &CsvOptions::default()).unwrap(),
        crate::io::from_json(&crate::io::to_json(&g).unwrap()).unwrap(),
    ] {
        assert_eq!(back, g);
        assert_eq!(
            (back.node_bound(), back.edge_bound()),
            (g.node_bound(), g.edge_bound())
        );
        let mut back = back;
        let fresh = back
            .add_node(Node::new("new", NodeKind::Expert, ""))
            .unwrap();
        assert!(
            fresh.index() > last.index(),
            "removed id {last} handed out again"
        );
    }
    // an id-only row must still be above the previous id
    check(
        &tables("id,key,kind\n3,x:1,expert\n2,,\n"),
        "invalid_value",
        "nodes.csv",
        3,
        "id",
    );
}

#[test]
fn blank_lines_count_as_rows() {
    check(
        &tables("key,kind\n\nx:1,robot\n"),
        "invalid_value",
        "nodes.csv",
        3,
        "kind",
    );
    // CRLF, a cell over three lines (one row), two blank lines: the bad row is row 6
    check(
        &tables(
            "key,kind,name\r\nx:1,expert,\"a\r\nb\nc\"\r\n\r\nx:2,expert,\r\n\r\nx:3,robot,\r\n",
        ),
        "invalid_value",
        "nodes.csv",
        6,
        "kind",
    );
}

#[test]
fn unterminated_quote() {
    let (code, file, row, _, msg) = fail(&tables(
        "key,kind,name\nx:1,expert,\"a\"\"b\"\nx:2,expert,\"never closed\nx:3,expert,c\n",
    ));
    assert_eq!(
        (code, file.as_str(), row),
        ("parse_error", "nodes.csv", 3),
        "{msg}"
    );
    // quotes inside an unquoted cell are literal, and a closed multi-line cell is fine
    let g = load_tables(
        &tables("key,kind,name\nx:1,expert,5\" pipe\nx:2,expert,\"two\nlines\"\n"),
        &CsvOptions::default(),
    )
    .unwrap();
    assert_eq!(g.get("x:1").unwrap().name, "5\" pipe");
    assert_eq!(g.get("x:2").unwrap().name, "two\nlines");
}
