"""An event no source dates to a day joins the one dated event of its city it fits (resolve/anchor.py)."""

from __future__ import annotations

from eventledger.records import Place
from eventledger.resolve import ResolveConfig, resolve
from support.resolve import ctx, report

CFG = ResolveConfig.load()
HARBOUR = Place(name="Lowmarsh", city="Lowmarsh", country="NZ", precision="city")
GROUP = [("the Ashen Hand", "ashen-hand")]


def _dated(doc, *, when="2031-02-11", killed=52, perps=GROUP, type="bombing"):
    return report(
        doc,
        0,
        type=type,
        date=(when, "day"),
        place=HARBOUR,
        perps=perps,
        counts={"killed": [(killed, "exact")]},
        text=f"two blasts tore through the ferry terminal ({doc})",
    )


def _mention(doc, *, date=("2031-02", "month"), killed=(50, "around"), perps=GROUP):
    r = report(
        doc,
        0,
        type="armed assault",
        date=date,
        place=HARBOUR,
        perps=perps,
        counts={"killed": [killed]} if killed else None,
        text=f"a retrospective recalls militants who once left about fifty dead ({doc})",
    )
    r["salience"] = "background"
    return r


def _events(R):
    res = resolve(R, contexts={r["id"]: ctx(f"outlet {r['document']}") for r in R}, config=CFG)
    return sorted(sorted(r["document"] for r in e.reports) for e in res.events)


def test_a_month_or_undated_mention_joins_the_one_dated_event_of_its_city_group_and_toll():
    # an armed assault against a bombing: one happening told two ways, not two events
    assert _events([_dated("d1"), _mention("d2")]) == [["d1", "d2"]]
    assert _events([_dated("d1"), _mention("d2", date=None)]) == [["d1", "d2"]]


def test_a_mention_that_could_be_either_of_two_events_or_disagrees_stays_apart():
    # another dated attack in that city and month, no group named: the mention could be it
    other = _dated("d3", when="2031-02-20", perps=(), type="armed assault")
    assert _events([_dated("d1"), other, _mention("d2")]) == [["d1"], ["d2"], ["d3"]]
    # a toll that cannot be the event's, another group, another month, or no group named at all
    assert _events([_dated("d1"), _mention("d2", killed=(7, "exact"))]) == [["d1"], ["d2"]]
    assert _events([_dated("d1"), _mention("d2", perps=[("the Grey Wake", "grey-wake")])]) == [["d1"], ["d2"]]
    assert _events([_dated("d1"), _mention("d2", date=("2031-03", "month"))]) == [["d1"], ["d2"]]
    assert _events([_dated("d1"), _mention("d2", perps=())]) == [["d1"], ["d2"]]


def test_an_undated_mention_joins_the_one_month_dated_event_of_its_city_and_group():
    # "in February the group bombed the terminal" told with the month, and in passing with no date at all
    month = _mention("d1", date=("2031-02", "month"))
    undated = report(
        "d2",
        0,
        type="suicide bombing",
        place=HARBOUR,
        perps=GROUP,
        text="an analyst says the movement chose soft targets, as in the harbour town (d2)",
    )
    undated["salience"] = "background"
    assert _events([month, undated]) == [["d1", "d2"]]
    # ... and with the day's event there too, all three are one
    assert _events([_dated("d0"), month, undated]) == [["d0", "d1", "d2"]]
