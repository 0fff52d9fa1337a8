"""The local web view of a corpus (`eventwire serve`): read-only pages, each with a JSON twin under /api/."""

from __future__ import annotations

from .app import create_app
from .reading import Limits

__all__ = ["Limits", "create_app"]
