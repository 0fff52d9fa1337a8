"""Within-article entities and the resolution of a speaker mention to one of them.

No coreference model runs offline here, so resolution is rules over what the Doc
already holds: named entities give the clusters (a surname joins the full name it
repeats), titles and appositives give roles and sometimes gender, and pronouns
seen right after a lone person mention give the rest of the gender evidence.
A pronoun or role noun then goes to the most recent agreeing person, looking
backwards first and forwards only when nothing earlier fits. A role with a country and
no holder in the article ("Russia's top diplomat") goes to the holder of that office on
the article date, from the office-holder tables of eventwire.actors.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache

from eventwire.model import Entity, Span, Speaker
from eventwire.quotes.lexicon import Lexicon

PERSON_LABELS = frozenset({"PERSON"})
ORG_LABELS = frozenset({"ORG", "GPE", "NORP"})
#: How many person mentions back a pronoun or role noun may reach.
MAX_BACK = 12
#: How far forwards (characters) a role noun may look for the name it anticipates.
MAX_AHEAD = 1500
#: How far back (characters) a document speaker may reach for the issuer of an earlier document.
DOC_REACH = 3000
#: Verbs by which a body issues a document ('X released a report').
ISSUE_VERBS = frozenset({"release", "publish", "issue", "file", "produce", "prepare", "post", "submit", "commission", "launch", "send", "write", "lodge"})
POSSESSIVE = ("'s", "’s", "'", "’")
DETERMINERS = ("the ", "a ", "an ")
INITIALS_RE = re.compile(r"(?:[A-Z]\.){2,}")
#: Possessors that point back to the country the article is about ("the country's top diplomat").
COUNTRY_POSSESSORS = ("country's", "nation's", "country’s", "nation’s")


@dataclass
class Cluster:
    id: str
    name: str
    type: str  # person / organisation
    role: str | None = None
    gender: str = "-"  # m, f or - (unknown)
    votes: dict[str, int] = field(default_factory=lambda: {"m": 0, "f": 0})
    mentions: list[Span] = field(default_factory=list)
    org: bool = False  # an organisation NER labelled ORG (not a place or a nationality)
    #: Common nouns and adjectives the article describes the person with ('rookie defenceman
    #: Caleb Jones', 'Espinos, the affable proprietor'): what a later 'the rookie' refers back to.
    descr: set[str] = field(default_factory=set)

    def role_words(self) -> set[str]:
        return set((self.role or "").lower().replace(",", " ").split())


@dataclass
class Mention:
    start: int
    end: int
    cluster: Cluster
    subject: bool = False  # the subject of its clause: news prose keeps returning to these


def _strip_possessive(text: str) -> str:
    for suffix in POSSESSIVE:
        if text.endswith(suffix) and len(text) > len(suffix) + 1:
            return text[: -len(suffix)]
    return text


def _bare_org(text: str) -> str:
    low = text.lower()
    for det in DETERMINERS:
        if low.startswith(det):
            return text[len(det) :]
    return text


class Resolver:
    """Entities of one article and speaker resolution against them."""

    def __init__(self, text: str, doc, lex: Lexicon, subjects=(), date: str | None = None):
        self.text, self.doc, self.lex, self.date = text, doc, lex, date
        self._holders: dict[str, Cluster] = {}  # office holder's name -> the cluster made for them
        self._place_words: set[str] | None = None  # words of the places and nationalities NER found
        self.clusters: list[Cluster] = []
        self.people: list[Mention] = []  # person mentions in text order
        self.orgs: list[Mention] = []
        self._by_surname: dict[str, Cluster] = {}
        self._surnames: dict[str, list[tuple[int, int, str]]] = {}  # surname -> (position, order, cluster id), by position
        self._cluster_by_id: dict[str, Cluster] = {}
        self._by_org: dict[str, Cluster] = {}
        self._ent_at: dict[int, tuple[str, Cluster, int, int]] = {}  # token index -> (label, cluster, start, end)
        self.used: set[str] = set()
        self._issuers: list[tuple[int, Cluster]] | None = None
        self._build()
        self._add_named_subjects(subjects)
        self._expand_surnames()
        self._expand_org_names()
        self._surnames_labelled_as_places()
        self.people.sort(key=lambda m: m.start)
        self.orgs.sort(key=lambda m: m.start)
        self._people_starts = [m.start for m in self.people]
        self._org_starts = [m.start for m in self.orgs]

    # -- building --------------------------------------------------------------------------

    def _new(self, name: str, type_: str) -> Cluster:
        cluster = Cluster(f"E{len(self.clusters) + 1}", name, type_)
        self.clusters.append(cluster)
        self._cluster_by_id[cluster.id] = cluster
        return cluster

    def _build(self) -> None:
        ents = self.doc.ents
        # First words of organisations' names: 'Eastbridge said' after 'Eastbridge Rail Corporation'.
        self._org_firsts = {
            ent[0].lower_ for ent in ents if ent.label_ == "ORG" and len(ent) > 1 and ent[0].is_title
        }
        for ent in ents:
            if ent.label_ in PERSON_LABELS:
                self._add_person(_extend_name(ent))
        for ent in ents:
            if ent.label_ not in ORG_LABELS:
                continue
            if not any(ch.isupper() for ch in ent.text):
                continue  # 'the rookie defenceman' tagged ORG: a common noun phrase names no body
            # NER often labels a lone surname as an organisation once the full name is known.
            if _strip_possessive(ent.text.strip()).lower() in self._by_surname:
                self._add_person(ent)
            else:
                self._add_org(ent)

    def _add_named_subjects(self, subjects) -> None:
        """Speakers NER missed ('Lonechild said'): a capitalised proper-noun subject is a person."""
        for head in subjects:
            if head.i in self._ent_at or head.pos_ != "PROPN" or not head.text[:1].isupper():
                continue
            if head.lower_ in self.lex.titles or head.lower_ in self.lex.roles:
                continue
            first = head.i
            while first > 0 and self.doc[first - 1].dep_ == "compound" and self.doc[first - 1].pos_ == "PROPN":
                first -= 1
            self._add_person(self.doc[first : head.i + 1])

    def _surnames_labelled_as_places(self) -> None:
        """'by Nunes' tagged a place after 'Nunes said' made her a person: the person, there too."""
        moved: dict[tuple[int, int], Cluster] = {}
        for i, (kind, cluster, start, end) in list(self._ent_at.items()):
            if kind != "organisation" or " " in cluster.name:
                continue
            person = self._by_surname.get(cluster.name.lower())
            if person is None or person.type != "person":
                continue
            self._ent_at[i] = ("person", person, start, end)
            moved[(start, end)] = person
        if not moved:
            return
        self.orgs = [m for m in self.orgs if (m.start, m.end) not in moved]
        for (start, end), person in moved.items():
            person.mentions.append(Span(start, end, self.text[start:end]))
            self.people.append(Mention(start, end, person))

    def _expand_surnames(self) -> None:
        """A person only ever named by surname may still be written in full once, unrecognised."""
        for cluster in self.clusters[:200]:
            if cluster.type != "person" or " " in cluster.name:
                continue
            full = re.search(
                r"\b((?:[A-Z][\w'’.-]+ ){1,2})" + re.escape(cluster.name) + r"\b", self.text
            )
            if full is None:
                continue
            words = full.group(1).split()
            # A stop word is a capitalised sentence opener ("But Young said"), not a first name
            # ("Will Young"), unless the sentence really starts there.
            before = self.text[: full.start()].rstrip()
            opener = (not before or before[-1] in ".!?\"”:\n") and not self._name_compound(full.start())
            while words and (
                words[0].lower() in self.lex.titles or (opener and self.doc.vocab[words[0].lower()].is_stop)
            ):
                words = words[1:]
                opener = True
            if words and not any(w.lower() in self.lex.titles for w in words):
                cluster.name = " ".join(words + [cluster.name])

    def _expand_org_names(self) -> None:
        """An organisation NER only ever found by its short name may be written in full before it,
        unrecognised: 'The Kelowna Rockets ...' then 'the Rockets', 'The Parliamentary Budget
        Officer ...' then 'the PBO'. News names a body in full first, so only an earlier form counts."""
        for cluster in self.clusters[:200]:
            if cluster.type != "organisation" or not cluster.org or " " in cluster.name or not cluster.mentions:
                continue
            first = min(m.start for m in cluster.mentions)
            name = cluster.name
            if name.isupper() and 3 <= len(name) <= 6:
                spelled = _spelled_out(name, self.text[:first])
                if spelled is not None and not self.doc.vocab[spelled.split()[0].lower()].is_stop:
                    cluster.name = spelled
                continue
            found = re.search(r"\b((?:[A-Z][\w'’.-]+ ){1,2})" + re.escape(name) + r"\b", self.text[:first])
            if found is None:
                continue
            words = found.group(1).split()
            while words and (self.doc.vocab[words[0].lower()].is_stop or words[0].lower() in self.lex.titles):
                words = words[1:]  # 'The', 'But': a sentence opener, not part of the name
            if words and not any(w.lower() in self.lex.titles or w.endswith(POSSESSIVE) for w in words):
                cluster.name = " ".join(words + [name])

    def _name_compound(self, pos: int) -> bool:
        """Whether the word at character `pos` is parsed as part of the name after it ('Will Young, a
        mechanic, said'), not as a sentence opener ('But Young said')."""
        tok = self.doc.char_span(pos, pos + 1, alignment_mode="expand")
        if tok is None or not len(tok):
            return False
        tok = tok[0]
        return tok.dep_ == "compound" and tok.head.i == tok.i + 1 and tok.head.pos_ == "PROPN"

    def _title_before(self, first: int) -> tuple[str | None, str]:
        """The title written right before token `first` ("Foreign Minister"), and its gender."""
        doc, titles = self.doc, self.lex.titles
        i, gender, start = first - 1, "-", None
        reach = 4
        while i >= 0 and first - i <= reach:
            kind = titles.get(doc[i].lower_)
            if kind is None and start is None and reach == 4:
                # 'Ambassador to Moscow John Sullivan': a title's place or body, capitalised, before the name.
                j = i
                while j >= 0 and i - j < 3 and doc[j].is_title and doc[j].lower_ not in titles:
                    j -= 1
                if j >= 1 and j < i + 1 and j != i and doc[j].lower_ in ("to", "of", "for") and doc[j - 1].lower_ in titles:
                    start, i, reach = j, j - 1, 4 + (first - j)
                    continue
            if kind is None or (kind == "mod" and start is None):
                break  # a modifier only counts in front of a real title ("police Chief")
            if kind in ("m", "f"):
                gender = kind
            start, i = i, i - 1
        if start is None:
            return None, gender
        # Capitalised words before the title belong to it ('Trade Minister', 'Health Secretary').
        while start > 0 and first - start < 4:
            prev = doc[start - 1]
            capitalised = prev.is_title and prev.is_alpha or INITIALS_RE.fullmatch(prev.text) is not None  # 'U.S.'
            if not (capitalised and prev.ent_type_ != "PERSON" and not prev.is_stop):
                break
            start -= 1
        span = doc[start:first]
        return span.text, gender

    def _split_title_inside(self, ent) -> tuple[int, str | None, str]:
        """NER sometimes swallows the title ("President Kenyatta"): peel it off the front."""
        titles, j = self.lex.titles, ent.start
        gender = "-"
        while j < ent.end - 1 and doc_word(self.doc, j) in titles:
            kind = titles[doc_word(self.doc, j)]
            if kind in ("m", "f"):
                gender = kind
            j += 1
        role = self.doc[ent.start : j].text if j > ent.start else None
        return j, role, gender

    def _add_person(self, ent) -> None:
        first, inner_role, inner_gender = self._split_title_inside(ent)
        name_span = self.doc[first : ent.end]
        name = _strip_possessive(name_span.text.strip().split("\n")[0].strip())
        if not name or not any(ch.isalpha() for ch in name):
            return
        role, gender = self._title_before(ent.start)
        if inner_role:
            role = f"{role} {inner_role}" if role else inner_role
        gender = inner_gender if inner_gender != "-" else gender
        appos = self._appositive(ent)
        words = name.split()
        surname = words[-1].lower()
        start = name_span.start_char
        if len(words) > 1:
            cluster = self._same_person(surname, words[0], start)
        else:
            cluster = self._surname_at(surname, start) or self._by_surname.get(("first", surname))  # a first name alone
            if cluster is None and surname in self._org_firsts and not inner_role:
                self._add_org(ent, short=True)  # an organisation's short name, not a person
                return
        if cluster is None:
            cluster = self._new(name, "person")
            if len(words) > 1:
                self._by_surname.setdefault(("first", words[0].lower()), cluster)
        elif len(name) > len(cluster.name):
            cluster.name = name  # the fullest form seen, wherever it comes
            if len(words) > 1:
                self._by_surname.setdefault(("first", words[0].lower()), cluster)
        self._by_surname.setdefault(surname, cluster)
        bisect.insort(self._surnames.setdefault(surname, []), (start, len(self.clusters), cluster.id), key=lambda e: e[:2])
        if role and not cluster.role:
            cluster.role = role
        elif appos and not cluster.role:
            cluster.role = appos
        descr = self._descriptors(ent, name_span)
        if role:
            descr |= {w.lower().rstrip(".") for w in role.split()}
        cluster.descr |= descr
        if gender == "-":
            gender = self._descr_gender(descr)
        if gender != "-":
            cluster.votes[gender] += 3
        end = start + len(name)
        cluster.mentions.append(Span(start, end, self.text[start:end]))
        self.people.append(Mention(start, end, cluster, ent.root.dep_ in ("nsubj", "nsubjpass")))
        for i in range(ent.start, ent.end):
            self._ent_at[i] = ("person", cluster, start, end)

    def _same_person(self, surname: str, first: str, pos: int) -> Cluster | None:
        """The cluster a full name joins: the nearest one with its surname whose first name agrees.

        Two people sharing a surname ("Erik Karlsson", "Melker Karlsson") stay apart; a
        surname seen alone earlier, or a first name written as its initial, joins.
        """
        entries = self._surnames.get(surname)
        if not entries:
            return None
        first = first.lower().rstrip(".")
        k = bisect.bisect_left(entries, pos, key=lambda e: e[0])
        order = list(range(k - 1, -1, -1)) + list(range(k, len(entries)))
        for j in order:
            cluster = self._cluster_by_id[entries[j][2]]
            words = cluster.name.split()
            if len(words) == 1:
                return cluster
            other = words[0].lower().rstrip(".")
            if other == first or (len(other) == 1 and first.startswith(other)) or (len(first) == 1 and other.startswith(first)):
                return cluster
        return None

    def _surname_at(self, surname: str, pos: int) -> Cluster | None:
        """A surname alone: the person of that surname mentioned nearest before it, else the first after."""
        entries = self._surnames.get(surname)
        if not entries:
            return None
        k = bisect.bisect_left(entries, pos, key=lambda e: e[0])
        return self._cluster_by_id[entries[k - 1 if k else 0][2]]

    def _descriptors(self, ent, name_span) -> set[str]:
        """Lemmas of the common words describing a name where it is written: the modifiers before it
        ('rookie defenceman Caleb Jones'), its appositive ('Nunes, the ferocious brawler') and the
        noun it is itself in apposition to ('Spindler's father, Joseph')."""
        doc, out = self.doc, set()
        i = name_span.start - 1
        while i >= 0 and name_span.start - i <= 4:
            tok = doc[i]
            if not (tok.pos_ in ("NOUN", "ADJ") and tok.is_lower and tok.dep_ in ("compound", "amod", "nmod")):
                break
            out.add(tok.lemma_.lower())
            i -= 1
        root = ent.root
        nouns = [c for c in root.rights if c.dep_ == "appos" and c.i >= ent.end and c.pos_ == "NOUN"]
        if root.dep_ == "appos" and root.head.pos_ == "NOUN" and root.head.i < ent.start:
            nouns.append(root.head)
        for noun in nouns:
            out.add(noun.lemma_.lower())
            out.update(c.lemma_.lower() for c in noun.lefts if c.dep_ in ("amod", "compound") and c.is_lower)
        return out

    def _descr_gender(self, words) -> str:
        """'spokeswoman', 'chairman', 'father': a gendered role noun or title among the words."""
        found = {self.lex.roles.get(w, ("-",))[0] for w in words} | {self.lex.titles.get(w, "-") for w in words}
        found &= {"m", "f"}
        return found.pop() if len(found) == 1 else "-"

    def _appositive(self, ent) -> str | None:
        """'Hugh Hill, a doctor, said': the appositive noun phrase, without its article."""
        root = ent.root
        for child in root.rights:
            if child.dep_ == "appos" and child.i >= ent.end:
                words = [t for t in child.subtree if t.dep_ not in ("punct", "relcl") and t.i <= child.i]
                if words and words[0].lower_ in ("a", "an", "the"):
                    words = words[1:]
                if words and all(not t.ent_type_ for t in words):
                    return self.doc[words[0].i : words[-1].i + 1].text
        return None

    def _add_org(self, ent, short: bool = False) -> None:
        name = _bare_org(_strip_possessive(ent.text.strip()))
        if not name:
            return
        key = name.lower()
        cluster = self._by_org.get(key)
        if cluster is None and (ent.label_ == "ORG" or short):
            cluster = self._org_variant(name)
        if cluster is None:
            cluster = self._new(name, "organisation")
        self._by_org[key] = cluster
        if ent.label_ == "ORG" or short:
            cluster.org = True
            words = name.split()
            if len(words) > 1:
                self._by_org.setdefault(("first", words[0].lower()), cluster)
                initials = "".join(w[0] for w in words if w[:1].isupper())
                if len(initials) > 1:
                    self._by_org.setdefault(("acronym", initials), cluster)
                if len(name) > len(cluster.name):
                    cluster.name = name
        if cluster.name.isupper() and name.lower() == cluster.name.lower() and not name.isupper():
            # A dateline ("OSLO, March 3 -") names the place in capitals; the text's own spelling reads better.
            cluster.name = name
        cluster.mentions.append(Span(ent.start_char, ent.end_char, ent.text))
        self.orgs.append(Mention(ent.start_char, ent.end_char, cluster))
        for i in range(ent.start, ent.end):
            self._ent_at[i] = ("organisation", cluster, ent.start_char, ent.end_char)

    def _org_variant(self, name: str) -> Cluster | None:
        """'Suncor' after 'Suncor Energy', 'EDC' after 'Export Development Canada', and the reverse."""
        words = name.split()
        if len(words) == 1:
            found = self._by_org.get(("first", name.lower()))
            if found is None and name.isupper() and len(name) > 1:
                found = self._by_org.get(("acronym", name))
            return found
        initials = "".join(w[0] for w in words if w[:1].isupper())
        for key in (words[0].lower(), initials.lower()):
            found = self._by_org.get(key)
            if found is not None and getattr(found, "org", False) and " " not in found.name:
                return found
        return None

    def learn_gender(self, pronoun_tokens) -> None:
        """A he/she right after exactly one person mention (same or previous sentence) votes for that person."""
        for tok in pronoun_tokens:
            gender = self.lex.pronouns.get(tok.lower_, ("-", ""))[0]
            if gender not in ("m", "f"):
                continue
            sent_start = tok.sent.start_char
            prev = tok.sent.start - 1
            window = self.doc[prev].sent.start_char if prev >= 0 else sent_start
            hi = bisect.bisect_left(self._people_starts, tok.idx)
            lo = bisect.bisect_left(self._people_starts, window)
            window_people = [self.people[k] for k in range(max(lo, hi - 4), hi)]
            found = {id(m.cluster): m.cluster for m in window_people}
            if len(found) == 1:
                next(iter(found.values())).votes[gender] += 1
                continue
            # 'Moyra Baxter, the board's chair, said she ...': the subject of the verb governing the pronoun.
            governor = _governing_subject(tok)
            if governor is not None and governor.i in self._ent_at and self._ent_at[governor.i][0] == "person":
                self._ent_at[governor.i][1].votes[gender] += 1
                continue
            # Everyone else in the window is known to be of the other gender: the one left is this one.
            unknown = [c for c in found.values() if c.type == "person" and c.votes["m"] == c.votes["f"] == 0]
            others = [c for c in found.values() if c.type == "person" and c not in unknown]
            if len(unknown) == 1 and others and all(c.votes[gender] == 0 and max(c.votes.values()) >= 3 for c in others):
                unknown[0].votes[gender] += 1
        for cluster in self.clusters:
            m, f = cluster.votes["m"], cluster.votes["f"]
            if m > f:
                cluster.gender = "m"
            elif f > m:
                cluster.gender = "f"

    # -- resolving -------------------------------------------------------------------------

    def speaker_for(self, head, running: tuple[str, int] | None = None) -> Speaker:
        """The speaker whose subject token is `head`.

        `running` is the running quotation's speaker (entity id, position of its mention):
        a he/she goes to it rather than to a person merely mentioned since.
        """
        hit = self._ent_at.get(head.i)
        if hit is not None and hit[0] == "organisation":
            # 'Halvard Nygaard of the Fishers' Union said', parsed with the union as the subject.
            # NER may call the name an organisation too; "X of the Y" still makes X the speaker.
            for child in head.lefts:
                named = self._ent_at.get(child.i)
                if child.dep_ == "nmod" and named is not None and any(
                    c.dep_ == "prep" and c.lower_ == "of" for c in child.rights
                ):
                    hit = named
                    break
        if hit is not None:
            kind, cluster, start, end = hit
            return self._speaker(cluster, start, end)
        for child in head.rights:  # 'The mayor, Ruth Calloway, said': the name in apposition
            if child.dep_ == "appos" and child.i in self._ent_at:
                kind, cluster, start, end = self._ent_at[child.i]
                return self._speaker(cluster, start, end)
        if head.dep_ == "appos" and head.head.i in self._ent_at and head.head.i < head.i:
            # 'Nunes, the ferocious brawler who ...': the noun in apposition to a name is that name.
            kind, cluster, start, end = self._ent_at[head.head.i]
            return self._speaker(cluster, start, end)
        low = head.lower_
        if low in ("who", "that") and head.head.dep_ in ("relcl", "acl", "ccomp") and head.head.head is not head.head:
            # 'said the veteran diplomat, who said ...': the relative pronoun's antecedent speaks.
            antecedent = head.head.head
            if antecedent.pos_ in ("NOUN", "PROPN", "PRON") and antecedent.i < head.i:
                return self.speaker_for(antecedent, running)
        if low in self.lex.pronouns:
            return self._pronoun(head, running)
        if head.is_title and low in self._surnames:
            # A known surname the tagger took for another word ('Canadian actor Oh said').
            return self._proper(head)
        if head.pos_ == "PROPN" and not (low in self.lex.roles and head.is_upper):
            return self._proper(head)
        return self._nominal(head)  # a common noun, or a role written as an acronym ('the CEO')

    def _speaker(self, cluster: Cluster, start: int, end: int, type_: str | None = None) -> Speaker:
        self.used.add(cluster.id)
        return Speaker(
            cluster.id, cluster.name, cluster.role, type_ or cluster.type, Span(start, end, self.text[start:end])
        )

    def _unresolved(self, head, type_: str = "unknown") -> Speaker:
        start, end = _phrase_bounds(head)
        mention = Span(start, end, self.text[start:end])
        return Speaker(None, mention.text, None, type_, mention)

    def _pronoun(self, tok, running: tuple[str, int] | None = None) -> Speaker:
        gender, number = self.lex.pronouns[tok.lower_]
        start, end = tok.idx, tok.idx + len(tok.text)
        if number == "pl" or tok.lower_ == "it":
            org = self._recent_org(start)
            if org is not None:
                speaker = self._speaker(org, start, end)
                return speaker
            return self._unresolved(tok)
        if tok.lower_ in ("i", "we"):
            return self._unresolved(tok)
        cluster = self._running_person(start, gender, running) or self._salient_person(start, gender)
        if cluster is None:
            cluster = self._next_person(start, lambda c: c.gender in (gender, "-"))
        if cluster is None:
            return self._unresolved(tok, "person")
        return self._speaker(cluster, start, end, "person")

    def _running_person(self, pos: int, gender: str, running: tuple[str, int] | None) -> Cluster | None:
        """The running speaker, when its gender agrees and no agreeing subject has been named since."""
        if running is None:
            return None
        cluster = self._cluster_by_id.get(running[0])
        if cluster is None or cluster.type != "person" or cluster.gender not in (gender, "-"):
            return None
        hi = bisect.bisect_left(self._people_starts, pos)
        for k in range(hi - 1, max(-1, hi - 1 - MAX_BACK), -1):
            m = self.people[k]
            if m.start <= running[1]:
                break
            if m.subject and m.cluster is not cluster and m.cluster.gender in (gender, "-"):
                return None
        return cluster

    def _salient_person(self, pos: int, gender: str) -> Cluster | None:
        """The referent of he/she: the most recent agreeing subject, else the most recent agreeing person.

        A known gender that matches beats an unknown one; a known mismatch is never taken.
        """
        hi = bisect.bisect_left(self._people_starts, pos)
        best: dict[tuple[bool, bool], Cluster] = {}
        for k in range(hi - 1, max(-1, hi - 1 - MAX_BACK), -1):
            m = self.people[k]
            if m.cluster.gender not in (gender, "-"):
                continue
            best.setdefault((m.cluster.gender == gender, m.subject), m.cluster)
        for key in ((True, True), (True, False), (False, True), (False, False)):
            if key in best:
                return best[key]
        return None

    def _recent_person(self, pos: int, accept) -> Cluster | None:
        hi = bisect.bisect_left(self._people_starts, pos)
        seen = 0
        for k in range(hi - 1, -1, -1):
            cluster = self.people[k].cluster
            if accept(cluster):
                return cluster
            seen += 1
            if seen >= MAX_BACK:
                break
        return None

    def _next_person(self, pos: int, accept, limit: int = MAX_AHEAD) -> Cluster | None:
        lo = bisect.bisect_right(self._people_starts, pos)
        for k in range(lo, min(lo + MAX_BACK, len(self.people))):
            if self.people[k].start - pos > limit:
                break
            if accept(self.people[k].cluster):
                return self.people[k].cluster
        return None

    def _recent_org(self, pos: int, reach: int = 600) -> Cluster | None:
        hi = bisect.bisect_left(self._org_starts, pos)
        if hi and pos - self.orgs[hi - 1].start <= reach:
            return self.orgs[hi - 1].cluster
        return None

    def _org_named(self, pos: int, noun: str, fallback: bool = True, reach: int = 3000) -> Cluster | None:
        """'the railway': the latest organisation named with that noun, else (with `fallback`)
        the latest one NER called an organisation (not a place or a nationality)."""
        hi = bisect.bisect_left(self._org_starts, pos)
        latest = None
        for k in range(hi - 1, max(-1, hi - 1 - MAX_BACK), -1):
            m = self.orgs[k]
            if pos - m.start > reach:
                break
            if noun in m.cluster.name.lower():
                return m.cluster
            if latest is None and fallback and m.cluster.org:
                latest = m.cluster
        return latest

    def _proper(self, head) -> Speaker:
        """A proper-noun subject NER missed: match a known surname, else speak under its own name."""
        start, end = _phrase_bounds(head)
        cluster = self._surname_at(head.lower_, head.idx)
        if cluster is not None:
            return self._speaker(cluster, head.idx, head.idx + len(head.text))
        return Speaker(None, _bare_org(self.text[start:end]), None, "unknown", Span(start, end, self.text[start:end]))

    def _nominal(self, head) -> Speaker:
        """'the minister', 'the veteran diplomat': the most recent person holding a matching role.

        Title words written before the noun must be in the role too ("the prime minister" is
        not a "Premier"). A definite phrase no role matches goes to the person the text is
        about right there: the latest subject named in this or the previous paragraph.
        A document ("the report", "a statement from the EU") speaks for whoever issued it.
        """
        noun = head.lemma_.lower()
        entry = self.lex.roles.get(noun) or self.lex.roles.get(head.lower_)
        start, end = _phrase_bounds(head)
        definite = self.text[start:end].lower().startswith(("the ", "this ", "that "))
        if entry is not None and entry[0] == "doc":
            return self._document(head, start, end)
        possessed = False
        if not definite and entry is not None and entry[0] not in ("org", "body"):
            # 'his father', 'Spindler's wife': a possessive person noun is as definite as 'the',
            # but names someone other than the possessor: only a description or role links it.
            definite = possessed = any(c.dep_ == "poss" for c in head.lefts)
        if not definite:
            lede = self._lede_person(noun, entry, start, end)
            return self._speaker(lede, start, end, "person") if lede is not None else self._unresolved(head)
        phrase = self.text[start:end]
        # 'Russia's top diplomat', 'the Russian president': never a person whose role names another country.
        country = self._country_in(phrase)
        described = self._described(head, noun, start, end, entry[0] if entry else "-", country)
        if described is not None:
            return self._speaker(described, start, end, "person")
        if entry is None:
            earlier = self._earlier_indefinite(head, noun, start, end)
            if earlier is not None:
                return earlier
            cluster = self._person_in_focus(start, end)
            return self._speaker(cluster, start, end, "person") if cluster else self._unresolved(head)
        gender, related = entry
        if gender in ("org", "body"):
            org = self._org_named(start, noun, fallback=gender == "org")
            return self._speaker(org, start, end) if org is not None else self._unresolved(head, "organisation")
        wanted = {noun} | set(related)
        required = {
            c.lower_ for c in head.lefts if c.dep_ in ("compound", "amod") and c.lower_ in self.lex.titles
        }

        def matches(c: Cluster) -> bool:
            words = c.role_words()
            return (
                bool(wanted & words)
                and required <= words
                and (gender == "-" or c.gender in (gender, "-"))
                and (country is None or self._country_in(c.role or "") in (None, country))
            )

        cluster = self._recent_person(start, matches) or self._next_person(end, matches)
        if cluster is None:
            cluster = self._office_holder(phrase, start, end, country)
        if cluster is None and possessed:
            return self._unresolved(head)  # 'their lawyer said': as written
        if cluster is None:
            earlier = self._earlier_indefinite(head, noun, start, end, "person")
            if earlier is not None:
                return earlier
        if cluster is None and gender != "-":
            cluster = self._recent_person(start, lambda c: c.gender == gender)
        if cluster is None:
            cluster = self._person_in_focus(start, end)
        if cluster is None:
            return self._unresolved(head, "person")
        return self._speaker(cluster, start, end, "person")

    def _office_holder(self, phrase: str, start: int, end: int, country: str | None) -> Cluster | None:
        """'Russia's top diplomat' with no foreign minister named in the article: the holder of that
        office on the article date, from the office-holder tables of eventwire.actors; 'the country's'
        is the country last named before the mention. The person the article names elsewhere
        (by surname alone, say) is that person's cluster."""
        office = self.lex.office_of(phrase)
        if office is None:
            return None
        if country is None and any(p in phrase.lower() for p in COUNTRY_POSSESSORS):
            country = self._latest_country(start)
        if country is None:
            return None
        holders = _office_holders(country, office.pattern)
        day = _as_date(self.date)
        if day is None:
            # Undated: whoever held the office and is named in the article, when only one such
            # person is ('Canada's prime minister' in an article naming Trudeau).
            named = {id(c): c for c in (self._named_in_article(h.name, h.aliases) for h in holders) if c}
            if len(named) != 1:
                return None
            cluster = next(iter(named.values()))
        else:
            current = {h.name: h for h in holders if h.valid_on(day)}
            if len(current) != 1:
                return None
            holder = next(iter(current.values()))
            cluster = self._holders.get(holder.name) or self._named_in_article(holder.name, holder.aliases)
            if cluster is None:
                cluster = self._new(holder.name, "person")
                cluster.role = holder.role
                self._holders[holder.name] = cluster
        if any(cluster is made for made in self._holders.values()):  # its mentions are all role phrases
            cluster.mentions.append(Span(start, end, self.text[start:end]))
        return cluster

    def _country_in(self, phrase: str) -> str | None:
        """The country a role phrase or title names ('Russia's', 'Finnish'), or None. Only a word
        NER tagged a place or nationality somewhere in the article can name one: that spares most
        articles the actor tables' country names (a few tenths of a second to load)."""
        if self._place_words is None:
            self._place_words = {
                _strip_possessive(tok.text).lower() for ent in self.doc.ents if ent.label_ in ("GPE", "NORP") for tok in ent
            }
        for word in phrase.split():
            if _strip_possessive(word).strip(".,").lower() in self._place_words or word.lower() in self._place_words:
                return _country_named(phrase)
        return None

    def _latest_country(self, pos: int) -> str | None:
        """The country of the latest place or nationality named before `pos` ('Russia', 'Russian')."""
        hi = bisect.bisect_left(self._org_starts, pos)
        for k in range(hi - 1, max(-1, hi - 1 - MAX_BACK), -1):
            cluster = self.orgs[k].cluster
            if not cluster.org:
                found = self._country_in(cluster.name)
                if found is not None:
                    return found
        return None

    def _named_in_article(self, name: str, aliases: tuple[str, ...]) -> Cluster | None:
        """The person cluster of this article written as `name` or one of its aliases ('Lavrov')."""
        forms = {f.lower() for f in (name, *aliases)}
        surnames = {f.split()[-1] for f in forms}
        firsts = {f.split()[0] for f in forms if " " in f}
        for cluster in self.clusters:
            words = cluster.name.lower().split()
            if cluster.type != "person" or not words:
                continue
            if cluster.name.lower() in forms or (words[-1] in surnames and (len(words) == 1 or words[0] in firsts)):
                return cluster
        return None

    def _lede_person(self, noun: str, entry, start: int, end: int) -> Cluster | None:
        """'A Superior Court judge chastised the station ...' then 'Justice Ann Roy directed ...': a
        news lede leaves its main actor unnamed and names them in the next paragraphs. Only in the
        first paragraph, and only for a person whose title holds the role noun or a related word."""
        if entry is None or entry[0] not in ("m", "f", "-") or "\n" in self.text[:start].strip():
            return None
        wanted = {noun} | set(entry[1])
        lede_end = self.text.find("\n", end)
        if lede_end < 0:
            return None
        body = len(self.text) - len(self.text[lede_end:].lstrip())  # the next paragraph's start
        limit = self.text.find("\n", body)
        if limit < 0:
            limit = len(self.text)
        return self._next_person(end, lambda c: bool(wanted & c.role_words()), limit=limit - end)

    def _earlier_indefinite(self, head, noun: str, start: int, end: int, type_: str = "unknown") -> Speaker | None:
        """'the person who spoke on condition of anonymity' after 'A person familiar with the talks
        says': a definite noun goes back to the unnamed one the article introduced with that noun
        ('a person', 'sources close to'), which speaks under that description."""
        for tok in reversed(self.doc[: head.i]):
            if start - tok.idx > DOC_REACH:
                break
            if tok.pos_ != "NOUN" or tok.lemma_.lower() != noun or tok.i in self._ent_at:
                continue
            dets = [c.lower_ for c in tok.children if c.dep_ == "det"]
            if dets[:1] in (["a"], ["an"]) or (not dets and tok.tag_ == "NNS" and not any(c.dep_ == "poss" for c in tok.children)):
                lo, hi = _phrase_bounds(tok)
                return Speaker(None, self.text[lo:hi], None, type_, Span(start, end, self.text[start:end]))
        return None

    def _described(self, head, noun: str, start: int, end: int, gender: str, country: str | None = None) -> Cluster | None:
        """'the rookie defenceman' after 'rookie defenceman Caleb Jones': the latest person (else the
        next one) described with that noun, and with its describing words when there are any."""
        if gender in ("org", "body", "doc"):
            return None
        wanted = {c.lemma_.lower() for c in head.lefts if c.dep_ in ("amod", "compound") and c.is_lower}

        def matches(c: Cluster) -> bool:
            return (
                c.type == "person"
                and noun in c.descr
                and (gender == "-" or c.gender in (gender, "-"))
                and (not wanted or bool(wanted & c.descr) or len(c.descr) <= 2)
                and (country is None or self._country_in(c.role or "") in (None, country))
            )

        return self._recent_person(start, matches) or self._next_person(end, matches, limit=400)

    def _person_in_focus(self, start: int, end: int) -> Cluster | None:
        """The person the text is about around a role phrase (`_nearby_subject`, else `_next_subject`),
        never one named inside the phrase itself: 'the founder of Harbour Press' is not the press,
        'a spokeswoman for Trudeau' not Trudeau."""
        cluster = self._nearby_subject(start) or self._next_subject(end)
        if cluster is None:
            return None
        first, last = bisect.bisect_left(self._people_starts, start), bisect.bisect_left(self._people_starts, end)
        inside = {id(m.cluster) for m in self.people[first:last]}
        inside |= {id(hit[1]) for hit in (self._ent_at.get(t.i) for t in self.doc.char_span(start, end, alignment_mode="expand") or ()) if hit}
        return None if id(cluster) in inside or cluster.name in self.text[start:end] else cluster

    def _next_subject(self, pos: int, limit: int = 400) -> Cluster | None:
        """The first person named as a subject soon after: 'The most popular punching bag in golf
        said ... Mike Davis has announced', where the description comes before the name."""
        lo = bisect.bisect_right(self._people_starts, pos)
        for k in range(lo, min(lo + 3, len(self.people))):
            if self.people[k].start - pos > limit:
                break
            if self.people[k].subject:
                return self.people[k].cluster
        return None

    def _nearby_subject(self, pos: int) -> Cluster | None:
        """The latest person named as a subject in this paragraph or the one before."""
        text = self.text
        here = text.rfind("\n", 0, pos) + 1  # this paragraph's start
        para = 0
        if here > 0:
            back = here - 1
            while back > 0 and text[back - 1] == "\n":
                back -= 1
            para = text.rfind("\n", 0, back) + 1
        hi = bisect.bisect_left(self._people_starts, pos)
        for k in range(hi - 1, max(-1, hi - 1 - MAX_BACK), -1):
            m = self.people[k]
            if m.start < para:
                break
            if m.subject:
                return m.cluster
        return None

    def _document(self, head, start: int, end: int) -> Speaker:
        """'a statement from the EU': whoever issued it, when it is named; else the issuer of the
        latest document the article attributed ('A report by the railway company ...' ... 'the white
        paper said'); else the document as written."""
        issuer = self._issuer_of(head)
        if issuer is None:
            issuers = self._document_issuers()
            k = bisect.bisect_left(issuers, (start,)) - 1
            if k >= 0 and start - issuers[k][0] <= DOC_REACH:
                issuer = issuers[k][1]
        if issuer is not None:
            return self._speaker(issuer, start, end)
        filer = self._usual_filer(head)
        if filer is not None:
            return filer
        return self._unresolved(head)

    def _usual_filer(self, head) -> Speaker | None:
        """'the complaint said' with no issuer named: the party that files such a document, when the
        article mentions it earlier ('Prosecutors say ...'), as written ('Prosecutors')."""
        entry = self.lex.roles.get(head.lemma_.lower()) or self.lex.roles.get(head.lower_)
        filers = entry[1] if entry else frozenset()
        if not filers:
            return None
        for tok in reversed(self.doc[: head.i]):
            if tok.pos_ == "NOUN" and tok.lemma_.lower() in filers and tok.tag_ == "NNS":
                name = tok.text[:1].upper() + tok.text[1:]  # 'prosecutors' mid-sentence names the same party
                mention_start, mention_end = _phrase_bounds(head)
                return Speaker(None, name, None, "unknown", Span(mention_start, mention_end, self.text[mention_start:mention_end]))
        return None

    def _document_issuers(self) -> list[tuple[int, Cluster]]:
        """(position, issuer) of every document noun whose issuer the text names, in text order;
        read once per article, and only when a document speaks."""
        if self._issuers is None:
            docs = {noun for noun, (kind, _) in self.lex.roles.items() if kind == "doc"}
            self._issuers = []
            for tok in self.doc:
                if tok.pos_ == "NOUN" and tok.lemma_.lower() in docs:
                    found = self._issuer_of(tok)
                    if found is not None:
                        self._issuers.append((tok.idx, found))
        return self._issuers

    def _issuer_of(self, noun) -> Cluster | None:
        """Who issued the document `noun`: 'a report by/from/of X', 'X's report', 'X released a
        report', 'a report released by X'."""
        for child in noun.children:
            if child.dep_ in ("compound", "nmod") and child.i < noun.i and child.i in self._ent_at:
                return self._ent_at[child.i][1]  # 'the Kremlin website', 'a NATO statement'
            if child.dep_ == "poss":
                found = self._named_body(child)
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("from", "by", "of") and child.i > noun.i:
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found = self._named_body(obj)
                        if found is not None:
                            return found
            if child.dep_ == "acl" and child.lemma_.lower() in ISSUE_VERBS:  # 'a report released by X'
                for agent in child.children:
                    if agent.dep_ == "agent":
                        for obj in agent.children:
                            if obj.dep_ == "pobj":
                                return self._named_body(obj)
        verb = noun.head
        if noun.dep_ == "dobj" and verb.lemma_.lower() in ISSUE_VERBS:
            for child in verb.children:
                if child.dep_ == "nsubj":
                    return self._named_body(child)
        return None

    def _named_body(self, tok) -> Cluster | None:
        """The person or organisation a noun phrase names: an entity, or 'the railway company' for
        the latest organisation whose name holds one of its nouns."""
        hit = self._ent_at.get(tok.i)
        if hit is not None:
            return hit[1]
        entry = self.lex.roles.get(tok.lemma_.lower())
        if tok.pos_ != "NOUN" or entry is None or entry[0] not in ("org", "body"):
            return None
        nouns = [c.lower_ for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "NOUN"] + [tok.lemma_.lower()]
        for noun in nouns:
            found = self._org_named(tok.idx, noun, fallback=False)
            if found is not None:
                return found
        return self._org_named(tok.idx, nouns[-1], fallback=entry[0] == "org")

    def entities(self) -> list[Entity]:
        return [Entity(c.id, c.name, c.type, c.role, list(c.mentions)) for c in self.clusters]


CAPITALISED_RUN_RE = re.compile(r"[A-Z][a-z]+(?:(?: (?:of|for|and|on|the))* [A-Z][a-z]+)*")


def _spelled_out(acronym: str, text: str) -> str | None:
    """The first capitalised phrase of `text` whose capitals spell `acronym` ('Parliamentary Budget
    Officer' for PBO, 'Bank of Canada' for BOC), or None."""
    for run in CAPITALISED_RUN_RE.finditer(text):
        words = run.group().split()
        for i, word in enumerate(words):
            if word[0] != acronym[0]:
                continue
            capitals = ""
            for j in range(i, len(words)):
                if words[j][0].isupper():
                    capitals += words[j][0]
                if capitals == acronym and words[j][0].isupper():
                    return " ".join(words[i : j + 1])
                if not acronym.startswith(capitals):
                    break
    return None


#: Words after which a country is where a role is held or what it acts on ('ambassador to Russia'), not whose.
NOT_OWNER = frozenset({"to", "in", "at", "from", "against", "with", "toward", "towards", "into", "on", "over"})
#: Kinds of actor-table names that stand for a country (not a capital, a seat, a region or an IGO).
COUNTRY_KINDS = frozenset({"country", "short", "demonym", "other"})


@lru_cache(maxsize=1)
def _place_tables():
    """The actor tables without their office holders, which only a role with no named holder needs."""
    from eventwire.actors import ActorTables

    return ActorTables.default(package_office_holders=False)


@lru_cache(maxsize=4096)
def _country_named(phrase: str) -> str | None:
    """The country (ISO-3) a phrase names: 'Russia's top diplomat', 'the Russian foreign minister',
    'Canada' -> CAN; None for a phrase naming none, or naming a capital or an organisation.
    Only the country names of eventwire.actors are read, not its person tables, which cost more."""
    from eventwire.actors.tables import split_words

    norm, raw = split_words(phrase)
    for start, _, entries in _place_tables().index("places").find(norm, raw):
        if start and norm[start - 1] in NOT_OWNER:
            continue
        codes = {e.code for e in entries if e.kind in COUNTRY_KINDS and len(e.code) == 3}
        if len(codes) == 1:
            return codes.pop()
    return None


@lru_cache(maxsize=256)
def _office_holders(country: str, office: str) -> tuple:
    """Every dated row (eventwire.actors.UserActor) of the office-holder tables holding `office`
    (a pattern over the tables' roles) for `country` (ISO-3)."""
    from eventwire.actors import default_tables

    pattern = re.compile(office)
    return tuple(
        row for row in default_tables().office_holders if row.code[:3] == country and row.role and pattern.search(row.role)
    )


def _as_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)[:10]) if value else None
    except ValueError:
        return None  # an unparseable date dates nothing


def _governing_subject(tok):
    """The subject of the clause a pronoun's clause hangs from ('X said she ...' -> X), if any."""
    node = tok.head
    for _ in range(3):
        if node.dep_ in ("ccomp", "xcomp", "advcl", "conj") and node.head is not node:
            node = node.head
            for c in node.children:
                if c.dep_ in ("nsubj", "nsubjpass") and c.i < tok.i:
                    return c
        else:
            break
    return None


def _extend_name(ent):
    """A person NER cut short: 'Sandra' tagged, 'Oh' left out, the first name a compound of the surname."""
    doc, end = ent.doc, ent.end
    while (
        end < len(doc)
        and end - ent.end < 2
        and doc[end - 1].dep_ == "compound"
        and doc[end - 1].head.i >= end
        and doc[end].is_title
        and doc[end].is_alpha
        and not doc[end].ent_type_
    ):
        end += 1
    return doc[ent.start : end] if end > ent.end else ent


def doc_word(doc, i: int) -> str:
    return doc[i].lower_


def _phrase_bounds(head) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by `head`: its left modifiers and itself."""
    left = head.left_edge
    for tok in head.doc[left.i : head.i]:  # 'OSLO - Norway's prime minister': not across a dateline
        spaced_dash = tok.text in ("-", "—", "–") and tok.whitespace_ and tok.i and tok.doc[tok.i - 1].whitespace_
        if spaced_dash or "\n" in tok.text:  # not the hyphens of '39-year-old
            left = tok.nbor()
    start = left.idx if left.i <= head.i else head.idx
    end = head.idx + len(head.text)
    for child in head.rights:  # 'a member of the public', 'some in the community'
        # 'a person familiar with the talks', 'an expert cited in the report': a modifier after the noun.
        post = child.dep_ in ("amod", "acl") and (child.pos_ == "ADJ" or child.tag_ == "VBN")
        if not (child.dep_ == "prep" or post) or child.i != head.i + 1:
            break
        last = child
        for tok in child.subtree:  # up to a comma or a relative clause: 'of the public, whose name ...'
            if tok.i > child.i and (tok.text in ",;(—–" or tok.dep_ in ("relcl", "acl")):
                break
            last = tok
        end = last.idx + len(last.text)
    return start, end
