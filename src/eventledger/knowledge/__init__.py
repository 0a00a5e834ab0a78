"""What the project knows as curated data (actors, places, venues, event types, word lists), with loaders.

The ground floor: every package may ask it, and it asks none of them (records aside).
"""

from eventledger.knowledge.actors import Actor, ActorRegistry, alias_key, fold
from eventledger.knowledge.calendar import MONTHS, WEEKDAYS, month_number
from eventledger.knowledge.count_words import CountWords
from eventledger.knowledge.event_types import EventType
from eventledger.knowledge.gazetteer import Gazetteer, PlaceContext, default_cache_dir, distance_km
from eventledger.knowledge.lexicon import Lexicon
from eventledger.knowledge.modality_words import ModalityWords
from eventledger.knowledge.place_names import Candidate, name_key
from eventledger.knowledge.salience_words import SalienceWords
from eventledger.knowledge.venues import Venue, load_venues

__all__ = [
    "MONTHS",
    "WEEKDAYS",
    "Actor",
    "ActorRegistry",
    "Candidate",
    "CountWords",
    "EventType",
    "Gazetteer",
    "Lexicon",
    "ModalityWords",
    "PlaceContext",
    "SalienceWords",
    "Venue",
    "alias_key",
    "default_cache_dir",
    "distance_km",
    "fold",
    "load_venues",
    "month_number",
    "name_key",
]
