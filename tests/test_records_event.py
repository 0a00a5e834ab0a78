"""Event and Contradiction records: to_dict() is DESIGN.md's export shape, field for field and in order."""

from __future__ import annotations

import json

from eventledger.records import Contradiction, Event
from eventledger.resolve import ResolveConfig, resolve
from support.resolve import world

DESIGN_KEYS = [
    "id",
    "type",
    "date",
    "place",
    "perpetrators",
    "counts",
    "reports",
    "sources",
    "independent_sources",
    "contradictions",
    "statements",
]


def _events():
    R, C, S = world()
    return resolve(R, contexts=C, statements=S, config=ResolveConfig.load()).events


def test_resolve_builds_records_whose_dict_has_the_design_shape():
    events = _events()
    assert events and all(isinstance(e, Event) for e in events)
    assert any(e.contradictions for e in events)
    for e in events:
        d = e.to_dict()
        assert [k for k in d if k in DESIGN_KEYS] == DESIGN_KEYS
        assert all(isinstance(c, Contradiction) for c in e.contradictions)
        assert all(set(c) == {"field", "values"} for c in d["contradictions"])
        for kind in d["counts"].values():
            assert {"values", "low", "high", "best", "policy", "contested"} <= set(kind)


def test_from_dict_gives_back_the_same_json():
    for e in _events():
        d = e.to_dict()
        again = Event.from_dict(json.loads(json.dumps(d)))
        assert again == e
        assert json.dumps(again.to_dict()) == json.dumps(d)


def test_edits_keep_the_computed_value_and_come_after_the_fixed_keys():
    e = _events()[0]
    computed_type = e.type
    e.edit("type", "suicide bombing")
    e.edit("analyst_tag", "checked")  # a field outside the shape is kept too
    e.candidates = ["evt_other"]
    d = e.to_dict()
    assert d["type"] == "suicide bombing" and d["computed"] == {"type": computed_type, "analyst_tag": None}
    assert list(d)[-3:] == ["computed", "analyst_tag", "candidates"]
    assert Event.from_dict(d).to_dict() == d
