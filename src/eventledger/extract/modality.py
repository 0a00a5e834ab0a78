"""Modality: whether an event word in a parsed sentence tells a happening or something that did not (yet) happen.

A trigger founds a report only when the sentence tells that it happened. Negated ("did not kill", "no attack"),
modal ("could attack", "will strike"), wished, planned, threatened, predicted or denied ("threatened to carry
out attacks", "denied involvement in the attack"), conditional ("if they attack") and generic ("a web of
small units, which tends to carry out deadlier raids"; "Shootings are up") event words found nothing; the
sentence may still be a statement (statements.py). The words are in extract_modality.yaml.
"""

from __future__ import annotations

from eventledger.knowledge import ModalityWords

# relations by which the trigger is what its head is about (the complement of a verb, noun or adjective)
_COMPLEMENT = {"dobj", "obj", "pobj", "xcomp", "ccomp", "pcomp", "acl", "prep", "attr", "oprd", "conj", "dative"}
# prepositions that tie an event to what is said of it ("threat of attacks", "plans for an attack",
# "involvement in the attack"); a time or place preposition ("after", "near") ends the climb
_ABOUT = {"of", "for", "to", "against", "in", "on", "about", "into"}
# a clause this many steps above the trigger is no longer the trigger's own
MAX_CLIMB = 6
# the counterfactual perfect ("could have killed hundreds"): these modals with "have" tell what did not happen;
# "may have been shot" is a guess about what did
_COUNTERFACTUAL = {"could", "would", "should"}
_PLURAL_NOUN = "NNS"
_SUBJECTS = {"nsubj", "nsubjpass"}
_NOBODY = {"nobody", "none", "noone"}
_SHOWS_ONE = {"det", "poss", "nummod", "predet"}  # "the attacks", "their attacks", "two shootings": particular


def _nobody(subject, negations) -> bool:
    """'no one', 'nobody', 'none of them': a subject that names no one."""
    return subject.lower_ in _NOBODY or any(c.dep_ == "det" and c.lower_ in negations for c in subject.children)


class Modality:
    def __init__(self, words: ModalityWords | None = None, *, light_verbs: frozenset[str] = frozenset()):
        self.w = words or ModalityWords.load()
        self.light_verbs = light_verbs  # verbs that only carry an event noun ("carry out attacks")

    def why_not(self, tok, *, headline: bool = False) -> str | None:
        """Why the event word `tok` (a spaCy token) tells no happening, or None when it tells one. The climb
        goes up from the word through what only carries it (a light verb, a preposition of what is said of it,
        "involvement in") and stops at the first head that is about something else ("justice for the
        shooting", "charges in the shooting"): a negation or modal counts only on the word's own clause."""
        w = self.w
        if tok.pos_ in ("NOUN", "PROPN"):
            if any(c.dep_ == "det" and c.lower_ in w.negations for c in tok.children):
                return "negated"  # "no attack took place"
            if any(c.dep_ in ("amod", "compound") and c.lower_ in w.irrealis_modifiers for c in tok.children):
                return "unrealised"  # "future attacks", "a potential attack"
        if tok.pos_ in ("VERB", "AUX") and any(c.dep_ in _SUBJECTS and _nobody(c, w.negations) for c in tok.children):
            return "negated"  # "no one has been arrested", "nobody was hurt"
        if (
            tok.pos_ in ("NOUN", "PROPN")
            and any(c.dep_ == "det" and c.lower_ == "any" for c in tok.children)
            and any(c.dep_ == "neg" for c in tok.head.children)
        ):
            return "negated"  # "has not announced any arrests"
        if tok.dep_ in _SUBJECTS and tok.head.lemma_.lower() == "be":
            pred = next(
                (c for c in tok.head.children if c.dep_ == "acomp" and c.lemma_.lower() in w.irrealis_adjectives), None
            )
            if pred is not None:
                return f"under '{pred.lower_}'"  # "another attack was likely", "attacks are possible"
        node = tok
        why = self._clause(node)
        for _ in range(MAX_CLIMB):
            if why or node.dep_ not in _COMPLEMENT or node.head.i == node.i:
                break
            if node.dep_ == "prep" and node.lower_ not in _ABOUT:
                break
            head = node.head
            if any(t.text == ";" for t in node.doc[min(node.i, head.i) + 1 : max(node.i, head.i)]):
                break  # "boy shot in arm; adults with him not being cooperative": a semicolon ends the clause
            lem = head.lemma_.lower()
            if (
                head.pos_ in ("VERB", "AUX")
                and lem in w.irrealis_verbs
                or head.pos_ in ("NOUN", "PROPN")
                and lem in w.irrealis_nouns
                or head.pos_ == "ADJ"
                and lem in w.irrealis_adjectives
            ):
                return f"under '{head.lower_}'"
            if node.dep_ == "conj" and head.pos_ == node.pos_:
                why = self._clause(head)  # "threatened to kill her and burn the house": the first verb's
            elif head.pos_ in ("VERB", "AUX") and lem in self.light_verbs:
                why = self._clause(head)  # "could carry out attacks", "did not carry out the attack"
            elif not (head.pos_ == "ADP" or lem in w.transparent_nouns):
                break
            node = head
        return why or (None if headline else self._generic(tok))

    def modal_clause(self, node) -> str | None:
        """The modal that makes the clause `node` heads tell what did not happen ("could have been killed", "should
        be dead", "will die"), or None: for a word whose own clause is all that matters (a verb counting people;
        "whether someone shot the teen" still tells he was shot). A narrative "would" without "have" tells what
        did happen later ("the teen would later die")."""
        why = self._clause(node)
        if not why or not why.startswith("modal"):
            return None
        aux = {c.lower_ for c in node.children if c.dep_ in ("aux", "auxpass")}
        return None if why in ("modal 'would'", "modal 'd'") and "have" not in aux else why

    def _clause(self, node) -> str | None:
        """A negation, a modal or a condition on the clause `node` heads (only a verb heads a clause here)."""
        if node.pos_ not in ("VERB", "AUX", "ADJ"):
            return None
        w = self.w
        kids = list(node.children)
        if any(c.dep_ == "neg" and c.lower_ in w.negations for c in kids):
            return "negated"
        aux = [c.lower_ for c in kids if c.dep_ in ("aux", "auxpass")]
        modal = [a for a in aux if a in w.modal_auxiliaries]
        if modal and not ("have" in aux and modal[0] not in _COUNTERFACTUAL):
            return f"modal '{modal[0]}'"
        if any(c.dep_ == "mark" and c.lower_ in w.conditions for c in kids):
            return "conditional"
        return None

    def _generic(self, tok) -> str | None:
        """A bare plural event noun in a present-tense clause: what happens in general, not one happening."""
        if tok.dep_ == "compound" and tok.head.pos_ in ("NOUN", "PROPN"):
            tok = tok.head  # "gunshot wounds are the leading cause of death": the phrase's own noun counts
        if tok.tag_ != _PLURAL_NOUN or any(c.dep_ in _SHOWS_ONE for c in tok.children):
            return None
        verb = next((t for t in tok.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if verb is None or verb.tag_ not in self.w.generic_present_tags:
            return None
        if any(c.dep_ in ("aux", "auxpass") and c.lower_ in ("has", "have") for c in verb.children):
            return None  # "police have arrested ...", "shootings have killed": the perfect tells what happened
        return "generic"
