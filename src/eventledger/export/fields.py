"""Values every export derives the same way from a DESIGN.md event dict."""

from __future__ import annotations

from datetime import date, timedelta
from urllib.parse import urlsplit

BASIS_ORDER = {"claimed": 0, "attributed": 1, "reported": 2}


def count(e: dict, kind: str) -> dict:
    c = (e.get("counts") or {}).get(kind)
    return c if isinstance(c, dict) else {}


def perpetrators(e: dict) -> list[dict]:
    """Claimed first, then attributed, then merely reported; stable within each."""
    ps = [p for p in e.get("perpetrators") or [] if p.get("actor")]
    return sorted(ps, key=lambda p: BASIS_ORDER.get(p.get("basis"), 3))


def date_parts(e: dict) -> tuple[int | None, int | None, int | None, str | None]:
    d = e.get("date") or {}
    v, prec = d.get("value") or "", d.get("precision")
    parts = v[:10].split("-") if v else []
    y = int(parts[0]) if len(parts) > 0 and parts[0].isdigit() else None
    mo = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    dy = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() and prec not in ("month", "year") else None
    return y, mo, dy, prec


def source_names(e: dict) -> list[str]:
    seen: list[str] = []
    for s in e.get("sources") or []:
        name = s.get("name") if isinstance(s, dict) else s
        if name and name not in seen:
            seen.append(name)
    return seen


def values_note(e: dict, kind: str = "killed") -> str:
    """Every reported figure with who reported it, e.g. '137 (Northern Wire); 139 (Daily Example)'."""
    out = []
    for v in count(e, kind).get("values") or []:
        n = v.get("value") if v.get("value") is not None else f"{v.get('low')}-{v.get('high')}"
        q = "" if v.get("qualifier") in (None, "exact") else f"{v['qualifier']} "
        out.append(f"{q}{n} ({v.get('source') or 'unknown source'})")
    return "; ".join(out)


def notes(e: dict) -> str:
    """A factual line built only from stored values (never generated prose)."""
    place = (e.get("place") or {}).get("name") or (e.get("place") or {}).get("country") or "unknown place"
    parts = [f"{(e.get('date') or {}).get('value') or 'Undated'}: {e.get('type') or 'event'} in {place}."]
    for p in perpetrators(e):
        by = f" by {p['by']}" if p.get("by") and p.get("basis") == "attributed" else ""
        parts.append(f"Perpetrator {p['basis'] or 'reported'}{by}: {p['actor']}.")
    for kind in ("killed", "injured", "kidnapped"):
        if count(e, kind).get("values"):
            parts.append(f"{kind.capitalize()} as reported: {values_note(e, kind)}.")
    if e.get("contradictions"):
        parts.append("Sources disagree on: " + ", ".join(str(c.get("field")) for c in e["contradictions"]) + ".")
    parts.append(f"EventLedger {e.get('id')}.")
    return " ".join(parts)


def one_line(v):
    """A CSV cell on one line: line breaks and tabs in scraped names become single spaces."""
    return " ".join(v.split()) if isinstance(v, str) else v


def outlet_of(s, docs: dict) -> tuple[str, str | None] | None:
    """(outlet name, document kind) of one of an event's sources.

    A source resolution could only name by its document ("document doc_...") is named by the document's own
    source, else its web host, else as an unnamed outlet with the document's title."""
    name = s.get("name") if isinstance(s, dict) else s
    doc_id = s.get("document") if isinstance(s, dict) else None
    d = docs.get(doc_id) if doc_id else None
    if name and doc_id and name == f"document {doc_id}":
        host = urlsplit(d.url).hostname if d is not None and d.url else None
        title = one_line(d.title or "")[:60] if d is not None else ""
        name = (
            (d.source if d is not None else None)
            or host
            or (f'unnamed outlet ("{title}")' if title else "unnamed outlet")
        )
    return (one_line(name), d.kind if d is not None else None) if name else None


def outlets(e: dict, docs: dict) -> list[tuple[str, str | None]]:
    """(outlet name, document kind) of each source of the event, once each (see outlet_of)."""
    out: dict[str, str | None] = {}
    for s in e.get("sources") or []:
        named = outlet_of(s, docs)
        if named:
            out.setdefault(*named)
    return list(out.items())


def event_targets(e: dict, reports: dict[str, dict]) -> tuple[list[str], list[str]]:
    """(targets, victims) as the event's reports name them, in report order, each text once; a venue the
    event happened at counts as a target, and the `who` of its casualty figures as victims."""
    targets, victims = [], []
    place = e.get("place") or {}
    if place.get("precision") == "venue" and place.get("name"):
        targets.append(place["name"])
    for ref in e.get("reports") or []:
        r = reports.get(ref.get("id")) or {}
        targets += [a.get("text") for a in r.get("targets") or [] if a.get("text")]
        victims += [a.get("text") for a in r.get("victims") or [] if a.get("text")]
        for kind in ("killed", "injured"):
            victims += [c.get("who") for c in (r.get("counts") or {}).get(kind) or [] if c.get("who")]
    seen: set[str] = set()
    dedup = lambda xs: [x for x in map(one_line, xs) if not (x.lower() in seen or seen.add(x.lower()))]  # noqa: E731
    return dedup(targets), dedup(victims)


def target_type(targets: list[str], victims: list[str], codebook) -> str:
    """The GTD target type the event's targets and victims name most often (targets count twice)."""
    tally: dict[str, int] = {}
    for texts, weight in ((targets, 2), (victims, 1)):
        for t in texts:
            tt = codebook.target_type(t)
            if tt:
                tally[tt] = tally.get(tt, 0) + weight
    order = [tt for tt, _ in codebook.gtd_targets]
    return min(tally, key=lambda tt: (-tally[tt], order.index(tt))) if tally else "Unknown"


ORGANISED = ("armed-group", "state-force", "government", "movement", "criminal")
STATE = ("state-force", "government")


def organised(entries: list[dict], actors) -> list[tuple[dict, object]]:
    """(entry, registry actor) for entries naming an identifiable organised actor of the registry, each once.

    A description such as "four men" or "people" is not a group, nor is anything the registry lacks; and the
    registry's generic state entries ("police", "government", "security forces", of no country) do not say
    whose forces they were."""
    out, seen = [], set()
    for p in entries:
        a = actors.get(p["actor_id"]) if actors is not None and p.get("actor_id") else None
        if a is not None and a.kind in STATE and not a.country:
            continue
        if a is not None and a.kind in ORGANISED and a.id not in seen:
            seen.add(a.id)
            out.append((p, a))
    return out


def date_span(value: str | None, precision: str | None) -> tuple[date, date] | None:
    """The first and last day a date can mean at its precision: one day, a month or a year."""
    if not value:
        return None
    try:
        if precision == "year" or (precision is None and len(value) == 4):
            return date(int(value[:4]), 1, 1), date(int(value[:4]), 12, 31)
        if precision == "month" or (precision is None and len(value) == 7):
            first = date(int(value[:4]), int(value[5:7]), 1)
            nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, nxt - timedelta(days=1)
        d = date.fromisoformat(value[:10])
        return d, d
    except ValueError:
        return None
