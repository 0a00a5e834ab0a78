"""`eval gva-misses`: the misses of error files counted by mechanism (eval/gva_misses.py)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventledger.eval.cli import app
from eventledger.eval.gva_misses import buckets, table


def _record(errors, *, gold_day="2016-05-06", best="2016-05-07", values=(), published="2016-05-07", place=None):
    return {
        "incident": "1",
        "errors": list(errors),
        "gold": {"date": gold_day, "state": "Ohio", "city_or_county": "Dayton"},
        "predicted": {
            "date": {"value": best, "precision": "day", "values": list(values)},
            "place": place or {"city": None, "admin1": None, "values": []},
        },
        "articles": [{"published": published}],
    }


def test_a_day_miss_is_counted_by_how_far_off_where_from_and_whether_the_gold_day_was_there():
    got = buckets(
        [
            _record(["day"], values=[{"value": "2016-05-07", "from": "document"}]),
            _record(
                ["day", "split"],
                best="2016-05-01",
                values=[{"value": "2016-05-01", "from": None}, {"value": "2016-05-06", "from": "story"}],
            ),
            _record([]),  # right: counted nowhere
        ]
    )
    assert got[("day", "misses")] == 2 and got[("day", "with split")] == 1
    assert got[("day", "off by +1 day")] == 1 and got[("day", "off by -4 or more days")] == 1
    assert got[("day", "gold day in no value")] == 1 and got[("day", "gold day among the values")] == 1
    assert got[("day", "chosen day is a publication day")] == 1
    assert got[("day", "chosen value from: document")] == 1 and got[("day", "chosen value from: own sentence")] == 1


def test_a_city_miss_says_whether_the_town_was_among_the_values_and_the_state_right():
    place = {"city": "Dayton", "admin1": "Texas", "values": [{"city": "Dayton", "admin1": "Texas"}]}
    got = buckets([_record(["city"], place=place)])
    assert got[("city", "gold town among the values")] == 1 and got[("city", "state wrong")] == 1
    assert ("city", "event has no town") not in got
    assert got[("city", "state wrong, chosen place told")] == 1
    guessed = {**place, "values": [{"city": "Dayton", "admin1": "Texas", "guess": True}]}
    assert buckets([_record(["city"], place=guessed)])[("city", "state wrong, chosen place a guess among namesakes")]


def test_files_are_columns_and_kinds_stay_together():
    a = buckets([_record(["day"]), _record(["day"], best="2016-05-05")])
    b = buckets([_record(["day"])])
    rows = table({"train": a, "test": b})
    assert rows[0] == ["day", "misses", "2", "1"]
    kinds = [r[1].split(" ")[0] for r in rows]
    assert kinds.index("gold") > max(k for k, w in enumerate(kinds) if w == "off")


def test_the_command_reads_files_and_names_a_bad_one(tmp_path):
    good = tmp_path / "errors.jsonl"
    good.write_text(json.dumps(_record(["day"])) + "\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["gva-misses", str(good)])
    assert out.exit_code == 0 and "off by +1 day" in out.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    out = CliRunner().invoke(app, ["gva-misses", str(bad)])
    assert out.exit_code == 1 and "bad.jsonl" in out.output


def test_a_miss_says_whether_gva_town_is_written_and_whether_an_article_yielded_no_report():
    r = {**_record(["city", "no_event"]), "predicted": None, "articles": [{"reports": 0}, {"reports": 3}]}
    got = buckets([r])
    assert got[("city", "with no event, an article with no report")] == 1
    written = {**_record(["city"]), "gold_town_written": False}
    assert buckets([written])[("city", "gold town written in no article")] == 1
    # an older file without the key counts neither way
    assert not any("written" in b for _, b in buckets([_record(["city"])]))
