"""How a report names who and what: a person by the full name the segment gives, one entity by one mention,
a thing without whose or how big it was, an organisation as the registry names it."""

from __future__ import annotations

import re

from eventledger.extract.numbers import NUMBER_RX, parse_number
from eventledger.extract.phrases import ROLES, Span
from eventledger.extract.work import SegWork
from eventledger.records import Arg, Report

MIN_PLURAL_HEAD = 4  # a head word this long or longer loses a plural -s in its entity key ("guerrillas")


class Namer:
    """The naming rules, with their word lists compiled once from the lexicon."""

    def __init__(self, lexicon, actors):
        self.lex = lexicon
        self.actors = actors
        self.titles = lexicon.person_titles | lexicon.role_words
        particles = "|".join(sorted(lexicon.name_particles, key=lambda w: (-len(w), w)))
        self.name_seq = re.compile(rf"\b[A-Z][\w'-]+(?:\s+(?:(?:{particles})\s+)?[A-Z][\w'-]+){{1,5}}")
        self.thing_lead = re.compile(
            rf"(?:(?:{lexicon.thing_owners}|{lexicon.thing_quantities})\s+)*"
            rf"(?:(?:{NUMBER_RX.pattern})\s+)?(?:(?:{lexicon.thing_sizes})\s+)*",
            re.I,
        )

    def canonical_name(self, text: str, actor_id: str) -> str | None:
        """The registry's name of the actor when `text` names exactly that actor ("the IS": Islamic State)."""
        words = text.split(maxsplit=1)
        bare = words[1] if len(words) == 2 and words[0].lower() == "the" else text
        if self.actors.lookup(bare) != actor_id and self.actors.lookup(text) != actor_id:
            return None
        actor = self.actors.get(actor_id)
        return actor.name if actor else None

    def things(self, sp: Span) -> Span:
        """A target or weapon is named without whose it was, how many or how big ("his car" is a car, "at
        least 10 buses" are buses, "a powerful bomb" a bomb: the evidence sentence keeps the rest)."""
        m = self.thing_lead.match(sp.text)
        cut = m.end() if m else 0
        if not cut or cut >= len(sp.text) or not sp.text[cut:].strip()[:1].isalpha():
            return sp
        return sp.part(sp.start + cut, sp.end)

    def full_names(self, w: SegWork, reports: list[Report]) -> None:
        """A person named by surname ("Velez") after the full name ("Federico Estrada Velez") is reported
        under the full name, its first mention in the segment: one person, one name, and the span shows where
        it is written in full."""
        names = self._names(w.text)
        if not names:
            return
        seg = w.seg
        for r in reports:
            for role in ("victims", "perpetrator_individuals"):
                args = getattr(r, role)
                for k, a in enumerate(args):
                    full = self._full(a, names)
                    if full is not None:
                        x, y = full
                        args[k] = Arg(seg.text[x:y], seg.doc_offset(x), seg.doc_offset(y), None)

    def perpetrators(self, w: SegWork, reports: list[Report]) -> None:
        """Perpetrators are the agents of the violent act only: never a phrase across lines (a source name run into
        a place), a bare generic noun ("people", "its fighters"), or an authority that arrests, investigates or
        speaks ("police arrested", "security services have not mentioned")."""
        for r in reports:
            for role in ("perpetrator_orgs", "perpetrator_individuals"):
                kept = [a for a in getattr(r, role) if self._is_perpetrator(w, a)]
                setattr(r, role, [self._described(a) for a in kept])

    def _words(self, a: Arg) -> list[str]:
        """The words of a filler without determiners and numbers ("seven people": people)."""
        return [
            x
            for x in re.findall(r"[\w'-]+", a.text.lower())
            if x not in _DETERMINERS and not x.isdigit() and parse_number(x) is None
        ]

    def _described(self, a: Arg) -> Arg:
        """A perpetrator told only by what kind of attacker it was ("the gunmen", "two suicide bombers") is
        described, not named: the report keeps the mention, but it names no actor an event could list."""
        if a.actor_id or a.described:
            return a
        words = self._words(a)
        kinds = self.lex.perp_ind_heads | self.lex.generic_perpetrators
        if words and words[-1] in kinds and all(x in kinds or x in self.lex.weapon_modifiers for x in words):
            return Arg(a.text, a.start, a.end, None, True)
        return a

    def _is_perpetrator(self, w: SegWork, a: Arg) -> bool:
        if "\n" in a.text or "\r" in a.text:
            return False
        words = self._words(a)
        if not a.actor_id and (not words or all(x in self.lex.generic_perpetrators for x in words)):
            return False
        tok = self._head_token(w, a)
        if tok is not None and (_denied(tok) or self._arrests(tok)):
            return False
        kind = self.actors.get(a.actor_id).kind if a.actor_id and self.actors.get(a.actor_id) else None
        if kind in STATE_KINDS or (not a.actor_id and words and words[-1] in self.lex.authority_heads):
            return tok is None or self._acts_violently(tok)
        return True

    def _head_token(self, w: SegWork, a: Arg):
        x, y = _seg_offset(w.seg, a.start), _seg_offset(w.seg, a.end)
        if x is None or y is None:
            return None
        for i, (s0, s1) in enumerate(w.sents):
            if s0 <= x < s1 and i in w.parse:
                inside = [t for t in w.parse[i] if x <= s0 + t.idx < y]
                heads = [t for t in inside if not (x <= s0 + t.head.idx < y) or t.head is t]
                return (heads or inside or [None])[0]
        return None

    def _arrests(self, tok) -> bool:
        """The doer of an arrest ("Tajikistan has also detained people", "arrested by the FSB") is the force that
        arrests, named or not in the registry: never a perpetrator."""
        while tok.dep_ in ("conj", "appos", "compound") and tok.head.i != tok.i:
            tok = tok.head
        if tok.dep_ == "nsubj":
            verb = tok.head
        elif tok.dep_ == "pobj" and tok.head.lower_ == "by" and tok.head.dep_ == "agent":
            verb = tok.head.head
        else:
            return False
        et = self.lex.verb_type.get(verb.lemma_.lower())
        return et is not None and et.family == "arrest"

    def _acts_violently(self, tok) -> bool:
        """The token is the doer of a violent verb (its subject, or its by-agent), or the one blamed for it."""
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        if tok.dep_ in ("dobj", "nsubjpass") and tok.head.lemma_.lower() in self.lex.blame_verbs:
            return True  # "we hold the armed forces responsible", "blames certain officers for the murder"
        if tok.dep_ in ("nsubj", "agent") or tok.dep_ == "pobj" and tok.head.lower_ == "by":
            verb = tok.head if tok.dep_ == "nsubj" else tok.head.head
            verbs = [verb, *(c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")]
            return (
                any(
                    v.lemma_.lower() in self.lex.human_object_verbs or v.lemma_.lower() in self.lex.verb_type
                    for v in verbs
                )
                and verb.lemma_.lower() not in self.lex.not_agency_verbs
            )
        return False

    def _names(self, text: str) -> list[tuple[int, int, list[str]]]:
        """Names of two words or more, without the title before them ("Senator Federico Estrada Velez")."""
        names = []
        for m in self.name_seq.finditer(text):
            x = m.start()
            for word in m.group(0).split():
                if word.lower().strip(".") not in self.titles:
                    break
                x += len(word) + 1
            while x < m.end() and text[x].isspace():
                x += 1
            if len(text[x : m.end()].split()) >= 2:
                names.append((x, m.end(), text[x : m.end()].lower().split()))
        return names

    def _full(self, a: Arg, names) -> tuple[int, int] | None:
        words = a.text.lower().split()
        if a.actor_id or not 1 <= len(words) <= 3 or not a.text[:1].isalpha():
            return None
        while len(words) > 1 and words[0].strip(".") in self.titles:  # "Msgr Romero" is Romero
            words = words[1:]
        # the surname, or the first of two ("Vargas" in "Jorge Adolfo Vargas Gonzalez")
        return next(
            (
                (x, y)
                for x, y, ws in names
                if len(ws) > len(words)
                and ws[-len(words) :] == words
                or len(ws) >= len(words) + 2
                and ws[-len(words) - 1 : -1] == words
            ),
            None,
        )


_DETERMINERS = frozenset(
    {
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "some",
        "other",
        "several",
        "many",
        "these",
        "those",
        "this",
        "that",
        "unknown",
        "unidentified",
        "armed",
    }
)
STATE_KINDS = ("state-force", "government", "institution")  # actor kinds that arrest, investigate and speak


def _denied(tok) -> bool:
    """ "no Islamic State gunmen opened fire": the phrase, or the one it is a modifier of, is quantified by
    "no", so it names someone who did not act."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _seg_offset(seg, doc_offset: int) -> int | None:
    for p in seg.pieces:
        if p.doc_start <= doc_offset <= p.doc_start + p.length:
            return p.seg_start + (doc_offset - p.doc_start)
    return None


def entity_key(arg: Arg) -> str:
    if arg.actor_id:
        return arg.actor_id
    words = re.findall(r"[\w-]+", arg.text.lower())
    head = words[-1] if words else ""
    return head[:-1] if head.endswith("s") and len(head) >= MIN_PLURAL_HEAD else head


def one_mention_per_entity(reports: list[Report]) -> None:
    """Within a segment one entity has one mention, its first: a report keeps its filler, named as it was
    first named, so "the guerrillas" and "guerrilla" are not counted as two entities, and no report loses its
    own."""
    first: dict[tuple[str, str], Arg] = {}
    for r in reports:
        for role in ROLES:
            keep, used = [], set()
            for a in getattr(r, role):
                k = entity_key(a)
                if k in used:
                    continue
                used.add(k)
                keep.append(first.setdefault((role, k), a) if k else a)
            setattr(r, role, keep)
