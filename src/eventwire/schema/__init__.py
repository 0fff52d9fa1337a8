"""JSON Schemas of the records eventwire writes."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def load_schema(name: str = "article") -> dict:
    """`article` or `error`: the JSON Schema (draft 2020-12) of that record."""
    text = resources.files("eventwire").joinpath("schema").joinpath(f"{name}.schema.json").read_text(encoding="utf-8")
    return json.loads(text)
