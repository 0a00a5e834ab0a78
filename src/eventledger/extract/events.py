"""Event frames from one parsed sentence: trigger, type, and role fillers found in the dependency parse."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from eventledger.extract.lexicon import EventType, Lexicon

ROLES = ("perpetrator_orgs", "perpetrator_individuals", "targets", "victims", "weapons")
_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "attr"}
_SKIP_HEADS = {"i", "we", "you", "it", "they", "he", "she", "them", "him", "her", "us", "which", "who", "that",
               "this", "these", "those", "one", "some", "all", "what", "something", "anyone", "someone", "part",
               "number", "group", "side", "area", "responsibility"}
_NAME_ENTS = {"PERSON"}
_SEIZED = re.compile(r"\b(?:seiz|confiscat|captur|cache|arsenal|found|recover|smuggl|traffick|purchas|deliver|suppl)", re.I)
# heads that are weapons only with a weapon word before them ("dynamite charge", not "drug charges")
_NEEDS_MODIFIER = {"charge", "charges", "device", "devices", "sticks", "shell", "shells", "vest", "belt",
                   "cocktail", "cocktails", "traps"}
_ORG_ENTS = {"ORG", "NORP"}
# verbs whose subject speaks, learns or reacts rather than acts: "police said", "the army reported"
_NOT_AGENCY = {"say", "tell", "report", "announce", "confirm", "state", "add", "deny", "claim", "believe", "suspect",
               "investigate", "find", "discover", "arrive", "respond", "react", "arrest", "detain", "search", "identify",
               "know", "think", "note", "explain", "indicate", "reveal", "inform", "warn", "urge", "ask", "launch", "begin",
               "continue", "remain", "be", "have"}
_GROUP_WORDS = {"group", "groups", "band", "bands", "squad", "squads", "column", "columns", "unit", "units", "cell", "cells", "gang"}
_DAMAGE = {"destroy", "damage", "affect", "hit", "wreck", "shatter", "raze", "derail", "sabotage", "gut", "demolish"}


@dataclass(slots=True)
class Span:
    start: int  # offsets in the sentence text
    end: int
    text: str
    actor_id: str | None = None
    described: bool = False  # see records.Arg

    def part(self, start: int, end: int, actor_id: str | None = ...) -> Span:
        """The piece of this span between sentence offsets start..end (its actor unless one is given)."""
        return Span(start, end, self.text[start - self.start:end - self.start],
                    self.actor_id if actor_id is ... else actor_id, self.described)


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


def np_span(tok) -> tuple[int, int]:
    """Token offsets of the noun phrase headed by `tok`: its left modifiers, no clauses, PPs or appositions."""
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
    while left < tok.i and doc[left].dep_ in ("det", "punct", "cc", "case", "predet", "prep") or (
            left < tok.i and doc[left].lower_ in ("the", "a", "an", "dead")):  # "shot dead two journalists"
        left += 1
    return left, right + 1


def _name_before_comma(tok, sp: Span) -> Span | None:
    """The name that opens `tok`'s phrase and ends at a comma before it, when the tagger saw a person there."""
    doc = tok.doc
    first = next((t for t in doc[tok.left_edge.i:tok.i] if t.idx >= sp.start), None)
    comma = next((t for t in doc[tok.left_edge.i:tok.i] if t.text == "," and t.idx > sp.start), None)
    if first is None or comma is None or first.ent_type_ not in _NAME_ENTS:
        return None
    return Span(sp.start, comma.idx, doc.text[sp.start:comma.idx])


def _registry_hit(actor_at, a: int, b: int) -> tuple[int, int, str] | None:
    """The registry match overlapping sentence offsets a..b, when `actor_at` can tell (stage.py gives it `hit`)."""
    hit = getattr(actor_at, "hit", None)
    return hit(a, b) if hit is not None else None


def _cut(sp: Span, at: int) -> Span:
    """The span up to offset `at`, without trailing space."""
    return sp.part(sp.start, sp.start + len(sp.text[:at - sp.start].rstrip()))


def _with_of(tok, sp: Span) -> Span:
    """A target with the of-phrase that says whose or which it is ("the offices of the local development
    corporation", "a branch of the city's electric company")."""
    for p in tok.rights:
        if p.dep_ == "prep" and p.lower_ == "of":
            obj = next((c for c in p.children if c.dep_ == "pobj" and c.pos_ in ("NOUN", "PROPN")), None)
            if obj is not None:
                b = np_span(obj)[1]
                end = tok.doc[b - 1].idx + len(tok.doc[b - 1].text)
                if end > sp.end:
                    return Span(sp.start, end, tok.doc.text[sp.start:end], sp.actor_id)
    return sp


def _expand_conj(tok, *, appos: bool = False):
    """The phrase and those coordinated with it; with `appos`, also the items a phrase is spelled out into
    ("three vehicles -- an ambulance, a fuel truck and a station wagon")."""
    out = [tok]
    for c in tok.children:
        if (c.dep_ == "conj" or appos and c.dep_ == "appos") and c.pos_ in ("NOUN", "PROPN"):
            out.extend(_expand_conj(c, appos=appos))
    return out


def _preps(tok, words: tuple[str, ...]):
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in words:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield from _expand_conj(p)


# Actor kinds that may be named perpetrator from mere presence in an attack sentence; the state's own forces
# and offices need a grammatical role (agent of the attack verb, a "by" phrase) to be named.
_LOOSE_PERP_KINDS = {"armed-group", "criminal", "movement", None}


def _subjects(verb):
    return [x for c in verb.children if c.dep_ in _SUBJ | _PASS_SUBJ for x in _expand_conj(c)]


def _controllers(verb) -> list:
    """Who does an infinitive that has no subject of its own: the object of the verb it completes
    ("led the group to select a target"), else that verb's subject ("the rebels tried to storm the base")."""
    if verb.dep_ != "xcomp" or any(c.dep_ in _SUBJ | _PASS_SUBJ for c in verb.children):
        return []
    up = verb.head
    return [x for c in up.children if c.dep_ in ("dobj", "obj") for x in _expand_conj(c)] or _subjects(up)


# verbs done only to people: their objects are victims whatever the noun ("killed three engineers")
_HUMAN_OBJECT = frozenset({"kill", "murder", "assassinate", "execute", "slay", "behead", "wound", "injure", "kidnap",
                           "abduct", "stab", "massacre", "shoot", "torture", "lynch"})
_BLAME_VERBS = frozenset({"blame", "accuse", "charge", "convict", "arrest", "sentence", "hold"})


def _blamed(verb) -> list:
    """Who a blame verb names: its object ("blames X for"), or its subject in the passive ("X was blamed for")."""
    return [x for c in verb.children if c.dep_ in ("dobj", "obj") for x in _expand_conj(c)] or (
        _subjects(verb) if any(c.dep_ in _PASS_SUBJ for c in verb.children) else [])


def _held_responsible(tok):
    """Who the sentence makes answerable for the attack noun `tok`:
    "X were responsible for the assassination", "blames X for the murder", "X are behind this attack",
    "persons suspected of participating in the attack"."""
    if tok.dep_ != "pobj":
        return []
    prep, up = tok.head, tok.head.head
    if prep.lower_ == "for" and up.lower_ == "responsible":
        if up.dep_ in ("acomp", "amod") and up.head.pos_ in ("AUX", "VERB"):
            return _subjects(up.head) or [c for c in up.head.children if c.dep_ in ("dobj", "obj")]
        if up.dep_ in ("oprd", "xcomp", "ccomp"):  # "held X responsible for ..."
            return [c for c in up.head.children if c.dep_ in ("dobj", "obj")]
        if up.dep_ == "amod" and up.head.pos_ in ("NOUN", "PROPN"):  # "hold the government and the army responsible"
            n = up.head
            while n.dep_ in ("appos", "conj") and n.head.pos_ in ("NOUN", "PROPN"):
                n = n.head
            return _expand_conj(n, appos=True)
    if prep.lower_ == "for" and up.pos_ in ("NOUN", "PROPN"):
        # "blames certain officers of the armed forces for the murder": the parse hung "for" on the object
        up = next((a for a in list(up.ancestors)[:4] if a.lemma_ in _BLAME_VERBS), up)
    if prep.lower_ == "for" and up.lemma_ in _BLAME_VERBS:
        return _blamed(up)
    if prep.lower_ == "behind" and up.pos_ in ("AUX", "VERB"):
        return _subjects(up)
    if prep.lower_ == "in" and up.lemma_ in ("participate", "involve", "implicate", "take part"):
        clause = up.head.head if up.dep_ == "pcomp" else up
        if clause.dep_ in ("acl", "relcl") and clause.head.pos_ in ("NOUN", "PROPN"):
            return [clause.head]  # "three persons suspected of participating in the attack"
        return _subjects(clause) or _subjects(up)
    return []


class FrameFinder:
    def __init__(self, lexicon: Lexicon, actor_kind=lambda actor_id: None):
        self.lex = lexicon
        self.actor_kind = actor_kind

    def triggers(self, sent) -> list[tuple[object, EventType]]:
        """(token, type) for every trigger in a parsed sentence that is not background."""
        low = sent.text.lower()
        if self.lex.is_not_violence(low):
            return []
        out = []
        seen = set()
        for pat, et in self.lex.phrase_rx:
            for m in pat.finditer(low):
                tok = next((t for t in sent if t.idx >= m.start()), None)
                if tok is None or tok.i in seen:
                    continue
                # the head of the phrase: the last token inside the match
                inside = [t for t in sent if m.start() <= t.idx < m.end()]
                head = max(inside, key=lambda t: (t.pos_ in ("NOUN", "VERB"), t.i)) if inside else tok
                seen.update(t.i for t in inside)
                out.append((head, et))
        for t in sent:
            if t.i in seen:
                continue
            lem = t.lemma_.lower()
            et = None
            if t.pos_ == "VERB" or (t.pos_ == "AUX" and False):
                et = self.lex.verb_type.get(lem)
            elif t.pos_ in ("NOUN", "PROPN"):
                et = self.lex.noun_type.get(lem) or self.lex.noun_type.get(t.lower_)
            if et is None:
                continue
            if self.lex.is_background(low[:t.idx]):
                continue
            out.append((t, et))
        return out

    def frames(self, sent, *, actor_at) -> list[Frame]:
        """One frame per event family in the sentence, the highest-priority trigger naming its type."""
        trig = self.triggers(sent)
        by_family: dict[str, Frame] = {}
        for tok, et in trig:
            fr = by_family.get(et.family)
            span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
            if fr is None:
                fr = by_family[et.family] = Frame(et, span)
            elif et.priority > fr.etype.priority:
                fr.etype, fr.trigger = et, span
            self._roles(fr, tok, et, actor_at)
        for fr in by_family.values():
            if fr.etype.family == "attack":
                self._damaged(fr, sent, actor_at)
            self._weapons(fr, sent)
            if fr.etype.family == "attack":
                self._sentence_perps(fr, sent, actor_at)
            self._claims(fr, sent, actor_at)
        return list(by_family.values())

    def _span(self, tok, actor_at) -> Span:
        doc = tok.doc
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ in ("PERSON", "ORG")), None)
        if ent is not None:
            a, b = ent.start, ent.end
            while a < b - 1 and (doc[a].lower_.strip(".") in self.lex.person_titles or doc[a].lower_ in self.lex.role_words):
                a += 1
        else:
            a, b = np_span(tok)
            # "members of the FMLN": the of-phrase names who they are
            if tok.lower_ in ("members", "member", "group", "groups", "units", "unit", "column"):
                for p in _preps(tok, ("of",)):
                    b = max(b, p.i + 1)
        comma = next((k for k in range(max(a, tok.i), b) if doc[k].text == ","), None)
        if comma is not None and comma > a:
            b = comma  # "Bernardo Jaramillo Ossa, presidential candidate": a name ends at its comma
        while a < b - 1 and doc[a].lower_ in _WHEN_WORDS:  # "today the extraditables": the parse took the day along
            a += 1
        while b - 1 > a and doc[b - 1].lower_ in ("'s", "’s", "'", "("):  # a possessive ending or an open bracket
            b -= 1
        if any(doc[k].text == "(" for k in range(a, b)) and not any(doc[k].text == ")" for k in range(a, b)):
            b = next(k for k in range(a, b) if doc[k].text == "(")  # "front (fmln": the name stops at the bracket
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        hit = _registry_hit(actor_at, start, end)
        if hit is not None and hit[0] >= doc[a].idx - 4 and (hit[0] < start or hit[1] > end):
            # the registry's name is longer than the parse's phrase ("Islamic State" of "Islamic State Khorasan
            # Province"): the span covers the whole name, so the text and the actor id say the same thing
            start, end = min(start, hit[0]), max(end, hit[1])
        return Span(start, end, doc.text[start:end], actor_at(start, end))

    def _classify_agent(self, fr: Frame, tok, actor_at, *, subject: bool = False) -> None:
        """A perpetrator candidate: organisation or individual, by registry, entity type or head word.
        `subject`: the doer of the clause though the parse does not make it its subject (an infinitive's controller)."""
        subject = subject or tok.dep_ in _SUBJ
        if tok.lower_ in ("they", "he", "she", "them", "him", "her") and subject:
            fr.pronoun_agent = True
        if (tok.lower_ in ("group", "organization", "organisation") and subject
                and [c.lower_ for c in tok.children] == ["the"]):
            fr.pronoun_agent = True  # "the group launched a suicide bombing": named in an earlier sentence
            return
        if tok.lower_ in _SKIP_HEADS or tok.pos_ == "PRON":
            return
        sp = self._span(tok, actor_at)
        low = tok.lower_
        if low in _GROUP_WORDS:
            # "a group of terrorists from the FAL": the people, and the organisation they come from
            people = [p for p in _preps(tok, ("of",)) if p.lower_ in self.lex.perp_ind_heads]
            if people:
                fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))
                for o in [o for x in (tok, *people) for o in _preps(x, ("from",))]:
                    if actor_at(o.idx, o.idx + len(o.text)) or o.ent_type_ in _ORG_ENTS or o.lower_ in self.lex.perp_org_heads:
                        self._add_org(fr, self._span(o, actor_at), actor_at)
                return
        if low in ("members", "member") or low in self.lex.perp_ind_heads:
            # "members of the FMLN": the people are the individuals, the organisation is the of-phrase alone
            orgs = [o for o in _preps(tok, ("of", "from")) if actor_at(o.idx, o.idx + len(o.text))
                    or o.ent_type_ in _ORG_ENTS or o.lower_ in self.lex.perp_org_heads]
            if orgs:
                fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))
                for o in orgs:
                    self._add_org(fr, self._span(o, actor_at), actor_at)
                return
        if low in self.lex.perp_ind_heads and low not in self.lex.perp_org_heads and not tok.ent_type_ in _NAME_ENTS:
            # "45 soldiers", "FMLN guerrillas": people; the group they belong to when it is named before them
            fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))
            hit = _registry_hit(actor_at, sp.start, sp.end)
            if hit is not None and sp.start <= hit[0] and hit[1] <= tok.idx:
                fr.add("perpetrator_orgs", sp.part(*hit))
        elif sp.actor_id or tok.ent_type_ in _ORG_ENTS or low in self.lex.perp_org_heads:
            self._add_org(fr, sp, actor_at)
        elif low in self.lex.perp_ind_heads or tok.ent_type_ in _NAME_ENTS:
            fr.add("perpetrator_individuals", sp)
            for org in _preps(tok, ("of", "from")):
                osp = self._span(org, actor_at)
                if osp.actor_id or org.ent_type_ in _ORG_ENTS or org.lower_ in self.lex.perp_org_heads:
                    self._add_org(fr, osp, actor_at)

    def _add_org(self, fr: Frame, sp: Span, actor_at) -> None:
        """An organisation; "Taliban gunmen" are also the individuals who acted for it."""
        org = self._registry_name(sp, actor_at)
        fr.add("perpetrator_orgs", org)
        if org.end < sp.end and sp.text.split()[-1].lower() in self.lex.perp_ind_heads:
            fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))

    def _registry_name(self, sp: Span, actor_at) -> Span:
        """An armed group the registry knows, inside a longer phrase ("the sinister Medellin cartel", "an FMLN
        guerrilla unit", "Taliban gunmen"), is named by its registry name alone: that is the actor the span
        stands for. A state force loses only what follows its name ("army troops"); other bodies keep the phrase."""
        hit = _registry_hit(actor_at, sp.start, sp.end)
        if hit is None or not (sp.start <= hit[0] and hit[1] <= sp.end) or (hit[0], hit[1]) == (sp.start, sp.end):
            return sp
        if sp.text[hit[1] - sp.start:].strip().lower() in _NAME_TAILS:
            return sp  # "the Islamic State group": the word says what the name is, and heads the phrase
        kind = self.actor_kind(hit[2])
        lead = sp.text[:hit[0] - sp.start].strip().lower()
        if kind not in ("armed-group", "criminal") and not (kind == "state-force" and lead in ("", "the", "a", "an")):
            return sp  # "Japanese air forces", "the U.N. Security Council": the rest of the phrase says whose or which
        return sp.part(*hit)

    def _classify_patient(self, fr: Frame, tok, actor_at, et: EventType, *, human: bool = False) -> None:
        """A victim or target candidate: physical things are targets, people are victims; `human` when the
        verb can only be done to people ("killed three engineers", "kidnapped a technician")."""
        if tok.lower_ in _SKIP_HEADS or tok.pos_ == "PRON" or tok.like_num:
            return
        low = tok.lower_
        sp = self._span(tok, actor_at)
        person = "perpetrator_individuals" if et.family == "arrest" else "victims"  # who is arrested is a suspect
        if low in self.lex.weapon_heads:
            fr.add("weapons", sp)
        elif low in self.lex.target_heads or tok.ent_type_ in ("FAC",):
            fr.add("targets", _with_of(tok, sp))
        elif tok.ent_type_ in _NAME_ENTS or any(c.dep_ in ("compound", "flat") and c.ent_type_ in _NAME_ENTS for c in tok.lefts):
            # a name whose last word the tagger missed ("Jaime Pardo leal") is still a name
            fr.add(person, sp)
        elif low in self.lex.victim_heads:
            # a person named in apposition ("the minister, Orlando Letelier") is the victim to report
            named = [c for c in tok.children if c.dep_ in ("appos", "compound") and c.ent_type_ in _NAME_ENTS]
            for c in named:
                fr.add(person, self._span(c, actor_at))
            lead = _name_before_comma(tok, sp)
            if not named and lead is not None:
                # "Bernardo Jaramillo Ossa, presidential candidate": the parse made the office the head
                named = [lead]
                fr.add(person, lead)
            if not named and et.family == "arrest":
                fr.add("perpetrator_individuals", sp)
            elif not named:
                # "two Mormon missionaries", "his driver": who they were, when no name is given
                fr.add("victims", Span(sp.start, sp.end, sp.text, sp.actor_id, described=True))
        elif human and tok.pos_ == "NOUN" and not tok.ent_type_ and et.family != "arrest":
            fr.add("victims", Span(sp.start, sp.end, sp.text, sp.actor_id, described=True))

    def _roles(self, fr: Frame, tok, et: EventType, actor_at) -> None:
        if tok.pos_ == "VERB":
            passive = any(c.dep_ in _PASS_SUBJ for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")
            for c in tok.children:
                for x in _expand_conj(c, appos=c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ):
                    if c.dep_ in _SUBJ and not passive:
                        self._classify_agent(fr, x, actor_at)
                    elif c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ:
                        self._classify_patient(fr, x, actor_at, et, human=tok.lemma_.lower() in _HUMAN_OBJECT)
            if not passive:
                for x in _controllers(tok):
                    self._classify_agent(fr, x, actor_at, subject=True)
            for a in _preps(tok, ("by",)):
                self._classify_agent(fr, a, actor_at)
            if tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.lemma_ in _BLAME_VERBS:
                for a in _blamed(tok.head.head):  # "IS-K was blamed for killing more than 90 people"
                    self._classify_agent(fr, a, actor_at)
            for p in _preps(tok, ("on", "against", "at", "in", "near", "outside", "inside")):
                if p.lower_ in self.lex.target_heads or p.ent_type_ == "FAC":
                    self._classify_patient(fr, p, actor_at, et)
            # "X, who attacked": the subject of a relative clause is the noun it modifies;
            # "X, who was kidnapped": in the passive it is the one it happened to
            if tok.dep_ == "relcl" and not passive:
                self._classify_agent(fr, tok.head, actor_at)
            elif tok.dep_ == "relcl" and passive and tok.head.pos_ in ("PROPN", "NOUN"):
                self._classify_patient(fr, tok.head, actor_at, et)
            if tok.dep_ in ("acl", "amod") and passive:  # "a priest killed by ...", "the assassinated candidate"
                self._classify_patient(fr, tok.head, actor_at, et)
            # subject of a governing verb: "guerrillas launched an attack" handled for nouns below
        else:
            for c in tok.children:
                if c.dep_ == "poss" and c.ent_type_ in _NAME_ENTS and et.family == "attack" and not actor_at(c.idx, c.idx + len(c.text)):
                    # "Bernardo Jaramillo Ossa's murder": the person whose killing it was
                    self._classify_patient(fr, c, actor_at, et)
                elif c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN"):
                    if c.lower_ in self.lex.weapon_heads:
                        fr.add("weapons", self._span(c, actor_at))
                    elif c.pos_ == "PROPN" and c.lower_ in self.lex.target_heads and not actor_at(c.idx, c.idx + len(c.text)):
                        # "the Crocus City Hall bombing": a named place before the attack noun is its target
                        fr.add("targets", self._span(c, actor_at))
                    elif actor_at(c.idx, c.idx + len(c.text)) or c.ent_type_ in _ORG_ENTS or c.lower_ in self.lex.perp_ind_heads:
                        self._classify_agent(fr, c, actor_at)
            for a in _preps(tok, ("by", "of") if et.type != "targeted killing" and et.type != "kidnapping" else ("by",)):
                if a.lower_ in self.lex.perp_ind_heads or a.ent_type_ in _ORG_ENTS or actor_at(a.idx, a.idx + len(a.text)):
                    self._classify_agent(fr, a, actor_at)
                elif a.dep_ == "pobj" and a.head.lower_ == "of":
                    self._classify_patient(fr, a, actor_at, et)
            for p in _preps(tok, ("on", "against", "at", "of", "near", "outside")):
                self._classify_patient(fr, p, actor_at, et)
            if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in ("target", "objective"):
                # "the offices were the objective of the attack", "the target of the attack was the plant"
                n = tok.head.head
                told = _subjects(n.head) if n.dep_ == "attr" else (
                    [c for c in n.head.children if c.dep_ == "attr"] if n.dep_ in _SUBJ else [])
                for x in told:
                    self._classify_patient(fr, x, actor_at, et)
            if et.type == "hostage taking" and tok.head.pos_ in ("VERB", "AUX"):
                # "took three engineers hostage", "three engineers were taken hostage": the people held
                for c in tok.head.children:
                    if c is not tok and (c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ):
                        for x in _expand_conj(c, appos=True):
                            self._classify_patient(fr, x, actor_at, et, human=True)
                # the parse may take the trigger into the phrase ("three engineers hostage")
                fr.roles["victims"] = [_cut(s, tok.idx) if s.start < tok.idx < s.end else s for s in fr.roles["victims"]]
            if et.type == "arson":  # "set fire to the offices": the to-phrase, on the noun or on "set"
                for p in [*_preps(tok, ("to",)), *(_preps(tok.head, ("to",)) if tok.head.pos_ == "VERB" else ())]:
                    self._classify_patient(fr, p, actor_at, et)
            # "the guerrillas launched/carried out an attack": subject of the light verb
            h = tok.head
            if tok.dep_ in ("dobj", "obj") and h.pos_ == "VERB":
                for c in h.children:
                    if c.dep_ in _SUBJ:
                        for x in _expand_conj(c):
                            self._classify_agent(fr, x, actor_at)
                for x in _controllers(h):
                    self._classify_agent(fr, x, actor_at, subject=True)
                for a in _preps(h, ("by",)):
                    self._classify_agent(fr, a, actor_at)
            if tok.dep_ in _PASS_SUBJ | _SUBJ and h.lemma_ in ("claim", "perpetrate", "carry", "commit", "attribute", "blame"):
                for a in _preps(h, ("by", "to", "on")):
                    self._classify_agent(fr, a, actor_at)
            for a in _held_responsible(tok):
                self._classify_agent(fr, a, actor_at)

    def _damaged(self, fr: Frame, sent, actor_at) -> None:
        """In an attack sentence, what was destroyed, damaged or hit is a target ("the blast destroyed 500 houses")."""
        for t in sent:
            if t.pos_ == "VERB" and t.lemma_.lower() in _DAMAGE:
                for c in t.children:
                    if c.dep_ in _OBJ or c.dep_ in _PASS_SUBJ:
                        for x in _expand_conj(c, appos=True):
                            if x.lower_ in self.lex.target_heads or x.ent_type_ == "FAC":
                                self._classify_patient(fr, x, actor_at, fr.etype)

    def _weapons(self, fr: Frame, sent) -> None:
        if _SEIZED.search(sent.text):
            return  # an arms haul or a clash inventory, not what the attack was done with
        counted = [t for t in sent if t.lower_ in self.lex.weapon_heads and any(c.dep_ == "nummod" for c in t.children)]
        if len(counted) >= 3:
            return  # "24 SA-7s, 915 rifles, 49 mortars": a tally of arms, not the weapons of one attack
        for t in sent:
            if t.lower_ in _NEEDS_MODIFIER and not any(c.lower_ in self.lex.weapon_heads or c.lower_ in self.lex.weapon_modifiers
                                                       for c in t.lefts):
                continue
            if t.lower_ in self.lex.weapon_heads and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
                a, b = np_span(t)
                start, end = sent[a].idx, sent[b - 1].idx + len(sent[b - 1].text)
                fr.add("weapons", Span(start, end, sent.text[start:end]))

    def _sentence_perps(self, fr: Frame, sent, actor_at) -> None:
        """Perpetrator nouns acting anywhere in an attack sentence: subjects, 'by' phrases, armed groups."""
        for t in sent:
            low = t.lower_
            if low in self.lex.perp_ind_heads and t.pos_ in ("NOUN", "PROPN") and (
                    t.dep_ in ("nsubj", "nsubjpass") and t.head.pos_ == "VERB" and t.dep_ == "nsubj"
                    or t.dep_ == "pobj" and t.head.lower_ == "by"):
                if low not in ("members", "member", "man", "men", "soldiers", "soldier", "troops", "persons", "person"):
                    self._classify_agent(fr, t, actor_at)
            aid = actor_at(t.idx, t.idx + len(t.text))
            if aid and t.ent_iob_ in ("B", "O") and (
                    t.dep_ in ("nsubj", "pobj", "poss", "compound") and self.actor_kind(aid) in _LOOSE_PERP_KINDS
                    or t.dep_ == "nsubj" and self.actor_kind(aid) == "state-force" and t.head.lemma_.lower() not in _NOT_AGENCY):
                if t.dep_ == "compound" and (t.head.lower_ in self.lex.target_heads or t.head.lemma_ in ("target", "position")):
                    continue  # "ISIS targets", "Islamic State positions": what was attacked, not who attacked
                if aid not in {x.actor_id for x in fr.roles["perpetrator_orgs"]}:
                    # "the medellin cartel": the compound names the actor, the phrase is its head's
                    head = t.head if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN") else t
                    self._add_org(fr, self._span(head, actor_at), actor_at)

    def _claims(self, fr: Frame, sent, actor_at) -> None:
        """'X claimed responsibility' and 'claimed by X' name the perpetrator."""
        for t in sent:
            if t.lemma_ == "claim" and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in _SUBJ:
                        for x in _expand_conj(c):
                            self._classify_agent(fr, x, actor_at)
                for a in _preps(t, ("by",)):
                    self._classify_agent(fr, a, actor_at)


_NAME_TAILS = frozenset({"group", "organization", "organisation", "movement", "militants", "militia", "network",
                         "terrorist group", "militant group", "terror group", "rebels", "insurgents", "fighters"})
_WHEN_WORDS = frozenset({"today", "yesterday", "tonight", "tomorrow", "recently", "meanwhile"})

