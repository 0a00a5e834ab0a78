"""Telegraphic headlines re-tagged after parsing: a headline drops its articles and auxiliaries ("Baby shot
while in stroller", "Toddler kills himself with gun"), and the tagger, finding no verb, reads the event verb as the
head noun of one long noun phrase. Without a verb the sentence tells no happening to the frame rules and counts no
one; re-tagged, it reads as the same headline with its "was" (a past form: a passive) or as a present-tense verb."""

from __future__ import annotations

from eventledger.knowledge.event_types import IRREGULAR

# what a left-hand noun of a verb mis-tagged as a noun stands in for, once that word is a verb again
_SUBJECT_DEPS = ("compound", "amod", "nmod", "npadvmod")
_MAIN_VERB_DEPS = ("ROOT", "conj", "parataxis", "ccomp")
_NOUN_MARKS = ("det", "poss", "nummod", "case")  # "the shot", "his kills", "two shots": nouns for sure
_WHEN_WORDS = ("after", "before", "since", "until")  # "arrested after child shot": a clause, its "was" dropped


def _headline_verb(verb, lemma: str) -> None:
    """Make a token the sentence's verb: a past participle, its "was" or "were" dropped ("suspect wounded")."""
    verb.head, verb.dep_ = verb, "ROOT"
    verb.pos_, verb.tag_, verb.lemma_ = "VERB", "VBN", lemma


def verb_forms(verbs) -> dict[str, tuple[str, str]]:
    """Inflected forms of the trigger verbs -> (lemma, Penn tag): "kills" -> (kill, VBZ), "shot" -> (shoot, VBD).
    The bare lemma is left out: "attack" or "raid" is as much a noun as a verb."""
    out: dict[str, tuple[str, str]] = {}
    for v in verbs:
        for s in ("es", "s") if v.endswith(("sh", "ch", "ss", "x")) else ("s",):
            out.setdefault(v + s, (v, "VBZ"))
        for past in (v + "d",) if v.endswith("e") else (v + "ed", v + v[-1] + "ed"):
            out.setdefault(past, (v, "VBD"))
        for form in IRREGULAR.get(v, ()):
            out[form] = (v, "VBD")
    return out


class Retagger:
    def __init__(self, verbs, people=()):
        self.verbs = frozenset(verbs)
        self.forms = verb_forms(verbs)
        self.people = frozenset(people)  # nouns for people, some of them verbs too ("suspect", "guard")

    def __call__(self, sent) -> None:
        """Re-tag the parsed sentence in place (its words and offsets stay as they are)."""
        for tok in sent:
            self._verb_on_its_object(tok)
            self._clause_after_a_time_word(tok)
        self._noun_root_with_subject(sent)
        self._person_read_as_verb(sent)
        self._person_read_as_interjection(sent)
        self._age_read_as_modifier(sent)
        self._verb_read_as_last_of_a_list(sent)
        self._verbless(sent)

    def _verb_read_as_last_of_a_list(self, sent) -> None:
        """ "Male adult and juvenile shot in park": the tagger reads the verb as the last noun of the list ("juvenile
        shot" as a kind of shot) joined to the first person. A past form with a person word for its only modifier,
        joined to a person noun heading a sentence with no verb, is the headline's verb, done to the two."""
        root = next((t for t in sent if t.dep_ == "ROOT"), None)
        if root is None or root.pos_ not in ("NOUN", "PROPN") or root.lower_ not in self.people:
            return
        if any(t.pos_ == "AUX" or t.pos_ == "VERB" and t.dep_ in _MAIN_VERB_DEPS for t in sent):
            return  # a verb of its own ("breaking news" of a site's name is none)
        for verb in root.children:
            form = self.forms.get(verb.lower_)
            lefts = list(verb.lefts)
            if (
                verb.dep_ != "conj"
                or form is None
                or form[1] != "VBD"
                or len(lefts) != 1
                or lefts[0].dep_ not in ("amod", "compound")
                or lefts[0].lower_ not in self.people
            ):
                continue
            person = lefts[0]
            _headline_verb(verb, form[0])
            root.head, root.dep_ = verb, "nsubjpass"
            person.head, person.dep_ = root, "conj"
            person.pos_, person.tag_ = "NOUN", "NN"
            return

    def _person_read_as_interjection(self, sent) -> None:
        """ "Boy, 14, fatally shot", "Boy dead in shooting": the tagger takes a headline's first word "Boy" for the
        interjection. A person noun is the one the headline is about: the subject of its verb, or the noun "dead"
        tells of (as it parses "Man dead in shooting")."""
        first = sent[0]
        root = first.head
        if first.pos_ != "INTJ" or first.lower_ not in self.people or root.dep_ != "ROOT" or root == first:
            return
        first.pos_, first.tag_, first.lemma_ = "NOUN", "NN", first.lower_
        if root.pos_ == "VERB" and root.tag_ in ("VBD", "VBN") and root.lemma_.lower() in self.verbs:
            first.dep_ = "nsubj"
        elif root.pos_ == "ADJ" and root.i == first.i + 1:
            first.head, first.dep_ = first, "ROOT"
            root.head, root.dep_ = first, "amod"

    def _age_read_as_modifier(self, sent) -> None:
        """ "8-year-old injured in shooting": the tagger hangs the age noun "old" on the headline's verb as its
        modifier; it is who the verb was done to, the "was" dropped."""
        for verb in sent:
            if verb.tag_ not in ("VBD", "VBN") or verb.lemma_.lower() not in self.verbs or verb.dep_ != "ROOT":
                continue
            olds = [c for c in verb.lefts if c.lower_ == "old" and c.dep_ == "amod"]
            if olds and not any(c.dep_ in ("nsubj", "nsubjpass", "dobj") for c in verb.children):
                olds[0].dep_ = "nsubjpass"
                verb.tag_ = "VBN"

    def _person_read_as_verb(self, sent) -> None:
        """ "Officer, suspect wounded in gunfight": a headline's list of two people joined by a comma, whose second
        noun is a verb too; the tagger makes it the main verb (or one hung on the first person) and the participle
        after it its complement. A present verb form takes no bare past participle as its complement, so the noun is
        the second person and the participle the headline's verb, its "were" dropped."""
        doc = sent.doc if hasattr(sent, "doc") else sent
        for noun in sent:
            if noun.pos_ == "VERB" and noun.tag_ in ("VB", "VBP") and noun.lower_ in self.people:
                self._person_pair(doc, noun)

    def _person_pair(self, doc, noun) -> None:
        if noun.i < 2 or doc[noun.i - 1].text != "," or noun.i + 1 >= len(doc):
            return
        first, verb = doc[noun.i - 2], doc[noun.i + 1]
        form = self.forms.get(verb.lower_)
        if verb.tag_ in ("VBD", "VBN") and verb.lemma_.lower() in self.verbs:
            form = (verb.lemma_.lower(), "VBD")  # "hurt": a past form the same as the lemma
        top = noun if noun.dep_ == "ROOT" else first if noun.head == first and first.dep_ == "ROOT" else None
        if (
            top is None
            or form is None
            or form[1] != "VBD"
            or verb.head != noun
            or verb.dep_ not in ("xcomp", "ccomp", "conj", "dobj")
            or first.pos_ not in ("NOUN", "PROPN")
            or first.lower_ not in self.people
            or (top is noun and first.head != noun)
        ):
            return
        _headline_verb(verb, form[0])
        for c in [*noun.children, *first.children]:
            if c.i > verb.i:
                c.head = verb  # what the participle's phrase says ("in gunfight") is the verb's again
        noun.head, noun.dep_ = verb, "nsubjpass"
        noun.pos_, noun.tag_, noun.lemma_ = "NOUN", "NN", noun.lower_
        first.head, first.dep_ = noun, "conj"

    def _noun_root_with_subject(self, sent) -> None:
        """ "Man who was shot Sunday dies of gunshot wound": a present-tense -s form tagged the sentence's head noun
        while a subject hangs on it is the verb (a noun heads no subject); the relative clause's verb kept the
        headline from reading as verbless."""
        root = next((t for t in sent if t.dep_ == "ROOT"), None)
        form = self.forms.get(root.lower_) if root is not None else None
        if (
            form is None
            or form[1] != "VBZ"
            or root.pos_ not in ("NOUN", "PROPN")
            or root.i == sent[0].i
            or any(c.dep_ in _NOUN_MARKS for c in root.children)
            or not any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in root.children)
        ):
            return
        root.pos_, root.tag_, root.lemma_ = "VERB", form[1], form[0]

    def _verb_on_its_object(self, tok) -> None:
        """ "Boy, 5, shoots sister", "fatally shoots girl, 15": a present-tense event verb read as a modifier of
        the noun after it (as in "photo shoots") is the verb, and that noun its object. Only the -s forms: a past
        form before a noun is as often a noun itself ("gun shot wound")."""
        form = self.forms.get(tok.lower_)
        obj = tok.head
        if (
            form is None
            or form[1] != "VBZ"
            or tok.pos_ not in ("NOUN", "PROPN")
            or tok.dep_ != "compound"
            or obj.i != tok.i + 1
            or obj.pos_ not in ("NOUN", "PROPN")
            or tok.i == 0
            or any(c.dep_ in _NOUN_MARKS for c in tok.children)
        ):
            return
        root = obj.head == obj
        tok.head, tok.dep_ = (tok, "ROOT") if root else (obj.head, obj.dep_)
        obj.head, obj.dep_ = tok, "dobj"
        tok.pos_, tok.tag_, tok.lemma_ = "VERB", form[1], form[0]

    def _clause_after_a_time_word(self, tok) -> None:
        """ "Two arrested after child shot", "Library closes after guard shot": a headline's clause after a time
        word with its "was" dropped (after a child was shot). The tagger reads the past form as the object of
        "after" (or a clause whose subject is a modifier of it); the noun right before it is who it was done to."""
        form = self.forms.get(tok.lower_)
        if form is None or form[1] != "VBD" or tok.pos_ not in ("NOUN", "VERB"):
            return
        if any(c.dep_ in (*_NOUN_MARKS, "dobj") for c in tok.children):
            return  # "after the shot"; "after the player shot the ball", an active verb with its object
        after_word = tok.dep_ == "pobj" and tok.head.lower_ in _WHEN_WORDS
        after_mark = tok.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _WHEN_WORDS for c in tok.children)
        left = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and c.i == tok.i - 1]
        if not (after_word or after_mark) or not left:
            return
        tok.pos_, tok.tag_, tok.lemma_ = "VERB", "VBN", form[0]
        if after_word:
            tok.dep_ = "pcomp"
        left[0].dep_ = "nsubjpass"

    def _verbless(self, sent) -> None:
        root = next((t for t in sent if t.dep_ == "ROOT"), None)
        if root is None or any(
            t.pos_ == "AUX" or t.pos_ == "VERB" and t.dep_ in _MAIN_VERB_DEPS and t != root for t in sent
        ):
            return  # a main clause with a verb of its own is no telegraphic headline ("while sitting" may follow)
        form = self.forms.get(root.lower_)
        if root.pos_ not in ("NOUN", "PROPN") or form is None:
            return
        if any(c.dep_ in _NOUN_MARKS for c in root.children) or root.i == sent[0].i:
            return  # "the shot", "Shot at the mall": a noun, or a headline that names no one first
        root.pos_, root.tag_, root.lemma_ = "VERB", form[1], form[0]
        left = [c for c in root.lefts if c.dep_ in _SUBJECT_DEPS and c.pos_ in ("NOUN", "PROPN", "ADJ")]
        if left:
            left[-1].dep_ = "nsubj"  # "baby" of "baby shot": the one the headline's verb is about
