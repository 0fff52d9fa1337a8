"""PETRARCH-format verb dictionaries (``CAMEO.2.0.txt``, ``PETR.Validate.verbs.txt``) read
into eventwire lexicon rows, and folders of PETRARCH dictionaries (``--dictionaries DIR``).

The format, as the files themselves use it::

    &CURRENCY                      # a synonym set: a label, then "+" lines (words or phrases;
    +DOLLAR                        #   "_" joins words; a label or phrase ending "_" takes no
    +SWISS_FRANCS                  #   plurals; "+&OTHER" embeds another set)

    ---  ASK   [---]  ---          # a verb block: its name and primary code ("---": none)
    ASK     [020]                  # a verb (base form), maybe with its own code
    QUERY {QUERYING QUERIES}       # irregular forms in {...}
    +ASK_FOR {+ASKED_FOR} [020]    # a multi-word verb: "+" marks the word that is the verb
    - * AID                  [023] # a pattern: words before "*" come before the verb,
    - * (FOR {FINANCIAL AID}) [0231]  #   words after it follow; (P ...) a prepositional phrase,
    - &MILITARY *            [154] #   {A B} a noun phrase with head B, &SET a synonym set,
    - * (TO +) $             [042:043]  # $ / + the source / target, ^ skip, % compound
    ~ a (a b ATTACK) SAY = a b 015 # a transformation (read, not applied)

Codes: ``[042:043]`` pairs the event A->B 042 with the reciprocal B->A 043; ``[:173]`` codes
only the reciprocal; ``[---]`` is the null code (the pattern matches and codes nothing).
Patterns of a block apply to every verb of the block. ``#`` and ``<!-- -->`` are comments.

Conversion to lexicon rows (``eventwire.events.lexicon``): one row per verb and pattern, with
the pattern's particle, object words, prepositional phrases and pre-verb words as ``with``
clauses (synonym sets expanded to alternatives; several words after the verb make one object
phrase whose words must all be in the object's noun phrase, as TABARI matched words in order
after the verb; a set of prepositions, such as ``&PREPOSIT1``, one row per preposition). Not expressible, and so left out and
counted in ``Conversion.dropped``: patterns whose source follows the verb or whose target
precedes it (``$``/``+`` against the usual order), patterns with auxiliaries or negation
before the verb (the coder decides modality itself), patterns with several words before
the verb, reciprocal-only codes (``[:173]``), multi-word verbs with words before the verb
(``RE_+ARREST``), undefined synonym sets, and codes that are not CAMEO codes (unless
``opaque_codes``: then every code is kept as a label and the row carries a stand-in CAMEO
code, for the PETRARCH unit tests whose toy dictionaries use their own codes).

Maintainers regenerate the shipped table with::

    python -m eventwire.events.petrarch_verbs derive ../shared/eval/events/CAMEO.2.0.txt \\
        --out src/eventwire/data/event_verbs_petrarch.tsv
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from eventwire.actors.petrarch import dictionary_lines
from eventwire.events.codes import is_code
from eventwire.events.lexicon import (
    COLUMNS,
    NULL_CODE,
    PETRARCH_TABLE,
    Lexicon,
    LexRow,
    merge_lexicons,
    parse_with,
)  # fmt: skip

#: The CAMEO code a row carries when the dictionary's own code is no CAMEO code
#: (``opaque_codes``). Root 09 (investigate) is one the coder gives no special treatment
#: (no negation, threat or governing rule), so the label passes through unchanged.
STAND_IN_CODE = "090"

#: Words that, right after a verb, are its particle or a bare preposition, not its object.
PARTICLES = frozenset(
    "about above across after against ahead along apart around aside at away back before behind below beyond by "
    "down for forth forward from in inside into off on onto out outside over past through to together toward "
    "towards under up upon with within without".split()
)
#: Words of ``PARTICLES`` that head a prepositional phrase rather than make a phrasal verb.
_PREPOSITIONS = frozenset(
    "about across after against among at before between by for from in into of on over through to toward towards "
    "under upon with within without".split()
)
#: Prepositions that are never a verb's particle ("&PREPOSIT1": against, in, on, by, near, at).
_OTHER_PREPOSITIONS = frozenset("near amid amidst among amongst beside besides via despite per".split())
#: Words before the verb that make a pattern about modality or tense, which the coder decides itself.
_AUXILIARIES = frozenset(
    "will would shall should can could may might must not n't never no is are am was were be been being has have "
    "had did does do to wo ca".split()
)
_DETERMINERS = frozenset("a an the its their his her this that these those".split())
_MAX_ALTERNATIVES = 400


# -- the dictionary --------------------------------------------------------------------------
@dataclass
class Verb:
    lemma: str  # lower case; the word marked "+" for a multi-word verb
    after: tuple[str, ...] = ()  # words of a multi-word verb after the verb ("call off" -> off)
    before: tuple[str, ...] = ()  # words before it ("re-arrest" -> re)
    code: str | None = None  # its own code, else the block's
    forms: tuple[str, ...] = ()
    line: int = 0
    text: str = ""
    reverse: str = ""  # the reciprocal code of its own code


@dataclass
class Pattern:
    line: int
    text: str  # as written, without the code
    before: list  # elements before "*"
    after: list  # elements after "*"
    code: str  # "" when only the reciprocal is coded ("[:173]")
    reverse: str = ""


@dataclass
class Block:
    name: str
    code: str
    line: int
    verbs: list[Verb] = field(default_factory=list)
    patterns: list[Pattern] = field(default_factory=list)
    reverse: str = ""  # the reciprocal code of the block's primary code ("[042:043]")


@dataclass
class VerbDictionary:
    path: str
    synsets: dict[str, list[str]] = field(default_factory=dict)  # label -> raw member phrases
    no_plural_sets: set[str] = field(default_factory=set)
    blocks: list[Block] = field(default_factory=list)
    transformations: list[tuple[int, str]] = field(default_factory=list)
    failures: list[tuple[int, str, str]] = field(default_factory=list)  # line, text, reason

    @property
    def name(self) -> str:
        return Path(self.path).name

    def stats(self) -> dict[str, int]:
        return {"synsets": len(self.synsets), "blocks": len(self.blocks),
                "verbs": sum(len(b.verbs) for b in self.blocks),
                "patterns": sum(len(b.patterns) for b in self.blocks),
                "transformations": len(self.transformations), "failures": len(self.failures)}  # fmt: skip

    def codes(self) -> set[str]:
        out = {c for b in self.blocks for c in (b.code, b.reverse)}
        out |= {c for b in self.blocks for v in b.verbs for c in (v.code, v.reverse) if c}
        out |= {c for b in self.blocks for p in b.patterns for c in (p.code, p.reverse) if c}
        return out - {NULL_CODE, ""}


# pattern elements
@dataclass(frozen=True)
class Word:
    text: str  # upper case as written; "&SET" for a synonym set


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]  # {A B}: head last


@dataclass(frozen=True)
class PrepPhrase:
    prep: str
    elements: tuple = ()


@dataclass(frozen=True)
class Marker:
    symbol: str  # $ + ^ %


_BRACKET_RE = re.compile(r"\[([^\[\]]*)\]")
_HEADER_RE = re.compile(r"^---+\s*(\S+)?\s*(?:\[([^\]]*)\])?")


def _bare_code(inner: str) -> tuple[str, str]:
    """``"042:043"`` -> ("042", "043"); ``":173"`` -> ("", "173"); ``" 064 "`` -> ("064", "")."""
    first, _, second = inner.strip().partition(":")
    return first.strip(), second.strip()


def read_verb_dictionary(path: str | Path) -> VerbDictionary:
    """Read a PETRARCH verb dictionary; unreadable lines go to ``failures``."""
    result = VerbDictionary(str(path))
    block: Block | None = None
    synset: str | None = None
    for number, line in dictionary_lines(path, semicolon_comments=True):
        stripped = line.strip()
        if stripped.startswith("&"):
            label = stripped.split()[0]
            synset = label.rstrip("_")
            if label.endswith("_"):
                result.no_plural_sets.add(synset)
            result.synsets.setdefault(synset, [])
            continue
        if stripped.startswith("+") and synset is not None:
            result.synsets[synset].append(stripped[1:].strip())
            continue
        synset = None
        if stripped.startswith("---"):
            m = _HEADER_RE.match(stripped)
            name = (m.group(1) or "").strip("-") if m else ""
            code, reverse = _bare_code(m.group(2)) if m and m.group(2) else (NULL_CODE, "")
            block = Block(name or f"line{number}", code or NULL_CODE, number, reverse=reverse)
            result.blocks.append(block)
            continue
        if stripped.startswith("~"):
            result.transformations.append((number, stripped))
            continue
        if block is None:
            result.failures.append((number, stripped, "outside any verb block"))
            continue
        if stripped.startswith("-"):
            try:
                block.patterns.append(_read_pattern(number, stripped[1:]))
            except ValueError as exc:
                result.failures.append((number, stripped, str(exc)))
            continue
        try:
            block.verbs.append(_read_verb(number, stripped))
        except ValueError as exc:
            result.failures.append((number, stripped, str(exc)))
    return result


def _read_verb(number: int, text: str) -> Verb:
    codes = _BRACKET_RE.findall(text)
    body = _BRACKET_RE.sub(" ", text)
    forms: tuple[str, ...] = ()
    m = re.search(r"\{([^{}]*)\}", body)
    if m:
        forms = tuple(f.lower().replace("+", "").replace("_", " ") for f in m.group(1).split())
        body = body[: m.start()] + body[m.end():]
    words = body.split()
    if len(words) != 1:
        raise ValueError("a verb line holds one word (join multi-word verbs with _)")
    word = words[0].strip("_")
    parts = [p for p in word.split("_") if p]
    marked = [i for i, p in enumerate(parts) if p.startswith("+")]
    if len(marked) > 1:
        raise ValueError("more than one word marked + as the verb")
    at = marked[0] if marked else 0
    verb = parts[at].lstrip("+")
    if not verb or not re.match(r"^[A-Za-z][A-Za-z'-]*$", verb):
        raise ValueError(f"bad verb {verb!r}")
    code, reverse = _bare_code(codes[-1]) if codes else ("", "")
    return Verb(verb.lower(), tuple(p.lower() for p in parts[at + 1:]), tuple(p.lower() for p in parts[:at]),
                code or None, forms, number, text, reverse)  # fmt: skip


def _tokens(text: str) -> list[str]:
    text = text.replace("_", " ")
    text = re.sub(r"([(){}*])", r" \1 ", text)
    return text.split()


def _read_pattern(number: int, text: str) -> Pattern:
    codes = _BRACKET_RE.findall(text)
    if not codes:
        raise ValueError("pattern without [code]")
    code, reverse = _bare_code(codes[-1])
    body = _BRACKET_RE.sub(" ", text).strip()
    tokens = _tokens(body)
    if tokens.count("*") != 1:
        raise ValueError("a pattern needs exactly one *")
    star = tokens.index("*")
    return Pattern(number, " ".join(body.split()), _elements(tokens[:star]), _elements(tokens[star + 1:]), code, reverse)


def _elements(tokens: list[str]) -> list:
    out: list = []
    i = 0
    while i < len(tokens):
        tok = tokens[i]
        if tok == "(":
            depth, j = 1, i + 1
            while j < len(tokens) and depth:
                depth += {"(": 1, ")": -1}.get(tokens[j], 0)
                j += 1
            inner = tokens[i + 1: j - 1]
            if not inner:
                raise ValueError("empty ( )")
            out.append(PrepPhrase(inner[0], tuple(_elements(inner[1:]))))
            i = j
        elif tok == "{":
            j = tokens.index("}", i) if "}" in tokens[i:] else len(tokens)
            words = tuple(tokens[i + 1: j])
            if not words:
                raise ValueError("empty { }")
            out.append(Phrase(words))
            i = j + 1
        elif tok in (")", "}"):
            raise ValueError(f"unbalanced {tok}")
        elif tok in ("$", "+", "^", "%"):
            out.append(Marker(tok))
            i += 1
        else:
            out.append(Word(tok))
            i += 1
    return out


# -- conversion to lexicon rows ----------------------------------------------------------------
class Unconvertible(ValueError):
    """A pattern that the lexicon's ``with`` cannot express (the reason is the message)."""


@dataclass
class Conversion:
    rows: list[LexRow] = field(default_factory=list)
    dropped: Counter = field(default_factory=Counter)  # reason -> patterns or verbs
    unknown_codes: Counter = field(default_factory=Counter)  # code -> uses
    duplicates: int = 0

    def report(self) -> dict:
        return {"rows": len(self.rows), "dropped": dict(self.dropped.most_common()),
                "unknown_codes": dict(self.unknown_codes.most_common()), "duplicates": self.duplicates}  # fmt: skip


class _Synsets:
    def __init__(self, dictionary: VerbDictionary):
        self.raw = dictionary.synsets
        self._expanded: dict[str, tuple[tuple[str, ...], ...]] = {}

    def phrases(self, label: str, depth: int = 0) -> tuple[tuple[str, ...], ...]:
        """The member phrases of a set (lower case words, head last), embedded sets expanded."""
        if label not in self._expanded:
            self._expanded[label] = self._expand(label, depth)
        return self._expanded[label]

    def _expand(self, label: str, depth: int) -> tuple[tuple[str, ...], ...]:
        if label not in self.raw:
            raise Unconvertible(f"undefined synonym set {label}")
        if depth > 5:
            raise Unconvertible(f"synonym sets nested too deep at {label}")
        out: list[tuple[str, ...]] = []
        for member in self.raw[label]:
            words = _tokens(member.strip("_").replace("{", " ").replace("}", " "))
            alternatives: list[list[tuple[str, ...]]] = []
            for w in words:
                if w.startswith("&"):
                    alternatives.append(list(self.phrases(w.rstrip("_"), depth + 1)))
                else:
                    alternatives.append([(w.lower(),)])
            for combo in itertools.product(*alternatives):
                out.append(tuple(x for part in combo for x in part))
        return tuple(dict.fromkeys(out))


def _alternatives(element, synsets: _Synsets) -> list[tuple[str, ...]]:
    """Phrases (lower case, head last) an object element stands for."""
    if isinstance(element, Word):
        if element.text.startswith("&"):
            return list(synsets.phrases(element.text.rstrip("_")))
        return [(element.text.lower(),)]
    if isinstance(element, Phrase):
        parts = []
        for w in element.words:
            parts.append(list(synsets.phrases(w.rstrip("_"))) if w.startswith("&") else [(w.lower(),)])
        combos = list(itertools.islice(itertools.product(*parts), _MAX_ALTERNATIVES + 1))
        if len(combos) > _MAX_ALTERNATIVES:
            raise Unconvertible("too many alternatives")
        return [tuple(x for part in combo for x in part) for combo in combos]
    raise Unconvertible(f"not a noun: {element}")


def _sequence_alternatives(elements: list, synsets: _Synsets) -> list[tuple[str, ...]]:
    parts = [_alternatives(el, synsets) for el in elements]
    combos = list(itertools.islice(itertools.product(*parts), _MAX_ALTERNATIVES + 1))
    if len(combos) > _MAX_ALTERNATIVES:
        raise Unconvertible("too many alternatives")
    return [tuple(x for part in combo for x in part) for combo in combos]


class _PrepositionSet(Exception):
    """A synonym set of prepositions after the verb ("* &PREPOSIT1 RESOLUTION"): the pattern
    becomes one pattern per preposition (see ``_expand_preposition_sets``)."""


def _is_preposition_set(el: Word, synsets: _Synsets) -> bool:
    if not el.text.startswith("&"):
        return False
    try:
        members = synsets.phrases(el.text.rstrip("_"))
    except Unconvertible:
        return False
    return bool(members) and all(len(m) == 1 and (m[0] in PARTICLES or m[0] in _OTHER_PREPOSITIONS) for m in members)


def _expand_preposition_sets(pattern: Pattern, synsets: _Synsets) -> list[Pattern]:
    """The pattern with its preposition set and the words after it made into a prepositional
    phrase, once per preposition of the set."""
    for i, el in enumerate(pattern.after):
        if isinstance(el, Word) and _is_preposition_set(el, synsets):
            rest = [e for e in pattern.after[i + 1:] if not isinstance(e, PrepPhrase)]
            later = [e for e in pattern.after[i + 1:] if isinstance(e, PrepPhrase)]
            out = []
            for (prep,) in synsets.phrases(el.text.rstrip("_")):
                after = [*pattern.after[:i], PrepPhrase(prep.upper(), tuple(rest)), *later]
                out.append(Pattern(pattern.line, pattern.text, pattern.before, after, pattern.code, pattern.reverse))
            return out
    return [pattern]


def _phrase_text(alternatives: list[tuple[str, ...]]) -> str:
    clean = []
    for phrase in alternatives:
        words = [w for w in phrase if w not in _DETERMINERS] or list(phrase)
        if any(not re.match(r"^[\w'.&/-]+$", w) for w in words):
            raise Unconvertible(f"unusable word in {phrase}")
        clean.append(" ".join(words))
    return "|".join(dict.fromkeys(clean))


def _auxiliary_sequence(pattern: Pattern, synsets: _Synsets) -> str:
    """The ``aux=`` value of a pattern whose words before the verb hold an auxiliary or a
    negation ("&NEGATVAUXVRB EVER *", "UNEXPECTEDLY &NEGATVAUXVRB *"): one alternative per
    choice of synonym-set members, "_"-joined words adjacent ("+"), spaces kept; "" when the
    words before the verb hold none (or anything but words)."""
    if any(not isinstance(el, Word) for el in pattern.before):
        return ""
    def auxiliary(word: str) -> bool:
        if word.startswith("&"):
            return any(w in _AUXILIARIES for phrase in synsets.phrases(word.rstrip("_")) for w in phrase)
        return word.lower() in _AUXILIARIES
    if not any(auxiliary(el.text) for el in pattern.before):
        return ""
    segments = []
    for token in pattern.text.split("*", 1)[0].split():
        options: list[list[str]] = [[]]
        for part in (p for p in token.split("_") if p):
            if not re.match(r"^&?[A-Za-z'.-]+$", part):
                raise Unconvertible(f"unusable word before the verb: {part}")
            members = synsets.phrases(part) if part.startswith("&") else ((part.lower(),),)
            options = [o + list(m) for o in options for m in members]
        segments.append(["+".join(o) for o in options])
    combos = list(itertools.islice(itertools.product(*segments), _MAX_ALTERNATIVES + 1))
    if len(combos) > _MAX_ALTERNATIVES:
        raise Unconvertible("too many alternatives")
    return "|".join(dict.fromkeys(" ".join(c) for c in combos))


def pattern_clauses(pattern: Pattern, synsets: _Synsets) -> list[str]:
    """The ``with`` clauses of a pattern (raises ``Unconvertible``)."""
    clauses: list[str] = []
    pre_nouns = []
    # "% * [030:030]", "% HAVE * [191]": a compound subject, each of whose actors acts on the
    # others; its one perfect auxiliary is kept as a pre-verb word (the tense is the pattern's)
    compound = any(isinstance(el, Marker) and el.symbol == "%" for el in pattern.before)
    sequence = "" if compound else _auxiliary_sequence(pattern, synsets)
    for el in (() if sequence else pattern.before):
        if isinstance(el, Marker):
            if el.symbol == "+":
                raise Unconvertible("target before the verb")
            continue
        if isinstance(el, PrepPhrase):
            raise Unconvertible("prepositional phrase before the verb")
        perfect = compound and isinstance(el, Word) and el.text.lower() in ("have", "has", "had")
        if isinstance(el, Word) and not perfect and (el.text.lower() in _AUXILIARIES or "AUX" in el.text or "TOBE" in el.text):
            raise Unconvertible("auxiliary or negation before the verb")
        pre_nouns.append(el)
    if len(pre_nouns) > 1 and not all(isinstance(el, Word) for el in pre_nouns):
        raise Unconvertible("several words before the verb")
    particles: list[str] = []
    objects = []
    prep_sets: list[Word] = []
    # TABARI's skipped phrase "^" and target "+" after the verb ("* EID AT ^ WITH +"): a
    # preposition after the object or a skipped phrase heads its own phrase, and the one the
    # target follows is named (``tgt=``)
    marked = any(isinstance(e, Marker) and e.symbol in ("+", "^") for e in pattern.after)
    skipped = False
    last_prep = ""
    for el in pattern.after:
        if isinstance(el, Marker):
            if el.symbol == "$":
                raise Unconvertible("source after the verb")
            if el.symbol == "+" and (last_prep or skipped):
                # "+" right after a preposition: its object; after a skipped phrase: a phrase
                # further on, none of the pattern's ("-")
                clauses.append(f"tgt={last_prep or '-'}")
            if el.symbol == "^":
                skipped, last_prep = True, ""
            continue
        if marked and isinstance(el, Word) and (skipped or objects) and el.text.lower() in _PREPOSITIONS:
            last_prep = el.text.lower()
            clauses.append(f"prep={last_prep}")
            continue
        if isinstance(el, PrepPhrase):
            prep = el.prep.lower()
            if prep in ("$", "+", "%", "^") or not re.match(r"^[a-z'-]+$", prep):
                raise Unconvertible("prepositional phrase without a preposition")
            nouns = []
            for inner in el.elements:
                if isinstance(inner, Marker):
                    if inner.symbol == "$":
                        raise Unconvertible("source after the verb")
                    continue
                if isinstance(inner, PrepPhrase):
                    raise Unconvertible("nested prepositional phrase")
                if isinstance(inner, Word) and inner.text.lower() in _DETERMINERS:
                    continue
                nouns.append(inner)
            clauses.append(f"prep={prep}" + (f":{_phrase_text(_sequence_alternatives(nouns, synsets))}" if nouns else ""))
            continue
        if isinstance(el, Word) and not objects and el.text.lower() in PARTICLES:
            particles.append(el.text.lower())
            continue
        if isinstance(el, Word) and el.text.lower() in _DETERMINERS:
            continue
        if isinstance(el, Word) and _is_preposition_set(el, synsets) and not clauses:
            prep_sets.append(el)
            continue
        objects.append(el)
    if prep_sets:
        raise _PrepositionSet(prep_sets[0].text.rstrip("_"))
    if objects and len(particles) == 1 and particles[0] in _PREPOSITIONS:
        # "* OVER EFFORTS": a preposition and the words of its object (TABARI matched them in
        # order after the verb), not a particle and a direct object
        clauses.insert(0, f"prep={particles[0]}:{_phrase_text(_sequence_alternatives(objects, synsets))}")
        particles, objects = [], []
    head = [f"prt={p}" for p in dict.fromkeys(particles)]
    if objects:
        # several words after the verb (TABARI's "* FULL DIPLOMATIC", "* RESTORATION RELATIONS"):
        # one object phrase whose words must all be in the object's noun phrase
        head.append(f"obj={_phrase_text(_sequence_alternatives(objects, synsets))}")
    if len(pre_nouns) > 1:
        # "DEATH TOLL *": the words of the subject's noun phrase (TABARI matched them in order)
        head.append(f"pre={_phrase_text(_sequence_alternatives(pre_nouns, synsets))}")
    elif pre_nouns:
        head.append(f"pre={_phrase_text(_alternatives(pre_nouns[0], synsets))}")
    if compound:
        head.append("subj=and|nor")
    if sequence:
        head.append(f"aux={sequence}")
    return head + clauses


_CONJUNCTIONS = frozenset({"and", "or", "but", "nor"})


def _verb_clauses(verb: Verb) -> list[str]:
    if verb.before:
        raise Unconvertible("words before a multi-word verb")
    if _CONJUNCTIONS & set(verb.after):
        raise Unconvertible("coordinated multi-word verb")  # "+KILLED_AND": killed and wounded
    clauses = []
    objects = []
    for word in verb.after:
        if word in PARTICLES and not objects:
            clauses.append(f"prt={word}")
        else:
            objects.append(word)
    if len(objects) > 1:
        raise Unconvertible("multi-word verb with several object words")
    if objects:
        clauses.append(f"obj={objects[0]}")
    return clauses


def _merge_clauses(base: list[str], extra: list[str]) -> str:
    keys = [c.split("=", 1)[0] for c in base + extra]
    for key in ("obj", "pre"):
        if keys.count(key) > 1:
            raise Unconvertible(f"two {key} clauses")
    return ";".join(dict.fromkeys(base + extra))


#: Roots whose bare-verb rows the shipped table leaves out: PETRARCH gives whole blocks of
#: verbs a generic statement, appeal, intent or consultation code ("want", "need", "head" ->
#: 030, "face" -> 040), which codes events from verbs that rarely report one; their patterns
#: are kept. (Checked against the totals of PLV and the PETRARCH-2 GSR: leaving out 01-04
#: raised accuracy and precision on both; no row was chosen from a sentence.)
SHIPPED_SKIP_BARE_ROOTS = ("01", "02", "03", "04")


def convert(dictionary: VerbDictionary, *, opaque_codes: bool = False, table: str | None = None,
            skip_bare_roots: tuple[str, ...] = ()) -> Conversion:  # fmt: skip
    """Lexicon rows for a verb dictionary: for every verb, its own (bare or multi-word) row
    with its code, then one row per pattern of its block. ``table`` names the rows' table
    (default: the dictionary's file name, with lines of that file); bare-verb rows whose
    code has one of ``skip_bare_roots`` are left out."""
    table = table or dictionary.name
    synsets = _Synsets(dictionary)
    conv = Conversion()
    seen: set[tuple[str, str]] = set()

    def code_of(raw: str) -> tuple[str, str] | None:
        """(code, label) for a row, or None to drop it."""
        if raw == NULL_CODE:
            return NULL_CODE, ""
        padded = raw
        if opaque_codes:
            return STAND_IN_CODE, raw
        if is_code(padded):
            return padded, ""
        conv.unknown_codes[raw] += 1
        return None

    def add(verb: Verb, with_: str, raw_code: str, raw_reverse: str, line: int, notes: str) -> None:
        if not raw_code:
            conv.dropped["reciprocal code only"] += 1
            return
        coded = code_of(raw_code)
        if coded is None:
            conv.dropped["not a CAMEO code"] += 1
            return
        reverse, reverse_label = "", ""
        if raw_reverse and raw_reverse != NULL_CODE:
            rev = code_of(raw_reverse)
            if rev is not None:
                reverse, reverse_label = rev
        if coded[0] == NULL_CODE:
            reverse, reverse_label = "", ""
        try:
            parse_with(with_)
        except ValueError as exc:
            conv.dropped[f"bad with: {exc}"[:60]] += 1
            return
        key = (verb.lemma, with_)
        if key in seen:
            conv.duplicates += 1
            return
        seen.add(key)
        conv.rows.append(LexRow("V", verb.lemma, with_, coded[0], notes, line, table,
                                f"{dictionary.name}:{line}", reverse, coded[1], reverse_label))  # fmt: skip

    for block in dictionary.blocks:
        converted_patterns: list[tuple[Pattern, list[str]]] = []
        for pattern in block.patterns:
            try:
                try:
                    converted_patterns.append((pattern, pattern_clauses(pattern, synsets)))
                except _PrepositionSet:
                    for one in _expand_preposition_sets(pattern, synsets):
                        converted_patterns.append((one, pattern_clauses(one, synsets)))
            except (Unconvertible, _PrepositionSet) as exc:
                conv.dropped[str(exc) if isinstance(exc, Unconvertible) else "preposition set"] += 1
        for verb in block.verbs:
            try:
                base = _verb_clauses(verb)
            except Unconvertible as exc:
                conv.dropped[str(exc)] += 1
                continue
            own, own_reverse = (verb.code, verb.reverse) if verb.code else (block.code, block.reverse)
            if not base and own[:2] in skip_bare_roots:
                conv.dropped["bare verb with a generic code (shipped table)"] += 1
            elif own != NULL_CODE or base:
                add(verb, ";".join(base), own, own_reverse, verb.line, block.name)
            for pattern, clauses in converted_patterns:
                try:
                    with_ = _merge_clauses(base, clauses)
                except Unconvertible as exc:
                    conv.dropped[str(exc)] += 1
                    continue
                if not with_ and pattern.code[:2] in skip_bare_roots:  # "- * [042:043]": the bare verb
                    conv.dropped["bare verb with a generic code (shipped table)"] += 1
                    continue
                add(verb, with_, pattern.code, pattern.reverse, pattern.line, block.name)
    return conv


def to_lexicon(conversion: Conversion) -> Lexicon:
    return merge_lexicons(Lexicon(_group(conversion.rows), {}))


def _group(rows: list[LexRow]) -> dict[str, tuple[LexRow, ...]]:
    out: dict[str, list[LexRow]] = {}
    for row in rows:
        out.setdefault(row.lemma, []).append(row)
    return {k: tuple(v) for k, v in out.items()}


# -- the shipped table ---------------------------------------------------------------------
_TABLE_HEADER = """\
# Event lexicon rows derived from PETRARCH-2's verb dictionary CAMEO.2.0.txt
# (github.com/openeventdata/petrarch2 @ 676801cd, petrarch2/data/dictionaries/CAMEO.2.0.txt),
# Copyright (c) 2015 Open Event Data Alliance, MIT licence (the notice is in NOTICE).
# Generated by: python -m eventwire.events.petrarch_verbs derive CAMEO.2.0.txt --out {table}
# Do not edit by hand: eventwire's own rows (event_verbs.tsv) come first and win on conflict.
# Columns as in event_verbs.tsv, plus ``source`` (the dictionary's file and line). ``code`` may be
# ``---`` (the pattern codes no event) or ``code:reciprocal``. Bare verbs with a generic code
# (roots {skipped}) are left out; so are the patterns the lexicon cannot express and codes that
# are not CAMEO codes: {dropped}
"""


def table_text(conversion: Conversion) -> str:
    dropped = ", ".join(f"{reason} {n}" for reason, n in conversion.dropped.most_common())
    lines = [_TABLE_HEADER.format(table=PETRARCH_TABLE, dropped=dropped or "none",
                                  skipped=", ".join(SHIPPED_SKIP_BARE_ROOTS)).rstrip("\n")]  # fmt: skip
    lines.append("\t".join((*COLUMNS, "source")))
    # the verbs of a block share each pattern's row: one line per pattern, lemmas joined by |
    grouped: dict[tuple, list[str]] = {}
    for row in conversion.rows:
        code = row.code + (f":{row.reverse}" if row.reverse else "")
        grouped.setdefault((row.pos, row.with_, code, row.notes, row.source), []).append(row.lemma)
    for (pos, with_, code, notes, source), lemmas in grouped.items():
        lines.append("\t".join((pos, "|".join(dict.fromkeys(lemmas)), with_, code, notes, source)))
    return "\n".join(lines) + "\n"


# -- discards --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Discards:
    """PETRARCH's discard list: a sentence holding one of ``sentence`` phrases, or a story
    holding one of ``story`` phrases (written with a leading ``+``), is not coded. A phrase
    ending ``_`` must end at a word boundary; otherwise it matches as a word prefix."""

    sentence: tuple[str, ...] = ()
    story: tuple[str, ...] = ()

    def _hit(self, phrases: tuple[str, ...], text: str) -> bool:
        folded = " " + " ".join(text.casefold().split())
        for phrase in phrases:
            exact = phrase.endswith("_")
            words = " ".join(phrase.rstrip("_").replace("_", " ").casefold().split())
            pattern = r"(?<=\s)" + re.escape(words) + (r"(?=[\s.,;:!?'\")]|$)" if exact else "")
            if re.search(pattern, folded):
                return True
        return False

    def sentence_discarded(self, sentence: str) -> bool:
        return self._hit(self.sentence, sentence)

    def story_discarded(self, text: str) -> bool:
        return self._hit(self.story, text)


def read_discards(path: str | Path) -> Discards:
    sentence, story = [], []
    for _, line in dictionary_lines(path, semicolon_comments=True):
        phrase = line.strip()
        if phrase.startswith("+"):
            story.append(phrase[1:].strip())
        elif phrase:
            sentence.append(phrase)
    return Discards(tuple(sentence), tuple(story))


def filter_discarded(events: list, text: str, discards: Discards | None) -> list:
    """``events`` without those of discarded sentences (none at all for a discarded story)."""
    if discards is None or not (discards.sentence or discards.story):
        return events
    if discards.story_discarded(text):
        return []
    return [e for e in events if not discards.sentence_discarded(text[e.sentence[0]: e.sentence[1]])]


# -- a folder of dictionaries --------------------------------------------------------------------
@dataclass
class DictionarySet:
    """What ``--dictionaries DIR`` loads: a lexicon from the verb dictionary, actor tables from
    the actor and agent dictionaries, and the discard list."""

    folder: str
    verbs: str | None
    actors: list[str]
    agents: list[str]
    discards_files: list[str]
    lexicon: Lexicon | None
    tables: object | None  # eventwire.actors.ActorTables
    discards: Discards | None
    opaque_codes: bool = False
    report: dict = field(default_factory=dict)


def _kind_by_name(name: str) -> str | None:
    low = name.casefold()
    if not low.endswith(".txt"):
        return None
    if "discard" in low:
        return "discards"
    if "agent" in low:
        return "agents"
    if "actor" in low:
        return "actors"
    if "verb" in low or low.startswith("cameo"):
        return "verbs"
    return None


def _kind_by_content(path: Path) -> str | None:
    """Recognise a dictionary by its lines: verb blocks, agent codes ``[~X]``, actor codes."""
    try:
        head = [line for _, line in itertools.islice(dictionary_lines(path), 20000)]
    except (OSError, UnicodeError):
        return None
    if sum(bool(re.match(r"^---+\s*\S+\s*\[[^\]]*\]", line.strip())) for line in head) >= 1 and any(
        line.lstrip().startswith("- ") and "*" in line for line in head
    ):
        return "verbs"
    if sum("[~" in line or "~]" in line for line in head) >= 3:
        return "agents"
    if sum(bool(re.search(r"\[[A-Z0-9]{3,}[^\]]*\]", line)) for line in head) >= 3:
        return "actors"
    return None


def classify_folder(folder: str | Path) -> dict[str, list[Path]]:
    """The PETRARCH dictionaries of a folder, by kind (``verbs``, ``actors``, ``agents``,
    ``discards``): by name (``*.actors.txt``, ``*agents*.txt``, ``*verbs*.txt``,
    ``CAMEO*.txt``, ``*discards*.txt``) where the content agrees, else by content."""
    found: dict[str, list[Path]] = {"verbs": [], "actors": [], "agents": [], "discards": []}
    for path in sorted(Path(folder).iterdir()):
        if not path.is_file() or path.suffix.casefold() != ".txt":
            continue
        by_name = _kind_by_name(path.name)
        if by_name == "discards":
            found["discards"].append(path)
            continue
        by_content = _kind_by_content(path)
        # a verb dictionary must look like one ("CAMEO.goldsteinscale.txt" is no such);
        # actor and agent files named so are taken even when their first lines say little
        if by_name in ("actors", "agents") and by_content is None:
            kind = by_name
        else:
            kind = by_content
        if kind:
            found[kind].append(path)
    return found


def load_dictionaries(folder: str | Path, names: dict[str, str] | None = None, *, opaque_codes: bool = False) -> DictionarySet:
    """Read the PETRARCH dictionaries of ``folder``. ``names`` picks files by kind (``verbs``,
    ``actors``, ``agents``, ``discards``; the records' ``<Environment>`` names them) where a
    folder holds several. Raises ``ValueError`` when the folder has none, or several verb
    dictionaries and no name picks one."""
    from eventwire.actors.petrarch import petrarch_tables, read_petrarch_actors, read_petrarch_agents

    folder = Path(folder)
    if not folder.is_dir():
        raise ValueError(f"no dictionary folder at {folder}")
    found = classify_folder(folder)
    if names:
        for kind, name in names.items():
            if name and (folder / name).is_file():
                found[kind] = [folder / name]
    if len(found["verbs"]) > 1:
        raise ValueError(f"{folder} holds several verb dictionaries ({', '.join(p.name for p in found['verbs'])}); "
                         "keep one per folder")  # fmt: skip
    if not any(found.values()):
        raise ValueError(f"no PETRARCH dictionaries (*.actors.txt, *agents*.txt, *verbs*.txt, CAMEO*.txt) in {folder}")
    report: dict = {"folder": str(folder), "files": {k: [p.name for p in v] for k, v in found.items()}}
    lexicon = None
    if found["verbs"]:
        dictionary = read_verb_dictionary(found["verbs"][0])
        conversion = convert(dictionary, opaque_codes=opaque_codes)
        lexicon = to_lexicon(conversion)
        report["verbs"] = {**dictionary.stats(), **conversion.report()}
    tables = None
    if found["actors"] or found["agents"]:
        actors = [read_petrarch_actors(p) for p in found["actors"]]
        agents = [read_petrarch_agents(p) for p in found["agents"]]
        tables = petrarch_tables(actors, agents)
        report["actors"] = {d.path.rsplit("/", 1)[-1]: d.stats() for d in actors + agents}
    discards = None
    if found["discards"]:
        parts = [read_discards(p) for p in found["discards"]]
        discards = Discards(tuple(x for d in parts for x in d.sentence), tuple(x for d in parts for x in d.story))
        report["discards"] = {"sentence": len(discards.sentence), "story": len(discards.story)}
    return DictionarySet(str(folder), str(found["verbs"][0]) if found["verbs"] else None,
                         [str(p) for p in found["actors"]], [str(p) for p in found["agents"]],
                         [str(p) for p in found["discards"]], lexicon, tables, discards, opaque_codes, report)  # fmt: skip


@lru_cache(maxsize=4)
def cached_dictionaries(folder: str, names: tuple[tuple[str, str], ...] = (), opaque_codes: bool = False) -> DictionarySet:
    """``load_dictionaries`` once per process and argument set."""
    return load_dictionaries(folder, dict(names) or None, opaque_codes=opaque_codes)


def dictionary_code(event) -> str:
    """The code a user dictionary gave an event: where the dictionary's codes are opaque
    (``opaque_codes``, the event carries ``STAND_IN_CODE``), the label its rule names (the
    row's code, or for the reciprocal event the row's reciprocal code); else the event's code."""
    if event.code != STAND_IN_CODE:
        return event.code
    rule = event.rule or ""
    if re.search(r" reciprocal -> \S+$", rule):
        m = re.search(r"\(reciprocal (\S+)\)", rule)
        if m:
            return m.group(1)
    m = re.search(r" -> (\S+)", rule)
    return m.group(1) if m else event.code


# -- command line (maintainers) -----------------------------------------------------------------
def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eventwire.events.petrarch_verbs",
                                     description="Read a PETRARCH verb dictionary; derive eventwire lexicon rows.")  # fmt: skip
    sub = parser.add_subparsers(dest="command", required=True)
    derive = sub.add_parser("derive", help="write the lexicon table derived from a verb dictionary")
    derive.add_argument("dictionary", help="a PETRARCH verb dictionary, e.g. ../shared/eval/events/CAMEO.2.0.txt")
    derive.add_argument("--out", required=True, help="the TSV to write (src/eventwire/data/event_verbs_petrarch.tsv)")
    stats = sub.add_parser("stats", help="print what the reader and the conversion make of a dictionary")
    stats.add_argument("dictionary")
    args = parser.parse_args(argv)
    dictionary = read_verb_dictionary(args.dictionary)
    conversion = convert(dictionary, table=PETRARCH_TABLE if args.command == "derive" else None,
                         skip_bare_roots=SHIPPED_SKIP_BARE_ROOTS if args.command == "derive" else ())  # fmt: skip
    if args.command == "derive":
        text = table_text(conversion)
        # the rows' lines are those of the written table, so that rules name where they are
        Path(args.out).write_text(text, encoding="utf-8")
    import json

    print(json.dumps({"dictionary": dictionary.stats(), "conversion": conversion.report()}, indent=1), file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())


__all__ = [
    "PARTICLES",
    "STAND_IN_CODE",
    "Block",
    "Conversion",
    "DictionarySet",
    "Discards",
    "Pattern",
    "Verb",
    "VerbDictionary",
    "cached_dictionaries",
    "classify_folder",
    "convert",
    "dictionary_code",
    "filter_discarded",
    "load_dictionaries",
    "pattern_clauses",
    "read_discards",
    "read_verb_dictionary",
    "table_text",
    "to_lexicon",
]  # fmt: skip
