"""Two and three `eventledger ingest` runs at once, on a new and on an existing store, SQLite and PostgreSQL,
end with what one run of all the files gives: no run fails, no document is lost, near-duplicate pairs
split across runs are linked, events have the same ids (issue 14, failure 4). docs/reliability.md,
"Concurrent use"."""

from __future__ import annotations

import pytest

from eventledger.ingest import ingest
from eventledger.store import Store
from support.runs import contents, corpus, ingest_together


@pytest.fixture(scope="module")
def folders(tmp_path_factory):
    return corpus(tmp_path_factory.mktemp("corpus"))


@pytest.fixture(scope="module")
def clean(folders, tmp_path_factory):
    """The reference: all files in one run, on a new store."""
    url = f"sqlite:///{tmp_path_factory.mktemp('clean') / 'clean.db'}"
    ingest(folders, db=url, on_error=lambda q: None)
    want = contents(url)
    assert len(want["documents"]) == 6 and want["quarantined"] is None
    # the corpus does what the test needs: two near-duplicate pairs, each split across two folders
    assert sum(1 for v in want["documents"].values() if v) == 2
    return want


def _url(kind: str, request, tmp_path) -> str:
    if kind == "sqlite":
        return f"sqlite:///{tmp_path / 'store.db'}"
    return request.getfixturevalue("pg_url")


def _check(folders, clean, url, tmp_path, *, runs: int, existing: bool) -> None:
    if existing:
        ingest([folders[0]], db=url, on_error=lambda q: None)
        groups = [[folders[1]], [folders[2]]] if runs == 2 else [[folders[1]], [folders[2]], [folders[1], folders[2]]]
    else:
        groups = [[folders[0], folders[1]], [folders[1], folders[2]]] if runs == 2 else [[f] for f in folders]
    results = ingest_together(groups, url, tmp_path)
    for code, err in results:
        assert code == 0, err[-2000:]
    got = contents(url)
    assert got["documents"] == clean["documents"]
    assert got["duplicates"] == clean["duplicates"]
    assert got["reports"] == clean["reports"]
    assert got["events"] == clean["events"]
    assert got["quarantined"] is None


CI = [("sqlite", 3, False), pytest.param("postgres", 2, True, marks=pytest.mark.postgres)]
SLOW = [
    ("sqlite", 2, False),
    ("sqlite", 2, True),
    ("sqlite", 3, True),
    pytest.param("postgres", 2, False, marks=pytest.mark.postgres),
    pytest.param("postgres", 3, False, marks=pytest.mark.postgres),
    pytest.param("postgres", 3, True, marks=pytest.mark.postgres),
]


@pytest.mark.parametrize("kind, runs, existing", CI)
def test_issue14_concurrent_ingests(folders, clean, request, tmp_path, kind, runs, existing):
    _check(folders, clean, _url(kind, request, tmp_path), tmp_path, runs=runs, existing=existing)


@pytest.mark.slow
@pytest.mark.parametrize("kind, runs, existing", SLOW)
def test_concurrent_ingests_every_combination(folders, clean, request, tmp_path, kind, runs, existing):
    _check(folders, clean, _url(kind, request, tmp_path), tmp_path, runs=runs, existing=existing)


def test_writer_lock_is_exclusive_across_stores_and_reentrant(tmp_path):
    url = f"sqlite:///{tmp_path / 'l.db'}"
    a, b = Store(url), Store(url)
    try:
        import threading

        order = []
        with a.exclusive():
            with a.exclusive():  # re-entrant in one thread
                t = threading.Thread(target=lambda: (b.exclusive().__enter__(), order.append("b")))
                t.start()
                t.join(0.3)
                order.append("a")
        t.join(5)
        assert order == ["a", "b"]
    finally:
        a.close()
        b.close()
