//! The thin Python layer: plain data in (a JSON query tree, lists, ints), plain data out.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::OnceLock;

use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::engine::{AnalyzerSpec, Engine, Request, SearchError, Sort};
use crate::snippet::Stemmers;
use crate::tree;

fn to_pyerr(error: SearchError) -> PyErr {
    match error {
        SearchError::Query(message) => PyValueError::new_err(message),
        SearchError::Index(message) => PyOSError::new_err(message),
    }
}

/// An embedded index opened for searching by the native core.
#[pyclass(frozen)]
struct NativeIndex {
    engine: Engine,
}

#[pymethods]
impl NativeIndex {
    /// Open the index at `path`; `analyzers` are (name, max token bytes, Snowball language or
    /// None) as the writer registered them; counting runs on `threads` threads.
    #[new]
    fn new(
        py: Python<'_>,
        path: PathBuf,
        analyzers: Vec<(String, usize, Option<String>)>,
        threads: usize,
    ) -> PyResult<Self> {
        let specs: Vec<AnalyzerSpec> = analyzers
            .into_iter()
            .map(|(name, max_token_bytes, stemmer)| AnalyzerSpec {
                name,
                max_token_bytes,
                stemmer,
            })
            .collect();
        let engine = py
            .detach(|| Engine::open(&path, &specs, threads.max(1)))
            .map_err(to_pyerr)?;
        Ok(NativeIndex { engine })
    }

    /// One search: a dict with total, hits [(score or None, stored bytes)], facets
    /// {name: [(value, count)]} (a short-span facet only when the span allows), first and
    /// last (seconds since the epoch, or None; midnight of the first and last day when
    /// `day_facet`, a counted facet of UTC days, is given).
    #[pyo3(signature = (tree, selections, facets, short_span_facets, sort, limit, offset, date_field, stored_field, day_facet=None, month_facet=None))]
    #[allow(clippy::too_many_arguments)]
    fn search<'py>(
        &self,
        py: Python<'py>,
        tree: &str,
        selections: Vec<(String, Vec<String>)>,
        facets: Vec<(String, usize)>,
        short_span_facets: Vec<(String, i64)>,
        sort: &str,
        limit: usize,
        offset: usize,
        date_field: String,
        stored_field: String,
        day_facet: Option<String>,
        month_facet: Option<String>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let sort = match sort {
            "relevance" => Sort::Score,
            "newest" => Sort::Newest,
            "oldest" => Sort::Oldest,
            other => return Err(PyValueError::new_err(format!("unknown sort {other:?}"))),
        };
        let tree = tree::parse(tree).map_err(|e| PyValueError::new_err(e.0))?;
        let request = Request {
            tree,
            selections,
            facets,
            short_span_facets,
            sort,
            limit,
            offset,
            date_field,
            stored_field,
            day_facet,
            month_facet,
        };
        let output = py
            .detach(|| self.engine.search(&request))
            .map_err(to_pyerr)?;

        let answer = PyDict::new(py);
        answer.set_item("total", output.total)?;
        let hits = PyList::empty(py);
        for hit in &output.hits {
            hits.append((hit.score, PyBytes::new(py, &hit.stored)))?;
        }
        answer.set_item("hits", hits)?;
        let counted = PyDict::new(py);
        for (name, values) in output.facets {
            counted.set_item(name, values)?;
        }
        answer.set_item("facets", counted)?;
        answer.set_item("first", output.first)?;
        answer.set_item("last", output.last)?;
        Ok(answer)
    }

    /// The tokens of `text` under the analyzer registered as `name`.
    fn analyze(&self, name: &str, text: &str) -> PyResult<Vec<String>> {
        self.engine.analyze(name, text).map_err(to_pyerr)
    }

    /// Live documents in the latest commit.
    fn num_docs(&self, py: Python<'_>) -> PyResult<u64> {
        py.detach(|| self.engine.num_docs()).map_err(to_pyerr)
    }

    /// Bytes held by the per-segment column cache.
    fn cache_bytes(&self) -> usize {
        self.engine.cache_bytes()
    }
}

/// Merge the index at `path` into at most `parts` segments of near-equal size (no writer may
/// be open on it); how many segments it has afterwards.
#[pyfunction]
fn merge_segments(py: Python<'_>, path: PathBuf, parts: usize) -> PyResult<usize> {
    py.detach(|| crate::merge::merge_into(&path, parts))
        .map_err(to_pyerr)
}

/// Merge the small segments of the index at `path` into one (see merge.rs; no writer may
/// be open on it); how many segments it has afterwards.
#[pyfunction]
fn merge_small_segments(
    py: Python<'_>,
    path: PathBuf,
    parts: usize,
    budget: u64,
) -> PyResult<usize> {
    py.detach(|| crate::merge::merge_small(&path, parts, budget))
        .map_err(to_pyerr)
}

/// highlight.snippet's excerpt of `text`: `forms` are the query words' lower-case and stemmed
/// forms, `prefixes` its prefixes (lower-case); None when Python must make it (snippet.rs).
#[pyfunction]
fn snippet(text: &str, forms: Vec<String>, prefixes: Vec<String>, size: usize) -> Option<String> {
    static STEMMERS: OnceLock<Stemmers> = OnceLock::new();
    let forms: HashSet<String> = forms.into_iter().collect();
    crate::snippet::snippet(
        STEMMERS.get_or_init(Stemmers::default),
        text,
        &forms,
        &prefixes,
        size,
    )
}

/// The version of the tantivy crate this module was built with.
#[pyfunction]
fn tantivy_version() -> &'static str {
    tantivy::version_string()
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeIndex>()?;
    m.add_function(wrap_pyfunction!(tantivy_version, m)?)?;
    m.add_function(wrap_pyfunction!(merge_segments, m)?)?;
    m.add_function(wrap_pyfunction!(merge_small_segments, m)?)?;
    m.add_function(wrap_pyfunction!(snippet, m)?)?;
    Ok(())
}
