"""Best estimates (issue 17): always inside [low, high] under every named policy; bounds and early figures are
superseded, never the best; one figure told by two reports is one value; a lower bound, a branch of a group and
two publication days are no contradictions."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventledger.resolve import POLICIES, ResolveConfig, best, contested, summarize
from eventledger.resolve.contradictions import _incompatible, _stated_day
from eventledger.resolve.values import disagreeing

CFG = ResolveConfig.load()
QUALIFIERS = ["exact", "at least", "more than", "nearly", "around", "up to"]


def v(value, qualifier="exact", *, report="r", published=None, who=None, low=None, high=None, origin=None):
    return {
        "value": value,
        "qualifier": qualifier,
        "low": low,
        "high": high,
        "who": who,
        "evidence": None,
        "report": report,
        "origin": origin or report,
        "published": published,
        "opinion": False,
    }


figure = st.builds(
    lambda value, q, day, who, n: v(value, q, report=f"r{n}", published=day, who=who),
    st.integers(0, 500),
    st.sampled_from(QUALIFIERS),
    st.one_of(st.none(), st.sampled_from(["2024-03-22", "2024-03-23", "2024-03-25T10:00", "2024-03-25"])),
    st.sampled_from([None, None, "children"]),
    st.integers(0, 50),
)
vague = st.builds(
    lambda lo, hi, n: {**v(None, "vague", report=f"v{n}"), "low": lo, "high": hi},
    st.integers(0, 100),
    st.integers(100, 999),
    st.integers(0, 50),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(figure, vague), min_size=1, max_size=8), st.sampled_from(POLICIES))
def test_best_is_always_inside_low_high(values, policy):
    s = summarize(values, policy=policy, cfg=CFG)
    if s["best"] is not None:
        assert s["low"] <= s["best"] <= s["high"], s


@pytest.mark.parametrize("policy", POLICIES)
def test_an_early_lower_bound_never_becomes_the_best(policy):
    vals = [
        v(40, "at least", report="a", published="2024-03-22"),
        v(133, report="b", published="2024-03-23"),
        v(137, report="c", published="2024-03-24"),
        v(139, report="d", published="2024-03-25"),
        v(145, report="e", published="2024-03-26"),
        v(143, report="f", published="2024-03-26"),
    ]
    s = summarize(vals, policy=policy, cfg=CFG)
    assert 133 <= s["best"] <= 145 and s["low"] >= 133


@pytest.mark.parametrize("policy", POLICIES)
def test_an_early_exact_figure_is_superseded_by_a_later_higher_one(policy):
    vals = [v(1, report="a", published="2015-06-01"), v(2, report="b", published="2015-06-03")]
    s = summarize(vals, policy=policy, cfg=CFG)
    assert (s["best"], s["contested"]) == (2, False)


def test_more_than_is_inside_its_own_range():
    s = summarize([v(100, "more than", low=101)], policy="acled", cfg=CFG)
    assert (s["low"], s["best"], s["high"]) == (101, 101, 101)
    s = summarize(
        [v(100, "more than"), {**v(None, "vague", report="x"), "low": 200, "high": 999}], policy="acled", cfg=CFG
    )
    assert s["low"] <= s["best"] <= s["high"]


def test_a_lower_bound_is_no_contradiction_of_a_higher_figure():
    assert not contested([v(40, "at least", report="a"), v(137, report="b")], CFG)
    assert not contested([v(40, "at least", report="a"), v(144, report="b"), v(139, "at least", report="c")], CFG)
    assert contested([v(137, report="a"), v(144, report="b")], CFG)


def test_one_figure_from_two_reports_is_one_value():
    vals = [v(139, report="a"), v(139, "at least", report="b"), v(137, report="c")]
    got = disagreeing(vals, CFG)
    assert [(x["value"], x["reports"]) for x in got] == [(137, ["c"]), (139, ["a", "b"])]
    assert got[1]["qualifier"] == "exact" and got[1]["qualifiers"] == ["exact", "at least"]


def test_acled_is_the_lowest_current_firm_figure():
    vals = [v(144, report="a"), v(139, "at least", report="b"), v(137, report="c")]
    assert best(vals, "acled") == 137


def test_a_branch_and_its_parent_are_compatible():
    assert not _incompatible({"islamic-state", "islamic-state-khorasan"}, CFG.parents)
    assert _incompatible({"islamic-state-khorasan", "ukraine"}, CFG.parents)


def test_a_publication_day_is_no_stated_day():
    told = {"date": {"value": "2024-03-23", "precision": "day"}, "meta": {"date_from": "document"}}
    stated = {"date": {"value": "2024-03-22", "precision": "day", "text": "Friday"}, "meta": {}}
    assert not _stated_day(told) and _stated_day(stated)


def _event_counts(**kinds):
    from eventledger.resolve.values import hit_not_killed

    counts = {k: summarize(vals, policy="acled", cfg=CFG) for k, vals in kinds.items()}
    hit_not_killed(counts, policy="acled")
    return counts


def test_injured_is_the_shot_less_the_killed():
    # five people shot, two officers among them; two of them died
    c = _event_counts(shot=[v(5, report="a")], killed=[v(2, report="a")])
    assert c["injured"]["best"] == 3 and c["injured"]["low"] <= 3 <= c["injured"]["high"]
    # "a teen was shot" in an article that tells his death: nobody injured
    c = _event_counts(shot=[v(1, "at least", report="a")], killed=[v(1, "at least", report="b")])
    assert c["injured"]["best"] == 0


def test_a_wounded_figure_that_says_more_wins_over_the_derived_one():
    c = _event_counts(shot=[v(4, report="a")], killed=[v(2, report="a")], injured=[v(3, report="b")])
    assert c["injured"]["best"] == 3 and "derived" not in c["injured"]


def test_a_named_victim_is_superseded_by_a_fuller_figure():
    # "two others injured" x3 and "she was grazed" (at least 1): the best is 2, not the lowest figure
    vals = [v(2, report="a"), v(2, report="b"), v(2, report="c"), v(1, "at least", report="d")]
    assert summarize(vals, policy="acled", cfg=CFG)["best"] == 2
    # a figure of a part ("2 children dead") makes a lower figure of the whole obsolete
    vals = [v(2, who="children", report="a"), v(1, "at least", report="b")]
    assert summarize(vals, policy="acled", cfg=CFG)["best"] == 2


def test_figures_of_others_are_below_a_whole_figure_and_above_a_group():
    # issue 17, GVA training part: "wounded five others" beside "two women wounded" took the women's 2
    assert best([v(5, who="others", report="a"), v(2, who="women", report="b")], "acled") == 5
    assert best([v(2, who="others", report="a"), v(None, "vague", low=3, high=9, report="b")], "acled") == 2
    assert best([v(3, report="a"), v(2, who="others", report="b")], "acled") == 3


def test_a_parent_and_its_branch_are_one_side_of_a_perpetrator_contradiction():
    from eventledger.resolve.contradictions import _perpetrator_values

    perps = [
        {"actor": "Islamic State", "actor_id": "islamic-state", "basis": "claimed", "reports": ["r1"]},
        {"actor": "IS-K", "actor_id": "islamic-state-khorasan", "basis": "reported", "reports": ["r2"]},
        {"actor": "Ukraine", "actor_id": None, "basis": "attributed", "reports": ["r3"]},
    ]
    got = _perpetrator_values(perps, CFG.parents)
    assert [v["value"] for v in got] == ["islamic-state-khorasan", "ukraine"]
    assert got[0]["reports"] == ["r1", "r2"]


def test_a_group_and_its_affiliated_faction_are_no_contradiction():
    # the demo's Peshawar bombing: TTP claimed, police blamed Jamaat-ul-Ahrar, a TTP faction
    assert not _incompatible({"ttp", "jamaat-ul-ahrar"}, CFG.parents, CFG.affiliates)
    assert _incompatible({"ttp", "islamic-state"}, CFG.parents, CFG.affiliates)


def _doc(value, qualifier, *, document, published):
    return {**v(value, qualifier, report=document, published=published), "document": document}


def _hurt_then_dead(**kinds):
    from eventledger.resolve.values import hurt_then_dead

    counts = {k: summarize(vals, policy="acled", cfg=CFG) for k, vals in kinds.items()}
    hurt_then_dead(counts)
    return counts


def test_one_person_told_hurt_and_later_told_dead_is_not_injured_too():
    # issue 17: "a clerk badly hurt" in the first article, "the clerk has died" in the next: one person, killed
    c = _hurt_then_dead(
        injured=[_doc(1, "at least", document="first", published="2020-05-01")],
        killed=[_doc(1, "at least", document="second", published="2020-05-03")],
    )
    assert c["injured"]["best"] == 0 and c["injured"]["low"] <= 0 and c["injured"]["values"]
    # an article that tells a death and someone hurt tells two people
    c = _hurt_then_dead(
        injured=[_doc(1, "at least", document="first", published="2020-05-01")],
        killed=[_doc(1, "at least", document="first", published="2020-05-01")],
    )
    assert c["injured"]["best"] == 1
    # "one woman was hospitalized" (exactly one) is one person too; "one other person was hurt" is someone else
    c = _hurt_then_dead(
        injured=[{**_doc(1, "exact", document="first", published="2020-05-01"), "who": "woman"}],
        killed=[_doc(1, "at least", document="second", published="2020-05-03")],
    )
    assert c["injured"]["best"] == 0
    c = _hurt_then_dead(
        injured=[{**_doc(1, "exact", document="first", published="2020-05-01"), "who": "others"}],
        killed=[_doc(1, "at least", document="second", published="2020-05-03")],
    )
    assert c["injured"]["best"] == 1
    # a figure with a number ("2 hurt") or a hurt person told after the last death are not the dead
    c = _hurt_then_dead(
        injured=[_doc(2, "exact", document="first", published="2020-05-01")],
        killed=[_doc(1, "at least", document="second", published="2020-05-03")],
    )
    assert c["injured"]["best"] == 2
    c = _hurt_then_dead(
        injured=[_doc(1, "at least", document="later", published="2020-05-09")],
        killed=[_doc(1, "at least", document="second", published="2020-05-03")],
    )
    assert c["injured"]["best"] == 1


def test_the_day_more_documents_tell_wins_over_one_story_listing_past_days():
    # issue 17: a story listing earlier shootings ("May 2: a boy was shot ...") gave one document's background day
    # as many reports as the day two articles told
    from eventledger.resolve.event import event_date
    from eventledger.resolve.sources import View

    def view(rid, doc, day):
        r = {"id": rid, "document": doc, "date": {"value": day, "precision": "day", "text": "x"}, "meta": {}}
        return View(r, None, doc, None, False, False)

    vs = [view(f"a{i}", "list", "2020-05-02") for i in range(3)]
    vs += [view("b1", "one", "2020-05-20"), view("c1", "two", "2020-05-20")]
    assert event_date(vs)["value"] == "2020-05-20"
    vs = [view("a1", "list", "2020-05-02"), view("a2", "list", "2020-05-02"), view("b1", "one", "2020-05-20")]
    assert event_date(vs)["value"] == "2020-05-02"  # one document each way: then the most reports


def test_a_day_after_the_first_report_is_a_later_happening_not_the_event():
    # a first story tells the shooting ("shot early Friday"); a story weeks later tells the day the suspect was found
    # dead in his cell, and two reports of it outnumber the first: nothing is reported before it happens
    from eventledger.resolve.event import event_date
    from eventledger.resolve.sources import View

    def view(rid, doc, day, published, **meta):
        r = {"id": rid, "document": doc, "date": {"value": day, "precision": "day", "text": "x"}, "meta": meta}
        return View(r, None, doc, published, False, False)

    vs = [
        view("a1", "first", "2021-03-12", "2021-03-12", date_from="story_day"),
        view("b1", "later", "2021-05-29", "2021-05-30"),
        view("b2", "later", "2021-05-29", "2021-05-30"),
    ]
    assert event_date(vs)["value"] == "2021-03-12"
    # a day no later than the first report stays a candidate as before
    vs = [view("a1", "first", "2021-03-11", "2021-03-12"), view("b1", "second", "2021-03-12", "2021-03-13")]
    assert event_date(vs)["value"] == "2021-03-11"


def test_a_story_telling_a_death_toll_rose_supersedes_its_own_exact_figure():
    # one story: "two men were found dead" and, below, "a third victim has died at the hospital" (at least 3)
    killed = [
        _doc(2, "exact", document="story", published="2022-08-14"),
        _doc(3, "at least", document="story", published="2022-08-14"),
    ]
    for policy in POLICIES:
        s = summarize(killed, policy=policy, cfg=CFG, kind="killed")
        assert (s["best"], s["contested"]) == (3, False)
    # the wounded may fall as they die: a story's higher lower bound on them does not override its figure
    assert summarize(killed, policy="acled", cfg=CFG, kind="injured")["best"] == 2
    # two stories: still the lowest firm figure, and a contradiction, as the acled policy says
    apart = [
        _doc(2, "exact", document="one", published="2022-08-14"),
        _doc(3, "at least", document="two", published="2022-08-14"),
    ]
    s = summarize(apart, policy="acled", cfg=CFG, kind="killed")
    assert (s["best"], s["contested"]) == (2, True)


def test_a_shot_toll_bounded_from_below_does_not_override_the_wounded_counted():
    # "four people were wounded outside the bar" beside "a fifth victim walked into a hospital" read as at least 5
    # shot: the figure of the wounded says how many; an exact count of the shot still gives the injured
    c = _event_counts(shot=[v(5, "at least", report="a")], injured=[v(4, report="b")])
    assert c["injured"]["best"] == 4 and "derived" not in c["injured"]
    c = _event_counts(shot=[v(5, report="a")], injured=[v(4, report="b")])
    assert c["injured"]["best"] == 5
    # a wounded person told without a number is no count of the wounded: the shot less the killed stays
    c = _event_counts(shot=[v(4, "at least", report="a")], injured=[v(1, "at least", report="b")])
    assert c["injured"]["best"] == 4


def test_an_exact_count_of_the_shot_says_how_many_of_them_lived():
    # "all three victims were shot", "three people died", and "her brother was wounded" (at least 1): the wounded
    # brother is one of the three hit, who died since; the exact count of the shot less the killed is the injured
    c = _event_counts(shot=[v(3, report="a")], killed=[v(3, report="a")], injured=[v(1, "at least", report="b")])
    assert c["injured"]["best"] == 0 and c["injured"]["low"] <= 0 <= c["injured"]["high"]
    # a count of the wounded as such ("one man was wounded") still says more than the derived figure
    c = _event_counts(shot=[v(3, report="a")], killed=[v(3, report="a")], injured=[v(1, report="b")])
    assert c["injured"]["best"] == 1
    # the shot only bounded from below ("a man was shot") do not say how many lived
    c = _event_counts(
        shot=[v(1, "at least", report="a")],
        killed=[v(1, "at least", report="a")],
        injured=[v(1, "at least", report="b")],
    )
    assert c["injured"]["best"] == 1
