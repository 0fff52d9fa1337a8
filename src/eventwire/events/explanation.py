"""What the event coder decided and why, for ``eventwire explain`` and ``explain_events``.

One ``EventExplanation`` per event: the sentence, the lexicon row or pattern that fired, how
the code was reached (frames such as "urged ... to" or "will not"), the modality decision,
the date, and for each actor the mention, how it was found in the parse ("subject of
'rejected'", "relative pronoun 'who' -> 'Lavrov'") and how it was resolved (the table and
row, the office holder and the dates of the office). Plain dataclasses, serialisable with
``as_dict``. The ``Event`` record itself stays as the schema fixes it.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class ActorTrace:
    role: str  # "source" or "target"
    mention: str  # the words of the text
    start: int
    end: int
    found_by: list[str] = field(default_factory=list)  # how the parse led to the mention
    resolution: list[str] = field(default_factory=list)  # what the actor tables said
    code: str | None = None
    resolved_by: str = "unresolved"  # the Actor's ``source``
    date: str | None = None  # the date the actor was resolved for


@dataclass
class EventExplanation:
    sentence: str
    sentence_span: tuple[int, int]
    evidence: str
    predicate: str  # the word that carries the code
    rule: str  # the lexicon row or pattern that fired (also the Event's ``rule``)
    code: str
    code_steps: list[str] = field(default_factory=list)  # frames that changed the code
    modality: str = "asserted"
    modality_steps: list[str] = field(default_factory=list)
    date: str | None = None
    date_basis: str = ""
    confidence: float = 0.0
    confidence_steps: list[str] = field(default_factory=list)
    source: ActorTrace | None = None
    target: ActorTrace | None = None

    def as_dict(self) -> dict:
        return asdict(self)


__all__ = ["ActorTrace", "EventExplanation"]
