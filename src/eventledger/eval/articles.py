"""Main-text extraction on the article-extraction (Scrapinghub) and WCXB benchmarks: EventLedger beside plain
trafilatura."""

from __future__ import annotations

import gzip
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eventledger.eval import shingles
from eventledger.eval.errors import EvalError, missing


def load(folder: Path, *, limit: int | None = None) -> list[tuple[str, bytes, dict]]:
    truth = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for key in sorted(truth)[:limit] if limit else sorted(truth):
        path = folder / "html" / f"{key}.html.gz"
        if not path.exists():
            raise EvalError(f"{path} is listed in ground-truth.json but missing")
        pages.append((key, gzip.decompress(path.read_bytes()), truth[key]))
    return pages


def eventledger_extractor() -> Callable[[bytes, str | None], str]:
    try:
        from eventledger.read import extract_html
    except ImportError as e:
        raise missing("eval articles", "eventledger.read.extract_html", e) from e
    return lambda html, url: extract_html(html, url=url).text or ""


def trafilatura_extractor() -> Callable[[bytes, str | None], str]:
    import trafilatura

    return lambda html, url: trafilatura.extract(html, url=url) or ""


def run(
    folder: Path,
    *,
    limit: int | None = None,
    systems: dict[str, Callable] | None = None,
    wcxb_folder: Path | None = None,
) -> dict[str, Any]:
    """Score each system on the same pages; an extractor that raises on a page scores that page as empty.

    A WCXB folder (metadata.json, ground-truth/) is scored the WCXB way (eval/wcxb.py); `wcxb_folder`
    adds that run to a Scrapinghub one.
    """
    from eventledger.eval import wcxb

    if wcxb.is_wcxb(folder):
        return {"wcxb": wcxb.run(folder, limit=limit)}
    out = _scrapinghub(folder, limit=limit, systems=systems)
    if wcxb_folder is not None:
        if not wcxb.is_wcxb(wcxb_folder):
            raise EvalError(f"{wcxb_folder} is not a WCXB folder (metadata.json and ground-truth/ expected)")
        out["wcxb"] = wcxb.run(wcxb_folder, limit=limit)
    return out


def _scrapinghub(folder: Path, *, limit: int | None, systems: dict[str, Callable] | None) -> dict[str, Any]:
    pages = load(folder, limit=limit)
    systems = systems or {"eventledger": eventledger_extractor(), "trafilatura": trafilatura_extractor()}
    out: dict[str, Any] = {"systems": {}, "data": str(folder)}
    for name, fn in systems.items():
        rows, errors, t0 = [], [], time.perf_counter()
        for key, html, truth in pages:
            try:
                text = fn(html, truth.get("url"))
            except Exception as e:  # counted and listed, never hidden
                errors.append(f"{key}: {type(e).__name__}: {e}")
                text = ""
            rows.append(shingles.tp_fp_fn(truth.get("articleBody", ""), text))
        out["systems"][name] = {
            **shingles.aggregate(rows),
            "errors": errors,
            "seconds": round(time.perf_counter() - t0, 1),
        }
    el, tr = out["systems"].get("eventledger"), out["systems"].get("trafilatura")
    if el and tr and tr["f1"]:
        out["ratio_f1"] = el["f1"] / tr["f1"]
    return out


def headline(result: dict) -> dict[str, float]:
    from eventledger.eval import wcxb

    out = {f"articles.{name}.f1": s["f1"] for name, s in result.get("systems", {}).items()}
    if "ratio_f1" in result:
        out["articles.ratio_f1"] = result["ratio_f1"]
    if "wcxb" in result:
        out.update(wcxb.headline(result["wcxb"]))
    return out
