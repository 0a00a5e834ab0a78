"""EventLedger: political-violence events from the open record, with the evidence for every value.

Commands are thin: they check arguments and call library functions; library
errors become one clean line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(no_args_is_help=True, add_completion=False, help=__doc__, pretty_exceptions_enable=False)

DbOpt = Annotated[str | None, typer.Option("--db", help="Store URL: sqlite:///file.db (default eventledger.db) or postgresql://...")]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors and the final summary.")]


def _store(db: str | None):
    from eventledger.store import Store, StoreError

    try:
        return Store(db)
    except StoreError as e:
        raise typer.BadParameter(str(e), param_hint="--db") from e


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


@app.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files or directories (walked; .gz and .zip read transparently).")],
    db: DbOpt = None,
    workers: Annotated[int, typer.Option(help="Processes for cleaning and extraction.")] = 1,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input was quarantined.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Read, clean, extract and store documents, then resolve reports into events."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from eventledger.ingest import ingest as run

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"{missing[0]}: no such file or directory")
    store = _store(db)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} documents"),
                  TimeElapsedColumn(), disable=quiet or not sys.stderr.isatty(), transient=True) as bar:
        task = bar.add_task("ingesting", total=None)
        result = run(paths, store=store, workers=workers, progress=lambda n: bar.advance(task, n))
    typer.echo(result.summary())
    if not quiet:
        _print_found(store)
    if strict and result.quarantined:
        raise typer.Exit(2)


def _print_found(store) -> None:
    from rich.console import Console
    from rich.table import Table

    from eventledger.export.jsonl import records

    events = sorted(records(store, "events"), key=lambda e: (-(e.get("independent_sources") or 0), e.get("id")))
    if not events:
        return
    t = Table(title="Events found (most independent sources first)")
    for col in ("event", "type", "date", "place", "killed", "sources", "contested"):
        t.add_column(col)
    for e in events[:25]:
        k = (e.get("counts") or {}).get("killed") or {}
        vals = sorted({v.get("value") for v in k.get("values", []) if v.get("value") is not None})
        place = e.get("place") or {}
        t.add_row(
            e["id"], e.get("type") or "", (e.get("date") or {}).get("value") or "?",
            ", ".join(x for x in (place.get("name"), place.get("country")) if x) or "?",
            "/".join(map(str, vals)) or "-", str(e.get("independent_sources") or 0),
            "yes" if e.get("contradictions") else "",
        )
    Console(stderr=False).print(t)


@app.command()
def export(
    what: Annotated[str, typer.Option(help="documents | reports | statements | events")] = "events",
    fmt: Annotated[str, typer.Option("--format", help="jsonl | csv-acled | csv-gtd | geojson | stix")] = "jsonl",
    out: Annotated[Path | None, typer.Option("--out", "-o", help="Write here instead of stdout.")] = None,
    db: DbOpt = None,
) -> None:
    """Export records in the shapes of DESIGN.md (JSON lines) or in analysts' formats."""
    from eventledger.export.jsonl import WHAT, records

    if what not in WHAT:
        fail(f"--what must be one of {', '.join(WHAT)}, not '{what}'")
    store = _store(db)
    stream = out.open("w", encoding="utf-8") if out else sys.stdout
    try:
        if fmt == "jsonl":
            for rec in records(store, what):
                stream.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        else:
            from eventledger.export import write_export

            write_export(store, what=what, fmt=fmt, out=stream)
    except ValueError as e:
        fail(str(e))
    finally:
        if out:
            stream.close()


@app.command()
def stats(db: DbOpt = None) -> None:
    """Count what the store holds."""
    for k, v in _store(db).counts().items():
        typer.echo(f"{k:12} {v}")


@app.command()
def resolve(db: DbOpt = None, policy: Annotated[str | None, typer.Option(help="acled | gtd | median")] = None) -> None:
    """Re-run resolution of stored reports into events."""
    from eventledger.ingest import resolve_store

    store = _store(db)
    resolve_store(store, policy=policy)
    typer.echo(f"{store.counts()['events']} events")


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind; 127.0.0.1 unless you mean to expose it.")] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8000,
) -> None:
    """Serve the analyst workspace (web pages and JSON API)."""
    from eventledger.serve import serve as run

    run(db=db, host=host, port=port)


def _register_subapps() -> None:
    try:
        from eventledger.eval.cli import app as eval_app
    except ImportError:  # the evaluation harness is optional at import time
        return
    app.add_typer(eval_app, name="eval", help="Measure quality on the shared development data.")


_register_subapps()
