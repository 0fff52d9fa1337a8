"""Event coding over a dependency parse.

``extract_events(text, doc, article_date, entities=(), quotes=(), tables=None)`` returns the
events of one article; ``explain_events`` (same arguments) returns each event with an
``EventExplanation`` (``eventwire.events.explanation``) saying which lexicon row fired, how
the code and modality were decided and how each actor was found and resolved.

Predicates. A verb or event noun whose lemma or pattern is in the event lexicon (our own
``data/event_verbs.tsv`` first, then the rows derived from PETRARCH-2's CAMEO.2.0, see
``eventwire.events.lexicon``) is a predicate. A row with PETRARCH's null code ``---`` matches
and codes nothing. Besides the lexicon, word classes from ``data/event_cues.tsv`` shape the
events (``eventwire.events.cues``):

- a light verb takes its object noun's code: "launched an attack on X" is an attack,
  "imposed a new round of sanctions on X" sanctions (a partitive noun, "round", stands
  aside for its "of"-noun);
- a governing verb sets a frame around its "to"-complement or event-noun object, and the
  frame table ``data/cameo_frames.tsv`` gives the code: "urged Russia to withdraw" 0256,
  "called for talks" 026, "threatened to invade" 1382, "refused to meet" 125, "agreed to
  release" 0353, "accused X of attacking" 1123;
- a characterising verb with an evaluative description is criticism or praise: "called the
  move reckless" 111, "described X as a serious partner"... (negative/positive words only);
- an evaluative word in quotation marks that qualifies an actor's doing is the quoted
  speaker's criticism or praise: he differentiated between NATO's "shameful" response ... is
  111 from him to NATO;
- a speech verb whose reported clause judges an actor ("said the sanctions were illegal")
  is criticism (111) or praise (051) of that actor; otherwise the reported content is coded
  by its own predicate, with the speaker standing for "he", "she", "we" in it.

Arguments. The subject (through "and": "The U.S. and NATO rejected" gives two events; through
coordinated country modifiers: "US and British activists" two actors), a passive agent ("was
detained by Russian border guards"; "were killed in Israeli shelling": the actor of the event
noun), the object (its possessor when the object is a thing: "rejected Russia's demand"; an
actor in the object's phrase: "ordered an investigation against X"), a dative, a prepositional
target ("with", "against", "on", "to", ...; "in" only for protest, force, coercion and
violence; a place further on for meetings and posture: "met in Zurich", "amassed troops near
the border with Ukraine"), or the
subject of a complement clause ("accused Western governments advancing"). A relative pronoun
stands for the noun its clause modifies, "that of X" for X. Predicates whose meaning is mutual
(rows with a reciprocal code such as ``040:040``: meet, negotiate, clash) also give the
reciprocal event; "X and Y met" gives both directions.

Modality, as CAMEO prescribes:

- negation ("not", "never", "failed to") turns cooperation (03-08) into its refusal (12x:
  "will not compromise" 124, "failed to reach a deal" 127) and marks anything else
  ``denied``; an event noun under "no" ("there will be no war") is denied;
- "will", "would" in reported speech, "going to", an intent verb ("plans to", "is set to"),
  or a 03x governing verb ("agreed to", "offered to") make cooperation an intent (03x: "is
  set to speak with" 036, modality ``intended``), and force, coercion or sanctions a threat
  (13x);
- an "if"/"unless" clause makes the event ``conditional`` (force and sanctions become threats);
  a hedge ("could", "might") makes it ``conditional`` and leaves the code;
- the content of a noun ("the demand to halt X", "the threat of Russia invading Y") is not
  coded as done.

What is left out (``_keep`` and ``_emit``): a statement or appeal (01x, 02x) without a known
target (the reported content is coded by its own predicate) or addressed to no one in particular
("told reporters"), a denied statement or appeal, a demand (10x) or a meeting (04x) without a
counterpart, any other denied event without a target, and (with ``require_actor``) a dyad with
neither a country, an organisation nor a named person ("A protestor demolished the building").
What is alleged, claimed or denied ("X alleged that Y attacked Z") and what is demanded or asked
("demanded that Moscow order its fleet to ...") is not coded as done: an allegation of force is
X accusing Y (1123); "claimed that they had attacked" claims responsibility (015).

PETRARCH and CAMEO conventions (issue #5; each tested in tests/events/test_conventions.py):

- reported force (PETRARCH-2's transformations of SAY): a speaker who leads the sentence and
  reports force (18-20) accuses its doer, "Sweden said Russian jets had bombed X" SWE->RUS 112;
  reporting its own force claims responsibility (015, for what was done); the reported act
  stays coded unless it has no actor as target; a speaker after the report only reports it;
- force in the passive without a doer comes from where it was launched ("fired at X from Y");
- the doer of a condemned, welcomed or rejected act is the target ("condemned an attack by X
  in Y": X); a definite noun that names an earlier event of the article and has no actor of
  its own ("rejected the accusation", "called the move reckless", "the decision drew
  criticism from X"; data/event_anaphors.tsv) stands for the last event named by the same
  deed ("accused"), else the last of its kinds within three paragraphs, not one of the acting
  side's own: its doer is the target; claiming responsibility or expressing sympathy (015,
  016, 018) is aimed at those the deed was done to, else the country where it happened;
- a capital named as the place of an event is its country ("protested in Beijing": CHN, not
  the government it stands for when it speaks); the topic of a discussion is no counterpart;
- no event of its own: a relative clause whose subject is its relative pronoun (background
  about the noun: "the group that has seized X"), a "before" clause (not yet done), the means
  of a coded act ("by promoting X"), the reason for a verb's act ("jailed X for helping Y"), an
  appeal that is only possible ("might want X to"), what an object is only pressed to do
  ("incited X to attack", "goaded X into attacking": event_cues.tsv prompting) or made to do by
  a verb that is itself not done ("seeks to provoke X to go to war"; "forced X to withdraw": X
  withdrew), what an allegation or claim says ("allegations that X sheltered spies");
- a killing "in"/"by" shelling or an air strike is one event, the force (19/20), of which the
  killing is the toll;
- a readiness shown for something ("signaled readiness for talks", "willingness to
  negotiate") is an intent to do it (036), aimed at whom the talks are with;
- an utterance condemned or rejected "as" something ("condemned as unacceptable allegations
  by X") is the object, its speaker the target; an editor's "[X]" after a verb its object;
- the target may be the subject of a clause after the verb ("believes that X can cope"), as
  PETRARCH takes the first actor after the verb, for any code but a bare statement;
- a paired code (``040:040``) codes its reciprocal when intended too ("will meet X": X->Y too);
- with ``require_actor``, an event needs a resolved source, as PETRARCH's events do.
- patterns from PETRARCH dictionaries: a compound subject (``subj=``: "X and Y agree" codes each
  with the other), auxiliaries and negation of the pattern itself (``aux=``: the event is not
  negated again), the phrase of the target (``tgt=``), also when it hangs on the verb's object
  ("warned their people about X"); see ``eventwire.events.lexicon``;
- several actors in one mention code one event each: a compound code (``[FRO/BIL/SAM]``,
  ``ActorCode.members``), coordinated countries after a sector ("lawmakers in X and Y"); an
  "in"/"from"/"of" phrase after coordinated nouns is whose each of them is ("lawmakers and
  officials in X": XLEG, XGOV; "sheep and goats of X": the goats), a second noun without words
  of its own takes the first one's ("Danish media and government": DNKMED, DNKGOV), and a name
  in a list keeps its place however it is parsed ("X and the evil awful Y", "A, the awful B,
  and C"); "hundreds of UN troops" act as the troops;
- a visit (042) is made by an actor ("the shipment arrived in Oslo" is none).

Actors. A mention that the quote stage identified (entity or speaker) takes the entity's name
and role; a subject pronoun of a reported clause the speaker ("Obama said he would ..."); "he"
and "she" a person named earlier in the sentence, else the first person of the last sentence
that names one; "I", "we", "our" inside a quote the quote's speaker; "its"/"their" the subject
of their clause; "the envoy", "the veteran diplomat" the last person named whose role has that
noun; "the bloc", "the alliance" the last organisation named; "the two sides", "both countries"
the two countries named most often so far. Resolution (``eventwire.actors.resolve_actor``) is
dated by the event's date. A role without a country takes the context: "its"/"the country's"
the sentence's first country, a person's bare role ("Foreign Minister X") the nearest country
named before it in the sentence, else the country named most often so far (an organisation's
role such as "Secretary General": the organisation); a definite national body ("the
government", "the coast guard") the country of the dateline. A dateline ("OSLO, March 2
(Wire) -", "KYIV, Ukraine —", "OSLO:") is never a subject nor a word of one. An actor acting
on itself (the same actor, or a country and its capital) has no target. A text without an
author ("a report released by X", "... released in the Rwandan capital") speaks for its issuer, else the country it was released in; a civilian
sector "in"/"from"/"of" a country is that country's ("lawmakers in X": XLEG; not troops, who may
be abroad); a sector adjective on a thing ("his official visit") is no actor.

Lexicon rows. With the package lexicon, our own rows are tried first and PETRARCH-derived rows
only where ours match nothing; for very common verbs ("go", "have", "want": ``generic`` in
event_cues.tsv) derived rows are not consulted. A derived row without a pattern costs 0.25
confidence. Statements (010) with no one addressed are not coded (their reported content is),
and a meeting or call (04x) needs a counterpart.

Dates (``eventwire.events.dates``): an explicit date in the predicate's phrase, else the one
nearest it in the sentence, resolved against the article date; else the article date.

Confidence in [0, 1]: 0.55, +0.15 for a row with a pattern, -0.1 for a derived (PETRARCH) row
with a pattern and -0.25 without one,
+0.1 when a frame or a light verb confirms the code, +0.1 for a resolved source (-0.1 for an
unresolved one), +0.05 for a resolved target, -0.15 for an event noun, -0.2 when denied, -0.1
when conditional; evaluations start at 0.45. Clipped to [0.05, 0.95].
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from eventwire.actors import resolve_actor
from eventwire.events.codes import code_info
from eventwire.events.cues import FRAME_OF_ROOT, cue_words, derive, event_anaphor
from eventwire.events.dates import as_date, find_dates
from eventwire.events.dates import resolve as resolve_date
from eventwire.events.explanation import ActorTrace, EventExplanation
from eventwire.events.lexicon import (
    LEXICON_TABLE,
    PETRARCH_TABLE,
    Lexicon,
    LexRow,
    default_lexicon,
    keep_children,
    package_lexicon,
)
from eventwire.events.lexicon import children as _kids
from eventwire.events.lexicon import left_children as _lefts
from eventwire.events.lexicon import right_children as _rights
from eventwire.model import Actor, Entity, Event, Plover, Quote, Span

_WILL = frozenset({"will", "shall", "'ll", "wo"})
_WOULD = frozenset({"would", "'d"})
_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_TARGET_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "for", "from", "into", "over", "of", "upon")
_OBJECT_PREPS = ("against", "on", "into", "with", "to", "of", "over", "toward", "towards", "upon", "for", "about")
_IN_ROOTS = frozenset({"14", "15", "17", "18", "19", "20"})  # roots whose "in X" can be the target (protest, force, coercion, violence)
_NOUN_POS = ("NOUN", "PROPN", "PRON")
_ACTOR_ENTS = frozenset({"PERSON", "ORG", "GPE", "NORP"})
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "our", "my", "ours"})
_CLAUSE_TARGET_ROOTS = frozenset({"10", "11", "12", "13"})  # demand, accuse, reject, threaten: "that X ..." names X
_TOPIC_VERBS = frozenset({"discuss", "debate", "review", "address"})
_STATE_ACTS = frozenset({"17", "08"})  # coercion and release: done by the state where they happen
_FUNCTION_VERBS = frozenset({"be", "have", "do", "will", "would", "shall", "should", "can", "could", "may", "might", "must"})
_ORGANISATION_ANAPHORS = frozenset({"bloc", "alliance", "organisation", "organization", "union"})
_SIDE_WORDS = frozenset({"side", "country", "government", "party", "nation", "neighbour", "neighbor", "capital"})
_OWN_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "my", "your"})
_SPEECH_ROOT = "01"
_COOPERATION = frozenset({"03", "04", "05", "06", "07", "08"})
_VAGUE_DERIVED_ROOTS = frozenset({"06"})
_FORCE = frozenset({"15", "16", "17", "18", "19", "20"})
# intended or conditional, these are threats (force posture is not: "offered to send troops")
_THREAT_ROOTS = frozenset({"16", "17", "18", "19", "20"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_ANAPHOR_PARAGRAPHS = 3  # "the move": an event in the noun's paragraph or the three before
_RECEIVING = frozenset({"receive", "face", "get", "draw", "win", "earn", "obtain", "secure"})  # the event comes "from" someone
_SAID_TO_ROOTS = frozenset({"01", "02", "03", "05", "10", "11", "12", "13"})  # verbal acts a call can carry
_LEVERAGE_CODES = frozenset({"143"})  # a strike or boycott announced ahead is leverage: a threat too
_QUOTE_MARKS = "\"“”«»„"


@dataclass
class _Arg:
    """An argument of a predicate: a head token, how it was found, and optionally the words
    to resolve instead of its phrase ("US and British activists" -> "British activists")."""

    tok: object
    how: str
    query: str | None = None
    weak: bool = False  # a place found further on, no counterpart ("met in Helsinki")
    actor: Actor | None = None  # already resolved: the doer of an earlier event ("the move")


@dataclass(frozen=True)
class _Deed:
    """A coded event, for a later noun that names it ("the move", "the accusation")."""

    offset: int  # of its source
    source: Actor
    root: str
    code: str
    lemmas: frozenset[str]  # of its predicate words ("accuse")
    evidence: tuple[int, int]


@dataclass
class _Pred:
    """A coded predicate, before its actors are resolved."""

    tok: object  # the word that carries the code
    head: object  # the clause word whose arguments make the dyad
    row: LexRow | None
    code: str
    rule: str
    extra: list = field(default_factory=list)
    nominal: bool = False
    gov: object = None  # the governing or light verb
    inner: object = None  # a governed complement verb
    code_steps: list[str] = field(default_factory=list)
    modality: str = "asserted"
    modality_steps: list[str] = field(default_factory=list)
    confidence: float = 0.55
    confidence_steps: list[str] = field(default_factory=list)
    sources: list[_Arg] = field(default_factory=list)
    targets: list[_Arg] = field(default_factory=list)
    reverse: str = ""  # reciprocal code (target -> source)
    pairwise: bool = False  # "X and Y met": every ordered pair already emitted
    mutual: bool = False  # the event is mutual ("failed to reach a deal" inherits "reach a deal")


def extract_events(
    text: str,
    doc,
    article_date=None,
    entities: Iterable[Entity] = (),
    quotes: Iterable[Quote] = (),
    tables=None,
    *,
    lexicon: Lexicon | None = None,
    require_actor: bool = True,
) -> list[Event]:
    """The events of one article. ``doc`` is the spaCy parse of ``text`` (same offsets).

    ``require_actor`` (default) keeps only events whose source or target resolves to an
    actor code, a known entity or a quote's speaker; the PLV scorer turns it off because the
    dyad is given there."""
    return [event for event, _ in _code(text, doc, article_date, entities, quotes, tables, lexicon, require_actor, False)]


def explain_events(
    text: str,
    doc,
    article_date=None,
    entities: Iterable[Entity] = (),
    quotes: Iterable[Quote] = (),
    tables=None,
    *,
    lexicon: Lexicon | None = None,
    require_actor: bool = True,
) -> list[tuple[Event, EventExplanation]]:
    """Each event of ``extract_events`` (same arguments, same order) with its explanation."""
    return _code(text, doc, article_date, entities, quotes, tables, lexicon, require_actor, True)


def _code(text, doc, article_date, entities, quotes, tables, lexicon, require_actor, explain):
    lexicon = lexicon or default_lexicon()
    ctx = _Context(text, lexicon, as_date(article_date), list(entities), list(quotes), tables, require_actor, explain)
    out: list[tuple[Event, EventExplanation | None]] = []
    with keep_children(doc):
        ctx.prepare(doc)
        ctx.note_countries(doc)
        for sent in ctx.sentences:
            out.extend(ctx.sentence(sent))
    return out


def _spacy_sentences(doc):
    """``doc.sents`` without its per-call check of every token's annotation (a measurable
    share of the coder's time on long articles): the parser's sentence starts, read at once."""
    from spacy.attrs import SENT_START

    if len(doc) == 0:
        return
    starts = doc.to_array([SENT_START]).ravel().tolist()
    if not any(v == 1 for v in starts[1:]) and not doc.has_annotation("DEP"):
        yield from doc.sents  # no parse: let spaCy decide (or raise its own error)
        return
    begin = 0
    for i in range(1, len(starts)):
        if starts[i] == 1:
            yield doc[begin:i]
            begin = i
    yield doc[begin:len(starts)]


def _sentences(doc, text: str | None = None):
    """spaCy's sentences, split again at blank lines: a paragraph break always ends a
    sentence (the parser sometimes runs a quote's end into the next paragraph). ``text``: the
    document's text when the caller has it (``doc.text`` joins every token anew on each call)."""
    import bisect

    from spacy.attrs import IDX

    text = doc.text if text is None else text
    offsets = None
    for sent in _spacy_sentences(doc):
        start = sent.start
        if "\n\n" not in text[sent.start_char:sent.end_char]:
            yield sent
            continue
        if offsets is None:
            offsets = doc.to_array([IDX]).ravel().tolist()
        # the tokens holding a blank line, found from the text (not by walking every token)
        breaks = []
        at = text.find("\n\n", sent.start_char, sent.end_char)
        while at >= 0:
            i = bisect.bisect_right(offsets, at) - 1
            if (not breaks or breaks[-1] != i) and sent.start <= i < sent.end:
                breaks.append(i)
            at = text.find("\n\n", at + 1, sent.end_char)
        for i in breaks:
            tok = doc[i]
            if tok.is_space and "\n\n" in tok.text and start < i:
                yield doc[start:i]
                start = i + 1
        if start < sent.end:
            yield doc[start:sent.end]


class _Context:
    def __init__(self, text, lexicon, day, entities, quotes, tables, require_actor, explain=False):
        self.text = text
        self.lexicon = lexicon
        self.day = day
        self.tables = tables
        self.require_actor = require_actor
        self.explain = explain
        self._resolved: dict = {}
        self._actor_like_memo: dict[tuple[int, int], bool] = {}
        self._members: dict[tuple[int, int, str], tuple[str, ...]] = {}  # (start, end, code) -> every code of the mention
        # with the package lexicon, our own table decides first (see ``sentence``)
        self.own = package_lexicon(False) if lexicon is default_lexicon() else None
        self._all_dates = None
        self.doers: list[_Deed] = []  # each coded event, in text order
        self.mentions: dict[tuple[int, int], Entity] = {}
        self.mentions_by_end: dict[int, list] = {}
        for ent in entities:
            for m in ent.mentions:
                self.mentions[(m.start, m.end)] = ent
                self.mentions_by_end.setdefault(m.end, []).append((m.start, ent))
        self.speakers = [(q.cue.start, q.cue.end, q.speaker) for q in quotes if q.cue and q.speaker and q.speaker.name]
        self.quote_spans = [(q.start, q.end, q.speaker) for q in quotes]
        # speaker mentions and person mentions in text order, for "he"/"she"
        self.speaker_at: dict[tuple[int, int], object] = {}
        self.people: list[tuple[int, str, str | None, str | None]] = []  # start, name, entity id, role
        for q in quotes:
            sp = q.speaker
            if sp is not None and sp.name and sp.mention is not None:
                self.speaker_at[(sp.mention.start, sp.mention.end)] = sp
                self.people.append((sp.mention.start, sp.name, sp.entity_id, sp.role))
        for ent in entities:
            if ent.type == "person":
                for m in ent.mentions:
                    self.people.append((m.start, ent.name, ent.id, ent.role))
        self.people.sort(key=lambda p: p[0])
        # every named entity (the quote stage may type a person as an organisation), for "the envoy"
        self.named = sorted(
            [(m.start, ent.name, ent.id, ent.role) for ent in entities for m in ent.mentions] + self.people, key=lambda p: p[0]
        )
        starts = {start for start, _ in self.speaker_at}
        self.quoted = [p for p in self.people if p[0] in starts]
        self.countries: list[tuple[int, str]] = []  # (offset, country code) of country mentions so far
        self.country_names: list[tuple[int, str, str]] = []  # the same with the words of the mention
        self.igos: list[tuple[int, str]] = []  # (offset, IGO code) of international organisations so far
        self.home: str | None = None  # the country of the dateline
        self.entity_country: dict[str, str] = {}

    def _mention_ending(self, start: int, end: int):
        """An entity mention inside [start, end) that ends at ``end`` ("Foreign Minister Pavel
        Dorokhov": the mention "Pavel Dorokhov")."""
        for s, ent in self.mentions_by_end.get(end, ()):
            if s >= start:
                return ent
        return None

    def resolve(self, query: str, date, role=None):
        if self.tables is None:
            return _resolve_default(query, date, role)
        key = (query, date, role)
        if key not in self._resolved:
            self._resolved[key] = resolve_actor(query, date, role=role, tables=self.tables)
        return self._resolved[key]

    # -- one sentence -------------------------------------------------------------------
    def note_countries(self, doc) -> None:
        """Countries and organisations named in the document, with their offsets (the context
        for roles without a country, "its", "the two sides"; always filtered to what comes
        before the mention that needs it), and the home country of a dateline ("OSLO, March 2
        (Northern Ledger) -")."""
        m = _DATELINE_RE.match(self.text[:200])
        if m:
            place = re.split(r"[,(/:]", m.group(0))[0].strip()
            resolved = self.resolve(place.title(), self.day)
            if resolved is not None and resolved.country and resolved.source in ("capital", "country", "seat"):
                self.home = resolved.country
        for ent in doc.ents:
            if ent.label_ in ("GPE", "NORP", "ORG"):
                resolved = self.resolve(ent.text, self.day)
                if resolved is not None and resolved.country and len(resolved.country) == 3 and resolved.source in _PLACE_SOURCES:
                    self.countries.append((ent.start_char, resolved.country))
                    self.country_names.append((ent.start_char, resolved.country, ent.text))
                elif resolved is not None and resolved.source == "igo":
                    self.igos.append((ent.start_char, resolved.code))

    def prepare(self, doc) -> None:
        """Per-document arrays of part of speech, lemma and lower-case form, so that the
        tokens that cannot start an event are skipped without building spaCy tokens."""
        from spacy.attrs import LEMMA, LOWER, POS
        from spacy.parts_of_speech import ADJ, AUX, NOUN, PROPN, VERB

        self._content_pos = frozenset({VERB, AUX, NOUN, PROPN, ADJ})
        self._noun_pos = frozenset({NOUN, PROPN})
        self._verb_pos = frozenset({VERB, AUX})
        self._verb_pos_id = VERB
        self._arrays = doc.to_array([POS, LEMMA, LOWER]).tolist() if len(doc) else []
        self.sentences = list(_sentences(doc, self.text))
        self._sent_starts = [s.start_char for s in self.sentences]
        m = _DATELINE_RE.match(self.text[:200])
        self._dateline_end = m.end() if m else -1
        self._hashes = _lexicon_hashes(self.lexicon)
        self._paragraph_starts = [0] + [m.end() for m in re.finditer(r"\n[ \t]*\n", self.text)]

    def sentence(self, sent) -> list[tuple[Event, EventExplanation | None]]:
        found: dict[int, tuple[LexRow, list]] = {}  # predicate token index -> row, extra tokens
        evaluative = False
        doc = sent.doc
        arrays, (keys, judge_keys) = self._arrays, self._hashes
        candidates = []
        for i in range(sent.start, sent.end):
            upos, lemma_key, lower_key = arrays[i]
            if upos not in self._content_pos:
                continue
            if lemma_key in judge_keys or lower_key in judge_keys:
                evaluative = True
            if lemma_key in keys or lower_key in keys or (upos in self._noun_pos and i >= 2 and doc[i - 1].text == "-"):
                candidates.append(i)
        for tok in (doc[i] for i in candidates):
            upos = tok.pos_
            if upos in ("VERB", "AUX"):
                pos = "V"
            elif upos in ("NOUN", "PROPN"):
                pos = "N"
            elif upos == "ADJ":
                pos = "V" if tok.tag_ == "VBN" else None
            else:
                continue
            lemma = tok.lemma_.casefold()
            if pos is None or (upos == "AUX" and lemma in _FUNCTION_VERBS):
                continue
            text = tok.text.casefold()
            if not self._candidate(self.lexicon, tok, pos, lemma, text):
                continue
            # our own rows win over derived ones: a derived row stands only where ours say nothing
            own = self.own is not None and self._candidate(self.own, tok, pos, lemma, text)
            hit = self._match_in(self.own, tok, pos) if own else None
            if not hit and not (own and lemma in cue_words("generic")):
                hit = self._match(tok, pos)
            if hit and _vague_derived(hit[0]):
                continue
            if hit:
                found[tok.i] = hit
        if not found and not evaluative:
            return []
        preds: list[_Pred] = []
        consumed: set[int] = set()
        if any(row.pos == "N" for row, _ in found.values()):
            preds.extend(self._received(sent, found, consumed))
        # verbs first: they may take an event noun or a complement verb into their event
        for i in sorted(found):
            row, extra = found[i]
            tok = doc[i]
            if row.pos != "V" or i in consumed or (row.code == "---" and _verdict(tok) is None):
                continue
            if _noun_content(tok) or _reason_for(tok):
                continue
            if _before_clause(tok):
                continue  # "before leaving for Beijing on Thursday": not yet done when the main act was
            if _describes_its_noun(tok):
                continue  # "the group that has seized parts of Iraq": background about the noun
            if _means_of(tok, found) and row.code[:2] not in _FORCE:
                continue  # "deepen ties by promoting biofuels": how the coded act is done
            if _pressed_to_act(tok) is not None:
                continue  # "incited X to attack", "seeks to provoke X to go to war": not X's act nor X's intent
            if row.code == "0842" and not row.with_ and _direct_object(tok) is None and not any(c.dep_ == "nsubjpass" for c in _kids(tok)):
                continue  # "its warships were returning to base": going back, not returning property
            if row.code == "010" and not _addressed(tok) and _lemma(tok) not in cue_words("allege"):
                continue  # "X said ...": a statement without an addressee is no event (its content is coded)
            pred = self._verb_pred(tok, row, extra, found, consumed)
            if pred is not None:
                preds.append(pred)
                # a noun the verb's own pattern names is part of its event ("called off its protest")
                consumed.update(t.i for t in extra if t.i in found and found[t.i][0].pos == "N" and t.dep_ not in _SUBJ)
        # light verbs that are no lexicon entry of their own ("staged a protest")
        nouns_left = any(row.pos == "N" and i not in consumed for i, (row, _) in found.items())
        verbs = [i for i in range(sent.start, sent.end) if arrays[i][0] in self._verb_pos] if nouns_left else ()
        for tok in (doc[i] for i in verbs):
            if tok.i in found or tok.i in consumed:
                continue
            if _is_light(tok):
                noun = _object_noun(tok)
                if noun is not None and noun.i in found and found[noun.i][0].pos == "N" and noun.i not in consumed:
                    nrow, nextra = found[noun.i]
                    if nrow.code == "---":
                        continue
                    consumed.add(noun.i)
                    pred = _Pred(noun, tok, nrow, nrow.code, nrow.rule, [tok, *nextra], gov=tok, reverse=getattr(nrow, "reverse", ""))
                    pred.code_steps.append(f"light verb {tok.text!r} takes the code of its object {noun.text!r} ({nrow.code})")
                    pred.confidence += 0.1
                    self._modality(pred)
                    self._dyad(pred)
                    owner = _noun_agent(noun, self._actor_like)
                    if owner is not None and owner[1] == "possessor":
                        pred.sources = self._expand(owner[0], f"possessor of {noun.text!r}")
                    preds.append(pred)
        for i in sorted(found):
            row, extra = found[i]
            if row.pos == "N" and i not in consumed:
                pred = self._noun_pred(doc[i], row, extra)
                if pred is not None:
                    preds.append(pred)
        if evaluative:
            preds.extend(self._evaluations(sent, found, consumed))
        preds = self._allegations(preds)
        if found:
            said = self._reported_force(preds)
            if said:
                # PETRARCH-2 codes the report, not the reported act; an act with a named
                # target stays coded too (it is an event of the sentence in its own right)
                replaced = {id(p) for _, p in said if not any(a.tok.pos_ != "PRON" and self._actor_like(a.tok) for a in p.targets)}
                preds = [p for p in preds if id(p) not in replaced] + [s for s, _ in said]
        out: list[tuple[Event, EventExplanation | None]] = []
        for pred in preds:
            if pred.row is not None and pred.row.code == "---":
                continue  # PETRARCH's null code: the pattern says there is no event
            if pred.code == "042" and pred.row is not None and pred.row.pos == "V" and pred.sources and not any(
                s.actor is not None or self._actor_like(s.tok) for s in pred.sources
            ):
                continue  # a visit is made by an actor: not "the shipment arrived in Oslo"
            out.extend(self._emit(pred, sent))
        return [(e, x) for e, x in out if _keep(e)]

    @staticmethod
    def _candidate(lexicon, tok, pos, lemma, text) -> bool:
        """Whether ``_match`` can find anything for the token (a cheap look-up first)."""
        if lexicon.rows(pos, lemma) or lexicon.rows(pos, text):
            return True
        return pos == "N" and tok.i >= 2 and tok.doc[tok.i - 1].text == "-"  # "build-up"

    def _match_in(self, lexicon, tok, pos):
        """``_match`` against another lexicon (our own table alone)."""
        full, self.lexicon = self.lexicon, lexicon
        try:
            return self._match(tok, pos)
        finally:
            self.lexicon = full

    def _context_country(self, offset: int, sent_start: int, local: bool, entity_id=None, igo_role: bool = False) -> str | None:
        """The sentence's first country before ``offset`` ("Russia ..., the country's top
        diplomat"; "In Helsinki, President X said"), else the country named most often before
        it (ties: the first named); for an organisation's role ("Secretary General") the
        organisation named most often; fixed per entity at its first use."""
        if entity_id is not None and entity_id in self.entity_country:
            return self.entity_country[entity_id]
        pool = self.igos if igo_role and _mentions_before(self.igos, offset) else self.countries
        before = _mentions_before(pool, offset)
        country = None
        same = [c for o, c in before if o >= sent_start]
        if same and (local or not igo_role):
            # "its", "the country's": the sentence's topic, its first country; a bare role
            # ("Russia's foreign ministry ..., and Foreign Minister X"): the nearest one
            country = same[0] if local else same[-1]
        if country is None and before:
            counts: dict[str, int] = {}
            first: dict[str, int] = {}
            for o, c in before:
                counts[c] = counts.get(c, 0) + 1
                first.setdefault(c, o)
            country = max(counts, key=lambda c: (counts[c], -first[c]))
        if entity_id is not None and country is not None:
            self.entity_country[entity_id] = country
        return country

    def _match(self, tok, pos: str):
        """The lexicon row ``tok`` triggers and the tokens its pattern matched (see
        ``eventwire.events.lexicon.match``: clauses for particles, objects, prepositional
        phrases and pre-verb words). A matching null row (``---``) is returned: the token is a
        predicate that codes nothing."""
        from eventwire.events.lexicon import match as lexicon_match

        lemma = tok.lemma_.casefold()
        doc = tok.doc
        if pos == "N" and tok.i >= 2 and doc[tok.i - 1].text == "-":  # "build-up" is three tokens
            joined = lexicon_match(self.lexicon, tok, pos, f"{doc[tok.i - 2].lemma_.casefold()}-{lemma}", keep_null=True)
            if joined:
                return joined[0], [doc[tok.i - 2], *joined[1]]
        surface = tok.text.casefold()
        if pos == "V" and surface != lemma and self.lexicon.rows(pos, surface):
            # a dictionary entry for this very form ("left" [032:033] beside "leave" [012]),
            # or a form the lemmatiser missed ("angered by")
            hit = _untimed(self.lexicon, tok, pos, surface, lexicon_match(self.lexicon, tok, pos, surface, keep_null=True))
            if hit or not self.lexicon.rows(pos, lemma):
                return hit
        return _untimed(self.lexicon, tok, pos, lemma, lexicon_match(self.lexicon, tok, pos, lemma, keep_null=True))

    # -- verbs ----------------------------------------------------------------------------
    def _verb_pred(self, tok, row: LexRow, extra, found, consumed) -> _Pred | None:
        pred = _Pred(tok, tok, row, row.code, row.rule, list(extra), reverse=getattr(row, "reverse", ""))
        if any(c.role == "subj" for c in row.constraints):
            pred.mutual = True  # a compound-subject pattern ("X and Y agree"): each acts on the others
        if row.with_:
            pred.confidence += 0.15
            pred.confidence_steps.append("pattern row +0.15")
        if row.table != LEXICON_TABLE:
            penalty = 0.1 if row.with_ else 0.25  # a derived verb without a pattern is often wrong
            pred.confidence -= penalty
            pred.confidence_steps.append(f"derived row ({row.table}) -{penalty}")
        frame = FRAME_OF_ROOT.get(row.code[:2]) if row.code != "---" else None
        verdict = _verdict(tok)
        if verdict is not None:
            return self._verdict_pred(tok, verdict)
        purpose = _call_purpose(tok, found) if row.code == "041" else None
        if purpose is not None:
            # "called X to congratulate him": the call carries what it was made for, said to X
            prow = found[purpose.i][0]
            consumed.add(purpose.i)
            pred.code_steps.append(f"{tok.text!r} was made to {purpose.text!r}: its code {prow.code}")
            pred.code, pred.rule = prow.code, f"{row.rule} + purpose {prow.rule}"
            pred.extra.append(purpose)
        ordered = _ordered_coercion(tok, found) if row.code[:2] == "10" and _is_light(tok) else None
        if ordered is not None:
            # "ordered the captain jailed": the one who orders coerces (as "ordered the arrest of")
            orow = found[ordered.i][0]
            consumed.add(ordered.i)
            pred.code_steps.append(f"{tok.text!r} orders {ordered.text!r}: its code {orow.code}, done by the one who orders")
            pred.row, pred.code, pred.rule = orow, orow.code, f"{row.rule} + ordered {orow.rule}"
            pred.extra.append(ordered)
            self._modality(pred)
            self._dyad(pred)
            subject = next((c for c in _kids(ordered) if c.dep_ in _SUBJ + _PASS_SUBJ), None) or _direct_object(tok)
            if subject is not None:
                pred.targets = self._expand(subject, f"the one {tok.text!r} has {ordered.text!r}")
            return pred
        if row.code[:2] == "18" and _mishap_cause(tok):
            return None  # "killed in a bus crash": an accident is no one's act
        if row.code[:3] == "183" and _military_instrument(tok):
            # CAMEO 183 is non-military bombing; "blown up by a missile" is military force
            pred.code = "190"
            pred.code_steps.append(f"{tok.text!r} was done with a military weapon: 190 (was {row.code})")
        cause = _force_cause(tok, found) if row.code[:2] == "18" else None
        if cause is not None:
            # "were killed in a Russian air strike": the strike is the event, the killing its toll
            crow = found[cause.i][0]
            consumed.add(cause.i)
            pred.code_steps.append(f"{tok.text!r} happened in {cause.text!r}: its code {crow.code} (was {row.code})")
            pred.row, pred.code, pred.rule = crow, crow.code, f"{crow.rule} (the cause of {tok.text!r})"
            pred.extra.append(cause)
        if _characterises(tok):
            evaluation = self._characterisation(tok)
            if evaluation is not None:
                return evaluation
            if _lemma(tok) == "call" and any(c.dep_ in ("oprd", "xcomp", "ccomp") and not _has_to(c) for c in _kids(tok)):
                return None  # "called the decision an important step": a description, not a phone call
        ready = _readiness_content(tok, found) if frame == "intent" else None
        if ready is not None:
            # "signaled readiness for talks", "expressed willingness to negotiate": an intent to do it
            inner, verbal = ready
            irow, iextra = found[inner.i]
            consumed.add(inner.i)
            pred = self._framed(pred, frame, inner, irow, list(iextra), verbal=verbal)
            if verbal:
                inner_pred = _Pred(inner, inner, irow, irow.code, irow.rule)
                self._dyad(inner_pred)
                targets = inner_pred.targets
            else:
                targets = self._noun_target(inner, irow.code)
            # the readiness itself is no counterpart: "talks with X" or "signaled to X" names one
            pred.targets = targets or self._verb_level_target([tok], pred.code)
            return pred
        # a governing verb with a coded "to"-complement: one event for the pair
        inner = _complement(tok, frame) if frame is not None else None
        if inner is not None and inner.i in found and found[inner.i][0].pos == "V" and found[inner.i][0].code != "---":
            irow, iextra = found[inner.i]
            consumed.add(inner.i)
            return self._framed(pred, frame, inner, irow, list(iextra), verbal=True)
        # a governing or light verb with an event noun as its object
        noun = _object_noun(tok)
        if noun is not None and noun.i in found and found[noun.i][0].pos == "N" and found[noun.i][0].code != "---":
            nrow, nextra = found[noun.i]
            light = _is_light(tok)
            named = noun in extra  # the verb's own pattern names the noun: its code was chosen for it
            # "launched a mediation effort": the pattern matched only the partitive "effort",
            # the light verb's event is its compound
            partitive_only = light and bool(extra) and all(_lemma(t) in cue_words("partitive") for t in extra)
            # "ordered the release of X": a light verb that demands acts itself (as "ordered the arrest")
            orders = light and row.code[:2] == "10"
            if frame is not None and not named and not partitive_only and not orders and row.code[:2] != nrow.code[:2] and (not light or derive(frame, nrow.code)):
                consumed.add(noun.i)
                return self._framed(pred, frame, noun, nrow, list(nextra), verbal=False)
            same = nrow.code[:2] == row.code[:2]
            own_pattern = noun in extra
            noun_says_more = bool(nrow.with_) and nrow.code[:2] != row.code[:2]  # "launched a scathing attack"
            if (light and (not own_pattern or noun_says_more)) or same:
                # "launched an attack on X", "repeated Moscow's warnings of retaliation": the
                # noun is the event; its own pattern may say more than the verb's
                consumed.add(noun.i)
                if (light and (not own_pattern or noun_says_more)) or len(nrow.code) > len(row.code) or (nrow.with_ and nrow.code != row.code):
                    pred.code_steps.append(f"{'light verb' if light else 'verb'} {tok.text!r} takes the code of its object {noun.text!r} ({nrow.code})")
                    pred.row, pred.code, pred.rule = nrow, nrow.code, f"{nrow.rule} (object of {tok.text!r})"
                    pred.reverse = getattr(nrow, "reverse", "")
                pred.tok = noun
                pred.extra = list(extra) + list(nextra) + [noun]
                pred.gov = tok
                pred.confidence += 0.1
                governor = _intent_governor(tok)
                if governor is not None:  # "is scheduled to attend a summit"
                    pred.modality = "intended"
                    pred.modality_steps.append(f"under the intent verb {governor.text!r}")
                self._modality(pred)
                self._dyad(pred)
                owner = _noun_agent(noun, self._actor_like) if light else None
                if owner is not None and owner[1] == "possessor" and owner[0].text.casefold() not in _OWN_POSSESSIVES:
                    # "repeated Moscow's warnings": the warnings are Moscow's
                    pred.sources = self._expand(owner[0], f"possessor of {noun.text!r}")
                return pred
        thing = tok.head if tok.dep_ == "acl" and tok.tag_ == "VBN" and _is_light(tok) else None
        if thing is not None and thing.i in found and found[thing.i][0].pos == "N" and found[thing.i][0].code != "---":
            # "sanctions imposed on X by Y", "talks held with X": the light participle's noun is the event
            nrow, nextra = found[thing.i]
            consumed.add(thing.i)
            pred.code_steps.append(f"light verb {tok.text!r} takes the code of the noun it modifies, {thing.text!r} ({nrow.code})")
            pred.row, pred.code, pred.rule = nrow, nrow.code, f"{nrow.rule} (modified by {tok.text!r})"
            pred.reverse = getattr(nrow, "reverse", "")
            pred.extra = list(extra) + list(nextra) + [thing]
        governor = _intent_governor(tok)
        if governor is not None and _lemma(governor) in _WISH and _other_agent(tok, governor):
            # "Obama wants Putin to attack": a request to Putin, not Obama's intent
            pred.gov = governor
            code = derive("appeal", pred.code) or "020"
            pred.code_steps.append(f"{governor.text!r} wants someone else to do it: appeal {code} ({_cameo_frames_rule('appeal')})")
            pred.code, pred.head = code, governor
            pred.inner = tok
            pred.rule = f"{governor.lemma_} + to {row.rule}"
            self._modality(pred, framed=True)
            self._dyad(pred)
            agent = _other_agent(tok, governor)
            pred.targets = self._expand(agent, f"the one {governor.text!r} wants to act")
            return pred
        if governor is not None:
            pred.gov = governor
            pred.modality = "intended"
            pred.modality_steps.append(f"under the intent verb {governor.text!r}")
        self._modality(pred)
        self._dyad(pred)
        return pred

    def _framed(self, pred: _Pred, frame: str | None, inner, irow: LexRow, iextra: list, verbal: bool) -> _Pred:
        """A governing verb around an event: "urged X to withdraw", "called for talks",
        "agreed to release", "threatened to invade", "refused aid"."""
        gov = pred.tok
        derived = derive(frame, irow.code) if frame else None
        what = "to-complement" if verbal else "object"
        if derived:
            pred.code_steps.append(f"{frame} frame of {gov.text!r} around {inner.text!r} ({irow.code}) -> {derived} ({_cameo_frames_rule(frame)})")
            code = derived
        elif frame == "intent" and _threatening(irow.code) and derive("threaten", irow.code):
            code = derive("threaten", irow.code)  # "vowed to retaliate": a threat
            pred.code_steps.append(f"{gov.text!r} announces force ({inner.text!r}, {irow.code}) -> threat {code} ({_cameo_frames_rule('threaten')})")
        elif frame == "intent":
            code = irow.code
            pred.code_steps.append(f"{gov.text!r} governs {inner.text!r}: its code {code}, intended")
        elif _is_light(gov):
            code = irow.code  # "ordered the arrest of X", "ordered X jailed": the one who orders acts
            pred.code_steps.append(f"{gov.text!r} orders {inner.text!r}: its code {code}, done by the one who orders")
        else:
            code = pred.code
            pred.code_steps.append(f"{gov.text!r} governs {inner.text!r}: the governing code {code} stands")
        pred.rule = f"{pred.rule} + {what} {irow.rule}"
        pred.code = code
        pred.mutual = bool(getattr(irow, "reverse", ""))
        pred.gov, pred.inner = gov, inner
        pred.tok = inner if verbal else gov
        pred.extra = pred.extra + iextra + [inner]
        pred.confidence += 0.1
        pred.confidence_steps.append("frame +0.1")
        if frame == "intent":
            pred.modality = "intended"
            pred.modality_steps.append(f"{gov.text!r} states an intent")
        self._modality(pred, framed=True)
        self._dyad(pred)
        if frame in ("appeal", "demand") and not verbal and irow.code[:2] in _FORCE and pred.targets and not _addressee(gov, inner):
            # "called for sanctions against X": nobody is asked, X is the one to be punished;
            # for the pair (caller, X) that is a denunciation, not an appeal to X
            pred.code = "111"
            pred.code_steps.append(f"{gov.text!r} asks nobody named for {inner.text!r} ({irow.code}) against its target: criticism 111")
        if verbal and not pred.targets:
            inner_pred = _Pred(inner, inner, irow, irow.code, irow.rule)
            self._dyad(inner_pred)
            pred.targets = inner_pred.targets
        return pred

    def _modality(self, pred: _Pred, framed: bool = False) -> None:
        """Negation, intent, condition and hedges around the predicate (see the module doc)."""
        words = [t for t in (pred.head, pred.gov, pred.inner) if t is not None]
        negation = next((w for w in words if _negated(w)), None)
        if pred.row is not None and any(c.role == "aux" for c in pred.row.constraints):
            negation = None  # "&NEGATVAUXVRB *": the pattern's code already says "did not"
        negator = next((w.head for w in words if (w.dep_ == "xcomp" or (w.dep_ == "advcl" and _has_to(w)))
                        and _lemma(w.head) in cue_words("negator")
                        and w.head != pred.gov), None)  # fmt: skip
        if pred.nominal:
            negation = negation or next((c for c in _kids(pred.tok) if c.dep_ == "det" and c.text.casefold() == "no"), None)
            governor = pred.tok.head if pred.tok.dep_ in ("dobj", "nsubjpass") and pred.tok.head.pos_ in ("VERB", "AUX") else None
            if governor is not None:  # "would keep its sanctions ready", "threatened no retaliation"
                words.append(governor)
        will = would = hedge = None
        hedges = cue_words("hedge")
        for w in words:  # each word's children once (this runs for every predicate)
            kids = [(c.dep_, c.text.casefold(), c) for c in _kids(w)]
            auxes = {text for dep, text, _ in kids if dep in ("aux", "auxpass")}
            if will is None and (not auxes.isdisjoint(_WILL) or any(d == "aux" and c.lemma_.casefold() == "go" for d, _, c in kids)):
                will = w
            if would is None and not auxes.isdisjoint(_WOULD):
                would = w
            if hedge is None and not auxes.isdisjoint(hedges):
                hedge = w
        condition = next((w for w in words if _conditional(w)), None)
        code = pred.code
        inherited = _inherited_modality(pred.head) if pred.modality == "asserted" and pred.gov is None else None
        if inherited is not None:
            pred.modality = inherited[0]
            pred.modality_steps.append(f"{inherited[0]} from {inherited[1].text!r} above it")
            framed = True  # the code stays: the governor, not this event, is hedged or intended
        if pred.modality == "asserted" and will is not None:
            pred.modality = "intended"
            pred.modality_steps.append(f"future auxiliary on {will.text!r}")
        elif pred.modality == "asserted" and would is not None and _reported(would):
            pred.modality = "intended"
            pred.modality_steps.append(f"'would' in reported speech on {would.text!r}")
        if condition is not None:
            pred.modality = "conditional"
            pred.modality_steps.append(f"'if'/'unless' clause on {condition.text!r}")
            pred.confidence -= 0.1
        elif hedge is not None and pred.modality == "asserted":
            pred.modality = "conditional"
            pred.modality_steps.append(f"hedge on {hedge.text!r}")
            pred.confidence -= 0.1
        if negation is not None or negator is not None:
            cue = negation.text if negation is not None else negator.text
            flip = derive("refuse", code) if code[:2] in _COOPERATION else None
            if flip:
                pred.code_steps.append(f"negated ({cue!r}): {code} -> {flip} ({_cameo_frames_rule('refuse')})")
                pred.code = flip
                pred.mutual = True  # "the two sides failed to agree": each refuses the other
                if pred.modality == "intended":
                    pred.modality = "asserted"  # "will not compromise" is a refusal now
                    pred.modality_steps.append("a refusal is asserted, not intended")
            else:
                pred.modality = "denied"
                pred.modality_steps.append(f"negated by {cue!r}")
                pred.confidence -= 0.2
            return
        if pred.modality in ("intended", "conditional") and not framed:
            if pred.modality == "intended" and code[:2] in _COOPERATION:
                intent = derive("intent", code)
                if intent and intent != code:
                    pred.code_steps.append(f"intended cooperation: {code} -> {intent} ({_cameo_frames_rule('intent')})")
                    pred.code = intent
            elif _threatening(code) and hedge is None:
                threat = derive("threaten", code)
                if threat:
                    pred.code_steps.append(f"{pred.modality} force or sanctions: {code} -> threat {threat} ({_cameo_frames_rule('threaten')})")
                    pred.code = threat

    # -- arguments -------------------------------------------------------------------------
    def _dyad(self, pred: _Pred) -> None:
        """Sources and targets of a predicate (see the module doc)."""
        tok = pred.head
        code = pred.code
        if pred.row is not None and pred.inner is None and code[:2] == "03" and pred.row.code[:2] not in ("03", "--"):
            code = pred.row.code  # an intent to meet finds its counterpart as a meeting does
        sources: list[_Arg] = []
        targets: list[_Arg] = []
        passive = False
        subj_from = tok
        climbed = []
        passive_noun = None
        shared_passive = False
        # a complement or coordinated verb without its own subject takes its governor's
        for _ in range(4):
            subs = [c for c in _kids(subj_from) if c.dep_ in _SUBJ + _PASS_SUBJ]
            if subs:
                break
            if subj_from.dep_ == "acomp" and subj_from.head != subj_from and subj_from.head.pos_ in ("AUX", "VERB"):
                climbed.append(f"acomp of {subj_from.head.text!r}")
                subj_from = subj_from.head
                continue
            if subj_from.dep_ in ("xcomp", "conj", "advcl", "pcomp") and subj_from.head != subj_from:
                if subj_from.dep_ == "pcomp":  # "violated the truce by shelling": the governor of "by"
                    up = subj_from.head.head
                    if up.pos_ not in ("VERB", "AUX"):
                        break
                    if subj_from == tok and _lemma(subj_from.head) == "into" and _direct_object(up) is not None and _lemma(up) in cue_words("causative"):
                        # "provoked Norway into declaring war": the object does it
                        sources = self._expand(_direct_object(up), f"object of {up.text!r}, subject of {tok.text!r}")
                        break
                    climbed.append(f"{subj_from.dep_} of {up.text!r}")
                    subj_from = up
                    continue
                controlled = subj_from.dep_ == "xcomp" or (
                    subj_from.dep_ == "advcl" and _lemma(subj_from.head) in cue_words("causative") and _has_to(subj_from)
                )
                if controlled and subj_from == tok and _direct_object(subj_from.head) is not None:
                    # "forced Russia to withdraw", "helped Ukraine to defend itself": the object
                    # of the governing verb does it
                    obj = _direct_object(subj_from.head)
                    sources = self._expand(obj, f"object of {subj_from.head.text!r}, subject of {tok.text!r}")
                    break
                if subj_from == tok and tok.dep_ == "conj" and any(c.dep_ == "auxpass" for c in _kids(tok)):
                    shared_passive = not any(c.dep_ in _PASS_SUBJ for c in _kids(tok.head))
                climbed.append(f"{subj_from.dep_} of {subj_from.head.text!r}")
                subj_from = subj_from.head
                continue
            if subj_from.dep_ in ("relcl", "acl") and subj_from.head.pos_ in _NOUN_POS:
                if subj_from.dep_ == "acl" and subj_from.tag_ == "VBN":
                    # "officials accused of X", "soldiers killed in Y": the noun undergoes it
                    passive_noun = subj_from.head
                else:
                    sources = [_Arg(subj_from.head, f"the noun {subj_from.head.text!r} that the clause modifies")]
            break
        via = f" (through {', '.join(climbed)})" if climbed else ""
        # of two subjects (a dateline "OSLO -" parsed as one), the one nearest the verb
        subs = sorted((c for c in _kids(subj_from) if c.dep_ in _SUBJ), key=lambda c: abs(subj_from.i - c.i))
        if subs and subs[0].idx < self._dateline_end:
            after = _after_dateline(subs[0], subj_from, self._dateline_end)
            subs = [after] if after is not None else []
            climbed.append("the dateline is no subject")
        pas = sorted((c for c in _kids(subj_from) if c.dep_ in _PASS_SUBJ), key=lambda c: abs(subj_from.i - c.i))
        if pas and pas[0].idx < self._dateline_end:
            after = _after_dateline(pas[0], subj_from, self._dateline_end)
            pas = [after] if after is not None else []
        if sources:
            pass
        elif passive_noun is not None and subj_from == tok:
            passive = True
            targets = []
            if not self._actor_like(passive_noun):
                # "an agreement forced on X by Y", "sanctions imposed on X": the thing is the means
                targets = [_Arg(g, f"'{c.text}' phrase of the participle {tok.text!r}") for c in _kids(tok)
                           if c.dep_ == "prep" and _lemma(c) in ("on", "upon", "against")
                           for g in _kids(c) if g.dep_ == "pobj" and self._actor_like(g)][:1]  # fmt: skip
            targets = targets or self._expand(passive_noun, f"the noun {passive_noun.text!r} that the participle {tok.text!r} modifies")
            sources = self._agent_of(tok)
            if not sources and code[:2] in _ATTACK_ROOTS:
                # "there were ten Russian soldiers killed in Ukraine": as "was shot dead in X"
                sources = self._passive_place_source(pred, tok, "in", f"the country where {tok.text!r} happened", "place", passive_noun)
        elif subs and shared_passive:
            # "the prisoners held for months were released by X" parsed as "prisoners held ...
            # and were released": the conjoined passive's subject is the first verb's subject
            passive = True
            targets = self._expand(subs[0], f"subject of {subj_from.text!r}, shared by the passive {tok.text!r}")
            sources = self._agent_of(tok)
        elif subs:
            counted = _through_partitive(subs[0])
            if counted is not subs[0] and self._actor_like(counted):  # "hundreds of UN troops withdrew"
                via += f" ({subs[0].text!r} counts {counted.text!r})"
            else:
                counted = subs[0]
            sources = self._expand(counted, f"subject of {subj_from.text!r}{via}")
        elif pas and subj_from != tok and _lemma(subj_from) in cue_words("intent"):
            # "Russia is set to speak with", "X is expected to visit": the governor's subject
            sources = self._expand(pas[0], f"subject of {subj_from.text!r}{via}")
        elif pas and _through_partitive(pas[0]) == pred.tok and pred.tok != tok:
            # a light verb in the passive: its subject is the event ("drills were held by X")
            sources = self._agent_of(tok)
            targets = self._noun_target(pred.tok, code)
            passive = True
        elif pas:
            passive = True
            subject = pas[0]
            if not self._actor_like(subject):  # "Evidence against Russia was presented"
                inside = _prep_actor(subject, self._actor_like)
                targets = [_Arg(t, f"in the passive subject {subject.text!r} of {tok.text!r}") for t in inside]
            if not targets:
                targets = self._expand(subject, f"passive subject of {tok.text!r}")
            sources = self._agent_of(tok) or self._agent_of(subj_from)
            if not sources and code[:2] in _ATTACK_ROOTS:
                # "a rocket was fired at X from Gaza": force without a named doer comes from
                # the place it was launched from
                sources = self._passive_place_source(pred, tok, "from", f"the place {tok.text!r} came from", "origin")
            if not sources and code[:2] in _ATTACK_ROOTS:
                # "an Eriadorian was shot dead in Osgiliath" (PETRARCH unit test DEMO-05): a
                # killing without a named doer is done by the country where it happened
                sources = self._passive_place_source(pred, tok, "in", f"the country where {tok.text!r} happened", "place", subject)
            if not sources and code[:2] in _STATE_ACTS:
                # "was arrested in Rwanda": the state where it happened acts
                sources = self._passive_place_source(pred, tok, "in", f"the country where {tok.text!r} happened", "place")
        if not passive:
            pred.sources = sources  # "rejected the accusation": not one's own (see _event_antecedent)
            targets = self._targets(pred, tok, code)
        pred.sources, pred.targets = sources, targets

    def _passive_place_source(self, pred: _Pred, tok, preposition: str, why: str, what: str, victim=None) -> list[_Arg]:
        """The country a passive's `preposition` phrase names, as its source (at lower
        confidence); not the victim's own country ("Ukrainian soldiers killed in Ukraine" names
        no doer)."""
        for c in _kids(tok):
            if c.dep_ == "prep" and _lemma(c) == preposition:
                places = [g for g in _kids(c) if g.dep_ == "pobj" and self._has_country(g)]
                if places and victim is not None and (
                    places[0].ent_type_ not in ("GPE", "LOC") or self._country_of(places[0]) == self._country_of(victim)
                ):
                    return []  # "killed in Israeli shelling" is no place; nor the victims' own country
                if places:
                    pred.confidence -= 0.15
                    pred.confidence_steps.append(f"source is the {what} of a passive -0.15")
                    return [_Arg(places[0], f"passive without agent: {why}")]
        return []

    def _targets(self, pred: _Pred, tok, code) -> list[_Arg]:
        inner = pred.inner if pred.inner is not None else None
        words = [w for w in (tok, inner) if w is not None]
        if code in _DEED_CODES:
            deed = self._deed_target(words)
            if deed:
                return deed
        named = self._pattern_prep_target(pred)
        if named:
            return named
        # "urged Russia to withdraw", "asked Moscow to keep": the addressee of the appeal
        if inner is not None and pred.gov is not None and code[:2] in ("02", "10", "03"):
            obj = _direct_object(pred.gov)
            if obj is not None and obj != inner:
                return self._expand(obj, f"object of {pred.gov.text!r}")
        noun_obj = pred.tok if pred.tok != tok and pred.tok.pos_ in ("NOUN", "PROPN") else None
        for word in words:
            obj = (_direct_object(word) or _bracketed_object(word)) if noun_obj is None else None
            if obj is None and noun_obj is None and (code[:2] in ("11", "12") or code == "016"):
                obj = _shifted_utterance(word)
            if obj is None and noun_obj is not None:
                obj = noun_obj
                poss = [c for c in _kids(noun_obj) if c.dep_ == "poss" and c.text.casefold() not in _OWN_POSSESSIVES]
                if poss and not _is_light(word) and self._actor_like(poss[0]):
                    # "accepted Finland's offer", "rejected NATO's demand": whose thing it is
                    return self._expand(poss[0], f"possessor of {noun_obj.text!r}, the object of {word.text!r}")
                got = self._noun_target(noun_obj, code)
                if got:
                    return got
                continue
            if obj is not None and code[:2] == "04" and _lemma(word) in _TOPIC_VERBS:
                continue  # "discussed efforts to counter X": a topic, not a counterpart
            if obj is not None:
                obj = _through_partitive(obj)
                if code[:2] == "15" and self._bare_sector(obj):
                    # "amassed 100,000 troops near the border with Ukraine": the troops are
                    # the means; the target is further on
                    got = self._verb_level_target(words, code) or self._further(word, code)
                    if got:
                        return got
                    continue
                poss = [c for c in _kids(obj) if c.dep_ == "poss" and c.text.casefold() not in _OWN_POSSESSIVES]
                own = any(c.dep_ == "poss" and c.text.casefold() in _OWN_POSSESSIVES for c in _kids(obj))
                if own and not self._actor_like(obj):
                    # "withdrew its troops from Syria", "opened its borders to refugees"
                    beside = self._verb_level_target(words, code) or self._further(word, code)
                    if beside:
                        return beside
                    continue
                if poss and not self._actor_like(obj):
                    return self._expand(poss[0], f"possessor of the object {obj.text!r} of {word.text!r}")
                if obj.pos_ == "PRON" or (self._actor_like(obj) and not self._bare_sector(obj)):
                    return self._expand(obj, f"object of {word.text!r}")
                doer = self._doer_of_event_object(word, obj)
                if doer is not None:
                    # "condemned an attack by X in Y": X did what is condemned, Y is where
                    return self._expand(doer, f"doer ('by') of {obj.text!r}, the object of {word.text!r}")
                antecedent = self._event_antecedent(obj, pred.sources)
                if antecedent is not None:
                    return [antecedent]
                about = self._subject_of_noun_clause(obj)
                if about is not None:
                    # "expressed hope that X would ...", "voiced concern that X might ...": X
                    return self._expand(about, f"subject of the 'that' clause of {obj.text!r}, the object of {word.text!r}")
                if self._actor_like(obj):  # "sent experts to Saudi Arabia": the experts are the means
                    beside = self._verb_level_target(words, code, strong=True)
                    if beside:
                        return beside
                    return self._expand(obj, f"object of {word.text!r}")
                inside = _prep_actor(obj, self._actor_like)
                if inside:
                    return [_Arg(t, f"in the object phrase {obj.text!r} of {word.text!r}") for t in inside]
                beside = self._verb_level_target(words, code)
                if beside:
                    return beside
                deeper = self._further(word, code)
                if deeper:
                    return deeper
                return self._expand(obj, f"object of {word.text!r} (not an actor)")
        got = self._verb_level_target(words, code)
        if got:
            return got
        if code[:2] != _SPEECH_ROOT:
            # "accused Western governments advancing", "warned that Moscow would", "believes
            # that X can cope": the subject of the clause after the verb, as PETRARCH takes the
            # first actor after it (not for "X did Y, an official said": a speaker does not act
            # on the topic; nor for a bare statement, whose content is coded by itself)
            wide = code[:2] not in _CLAUSE_TARGET_ROOTS
            for c in _kids(tok):
                if wide and (c.dep_ != "ccomp" or c.i < tok.i):
                    continue
                if c.dep_ in ("ccomp", "xcomp", "oprd") and c.pos_ in ("VERB", "AUX", "NOUN"):
                    # a NOUN here is a verb the tagger got wrong ("demanded that X's government resign")
                    subs = [g for g in _kids(c) if g.dep_ in _SUBJ or (c.pos_ == "NOUN" and g.dep_ == "poss")]
                    if subs and subs[0].pos_ != "PRON":
                        return self._expand(subs[0], f"subject of the clause {c.text!r} under {tok.text!r}")
        topic = code[:2] == "04" and any(_lemma(w) in _TOPIC_VERBS for w in words)
        if code[:2] != _SPEECH_ROOT and not topic:  # "discussed efforts to counter X": X is the topic
            further = self._further(tok, code)
            if further:
                return further
        return self._verb_level_target(words, code, actors_only=False)

    def _pattern_prep_target(self, pred: _Pred) -> list[_Arg]:
        """"warned their people about X" (``prt=about``): an actor after a preposition that
        the row's own pattern names is the target the pattern was written for."""
        if pred.row is None or not pred.row.with_:
            return []
        named = {c.prep for c in pred.row.constraints if c.role == "tgt"}  # TABARI's "+"
        if "-" in named:
            return []  # the target is past the pattern's own phrases
        for t in pred.extra:
            if named and _lemma(t) not in named:
                continue
            if t.pos_ == "ADP" and t.dep_ == "prep" and pred.head in (t.head, t.head.head) and (named or _lemma(t) not in ("of", "in", "by")):
                objs = [g for g in _kids(t) if g.dep_ == "pobj" and not _temporal(g)]
                if objs and (self._actor_like(objs[0]) or self._has_country(objs[0]) if named else self._strong_actor(objs[0])):
                    return [_Arg(g, f"'{t.text}' phrase of {pred.head.text!r}, named by its pattern") for g in _coordinated(objs[0])]
        return []

    def _deed_target(self, words) -> list[_Arg]:
        """"claimed responsibility for the attack on X", "expressed sorrow for the shootings in
        Y": the one the deed was done to, else the country where it happened."""
        for word in words:
            for holder in [word, *(c for c in _kids(word) if c.dep_ in ("dobj", "obj"))]:
                for prep in (c for c in _kids(holder) if c.dep_ == "prep" and _lemma(c) == "for"):
                    for deed in (g for g in _kids(prep) if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")):
                        got = _prep_target(deed, exclude=("by", "for", "of"), accept=self._strong_actor)
                        if got and self._strong_actor(got[1][0]):
                            return [_Arg(t, f"'{got[0]}' phrase of the deed {deed.text!r}") for t in got[1]]
                        where = _deep_prep_target(deed, self._has_country, depth=6, in_ok=True)
                        if where:
                            return [_Arg(t, f"where the deed {deed.text!r} happened", weak=True) for t in where]
        return []

    def _verb_level_target(self, words, code, actors_only: bool = True, strong: bool = False) -> list[_Arg]:
        """An indirect object or a prepositional target of the predicate's words (``strong``:
        only an actor with a country, an organisation or a named entity)."""
        accept = self._strong_actor if strong else self._actor_like
        for word in words:
            dative = [c for c in _kids(word) if c.dep_ == "dative"]
            if dative:
                objs = [g for g in dative[0].children if g.dep_ == "pobj"] if dative[0].pos_ == "ADP" else [dative[0]]
                if objs and (not actors_only or accept(objs[0])):
                    return self._expand(objs[0], f"indirect object of {word.text!r}")
        for word in words:
            got = _prep_target(word, in_ok=code[:2] in _IN_ROOTS, accept=accept)
            if got and (not actors_only or accept(got[1][0])):
                prep, heads = got
                return [a for t in heads for a in self._expand(t, f"'{prep}' phrase of {word.text!r}")]
        return []

    def _doer_of_event_object(self, verb, obj):
        """The "by" actor of a thing done that a (not light) verb takes as its object ("an
        attack by X", "the proposal by X"): the one whose act is condemned, welcomed or
        rejected (PETRARCH codes the comment on an act as aimed at its doer); None."""
        by = next((c for c in _kids(obj) if c.dep_ == "prep" and _lemma(c) == "by"), None)
        if by is None or _is_light(verb) or self._actor_like(obj):
            return None
        objs = [g for g in _kids(by) if g.dep_ == "pobj"]
        return objs[0] if objs and self._actor_like(objs[0]) else None

    def _subject_of_noun_clause(self, noun):
        """The actor a noun's "that" clause is about ("hopes that X could be drawn in"); None."""
        for c in _kids(noun):
            if c.dep_ in ("acl", "ccomp") and c.pos_ in ("VERB", "AUX") and any(
                g.dep_ == "mark" and _lemma(g) == "that" for g in _kids(c)
            ):
                subs = [g for g in _kids(c) if g.dep_ in _SUBJ + _PASS_SUBJ]
                if subs and subs[0].pos_ != "PRON" and self._actor_like(subs[0]):
                    return subs[0]
        return None

    def _strong_actor(self, tok) -> bool:
        return self._actor_like(tok) and not self._bare_sector(tok)

    def _further(self, word, code) -> list[_Arg]:
        """"amassed troops near the border with Ukraine": a country further on (not for
        statements, meetings or praise, whose places are no targets)."""
        if code[:2] in ("01", "05") and code not in ("015", "016"):
            return []
        found = _deep_prep_target(word, self._has_country, in_ok=code[:2] in _IN_ROOTS or code[:2] in ("04", "09"))
        return [_Arg(t, f"country in a phrase under {word.text!r}", weak=True) for t in found]

    def _noun_target(self, noun, code) -> list[_Arg]:
        """The target of an event noun: "attack on X", "talks with X", "rejection of its
        demands" (the possessor of what is acted on)."""
        got = _prep_target(noun, exclude=("by",), in_ok=code[:2] in _IN_ROOTS, accept=self._actor_like)
        if got and not self._actor_like(got[1][0]) and not [c for c in got[1][0].children if c.dep_ == "poss"]:
            deeper = self._further(noun, code)  # "a summit on the unrest in Iran"
            if deeper:
                return deeper
        if got:
            prep, heads = got
            head = heads[0]
            poss = [c for c in _kids(head) if c.dep_ == "poss"]
            if poss and not self._actor_like(head):
                return self._expand(poss[0], f"possessor of {head.text!r} in the '{prep}' phrase of {noun.text!r}")
            antecedent = self._event_antecedent(head) if prep == "of" and not self._actor_like(head) else None
            if antecedent is not None:
                return [antecedent]  # "its rejection of the accusation": the accuser
            return [_Arg(t, f"'{prep}' phrase of {noun.text!r}") for t in heads]
        return []

    def _agent_of(self, verb) -> list[_Arg]:
        """The doer of a passive: the "by" phrase (through an instrument: "by a missile fired
        by rebels" -> rebels), else the actor of an event noun ("killed in Israeli shelling")."""
        for agent in [c for c in _kids(verb) if c.dep_ == "agent"]:
            objs = [g for g in _kids(agent) if g.dep_ == "pobj"]
            if not objs:
                continue
            doer = objs[0]
            if not self._actor_like(doer):
                for c in _kids(doer):
                    if c.dep_ == "acl" and c.tag_ == "VBN":
                        inner = self._agent_of(c)
                        for x in (x for x in _kids(c) if x.dep_ == "xcomp" and not inner):
                            inner = self._agent_of(x)  # "a missile believed to have been fired by X"
                        if inner:
                            return [_Arg(a.tok, f"{a.how}, through the instrument {doer.text!r}") for a in inner]
            return self._expand(doer, f"passive agent ('by') of {verb.text!r}")
        return self._event_noun_actor(verb)

    def _event_noun_actor(self, verb) -> list[_Arg]:
        for c in _kids(verb):
            if c.dep_ == "prep" and _lemma(c) in ("in", "by", "during", "from", "after"):
                for g in _kids(c):
                    if (g.dep_ == "pobj" and self.lexicon.rows("N", _lemma(g))) or (g.dep_ in ("pobj", "pcomp") and g.tag_ == "VBG") or (
                        g.dep_ == "pobj" and _split_compound_event(g, verb) is not None
                    ):
                        actor = _noun_agent(g, self._actor_like)
                        if actor is None and g.ent_type_ in ("NORP", "GPE") and _split_compound_event(g, verb) is not None:
                            actor = g, "modifier"  # "killed in Israeli shelling" with "Israeli" the object of "in"
                        if actor is not None:
                            return [_Arg(actor[0], f"{actor[1]} of the event noun {g.text!r} in the '{c.text}' phrase of {verb.text!r}")]
        return []

    def _expand(self, head, how: str) -> list[_Arg]:
        """A noun and the nouns coordinated with it; "US and British activists": one actor
        per coordinated country modifier; "Obama and Putin said they will": both."""
        pair = self._the_two_sides(head)
        if pair:
            return [_Arg(head, f"{how}; {head.text!r} stands for the two countries named most so far, {name!r}", name) for name in pair]
        if head.pos_ == "PRON" and head.text.casefold() in ("they", "we"):
            reporter = _reporting_subject(head)
            if reporter is not None and len(_coordinated(reporter)) > 1:
                return [_Arg(t, f"{how}; {head.text!r} is the reporting subject {t.text!r}") for t in _coordinated(reporter)]
        issuer = self._document_issuer(head)
        if issuer:
            return [_Arg(t, f"{how}; {head.text!r} speaks for {why}") for t, why in issuer]
        out = []
        conjuncts = self._listed(head)
        shared = self._shared_owner(conjuncts)
        if shared is not None:
            prep, places, sharing = shared
            conjuncts = [t for t in conjuncts if t not in places]
        first_mods = self._shared_modifiers(conjuncts)
        for tok in conjuncts:
            if shared is not None and tok in sharing:
                # "lawmakers and officials in X and Y", "sheep and goats of X": each noun
                # before the phrase, for each country in it
                own_start, own_end = _own_words(tok, self._dateline_end)
                for o in places:
                    o_start, o_end = _own_words(o, self._dateline_end)
                    out.append(_Arg(tok, f"{how}; its country {o.text!r} ('{prep.text}', shared)",
                                    f"{self.text[o_start:o_end]} {self.text[own_start:own_end]}"))  # fmt: skip
                continue
            if shared is not None and tok.i < prep.i and any(c.i > tok.i and c.i >= prep.i for c in _rights(tok)):
                # the phrase is parsed under this noun but belongs to the nouns after it
                out.append(_Arg(tok, how if tok == head else f"{how}; coordinated with {head.text!r}",
                                self.text[tok.left_edge.idx:tok.idx + len(tok.text)]))  # fmt: skip
                continue
            if first_mods and tok is not conjuncts[0] and self._bare_sector(tok) and not any(
                c.dep_ in ("compound", "amod", "nmod", "poss") for c in _lefts(tok)
            ):
                # "Danish media and government": the second noun has the first one's country
                out.append(_Arg(tok, f"{how}; coordinated with {head.text!r}, sharing {first_mods!r}", f"{first_mods} {tok.text}"))
                continue
            mods = [c for c in _kids(tok) if c.dep_ in ("compound", "amod", "nmod") and c.i < tok.i]
            countries = []
            for m in mods:
                conj = [g for g in _kids(m) if g.dep_ == "conj"]
                if conj:
                    countries = [m, *conj]
                    break
            if countries and tok.pos_ == "PROPN" and _coordinated(countries[0])[-1].i == tok.i - 1 and not self._has_country(
                _coordinated(countries[0])[-1], whole=False
            ):
                # "Fornost and the evil awful Gondor", parsed with the name as the head of
                # "Fornost and awful": the names before it, then the name itself
                names = [m for m in _coordinated(countries[0])[:-1] if self._has_country(m, whole=False)]
                if names:
                    for m in names:
                        m_start, m_end = _own_words(m, self._dateline_end)
                        out.append(_Arg(tok, f"{how}; coordinated name {m.text!r}", self.text[m_start:m_end]))
                    last = _coordinated(countries[0])[-1]
                    out.append(_Arg(tok, f"{how}; the name after {last.text!r}",
                                    self.text[last.left_edge.idx:tok.idx + len(tok.text)]))  # fmt: skip
                    continue
            if countries and tok.pos_ in ("NOUN", "PROPN") and all(self._has_country(m, whole=False) for m in countries):
                for m in countries:
                    out.append(_Arg(tok, f"{how}; coordinated modifier {m.text!r}", f"{m.text} {tok.text}"))
                continue
            # "the governments of X and Y", "lawmakers in X", "soldiers from X": a sector of
            # the country named after it (PETRARCH's agent with its country)
            owners = [(c, g) for c in _kids(tok) if c.dep_ == "prep" and _lemma(c) in ("of", "in", "from")
                      for g in _kids(c) if g.dep_ == "pobj"]  # fmt: skip
            if owners and _lemma(owners[0][0]) == "in" and not self._people_in(tok):
                owners = []  # "the embassy in Oslo", "troops in Syria": where they are, not whose
            if owners and (len(_coordinated(owners[0][1])) > 1 or _lemma(owners[0][0]) != "of") and self._bare_sector(tok) and all(
                self._names_country(o) for o in _coordinated(owners[0][1])
            ) and not any(c.dep_ == "poss" for c in _kids(tok)):
                start, end = _own_words(tok, self._dateline_end)
                own = self.text[start:end]
                for o in _coordinated(owners[0][1]):
                    o_start, o_end = _own_words(o, self._dateline_end)
                    out.append(_Arg(tok, f"{how}; its country {o.text!r} ('{owners[0][0].text}')", f"{self.text[o_start:o_end]} {own}"))
                continue
            out.append(_Arg(tok, how if tok == head else f"{how}; coordinated with {head.text!r}"))
        return out

    def _listed(self, head) -> list:
        """``_coordinated``, with a named country set off by commas inside a list ("Evil
        Mordor, the awful Fornost, and good Gondor", where the parser takes the second for an
        appositive of the first)."""
        out = _coordinated(head)
        if head.pos_ != "PROPN":
            return out
        later = [c.i for c in _kids(head) if c.dep_ == "conj"]
        for c in _kids(head):
            if c.dep_ == "appos" and c not in out and c.pos_ in _NOUN_POS and later and c.i < min(later) and self._has_country(c):
                out.insert(out.index(head) + 1, c)
        return out

    def _shared_owner(self, conjuncts):
        """For coordinated nouns, an "of"/"in"/"from" phrase after the last of them that says
        whose they are ("lawmakers and officials in X and Y", "sheep and goats of X"):
        (preposition, the countries it names, the nouns that take it), or None. A country
        the parser hangs on the first noun after that phrase ("lawmakers in X and Y") is one
        of its countries. Nouns with an owner of their own (a possessor, a country word, a
        name) keep it; "in" names an owner only for people and institutions."""
        if len(conjuncts) < 2:
            return None
        for tok in conjuncts:
            for prep in _kids(tok):
                if prep.dep_ != "prep" or _lemma(prep) not in ("of", "in", "from") or prep.i < conjuncts[-1].i and tok is conjuncts[-1]:
                    continue
                objs = [g for g in _kids(prep) if g.dep_ == "pobj"]
                if not objs:
                    continue
                places = _coordinated(objs[0]) + [t for t in conjuncts if t.i > prep.i and t.pos_ == "PROPN"]
                if not all(self._names_country(o) for o in places):
                    return None
                sharing = [t for t in conjuncts if t.i < prep.i and t.pos_ == "NOUN" and not self._has_country(t, whole=False)
                           and not any(c.dep_ in ("poss", "compound", "amod", "nmod") and self._has_country(c, whole=False)
                                       for c in _lefts(t))]  # fmt: skip
                if _lemma(prep) == "in":
                    sharing = [t for t in sharing if self._people_in(t)]
                if not sharing or (sharing == [tok] and len(places) == 1):
                    return None  # one noun, one country: the phrase resolves with the noun it is parsed under
                return prep, places, sharing
        return None

    def _shared_modifiers(self, conjuncts) -> str:
        """The words before the first of coordinated nouns when they name a country ("Danish"
        of "Danish media and government"), else ""."""
        if len(conjuncts) < 2 or conjuncts[0].pos_ != "NOUN":
            return ""
        first = conjuncts[0]
        words = self.text[_own_words(first, self._dateline_end)[0]:first.idx].strip()
        resolved = self.resolve(words, self.day) if words else None
        return words if resolved is not None and resolved.country else ""

    def _document_issuer(self, head) -> list:
        """"a report released by X", "a report released in the Rwandan capital": a text
        that names no author speaks for the one who released it, else for the country it was
        released in; [(token, why)] or []."""
        if _lemma(head) not in cue_words("document") or self._actor_like(head):
            return []
        for acl in (c for c in _kids(head) if c.dep_ == "acl" and c.tag_ == "VBN"):
            for prep in _kids(acl):
                if prep.dep_ == "agent":
                    doers = [g for g in _kids(prep) if g.dep_ == "pobj" and self._actor_like(g)]
                    if doers:
                        return [(t, f"its issuer {t.text!r}") for t in _coordinated(doers[0])]
            for prep in _kids(acl):
                if prep.dep_ == "prep" and _lemma(prep) == "in":
                    where = [g for g in _kids(prep) if g.dep_ == "pobj" and self._has_country(g)]
                    if where:
                        return [(where[0], f"the country it was {acl.text} in")]
        return []

    def _people_in(self, tok) -> bool:
        """"lawmakers in X", "activists in X": people of a civilian sector (plural), who are
        of the country they are in (not troops or police, who may be abroad)."""
        if tok.tag_ != "NNS":
            return False
        start, end = _own_words(tok, self._dateline_end)
        resolved = self.resolve(self.text[start:end], self.day)
        return resolved is not None and resolved.sector not in _ABROAD_SECTORS

    def _sentence_start(self, offset: int) -> int:
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        return self._sent_starts[i] if i >= 0 else 0

    def _role_anaphor(self, head):
        """The last person named before ``head`` whose role contains its noun ("the envoy" ->
        the UN special envoy named earlier), or None."""
        noun = _lemma(head)
        if noun in _SIDE_WORDS or len(noun) < 4:
            return None
        pattern = re.compile(rf"\b{re.escape(noun)}", re.I)
        for person in reversed(self.named):
            if person[0] >= head.idx:
                continue
            role = person[3]
            if not role:
                known = self.resolve(person[1], self.day)
                role = known.role if known is not None else None
            if role and pattern.search(role):
                return person
        return None

    def _the_two_sides(self, head) -> list[str]:
        """"the two sides", "both countries": the two countries named most often before."""
        if _lemma(head) not in _SIDE_WORDS:
            return []
        if not any((c.dep_ == "nummod" and _lemma(c) == "two") or (c.dep_ in ("det", "predet") and _lemma(c) == "both")
                   for c in _kids(head)):  # fmt: skip
            return []
        counts: dict[str, int] = {}
        last: dict[str, tuple[int, str]] = {}
        for offset, code, text in (n for n in self.country_names if n[0] < head.idx):
            counts[code] = counts.get(code, 0) + 1
            last[code] = (offset, text)
        if len(counts) < 2:
            return []
        top = sorted(counts, key=lambda c: (-counts[c], -last[c][0]))[:2]
        return [last[c][1] for c in sorted(top, key=lambda c: last[c][0])]

    def _actor_like(self, tok) -> bool:
        """A word that can be an actor: resolves to a code, is a named person, organisation,
        country or group, a known entity, or a personal pronoun. Kept per word: the coder asks
        again of the same word for each predicate and argument near it."""
        key = (tok.i, id(self.lexicon))
        known = self._actor_like_memo.get(key)
        if known is None:
            known = self._actor_like_memo[key] = self._looks_like_actor(tok)
        return known

    def _looks_like_actor(self, tok) -> bool:
        if _lemma(tok) in _SIDE_WORDS and self._the_two_sides(tok):
            return True
        if tok.pos_ == "NOUN" and self.lexicon.rows("N", _lemma(tok)):
            return False  # "military support", "troop deployments": an event, not an actor
        if tok.pos_ == "PRON":
            return _lemma(tok) not in ("it", "this", "that", "what", "which", "something", "nothing", "anything")
        if tok.ent_type_ in _ACTOR_ENTS:
            return True
        start, end = _np_bounds(tok, self._dateline_end)
        if (start, end) in self.mentions:
            return True
        own_start, own_end = _own_words(tok, self._dateline_end)
        resolved = self.resolve(self.text[own_start:own_end], self.day)
        if resolved is not None and resolved.country is None and resolved.matched and tok.text.casefold() not in resolved.matched.casefold():
            return False  # "his first official visit": a sector adjective on a thing, not an actor
        return resolved is not None or _country_anaphor(tok)

    def _bare_sector(self, tok) -> bool:
        start, end = _own_words(tok, self._dateline_end)
        resolved = self.resolve(self.text[start:end], self.day)
        return resolved is not None and resolved.country is None and bool(resolved.sector)

    def _names_country(self, tok) -> bool:
        """The noun is a country or a body of one in its own words ("Gondor", "the Georgian
        government"), not through a phrase of its own."""
        if self._has_country(tok, whole=False):
            return True
        start, end = _own_words(tok, self._dateline_end)
        resolved = self.resolve(self.text[start:end], self.day)
        return resolved is not None and resolved.country is not None

    def _country_of(self, tok) -> str | None:
        start, end = _np_bounds(tok, self._dateline_end)
        resolved = self.resolve(self.text[start:end], self.day)
        return resolved.country if resolved is not None else None

    def _has_country(self, tok, whole: bool = True) -> bool:
        start, end = _np_bounds(tok, self._dateline_end) if whole else (tok.idx, tok.idx + len(tok.text))
        resolved = self.resolve(self.text[start:end], self.day)
        return resolved is not None and resolved.country is not None

    # -- event nouns ---------------------------------------------------------------------
    def _noun_pred(self, tok, row: LexRow, extra) -> _Pred | None:
        """"Russia's demand", "the build-up by Russia", "Russian invasion of Ukraine": coded
        only when the source is written as a possessor, a "by" phrase or a country modifier,
        and (except threats, 13x, and force posture, 15x, which are one-sided) with a target."""
        if _noun_content_of_verb(tok):
            return None
        found = _noun_agent(tok, self._actor_like) or _responsible_for(tok)
        between = _between(tok) if found is None and getattr(row, "reverse", "") else []
        if found is None and len(between) < 2:
            return None
        pred = _Pred(tok, tok, row, row.code, row.rule, list(extra), nominal=True, reverse=getattr(row, "reverse", ""))
        pred.confidence -= 0.15
        pred.confidence_steps.append("event noun -0.15")
        if row.with_:
            pred.confidence += 0.15
        if found is None:  # "talks between X and Y": each with the other
            pred.sources = [_Arg(t, f"'between' phrase of {tok.text!r}") for t in between]
            self._modality(pred)
            return pred
        agent, how = found
        pred.sources = self._expand(agent, f"{how} of {tok.text!r}")
        pred.targets = self._noun_target(tok, row.code)
        if not pred.targets and row.code[:2] not in ("13", "15"):
            return None
        self._modality(pred)
        return pred

    def _allegations(self, preds: list[_Pred]) -> list[_Pred]:
        """What is alleged, claimed or denied is not coded as done: "X alleged that Y
        attacked Z" is X accusing Y (112, 1123 for force), "X denied that its troops
        attacked" X's denial; the content's own events are dropped."""
        allege = cue_words("allege")
        keep: list[_Pred] = []
        content: dict[int, list[_Pred]] = {}
        wishing = {p.head.i for p in preds if p.code[:2] in ("02", "10") and p.gov is None}
        for pred in preds:
            verb = _alleging_verb(pred.gov if pred.gov is not None else pred.head, allege, wishing)
            if verb is not None and verb != pred.head:
                if verb.i not in wishing:
                    content.setdefault(verb.i, []).append(pred)
            else:
                keep.append(pred)
        for pred in keep:
            inner = content.pop(pred.head.i, None) if pred.head.i in content and pred.gov is None else None
            if not inner or pred.code[:2] != _SPEECH_ROOT or pred.code in ("015", "016"):
                continue
            act = next((c for c in inner if c.code[:2] in _CONFLICT_ROOTS and c.sources and c.modality != "denied"), None)
            if act is None:
                continue
            doer = act.sources[0].tok
            if doer.pos_ == "PRON" and _reporting_subject(doer) is not None and _lemma(pred.head) in ("claim", "admit", "acknowledge"):
                # "The US claimed that they had attacked Iraq": responsibility claimed
                pred.code_steps.append(f"{pred.head.text!r} claims its own act {act.tok.text!r} ({act.code}): 015")
                pred.code = "015"
                pred.rule = f"{pred.rule} + claimed {act.rule}"
                pred.targets = act.targets
                continue
            code = derive("accuse", act.code) or "112"
            pred.code_steps.append(f"{pred.head.text!r} alleges {act.tok.text!r} ({act.code}) by {doer.text!r}: accusation {code}")
            pred.code = code
            pred.rule = f"{pred.rule} + alleged {act.rule}"
            pred.targets = act.sources
        return keep

    def _reported_force(self, preds: list[_Pred]) -> list[tuple[_Pred, _Pred]]:
        """PETRARCH-2's transformations of force reported by a speaker who leads the sentence:
        "X said (that) Y attacked Z" is also X accusing Y (112), "X said it had attacked Z"
        X claiming responsibility (015, for what was done). The reported event stays coded as
        well; a speaker after the report ("Y attacked Z, X said") only reports it."""
        out: list[tuple[_Pred, _Pred]] = []
        for pred in preds:
            if pred.code[:2] not in _ATTACK_ROOTS or not pred.sources or pred.modality == "denied":
                continue
            verb = _leading_speech_verb(pred.gov if pred.gov is not None else pred.head, self.lexicon)
            if verb is None:
                continue
            speaker = next((c for c in _kids(verb) if c.dep_ in _SUBJ and c.i < verb.i), None)
            if speaker is None:
                continue
            doer = pred.sources[0].tok
            own = doer.i == speaker.i or (doer.pos_ == "PRON" and _reporting_subject(doer) is not None
                                          and _reporting_subject(doer).i == speaker.i)  # fmt: skip
            sources = self._expand(speaker, f"subject of {verb.text!r}")
            if not own:  # "Norway said its navy had shelled": the same country's own act
                country = (self._actor(sources[0], None)[0].code or "")[:3]
                own = bool(country) and country == (self._actor(pred.sources[0], None)[0].code or "")[:3]
            if own and pred.modality != "asserted":
                continue  # "said they will attack": the reported threat is the event
            code = "015" if own else "112"
            said = _Pred(verb, verb, None, code, f"{pred.rule} reported by {verb.text!r}", [pred.tok], confidence=pred.confidence - 0.05)
            what = "claims its own" if own else "reports another's"
            said.code_steps.append(f"{verb.text!r} {what} use of force {pred.tok.text!r} ({pred.code}): {code} (PETRARCH-2 transformation)")
            said.sources = sources
            said.targets = pred.targets if own else pred.sources
            out.append((said, pred))
        return out

    # -- evaluations ---------------------------------------------------------------------
    def _characterisation(self, verb) -> _Pred | None:
        """"called the move reckless", "described Russia as a threat": criticism or praise
        of the object (or of its owner) when the description is evaluative."""
        obj = _direct_object(verb)
        description = [c for c in _kids(verb) if c.dep_ in ("oprd", "xcomp", "ccomp", "acomp", "attr")]
        if obj is None:  # "called the NATO deployment reckless" parsed as one phrase
            folded = [g for d in description if d.dep_ == "oprd" for g in _kids(d) if g.dep_ == "compound"]
            if not folded:
                return None
            obj = next((g for g in folded if self._actor_like(g)), folded[-1])
        for c in _kids(verb):
            if c.dep_ == "prep" and _lemma(c) == "as":
                description.extend(g for g in _kids(c) if g.dep_ in ("pobj", "pcomp", "amod"))
        for c in _kids(obj):
            if c.dep_ in ("amod", "acl", "oprd") and c.i > obj.i:
                description.append(c)
        polarity, word = _polarity(description)
        if polarity is None:
            return None
        code = "111" if polarity == "negative" else "051"
        pred = _Pred(verb, verb, None, code, f"{_CUES_RULE} characterise {_lemma(verb)!r} + {polarity} {word.text!r} -> {code}", [word])
        pred.confidence = 0.5
        pred.code_steps.append(f"{verb.text!r} describes its object as {word.text!r} ({polarity}): {code}")
        self._modality(pred)
        self._dyad(pred)
        target = self._owner(obj, pred.sources)
        if target:
            pred.targets = target
        return pred

    def _received(self, sent, found, consumed) -> list[_Pred]:
        """"X received assurances from Y", "X faces pressure from Y": Y's event (the noun's
        code) with Y as source and the receiver as target."""
        preds = []
        verb = self._verb_pos_id
        doc = sent.doc
        for i in range(sent.start, sent.end):
            if self._arrays[i][0] != verb:
                continue  # (no spaCy token built for the other words)
            tok = doc[i]
            if _lemma(tok) not in _RECEIVING or tok.i in consumed:
                continue
            noun = _object_noun(tok)
            if noun is None or noun.i not in found or noun.i in consumed:
                continue
            nrow, nextra = found[noun.i]
            if nrow.pos != "N" or nrow.code == "---":
                continue
            # "drew a threat of retaliation from Moscow": the "from" phrase may hang on the "of" noun
            held = [noun, tok] + [g for p in _kids(noun) if p.dep_ == "prep" and _lemma(p) == "of" for g in _kids(p) if g.dep_ == "pobj"]
            giver = next((g for h in held for p in _kids(h) if p.dep_ == "prep" and _lemma(p) == "from"
                          for g in _kids(p) if g.dep_ == "pobj" and self._actor_like(g)), None)  # fmt: skip
            if giver is None:
                continue
            consumed.update((noun.i, tok.i))
            pred = _Pred(noun, tok, nrow, nrow.code, f"{nrow.rule} (received: {tok.text!r} ... from)", [tok, *nextra], gov=tok)
            pred.code_steps.append(f"{tok.text!r} receives {noun.text!r} ({nrow.code}) from {giver.text!r}: the giver acts")
            self._modality(pred)
            self._dyad(pred)
            receivers = pred.sources
            pred.sources = self._expand(giver, f"'from' phrase of {tok.text!r}")
            receiver = _antecedent(receivers[0].tok) if len(receivers) == 1 else None
            if receiver is not None and not self._actor_like(receiver):
                # "the decision drew criticism from X", "deployed frigates, in a move that drew
                # criticism from X": the critic acts on the one whose deed it was
                antecedent = self._event_antecedent(receiver, pred.sources)
                receivers = [antecedent] if antecedent is not None else (self._doer_of_described_deed(receiver) or receivers)
            pred.targets = receivers
            preds.append(pred)
        return preds

    def _doer_of_described_deed(self, noun) -> list[_Arg]:
        """"NATO deployed frigates, in a move that ...", "... the alliance said, in a show of
        support": a noun in an "in"/"as" phrase of a verb describes that verb's deed (a speech
        verb's: its reported clause's); the deed's subject did it."""
        prep = noun.head
        if noun.dep_ != "pobj" or _lemma(prep) not in ("in", "as") or prep.head.pos_ not in ("VERB", "AUX"):
            return []
        if _noun_agent(noun, self._actor_like) is not None or _prep_actor(noun, self._actor_like):
            return []
        verb = prep.head
        reported = [c for c in _kids(verb) if c.dep_ == "ccomp" and any(g.dep_ in _SUBJ for g in _kids(c))]
        deed = reported[0] if reported else verb
        # of two subjects (a dateline "OSLO -" parsed as one), the one nearest the verb
        subjects = sorted((c for c in _kids(deed) if c.dep_ in _SUBJ and c.idx >= self._dateline_end), key=lambda c: abs(deed.i - c.i))
        subject = subjects[0] if subjects else None
        if subject is None or not self._actor_like(subject):
            return []
        return self._expand(subject, f"subject of {deed.text!r}, the deed {noun.text!r} describes")

    def _verdict_pred(self, verb, adjective) -> _Pred:
        """"found X guilty", "was found liable": CAMEO 116, a finding of guilt or liability,
        whatever the verb's own rows say ("found" is also "found a company")."""
        pred = _Pred(verb, verb, None, "116", f"{_CUES_RULE} verdict {_lemma(verb)!r} + blame {adjective.text!r} -> 116", [adjective])
        pred.code_steps.append(f"{verb.text!r} declares its object {adjective.text!r}: a verdict (116)")
        self._modality(pred)
        self._dyad(pred)
        judged = next((c for c in _kids(adjective) if c.dep_ in _SUBJ), None) or _direct_object(verb)
        if judged is not None:
            pred.targets = self._expand(judged, f"the one found {adjective.text!r}")
        return pred

    def _owner(self, thing, sources: Sequence[_Arg] = ()) -> list[_Arg]:
        """The actor a thing belongs to: itself when it is one, else its possessor or
        country modifier, else the agent of an event noun, else the doer of the event "the
        move" refers to."""
        if self._actor_like(thing):
            return self._expand(thing, "the object itself")
        found = _noun_agent(thing, self._actor_like)
        if found is not None:
            return self._expand(found[0], f"{found[1]} of {thing.text!r}")
        antecedent = self._event_antecedent(thing, sources)
        if antecedent is not None:
            return [antecedent]
        return [_Arg(thing, "the object (not an actor)")]

    def _event_antecedent(self, noun, sources: Sequence[_Arg] = ()) -> _Arg | None:
        """"Finland condemned the move", "Morocco rejected the accusation": a definite noun
        that names an event (event_anaphors.tsv), with no actor of its own, stands for an
        earlier coded event of the article: the last one named by the same deed ("accused"
        for "the accusation", anywhere before it), else the last one of the noun's kinds in
        its paragraph or the three before. Never a deed of the acting side itself (one does
        not reject one's own accusation). Its doer is the one acted on."""
        anaphor = event_anaphor(_lemma(noun))
        if anaphor is None or not self.doers:
            return None
        if not any(c.dep_ == "det" and _lemma(c) in _DEFINITE for c in _kids(noun)):
            return None
        if _noun_agent(noun, self._actor_like) is not None or _prep_actor(noun, self._actor_like):
            return None
        own = [self._actor(a, self.day)[0] for a in sources]
        codes = tuple(r.code for r in self.lexicon.rows("N", anaphor.noun) if r.code != "---")
        here = self._paragraph(noun.idx)
        same_deed = near = None
        for deed in reversed(self.doers):
            if deed.offset >= noun.idx or not anaphor.fits(deed.root) or any(_one_side(deed.source, a) for a in own):
                continue
            if near is None and self._paragraph(deed.offset) >= here - _ANAPHOR_PARAGRAPHS:
                near = deed
            if not deed.lemmas.isdisjoint(anaphor.deeds) or deed.code.startswith(codes):
                same_deed = deed
                break
        deed = same_deed or near
        if deed is None:
            return None
        phrase = noun.doc[noun.left_edge.i : noun.i + 1].text
        start, end = deed.evidence
        how = "the same deed" if deed is same_deed else "the last event of its kind"
        doer = deed.source
        return _Arg(noun, f"{phrase!r} refers to {doer.text}'s {self.text[start:end]!r} at {start}-{end} ({deed.code}, {how})", actor=doer)

    def _paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self._paragraph_starts, offset) - 1

    def _evaluations(self, sent, found, consumed) -> list[_Pred]:
        """Speech that judges an actor: a reported clause ("said the sanctions were
        illegal") or a quoted evaluative word on an actor's doing (NATO's "shameful"
        response)."""
        preds: list[_Pred] = []
        negative, positive, blame = cue_words("negative"), cue_words("positive"), cue_words("blame")
        for tok in sent:
            lemma = _lemma(tok)
            if lemma not in negative and lemma not in positive and lemma not in blame:
                continue
            polarity = "blame" if lemma in blame else "negative" if lemma in negative else "positive"
            code = {"blame": "112", "negative": "111", "positive": "051"}[polarity]
            if polarity == "blame" and not (tok.dep_ in ("acomp", "attr") and tok.head.lemma_ == "be"):
                continue
            # a reported clause: "X said [the move was illegal]"
            if tok.dep_ in ("acomp", "attr") and tok.head.lemma_ == "be":
                clause = tok.head
                if clause.dep_ == "ccomp" and clause.head.i in found and found[clause.head.i][0].code[:2] == _SPEECH_ROOT:
                    speech = clause.head
                    subj = [c for c in _kids(clause) if c.dep_ in _SUBJ]
                    if not subj or _negated(clause):
                        continue
                    pred = _Pred(speech, speech, None, code, f"{_CUES_RULE} reported {polarity} {tok.text!r} -> {code}", [tok])
                    pred.confidence = 0.45
                    pred.code_steps.append(f"the reported clause of {speech.text!r} calls {subj[0].text!r} {tok.text!r} ({polarity})")
                    self._dyad(pred)
                    owner = [c for c in _kids(tok) if c.dep_ == "poss"]  # "the breakdown was Norway's fault"
                    pred.targets = self._expand(owner[0], f"possessor of {tok.text!r}") if owner else self._owner(subj[0])
                    preds.append(pred)
                continue
            # a quoted evaluative word on an actor's doing: NATO's "shameful" response
            if tok.dep_ in ("amod", "conj") and self._in_quote_marks(tok):
                noun = tok.head
                while noun.dep_ in ("amod", "conj") and noun.head != noun:
                    noun = noun.head
                if noun.pos_ not in ("NOUN", "PROPN"):
                    continue
                owner = _noun_agent(noun, self._actor_like)
                if owner is None:
                    continue
                clause = noun
                while clause.pos_ not in ("VERB", "AUX") and clause.head != clause:
                    clause = clause.head
                pred = _Pred(clause, clause, None, code, f"{_CUES_RULE} quoted {polarity} {tok.text!r} -> {code}", [tok])
                pred.confidence = 0.45
                pred.code_steps.append(f"quoted {polarity} word {tok.text!r} on {owner[0].text!r}'s {noun.text!r}")
                self._dyad(pred)
                if not pred.sources:
                    continue
                pred.targets = self._expand(owner[0], f"{owner[1]} of {noun.text!r}")
                preds.append(pred)
        return preds

    def _in_quote_marks(self, tok) -> bool:
        doc = tok.doc
        left = doc[tok.i - 1] if tok.i > 0 else None
        right = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        return bool(left is not None and left.text in _QUOTE_MARKS and right is not None and right.text in _QUOTE_MARKS)

    def _quote_speaker(self, offset: int):
        for start, end, speaker in self.quote_spans:
            if start <= offset < end and speaker is not None and speaker.name:
                return speaker
        return None

    # -- actors and records ----------------------------------------------------------------
    def _emit(self, pred: _Pred, sent) -> list[tuple[Event, EventExplanation | None]]:
        info = code_info(pred.code)
        tokens = [t for t in (pred.gov, pred.head, pred.tok) if t is not None] + list(pred.extra)
        evidence = _span(self.text, min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))
        out = []
        if not pred.sources:
            return out
        date, date_basis = self._date(pred, sent)
        target_actors = [(member, a) for a in pred.targets for member in self._each(_as_place(self._actor(a, date), a))]
        if pred.code[:2] in _FORCE and any(_unplaced_people(m[0]) for m, _ in target_actors):
            target_actors = self._victims_placed(pred, target_actors)
        target_actors = target_actors or [(None, None)]
        pairs = []
        for s, source in ((arg, member) for arg in pred.sources for member in self._each(self._actor(arg, date))):
            mine = []
            for target, t in target_actors:
                if target is not None and (source[0].start == target[0].start or _same_actor(source[0], target[0])
                                           or _same_country(source[0], target[0])):
                    continue  # an actor acting on itself: not the target ("will not compromise on its demands")
                mine.append((source, s, target, t))
            pairs.extend(mine or [(source, s, None, None)])
        cooperative = pred.code[:2] in ("03", "04", "05", "06")
        if len(pred.sources) > 1 and (pred.reverse or pred.mutual or cooperative) and not any(
            self._actor_like(a.tok) and not a.weak and a.tok.text.casefold() not in _RELATIVE for a in pred.targets
        ):
            # "X and Y met", "X and Y deepened their partnership": each with the other
            pairs = []
            pred.pairwise = True
            for s in pred.sources:
                for t in pred.sources:
                    if s is not t:
                        for source in self._each(self._actor(s, date)):
                            pairs.extend((source, s, target, t) for target in self._each(self._actor(t, date)))
        for (source, strace), sarg, target_pair, targ in pairs:
            target, ttrace = target_pair if target_pair is not None else (None, None)
            known = lambda a: a is not None and (a.code or a.entity_id)  # noqa: E731
            if self.require_actor and not known(source):
                continue  # no dyad: nothing resolved, or "they" acting on a known target
            placed = lambda a: a is not None and (a.entity_id or (a.code and a.source != "agent"))  # noqa: E731
            if self.require_actor and not (placed(source) or placed(target)):
                continue  # "A protestor demolished the building": no country, organisation or person
            conf = pred.confidence
            steps = list(pred.confidence_steps)
            if source.code:
                conf += 0.1
                steps.append("source resolved +0.1")
            else:
                conf -= 0.1
                steps.append("source unresolved -0.1")
            if target is not None and target.code:
                conf += 0.05
                steps.append("target resolved +0.05")
            conf = round(min(0.95, max(0.05, conf)), 3)
            base_code, combat = info.code, []
            if base_code in _KILLING_CODES and _combatant(target):
                # CAMEO: killing soldiers or fighters is fighting (19), not an assault on people (18)
                base_code, combat = "190", [f"the killed are combatants ({target.code}): 190 (was {info.code})"]
            for code, src, tgt, st, tt, rule in self._directions(pred, base_code, source, target, strace, ttrace):
                cinfo = code_info(code)
                event = Event(
                    source=src, target=tgt, code=cinfo.code, root=cinfo.root, goldstein=cinfo.goldstein,
                    quad_class=cinfo.quad_class,
                    plover=Plover(cinfo.plover_type, cinfo.plover_mode) if cinfo.plover_type else None,
                    date=date.isoformat() if date else None, sentence=(sent.start_char, sent.end_char),
                    evidence=evidence, modality=pred.modality, confidence=conf, rule=rule,
                )  # fmt: skip
                explanation = None
                if self.explain:
                    explanation = EventExplanation(
                        sentence=self.text[sent.start_char:sent.end_char], sentence_span=(sent.start_char, sent.end_char),
                        evidence=evidence.text, predicate=pred.tok.text, rule=rule, code=cinfo.code,
                        code_steps=list(pred.code_steps) + combat + ([] if rule == pred.rule else [f"reciprocal event (target -> source): {code}"]),
                        modality=pred.modality, modality_steps=list(pred.modality_steps) or ["nothing in the clause negates, conditions or defers it"],
                        date=event.date, date_basis=date_basis, confidence=conf, confidence_steps=steps,
                        source=_trace("source", src, st, event.date),
                        target=_trace("target", tgt, tt, event.date) if tgt is not None else None,
                    )  # fmt: skip
                out.append((event, explanation))
                if src.code:
                    lemmas = frozenset(_lemma(t) for t in (pred.tok, pred.head, pred.gov) if t is not None)
                    self.doers.append(_Deed(sarg.tok.idx, src, cinfo.root, cinfo.code, lemmas, (evidence.start, evidence.end)))
        return out

    def _victims_placed(self, pred: _Pred, target_actors):
        """Unnamed people hit by force ("four children and a man were killed in shelling in X")
        are people of the country where it happened (a place of the event's words, else the
        dateline's country); one target for them all, as they are one group of victims."""
        country = self._event_country(pred)
        if country is None and not any(e.label_ in ("GPE", "LOC") and e.start_char >= self._dateline_end for e in pred.head.sent.ents):
            country = self.home  # the dateline's country, when the sentence names no place (the dateline aside)
        if not country:
            return target_actors
        out, seen = [], set()
        for (actor, trace), arg in target_actors:
            if _unplaced_people(actor):
                sector = "CVL" if actor.code in _PEOPLE_SECTORS else actor.code
                if sector in seen:
                    continue
                seen.add(sector)
                code = country + sector
                trace = replace(trace, code=code, resolution=[*trace.resolution, f"unnamed people where the force was used: {country} -> {code}"])
                actor = replace(actor, code=code, source="context-country")
            out.append(((actor, trace), arg))
        return out

    def _event_country(self, pred: _Pred) -> str | None:
        """The country of the first place named in an "in"/"near"/"at"/"on" phrase of the
        event's words, or an "of" phrase of its noun, also one level down ("in the east of X",
        "on a village in X")."""
        for word in [t for t in (pred.head, pred.tok) if t is not None] + list(pred.extra):
            preps = _WHERE_PREPS | {"on"} | ({"of"} if word.pos_ in ("NOUN", "PROPN") or word.tag_ == "VBG" else set())  # "shelling of X"
            frontier = [c for c in _kids(word) if c.dep_ == "prep" and _lemma(c) in preps]
            for _ in range(3):
                nxt = []
                for prep in frontier:
                    for obj in (g for g in _kids(prep) if g.dep_ == "pobj"):
                        if obj.ent_type_ in ("GPE", "LOC"):
                            country = self._country_of(obj)
                            if country:
                                return country[:3]
                        nxt.extend(c for c in _kids(obj) if c.dep_ == "prep" and _lemma(c) in _WHERE_PREPS | {"of"})
                frontier = nxt
        return None

    def _each(self, resolved: tuple[Actor, ActorTrace]) -> list[tuple[Actor, ActorTrace]]:
        """One actor per member of a mention that names several as one (a compound code
        ``[FRO/BIL/SAM]``, "lawmakers in Fornost and Gondor"): PETRARCH codes an event for each."""
        actor, trace = resolved
        members = self._members.get((actor.start, actor.end, actor.code))
        if not members:
            return [resolved]
        return [(replace(actor, code=m), replace(trace, code=m, resolution=[*trace.resolution, f"member {m} of {'/'.join(members)}"]))
                for m in members]  # fmt: skip

    def _directions(self, pred, code, source, target, strace, ttrace):
        yield code, source, target, strace, ttrace, pred.rule
        own = pred.row is not None and code == pred.row.code
        if pred.reverse and target is not None and pred.modality in ("asserted", "intended") and own and not pred.pairwise:
            if pred.reverse != "---":
                yield pred.reverse, target, source, ttrace, strace, f"{pred.rule} reciprocal -> {pred.reverse}"

    def _date(self, pred: _Pred, sent) -> tuple[dt.date | None, str]:
        if self._all_dates is None:
            self._all_dates = find_dates(self.text)  # once per document
        mentions = [m for m in self._all_dates if sent.start_char <= m.start and m.end <= sent.end_char]
        article = f"article date {self.day.isoformat()}" if self.day else "no article date"
        if not mentions:
            return self.day, article
        head = pred.gov if pred.gov is not None else pred.head
        left, right = head.left_edge, head.right_edge
        lo, hi = left.idx, right.idx + len(right.text)
        inside = [m for m in mentions if lo <= m.start and m.end <= hi]
        pool = inside or mentions
        best = min(pool, key=lambda m: abs(m.start - head.idx))
        resolved = resolve_date(best, self.day, future=pred.modality == "intended")
        if resolved is None:
            return self.day, f"{best.text!r} cannot be resolved without a year; {article}"
        where = "in the predicate's phrase" if inside else "in the sentence"
        return resolved, f"{best.text!r} {where}, resolved against the {article}"

    def _actor(self, arg: _Arg, date) -> tuple[Actor, ActorTrace]:
        if arg.actor is not None:
            a = arg.actor
            return a, ActorTrace("", a.text, a.start, a.end, [arg.how], [f"the earlier event's source: {a.code}"], a.code, a.source)
        how = [arg.how]
        head = arg.tok
        ante = _antecedent(head)
        if ante != head:
            how.append(f"{head.text!r} stands for {ante.text!r}")
            head = ante
        start, end = _np_bounds(head, self._dateline_end)
        span = self.text[start:end]
        entity = (self.mentions.get((start, end)) or self.mentions.get((head.idx, head.idx + len(head.text)))
                  or self._mention_ending(start, head.idx + len(head.text)))  # fmt: skip
        speaker = self.speaker_at.get((start, end)) or self.speaker_at.get((head.idx, head.idx + len(head.text)))
        name, entity_id, query, role = None, None, arg.query or span, None
        if entity is not None and arg.query is None:
            entity_id, query, role = entity.id, entity.name, entity.role
            how.append(f"entity {entity.name!r}" + (f" ({entity.role})" if entity.role else ""))
        elif speaker is not None and arg.query is None:
            query, entity_id, role = speaker.name, speaker.entity_id, speaker.role
            how.append(f"quote speaker {speaker.name!r}")
        elif head.pos_ == "PRON":
            found = False
            lower = head.text.casefold()
            if lower in _FIRST_PERSON:
                sp = self._quote_speaker(head.idx)
                if sp is not None:
                    query, entity_id, role = sp.name, sp.entity_id, sp.role
                    how.append(f"{head.text!r} inside a quote by {sp.name!r}")
                    found = True
            for c_start, c_end, sp in ([] if found else self.speakers):
                verb = head.head
                if c_start <= verb.idx < c_end:
                    query, entity_id, role = sp.name, sp.entity_id, sp.role
                    how.append(f"{head.text!r} is the speaker {sp.name!r} of the cue {verb.text!r}")
                    found = True
                    break
            if not found:
                reporter = _reporting_subject(head)
                if reporter is not None:
                    return self._actor(_Arg(reporter, f"{arg.how}; {head.text!r} is the reporting subject {reporter.text!r}"), date)
                owner = _clause_subject(head) if lower in ("its", "their") else None
                if owner is not None:
                    return self._actor(_Arg(owner, f"{arg.how}; {head.text!r} is the clause's subject {owner.text!r}"), date)
                if lower in ("its", "it"):
                    country = self._context_country(head.idx, self._sentence_start(head.idx), True)
                    if country:
                        actor = Actor(country, country, span, start, end, None, "context-country")
                        how.append(f"{head.text!r}: the country of the context, {country}")
                        return actor, ActorTrace("", span, start, end, how, [f"context country {country}"], country, "context-country")
                if lower in ("he", "she", "him", "her", "his"):
                    # a person named earlier in the sentence, else the last person quoted
                    # before it, else the last person named
                    sent_start = self._sentence_start(head.idx)
                    before = _mentions_before(self.people, sent_start)
                    here = _mentions_before(self.people, head.idx)[len(before):]
                    if here:
                        _, query, entity_id, role = here[-1]
                        how.append(f"{head.text!r}: the last person named earlier in the sentence, {query!r}")
                    elif before:
                        # the first person (usually the subject or the speaker) of the last
                        # sentence that names anyone
                        last_start = self._sentence_start(before[-1][0])
                        person = next(p for p in before if p[0] >= last_start)
                        _, query, entity_id, role = person
                        how.append(f"{head.text!r}: the first person of the last sentence naming one, {query!r}")
        unnamed = speaker is not None and (speaker.name or "").casefold() == span.casefold()
        if arg.query is None and entity is None and (speaker is None or unnamed) and head.pos_ == "NOUN" and any(
            c.dep_ == "det" and c.text.casefold() == "the" for c in _kids(head)
        ):
            person = self._role_anaphor(head)
            if person is not None:  # "the envoy", "the veteran diplomat": the person of that role named before
                _, query, entity_id, role = person
                how.append(f"{span!r}: the last person named before it in that role, {query!r}")
        named = head.pos_ == "PROPN" or any(c.dep_ in ("compound", "poss") and c.pos_ == "PROPN" for c in _kids(head))
        if _lemma(head) in _ORGANISATION_ANAPHORS and arg.query is None and entity is None and not named:
            # "the union", "the bloc"; not "the Northern Fishers' Union", a name of its own
            earlier = _mentions_before(self.igos, head.idx)
            if earlier:
                code = earlier[-1][1]
                how.append(f"{head.text!r}: the organisation named last before it, {code}")
                actor = Actor(code, code, span, start, end, None, "context-igo")
                return actor, ActorTrace("", span, start, end, how, [f"context organisation {code}"], code, "context-igo")
        resolved = self.resolve(query, date, role) if query else None
        if resolved is None and entity is None and arg.query is None and _country_anaphor(head):
            # "Qatar ... the wealthy Gulf state": the country the sentence is about
            country = self._context_country(start, self._sentence_start(head.idx), True)
            if country:
                how.append(f"{span!r}: a country described, the sentence's first country before it, {country}")
                actor = Actor(country, None, span, start, end, None, "context-country")
                return actor, ActorTrace("", span, start, end, how, [f"context country {country}"], country, "context-country")
        if query != span and head.pos_ != "PRON" and arg.query is None:  # the words of the text may say more
            own = self.resolve(span, date)
            if own is not None and own.country and (resolved is None or not resolved.country):
                resolved = own
                how.append(f"the words {span!r} say more than the entity")
        steps = list(resolved.steps) if resolved is not None else [f"no table knows {query!r}"]
        if resolved is not None and not resolved.country and resolved.sector:
            local = any(w in span.casefold().split() for w in ("its",)) or "the country" in span.casefold()
            # "the government", "the coast guard", "the Northern Fleet": a definite body of the story
            definite = resolved.source == "agent" and (span.startswith(("the ", "The ")) or head.pos_ == "PROPN") and (
                resolved.sector in _NATIONAL_SECTORS)
            if local or entity_id is not None or definite:
                igo_role = bool(_IGO_ROLE_RE.search(f"{role or ''} {span}"))
                country = None
                if definite and not local and entity_id is None and self.home:
                    # "the government" of a story datelined OSLO: Norway's, unless the sentence names another country first
                    sent_start = self._sentence_start(head.idx)
                    same = [c for o, c in _mentions_before(self.countries, start) if sent_start <= o]
                    country = same[-1] if same else self.home
                if country is None:
                    country = self._context_country(start, self._sentence_start(head.idx), local, entity_id, igo_role)
                if country:
                    code = country if country.startswith("IGO") and resolved.sector == "GOV" else country + resolved.sector
                    steps.append(f"no country in the mention: the context's country {country} -> {code}")
                    actor = Actor(code, resolved.name, span, start, end, entity_id, "context-country")
                    return actor, ActorTrace("", span, start, end, how, steps, code, "context-country")
        if resolved is not None:
            name = resolved.name
            actor = Actor(resolved.code, name, span, start, end, entity_id, resolved.source)
            if len(resolved.members) > 1:
                self._members[(start, end, resolved.code)] = resolved.members
            return actor, ActorTrace("", span, start, end, how, steps, resolved.code, resolved.source)
        actor = Actor(None, name, span, start, end, entity_id, "unresolved")
        return actor, ActorTrace("", span, start, end, how, steps, None, "unresolved")


_CUES_RULE = "event_cues.tsv:"
# sectors a "the X" mention names as one national body ("the government", "the coast guard")
_NATIONAL_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP"})
# roles that international organisations have, not governments: their context is the organisation
_IGO_ROLE_RE = re.compile(r"secretary[- ]general|high representative|commissioner|director[- ]general|envoy of the", re.I)


@lru_cache(maxsize=65536)
def _resolve_default(query: str, date, role):
    """Actor resolution with the package tables, cached across articles (mentions repeat)."""
    return resolve_actor(query, date, role=role)


def _mentions_before(mentions: list[tuple], offset: int) -> list[tuple]:
    """The (offset, ...) mentions before ``offset``, of a list in text order (countries,
    organisations, people): a binary search finds the cut (long articles name them hundreds
    of times, and each pronoun or role looks back)."""
    return mentions[: bisect.bisect_left(mentions, offset, key=_offset_of)]


def _offset_of(mention: tuple) -> int:
    return mention[0]


def _same_actor(a: Actor, b: Actor) -> bool:
    """Both mentions stand for one actor: the same code, not a bare sector, and not two
    different named people ("Peres blamed Netanyahu" is ISRGOV -> ISRGOV and an event)."""
    if not a.code or a.code != b.code or "agent" in (a.source, b.source):
        return False
    if a.source in _PEOPLE_SOURCES and b.source in _PEOPLE_SOURCES:
        return a.name == b.name
    return True


def _one_side(a: Actor, b: Actor) -> bool:
    """One actor, or two parts of one country (NORGOV and NORMIL): a side that rejects "the
    accusation" does not reject its own."""
    if not a.code or not b.code:
        return False
    return a.code == b.code or (a.code[:3] == b.code[:3] and not a.code.startswith("IGO"))


def _same_country(a: Actor, b: Actor) -> bool:
    """"France accused Paris": a country and its capital, seat or demonym are one actor."""
    return bool(a.code) and bool(b.code) and a.code[:3] == b.code[:3] and _country_level(a) and _country_level(b)


def _country_level(a: Actor) -> bool:
    """A mention of a country as a whole (or of its government by its capital or seat), not
    of one of its sectors ("its troops" is NORMIL, no country-level mention)."""
    return a.source in _COUNTRY_SOURCES and (a.source != "context-country" or len(a.code or "") == 3)


_PEOPLE_SOURCES = ("office-holders", "user-actors")
_PLACE_SOURCES = ("country", "demonym", "capital", "seat", "role-in-text")
_COUNTRY_SOURCES = ("country", "demonym", "capital", "seat", "context-country")


def _cameo_frames_rule(frame: str) -> str:
    return f"cameo_frames.tsv {frame}"


def _trace(role: str, actor: Actor, trace: ActorTrace, date: str | None) -> ActorTrace:
    return ActorTrace(role, actor.text, actor.start, actor.end, list(trace.found_by), list(trace.resolution), actor.code,
                      actor.source, date)  # fmt: skip


# -- parse helpers ---------------------------------------------------------------------------
_RELATIVE = frozenset({"who", "whom", "which", "that"})


def _as_place(resolved: tuple[Actor, ActorTrace], arg: _Arg) -> tuple[Actor, ActorTrace]:
    """A capital named as where the event happened ("protested in Beijing", "will meet in
    Bern") is its country, not the government it stands for as a speaker ("Beijing said")."""
    actor, trace = resolved
    where = arg.weak or arg.how.startswith(("'in' phrase", "'at' phrase"))
    if not where or actor.source not in ("capital", "seat") or not actor.code or len(actor.code) <= 3:
        return resolved
    trace.resolution.append(f"a capital as the place of the event: the country {actor.code[:3]}")
    return replace(actor, code=actor.code[:3]), trace


def _lemma(tok) -> str:
    return tok.lemma_.casefold()


def _verb_forms(tok) -> set[str]:
    """The lemma and, for lemmas the lemmatiser gets wrong ("staged" -> "stag"), the word
    without its inflection."""
    text = tok.text.casefold()
    forms = {_lemma(tok), text}
    for suffix, repl in (("ied", "y"), ("ed", ""), ("ed", "e"), ("d", ""), ("ing", ""), ("ing", "e"), ("es", ""), ("s", "")):
        if text.endswith(suffix) and len(text) > len(suffix) + 2:
            forms.add(text[: -len(suffix)] + repl)
    return forms


def _is_light(tok) -> bool:
    light = cue_words("light")
    return _phrasal(tok) in light or bool(_verb_forms(tok) & light)


def _phrasal(tok) -> str:
    prt = [c for c in _kids(tok) if c.dep_ == "prt"]
    return f"{_lemma(tok)} {prt[0].text.casefold()}" if prt else _lemma(tok)


def _antecedent(tok):
    """The noun a relative pronoun stands for; X for "that of X"."""
    if tok.text.casefold() in _RELATIVE and tok.tag_ in ("WP", "WDT", "WP$") and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.lemma_.casefold() in ("that", "those") and tok.pos_ in ("DET", "PRON"):
        for c in _kids(tok):
            if c.dep_ == "prep" and c.text.casefold() == "of":
                objs = [g for g in _kids(c) if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return tok


def _clause_subject(pron):
    """"NATO said it would pull its frigates back", "the bloc would keep its sanctions": the
    subject of the clause that a possessive "its"/"their" sits in, when that is another word."""
    node = pron.head
    for _ in range(6):
        if node.pos_ in ("VERB", "AUX"):
            break
        if node.head == node:
            return None
        node = node.head
    else:
        return None
    for _ in range(3):
        subs = [c for c in _kids(node) if c.dep_ in _SUBJ + _PASS_SUBJ and c != pron]
        if subs:
            return subs[0] if subs[0].i != pron.i else None
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head != node:
            node = node.head
            continue
        return None
    return None


# "OSLO, March 2 (Northern Ledger) - " and the colon form some outlets use ("OSLO: ",
# "TROMSO, Norway: ")
# "OSLO - ", "OSLO, March 2 (Wire) - ", "KYIV, Ukraine — ", "OSLO, March 2, 2022 - ", "OSLO: "
_DATELINE_RE = re.compile(
    r"^(?:[A-Z][A-Z .,/'’-]{1,60}?(?:,\s*[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+){0,2}(?=\s*[-–—(]|,\s*[A-Z][a-z]+\.?\s+\d))?"
    r"(?:,\s*[A-Z][a-z]+\.?\s+\d{1,2}(?:,\s*\d{4})?)?\s*(?:\([^)]{1,60}\))?\s*[-–—]+\s"
    r"|[A-Z][A-Z .'’-]{1,40}(?:,\s*[A-Z][A-Za-z .'’-]{1,40})?:\s)"
)


def _after_dateline(tok, verb, end: int):
    """The first noun after the dateline (which ends at ``end``) that the verb governs (the
    real subject the parser attached elsewhere): "OSLO, ... - Norway on Monday accused"."""
    for t in tok.doc[tok.i: verb.i]:
        if t.idx >= end and t.i < verb.i and t.pos_ in ("PROPN", "NOUN") and not _temporal(t):
            node = t
            while node.head != node and node != verb and node.i < verb.i + 1:
                if node.head == verb:
                    return t
                node = node.head
            return t if node == verb else None
    return None


def _reporting_subject(pron):
    """"Obama said he would ...": the subject of the speech verb whose reported clause has
    ``pron`` as its subject; None otherwise."""
    if pron.dep_ not in _SUBJ + _PASS_SUBJ:
        return None
    verb = pron.head
    for _ in range(3):
        if verb.dep_ in ("ccomp",) and verb.head != verb:
            subs = [c for c in _kids(verb.head) if c.dep_ in _SUBJ and c.pos_ != "PRON"]
            return subs[0] if subs else None
        if verb.dep_ in ("xcomp", "conj") and verb.head != verb:
            verb = verb.head
            continue
        break
    return None


def _reported(tok) -> bool:
    """The word is in a clause reported by a speech verb ("said it would meet")."""
    node = tok
    for _ in range(4):
        if node.dep_ == "ccomp":
            return True
        if node.head == node:
            return False
        node = node.head
    return False


def _noun_content(tok) -> bool:
    """A verb that is the content of a noun: "the demand to halt", "the threat of X invading",
    "hope that X would release" (an attitude noun's "that" clause), "allegations that X was
    sheltering spies" (what an utterance says)."""
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.text.casefold() == "to" for c in _kids(tok)):
        return True
    if tok.dep_ in ("acl", "ccomp") and tok.head.pos_ == "NOUN" and (
        _lemma(tok.head) in cue_words("attitude") or _lemma(tok.head) in cue_words("utterance")
    ) and any(
        c.dep_ == "mark" and _lemma(c) == "that" for c in _kids(tok)
    ):
        return True
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN" and tok.tag_ == "VBG":
        return True
    return False


def _reason_for(tok) -> bool:
    """A gerund after "for" on a verb gives the reason for that verb's act ("jailed X for
    helping militants", "thanked Y for hosting the talks"): the charge or the merit, not an
    event of the sentence."""
    prep = tok.head
    return (tok.dep_ == "pcomp" and tok.tag_ == "VBG" and prep.dep_ == "prep" and _lemma(prep) == "for"
            and prep.head.pos_ in ("VERB", "AUX"))  # fmt: skip


def _describes_its_noun(tok) -> bool:
    """A relative clause whose subject is its relative pronoun ("the group that has seized
    parts of Iraq", "a woman who shot at officers") describes the noun: background, which
    PETRARCH leaves uncoded inside a noun phrase. A clause with its own subject ("the
    meeting at which the two countries agreed") narrates an event and is coded."""
    if tok.dep_ != "relcl":
        return False
    subs = [c for c in _kids(tok) if c.dep_ in _SUBJ + _PASS_SUBJ]
    return not subs or subs[0].text.casefold() in _RELATIVE


def _before_clause(tok) -> bool:
    """A verb of a "before" clause ("before leaving for X", "before he heads to X")."""
    if tok.dep_ == "pcomp" and _lemma(tok.head) == "before":
        return True
    return tok.dep_ in ("advcl", "relcl") and any(c.dep_ == "mark" and _lemma(c) == "before" for c in _kids(tok))


def _means_of(tok, found) -> bool:
    """A gerund after "by" on a coded verb is the means of that verb's event, not an event
    of its own ("deepen the partnership by promoting biofuels")."""
    prep = tok.head
    return (tok.dep_ == "pcomp" and tok.tag_ == "VBG" and prep.dep_ == "prep" and _lemma(prep) == "by"
            and prep.head.i in found)  # fmt: skip


def _pressed_to_act(tok):
    """The verb whose object ``tok`` says what it was pressed to do, when that is no act of
    the object's: "urged X to attack", "incited X to attack", "goaded X into attacking" (a
    prompting verb: only asked, urged or provoked), "seeks to force X to withdraw", "will
    not allow X to fish" (a causative verb not itself done); None otherwise ("forced X to
    withdraw": X withdrew)."""
    dep = tok.dep_
    if dep in ("xcomp", "ccomp", "advcl"):
        governor = tok.head
    elif dep == "pcomp" and tok.tag_ == "VBG" and _lemma(tok.head) == "into":
        governor = tok.head.head  # "goaded Norway into declaring war"
    else:
        return None
    lemma = _lemma(governor)
    prompting = lemma in cue_words("prompting")
    if not prompting and lemma not in cue_words("causative"):
        return None  # the cheap test first: this runs for every coded verb
    if governor == tok or governor.pos_ not in ("VERB", "AUX"):
        return None
    if dep in ("ccomp", "advcl") and not _has_to(tok):
        return None
    if _direct_object(governor) is None and not (dep == "ccomp" and any(c.dep_ in _SUBJ for c in _kids(tok))):
        return None  # "allow the EU to mock" may parse with "the EU" the subject of "to mock"
    return governor if prompting or _unrealised(governor) else None


def _unrealised(verb) -> bool:
    """The verb is not (yet) done: negated, hedged, conditional, future, under an intent or
    negating verb ("seeks to provoke", "failed to force") or otherwise not asserted."""
    if _negated(verb) or _hedged(verb) or _conditional(verb) or _has_will(verb) or _has_would(verb):
        return True
    if verb.dep_ == "xcomp" and (_lemma(verb.head) in cue_words("negator") or _lemma(verb.head) in cue_words("attempt")):
        return True
    return _intent_governor(verb) is not None or _inherited_modality(verb) is not None


def _noun_content_of_verb(tok) -> bool:
    """An event noun that is what a verb's frame is about ("accused X of aggression") is
    coded with that verb, not on its own."""
    return tok.dep_ == "pobj" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "VERB" and _lemma(tok.head) == "of"


def _noun_agent(noun, accept):
    """(token, how) of the actor of an event noun: its possessor, a "by" phrase, or a
    country or actor modifier ("Russian invasion", "U.S. sanctions"); None."""
    for c in _kids(noun):
        if c.dep_ == "poss" and not _temporal(c):
            return c, "possessor"
    for c in _kids(noun):
        if c.dep_ == "prep" and _lemma(c) == "by":
            objs = [g for g in _kids(c) if g.dep_ == "pobj"]
            if objs and accept(objs[0]):
                return objs[0], "'by' phrase"
    for c in _kids(noun):
        if c.dep_ in ("compound", "amod", "nmod") and c.i < noun.i:
            for t in c.subtree:
                if t.ent_type_ in ("GPE", "NORP", "ORG") and t.dep_ in ("compound", "amod", "nmod") and accept(t):
                    return t, "modifier"
    return None


def _between(noun) -> list:
    for c in _kids(noun):
        if c.dep_ == "prep" and _lemma(c) == "between":
            objs = [g for g in _kids(c) if g.dep_ == "pobj"]
            if objs:
                return _coordinated(objs[0])
    return []


def _responsible_for(noun):
    """"X has been responsible for mass killings": X did them."""
    prep = noun.head
    if noun.dep_ == "pobj" and _lemma(prep) == "for" and _lemma(prep.head) == "responsible" and prep.head.dep_ == "acomp":
        subs = [c for c in _kids(prep.head.head) if c.dep_ in _SUBJ]
        if subs:
            return subs[0], "subject of 'responsible for'"
    return None


def _polarity(words) -> tuple[str | None, object]:
    negative, positive = cue_words("negative"), cue_words("positive")
    for w in words:
        for t in w.subtree:
            lemma = _lemma(t)
            if lemma in negative or t.text.casefold() in negative:
                if any(c.dep_ == "neg" for c in _kids(t.head)) or any(c.dep_ == "neg" for c in _kids(t)):
                    continue
                return "negative", t
            if lemma in positive or t.text.casefold() in positive:
                return "positive", t
    return None, None


def _ordered_coercion(verb, found):
    """The coercive participle an order names ("ordered the captain jailed", "ordered them
    deported"), or None."""
    for c in _kids(verb):
        if c.dep_ in ("ccomp", "oprd", "xcomp", "acomp") and c.tag_ in ("VBN", "VBD") and not _has_to(c) and c.i in found:
            row = found[c.i][0]
            if row.pos == "V" and row.code[:2] == "17":
                return c
    return None


def _call_purpose(verb, found):
    """The coded "to"-clause a phone call was made for ("called X to congratulate him"), when
    it says something to the one called (a statement, appeal, praise or criticism), or None."""
    for c in _kids(verb):
        if c.dep_ in ("advcl", "xcomp") and _has_to(c) and c.i in found:
            row = found[c.i][0]
            if row.pos == "V" and row.code[:2] in _SAID_TO_ROOTS:
                return c
    return None


def _force_cause(verb, found):
    """The military action a killing or wounding happened in ("killed in shelling", "wounded
    during an air raid", "killed by Russian shelling"): an event word of root 19 or 20 in an
    "in"/"during"/"by" phrase, or None."""
    for c in _kids(verb):
        if c.dep_ in ("prep", "agent") and _lemma(c) in ("in", "during", "by"):
            for g in _kids(c):
                # "shelling" may be tagged a verb: the object of "in", or its clause ("in shelling by X")
                if g.dep_ in ("pobj", "pcomp") and g.i in found and found[g.i][0].code[:2] in ("19", "20"):
                    return g
                event = _split_compound_event(g, verb) if g.dep_ == "pobj" else None
                if event is not None and event.i in found and found[event.i][0].code[:2] in ("19", "20"):
                    return event
    return None


_PEOPLE_SECTORS = frozenset({"CVL", "PPL"})
_WHERE_PREPS = frozenset({"in", "near", "at", "inside"})


def _unplaced_people(actor) -> bool:
    """Unnamed civilians or people with no country ("children", "a man": CVL, PPL)."""
    return actor is not None and actor.code in _PEOPLE_SECTORS and actor.source == "agent" and actor.entity_id is None


_KILLING_CODES = frozenset({"1823"})
_COMBATANT_SECTORS = frozenset({"MIL", "REB", "UAF"})


def _combatant(actor) -> bool:
    """Whether an actor code names soldiers or fighters (RUSMIL, SYRREB, ---UAF)."""
    code = actor.code if actor is not None and actor.code else ""
    return any(code[i:i + 3] in _COMBATANT_SECTORS for i in range(3, len(code), 3))


def _phrase_names(verb, preps: tuple[str, ...], words: frozenset[str]) -> bool:
    """Whether one of the verb's ``preps`` phrases ("by" agent included) has an object in ``words``."""
    return any(
        c.dep_ in ("agent", "prep") and _lemma(c) in preps and any(g.dep_ == "pobj" and _lemma(g) in words for g in _kids(c))
        for c in _kids(verb)
    )


def _military_instrument(verb) -> bool:
    """Whether the verb's "by" or "with" phrase names a military weapon ("blown up by a missile")."""
    return _phrase_names(verb, ("by", "with"), cue_words("weapon"))


_COUNTRY_ANAPHORS = frozenset({"state", "country", "nation", "kingdom", "emirate", "republic"})


def _country_anaphor(tok) -> bool:
    """A definite, described country noun that names no country itself ("the wealthy Gulf
    state", "the Baltic nation"); not "the state" alone, nor "the US state of Texas"."""
    return (tok.pos_ == "NOUN" and tok.text.islower() and _lemma(tok) in _COUNTRY_ANAPHORS
            and any(c.dep_ == "det" and c.text.casefold() == "the" for c in _kids(tok))
            and any(c.dep_ in ("amod", "compound") for c in _kids(tok))
            and not any(c.dep_ == "prep" and _lemma(c) == "of" for c in _kids(tok)))  # fmt: skip


def _mishap_cause(verb) -> bool:
    """Whether a killing or wounding happened "by" or "in" an accident or a natural disaster
    ("killed by the crash", "injured in a landslide")."""
    return _phrase_names(verb, ("by", "in"), cue_words("mishap"))


def _split_compound_event(noun, verb):
    """The "-ing" event word right after ``noun`` that the parser hung on ``verb`` instead of
    taking it as the head of the phrase ("killed in Israeli tank shelling": "tank" the object of
    "in", "shelling" a clause of "killed"), or None."""
    following = noun.nbor(1) if noun.i + 1 < len(noun.doc) else None
    if (following is not None and following.text.casefold().endswith("ing") and following.head.i == verb.i
            and following.dep_ in ("advcl", "xcomp", "acl")):  # fmt: skip
        return following
    return None


def _threatening(code: str) -> bool:
    """Whether announcing ``code`` ahead ("will impose sanctions", "plans to boycott") is a threat."""
    return code[:2] in _THREAT_ROOTS or code in _LEVERAGE_CODES


def _timed(found) -> bool:
    """Whether a pattern's preposition was matched by a time ("called Lavrov on Tuesday" is
    no "call on")."""
    return any(t.dep_ == "prep" and any(_temporal(g) for g in _kids(t) if g.dep_ == "pobj") for t in found)


def _untimed(lexicon, tok, pos, lemma, hit):
    """``hit``, or when a time satisfied its preposition, the first later row of ``lemma``
    that matches without one."""
    if hit is None or not _timed(hit[1]):
        return hit
    from eventwire.events.lexicon import match_row

    rows = lexicon.rows(pos, lemma)
    for row in rows[rows.index(hit[0]) + 1:]:
        found = match_row(row, tok)
        if found is not None and not _timed(found):
            return row, found
    return None


def _vague_derived(row) -> bool:
    """A bare verb of the derived PETRARCH table with a material-cooperation code ("give" 060,
    "grant" 060, "lead" 060): without a pattern such verbs name no particular act of
    cooperation, just as the derivation already leaves out bare verbs with the generic codes
    01-04."""
    return row.table == PETRARCH_TABLE and not row.with_ and row.code[:2] in _VAGUE_DERIVED_ROOTS


def _addressee(verb, thing) -> bool:
    """Whether ``verb`` names whom it asks ("urged the EU", "called on Norway"), besides the
    thing asked for."""
    for c in _kids(verb):
        if c.dep_ in ("dobj", "dative") and c.i != thing.i:
            return True
        if c.dep_ == "prep" and _lemma(c) in ("on", "upon", "to") and c.i != thing.head.i:
            return True
    return False


def _verdict(verb):
    """The blame adjective of a verdict ("found him guilty", "was found liable"), or None."""
    if _lemma(verb) not in _VERDICT_VERBS:
        return None
    return next(
        (c for c in _kids(verb) if c.dep_ in ("ccomp", "oprd", "acomp", "xcomp") and c.pos_ == "ADJ" and _lemma(c) in cue_words("blame")),
        None,
    )


def _characterises(verb) -> bool:
    return _lemma(verb) in cue_words("characterise") and (
        _direct_object(verb) is not None or any(c.dep_ == "oprd" for c in _kids(verb))
    )


_CONFLICT_ROOTS = frozenset({"11", "12", "13", "14", "15", "16", "17", "18", "19", "20"})


def _alleging_verb(word, allege, wishing=frozenset()):
    """The alleging, claiming or denying verb (or a demand or appeal: ``wishing``, token
    indexes) whose reported clause holds ``word``; None."""
    node = word
    for _ in range(6):
        if node.dep_ == "pcomp" and _lemma(node.head) == "of" and _lemma(node.head.head) in allege:
            return node.head.head  # "accused Russia of using its navy to intimidate"
        if node.dep_ == "ccomp" and node.head != node:
            head = node.head
            if _across_paragraphs(head, node):
                return None  # the parser ran one paragraph into the next
            if _lemma(head) in allege or head.i in wishing:
                return head
            return None
        if node.head == node or node.dep_ in ("ROOT", "relcl"):
            return None
        node = node.head
    return None


def _across_paragraphs(a, b) -> bool:
    """A blank line between two tokens."""
    lo, hi = sorted((a.i, b.i))
    return any(t.is_space and t.text.count("\n") >= 2 for t in a.doc[lo:hi])


#: Sectors whose people are often abroad: "troops in Syria" are not Syria's.
_ABROAD_SECTORS = frozenset({"MIL", "COP", "SPY", "UAF", "REB", "IGO"})

#: Comments on a deed (claiming or denying responsibility, sympathy): aimed at those it was done to.
_DEED_CODES = frozenset({"015", "016", "018"})

#: Roots whose report by a speaker PETRARCH-2 codes as an accusation of the doer ("ATTACK").
_ATTACK_ROOTS = frozenset({"18", "19", "20"})


def _leading_speech_verb(word, lexicon):
    """The speech verb (a bare 010 row: "said", "stated") whose reported clause, after it,
    holds ``word``; None (also for a speech verb after its report: "..., X said")."""
    node = word
    for _ in range(6):
        if node.dep_ == "ccomp" and node.head != node:
            head = node.head
            if head.i < node.i and any(r.code == _SPEECH_CODE and not r.with_ for r in lexicon.rows("V", _lemma(head))):
                return head
            return None
        if node.head == node or node.dep_ in ("ROOT", "relcl", "acl", "advcl"):
            return None
        node = node.head
    return None


_SPEECH_CODE = "010"

_LEXICON_HASHES: dict[int, tuple] = {}


def _lexicon_hashes(lexicon) -> tuple[frozenset[int], frozenset[int]]:
    """spaCy string hashes of every lemma the lexicon knows (verbs and nouns, in any case the
    matcher tries) and of the evaluative words, per lexicon (kept while it lives)."""
    from spacy.strings import hash_string

    key = id(lexicon)
    cached = _LEXICON_HASHES.get(key)
    if cached is None or cached[0] is not lexicon:
        words = set(lexicon.verbs) | set(lexicon.nouns)
        keys = frozenset(hash_string(w) for w in words) | frozenset(hash_string(w.capitalize()) for w in words)
        judge = frozenset(hash_string(w) for w in _judging_words())
        cached = (lexicon, keys, judge)
        _LEXICON_HASHES[key] = cached
    return cached[1], cached[2]


@lru_cache(maxsize=1)
def _judging_words() -> frozenset[str]:
    return cue_words("negative") | cue_words("positive") | cue_words("blame")


def _addressed(verb) -> bool:
    """A speech verb with someone spoken to or about ("told Reuters", "said to reporters",
    "called X reckless")."""
    for c in _kids(verb):
        if c.dep_ in ("dobj", "dative", "oprd") or (c.dep_ == "prep" and c.text.casefold() in ("to", "with", "of", "about", "against")):
            return True
    return False


def _keep(event) -> bool:
    known = event.target is not None and (event.target.code or event.target.entity_id)
    if event.root in ("01", "02") and not known:
        return False  # "X said (in a videoconference)", "forces seek to ...": no dyad
    if event.root == "01" and event.target.source == "agent":
        return False  # "told reporters", "told parliament": no one in particular
    if event.root == "10" and event.target is None:
        return False  # "as the union has demanded": a demand of nobody named
    if event.root in ("01", "02") and event.modality == "denied":
        return False  # a statement or appeal not made is no event ("is not seeking war")
    if event.root == "02" and event.modality == "conditional":
        return False  # "might want X to ...", "could ask X to ...": an appeal not (yet) made
    if event.target is None and event.modality == "denied":
        return False
    if event.root == "04" and event.target is None:
        return False  # a meeting or call with nobody named is no dyad
    return True


_DEEP_PREPS = frozenset(_TARGET_PREPS) | {"near", "along", "toward", "towards", "across", "inside", "in", "between", "off"}  # off: "cordoned off the roads into X"


def _deep_prep_target(tok, accept, depth: int = 5, in_ok: bool = False):
    """The first noun in ``tok``'s prepositional phrases (nested up to ``depth``) that
    ``accept`` takes ("close to the border with Ukraine" -> Ukraine)."""
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for c in _kids(node):
                word = c.text.casefold()
                if c.dep_ == "prep" and (word not in _DEEP_PREPS or (word == "in" and not in_ok)):
                    continue
                if c.dep_ in ("prep", "amod", "advmod", "dobj", "obj", "npadvmod", "acl"):
                    for g in ([c] if c.dep_ in ("dobj", "obj") else _kids(c)):
                        if g.dep_ in ("pobj", "dobj", "obj") and g.pos_ in _NOUN_POS and g != tok:
                            if accept(g):
                                return _coordinated(g)
                            nxt.append(g)
                    if c.dep_ in ("amod", "advmod", "prep", "acl"):
                        nxt.append(c)
        frontier = nxt
    return []


def _temporal(tok) -> bool:
    """"on Wednesday", "in March", "for two years": a time, not a target."""
    return tok.ent_type_ in ("DATE", "TIME") or _lemma(tok) in _TIME_WORDS


_TIME_WORDS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december today yesterday tomorrow week month year day night morning evening "
    "afternoon weekend hour decade century time".split()
)


def _direct_object(tok):
    for c in _kids(tok):
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def _readiness_content(verb, found):
    """(the coded event, whether it is a verb) that a shown readiness is for: "signaled
    openness for further dialogue" (dialogue), "expressed willingness to negotiate"
    (negotiate); None."""
    obj = _direct_object(verb)
    if obj is None or _lemma(obj) not in cue_words("readiness"):
        return None
    for c in [*_kids(obj), *_kids(verb)]:  # "signaled openness to dialogue" may hang "to" on the verb
        if c.dep_ == "prep" and _lemma(c) in ("for", "to", "toward", "towards"):
            for g in _kids(c):
                if g.i in found and found[g.i][0].code != "---" and (g.dep_ == "pobj" or g.dep_ == "pcomp"):
                    return g, found[g.i][0].pos == "V"
        elif c.dep_ == "acl" and c.i in found and found[c.i][0].pos == "V" and found[c.i][0].code != "---" and _has_to(c):
            return c, True
    return None


def _shifted_utterance(verb):
    """A heavy object moved after its description, which the parser reads as the object of
    "as": "condemned as unacceptable allegations by X that ..." (the allegations are what is
    condemned; their "by"-phrase or possessor the target); only speech-act nouns
    (event_cues.tsv utterance); None."""
    for c in _kids(verb):
        if c.dep_ == "prep" and c.i > verb.i and _lemma(c) == "as":
            for g in _kids(c):
                if g.dep_ == "pobj" and g.pos_ == "NOUN" and _lemma(g) in cue_words("utterance") and any(
                    m.dep_ == "amod" and m.i < g.i for m in _kids(g)
                ):
                    return g
    return None


def _bracketed_object(verb):
    """The noun of an editor's insertion in square brackets right after a verb, which stands
    for its object ("won't allow [the West] to ignore ...", where the parser may hang the
    noun on the bracket); None."""
    doc = verb.doc
    opening = verb.i + 1
    if opening >= len(doc) or doc[opening].text != "[":
        return None
    for closing in range(opening + 2, min(opening + 10, len(doc))):
        if doc[closing].text == "]":
            inside = range(opening + 1, closing)
            return next((doc[k] for k in inside if doc[k].pos_ in _NOUN_POS and doc[k].head.i not in inside), None)
    return None


def _through_partitive(noun):
    """"a new round of sanctions" -> sanctions; "a mediation effort" -> mediation."""
    if _lemma(noun) in cue_words("partitive"):
        for c in _kids(noun):
            if c.dep_ == "prep" and _lemma(c) == "of":
                objs = [g for g in _kids(c) if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
        compounds = [c for c in _kids(noun) if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if compounds:
            return compounds[-1]
    return noun


def _object_noun(verb):
    """The noun object of a verb, seen through partitives; "called for talks", "warned of
    retaliation": the object of the verb's particle preposition."""
    obj = _direct_object(verb)
    if obj is not None:
        return _through_partitive(obj)
    for c in _kids(verb):
        if c.dep_ == "nsubjpass" and c.pos_ == "NOUN":  # "the exercise was staged by X"
            return _through_partitive(c)
    for c in _kids(verb):
        if c.dep_ == "prep" and _lemma(c) in ("for", "of", "against", "on") and c.i == verb.i + 1:
            objs = [g for g in _kids(c) if g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN")]
            if objs:
                return _through_partitive(objs[0])
    return None


def _complement(tok, frame=None):
    """The "to"-complement verb of a governing verb (xcomp; "urge X to ..." parses the same);
    for a threat or intent frame also a reported clause with "will"/"would" ("warned that it
    would retaliate"); for an accusation the "of"-gerund ("accused X of attacking")."""
    for c in _kids(tok):
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "ccomp" and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.text.casefold() == "to" for g in _kids(c)):
            return c
    if frame in ("appeal", "demand"):
        for c in _kids(tok):
            if c.dep_ == "advcl" and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.text.casefold() == "to" for g in _kids(c)):
                return c
    if frame in ("threaten", "intent"):
        for c in _kids(tok):
            if c.dep_ == "ccomp" and c.pos_ == "VERB" and (_has_will(c) or _has_would(c)):
                return c
    if frame == "accuse":
        for c in _kids(tok):
            if c.dep_ == "prep" and _lemma(c) == "of":
                for g in _kids(c):
                    if g.dep_ == "pcomp" and g.pos_ == "VERB":
                        return g
    return None


def _intent_governor(tok):
    """The verb that makes ``tok`` intended ("plans to meet", "is set to speak"), if any."""
    head = tok.head
    to = any(c.dep_ == "aux" and c.text.casefold() == "to" for c in _kids(tok))
    if (tok.dep_ == "xcomp" or (tok.dep_ == "ccomp" and to)) and head != tok:
        if _lemma(head) in cue_words("intent"):
            return head
        if _lemma(head) == "be" and any(c.dep_ == "aux" and c.text.casefold() == "to" for c in _kids(tok)):
            return head  # "is to meet"
    return None


_WISH = frozenset({"want", "wish", "like", "prefer"})
_VERDICT_VERBS = frozenset({"find", "hold", "declare", "rule", "adjudge"})  # "held liable", "declared guilty"


def _other_agent(verb, governor):
    """The doer of ``verb`` when it is not ``governor``'s subject: its own subject or the
    governor's object ("wants Putin to attack")."""
    own = [c for c in _kids(verb) if c.dep_ in _SUBJ]
    if own:
        return own[0]
    return _direct_object(governor)


def _has_to(tok) -> bool:
    return any(c.dep_ == "aux" and c.text.casefold() == "to" for c in _kids(tok))


def _inherited_modality(word) -> tuple[str, object] | None:
    """The modality a complement takes from the verbs above it ("seek to provoke Ukraine to
    go to war": going to war is not done): (modality, the verb that sets it), or None."""
    node = word
    for _ in range(4):
        if node.dep_ == "pcomp" and node.head.head != node.head:  # "join the EU in threatening"
            node = node.head
            if node.head.pos_ not in ("VERB", "AUX"):
                return None
            up = node.head
        elif node.dep_ == "ccomp" and any(c.dep_ == "mark" and c.text.casefold() in ("whether", "if") for c in _kids(node)):
            return "conditional", node  # "declined to say whether Washington would join"
        elif node.dep_ not in ("xcomp", "advcl", "ccomp") or node.head == node or not _has_to(node):
            return None
        elif node.dep_ == "advcl":
            up = node.head
            if _negated(up):
                return "denied", up  # "would not give permission to Russia to help Israel"
            return "intended", up  # a purpose: "appointed to help defuse the crisis"
        else:
            up = node.head
        if _negated(up):
            return "denied", up
        if _hedged(up) or _conditional(up):
            return "conditional", up
        if _has_will(up) or _lemma(up) in cue_words("intent") or _intent_governor(up) is not None:
            return "intended", up
        node = up
    return None


def _has_will(tok) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.text.casefold() in _WILL for c in _kids(tok)) or any(
        c.dep_ == "aux" and c.lemma_.casefold() == "go" for c in _kids(tok)
    )


def _has_would(tok) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.text.casefold() in _WOULD for c in _kids(tok))


def _hedged(tok) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.text.casefold() in cue_words("hedge") for c in _kids(tok))


def _negated(tok) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ in ("advmod", "preconj") and c.text.casefold() in ("never", "neither")) for c in _kids(tok)):
        return True
    # "neither attacked nor threatened": the "nor" conjunct is negated too
    return tok.dep_ == "conj" and any(c.dep_ == "cc" and c.text.casefold() == "nor" for c in _kids(tok.head))


def _conditional(tok) -> bool:
    if any(c.dep_ == "mark" and c.text.casefold() in ("if", "unless") for c in _kids(tok)):
        return True
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.text.casefold() in ("if", "unless") for g in _kids(c))
        for c in _kids(tok)
    )


def _coordinated(head) -> list:
    """A noun and the nouns coordinated with it ("the U.S. and NATO" -> U.S., NATO; "the US,
    Russia, and Switzerland", which parses as an appositive with a conjunct, -> all three)."""
    out = [head]
    for c in _kids(head):
        if c.dep_ == "conj" and c.pos_ in _NOUN_POS:
            out.extend(_coordinated(c))
        elif c.dep_ == "appos" and c.pos_ == "PROPN" and head.pos_ == "PROPN" and any(g.dep_ == "conj" for g in _kids(c)):
            out.extend(_coordinated(c))
    return out


def _prep_target(tok, exclude: Sequence[str] = (), in_ok: bool = False, accept=None):
    """(preposition, heads) of the first prepositional phrase on ``tok`` that names a
    target; actors (``accept``) before other nouns."""
    preps = _TARGET_PREPS + (("in",) if in_ok else ())
    candidates = []
    for c in _kids(tok):
        word = c.text.casefold()
        if c.dep_ == "prep" and word in preps and word not in exclude:
            objs = [g for g in _kids(c) if g.dep_ == "pobj" and g.pos_ in _NOUN_POS and not _temporal(g)]
            if objs:
                candidates.append((c.text.casefold(), _coordinated(objs[0])))
    if accept is not None:
        for prep, heads in candidates:
            if accept(heads[0]):
                return prep, heads
        for prep, heads in candidates:  # "appreciation for China's assistance"
            poss = [c for c in heads[0].children if c.dep_ == "poss"]
            if poss and accept(poss[0]):
                return prep, _coordinated(poss[0])
        for prep, heads in candidates:  # "attack on the city of X"
            inner = _prep_actor(heads[0], accept)
            if inner:
                return prep, inner
    return candidates[0] if candidates else None


def _prep_actor(noun, accept):
    """An actor in a noun's own prepositional phrase ("an investigation against X",
    "appreciation for China's assistance")."""
    for c in _kids(noun):
        if c.dep_ == "prep" and c.text.casefold() in _OBJECT_PREPS:
            objs = [g for g in _kids(c) if g.dep_ == "pobj" and g.pos_ in _NOUN_POS]
            if objs and accept(objs[0]):
                return _coordinated(objs[0])
            poss = [g for g in (objs[0].children if objs else ()) if g.dep_ == "poss" and g.ent_type_ in ("GPE", "NORP")]
            if poss and accept(poss[0]):  # a country's thing: "appreciation for China's assistance"
                return _coordinated(poss[0])
    return []


_NP_LEFT_SKIP = ("cc", "preconj", "punct", "conj", "appos", "relcl", "acl", "prep", "advmod", "advcl")
_NP_RIGHT_KEEP = ("compound", "flat", "nummod")
# nouns whose "from X" (people) or "in X" (institutions) says whose they are
_ORIGIN_NOUNS = frozenset(
    "dissident activist refugee migrant protester protestor demonstrator worker student civilian journalist "
    "court parliament government authority official police prosecutor judge ministry embassy legislature senate".split()
)


def _np_bounds(head, floor: int = -1) -> tuple[int, int]:
    """Character bounds of a noun phrase without its coordinated or clausal parts, not
    reaching back before ``floor`` (the end of a dateline the parser glued onto the phrase:
    "OSLO - Three fishermen")."""
    start = head.idx
    end = head.idx + len(head.text)
    for c in _lefts(head):
        if c.dep_ in _NP_LEFT_SKIP or c.text == "[":  # "[the EU]": an editor's bracket is no word of the phrase
            continue
        start = min(start, c.left_edge.idx)
    origin = _lemma(head) in _ORIGIN_NOUNS
    for c in _rights(head):
        word = c.text.casefold()
        if c.dep_ in _NP_RIGHT_KEEP or (c.dep_ == "prep" and ((word == "of" and _names_owner(c)) or (origin and word in ("from", "in")))):
            last = c.right_edge
            end = max(end, last.idx + len(last.text))
    return (start if floor <= start else _after_floor(head, start, floor)), end


def _after_floor(head, start: int, floor: int) -> int:
    """``start`` moved to the first word at or after ``floor`` when the head is after it."""
    if start < floor <= head.idx:
        return next(t.idx for t in head.doc[head.left_edge.i: head.i + 1] if t.idx >= floor)
    return start


def _own_words(head, floor: int = -1) -> tuple[int, int]:
    """Bounds of a noun with the compounds and adjectives right before it, without possessor
    or article: what the noun itself says ("Russian troops", not "Russia's demand"); not
    before ``floor`` (a dateline's end)."""
    start = head.idx
    for c in reversed(list(_lefts(head))):
        if c.dep_ not in ("compound", "amod", "flat", "nmod"):
            break
        start = c.left_edge.idx
    if floor > start:
        start = _after_floor(head, start, floor)
    end = head.idx + len(head.text)
    for c in _rights(head):
        if c.dep_ in ("compound", "flat"):
            end = max(end, c.idx + len(c.text))
    return start, end


def _names_owner(prep) -> bool:
    """An "of" phrase that names whose the noun is ("the government of Syria", "the leaders of
    Egypt's Muslim Brotherhood"), not what it is about ("the start of a trip in Gaza")."""
    objs = [g for g in _kids(prep) if g.dep_ == "pobj"]
    if not objs:
        return False
    obj = objs[0]
    if obj.pos_ == "PROPN" or obj.ent_type_ in ("GPE", "NORP", "ORG", "PERSON"):
        return True
    # "a part of Syria's second city", "the north of the country": a place named through its owner
    return any(g.dep_ in ("poss", "compound", "amod") and g.ent_type_ in ("GPE", "NORP") for g in _kids(obj))


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


# Kept for callers of v0: the sentence-level date.
def _sentence_date(sentence: str, day: dt.date | None) -> dt.date | None:
    from eventwire.events.dates import sentence_date

    return sentence_date(sentence, day)


__all__ = ["explain_events", "extract_events"]
