"""Ingest throughput (documents/s) and peak memory of the whole main job.

Cases: the 181 real article pages of ../shared/data/article-extraction (HTML, gzip)
and synthetic RSS feeds of N items in all (files of --per-file items). Prints one JSON object per case.
Usage: python benchmarks/ingest_throughput.py [--case articles|feed] [--items 10000] [--per-file 500]
       [--workers 1] [--no-extract]
--no-extract runs every stage but extraction (read, clean, dedupe, store, resolve of nothing): the memory
of the streaming machinery at sizes where parsing every item would take hours on this machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parents[1]
ARTICLES = ROOT.parent / "shared" / "data" / "article-extraction" / "html"

PLACES = ["Kano", "Mogadishu", "Kabul", "Peshawar", "Gao", "Mosul", "Idlib", "Kharkiv", "Bamako", "Cabo Delgado"]
ACTORS = ["al-Shabaab", "Boko Haram", "ISWAP", "JNIM", "IS-K", "TTP", "unidentified gunmen", "Houthi forces"]


def synthetic_feed(path: Path, n: int, *, first: int = 0) -> Path:
    """An RSS feed of short, varied incident items (about 120 words each), numbered from `first`."""
    base = datetime(2024, 1, 1, tzinfo=timezone.utc)
    items = []
    for i in range(first, first + n):
        place, actor = PLACES[i % len(PLACES)], ACTORS[(i * 7) % len(ACTORS)]
        killed, injured = 2 + (i * 13) % 40, (i * 29) % 70
        when = base + timedelta(hours=7 * i)
        body = (
            f"At least {killed} people were killed and {injured} injured when {actor} attacked a market in {place} "
            f"on {when:%A}, local officials said. Witnesses described gunfire lasting more than an hour before "
            f"security "
            f"forces arrived. A spokesman for the regional government said {i % 9 + 1} suspects had been detained and "
            f"that an investigation was under way. Hospitals in {place} appealed for blood donations as the wounded "
            f"were "
            f"brought in. It was the {i % 5 + 2}th attack in the area this year (item {i})."
        )
        items.append(
            f"<item><title>{escape(actor)} attack in {place} kills {killed}</title><link>https://news.example.org/{i}</link>"
            f"<guid>https://news.example.org/{i}</guid><pubDate>{format_datetime(when)}</pubDate>"
            f"<description>{escape(body)}</description></item>"
        )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Example Wire</title>'
        "<link>https://news.example.org/</link><description>synthetic benchmark feed</description>"
        + "".join(items)
        + "</channel></rss>",
        encoding="utf-8",
    )
    return path


def synthetic_feeds(folder: Path, n: int, per_file: int) -> Path:
    """n items in feeds of per_file items each: the shape of a feed archive, read one file at a time."""
    folder.mkdir(parents=True, exist_ok=True)
    for k, start in enumerate(range(0, n, per_file)):
        synthetic_feed(folder / f"feed-{k:05d}.xml", min(per_file, n - start), first=start)
    return folder


def run(case: str, *, items: int, workers: int, per_file: int = 0, extract: bool = True) -> dict:
    from eventledger import ingest as ingest_module
    from eventledger.ingest import ingest

    if not extract:
        from eventledger.clean import Cleaner
        from eventledger.pipeline import Lazy

        ingest_module.processing_stages = lambda: ([Lazy(Cleaner, name="clean")], [])
    tmp = Path(tempfile.mkdtemp(prefix="el-bench-"))
    try:
        if case == "articles":
            inputs = [ARTICLES]
            n_docs = len(list(ARTICLES.glob("*.html.gz")))
        elif per_file:
            inputs = [synthetic_feeds(tmp / "feeds", items, per_file)]
            n_docs = items
        else:
            inputs = [synthetic_feed(tmp / "feed.xml", items)]
            n_docs = items
        t = time.perf_counter()
        result = ingest(inputs, db=f"sqlite:///{tmp / 'bench.db'}", workers=workers, on_error=lambda q: None)
        secs = time.perf_counter() - t
        return {
            "case": case + ("" if extract else " (no extract)"),
            "documents": n_docs,
            "stored": result.stored,
            "workers": workers,
            "seconds": round(secs, 2),
            "docs_per_s": round(result.stored / secs, 1),
            "reports": result.reports,
            "events": result.events,
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "peak_rss_children_mb": round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024, 1),
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", choices=["articles", "feed"], default="articles")
    ap.add_argument("--items", type=int, default=10000)
    ap.add_argument("--per-file", type=int, default=0, help="items per feed file (0: one file)")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--no-extract", action="store_true")
    a = ap.parse_args()
    print(json.dumps(run(a.case, items=a.items, workers=a.workers, per_file=a.per_file, extract=not a.no_extract)))


if __name__ == "__main__":
    main()
