"""The GVA harness on small synthetic corpora built here: scorers, split, field rules, baseline, one real run."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventledger.eval import gva, gva_fields, lexical
from eventledger.eval.clusters import scores
from eventledger.eval.errors import EvalError
from eventledger.eval.gva_data import Incident, load, part_of, select
from eventledger.eval.resolution import pairwise


def incident(iid="1", *, date="2016-05-07", state="Illinois", city="Chicago", killed=1, injured=2, articles=("a",)):
    return Incident(
        id=iid,
        date=date,
        state=state,
        city_or_county=city,
        address="",
        killed=killed,
        injured=injured,
        articles=tuple(articles),
    )


def write_corpus(folder: Path, articles: list[dict], incidents: list[dict]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    (folder / "incidents.jsonl").write_text("".join(json.dumps(i) + "\n" for i in incidents), encoding="utf-8")
    return folder


def gold_incident(iid, articles, *, date="2016-05-07", city="Chicago", state="Illinois", killed=1, injured=0):
    return {
        "incident": iid,
        "date": date,
        "gva_date": date,
        "state": state,
        "city_or_county": city,
        "address": "",
        "killed": killed,
        "injured": injured,
        "participants": [],
        "articles": list(articles),
    }


# -- clustering scores ---------------------------------------------------------------------------------------------


def test_bcubed_and_pairwise_by_hand():
    # gold {a b c}{d}; predicted {a b}{c d}
    r = scores({"a": 1, "b": 1, "c": 1, "d": 2}, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert (r["pairs_correct"], r["pairs_predicted"], r["pairs_gold"]) == (1, 2, 3)
    # B3 P: a 1, b 1, c 1/2, d 1/2 -> 3/4; B3 R: a 2/3, b 2/3, c 1/3, d 1 -> 2/3
    assert r["b3_p"] == pytest.approx(0.75) and r["b3_r"] == pytest.approx(2 / 3)
    assert r["f1"] == pytest.approx(2 * 0.5 * (1 / 3) / (0.5 + 1 / 3))


def test_missing_and_none_predictions_stand_alone():
    r = scores({"a": 1, "b": 1}, {"a": None})
    assert r["pairs_predicted"] == 0 and r["predicted_clusters"] == 2 and r["b3_r"] == 0.5 and r["b3_p"] == 1.0


def test_subset_is_scored_against_the_whole_clustering():
    # gold {a b}{c}{d}; predicted {a b c}{d}; subset {c}: c's predicted cluster holds a and b of another incident
    gold, pred = {"a": 1, "b": 1, "c": 2, "d": 3}, {"a": "x", "b": "x", "c": "x", "d": "y"}
    r = scores(gold, pred, subset={"c"})
    assert r["items"] == 1 and r["b3_p"] == pytest.approx(1 / 3) and r["b3_r"] == 1.0
    # pairs touching c: predicted ac, bc (both wrong); no gold pair touches c
    assert (r["pairs_predicted"], r["pairs_correct"], r["pairs_gold"]) == (2, 0, 0)
    r = scores(gold, pred, subset={"a", "d"})
    # touching a or d: gold ab; predicted ab, ac -> correct ab
    assert (r["pairs_gold"], r["pairs_predicted"], r["pairs_correct"]) == (1, 2, 1)


@given(st.lists(st.tuples(st.integers(0, 4), st.one_of(st.none(), st.integers(0, 4))), min_size=1, max_size=25))
def test_whole_set_scores_equal_the_resolution_scorer(rows):
    gold = {i: g for i, (g, _) in enumerate(rows)}
    pred = {i: p for i, (_, p) in enumerate(rows)}
    mine, ref = scores(gold, pred), pairwise(gold, pred)
    for k in ("p", "r", "f1", "b3_p", "b3_r", "b3_f1", "pairs_gold", "pairs_predicted", "pairs_correct"):
        assert mine[k] == pytest.approx(ref[k]), k


# -- split and limit -----------------------------------------------------------------------------------------------


def test_split_is_about_half_and_depends_only_on_the_id():
    parts = [part_of(str(n)) for n in range(2000)]
    assert 900 < parts.count("train") < 1100
    assert parts == [part_of(str(n)) for n in range(2000)]


def test_split_and_limit_keep_incidents_sharing_an_article_together(tmp_path):
    arts = [{"id": f"a{n}", "title": f"t{n}", "text": "x", "published": "2016-01-01", "source": "s"} for n in range(60)]
    incs = [gold_incident(str(n), [f"a{n}"]) for n in range(60)]
    incs.append(gold_incident("100", ["a7"]))  # a7 is listed under two incidents, as GVA does for a few
    corpus = load(write_corpus(tmp_path / "c", arts, incs))
    assert corpus.group["100"] == corpus.group["7"] == "7"
    train, test = select(corpus, "train"), select(corpus, "test")
    assert {i.id for i in train.incidents} | {i.id for i in test.incidents} == {i["incident"] for i in incs}
    assert not {i.id for i in train.incidents} & {i.id for i in test.incidents}
    assert {"7", "100"} <= {i.id for i in select(corpus, part_of("7")).incidents}
    assert len(select(corpus, "all").articles) == 60
    small, bigger = select(corpus, "all", 5), select(corpus, "all", 20)
    assert {i.id for i in small.incidents} <= {i.id for i in bigger.incidents}
    # reversing the file changes nothing: the sample is fixed by the ids
    rev = load(write_corpus(tmp_path / "r", arts[::-1], incs[::-1]))
    assert {i.id for i in select(rev, "all", 20).incidents} == {i.id for i in bigger.incidents}


def test_bad_folder_and_part_say_what_is_wrong(tmp_path):
    with pytest.raises(EvalError, match="articles.jsonl"):
        load(tmp_path)
    write_corpus(tmp_path, [], [gold_incident("1", ["zz"])])
    with pytest.raises(EvalError, match="not in articles.jsonl"):
        load(tmp_path)
    write_corpus(tmp_path, [], [])
    with pytest.raises(EvalError, match="unknown part"):
        select(load(tmp_path), "dev")


# -- field rules ---------------------------------------------------------------------------------------------------


def place(city=None, admin1="Illinois", name=None, precision="city", **kw):
    return {"name": name or city, "city": city, "admin1": admin1, "country": "US", "precision": precision, **kw}


@pytest.mark.parametrize(
    "gva_city,state,event_place,ok",
    [
        ("Chicago", "Illinois", place("Chicago"), True),
        ("Chicago (Englewood)", "Illinois", place("Chicago"), True),
        ("Chicago (Englewood)", "Illinois", place(None, name="Englewood", precision="neighbourhood"), True),
        ("Chicago", "Ohio", place("Chicago"), False),  # right name, wrong state
        ("Chicago", "Illinois", place(None, name="Illinois", precision="admin1"), False),
        ("New York (Manhattan)", "New York", place("New York City", admin1="New York"), True),
        ("New York", "New York", place(None, name="New York", admin1="New York", precision="admin1"), False),  # a state
        ("Saint Augustine", "Illinois", place("St. Augustine"), True),
        ("Bronx", "New York", place("The Bronx", admin1="New York"), True),
        ("Cook County", "Illinois", place(None, name="Cook County", precision="admin2"), True),
        ("Cook (county)", "Illinois", place(None, name="Cook", precision="admin2"), True),
        ("Cook (county)", "Illinois", place("Evanston", admin2="Cook County"), True),
        ("Cook (county)", "Illinois", place("Evanston"), False),
        ("Springfield", "Illinois", place("Springfield", admin1=None), False),
    ],
)
def test_city_rule(gva_city, state, event_place, ok):
    assert gva_fields.city_ok(event_place, incident(city=gva_city, state=state)) is ok


def test_counts_day_and_missing_event():
    event = {
        "id": "e",
        "counts": {"killed": {"best": 1}},
        "date": {"value": "2016-05-07", "precision": "day"},
        "place": place("Chicago"),
    }
    v = gva_fields.judge(incident(killed=1, injured=0), event)
    # no injured figure stated: 0, which is GVA's 0
    assert all(v[f]["ok"] for f in ("killed", "injured", "day", "city", "state"))
    v = gva_fields.judge(incident(killed=1, injured=2), {**event, "date": {"value": "2016-05", "precision": "month"}})
    assert not v["injured"]["ok"] and not v["day"]["ok"] and v["killed"]["ok"]
    v = gva_fields.judge(incident(killed=0, injured=0), None)
    assert not any(x["ok"] for x in v.values())
    other = {**event, "id": "f", "counts": {}, "place": {}}
    s = gva_fields.summarise(
        [
            gva_fields.judge_all(incident(killed=1, injured=0), event, [event]),
            gva_fields.judge_all(incident(killed=0, injured=0), None, [other]),
        ]
    )
    assert (
        s["no_event"] == 1
        and s["killed"]["rate"] == 0.5
        and s["killed_when_gold_positive"] == {"rate": 1.0, "hit": 1, "of": 1}
    )
    # the second incident has no event, but an event of its articles states no killed (= 0) and its day
    assert s["in_any_event"] == {"killed": 1.0, "injured": 1.0, "day": 1.0, "city": 0.5}


# -- article -> event ----------------------------------------------------------------------------------------------


def report(rid, start, salience=None):
    return {"id": rid, "evidence": {"start": start}, "meta": {"salience": salience} if salience else {}}


def test_main_event_majority_then_earliest_then_salience():
    event_of = {"r1": "e1", "r2": "e2", "r3": "e2", "r4": "e3"}
    assert gva.main_event([report("r1", 0), report("r2", 50), report("r3", 90)], event_of) == "e2"
    assert gva.main_event([report("r2", 50), report("r1", 0)], event_of) == "e1"  # tie: the earliest report's event
    assert (
        gva.main_event([report("r1", 0), report("r2", 50), report("r3", 90), report("r4", 200, "main")], event_of)
        == "e3"
    )
    assert gva.main_event([report("r9", 0)], event_of) is None  # held by no event
    assert gva.main_event([], event_of) is None


def test_a_near_copy_has_the_event_of_its_original():
    def document(doc_id, article, duplicate_of=None):
        return {"id": doc_id, "meta": {"extra": {"id": article}}, "duplicate_of": duplicate_of}

    ledger = {
        "documents": [
            document("d1", "a1"),
            document("d2", "a2", "d1"),
            document("d3", "a3", "d4"),
            document("d4", "a4"),
        ],
        "reports": [{"id": "r1", "document": "d1", "evidence": {"start": 0}}],
        "events": [{"id": "e1", "reports": [{"id": "r1"}]}],
    }
    predicted, _ = gva.article_events(ledger)
    assert predicted == {"a1": "e1", "a2": "e1", "a3": None, "a4": None}  # an original with no event gives none


def test_incident_event_is_the_event_of_most_articles():
    inc = incident(articles=("a", "b", "c", "d"))
    predicted = {"a": "e2", "b": "e1", "c": "e1", "d": None}
    assert gva.incident_event(inc, predicted, {}, {}) == "e1"
    assert gva.incident_event(incident(articles=("d",)), predicted, {}, {}) is None


def test_hard_subsets(tmp_path):
    arts = [{"id": f"a{n}", "title": "t", "text": "x", "published": "2016-05-07", "source": "s"} for n in range(4)]
    incs = [
        gold_incident("1", ["a0", "a1"]),
        gold_incident("2", ["a2"], date="2016-05-20"),
        gold_incident("3", ["a3"], date="2016-06-01"),
    ]
    h = gva.hard_subsets(load(write_corpus(tmp_path, arts, incs)))
    assert h == {"multi_article": {"1"}, "city_month": {"1", "2"}}


# -- lexical baseline ----------------------------------------------------------------------------------------------

SHOOTING = "Two men were shot outside the Elm Street laundromat on Saturday night, Riverton police said."
OTHER = "The county fair opens next week with a livestock show, pie contest and a concert by a local band."


def test_tfidf_rows_are_unit_vectors():
    x = lexical.tfidf([SHOOTING, OTHER, ""])
    norms = (x.multiply(x)).sum(axis=1)
    assert norms[0, 0] == pytest.approx(1.0) and norms[1, 0] == pytest.approx(1.0) and norms[2, 0] == 0.0


def test_lexical_baseline_joins_close_copies_within_the_window_only():
    arts = [
        {"id": "a", "title": "Two shot in Riverton", "text": SHOOTING, "published": "2016-05-08"},
        {
            "id": "b",
            "title": "Riverton shooting",
            "text": SHOOTING + " Both are in hospital.",
            "published": "2016-05-09",
        },
        {"id": "c", "title": "Two shot in Riverton", "text": SHOOTING, "published": "2016-09-01"},
        {"id": "d", "title": "Fair", "text": OTHER, "published": "2016-05-08"},
    ]
    c = lexical.cluster(arts, lexical.LexicalConfig(threshold=0.5, window_days=3, linkage="average"))
    assert c["a"] == c["b"] and len({c["a"], c["c"], c["d"]}) == 3
    c = lexical.cluster(arts, lexical.LexicalConfig(threshold=0.5, window_days=365, linkage="single"))
    assert c["a"] == c["b"] == c["c"] != c["d"]
    assert lexical.cluster(arts[:1]) == {"a": 1}


def test_tune_ranks_the_grid_by_bcubed():
    arts = [
        {"id": "a", "title": "", "text": SHOOTING, "published": "2016-05-08"},
        {"id": "b", "title": "", "text": SHOOTING + " More.", "published": "2016-05-08"},
        {"id": "c", "title": "", "text": OTHER, "published": "2016-05-08"},
    ]
    rows = lexical.tune(arts, {"a": 1, "b": 1, "c": 2}, thresholds=(0.01, 0.5), windows=(1,), methods=("single",))
    assert [r["threshold"] for r in rows] == [0.5, 0.01] and rows[0]["b3_f1"] == 1.0


def test_lexical_config_is_checked():
    with pytest.raises(ValueError):
        lexical.LexicalConfig(threshold=0.0, window_days=3, linkage="average")
    with pytest.raises(ValueError):
        lexical.LexicalConfig(threshold=0.3, window_days=3, linkage="ward")


# -- one real run through ingest and export ------------------------------------------------------------------------


def test_run_on_a_tiny_corpus(tmp_path):
    arts = [
        {
            "id": "a1",
            "url": "http://example.com/1",
            "title": "Man shot dead in Riverton",
            "text": "A man was shot and killed on Saturday night outside a bar in Riverton, Wyoming, police said.",
            "published": "2016-05-08",
            "source": "example.com",
        },
        {
            "id": "a2",
            "url": "http://example.com/2",
            "title": "Riverton police name man killed outside bar",
            "text": "Police in Riverton, Wyoming, named the man who was shot dead outside a bar on Saturday.",
            "published": "2016-05-09",
            "source": "example.com",
        },
        {
            "id": "a3",
            "url": "http://example.com/3",
            "title": "Two wounded in Casper shooting",
            "text": "Gunfire on Tuesday afternoon left two people wounded in Casper, Wyoming.",
            "published": "2016-06-01",
            "source": "example.com",
        },
    ]
    incs = [
        gold_incident("11", ["a1", "a2"], date="2016-05-07", city="Riverton", state="Wyoming", killed=1),
        gold_incident("12", ["a3"], date="2016-05-31", city="Casper", state="Wyoming", killed=0, injured=2),
    ]
    folder = write_corpus(tmp_path / "gva", arts, incs)
    errors = tmp_path / "errors.jsonl"
    r = gva.run(folder, part="all", errors=errors)
    assert r["articles"] == 3 and r["incidents"] == 2 and r["store"]["events"] >= 1
    # every article is mapped back from its stored document to an event (article id kept in the document's meta)
    assert r["store"]["articles_without_event"] == 0
    assert r["store"]["events_per_article"] == r["store"]["events"] / 3
    alone = r["all"]["clustering"]["alone"]
    assert alone["b3_p"] == 1.0 and alone["b3_r"] == pytest.approx((0.5 + 0.5 + 1) / 3)
    assert set(r["all"]["clustering"]) == {"eventledger", "lexical", "alone"}
    assert r["subsets"]["multi_article"]["incidents"] == 1 and r["subsets"]["multi_article"]["articles"] == 2
    lines = [json.loads(x) for x in errors.read_text(encoding="utf-8").splitlines()]
    assert [x["incident"] for x in lines] == ["11", "12"]
    assert {a["title"] for a in lines[0]["articles"]} == {arts[0]["title"], arts[1]["title"]}
    assert all(a["event"] for x in lines for a in x["articles"]) and lines[0]["predicted"]["date"]["value"]
    assert set(gva.headline(r)) >= {"gva.bcubed.f1", "gva.killed", "gva.city", "gva.events_per_article"}


def test_cli_has_help_and_fails_cleanly(tmp_path):
    from typer.testing import CliRunner

    from eventledger.eval.cli import app

    runner = CliRunner()
    assert runner.invoke(app, ["gva", "--help"]).exit_code == 0
    r = runner.invoke(app, ["gva", str(tmp_path / "nope")])
    assert r.exit_code == 1 and "no such file or directory" in r.output
    write_corpus(tmp_path / "c", [], [])
    r = runner.invoke(app, ["gva", str(tmp_path / "c"), "--part", "dev"])
    assert r.exit_code == 1 and "unknown part 'dev'" in r.output


def test_error_record_names_split_and_merged_articles(tmp_path):
    from eventledger.eval.gva_errors import _Context, record

    arts = [{"id": x, "title": f"title {x}", "text": "t", "published": "2016-05-08", "source": "s"} for x in "abc"]
    incs = [gold_incident("1", ["a", "b"], killed=2), gold_incident("2", ["c"], city="Evanston")]
    corpus = load(write_corpus(tmp_path, arts, incs))
    events = [
        {
            "id": "e1",
            "type": "armed assault",
            "date": {"value": "2016-05-07", "precision": "day"},
            "place": place("Chicago"),
            "reports": [{"id": "r1"}, {"id": "r3"}],
            "counts": {
                "killed": {
                    "best": 17,
                    "values": [
                        {
                            "value": 17,
                            "qualifier": "exact",
                            "report": "r1",
                            "document": "d1",
                            "evidence": {"text": "a 17-year-old was killed"},
                        }
                    ],
                }
            },
        },
        {"id": "e2", "date": {"value": "2016-05-08", "precision": "day"}, "place": {}, "reports": [{"id": "r2"}]},
    ]
    ledger = {
        "events": events,
        "documents": [{"id": "d1", "title": "title a"}],
        "reports": [{"id": "r1", "document": "d1", "evidence": {"text": "Police said a 17-year-old was killed."}}],
    }
    predicted = {"a": "e1", "b": "e2", "c": "e1"}
    ctx = _Context.build(corpus, predicted, ledger, {"a": 1, "b": 1, "c": 2})
    rec = record(gva_fields.judge_all(corpus.incidents[0], events[0], events), ctx)
    assert rec["errors"] == ["split", "merged", "killed"]
    assert [(s["event"], s["titles"], s["date"]) for s in rec["split"]] == [
        ("e1", ["title a"], "2016-05-07"),
        ("e2", ["title b"], "2016-05-08"),
    ]
    assert [(m["title"], m["incident"]) for m in rec["merged_with"]] == [("title c", "2")]
    (value,) = rec["predicted"]["killed"]["values"]
    assert value["quote"] == "a 17-year-old was killed" and value["sentence"].startswith("Police said")
    assert value["article"] == "title a"
    assert rec["right_elsewhere"] == {}  # no event of these articles says 2 killed


def test_shipped_lexical_setting_is_the_best_on_the_training_part():
    from eventledger.eval.paths import default_paths

    folder = default_paths()["gva"]
    if not (folder / "incidents.jsonl").exists():
        pytest.skip("../shared/data/gva-dev is not here")
    best = gva.tune_lexical(folder, top=1)[0]
    assert (best["threshold"], best["window_days"], best["linkage"]) == (
        lexical.DEFAULT.threshold,
        lexical.DEFAULT.window_days,
        lexical.DEFAULT.linkage,
    )


def test_error_record_says_whether_gva_town_is_written_and_what_each_article_yielded(tmp_path):
    from eventledger.eval.gva_errors import _Context, record, town_written

    arts = [
        {
            "id": "a",
            "title": "Man hurt on Elm Road",
            "text": "Deputies in St. Albans said...",
            "published": "2016-05-08",
        },
        {"id": "b", "title": "Page not found", "text": "Sorry.", "published": "2016-05-08"},
    ]
    corpus = load(write_corpus(tmp_path, arts, [gold_incident("1", ["a", "b"], city="Saint Albans")]))
    ledger = {
        "events": [],
        "documents": [{"id": "d1", "meta": {"extra": {"id": "a"}}}, {"id": "d2", "meta": {"extra": {"id": "b"}}}],
        "reports": [{"id": "r1", "document": "d1"}, {"id": "r2", "document": "d1"}],
    }
    ctx = _Context.build(corpus, {"a": None, "b": None}, ledger, {})
    rec = record(gva_fields.judge_all(corpus.incidents[0], None, []), ctx)
    assert rec["gold_town_written"] is True  # "St." and "Saint" compare alike
    assert [a["reports"] for a in rec["articles"]] == [2, 0]
    # whole words only: a longer name holding the town's is not the town
    assert not town_written("Albans", ["Deputies in St. Albansville said"])
    assert town_written("Burke (county)", ["shot in Burke County on Friday"])
