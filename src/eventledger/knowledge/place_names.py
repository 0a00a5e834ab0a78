"""A place name's folded key and the places it may name (candidates), shared by the index and the venues."""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

TOKEN = re.compile(r"[^\W_]+")


def name_key(name: str) -> str:
    """Folded, accentless, punctuation-free form under which names are indexed and looked up."""
    s = (
        name.lower()
        if name.isascii()
        else "".join(c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
    )
    return " ".join(TOKEN.findall(s))


def token_key(tok: str) -> str:
    if tok.isascii():
        return tok.lower()
    return "".join(c for c in unicodedata.normalize("NFD", tok.lower()) if not unicodedata.combining(c))


class Candidate(NamedTuple):
    """A place a name may stand for. A tuple, not a dataclass: the index holds ~380,000 of them and a pickled
    tuple loads several times faster."""

    name: str
    kind: str  # venue | city | admin1 | country
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    geonameid: int | None = None
    city: str | None = None  # for venues and neighbourhoods: the city they are in; for a US county: its main town
    county: str | None = None  # a US town's county ("Anson County"), where the ZIP codes of its name say it
