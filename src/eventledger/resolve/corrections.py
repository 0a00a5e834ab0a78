"""Analyst corrections, applied after automatic resolution so that they survive every re-run.

This module is the one definition of what a correction is; the CLI (`eventledger event ...`,
`eventledger corrections list|withdraw`) and the API (`POST /api/events/{id}/corrections`,
`GET /api/corrections`, `DELETE /api/corrections/{id}`) all build them with `make`, which checks the
value against the field's type and normalises it (a date string becomes {value, precision}, a place
name a gazetteer place), so a bad correction is refused when written with a one-line reason.
A stored correction that no longer passes (an older row, a hand-edited store) is reported as
`correction-unapplied` in the revision log and skipped: it never stops a resolution run.

Kinds: merge (event + target event), split (event, value: report ids that form a new event),
detach (event, target or value: one report that stands alone), edit (event, field, value),
set-best (event, field: a count kind such as "killed" or "counts.killed", value), note (event, note:
a remark shown on the event that changes nothing). A withdrawn correction keeps its row (with
`withdrawn`: who, when, why) and is no longer applied.
Events are found by id through their founder report (see identity.py), so a correction written
against an id still lands after that event's membership has changed.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from eventledger.ids import make_id
from eventledger.records import Event
from eventledger.resolve.identity import event_id

KINDS = ("merge", "split", "detach", "edit", "set-best", "note")
MEMBERSHIP = ("merge", "split", "detach")
# What `edit` may set, by the type its value is checked against; a count kind is `counts.KIND`.
EDITABLE = ("date", "place", "type", "perpetrator", "counts.KIND")
ACTOR_FIELDS = ("perpetrator", "perpetrators", "actor")

MAX_VALUE_CHARS = 4000  # a value's JSON; an analyst's value is a date, a place, a name or a number
MAX_NAME_CHARS = 200  # a place, actor or type name
MAX_TYPE_CHARS = 80
MAX_IDS = 500  # reports moved by one split
MAX_COUNT = 10_000_000  # above any count of people a source could report
DATE_YEARS = (1800, 2200)
PRECISIONS = {4: "year", 7: "month", 10: "day"}
PLACE_PRECISIONS = ("venue", "city", "admin1", "admin2", "country", "region")
COUNT_KIND = re.compile(r"^[a-z][a-z_]{0,39}$")
ID = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")


class CorrectionError(ValueError):
    """A correction refused: the message is one line saying why."""


def problem(c: dict) -> str | None:
    """Why a correction cannot be applied as written, or None."""
    try:
        normalised(c)
    except CorrectionError as e:
        return str(e)
    return None


def normalised(c: dict) -> dict:
    """The correction with its value in the field's canonical form; CorrectionError when it cannot be."""
    if not isinstance(c, dict):
        raise CorrectionError("a correction is an object")
    kind = c.get("kind")
    if kind not in KINDS:
        raise CorrectionError(f"kind {_short(kind)} is not one of {', '.join(KINDS)}")
    if not _is_id(c.get("event")):
        raise CorrectionError(f"event {_short(c['event'])} is not an id" if c.get("event") else "it names no event")
    for key, limit in (("note", MAX_VALUE_CHARS), ("author", MAX_NAME_CHARS)):
        if c.get(key) is not None and not (isinstance(c[key], str) and len(c[key]) <= limit):
            raise CorrectionError(f"{key} must be text of at most {limit} characters")
    out = dict(c)
    if kind == "merge":
        if not c.get("target"):
            raise CorrectionError("merge needs the other event (target)")
        if not _is_id(c["target"]):
            raise CorrectionError(f"target {_short(c['target'])} is not an event id")
    elif kind == "split":
        out["value"] = _report_ids(c.get("value"), "split needs the report ids that form the new event")
    elif kind == "detach":
        if not (ids_of(c.get("target")) or ids_of(c.get("value"))):
            raise CorrectionError("detach needs the report to detach")
        for key in ("target", "value"):
            if c.get(key) is not None:
                out[key] = _report_ids(c[key], "detach needs the report to detach", one=isinstance(c[key], str))
    elif kind in ("edit", "set-best"):
        field = c.get("field")
        if not field:
            raise CorrectionError(f"{kind} needs a field")
        if not isinstance(field, str) or len(field) > 80:
            raise CorrectionError(f"field {_short(field)} is not a field name")
        _bounded(c.get("value"))
        if kind == "set-best":
            out["field"] = _count_field(field)
            out["value"] = _count(c.get("value"), "set-best")
        else:
            out["field"], out["value"] = _edit_value(field, c.get("value"))
    elif kind == "note" and not (c.get("note") or "").strip():
        raise CorrectionError("a note needs its text")
    return out


def make(
    kind: str,
    event: str,
    *,
    field: str | None = None,
    value: Any = None,
    target: str | None = None,
    note: str = "",
    author: str | None = None,
    created: str | None = None,
) -> dict:
    """A validated correction; its id comes from its content, so recording the same decision twice keeps one."""
    c = {
        "kind": kind,
        "event": event,
        "target": target,
        "field": field,
        "value": value,
        "note": note or "",
        "author": author,
        "created": created or datetime.now(UTC).isoformat(timespec="seconds"),
    }
    try:
        c = normalised(c)
    except CorrectionError as e:
        raise CorrectionError(f"correction refused: {e}") from None
    c["id"] = make_id("cor", kind, event, c["target"], c["field"], repr(c["value"]), c["note"], author)
    return c


def unapplied(corrections) -> list[dict]:
    """Revision notes for stored corrections that no longer pass: reported, then skipped by `ordered`."""
    out = []
    for c in corrections:
        if isinstance(c, dict) and not c.get("withdrawn") and (why := problem(c)):
            out.append(
                {
                    "event": c.get("event"),
                    "change": "correction-unapplied",
                    "correction": c.get("id"),
                    "why": f"correction {c.get('id')}: {why}",
                }
            )
    return out


def listed(corrections, *, event: str | None = None, withdrawn: bool = False) -> list[dict]:
    """Corrections as `corrections list` and the API show them, oldest first, each with its status:
    'in force', 'withdrawn' or 'unapplied' (with `problem`: why it no longer passes)."""
    out = []
    for c in sorted(corrections, key=lambda c: (str(c.get("created") or ""), str(c.get("id")))):
        if event and c.get("event") != event:
            continue
        if c.get("withdrawn") and not withdrawn:
            continue
        row = shown(c)
        why = None if c.get("withdrawn") else problem(c)
        row["status"] = "withdrawn" if c.get("withdrawn") else ("unapplied" if why else "in force")
        if why:
            row["problem"] = why
        out.append(row)
    return out


def _short(x: Any) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."


def _is_id(x: Any) -> bool:
    return isinstance(x, str) and bool(ID.match(x))


def _bounded(value: Any) -> None:
    try:
        size = len(json.dumps(value, ensure_ascii=False, allow_nan=False))
    except (TypeError, ValueError, RecursionError):
        raise CorrectionError("the value is not plain JSON (text, number, list or object)") from None
    if size > MAX_VALUE_CHARS:
        raise CorrectionError(f"the value is {size:,} characters; at most {MAX_VALUE_CHARS:,}")


def _report_ids(x: Any, missing: str, *, one: bool = False) -> Any:
    ids = ids_of(x) if isinstance(x, str | list | tuple) else None
    if not ids:
        raise CorrectionError(missing)
    if len(ids) > MAX_IDS or not all(_is_id(i) for i in ids):
        raise CorrectionError(f"report ids must be at most {MAX_IDS} ids such as rep_0123abcd")
    return ids[0] if one else list(ids)


def _text(value: Any, what: str, limit: int = MAX_NAME_CHARS) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CorrectionError(f"{what} must be text, got {_short(value)}")
    value = " ".join(value.split())
    if len(value) > limit:
        raise CorrectionError(f"{what} is {len(value):,} characters; at most {limit}")
    if any(not ch.isprintable() for ch in value):
        raise CorrectionError(f"{what} holds a control character")
    return value


def _count_field(field: str) -> str:
    kind = field.removeprefix("counts.")
    if not COUNT_KIND.match(kind):
        raise CorrectionError(f"{_short(field)} is not a count kind (killed, injured, kidnapped, ...)")
    return f"counts.{kind}"


def _count(value: Any, what: str) -> int:
    if isinstance(value, str) and value.strip().isdigit() and len(value.strip()) <= 9:
        value = int(value.strip())
    if not (isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= MAX_COUNT):
        raise CorrectionError(f"{what} needs a whole number of at least 0 (at most {MAX_COUNT:,}), got {_short(value)}")
    return value


def _edit_value(field: str, value: Any) -> tuple[str, Any]:
    if field == "date":
        return field, _date(value)
    if field == "place":
        return field, _place(value)
    if field == "type":
        return field, _text(value, "type", MAX_TYPE_CHARS)
    if field in ACTOR_FIELDS:
        return "perpetrators", _actors(value)
    if field.startswith("counts."):
        return _count_field(field), _count(value, field)
    raise CorrectionError(f"field {_short(field)} cannot be edited; editable: {', '.join(EDITABLE)}")


def _date(value: Any) -> dict:
    """'2024-03-23', '2024-03', '2024' or {"value": ..., "precision": ...} -> {value, precision}."""
    if isinstance(value, dict):
        if set(value) - {"value", "precision"}:
            raise CorrectionError(f"a date object has value and precision only, got keys {sorted(value)}")
        text, precision = value.get("value"), value.get("precision")
    else:
        text, precision = value, None
    if not isinstance(text, str) or len(text) not in PRECISIONS:
        raise CorrectionError(f"date must be YYYY-MM-DD, YYYY-MM or YYYY, got {_short(text)}")
    try:
        d = date.fromisoformat(text + {4: "-01-01", 7: "-01", 10: ""}[len(text)])
    except ValueError:
        raise CorrectionError(f"date {_short(text)} is not a calendar date (YYYY-MM-DD, YYYY-MM or YYYY)") from None
    if not DATE_YEARS[0] <= d.year <= DATE_YEARS[1]:
        raise CorrectionError(f"date {text} is outside {DATE_YEARS[0]}-{DATE_YEARS[1]}")
    if precision is not None and precision != PRECISIONS[len(text)]:
        raise CorrectionError(f"date {text} has precision {PRECISIONS[len(text)]}, not {_short(precision)}")
    return {"value": text, "precision": PRECISIONS[len(text)]}


def _place(value: Any) -> dict:
    """A name the gazetteer knows ('Moscow'), or {name, country (ISO2), city?, admin1?, lat?, lon?, precision?}."""
    keys = ("name", "city", "admin1", "country", "lat", "lon", "precision")
    if isinstance(value, str):
        name = _text(value, "place")
        found = _gazetteer().resolve(name) if _gazetteer().knows(name) else None
        if found is None:
            raise CorrectionError(
                f"place {_short(name)} is not in the gazetteer; give it as JSON, "
                '{"name": "...", "country": "RU", "lat": 55.7, "lon": 37.6}'
            )
        return {k: getattr(found, k, None) for k in keys}
    if not isinstance(value, dict):
        raise CorrectionError(f"place must be a name or an object with name and country, got {_short(value)}")
    if set(value) - set(keys):
        raise CorrectionError(f"unknown place keys {sorted(set(value) - set(keys))}; known: {', '.join(keys)}")
    out = {"name": _text(value.get("name"), "place name")}
    for k in ("city", "admin1"):
        out[k] = _text(value[k], f"place {k}") if value.get(k) is not None else None
    country = value.get("country")
    if not (isinstance(country, str) and re.fullmatch(r"[A-Za-z]{2}", country)):
        raise CorrectionError(f"place country must be an ISO 3166 alpha-2 code such as RU, got {_short(country)}")
    out["country"] = country.upper()
    try:
        _gazetteer().country_name(out["country"])
    except KeyError:
        raise CorrectionError(f"place country {out['country']} is not a country code") from None
    for k, bound in (("lat", 90), ("lon", 180)):
        v = value.get(k)
        if v is not None and not (isinstance(v, int | float) and not isinstance(v, bool) and -bound <= v <= bound):
            raise CorrectionError(f"place {k} must be a number within +-{bound}, got {_short(v)}")
        out[k] = v
    if (out["lat"] is None) != (out["lon"] is None):
        raise CorrectionError("place needs both lat and lon, or neither")
    precision = value.get("precision") or ("city" if out["city"] else "country")
    if precision not in PLACE_PRECISIONS:
        raise CorrectionError(f"place precision must be one of {', '.join(PLACE_PRECISIONS)}")
    out["precision"] = precision
    return out


def _actors(value: Any) -> list[dict]:
    """An actor name or registry id, or a list of them -> [{actor, actor_id}] (actor_id None if unknown)."""
    names = value if isinstance(value, list) else [value]
    if not names or len(names) > 20:
        raise CorrectionError("perpetrator needs 1 to 20 actor names")
    registry = _registry()
    out = []
    for n in names:
        if isinstance(n, dict):
            n = n.get("actor_id") or n.get("actor")
        name = _text(n, "actor")
        actor_id = registry.lookup(name) or (name if registry.get(name) else None)
        out.append({"actor": registry.get(actor_id).name if actor_id else name, "actor_id": actor_id})
    return out


@lru_cache(maxsize=1)
def _gazetteer():
    from eventledger.knowledge import Gazetteer

    return Gazetteer.load()


@lru_cache(maxsize=1)
def _registry():
    from eventledger.knowledge import ActorRegistry

    return ActorRegistry.load()


def ordered(corrections) -> list[dict]:
    """Corrections in force, normalised, in the order they were made. Withdrawn ones and any that no
    longer pass (older rows: `unapplied` reports them) are left out."""
    out = []
    for c in corrections:
        if not isinstance(c, dict) or c.get("withdrawn") or not isinstance(c.get("id"), str):
            continue
        try:
            out.append(normalised(c))
        except CorrectionError:
            continue
    return sorted(out, key=lambda c: (str(c.get("created") or ""), c["id"]))


def ids_of(x) -> list[str]:
    if isinstance(x, str):
        return [x]
    return [i for i in x if isinstance(i, str)] if isinstance(x, list | tuple) else []


class Membership:
    """Clusters of report ids that corrections move reports between."""

    def __init__(self, clusters: list[list[str]], aliases: dict[str, str]):
        self.where: dict[str, int] = {}
        self.clusters: list[set[str]] = []
        for c in clusters:
            self.clusters.append(set(c))
            for r in c:
                self.where[r] = len(self.clusters) - 1
        self.by_evt = {event_id(r): r for r in self.where}
        self.by_evt.update({e: r for e, r in aliases.items() if r in self.where})

    def find(self, eid: str | None) -> int | None:
        r = self.by_evt.get(eid or "")
        if r is None and eid in self.where:  # a report id given in place of an event id
            r = eid
        return None if r is None else self.where[r]

    def _move(self, reports: list[str]) -> None:
        new = len(self.clusters)
        self.clusters.append(set())
        for r in reports:
            self.clusters[self.where[r]].discard(r)
            self.clusters[new].add(r)
            self.where[r] = new

    def apply(self, c: dict) -> str | None:
        """None when applied; else why not."""
        k = self.find(c.get("event"))
        if k is None:
            return f"event {c.get('event')} not found"
        if c["kind"] == "merge":
            t = self.find(c.get("target"))
            if t is None:
                return f"target event {c.get('target')} not found"
            if t != k:
                for r in list(self.clusters[t]):
                    self.clusters[k].add(r)
                    self.where[r] = k
                self.clusters[t] = set()
            return None
        reports = [
            r
            for r in ids_of(c.get("value") if c["kind"] == "split" else (c.get("target") or c.get("value")))
            if r in self.where
        ]
        if not reports:
            return "no known report to move"
        if c["kind"] == "detach":
            for r in reports:
                self._move([r])
        else:
            self._move(reports)
        return None

    def result(self) -> list[list[str]]:
        return sorted(sorted(c) for c in self.clusters if c)


def apply_fields(event: Event, corrections: list[dict]) -> list[str]:
    """edit and set-best on a built event; the computed value is kept beside the analyst's.
    Returns why a correction could not be applied (it is then skipped), never raises."""
    problems = []
    for c in corrections:
        try:
            c = normalised(c)
            if c["kind"] == "set-best" or (c["kind"] == "edit" and c["field"].startswith("counts.")):
                _set_best(event, c["field"].removeprefix("counts."), c["value"])
            elif c["kind"] == "edit":
                _edit(event, c["field"], c["value"])
        except (CorrectionError, TypeError, ValueError, KeyError, AttributeError) as e:
            problems.append(f"correction {c.get('id')}: {e}")
    return problems


def _edit(event: Event, field: str, value: Any) -> None:
    old = event.get(field)
    if field in ("date", "place"):
        # the sources' values stay listed under the analyst's value
        value = {**value, "values": (old or {}).get("values", []) if isinstance(old, dict) else []}
    elif field == "perpetrators":
        value = [{**a, "basis": "analyst", "by": None, "reports": [], "statements": []} for a in value]
    event.edit(field, value)


def _set_best(event: Event, kind: str, value: int) -> None:
    slot = event.counts.setdefault(
        kind, {"values": [], "low": None, "high": None, "best": None, "policy": None, "contested": False}
    )
    slot["computed_best"], slot["computed_policy"] = slot.get("best"), slot.get("policy")
    slot["best"], slot["policy"] = value, "analyst"


def shown(c: dict) -> dict:
    keys = ("id", "kind", "event", "target", "field", "value", "note", "author", "created")
    return {k: c.get(k) for k in keys} | ({"withdrawn": c["withdrawn"]} if c.get("withdrawn") else {})
