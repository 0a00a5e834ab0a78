"""Who told each report, and which outlet it originally came from (copies and reprints count once)."""

from __future__ import annotations

from dataclasses import dataclass

from eventledger.resolve.config import ResolveConfig


@dataclass(frozen=True, slots=True)
class View:
    """A report with what its context says about its source."""

    report: dict
    source: str | None  # the outlet as shown
    origin: str  # the outlet it originally came from, normalised: the unit of independence
    published: str | None
    opinion: bool  # told in a comment: never counts as a source of fact
    copy: bool  # syndicated, reprinted or a near-duplicate of another document

    @property
    def id(self) -> str:
        return self.report["id"]


def views(reports: list[dict], contexts: dict[str, dict], cfg: ResolveConfig) -> dict[str, View]:
    outlet_of: dict[str, str] = {}  # document or segment id -> its outlet, to follow duplicate_of links
    for r in reports:
        ctx = contexts.get(r["id"]) or {}
        name = cfg.outlet(ctx.get("original_source") or ctx.get("source") or r.get("source"))
        if name:
            outlet_of.setdefault(r["document"], name)
            outlet_of.setdefault(r["segment"], name)
    out = {}
    for r in reports:
        ctx = contexts.get(r["id"]) or {}
        dup, orig = ctx.get("duplicate_of"), ctx.get("original_source")
        shown = ctx.get("source") or r.get("source")
        if orig:
            origin = cfg.outlet(orig)
        elif dup:
            origin = outlet_of.get(dup) or f"copy of {dup}"
        else:
            origin = cfg.outlet(shown) or f"document {r['document']}"
        pub = (ctx.get("published") or {}).get("value")
        opinion = bool(r.get("opinion")) or ctx.get("segment_kind") == "comment"
        out[r["id"]] = View(r, shown, origin, pub, opinion, bool(dup or orig))
    return out


def independent_sources(vs: list[View]) -> int:
    return len({v.origin for v in vs if not v.opinion})


def canonical_key(v: View) -> tuple:
    """Facts before comments, earliest published first, then id: the report that founds an event."""
    return (v.opinion, v.published or "~", v.id)


def statement_only(report: dict) -> bool:
    """Told only in a claim, a denial or an assessment (extract/salience.py): about an event, not news of one."""
    return bool((report.get("meta") or {}).get("statement_only"))


def placing(vs: list[View]) -> list[View]:
    """The reports whose place is the event's: not one told only in a statement, whose place may be the
    speaker's ("Kyiv had nothing to do with the attack"), unless no other report has one."""
    return [v for v in vs if not statement_only(v.report)] or vs
