"""The JSON Lines reader: one document a line.

Each line is an object with ``text`` (or ``html``) and optional ``url``,
``date`` and ``id``. A bad line becomes an error record for that line only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..errors import DocumentFailed
from ..model import Document, DocumentError, InputInfo
from ..settings import Settings
from .identity import document_id


def read_jsonl(lines: Iterable[bytes], path: str | None, settings: Settings) -> Iterator[Document | DocumentError]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield _record(line, number, path, settings)
        except DocumentFailed as exc:
            yield DocumentError(exc.message, exc.code, path=path, index=number)


def _record(line: bytes, number: int, path: str | None, settings: Settings) -> Document:
    where = f"line {number}"
    if len(line) > settings.max_bytes:
        raise DocumentFailed("too-large", f"{where} is {len(line)} bytes, over the --max-bytes limit of {settings.max_bytes}")
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise DocumentFailed("invalid-json", f"{where} is not valid JSON ({exc})") from None
    if not isinstance(record, dict):
        raise DocumentFailed("invalid-json", f"{where} is JSON but not an object")
    text = record.get("text")
    html = record.get("html")
    if isinstance(text, str) and text.strip():
        fmt, content = "text", text
    elif isinstance(html, str) and html.strip():
        fmt, content = "html", html
    else:
        raise DocumentFailed("missing-text", f"{where} has no non-empty `text` or `html` field")
    url = _optional_str(record, "url", where)
    date = _optional_str(record, "date", where)
    given_id = record.get("id")
    locator = url or f"{path}#{number}"
    doc_id = str(given_id) if given_id not in (None, "") else document_id(content.encode("utf-8", "surrogatepass"), locator)
    info = InputInfo(path=path, index=number, format=f"jsonl:{fmt}", encoding="utf-8", bytes=len(line))
    if fmt == "html":
        from .html import document_from_html

        try:
            return document_from_html(html, info, doc_id, url=url, date=date)
        except DocumentFailed as exc:
            raise DocumentFailed(exc.code, f"{where}: {exc.message}") from None
    return Document(raw=text, id=doc_id, input=info, url=url, date=date)


def _optional_str(record: dict, key: str, where: str) -> str | None:
    value = record.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise DocumentFailed("invalid-json", f"{where}: `{key}` must be a string, not {type(value).__name__}")
    return value
