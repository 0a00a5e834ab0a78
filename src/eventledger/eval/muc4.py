"""MUC-4 document-level role-filler extraction, scored with CEAF-REE, plus incident types and false alarms."""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eventledger.eval import ceaf
from eventledger.eval.mappings import Mappings
from eventledger.eval.metrics import PRF

# EventLedger report field -> MUC-4 role
REPORT_TO_MUC = {
    "perpetrator_individuals": "PerpInd",
    "perpetrator_orgs": "PerpOrg",
    "targets": "Target",
    "victims": "Victim",
    "weapons": "Weapon",
}
MUC_TYPES = ("attack", "bombing", "kidnapping", "arson", "robbery", "forced work stoppage")


@dataclass(slots=True)
class GoldDoc:
    docid: str
    text: str
    roles: dict[str, list[list[str]]]  # merged over templates, GRIT style
    types: list[tuple[str, ...]]  # one entry per template: the accepted incident types


@dataclass(slots=True)
class PredDoc:
    docid: str
    roles: dict[str, list[list[str]]] = field(default_factory=dict)
    types: list[str] = field(default_factory=list)  # one per report that maps to a MUC type
    reports: int = 0


def load_gold(path: Path, *, limit: int | None = None) -> list[GoldDoc]:
    docs = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            d = json.loads(line)
            roles = {
                role: ceaf.merge_gold([m for m, _ in ent] for t in d["templates"] for ent in t.get(role, []))
                for role in ceaf.ROLES
            }
            types = [tuple(x.strip() for x in t["incident_type"].split("/")) for t in d["templates"]]
            docs.append(GoldDoc(d["docid"], d["doctext"], roles, types))
            if limit and len(docs) >= limit:
                break
    return docs


def predicted_roles(reports: Iterable[dict], *, described_victims: bool = False) -> dict[str, list[list[str]]]:
    """Union over a document's reports: one entity per actor id, else per normalised mention text.

    MUC-4's Victim role holds names only (the templates' HUM TGT: NAME slot; every dev filler is a name),
    so victims given by description and number ("two missionaries") have no slot to be scored in and are
    left out unless `described_victims`; EVAL.md gives the figure with them too.
    """
    out: dict[str, dict[str, list[str]]] = {role: {} for role in ceaf.ROLES}
    for r in reports:
        for fld, role in REPORT_TO_MUC.items():
            for arg in r.get(fld) or []:
                text = arg.get("text") or ""
                # a perpetrator given by description ("the gunmen") is MUC-4's PerpInd: only victims are left out
                if not ceaf.normalize(text) or fld == "victims" and arg.get("described") and not described_victims:
                    continue
                key = arg.get("actor_id") or "t:" + ceaf.normalize(text)
                mentions = out[role].setdefault(key, [])
                if text not in mentions:
                    mentions.append(text)
    return {role: list(ents.values()) for role, ents in out.items()}


def predict_doc(docid: str, reports: Sequence[dict], mappings: Mappings, *, described_victims: bool = False) -> PredDoc:
    types = [t for t in (mappings.muc4_type(r.get("type")) for r in reports) if t]
    return PredDoc(docid, predicted_roles(reports, described_victims=described_victims), types, len(reports))


def match_types(gold: Sequence[tuple[str, ...]], pred: Sequence[str]) -> int:
    """Gold templates whose type a distinct predicted report carries (single-type templates served first)."""
    left = Counter(pred)
    hit = 0
    for alternatives in sorted(gold, key=len):
        for t in alternatives:
            if left[t] > 0:
                left[t] -= 1
                hit += 1
                break
    return hit


def score(golds: Sequence[GoldDoc], preds: dict[str, PredDoc]) -> dict[str, Any]:
    empty = PredDoc("")
    res = ceaf.score({d: p.roles for d, p in preds.items()}, {g.docid: g.roles for g in golds})
    with_t = [g for g in golds if g.types]
    without = [g for g in golds if not g.types]
    templates = sum(len(g.types) for g in with_t)
    matched = sum(match_types(g.types, preds.get(g.docid, empty).types) for g in with_t)
    doc_types = PRF()
    for g in with_t:
        gold_sets = set(g.types)
        accepted = {t for alt in gold_sets for t in alt}
        pred_set = set(preds.get(g.docid, empty).types)
        # a "bombing / attack" template is found by either label
        doc_types.add(
            PRF(
                len(pred_set & accepted),
                len(pred_set),
                sum(1 for alt in gold_sets if pred_set & set(alt)),
                len(gold_sets),
            )
        )
    false_alarms = sum(1 for g in without if preds.get(g.docid, empty).types)
    any_report = sum(1 for g in without if preds.get(g.docid, empty).reports)
    return {
        "ceaf_ree": {kind: {k: v.to_dict() for k, v in per.items()} for kind, per in res.items()},
        "incident_type": {
            "template_accuracy": matched / templates if templates else 0.0,
            "templates": templates,
            "templates_matched": matched,
            "document_type_sets": doc_types.to_dict(),
        },
        "false_alarm": {
            "rate": false_alarms / len(without) if without else 0.0,
            "documents_without_templates": len(without),
            "documents_with_muc_type_report": false_alarms,
            "documents_with_any_report": any_report,
        },
        "counts": {
            "documents": len(golds),
            "documents_with_templates": len(with_t),
            "reports": sum(p.reports for p in preds.values()),
            "gold_entities": {r: sum(len(g.roles[r]) for g in golds) for r in ceaf.ROLES},
            "predicted_entities": {r: sum(len(p.roles.get(r, [])) for p in preds.values()) for r in ceaf.ROLES},
        },
    }


def run(
    path: Path,
    *,
    limit: int | None = None,
    predictions_out: Path | None = None,
    extract: Callable[[str], Any] | None = None,
    progress: Callable[[int], None] | None = None,
    relevance: Path | str | None = None,
    compare_learned: bool = False,
) -> dict[str, Any]:
    """Extract every document's text with EventLedger (no publication date) and score it.

    `relevance` adds the optional learned document filter: a saved model's path, or "train" to fit one
    on train.json beside `path` first (a few seconds).
    """
    from eventledger.eval.predict import TextExtractor

    golds = load_gold(path, limit=limit)
    model = relevance_model(relevance, path) if relevance else None
    extract = extract or TextExtractor("eval muc4", relevance=model)
    mappings = Mappings.load()
    t0 = time.perf_counter()
    preds: dict[str, PredDoc] = {}
    with_described: dict[str, PredDoc] = {}
    for g in golds:
        reports = extract(g.text).reports
        preds[g.docid] = predict_doc(g.docid, reports, mappings)
        with_described[g.docid] = predict_doc(g.docid, reports, mappings, described_victims=True)
        if progress:
            progress(1)
    result = score(golds, preds)
    result["with_described_victims"] = {"ceaf_ree": score(golds, with_described)["ceaf_ree"]}
    result["counts"]["seconds"] = round(time.perf_counter() - t0, 1)
    result["data"] = str(path)
    if model is not None:
        result["relevance_model"] = dict(model.about, threshold=model.threshold)
    if compare_learned and model is None and Path(path).with_name("train.json").exists():
        # the optional learned stage beside the default, same documents, same scorer
        learned = run(path, limit=limit, relevance="train")
        result["learned"] = {
            "ceaf_ree": learned["ceaf_ree"],
            "false_alarm": learned["false_alarm"],
            "relevance_model": learned["relevance_model"],
        }
    if predictions_out:
        write_predictions(predictions_out, preds.values())
    return result


def relevance_model(spec: Path | str, dev_path: Path):
    from eventledger.eval.errors import EvalError
    from eventledger.extract import RelevanceModel, muc4_examples

    if str(spec) != "train":
        try:
            return RelevanceModel.load(Path(spec))
        except ValueError as e:
            raise EvalError(str(e)) from e
    train = Path(dev_path).with_name("train.json")
    if not train.exists():
        raise EvalError(f"{train}: no such file (the relevance model is trained on MUC-4 train.json)")
    texts, labels = muc4_examples(train)
    return RelevanceModel.train(texts, labels, about={"trained_on": str(train)})


def write_predictions(path: Path, preds: Iterable[PredDoc]) -> None:
    with path.open("w", encoding="utf-8") as f:
        for p in preds:
            f.write(
                json.dumps(
                    {
                        "docid": p.docid,
                        "extracts": {r: p.roles.get(r, []) for r in ceaf.ROLES},
                        "incident_types": p.types,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )


def headline(result: dict) -> dict[str, float]:
    c = result["ceaf_ree"]
    return {
        "muc4.ceaf_ree.strict.micro.f1": c["strict"]["micro"]["f1"],
        "muc4.ceaf_ree.prop.micro.f1": c["prop"]["micro"]["f1"],
        "muc4.incident_type.template_accuracy": result["incident_type"]["template_accuracy"],
        "muc4.false_alarm.rate": result["false_alarm"]["rate"],
        **(
            {"muc4.learned.ceaf_ree.strict.micro.f1": result["learned"]["ceaf_ree"]["strict"]["micro"]["f1"]}
            if "learned" in result
            else {}
        ),
    }
