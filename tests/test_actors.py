"""Actor registry: the curated file loads and validates, aliases are found in cased and lowercase text."""

from __future__ import annotations

import pytest

from eventledger.extract.actors import Actor, ActorRegistry


@pytest.fixture(scope="module")
def reg() -> ActorRegistry:
    return ActorRegistry.load()


def test_registry_has_version_and_valid_links(reg):
    assert reg.version
    ids = [a.id for a in reg.all()]
    assert len(ids) == len(set(ids))
    for a in reg.all():
        for ref in (a.parent, *a.affiliates):
            assert ref is None or reg.get(ref) is not None, (a.id, ref)


def test_find_lowercase_newswire(reg):
    text = "the farabundo marti national liberation front (fmln) and the shining path denied it"
    hits = reg.find(text)
    assert [(text[s:e], aid) for s, e, aid in hits] == [
        ("farabundo marti national liberation front", "fmln"), ("fmln", "fmln"), ("shining path", "shining-path")]


def test_short_acronym_only_as_uppercase_token(reg):
    assert reg.find("this is what it is") == []
    text = "IS claimed the attack; ISIS-K and the Islamic State-Khorasan were named"
    got = [(text[s:e], aid) for s, e, aid in reg.find(text)]
    assert got == [("IS", "islamic-state"), ("ISIS-K", "islamic-state-khorasan"),
                   ("Islamic State-Khorasan", "islamic-state-khorasan")]


def test_longest_match_wins(reg):
    text = "Islamic State Khorasan Province fighters"
    assert reg.find(text) == [(0, len("Islamic State Khorasan Province"), "islamic-state-khorasan")]


def test_lookup_folds_case_accents_and_dashes(reg):
    assert reg.lookup("iskp") == "islamic-state-khorasan"
    assert reg.lookup("Frente Farabundo Marti para la Liberacion Nacional") == "fmln"
    assert reg.lookup("Islamic State - Khorasan") == "islamic-state-khorasan"
    assert reg.lookup("is") is None


def test_offsets_survive_non_ascii_text(reg):
    text = "Ataque del Frente Farabundo Martí para la Liberación Nacional en Usulután"
    (s, e, aid), = reg.find(text)
    assert aid == "fmln" and text[s:e].startswith("Frente") and text[s:e].endswith("Nacional")


def test_unknown_parent_is_rejected():
    with pytest.raises(ValueError, match="unknown actor"):
        ActorRegistry([Actor("a", "A group", "armed-group", parent="nobody")], version="t")


def test_duplicate_alias_is_rejected():
    with pytest.raises(ValueError, match="names both"):
        ActorRegistry([Actor("a", "Alpha", "armed-group", aliases=("Front",)),
                       Actor("b", "Beta", "armed-group", aliases=("front",))], version="t")
