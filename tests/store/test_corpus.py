from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

import eventwire
from eventwire.errors import UsageError
from eventwire.store import Corpus, SearchSyntaxError, StoreError

from .conftest import CLEAN, EXAMPLES, generated_article


def test_ingest_stores_every_document_and_the_record_round_trips(corpus, articles_dir):
    report = corpus.ingest([str(articles_dir)], CLEAN)
    assert (report.added, report.failed) == (6, 0)
    expected = {r.id: json.loads(json.dumps(r.to_dict())) for r in eventwire.process_paths([str(articles_dir)], CLEAN)}
    assert set(corpus.ids()) == set(expected)
    for article_id, record in expected.items():
        assert corpus.get(article_id) == record
    assert corpus.get("no-such-id") is None
    assert corpus.integrity_check() == "ok"


def test_reingesting_the_same_input_adds_nothing(corpus, articles_dir):
    corpus.ingest([str(articles_dir)], CLEAN)
    before = corpus.stats()
    again = corpus.ingest([str(articles_dir)], CLEAN)
    assert again.added == 0
    assert again.skipped_sources == 6  # finished files are recognised without reading them
    assert corpus.stats() == before


def test_a_stored_id_is_not_stored_twice_even_when_its_file_is_read_again(corpus, articles_dir):
    corpus.ingest([str(articles_dir)], CLEAN)
    corpus._conn.execute("DELETE FROM sources")  # as if the run had died before closing its files
    again = corpus.ingest([str(articles_dir)], CLEAN)
    assert (again.added, again.already_stored) == (0, 6)
    assert corpus.stats().articles == 6


def test_a_feed_is_resumed_line_by_line(corpus, tmp_path):
    feed = tmp_path / "feed.jsonl"
    lines = [json.dumps({"text": generated_article(n), "url": f"https://example.org/{n}"}) for n in range(4)]
    feed.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")
    assert corpus.ingest([str(feed)], CLEAN).added == 2
    feed.write_text("\n".join(lines) + "\n", encoding="utf-8")  # the feed grew: a new fingerprint
    report = corpus.ingest([str(feed)], CLEAN)
    assert (report.added, report.already_stored) == (2, 2)
    assert corpus.stats().articles == 4


def test_progress_hook_sees_every_source(corpus, articles_dir):
    seen = []
    corpus.ingest([str(articles_dir)], CLEAN, progress=lambda p: seen.append((p.sources_done, p.sources_total, p.report.added)))
    assert seen[-1] == (6, 6, 6)
    assert [added for _, _, added in seen] == sorted(added for _, _, added in seen)


def test_failures_are_stored_listed_and_retried(corpus, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(generated_article(1), encoding="utf-8")
    (folder / "empty.txt").write_text("   \n", encoding="utf-8")
    feed = folder / "feed.jsonl"
    feed.write_text(json.dumps({"text": generated_article(2)}) + "\n" + '{"url": "https://example.org/x"}\n', encoding="utf-8")

    report = corpus.ingest([str(folder), str(tmp_path / "missing.txt")], CLEAN)
    assert (report.added, report.failed) == (2, 3)
    failures = {(f.path.rsplit("/", 1)[-1], f.index, f.code) for f in corpus.failures()}
    assert failures == {("empty.txt", None, "empty-input"), ("feed.jsonl", 2, "missing-text"), ("missing.txt", None, "not-found")}

    # Nothing changed: a retry fails the same way, still one row each.
    assert corpus.retry_failures(CLEAN).failed == 3
    assert len(corpus.failures()) == 3
    assert all(f.attempts == 2 for f in corpus.failures())

    (folder / "empty.txt").write_text(generated_article(3), encoding="utf-8")
    feed.write_text(json.dumps({"text": generated_article(2)}) + "\n" + json.dumps({"text": generated_article(4)}) + "\n", encoding="utf-8")
    retried = corpus.retry_failures(CLEAN)
    assert (retried.added, retried.failed) == (2, 1)
    assert [f.code for f in corpus.failures()] == ["not-found"]
    assert corpus.stats().articles == 4


def test_search_finds_articles_with_snippets(corpus):
    corpus.ingest([str(EXAMPLES / "02_russia-accuses-norway-of-provocations.txt"), str(EXAMPLES / "05_fishing-boats-stay-in-port.txt")], CLEAN)
    hits = corpus.search("provocation", limit=5)
    assert hits and hits[0].kind == "article"
    assert "Provocations" in hits[0].title
    assert "[provocation" in hits[0].snippet.lower()
    assert corpus.search('"coast guard" NEAR(boarded, 10)')
    assert corpus.search("zzzunheardof") == []


@pytest.mark.parametrize("query", ["cease-fire", 'unbalanced "quote', "AND OR", "title:", "NEAR(", ""])
def test_a_malformed_query_is_a_usage_error_that_says_why(corpus, query):
    corpus.ingest([str(EXAMPLES / "02_russia-accuses-norway-of-provocations.txt")], CLEAN)
    with pytest.raises(SearchSyntaxError) as caught:
        corpus.search(query)
    assert isinstance(caught.value, UsageError)
    assert not isinstance(caught.value, sqlite3.Error)
    assert "search" in str(caught.value)


def test_plain_search_takes_words_literally(corpus, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Talks on a cease-fire in the Barents Sea resumed on Monday in Helsinki after a week of silence.\n", encoding="utf-8")
    corpus.ingest([str(path)], CLEAN)
    assert [h.kind for h in corpus.search("cease-fire", plain=True)] == ["article"]


def test_near_duplicates_are_grouped_and_every_copy_kept(corpus, tmp_path):
    original = (EXAMPLES / "02_russia-accuses-norway-of-provocations.txt").read_text(encoding="utf-8")
    edited = original.replace("on Wednesday", "on Wednesday evening").replace("deliberate provocation", "clear provocation")
    reposted = original.replace("By Siri Mathisen and Jonas Aalto\n", "").replace("60 nautical miles", "sixty nautical miles")
    for name, text in [("a.txt", original), ("b.txt", edited), ("c.txt", reposted)]:
        (tmp_path / name).write_text(text, encoding="utf-8")
    shutil.copy(EXAMPLES / "05_fishing-boats-stay-in-port.txt", tmp_path / "d.txt")
    report = corpus.ingest([str(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt", "d.txt")], CLEAN)
    assert report.added == 4
    [group] = corpus.duplicates()
    assert sorted(m.path.rsplit("/", 1)[-1] for m in group.members) == ["a.txt", "b.txt", "c.txt"]
    assert group.group_id == group.members[0].article_id
    assert len({m.content_hash for m in group.members}) == 3  # near, not exact, copies
    assert corpus.stats().duplicate_groups == 1


def test_exact_copies_share_their_content_hash(corpus, tmp_path):
    text = generated_article(7)
    for name in ("x.txt", "y.txt"):
        (tmp_path / name).write_text(text, encoding="utf-8")
    corpus.ingest([str(tmp_path / "x.txt"), str(tmp_path / "y.txt")], CLEAN)
    stats = corpus.stats()
    assert (stats.articles, stats.exact_duplicate_articles, stats.duplicate_groups) == (2, 2, 1)


def test_stats_count_what_is_stored(corpus):
    corpus.ingest([str(EXAMPLES / "feed.jsonl")], CLEAN)
    stats = corpus.stats()
    records = [r for r in eventwire.process_paths([str(EXAMPLES / "feed.jsonl")], CLEAN) if isinstance(r, eventwire.Article)]
    assert stats.articles == len(records)
    assert stats.links == sum(len(r.links) for r in records)
    assert sum(stats.warnings.values()) == sum(len(r.warnings) for r in records)
    assert stats.first_published == min(r.published for r in records)
    assert stats.outlets == len({r.outlet.domain for r in records})


def test_read_only_refuses_writes(tmp_path, articles_dir):
    db = tmp_path / "ro.db"
    with Corpus(db) as writer:
        writer.ingest([str(articles_dir / "000.txt")], CLEAN)
        with Corpus(db, readonly=True) as reader:  # beside a live writer, as the web view will be
            assert reader.stats().articles == 1
            with pytest.raises(StoreError):
                reader.ingest([str(articles_dir)], CLEAN)
            with pytest.raises(StoreError):
                reader.retry_failures(CLEAN)
            with pytest.raises(sqlite3.OperationalError):
                reader._conn.execute("DELETE FROM articles")
    with Corpus(db, readonly=True) as reader:
        assert reader.search("report")
    with pytest.raises(StoreError):
        Corpus(tmp_path / "absent.db", readonly=True)
    assert not (tmp_path / "absent.db").exists()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    bogus = tmp_path / "notes.db"
    bogus.write_text("these are my notes, not a database\n" * 100)
    with pytest.raises(StoreError, match="not a usable eventwire database"):
        Corpus(bogus)


def test_a_very_common_word_is_ranked_among_the_most_recent_matches(corpus, tmp_path):
    for n in range(6):
        (tmp_path / f"{n}.txt").write_text(f"Report {n}: the trawler stayed in port." + (" Trawler trawler trawler." if n == 0 else "") + "\n", encoding="utf-8")
    corpus.ingest([str(tmp_path / f"{n}.txt") for n in range(6)], CLEAN)
    best_of_all = corpus.search("trawler", kinds=("article",), limit=1, rank_window=None)
    assert best_of_all[0].snippet.lower().count("trawler") == 4  # the first article says it most
    recent = corpus.search("trawler", kinds=("article",), rank_window=3)
    assert len(recent) == 3 and "Report 0" not in " ".join(h.snippet for h in recent)  # only the newest three were ranked
    assert len(corpus.search("trawler", kinds=("article",))) == 6


def test_models_are_loaded_once_before_the_first_document_and_not_for_a_finished_corpus(corpus, articles_dir, monkeypatch):
    import eventwire.store.corpus as corpus_module

    loads = []
    real_load = corpus_module._load_models
    monkeypatch.setattr(corpus_module, "_load_models", lambda settings: (loads.append(settings.stages), real_load(settings)))
    assert corpus.ingest([str(articles_dir)], CLEAN).added > 0
    assert loads == [("clean",)]
    again = corpus.ingest([str(articles_dir)], CLEAN)
    assert again.added == 0 and again.skipped_sources > 0
    assert loads == [("clean",)]  # nothing left to process: no model loaded


def test_language_detection_waits_for_a_model_being_loaded_in_the_background():
    import threading

    from eventwire.clean import load_language_model
    from eventwire.clean.metadata import detect_language

    loader = threading.Thread(target=load_language_model)
    loader.start()
    assert detect_language("The harbour master said the cod quota would change before the summer.") == "en"
    loader.join()
