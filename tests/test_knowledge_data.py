"""The curated data files behind knowledge/: each loads, holds words only once, and an edit to it changes
behaviour without touching code."""

from __future__ import annotations

import shutil
from collections import Counter

import pytest
import yaml

from eventledger.clean import dates as clean_dates
from eventledger.extract.counts import CountFinder
from eventledger.extract.placing import Placer
from eventledger.extract.times import find_dates
from eventledger.extract.work import SegWork
from eventledger.knowledge import MONTHS, Candidate, Gazetteer, Lexicon, PlaceContext, load_venues, month_number
from eventledger.knowledge.count_words import CountWords
from eventledger.knowledge.files import DATA, read_yaml, words
from eventledger.records import PLACE_PRECISIONS, PLACE_RANK, DateValue, Segment

WORD_FILES = ("extract_roles.yaml", "extract_words.yaml", "extract_counts.yaml", "places_context.yaml")


@pytest.mark.parametrize("name", WORD_FILES)
def test_word_lists_are_lowercase_words_listed_once(name):
    data = yaml.safe_load((DATA / name).read_text(encoding="utf-8"))
    lists = {k: v for k, v in data.items() if isinstance(v, list)}
    assert lists
    for key, items in lists.items():
        assert all(isinstance(w, str) and w == w.lower() and w.strip() == w for w in items), key
        assert not [w for w, n in Counter(items).items() if n > 1], f"{name} {key} lists a word twice"


def test_a_yaml_boolean_is_refused_with_the_fix():
    with pytest.raises(ValueError, match="quote words like 'on'"):
        words({"starters": ["in", True]}, "starters", "places_context.yaml")


def test_a_missing_list_names_its_file_and_key(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    rules = read_yaml(tmp_path / "data" / "extract_words.yaml")
    del rules["light_verbs"]
    (tmp_path / "data" / "extract_words.yaml").write_text(yaml.safe_dump(rules), encoding="utf-8")
    with pytest.raises(ValueError, match="extract_words.yaml: lacks the word list 'light_verbs'"):
        Lexicon.load(tmp_path / "data")


def test_lexicon_reads_its_words_from_the_data_folder(tmp_path):
    shutil.copytree(DATA, tmp_path / "data")
    path = tmp_path / "data" / "extract_words.yaml"
    rules = read_yaml(path)
    rules["light_verbs"].append("orchestrate")
    path.write_text(yaml.safe_dump(rules), encoding="utf-8")
    assert "orchestrate" in Lexicon.load(tmp_path / "data").light_verbs
    assert "orchestrate" not in Lexicon.load().light_verbs


def test_event_types_map_words_to_the_highest_priority_type():
    lex = Lexicon.load()
    assert {t.family for t in lex.types} >= {"attack", "arrest"}
    for word, et in {**lex.verb_type, **lex.noun_type}.items():
        rivals = [t for t in lex.types if word in t.verbs or word in t.nouns]
        assert et.priority == max(t.priority for t in rivals), word
    assert lex.trigger_prefilter.search("Gunmen shot two guards")  # an irregular form reaches the parser


def test_place_context_is_data(tmp_path):
    gaz = Gazetteer.load(cache_dir=tmp_path)
    text = "Medina said the road to Medina was closed."
    assert [n for _, _, n in gaz.find(text)] == ["Medina"]
    d = read_yaml(DATA / "places_context.yaml")
    d["speech_after"] = [w for w in d["speech_after"] if w != "said"]
    (tmp_path / "ctx.yaml").write_text(yaml.safe_dump(d), encoding="utf-8")
    edited = Gazetteer(gaz._ix, PlaceContext.load(tmp_path / "ctx.yaml"))
    assert [n for _, _, n in edited.find(text)] == ["Medina", "Medina"]


def test_venues_load_as_gazetteer_candidates(tmp_path):
    venues = {v.names[0]: v for v in load_venues()}
    crocus = venues["Crocus City Hall"]
    assert crocus.candidate.kind == "venue" and crocus.candidate.city == "Krasnogorsk"
    assert "Crocus concert hall" in crocus.names
    bad = tmp_path / "venues.tsv"
    bad.write_text(
        "name\taliases\tcity\tadmin1\tcountry\tlat\tlon\nNowhere Hall\t\tX\t\tXX\tnorth\t1\n", encoding="utf-8"
    )
    with pytest.raises(ValueError, match="'Nowhere Hall' needs numeric lat and lon"):
        load_venues(bad)


def test_one_month_table():
    assert clean_dates.MONTHS is MONTHS
    assert sorted(set(MONTHS.values())) == list(range(1, 13))
    assert month_number("Sept.") == 9 and month_number("MAR") == 3
    # the byline reader of clean/ and the date finder of extract/ read the same month
    assert clean_dates.parse_date("27th Sept, 2024").value == "2024-09-27"
    assert [dv.value for _, _, dv in find_dates("on Sept. 27, 2024", anchor=None)] == ["2024-09-27"]


def test_one_place_precision_order():
    assert list(PLACE_RANK) == list(PLACE_PRECISIONS) == ["venue", "city", "admin2", "admin1", "country", "region"]
    assert [PLACE_RANK[p] for p in PLACE_PRECISIONS] == sorted(PLACE_RANK.values())


class _Places:
    """A gazetteer that knows three names of three kinds."""

    def candidates(self, name):
        kind = {"Syria": "country", "Homs": "city", "Idlib": "admin1", "Aleppo": "city"}[name]
        return [Candidate(name, kind, "SY", None, None, None)]

    def people(self, text, hits, first_names):
        return hits

    def goes_on(self, text, end):
        return False

    def context(self, names):
        return (), ()

    def resolve(self, name, **context):
        return None


def test_a_report_takes_the_most_precise_place_the_first_among_equals():
    text = "Shelling in Syria hit Idlib, Homs and Aleppo."
    places = [(text.index(n), text.index(n) + len(n), n) for n in ("Syria", "Idlib", "Homs", "Aleppo")]
    seg = Segment(id="s", document="d", index=0, kind="article", text=text)
    w = SegWork(seg, text, [(0, len(text))], [], places, [], DateValue())
    assert Placer(_Places()).place_in(w, 0, len(text))[2] == "Homs"


def test_count_words_are_data_and_checked():
    d = read_yaml(DATA / "extract_counts.yaml")
    sentence = "Twelve people were martyred in the raid."
    assert CountFinder(CountWords.parse(d)).find(sentence) == []
    d["kind_after"]["martyred"] = "killed"
    [hit] = CountFinder(CountWords.parse(d)).find(sentence)
    assert (hit.kind, hit.value, sentence[hit.start : hit.end]) == ("killed", 12, "Twelve people were martyred")
    d["kind_after"]["martyred"] = "dead"
    with pytest.raises(ValueError, match="kind_after maps {'martyred': 'dead'}"):
        CountWords.parse(d)
