"""Places: the gazetteer index, and toponym recognition and resolution (``extract_places``)."""

from eventwire.places.extract import descriptor, extract_places, resolve_spans
from eventwire.places.gazetteer import Candidate, Gazetteer, resolve
from eventwire.places.names import normalise

__all__ = ["Candidate", "Gazetteer", "descriptor", "extract_places", "normalise", "resolve", "resolve_spans"]
