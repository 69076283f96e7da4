"""Command line: ``python -m gazetteer lookup|build|info``.

python -m gazetteer lookup Stepanakert --json
python -m gazetteer lookup Askeran --kind district
python -m gazetteer lookup Stepanakrt --fuzzy
python -m gazetteer build [--if-needed] [--geonames FILE ...] [--output PATH]
python -m gazetteer info
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

from gazetteer.errors import DumpError
from gazetteer.model import Kind, Place

EXIT_USAGE = 2


def place_json(p: Place, score: float | None = None, matched: str | None = None) -> dict[str, Any]:
    d: dict[str, Any] = {
        "id": p.id,
        "name": p.name,
        "kind": p.kind.value,
        "country": p.country,
        "lat": round(p.lat, 6),
        "lon": round(p.lon, 6),
        "population": p.population,
        "admin": list(p.admin),
        "approximate": p.approximate,
        "geometry_type": p.geometry_type,
    }
    if p.feature:
        d["feature"] = p.feature
    if score is not None:
        d["score"] = score
        d["matched_name"] = matched
    return d


def _line(d: dict[str, Any]) -> str:
    where = ", ".join([*d["admin"][1:], d["country"] or ""]).strip(", ")
    extra = f"  score {d['score']:.2f} via {d['matched_name']!r}" if "score" in d else ""
    approx = " (approximate)" if d["approximate"] else ""
    return (
        f"{d['id']:<28} {d['kind']:<10} {d['name']}{' — ' + where if where else ''}  "
        f"{d['lat']:.4f}, {d['lon']:.4f}  pop {d['population']:,}  "
        f"{d['geometry_type']}{approx}{extra}"
    )


def cmd_lookup(args: argparse.Namespace) -> int:
    import gazetteer

    name: str = args.name
    if not name.strip() or len(name) > 1000 or not name.isprintable():
        print("error: give a place name (printable text, at most 1000 characters)", file=sys.stderr)
        return EXIT_USAGE
    gaz = gazetteer.open(args.index)
    kinds = [Kind(k) for k in args.kind] if args.kind else None
    if args.fuzzy:
        results = [
            place_json(m.place, m.score, m.matched_name)
            for m in gaz.search(name, limit=max(args.limit * 3, 30))
            if (kinds is None or m.place.kind in kinds)
            and (not args.country or m.place.country == args.country.upper())
        ]
    else:
        results = [place_json(p) for p in gaz.lookup(name, kinds=kinds, country=args.country)]
    results = results[: args.limit]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
    elif not results:
        print(f"no place called {name!r}" + ("" if args.fuzzy else " (try --fuzzy)"))
    else:
        for d in results:
            print(_line(d))
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    from gazetteer.build import build, build_id
    from gazetteer.build.sources.geonames_dump import validate
    from gazetteer.index import check_index
    from gazetteer.paths import default_index_path

    t = time.perf_counter()
    path = Path(args.output) if args.output else default_index_path()
    files = [Path(f) for f in args.geonames or []]
    for f in files:
        if not f.is_file():
            print(f"error: no such file {f}", file=sys.stderr)
            return EXIT_USAGE
        try:
            validate(f)
        except DumpError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return EXIT_USAGE
    if args.if_needed and not files:
        problem = check_index(path, build_id())
        if problem is None:
            print(
                f"gazetteer index is current: {path} "
                f"({path.stat().st_size / 1e6:.1f} MB, checked in "
                f"{(time.perf_counter() - t) * 1000:.0f} ms)"
            )
            return 0
        print(f"gazetteer index {path}: {problem}; building it", file=sys.stderr)
    try:
        summary = build(path, geonames_files=files)
    except ValueError as exc:  # a file that is no GeoNames dump
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(
        f"built {summary['path']} in {summary['seconds']} s, "
        f"{int(summary['bytes']) / 1e6:.1f} MB ({summary['places']:,} places, "  # type: ignore[call-overload]
        f"{summary['names']:,} names)"
    )
    return 0


def cmd_info(args: argparse.Namespace) -> int:
    import gazetteer

    print(json.dumps(gazetteer.open(args.index).info(), indent=1, ensure_ascii=False))
    return 0


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="python -m gazetteer", description="The offline gazetteer: look-up, build, info."
    )
    ap.add_argument(
        "--index", help="index path (default: $NEWSREADER_GAZETTEER or var/gazetteer.sqlite)"
    )
    sub = ap.add_subparsers(dest="command", required=True)
    lk = sub.add_parser("lookup", help="look a name up")
    lk.add_argument("name")
    lk.add_argument("--json", action="store_true", help="print a JSON list, best first")
    lk.add_argument(
        "--kind",
        action="append",
        choices=[k.value for k in Kind],
        help="only this kind (repeatable)",
    )
    lk.add_argument("--country", help="only this ISO 3166-1 alpha-2 country")
    lk.add_argument("--fuzzy", action="store_true", help="fuzzy search (misspellings)")
    lk.add_argument("--limit", type=int, default=20)
    lk.set_defaults(func=cmd_lookup)
    b = sub.add_parser("build", help="build the index")
    b.add_argument("--if-needed", action="store_true", help="only when missing or stale")
    b.add_argument(
        "--geonames",
        nargs="+",
        metavar="FILE",
        help="GeoNames dump files: allCountries.zip, AZ.zip, alternateNamesV2.zip, "
        "admin1CodesASCII.txt",
    )
    b.add_argument("--output", help="index path to write")
    b.set_defaults(func=cmd_build)
    info = sub.add_parser("info", help="sources, counts, size, build id")
    info.set_defaults(func=cmd_info)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.command == "build" and args.index and not args.output:
        args.output = args.index
    try:
        rc: int = args.func(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    return rc
