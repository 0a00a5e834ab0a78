"""ACLED/GTD CSV columns as documented and as their codebooks code them, GeoJSON that loads, STIX that
validates without custom content, Parquet with typed dates, JSON lines that round-trip."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from eventledger.export import acled, gtd, write_export
from eventledger.export.codebook import Codebook
from eventledger.store import Store
from export_checks import acled_problems, gtd_problems
from support.sample import build_sample

DOCS = Path(__file__).resolve().parents[1] / "docs" / "exports.md"


@pytest.fixture(scope="module")
def ledger(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('export') / 'ledger.db'}")
    ids = build_sample(store)
    yield store, ids
    store.close()


def _export(store, fmt: str) -> str:
    out = io.StringIO()
    write_export(store, what="events", fmt=fmt, out=out)
    return out.getvalue()


def _events(store) -> dict:
    from eventledger.export.jsonl import records

    return {e["id"]: e for e in records(store, "events")}


def _documented(section: str) -> list[str]:
    """Column names listed in the docs table of a section, in order."""
    text = DOCS.read_text(encoding="utf-8")
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `([a-z0-9_]+)` \|", body, flags=re.M)


def test_acled_columns_and_values(ledger):
    store, ids = ledger
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv-acled"))))
    assert list(rows[0]) == acled.COLUMNS == _documented("ACLED-style CSV")
    crocus = next(r for r in rows if r["eventledger_id"] == ids["crocus"])
    assert crocus["event_date"] == "2024-03-22" and crocus["country"] == "Russia" and crocus["fatalities"] == "137"
    # Ukraine, blamed by Russian officials, is no group of the registry: it stays in the notes, not in the actors
    assert (
        crocus["actor1"] == "Islamic State Khorasan Province"
        and crocus["assoc_actor_1"] == ""
        and crocus["inter1"] == "2"
    )
    assert "Perpetrator attributed by Russian officials: Ukraine." in crocus["notes"]
    assert crocus["tags"] == "contested" and crocus["geo_precision"] == "1" and crocus["location"] == "Krasnogorsk"
    assert "137 (Northern Wire); 139 (Daily Example); 144 (Metro Bulletin)" in crocus["notes"]
    assert crocus["source"] == "Northern Wire; Daily Example; Metro Bulletin" and crocus["source_scale"] == "Other"
    kano = next(r for r in rows if r["eventledger_id"] == ids["kano"])
    assert kano["event_type"] == "Explosions/Remote violence" and kano["disorder_type"] == "Political violence"
    assert acled_problems(rows, _events(store)) == []


def test_gtd_columns_and_values(ledger):
    store, ids = ledger
    rows = list(csv.DictReader(io.StringIO(_export(store, "csv-gtd"))))
    assert list(rows[0]) == gtd.COLUMNS == _documented("GTD-style CSV")
    crocus = next(r for r in rows if r["eventledger_id"] == ids["crocus"])
    assert crocus["eventid"] == "202403220001" and (crocus["iyear"], crocus["imonth"], crocus["iday"]) == (
        "2024",
        "3",
        "22",
    )
    assert (
        crocus["nkill"] == "144" and crocus["claimed"] == "1" and crocus["gname"] == "Islamic State Khorasan Province"
    )
    assert (
        crocus["region_txt"] == "Eastern Europe"
        and crocus["region"] == "9"
        and crocus["scite1"].startswith("Northern Wire")
    )
    assert (crocus["country"], crocus["country_txt"], crocus["city"]) == ("167", "Russia", "Krasnogorsk")
    assert (crocus["attacktype1"], crocus["attacktype1_txt"], crocus["weaptype1"]) == ("2", "Armed Assault", "5")
    # the venue is a concert hall: a business, by GTD's target types
    assert (crocus["targtype1"], crocus["targtype1_txt"], crocus["target1"]) == ("1", "Business", "Crocus City Hall")
    borno = next(r for r in rows if r["eventledger_id"] == ids["borno"])
    assert borno["targtype1_txt"] == "Business"  # "killing 12 traders": GTD's business people, named by the count's who
    assert gtd_problems(rows, _events(store)) == []


def test_geojson_loads(ledger):
    store, ids = ledger
    fc = json.loads(_export(store, "geojson"))
    assert fc["type"] == "FeatureCollection" and len(fc["features"]) == 3
    f = next(x for x in fc["features"] if x["id"] == ids["crocus"])
    assert f["geometry"] == {"type": "Point", "coordinates": [37.39, 55.826]}
    assert f["properties"]["killed_low"] == 137 and f["properties"]["contested"] == ["killed", "perpetrator"]


def test_stix_bundle_validates(ledger):
    import stix2

    from eventledger.export.stix import EXTENSION_ID

    store, ids = ledger
    text = _export(store, "stix")
    bundle = stix2.parse(text, allow_custom=False)
    kinds = {o.type for o in bundle.objects}
    assert {
        "incident",
        "threat-actor",
        "location",
        "identity",
        "report",
        "relationship",
        "note",
        "extension-definition",
    } <= kinds
    # only the registry's organised actor: not "Suspected jihadists", the markup-laden "bombers", nor Ukraine (no
    # registry id)
    assert [o.name for o in bundle.objects if o.type == "threat-actor"] == ["Islamic State Khorasan Province"]
    rels = [o for o in bundle.objects if o.type == "relationship" and o.relationship_type == "attributed-to"]
    assert [r.description for r in rels] == ["claimed responsibility"]
    crocus = next(
        o for o in bundle.objects if o.type == "incident" and o.extensions[EXTENSION_ID]["event"] == ids["crocus"]
    )
    killed = crocus.extensions[EXTENSION_ID]["killed"]
    assert (killed["low"], killed["high"], killed["best"], killed["contested"]) == (137, 144, 144, True)
    assert sorted((v["value"], v["source"]) for v in killed["values"]) == [
        (137, "Northern Wire"),
        (139, "Daily Example"),
        (144, "Metro Bulletin"),
    ]
    assert not any(
        ch.isdigit() for ch in crocus.description.split(" on ")[0]
    )  # figures live in the extension, not in prose
    assert "None" not in text and "unknown)" not in text
    assert _export(store, "stix") == text  # ids and times are stable across exports


def test_parquet_has_typed_dates(ledger, tmp_path):
    import pandas as pd

    store, ids = ledger
    path = tmp_path / "events.parquet"
    with path.open("wb") as f:
        write_export(store, what="events", fmt="parquet", out=f)
    import datetime

    import pyarrow.parquet as pq

    assert str(pq.read_schema(path).field("date").type) == "date32[day]"  # a DATE for DuckDB and Spark
    df = pd.read_parquet(path).set_index("id")
    crocus = df.loc[ids["crocus"]]
    assert len(df) == 3 and crocus["date"] == datetime.date(2024, 3, 22) == crocus["date_last"]
    assert (
        crocus["date_precision"] == "day"
        and crocus["killed_best"] == 144
        and list(crocus["contested"]) == ["killed", "perpetrator"]
    )
    may = df[(pd.to_datetime(df["date"]) >= "2024-05-01") & (pd.to_datetime(df["date_last"]) <= "2024-05-31")]
    assert set(may.index) == {ids["borno"], ids["kano"]}


def test_jsonl_round_trip(ledger):
    from eventledger.export.jsonl import records

    store, ids = ledger
    lines = [json.dumps(e, ensure_ascii=False) for e in records(store, "events")]
    back = {e["id"]: e for e in map(json.loads, lines)}
    assert back[ids["crocus"]]["counts"]["killed"]["low"] == 137 and len(back) == 3


def test_bad_choices_say_what_to_do(ledger):
    store, _ = ledger
    with pytest.raises(ValueError, match="--what events"):
        write_export(store, what="reports", fmt="csv-acled", out=io.StringIO())
    with pytest.raises(ValueError, match="unknown format"):
        write_export(store, what="events", fmt="xlsx", out=io.StringIO())


def test_codebook_maps_unlisted_types_by_keyword():
    cb = Codebook.load()
    assert cb.for_type("car-bomb")["gtd"] == "Bombing/Explosion"
    assert cb.for_type("mass-kidnapping")["acled"][1] == "Abduction/forced disappearance"
    assert cb.for_type("something-else") == cb.fallback
    assert cb.gtd_region["NG"] == "Sub-Saharan Africa" and cb.acled_region["NG"] == "Western Africa"
