"""The executor (pipeline.py) and the ingest wired to it: one stage list whatever runs it, models built once per
process, a worker that cannot start is an error with its cause, a bad document fails alone, a copy is never parsed."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from eventledger import pipeline
from eventledger.ingest import ParseOriginals, ingest
from eventledger.pipeline import Executor, Failed, Lazy, WorkerError, run_chunk
from eventledger.store import Store

DEMO = Path(__file__).resolve().parents[1] / "demo" / "corpus"


class Upper:
    """A stage: upper-cases strings, breaks on 'bad', kills its process on 'die'."""

    name = "upper"
    built = 0

    def __init__(self):
        Upper.built += 1

    def run(self, records, *, rank=0, world_size=1):
        for r in records:
            if r == "bad":
                raise ValueError("cannot upper 'bad'")
            if r == "die":
                os._exit(3)
            yield r.upper()


class Pid:
    name = "pid"

    def run(self, records, *, rank=0, world_size=1):
        for r in records:
            yield (r, os.getpid(), id(self))


def broken_factory():
    raise OSError("model file missing: /nowhere/model.bin")


def test_lazy_recipe_pickles_small_and_builds_once_per_process():
    pipeline._BUILT.clear()
    Upper.built = 0
    recipe = Lazy(Upper)
    assert len(pickle.dumps(recipe)) < 300
    assert run_chunk([recipe], ["a", "b"]) == ["A", "B"]
    assert run_chunk([pickle.loads(pickle.dumps(recipe))], ["c"]) == ["C"]
    assert Upper.built == 1


def test_a_bad_record_fails_alone_and_order_is_kept():
    out = run_chunk([Lazy(Upper)], ["a", "bad", "c"])
    assert out[0] == "A" and out[2] == "C"
    assert isinstance(out[1], Failed) and out[1].record == "bad" and out[1].step == "upper"
    assert "cannot upper" in str(out[1].error)


@pytest.mark.parametrize("workers", [1, 2])
def test_a_stage_that_cannot_be_built_is_an_error_with_its_cause(workers):
    with Executor(workers=workers) as ex, pytest.raises(WorkerError, match="model file missing: /nowhere/model.bin"):
        list(ex.map([Lazy(broken_factory, name="extract")], [["x"], ["y"]]))


def test_process_pool_builds_each_stage_once_per_worker_and_keeps_input_order():
    chunks = [[f"{i}-{j}" for j in range(3)] for i in range(12)]
    with Executor(workers=2) as ex:
        out = [r for chunk in ex.map([Lazy(Pid)], chunks) for r in chunk]
    assert [r[0] for r in out] == [x for c in chunks for x in c]
    pids = {r[1] for r in out}
    assert os.getpid() not in pids
    # one stage object per worker process, reused by every chunk it ran
    assert len({(r[1], r[2]) for r in out}) == len(pids)


def test_a_worker_that_dies_is_an_error_not_a_silent_fallback():
    with Executor(workers=2) as ex, pytest.raises(WorkerError, match="died"):
        list(ex.map([Lazy(Upper)], [["a"], ["die"], ["b"]]))


def test_ingest_raises_when_the_extractor_cannot_start(tmp_path, monkeypatch):
    from eventledger.clean import Cleaner

    monkeypatch.setattr(
        "eventledger.ingest.processing_stages",
        lambda: ([Lazy(Cleaner)], [ParseOriginals(Lazy(broken_factory, name="extract"))]),
    )
    with pytest.raises(WorkerError, match="model file missing"):
        ingest([DEMO / "feed.xml"], db=f"sqlite:///{tmp_path / 's.db'}", on_error=lambda q: None)


class Counting:
    """Stands in for the Extractor: records which documents it was given."""

    name = "extract"
    seen: list[str] = []

    def run(self, records, *, rank=0, world_size=1):
        for d in records:
            Counting.seen.append(d.id)
            yield d


def test_a_copy_is_linked_before_extraction_and_never_parsed(tmp_path, monkeypatch):
    from eventledger.clean import Cleaner

    text = (
        "Gunmen attacked a police post in the north of the country on Tuesday, killing four officers and "
        "wounding six others, officials said. The attackers fled on motorbikes before reinforcements arrived, "
        "and a search of the surrounding villages was under way on Wednesday morning.\n"
    )
    (tmp_path / "a.txt").write_text(text)
    (tmp_path / "b.txt").write_text(text.replace(" ", "  "))  # other bytes, other id, the same words
    Counting.seen = []
    monkeypatch.setattr("eventledger.ingest.processing_stages", lambda: ([Lazy(Cleaner)], [ParseOriginals(Counting())]))
    url = f"sqlite:///{tmp_path / 's.db'}"
    result = ingest([tmp_path / "a.txt", tmp_path / "b.txt"], db=url, on_error=lambda q: None, resolve=False)
    assert result.stored == 2
    s = Store(url)
    docs = list(s.documents())
    s.close()
    copies = [d for d in docs if d.duplicate_of]
    assert len(docs) == 2 and len(copies) == 1
    assert Counting.seen == [copies[0].duplicate_of]  # the copy never reached extraction


def _export(url: str) -> dict:
    from eventledger.export.jsonl import records

    s = Store(url)
    try:
        return {what: sorted(json_dump(r) for r in records(s, what)) for what in ("documents", "reports", "events")}
    finally:
        s.close()


def json_dump(r) -> str:
    import json

    return json.dumps(r, sort_keys=True)


def test_two_workers_give_the_same_documents_reports_and_events_as_one(tmp_path):
    files = [DEMO / "feed.xml", DEMO / "atom.xml", DEMO / "scraper.jsonl"]
    one, two = f"sqlite:///{tmp_path / 'one.db'}", f"sqlite:///{tmp_path / 'two.db'}"
    ingest(files, db=one, on_error=lambda q: None)
    ingest(files, db=two, workers=2, on_error=lambda q: None)
    a, b = _export(one), _export(two)
    assert a["reports"] and a["events"]
    assert a == b


def test_warming_builds_the_recipes_inside_wrapper_stages():
    pipeline._BUILT.clear()
    Upper.built = 0
    with Executor(workers=1) as ex:
        ex.warm([ParseOriginals(Lazy(Upper))])
    assert Upper.built == 1


class BuiltWhere:
    """A stage that says in which process it was built and in which it runs."""

    name = "where"

    def __init__(self):
        self.pid = os.getpid()

    def run(self, records, *, rank=0, world_size=1):
        for r in records:
            yield (r, self.pid, os.getpid())


@pytest.fixture
def fresh_forkserver():
    """The fork server is one per process and keeps what it preloaded: stop it so this test starts its own."""
    from multiprocessing import forkserver

    forkserver._forkserver._stop()
    yield
    forkserver._forkserver._stop()


def test_a_pool_builds_its_stages_once_in_the_fork_server_and_every_worker_shares_them(fresh_forkserver):
    with Executor(workers=2, preload=[Lazy(BuiltWhere)]) as ex:
        out = [r for chunk in ex.map([Lazy(BuiltWhere)], [[i] for i in range(8)]) for r in chunk]
    built_in = {r[1] for r in out}
    ran_in = {r[2] for r in out}
    assert len(built_in) == 1 and not built_in & ran_in and os.getpid() not in built_in
    assert os.environ.get(pipeline.PRELOAD_ENV) is None  # the recipes went to the server, not to later children


def test_a_preloaded_stage_that_cannot_be_built_is_still_an_error_with_its_cause(fresh_forkserver):
    stages = [Lazy(broken_factory, name="extract")]
    with Executor(workers=2, preload=stages) as ex, pytest.raises(WorkerError, match="model file missing"):
        list(ex.map(stages, [["x"], ["y"]]))


def test_an_input_of_one_chunk_runs_here_without_starting_workers():
    with Executor(workers=2) as ex:
        out = [r for chunk in ex.map([Lazy(Pid)], [["a", "b"]]) for r in chunk]
        assert ex._pool is None
    assert {r[1] for r in out} == {os.getpid()}


def test_the_cli_uses_every_core_unless_told(monkeypatch):
    from eventledger import cli

    monkeypatch.setattr(pipeline.os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert cli._workers(None) == 3 and cli._workers(1) == 1


class SlowToBuild:
    """A stage whose build takes a while (as loading the models does): says where each record ran."""

    name = "slow"

    def __init__(self):
        import time

        time.sleep(1.5)

    def run(self, records, *, rank=0, world_size=1):
        import time

        # a chunk takes a while too (as extraction does), so a worker given held chunks stays busy for a moment
        # whatever the machine's load: without it the race of the held-chunks test below was timing-dependent
        time.sleep(0.5)
        for r in records:
            yield (r, os.getpid())


def test_a_cheap_map_runs_here_while_the_workers_start_and_a_costly_one_waits_for_them(fresh_forkserver):
    """The fork server builds the slow stage before any worker starts: meanwhile the first map's chunks run
    here, in order, and the second map's wait for the workers; one pool serves both."""
    chunks = [[f"{i}-{j}" for j in range(2)] for i in range(6)]
    with Executor(workers=2, preload=[Lazy(SlowToBuild)]) as ex:
        first = ex.map([Lazy(Pid)], chunks, here_when_busy=True)
        second = ex.map([Lazy(SlowToBuild)], ([r[0] for r in chunk] for chunk in first))
        out = [r for chunk in second for r in chunk]
        assert ex._up.is_set()
    assert [r[0] for r in out] == [x for c in chunks for x in c]
    assert os.getpid() not in {r[1] for r in out}  # the costly stage never ran here
    assert len({r[1] for r in out}) <= 2  # one pool of two workers, not a pool for each map


def test_chunks_held_for_the_workers_go_to_them_before_a_cheap_map_takes_one(fresh_forkserver):
    """The workers come up while the cheap map (cleaning) is mid-stream and the costly one (extraction) holds
    chunks for them: those are sent first, so the workers are busy and the cheap map's next chunk runs here; the
    workers, which never built the cheap stage, are not sent it to build."""
    first_out: list = []

    with Executor(workers=2, preload=[Lazy(SlowToBuild)]) as ex:

        def source():
            for i in range(8):
                if i == 4:
                    ex._up.wait()  # the workers come up here, with the second map holding chunks 0-3
                yield [f"{i}-{j}" for j in range(2)]

        def cleaned():
            for chunk in ex.map([Lazy(Pid)], source(), here_when_busy=True):
                first_out.append(chunk)
                yield [r[0] for r in chunk]

        out = [r for chunk in ex.map([Lazy(SlowToBuild)], cleaned()) for r in chunk]
    assert [r[0] for r in out] == [f"{i}-{j}" for i in range(8) for j in range(2)]
    assert {r[1] for r in first_out[4]} == {os.getpid()}  # the workers had the held chunks to do
    assert os.getpid() not in {r[1] for r in out}


def test_a_cheap_map_runs_here_while_no_worker_is_free(fresh_forkserver):
    chunks = [[i] for i in range(40)]
    with Executor(workers=2, preload=[Lazy(SlowToBuild)]) as ex:
        out = [r for chunk in ex.map([Lazy(Pid)], chunks, here_when_busy=True) for r in chunk]
        ex._up.wait()
        later = [r for chunk in ex.map([Lazy(Pid)], chunks, here_when_busy=True) for r in chunk]
    assert [r[0] for r in out] == list(range(40)) == [r[0] for r in later]
    assert {r[1] for r in out} == {os.getpid()}  # all read before the slow build ended
    assert {r[1] for r in later} - {os.getpid()}  # then the idle workers take chunks too


def test_a_recipe_named_by_path_pickles_without_its_module_and_is_the_same_stage():
    pipeline._BUILT.clear()
    Upper.built = 0
    by_path = Lazy(f"{Upper.__module__}:Upper")
    assert by_path.key == Lazy(Upper).key and by_path.name == "Upper"
    assert len(pickle.dumps(by_path)) < 300
    assert run_chunk([by_path], ["a"]) == ["A"] and run_chunk([Lazy(Upper)], ["b"]) == ["B"]
    assert Upper.built == 1


def test_the_stage_list_imports_neither_the_store_nor_the_models():
    """The fork server unpickles the stage list before building the models: it must not pay for the
    driver's side (the store's SQLAlchemy and migrations, dedupe's datasketch) on the way."""
    import subprocess
    import sys

    code = (
        "import pickle, sys\n"
        "from eventledger.stages import processing_stages\n"
        "before, after = processing_stages()\n"
        "pickle.loads(pickle.dumps(before + after))\n"
        "heavy = ('eventledger.store', 'sqlalchemy', 'alembic', 'datasketch', 'spacy', 'eventledger.extract')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
