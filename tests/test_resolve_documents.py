"""Documents that tell one happening join their lead events (resolve/cluster.py link_documents), whatever the
noisy fields their reports were given; documents of other happenings stay apart; the result does not depend on
the order of the reports."""

from __future__ import annotations

import random
from datetime import date, timedelta

from eventledger.records import Place
from eventledger.resolve import resolve
from eventledger.resolve.cluster import DocumentModel, leads
from eventledger.resolve.config import ResolveConfig
from eventledger.resolve.features import profile
from eventledger.resolve.sources import canonical_key, views
from support.resolve import ctx, report

CFG = ResolveConfig.load()
OAK = Place(name="Oakland", city="Oakland", admin1="California", country="US", precision="city")
FRESNO = Place(name="Fresno", city="Fresno", admin1="California", country="US", precision="city")

STORY = (
    "Darnell Whitcomb, 24, was shot outside the Lakeshore Laundromat on Fenwick Street late on Friday. "
    "Officers found Whitcomb wounded near the Fenwick Street bus shelter; Sergeant Ilse Marrow said the "
    "shooter fled in a grey Kestrel sedan."
)
OTHER = (
    "A woman was wounded when gunfire erupted at a birthday party on Quarry Road on Sunday, deputies said. "
    "Captain Tobin Alvarez asked witnesses to come forward; no arrest has been made."
)


def _doc(doc: str, text: str, place: Place, day: str, published: str, title: str) -> tuple[dict, dict]:
    r = report(doc, 0, date=(day, "day"), place=place, text=text.split(". ")[0])
    c = {**ctx(f"outlet {doc}", published=(published, "day")), "title": title, "text": text}
    return r, c


def _world():
    docs = [
        _doc("a1", STORY, OAK, "2016-05-06", "2016-05-07", "Man shot outside Lakeshore Laundromat"),
        # the same story with a wrongly read place and day: the words still tell one shooting
        _doc(
            "a2",
            STORY.replace("late on Friday", "on Friday night"),
            FRESNO,
            "2016-04-29",
            "2016-05-08",
            "Police seek grey Kestrel after Fenwick Street shooting",
        ),
        _doc("a3", OTHER, OAK, "2016-05-08", "2016-05-09", "Woman wounded at Quarry Road party"),
    ]
    return [r for r, _ in docs], {r["id"]: c for r, c in docs}


def _groups(res):
    return sorted(sorted(r["document"] for r in e.reports) for e in res.events)


def test_documents_telling_one_shooting_are_one_event_despite_conflicting_fields():
    R, C = _world()
    assert _groups(resolve(R, contexts=C)) == [["a1", "a2"], ["a3"]]


def test_without_the_document_model_the_conflicting_fields_keep_them_apart():
    R, C = _world()
    res = resolve(R, contexts={k: {x: v for x, v in c.items() if x != "text"} for k, c in C.items()})
    assert _groups(res) == [["a1"], ["a2"], ["a3"]]  # no document text: the report fields alone decide


def test_document_linking_does_not_depend_on_order():
    R, C = _world()
    want = {e.id: sorted(r["id"] for r in e.reports) for e in resolve(R, contexts=C).events}
    for seed in range(3):
        shuffled = random.Random(seed).sample(R, len(R))
        got = {e.id: sorted(r["id"] for r in e.reports) for e in resolve(shuffled, contexts=C).events}
        assert got == want


def test_the_lead_is_the_first_main_report_that_follows_nothing():
    R = [
        {**report("d", 0, text="Arrests follow shooting"), "salience": "main", "follows": "x"},
        {**report("d", 1, text="A man was shot"), "salience": "main"},
        {**report("d", 2, text="Last year a bombing"), "salience": "background"},
    ]
    R[0]["evidence"]["start"], R[1]["evidence"]["start"], R[2]["evidence"]["start"] = 0, 10, 20
    vs = views(R, {r["id"]: ctx("o") for r in R}, CFG)
    order = sorted(vs.values(), key=canonical_key)
    profiles = [profile(v.report, canonical_key(v), CFG) for v in order]
    (i,) = leads(profiles).values()
    assert profiles[i].id == R[1]["id"]


def test_the_shipped_document_model_loads():
    m = DocumentModel.load()
    assert m is not None and m.model.threshold is not None and m.window > 0 and m.top > 0


def test_a_background_mention_earns_no_same_document_head_start():
    from eventledger.resolve.features import pair_score

    main = {**report("d", 0, place=OAK, text="A man was shot on Fenwick Street"), "salience": "main"}
    told = {**report("d", 1, place=OAK, text="He was wounded near the bus shelter"), "salience": "main"}
    past = {**report("d", 2, place=OAK, text="In 2002 a guard was shot nearby"), "salience": "background"}
    p = {r["id"]: profile(r, (r["id"],), CFG) for r in (main, told, past)}
    assert pair_score(p[main["id"]], p[told["id"]], CFG) >= CFG.same_document_score
    assert pair_score(p[main["id"]], p[past["id"]], CFG) < CFG.same_document_score


def _trial_world(proceeding: bool, named: bool = True, street: bool = True):
    shooting = _doc("s1", STORY, OAK, "2016-05-06", "2016-05-07", "Man shot outside Lakeshore Laundromat")
    victim = "Darnell Whitcomb" if named else "a young man"
    text = (
        f"A man was sentenced on Monday to 20 years for shooting {victim} outside the Lakeshore Laundromat "
        "on Fenwick Street. " + STORY.split(". ", 1)[1]
    )
    if not street:
        text = text.replace("Fenwick Street", "the avenue")
    r, c = _doc("s2", text, OAK, "2017-01-09", "2017-01-10", "Man sentenced in Lakeshore Laundromat shooting")
    if proceeding:
        r["meta"] = {**(r.get("meta") or {}), "proceeding": True}
    docs = [shooting, (r, c)]
    return [r for r, _ in docs], {r["id"]: c for r, c in docs}


def test_a_trial_story_months_later_looks_back_to_its_shooting():
    # outside the document search's window (a month): only a story told through a proceeding looks back so far
    # by its words alone (one naming the victim does too: test_a_late_follow_up_that_names_the_victim_..., and
    # one naming the street)
    R, C = _trial_world(proceeding=True, named=False, street=False)
    assert _groups(resolve(R, contexts=C)) == [["s1", "s2"]]
    R, C = _trial_world(proceeding=False, named=False, street=False)
    assert _groups(resolve(R, contexts=C)) == [["s1"], ["s2"]]
    R, C = _trial_world(proceeding=False, named=False, street=True)
    assert _groups(resolve(R, contexts=C)) == [["s1", "s2"]]


def test_a_segment_that_tells_only_history_does_not_join_todays_event_by_its_words():
    # its words are today's story's, but the one date it states is five years before it was published
    today = _doc("h1", STORY, OAK, "2016-05-06", "2016-05-07", "Man shot outside Lakeshore Laundromat")
    past = _doc("h2", STORY, OAK, "2011-05-06", "2016-05-08", "Lakeshore Laundromat, again")
    R, C = [r for r, _ in (today, past)], {r["id"]: c for r, c in (today, past)}
    assert _groups(resolve(R, contexts=C)) == [["h1"], ["h2"]]
    recent = _doc("h3", STORY, OAK, "2016-05-05", "2016-05-08", "Lakeshore Laundromat, again")
    R, C = [r for r, _ in (today, recent)], {r["id"]: c for r, c in (today, recent)}
    assert _groups(resolve(R, contexts=C)) == [["h1", "h3"]]


def _vigil_world(named: bool, street: bool = True):
    shooting = _doc("v1", STORY, OAK, "2016-05-06", "2016-05-07", "Man shot outside Lakeshore Laundromat")
    who = "Darnell Whitcomb" if named else "the young man"
    text = (
        f"Relatives of {who} gathered on Fenwick Street on Saturday to mark three months since the shooting "
        "outside the Lakeshore Laundromat. Sergeant Ilse Marrow said the grey Kestrel sedan was never found."
    )
    if not street:
        text = text.replace("Fenwick Street", "the avenue")
    r, c = _doc("v2", text, OAK, "2016-08-06", "2016-08-07", "Vigil on Fenwick Street" if street else "Vigil")
    docs = [shooting, (r, c)]
    return [r for r, _ in docs], {r["id"]: c for r, c in docs}


def test_a_late_follow_up_that_names_the_victim_looks_back_to_its_shooting():
    # months past the document search's window and told through no proceeding: the victim, introduced with an
    # age in the first story, is named again
    R, C = _vigil_world(named=True)
    assert _groups(resolve(R, contexts=C)) == [["v1", "v2"]]
    R, C = _vigil_world(named=False, street=False)  # nor the street (a street named again links too)
    assert _groups(resolve(R, contexts=C)) == [["v1"], ["v2"]]


def _march_world(stated: str, street: bool = True):
    shooting = _doc("m1", STORY, OAK, "2016-05-06", "2016-05-07", "Man shot outside Lakeshore Laundromat")
    text = (
        "Neighbours marched along Fenwick Street on Sunday to the Lakeshore Laundromat, where a young man was shot "
        "in May. Sergeant Ilse Marrow said the grey Kestrel sedan the shooter fled in was never found."
    )
    if not street:
        text = text.replace("Fenwick Street", "the avenue")
    r, c = _doc("m2", text, OAK, stated, "2016-07-11", "March on Fenwick Street" if street else "March")
    docs = [shooting, (r, c)]
    return [r for r, _ in docs], {r["id"]: c for r, c in docs}


def test_a_story_dating_its_shooting_weeks_back_is_searched_for_around_that_day():
    # published two months on, naming nobody and told through no proceeding: the day its lead states is the key
    R, C = _march_world("2016-05-06")
    assert _groups(resolve(R, contexts=C)) == [["m1", "m2"]]
    # a lead of its own day looks only around its publication (naming no street: a street named again links too)
    R, C = _march_world("2016-07-10", street=False)
    assert _groups(resolve(R, contexts=C)) == [["m1"], ["m2"]]


def test_an_event_only_mentioned_in_passing_is_marked_background():
    # a 2009 market bombing named as context in two stories of a new shooting: an event, but no one's news
    day = ("2016-05-06", "day")
    past = ("2009-03-14", "day")
    fenwick = Place(name="Fenwick", city="Fenwick", admin1="Ohio", country="US", precision="city")
    R = [
        {**report("a", 0, date=day, place=OAK, text="A man was shot on Fenwick Street"), "salience": "main"},
        {
            **report("a", 1, date=past, place=fenwick, text="In 2009 a bomb killed four in the market"),
            "salience": "background",
        },
        {**report("b", 0, date=day, place=OAK, text="A man was shot dead on Fenwick Street"), "salience": "main"},
        {
            **report("b", 1, date=past, place=fenwick, text="A market bomb killed four in 2009"),
            "salience": "background",
        },
    ]
    C = {r["id"]: ctx(f"outlet {r['document']}") for r in R}
    events = {e.date["value"]: e for e in resolve(R, contexts=C).events}
    assert events["2016-05-06"].background is False
    old = events["2009-03-14"]
    assert old.background is True and old.to_dict()["background"] is True
    assert {r["salience"] for r in old.reports} == {"background"}


def test_a_hearing_days_date_and_the_toll_are_told_to_the_document_model():
    from eventledger.resolve.cluster import document_features
    from eventledger.resolve.text import TextIndex

    shot = report("k1", 0, date=("2016-05-06", "day"), place=OAK, counts={"killed": [(2, "exact")]}, text="Two shot")
    heard = report("k2", 0, date=("2016-09-12", "day"), place=OAK, counts={"killed": [(2, "exact")]}, text="Charged")
    other = report("k3", 0, date=("2016-05-06", "day"), place=OAK, counts={"killed": [(3, "exact")]}, text="Three")
    heard["meta"] = {**(heard.get("meta") or {}), "proceeding": True}
    p = {r["document"]: profile(r, (r["id"],), CFG) for r in (shot, heard, other)}
    text = TextIndex.build([shot, heard, other], {})
    # a trial story dated by its hearing: a date conflict, but not the conflict of two shootings
    f = document_features(p["k1"], p["k2"], CFG, text, 0.3)
    assert f["date_conflict"] == 1.0 and f["date_proceeding"] == 1.0 and f["counts_same"] == 1
    f = document_features(p["k1"], p["k3"], CFG, text, 0.3)
    assert "date_proceeding" not in f and f["counts_differ"] == 1 and "counts_same" not in f


def test_two_documents_read_whole_are_left_to_the_document_model_below_the_read_threshold():
    from eventledger.resolve.cluster import pair_scores
    from eventledger.resolve.text import TextIndex

    one = _doc("w1", STORY, OAK, "2016-05-06", "2016-05-07", "Man shot outside Lakeshore Laundromat")
    two = _doc("w2", OTHER, OAK, "2016-05-06", "2016-05-07", "Woman wounded at Quarry Road party")
    past = {**report("w3", 0, date=("2016-05-06", "day"), place=OAK, text="He was shot"), "salience": "background"}
    R, C = [one[0], two[0], past], {one[0]["id"]: one[1], two[0]["id"]: two[1], past["id"]: ctx("w3")}
    C[past["id"]]["text"] = "Last year a man was shot on the same corner, police recalled."
    text = TextIndex.build(R, C)
    p = [profile(r, (r["id"],), CFG) for r in R]
    # any probability is below 1: the two news reports' pair is left to the document model
    assert (0, 1) in pair_scores(p, CFG.with_overrides(read_threshold=None), text)
    got = pair_scores(p, CFG.with_overrides(read_threshold=1.0), text)
    assert (0, 1) not in got and got.ok(0, 1)
    # a background mention is never a document's lead: its pair scores are all that can join it
    assert (0, 2) in got and (1, 2) in got


def test_two_stories_naming_different_streets_are_left_to_the_document_model():
    from eventledger.resolve.cluster import pair_scores
    from eventledger.resolve.text import TextIndex

    def story(street: str) -> str:
        return f"A man was shot on {street} on Friday evening, police said. He is expected to recover."

    def world(street_b: str):
        one = _doc("v1", story("Fenwick Street"), OAK, "2016-05-06", "2016-05-07", "Man shot in Oakland")
        two = _doc("v2", story(street_b), OAK, "2016-05-06", "2016-05-07", "Man wounded in Oakland")
        R, C = [one[0], two[0]], {one[0]["id"]: one[1], two[0]["id"]: two[1]}
        return [profile(r, (r["id"],), CFG) for r in R], TextIndex.build(R, C)

    cfg = CFG.with_overrides(read_threshold=0.0)  # any pair score would do: only the streets decide
    p, text = world("Fenwick Street")
    assert (0, 1) in pair_scores(p, cfg, text)
    # the pair model does not read streets: two shootings of a city and day on different streets go to the
    # document model, which weighs them
    p, text = world("Quarry Road")
    got = pair_scores(p, cfg, text)
    assert (0, 1) not in got and got.ok(0, 1)


# alike words, but no street and no person introduced by age: nothing but the words and the days to go by
PLAIN = (
    "A man was wounded by gunfire outside a laundromat late in the evening, police said. Officers found him "
    "near a bus shelter; witnesses told them the shooter fled in a grey sedan."
)


def _fresh_world(follow_up_tells_the_day: bool, later_day: str = "2016-05-27"):
    first = _doc("f1", PLAIN, OAK, "2016-05-06", "2016-05-07", "Man wounded outside laundromat")
    after = (date.fromisoformat(later_day) + timedelta(days=1)).isoformat()
    later = _doc("f2", PLAIN, OAK, later_day, after, "Man wounded outside laundromat")
    R, C = [first[0], later[0]], {first[0]["id"]: first[1], later[0]["id"]: later[1]}
    if follow_up_tells_the_day:
        back = report("f2", 1, date=("2016-05-06", "day"), place=OAK, text="He was first shot on May 6")
        R.append(back)
        C[back["id"]] = later[1]
    return R, C


def test_two_fresh_stories_weeks_apart_are_two_shootings_however_alike_their_words():
    R, C = _fresh_world(False)
    assert _groups(resolve(R, contexts=C)) == [["f1"], ["f2"]]


def test_two_fresh_stories_a_week_apart_are_two_shootings_however_alike_their_words():
    # each story dates its shooting the day before it appeared: days eight apart cannot be one shooting
    R, C = _fresh_world(False, later_day="2016-05-14")
    assert _groups(resolve(R, contexts=C)) == [["f1"], ["f2"]]


def test_a_fresh_story_that_also_tells_the_earlier_day_is_a_follow_up_of_it():
    R, C = _fresh_world(True)
    assert _groups(resolve(R, contexts=C)) == [["f1", "f2", "f2"]]


def _street_world(place_b: Place, street_b: str):
    # fresh stories three weeks apart: only a street named again could make the later one a follow-up
    first = _doc("s1", f"{PLAIN} It happened on Linden Place.", OAK, "2016-05-06", "2016-05-07", "Man wounded")
    later = _doc("s2", f"{PLAIN} It happened on {street_b}.", place_b, "2016-05-27", "2016-05-28", "Man wounded")
    return [first[0], later[0]], {first[0]["id"]: first[1], later[0]["id"]: later[1]}


def test_a_street_named_again_in_the_same_town_links_a_later_story():
    R, C = _street_world(OAK, "Linden Place")
    assert _groups(resolve(R, contexts=C)) == [["s1", "s2"]]


def test_a_street_of_that_name_in_another_town_is_another_street():
    # neighbouring towns often have streets of one name (a Linden Place here, a South Linden Street there)
    berkeley = Place(name="Berkeley", city="Berkeley", admin1="California", country="US", precision="city")
    R, C = _street_world(berkeley, "South Linden Street")
    assert _groups(resolve(R, contexts=C)) == [["s1"], ["s2"]]
