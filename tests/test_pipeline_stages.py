"""NLP stages run on batches parsed once, keep input order, and contain their own failures."""

import sys
import time
import types

import pytest

from eventwire import pipeline
from eventwire.model import Document, DocumentError, InputInfo, Quote
from eventwire.settings import Settings


@pytest.fixture
def fake_quotes(monkeypatch):
    """A stand-in quote stage that records what it saw and fails on request."""
    seen = []

    def extract_quotes(text, doc, date=None):
        assert doc.text == text  # the parse is of exactly the cleaned text
        seen.append(text)
        if "explode" in text:
            raise ValueError("stage bug")
        if "dawdle" in text:
            time.sleep(3)
        return [], [Quote(text=text[:4], start=0, end=4, kind="direct")]

    module = types.ModuleType("eventwire.quotes")
    module.extract_quotes = extract_quotes
    monkeypatch.setitem(sys.modules, "eventwire.quotes", module)
    return seen


def _doc(text, path):
    return Document(raw=text, id=path, input=InputInfo(path=path))


def test_batches_keep_order_and_contain_failures(fake_quotes):
    items = [
        _doc("Officials met on Monday.", "a"),
        DocumentError("gone", "not-found", path="b"),
        _doc("This one will explode.", "c"),
        _doc("", "d"),
        _doc("The talks resumed on Tuesday.", "e"),
    ]
    settings = Settings(stages=("clean", "quotes"), batch_size=2)
    results = list(pipeline.process_all(items, settings))
    assert [getattr(r, "input", None) and r.input.path or r.path for r in results] == ["a", "b", "c", "d", "e"]
    assert [r.code if isinstance(r, DocumentError) else "ok" for r in results] == ["ok", "not-found", "internal-error", "no-body", "ok"]
    assert results[0].quotes[0].text == "Offi"
    assert results[0].provenance["stages"] == ["ingest", "clean", "quotes"]
    assert results[0].provenance["model"].startswith("en_")
    assert fake_quotes == ["Officials met on Monday.", "This one will explode.", "The talks resumed on Tuesday."]


def test_clean_only_runs_never_load_spacy(monkeypatch):
    import eventwire.nlp

    monkeypatch.setattr(eventwire.nlp, "load_pipeline", lambda *a, **k: pytest.fail("spaCy loaded for a clean-only run"))
    [article] = list(pipeline.process_all([_doc("Officials met on Monday.", "a")], Settings(stages=("clean",))))
    assert article.quotes == [] and article.provenance["model"] is None


def test_unknown_stage_is_refused():
    with pytest.raises(ValueError):
        list(pipeline.process_all([_doc("x y z.", "a")], Settings(stages=("clean", "sentiment"))))


@pytest.mark.timeout(120)
def test_a_slow_document_times_out_alone_and_the_batch_goes_on(fake_quotes):
    items = [_doc("Officials met on Monday.", "a"), _doc("This one will dawdle for a while.", "b"), _doc("The talks resumed on Tuesday.", "c")]
    settings = Settings(stages=("clean", "quotes"), batch_size=3, timeout=1)
    results = list(pipeline.process_all(items, settings))
    assert [r.code if isinstance(r, DocumentError) else "ok" for r in results] == ["ok", "timeout", "ok"]
    assert results[1].path == "b" and "longer than 1 s" in results[1].error
    assert results[0].quotes[0].text == "Offi" and results[2].quotes[0].text == "The "


@pytest.mark.timeout(300)
def test_a_user_actors_file_codes_its_people(tmp_path):
    actors = tmp_path / "actors.tsv"
    actors.write_text(
        "name\taliases\tcode\trole\tstart\tend\tnotes\n"
        "Tove Lindahl\tTove Lindahl|Lindahl\tNORGOV\tMinister of Trade of Norway\t2026-01-05\t\tFictional.\n",
        encoding="utf-8",
    )
    text = "Tove Lindahl accused Russia on Monday of breaking the fishing agreement.\n"
    doc = Document(raw=text, id="t", input=InputInfo(path="t.txt"), date="2026-03-02")
    plain, with_people = (
        next(pipeline.process_all([doc], Settings(stages=("clean", "quotes", "events"), actors=path)))
        for path in (None, str(actors))
    )
    codes = lambda article: {(e.source.code if e.source else None, e.root) for e in article.events}  # noqa: E731
    assert ("NORGOV", "11") in codes(with_people)
    assert ("NORGOV", "11") not in codes(plain)


@pytest.mark.timeout(120)
def test_a_document_the_parser_fails_on_fails_alone(fake_quotes, monkeypatch):
    import eventwire.nlp

    real_parse = eventwire.nlp.parse_texts

    def parse_texts(texts, nlp=None, batch_size=16):
        texts = list(texts)
        if any("unparseable" in t for t in texts):
            raise RuntimeError("parser bug")
        return real_parse(texts, nlp, batch_size)

    monkeypatch.setattr(eventwire.nlp, "parse_texts", parse_texts)
    items = [_doc(f"Talks went on for day {n}.", f"d{n}") for n in range(5)]
    items.insert(2, _doc("This one is unparseable today.", "bad"))
    results = list(pipeline.process_all(items, Settings(stages=("clean", "quotes"), batch_size=2)))
    assert [r.input.path if not isinstance(r, DocumentError) else r.path for r in results] == ["d0", "d1", "bad", "d2", "d3", "d4"]
    assert [r.code if isinstance(r, DocumentError) else "ok" for r in results] == ["ok", "ok", "internal-error", "ok", "ok", "ok"]
    assert "parser bug" in results[2].error
