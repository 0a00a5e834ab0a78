"""Statements: claims, attributions, accusations, denials, threats, assessments and quotes, with speaker and role."""

from __future__ import annotations

import re

from eventledger.ids import make_id
from eventledger.knowledge import Lexicon
from eventledger.records import Arg, Document, Report, Statement

_KIND_ORDER = ("claim", "denial", "threat", "accusation", "attribution", "assessment")
_KIND_NAME = {
    "claim": "claim-of-responsibility",
    "denial": "denial",
    "threat": "threat",
    "accusation": "accusation",
    "attribution": "attribution",
    "assessment": "assessment",
}
_QUOTE_RX = re.compile(r"[\"“”«»]")
_PRONOUNS = {"he", "she", "they"}
_PERSONAL = {"he", "she"}  # name a person: never an organisation that spoke before
# "Name, (the) role words ... ," apposition after a name
_APPOS_RX = re.compile(
    r"\s*,\s+((?:the\s+|a\s+|an\s+)?[^,.;:«»\"“”]{3,90}?)(?=\s*(?:,|\.|;|:|$|\s+(?:said|told|stated|says|wrote)\b))"
)


_SPEECH_LEMMAS = ("say", "tell", "state", "write", "add", "accuse", "blame", "claim", "deny", "threaten", "warn")


def _said_by(speech) -> str | None:
    """The pronoun saying the main clause ("She told police ..."), not one inside what is said."""
    return next(
        (
            c.lower_
            for v in speech
            if v.dep_ == "ROOT"
            for c in v.children
            if c.dep_ == "nsubj" and c.lower_ in _PRONOUNS
        ),
        None,
    )


class StatementFinder:
    def __init__(self, lexicon: Lexicon, actor_name=None, actors=None):
        self.lex = lexicon
        self.actor_name = actor_name  # (text, actor id) -> canonical name when the text names exactly that actor
        self.actors = actors  # the registry (knowledge/actors.py), to tell a generic actor from a named one
        self._speech = re.compile(r"\b(?:" + "|".join(sorted(lexicon.speech_verbs)) + r")\b", re.I)

    def cue(self, sentence: str) -> bool:
        low = sentence.lower()
        return bool(
            _QUOTE_RX.search(sentence)
            or self._speech.search(sentence)
            or any(r.search(low) for k in _KIND_ORDER for r in self.lex.stmt[k])
        )

    def kind_of(self, low: str) -> str | None:
        for k in _KIND_ORDER:
            if any(r.search(low) for r in self.lex.stmt[k]):
                return _KIND_NAME[k]
        return None

    def find(self, doc: Document, w, reports: list[tuple[int, Report]], *, opinion: bool) -> list[Statement]:
        seg = w.seg
        out: list[Statement] = []
        last_speaker: tuple[str, str | None, str | None] | None = None
        last_at = -1  # the sentence that named last_speaker
        for i in sorted(w.parse):
            s0, s1 = w.sents[i]
            sdoc = w.parse[i]
            sent = seg.text[s0:s1]
            low = sent.lower()
            kind = self.kind_of(low)
            quoted = bool(_QUOTE_RX.search(sent))
            speech = self._speech_verbs(sdoc)
            pron = last_speaker is not None and any(
                c.lower_ in _PRONOUNS and c.dep_ == "nsubj" for v in speech for c in v.children
            )
            if (
                kind is None
                and not (quoted and speech)
                and not (speech and (pron or self._is_person_speaker(sdoc, speech)))
            ):
                # "Kessler of Insurgency Watch said IS-K poses a danger." is kept as no statement, but the
                # "he said" after it is Kessler's: a named person saying something is the speaker from here on
                named = self._named_person(sdoc, speech, seg.text, s0, w)
                if named:
                    last_speaker, last_at = named, i
                continue
            kind = kind or "quote"
            speaker, role, actor_id = self._speaker(sdoc, speech, seg.text, s0, w)
            pronoun = next((t.lower_ for t in sdoc if t.lower_ in _PRONOUNS and t.dep_ in ("nsubj",)), None)
            # the pronoun saying the main clause ("She told police ..."), not one inside what is said
            said_by = _said_by(speech)
            if (
                speaker is None
                and pronoun
                and last_speaker
                and not (pronoun in _PERSONAL and _organisation(last_speaker))
            ):
                speaker, role, actor_id = last_speaker
            elif said_by in _PERSONAL and speaker is not None and _organisation((speaker, role, actor_id)):
                # "She told police ...": the one speaking is the person "she" is, not the organisation told;
                # that is the person just named, or no one we can tell
                near = last_speaker and not _organisation(last_speaker) and i - last_at <= 2
                speaker, role, actor_id = last_speaker if near else (None, None, None)
            if kind == "claim-of-responsibility":
                claimer = self._claimer(sdoc, s0, w)
                if claimer is not None:
                    speaker, role, actor_id = claimer[0], None, claimer[1]
                elif any(_claims(t) for t in sdoc):  # who speaks in another clause is not who claims
                    speaker, role, actor_id = None, None, None
            if speaker is None and kind in ("threat", "denial", "claim-of-responsibility"):
                speaker, role, actor_id = self._actor_before_verb(sdoc, speech, s0, w)
            if speaker is None and kind in ("quote", "assessment", "accusation", "attribution", "denial"):
                continue
            if speaker is not None and role is not None or (speaker and speaker[:1].isupper()):
                last_speaker, last_at = (speaker, role, actor_id), i
            # a claim whose claimer is named nowhere in its clause ("the group assumed responsibility") is about no
            # actor: another actor of the sentence ("the minister and his aides") is not the one claiming
            about = (
                None
                if kind == "claim-of-responsibility" and speaker is None
                else self._about(sdoc, s0, w, kind, actor_id, speech)
            )
            if kind in ("attribution", "accusation") and about is not None and len(speech) > 1:
                speaker, role, actor_id = self._blamer(sdoc, speech, about, s0, w) or (speaker, role, actor_id)
            channel = (
                next((name for name, rx in self.lex.channels.items() if rx.search(sent)), None)
                if kind == "claim-of-responsibility"
                else None
            )
            rep = next((r for j, r in reversed(reports) if j <= i and r.meta.get("family") == "attack"), None)
            if opinion and seg.author:
                speaker, role, actor_id = seg.author, "comment author (opinion)", None
            out.append(self._statement(doc, seg, (s0, s1), kind, (speaker, role, actor_id), about, channel, rep))
        return out

    def _blamer(self, sdoc, speech, about: Arg, s0: int, w):
        """ "Investigators say ..., but officials say that X had a hand in it": who blames X is the speaker of the
        nearest speech verb before X, not of the sentence's first; None when that is the first."""
        seg = w.seg
        at = next((t.i for t in sdoc if seg.doc_offset(s0 + t.idx) >= about.start), len(sdoc))
        before = [v for v in speech if v.i < at]
        if not before or before[-1] is speech[0]:
            return None
        v = before[-1]
        while v.dep_ == "xcomp" and not any(c.dep_ == "nsubj" for c in v.children):
            v = v.head  # "officials continue to say that": the subject is the controlling verb's
        got = self._speaker(sdoc, [v], seg.text, s0, w)
        return got if got[0] is not None else None

    def _speech_verbs(self, sdoc) -> list:
        return [t for t in sdoc if t.lower_ in self.lex.speech_verbs or t.lemma_ in _SPEECH_LEMMAS]

    def _statement(
        self, doc: Document, seg, span: tuple[int, int], kind: str, who: tuple, about, channel, rep: Report | None
    ) -> Statement:
        speaker, role, actor_id = who
        a, b = seg.doc_offset(span[0]), seg.doc_offset(span[1])
        written = None
        if actor_id and self.actor_name is not None and speaker and not role:
            # an organisation speaking is named as the registry names it; the words as written stay beside
            written, speaker = speaker, self.actor_name(speaker, actor_id) or speaker
        return Statement(
            id=make_id("sta", doc.id, a, b, kind),
            document=doc.id,
            segment=seg.id,
            speaker=speaker,
            speaker_role=role,
            kind=kind,
            text=doc.text[a:b],
            evidence=doc.evidence(seg, a, b),
            speaker_actor_id=actor_id,
            speaker_text=written if written != speaker else None,
            about=about,
            channel=channel,
            report=rep.id if rep else None,
        )

    def _named_person(self, sdoc, speech, text: str, s0: int, w):
        """The speaker of a speech verb whose subject is a person's name: a PERSON entity, a name with a role
        in apposition ("Nadia Okafor, a policy expert, said"), or a capitalised proper noun (or noun inside
        the sentence, where capitals are not the sentence's) that is no organisation or place; else None."""
        for v in speech:
            for c in v.children:
                if c.dep_ != "nsubj" or c.pos_ == "PRON":
                    continue
                # in text set all in capitals, a capital says nothing
                capital = (
                    c.text[:1].isupper()
                    and not c.text.isupper()
                    and not c.ent_type_
                    and (c.pos_ == "PROPN" or (c.pos_ == "NOUN" and c.i > 0))
                )
                titled = c.pos_ == "PROPN" and any(
                    a.dep_ == "appos" and a.lower_ in self.lex.role_words for a in c.children
                )
                if c.ent_type_ == "PERSON" or capital or titled:
                    named = self._named(sdoc, c, text, s0, w)
                    return None if _organisation(named) else named
        return None

    def _is_person_speaker(self, sdoc, speech) -> bool:
        return any(
            c.dep_ == "nsubj" and (c.ent_type_ == "PERSON" or c.lower_ in self.lex.role_words)
            for v in speech
            for c in v.children
        )

    def _speaker(self, sdoc, speech, text: str, s0: int, w):
        """The subject of the speech verb (or the name after it: '..., said Marco Ferri, co-founder ...')."""
        # "... which, through Omer Celik, spokesperson ..., stated": the person the organisation spoke through
        for t in sdoc:
            if t.lower_ in ("through", "via") and t.dep_ == "prep" and speech and t.i < speech[0].i:
                for p in (c for c in t.children if c.dep_ == "pobj" and c.pos_ == "PROPN"):
                    return self._named(sdoc, p, text, s0, w)
        for v in speech:
            subj = [c for c in v.children if c.dep_ in ("nsubj",)]
            for c in subj:
                if c.pos_ == "PRON":
                    continue
                return self._named(sdoc, c, text, s0, w)
        # "according to X"
        for t in sdoc:
            if t.lower_ == "according" and t.nbor(1).lower_ == "to" if t.i + 1 < len(sdoc) else False:
                for p in t.nbor(1).children:
                    if p.dep_ == "pobj":
                        return self._named(sdoc, p, text, s0, w)
        persons = [e for e in sdoc.ents if e.label_ == "PERSON"]
        if persons:
            # the person the main clause is about ("While trying to lay blame on Georgia, Belov has been in talks
            # with his counterpart, Aidos Temirov": Belov), else the last one named
            main = [p for p in persons if p.root.dep_ == "nsubj" and p.root.head.dep_ == "ROOT"]
            return self._named(sdoc, (main or persons[-1:])[0].root, text, s0, w)
        return None, None, None

    def _named(self, sdoc, tok, text: str, s0: int, w):
        ent = next(
            (e for e in sdoc.ents if e.start <= tok.i < e.end and e.label_ in ("PERSON", "ORG", "NORP", "GPE")), None
        )
        if ent is not None:
            a, b = ent.start_char, ent.end_char
            first = ent.start
        else:
            left = min([tok.i] + [c.left_edge.i for c in tok.lefts if c.dep_ not in ("det", "punct")])
            first = left
            a, b = sdoc[left].idx, tok.idx + len(tok.text)
        # a person named through an organisation ("... through Omer Celik, spokesperson ...")
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("through", "via"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        return self._named(sdoc, p, text, s0, w)
        name = text[s0 + a : s0 + b]
        role = None
        m = _APPOS_RX.match(text, s0 + b, s0 + len(sdoc.text))
        if m and any(rw in m.group(1).lower().replace(",", " ").split() for rw in self.lex.role_words):
            role = m.group(1).strip()
        elif ent is not None and ent.label_ == "PERSON":
            # a title before the name: "Russian Foreign Minister Sergey Lavrov"
            k = first
            while k > 0 and (
                sdoc[k - 1].pos_ in ("PROPN", "NOUN", "ADJ") and sdoc[k - 1].dep_ in ("compound", "amod", "nmod")
            ):
                k -= 1
            if k < first and any(
                t.lower_ in self.lex.role_words or t.lower_ in self.lex.person_titles for t in sdoc[k:first]
            ):
                role = sdoc[k:first].text
        actor_id = None
        for x, y, aid in w.actors:
            if x < s0 + b and s0 + a < y:
                actor_id = aid
        return name, role, actor_id

    def _actor_before_verb(self, sdoc, speech, s0: int, w):
        """A registry actor opening the clause of a threat or denial ("IS-K on May 4 threatened ...")."""
        verbs = [v for v in speech if v.lemma_ in ("threaten", "deny", "claim", "warn", "vow")]
        if not verbs:
            return None, None, None
        # the actor must be no object of another verb ("It has fought the Taliban ... and claimed the bombing")
        hit = next(
            (
                (x, y, aid)
                for x, y, aid in w.actors
                if s0 <= x and y <= s0 + verbs[0].idx and not _object(_head_in(sdoc, x - s0, y - s0))
            ),
            None,
        )
        if hit is None:
            return None, None, None
        return w.seg.text[hit[0] : hit[1]], None, hit[2]

    def _claimer(self, sdoc, s0: int, w):
        clause = None  # the first claiming verb's own clause: who claims is named there, not elsewhere
        for t in sdoc:
            if not _claims(t):
                continue
            cands = [c for c in t.children if c.dep_ == "nsubj"]
            cands += [p for c in t.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            if t.dep_ == "relcl" and any(c.lower_ in _RELATIVES for c in cands):
                cands.append(t.head)  # "IS-K, which claimed the attack": the noun the clause is about
            for c in cands:
                a, b = s0 + c.left_edge.idx, s0 + c.idx + len(c.text)
                hit = next(((x, y, aid) for x, y, aid in w.actors if x < b and a < y), None)
                if hit:
                    return w.seg.text[hit[0] : hit[1]], hit[2]
                # "Moscow, Russia – ISIS-K, the group ..., has claimed": a dateline parsed as the subject, the
                # actor as its conjunct; the registry actor among the conjuncts is the one claiming
                for x in c.conjuncts:
                    xa, xb = s0 + x.left_edge.idx, s0 + x.idx + len(x.text)
                    hit = next(((p, q, aid) for p, q, aid in w.actors if p < xb and xa < q), None)
                    if hit:
                        return w.seg.text[hit[0] : hit[1]], hit[2]
                if c.pos_ == "PROPN":
                    return w.seg.text[a:b], None
            if clause is None:
                clause = (s0 + t.left_edge.idx, s0 + t.right_edge.idx + len(t.right_edge.text))
        # "While the minister and his aides have not commented on it, ... the group assumed responsibility":
        # an actor of another clause is not the one claiming
        lo, hi = clause or (s0, s0 + len(sdoc.text))
        hit = _actor_within(w, lo, hi)
        return (w.seg.text[hit[0] : hit[1]], hit[2]) if hit else None

    def _about(self, sdoc, s0: int, w, kind: str, speaker_id: str | None, speech=()) -> Arg | None:
        s1 = s0 + len(sdoc.text)
        seg = w.seg
        hits = [h for h in w.actors if s0 <= h[0] and h[1] <= s1]
        blaming = _blaming(sdoc)
        # the voice of the verb of blaming, where there is one ("Before IS claimed it, ... were blaming Israel")
        passive = any(t.dep_ in ("nsubjpass", "auxpass") for t in (blaming.children if blaming is not None else sdoc))
        if kind == "claim-of-responsibility":
            hits = [h for h in hits if h[2] == speaker_id] or hits
        else:
            hits = [h for h in hits if h[2] != speaker_id]
            anchor = blaming or (speech[0] if speech else None)
            if kind in ("attribution", "accusation") and anchor is not None:
                # who is blamed comes after the verb of blaming (not after another clause's "said"), unless the
                # verb is passive ("X was blamed by ...")
                verb_at = s0 + anchor.idx
                hits = [h for h in hits if h[0] > verb_at] or (hits if passive else [])
        if not hits:
            # accused/blamed a state or organisation that the registry does not hold
            anchor = blaming or (speech[0] if speech else None)
            first = anchor.i if anchor is not None and not passive else 0
            for t in sdoc[first:]:
                if (
                    t.ent_type_ in ("GPE", "ORG", "NORP")
                    and t.dep_ in ("dobj", "pobj")
                    and kind in ("accusation", "attribution")
                ):
                    a, b = s0 + t.idx, s0 + t.idx + len(t.text)
                    ent = next((e for e in sdoc.ents if e.start <= t.i < e.end), None)
                    if ent is not None:
                        a, b = s0 + ent.start_char, s0 + ent.end_char
                    return Arg(seg.text[a:b], seg.doc_offset(a), seg.doc_offset(b), None)
            return None
        x, y, aid = hits[0]
        actor = self.actors.get(aid) if self.actors is not None and aid else None
        if actor is not None and actor.region == "Global" and actor.kind in _GENERIC_KINDS:
            # "Western intelligence services", "Ukrainian security services": a generic qualified by whose it is
            # names a party the registry does not hold, not the generic actor; kept as written, with no id
            tok = next((t for t in sdoc if s0 + t.idx == x), None)
            prev = sdoc[tok.i - 1] if tok is not None and tok.i > 0 else None
            if prev is not None and prev.pos_ in ("ADJ", "PROPN") and prev.text[:1].isupper():
                x, aid = s0 + prev.idx, None
        return Arg(seg.text[x:y], seg.doc_offset(x), seg.doc_offset(y), aid)


_GENERIC_KINDS = ("state-force", "government")


def _organisation(speaker: tuple[str | None, str | None, str | None]) -> bool:
    """A speaker the actor registry knows, speaking as itself (no role): an organisation, not a person."""
    _, role, actor_id = speaker
    return actor_id is not None and role is None


_RELATIVES = frozenset({"which", "who", "that"})


def _claims(tok) -> bool:
    """A verb of claiming: 'claim', or 'take'/'assume' with responsibility or credit as its object."""
    if tok.lemma_ == "claim":
        return True
    return tok.lemma_ in ("take", "assume") and any(
        c.dep_ == "dobj" and c.lemma_ in ("responsibility", "credit") for c in tok.children
    )


# verbs and nouns of blaming: who is blamed is named after them ("attributed it to IS-K", "were blaming Israel")
_BLAME_LEMMAS = frozenset({"blame", "attribute", "accuse", "accusation", "pin", "link"})


def _blaming(sdoc):
    # a word inside a name or modifier ("the al-Qaeda-linked group") blames no one
    return next((t for t in sdoc if t.lemma_.lower() in _BLAME_LEMMAS and t.dep_ not in ("amod", "compound")), None)


def _head_in(sdoc, a: int, b: int):
    """The token heading the words at sentence offsets a..b (its head lies outside them)."""
    inside = [t for t in sdoc if a <= t.idx < b]
    return next((t for t in inside if t.head.i == t.i or not a <= t.head.idx < b), None)


def _object(tok) -> bool:
    """An object of a verb or preposition (not the agent after "by"), or a word modifying one ("fought [the
    Taliban]")."""
    while tok is not None and tok.dep_ in ("compound", "amod", "poss", "conj", "appos") and tok.head.i != tok.i:
        tok = tok.head
    if tok is not None and tok.dep_ == "pobj" and tok.head.lower_ == "by":
        return False  # "the use of Telegram by IS-K to claim responsibility": the agent
    return tok is not None and tok.dep_ in ("dobj", "obj", "pobj", "iobj", "dative", "attr", "oprd")


def _actor_within(w, a: int, b: int) -> tuple[int, int, str] | None:
    """The first registry match lying wholly inside segment offsets a..b."""
    return next(((x, y, aid) for x, y, aid in w.actors if a <= x and y <= b), None)
