"""eventledger.open(db): DataFrames of events, reports, statements and the attribution graph."""

from __future__ import annotations

import eventledger
from support.sample import build_sample


def test_ledger_frames(tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    from eventledger.store import Store

    ids = build_sample(Store(url))
    led = eventledger.open(url)
    ev = led.events().set_index("id")
    assert ev.loc[ids["crocus"], "killed_low"] == 137 and ev.loc[ids["crocus"], "killed_high"] == 144
    assert ev.loc[ids["crocus"], "contested"] == ["killed", "perpetrator"]
    # dates are typed, with their precision beside them, so a time filter works on them
    assert str(ev["date"].dtype).startswith("datetime64") and ev.loc[ids["crocus"], "date_precision"] == "day"
    may = ev[(ev["date"] >= "2024-05-01") & (ev["date_last"] <= "2024-05-31")]
    assert set(may.index) == {ids["borno"], ids["kano"]}
    assert len(led.reports()) == 5 and set(led.statements()["kind"]) >= {"claim-of-responsibility", "attribution"}
    g = led.attribution_graph()
    row = g[(g.event == ids["crocus"]) & (g.basis == "attributed")].iloc[0]
    assert (row.source, row.target) == ("Russian officials", "Ukraine")
    led.close()


def test_month_and_year_dates_span_their_period():
    from eventledger.export.table import frame

    ev = frame(
        [
            {"id": "a", "date": {"value": "2024-02", "precision": "month"}},
            {"id": "b", "date": {"value": "2023", "precision": "year"}},
            {"id": "c", "date": {"value": "2024-03-22T10:00:00", "precision": "second"}},
            {"id": "d", "date": {"value": None, "precision": None}},
        ]
    ).set_index("id")
    assert (str(ev.loc["a", "date"].date()), str(ev.loc["a", "date_last"].date())) == ("2024-02-01", "2024-02-29")
    assert (str(ev.loc["b", "date"].date()), str(ev.loc["b", "date_last"].date())) == ("2023-01-01", "2023-12-31")
    assert str(ev.loc["c", "date"].date()) == "2024-03-22" and ev["date"].isna().sum() == 1
    # what surely fell in March 2024, and what may have: the year-only event only may have
    surely = ev[(ev["date"] >= "2024-03-01") & (ev["date_last"] <= "2024-03-31")]
    maybe = ev[(ev["date"] <= "2024-03-31") & (ev["date_last"] >= "2024-03-01")]
    assert list(surely.index) == ["c"] and list(maybe.index) == ["c"]
