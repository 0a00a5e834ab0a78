"""Statements with speaker, role, kind and channel, on sentences written for these tests."""

import pytest

from eventledger.extract import Extractor, extract_text


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _kinds(text, ex):
    return extract_text(text, extractor=ex).statements


def test_claim_with_channel(ex):
    [s] = _kinds("The Islamic State claimed responsibility for the bombing in a statement on Telegram.", ex)
    assert s.kind == "claim-of-responsibility" and s.channel == "Telegram"
    assert s.about is not None and s.about.actor_id == "islamic-state"


def test_quote_with_apposition_role(ex):
    [s] = _kinds("\"The group is rebuilding fast,\" said Maria Lopez, a researcher at the Institute for Conflict Studies.", ex)
    assert s.speaker == "Maria Lopez"
    assert s.speaker_role and s.speaker_role.startswith("a researcher")


def test_accusation_speaker(ex):
    sts = _kinds("Foreign Minister John Carter accused the neighbouring government of arming the rebels.", ex)
    assert [s.kind for s in sts] == ["accusation"]
    assert "Carter" in sts[0].speaker


def test_threat(ex):
    sts = _kinds("The Islamic State threatened to carry out more attacks against the country.", ex)
    assert [s.kind for s in sts] == ["threat"]


def test_pronoun_speaker_is_last_named(ex):
    sts = _kinds("Police chief Ahmed Karimi said the attackers fled. He said that more arrests were expected.", ex)
    assert len(sts) == 2 and all("Karimi" in (s.speaker or "") for s in sts)
