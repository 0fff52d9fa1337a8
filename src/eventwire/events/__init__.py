"""Events: CAMEO/PLOVER code tables (``codes``); the extractor comes later."""

from eventwire.events.codes import CodeInfo, all_codes, code_info, is_code

__all__ = ["CodeInfo", "all_codes", "code_info", "is_code"]
