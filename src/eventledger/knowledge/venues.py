"""Named venues that recur in reports (a concert hall, an airport), curated in places_venues.tsv."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from eventledger.knowledge.files import DATA, read_tsv
from eventledger.knowledge.place_names import Candidate

VENUES_PATH = DATA / "places_venues.tsv"


@dataclass(slots=True, frozen=True)
class Venue:
    names: tuple[str, ...]  # the name, then its aliases
    candidate: Candidate  # kind "venue"


def load_venues(path: Path = VENUES_PATH) -> list[Venue]:
    """Each row as a gazetteer candidate with the names it is found under; bad coordinates name the row."""
    out = []
    for r in read_tsv(path):
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (KeyError, ValueError) as e:
            raise ValueError(f"{path.name}: venue {r.get('name')!r} needs numeric lat and lon ({e})") from e
        cand = Candidate(
            r["name"], "venue", r["country"], r.get("admin1") or None, lat, lon, 0, None, city=r["city"] or None
        )
        out.append(Venue((r["name"], *filter(None, r.get("aliases", "").split("|"))), cand))
    return out
