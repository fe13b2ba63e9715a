//! One pass per search: the ranking collector sees only documents that pass every facet
//! selection, while the same pass counts the total, every facet, the disjunctive counts of
//! selected facets and the date range.
//!
//! Disjunctive counts: a facet with a selection is counted as if its own selection were not
//! there, so its other values stay visible. The query handed to tantivy carries no facet
//! selection; per document the collector checks each selection. A document that passes all
//! is a hit; one that fails exactly one selection counts only for that facet; one that fails
//! two or more counts nowhere.
//!
//! Date ranges taken out of the query (tree::split_date_filters) are checked here first: a
//! match outside one is no match at all, and counts nowhere.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::{prefetch, DateColumn, FacetRows};

/// At most this many facet selections (one bit each in a document's 64-bit mask, set by a
/// shift of up to 64 places in a u64: one place fewer than the mask holds).
pub const MAX_SELECTIONS: usize = 63;
/// Matches held back before they are counted. A match's row is rarely in cache (a search
/// touches a few percent of a segment's rows), and counting one match at a time waits for
/// each miss in turn; a batch asks for all its rows first (prefetch) and then counts, so the
/// misses overlap. 64 rows: enough misses in flight for the memory system, and a batch of
/// rows (about 2 KB) stays in L1.
const BATCH: usize = 64;

/// Per segment, what the pass reads: the facets' rows, selections and dates.
pub struct SegmentInputs {
    /// Every counted facet, a row per document, in the order of the request.
    pub rows: Arc<FacetRows>,
    /// Per row ordinal: 0, or 1 + the index of the selection it satisfies (a facet has at
    /// most one selection, so an ordinal satisfies at most one).
    pub selected: Vec<u8>,
    /// Per selection, the facet it selects on (an index into the request's facets).
    pub selection_facets: Vec<usize>,
    pub dates: Option<Arc<DateColumn>>,
    /// Date ranges a match must meet (tree::split_date_filters): its date column and first
    /// and last second.
    pub date_filters: Vec<(Arc<DateColumn>, i64, i64)>,
    /// Row ordinal -> ordinal in the generation's flat list of every facet's values: the
    /// segment's counts are mapped there at harvest, on the counting thread.
    pub to_global: Arc<Vec<u32>>,
}

/// What one segment contributes.
pub struct SegmentCounts {
    pub segment: SegmentOrdinal,
    pub total: u64,
    /// Counts by row ordinal while counting.
    pub counts: Vec<u32>,
    /// Once harvested: (flat global ordinal, count) of every value counted at least once.
    /// Sparse, so that merging the segments costs what they counted, not a pass over every
    /// value of the generation per segment.
    pub found: Vec<(u32, u32)>,
    pub first: i64,
    pub last: i64,
}

/// The pass: `ranker` ranks hits, the rest counts. `count` false ranks only.
pub struct SearchCollector<R> {
    pub ranker: R,
    pub inputs: Vec<SegmentInputs>,
    pub count: bool,
}

pub struct SearchSegmentCollector<C> {
    ranker: C,
    rows: Arc<FacetRows>,
    selected: Vec<u8>,
    selection_facets: Vec<usize>,
    dates: Option<Arc<DateColumn>>,
    date_filters: Vec<(Arc<DateColumn>, i64, i64)>,
    to_global: Arc<Vec<u32>>,
    counts: SegmentCounts,
    count: bool,
    /// Matches (document, score) waiting to be counted and ranked, in the order they came.
    batch: Vec<(DocId, Score)>,
}

impl SegmentCounts {
    /// A hit: counted in the total, for every value of its row and in the date range.
    #[inline(always)]
    fn hit(&mut self, doc: DocId, rows: &FacetRows, dates: Option<&DateColumn>) {
        self.total += 1;
        let counts = &mut self.counts;
        rows.count(doc, counts);
        if let Some(dates) = dates {
            let seconds = dates.seconds[doc as usize];
            if seconds != i64::MIN {
                self.first = self.first.min(seconds);
                self.last = self.last.max(seconds);
            }
        }
    }
}

impl<C: SegmentCollector> SearchSegmentCollector<C> {
    /// Hold a match back; count the batch when it is full.
    #[inline(always)]
    fn push(&mut self, doc: DocId, score: Score) {
        if self.date_filters.is_empty() {
            self.ask_for_row(doc);
        } else {
            // Rows are asked for once the dates have kept the match (flush).
            for (column, _, _) in &self.date_filters {
                prefetch(column.seconds.as_ptr().wrapping_add(doc as usize));
            }
        }
        self.batch.push((doc, score));
        if self.batch.len() == BATCH {
            self.flush();
        }
    }

    /// Start loading the match's row (and its date, when the pass reads dates).
    #[inline(always)]
    fn ask_for_row(&self, doc: DocId) {
        self.rows.prefetch(doc);
        if let Some(dates) = &self.dates {
            prefetch(dates.seconds.as_ptr().wrapping_add(doc as usize));
        }
    }

    /// Count and rank the held-back matches: every row asked for first, then read.
    fn flush(&mut self) {
        let mut batch = std::mem::take(&mut self.batch);
        if !self.date_filters.is_empty() {
            let filters = &self.date_filters;
            // A document without a date (i64::MIN) is outside every range: `first` is above it.
            batch.retain(|&(doc, _)| {
                filters.iter().all(|(column, first, last)| {
                    (*first..=*last).contains(&column.seconds[doc as usize])
                })
            });
            for &(doc, _) in &batch {
                self.ask_for_row(doc);
            }
        }
        for &(doc, _) in &batch {
            self.rows.prefetch_again(doc);
        }
        for &(doc, score) in &batch {
            self.visit(doc, score);
        }
        self.batch = batch;
        self.batch.clear();
    }

    #[inline(always)]
    fn visit(&mut self, doc: DocId, score: Score) {
        let rows = &*self.rows;
        let dates = self.dates.as_deref();
        if self.selection_facets.is_empty() {
            self.ranker.collect(doc, score);
            if self.count {
                self.counts.hit(doc, rows, dates);
            }
            return;
        }
        let mut met = 0u64;
        let selected = &self.selected;
        rows.for_each(doc, |value| {
            // Branch-free: selection 0 (none) shifts the bit out again.
            met |= (1u64 << selected[value as usize]) >> 1;
        });
        let all = u64::MAX >> (64 - self.selection_facets.len());
        let missed = all & !met;
        if missed == 0 {
            self.ranker.collect(doc, score);
            if self.count {
                self.counts.hit(doc, rows, dates);
            }
        } else if missed.count_ones() == 1 && self.count {
            // Fails one selection: counts for that facet only.
            let facet = self.selection_facets[missed.trailing_zeros() as usize];
            let (low, high) = (rows.bases[facet], rows.bases[facet + 1]);
            let counts = &mut self.counts.counts;
            // Branch-free: every value adds, those of other facets add zero (a branch per value
            // mispredicted on most rows).
            rows.for_each(doc, |value| {
                counts[value as usize] += u32::from((low..high).contains(&value));
            });
        }
    }
}

impl<C: SegmentCollector> SegmentCollector for SearchSegmentCollector<C> {
    type Fruit = (C::Fruit, SegmentCounts);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.push(doc, score);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.push(doc, 0.0);
        }
    }

    fn harvest(mut self) -> Self::Fruit {
        self.flush();
        if self.count {
            // The spare counts after the facets' values (FacetRows::count) are left behind.
            let to_global = &self.to_global;
            self.counts.found = self
                .counts
                .counts
                .iter()
                .zip(to_global.iter())
                .filter(|(&n, _)| n > 0)
                .map(|(&n, &global)| (global, n))
                .collect();
            self.counts.counts = Vec::new();
        }
        (self.ranker.harvest(), self.counts)
    }
}

impl<R: Collector> Collector for SearchCollector<R> {
    type Fruit = (R::Fruit, Vec<SegmentCounts>);
    type Child = SearchSegmentCollector<R::Child>;

    fn for_segment(
        &self,
        segment_ord: SegmentOrdinal,
        segment: &SegmentReader,
    ) -> tantivy::Result<Self::Child> {
        let inputs = &self.inputs[segment_ord as usize];
        let counts = if self.count {
            vec![0u32; inputs.rows.counts_len()]
        } else {
            Vec::new()
        };
        Ok(SearchSegmentCollector {
            ranker: self.ranker.for_segment(segment_ord, segment)?,
            rows: inputs.rows.clone(),
            selected: inputs.selected.clone(),
            selection_facets: inputs.selection_facets.clone(),
            dates: inputs.dates.clone(),
            date_filters: inputs.date_filters.clone(),
            to_global: inputs.to_global.clone(),
            counts: SegmentCounts {
                segment: segment_ord,
                total: 0,
                counts,
                found: Vec::new(),
                first: i64::MAX,
                last: i64::MIN,
            },
            count: self.count,
            batch: Vec::with_capacity(BATCH),
        })
    }

    fn requires_scoring(&self) -> bool {
        self.ranker.requires_scoring()
    }

    fn merge_fruits(
        &self,
        fruits: Vec<<Self::Child as SegmentCollector>::Fruit>,
    ) -> tantivy::Result<Self::Fruit> {
        let (ranked, counts): (Vec<_>, Vec<_>) = fruits.into_iter().unzip();
        Ok((self.ranker.merge_fruits(ranked)?, counts))
    }
}
