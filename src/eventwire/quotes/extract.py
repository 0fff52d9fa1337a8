"""Quotes and their speakers from an article's text and its spaCy Doc.

Cheap first: quote marks are found with one regular expression and cue verbs with
one vectorised lemma lookup over the Doc's arrays; the parse is only read around
those hits. Each quoted stretch is either *standalone* (nothing but a cue frame
beside it in its sentence: a direct quote) or *embedded* in a clause (a partial
quote, reported as the whole clause its cue governs). Cue verbs whose content is
not already a direct quote give indirect speech. Records without a speaker in
their own clause carry the running quotation's speaker, as news writing implies.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np

from eventwire.model import Entity, Quote, Span, Speaker
from eventwire.quotes.lexicon import Lexicon, lexicon
from eventwire.quotes.marks import Quoted, find_quoted, paragraph_spans
from eventwire.quotes.speakers import Resolver

TERMINATOR_RE = re.compile(r"[.!?][\"”»’']?\s+")
#: A cue this far (characters) after a closing mark still frames the quote: ', said police Chief X'.
FRAME_AFTER = 70
#: Running speakers are carried over at most this many paragraphs.
RUNNING_PARAGRAPHS = 3
SUBJECT_DEPS = ("nsubj", "nsubjpass")
CLIMB_DEPS = ("conj", "xcomp", "advcl", "pcomp", "prep", "acl", "ccomp")
TRIM = " \t\n,;:—–-"


@dataclass
class Draft:
    start: int
    end: int
    kind: str
    cue: object | None = None  # the cue Token
    subject: object | None = None  # the speaker's head Token
    speaker: Speaker | None = None
    open_end: bool = False  # a direct quote whose closing mark is missing (it runs on)


def extract_quotes(text: str, doc, date: str | None = None) -> tuple[list[Entity], list[Quote]]:
    """Entities (people and organisations) and quotes of one article; `doc` is the parse of `text`.

    `date` (ISO, the article's publication date) dates the office holders a role with no named
    holder resolves to ("Russia's top diplomat"); undated, such a role only goes to a holder of
    that office the article names elsewhere."""
    lex = lexicon()
    if not text.strip() or len(doc) == 0:
        return [], []
    cues = _cue_tokens(doc, lex)
    cue_starts = [t.idx for t in cues]
    paragraphs = paragraph_spans(text)
    para_starts = [s for s, _ in paragraphs]
    quoted = find_quoted(text)

    drafts, embedded, used = _direct(text, doc, quoted, cues, cue_starts, paragraphs, para_starts)
    drafts += _indirect(text, doc, cues, used, quoted, drafts, embedded, lex, paragraphs, para_starts)
    drafts.sort(key=lambda d: (d.start, d.end))

    resolver = Resolver(text, doc, lex, [d.subject for d in drafts if d.subject is not None], date)
    if doc.has_annotation("SENT_START"):  # a tokenizer-only Doc has no sentences to vote in
        resolver.learn_gender(_pronoun_tokens(doc, lex))
    _assign_speakers(drafts, resolver, para_starts)
    quotes = [
        Quote(
            text[d.start : d.end],
            d.start,
            d.end,
            d.kind,
            Span(d.cue.idx, d.cue.idx + len(d.cue.text), d.cue.text) if d.cue is not None else None,
            d.speaker,
        )
        for d in drafts
        if d.end > d.start
    ]
    used_ids = resolver.used
    entities = [e for e in resolver.entities() if e.type == "person" or e.id in used_ids]
    return entities, quotes


# -- finding cues ---------------------------------------------------------------------------


def _lemma_hits(doc, words) -> np.ndarray:
    from spacy.attrs import LEMMA

    hashes = np.array([doc.vocab.strings.add(w) for w in words], dtype="uint64")
    lemmas = doc.to_array([LEMMA]).reshape(-1).astype("uint64")
    return np.flatnonzero(np.isin(lemmas, hashes))


def _cue_tokens(doc, lex: Lexicon) -> list:
    out = []
    for i in _lemma_hits(doc, list(lex.cues)):
        tok = doc[int(i)]
        kind = lex.cues.get(tok.lemma_.lower())
        if kind == "according":
            if tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                out.append(tok)
        elif tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB"):
            out.append(tok)
    return out


def _pronoun_tokens(doc, lex: Lexicon) -> list:
    from spacy.attrs import LOWER

    forms = [f for f, (g, _) in lex.pronouns.items() if g in ("m", "f")]
    hashes = np.array([doc.vocab.strings.add(w) for w in forms], dtype="uint64")
    lowers = doc.to_array([LOWER]).reshape(-1).astype("uint64")
    return [doc[int(i)] for i in np.flatnonzero(np.isin(lowers, hashes))]


def _cues_between(cues, cue_starts, start: int, end: int) -> list:
    lo = bisect.bisect_left(cue_starts, start)
    hi = bisect.bisect_left(cue_starts, end)
    return cues[lo:hi]


# -- direct quotes --------------------------------------------------------------------------


def _clause_bounds(text: str, q: Quoted, prev_end: int, next_start: int, para: tuple[int, int]) -> tuple[int, int]:
    """Where the sentence around a quoted stretch starts and ends, never crossing another stretch."""
    lo = max(para[0], prev_end)
    left = lo
    for m in TERMINATOR_RE.finditer(text, lo, q.start):
        left = m.end()
    hi = min(para[1], next_start)
    m = TERMINATOR_RE.search(text, q.end, hi)
    right = m.start() + 1 if m else hi
    return left, right


def _direct(text, doc, quoted, cues, cue_starts, paragraphs, para_starts):
    drafts: list[Draft] = []
    embedded: list[Quoted] = []
    used: set[int] = set()
    for n, q in enumerate(quoted):
        para = paragraphs[bisect.bisect_right(para_starts, q.start) - 1]
        prev_end = quoted[n - 1].end if n and quoted[n - 1].end > para[0] else para[0]
        next_start = quoted[n + 1].start if n + 1 < len(quoted) and quoted[n + 1].start < para[1] else para[1]
        lb, rb = _clause_bounds(text, q, prev_end, next_start, para)
        left = text[lb : q.start].strip()
        right = text[q.end : rb].strip()
        left_cues = _cues_between(cues, cue_starts, lb, q.start)
        right_cues = [t for t in _cues_between(cues, cue_starts, q.end, rb) if t.idx - q.end <= FRAME_AFTER]
        if left:
            left_ok = left.endswith(":") or bool(left_cues) and _frame_ends_left(left, left_cues[-1], q.start)
        else:
            # Right after another stretch with no sentence end between: a list of quoted words.
            left_ok = lb != prev_end or lb == para[0] or _ends_sentence(text, quoted[n - 1])
        if right.strip(".!?;") and not (right_cues and right[:1] not in "([") and _closes_sentence(text, q, right):
            # '"We will rebuild." Work starts in May.': the quote is a sentence of its own.
            right, right_cues, right_ok = "", [], True
        elif right.strip(".!?;"):
            right_ok = bool(right_cues) and right[:1] not in "(["
        else:
            right_ok = rb != next_start or rb == para[1] or _ends_sentence(text, q)
        if not (left_ok and right_ok) or not _has_words(text, q):
            embedded.append(q)
            continue
        cue = right_cues[0] if right_cues else (left_cues[-1] if left_cues else None)
        if right_cues and left_cues and not _punctuated_end(text, q, right):
            # 'arguing that Oslo had "walked away" by insisting on cuts': with no comma or stop
            # closing the quote, the words after it go on with the reported clause, not a new frame.
            cue = left_cues[-1]
        subject = _subject_of(cue) if cue is not None else None
        if cue is not None:
            used.add(cue.i)
        drafts.append(Draft(q.start, q.end, "direct", cue, subject, open_end=not q.closed))
    return drafts, embedded, used


def _frame_ends_left(left: str, cue, quote_start: int) -> bool:
    """'Lavrov said,' / 'He told reporters' right before the opening mark."""
    return left.endswith((",", "—", "–")) or quote_start - (cue.idx + len(cue.text)) <= 25


def _punctuated_end(text: str, q: Quoted, right: str) -> bool:
    """'"...," he said' / '"...": a frame may follow; '"walked away" by insisting' cannot."""
    inner = text[q.start : q.end].rstrip("\"”»’'")
    return inner.endswith((",", ".", "!", "?", "…", ";", ":", "—", "–", "-")) or right[:1] in ",;:—–-(["


def _ends_sentence(text: str, q: Quoted) -> bool:
    inner = text[q.start : q.end].rstrip("\"”»")
    return inner.endswith((".", "!", "?", "…"))


def _closes_sentence(text: str, q: Quoted, right: str) -> bool:
    """A closed quote ending in a full stop (or ! ?) with a new sentence starting after it."""
    return q.closed and _ends_sentence(text, q) and (right[:1].isupper() or right[:1] in "\"“«(")


def _has_words(text: str, q: Quoted) -> bool:
    return any(ch.isalnum() for ch in text[q.start : q.end])


# -- indirect and partial -------------------------------------------------------------------


def _indirect(text, doc, cues, used, quoted, drafts, embedded, lex, paragraphs, para_starts) -> list[Draft]:
    out: list[Draft] = []
    direct_spans = sorted((d.start, d.end) for d in drafts)
    quoted_spans = [(q.start, q.end) for q in quoted]
    q_starts = [s for s, _ in quoted_spans]
    emb_starts = [q.start for q in embedded]
    cue_starts = [t.idx for t in cues]
    outer_subject: dict[int, object] = {}  # a participle cue cut off another cue's content -> that cue's speaker
    last_end = -1
    for cue in cues:
        if cue.i in used or cue.idx < last_end or _inside(q_starts, quoted_spans, cue.idx):
            continue
        if cue.tag_ == "VB" and doc.has_annotation("SENT_START") and cue.i == cue.sent.start:
            continue  # an imperative: 'Tell him why you like it.'
        p_start, p_end = paragraphs[bisect.bisect_right(para_starts, cue.idx) - 1]
        found = _content_of(doc, cue, lex, p_start, p_end)
        if found is None:
            continue
        if not _sentence_closed(text, cue, p_end):
            continue  # a headline, not reported speech
        start, end, subject = found
        subject = outer_subject.get(cue.i, subject)
        pieces = [(start, end)]
        cut = _next_cue_clause(doc, cues, cue_starts, cue, start, end)
        if cut is not None:
            # '..., saying X' / '... and alleges that X': the next cue's clause is its own record.
            pieces = [(start, cut[0])]
            if subject is not None:
                outer_subject[cut[1].i] = subject
        after = _after_frame(doc, cue, subject, start, end, p_end, cues, cue_starts)
        if after is not None:
            pieces.append(after)  # '..., he said, but Y': the clause after the frame
        for start, end in pieces:
            start, end = _trim(text, max(start, p_start), min(end, p_end))
            if end - start < 8 or _overlaps(direct_spans, start, end):
                continue
            kind = "indirect"
            # A quoted stretch cut by the content's edge belongs to it whole.
            k = bisect.bisect_left(emb_starts, start - 1)
            while k > 0 and embedded[k - 1].end > start:
                k -= 1
            while k < len(embedded) and embedded[k].start < end:
                e = embedded[k]
                if e.end > start:
                    start, end, kind = min(start, e.start), max(end, e.end), "partial"
                k += 1
            out.append(Draft(start, end, kind, cue, subject))
            last_end = max(last_end, end)
    return out


def _next_cue_clause(doc, cues, cue_starts, cue, start: int, end: int):
    """(cut position, cue) of the first other cue inside [start, end) that opens a clause of its own:
    a participle after a comma ('..., saying X', '..., noting that X') or a coordinated speech verb
    ('says X and alleges that Y'), each with its own complement."""
    for other in _cues_between(cues, cue_starts, max(start, cue.idx + 1), end):
        if other.i == cue.i or other.i < 2 or _complement(other) is None:
            continue
        before = doc[other.i - 1]
        participle = other.tag_ == "VBG" and before.text in (",", ";", "—", "–")
        coordinated = other.dep_ == "conj" and before.dep_ == "cc" and other.head.i < other.i
        if participle or coordinated:
            return before.idx, other
    return None


def _after_frame(doc, cue, subject, start: int, end: int, p_end: int, cues, cue_starts):
    """'A, he said, but B' / 'A, Scheer said, that B': the clause after a mid-sentence frame, when
    the content found is A (it ends before the frame)."""
    if not doc.has_annotation("SENT_START") or end > cue.idx:
        return None
    sent_end = cue.sent.end
    i = cue.i + 1
    while i < sent_end and i - cue.i <= 6 and doc[i].text not in (",", "—", "–"):
        if doc[i].tag_ in FINITE_TAGS or doc[i].text in ('"', "“", "”", "«", "»", ":"):
            return None
        i += 1
    if i >= sent_end - 3 or doc[i].text not in (",", "—", "–"):
        return None
    first = doc[i + 1]
    lead = doc[i + 2] if first.dep_ == "cc" and i + 2 < sent_end else first
    if lead.tag_ == "VBG" or lead.lower_ in ("which", "who", "as") or (lead.pos_ in ("SCONJ", "ADP") and lead.lower_ != "that"):
        return None  # '..., adding that B' (that cue reports B), '..., though B', '..., raising ...'
    last = sent_end - 1
    while last > first.i and (doc[last].is_punct or doc[last].idx >= p_end):
        last -= 1
    if last - first.i < 3 or not any(doc[k].pos_ in ("VERB", "AUX") for k in range(first.i, last + 1)):
        return None
    return first.idx, _end_char(doc[last])


def _sentence_closed(text: str, cue, p_end: int) -> bool:
    """Whether the cue's sentence, within its paragraph, ends as prose does (a headline does not)."""
    end = min(cue.sent.end_char, p_end) if cue.doc.has_annotation("SENT_START") else p_end
    tail = text[max(cue.idx, end - 4) : end].rstrip()
    return bool(tail) and tail[-1] in ".!?\"”»’')"


def _inside(starts, spans, pos: int) -> bool:
    k = bisect.bisect_right(starts, pos) - 1
    return k >= 0 and spans[k][0] < pos < spans[k][1]


def _overlaps(spans, start: int, end: int) -> bool:
    k = bisect.bisect_left(spans, (end, end))
    return k > 0 and spans[k - 1][1] > start and spans[k - 1][0] < end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in TRIM:
        start += 1
    while end > start and (text[end - 1] in TRIM or text[end - 1] in ".!?"):
        end -= 1
    return start, end


def _content_of(doc, cue, lex, p_start: int = 0, p_end: int | None = None):
    """(start, end, subject token) of what `cue` reports, or None.

    Only the cue's own paragraph counts: the parser often runs a headline or the
    paragraph before into the cue's sentence, and then hangs the wrong clause on it.
    """
    if p_end is None:
        p_end = len(doc.text)
    if lex.cues.get(cue.lemma_.lower()) == "according":
        return _according(doc, cue)
    subject = _subject_of(cue)
    comp = _complement(cue)
    if comp is not None and not p_start <= comp.idx < p_end:
        comp = None  # a clause of another paragraph
    if comp is not None:
        start = comp.left_edge.idx
        if comp.i > cue.i:
            # 'said smaller brewers who ... are likely': the clause's subject parsed as the cue's object.
            for child in cue.rights:
                if (
                    child.dep_ == "dobj"
                    and child.i < comp.left_edge.i
                    and child.pos_ != "PRON"
                    and cue.lemma_.lower() not in LISTENER_CUES
                    and _finite_verb_between(doc, child.i, comp.i)
                ):
                    start = min(start, child.left_edge.idx)
                    break
        return start, _end_char(comp.right_edge), subject
    if (
        cue.head.i < cue.i
        and cue.dep_ in ("parataxis", "ccomp", "conj", "advcl")
        and not any(c.dep_ == "prep" and c.lower_ == "as" for c in cue.rights)
    ):
        # 'Talks will resume, he said': the content is the clause before the frame; not
        # '..., a move officials described as a gesture': that verb's content is its 'as' phrase.
        frame = subject.left_edge.i if subject is not None and subject.i < cue.i else cue.i
        sent = cue.sent
        if frame - sent.start >= 3 and doc[frame - 1].text in (",", "—", "–", '"', "”"):
            return sent.start_char, _end_char(doc[frame - 1]), subject
    return _clause_after(doc, cue, subject, p_end)


#: Verbs whose object, when it holds a finite clause, is what was said ('said unemployment ... has').
OBJECT_CLAUSE_CUES = frozenset({"say", "tell", "add", "claim", "allege", "insist", "argue", "note", "write", "explain", "state", "warn", "admit", "acknowledge", "concede"})
#: Verbs whose object is the listener, never the start of what was said.
LISTENER_CUES = frozenset({"tell", "ask", "advise", "urge", "warn", "remind", "assure", "inform"})
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite_verb_between(doc, lo: int, hi: int) -> bool:
    return any(doc[i].tag_ in FINITE_TAGS for i in range(lo, min(hi + 1, len(doc))))


def _clause_after(doc, cue, subject, p_end: int):
    """The words after the cue when the parse found no complement but they hold a finite clause:
    'Garland said unemployment and lost earning power have ...', 'DeBoer said having X back was ...'."""
    if cue.lemma_.lower() not in OBJECT_CLAUSE_CUES or cue.i + 2 >= len(doc):
        return None
    if subject is not None and subject.i > cue.i:
        return None  # 'said police Chief X': the words after the cue are its speaker
    if any(c.dep_ == "neg" for c in cue.children):
        return None  # 'can't say', 'did not tell'
    first = cue.i + 1
    if cue.lemma_.lower() == "tell":  # 'told HuffPost Canada the laws ...': not the listener
        while first < len(doc) and doc[first].dep_ in ("dative", "compound") and doc[first].head.i <= doc[first].i + 3:
            if doc[first].dep_ == "dative":
                first += 1
                break
            first += 1
    if first >= len(doc) or doc[first].is_punct or doc[first].pos_ in ("ADP", "SCONJ", "ADV"):
        return None
    sent_end = cue.sent.end if doc.has_annotation("SENT_START") else len(doc)
    last = max(cue.right_edge.i, first)
    last = min(last, sent_end - 1)
    while last > first and doc[last].idx >= p_end:
        last -= 1
    if last - first < 2:
        return None
    # A finite verb that is the clause's own, not one inside a relative clause of a noun.
    for i in range(first, min(last, first + 80) + 1):
        tok = doc[i]
        if tok.tag_ not in FINITE_TAGS:
            continue
        node, ok = tok, True
        for _ in range(6):
            if node.i == cue.i:
                break
            if node.dep_ in ("relcl", "acl", "pcomp", "advcl", "prep", "pobj"):
                ok = False
                break
            node = node.head
        if ok and node.i == cue.i:
            return doc[first].idx, _end_char(doc[last]), subject
    return None


def _complement(cue):
    for child in cue.children:
        if child.dep_ == "ccomp" and _swallowed_subject(cue, child) is None:
            return child
    for child in cue.children:  # 'quoted X as saying ...', 'said, adding ...'
        if child.dep_ in ("xcomp", "advcl") and child.lemma_ in ("say",):
            for grand in child.children:
                if grand.dep_ == "ccomp":
                    return grand
    return None


def _according(doc, cue):
    """'according to X' before or after the content: the rest of the sentence is the content."""
    to = doc[cue.i + 1]
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    sent = cue.sent
    phrase_end = _end_char((source or to).right_edge) if source is not None else _end_char(to)
    if cue.i - sent.start >= 3 and doc[cue.i - 1].text == ",":
        return sent.start_char, cue.idx, source
    if sent.end_char - phrase_end > 10:
        return phrase_end, sent.end_char, source
    return None


def _end_char(tok) -> int:
    return tok.idx + len(tok.text)


def _swallowed_subject(cue, clause):
    """The cue's own subject when the parse made it a clause the cue reports: 'Toronto city councillor
    and tenants advocate Josh Matlow told X ...', with 'advocate' read as a verb whose object is the
    name. Such a clause ends right before the cue with nothing between, its last word a name, and the
    cue has no subject of its own; the name is then the speaker, never part of what was said."""
    if clause.i > cue.i or clause.right_edge.i != cue.i - 1:
        return None
    if any(c.dep_ in SUBJECT_DEPS for c in cue.children if c.i != clause.i):
        return None
    last = clause.right_edge
    if last.pos_ != "PROPN" or not any(c.dep_ == "ccomp" and c.i > cue.i for c in cue.children):
        return None
    return last


def _in_paragraph(cue, tok) -> bool:
    """Whether `tok` is in the cue's paragraph (its line): no line break between them."""
    lo, hi = sorted((tok.i, cue.i))
    return not any(_breaks_line(t) for t in cue.doc[lo:hi])


def _breaks_line(tok) -> bool:
    return "\n" in tok.text or "\n" in tok.whitespace_


def _paragraph_subject(cue, subject):
    """A subject the parse took from a headline or caption run into the cue's sentence ('Ipsos poll'
    on the line before 'A spokeswoman for Trudeau said'): the noun phrase of the cue's own line
    before it, if there is one, else none."""
    doc, first = cue.doc, cue.i
    while first > 0 and cue.i - first < 80 and not _breaks_line(doc[first - 1]):
        first -= 1
    verb = subject.head  # the cue, or the verb a participle cue hangs from ('said ..., noting')
    anchor = verb if first <= verb.i <= cue.i else cue
    best = None
    for k in range(first, anchor.i):
        tok = doc[k]
        if tok.pos_ not in ("NOUN", "PROPN", "PRON") or first <= tok.head.i < anchor.i:
            continue
        if tok.head.i == anchor.i and tok.dep_ in SUBJECT_DEPS:
            return tok
        if best is None:
            best = tok
    return best


def _subject_of(cue):
    """The speaker's head token for a cue, in the cue's own paragraph."""
    subject = _subject_in_parse(cue)
    if subject is not None and not _in_paragraph(cue, subject):
        return _paragraph_subject(cue, subject)
    if subject is None:
        for child in cue.children:
            if child.dep_ == "ccomp":
                swallowed = _swallowed_subject(cue, child)
                if swallowed is not None:
                    return swallowed
    return subject


def _subject_in_parse(cue):
    """The speaker's head token for a cue, climbing through 'as saying' and 'adding' chains."""
    tok = cue
    for _ in range(4):
        if tok.lemma_ in ("quote", "cite") and tok is not cue:
            for c in tok.children:
                if c.dep_ == "dobj":
                    return c  # relayed: 'Reuters quoted Sullivan as saying'
        for c in tok.children:
            if c.dep_ in SUBJECT_DEPS and c.pos_ != "PUNCT":
                return c
        if tok.dep_ in CLIMB_DEPS and tok.head is not tok:
            tok = tok.head
            continue
        break
    for c in cue.rights:  # 'said police Chief Joseph Boinnet', parsed as an object
        if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd") and c.pos_ in ("PROPN", "PRON", "NOUN"):
            return c
    return None


# -- speakers -------------------------------------------------------------------------------


def _continues_non_person(subject, running: Speaker | None, paragraphs_since: int) -> bool:
    return (
        subject.lower_ == "it"
        and running is not None
        and bool(running.name)
        and running.type in ("organisation", "unknown")
        and paragraphs_since <= 1
    )


def _assign_speakers(drafts: list[Draft], resolver: Resolver, para_starts: list[int]) -> None:
    running: Speaker | None = None
    running_para = -10
    for d in drafts:
        para = bisect.bisect_right(para_starts, d.start) - 1
        if d.subject is not None and _continues_non_person(d.subject, running, para - running_para):
            # 'The embassy said in a statement ... It said ...': "it" goes on with the body that just spoke.
            mention = Span(d.subject.idx, d.subject.idx + len(d.subject.text), d.subject.text)
            d.speaker = Speaker(running.entity_id, running.name, running.role, running.type, mention)
        elif d.subject is not None:
            context = None
            if running is not None and running.entity_id and para - running_para <= 1:
                context = (running.entity_id, running.mention.start if running.mention else d.start)
            d.speaker = resolver.speaker_for(d.subject, context)
        elif running is not None and para - running_para <= RUNNING_PARAGRAPHS:
            d.speaker = Speaker(running.entity_id, running.name, running.role, running.type, None)
        if d.speaker is not None and d.subject is not None:
            running, running_para = d.speaker, para
        elif d.speaker is not None:
            running_para = para
    # A run-on quote whose speaker is only named in the paragraph that continues it.
    for d, nxt in zip(reversed(drafts[:-1]), reversed(drafts[1:])):
        if d.open_end and d.subject is None and nxt.subject is not None and nxt.kind == "direct":
            if bisect.bisect_right(para_starts, nxt.start) - bisect.bisect_right(para_starts, d.start) == 1:
                d.speaker = Speaker(nxt.speaker.entity_id, nxt.speaker.name, nxt.speaker.role, nxt.speaker.type, None)
