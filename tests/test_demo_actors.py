"""Issue 17 items 5 and 6 on what `make demo` ingests (the demo corpus and the seeds): no event perpetrator is a
bare generic noun or a source's name, a perpetrator contradiction always sets apart actors that cannot both be
right (a branch and its parent are one side), and a report has no source only when its page names none."""

from __future__ import annotations

import re

import pytest

from eventledger.knowledge import Lexicon
from eventledger.resolve import ResolveConfig
from eventledger.resolve.contradictions import _incompatible
from support.paths import DEMO, SEEDS

DETERMINERS = {"the", "a", "an", "its", "their", "some", "several", "one", "two", "three", "four", "unknown"}


@pytest.fixture(scope="module")
def store_records(tmp_path_factory):
    from eventledger.export.jsonl import records
    from eventledger.ingest import ingest
    from eventledger.store import Store

    store = Store(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    ingest([DEMO, *([SEEDS] if SEEDS.is_dir() else [])], store=store, on_error=lambda q: None)
    out = {w: list(records(store, w)) for w in ("events", "reports", "documents")}
    store.close()
    return out


def test_no_event_perpetrator_is_a_bare_generic_noun(store_records):
    lex = Lexicon.load()
    generic = lex.perp_ind_heads | lex.generic_perpetrators | lex.weapon_modifiers
    bad = []
    for e in store_records["events"]:
        for p in e["perpetrators"]:
            words = [w for w in re.findall(r"[\w'-]+", p["actor"].lower()) if w not in DETERMINERS]
            if not p["actor_id"] and words and all(w in generic for w in words):
                bad.append((e["id"], p["actor"]))
    assert store_records["events"] and bad == []


def test_no_event_perpetrator_is_a_source_name(store_records):
    sources = {(r.get("source") or "").lower() for r in store_records["reports"]} - {""}
    bad = [
        (e["id"], p["actor"])
        for e in store_records["events"]
        for p in e["perpetrators"]
        if p["actor"].lower() in sources
    ]
    assert bad == []


def test_no_state_force_claims_an_attack(store_records):
    cfg = ResolveConfig.load()
    from eventledger.knowledge.actors import ActorRegistry

    reg = ActorRegistry.load()
    bad = [
        (e["id"], p["actor"])
        for e in store_records["events"]
        for p in e["perpetrators"]
        if p["basis"] == "claimed" and p["actor_id"] and reg.get(p["actor_id"]).kind in ("state-force", "institution")
    ]
    assert cfg and bad == []


def test_every_perpetrator_contradiction_sets_apart_incompatible_actors(store_records):
    cfg = ResolveConfig.load()
    for e in store_records["events"]:
        for c in e["contradictions"]:
            if c["field"] == "perpetrator":
                values = {v["value"] for v in c["values"]}
                assert _incompatible(values, cfg.parents, cfg.affiliates), (e["id"], values)
                # a parent and its one branch are one side, never listed against each other
                assert not {"islamic-state", "islamic-state-khorasan"} <= values, (e["id"], values)


def test_a_report_has_no_source_only_when_its_page_names_none(store_records):
    docs = {d["id"]: d for d in store_records["documents"]}
    unnamed = {r["document"] for r in store_records["reports"] if not r.get("source")}
    for did in unnamed:
        d = docs[did]
        assert not d.get("source") and not d.get("url"), d["path"]
        assert not re.search(r"©|\(c\)|copyright|^By [A-Z]", d["text"], re.I | re.M), d["path"]
