"""Place policy over whole articles: the document's context decides which of several places of one name."""

from __future__ import annotations

import pytest

from eventledger.extract import extract_text
from eventledger.records import DateValue

PUBLISHED = DateValue("2016-07-19", "day")


@pytest.mark.parametrize(
    "text, city, admin1",
    [
        (
            "Man killed in Smyrna shooting\n\nSMYRNA, Tenn. -- A man was shot and killed early Sunday.",
            "Smyrna",
            "Tennessee",
        ),
        (
            "Two shot in Brookhaven\n\nTwo men were shot Saturday night in Brookhaven, Miss., police said.",
            "Brookhaven",
            "Mississippi",
        ),
        # the state named elsewhere in the article decides ("Brookhaven" alone is the bigger one, in Georgia)
        (
            "A woman was fatally shot Saturday in Brookhaven. The Mississippi Bureau of Investigation joined in.",
            "Brookhaven",
            "Mississippi",
        ),
    ],
)
def test_the_state_the_article_names_decides(text, city, admin1):
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.city, r.place.admin1) == (city, admin1) for r in attacks)


def test_a_street_named_after_a_state_is_not_the_state():
    doc = extract_text(
        "Police identify Maryland Drive murder victims\n\nALBANY, Ga. -- Two men were shot and "
        "killed Saturday at a home on Maryland Drive.",
        published=PUBLISHED,
    )
    places = {(r.place.name, r.place.admin1) for r in doc.reports if r.meta.get("family") == "attack"}
    assert places == {("Albany", "Georgia")}


def test_a_headline_without_a_place_takes_the_place_below():
    doc = extract_text(
        "Shooting Leaves Two Hurt\n\nSomeone fired several rounds, sending two people to the hospital."
        "\n\nIt happened late Thursday in the 900 block of West Kellam Lane in Peoria, "
        "Illinois.",
        published=PUBLISHED,
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Shooting Leaves"))
    assert (head.place.city, head.place.admin1) == ("Peoria", "Illinois")


def _attack_places(text):
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks
    return {(r.place.name, r.place.city, r.place.admin1, r.place.country) for r in attacks}


def test_a_county_is_the_county_and_names_its_state():
    # not Anson, Texas: "X County" is the county, with its state
    assert _attack_places("An Anson County man was shot and killed Saturday night.") == {
        ("Anson County", None, "North Carolina", "US")
    }


def test_the_outlets_tail_is_no_place_of_the_event():
    text = (
        "Teen wounded in Allamakee County - KRVL News 8 La Crosse, WI\n\n"
        "Deputies say a teenager was wounded by gunfire late Saturday in Allamakee County."
    )
    assert {p[0] for p in _attack_places(text)} == {"Allamakee County"}


def test_a_surname_is_no_place_in_its_story():
    text = (
        "Police said Dale Everett Burke opened fire on the family in Columbus, Ohio, on Sunday.\n\n"
        "Burke was hit by gunfire as well."
    )
    assert all(p[0] != "Burke" for p in _attack_places(text))


def test_a_state_shared_with_a_country_takes_the_sense_the_other_places_agree_with():
    text = "Ten people were shot at a club in west Georgia on Sunday. Suspects were arrested in LaGrange and Atlanta."
    assert all(p[3] == "US" for p in _attack_places(text))


def test_a_part_of_a_city_is_that_city():
    text = (
        "PHILADELPHIA (WPXR) — Officers say five people were wounded Monday afternoon when gunfire broke out in "
        "the Kensington section of Philadelphia."
    )
    assert {(p[1], p[2]) for p in _attack_places(text)} == {("Philadelphia", "Pennsylvania")}


def test_a_county_report_takes_the_town_the_story_names_in_its_state():
    # GVA 204192: a parish, then a home just north of the town Benton, is Benton, not the parish; the hospital
    # in Shreveport, a big city, is where the boy was taken
    places = _attack_places(
        "A boy, 8, died Saturday of a gunshot wound at his home in northern Bossier Parish. Deputies "
        "went to a house a few miles north of Benton. The child was rushed to a hospital in Shreveport."
    )
    assert ("Benton", "Benton", "Louisiana", "US") in places
    assert not any(p[0] == "Bossier Parish" for p in places)


def test_a_county_report_takes_the_town_in_its_state_not_the_towns_big_namesake():
    # GVA 458986: "Lowell" alone is Lowell, Massachusetts; it must not vouch for itself as a town nearby
    places = _attack_places(
        "Boy, 14, accidentally shoots himself in the foot\n\nWashington County deputies are looking into "
        "a shooting in Lowell.\n\nOhio DNR officers also came out."
    )
    assert ("Lowell", "Lowell", "Ohio", "US") in places


def test_a_town_only_one_state_has_is_no_part_of_a_big_city_a_link_names():
    # GVA 674302: a related link about Austin, Texas does not make Aynor (South Carolina) a part of Austin
    places = _attack_places("Teen killed in Aynor; second teen charged\nAustin police detain coach after traffic stop")
    assert ("Aynor", "Aynor", "South Carolina", "US") in places


def test_a_state_report_takes_the_town_of_the_county_the_story_names_most():
    # GVA 431806: West Virginia -> Kanawha County (named twice, as the dateline's Charleston is) -> Cedar Grove
    places = _attack_places(
        "Woman shot by toddler, hospitalized in West Virginia\n\nCHARLESTON, W.Va. (AP) - A Kanawha County woman "
        "is in hospital after a toddler shot her, police say.\n\nA Kanawha County deputy said they were called to a "
        "home in Cedar Grove on Friday. She is being treated at a Charleston hospital."
    )
    assert ("Cedar Grove", "Cedar Grove", "West Virginia", "US") in places


def test_a_headline_takes_the_town_below_the_dateline_the_story_says_it_happened_in():
    # GVA 783373: "EVANS, Ga." is where the story was filed; the shooting was in Grovetown
    places = _attack_places(
        "Teen shot dead at a friend's house\n\nEVANS, Ga. -- A teenager was killed overnight. Deputies say the "
        "17-year-old had gone to a house on Birch Lane in Grovetown."
    )
    assert ("Grovetown", "Grovetown", "Georgia", "US") in places
    assert not any(p[0] == "Evans" for p in places)


def test_a_word_that_is_a_town_abroad_is_the_word_in_a_story_that_names_no_country():
    # GVA 663026: "Metro police" are Nashville's, not those of Metro, Indonesia
    doc = extract_text(
        "Toddler shoots cousin by accident\n\nMetro police said a 2-year-old girl picked up a handgun at her "
        "grandmother's house and shot her 9-year-old cousin on Sunday.",
        published=PUBLISHED,
    )
    assert doc.reports and all(r.place.country != "ID" for r in doc.reports)


def test_a_bare_name_the_story_also_writes_as_a_county_is_the_county():
    # GVA 108112: "in Bartow" is Bartow County (not the small town Bartow), whose town the story names is Euharlee
    places = _attack_places(
        "Teen killed in officer-involved shooting in Bartow\n\nA 16-year-old died following an officer-involved "
        "shooting late Friday in Bartow County. Euharlee officers had been called to his house."
    )
    assert {p[0] for p in places} == {"Euharlee"}


def test_a_bare_name_of_the_town_its_namesake_county_holds_is_the_town():
    # Marion, Kansas lies in Marion County, as does the outlet's town: "a Marion boy" is of the town, not of the
    # county named after it (nor, the story naming no town but Marion, of the outlet's town)
    places = _attack_places_at(
        "Marion boy hurt by his father's rifle\n\nA 3-year-old Marion boy shot himself in the arm on Friday, "
        "Marion County Sheriff Jo Dale said. He was taken to a hospital in Wichita.",
        "https://www.peabodygazette.com/news/boy-hurt",
    )
    assert places == {("Marion", "Marion", "Kansas")}
    # "Marion county teen" (the county word in lower case) is the county's: the town below its dateline is told
    county = _attack_places_at(
        "Marion county teen dies while deer hunting\n\nFLORENCE, Kan. (KXYZ) -- Wardens say a boy of 14 who "
        "lived in Marion County was killed by a stray shotgun round on Thursday.",
        "https://www.kxyz.com/news/teen-dies",
    )
    assert ("Marion", "Marion", "Kansas") not in county and county


def test_a_bare_name_the_story_writes_as_a_county_with_its_state_is_that_county():
    # not the town Laurel of Maryland: the dateline names the county with its state
    places = _attack_places(
        "Laurel Sheriff: Man Shot During Fence Dispute - WXYZ.com | News\n\nLAUREL COUNTY, Ky. (WXYZ) -- Deputies "
        "said a man took a bullet in the leg Saturday during an argument over a fence."
    )
    assert {p[2] for p in places} == {"Kentucky"}


@pytest.mark.parametrize("phone, admin1", [("413-555-0142", "Massachusetts"), ("(217) 555-0142", "Illinois")])
def test_the_state_of_the_storys_phone_numbers_decides_among_namesakes(phone, admin1):
    # the number a local story gives is its police's or outlet's: its area code tells the state
    places = _attack_places(
        "Man shot in Springfield\n\nA man was shot Sunday night in Springfield, police said. Anyone with "
        f"information is asked to call {phone}."
    )
    assert {p[2] for p in places} == {admin1}


def test_counties_of_several_states_still_name_their_country():
    # GVA 226018: Williamson and Caldwell counties are in several states, all in the US: not Weir, India
    places = _attack_places(
        "Two killed, three injured in Weir party shooting\n\nTwo people were killed at a party in Weir, the "
        "Williamson County Sheriff's Office said. A Caldwell County man was arrested."
    )
    assert {(p[0], p[2], p[3]) for p in places} == {("Weir", "Texas", "US")}


def test_a_county_of_several_states_takes_the_state_of_the_other_places():
    # GVA 533821: "Smith County" is in four states; the outlet's home towns (context, never the event's place)
    # Longview and Jacksonville are both in Texas
    places = _attack_places(
        "Constable wounded at home - KEXT.com - Tyler, Longview, Jacksonville |East Texas News\n\nA woman faces "
        "charges in the shooting of a Smith County constable on Saturday."
    )
    assert {p[2] for p in places} == {"Texas"}


def test_a_part_of_a_big_city_the_gazetteer_does_not_know_is_that_city():
    # GVA 740661: Chicago's Austin is no town of Illinois; Austin, Texas is far from the story
    places = _attack_places(
        "Teen wounded in Austin\n\nCHICAGO (AP) -- Gunfire wounded a teenager in his arm late Tuesday in Austin on "
        "the West Side, according to Chicago police."
    )
    assert {(p[1], p[2]) for p in places} == {("Chicago", "Illinois")}


def test_a_part_of_a_city_of_some_300000_the_gazetteer_does_not_know_is_that_city():
    # Glenhaven is a town of California only: in a Tulsa story, a part of Tulsa
    places = _attack_places(
        "Man shot in Glenhaven\n\nTULSA, Okla. (WXYZ) -- A man was shot Sunday night in Glenhaven, Tulsa police said."
    )
    assert {(p[1], p[2]) for p in places} == {("Tulsa", "Oklahoma")}


def _past_fairfield(headline_town: str) -> str:
    """A story whose headline names `headline_town` and whose body puts Fairfield in (Ohio's) Butler County."""
    return (
        f"Deputies look into {headline_town} break-in\n\nA father killed his son and then himself, the sheriff "
        "said.\n\nIt happened on Friday at a farm a mile past Fairfield in Butler County.\n\n"
        "Inside the house, the boy, 4, was found shot dead."
    )


def test_a_big_citys_name_the_story_puts_in_a_county_elsewhere_takes_no_town_into_that_city():
    # Fairfield alone is the Californian city; beside Butler County it is the Ohio town, so the headline's Xenia
    # (no town of California) is no part of the Californian city: it stays the Ohio town
    places = _attack_places(_past_fairfield("Xenia"))
    assert ("Xenia", "Xenia", "Ohio", "US") in places
    assert not any(p[2] == "California" for p in places)


def test_a_town_named_with_its_county_is_the_namesake_there_for_the_towns_near_it():
    # Fairfield beside Butler County is the Ohio town, not the Californian city: the headline's Springfield is
    # then the one near it (Ohio), not the biggest (Missouri)
    places = _attack_places(_past_fairfield("Springfield"))
    assert ("Springfield", "Springfield", "Ohio", "US") in places
    assert {p[2] for p in places} == {"Ohio"}


def test_a_countys_bare_name_is_no_town_of_a_namesake_county_elsewhere():
    # "in Paulding" is Paulding County, Georgia (near Atlanta), written short: not the town of Paulding, which
    # lies in Ohio's Paulding County and would move the county there
    places = _attack_places(
        "Man hurt in Paulding County shooting\n\nPaulding County deputies said a man was shot in the arm late "
        "Sunday west of Atlanta.\n\nIt was the second shooting in Paulding this month."
    )
    assert ("Paulding County", None, "Georgia", "US") in places
    assert not any(p[2] == "Ohio" for p in places)


def test_a_town_in_a_dateline_is_a_place_of_its_own():
    # GVA 458718: "TAYLOR, Mich." is the town, whatever big city the story names besides
    places = _attack_places(
        "TAYLOR, Mich. -- A 6-year-old boy was wounded Thursday near a ballfield in Taylor. A relative staying "
        "at a hotel in Nashville said he learned of it by phone."
    )
    assert ("Taylor", "Michigan") in {(p[1], p[2]) for p in places}


@pytest.mark.parametrize(
    "sentence",
    [
        "The boy was taken to Riverside Memorial Hospital in Fort Wayne for treatment.",
        "The boy was shot and flown to Fort Wayne.",
        "The boy was shot and taken to a Fort Wayne hospital.",
    ],
)
def test_where_the_wounded_were_taken_is_no_place_of_the_shooting(sentence):
    # GVA 165423: the hunter was shot near Portland, Ind.; Fort Wayne is where the hospital is
    places = _attack_places(f"PORTLAND, Ind. -- A teen was accidentally shot while hunting deer. {sentence}")
    assert {(p[0], p[2]) for p in places} == {("Portland", "Indiana")}


def test_hostages_held_in_a_hospital_are_where_the_hospital_is():
    places = _attack_places("Gunmen seized hundreds of hostages in a hospital in Kabul on Monday.")
    assert {p[1] for p in places} == {"Kabul"}


def test_a_name_only_a_town_abroad_bears_is_a_part_of_the_us_city_the_story_names():
    # GVA 520404: Memphis's Whitehaven is no English town in a Memphis story
    places = _attack_places(
        "MEMPHIS, Tenn. -- Three people were shot Monday at a Whitehaven apartment complex, Memphis police said."
    )
    assert {(p[1], p[2], p[3]) for p in places} == {("Memphis", "Tennessee", "US")}


def test_a_big_city_abroad_does_not_vouch_for_its_own_country_in_a_us_story():
    # GVA 663026: "Metro police" in a Nashville story is no Indonesian city
    places = _attack_places(
        "NASHVILLE, Tenn. -- An 11-year-old girl was wounded by a young child on Sunday, Metro police said."
    )
    assert {(p[1], p[2]) for p in places} == {("Nashville", "Tennessee")}


def test_a_state_report_takes_the_town_the_story_names_most_in_that_state():
    # GVA 427621: the headline names only Arizona; Flagstaff (dateline, hospital, campus) over a "Phoenix attorney"
    places = _attack_places(
        "1 killed, 3 hurt in shooting near Northern Arizona University\n\nFLAGSTAFF, Ariz. (AP) -- A student "
        "shot four people, one of them fatally. His lawyer is Phoenix attorney Dana Whitlock. "
        "The wounded are in Flagstaff Medical Center. The parking area belongs to the Flagstaff campus."
    )
    assert {(p[1], p[2]) for p in places} == {("Flagstaff", "Arizona")}


def test_a_towns_officer_is_evidence_of_the_town():
    # GVA 627282: "St. Ann officer accidentally shoots self" names the small town St. Ann, Missouri
    doc = extract_text("St. Ann officer accidentally shoots self", published=PUBLISHED)
    assert {(r.place.city, r.place.admin1) for r in doc.reports} == {("Saint Ann", "Missouri")}


def test_a_county_report_takes_no_town_of_another_county():
    # the dateline's town is in the county the sentence names; the big city's hospital lies in another county
    text = (
        "Boy hurt when officer's pistol discharges\n\nLINCOLNTON, N.C. -- A Lincoln County officer who was not on "
        "duty wounded his son by accident Sunday evening. The girl was treated at a Charlotte clinic."
    )
    assert ("Lincolnton", "Lincolnton", "North Carolina", "US") in _attack_places(text)


@pytest.mark.parametrize(
    "url, city, admin1",
    [
        ("http://www.example.com/news/local/fort-worth/article1.html", "Fort Worth", "Texas"),
        ("http://www.everettdailyledger.com/news/article_1.html", "Everett", "Washington"),
    ],
)
def test_a_story_whose_text_names_no_place_takes_the_town_its_address_names(url, city, admin1):
    doc = extract_text(
        "Girl, 4, shoots herself in the hand\n\nA girl was shot Sunday at a home, police said.",
        published=PUBLISHED,
        url=url,
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.city, r.place.admin1) == (city, admin1) for r in attacks)
    assert all(r.meta.get("place_from") == "url" for r in attacks)


def test_a_slug_word_that_is_a_town_abroad_gives_way_to_the_outlets_town():
    # the headline's tail names the outlet's home, in the US: "perm" in the slug is the word, not the Russian city
    doc = extract_text(
        "Teen wounded in leg on way to practice - KXYZ News 4 - Tulsa, Oklahoma\n\nA girl was shot "
        "Sunday at a home, police said.",
        published=PUBLISHED,
        url="http://www.example.com/story/1/teen-shot-while-getting-a-perm",
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.city, r.place.admin1) == ("Tulsa", "Oklahoma") for r in attacks)


def test_a_county_of_several_states_takes_the_state_of_the_outlets_town():
    # Lincoln County lies in many states; the outlet's host names a town in Washington
    doc = extract_text(
        "Man wounded in Lincoln County\n\nA man was shot Sunday in Lincoln County, deputies said.",
        published=PUBLISHED,
        url="http://www.everettdailyledger.com/news/article_1.html",
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all(r.place.admin1 == "Washington" for r in attacks)


def test_a_state_report_naming_no_town_takes_the_outlets_town_in_that_state():
    doc = extract_text(
        "Friend arrested after girl shot in Arizona - KXYZ News | Tucson, Arizona\n\nA friend of the family was "
        "arrested after a girl was shot Sunday, police said.",
        published=PUBLISHED,
        url="http://www.example.com/story/1/friend-arrested",
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.city, r.place.admin1) == ("Tucson", "Arizona") for r in attacks)


def _attack_places_at(text, url):
    doc = extract_text(text, published=PUBLISHED, url=url)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks
    return {(r.place.name, r.place.city, r.place.admin1) for r in attacks}


def test_a_name_of_several_towns_takes_the_one_near_the_outlets_town():
    text = "Man shot in Englewood\n\nA man was shot Sunday night in Englewood, police said."
    # the Illinois one, a part of Chicago's postal area: Chicago is its city
    assert _attack_places_at(text, "http://www.chicagoexample.com/news/1") == {("Englewood", "Chicago", "Illinois")}


def test_a_name_the_outlets_state_lacks_is_a_part_of_the_outlets_big_city():
    # no town of that name in Maryland; the story's other place lies in Maryland, the outlet is Baltimore's
    text = (
        "Teen wounded in Upton\n\nA teen was shot Sunday night in Upton, police said. His family moved there from "
        "Towson."
    )
    assert _attack_places_at(text, "http://www.baltimoreexample.com/news/1") == {("Upton", "Baltimore", "Maryland")}


def test_a_story_telling_a_us_block_address_takes_the_us_namesake_of_a_town_abroad():
    told = "Man shot in York\n\nA man was shot Sunday in York, police said."
    assert _attack_places(told) == {("York", "York", None, "GB")}  # the bigger York, without context
    block = "Man shot in York\n\nA man was shot Sunday in the 300 block of Elm Street in York, police said."
    assert {(p[0], p[3]) for p in _attack_places(block)} == {("York", "US")}


def test_a_county_report_takes_the_town_a_person_of_it_lives_in():
    # "Jane Roe, 34, of Bazine": a comma before "of" tells a small town as a place, and a county story that
    # names a town of that county names where it happened; the county alone is less precise
    places = _attack_places(
        "A man was shot and killed Saturday at a home in Ness County, deputies said. The victim, "
        "Dana Roe, 34, of Bazine, died at the scene."
    )
    assert ("Bazine", "Bazine", "Kansas", "US") in places
    assert not any(p[0] == "Ness County" for p in places)


def test_a_town_where_a_person_lives_is_not_where_it_happened():
    places = _attack_places("Dana Roe, 34, of Bazine, was shot Saturday in Ness City, police said.")
    assert ("Ness City", "Ness City", "Kansas", "US") in places
    # a town right after a person's age is where the person lives too ("Dana Roe, 34, Ottumwa")
    assert {p[1] for p in _attack_places("Dana Roe, 34, Ottumwa, was shot Saturday near Eldon, deputies said.")} == {
        "Eldon"
    }


def test_a_name_before_a_possessive_is_an_owner_not_a_town():
    # "outside Mabel's": the locative says where the bar is; the name is its owner's, not a small town's
    places = _attack_places(
        "Two men were shot Friday night outside Mabel's Lounge in Ness City, Kansas, police said. "
        "Witnesses had gathered outside Mabel's before the shooting."
    )
    assert not any(p[0] == "Mabel" for p in places)


@pytest.mark.parametrize(
    "text",
    [
        # an age after the name, or a hyphen joining it to another name: a surname, and so are its bare mentions
        "Police said Olney, 26, was shot Friday. Olney was taken to a hospital.",
        "Dana Olney-Roe was shot Friday, police said. Olney-Roe was taken to a hospital.",
    ],
)
def test_a_town_used_as_a_surname_is_the_person(text):
    places = _attack_places(text)
    assert not any(p[0] == "Olney" for p in places)


def test_a_told_neighbourhood_is_part_of_the_city_named_before_a_namesakes_postal_city():
    # "Boyle Heights" is a part of Los Angeles in the gazetteer; told as a neighbourhood below a Tampa dateline
    # it is a part of Tampa
    text = (
        "Teen shot in Boyle Heights neighborhood\n\nTAMPA, Fla. -- A teen was shot Sunday in the Boyle Heights "
        "neighborhood."
    )
    assert ("Boyle Heights", "Tampa", "Florida", "US") in _attack_places(text)


def test_a_state_that_goes_on_into_a_longer_name_is_not_the_state():
    # a neighbourhood named after a state: the story's town, not the state
    text = "Man shot in Tulsa\n\nTULSA, Okla. -- A man was shot Sunday in the Vermont Glen area, police said."
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.name, r.place.admin1) == ("Tulsa", "Oklahoma") for r in attacks)


def test_a_county_the_story_names_vouches_for_its_small_town_and_its_state():
    # "Lincoln County" is a county of many states: the small town of one of them the headline names says which
    text = (
        "Edwall man hurt in hunting accident\n\nA man was shot Saturday while hunting, the Lincoln County sheriff said."
    )
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all((r.place.name, r.place.admin1) == ("Edwall", "Washington") for r in attacks)


def test_a_name_going_on_into_a_business_name_is_not_the_place_a_headline_takes():
    # the headline names no place; the first lines name a motel after a country before the town's dateline
    text = (
        "Three hurt in motel shooting\n\nDeputies were called to the shooting at the Jamaica Palms motel that left "
        "three people hurt.\n\nMEDFORD, Ore. (KXYZ) -- Three people were wounded in a shooting at the Jamaica Palms "
        "Motel late Saturday, police said."
    )
    assert {p[:3] for p in _attack_places(text)} == {("Medford", "Medford", "Oregon")}


def test_a_name_read_alone_as_a_town_abroad_takes_the_outlets_country_and_state():
    # "Parma" alone is the Italian city; the outlet's host names Cleveland, Ohio
    text = "Parma police investigate shooting death of teen\n\nA teen was shot and killed Sunday, police said."
    places = _attack_places_at(text, "http://www.clevelandexample.com/news/1")
    assert places and all(p[2] == "Ohio" for p in places)


def test_a_us_broadcasters_story_is_of_the_us():
    # "Florence" alone is the Italian city; a W call sign for a host is a US station east of the Mississippi
    text = "Man shot in Florence\n\nA man was shot Sunday night in Florence, police said."
    places = _attack_places_at(text, "http://www.wxyz.com/news/1")
    assert places == {("Florence", "Florence", "Alabama")}


@pytest.mark.parametrize(
    "text, place",
    [
        (
            "Gunmen kill 12 at newspaper office\n\nGunmen stormed a newspaper office in Paris on Wednesday, killing "
            "12 people, French officials said.",
            ("Paris", "Paris", None),
        ),
        (
            "Bomb kills 20 at market\n\nA bomb exploded at a crowded market in London on Tuesday, killing 20 "
            "people, British police said.",
            ("London", "London", None),
        ),
    ],
)
def test_a_us_broadcasters_world_story_is_of_the_country_its_people_name(text, place):
    # the call sign makes the US first, but "French officials" names France as surely as "France" would
    assert _attack_places_at(text, "http://www.wxyz.com/news/world/1") == {place}


def test_a_section_of_the_city_is_part_of_it():
    # Oxford is also a town of Pennsylvania; told as a section below a Philadelphia dateline it is part of the city
    text = (
        "Teen shot in Oxford section\n\nPHILADELPHIA (KXYZ) -- A teen was wounded Sunday afternoon in the city's "
        "Oxford section."
    )
    assert {p[:3] for p in _attack_places(text)} == {("Oxford", "Philadelphia", "Pennsylvania")}


def test_a_name_the_dateline_citys_state_lacks_is_part_of_that_city():
    # no Fairmount in Ohio; the headline and the sentence name it twice, the dateline names Columbus once
    text = "Two teens shot in Fairmount\n\nCOLUMBUS, Ohio (KXYZ) -- Two teens were shot Friday night in Fairmount."
    assert {p[:3] for p in _attack_places(text)} == {("Fairmount", "Columbus", "Ohio")}


@pytest.mark.parametrize(
    "dateline, place",
    [
        # a hamlet's dateline over a story that names only its state: filed from where it happened
        ("ELMDALE, Kan.", ("Elmdale", "Elmdale", "Kansas")),
        # a big city's dateline is where the outlet is: the state stays the state
        ("WICHITA, Kan.", ("Kansas", None, "Kansas")),
    ],
)
def test_a_small_towns_dateline_is_the_town_of_a_state_report(dateline, place):
    text = (
        f"Kansas authorities name four found shot dead\n\n{dateline} -- Authorities in Kansas have named the four "
        "people who were found shot dead in a home on Tuesday."
    )
    assert {p[:3] for p in _attack_places(text)} == {place}


def test_a_report_naming_only_a_county_carries_its_town_of_the_same_name():
    text = "Man shot in Laurens County\n\nA man was shot Sunday in Laurens County, S.C., deputies said."
    assert {p[:3] for p in _attack_places(text)} == {("Laurens County", "Laurens", "South Carolina")}


def test_a_dateline_town_the_gazetteer_lacks_is_the_storys_town():
    # not the state, nor another state's town of that name: a town of that name in the dateline's state
    assert _attack_places(
        "Man shot near creek\n\nQUILLBROOK, Okla. (AP) -- A man was shot and killed Sunday near a creek, deputies said."
    ) == {("Quillbrook", "Quillbrook", "Oklahoma", "US")}


def test_a_county_abbreviated_co_in_a_dateline_is_that_county():
    assert {p[2] for p in _attack_places("MARION CO., Ind. (AP) -- A man was shot and killed Sunday night.")} == {
        "Indiana"
    }


def test_a_state_the_story_calls_a_state_is_no_city_of_its_name():
    # "Oklahoma" is also an alternate name of its big city: "in Oklahoma" and a town qualified by the state say
    # the state, and the dateline's town in it is the place
    doc = extract_text(
        "Oklahoma deputies identify two shot dead\n\nQUILLBROOK, Okla. -- Authorities in Oklahoma said two men "
        "were shot and killed Sunday in a barn.",
        published=PUBLISHED,
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and {r.place.city for r in attacks} == {"Quillbrook"}
    # "Washington state" is the state, not the capital
    assert _attack_places("A man was shot and killed Sunday in Washington state, deputies said.") == {
        ("Washington", None, "Washington", "US")
    }


def test_new_york_alone_stays_the_city():
    places = _attack_places(
        "Man shot dead in New York\n\nBROOKLYN, N.Y. -- A man was shot and killed in New York on Sunday, police said."
    )
    assert {p[2] for p in places} == {"New York"} and None not in {p[1] for p in places}


def test_a_headline_naming_where_the_victim_lives_takes_where_the_story_says_it_happened():
    # "Ottumwa man" says where he lives; the story below says where he was shot
    places = _attack_places(
        "Ottumwa man killed in hunting accident\n\nAn Ottumwa man died Saturday in a hunting accident. Deputies "
        "were called to a farm near Eldon, where he had been shot."
    )
    assert {(p[1], p[2]) for p in places} == {("Eldon", "Iowa")}


def test_a_report_taking_a_place_from_elsewhere_takes_no_town_where_someone_lives():
    # the headline names no place but the outlet's; the first place below is the arrested man's home ("a Dover
    # man"), and its own sentence says where the shooting was ("at a barbershop in Smyrna")
    doc = extract_text(
        "Three killed in barbershop shooting - Channel 5 News\n\nPolice arrested a Dover man in the 2015 slayings "
        "at a barbershop in Smyrna, Del.",
        published=PUBLISHED,
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Three killed"))
    assert (head.place.city, head.place.admin1) == ("Smyrna", "Delaware")


def test_an_embedded_posts_signature_is_no_place_of_the_event():
    # "— News 4 Houston (@News4Houston) date" signs a post quoted in the story: the poster, not the scene
    places = _attack_places(
        "Boy hurt in shooting\n\nA boy was hurt by a stray bullet early Tuesday. pic.twitter.com/x1y2z3 \u2014 "
        "News 4 Houston (@News4Houston) January 19, 2016\n\nDeputies said it happened at a home in Cypress."
    )
    assert {(p[1], p[2]) for p in places} == {("Cypress", "Texas")}


def test_a_county_report_takes_no_town_where_the_wounded_were_taken():
    # the county names no town of the scene; the town of its hospital is no scene: the outlet's town in that county
    doc = extract_text(
        "Woman wounded in drive-by shooting\n\nA woman was shot Sunday night in a drive-by shooting, the Snohomish "
        "County sheriff said. She was taken to Memorial Medical Center in Lynnwood.",
        published=PUBLISHED,
        url="http://www.everettdailyledger.com/news/article_1.html",
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and {r.place.city for r in attacks} == {"Everett"}


@pytest.mark.parametrize(
    "text, country",
    [
        # a station's call sign that reports: US local news, so the US Salisbury, not the old name of Harare
        (
            "Boy hurt in Salisbury shooting\n\nA boy was wounded late Friday when shots hit a house in "
            "Salisbury, WXYZ reports. Police said the boy is expected to recover.",
            "US",
        ),
        # a sheriff's office: the US Paris, not the French capital
        (
            "Man shot in Paris\n\nA man was shot and wounded Saturday night in Paris, the sheriff's office said. "
            "Deputies found him outside a gas station.",
            "US",
        ),
        # a city's police department and a felony: how US police and courts speak
        (
            "Man shot in Cairo\n\nA man was shot and wounded Friday night in Cairo, the police department said. "
            "A suspect faces a felony charge.",
            "US",
        ),
        # the story tells the country outright: it is abroad
        (
            "Man shot in Paris\n\nA man was shot and wounded Saturday night in Paris, French police said. "
            "Officers found him outside a cafe, a 911 caller told reporters.",
            "FR",
        ),
        # a dateline with no state after it is filed abroad
        ("PARIS (AP) -- A man was shot and wounded Saturday night in Paris, police said. A 911 call came in.", "FR"),
        # ... unless a home station writes it
        ("PARIS (WXYZ) -- A man was shot and wounded Saturday night in Paris, police said.", "US"),
    ],
)
def test_a_us_local_story_takes_the_us_namesake_unless_it_tells_the_country(text, country):
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack" and r.place is not None]
    assert attacks and all(r.place.country == country for r in attacks)


@pytest.mark.parametrize(
    "text, where",
    [
        (
            "Woman shot in Georgia\n\nA woman was shot and wounded Saturday night in Georgia, police said.",
            ("US", "Georgia"),
        ),
        # its people's word tells the country
        ("Man shot in Georgia\n\nA man was shot Saturday in Georgia, Georgian police said.", ("GE", None)),
    ],
)
def test_a_country_name_a_us_state_bears_is_the_state_unless_the_country_is_told(text, where):
    doc = extract_text(text, published=PUBLISHED)
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack" and r.place is not None]
    assert attacks and all((r.place.country, r.place.admin1) == where for r in attacks)


def test_a_country_name_a_us_state_bears_is_the_state_in_a_us_story():
    doc = extract_text(
        "Two wounded in Georgia shooting\n\nTwo men were shot Sunday night in Georgia, the sheriff's office "
        "said. Deputies found them near a gas station.",
        published=PUBLISHED,
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack" and r.place is not None]
    assert attacks and all((r.place.country, r.place.admin1) == ("US", "Georgia") for r in attacks)


def test_a_national_outlets_world_story_keeps_the_city_abroad():
    # a state the host spells is no sign of local news: "washingtontimes.com" on an attack in Paris
    doc = extract_text(
        "Leaders and terror\n\nThe group was called contained just a day before it launched its massacre in Paris, "
        "killing scores of people.",
        published=PUBLISHED,
        url="http://www.washingtontimes.com/news/2016/jun/15/leaders-and-terror/",
    )
    places = [r.place for r in doc.reports if r.place is not None and r.place.name]
    assert all(p.country != "US" for p in places)


def test_a_headline_takes_the_dateline_town_not_a_links_headline_below_it():
    # a link's headline between paragraphs tells another story: no sentence ends its line
    places = _attack_places(
        "Former deputy accused of shooting teen girl in road rage\n\nUPPER ELMWOOD, Pa. (KYW) — A former deputy "
        "was charged after he fired at a car that followed his stepdaughter home.\n\nBoyfriend waives his hearing "
        "in Allentown\n\n"
        "The deputy told police he fired three times at the car."
    )
    assert not any(p[0] == "Allentown" for p in places)


def test_a_headline_tail_with_a_call_sign_names_the_station_not_the_event():
    places = _attack_places(
        "Man charged in smoke shop shooting - KXYZ NewsChannel 11 Lubbock\n\nAmarillo police said a man was "
        "charged after a baby was shot in the leg at a smoke shop."
    )
    assert {p[0] for p in places} == {"Amarillo"}


@pytest.mark.parametrize(
    "text, town",
    [
        # a county: the big city whose police answer, not the small town named first as a father's home
        (
            "Boy, 6, dies in accidental shooting\n\nA 6-year-old boy died Tuesday after a handgun went off in a "
            "bedroom, the third such death in Harris County this spring. Last year a Tomball father was charged "
            "after a similar death. Houston police said the boy and his cousin had found the gun under a bed.",
            "Houston",
        ),
        # a state: the town whose police answer, not the one named more often as where the suspect was arrested
        (
            "Two hurt in Ohio bar shooting\n\nTwo men were wounded early Sunday outside a bar, Norwalk police said. "
            "The suspect, a Sandusky man, was arrested hours later in Sandusky.",
            "Norwalk",
        ),
    ],
)
def test_a_division_is_the_town_whose_police_answer(text, town):
    assert {p[1] for p in _attack_places(text)} == {town}


def test_a_part_of_the_city_whose_police_answer_stays_the_place():
    text = (
        "Man found shot in parked van\n\nA 41-year-old man was found shot in a parked van late Sunday, the Cook "
        "County medical examiner's office said. The van was parked on a side street in the Gage Park neighborhood, "
        "Chicago police said."
    )
    assert {p[:2] for p in _attack_places(text)} == {("Gage Park", "Chicago")}


@pytest.mark.parametrize(
    "police, city",
    [
        # the big city's police answer: the small place near it is a part of it
        ("Cincinnati police said", "Cincinnati"),
        # its own police answer too: a town of its own
        ("Elmwood Place police and Cincinnati police said", "Elmwood Place"),
    ],
)
def test_a_small_place_is_a_part_of_the_city_whose_police_answer(police, city):
    text = (
        "Man wounded in Elmwood Place shooting\n\nA man of 30 took a bullet to the leg late Friday outside a corner "
        f"store in Elmwood Place. {police} they had no suspects."
    )
    assert {p[:3] for p in _attack_places(text)} == {("Elmwood Place", city, "Ohio")}


@pytest.mark.parametrize(
    "police, city",
    [
        # the small town of that name lies far from the city whose police answer: a store's name in that city
        ("Fresno police said", "Fresno"),
        # the town's own police answer: the town
        ("Colusa police and Fresno police said", "Colusa"),
    ],
)
def test_a_far_small_namesake_is_a_name_in_the_city_whose_police_answer(police, city):
    text = (
        "Man killed in drive-by shooting\n\nA 22-year-old man was shot dead Friday night outside Colusa Market. "
        f"{police} the shots came from a passing car."
    )
    assert {p[:3] for p in _attack_places(text)} == {("Colusa", city, "California")}


def attacks_in(text: str, url: str | None = None):
    """The attack reports extracted from an article."""
    doc = extract_text(text, published=PUBLISHED, url=url)
    return [r for r in doc.reports if r.meta.get("family") == "attack"]


def test_a_part_of_a_city_the_story_does_not_name_says_nothing_of_where_it_is():
    # GVA dev: Chicago's "Uptown" (the one Uptown the gazetteer lists) had an Oakland story's Oakland resolve to
    # the small Oakland, Illinois; many cities have an Uptown
    attacks = attacks_in(
        "OAKLAND -- Three people were shot Saturday night outside a bar in the Uptown area, Oakland police said."
        "\n\nThe shooting is the second in Oakland this week."
    )
    assert attacks and all(r.place.admin1 == "California" for r in attacks)


def test_where_a_victim_was_pronounced_dead_is_no_scene():
    # GVA dev: a toddler shot in a Texas county, pronounced dead at a hospital across the state line
    attacks = attacks_in(
        "Marion County girl hurt in accidental shooting has died - KXYZ.com - Tyler, Longview\n\nA Marion County "
        "girl who was badly hurt after shooting herself by accident has died, deputies said.\n\nSheriff Jane Roe "
        "says the girl was pronounced dead at 3:15 p.m. Tuesday at Regional Medical Center in Shreveport.\n\n"
        "The shooting happened Sunday evening at a home on Pine Lane."
    )
    assert attacks and all(r.place.name == "Marion County" for r in attacks)


def test_a_town_the_state_lacks_is_part_of_its_big_city_whose_police_answer():
    # GVA dev: Ensley, a part of Birmingham that the gazetteer knows only as a Florida town
    attacks = attacks_in(
        "Boy wounded in Ensley - WXYZ 6 - Birmingham, AL\n\nA teenager was hit in the thigh by a stray round Sunday "
        "night in Ensley, a Birmingham PD spokesman said. Officers found him on a neighbour's porch."
    )
    assert attacks and all((r.place.city, r.place.admin1) == ("Birmingham", "Alabama") for r in attacks)


def test_a_compass_word_and_the_big_city_of_the_story_is_its_quarter():
    # GVA dev: "North Baltimore" on a Baltimore outlet's page was the village in Ohio
    attacks = attacks_in(
        "Four Wounded On A Porch In North Baltimore\n\nFour people were hit by gunfire Thursday night on a porch in "
        "North Baltimore, Baltimore police said. All four are expected to survive."
    )
    assert attacks and all((r.place.city, r.place.admin1) == ("Baltimore", "Maryland") for r in attacks)


def test_a_bare_name_only_a_county_of_the_storys_state_bears_is_that_county():
    # GVA dev: "DeKalb" in a Georgia story (its web address's section) was DeKalb, Illinois
    attacks = attacks_in(
        "Four hurt in DeKalb shooting\n\nThree adults and a child were wounded Sunday night outside a home in "
        "DeKalb, police said.",
        url="http://news.example/georgia/atlanta-metro/four-hurt-in-dekalb-shooting",
    )
    assert attacks and all((r.place.name, r.place.admin1) == ("DeKalb County", "Georgia") for r in attacks)
