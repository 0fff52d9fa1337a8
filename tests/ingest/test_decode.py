import pytest

from eventwire.errors import DocumentFailed
from eventwire.ingest.decode import decode_bytes

SAMPLE = "“We will not yield,” the minister said in Lisbon — and the café stayed open."


def test_utf8_and_bom():
    assert decode_bytes(SAMPLE.encode("utf-8"))[0] == SAMPLE
    text, encoding, warnings = decode_bytes(b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"))
    assert text == SAMPLE and encoding == "utf-8-sig" and warnings == []


def test_legacy_encoding_is_detected_and_reported():
    long_text = " ".join([SAMPLE] * 20)
    text, encoding, warnings = decode_bytes(long_text.encode("cp1252"))
    assert text == long_text
    assert [w.code for w in warnings] == ["encoding-detected"]
    assert encoding in warnings[0].message


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "empty-input"),
        (b"   \n\t\n", "empty-input"),
        (bytes(range(256)) * 8, "binary-input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary-input"),
        ("caf\u00e9 ".encode("utf-8") * 10 + b"\xff\xfe broken \xc3", "invalid-utf8"),
    ],
)
def test_bad_bytes_give_clear_errors(data, code):
    with pytest.raises(DocumentFailed) as info:
        decode_bytes(data)
    assert info.value.code == code
    assert info.value.message


def test_forced_encoding():
    assert decode_bytes("é".encode("latin-1"), "latin-1")[0] == "é"
    with pytest.raises(DocumentFailed) as info:
        decode_bytes(b"abc", "no-such-codec")
    assert info.value.code == "unknown-encoding"


def test_ambiguous_western_code_pages_resolve_to_cp1252():
    text = "Fishermen in Tromsø said the “Havørn” crew were well. " * 3
    decoded, encoding, _ = decode_bytes(text.encode("cp1252"))
    assert encoding == "cp1252" and decoded == text
