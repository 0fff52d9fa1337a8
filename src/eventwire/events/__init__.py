"""Events: CAMEO/PLOVER code tables (``codes``), the event lexicon (``lexicon``), the coder's
word classes and code frames (``cues``), event dates (``dates``) and the dependency-parse coder
(``extract``: ``extract_events``, and ``explain_events`` with an ``EventExplanation`` per event)."""

from eventwire.events.codes import CodeInfo, all_codes, code_info, is_code
from eventwire.events.explanation import ActorTrace, EventExplanation
from eventwire.events.extract import explain_events, extract_events
from eventwire.events.lexicon import Lexicon, default_lexicon, read_lexicon

__all__ = [
    "ActorTrace", "CodeInfo", "EventExplanation", "Lexicon", "all_codes", "code_info", "default_lexicon",
    "explain_events", "extract_events", "is_code", "read_lexicon",
]  # fmt: skip
