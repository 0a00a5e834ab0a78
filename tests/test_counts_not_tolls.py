"""Numbers that are not tolls (issue 17): ages, years, dates, times, addresses, calibres, phone numbers; a part
of the toll ("including 3") keeps its group. Sentences written for these tests."""

import pytest

from eventledger.extract.counts import CountFinder
from eventledger.knowledge.count_words import CountWords
from eventledger.knowledge.files import DATA, read_yaml

find_counts = CountFinder(CountWords.load()).find


def _tolls(text):
    return sorted((h.kind, h.value) for h in find_counts(text) if h.value is not None)


@pytest.mark.parametrize(
    "text",
    [
        "19-Year-Old Woman Killed In Overnight Shooting",
        "A 9-year-old girl was wounded by a stray bullet.",
        "Deputies say a four-year-old girl was hurt when the pistol fired.",
        "The 15-month-old injured in the crash is stable.",
        "Deputies said the man killed a 31-year-old neighbour.",
        "Two boys, ages 13 and 14, were wounded on the porch.",
        "Maria Lopez, 27, died at the hospital.",
        "The victim was killed on October 12 near the park.",
        "He was killed on the 3rd of May.",
        "08:45 Officers found the man dead.",
        "A 44-year-old died at a store located at 512 Maple Avenue.",
        "Deputies were sent to the 900 block.",
        "A killer with a .38 revolver and a 12-gauge shotgun killed his neighbour.",
        "Photo 4 of 19 Police say nobody was injured.",
        "Her neighbour called 911 saying he had been beaten.",
        "A girl younger than 10 was shot in the yard.",
        "One of three separate shootings that left a teen dead.",
        "The second man was found dead about 30 feet from the car.",
        "Officers said the man, in his 20's, was hurt.",
        "0:48 Two dead after shooting at a gas station",
    ],
)
def test_numbers_that_are_not_tolls(text):
    assert _tolls(text) == []


def test_a_phone_number_does_not_hide_the_toll_beside_it():
    assert _tolls("Anyone with information can call (555) 214-9087; 3 people were hurt.") == [("injured", 3)]


def test_an_age_in_a_headline_is_no_toll():
    assert _tolls("17-Year-Old Boy Killed In Shooting On East Side") == []


def test_a_street_number_is_no_toll_but_a_title_case_toll_is():
    assert _tolls("3 Dead In Oak Drive Shooting") == [("killed", 3)]
    assert _tolls("A 63-year-old died at a bakery at 418 Quarry Road, officers said.") == []


def test_including_is_a_part_of_the_toll():
    hits = [h for h in find_counts("Six people were killed, including two officers killed at the door.")]
    whole = [h for h in hits if h.who is None]
    assert [(h.kind, h.value) for h in whole] == [("killed", 6)]
    assert any(h.value == 2 and h.who for h in hits)


def test_generic_people_are_the_whole_toll():
    [h] = find_counts("The gunman fled after killing 12 people.")
    assert (h.value, h.who) == (12, None)


def test_a_critical_subset_is_not_a_second_toll():
    assert _tolls("4 injured, 2 critically in downtown shooting") == [("injured", 4)]


def test_not_a_count_patterns_are_data_and_checked():
    d = read_yaml(DATA / "extract_counts.yaml")
    text = "Room 12 people were hurt."
    assert _tolls(text) == []
    del d["not_a_count"]["address"]
    assert [(h.kind, h.value) for h in CountFinder(CountWords.parse(d)).find(text)] == [("injured", 12)]
    d["not_a_count"]["bad"] = "(unclosed"
    with pytest.raises(ValueError, match="not_a_count.bad"):
        CountWords.parse(d)


@pytest.mark.parametrize(
    "text",
    [
        "A dispatcher told NewsRadio 12 that a girl was shot in the yard.",
        "The suspect — Jon Smith, 57 — shot his neighbour.",
        "At least 9 people died and 14 were wounded in separate shootings across Detroit since Wednesday.",
        "There have been 142 people shot or killed by gunfire in the county so far this year.",
        "Thursday's bloodshed came after a weekend that saw more than 40 people shot across Baltimore.",
        "At least seven kids have been wounded or killed since January in unintentional shootings.",
        "Over the past five weeks, three children have died from accidental gunshot wounds.",
        "Three shootings kill six in Modesto in five-hour span",
        "6 Dead, 21 Wounded In Weekend Shootings",
        "The number of homicides in the city has now reached 109.",
        "Trooper wounded - KSLA News 12",
        "NewsChannel 9 reports a teen was shot near the school.",
        "Three separate rural hunting accidents left three injured.",
        "5 hurt in 2 downtown nightclub shootings, suspect held",
        "Photo: Courtesy Image 1 of / 44 Caption Close",
    ],
)
def test_a_tally_of_many_shootings_or_a_station_number_is_no_toll(text):
    # issue 17, GVA training part: roundup figures ("10 killed in separate shootings") became one event's toll
    assert _tolls(text) == []


def test_a_toll_in_the_years_deadliest_shooting_still_counts():
    assert _tolls("Two men were killed in the deadliest shooting this year.") == [("killed", 2)]
    assert _tolls("Two men died in one of the region's worst mass shootings.") == [("killed", 2)]


def test_a_written_shot_dead_is_killed():
    assert _tolls("Five family members found shot dead in Vermont farmhouse: sheriff") == [("killed", 5)]
    assert _tolls("Three people were shot to death on Sunday.") == [("killed", 3)]


def test_one_of_the_victims_is_a_group_of_the_toll():
    # "3 women, 1 man shot": the man is one of those shot, not the whole figure
    # (the groups listed with a comma add up to the whole: four shot)
    hits = find_counts("Police: 3 women, 1 man shot in Akron")
    assert [(h.kind, h.value, h.who) for h in hits] == [("shot", 4, None), ("shot", 3, "women"), ("shot", 1, "man")]
    [h] = find_counts("1 person killed.")
    assert h.who is None


def test_a_parent_of_children_is_no_count_of_victims():
    # issue 17: "a father of three was shot" counted three shot
    assert _tolls("A 31-year-old father of four was shot and killed outside the store.") == []
    assert _tolls("The mother of two young boys was wounded in the leg.") == []
    assert _tolls("Two people were shot and killed; a father of 3 was wounded.") == [("shot", 2)]


def test_the_hospitalized_of_a_shooting_are_injured():
    assert _tolls("2 dead, 4 hospitalized after shooting at a cookout") == [("injured", 4), ("killed", 2)]


def test_a_footnote_mark_is_no_toll():
    assert _tolls("Nine people were killed.[14] The gunman fled.") == [("killed", 9)]


def test_a_distance_joined_by_a_hyphen_is_no_toll():
    # a page may break "30-mile" after its hyphen
    assert _tolls("He fled along a 30- mile route and wounded nobody.") == []
    assert _tolls("A 12-mile chase ended on the bridge.") == []


@pytest.mark.parametrize(
    "text",
    [
        "Five wounded in Riverton shootings.",
        "Seven people were wounded in shootings on Sunday.",
        "Ninety percent of those 40 victims were shot downtown.",
    ],
)
def test_tallies_of_several_shootings_are_no_toll(text):
    assert _tolls(text) == []
