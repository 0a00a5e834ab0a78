"""WCXB pages (articles and forums): main-text word F1 as the benchmark defines it, title/author/date, per page type.

Word F1 is WCXB's: the bag of lowercased `\\w+` tokens of the prediction against `ground_truth.main_content`,
per page, averaged over pages. EventLedger is scored as ingest reads a page (reader, then cleaner): its
main text is a thread's every segment, or an article's segments without the comments below it, without the
title the reader puts in front. Plain `trafilatura.extract(html)` (defaults) runs beside it on the same
pages, each timed per page. Pages are also split by a hash of their domain into two halves, so a rule
tuned on one half can be confirmed on the other.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.eval.errors import EvalError

TOKEN = re.compile(r"\w+")
TYPES = ("article", "forum")


@dataclass(slots=True)
class Page:
    key: str
    html: bytes
    gold: dict[str, Any]
    kind: str
    domain: str


def is_wcxb(folder: Path) -> bool:
    return (folder / "metadata.json").is_file() and (folder / "ground-truth").is_dir()


def load(folder: Path, *, limit: int | None = None) -> tuple[list[Page], list[str]]:
    """Pages of the article and forum types, and the keys left out for want of gold main text."""
    files = json.loads((folder / "metadata.json").read_text(encoding="utf-8"))["files"]
    pages, no_gold = [], []
    for key in sorted(files):
        info = files[key]
        if info.get("page_type") not in TYPES:
            continue
        html, truth = folder / "html" / f"{key}.html.gz", folder / "ground-truth" / f"{key}.json"
        if not html.exists() or not truth.exists():
            raise EvalError(f"{folder}: page {key} is listed in metadata.json but its html or ground truth is missing")
        gold = json.loads(truth.read_text(encoding="utf-8"))["ground_truth"]
        if not gold.get("main_content"):
            no_gold.append(key)
            continue
        pages.append(Page(key, gzip.decompress(html.read_bytes()), gold, info["page_type"], info.get("domain") or ""))
        if limit and len(pages) >= limit:
            break
    return pages, no_gold


def tokens(text: str | None) -> list[str]:
    return TOKEN.findall((text or "").lower())


def word_prf(pred: str | None, gold: str | None) -> tuple[float, float, float]:
    p, g = tokens(pred), tokens(gold)
    if not g:
        return (1.0, 1.0, 1.0) if not p else (0.0, 0.0, 0.0)
    if not p:
        return 0.0, 0.0, 0.0
    overlap = sum((Counter(p) & Counter(g)).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    prec, rec = overlap / len(p), overlap / len(g)
    return prec, rec, 2 * prec * rec / (prec + rec)


def half(domain: str) -> int:
    """0 or 1, fixed by the domain's name: every page of a domain falls in the same half."""
    return hashlib.sha1(domain.encode("utf-8")).digest()[0] % 2


def same_title(pred: str | None, gold: str | None) -> bool | None:
    """Word F1 of at least 0.8 (a site name left on, a subtitle): None when the gold has no title."""
    if not gold:
        return None
    return word_prf(pred, gold)[2] >= 0.8


def same_author(pred: str | None, gold: str | None) -> bool | None:
    if not gold:
        return None
    p, g = " ".join(tokens(pred)), " ".join(tokens(gold))
    return bool(p) and (p == g or p in g or g in p)


def same_date(pred: str | None, gold: str | None) -> bool | None:
    if not gold:
        return None
    return bool(pred) and pred[:10] == gold[:10]


class EventLedgerSystem:
    """Reader then cleaner, as `eventledger ingest` runs them; quarantined pages are counted with their reason."""

    name = "eventledger"

    def __init__(self):
        from eventledger.clean import Cleaner
        from eventledger.clean.htmlpage import PageReader

        self.cleaner, self.reader = Cleaner(), PageReader()
        self.documents: list[Any] = []
        self.quarantined: Counter = Counter()
        self.clean_seconds: list[float] = []  # cleaning (segments, repeats, language) apart from reading

    def __call__(self, page: Page) -> dict[str, Any]:
        from eventledger.read.html import html_document

        doc = html_document(page.html, path=page.key, reader=self.reader)
        if isinstance(doc, str):
            self.quarantined[doc] += 1
            return {"text": "", "title": None, "author": None, "date": None}
        t0 = time.perf_counter()
        doc = self.cleaner.clean(doc)
        self.clean_seconds.append(time.perf_counter() - t0)
        self.documents.append(doc)
        return {"text": main_text(doc), "title": doc.title, "author": doc.author, "date": doc.published.value}


def main_text(doc) -> str:
    """A thread's every segment; an article's segments without its comments; the title in front left off."""
    segs = [s for s in doc.segments if doc.kind == "thread" or s.kind != "comment"]
    texts = [s.text for s in segs] or ([doc.text] if not doc.meta.get("segmented") else [])
    if texts and doc.title and texts[0].startswith(doc.title):
        texts[0] = texts[0][len(doc.title) :].lstrip()
    return "\n\n".join(texts)


class TrafilaturaSystem:
    """`trafilatura.extract(html)` with defaults, timed; its metadata from a second, untimed call."""

    name = "trafilatura"

    def __call__(self, page: Page) -> dict[str, Any]:
        import trafilatura

        return {"text": trafilatura.extract(page.html) or ""}

    @staticmethod
    def metadata(page: Page) -> dict[str, Any]:
        import trafilatura

        doc = trafilatura.bare_extraction(page.html, with_metadata=True)
        if doc is None:
            return {"title": None, "author": None, "date": None}
        return {"title": doc.title, "author": doc.author, "date": doc.date}


def run(folder: Path, *, limit: int | None = None) -> dict[str, Any]:
    pages, no_gold = load(folder, limit=limit)
    el, tr = EventLedgerSystem(), TrafilaturaSystem()
    rows: dict[str, list[dict]] = {el.name: [], tr.name: []}
    errors: dict[str, list[str]] = {el.name: [], tr.name: []}
    for page in pages:  # both systems on each page in turn, so machine load falls on both alike
        for system in (el, tr):
            t0 = time.perf_counter()
            try:
                out = system(page)
            except Exception as e:  # counted and listed, never hidden
                errors[system.name].append(f"{page.key}: {type(e).__name__}: {e}")
                out = {"text": ""}
            seconds = time.perf_counter() - t0
            if system is el and el.clean_seconds:
                seconds -= el.clean_seconds[-1]  # reading alone is what trafilatura.extract does
            if system is tr:
                out.update(tr.metadata(page))
            p, r, f = word_prf(out["text"], page.gold["main_content"])
            rows[system.name].append(
                {
                    "key": page.key,
                    "kind": page.kind,
                    "half": half(page.domain),
                    "p": p,
                    "r": r,
                    "f1": f,
                    "seconds": seconds,
                    "title": same_title(out.get("title"), page.gold.get("title")),
                    "author": same_author(out.get("author"), page.gold.get("author")),
                    "date": same_date(out.get("date"), page.gold.get("publish_date")),
                }
            )
    return {
        "data": str(folder),
        "pages": len(pages),
        "no_gold_main_text": no_gold,
        "types": {kind: _by_type(rows, kind) for kind in TYPES},
        "metadata": {name: _metadata(r) for name, r in rows.items()},
        "seconds_per_page": {name: statistics.mean(x["seconds"] for x in r) if r else 0.0 for name, r in rows.items()},
        "clean_seconds_per_page": statistics.mean(el.clean_seconds) if el.clean_seconds else 0.0,
        "accounted": _accounted(el, len(pages)),
        "errors": errors,
    }


def _mean(rows: list[dict], key: str) -> float:
    return statistics.mean(x[key] for x in rows) if rows else 0.0


def _by_type(rows: dict[str, list[dict]], kind: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, r in rows.items():
        mine = [x for x in r if x["kind"] == kind]
        out[name] = {
            "pages": len(mine),
            "p": _mean(mine, "p"),
            "r": _mean(mine, "r"),
            "f1": _mean(mine, "f1"),
            "halves": [_mean([x for x in mine if x["half"] == h], "f1") for h in (0, 1)],
            "half_pages": [sum(x["half"] == h for x in mine) for h in (0, 1)],
        }
    return out


def _metadata(rows: list[dict]) -> dict[str, dict[str, float | int]]:
    out = {}
    for field in ("title", "author", "date"):
        judged = [x[field] for x in rows if x[field] is not None]
        out[field] = {"accuracy": sum(judged) / len(judged) if judged else 0.0, "pages": len(judged)}
    return out


def _accounted(el: EventLedgerSystem, pages: int) -> dict[str, Any]:
    """Every page is a document or quarantined with its reason; near copies are linked, and still counted."""
    from eventledger.dedupe import Deduper

    docs = el.documents
    Deduper().link([(d.id, d.published.value or "", d.kept_text, d, d.id) for d in docs])
    return {
        "pages": pages,
        "documents": len(docs),
        "quarantined": sum(el.quarantined.values()),
        "quarantine_reasons": dict(el.quarantined),
        "threads": sum(d.kind == "thread" for d in docs),
        "near_copies_linked": sum(bool(d.duplicate_of) for d in docs),
        "lost": pages - len(docs) - sum(el.quarantined.values()),
    }


def headline(result: dict) -> dict[str, float]:
    out = {}
    for kind, systems in result["types"].items():
        for name, s in systems.items():
            out[f"articles.wcxb.{kind}.{name}.f1"] = s["f1"]
        el, tr = systems.get("eventledger"), systems.get("trafilatura")
        if el and tr:
            out[f"articles.wcxb.{kind}.gain_f1"] = el["f1"] - tr["f1"]
    for field, m in result["metadata"].get("eventledger", {}).items():
        out[f"articles.wcxb.{field}.eventledger.accuracy"] = m["accuracy"]
    return out
