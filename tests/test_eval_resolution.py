"""Pairwise and B-cubed resolution scores on tiny cases worked out by hand."""

import pytest

from eventledger.eval import resolution
from eventledger.eval.paths import default_paths
from eventledger.eval.resolution import _fillers, _victim_names, as_map, pairwise, wikievents_gold

MUC4 = default_paths()["muc4"]


def test_perfect_clustering():
    gold = {"a": 1, "b": 1, "c": 2}
    r = pairwise(gold, {"a": "x", "b": "x", "c": "y"})
    assert (r["p"], r["r"], r["f1"]) == (1.0, 1.0, 1.0)
    assert (r["b3_p"], r["b3_r"]) == (1.0, 1.0)


def test_everything_in_one_cluster():
    # gold pairs {ab}; predicted pairs {ab, ac, bc}: P 1/3, R 1
    r = pairwise({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})
    assert r["p"] == pytest.approx(1 / 3) and r["r"] == 1.0 and r["f1"] == pytest.approx(0.5)
    # B3 precision: a 2/3, b 2/3, c 1/3 -> 5/9; recall all 1
    assert r["b3_p"] == pytest.approx(5 / 9) and r["b3_r"] == 1.0


def test_all_singletons_and_empty_predictions():
    gold = {"a": 1, "b": 1, "c": 1}
    for pred in ({}, {"a": None, "b": None, "c": None}, {"a": "x", "b": "y", "c": "z"}):
        r = pairwise(gold, pred)
        assert (r["p"], r["r"], r["f1"]) == (0.0, 0.0, 0.0)
        assert r["pairs_gold"] == 3 and r["pairs_predicted"] == 0
        assert r["b3_p"] == 1.0 and r["b3_r"] == pytest.approx(1 / 3)


def test_no_gold_pairs():
    r = pairwise({"a": 1, "b": 2}, {"a": "x", "b": "x"})
    assert (r["p"], r["r"], r["pairs_gold"], r["pairs_predicted"]) == (0.0, 0.0, 0, 1)


def test_empty_gold():
    r = pairwise({}, {"a": "x"})
    assert r["items"] == 0 and r["f1"] == 0.0 and r["b3_f1"] == 0.0


def test_predictions_for_unknown_items_are_ignored_and_none_stands_alone():
    # "z" is not a gold item; a and b predicted None are two separate singletons, not one cluster
    r = pairwise({"a": 1, "b": 1, "c": 2}, {"a": None, "b": None, "c": "x", "z": "x"})
    assert r["pairs_predicted"] == 0 and r["predicted_clusters"] == 3


def test_split_and_merge_errors_counted_once_each():
    # gold {a b c}{d}; predicted {a b}{c d}: gold pairs ab ac bc, predicted ab cd -> correct ab
    r = pairwise({"a": 1, "b": 1, "c": 1, "d": 2}, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert (r["pairs_correct"], r["pairs_predicted"], r["pairs_gold"]) == (1, 2, 3)
    assert r["p"] == 0.5 and r["r"] == pytest.approx(1 / 3)


def test_duplicate_items_count_once_and_never_pair_with_themselves():
    # "a" listed twice in gold and in predictions: still one item; gold pairs {ab}, predicted {ab}
    r = pairwise([("a", 1), ("a", 1), ("b", 1), ("c", 2)], [("a", "x"), ("a", "x"), ("b", "x"), ("c", "y")])
    assert (r["items"], r["pairs_gold"], r["pairs_predicted"], r["pairs_correct"]) == (3, 1, 1, 1)
    assert (r["p"], r["r"]) == (1.0, 1.0)


def test_an_item_in_two_clusters_is_refused():
    with pytest.raises(ValueError, match="assigned to both"):
        as_map([("a", 1), ("a", 2)])


def test_tuple_items_of_one_document_stay_apart():
    # seeds items are (document, gold event): one document reporting two events gives two items,
    # and predicting both into one event is a false pair
    gold = {("d1", "e1"): "e1", ("d1", "e2"): "e2", ("d2", "e1"): "e1"}
    r = pairwise(gold, {("d1", "e1"): "x", ("d1", "e2"): "x", ("d2", "e1"): "x"})
    assert (r["pairs_gold"], r["pairs_predicted"], r["pairs_correct"]) == (1, 3, 1)


def test_wikievents_gold_groups_only_articles_of_one_wikipedia_page():
    gold = wikievents_gold(
        [
            "wiki_ied_bombings_1_news_3",
            "wiki_ied_bombings_1_news_4",
            "wiki_ied_bombings_9",
            "wiki_ied_bombings_10_news_1",
            "scenario_en_kairos_60",
            "scenario_en_kairos_61",
        ]
    )
    assert gold["wiki_ied_bombings_1_news_3"] == gold["wiki_ied_bombings_1_news_4"] == "wiki_ied_bombings_1"
    assert len(set(gold.values())) == 5  # the _9 page, the _10 article and each scenario stand alone


def _doc(victims, incident="attack", **roles):
    return {"templates": [{"incident_type": incident, "Victim": [[[v, 0]] for v in victims], **roles}]}


def test_victim_names_keep_names_not_descriptions():
    names = _victim_names(
        _doc(["Bernardo Jaramillo Ossa", "two individuals", "Pizarro", "several peasants"], incident="attack / bombing")
    )
    assert names == {"attack": {"bernardo jaramillo ossa"}, "bombing": {"bernardo jaramillo ossa"}}


def test_fillers_take_every_role_but_not_descriptions():
    doc = _doc(
        ["the peasants", "Ellacuria"], PerpOrg=[[["FMLN", 0], ["Farabundo Marti Front", 3]]], Target=[[["men", 0]]]
    )
    assert _fillers(doc) == {"ellacuria", "fmln", "farabundo marti front"}


def test_a_document_is_predicted_by_its_report_naming_its_fillers(monkeypatch, tmp_path):
    # d1 has two reports in evt_b (majority) and one naming its victim in evt_a; d2 names none of its fillers
    docs = [{"id": "doc1", "path": "x/d1.txt"}, {"id": "doc2", "path": "x/d2.txt"}]
    reports = [
        {"id": "r1", "document": "doc1", "evidence": {"text": "they killed Ignacio Ellacuria"}},
        {"id": "r2", "document": "doc1", "evidence": {"text": "a bomb went off"}},
        {"id": "r3", "document": "doc1", "evidence": {"text": "another bomb"}},
        {"id": "r4", "document": "doc2", "evidence": {"text": "a shooting"}},
        {"id": "r5", "document": "doc2", "evidence": {"text": "a raid"}},
    ]
    events = [
        {"id": "evt_a", "reports": [{"id": "r1"}]},
        {"id": "evt_b", "reports": [{"id": "r2"}, {"id": "r3"}]},
        {"id": "evt_d", "reports": [{"id": "r4"}]},
        {"id": "evt_c", "reports": [{"id": "r5"}]},
    ]
    monkeypatch.setattr(resolution, "_ingest", lambda folder: (docs, reports, events))
    pred = resolution._predict_docs(tmp_path, {"d1": {"ignacio ellacuria"}, "d2": {"nobody named"}})
    assert pred == {"d1": "evt_a", "d2": "evt_c"}  # d2: a tie of one report each, the smaller id
    assert resolution._predict_docs(tmp_path)["d1"] == "evt_b"  # without fillers: the majority


def test_muc4_gold_joins_documents_through_shared_victims_transitively():
    docs = [
        {"docid": "a", **_doc(["Carlos Pizarro"])},
        {"docid": "b", **_doc(["Carlos Pizarro", "Jose Antequera"])},
        {"docid": "c", **_doc(["Jose Antequera"])},
        {"docid": "d", **_doc(["Jose Antequera"], incident="bombing")},
        {"docid": "e", **_doc(["two peasants"])},
        {"docid": "f", **_doc(["two peasants"])},
    ]
    gold = resolution.muc4_gold(docs)
    assert gold["a"] == gold["b"] == gold["c"]
    assert len({gold["a"], gold["d"], gold["e"], gold["f"]}) == 4  # other incident type; descriptions never join


@pytest.mark.skipif(not MUC4.exists(), reason="../shared MUC-4 dev not present")
def test_muc4_dev_gold_is_three_named_victim_incidents():
    import json

    docs = [json.loads(line) for line in MUC4.open(encoding="utf-8")]
    gold = resolution.muc4_gold([d for d in docs if d["templates"]])
    members: dict = {}
    for d, c in gold.items():
        members.setdefault(c, set()).add(d)
    groups = [g for g in members.values() if len(g) > 1]
    assert sorted(map(sorted, groups)) == [
        ["TST1-MUC3-0049", "TST2-MUC4-0007", "TST2-MUC4-0032"],
        ["TST1-MUC3-0050", "TST2-MUC4-0025"],
        ["TST2-MUC4-0022", "TST2-MUC4-0026"],
    ]


def test_report_tables_give_scores_and_sizes_per_set():
    from eventledger.eval.report import tables

    a = pairwise({"a": 1, "b": 1, "c": 2}, {"a": "x", "b": "x", "c": "x"})
    b = pairwise({"d": 1, "e": 1}, {})
    result = {
        "sets": {"seeds": a, "muc4": b},
        "seconds": 1.5,
        "micro": {"p": 1 / 3, "r": 0.5, "f1": 0.4, "pairs_gold": 2, "pairs_predicted": 3, "pairs_correct": 1},
    }
    (_, _, scores), (_, cols, sizes) = tables("resolution", result)
    assert scores[0][:4] == ["seeds", "33.3", "100.0", "50.0"] and scores[-1][3] == "40.0"
    assert sizes[1] == ["muc4", "2", "1", "2", "1", "0", "0"]
    assert sizes[-1] == ["all (1.5 s)", "5", "", "", "2", "3", "1"]
