"""Exceptions that become per-document error records.

Each carries a code from ``eventwire.codes.ERROR_CODES`` and a message that
tells the user what to do next.
"""

from __future__ import annotations

from .codes import ERROR_CODES


class DocumentFailed(Exception):
    """Processing one document failed; the batch goes on."""

    def __init__(self, code: str, message: str):
        if code not in ERROR_CODES:
            raise ValueError(f"unknown error code {code!r}: add it to eventwire.codes.ERROR_CODES")
        super().__init__(message)
        self.code = code
        self.message = message


class UsageError(Exception):
    """The caller asked for something impossible (CLI exit code 2)."""
