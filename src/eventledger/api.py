"""Notebook access: `eventledger.open(db)` gives the ledger as pandas DataFrames."""

from __future__ import annotations

import pandas as pd

from eventledger.export.fields import perpetrators
from eventledger.export.table import frame
from eventledger.store import Store


class Ledger:
    def __init__(self, db: str | Store | None = None):
        self.store = db if isinstance(db, Store) else Store(db)

    def _records(self, what: str):
        from eventledger.export.jsonl import records

        return records(self.store, what)

    def events(self) -> pd.DataFrame:
        """One row per event; every reported value stays in `counts` and the dossier, this is the summary.

        `date` and `date_last` are the first and last day the event's date can mean (datetime64), with
        `date_precision` (day, month, year) beside them; export/table.py lists every column."""
        return frame(list(self._records("events")), docs=self.store.document_refs())

    def reports(self) -> pd.DataFrame:
        rows = []
        for r in self._records("reports"):
            place, date = r.get("place") or {}, r.get("date") or {}
            killed = (r.get("counts") or {}).get("killed") or []
            rows.append(
                {
                    "id": r["id"],
                    "document": r.get("document"),
                    "segment": r.get("segment"),
                    "source": r.get("source"),
                    "type": r.get("type"),
                    "date": date.get("value"),
                    "date_precision": date.get("precision"),
                    "place": place.get("name"),
                    "country": place.get("country"),
                    "lat": place.get("lat"),
                    "lon": place.get("lon"),
                    "killed": [k.get("value") for k in killed],
                    "perpetrators": [a.get("text") for a in r.get("perpetrator_orgs") or []],
                    "opinion": bool(r.get("opinion")),
                    "evidence": (r.get("evidence") or {}).get("text"),
                }
            )
        return pd.DataFrame(rows, columns=None if rows else ["id", "document", "source", "type", "date"])

    def statements(self) -> pd.DataFrame:
        rows = [
            {
                "id": st["id"],
                "event": st.get("event"),
                "document": st.get("document"),
                "speaker": st.get("speaker"),
                "speaker_role": st.get("speaker_role"),
                "speaker_actor_id": st.get("speaker_actor_id"),
                "kind": st.get("kind"),
                "about": (st.get("about") or {}).get("text"),
                "about_actor_id": (st.get("about") or {}).get("actor_id"),
                "channel": st.get("channel"),
                "text": st.get("text"),
            }
            for st in self._records("statements")
        ]
        return pd.DataFrame(rows, columns=None if rows else ["id", "event", "speaker", "kind", "text"])

    def attribution_graph(self) -> pd.DataFrame:
        """Edges `by -> actor` for every claim, attribution and report of a perpetrator, one row per event."""
        rows = []
        for e in self._records("events"):
            for p in perpetrators(e):
                by = p.get("by")
                rows.append(
                    {
                        "source": by if isinstance(by, str) else ", ".join(by or []) or None,
                        "target": p["actor"],
                        "target_id": p.get("actor_id"),
                        "basis": p.get("basis"),
                        "event": e["id"],
                        "reports": len(p.get("reports") or []),
                    }
                )
        for st in self._records("statements"):
            about = st.get("about") or {}
            if st.get("kind") in ("claim-of-responsibility", "attribution", "accusation", "denial") and about.get(
                "text"
            ):
                rows.append(
                    {
                        "source": st.get("speaker"),
                        "target": about.get("text"),
                        "target_id": about.get("actor_id"),
                        "basis": st.get("kind"),
                        "event": st.get("event"),
                        "reports": 1,
                    }
                )
        return pd.DataFrame(rows, columns=["source", "target", "target_id", "basis", "event", "reports"])

    # -- one event, contradictions, corrections (also what `eventledger show|contradictions|event` use) --------
    def event(self, ref: str) -> dict:
        """The event with this id, or the only one whose id starts with `ref`; LookupError otherwise."""
        e = self.store.event(ref)
        if e is None:
            ids = self.store.event_ids_starting(ref, limit=5)
            if len(ids) != 1:
                several = f"{ref} matches several events: {', '.join(ids)}"
                raise LookupError(several if ids else f"no event {ref}")
            e = self.store.event(ids[0])
        return dict(e.payload)

    def contradictions(self, field: str | None = None) -> list[dict]:
        """Every contradiction in the store: one row per event and field, with each value and its reports."""
        rows = []
        for e in self._records("events"):
            for c in e.get("contradictions") or ():
                if field and c["field"] not in (field, f"counts.{field}"):
                    continue
                rows.append(
                    {
                        "event": e["id"],
                        "date": (e.get("date") or {}).get("value"),
                        "type": e.get("type"),
                        "field": c["field"],
                        "values": c["values"],
                    }
                )
        return rows

    def correct(self, kind: str, event: str, **kw) -> tuple[dict, dict | None]:
        """Record an analyst correction and re-resolve; returns it and the event it now concerns (if any)."""
        from eventledger.ingest import resolve_store
        from eventledger.resolve import corrections

        e = self.event(event)
        if kind == "merge" and kw.get("target"):
            kw["target"] = self.event(kw["target"])["id"]
        c = corrections.make(kind, e["id"], **kw)
        self.store.add_correction(c)
        resolve_store(self.store)
        for ev in self._records("events"):
            if any(x.get("id") == c["id"] for x in ev.get("corrections") or ()):
                return c, ev
        return c, None

    def withdraw(self, correction_id: str, *, by: str | None = None, note: str = "") -> dict:
        """Withdraw a correction and re-resolve; LookupError when there is none with that id."""
        from eventledger.ingest import resolve_store

        c = self.store.withdraw_correction(correction_id, by=by, note=note)
        if c is None:
            raise LookupError(f"no correction {correction_id}")
        resolve_store(self.store)
        return c

    def close(self) -> None:
        self.store.close()
