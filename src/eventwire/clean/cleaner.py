"""The plain-text cleaner: a pasted article in, a clean body with its metadata out.

Steps, in order:
1. split the raw text into lines that keep their offsets;
2. find URLs and join the ones a hard wrap broke across lines;
3. classify every line: blank, bare URL, boilerplate (by the rules in
   ``data/boilerplate.tsv``), a date line, the headline, or body;
4. group body lines into paragraphs (``reflow``) and undo line-end hyphenation;
5. write the text through a ``TextBuilder`` so every character maps back to the raw input;
6. infer URL, outlet, date, title and authors, and classify the links (``metadata``).

Everything removed is recorded in ``Article.removals``, so no word is lost silently.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..model import Article, Document, Removal
from ..settings import DEFAULT_SETTINGS, Settings
from . import metadata, reflow
from .boilerplate import match_line
from .dates import parse_text_date
from .lines import INVISIBLE, Line, fold_spaces, split_lines
from .textmap import TextBuilder
from .urls import URL_CONTINUES, URL_TAIL_RE, find_urls

_NO_WORDS = re.compile(r"[^\w]*")  # punctuation, arrows, emoji: nothing a reader would miss
_CAPITAL_WORD = re.compile(r"[A-Z][a-z]+[.!?,;:]?|[a-z]+[.!?,;:]")
# A short label that introduces the link after it.
_LINK_LABEL = re.compile(r"[^.!?]{2,60}:")
_OPENING_BRACKETS = {"(": ")", "<": ">", "[": "]"}
_WORD = re.compile(r"[A-Za-z\u00c0-\u024f]+(?:-[A-Za-z\u00c0-\u024f]+)*")
_TOKEN = re.compile(r"(\s+)|([" + INVISIBLE + r"]+)|([^\s" + INVISIBLE + r"]+)")
_NEEDS_FOLDING = re.compile(r"\s\s|[^\S ]|[" + INVISIBLE + r"]")
_MAX_TITLE = 200


@dataclass
class UrlHit:
    """One occurrence of a URL in the raw text, possibly in pieces over several lines."""

    url: str
    pieces: list[tuple[int, int]]
    line: int
    inline: bool = False
    own: bool = False  # named by an "Original url:" footer
    teaser: str | None = None  # the headline of the teaser line just before it
    context: str = ""  # the nearest text, for a reader of `links`

    @property
    def repaired(self) -> bool:
        return len(self.pieces) > 1


@dataclass
class Findings:
    """What classification learnt besides the line kinds."""

    hits: list[UrlHit] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)
    title: str | None = None
    teasers: list[str] = field(default_factory=list)
    removals: list[Removal] = field(default_factory=list)
    first_line: int = -1  # index of the first non-blank line: the headline slot


def clean_document(doc: Document, settings: Settings = DEFAULT_SETTINGS) -> Article:
    raw = doc.raw
    lines = split_lines(raw)
    width = reflow.estimate_width([ln.width for ln in lines if not ln.blank])
    findings = Findings()
    findings.hits = _find_urls(raw, lines, width, settings)
    findings.first_line = next((ln.index for ln in lines if not ln.blank), -1)
    _classify(raw, lines, findings)
    from_html = doc.found is not None and doc.found.source == "html"
    _find_title(raw, lines, findings, width, doc.found.title if doc.found else None, from_html)
    paragraphs = _paragraphs(raw, lines, settings)
    builder = TextBuilder()
    spans = _emit(raw, paragraphs, lines, builder, findings)
    text = builder.text()
    for hit in findings.hits:
        for start, end in hit.pieces:
            findings.removals.append(Removal("url", start, end, raw[start:end]))
    findings.removals.sort(key=lambda r: r.raw_start)

    meta = metadata.infer(doc, text, findings)
    return Article(
        id=doc.id,
        content_hash=hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest(),
        text=text,
        paragraphs=spans,
        url=meta.url,
        url_source=meta.url_source,
        canonical_url=meta.canonical_url,
        outlet=meta.outlet,
        title=meta.title,
        title_source=meta.title_source,
        authors=meta.authors,
        authors_source=meta.authors_source,
        published=meta.published,
        published_source=meta.published_source,
        language=meta.language,
        raw=raw if settings.keep_raw else None,
        source_map=[tuple(seg) for seg in builder.source_map],
        links=meta.links,
        warnings=list(doc.warnings) + meta.warnings,
        removals=findings.removals,
        input=doc.input,
    )


# -- 2. URLs ---------------------------------------------------------------------------


def _find_urls(raw: str, lines: list[Line], width: int, settings: Settings) -> list[UrlHit]:
    hits: list[UrlHit] = []
    for line in lines:
        if line.blank or line.kind == "consumed":
            continue
        content = line.content(raw)
        for s, e in find_urls(content):
            start, end = line.content_start + s, line.content_start + e
            hit = UrlHit(raw[start:end], [(start, end)], line.index)
            line.urls.append((start, end))
            hits.append(hit)
            _repair(raw, lines, hit, width, settings)
    return hits


def _repair(raw: str, lines: list[Line], hit: UrlHit, width: int, settings: Settings) -> None:
    """Join the pieces of a URL that a hard wrap split over several lines."""
    line = lines[hit.line]
    while hit.pieces[-1][1] == line.content_end and line.index + 1 < len(lines):
        nxt = lines[line.index + 1]
        if nxt.blank:
            return
        content = nxt.content(raw)
        prefix = URL_TAIL_RE.match(content)
        if not prefix:
            return
        token = prefix.group(0).rstrip(".,;:!?)'\"")
        if not token or token.lower().startswith(("http", "www.")):
            return
        if len(token) < len(prefix.group(0)) or (len(token) < len(content) and not content[len(token)].isspace()):
            # The piece ends in punctuation ("environment]", "a5521."): only a URL that
            # visibly continues ("...climate-") may take it.
            if hit.url[-1] not in "/-_=&?#":
                return
        standalone = token == content
        url_alone = line.index == hit.line and _url_stands_alone(raw, line, hit.pieces[0][0])
        if line.index != hit.line:
            url_alone = True  # an earlier tail already filled the line
        cut_by_wrap = line.width >= settings.wrapped_url_fraction * width
        continues = hit.url[-1] in URL_CONTINUES
        urlish_token = any(c in token for c in "/-_=.&?%0123456789")
        accept = (
            (standalone and url_alone and (cut_by_wrap or continues or urlish_token) and not _CAPITAL_WORD.fullmatch(token))
            or (continues and hit.url[-1] != "." and urlish_token)
            or (hit.url[-1] in "-_=&?#" and token[0].isalnum() and not _CAPITAL_WORD.fullmatch(token))
        )
        if not accept:
            return
        start = nxt.content_start
        end = start + len(token)
        hit.pieces.append((start, end))
        hit.url += token
        nxt.urls.append((start, end))
        if standalone:
            nxt.kind = "consumed"
        line = nxt
        if not standalone:
            return


def _url_stands_alone(raw: str, line: Line, url_start: int) -> bool:
    """The URL fills its line, perhaps after a short label such as 'Original url:'."""
    before = raw[line.content_start:url_start].strip()
    return not before or (len(before) <= 40 and before.endswith((":", "-", "–", "—", "|")))


# -- 3. line kinds ---------------------------------------------------------------------------


def _classify(raw: str, lines: list[Line], findings: Findings) -> None:
    hits_by_line: dict[int, list[UrlHit]] = {}
    for hit in findings.hits:
        hits_by_line.setdefault(hit.line, []).append(hit)
    pending_teaser: str | None = None
    pending_own = False
    previous: Line | None = None
    last_text = ""
    for line in lines:
        if line.kind == "consumed":
            continue
        if line.blank:
            line.kind = "blank"
            continue
        content = line.content(raw)
        residual = _without_urls(raw, line)
        line_hits = hits_by_line.get(line.index, [])
        if line.urls and _NO_WORDS.fullmatch(residual):
            line.kind = "url"
            for hit in line_hits:
                hit.context = last_text
                if pending_own:
                    hit.own, pending_own = True, False
                if pending_teaser:
                    hit.teaser = pending_teaser
            pending_teaser = None
            previous = line
            continue
        folded = fold_spaces(content)
        kind, teaser_title = _boilerplate_kind(folded, line, previous, raw, findings, line_hits)
        if kind is None and line_hits:
            # "Share this article: <url>", "Follow us on X: <url>": the rule matches the words around the URL.
            label = fold_spaces(residual)
            kind, teaser_title = _boilerplate_kind(label, line, previous, raw, findings, line_hits)
            if kind is None and _LINK_LABEL.fullmatch(label) and line.urls[-1][1] == line.content_end:
                kind = "link-label"  # "Read the joint statement (PDF): <url>"
            for hit in line_hits if kind else ():
                hit.context = teaser_title or label.rstrip(" :")
                hit.teaser = hit.teaser or teaser_title
        if kind and kind not in ("source", "source-pending") and _continues_on_next_line(raw, lines, line):
            kind = None  # "Recommended reading for anyone who" / "follows the talks...": a wrapped sentence
        if kind == "teaser":
            line.kind = "teaser"
            pending_teaser = teaser_title
            if teaser_title:
                findings.teasers.append(teaser_title)
        elif kind == "source-pending":
            line.kind = "source"
            pending_own = True
        elif kind:
            line.kind = kind
        else:
            line.kind = "body"
            for hit in line_hits:
                hit.inline = True
                hit.context = fold_spaces(residual)[:200]
            pending_teaser = None
        if line.kind != "body":
            findings.removals.append(Removal(line.kind, line.content_start, line.content_end, content))
        last_text = fold_spaces(residual)[-100:]
        previous = line


def _continues_on_next_line(raw: str, lines: list[Line], line: Line) -> bool:
    nxt = lines[line.index + 1] if line.index + 1 < len(lines) else None
    if nxt is None or nxt.blank or nxt.urls:
        return False
    text = nxt.content(raw)
    return text[:1].islower()


def _boilerplate_kind(
    folded: str, line: Line, previous: Line | None, raw: str, findings: Findings, line_hits: list[UrlHit]
) -> tuple[str | None, str | None]:
    """The line's kind if it is not body text, and a teaser's headline."""
    hit = match_line(folded)
    if hit is None:
        date = parse_text_date(folded)
        if date:
            findings.dates.append(date)
            return "date", None
        return None, None
    action, groups = hit.rule.action, hit.groups
    if action == "teaser":
        return "teaser", (groups.get("title") or "").strip() or None
    if action == "source":
        if groups.get("url"):
            for url_hit in line_hits:
                url_hit.own = True
            return "source", None
        return "source-pending", None
    if action == "byline":
        in_head = previous is not None and previous.index == findings.first_line
        if previous is not None and previous.kind == "body" and not in_head and not reflow.ends_terminal(previous.content(raw)):
            return None, None  # continues a sentence: "...was praised" / "By Foreign Minister ..."
        findings.authors.extend(_split_names(groups.get("names") or ""))
        return "byline", None
    if action in ("date", "updated"):
        date = parse_text_date(groups.get("date") or "")
        if date is None:
            return None, None
        if action == "date":
            findings.dates.append(date)
        return "date", None
    return hit.rule.kind, None


def _split_names(names: str) -> list[str]:
    parts = re.split(r"\s*(?:,|&|\band\b)\s*", names)
    out = []
    for part in parts:
        part = part.strip()
        if not part:
            continue
        if part.isupper():
            part = part.title()
        out.append(part)
    return out


def _without_urls(raw: str, line: Line) -> str:
    pieces, pos = [], line.content_start
    for start, end in sorted(line.urls):
        pieces.append(raw[pos:start])
        pos = end
    pieces.append(raw[pos:line.content_end])
    return "".join(pieces)


def _find_title(raw: str, lines: list[Line], findings: Findings, width: int, declared: str | None = None, from_html: bool = False) -> None:
    """A headline: the first body line, standing on its own, short, not ending like a sentence.

    Text extracted from an HTML page comes with the title the page declares; its first line
    is the headline only if it repeats that title. Otherwise a short first line there is a
    standfirst or a subheading, and body text.
    """
    body = [ln for ln in lines if ln.kind == "body"]
    if len(body) < 2:
        return
    first = body[0]
    content = fold_spaces(first.content(raw))
    if from_html:
        if declared and _title_key(content) == _title_key(declared) and not first.urls:
            first.kind = "title"
            findings.title = content
            findings.removals.append(Removal("title", first.content_start, first.content_end, first.content(raw)))
        return
    words = content.split()
    if len(content) > _MAX_TITLE or not 2 <= len(words) <= 30 or content[-1] in ".,;:" or first.urls:
        return
    following = lines[first.index + 1] if first.index + 1 < len(lines) else None
    if following is None:
        return
    if following.kind == "body":
        next_text = following.content(raw)
        if not (first.width < 0.75 * width and reflow.starts_new(next_text)):
            return
    first.kind = "title"
    findings.title = content
    findings.removals.append(Removal("title", first.content_start, first.content_end, first.content(raw)))


def _title_key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


# -- 4. paragraphs ---------------------------------------------------------------------------


def _paragraphs(raw: str, lines: list[Line], settings: Settings) -> list[list[Line]]:
    body = [ln for ln in lines if ln.kind == "body"]
    widths = [ln.width for ln in body]
    width = reflow.estimate_width(widths)
    unwrapped = reflow.is_unwrapped(widths, settings.unwrapped_line_length)
    blank_separated = _blank_gaps(lines) >= max(1, 0.05 * len(body))
    paragraphs: list[list[Line]] = []
    current: list[Line] = []
    blank_between = removed_between = False
    for line in lines:
        if line.kind == "body":
            if current:
                prev = current[-1]
                if (
                    blank_between
                    or unwrapped
                    or reflow.is_paragraph_break(
                        prev.width, _without_urls(raw, prev).rstrip(), line.content(raw), width, removed_between, blank_separated
                    )
                ):
                    paragraphs.append(current)
                    current = []
            current.append(line)
            blank_between = removed_between = False
        elif line.kind == "blank":
            blank_between = True
        else:
            removed_between = True
    if current:
        paragraphs.append(current)
    return paragraphs


def _blank_gaps(lines: list[Line]) -> int:
    """How many times a blank line separates two body lines."""
    gaps, seen_body, blank = 0, False, False
    for line in lines:
        if line.kind == "body":
            gaps += seen_body and blank
            seen_body, blank = True, False
        elif line.kind == "blank":
            blank = True
    return gaps


# -- 5. text -------------------------------------------------------------------------------


def _emit(raw: str, paragraphs: list[list[Line]], lines: list[Line], builder: TextBuilder, findings: Findings) -> list[tuple[int, int]]:
    document_words = {w.lower() for w in _WORD.findall(raw)}
    url_spans = {span for hit in findings.hits for span in hit.pieces}
    spans: list[tuple[int, int]] = []
    last_raw_end = 0
    for paragraph in paragraphs:
        ops = _paragraph_ops(raw, paragraph, document_words, url_spans, findings)
        visible = [op for op in ops if op[0] == "text"]
        if not visible:
            continue
        if spans:
            builder.put("\n\n", last_raw_end, visible[0][1])
        start = len(builder)
        _write_ops(raw, ops, builder)
        spans.append((start, len(builder)))
        last_raw_end = visible[-1][2]
    return spans


def _paragraph_ops(raw: str, paragraph: list[Line], document_words: set[str], url_spans: set[tuple[int, int]], findings: Findings) -> list[tuple[str, int, int]]:
    """The paragraph as ('text' | 'space' | 'gap' | 'urlgap', raw_start, raw_end) operations."""
    ops: list[tuple[str, int, int]] = []
    for i, line in enumerate(paragraph):
        for kind, start, end in _line_ranges(raw, line):
            if kind == "url":
                ops.append(("urlgap", start, end))
                continue
            if not _NEEDS_FOLDING.search(raw, start, end) and not raw[start].isspace() and not raw[end - 1].isspace():
                ops.append(("text", start, end))  # the common case: words and single spaces, copied as they are
                continue
            for match in _TOKEN.finditer(raw, start, end):
                if match.group(1):
                    ops.append(("space", *match.span()))
                elif match.group(2):
                    ops.append(("gap", *match.span()))
                else:
                    ops.append(("text", *match.span()))
        if i + 1 < len(paragraph):
            nxt = paragraph[i + 1]
            prev_text = _without_urls(raw, line).rstrip()
            how = reflow.hyphen_join(prev_text, nxt.content(raw), document_words)
            if how == "none":
                ops.append(("space", line.content_end, nxt.content_start))
            else:
                hyphen_at = line.content_end - 1
                if how == "drop" and raw[hyphen_at] == "-" and ops and ops[-1][0] == "text" and ops[-1][2] == line.content_end:
                    kind, s, _ = ops.pop()
                    ops.append((kind, s, hyphen_at))
                    findings.removals.append(Removal("hyphenation", hyphen_at, hyphen_at + 1, "-"))
                    ops.append(("gap", hyphen_at, nxt.content_start))
                else:
                    ops.append(("gap", line.content_end, nxt.content_start))
    return ops


def _line_ranges(raw: str, line: Line) -> list[tuple[str, int, int]]:
    """The line's content cut into kept text and URL pieces (with brackets that only held a URL)."""
    ranges: list[tuple[str, int, int]] = []
    pos = line.content_start
    for start, end in sorted(line.urls):
        if start > line.content_start and end < line.content_end:
            opener = raw[start - 1]
            if opener in _OPENING_BRACKETS and raw[end] == _OPENING_BRACKETS[opener]:
                start, end = start - 1, end + 1
        if start > pos:
            ranges.append(("text", pos, start))
        ranges.append(("url", start, end))
        pos = max(pos, end)
    if pos < line.content_end:
        ranges.append(("text", pos, line.content_end))
    return ranges


def _write_ops(raw: str, ops: list[tuple[str, int, int]], builder: TextBuilder) -> None:
    """Write text runs verbatim and fold each run of spaces, gaps and URLs to one space."""
    pending: tuple[int, int] | None = None  # raw span of folded white space waiting to be written
    after_url = False
    wrote_text = False
    for kind, start, end in ops:
        if kind == "text":
            if pending is not None and wrote_text:
                if not (after_url and raw[start] in ".,;:!?)"):
                    builder.put(" ", *pending)
            pending = None
            after_url = False
            builder.copy(raw, start, end)
            wrote_text = True
        elif kind == "space":
            pending = (pending[0], end) if pending else (start, end)
        elif kind == "urlgap":
            after_url = True
            if pending is not None:
                pending = (pending[0], end)
        else:  # a gap: joins the neighbours without a space (hyphenation, invisible characters)
            if pending is not None:
                pending = (pending[0], end)
