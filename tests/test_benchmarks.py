"""Smoke check of the benchmark runner (slow: it loads the pipeline in several processes). No speed assertions."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.slow
def test_quick_benchmark_run_writes_every_table(tmp_path):
    if not (ROOT.parent / "shared" / "data" / "muc4" / "dev.json").exists():
        pytest.skip("../shared/data is not here (the extraction benchmark reads MUC-4 texts)")
    out = tmp_path / "B.md"
    r = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--write", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1200,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    text = out.read_text()
    for heading in ("## API latency", "## Extraction speed", "## Ingest throughput", "## The main job", "## Memory"):
        assert heading in text
    assert "| dossier |" in text and "| extraction, 2 processes |" in text and "| feed | 100 | 2 |" in text
