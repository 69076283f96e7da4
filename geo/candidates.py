"""Candidates: the gazetteer places a mention's text might name, looked up once per process.

Besides the text itself the look-up tries the name without a cue word ("Laurel County" ->
"Laurel" as an admin-2 unit), the standard news abbreviations of US states and Canadian
provinces ("Ky.", "Calif.", "B.C."), and the gazetteer's fuzzy search for transliterations.

>>> expand("Calif.")
'California'
>>> expand("Paris")
'Paris'
>>> strip_cue("Laurel County")
('Laurel', 'county')
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

from gazetteer.model import Kind, Place
from gazetteer.normalize import name_key
from gazetteer.prominence import ProminenceCurve

#: Abbreviations of US states (AP style) and Canadian provinces as newspapers print them.
ABBREVIATIONS: dict[str, str] = {
    "Ala.": "Alabama",
    "Ariz.": "Arizona",
    "Ark.": "Arkansas",
    "Calif.": "California",
    "Cal.": "California",
    "Colo.": "Colorado",
    "Conn.": "Connecticut",
    "Del.": "Delaware",
    "Fla.": "Florida",
    "Ga.": "Georgia",
    "Ill.": "Illinois",
    "Ind.": "Indiana",
    "Kan.": "Kansas",
    "Kans.": "Kansas",
    "Ky.": "Kentucky",
    "La.": "Louisiana",
    "Md.": "Maryland",
    "Mass.": "Massachusetts",
    "Mich.": "Michigan",
    "Minn.": "Minnesota",
    "Miss.": "Mississippi",
    "Mo.": "Missouri",
    "Mont.": "Montana",
    "Neb.": "Nebraska",
    "Nebr.": "Nebraska",
    "Nev.": "Nevada",
    "N.H.": "New Hampshire",
    "N.J.": "New Jersey",
    "N.M.": "New Mexico",
    "N.Y.": "New York",
    "N.C.": "North Carolina",
    "N.D.": "North Dakota",
    "Okla.": "Oklahoma",
    "Ore.": "Oregon",
    "Oreg.": "Oregon",
    "Pa.": "Pennsylvania",
    "Penn.": "Pennsylvania",
    "R.I.": "Rhode Island",
    "S.C.": "South Carolina",
    "S.D.": "South Dakota",
    "Tenn.": "Tennessee",
    "Tex.": "Texas",
    "Vt.": "Vermont",
    "Va.": "Virginia",
    "Wash.": "Washington",
    "W.Va.": "West Virginia",
    "W. Va.": "West Virginia",
    "Wis.": "Wisconsin",
    "Wisc.": "Wisconsin",
    "Wyo.": "Wyoming",
    "D.C.": "District of Columbia",
    "B.C.": "British Columbia",
    "Alta.": "Alberta",
    "Sask.": "Saskatchewan",
    "Man.": "Manitoba",
    "Ont.": "Ontario",
    "Que.": "Quebec",
    "N.S.": "Nova Scotia",
    "N.B.": "New Brunswick",
    "Nfld.": "Newfoundland and Labrador",
    "P.E.I.": "Prince Edward Island",
    "NSW": "New South Wales",
    "N.S.W.": "New South Wales",
    "Qld": "Queensland",
    "Qld.": "Queensland",
    "Tas.": "Tasmania",
    "Vic.": "Victoria",
}

#: Cue words that end a name and the kinds of place they ask for.
CUE_KINDS: dict[str, frozenset[Kind]] = {
    "county": frozenset({Kind.ADMIN2, Kind.DISTRICT}),
    "district": frozenset({Kind.DISTRICT, Kind.ADMIN2, Kind.ADMIN1}),  # the first fits best
    "region": frozenset({Kind.REGION, Kind.ADMIN1, Kind.DISTRICT, Kind.ADMIN2}),
    "corridor": frozenset({Kind.CORRIDOR}),
    "river": frozenset({Kind.PHYSICAL}),
    "lake": frozenset({Kind.PHYSICAL}),
    "mountains": frozenset({Kind.PHYSICAL}),
    "island": frozenset({Kind.PHYSICAL, Kind.SETTLEMENT, Kind.ADMIN2}),
    "city": frozenset({Kind.SETTLEMENT}),
    "airport": frozenset({Kind.FACILITY}),
}
_CUE_SUFFIXES = (
    "county",
    "parish",
    "township",
    "borough",
    "co",
    "co.",
    "district",
    "region",
    "province",
    "corridor",
    "river",
    "lake",
    "mountains",
    "oblast",
    "airport",
)


_BROAD = frozenset(
    {Kind.COUNTRY, Kind.CONTINENT, Kind.ADMIN1, Kind.REGION, Kind.CORRIDOR, Kind.DISTRICT}
)


#: Demonyms that suffix rules do not reach (the rest: "Russian" -> Russia, "Iraqi" -> Iraq).
DEMONYM_EXCEPTIONS: dict[str, str] = {
    "american": "United States",
    "americans": "United States",
    "british": "United Kingdom",
    "briton": "United Kingdom",
    "english": "England",
    "french": "France",
    "german": "Germany",
    "germans": "Germany",
    "dutch": "Netherlands",
    "swiss": "Switzerland",
    "greek": "Greece",
    "turkish": "Turkey",
    "spanish": "Spain",
    "danish": "Denmark",
    "swedish": "Sweden",
    "finnish": "Finland",
    "polish": "Poland",
    "irish": "Ireland",
    "scottish": "Scotland",
    "welsh": "Wales",
    "flemish": "Flanders",
    "filipino": "Philippines",
    "thai": "Thailand",
    "lao": "Laos",
    "peruvian": "Peru",
    "argentine": "Argentina",
    "argentinian": "Argentina",
    "saudi": "Saudi Arabia",
    "emirati": "United Arab Emirates",
    "kiwi": "New Zealand",
    "cypriot": "Cyprus",
    "malagasy": "Madagascar",
    "basque": "Basque Country",
    "kurdish": "Kurdistan",
    "european": "Europe",
    "african": "Africa",
    "asian": "Asia",
    "arab": "Arab world",
    "ossetian": "Ossetia",
    "tamil": "Tamil Nadu",
}
#: Suffix rules, tried in order: (demonym ending, place ending).
DEMONYM_SUFFIXES: tuple[tuple[str, str], ...] = (
    ("ians", "ia"),
    ("ian", "ia"),
    ("ian", "a"),
    ("ans", "a"),
    ("an", "a"),
    ("ian", ""),
    ("an", ""),
    ("ese", "a"),
    ("ese", ""),
    ("is", ""),
    ("i", ""),
    ("ish", "ey"),
    ("ish", "y"),
    ("ish", "land"),
    ("n", ""),
    ("ns", ""),
    ("ic", "ia"),
)


def demonym_forms(text: str) -> list[str]:
    """Place names a demonym or country adjective may come from ("Syrian" -> "Syria").

    >>> demonym_forms("Russians")
    ['Russia']
    >>> demonym_forms("Turkish")[0], demonym_forms("Sri Lankan")[0]
    ('Turkey', 'Sri Lanka')
    """
    words = text.split()
    last = words[-1]
    head = " ".join([*words[:-1], ""])
    low = last.lower()
    if low in DEMONYM_EXCEPTIONS:
        return [head + DEMONYM_EXCEPTIONS[low]]
    out: list[str] = []
    for end, repl in DEMONYM_SUFFIXES:
        if low.endswith(end) and len(low) > len(end) + 2:
            form = head + last[: len(last) - len(end)] + repl
            if form not in out:
                out.append(form)
    return out


class GazetteerLike(Protocol):
    def lookup(self, name: str, *, kinds: Any = None, country: Any = None) -> list[Place]: ...

    def search(self, name: str, *, limit: int = 10) -> list[Any]: ...


def expand(text: str) -> str:
    """The full name of a news abbreviation, or the text unchanged."""
    return ABBREVIATIONS.get(text.strip(), text)


def strip_cue(text: str) -> tuple[str, str | None]:
    """Split a trailing cue word off a name ("Laurel County" -> ("Laurel", "county"))."""
    words = text.split()
    if len(words) > 1 and words[-1].lower() in _CUE_SUFFIXES:
        cue = words[-1].lower().rstrip(".")
        cue = {
            "parish": "county",
            "township": "county",
            "borough": "county",
            "co": "county",
            "province": "region",
            "oblast": "region",
        }.get(cue, cue)
        return " ".join(words[:-1]), cue
    return text, None


class CandidateSource:
    """Gazetteer look-ups for mention texts, cached per process (thread-safe).

    ``curve`` weighs how prominent a place is; fuzzy candidates (spellings the gazetteer does
    not have) need ``fuzzy_min_score`` and a name of at least ``fuzzy_min_length`` letters.
    """

    def __init__(
        self,
        gazetteer: GazetteerLike,
        *,
        curve: ProminenceCurve | None = None,
        fuzzy_min_score: float = 0.95,
        fuzzy_min_length: int = 5,
    ) -> None:
        self.gazetteer = gazetteer
        self.curve = curve or ProminenceCurve()
        self.fuzzy_min_score = fuzzy_min_score
        self.fuzzy_min_length = fuzzy_min_length
        self._cache: dict[str, tuple[Place, ...]] = {}
        self._lock = threading.Lock()

    def place_prominence(self, place: Place) -> float:
        """How surely a bare name means this place, in [0, 1]."""
        return self.curve.of(place)

    def places(self, text: str) -> tuple[Place, ...]:
        """Places the text may name, the gazetteer's best first ('' -> nothing)."""
        # Keyed on the name looked up: "Ga." (Georgia) and "GA" share a key but not a meaning,
        # so a key of the text alone would answer one with the other's places.
        key = name_key(expand(text))
        got = self._cache.get(key)
        if got is not None:
            return got
        found = self._lookup(text)
        with self._lock:
            self._cache[key] = found
        return found

    def _lookup(self, text: str) -> tuple[Place, ...]:
        name = expand(text)
        if not name_key(name):
            return ()
        seen: dict[str, Place] = {}
        for p in self.gazetteer.lookup(name):
            seen.setdefault(p.id, p)
        base, cue = strip_cue(name)
        if cue is not None and base != name:
            for p in self.gazetteer.lookup(base):
                if p.kind in CUE_KINDS.get(cue, frozenset()) or (
                    cue in ("county",) and p.kind in (Kind.ADMIN2, Kind.DISTRICT)
                ):
                    seen.setdefault(p.id, p)
        return tuple(seen.values())

    def fuzzy_places(self, text: str) -> tuple[Place, ...]:
        """Places found by the gazetteer's fuzzy search (spelling variants), cached."""
        key = "~" + name_key(expand(text))
        got = self._cache.get(key)
        if got is not None:
            return got
        found: dict[str, Place] = {}
        if len(text) >= self.fuzzy_min_length:
            for m in self.gazetteer.search(expand(text), limit=5):
                if getattr(m, "score", 0.0) >= self.fuzzy_min_score:
                    found.setdefault(m.place.id, m.place)
        with self._lock:
            self._cache[key] = tuple(found.values())
        return self._cache[key]

    def demonym_places(self, text: str) -> tuple[Place, ...]:
        """The countries and areas a demonym may stand for ("Georgian" -> Georgia), cached."""
        key = "@" + name_key(text)
        got = self._cache.get(key)
        if got is not None:
            return got
        found: tuple[Place, ...] = ()
        for form in demonym_forms(text):
            places = tuple(
                p
                for p in self.places(form)
                if (p.kind in _BROAD and name_key(p.name) == name_key(form))
                or p.kind in (Kind.COUNTRY, Kind.CONTINENT)
            )
            if places:
                found = places
                break
        with self._lock:
            self._cache[key] = found
        return found

    def is_settlement(self, text: str) -> bool:
        """Whether a settlement of the gazetteer has exactly this name."""
        key = name_key(text)
        return any(p.kind == Kind.SETTLEMENT and name_key(p.name) == key for p in self.places(text))

    def prominence(self, text: str) -> float:
        """How surely the text names a place, in [0, 1] (0: the gazetteer has no such name).

        A match on a place's own name counts fully; a match on one of its many alternate names
        (other languages, old names, codes) counts fully only for countries and first-level
        areas, and half for anything else: "Brown" is an alternate name of some town, but no
        reason to read the surname as a place.
        """
        key = name_key(expand(text))
        best = 0.0
        for p in self.places(text):
            v = self.curve.of(p)
            if name_key(p.name) != key:
                v *= 0.9 if p.kind in _BROAD else 0.5
            best = max(best, v)
        return best
