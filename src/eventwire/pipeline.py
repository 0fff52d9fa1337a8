"""The ordered stages a document goes through: clean each document, then (if asked) parse batches once for the NLP stages."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
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
    "event_verbs.tsv", "event_verbs_petrarch.tsv", "event_cues.tsv", "event_anaphors.tsv", "cameo_frames.tsv", "cameo_codes.tsv",
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
    """Every item processed, in input order; failures become `DocumentError`s in place.

    With NLP stages, spaCy parses the next batch in a thread of its own while this thread runs
    the stages on the current one and hands the results on (to the store, say). About a third
    of spaCy's time is spent in BLIS matrix products, which release the GIL, so on a machine
    with two cores the stages, the cleaning and the caller's writes mostly fit into time
    the second core would otherwise sit idle (benchmarks/corpus/throughput.py measures it).
    Only that one thread ever calls spaCy, so the pipeline is never used from two threads at once.
    """
    if not _nlp_wanted(settings):
        for item in items:
            yield item if isinstance(item, DocumentError) else _clean_or_error(item, settings)
        return
    parser = ThreadPoolExecutor(max_workers=1, thread_name_prefix="eventwire-parse")
    pending: deque[_Batch] = deque()
    try:
        for batch in _cleaned_batches(items, settings):
            pending.append(_Batch(batch, _submit_parse(parser, batch, settings)))
            if len(pending) > PARSE_AHEAD:
                yield from _finish_batch(pending.popleft(), parser, settings)
        while pending:
            yield from _finish_batch(pending.popleft(), parser, settings)
    finally:
        parser.shutdown(wait=True, cancel_futures=True)


#: Batches handed to the parser thread ahead of the one the stages work on.
PARSE_AHEAD = 1


@dataclass
class _Batch:
    items: list[Article | DocumentError]
    parsed: Future | None  # the docs of the batch's articles, in order; None when it has none

    @property
    def articles(self) -> list[Article]:
        return [item for item in self.items if isinstance(item, Article)]


def _cleaned_batches(items: Iterable[Document | DocumentError], settings: Settings) -> Iterator[list[Article | DocumentError]]:
    batch: list[Article | DocumentError] = []
    for item in items:
        batch.append(item if isinstance(item, DocumentError) else _clean_or_error(item, settings))
        if sum(isinstance(b, Article) for b in batch) >= settings.batch_size:
            yield batch
            batch = []
    if batch:
        yield batch


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


def _submit_parse(parser: ThreadPoolExecutor, batch: list[Article | DocumentError], settings: Settings) -> Future | None:
    texts = [item.text for item in batch if isinstance(item, Article)]
    return parser.submit(_parse, texts, settings) if texts else None


def _parse(texts: list[str], settings: Settings) -> list:
    """spaCy docs for `texts`, within the sum of their time limits (a watchdog when not in the main thread)."""
    from .nlp import load_pipeline, parse_texts

    nlp = load_pipeline(settings.model)
    with time_limit(settings.timeout * len(texts)):
        return list(parse_texts(texts, nlp, settings.batch_size))


def _finish_batch(batch: _Batch, parser: ThreadPoolExecutor, settings: Settings) -> Iterator[Article | DocumentError]:
    articles = batch.articles
    done = iter(_parsed_and_coded(articles, batch.parsed, parser, settings)) if articles else iter(())
    for item in batch.items:
        yield next(done) if isinstance(item, Article) else item


def _parsed_and_coded(articles: list[Article], parsed: Future, parser: ThreadPoolExecutor, settings: Settings) -> list[Article | DocumentError]:
    """The stages on a batch whose parse was submitted to `parser`.

    If the parse fails or runs over the batch's time limit, each document is parsed again on its
    own (still in the parser thread), so that only the bad one becomes an error record."""
    try:
        docs = parsed.result()
    except Exception as exc:  # noqa: BLE001 - DocumentFailed (time limit) or a parser bug: found out one by one
        if len(articles) == 1:
            return [_failed(articles[0], exc)]
        alone = [parser.submit(_parse, [article.text], settings) for article in articles]
        return [result for article, one in zip(articles, alone) for result in _parsed_and_coded([article], one, parser, settings)]
    return _coded(articles, docs, settings)


def _nlp_batch(articles: list[Article], settings: Settings) -> list[Article | DocumentError]:
    """The NLP stages on a batch, parsed in this thread (one document at a time in `process_document`)."""
    try:
        docs = _parse([a.text for a in articles], settings)
    except Exception as exc:  # noqa: BLE001 - as in _parsed_and_coded
        if len(articles) == 1:
            return [_failed(articles[0], exc)]
        return [result for article in articles for result in _nlp_batch([article], settings)]
    return _coded(articles, docs, settings)


def _coded(articles: list[Article], docs: list, settings: Settings) -> list[Article | DocumentError]:
    """Every enabled NLP stage on parsed articles, within the per-document time limit.

    The batch gets the sum of its documents' limits. If it runs over, the documents are coded
    again one at a time, each within its own limit, so that only the slow one becomes a
    ``timeout`` record and the rest of the batch goes on."""
    try:
        with time_limit(settings.timeout * len(articles)):
            return [_stages_or_error(article, doc, settings) for article, doc in zip(articles, docs)]
    except DocumentFailed as exc:
        if len(articles) == 1:
            return [_failed(articles[0], exc)]
    return [result for article, doc in zip(articles, docs) for result in _coded([article], [doc], settings)]


def _failed(article: Article, exc: Exception) -> DocumentError:
    if isinstance(exc, DocumentFailed):
        return DocumentError(exc.message, exc.code, path=article.input.path, index=article.input.index)
    return _internal_error(exc, article.input.path, article.input.index)


def _stages_or_error(article: Article, doc, settings: Settings) -> Article | DocumentError:
    try:
        return _stages(article, doc, settings)
    except DocumentFailed:  # the time limit: _coded decides whose it is
        raise
    except Exception as exc:  # a stage's bug costs this document only
        return _internal_error(exc, article.input.path, article.input.index)


def _stages(article: Article, doc, settings: Settings) -> Article:
    """Every enabled NLP stage on one parsed article."""
    if "quotes" in settings.stages:
        from .quotes import extract_quotes

        article.entities, article.quotes = extract_quotes(article.text, doc, article.published)
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
    return article


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
