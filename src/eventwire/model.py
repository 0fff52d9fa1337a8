"""The records every stage shares.

One `Article` walks through the pipeline (ingest -> clean -> nlp -> quotes /
actors / events / places -> store) and each stage fills its own part. The
JSON form of every record is described by ``schema/article.schema.json``;
``SCHEMA_VERSION`` names the version of that contract.

Offsets are always Python string indices into ``Article.text`` (the cleaned
text), except ``Link.raw_start``/``raw_end`` and ``Removal`` offsets, which
point into ``Article.raw`` because what they describe is no longer in ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

LinkKind = Literal["source", "related", "media", "shortened", "social", "other"]
QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerType = Literal["person", "organisation", "unknown"]
Modality = Literal["asserted", "intended", "conditional", "denied"]
LocationBasis = Literal["sentence", "article", "none"]
MetadataSource = Literal["input", "url", "text", "html"]


@dataclass
class Span:
    """A stretch of ``Article.text``: ``text[start:end] == span.text``."""

    start: int
    end: int
    text: str


@dataclass
class Link:
    """A URL found in the input. Every distinct URL appears exactly once."""

    url: str
    kind: LinkKind
    context: str = ""
    repaired: bool = False
    count: int = 1
    raw_start: int | None = None
    raw_end: int | None = None


@dataclass
class Warning:  # noqa: A001 - the record's name in the schema; stdlib warnings is not used here
    """Something odd about the input. Codes are listed in ``eventwire.codes``."""

    code: str
    message: str


@dataclass
class Removal:
    """A stretch of the raw input that did not make it into ``text``, and why."""

    kind: str
    raw_start: int
    raw_end: int
    text: str


@dataclass
class Entity:
    """A within-article cluster of mentions of one person or organisation."""

    id: str
    name: str
    type: str
    role: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass
class Speaker:
    entity_id: str | None
    name: str | None
    role: str | None
    type: SpeakerType
    mention: Span | None = None


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: QuoteKind
    cue: Span | None = None
    speaker: Speaker | None = None


@dataclass
class Actor:
    code: str | None
    name: str | None
    text: str
    start: int
    end: int
    entity_id: str | None = None
    source: str = "unresolved"  # how the code was resolved: dictionary, user-actors, metonymy, ...


@dataclass
class Place:
    name: str
    start: int
    end: int
    geonames_id: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str | None = None  # country, admin1, city, region, ...
    metonymic: bool = False


@dataclass
class Plover:
    type: str | None
    mode: str | None = None


@dataclass
class Event:
    source: Actor
    target: Actor | None
    code: str  # zero-padded CAMEO code such as "036" or "1123"
    root: str  # its first two characters
    goldstein: float | None
    quad_class: int | None
    plover: Plover | None
    date: str | None
    sentence: tuple[int, int]
    evidence: Span
    modality: Modality = "asserted"
    confidence: float = 0.0
    rule: str = ""
    location: Place | None = None
    location_basis: LocationBasis = "none"


@dataclass
class Outlet:
    domain: str | None
    name: str | None


@dataclass
class InputInfo:
    """Where a document came from and how its bytes were read."""

    path: str | None
    index: int | None = None  # position in a multi-document input (JSON Lines line number, 1-based)
    format: str = "text"
    encoding: str | None = None
    bytes: int = 0


@dataclass
class Article:
    """One article: its metadata, cleaned text, and what each later stage adds.

    Field order is the order of the JSON record: what a reader wants first comes first.
    """

    schema_version: str = SCHEMA_VERSION
    id: str = ""
    title: str | None = None
    title_source: MetadataSource | None = None
    url: str | None = None
    url_source: MetadataSource | None = None
    canonical_url: str | None = None
    outlet: Outlet = field(default_factory=lambda: Outlet(None, None))
    published: str | None = None  # ISO-8601 date or date-time, as a string
    published_source: MetadataSource | None = None
    authors: list[str] = field(default_factory=list)
    authors_source: MetadataSource | None = None
    language: str | None = None
    content_hash: str = ""
    text: str = ""
    paragraphs: list[tuple[int, int]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    input: InputInfo = field(default_factory=lambda: InputInfo(None))
    provenance: dict[str, Any] = field(default_factory=dict)
    removals: list[Removal] = field(default_factory=list)
    source_map: list[tuple[int, int, int, int]] = field(default_factory=list)
    raw: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form described by ``schema/article.schema.json``."""
        return _plain(self)

    def paragraph_texts(self) -> list[str]:
        return [self.text[s:e] for s, e in self.paragraphs]


@dataclass
class FoundLink:
    """A link a reader found in the document's markup (HTML anchors, PDF link annotations)."""

    url: str
    text: str = ""  # the anchor text, used as the link's context


@dataclass
class ReaderMetadata:
    """What a format reader learnt besides the text: HTML meta tags, PDF document info.

    ``source`` is the value the record's ``*_source`` fields take for what comes from here.
    """

    source: MetadataSource = "html"
    url: str | None = None  # canonical URL declared by the document
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO-8601 string
    outlet_name: str | None = None  # og:site_name and the like
    language: str | None = None
    links: list[FoundLink] = field(default_factory=list)


@dataclass
class Document:
    """What a reader hands to the cleaner: decoded text plus what came with it.

    For plain text, ``raw`` is the decoded input. For HTML and PDF it is the text the
    reader extracted (paragraphs separated by blank lines), which the cleaner then treats
    like a paste; ``found`` carries what the reader learnt from the markup.
    """

    raw: str
    id: str
    input: InputInfo
    url: str | None = None
    date: str | None = None
    warnings: list[Warning] = field(default_factory=list)
    found: ReaderMetadata | None = None


@dataclass
class DocumentError:
    """A document that could not be processed. It takes the document's place in the output."""

    error: str
    code: str
    path: str | None = None
    index: int | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"error": self.error, "code": self.code}
        if self.path is not None:
            out["path"] = self.path
        if self.index is not None:
            out["index"] = self.index
        return out


def _plain(value: Any) -> Any:
    """A record as JSON-ready values: dataclasses become dicts, tuples lists, so that it round-trips
    through JSON unchanged. Every dict and list is new (the record shares nothing with the result).

    One pass of our own rather than ``dataclasses.asdict`` and a second walk: asdict deep-copies
    every leaf, and this runs once per stored article (it was about 1% of an ingest)."""
    names = _FIELD_NAMES.get(type(value))
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELD_NAMES.setdefault(type(value), tuple(f.name for f in fields(value)))
    if names is not None:
        return {name: _plain(getattr(value, name)) for name in names}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def field_names(record: type) -> list[str]:
    return [f.name for f in fields(record)]
