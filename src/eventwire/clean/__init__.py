"""The plain-text cleaner (see ``cleaner`` for the steps)."""

from .cleaner import clean_document

__all__ = ["clean_document"]
