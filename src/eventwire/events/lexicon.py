"""The event lexicon: predicate words and patterns -> CAMEO codes.

Two package tables share one format (see the header of ``data/event_verbs.tsv``):

- ``event_verbs.tsv``: eventwire's own rows;
- ``event_verbs_petrarch.tsv``: rows derived from PETRARCH-2's verb dictionary
  ``CAMEO.2.0.txt`` (MIT, (c) 2015 Open Event Data Alliance; attributed in NOTICE) by
  ``python -m eventwire.events.petrarch_verbs derive``.

``default_lexicon()`` is our own table first, then the derived rows; on a conflict (the same
part of speech, lemma and ``with``) our row wins. Every row is checked when a table is read;
a lemma's row objects are made on its first look-up (start-up time), and ``match`` finds a
lemma's candidate rows through an index of the words their clauses need (coding time).

Each row is ``pos, lemma, with, code, notes`` and optionally ``source`` (where the row came
from, e.g. ``CAMEO.2.0.txt:812``). ``lemma`` may list several lemmas joined by ``|`` that share
the row (a PETRARCH verb block's patterns apply to all of its verbs). ``code`` is a zero-padded CAMEO code, ``---`` (PETRARCH's
null code: the pattern matches and *no* event is coded, e.g. "an aircraft crashed"), or
``code:reverse`` where ``reverse`` is the code of the reciprocal event, target -> source
(PETRARCH's paired codes: "A left for B" is A->B 032 and B->A 033; the coder emits both).

``with`` says what must accompany the predicate:

- empty: any use of the lemma;
- one word (``off``): a particle, preposition or adverb attached to the predicate;
- two words (``on strike``): a preposition and the lemma of its object;
- clauses ``key=value`` joined by ``;``, all of which must hold:

  - ``obj=a|b c``: a complement of the predicate (direct object, attribute, passive
    subject) matches one of the ``|``-separated phrases: a single word is its head or a word
    modifying the head directly ("diplomatic" matches "full diplomatic ties"); every word of a
    longer phrase is in its noun phrase, modifiers and "of"-phrases included ("b c" matches
    "b c" and "c of b");
  - ``prt=a|b``: a particle, preposition or adverb attached to the predicate (as the
    one-word form);
  - ``prep=p`` or ``prep=p:a|b c``: a prepositional phrase headed by ``p`` on the
    predicate or on its object, with one of the phrases as its object when given;
  - ``pre=a|b``: a word before the predicate: its subject's head or a modifier of the
    predicate ("troops massed": ``pre=troop``);
  - ``subj=and|nor``: the predicate's subject is coordinated by one of these words
    (PETRARCH's compound marker ``%``: "X and Y agree" codes each with the other);
  - ``tgt=p``: a prepositional phrase headed by ``p`` as for ``prep=p``, whose object is the
    target (TABARI's "+": "* EID AT ^ WITH +" is ``obj=eid;prep=at;prep=with;tgt=with``);
  - ``aux=did+n't ever|will+not``: words between the subject and the predicate, in order:
    ``+`` joins words that must be adjacent, a space allows words between (TABARI's
    "&NEGATVAUXVRB EVER *": "did not even ever clash"). The pattern then codes the
    negation or modality itself, and the coder does not negate the event again.

  ``obj=a|b`` alone is the older "direct object" form and means the same.

A row's ``rule`` names the table, its line and pattern (and the source line, for derived
rows), so that every event says which entry produced it.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from spacy.attrs import LEMMA, ORTH

from eventwire.clean.resources import data_text
from eventwire.events.codes import code_info, is_code

LEXICON_TABLE = "event_verbs.tsv"
PETRARCH_TABLE = "event_verbs_petrarch.tsv"
COLUMNS = ("pos", "lemma", "with", "code", "notes")
OPTIONAL_COLUMNS = ("source",)
#: PETRARCH's null code: the pattern matches and suppresses the event.
NULL_CODE = "---"
CLAUSE_KEYS = ("obj", "prt", "prep", "pre", "subj", "aux", "tgt")

_WORD_RE = re.compile(r"^[\w'.&/-]+$")


@dataclass(frozen=True)
class Constraint:
    """One clause of a ``with``: what must accompany the predicate."""

    role: str  # obj, prt, prep, pre, subj, aux
    phrases: tuple[tuple[str, ...], ...] = ()  # alternatives, each a phrase (head last); () = any
    prep: str = ""  # role "prep": the preposition


def parse_with(text: str) -> tuple[Constraint, ...]:
    """The constraints of a ``with`` cell (see the module doc). Raises ``ValueError``."""
    text = text.strip().casefold()
    if not text:
        return ()
    if "=" not in text:
        words = text.split()
        if len(words) == 1:
            return (Constraint("prt", ((words[0],),)),)
        if len(words) == 2:
            return (Constraint("prep", ((words[1],),), words[0]),)
        raise ValueError(f"bad with {text!r}: one word, two words, or key=value clauses")
    out = []
    for clause in text.split(";"):
        key, sep, value = clause.strip().partition("=")
        key = key.strip()
        if not sep or key not in CLAUSE_KEYS:
            raise ValueError(f"bad with clause {clause!r}: expected one of {CLAUSE_KEYS} as key=value")
        prep = ""
        if key in ("prep", "tgt"):
            prep, _, value = value.partition(":") if key == "prep" else (value, "", "")
            prep = prep.strip()
            if not _WORD_RE.match(prep):
                raise ValueError(f"bad preposition in {clause!r}")
        phrases = tuple(tuple(p.split()) for p in value.split("|") if p.strip())
        if key not in ("prep", "tgt") and not phrases:
            raise ValueError(f"empty clause {clause!r}")
        if key in ("prt", "subj") and any(len(p) != 1 for p in phrases):
            raise ValueError(f"{key} takes single words: {clause!r}")
        for phrase in phrases:
            for word in phrase:
                if not all(_WORD_RE.match(w) for w in (word.split("+") if key == "aux" else [word])):
                    raise ValueError(f"bad word {word!r} in {clause!r}")
        out.append(Constraint(key, phrases, prep))
    return tuple(out)


@lru_cache(maxsize=65536)
def _constraints(with_: str) -> tuple[Constraint, ...]:
    return parse_with(with_)


@lru_cache(maxsize=65536)
def _anchor(con: Constraint) -> frozenset[str]:
    if con.role in ("prep", "tgt"):
        return frozenset() if con.prep == "-" else frozenset((con.prep,))
    if con.role == "aux":
        return frozenset(p[-1].split("+")[-1] for p in con.phrases)
    return frozenset(p[-1] for p in con.phrases)


@dataclass(frozen=True)
class LexRow:
    pos: str  # "V" or "N"
    lemma: str
    with_: str  # see the module doc
    code: str  # a CAMEO code, or NULL_CODE
    notes: str
    line: int
    table: str = LEXICON_TABLE
    source: str = ""  # where a derived row came from ("CAMEO.2.0.txt:812")
    reverse: str = ""  # the reciprocal event's code (target -> source), if any
    label: str = ""  # a user dictionary's own code when it is no CAMEO code (``code`` then stands in)
    reverse_label: str = ""  # the same for ``reverse``
    _constraints: tuple = field(default=(), init=False, repr=False, compare=False)
    _anchors: tuple = field(default=(), init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # parsed once, matched often; each clause's anchors are words one of which must occur
        # under the predicate for the clause to hold (a fast test before the parse is walked)
        cons = _constraints(self.with_)
        object.__setattr__(self, "_constraints", cons)
        object.__setattr__(self, "_anchors", tuple(_anchor(c) for c in cons))

    @property
    def constraints(self) -> tuple[Constraint, ...]:
        return self._constraints

    @property
    def specificity(self) -> int:
        return len(self.constraints)

    @property
    def null(self) -> bool:
        return self.code == NULL_CODE

    @property
    def objects(self) -> tuple[str, ...]:
        """The words of a lone ``obj=`` clause (single-word phrases), else ()."""
        cons = self.constraints
        if len(cons) == 1 and cons[0].role == "obj":
            return tuple(" ".join(p) for p in cons[0].phrases)
        return ()

    @property
    def governs(self) -> bool:
        """A verb whose "to"-complement sets the leaf code ("urge X to withdraw")."""
        return self.notes.startswith("gov")

    @property
    def shown_code(self) -> str:
        return self.label or self.code

    @property
    def rule(self) -> str:
        pattern = self.lemma + (f" [{self.with_}]" if self.with_ else "")
        where = f"{self.table}:{self.line}" + (f" ({self.source})" if self.source else "")
        reverse = f" (reciprocal {self.reverse_label or self.reverse})" if self.reverse else ""
        return f"{where} {pattern} -> {self.shown_code}{reverse}"


class _RowIndex:
    """One lemma's rows, indexed by word: each ``with`` row is listed under every anchor word of
    each of its clauses, so the rows whose clauses all have an anchor word under a predicate are
    found from the predicate's words, not by testing every row (a PETRARCH verb has up to 360)."""

    __slots__ = ("bare", "by_word", "needs", "rows", "words")

    def __init__(self, rows: tuple[LexRow, ...]):
        self.rows = rows
        self.bare = tuple(i for i, row in enumerate(rows) if not row.with_)
        self.needs = [(1 << len(row._anchors)) - 1 for row in rows]
        by_word: dict[str, list[tuple[int, int]]] = {}
        for i, row in enumerate(rows):
            if row.with_:
                for clause, anchor in enumerate(row._anchors):
                    for word in anchor:
                        by_word.setdefault(word, []).append((i, 1 << clause))
        self.by_word = by_word
        self.words = frozenset(by_word)

    def candidates(self, present: frozenset[str]) -> list[int]:
        """Positions, in row order, of the bare rows and of the rows each of whose clauses has an
        anchor word in ``present`` (the only rows that can match)."""
        held: dict[int, int] = {}
        by_word = self.by_word
        for word in present & self.words:
            for i, bit in by_word[word]:
                held[i] = held.get(i, 0) | bit
        needs = self.needs
        found = [i for i, mask in held.items() if mask == needs[i]]
        found.extend(self.bare)
        found.sort()
        return found


_NO_ROWS = _RowIndex(())


@dataclass(frozen=True)
class Lexicon:
    verbs: Mapping[str, tuple[LexRow, ...]]
    nouns: Mapping[str, tuple[LexRow, ...]]
    _by_rule: dict = field(default_factory=dict, compare=False, repr=False)
    _indexes: dict = field(default_factory=dict, compare=False, repr=False)

    def rows(self, pos: str, lemma: str) -> tuple[LexRow, ...]:
        return (self.verbs if pos == "V" else self.nouns).get(lemma, ())

    def row_index(self, pos: str, lemma: str) -> _RowIndex:
        """``rows(pos, lemma)`` indexed by the words their clauses need (built on first use)."""
        rows = self.rows(pos, lemma)
        if not rows:
            return _NO_ROWS  # not kept: most words a coder looks up have no rows
        index = self._indexes.get((pos, lemma))
        if index is None or index.rows is not rows:  # rebuilt if the table was replaced
            index = self._indexes[(pos, lemma)] = _RowIndex(rows)
        return index

    def all_rows(self) -> list[LexRow]:
        return [r for table in (self.verbs, self.nouns) for rows in table.values() for r in rows]

    def row_for_rule(self, rule: str) -> LexRow | None:
        """The row whose ``rule`` is exactly ``rule`` (events carry the rule, not the row)."""
        if not self._by_rule:
            self._by_rule.update({r.rule: r for r in self.all_rows()})
        return self._by_rule.get(rule)

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())

    def __bool__(self) -> bool:  # cheap: "lexicon or default_lexicon()" must not count 46,000 rows
        return bool(self.verbs or self.nouns)


def split_code(cell: str) -> tuple[str, str]:
    """``"042:043"`` -> ("042", "043"); ``"042"`` -> ("042", "")."""
    code, _, reverse = cell.strip().partition(":")
    return code.strip(), reverse.strip()


def check_code(code: str, *, null_ok: bool = True) -> None:
    """Raise ``ValueError``/``KeyError`` unless ``code`` is a CAMEO code (or the null code)."""
    if null_ok and code == NULL_CODE:
        return
    code_info(code)


def _order(rows: Iterable[LexRow], priority: dict[str, int]) -> tuple[LexRow, ...]:
    """Specific rows first (more clauses first), then bare ones; ties: table priority, line."""
    return tuple(sorted(rows, key=lambda r: (not r.with_, -r.specificity, priority.get(r.table, 99), r.line)))


class _LazyRows(Mapping):
    """lemma -> that lemma's ordered rows, made on the first look-up of the lemma. A process
    looks up a few hundred of the 30,000 lemmas of the default lexicon: making every row at
    load time (a frozen dataclass each) was most of the 0.6-0.9 s the lexicon took to load.
    Rows are checked when the text is read, so errors still name the file and line at once."""

    __slots__ = ("_keys", "_made", "_make")

    def __init__(self, keys: Iterable[str], make: Callable[[str], tuple[LexRow, ...]]):
        self._keys = dict.fromkeys(keys)
        self._made: dict[str, tuple[LexRow, ...]] = {}
        self._make = make

    def __getitem__(self, lemma: str) -> tuple[LexRow, ...]:
        rows = self._made.get(lemma)
        if rows is None:
            if lemma not in self._keys:
                raise KeyError(lemma)
            rows = self._made.setdefault(lemma, self._make(lemma))  # setdefault: one winner across threads
        return rows

    def get(self, lemma: str, default=None):
        rows = self._made.get(lemma)
        if rows is not None:
            return rows
        return self[lemma] if lemma in self._keys else default

    def __contains__(self, lemma: object) -> bool:
        return lemma in self._keys

    def __iter__(self):
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __reduce__(self):  # pickled (e.g. to a worker process) as the plain dict it stands for
        return dict, (dict(self.items()),)


def read_lexicon_text(text: str, name: str) -> Lexicon:
    """Rows of a lexicon file's text. Raises ``KeyError`` for an unknown CAMEO code and
    ``ValueError`` for a malformed row or a duplicate pattern, naming the file and line."""
    pending: dict[str, dict[str, list[tuple]]] = {"V": {}, "N": {}}
    seen: set[tuple[str, str, str]] = set()
    checked_codes: set[str] = set()
    header: tuple[str, ...] | None = None
    width = source_at = 0
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if header is None:
            if tuple(cells[: len(COLUMNS)]) != COLUMNS or any(c not in OPTIONAL_COLUMNS for c in cells[len(COLUMNS):]):
                raise ValueError(f"{name}:{number}: expected header {COLUMNS} (+ optional {OPTIONAL_COLUMNS})")
            header = tuple(cells)
            width = len(header)
            source_at = header.index("source") if "source" in header else -1
            continue
        if len(cells) != width:
            raise ValueError(f"{name}:{number}: expected {width} columns, got {len(cells)}")
        pos, lemma, with_, code_cell, notes = cells[:5]
        if pos not in ("V", "N") or not lemma:
            raise ValueError(f"{name}:{number}: bad row {line!r}")
        code, reverse = split_code(code_cell)
        try:
            if code_cell not in checked_codes:
                check_code(code)
                if reverse:
                    check_code(reverse, null_ok=False)
                checked_codes.add(code_cell)
            _constraints(with_)
        except KeyError as exc:  # an unknown CAMEO code
            raise KeyError(f"{name}:{number}: {exc.args[0] if exc.args else exc}") from None
        except ValueError as exc:
            raise ValueError(f"{name}:{number}: {exc}") from None
        with_ = with_.casefold()
        source = cells[source_at] if source_at >= 0 else ""
        for one in lemma.casefold().split("|"):
            one = one.strip()
            if not one:
                raise ValueError(f"{name}:{number}: empty lemma in {lemma!r}")
            key = (pos, one, with_)
            if key in seen:
                raise ValueError(f"{name}:{number}: duplicate pattern {key}")
            seen.add(key)
            pending[pos].setdefault(one, []).append((pos, one, with_, code, notes, number, name, source, reverse))
    if header is None:
        raise ValueError(f"{name}: no header line")
    priority = {name: 0}

    def rows_of(table: dict[str, list[tuple]]) -> _LazyRows:
        return _LazyRows(table, lambda lemma: _order((LexRow(*cells) for cells in table[lemma]), priority))

    return Lexicon(rows_of(pending["V"]), rows_of(pending["N"]))


def read_lexicon(path: str | Path | None = None) -> Lexicon:
    """Read a lexicon file (the package's own ``event_verbs.tsv`` when ``path`` is None)."""
    if path is None:
        return read_lexicon_text(data_text(LEXICON_TABLE), LEXICON_TABLE)
    return read_lexicon_text(Path(path).read_text(encoding="utf-8"), Path(path).name)


def merge_lexicons(*lexicons: Lexicon) -> Lexicon:
    """One lexicon from several; on the same (pos, lemma, with) the earlier lexicon's row wins.
    Rows are ordered as in one file: specific first, then by lexicon order and line."""
    priority: dict[str, int] = {}
    verbs: dict[str, list[LexRow]] = {}
    nouns: dict[str, list[LexRow]] = {}
    seen: set[tuple[str, str, str]] = set()
    for lex in lexicons:
        for row in lex.all_rows():
            priority.setdefault(row.table, len(priority))
            key = (row.pos, row.lemma, row.with_)
            if key in seen:
                continue
            seen.add(key)
            (verbs if row.pos == "V" else nouns).setdefault(row.lemma, []).append(row)
    return Lexicon({k: _order(v, priority) for k, v in verbs.items()}, {k: _order(v, priority) for k, v in nouns.items()})


def _merge_tables(*tables: tuple[Lexicon, str]) -> Lexicon:
    """``merge_lexicons`` for lexicons that each hold the rows of one table (``read_lexicon_text``
    of the named table), merged lemma by lemma on first look-up."""
    lexicons = [lex for lex, _ in tables]
    priority = {name: i for i, (_, name) in enumerate(tables)}

    def merged(pos: str, lemma: str) -> tuple[LexRow, ...]:
        rows: list[LexRow] = []
        seen: set[str] = set()
        for lex in lexicons:
            for row in lex.rows(pos, lemma):
                if row.with_ not in seen:
                    seen.add(row.with_)
                    rows.append(row)
        return _order(rows, priority)

    def keys(pos: str) -> dict[str, None]:
        return dict.fromkeys(k for lex in lexicons for k in (lex.verbs if pos == "V" else lex.nouns))

    return Lexicon(_LazyRows(keys("V"), lambda lemma: merged("V", lemma)),
                   _LazyRows(keys("N"), lambda lemma: merged("N", lemma)))  # fmt: skip


@lru_cache(maxsize=2)
def package_lexicon(petrarch: bool = True) -> Lexicon:
    """Our own table, then (with ``petrarch``) the rows derived from CAMEO.2.0.txt; the same
    rows in the same order as ``merge_lexicons`` of the two tables, made lemma by lemma."""
    if not petrarch:
        return read_lexicon()
    derived = read_lexicon_text(data_text(PETRARCH_TABLE), PETRARCH_TABLE)
    return _merge_tables((package_lexicon(False), LEXICON_TABLE), (derived, PETRARCH_TABLE))


def default_lexicon() -> Lexicon:
    return package_lexicon(True)


# -- matching rows against a dependency parse ------------------------------------------------
_PARTICLE_DEPS = ("prt", "prep", "agent", "dative", "advmod")
_PREP_DEPS = ("prep", "agent", "dative")
_OBJECT_DEPS = ("dobj", "obj", "attr", "oprd", "acomp", "nsubjpass")
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj", "expl")
_CLAUSAL_DEPS = ("relcl", "acl", "advcl", "ccomp", "xcomp", "appos", "conj", "cc", "punct", "parataxis")
_MODIFIER_DEPS = ("compound", "amod", "nmod")


# The last document's word forms, one frozenset per token: a document's predicates share their
# words, so each token's forms are read from spaCy once, not once per predicate above it. A
# weak reference (the cache keeps no document alive) and the length guard the identity; one
# entry per thread, so worker threads coding different documents do not evict each other's.
_LAST_DOC_FORMS = threading.local()
_CHILDREN = threading.local()  # (doc, each word's children or None) while a document is coded
_LAST_PREDICATE = threading.local()  # (doc ref, token index, _Predicate) of the last look-up


# (lemma id, text id) -> forms; spaCy's string ids are hashes of the strings, the same in every
# vocabulary, and most tokens of a document repeat a word seen before
_FORMS_BY_IDS: dict[tuple[int, int], frozenset[str]] = {}
_FORMS_BY_IDS_MAX = 200_000


def _doc_forms(doc) -> list[frozenset[str]]:
    ref, forms = getattr(_LAST_DOC_FORMS, "entry", (None, ()))
    if ref is not None and ref() is doc and len(forms) == len(doc):
        return forms
    strings = doc.vocab.strings
    known = _FORMS_BY_IDS
    if len(known) > _FORMS_BY_IDS_MAX:
        known.clear()
    ids = doc.to_array([LEMMA, ORTH])
    forms = []
    for key in zip(ids[:, 0].tolist(), ids[:, 1].tolist()):
        one = known.get(key)
        if one is None:
            one = known[key] = frozenset((strings[key[0]].casefold(), strings[key[1]].casefold()))
        forms.append(one)
    _LAST_DOC_FORMS.entry = (weakref.ref(doc), forms)
    return forms


def children(tok) -> tuple:
    """``tok.children``, kept per word while ``keep_children`` holds for its document: the
    coder's rules walk the same words' children again and again, and spaCy builds new token
    objects on every walk."""
    entry = getattr(_CHILDREN, "entry", None)
    if entry is None or entry[0] is not tok.doc:
        return tuple(tok.children)
    kept = entry[1]
    i = tok.i
    kids = kept[i]
    if kids is None:
        kids = kept[i] = tuple(tok.children)
    return kids


def left_children(tok) -> tuple:
    """``tok.lefts`` (see ``children``)."""
    i = tok.i
    return tuple(c for c in children(tok) if c.i < i)


def right_children(tok) -> tuple:
    """``tok.rights`` (see ``children``)."""
    i = tok.i
    return tuple(c for c in children(tok) if c.i > i)


@contextmanager
def keep_children(doc):
    """Keep each word's children (see ``children``) while the block codes ``doc``, which must
    not change meanwhile; forgotten after it."""
    _CHILDREN.entry = (doc, [None] * len(doc))
    try:
        yield
    finally:
        _CHILDREN.entry = None


def noun_phrase(head) -> list:
    """The words of ``head``'s noun phrase: its modifiers and "of"/prepositional chains, not
    its clauses, appositions or coordinated nouns."""
    out = [head]
    for child in children(head):
        if child.dep_ in _CLAUSAL_DEPS:
            continue
        out.extend(noun_phrase(child))
    return out


class _Candidate:
    """A noun a phrase may match, with the word forms of its head, its direct modifiers and its
    noun phrase (computed once per predicate, not once per row)."""

    __slots__ = ("_forms", "_phrase", "near", "tok")

    def __init__(self, tok, forms: list[frozenset[str]] | None = None):
        self.tok = tok
        self._forms = forms if forms is not None else _doc_forms(tok.doc)
        near = set(self._forms[tok.i])
        for c in children(tok):
            if c.dep_ in _MODIFIER_DEPS:
                near |= self._forms[c.i]
        self.near = frozenset(near)
        self._phrase: frozenset[str] | None = None

    @property
    def phrase(self) -> frozenset[str]:
        if self._phrase is None:
            self._phrase = frozenset().union(*(self._forms[t.i] for t in noun_phrase(self.tok)))
        return self._phrase

    def matches(self, phrase: tuple[str, ...]) -> bool:
        """A one-word phrase is the head or a word modifying it directly (("diplomatic",) matches
        "full diplomatic ties", ("artillery",) "artillery shells"); a longer phrase has every
        word in the noun phrase: ("peace", "talks") matches "peace talks" and "the peace and
        security talks", ("restoration", "relations") "the restoration of relations" (TABARI
        matched a pattern's words anywhere after the verb, in order)."""
        if len(phrase) == 1:
            return phrase[0] in self.near
        return all(w in self.phrase for w in phrase)


def phrase_matches(head, phrase: tuple[str, ...]) -> bool:
    """Whether ``phrase`` matches the noun ``head`` (see ``_Candidate.matches``)."""
    return _Candidate(head).matches(phrase)


@lru_cache(maxsize=65536)
def _split(phrases: tuple[tuple[str, ...], ...]) -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    return frozenset(p[0] for p in phrases if len(p) == 1), tuple(p for p in phrases if len(p) > 1)


class _Predicate:
    """What rows are matched against: a predicate's particles, complements, prepositional
    phrases and pre-verb words, gathered once, on the first clause tested."""

    __slots__ = ("_clause_objects", "_forms", "complements", "modifiers", "particles", "preps", "present", "subjects", "tok")

    def __init__(self, tok):
        self.tok = tok
        self._forms = forms = _doc_forms(tok.doc)
        # every word form from the predicate's left edge to its right edge (its subtree and
        # any words the parse crosses over, a superset is safe): a clause none of whose words
        # is here fails at once
        self.present = frozenset().union(*forms[tok.left_edge.i : tok.right_edge.i + 1])
        self.particles: dict | None = None
        self._clause_objects: list[_Candidate] | None = None

    def clause_objects(self) -> list[_Candidate]:
        """The complements of a clause the predicate governs ("allowed that X is a pleasant
        place": place), for the wider reading of a PETRARCH dictionary's "* words"."""
        if self._clause_objects is None:
            self._clause_objects = [_Candidate(g, self._forms) for c in children(self.tok) if c.dep_ in ("ccomp", "xcomp")
                                    for g in children(c) if g.dep_ in _OBJECT_DEPS]  # fmt: skip
        return self._clause_objects

    def _gather(self) -> None:
        tok, forms = self.tok, self._forms
        # a particle or preposition after the verb before one ahead of it, nearest first: "on
        # Tuesday called on Russia to" is the "call on" of "on Russia", not of "on Tuesday"
        kids = children(tok)
        self.particles = {}
        for c in [*(c for c in kids if c.i > tok.i), *(c for c in reversed(kids) if c.i < tok.i)]:
            if c.dep_ in _PARTICLE_DEPS:
                self.particles.setdefault(c.text.casefold(), c)
        self.complements = [_Candidate(c, forms) for c in children(tok) if c.dep_ in _OBJECT_DEPS]
        self.subjects = [_Candidate(c, forms) for c in children(tok) if c.dep_ in _SUBJECT_DEPS]
        self.modifiers = [_Candidate(c, forms) for c in left_children(tok) if c.dep_ not in _SUBJECT_DEPS]
        # prepositions on the predicate or on one of its complements ("a series of attacks")
        self.preps: dict[str, list[tuple[object, list[_Candidate]]]] = {}
        for holder in [tok, *(c.tok for c in self.complements)]:
            for child in children(holder):
                if child.dep_ in _PREP_DEPS:
                    objects = [_Candidate(g, forms) for g in children(child) if g.dep_ in ("pobj", "pcomp", "dobj")]
                    self.preps.setdefault(child.text.casefold(), []).append((child, objects))

    def _first(self, candidates: list[_Candidate], phrases) -> _Candidate | None:
        single, multi = _split(phrases)
        if phrases and single.isdisjoint(self.present) and not any(all(w in self.present for w in p) for p in multi):
            return None
        for cand in candidates:
            if (single and not single.isdisjoint(cand.near)) or any(cand.matches(p) for p in multi):
                return cand
        return None

    def satisfy(self, con: Constraint, row: LexRow | None = None) -> list | None:
        """The tokens that satisfy ``con`` (a clause of ``row``), or None. A row read from a
        user's PETRARCH dictionary finds its words after the verb (TABARI's "* words") also in
        a clause the verb governs."""
        if self.particles is None:
            self._gather()
        if con.role == "prt":
            for (word,) in con.phrases:
                if word in self.particles:
                    return [self.particles[word]]
            return None
        if con.role == "obj":
            hit = self._first(self.complements, con.phrases)
            if hit is None and row is not None and row.source and row.table not in (LEXICON_TABLE, PETRARCH_TABLE):
                hit = self._first(self.clause_objects(), con.phrases)
            if hit is None:  # TABARI's words after the verb: an adverb too ("* NOW")
                single = _split(con.phrases)[0]
                word = next((t for w, t in self.particles.items() if t.dep_ == "advmod" and w in single), None)
                return [word] if word is not None else None
            return [hit.tok]
        if con.role == "pre":
            hit = self._first(self.subjects, con.phrases) or self._first(self.modifiers, con.phrases)
            return [hit.tok] if hit is not None else None
        if con.role == "aux":
            return _before_predicate(self.tok, con.phrases)
        if con.role == "subj":
            words = {w for (w,) in con.phrases}
            for subject in self.subjects:
                cc = [c for c in children(subject.tok) if c.dep_ in ("cc", "preconj") and c.text.casefold() in words]
                if cc and any(c.dep_ == "conj" for c in children(subject.tok)):
                    return [cc[0]]
            return None
        if con.role == "tgt" and con.prep == "-":
            return []
        for prep, objects in self.preps.get(con.prep, ()):
            if not con.phrases or con.role == "tgt":
                return [prep]
            hit = self._first(objects, con.phrases)
            if hit is not None:
                return [prep, hit.tok]
        particle = self.particles.get(con.prep)
        if particle is not None and particle.dep_ == "prt" and con.phrases:
            # "clash over the efforts" parsed as a particle and a direct object
            hit = self._first(self.complements, con.phrases)
            if hit is not None:
                return [particle, hit.tok]
        return None


def _before_predicate(tok, alternatives) -> list | None:
    """The tokens of the first alternative found between the predicate's subject and the
    predicate (each alternative: segments in order, each segment's words adjacent); None."""
    top = tok
    while top.dep_ in ("ccomp", "xcomp") and top.head.i < top.i:
        top = top.head  # "indicated it would act": the clause the predicate is reported in
    subjects = [c for c in children(top) if c.dep_ in _SUBJECT_DEPS and c.i < top.i]
    start = max(s.right_edge.i for s in subjects) + 1 if subjects else top.left_edge.i
    window = [t.text.casefold() for t in tok.doc[start:tok.i]]
    for segments in alternatives:
        at, found = 0, []
        for segment in segments:
            words = segment.split("+")
            hit = next((i for i in range(at, len(window) - len(words) + 1) if window[i:i + len(words)] == words), None)
            if hit is None:
                break
            found.extend(tok.doc[start + hit: start + hit + len(words)])
            at = hit + len(words)
        else:
            return found
    return None


def _predicate_of(tok) -> _Predicate:
    """The gathered predicate of ``tok``, kept for the next look-up of the same token (the
    coder matches a word against its own table, then the whole lexicon, by lemma and by form)."""
    ref, i, predicate = getattr(_LAST_PREDICATE, "entry", (None, -1, None))
    if predicate is not None and i == tok.i and ref() is tok.doc:
        return predicate
    predicate = _Predicate(tok)
    _LAST_PREDICATE.entry = (weakref.ref(tok.doc), tok.i, predicate)
    return predicate


def match_row(row: LexRow, tok, predicate: _Predicate | None = None) -> list | None:
    """The tokens that satisfy every clause of ``row``'s ``with`` on predicate ``tok`` (a
    spaCy token): [] for a bare row, None when a clause fails."""
    if not row.with_:
        return []
    predicate = predicate or _Predicate(tok)
    found: list = []
    for con in row.constraints:
        hit = predicate.satisfy(con, row)
        if hit is None:
            return None
        found.extend(t for t in hit if t not in found)
    return found


def match(lexicon: Lexicon, tok, pos: str, lemma: str | None = None, *, keep_null: bool = False) -> tuple[LexRow, list] | None:
    """The first row of ``lemma`` (default: the token's lemma) whose clauses ``tok`` satisfies,
    with the tokens that satisfied them; None when none does. When the first that does is a
    null row (PETRARCH's ``---``: "an aircraft crashed" is no event) it is returned with
    ``keep_null``, else None."""
    index = lexicon.row_index(pos, lemma if lemma is not None else tok.lemma_.casefold())
    rows = index.rows
    if not rows:
        return None
    if len(index.bare) == len(rows):
        order: Iterable[int] = index.bare
        predicate = None
    else:
        predicate = _predicate_of(tok)
        order = index.candidates(predicate.present)
    for i in order:
        row = rows[i]
        found = match_row(row, tok, predicate)
        if found is None:
            continue
        return None if row.null and not keep_null else (row, found)
    return None


__all__ = [
    "CLAUSE_KEYS",
    "COLUMNS",
    "LEXICON_TABLE",
    "NULL_CODE",
    "PETRARCH_TABLE",
    "Constraint",
    "LexRow",
    "Lexicon",
    "check_code",
    "default_lexicon",
    "is_code",
    "match",
    "match_row",
    "merge_lexicons",
    "package_lexicon",
    "parse_with",
    "phrase_matches",
    "read_lexicon",
    "read_lexicon_text",
    "split_code",
]  # fmt: skip
