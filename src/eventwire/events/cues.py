"""Word classes and code frames the event coder reads besides the event lexicon.

- ``data/event_cues.tsv``: intent verbs ("plans to"), light verbs ("launched an attack"),
  negators ("failed to"), partitive nouns ("a round of sanctions"), characterising verbs
  ("called the move reckless"), evaluative words (negative: criticism; positive: praise) and
  hedges ("could");
- ``data/cameo_frames.tsv``: how a frame changes an event's code, following the parallel
  structure of the CAMEO codebook ("urged X to withdraw" 0874 -> 0256, "will not compromise"
  080 -> 124, "threatened to invade" 192 -> 1382, "will meet" 040 -> 036);
- ``data/event_anaphors.tsv``: nouns that name an earlier event of the article ("rejected the
  accusation", "called the move reckless"), with the CAMEO roots of the events each can name
  and the predicates that name the same deed ("accuse" for "accusation").

Each is read once, on first use.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from eventwire.clean.resources import read_table
from eventwire.events.codes import code_info

CUES_TABLE = "event_cues.tsv"
FRAMES_TABLE = "cameo_frames.tsv"
ANAPHORS_TABLE = "event_anaphors.tsv"
CUE_CLASSES = ("intent", "light", "negator", "partitive", "characterise", "negative", "positive", "hedge", "allege", "blame", "causative", "generic",
               "document", "attitude", "mishap", "weapon", "prompting", "attempt", "readiness", "utterance")
FRAMES = ("intent", "appeal", "demand", "refuse", "threaten", "accuse")

#: the frame a governing verb's root sets around its complement ("urge to" -> appeal)
FRAME_OF_ROOT = {"02": "appeal", "03": "intent", "10": "demand", "11": "accuse", "12": "refuse", "13": "threaten"}


@lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    by_class: dict[str, set[str]] = {c: set() for c in CUE_CLASSES}
    for row in read_table(CUES_TABLE):
        cls = row["class"].strip()
        if cls not in by_class:
            raise ValueError(f"{CUES_TABLE}: unknown class {cls!r} for {row['word']!r}")
        by_class[cls].add(row["word"].strip().casefold())
    return {c: frozenset(words) for c, words in by_class.items()}


def cue_words(cls: str) -> frozenset[str]:
    """The words of one class of ``event_cues.tsv``."""
    return _cues()[cls]


@lru_cache(maxsize=1)
def _frames() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {f: {} for f in FRAMES}
    for row in read_table(FRAMES_TABLE):
        frame, inner, code = row["frame"].strip(), row["inner"].strip(), row["code"].strip()
        if frame not in table:
            raise ValueError(f"{FRAMES_TABLE}: unknown frame {frame!r}")
        code_info(code)  # raises for an unknown code
        table[frame][inner] = code
    return table


def derive(frame: str, code: str) -> str | None:
    """The code of ``code`` inside ``frame`` (longest matching prefix), or None."""
    rows = _frames()[frame]
    for n in range(len(code), 1, -1):
        hit = rows.get(code[:n])
        if hit:
            return hit
    return None


@dataclass(frozen=True)
class EventAnaphor:
    """A noun that names an earlier event: the roots of the events it can name (None: any)
    and the predicates that name the same deed."""

    noun: str
    roots: frozenset[str] | None
    deeds: frozenset[str]

    def fits(self, root: str) -> bool:
        return self.roots is None or root in self.roots


@lru_cache(maxsize=1)
def _anaphors() -> dict[str, EventAnaphor]:
    table: dict[str, EventAnaphor] = {}
    for row in read_table(ANAPHORS_TABLE):
        noun, roots = row["noun"].strip().casefold(), row["roots"].strip()
        codes = None if roots == "*" else frozenset(r.strip() for r in roots.split("|"))
        for code in codes or ():
            if len(code) != 2:
                raise ValueError(f"{ANAPHORS_TABLE}: {noun!r}: a root is two digits, not {code!r}")
            code_info(code + "0")  # raises for an unknown root
        deeds = frozenset(d.strip().casefold() for d in row["deeds"].split("|") if d.strip())
        table[noun] = EventAnaphor(noun, codes, deeds | {noun})
    return table


def event_anaphor(lemma: str) -> EventAnaphor | None:
    """The row of ``event_anaphors.tsv`` for a noun's lemma, or None."""
    return _anaphors().get(lemma)


__all__ = ["CUE_CLASSES", "FRAMES", "FRAME_OF_ROOT", "EventAnaphor", "cue_words", "derive", "event_anaphor"]
