"""Cues that pick the incident's town: the broadcaster's side of the Mississippi, a resident's town, a
neighbourhood told as one. Invented stories."""

from __future__ import annotations

import pytest

from eventledger.extract import extract_text
from eventledger.knowledge.gazetteer import Gazetteer, river_side
from eventledger.records import DateValue

PUBLISHED = DateValue("2016-07-19", "day")


def _attack_places(doc):
    return {(r.place.name, r.place.city, r.place.admin1) for r in doc.reports if r.meta.get("family") == "attack"}


@pytest.mark.parametrize(
    "url, text, side",
    [
        ("http://www.wxyz.com/story/1", "", "W"),
        ("http://kxyz5.com:80/news/a", "", "K"),
        ("http://www.wabctv.com/a", "", "W"),
        ("http://www.example.com/a", "Title\n\nSPRINGTOWN (KQRS 7) \u2013 Police said", "K"),
        ("http://www.wxyz.com/a", "Title\n\nSPRINGTOWN (KQRS) - Police said", None),  # they disagree
        ("http://www.wsj.com/a", "", None),  # three letters alone are no call sign
        ("http://www.wordsmith.com/a", "The war (WWII) ended.", None),
    ],
)
def test_call_side(url, text, side):
    assert Gazetteer.call_side(url, text) == side


def test_river_side():
    assert river_side(38.63, -90.0) == "W"  # across the river from St. Louis
    assert river_side(38.63, -90.5) == "K"
    assert river_side(33.0, -117.0) == "K" and river_side(40.7, -74.0) == "W"


def test_a_stations_side_picks_the_namesake():
    text = "Teen hit by gunfire in Danville\n\nOfficers in Danville are searching for a man who shot at a parked car."
    east = extract_text(text, published=PUBLISHED, url="http://wxyz.com/2016/07/19/danville-teen-hit/")
    west = extract_text(text, published=PUBLISHED, url="http://kxyz.com/2016/07/19/danville-teen-hit/")
    assert {a for _, _, a in _attack_places(east)} <= {"Virginia", "Kentucky", "Illinois"}
    assert {a for _, _, a in _attack_places(west)} == {"California"}


def test_the_town_of_the_shooting_before_the_residents_town():
    doc = extract_text("Springfield man dies in Peoria shooting", published=PUBLISHED)
    assert {c for _, c, _ in _attack_places(doc)} == {"Peoria"}


def test_a_neighbourhood_is_part_of_the_city_named():
    text = "Man shot in Tremont\n\nA man was shot Monday in Cleveland's Tremont neighborhood, Cleveland police said."
    doc = extract_text(text, published=PUBLISHED)
    assert {(n, c) for n, c, _ in _attack_places(doc)} == {("Tremont", "Cleveland")}


def test_a_word_that_is_a_town_is_the_town_in_a_us_broadcasters_story():
    text = "Four hurt in shooting at a theater in Mobile\n\nMobile police said four people were hurt late Friday."
    doc = extract_text(text, published=PUBLISHED, url="http://wxyz.com/2016/07/19/theater-shooting/")
    assert {(c, a) for _, c, a in _attack_places(doc)} == {("Mobile", "Alabama")}


def test_a_us_broadcasters_story_is_of_the_us_before_the_namesakes_abroad_of_its_names():
    # "Antioch" alone is the Turkish city and "Metro" a town of Indonesia, "Turbo" one of Colombia: none of those
    # countries is named, so the words stay words and the station's story keeps its US town
    text = (
        "Two hurt in shooting after chase in Antioch\n\nMetro police said two men were shot in Antioch on "
        "Friday after a chase. A police dog, Turbo, found one of them in the woods."
    )
    doc = extract_text(text, published=PUBLISHED, url="http://www.wxyz.com/story/1/antioch-shooting")
    assert {(r.place.city, r.place.country) for r in doc.reports} <= {("Antioch", "US")}


def test_a_town_that_opens_a_headline_is_the_town_with_a_resident_after_it_when_no_other_place_is_named():
    doc = extract_text("Medford man charged in shooting death of friend\n\nSubscribe to read.", published=PUBLISHED)
    assert {(c, a) for _, c, a in _attack_places(doc)} == {("Medford", "Oregon")}
    # where the story names another place, the resident's town is only where he lives
    text = (
        "Medford man hurt while hunting\n\nASHLAND, Ore. (AP) -- A 40-year-old hunter was shot in the leg Sunday "
        "when his rifle fell from a tree stand, deputies said."
    )
    doc = extract_text(text, published=PUBLISHED)
    assert {c for _, c, _ in _attack_places(doc)} == {"Ashland"}


def test_a_stop_listed_name_of_a_sizeable_us_town_is_the_town_after_a_locative():
    doc = extract_text("Gun violence in Columbus: 6 shot in one week\n\nSign up today.", published=PUBLISHED)
    assert {(c, a) for _, c, a in _attack_places(doc)} == {("Columbus", "Ohio")}
    doc = extract_text("Man shot in the arm in Gary's west side\n\nSubscribe now.", published=PUBLISHED)
    assert not {c for _, c, _ in _attack_places(doc)} & {"Gary"}  # a possessive: whose, not where


@pytest.mark.parametrize("town, state", [("Columbus", "Ohio"), ("Gary", "Indiana")])
def test_a_stop_listed_town_before_police_is_the_town_a_locative_names_in_the_story(town, state):
    text = (
        f"{town} police: Man shot in leg during robbery\n\nA man was shot in the leg Tuesday night during a "
        f"robbery in east {town}."
    )
    doc = extract_text(text, published=PUBLISHED)
    assert {(c, a) for _, c, a in _attack_places(doc)} == {(town, state)}


def test_a_stop_listed_word_before_a_place_word_stays_a_word_in_a_story_that_names_no_country():
    text = "Man shot outside hall\n\nUnion officials said a man was shot outside the hall on Tuesday."
    doc = extract_text(text, published=PUBLISHED)
    assert not {c for _, c, _ in _attack_places(doc)} & {"Union"}


def test_a_persons_surname_does_not_choose_among_namesakes():
    # "Jordan" is a town of Montana too; as the suspect's surname it says nothing of where Wolf Creek is
    bare = "Man shot in Wolf Creek\n\nA man was shot in Wolf Creek on Sunday, deputies said."
    named = bare + " The suspect, Mark Jordan, 25, was arrested on Monday."
    alone = _attack_places(extract_text(bare, published=PUBLISHED))
    assert _attack_places(extract_text(named, published=PUBLISHED)) == alone


def test_a_states_name_ranks_as_the_state_not_as_a_small_town_of_that_name():
    # towns elsewhere are called Nevada too: the headline's place is still the state the accident was in
    doc = extract_text("Nevada man killed in Utah hunting accident", published=PUBLISHED)
    assert {(r.place.name, r.place.precision) for r in doc.reports if r.place} == {("Utah", "admin1")}


def test_a_name_no_place_of_the_storys_one_state_bears_is_a_place_of_that_state():
    # every Brookside the gazetteer knows is a small town of another state: the story of a Texas county's
    # deputies tells one of Texas the gazetteer lacks
    text = "Man shot in Brookside\n\nA man was shot in Brookside on Friday, the Lubbock County Sheriff's Office said."
    assert {a for _, _, a in _attack_places(extract_text(text, published=PUBLISHED))} == {"Texas"}


def test_a_namesake_only_the_stations_side_chose_is_still_a_guess():
    # the side of the river moves "Danville" off its biggest namesake, but nothing the story names told which of
    # the eastern ones it is: a guess another story of the outlet may correct (resolve.places)
    text = "Teen hit by gunfire in Danville\n\nOfficers in Danville are searching for a man who shot at a parked car."
    doc = extract_text(text, published=PUBLISHED, url="http://wxyz.com/2016/07/19/danville-teen-hit/")
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all(r.meta.get("place_guess") for r in attacks)


def test_a_web_addresss_section_names_the_outlets_state():
    # Danville alone is several states' town; an outlet filing the story under its state's section says which
    text = "Teen hit by gunfire in Danville\n\nOfficers in Danville are searching for a man who shot at a car."
    filed = extract_text(text, published=PUBLISHED, url="http://www.example.com/news/local/kentucky/teen-hit")
    assert {a for _, _, a in _attack_places(filed)} == {"Kentucky"}
    # the story's own slug is its headline, which may name a street or a namesake, not the outlet's state
    slug = extract_text(text, published=PUBLISHED, url="http://www.example.com/news/kentucky-avenue-teen-hit")
    assert {a for _, _, a in _attack_places(slug)} != {"Kentucky"}


def test_how_a_story_moved_a_town_off_its_biggest_namesake_is_told_apart():
    # the state named in words moves a bare "Stockton" to Illinois ("named"); a store's name read as a town near
    # a small namesake moves it as well, less surely ("context": a local outlet's home may outweigh it)
    def how(text):
        doc = extract_text(text, published=PUBLISHED)
        return {(r.place.admin1, r.meta.get("place_state")) for r in doc.reports if r.meta.get("family") == "attack"}

    head = "Man shot in Stockton\n\nA man was shot in Stockton on Friday"
    assert how(head + ", Illinois State Police said.") == {("Illinois", "named")}
    assert how(head + " outside the Madison Market, police said.") == {("Illinois", "context")}
