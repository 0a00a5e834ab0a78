"""Salience: each segment's news is its main event(s); every earlier event it names is a background mention.

A news story tells one happening in many sentences ("A shooting in Coachella left a boy dead ... Police are
trying to determine the motive behind the shooting"). Per segment and event family, the first report that is
not set apart as background is the main report; a later report of the same kind of happening that states no
other day nor another place tells it on, and is folded into it (its roles, figures and sentence kept). A report
of another kind, place or day, or told as "another incident", is a further main report (a wire story tells
several happenings). A report set apart as earlier (a list item of past attacks, a cue such as "last year's
attack" or "a similar attack", or a stated date days before the main one) is `background`: it stays a report,
to become or join an event of its own, only with a stated date and a place of city precision or finer
("Budyonnovsk in 1995"); without them it is dropped and kept, with the reason, in
Document.meta["background_mentions"]. An arrest, a charge or a trial of suspects told in a sentence that names
the segment's attack follows it (`Report.follows`): resolution links the two. An attack told only through such a
proceeding ("sentenced in the shooting death of") is marked meta["proceeding"]: it may be years old.
"""

from __future__ import annotations

from datetime import date

from eventledger.extract.dating import same_place, take_date
from eventledger.knowledge import SalienceWords
from eventledger.records import PLACE_RANK, Document, Report

STORY_DAYS = 1  # a stated date this many days before the main report's may still be its (late night, dateline)
BACKGROUND_PLACE = "city"  # the coarsest place precision that lets a background mention be an event
FOLLOW_UP_FAMILIES = ("arrest",)  # families of what follows an attack: the arrest, charge or trial of suspects
ANY_DATE_PRECISION = ("second", "day", "month", "year")


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value and len(value) >= 10 else None
    except ValueError:
        return None


def _stated(r: Report) -> bool:
    """The report's date is written in the text (its own sentence, or borrowed from a report that states it)."""
    # the story's day (dating.py, date_from "story_day") is lent to a sentence that names none: not its own
    return (
        r.date_evidence is not None
        and r.date.precision in ANY_DATE_PRECISION
        and r.meta.get("date_from") != "story_day"
    )


def _earlier(r: Report, main: Report) -> bool:
    """r's stated date lies before the main report's stated date by more than STORY_DAYS (a year or month:
    before it). A main report dated by its page only is bounded, not dated: an earlier day may be its own. The
    story's day (a headline dated by "Wednesday afternoon" in its story) dates it against a month or year: "after
    being shot last month" below it is another, earlier happening."""
    if (
        _stated(r)
        and main.meta.get("date_from") == "story_day"
        # the story's day is told by attack words: against it an earlier attack, not an arrest (which may be
        # an event of its own)
        and (main.meta.get("family") or "attack") == (r.meta.get("family") or "attack") == "attack"
        and r.date.precision in ("month", "year")
        and main.date.value
        and r.date.value
    ):
        return r.date.value < main.date.value[: len(r.date.value)]  # a guessed day: only a whole month before
    if not (_stated(r) and _stated(main) and main.date.value and r.date.value):
        return False
    a, b = _day(r.date.value), _day(main.date.value)
    if a is not None and b is not None:
        return (b - a).days > STORY_DAYS
    n = min(len(r.date.value), len(main.date.value))
    return r.date.value[:n] < main.date.value[:n]


def _this_year(doc: Document, r: Report) -> bool:
    """r's year is the year of its document (an undated document has none)."""
    page = doc.published.value if doc.published else None
    return bool(page) and r.date.value[:4] == page[:4]


def _fits(r: Report, main: Report) -> bool:
    """r may tell main's happening on: the same kind of happening (ACLED's sub-event type: a shooting and a
    murder are one kind, a bombing and a kidnapping two), no other stated day, and no other place."""
    typed = r.meta.get("typed_by") != "figure" and main.meta.get("typed_by") != "figure"
    if typed and r.type != main.type and r.meta.get("acled") != main.meta.get("acled"):
        return False  # (a report founded by a toll alone, "toll rises to 31", has no kind of its own)
    if _stated(r) and _stated(main) and r.date.value and main.date.value:
        n = min(len(r.date.value), len(main.date.value), 10)
        if r.date.value[:n] != main.date.value[:n] and not _later_same_place(r, main):
            return False
    return same_place(r.place, main.place) or r.place.name is None or main.place.name is None


def _later_same_place(r: Report, main: Report) -> bool:
    """A later day at the same place: a death in hospital, a toll told the day after."""
    a, b = _day(r.date.value), _day(main.date.value)
    return a is not None and b is not None and a > b and r.place.name is not None and r.place.name == main.place.name


class Salience:
    def __init__(self, lexicon, words: SalienceWords | None = None):
        self.lex = lexicon
        self.words = words or SalienceWords.load()

    def mark(self, doc: Document) -> None:
        """Set every report's salience, fold the reports that tell a segment's news on, and drop background
        mentions too vague to be an event."""
        folded: dict[str, str] = {}  # report id -> the report it was folded into
        keep: list[Report] = []
        by_segment: dict[str, list[Report]] = {}
        for r in doc.reports:
            by_segment.setdefault(r.segment, []).append(r)
        for r in doc.reports:
            ev = r.evidence
            if r.meta.get("family") == "attack" and ev and self.words.proceeding(doc.text[ev.start : ev.end].lower()):
                r.meta["proceeding"] = True
        for seg_reports in by_segment.values():
            seg_reports.sort(key=lambda r: (r.evidence.start if r.evidence else 0, r.id))
            keep.extend(self._segment(doc, seg_reports, folded))
        doc.reports = keep
        _mark_statement_only(doc, self.words)
        # attacks in general are of no one event: nothing told after them follows them
        generic = {r.id for r in keep if r.meta.get("generic")}
        for r in keep:
            if r.follows in generic:
                r.follows = None
        kept = {r.id for r in keep}
        for st in doc.statements:
            if st.report in folded:
                st.report = folded[st.report]
            if st.report is not None and st.report not in kept:
                st.report = None

    def _segment(self, doc: Document, reports: list[Report], folded: dict[str, str]) -> list[Report]:
        main: dict[str, Report] = {}  # family -> the segment's main report of it
        out: list[Report] = []
        # the sentences that tell an attack: an arrest told in one ("arrested in connection with the shooting")
        # is a follow-up of the segment's attack
        attack_sentences = {s for r in reports if r.meta.get("family") == "attack" for s in _sentences(r)}
        linked: set[str] = set()  # follow-up main reports told in such a sentence
        # the days the segment states for each family: an undated main report (a headline) takes none of two
        # ("Two attacks in Mosul" over Monday's bombing and Friday's raid could be either)
        days: dict[str, set[str]] = {}
        for r in reports:
            if _stated(r) and not r.meta.get("list_item"):
                days.setdefault(r.meta.get("family") or "attack", set()).add(r.date.value[:10])
        for r in reports:
            family = r.meta.get("family") or "attack"
            first = main.get(family)
            follow_up = family in FOLLOW_UP_FAMILIES
            if self._set_apart(doc, r, first) or follow_up and self._set_apart(doc, r, main.get("attack")):
                self._background(doc, r, out)
                continue
            told_with_attack = follow_up and r.evidence is not None and r.evidence.start in attack_sentences
            if first is None:
                r.salience = "main"
                main[family] = r
                out.append(r)
            elif told_with_attack or (
                _fits(r, first)
                and not self._other_event(doc, r)
                and not (_stated(r) and not _stated(first) and len(days[family]) > 1)
            ):
                self._fold(r, first)
                folded[r.id] = first.id
            else:
                r.salience = "main"  # another happening of the same news ("in another incident", elsewhere)
                out.append(r)
                continue
            if follow_up and r.evidence and r.evidence.start in attack_sentences:
                linked.add(main[family].id)
        attack = main.get("attack")
        if attack is not None:
            # an arrest told in a sentence of the attack, or after the story told the attack ("Several other
            # people have been arrested on suspicion of helping them"), follows it; one told before it, in a
            # sentence of its own, may be news of its own
            told = attack.evidence.start if attack.evidence else None
            for r in out:
                if r.meta.get("family") not in FOLLOW_UP_FAMILIES or r.salience != "main" or r.follows:
                    continue
                after = (
                    told is not None
                    and r.evidence is not None
                    and r.evidence.start > told
                    and not self._other_event(doc, r)  # "In other news, a man was arrested for shoplifting"
                )
                if r.id in linked or after:
                    r.follows = attack.id
        return out

    def _background(self, doc: Document, r: Report, out: list[Report]) -> None:
        r.salience = "background"
        if self._enough(r):
            out.append(r)
        else:
            doc.meta.setdefault("background_mentions", []).append(_mention(r, "no stated date and city"))

    def _set_apart(self, doc: Document, r: Report, main: Report | None) -> bool:
        if r.meta.get("list_item"):
            return True  # "Nalchik in 2006 (42 deaths), ...": a list of past attacks
        ev = r.evidence
        if ev is not None and self.words.background(doc.text[ev.start : ev.end].lower()):
            return True
        if _stated(r) and r.date.precision == "year" and not _this_year(doc, r):
            return True  # "in 1999 a series of bombings": news is dated by its day, a past event by its year
        return main is not None and _earlier(r, main)

    def _other_event(self, doc: Document, r: Report) -> bool:
        ev = r.evidence
        return ev is not None and self.words.other_event(doc.text[ev.start : ev.end].lower())

    @staticmethod
    def _enough(r: Report) -> bool:
        return _stated(r) and PLACE_RANK.get(r.place.precision or "", 99) <= PLACE_RANK[BACKGROUND_PLACE]

    def _fold(self, r: Report, main: Report) -> None:
        """r tells main's happening on: its roles and figures join main; main takes a date or place it lacked."""
        for role in ("perpetrator_orgs", "perpetrator_individuals", "targets", "victims", "weapons"):
            have = {(a.start, a.end) for a in getattr(main, role)}
            getattr(main, role).extend(a for a in getattr(r, role) if (a.start, a.end) not in have)
        for kind, values in r.counts.items():
            lst = main.counts.setdefault(kind, [])
            starts = {c.evidence.start for c in lst if c.evidence}
            lst.extend(c for c in values if not (c.evidence and c.evidence.start in starts))
        if self.lex.by_type[main.type].priority < self.lex.by_type[r.type].priority:
            main.type = r.type
            main.meta.update(gtd=r.meta.get("gtd"), acled=r.meta.get("acled"))
        if not _stated(main) and _stated(r):
            take_date(main, r, date_from="story")
        if main.place.name is None and r.place.name is not None:
            main.place = r.place
        told = main.meta.setdefault("told_in", [])  # the sentences that tell main's happening, its evidence
        if r.evidence is not None:
            told.append({"start": r.evidence.start, "end": r.evidence.end, "trigger": r.trigger})
        told.extend(r.meta.get("told_in", ()))


STATEMENT_ONLY_KINDS = ("claim-of-responsibility", "denial", "accusation", "attribution", "assessment", "threat")


def _mark_statement_only(doc: Document, words: SalienceWords) -> None:
    """A report told only inside a claim, a denial, a blame or an assessment ("Kyiv had nothing to do with the
    attack", "IS claimed the attack in a statement"), a reaction ("the president condemned the attack"), a
    reader's comment, or attacks in general ("has staged a growing number of attacks"), and stating
    nothing of its own (no toll, victim or target), is about attacks, not news of one: meta["statement_only"].
    Resolution lets it join the event it fits and never makes it an event of its own; its place and date are
    the speaker's, not the attack's. Attacks in general (meta["generic"]) are of no one event: they join none."""
    spans = [(st.evidence.start, st.evidence.end) for st in doc.statements if st.kind in STATEMENT_ONLY_KINDS]
    for r in doc.reports:
        ev = r.evidence
        if ev is None or any(r.counts.values()) or r.victims or r.targets:
            continue
        said = doc.text[ev.start : ev.end].lower()
        generic = (r.trigger or "").lower() in words.generic_triggers or words.aggregate(said)
        if r.opinion or generic or any(a < ev.end and ev.start < b for a, b in spans) or words.reaction(said):
            r.meta["statement_only"] = True
        if generic:
            r.meta["generic"] = True  # about attacks in general: of no one event


def _sentences(r: Report) -> set[int]:
    """Where the sentences that tell r start: its own and those it was told on in."""
    return ({r.evidence.start} if r.evidence else set()) | {s["start"] for s in r.meta.get("told_in", ())}


def _mention(r: Report, why: str) -> dict:
    ev = r.evidence
    return {
        "segment": r.segment,
        "type": r.type,
        "start": ev.start if ev else None,
        "end": ev.end if ev else None,
        "date": r.date.value,
        "place": r.place.name,
        "why": why,
    }
