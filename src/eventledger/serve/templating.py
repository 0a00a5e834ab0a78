"""The Jinja2 environment: autoescape always on, small filters for dates, counts and links."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlencode

import jinja2

from eventledger.ids import make_id
from eventledger.store.search import MARK_END, MARK_START


def date_text(d) -> str:
    if not d:
        return "undated"
    if isinstance(d, str):
        return d
    v = d.get("value")
    if not v:
        return "undated"
    p = d.get("precision")
    if "T" in v:  # a publication time: to the minute is enough to read
        v = v[:16].replace("T", " ")
    return v if p in (None, "day", "second", "month", "year") else f"{v} ({p})"


def count_text(c) -> str:
    if not c:
        return "–"
    lo, hi, best = c.get("low"), c.get("high"), c.get("best")
    if lo is None and hi is None and best is None:
        return "–"
    if lo is not None and hi is not None and lo != hi:
        return f"{lo}–{hi}" + (f" (best {best})" if best is not None else "")
    return str(best if best is not None else lo if lo is not None else hi)


def source_id(name: str) -> str:
    return make_id("src", str(name).strip().lower())  # as the store makes it


def qs(args: dict, **over) -> str:
    merged = {**args, **over}
    return urlencode({k: v for k, v in merged.items() if v not in (None, "", False, 0)}, doseq=True)


def snippet_parts(s: str) -> list[tuple[bool, str]]:
    """Split a search snippet on its markers into (is_match, text) pieces for escaping in the template."""
    out, pos = [], 0
    while True:
        a = s.find(MARK_START, pos)
        if a < 0:
            out.append((False, s[pos:]))
            return [p for p in out if p[1]]
        b = s.find(MARK_END, a)
        b = len(s) if b < 0 else b
        out.append((False, s[pos:a]))
        out.append((True, s[a + 1 : b]))
        pos = b + 1


def environment(folder: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(folder)),
        autoescape=True,
        undefined=jinja2.ChainableUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(date=date_text, count=count_text, snippet=snippet_parts, source_id=source_id)
    env.globals.update(qs=qs)
    return env
