"""Date policy: which date a report takes (its own sentence's, a bound, the segment's or the document's), and
the dates a report may borrow from another report of the same document."""

from __future__ import annotations

import re
from datetime import date, timedelta

from eventledger.clean.dates import find_dates as calendar_dates
from eventledger.extract.times import comment_age, to_come
from eventledger.extract.work import SegWork, evidence
from eventledger.knowledge import distance_km
from eventledger.knowledge.calendar import WEEKDAYS
from eventledger.records import PRECISIONS, DateValue, Document, Place, Report, Segment

NEAR_KM = 50  # two reports this close may tell one event (headline and story, a loose and an exact date)
STORY_DAYS = 7  # a day this many days or fewer before the segment's date may be the day its story happened
# ... or one more for "last Friday" said on a Saturday, eight days back (times._weekday_date: the day before is
# "yesterday" or its bare weekday), the latest weekday a story can name with "last"
STORY_DAYS_LAST = STORY_DAYS + 1
_LAST_WEEKDAY = re.compile(r"(?:last|past)\s+[a-z]+day\b", re.I)
# ... or this many, told with its month ("On March 9th, officers responded to a shooting" in a story of the 29th)
STORY_DAYS_WRITTEN = 31
# ... or up to this many when nothing in its sentence before it follows an attack: a charge or an arrest story
# often tells the attack's day a month or more on ("was shot on Oct. 12"), and then tells its own days as well
STORY_DAYS_FAR = 62
_MONTH_WORD = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d", re.I)
# a period of days: "last weekend", "earlier this week", "late November" (not "earlier this month": more often
# weeks before the story's news, whose days are of what followed)
_WEEK = re.compile(
    r"\bweek(?:end)?\b|\b(?:late|early|mid)[\s-]+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I
)
_THIS_WEEK = re.compile(r"\b(?:this|the\s+current)\s+week\b(?!end)", re.I)
_ABSOLUTE_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# what follows an attack and is dated in its own words: "appeared in court Tuesday", "was arraigned on Tuesday",
# "a vigil Monday night"; the story's day is the attack's, never one of these
_FOLLOW_UP_WORDS = (
    r"\b(?:arrest|detain|apprehend|charg|arraign|book|indict|sentenc|convict|plead|appear|vigil|funeral|"
    r"memorial|hearing|court|trial|bond|bail|jail)\w*"
)
_FOLLOW_UP = re.compile(_FOLLOW_UP_WORDS + r"(?:\W+\w+){0,4}\W+$", re.I)
# ... anywhere before it in its sentence, however far ("arrested the alleged shooter, a man of 37, on Oct. 28")
_FOLLOW_UP_WORD = re.compile(_FOLLOW_UP_WORDS, re.I)
# ... or dated as theirs right after the day: "during Tuesday afternoon's bond hearing", "at Monday's vigil"
_FOLLOW_UP_AFTER = re.compile(
    r"(?:'s|\u2019s)\s+(?:\w+\s+){0,2}?(?:hearing|arraignment|court|trial|vigil|funeral|memorial|sentencing|"
    r"news\s+conference|press\s+conference|briefing|meeting)\b",
    re.I,
)

# an attack word that names a charge ("was charged with murder Thursday", "arrested for attempted murder Saturday"):
# the day right after it is the charge's or the arrest's, not the attack's
_CHARGED_WITH = re.compile(
    r"\b(?:charg|arrest|indict|convict|accus|sentenc|book|jail|arraign)\w*\s+(?:with|for|of)\s+(?:[\w-]+\s+){0,3}$",
    re.I,
)
# a day that names the attack it stands before ("the June 15 shooting", "the May 2, 2016 shooting death of"):
# the attack's day however long ago, which a charge or a court story tells months on
NAMED_DAYS = 366
_ATTACK_NAMED = re.compile(
    r"(?:'s|\u2019s)?\s+(?:[\w-]+\s+){0,2}?(?:shooting|killing|slaying|homicide|murder|stabbing|attack|incident|"
    r"rampage|shootout|gunfight)s?\b",
    re.I,
)
_RIGHT_AFTER = re.compile(r"\s+(?:on\s+|early\s+|late\s+|last\s+)?$", re.I)

# the day someone died of wounds ("died on Monday", "On Saturday, the boy was pronounced dead"), which may come
# days after the shooting: the attack's day is the one its story tells before it
_DEATH_BEFORE = re.compile(
    r"\b(?:died|dies|pronounced\s+dead|succumbed|passed\s+away)\b(?P<gap>(?:\W+\w+){0,5}?)\W+$", re.I
)
_DEATH_AFTER = re.compile(
    r"(?P<gap>\W+(?:\w+\W+){0,5}?)(?:died|(?:was|were)\s+pronounced\s+dead|succumbed|passed\s+away)\b", re.I
)

# shooting told by words that are no trigger of their own: "gunned down", "fired into the home", "firing at officers"
_GUNFIRE = re.compile(r"\bgunned\s+down\b|\bfir(?:ed|ing)\s+(?:[\w-]+\s+){0,3}?(?:into|at|through|toward)\b", re.I)

# a headline whose news follows an attack: an arrest, a charge, a victim named ("Man charged in shooting of teen",
# "Victims of park shooting identified", "Names of victims released")
_NEWS_AFTER = re.compile(
    r"\b(?:arrest(?:s|ed)?|charged?|charges|custody|identif(?:y|ies|ied)|ID['\u2019]?d|IDs|names?\s+(?:of\s+.{0,40})?released|"
    r"indicted|arraigned|sentenced|pleads?|jailed|accused|responsible\s+for|ruled)\b",
    re.I,
)

# a day that bounds a stretch of time ("wounded since Friday evening", "shot between Friday night and Sunday
# morning", "from Monday to early Tuesday"): a city's roundup of many happenings, not one happening's day; or a
# stretch before the happening ("celebrated with friends throughout Friday")
_RANGE_OPEN = re.compile(r"\b(?:since|between|throughout)\s+(?:(?:early|late)\s+)?$", re.I)
_RANGE_FROM = re.compile(
    r"\bfrom\s+(?:(?:early|late)\s+)?$", re.I
)  # "from Monday to ...", not "a shooting from Friday"
_RANGE_TO = re.compile(r"\s+(?:to|through|until|into)\s+(?:(?:early|late)\s+)?(?:[a-z]+day|[a-z]{3,9}\.?\s+\d)", re.I)
_RANGE_CLOSE = re.compile(
    r"\b(?:between|from)\s+(?:(?:early|late)\s+)?\w+(?:\s+\w+)?\s+(?:and|to|through|until|into)\s+(?:(?:early|late)\s+)?$",
    re.I,
)
# ... and a day that names the attack right after a follow-up's words: "arrested after Sunday afternoon's incident",
# "charged in Tuesday's shooting"
_ATTACK_AFTER = re.compile(
    r"(?:'s|\u2019s)\s+(?:\w+\s+){0,2}?(?:shooting|incident|attack|killing|slaying|homicide|murder|stabbing|"
    r"gunfire|violence|rampage|shootout|gunfight)s?\b",
    re.I,
)


# the attack named by a time of its own ("a weekend shooting", "Friday's attack"): another day its sentence tells
# ("police addressed the media Wednesday about a weekend shooting") is of something else, unless it falls in that time
_TIMED_ATTACK = re.compile(
    r"\b(?:(?P<weekend>weekend)|(?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)(?:'s|\u2019s))\s+(?:[\w-]+\s+){0,2}?"
    r"(?:shooting|killing|slaying|homicide|murder|stabbing|attack|gunfire|rampage|shootout|gunfight|spree)s?\b",
    re.I,
)


def timed_otherwise(text: str, sent: tuple[int, int], start: int, end: int, day: date) -> bool:
    """The sentence at `sent` names its attack by a time that leaves out `day`, the day at text[start:end]."""
    for m in _TIMED_ATTACK.finditer(text, sent[0], sent[1]):
        if m.start() < end and start < m.end():
            continue  # the day is the attack's own name
        if m.group("weekend") and day.weekday() not in (4, 5, 6):
            return True
        if m.group("day") and WEEKDAYS[m.group("day").lower()] != day.weekday():
            return True
    return False


def in_range(text: str, start: int, end: int) -> bool:
    """The date at text[start:end] opens or closes a stretch of time ("since Friday", "between Friday and
    Sunday", "from Monday to early Tuesday")."""
    before = max(0, start - 20)
    if _RANGE_OPEN.search(text, before, start) or _RANGE_CLOSE.search(text, max(0, start - 60), start):
        return True
    return bool(_RANGE_FROM.search(text, before, start) and _RANGE_TO.match(text, end))


def recent_stretch(w: SegWork, start: int, end: int, dv: DateValue) -> bool:
    """The day at text[start:end] opens or closes a stretch of the last few days ("four teens shot dead since early
    Saturday", "wounded between Friday night and Sunday morning"): the window of a roundup of many happenings, not
    one happening's day. A stretch from long ago ("every mass shooting since Aug. 1, 1966") still dates its tally
    as past."""
    if dv.precision not in ("day", "second") or w.anchor is None or not w.anchor.value or len(w.anchor.value) < 10:
        return False
    back = (date.fromisoformat(w.anchor.value[:10]) - date.fromisoformat(dv.value[:10])).days
    return 0 <= back <= STORY_DAYS and in_range(w.text, start, end)


def document_date(doc: Document, fallback: DateValue | None) -> DateValue | None:
    return doc.published if doc.published and doc.published.value else fallback


def date_comment(doc: Document, seg: Segment) -> None:
    """A comment shows its age ("6 months ago") where a post shows its date. The age counts back from when the
    page was rendered, its capture time (`Document.fetched`, e.g. a WARC record's date), never from the
    article's date: the seed thread's comments on the 22 March 2024 Crocus attack read "6 months ago" under an
    article of 27 March 2024, so the page was captured months after it was published. With a capture time the
    age becomes the comment's date (its words kept as the date's text) and what the comment says ("yesterday")
    is dated from it; without one the age stays words and the comment takes the page's date as before. An age
    clean could not read (score and age left run together, "-196 months ago") stays words too."""
    age = seg.meta.get("age")
    if seg.kind != "comment" or (seg.date and seg.date.value) or not age or age[0] in "-\u2212+":
        return
    if not doc.fetched:
        return
    captured = DateValue(doc.fetched, "second" if len(doc.fetched) > 10 else "day")
    dv = comment_age(age, anchor=captured)
    if dv.value:
        seg.date = dv


# the words that print a page's own posting date in its text: "Posted: Monday, May 4, 2015 3:20 PM",
# "(Published Friday, Sept. 2, 2016)", "Update -- Dec. 5, 2015", "Created: 08/26/2015 5:11 AM"; not a bare "Date:",
# which in a police release may head the incident's own details
_STAMP_LABEL = re.compile(
    r"\b(?:first\s+)?(?:posted|published|updated?|created)(?:\s+on)?\s*[:(\-\u2013\u2014]*\s*(?:[a-z]+day,?\s+)?$", re.I
)
_STAMP_OPEN = re.compile(r"\(\s*$")  # a dateline's date, "DAYTON, Ohio (May 2, 2016) --" or "... (May 2, 2016):"
_STAMP_CLOSE = re.compile(r"\s*\)\s*[-\u2013\u2014:]")


def posting_stamp(text: str) -> tuple[int, int, DateValue] | None:
    """The first date the text prints as its own posting, update or dateline, with its offsets; a label's date may
    be in figures ("Created: 08/26/2015"), a dateline's is written out."""
    for s, e, dv in calendar_dates(text, numeric=True):
        before = text[max(0, s - 25) : s]
        if _STAMP_LABEL.search(before) or (_STAMP_OPEN.search(before) and _STAMP_CLOSE.match(text, e)):
            return s, e, dv
    return None


def stamped(text: str, start: int) -> bool:
    """The date at `start` is a stamp of the page's own ("Posted: Tuesday, May 5, 2015 4:12 PM", "UPDATE (3/2/16 at
    9 a.m.):"): when the page or an update of it went up, never the day of what it tells, though a headline run
    together with the stamp below it reads as one sentence with it."""
    return _STAMP_LABEL.search(text, max(0, start - 25), start) is not None


def date_stamp(doc: Document, seg: Segment) -> None:
    """A page may print when it was posted ("Posted: Monday, May 4, 2015") while `published` holds a later
    date: a scraper's record made when the page was fetched or re-saved, sometimes years on. A stamp earlier
    than the date the segment has can only be nearer the day its story was written (a page is posted before it
    is fetched), so it becomes the segment's date, the date relative days count from ("last night"). A later
    stamp is an update or an embedded clip and changes nothing."""
    have = seg.date if seg.date and seg.date.value else doc.published
    if not (have and have.value and len(have.value) >= 10):
        return
    found = posting_stamp(seg.text)
    if found is not None and found[2].value < have.value[:10]:
        seg.date = DateValue(found[2].value, "day", found[2].text)
        seg.meta["date_from"] = "stamp"


def segment_anchor(doc: Document, seg: Segment, fallback: DateValue | None) -> DateValue | None:
    """The date relative dates in a segment count from: its own, else the document's, else one inferred."""
    if seg.date and seg.date.value:
        return seg.date
    return document_date(doc, fallback)


_BEFORE_ITS_NOUN = re.compile(r"\s*(?:'s|\u2019s)?\s*")  # "the Dec. 14 shooting", "Friday's attack"
_CLAUSES = ("relcl", "acl", "advcl", "ccomp", "xcomp")  # dependencies that open a clause of its own


_DATELINE_END = re.compile(r"\s*\)\s*[-\u2013\u2014]")


_POSTED_BY = re.compile(r"\(@\w{1,30}\)\s*$")  # an embedded post's signature: "- Ann Reyes (@annreyes) May 11, 2016"


def posted(text: str, start: int) -> bool:
    """The day under an embedded post's signature ("... at apt complex pic.twitter.com/x1 - Ann Reyes (@annreyes)
    May 11, 2016"): when the post went up. Not the day of the sentence it signs (a reporter's post about an arrest
    weeks later, a live post past midnight), though a story may still tell its day by it."""
    return _POSTED_BY.search(text, max(0, start - 40), start) is not None


def dateline(text: str, start: int, end: int) -> bool:
    """ "JAY COUNTY, Ind. (Nov. 18, 2015) — A boy was shot ...", "Update (May 11, 2016) -": the day the lines
    were written, set in brackets before a dash, not the day of what they tell."""
    return text[max(0, start - 2) : start].strip().endswith("(") and _DATELINE_END.match(text, end) is not None


class Dater:
    """Dates reports from what their sentence says, or bounds them when the date is of something later."""

    def __init__(self, lexicon):
        self.lex = lexicon

    def date_in(self, w: SegWork, a: int, b: int, near: int, *, absolute_only: bool = False):
        """The resolved date in text[a:b] closest to offset `near`; with `absolute_only`, one with a year
        written out when there is one."""
        hits = [
            d
            for d in w.dates
            if a <= d[0]
            and d[1] <= b
            and d[2].value
            and not dateline(w.text, d[0], d[1])
            and not posted(w.text, d[0])
            and not stamped(w.text, d[0])
            and not recent_stretch(w, *d)
        ]
        if absolute_only:
            hits = [d for d in hits if _ABSOLUTE_YEAR.search(w.text[d[0] : d[1]])] or hits
        if not hits:
            return None
        return min(hits, key=lambda d: abs(d[0] - near))

    def date_of_other(
        self, sdoc, a: int, b: int, trigger: tuple[int, int], family: str, precision: str | None
    ) -> str | None:
        """Why the date in sdoc[a:b] is not the event's own, or None when it is. It hangs on a verb that is
        neither an attack word nor a light verb ("launched an attack on Friday"), with the trigger somewhere
        below that verb and not its subject ("a bomber struck on Friday" is the attack): "speech" when it
        tells when something was said ("Investigators said on Sunday that the attack had killed 137"),
        "aftermath" when it tells when something followed ("A court on Sunday ordered four men held over the
        attack"). Either way the event happened on or before that date."""
        if (
            family == "attack"
            and trigger[1] <= a
            and _RIGHT_AFTER.fullmatch(sdoc.text, trigger[1], a)
            and _CHARGED_WITH.search(sdoc.text, max(0, trigger[0] - 60), trigger[0])
        ):
            return "aftermath"  # "charged with murder Thursday": the charge's day
        if family == "attack" and _FOLLOW_UP_AFTER.match(sdoc.text, b):
            return "aftermath"  # "shot ..., according to the prosecution at Tuesday's bond hearing"
        if self._said_before(sdoc.text[max(0, a - 30) : a]) and sdoc.text[b : b + 2] not in ("'s", "\u2019s"):
            # "homicides occurred ... and police said Monday that they are related": the statement's day, whatever
            # the parse hangs it on ("said Monday's shooting" names the shooting)
            return "speech"
        if b <= trigger[0] and _BEFORE_ITS_NOUN.fullmatch(sdoc.text, b, trigger[0]):
            return None  # "identify 1 in December 14 shooting": the date modifies the attack word it stands before
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
        if verb is None or trigger[0] <= verb.idx < trigger[1] or verb.lemma_.lower() in self.lex.light_verbs:
            return None  # "opened fire on Friday": the verb is part of the trigger
        if b > trigger[0] and any(t.pos_ not in ("ADV", "ADP") for t in sdoc[verb.i + 1 : span.start]):
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
        link = path[at - 1]
        if (
            link.dep_ == "advcl"
            and link.tag_ == "VBG"
            and not any(c.dep_ == "mark" or c.lower_ in ("after", "before", "since") for c in link.children)
        ):
            return None  # "fumbled a pistol Friday evening, firing a round into his leg": one moment, told twice
        if verb.lower_ in self.lex.speech_verbs:
            return "speech"
        if path[at - 1].dep_ in ("nsubj", "nsubjpass", "csubj", "agent") and not any(
            t.dep_ in _CLAUSES for t in path[: at - 1]
        ):
            # "a suicide bomber struck on March 22": the attacker's deed, not what followed; not an attack told in a
            # clause of the subject ("the boyfriend of a woman whose son shot himself was charged Tuesday")
            return None
        # an arrest or a court order dated by the order is dated right, an attack is not; a month or a year on
        # such a verb is as likely the attack's ("In October, IS-K was blamed for killing 40")
        return "aftermath" if family == "attack" and precision in ("day", "second") else None

    def set_date(self, doc, w: SegWork, rep: Report, hit, *, later=None) -> None:
        if hit is not None and later is None and hit[2].precision == "day" and self._death_day(w, hit[0], hit[1]):
            story = self.story_day(w, but=hit[:2])
            if story is not None and story[2].value < hit[2].value:
                # "had been taken to the hospital Sunday ... He died on Monday": a bound, the story's day the day
                later, hit = ("death", hit), None
        if hit is not None and hit[2].precision in ("month", "year") and _WEEK.search(w.text, hit[0], hit[1]):
            # "shot this past weekend" (a week is told as its month or year): the day the story tells inside it
            # ("a report near 2:35 a.m. Sunday") is the day of the happening, the period's words kept
            weekend = "weekend" in w.text[hit[0] : hit[1]].lower()
            day = self.story_day(
                w, but=hit[:2], within=lambda d: not weekend or d.weekday() in (4, 5, 6), any_sentence=True
            )
            if day is not None and day[2].value.startswith(hit[2].value):
                s, e, dv = day
                rep.date = DateValue(dv.value, dv.precision, w.seg.text[s:e])
                rep.date_evidence = evidence(doc, w.seg, s, e)
                # its own words date it (unlike a story's day lent to a sentence that names none)
                rep.meta.update(date_from="period_day", date_stated=w.seg.text[hit[0] : hit[1]])
                return
            if _THIS_WEEK.search(w.text, hit[0], hit[1]):
                hit = None  # "this week" with no day told: the week that holds the page's date, which bounds it
        story = self.story_day(w, but=later[1][:2] if later is not None else None) if hit is None else None
        if later is not None and story is not None and story[2].value > (later[1][2].value or ""):
            story = None  # the story's day must not come after what the sentence dates as later
        if hit is not None:
            s, e, dv = hit
            rep.date = DateValue(dv.value, dv.precision, w.seg.text[s:e])
            rep.date_evidence = evidence(doc, w.seg, s, e)
        elif story is not None:
            # "police said Monday that a man was shot early Sunday": Monday bounds it, Sunday is the day told
            s, e, dv = story
            rep.date = DateValue(dv.value, dv.precision, w.seg.text[s:e])
            rep.date_evidence = evidence(doc, w.seg, s, e)
            rep.meta["date_from"] = "story_day"
            if later is not None:
                rep.meta["date_bound"] = later[0]
        elif later is not None:
            # the event happened on or before that day: a bound, like a publication date, with the words kept
            why, (s, e, dv) = later
            rep.date = DateValue(dv.value, dv.precision, None)
            rep.meta.update(date_from=why, date_stated=w.seg.text[s:e])
        elif w.anchor is not None:
            # nothing in the story dates it: the page's own day, a bound (date_from says so) and still the best
            # guess. On the GVA training half it was the event's day for 81 such pages and the day before for 37;
            # under a headline alone (a sign-in wall for a body) 26 to 25, with a clock time or "overnight" in the
            # text 32 to 6. The day before wins only where the headline's news came after the attack (below)
            rep.date = DateValue(w.anchor.value, w.anchor.precision, None)
            rep.meta["date_from"] = "segment" if w.seg.date and w.seg.date.value else "document"
            if w.anchor.precision in ("day", "second") and _NEWS_AFTER.search(w.seg.title or doc.title or ""):
                # "Man charged in shooting of teen", "Victims of park shooting identified": the page's news came
                # after the attack, which the page's date bounds; most often it happened the day before
                day = date.fromisoformat(w.anchor.value[:10]) - timedelta(days=1)
                rep.date = DateValue(day.isoformat(), "day", None)
                rep.meta.update(date_from="before_news", date_bound=w.anchor.value)

    def story_day(self, w: SegWork, *, but: tuple[int, int] | None = None, within=None, any_sentence: bool = False):
        """The day the segment's story happened, for a report whose own sentence names none: the earliest day
        told in a sentence with attack words ("shot early Sunday", "killed on Jan. 14"), else in any sentence,
        in the week before the segment's date (the month before for a day told with its month), and neither the
        day something was said ("police said Monday") nor that of a follow-up ("appeared in court Tuesday"). The
        earliest, because what follows an attack (the arrest, the hearing, the article) comes after it. `within`
        keeps only the days it accepts (the days of a weekend); with `any_sentence` the earliest of any sentence
        wins."""
        if w.anchor is None or not w.anchor.value or len(w.anchor.value) < 10:
            return None
        top = date.fromisoformat(w.anchor.value[:10])
        best, loose = None, None  # the earliest in a sentence with attack words, and in any sentence
        named = None  # the first day told as the attack's name, however long ago ("the June 15 shooting")
        for s, e, dv in w.dates:
            if (s, e) == but:
                continue  # the date the report's own sentence gives to something later ("found the bodies Sunday")
            if dv.precision != "day" or not dv.value:
                continue
            day = date.fromisoformat(dv.value)
            if within is not None and not within(day):
                continue
            back = (top - day).days
            written = _MONTH_WORD.search(dv.text or "") is not None
            if (
                named is None
                and written
                and 0 <= back <= NAMED_DAYS
                and _ATTACK_NAMED.match(w.text, e)
                and not dateline(w.text, s, e)
                and not in_range(w.text, s, e)
            ):
                named = (s, e, dv)
            last = STORY_DAYS_LAST if _LAST_WEEKDAY.match(dv.text or "") else STORY_DAYS
            if not 0 <= back <= (STORY_DAYS_FAR if written else last):
                continue
            sent = next(((a, b) for a, b in w.sents if a <= s < b), None)
            if back > STORY_DAYS_WRITTEN and (sent is None or _FOLLOW_UP_WORD.search(w.text, sent[0], s)):
                continue  # a day weeks back that a follow-up's words before it may govern: the follow-up's
            if sent is None or self._said_before(w.text[max(sent[0], s - 30) : s]) or dateline(w.text, s, e):
                continue
            if stamped(w.text, s):
                continue  # "Posted: Tuesday, May 5, 2015": the page's day, which the story does not tell
            if in_range(w.text, s, e):
                continue  # "wounded since Friday evening": the start of a stretch of time
            if to_come(w.text, s):
                continue  # "an autopsy is scheduled for Thursday": a day still to come when the story was written
            if (
                _FOLLOW_UP.search(w.text, max(sent[0], s - 40), s) and not _ATTACK_AFTER.match(w.text, e)
            ) or _FOLLOW_UP_AFTER.match(w.text, e):
                continue  # "appeared in court Tuesday morning", "Monday's hearing": a day after the attack's
            if timed_otherwise(w.text, sent, s, e, day):
                continue  # "addressed the media Wednesday about a weekend shooting": the day of what followed
            if loose is None or dv.value < loose[2].value:
                loose = (s, e, dv)
            if not self._attack_words(w.text, *sent):
                continue
            if best is None or dv.value < best[2].value:
                best = (s, e, dv)
        # no sentence with attack words tells a day in the weeks before: a follow-up whose own days are of what
        # followed (a release, a hearing) may still name the attack by its day, months back; else a day the story
        # tells at all ("deputies responded Sunday to a report of a wounded boy") is nearer the event than the page
        if any_sentence:
            return loose
        if named is not None and _NEWS_AFTER.search(w.seg.title or ""):
            # a page whose news follows an attack ("Two charged in fatal shooting of girl") names its attack by its
            # day ("charged in the May 11 shooting"); the earlier days it tells are of the cases it recalls
            return named
        return best or named or loose

    def _attack_words(self, text: str, a: int, b: int) -> bool:
        """text[a:b] tells an attack: a trigger word, or gunfire the trigger lexicon leaves to other words ("was
        gunned down on Aug. 3", "accused of firing into the home on Dec. 27")."""
        return bool(self.lex.trigger_prefilter.search(text, a, b) or _GUNFIRE.search(text, a, b))

    def _death_day(self, w: SegWork, s: int, e: int) -> bool:
        """The day at w.text[s:e] is when someone died, told with no attack word between ("died on Monday")."""
        sent = next(((a, b) for a, b in w.sents if a <= s < b), (0, len(w.text)))
        m = _DEATH_BEFORE.search(w.text, max(sent[0], s - 50), s) or _DEATH_AFTER.match(w.text, e, min(sent[1], e + 60))
        return m is not None and not self.lex.trigger_prefilter.search(m.group("gap"))

    def _said_before(self, before: str) -> bool:
        """ "police said Monday", "told reporters on Tuesday": the day of a statement, not of the attack."""
        words = re.findall(r"[a-z]+", before.lower())[-3:]
        return any(x in self.lex.speech_verbs for x in words)


def date_headlines(doc: Document) -> None:
    """A headline tells the story below it ("Kerman toll lowered again, to 84" over "84 people were killed
    in Wednesday's bombings in Kerman"): an undated headline report (or one dated only by the story's day) takes
    the date of the one dated report of the same kind and place in its story. Like any borrowed date it keeps
    its evidence and meta says where from."""
    for seg in doc.segments:
        if not seg.title or not seg.text.startswith(seg.title):
            continue
        start, end = seg.doc_offset(0), seg.doc_offset(len(seg.title))
        mine = [r for r in doc.reports if r.segment == seg.id]
        heads = [
            r
            for r in mine
            if r.evidence is not None
            and start <= r.evidence.start < end
            and (r.date_evidence is None or r.meta.get("date_from") == "story_day")
        ]
        for h in heads:
            fits = [
                q
                for q in mine
                if q is not h
                and q.date_evidence is not None
                and q.evidence.start >= end
                and q.meta.get("date_from") != "story_day"
                # a headline with a day of its story tells that day's news, not an earlier happening the story
                # recalls ("after being shot last month"); one without may be about a trial for an old shooting
                and not (q.salience == "background" and h.meta.get("date_from") == "story_day")
                and q.meta.get("family") == h.meta.get("family")
                and same_place(h.place, q.place)
            ]
            days = {(q.date.value, q.date.precision) for q in fits}
            if len(days) > 1:
                # two events below: the headline's own figures say which it tells ("7 wounded in park shooting" over a
                # story that also recalls ten wounded at a party two days before)
                fits = [q for q in fits if shares_figure(h, q)]
                days = {(q.date.value, q.date.precision) for q in fits}
            if len(days) != 1:
                continue  # no dated story below, or two events in it: the headline keeps its own date
            take_date(h, fits[-1], date_from="headline")


def shares_figure(a: Report, b: Report) -> bool:
    """Both tell the same number of people of one kind ("7 wounded" and "seven people were wounded"), or two or
    more shot and as many wounded or killed ("7 wounded" and "seven people were shot"): one of a kind is any lone
    victim, and "shot" holds both the wounded and the dead."""
    told = {(kind, c.value) for kind, cs in a.counts.items() for c in cs if c.value is not None}
    for kind, cs in b.counts.items():
        for c in cs:
            if (kind, c.value) in told:
                return True
            others = ("injured", "killed") if kind == "shot" else ("shot",) if kind in ("injured", "killed") else ()
            if c.value is not None and c.value >= 2 and any((k, c.value) in told for k in others):
                return True
    return False


def take_date(r: Report, q: Report, **meta) -> None:
    """r is dated by q's stated date, evidence and all; meta says why and from which report."""
    r.meta.update(meta, date_report=q.id)
    r.date = DateValue(q.date.value, q.date.precision, q.date.text)
    r.date_evidence = q.date_evidence


def near(a: Place, b: Place) -> bool:
    """Both placed by coordinates, in the same country, within NEAR_KM."""
    return (
        a.lat is not None
        and b.lat is not None
        and a.country == b.country
        and distance_km((a.lat, a.lon), (b.lat, b.lon)) <= NEAR_KM
    )


def same_place(a: Place, b: Place) -> bool:
    """Unknown, or the same country and (with coordinates for both) within NEAR_KM."""
    if a.name is None or b.name is None:
        return True
    if a.country != b.country:
        return False
    if a.lat is None or b.lat is None or a.precision == "country" or b.precision == "country":
        return True
    return near(a, b)


def borrow_dates(reports: list[Report]) -> None:
    """A report dated only loosely ("last week's attack on a theatre in Kazan", May 2024) takes the day
    from the one report in the same document that tells an event of the same kind, within NEAR_KM, on a day
    inside that period ("On May 9, gunmen stormed the concert hall"). The date keeps its own evidence
    span; meta records the report it came from and the words the source itself used."""
    rank = {p: i for i, p in enumerate(PRECISIONS)}
    unknown = len(PRECISIONS)  # after every precision
    for r in reports:
        if not (r.date.text and r.date.value and r.place.lat is not None):
            continue
        fits = {
            (q.date.value, q.date.precision): q
            for q in reports
            if q is not r
            and q.date.text
            and q.date_evidence is not None
            # attacks in general or a speaker's words about one (salience.py) tell no one happening's day
            and not (q.meta.get("generic") or q.meta.get("statement_only"))
            and q.meta.get("family") == r.meta.get("family")
            and rank.get(q.date.precision, unknown) < rank.get(r.date.precision, unknown)
            and q.date.value.startswith(r.date.value)
            and near(q.place, r.place)
        }
        if len(fits) != 1:
            continue  # none, or several events it could be: leave the date as the source gave it
        (q,) = fits.values()
        take_date(r, q, date_from="coreference", date_stated=r.date.text)
