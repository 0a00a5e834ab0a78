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


def printable(text: str) -> str:
    """Text from inputs (file names, reasons) as it may reach a terminal: control characters escaped."""
    from eventledger.read.common import printable as escape

    return escape(text)


def fail(message: str) -> None:
    typer.echo(f"error: {printable(message)}", err=True)
    raise typer.Exit(1)


def _print_quarantined(q) -> None:
    typer.echo(f"error: {printable(q.path)}: {printable(q.reason)}", err=True)


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
        result = run(paths, store=store, workers=workers, on_error=_print_quarantined,
                     progress=lambda n: bar.advance(task, n))
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
    for e in events[:20]:
        k = (e.get("counts") or {}).get("killed") or {}
        vals = sorted({v.get("value") for v in k.get("values", []) if v.get("value") is not None})
        place = e.get("place") or {}
        t.add_row(
            e["id"], e.get("type") or "", (e.get("date") or {}).get("value") or "?",
            ", ".join(x for x in (place.get("name"), place.get("country")) if x) or "?",
            "/".join(map(str, vals)) or "-", str(e.get("independent_sources") or 0),
            "yes" if e.get("contradictions") else "",
        )
    console = Console(stderr=False)
    if not console.is_terminal:
        console = Console(stderr=False, width=160)  # piped or logged: room for ids and places
    console.print(t)
    console.print("`eventledger show EVENT` prints an event's dossier; `eventledger contradictions` lists the disagreements.")


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


def _ledger(db: str | None):
    from eventledger.api import Ledger

    return Ledger(_store(db))


JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@app.command()
def show(event: Annotated[str, typer.Argument(help="Event id (or a unique start of one).")], db: DbOpt = None,
         as_json: JsonOpt = False) -> None:
    """Print an event's dossier: each field, each reported value, its source and quote."""
    from eventledger.resolve.render import dossier

    try:
        e = _ledger(db).event(event)
    except LookupError as err:
        fail(str(err))
    typer.echo(json.dumps(e, ensure_ascii=False, indent=2, default=str) if as_json else "\n".join(dossier(e)))


@app.command()
def contradictions(db: DbOpt = None, field: Annotated[str | None, typer.Option(help="Only this field: killed, date, place, perpetrator, ...")] = None,
                   as_json: JsonOpt = False) -> None:
    """List every contradiction across the store: the event, the field, each value and the reports behind it."""
    rows = _ledger(db).contradictions(field)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    for r in rows:
        vals = " | ".join(f"{v['value']} ({len(v.get('reports') or v.get('statements') or [])} reports)" for v in r["values"])
        typer.echo(f"{r['event']}  {r['date'] or '?'}  {r['type'] or '?'}  {r['field']}: {vals}")
    typer.echo(f"{len(rows)} contradictions", err=True)


event_app = typer.Typer(no_args_is_help=True, add_completion=False, help="Analyst corrections to one event, kept apart from "
                        "the sources' values and re-applied on every re-run.")
app.add_typer(event_app, name="event")
NoteOpt = Annotated[str, typer.Option("--note", help="Why (shown with the correction).")]
AuthorOpt = Annotated[str | None, typer.Option("--author", help="Who decided (default: $USER).")]


def _correct(db, kind: str, event: str, note: str, author: str | None, **kw) -> None:
    import os

    from eventledger.resolve.render import summary_line

    try:
        c, e = _ledger(db).correct(kind, event, note=note, author=author or os.environ.get("USER"), **kw)
    except (LookupError, ValueError) as err:
        fail(str(err))
    typer.echo(f"recorded {c['id']} ({kind})")
    if e is not None:
        typer.echo(summary_line(e))


@event_app.command()
def merge(event: str, other: Annotated[str, typer.Argument(help="The event to fold into EVENT.")], note: NoteOpt = "",
          author: AuthorOpt = None, db: DbOpt = None) -> None:
    """Merge OTHER into EVENT: they are one event."""
    _correct(db, "merge", event, note, author, target=other)


@event_app.command()
def split(event: str, reports: Annotated[list[str], typer.Argument(help="Report ids that form a new event.")], note: NoteOpt = "",
          author: AuthorOpt = None, db: DbOpt = None) -> None:
    """Split these reports out of EVENT into a new event of their own."""
    _correct(db, "split", event, note, author, value=list(reports))


@event_app.command()
def detach(event: str, report: Annotated[str, typer.Argument(help="A report that is not about this event.")], note: NoteOpt = "",
           author: AuthorOpt = None, db: DbOpt = None) -> None:
    """Mark a report as not about EVENT: it stands alone."""
    _correct(db, "detach", event, note, author, target=report)


@event_app.command()
def edit(event: str, field: Annotated[str, typer.Argument(help="date, place, type, ...")],
         value: Annotated[str, typer.Argument(help="The value (JSON for objects, e.g. '{\"value\": \"2024-03-22\"}').")],
         note: NoteOpt = "", author: AuthorOpt = None, db: DbOpt = None) -> None:
    """Set a field to the analyst's value; the computed value stays beside it."""
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    _correct(db, "edit", event, note, author, field=field, value=parsed)


@event_app.command(name="set-best")
def set_best(event: str, kind: Annotated[str, typer.Argument(help="A count kind: killed, injured, kidnapped, ...")],
             value: Annotated[int, typer.Argument(min=0)], note: NoteOpt = "", author: AuthorOpt = None, db: DbOpt = None) -> None:
    """Choose the best estimate of a count, with a note; every source's value is kept."""
    _correct(db, "set-best", event, note, author, field=kind, value=value)


@event_app.command(name="note")
def note_(event: str, text: Annotated[str, typer.Argument(help="The remark.")], author: AuthorOpt = None, db: DbOpt = None) -> None:
    """Attach an analyst's remark to EVENT (changes no value)."""
    _correct(db, "note", event, text, author)


@app.command()
def train(
    what: Annotated[str, typer.Argument(help="relevance: the learned document filter")],
    data: Annotated[Path, typer.Argument(help="MUC-4 style JSON lines (doctext, templates); a document with templates is relevant.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Where to write the model (JSON).")] = Path("var/relevance.json"),
) -> None:
    """Train an optional learned stage on labelled data (CPU, seconds)."""
    from eventledger.extract.relevance import RelevanceModel, muc4_examples

    if what != "relevance":
        fail(f"cannot train '{what}': the one trainable stage is 'relevance'")
    if not data.exists():
        fail(f"{data}: no such file")
    try:
        texts, labels = muc4_examples(data)
        model = RelevanceModel.train(texts, labels, about={"trained_on": str(data)})
    except (ValueError, KeyError) as e:
        fail(f"{data}: {e}")
    model.save(out)
    typer.echo(f"wrote {out}: {model.about['documents']} documents ({model.about['relevant']} relevant), "
               f"{model.about['features']} features, threshold {model.threshold}")


from eventledger.eval.cli import app as eval_app  # noqa: E402 - the sub-app registers after the commands above

app.add_typer(eval_app, name="eval", help="Measure quality on the shared development data.")
