"""Phrases and clause parts in one parsed sentence: spans, frames and the dependency walks the rules share."""

from __future__ import annotations

from dataclasses import dataclass, field

from eventledger.knowledge import EventType

ROLES = ("perpetrator_orgs", "perpetrator_individuals", "targets", "victims", "weapons")
SUBJ = {"nsubj", "csubj"}
PASS_SUBJ = {"nsubjpass", "csubjpass"}
OBJ = {"dobj", "obj", "attr"}
NAME_ENTS = {"PERSON"}
ORG_ENTS = {"ORG", "NORP"}


@dataclass(slots=True)
class Span:
    start: int  # offsets in the sentence text
    end: int
    text: str
    actor_id: str | None = None
    described: bool = False  # see records.Arg

    def part(self, start: int, end: int, actor_id: str | None = ...) -> Span:
        """The piece of this span between sentence offsets start..end (its actor unless one is given)."""
        return Span(
            start,
            end,
            self.text[start - self.start : end - self.start],
            self.actor_id if actor_id is ... else actor_id,
            self.described,
        )


@dataclass(slots=True)
class Frame:
    etype: EventType
    trigger: Span
    roles: dict[str, list[Span]] = field(default_factory=lambda: {r: [] for r in ROLES})
    pronoun_agent: bool = False  # "they attacked": the perpetrator was named in an earlier sentence

    def add(self, role: str, span: Span) -> None:
        for s in self.roles[role]:
            if s.start == span.start and s.end == span.end:
                return
        self.roles[role].append(span)


@dataclass(slots=True)
class ActorLookup:
    """The registry matches of a segment, asked in the offsets of one sentence (which starts at s0)."""

    matches: list[tuple[int, int, str]]  # segment offsets
    s0: int

    def hit(self, a: int, b: int) -> tuple[int, int, str] | None:
        """The registry match overlapping sentence offsets a..b, in sentence offsets."""
        for x, y, aid in self.matches:
            if x < self.s0 + b and self.s0 + a < y:
                return x - self.s0, y - self.s0, aid
        return None

    def at(self, a: int, b: int) -> str | None:
        """The actor id of that match."""
        hit = self.hit(a, b)
        return hit[2] if hit else None


def np_span(tok) -> tuple[int, int]:
    """Token offsets of the noun phrase headed by `tok`: its left modifiers, no clauses, PPs, appositions."""
    left = tok.i
    for c in tok.lefts:
        if c.dep_ in ("det", "predet", "case", "punct", "cc", "preconj", "advmod"):
            continue
        left = min(left, c.left_edge.i)
    right = tok.i
    # flat names and compounds to the right ("Crocus City Hall") belong to the phrase
    for c in tok.rights:
        if c.dep_ in ("compound", "flat", "nummod") and c.i == right + 1:
            right = c.i
    doc = tok.doc
    while (
        left < tok.i
        and doc[left].dep_ in ("det", "punct", "cc", "case", "predet", "prep")
        or (left < tok.i and doc[left].lower_ in ("the", "a", "an", "dead"))
    ):  # "shot dead two journalists"
        left += 1
    return left, right + 1


def name_before_comma(tok, sp: Span) -> Span | None:
    """The name that opens `tok`'s phrase and ends at a comma before it, when the tagger saw a person."""
    doc = tok.doc
    first = next((t for t in doc[tok.left_edge.i : tok.i] if t.idx >= sp.start), None)
    comma = next((t for t in doc[tok.left_edge.i : tok.i] if t.text == "," and t.idx > sp.start), None)
    if first is None or comma is None or first.ent_type_ not in NAME_ENTS:
        return None
    return Span(sp.start, comma.idx, doc.text[sp.start : comma.idx])


def cut(sp: Span, at: int) -> Span:
    """The span up to offset `at`, without trailing space."""
    return sp.part(sp.start, sp.start + len(sp.text[: at - sp.start].rstrip()))


def with_of(tok, sp: Span) -> Span:
    """A target with the of-phrase that says whose or which it is ("the warehouse of the regional farming
    cooperative", "an office of the town's water board")."""
    for p in tok.rights:
        if p.dep_ == "prep" and p.lower_ == "of":
            obj = next((c for c in p.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                b = np_span(obj)[1]
                end = tok.doc[b - 1].idx + len(tok.doc[b - 1].text)
                if end > sp.end:
                    return Span(sp.start, end, tok.doc.text[sp.start : end], sp.actor_id)
    return sp


def expand_conj(tok, *, appos: bool = False):
    """The phrase and those coordinated with it; with `appos`, also the items a phrase is spelled out into
    ("three vehicles -- an ambulance, a fuel truck and a station wagon")."""
    out = [tok]
    for c in tok.children:
        if (c.dep_ == "conj" or appos and c.dep_ == "appos") and c.pos_ in ("NOUN", "PROPN"):
            out.extend(expand_conj(c, appos=appos))
    return out


def preps(tok, words: tuple[str, ...]):
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in words:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield from expand_conj(p)


def subjects(verb):
    return [x for c in verb.children if c.dep_ in SUBJ | PASS_SUBJ for x in expand_conj(c)]


def controllers(verb) -> list:
    """Who does an infinitive that has no subject of its own: the object of the verb it completes
    ("led the group to select a target"), else that verb's subject ("the rebels tried to storm the base")."""
    if verb.dep_ != "xcomp" or any(c.dep_ in SUBJ | PASS_SUBJ for c in verb.children):
        return []
    up = verb.head
    return [x for c in up.children if c.dep_ in ("dobj", "obj") for x in expand_conj(c)] or subjects(up)


def blamed(verb) -> list:
    """Who a blame verb names: its object ("blames X for"), or in the passive its subject ("X was blamed")."""
    return [x for c in verb.children if c.dep_ in ("dobj", "obj") for x in expand_conj(c)] or (
        subjects(verb) if any(c.dep_ in PASS_SUBJ for c in verb.children) else []
    )


def held_responsible(tok, blame_verbs: frozenset[str]):
    """Who the sentence makes answerable for the attack noun `tok`:
    "X were responsible for the assassination", "blames X for the murder", "X are behind this attack",
    "men suspected of taking part in the attack"."""
    if tok.dep_ != "pobj":
        return []
    prep, up = tok.head, tok.head.head
    if prep.lower_ == "for" and up.lower_ == "responsible":
        if up.dep_ in ("acomp", "amod") and up.head.pos_ in ("AUX", "VERB"):
            return subjects(up.head) or [c for c in up.head.children if c.dep_ in ("dobj", "obj")]
        if up.dep_ in ("oprd", "xcomp", "ccomp"):  # "held X responsible for ..."
            return [c for c in up.head.children if c.dep_ in ("dobj", "obj")]
        if up.dep_ == "amod" and up.head.pos_ in ("NOUN", "PROPN"):  # "hold the government responsible"
            n = up.head
            while n.dep_ in ("appos", "conj") and n.head.pos_ in ("NOUN", "PROPN"):
                n = n.head
            return expand_conj(n, appos=True)
    if prep.lower_ == "for" and up.pos_ in ("NOUN", "PROPN"):
        # "blames certain officers of the national police for the killing": the parse hung "for" on the object
        up = next((a for a in list(up.ancestors)[:4] if a.lemma_ in blame_verbs), up)
    if prep.lower_ == "for" and up.lemma_ in blame_verbs:
        return blamed(up)
    if prep.lower_ == "behind" and up.pos_ in ("AUX", "VERB"):
        return subjects(up)
    if prep.lower_ == "in" and up.lemma_ in ("participate", "involve", "implicate", "take part"):
        own = [c for c in up.children if c.dep_ == "nsubj"]
        if own:  # "with Tajik fighters participating in attacks": the fighters, not the main clause's subject
            return own
        clause = up.head.head if up.dep_ == "pcomp" else up
        if clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN"):
            return [clause.head]  # "two men suspected of participating in the raid"
        return subjects(clause) or subjects(up)
    return []
