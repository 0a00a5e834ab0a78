"""`eventledger eval gva DIR`: one real shooting, one event? Article clustering and per-incident fields, GVA news.

The chosen part's articles are written as one scraper JSON-lines file, ingested by `eventledger.ingest.ingest`
into a temporary SQLite store, and read back through the DESIGN.md export shapes. Split, groups and --limit:
gva_data.py; field rules: gva_fields.py; the lexical baseline: lexical.py; the error listing: gva_errors.py.

An article's predicted event is the event holding its main report. Reports may carry salience == "main"
(Report.salience); when some of an article's reports do, only those are considered. Among the considered
reports (those held by an event), the event holding most of them wins; a tie goes to the event of the earliest
of them in the text (the headline, then the lede). A near copy (duplicate_of) has the event of its original; any
other article with no report in an event stands alone. An
incident's predicted event is the event holding most of its articles (ties: most of their reports, then the
smaller id); none if no article has one.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from eventledger.eval import gva_fields, lexical
from eventledger.eval.clusters import scores
from eventledger.eval.gva_data import Corpus, Incident, load, select

SYSTEMS = ("eventledger", "lexical", "alone")


def _ingest(articles: list[dict], *, workers: int, progress: Callable[[int], None] | None) -> dict[str, Any]:
    from eventledger.export.jsonl import records
    from eventledger.ingest import ingest, resolve_store
    from eventledger.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "gva-articles.jsonl"
        path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
        store = Store(f"sqlite:///{tmp}/gva.db")
        quarantined: list[str] = []
        try:
            t0 = time.perf_counter()
            # resolved apart from the rest of ingest (as ingest itself does last) so that both are timed
            ingest(
                [path],
                store=store,
                workers=workers,
                resolve=False,
                progress=progress,
                on_error=lambda q: quarantined.append(f"{q.path}: {q.reason}"),
            )
            t1 = time.perf_counter()
            resolve_store(store)
            t2 = time.perf_counter()
            docs, reports, events = (list(records(store, w)) for w in ("documents", "reports", "events"))
        finally:
            store.close()
    return {
        "documents": docs,
        "reports": reports,
        "events": events,
        "quarantined": quarantined,
        "seconds": t2 - t0,
        "resolve_seconds": t2 - t1,
    }


def _article_id(doc: Mapping) -> str | None:
    extra = (doc.get("meta") or {}).get("extra") or {}
    return str(extra["id"]) if "id" in extra else None


def _start(report: Mapping) -> int:
    return ((report.get("evidence") or {}).get("start")) or 0


def main_event(reports: list[Mapping], event_of: Mapping[str, str]) -> str | None:
    """The event of an article's main report (rule in the module docstring)."""
    held = [r for r in reports if r["id"] in event_of]
    # a follow-up (an arrest of its suspects) is news of the article, but its event is not the incident's
    main = [
        r
        for r in held
        if (r.get("salience") or (r.get("meta") or {}).get("salience")) == "main" and not r.get("follows")
    ]
    pool = sorted(main or held, key=lambda r: (_start(r), r["id"]))
    if not pool:
        return None
    votes = Counter(event_of[r["id"]] for r in pool)
    top = max(votes.values())
    return next(event_of[r["id"]] for r in pool if votes[event_of[r["id"]]] == top)


def article_events(ledger: Mapping[str, list]) -> tuple[dict[str, str | None], dict[str, list[dict]]]:
    """Article id -> predicted event, and article id -> its reports."""
    article_of = {d["id"]: _article_id(d) for d in ledger["documents"]}
    event_of = {r["id"]: e["id"] for e in ledger["events"] for r in e.get("reports") or ()}
    mine: dict[str, list[dict]] = defaultdict(list)
    for r in ledger["reports"]:
        a = article_of.get(r["document"])
        if a is not None:
            mine[a].append(r)
    pairs = ((article_of[d["id"]], article_of.get(d.get("duplicate_of") or "")) for d in ledger["documents"])
    copies = [(a, original) for a, original in pairs if a is not None and original is not None]
    return predicted_events([a for a in article_of.values() if a is not None], mine, event_of, copies), mine


def predicted_events(
    articles: Iterable[str],
    mine: Mapping[str, list[dict]],
    event_of: Mapping[str, str],
    copies: Iterable[tuple[str, str]],
) -> dict[str, str | None]:
    """Article -> the event of its main report; a copy (article, original) is not extracted again: the store links
    it to its original, whose event it reports (`eval gva` and `train resolution`'s grids read articles alike)."""
    predicted = {a: main_event(mine.get(a, []), event_of) for a in articles}
    for a, original in copies:
        if a in predicted and predicted[a] is None:
            predicted[a] = predicted.get(original)
    return predicted


def _reports_of(incident: Incident, reports: Mapping[str, list[dict]]) -> list[dict]:
    return [r for a in incident.articles for r in reports.get(a, ())]


def incident_event(
    incident: Incident,
    predicted: Mapping[str, str | None],
    reports: Mapping[str, list[dict]],
    event_of: Mapping[str, str],
) -> str | None:
    votes = Counter(e for a in incident.articles if (e := predicted.get(a)) is not None)
    if not votes:
        return None
    held = Counter(event_of[r["id"]] for r in _reports_of(incident, reports) if r["id"] in event_of)
    return min(votes, key=lambda e: (-votes[e], -held[e], e))


def _city_month(i: Incident) -> tuple[str, str, str]:
    return gva_fields.norm(i.state), gva_fields.norm(i.city_or_county.split("(")[0]), i.date[:7]


def hard_subsets(corpus: Corpus) -> dict[str, set[str]]:
    """Incident ids of the subsets scored beside the whole: >= 2 articles; sharing city and month with another group."""
    groups: dict[tuple, set[str]] = defaultdict(set)
    for i in corpus.incidents:
        groups[_city_month(i)].add(corpus.group[i.id])
    return {
        "multi_article": {i.id for i in corpus.incidents if len(i.articles) >= 2},
        "city_month": {i.id for i in corpus.incidents if len(groups[_city_month(i)]) > 1},
    }


def run(
    folder: Path,
    *,
    part: str = "test",
    limit: int | None = None,
    errors: Path | None = None,
    workers: int = 1,
    progress: Callable[[int], None] | None = None,
    lexical_config: lexical.LexicalConfig = lexical.DEFAULT,
) -> dict[str, Any]:
    t0 = time.perf_counter()
    corpus = select(load(folder), part, limit)
    articles = list(corpus.articles.values())
    gold = corpus.article_gold()

    t = time.perf_counter()
    lex = lexical.cluster(articles, lexical_config)
    lexical_seconds = time.perf_counter() - t

    ledger = _ingest(articles, workers=workers, progress=progress)
    predicted, reports = article_events(ledger)
    event_of = {r["id"]: e["id"] for e in ledger["events"] for r in e.get("reports") or ()}
    by_id = {e["id"]: e for e in ledger["events"]}
    systems = {"eventledger": predicted, "lexical": lex, "alone": {}}

    verdicts = []
    for i in corpus.incidents:
        eid = incident_event(i, predicted, reports, event_of)
        held = sorted({event_of[r["id"]] for r in _reports_of(i, reports) if r["id"] in event_of})
        verdicts.append(gva_fields.judge_all(i, by_id.get(eid) if eid else None, [by_id[e] for e in held]))

    def figures(incident_ids: set[str] | None) -> dict[str, Any]:
        items = (
            None if incident_ids is None else {a for i in corpus.incidents if i.id in incident_ids for a in i.articles}
        )
        rows = [j for j in verdicts if incident_ids is None or j.incident.id in incident_ids]
        return {
            "articles": len(gold) if items is None else len(items),
            "clustering": {name: scores(gold, pred, subset=items) for name, pred in systems.items()},
            "fields": gva_fields.summarise(rows),
        }

    out: dict[str, Any] = {
        "data": str(folder),
        "part": part,
        "limit": limit,
        "incidents": len(corpus.incidents),
        "groups": len(set(corpus.group.values())),
        "articles": len(articles),
        "all": figures(None),
        "subsets": {name: {"incidents": len(ids), **figures(ids)} for name, ids in hard_subsets(corpus).items()},
        "store": {
            "documents": len(ledger["documents"]),
            "reports": len(ledger["reports"]),
            "events": len(ledger["events"]),
            "events_per_article": len(ledger["events"]) / len(articles) if articles else 0.0,
            "articles_without_event": sum(predicted.get(a) is None for a in corpus.articles),
            "quarantined": ledger["quarantined"],
        },
        "lexical": {
            "threshold": lexical_config.threshold,
            "window_days": lexical_config.window_days,
            "linkage": lexical_config.linkage,
        },
    }
    if errors is not None:
        from eventledger.eval.gva_errors import write

        write(errors, corpus=corpus, verdicts=verdicts, predicted=predicted, ledger=ledger, lexical=lex)
        out["errors_file"] = str(errors)
    out["seconds"] = {
        "ingest": round(ledger["seconds"], 1),
        "resolve": round(ledger["resolve_seconds"], 1),
        "lexical": round(lexical_seconds, 1),
        "total": round(time.perf_counter() - t0, 1),
        "ingest_per_article": round(ledger["seconds"] / len(articles), 3) if articles else 0.0,
    }
    return out


def tune_lexical(folder: Path, *, top: int = 10) -> list[dict]:
    """The lexical baseline's grid on the training part only (how lexical.DEFAULT was chosen)."""
    corpus = select(load(folder), "train")
    return lexical.tune(list(corpus.articles.values()), corpus.article_gold())[:top]


def headline(result: dict) -> dict[str, float]:
    a = result["all"]
    c, f = a["clustering"], a["fields"]
    h = {
        "gva.bcubed.f1": c["eventledger"]["b3_f1"],
        "gva.pairwise.f1": c["eventledger"]["f1"],
        "gva.lexical.bcubed.f1": c["lexical"]["b3_f1"],
        "gva.bcubed.f1_over_lexical": c["eventledger"]["b3_f1"] - c["lexical"]["b3_f1"],
        "gva.events_per_article": result["store"]["events_per_article"],
    }
    h.update({f"gva.{k}": f[k]["rate"] for k in gva_fields.FIELDS})
    return h
