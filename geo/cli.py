"""``python -m geo``: parse files or JSON lines, and score the geoparser on corpora.

python -m geo parse FILE [--format geojson|json|csv]
python -m geo parse --jsonl IN.jsonl > OUT.jsonl
python -m geo eval CORPUS.jsonl [CORPUS.jsonl ...] [--gold-mentions]
python -m geo train [CORPUS ...] [--loco]

Resolution only: a ``--jsonl`` line that carries ``"mentions": [{"start": .., "end": ..}, ...]``
has exactly those spans resolved, with no recognition; ``eval --gold-mentions`` scores that
mode on the corpora's gold spans.

Batch geoparsing and exports of a whole corpus: ``python -m corpus batch|export``.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TextIO

import geo

#: The front matter of an article file (see articles/README.md): skipped, so that offsets count
#: from the body as they do for the dashboard and the corpus.
_FRONT_MATTER = re.compile(r"\A---\r?\n(?:.*\r?\n)*?---\r?\n")


def _read_text(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    try:
        raw = p.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise SystemExit(f"python -m geo parse: {path}: cannot be read ({exc.strerror})") from exc
    except UnicodeDecodeError as exc:
        raise SystemExit(f"python -m geo parse: {path}: not UTF-8 (byte {exc.start})") from exc
    if "\x00" in raw[:65536]:
        raise SystemExit(f"python -m geo parse: {path}: looks binary (NUL bytes), not a text")
    if p.suffix.lower() in (".txt", ".md"):
        raw = _FRONT_MATTER.sub("", raw, count=1)
    return raw


def _json_result(result: Any) -> dict[str, Any]:
    from geo.evaluate import prediction
    from geo.geometry import feature_collection

    out = prediction("", result)
    del out["id"]
    out["focus"] = list(result.focus)
    out["meta"] = dict(result.meta)
    out["places"] = feature_collection(result)["features"]
    return out


def _write_csv(result: Any, out: TextIO) -> None:
    w = csv.writer(out)
    w.writerow(
        [
            "start",
            "end",
            "text",
            "place_id",
            "name",
            "kind",
            "lat",
            "lon",
            "confidence",
            "metonymic",
        ]
    )
    for r in result.resolutions:
        p = r.place
        w.writerow(
            [
                r.mention.start,
                r.mention.end,
                r.mention.text,
                p.id if p else "",
                p.name if p else "",
                str(p.kind) if p else "",
                p.lat if p else "",
                p.lon if p else "",
                r.confidence,
                r.metonymic,
            ]
        )


def _jsonl_docs(path: str) -> Iterator[tuple[str, str, list[tuple[int, int]] | None]]:
    fh = sys.stdin if path == "-" else open(path, encoding="utf-8")  # noqa: SIM115
    from geo.evaluate import iter_jsonl

    with fh:
        try:
            for n, doc in iter_jsonl(fh, path):
                yield str(doc.get("id", n)), str(doc.get("text", "")), _spans(doc, f"{path}:{n}")
        except ValueError as exc:
            raise SystemExit(str(exc)) from exc


def _spans(doc: dict[str, Any], where: str) -> list[tuple[int, int]] | None:
    """The ``mentions`` a line gives (resolution only), or None when it gives none."""
    given = doc.get("mentions")
    if given is None:
        return None
    try:
        return [(int(m["start"]), int(m["end"])) for m in given]
    except (TypeError, KeyError, ValueError) as exc:
        raise SystemExit(f"{where}: mentions need integer start and end ({exc})") from exc


def _parse(args: argparse.Namespace) -> int:
    from geo.evaluate import prediction

    eng = geo.geoparser(_config(args))
    if args.jsonl:
        docs = list(_jsonl_docs(args.jsonl))
        started = time.perf_counter()
        out = sys.stdout
        to_parse = [(doc_id, text) for doc_id, text, spans in docs if spans is None]
        parsed = eng.parse_many((t for _, t in to_parse), n_process=args.processes)
        for doc_id, text, spans in docs:
            if spans is None:
                result = next(parsed)
            else:
                try:
                    result = eng.resolve_spans(text, spans)
                except ValueError as exc:
                    raise SystemExit(f"python -m geo parse: {doc_id}: {exc}") from exc
            out.write(json.dumps(prediction(doc_id, result), ensure_ascii=False) + "\n")
        print(
            f"parsed {len(docs)} documents in {time.perf_counter() - started:.1f} s with "
            f"{eng.meta['spacy_pipeline']} and gazetteer {eng.meta['gazetteer']}",
            file=sys.stderr,
        )
        return 0
    if not args.file:
        print("python -m geo parse: give FILE or --jsonl IN.jsonl", file=sys.stderr)
        return 2
    result = eng.parse(_read_text(args.file))
    if args.format == "geojson":
        from geo.geometry import feature_collection

        fc = feature_collection(result)
        fc["meta"] = dict(result.meta)
        json.dump(fc, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    elif args.format == "csv":
        buf = io.StringIO()
        _write_csv(result, buf)
        sys.stdout.write(buf.getvalue())
    else:
        json.dump(_json_result(result), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    return 0


def _eval(args: argparse.Namespace) -> int:
    from geo.evaluate import (
        format_line,
        inside_area,
        prediction,
        read_jsonl,
        resolution_line,
        score,
    )

    eng = geo.geoparser(_config(args))
    print(f"pipeline: {eng.meta['spacy_pipeline']}; gazetteer: {eng.meta['gazetteer']}")
    for path in args.corpus:
        gold = read_jsonl(path)
        ids = list(gold)
        results: Iterator[geo.ParseResult]
        if args.gold_mentions:
            results = (
                eng.resolve_spans(
                    gold[i]["text"], [(t["start"], t["end"]) for t in gold[i]["toponyms"]]
                )
                for i in ids
            )
        else:
            results = eng.parse_many(gold[i]["text"] for i in ids)
        preds = {doc_id: prediction(doc_id, r) for doc_id, r in zip(ids, results, strict=True)}
        figures = score(gold, preds)
        if args.gold_mentions:
            print(f"{Path(path).stem} (gold mentions): {resolution_line(figures)}", flush=True)
        else:
            print(f"{Path(path).stem}: {format_line(figures)}", flush=True)
        if args.areas:
            n = inside_area(gold, preds, _area_test(eng.gazetteer))
            within = figures["R@161"] * figures["gold"]
            print(
                f"  + {n} placed inside the right country or region outline but over 161 km "
                f"from the gold point; R@161 counting them: {(within + n) / figures['gold']:.3f}",
                flush=True,
            )
    return 0


def _area_test(gaz: Any) -> Callable[[str, float, float], bool]:
    """``contains(place_id, lat, lon)`` over the gazetteer's outlines (points never contain)."""
    from shapely.geometry import Point

    def contains(place_id: str, lat: float, lon: float) -> bool:
        geom = gaz.geometry(place_id)
        if geom is None or geom.geom_type in ("Point", "MultiPoint", "LineString"):
            return False
        return bool(geom.contains(Point(lon, lat)))

    return contains


def build_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m geo", description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("parse", help="find and place the places of a text")
    p.add_argument("file", nargs="?", help="article file (.txt/.md with front matter, or text)")
    p.add_argument("--format", choices=["json", "geojson", "csv"], default="json")
    p.add_argument("--jsonl", metavar="IN.jsonl", help='lines of {"id", "text"}; "-" = stdin')
    p.add_argument(
        "--processes", type=int, default=None, help="model processes (default: 2 for big batches)"
    )
    e = sub.add_parser("eval", help="score the geoparser on corpora with gold toponyms")
    e.add_argument("corpus", nargs="+")
    e.add_argument(
        "--gold-mentions",
        action="store_true",
        help="resolution only: resolve the corpus's gold spans, no recognition",
    )
    e.add_argument(
        "--areas",
        action="store_true",
        help="also count toponyms placed inside the right country or region outline",
    )
    # The learned ranker's training: its own options (geo.train), passed on as they are.
    sub.add_parser(
        "train", help="train the learned candidate ranker (see geo.train)", add_help=False
    )
    for q in (p, e):
        q.add_argument(
            "--demonyms",
            action="store_true",
            help='also count demonyms ("Syrian") as mentions of their country',
        )
    return ap


def _config(args: argparse.Namespace) -> geo.GeoparserConfig:
    return geo.GeoparserConfig(demonyms=args.demonyms)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["train"]:
        from geo import train

        return train.main(argv[1:])
    args = build_parser().parse_args(argv)
    if args.cmd == "parse":
        return _parse(args)
    return _eval(args)
