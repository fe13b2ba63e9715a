//! Newsdesk's native search core (see engine.rs); the Python binding is in python.rs.

pub mod collector;
pub mod columns;
pub mod engine;
pub mod merge;
pub mod prefix;
pub mod snippet;
pub mod stored;
pub mod tree;

#[cfg(feature = "python")]
mod python;

#[cfg(test)]
mod tests;
