"""Casualty and arrest figures: kind, qualifier, bounds, who, and exact spans (sentences written for these tests)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.extract.counts import CountFinder
from eventledger.extract.numbers import parse_number
from eventledger.knowledge.count_words import CountWords

find_counts = CountFinder(CountWords.load()).find  # one finder for the module's tests


def _one(text, kind):
    hits = [h for h in find_counts(text) if h.kind == kind]
    assert len(hits) == 1, hits
    h = hits[0]
    assert text[h.start : h.end].strip() == text[h.start : h.end]
    return h


@pytest.mark.parametrize(
    "text,kind,value,qualifier",
    [
        ("Officials said 52 people died in the blast.", "killed", 52, "exact"),
        ("The gunmen fled after killing at least 40 people.", "killed", 40, "at least"),
        ("The raid left more than 90 people dead.", "killed", 90, "more than"),
        ("Police arrested nine individuals on Monday.", "arrested", 9, "exact"),
        ("Authorities announced the arrests of seven people.", "arrested", 7, "exact"),
        ("Nearly 200 were injured in the stampede that followed the shooting.", "injured", 200, "nearly"),
        ("Up to 30 villagers were abducted overnight.", "kidnapped", 30, "up to"),
    ],
)
def test_single_figures(text, kind, value, qualifier):
    h = _one(text, kind)
    assert (h.value, h.qualifier) == (value, qualifier)


def test_two_kinds_in_one_clause():
    text = "The bombers struck the market, killing at least 31 people and injuring nearly 80."
    got = {(h.kind, h.value, h.qualifier) for h in find_counts(text)}
    assert got == {("killed", 31, "at least"), ("injured", 80, "nearly")}


def test_compound_figure_keeps_each_who():
    text = "The blast left around 60 civilians and 4 police officers killed."
    hits = sorted(find_counts(text), key=lambda h: h.start)
    assert [(h.value, h.qualifier, h.who) for h in hits] == [
        (60, "around", "civilians"),
        (4, "exact", "police officers"),
    ]


@pytest.mark.parametrize(
    "text,want",
    [
        # a headline lists its groups with a comma for "and": the whole first, then each group
        ("3 Boys, 2 Women Hurt In Park Shooting", [5, 3, 2]),
        ("Four teens, one adult found shot dead in garage", [5, 4, 1]),
        # not an age, nor a part of the first group: the comma ends the figure's phrase
        ("Two men, 19 and 23, shot near the station", []),
        ("Six people, four of them teens, were wounded", []),
    ],
)
def test_groups_listed_with_a_comma_add_up(text, want):
    hits = sorted(find_counts(text), key=lambda h: h.start)
    assert [h.value for h in hits] == want
    assert not hits or hits[0].who is None


def test_vague_and_missing():
    text = "There were dozens of wounded, and the missing who may be more than one hundred."
    got = {(h.kind, h.value, h.qualifier, h.low) for h in find_counts(text)}
    assert ("injured", None, "vague", 24) in got
    assert ("missing", 100, "more than", 101) in got


@pytest.mark.parametrize(
    "text",
    [
        "A reward of ten million dollars was offered for his capture.",
        "The group was founded in 2014 and has 3,000 fighters.",
        "The team won 2-1 in the second half.",
    ],
)
def test_not_counts(text):
    assert find_counts(text) == []


@given(st.integers(min_value=0, max_value=999_999))
def test_digits_round_trip(n):
    assert parse_number(f"{n:,}") == n


@pytest.mark.parametrize(
    "words,n",
    [
        ("nine", 9),
        ("a hundred", 100),
        ("one hundred and twenty", 120),
        ("twenty-five", 25),
        ("two dozen", 24),
        ("3 million", 3_000_000),
    ],
)
def test_number_words(words, n):
    assert parse_number(words) == n


@pytest.mark.parametrize(
    "text",
    [
        "Dozens of people were killed in the two blasts near the cemetery.",
        "The group claimed the attack and named two of the bombers.",
    ],
)
def test_numbers_that_count_something_else_are_not_tolls(text):
    assert [h.value for h in find_counts(text) if h.value is not None] == []


def test_a_part_of_the_toll_is_not_another_toll():
    assert [(h.kind, h.value) for h in find_counts("137 people had been killed, including three children.")] == [
        ("killed", 137)
    ]


def test_vague_figures_with_an_auxiliary():
    [h] = find_counts("Dozens were killed when the market was shelled.")
    assert (h.kind, h.qualifier, h.low, h.high) == ("killed", "vague", 24, 99)


def test_the_other_three_are_others():
    # issue 17: "the other N people shot" counts people besides one told apart, not the whole toll
    [h] = find_counts("Medics said one of the other three people shot could not be roused.")
    assert (h.kind, h.value, h.who) == ("shot", 3, "others")


def test_a_ranked_victim_tells_how_many_were_hit():
    # issue 17: "a fourth victim" after three killed is one hit and not killed
    [h] = find_counts("A fourth victim got a ride to an urgent care clinic from a friend before deputies showed up.")
    assert (h.kind, h.value, h.qualifier) == ("shot", 4, "at least")
    assert find_counts("The 6-year-old is the city's third homicide victim of the year.") == []


@pytest.mark.parametrize(
    "text",
    [
        "A violent night left three dead and five hurt across the county.",
        "Twelve people were killed over the bloodiest weekend of the summer.",
        "Four people were wounded in Tuesday shootings on the east side.",
        "Two dead, one hurt in overnight downtown shootings",
    ],
)
def test_a_toll_of_a_stretch_of_time_is_a_tally(text):
    # issue 17: a night's or a weekend's toll over several shootings was read as one shooting's
    assert [h.value for h in find_counts(text) if h.value is not None and h.value > 1] == []


def test_a_deadly_shooting_of_one_night_is_no_tally():
    [h] = find_counts("Two men were killed in a deadly Tuesday night shooting.")
    assert (h.kind, h.value) == ("killed", 2)


@pytest.mark.parametrize(
    "text",
    [
        "The twins, both 19 — one lives in Fairview and the other downtown — were each hit in the leg.",
        "Police said he pointed a rifle at two neighbours and threatened their lives.",
        "The teacher, 44, probably saved many lives that morning.",
    ],
)
def test_lives_is_a_toll_only_right_after_a_plural_figure(text):
    # issue 17: "one lives in ..." (a verb) and "two people and threatened their lives" were counted killed
    assert [h for h in find_counts(text) if h.kind == "killed"] == []


def test_lives_right_after_a_figure_is_still_a_toll():
    assert _one("The storm claimed three lives on the coast.", "killed").value == 3


@pytest.mark.parametrize(
    "text",
    [
        "Four people were killed within six hours on Sunday, police said.",
        "She was one of two people killed and 14 wounded over a ten-hour stretch that night.",
        "3 teens killed and 4 hurt in 3 days on the west side",
    ],
)
def test_a_toll_of_hours_or_days_is_a_tally(text):
    # issue 17: a toll told of a stretch of hours or days was read as one shooting's
    assert [h.value for h in find_counts(text) if h.value is not None and h.value > 1] == []


def test_a_toll_of_minutes_is_one_shooting():
    # one shooting lasts minutes: "four people shot in a span of ten minutes" is its toll
    assert _one("Four people were shot in a span of ten minutes.", "shot").value == 4


@pytest.mark.parametrize(
    "text",
    [
        "► Related: Two girls wounded in a drive-by on the east side",
        "READ MORE: Six killed in lake cabin shooting, man held",
        "Related Coverage Child killed in Elm Avenue shooting",
        "[RELATED: Gun battle leaves 1 dead, 3 wounded near mall]",
    ],
)
def test_a_link_to_another_story_counts_nobody(text):
    # issue 17: a page's link to another story ("Related: ...") gave that story's toll to this one
    assert find_counts(text) == []


def test_a_sentence_that_starts_with_more_still_counts():
    assert _one("More than 20 people were hurt in the stampede.", "injured").value == 20
