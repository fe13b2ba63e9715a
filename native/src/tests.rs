//! Engine tests on a small in-memory index: counts against a brute-force count, the
//! disjunctive rule, ties, paging and the query tree.

use std::collections::BTreeMap;

use tantivy::schema::{DateOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED, STRING};
use tantivy::{doc, DateTime, Index, IndexWriter, TantivyDocument};

use crate::engine::{AnalyzerSpec, Engine, Output, Request, Sort};
use crate::tree::{self, Node};

const WORDS: &str = "words";

struct Doc {
    title: &'static str,
    body: &'static str,
    person: &'static [&'static str],
    source: &'static str,
    day: i64,
}

const DOCS: &[Doc] = &[
    Doc {
        title: "Harbour opens",
        body: "the new harbour opened",
        person: &["Ann", "Bo"],
        source: "A",
        day: 1,
    },
    Doc {
        title: "Bank rates",
        body: "the central bank held rates",
        person: &["Bo"],
        source: "B",
        day: 2,
    },
    Doc {
        title: "Harbour strike",
        body: "dock workers strike at the harbour",
        person: &["Cy"],
        source: "A",
        day: 3,
    },
    Doc {
        title: "Chess club",
        body: "the club won",
        person: &[],
        source: "C",
        day: 4,
    },
    Doc {
        title: "Bank harbour deal",
        body: "the bank buys the harbour",
        person: &["Ann", "Cy"],
        source: "B",
        day: 5,
    },
    Doc {
        title: "Rates again",
        body: "rates and more rates",
        person: &["Ann", "Ann"],
        source: "A",
        day: 6,
    },
];

fn engine(segments: usize) -> Engine {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(WORDS)
            .set_index_option(tantivy::schema::IndexRecordOption::WithFreqsAndPositions),
    );
    let title = builder.add_text_field("title", text.clone());
    let body = builder.add_text_field("body", text);
    let person = builder.add_text_field("person", STRING | FAST);
    let source = builder.add_text_field("source", STRING | FAST);
    let published = builder.add_date_field("published_at", DateOptions::from(FAST).set_indexed());
    let day = builder.add_text_field("day", STRING | FAST);
    let month = builder.add_text_field("month", STRING | FAST);
    let article = builder.add_bytes_field("article", STORED);
    let index = Index::create_in_ram(builder.build());
    let spec = AnalyzerSpec {
        name: WORDS.into(),
        max_token_bytes: 100,
        stemmer: None,
    };
    index
        .tokenizers()
        .register(WORDS, crate::engine::analyzer(&spec).unwrap());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let per_segment = DOCS.len().div_ceil(segments);
    for (n, d) in DOCS.iter().enumerate() {
        let mut document: TantivyDocument = doc!(
            title => d.title, body => d.body, source => d.source,
            published => DateTime::from_timestamp_secs(d.day * 86_400),
            day => format!("1970-01-{:02}", d.day + 1),
            month => "1970-01",
            article => n.to_string().into_bytes(),
        );
        for p in d.person {
            document.add_text(person, p);
        }
        writer.add_document(document).unwrap();
        if (n + 1) % per_segment == 0 {
            writer.commit().unwrap();
        }
    }
    writer.commit().unwrap();
    Engine::with_index(index, &[spec], 2).unwrap()
}

fn request(tree: Node, selections: &[(&str, &[&str])]) -> Request {
    Request {
        tree,
        selections: selections
            .iter()
            .map(|(f, v)| (f.to_string(), v.iter().map(|s| s.to_string()).collect()))
            .collect(),
        facets: vec![("person".into(), 0), ("source".into(), 2)],
        short_span_facets: vec![],
        sort: Sort::Score,
        limit: 10,
        offset: 0,
        date_field: "published_at".into(),
        stored_field: "article".into(),
        day_facet: None,
        month_facet: None,
    }
}

fn text(words: &str) -> Node {
    Node::Text {
        text: words.into(),
        fields: vec![("title".into(), 3.0), ("body".into(), 1.0)],
    }
}

fn hits(output: &Output) -> Vec<usize> {
    output
        .hits
        .iter()
        .map(|h| {
            String::from_utf8(h.stored.clone())
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect()
}

fn facet(output: &Output, name: &str) -> Vec<(String, u64)> {
    output
        .facets
        .iter()
        .find(|(n, _)| n == name)
        .unwrap()
        .1
        .clone()
}

/// Counts by brute force over DOCS: documents passing `keep` per value of `values`.
fn brute(
    keep: impl Fn(&Doc) -> bool,
    values: impl Fn(&Doc) -> Vec<&'static str>,
) -> Vec<(String, u64)> {
    let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
    for d in DOCS.iter().filter(|d| keep(d)) {
        let mut seen = values(d);
        seen.sort();
        seen.dedup();
        for v in seen {
            *counts.entry(v).or_default() += 1;
        }
    }
    let mut listed: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(v, n)| (v.to_string(), n))
        .collect();
    listed.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    listed
}

#[test]
fn counts_every_facet_and_the_date_range_in_one_pass() {
    for segments in [1, 3] {
        let output = engine(segments).search(&request(Node::All, &[])).unwrap();
        assert_eq!(output.total, 6);
        assert_eq!(
            facet(&output, "person"),
            brute(|_| true, |d| d.person.to_vec())
        );
        // Size 2: the top two, ties broken by value.
        assert_eq!(
            facet(&output, "source"),
            brute(|_| true, |d| vec![d.source])[..2].to_vec()
        );
        assert_eq!(
            (output.first, output.last),
            (Some(86_400), Some(6 * 86_400))
        );
    }
}

#[test]
fn a_selected_facet_is_counted_without_its_own_selection() {
    for segments in [1, 2] {
        let engine = engine(segments);
        let selected = [("source", &["A"][..]), ("person", &["Cy"][..])];
        let output = engine.search(&request(text("harbour"), &selected)).unwrap();
        let matches =
            |d: &Doc| d.title.to_lowercase().contains("harbour") || d.body.contains("harbour");
        let has_person = |d: &Doc| d.person.contains(&"Cy");
        // Hits: the harbour articles from source A mentioning Cy.
        assert_eq!(hits(&output), vec![2]);
        assert_eq!(output.total, 1);
        let sources = brute(|d| matches(d) && has_person(d), |d| vec![d.source]);
        assert_eq!(
            facet(&output, "source"),
            sources[..sources.len().min(2)].to_vec()
        );
        assert_eq!(
            facet(&output, "person"),
            brute(|d| matches(d) && d.source == "A", |d| d.person.to_vec())
        );
    }
}

#[test]
fn the_front_page_is_counted_once_per_generation() {
    let engine = engine(2);
    let first = engine.search(&request(Node::All, &[])).unwrap();
    let again = engine.search(&request(Node::All, &[])).unwrap();
    assert_eq!(facet(&first, "person"), facet(&again, "person"));
    assert_eq!((first.total, hits(&first)), (again.total, hits(&again)));
    // The cached page is read without a pass; it is tantivy's page, offset included.
    let fresh = self::engine(3);
    let mut paged = request(Node::All, &[]);
    paged.offset = 2;
    paged.limit = 3;
    let cold = fresh.search(&paged).unwrap(); // counts, and ranks with tantivy's top-k
    let warm = fresh.search(&paged).unwrap(); // cached counts, page read directly
    assert_eq!(hits(&cold).len(), 3);
    assert_eq!(hits(&cold), hits(&warm));
}

#[test]
fn pages_and_date_order() {
    let engine = engine(3);
    let mut newest = request(Node::All, &[]);
    newest.sort = Sort::Newest;
    newest.limit = 2;
    newest.offset = 1;
    let output = engine.search(&newest).unwrap();
    assert_eq!(hits(&output), vec![4, 3]);
    assert!(output.hits.iter().all(|h| h.score.is_none()));
    newest.limit = 0; // count only
    assert!(engine.search(&newest).unwrap().hits.is_empty());
}

#[test]
fn title_matches_rank_first_and_phrases_need_adjacent_words() {
    let engine = engine(1);
    let output = engine.search(&request(text("harbour"), &[])).unwrap();
    assert_eq!(output.total, 3);
    let ranked = hits(&output);
    assert!(ranked.iter().position(|&h| h == 2).unwrap() < 3);
    let phrase = engine.search(&request(text("central bank"), &[])).unwrap();
    assert_eq!(hits(&phrase), vec![1]);
    let reversed = engine.search(&request(text("bank central"), &[])).unwrap();
    assert_eq!(reversed.total, 0);
}

#[test]
fn the_tree_reads_its_json_form() {
    let json = r#"{"type":"bool","must":[{"type":"text","text":"rates","fields":[["body",1.0]]}],
        "must_not":[{"type":"terms","field":"source","values":["B"]}],
        "filter":[{"type":"date_range","field":"published_at","gte":null,"lte":518400}]}"#;
    let node = tree::parse(json).unwrap();
    let output = engine(2).search(&request(node, &[])).unwrap();
    assert_eq!(hits(&output), vec![5]);
    assert!(tree::parse(r#"{"type":"nope"}"#).is_err());
    assert!(engine(1)
        .search(&request(
            Node::Prefix {
                field: "nope".into(),
                prefix: "x".into()
            },
            &[]
        ))
        .is_err());
}

#[test]
fn a_const_clause_scores_every_match_alike() {
    let json = r#"{"type":"const","query":{"type":"text","text":"harbour","fields":[["body",1.0]]},
        "score":2.5}"#;
    let node = tree::parse(json).unwrap();
    let output = engine(2).search(&request(node, &[])).unwrap();
    assert_eq!(output.total, 3);
    assert!(output.hits.iter().all(|h| h.score == Some(2.5)));
}

/// An index whose documents hold 0 to 39 people each (rows longer than a narrow row spill).
fn crowded() -> (Engine, Vec<Vec<String>>) {
    let mut builder = Schema::builder();
    let person = builder.add_text_field("person", STRING | FAST);
    let published = builder.add_date_field("published_at", DateOptions::from(FAST).set_indexed());
    let article = builder.add_bytes_field("article", STORED);
    let index = Index::create_in_ram(builder.build());
    let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
    let mut people = Vec::new();
    for n in 0..120usize {
        let names: Vec<String> = (0..n % 40)
            .map(|k| format!("p{:03}", (n * 7 + k * 13) % 300))
            .collect();
        let mut document: TantivyDocument = doc!(
            published => DateTime::from_timestamp_secs(n as i64 * 86_400),
            article => n.to_string().into_bytes(),
        );
        for name in &names {
            document.add_text(person, name);
        }
        writer.add_document(document).unwrap();
        if n % 50 == 49 {
            writer.commit().unwrap();
        }
        people.push(names);
    }
    writer.commit().unwrap();
    (Engine::with_index(index, &[], 2).unwrap(), people)
}

#[test]
fn long_rows_count_every_value() {
    let (engine, people) = crowded();
    let mut all = request(Node::All, &[]);
    all.facets = vec![("person".into(), 0)];
    let output = engine.search(&all).unwrap();
    let mut counts: BTreeMap<String, u64> = BTreeMap::new();
    for names in &people {
        let mut distinct = names.clone();
        distinct.sort();
        distinct.dedup();
        for name in distinct {
            *counts.entry(name).or_default() += 1;
        }
    }
    let mut expected: Vec<(String, u64)> = counts.into_iter().collect();
    expected.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    assert_eq!(facet(&output, "person"), expected);
    // A selection on a spilled value is met through the spill table.
    let selected = engine
        .search(&{
            let mut r = request(Node::All, &[("person", &["p299"][..])]);
            r.facets = vec![("person".into(), 0)];
            r
        })
        .unwrap();
    let with = people
        .iter()
        .filter(|n| n.iter().any(|p| p == "p299"))
        .count();
    assert_eq!(selected.total, with as u64);
}

#[test]
fn narrow_and_wide_rows_hold_the_same_values() {
    use crate::columns::{FacetColumn, FacetRows};
    use std::sync::Arc;
    let (engine, _) = crowded();
    let searcher = engine.searcher();
    for segment in searcher.segment_readers() {
        let columns = vec![Arc::new(FacetColumn::read(segment, "person").unwrap())];
        let narrow = FacetRows::build_as(&columns, segment.max_doc(), true);
        let wide = FacetRows::build_as(&columns, segment.max_doc(), false);
        for doc in 0..segment.max_doc() {
            let (mut a, mut b) = (vec![], vec![]);
            narrow.for_each(doc, |v| a.push(v));
            wide.for_each(doc, |v| b.push(v));
            assert_eq!(a, b);
            assert_eq!(a, columns[0].values(doc));
        }
        // No facet counted: rows of width zero, holding nothing.
        let none = FacetRows::build(&[], segment.max_doc());
        assert_eq!(none.num_ords(), 0);
        assert!(none.heap_bytes() < 64);
        none.for_each(0, |_| panic!("an empty row has no value"));
    }
}

#[test]
fn the_date_range_comes_from_the_day_facet_when_it_is_counted() {
    let engine = engine(3);
    for tree in [Node::All, text("harbour"), text("rates")] {
        let from_column = engine.search(&request(tree.clone(), &[])).unwrap();
        let mut by_day = request(tree, &[]);
        by_day.facets.push(("day".into(), 0));
        by_day.day_facet = Some("day".into());
        let from_days = engine.search(&by_day).unwrap();
        assert_eq!(
            (from_days.first, from_days.last),
            (from_column.first, from_column.last)
        );
        assert_eq!(from_days.total, from_column.total);
    }
    let mut none = request(text("nothing"), &[]);
    none.facets.push(("day".into(), 0));
    none.day_facet = Some("day".into());
    let empty = engine.search(&none).unwrap();
    assert_eq!((empty.total, empty.first, empty.last), (0, None, None));
}

#[test]
fn day_keys_are_midnight_utc() {
    use crate::engine::day_seconds;
    assert_eq!(day_seconds("1970-01-01").unwrap(), 0);
    assert_eq!(day_seconds("1970-01-02").unwrap(), 86_400);
    assert_eq!(day_seconds("2024-02-29").unwrap(), 1_709_164_800);
    assert_eq!(day_seconds("1969-12-31").unwrap(), -86_400);
    assert!(day_seconds("2024-13-01").is_err());
    assert!(day_seconds("soon").is_err());
}

#[test]
fn months_answered_from_day_counts_equal_months_counted() {
    let engine = engine(3);
    for (tree, selections) in [
        (Node::All, &[][..]),
        (text("harbour"), &[][..]),
        (text("rates"), &[("source", &["A"][..])][..]),
    ] {
        let mut counted = request(tree, selections);
        counted.facets.push(("month".into(), 0));
        counted.short_span_facets.push(("day".into(), 7));
        counted.day_facet = Some("day".into());
        let mut derived = request(counted.tree.clone(), selections);
        derived.facets = counted.facets.clone();
        derived.short_span_facets = counted.short_span_facets.clone();
        derived.day_facet = counted.day_facet.clone();
        derived.month_facet = Some("month".into());
        let (counted, derived) = (
            engine.search(&counted).unwrap(),
            engine.search(&derived).unwrap(),
        );
        assert_eq!(counted.facets, derived.facets);
        assert_eq!(counted.total, derived.total);
    }
}

#[test]
fn months_of_days_sum_each_month_most_frequent_first() {
    use crate::columns::GlobalDict;
    use crate::engine::months_of_days;
    let days = [
        "2024-01-30",
        "2024-01-31",
        "2024-02-01",
        "2024-03-05",
        "2024-03-06",
    ];
    let dict = GlobalDict {
        terms: days.iter().map(|d| d.to_string()).collect(),
        segment_to_global: vec![],
    };
    let counts = [2, 1, 3, 0, 1];
    let expect = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
        v.iter().map(|(m, n)| (m.to_string(), *n)).collect()
    };
    assert_eq!(
        months_of_days(&counts, &dict, 0),
        expect(&[("2024-01", 3), ("2024-02", 3), ("2024-03", 1)])
    );
    assert_eq!(months_of_days(&counts, &dict, 1), expect(&[("2024-01", 3)]));
}

#[test]
fn a_prefix_matches_the_documents_with_a_word_it_begins() {
    for prefix in ["har", "rat", "b", "the", "zz", "harbours"] {
        let node = Node::Prefix {
            field: "body".into(),
            prefix: prefix.into(),
        };
        let output = engine(2).search(&request(node, &[])).unwrap();
        let mut expected: Vec<usize> = DOCS
            .iter()
            .enumerate()
            .filter(|(_, d)| d.body.split(' ').any(|w| w.starts_with(prefix)))
            .map(|(n, _)| n)
            .collect();
        let mut found = hits(&output);
        expected.sort_unstable();
        found.sort_unstable();
        assert_eq!(found, expected, "prefix {prefix:?}");
        // Every match scores 1, as a regex query's do.
        assert!(output.hits.iter().all(|h| h.score == Some(1.0)));
    }
}

#[test]
fn a_prefix_of_letters_of_two_bytes_matches_their_bytes_in_order() {
    use crate::prefix::Prefix;
    use tantivy_fst::Automaton;
    let prefix_of = |p: &str, term: &str| {
        let prefix = Prefix::from(p);
        let mut state = prefix.start();
        for &byte in term.as_bytes() {
            state = prefix.accept(&state, byte);
        }
        prefix.is_match(&state)
    };
    assert!(prefix_of("мат", "материалы"));
    assert!(!prefix_of("мат", "мадера"));
    assert!(!prefix_of("матер", "мат"));
    assert!(prefix_of("note", "note"));
}

#[test]
fn a_date_range_beside_words_is_checked_by_the_pass_with_the_same_answer() {
    let range = |gte: i64, lte: i64| Node::DateRange {
        field: "published_at".into(),
        gte: Some(gte),
        lte: Some(lte),
    };
    for segments in [1, 3] {
        let engine = engine(segments);
        for (gte, lte) in [(2 * 86_400, 5 * 86_400 - 1), (0, 86_400), (86_400, 86_400)] {
            for selections in [&[][..], &[("person", &["Ann"][..])][..]] {
                let filtered = Node::Bool {
                    must: vec![text("harbour rates bank")],
                    should: vec![],
                    must_not: vec![],
                    filter: vec![range(gte, lte)],
                    minimum_should_match: None,
                };
                let (rest, taken) = tree::split_date_filters(&filtered);
                assert_eq!(taken.len(), 1);
                assert!(matches!(&rest, Node::Bool { filter, .. } if filter.is_empty()));
                // The same range as a must clause scoring nothing stays in the engine's query.
                let walked = Node::Bool {
                    must: vec![
                        text("harbour rates bank"),
                        Node::Const {
                            query: Box::new(range(gte, lte)),
                            score: 0.0,
                        },
                    ],
                    should: vec![],
                    must_not: vec![],
                    filter: vec![],
                    minimum_should_match: None,
                };
                let a = engine.search(&request(filtered, selections)).unwrap();
                let b = engine.search(&request(walked, selections)).unwrap();
                assert_eq!(a.total, b.total);
                assert_eq!(hits(&a), hits(&b));
                let scores = |o: &Output| o.hits.iter().map(|h| h.score).collect::<Vec<_>>();
                assert_eq!(scores(&a), scores(&b));
                assert_eq!(facet(&a, "person"), facet(&b, "person"));
                assert_eq!(facet(&a, "source"), facet(&b, "source"));
                assert_eq!((a.first, a.last), (b.first, b.last));
            }
        }
    }
}

#[test]
fn a_date_range_alone_is_left_to_the_engine() {
    let alone = Node::Bool {
        must: vec![Node::All],
        should: vec![],
        must_not: vec![],
        filter: vec![Node::DateRange {
            field: "published_at".into(),
            gte: None,
            lte: Some(0),
        }],
        minimum_should_match: None,
    };
    let (rest, taken) = tree::split_date_filters(&alone);
    assert_eq!(rest, alone);
    assert!(taken.is_empty());
}

#[test]
fn stored_bytes_are_sliced_as_tantivy_reads_them() {
    use crate::stored::bytes_value;
    use tantivy::schema::Value;
    let engine = engine(3);
    let searcher = engine.searcher();
    let article = searcher.schema().get_field("article").unwrap();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let store = segment.get_store_reader(1).unwrap();
        for doc in 0..segment.max_doc() {
            let raw = store.get_document_bytes(doc).unwrap();
            let read: TantivyDocument = searcher
                .doc(tantivy::DocAddress::new(ord as u32, doc))
                .unwrap();
            let expected = read.get_first(article).and_then(|v| v.as_bytes()).unwrap();
            assert_eq!(bytes_value(raw.as_slice(), article), Some(expected));
        }
    }
    // A text value (type code 0) is not sliced: tantivy's deserializer reads it.
    let text_value = [0x81, 0, 0, 0, 0, 0, 0x82, b'h', b'i'];
    assert_eq!(bytes_value(&text_value, article), None);
    // A length running past the end is not sliced either.
    let short = [0x81, 7, 0, 0, 0, 4, 0x85, b'h', b'i'];
    assert_eq!(bytes_value(&short, article), None);
}
