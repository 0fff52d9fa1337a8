"""The ordered stages a document goes through, with a per-document time limit."""

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

STAGES = ("ingest", "clean")
_DATA_TABLES = ("boilerplate.tsv", "link_domains.tsv", "outlets.tsv")
_LIBRARIES = ("wordfreq", "py3langid", "courlan", "charset-normalizer", "trafilatura", "htmldate", "pypdf")


def process_document(doc: Document, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Run every enabled stage on one document. Raises DocumentFailed."""
    with time_limit(settings.timeout):
        article = clean_document(doc, settings)
    if not article.text.strip():
        raise DocumentFailed("no-body", "nothing of the article body was left after cleaning (is it only links or boilerplate?)")
    article.provenance = provenance()
    return article


def process_all(items: Iterable[Document | DocumentError], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Article | DocumentError]:
    for item in items:
        if isinstance(item, DocumentError):
            yield item
            continue
        try:
            yield process_document(item, settings)
        except DocumentFailed as exc:
            yield DocumentError(exc.message, exc.code, path=item.input.path, index=item.input.index)
        except RecursionError:
            yield DocumentError("the document is nested too deeply to process", "internal-error", path=item.input.path, index=item.input.index)
        except Exception as exc:  # one bad document must not end the batch
            yield DocumentError(
                f"unexpected {type(exc).__name__}: {exc} (please report this with the input)",
                "internal-error",
                path=item.input.path,
                index=item.input.index,
            )


def process_paths_all(paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Article | DocumentError]:
    return process_all(read_documents(paths, settings), settings)


@lru_cache(maxsize=1)
def provenance() -> dict:
    libraries = {}
    for name in _LIBRARIES:
        try:
            libraries[name] = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            libraries[name] = None
    return {
        "eventwire": __version__,
        "stages": list(STAGES),
        "data": {name: data_hash(name) for name in _DATA_TABLES},
        "libraries": libraries,
    }
