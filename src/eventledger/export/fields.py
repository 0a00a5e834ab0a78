"""Values every export derives the same way from a DESIGN.md event dict."""

from __future__ import annotations

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
