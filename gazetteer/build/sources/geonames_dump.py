"""Official GeoNames dump files a user downloads from download.geonames.org/export/dump/.

- ``allCountries.zip`` or a country file such as ``AZ.zip`` (or the ``.txt`` inside): the
  19-column, tab-separated ``geoname`` table; populated places (class P) become settlements,
  hydrographic, relief, undersea and vegetation features (H, T, U, V) physical places;
- ``alternateNamesV2.zip`` (or ``alternateNames.zip``): extra names per geonameid;
- ``admin1CodesASCII.txt``: admin-1 names by ``CC.A1`` code.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from gazetteer.build.sources import Row
from gazetteer.build.sources.packaged import SKIP_LANGS
from gazetteer.errors import DumpError
from gazetteer.model import Kind
from gazetteer.prominence import index_score

PHYSICAL_CLASSES = {"H", "T", "U", "V"}


def _open_text(path: Path) -> Iterator[tuple[str, IO[str]]]:
    """(member name, text stream) for a .txt file or each .txt member of a .zip."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as zf:
            for member in zf.namelist():
                if member.endswith(".txt") and not member.lower().startswith("readme"):
                    with zf.open(member) as raw:
                        yield member, io.TextIOWrapper(raw, encoding="utf-8")
    else:
        with open(path, encoding="utf-8") as fh:
            yield path.name, fh


def kind_of(path: Path) -> str:
    """'alternates', 'admin1' or 'geoname', from the file name."""
    stem = path.name.lower()
    if stem.startswith("alternatenames"):
        return "alternates"
    if stem.startswith("admin1codes"):
        return "admin1"
    return "geoname"


def validate(path: Path) -> None:
    """Check the first line of a dump file has the columns of its kind (fast, before a build)."""
    want = {"geoname": 19, "alternates": 10, "admin1": 4}[kind_of(path)]
    try:
        for member, fh in _open_text(path):
            first = fh.readline().rstrip("\n")
            if not first:
                continue
            cols = len(first.split("\t"))
            # alternateNames (v1) has 8 columns, alternateNamesV2 10
            if cols != want and not (want == 10 and cols == 8):
                raise DumpError(
                    f"{path.name}:{member}: expected {want} tab-separated columns "
                    f"of a GeoNames {kind_of(path)} file, got {cols}"
                )
            return
    except (OSError, UnicodeDecodeError, zipfile.BadZipFile) as exc:
        raise DumpError(f"{path.name}: not a readable GeoNames dump ({exc})") from exc
    raise DumpError(f"{path.name}: empty")


def read_admin1(path: Path) -> dict[str, str]:
    out = {}
    for _, fh in _open_text(path):
        for line in fh:
            c = line.rstrip("\n").split("\t")
            if len(c) >= 2:
                out[c[0]] = c[1]
    return out


def read_alternates(path: Path, wanted: set[int] | None = None) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for _, fh in _open_text(path):
        for line in fh:
            c = line.rstrip("\n").split("\t")
            if len(c) < 4 or c[2] in SKIP_LANGS:
                continue
            try:
                gid = int(c[1])
            except ValueError as exc:
                raise DumpError(f"{path.name}: not an alternateNames file") from exc
            if wanted is None or gid in wanted:
                out.setdefault(gid, []).append(c[3])
    return out


def read_geonames(
    path: Path, admin1_names: dict[str, str], country_names: dict[str, str]
) -> Iterator[Row]:
    """Settlements and physical features of a geoname table."""
    for member, fh in _open_text(path):
        for n, line in enumerate(fh, 1):
            c = line.rstrip("\n").split("\t")
            if len(c) != 19:
                raise DumpError(
                    f"{path.name}:{member}:{n}: expected 19 tab-separated columns, got {len(c)}"
                )
            fclass, fcode = c[6], c[7]
            if fclass == "P":
                kind = Kind.SETTLEMENT
            elif fclass in PHYSICAL_CLASSES:
                kind = Kind.PHYSICAL
            else:
                continue
            try:
                gid, lat, lon = int(c[0]), float(c[4]), float(c[5])
                pop = int(c[14] or 0)
            except ValueError as exc:
                raise DumpError(f"{path.name}:{member}:{n}: bad number") from exc
            cc = c[8] or None
            admin = tuple(
                x
                for x in (country_names.get(c[8], ""), admin1_names.get(f"{c[8]}.{c[10]}", ""))
                if x
            )
            names = [c[1], c[2], *(a for a in c[3].split(",") if a)]
            yield Row(
                id=f"geonames:{gid}",
                name=c[1],
                kind=kind,
                country=cc,
                lat=lat,
                lon=lon,
                population=pop,
                feature=fcode,
                admin=admin,
                names=names,
                parents=[f"admin1:{c[8]}.{c[10]}"] if c[10] else [],
                prominence=index_score(kind, pop, fcode),
            )
