"""Event ids do not depend on the order documents are ingested in (issue 14, failure 5: the demo corpus
file by file in reverse gave 6 of 61 other ids, Crocus and Kerman among them), and corrections keep
their events through any order. docs/reliability.md, "Order-independent ids"."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from sqlalchemy import select

from eventledger.ingest import ingest
from eventledger.resolve import corrections, resolve
from eventledger.store import Store
from eventledger.store import models as m
from support.paths import DEMO
from support.runs import contents


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('order') / 'demo.db'}"
    ingest([DEMO], db=url, on_error=lambda q: None)
    s = Store(url)
    try:
        reports = s.reports()
        world = (reports, s.report_contexts(reports), s.statements())
        with s.session() as x:
            paths = dict(x.execute(select(m.DocumentRow.id, m.DocumentRow.path)).all())
    finally:
        s.close()
    # each document under the demo input (file or folder) it was read from, as `ingest FILE` would take it
    files: dict[str, list[str]] = {}
    for doc, path in paths.items():
        top = Path(path.split("!", 1)[0]).resolve().relative_to(DEMO.resolve()).parts[0]
        files.setdefault(top, []).append(doc)
    return url, world, [sorted(files[f]) for f in sorted(files)]


def _incremental(world, files, corr=()):
    """Resolve as ingesting one demo file at a time in this order would: each run sees the reports so far
    and the previous run's events."""
    reports, contexts, statements = world
    previous, res = [], None
    for i in range(1, len(files) + 1):
        keep = {d for f in files[:i] for d in f}
        r = [x for x in reports if x["document"] in keep]
        res = resolve(
            r,
            contexts={x["id"]: contexts[x["id"]] for x in r},
            statements=[s for s in statements if s["document"] in keep],
            previous_events=previous,
            corrections=corr,
        )
        previous = [e.to_dict() for e in res.events]
    return res


def _ids(res):
    return {e.id: sorted(r["id"] for r in e.reports) for e in res.events}


def _once(world):
    return resolve(world[0], contexts=world[1], statements=world[2])


ORDERS = [
    "reverse",
    "shuffle-1",
    pytest.param("shuffle-2", marks=pytest.mark.slow),
    pytest.param("shuffle-3", marks=pytest.mark.slow),
]


def _order(files, order):
    return files[::-1] if order == "reverse" else random.Random(order).sample(files, len(files))


@pytest.mark.parametrize("order", ORDERS)
def test_issue14_ids_do_not_depend_on_ingestion_order(demo, order):
    _, world, files = demo
    once = _once(world)
    assert len(once.events) >= 12 and len(files) > 10  # enough events and files for orders to differ
    assert _ids(_incremental(world, _order(files, order))) == _ids(once)


@pytest.mark.parametrize("order", ["reverse", pytest.param("shuffle-1", marks=pytest.mark.slow)])
def test_corrections_keep_their_events_in_any_order(demo, order):
    _, world, files = demo
    once = _once(world)
    big = sorted((e for e in once.events if len(e.reports) >= 3), key=lambda e: e.id)
    singles = sorted((e for e in once.events if len(e.reports) == 1), key=lambda e: e.id)
    detached = sorted(r["id"] for r in big[0].reports)[-1]
    corr = [
        corrections.make("set-best", big[0].id, field="killed", value=7, created="2024-01-01"),
        corrections.make("detach", big[0].id, target=detached, created="2024-01-02"),
        corrections.make("merge", singles[1].id, target=singles[0].id, created="2024-01-03"),
    ]
    want = _ids(_incremental(world, files, corr))
    res = _incremental(world, _order(files, order), corr)
    assert _ids(res) == want
    index = {e.id: e for e in res.events}
    assert index[big[0].id].counts["killed"]["best"] == 7  # the corrected event kept its id
    assert detached not in {r["id"] for r in index[big[0].id].reports}
    merged = index[singles[1].id]  # a merge keeps the id of the event the analyst named
    assert {r["id"] for r in singles[0].reports} <= {r["id"] for r in merged.reports}
    assert not [r for r in res.revisions if r["change"] == "correction-unapplied"]


@pytest.mark.slow
@pytest.mark.parametrize("order", ["reverse", "shuffle"])
def test_demo_corpus_file_by_file_gives_the_ids_of_one_run(demo, tmp_path, order):
    url, _, _ = demo
    files = sorted(DEMO.iterdir())
    files = files[::-1] if order == "reverse" else random.Random(5).sample(files, len(files))
    mine = f"sqlite:///{tmp_path / 'files.db'}"
    for f in files:
        ingest([f], db=mine, on_error=lambda q: None)
    assert contents(mine) == contents(url)
