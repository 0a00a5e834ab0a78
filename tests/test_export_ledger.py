"""eventledger.open(db): DataFrames of events, reports, statements and the attribution graph."""

from __future__ import annotations

import eventledger
from test_serve_sample import build_sample


def test_ledger_frames(tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    from eventledger.store import Store

    ids = build_sample(Store(url))
    led = eventledger.open(url)
    ev = led.events().set_index("id")
    assert ev.loc[ids["crocus"], "killed_low"] == 137 and ev.loc[ids["crocus"], "killed_high"] == 144
    assert ev.loc[ids["crocus"], "contested"] == ["killed", "perpetrator"]
    assert len(led.reports()) == 5 and set(led.statements()["kind"]) >= {"claim-of-responsibility", "attribution"}
    g = led.attribution_graph()
    row = g[(g.event == ids["crocus"]) & (g.basis == "attributed")].iloc[0]
    assert (row.source, row.target) == ("Russian officials", "Ukraine")
    led.close()
