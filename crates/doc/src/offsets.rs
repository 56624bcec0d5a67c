//! Conversion between byte offsets (what Rust string APIs and regexes use) and
//! character offsets (what the Doc stores and users slice with).

/// Maps character offsets to byte offsets and back for one text.
///
/// Pure-ASCII texts (most news in English) need no table: both offsets are equal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CharIndex {
    /// Byte offset of each char, plus one final entry equal to the text's byte length.
    /// Empty when the text is ASCII.
    starts: Vec<u32>,
    char_len: usize,
}

impl CharIndex {
    /// Builds the index of `text`.
    pub fn new(text: &str) -> CharIndex {
        if text.is_ascii() {
            return CharIndex {
                starts: Vec::new(),
                char_len: text.len(),
            };
        }
        let mut starts: Vec<u32> = text.char_indices().map(|(b, _)| b as u32).collect();
        let char_len = starts.len();
        starts.push(text.len() as u32);
        CharIndex { starts, char_len }
    }

    /// Number of chars in the text.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// Byte offset of char offset `c` (`c == char_len` gives the byte length).
    ///
    /// Panics if `c > char_len`.
    pub fn char_to_byte(&self, c: usize) -> usize {
        assert!(
            c <= self.char_len,
            "char offset {c} beyond text of {} chars",
            self.char_len
        );
        if self.starts.is_empty() {
            c
        } else {
            self.starts[c] as usize
        }
    }

    /// Char offset of byte offset `b`; a byte inside a multi-byte char maps to that char.
    pub fn byte_to_char(&self, b: usize) -> usize {
        if self.starts.is_empty() {
            return b.min(self.char_len);
        }
        match self.starts.binary_search(&(b as u32)) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn ascii_is_identity() {
        let idx = CharIndex::new("Sochi, Russia");
        assert_eq!(idx.char_to_byte(7), 7);
        assert_eq!(idx.byte_to_char(13), 13);
    }

    #[test]
    fn multibyte_chars_count_once() {
        let text = "“Assad” — Sochi";
        let idx = CharIndex::new(text);
        assert_eq!(idx.char_len(), text.chars().count());
        // "Assad" starts after one 3-byte quote mark.
        assert_eq!(idx.char_to_byte(1), 3);
        assert_eq!(idx.byte_to_char(3), 1);
        // A byte inside the opening quote belongs to char 0.
        assert_eq!(idx.byte_to_char(1), 0);
    }

    proptest! {
        #[test]
        fn roundtrip_on_any_text(text in "\\PC{0,40}") {
            let idx = CharIndex::new(&text);
            for (c, (b, _)) in text.char_indices().enumerate() {
                prop_assert_eq!(idx.char_to_byte(c), b);
                prop_assert_eq!(idx.byte_to_char(b), c);
            }
            prop_assert_eq!(idx.char_to_byte(idx.char_len()), text.len());
        }
    }
}
