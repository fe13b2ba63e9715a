//! The native search core: an index opened read-only, its analyzers registered as the writer
//! registered them, and one search call that ranks, counts and fetches the page.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use tantivy::collector::{Collector, TopDocs};
use tantivy::index::SegmentId;
use tantivy::query::{
    AllQuery, BooleanQuery, ConstScoreQuery, EnableScoring, Occur, Query, TermSetQuery,
};
use tantivy::schema::{Field, Value};
use tantivy::store::StoreReader;
use tantivy::tokenizer::{
    Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, TextAnalyzer,
};
use tantivy::{
    DateTime, DocAddress, Executor, Index, IndexReader, Order, ReloadPolicy, Searcher,
    TantivyDocument, Term,
};

use crate::collector::{SearchCollector, SegmentCounts, SegmentInputs, MAX_SELECTIONS};
use crate::columns::{ColumnCache, FacetColumn, GlobalDict};
use crate::stored;
use crate::tree::{self, DateFilter, Node, TreeError};

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

/// The inode of a file (0 where there is none): a commit writes meta.json anew and renames it.
fn file_id(found: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    return std::os::unix::fs::MetadataExt::ino(found);
    #[cfg(not(unix))]
    return 0;
}

/// Decompressed blocks each segment's store reader keeps (tantivy's own default, 16 KB each).
const STORE_CACHE_BLOCKS: usize = 100;

/// The file every commit rewrites (tantivy's index meta).
const META_FILE: &str = "meta.json";

/// Per segment, row ordinal -> flat global ordinal.
type SegmentMaps = Vec<Arc<Vec<u32>>>;

/// Per segment, the facet columns of a search (in request order).
type SegmentColumns = Vec<Vec<Arc<FacetColumn>>>;

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
    /// A counted facet whose values are the UTC days ("2024-02-05") of `date_field`: when
    /// given, the first and last date are the first and last day with a count (midnight UTC),
    /// and the pass reads no date column (one memory access less per match).
    pub day_facet: Option<String>,
    /// Bytes field returned for each hit.
    pub stored_field: String,
    /// A requested facet of months ("2024-02") answered from the counted day facet's values
    /// ("2024-02-05") instead of counted per match: one count less per matching article.
    /// Ignored when days are not counted or the month facet has a selection.
    pub month_facet: Option<String>,
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
    /// Per list of counted facets, each segment's row ordinal -> flat global ordinal.
    maps: HashMap<Vec<String>, Arc<SegmentMaps>>,
    front_page: HashMap<Vec<String>, Counted>,
    /// Per segment, a document store reader with its own cache of decompressed blocks (the
    /// page's records are read from their raw bytes: stored.rs).
    stores: Vec<Arc<StoreReader>>,
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
    /// The index's meta.json (None in memory) and how it looked at the last reload.
    meta: Option<PathBuf>,
    meta_seen: Mutex<Option<(SystemTime, u64, u64)>>,
}

impl Engine {
    /// Open the index at `path`, registering `analyzers`; count on `threads` threads.
    pub fn open(
        path: &Path,
        analyzers: &[AnalyzerSpec],
        threads: usize,
    ) -> Result<Engine, SearchError> {
        let mut engine = Engine::with_index(Index::open_in_dir(path)?, analyzers, threads)?;
        engine.meta = Some(path.join(META_FILE));
        Ok(engine)
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
            meta: None,
            meta_seen: Mutex::new(None),
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

    /// The latest commit's searcher (for tests of the columns).
    #[cfg(test)]
    pub(crate) fn searcher(&self) -> Searcher {
        self.reader.searcher()
    }

    /// Point the reader at the latest commit (this process's or another's). A reload opens
    /// every segment afresh and drops the searcher's caches (term dictionaries, decompressed
    /// store blocks), so it runs only when meta.json, which every commit rewrites, changed.
    fn refresh(&self) -> Result<(), SearchError> {
        let stamp = self.meta.as_ref().and_then(|path| {
            let found = std::fs::metadata(path).ok()?;
            Some((found.modified().ok()?, found.len(), file_id(&found)))
        });
        let mut seen = self.meta_seen.lock().unwrap();
        if stamp.is_none() || *seen != stamp {
            // The stamp is read before the reload: a commit in between reloads once more.
            self.reader.reload()?;
            *seen = stamp;
        }
        Ok(())
    }

    /// Live documents in the latest commit.
    pub fn num_docs(&self) -> Result<u64, SearchError> {
        self.refresh()?;
        Ok(self.reader.searcher().num_docs())
    }

    /// Bytes held by cached columns.
    pub fn cache_bytes(&self) -> usize {
        self.columns.heap_bytes()
    }

    fn generation(&self, searcher: &Searcher) -> Result<Arc<Mutex<Generation>>, SearchError> {
        let segments: Vec<SegmentId> = searcher
            .segment_readers()
            .iter()
            .map(|s| s.segment_id())
            .collect();
        let mut current = self.generation.lock().unwrap();
        if current.lock().unwrap().segments != segments {
            self.columns.retain(&segments);
            let stores = searcher
                .segment_readers()
                .iter()
                .map(|segment| segment.get_store_reader(STORE_CACHE_BLOCKS).map(Arc::new))
                .collect::<std::io::Result<Vec<_>>>()
                .map_err(|error| SearchError::Index(error.to_string()))?;
            *current = Arc::new(Mutex::new(Generation {
                segments,
                stores,
                ..Generation::default()
            }));
        }
        Ok(current.clone())
    }

    /// Rank, count and fetch one page.
    pub fn search(&self, request: &Request) -> Result<Output, SearchError> {
        self.refresh()?;
        let searcher = self.reader.searcher();
        let generation = self.generation(&searcher)?;
        let schema = self.index.schema();

        let mut facet_names: Vec<String> = request.facets.iter().map(|(f, _)| f.clone()).collect();
        facet_names.extend(request.short_span_facets.iter().map(|(f, _)| f.clone()));
        for (facet, _) in &request.selections {
            if !facet_names.contains(facet) {
                facet_names.push(facet.clone());
            }
        }
        let derived_month = derived_month(request, &facet_names);
        if let Some(month) = derived_month {
            facet_names.retain(|name| name != month);
        }
        let (tree, date_filters) = tree::split_date_filters(&request.tree);
        let (mut inputs, columns) = self.inputs(&searcher, &facet_names, request, &date_filters)?;
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
                            let columns: Vec<_> = columns.iter().map(|c| c[at].clone()).collect();
                            Arc::new(GlobalDict::merge(&columns))
                        })
                        .clone()
                })
                .collect()
        };

        let global_bases = flat_bases(&dicts);
        let maps = generation
            .lock()
            .unwrap()
            .maps
            .entry(facet_names.clone())
            .or_insert_with(|| Arc::new(global_maps(&inputs, &dicts, &global_bases)))
            .clone();
        for (input, map) in inputs.iter_mut().zip(maps.iter()) {
            input.to_global = map.clone();
        }

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
            let base = tree::compile(&tree, &schema, self.index.tokenizers())?;
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
                let mut counted = merge(&segment_counts, &global_bases);
                if days_counted(request, &facet_names) {
                    let day = request.day_facet.as_ref().expect("days are counted");
                    let at = facet_names.iter().position(|n| n == day).expect("counted");
                    (counted.first, counted.last) = day_range(&counted.counts[at], &dicts[at])?;
                }
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
        let stores = generation.lock().unwrap().stores.clone();
        let hits = ranked
            .into_iter()
            .take(request.limit)
            .map(|(score, address)| {
                Ok(Hit {
                    score,
                    stored: stored_bytes(&searcher, &stores, address, stored)?,
                })
            })
            .collect::<Result<Vec<_>, SearchError>>()?;
        let at_of = |name: &String| {
            facet_names
                .iter()
                .position(|n| n == name)
                .expect("every answered facet is counted")
        };
        let mut facets: Vec<(String, Vec<(String, u64)>)> = request
            .facets
            .iter()
            .map(|(name, size)| {
                let values = if Some(name) == derived_month {
                    let day = at_of(request.day_facet.as_ref().expect("days are counted"));
                    months_of_days(&counted.counts[day], &dicts[day], *size)
                } else {
                    let at = at_of(name);
                    top_values(&counted.counts[at], &dicts[at], *size)
                };
                (name.clone(), values)
            })
            .collect();
        let span_days = (counted.last != i64::MIN)
            .then(|| counted.last.div_euclid(86_400) - counted.first.div_euclid(86_400));
        for (name, max_span) in &request.short_span_facets {
            if span_days.is_some_and(|span| span <= *max_span) {
                let at = at_of(name);
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
        date_filters: &[DateFilter],
    ) -> Result<(Vec<SegmentInputs>, SegmentColumns), SearchError> {
        if request.selections.len() > MAX_SELECTIONS {
            return Err(SearchError::Query(format!(
                "at most {MAX_SELECTIONS} facet selections"
            )));
        }
        let mut all = Vec::new();
        let mut all_columns = Vec::new();
        for segment in searcher.segment_readers() {
            let columns = facet_names
                .iter()
                .map(|name| self.columns.facet(segment, name))
                .collect::<tantivy::Result<Vec<_>>>()?;
            let rows = self.columns.rows(segment, facet_names, &columns);
            let mut selected = Vec::new();
            let mut selection_facets = Vec::new();
            if !request.selections.is_empty() {
                selected = vec![0u8; rows.num_ords()];
                for (at_selection, (facet, values)) in request.selections.iter().enumerate() {
                    let at = facet_names
                        .iter()
                        .position(|n| n == facet)
                        .expect("selected facets are counted");
                    let column = &columns[at];
                    for value in values {
                        if let Ok(ord) = column.terms.binary_search(value) {
                            selected[rows.bases[at] as usize + ord] = at_selection as u8 + 1;
                        }
                    }
                    selection_facets.push(at);
                }
            }
            let dates = if days_counted(request, facet_names) {
                None
            } else {
                Some(self.columns.date(segment, &request.date_field)?)
            };
            let date_filters = date_filters
                .iter()
                .map(|f| {
                    // i64::MIN marks an undated document: an open range starts above it.
                    let first = f.gte.unwrap_or(i64::MIN).max(i64::MIN + 1);
                    let last = f.lte.unwrap_or(i64::MAX);
                    Ok((self.columns.date(segment, &f.field)?, first, last))
                })
                .collect::<tantivy::Result<Vec<_>>>()?;
            all.push(SegmentInputs {
                rows,
                selected,
                selection_facets,
                dates,
                date_filters,
                to_global: Arc::default(), // set once the dictionaries are merged
            });
            all_columns.push(columns);
        }
        Ok((all, all_columns))
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

/// The bytes of `field` stored with the document at `address`: sliced from the raw stored
/// document when it is laid out as the writer stores an article, else deserialized.
fn stored_bytes(
    searcher: &Searcher,
    stores: &[Arc<StoreReader>],
    address: DocAddress,
    field: Field,
) -> Result<Vec<u8>, SearchError> {
    if let Some(store) = stores.get(address.segment_ord as usize) {
        let raw = store.get_document_bytes(address.doc_id)?;
        if let Some(value) = stored::bytes_value(raw.as_slice(), field) {
            return Ok(value.to_vec());
        }
    }
    let doc: TantivyDocument = searcher.doc(address)?;
    Ok(doc
        .get_first(field)
        .and_then(|v| v.as_bytes())
        .map(<[u8]>::to_vec)
        .unwrap_or_default())
}

/// The month facet answered from day counts, when the request allows it: days counted in
/// the pass (`facet_names`, before the month is taken out), no selection on months or days.
fn derived_month<'r>(request: &'r Request, facet_names: &[String]) -> Option<&'r String> {
    let month = request.month_facet.as_ref()?;
    let day = request.day_facet.as_ref()?;
    // A selection on either would count it disjunctively, not over the hits alone.
    let selected = request
        .selections
        .iter()
        .any(|(f, _)| f == month || f == day);
    (days_counted(request, facet_names) && !selected).then_some(month)
}

/// Month counts ("2024-02") summed from day counts ("2024-02-05"), the `size` most frequent
/// (all when 0), ties by value, as `top_values` orders them. Day keys sort in date order, so
/// each month's days are neighbours.
pub(crate) fn months_of_days(counts: &[u32], dict: &GlobalDict, size: usize) -> Vec<(String, u64)> {
    let mut months: Vec<(String, u64)> = Vec::new();
    for (ord, &n) in counts.iter().enumerate() {
        if n == 0 {
            continue;
        }
        let day = &dict.terms[ord];
        let month = day.get(..7).unwrap_or(day);
        match months.last_mut() {
            Some((last, total)) if last == month => *total += u64::from(n),
            _ => months.push((month.to_string(), u64::from(n))),
        }
    }
    months.sort_by(|(a, n), (b, m)| m.cmp(n).then_with(|| a.cmp(b)));
    if size > 0 {
        months.truncate(size);
    }
    months
}

/// Whether the request's day facet is counted (so the date range comes from its counts).
fn days_counted(request: &Request, facet_names: &[String]) -> bool {
    request
        .day_facet
        .as_ref()
        .is_some_and(|day| facet_names.contains(day))
}

/// The first and last day with a count, as seconds since the epoch (i64::MAX and i64::MIN
/// when none has): day keys sort in date order, and so do their global ordinals.
fn day_range(counts: &[u32], dict: &GlobalDict) -> Result<(i64, i64), SearchError> {
    let first = counts.iter().position(|&n| n > 0);
    let last = counts.iter().rposition(|&n| n > 0);
    Ok(match (first, last) {
        (Some(first), Some(last)) => (
            day_seconds(&dict.terms[first])?,
            day_seconds(&dict.terms[last])?,
        ),
        _ => (i64::MAX, i64::MIN),
    })
}

/// Midnight UTC of a "YYYY-MM-DD" day as seconds since the epoch.
pub(crate) fn day_seconds(day: &str) -> Result<i64, SearchError> {
    let bad = || SearchError::Index(format!("day facet value {day:?} is not YYYY-MM-DD"));
    let mut parts = day
        .splitn(3, '-')
        .map(|p| p.parse::<i64>().map_err(|_| bad()));
    let (year, month, day_of_month) = (
        parts.next().ok_or_else(bad)??,
        parts.next().ok_or_else(bad)??,
        parts.next().ok_or_else(bad)??,
    );
    if !(1..=12).contains(&month) || !(1..=31).contains(&day_of_month) {
        return Err(bad());
    }
    // Days from the civil date (H. Hinnant's algorithm, proleptic Gregorian calendar).
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = (month + 9) % 12;
    let day_of_year = (153 * shifted_month + 2) / 5 + day_of_month - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    Ok((era * 146_097 + day_of_era - 719_468) * 86_400)
}

/// Where each facet's values start in the flat list of every facet's global values.
fn flat_bases(dicts: &[Arc<GlobalDict>]) -> Vec<u32> {
    let mut bases = vec![0u32];
    for dict in dicts {
        bases.push(bases.last().unwrap() + dict.terms.len() as u32);
    }
    bases
}

/// Per segment, row ordinal -> flat global ordinal.
fn global_maps(
    inputs: &[SegmentInputs],
    dicts: &[Arc<GlobalDict>],
    global_bases: &[u32],
) -> SegmentMaps {
    inputs
        .iter()
        .enumerate()
        .map(|(segment, input)| {
            let mut map = Vec::with_capacity(input.rows.num_ords());
            for (at, dict) in dicts.iter().enumerate() {
                let base = global_bases[at];
                map.extend(dict.segment_to_global[segment].iter().map(|&g| base + g));
            }
            Arc::new(map)
        })
        .collect()
}

/// Segment counts (already in flat global ordinals) summed, and split per facet.
fn merge(segments: &[SegmentCounts], global_bases: &[u32]) -> Counted {
    let mut flat = vec![0u32; *global_bases.last().unwrap_or(&0) as usize];
    let (mut total, mut first, mut last) = (0, i64::MAX, i64::MIN);
    for segment in segments {
        total += segment.total;
        first = first.min(segment.first);
        last = last.max(segment.last);
        for &(global, n) in &segment.found {
            flat[global as usize] += n;
        }
    }
    Counted {
        total,
        counts: global_bases
            .windows(2)
            .map(|w| flat[w[0] as usize..w[1] as usize].to_vec())
            .collect(),
        first,
        last,
    }
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
