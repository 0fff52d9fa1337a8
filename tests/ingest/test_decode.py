import codecs
import random

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


# Short fictional texts of our own in scripts other than Latin.
CYRILLIC = "Рыбаки в Мурманске сообщили, что траулер вернулся в порт.\n\nПереговоры продолжатся в понедельник.\n"
CHINESE = "渔民说，拖网渔船周一早上回到了港口。\n\n谈判将于下周继续。\n"
ARABIC = "قال مسؤولون في الميناء إن السفينة عادت صباح الاثنين.\n"
PRESS_RELEASE = "Harbour office statement\n\nThe ferry to Vardø runs again from Monday. Tickets bought for the cancelled crossings stay valid.\n"
JUNK_BEHIND_UTF16_BOM = b"\xff\xfe\x00garbage"


@pytest.mark.parametrize("text", [PRESS_RELEASE, CYRILLIC, CHINESE, ARABIC, "北京今天下雨。"])
@pytest.mark.parametrize("bom, codec", [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")])
def test_utf16_with_bom_is_read_in_any_script(text, bom, codec):
    decoded, encoding, warnings = decode_bytes(bom + text.encode(codec))
    assert (decoded, encoding, warnings) == (text, "utf-16", [])


def test_cyrillic_utf8_is_read_as_is():
    assert decode_bytes(CYRILLIC.encode("utf-8")) == (CYRILLIC, "utf-8", [])


@pytest.mark.parametrize(
    "data",
    [
        JUNK_BEHIND_UTF16_BOM,  # ASCII read as UTF-16 decodes to four CJK ideographs
        codecs.BOM_UTF16_BE + b"garbage!",
        codecs.BOM_UTF16_LE + b"this is no UTF-16 at all\r\n",
        JUNK_BEHIND_UTF16_BOM[:-1],  # an odd number of bytes after the mark
        codecs.BOM_UTF16_LE + "".join(chr(0xE000 + i) for i in range(40)).encode("utf-16-le"),  # private use only
        codecs.BOM_UTF16_LE + "\x01\x02\x03 abc \x04\x05".encode("utf-16-le"),  # control characters
    ],
)
def test_junk_behind_a_utf16_bom_is_undecodable(data):
    with pytest.raises(DocumentFailed) as info:
        decode_bytes(data)
    assert info.value.code == "undecodable"
    assert "byte-order mark" in info.value.message


def test_random_bytes_behind_a_bom_do_not_pass_as_text():
    # Most random bytes hold a lone surrogate, which the UTF-16 decoder refuses; the
    # rest decode to private-use and unassigned code points among CJK and Hangul.
    codes = set()
    for seed in range(200):
        with pytest.raises(DocumentFailed) as info:
            decode_bytes(codecs.BOM_UTF16_LE + random.Random(seed).randbytes(200))
        codes.add(info.value.code)
    assert codes == {"undecodable"}


@pytest.mark.parametrize("seed", range(5))
def test_random_bytes_are_binary(seed):
    with pytest.raises(DocumentFailed) as info:
        decode_bytes(random.Random(seed).randbytes(4096))
    assert info.value.code == "binary-input"


def test_forced_encoding_reads_what_the_bom_check_refuses():
    # The error message offers --encoding utf-16 as the way out for a real text this short.
    assert decode_bytes(JUNK_BEHIND_UTF16_BOM, "utf-16")[0] == "最牡慢敧"


def test_forced_single_byte_encoding_still_refuses_binary():
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00"
    with pytest.raises(DocumentFailed) as info:
        decode_bytes(png, "latin-1")
    assert info.value.code == "binary-input"
    # cp1252 quotes read as Latin-1 are C1 controls: mojibake the user asked for, not binary.
    quoted = "\u201cWe stay,\u201d he said."
    assert decode_bytes(quoted.encode("cp1252"), "latin-1")[0] == quoted.encode("cp1252").decode("latin-1")
