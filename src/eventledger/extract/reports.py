"""Reports from the frames and figures of each parsed sentence of a segment: one report per event per
segment, told on across sentences; a list of past attacks gives one report per item."""

from __future__ import annotations

from eventledger.extract.counts import CountFinder, CountHit
from eventledger.extract.dating import Dater
from eventledger.extract.frames import FrameFinder
from eventledger.extract.naming import Namer, one_mention_per_entity
from eventledger.extract.phrases import ROLES, ActorLookup, Frame, Span
from eventledger.extract.placing import Placer
from eventledger.extract.work import SegWork, evidence
from eventledger.ids import make_id
from eventledger.records import Arg, Count, Document, Report

SAME_EVENT_WINDOW = 3  # a frame within this many sentences of a report of its family tells that event on
FIGURE_WINDOW = 2  # a lone figure within this many sentences of a report belongs to it
LIST_ITEMS = 2  # this many bracketed figures in a sentence make it a list of past events
PAREN_REACH = 6  # a figure starts at most this many characters after its opening bracket
PEOPLE_COUNTS = ("killed", "injured", "shot", "kidnapped")  # figures that make a sentence an attack report alone


def _in_parens(text: str, a: int, b: int) -> bool:
    left = text.rfind("(", 0, a)
    return left >= 0 and text.rfind(")", left, a) < 0 and text.find(")", b) >= 0 and a - left < PAREN_REACH


def _kind_family(kind: str) -> str:
    return "arrest" if kind == "arrested" else "attack"


def _recent(reports: list[tuple[int, Report]], i: int, family: str, *, window: int = FIGURE_WINDOW) -> Report | None:
    for j, r in reversed(reports):
        if i - j > window:
            return None
        if r.meta.get("family") == family and not r.meta.get("list_item"):
            return r
    return None


def _headline(w: SegWork, i: int) -> bool:
    """Sentence i is the segment's headline (headlines tell a happening in the present tense)."""
    title = w.seg.title
    return bool(title) and w.sents[i][0] < len(title) and w.seg.text.startswith(title)


def _keep_unreal(doc: Document, w: SegWork, s0: int, unreal: list) -> None:
    """Nothing vanishes silently: the event words that founded nothing, and why, in the document's meta."""
    kept = doc.meta.setdefault("unreal_triggers", [])
    for tok, et, why in unreal:
        kept.append(
            {
                "segment": w.seg.id,
                "start": w.seg.doc_offset(s0 + tok.idx),
                "word": tok.text,
                "type": et.type,
                "why": why,
            }
        )


_DEFINITE = {"the", "this", "that", "these", "those"}
SAID_ABOUT = ("claim", "denial", "attribution", "accusation")  # statement kinds whose sentence tells no happening


def _back_reference(sent, fr: Frame) -> bool:
    """The frame's trigger is a noun pointing back ("the attack", "this bombing", "its attack")."""
    tok = next((t for t in sent if t.idx == fr.trigger.start), None)
    return (
        tok is not None
        and tok.pos_ == "NOUN"
        and any(c.dep_ == "det" and c.lower_ in _DEFINITE or c.dep_ == "poss" for c in tok.children)
    )


class ReportBuilder:
    def __init__(
        self,
        *,
        lexicon,
        frames: FrameFinder,
        dater: Dater,
        placer: Placer,
        namer: Namer,
        counts: CountFinder,
        background=lambda sentence_lower: False,
    ):
        self.lex = lexicon
        self.background = background  # a sentence set apart from the news ("a similar attack"): tells none on
        self.counts = counts
        self.frames = frames
        self.dater = dater
        self.placer = placer
        self.namer = namer

    def segment(self, doc: Document, w: SegWork, *, opinion: bool) -> list[tuple[int, Report]]:
        """The reports of one segment, each with the index of the sentence that opened it."""
        reports: list[tuple[int, Report]] = []  # (sentence index, report)
        for i in sorted(w.parse):
            self._sentence(doc, w, i, reports, opinion)
        self.namer.full_names(w, [r for _, r in reports])
        self.namer.perpetrators(w, [r for _, r in reports])
        one_mention_per_entity([r for _, r in reports])
        return reports

    def _sentence(self, doc: Document, w: SegWork, i: int, reports: list, opinion: bool) -> None:
        s0, s1 = w.sents[i]
        text = w.text[s0:s1]
        unreal: list = []  # event words that tell no happening (extract/modality.py), kept with the reason
        frames = self.frames.frames(
            w.parse[i], actors=ActorLookup(w.actors, s0), headline=_headline(w, i), unreal=unreal
        )
        counts = self.counts.find(text, w.parse[i])  # written figures, and people counted from the parse
        if unreal:
            _keep_unreal(doc, w, s0, unreal)
            if not frames:
                counts = []  # "could kill hundreds", "did not kill the 12 hostages": no toll of a happening
        if not counts and any(r.meta.get("family") == "attack" for _, r in reports) and self._said_about(text):
            # "Kyiv denies this, and Islamic State has claimed the attack": a claim, denial or blame about the
            # attack the segment told already is a statement about it (statements.py), no new report; its places
            # are the speakers', not the attack's
            frames = [f for f in frames if not (f.etype.family == "attack" and _back_reference(w.parse[i], f))]
        if any(r.meta.get("family") == "attack" for _, r in reports):
            # below the segment's attack a wound word tells that attack on (event_types.yaml lead_only_nouns)
            frames = [f for f in frames if f.trigger.text.lower() not in self.lex.lead_only_nouns]
        if self.lex.is_not_violence(text.lower()):
            counts = [c for c in counts if c.kind == "arrested"]
            frames = [f for f in frames if f.etype.family == "arrest"]
        items = [c for c in counts if _in_parens(w.text, s0 + c.start, s0 + c.end)]
        if len(items) >= LIST_ITEMS:
            self._list_reports(doc, w, i, frames, items, reports, opinion)
            counts = [c for c in counts if c not in items]
            # the list's lead-in ("from 1990 to 2020, five of the worst attacks...") is no event itself
            frames = [f for f in frames if f.etype.family != "attack"]
        if not frames and any(c.kind in PEOPLE_COUNTS for c in counts) and _recent(reports, i, "attack") is None:
            c = counts[0]
            frames = [Frame(self.lex.by_type["armed assault"], Span(c.start, c.end, text[c.start : c.end]))]
            by_figure = True  # no event word: the type is the default, not what the source called it
        else:
            by_figure = False
        for fr in frames:
            rep = self._frame_report(doc, w, i, fr, reports, opinion)
            if by_figure and rep.trigger == fr.trigger.text:
                rep.meta["typed_by"] = "figure"
            self._attach_counts(
                doc,
                w,
                i,
                rep,
                [
                    c
                    for c in counts
                    if _kind_family(c.kind) == fr.etype.family or fr.etype.family == "attack" and c.kind != "arrested"
                ],
            )
        if not frames:
            for c in counts:
                prev = _recent(reports, i, _kind_family(c.kind))
                if prev is not None:
                    self._attach_counts(doc, w, i, prev, [c])

    def _said_about(self, text: str) -> bool:
        low = text.lower()
        return any(r.search(low) for k in SAID_ABOUT for r in self.lex.stmt[k])

    def _frame_report(self, doc: Document, w: SegWork, i: int, fr: Frame, reports: list, opinion: bool) -> Report:
        s0, s1 = w.sents[i]
        date_hit = self.dater.date_in(w, s0, s1, s0 + fr.trigger.start)
        later = None  # (why, date hit): the date of a later happening, an upper bound for this one
        if date_hit is not None:
            why = self.dater.date_of_other(
                w.parse[i],
                date_hit[0] - s0,
                date_hit[1] - s0,
                (fr.trigger.start, fr.trigger.end),
                fr.etype.family,
                date_hit[2].precision,
            )
            if why:
                later, date_hit = (why, date_hit), None
        place_hit = self.placer.place_in(w, s0, s1)
        prev = _recent(reports, i, fr.etype.family, window=SAME_EVENT_WINDOW)
        if (
            prev is not None
            and date_hit is None
            and later is None
            and (place_hit is None or prev.place.name is None or prev.place.name == place_hit[2])
            and not self.background(w.text[s0:s1].lower())
        ):
            rep = prev  # the same event told on: one report per event per segment
            rep.meta.setdefault("told_in", []).append(
                {"start": w.seg.doc_offset(s0), "end": w.seg.doc_offset(s1), "trigger": fr.trigger.text}
            )
            if self.lex.by_type[rep.type].priority < fr.etype.priority:
                rep.type = fr.etype.type
                rep.meta.update(gtd=fr.etype.gtd, acled=fr.etype.acled, family=fr.etype.family)
        else:
            rep = self._new_report(doc, w, s0, s1, fr, opinion)
            self.dater.set_date(doc, w, rep, date_hit, later=later)
            self.placer.set_place(doc, w, rep, place_hit or self.placer.fallback_place(w, s0))
            reports.append((i, rep))
        self._add_roles(w, s0, fr, rep)
        if fr.pronoun_agent and not (rep.perpetrator_orgs or rep.perpetrator_individuals):
            self._earlier_perpetrators(w, i, rep, reports)
        return rep

    def _new_report(self, doc: Document, w: SegWork, s0: int, s1: int, fr: Frame, opinion: bool) -> Report:
        seg = w.seg
        t0 = seg.doc_offset(s0 + fr.trigger.start)
        return Report(
            id=make_id("rep", doc.id, seg.id, t0, fr.etype.type),
            document=doc.id,
            segment=seg.id,
            source=seg.source or doc.source,
            type=fr.etype.type,
            opinion=opinion,
            evidence=evidence(doc, seg, s0, s1),
            trigger=fr.trigger.text,
            meta={"gtd": fr.etype.gtd, "acled": fr.etype.acled, "family": fr.etype.family},
        )

    def _add_roles(self, w: SegWork, s0: int, fr: Frame, rep: Report) -> None:
        seg = w.seg
        for role in ROLES:
            have = {(a.start, a.end) for a in getattr(rep, role)}
            for sp in fr.roles[role]:
                if role in ("targets", "weapons"):
                    sp = self.namer.things(sp)
                a, b = seg.doc_offset(s0 + sp.start), seg.doc_offset(s0 + sp.end)
                arg = Arg(seg.text[s0 + sp.start : s0 + sp.end], a, b, sp.actor_id, sp.described)
                if (arg.start, arg.end) not in have:
                    getattr(rep, role).append(arg)
                    have.add((arg.start, arg.end))

    def _earlier_perpetrators(self, w: SegWork, i: int, rep: Report, reports: list) -> None:
        """ "They then set fire to the town hall": the perpetrators last named in this segment, where named."""
        s0, seg = w.sents[i][0], w.seg
        before = next(
            (
                r
                for j, r in reversed(reports)
                if j < i
                and r is not rep
                and r.meta.get("family") == "attack"
                and (r.perpetrator_orgs or r.perpetrator_individuals)
            ),
            None,
        )
        if before is not None:
            rep.perpetrator_orgs = list(before.perpetrator_orgs)
            rep.perpetrator_individuals = list(before.perpetrator_individuals)
            rep.meta["perpetrators_from"] = before.id
            return
        # "ISIS-K ... In one case, the group launched": the armed group named last before the sentence
        named = [
            (x, y, aid)
            for x, y, aid in w.actors
            if y <= s0 and self.frames.actor_kind(aid) in ("armed-group", "criminal")
        ]
        if named:
            x, y, aid = named[-1]
            rep.perpetrator_orgs = [Arg(seg.text[x:y], seg.doc_offset(x), seg.doc_offset(y), aid)]
            rep.meta["perpetrators_from"] = "segment"

    def _list_reports(self, doc, w, i, frames, items: list[CountHit], reports, opinion) -> None:
        """A list of past attacks ("Nalchik in 2006 (42 deaths), ..."): one report per item."""
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
            rep = Report(
                id=make_id("rep", doc.id, w.seg.id, w.seg.doc_offset(a), et.type),
                document=doc.id,
                segment=w.seg.id,
                source=w.seg.source or doc.source,
                type=et.type,
                opinion=opinion,
                evidence=evidence(doc, w.seg, item_start, item_end),
                trigger=None,
                meta={"gtd": et.gtd, "acled": et.acled, "family": et.family, "list_item": True},
            )
            date_hit = self.dater.date_in(w, item_start, item_end, a, absolute_only=True)
            self.dater.set_date(doc, w, rep, date_hit)
            self.placer.set_place(doc, w, rep, self.placer.place_in(w, item_start, item_end))
            # "... and now the stadium in 2021 (48 deaths)": an event the segment already reported
            same = next(
                (
                    r
                    for _, r in reports
                    if not r.meta.get("list_item")
                    and r.place.name
                    and r.place.name == rep.place.name
                    and rep.date.value
                    and (r.date.value or "").startswith(rep.date.value)
                ),
                None,
            )
            if same is not None:
                self._attach_counts(doc, w, i, same, [c])
                continue
            self._attach_counts(doc, w, i, rep, [c])
            reports.append((i, rep))

    def _attach_counts(self, doc, w: SegWork, i: int, rep: Report, counts: list[CountHit]) -> None:
        s0 = w.sents[i][0]
        for c in counts:
            lst = rep.counts.setdefault(c.kind, [])
            ev = evidence(doc, w.seg, s0 + c.start, s0 + c.end)
            if any(x.evidence and x.evidence.start == ev.start for x in lst):
                continue
            lst.append(Count(c.value, c.qualifier, c.low, c.high, c.who, ev))
