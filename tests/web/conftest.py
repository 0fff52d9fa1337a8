"""A small corpus for the web view: our examples (with quotes) plus one hostile article."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import eventwire
from eventwire.settings import DEFAULT_SETTINGS
from eventwire.store import Corpus
from eventwire.web import create_app

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

HOSTILE_ID = "hostile-0001"
HOSTILE_SPEAKER = 'Mallory <img src=x onerror="alert(2)">'
HOSTILE_TEXT = (
    "Evil <script>alert(1)</script> headline\n\n"
    "Mallory said \"<img src=x onerror=alert(1)> is harmless zanzibar\" on Tuesday in Oslo. "
    "A forged mark </mark><mark>zanzibar \ue000 and \ue001 and [brackets] stay text. "
    "<a href=\"javascript:alert(3)\" onclick=\"alert(4)\">click</a>\n"
)


def hostile_record() -> dict:
    record = eventwire.process_text(HOSTILE_TEXT, url="https://evil.example/2026/03/31/zanzibar", date="2026-03-31").to_dict()
    text = record["text"]
    record["id"] = HOSTILE_ID
    q_start = text.index("<img")
    q_end = text.index("zanzibar") + len("zanzibar")
    speaker_at = text.index("Mallory")
    record["quotes"] = [{
        "text": text[q_start:q_end], "start": q_start, "end": q_end, "kind": "direct", "cue": None,
        "speaker": {"entity_id": None, "name": HOSTILE_SPEAKER, "role": "<b>role</b>", "type": "person",
                    "mention": {"start": speaker_at, "end": speaker_at + 7, "text": "Mallory"}},
    }]
    oslo = text.index("Oslo")
    record["places"] = [{"name": "Oslo", "start": oslo, "end": oslo + 4, "geonames_id": 3143244, "country": "NOR",
                         "admin1": "Oslo", "lat": 59.9, "lon": 10.7, "kind": "city", "metonymic": False}]
    record["links"] += [
        {"url": "javascript:alert(5)", "kind": "other", "context": "<script>alert(6)</script>", "repaired": False, "count": 1, "raw_start": None, "raw_end": None},
        {"url": "data:text/html,<script>alert(7)</script>", "kind": "other", "context": "", "repaired": False, "count": 1, "raw_start": None, "raw_end": None},
        {"url": "https://ok.example/a?b=\"c\"&d=<e>", "kind": "related", "context": "fine", "repaired": False, "count": 1, "raw_start": None, "raw_end": None},
    ]
    record["warnings"] = [{"code": "test-<code>", "message": "<script>alert(8)</script>"}]
    return record


@pytest.fixture(scope="session")
def db_path(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("web") / "corpus.db"
    with Corpus(path) as corpus:
        corpus.ingest([str(EXAMPLES)], settings=dataclasses.replace(DEFAULT_SETTINGS, stages=("clean", "quotes", "places", "events")))
        assert corpus.add(hostile_record())
    return str(path)


@pytest.fixture(scope="session")
def app(db_path):
    return create_app(db_path)


@pytest.fixture(scope="session")
def client(app):
    with TestClient(app, base_url="http://localhost") as c:
        yield c
