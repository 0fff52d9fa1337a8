"""The HTML reader: a saved web page in, the article's text and what its markup declares out.

trafilatura finds the main text and htmldate (called by trafilatura on the parsed tree)
the publication date. Both are handed a parsed tree, never a URL, so nothing is fetched.
The extracted text becomes ``Document.raw``, one block a paragraph with a blank line
between blocks, and the plain-text cleaner then treats it like a paste: the teaser,
share and "Read more" lines the extractor kept are removed there, with removal records.
What the markup says (canonical URL, title, authors, date, site name, language, the
links inside the body) goes to ``Document.found``.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from copy import deepcopy
from dataclasses import dataclass
from datetime import date as _date
from urllib.parse import urljoin, urlsplit

from ..errors import DocumentFailed
from ..model import Document, FoundLink, InputInfo, ReaderMetadata, Warning
from ..settings import Settings
from .decode import decode_bytes
from .identity import document_id

__all__ = ["read_html", "document_from_html", "decode_html_bytes"]

_DECLARED_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{2,40})""", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,200}\?>", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*(?:\s|$)")
# WHATWG: a page that says latin-1 or ASCII is read as windows-1252, and a UTF-16 label
# in a meta tag cannot be true of a page whose meta tag was readable as ASCII.
_CHARSET_ALIASES = {"latin_1": "cp1252", "iso8859_1": "cp1252", "ascii": "cp1252", "utf_16": "utf-8", "utf_16_le": "utf-8", "utf_16_be": "utf-8"}

#: Blocks of the extracted body that count as running prose: at least this many words ...
PROSE_MIN_WORDS = 12
#: ... with less than this share of their characters inside links.
PROSE_MAX_LINK_SHARE = 0.5
#: A page whose main text holds this many linked headlines (teaser cards) ...
INDEX_MIN_LINKED_HEADLINES = 5
#: ... and no stretch of consecutive prose blocks this long (in words) is an index page.
ARTICLE_MIN_PROSE_RUN = 50
#: A block of at most this many words, mostly (this share of its characters) inside a
#: link or repeating a heading of the page that is a link, is a linked headline.
HEADLINE_MAX_WORDS = 20
LINKED_HEADLINE_SHARE = 0.6
#: Fewer words than this in the whole extracted body: nothing to call an article.
ARTICLE_MIN_WORDS = 15


def read_html(data: bytes, path: str | None, settings: Settings, url: str | None = None, date: str | None = None) -> Iterator[Document]:
    """One saved web page (already un-gzipped) as one `Document`. Raises DocumentFailed."""
    text, encoding, warnings = decode_html_bytes(data, settings.encoding)
    info = InputInfo(path=path, format="html", encoding=encoding, bytes=len(data))
    yield document_from_html(text, info, document_id(data, url or path), url=url, date=date, warnings=warnings)


def decode_html_bytes(data: bytes, encoding: str | None = None) -> tuple[str, str, list[Warning]]:
    """Bytes to text: a forced encoding, else a BOM, else the page's own declaration, else detection."""
    if encoding or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data, encoding)
    declared = _declared_encoding(data[:4096])
    if declared and data.strip():
        try:
            return data.decode(declared), declared, []
        except UnicodeDecodeError:
            pass  # the declaration is wrong (a re-saved page): let detection decide, with its warning
    return decode_bytes(data)


def _declared_encoding(head: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(head) or re.search(rb"""^\s*<\?xml[^>]{0,100}encoding\s*=\s*["']([A-Za-z0-9_.\-]{2,40})""", head)
    if not match:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return _CHARSET_ALIASES.get(name.replace("-", "_"), name)


def document_from_html(
    html: str,
    info: InputInfo | None = None,
    doc_id: str | None = None,
    url: str | None = None,
    date: str | None = None,
    warnings: list[Warning] | None = None,
) -> Document:
    """A `Document` from the text of an HTML page (a decoded file, or a JSON Lines ``html`` field).

    Raises DocumentFailed("not-an-article") for a page with no story in it: an index or
    list of teasers, a search page, or a page the extractor finds no text in.
    """
    if info is None:
        info = InputInfo(path=None, format="html", encoding="utf-8", bytes=len(html.encode("utf-8", "surrogatepass")))
    if doc_id is None:
        doc_id = document_id(html.encode("utf-8", "surrogatepass"), url)
    extracted = extract(html)
    return Document(raw=extracted.raw, id=doc_id, input=info, url=url, date=date, warnings=list(warnings or []), found=extracted.found)



@dataclass
class Extracted:
    raw: str
    found: ReaderMetadata
    paragraphs: list[str]


def extract(html: str) -> Extracted:
    """The page's main text (paragraphs) and metadata. Raises DocumentFailed."""
    tree = parse_html(html)
    return extract_tree(tree)


def parse_html(html: str):
    from trafilatura.utils import load_html

    if not html.strip():
        raise DocumentFailed("empty-input", "the page is empty (or only white space)")
    # lxml refuses text that still declares a byte encoding; the bytes are already decoded.
    html = _XML_DECLARATION.sub("", html, count=1)
    tree = load_html(html)
    if tree is None:
        raise DocumentFailed("not-an-article", "no HTML document could be parsed from the input (is it really a web page?)")
    return tree


def extract_tree(tree) -> Extracted:
    from trafilatura import bare_extraction

    # Links kept in the extracted body cost about 0.001 of body F1 (the extractor drops a few
    # more link-heavy lines), but they are what tells a column of linked teaser headlines,
    # an index page, from a story: without them those headlines vanish and the teasers
    # below them read like prose.
    result = bare_extraction(
        tree,
        include_comments=False,
        include_links=True,
        include_tables=True,
        with_metadata=True,
        date_extraction_params=_date_params(extensive=False),
    )
    if result is None or result.body is None:
        raise DocumentFailed(
            "not-an-article",
            "no article text was found in the page (an index, a search page, a page built by scripts, or markup nested too deeply to parse?)",
        )
    page_url = _page_url(tree, result.url)
    blocks = _blocks(result.body)
    _refuse_index_page(tree, blocks)
    paragraphs = [b.text for b in blocks if b.text]
    links = _links(blocks, page_url, _links_in_story_span(tree, paragraphs))
    site = _site_name(tree, result.sitename)
    authors = _authors(result.author, site, page_url)
    if not authors:
        authors = _authors(_byline_markup(tree), site, page_url)
    found = ReaderMetadata(
        source="html",
        url=page_url,
        title=_title(result.title, site, _headings(tree, site)),
        authors=authors,
        published=result.date,
        outlet_name=site,
        language=_language(tree),
        links=links,
    )
    if not found.published:
        found.published = _date_from_text(tree)
    return Extracted("\n\n".join(paragraphs) + "\n", found, paragraphs)


def _date_params(extensive: bool) -> dict:
    # The publication date, not the last update; dates after today are typos or widgets.
    return {"original_date": True, "extensive_search": extensive, "max_date": _date.today().isoformat(), "outputformat": "%Y-%m-%d"}


def _date_from_text(tree) -> str | None:
    """A date found by scanning the page's text, when its markup declares none.

    Only a date to the day is taken: a scan that finds no more than a year (a
    copyright line, "2025") reports it as 1 January, which is no publication date.
    Called last: htmldate may prune the tree it is given.
    """
    from htmldate import find_date

    found = find_date(tree, **_date_params(extensive=True))
    return found if found and not found.endswith("-01-01") else None


# -- body ---------------------------------------------------------------------------------


@dataclass
class Block:
    tag: str
    text: str
    link_chars: int
    links: list[tuple[str, str]]

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def link_share(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def _blocks(body) -> list[Block]:
    """The extracted body as blocks (paragraphs, headings, list items, table rows), links kept aside."""
    from lxml import etree
    from trafilatura.xml import xmltotxt

    blocks: list[Block] = []
    for child in body:
        element = deepcopy(child)
        element.tail = None
        for part in _parts(element):
            refs = [(ref.get("target") or "", " ".join("".join(ref.itertext()).split())) for ref in part.iter("ref")]
            etree.strip_tags(part, "ref")
            lines = [" ".join(line.split()) for line in xmltotxt(part, False).split("\n")]
            lines = [line for line in lines if line and line != "|"]
            # A <br> splits a block into lines; each link goes with the line that shows its anchor.
            owned: list[list[tuple[str, str]]] = [[] for _ in lines]
            for target, anchor in refs:
                where = next((i for i, line in enumerate(lines) if anchor and anchor in line), 0)
                if lines:
                    owned[where].append((target, anchor))
            for line, links in zip(lines, owned):
                link_chars = min(len(line), sum(len(anchor) for _, anchor in links))
                blocks.append(Block(part.tag, line, link_chars, [(t, a) for t, a in links if t]))
    return blocks


_BLOCK_TAGS = ("head", "p", "list", "quote", "table", "code")


def _parts(element) -> Iterator:
    """The reader's blocks of one body element: a list item, a table row, a paragraph.

    A table whose cells hold paragraphs is a layout table (an old site's page grid):
    its cells are columns to read one block at a time, and a column that is mostly
    links is the site's navigation, not the story.
    """
    from lxml import etree

    if element.tag == "list" and len(element):
        yield from element
        return
    if element.tag != "table" or not len(element):
        yield element
        return
    for row in element:
        cells = list(row)
        if not any(child.tag in _BLOCK_TAGS for cell in cells for child in cell):
            yield row
            continue
        for cell in cells:
            text = "".join(cell.itertext())
            linked = sum(len("".join(ref.itertext())) for ref in cell.iter("ref"))
            if text.strip() and linked >= PROSE_MAX_LINK_SHARE * len(text.strip()):
                continue
            loose = [cell.text] + [child.tail for child in cell]
            for child, before in zip(list(cell) + [None], loose):
                if before and before.strip():
                    paragraph = etree.Element("p")
                    paragraph.text = before
                    yield paragraph
                if child is not None:
                    child.tail = None
                    yield from _parts(child)


def _refuse_index_page(tree, blocks: list[Block]) -> None:
    """Refuse a front page, a section or tag page, a search result list.

    Such a page is a column of teaser cards: headlines that link to the stories, with a
    line of summary under each. What gives it away is the extracted body being made of
    many such linked headlines with no stretch of running prose between them; a list
    article (award nominees, a timeline) has headings too, but they are not links.
    """
    words = sum(b.words for b in blocks)
    if words < ARTICLE_MIN_WORDS:
        raise DocumentFailed("not-an-article", f"the page holds only {words} words of main text: not an article")
    linked = _linked_headline_texts(tree)
    teasers = 0
    longest = run = 0
    for block in blocks:
        if _is_linked_headline(block, linked):
            teasers += 1
            run = 0
        elif block.words >= PROSE_MIN_WORDS and block.link_share < PROSE_MAX_LINK_SHARE and _SENTENCE_END.search(block.text + " "):
            run += block.words
            longest = max(longest, run)
    if teasers >= INDEX_MIN_LINKED_HEADLINES and longest < ARTICLE_MIN_PROSE_RUN:
        raise DocumentFailed(
            "not-an-article",
            f"this looks like an index or list page ({teasers} linked headlines and no stretch of running prose "
            f"longer than {longest} words): give eventwire the article pages themselves",
        )


def _is_linked_headline(block: Block, linked: set[str]) -> bool:
    if block.words > HEADLINE_MAX_WORDS:
        return False
    return block.link_share >= LINKED_HEADLINE_SHARE or _fold(block.text) in linked


def _linked_headline_texts(tree) -> set[str]:
    """Folded texts of the page's headings that are links: the headlines of teaser cards."""
    out = set()
    for heading in tree.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        text = " ".join("".join(heading.itertext()).split())
        if not text:
            continue
        inside_link = next(heading.iterancestors("a"), None) is not None
        linked = len(text) if inside_link else sum(len(" ".join("".join(a.itertext()).split())) for a in heading.iter("a"))
        if linked >= LINKED_HEADLINE_SHARE * len(text):
            out.add(_fold(text))
    return out


# Containers inside a story that hold the page's furniture rather than the story's links.
_FURNITURE = re.compile(r"share|social|sharing|newsletter|comment|promo|advert|\bads?\b|sidebar|widget|toolbar|tools|breadcrumb|\btags?\b|topics|byline|author|nav", re.IGNORECASE)
_FURNITURE_TAGS = frozenset({"nav", "aside", "footer", "header", "form", "button", "figure", "figcaption"})
_TEXT_BLOCKS = ("p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "td", "dd", "pre")


def _links_in_story_span(tree, paragraphs: list[str]) -> list[tuple[str, str]]:
    """Links in the stretch of the page the story occupies, from its first paragraph to its last.

    The extractor drops link-heavy lines such as "Related: <headline>" or "Listen: <episode>"
    from the text, but their links are still the story's own. Links inside share bars,
    bylines, asides and the like within that stretch are left out.
    """
    elements = [(element, _fold("".join(element.itertext()))) for element in tree.iter(_TEXT_BLOCKS)]

    def locate(paragraph: str, order) -> object | None:
        key = _fold(paragraph)[:80]
        return next((element for element, text in order if key and key in text), None) if key else None

    # The first and last paragraphs that can be found in the markup (the extractor may have
    # rewritten a table or joined a heading); a few tries each way are enough.
    start = next((e for e in (locate(p, elements) for p in paragraphs[:5]) if e is not None), None)
    end = next((e for e in (locate(p, elements[::-1]) for p in reversed(paragraphs[-5:])) if e is not None), None)
    if start is None or end is None:
        return []
    out = []
    inside = False
    stop = None
    for element in tree.iter():
        if element is start:
            inside = True
        if inside and element.tag == "a" and element.get("href") and not _in_furniture(element):
            out.append((element.get("href"), " ".join("".join(element.itertext()).split())))
        if element is end:
            stop = list(end.iter())[-1]
        if element is stop:
            break
    return out


def _in_furniture(anchor) -> bool:
    for ancestor in anchor.iterancestors():
        if ancestor.tag in _FURNITURE_TAGS:
            return True
        if _FURNITURE.search(f"{ancestor.get('class') or ''} {ancestor.get('id') or ''}"):
            return True
        if ancestor.tag in ("article", "main", "body"):
            return False
    return False


def _links(blocks: list[Block], page_url: str | None, span_links: list[tuple[str, str]] = ()) -> list[FoundLink]:
    out: list[FoundLink] = []
    seen: set[str] = set()
    found = [link for block in blocks for link in block.links] + list(span_links)
    for target, anchor in found:
        url = _absolute(target, page_url)
        if url is None or url in seen or (page_url and _same_page(url, page_url)):
            continue
        seen.add(url)
        out.append(FoundLink(url, anchor))
    return out


def _absolute(target: str, base: str | None) -> str | None:
    target = target.strip()
    if not target or target.startswith("#"):
        return None
    if base and not urlsplit(target).scheme:
        target = urljoin(base, target)
    parts = urlsplit(target)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None  # mailto:, javascript:, or relative with nothing to resolve it against
    return target


def _same_page(url: str, page_url: str) -> bool:
    a, b = urlsplit(url), urlsplit(page_url)
    return (a.netloc.lower().removeprefix("www."), a.path.rstrip("/"), a.query) == (b.netloc.lower().removeprefix("www."), b.path.rstrip("/"), b.query)


# -- metadata -----------------------------------------------------------------------------


def _page_url(tree, extracted_url: str | None) -> str | None:
    """The page's own address as it declares it: the canonical link, else og:url."""
    base = _first_attr(tree, ".//head//base[@href]", "href")
    for xpath, attr in ((".//link[@rel='canonical'][@href]", "href"), (".//meta[@property='og:url'][@content]", "content")):
        value = _first_attr(tree, xpath, attr)
        if value:
            url = _absolute(value, base)
            if url:
                return url
    if extracted_url and urlsplit(extracted_url).scheme in ("http", "https"):
        return extracted_url
    return None


def _first_attr(tree, xpath: str, attr: str) -> str | None:
    for element in tree.iterfind(xpath):
        value = (element.get(attr) or "").strip()
        if value:
            return value
    return None


def _byline_markup(tree) -> str | None:
    """The author named by the page's byline markup (rel=author, .author, itemprop), as trafilatura finds it."""
    from trafilatura.metadata import extract_author

    try:
        return extract_author(tree)
    except Exception:  # a library internal: a page it cannot read has no byline for us
        return None


def _site_name(tree, extracted: str | None) -> str | None:
    for xpath in (".//meta[@property='og:site_name'][@content]", ".//meta[@name='application-name'][@content]"):
        value = _first_attr(tree, xpath, "content")
        if value:
            return " ".join(value.split())
    publisher = _json_ld_publisher(tree)
    if publisher:
        return publisher
    # trafilatura falls back to the host name, which is a domain, not a name
    if extracted and "." not in extracted:
        return extracted
    return None


def _json_ld_publisher(tree) -> str | None:
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "", strict=False)
        except ValueError:
            continue
        for item in _json_items(data):
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str) and publisher["name"].strip():
                return " ".join(publisher["name"].split())
    return None


def _json_items(data) -> Iterator[dict]:
    if isinstance(data, list):
        for item in data:
            yield from _json_items(item)
    elif isinstance(data, dict):
        yield data
        if isinstance(data.get("@graph"), list):
            yield from _json_items(data["@graph"])


def _fold(text: str) -> str:
    return "".join(_WORD.findall(text.lower()))


def _headings(tree, site: str | None) -> list[str]:
    """The page's level-one headings, less a logo that spells the site's name."""
    out = []
    for heading in tree.iter("h1"):
        text = " ".join("".join(heading.itertext()).split())
        if len(text.split()) >= 2 and not (site and _fold(text) == _fold(site)):
            out.append(text)
    return out


def _title(title: str | None, site: str | None, headings: list[str] = ()) -> str | None:
    """The headline as the page shows it.

    The page's one ``<h1>`` is the headline readers see; the declared title (og:title,
    JSON-LD, <title>) often carries the site's name or an SEO variant. The declared title
    is used when the page has no single heading, less a " | Site" suffix.
    """
    if headings and title and _fold(headings[0]) and _fold(headings[0]) in _fold(title):
        return headings[0]
    if len(headings) == 1:
        return headings[0]
    if not title:
        return None
    title = " ".join(title.split())
    if site:
        # "Headline | Site Name", "Headline - Site Name": the site is not part of the headline
        for sep in (" | ", " - ", " – ", " — ", " :: ", " · "):
            head, found, tail = title.rpartition(sep)
            if found and head and _fold(tail) == _fold(site):
                return head.strip()
    return title


# Words that open a byline widget rather than a name ("View all posts by", "About the author").
_AUTHOR_PREFIX = re.compile(
    r"^(?:(?:view|see)(?: all| more)? posts by|about the author|written and reviewed by|(?:written|posted|published|reviewed|edited|words)(?: by)?|authors?|by)\b[\s:,]*",
    re.IGNORECASE,
)
# What a byline widget appends to a name: a job title, a date, a call to action.
_AUTHOR_TAIL = re.compile(
    r"\s+(?:senior|junior|chief|staff|contributing|lead|head|reporter|writer|editor|correspondent|contributor|columnist|analyst|"
    r"developer|manager|coordinator|specialist|producer|director|founder|blogger|author|updated|published|posted|see more|read more|"
    r"subscribe|follow|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|"
    r"september|october|november|december)\b.*$",
    re.IGNORECASE,
)
# Labels and placeholders that sites put where a name should be.
_NOT_A_NAME = frozenset({"admin", "administrator", "name", "share", "log", "login", "author", "authors", "editor", "editors", "our editors",
               "staff", "team", "editorial team", "guest", "guest contributor", "guest author", "guest blogger", "community editor",
               "written by", "see more", "read more", "anonymous", "unknown"}
)
# A name made of these words is an organisation (an outlet, a team), not a person.
_ORGANISATION_WORDS = frozenset(
    {"news", "times", "post", "press", "media", "daily", "weekly", "magazine", "journal", "blog", "team", "staff", "wire",
     "network", "tv", "radio", "online", "group", "inc", "ltd", "llc", "the", "herald", "tribune", "gazette", "ledger",
     "monitor", "telegraph", "courier", "chronicle", "agency", "editors", "desk", "productions", "podcast"}
)


def _authors(author: str | None, site: str | None, page_url: str | None) -> list[str]:
    """The people the markup names as authors: byline labels, job titles and the site's own name left out."""
    if not author:
        return []
    outlets = {_fold(site)} if site else set()
    if page_url:
        host = urlsplit(page_url).netloc.lower().removeprefix("www.")
        outlets.update({_fold(host), _fold(host.split(".")[0])})
    out: list[str] = []
    for raw_name in author.split(";"):
        name = _clean_author(raw_name)
        if not name or name in out:
            continue
        if _fold(name) in outlets and not _looks_like_a_person(name):
            continue  # "CNBC", "The Washington Times": the outlet signing its own page
        out.append(name)
    return out


def _clean_author(name: str) -> str | None:
    name = " ".join(name.split()).strip(" ,|-–—:")
    name = _AUTHOR_PREFIX.sub("", name)
    # A leading space lets a name that is only a job title ("Senior Analyst") fall away whole.
    name = _AUTHOR_TAIL.sub("", " " + name).strip(" ,|-–—:@")
    lowered = name.lower()
    if not name or lowered in _NOT_A_NAME or "http" in lowered or "www" in lowered or not any(ch.isalpha() for ch in name):
        return None
    if len(name.split()) > 6:
        return None  # a sentence, not a name
    return name


def _looks_like_a_person(name: str) -> bool:
    """Two to four capitalised words, none of them an outlet's or a team's: "Tim Shields", not "AP News"."""
    words = name.replace(".", ". ").split()
    return 2 <= len(words) <= 4 and all(w[0].isupper() for w in words) and not any(w.lower().strip(".") in _ORGANISATION_WORDS for w in words)


def _language(tree) -> str | None:
    value = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang")
    if not value:
        value = _first_attr(tree, ".//meta[@http-equiv='content-language'][@content]", "content") or _first_attr(
            tree, ".//meta[@property='og:locale'][@content]", "content"
        )
    if not value:
        return None
    code = re.split(r"[-_,;\s]", value.strip().lower(), maxsplit=1)[0]
    return code if re.fullmatch(r"[a-z]{2,3}", code) else None
