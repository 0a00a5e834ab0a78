"""Date finding and resolution against a publication-date anchor, plus property tests of the normaliser."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.extract.times import comment_age, find_dates, infer_publication_date, infer_year, resolve_date
from eventledger.records import DateValue

ANCHOR = DateValue("2024-03-24", "day")  # a Sunday


def one(text, anchor=ANCHOR):
    hits = find_dates(text, anchor=anchor)
    assert len(hits) == 1, hits
    s, e, dv = hits[0]
    assert text[s:e] == dv.text
    return dv.value, dv.precision


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("they struck last Friday", "2024-03-22", "day"),
        ("on March 22 gunmen", "2024-03-22", "day"),
        ("in August 2021", "2021-08", "month"),
        ("In January of this year", "2024-01", "month"),
        ("earlier this month", "2024-03", "month"),
        ("last month", "2024-02", "month"),
        ("two days ago", "2024-03-22", "day"),
        ("on Tuesday", "2024-03-19", "day"),
        ("27th March, 2024", "2024-03-27", "day"),
        ("March 27, 2024", "2024-03-27", "day"),
        ("2024-03-27", "2024-03-27", "day"),
        ("6 months ago", "2023-09", "month"),
        ("from 2016–19", "2016", "year"),
        ("in 2004", "2004", "year"),
        ("yesterday", "2024-03-23", "day"),
        ("san salvador, 12 jan 90 (radio)", "1990-01-12", "day"),
        ("in december", "2023-12", "month"),
    ],
)
def test_resolves_against_anchor(text, value, precision):
    assert one(text) == (value, precision)


def test_relative_dates_without_anchor_stay_unresolved():
    assert one("last Friday", None) == (None, "unresolved")
    assert one("two days ago", None) == (None, "unresolved")
    assert one("March 27, 2024", None) == ("2024-03-27", "day")


def test_weekday_fixes_the_year_without_anchor():
    text = "Gunmen opened fire on Friday night at a concert hall. By March 22 the toll had risen."
    hits = find_dates(text, anchor=None)
    assert [(text[s:e], dv.value) for s, e, dv in hits] == [("Friday night", "2024-03-22"), ("March 22", "2024-03-22")]


def test_that_year_is_the_year_named_before():
    text = "They took power in 2019 and bombed the ministry in May of that year."
    hits = find_dates(text, anchor=ANCHOR)
    assert [(text[s:e], dv.value) for s, e, dv in hits] == [("2019", "2019"), ("May of that year", "2019-05")]
    assert one("in May of that year", None) == (None, "unresolved")  # no year before it to refer to


def test_infer_year_and_publication_date():
    assert infer_year(3, 22, 4, latest=2026) == 2024
    assert infer_publication_date("Friday, March 22\nGunmen attacked a hall.").value == "2024-03-22"
    assert infer_publication_date("no dates here").value is None


def test_resolve_date_falls_back_to_dateparser():
    assert resolve_date("In January of this year", anchor=ANCHOR).value == "2024-01"
    assert resolve_date("1st of Feb. 2023", anchor=None).value == "2023-02-01"
    assert resolve_date("no date at all", anchor=ANCHOR).precision == "unresolved"


def test_comment_ages():
    assert comment_age("6 months ago", anchor=ANCHOR).value == "2023-09"
    assert comment_age("3h", anchor=DateValue("2024-03-24T02:00:00", "second")).value == "2024-03-23"
    assert comment_age("2y", anchor=ANCHOR).value == "2022"
    assert comment_age("5 days ago", anchor=None).precision == "unresolved"


FORMATS = [
    "{d.year:04d}-{d.month:02d}-{d.day:02d}",
    "{mon} {d.day}, {d.year}",
    "{d.day} {mon} {d.year}",
    "{d.day}th of {mon}, {d.year}",
    "{wd}, {mon} {d.day}, {d.year}",
    "{ab}. {d.day}, {d.year}",
]


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31)), st.sampled_from(FORMATS), st.booleans())
def test_any_date_round_trips_in_every_format(d, fmt, lower):
    text = fmt.format(d=d, mon=d.strftime("%B"), ab=d.strftime("%b"), wd=d.strftime("%A"))
    if lower:
        text = text.lower()
    hits = find_dates(f"It happened {text}.", anchor=None)
    assert [(dv.value, dv.precision) for _, _, dv in hits] == [(d.isoformat(), "day")]


@given(st.text(max_size=200), st.sampled_from([None, ANCHOR]))
def test_spans_are_exact_on_any_text(text, anchor):
    for s, e, dv in find_dates(text, anchor=anchor):
        assert text[s:e] == dv.text
        assert dv.precision in ("second", "day", "month", "year", "unresolved")


def test_sentence_full_stop_stays_out_of_the_span():
    """Regression: MUC-4 "killed on 11 november." took the full stop into the date text."""
    assert [dv.text for _, _, dv in find_dates("killed on 11 november.", anchor=ANCHOR)] == ["11 november"]
    assert [dv.text for _, _, dv in find_dates("since Sept. 11, 2001", anchor=None)] == ["Sept. 11, 2001"]


@pytest.mark.parametrize(
    "text,value",
    [
        ("last night", "2024-03-23"),
        ("next Friday", "2024-03-29"),
        ("on Sunday", "2024-03-24"),
        ("last Sunday", "2024-03-17"),
        ("last March", "2023-03"),
        ("next June", "2024-06"),
        ("a week ago", "2024-03-17"),
        ("3 years ago", "2021"),
        ("Sept. 11, 2001", "2001-09-11"),
        ("between 1980 and 1992", "1980"),
        ("mid-August 2021", "2021-08"),
    ],
)
def test_more_relative_forms(text, value):
    assert one(text)[0] == value


def test_ordinary_words_are_not_dates():
    assert find_dates("he may go and march on", anchor=ANCHOR) == []
    assert find_dates("2000 people and 45 trucks", anchor=ANCHOR) == []


def test_month_day_takes_the_year_of_a_full_date_just_before():
    """An aggregator page dated 2025 retells a 2024 attack: 'March 22' follows 'March 27, 2024'."""
    text = "The attack of March 27, 2024 was claimed at once. Police said on March 22 the men had met."
    got = [(dv.text, dv.value) for _, _, dv in find_dates(text, anchor=DateValue("2025-12-28", "day"))]
    assert got == [("March 27, 2024", "2024-03-27"), ("March 22", "2024-03-22")]


def test_weekday_far_before_the_month_day_still_fixes_the_year():
    filler = "The group has spread north of the border over the years. " * 5
    text = f"It claimed Friday night's attack. {filler} The attack on a concert hall on March 22 was planned."
    got = [(dv.text, dv.value) for _, _, dv in find_dates(text, anchor=None)]
    assert got == [("Friday night", "2024-03-22"), ("March 22", "2024-03-22")]


def test_day_ranges_give_their_first_day():
    assert one("March 22-23, 2024") == ("2024-03-22", "day")
    assert one("22–23 March 2024") == ("2024-03-22", "day")


@given(
    st.integers(min_value=1, max_value=300),
    st.sampled_from(["minute", "hour", "day", "week", "month", "year", "hr", "min", "wk", "yr"]),
    st.booleans(),
)
def test_comment_ages_never_lie_after_the_anchor(n, unit, plural):
    text = f"{n} {unit}{'s' if plural else ''} ago"
    dv = comment_age(text, anchor=DateValue("2024-03-24T12:00:00", "second"))
    assert dv.value is not None and dv.value <= "2024-03-24"
    assert (
        dv.precision
        == {
            "minute": "day",
            "min": "day",
            "hour": "day",
            "hr": "day",
            "day": "day",
            "week": "day",
            "wk": "day",
            "month": "month",
            "year": "year",
            "yr": "year",
        }[unit]
    )


def test_a_holiday_is_its_last_day_on_or_before_the_anchor():
    after = DateValue("2016-12-26", "day")
    found = {dv.text: dv.value for _, _, dv in find_dates("a Christmas Eve shooting; on New Year's Day", anchor=after)}
    assert found == {"Christmas Eve": "2016-12-24", "New Year's Day": "2016-01-01"}
    # a movable one: Thanksgiving is the fourth Thursday of November
    [(_, _, dv)] = find_dates("shot on Thanksgiving night", anchor=after)
    assert dv.value == "2016-11-24" and dv.precision == "day"
    # before this year's holiday, last year's
    [(_, _, dv)] = find_dates("a Halloween shooting", anchor=DateValue("2016-03-01", "day"))
    assert dv.value == "2015-10-31"


@pytest.mark.parametrize(
    "text, value",
    [
        # a police release's date in figures, month first, its year in two or four figures
        ("On 6/24/14 at about 9 p.m. deputies were called to a home.", "2014-06-24"),
        ("Officers responded on 1-24-16, shortly after 3 p.m.", "2016-01-24"),
        ("Updated: 01/26/2015 10:24 PM", "2015-01-26"),
        # ... day first when the first figure cannot be a month
        ("Published 24/06/2014", "2014-06-24"),
    ],
)
def test_a_date_in_figures_with_its_year_is_its_day(text, value):
    [(_, _, dv)] = find_dates(text, anchor=DateValue("2017-01-20", "day"))
    assert (dv.value, dv.precision) == (value, "day")


@pytest.mark.parametrize("text", ["a term of 3 1/2 to 15 years", "call 713-222-8477", "the 13/13/2016 form"])
def test_figures_that_are_no_date_stay_words(text):
    assert find_dates(text, anchor=DateValue("2017-01-20", "day")) == []


@pytest.mark.parametrize(
    "text, value",
    [
        # the third Monday of January, written out or short, its "Jr." with or without a dot
        ("a shooting in a park on MLK Day", "2017-01-16"),
        ("Shots rang out on Martin Luther King Jr. Day.", "2017-01-16"),
        ("Shots rang out on Martin Luther King Day.", "2017-01-16"),
        # the third Monday of February, its apostrophe after the s or none
        ("a fight at a mall on Presidents' Day", "2016-02-15"),
        ("a fight at a mall on Presidents Day", "2016-02-15"),
        ("a bar fight on St. Patrick's Day", "2016-03-17"),
        ("fireworks and gunfire on Independence Day", "2016-07-04"),
        ("A Veterans Day shooting left one dead.", "2016-11-11"),
    ],
)
def test_holidays_named_by_their_words_are_their_days(text, value):
    [(_, _, dv)] = find_dates(text, anchor=DateValue("2017-01-20", "day"))
    assert (dv.value, dv.precision) == (value, "day")


@pytest.mark.parametrize(
    "text, dates",
    [
        # GVA 737991: a home decorated for Christmas dated a shooting of Dec 30 to Christmas
        ("The porch, still hung with Christmas lights, was taped off by police.", []),
        ("It was the last day before Christmas break.", []),
        ("He was shot on Christmas morning.", ["Christmas"]),
        ("The Fourth of July shooting left two hurt.", ["Fourth of July"]),
        # a party named for a holiday is held near it, or runs past midnight: the story tells its day
        ("Shots rang out at a Memorial Day party on Saturday.", ["Saturday"]),
        ("Guests at the New Year's Eve party heard the shots.", []),
    ],
)
def test_a_holiday_naming_a_kind_of_thing_is_not_a_day(text, dates):
    assert [dv.text for _, _, dv in find_dates(text, anchor=DateValue("2016-12-30", "day"))] == dates


def test_last_night_runs_into_the_page_day_told_early():
    # a page of Saturday 8 June 2024 that tells the small hours of its own day: its "last night" ran past midnight
    sat = DateValue("2024-06-08", "day")
    text = "A cyclist was shot last night near the river. Early Saturday, officers found him by the bridge."
    got = [(text[s:e], dv.value) for s, e, dv in find_dates(text, anchor=sat)]
    assert got == [("last night", "2024-06-08"), ("Saturday", "2024-06-08")]
    text = "A cyclist was shot last night near the river. Officers arrived early this morning."
    assert [dv.value for _, _, dv in find_dates(text, anchor=sat)] == ["2024-06-08", "2024-06-08"]
    # ... but a statement's morning is no sign of it, nor a death's small hours: "last night" stays the evening before
    text = "A cyclist was shot last night near the river and died early Saturday at a hospital."
    assert [dv.value for _, _, dv in find_dates(text, anchor=sat)] == ["2024-06-07", "2024-06-08"]
    text = "A cyclist was shot last night near the river, police said Saturday morning."
    assert [dv.value for _, _, dv in find_dates(text, anchor=sat)] == ["2024-06-07", "2024-06-08"]


def test_the_verb_may_is_no_month_in_a_cased_text():
    # GVA dev: a headline's "of 5 may be" was dated May 5
    anchor = DateValue("2015-11-18", "day")
    assert find_dates("Police: Eastside shooting of 5 may be tied to a feud", anchor=anchor) == []
    assert [d.value for _, _, d in find_dates("It happened on May 5 in Fresno.", anchor=anchor)] == ["2015-05-05"]
    assert [d.value for _, _, d in find_dates("it happened on may 5 in fresno", anchor=anchor)] == ["2015-05-05"]
