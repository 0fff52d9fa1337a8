"""URLs in pasted text: finding them, classifying them, reading dates and titles off them.

Nothing here touches the network: short links stay unexpanded and no page is fetched.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from urllib.parse import urlsplit

from .resources import read_table

# Scheme or www. start; runs to white space or a character that cannot end a pasted URL.
URL_RE = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”‘’«»\[\]{}|\\^`]+", re.IGNORECASE)
_TRAILING = ".,;:!?)'\"’”»"
# Characters a URL's piece on the next line may consist of.
URL_TAIL_RE = re.compile(r"[A-Za-z0-9\-._~/?#@!$&'()*+,;=%]+")
# Ends of a URL after which a wrapped continuation is certain to follow.
URL_CONTINUES = "/-_=&?#%+."

_DATE_IN_PATH = re.compile(
    r"/((?:19|20)\d\d)[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?=/|$|-|_|\.)"
    r"|/((?:19|20)\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=/|$|-|_|\.)"
)
_SHORT_PATH = re.compile(r"/[A-Za-z0-9_-]{4,12}/?")
_ID_TOKEN = re.compile(r"(?=[a-z]*\d)[a-z0-9]{4,}|\d+")
_ARTICLE_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){2,}")
_MEDIA_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|svg|mp4|webm|mov|mp3|m4a|ogg|wav)$", re.IGNORECASE)
_DOCUMENT_FILE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|csv|zip|odt)$", re.IGNORECASE)
_SMALL_WORDS = {"a", "an", "the", "and", "or", "but", "to", "of", "in", "on", "for", "at", "by", "with", "as", "from", "vs", "via", "nor"}


def find_urls(line: str) -> list[tuple[int, int]]:
    """(start, end) of each URL in a line, with trailing punctuation trimmed off."""
    spans = []
    for match in URL_RE.finditer(line):
        start, end = match.span()
        while end > start and line[end - 1] in _TRAILING:
            # Keep a closing parenthesis that closes one opened inside the URL.
            if line[end - 1] == ")" and line[start:end].count("(") >= line[start:end].count(")"):
                break
            end -= 1
        if end - start > 8:
            spans.append((start, end))
    return spans


def host_of(url: str) -> str:
    """The lower-cased host without `www.`, `m.` or `amp.`; '' if none."""
    if url.lower().startswith("www."):
        url = "http://" + url
    try:
        host = (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""
    for prefix in ("www.", "m.", "amp.", "mobile."):
        if host.startswith(prefix):
            host = host[len(prefix):]
    return host


def registered_domain(url: str) -> str:
    """The domain a reader would name the site by: `themoscowtimes.com`, `bbc.co.uk`."""
    host = host_of(url)
    if not host:
        return ""
    from courlan import extract_domain

    try:
        domain = extract_domain("http://" + host + "/")  # public-suffix aware, from a bundled list
    except Exception:  # courlan raises assorted errors on odd hosts
        domain = None
    if not domain:
        # Hosts outside the public suffix list (`.example`, intranets): keep the last two labels.
        domain = ".".join(host.split(".")[-2:])
    return domain or host


def canonical_url(url: str) -> str | None:
    """A normalised form for grouping: lower-case host, no tracking parameters, no fragment."""
    from courlan import normalize_url

    target = "http://" + url if url.lower().startswith("www.") else url
    try:
        normal = normalize_url(target)
    except Exception:
        return None
    return normal.split("#", 1)[0]


def date_in_url(url: str) -> dt.date | None:
    """The date written in a URL path (`/2022/01/28/`, `/2022-01-28-`, `/20220128/`)."""
    try:
        path = urlsplit(url if "://" in url else "http://" + url).path
    except ValueError:
        return None
    match = _DATE_IN_PATH.search(path)
    if not match:
        return None
    groups = [g for g in match.groups() if g is not None]
    try:
        return dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
    except ValueError:
        return None


@lru_cache(maxsize=1)
def _host_kinds() -> dict[str, str]:
    return {row["host"].lower(): row["kind"] for row in read_table("link_domains.tsv")}


def _listed_kind(host: str) -> str | None:
    kinds = _host_kinds()
    parts = host.split(".")
    for i in range(len(parts) - 1):
        kind = kinds.get(".".join(parts[i:]))
        if kind:
            return kind
    return None


def looks_shortened(url: str) -> bool:
    host = host_of(url)
    if _listed_kind(host) == "shortened":
        return True
    try:
        parts = urlsplit(url if "://" in url else "http://" + url)
    except ValueError:
        return False
    # Unlisted shorteners: a short host and one opaque mixed token as the whole path.
    token = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return (
        len(host) <= 10
        and not parts.query
        and parts.path.count("/") <= 3
        and bool(_SHORT_PATH.fullmatch("/" + token))
        and any(c.isdigit() for c in token)
        and any(c.isalpha() for c in token)
    )


def classify_link(url: str, own_url: str | None, own_domain: str | None, after_teaser: bool) -> str:
    """One of source, related, media, shortened, social, other."""
    if own_url and _same_url(url, own_url):
        return "source"
    host = host_of(url)
    listed = _listed_kind(host)
    if listed in ("media", "social"):
        return listed
    path = _path_of(url)
    if _MEDIA_FILE.search(path):
        return "media"
    if _DOCUMENT_FILE.search(path):
        return "other"  # a report or a data file, not a story
    if looks_shortened(url):
        return "shortened"
    if after_teaser:
        return "related"
    if own_domain and registered_domain(url) == own_domain:
        return "related"
    if is_article_url(url):
        return "related"
    return "other"


def is_article_url(url: str) -> bool:
    """A URL that points at a news story: a date in its path or a long word slug."""
    if date_in_url(url):
        return True
    try:
        path = urlsplit(url if "://" in url else "http://" + url).path.lower()
    except ValueError:
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_ARTICLE_SLUG.fullmatch(re.sub(r"\.s?html?$", "", last))) and last.count("-") >= 3


def _path_of(url: str) -> str:
    try:
        return urlsplit(url if "://" in url else "http://" + url).path
    except ValueError:
        return ""


def _same_url(a: str, b: str) -> bool:
    if a == b:
        return True
    ca, cb = canonical_url(a), canonical_url(b)
    return ca is not None and ca == cb


def title_from_url(url: str) -> str | None:
    """A headline made from the URL's slug: `russia-not-to-blame-a76183` -> `Russia Not to Blame`."""
    try:
        path = urlsplit(url if "://" in url else "http://" + url).path
    except ValueError:
        return None
    segments = [s for s in path.split("/") if s]
    if not segments:
        return None
    slug = re.sub(r"\.(?:s?html?|php|aspx?)$", "", segments[-1].lower())
    words = [w for w in re.split(r"[-_+]+", slug) if w]
    while words and _ID_TOKEN.fullmatch(words[-1]):
        words.pop()
    while words and _ID_TOKEN.fullmatch(words[0]) and words[0].isdigit():
        words.pop(0)
    if len(words) < 3 or not all(w.isalpha() or w.isalnum() for w in words):
        return None
    titled = [w if (i and w in _SMALL_WORDS) else w.capitalize() for i, w in enumerate(words)]
    return " ".join(titled)
