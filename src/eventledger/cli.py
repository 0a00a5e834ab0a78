"""EventLedger: political-violence events from the open record, with the evidence for every value.

Commands are thin: they check arguments and call library functions; library
errors become one clean line on stderr and a non-zero exit.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer


class _App(typer.Typer):
    """The command line. A command that has closed what it opened may end the process without the interpreter's
    teardown (`_leave_fast`): after an ingest, freeing the hundreds of MB of objects it loaded took 0.3 CPU s
    (at the end of the job, with nothing else to run beside it). Only the program itself leaves this way; a
    command invoked in process (tests, CliRunner) returns as usual."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        global _FAST_EXIT
        _FAST_EXIT = False  # a command run in process before (CliRunner) asked nothing of this run
        try:
            return super().__call__(*args, **kwargs)
        except SystemExit as e:
            if _FAST_EXIT:
                _exit_now(e.code)
            raise


_FAST_EXIT = False


def _leave_fast() -> None:
    global _FAST_EXIT
    _FAST_EXIT = True


def _exit_now(code: object) -> NoReturn:
    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:  # noqa: BLE001 - a closed pipe: nothing more can be said on it
            pass
    os._exit(status)


app = _App(no_args_is_help=True, add_completion=False, help=__doc__, pretty_exceptions_enable=False)

DbOpt = Annotated[
    str | None, typer.Option("--db", help="Store URL: sqlite:///file.db (default eventledger.db) or postgresql://...")
]
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


WorkersOpt = Annotated[
    int | None,
    typer.Option(
        help="Processes for cleaning and extraction; default: one per core of this machine "
        "(an input of one chunk runs in this process)."
    ),
]


def _workers(n: int | None) -> int:
    from eventledger.pipeline import available_cores

    if n is None:
        return available_cores()
    if n < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="--workers")
    return n


def fail(message: str) -> None:
    typer.echo(f"error: {printable(message)}", err=True)
    raise typer.Exit(1)


def _print_quarantined(q) -> None:
    typer.echo(f"error: {printable(q.path)}: {printable(q.reason)}", err=True)


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help="Files or directories (walked; .gz and .zip read transparently).")
    ],
    db: DbOpt = None,
    workers: WorkersOpt = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            help="A Dask scheduler (tcp://HOST:PORT): clean and extract on its workers; needs a PostgreSQL --db."
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Exit non-zero when any input was quarantined.")] = False,
    quiet: QuietOpt = False,
) -> None:
    """Read, clean, extract and store documents, then resolve reports into events."""
    from eventledger.stages import start_early

    workers = _workers(workers)
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"{missing[0]}: no such file or directory")
    start_early(paths, workers=workers, scheduler=scheduler)  # the models load while the rest starts up

    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from eventledger.ingest import IngestError, WorkerError
    from eventledger.ingest import ingest as run

    store = _store(db)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed} documents"),
        TimeElapsedColumn(),
        disable=quiet or not sys.stderr.isatty(),
        transient=True,
    ) as bar:
        task = bar.add_task("ingesting", total=None)
        try:
            result = run(
                paths,
                store=store,
                workers=workers,
                scheduler=scheduler,
                on_error=_print_quarantined,
                progress=lambda n: bar.advance(task, n),
            )
        except (IngestError, WorkerError) as e:
            fail(str(e))
    typer.echo(result.summary())
    if not quiet:
        _print_found(store)
    store.close()  # the store's files are whole (SQLite's write-ahead log checkpointed) before the process ends
    _leave_fast()
    if strict and result.quarantined:
        raise typer.Exit(2)


@app.command()
def watch(
    dirs: Annotated[list[Path], typer.Argument(help="Folders to watch: files that appear in them are ingested.")],
    feeds: Annotated[
        Path | None, typer.Option(help="A file of feed URLs, one a line (# comments), polled each round.")
    ] = None,
    every: Annotated[str, typer.Option(help="Time between rounds: 30s, 15m, 1h.")] = "15m",
    db: DbOpt = None,
    workers: WorkersOpt = None,
    rounds: Annotated[int | None, typer.Option(help="Stop after this many rounds (default: until Ctrl-C).")] = None,
) -> None:
    """Keep ingesting: new files in DIRS and changed feeds, each round resolved into the events; safe to stop any
    time."""
    from eventledger.ingest import IngestError, WorkerError
    from eventledger.watch import Watcher, parse_every, read_feed_list

    workers = _workers(workers)
    try:
        interval = parse_every(every)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--every") from e
    missing = [str(p) for p in dirs if not p.is_dir()]
    if missing:
        fail(f"{missing[0]}: not a folder")
    try:
        urls = read_feed_list(feeds) if feeds else []
    except (OSError, ValueError) as e:
        raise typer.BadParameter(str(e), param_hint="--feeds") from e
    store = _store(db)
    w = Watcher(
        dirs,
        store=store,
        feeds=urls,
        every=interval,
        workers=workers,
        say=lambda msg: typer.echo(printable(msg), err=True),
        on_error=_print_quarantined,
    )
    typer.echo(f"watching {len(dirs)} folder(s) and {len(urls)} feed(s) every {every}; Ctrl-C stops", err=True)
    try:
        w.run(rounds=rounds)
    except (IngestError, WorkerError) as e:
        fail(str(e))


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
            e["id"],
            e.get("type") or "",
            (e.get("date") or {}).get("value") or "?",
            ", ".join(x for x in (place.get("name"), place.get("country")) if x) or "?",
            "/".join(map(str, vals)) or "-",
            str(e.get("independent_sources") or 0),
            "yes" if e.get("contradictions") else "",
        )
    console = Console(stderr=False)
    if not console.is_terminal:
        console = Console(stderr=False, width=160)  # piped or logged: room for ids and places
    console.print(t)
    console.print(
        "`eventledger show EVENT` prints an event's dossier; `eventledger contradictions` lists the disagreements."
    )


@app.command()
def export(
    what: Annotated[str, typer.Option(help="documents | reports | statements | events")] = "events",
    fmt: Annotated[
        str, typer.Option("--format", help="jsonl | csv-acled | csv-gtd | geojson | stix | parquet")
    ] = "jsonl",
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Write here instead of stdout (required for parquet).")
    ] = None,
    db: DbOpt = None,
) -> None:
    """Export records in the shapes of DESIGN.md (JSON lines) or in analysts' formats (docs/exports.md)."""
    from eventledger.export import BINARY, write_export
    from eventledger.export.jsonl import WHAT, records

    if what not in WHAT:
        fail(f"--what must be one of {', '.join(WHAT)}, not '{what}'")
    if fmt in BINARY and out is None:
        fail(f"--format {fmt} writes a binary file: give it a name with --out events.{fmt}")
    store = _store(db)
    stream = (
        out.open("wb" if fmt in BINARY else "w", encoding=None if fmt in BINARY else "utf-8") if out else sys.stdout
    )
    try:
        if fmt == "jsonl":
            for rec in records(store, what):
                stream.write(json.dumps(rec, ensure_ascii=False, default=str) + "\n")
        else:
            for note in write_export(store, what=what, fmt=fmt, out=stream):
                typer.echo(f"note: {note}", err=True)
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
def show(
    event: Annotated[str, typer.Argument(help="Event id (or a unique start of one).")],
    db: DbOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print an event's dossier: each field, each reported value, its source and quote."""
    from eventledger.resolve.render import dossier

    try:
        e = _ledger(db).event(event)
    except LookupError as err:
        fail(str(err))
    typer.echo(json.dumps(e, ensure_ascii=False, indent=2, default=str) if as_json else "\n".join(dossier(e)))


DATE_RX = r"^\d{4}(-\d{2}(-\d{2})?)?$"


def _registry():
    from eventledger.knowledge import ActorRegistry

    return ActorRegistry.load()


def _clean(v) -> str:
    """A cell on one line: scraped names can hold line breaks and tabs."""
    return "" if v is None else " ".join(str(v).split())


@app.command(name="events")
def events_(
    country: Annotated[str | None, typer.Option(help="ISO 3166 alpha-2 code of the event's country, e.g. RU.")] = None,
    admin1: Annotated[
        str | None, typer.Option(help="The event's province or state, as its place names it (any case).")
    ] = None,
    type_: Annotated[
        str | None, typer.Option("--type", help="Event type as listed, e.g. 'armed assault', 'bombing'.")
    ] = None,
    date_from: Annotated[
        str | None, typer.Option("--from", help="Earliest event date: 2024, 2024-03 or 2024-03-22.")
    ] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Latest event date, inclusive.")] = None,
    actor: Annotated[
        str | None, typer.Option(help="A perpetrator: registry id or any alias (IS-K, ISKP, ...).")
    ] = None,
    min_sources: Annotated[int, typer.Option(min=0, help="At least this many independent sources.")] = 0,
    contested: Annotated[
        bool, typer.Option("--contested", help="Only events whose sources contradict each other.")
    ] = False,
    query: Annotated[
        str | None, typer.Option("--query", help="Words in the reports' text or the event's names.")
    ] = None,
    sort: Annotated[str, typer.Option(help="date | killed | sources | updated; a leading - for descending.")] = "-date",
    limit: Annotated[int | None, typer.Option(min=1, help="At most this many (default: all).")] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="One JSON object per line (the API's event summary).")
    ] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="CSV with a header row.")] = False,
    db: DbOpt = None,
) -> None:
    """List events, filtered: a table, or JSON lines / CSV for scripts."""
    from eventledger.serve.events import EventFilter, all_events

    _check_event_options(
        date_from=date_from, date_to=date_to, country=country, sort=sort, as_json=as_json, as_csv=as_csv
    )
    store = _store(db)
    f = EventFilter(
        date_from=date_from,
        date_to=date_to,
        country=country.upper() if country else None,
        actor=actor,
        type=type_,
        q=query,
        min_sources=min_sources,
        contested=contested,
        admin1=admin1,
    )
    rows = all_events(store, f, sort=sort, limit=limit, actors=_registry() if actor else None)
    n = _emit_events(rows, as_json=as_json, as_csv=as_csv)
    if n == 0 and type_ and type_ not in store.event_facets()["types"]:
        fail(f"no event has type '{type_}'; types in this ledger: {', '.join(store.event_facets()['types'])}")
    typer.echo(f"{n} events", err=True)


def _check_event_options(
    *, date_from: str | None, date_to: str | None, country: str | None, sort: str, as_json: bool, as_csv: bool
) -> None:
    """Refuse options that cannot be meant, with what to give instead."""
    import re

    from eventledger.serve.events import SORT_CHOICES

    for name, v in (("--from", date_from), ("--to", date_to)):
        if v and not re.match(DATE_RX, v):
            fail(f"{name} must look like 2024, 2024-03 or 2024-03-22, not '{v}'")
    if country and not re.fullmatch(r"[A-Za-z]{2}", country):
        fail(f"--country takes a two-letter ISO code such as RU, not '{country}'")
    if sort not in SORT_CHOICES:
        fail(f"--sort must be one of {', '.join(SORT_CHOICES)}")
    if as_json and as_csv:
        fail("choose one of --json and --csv")


def _emit_events(rows, *, as_json: bool, as_csv: bool) -> int:
    """Print the events as JSON lines, CSV or a table; returns how many."""
    from eventledger.serve.events import FLAT_COLUMNS, flat

    if as_json:
        n = 0
        for n, row in enumerate(rows, 1):
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
    elif as_csv:
        import csv

        w = csv.DictWriter(sys.stdout, fieldnames=FLAT_COLUMNS, lineterminator="\n")
        w.writeheader()
        n = 0
        for n, row in enumerate(rows, 1):
            w.writerow({k: _clean(v) for k, v in flat(row).items()})
    else:
        n = _print_events(list(rows))
    return n


def _print_events(rows: list[dict]) -> int:
    from rich.console import Console
    from rich.table import Table

    from eventledger.serve.templating import count_text, date_text

    t = Table(show_lines=False, pad_edge=False)
    for col, kw in (
        ("event", {"no_wrap": True}),
        ("date", {"no_wrap": True}),
        ("type", {}),
        ("place", {}),
        ("killed", {"justify": "right"}),
        ("sources", {"justify": "right"}),
        ("perpetrators", {}),
        ("contested", {}),
    ):
        t.add_column(col, **kw)
    for e in rows:
        place = e.get("place") or {}
        where = ", ".join(_clean(x) for x in (place.get("name"), place.get("admin1"), place.get("country")) if x) or "?"
        perps = [
            f"{_clean(p['actor'])} ({p.get('basis') or 'reported'})"
            for p in e.get("perpetrators") or []
            if p.get("actor")
        ]
        t.add_row(
            e["id"],
            date_text(e.get("date")),
            _clean(e.get("type")) + (" (background)" if e.get("background") else ""),
            where,
            count_text(e.get("killed")),
            str(e.get("independent_sources") or 0),
            "; ".join(perps[:3]) + (f" +{len(perps) - 3}" if len(perps) > 3 else ""),
            ", ".join(e.get("contradictions") or []),
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=200)  # piped: room for ids, places and actors
    if rows:
        console.print(t)
    return len(rows)


@app.command()
def search(
    words: Annotated[
        list[str], typer.Argument(help="Words to find: a place, an actor, a type, any words of the reports.")
    ],
    limit: Annotated[int, typer.Option(min=1, help="Passages to list.")] = 10,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """Find events (by place, actor, type or their reports' words) and the document passages that mention the words."""
    from eventledger.serve.views import search as run

    res = run(_store(db), " ".join(words), limit=limit, actors=_registry())
    if as_json:
        typer.echo(json.dumps({"events": res["events"], "passages": res["items"]}, ensure_ascii=False, default=str))
        return
    from eventledger.serve.templating import date_text

    typer.echo(f"{len(res['events'])} events")
    for e in res["events"]:
        place = e.get("place") or {}
        typer.echo(
            f"  {e['id']}  {date_text(e.get('date'))}  {_clean(e.get('type'))}  "
            f"{_clean(place.get('name') or place.get('country') or '?')}  ({e['matched']})"
        )
    typer.echo(f"{len(res['items'])}{'+' if res['next'] else ''} passages")
    for h in res["items"]:
        text = _clean(h["snippet"].replace("\x02", "[").replace("\x03", "]"))
        events = ", ".join(x["id"] for x in h["events"]) or "no event"
        typer.echo(
            f"  {_clean(h.get('source') or 'unknown source')}, {date_text(h.get('date'))}: {text}\n    -> {events}"
        )


@app.command()
def briefing(
    since: Annotated[
        str | None, typer.Option(help="A day (2024-03-22) or a moment; default: the start of the last ingest.")
    ] = None,
    limit: Annotated[int, typer.Option(min=1, help="Events to show.")] = 20,
    as_json: JsonOpt = False,
    db: DbOpt = None,
) -> None:
    """What changed since the last ingest (or --since), most significant first, with what is new about each event."""
    from eventledger.serve.briefing import SINCE
    from eventledger.serve.briefing import briefing as run
    from eventledger.serve.templating import count_text, date_text

    if since and not SINCE.match(since):
        fail(f"--since must look like 2024-03-22 (or 2024-03-22T10:00:00+00:00), not '{since}'")
    b = run(_store(db), since, limit=limit, sentences=1)
    if as_json:
        typer.echo(json.dumps(b, ensure_ascii=False, default=str))
        return
    run_text = f"the ingest of {b['run']['started']}" if b["run"] else f"{b['since']}"
    typer.echo(f"Changed since {run_text}: {b['changed']} events; ordered {b['order']}.")
    for e in b["events"]:
        place = e.get("place") or {}
        typer.echo(
            f"\n{e['id']}  {_clean(e['type'])} · {_clean(place.get('name') or place.get('country') or '?')}  "
            f"{date_text(e.get('date'))}  killed {count_text(e.get('killed'))}  {e['independent_sources']} sources"
        )
        for n in e["new"]:
            typer.echo(f"  {n['kind']}: {_clean(n['text'])}")
        for q in e["summary"]:
            typer.echo(f'  "{_clean(q["text"])}" ({_clean(q.get("source") or "unknown source")})')


@app.command()
def contradictions(
    db: DbOpt = None,
    field: Annotated[str | None, typer.Option(help="Only this field: killed, date, place, perpetrator, ...")] = None,
    as_json: JsonOpt = False,
) -> None:
    """List every contradiction across the store: the event, the field, each value and the reports behind it."""
    rows = _ledger(db).contradictions(field)
    if as_json:
        for r in rows:
            typer.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    for r in rows:
        vals = " | ".join(
            f"{v['value']} ({len(v.get('reports') or v.get('statements') or [])} reports)" for v in r["values"]
        )
        typer.echo(f"{r['event']}  {r['date'] or '?'}  {r['type'] or '?'}  {r['field']}: {vals}")
    typer.echo(f"{len(rows)} contradictions", err=True)


event_app = typer.Typer(
    no_args_is_help=True,
    add_completion=False,
    help="Analyst corrections to one event, kept apart from the sources' values and re-applied on every re-run.",
)
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
def merge(
    event: str,
    other: Annotated[str, typer.Argument(help="The event to fold into EVENT.")],
    note: NoteOpt = "",
    author: AuthorOpt = None,
    db: DbOpt = None,
) -> None:
    """Merge OTHER into EVENT: they are one event."""
    _correct(db, "merge", event, note, author, target=other)


@event_app.command()
def split(
    event: str,
    reports: Annotated[list[str], typer.Argument(help="Report ids that form a new event.")],
    note: NoteOpt = "",
    author: AuthorOpt = None,
    db: DbOpt = None,
) -> None:
    """Split these reports out of EVENT into a new event of their own."""
    _correct(db, "split", event, note, author, value=list(reports))


@event_app.command()
def detach(
    event: str,
    report: Annotated[str, typer.Argument(help="A report that is not about this event.")],
    note: NoteOpt = "",
    author: AuthorOpt = None,
    db: DbOpt = None,
) -> None:
    """Mark a report as not about EVENT: it stands alone."""
    _correct(db, "detach", event, note, author, target=report)


@event_app.command()
def edit(
    event: str,
    field: Annotated[str, typer.Argument(help="date, place, type, ...")],
    value: Annotated[str, typer.Argument(help='The value (JSON for objects, e.g. \'{"value": "2024-03-22"}\').')],
    note: NoteOpt = "",
    author: AuthorOpt = None,
    db: DbOpt = None,
) -> None:
    """Set a field to the analyst's value; the computed value stays beside it."""
    try:
        parsed = json.loads(value)
    except ValueError:
        parsed = value
    _correct(db, "edit", event, note, author, field=field, value=parsed)


@event_app.command(name="set-best")
def set_best(
    event: str,
    kind: Annotated[str, typer.Argument(help="A count kind: killed, injured, kidnapped, ...")],
    value: Annotated[int, typer.Argument(min=0)],
    note: NoteOpt = "",
    author: AuthorOpt = None,
    db: DbOpt = None,
) -> None:
    """Choose the best estimate of a count, with a note; every source's value is kept."""
    _correct(db, "set-best", event, note, author, field=kind, value=value)


@event_app.command(name="note")
def note_(
    event: str, text: Annotated[str, typer.Argument(help="The remark.")], author: AuthorOpt = None, db: DbOpt = None
) -> None:
    """Attach an analyst's remark to EVENT (changes no value)."""
    _correct(db, "note", event, text, author)


corrections_app = typer.Typer(
    no_args_is_help=True, add_completion=False, help="The analyst corrections stored: list them, withdraw one."
)
app.add_typer(corrections_app, name="corrections")


@corrections_app.command(name="list")
def corrections_list(
    event: Annotated[str | None, typer.Option(help="Only this event's corrections.")] = None,
    withdrawn: Annotated[bool, typer.Option("--withdrawn", help="Include withdrawn ones.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
    db: DbOpt = None,
) -> None:
    """List corrections in the order made: id, kind, event, what it sets, who, and whether it applies."""
    from eventledger.resolve.corrections import listed

    rows = listed(_store(db).corrections(), event=event, withdrawn=withdrawn)
    for c in rows:
        if as_json:
            typer.echo(json.dumps(c, ensure_ascii=False, default=str))
            continue
        value = json.dumps(c.get("value"), ensure_ascii=False) if c.get("value") is not None else None
        what = " ".join(str(x) for x in (c.get("field"), value, c.get("target")) if x)
        line = (
            f"{c['id']}  {c['status']:<10} {c['kind']:<8} {c.get('event')}  {what[:80]}  "
            f"{_clean(c.get('author') or '?')} {c.get('created') or ''}"
            + (f"  ({c['problem']})" if c.get("problem") else "")
        )
        typer.echo(printable(_clean(line)))
    typer.echo(f"{len(rows)} corrections", err=True)


@corrections_app.command()
def withdraw(
    correction: Annotated[str, typer.Argument(help="The correction's id (cor_...).")],
    note: NoteOpt = "",
    author: AuthorOpt = None,
    db: DbOpt = None,
) -> None:
    """Withdraw a correction: it stays listed (and in the revision log) but no longer applies."""
    import os

    try:
        c = _ledger(db).withdraw(correction, by=author or os.environ.get("USER"), note=note)
    except LookupError as err:
        fail(str(err))
    typer.echo(f"withdrew {c['id']} ({c['kind']} on {c.get('event')}); events re-resolved")


@app.command()
def train(
    what: Annotated[str, typer.Argument(help="relevance: the learned document filter; resolution: the pair model")],
    data: Annotated[
        Path,
        typer.Argument(
            help="relevance: MUC-4 style JSON lines (doctext, templates); "
            "resolution: a GVA folder (its training part is used)."
        ),
    ],
    out: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Where to write the model (JSON); default var/relevance.json, or the package's resolution_model.json.",
        ),
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(
            "--store",
            help="resolution: a SQLite file of the training part's "
            "ingested articles, reused when it exists, else written.",
        ),
    ] = None,
) -> None:
    """Train an optional learned stage on labelled data (CPU, seconds; resolution ingests its data first)."""
    if what == "resolution":
        _train_resolution(data, out, store)
        return
    from eventledger.extract import RelevanceModel, muc4_examples

    if what != "relevance":
        fail(f"cannot train '{what}': the trainable stages are 'relevance' and 'resolution'")
    if not data.exists():
        fail(f"{data}: no such file")
    out = out or Path("var/relevance.json")
    try:
        texts, labels = muc4_examples(data)
        model = RelevanceModel.train(texts, labels, about={"trained_on": str(data)})
    except (ValueError, KeyError) as e:
        fail(f"{data}: {e}")
    model.save(out)
    typer.echo(
        f"wrote {out}: {model.about['documents']} documents ({model.about['relevant']} relevant), "
        f"{model.about['features']} features, threshold {model.threshold}"
    )


def _train_resolution(data: Path, out: Path | None, store: Path | None) -> None:
    from eventledger.eval.errors import EvalError
    from eventledger.eval.gva_train import train as train_gva

    if not data.is_dir():
        fail(f"{data}: not a GVA folder (articles.jsonl, incidents.jsonl)")
    try:
        got = train_gva(data, store=store, out=out)
    except (EvalError, ValueError) as e:
        fail(str(e))
    for row in got["grid"]:
        typer.echo(
            f"threshold {row['threshold']:.2f}: B-cubed F1 {100 * row['b3_f1']:.1f}, "
            f"{row['events_per_article']:.2f} events per article"
        )
    for row in got["whole"]:
        typer.echo(
            f"threshold {row['threshold']:.2f} with document linking: B-cubed F1 {100 * row['b3_f1']:.2f}, "
            f"with its neighbours {100 * row['smoothed']:.2f}{' (chosen)' if row['chosen'] else ''}"
        )
    typer.echo(f"wrote {got['model']}: {got['pairs']} pairs ({got['positive']} positive), threshold {got['threshold']}")
    d = got["documents"]
    typer.echo(
        f"wrote {d['model']}: {d['pairs']} document pairs ({d['positive']} positive), threshold {d['threshold']}"
    )


from eventledger.eval.cli import app as eval_app  # noqa: E402 - the sub-app registers after the commands above

app.add_typer(eval_app, name="eval", help="Measure quality on the shared development data.")
