"""Loader for mappings.yaml (benchmark labels <-> EventLedger report types and roles)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from eventledger.knowledge.files import parse_yaml

MAPPINGS = Path(__file__).with_name("mappings.yaml")
COARSE = ("attack", "death", "injury", "arrest")


@dataclass(frozen=True, slots=True)
class Mappings:
    muc4: tuple[tuple[re.Pattern, str | None], ...]
    kairos_coarse: dict[str, str]
    kairos_roles: dict[str, str]
    report_roles: dict[str, str]
    report_coarse: dict[str, re.Pattern]

    @classmethod
    def load(cls, path: Path | None = None) -> Mappings:
        data = parse_yaml((path or MAPPINGS).read_text(encoding="utf-8"))
        return cls(
            muc4=tuple((re.compile(p), t) for p, t in data["muc4_incident_types"]),
            kairos_coarse={k.lower(): v for k, v in data["kairos_coarse"].items()},
            kairos_roles={k.lower(): v for k, v in data["kairos_roles"].items()},
            report_roles=dict(data["report_roles"]),
            report_coarse={k: re.compile(v) for k, v in data["report_coarse"].items()},
        )

    def muc4_type(self, report_type: str | None) -> str | None:
        t = (report_type or "").lower()
        for pattern, label in self.muc4:
            if pattern.search(t):
                return label
        return None

    def coarse(self, kairos_type: str) -> str | None:
        t = kairos_type.lower()
        for prefix, label in self.kairos_coarse.items():
            if t.startswith(prefix):
                return label
        return None

    def report_classes(self, report: dict) -> set[str]:
        """Coarse classes of one report (a DESIGN.md report dict): from its type and its counts."""
        t = (report.get("type") or "").lower()
        out = {label for label, pattern in self.report_coarse.items() if pattern.search(t)}
        counts = report.get("counts") or {}
        if _positive(counts.get("killed")):
            out.add("death")
        if _positive(counts.get("injured")):
            out.add("injury")
        if _positive(counts.get("arrested")):
            out.add("arrest")
        return out


def _positive(values) -> bool:
    """A count list with some value above zero (or a vague one with no number)."""
    for v in values or []:
        n = v.get("value") if v.get("value") is not None else v.get("high") or v.get("low")
        if n is None or n > 0:
            return True
    return False
