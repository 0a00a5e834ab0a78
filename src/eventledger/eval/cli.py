"""`eventledger eval ...`: thin commands over the scorer modules; errors become one line and exit 1."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from eventledger.eval.errors import EvalError

app = typer.Typer(
    help="Measure EventLedger on the shared development data (MUC-4, WikiEvents, RAMS, article pages, seeds, GVA "
    "news).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

JsonOpt = Annotated[bool, typer.Option("--json", help="Print every metric, per field/role, with counts, as JSON.")]
LimitOpt = Annotated[int | None, typer.Option(help="Score only the first N documents (quick checks).")]


def _fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(1)


def _exists(path: Path) -> Path:
    if not path.exists():
        _fail(f"{path}: no such file or directory (the shared data lives in ../shared next to the checkout)")
    return path


def _run(task: str, as_json: bool, **kw: Any) -> dict:
    from eventledger.eval.report import print_tables
    from eventledger.eval.tasks import run_task

    try:
        result = run_task(task, **kw)
    except EvalError as e:
        _fail(str(e))
    if as_json:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False, default=str))
    else:
        print_tables(task, result)
    return result


@app.command()
def muc4(
    file: Annotated[Path, typer.Argument(help="MUC-4 JSON lines (docid, doctext, templates).")],
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
    predictions_out: Annotated[
        Path | None, typer.Option(help="Write predictions as JSON lines (docid, extracts by role).")
    ] = None,
    relevance: Annotated[
        str | None,
        typer.Option(
            help="Score with the learned relevance filter: a model file from "
            "`eventledger train relevance`, or 'train' to fit one on train.json first."
        ),
    ] = None,
) -> None:
    """Role-filler extraction scored with CEAF-REE (strict and proportional), incident types, false alarms."""
    _run("muc4", as_json, path=_exists(file), limit=limit, predictions_out=predictions_out, relevance=relevance)


@app.command()
def wikievents(
    file: Annotated[Path, typer.Argument(help="WikiEvents dev.jsonl.")],
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
) -> None:
    """Event detection per sentence and document, head-word argument F1 (Attacker/Target/Victim/Instrument/Place)."""
    _run("wikievents", as_json, path=_exists(file), limit=limit)


@app.command()
def rams(
    file: Annotated[Path, typer.Argument(help="RAMS dev.jsonlines.")], as_json: JsonOpt = False, limit: LimitOpt = None
) -> None:
    """Event detection per passage and head-word argument F1 on the passage's annotated event."""
    _run("rams", as_json, path=_exists(file), limit=limit)


@app.command()
def articles(
    folder: Annotated[
        Path,
        typer.Argument(
            help="Scrapinghub folder (html/*.html.gz, ground-truth.json) or "
            "WCXB folder (html/, ground-truth/, metadata.json)."
        ),
    ],
    as_json: JsonOpt = False,
    limit: LimitOpt = None,
) -> None:
    """Main-text extraction beside plain trafilatura: Scrapinghub word-shingle F1, or WCXB word F1 per page type
    with title, author and date."""
    _run("articles", as_json, path=_exists(folder), limit=limit)


@app.command()
def seeds(
    gold: Annotated[Path, typer.Argument(help="seeds-gold.json")],
    corpus: Annotated[Path, typer.Argument(help="Folder of seed documents.")],
    as_json: JsonOpt = False,
) -> None:
    """Ingest the seeds into a temporary store and compare with the hand gold; lists what is missing."""
    _run("seeds", as_json, path=_exists(gold), corpus=_exists(corpus))


@app.command(name="resolution")
def resolution_(as_json: JsonOpt = False, limit: LimitOpt = None) -> None:
    """Pairwise and B-cubed resolution scores on a set built from the seeds gold, MUC-4 dev and WikiEvents dev."""
    _run("resolution", as_json, limit=limit)


@app.command()
def gva(
    folder: Annotated[
        Path | None,
        typer.Argument(help="Folder with articles.jsonl and incidents.jsonl (default ../shared/data/gva-dev)."),
    ] = None,
    part: Annotated[str, typer.Option(help="train, test (the dev-test part; the default) or all.")] = "test",
    as_json: JsonOpt = False,
    limit: Annotated[
        int | None,
        typer.Option(
            help="Only the first N incidents of the part in split-hash order (a fixed sample; incidents stay whole)."
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            help="Write one JSON line per incident: gold, "
            "predicted values with their evidence, split and merged articles.",
        ),
    ] = None,
    workers: Annotated[int, typer.Option(help="Ingest worker processes.")] = 1,
    tune_lexical: Annotated[
        bool,
        typer.Option(
            "--tune-lexical",
            help="Print the lexical baseline's best settings "
            "on the training part (how its fixed setting was chosen) and stop.",
        ),
    ] = False,
) -> None:
    """Article -> event clustering (B-cubed, pairwise) beside a TF-IDF baseline, and per-incident
    killed/injured/day/city."""
    from eventledger.eval.paths import default_paths

    folder = _exists(folder or default_paths()["gva"])
    if tune_lexical:
        from eventledger.eval.gva import tune_lexical as tune

        try:
            rows = tune(folder)
        except EvalError as e:
            _fail(str(e))
        typer.echo(
            json.dumps(rows, indent=2)
            if as_json
            else "\n".join(
                f"threshold {r['threshold']:.3f}  window {r['window_days']:>2} d  {r['linkage']:<8} "
                f"B3 F1 {100 * r['b3_f1']:.1f}  pairwise F1 {100 * r['f1']:.1f}"
                for r in rows
            )
        )
        return
    done = [0]

    def progress(n: int) -> None:
        done[0] += n
        typer.echo(f"  ingested {done[0]} articles", err=True)

    _run("gva", as_json, path=folder, part=part, limit=limit, errors=errors, workers=workers, progress=progress)


@app.command(name="gva-misses")
def gva_misses(
    files: Annotated[list[Path], typer.Argument(help="Files written by `eval gva --errors`, one column each.")],
) -> None:
    """The GVA misses counted by mechanism (day off by how much, gold among the values, the state right...),
    file beside file: compare the dev-test part with the training part without reading an example."""
    from rich.console import Console
    from rich.table import Table as RTable

    from eventledger.eval.gva_misses import buckets, read, table

    named = {}
    for f in files:
        try:
            named[f.name] = buckets(read(_exists(f)))
        except (ValueError, KeyError) as e:
            _fail(f"{f}: not an `eval gva --errors` file ({e})")
    t = RTable(title="GVA misses by mechanism")
    for c in ("field", "bucket", *named):
        t.add_column(c)
    for row in table(named):
        t.add_row(*row)
    Console().print(t)


def _commit() -> str | None:
    from eventledger.eval.paths import ROOT

    try:
        out = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, timeout=10
        )
    except OSError:
        return None
    if out.returncode != 0:
        return None
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True, timeout=10
    )
    return out.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")


def run_all(tasks: dict[str, dict], *, log: Callable[[str], None]) -> tuple[dict[str, dict], dict[str, str]]:
    """Run every task; a task whose pieces are missing is recorded as an error, the others still run."""
    from eventledger.eval.tasks import run_task

    results, errors = {}, {}
    for name, opts in tasks.items():
        log(f"eval {name} ...")
        try:
            results[name] = run_task(name, limit=opts.get("limit"))
        except EvalError as e:
            errors[name] = str(e)
            log(f"  {name}: {e}")
    return results, errors


@app.command(name="all")
def all_(
    write: Annotated[Path | None, typer.Option("--write", help="Write the Markdown report here (EVAL.md).")] = None,
    as_json: JsonOpt = False,
    pin: Annotated[
        bool,
        typer.Option(
            "--pin",
            help="Also re-pin eval/baseline.json from the same run (only the "
            "tasks pinned with a limit run again, with it).",
        ),
    ] = False,
) -> None:
    """Every task on the default shared data; `--write EVAL.md` regenerates the report (`make eval`)."""
    from datetime import datetime, timezone

    from eventledger.eval.baseline import DEFAULT_TASKS
    from eventledger.eval.evalmd import render
    from eventledger.eval.report import print_tables

    tasks = {name: {**opts, "limit": None} for name, opts in DEFAULT_TASKS.items()}
    results, errors = run_all(tasks, log=lambda m: typer.echo(m, err=True))
    if as_json:
        typer.echo(json.dumps({"results": results, "errors": errors}, indent=2, default=str))
    else:
        for name, r in results.items():
            print_tables(name, r)
    if write:
        write.write_text(render(results, errors, commit=_commit(), when=datetime.now(timezone.utc)), encoding="utf-8")
        typer.echo(f"wrote {write}", err=True)
    if pin:
        from eventledger.eval import baseline as bl

        # a floor is checked with the options it was pinned with, so limited tasks are measured again with theirs
        limited = {n: o for n, o in DEFAULT_TASKS.items() if o.get("limit") is not None and n in results}
        again, again_errors = run_all(limited, log=lambda m: typer.echo(m, err=True))
        bl.write({**results, **again}, commit=_commit(), errors={**errors, **again_errors})
        typer.echo(f"pinned {bl.BASELINE}", err=True)
    if errors:
        raise typer.Exit(1)


@app.command()
def baseline(
    update: Annotated[
        bool, typer.Option("--update", help="Re-measure and re-pin eval/baseline.json (after a real improvement).")
    ] = False,
) -> None:
    """Show the pinned floors, or re-pin them with --update."""
    from eventledger.eval import baseline as bl

    if not update:
        if not bl.BASELINE.exists():
            _fail(f"{bl.BASELINE} does not exist: run `eventledger eval baseline --update`")
        typer.echo(bl.BASELINE.read_text(encoding="utf-8"))
        return
    results, errors = run_all(bl.DEFAULT_TASKS, log=lambda m: typer.echo(m, err=True))
    data = bl.write(results, commit=_commit(), errors=errors)
    typer.echo(json.dumps(data["tasks"], indent=2))
    typer.echo(f"pinned {bl.BASELINE}" + (f"; not pinned: {', '.join(errors)}" if errors else ""), err=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(app())
