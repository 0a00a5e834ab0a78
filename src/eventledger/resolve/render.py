"""Events as text: one line for listings, a dossier of every value with its source for `eventledger show`."""

from __future__ import annotations


def _place(p: dict | None) -> str:
    p = p or {}
    parts = [
        p.get("name"),
        p.get("city") if p.get("city") != p.get("name") else None,
        p.get("admin1") if not p.get("city") else None,
        p.get("country"),
    ]
    return ", ".join(x for x in parts if x) or "place unknown"


def _date(d: dict | None) -> str:
    return (d or {}).get("value") or "date unknown"


def _count(kind: str, c: dict) -> str:
    lo, hi, best = c.get("low"), c.get("high"), c.get("best")
    span = "?" if lo is None else str(lo) if lo == hi or hi is None else f"{lo}-{hi}"
    extra = f" best {best} ({c.get('policy')})" if best is not None else ""
    return f"{kind} {span}{extra}" + (" CONTESTED" if c.get("contested") else "")


def summary_line(event: dict) -> str:
    counts = "; ".join(_count(k, c) for k, c in (event.get("counts") or {}).items() if c.get("values"))
    perps = ", ".join(sorted({f"{p['actor']} ({p['basis']})" for p in event.get("perpetrators") or ()}))
    flags = (
        (" [background]" if event.get("background") else "")
        + (" [ambiguous]" if event.get("ambiguous") else "")
        + (f" [{len(event['corrections'])} correction(s)]" if event.get("corrections") else "")
    )
    return (
        "  ".join(
            x
            for x in (
                event["id"],
                _date(event.get("date")),
                _place(event.get("place")),
                event.get("type") or "unknown",
                counts,
                perps and f"by {perps}",
                f"{len(event.get('reports') or ())} reports/{event.get('independent_sources', 0)} independent sources",
            )
            if x
        )
        + flags
    )


def _value_line(v: dict) -> str:
    ev = v.get("evidence") or {}
    q = v.get("qualifier") or ""
    fig = v.get("value") if v.get("value") is not None else f"{v.get('low')}-{v.get('high')}"
    quote = f' "{ev.get("text")}"' if ev.get("text") else ""
    tags = " (comment)" if v.get("opinion") else " (copy)" if v.get("copy") else ""
    return (
        f"    {q} {fig}".replace("  exact", " ")
        + f" - {v.get('source') or v.get('origin')} [{v['report']}]{tags}{quote}"
    )


def dossier(event: dict) -> list[str]:
    out = [summary_line(event), ""]
    d = event.get("date") or {}
    out.append(f"date: {_date(d)} ({d.get('precision') or '-'})")
    out += [f"    {x['value']} ({x['precision']}) - {', '.join(x['reports'])}" for x in d.get("values") or ()]
    p = event.get("place") or {}
    out.append(f"place: {_place(p)} ({p.get('precision') or '-'})")
    out += [f"    {_place(x)} ({x.get('precision')}) - {', '.join(x['reports'])}" for x in p.get("values") or ()]
    out.append("perpetrators:")
    for x in event.get("perpetrators") or ():
        by = f" by {x['by']}" if x.get("by") and x["basis"] != "claimed" else ""
        out.append(
            f"    {x['actor']} [{x.get('actor_id') or '-'}] {x['basis']}{by} - reports "
            f"{', '.join(x['reports']) or '-'}; statements {', '.join(x.get('statements') or []) or '-'}"
        )
    for kind, c in (event.get("counts") or {}).items():
        out.append(f"{_count(kind, c)}:")
        out += [_value_line(v) for v in c.get("values") or ()]
    if event.get("contradictions"):
        out.append("contradictions:")
        for x in event["contradictions"]:
            vals = " | ".join(
                f"{v['value']} ({len(v.get('reports') or v.get('statements') or [])})" for v in x["values"]
            )
            out.append(f"    {x['field']}: {vals}")
    out.append("reports:")
    out += [
        f"    {r['id']} {r.get('source') or '-'} doc {r['document']} seg {r['segment']}"
        + (" (comment)" if r.get("opinion") else " (copy)" if r.get("copy") else "")
        for r in event.get("reports") or ()
    ]
    if event.get("statements"):
        out.append(f"statements: {', '.join(event['statements'])}")
    for c in event.get("corrections") or ():
        value = c.get("value") if c.get("value") is not None else c.get("target") or ""
        line = f"correction {c['id']} by {c.get('author') or '-'}: {c['kind']} {c.get('field') or ''} {value}"
        out.append(f"{line} - {c.get('note') or ''}".rstrip(" -"))
    if event.get("ambiguous"):
        out.append(f"ambiguous: could also belong to {', '.join(event.get('candidates') or [])}")
    return out
