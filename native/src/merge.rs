//! Merging an index's segments into a few of near-equal size, one per search thread.
//!
//! A search pays a fixed cost in every segment (its terms looked up, their postings opened,
//! its counts mapped to global values), and the search threads share the work by segment: an
//! index left by bulk loading (16 segments of 3k to 325k articles at 1M) pays that cost 16
//! times and leaves one thread waiting on the largest segment.

use std::cmp::Reverse;
use std::path::Path;

use tantivy::index::SegmentId;
use tantivy::indexer::NoMergePolicy;
use tantivy::{Index, IndexWriter, TantivyDocument};

use crate::engine::SearchError;

/// Memory for the writer that merges (it indexes nothing).
const WRITER_HEAP_BYTES: usize = 50_000_000;

/// Segments in `groups` groups of near-equal document counts (largest first into the
/// lightest group).
pub fn balanced_groups(segments: &[(SegmentId, u32)], groups: usize) -> Vec<Vec<SegmentId>> {
    let mut sorted = segments.to_vec();
    sorted.sort_by_key(|&(id, docs)| (Reverse(docs), id));
    let mut filled: Vec<(u64, Vec<SegmentId>)> = vec![(0, Vec::new()); groups.max(1)];
    for (id, docs) in sorted {
        let lightest = filled
            .iter_mut()
            .min_by_key(|(total, _)| *total)
            .expect("at least one group");
        lightest.0 += u64::from(docs);
        lightest.1.push(id);
    }
    filled
        .into_iter()
        .map(|(_, ids)| ids)
        .filter(|ids| !ids.is_empty())
        .collect()
}

/// A segment under this share of a search thread's part of the index counts as small.
const SMALL_SHARE: u64 = 4;

/// Merge the small segments of the index at `path` (each under a quarter of what one of
/// `parts` search threads would get) into one, when there are two or more and they hold at
/// most `budget` documents; the number of segments afterwards. An ingest passes a budget in
/// proportion to what it wrote, so a bulk load ends with few segments while a small ingest
/// into a large index leaves the merging to the writer's own policy. Needs the write lock.
pub fn merge_small(path: &Path, parts: usize, budget: u64) -> Result<usize, SearchError> {
    let index = Index::open_in_dir(path)?;
    let metas = index.searchable_segment_metas()?;
    let total: u64 = metas.iter().map(|meta| u64::from(meta.num_docs())).sum();
    let small_below = total / parts.max(1) as u64 / SMALL_SHARE;
    let small: Vec<&tantivy::index::SegmentMeta> = metas
        .iter()
        .filter(|meta| u64::from(meta.num_docs()) < small_below)
        .collect();
    let small_docs: u64 = small.iter().map(|meta| u64::from(meta.num_docs())).sum();
    if small.len() < 2 || small_docs > budget {
        return Ok(metas.len());
    }
    merge_groups(&index, vec![small.iter().map(|meta| meta.id()).collect()])
}

/// Merge the index at `path` into at most `parts` segments of near-equal size; the number
/// of segments it has afterwards. Needs the index's write lock (no other writer open).
pub fn merge_into(path: &Path, parts: usize) -> Result<usize, SearchError> {
    let index = Index::open_in_dir(path)?;
    let segments: Vec<(SegmentId, u32)> = index
        .searchable_segment_metas()?
        .iter()
        .map(|meta| (meta.id(), meta.num_docs()))
        .collect();
    if segments.len() <= parts.max(1) {
        return Ok(segments.len());
    }
    merge_groups(&index, balanced_groups(&segments, parts))
}

/// Merge each group of two or more segments into one; the number of segments afterwards.
fn merge_groups(index: &Index, groups: Vec<Vec<SegmentId>>) -> Result<usize, SearchError> {
    let mut writer: IndexWriter<TantivyDocument> =
        index.writer_with_num_threads(1, WRITER_HEAP_BYTES)?;
    // Only the merges asked for here: the writer's own policy would start others meanwhile.
    writer.set_merge_policy(Box::new(NoMergePolicy));
    for group in groups.iter().filter(|group| group.len() > 1) {
        writer.merge(group).wait()?;
    }
    writer.wait_merging_threads()?;
    Ok(index.searchable_segment_metas()?.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_are_near_equal_and_hold_every_segment() {
        let sizes = [325, 216, 214, 41, 38, 37, 30, 26, 26, 25, 5, 4, 4, 3, 3, 3];
        let segments: Vec<(SegmentId, u32)> = sizes
            .iter()
            .map(|&n| (SegmentId::generate_random(), n * 1000))
            .collect();
        let groups = balanced_groups(&segments, 2);
        assert_eq!(groups.len(), 2);
        let docs = |group: &Vec<SegmentId>| -> u32 {
            group
                .iter()
                .map(|id| segments.iter().find(|(s, _)| s == id).unwrap().1)
                .sum()
        };
        let (a, b) = (docs(&groups[0]), docs(&groups[1]));
        assert_eq!(a + b, sizes.iter().sum::<u32>() * 1000);
        assert!(a.abs_diff(b) <= 5000, "{a} against {b}");
        // Fewer segments than groups: no empty group.
        assert_eq!(balanced_groups(&segments[..1], 2).len(), 1);
    }
}
