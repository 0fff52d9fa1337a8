"""The plain-text cleaner (see ``cleaner`` for the steps)."""

from .cleaner import clean_document
from .metadata import load_language_model

__all__ = ["clean_document", "load_language_model"]
