//! JSON Lines dumps (one article object per line, as news crawlers and datasets write
//! them), streamed line by line. Field names are configurable ([`JsonlFields`]); a bad
//! line is reported with its number and the others are read.

use std::io::BufRead;

use serde_json::Value;

use crate::items::{Content, Hints, ItemError, ItemResult, JsonlFields};
use crate::{IngestError, Item, MAX_INPUT_BYTES};

pub(crate) fn read<R: BufRead>(
    reader: &mut R,
    name: &str,
    fields: &JsonlFields,
    sink: &mut dyn FnMut(ItemResult),
) {
    let mut line = Vec::new();
    let mut number = 0usize;
    loop {
        line.clear();
        number += 1;
        match reader.read_until(b'\n', &mut line) {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                sink(Err(ItemError {
                    name: format!("{name}:{number}"),
                    error: crate::items::gzip_or_io(e),
                }));
                return;
            }
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let line_name = format!("{name}:{number}");
        if line.len() as u64 > MAX_INPUT_BYTES {
            sink(Err(ItemError {
                name: line_name,
                error: IngestError::TooLarge,
            }));
            continue;
        }
        sink(parse_line(&line, &line_name, fields));
    }
}

fn parse_line(line: &[u8], name: &str, fields: &JsonlFields) -> ItemResult {
    let fail = |msg: String| ItemError {
        name: name.to_string(),
        error: IngestError::Container(msg),
    };
    let value: Value =
        serde_json::from_slice(line).map_err(|e| fail(format!("invalid JSON: {e}")))?;
    if !value.is_object() {
        return Err(fail("not a JSON object".into()));
    }
    let first = |names: &[String]| names.iter().find_map(|n| string_at(&value, n));
    let name = match first(&fields.id) {
        Some(id) => format!("{name} (id {id})"),
        None => name.to_string(),
    };
    let fail = |msg: String| ItemError {
        name: name.clone(),
        error: IngestError::Container(msg),
    };
    let content = if let Some(text) = first(&fields.text) {
        Content::Text(text)
    } else if let Some(html) = first(&fields.html) {
        Content::Html(html)
    } else {
        return Err(fail(format!(
            "no article text: none of the fields {} holds a string",
            fields
                .text
                .iter()
                .chain(&fields.html)
                .map(|f| format!("{f:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    };
    Ok(Item {
        name,
        content,
        hints: Hints {
            source: "jsonl",
            url: first(&fields.url),
            title: first(&fields.title),
            byline: first(&fields.author),
            published: first(&fields.date),
            ..Hints::default()
        },
    })
}

/// The string at a dotted path; numbers are written out and lists of strings joined
/// with ", " (authors), so that ids and author lists are usable as they come.
fn string_at(value: &Value, path: &str) -> Option<String> {
    let mut v = value;
    for key in path.split('.') {
        v = v.get(key)?;
    }
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Array(items) => items
            .iter()
            .filter_map(|i| match i {
                Value::String(s) => Some(s.trim().to_string()),
                Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_string),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(", "),
        _ => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_lines_with_default_and_custom_fields() {
        let data = concat!(
            "{\"id\": 7, \"title\": \"Putin meets Assad\", \"text\": \"Assad stayed four hours.\", \"authors\": [\"Jane Roe\", \"John Doe\"], \"meta\": {\"url\": \"https://e.com/a\"}}\n",
            "\n",
            "not json\n",
            "{\"html\": \"<p>Page</p>\", \"date_publish\": \"2017-11-21\"}\n",
            "{\"other\": 1}\n",
        );
        let mut fields = JsonlFields::default();
        fields.url.insert(0, "meta.url".into());
        let mut got = Vec::new();
        read(&mut data.as_bytes(), "dump.jsonl", &fields, &mut |r| {
            got.push(r)
        });
        assert_eq!(got.len(), 4);
        let a = got[0].as_ref().unwrap();
        assert_eq!(a.name, "dump.jsonl:1 (id 7)");
        assert_eq!(a.content, Content::Text("Assad stayed four hours.".into()));
        assert_eq!(a.hints.byline.as_deref(), Some("Jane Roe, John Doe"));
        assert_eq!(a.hints.url.as_deref(), Some("https://e.com/a"));
        let e = got[1].as_ref().unwrap_err();
        assert_eq!(e.name, "dump.jsonl:3");
        assert!(e.error.to_string().contains("invalid JSON"), "{}", e.error);
        let b = got[2].as_ref().unwrap();
        assert_eq!(b.content, Content::Html("<p>Page</p>".into()));
        assert_eq!(b.hints.published.as_deref(), Some("2017-11-21"));
        let e = got[3].as_ref().unwrap_err();
        assert!(
            e.error.to_string().contains("no article text"),
            "{}",
            e.error
        );
    }
}
