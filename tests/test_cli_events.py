"""`eventledger show`, `contradictions` and `event ...` corrections, through the command line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from eventledger.export.jsonl import records
from eventledger.ingest import ingest
from eventledger.store import Store

STORIES = {
    "wire.txt": "Gunmen kill 12 at market in Maiduguri\n\nGunmen opened fire at a market in Maiduguri on May 4, 2024, "
    "killing 12 people, police said.\n",
    "daily.txt": "Maiduguri market attack toll rises\n\nAt least 15 people were killed when gunmen attacked a "
    "market in "
    "Maiduguri on May 4, 2024, a hospital official said.\n",
    "other.txt": "Bomb hits bus in Quetta\n\nA bomb exploded on a bus in Quetta on June 9, 2024, killing 3 "
    "passengers.\n",
}


@pytest.fixture()
def db(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in STORIES.items():
        (folder / name).write_text(text, encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'x.db'}"
    store = Store(url)
    ingest([folder], store=store)
    store.close()
    return url


def run(*args):
    r = CliRunner().invoke(app, [*args])
    return r.exit_code, r.output


def events(url):
    s = Store(url)
    try:
        return {e["id"]: e for e in records(s, "events")}
    finally:
        s.close()


def market(url):
    return next(e for e in events(url).values() if (e.get("place") or {}).get("name") == "Maiduguri")


def test_contradictions_lists_each_value_with_its_reports(db):
    code, out = run("contradictions", "--db", db, "--json")
    rows = [json.loads(x) for x in out.splitlines() if x.startswith("{")]
    killed = [r for r in rows if r["field"] == "counts.killed"]
    assert code == 0 and len(killed) == 1
    assert sorted(v["value"] for v in killed[0]["values"]) == [12, 15]
    assert all(v["reports"] for v in killed[0]["values"])


def test_show_prints_every_value_with_source_and_quote(db):
    eid = market(db)["id"]
    code, out = run("show", eid[:12], "--db", db)
    assert code == 0 and out.startswith(eid)
    assert '"killing 12 people"' in out and "15" in out and "CONTESTED" in out
    code, out = run("show", "evt_does_not_exist", "--db", db)
    assert code == 1 and "no event evt_does_not_exist" in out


def test_corrections_are_recorded_once_shown_and_survive_a_rerun(db):
    eid = market(db)["id"]
    for _ in range(2):  # the same decision twice is one correction
        code, out = run(
            "event", "set-best", eid, "killed", "15", "--note", "hospital list", "--db", db, "--author", "ana"
        )
        assert code == 0, out
    e = market(db)
    assert e["counts"]["killed"]["best"] == 15 and e["counts"]["killed"]["policy"] == "analyst"
    assert {v["value"] for v in e["counts"]["killed"]["values"]} == {12, 15}  # the sources' values stay
    assert [c["kind"] for c in e["corrections"]] == ["set-best"]
    assert run("resolve", "--db", db)[0] == 0
    assert market(db)["counts"]["killed"]["best"] == 15


def test_merge_split_and_note(db):
    evs = events(db)
    eid = market(db)["id"]
    other = next(i for i in evs if i != eid)
    assert run("event", "merge", eid, other, "--note", "same attack", "--db", db)[0] == 0
    merged = events(db)
    assert len(merged) == len(evs) - 1
    assert len(merged[eid]["reports"]) == len(evs[eid]["reports"]) + len(evs[other]["reports"])
    moved = [r["id"] for r in evs[other]["reports"]]
    assert run("event", "split", eid, *moved, "--db", db)[0] == 0
    after = events(db)
    assert len(after) == len(evs) and {r["id"] for r in after[eid]["reports"]} == {r["id"] for r in evs[eid]["reports"]}
    assert run("event", "note", eid, "ask the hospital", "--db", db)[0] == 0
    assert "ask the hospital" in run("show", eid, "--db", db)[1]


def test_bad_corrections_are_refused_with_one_line(db):
    eid = market(db)["id"]
    code, out = run("event", "edit", "evt_nope", "type", "bombing", "--db", db)
    assert code == 1 and out.strip() == "error: no event evt_nope"
    code, out = run("event", "split", eid, "rep_unknown", "--db", db)
    assert code == 0  # recorded, and listed as not applicable in the revision log rather than breaking resolution
    assert market(db)["id"] == eid
