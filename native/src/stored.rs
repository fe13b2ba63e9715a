//! A hit's stored record read straight from the document store's bytes.
//!
//! tantivy's document deserializer reads a bytes value one byte at a time (a `Read` call per
//! byte), which cost about as much as ranking a rare word's matches. A stored document is laid
//! out as: the number of values (VInt), then per value its field id (u32, little endian), a
//! type code and, for bytes, their length (VInt) and the bytes themselves. When a document is
//! exactly that (every value bytes, as the writer stores an article), the record is sliced out
//! of it; anything else is left to tantivy's deserializer.

use tantivy::schema::Field;

/// tantivy's type code of a bytes value in a stored document.
const BYTES_CODE: u8 = 4;
/// Set on the last byte of a VInt (tantivy's variable-length integers).
const STOP_BIT: u8 = 128;

/// A VInt at the start of `raw`, and what follows it.
fn vint(raw: &[u8]) -> Option<(usize, &[u8])> {
    let mut value = 0u64;
    for (at, &byte) in raw.iter().enumerate().take(10) {
        value |= u64::from(byte % STOP_BIT) << (7 * at);
        if byte >= STOP_BIT {
            return Some((usize::try_from(value).ok()?, &raw[at + 1..]));
        }
    }
    None
}

/// The first value of `field` in the stored document `raw`, when every value before it is
/// bytes; None when the layout is anything else or the field is absent.
pub fn bytes_value(raw: &[u8], field: Field) -> Option<&[u8]> {
    let (count, mut rest) = vint(raw)?;
    for _ in 0..count {
        let id = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?);
        if *rest.get(4)? != BYTES_CODE {
            return None;
        }
        let (len, after) = vint(&rest[5..])?;
        let value = after.get(..len)?;
        if id == field.field_id() {
            return Some(value);
        }
        rest = &after[len..];
    }
    None
}
