from __future__ import annotations

import json
from pathlib import Path

import pytest

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def schema_validators():
    from jsonschema import Draft202012Validator

    from eventwire.schema import load_schema

    return {name: Draft202012Validator(load_schema(name)) for name in ("article", "error")}


@pytest.fixture
def validate(schema_validators):
    """Assert that a record (Article, DocumentError or dict) validates against its schema."""

    def check(record):
        data = record if isinstance(record, dict) else record.to_dict()
        name = "error" if "error" in data and "text" not in data else "article"
        errors = sorted(schema_validators[name].iter_errors(data), key=str)
        assert not errors, [f"{list(e.path)}: {e.message}" for e in errors[:5]]
        return data

    return check


@pytest.fixture(scope="session")
def nlp():
    """eventwire's spaCy pipeline (loaded once per process anyway; one fixture for every test module)."""
    from eventwire.nlp import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def courier():
    raw = (FIXTURES / "atlantic_courier.txt").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "atlantic_courier.expected.json").read_text(encoding="utf-8"))
    return raw, expected


def assert_spans_hold(article) -> None:
    """Every offset in the record points at the text it claims to."""
    text = article.text
    for start, end in article.paragraphs:
        assert 0 <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
    for t0, t1, r0, r1 in article.source_map:
        if t1 - t0 == r1 - r0 and article.raw is not None:
            piece, original = text[t0:t1], article.raw[r0:r1]
            # One-to-one segments copy the raw text, except white space folded to single spaces.
            assert [c if not c.isspace() else " " for c in piece] == [c if not c.isspace() else " " for c in original]
    for removal in article.removals:
        if article.raw is not None:
            assert article.raw[removal.raw_start:removal.raw_end] == removal.text
    for quote in article.quotes:
        assert text[quote.start:quote.end] == quote.text
