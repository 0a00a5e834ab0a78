"""Perpetrators are the agents of the violent act only (issue 17): not the police who arrested, not a speaker,
not a bare generic noun, not text across lines; registry actors go by one name. Texts written for these tests."""

import pytest

from eventledger.extract import Extractor, extract_text
from eventledger.records import DateValue
from eventledger.resolve import ResolveConfig
from eventledger.resolve.statements import perpetrators


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _perps(ex, text):
    doc = extract_text(text, published=DateValue("2024-05-02", "day"), extractor=ex)
    return {a.text for r in doc.reports for a in (*r.perpetrator_orgs, *r.perpetrator_individuals)}


def test_the_police_who_arrested_are_no_perpetrators(ex):
    got = _perps(
        ex,
        "Gunmen killed six people at a market in Kano on Monday. Police arrested four suspects on "
        "Tuesday after the attack on the market.",
    )
    assert not any("olice" in p for p in got)


def test_police_who_shot_are_perpetrators(ex):
    assert any("olice" in p for p in _perps(ex, "Police shot and killed a man during a raid in Lagos on Monday."))


def test_bare_generic_nouns_are_no_perpetrators(ex):
    got = _perps(ex, "Its fighters attacked a checkpoint near Gao on Sunday, killing three soldiers.")
    assert "Its fighters" not in got and "fighters" not in {p.lower() for p in got}


def test_counted_generic_nouns_are_no_perpetrators(ex):
    got = _perps(ex, "Seven people opened fire on worshippers in Kano on Friday, killing four.")
    assert "Seven people" not in got


def test_a_phrase_across_lines_is_no_perpetrator(ex):
    got = _perps(ex, "Gunmen attacked a bus in Moscow\n\nSteppe Monitor reported that the attack killed two.")
    assert not any("\n" in p for p in got)


def test_registry_actors_go_by_the_registry_name():
    cfg = ResolveConfig.load()

    class V:
        def __init__(self, rid, text):
            self.id, self.opinion = rid, False
            self.report = {
                "id": rid,
                "segment": rid,
                "perpetrator_orgs": [{"text": text, "actor_id": "islamic-state-khorasan"}],
            }

    vs = [V("a", "ISIS-K"), V("b", "IS-K"), V("c", "Islamic State Khorasan")]
    got = perpetrators(vs, [], cfg.actor_names)
    assert [p["actor"] for p in got] == ["Islamic State Khorasan Province"]
    assert got[0]["reports"] == ["a", "b", "c"]
