"""Everything extraction knows as words: event types, role head words, statement cues, the rules' word lists.

Read from data files (event_types.yaml, extract_roles.yaml, extract_statements.yaml, extract_words.yaml,
extract_counts.yaml) and
compiled once per Lexicon object, so a worker builds its own.
"""

from __future__ import annotations

import re
from pathlib import Path

from eventledger.knowledge.count_words import CountWords
from eventledger.knowledge.event_types import EventType, Triggers, compile_all, parse_types
from eventledger.knowledge.files import DATA, read_yaml, words

STATEMENT_KINDS = ("claim", "attribution", "accusation", "denial", "threat", "assessment")
ROLE_LISTS = (
    "weapon_heads",
    "weapon_modifiers",
    "target_heads",
    "perp_individual_heads",
    "perp_org_heads",
    "victim_heads",
    "person_titles",
    "role_words",
    "generic_perpetrators",
    "authority_heads",
)
WORD_LISTS = (
    "skip_heads",
    "needs_weapon_word",
    "not_agency_verbs",
    "group_words",
    "damage_verbs",
    "human_object_verbs",
    "blame_verbs",
    "name_tails",
    "when_words",
    "light_verbs",
    "name_particles",
    "thing_owners",
    "thing_quantities",
    "thing_sizes",
    "reaction_verbs",
)


def _phrases(items) -> str:
    """Alternatives of a regex for words and phrases, a phrase's words apart by any space."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(items, key=lambda w: (-len(w), w)))


class Lexicon:
    def __init__(
        self, events: dict, roles: dict, statements: dict, rules: dict | None = None, counts: dict | None = None
    ):
        rules = rules if rules is not None else read_yaml(DATA / "extract_words.yaml")
        self.count_words = CountWords.parse(counts) if counts is not None else CountWords.load()
        self.types: list[EventType] = parse_types(events)
        self.by_type = {t.type: t for t in self.types}
        triggers = Triggers(self.types)
        self.verb_type, self.noun_type = triggers.verb_type, triggers.noun_type
        self.phrase_rx, self.trigger_prefilter = triggers.phrase_rx, triggers.prefilter
        self.not_violence = {
            k: compile_all(v, f"not_violence.{k}") for k, v in (events.get("not_violence") or {}).items()
        }
        self.background = compile_all(events.get("background"), "background")
        self.lead_only_nouns = frozenset(w.lower() for w in events.get("lead_only_nouns") or ())
        role = {k: words(roles, k, "extract_roles.yaml") for k in ROLE_LISTS}
        self.weapon_heads, self.weapon_modifiers = role["weapon_heads"], role["weapon_modifiers"]
        self.target_heads, self.victim_heads = role["target_heads"], role["victim_heads"]
        self.perp_ind_heads, self.perp_org_heads = role["perp_individual_heads"], role["perp_org_heads"]
        self.person_titles, self.role_words = role["person_titles"], role["role_words"]
        self.generic_perpetrators, self.authority_heads = role["generic_perpetrators"], role["authority_heads"]
        self.stmt = {k: compile_all(statements[k], f"extract_statements.yaml {k}") for k in STATEMENT_KINDS}
        self.speech_verbs = words(statements, "speech_verbs", "extract_statements.yaml")
        self.channels = {name: re.compile(p, re.I) for name, p in statements["channels"].items()}
        w = {k: words(rules, k, "extract_words.yaml") for k in (*WORD_LISTS, "seized_stems")}
        self.skip_heads, self.needs_weapon_word = w["skip_heads"], w["needs_weapon_word"]
        self.not_agency_verbs, self.group_words, self.damage_verbs = (
            w["not_agency_verbs"],
            w["group_words"],
            w["damage_verbs"],
        )
        self.human_object_verbs, self.blame_verbs = w["human_object_verbs"], w["blame_verbs"]
        self.name_tails, self.when_words = w["name_tails"], w["when_words"]
        self.light_verbs = w["light_verbs"]
        self.reaction_verbs = w["reaction_verbs"]
        self.seized = re.compile(r"\b(?:" + _phrases(w["seized_stems"]) + ")", re.I)
        self.name_particles = w["name_particles"]
        self.thing_owners = _phrases(w["thing_owners"])  # regex alternatives, for extract/naming.py
        self.thing_quantities = _phrases(w["thing_quantities"])
        self.thing_sizes = _phrases(w["thing_sizes"])

    @classmethod
    def load(cls, data_dir: Path | None = None) -> Lexicon:
        d = data_dir or DATA
        return cls(
            read_yaml(d / "event_types.yaml"),
            read_yaml(d / "extract_roles.yaml"),
            read_yaml(d / "extract_statements.yaml"),
            read_yaml(d / "extract_words.yaml"),
            read_yaml(d / "extract_counts.yaml"),
        )

    def is_not_violence(self, sentence_lower: str) -> str | None:
        for kind, rxs in self.not_violence.items():
            if any(r.search(sentence_lower) for r in rxs):
                return kind
        return None

    def is_background(self, prefix_lower: str) -> bool:
        return any(r.search(prefix_lower[-80:]) for r in self.background)
