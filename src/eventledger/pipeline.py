"""The stage contract and the executors that run a list of stages.

A stage is any object with `run(records, *, rank=0, world_size=1)` that takes an
iterable of records and yields records (datatrove's contract). Stages hold
configuration only, never state shared between calls, so the same list runs in
this process, in a process pool, or on a Dask cluster.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Protocol


class Stage(Protocol):
    name: str

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]: ...


class FunctionStage:
    """Wrap a record -> record-or-None function as a stage (None drops the record)."""

    def __init__(self, fn: Callable[[Any], Any], *, name: str | None = None):
        self.fn = fn
        self.name = name or fn.__name__

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        for r in records:
            out = self.fn(r)
            if out is not None:
                yield out


def chain(stages: Sequence[Stage], records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
    for stage in stages:
        records = stage.run(records, rank=rank, world_size=world_size)
    yield from records


def _run_shard(stages: Sequence[Stage], shard: list[Any], rank: int, world_size: int) -> list[Any]:
    return list(chain(stages, shard, rank=rank, world_size=world_size))


def shards(items: Sequence[Any], n: int) -> list[list[Any]]:
    return [list(items[i::n]) for i in range(n)]


def run_local(stages: Sequence[Stage], records: Iterable[Any]) -> Iterator[Any]:
    yield from chain(stages, records)


def run_processes(stages: Sequence[Stage], items: Sequence[Any], *, workers: int) -> Iterator[Any]:
    """Run the stages over `workers` shards in a process pool; yields results shard by shard."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers) as pool:
        futs = [pool.submit(_run_shard, stages, s, i, workers) for i, s in enumerate(shards(items, workers))]
        for f in futs:
            yield from f.result()


def run_dask(stages: Sequence[Stage], items: Sequence[Any], *, workers: int, address: str | None = None) -> Iterator[Any]:
    """Same stages on a Dask cluster (a local one when no address is given)."""
    from dask.distributed import Client, LocalCluster

    cluster = None if address else LocalCluster(n_workers=workers, threads_per_worker=1, processes=True)
    client = Client(address or cluster)
    try:
        futs = [client.submit(_run_shard, stages, s, i, workers, pure=False) for i, s in enumerate(shards(items, workers))]
        for f in futs:
            yield from f.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
