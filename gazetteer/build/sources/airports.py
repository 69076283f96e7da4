"""Airports: the ``airportsdata`` package (MIT), those with an IATA code.

An airport with an IATA code is one with scheduled service (about 7,900 of the package's
28,000 rows). Its codes are never names: three-letter codes collide with words and acronyms
(ACC, BOS, MAN, CAN, ...). The names of an airport are

- its full name ("London Heathrow Airport", "Toronto Pearson International Airport");
- the name without a leading place name: the city or subdivision of the record, its country,
  or a settlement or area of that name within :data:`NEAR_KM` ("Heathrow Airport",
  "Pearson International Airport", "Airport Schiphol" read as "Schiphol Airport");
- each form with "International Airport" shortened to "Airport" ("Pearson Airport");
- for an airport named after a person of several words, the last name and "Airport"
  ("John F Kennedy International Airport" -> "Kennedy Airport", "de Gaulle Airport");
- the bare distinctive word ("Heathrow", "Gatwick", "Schiphol") under the conditions of
  :func:`bare_name_ok` (see :class:`BareNames`): one capitalised word of letters, not an
  English word nor a common personal name (US census first and last names), not a word of
  another airport's name, and not a word of any other place's names except places beside
  the airport (the namesake locality: Changi, Vnukovo) and at most one small settlement far
  away (Heathrow, Florida).

>>> a = Airport("LHR", "EGLL", "London Heathrow Airport", "London", "England", "GB", 51.47, -0.46)
>>> forms(a, lambda prefix: prefix == "London")
(['London Heathrow Airport', 'Heathrow Airport'], 'Heathrow')
>>> b = Airport("YYZ", "CYYZ", "Toronto Pearson International Airport", "Mississauga",
...             "Ontario", "CA", 43.68, -79.63)
>>> forms(b, lambda prefix: prefix == "Toronto")[0]  # doctest: +NORMALIZE_WHITESPACE
['Toronto Pearson International Airport', 'Toronto Pearson Airport',
 'Pearson International Airport', 'Pearson Airport']
>>> forms(Airport("AMS", "EHAM", "Amsterdam Airport Schiphol", "Amsterdam", "", "NL", 52.3, 4.8),
...       lambda prefix: prefix == "Amsterdam")
(['Amsterdam Airport Schiphol', 'Airport Schiphol', 'Schiphol Airport'], 'Schiphol')
>>> forms(Airport("JFK", "KJFK", "John F Kennedy International Airport", "New York", "New York",
...               "US", 40.64, -73.78), lambda prefix: False)[0][-1]
'Kennedy Airport'
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import airportsdata
import english_words
import names as census_names

from gazetteer.build.sources import Row
from gazetteer.geodesy import haversine_km
from gazetteer.model import Kind
from gazetteer.normalize import name_key
from gazetteer.prominence import index_score

AIRPORTS_CSV = Path(airportsdata.__file__).parent / "airports.csv"
CENSUS_DIR = Path(census_names.__file__).parent
FEATURE = "AIRP"
#: A leading place name this close to the airport is the place it serves ("Toronto").
NEAR_KM = 100.0
#: Small settlements whose names share the bare name and lie this close are the airport's
#: namesake locality (Changi); they do not block the bare name.
BESIDE_KM = 30.0
#: A bare name may be a word of the names of settlements smaller than this only: those beside
#: the airport and one far away (Heathrow, Florida), which the airport outranks
#: (``FEATURE_BONUS["AIRP"]``).
SMALL_NAMESAKE = 10_000

#: Words that say what sort of airport a name is, not which (checked in lower case).
GENERIC = frozenset(
    {
        "airport",
        "airports",
        "international",
        "intl",
        "ntl",
        "intcntl",
        "internationa",
        "aircenter",
        "aeroclub",
        "aeroplex",
        "regional",
        "municipal",
        "national",
        "domestic",
        "field",
        "airfield",
        "aerodrome",
        "airstrip",
        "airpark",
        "air",
        "park",
        "base",
        "station",
        "memorial",
        "executive",
        "metropolitan",
        "county",
        "city",
        "capital",
        "central",
        "downtown",
        "civil",
        "military",
        "afb",
        "raf",
        "cfb",
        "nas",
        "rnas",
        "army",
        "force",
        "seaplane",
        "heliport",
        "landing",
        "strip",
        "terminal",
        "jetport",
        "new",
        "old",
        "north",
        "south",
        "east",
        "west",
        "and",
        "the",
        "of",
    }
)
#: Words that make a name an airport's name; a form without one gets " Airport" ("Kalaburagi"
#: is the town, "Kalaburagi Airport" the airport).
AIRPORT_WORDS = frozenset(
    {
        "airport",
        "airfield",
        "aerodrome",
        "airstrip",
        "airpark",
        "heliport",
        "jetport",
        "sunport",
        "field",
        "base",
        "afb",
        "raf",
        "cfb",
        "nas",
        "rnas",
        "station",
    }
)
#: Bare words of airports named after a person whom the news names bare more often than the
#: airport (the census lists cover US names only).
PERSONS = frozenset({"jinnah", "lindbergh", "osmany", "hasanuddin", "juanda", "tribhuvan"})
_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "del", "della", "di", "van", "von", "la", "le"}
)
_WORD = re.compile(r"[^\s/\-–]+")
_BARE = re.compile(r"[A-Z][a-z]+(?:'[A-Z][a-z]+)?|[A-Z]'[A-Z][a-z]+")


@dataclass(frozen=True, slots=True)
class Airport:
    """One row of airportsdata."""

    iata: str
    icao: str
    name: str
    city: str
    subd: str
    country: str
    lat: float
    lon: float


def versions() -> dict[str, str]:
    return {p: metadata.version(p) for p in ("airportsdata", "english-words", "names")}


def airports() -> list[Airport]:
    """The airports with an IATA code, by code."""
    out = []
    with open(AIRPORTS_CSV, encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            if not r["iata"].strip() or not r["name"].strip():
                continue
            out.append(
                Airport(
                    iata=r["iata"].strip(),
                    icao=r["icao"].strip(),
                    name=" ".join(r["name"].split()),
                    city=r["city"].strip(),
                    subd=r["subd"].strip(),
                    country=r["country"].strip(),
                    lat=float(r["lat"]),
                    lon=float(r["lon"]),
                )
            )
    return sorted(out, key=lambda a: a.iata)


def common_words() -> frozenset[str]:
    """Lower-case English words (Webster's 2nd and GCIDE, from ``english-words``) and the
    US census's first and last names (from ``names``): never an airport's bare name."""
    words = set(english_words.get_english_words_set(["web2", "gcide"], alpha=True, lower=True))
    for f in ("dist.all.last", "dist.female.first", "dist.male.first"):
        for line in (CENSUS_DIR / f).read_text(encoding="utf-8").splitlines():
            if line.strip():
                words.add(line.split()[0].lower())
    return frozenset(words)


def _international(airport: Airport) -> bool:
    return any(w in ("international", "intl") for w in name_key(airport.name).split())


def _generic(word: str) -> bool:
    return word.lower().strip(".,()'") in GENERIC


def _airport_form(text: str) -> str:
    """'X International Airport' -> 'X Airport'; 'Airport X' -> 'X Airport'; else ''."""
    words = text.split()
    if len(words) >= 3 and [w.lower() for w in words[-2:]] == ["international", "airport"]:
        return " ".join([*words[:-2], "Airport"])
    if len(words) >= 2 and words[0].lower() == "airport" and not any(map(_generic, words[1:])):
        return " ".join([*words[1:], "Airport"])
    return ""


def _parts(name: str) -> list[str]:
    """The name and its alternatives: 'A (B) International Airport' -> also 'B International
    Airport'; 'A - B International Airport' -> 'B International Airport' and 'A International
    Airport'."""
    out = [name]
    m = re.search(r"\(([^)]*)\)", name)
    if m:
        main = " ".join((name[: m.start()] + name[m.end() :]).split())
        words = main.split()
        suffix: list[str] = []
        while words and _generic(words[-1]):
            suffix.insert(0, words.pop())
        out = [main, " ".join([m.group(1).strip(), *suffix])]
    elif " - " in name or " / " in name:
        segs = [s.strip() for s in re.split(r" [-/] ", name) if s.strip()]
        words = segs[-1].split()
        suffix = []
        while len(words) > 1 and _generic(words[-1]):
            suffix.insert(0, words.pop())
        out = [name, segs[-1], *(" ".join([s, *suffix]) for s in segs[:-1])]
    return [p for p in out if any(not _generic(w) for w in p.split())]


def _strip_place(text: str, is_place: Callable[[str], bool]) -> str:
    """The text without a leading place name (longest first, up to three words), or ''."""
    spans = list(_WORD.finditer(text))
    for k in (3, 2, 1):
        if k >= len(spans):
            continue
        rest = text[spans[k].start() :]
        if is_place(text[: spans[k - 1].end()]) and any(not _generic(w) for w in rest.split()):
            return rest
    return ""


def _distinctive(text: str) -> list[str]:
    """The words of a name without leading and trailing generic words."""
    words = text.replace("-", " ").split()
    while words and _generic(words[0]):
        words.pop(0)
    while words and _generic(words[-1]):
        words.pop()
    return words


def forms(airport: Airport, is_place: Callable[[str], bool]) -> tuple[list[str], str]:
    """The names of an airport and its candidate bare name ('' for none)."""
    out: list[str] = []
    bare = ""
    for part in _parts(airport.name):
        stripped = _strip_place(part, is_place)
        for f in (part, stripped):
            if not f:
                continue
            if not any(w.lower().strip(".,()'") in AIRPORT_WORDS for w in f.split()):
                f += " Airport"
            out.append(f)
            short = _airport_form(f)
            if short:
                out.append(short)
        words = _distinctive(stripped or part)
        # A bare word only for an airport of a named city ("London Heathrow") or an
        # international one ("Sheremetyevo International"): the ones the news names bare.
        major = bool(stripped) or "international" in part.lower().split()
        if len(words) == 1 and _BARE.fullmatch(words[0]) and len(words[0]) >= 4:
            if major and not bare:
                bare = words[0]
        elif len(words) >= 2 and words[-1][:1].isupper() and len(words[-1]) >= 3:
            last = words[-1:]
            if words[-2].lower() in _PARTICLES:
                last = [words[-2].lower(), *last]
            if len(last) < len(words):
                out.append(" ".join([*last, "Airport"]))
    if not out:  # a name of generic words only ("Municipal Airport"): kept as it is
        out.append(airport.name)
    seen: set[str] = set()
    names = []
    for n in out:
        k = name_key(n)
        if k and k not in seen:
            seen.add(k)
            names.append(n)
    return names, bare


_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _tokens(name: str) -> list[str]:
    low = name.lower()
    return [*_TOKEN.findall(low), *(name_key(name).split() if not name.isascii() else [])]


@dataclass(slots=True)
class _Owner:
    lat: float
    lon: float
    kind: Kind
    population: int


def bare_name_ok(
    airport: Airport, bare: str, owners: list[_Owner], rivals: int, common: frozenset[str]
) -> bool:
    """Whether ``bare`` may name the airport on its own: see the module's docstring.

    ``owners``: the other places with the word in one of their names; ``rivals``: how many
    other airports have it in theirs.
    """
    key = name_key(bare).replace(" ", "")
    if rivals or key in common or key in PERSONS or bare.lower() in common:
        return False
    if any(o.kind is not Kind.SETTLEMENT or o.population >= SMALL_NAMESAKE for o in owners):
        return False
    far = sum(haversine_km(airport.lat, airport.lon, o.lat, o.lon) > BESIDE_KM for o in owners)
    return far <= 1


def rows(places: Iterable[Row], progress: Callable[[str], None]) -> list[tuple[Row, Airport]]:
    """The airport rows (and their records), their names checked against the other places of
    the gazetteer. The caller sets each row's admin path."""
    places = list(places)
    aps = airports()
    country_names: dict[str, set[str]] = {}
    for r in places:
        if r.kind is Kind.COUNTRY and r.country:
            country_names.setdefault(r.country, set()).update(name_key(n) for n in r.names)
    # Leading place names: the record's city and subdivision, the country, or a settlement or
    # area of that name nearby.
    prefixes: set[str] = set()
    for a in aps:
        for part in _parts(a.name):
            spans = list(_WORD.finditer(part))
            for k in (1, 2, 3):
                if k <= len(spans):
                    prefixes.add(name_key(part[: spans[k - 1].end()]))
            prefixes.update(name_key(w) for w in part.split())
    near: dict[str, list[tuple[float, float]]] = {}
    for r in places:
        if r.kind in (Kind.SETTLEMENT, Kind.ADMIN1, Kind.ADMIN2, Kind.DISTRICT):
            key = name_key(r.name)
            if key in prefixes:
                near.setdefault(key, []).append((r.lat, r.lon))

    def is_place_of(a: Airport) -> Callable[[str], bool]:
        own = {name_key(a.city), name_key(a.subd), *country_names.get(a.country, ())} - {""}
        own |= {name_key(c) for c in re.split(r"[,/]", a.city) if c.strip()}

        def is_place(prefix: str) -> bool:
            k = name_key(prefix)
            return k in own or any(
                haversine_km(a.lat, a.lon, lat, lon) <= NEAR_KM for lat, lon in near.get(k, ())
            )

        return is_place

    found = []
    for a in aps:
        is_place = is_place_of(a)
        names, bare = forms(a, is_place)
        # A bare name that is the town the airport serves or stands in stays the town's.
        found.append((a, names, "" if bare and is_place(bare) else bare))
    # Who else has each candidate bare word in a name: other places, other airports.
    wanted = {bare.lower(): bare for _, _, bare in found if bare}
    wanted.update({name_key(bare): bare for _, _, bare in found if bare})
    owners: dict[str, list[_Owner]] = {}
    for r in places:
        hit = {wanted[t] for n in r.names for t in _tokens(n) if t in wanted}
        for bare in hit:
            owners.setdefault(bare, []).append(_Owner(r.lat, r.lon, r.kind, r.population))
    in_airports: dict[str, set[str]] = {}
    for a, names, _ in found:
        for t in {wanted[t] for n in names for t in _tokens(n) if t in wanted}:
            in_airports.setdefault(t, set()).add(a.iata)
    common = common_words()
    out: list[tuple[Row, Airport]] = []
    n_bare = 0
    for a, names, bare in found:
        if bare and bare_name_ok(
            a, bare, owners.get(bare, []), len(in_airports.get(bare, set()) - {a.iata}), common
        ):
            names = [*names, bare]
            n_bare += 1
        row = Row(
            id=f"iata:{a.iata}",
            name=names[0],
            kind=Kind.FACILITY,
            country=a.country or None,
            lat=a.lat,
            lon=a.lon,
            feature=FEATURE,
            names=names,
            parents=[f"country:{a.country}"],
            # International airports first among namesakes ("Kennedy Airport": JFK).
            prominence=index_score(Kind.FACILITY, 0, FEATURE) + (0.5 if _international(a) else 0.0),
        )
        out.append((row, a))
    progress(f"airports: {len(out):,}, {n_bare} of them also by a bare name")
    return out
