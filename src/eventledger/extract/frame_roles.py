"""Role rules around one trigger, one handler per construction, run in order (frames.FrameFinder._roles).

A verb trigger's own arguments go by dependency label (VERB_ARGUMENT); the rest are tables of handlers, each
`(finder, frame, trigger token, event type, actors)`. The order of the handlers is the order fillers are
listed in a report, so a new rule goes where its fillers should come.
"""

from __future__ import annotations

from eventledger.extract.phrases import (
    NAME_ENTS,
    OBJ,
    ORG_ENTS,
    PASS_SUBJ,
    SUBJ,
    blamed,
    controllers,
    cut,
    expand_conj,
    held_responsible,
    preps,
    subjects,
)

PLACE_PREPS_OF_VERB = ("on", "against", "at", "in", "near", "outside", "inside")
PLACE_PREPS_OF_NOUN = ("on", "against", "at", "of", "near", "outside")
# "the attack was claimed by X", "the bombing was attributed to X"
CLAIM_VERBS = ("claim", "perpetrate", "carry", "commit", "attribute", "blame")


def _passive(tok) -> bool:
    return any(c.dep_ in PASS_SUBJ for c in tok.children) or tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod")


def _named_actor(tok, actors) -> str | None:
    return actors.at(tok.idx, tok.idx + len(tok.text))


# -- a verb trigger ---------------------------------------------------------------------------------
def _argument_agent(ff, fr, tok, et, actors, x) -> None:
    if not _passive(tok):
        ff.classify_agent(fr, x, actors)


def _argument_patient(ff, fr, tok, et, actors, x) -> None:
    ff.classify_patient(fr, x, actors, et, human=tok.lemma_.lower() in ff.lex.human_object_verbs)


# the verb's subject acts (unless the verb is passive); its object, or its subject in the passive, suffers
VERB_ARGUMENT = {**{d: _argument_agent for d in SUBJ}, **{d: _argument_patient for d in OBJ | PASS_SUBJ}}


def _verb_arguments(ff, fr, tok, et, actors) -> None:
    for c in tok.children:
        rule = VERB_ARGUMENT.get(c.dep_)
        if rule is not None:
            for x in expand_conj(c, appos=c.dep_ in OBJ or c.dep_ in PASS_SUBJ):
                rule(ff, fr, tok, et, actors, x)


def _verb_controllers(ff, fr, tok, et, actors) -> None:
    if not _passive(tok):
        for x in controllers(tok):
            ff.classify_agent(fr, x, actors, subject=True)


def _verb_by(ff, fr, tok, et, actors) -> None:
    for a in preps(tok, ("by",)):
        ff.classify_agent(fr, a, actors)


def _verb_blamed_for(ff, fr, tok, et, actors) -> None:
    """ "IS-K was blamed for killing at least 40 people"."""
    if tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.head.lemma_ in ff.lex.blame_verbs:
        for a in blamed(tok.head.head):
            ff.classify_agent(fr, a, actors)


def _verb_place(ff, fr, tok, et, actors) -> None:
    for p in preps(tok, PLACE_PREPS_OF_VERB):
        if p.lower_ in ff.lex.target_heads or p.ent_type_ == "FAC":
            ff.classify_patient(fr, p, actors, et)


def _verb_relative(ff, fr, tok, et, actors) -> None:
    """ "X, who attacked": the subject of a relative clause is the noun it modifies; "X, who was kidnapped":
    in the passive it is the one it happened to."""
    if tok.dep_ != "relcl":
        return
    if not _passive(tok):
        ff.classify_agent(fr, tok.head, actors)
    elif tok.head.pos_ in ("PROPN", "NOUN"):
        ff.classify_patient(fr, tok.head, actors, et)


def _verb_participle(ff, fr, tok, et, actors) -> None:
    """ "a priest killed by ...", "the assassinated candidate"."""
    if tok.dep_ in ("acl", "amod") and _passive(tok):
        ff.classify_patient(fr, tok.head, actors, et)


VERB_RULES = (
    _verb_arguments,
    _verb_controllers,
    _verb_by,
    _verb_blamed_for,
    _verb_place,
    _verb_relative,
    _verb_participle,
)


# -- a noun trigger ---------------------------------------------------------------------------------
def _noun_modifiers(ff, fr, tok, et, actors) -> None:
    """Who or what stands before the attack noun: "Julio Mendoza Arce's murder" (the victim), "the car
    bomb attack" (the weapon), "the Riverside Arena bombing" (the target), "the FMLN attack" (the agent)."""
    for c in tok.children:
        if c.dep_ == "poss" and c.ent_type_ in NAME_ENTS and et.family == "attack" and not _named_actor(c, actors):
            ff.classify_patient(fr, c, actors, et)
        elif c.dep_ in ("poss", "compound") and c.pos_ in ("PROPN", "NOUN"):
            if c.lower_ in ff.lex.weapon_heads:
                fr.add("weapons", ff.span(c, actors))
            elif c.pos_ == "PROPN" and c.lower_ in ff.lex.target_heads and not _named_actor(c, actors):
                fr.add("targets", ff.span(c, actors))
            elif _named_actor(c, actors) or c.ent_type_ in ORG_ENTS or c.lower_ in ff.lex.perp_ind_heads:
                ff.classify_agent(fr, c, actors)


def _noun_by_of(ff, fr, tok, et, actors) -> None:
    """ "the attack by X", "the murder of X" (who did it, or to whom it was done)."""
    words = ("by", "of") if et.type != "targeted killing" and et.type != "kidnapping" else ("by",)
    for a in preps(tok, words):
        if a.lower_ in ff.lex.perp_ind_heads or a.ent_type_ in ORG_ENTS or _named_actor(a, actors):
            ff.classify_agent(fr, a, actors)
        elif a.dep_ == "pobj" and a.head.lower_ == "of":
            ff.classify_patient(fr, a, actors, et)


def _noun_place(ff, fr, tok, et, actors) -> None:
    for p in preps(tok, PLACE_PREPS_OF_NOUN):
        ff.classify_patient(fr, p, actors, et)


def _noun_objective(ff, fr, tok, et, actors) -> None:
    """ "the offices were the objective of the attack", "the target of the attack was the plant"."""
    if tok.dep_ == "pobj" and tok.head.lower_ == "of" and tok.head.head.lemma_ in ("target", "objective"):
        n = tok.head.head
        told = (
            subjects(n.head)
            if n.dep_ == "attr"
            else ([c for c in n.head.children if c.dep_ == "attr"] if n.dep_ in SUBJ else [])
        )
        for x in told:
            ff.classify_patient(fr, x, actors, et)


def _hostages(ff, fr, tok, et, actors) -> None:
    """ "took three engineers hostage", "three engineers were taken hostage": the people held."""
    if et.type != "hostage taking" or tok.head.pos_ not in ("VERB", "AUX"):
        return
    for c in tok.head.children:
        if c is not tok and (c.dep_ in OBJ or c.dep_ in PASS_SUBJ):
            for x in expand_conj(c, appos=True):
                ff.classify_patient(fr, x, actors, et, human=True)
    # the parse may take the trigger into the phrase ("three engineers hostage")
    fr.roles["victims"] = [cut(s, tok.idx) if s.start < tok.idx < s.end else s for s in fr.roles["victims"]]


def _arson(ff, fr, tok, et, actors) -> None:
    """ "set fire to the offices": the to-phrase, on the noun or on "set"."""
    if et.type == "arson":
        for p in [*preps(tok, ("to",)), *(preps(tok.head, ("to",)) if tok.head.pos_ == "VERB" else ())]:
            ff.classify_patient(fr, p, actors, et)


def _light_verb(ff, fr, tok, et, actors) -> None:
    """ "the guerrillas launched/carried out an attack": the doer of the verb the noun is the object of."""
    h = tok.head
    if tok.dep_ in ("dobj", "obj") and h.pos_ == "VERB" and h.lemma_.lower() not in ff.lex.reaction_verbs:
        # "The Taliban condemned the attack": who reacts to an attack is not who carried it out
        for c in h.children:
            if c.dep_ in SUBJ:
                for x in expand_conj(c):
                    ff.classify_agent(fr, x, actors)
        for x in controllers(h):
            ff.classify_agent(fr, x, actors, subject=True)
        for a in preps(h, ("by",)):
            ff.classify_agent(fr, a, actors)


def _claimed_by(ff, fr, tok, et, actors) -> None:
    """ "the attack was claimed by X", "the bombing was attributed to X"."""
    h = tok.head
    if tok.dep_ in PASS_SUBJ | SUBJ and h.lemma_ in CLAIM_VERBS:
        for a in preps(h, ("by", "to", "on")):
            ff.classify_agent(fr, a, actors)


def _answerable(ff, fr, tok, et, actors) -> None:
    for a in held_responsible(tok, ff.lex.blame_verbs):
        ff.classify_agent(fr, a, actors)


NOUN_RULES = (
    _noun_modifiers,
    _noun_by_of,
    _noun_place,
    _noun_objective,
    _hostages,
    _arson,
    _light_verb,
    _claimed_by,
    _answerable,
)
