"""The hand-made sample ledger holds together: every evidence span points into its document."""

from __future__ import annotations

from eventledger.store import Store
from support.sample import build_sample


def test_sample_evidence_points_into_documents(tmp_path):
    from eventledger.export.jsonl import records

    store = Store(f"sqlite:///{tmp_path / 's.db'}")
    build_sample(store)
    docs = {d["id"]: d["text"] for d in records(store, "documents")}
    for e in records(store, "events"):
        for v in e["counts"]["killed"]["values"]:
            ev = v["evidence"]
            assert docs[ev["document"]][ev["start"] : ev["end"]] == ev["text"]
    assert store.counts()["events"] == 3
