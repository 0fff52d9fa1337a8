"""The plain-text reader: one file (or standard input) is one article."""

from __future__ import annotations

from collections.abc import Iterator

from ..model import Document, InputInfo
from ..settings import Settings
from .decode import decode_bytes
from .identity import document_id


def read_text(data: bytes, path: str | None, settings: Settings, url: str | None = None, date: str | None = None) -> Iterator[Document]:
    raw, encoding, warnings = decode_bytes(data, settings.encoding)
    info = InputInfo(path=path, format="text", encoding=encoding, bytes=len(data))
    yield Document(raw=raw, id=document_id(data, url or path), input=info, url=url, date=date, warnings=warnings)
