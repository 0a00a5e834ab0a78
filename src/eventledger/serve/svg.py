"""Geometry for the SVG map (the timeline's is in timeline.py); templates draw it, so every label is escaped there."""

from __future__ import annotations

import math

# Colour-blind-safe qualitative palette (Okabe-Ito plus two greys), assigned in type order.
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#8C564B", "#F0E442", "#555555", "#999999")
W, H = 1000.0, 500.0


def colours(types: list[str]) -> dict[str, str]:
    return {t: PALETTE[i % len(PALETTE)] for i, t in enumerate(sorted(set(types)))}


def project(lat: float, lon: float) -> tuple[float, float]:
    return (lon + 180) / 360 * W, (90 - lat) / 180 * H


def map_geometry(points: list[dict], *, colour: dict[str, str]) -> dict:
    """Points sized by deaths (area grows with the count), framed on where the events are."""
    if points:
        xs, ys = zip(*(project(p["lat"], p["lon"]) for p in points))
        pad = 40.0
        x0, x1, y0, y1 = min(xs) - pad, max(xs) + pad, min(ys) - pad, max(ys) + pad
        span = max(x1 - x0, (y1 - y0) * 2, 120.0)  # keep 2:1 and never zoom past ~43 degrees wide
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        vb = [
            max(0.0, min(W - span, cx - span / 2)),
            max(0.0, min(H - span / 2, cy - span / 4)),
            min(span, W),
            min(span / 2, H),
        ]
    else:
        vb = [0.0, 0.0, W, H]
    unit = vb[2] / W  # radii scale with the zoom so points look the same size on screen
    out = []
    for p in points:
        x, y = project(p["lat"], p["lon"])
        # on screen, at any zoom; small enough that marks a country apart do not touch on a world map
        rpx = min(2.5 + 1.4 * math.sqrt(max(0, p.get("killed") or 0)), 24.0)
        out.append(
            {
                **p,
                "x": round(x, 2),
                "y": round(y, 2),
                "r": round(rpx * unit, 2),
                "rpx": round(rpx, 1),
                "colour": colour.get(p["type"], PALETTE[-1]),
            }
        )
    return {
        "viewbox": " ".join(f"{v:.1f}" for v in vb),
        "points": out,
        "stroke": round(0.8 * unit, 3),
        "grid": _graticule(),
        "unit": unit,
    }


def _graticule() -> list[dict]:
    lines = [{"x1": 0, "y1": project(lat, 0)[1], "x2": W, "y2": project(lat, 0)[1]} for lat in range(-60, 90, 30)]
    lines += [{"x1": project(0, lon)[0], "y1": 0, "x2": project(0, lon)[0], "y2": H} for lon in range(-150, 180, 30)]
    return lines
