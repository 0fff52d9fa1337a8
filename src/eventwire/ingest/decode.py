"""Bytes to text: BOMs, UTF-8, and detected (never guessed) legacy encodings."""

from __future__ import annotations

import codecs

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


def decode_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, list[Warning]]:
    """Decode a document's bytes. Returns (text, encoding used, warnings).

    Raises DocumentFailed with code empty-input, binary-input, invalid-utf8,
    undecodable or unknown-encoding.
    """
    if not data.strip():
        raise DocumentFailed("empty-input", "the document is empty (or only white space)")
    if encoding:
        try:
            return data.decode(encoding), encoding, []
        except LookupError:
            raise DocumentFailed("unknown-encoding", f"Python does not know the encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DocumentFailed("undecodable", f"the bytes are not valid {encoding}: {exc.reason} at byte {exc.start}") from None
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name, []
            except UnicodeDecodeError as exc:
                raise DocumentFailed("undecodable", f"starts with a {name} byte-order mark but is not valid {name} (byte {exc.start})") from None
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
