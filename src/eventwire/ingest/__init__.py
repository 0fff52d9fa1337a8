"""Readers: named paths in, `Document`s (or per-document errors) out.

Each input format is one module with one reader function; ``READERS`` maps a
format name to it. A known file ending wins over sniffing the content.
"""

from __future__ import annotations

import gzip
import importlib
import io
from collections.abc import Iterable, Iterator

from ..errors import DocumentFailed
from ..limits import time_limit
from ..model import Document, DocumentError
from ..settings import DEFAULT_SETTINGS, Settings
from .jsonl import read_jsonl
from .sources import Source, iter_sources
from .text import read_text

__all__ = ["read_documents", "detect_format", "guarded", "READERS"]

EXTENSION_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}


def _read_text_source(stream, source: Source, settings: Settings) -> Iterator[Document | DocumentError]:
    data = stream.read(settings.max_bytes + 1)
    if len(data) > settings.max_bytes:
        raise DocumentFailed("too-large", f"larger than the --max-bytes limit of {settings.max_bytes} bytes")
    yield from read_text(data, None if source.path == "-" else source.path, settings)


def _read_jsonl_source(stream, source: Source, settings: Settings) -> Iterator[Document | DocumentError]:
    yield from read_jsonl(stream, None if source.path == "-" else source.path, settings)


def _whole_file_reader(fmt: str):
    """A reader for formats read as one document from all their bytes (HTML, PDF).

    Each lives in its own module (``ingest/html.py``, ``ingest/pdf.py``) exposing
    ``read_<fmt>(data: bytes, path: str | None, settings) -> Iterator[Document]``;
    it is imported on first use so a text-only run never pays for it.
    """

    def reader(stream, source: Source, settings: Settings) -> Iterator[Document | DocumentError]:
        data = stream.read(settings.max_bytes + 1)
        if len(data) > settings.max_bytes:
            raise DocumentFailed("too-large", f"larger than the --max-bytes limit of {settings.max_bytes} bytes")
        try:
            module = importlib.import_module(f"{__name__}.{fmt}")
        except ModuleNotFoundError:
            raise DocumentFailed("unsupported-format", f"{fmt.upper()} input is not supported yet") from None
        yield from getattr(module, f"read_{fmt}")(data, None if source.path == "-" else source.path, settings)

    return reader


READERS = {
    "text": _read_text_source,
    "jsonl": _read_jsonl_source,
    "html": _whole_file_reader("html"),
    "pdf": _whole_file_reader("pdf"),
}


def detect_format(name: str, head: bytes) -> str:
    """The format of a file: its ending if known, else a look at its first bytes."""
    lower = name.lower()
    for ending, fmt in EXTENSION_FORMATS.items():
        if lower.endswith(ending):
            return fmt
    return sniff_format(head)


def sniff_format(head: bytes) -> str:
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512]
    lowered = start.lower()
    if start.startswith(b"%PDF-"):
        return "pdf"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:256]:
        return "html"
    if start.startswith(b"{"):
        first_line = start.split(b"\n", 1)[0].strip()
        if first_line.endswith(b"}") or b"\n" not in start:
            return "jsonl"
    return "text"


def guarded(documents: Iterator[Document | DocumentError], name: str, path: str | None, settings: Settings) -> Iterator[Document | DocumentError]:
    """A reader's documents, each read within the time limit; a failure ends this input with an error record.

    Reading counts against the per-document time limit too (a pathological PDF), and a
    reader's bug costs the documents of this input, not the batch.
    """
    try:
        while True:
            with time_limit(settings.timeout):
                document = next(documents, None)
            if document is None:
                return
            yield document
    except DocumentFailed as exc:
        yield DocumentError(f"{name}: {exc.message}", exc.code, path=path)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield DocumentError(f"{name}: cannot be read ({exc})", "unreadable", path=path)
    except Exception as exc:
        yield DocumentError(f"{name}: unexpected {type(exc).__name__}: {exc} (please report this with the input)", "internal-error", path=path)


def read_documents(paths: Iterable[str], settings: Settings = DEFAULT_SETTINGS) -> Iterator[Document | DocumentError]:
    """Every document in the named paths, in order; failures become `DocumentError`s."""
    for source in iter_sources(paths):
        if isinstance(source, DocumentError):
            yield source
            continue
        yield from _read_source(source, settings)


def _read_source(source: Source, settings: Settings) -> Iterator[Document | DocumentError]:
    try:
        raw_stream = source.open()
    except PermissionError:
        yield DocumentError(f"{source.name}: permission denied", "unreadable", path=source.path)
        return
    except OSError as exc:
        yield DocumentError(f"{source.name}: cannot be read ({exc.strerror or exc})", "unreadable", path=source.path)
        return
    try:
        stream = io.BufferedReader(raw_stream) if not hasattr(raw_stream, "peek") else raw_stream
        name = source.name
        head = stream.peek(2048)[:2048]
        if name.lower().endswith(".gz") or head.startswith(b"\x1f\x8b"):
            stream = io.BufferedReader(gzip.GzipFile(fileobj=stream))  # type: ignore[arg-type]
            name = name[:-3] if name.lower().endswith(".gz") else name
            head = stream.peek(2048)[:2048]
        fmt = detect_format(name, head)
        yield from guarded(READERS[fmt](stream, source, settings), source.name, source.path, settings)
    except DocumentFailed as exc:
        yield DocumentError(f"{source.name}: {exc.message}", exc.code, path=source.path)
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        yield DocumentError(f"{source.name}: cannot be read ({exc})", "unreadable", path=source.path)
    finally:
        if source.path != "-":
            raw_stream.close()
