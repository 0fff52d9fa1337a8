"""Bytes to text: BOMs, UTF-8, and detected (never guessed) legacy encodings."""

from __future__ import annotations

import codecs
import re
import unicodedata

from ..errors import DocumentFailed
from ..model import Warning

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Control characters other than tab, newlines and form feed: real text has almost none.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13)) + b"\x7f"
_BINARY_CONTROL_SHARE = 0.05
_TIE_PREFERENCE = ("cp1252", "latin_1", "iso8859_15", "cp1250", "cp1251")
# Printable ASCII, tab and line breaks, and NUL: the bytes of ASCII text or of ASCII junk.
_ASCII_TEXT_BYTES = bytes(range(0x20, 0x7F)) + b"\t\n\r\x00"
# Decoded characters that no text is made of: C0 controls other than white space, DEL,
# surrogates, private-use and unassigned code points, and U+FFFD (an earlier lossy decode).
# C1 controls are left out: cp1252 text decoded as Latin-1 is full of them, and that is
# mojibake, not binary.
_CONTROL_CHARS = frozenset(_CONTROL.decode("ascii"))
_NON_TEXT_CATEGORIES = frozenset({"Cs", "Co", "Cn"})
_NON_TEXT_SHARE = 0.05
_NON_TEXT_SAMPLE = 65536
# Runs of ASCII text cannot be non-text: removed before the slower per-character look-up.
_ASCII_TEXT_RUNS = re.compile(r"[\t\n\f\r -~]+")


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, list[Warning]]:
    """Decode a document's bytes. Returns (text, encoding used, warnings).

    Raises DocumentFailed with code empty-input, binary-input, invalid-utf8,
    undecodable or unknown-encoding.
    """
    if not data.strip():
        raise DocumentFailed("empty-input", "the document is empty (or only white space)")
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise DocumentFailed("unknown-encoding", f"Python does not know the encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DocumentFailed("undecodable", f"the bytes are not valid {encoding}: {exc.reason} at byte {exc.start}") from None
        # Any single-byte code page decodes any bytes: a binary file read with --encoding
        # latin-1 only shows itself in what it decodes to.
        if share := _non_text_share(text):
            raise DocumentFailed("binary-input", f"decoded as {encoding}, {share:.0%} of the characters are control, unassigned or private-use characters: this is not text")
        return text, encoding, []
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _decode_with_bom(data, bom, name), name, []
    _refuse_binary(data)
    try:
        return data.decode("utf-8"), "utf-8", []
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if _has_utf8_multibyte(data):
        # Valid multi-byte UTF-8 next to invalid bytes: a damaged UTF-8 file, not a
        # legacy encoding. Decoding it as cp1252 would silently produce mojibake.
        raise DocumentFailed(
            "invalid-utf8",
            f"invalid UTF-8 at byte {first_bad}; the rest looks like UTF-8. Re-save the file as UTF-8, or pass --encoding",
        )
    return _detect_legacy(data)


def _decode_with_bom(data: bytes, bom: bytes, name: str) -> str:
    """Decode by the byte-order mark, unless what follows it shows the mark is not true.

    Two or three bytes are a weak claim, and the UTF-16 decoder turns any even number
    of bytes into characters: junk behind the mark must be caught by what it decodes to.
    """
    try:
        text = data.decode(name)
    except UnicodeDecodeError as exc:
        raise DocumentFailed("undecodable", f"starts with a {name} byte-order mark but is not valid {name} (byte {exc.start})") from None
    if name == "utf-16" and _is_ascii_read_as_utf16(data[len(bom) :], text):
        raise DocumentFailed(
            "undecodable",
            "starts with a UTF-16 byte-order mark, but the bytes after it are ASCII, which UTF-16 reads as unrelated "
            "CJK-like characters: the file is damaged or mislabelled (pass --encoding utf-16 if it really is UTF-16)",
        )
    if share := _non_text_share(text):
        raise DocumentFailed(
            "undecodable",
            f"starts with a {name} byte-order mark, but {share:.0%} of what it decodes to are control, unassigned "
            "or private-use characters: this is not text",
        )
    return text


def _is_ascii_read_as_utf16(payload: bytes, text: str) -> bool:
    """True for ASCII bytes (and NULs) that UTF-16 decoding turned into mostly non-ASCII characters.

    Real UTF-16 text is either mostly ASCII characters (each an ASCII byte beside a NUL),
    or holds bytes outside printable ASCII: Cyrillic, Greek, Arabic, Hebrew and Latin
    letters with accents, CJK punctuation (U+3000-U+303F, U+FF00-U+FF0F) and nine in ten
    ideographs have one. Only a text of a few characters could be wholly made of the
    rest, and that is no article either (--encoding utf-16 still reads it).
    """
    if payload.translate(None, _ASCII_TEXT_BYTES):
        return False
    ascii_chars = len(text.encode("ascii", "ignore"))
    return ascii_chars * 2 < len(text)


def _non_text_share(text: str) -> float:
    """The share of characters no text is made of, if above the limit; else 0.

    unicodedata knows the categories; no library we use judges a decoded text itself
    (charset_normalizer scores whole candidate encodings, and trusts a byte-order mark).
    """
    sample = text[:_NON_TEXT_SAMPLE]
    if not sample:
        return 0.0
    rest = _ASCII_TEXT_RUNS.sub("", sample)
    bad = sum(1 for ch in rest if ch in _CONTROL_CHARS or ch == "\ufffd" or unicodedata.category(ch) in _NON_TEXT_CATEGORIES)
    share = bad / len(sample)
    return share if share > _NON_TEXT_SHARE else 0.0


def _refuse_binary(data: bytes) -> None:
    sample = data[:65536]
    if b"\x00" in sample:
        raise DocumentFailed("binary-input", "the file holds NUL bytes: it is binary, not text")
    controls = sum(sample.count(bytes([b])) for b in _CONTROL)
    if controls / len(sample) > _BINARY_CONTROL_SHARE:
        raise DocumentFailed("binary-input", f"{controls} control bytes in the first {len(sample)}: this is not text")


def _has_utf8_multibyte(data: bytes) -> bool:
    """True if the bytes hold at least one well-formed multi-byte UTF-8 sequence."""
    text = data.decode("utf-8", errors="ignore")
    return any(ord(ch) > 0x7F for ch in text)


def _detect_legacy(data: bytes) -> tuple[str, str, list[Warning]]:
    from charset_normalizer import from_bytes

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise DocumentFailed("undecodable", "no text encoding fits these bytes; pass --encoding if you know it")
    # Short Western texts often fit several code pages equally well (cp1250/1252/1257
    # differ only in rarely used letters). Among equally good fits, prefer the code
    # page most Western news text was written in.
    ties = [m for m in results if m.percent_chaos == best.percent_chaos and m.percent_coherence == best.percent_coherence]
    name = best.encoding
    for preferred in _TIE_PREFERENCE:
        if any(preferred in m.could_be_from_charset for m in ties):
            name = preferred
            break
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        name, text = best.encoding, str(best)
    warning = Warning("encoding-detected", f"the input is not UTF-8; decoded as {name} (detected)")
    return text, name, [warning]
