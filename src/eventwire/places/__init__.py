"""Places: the gazetteer index and, later, toponym recognition and resolution."""

from eventwire.places.gazetteer import Candidate, Gazetteer, resolve
from eventwire.places.names import normalise

__all__ = ["Candidate", "Gazetteer", "normalise", "resolve"]
