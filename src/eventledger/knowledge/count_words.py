"""The words around a number that make it a count of people (extract_counts.yaml), read once per Lexicon."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from eventledger.knowledge.files import DATA, read_yaml, words
from eventledger.records import COUNT_KINDS, QUALIFIERS

COUNTS_PATH = DATA / "extract_counts.yaml"
# the who of a figure of people besides someone already told ("killed one, wounded two others"): less than the whole
# toll of its kind when a whole figure is told, the best there is when none is (resolve/values.py)
OTHERS = "others"


def _mapping(data: dict[str, Any], key: str, values: tuple[str, ...], where: str) -> dict[str, str]:
    m = data.get(key)
    if not isinstance(m, dict):
        raise ValueError(f"{where}: {key} must map words to one of {', '.join(values)}")
    bad = {k: v for k, v in m.items() if not isinstance(k, str) or v not in values}
    if bad:
        raise ValueError(f"{where}: {key} maps {bad!r}; each value must be one of {', '.join(values)}")
    return dict(m)


def _ordered(data: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    """A list whose order counts (it becomes a regular expression's alternatives, tried in that order)."""
    words(data, key, where)  # the same checks as any word list
    return tuple(data[key])


def _numbers(data: dict[str, Any], key: str, where: str) -> dict[str, int]:
    m = data.get(key)
    if not isinstance(m, dict) or not all(isinstance(v, int) and v > 0 for v in m.values()):
        raise ValueError(f"{where}: {key} maps each word to a whole number above 0")
    return {str(k).lower(): v for k, v in m.items()}


def _patterns(data: dict[str, Any], key: str, where: str) -> dict[str, str]:
    """Named regular expressions, each checked to compile."""
    m = data.get(key)
    if not isinstance(m, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in m.items()):
        raise ValueError(f"{where}: {key} must map a name to a regular expression")
    for name, rx in m.items():
        try:
            re.compile(rx)
        except re.error as err:
            raise ValueError(f"{where}: {key}.{name} is no regular expression ({err}); fix or quote it") from err
    return dict(m)


@dataclass(slots=True, frozen=True)
class CountWords:
    qualifiers: dict[str, str]  # phrase before a number -> qualifier, in the order tried
    kind_after: dict[str, str]  # word after a number -> count kind
    kind_before: dict[str, str]  # word before a number -> count kind
    filler_words: frozenset[str]
    breaks_before: frozenset[str]
    not_counted_after: tuple[str, ...]  # regular expressions
    things_after: tuple[str, ...]  # regular expressions
    after_a_count_not_a_year: tuple[str, ...]
    after_one: tuple[str, ...]
    who_nouns: tuple[str, ...]
    vague: dict[str, tuple[int | None, int | None]]  # word -> (low, high)
    vague_people: tuple[str, ...]
    not_after_vague: frozenset[str]
    not_a_count: dict[str, str]  # what a number is instead (age, date, address...) -> regular expression
    part_before: tuple[str, ...]  # "including": the figure after it is a part of the toll
    not_a_group: frozenset[str]  # who-phrases of the whole toll ("people")
    people_verbs: dict[str, str]  # lemma -> count kind of the people it is done to
    people_nominals: dict[str, str]  # noun lemma -> count kind of the people it is done to
    people_cues: tuple[str, ...]  # regular expressions: a sentence with one is parsed for the people it counts
    borne_nominals: frozenset[str]  # nominals a person bears ("wound"): who has it, when it names nobody itself
    one_death_words: frozenset[str]  # "shooting death": a death of this kind is one person's, named or not
    suffer_verbs: frozenset[str]
    treat_verbs: frozenset[str]  # "treated for a gunshot wound": the subject bears it
    succumb_verbs: frozenset[str]  # "succumbed to his wounds": the subject died of them
    subject_verbs: frozenset[str]
    outlook_verbs: frozenset[str]  # "is expected to survive": the complement's patient is their subject
    lived_verbs: frozenset[str]  # "survive": told of someone hit only joined to a wounding verb or as expected
    fatal_words: frozenset[str]
    person_nouns: frozenset[str]
    one_person_pronouns: frozenset[str]
    reflexive_pronouns: frozenset[str]
    none_words: frozenset[str]
    attacker_death: tuple[str, ...]  # regular expressions
    attacker_who: str
    intent_verbs: frozenset[str]
    state_verbs: frozenset[str]
    firing_words: frozenset[str]
    statistic: tuple[str, ...]  # regular expressions: a sentence tallying many shootings
    other_story: tuple[str, ...]  # regular expressions: a sentence that is another story's linked title
    hit_verbs: frozenset[str]  # "hit", "strike": shot when a bullet does it
    projectile_words: frozenset[str]
    firing_verbs: frozenset[str]  # "fire", "go off": a hit verb that follows one without a subject is the bullet's
    weapon_words: frozenset[str]  # "gun": what fires
    body_parts: frozenset[str]  # "hit in the leg": a passive hit in one is a shot
    survived_words: tuple[str, ...]  # on or above a wound: the person lives ("minor", "recover")
    ranked_victim: tuple[str, ...]  # regular expressions: "a fourth victim", the rank in group 1
    multiples: dict[str, int]  # "triple" -> 3, before a nominal of people_nominals
    dead_words: frozenset[str]  # "dead", "deceased": the state of someone killed ("was found dead")
    generic_words: frozenset[str]  # "whenever": a verb they open tells what happens in general, nobody in it
    kind_right_after: frozenset[str]  # kind words that count only right after a plural figure ("two lives")

    @classmethod
    def load(cls, path: Path = COUNTS_PATH) -> CountWords:
        return cls.parse(read_yaml(path), path.name)

    @classmethod
    def parse(cls, d: dict[str, Any], where: str = COUNTS_PATH.name) -> CountWords:
        vague = d.get("vague") or {}
        if not all(
            isinstance(v, list) and len(v) == 2 and all(x is None or isinstance(x, int) for x in v)
            for v in vague.values()
        ):
            raise ValueError(f"{where}: vague maps each word to [low, high] (numbers or null)")
        return cls(
            qualifiers=_mapping(d, "qualifiers", QUALIFIERS, where),
            kind_after=_mapping(d, "kind_after", COUNT_KINDS, where),
            kind_before=_mapping(d, "kind_before", COUNT_KINDS, where),
            filler_words=words(d, "filler_words", where),
            breaks_before=words(d, "breaks_before", where),
            not_counted_after=_ordered(d, "not_counted_after", where),
            things_after=_ordered(d, "things_after", where),
            after_a_count_not_a_year=_ordered(d, "after_a_count_not_a_year", where),
            after_one=_ordered(d, "after_one", where),
            who_nouns=_ordered(d, "who_nouns", where),
            vague={k: (v[0], v[1]) for k, v in vague.items()},
            vague_people=_ordered(d, "vague_people", where),
            not_after_vague=words(d, "not_after_vague", where),
            not_a_count=_patterns(d, "not_a_count", where),
            part_before=_ordered(d, "part_before", where),
            not_a_group=words(d, "not_a_group", where),
            people_verbs=_mapping(d, "people_verbs", COUNT_KINDS, where),
            people_nominals=_mapping(d, "people_nominals", COUNT_KINDS, where),
            people_cues=_ordered(d, "people_cues", where),
            borne_nominals=words(d, "borne_nominals", where),
            one_death_words=words(d, "one_death_words", where),
            suffer_verbs=words(d, "suffer_verbs", where),
            treat_verbs=words(d, "treat_verbs", where),
            succumb_verbs=words(d, "succumb_verbs", where),
            subject_verbs=words(d, "subject_verbs", where),
            outlook_verbs=words(d, "outlook_verbs", where),
            lived_verbs=words(d, "lived_verbs", where),
            fatal_words=words(d, "fatal_words", where),
            person_nouns=words(d, "person_nouns", where),
            one_person_pronouns=words(d, "one_person_pronouns", where),
            reflexive_pronouns=words(d, "reflexive_pronouns", where),
            none_words=words(d, "none_words", where),
            attacker_death=_ordered(d, "attacker_death", where),
            attacker_who=str(d.get("attacker_who") or "the attacker"),
            intent_verbs=words(d, "intent_verbs", where),
            state_verbs=words(d, "state_verbs", where),
            firing_words=words(d, "firing_words", where),
            statistic=_ordered(d, "statistic", where),
            other_story=tuple(_patterns(d, "other_story", where).values()),
            ranked_victim=_ordered(d, "ranked_victim", where),
            multiples=_numbers(d, "multiples", where),
            survived_words=_ordered(d, "survived_words", where),
            hit_verbs=words(d, "hit_verbs", where),
            projectile_words=words(d, "projectile_words", where),
            firing_verbs=words(d, "firing_verbs", where),
            weapon_words=words(d, "weapon_words", where),
            body_parts=words(d, "body_parts", where),
            dead_words=words(d, "dead_words", where),
            generic_words=words(d, "generic_words", where),
            kind_right_after=words(d, "kind_right_after", where),
        )
