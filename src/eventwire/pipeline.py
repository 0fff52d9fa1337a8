"""The ordered stages a document goes through: clean each document, then (if asked) parse batches once for the NLP stages."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import metadata as importlib_metadata

from . import __version__
from .clean import clean_document
from .clean.resources import data_hash
from .errors import DocumentFailed
from .ingest import read_documents
from .limits import time_limit
from .model import Article, Document, DocumentError
from .settings import DEFAULT_SETTINGS, Settings

TEXT_STAGES = ("clean",)
#: Stages that read the spaCy parse; the parse is made once for all of them.
NLP_STAGES = ("quotes", "places", "events")
KNOWN_STAGES = TEXT_STAGES + NLP_STAGES
_DATA_TABLES = (
    "boilerplate.tsv", "link_domains.tsv", "outlets.tsv", "speech_cues.tsv",
    "event_verbs.tsv", "event_verbs_petrarch.tsv", "event_cues.tsv", "cameo_frames.tsv", "cameo_codes.tsv",
    "actor_agents.tsv", "actor_groups.tsv",
)  # fmt: skip
_LIBRARIES = ("wordfreq", "py3langid", "courlan", "charset-normalizer", "trafilatura", "htmldate", "pypdf", "spacy")


def process_document(doc: Document, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Run every enabled stage on one document. Raises DocumentFailed."""
    article = _clean(doc, settings)
    if _nlp_wanted(settings):
        [result] = _nlp_batch([article], settings)
        if isinstance(result, DocumentError):
            raise DocumentFailed(result.code, result.error)
        article = result
    return article


def process_all(items: Iterable[Document | DocumentError], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Article | DocumentError]:
    """Every item processed, in input order; failures become `DocumentError`s in place."""
    if not _nlp_wanted(settings):
        for item in items:
            yield item if isinstance(item, DocumentError) else _clean_or_error(item, settings)
        return
    batch: list[Article | DocumentError] = []
    for item in items:
        batch.append(item if isinstance(item, DocumentError) else _clean_or_error(item, settings))
        if sum(isinstance(b, Article) for b in batch) >= settings.batch_size:
            yield from _finish_batch(batch, settings)
            batch = []
    yield from _finish_batch(batch, settings)


def _clean(doc: Document, settings: Settings) -> Article:
    with time_limit(settings.timeout):
        article = clean_document(doc, settings)
    if not article.text.strip():
        raise DocumentFailed("no-body", "nothing of the article body was left after cleaning (is it only links or boilerplate?)")
    article.provenance = provenance(settings.stages, settings.model if _nlp_wanted(settings) else None)
    return article


def _clean_or_error(doc: Document, settings: Settings) -> Article | DocumentError:
    try:
        return _clean(doc, settings)
    except DocumentFailed as exc:
        return DocumentError(exc.message, exc.code, path=doc.input.path, index=doc.input.index)
    except RecursionError:
        return DocumentError("the document is nested too deeply to process", "internal-error", path=doc.input.path, index=doc.input.index)
    except Exception as exc:  # one bad document must not end the batch
        return _internal_error(exc, doc.input.path, doc.input.index)


def _internal_error(exc: Exception, path: str | None, index: int | None) -> DocumentError:
    return DocumentError(f"unexpected {type(exc).__name__}: {exc} (please report this with the input)", "internal-error", path=path, index=index)


def _nlp_wanted(settings: Settings) -> bool:
    unknown = set(settings.stages) - set(KNOWN_STAGES)
    if unknown:
        raise ValueError(f"unknown stage(s) {sorted(unknown)}; known: {', '.join(KNOWN_STAGES)}")
    return any(stage in NLP_STAGES for stage in settings.stages)


def _finish_batch(batch: list[Article | DocumentError], settings: Settings) -> Iterator[Article | DocumentError]:
    articles = [b for b in batch if isinstance(b, Article)]
    done = iter(_nlp_batch(articles, settings)) if articles else iter(())
    for item in batch:
        yield next(done) if isinstance(item, Article) else item


def _nlp_batch(articles: list[Article], settings: Settings) -> list[Article | DocumentError]:
    """The NLP stages on a batch, within the per-document time limit.

    spaCy parses a batch together, so the batch gets the sum of its documents' limits. If it
    runs over, the documents are redone one at a time, each within its own limit, so that only
    the slow one becomes a ``timeout`` record and the rest of the batch goes on."""
    try:
        with time_limit(settings.timeout * len(articles)):
            return _nlp_stages(articles, settings)
    except DocumentFailed as exc:
        if len(articles) == 1:
            article = articles[0]
            return [DocumentError(exc.message, exc.code, path=article.input.path, index=article.input.index)]
    results: list[Article | DocumentError] = []
    for article in articles:
        results.extend(_nlp_batch([article], settings))
    return results


def _nlp_stages(articles: list[Article], settings: Settings) -> list[Article | DocumentError]:
    """Parse a batch once with spaCy and run every enabled NLP stage on each article."""
    from .nlp import load_pipeline, parse_texts

    nlp = load_pipeline(settings.model)
    results: list[Article | DocumentError] = []
    for article, doc in zip(articles, parse_texts([a.text for a in articles], nlp, settings.batch_size)):
        try:
            if "quotes" in settings.stages:
                from .quotes import extract_quotes

                article.entities, article.quotes = extract_quotes(article.text, doc)
            if "events" in settings.stages:
                from .events import extract_events
                from .events.petrarch_verbs import cached_dictionaries, filter_discarded

                # --dictionaries: PETRARCH dictionaries read once per process (cached), in place of ours
                folder = getattr(settings, "dictionaries", None)
                petrarch = cached_dictionaries(folder) if folder else None
                tables = actor_tables(settings.actors, petrarch.tables if petrarch else None)
                events = extract_events(article.text, doc, article.published, article.entities, article.quotes,
                                        tables, lexicon=petrarch.lexicon if petrarch else None)  # fmt: skip
                article.events = filter_discarded(events, article.text, petrarch.discards if petrarch else None)
            if "places" in settings.stages:
                from .places import extract_places, locate_events

                article.places = extract_places(article.text, doc, _gazetteer())
                if article.events:
                    locate_events(article.text, article.events, article.places, gazetteer=_gazetteer())
            results.append(article)
        except DocumentFailed:  # the time limit: _nlp_batch decides whose it is
            raise
        except Exception as exc:  # a stage's bug costs this document only
            results.append(_internal_error(exc, article.input.path, article.input.index))
    return results


def process_paths_all(paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Article | DocumentError]:
    return process_all(read_documents(paths, settings), settings)


@lru_cache(maxsize=16)
def provenance(stages: tuple[str, ...] = TEXT_STAGES, model: str | None = None) -> dict:
    libraries = {}
    for name in _LIBRARIES:
        try:
            libraries[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            libraries[name] = None
    return {
        "eventwire": __version__,
        "stages": ["ingest", *stages],
        "model": _model_version(model) if model else None,
        "data": {name: data_hash(name) for name in _DATA_TABLES},
        "libraries": libraries,
    }


def actor_tables(actors_file: str | None, base=None):
    """The events stage's actor tables: ``base`` (PETRARCH dictionaries) or eventwire's own, plus
    the dated people of a user-actors file. None where neither is asked for (the coder's defaults)."""
    if not actors_file:
        return base
    return _actor_tables_with_people(actors_file, base)


@lru_cache(maxsize=8)
def _actor_tables_with_people(actors_file: str, base):
    from .actors import ActorTables, read_user_actors

    people = read_user_actors(actors_file)
    return base.with_people(user_actors=people) if base is not None else ActorTables.default(user_actors=people)


@lru_cache(maxsize=1)
def _gazetteer():
    """The place index, built into the user cache on first use (about half a minute) and reused."""
    from .places import Gazetteer

    return Gazetteer.load()


def _model_version(model: str) -> str:
    from .nlp import load_pipeline

    meta = load_pipeline(model).meta
    return f"{meta.get('lang', '')}_{meta.get('name', model)}-{meta.get('version', '?')}"
