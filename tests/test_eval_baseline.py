"""Floor checks against a pinned baseline, data hashing, and the eval CLI surface."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from eventledger.eval import baseline as bl
from eventledger.eval.cli import app

PINNED = {
    "tolerance": 0.01,
    "lower_is_better": ["muc4.false_alarm.rate"],
    "tasks": {
        "muc4": {"options": {}, "metrics": {"muc4.ceaf_ree.strict.micro.f1": 0.30, "muc4.false_alarm.rate": 0.20}}
    },
}


def muc4_result(strict_f1, false_alarm):
    micro = {"f1": strict_f1}
    return {
        "ceaf_ree": {"strict": {"micro": micro}, "prop": {"micro": {"f1": strict_f1}}},
        "incident_type": {"template_accuracy": 0.5},
        "false_alarm": {"rate": false_alarm},
    }


def test_within_one_point_holds():
    assert bl.check("muc4", muc4_result(0.2905, 0.2095), PINNED) == []


def test_drop_of_more_than_one_point_fails():
    (msg,) = bl.check("muc4", muc4_result(0.2890, 0.20), PINNED)
    assert "fell below" in msg and "strict" in msg


def test_lower_is_better_metric_fails_when_it_rises():
    (msg,) = bl.check("muc4", muc4_result(0.30, 0.2150), PINNED)
    assert "false_alarm" in msg and "rose" in msg


def test_folder_hash_changes_with_content_and_names(tmp_path):
    (tmp_path / "a.txt").write_text("one")
    h1 = bl.sha256_path(tmp_path)
    (tmp_path / "a.txt").write_text("two")
    h2 = bl.sha256_path(tmp_path)
    (tmp_path / "a.txt").rename(tmp_path / "b.txt")
    assert len({h1, h2, bl.sha256_path(tmp_path)}) == 3


def test_write_pins_tasks_and_lists_those_not_run(tmp_path):
    path = tmp_path / "baseline.json"
    data = bl.write({"muc4": muc4_result(0.3, 0.1)}, commit="abc", path=path, errors={"articles": "reader missing"})
    on_disk = json.loads(path.read_text())
    assert on_disk == data
    assert set(data["tasks"]) == {"muc4"}
    assert data["not_pinned"] == {"articles": "reader missing"}
    assert data["tasks"]["muc4"]["metrics"]["muc4.false_alarm.rate"] == 0.1


def test_every_eval_command_has_help():
    runner = CliRunner()
    out = runner.invoke(app, ["--help"]).output
    for name in ("muc4", "wikievents", "rams", "articles", "seeds", "all", "baseline"):
        assert name in out
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def test_missing_file_is_one_clean_error(tmp_path):
    r = CliRunner().invoke(app, ["muc4", str(tmp_path / "nope.json")])
    assert r.exit_code == 1
    assert "no such file or directory" in r.output
