"""Casualty and arrest figures in a sentence: kind, value, qualifier, bounds, who, and the exact span.

The words that make a number a count (kinds, qualifiers, who) are data: extract_counts.yaml, read by the
Lexicon; a CountFinder compiles them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eventledger.extract.modality import Modality
from eventledger.extract.numbers import NUMBER_RX, ORDINALS, parse_number
from eventledger.knowledge.count_words import OTHERS, CountWords

_WORD_RX = re.compile(r"\w[\w'’-]*(?:\.\w+)*|[^\w\s]")
_YEAR_RX = re.compile(r"(?:1[89]|20)\d\d")
# punctuation and words after a number that end the phrase before any kind word: "5 in the city, killed"
_ENDS_THE_PHRASE = frozenset(
    {
        ",",
        ";",
        ":",
        "(",
        ")",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "to",
        "after",
        "when",
        "said",
        "says",
        "say",
        "told",
        "while",
        "according",
        "that",  # "told reporters Friday that a boy was hit": a clause follows, not the figure's kind
    }
)
KIND_WORDS_AFTER = 9  # words read after a number for its kind word ...
KIND_CHARS_AFTER = 90  # ... within this many characters
KIND_WORDS_BEFORE = 5  # words read before a number for its kind word ...
KIND_CHARS_BEFORE = 60  # ... within this many characters
QUALIFIER_CHARS = 20  # a qualifier ends right before the number, within this many characters
# the kinds a patient of several verbs takes, most telling first: "shot and killed" is killed, "shot and wounded"
# injured; "shot" alone says the person was hit, not whether he lived (GVA counts the hit as killed + injured)
_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}  # a pronoun that repeats an earlier one is that person
# nouns of one sex, which a pronoun of the other does not stand for
_NOUN_GENDER = {
    **dict.fromkeys("man boy father husband son brother uncle nephew grandfather boyfriend".split(), "m"),
    **dict.fromkeys("woman girl mother wife daughter sister aunt niece grandmother girlfriend".split(), "f"),
}
KIND_RANK = ("killed", "injured", "shot", "kidnapped", "missing", "arrested")
_RELATIVE = frozenset({"who", "that", "whom"})
_ANOTHER = frozenset({"another", "other", "second", "third", "fourth", "fifth"})  # one more than told already
_OTHER = re.compile(r"\bothers?\b", re.I)
_OTHER_BEFORE = re.compile(r"\bother\s+$", re.I)  # "the other three people shot": the word before the figure
_ONE_BEFORE = re.compile(r"\b(?:one|1)\s*$", re.I)  # "one lives in the city": the figure is one
_LISTED = re.compile(r",|\band\b", re.I)
UNIT_CHARS = 12  # a unit ("percent", "years") starts within this many characters after the number


@dataclass(slots=True)
class CountHit:
    kind: str
    value: int | None
    qualifier: str
    low: int | None
    high: int | None
    who: str | None
    start: int  # offsets into the text given to CountFinder.find
    end: int


def _bounds(value: int, qualifier: str) -> tuple[int | None, int | None]:
    return {
        "exact": (value, value),
        "at least": (value, None),
        "more than": (value + 1, None),
        "nearly": (None, value),
        "around": (None, None),
        "up to": (None, value),
    }[qualifier]


def _numbers(h: CountHit, doc, off: int) -> list:
    """The number tokens of the written figure `h` (`off`: the character offset of its text in `doc`)."""
    return [t for t in doc if h.start <= t.idx - off < h.end and t.like_num]


def _misread(h: CountHit, nums: list, victims: dict) -> bool:
    """Whether the parse gives the written figure `h` (its number tokens `nums`) to a verb of another kind than the
    figure's."""
    nums = [t for t in nums if t.dep_ == "nummod"]
    return bool(nums) and nums[0].head.i in victims and victims[nums[0].head.i][0] != h.kind


def _words(text: str, start: int, end: int) -> list[re.Match]:
    return list(_WORD_RX.finditer(text, start, end))


def _alternatives(items, *, escape: bool = True) -> str:
    return "|".join(map(re.escape, items) if escape else items)


def _who(words: list[re.Match]) -> str | None:
    if not words:
        return None
    return words[0].string[words[0].start() : words[-1].end()]


def _end_of_who(text: str, start: int, next_number: int) -> int:
    """End of the who-phrase of the first figure of a chain ("170 civilians" of "170 civilians and 13")."""
    seg = text[start:next_number]
    cut = re.search(r"(?:\s+and|\s*,)\s*$", seg)
    return start + (cut.start() if cut else len(seg.rstrip()))


class CountFinder:
    """Every figure in a text that counts killed, injured, missing, arrested or kidnapped people."""

    def __init__(self, words: CountWords):
        self.w = words
        self._qualifier = re.compile(r"(?:" + _alternatives(words.qualifiers) + r")\s+$", re.I)
        units = _alternatives(words.not_counted_after, escape=False)
        # a unit joined by a hyphen measures too ("a 25-mile trail", "a 25- mile trail" as a page may break it)
        self._not_counted = re.compile(r"^\s*(?:-\s*)?(?:" + units + ")", re.I)
        self._things_after = re.compile(
            r"\s+(?:\w+\s+)?(?:" + _alternatives(words.things_after, escape=False) + r")\b", re.I
        )
        self._count_not_year = re.compile(r"\s+(?:" + _alternatives(words.after_a_count_not_a_year) + ")")
        self._one_counts = re.compile(r"\s+(?:" + _alternatives(words.after_one) + ")")
        self._who_after = re.compile(r"\s+((?:[A-Za-z][\w-]*\s+){0,2}?(?:" + _alternatives(words.who_nouns) + r"))\b")
        kinds = [k for k in words.kind_after if k not in words.not_after_vague]
        self._vague = re.compile(
            r"\b(" + _alternatives(words.vague) + r")\s+(?:of\s+)?"
            r"(?:(?:" + _alternatives(words.vague_people) + r")\s+)?"
            r"(?:(?:were|have been|had been)\s+)?(" + _alternatives(kinds) + r")\b",
            re.I,
        )
        self.vague_word = re.compile(r"\b(?:" + _alternatives(words.vague) + r")\b", re.I)
        self._who_words = {w for n in words.who_nouns for w in n.split()} - set(words.not_a_group)
        self._attacker_death = [re.compile(rx) for rx in words.attacker_death]
        self._thing = re.compile(r"(?:" + _alternatives(words.things_after, escape=False) + r")", re.I)
        self._not_a_count = [re.compile(rx) for rx in words.not_a_count.values()]
        self._mask_cache: tuple[object, list[tuple[int, int]]] = (None, [])  # the last parse's masked spans
        self._part = re.compile(r"\b(?:" + _alternatives(words.part_before) + r")\s+$", re.I)
        self._fatal_after = re.compile(r"\s+(?:to\s+)?(?:" + _alternatives(words.fatal_words) + r")\b", re.I)
        self._statistic = [re.compile(rx) for rx in words.statistic]
        self._other_story = [re.compile(rx) for rx in words.other_story]
        self._multiple = re.compile(
            r"\b(" + _alternatives(words.multiples) + r")[\s-]+(?:(" + _alternatives(words.fatal_words) + r")[\s-]+)?"
            r"([a-z]+)\b(?:[\s-]+(suicide)\b)?(?![-\w])",
            re.I,
        )
        self._murder_suicide = re.compile(r"\b(?:murder|killing|homicide)[\s-]+suicide\b", re.I)
        self._people_cues = [re.compile(rx) for rx in words.people_cues]
        self._ranked = [re.compile(rx) for rx in words.ranked_victim]
        self._modality = Modality()  # "could have been killed", "he should be dead": nobody counted

    def people_cue(self, text: str) -> bool:
        """A word of killing or wounding that is no event word ("died", "dead", "hurt") or a ranked victim ("a fourth
        victim"): worth parsing for people."""
        return any(rx.search(text) for rx in (*self._people_cues, *self._ranked))

    def _masked(self, text: str) -> list[tuple[int, int]]:
        """Spans that are ages, dates, times, phone numbers, calibres or addresses: numbers in them count nobody."""
        return [m.span() for rx in self._not_a_count for m in rx.finditer(text)]

    def find(self, text: str, sent=None) -> list[CountHit]:
        """The figures written in `text`; with its parse (`sent`, a spaCy span of exactly `text`), also the people
        a killing or wounding verb is done to where no figure is written ("a man was shot dead": killed 1)."""
        if any(rx.search(text) for rx in self._other_story):
            return []  # "0:51 Man found dead in park": a linked video's title, another story's people
        hits = self._written(text) if NUMBER_RX.search(text) or self.vague_word.search(text) else []
        hits.extend(self._multiples(text))
        if sent is not None:
            hits = self._people(text, sent, hits)
        # "a fourth victim was taken to a hospital"; not again where the parse counted that victim ("a third
        # victim died": three killed already)
        for r in self._ranked_victims(text):
            if any(h.value is not None and h.value >= r.value and h.start <= r.start < h.end for h in hits):
                continue
            # "the second victim was struck in the shoulder": the rank says more than the one person counted there
            hits = [h for h in hits if not (h.kind == r.kind and h.start == r.start and (h.value or 0) < r.value)]
            hits.append(r)
        attacker = any(h.who == self.w.attacker_who for h in hits)  # "killed two others and himself": the whole
        for h in hits:
            o = _OTHER.search(text, h.start, h.end) if not attacker and h.who is None and h.value is not None else None
            if o is None and not attacker and h.who is None and h.value is not None:
                o = _OTHER_BEFORE.search(text, max(0, h.start - 8), h.start)
            if o and not _LISTED.search(text, min(h.start, o.start()), max(h.start, o.start())):
                h.who = OTHERS  # "the other three victims", "two others": more than someone told apart
                # (not "a woman and two others": the enumeration is all of them)
        if hits and any(rx.search(text) for rx in self._statistic):
            # "131 people wounded or killed in the city so far this year": a tally of many shootings; a person it
            # names ("a 10-year-old boy was killed": at least one) may be this event's
            hits = [h for h in hits if h.qualifier == "at least" and h.value == 1 and h.who is None]
        return hits

    def _written(self, text: str) -> list[CountHit]:
        hits: list[CountHit] = []
        taken: set[int] = set()
        masked = self._masked(text)
        for m in list(NUMBER_RX.finditer(text)):
            if m.start() in taken or any(a < m.end() and m.start() < b for a, b in masked):
                continue
            raw = m.group()
            value = parse_number(raw)
            if value is None or self._not_counted.match(text[m.end() : m.end() + UNIT_CHARS]):
                continue
            if m.end() < len(text) and text[m.end()].isalpha():
                continue  # "9mm", "16th", "3rd": glued to a word, a measure or an ordinal
            if _YEAR_RX.fullmatch(raw) and not self._count_not_year.match(text[m.end() :]):
                continue  # a year
            if raw.lower() in ("one", "a") and not self._one_counts.match(text[m.end() :]):
                continue  # "one of the", "one day"
            q = self._qualifier.search(text, max(0, m.start() - QUALIFIER_CHARS), m.start())
            qualifier = self.w.qualifiers[q.group().strip().lower()] if q else "exact"
            span_start = q.start() if q else m.start()
            part = self._part.search(text, max(0, span_start - QUALIFIER_CHARS), span_start)
            after = None if self._kind_before(text, span_start, window=1) else self._kind_after(text, m.end())
            if after and any(a <= c < b for c in after[3] for a, b in masked):
                continue  # "a 6 or 7 year old girl who got shot": the figures are an age
            if after:
                first = len(hits)
                self._figure_and_chain(text, m, value, qualifier, span_start, after, hits, taken)
                if part:  # "including 3 children killed": a group within the toll, never the toll itself
                    hits[first].who = hits[first].who or part.group().strip()
                continue
            before = None if self._things_after.match(text, m.end()) else self._kind_before(text, span_start)
            if before:
                kind, kstart = before
                end = m.end()
                w = self._who_after.match(text[end:])
                who = w.group(1) if w else None
                if w:
                    end += w.end()
                low, high = _bounds(value, qualifier)
                hits.append(CountHit(kind, value, qualifier, low, high, who, kstart, end))
        hits.extend(self._vague_counts(text))
        for h in hits:
            words = set(re.findall(r"[a-z]+", (h.who or "").lower()))
            if h.who and (" ".join(h.who.lower().split()) in self.w.not_a_group or not words & self._who_words):
                h.who = None  # "killing 12 people", "five found shot dead": the whole toll, not a group of it
        return hits

    def _figure_and_chain(self, text, m, value, qualifier, span_start, after, hits, taken) -> None:
        """A figure with its kind word after it, and the figures chained to it: "about 60 villagers and 4
        police officers being killed", each figure with its who."""
        kind, end, who, chained = after
        low, high = _bounds(value, qualifier)
        first = len(hits)
        hits.append(CountHit(kind, value, qualifier, low, high, who, span_start, end))
        for c in chained:
            n = NUMBER_RX.match(text, c)
            if n is None:
                continue
            taken.add(c)
            v2 = parse_number(n.group())
            sub = self._kind_after(text, n.end())
            if v2 is None or sub is None:
                continue
            lo2, hi2 = _bounds(v2, "exact")
            hits.append(CountHit(kind, v2, "exact", lo2, hi2, sub[2], c, sub[1]))
        if chained:
            hits[first].end = _end_of_who(text, m.end(), chained[0])
        groups = hits[first:]
        listed = "," in text[span_start : groups[-1].end]  # not "170 civilians and 13 soldiers": the parse sums those
        if listed and all(self._group_of_people(h.who) for h in groups):
            # "3 adults, 5 minors shot", "2 girls, 2 men shot": a headline's list, whose groups add up to the toll
            total = sum(h.value for h in groups)
            low, high = _bounds(total, qualifier)
            # first: a report keeps one figure per starting point, and the whole says more than its first group
            hits.insert(first, CountHit(kind, total, qualifier, low, high, None, span_start, groups[-1].end))

    def _group_of_people(self, who: str | None) -> bool:
        words = set(re.findall(r"[a-z]+", (who or "").lower()))
        return bool(words & self._who_words) and " ".join((who or "").lower().split()) not in self.w.not_a_group

    def _kind_after(self, text: str, pos: int) -> tuple[str, int, str | None, list[int]] | None:
        """The kind word after a number; returns kind, end offset, who and later numbers."""
        who: list[re.Match] = []
        first_who: str | None = None
        chained: list[int] = []
        for m in _words(text, pos, min(len(text), pos + KIND_CHARS_AFTER))[:KIND_WORDS_AFTER]:
            w = m.group().lower().strip(".")
            if w in self.w.kind_right_after and (who or chained or _ONE_BEFORE.search(text, 0, pos)):
                return None  # "one lives in the city", "two people and threatened their lives": a verb, a possession
            if w in self.w.kind_after:
                kind, end = self.w.kind_after[w], m.end()
                if kind == "shot" and (fatal := self._fatal_after.match(text, end)):
                    kind, end = "killed", fatal.end()  # "five found shot dead", "3 shot to death"
                return kind, end, (first_who if chained else _who(who)), chained
            if w == "," and self._list_goes_on(text, m.end(), who):
                continue  # "2 girls, 2 men shot": a headline's list of groups, its "and" dropped
            if w in _ENDS_THE_PHRASE or self._thing.fullmatch(w):
                return None  # the phrase ends, or the number counts things ("four separate shootings")
            if NUMBER_RX.fullmatch(m.group()) and parse_number(m.group()) is not None:
                if not chained:
                    first_who = _who(who)
                chained.append(m.start())
                who = []
                continue
            if w in self.w.filler_words:
                continue
            who.append(m)
        return None

    def _list_goes_on(self, text: str, pos: int, who: list[re.Match]) -> bool:
        """A comma between two numbered groups of people ("3 adults, 5 minors shot"), not one before an age ("two
        men, 20 and 25") nor a part ("5 people, 3 of them"): the words before it name people, and a number and a
        word for people follow it."""
        if not who or who[-1].group().lower() not in self._who_words:
            return False
        n = NUMBER_RX.match(text, pos + len(text[pos:]) - len(text[pos:].lstrip()))
        if n is None or parse_number(n.group()) is None:
            return False
        w = self._who_after.match(text[n.end() :].lower())  # a headline's capitals too ("2 Girls, 2 Men Shot")
        return bool(w) and not re.search(r"\b(?:of|them)\b", w.group(1))

    def _kind_before(self, text: str, pos: int, *, window: int = KIND_WORDS_BEFORE) -> tuple[str, int] | None:
        """A kind word within `window` words before the number (qualifier already stripped)."""
        ws = _words(text, max(0, pos - KIND_CHARS_BEFORE), pos)[-window:]
        for m in reversed(ws):
            w = m.group().lower()
            if w in self.w.kind_before:
                return self.w.kind_before[w], m.start()
            if w in (".", ";", "(", ")") or w in self.w.breaks_before or NUMBER_RX.fullmatch(m.group()):
                return None
        return None

    def _multiples(self, text: str) -> list[CountHit]:
        """ "a triple homicide" is three killed, "a quadruple shooting" four shot, "a double murder-suicide" the two
        and the attacker; a bare "murder-suicide" at least two killed. A plural ("double shootings") is several."""
        out, taken = [], []
        for m in self._multiple.finditer(text):
            kind = self.w.people_nominals.get(m.group(3).lower())
            if kind is None:
                continue
            if m.group(2) and kind != "killed":
                kind = "killed"  # "a double fatal shooting"
            n = self.w.multiples[m.group(1).lower()] + (1 if m.group(4) and kind == "killed" else 0)
            out.append(CountHit(kind, n, "exact", n, n, None, m.start(), m.end()))
            taken.append(m.span())
        for m in self._murder_suicide.finditer(text):
            if not any(a <= m.start() < b for a, b in taken):
                out.append(CountHit("killed", 2, "at least", 2, None, None, m.start(), m.end()))
        return out

    def _ranked_victims(self, text: str) -> list[CountHit]:
        """ "A fourth victim was taken to a hospital": at least four people were hit, whoever of them died."""
        out = []
        for rx in self._ranked:
            for m in rx.finditer(text):
                n = ORDINALS[m.group(1).lower()]
                out.append(CountHit("shot", n, "at least", n, None, None, m.start(), m.end()))
        return out

    def _vague_counts(self, text: str) -> list[CountHit]:
        out = []
        for m in self._vague.finditer(text):
            low, high = self.w.vague[m.group(1).lower()]
            out.append(
                CountHit(self.w.kind_after[m.group(2).lower()], None, "vague", low, high, None, m.start(), m.end())
            )
        return out

    # -- people counted from the parse -----------------------------------------------------------------------
    def _people(self, text: str, sent, written: list[CountHit]) -> list[CountHit]:
        """Per kind, the people the sentence's killing and wounding verbs are done to, counted from the parse: a
        singular person (a noun, a name, a pronoun) is one, an enumeration the sum of its members, a numbered
        noun its number; a plural without a number leaves the kind uncounted. Written figures win: the parse's
        count replaces only the written figures inside its own enumeration ("kills 4 people, self" is 5)."""
        victims, unknown, at_least = self._victims(sent)
        out = list(written)
        off = sent[0].idx if len(sent) else 0
        # "two men were shot and one of them died": the one who died is one of the two, not a third
        doc = sent.doc if hasattr(sent, "doc") else sent
        partitive = sum(
            v[1]
            for i, v in victims.items()
            if v[0] == "killed" and any(c.dep_ == "prep" and c.lower_ == "of" for c in doc[i].children)
        )

        # a written figure the parse gives to another verb ("two men were shot and one of them died": the two were
        # shot, not killed) gives way to the parse's count
        out = [
            h
            for h in out
            if h.value is None
            or h.kind not in ("killed", "injured", "shot")
            or not (_misread(h, nums := _numbers(h, doc, off), victims) or self._doers(nums))
        ]
        for kind in ("killed", "injured", "shot"):
            mine = {i: v for i, v in victims.items() if v[0] == kind}
            if not mine or kind in unknown:
                continue
            if len({v[2].i for v in mine.values()}) > 1 and all(self._numbered(doc[i]) for i in mine):
                continue  # "5 people shot to death ... Five people were killed" (a headline run into the body)
            out = self._counted(
                text, doc, off, kind, mine, out, at_least=kind in at_least, less=partitive if kind == "injured" else 0
            )
        return self._attacker_dies(text, out, sent)

    def _doers(self, nums: list) -> bool:
        """A written figure (its number tokens `nums`) of the people who did it ("two men walked up and shot him"):
        its noun is the subject of the figure's verb, or of a verb joined to it, that is done to someone else (its
        object)."""
        if not nums or nums[0].dep_ != "nummod":
            return False  # a bare number is a headline's passive ("1 killed 3 injured"), parsed as its subject
        noun = nums[0].head
        people = noun.lower_ in self._who_words or noun.lower_ in self.w.not_a_group
        if noun.dep_ != "nsubj" or not (people or noun.lemma_.lower() in self.w.person_nouns):
            return False  # people who did it ("two men"), not a headline's capitals misread ("5 DEAD ... kills")
        verbs = [noun.head, *(c for c in noun.head.children if c.dep_ == "conj")]
        return any(
            self.w.people_verbs.get(v.lemma_.lower()) and any(c.dep_ == "dobj" and not c.like_num for c in v.children)
            for v in verbs
        )

    def _counted(
        self, text: str, doc, off: int, kind: str, mine: dict, out: list[CountHit], *, at_least: bool, less: int
    ) -> list[CountHit]:
        """The hits `out` with the parse's count of `kind` in place of the written figures inside its enumeration;
        `out` itself when a written figure says it better. `mine`: victim token index -> (kind, number, verb);
        `less`: people already counted as killed ("two men were shot and one of them died")."""
        toks = [doc[i] for i in mine]
        spans = [self._extent(t) for t in toks]
        a = min(x for x, _ in spans) - off
        b = max(max(y for _, y in spans), *(v[2].idx + len(v[2].text) for v in mine.values())) - off
        inside = [h for h in out if h.kind == kind and h.start < b and a < h.end]
        others = [h for h in out if h.kind == kind and h not in inside]
        if others:
            return out  # a written toll elsewhere in the sentence says it better
        # "two men lay dead outside and a third victim died later": the third is one more, not three more
        ranked = [v[1] for i, v in mine.items() if v[1] > 1 and any(c.lower_ in ORDINALS for c in doc[i].children)]
        total = sum(v[1] for v in mine.values()) - sum(ranked) + len(ranked)
        total = max(total, *ranked, 0) - less
        if total <= 0:
            return out
        if any((h.value or 0) >= total for h in inside):
            return out
        out = [h for h in out if h not in inside]
        q = "at least" if at_least else "exact"
        low, high = total, None if q == "at least" else total
        if q == "exact" and len(toks) == 1 and (told := self._told_qualifier(text, toks[0], off)):
            q = told  # "about a dozen teens died": as rough as when the figure is read as written
            low, high = _bounds(total, q)
        # "shot two children": a group, as "two children were shot" is when written (_written's who)
        who = toks[0].lower_ if len(toks) == 1 and self._numbered(toks[0]) else None
        if who is not None and (who in self.w.not_a_group or who not in self._who_words):
            who = None
        out.append(CountHit(kind, total, q, low, high, who, max(a, 0), min(b, len(text))))
        own = [t for t in toks if t.lower_ in self.w.reflexive_pronouns]
        if own and len(toks) > len(own):  # "killed his wife ... before killing himself": one of them was he
            t = own[0]
            out.append(
                CountHit(
                    kind,
                    len(own),
                    "exact",
                    len(own),
                    len(own),
                    self.w.attacker_who,
                    t.idx - off,
                    t.idx - off + len(t.text),
                )
            )
        return out

    def _told_qualifier(self, text: str, tok, off: int) -> str | None:
        """The qualifier written before the number of a numbered noun ("about a dozen teens", "nearly 20 people")."""
        nums = [tok] if tok.like_num else [c for c in tok.children if c.dep_ == "nummod"]
        for n in nums:
            # the number's own words before it ("a dozen"), not the qualifier the parser hangs on it
            start = min(x.idx for x in n.subtree if x is n or x.i < n.i and x.dep_ in ("quantmod", "det")) - off
            q = self._qualifier.search(text, max(0, start - QUALIFIER_CHARS), start)
            if q:
                return self.w.qualifiers[q.group().strip().lower()]
        return None

    def _victims(self, sent) -> tuple[dict[int, tuple[str, int, object]], set[str], set[str]]:
        """Token index -> (kind, how many, verb token) of the people killing and wounding verbs are done to; the
        kinds with a patient that cannot be counted; the kinds counted only as a lower bound ("a third victim", "a
        man was shot": the people a sentence names are at least that many). A patient of two verbs ("shot and
        wounded") takes the more telling kind (KIND_RANK)."""
        victims: dict[int, tuple[str, int, object]] = {}
        unknown: set[str] = set()
        at_least: set[str] = set()
        named: set[tuple[str, str]] = set()  # (kind, noun) of the singular people named so far
        for verb in sent:
            kind = self._verb_kind(verb)
            if kind is None:
                continue
            for p in self._patients(verb):
                noun = self._same_person(p, verb)
                if noun is not None and (kind, noun) in named:
                    continue  # "whether someone shot the youth or the youth shot himself": one youth
                if noun is not None:
                    named.add((kind, noun))
                n = self._how_many(p)
                nth = [ORDINALS[c.lower_] for c in p.children if c.lower_ in ORDINALS]
                if kind == "killed" and nth and n == 1 and self.w.people_verbs.get(verb.lemma_.lower()) == "killed":
                    # "a third person dies": the toll is at least three; not "a third man was shot and killed", the
                    # third told of among the people shot
                    n = nth[0]
                    at_least.add(kind)
                if n is None:
                    unknown.add(kind)
                    continue
                if n == 0:
                    continue
                if self._points_back(p, kind, verb, victims):
                    continue
                if kind == "killed" and (back := self._earlier(p, ("injured", "shot"), verb, victims)) is not None:
                    # "he was taken to a hospital with injuries, where he died": the one hurt died, one person
                    victims[back] = ("killed", 1, verb)
                    at_least.add(kind)
                    continue
                if not self._numbered(p):
                    # "a man was shot", "him": one person the sentence names, who may be one of more victims
                    at_least.add(kind)
                old = victims.get(p.i)
                if old is None or KIND_RANK.index(kind) < KIND_RANK.index(old[0]):
                    victims[p.i] = (kind, n, verb)
        deaths = [i for i, v in victims.items() if v[0] == "killed" and self._one_death(v[2].doc[i])]
        if deaths and any(v[0] == "killed" and i not in deaths for i, v in victims.items()):
            for i in deaths:  # "two killed; man charged in shooting death": the death is one of the two
                del victims[i]
        return victims, unknown, at_least

    def _same_person(self, tok, verb) -> str | None:
        """The noun a singular patient names, a reflexive pronoun standing for its verb's subject ("the teen shot
        himself" names the teen): two patients naming the same noun in a sentence are one person (a headline
        repeated in the body, "whether someone shot the teen or the teen shot himself"); a name written the same way
        twice is one person too ("Lane was shot when the rifle fired, striking Lane"). Not for numbers."""
        if tok.lower_ in self.w.reflexive_pronouns:
            subj = [c for c in verb.children if c.dep_ == "nsubj"]
            tok = subj[0] if subj else None
        if tok is None or any(c.dep_ == "nummod" or c.lower_ in _ANOTHER for c in tok.children):
            return None
        if tok.ent_type_ == "PERSON" and tok.pos_ in ("NOUN", "PROPN") and tok.lower_ not in self.w.person_nouns:
            # a name, however the tagger takes it ("Hess was shot when ... striking Hess": a noun, then a name)
            parts = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
            return "name: " + " ".join([*parts, tok.lower_])  # "Ann Lane" and "Tom Lane" are two
        if tok.pos_ == "NOUN" and tok.tag_ == "NN" or tok.pos_ == "PROPN" and tok.lower_ in self.w.person_nouns:
            return tok.lower_  # "Man shot in Lawndale ... A 34-year-old man was shot": a headline's "Man" too
        if tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
            parts = [c.lower_ for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
            return "name: " + " ".join([*parts, tok.lower_])  # "Ann Lane" and "Tom Lane" are two
        return None

    def _points_back(self, tok, kind: str, verb, victims: dict) -> bool:
        """ "An 8-year-old was hit and she died", "shot him, and he was declared dead": a personal pronoun done to by
        another verb than an earlier victim of the same kind is that victim again, not one more, when that victim is
        what the sentence is about (its verb's subject) or the same pronoun; not in "he killed his wife and police
        killed him", where "him" is the doer."""
        if self._definite_person(tok):
            # "a girl was fatally struck ... the teenager was pronounced dead": the one told of already
            return any(k == kind and v is not verb and i < tok.i for i, (k, _, v) in victims.items())
        if tok.lower_ in self.w.reflexive_pronouns:
            # "a man shot on the highway said he accidentally shot himself": "himself" is "he", who is that man
            subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in _GENDER]
            return bool(subj) and self._earlier(subj[0], (kind,), verb, victims) is not None
        return self._earlier(tok, (kind,), verb, victims) is not None  # no pronoun ("another"): one more

    @staticmethod
    def _earlier(tok, kinds: tuple[str, ...], verb, victims: dict) -> int | None:
        """The earlier victim of one of `kinds`, done to by another verb, that a personal pronoun stands for: the one
        the sentence is about (its verb's subject) or the same pronoun."""
        low, doc = tok.lower_, tok.doc
        if low not in _GENDER or tok.pos_ != "PRON":
            return None
        for i, (k, n, v) in victims.items():
            if (
                k in kinds
                and n == 1
                and v is not verb
                and i < tok.i
                and (doc[i].dep_ in ("nsubj", "nsubjpass") or _GENDER.get(doc[i].lower_, 0) == _GENDER.get(low, 1))
                and _NOUN_GENDER.get(doc[i].lemma_.lower(), _GENDER[low]) == _GENDER[low]  # not "a woman ... he"
            ):
                return i
        return None

    def _definite_person(self, tok) -> bool:
        """ "the teenager", "the victim": one person told as known, not "the other man" nor "the second victim"."""
        kids = [c.lower_ for c in tok.children]
        return (
            tok.tag_ == "NN"
            and tok.lower_ in self.w.person_nouns
            and "the" in kids
            and not any(c in _ANOTHER or c in ORDINALS for c in kids)
        )

    def _numbered(self, tok) -> bool:
        """The noun phrase says how many with a number ("four people", "two"), not by naming a person nor as a part
        of others ("two of the people shot", "one of our students")."""
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            return False
        return tok.like_num or (
            tok.tag_ != "NNP" and any(c.dep_ == "nummod" and not self._measure(c) for c in tok.children)
        )

    def _attacker_dies(self, text: str, hits: list[CountHit], sent=None) -> list[CountHit]:
        """ "killed four people before taking his own life": the attacker's death is counted under the attacker,
        and the sentence's toll is the victims and the attacker (GVA counts every person shot)."""
        m = next((m for rx in self._attacker_death if (m := rx.search(text)) and self._done(sent, m.start())), None)
        if m is None or any(h.who == self.w.attacker_who for h in hits):
            return hits
        whole = [h for h in hits if h.kind == "killed" and h.who is None and h.value is not None]
        out = [h for h in hits if h not in whole[:1]]
        if whole:
            h = whole[0]
            total = h.value + 1
            out.append(CountHit("killed", h.value, h.qualifier, h.low, h.high, "victims", h.start, h.end))
            lo = None if h.low is None else h.low + 1
            hi = None if h.high is None else h.high + 1
            out.append(
                CountHit("killed", total, h.qualifier, lo, hi, None, min(h.start, m.start()), max(h.end, m.end()))
            )
        else:
            # the attacker alone is a part of the toll told so far: at least one dead
            out.append(CountHit("killed", 1, "at least", 1, None, None, m.start(), m.end()))
        out.append(CountHit("killed", 1, "exact", 1, 1, self.w.attacker_who, m.start(), m.end()))
        return out

    def _done(self, sent, start: int) -> bool:
        """Whether the verb that starts at `start` in the sentence tells what happened: not the complement of a
        threat or an attempt ("threatened to take his own life", "tried to commit suicide") nor a modal's ("could
        turn the gun on himself"). True without a parse."""
        off = sent[0].idx if sent is not None and len(sent) else 0
        tok = next((t for t in sent or () if t.idx - off == start), None)
        if tok is None:
            return True
        if self._modality.modal_clause(tok):
            return False
        return not (tok.dep_ == "xcomp" and tok.head.lemma_.lower() not in self.w.state_verbs)

    def _verb_kind(self, tok) -> str | None:
        if tok.pos_ == "NOUN":  # "the shooting of a 16-year-old", "the child's death"
            kind = self.w.people_nominals.get(tok.lemma_.lower())
            if kind is not None and any(c.lower_ in ("attempted", "attempt") for c in tok.children):
                return None  # "charged with attempted murder": nobody was killed by it
            if kind is not None and kind != "killed" and (self._fatal(tok) or self._succumbed_to(tok)):
                return "killed"
            if kind == "shot" and self._survived(tok):
                return "injured"  # "is recovering from a gunshot wound", "a non-life-threatening wound"
            return kind
        kind = self.w.people_verbs.get(tok.lemma_.lower())
        hit = kind is None and tok.lemma_.lower() in self.w.hit_verbs
        if hit and (self._by_a_bullet(tok) or self._in_the_body(tok)):
            kind = "shot"  # "a stray bullet hit the boy", "he was struck by gunfire", "another man was hit in the leg"
        if (
            kind is None
            and tok.lower_ in self.w.dead_words
            and tok.dep_ in ("acomp", "oprd")
            and tok.head.pos_ in ("AUX", "VERB")
        ):
            # "the boy is dead", "was found dead"; not "he should be dead"
            return None if self._modality.modal_clause(tok.head) else "killed"
        if kind is None and tok.lower_ in self.w.dead_words and tok.dep_ == "amod" and tok.i == tok.head.i + 1:
            return "killed"  # a headline's "Man dead after ...": the "is" dropped
        if kind is None or tok.pos_ != "VERB" or tok.dep_ == "amod" or any(c.dep_ == "neg" for c in tok.children):
            return None  # "was not hurt"
        if self._modality.modal_clause(tok):
            return None  # "could have been killed", "will die"
        if any(self._generic(c) for c in tok.children) or tok.dep_ == "relcl" and self._generic(tok.head):
            # "whenever a student is hurt", "any time a player of ours gets hurt" (a clause on "time"): what happens
            # in general, nobody in this event
            return None
        if kind == "killed" and any(c.lower_ in ("nearly", "almost") for c in tok.children):
            return "injured"  # "a teen was nearly killed": he lives
        head = tok.head.lemma_.lower()
        if (
            tok.dep_ == "xcomp"
            and head not in self.w.state_verbs
            and not (head in self.w.outlook_verbs and kind == "injured")
        ):
            return None  # "threatened to kill", "tried to shoot"; not "is expected to survive"
        if tok.lemma_.lower() in self.w.lived_verbs and not (
            tok.dep_ == "xcomp" or tok.dep_ == "conj" and self.w.people_verbs.get(tok.head.lemma_.lower())
        ):
            return None  # "the lone survivor ran", "she survived the attack": not told hit
        if kind != "killed" and self._fatal(tok):
            return "killed"
        return kind

    def _generic(self, tok) -> bool:
        """ "whenever", "anytime", "any time", "every time" on a verb."""
        if tok.lower_ in self.w.generic_words:
            return True
        return tok.lower_ == "time" and any(g.lower_ in ("any", "every") for g in tok.children)

    def _by_a_bullet(self, verb) -> bool:
        """What hits is a bullet: the verb's subject, or who it is done by in the passive; for a verb with neither,
        joined to a firing ("fired a shot, hitting a man", "the gun fired and hit the boy", "opened fire, striking
        two people"), the firing's bullet."""
        doers = [c for c in verb.children if c.dep_ == "nsubj"]
        doers += [g for c in verb.children if c.dep_ == "agent" or c.lower_ == "by" for g in c.children]
        if any(d.lemma_.lower() in self.w.projectile_words for d in doers):
            return True
        if not doers and verb.dep_ == "acl" and verb.head.lemma_.lower() in self.w.projectile_words:
            return True  # "fired a shot hitting a man": the shot hits
        if doers or verb.dep_ not in ("advcl", "conj", "xcomp") or verb.head.pos_ not in ("VERB", "AUX"):
            return False
        head = verb.head
        opened_fire = any(c.dep_ == "dobj" and c.lemma_.lower() == "fire" for c in head.children)
        if head.lemma_.lower() not in self.w.firing_verbs and not opened_fire:
            return False
        if head.lemma_.lower() == "go" and not any(c.lower_ == "off" for c in head.children):
            return False  # "went off", not "went home"
        around = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")]
        if head.dep_ == "relcl":
            around.append(head.head)  # "a gun that went off, striking ..."
        words = self.w.projectile_words | self.w.weapon_words | {"fire"}
        return opened_fire or head.lemma_.lower() == "fire" or any(t.lemma_.lower() in words for t in around)

    def _in_the_body(self, verb) -> bool:
        """A passive hit in a part of the body ("was hit in the leg", "was struck in the chest"): told of a shooting,
        a bullet's; not when it says with or by what else ("hit in the face with a bottle")."""
        passive = any(c.dep_ == "auxpass" for c in verb.children)
        tools = [g for c in verb.children if c.lower_ in ("with", "by") for g in c.children if g.dep_ == "pobj"]
        if any(g.lemma_.lower() not in self.w.projectile_words | self.w.weapon_words for g in tools):
            return False
        return passive and any(
            c.dep_ == "prep" and c.lower_ == "in" and any(g.lemma_.lower() in self.w.body_parts for g in c.children)
            for c in verb.children
        )

    def _survived(self, noun) -> bool:
        """A wound told as one the person lives with: what it is said to be ("minor", "non-life-threatening") or
        the verb it hangs on ("recovering from")."""
        said = " ".join(t.lower_ for t in noun.subtree if t.i < noun.i)
        head = noun.head.head if noun.dep_ == "pobj" else noun.head
        return any(w in said for w in self.w.survived_words) or head.lemma_.lower() in self.w.survived_words

    def _fatal(self, verb) -> bool:
        """ "shot dead", "fatally shot", "shot to death", "shot and killed"."""
        for c in verb.children:
            if self._beside_the_headline(verb, c):
                continue  # "Guard kills robber; 2 hurt": the killing is told of others
            if c.pos_ != "VERB" and (c.lower_ in self.w.fatal_words or c.lemma_.lower() in self.w.fatal_words):
                return True
            if c.dep_ == "prep" and any(g.lower_ in self.w.fatal_words for g in c.children):
                return True
            if (
                c.dep_ == "conj"
                and self.w.people_verbs.get(c.lemma_.lower()) == "killed"
                and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
                and not (any(g.dep_ == "dobj" for g in c.children) and any(g.dep_ == "dobj" for g in verb.children))
                # "shot his wife and then died": the shooter died, not his wife
                and not (c.lemma_.lower() in self.w.subject_verbs and any(g.dep_ == "dobj" for g in verb.children))
            ):
                return True  # "shot and killed"; not "two were shot and one died", nor "wounding six and killing one"
        return False

    def _patients(self, verb) -> list:
        """Who the verb is done to: the object, the subject of a passive, the subject of "die" or "is dead"; a
        verb joined to another ("was shot and killed") shares its patients."""
        if verb.pos_ == "NOUN":
            return self._nominal_patients(verb)
        if verb.lower_ in self.w.dead_words and verb.dep_ == "amod":
            return self._expand([verb.head])
        if verb.lower_ in self.w.dead_words:
            head = verb.head
            # "the shooting left one of them dead": the object is the dead, the subject what left him so
            objs = [c for c in head.children if c.dep_ == "dobj"]
            return self._expand(objs or [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")])
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        if verb.lemma_.lower() in self.w.subject_verbs:
            deps = ("nsubj",)
        elif passive:
            deps = ("nsubjpass",)
        else:
            deps = ("dobj",)
        found = [c for c in verb.children if c.dep_ in deps and not self._beside_the_headline(verb, c)]
        if not found and not passive and deps == ("dobj",) and self._headline_passive(verb):
            found = [c for c in verb.children if c.dep_ == "nsubj"]  # "Orangeburg man shot while hunting"
        if not found:
            found = self._patients_of_head(verb, deps, passive)
        if verb.dep_ == "relcl" and verb.head.pos_ in ("NOUN", "PROPN"):
            # "a person who died", "a man who had been shot": the relative pronoun stands for the noun it hangs on
            found = [verb.head if t.lower_ in _RELATIVE else t for t in found]
        if not found and deps == ("dobj",) and not any(c.lower_ == "at" for c in verb.children):
            found = self._gap(verb)
        return self._expand(found)

    def _patients_of_head(self, verb, deps: tuple[str, ...], passive: bool) -> list:
        """Who a verb with no patient of its own is done to, read from what it hangs on: the verb it is joined to,
        the verb it completes, the clause or the noun it hangs on (`deps`: where its own patient would be)."""
        own = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
        found: list = []
        if verb.dep_ == "conj" and verb.head.pos_ == "VERB" and own and deps == ("dobj",):
            # "three men were arrested ... and two others wounded": a joined verb with a subject of its own and no
            # object is a passive with its "were" dropped, done to that subject, not to the first verb's
            found = (
                own
                if verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("ccomp", "xcomp") for c in verb.children)
                else []
            )
        elif verb.dep_ == "conj" and verb.head.pos_ == "VERB":
            h = verb.head
            hp = any(c.dep_ in ("nsubjpass", "auxpass") for c in h.children)
            if deps == ("nsubj",):  # "suffered a wound and later died": the subject of both died, not the wound
                found = [c for c in h.children if c.dep_ in ("nsubj", "nsubjpass")]
            else:
                found = [c for c in h.children if c.dep_ in (("nsubjpass",) if hp else ("dobj",))]
        if not found and verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.w.outlook_verbs:
            found = [c for c in verb.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "is expected to survive"
        if not found and passive and verb.dep_ == "pcomp" and verb.head.pos_ == "ADP":
            # "a woman was in critical condition after being shot", "is recovering after being shot": the passive
            # after a preposition is done to the subject of the clause it hangs on ("Woman critical after ...")
            g = verb.head.head
            found = [c for c in g.children if c.dep_ in ("nsubj", "nsubjpass")] or (
                [g.head] if g.dep_ == "amod" and g.head.pos_ in ("NOUN", "PROPN") else []
            )
        if not found and verb.dep_ == "acl" and verb.tag_ in ("VBN", "VBD"):
            # "a man shot in the leg", "Police: 4 people shot in Fresno" (tagged past); a subject of its own is the
            # one hit ("Police: Man shot, killed outside bar", the verb hung on "Police")
            own = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ != "PRON"]
            found = own or [self._coordination(verb.head)]
        if not found and verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "ccomp"):
            own = [c for c in verb.children if c.dep_ == "nsubj"]  # "police found a man shot"
            h = verb.head  # "an uncle and niece were discovered fatally shot", "teen found shot to death"
            found = (
                own
                or [c for c in h.children if c.dep_ in ("nsubjpass", "dobj")]
                or (
                    [c for c in h.children if c.dep_ == "nsubj"]
                    if h.lemma_.lower() in self.w.state_verbs and h.tag_ in ("VBN", "VBD")
                    else []
                )
            )
        return found

    def _nominal_patients(self, verb) -> list:
        """Who a nominal is done to: the one after "of", else who owns it ("the child's shooting")."""
        of = [g for c in verb.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"]
        own = [c for c in verb.children if c.dep_ == "poss" and c.pos_ != "PRON"]
        if not of and not own and verb.lemma_.lower() in self.w.borne_nominals:
            own = self._bearer(verb)  # "found with a gunshot wound"; not the accused "charged with murder"
        if not of and not own and self._one_death(verb):
            return [verb]  # "charged in shooting death": the death stands for the one who died
        return self._expand(of or own)

    @staticmethod
    def _gap(verb) -> list:
        """ "The woman he killed", "the four relatives he is accused of shooting": a relative clause with no relative
        word and a subject of its own, whose verb (or the verb it leads to by "to" or "of") has no object, is done to
        the noun it hangs on."""
        clause = verb
        while clause.dep_ != "relcl":
            if clause.dep_ == "xcomp":
                clause = clause.head
            elif clause.dep_ in ("pcomp", "pobj") and clause.head.pos_ == "ADP":
                clause = clause.head.head
            else:
                return []
            if clause.pos_ != "VERB":
                return []
        if clause.head.pos_ not in ("NOUN", "PROPN"):
            return []
        own = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if not own or any(t.tag_ in ("WDT", "WP", "WP$", "WRB") for t in clause.subtree):
            return []  # "a man whose son shot ...": a relative word says what the clause is about
        if any(c.dep_ == "conj" and any(g.dep_ == "dobj" for g in c.children) for c in verb.children):
            return []  # "shot and killed a boy": the object of the joined verb is this one's too
        return [clause.head]

    @staticmethod
    def _coordination(noun):
        """ "A girl and a woman wounded by gunfire were released": the participle after the last person of a list
        is told of the whole list, which the parser hangs on the first person."""
        first = noun
        while first.dep_ == "conj" and first.head.pos_ in ("NOUN", "PROPN") and first.head.i < first.i:
            first = first.head
        return first

    def _bearer(self, noun) -> list:
        """Who bears a wound that names nobody itself: the subject of "suffered a gunshot wound" or of "is recovering
        from a gunshot wound", the person "with a gunshot wound"."""
        head = noun.head
        if noun.dep_ == "dobj" and head.lemma_.lower() in self.w.suffer_verbs:
            return [c for c in head.children if c.dep_ == "nsubj"]
        if noun.dep_ == "pobj" and head.lower_ in ("with", "from"):
            holder = head.head
            if holder.pos_ in ("NOUN", "PROPN"):
                return [holder]
            if holder.pos_ == "VERB" and head.lower_ == "with":
                # "medics carried the boy, with a bullet wound, to a clinic": the one taken or found has it,
                # else the subject ("a woman walked into the clinic with a gunshot wound")
                obj = [c for c in holder.children if c.dep_ == "dobj"]
                return obj or [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
            if holder.pos_ == "VERB" and holder.lemma_.lower() in self.w.suffer_verbs:
                return [c for c in holder.children if c.dep_ in ("nsubj", "nsubjpass")]
        if self._succumbed_to(noun):
            return [c for c in head.head.children if c.dep_ == "nsubj"]
        if noun.dep_ == "pobj" and head.lower_ == "for" and head.head.lemma_.lower() in self.w.treat_verbs:
            return [c for c in head.head.children if c.dep_ in ("nsubj", "nsubjpass")]  # "was treated for a wound"
        return []

    def _succumbed_to(self, noun) -> bool:
        """ "succumbed to his injuries"."""
        head = noun.head
        return noun.dep_ == "pobj" and head.lower_ == "to" and head.head.lemma_.lower() in self.w.succumb_verbs

    def _headline_passive(self, verb) -> bool:
        """A headline drops the passive's "was": "Teen shot on Fourth Street" is parsed as a teen who shot. A past
        verb whose subject is a noun (not a pronoun) and that has no object, no complement, no joined verb and no
        target ("shot at officers") tells what was done to its subject."""
        if verb.tag_ not in ("VBD", "VBN") or verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
            return False
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if not subj or any(c.pos_ == "PRON" for c in subj):
            return False
        bad = ("dobj", "ccomp", "xcomp", "conj", "dative", "attr", "prt", "aux")
        return not any(
            c.dep_ in bad
            and not self._bare_conj(c)
            and not self._beside_the_headline(verb, c)
            or c.dep_ == "prep"
            and (c.lower_ == "into" or c.lower_ == "at" and self._a_target(c))
            or c.lower_ in self.w.firing_words
            for c in verb.children
        )

    @staticmethod
    def _beside_the_headline(verb, c) -> bool:
        """What the parser hangs on a headline's verb from outside its clause: the site's name after a spaced dash
        ("Man shot downtown - WXYZ Channel 7") or an earlier clause ended by a comma ("2 found dead, third person
        hurt")."""
        doc = verb.doc
        if c.i > verb.i:
            return any(t.text in ("-", "–", "—", "|") and t.whitespace_ for t in doc[verb.i + 1 : c.left_edge.i + 1])
        return c.dep_ == "ccomp" and any(t.text in (",", ";") for t in doc[c.right_edge.i : verb.i])

    def _a_target(self, prep) -> bool:
        """ "shot at officers", "shot at a car": what "at" is fired at; not the place where someone was shot ("Man
        shot at gas station"). A person, a name, a thing (a car, a house), or no object: a target."""
        objs = [g for g in prep.children if g.dep_ == "pobj"]
        return not objs or any(
            o.pos_ == "PRON"
            or o.ent_type_ == "PERSON"
            or o.lemma_.lower() in self.w.person_nouns
            or o.lower_ in self._who_words
            or self._thing.fullmatch(o.lower_)
            or any(c.dep_ == "poss" for c in o.children)  # "shot at his car"
            for o in objs
        )

    def _bare_conj(self, c) -> bool:
        """A killing or wounding verb joined to a headline's passive, with no subject or object of its own: the
        "killed" of "Man shot and killed in Fairville", done to the same man."""
        return (
            c.dep_ == "conj"
            and c.tag_ in ("VBD", "VBN")
            and c.lemma_.lower() in self.w.people_verbs
            and not any(g.dep_ in ("nsubj", "nsubjpass", "dobj") for g in c.children)
        )

    def _expand(self, toks: list) -> list:
        """An enumeration's members: "her husband, three small sons and her father-in-law"."""
        out, todo = [], list(toks)
        while todo:
            t = todo.pop(0)
            if t in out:
                continue
            out.append(t)
            numbered = any(c.dep_ == "nummod" for c in t.children)
            for c in t.children:
                if any(x.text == ";" for x in t.doc[min(t.i, c.i) : max(t.i, c.i)]):
                    continue  # "Toddler killed in Ohio; 2 adults hurt": a new clause, not a member
                if (
                    c.dep_ == "conj"
                    or c.dep_ == "appos"
                    and self._name_in_a_list(t, c)
                    or c.dep_ == "appos"
                    and self._person_in_a_list(t, c)
                    or c.dep_ == "appos"
                    and not numbered  # "four people: two men, a mother and an adult" lists the four, adds none
                    and (
                        c.tag_ in ("NNS", "NNPS")
                        or any(g.dep_ == "nummod" for g in c.children)
                        # "kills 4 people, self"; not "man dead after shooting self", the man himself
                        or c.lower_ in self.w.reflexive_pronouns
                        and (numbered or t.tag_ in ("NNS", "NNPS"))
                    )
                ):
                    todo.append(c)
            todo.extend(x for x in (*self._headline_pair(t), *self._others_after(t)) if x not in out)
        return self._restated(out) if len(toks) == 1 else out

    def _restated(self, out: list) -> list:
        """ "Three people, two men and a woman, were wounded": the parser joins the list to the figure as more
        people, but a list right after the figure's noun and a comma, whose members add up to the figure, names who
        the figure's people are, when that noun names nobody in particular ("people", "victims") or a comma closes
        the list."""
        first, members = out[0], out[1:]
        doc = first.doc
        if len(members) < 2 or not self._numbered(first) or first.i + 1 >= len(doc) or doc[first.i + 1].text != ",":
            return out
        if any(m.i < first.i for m in members):
            return out
        last = max(m.i for m in members)
        closed = last + 1 < len(doc) and doc[last + 1].text == ","
        if first.lower_ not in self.w.not_a_group and not closed:
            return out  # "two men, a woman and a boy were shot": four, the list goes on from the figure
        counts = [self._how_many(m) for m in members]
        return [first] if None not in counts and sum(counts) == self._how_many(first) else out

    def _person_in_a_list(self, t, c) -> bool:
        """ "A man, a woman and a boy were shot": the parser hangs the second person on the first as an apposition.
        It is another person of the list when all three go by "a" or a number, and the list goes on with "and": not
        "the victim, a man and father of three", which describes one person."""

        def indefinite(x) -> bool:
            return (x.lower_ in self.w.person_nouns or x.lemma_.lower() in self.w.person_nouns) and (
                self._numbered(x) or any(d.dep_ == "det" and d.lower_ in ("a", "an") for d in x.children)
            )

        between = t.doc[t.i + 1 : c.i]
        return (
            t.i < c.i
            and t.lower_ not in self.w.not_a_group
            and any(x.text == "," for x in between)
            and not any(x.text == ":" for x in between)
            and indefinite(t)
            and indefinite(c)
            and any(g.dep_ == "conj" and indefinite(g) for g in c.children)
        )

    @staticmethod
    def _name_in_a_list(t, c) -> bool:
        """ "Tom Brady, Ann Carter, Joe Doe and Bill Turner": the parser hangs the second name on the first as an
        apposition, but a person's name does not restate another's; another person of the list (one that goes on
        with "and": not a photo credit run into a headline)."""
        return (
            t.pos_ == c.pos_ == "PROPN"
            and t.ent_type_ == c.ent_type_ == "PERSON"
            and any(g.dep_ == "conj" for x in (t, c) for g in x.children)
        )

    def _bare_person(self, tok) -> bool:
        return tok.lower_ in self.w.person_nouns and not any(c.dep_ in ("det", "poss", "nummod") for c in tok.children)

    def _headline_pair(self, tok) -> list:
        """A headline joins people with a comma where a sentence says "and" ("Father, daughter found dead", "Teen,
        man killed", "shooting of child, father"); the parser makes the first a modifier or drops the second. Bare
        person nouns only, at the start of the sentence or at its end: not "his father, a retired officer"."""
        doc = tok.doc
        if not self._bare_person(tok):
            return []
        if tok.i >= 2 and doc[tok.i - 1].text == "," and self._bare_person(first := doc[tok.i - 2]):
            # "Teen, man shot"; "Town officer, suspect wounded", the first with the words that name its kind
            if all(doc[j].head == first and doc[j].dep_ in ("compound", "amod", "nmod") for j in range(first.i)):
                return [first]
        if tok.i == len(doc) - 3 and doc[tok.i + 1].text == "," and self._bare_person(doc[tok.i + 2]):
            return [doc[tok.i + 2]]
        return []

    def _others_after(self, tok) -> list:
        """ "Blast that hurt a boy, 3 others closes school": numbered people right after a person and a comma, which
        the parser makes the subject of the verb that follows; a plural is no subject of a singular verb ("closes",
        "has"), so they are more members of the list."""
        doc = tok.doc
        end = max(x.i for x in tok.subtree) + 1
        if end + 2 >= len(doc) or doc[end].text != "," or not doc[end + 1].like_num:
            return []
        group = doc[end + 2]
        verb = group.head
        if (
            group.tag_ != "NNS"
            or not (group.lower_ in self._who_words or group.lower_ == "others")
            or doc[end + 1].head != group
            or doc[end + 1].dep_ != "nummod"
            or group.dep_ != "nsubj"
            or verb.tag_ != "VBZ"
            or verb.i < group.i
        ):
            return []
        return [group]

    def _one_death(self, tok) -> bool:
        """A singular "death" right after a word of how it was dealt ("shooting death"): one person's."""
        return (
            tok.lemma_.lower() == "death"
            and tok.tag_ == "NN"
            and tok.i > 0
            and tok.doc[tok.i - 1].lower_ in self.w.one_death_words
            and tok.dep_ not in ("compound", "amod")  # not "a shooting death toll"
        )

    def _how_many(self, tok) -> int | None:
        """How many people a noun phrase stands for: 0 if none or not people, None if it does not say."""
        if self._one_death(tok):
            return 1
        if any(c.lower_ in self.w.none_words for c in tok.children) or tok.lower_ in self.w.none_words:
            return 0
        # a singular proper noun's number is part of a name ("WSMV Channel 4", "FOX Carolina 21"), not how many
        num = [c for c in tok.children if c.dep_ == "nummod" and not self._measure(c) and tok.tag_ != "NNP"]
        if num and tok.lower_ not in ("old",):
            return 0 if self._thing.fullmatch(tok.lower_) else parse_number(num[0].text)  # "two dogs": nobody
        low = tok.lower_
        if low == "both" and tok.pos_ in ("PRON", "DET", "NOUN"):
            return 2  # "both were wounded"
        if low == "other" and any(c.lower_ == "the" for c in tok.children):
            return 1  # "one man died and the other was wounded"
        if tok.pos_ == "PRON":
            return 1 if low in self.w.one_person_pronouns else (None if low in ("they", "them", "themselves") else 0)
        if tok.like_num:
            if self._measure(tok):
                return 0  # "About 2 a.m., ... was found dead": the time is parsed as who died
            if _YEAR_RX.fullmatch(tok.text):
                return 0  # "the city's first murder of 2019": the year is parsed as who was killed
            return 1 if low == "one" else parse_number(tok.text)
        if tok.tag_ in ("NNS", "NNPS"):
            people = low in self._who_words or tok.lemma_.lower() in self.w.person_nouns or low == "people"
            if people and any(c.lower_ == "both" and c.dep_ in ("det", "predet") for c in tok.children):
                return 2  # "both victims were hospitalized"
            return None if people else 0  # "people were shot": how many is not said; "cars were shot": nobody
        if (
            low in self.w.person_nouns
            or tok.ent_type_ == "PERSON"
            or low == "old"
            or any(c.lower_ == "old" or c.lower_ == "year" for c in tok.subtree)
            # not "the death of a 3-year-old girl", whose age is the girl's: a killing or a wound is nobody
            and tok.lemma_.lower() not in self.w.people_nominals
        ):
            return 1
        return 0

    def _measure(self, num) -> bool:
        """A number with a unit after it ("8 yo girl", "2 a.m.") or inside an age, date, address or gallery caption
        ("Photo 3 of 11 A 19-year-old died"): not how many."""
        end = num.idx + len(num.text)
        if self._not_counted.match(num.doc.text[end : end + UNIT_CHARS]):
            return True
        doc = num.doc
        if self._mask_cache[0] is not doc:
            self._mask_cache = (doc, self._masked(doc.text))
        return any(a < end and num.idx < b for a, b in self._mask_cache[1])

    @staticmethod
    def _extent(tok) -> tuple[int, int]:
        sub = [t for t in tok.subtree if t.dep_ not in ("conj", "cc", "appos", "punct", "relcl", "prep") or t is tok]
        return min(t.idx for t in sub), max(t.idx + len(t.text) for t in sub)
