"""Pairwise and B-cubed resolution scores on tiny cases worked out by hand."""

import pytest

from eventledger.eval.resolution import pairwise


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
