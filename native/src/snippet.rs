//! Snippets of a hit's body with the query's words marked: the same excerpt, character for
//! character, as `indexer/search/highlight.py` makes, without a Python call per step.
//!
//! Python hands over the query's forms once per search (each word lower-cased and stemmed
//! in both languages) and its prefixes; a word of the text is marked when one of its forms
//! is among them, or it begins with a prefix. Offsets are counted in characters, as Python
//! counts them. A text whose lower-case form has another number of characters ("İ") is left
//! to Python, which matches it case-insensitively instead.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use frostem::{Algorithm, Stemmer};

/// Python's `str.isspace` (what `str.split()` splits on): Unicode White_Space and the four
/// ASCII separators U+001C..U+001F.
fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.isalnum`, which regular expressions read `[^\W_]` as: letters and numbers.
fn is_word(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' | 'а'..='я' | 'А'..='Я' => true,
        _ if c.is_ascii() => false,
        _ => c.is_alphanumeric(),
    }
}

/// The stemmers `_forms` applies to a word of the text (snowball.STEMMERS).
pub struct Stemmers {
    english: Stemmer,
    russian: Stemmer,
}

impl Default for Stemmers {
    fn default() -> Self {
        Stemmers {
            english: Stemmer::new(Algorithm::English),
            russian: Stemmer::new(Algorithm::Russian),
        }
    }
}

impl Stemmers {
    /// Whether the lower-case `word`, or one of its stems, is among `forms`.
    fn any_form_in(&self, word: &str, forms: &HashSet<String>) -> bool {
        let stems: [Cow<str>; 2] = [self.english.stem(word), self.russian.stem(word)];
        forms.contains(word) || stems.iter().any(|stem| forms.contains(stem.as_ref()))
    }
}

/// The excerpt of `text` of about `size` characters holding the most matches, HTML-escaped,
/// matches in `<mark>`; None when lower-casing changes the text's length.
pub fn snippet(
    stemmers: &Stemmers,
    text: &str,
    forms: &HashSet<String>,
    prefixes: &[String],
    size: usize,
) -> Option<String> {
    if prefixes.iter().any(String::is_empty) {
        return None; // Python's pattern matches everywhere then
    }
    let text: Vec<char> = squeezed(text).chars().collect();
    let lowered = lowered(&text)?;
    let spans = matches(stemmers, &lowered, forms, prefixes);
    let (start, end) = window(&text, &spans, size);
    let mut out = String::with_capacity(4 * (end - start) / 3 + 32);
    if start > 0 {
        out.push('…');
    }
    let mut cursor = start;
    for &(s, e) in &spans {
        if s < start || e > end {
            continue;
        }
        escape_into(&mut out, &text[cursor..s]);
        out.push_str("<mark>");
        escape_into(&mut out, &text[s..e]);
        out.push_str("</mark>");
        cursor = e;
    }
    escape_into(&mut out, &text[cursor..end]);
    if end < text.len() {
        out.push('…');
    }
    Some(out)
}

/// `fold_letters(text.lower())` as highlight.py makes it, character for character; None when a
/// character lowers to more than one (Python's offsets would move).
fn lowered(text: &[char]) -> Option<Vec<char>> {
    if text.contains(&'Σ') {
        // A final sigma lowers by its context: str::to_lowercase knows it, as Python does.
        let lowered: Vec<char> = text
            .iter()
            .collect::<String>()
            .to_lowercase()
            .chars()
            .map(|c| if c == 'ё' { 'е' } else { c })
            .collect();
        return (lowered.len() == text.len()).then_some(lowered);
    }
    text.iter()
        .map(|&c| match c {
            // The scripts of most news first, without a table lookup.
            'A'..='Z' => Some(c.to_ascii_lowercase()),
            // ё is matched as е, as the index holds it (indexer/search/letters.py).
            'ё' | 'Ё' => Some('е'),
            'А'..='Я' => char::from_u32(c as u32 + 32),
            'Ѐ'..='Џ' => char::from_u32(c as u32 + 80),
            _ if c.is_ascii() || ('а'..='џ').contains(&c) => Some(c),
            _ => {
                let mut lower = c.to_lowercase();
                let first = lower.next();
                lower.next().is_none().then_some(first).flatten()
            }
        })
        .collect()
}

/// `" ".join(text.split())`.
fn squeezed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(is_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// highlight._matches: the spans of words marked, in order. Snowball stems keep a word's first
/// two letters, so only words starting like a form (or a prefix) are stemmed at all.
fn matches(
    stemmers: &Stemmers,
    lowered: &[char],
    forms: &HashSet<String>,
    prefixes: &[String],
) -> Vec<(usize, usize)> {
    let heads: HashSet<Vec<char>> = forms.iter().map(|f| f.chars().take(2).collect()).collect();
    let prefixes: Vec<Vec<char>> = prefixes.iter().map(|p| p.chars().collect()).collect();
    // The regex's alternatives, longest first: it takes the first that matches.
    let mut starts: Vec<&[char]> = heads.iter().map(Vec::as_slice).collect();
    starts.extend(prefixes.iter().map(Vec::as_slice));
    starts.sort_by_key(|s| std::cmp::Reverse(s.len()));
    starts.dedup();
    if starts.is_empty() {
        return vec![];
    }
    // A few letters: a scan of them beats hashing every character of the text.
    let mut firsts: Vec<char> = starts.iter().filter_map(|s| s.first().copied()).collect();
    firsts.sort_unstable();
    firsts.dedup();
    let mut spans = vec![];
    // Whether each word seen so far is marked: a text repeats its words, and stemming costs.
    let mut marked: HashMap<&[char], bool> = HashMap::new();
    let mut word = String::new();
    // Alternatives of letters only: a match inside a word ends with that word (and is no
    // word of its own), so only the letters that open a word need a look.
    let letters_only = starts.iter().all(|s| s.iter().all(|&c| is_word(c)));
    let mut at = 0;
    while at < lowered.len() {
        if letters_only && at > 0 && is_word(lowered[at - 1]) && is_word(lowered[at]) {
            while at < lowered.len() && is_word(lowered[at]) {
                at += 1;
            }
            continue;
        }
        if !firsts.contains(&lowered[at]) {
            at += 1;
            continue;
        }
        let Some(start) = starts
            .iter()
            .find(|s| lowered[at..].starts_with(s))
            .map(|s| s.len())
        else {
            at += 1;
            continue;
        };
        let mut end = at + start.max(1);
        while end < lowered.len() && is_word(lowered[end]) {
            end += 1;
        }
        if at == 0 || !is_word(lowered[at - 1]) {
            let candidate = &lowered[at..end];
            let is_marked = *marked.entry(candidate).or_insert_with(|| {
                word.clear();
                word.extend(candidate);
                let head: Vec<char> = candidate.iter().take(2).copied().collect();
                (heads.contains(&head) && stemmers.any_form_in(&word, forms))
                    || prefixes.iter().any(|p| candidate.starts_with(p))
            });
            if is_marked {
                spans.push((at, end));
            }
        }
        at = end;
    }
    spans
}

/// highlight._window: the `size`-character window holding the most matches, snapped to spaces.
fn window(text: &[char], spans: &[(usize, usize)], size: usize) -> (usize, usize) {
    if text.len() <= size {
        return (0, text.len());
    }
    let (mut best_start, mut best_count) = (0, 0);
    let ends: Vec<usize> = spans.iter().map(|&(_, e)| e).collect();
    for (first, &(start, _)) in spans.iter().enumerate() {
        let count = ends.partition_point(|&e| e <= start + size) - first;
        if count > best_count {
            (best_start, best_count) = (start, count);
        }
    }
    let mut start = best_start.saturating_sub(size / 4);
    if start > 0 {
        if let Some(space) = text[start..].iter().position(|&c| c == ' ') {
            if start + space < best_start {
                start += space + 1;
            }
        }
    }
    let mut end = text.len().min(start + size);
    if end < text.len() {
        if let Some(space) = text[start..end].iter().rposition(|&c| c == ' ') {
            if space > 0 {
                end = start + space;
            }
        }
    }
    (start, end)
}

/// html.escape (quote=True) of `chars`, appended to `out`.
fn escape_into(out: &mut String, chars: &[char]) {
    for &c in chars {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            _ => out.push(c),
        }
    }
}
