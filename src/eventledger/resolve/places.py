"""Coordinates of a city a report names without them, from the gazetteer (knowledge.Gazetteer).

Two reports that name neighbouring towns (Krasnogorsk and Moscow) are compared by distance, as when the extractor
gave coordinates (resolution.yaml place.near_km / far_km), instead of by a curated list of metro pairs. A name
is looked up once per (name, country); a name the gazetteer does not resolve to a city of that country keeps no
coordinates.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _gazetteer():
    from eventledger.knowledge import Gazetteer

    return Gazetteer.load()


@lru_cache(maxsize=65536)
def city_coords(name: str, country: str | None) -> tuple[float, float] | None:
    if not name:
        return None
    p = _gazetteer().resolve(name, countries=(country,) if country else ())
    if p is None or p.precision != "city" or p.lat is None or p.lon is None:
        return None
    if country and (p.country or "").upper() != country.upper():
        return None
    return float(p.lat), float(p.lon)


@lru_cache(maxsize=65536)
def towns_named(name: str, country: str) -> tuple[tuple[str | None, float | None, float | None, int], ...]:
    """(admin1, lat, lon, people) of every town or county of that name in the country, the biggest first."""
    if not name or not country:
        return ()
    cands = [
        c
        for c in _gazetteer().candidates(name, unknown_towns=False)
        if c.kind in ("city", "admin2") and (c.country or "").upper() == country.upper()
    ]
    return tuple((c.admin1, c.lat, c.lon, c.population) for c in sorted(cands, key=lambda c: -c.population))
