"""A faster matching step for spaCy's `attribute_ruler`, with exactly the same result.

Why this exists: in ``en_core_web_sm`` the attribute ruler (the old tag map and morph rules:
tag -> POS and morphology, plus a few dozen exceptions) takes about 12% of the whole pipeline's
time, nearly all of it in its `Matcher`, which walks 179 token patterns over every token in
Python-level state machines. Almost all of those patterns test one token for equality with a
tag, a lower-case form or a dependency label, which a vectorised comparison over the doc's
attribute arrays answers at a fraction of the cost. No library offers this; spaCy's own
`Matcher` is the general tool it stands in for.

Only the matching is replaced: the ruler still applies its matches itself, in its own order
(`AttributeRuler.set_annotations`), and any pattern this module cannot evaluate exactly (more
than one token, regular expressions, operators, other attributes) still goes through a spaCy
`Matcher` of its own. tests/nlp/test_attributes.py checks, doc by doc, that the annotations
equal those of the unmodified ruler; benchmarks/nlp/attributes.py measures the gain.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import numpy

#: Token attributes this module evaluates itself: each is a column of `Doc.to_array`.
_ARRAY_ATTRIBUTES = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "IS_SPACE", "IS_PUNCT", "IS_DIGIT", "IS_ALPHA")
_FLAGS = frozenset(name for name in _ARRAY_ATTRIBUTES if name.startswith("IS_"))


@dataclass(frozen=True)
class _Condition:
    slot: int  # which token of the pattern it tests
    column: int
    values: tuple[int, ...]
    negated: bool = False  # NOT_IN rather than IN (or equality)
    regex: re.Pattern | None = None  # a REGEX test on the attribute's string, instead of values

    @property
    def is_equality(self) -> bool:
        return self.regex is None and len(self.values) == 1 and not self.negated


@dataclass(frozen=True)
class _FixedPattern:
    key: int  # the ruler's attribute id (the position of its rule)
    match_id: int  # the hash under which the ruler's matcher knows the rule
    length: int
    conditions: tuple[_Condition, ...]


def speed_up_attribute_ruler(nlp, name: str = "attribute_ruler") -> bool:
    """Give the pipeline's attribute ruler the vectorised matcher; False where there is none to speed up."""
    from spacy.pipeline import AttributeRuler

    if name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    # A subclass with its own matching, or a ruler already given ours, is left as it is.
    if not isinstance(ruler, AttributeRuler) or type(ruler).match is not AttributeRuler.match or "match" in vars(ruler):
        return False
    ruler.match = fast_matcher(ruler)
    return True


def fast_matcher(ruler) -> Callable:
    """A drop-in for ``ruler.match``: the same sorted list of (attribute id, match id, start, end)."""
    from spacy import attrs
    from spacy.matcher import Matcher
    from spacy.strings import get_string_id

    vocab = ruler.vocab
    fixed: list[_FixedPattern] = []
    rest = Matcher(vocab, validate=False)
    for key, rule in enumerate(ruler.patterns):
        match_id = vocab.strings[str(key)]
        for pattern in rule["patterns"]:
            conditions = _conditions(pattern, get_string_id)
            if conditions is None:
                rest.add(match_id, [pattern])
            else:
                fixed.append(_FixedPattern(key, match_id, len(pattern), conditions))
    columns = [getattr(attrs, name) for name in _ARRAY_ATTRIBUTES]
    has_rest = len(rest) > 0

    def match(doc) -> list[tuple[int, int, int, int]]:
        matches: list[tuple[int, int, int, int]] = []
        if len(doc):
            table = doc.to_array(columns)
            positions = _Positions(table)
            for pattern in fixed:
                found = _matching(table, positions, pattern, vocab.strings)
                if found is not None:
                    key, match_id, length = pattern.key, pattern.match_id, pattern.length
                    matches.extend((key, match_id, i, i + length) for i in found.tolist())
        if has_rest:
            matches.extend((int(vocab.strings[m_id]), m_id, s, e) for m_id, s, e in rest(doc, allow_missing=True, as_spans=False))
        # spaCy's Matcher reports a rule's span once even when two of the rule's patterns match it
        return sorted(set(matches))

    return match


def _conditions(pattern: list, get_string_id) -> tuple[_Condition, ...] | None:
    """The pattern as column conditions, or None if this module cannot test it exactly
    (operators, empty token patterns, other attributes or predicates)."""
    if not pattern or not all(isinstance(token, dict) and token for token in pattern):
        return None
    conditions = []
    for slot, token in enumerate(pattern):
        for name, value in token.items():
            name = name.upper() if isinstance(name, str) else name
            if name not in _ARRAY_ATTRIBUTES:
                return None  # "OP" among them: a pattern of varying length
            condition = _condition(slot, _ARRAY_ATTRIBUTES.index(name), name in _FLAGS, value, get_string_id)
            if condition is None:
                return None
            conditions.append(condition)
    # An equality first (its tokens are looked up, and only they are tested further); regular expressions last.
    conditions.sort(key=lambda c: (not c.is_equality, c.regex is not None))
    return tuple(conditions)


def _condition(slot: int, column: int, flag: bool, value, get_string_id) -> _Condition | None:
    negated = False
    if isinstance(value, dict):
        if len(value) != 1:
            return None
        [(operator, members)] = value.items()
        if operator == "REGEX" and isinstance(members, str) and not flag:
            return _Condition(slot, column, (), regex=re.compile(members))
        if operator not in ("IN", "NOT_IN") or not isinstance(members, list):
            return None
        negated = operator == "NOT_IN"
    else:
        members = [value]
    values = []
    for member in members:
        if flag:
            if not isinstance(member, bool):
                return None
            values.append(int(member))
        elif isinstance(member, str):
            values.append(get_string_id(member))
        elif isinstance(member, int) and not isinstance(member, bool):
            values.append(member)
        else:
            return None
    return _Condition(slot, column, tuple(values), negated)


class _Positions:
    """Per column of one doc's attribute table: value -> the token positions holding it (built when first asked)."""

    def __init__(self, table: numpy.ndarray) -> None:
        self._table = table
        self._by_column: dict[int, dict[int, numpy.ndarray]] = {}

    def of(self, column: int, value: int) -> numpy.ndarray | None:
        index = self._by_column.get(column)
        if index is None:
            values = self._table[:, column]
            order = numpy.argsort(values, kind="stable")
            ordered = values[order]
            starts = numpy.flatnonzero(numpy.r_[True, ordered[1:] != ordered[:-1]])
            index = dict(zip(ordered[starts].tolist(), numpy.split(order, starts[1:])))
            self._by_column[column] = index
        return index.get(value)


def _matching(table: numpy.ndarray, positions: _Positions, pattern: _FixedPattern, strings) -> numpy.ndarray | None:
    """Start positions where the pattern matches, in order; None if there are none."""
    conditions = pattern.conditions
    first = conditions[0]
    if first.is_equality:
        found = positions.of(first.column, first.values[0])
        if found is None:
            return None
        found = found - first.slot
        found = found[(found >= 0) & (found + pattern.length <= len(table))]
        conditions = conditions[1:]
    else:
        found = numpy.arange(len(table) - pattern.length + 1)
    for condition in conditions:
        if not len(found):
            return None
        column = table[found + condition.slot, condition.column]
        if condition.regex is not None:
            # as spaCy's REGEX predicate: a search in the attribute's string
            hit = numpy.array([bool(condition.regex.search(strings[int(v)])) for v in column.tolist()], dtype=bool)
        elif len(condition.values) == 1:
            hit = column == numpy.uint64(condition.values[0])
        else:
            hit = numpy.isin(column, numpy.array(condition.values, dtype=numpy.uint64))
        found = found[~hit if condition.negated else hit]
    return found if len(found) else None
