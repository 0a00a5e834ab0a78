"""Salience: one main report per segment and family, background mentions, follow-ups; on texts written for these
tests (issue 16: one article became 3.6 events; Budyonnovsk 1995 showed among a month's events)."""

import pytest

from eventledger.extract import Extractor, extract_text
from eventledger.knowledge import SalienceWords
from eventledger.knowledge.files import DATA, read_yaml
from eventledger.records import DateValue

DAY = DateValue("2024-03-27", "day")


@pytest.fixture(scope="module")
def ex():
    return Extractor()


def _doc(text, ex):
    return extract_text(text, published=DAY, extractor=ex)


def _attacks(doc):
    return [r for r in doc.reports if r.meta.get("family") == "attack"]


def test_one_story_is_one_report(ex):
    doc = _doc(
        "A shooting in Denver early Saturday left a boy dead and three others injured, police said. "
        "Officers found the victims outside a bar. The victim was 16. A witness described the scene. "
        "Police are still investigating the shooting.",
        ex,
    )
    [r] = _attacks(doc)
    assert r.salience == "main"
    assert r.date.value == "2024-03-23" and r.place.name == "Denver"
    assert [t["trigger"] for t in r.meta["told_in"]] == ["shooting"]  # the last sentence, kept as evidence


def test_earlier_event_is_background(ex):
    doc = _doc(
        "Five people were shot in the Fishtown section of Philadelphia on Monday. "
        "On Saturday, eight people were wounded when someone fired into a crowd at a cookout in Philadelphia.",
        ex,
    )
    main, bg = sorted(_attacks(doc), key=lambda r: r.evidence.start)
    assert (main.salience, main.date.value) == ("main", "2024-03-25")
    assert (bg.salience, bg.date.value) == ("background", "2024-03-23")


def test_list_of_past_attacks_is_background_with_its_year(ex):
    doc = _doc(
        "Gunmen stormed a theatre in Moscow on Friday, killing 61 people. Four of the worst attacks "
        "took place in Russia: in Budyonnovsk in 1997 (48 deaths), Nalchik in 2006 (42 deaths).",
        ex,
    )
    by_place = {r.place.name: r for r in _attacks(doc)}
    assert by_place["Moscow"].salience == "main"
    assert by_place["Budyonnovsk"].salience == "background" and by_place["Budyonnovsk"].date.value == "1997"


def test_vague_background_mention_is_no_report(ex):
    doc = _doc(
        "Gunmen killed three people at a market in Lagos on Monday. "
        "Residents recalled a similar attack that killed dozens.",
        ex,
    )
    [r] = _attacks(doc)
    assert r.salience == "main"
    [m] = doc.meta["background_mentions"]  # kept with the reason, not dropped silently
    assert m["why"] and m["start"] > r.evidence.start


@pytest.mark.parametrize(
    "past",
    [
        "Mourners gathered in Nairobi to mark six years since he was killed by a car bomb in Mombasa.",
        "A local radio station said at the time that the mayor was killed in an ambush near Mombasa.",
    ],
)
def test_anniversaries_and_reports_quoted_from_the_time_are_background(ex, past):
    doc = _doc("Gunmen killed three people at a market in Lagos on Monday. " + past, ex)
    [r] = _attacks(doc)
    assert r.salience == "main" and r.place.name == "Lagos"
    assert any(m["start"] > r.evidence.start for m in doc.meta["background_mentions"])


def test_arrest_follows_the_attack(ex):
    doc = _doc(
        "A man was shot dead in Denver on Friday. Officers arrested a 20-year-old suspect in the killing on Sunday.", ex
    )
    [attack] = _attacks(doc)
    [arrest] = [r for r in doc.reports if r.meta.get("family") == "arrest"]
    assert arrest.follows == attack.id and arrest.salience == "main"


def test_unrelated_arrest_follows_nothing(ex):
    doc = _doc("A man was shot dead in Denver on Friday. In other news, a man was arrested for shoplifting.", ex)
    [arrest] = [r for r in doc.reports if r.meta.get("family") == "arrest"]
    assert arrest.follows is None


def test_arrest_told_after_the_attack_follows_it(ex):
    doc = _doc(
        "Gunmen killed six people at a bus station in Kano on Monday. Witnesses said the attackers fled on foot. "
        "Two other men have been arrested on suspicion of driving them to the station.",
        ex,
    )
    [attack] = _attacks(doc)
    [arrest] = [r for r in doc.reports if r.meta.get("family") == "arrest"]
    assert arrest.follows == attack.id


def test_statement_about_a_folded_report_points_to_the_main_one(ex):
    doc = _doc(
        "Gunmen attacked a police station in Kano on Monday. Officers said the attack was "
        "claimed by the group. The Islamic State claimed responsibility for the attack.",
        ex,
    )
    ids = {r.id for r in doc.reports}
    assert all(s.report in ids for s in doc.statements if s.report)


def test_an_edited_cue_changes_the_judgement():
    data = read_yaml(DATA / "extract_salience.yaml")
    assert SalienceWords.parse(data).background("a similar siege in 1995")
    data["background_cues"] = [c for c in data["background_cues"] if "similar" not in c]
    assert not SalienceWords.parse(data).background("a similar siege in 1995")
    data["background_cues"] = ["(unclosed"]
    with pytest.raises(ValueError, match="bad regular expression"):
        SalienceWords.parse(data)


def test_another_incident_is_news_too(ex):
    # a wire story tells several happenings: the second is a main report of its own, not background, not folded
    doc = _doc(
        "Guerrillas attacked a police post in Usulutan on Monday. The police post was badly damaged. "
        "The attack lasted two hours. Officers said the rebels fled. In another incident, gunmen killed "
        "two peasants.",
        ex,
    )
    reports = sorted(_attacks(doc), key=lambda r: r.evidence.start)
    assert [r.salience for r in reports] == ["main", "main"]
    assert "another incident" in doc.text[reports[1].evidence.start : reports[1].evidence.end]


def test_a_year_alone_in_an_undated_story_is_the_past(ex):
    # an op-ed without a date: the 1999 bombings it names are background, and lend the news no date
    doc = extract_text(
        "Gunmen stormed a concert hall near Moscow, killing 137 people. In 1999 a series of "
        "bombings in Moscow killed 300 people.",
        extractor=ex,
    )
    main, bg = sorted(_attacks(doc), key=lambda r: r.evidence.start)
    assert main.salience == "main" and main.date.value is None
    assert (bg.salience, bg.date.value) == ("background", "1999")


def test_a_denial_about_the_attack_is_a_statement_not_a_report(ex):
    # issue 16: "Kyiv, 115 dead" was an event built from a denial; the speaker's place is not the attack's
    doc = _doc(
        "Gunmen stormed a concert hall near Moscow on Friday, killing 137 people. Mykhailo Podolyak, an "
        "adviser to President Volodymyr Zelensky, said Kyiv had nothing to do with the attack.",
        ex,
    )
    assert [r.place.name for r in _attacks(doc)] == ["Moscow"]
    assert [s.kind for s in doc.statements] == ["denial"]
    # alone in its segment, a claim still founds the report its statement belongs to
    doc = _doc("Islamic State has claimed the attack in a statement carried by Amaq.", ex)
    assert len(_attacks(doc)) == 1


def test_an_attack_told_through_a_trial_is_marked_as_such(ex):
    doc = _doc("A Denver man was sentenced on Tuesday to 30 years in the shooting death of his neighbour.", ex)
    assert [r.meta.get("proceeding") for r in _attacks(doc)] == [True]
    news = _doc("A man was shot dead in Denver on Friday, police said.", ex)
    assert [r.meta.get("proceeding") for r in _attacks(news)] == [None]


def test_an_attack_named_only_in_a_denial_or_a_claim_is_about_an_attack_not_news_of_one(ex):
    doc = _doc('An adviser to the president said Kyiv had "nothing to do" with the attack.', ex)
    assert [r.meta.get("statement_only") for r in _attacks(doc)] == [True]
    claimed = _doc("Islamic State claimed the attack in a statement carried by its Amaq agency.", ex)
    assert [r.meta.get("statement_only") for r in _attacks(claimed)] == [True]
    news = _doc("Gunmen killed 40 people at a concert hall near Moscow on Friday, and IS claimed the attack.", ex)
    assert [r.meta.get("statement_only") for r in _attacks(news)] == [None]  # it tells a toll of its own


def test_a_reaction_to_an_attack_is_about_it_not_news_of_one(ex):
    doc = _doc("The country's president condemned the attack in a call with his counterpart.", ex)
    assert [r.meta.get("statement_only") for r in _attacks(doc)] == [True]
    news = _doc("Gunmen killed three people in Denver on Friday, and the mayor condemned the attack.", ex)
    assert [r.meta.get("statement_only") for r in _attacks(news)] == [None]


def test_attacks_told_in_general_are_analysis_not_news(ex):
    doc = _doc("The militia has staged a growing number of attacks beyond its home province in recent years.", ex)
    assert [r.meta.get("statement_only") for r in _attacks(doc)] == [True]
    news = _doc("Two attacks on police posts in Kano killed five officers on Friday.", ex)
    assert all(r.meta.get("statement_only") is None for r in _attacks(news))  # a toll of their own


def test_happenings_summed_over_years_are_of_no_one_event(ex):
    doc = _doc(
        "Gunmen killed three people at a market in Lagos on Monday. "
        "Many of the militants arrested across Kenya over the past two years were recruited online.",
        ex,
    )
    later = [r for r in doc.reports if r.evidence.start > 0]
    assert later and all(r.meta.get("generic") for r in later)
    [r] = _attacks(doc)
    assert not r.meta.get("generic")


def test_an_arrest_told_after_attacks_in_general_follows_none_of_them(ex):
    doc = _doc(
        "The militia has staged a growing number of attacks across the region. "
        "Police in Norway arrested nine of its members in July.",
        ex,
    )
    [general] = _attacks(doc)
    [arrest] = [r for r in doc.reports if r.meta.get("family") == "arrest"]
    assert general.meta.get("generic") and arrest.follows is None


def test_a_loose_date_is_not_made_a_day_by_attacks_in_general():
    from eventledger.extract.dating import borrow_dates
    from eventledger.records import Evidence, Place, Report

    land = Place(name="Ruritania", country="RR", lat=45.0, lon=20.0, precision="country")

    def rep(n, date, **meta):
        ev = Evidence("d", "s", n * 10, n * 10 + 5, date.text)
        return Report(f"r{n}", "d", "s", None, "armed assault", date=date, date_evidence=ev, place=land,
                      meta={"family": "attack", **meta})  # fmt: skip

    loose = rep(0, DateValue("2031-05", "month", "last week"))
    general = rep(1, DateValue("2031-05-02", "day", "May 2"), generic=True, statement_only=True)
    borrow_dates([loose, general])
    assert loose.date.value == "2031-05"
    told = rep(2, DateValue("2031-05-02", "day", "May 2"))
    borrow_dates([loose, told])
    assert loose.date.value == "2031-05-02"  # one attack told with its day: the loose date is that day
