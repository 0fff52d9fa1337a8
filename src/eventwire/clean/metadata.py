"""Article metadata from what the cleaner found: URL, outlet, date, title, authors, links, warnings."""

from __future__ import annotations

import datetime as dt
import re
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from ..model import Document, FoundLink, Link, Outlet, Warning
from .dates import normalise_given_date
from .resources import read_table
from .urls import canonical_url, classify_link, date_in_url, registered_domain, title_from_url

if TYPE_CHECKING:
    from .cleaner import Findings

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]{0,200})?/?>")
_SLUG_WORD = re.compile(r"[a-z0-9]+")
_SMALL_WORDS = {"a", "an", "and", "of", "the", "in", "on", "for", "at", "to"}


@dataclass
class Metadata:
    url: str | None = None
    url_source: str | None = None
    canonical_url: str | None = None
    outlet: Outlet = field(default_factory=lambda: Outlet(None, None))
    title: str | None = None
    title_source: str | None = None
    authors: list[str] = field(default_factory=list)
    authors_source: str | None = None
    published: str | None = None
    published_source: str | None = None
    language: str | None = None
    links: list[Link] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def infer(doc: Document, text: str, findings: Findings) -> Metadata:
    """Metadata by precedence: given with the input > declared by the markup > the URL > the text."""
    meta = Metadata()
    raw = doc.raw
    found = doc.found
    own_hit = next((h for h in findings.hits if h.own), None)
    if doc.url:
        meta.url, meta.url_source = doc.url, "input"
    elif found and found.url:
        meta.url, meta.url_source = found.url, found.source
    elif own_hit is not None:
        meta.url, meta.url_source = own_hit.url, "text"
    if meta.url:
        meta.canonical_url = canonical_url(meta.url)
        domain = registered_domain(meta.url)
        name = (found.outlet_name if found else None) or (outlet_name(domain) if domain else None)
        meta.outlet = Outlet(domain or None, name)
    elif found and found.outlet_name:
        meta.outlet = Outlet(None, found.outlet_name)

    _published(doc, findings, meta)
    if found and found.title:
        meta.title, meta.title_source = found.title, found.source
    elif findings.title:
        meta.title, meta.title_source = findings.title, "text"
    elif meta.url:
        slug_title = title_from_url(meta.url)
        if slug_title:
            meta.title, meta.title_source = slug_title, "url"
    if found and found.authors:
        meta.authors, meta.authors_source = list(dict.fromkeys(found.authors)), found.source
    elif findings.authors:
        meta.authors, meta.authors_source = list(dict.fromkeys(findings.authors)), "text"
    meta.links = _links(findings, meta, found.links if found else [])
    meta.warnings.extend(_link_warnings(meta))
    if doc.input.format == "text" and _looks_like_markup(raw):
        meta.warnings.append(Warning("markup-in-text", "the text holds HTML-like tags; they were kept as text (is this an HTML page saved as .txt?)"))
    meta.language = detect_language(text) or (found.language if found else None)
    return meta


def _published(doc: Document, findings: Findings, meta: Metadata) -> None:
    url_date = date_in_url(meta.url) if meta.url else None
    if doc.date:
        given = normalise_given_date(doc.date)
        if given is None:
            meta.warnings.append(Warning("conflicting-dates", f"the date given with the input ({doc.date!r}) could not be read as a date"))
        else:
            meta.published, meta.published_source = given, "input"
            if url_date and given[:10] != url_date.isoformat():
                meta.warnings.append(
                    Warning("conflicting-dates", f"the given date {given} differs from the date {url_date.isoformat()} in the article's URL")
                )
            return
    if doc.found and doc.found.published:
        meta.published, meta.published_source = doc.found.published, doc.found.source
    elif url_date:
        meta.published, meta.published_source = url_date.isoformat(), "url"
    elif findings.dates:
        meta.published, meta.published_source = findings.dates[0], "text"


def _links(findings: Findings, meta: Metadata, found_links: list[FoundLink]) -> list[Link]:
    own_domain = meta.outlet.domain
    by_key: dict[str, Link] = {}
    for hit in findings.hits:
        key = canonical_url(hit.url) or hit.url
        if key in by_key:
            link = by_key[key]
            link.count += 1
            link.repaired = link.repaired or hit.repaired
            continue
        teaser = hit.teaser or _teaser_for(hit.url, findings.teasers)
        kind = classify_link(hit.url, meta.url, own_domain, after_teaser=teaser is not None)
        if hit.own and kind != "source" and meta.url_source == "text":
            kind = "source"
        context = teaser or hit.context
        by_key[key] = Link(hit.url, kind, context, hit.repaired, 1, hit.pieces[0][0], hit.pieces[-1][1])
    for found in found_links:
        key = canonical_url(found.url) or found.url
        if key in by_key:
            continue  # the same URL written in the text; the markup adds nothing new
        kind = classify_link(found.url, meta.url, own_domain, after_teaser=False)
        by_key[key] = Link(found.url, kind, " ".join(found.text.split())[:200], False, 1)
    links = list(by_key.values())
    if meta.url and not any(link.kind == "source" for link in links):
        context = "declared by the page's markup" if meta.url_source == "html" else "given with the input"
        links.insert(0, Link(meta.url, "source", context, False, 0))
    return links


def _teaser_for(url: str, teasers: list[str]) -> str | None:
    """The teaser headline whose words the URL's slug spells out, if any."""
    slug_words = set(_SLUG_WORD.findall(url.rsplit("/", 1)[-1].lower()))
    if len(slug_words) < 3:
        return None
    for teaser in teasers:
        words = set(_SLUG_WORD.findall(teaser.lower().replace("’", "").replace("'", "")))
        if words and len(words & slug_words) / len(words | slug_words) >= 0.6:
            return teaser
    return None


def _link_warnings(meta: Metadata) -> list[Warning]:
    warnings = []
    article_date = _as_date(meta.published)
    for link in meta.links:
        if link.count > 1:
            warnings.append(Warning("duplicate-link", f"{link.url} appears {link.count} times"))
        if link.repaired:
            warnings.append(Warning("url-repaired", f"joined a URL broken across lines: {link.url}"))
        if link.kind == "shortened":
            warnings.append(Warning("short-link-unexpanded", f"{link.url} is a short link; its target cannot be known offline"))
        linked = date_in_url(link.url)
        if article_date and linked and linked > article_date and link.kind != "source":
            warnings.append(
                Warning(
                    "link-dated-after-article",
                    f"{link.url} is dated {linked.isoformat()}, after the article ({article_date.isoformat()}): probably pasted from a related-stories block",
                )
            )
    return warnings


def _as_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _looks_like_markup(raw: str) -> bool:
    tags = _TAG.findall(raw[:200_000])
    return len(tags) >= 5 and len(tags) * 40 > min(len(raw), 200_000) / 10


@lru_cache(maxsize=1)
def _outlet_names() -> dict[str, str]:
    return {row["domain"].lower(): row["name"] for row in read_table("outlets.tsv")}


@lru_cache(maxsize=4096)  # a corpus has few outlets, and spelling one out walks word frequencies
def outlet_name(domain: str) -> str:
    """The outlet's name: from the outlets table, else spelt out of the domain.

    `northern-ledger.example` -> "Northern Ledger"; `theglobeandmail.com` -> "The Globe and Mail"
    (run-together words are split where English word frequencies say they most likely were).
    """
    known = _outlet_names().get(domain.lower())
    if known:
        return known
    label = domain.split(".")[0].lower()
    if len(label) <= 3:
        return label.upper()  # rt.com, npr.org: initials
    words = [w for part in re.split(r"[-_]+", label) if part for w in split_compound(part)]
    return " ".join(w if (i and w in _SMALL_WORDS) else w.capitalize() for i, w in enumerate(words))


def split_compound(label: str) -> list[str]:
    """The likeliest split of a run-together lower-case label into English words (Viterbi over word frequencies)."""
    if len(label) > 40 or not label.isalpha():
        return [label]
    # best[i]: (log10 probability, words) of the likeliest split of label[:i]
    best: list[tuple[float, list[str]]] = [(0.0, [])] + [(-1e9, [])] * len(label)
    for end in range(1, len(label) + 1):
        for start in range(max(0, end - 20), end):
            word = label[start:end]
            zipf = _zipf(word)
            # An unknown word costs one order of magnitude per letter, so it is used only when nothing else fits.
            logp = zipf - 9.0 if zipf > 0 else -9.0 - len(word)
            score = best[start][0] + logp
            if score > best[end][0]:
                best[end] = (score, best[start][1] + [word])
    return best[-1][1] or [label]


@lru_cache(maxsize=4096)
def _zipf(word: str) -> float:
    from wordfreq import zipf_frequency

    if len(word) == 1 and word not in "ai":
        return 0.0  # stray letters are not words in a name
    return zipf_frequency(word, "en")


#: py3langid loads its model on first use without a lock; this one makes a preload and a first use wait for each other.
_LANGUAGE_MODEL_LOCK = threading.Lock()


def load_language_model() -> None:
    """Load py3langid's model now rather than on the first article.

    It takes about half a second, most of it LZMA decompression, which runs outside the GIL:
    called from a background thread, it overlaps other start-up work (loading spaCy)."""
    with _LANGUAGE_MODEL_LOCK:
        import py3langid

        py3langid.classify("a first sentence loads the model")


def detect_language(text: str) -> str | None:
    if len(text.strip()) < 20:
        return None
    import py3langid

    with _LANGUAGE_MODEL_LOCK:
        # A few thousand characters identify a language as well as the whole text, at a fraction of the cost.
        language, _score = py3langid.classify(text[:3000])
    return language
