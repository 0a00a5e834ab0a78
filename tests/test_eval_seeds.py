"""Seed scoring on a hand-made gold and hand-made exports (no pipeline involved)."""

from __future__ import annotations

from eventledger.eval import seeds

GOLD = {
    "actors": {"grp": {"name": "Northern Front", "accept": ["NF", "Northern Front"]}},
    "documents": {
        "000_aaaa.txt": {"comments": {"count": 2, "authors": ["@kim"], "scores": [3, None]}},
        "001_bbbb.txt": {
            "posts": [
                {"title": "Market blast kills nine", "date": "2023-05-02"},
                {"title": "Cup final ends in a draw", "date": "2023-05-02"},
            ]
        },
    },
    "events": [
        {
            "id": "market-2023",
            "required": True,
            "type": ["bombing"],
            "date": "2023-05-01",
            "tolerance_days": 1,
            "place": {"city": ["Riverton"], "country": "XX"},
            "killed": [{"source": "001", "value": 9, "qualifier": "at least"}],
            "claimed_by": [{"actor": "grp", "sources": ["001"]}],
            "attributed": [{"by": "police", "to": "grp", "source": "000"}],
            "perpetrator": [{"actor": "grp", "sources": ["001"]}],
        },
        {"id": "old-raid", "required": False, "type": ["attack"], "date": "1999", "place": {"country": "XX"}},
    ],
    "not_events": [{"text": "Cup final ends in a draw", "why": "sport"}],
    "statements": [{"speaker": "Ana Ruiz", "kind": "assessment", "source": "001"}],
}

DOCS = [
    {
        "id": "d0",
        "path": "/x/000_aaaa.txt",
        "language": "en",
        "text": "",
        "dropped": [],
        "segments": [
            {"id": "s0", "kind": "article", "text": "t", "language": "en"},
            {"id": "s1", "kind": "comment", "score": 3, "author": "kim", "text": "c"},
            {"id": "s2", "kind": "comment", "score": 1, "author": "lee", "text": "c"},
        ],
    },
    {
        "id": "d1",
        "path": "/x/001_bbbb.txt",
        "language": "en",
        "text": "",
        "dropped": [],
        "segments": [
            {
                "id": "p1",
                "kind": "post",
                "title": "Market blast kills nine people",
                "date": {"value": "2023-05-02"},
                "text": "t",
            },
            {
                "id": "p2",
                "kind": "post",
                "title": "Cup final ends in a draw",
                "date": {"value": "2023-05-02"},
                "text": "t",
            },
        ],
    },
]
REPORTS = [
    {
        "id": "r1",
        "document": "d1",
        "segment": "p1",
        "type": "bombing",
        "date": {"value": "2023-05-02"},
        "place": {"name": "Riverton", "country": "XX"},
        "perpetrator_orgs": [{"text": "NF"}],
        "counts": {"killed": [{"value": 9, "qualifier": "exact"}]},
    },
    {"id": "r2", "document": "d1", "segment": "p2", "type": "attack", "date": {"value": "2023-05-02"}, "place": {}},
]
STATEMENTS = [
    {"document": "d1", "kind": "claim-of-responsibility", "speaker": "Northern Front", "text": "we did it"},
    {"document": "d1", "kind": "quote", "speaker": "Ana Ruiz", "text": "it was planned"},
]


def test_seed_scores_and_missing_list():
    r = seeds.score(GOLD, DOCS, REPORTS, STATEMENTS)
    assert r["segmentation"]["posts"] == {"found": 2, "total": 2, "rate": 1.0}
    assert r["segmentation"]["comments"] == {"found": 2, "gold": 2, "scores_in_place": 1}
    assert r["events"]["required"]["found"] == 1 and r["events"]["required_typed"]["found"] == 1
    assert r["events"]["optional"]["found"] == 0
    # the figure is found (9) but qualified 'exact' where the gold says 'at least'
    assert r["figures"]["value"]["found"] == 1 and r["figures"]["value_and_qualifier"]["found"] == 0
    assert r["claims"]["found"] == 1
    assert r["attributions"] == {"found": 0, "total": 1, "rate": 0.0}
    assert r["perpetrators"]["found"] == 1  # 'NF' is an accepted name
    assert r["statements"]["found"] == 1
    assert r["false_events"]["found"] == 1  # r2 comes from the sports post
    missing = "\n".join(r["missing"])
    assert "comments: got 2 with scores [3, 1]" in missing
    assert "optional event not found (date+place): old-raid" in missing
    assert "wrong qualifier" in missing and "attribution not found" in missing
    assert "report produced from a non-event: Cup final" in missing


def test_nothing_exported_scores_zero_and_lists_everything():
    r = seeds.score(GOLD, [], [], [])
    assert r["events"]["required"]["rate"] == 0.0
    assert any("missing from the export" in m for m in r["missing"])
    assert r["false_events"]["found"] == 0


def test_date_and_place_rules():
    assert seeds.date_ok({"value": "2023-05-02"}, "2023-05-01", 1)
    assert not seeds.date_ok({"value": "2023-05-03"}, "2023-05-01", 1)
    assert seeds.date_ok({"value": "2024-03-22"}, "2024-03")
    assert seeds.place_ok({"country": "XX"}, {"country": ["XX", "YY"]})
    assert not seeds.place_ok({"country": "XX"}, {"city": ["Riverton"], "country": "XX"})
