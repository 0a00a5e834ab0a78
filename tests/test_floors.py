"""Quality floors: headline metrics may not drop more than one point below eval/baseline.json.

Re-pin after a real improvement with `eventledger eval baseline --update`. The data files are hashed in the
baseline, so editing the data cannot move a floor quietly. Tasks the baseline marks `ci: false` (or could
not pin yet, listed under `not_pinned`) are skipped with the reason.
"""

from __future__ import annotations

import pytest

from eventledger.eval import baseline as bl
from eventledger.eval.paths import default_paths

pytestmark = pytest.mark.floors


@pytest.fixture(scope="module")
def pinned():
    if not bl.BASELINE.exists():
        pytest.fail(f"{bl.BASELINE} is missing: run `eventledger eval baseline --update`")
    if not default_paths()["muc4"].parent.parent.is_dir():
        pytest.skip("../shared/data is not here")
    return bl.load()


def test_data_files_match_their_pinned_hashes(pinned):
    assert pinned["data_sha256"], "baseline pins no data hashes"
    assert bl.check_hashes(pinned) == []


@pytest.mark.parametrize("task", list(bl.DEFAULT_TASKS))
def test_floor(task, pinned):
    from eventledger.eval.tasks import run_task

    entry = pinned["tasks"].get(task)
    if entry is None:
        pytest.skip(f"{task} not pinned: {pinned.get('not_pinned', {}).get(task, 'not in the baseline')}")
    if not entry["options"].get("ci", True):
        pytest.skip(f"{task} is marked ci: false in the baseline (run `eventledger eval {task}` by hand)")
    result = run_task(task, limit=entry["options"].get("limit"))
    assert bl.check(task, result, pinned) == []
