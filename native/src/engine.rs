//! The native search core: an index opened read-only, its analyzers registered as the writer
//! registered them, and one search call that ranks, counts and fetches the page.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermSetQuery,
};
use tantivy::schema::{Field, Value};
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{
    DateTime, DocAddress, Executor, Index, IndexReader, Order, ReloadPolicy, Searcher,
    TantivyDocument, Term,
};

use crate::collector::{SearchCollector, SegmentCounts, SegmentInputs};
use crate::columns::{ColumnCache, GlobalDict};
use crate::tree::{self, Node, TreeError};

/// Something went wrong: the request was malformed (`Query`) or the index failed (`Index`).
#[derive(Debug)]
pub enum SearchError {
    Query(String),
    Index(String),
}

impl From<tantivy::TantivyError> for SearchError {
    fn from(error: tantivy::TantivyError) -> Self {
        SearchError::Index(error.to_string())
    }
}

impl From<TreeError> for SearchError {
    fn from(error: TreeError) -> Self {
        SearchError::Query(error.0)
    }
}

/// The ranked page: score (None when sorted by date) and address of each hit.
type Ranked = Vec<(Option<f32>, DocAddress)>;

/// How hits are ordered.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sort {
    Score,
    Newest,
    Oldest,
}

/// One analyzer as the writer registers it: simple tokenizer, long tokens removed,
/// lowercased, stemmed by `stemmer` (a Snowball language name) when given.
pub struct AnalyzerSpec {
    pub name: String,
    pub max_token_bytes: usize,
    pub stemmer: Option<String>,
}

/// What one search asks.
pub struct Request {
    pub tree: Node,
    /// Facet selections counted disjunctively: (facet, any of these values).
    pub selections: Vec<(String, Vec<String>)>,
    /// Facets to count: (field, how many top values; 0 for all).
    pub facets: Vec<(String, usize)>,
    /// Facets counted in the same pass but answered only when the match set's dates span at
    /// most this many days (the days of a short timeline, which would otherwise need a
    /// second pass): (field, span in days). Answered with every value.
    pub short_span_facets: Vec<(String, i64)>,
    pub sort: Sort,
    pub limit: usize,
    pub offset: usize,
    /// Date field for sorting and for the first and last date of the match set.
    pub date_field: String,
    /// Bytes field returned for each hit.
    pub stored_field: String,
}

/// One hit: its score (when ranked by relevance) and its stored bytes.
pub struct Hit {
    pub score: Option<f32>,
    pub stored: Vec<u8>,
}

/// What one search answers.
pub struct Output {
    pub total: u64,
    pub hits: Vec<Hit>,
    /// Per requested facet: (value, count), most frequent first, ties by value.
    pub facets: Vec<(String, Vec<(String, u64)>)>,
    /// First and last date of the match set (seconds since the epoch).
    pub first: Option<i64>,
    pub last: Option<i64>,
}

/// Counts merged across segments: per facet, counts by global ordinal.
#[derive(Clone)]
struct Counted {
    total: u64,
    counts: Vec<Vec<u32>>,
    first: i64,
    last: i64,
}

/// What is valid for one set of segments: merged dictionaries and the front page counts.
#[derive(Default)]
struct Generation {
    segments: Vec<SegmentId>,
    dicts: HashMap<String, Arc<GlobalDict>>,
    front_page: HashMap<Vec<String>, Counted>,
}

fn snowball(name: &str) -> Result<Language, SearchError> {
    Ok(match name {
        "english" => Language::English,
        "russian" => Language::Russian,
        other => return Err(SearchError::Query(format!("no Snowball stemmer {other:?}"))),
    })
}

/// Build an analyzer from its spec.
pub fn analyzer(spec: &AnalyzerSpec) -> Result<TextAnalyzer, SearchError> {
    let builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(spec.max_token_bytes))
        .filter(LowerCaser);
    Ok(match &spec.stemmer {
        Some(language) => builder.filter(Stemmer::new(snowball(language)?)).build(),
        None => builder.build(),
    })
}

/// An index opened for searching.
pub struct Engine {
    index: Index,
    reader: IndexReader,
    executor: Executor,
    columns: ColumnCache,
    generation: Mutex<Arc<Mutex<Generation>>>,
}

impl Engine {
    /// Open the index at `path`, registering `analyzers`; count on `threads` threads.
    pub fn open(
        path: &Path,
        analyzers: &[AnalyzerSpec],
        threads: usize,
    ) -> Result<Engine, SearchError> {
        Engine::with_index(Index::open_in_dir(path)?, analyzers, threads)
    }

    /// Search `index` (already open), registering `analyzers`.
    pub fn with_index(
        index: Index,
        analyzers: &[AnalyzerSpec],
        threads: usize,
    ) -> Result<Engine, SearchError> {
        for spec in analyzers {
            index.tokenizers().register(&spec.name, analyzer(spec)?);
        }
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        let executor = if threads > 1 {
            Executor::multi_thread(threads, "newsdesk-search-")?
        } else {
            Executor::single_thread()
        };
        Ok(Engine {
            index,
            reader,
            executor,
            columns: ColumnCache::default(),
            generation: Mutex::new(Arc::new(Mutex::new(Generation::default()))),
        })
    }

    /// Tokens `text` gives with the analyzer registered as `name` (to check agreement).
    pub fn analyze(&self, name: &str, text: &str) -> Result<Vec<String>, SearchError> {
        let mut analyzer = self
            .index
            .tokenizers()
            .get(name)
            .ok_or_else(|| SearchError::Query(format!("no analyzer {name:?}")))?;
        let mut tokens = Vec::new();
        analyzer
            .token_stream(text)
            .process(&mut |token| tokens.push(token.text.clone()));
        Ok(tokens)
    }

    /// Live documents in the latest commit.
    pub fn num_docs(&self) -> Result<u64, SearchError> {
        self.reader.reload()?;
        Ok(self.reader.searcher().num_docs())
    }

    /// Bytes held by cached columns.
    pub fn cache_bytes(&self) -> usize {
        self.columns.heap_bytes()
    }

    fn generation(&self, searcher: &Searcher) -> Arc<Mutex<Generation>> {
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        let mut current = self.generation.lock().unwrap();
        if current.lock().unwrap().segments != segments {
            self.columns.retain(&segments);
            *current = Arc::new(Mutex::new(Generation {
                segments,
                ..Generation::default()
            }));
        }
        current.clone()
    }

    /// Rank, count and fetch one page.
    pub fn search(&self, request: &Request) -> Result<Output, SearchError> {
        self.reader.reload()?; // cheap when nothing changed; picks up other processes' commits
        let searcher = self.reader.searcher();
        let generation = self.generation(&searcher);
        let schema = self.index.schema();

        let mut facet_names: Vec<String> = request.facets.iter().map(|(f, _)| f.clone()).collect();
        facet_names.extend(request.short_span_facets.iter().map(|(f, _)| f.clone()));
        for (facet, _) in &request.selections {
            if !facet_names.contains(facet) {
                facet_names.push(facet.clone());
            }
        }
        let inputs = self.inputs(&searcher, &facet_names, request)?;
        let dicts: Vec<Arc<GlobalDict>> = {
            let mut generation = generation.lock().unwrap();
            facet_names
                .iter()
                .enumerate()
                .map(|(at, name)| {
                    generation
                        .dicts
                        .entry(name.clone())
                        .or_insert_with(|| {
                            let columns: Vec<_> =
                                inputs.iter().map(|i| i.facets[at].clone()).collect();
                            Arc::new(GlobalDict::merge(&columns))
                        })
                        .clone()
                })
                .collect()
        };

        let front_page = tree::is_all(&request.tree) && request.selections.is_empty();
        let cached = if front_page {
            generation
                .lock()
                .unwrap()
                .front_page
                .get(&facet_names)
                .cloned()
        } else {
            None
        };
        let query: Box<dyn Query> = if front_page {
            Box::new(AllQuery)
        } else {
            let base = tree::compile(&request.tree, &schema, self.index.tokenizers())?;
            narrowed(base, &request.selections, &schema)?
        };
        let count = cached.is_none();
        let (ranked, segment_counts) = if cached.is_some() && request.sort == Sort::Score {
            // Every document scores alike: tantivy's top-k keeps the first ones (lowest
            // address wins a tie), so the page is just there to read, without a pass.
            (
                first_documents(&searcher, request.offset, request.limit),
                Vec::new(),
            )
        } else {
            self.pass(&searcher, query.as_ref(), request, inputs, count)?
        };
        let counted = match cached {
            Some(counted) => counted,
            None => {
                let counted = merge(&segment_counts, &dicts);
                if front_page {
                    let mut generation = generation.lock().unwrap();
                    generation
                        .front_page
                        .insert(facet_names.clone(), counted.clone());
                }
                counted
            }
        };

        let stored = schema
            .get_field(&request.stored_field)
            .map_err(|_| SearchError::Query(format!("unknown field {:?}", request.stored_field)))?;
        let hits = ranked
            .into_iter()
            .take(request.limit)
            .map(|(score, address)| {
                Ok(Hit {
                    score,
                    stored: stored_bytes(&searcher, address, stored)?,
                })
            })
            .collect::<Result<Vec<_>, SearchError>>()?;
        let mut facets: Vec<(String, Vec<(String, u64)>)> = request
            .facets
            .iter()
            .enumerate()
            .map(|(at, (name, size))| {
                (
                    name.clone(),
                    top_values(&counted.counts[at], &dicts[at], *size),
                )
            })
            .collect();
        let span_days = (counted.last != i64::MIN)
            .then(|| counted.last.div_euclid(86_400) - counted.first.div_euclid(86_400));
        for (offset, (name, max_span)) in request.short_span_facets.iter().enumerate() {
            if span_days.is_some_and(|span| span <= *max_span) {
                let at = request.facets.len() + offset;
                facets.push((name.clone(), top_values(&counted.counts[at], &dicts[at], 0)));
            }
        }
        Ok(Output {
            total: counted.total,
            hits,
            facets,
            first: (counted.first != i64::MAX).then_some(counted.first),
            last: (counted.last != i64::MIN).then_some(counted.last),
        })
    }

    fn inputs(
        &self,
        searcher: &Searcher,
        facet_names: &[String],
        request: &Request,
    ) -> Result<Vec<SegmentInputs>, SearchError> {
        let mut all = Vec::new();
        for segment in searcher.segment_readers() {
            let facets = facet_names
                .iter()
                .map(|name| self.columns.facet(segment, name))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let mut selections = Vec::new();
            for (facet, values) in &request.selections {
                let at = facet_names
                    .iter()
                    .position(|n| n == facet)
                    .expect("selected facets are counted");
                let column = &facets[at];
                let mut selected = vec![false; column.num_terms()];
                for value in values {
                    if let Ok(ord) = column.terms.binary_search(value) {
                        selected[ord] = true;
                    }
                }
                selections.push((at, selected));
            }
            let dates = Some(self.columns.date(segment, &request.date_field)?);
            all.push(SegmentInputs {
                facets,
                selections,
                dates,
            });
        }
        Ok(all)
    }

    fn pass(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        request: &Request,
        inputs: Vec<SegmentInputs>,
        count: bool,
    ) -> Result<(Ranked, Vec<SegmentCounts>), SearchError> {
        // tantivy needs room for one hit; a count-only pass (limit 0) drops it.
        let top = TopDocs::with_limit(request.limit.max(1)).and_offset(request.offset);
        Ok(match request.sort {
            Sort::Score => {
                let (ranked, counts) =
                    self.run(searcher, query, top.order_by_score(), inputs, count)?;
                (
                    ranked.into_iter().map(|(s, a)| (Some(s), a)).collect(),
                    counts,
                )
            }
            Sort::Newest | Sort::Oldest => {
                let order = if request.sort == Sort::Newest {
                    Order::Desc
                } else {
                    Order::Asc
                };
                let ranker = top.order_by_fast_field::<DateTime>(&request.date_field, order);
                let (ranked, counts) = self.run(searcher, query, ranker, inputs, count)?;
                (ranked.into_iter().map(|(_, a)| (None, a)).collect(), counts)
            }
        })
    }

    fn run<R: Collector>(
        &self,
        searcher: &Searcher,
        query: &dyn Query,
        ranker: R,
        inputs: Vec<SegmentInputs>,
        count: bool,
    ) -> Result<(R::Fruit, Vec<SegmentCounts>), SearchError> {
        let collector = SearchCollector {
            ranker,
            inputs,
            count,
        };
        let scoring = if collector.requires_scoring() {
            EnableScoring::enabled_from_searcher(searcher)
        } else {
            EnableScoring::disabled_from_searcher(searcher)
        };
        Ok(searcher.search_with_executor(query, &collector, &self.executor, scoring)?)
    }
}

/// The query the pass runs: with two or more facet selections, only documents meeting all
/// but one of them can count anywhere, so the engine skips the rest through its postings
/// (the collector still decides which count where). Selections score nothing, so the ranking
/// stays the base query's.
fn narrowed(
    base: Box<dyn Query>,
    selections: &[(String, Vec<String>)],
    schema: &tantivy::schema::Schema,
) -> Result<Box<dyn Query>, SearchError> {
    if selections.len() < 2 {
        return Ok(base);
    }
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, base)];
    for (facet, values) in selections {
        let field = schema
            .get_field(facet)
            .map_err(|_| SearchError::Query(format!("unknown facet {facet:?}")))?;
        let terms = values.iter().map(|v| Term::from_field_text(field, v));
        let selected = ConstScoreQuery::new(Box::new(TermSetQuery::new(terms)), 0.0);
        clauses.push((Occur::Should, Box::new(selected)));
    }
    let all_but_one = selections.len() - 1;
    Ok(Box::new(BooleanQuery::with_minimum_required_clauses(
        clauses,
        all_but_one,
    )))
}

/// The live documents at positions offset..offset+limit in address order, scored as AllQuery
/// scores them.
fn first_documents(searcher: &Searcher, offset: usize, limit: usize) -> Ranked {
    let mut ranked = Vec::with_capacity(limit);
    let mut seen = 0usize;
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let alive = segment.alive_bitset();
        for doc in 0..segment.max_doc() {
            if alive.is_some_and(|bits| !bits.is_alive(doc)) {
                continue;
            }
            if seen >= offset {
                if ranked.len() == limit {
                    return ranked;
                }
                ranked.push((Some(1.0), DocAddress::new(segment_ord as u32, doc)));
            }
            seen += 1;
        }
    }
    ranked
}

fn stored_bytes(
    searcher: &Searcher,
    address: DocAddress,
    field: Field,
) -> Result<Vec<u8>, SearchError> {
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(doc
        .get_first(field)
        .and_then(|v| v.as_bytes())
        .map(<[u8]>::to_vec)
        .unwrap_or_default())
}

/// Segment counts summed into global ordinals.
fn merge(segments: &[SegmentCounts], dicts: &[Arc<GlobalDict>]) -> Counted {
    let mut counted = Counted {
        total: 0,
        counts: dicts.iter().map(|d| vec![0u32; d.terms.len()]).collect(),
        first: i64::MAX,
        last: i64::MIN,
    };
    for segment in segments {
        counted.total += segment.total;
        counted.first = counted.first.min(segment.first);
        counted.last = counted.last.max(segment.last);
        for (at, counts) in segment.counts.iter().enumerate() {
            let map = &dicts[at].segment_to_global[segment.segment as usize];
            let global = &mut counted.counts[at];
            for (ord, &n) in counts.iter().enumerate() {
                if n > 0 {
                    global[map[ord] as usize] += n;
                }
            }
        }
    }
    counted
}

/// The `size` most frequent values (all when 0), ties broken by value (byte order).
fn top_values(counts: &[u32], dict: &GlobalDict, size: usize) -> Vec<(String, u64)> {
    // Global ordinals follow byte order, so (count desc, ordinal asc) is (count desc, value asc).
    let mut present: Vec<(u32, u32)> = counts
        .iter()
        .enumerate()
        .filter(|(_, &n)| n > 0)
        .map(|(ord, &n)| (n, ord as u32))
        .collect();
    let key = |&(n, ord): &(u32, u32)| (std::cmp::Reverse(n), ord);
    if size > 0 && present.len() > size {
        present.select_nth_unstable_by_key(size - 1, key);
        present.truncate(size);
    }
    present.sort_unstable_by_key(key);
    present
        .into_iter()
        .map(|(n, ord)| (dict.terms[ord as usize].clone(), n as u64))
        .collect()
}
