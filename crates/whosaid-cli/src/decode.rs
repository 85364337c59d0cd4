//! Turning an input's bytes into the text the extractor reads: byte
//! order marks, `--encoding`, guessing the encoding of legacy files,
//! and HTML character references (`&ldquo;`, `&#8220;`) in plain text.
//!
//! Offsets in the output index the text made here. That text is the
//! file's own bytes whenever the file is valid UTF-8 without character
//! references (a UTF-8 byte order mark is kept out of it but counted in
//! [`Decoded::offset`]); in every other case it is the UTF-8 text after
//! decoding, which has no byte order mark, and offsets index that.

use std::borrow::Cow;

use anyhow::bail;
use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// The message for bytes that are not text.
const NOT_TEXT: &str = "not a text file (contains NUL bytes)";

/// A decoded text.
#[derive(Debug)]
pub(crate) struct Decoded {
    /// The text, without a byte order mark.
    pub(crate) text: String,
    /// How many bytes of the input come before `text` when `text` is
    /// the input's own bytes: the length of a UTF-8 byte order mark, or
    /// 0. Always 0 when the text was transcoded.
    pub(crate) offset: usize,
    /// What the user should know about the decoding (a guessed
    /// encoding, replaced bytes), if anything.
    pub(crate) warning: Option<String>,
}

/// Decodes `bytes` as text.
///
/// The encoding is, in this order: `forced` (`--encoding`); the one a
/// byte order mark names (UTF-8, UTF-16LE, UTF-16BE); UTF-8 if the
/// bytes are valid UTF-8; `declared` (an HTML page's `<meta charset>`);
/// UTF-8 again if most of the bytes are UTF-8 and only a few are not
/// (then the few become U+FFFD); and otherwise the guess of a detector
/// built for legacy web pages (`chardetng`), which for English is
/// Windows-1252 nearly always.
///
/// # Errors
///
/// Fails when the text contains NUL, which text never does: the input
/// is binary (an image, a PDF), or UTF-16 without a byte order mark.
pub(crate) fn decode(
    mut bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
    declared: Option<&'static Encoding>,
) -> anyhow::Result<Decoded> {
    let bom = Encoding::for_bom(&bytes);
    let (encoding, bom_len, guessed) = match (forced, bom) {
        (Some(forced), Some((marked, len))) if marked == forced => {
            (forced, len, false)
        }
        (Some(forced), _) => (forced, 0, false),
        (None, Some((marked, len))) => (marked, len, false),
        (None, None) => {
            if memchr::memchr(0, &bytes).is_some() {
                if looks_like_utf16(&bytes) {
                    bail!(
                        "{NOT_TEXT}; UTF-16 needs a byte order mark or \
                         --encoding utf-16le"
                    );
                }
                bail!(NOT_TEXT);
            }
            // The common case, validated once and not copied.
            match String::from_utf8(std::mem::take(&mut bytes)) {
                Ok(text) => {
                    return Ok(Decoded { text, offset: 0, warning: None });
                }
                Err(error) => bytes = error.into_bytes(),
            }
            match declared {
                Some(declared) => (declared, 0, false),
                None if is_mostly_utf8(&bytes) => (UTF_8, 0, false),
                None => (guess(&bytes), 0, true),
            }
        }
    };
    if encoding == UTF_8 {
        // Kept out of the text, where the extractor would take it for
        // part of a word, but counted, so that offsets still index the
        // file's bytes.
        bytes.drain(..bom_len);
        if memchr::memchr(0, &bytes).is_some() {
            bail!(NOT_TEXT);
        }
        return Ok(match String::from_utf8(bytes) {
            Ok(text) => Decoded { text, offset: bom_len, warning: None },
            Err(error) => Decoded {
                text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
                offset: bom_len,
                warning: Some(
                    "invalid UTF-8, decoded with replacement characters \
                     (offsets refer to the decoded text)"
                        .into(),
                ),
            },
        });
    }
    let (text, had_errors) =
        encoding.decode_without_bom_handling(&bytes[bom_len..]);
    if text.contains('\0') {
        bail!(NOT_TEXT);
    }
    let name = encoding.name();
    let warning = if had_errors {
        Some(format!(
            "invalid {name}, decoded with replacement characters (offsets \
             refer to the decoded text)"
        ))
    } else if guessed {
        Some(format!(
            "not UTF-8, decoded as {name} (offsets refer to the decoded \
             text)"
        ))
    } else {
        None
    };
    Ok(Decoded { text: text.into_owned(), offset: 0, warning })
}

/// Whether bytes that are not valid UTF-8 are still UTF-8 with a few
/// stray bytes: more valid multibyte characters than invalid sequences.
///
/// A legacy file read as UTF-8 has no valid multibyte characters, or
/// next to none (a Windows-1252 pair such as `Ã©` happens to be one);
/// a UTF-8 article with one pasted Latin-1 byte has many. The second is
/// better read as UTF-8 with a U+FFFD than as Windows-1252 mojibake.
fn is_mostly_utf8(bytes: &[u8]) -> bool {
    let (mut multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    multibyte > invalid
}

/// Whether bytes with NUL in them look like UTF-16 without a byte order
/// mark: English in UTF-16 has a NUL in every other byte, all on the
/// same side.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let nul_at = |parity: usize| {
        head.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count()
    };
    let (even, odd) = (nul_at(0), nul_at(1));
    let half = head.len() / 2;
    even.max(odd) * 2 > half && even.min(odd) * 20 < half
}

/// The legacy encoding `bytes` most likely are in.
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut detector = EncodingDetector::new(Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    detector.guess(None, Utf8Detection::Deny)
}

/// The encoding named by `label` (`utf-8`, `utf-16le`, `windows-1252`,
/// `latin1`, `shift_jis`: any WHATWG label), for `--encoding`.
///
/// # Errors
///
/// Fails on a label that names no encoding, or names the "replacement"
/// encoding, which decodes every input to one U+FFFD.
pub(crate) fn parse_encoding(
    label: &str,
) -> Result<&'static Encoding, String> {
    Encoding::for_label_no_replacement(label.trim().as_bytes()).ok_or_else(
        || {
            format!(
                "unknown encoding {label:?} (try utf-8, utf-16le, \
                 utf-16be, windows-1252, iso-8859-15, shift_jis)"
            )
        },
    )
}

/// `text` with its HTML character references decoded, or `None` when
/// it has none.
///
/// Only complete references ending in `;` are decoded: named ones
/// (`&ldquo;`, `&amp;`, any of the HTML5 names) and numeric ones
/// (`&#8220;`, `&#x201C;`, and `&#147;`, which means U+201C as
/// Windows-1252 byte 0x93 does, as in browsers). `R&D`, `&c.` and
/// unknown names are left as they are, and so are numeric references
/// to NUL, surrogates or control characters. A decoded `&amp;` is not
/// decoded again: `&amp;quot;` is `&quot;`.
pub(crate) fn decode_entities(text: &str) -> Option<String> {
    let mut decoded = String::new();
    let mut copied = 0;
    for at in memchr::memchr_iter(b'&', text.as_bytes()) {
        if at < copied {
            continue;
        }
        let Some((len, value)) = reference(&text[at..]) else {
            continue;
        };
        decoded.push_str(&text[copied..at]);
        decoded.push_str(&value);
        copied = at + len;
    }
    if copied == 0 {
        return None;
    }
    decoded.push_str(&text[copied..]);
    Some(decoded)
}

/// The character reference at the start of `text` (which starts with
/// `&`): its length in bytes and what it stands for.
fn reference(text: &str) -> Option<(usize, Cow<'_, str>)> {
    // The longest HTML5 name, `&CounterClockwiseContourIntegral;`, is
    // 33 bytes long.
    const LONGEST: usize = 40;
    let bytes = text.as_bytes();
    let window = &bytes[1..bytes.len().min(LONGEST)];
    let semicolon = 1 + window.iter().position(|&b| b == b';')?;
    let body = &text[1..semicolon];
    let len = semicolon + 1;
    if let Some(number) = body.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) if is_digits(hex, 6, |b| b.is_ascii_hexdigit()) => {
                u32::from_str_radix(hex, 16).ok()?
            }
            None if is_digits(number, 7, |b| b.is_ascii_digit()) => {
                number.parse().ok()?
            }
            _ => return None,
        };
        let value = numeric(code)?;
        return Some((len, Cow::Owned(value.to_string())));
    }
    let is_name = body.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        && body.bytes().all(|b| b.is_ascii_alphanumeric());
    if !is_name {
        return None;
    }
    match html_escape::decode_html_entities(&text[..len]) {
        Cow::Owned(value) => Some((len, Cow::Owned(value))),
        Cow::Borrowed(_) => None,
    }
}

/// Whether `s` is 1 to `max` bytes, each accepted by `is_digit`.
fn is_digits(s: &str, max: usize, is_digit: fn(&u8) -> bool) -> bool {
    (1..=max).contains(&s.len()) && s.as_bytes().iter().all(is_digit)
}

/// The character a numeric reference stands for, as a browser reads it,
/// or `None` for one left as it is.
fn numeric(code: u32) -> Option<char> {
    if let Ok(byte @ 0x80..=0x9F) = u8::try_from(code) {
        // Windows-1252 text pasted into HTML as numbers: `&#147;`.
        let bytes = [byte];
        let (text, _) = WINDOWS_1252.decode_without_bom_handling(&bytes);
        return text.chars().next().filter(|c| !c.is_control());
    }
    char::from_u32(code).filter(|c| !c.is_control() || c.is_whitespace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE};

    fn text(bytes: &[u8]) -> Decoded {
        decode(bytes.to_vec(), None, None).unwrap()
    }

    #[test]
    fn utf8_keeps_bytes_and_counts_the_bom() {
        let d = text(b"\xEF\xBB\xBF\"Hi,\" he said.");
        assert_eq!((d.text.as_str(), d.offset), ("\"Hi,\" he said.", 3));
        assert!(d.warning.is_none());
        // Only a leading mark is skipped.
        let d = text("a\u{FEFF}b".as_bytes());
        assert_eq!((d.text.as_str(), d.offset), ("a\u{FEFF}b", 0));
        let d = text(b"");
        assert_eq!((d.text.as_str(), d.offset), ("", 0));
    }

    #[test]
    fn utf16_with_a_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in "\u{201C}Hi,\u{201D} she said.".encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        for bytes in [le, be] {
            let d = text(&bytes);
            assert_eq!(d.text, "\u{201C}Hi,\u{201D} she said.");
            assert_eq!(d.offset, 0);
            assert!(d.warning.is_none());
        }
    }

    #[test]
    fn windows_1252_is_detected() {
        let d =
            text(b"\x93We will rebuild,\x94 the mayor said. It\x92s done.");
        assert_eq!(
            d.text,
            "\u{201C}We will rebuild,\u{201D} the mayor said. It\u{2019}s done."
        );
        assert_eq!(d.offset, 0);
        let warning = d.warning.unwrap();
        assert!(warning.contains("decoded as windows-1252"), "{warning}");
        let d = text(b"\"Caf\xE9 Lumi\xE8re is open,\" she said.");
        assert_eq!(d.text, "\"Caf\u{E9} Lumi\u{E8}re is open,\" she said.");
    }

    #[test]
    fn mostly_utf8_stays_utf8() {
        let d =
            text(&["\u{201C}Caf\u{E9}\u{201D} ".as_bytes(), b"\xE9"].concat());
        assert_eq!(d.text, "\u{201C}Caf\u{E9}\u{201D} \u{FFFD}");
        assert!(d.warning.unwrap().starts_with("invalid UTF-8"));
    }

    #[test]
    fn forced_and_declared_encodings_win() {
        let cp1252 = b"\x93Hi\x94";
        let d = decode(cp1252.to_vec(), Some(UTF_8), None).unwrap();
        assert_eq!(d.text, "\u{FFFD}Hi\u{FFFD}");
        let latin = parse_encoding("latin1").unwrap();
        let d = decode(cp1252.to_vec(), Some(latin), None).unwrap();
        assert_eq!(d.text, "\u{201C}Hi\u{201D}");
        assert!(d.warning.is_none());
        let koi = parse_encoding("koi8-r").unwrap();
        let d = decode(b"\xF0\xD2\xC9".to_vec(), None, Some(koi)).unwrap();
        assert_eq!(d.text, "\u{41F}\u{440}\u{438}");
        // Forced UTF-16 without a mark; a matching mark is dropped.
        let d = decode(b"H\0i\0".to_vec(), Some(UTF_16LE), None).unwrap();
        assert_eq!(d.text, "Hi");
        let d =
            decode(b"\xFE\xFF\0H\0i".to_vec(), Some(UTF_16BE), None).unwrap();
        assert_eq!((d.text.as_str(), d.offset), ("Hi", 0));
    }

    #[test]
    fn nul_is_not_text() {
        for bytes in
            [&b"PK\x03\x04\x00\x00"[..], b"H\0i\0", b"\x89PNG\r\n\x1a\n\0"]
        {
            let err = decode(bytes.to_vec(), None, None).unwrap_err();
            assert!(err.to_string().starts_with(NOT_TEXT), "{err}");
        }
        // The hint about UTF-16 is given only where it applies.
        let hint = |bytes: &[u8]| {
            let err = decode(bytes.to_vec(), None, None).unwrap_err();
            err.to_string().contains("UTF-16")
        };
        assert!(hint(b"\"\0H\0i\0,\0\"\0 \0s\0h\0e\0"));
        assert!(!hint(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01"));
        let latin = parse_encoding("latin1").unwrap();
        assert!(decode(b"a\0".to_vec(), Some(latin), None).is_err());
        assert!(decode(b"\xEF\xBB\xBFa\0".to_vec(), None, None).is_err());
    }

    #[test]
    fn encoding_labels() {
        assert_eq!(parse_encoding("UTF-8"), Ok(UTF_8));
        assert_eq!(parse_encoding("cp1252"), Ok(WINDOWS_1252));
        assert!(parse_encoding("klingon").is_err());
        assert!(parse_encoding("iso-2022-kr").is_err());
    }

    #[test]
    fn entities() {
        let cases = [
            ("&ldquo;Hi,&rdquo; she said", "\u{201C}Hi,\u{201D} she said"),
            (
                "&#8220;Hi&#x201d; &#147;x&#148;",
                "\u{201C}Hi\u{201D} \u{201C}x\u{201D}",
            ),
            ("&quot;A &amp; B&quot;", "\"A & B\""),
            ("&amp;quot; once", "&quot; once"),
            ("R&D &c. &nosuch; &amp", "R&D &c. &nosuch; &amp"),
            (
                "&#0; &#xD800; &#1; &#99999999;",
                "&#0; &#xD800; &#1; &#99999999;",
            ),
            ("caf&eacute; &hellip;&nbsp;", "caf\u{E9} \u{2026}\u{A0}"),
            ("é&amp;é", "é&é"),
        ];
        for (text, expected) in cases {
            let decoded = decode_entities(text);
            let decoded = decoded.as_deref().unwrap_or(text);
            assert_eq!(decoded, expected, "{text}");
        }
        assert_eq!(decode_entities("no references & here;"), None);
        assert_eq!(decode_entities("&"), None);
        assert_eq!(decode_entities("&;"), None);
        assert_eq!(decode_entities("&#;&#x;"), None);
    }
}
