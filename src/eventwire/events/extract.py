"""Event coding over a dependency parse (v0).

``extract_events(text, doc, article_date, entities=(), quotes=(), tables=None)`` finds
predicates whose lemma or pattern is in the event lexicon (``data/event_verbs.tsv``), their
subject (passive agents and coordinated subjects included: one event per subject) and their
object or prepositional target, resolves both to CAMEO actor codes dated by the event date,
and decides modality:

- a "to"-complement under a governing verb sets the leaf ("urged Russia to withdraw" -> 025,
  "threatened to invade" -> 138, "refused to meet" -> 125); under an intent verb ("plans to",
  "is set to") or an auxiliary "will"/"shall" the event is ``intended``;
- negation turns offers, meetings, cooperation, aid and concessions into their rejection
  (12x, as CAMEO prescribes: "will not compromise" -> 124) and marks the rest ``denied``;
  an event noun under "no" ("there will be no war") is denied too;
- an "if"/"unless" clause makes the event ``conditional``; a conditional or intended use of
  force or sanctions is coded as the threat of it (13x).

Event nouns ("Russia's demand", "the troop build-up by Russia") are coded only when their
source is written as a possessor or a "by" phrase, and (except threats, 13x, and force
posture, 15x, which are one-sided) only when they have a target.

What is left out, by category (``_keep``):

- a statement or appeal (01x, 02x) without a target actor: "X said (in a videoconference)"
  says nothing about a dyad; the reported content is coded by its own predicate;
- a denied statement or appeal ("is not seeking war with ..."): CAMEO has no negated
  form of them; any other denied event without a target;
- a verb that is the content of a noun ("the demand to halt X", "the threat of Russia
  invading Y"): the noun is the event, its content is not asserted.

Actors: a relative pronoun stands for the noun its clause modifies ("Lavrov, who is set
to speak"); "that of X" for X; a subject pronoun of a reported clause for the speaker
("Obama said he would ..."); "he"/"she" elsewhere for the last person named or quoted
before it (a quoted speaker first). A mention that the quote stage identified as a speaker takes the speaker's
entity. A role without a country ("the country's top diplomat", "Foreign Minister Sergei
Lavrov" when no office-holder row knows him) takes the article's country context: the
country last named before it in the sentence for "the country's"/"its", otherwise the
country named most often in the article so far.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence

from eventwire.actors import resolve_actor
from eventwire.events.codes import code_info
from eventwire.events.lexicon import Lexicon, LexRow, default_lexicon
from eventwire.model import Actor, Entity, Event, Plover, Quote, Span

#: Verbs that make their "to"-complement intended, not asserted.
INTENT_VERBS = frozenset(
    "plan intend set expect aim prepare hope want schedule mean seek decide be going go due ready".split()
)
_WILL = frozenset({"will", "shall", "'ll", "wo", "would"})
_NEG = frozenset({"not", "n't", "never", "no"})
_SUBJ = ("nsubj", "csubj")
_PASS_SUBJ = ("nsubjpass", "csubjpass")
_TARGET_PREPS = ("with", "against", "on", "to", "at", "toward", "towards", "for", "from", "into", "over", "of", "in")
_NOUN_POS = ("NOUN", "PROPN", "PRON")

# leaf code of a governing verb's root given the root of its complement
_GOVERNED = {
    "02": {"03": "020", "04": "026", "05": "022", "06": "021", "07": "023", "08": "025", "09": "020", "12": "020"},
    "10": {"04": "106", "05": "102", "06": "101", "07": "103", "08": "105"},
    "03": {"04": "036", "05": "032", "06": "031", "07": "033", "08": "035", "09": "030"},
    "12": {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124"},
    "13": {"14": "133", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"},
}
# negated cooperation becomes its refusal
_NEGATED = {"03": "120", "04": "125", "05": "120", "06": "121", "07": "122", "08": "124", "057": "127"}
# intended or conditional force, sanctions, repression: a threat
_THREAT_OF = {"15": "138", "16": "131", "17": "137", "18": "138", "19": "138", "20": "138"}

_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY_RE = re.compile(r"\b(?:on|last|this|next)\s+(" + "|".join(_WEEKDAYS) + r")\b", re.I)
_RELDAY_RE = re.compile(r"\b(yesterday|today|tomorrow)\b", re.I)


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
    lexicon = lexicon or default_lexicon()
    day = _as_date(article_date)
    ctx = _Context(text, lexicon, day, list(entities), list(quotes), tables, require_actor)
    events: list[Event] = []
    for sent in doc.sents:
        events.extend(ctx.sentence(sent))
    return events


class _Context:
    def __init__(self, text, lexicon, day, entities, quotes, tables, require_actor):
        self.text = text
        self.lexicon = lexicon
        self.day = day
        self.tables = tables
        self.require_actor = require_actor
        self.mentions: dict[tuple[int, int], Entity] = {}
        for ent in entities:
            for m in ent.mentions:
                self.mentions[(m.start, m.end)] = ent
        self.speakers = [(q.cue.start, q.cue.end, q.speaker) for q in quotes if q.cue and q.speaker and q.speaker.name]
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
        starts = {start for start, _ in self.speaker_at}
        self.quoted = [p for p in self.people if p[0] in starts]
        self.countries: list[tuple[int, str]] = []  # (offset, country code) of country mentions so far
        self.entity_country: dict[str, str] = {}

    # -- one sentence -------------------------------------------------------------------
    def sentence(self, sent) -> list[Event]:
        self._note_countries(sent)
        date = _sentence_date(sent.text, self.day)
        found: dict[int, tuple[LexRow, list]] = {}  # predicate token index -> row, extra tokens
        for tok in sent:
            if tok.pos_ in ("VERB", "AUX") or (tok.pos_ == "ADJ" and tok.tag_ == "VBN"):
                hit = self._match(tok, "V")
            elif tok.pos_ in ("NOUN", "PROPN"):
                hit = self._match(tok, "N")
            else:
                hit = None
            if hit:
                found[tok.i] = hit
        events: list[Event] = []
        consumed: set[int] = set()
        for i in sorted(found):
            if i in consumed:
                continue
            tok = sent.doc[i]
            row, extra = found[i]
            if row.pos == "N":
                events.extend(self._nominal(tok, row, extra, sent, date))
                continue
            if _noun_content(tok):
                continue
            # a governing verb with a coded "to"-complement: one event for the pair
            inner = _complement(tok)
            if inner is not None and inner.i in found and found[inner.i][0].pos == "V":
                irow, iextra = found[inner.i]
                consumed.add(inner.i)
                events.extend(self._verb(tok, row, extra, sent, date, inner=inner, inner_row=irow, inner_extra=iextra))
                continue
            events.extend(self._verb(tok, row, extra, sent, date))
        return [e for e in events if _keep(e)]

    def _note_countries(self, sent) -> None:
        for ent in sent.ents:
            if ent.label_ in ("GPE", "NORP", "ORG"):
                resolved = resolve_actor(ent.text, self.day, tables=self.tables)
                if resolved is not None and resolved.country and len(resolved.country) == 3:
                    self.countries.append((ent.start_char, resolved.country))

    def _context_country(self, offset: int, sent_start: int, local: bool, entity_id=None) -> str | None:
        """The sentence's first country ("Russia ..., the country's top diplomat") when
        ``local``, else the country named most often before ``offset`` (ties: the first
        named); fixed per entity at its first use."""
        if entity_id is not None and entity_id in self.entity_country:
            return self.entity_country[entity_id]
        before = [(o, c) for o, c in self.countries if o < offset]
        country = None
        if local:
            same = [c for o, c in before if o >= sent_start]
            if same:
                country = same[0]
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
        lemma = tok.lemma_.casefold()
        rows = self.lexicon.rows(pos, lemma)
        doc = tok.doc
        if pos == "N" and tok.i >= 2 and doc[tok.i - 1].text == "-":  # "build-up" is three tokens
            joined = self.lexicon.rows(pos, f"{doc[tok.i - 2].lemma_.casefold()}-{lemma}")
            if joined:
                return joined[0], [doc[tok.i - 2]]
        if not rows and pos == "V":
            rows = self.lexicon.rows(pos, tok.text.casefold())
        for row in rows:
            if not row.with_:
                return row, []
            if row.objects:
                obj = _direct_object(tok)
                if obj is not None and (obj.lemma_.casefold() in row.objects or obj.text.casefold() in row.objects):
                    return row, [obj]
                continue
            words = row.with_.split()
            for child in tok.children:
                if child.dep_ in ("prt", "prep", "agent", "dative", "advmod") and child.text.casefold() == words[0]:
                    if len(words) == 1:
                        return row, [child]
                    objs = [g for g in child.children if g.dep_ == "pobj" and g.lemma_.casefold() == words[1]]
                    if objs:
                        return row, [child, objs[0]]
        return None

    # -- verbs ----------------------------------------------------------------------------
    def _verb(self, tok, row: LexRow, extra, sent, date, inner=None, inner_row=None, inner_extra=()):
        code = row.code
        rule = row.rule
        modality = "asserted"
        confidence = 0.75 if row.with_ else 0.6
        pred = tok
        gov = None
        if inner is not None:
            gov_root = code[:2]
            table = _GOVERNED.get(gov_root, {})
            leaf = table.get(inner_row.code[:2])
            if leaf:
                code = leaf
            elif gov_root == "03":  # agreed to withdraw: the complement, intended
                code = inner_row.code
            rule = f"{row.rule} + to {inner_row.rule}"
            confidence += 0.1
            gov = tok
            pred = inner
        elif _intent_governor(tok) is not None:
            gov = _intent_governor(tok)
            modality = "intended"
        if modality == "asserted" and (_has_will(tok) or (gov is not None and _has_will(gov))):
            modality = "intended"
        if _conditional(tok) or (gov is not None and _conditional(gov)):
            modality = "conditional"
        negated = _negated(tok) or (gov is not None and _negated(gov)) or (inner is not None and _negated(inner))
        if negated:
            flip = _NEGATED.get(code) or _NEGATED.get(code[:2])
            if flip and code[:2] not in ("12",):
                rule += f" (negated -> {flip})"
                code = flip
            else:
                modality = "denied"
                confidence -= 0.2
        elif modality in ("intended", "conditional") and code[:2] in _THREAT_OF and gov is None:
            threat = _THREAT_OF[code[:2]]
            rule += f" ({modality} -> threat {threat})"
            code = threat

        sources, targets, passive = self._dyad(tok, pred, row, extra)
        if inner is not None and not targets:
            _, targets, _ = self._dyad(inner, inner, inner_row, list(inner_extra))
        tokens = [t for t in (gov, tok, pred) if t is not None] + list(extra) + list(inner_extra)
        evidence = _span(self.text, min(t.idx for t in tokens), max(t.idx + len(t.text) for t in tokens))
        return self._emit(sources, targets, code, rule, modality, confidence, date, sent, evidence)

    def _dyad(self, tok, pred, row, extra):
        """(sources, targets, passive) as token heads."""
        sources: list = []
        targets: list = []
        passive = False
        subj_from = tok
        # a complement or coordinated verb without its own subject takes its governor's
        seen = 0
        while seen < 4:
            seen += 1
            subs = [c for c in subj_from.children if c.dep_ in _SUBJ]
            pas = [c for c in subj_from.children if c.dep_ in _PASS_SUBJ]
            if subs or pas:
                break
            if subj_from.dep_ in ("xcomp", "conj", "advcl") and subj_from.head is not subj_from:
                subj_from = subj_from.head
                continue
            if subj_from.dep_ in ("relcl", "acl") and subj_from.head.pos_ in _NOUN_POS:
                sources = [subj_from.head]
            break
        subs = [c for c in subj_from.children if c.dep_ in _SUBJ]
        pas = [c for c in subj_from.children if c.dep_ in _PASS_SUBJ]
        if subs:
            sources = _coordinated(subs[0])
        elif pas and subj_from is not tok:  # "Russia is set to speak with": the governor's subject
            sources = _coordinated(pas[0])
        elif pas:
            passive = True
            targets = _coordinated(pas[0])
            agents = [c for c in tok.children if c.dep_ == "agent"] or [c for c in subj_from.children if c.dep_ == "agent"]
            for agent in agents:
                objs = [g for g in agent.children if g.dep_ == "pobj"]
                if objs:
                    sources = _coordinated(objs[0])
        if not passive:
            obj = _direct_object(pred)
            if obj is None and pred is not tok:
                obj = _direct_object(tok)
            if obj is not None:
                # "rejected NATO's demand": the possessor is the target when there is one
                poss = [c for c in obj.children if c.dep_ == "poss"]
                if poss and obj.lemma_.casefold() not in ("troop", "force", "soldier"):
                    targets = _coordinated(poss[0])
                else:
                    targets = _coordinated(obj)
            if not targets:
                dative = [c for c in tok.children if c.dep_ == "dative"]
                if dative:
                    targets = _coordinated(dative[0])
            if not targets:
                targets = _prep_target(pred) or _prep_target(tok)
            if row.code[:2] != "01":
                if not targets:  # "accused Western governments advancing": the clause's subject
                    for c in tok.children:
                        if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"):
                            subs = [g for g in c.children if g.dep_ in _SUBJ]
                            if subs and subs[0].pos_ != "PRON":
                                targets = _coordinated(subs[0])
                                break
                elif not any(self._has_country(t) for t in targets):
                    # "amassed troops near the border with Ukraine", "supply arms to Israel":
                    # an object that is no actor gives way to a country further on
                    further = _deep_prep_target(pred, self._has_country) or _deep_prep_target(tok, self._has_country)
                    if further:
                        targets = further
        return sources, targets, passive

    def _has_country(self, tok) -> bool:
        start, end = _np_bounds(tok)
        resolved = resolve_actor(self.text[start:end], self.day, tables=self.tables)
        return resolved is not None and resolved.country is not None

    # -- event nouns ---------------------------------------------------------------------
    def _nominal(self, tok, row: LexRow, extra, sent, date):
        sources, targets = [], []
        for c in tok.children:
            if c.dep_ == "poss":
                sources = _coordinated(c)
            elif c.dep_ == "prep" and c.text.casefold() == "by":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs and not sources:
                    sources = _coordinated(objs[0])
            elif c.dep_ == "compound" and not sources and _span_text(self.text, c) and self._code_of(c):
                sources = [c]
        if not sources:
            return []
        targets = _prep_target(tok, exclude=("by",))
        if targets:  # "rejection of its demands": the possessor of the thing acted on
            poss = [c for c in targets[0].children if c.dep_ == "poss"]
            if poss:
                targets = _coordinated(poss[0])
        if not targets and row.code[:2] not in ("13", "15"):
            return []
        modality = "denied" if any(c.dep_ == "det" and c.text.casefold() == "no" for c in tok.children) else "asserted"
        first = min([tok, *extra], key=lambda t: t.idx)
        evidence = _span(self.text, first.idx, tok.idx + len(tok.text))
        return self._emit(sources, targets, row.code, row.rule, modality, 0.5, date, sent, evidence)

    # -- actors and records ----------------------------------------------------------------
    def _emit(self, sources, targets, code, rule, modality, confidence, date, sent, evidence) -> list[Event]:
        info = code_info(code)
        events = []
        target_actors = [self._actor(t, date) for t in targets] or [None]
        for s in sources:
            source = self._actor(s, date)
            for target in target_actors:
                if target is not None and source.start == target.start:
                    continue
                known = lambda a: a is not None and (a.code or a.entity_id)  # noqa: E731
                if self.require_actor and not (known(source) or known(target)):
                    continue
                conf = confidence + (0.1 if source.code else -0.1) + (0.05 if target is not None and target.code else 0)
                events.append(Event(
                    source=source, target=target, code=info.code, root=info.root, goldstein=info.goldstein,
                    quad_class=info.quad_class, plover=Plover(info.plover_type, info.plover_mode) if info.plover_type else None,
                    date=date.isoformat() if date else None, sentence=(sent.start_char, sent.end_char),
                    evidence=evidence, modality=modality, confidence=round(min(1.0, max(0.0, conf)), 3), rule=rule,
                ))  # fmt: skip
        return events

    def _actor(self, head, date) -> Actor:
        head = _antecedent(head)
        start, end = _np_bounds(head)
        span = self.text[start:end]
        entity = self.mentions.get((start, end)) or self.mentions.get((head.idx, head.idx + len(head.text)))
        speaker = self.speaker_at.get((start, end)) or self.speaker_at.get((head.idx, head.idx + len(head.text)))
        name, entity_id, query, role = None, None, span, None
        if entity is not None:
            entity_id, query, role = entity.id, entity.name, entity.role
        elif speaker is not None:
            query, entity_id, role = speaker.name, speaker.entity_id, speaker.role
        elif head.pos_ == "PRON":
            found = False
            for c_start, c_end, sp in self.speakers:
                verb = head.head
                if c_start <= verb.idx < c_end:
                    query, entity_id, role = sp.name, sp.entity_id, sp.role
                    found = True
                    break
            if not found:
                reporter = _reporting_subject(head)
                if reporter is not None:
                    return self._actor(reporter, date)
                if head.text.casefold() in ("its", "it"):
                    country = self._context_country(head.idx, head.sent.start_char, True)
                    if country:
                        return Actor(country, country, span, start, end, None, "context-country")
                if head.text.casefold() in ("he", "she", "him", "her"):
                    # the last person quoted before it, else the last person named
                    earlier = [p for p in self.quoted if p[0] < head.idx] or [p for p in self.people if p[0] < head.idx]
                    if earlier:
                        _, query, entity_id, role = earlier[-1]
        resolved = resolve_actor(query, date, role=role, tables=self.tables) if query else None
        if query != span and head.pos_ != "PRON":  # the words of the text may say more ("U.S. Secretary of State ...")
            own = resolve_actor(span, date, tables=self.tables)
            if own is not None and own.country and (resolved is None or not resolved.country):
                resolved = own
        if resolved is not None and not resolved.country and resolved.sector:
            local = bool(re.search(r"\b(?:the country|its)\b", span, re.I))
            if local or entity_id is not None:
                country = self._context_country(start, head.sent.start_char, local, entity_id)
                if country:
                    return Actor(country + resolved.sector, resolved.name, span, start, end, entity_id, "context-country")
        if resolved is not None:
            name = resolved.name
            return Actor(resolved.code, name, span, start, end, entity_id, resolved.source)
        return Actor(None, name, span, start, end, entity_id, "unresolved")

    def _code_of(self, tok):
        return resolve_actor(tok.text, self.day, tables=self.tables)


# -- parse helpers ---------------------------------------------------------------------------
_RELATIVE = frozenset({"who", "whom", "which", "that"})


def _antecedent(tok):
    """The noun a relative pronoun stands for; X for "that of X"."""
    if tok.text.casefold() in _RELATIVE and tok.tag_ in ("WP", "WDT", "WP$") and tok.head.dep_ == "relcl":
        return tok.head.head
    if tok.lemma_.casefold() in ("that", "those") and tok.pos_ in ("DET", "PRON"):
        for c in tok.children:
            if c.dep_ == "prep" and c.text.casefold() == "of":
                objs = [g for g in c.children if g.dep_ == "pobj"]
                if objs:
                    return objs[0]
    return tok


def _reporting_subject(pron):
    """"Obama said he would ...": the subject of the speech verb whose reported clause has
    ``pron`` as its subject; None otherwise."""
    if pron.dep_ not in _SUBJ + _PASS_SUBJ:
        return None
    verb = pron.head
    for _ in range(3):
        if verb.dep_ in ("ccomp",) and verb.head is not verb:
            subs = [c for c in verb.head.children if c.dep_ in _SUBJ and c.pos_ != "PRON"]
            return subs[0] if subs else None
        if verb.dep_ in ("xcomp", "conj") and verb.head is not verb:
            verb = verb.head
            continue
        break
    return None


def _noun_content(tok) -> bool:
    """A verb that is the content of a noun: "the demand to halt", "the threat of X invading"."""
    if tok.dep_ == "acl" and tok.head.pos_ == "NOUN" and any(c.dep_ == "aux" and c.text.casefold() == "to" for c in tok.children):
        return True
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head.pos_ == "NOUN" and tok.tag_ == "VBG":
        return True
    return False


def _keep(event) -> bool:
    known = event.target is not None and (event.target.code or event.target.entity_id)
    if event.root in ("01", "02") and not known:
        return False  # "X said (in a videoconference)", "forces seek to ...": no dyad
    if event.root in ("01", "02") and event.modality == "denied":
        return False  # a statement or appeal not made is no event ("is not seeking war")
    if event.target is None and event.modality == "denied":
        return False
    return True


_DEEP_PREPS = frozenset(_TARGET_PREPS) | {"near", "along", "toward", "towards", "across", "inside"}


def _deep_prep_target(tok, accept, depth: int = 5):
    """The first noun in ``tok``'s prepositional phrases (nested up to ``depth``) that
    ``accept`` takes ("close to the border with Ukraine" -> Ukraine)."""
    frontier = [tok]
    for _ in range(depth):
        nxt = []
        for node in frontier:
            for c in node.children:
                if c.dep_ == "prep" and c.text.casefold() not in _DEEP_PREPS:
                    continue
                if c.dep_ in ("prep", "amod", "advmod", "dobj", "obj", "npadvmod", "acl"):
                    for g in ([c] if c.dep_ in ("dobj", "obj") else c.children):
                        if g.dep_ in ("pobj", "dobj", "obj") and g.pos_ in _NOUN_POS and g is not tok:
                            if accept(g):
                                return _coordinated(g)
                            nxt.append(g)
                    if c.dep_ in ("amod", "advmod", "prep", "acl"):
                        nxt.append(c)
        frontier = nxt
    return []


def _direct_object(tok):
    for c in tok.children:
        if c.dep_ in ("dobj", "obj"):
            return c
    return None


def _complement(tok):
    """The "to"-complement verb of a governing verb (xcomp; "urge X to ..." parses the same)."""
    for c in tok.children:
        if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX"):
            return c
        if c.dep_ == "ccomp" and c.pos_ == "VERB" and any(g.dep_ == "aux" and g.text.casefold() == "to" for g in c.children):
            return c
    return None


def _intent_governor(tok):
    """The verb that makes ``tok`` intended ("plans to meet", "is set to speak"), if any."""
    head = tok.head
    if tok.dep_ == "xcomp" and head is not tok:
        if head.lemma_.casefold() in INTENT_VERBS:
            return head
        if head.lemma_.casefold() == "be" and any(c.dep_ == "aux" and c.text.casefold() == "to" for c in tok.children):
            return head  # "is to meet"
    return None


def _has_will(tok) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.text.casefold() in _WILL for c in tok.children) or any(
        c.dep_ == "aux" and c.lemma_.casefold() == "go" for c in tok.children
    )


def _negated(tok) -> bool:
    return any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.text.casefold() == "never") for c in tok.children)


def _conditional(tok) -> bool:
    if any(c.dep_ == "mark" and c.text.casefold() in ("if", "unless") for c in tok.children):
        return True
    return any(
        c.dep_ == "advcl" and any(g.dep_ == "mark" and g.text.casefold() in ("if", "unless") for g in c.children)
        for c in tok.children
    )


def _coordinated(head) -> list:
    """A noun and the nouns coordinated with it ("the U.S. and NATO" -> U.S., NATO)."""
    out = [head]
    for c in head.children:
        if c.dep_ == "conj" and c.pos_ in _NOUN_POS:
            out.extend(_coordinated(c))
    return out


def _prep_target(tok, exclude: Sequence[str] = ()):
    for c in tok.children:
        if c.dep_ == "prep" and c.text.casefold() in _TARGET_PREPS and c.text.casefold() not in exclude:
            objs = [g for g in c.children if g.dep_ == "pobj" and g.pos_ in _NOUN_POS]
            if objs:
                return _coordinated(objs[0])
    return []


_NP_LEFT_SKIP = ("cc", "preconj", "punct", "conj", "appos", "relcl", "acl", "prep", "advmod")
_NP_RIGHT_KEEP = ("compound", "flat", "nummod")


def _np_bounds(head) -> tuple[int, int]:
    """Character bounds of a noun phrase without its coordinated or clausal parts."""
    start = head.idx
    end = head.idx + len(head.text)
    for c in head.lefts:
        if c.dep_ in _NP_LEFT_SKIP:
            continue
        sub = list(c.subtree)
        start = min(start, sub[0].idx)
    for c in head.rights:
        if c.dep_ in _NP_RIGHT_KEEP or (c.dep_ == "prep" and c.text.casefold() == "of"):
            sub = list(c.subtree)
            end = max(end, sub[-1].idx + len(sub[-1].text))
    return start, end


def _span_text(text, tok) -> str:
    return text[tok.idx: tok.idx + len(tok.text)]


def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


# -- dates --------------------------------------------------------------------------------
def _as_date(value) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _sentence_date(sentence: str, day: dt.date | None) -> dt.date | None:
    """The article date, or the day a weekday or "yesterday" in the sentence names,
    resolved against it (the nearest such day on or before the article date; "next X" and
    "tomorrow" after it)."""
    if day is None:
        return None
    m = _RELDAY_RE.search(sentence)
    if m:
        return day + dt.timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1}[m.group(1).casefold()])
    m = _WEEKDAY_RE.search(sentence)
    if m:
        target = _WEEKDAYS.index(m.group(1).casefold())
        if m.group(0).casefold().startswith("next"):
            return day + dt.timedelta(days=(target - day.weekday()) % 7 or 7)
        return day - dt.timedelta(days=(day.weekday() - target) % 7)
    return day
