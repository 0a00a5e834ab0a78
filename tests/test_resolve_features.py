"""Pair compatibility (dates, places, families), the settings file, pairwise scoring."""

from __future__ import annotations

import pytest

from eventledger.records import Place
from eventledger.resolve import ResolveConfig, pairwise_scores
from eventledger.resolve.features import date_score, date_span, pair_score, place_score, profile
from support.resolve import MOSCOW, RU_VENUE, report


@pytest.fixture(scope="module")
def cfg():
    return ResolveConfig.load()


def prof(cfg, **kw):
    return profile(report("d", 0, **kw), ("k",), cfg)


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        (("2024-03", "month"), ("2024-03-22", "day"), True),
        (("2024", "year"), ("2024-03-22", "day"), True),
        (("2002", "year"), ("2024-03-22", "day"), False),
        (("2024-03-22", "day"), ("2024-03-23", "day"), True),  # within the tolerance
        (("2024-03-22", "day"), ("2024-03-25", "day"), False),
        (("2024-01", "month"), ("2024-03", "month"), False),
        (("2024-03-22T18:05:00", "second"), ("2024-03-22", "day"), True),
        ((None, "unresolved"), ("2024-03-22", "day"), True),
    ],
)
def test_date_compatibility(cfg, a, b, ok):
    assert (
        date_score(date_span({"value": a[0], "precision": a[1]}), date_span({"value": b[0], "precision": b[1]}), cfg)
        is not None
    ) is ok


def test_bad_iso_date_is_an_error_that_says_where():
    with pytest.raises(ValueError, match="ISO"):
        date_span({"value": "22 March", "precision": "day"})


def test_places(cfg):
    venue, moscow = prof(cfg, place=RU_VENUE), prof(cfg, place=MOSCOW)
    assert place_score(venue, moscow, cfg) == cfg.place["city_near"]  # Krasnogorsk is next to Moscow
    no_coords = prof(cfg, place=Place(name="Krasnogorsk", city="Krasnogorsk", country="RU", precision="city"))
    bare_moscow = prof(cfg, place=Place(name="Moscow", city="Moscow", country="RU", precision="city"))
    assert not cfg.metro  # no curated pair: the gazetteer puts them ~20 km apart
    assert place_score(no_coords, bare_moscow, cfg) == cfg.place["city_near"]
    kazan = prof(cfg, place=Place(name="Kazan", city="Kazan", country="RU", lat=55.79, lon=49.12, precision="city"))
    assert place_score(kazan, moscow, cfg) is None
    kabul = prof(cfg, place=Place(name="Kabul", city="Kabul", country="AF", precision="city"))
    assert place_score(kabul, moscow, cfg) is None
    russia = prof(cfg, place=Place(name="Russia", country="RU", precision="country"))
    assert place_score(russia, moscow, cfg) == cfg.place["country_same"]
    oblast = prof(cfg, place=Place(name="Moscow Oblast", admin1="Moscow Oblast", country="RU", precision="admin1"))
    assert place_score(oblast, bare_moscow, cfg) == cfg.place["admin1_same"]


def test_towns_a_province_apart_in_two_provinces_are_only_in_one_country(cfg):
    # MUC-4 dev: San Salvador and San Miguel (about 110 km apart) had scored as one department
    def town(name, admin1, lat, lon):
        return prof(
            cfg, place=Place(name=name, city=name, admin1=admin1, country="SV", lat=lat, lon=lon, precision="city")
        )

    salvador = town("San Salvador", "San Salvador", 13.69, -89.19)
    miguel = town("San Miguel", "San Miguel", 13.48, -88.18)
    assert place_score(salvador, miguel, cfg) == cfg.place["country_same"]
    usulutan = town("Usulutan", "San Miguel", 13.35, -88.44)  # as if in one province: as close as that
    assert place_score(miguel, usulutan, cfg) == cfg.place["city_near"]
    santa_ana = town("Santa Ana", "San Salvador", 13.99, -89.56)
    assert place_score(salvador, santa_ana, cfg) == cfg.place["admin1_same"]


def test_families_keep_arrests_apart_from_attacks(cfg):
    attack = prof(cfg, type="armed assault", date=("2024-03-25", "day"), place=MOSCOW)
    arrest = prof(cfg, type="arrest", date=("2024-03-25", "day"), place=MOSCOW)
    unknown = prof(cfg, type="mystery", date=("2024-03-25", "day"), place=MOSCOW)
    assert pair_score(attack, arrest, cfg) is None
    assert pair_score(attack, unknown, cfg) is not None


def test_shared_venue_name_is_strong_evidence(cfg):
    a = prof(
        cfg,
        type="attack",
        date=("2024", "year"),
        place=Place(name="Crocus City Hall", country="RU", precision="venue"),
        text="at Crocus City Hall",
    )
    b = prof(cfg, type="armed assault", date=("2024-03-22", "day"), place=RU_VENUE, text="gunmen at Crocus City Hall")
    assert "crocus city hall" in a.names
    assert pair_score(a, b, cfg) >= cfg.merge_threshold


def test_settings_file_loads_and_checks(tmp_path, cfg):
    assert cfg.merge_threshold > 0 and cfg.policy in ("acled", "gtd", "median")
    assert cfg.family("Suicide Bombing") == "attack" and cfg.outlet("Voice of America") == cfg.outlet("VOA News")
    assert cfg.parents.get("islamic-state-khorasan") == "islamic-state"
    bad = tmp_path / "r.yaml"
    bad.write_text("version: 1\nweights: {}\n")
    with pytest.raises(ValueError, match="missing settings"):
        ResolveConfig.load(bad)
    with pytest.raises(ValueError, match="unknown resolution settings"):
        ResolveConfig.load(threshold=3)


def test_pairwise_scores():
    gold = [["a", "b", "c"], ["d"], ["e", "f"]]
    assert pairwise_scores(gold, gold)["f1"] == 1.0
    s = pairwise_scores([["a", "b"], ["c", "d"], ["e", "f"]], gold)
    assert (s["true_pairs"], s["pred_pairs"], s["gold_pairs"]) == (2, 3, 4)
    assert s["precision"] == pytest.approx(2 / 3) and s["recall"] == pytest.approx(0.5)
    assert pairwise_scores([["a"], ["b"]], [["a", "b"]])["recall"] == 0.0
    assert pairwise_scores([["a", "b", "zz"]], [["a", "b"]])["precision"] == 1.0  # items the gold lacks are left out


def test_an_unstated_date_reaches_back_to_what_its_document_states(cfg):
    """A follow-up story's undated headline may tell the attack its body dates months before, and an attack told
    through a trial, placed, may be years old; unplaced, its window stays short."""
    from dataclasses import replace

    from eventledger.resolve.cluster import candidate_pairs
    from eventledger.resolve.features import reach_back

    def borrowed(n, doc="d", **meta):
        r = report(doc, n, date=("2016-09-20", "day"), place=MOSCOW)
        return {**r, "meta": {**r["meta"], "date_from": "document", **meta}}

    headline = profile(borrowed(0), ("a",), cfg)
    stated = profile(report("d", 1, date=("2015-11-03", "day"), place=MOSCOW), ("b",), cfg)
    assert headline.date.precision == "before" and date_score(headline.date, stated.date, cfg) is None
    headline, stated = reach_back([headline, stated])
    assert date_score(headline.date, stated.date, cfg) is not None

    trial = profile(borrowed(0, doc="t", proceeding=True), ("c",), cfg)
    window = cfg.date["proceeding_window_days"]
    assert trial.date.hi - trial.date.lo == window > cfg.date["borrowed_window_days"]
    unplaced = profile({**borrowed(0, doc="u", proceeding=True), "place": None}, ("d",), cfg)
    assert unplaced.date.hi - unplaced.date.lo == cfg.date["borrowed_window_days"]
    # the blocking finds a pair whose span is longer than a sweep looks back over
    old = profile(report("o", 0, date=("2014-03-01", "day"), place=MOSCOW), ("e",), cfg)
    assert (0, 1) in candidate_pairs([trial, old], cfg)
    assert (0, 1) not in candidate_pairs([replace(trial, date=unplaced.date), old], cfg)


def test_a_date_only_its_page_gives_reaches_back_days_not_months(cfg):
    """A headline whose page tells nothing but the headline (a sign-in wall below it) reports a shooting of the days
    before its publication, not one of the city weeks before; a page with news after the attack (a victim named, an
    arrest: `before_news`) may come weeks on."""

    def dated_by(date_from, doc):
        r = report(doc, 0, date=("2016-07-11", "day"), place=MOSCOW)
        return profile({**r, "meta": {**r["meta"], "date_from": date_from}}, (doc,), cfg)

    page, news = dated_by("document", "p"), dated_by("before_news", "n")
    assert page.date.hi - page.date.lo == cfg.date["page_window_days"] < cfg.date["borrowed_window_days"]
    assert news.date.hi - news.date.lo == cfg.date["borrowed_window_days"]
    month_before = profile(report("m", 0, date=("2016-06-07", "day"), place=MOSCOW), ("m",), cfg)
    assert date_score(page.date, month_before.date, cfg) is None
    assert date_score(news.date, month_before.date, cfg) is not None
    # a page placed at a named venue is of the attack there, told undated weeks on
    r = report("v", 0, date=("2016-07-11", "day"), place=RU_VENUE)
    venue = profile({**r, "meta": {**r["meta"], "date_from": "document"}}, ("v",), cfg)
    assert venue.date.hi - venue.date.lo == cfg.date["borrowed_window_days"]
