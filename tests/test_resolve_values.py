"""Count summaries: ranges per qualifier, contested logic, best figure under each named policy."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.resolve import ResolveConfig, best, contested, summarize
from eventledger.resolve.values import count_range

CFG = ResolveConfig.load()


@pytest.fixture(scope="module")
def cfg():
    return CFG


def v(value, qualifier="exact", *, report="r", origin=None, published=None, opinion=False, who=None):
    return {
        "value": value,
        "qualifier": qualifier,
        "low": None,
        "high": None,
        "who": who,
        "evidence": None,
        "report": report,
        "origin": origin or report,
        "published": published,
        "opinion": opinion,
    }


@pytest.mark.parametrize(
    ("a", "b", "want"),
    [
        (v(137), v(144), True),  # two exact figures that differ
        (v(139, "at least"), v(144), False),  # 144 is at least 139
        (v(137), v(139, "at least"), True),  # 137 is not at least 139
        (v(144), v(144), False),
        (v(100, "nearly"), v(90, "more than"), False),
        (v(6, "at least"), v(200, "up to"), False),
    ],
)
def test_contested_pairs(cfg, a, b, want):
    assert contested([a, b], cfg) is want
    assert contested([b, a], cfg) is want


def test_different_victim_groups_do_not_contradict(cfg):
    assert not contested([v(13, who="soldiers"), v(170, "around", who="civilians")], cfg)
    assert contested([v(13, who="soldiers"), v(11, who="Soldiers")], cfg)


def test_comment_figures_never_count(cfg):
    vals = [v(144, report="a"), v(3, report="c", opinion=True)]
    assert not contested(vals, cfg)
    s = summarize(vals, policy="acled", cfg=cfg)
    assert (s["low"], s["high"], s["best"]) == (144, 144, 144)
    assert len(s["values"]) == 2  # kept, with its flag


def test_acled_takes_lowest_firm_figure():
    vals = [v(144, report="a"), v(139, "at least", report="b"), v(137, report="c"), v(120, "around", report="d")]
    assert best(vals, "acled") == 137
    assert best([v(120, "around"), v(150, "nearly")], "acled") == 120  # no firm figure: lowest stated


def test_gtd_most_recent_then_majority_then_lowest():
    recent = [v(137, report="a", published="2024-03-23"), v(144, report="b", published="2024-03-29")]
    assert best(recent, "gtd") == 144
    tie_recent = [
        v(137, report="a", published="2024-03-29"),
        v(144, report="b", published="2024-03-29"),
        v(144, report="c"),
    ]
    assert best(tie_recent, "gtd") == 144  # most recent disagree -> majority
    assert best([v(137, report="a"), v(144, report="b")], "gtd") == 137  # no majority -> lowest


def test_median_counts_each_origin_once():
    vals = [
        v(139, "at least", report="a", origin="voa"),
        v(139, "at least", report="a2", origin="voa"),
        v(139, "at least", report="a3", origin="voa"),
        v(144, report="b", origin="x"),
        v(150, report="c", origin="y"),
    ]
    assert best(vals, "median") == 144  # copies of the VOA figure do not outvote the others


def test_unknown_policy_is_an_error():
    with pytest.raises(ValueError, match="policy"):
        best([v(1)], "newest")


def test_summary_range_and_flags(cfg):
    s = summarize([v(137), v(139, "at least"), v(144)], policy="median", cfg=cfg)
    assert (s["low"], s["high"], s["policy"], s["contested"]) == (137, 144, "median", True)


@given(st.integers(0, 10_000), st.sampled_from(["exact", "at least", "more than", "nearly", "around", "up to"]))
def test_range_contains_a_plausible_reading(value, qualifier):
    lo, hi = count_range({"value": value, "qualifier": qualifier}, CFG)
    assert lo <= hi
    if qualifier in ("exact", "at least", "nearly", "around", "up to"):
        assert lo <= value <= hi
