"""Deterministic degradation of clean article bodies into "pasted" text.

A clean body is a list of paragraph strings. ``degrade`` turns it into the
kind of text people paste: hard-wrapped lines, some typographic end-of-line
hyphenation, and boilerplate lines (teasers, share/subscribe lines, a byline,
bare and duplicated URLs, an "Original url:" footer broken across two lines,
a short link). It returns two variants (blank lines kept / lost) together
with everything the scorer needs: the inserted boilerplate lines, the body
lines and the hyphenation events.

All names, titles and URLs are invented here from small word lists; the
domains are under ``.example`` (short links use well-known shortener hosts
with random codes).
"""

from __future__ import annotations

import random
import re
import string
import textwrap
from dataclasses import dataclass, field

WIDTH_RANGE = (60, 100)
MIN_HYPHEN_WORD = 9

FIRST_NAMES = [
    "Amara", "Bastian", "Carys", "Dmitri", "Elodie", "Farid", "Greta", "Hollis",
    "Ines", "Jovan", "Kalani", "Lorcan", "Mireille", "Nnamdi", "Odile", "Piet",
    "Quilla", "Rasmus", "Saoirse", "Tobias", "Ulla", "Vesna", "Wendell", "Xiomara",
    "Yusra", "Zoltan", "Marisol", "Teodor", "Ysolde", "Caspian",
]
LAST_NAMES = [
    "Abernathy", "Brightwater", "Castellanos", "Drummond", "Eklund", "Fairweather",
    "Garrow", "Halvorsen", "Ibarguen", "Jessop", "Kovalenko", "Lindqvist",
    "Montrose", "Nakashima", "Okonkwo", "Pemberton", "Quarles", "Rosenthal",
    "Sandoval", "Thistlewood", "Underhill", "Valcourt", "Whitlock", "Yardley",
    "Zabrowski", "Ferncastle", "Oyelaran", "Marchetti", "Strand", "Kilbride",
]
HEAD_SUBJECTS = [
    "council", "harbour authority", "regional court", "transit agency", "farmers",
    "school board", "port workers", "city mayor", "health ministry", "coastal towns",
    "bird watchers", "rail union", "village elders", "tech startups", "museum",
    "river commission", "fishing fleet", "lawmakers", "border officials", "orchestra",
]
HEAD_VERBS = [
    "approves", "rejects", "delays", "unveils", "questions", "backs", "revisits",
    "postpones", "celebrates", "debates", "expands", "suspends", "defends", "reviews",
]
HEAD_OBJECTS = [
    "new budget", "bridge repairs", "water plan", "tram extension", "housing rules",
    "night market", "flood barrier", "library hours", "solar farm", "ferry timetable",
    "wildlife survey", "festival permit", "parking fees", "grain exports", "wind project",
    "hospital wing", "ceasefire talks", "trade deal", "census results", "road tolls",
]
HEAD_TAILS = [
    "after long debate", "amid protests", "for second year", "despite warnings",
    "as costs rise", "before winter", "in surprise vote", "after review",
    "following storm", "at last minute", "", "", "",
]
SITE_WORDS = [
    "northgazette", "dailyharbor", "valleypost", "metroledger", "coastwire",
    "thecourier", "prairietimes", "islandherald", "capitalbeacon", "riverview",
]
SECTIONS = ["news", "world", "politics", "business", "local", "sport", "culture", "science"]
SHORTENERS = ["bit.ly", "t.co", "buff.ly", "ow.ly"]

FIXED_LINES = [
    "Share this article",
    "Follow us on Twitter",
    "Subscribe to our newsletter",
    "ADVERTISEMENT",
]


@dataclass
class BoilerLine:
    text: str  # the line as it appears in the degraded document
    kind: str  # byline, teaser, fixed, url, url_dup, original_url, original_url_tail, shortlink
    keys: list[str]  # distinctive strings; the line counts as left over if any remains


@dataclass
class HyphenEvent:
    word: str  # the full word (as in the gold text, without trailing punctuation)
    head: str  # piece ending the line, without the hyphen
    tail: str  # piece starting the next line


@dataclass
class CompoundBreak:
    left: str  # last space-separated piece of the line, ends with "-"
    right: str  # first space-separated piece of the next line


@dataclass
class BodyLine:
    text: str
    tokens: list[str]  # word tokens used for the dropped-line check (hyphen fragments removed)
    para: int = -1  # index of its gold paragraph


@dataclass
class Degraded:
    doc_id: str
    source: str
    gold: list[str]
    width: int
    variants: dict[str, str]  # keep_blank / lost_blank -> text
    boiler: list[BoilerLine] = field(default_factory=list)
    body_lines: list[BodyLine] = field(default_factory=list)
    hyphens: list[HyphenEvent] = field(default_factory=list)
    compounds: list[CompoundBreak] = field(default_factory=list)


def normalise_ws(s: str) -> str:
    return " ".join(s.split())


TOKEN_RE = re.compile(r"\w+")


def tokens(s: str) -> list[str]:
    return [t.lower() for t in TOKEN_RE.findall(s)]


# --------------------------------------------------------------------------
# invented names, titles and URLs

def _title(rng: random.Random) -> str:
    words = [rng.choice(HEAD_SUBJECTS), rng.choice(HEAD_VERBS), rng.choice(HEAD_OBJECTS)]
    tail = rng.choice(HEAD_TAILS)
    if tail:
        words.append(tail)
    return string.capwords(" ".join(words))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def _article_url(rng: random.Random, title: str | None = None) -> str:
    title = title or _title(rng)
    host = rng.choice(["www.", "", "news."]) + rng.choice(SITE_WORDS) + ".example"
    y, m, d = rng.randint(2015, 2025), rng.randint(1, 12), rng.randint(1, 28)
    art_id = rng.randint(10000, 9999999)
    slug = _slug(title)
    style = rng.randrange(3)
    if style == 0:
        path = f"/{rng.choice(SECTIONS)}/{y}/{m:02d}/{d:02d}/{slug}-{art_id}.html"
    elif style == 1:
        path = f"/{rng.choice(SECTIONS)}/{slug}-n{art_id}"
    else:
        path = f"/{y}/{m:02d}/{slug}/"
    url = f"https://{host}{path}"
    if rng.random() < 0.2:
        url += f"?utm_source={rng.choice(['twitter', 'newsletter', 'share'])}"
    return url


def _short_link(rng: random.Random) -> str:
    code = "".join(rng.choice(string.ascii_letters + string.digits) for _ in range(rng.randint(6, 8)))
    return f"{rng.choice(['http', 'https'])}://{rng.choice(SHORTENERS)}/{code}"


def _strip_scheme(url: str) -> str:
    return re.sub(r"^https?://", "", url)


def _make_boiler(kind: str, rng: random.Random) -> list[BoilerLine]:
    """One boilerplate item: a list of consecutive lines."""
    if kind == "teaser":
        title = _title(rng)
        label = rng.choice(["Related article:", "Read more:", "READ ALSO:", "Related:"])
        shown = title.upper() if label == "READ ALSO:" and rng.random() < 0.5 else title
        return [BoilerLine(f"{label} {shown}", "teaser", [shown])]
    if kind == "fixed":
        text = rng.choice(FIXED_LINES)
        return [BoilerLine(text, "fixed", [text])]
    if kind == "url":
        url = _article_url(rng)
        key = _strip_scheme(url)
        if rng.random() < 0.35:
            return [BoilerLine(url, "url_dup", [key]), BoilerLine(url, "url_dup", [key])]
        return [BoilerLine(url, "url", [key])]
    if kind == "byline":
        name = _name(rng)
        return [BoilerLine(f"By {name}", "byline", [name])]
    if kind == "original_url":
        url = _article_url(rng)
        # split somewhere inside the slug (the last path segment with letters)
        m = None
        for m in re.finditer(r"[a-z0-9]+(?:-[a-z0-9]+)+", url):
            pass
        start, end = (m.start(), m.end()) if m else (len(url) // 2, len(url))
        lo, hi = start + 4, min(end, len(url) - 6)
        cut = rng.randint(lo, hi) if hi > lo else max(8, len(url) - 8)
        head, tail = url[:cut], url[cut:]
        label = rng.choice(["Original url:", "Original URL:", "Original url :"])
        return [
            BoilerLine(f"{label} {head}", "original_url", [label, _strip_scheme(head)]),
            BoilerLine(tail, "original_url_tail", [tail]),
        ]
    if kind == "shortlink":
        url = _short_link(rng)
        return [BoilerLine(url, "shortlink", [_strip_scheme(url)])]
    raise ValueError(kind)


# --------------------------------------------------------------------------
# wrapping with typographic hyphenation

_HEAD_TOKEN_RE = re.compile(r"^([^\W\d_]+)(\W*)$")


_VOWELS = set("aeiouyAEIOUY")


def _hyphen_point(word: str, hi: int, rng: random.Random) -> int:
    """A split point in [3, hi], preferring syllable-like boundaries
    (vowel|consonant or consonant|consonant), as typesetters do."""
    ks = list(range(3, hi + 1))
    good = [
        k for k in ks
        if (word[k - 1] in _VOWELS and word[k] not in _VOWELS)
        or (word[k - 1] not in _VOWELS and word[k] not in _VOWELS and word[k - 1] != word[k])
    ]
    return rng.choice(good or ks)


def wrap_paragraph(
    para: str, width: int, rate: float, rng: random.Random
) -> tuple[list[str], list[HyphenEvent], set[int]]:
    """Greedy wrap with textwrap; some long words that would start a line are
    split "negoti-" / "ations" instead. ``para`` must be whitespace-normalised.

    Returns the lines, the hyphenation events and the indices of the lines
    that end with an inserted hyphenation head."""
    lines: list[str] = []
    events: list[HyphenEvent] = []
    hyph_lines: set[int] = set()
    rest = para
    window = 4 * width
    while rest:
        chunk = rest if len(rest) <= window else rest[:window]
        wl = textwrap.wrap(chunk, width, break_long_words=False, break_on_hyphens=True)
        if chunk is not rest and len(wl) < 3:
            chunk = rest
            wl = textwrap.wrap(chunk, width, break_long_words=False, break_on_hyphens=True)
        if len(wl) <= 1:
            lines.extend(wl)
            break
        first = wl[0]
        assert rest.startswith(first), (rest[:80], first)
        after = rest[len(first):]
        broke_at_space = after.startswith(" ")
        after = after.lstrip(" ")
        tok = after.split(" ", 1)[0]
        m = _HEAD_TOKEN_RE.match(tok)
        if broke_at_space and m and len(m.group(1)) >= MIN_HYPHEN_WORD and rng.random() < rate:
            word = m.group(1)
            room = width - len(first) - 2  # a space and the hyphen
            hi = min(len(word) - 3, room)
            if hi >= 3:
                k = _hyphen_point(word, hi, rng)
                first = f"{first} {word[:k]}-"
                after = after[k:]
                events.append(HyphenEvent(word, word[:k], word[k:]))
                hyph_lines.add(len(lines))
        lines.append(first)
        rest = after
    return lines, events, hyph_lines


def compound_breaks(lines: list[str], hyph_lines: set[int]) -> list[CompoundBreak]:
    """Line ends where textwrap broke a genuine compound ("cease-" / "fire")."""
    out = []
    for i, (a, b) in enumerate(zip(lines, lines[1:])):
        if i in hyph_lines:
            continue
        left = a.rsplit(" ", 1)[-1]
        right = b.split(" ", 1)[0]
        if re.search(r"[^\W\d_]-$", left) and re.match(r"\w", right):
            out.append(CompoundBreak(left, right))
    return out


def _line_tokens(lines: list[str], i: int, hyph_lines: set[int]) -> list[str]:
    toks = tokens(lines[i])
    # the hyphenation fragments are scored separately (dehyphenation)
    if i in hyph_lines and toks:
        toks = toks[:-1]
    if i - 1 in hyph_lines and toks:
        toks = toks[1:]
    return toks


# --------------------------------------------------------------------------

def degrade(doc_id: str, source: str, paragraphs: list[str], seed: int = 0) -> Degraded:
    rng = random.Random(f"{seed}:{source}:{doc_id}")
    gold = [normalise_ws(p) for p in paragraphs]
    gold = [p for p in gold if p]
    width = rng.randint(*WIDTH_RANGE)
    rate = rng.uniform(0.2, 0.6)

    # body blocks
    blocks: list[tuple[str, list[str]]] = []  # ("body"|"boiler", lines)
    deg = Degraded(doc_id, source, gold, width, {})
    body_blocks: list[list[str]] = []
    for pi, p in enumerate(gold):
        lines, events, hyph_lines = wrap_paragraph(p, width, rate, rng)
        deg.hyphens.extend(events)
        deg.compounds.extend(compound_breaks(lines, hyph_lines))
        for i, line in enumerate(lines):
            deg.body_lines.append(BodyLine(line, _line_tokens(lines, i, hyph_lines), pi))
        body_blocks.append(lines)

    # boilerplate between paragraphs
    n_gaps = len(body_blocks) - 1
    inserts: dict[int, list[list[BoilerLine]]] = {}  # gap index i: after paragraph i
    if n_gaps > 0:
        n_items = max(1, round(n_gaps * rng.uniform(0.1, 0.3)))
        kinds = ["teaser"] * 4 + ["fixed"] * 3 + ["url"] * 2
        for _ in range(n_items):
            gap = rng.randrange(n_gaps)
            inserts.setdefault(gap, []).append(_make_boiler(rng.choice(kinds), rng))
    top: list[list[BoilerLine]] = []
    if rng.random() < 0.75:
        top.append(_make_boiler("byline", rng))
    byline_after_first = bool(top) and len(body_blocks) > 1 and rng.random() < 0.25
    bottom: list[list[BoilerLine]] = []
    if rng.random() < 0.3:
        bottom.append(_make_boiler(rng.choice(["fixed", "teaser"]), rng))
    if rng.random() < 0.85:
        bottom.append(_make_boiler("original_url", rng))
    if rng.random() < 0.75:
        bottom.append(_make_boiler("shortlink", rng))

    def add_boiler(item: list[BoilerLine]) -> None:
        blocks.append(("boiler", [b.text for b in item]))
        deg.boiler.extend(item)

    if not byline_after_first:
        for item in top:
            add_boiler(item)
    for i, lines in enumerate(body_blocks):
        blocks.append(("body", lines))
        if i == 0 and byline_after_first:
            for item in top:
                add_boiler(item)
        for item in inserts.get(i, []):
            add_boiler(item)
    for item in bottom:
        add_boiler(item)

    deg.variants["keep_blank"] = "\n\n".join("\n".join(lines) for _, lines in blocks) + "\n"
    deg.variants["lost_blank"] = "\n".join(line for _, lines in blocks for line in lines) + "\n"
    return deg
