"""The event's place chosen from its reports' places (resolve/event.py event_place)."""

from __future__ import annotations

from eventledger.resolve.event import event_place
from eventledger.resolve.sources import View


def _view(rid: str, name: str, admin1: str, quote: str) -> View:
    place = {
        "name": name,
        "city": name,
        "admin1": admin1,
        "country": "US",
        "precision": "city",
        "evidence": {"text": quote},
    }
    return View({"id": rid, "place": place}, "outlet", "outlet", None, False, False)


def test_a_town_told_with_its_state_outranks_namesakes_told_more_often():
    # GVA train: "Lexington" alone resolved to North Carolina three times; "LEXINGTON, SC" says which
    vs = [_view(f"r{i}", "Lexington", "North Carolina", "Lexington") for i in range(3)]
    vs.append(_view("r9", "Lexington", "South Carolina", "LEXINGTON, SC"))
    assert event_place(vs)["admin1"] == "South Carolina"


def test_among_places_told_alike_the_one_more_reports_tell_wins():
    vs = [
        _view("r1", "Shelton", "Washington", "Shelton"),
        *(_view(f"r{i}", "Belfair", "Washington", "Belfair") for i in (2, 3)),
    ]
    assert event_place(vs)["name"] == "Belfair"


def test_among_places_told_as_often_the_one_sentences_name_wins():
    # GVA 289146: "CLEVELAND (AP) --", a dateline standing in for a sentence that names no
    # place, against "Warrensville Heights" named in its own sentence
    def view(rid, name, at, sentence_at):
        v = _view(rid, name, "Ohio", name)
        v.report["place"]["evidence"].update(document="d", start=at, end=at + len(name))
        v.report["evidence"] = {"document": "d", "start": sentence_at, "end": sentence_at + 100}
        return v

    vs = [view("r1", "Cleveland", 0, 200), view("r2", "Warrensville Heights", 300, 280)]
    assert event_place(vs)["name"] == "Warrensville Heights"


def test_among_places_told_alike_the_one_told_earliest_in_its_document_wins():
    # GVA 633604: the headline's "Porterville" before a link further down the page to a story in Fresno
    def view(rid, name, at):
        v = _view(rid, name, "California", name)
        v.report["evidence"] = {"document": "d", "start": at, "end": at + 60}
        return v

    assert event_place([view("r1", "Fresno", 193), view("r2", "Porterville", 0)])["name"] == "Porterville"


def test_a_town_told_with_its_state_does_not_outrank_another_town_more_reports_tell():
    # GVA 512073: the dateline "SHELTON, Wash." once, "Belfair" in two headlines
    vs = [
        _view("r1", "Shelton", "Washington", "SHELTON, Wash."),
        *(_view(f"r{i}", "Belfair", "Washington", "Belfair") for i in (2, 3)),
    ]
    assert event_place(vs)["name"] == "Belfair"


def test_a_part_of_a_city_one_report_tells_as_a_town_is_still_that_part():
    # a neighbourhood one story tells beside its city, another alone: the event's city is the city
    vs = [_view(f"r{i}", "Maple Hollow", "New York", "Maple Hollow") for i in range(3)]
    vs.append(_view("r9", "Maple Hollow", "New York", "Maple Hollow"))
    vs[-1].report["place"]["city"] = "Brooklyn"
    place = event_place(vs)
    assert (place["name"], place["city"]) == ("Maple Hollow", "Brooklyn")
    assert len(place["values"]) == 1 and len(place["values"][0]["reports"]) == 4


def test_a_bare_namesake_in_another_state_joins_the_part_of_a_city():
    # three stories resolve a bare "Maple Hollow" to a town of another state; one tells it as a part of the city
    vs = [_view(f"r{i}", "Maple Hollow", "Minnesota", "Maple Hollow") for i in range(3)]
    vs.append(_view("r9", "Maple Hollow", "Illinois", "Maple Hollow"))
    vs[-1].report["place"]["city"] = "Chicago"
    place = event_place(vs)
    assert (place["name"], place["city"], place["admin1"]) == ("Maple Hollow", "Chicago", "Illinois")


def test_a_namesake_told_with_its_state_does_not_join_the_part():
    vs = [_view(f"r{i}", "Maple Hollow", "Minnesota", "Maple Hollow, Minn.") for i in range(3)]
    vs.append(_view("r9", "Maple Hollow", "Illinois", "Maple Hollow"))
    vs[-1].report["place"]["city"] = "Chicago"
    assert event_place(vs)["admin1"] == "Minnesota"


def test_a_town_a_sentence_names_outranks_a_dateline_told_with_its_state():
    # "OAKVALE, Ore. (KXYZ) - A man was shot ..." stands in for a sentence that names no place; another story's
    # headline names the scene ("Pine Ridge police investigate shooting"): the scene, not the outlet's town
    def view(rid, name, quote, at, sentence_at):
        v = _view(rid, name, "Oregon", quote)
        v.report["place"]["evidence"].update(document=rid, start=at, end=at + len(quote))
        v.report["evidence"] = {"document": rid, "start": sentence_at, "end": sentence_at + 80}
        return v

    vs = [view("r1", "Oakvale", "OAKVALE, Ore.", 0, 30), view("r2", "Pine Ridge", "Pine Ridge", 0, 0)]
    assert event_place(vs)["name"] == "Pine Ridge"


def test_a_dateline_many_sentences_fall_back_on_does_not_outrank_the_scene_a_sentence_names():
    # one story's "OAKVALE, Ore. (KXYZ) -" stands in for three of its sentences that name no place; another
    # story's headline names the scene once
    def view(rid, doc, name, quote, sentence_at):
        v = _view(rid, name, "Oregon", quote)
        v.report["document"] = doc
        v.report["place"]["evidence"].update(document=doc, start=0, end=len(quote))
        v.report["evidence"] = {"document": doc, "start": sentence_at, "end": sentence_at + 80}
        return v

    vs = [view(f"r{i}", "d1", "Oakvale", "OAKVALE, Ore.", 30 + 100 * i) for i in range(3)]
    vs.append(view("s1", "d2", "Pine Ridge", "Pine Ridge", 0))
    assert event_place(vs)["name"] == "Pine Ridge"


def test_a_town_of_another_state_does_not_outrank_the_dateline():
    # "OAKVALE, Ore. (KXYZ) -" and a headline naming where the victim lived, in another state
    def view(rid, name, admin1, quote, sentence_at):
        v = _view(rid, name, admin1, quote)
        v.report["place"]["evidence"].update(document=rid, start=0, end=len(quote))
        v.report["evidence"] = {"document": rid, "start": sentence_at, "end": sentence_at + 80}
        return v

    vs = [view("r1", "Oakvale", "Oregon", "OAKVALE, Ore.", 30), view("r2", "Lakeport", "Washington", "Lakeport", 0)]
    assert event_place(vs)["name"] == "Oakvale"


def test_a_town_more_stories_tell_outranks_one_a_single_page_tells_often():
    # one page's photo captions name a town five times; three other stories name the scene once each
    def view(rid, name, doc):
        v = _view(rid, name, "Ohio", name)
        v.report["document"] = doc
        return v

    vs = [view(f"c{i}", "Elm Falls", "gallery") for i in range(5)]
    vs += [view(f"s{i}", "Cedar Bend", f"story{i}") for i in range(3)]
    assert event_place(vs)["name"] == "Cedar Bend"


def _told(rid: str, name: str, admin1: str, how: str | None) -> View:
    v = _view(rid, name, admin1, name)
    if how:
        v.report["meta"] = {"place_state": how}
    return v


def test_among_namesakes_the_one_a_story_told_the_state_of_wins():
    # a bare "Ashbury" that resolved alone to its bigger namesake, twice, against one whose story named it with
    # its state elsewhere ("ASHBURY, Ore.") or whose other places moved the choice
    vs = [_told("r1", "Ashbury", "Idaho", None), _told("r2", "Ashbury", "Idaho", None)]
    assert event_place([*vs, _told("r3", "Ashbury", "Oregon", "qualified")])["admin1"] == "Oregon"
    assert event_place([*vs, _told("r3", "Ashbury", "Oregon", "context")])["admin1"] == "Oregon"
    assert event_place([*vs, _told("r3", "Ashbury", "Oregon", None)])["admin1"] == "Idaho"


def test_how_a_state_was_told_does_not_rank_towns_of_other_names():
    vs = [_told("r1", "Ashbury", "Idaho", None), _told("r2", "Ashbury", "Idaho", None)]
    assert event_place([*vs, _told("r3", "Millgrove", "Idaho", "qualified")])["name"] == "Ashbury"


def test_a_bare_namesake_no_place_of_the_big_citys_state_bears_is_a_part_of_that_city():
    # two stories: "shot on Pine Ridge" (Florida by size: a guess); another names Denver, where no Pine Ridge lies
    vs = [_view(f"r{i}", "Pine Ridge", "Florida", "Pine Ridge") for i in (1, 2)]
    vs.append(_view("r3", "Denver", "Colorado", "Denver police"))
    place = event_place(vs)
    assert (place["name"], place["city"], place["admin1"]) == ("Pine Ridge", "Denver", "Colorado")


def test_a_namesake_whose_state_was_told_does_not_join_the_big_city():
    vs = [_view(f"r{i}", "Pine Ridge", "Florida", "Pine Ridge, Fla.") for i in (1, 2)]
    vs.append(_view("r3", "Denver", "Colorado", "Denver police"))
    assert event_place(vs)["admin1"] == "Florida"
    # nor a name only one state's towns bear: that town, wherever the other story was filed
    vs = [_view(f"r{i}", "Maple Heights", "Ohio", "Maple Heights") for i in (1, 2)]
    vs.append(_view("r3", "Denver", "Colorado", "Denver police"))
    assert event_place(vs)["admin1"] == "Ohio"


def test_a_guessed_namesake_is_the_one_in_its_outlets_home_state():
    # "Pine Ridge" alone, nothing in its story to tell which: Florida's by size; the outlet's other stories are
    # of South Dakota, where a Pine Ridge lies
    from eventledger.resolve.places import outlet_states

    guess = _view("r1", "Pine Ridge", "Florida", "Pine Ridge")
    guess.report["meta"] = {"place_guess": True}
    others = [_view(f"r{i}", "Rapid City", "South Dakota", "Rapid City") for i in (2, 3)]
    for i, v in enumerate(others):
        v.report["document"] = f"d{i}"
    homes = outlet_states([("outlet", v.report) for v in (guess, *others)])
    assert homes == {"outlet": "South Dakota"}
    assert event_place([guess], homes)["admin1"] == "South Dakota"
    told = _view("r1", "Pine Ridge", "Florida", "Pine Ridge")  # a namesake its story's context chose stays
    assert event_place([told], homes)["admin1"] == "Florida"


def test_a_guessed_namesake_is_the_one_near_its_outlets_area_across_a_state_line():
    # "Florence" alone: Alabama's by size; the outlet's other stories lie around Cincinnati, Ohio (its home
    # state), and the Florence across the river in Kentucky is the one near them
    from eventledger.resolve.places import outlet_areas, outlet_states

    guess = _view("r1", "Florence", "Alabama", "Florence")
    guess.report["meta"] = {"place_guess": True}
    guess.report["place"].update(lat=34.79981, lon=-87.67725)
    others = [
        _view("r2", "Cincinnati", "Ohio", "Cincinnati"),
        _view("r3", "Hamilton", "Ohio", "Hamilton"),
        _view("r4", "Covington", "Kentucky", "Covington"),
    ]
    for i, (v, (lat, lon)) in enumerate(zip(others, ((39.127, -84.514), (39.400, -84.561), (39.084, -84.509)))):
        v.report["document"] = f"d{i}"
        v.report["place"].update(lat=lat, lon=lon)
    told = [("outlet", v.report) for v in (guess, *others)]
    homes, areas = outlet_states(told), outlet_areas(told)
    assert homes == {"outlet": "Ohio"} and areas == {"outlet": (39.127, -84.514)}
    assert event_place([guess], homes, areas)["admin1"] == "Kentucky"
    told_ = _view("r1", "Florence", "Alabama", "Florence")  # a namesake its story's context chose stays
    told_.report["place"].update(lat=34.79981, lon=-87.67725)
    assert event_place([told_], homes, areas)["admin1"] == "Alabama"


def test_an_outlet_whose_stories_lie_far_apart_has_no_area():
    from eventledger.resolve.places import outlet_areas

    vs = [_view("r1", "Cincinnati", "Ohio", "Cincinnati"), _view("r2", "Covington", "Washington", "Covington")]
    for i, (v, (lat, lon)) in enumerate(zip(vs, ((39.127, -84.514), (47.358, -122.122)))):
        v.report["document"] = f"d{i}"
        v.report["place"].update(lat=lat, lon=lon)
    assert outlet_areas([("outlet", v.report) for v in vs]) == {}


def test_a_county_borrows_no_city_from_a_namesake_in_another_state():
    # a county of two states' names, told in Georgia twice and once as another state's county with its town: the
    # event is the Georgia county, with no city of the other state
    def county(rid, admin1, city):
        v = _view(rid, "Elm County", admin1, "Elm County")
        v.report["place"].update(city=city, precision="admin2")
        return v

    place = event_place([county("r1", "Georgia", None), county("r2", "Georgia", None), county("r3", "Iowa", "Elm")])
    assert (place["name"], place["admin1"], place["city"]) == ("Elm County", "Georgia", None)


def _in_doc(rid: str, doc: str, name: str, city: str, admin1: str = "Illinois") -> View:
    v = _view(rid, name, admin1, name)
    v.report["place"]["city"] = city
    v.report["document"] = doc
    return v


def test_stories_that_tell_a_city_and_a_part_of_it_count_together():
    # one story tells "Maple Hollow" of Chicago, another Chicago itself; a third, twice over, a town of its own
    vs = [
        _in_doc("r1", "d1", "Maple Hollow", "Chicago"),
        _in_doc("r2", "d2", "Chicago", "Chicago"),
        _in_doc("r3", "d3", "Cedar Falls", "Cedar Falls"),
        _in_doc("r4", "d3", "Cedar Falls", "Cedar Falls"),
    ]
    assert event_place(vs)["city"] == "Chicago"


def test_a_part_of_a_city_outranks_the_city_told_alone():
    # three stories say only "Queens"; one tells the neighbourhood of Queens it was in: the finer place
    vs = [_in_doc(f"r{i}", f"d{i}", "Queens", "Queens", "New York") for i in range(3)]
    vs.append(_in_doc("r9", "d9", "Rockwood Point", "Queens", "New York"))
    place = event_place(vs)
    assert (place["name"], place["city"]) == ("Rockwood Point", "Queens")


def test_stories_that_tell_a_county_count_for_the_town_in_it():
    # two stories name only "Elm County"; one names a town in it, one a town elsewhere in the state
    vs = [_view(f"r{i}", "Elm County", "Georgia", "Elm County") for i in (1, 2)]
    for i, v in enumerate(vs):
        v.report["place"].update(city=None, precision="admin2")
        v.report["document"] = f"d{i}"
    vs.append(_in_doc("r3", "d3", "Willowby", "Willowby", "Georgia"))
    vs.append(_in_doc("r4", "d4", "Birchwood", "Birchwood", "Georgia"))
    vs[2].report["place"]["admin2"] = "Elm County"
    vs[3].report["place"]["admin2"] = "Oak County"
    assert event_place(vs)["name"] == "Willowby"


def test_a_town_of_the_web_address_in_the_county_the_text_tells_is_the_place():
    # the text says "Elm County deputies"; the station's address names its town, which lies in Elm County
    county = _view("r1", "Elm County", "Georgia", "Elm County")
    county.report["place"].update(city=None, precision="admin2")
    town = _in_doc("r2", "d2", "Ashford", "Ashford", "Georgia")
    town.report["place"]["admin2"] = "Elm County"
    town.report["meta"] = {"place_from": "url"}
    assert event_place([county, town])["name"] == "Ashford"
    town.report["place"]["admin2"] = "Oak County"  # a town of another county is no place the text tells
    assert event_place([county, town])["name"] == "Elm County"


def test_of_two_towns_told_alike_the_one_in_the_local_outlets_home_state_wins():
    # a story of a shooting in a Georgia town that also names where the victim came from, across the state line;
    # the outlet's other stories are Georgia's, so its home town is the likelier scene of the two
    def view(rid, name, admin1, at):
        v = _view(rid, name, admin1, name)
        v.report["evidence"] = {"document": "d", "start": at, "end": at + 60}
        return v

    vs = [view("r1", "Phenix City", "Alabama", 0), view("r2", "Columbus", "Georgia", 80)]
    assert event_place(vs)["name"] == "Phenix City"  # told first, nothing else to tell them apart
    assert event_place(vs, {"outlet": "Georgia"})["name"] == "Columbus"
    # the home decides between states only: two towns of the home state keep their order
    same = [view("r1", "Fortson", "Georgia", 0), view("r2", "Columbus", "Georgia", 80)]
    assert event_place(same, {"outlet": "Georgia"})["name"] == "Fortson"


def _guess(rid: str, name: str, admin1: str) -> View:
    v = _view(rid, name, admin1, name)
    v.report["meta"] = {"place_guess": True}
    v.report["document"] = f"d{rid}"
    return v


def test_a_bare_town_no_namesake_of_which_lies_in_the_outlets_home_is_kept_in_that_home():
    # "shot near Maple Heights" alone in an Oregon outlet's story, nothing else in it to tell which: the only
    # Maple Heights the gazetteer knows is a small town of Ohio, none in Oregon; the outlet's readers know no far
    # town by its bare name, so it is a place of the home the gazetteer lacks (a neighbourhood, a hamlet)
    homes = {"outlet": "Oregon"}
    place = event_place([_guess("r1", "Maple Heights", "Ohio")], homes)
    assert (place["name"], place["admin1"], place["lat"]) == ("Maple Heights", "Oregon", None)
    assert event_place([_guess("r1", "Maple Heights", "Ohio")])["admin1"] == "Ohio"  # no home learnt: the town
    # a town its story placed (no guess) stays, and so does a big city's name ("Denver" is Colorado's)
    assert event_place([_view("r1", "Maple Heights", "Ohio", "Maple Heights")], homes)["admin1"] == "Ohio"
    assert event_place([_guess("r1", "Denver", "Colorado")], homes)["admin1"] == "Colorado"


def test_a_bare_town_far_from_its_outlets_home_ranks_after_any_place_told():
    # two of the Oregon outlet's stories name only that stray "Maple Heights"; a third story names Salem, or a
    # county, told of the event: the place told is the event's, though fewer stories tell it
    homes = {"outlet": "Oregon"}
    strays = [_guess("r1", "Maple Heights", "Ohio"), _guess("r2", "Maple Heights", "Ohio")]
    salem = _view("r3", "Salem", "Oregon", "Salem")
    salem.report["document"] = "d3"
    assert event_place([*strays, salem], homes)["name"] == "Salem"
    county = _view("r3", "Elm County", "Idaho", "Elm County")
    county.report["place"].update(city=None, precision="admin2")
    assert event_place([*strays, county], homes)["name"] == "Elm County"
    assert event_place([*strays, county])["name"] == "Maple Heights"  # no home: the finer place


def test_a_town_its_story_placed_by_a_name_near_it_yields_to_the_big_city_of_its_outlets_home():
    # a California outlet's story: "shots outside the Pine Market in Stockton"; "Pine" read as a town moved the
    # bare "Stockton" to the small namesake near one in Illinois (meta place_state "context"). The outlet's home
    # holds a Stockton of 300,000 people, the one its readers know by the bare name
    homes = {"outlet": "California"}
    v = _view("r1", "Stockton", "Illinois", "Stockton")
    v.report["meta"] = {"place_state": "context"}
    assert event_place([v], homes)["admin1"] == "California"
    assert event_place([v])["admin1"] == "Illinois"  # no home learnt
    # not a town whose state its story told, nor one whose namesake in the home is a small town (Virginia's Salem)
    for told in ("qualified", "named"):
        v.report["meta"] = {"place_state": told}
        assert event_place([v], homes)["admin1"] == "Illinois"
    salem = _view("r1", "Salem", "Massachusetts", "Salem")
    salem.report["meta"] = {"place_state": "context"}
    assert event_place([salem], {"outlet": "Virginia"})["admin1"] == "Massachusetts"


def test_a_bare_town_far_from_a_city_outlets_home_is_a_part_of_its_city():
    # an Oregon outlet whose stories are mostly of Portland, a city of 600,000, names "Maple Heights" bare, and
    # the only Maple Heights lies in Ohio: a neighbourhood of Portland its readers know by that name, placed at
    # the city's coordinates
    from eventledger.resolve.places import outlet_cities

    told = []
    for i, name in enumerate(("Portland", "Portland", "Salem")):
        v = _view(f"t{i}", name, "Oregon", name)
        v.report["document"] = f"t{i}"
        told.append(("outlet", v.report))
    cities = outlet_cities(told, {"outlet": "Oregon"})
    assert set(cities) == {"outlet"} and cities["outlet"]["city"] == "Portland"
    homes = {"outlet": "Oregon"}
    place = event_place([_guess("r1", "Maple Heights", "Ohio")], homes, None, cities)
    assert (place["name"], place["city"], place["admin1"]) == ("Maple Heights", "Portland", "Oregon")
    assert place["lat"] is not None
    # a stray put in the city is no story of the city: a town told elsewhere still outranks the city told less
    strays = [_guess("r1", "Maple Heights", "Ohio"), _guess("r2", "Maple Heights", "Ohio")]
    gresham, portland = _view("r3", "Gresham", "Oregon", "Gresham"), _view("r4", "Portland", "Oregon", "Portland")
    gresham.report["document"], portland.report["document"] = "d3", "d4"
    gresham2 = _view("r5", "Gresham", "Oregon", "Gresham")
    gresham2.report["document"] = "d5"
    assert event_place([*strays, gresham, gresham2, portland], homes, None, cities)["name"] == "Gresham"
    # an outlet whose stories are of no one big city has none
    assert outlet_cities(told[2:], {"outlet": "Oregon"}) == {}
