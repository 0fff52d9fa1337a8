"""Events: CAMEO/PLOVER code tables (``codes``), the event lexicon (``lexicon``) and the
dependency-parse coder (``extract``: ``extract_events``)."""

from eventwire.events.codes import CodeInfo, all_codes, code_info, is_code
from eventwire.events.extract import extract_events
from eventwire.events.lexicon import Lexicon, default_lexicon, read_lexicon

__all__ = ["CodeInfo", "Lexicon", "all_codes", "code_info", "default_lexicon", "extract_events", "is_code", "read_lexicon"]
