"""Every warning and error code eventwire emits, in one place.

Codes are stable strings: scripts may match on them. Add new ones here (and a
test will check that nothing emits a code missing from these tables).
"""

WARNING_CODES: dict[str, str] = {
    "duplicate-link": "The same URL appears more than once in the input; it is listed once in `links` with its count.",
    "link-dated-after-article": "A linked URL carries a date (in its path) later than the article's own date: usually a related-story widget pasted along with the text.",
    "short-link-unexpanded": "A short link (bit.ly, reut.rs, ...) cannot be expanded offline; its target is unknown.",
    "url-repaired": "A URL broken across lines was joined back together.",
    "encoding-detected": "The input was not UTF-8; its legacy encoding was detected and used.",
    "conflicting-dates": "The date given with the input differs from the date in the article's URL.",
    "markup-in-text": "A plain-text input contains HTML-like markup; it was kept as text.",
    "no-date": "No publication date was given or found.",
}

ERROR_CODES: dict[str, str] = {
    "empty-input": "The document is empty or holds only white space.",
    "binary-input": "The bytes are not text (NUL bytes or control characters): is this the right file?",
    "invalid-utf8": "The file is mostly UTF-8 but holds invalid byte sequences. Re-save it as UTF-8, or pass --encoding.",
    "undecodable": "No text encoding fits these bytes. Pass --encoding if you know it.",
    "unknown-encoding": "The encoding named with --encoding is not known to Python.",
    "too-large": "The document is larger than the --max-bytes limit.",
    "unreadable": "The file could not be read (permissions, a vanished file, an I/O error).",
    "not-found": "The path does not exist.",
    "unsupported-format": "No reader handles this format yet.",
    "invalid-json": "A JSON Lines line is not a JSON object.",
    "missing-text": "A JSON Lines record has neither a `text` nor an `html` field.",
    "not-an-article": "The page is not an article (an index, a list of teasers, a search page): no single story to extract.",
    "encrypted-pdf": "The PDF is encrypted; decrypt it first (for example with qpdf --decrypt).",
    "no-text-layer": "The PDF has no text layer (scanned images); run OCR on it first.",
    "broken-pdf": "The PDF could not be parsed; is the file complete?",
    "no-body": "Nothing of the article body was left after cleaning.",
    "timeout": "Processing took longer than the per-document time limit (--timeout).",
    "internal-error": "A bug in eventwire: please report it with the input that caused it.",
}
