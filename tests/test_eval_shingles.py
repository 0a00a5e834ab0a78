"""Word-shingle scoring of the article benchmark, on hand-worked pages."""

from __future__ import annotations

import pytest

from eventledger.eval import shingles


def test_identical_texts_score_one():
    assert shingles.tp_fp_fn("one two three four five", "one two three four five") == (1.0, 0.0, 0.0)


def test_extra_and_missing_words():
    # truth tokens a b c d e -> shingles abcd, bcde; prediction a b c d x -> abcd, bcdx
    # tp 1 (abcd), fp 1 (bcdx), fn 1 (bcde); normalised by 3 -> (1/3, 1/3, 1/3)
    tp, fp, fn = shingles.tp_fp_fn("a b c d e", "a b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert shingles.precision(tp, fp, fn) == pytest.approx(0.5)


def test_short_text_is_one_shingle_and_case_matters():
    assert shingles.shingles("Hello, world!") == {("Hello", "world"): 1}
    assert shingles.tp_fp_fn("Hello world", "hello world") == pytest.approx((0.0, 0.5, 0.5))


def test_duplicates_count_with_multiplicity():
    # truth 'a b c d' once; prediction repeats it: shingles abcd, bcda, cdab, dabc, abcd
    # tp 1, fp 4 (abcd extra copy + 3 others), fn 0 -> (1/5, 4/5, 0)
    assert shingles.tp_fp_fn("a b c d", "a b c d a b c d") == pytest.approx((0.2, 0.8, 0.0))


def test_empty_prediction_and_empty_truth():
    assert shingles.tp_fp_fn("a b c d", "") == (0.0, 0.0, 1.0)
    assert shingles.tp_fp_fn("", "") == (0.0, 0.0, 0.0)


def test_aggregate_means_skip_pages_without_prediction_or_truth():
    rows = [
        (1.0, 0.0, 0.0),  # perfect: P 1, R 1
        (0.5, 0.5, 0.0),  # P 0.5, R 1
        (0.0, 0.0, 1.0),  # nothing predicted: skipped for P, R 0
        (0.0, 0.0, 0.0),  # empty truth and prediction: skipped for both
    ]
    # P = mean(1, 0.5) = 0.75; R = mean(1, 1, 0) = 2/3; F1 = 2 * 0.75 * (2/3) / (0.75 + 2/3) = 1 / (17/12) = 12/17
    m = shingles.aggregate(rows)
    assert m["precision"] == pytest.approx(0.75)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(12 / 17)


def test_aggregate_of_nothing_is_zero():
    assert shingles.aggregate([])["f1"] == 0.0
