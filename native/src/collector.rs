//! One pass per search: the ranking collector sees only documents that pass every facet
//! selection, while the same pass counts the total, every facet, the disjunctive counts of
//! selected facets and the date range.
//!
//! Disjunctive counts: a facet with a selection is counted as if its own selection were not
//! there, so its other values stay visible. The query handed to tantivy carries no facet
//! selection; per document the collector checks each selection. A document that passes all
//! is a hit; one that fails exactly one selection counts only for that facet; one that fails
//! two or more counts nowhere.

use std::sync::Arc;

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::{DocId, Score, SegmentOrdinal, SegmentReader};

use crate::columns::{DateColumn, FacetColumn};

/// Per segment, what the pass reads: facet columns, selections and dates.
pub struct SegmentInputs {
    /// One column per counted facet, in the order of the request.
    pub facets: Vec<Arc<FacetColumn>>,
    /// (index into `facets`, selected segment ordinals as a membership table).
    pub selections: Vec<(usize, Vec<bool>)>,
    pub dates: Option<Arc<DateColumn>>,
}

/// What one segment contributes.
pub struct SegmentCounts {
    pub segment: SegmentOrdinal,
    pub total: u64,
    /// Per facet, counts by segment ordinal.
    pub counts: Vec<Vec<u32>>,
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
    inputs: SegmentInputsRef,
    counts: SegmentCounts,
    count: bool,
}

struct SegmentInputsRef {
    facets: Vec<Arc<FacetColumn>>,
    selections: Vec<(usize, Vec<bool>)>,
    dates: Option<Arc<DateColumn>>,
}

impl<C: SegmentCollector> SearchSegmentCollector<C> {
    #[inline(always)]
    fn hit(&mut self, doc: DocId, score: Score) {
        self.ranker.collect(doc, score);
        if !self.count {
            return;
        }
        self.counts.total += 1;
        for (column, counts) in self.inputs.facets.iter().zip(self.counts.counts.iter_mut()) {
            column.count(doc, counts);
        }
        if let Some(dates) = &self.inputs.dates {
            let seconds = dates.seconds[doc as usize];
            if seconds != i64::MIN {
                self.counts.first = self.counts.first.min(seconds);
                self.counts.last = self.counts.last.max(seconds);
            }
        }
    }

    #[inline(always)]
    fn visit(&mut self, doc: DocId, score: Score) {
        if self.inputs.selections.is_empty() {
            return self.hit(doc, score);
        }
        let mut missed = usize::MAX;
        for (at, (facet, selected)) in self.inputs.selections.iter().enumerate() {
            let column = &self.inputs.facets[*facet];
            if !column.values(doc).iter().any(|&v| selected[v as usize]) {
                if missed != usize::MAX {
                    return; // fails two selections: counted nowhere
                }
                missed = at;
            }
        }
        if missed == usize::MAX {
            self.hit(doc, score);
        } else if self.count {
            let facet = self.inputs.selections[missed].0;
            self.inputs.facets[facet].count(doc, &mut self.counts.counts[facet]);
        }
    }
}

impl<C: SegmentCollector> SegmentCollector for SearchSegmentCollector<C> {
    type Fruit = (C::Fruit, SegmentCounts);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.visit(doc, score);
    }

    fn collect_block(&mut self, docs: &[DocId]) {
        for &doc in docs {
            self.visit(doc, 0.0);
        }
    }

    fn harvest(self) -> Self::Fruit {
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
        let counts = inputs
            .facets
            .iter()
            .map(|c| vec![0u32; c.num_terms()])
            .collect();
        Ok(SearchSegmentCollector {
            ranker: self.ranker.for_segment(segment_ord, segment)?,
            inputs: SegmentInputsRef {
                facets: inputs.facets.clone(),
                selections: inputs.selections.clone(),
                dates: inputs.dates.clone(),
            },
            counts: SegmentCounts {
                segment: segment_ord,
                total: 0,
                counts,
                first: i64::MAX,
                last: i64::MIN,
            },
            count: self.count,
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
