"""Loaders of the cleaning data files, explicit dates, comment headers and post headers."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from eventledger.clean import LanguageSettings, Rules
from eventledger.clean.comments import _splits, find_headers
from eventledger.clean.dates import find_dates, parse_date
from eventledger.clean.lines import split_lines
from eventledger.clean.posts import byline, date_line, outlet_prefix


def test_rules_load_and_classify():
    r = Rules.load()
    assert r.line_kind("Posted in Security, Health | Tags: Floods |") == "footer"
    assert r.line_kind("Share this:") == "share"
    assert r.line_kind("Shares in the state airline fell sharply on Monday.") is None
    assert r.line_kind("Copyright (c) 2023 Example Media. All rights reserved.") == "copyright"
    assert r.heading_kind("Categories") == "category-list" and r.heading_kind("Gunmen stormed the hall") is None
    assert r.is_headline_heading("Recent Posts") and r.is_stop("Older posts")
    assert r.tail("Ten people died, officials said. Click here to read more (external link).")[1] == "read-more"
    assert "admin" in r.generic_posters


def test_language_settings_are_iso_codes():
    s = LanguageSettings.load()
    assert "en" in s.languages and "no" in s.languages  # YAML must not turn "no" into False
    assert all(isinstance(c, str) and len(c) == 2 for c in s.languages)


@given(
    st.dates(min_value=date(1990, 1, 1), max_value=date(2039, 12, 31)),
    st.sampled_from(["%B %d, %Y", "%d %B %Y", "%Y-%m-%d", "%b %d, %Y"]),
)
def test_dates_round_trip(d, fmt):
    text = d.strftime(fmt)
    got = parse_date(f"Posted {text} by staff")
    assert got is not None and got.value == d.isoformat() and got.precision == "day"


def test_ordinal_dates_and_impossible_dates():
    assert parse_date("27th March, 2024 · admin").value == "2024-03-27"
    assert find_dates("31 February 2024") == []


@given(st.integers(-999, 999), st.integers(1, 11))
def test_run_together_score_and_age_has_the_true_reading(score, age):
    digits = f"{score}{age}"
    assert (score, age) in _splits(digits, "months")


def test_comment_headers_share_an_age():
    text = "  • Ann\n    1023 hours ago\n\n    text one\n\n    • Bo\n      53 hours ago\n\n      text two\n"
    heads = find_headers(split_lines(text))
    assert [(h.author, h.score, h.age, h.depth) for h in heads] == [
        ("Ann", 102, "3 hours ago", 1),
        ("Bo", 5, "3 hours ago", 2),
    ]


def test_post_header_parts():
    lines = split_lines("By Jane Roe\nNorth Wire\nJune 2, 2023\n\nBody text starts here and goes on.")
    b = byline(lines, 0)
    assert (b.author, b.source, b.date.value, len(b.lines)) == ("Jane Roe", "North Wire", "2023-06-02", 3)
    assert date_line(split_lines("2nd June, 2023 · admin")[0]).author == "admin"
    assert date_line(split_lines("Talks resumed on June 2, 2023 in Doha")[0]) is None
    assert outlet_prefix("The Herald (UK): Police said two died.", frozenset()) == (
        len("The Herald (UK): "),
        "The Herald",
    )
    assert outlet_prefix("Update: police said", frozenset({"update"})) is None


def test_datelines_and_topic_headlines_are_not_outlet_prefixes():
    assert outlet_prefix("TRIPOLI: Gunmen stormed a checkpoint overnight, officials said.", frozenset()) is None
    assert outlet_prefix("Port bombing: 40 dead as city mourns", frozenset()) is None
    assert outlet_prefix("BBC: Gunmen stormed a checkpoint overnight, officials said.", frozenset()) == (
        len("BBC: "),
        "BBC",
    )
