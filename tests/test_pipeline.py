import time


import eventwire
from eventwire import pipeline
from eventwire.codes import ERROR_CODES, WARNING_CODES
from eventwire.model import Document, DocumentError, InputInfo
from eventwire.settings import Settings


def _doc(text="Officials met on Monday."):
    return Document(raw=text, id="x", input=InputInfo(path="mem.txt"))


def test_a_runaway_document_becomes_a_timeout_record(monkeypatch):
    def slow(doc, settings):
        time.sleep(5)

    monkeypatch.setattr(pipeline, "clean_document", slow)
    started = time.monotonic()
    [record] = list(pipeline.process_all([_doc()], Settings(timeout=0.3)))
    assert isinstance(record, DocumentError) and record.code == "timeout"
    assert time.monotonic() - started < 3


def test_an_unexpected_exception_is_contained_and_the_batch_goes_on(monkeypatch):
    real = pipeline.clean_document
    calls = []

    def flaky(doc, settings):
        calls.append(doc.raw)
        if len(calls) == 1:
            raise ValueError("boom")
        return real(doc, settings)

    monkeypatch.setattr(pipeline, "clean_document", flaky)
    records = list(pipeline.process_all([_doc(), _doc("Second text here.")]))
    assert isinstance(records[0], DocumentError) and records[0].code == "internal-error" and "boom" in records[0].error
    assert records[1].text == "Second text here."


def test_markup_and_deep_nesting_in_a_text_file_stay_text(validate):
    nested = "<div>" * 5000 + "Officials met on Monday." + "</span>" * 3000 + "<<<>>" * 100
    article = eventwire.process_text(nested)
    validate(article)
    assert "Officials met on Monday." in article.text
    assert "markup-in-text" in {w.code for w in article.warnings}


def test_a_large_input_is_processed(validate):
    paragraph = ("The delegations met again on Monday and agreed to continue the talks next week in Lisbon. " * 8).strip()
    text = "\n\n".join([paragraph] * 6000)  # about 5 MB
    article = eventwire.process_text(text, settings=Settings(timeout=0, stages=("clean",)))
    assert len(article.paragraphs) == 6000


def test_every_emitted_code_is_documented(courier):
    article = eventwire.process_text(courier[0])
    assert {w.code for w in article.warnings} <= set(WARNING_CODES)
    import pathlib
    import re

    source = "\n".join(p.read_text() for p in pathlib.Path(eventwire.__file__).parent.rglob("*.py"))
    emitted_errors = set(re.findall(r'DocumentFailed\(\s*"([a-z0-9-]+)"', source)) | set(re.findall(r'DocumentError\([^)]*?"([a-z0-9-]+)",\s*path', source))
    emitted_warnings = set(re.findall(r'Warning\(\s*"([a-z0-9-]+)"', source))
    assert emitted_errors and emitted_errors <= set(ERROR_CODES)
    assert emitted_warnings and emitted_warnings <= set(WARNING_CODES)
