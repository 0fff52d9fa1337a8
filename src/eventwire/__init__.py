"""eventwire: structured, checkable records out of messy news articles, offline.

The Python API is the product; the command line is a thin layer over it::

    import eventwire
    article = eventwire.process_text(pasted_text, url=None, date=None)
    for record in eventwire.process_paths(["articles/"]):
        ...  # an Article, or a DocumentError for an input that failed
"""

from __future__ import annotations

__version__ = "0.1.0"

from collections.abc import Iterable, Iterator

from .model import Article, DocumentError
from .settings import DEFAULT_SETTINGS, Settings

__all__ = ["process_text", "process_paths", "Article", "DocumentError", "Settings", "__version__"]


def process_text(text: str, url: str | None = None, date: str | None = None, settings: Settings = DEFAULT_SETTINGS) -> Article:
    """Clean one article given as a string and return its record.

    `url` and `date` are what came with the text (copied into the record as
    given, with ``url_source``/``published_source`` = "input"). Raises
    ``eventwire.errors.DocumentFailed`` if the text cannot be processed.
    """
    from .ingest.identity import document_id
    from .model import Document, InputInfo
    from .pipeline import process_document

    data = text.encode("utf-8", "surrogatepass")
    doc = Document(raw=text, id=document_id(data, url), input=InputInfo(path=None, format="text", encoding="utf-8", bytes=len(data)), url=url, date=date)
    return process_document(doc, settings)


def process_paths(paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Article | DocumentError]:
    """Every document under the given files and folders, in input order.

    Yields an ``Article`` per document, or a ``DocumentError`` in its place when
    it failed; the batch goes on either way.
    """
    from .pipeline import process_paths_all

    yield from process_paths_all([paths] if isinstance(paths, str) else paths, settings)
