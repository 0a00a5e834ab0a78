"""`eval gva --errors FILE`: one JSON line per incident, gold beside predicted, with the evidence of each value.

Every incident is written (its `errors` list is empty when all is right), in incidents.jsonl order, so that two
runs can be diffed. Keys:
- `errors`: split, merged, no_event, killed, injured, day, city;
- `gold`, `event`, `verdict`;
- `right_elsewhere`: wrong fields that another event holding reports of these articles had right;
- `predicted`: per field, the event's summary and every reported value with its quote, its report's sentence
  and the title of the article it comes from;
- `gold_town_written`: whether GVA's town (or county) is written, as whole words, in the incident's articles: a
  place the text never names is beyond any reading of it;
- `articles`: title, predicted event, lexical cluster, how many reports were extracted from it;
- `split`: the events the incident's articles went to, with their date and place, when more than one;
- `merged_with`: articles of other incidents in those events, with their gold.

    jq -c 'select(.errors | index("killed")) | [.gold.killed, .predicted.killed]' errors.jsonl
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.eval.gva import _article_id
from eventledger.eval.gva_data import Corpus, Incident
from eventledger.eval.gva_fields import Judged, gva_places, norm

MAX_LISTED = 20  # foreign articles listed per incident; the count says how many there were
SENTENCE = 300  # characters of a report's sentence shown beside a value


def _quote(evidence: Mapping | None) -> str | None:
    text = (evidence or {}).get("text")
    return " ".join(text.split()) if text else None


def _sentence(report: Mapping | None) -> str | None:
    """The report's own evidence (its sentence), cut to a readable length."""
    text = _quote((report or {}).get("evidence"))
    return text if text is None or len(text) <= SENTENCE else text[:SENTENCE] + "..."


def _counts(event: Mapping, kind: str, report: Mapping[str, dict], title: Mapping[str, str]) -> dict | None:
    c = (event.get("counts") or {}).get(kind)
    if not c:
        return None
    return {
        "best": c.get("best"),
        "low": c.get("low"),
        "high": c.get("high"),
        "policy": c.get("policy"),
        "derived": c.get("derived"),
        "values": [
            {
                "value": v.get("value"),
                "qualifier": v.get("qualifier"),
                "who": v.get("who"),
                "quote": _quote(v.get("evidence")),
                "sentence": _sentence(report.get(v.get("report") or "")),
                "article": title.get(v.get("document") or ""),
            }
            for v in c.get("values") or ()
        ],
    }


def _date(event: Mapping, report: Mapping[str, dict], title: Mapping[str, str]) -> dict[str, Any]:
    d = event.get("date") or {}
    values = []
    for v in d.get("values") or ():
        for rid in v.get("reports") or ():
            r = report.get(rid) or {}
            values.append(
                {
                    "value": v.get("value"),
                    "precision": v.get("precision"),
                    "quote": _quote(r.get("date_evidence")) or (r.get("date") or {}).get("text"),
                    "from": (r.get("meta") or {}).get("date_from"),
                    "sentence": _sentence(r),
                    "article": title.get(r.get("document") or ""),
                }
            )
    return {"value": d.get("value"), "precision": d.get("precision"), "values": values}


def _place(event: Mapping, report: Mapping[str, dict], title: Mapping[str, str]) -> dict[str, Any]:
    p = event.get("place") or {}
    values = []
    for v in p.get("values") or ():
        for rid in v.get("reports") or ():
            r = report.get(rid) or {}
            values.append(
                {
                    "name": v.get("name"),
                    "city": v.get("city"),
                    "admin1": v.get("admin1"),
                    "country": v.get("country"),
                    # how the report came by it: "url" (the outlet's address), a guess among namesakes by size
                    "from": (r.get("meta") or {}).get("place_from"),
                    "guess": bool((r.get("meta") or {}).get("place_guess")),
                    "quote": _quote((r.get("place") or {}).get("evidence")),
                    "sentence": _sentence(r),
                    "article": title.get(r.get("document") or ""),
                }
            )
    return {
        "name": p.get("name"),
        "city": p.get("city"),
        "admin1": p.get("admin1"),
        "country": p.get("country"),
        "precision": p.get("precision"),
        "values": values,
    }


@dataclass(slots=True)
class _Context:
    """What every record looks up: the run's predictions and the store's records by id."""

    corpus: Corpus
    predicted: Mapping[str, str | None]
    lexical: Mapping[str, Any]
    members: dict[str, list[str]]  # event id -> articles predicted in it
    event: dict[str, dict]
    report: dict[str, dict]
    title: dict[str, str]
    gold_of: dict[str, str]  # article -> gold group
    incident_of: dict[str, Incident]
    reports_of: dict[str, int]  # article -> reports extracted from it

    @classmethod
    def build(
        cls, corpus: Corpus, predicted: Mapping[str, str | None], ledger: Mapping[str, list], lexical: Mapping[str, Any]
    ) -> _Context:
        members: dict[str, list[str]] = defaultdict(list)
        for a, e in predicted.items():
            if e is not None:
                members[e].append(a)
        article_of = {d["id"]: _article_id(d) for d in ledger["documents"]}
        reports_of: dict[str, int] = defaultdict(int)
        for r in ledger["reports"]:
            if (a := article_of.get(r.get("document"))) is not None:
                reports_of[a] += 1
        return cls(
            corpus=corpus,
            predicted=predicted,
            lexical=lexical,
            members=members,
            event={e["id"]: e for e in ledger["events"]},
            report={r["id"]: r for r in ledger["reports"]},
            title={d["id"]: d.get("title") for d in ledger["documents"]},
            gold_of=corpus.article_gold(),
            incident_of={a: i for i in corpus.incidents for a in i.articles},
            reports_of=reports_of,
        )


def town_written(city_or_county: str, texts: list[str]) -> bool:
    """Whether one of the names GVA's city_or_county stands for is written, as whole words, in the texts (compared
    as `gva_fields.norm` compares names: case, punctuation and "Saint" aside)."""
    towns, counties = gva_places(city_or_county)
    names = [n for n in towns | counties if n]
    words = f" {norm(' '.join(texts))} "
    return any(f" {n} " in words for n in names)


def _event_brief(e: Mapping | None) -> dict[str, Any]:
    if not e:
        return {}
    place = e.get("place") or {}
    return {
        "date": (e.get("date") or {}).get("value"),
        "place": place.get("city") or place.get("name"),
        "admin1": place.get("admin1"),
        "type": e.get("type"),
        "reports": len(e.get("reports") or ()),
    }


def record(j: Judged, ctx: _Context) -> dict[str, Any]:
    incident, event, verdict = j.incident, j.event, j.verdict
    art, predicted = ctx.corpus.articles, ctx.predicted
    group = ctx.corpus.group[incident.id]
    mine = list(incident.articles)
    # an article standing alone is a cluster of its own
    clusters = {predicted.get(a) or f"alone:{a}" for a in mine}
    foreign = [
        (e, b)
        for e in sorted({predicted.get(a) for a in mine} - {None})
        for b in ctx.members.get(e, ())
        if ctx.gold_of.get(b) != group
    ]
    flags = (("no_event", event is None), ("split", len(clusters) > 1), ("merged", bool(foreign)))
    errors = [k for k, bad in flags if bad]
    errors += [f for f in ("killed", "injured", "day", "city") if not verdict[f]["ok"]]
    report, title = ctx.report, ctx.title
    out: dict[str, Any] = {
        "incident": incident.id,
        "errors": errors,
        "gold": {
            "date": incident.date,
            "state": incident.state,
            "city_or_county": incident.city_or_county,
            "address": incident.address,
            "killed": incident.killed,
            "injured": incident.injured,
        },
        "gold_town_written": town_written(
            incident.city_or_county, [f"{art[a].get('title') or ''}\n{art[a].get('text') or ''}" for a in mine]
        ),
        "event": event["id"] if event else None,
        "verdict": {f: v["ok"] for f, v in verdict.items()},
        # for a wrong field: other events, holding reports of these articles, whose value was right
        "right_elsewhere": {f: ids for f, ids in j.right_in.items() if ids and not verdict[f]["ok"]},
        "predicted": None
        if event is None
        else {
            "killed": _counts(event, "killed", report, title),
            "injured": _counts(event, "injured", report, title),
            "shot": _counts(event, "shot", report, title),  # people hit, killed or not: injured may derive from it
            "date": _date(event, report, title),
            "place": _place(event, report, title),
            "type": event.get("type"),
            "reports": len(event.get("reports") or ()),
        },
        "articles": [
            {
                "id": a,
                "title": art[a].get("title"),
                "published": art[a].get("published"),
                "event": predicted.get(a),
                "lexical": ctx.lexical.get(a),
                "reports": ctx.reports_of.get(a, 0),
            }
            for a in mine
        ],
    }
    if len(clusters) > 1:
        out["split"] = [
            {
                "event": None if c.startswith("alone:") else c,
                **_event_brief(ctx.event.get(c)),
                "titles": [art[a].get("title") for a in mine if (predicted.get(a) or f"alone:{a}") == c],
            }
            for c in sorted(clusters)
        ]
    if foreign:
        out["merged_with_count"] = len(foreign)
        out["merged_with"] = [
            {
                "event": e,
                "title": art[b].get("title"),
                "published": art[b].get("published"),
                "incident": ctx.incident_of[b].id,
                "date": ctx.incident_of[b].date,
                "city_or_county": ctx.incident_of[b].city_or_county,
            }
            for e, b in foreign[:MAX_LISTED]
        ]
    return out


def write(
    path: Path,
    *,
    corpus: Corpus,
    verdicts: list[Judged],
    predicted: Mapping[str, str | None],
    ledger: Mapping[str, list],
    lexical: Mapping[str, Any],
) -> None:
    ctx = _Context.build(corpus, predicted, ledger, lexical)
    with path.open("w", encoding="utf-8") as f:
        for j in verdicts:
            f.write(json.dumps(record(j, ctx), ensure_ascii=False) + "\n")
