"""Geometry for the SVG map and timeline; templates draw it (so every label is escaped there)."""

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
        vb = [max(0.0, min(W - span, cx - span / 2)), max(0.0, min(H - span / 2, cy - span / 4)), min(span, W), min(span / 2, H)]
    else:
        vb = [0.0, 0.0, W, H]
    unit = vb[2] / W  # radii scale with the zoom so points look the same size on screen
    out = []
    for p in points:
        x, y = project(p["lat"], p["lon"])
        r = (3.0 + 2.2 * math.sqrt(max(0, p.get("killed") or 0))) * unit
        out.append({**p, "x": round(x, 2), "y": round(y, 2), "r": round(min(r, 40 * unit), 2), "colour": colour.get(p["type"], PALETTE[-1])})
    return {"viewbox": " ".join(f"{v:.1f}" for v in vb), "points": out, "stroke": round(0.8 * unit, 3), "grid": _graticule(), "unit": unit}


def _graticule() -> list[dict]:
    lines = [{"x1": 0, "y1": project(lat, 0)[1], "x2": W, "y2": project(lat, 0)[1]} for lat in range(-60, 90, 30)]
    lines += [{"x1": project(0, lon)[0], "y1": 0, "x2": project(0, lon)[0], "y2": H} for lon in range(-150, 180, 30)]
    return lines


def timeline_geometry(buckets: list[dict], *, colour: dict[str, str], width: float = 1000, height: float = 320) -> dict:
    """Stacked bars of events per bucket by type, with deaths as a line on the right-hand scale."""
    left, right, top, bottom = 48.0, 56.0, 16.0, 44.0
    n = max(1, len(buckets))
    pw, ph = width - left - right, height - top - bottom
    max_events = max((b["events"] for b in buckets), default=0) or 1
    max_killed = max((b["killed"] for b in buckets), default=0) or 1
    bw = pw / n
    bars, line = [], []
    for i, b in enumerate(buckets):
        x = left + i * bw
        y = top + ph
        for t in sorted(b["by_type"]):
            h = b["by_type"][t] / max_events * ph
            y -= h
            bars.append({"x": round(x + bw * 0.1, 2), "y": round(y, 2), "w": round(bw * 0.8, 2), "h": round(h, 2),
                         "colour": colour.get(t, PALETTE[-1]), "title": f"{b['bucket']}: {b['by_type'][t]} {t}"})
        line.append((round(x + bw / 2, 2), round(top + ph - b["killed"] / max_killed * ph, 2)))
    step = max(1, math.ceil(n / 12))
    labels = [{"x": round(left + i * bw + bw / 2, 2), "text": b["bucket"]} for i, b in enumerate(buckets) if i % step == 0]
    ticks = [{"y": round(top + ph - f * ph, 2), "events": round(f * max_events, 1), "killed": round(f * max_killed)} for f in (0, 0.5, 1)]
    return {
        "width": width, "height": height, "left": left, "right": width - right, "top": top, "bottom": top + ph,
        "bars": bars, "line": " ".join(f"{x},{y}" for x, y in line), "dots": [{"x": x, "y": y, "killed": b["killed"], "bucket": b["bucket"]} for (x, y), b in zip(line, buckets)],
        "labels": labels, "ticks": ticks,
    }
