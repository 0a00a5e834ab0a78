"""Per incident: does the predicted event's best value agree with the Gun Violence Archive?

- killed / injured: the event's `counts.<kind>.best`; an event that states no figure of that kind says 0 (GVA's
  0 means nobody was), so the rate over incidents with GVA > 0 is given beside it.
- day: the event's date at day precision (or finer) equals GVA's date; month precision is never exact.
- city: a name of the event's place (its `city`, or its `name` unless the place is a whole state or country)
  equals a name GVA gives, and the event's admin1 is GVA's state. GVA writes `City`, `City (Part)` (a
  neighbourhood, or a town GVA files under a bigger city: both names count) or a county (`X County`,
  `X (county)`), which matches an event place named `X` or `X County`, or whose `admin2`/`county` is X when the
  place carries one. Names compare lowercased, punctuation as spaces, "saint"/"st." as "st", and a trailing
  "city" and a leading "the" dropped ("New York City" = "New York", "The Bronx" = "Bronx").
- state: the event's admin1 is GVA's state (shown beside city, to tell a wrong town from a wrong state).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from eventledger.eval.gva_data import Incident

FIELDS = ("killed", "injured", "day", "city")
_COUNTY = re.compile(r"\s+(county|parish|borough)$")
_PAREN = re.compile(r"^(.*?)\s*\(([^)]*)\)\s*$")


def norm(name: str | None) -> str:
    s = re.sub(r"[^\w\s]", " ", (name or "").lower().replace("st.", "st "))
    s = re.sub(r"\bsaint\b", "st", s)
    s = re.sub(r"^the\s+", "", " ".join(s.split()))
    return re.sub(r"\s+city$", "", s) if s != "city" else s


def gva_places(city_or_county: str) -> tuple[set[str], set[str]]:
    """(town names, county names) that GVA's city_or_county stands for, normalised."""
    text = city_or_county.strip()
    m = _PAREN.match(text)
    head, inner = (m.group(1), m.group(2)) if m else (text, "")
    if inner.strip().lower() == "county" or _COUNTY.search(head.lower()):
        return set(), {_COUNTY.sub("", norm(head))}
    return {n for n in (norm(head), norm(inner)) if n}, set()


def place_names(place: Mapping | None) -> set[str]:
    if not place:
        return set()
    names = {norm(place.get("city"))}
    if place.get("precision") not in ("admin1", "country"):
        names.add(norm(place.get("name")))
    return names - {""}


def state_ok(place: Mapping | None, state: str) -> bool:
    return bool(place) and norm(place.get("admin1")) == norm(state) != ""


def city_ok(place: Mapping | None, incident: Incident) -> bool:
    if not state_ok(place, incident.state):
        return False
    towns, counties = gva_places(incident.city_or_county)
    names = place_names(place)
    if towns & names:
        return True
    place_counties = {_COUNTY.sub("", n) for n in names | {norm(place.get(k)) for k in ("admin2", "county")}}
    return bool(counties & (place_counties - {""}))


def day_ok(date: Mapping | None, day: str) -> bool:
    if not date or date.get("precision") not in ("day", "hour", "minute", "second"):
        return False
    return str(date.get("value") or "")[:10] == day


def best(event: Mapping | None, kind: str) -> int | None:
    """The event's best figure; None when it states none (scored as 0)."""
    c = ((event or {}).get("counts") or {}).get(kind) or {}
    return c.get("best")


def judge(incident: Incident, event: Mapping | None) -> dict[str, Any]:
    """Gold beside predicted for one incident, with a verdict per field."""
    place, date = (event or {}).get("place") or {}, (event or {}).get("date") or {}
    killed, injured = best(event, "killed"), best(event, "injured")
    return {
        "killed": {
            "gold": incident.killed,
            "predicted": killed,
            "ok": event is not None and (killed or 0) == incident.killed,
        },
        "injured": {
            "gold": incident.injured,
            "predicted": injured,
            "ok": event is not None and (injured or 0) == incident.injured,
        },
        "day": {
            "gold": incident.date,
            "predicted": date.get("value"),
            "precision": date.get("precision"),
            "ok": day_ok(date, incident.date),
        },
        "city": {
            "gold": incident.city_or_county,
            "predicted": place.get("city") or place.get("name"),
            "ok": city_ok(place, incident),
        },
        "state": {"gold": incident.state, "predicted": place.get("admin1"), "ok": state_ok(place, incident.state)},
    }


@dataclass(slots=True)
class Judged:
    """One incident's verdict, and which other events of its articles' reports had each field right."""

    incident: Incident
    event: dict | None
    verdict: dict[str, dict]
    right_in: dict[str, list[str]] = field(default_factory=dict)  # field -> events holding the right value


def judge_all(incident: Incident, event: Mapping | None, candidates: Iterable[Mapping]) -> Judged:
    verdict = judge(incident, event)
    right_in: dict[str, list[str]] = {f: [] for f in FIELDS}
    for other in candidates:
        for f, v in judge(incident, other).items():
            if f in right_in and v["ok"]:
                right_in[f].append(other["id"])
    return Judged(incident, dict(event) if event is not None else None, verdict, right_in)


def summarise(rows: Iterable[Judged]) -> dict[str, Any]:
    """Exact-agreement rates over incidents; an incident with no event counts as wrong in every field.

    `in_any_event` is a diagnostic, not a score: the share of incidents for which some event holding a report of
    its articles has the right value, which tells extraction errors from errors of picking or merging events.
    """
    rows = list(rows)
    n = len(rows)
    out: dict[str, Any] = {"incidents": n, "no_event": sum(j.event is None for j in rows)}
    for f in (*FIELDS, "state"):
        hit = sum(j.verdict[f]["ok"] for j in rows)
        out[f] = {"rate": hit / n if n else 0.0, "hit": hit}
    for kind in ("killed", "injured"):
        pos = [j for j in rows if getattr(j.incident, kind) > 0]
        hit = sum(j.verdict[kind]["ok"] for j in pos)
        out[f"{kind}_when_gold_positive"] = {"rate": hit / len(pos) if pos else 0.0, "hit": hit, "of": len(pos)}
        out[f"{kind}_stated"] = sum(j.event is not None and j.verdict[kind]["predicted"] is not None for j in rows)
    out["in_any_event"] = {f: sum(bool(j.right_in.get(f)) for j in rows) / n if n else 0.0 for f in FIELDS}
    return out
