"""The stage contract and the one executor that runs stages over chunks of records.

A stage is any object with `run(records, *, rank=0, world_size=1)` that takes an iterable of records and
yields records (datatrove's contract). Stages hold configuration and models, never state shared between
documents, so the same list runs in this process, in a process pool, or on a Dask cluster.

Stages travel to workers as `Lazy` recipes: a recipe pickles to a few bytes and builds its stage once per
process, on first use, so each worker loads spaCy and the knowledge files once. A stage that cannot be
built is a `WorkerError` carrying its cause; a document that breaks a stage comes back as `Failed`, alone.
"""

from __future__ import annotations

import itertools
import os
import pickle
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# Chunks in flight per worker: enough to keep every worker busy while the driver stores and dedupes,
# few enough that memory stays bounded whatever the size of the input.
IN_FLIGHT_PER_WORKER = 3


class Stage(Protocol):
    name: str

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]: ...


class WorkerError(RuntimeError):
    """A worker could not start (a stage could not be built) or died; the cause is chained."""


_BUILT: dict[tuple, Any] = {}  # stages built in this process, by recipe
_BUILDING = threading.Lock()  # a Dask worker may run tasks in threads: build each stage once


class Lazy:
    """A picklable recipe for a stage: `factory(*args, **kwargs)`, built once per process on first use.

    The factory is a callable or its path, "package.module:Name": a path pickles without importing the
    factory's module, which is then imported only where the stage is built."""

    def __init__(self, factory: Callable[..., Any] | str, *args: Any, name: str | None = None, **kwargs: Any):
        self.factory, self.args, self.kwargs = factory, args, kwargs
        if isinstance(factory, str):
            default = factory.rpartition(":")[2]
        else:
            default = getattr(factory, "name", None) or getattr(factory, "__name__", "stage")
        self.name = name or default

    @property
    def key(self) -> tuple:
        if isinstance(self.factory, str):
            module, _, qualname = self.factory.partition(":")
        else:
            module, qualname = self.factory.__module__, self.factory.__qualname__
        return (module, qualname, repr(self.args), repr(sorted(self.kwargs.items())))

    def _factory(self) -> Callable[..., Any]:
        if not isinstance(self.factory, str):
            return self.factory
        import importlib

        module, _, qualname = self.factory.partition(":")
        obj: Any = importlib.import_module(module)
        for part in qualname.split("."):
            obj = getattr(obj, part)
        return obj

    def get(self) -> Any:
        key = self.key
        stage = _BUILT.get(key)
        if stage is None:
            with _BUILDING:
                stage = _BUILT.get(key)
                if stage is None:
                    try:
                        stage = self._factory()(*self.args, **self.kwargs)
                    except Exception as e:
                        raise WorkerError(
                            f"stage {self.name} could not be built in process {os.getpid()}: {type(e).__name__}: {e}"
                        ) from e
                    _BUILT[key] = stage
        return stage

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        return self.get().run(records, rank=rank, world_size=world_size)

    def __repr__(self) -> str:
        return f"Lazy({self.name})"


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity, which containers and `taskset` narrow)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def built(stage: Any) -> Any:
    return stage.get() if isinstance(stage, Lazy) else stage


@dataclass(slots=True)
class Failed:
    """A record that broke a stage: it is returned as it came in, with the step and the error."""

    record: Any
    step: str
    error: BaseException


def chain(stages: Sequence[Stage], records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
    for stage in stages:
        records = stage.run(records, rank=rank, world_size=world_size)
    yield from records


def freeze(chunk: list[Any]) -> bytes:
    return pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)


def run_chunk(stages: Sequence[Stage], chunk: list[Any] | bytes, rank: int = 0, world_size: int = 1) -> list[Any]:
    """The stages over one chunk, here; a record that breaks a stage comes back as `Failed`, the others go on.

    Stages change records in place, and cleaning twice is not idempotent, so the chunk is kept pickled and
    every retry starts from the records as they came in. A chunk sent to a worker travels pickled already
    (`freeze`), so keeping it costs nothing more there.
    """
    live = [built(s) for s in stages]  # a stage that cannot be built is a WorkerError, never a bad record
    frozen = chunk if isinstance(chunk, bytes) else freeze(chunk)
    try:
        return list(chain(live, pickle.loads(frozen), rank=rank, world_size=world_size))
    except WorkerError:
        raise
    except Exception:
        pass  # some record broke a stage: find which by running them one at a time
    out: list[Any] = []
    for rec in pickle.loads(frozen):
        step = "process"
        try:
            records: Iterable[Any] = [rec]
            for stage in live:
                step = getattr(stage, "name", step)
                records = list(stage.run(records, rank=rank, world_size=world_size))
            out.extend(records)
        except WorkerError:
            raise
        except Exception as e:  # one bad record must not stop the chunk
            out.append(Failed(rec, step, e))
    return out


class _Here:
    """A chunk's results, computed in this process while no worker was free."""

    __slots__ = ("records",)

    def __init__(self, records: list[Any]):
        self.records = records


class _Waiting:
    """A chunk read while the workers were starting, to send them once they are up."""

    __slots__ = ("chunk", "i")

    def __init__(self, chunk: list[Any], i: int):
        self.chunk, self.i = chunk, i


# Chunks a map holds while the workers start (the fork server building the models): this process reads,
# cleans and deduplicates meanwhile, and the workers find that much work waiting when they come up.
WAITING_CHUNKS = 64


class Executor:
    """Runs `run_chunk` over a stream of chunks and yields the results in input order.

    `workers` = 1 runs here; more uses a process pool, started when a stream holds more than one chunk;
    `scheduler` (tcp://host:port) a Dask cluster.
    At most `IN_FLIGHT_PER_WORKER` chunks per worker are out at once, so a stream of any length runs in
    bounded memory. Use as a context manager.

    The pool's workers start in the background: until they are up, a map either runs its chunks here
    (`here_when_busy`, for cheap stages such as cleaning) or holds them (up to `WAITING_CHUNKS`) for the
    workers, so this process goes on reading while the fork server builds the models. Once they are up, a
    `here_when_busy` map still runs a chunk here while every worker has a chunk to do: a worker takes one
    only when it would otherwise wait.
    """

    def __init__(self, *, workers: int = 1, scheduler: str | None = None, preload: Sequence[Stage] = ()):
        self.workers = max(1, workers)
        self.scheduler = scheduler
        self.preload = list(preload)
        self._pool = None
        self._client = None
        self._up = threading.Event()  # the pool's workers are running (or could not start: submit says why)
        self._starter: threading.Thread | None = None
        self._outstanding = 0  # chunks sent to the pool and not done
        self._windows: list[tuple[list, deque]] = []  # the running maps' (stages, window), for _send_waiting
        self._count = threading.Lock()

    @property
    def local(self) -> bool:
        return self.scheduler is None and self.workers == 1

    def __enter__(self) -> Executor:
        if self.scheduler:
            self._client = _dask_client(self.scheduler)
            self.workers = max(1, len(self._client.scheduler_info().get("workers", {})))
        return self

    def start(self) -> None:
        """Start the worker processes now, in the background (see the class); a second call does nothing."""
        if self._pool is not None or self._client is not None or self.local:
            return
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor

        # forkserver: workers start from a clean interpreter, not a copy of the driver's open store
        ctx = mp.get_context("forkserver")
        _start_forkserver(ctx, self.preload)
        self._pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=ctx)
        # a worker's start waits for the fork server to build the preloaded stages: let a thread do the waiting
        self._starter = threading.Thread(target=self._start_workers, name="eventledger-workers", daemon=True)
        self._starter.start()

    def _start_workers(self) -> None:
        try:
            for f in [self._pool.submit(os.getpid) for _ in range(self.workers)]:
                f.result()
        except BaseException:  # noqa: BLE001 - a pool that cannot start says why at the first submit
            pass
        finally:
            self._up.set()

    def _ready(self) -> bool:
        return self._client is not None or self._up.is_set()

    def _free(self) -> bool:
        """A worker is up with nothing to do (on a cluster: always, the scheduler shares the work out)."""
        return self._client is not None or (self._up.is_set() and self._outstanding < self.workers)

    def _done(self, _fut) -> None:
        with self._count:
            self._outstanding -= 1

    def __exit__(self, *exc: Any) -> None:
        if self._starter is not None:
            self._starter.join()
            self._starter = None
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None

    def warm(self, stages: Sequence[Stage]) -> None:
        """Build the stages on every worker now, so a worker that cannot start fails before any work."""
        if self._client is None and self.workers > 1 and self._pool is None:
            self.start()
        if self._pool is not None:
            self._up.wait()
            futs = [self._pool.submit(_warm, list(stages)) for _ in range(self.workers)]
            for f in futs:
                self._result(f)
        elif self._client is not None:
            self._client.run(_warm, list(stages))
        else:
            _warm(stages)

    def map(
        self, stages: Sequence[Stage], chunks: Iterable[list[Any]], *, here_when_busy: bool = False
    ) -> Iterator[list[Any]]:
        if self.local:
            for chunk in chunks:
                yield run_chunk(stages, chunk)
            return
        chunks = iter(chunks)
        if self._pool is None and self._client is None:
            ahead = list(itertools.islice(chunks, 2))
            if len(ahead) < 2:  # one chunk is not worth starting worker processes for
                for chunk in ahead:
                    yield run_chunk(stages, chunk)
                return
            self.start()  # a map whose input feeds this one may have started them meanwhile
            chunks = itertools.chain(ahead, chunks)
        stages = list(stages)
        window: deque = deque()  # one entry a chunk, in input order: a future, _Here or _Waiting
        limit = IN_FLIGHT_PER_WORKER * self.workers
        self._windows.append((stages, window))
        try:
            for i, chunk in enumerate(chunks):
                if self._ready():
                    self._send_waiting()  # any map's chunks held for the workers go first, whichever map runs now
                if here_when_busy and not self._free():
                    window.append(_Here(run_chunk(stages, chunk)))
                elif self._ready():
                    window.append(self._submit(stages, chunk, i))
                else:
                    window.append(_Waiting(chunk, i))
                while window and (
                    isinstance(window[0], _Here) or len(window) >= (limit if self._ready() else WAITING_CHUNKS)
                ):
                    yield self._take(stages, window)
            while window:
                yield self._take(stages, window)
        finally:
            self._windows = [w for w in self._windows if w[1] is not window]

    def _send_waiting(self) -> None:
        """Send the chunks that waited for the workers to start, every map's, each map's in order.

        Maps are chained (cleaning feeds extraction) and run in this thread, each when the next one asks it for
        a chunk: the map that runs when the workers come up sends what the others hold. Before, the cleaning map
        found the workers idle there, the extraction chunks still held, and sent them cleaning, which they had
        not built (0.8 CPU s each to build the cleaner), while extraction waited for those chunks in order."""
        for stages, window in self._windows:
            self._send(stages, window)

    def _send(self, stages: list, window: deque) -> None:
        """Send the chunks of one map that waited for the workers to start, in order."""
        for k, entry in enumerate(window):
            if isinstance(entry, _Waiting):
                window[k] = self._submit(stages, entry.chunk, entry.i)

    def _take(self, stages: list, window: deque) -> list[Any]:
        if isinstance(window[0], _Waiting):
            self._up.wait()
            self._send_waiting()
        entry = window.popleft()
        return entry.records if isinstance(entry, _Here) else self._result(entry)

    def _submit(self, stages: list, chunk: list, i: int):
        from concurrent.futures.process import BrokenProcessPool

        payload = freeze(chunk)
        if self._client is not None:
            return self._client.submit(run_chunk, stages, payload, i % self.workers, self.workers, pure=False)
        try:
            fut = self._pool.submit(run_chunk, stages, payload, i % self.workers, self.workers)
        except BrokenProcessPool as e:
            raise WorkerError(f"a worker process died: {e}") from e
        with self._count:
            self._outstanding += 1
        fut.add_done_callback(self._done)
        return fut

    def _result(self, fut) -> Any:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return fut.result()
        except WorkerError:
            raise
        except BrokenProcessPool as e:
            raise WorkerError(f"a worker process died: {e}") from e
        except Exception as e:
            if self._client is not None and type(e).__name__ in ("KilledWorker", "CommClosedError", "CancelledError"):
                raise WorkerError(f"a Dask worker failed: {type(e).__name__}: {e}") from e
            raise


def _warm(stages: Sequence[Stage]) -> int:
    for s in stages:
        built(s)
        inner = getattr(s, "stage", None)  # a wrapper stage (stages.ParseOriginals) holding a recipe
        if isinstance(inner, Lazy):
            inner.get()
    return os.getpid()


PRELOAD_ENV = "EVENTLEDGER_FORKSERVER_PRELOAD"


def start_forkserver(stages: Sequence[Stage]) -> None:
    """Start this process's fork server with `stages` built in it, ahead of any pool (see `_start_forkserver`)."""
    import multiprocessing as mp

    _start_forkserver(mp.get_context("forkserver"), stages)


def _start_forkserver(ctx, stages: Sequence[Stage]) -> None:
    """Start the fork server with `stages` built in it, so that every worker forked from it has them built.

    Each worker building its own models cost a core's worth of seconds per worker, paid before any work.
    The recipes travel in the environment (a few bytes), which the server inherits when it starts; a server
    already running (a second pool in this process) keeps what it built then, and a worker builds anything
    else itself, on first use.
    """
    from multiprocessing import forkserver

    if not stages:
        return
    ctx.set_forkserver_preload(["eventledger._preload"])
    # the server is started without the driver's sys.path (Python 3.11 drops it), which unpickling needs
    payload = (list(sys.path), pickle.dumps(list(stages), protocol=pickle.HIGHEST_PROTOCOL))
    os.environ[PRELOAD_ENV] = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL).hex()
    try:
        forkserver.ensure_running()
    finally:
        del os.environ[PRELOAD_ENV]


def preload_from_environment() -> None:
    """In the fork server: build the stages the driver named. A failure is left for the workers to report,
    each with its cause, when they build the stage themselves."""
    blob = os.environ.pop(PRELOAD_ENV, None)
    if not blob:
        return
    try:
        path, stages = pickle.loads(bytes.fromhex(blob))
        sys.path[:] = path
        _warm(pickle.loads(stages))
    except Exception:
        pass
    _freeze_heap()


def _freeze_heap() -> None:
    """Take every object alive in the fork server out of the garbage collector's sight before workers are forked.

    The models are never garbage, yet each worker's full collections walked all of their objects, and wrote to
    the pages they sit on, which then became the worker's own copies: 0.13 CPU s of collections per worker on
    the 200 MUC-4 texts, 0.01 s frozen. (A collection first would find almost nothing, 20 objects, for 0.08 s.)
    """
    import gc

    gc.freeze()


def _dask_client(address: str):
    try:
        from dask.distributed import Client
    except ImportError as e:  # pragma: no cover - distributed is in requirements.lock
        raise WorkerError(f"--scheduler needs dask.distributed: {e}") from e
    try:
        return Client(address, timeout="20s")
    except Exception as e:
        raise WorkerError(f"cannot reach the Dask scheduler at {address}: {type(e).__name__}: {e}") from e
