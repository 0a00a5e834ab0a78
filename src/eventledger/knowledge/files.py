"""Where the curated data files live and how they are read: one folder, YAML with a version, TSV with a
header."""

from __future__ import annotations

import csv
import gc
import pickle
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parents[1] / "data"
# libyaml's loader where PyYAML was built with it: the Python one takes half a second of every start-up
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text, safely loaded (no tags that build objects)."""
    return yaml.load(text, Loader=LOADER)


def load_yaml_file(path: Path) -> Any:
    """A YAML file parsed once per process while it is unchanged: the actor registry is read by extraction
    and three times by resolution's settings (parents, names, affiliates), each parse a tenth of a second.
    The value is shared between callers: read it, never change it."""
    st = path.stat()
    return _parsed_yaml(str(path.resolve()), st.st_mtime_ns, st.st_size)


@lru_cache(maxsize=16)
def _parsed_yaml(path: str, _mtime_ns: int, _size: int) -> Any:
    return parse_yaml(Path(path).read_text(encoding="utf-8"))


def load_pickle(path: Path) -> Any:
    """A pickled cache file. The collector is paused meanwhile: unpickling a large index creates millions of
    objects, and collections triggered by that alone cost as much again."""
    was = gc.isenabled()
    gc.disable()
    try:
        with path.open("rb") as f:
            return pickle.load(f)
    finally:
        if was:
            gc.enable()


def read_yaml(path: Path) -> dict[str, Any]:
    """A data file's mapping; every file carries a `version` so a change to it is visible."""
    data = parse_yaml(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or "version" not in data:
        raise ValueError(f"{path}: expected a mapping with a 'version' key")
    return data


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a tab-separated file with a header line; lines starting with # are comments."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = [line for line in f if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(rows, delimiter="\t")]


def words(data: dict[str, Any], key: str, where: str) -> frozenset[str]:
    """A word list of a data file, lowercase as written; a missing key is an error that names the file."""
    if key not in data:
        raise ValueError(f"{where}: lacks the word list {key!r}; add it (a list of lowercase words)")
    items = data[key] or ()
    bad = [w for w in items if not isinstance(w, str)]
    if bad:
        # YAML reads a bare on, off, yes or no as true/false: quote such words
        raise ValueError(f"{where}: {key} holds non-words {bad!r}; quote words like 'on' and 'no'")
    return frozenset(items)
