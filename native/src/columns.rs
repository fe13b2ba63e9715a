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

/// Ask the CPU to start loading the cache line at `at` (no effect on other targets).
#[inline(always)]
pub fn prefetch<T>(at: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch is a hint; it never faults, whatever the address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(at as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = at;
}

/// Slots of a narrow row at most: 16 two-byte values fill half a cache line, and hold every
/// value of about 93% of articles (the 10,000 processed Reuters and Telegram articles of the
/// bench: 8.6 values each across the seven counted facets, 6.6% have more than 16). Rows
/// that are all shorter take the next power of two of the longest (one value: one slot).
const SLOTS: usize = 16;
/// A narrow slot with no value (rows are filled from the front).
const EMPTY: u16 = u16::MAX;
/// In slot SPILL_AT of a longer row: its first SPILL_AT values are here, the rest in the spill
/// table at the index the last two slots hold (no search for it: a search cost a cache miss
/// per step).
const SPILLED: u16 = u16::MAX - 1;
const SPILL_AT: usize = SLOTS - 3;

/// Every counted facet of one segment, a row per document: the document's values of all
/// facets side by side, so counting a match reads one short run of memory instead of one
/// offset and one value array per facet (the per-facet layout cost a cache miss per facet).
/// Facet f's segment ordinal o is stored as `bases[f] + o`, so one counts array serves all.
pub struct FacetRows {
    layout: Layout,
    /// Facet f's values lie in bases[f]..bases[f+1]; the last entry is the counts' length.
    pub bases: Vec<u32>,
}

enum Layout {
    /// Fewer ordinals than fit in two bytes: a fixed row of SLOTS per document, found without
    /// an offset lookup (one cache miss per match), in memory the kernel may back with huge
    /// pages (rows are read at random: 4 KB pages cost a TLB miss per match).
    Narrow {
        /// Slots per row: SLOTS, or fewer when no row needs them.
        width: usize,
        slots: Slots,
        spill_offsets: Vec<u32>,
        spill_values: Vec<u16>,
    },
    /// Document d's row is values[offsets[d]..offsets[d+1]].
    Wide { offsets: Vec<u32>, values: Vec<u32> },
}

/// The narrow rows' memory: anonymous, advised for huge pages.
struct Slots(memmap2::MmapMut);

impl Slots {
    fn new(len: usize) -> std::io::Result<Slots> {
        let map = memmap2::MmapMut::map_anon((2 * len).max(1))?;
        #[cfg(target_os = "linux")]
        let _ = map.advise(memmap2::Advice::HugePage); // a hint: 4 KB pages work too
        let mut slots = Slots(map);
        slots.as_mut().fill(EMPTY);
        Ok(slots)
    }

    #[inline(always)]
    fn as_ref(&self) -> &[u16] {
        // SAFETY: the map is page-aligned (so u16-aligned) and holds 2 * len bytes.
        unsafe { std::slice::from_raw_parts(self.0.as_ptr().cast::<u16>(), self.0.len() / 2) }
    }

    fn as_mut(&mut self) -> &mut [u16] {
        let len = self.0.len() / 2;
        // SAFETY: as `as_ref`, and the map is borrowed mutably.
        unsafe { std::slice::from_raw_parts_mut(self.0.as_mut_ptr().cast::<u16>(), len) }
    }
}

impl FacetRows {
    /// Lay out `columns` (one segment's, in request order) a row per document.
    pub fn build(columns: &[Arc<FacetColumn>], max_doc: DocId) -> FacetRows {
        FacetRows::build_as(columns, max_doc, true)
    }

    /// As `build`; `narrow` false lays out wide rows whatever the number of ordinals.
    pub(crate) fn build_as(
        columns: &[Arc<FacetColumn>],
        max_doc: DocId,
        narrow: bool,
    ) -> FacetRows {
        let mut bases = Vec::with_capacity(columns.len() + 1);
        let mut next = 0u32;
        for column in columns {
            bases.push(next);
            next += column.num_terms() as u32;
        }
        bases.push(next);
        let mut row: Vec<u32> = Vec::new();
        let each_row = |doc: DocId, row: &mut Vec<u32>| {
            row.clear();
            for (column, &base) in columns.iter().zip(&bases) {
                row.extend(column.values(doc).iter().map(|&v| base + v));
            }
        };
        let longest = (0..max_doc)
            .map(|doc| columns.iter().map(|c| c.values(doc).len()).sum::<usize>())
            .max()
            .unwrap_or(0);
        let width = if longest > SLOTS {
            SLOTS
        } else if longest == 0 {
            0
        } else {
            longest.next_power_of_two()
        };
        let narrow = narrow
            .then(|| Slots::new(width * max_doc as usize).ok())
            .flatten()
            .filter(|_| next < u32::from(SPILLED));
        let layout = if let Some(mut slots) = narrow {
            let (mut spill_offsets, mut spill_values) = (vec![0u32], vec![]);
            let all = slots.as_mut();
            for doc in 0..max_doc {
                each_row(doc, &mut row);
                let slot = &mut all[width * doc as usize..width * (doc as usize + 1)];
                let inline = if row.len() <= width {
                    row.len()
                } else {
                    SPILL_AT
                };
                for (s, &v) in slot.iter_mut().zip(&row[..inline]) {
                    *s = v as u16;
                }
                if inline < row.len() {
                    let at = spill_offsets.len() as u32 - 1;
                    slot[SPILL_AT] = SPILLED;
                    slot[SPILL_AT + 1] = at as u16;
                    slot[SPILL_AT + 2] = (at >> 16) as u16;
                    spill_values.extend(row[inline..].iter().map(|&v| v as u16));
                    spill_offsets.push(spill_values.len() as u32);
                }
            }
            Layout::Narrow {
                width,
                slots,
                spill_offsets,
                spill_values,
            }
        } else {
            let stored: usize = columns.iter().map(|c| c.values.len()).sum();
            let mut offsets = Vec::with_capacity(max_doc as usize + 1);
            let mut values = Vec::with_capacity(stored);
            offsets.push(0u32);
            for doc in 0..max_doc {
                each_row(doc, &mut row);
                values.extend_from_slice(&row);
                offsets.push(values.len() as u32);
            }
            Layout::Wide { offsets, values }
        };
        FacetRows { layout, bases }
    }

    /// Start loading the document's row (narrow), or where it lies (wide).
    #[inline(always)]
    pub fn prefetch(&self, doc: DocId) {
        match &self.layout {
            Layout::Narrow { width, slots, .. } => {
                prefetch(slots.as_ref().as_ptr().wrapping_add(width * doc as usize))
            }
            Layout::Wide { offsets, .. } => prefetch(offsets.as_ptr().wrapping_add(doc as usize)),
        }
    }

    /// Wide rows: start loading the row itself (its first and last value: it may cross a
    /// line), once `prefetch` has brought its offsets.
    #[inline(always)]
    pub fn prefetch_again(&self, doc: DocId) {
        if let Layout::Wide { offsets, values } = &self.layout {
            let (start, end) = (
                offsets[doc as usize] as usize,
                offsets[doc as usize + 1] as usize,
            );
            prefetch(values.as_ptr().wrapping_add(start));
            if end > start {
                prefetch(values.as_ptr().wrapping_add(end - 1));
            }
        }
    }

    /// Call `each` with every value of the document's row (facet by facet, offset by base).
    #[inline(always)]
    pub fn for_each(&self, doc: DocId, mut each: impl FnMut(u32)) {
        match &self.layout {
            Layout::Narrow {
                width,
                slots,
                spill_offsets,
                spill_values,
            } => {
                let slot = &slots.as_ref()[width * doc as usize..width * (doc as usize + 1)];
                for (at, &v) in slot.iter().enumerate() {
                    if v == EMPTY {
                        return;
                    }
                    // Only a full-width row spills (and only from SPILL_AT on).
                    if v == SPILLED && at == SPILL_AT {
                        let spilled = u32::from(slot[at + 1]) | u32::from(slot[at + 2]) << 16;
                        let (start, end) = (
                            spill_offsets[spilled as usize] as usize,
                            spill_offsets[spilled as usize + 1] as usize,
                        );
                        for &v in &spill_values[start..end] {
                            each(u32::from(v));
                        }
                        return;
                    }
                    each(u32::from(v));
                }
            }
            Layout::Wide { offsets, values } => {
                let (start, end) = (
                    offsets[doc as usize] as usize,
                    offsets[doc as usize + 1] as usize,
                );
                for &v in &values[start..end] {
                    each(v);
                }
            }
        }
    }

    /// Length of a counts array covering every facet.
    pub fn num_ords(&self) -> usize {
        *self.bases.last().unwrap_or(&0) as usize
    }

    /// Length of the counts array `count` adds to: every facet's values, then one slot per
    /// row position for the positions a row leaves empty.
    pub fn counts_len(&self) -> usize {
        self.num_ords() + SLOTS
    }

    /// Add one to `counts` (of `counts_len`) for each of the document's values.
    ///
    /// A narrow row is read whole, without a branch per slot: an empty slot adds to its
    /// position's own spare count instead of the loop stopping there (the stop was
    /// mispredicted once per row, rows being of every length). Each position has its own
    /// spare so that the additions of one row do not wait for one another.
    #[inline(always)]
    pub fn count(&self, doc: DocId, counts: &mut [u32]) {
        if let Layout::Narrow { width, slots, .. } = &self.layout {
            let row = &slots.as_ref()[width * doc as usize..width * (doc as usize + 1)];
            if !(*width == SLOTS && row[SPILL_AT] == SPILLED) {
                let spare = self.num_ords();
                for (at, &value) in row.iter().enumerate() {
                    let value = usize::from(value);
                    counts[if value < spare { value } else { spare + at }] += 1;
                }
                return;
            }
        }
        self.for_each(doc, |value| counts[value as usize] += 1);
    }

    /// Bytes held by the arrays (for the memory report).
    pub fn heap_bytes(&self) -> usize {
        let layout = match &self.layout {
            Layout::Narrow {
                slots,
                spill_offsets,
                spill_values,
                ..
            } => 2 * (slots.as_ref().len() + spill_values.len()) + 4 * spill_offsets.len(),
            Layout::Wide { offsets, values } => 4 * (offsets.len() + values.len()),
        };
        layout + 4 * self.bases.len()
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
/// Rows cached per segment and list of counted facets.
type RowsBySegment = HashMap<(SegmentId, Vec<String>), Arc<FacetRows>>;

#[derive(Default)]
pub struct ColumnCache {
    facets: Mutex<HashMap<(SegmentId, String), Arc<FacetColumn>>>,
    rows: Mutex<RowsBySegment>,
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

    /// The rows of `fields` (in this order) in `segment`, built on first use.
    pub fn rows(
        &self,
        segment: &SegmentReader,
        fields: &[String],
        columns: &[Arc<FacetColumn>],
    ) -> Arc<FacetRows> {
        let key = (segment.segment_id(), fields.to_vec());
        if let Some(found) = self.rows.lock().unwrap().get(&key) {
            return found.clone();
        }
        let built = Arc::new(FacetRows::build(columns, segment.max_doc()));
        self.rows.lock().unwrap().insert(key, built.clone());
        built
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
        self.rows
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
        let rows: usize = self
            .rows
            .lock()
            .unwrap()
            .values()
            .map(|r| r.heap_bytes())
            .sum();
        let dates: usize = self
            .dates
            .lock()
            .unwrap()
            .values()
            .map(|c| 8 * c.seconds.len())
            .sum();
        facets + rows + dates
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
