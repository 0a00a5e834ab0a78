"""The incident's day: told against the publication date, never the day it was said, the arrest or the article."""

from __future__ import annotations

import pytest

from eventledger.extract import Extractor, extract_text
from eventledger.extract.times import find_dates
from eventledger.records import DateValue, Document, Piece, Segment

TUESDAY = DateValue("2016-07-19", "day")


def headline_day(text: str, published: DateValue, headline: str) -> str | None:
    """The day of the report that opens with `headline` in a page of `text` published on `published`."""
    doc = extract_text(text, published=published)
    return next(r for r in doc.reports if r.evidence.text.startswith(headline)).date.value


@pytest.mark.parametrize(
    "words, day",
    [
        ("Saturday night", "2016-07-16"),
        ("early Sunday", "2016-07-17"),
        ("last Friday", "2016-07-15"),
        ("Tuesday", "2016-07-19"),  # the publication's own weekday, said bare, is that day
        ("last Tuesday", "2016-07-12"),  # ... and with "last", a week before
        ("on Jan. 14", "2016-01-14"),
        ("on Dec. 30", "2015-12-30"),  # a month-day after the publication is last year's
    ],
)
def test_a_day_told_against_the_publication_date(words, day):
    ((_, _, dv),) = find_dates(f"A man was shot {words} outside a bar.", anchor=TUESDAY)
    assert (dv.value, dv.precision) == (day, "day")


def test_a_month_alone_stays_a_month():
    ((_, _, dv),) = find_dates("The shooting happened in March.", anchor=TUESDAY)
    assert (dv.value, dv.precision) == ("2016-03", "month")


@pytest.fixture(scope="module")
def story():
    text = (
        "Man killed in Millbrook shooting\n\n"
        "MILLBROOK, Ala. -- Police said Monday that a man was shot and killed early Sunday outside a tavern. "
        "Officers arrested a suspect on Monday."
    )
    return extract_text(text, published=TUESDAY)


def test_the_day_of_the_shooting_not_the_day_police_spoke(story):
    attacks = [r for r in story.reports if r.meta.get("family") == "attack"]
    assert attacks and all(r.date.value == "2016-07-17" for r in attacks)
    # the sentence in which police spoke tells the shooting on: its report, or the main one it was folded into
    # (extract/salience.py), carries the shooting's day, not the day of speaking
    said = story.text.index("Police said")
    told = [
        r
        for r in attacks
        if r.evidence.start <= said < r.evidence.end
        or any(s["start"] <= said < s["end"] for s in r.meta.get("told_in", ()))
    ]
    assert told and all(r.date.value == "2016-07-17" for r in told)


def test_a_headline_without_a_day_takes_the_story_day_with_its_evidence(story):
    head = next(r for r in story.reports if r.evidence.text.startswith("Man killed"))
    assert head.date.value == "2016-07-17" and head.meta["date_from"] == "story_day"
    assert story.text[head.date_evidence.start : head.date_evidence.end] == "Sunday"


def test_the_arrest_keeps_its_own_day(story):
    arrest = [r for r in story.reports if r.meta.get("family") == "arrest"]
    assert all(r.date.value == "2016-07-18" for r in arrest)


def test_a_day_in_the_story_far_before_publication_is_not_taken():
    doc = extract_text(
        "Man shot dead in Brookhaven\n\nHe was shot on June 1, police said in a statement.", published=TUESDAY
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Man shot"))
    # no guessed story day (at most 7 days back); the date the story states is folded in with its evidence
    assert head.date.value == "2016-06-01" and head.date.text == "June 1"
    assert doc.text[head.date_evidence.start : head.date_evidence.end] == "June 1"


@pytest.mark.parametrize(
    "text, words, day",
    [
        # a month/day in brackets after a weekday: the figures tell the day, whatever weekday is written beside them
        ("Monday (6/30) evening the sheriff's office responded to a shooting.", "Monday (6/30)", "2016-06-30"),
        # a weekday put after a date is that date's, not the last such weekday before publication
        ("The report came in on June 9, a Thursday night, at 11:10.", "Thursday night", "2016-06-09"),
        # what is to come: the coming weekday, never one of the week before
        ("Deputies will share more details Monday morning.", "Monday morning", "2016-07-25"),
        ("Whitlock is scheduled for a hearing on Tuesday at 2:15 p.m.", "Tuesday", "2016-07-19"),
        ("The funeral is planned for Friday.", "Friday", "2016-07-22"),
        ("A man was shot Monday and will recover.", "Monday", "2016-07-18"),
        # "a day after": what follows it happened the day before the day named just before it
        ("He was arrested Thursday, a day after he shot his friend.", "a day after", "2016-07-13"),
        ("Police arrested him on Friday. The day before, he had shot a man.", "The day before", "2016-07-14"),
        ("He was shot Monday. Two days later, he died.", "Two days later", "2016-07-20"),
        # yesterday is "yesterday" or its bare weekday; "last Monday" said on a Tuesday is a week before
        ("A man was shot last Monday afternoon.", "last Monday afternoon", "2016-07-11"),
    ],
)
def test_a_day_told_by_its_neighbours(text, words, day):
    got = {dv.text: dv.value for _, _, dv in find_dates(text, anchor=TUESDAY)}
    assert got[words] == day


def test_a_day_after_counts_from_a_day_of_its_own_sentence():
    """A court date, then a "PREVIOUS STORY" teaser's "One day after ..." that does not count
    from Monday."""
    text = "Harlan went before a judge Monday. PREVIOUS STORY: One day after being named on a poster, he was caught."
    assert [dv.text for _, _, dv in find_dates(text, anchor=TUESDAY)] == ["Monday"]


def test_a_day_before_something_else_is_not_a_date():
    got = [dv.text for _, _, dv in find_dates("He was shot Monday, the day before his birthday.", anchor=TUESDAY)]
    assert got == ["Monday"]


def test_the_story_day_is_not_the_day_of_a_court_hearing():
    """A page dated a day early, so the court's "Wednesday" resolves to the earliest day of
    the week before it; the story's day is still the shooting's."""
    day = headline_day(
        "Man accused in girl's death goes before judge\n\n"
        "The man charged in the killing of a teenage girl went before a judge Wednesday morning. "
        "She was killed early Sunday when a rifle went off inside a farmhouse.",
        TUESDAY,
        "Man accused",
    )
    assert day == "2016-07-17"


def test_the_event_takes_a_stated_day_over_days_that_only_bound_it():
    """One report states the day ("a day after"), two others are dated by their page only."""
    from eventledger.resolve.event import event_date
    from eventledger.resolve.sources import View

    def view(rid, value, **extra):
        report = {"id": rid, "date": {"value": value, "precision": "day", **extra.pop("date", {})}, **extra}
        return View(report, "src", "src", "2017-02-24", False, False)

    page = {"meta": {"date_from": "document"}}
    vs = [
        view("a", "2017-02-22", date={"text": "a day after"}, date_evidence={"start": 0, "end": 11}),
        view("b", "2017-02-24", **page),
        view("c", "2017-02-24", **page),
    ]
    got = event_date(vs)
    assert (got["value"], got["precision"]) == ("2017-02-22", "day")
    assert {v["value"] for v in got["values"]} == {"2017-02-22", "2017-02-24"}  # every value kept


def test_the_weekday_after_the_pages_own_is_not_a_day_of_the_week_before():
    """Under a page dated Monday, "early Tuesday" was the next day told by a page date a
    day behind its text, never the Tuesday six days back; "last Tuesday" is that one."""
    monday = DateValue("2017-03-27", "day")
    ((_, _, bare),) = find_dates("A man was shot early Tuesday.", anchor=monday)
    ((_, _, last),) = find_dates("A man was shot last Tuesday.", anchor=monday)
    assert bare.value is None and bare.precision == "unresolved"
    assert last.value == "2017-03-21"


def test_a_day_told_with_its_month_may_be_weeks_before_the_story():
    """A shooting told with its month, day and year, weeks before a story about an arrest made days later."""
    day = headline_day(
        "Man charged after accidental shooting\n\n"
        "On March 9th, 2017, deputies were sent to a shooting at a duplex on Birch Lane. "
        "Corey Halvorsen was arrested on March 27th.",
        DateValue("2017-03-29", "day"),
        "Man charged",
    )
    assert day == "2017-03-09"


def test_a_day_told_with_its_month_may_be_six_weeks_before_the_story():
    """A charge story tells the shooting's month-day some six weeks on."""
    day = headline_day(
        "Man charged in tavern shooting\n\n"
        "On Oct. 12, deputies were sent to a shooting outside a tavern on Elm Street.",
        DateValue("2016-11-24", "day"),
        "Man charged",
    )
    assert day == "2016-10-12"


def test_an_arrest_day_weeks_back_is_not_the_shootings():
    """Five weeks back, a month-day after an arrest's words, however many words between, is the arrest's."""
    doc = extract_text(
        "Man charged in tavern shooting\n\nDeputies arrested the suspected gunman, Wade Pellerin, 37, on Oct. 20.",
        published=DateValue("2016-11-24", "day"),
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Man charged"))
    assert head.date.value != "2016-10-20"


def test_a_dateline_is_the_day_of_writing_not_of_the_shooting():
    """A "COUNTY, St. (date)—" dateline before the body tells a shooting of the Tuesday before."""
    doc = extract_text(
        "Boy hurt in deer hunting accident\n\n"
        "ASHGROVE COUNTY, Ind. (Nov. 18, 2015)— A 14-year-old hunter was accidentally shot by his cousin in a field. "
        "Deputies reached the spot shortly after 4:30 p.m. Tuesday.",
        published=DateValue("2015-11-18", "day"),
    )
    shot = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert shot and all(r.date.value == "2015-11-17" for r in shot)


def test_a_day_told_with_its_month_dates_the_story_without_attack_words():
    """A time and month-day ("6 a.m. Nov. 25") before a sleeper hit by a stray round, in a story of
    Dec 3."""
    day = headline_day(
        "Shooting accidental\n\nDeputies ruled the shooting at a rental home accidental. "
        "Shortly after 6 a.m. Nov. 25, Dana Whitlock was asleep when a round from next door came through the wall.",
        DateValue("2016-12-03", "day"),
        "Shooting accidental",
    )
    assert day == "2016-11-25"


def test_a_day_told_with_a_clause_of_the_same_moment_is_the_shootings():
    """A day on a verb ("dropped a pistol Tuesday night, firing a round") that is no attack word: the day hangs on a
    verb that is no attack word, but the shot is told in a clause of that same moment, not something later."""
    doc = extract_text(
        "Two hurt by one stray round\n\n"
        "Officers say a woman dropped a pistol Tuesday night, firing a round that wounded herself and a man in the "
        "next room.",
        published=DateValue("2016-07-20", "day"),
    )
    shot = [r for r in doc.reports if r.meta.get("family") == "attack"]
    # the sentence's own day, not a day guessed from the story (story_day) nor a bound
    assert shot and all(r.date.value == "2016-07-19" and r.meta.get("date_from") == "story" for r in shot)


def test_a_day_owned_by_a_hearing_is_not_the_shootings():
    """A shooting told "according to" what was said at a hearing whose weekday is the hearing's, not the shooting's."""
    doc = extract_text(
        "Couple held in deaths of two\n\n"
        "The victims were shot in a bedroom, according to testimony given at Tuesday morning's bail hearing.",
        published=TUESDAY,
    )
    shot = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert shot and not any(r.date_evidence is not None and r.date.value == "2016-07-19" for r in shot)


def test_the_weekend_of_a_shooting_is_the_day_the_story_tells_in_it():
    """A shooting "this past weekend", and a call at an hour of Saturday further down."""
    doc = extract_text(
        "Four teens shot at a backyard party\n\n"
        "Four teens who were shot at a backyard party in Elmwood this past weekend should recover. "
        "Officers got a call about 10:05 p.m. Saturday on Cedar Lane. "
        "The search for the shooter went on Monday.",
        published=DateValue("2016-07-18", "day"),
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Four teens shot"))
    assert (head.date.value, head.date.precision) == ("2016-07-16", "day")


def test_a_shooting_last_month_recalled_below_is_not_the_headlines():
    """A story of Wednesday's shooting recalls a victim shot the month before."""
    doc = extract_text(
        "Five people shot at apartment complex\n\n"
        "Witnesses said two groups were arguing in the parking lot Wednesday afternoon. "
        "Relatives said one of the victims had just left the hospital after being shot last month.",
        published=DateValue("2016-07-20", "day"),
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Five people shot"))
    assert (head.date.value, head.date.precision) == ("2016-07-20", "day")


def test_a_date_before_the_attack_word_is_the_attacks():
    """A headline with a month-day before "shooting", parsed with the date on the verb before it."""
    doc = extract_text(
        "Police identify 1 in July 12 shooting\n\n"
        "The man was robbed of his car on July 10. Officers found a teen with a gunshot wound to the chest.",
        published=DateValue("2016-07-14", "day"),
    )
    head = next(r for r in doc.reports if r.evidence.text.startswith("Police identify"))
    assert head.date.value == "2016-07-12" and head.date.text == "July 12"


def test_the_event_takes_a_day_told_of_it_over_a_day_lent_from_its_story():
    """A follow-up whose story recalls an earlier shooting on a day of its own
    lends that day to its headline; the reports that tell the event's own day win over it."""
    from eventledger.resolve.event import event_date
    from eventledger.resolve.sources import View

    def view(rid, value, date_from=None):
        report = {
            "id": rid,
            "date": {"value": value, "precision": "day", "text": "words"},
            "date_evidence": {"start": 0, "end": 5},
            "meta": {"date_from": date_from} if date_from else {},
        }
        return View(report, "src", "src", "2016-05-25", False, False)

    vs = [view("a", "2016-04-24", "story_day"), view("b", "2016-05-10", "story"), view("c", "2016-05-11", "story")]
    got = event_date(vs)
    assert (got["value"], got["precision"]) == ("2016-05-10", "day")


def test_a_roundups_stretch_of_days_is_no_days_story():
    """A city's roundup counts the shot "since Friday evening" and tells the one shooting "early Sunday": the
    stretch's first day is not the story's day, however early."""
    day = headline_day(
        "Two brothers among 9 shot in Carrow weekend violence\n\n"
        "Nine people have been shot in Carrow since Friday evening, police said. "
        "Two brothers were standing on a porch when they were shot early Sunday in the Elm Park neighborhood.",
        DateValue("2016-07-18", "day"),
        "Two brothers among",
    )
    assert day == "2016-07-17"


def test_an_arrest_after_the_days_incident_tells_the_incidents_day():
    """ "arrested after Sunday afternoon's incident": the day names the incident, not the arrest."""
    day = headline_day(
        "Dunmore man faces charge after shooting friend\n\n"
        "A Dunmore man faces a manslaughter charge after shooting his friend. "
        "Deputies say Kelvin Ardis was arrested after Sunday afternoon's incident.",
        TUESDAY,
        "Dunmore man",
    )
    assert day == "2016-07-17"


def test_the_day_police_spoke_bounds_the_shootings_they_spoke_of():
    """ "homicides occurred ... and police said Monday that ...": Monday is when they spoke (whatever the parse hangs
    it on), the shooting's day is the one told of it ("about 1 a.m. Saturday")."""
    doc = extract_text(
        "Five shootings, including a double shooting, took place in under 48 hours in a quiet county and police "
        "said Monday that it seems the attacks are linked. Rolf Annick, 52, was found dead beside his barn shot in "
        "the chest about 1 a.m. Saturday, county officials said.",
        published=TUESDAY,
    )
    first = next(r for r in doc.reports if r.evidence.text.startswith("Five shootings"))
    assert first.date.value == "2016-07-16"


def test_an_embedded_posts_day_is_when_it_was_posted():
    """The day under an embedded post's signature ("- Name (@handle) July 20, 2016") is when the post went up, like
    a dateline: no report takes it as the day of the shooting the post tells."""
    doc = extract_text(
        "Three hurt in Larkfield apartment shooting\n\n"
        "Three people were hurt by gunfire at an apartment in Larkfield Tuesday night, police said.\n\n"
        "Crews just got to the triple shooting at the Elm Court complex pic.twitter.com/Zx81kq "
        "\u2014 Dana Fields (@danafields) July 20, 2016",
        published=DateValue("2016-07-20", "day"),
    )
    attacks = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert attacks and all(r.date.text != "July 20, 2016" for r in attacks)
    assert all(r.date.value == "2016-07-19" for r in attacks)


def _attack_days(doc):
    return {r.date.value for r in doc.reports if r.meta.get("family") == "attack"}


def test_a_dateline_stamp_with_a_colon_dates_the_story():
    text = (
        "ORLEY, Ga. (August 3, 2015): A man was shot and wounded early this morning outside a bar on Pine Street, "
        "police said."
    )
    doc = extract_text(text, published=DateValue("2017-01-05", "day"))
    assert _attack_days(doc) == {"2015-08-03"}


@pytest.mark.parametrize(
    "stamp",
    [
        "Posted: Tuesday, May 5, 2015 3:20 PM",
        "Updated: 05/05/2015 6:10 PM  Created: 05/05/2015 3:20 PM",  # a stamp in figures, month first
        "Published: Tuesday, 5/5/2015 - Updated: 2 hours ago",
        "Posted 05/05/15",
    ],
)
def test_a_posting_stamp_earlier_than_published_dates_the_story(stamp):
    # `published` is a fetch date more than a year on; the page's own stamp tells when "last night" was
    text = f"Clerk wounded in Fernbridge store shooting\n\n{stamp}\n\nA store clerk was shot last night, police said."
    doc = extract_text(text, published=DateValue("2016-09-30", "day"))
    assert _attack_days(doc) == {"2015-05-04"}


def test_a_posting_stamp_run_into_the_headline_is_not_its_day():
    # the page's text runs the headline into the stamp below it: one sentence to the parser, but the stamp is the
    # page's day and the story tells its own
    text = (
        "Police name boy wounded in Fernbridge park Posted: Tuesday, May 5, 2015 4:12 PM CDT\n\n"
        "Police say the 3-year-old was at the park with a relative Monday night when he was shot in the arm."
    )
    doc = extract_text(text, published=DateValue("2015-05-05", "day"))
    assert _attack_days(doc) == {"2015-05-04"}


@pytest.mark.parametrize(
    "stamp",
    [
        "Updated: Friday, October 7, 2016 6:44 PM",  # an update after the page's date: the page's date stands
        "Date - May 1st, 2016",  # a release's "Date" may head the incident's details, not its posting
    ],
)
def test_no_posting_stamp_moves_the_date(stamp):
    text = f"Clerk wounded in Fernbridge store shooting\n\n{stamp}\n\nA store clerk was shot last night, police said."
    doc = extract_text(text, published=DateValue("2016-05-03", "day"))
    assert _attack_days(doc) == {"2016-05-02"}


@pytest.mark.parametrize(
    "text, day",
    [
        (
            "A 6-year-old boy who shot himself with a relative's pistol in Alder Creek has died, deputies said. "
            "The boy had been taken to a hospital Sunday in critical condition. He died on Monday.",
            "2016-07-17",
        ),
        (
            "On July 14, 2016 at about 9 p.m., officers in Marlow Falls found a teenager with a gunshot wound to the "
            "head. On Sunday, July 17, 2016, the teenager was pronounced dead at a hospital.",
            "2016-07-14",
        ),
        # no earlier day in the story: the day of death is the day it tells
        ("A man was shot outside a bar in Alder Creek and died Monday at a hospital, police said.", "2016-07-18"),
    ],
)
def test_the_day_of_the_shooting_not_the_day_the_wounded_died(text, day):
    # the headline is dated by its story, whose first dated report tells the death
    doc = extract_text(f"Wounded boy dies after Alder Creek shooting\n\n{text}", published=TUESDAY)
    assert _attack_days(doc) == {day}


def test_part_of_a_month_takes_the_day_its_story_tells():
    text = (
        "Reward offered after Halden home invasion\n\n"
        "Police are offering a reward for information about a home invasion in late June in which a man was shot. "
        "Two men forced their way into the house on Birch Lane on the night of June 28, deputies said."
    )
    doc = extract_text(text, published=DateValue("2016-07-02", "day"))
    assert _attack_days(doc) == {"2016-06-28"}


def _titled(title: str, text: str) -> Document:
    """A one-segment page whose headline is known, as the cleaner gives it."""
    seg = Segment(
        id="seg_t", document="doc_t", index=0, kind="article", text=text, title=title, pieces=[Piece(0, 0, len(text))]
    )
    doc = Document(
        id="doc_t",
        path="<text>",
        kind="article",
        content=text.encode(),
        text=text,
        title=title,
        published=TUESDAY,
        segments=[seg],
    )
    Extractor().process([doc])
    return doc


@pytest.mark.parametrize(
    "headline, day",
    [
        (
            "Man charged in shooting of Alder Creek teen",
            "2016-07-18",
        ),  # the charge is the news: the shooting came before
        ("Victim of Alder Creek shooting identified", "2016-07-18"),
        ("Teen ID\u2019d in Alder Creek shooting", "2016-07-18"),  # a typographic apostrophe is the same word
        ("Teen wounded in Alder Creek shooting", "2016-07-19"),  # the shooting is the news: the page's day
    ],
)
def test_a_story_that_tells_no_day_is_dated_by_what_its_headline_reports(headline, day):
    text = f"{headline}\n\nA 16-year-old was shot in the leg on Birch Lane in Alder Creek, police said."
    doc = _titled(headline, text)
    assert _attack_days(doc) == {day}


def test_a_day_still_to_come_is_not_the_story_day():
    """ "An autopsy is scheduled for Thursday" on a Thursday's page: the day of something still to come, not one the
    story tells of its shooting, so the page dates it as a bound."""
    text = (
        "Man found shot dead in Larkfield home\n\nDeputies found a man dead of a gunshot wound in a house on Elm "
        "Street in Larkfield. An autopsy is scheduled for Thursday."
    )
    doc = extract_text(text, published=DateValue("2016-07-21", "day"))
    shot = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert shot and all(r.date_evidence is None and r.meta.get("date_from") != "story_day" for r in shot)


def test_a_day_right_after_a_charge_name_is_the_charges():
    """ "charged with murder Thursday": the attack word names the charge, so the day is the charge's; the shooting's
    day is the one its own words carry further on."""
    doc = extract_text(
        "Detectives say a clerk's nephew, 19, was charged with murder Thursday over the deadly shooting outside "
        "a Larkfield gas station on Tuesday.",
        published=DateValue("2016-07-22", "day"),
    )
    shot = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert shot and all(r.date.value == "2016-07-19" for r in shot)


def test_a_day_spent_throughout_is_a_stretch_before_the_shooting():
    """ "celebrated ... throughout Friday" tells what went before; the day the story tells of the death is the day."""
    doc = extract_text(
        "Man shot in revolver game\n\nA 25-year-old man died early Saturday morning at a house on Pine Street. "
        "He had celebrated his birthday with friends throughout Friday.",
        published=DateValue("2016-07-17", "day"),
    )
    shot = [r for r in doc.reports if r.meta.get("family") == "attack"]
    assert shot and all(r.date.value == "2016-07-16" for r in shot)


def test_a_page_dated_only_by_its_page_date_does_not_bound_the_days_other_pages_tell():
    """A page that names no day and carries a page date before the shooting (a wrong date, a re-saved page) must
    not throw out the day every other page tells of it."""
    from eventledger.resolve.event import event_date
    from eventledger.resolve.sources import View

    said = {"text": "Saturday"}
    told = {"id": "a", "date": {"value": "2017-04-01", "precision": "day", **said}, "date_evidence": {"start": 0}}
    page = {"id": "b", "date": {"value": "2017-03-30", "precision": "day"}, "meta": {"date_from": "document"}}
    vs = [View(told, "src", "src", "2017-04-02", False, False), View(page, "src", "src", "2017-03-30", False, False)]
    got = event_date(vs)
    assert (got["value"], got["precision"]) == ("2017-04-01", "day")


def test_a_follow_up_months_on_takes_the_day_it_names_the_shooting_by():
    """A story four months on tells its own days of what followed (a release from custody) and names the attack
    by its day ("the Aug. 31 shooting"): that day is the story's, however long ago."""
    day = headline_day(
        "Drug ring found after boy was shot\n\n"
        "The pistol used in the shooting of a boy in August was sold to two dealers, an agent testified this week. "
        "A teen faces assault counts over the Aug. 31 shooting of a classmate at a home. "
        "One dealer was released from custody Tuesday, the judge said.",
        DateValue("2016-12-22", "day"),
        "Drug ring found",
    )
    assert day == "2016-08-31"


def test_a_shooting_named_by_a_day_long_ago_is_not_the_days_news():
    """A new shooting told with its own day is not dated by an older one the story recalls by its day."""
    day = headline_day(
        "Two men wounded in Brantley\n\n"
        "Two men were wounded early Sunday outside a bar on Elm Street. "
        "It was the second shooting there since the March 23 shooting of four people.",
        TUESDAY,
        "Two men wounded",
    )
    assert day == "2016-07-17"


def test_a_recent_stretch_is_no_sentences_own_day():
    """ "three teens have been shot dead ... since early Friday": the stretch's first day is the window of a
    roundup, not the day of the sentence's own killing; the day the story tells of it is ("shot Sunday")."""
    doc = extract_text(
        "Cousins among 11 killed in a bloody weekend in Carrow\n\n"
        "The cousins were two of three teens shot dead across Carrow since early Friday. "
        "The pair were shot on a corner of the Elm Park neighborhood on Sunday, police said.",
        published=DateValue("2016-07-18", "day"),
    )
    assert doc.reports and {r.date.value for r in doc.reports} == {"2016-07-17"}


def test_a_stretch_long_past_still_dates_its_tally():
    """ "every shooting since Aug. 1, 1966": a stretch from decades ago is no roundup of the last days, and its
    date keeps the tally's report apart from the day's news."""
    doc = extract_text(
        "The paper has counted every school shooting in which people died since Aug. 1, 1966.", published=TUESDAY
    )
    assert doc.reports and all(r.date.value == "1966-08-01" for r in doc.reports)


def test_a_day_in_a_sentence_naming_the_attack_by_another_time_is_not_the_attacks():
    """ "spoke to reporters Thursday about a weekend shooting": Thursday is the day of what followed; the day the
    story tells of the shooting itself ("late Saturday") is the story's day, though its sentence names no attack."""
    day = headline_day(
        "Boy, 6, killed by stray round inside family home\n\n"
        "The Carrow police chief briefed the press for the first time Thursday on a weekend shooting that took "
        "the life of a boy of 6. The boy was watching television late Saturday when rounds came through the wall.",
        DateValue("2016-07-21", "day"),
        "Boy, 6,",
    )
    assert day == "2016-07-16"


def test_a_follow_up_names_its_attack_by_its_day_not_the_earlier_cases_it_recalls():
    """A charge story names its shooting by its day ("in connection with the July 2 fatal shooting") and recalls an
    older case of the same kind: its headline tells the named shooting, not the earliest day of its shootings."""
    headline = "Couple charged in fatal shooting of grandson, 4"
    doc = _titled(
        headline,
        f"{headline}\n\n"
        "Prosecutors filed charges against a Carrow couple in connection with the July 2 fatal shooting of their "
        "grandson. In a separate case on June 12, a girl of 3 was shot and killed with a pistol left on a sofa.",
    )
    assert next(r for r in doc.reports if r.evidence.text.startswith("Couple")).date.value == "2016-07-02"


def test_this_week_with_no_day_told_is_bounded_by_the_page_date():
    """ "the city's second fatal shooting this week", on a Friday page whose week began in the month before: no day
    is told, and the week holds the page's date, which bounds the shooting (not the year a split week resolves to)."""
    day = headline_day(
        "Girl, 16, shot dead in the second fatal shooting in Carrow this week\n\n"
        "Police said a girl of 16 died of gunshot wounds on a porch in Carrow.",
        DateValue("2016-09-02", "day"),
        "Girl, 16,",
    )
    assert day == "2016-09-02"


@pytest.mark.parametrize(
    "text, anchor, days",
    [
        # the night ran past midnight: the clock time names the calendar day
        (
            "Gunfire broke out at a dance hall Friday night. Officers took the first call at 2:05 a.m. July 16.",
            TUESDAY,
            ["2016-07-16", "2016-07-16"],
        ),
        (
            "Three were hurt on New Year's Eve at a party. Deputies arrived about 1:20 a.m. Jan. 1.",
            DateValue("2016-01-05", "day"),
            ["2016-01-01", "2016-01-01"],
        ),
        # small hours of what followed keep the night its own day
        (
            "A cook was wounded Friday night behind a diner. He died at 3 a.m. Saturday at a hospital.",
            TUESDAY,
            ["2016-07-15", "2016-07-16"],
        ),
        # an evening clock time is no sign
        (
            "A cook was wounded Friday night behind a diner. Police got the call at 11:40 p.m. Friday.",
            TUESDAY,
            ["2016-07-15", "2016-07-15"],
        ),
    ],
)
def test_a_night_told_with_the_small_hours_after_it_is_the_next_calendar_day(text, anchor, days):
    assert [dv.value for _, _, dv in find_dates(text, anchor=anchor)] == days


@pytest.mark.parametrize(
    "volley",
    [
        "Prosecutors say he was firing into a house on Pine Street on Dec. 27.",
        "Prosecutors say a rival gunned down the boy's father behind a bakery on Dec. 27.",
    ],
)
def test_gunfire_told_without_a_trigger_word_is_the_attack_of_the_story(volley):
    """The shooting is told by words that are no trigger ("firing into", "gunned down"); a later volley is told with
    shots: the story's day is the earliest attack told, the first volley's, not the later one's."""
    day = headline_day(
        f"Man charged in shooting death of toddler\n\n{volley} "
        "He is also accused of firing shots at a parked van on Dec. 28.",
        DateValue("2015-01-12", "day"),
        "Man charged",
    )
    assert day == "2014-12-27"


def test_last_weekday_told_the_day_after_it_is_still_the_storys_day():
    """ "last Friday" under a page of Saturday is eight days back, one more than a bare weekday reaches: still the
    day the story tells, not a later day of its story."""
    day = headline_day(
        "Boy hurt in accidental shooting\n\n"
        "A boy accidentally shot himself last Friday at a family cookout, authorities said. "
        "Deputies went out to the farmhouse on a shooting call about 10 p.m. Tuesday.",
        DateValue("2014-11-22", "day"),
        "Boy hurt",
    )
    assert day == "2014-11-14"
