//! Facet values per document, read once per segment from tantivy's fast-field columns into
//! flat arrays, and each facet's dictionary merged across the segments of a generation.
//!
//! tantivy's columns are compact (bit-packed, with an optional index for multi-valued
//! fields), which costs 6-8 ns per (document, value) to read; a plain array costs about 1-2.
//! Segments never change once written, so the arrays are built on first use and kept until
//! the segment leaves the index.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tantivy::index::SegmentId;
use tantivy::{DocId, SegmentReader};

/// No value in a single-valued column.
pub const NONE: u32 = u32::MAX;

/// One facet of one segment: each document's values as segment ordinals.
pub struct FacetColumn {
    /// Multi-valued: document d's values are values[offsets[d]..offsets[d+1]]; single-valued
    /// (every document holds at most one value): None, and values[d] is it (or NONE).
    offsets: Option<Vec<u32>>,
    values: Vec<u32>,
    /// The segment's dictionary: ordinal -> value, in byte order.
    pub terms: Vec<String>,
}

impl FacetColumn {
    /// Read `field` of `segment` (an empty column when the segment has no such values).
    pub fn read(segment: &SegmentReader, field: &str) -> tantivy::Result<FacetColumn> {
        let max_doc = segment.max_doc();
        let Some(column) = segment.fast_fields().str(field)? else {
            return Ok(FacetColumn {
                offsets: None,
                values: vec![NONE; max_doc as usize],
                terms: vec![],
            });
        };
        let mut terms = Vec::with_capacity(column.num_terms());
        let mut stream = column.dictionary().stream()?;
        while stream.advance() {
            terms.push(String::from_utf8_lossy(stream.key()).into_owned());
        }
        let ords = column.ords();
        let mut offsets = Vec::with_capacity(max_doc as usize + 1);
        let mut values = Vec::with_capacity(max_doc as usize);
        let mut multi = false;
        let mut doc_values: Vec<u32> = Vec::new();
        offsets.push(0u32);
        for doc in 0..max_doc {
            doc_values.clear();
            doc_values.extend(ords.values_for_doc(doc).map(|ord| ord as u32));
            // A document counts once per value, however often it repeats the value.
            doc_values.sort_unstable();
            doc_values.dedup();
            multi |= doc_values.len() > 1;
            values.extend_from_slice(&doc_values);
            offsets.push(values.len() as u32);
        }
        if multi {
            return Ok(FacetColumn {
                offsets: Some(offsets),
                values,
                terms,
            });
        }
        let mut single = vec![NONE; max_doc as usize];
        for doc in 0..max_doc as usize {
            if offsets[doc + 1] > offsets[doc] {
                single[doc] = values[offsets[doc] as usize];
            }
        }
        Ok(FacetColumn {
            offsets: None,
            values: single,
            terms,
        })
    }

    /// The document's values (segment ordinals).
    #[inline(always)]
    pub fn values(&self, doc: DocId) -> &[u32] {
        match &self.offsets {
            Some(offsets) => {
                let (start, end) = (offsets[doc as usize], offsets[doc as usize + 1]);
                &self.values[start as usize..end as usize]
            }
            None => {
                let at = doc as usize;
                if self.values[at] == NONE {
                    &[]
                } else {
                    &self.values[at..at + 1]
                }
            }
        }
    }

    /// Add one to `counts` for each of the document's values.
    #[inline(always)]
    pub fn count(&self, doc: DocId, counts: &mut [u32]) {
        match &self.offsets {
            Some(offsets) => {
                let (start, end) = (offsets[doc as usize], offsets[doc as usize + 1]);
                for &value in &self.values[start as usize..end as usize] {
                    counts[value as usize] += 1;
                }
            }
            None => {
                let value = self.values[doc as usize];
                if value != NONE {
                    counts[value as usize] += 1;
                }
            }
        }
    }

    /// Number of distinct values in the segment.
    pub fn num_terms(&self) -> usize {
        self.terms.len()
    }

    /// Bytes held by the arrays (for the memory report).
    pub fn heap_bytes(&self) -> usize {
        4 * (self.values.len() + self.offsets.as_ref().map_or(0, Vec::len))
            + self.terms.iter().map(|t| t.len() + 24).sum::<usize>()
    }
}

/// Seconds since the epoch of each document's date (i64::MIN when it has none).
pub struct DateColumn {
    pub seconds: Vec<i64>,
}

impl DateColumn {
    /// Read the first value of `field` for every document of `segment`.
    pub fn read(segment: &SegmentReader, field: &str) -> tantivy::Result<DateColumn> {
        let column = segment.fast_fields().date(field)?;
        let seconds = (0..segment.max_doc())
            .map(|doc| {
                column
                    .first(doc)
                    .map_or(i64::MIN, |d| d.into_timestamp_secs())
            })
            .collect();
        Ok(DateColumn { seconds })
    }
}

/// Columns built so far, per segment and field; entries of departed segments are dropped.
#[derive(Default)]
pub struct ColumnCache {
    facets: Mutex<HashMap<(SegmentId, String), Arc<FacetColumn>>>,
    dates: Mutex<HashMap<(SegmentId, String), Arc<DateColumn>>>,
}

impl ColumnCache {
    /// The facet column of `field` in `segment`, built on first use.
    pub fn facet(&self, segment: &SegmentReader, field: &str) -> tantivy::Result<Arc<FacetColumn>> {
        let key = (segment.segment_id(), field.to_string());
        if let Some(found) = self.facets.lock().unwrap().get(&key) {
            return Ok(found.clone());
        }
        let built = Arc::new(FacetColumn::read(segment, field)?);
        self.facets.lock().unwrap().insert(key, built.clone());
        Ok(built)
    }

    /// The date column of `field` in `segment`, built on first use.
    pub fn date(&self, segment: &SegmentReader, field: &str) -> tantivy::Result<Arc<DateColumn>> {
        let key = (segment.segment_id(), field.to_string());
        if let Some(found) = self.dates.lock().unwrap().get(&key) {
            return Ok(found.clone());
        }
        let built = Arc::new(DateColumn::read(segment, field)?);
        self.dates.lock().unwrap().insert(key, built.clone());
        Ok(built)
    }

    /// Forget every segment not in `live` (merged away or deleted).
    pub fn retain(&self, live: &[SegmentId]) {
        self.facets
            .lock()
            .unwrap()
            .retain(|(id, _), _| live.contains(id));
        self.dates
            .lock()
            .unwrap()
            .retain(|(id, _), _| live.contains(id));
    }

    /// Bytes held by every cached column.
    pub fn heap_bytes(&self) -> usize {
        let facets: usize = self
            .facets
            .lock()
            .unwrap()
            .values()
            .map(|c| c.heap_bytes())
            .sum();
        let dates: usize = self
            .dates
            .lock()
            .unwrap()
            .values()
            .map(|c| 8 * c.seconds.len())
            .sum();
        facets + dates
    }
}

/// One facet's values across the segments of a generation: the union of the segment
/// dictionaries in byte order, and each segment's ordinal -> global ordinal map.
pub struct GlobalDict {
    pub terms: Vec<String>,
    pub segment_to_global: Vec<Vec<u32>>,
}

impl GlobalDict {
    /// Merge the dictionaries of `columns` (one per segment, in segment order).
    pub fn merge(columns: &[Arc<FacetColumn>]) -> GlobalDict {
        let mut terms: Vec<String> = columns
            .iter()
            .flat_map(|c| c.terms.iter().cloned())
            .collect();
        terms.sort_unstable();
        terms.dedup();
        let segment_to_global = columns
            .iter()
            .map(|c| {
                c.terms
                    .iter()
                    .map(|t| terms.binary_search(t).expect("every term was merged") as u32)
                    .collect()
            })
            .collect();
        GlobalDict {
            terms,
            segment_to_global,
        }
    }
}
