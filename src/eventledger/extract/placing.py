"""Place policy: which place a report takes, the most precise one its sentence names, and where it is."""

from __future__ import annotations

import re
import string
from collections import Counter

from eventledger.extract.text import is_lowercase_text, load_first_names
from eventledger.extract.work import SegWork, evidence
from eventledger.knowledge.files import DATA, read_yaml, words
from eventledger.knowledge.gazetteer import BIG_PLACE, NEARBY_KM, distance_km, line_at
from eventledger.knowledge.place_index import NEIGHBOURHOOD_OF
from eventledger.knowledge.place_names import name_key
from eventledger.records import PLACE_RANK, Place, Report

# "WASHINGTON —", "san salvador, 10 jan 90 (acan-efe) --", "CHARLESTON, W.Va. (AP) -": what follows a place that
# opens a dateline (a lone hyphen only after the agency's name)
_DATELINE_RX = re.compile(r"(?:,[^\n—–]{0,40}?)?\s*(?:\([^)\n]{0,40}\)\s*(?:—|–|--|-\s)|(?:—|–|--))")
_LEAST_PRECISE = len(PLACE_RANK) - 1
_TAIL_SEP = re.compile(r"\s(?:-|–|—|\||::)\s")  # what parts a headline from the outlet's name after it
# a US broadcaster's call sign ("KXYZ", "WXYZ-TV"): a headline's tail that holds one names the station
_CALL_SIGN = re.compile(r"(?<![\w-])[KW][A-Z]{2,3}(?:-TV)?(?![\w-])")
HOME_COUNTRY = "US"  # the country whose local news names hamlets and neighbourhoods the gazetteer lacks
# "in the 3200 block of Elm Street": how US police and local news tell an address, a story of that country
_HOME_ADDRESS = re.compile(r"\b\d{2,6}\s+block\s+of\s+[A-Z0-9]")
# how US police, courts and local news speak, no other country's: a sheriff's deputies, state troopers, a city's
# police department, a 911 call, a district attorney, a medical examiner, a felony, a station's call sign that
# reports ("WXYZ reports")
_HOME_NEWS = re.compile(
    r"\bsheriff['\u2019]s\s+(?:office|department|deputies|deputy)\b|\bstate\s+(?:troopers?|police)\b"
    r"|\bhighway\s+patrol\b|\bpolice\s+department\b|\b911\b|\bdistrict\s+attorney\b|\bmedical\s+examiner\b"
    r"|\bfelony\b|\bmisdemeanor\b|(?-i:\b[KW][A-Z]{3}(?:-TV)?\s+(?:reports|reported|News)\b)",
    re.I,
)
_COMPASS_NAME = re.compile(r"(?:North|South|East|West|Northeast|Northwest|Southeast|Southwest)\s+(?P<city>.+)", re.I)
COUNTY_WORDS = frozenset(("county", "parish", "borough"))  # what ends a US county's name
PART_KM = 15  # a town this close to a big city its story names is told as a part of that city
_PART_GAP = r"\s+(?:{words})\s+of\s+(?:the\s+)?"
# what lies between a care place or verb and the town that only says where the wounded were taken
_CARE_BEFORE = (
    r"\b(?:was|were|been|being|and|then|later)\s+(?:{verbs})\s+(?:[\w-]+\s+){{0,2}}?to\s+"
    r"(?:[^.;\n]{{0,40}}?\b(?:{places})\s+(?:in|at|of|near)\s+(?:the\s+)?"
    r"|(?:(?:a|an|the)\s+)?(?:(?:nearby|local|area)\s+)?)$"
)
# "pronounced dead at 12:09 p.m. at Regional Medical Center in ": a death or treatment at a care place (dots of
# times and abbreviations allowed: read within the sentence)
_CARE_AT_BEFORE = (
    r"\b(?:{verbs})\b[^;\n]{{0,40}}?\bat\s+[^;\n]{{0,40}}?\b(?:{places})\s+(?:in|at|of|near)\s+(?:the\s+)?$"
)
# what says the place after it is where something happened: "in", "near", "outside of", "just north of"
_WHERE_BEFORE = re.compile(
    r"\b(?:in|near|outside(?:\s+of)?|(?:north|south|east|west|northeast|northwest|southeast|southwest)\s+of)"
    r"\s+(?:the\s+)?$",
    re.I,
)
# "Jane Roe, 34, of Aynor", "Jane Roe, 34, Aynor": where she lives, not where it happened
_OF_HOME = re.compile(r",\s+of\s+$|,\s+\d{1,3},\s+$")
# an embedded post's signature ("— Metro Police (@MetroPD) March 3, 2016"): who posted it, not where it happened
_POST_SIGNATURE = re.compile(
    r"(?:\u2014|\u2013|--?)[ \t]*[^\n\u2014\u2013()]{1,80}?\(@\w{1,30}\)"
    r"[ \t]*[A-Z][a-z]{2,8}\.?[ \t]+\d{1,2},[ \t]+\d{4}"
)
CARE_WINDOW = 80  # characters before a place read for what says the wounded were taken there
DATELINE_REACH = 600  # characters after a dateline read for the town the story says the shooting was in


def _county_word_after(text: str, end: int | None) -> bool:
    """The name goes on with a county word in any case ("Mathews county teen", "Mathews Co."): the county."""
    if end is None:
        return False
    nxt = text[end : end + 8].lower().split()
    return bool(nxt) and (nxt[0].rstrip(".,") in COUNTY_WORDS or nxt[0] == "co.")


def _guessed(place: Place, admin1s, votes, nearby) -> bool:
    """A bare town or county whose namesake nothing the story names told: not in a division it names or votes
    for, nor near a place it names."""
    if not (place.precision == "admin2" or (place.precision == "city" and place.city == place.name)):
        return False
    near = place.lat is not None and any(
        p.lat is not None and distance_km((p.lat, p.lon), (place.lat, place.lon)) < NEARBY_KM for p in nearby
    )
    return place.admin1 not in admin1s and not votes.get((place.country, place.admin1)) and not near


class Placer:
    def __init__(self, gazetteer, context_path=DATA / "places_context.yaml"):
        self.gazetteer = gazetteer
        d = read_yaml(context_path)
        self._outlet = re.compile(
            r"\b(?:" + "|".join(map(re.escape, sorted(words(d, "outlet_words", context_path.name)))) + r")\b", re.I
        )
        parts = "|".join(map(re.escape, sorted(words(d, "part_of_words", context_path.name))))
        self._part_gap = re.compile(_PART_GAP.format(words=parts), re.I)
        care = {
            k: "|".join(map(re.escape, sorted(words(d, k, context_path.name), key=len, reverse=True)))
            for k in ("care_places", "care_verbs", "care_at_verbs")
        }
        self._care = re.compile(_CARE_BEFORE.format(places=care["care_places"], verbs=care["care_verbs"]), re.I)
        at = _CARE_AT_BEFORE.format(places=care["care_places"], verbs=care["care_at_verbs"])
        self._care_at = re.compile(at, re.I)
        resident = "|".join(map(re.escape, sorted(words(d, "resident_after", context_path.name))))
        self._resident = re.compile(rf"[ \t]+(?:{resident})\b", re.I)
        # "the Tremont neighborhood", "the Maple Ridge Heights neighborhood" (a part the gazetteer lacks whole)
        # "the city's Oxford section" too
        self._neighbourhood_after = re.compile(r"(?:[ \t]+[A-Z][a-z]+)?[ \t]+(?:[Nn]eighbou?rhood|section)\b")
        self._in_before = re.compile(r"\bin\s+(?:the\s+)?$", re.I)  # "a shooting in Cedar Grove", not "outside"
        from spacy.lang.en.stop_words import STOP_WORDS

        self._first_names = load_first_names(STOP_WORDS)
        self._seen: tuple[object, tuple] | None = None  # the last segment's places, people set apart
        self._told: tuple[object, tuple] | None = None  # the last segment's countries and divisions
        self._phone: tuple[str, tuple[str, str] | None] | None = None  # the last text's phone numbers' state

    def places(self, w: SegWork) -> list[tuple[int, int, str]]:
        """The segment's places, less the surnames of people the text names ("Norman Robert Burke ... Burke")
        unless the text came in lowercase, and less those in a headline's tail that names the outlet (its home
        is context, not the event's place) or in an embedded post's signature (its author's account)."""
        return self._read(w)[0]

    def named(self, w: SegWork) -> list[str]:
        """The names of the segment's places that say where its story is, an outlet's home in the headline's tail
        too, but not the surnames of people it names ("Mark Jordan, 25" says nothing of Jordan or of Jordan,
        Montana): what the context of a name shared by several places is read from."""
        return [n for _, _, n in self._read(w)[1]]

    def _read(self, w: SegWork) -> tuple[list, list]:
        if self._seen is not None and self._seen[0] is w:
            return self._seen[1]
        hits = w.places
        if not is_lowercase_text(w.seg.text):  # restored capitals are guesses: no surname is read from them
            hits = self.gazetteer.people(w.text, hits, self._first_names)
        named = hits
        tail, end = self._outlet_tail(w.text)
        signed = [(m.start(), m.end()) for m in _POST_SIGNATURE.finditer(w.text)]
        hits = [h for h in hits if not tail <= h[0] < end and not any(a <= h[0] < b for a, b in signed)]
        self._seen = (w, (hits, named))
        return hits, named

    def _outlet_tail(self, text: str) -> tuple[int, int]:
        """Where the first line's outlet tail begins and ends ("Boy shot in Aynor - WXOW News 19 La Crosse, WI");
        an empty span when it has none."""
        end = text.find("\n")
        end = len(text) if end < 0 else end
        for m in _TAIL_SEP.finditer(text, 0, end):
            if self._outlet.search(text, m.end(), end) or (
                not text[:end].isupper() and _CALL_SIGN.search(text, m.end(), end)
            ):
                return m.start(), end
        return 0, 0

    def place_in(self, w: SegWork, a: int, b: int):
        """The most precise place in text[a:b], a town where the event was before one where someone lives
        ("Springfield man dies in Peoria shooting"), a town qualified by its state before one that is not ("Jane
        Roe (Kansas City, MO)"), then the first; a dateline is where the story was filed, not where the event
        happened, so it counts only when nothing else is named."""
        hits = [p for p in self.places(w) if a <= p[0] and p[1] <= b]
        told = [p for p in hits if not _DATELINE_RX.match(w.text, p[1]) or w.text[a : p[0]].strip()]
        hits = told or hits
        if not hits:
            return None
        hits = [p for p in hits if not self.cared_at(w, p)]
        if not hits:  # only where the wounded were taken: the story's place from before (`fallback_place`)
            return None
        # a name that goes on into a longer one ("the Vermont Knolls area") names a neighbourhood or a business,
        # not the state or town: the story's place from before when the sentence names no other
        hits = [p for p in hits if "," in p[2] or not self.gazetteer.goes_on(w.text, p[1])]
        if not hits:
            return None

        if all(self._home(w, h) for h in hits):
            # it names only where people live ("Waverly man killed in hunting accident"): where the story says it
            # happened, if it does ("... shot at a farm near Allison")
            told = self._where_told(w, a, b)
            if told is not None:
                return told

        def rank(h):
            cands = self.gazetteer.candidates(h[2])
            kind = min((PLACE_RANK.get(c.kind, _LEAST_PRECISE) for c in cands), default=_LEAST_PRECISE)
            key = name_key(h[2])
            if any(c.kind == "admin1" and name_key(c.name) == key for c in cands):
                # a state's own name ranks as the state it stands for, not as a small town of that name elsewhere
                # ("a Vermont man shot while hiking in Maine": a town of that name in another state is no likelier)
                alone = self.gazetteer.resolve(h[2])
                kind = PLACE_RANK.get(alone.precision, kind) if alone is not None else kind
            return kind, self._home(w, h), "," not in h[2]

        return min(hits, key=rank)  # min keeps the first of equal ranks

    def _home(self, w: SegWork, h) -> bool:
        """The town is told as where someone lives ("an Akron man", "Jane Roe, 34, of Aynor")."""
        return bool(self._resident.match(w.text, h[1]) or _OF_HOME.search(w.text, max(0, h[0] - 10), h[0]))

    def _where_told(self, w: SegWork, a: int, b: int, *, reach: int = DATELINE_REACH):
        """The first place the sentence text[a:b] or the lines right after it (DATELINE_REACH) name after a
        locative ("near Eldon", "in the Eldon area", "two miles north of Eldon") that is neither where someone lives
        nor where the wounded were taken, nor the start of a longer name; None when they name none. Further on, a
        story tells where people were taken, tried or lived before."""
        for p in self.places(w):
            if p[0] < a or p[0] > b + reach:
                continue
            if not _WHERE_BEFORE.search(w.text, max(0, p[0] - 40), p[0]):
                continue
            if self._home(w, p) or self.cared_at(w, p):
                continue
            if "," not in p[2] and self.gazetteer.goes_on(w.text, p[1]):
                continue
            return p
        return None

    @staticmethod
    def _stray(place: Place, countries) -> bool:
        """A town abroad in a US story whose country the story does not name: the gazetteer lacks the local
        place of that name (a neighbourhood, a hamlet) and knows only the foreign one ("Whitehaven", "Weir")."""
        return (
            place.precision == "city"
            and bool(countries)
            and countries[0] == HOME_COUNTRY
            and place.country not in countries
        )

    def fallback_place(self, w: SegWork, s0: int, *, skip: str = ""):
        """The segment's first place before the sentence (a dateline or earlier context), a qualified one first;
        for a headline or an
        opening sentence that names none, the segment's dateline ("DETROIT (WWJ) --" below the headline), else
        its first place. That place told only as where someone lives ("Waverly couple killed near Allison") yields
        to one its own sentence tells as where something happened (`_where_told`)."""
        hit = self._first_place(w, s0, skip)
        if hit is None or not self._home(w, hit):
            return hit
        a, b = next(((a, b) for a, b in w.sents if a <= hit[0] < b), (hit[0], hit[1]))
        told = self._where_told(w, a, b, reach=0)
        return told if told is not None and name_key(told[2]) != name_key(skip) else hit

    def _first_place(self, w: SegWork, s0: int, skip: str):
        places = self.places(w)
        places = [p for p in places if not self.cared_at(w, p)] or places
        places = [p for p in places if name_key(p[2]) != name_key(skip)] if skip else places
        # a name that goes on into a longer one ("the Jamaica Palms motel", "North Denver Willow Road") is a
        # business's or a street's, no more the story's place here than in a sentence (`place_in`)
        places = [p for p in places if "," in p[2] or not self.gazetteer.goes_on(w.text, p[1])] or places
        before = [p for p in places if p[1] <= s0]
        if before:  # on its line, a town qualified by its state is the surest ("Jane Roe (Kansas City, MO)")
            line = w.text.find("\n", before[0][0])
            return next((p for p in before if "," in p[2] and (line < 0 or p[0] < line)), before[0])
        # else the first place the story names below ("A gunman opened fire ... / It happened ... in Peoria.")
        line = self._dateline(w)
        if line is not None:
            return self._town_below(w, line, places) or line
        return places[0] if places else None

    def _town_below(self, w: SegWork, line, places):
        """A town of the dateline's state that the story's first lines say it happened in ("CHARLESTON, W.Va. (AP)
        -- Deputies were called to a shooting in Cedar Grove"): the dateline is where the story was filed."""
        home = self.gazetteer.resolve(line[2])
        if home is None or not home.admin1:
            return None
        key = name_key(line[2].rpartition(",")[0] or line[2])
        for p in places:
            if p[0] < line[1] or name_key(p[2].rpartition(",")[0] or p[2]) == key:
                continue
            if p[0] - line[1] > DATELINE_REACH:
                break
            if not self._in_before.search(w.text, max(0, p[0] - 30), p[0]) or not _in_prose(w.text, p[1]):
                continue  # a link's headline below the lede tells another story
            town = self.gazetteer.resolve(p[2], countries=(home.country,), admin1s=(home.admin1,))
            if town is not None and town.precision == "city" and town.admin1 == home.admin1:
                return p
        return None

    def cared_at(self, w: SegWork, hit) -> bool:
        """The place only says where the wounded were taken ("taken to a hospital in Memphis", "flown to
        Nashville"): a big city's hospital is seldom where the shooting happened."""
        start = max(0, hit[0] - CARE_WINDOW, *(w.text.rfind(c, 0, hit[0]) + 1 for c in ".!?\n"))
        if self._care.search(w.text, start, hit[0]):
            return True
        sent = next((s for s, e in w.sents if s <= hit[0] < e), start)
        return bool(self._care_at.search(w.text, max(sent, hit[0] - CARE_WINDOW), hit[0]))

    def _dateline(self, w: SegWork):
        return next(
            (
                p
                for p in self.places(w)
                if _DATELINE_RX.match(w.text, p[1]) and not w.text[w.text.rfind("\n", 0, p[0]) + 1 : p[0]].strip()
            ),
            None,
        )

    def _home_first(self, w: SegWork, countries: tuple[str, ...], *, local: bool = False) -> tuple[str, ...]:
        """A story that tells an address as US local news does ("the 3200 block of Elm Street"), or that a US
        broadcaster (`local`) tells, is of the US, then of the countries it names as such, not of those of big
        cities abroad that share a name of its towns ("Birmingham", "York", "Antioch") or of its words ("Metro").
        A country named by its people's word counts as named: a US station's world story ("in Paris on Wednesday,
        French officials said") is of France."""
        if not local and not _HOME_ADDRESS.search(w.text):
            return countries
        people = dict.fromkeys(self.gazetteer.demonym_countries(w.text))
        named = set(people)
        for _, _, n in w.places:
            where = self.gazetteer.division(n)
            if where is not None and where[0] is None:
                named.add(where[1])
        kept = tuple(c for c in countries if c != HOME_COUNTRY and c in named)
        return (HOME_COUNTRY, *kept, *(c for c in people if c != HOME_COUNTRY and c not in kept))

    def _text_context(self, w: SegWork) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The countries and divisions the segment names (a qualified town names both), every place of it read
        (an outlet's home too)."""
        if self._told is not None and self._told[0] is w:
            return self._told[1]
        countries, admin1s = self.gazetteer.context(self.named(w))
        told = (self._home_first(w, countries), admin1s)
        self._told = (w, told)
        return told

    def context(self, doc, w: SegWork, *, leave_out: str = "") -> tuple[tuple[str, ...], tuple[str, ...]]:
        """What the segment names (`_text_context`), then the country of the source's web host: what a name
        shared by several places is resolved against. With `leave_out`, what the segment's other names say (a
        big city abroad names its country: "Metro" alone says Indonesia)."""
        if leave_out:
            key = name_key(leave_out)
            countries, admin1s = self.gazetteer.context([n for n in self.named(w) if name_key(n) != key])
            countries = self._home_first(w, countries)
        else:
            countries, admin1s = self._text_context(w)
        url = getattr(doc, "url", None)
        host = self.gazetteer.host_country(url)
        if host and host not in countries:
            countries += (host,)
        if self.gazetteer.call_side(url):
            countries = self._home_first(w, countries, local=True)  # a US broadcaster's host ("wxyz4.com")
        # after what the text names: the division a web host spells ("centralillinoisproud.com") or its address's
        # section ("/news/ohio/"), then the state of the local phone numbers the story gives ("call 513-555-0142"),
        # whatever segment gives them
        section = self.gazetteer.section_division(url)
        if section is not None and countries and section[1] not in countries:
            section = None  # a section named like a division abroad ("/pasco/": a county's news, not Peru's region)
        for where in (self.gazetteer.host_division(url), section, self._phone_division(doc, w)):
            if where is not None:
                admin1s += (where[0],) if where[0] not in admin1s else ()
                countries += (where[1],) if where[1] not in countries else ()
        town = self.gazetteer.host_city(url)  # "lakeportgazette.com": the state of the outlet's town, last
        if town:
            # the namesake near the towns the segment names, not the biggest one (a Lakeport outlet's story that
            # names towns near the small Lakeport is that one's)
            near = self._towns_alone(self.named(w), leave_out=town)
            place = self.gazetteer.resolve(town, countries=countries, admin1s=admin1s, nearby=near)
            if place is not None and place.precision == "city" and place.admin1:
                # a local outlet's story is of its country too, though it names none or only namesakes abroad
                # ("Parma" alone is the Italian city)
                countries += (place.country,) if place.country not in countries else ()
                admin1s += (place.admin1,) if place.admin1 not in admin1s else ()
        return countries, admin1s

    def _phone_division(self, doc, w: SegWork) -> tuple[str, str] | None:
        """`Gazetteer.phone_division` of the document's whole text, read once per document (`context` runs for
        every place of every segment)."""
        text = getattr(doc, "text", None) or w.text
        if self._phone is None or self._phone[0] is not text:
            self._phone = (text, self.gazetteer.phone_division(text))
        return self._phone[1]

    def side(self, doc, w: SegWork) -> str | None:
        """The side of the Mississippi a US broadcaster's story is told from (`Gazetteer.call_side`): among
        namesakes in several states, the town on its side is likelier the one meant (Roswell of a K station)."""
        return self.gazetteer.call_side(getattr(doc, "url", None), w.text)

    def _part_of(self, w: SegWork, name: str):
        """The place a name is told to be part of ("the Kensington section of Philadelphia"), or None."""
        key = name_key(name)
        places = self.places(w)
        for (s, e, n), after in zip(places, places[1:], strict=False):
            if name_key(n) == key and self._part_gap.fullmatch(w.text, e, after[0]):
                return after
        return None

    def _county_named(self, w: SegWork, name: str, doc=None, end: int | None = None) -> str:
        """A bare name the story also writes as a county ("in Bartow" beside "in Bartow County", or with its state
        in a dateline: "LAUREL COUNTY, Ky."): that county, unless a big town bears the name (Dallas beside Dallas
        County is the city)."""
        if "," in name or any(c.kind == "city" and c.population >= BIG_PLACE for c in self.gazetteer.candidates(name)):
            return name
        key = name_key(name)
        for _, _, n in self.places(w):
            words = name_key(n.rpartition(",")[0] or n).split(" ")  # its state apart
            if " ".join(words[:-1]) == key and words[-1] in COUNTY_WORDS:
                if any(c.kind == "admin2" for c in self.gazetteer.candidates(n)) and not (
                    doc is not None and not _county_word_after(w.text, end) and self._seat_named(doc, w, name, n)
                ):
                    return n
        return name

    def _state_county(self, name: str, admin1s) -> str:
        """A bare name that no place of the story's one state bears, nor a big city anywhere, but a county of that
        state does ("DeKalb" in a Georgia story, where DeKalb is an Illinois town): that county, as local news
        calls a county by its name alone."""
        if "," in name:
            return name
        states = [a for a in admin1s if self.gazetteer.division(a) == (a, HOME_COUNTRY)]
        if len(states) != 1:
            return name
        cands = self.gazetteer.candidates(name)
        if not cands or any(c.admin1 == states[0] or c.population >= BIG_PLACE for c in cands):
            return name
        for word in sorted(COUNTY_WORDS):
            county = f"{name} {word.capitalize()}"
            if any(c.kind == "admin2" and c.admin1 == states[0] for c in self.gazetteer.candidates(county)):
                return county
        return name

    def _seat_named(self, doc, w: SegWork, name: str, county: str) -> bool:
        """The county, as the story's context (and the outlet's town) resolves it, holds a town of the bare name
        ("a Marion boy" beside Marion County, Kansas): the bare name is that town, the county named after it."""
        countries, admin1s = self.context(doc, w)
        nearby = self._nearby(doc, w, county)[0]
        c = self.gazetteer.resolve(county, countries=countries, admin1s=admin1s, nearby=nearby)
        if c is None or c.precision != "admin2":
            return False
        return any(
            t.kind == "city" and t.admin1 == c.admin1 and name_key(t.county or "") == name_key(c.name)
            for t in self.gazetteer.candidates(name)
        )

    def home_place(self, doc, w: SegWork) -> Place | None:
        """Where a local outlet's story is when its text names no place (a page behind a paywall, a story told
        to the town's own readers): a town its web address's path names ("/local/fort-worth/", "/lakeport-man-
        shot"), else the outlet's town its headline's tail names, else the town its host's name spells
        ("lakeportgazette.com"), resolved in the segment's context and in the country it names first.
        A guess: the report says it came from the address (meta `place_from`), and an event prefers a place its
        text tells (`resolve.event.event_place`)."""
        url = getattr(doc, "url", None)
        if not url:
            return None
        countries, admin1s = self.context(doc, w)
        tail, end = self._outlet_tail(w.text)
        names = [n for _, _, n in self.gazetteer.find(self.gazetteer.url_words(url))]
        names += [n for s, _, n in w.places if tail <= s < end]  # "... - WXOW News 19 La Crosse, WI"
        names.append(self.gazetteer.host_city(url) or "")
        for name in filter(None, names):
            place = self.gazetteer.resolve(name, countries=countries, admin1s=admin1s)
            # a word of the slug that is a town abroad is the word ("...-getting-a-perm")
            if place is not None and place.precision == "city" and place.country in (countries[:1] or (place.country,)):
                return place
        return None

    def outlet_town(self, doc, w: SegWork):
        """The town a local outlet's host name spells ("lakeportgazette.com"), as the candidate of that name in
        what the segment names (`context`), else its biggest namesake; None when the host spells none."""
        name = self.gazetteer.host_city(getattr(doc, "url", None))
        if not name:
            return None
        countries, admin1s = self._text_context(w)
        cands = [c for c in self.gazetteer.candidates(name) if c.kind == "city" and c.lat is not None]
        # a town of that very name before a bigger one that bears it as an alternate name (Augusta, not Augsburg)
        return max(
            cands,
            key=lambda c: (c.admin1 in admin1s, c.country in countries, name_key(c.name) == name, c.population),
            default=None,
        )

    def set_place(self, doc, w: SegWork, rep: Report, hit, *, stray_ok: bool = False) -> None:
        if hit is None:
            home = self.home_place(doc, w)
            if home is not None:
                rep.place = home
                rep.meta["place_from"] = "url"
            return
        s, e, name = hit
        whole = self._part_of(w, name)
        name = whole[2] if whole is not None else name  # the place it is part of, with this mention's evidence
        name = self._county_named(w, name, doc, e)
        countries, admin1s = self.context(doc, w)
        told = name
        name = self._state_county(name, admin1s)
        # the mention as written is left out of what places it ("DeKalb" read as DeKalb County votes for no town)
        nearby, outlet = self._nearby(doc, w, told)
        votes = self.gazetteer.division_votes(self.named(w), leave_out=told)
        side = self.side(doc, w)
        place = self.gazetteer.resolve(
            name, countries=countries, admin1s=admin1s, nearby=nearby, votes=votes, side=side
        )
        if place is None:
            return
        if "," not in name:
            place = self._state_meant(w, name, place) or place
            place = self._county_held(w, name, place, countries, nearby, side) or place
        others = self.context(doc, w, leave_out=name)[0]
        if place.country != HOME_COUNTRY and "," not in name and self._reads_home(doc, w, others, name, place):
            mine = dict(countries=others, admin1s=admin1s, nearby=nearby, votes=votes, side=side)
            place = self._home_namesake(w, name, place, **mine) or place
        if (
            not stray_ok
            and self._stray(place, others)
            and (self.gazetteer.is_word(name) or not self._big_cities(w, home=others[0]))
        ):
            # an unknown local name that only a town abroad bears ("Weir party shooting" in a Texas story), or a
            # word that is one ("Metro police" in a story of a US city): the story's place from elsewhere
            other = self.fallback_place(w, s, skip=name)
            return self.set_place(doc, w, rep, other, stray_ok=True) if other is not None else None
        if (
            not stray_ok
            and not others
            and place.precision == "city"
            and self.gazetteer.is_word(name)
            and not (side and place.country == HOME_COUNTRY)
            and not (place.country == HOME_COUNTRY and self._home_town_told(w, name))
        ):
            # a word that is also a town abroad, in a story that names no country ("Metro police say", "Police
            # officers"): the word, not the town; a US broadcaster's story names a US town ("in Mobile")
            other = self.fallback_place(w, s, skip=name)
            return self.set_place(doc, w, rep, other, stray_ok=True) if other is not None else None
        if place.precision in ("admin1", "admin2"):
            # a state, then the county the story names most in it, then the town it names in that county
            while place.precision in ("admin1", "admin2"):
                found = self._within(w, place, countries, admin1s, nearby, side=side)
                if found is None:
                    break
                (s, e, _), place = found
            home = self.home_place(doc, w) if place.precision in ("admin1", "admin2") else None
            if home is not None and _holds(place, home):
                # a state or county the story names no town of, that holds the town its address names: that town
                rep.place = home
                rep.meta["place_from"] = "url"
                return
        elif place.precision == "city" and "," not in name:
            told = self._state_told(w, place, name)
            if told:
                rep.meta["place_state"] = told
            place = self._city_of(w, place, name, others, outlet=outlet)
            local = self._unknown_local(w, name, place, admin1s, nearby) if place.city == place.name else None
            if local is not None:
                place = local
                rep.meta["place_state"] = "context"
        if "," not in name and rep.meta.get("place_state") != "qualified" and _guessed(place, admin1s, votes, nearby):
            # a guess by size, or by the station's side of the river alone, another story's outlet may correct
            rep.meta["place_guess"] = True
        place.evidence = evidence(doc, w.seg, s, e)
        rep.place = place

    def _nearby(self, doc, w: SegWork, name: str) -> tuple[list[Place], Place | None]:
        """The segment's other places, each as it resolves alone, and the outlet's town: a town near them is
        likelier the one meant (not the name itself in other letters: "DANVILLE (WSLS 10) -" alone is only its
        biggest namesake)."""
        nearby = self._towns_alone([n for _, _, n in self.places(w)], leave_out=name.rpartition(",")[0] or name, w=w)
        outlet = self.outlet_town(doc, w)
        nearby += [outlet] if outlet is not None and name_key(outlet.name) != name_key(name) else []
        return nearby, outlet

    def _towns_alone(self, names, *, leave_out: str, w: SegWork | None = None) -> list[Place]:
        """The towns among `names`, each as it resolves alone, but `leave_out`'s, with or without its state. With
        the segment `w`, a town the segment names beside a county that holds a namesake of it in another state is
        that namesake (`_county_held`: "outside Elmford in Lane County")."""
        key = name_key(leave_out)
        keys = {name_key(n.rpartition(",")[0] or n) for n in names}
        out = []
        for n in dict.fromkeys(n for n in names if name_key(n.rpartition(",")[0] or n) != key):
            p = self.gazetteer.resolve(n)
            if p is None or p.precision != "city" or self.gazetteer.stray_part(p, keys):
                continue
            held = self._county_held(w, n, p) if w is not None and "," not in n else None
            out.append(held if held is not None and held.precision == "city" else p)
        return out

    def _reads_home(self, doc, w: SegWork, others, name: str, place: Place) -> bool:
        """The story reads as home-country local news: what it names and its source (`context`) are of that
        country first and its text names a state, a county or a qualified town, or its phone numbers, call sign
        or block address say one; or it names no other country first and speaks as US police and local news do
        (`_HOME_NEWS`) or a US station's call sign follows its dateline ("SALISBURY (WXYZ) --"); or it names no
        country and the name is a country's that a home state bears (Georgia): English news names the state far
        more often. A big city's or namesakes' country alone is no sign ("San Miguel" beside "Berlin"), nor a
        state a national outlet's host spells ("washingtontimes.com" on "the massacre in Paris")."""
        if others[:1] not in ((), (HOME_COUNTRY,)):
            return False
        key = name_key(name)
        if others and (
            self.gazetteer.context([n for n in self.named(w) if name_key(n) != key])[1]
            or self._phone_division(doc, w)
            or _HOME_ADDRESS.search(w.text)
            or self.gazetteer.call_side(getattr(doc, "url", None), w.text)
        ):
            return True
        if _HOME_NEWS.search(w.text) or self.gazetteer.call_side(None, w.text):
            return True
        return (
            not others
            and place.precision == "country"
            and any(
                c.kind == "admin1" and c.country == HOME_COUNTRY and name_key(c.name) == key
                for c in self.gazetteer.candidates(name)
            )
        )

    def _home_namesake(self, w: SegWork, name: str, place: Place, **context) -> Place | None:
        """In a story whose other names and signals are of the home country first (a US station, a block
        address, a US state or town named), a bare name that a home place bears too is that place ("Salisbury",
        "Paris", "Cairo"), not its namesake abroad, unless the story tells it is abroad: it names that country
        by another name (its own, its people's word, a town qualified by it: "French police") or a dateline
        abroad. A country's name is the home namesake only when that is a state (Georgia) or a town of known
        population (Lebanon); a smaller town of its name (Jordan, Mexico) is likelier a person's origin told by
        the country's name. A word (`is_word`) is left to the stray-word rules unless told as a home town ("in
        Canton", `_home_town_told`)."""
        if self.gazetteer.is_word(name) and not self._home_town_told(w, name):
            return None
        cands = [c for c in self.gazetteer.candidates(name) if c.country == HOME_COUNTRY]
        if place.precision == "country":
            cands = [c for c in cands if c.kind == "admin1" or (c.kind == "city" and c.population)]
        if not cands or place.country in self._abroad_told(w, name):
            return None
        return self.gazetteer.resolve(name, within=HOME_COUNTRY, **context)

    def _abroad_told(self, w: SegWork, name: str) -> set[str]:
        """The countries other than the home one that the segment tells outright, other than by `name`: by their
        name, their people's word, a town qualified by them ("Bangalore, India"), or a dateline with no state
        after it ("PARIS (AP) --": a home town's dateline says its state, unless a home station writes it:
        "SALISBURY (WXYZ) --")."""
        key = name_key(name)
        told = set(self.gazetteer.demonym_countries(w.text))
        for _, _, n in self.places(w):
            if name_key(n) == key:
                continue
            base, comma, qual = n.rpartition(",")
            where = self.gazetteer.division(qual.strip() if comma else n)
            if where is not None and (comma or where[0] is None):
                told.add(where[1])
        line = self._dateline(w)
        if line is not None and "," not in line[2] and self.gazetteer.call_side(None, w.text) is None:
            p = self.gazetteer.resolve(line[2])
            if p is not None and p.country:
                told.add(p.country)
        told.discard(HOME_COUNTRY)
        return told

    def _home_town_told(self, w: SegWork, name: str) -> bool:
        """Whether a stop-listed word the segment finds as a place (with a place word after it: "Columbus police")
        is the home country's town of its name: a big city of that very name, or one the segment names after a
        locative ("in east Gary", `Gazetteer.town_after_locative`): one sense in the whole segment."""
        if self.gazetteer.us_town(name, BIG_PLACE):
            return True
        key = name_key(name)
        return any(self.gazetteer.town_after_locative(w.text, s, e) for s, e, n in self.places(w) if name_key(n) == key)

    def _state_meant(self, w: SegWork, name: str, place: Place) -> Place | None:
        """The state, not a city of its name ("Oklahoma" of Oklahoma City), when the segment says it means the
        state: "the state of Washington", "Washington state" (whatever city the name is), or, for a city that
        bears the state's name only as an alternate one, "in Oklahoma" or a town qualified by that state
        ("ELMDALE, Okla."); a city as big as New York keeps the name (`Gazetteer.state_named`)."""
        n = re.escape(name)
        if re.search(rf"\bstate\s+of\s+{n}\b|\b{n}\s+[Ss]tate\b(?!\s+[A-Z])", w.text):
            return self.gazetteer.state_named(name, place, told=True)
        state = self.gazetteer.state_named(name, place)
        if state is None:
            return None
        if re.search(rf"\bin\s+{n}\b(?!\s+[A-Z])", w.text):
            return state
        for _, _, other in self.places(w):
            if "," in other:
                q = self.gazetteer.resolve(other)
                if q is not None and (q.country, q.admin1) == (state.country, state.admin1):
                    return state
        return None

    def _county_held(self, w: SegWork, name: str, place: Place, countries=(), nearby=(), side=None) -> Place | None:
        """The namesake of a county or town of several states that the segment's other names place together: a
        county holding a town the segment names ("Ford City man" beside "Armstrong County"), a town in a county it
        names. None when they agree with `place` already, or point at no one state."""
        if place.precision not in ("city", "admin2"):
            return None
        kind = place.precision
        cands = [c for c in self.gazetteer.candidates(name) if c.kind == kind]
        if len({(c.country, c.admin1) for c in cands}) < 2:
            return None
        own = name_key(name)
        words = own.split(" ")
        bare = " ".join(words[:-1]) if kind == "admin2" and words[-1] in COUNTY_WORDS else own
        # not the name itself, nor the county's bare name ("in Elm" beside "Elm County", or read as that county:
        # the county, not the town of that name that another state's Elm County holds)
        others = [
            self.gazetteer.candidates(n)
            for n in dict.fromkeys(n for _, _, n in self.places(w))
            if name_key(n.rpartition(",")[0] or n) not in (own, bare) and name_key(self._county_named(w, n)) != own
        ]
        if kind == "admin2":  # the states where a town the segment names lies in a county of this name
            held = {
                (c.country, c.admin1)
                for cs in others
                for c in cs
                if c.kind == "city" and name_key(c.county or "") == own
            }
        else:  # the states of this name's towns that lie in a county the segment names
            counties = {(c.country, c.admin1, name_key(c.name)) for cs in others for c in cs if c.kind == "admin2"}
            held = {(c.country, c.admin1) for c in cands if (c.country, c.admin1, name_key(c.county or "")) in counties}
        if len(held) != 1 or (place.country, place.admin1) in held:
            return None
        ((country, admin1),) = held
        found = self.gazetteer.resolve(
            name, countries=(country, *countries), admin1s=(admin1,), nearby=nearby, side=side
        )
        return found if found is not None and (found.country, found.admin1) == (country, admin1) else None

    def _unknown_local(self, w: SegWork, name: str, place: Place, admin1s, nearby) -> Place | None:
        """A bare name that no place of the one state the story tells bears (a town qualified by it, a county of
        it, its name, its phone numbers; no other state), that only towns elsewhere of fewer than BIG_PLACE people
        bear, none of them near the places the segment names, told in the story's own sentences as where it
        happened ("a shooting in Elmwood.", "ELMWOOD TOWNSHIP (KXYZ) -"): a place of that state the gazetteer
        lacks (a neighbourhood, a township, a hamlet), placed no more precisely than the state, as an unknown
        dateline's town is (`Gazetteer.candidates`), or a part of the state's big city whose police the segment
        names, placed there. None else; a link's headline ("+ 1 hurt in Elmwood
        shooting") tells another story."""
        if place.precision != "city" or place.country != HOME_COUNTRY:
            return None
        key = name_key(name)
        if not any(
            (self._in_before.search(w.text, max(0, a - 30), a) or _DATELINE_RX.match(w.text, b))
            and _in_prose(w.text, b)
            for a, b, n in self.places(w)
            if name_key(n) == key
        ):
            return None
        states = [a for a in admin1s if self.gazetteer.division(a) == (a, HOME_COUNTRY)]
        if len(states) != 1 or place.admin1 == states[0]:
            return None
        cands = [c for c in self.gazetteer.candidates(name) if c.kind in ("city", "admin2")]
        if any(c.admin1 == states[0] or c.population >= BIG_PLACE for c in cands):
            return None
        pts = [(p.lat, p.lon) for p in nearby if p.lat is not None]
        if any(c.lat is not None and distance_km((c.lat, c.lon), p) < NEARBY_KM for c in cands for p in pts):
            return None
        town = string.capwords(name) if name.isupper() else name
        # a part of the state's big city whose police answer ("Birmingham PD: boy shot in Elmwood")
        for c in self._big_cities(w, least=BIG_PLACE, within=(HOME_COUNTRY, states[0])):
            if self._policed(w, c.name):
                return Place(
                    name=town,
                    city=c.name,
                    admin1=states[0],
                    country=HOME_COUNTRY,
                    lat=c.lat,
                    lon=c.lon,
                    precision="city",
                )
        return Place(name=town, city=town, admin1=states[0], country=HOME_COUNTRY, precision="city")

    def _state_told(self, w: SegWork, place: Place, name: str) -> str | None:
        """How the segment tells which of a bare town's namesakes it is: "qualified" when it names the town
        with that state elsewhere ("LAKEPORT, Ore." above "in Lakeport"), "named" when it names that state in
        words ("Oregon State Police said", a town qualified by it) and that moved the choice off the namesake the
        name alone resolves to, "context" when something else did (towns named near a namesake, the outlet's
        address or phone numbers: less sure, `resolve.places.big_city_at_home`); None when the name alone chose
        it (a guess by size, that another story of the event may correct: `resolve.event.event_place`)."""
        key = name_key(name)
        for _, _, n in self.places(w):
            if "," in n and name_key(n.rpartition(",")[0]) == key:
                q = self.gazetteer.resolve(n)
                if q is not None and (q.country, q.admin1) == (place.country, place.admin1):
                    return "qualified"
        alone = self.gazetteer.resolve(name)
        if alone is not None and (alone.country, alone.admin1) != (place.country, place.admin1):
            return "named" if place.admin1 in self._text_context(w)[1] else "context"
        return None

    def _city_of(self, w: SegWork, place: Place, name: str, context=(), *, outlet=None) -> Place:
        """A town in a big city's story told as a part of that city: one within PART_KM of a city of
        NEIGHBOURHOOD_OF people or more that the segment names, in its state ("East Garfield Park" in a Chicago
        story), or of BIG_PLACE people whose police the segment names, keeps its name with that city as its
        city."""
        if place.lat is None:
            return place
        part = self._told_neighbourhood(w, place, name)
        if part is not None:
            return part
        keys = {name_key(n.rpartition(",")[0] or n) for n in self.named(w)}
        stray = self.gazetteer.stray_part(place, keys)
        if place.city and place.city != place.name and not stray:
            return place  # a part of a city the gazetteer knows (a neighbourhood, a place in its postal area)
        # the outlet's big city counts as named for a name it may be part of ("in Austin" on a Chicago outlet's
        # page), not for the towns near it, which a story told as parts of its city would name with the city
        home = [outlet] if outlet is not None and outlet.population >= NEIGHBOURHOOD_OF else []
        # a name no town of the city's state bears is a part of a city of BIG_PLACE people too (a hospital or a
        # quarter of a city of 300,000), though only a city of NEIGHBOURHOOD_OF takes in the towns near it
        named = self._big_cities(w, least=BIG_PLACE)
        part = _compass_part(place, name, named + home)
        if part is not None:
            return part
        part = self._unknown_part(w, place, name, named + [c for c in home if c not in named], context, outlet=outlet)
        if part is not place or stray:
            return part  # a part of a city the story does not name ("Uptown") is no part of another city of ours
        if any(x.admin1 == place.admin1 and x.population >= BIG_PLACE for x in self.gazetteer.candidates(name)):
            return place  # a big city of its own
        big = self._big_cities(w, within=(place.country, place.admin1))
        if not self._peopled(place) and not self._policed(w, name):
            # a small place near a city of BIG_PLACE people whose police answer ("in Elm Hill ... Riverton police
            # said") is a part of that city too, unless its own police answer
            mine = self._big_cities(w, least=BIG_PLACE, within=(place.country, place.admin1))
            big += [c for c in mine if c not in big and self._policed(w, c.name)]
        for c in big:
            if c.country != place.country or c.admin1 != place.admin1 or name_key(c.name) == name_key(place.name):
                continue
            if distance_km((c.lat, c.lon), (place.lat, place.lon)) <= PART_KM:
                place.city = c.name
                return place
        return place

    def _told_neighbourhood(self, w: SegWork, place: Place, name: str) -> Place | None:
        """A name the story calls a neighbourhood ("Cleveland's Tremont neighborhood", "the Elmhurst
        neighborhood" below "TAMPA, Fla. -") is a part of the city the segment names most among its
        cities of BIG_PLACE people or more (a town of that name elsewhere is a namesake): it keeps its name with
        that city as its city, and that city's coordinates. None when it is told as no neighbourhood or the
        segment names no such city."""
        key = name_key(name)
        # the words after any of its mentions, found as a place or not ("Oakdale Heights neighborhood", where the
        # word after hides the small town of that name)
        if not any(
            self._neighbourhood_after.match(w.text, m.end())
            for m in re.finditer(rf"\b{re.escape(name)}\b", w.text, re.I)
        ):
            return None
        told = Counter(name_key(n.rpartition(",")[0] or n) for _, _, n in self.places(w))
        cities = [
            c for c in self._big_cities(w, least=BIG_PLACE) if name_key(c.name) != key and c.country == place.country
        ]
        if not cities:
            return None
        c = max(cities, key=lambda c: (told[name_key(c.name)], c.population))
        return Place(
            name=place.name, city=c.name, admin1=c.admin1, country=c.country, lat=c.lat, lon=c.lon, precision="city"
        )

    def _unknown_part(self, w: SegWork, place: Place, name: str, big, context=(), *, outlet=None) -> Place:
        """A name with no place of that name in the state of the one big city the segment names ("in Austin" in
        a Chicago story, "in Germantown" below "PHILADELPHIA (CBS) --") is a part of that city the gazetteer
        does not know: it keeps its name with that city as its city, and that city's coordinates. A place of its
        own is told as one: named with its state or in a dateline ("TAYLOR, Mich."), named more often than the
        city, or within NEARBY_KM of it (Blytheville in a Memphis outlet's story); and the city's state must be
        the one the segment's places lie in most (`division_votes`)."""
        key = name_key(name)
        homes = {(c.country, c.admin1) for c in big if name_key(c.name) != key}
        if len(homes) != 1:
            return place
        # parts of cities the segment does not name are namesakes of the city's own parts, not places elsewhere
        # ("Uptown" in an Oakland story is no part of Chicago)
        keys = {name_key(n.rpartition(",")[0] or n) for n in self.named(w)}
        line = self._dateline(w)
        told = [p for p in self.places(w) if name_key(p[2].rpartition(",")[0] or p[2]) == key]
        if any("," in p[2] or p == line for p in told):
            return place
        ((country, admin1),) = homes
        votes = self.gazetteer.division_votes(self.named(w))
        if votes.get((country, admin1), 0.0) < max(votes.values(), default=0.0):
            return place  # the segment's places lie elsewhere ("Tyler, Longview, Jacksonville": Texas)
        cands = [x for x in self.gazetteer.candidates(name) if not self.gazetteer.stray_part(x, keys)]
        same = [x for x in cands if (x.country, x.admin1) == (country, admin1)]
        far = bool(same) and self._far_namesakes(w, name, same, big)
        if ((place.country, place.admin1) == (country, admin1) or same) and not far:
            return place
        if place.country == country and {(x.country, x.admin1) for x in cands} == {(place.country, place.admin1)}:
            return place  # a name only towns of one state bear is that town ("Aynor" below a link to an Austin story)
        if place.country != country and any(x.population for x in cands) and not self._stray(place, context):
            return place  # a known town abroad ("York" in an Iraqi story) is no part of the city
        c = max((c for c in big if (c.country, c.admin1) == (country, admin1)), key=lambda c: c.population)
        city_told = sum(name_key(p[2].rpartition(",")[0] or p[2]) == name_key(c.name) for p in self.places(w))
        if c == outlet or (line is not None and name_key(line[2].rpartition(",")[0] or line[2]) == name_key(c.name)):
            # its home, named on every page of the outlet, or the dateline's city, which frames the whole story
            city_told = max(city_told, len(told))
        if len(told) > city_told or any(x.population >= c.population for x in cands):
            return place
        if place.lat is not None and distance_km((c.lat, c.lon), (place.lat, place.lon)) < NEARBY_KM and not far:
            return place
        return Place(
            name=place.name, city=c.name, admin1=admin1, country=country, lat=c.lat, lon=c.lon, precision="city"
        )

    def _far_namesakes(self, w: SegWork, name: str, same, big) -> bool:
        """Whether the state's places of this name are all small (no known population) and farther than PART_KM
        from every city of `big` whose police the segment names, and the name's own police are not named ("outside
        the Elmwood Market ... Riverton police said"): the name is a street's, a store's or a quarter's of that
        city, as a small town of that name outside it is not where its police answer."""
        policed = [c for c in big if c.lat is not None and self._policed(w, c.name)]
        if not policed or self._policed(w, name):
            return False
        return all(
            not x.population
            and x.lat is not None
            and all(distance_km((x.lat, x.lon), (c.lat, c.lon)) > PART_KM for c in policed)
            for x in same
        )

    def _peopled(self, place: Place) -> bool:
        """Whether a town of that name in the place's state has a known population (a city of 15,000 or more)."""
        return any(
            c.population
            for c in self.gazetteer.candidates(place.name or "")
            if c.kind == "city" and (c.country, c.admin1) == (place.country, place.admin1)
        )

    def _big_cities(self, w: SegWork, home: str | None = None, *, least: int = NEIGHBOURHOOD_OF, within=None):
        """The biggest namesake of each name the segment tells (of the division `within`, a (country, admin1),
        when given: Birmingham, Alabama beside an Alabama town, not the English city), where it is a city of
        `least` people or more (of the country `home`) and not a namesake the segment's counties place elsewhere
        (`_county_held`)."""
        out = []
        for n in dict.fromkeys(n for _, _, n in self.places(w)):
            cands = self.gazetteer.candidates(n)
            if within is not None:
                cands = [x for x in cands if (x.country, x.admin1) == within]
            c = max(cands, key=lambda x: x.population, default=None)
            if home is not None and c is not None and c.country != home:
                continue
            if c is not None and c.kind == "city" and c.population >= least and c.lat is not None:
                if "," in n or not self._held_elsewhere(w, n, c):
                    out.append(c)
        return out

    def _held_elsewhere(self, w: SegWork, name: str, c) -> bool:
        """Whether the segment names a county that holds a namesake of the big city `c` in another state
        ("just outside Elmford in Lane County", where the Elmford of Lane County is a small town): the story's
        town is that one, and the big city is no place it tells."""
        big = Place(name=c.name, city=c.name, admin1=c.admin1, country=c.country, precision="city")
        return self._county_held(w, name, big) is not None

    def _within(self, w: SegWork, division, countries, admin1s, nearby, *, side=None):
        """The first town or county the segment names inside a division that a report names alone ("Couple
        found dead in Vermont farmhouse" over "... their farm outside Barre"), or the first town in the state of a
        county a report names alone ("in southern Cole Parish ... just east of Millbrook"): the most precise
        consistent place, with its own mention as evidence. A big city is likelier where the victim was taken
        or the outlet is, and a dateline is the outlet's city: each is taken only when nothing else is named. A
        town whose own police the segment names comes first (`_policed`)."""
        line = self._dateline(w)
        finer = ("city", "admin2") if division.precision == "admin1" else ("city",)
        found = []
        # in a state, the town the segment names most ("FLAGSTAFF, Ariz. (AP)", "Flagstaff Medical Center", "the
        # Flagstaff campus" over a "Phoenix attorney"), then the first that is no dateline
        told = Counter(name_key(n.rpartition(",")[0] or n) for _, _, n in self.places(w))
        for hit in self.places(w):
            if name_key(hit[2]) == name_key(division.name) or name_key(self._county_named(w, hit[2])) == name_key(
                division.name
            ):
                continue  # the division itself, or its name without "County" ("in Bartow")
            if self.cared_at(w, hit):
                continue  # where the wounded were taken ("a county medical examiner ... a hospital in Elmdale")
            votes = self.gazetteer.division_votes(self.named(w), leave_out=hit[2])
            # the place of that name in the division, if there is one: the one consistent with the report's; the
            # name's own biggest namesake is no town near it ("Lowell" alone is Lowell, Massachusetts)
            key = name_key(hit[2].rpartition(",")[0] or hit[2])
            near = [x for x in nearby if name_key(x.name) != key]
            p = self.gazetteer.resolve(
                hit[2], countries=countries, admin1s=(division.admin1,), nearby=near, votes=votes, side=side
            )
            if p is None or p.precision not in finer or p.admin1 != division.admin1 or p.country != division.country:
                continue
            # a part of the city whose police answer is as told ("West Elsdon" beside "Chicago police")
            policed = self._policed(w, hit[2]) or bool(p.city) and self._policed(w, p.city)
            if division.precision == "admin1":
                found.append(((not policed, -told[name_key(p.name)], hit == line), hit, p))
                continue
            if p.admin2 and name_key(p.admin2) != name_key(division.name):
                continue  # a town of another county of the state ("LINCOLNTON, N.C." over Charlotte's hospital)
            big = any(c.population >= BIG_PLACE for c in self.gazetteer.candidates(hit[2]) if c.admin1 == p.admin1)
            found.append(((not policed, hit == line, big), hit, p))
        if division.precision == "admin1":
            # the outlet's city alone does not make a state a town; a dateline town too small for a newsroom (no
            # known population) does: the story was filed from where it happened ("ELMDALE, Okla. -- Authorities
            # in Oklahoma said")
            found = [f for f in found if f[1] != line or not self._peopled(f[2])]
        if not found:
            return None
        _, hit, p = min(found, key=lambda f: f[0])  # min keeps the first of equal ranks
        return hit, p

    @staticmethod
    def _policed(w: SegWork, name: str) -> bool:
        """The segment names the town's own police ("Elmdale police said", "the Elmdale Police Department"): a
        town's police answer calls inside it, so it is where the shooting was, not only where someone lives, a
        school's name or a big city the wounded were taken to."""
        town = name.rpartition(",")[0] or name
        return re.search(rf"\b{re.escape(town)}\s+(?:police|PD)\b", w.text, re.I) is not None


def _compass_part(place: Place, name: str, cities) -> Place | None:
    """A compass word and a big city's name ("North Baltimore") in a story of that city (named, or its outlet's
    home), where the town the gazetteer knows by that name lies far from it (a village in Ohio): the city's
    quarter, with that city as its city and its coordinates. None else; a town of that name near the city is a
    town of its own (East Cleveland)."""
    m = _COMPASS_NAME.fullmatch(name.strip())
    if m is None or place.lat is None:
        return None
    for c in cities:
        if name_key(c.name) == name_key(m.group("city")) and c.lat is not None:
            if distance_km((c.lat, c.lon), (place.lat, place.lon)) < NEARBY_KM:
                return None
            return Place(
                name=name, city=c.name, admin1=c.admin1, country=c.country, lat=c.lat, lon=c.lon, precision="city"
            )
    return None


def _in_prose(text: str, at: int) -> bool:
    """Whether the line that goes on at `at` ends as a sentence does, not as a headline or a link's title."""
    # the line read whole, not from `at`: a name that ends its line ends no sentence
    return line_at(text, at)[1].rstrip()[-1:] in '.!?"\u201d\u2019)'


def _holds(division: Place, town: Place) -> bool:
    """The town lies in the state or county (by its ZIP codes' county)."""
    if (town.country, town.admin1) != (division.country, division.admin1):
        return False
    return division.precision == "admin1" or name_key(town.admin2 or "") == name_key(division.name or "")
