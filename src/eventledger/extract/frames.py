"""Event frames from one parsed sentence: trigger, type, and role fillers found in the dependency parse.

The rules that read roles off a trigger's clause are in frame_roles.py, one handler per construction.
"""

from __future__ import annotations

from eventledger.extract.frame_roles import NOUN_RULES, VERB_RULES
from eventledger.extract.modality import Modality
from eventledger.extract.phrases import (
    NAME_ENTS,
    OBJ,
    ORG_ENTS,
    PASS_SUBJ,
    SUBJ,
    ActorLookup,
    Frame,
    Span,
    expand_conj,
    name_before_comma,
    np_span,
    preps,
    with_of,
)
from eventledger.knowledge import EventType, Lexicon

# Actor kinds that may be named perpetrator from mere presence in an attack sentence; the state's own forces
# and offices need a grammatical role (agent of the attack verb, a "by" phrase) to be named.
LOOSE_PERP_KINDS = {"armed-group", "criminal", "movement", None}
ARMS_TALLY = 3  # this many counted weapons in a sentence ("915 rifles") are an arms tally, not one attack's
# people words that, acting in a sentence, do not by themselves name who attacked ("men", "soldiers")
_TOO_VAGUE_TO_NAME = ("members", "member", "man", "men", "soldiers", "soldier", "troops", "persons", "person")


def _in_attacked(tok, attack_verbs) -> bool:
    """The token lies inside the object phrase of an attack verb: one of those attacked."""
    t = tok
    while t.head.i != t.i:
        if t.dep_ in ("dobj", "obj") and t.head.pos_ == "VERB" and t.head.lemma_.lower() in attack_verbs:
            return True
        t = t.head
    return False


class FrameFinder:
    def __init__(self, lexicon: Lexicon, actor_kind=lambda actor_id: None, modality: Modality | None = None):
        self.lex = lexicon
        self.actor_kind = actor_kind
        self.modality = modality or Modality(light_verbs=lexicon.light_verbs)

    def triggers(self, sent, *, headline: bool = False, unreal: list | None = None) -> list[tuple[object, EventType]]:
        """(token, type) for every trigger in a parsed sentence that is not background and tells a happening;
        the triggers that tell none ("could attack", "threatened to carry out attacks") go to `unreal` as
        (token, type, why)."""
        out = []
        for tok, et in self._triggers(sent):
            why = self.modality.why_not(tok, headline=headline)
            if why is None:
                out.append((tok, et))
            elif unreal is not None:
                unreal.append((tok, et, why))
        return out

    def _triggers(self, sent) -> list[tuple[object, EventType]]:
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
            if t.pos_ == "VERB":
                # "Shootout at a club nets prison term": a headline's first word, capitalised, is tagged a verb
                # of its own lemma; a word the lexicon knows only as a noun is that noun
                et = self.lex.verb_type.get(lem) or (
                    self.lex.noun_type.get(lem) if lem == t.lower_ and lem not in self.lex.verb_type else None
                )
            elif t.pos_ in ("NOUN", "PROPN"):
                et = self.lex.noun_type.get(lem) or self.lex.noun_type.get(t.lower_)
            if et is None:
                continue
            if self.lex.is_background(low[: t.idx]):
                continue
            out.append((t, et))
        return out

    def frames(self, sent, *, actors, headline: bool = False, unreal: list | None = None) -> list[Frame]:
        """One frame per event family in the sentence, the highest-priority trigger naming its type."""
        trig = self.triggers(sent, headline=headline, unreal=unreal)
        by_family: dict[str, Frame] = {}
        for tok, et in trig:
            fr = by_family.get(et.family)
            span = Span(tok.idx, tok.idx + len(tok.text), tok.text)
            if fr is None:
                fr = by_family[et.family] = Frame(et, span)
            elif et.priority > fr.etype.priority:
                fr.etype, fr.trigger = et, span
            self._roles(fr, tok, et, actors)
        for fr in by_family.values():
            if fr.etype.family == "attack":
                self._damaged(fr, sent, actors)
            self._weapons(fr, sent)
            if fr.etype.family == "attack":
                self._sentence_perps(fr, sent, actors)
            self._claims(fr, sent, actors)
        return list(by_family.values())

    def span(self, tok, actors) -> Span:
        doc = tok.doc
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end and e.label_ in ("PERSON", "ORG")), None)
        if ent is not None:
            a, b = ent.start, ent.end
            while a < b - 1 and (
                doc[a].lower_.strip(".") in self.lex.person_titles or doc[a].lower_ in self.lex.role_words
            ):
                a += 1
        else:
            a, b = np_span(tok)
            # "members of the FMLN": the of-phrase names who they are
            if tok.lower_ in ("members", "member", "group", "groups", "units", "unit", "column"):
                for p in preps(tok, ("of",)):
                    b = max(b, p.i + 1)
        comma = next((k for k in range(max(a, tok.i), b) if doc[k].text == ","), None)
        if comma is not None and comma > a:
            b = comma  # "Bernardo Jaramillo Ossa, presidential candidate": a name ends at its comma
        # "today the extraditables": the parse took the day along
        while a < b - 1 and doc[a].lower_ in self.lex.when_words:
            a += 1
        while b - 1 > a and doc[b - 1].lower_ in ("'s", "’s", "'", "("):  # a possessive, an open bracket
            b -= 1
        if any(doc[k].text == "(" for k in range(a, b)) and not any(doc[k].text == ")" for k in range(a, b)):
            b = next(k for k in range(a, b) if doc[k].text == "(")  # "front (fmln": the name stops there
        start, end = doc[a].idx, doc[b - 1].idx + len(doc[b - 1].text)
        hit = actors.hit(start, end)
        if hit is not None and hit[0] >= doc[a].idx - 4 and (hit[0] < start or hit[1] > end):
            # the registry's name is longer than the parse's phrase ("Islamic State" of "Islamic State
            # Khorasan Province"): the span covers the whole name, so the text and the actor id say the same
            start, end = min(start, hit[0]), max(end, hit[1])
        return Span(start, end, doc.text[start:end], actors.at(start, end))

    def classify_agent(self, fr: Frame, tok, actors, *, subject: bool = False) -> None:
        """A perpetrator candidate: organisation or individual, by registry, entity type or head word.
        `subject`: the doer of the clause though the parse does not make it its subject (an infinitive's
        controller)."""
        subject = subject or tok.dep_ in SUBJ
        if tok.lower_ in ("they", "he", "she", "them", "him", "her") and subject:
            fr.pronoun_agent = True
        if (
            tok.lower_ in ("group", "organization", "organisation")
            and subject
            and [c.lower_ for c in tok.children] == ["the"]
        ):
            fr.pronoun_agent = True  # "the group launched a suicide bombing": named in an earlier sentence
            return
        if tok.lower_ in self.lex.skip_heads or tok.pos_ == "PRON":
            return
        sp = self.span(tok, actors)
        low = tok.lower_
        if low in self.lex.group_words:
            # "a group of terrorists from the FAL": the people, and the organisation they come from
            people = [p for p in preps(tok, ("of",)) if p.lower_ in self.lex.perp_ind_heads]
            if people:
                fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))
                for o in [o for x in (tok, *people) for o in preps(x, ("from",))]:
                    if (
                        actors.at(o.idx, o.idx + len(o.text))
                        or o.ent_type_ in ORG_ENTS
                        or o.lower_ in self.lex.perp_org_heads
                    ):
                        self.add_org(fr, self.span(o, actors), actors)
                return
        if low in ("members", "member") or low in self.lex.perp_ind_heads:
            # "members of the FMLN": the people are the individuals, the organisation is the of-phrase alone
            orgs = [
                o
                for o in preps(tok, ("of", "from"))
                if actors.at(o.idx, o.idx + len(o.text))
                or o.ent_type_ in ORG_ENTS
                or o.lower_ in self.lex.perp_org_heads
            ]
            if orgs:
                fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))
                for o in orgs:
                    self.add_org(fr, self.span(o, actors), actors)
                return
        if low in self.lex.perp_ind_heads and low not in self.lex.perp_org_heads and tok.ent_type_ not in NAME_ENTS:
            # "45 soldiers", "FMLN guerrillas": people; the group they belong to when it is named before them
            fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))
            hit = actors.hit(sp.start, sp.end)
            if hit is not None and sp.start <= hit[0] and hit[1] <= tok.idx:
                fr.add("perpetrator_orgs", sp.part(*hit))
        elif sp.actor_id or tok.ent_type_ in ORG_ENTS or low in self.lex.perp_org_heads:
            self.add_org(fr, sp, actors)
        elif low in self.lex.perp_ind_heads or tok.ent_type_ in NAME_ENTS:
            fr.add("perpetrator_individuals", sp)
            for org in preps(tok, ("of", "from")):
                osp = self.span(org, actors)
                if osp.actor_id or org.ent_type_ in ORG_ENTS or org.lower_ in self.lex.perp_org_heads:
                    self.add_org(fr, osp, actors)

    def add_org(self, fr: Frame, sp: Span, actors) -> None:
        """An organisation; "Taliban gunmen" are also the individuals who acted for it."""
        org = self._registry_name(sp, actors)
        fr.add("perpetrator_orgs", org)
        if org.end < sp.end and sp.text.split()[-1].lower() in self.lex.perp_ind_heads:
            fr.add("perpetrator_individuals", Span(sp.start, sp.end, sp.text, None))

    def _registry_name(self, sp: Span, actors) -> Span:
        """An armed group the registry knows, inside a longer phrase ("the sinister Medellin cartel", "an FMLN
        guerrilla unit", "Taliban gunmen"), is named by its registry name alone: that is the actor the span
        stands for. A state force loses only what follows its name ("army troops"); other bodies keep the
        phrase."""
        hit = actors.hit(sp.start, sp.end)
        if hit is None or not (sp.start <= hit[0] and hit[1] <= sp.end) or (hit[0], hit[1]) == (sp.start, sp.end):
            return sp
        if sp.text[hit[1] - sp.start :].strip().lower() in self.lex.name_tails:
            return sp  # "the Islamic State group": the word says what the name is, and heads the phrase
        kind = self.actor_kind(hit[2])
        lead = sp.text[: hit[0] - sp.start].strip().lower()
        if kind not in ("armed-group", "criminal") and not (kind == "state-force" and lead in ("", "the", "a", "an")):
            # "Japanese air forces", "the U.N. Security Council": the rest of the phrase says whose or which
            return sp
        return sp.part(*hit)

    def classify_patient(self, fr: Frame, tok, actors, et: EventType, *, human: bool = False) -> None:
        """A victim or target candidate: physical things are targets, people are victims; `human` when the
        verb can only be done to people ("killed three engineers", "kidnapped a technician")."""
        if tok.lower_ in self.lex.skip_heads or tok.pos_ == "PRON" or tok.like_num:
            return
        low = tok.lower_
        sp = self.span(tok, actors)
        # who is arrested is a suspect
        person = "perpetrator_individuals" if et.family == "arrest" else "victims"
        hit = actors.hit(sp.start, sp.end) if et.family == "arrest" else None
        if hit is not None and sp.start <= hit[0] and hit[1] <= sp.end and self.actor_kind(hit[2]) in ("armed-group",):
            # "detained three alleged IS-K sympathisers": the group the suspects are said to belong to
            fr.add("perpetrator_orgs", sp.part(*hit))
        if low in self.lex.weapon_heads:
            fr.add("weapons", sp)
        elif low in self.lex.target_heads or tok.ent_type_ in ("FAC",):
            fr.add("targets", with_of(tok, sp))
        elif tok.ent_type_ in NAME_ENTS or any(
            c.dep_ in ("compound", "flat") and c.ent_type_ in NAME_ENTS for c in tok.lefts
        ):
            # a name whose last word the tagger missed ("Jaime Pardo leal") is still a name
            fr.add(person, sp)
        elif low in self.lex.victim_heads:
            # a person named in apposition ("the minister, Orlando Letelier") is the victim to report
            named = [c for c in tok.children if c.dep_ in ("appos", "compound") and c.ent_type_ in NAME_ENTS]
            for c in named:
                fr.add(person, self.span(c, actors))
            lead = name_before_comma(tok, sp)
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

    def _damaged(self, fr: Frame, sent, actors) -> None:
        """In an attack sentence, what was destroyed, damaged or hit is a target ("the blast destroyed 500
        houses")."""
        for t in sent:
            if t.pos_ == "VERB" and t.lemma_.lower() in self.lex.damage_verbs:
                for c in t.children:
                    if c.dep_ in OBJ or c.dep_ in PASS_SUBJ:
                        for x in expand_conj(c, appos=True):
                            if x.lower_ in self.lex.target_heads or x.ent_type_ == "FAC":
                                self.classify_patient(fr, x, actors, fr.etype)

    def _weapons(self, fr: Frame, sent) -> None:
        if self.lex.seized.search(sent.text):
            return  # an arms haul or a clash inventory, not what the attack was done with
        counted = [t for t in sent if t.lower_ in self.lex.weapon_heads and any(c.dep_ == "nummod" for c in t.children)]
        if len(counted) >= ARMS_TALLY:
            return  # "24 SA-7s, 915 rifles, 49 mortars": a tally of arms, not the weapons of one attack
        weapon_words = self.lex.weapon_heads | self.lex.weapon_modifiers
        for t in sent:
            if t.lower_ in self.lex.needs_weapon_word and not any(c.lower_ in weapon_words for c in t.lefts):
                continue
            if t.lower_ in self.lex.weapon_heads and t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound":
                a, b = np_span(t)
                start, end = sent[a].idx, sent[b - 1].idx + len(sent[b - 1].text)
                fr.add("weapons", Span(start, end, sent.text[start:end]))

    def _sentence_perps(self, fr: Frame, sent, actors) -> None:
        """Perpetrator nouns acting anywhere in an attack sentence: subjects, 'by' phrases, armed groups."""
        for t in sent:
            low = t.lower_
            if (
                low in self.lex.perp_ind_heads
                and t.pos_ in ("NOUN", "PROPN")
                and (
                    t.dep_ in ("nsubj", "nsubjpass")
                    and t.head.pos_ == "VERB"
                    and t.dep_ == "nsubj"
                    or t.dep_ == "pobj"
                    and t.head.lower_ == "by"
                )
            ):
                if low not in _TOO_VAGUE_TO_NAME:
                    self.classify_agent(fr, t, actors)
            aid = actors.at(t.idx, t.idx + len(t.text))
            if (
                aid
                and t.ent_iob_ in ("B", "O")
                and (
                    t.dep_ in ("nsubj", "pobj", "poss", "compound")
                    and self.actor_kind(aid) in LOOSE_PERP_KINDS
                    or t.dep_ == "nsubj"
                    and self.actor_kind(aid) == "state-force"
                    and t.head.lemma_.lower() not in self.lex.not_agency_verbs
                )
            ):
                if t.dep_ == "compound" and (
                    t.head.lower_ in self.lex.target_heads or t.head.lemma_ in ("target", "position")
                ):
                    continue  # "ISIS targets", "Islamic State positions": what was attacked, not who attacked
                if t.dep_ == "compound" and not self._acting_noun(t.head):
                    continue  # "Taliban sources said", "the Taliban takeover": the name qualifies no attacker
                if t.dep_ == "nsubj" and t.head.lemma_.lower() in self.lex.reaction_verbs:
                    continue  # "The Taliban ... condemned the attack": who reacts to it, not who did it
                if _in_attacked(t, self.lex.verb_type):
                    continue  # "attacks rivals of Tehran, such as the Taliban": among those attacked
                if aid not in {x.actor_id for x in fr.roles["perpetrator_orgs"]}:
                    # "the medellin cartel": the compound names the actor, the phrase is its head's
                    head = t.head if t.dep_ == "compound" and t.head.pos_ in ("NOUN", "PROPN") else t
                    self.add_org(fr, self.span(head, actors), actors)

    def _acting_noun(self, head) -> bool:
        """A noun a group's name can qualify as the attacker: its fighters, its units, its attack ("FMLN
        guerrillas", "Medellin cartel", "the ISIS attack", "Taliban security forces")."""
        low = head.lower_
        return (
            head.pos_ == "PROPN"
            or low in self.lex.perp_ind_heads
            or low in self.lex.perp_org_heads
            or low in self.lex.weapon_heads
            or low in self.lex.group_words
            or low in self.lex.name_tails
            or head.lemma_.lower() in self.lex.noun_type
            or low in self.lex.noun_type
        )

    def _claims(self, fr: Frame, sent, actors) -> None:
        """'X claimed responsibility' and 'claimed by X' name the perpetrator."""
        for t in sent:
            if t.lemma_ == "claim" and t.pos_ == "VERB":
                for c in t.children:
                    if c.dep_ in SUBJ:
                        for x in expand_conj(c):
                            self.classify_agent(fr, x, actors)
                for a in preps(t, ("by",)):
                    self.classify_agent(fr, a, actors)

    def _roles(self, fr: Frame, tok, et: EventType, actors: ActorLookup) -> None:
        """Role fillers around one trigger: each rule of its part of speech, in order."""
        for rule in VERB_RULES if tok.pos_ == "VERB" else NOUN_RULES:
            rule(self, fr, tok, et, actors)
