"""Quotes and speakers: who said what in an article, with speakers resolved to people.

`extract_quotes(text, doc)` reads the article's cleaned text and its spaCy Doc
(from `eventwire.nlp.parse_texts`) and returns the article's person and
organisation entities and its quotes. Word lists live in ``eventwire/data``:
``speech_cues.tsv``, ``speaker_titles.tsv``, ``role_nouns.tsv``, ``pronouns.tsv``.
"""

from eventwire.quotes.extract import extract_quotes

__all__ = ["extract_quotes"]
