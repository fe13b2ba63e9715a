//! The engine-level query tree Python hands over (as JSON), compiled into tantivy queries.
//!
//! Text is analysed here with each field's own analyzer, exactly as tantivy's query parser does
//! for a quoted string over default fields with boosts: one token gives a term query, more give
//! a phrase (with the analyzer's positions), each field's clause is boosted unless its boost is
//! 1, and the fields are OR-ed. The pure-Python path compiles the same tree with tantivy-py.

use std::ops::Bound;

use serde::Deserialize;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, EmptyQuery, Occur, PhraseQuery, Query,
    RangeQuery, TermQuery, TermSetQuery,
};
use tantivy::schema::{Field, FieldType, IndexRecordOption, Schema};
use tantivy::tokenizer::TokenizerManager;
use tantivy::{DateTime, Term};

use crate::prefix::PrefixQuery;

/// One node of the tree; `type` names the variant in the JSON form.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Node {
    /// Every document.
    All,
    /// No document.
    Nothing,
    /// Words analysed per field: one token matches as a term, several as a phrase.
    Text {
        text: String,
        fields: Vec<(String, f32)>,
    },
    /// Terms of `field` beginning with `prefix` (unanalysed).
    Prefix { field: String, prefix: String },
    /// Any of the exact values of a keyword field.
    Terms { field: String, values: Vec<String> },
    /// A date field within [gte, lte] (seconds since the epoch; absent: open).
    DateRange {
        field: String,
        gte: Option<i64>,
        lte: Option<i64>,
    },
    /// An unsigned field within [gte, lte].
    U64Range {
        field: String,
        gte: Option<u64>,
        lte: Option<u64>,
    },
    /// Boolean combination; `filter` clauses must match and add nothing to the score.
    Bool {
        #[serde(default)]
        must: Vec<Node>,
        #[serde(default)]
        should: Vec<Node>,
        #[serde(default)]
        must_not: Vec<Node>,
        #[serde(default)]
        filter: Vec<Node>,
        /// Absent: tantivy's default (1 when there are only should clauses, else 0).
        #[serde(default)]
        minimum_should_match: Option<usize>,
    },
    /// The child's score times `boost`.
    Boost { query: Box<Node>, boost: f32 },
    /// Matches where the child matches, every document scoring `score`.
    Const { query: Box<Node>, score: f32 },
}

/// Why a tree cannot be compiled: an unknown field, a bad pattern, a missing analyzer.
#[derive(Debug)]
pub struct TreeError(pub String);

impl std::fmt::Display for TreeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parse the JSON form of a tree.
pub fn parse(json: &str) -> Result<Node, TreeError> {
    serde_json::from_str(json).map_err(|e| TreeError(format!("bad query tree: {e}")))
}

fn field(schema: &Schema, name: &str) -> Result<Field, TreeError> {
    schema
        .get_field(name)
        .map_err(|_| TreeError(format!("unknown field {name:?}")))
}

fn text_clause(
    schema: &Schema,
    tokenizers: &TokenizerManager,
    name: &str,
    text: &str,
) -> Result<Option<Box<dyn Query>>, TreeError> {
    let field = field(schema, name)?;
    let FieldType::Str(options) = schema.get_field_entry(field).field_type() else {
        return Err(TreeError(format!("field {name:?} is not a text field")));
    };
    let indexing = options
        .get_indexing_options()
        .ok_or_else(|| TreeError(format!("field {name:?} is not indexed")))?;
    let mut analyzer = tokenizers
        .get(indexing.tokenizer())
        .ok_or_else(|| TreeError(format!("no analyzer {:?}", indexing.tokenizer())))?;
    let mut terms: Vec<(usize, Term)> = Vec::new();
    let mut stream = analyzer.token_stream(text);
    stream.process(&mut |token| {
        terms.push((token.position, Term::from_field_text(field, &token.text)))
    });
    Ok(match terms.len() {
        0 => None,
        1 => Some(Box::new(TermQuery::new(
            terms.remove(0).1,
            IndexRecordOption::WithFreqs,
        ))),
        _ => Some(Box::new(PhraseQuery::new_with_offset_and_slop(terms, 0))),
    })
}

/// Compile a tree into a tantivy query over `schema`, analysing text with `tokenizers`.
pub fn compile(
    node: &Node,
    schema: &Schema,
    tokenizers: &TokenizerManager,
) -> Result<Box<dyn Query>, TreeError> {
    Ok(match node {
        Node::All => Box::new(AllQuery),
        Node::Nothing => Box::new(EmptyQuery),
        Node::Text { text, fields } => {
            let mut clauses: Vec<Box<dyn Query>> = Vec::new();
            for (name, boost) in fields {
                if let Some(clause) = text_clause(schema, tokenizers, name, text)? {
                    // As the query parser: a boost of 1 adds no wrapper (same float results).
                    if (boost - 1.0).abs() < f32::EPSILON {
                        clauses.push(clause);
                    } else {
                        clauses.push(Box::new(BoostQuery::new(clause, *boost)));
                    }
                }
            }
            match clauses.len() {
                0 => Box::new(EmptyQuery),
                1 => clauses.remove(0),
                _ => Box::new(BooleanQuery::new(
                    clauses.into_iter().map(|q| (Occur::Should, q)).collect(),
                )),
            }
        }
        Node::Prefix {
            field: name,
            prefix,
        } => Box::new(PrefixQuery::new(field(schema, name)?, prefix)),
        Node::Terms {
            field: name,
            values,
        } => {
            let field = field(schema, name)?;
            Box::new(TermSetQuery::new(
                values.iter().map(|v| Term::from_field_text(field, v)),
            ))
        }
        Node::DateRange {
            field: name,
            gte,
            lte,
        } => {
            let field = field(schema, name)?;
            let bound = |secs: &Option<i64>| match secs {
                Some(s) => Bound::Included(Term::from_field_date(
                    field,
                    DateTime::from_timestamp_secs(*s),
                )),
                None => Bound::Unbounded,
            };
            Box::new(RangeQuery::new(bound(gte), bound(lte)))
        }
        Node::U64Range {
            field: name,
            gte,
            lte,
        } => {
            let field = field(schema, name)?;
            let bound = |v: &Option<u64>| match v {
                Some(v) => Bound::Included(Term::from_field_u64(field, *v)),
                None => Bound::Unbounded,
            };
            Box::new(RangeQuery::new(bound(gte), bound(lte)))
        }
        Node::Bool {
            must,
            should,
            must_not,
            filter,
            minimum_should_match,
        } => {
            let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
            for child in must {
                clauses.push((Occur::Must, compile(child, schema, tokenizers)?));
            }
            for child in should {
                clauses.push((Occur::Should, compile(child, schema, tokenizers)?));
            }
            for child in must_not {
                clauses.push((Occur::MustNot, compile(child, schema, tokenizers)?));
            }
            for child in filter {
                let query = compile(child, schema, tokenizers)?;
                clauses.push((Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0))));
            }
            match minimum_should_match {
                Some(n) => Box::new(BooleanQuery::with_minimum_required_clauses(clauses, *n)),
                None => Box::new(BooleanQuery::new(clauses)),
            }
        }
        Node::Boost { query, boost } => {
            Box::new(BoostQuery::new(compile(query, schema, tokenizers)?, *boost))
        }
        Node::Const { query, score } => Box::new(ConstScoreQuery::new(
            compile(query, schema, tokenizers)?,
            *score,
        )),
    })
}

/// Whether the tree matches every document (the unfiltered front page).
pub fn is_all(node: &Node) -> bool {
    matches!(node, Node::All)
}

/// A date range every match must meet, checked by the pass itself: a date field and its
/// first and last second, both inclusive (None: open).
#[derive(Debug, Clone, PartialEq)]
pub struct DateFilter {
    pub field: String,
    pub gte: Option<i64>,
    pub lte: Option<i64>,
}

/// `node` without its top-level date range filters, and those filters; `node` unchanged and
/// no filter when it has none, or when nothing but them would decide the matches.
///
/// Intersected with the words' matches, a range costs its own walk over the dates (1.1 ms of
/// a 3.5 ms search at 1M articles); the pass reads a match's date for a few nanoseconds, and
/// only from the matches. A filter adds nothing to the score, so the ranking is unchanged.
pub fn split_date_filters(node: &Node) -> (Node, Vec<DateFilter>) {
    let Node::Bool {
        must,
        should,
        must_not,
        filter,
        minimum_should_match,
    } = node
    else {
        return (node.clone(), Vec::new());
    };
    // Only beside a clause that must match and is not every document (a range alone is best
    // walked by the engine itself).
    if !must.iter().any(|m| !is_all(m)) {
        return (node.clone(), Vec::new());
    }
    let mut ranges = Vec::new();
    let mut kept = Vec::new();
    for child in filter {
        match child {
            Node::DateRange { field, gte, lte } => ranges.push(DateFilter {
                field: field.clone(),
                gte: *gte,
                lte: *lte,
            }),
            other => kept.push(other.clone()),
        }
    }
    let rest = Node::Bool {
        must: must.clone(),
        should: should.clone(),
        must_not: must_not.clone(),
        filter: kept,
        minimum_should_match: *minimum_should_match,
    };
    (rest, ranges)
}
