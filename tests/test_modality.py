"""Modality: negated, modal, threatened, planned, denied, conditional and generic event words found no report;
sentences written for these tests (issue 16: analysis and threats founded attack events)."""

import pytest

from eventledger.extract import Extractor, extract_text
from eventledger.knowledge import Lexicon, ModalityWords
from eventledger.knowledge.files import DATA, read_yaml
from eventledger.records import DateValue

DAY = DateValue("2024-03-27", "day")


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _reports(text, ex):
    return extract_text(text, published=DAY, extractor=ex)


@pytest.mark.parametrize(
    "text, why",
    [
        ("Over recent months, the militia has threatened to carry out bombings in Norway and Finland.", "threatened"),
        (
            "She said the movement is now a scattered web of small units, which tends to carry out deadlier raids.",
            "tends",
        ),
        ("The gunman did not kill anyone at the school in Denver.", "negated"),
        ("Experts warn the group could attack Paris.", "modal"),
        ("The ministry in Kyiv denied any involvement in the attack.", "denied"),
        ("If the rebels attack Goma, the army will respond.", "conditional"),
        ("Shootings are up 20 percent in Chicago this year.", "generic"),
        ("Police are working to prevent more shootings in Chicago.", "prevent"),
        ("The group is capable of carrying out attacks across Europe.", "capable"),
        ("Officials fear future attacks on the metro in Madrid.", ""),
        ("Flights went on, with officials warning that another bombing was likely before the pull-out from Herat.", ""),
        ("Police in Lyon said further shootings were possible over the weekend.", ""),
        # the plural is the phrase's noun, not the event word that modifies it
        ("Gunshot wounds are the leading cause of death among teens in Ashbury, the report says.", "generic"),
    ],
)
def test_no_happening_founds_no_report(ex, text, why):
    doc = _reports(text, ex)
    assert [r.type for r in doc.reports if r.meta.get("family") == "attack"] == []
    kept = doc.meta.get("unreal_triggers")
    assert kept and all(k["why"] for k in kept)  # kept with the reason, not dropped silently
    assert why in " ".join(k["why"] for k in kept)


@pytest.mark.parametrize(
    "text",
    [
        "Gunmen killed three people in Chicago on Monday.",
        "The man could face charges in the shooting on Monday in Chicago.",  # the modal is the charge's
        "The family wants justice for the shooting in Chicago on Monday.",  # the wish is justice, not the shooting
        "A bomb may have killed the two guards in Lagos on Sunday.",  # a guess about what happened
        "It was unclear whether the shooting in Denver on Friday had anything to do with gangs.",
        "A man suffered gunshot wounds on Elm Street in Ashbury on Sunday.",  # a wound tells the shooting
        # the negation is the next clause's, after the semicolon
        "3-year-old girl shot in hand in Chicago; adults with her not being very helpful, police say",
    ],
)
def test_happenings_still_found(ex, text):
    assert [r for r in _reports(text, ex).reports if r.meta.get("family") == "attack"]


def test_headline_present_tense_is_a_happening(ex):
    # headlines tell what happened in the present tense: a bare plural there is no generic statement
    sent = ex.nlp("Shootings leave three dead in Chicago")
    tok = sent[0]
    assert ex.frames.modality.why_not(tok) == "generic"
    assert ex.frames.modality.why_not(tok, headline=True) is None


def test_threat_is_a_statement_not_an_event(ex):
    doc = _reports("ISWAP on Monday threatened new attacks on army bases in Borno.", ex)
    assert doc.reports == []
    assert [s.kind for s in doc.statements] == ["threat"]
    assert "threat" not in Lexicon.load().by_type


def test_an_edited_word_changes_the_judgement():
    data = read_yaml(DATA / "extract_modality.yaml")
    assert "tend" in ModalityWords.parse(data).irrealis_verbs
    data["irrealis_verbs"] = [w for w in data["irrealis_verbs"] if w != "tend"]
    assert "tend" not in ModalityWords.parse(data).irrealis_verbs
    data["negations"] = [True]
    with pytest.raises(ValueError, match="quote words"):
        ModalityWords.parse(data)


def test_select_a_target_is_no_attack(ex):
    # an analyst's "pushed the cell to select an easy target in <city>" names no happening (issue 16, point 4)
    doc = _reports("Losses in the south pushed the cell to select an easy target in Minsk.", ex)
    assert [r for r in doc.reports if r.meta.get("family") == "attack"] == []
