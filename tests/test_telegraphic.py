"""Telegraphic headlines (articles and auxiliaries dropped) still tell their happening: extract/telegraphic.py."""

import pytest

from eventledger.extract import Extractor, extract_text
from eventledger.extract.telegraphic import verb_forms
from eventledger.records import DateValue


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _reports(ex, text):
    return extract_text(text, extractor=ex, published=DateValue("2016-05-02", "day")).reports


def test_verb_forms_are_the_inflections_not_the_bare_lemma():
    forms = verb_forms(["kill", "shoot", "stab", "injure", "ambush"])
    assert forms["kills"] == ("kill", "VBZ")
    assert forms["shot"] == ("shoot", "VBD")
    assert forms["stabbed"] == ("stab", "VBD")
    assert forms["injured"] == ("injure", "VBD")
    assert forms["ambushes"] == ("ambush", "VBZ")
    assert "kill" not in forms and "shoot" not in forms


@pytest.mark.parametrize(
    ("headline", "kind"),
    [
        # the tagger reads "shot" and "kills" as the head nouns of one long noun phrase
        ("2-year-old shot while sitting in car in Fresno", "shot"),
        ("5-year-old kills herself with loaded pistol in Visalia", "killed"),
    ],
)
def test_issue16_a_telegraphic_headline_founds_its_report_and_counts_its_victim(ex, headline, kind):
    [r] = _reports(ex, headline)
    assert r.meta["family"] == "attack"
    assert [c.value for c in r.counts[kind]] == [1]


@pytest.mark.parametrize(
    "headline", ["Girl, 6, shoots brother, 9, in leg with air rifle", "Police: farmer stabs neighbour"]
)
def test_issue16_a_present_tense_verb_read_as_a_modifier_of_its_object_is_the_verb(ex, headline):
    [r] = _reports(ex, headline)
    assert r.meta["family"] == "attack"


@pytest.mark.parametrize(
    "text",
    [
        "The shot rang out near the park, a neighbour said.",  # a noun with its article
        "Shot in the dark: a review of the new season",  # nobody before the word
        "The photo shoots drew big crowds downtown",  # a noun with its article
    ],
)
def test_a_real_noun_is_not_retagged(ex, text):
    assert not _reports(ex, text)
