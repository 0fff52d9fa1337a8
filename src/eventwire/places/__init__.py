"""Places: the gazetteer index, toponym recognition and resolution (``extract_places``), and
event locations (``locate_events``)."""

from eventwire.places.extract import descriptor, extract_places, resolve_spans
from eventwire.places.gazetteer import Candidate, Gazetteer, resolve
from eventwire.places.locate import focus_location, locate_events
from eventwire.places.names import normalise

__all__ = ["Candidate", "Gazetteer", "descriptor", "extract_places", "focus_location", "locate_events", "normalise",
           "resolve", "resolve_spans"]
