"""Issue 19 on the demo corpus and the seeds (what `make demo` ingests): the list, search, briefing, the
exports' codebook checks and the README's Python example, as an analyst would use them."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from typer.testing import CliRunner

from eventledger.cli import app
from export_checks import acled_problems, gtd_problems
from support.paths import DEMO, ROOT, SEEDS


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from eventledger.ingest import ingest
    from eventledger.store import Store

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    store = Store(url)
    ingest([DEMO, *([SEEDS] if SEEDS.is_dir() else [])], store=store, on_error=lambda q: None)
    yield url, store
    store.close()


def run(*args) -> tuple[int, str]:
    r = CliRunner().invoke(app, [*args])
    return r.exit_code, r.stdout


def events_of(store) -> dict:
    from eventledger.export.jsonl import records

    return {e["id"]: e for e in records(store, "events")}


def test_events_country_ru_lists_crocus_and_only_russia(demo):
    url, store = demo
    code, out = run("events", "--country", "RU", "--json", "--db", url)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and rows
    assert {r["place"]["country"] for r in rows} == {"RU"}
    assert any("Crocus" in (r["place"].get("name") or "") for r in rows)
    everything = events_of(store)
    assert len(rows) == sum(1 for e in everything.values() if (e.get("place") or {}).get("country") == "RU")


def test_events_csv_and_filters_agree(demo):
    url, _ = demo
    code, out = run("events", "--country", "ru", "--contested", "--csv", "--db", url)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows and all(r["country"] == "RU" and r["contested"] for r in rows)
    assert not any("\n" in v for r in rows for v in r.values())
    r = CliRunner().invoke(app, ["events", "--type", "no such type", "--db", url])
    assert r.exit_code == 1 and "types in this ledger" in r.output


def test_search_kerman_returns_its_event(demo):
    url, _ = demo
    code, out = run("search", "Kerman", "--json", "--db", url)
    res = json.loads(out)
    assert code == 0
    assert "Kerman" in (res["events"][0]["place"].get("name") or "") and res["events"][0]["matched"] == "place"
    hit = next(h for h in res["passages"] if h["events"])
    assert hit["source"] and hit["date"] and hit["events"][0]["id"]


def test_acled_and_gtd_exports_pass_the_codebook_checks(demo, tmp_path):
    url, store = demo
    events = events_of(store)
    for fmt, check in (("csv-acled", acled_problems), ("csv-gtd", gtd_problems)):
        path = tmp_path / f"{fmt}.csv"
        code, _ = run("export", "--format", fmt, "--out", str(path), "--db", url)
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        assert code == 0 and rows
        assert check(rows, events) == [], fmt


def test_stix_parses_without_custom_content(demo, tmp_path):
    import stix2

    from eventledger.knowledge import ActorRegistry

    url, _ = demo
    path = tmp_path / "bundle.json"
    assert run("export", "--format", "stix", "--out", str(path), "--db", url)[0] == 0
    bundle = stix2.parse(path.read_text(encoding="utf-8"), allow_custom=False)
    actors = ActorRegistry.load()
    names = {
        a.name for a in actors.all() if a.kind in ("armed-group", "state-force", "government", "movement", "criminal")
    }
    assert {o.name for o in bundle.objects if o.type == "threat-actor"} <= names
    assert "None (unknown)" not in path.read_text(encoding="utf-8")


def test_briefing_defaults_to_the_last_ingest_most_significant_first(demo):
    url, store = demo
    from eventledger.serve.briefing import briefing

    b = briefing(store, limit=500)
    assert b["run"] is not None and b["since"] == b["run"]["started"] and b["run"]["stored"] > 0
    assert b["changed"] == len(b["events"]) > 0  # the first ingest changed every event
    assert all(any(n["kind"] == "new event" for n in e["new"]) for e in b["events"])
    sig = [e["significance"] for e in b["events"]]
    assert sig == sorted(sig, reverse=True)


def test_readme_python_example_runs(demo):
    url, _ = demo
    readme = (ROOT / "README.md").read_text(encoding="utf-8").split("## Python API", 1)[1]
    code = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    code = code.replace('"sqlite:///eventledger.db"', repr(url)).replace(
        'ledger.event("evt_...")', "ledger.event(events.id[0])"
    )
    scope: dict = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - the README's own example
    assert len(scope["maybe"]) >= len(scope["march"]) > 0
