"""Resolution settings: thresholds and curated tables from data/resolution.yaml, validated once."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from eventledger.knowledge.files import load_yaml_file, parse_yaml

DATA = Path(__file__).resolve().parents[1] / "data"
DEFAULT_PATH = DATA / "resolution.yaml"
EVENT_TYPES_PATH = DATA / "event_types.yaml"
ACTORS_PATH = DATA / "actors.yaml"
POLICIES = ("acled", "gtd", "median")


def norm(text: str | None) -> str:
    return " ".join((text or "").casefold().replace("-", " ").replace("_", " ").split())


@dataclass(frozen=True, slots=True)
class ResolveConfig:
    version: str
    merge_threshold: float
    strong_threshold: float
    anchored_threshold: float
    ambiguity_margin: float
    weights: dict[str, float]
    date: dict[str, float]
    place: dict[str, float]
    policy: str
    qualifier_ranges: dict[str, tuple[float | None, float | None]]
    families: dict[str, str]  # normalised type -> family
    generic_types: frozenset[str]
    metro: frozenset[frozenset[str]]
    venue_words: frozenset[str]
    outlets: dict[str, str]  # normalised outlet name -> canonical publisher
    parents: dict[str, str] = field(default_factory=dict)  # actor id -> parent actor id
    actor_names: dict[str, str] = field(default_factory=dict)  # actor id -> the registry's name
    affiliates: dict[str, frozenset[str]] = field(default_factory=dict)  # actor id -> ids it is affiliated with
    same_document_score: float = 1.0  # added to the probability of two reports of one document
    # the probability two news reports of documents the document model reads need to join by their pair alone
    # (None: merge_threshold); learned with the model's weights (resolve/cluster.py pair_scores)
    read_threshold: float | None = None
    model: Any = None  # the learned pair model (resolve/model.py PairModel), from `model` in the settings

    @classmethod
    def load(
        cls,
        path: str | Path | None = None,
        *,
        event_types: str | Path | None = None,
        actors: str | Path | None = None,
        **overrides: Any,
    ) -> ResolveConfig:
        p = Path(path) if path else DEFAULT_PATH
        d = parse_yaml(p.read_text(encoding="utf-8"))
        if not isinstance(d, dict):
            raise ValueError(f"{p}: expected a mapping of settings")
        missing = [
            k
            for k in (
                "version",
                "merge_threshold",
                "strong_threshold",
                "anchored_threshold",
                "ambiguity_margin",
                "weights",
                "date",
                "place",
                "policy",
            )
            if k not in d
        ]
        if missing:
            raise ValueError(f"{p}: missing settings {missing}; see the comments at the top of the file")
        families = {norm(t): fam for fam, types in (d.get("families") or {}).items() for t in types}
        families.update(_taxonomy_families(Path(event_types) if event_types else EVENT_TYPES_PATH))
        outlets = {norm(a): canon for canon, names in (d.get("outlets") or {}).items() for a in [canon, *names]}
        cfg = cls(
            version=str(d["version"]),
            merge_threshold=float(d["merge_threshold"]),
            strong_threshold=float(d["strong_threshold"]),
            anchored_threshold=float(d["anchored_threshold"]),
            ambiguity_margin=float(d["ambiguity_margin"]),
            weights={k: float(v) for k, v in d["weights"].items()},
            date={k: float(v) for k, v in d["date"].items()},
            place={k: float(v) for k, v in d["place"].items()},
            policy=str(d["policy"]),
            qualifier_ranges={k: (v[0], v[1]) for k, v in (d.get("qualifier_ranges") or {}).items()},
            families=families,
            generic_types=frozenset(norm(t) for t in d.get("generic_types") or ()),
            metro=frozenset(frozenset(norm(x) for x in pair) for pair in d.get("metro") or ()),
            venue_words=frozenset(norm(w) for w in d.get("venue_words") or ()),
            outlets=outlets,
            parents=_actor_parents(Path(actors) if actors else ACTORS_PATH),
            actor_names=_actor_names(Path(actors) if actors else ACTORS_PATH),
            affiliates=_actor_affiliates(Path(actors) if actors else ACTORS_PATH),
            same_document_score=float(d.get("same_document_score", 1.0)),
        )
        model = _model(d.get("model"), p.parent, cfg)
        # the threshold learned with the model's weights goes with them
        learned = model.threshold if model.threshold is not None else cfg.merge_threshold
        cfg = replace(cfg, model=model, merge_threshold=learned, read_threshold=model.read_threshold)
        return cfg.with_overrides(**overrides)

    def with_overrides(self, **overrides: Any) -> ResolveConfig:
        bad = set(overrides) - set(self.__dataclass_fields__)
        if bad:
            raise ValueError(f"unknown resolution settings {sorted(bad)}; known: {sorted(self.__dataclass_fields__)}")
        cfg = replace(self, **overrides) if overrides else self
        if cfg.policy not in POLICIES:
            raise ValueError(f"count policy {cfg.policy!r} is not one of {', '.join(POLICIES)}")
        return cfg

    def family(self, event_type: str | None) -> str | None:
        """None when the type is unknown: such a report may join any family."""
        return self.families.get(norm(event_type))

    def outlet(self, name: str | None) -> str | None:
        n = norm(name)
        return self.outlets.get(n, n) if n else None


def _model(name: str | None, folder: Path, cfg: ResolveConfig):
    """The learned pair model the settings name (a file beside them or in the package data), else the prior."""
    from eventledger.resolve.model import PairModel, prior

    if not name:
        return prior(cfg)
    p = Path(name)
    for candidate in (p, folder / p, DATA / p):
        if candidate.is_file():
            return PairModel.load(candidate)
    raise ValueError(f"resolution model {name!r} not found beside the settings or in {DATA}")


def _taxonomy_families(path: Path) -> dict[str, str]:
    """Families from the extraction taxonomy when it exists (mapping or list of entries with `family`)."""
    if not path.exists():
        return {}
    d = parse_yaml(path.read_text(encoding="utf-8")) or {}
    types = d.get("types", d) if isinstance(d, dict) else d
    out: dict[str, str] = {}
    items = (
        types.items()
        if isinstance(types, dict)
        else ((e.get("type") or e.get("id") or e.get("name"), e) for e in types or () if isinstance(e, dict))
    )
    for name, entry in items:
        if isinstance(entry, dict) and entry.get("family") and name:
            out[norm(name)] = str(entry["family"])
            for alias in entry.get("aliases") or ():
                out[norm(alias)] = str(entry["family"])
    return out


def _actor_parents(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    d = load_yaml_file(path) or {}
    return {a["id"]: a["parent"] for a in d.get("actors") or () if isinstance(a, dict) and a.get("parent")}


def _actor_affiliates(path: Path) -> dict[str, frozenset[str]]:
    """Affiliation both ways: a faction that fights under a group is as much the group's as it is its own."""
    if not path.exists():
        return {}
    d = load_yaml_file(path) or {}
    out: dict[str, set[str]] = {}
    for a in d.get("actors") or ():
        if isinstance(a, dict):
            for b in a.get("affiliates") or ():
                out.setdefault(a["id"], set()).add(b)
                out.setdefault(b, set()).add(a["id"])
    return {k: frozenset(v) for k, v in out.items()}


def _actor_names(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    d = load_yaml_file(path) or {}
    return {a["id"]: str(a["name"]) for a in d.get("actors") or () if isinstance(a, dict) and a.get("name")}


def as_config(config: ResolveConfig | dict | None) -> ResolveConfig:
    """None -> the shipped settings; a dict -> the shipped settings with those overrides."""
    if isinstance(config, ResolveConfig):
        return config
    return ResolveConfig.load(**(config or {}))
