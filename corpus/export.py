"""The places of an article, or of a corpus, as GeoJSON, CSV, KML or GeoPackage.

Every format holds one record per (article, place): the place (id, name, kind, layer, country,
representative lat/lon, full geometry), the article (id, title, source, date, URL) and the
place's mentions with their excerpts (the sentence around each mention).

- GeoJSON: a FeatureCollection; ``mentions`` stays a list of objects.
- CSV: one line per record, the geometry as WKT, mentions flattened (``mention_texts``,
  ``excerpts``) and in full as JSON (``mentions_json``).
- KML: a Folder per article with a Placemark per place, written with ElementTree (all text
  escaped), the excerpts in the description.
- GeoPackage: layer ``places`` (points), plus ``areas`` (polygons) and ``lines`` (corridors)
  when the records have such shapes; the same flat columns as the CSV.

``python -m corpus export ARTICLE_OR_FOLDER --format geojson|csv|kml|gpkg --out FILE`` parses
the article(s) with the corrections in force; a ``.parquet`` file written by
``python -m corpus batch`` is exported without parsing again (points only).

>>> from gazetteer.model import Kind, Place
>>> rec = Record({"place_id": "g:1", "name": "Baku <&>", "kind": "settlement", "lat": 40.4,
...               "lon": 49.9, "mentions": [{"text": "Baku", "excerpt": "In Baku."}]},
...              Place("g:1", "Baku", Kind.SETTLEMENT, "AZ", (), 40.4, 49.9).point())
>>> b"Baku &lt;&amp;&gt;" in export_bytes([rec], "kml")
True
>>> export_bytes([rec], "csv").decode().splitlines()[0].split(",")[:3]
['article_id', 'article_title', 'article_source']
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shapely.geometry import mapping, shape
from shapely.geometry.base import BaseGeometry

from corpus.article import Article
from geo.geometry import PLACE_FIELDS, feature_collection
from geo.model import LAYER_OF_KIND, ParseResult

FORMATS: Mapping[str, tuple[str, str]] = {
    # format: (file suffix, MIME type)
    "geojson": (".geojson", "application/geo+json"),
    "csv": (".csv", "text/csv"),
    "kml": (".kml", "application/vnd.google-earth.kml+xml"),
    "gpkg": (".gpkg", "application/geopackage+sqlite3"),
}

ARTICLE_FIELDS = (
    "article_id",
    "article_title",
    "article_source",
    "article_published",
    "article_url",
)
FLAT_FIELDS = (*ARTICLE_FIELDS, *PLACE_FIELDS, "mention_texts", "excerpts", "mentions_json")


@dataclass(frozen=True, slots=True)
class Record:
    """One (article, place): flat properties, ``mentions`` a list, and the full geometry."""

    properties: Mapping[str, Any]
    geometry: BaseGeometry | None


# --- building records ------------------------------------------------------------------------


def _article_props(article: Article | None) -> dict[str, Any]:
    if article is None:
        return dict.fromkeys(ARTICLE_FIELDS)
    return {
        "article_id": article.id,
        "article_title": article.title,
        "article_source": article.source,
        "article_published": article.published,
        "article_url": article.url,
    }


def _sentence(text: str, start: int, end: int) -> str:
    return " ".join(text[start:end].split())


def records_from_result(article: Article | None, result: ParseResult) -> list[Record]:
    """The records of one parsed article, from the geoparser's FeatureCollection."""
    excerpts = {(e.mention.start, e.mention.end): e for e in result.excerpts}
    base = _article_props(article)
    records = []
    for feature in feature_collection(result).get("features", []):
        props = dict(feature.get("properties") or {})
        mentions = []
        for m in props.get("mentions") or []:
            ex = excerpts.get((m.get("start"), m.get("end")))
            sentence = (
                _sentence(result.text, ex.sentence_start, ex.sentence_end) if ex else m.get("text")
            )
            mentions.append({**m, "excerpt": sentence})
        props["mentions"] = mentions
        geom = shape(feature["geometry"]) if feature.get("geometry") else None
        records.append(Record({**base, **props}, geom))
    return records


def records_from_table(df: Any) -> list[Record]:
    """Records from a batch output table (see :mod:`corpus.overview`): point geometries only."""
    from shapely.geometry import Point

    p = df[df["place_id"].notna()]
    records = []
    for (_aid, _pid), g in p.groupby(["article_id", "place_id"], sort=True, observed=True):
        first = g.iloc[0]
        mentions = [
            {
                "start": int(r.start),
                "end": int(r.end),
                "text": str(r.mention),
                "metonymic": bool(r.metonymic),
                "confidence": float(r.confidence),
                "excerpt": None if _missing(r.excerpt) else str(r.excerpt),
            }
            for r in g.itertuples()
        ]
        props = {
            "article_id": _val(first["article_id"]),
            "article_title": _val(first["title"]),
            "article_source": _val(first["source"]),
            "article_published": _val(first["published"]),
            "article_url": _val(first["url"]),
            "place_id": _val(first["place_id"]),
            "name": _val(first["name"]),
            "kind": _val(first["kind"]),
            "layer": _val(first["layer"]),
            "country": _val(first["country"]),
            "lat": float(first["lat"]),
            "lon": float(first["lon"]),
            "count": len(g),
            "confidence": float(g["confidence"].max()),
            "approximate": None,
            "focus": bool(g["focus"].any()),
            "mentions": mentions,
        }
        records.append(Record(props, Point(props["lon"], props["lat"])))
    return records


def _missing(v: Any) -> bool:
    try:
        return v is None or bool(v != v)  # NaN and pandas' NA are not equal to themselves
    except (TypeError, ValueError):
        return v is None


def _val(v: Any) -> Any:
    return None if _missing(v) else (v.item() if hasattr(v, "item") else v)


def flat(record: Record) -> dict[str, Any]:
    """The record's properties with mentions flattened (CSV and GeoPackage columns)."""
    p = record.properties
    mentions = list(p.get("mentions") or [])
    out = {k: p.get(k) for k in (*ARTICLE_FIELDS, *PLACE_FIELDS)}
    out["layer"] = out["layer"] or _layer(out.get("kind"))
    out["count"] = out["count"] if out["count"] is not None else len(mentions)
    out["mention_texts"] = "; ".join(str(m.get("text", "")) for m in mentions)
    out["excerpts"] = " | ".join(str(m.get("excerpt") or "") for m in mentions)
    out["mentions_json"] = json.dumps(mentions, ensure_ascii=False)
    return out


def _layer(kind: Any) -> str | None:
    from gazetteer.model import Kind

    try:
        return LAYER_OF_KIND.get(Kind(str(kind)))
    except ValueError:
        return None


# --- writers --------------------------------------------------------------------------------


def to_geojson(records: Sequence[Record]) -> dict[str, Any]:
    return {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": mapping(r.geometry) if r.geometry is not None else None,
                "properties": {**r.properties},
            }
            for r in records
        ],
    }


_CSV_RISKY = ("=", "+", "-", "@", "\t", "\r")


def _csv_cell(v: Any) -> Any:
    # Text from articles must not become a spreadsheet formula when the CSV is opened.
    if isinstance(v, str) and v.startswith(_CSV_RISKY):
        return "'" + v
    return "" if v is None else v


def to_csv(records: Sequence[Record]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=[*FLAT_FIELDS, "wkt"], lineterminator="\n")
    writer.writeheader()
    for r in records:
        row = flat(r)
        row["wkt"] = r.geometry.wkt if r.geometry is not None else ""
        writer.writerow({k: _csv_cell(v) for k, v in row.items()})
    return buf.getvalue()


KML_NS = "http://www.opengis.net/kml/2.2"


def _kml_coords(coords: Iterable[Sequence[float]]) -> str:
    return " ".join(f"{c[0]:.6f},{c[1]:.6f}" for c in coords)  # KML is lon,lat like GeoJSON


def _kml_geometry(parent: ET.Element, geom: BaseGeometry) -> None:
    gtype = geom.geom_type
    if gtype == "Point":
        ET.SubElement(ET.SubElement(parent, "Point"), "coordinates").text = _kml_coords(
            [geom.coords[0]]
        )
    elif gtype == "LineString":
        line = ET.SubElement(parent, "LineString")
        ET.SubElement(line, "tessellate").text = "1"
        ET.SubElement(line, "coordinates").text = _kml_coords(geom.coords)
    elif gtype == "Polygon":
        poly = ET.SubElement(parent, "Polygon")
        outer = ET.SubElement(ET.SubElement(poly, "outerBoundaryIs"), "LinearRing")
        ET.SubElement(outer, "coordinates").text = _kml_coords(geom.exterior.coords)
        for ring in geom.interiors:
            inner = ET.SubElement(ET.SubElement(poly, "innerBoundaryIs"), "LinearRing")
            ET.SubElement(inner, "coordinates").text = _kml_coords(ring.coords)
    elif hasattr(geom, "geoms"):
        multi = ET.SubElement(parent, "MultiGeometry")
        for part in geom.geoms:
            _kml_geometry(multi, part)


def to_kml(records: Sequence[Record], *, name: str = "Places") -> bytes:
    ET.register_namespace("", KML_NS)
    kml = ET.Element("kml", xmlns=KML_NS)
    doc = ET.SubElement(kml, "Document")
    ET.SubElement(doc, "name").text = name
    folders: dict[Any, ET.Element] = {}
    for r in records:
        p = r.properties
        key = p.get("article_id")
        if key not in folders:
            folder = ET.SubElement(doc, "Folder")
            ET.SubElement(folder, "name").text = str(p.get("article_title") or key or "Article")
            folders[key] = folder
        pm = ET.SubElement(folders[key], "Placemark")
        ET.SubElement(pm, "name").text = str(p.get("name") or p.get("place_id") or "")
        lines = [f"{p.get('kind') or ''} · {p.get('count') or 0} mention(s)"]
        lines += [f"“{m.get('excerpt') or m.get('text')}”" for m in p.get("mentions") or []]
        ET.SubElement(pm, "description").text = "\n".join(lines)
        data = ET.SubElement(pm, "ExtendedData")
        for k, v in flat(r).items():
            if v is None or k == "mentions_json":
                continue
            d = ET.SubElement(data, "Data", name=k)
            ET.SubElement(d, "value").text = str(v)
        geom = r.geometry
        if geom is None:
            continue
        if geom.geom_type == "Point":
            _kml_geometry(pm, geom)
        else:
            # The point too, so that every place has a pin whatever its shape.
            multi = ET.SubElement(pm, "MultiGeometry")
            ET.SubElement(ET.SubElement(multi, "Point"), "coordinates").text = _kml_coords(
                [(float(p["lon"]), float(p["lat"]))]
            )
            _kml_geometry(multi, geom)
    ET.indent(kml)
    return ET.tostring(kml, encoding="utf-8", xml_declaration=True)


def geodataframe(records: Sequence[Record]) -> Any:
    """The records as a GeoDataFrame in EPSG:4326, one row per (article, place), with each
    place's full shape."""
    import geopandas as gpd
    from shapely.geometry import Point

    rows = [flat(r) for r in records]
    shapes = [
        r.geometry if r.geometry is not None else Point(float(row["lon"]), float(row["lat"]))
        for row, r in zip(rows, records, strict=True)
    ]
    return gpd.GeoDataFrame(rows or None, columns=list(FLAT_FIELDS), geometry=shapes, crs=4326)


def write_gpkg(records: Sequence[Record], path: str | Path) -> None:
    """A GeoPackage: ``places`` (points) and, when present, ``areas`` and ``lines``."""
    import geopandas as gpd
    from shapely.geometry import Point

    rows = [flat(r) for r in records]
    points = [Point(float(r["lon"]), float(r["lat"])) for r in rows]
    path = Path(path)
    if path.exists():
        path.unlink()
    gpd.GeoDataFrame(
        rows or None, columns=list(FLAT_FIELDS), geometry=points, crs="EPSG:4326"
    ).to_file(path, layer="places", driver="GPKG", engine="pyogrio")
    for layer, types in (
        ("areas", ("Polygon", "MultiPolygon")),
        ("lines", ("LineString", "MultiLineString")),
    ):
        picked = [
            (row, r.geometry)
            for row, r in zip(rows, records, strict=True)
            if r.geometry is not None and r.geometry.geom_type in types
        ]
        if not picked:
            continue
        geoms = [_promote(g, types[1]) for _row, g in picked]
        gpd.GeoDataFrame(
            [row for row, _g in picked], columns=list(FLAT_FIELDS), geometry=geoms, crs="EPSG:4326"
        ).to_file(path, layer=layer, driver="GPKG", engine="pyogrio", mode="a")


def _promote(geom: BaseGeometry, multi: str) -> BaseGeometry:
    from shapely.geometry import MultiLineString, MultiPolygon

    if geom.geom_type == multi:
        return geom
    return MultiPolygon([geom]) if multi == "MultiPolygon" else MultiLineString([geom])


def export_bytes(records: Sequence[Record], fmt: str) -> bytes:
    """The export as bytes (for a download button)."""
    if fmt == "geojson":
        return json.dumps(to_geojson(records), ensure_ascii=False).encode("utf-8")
    if fmt == "csv":
        return to_csv(records).encode("utf-8")
    if fmt == "kml":
        return to_kml(records)
    if fmt == "gpkg":
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "places.gpkg"
            write_gpkg(records, path)
            return path.read_bytes()
    raise ValueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")


def write_export(records: Sequence[Record], fmt: str, out: str | Path) -> Path:
    """Write the export to ``out`` atomically (a temporary file renamed into place)."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    data = export_bytes(records, fmt)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, out)
    return out


def file_name(stem: str, fmt: str) -> str:
    """A download name: ``stem`` as a slug plus the format's suffix."""
    from corpus.ingest import slugify

    return (slugify(stem) or "places") + FORMATS[fmt][0]


# --- the command ----------------------------------------------------------------------------


def parse_records(
    articles: Sequence[Article],
    *,
    corrections_path: str | Path | None = None,
    use_corrections: bool = True,
    gazetteer_path: str | None = None,
) -> list[Record]:
    """Parse articles in this process (corrections applied) and build their records."""
    import gazetteer
    import geo
    from corpus.corrections import CorrectionStore, apply_corrections, default_path

    gaz = gazetteer.open(gazetteer_path)
    store = CorrectionStore(corrections_path or default_path()) if use_corrections else None
    entries = store.active() if store else []
    records: list[Record] = []
    for article in articles:
        result = geo.parse(article.text, gazetteer=gaz)
        if entries:
            result = apply_corrections(result, entries, gazetteer=gaz)
        records.extend(records_from_result(article, result))
    return records


def main(argv: list[str]) -> int:
    """``python -m corpus export``: see the module docstring."""
    ap = argparse.ArgumentParser(
        prog="python -m corpus export",
        description="Export the places of an article, a folder of articles or a batch result.",
    )
    ap.add_argument("source", help="an article file, a folder of articles or a batch .parquet")
    ap.add_argument(
        "--format",
        choices=list(FORMATS),
        default=None,
        help="output format (default: from the --out suffix)",
    )
    ap.add_argument("--out", required=True, help="output file")
    ap.add_argument("--corrections", default=None, help="corrections log (default: var/...)")
    ap.add_argument("--no-corrections", action="store_true", help="ignore corrections")
    ap.add_argument("--gazetteer", default=None, help="gazetteer index path")
    args = ap.parse_args(argv)
    fmt = args.format or next(
        (f for f, (suffix, _m) in FORMATS.items() if args.out.lower().endswith(suffix)), None
    )
    if fmt is None:
        ap.error("say --format geojson|csv|kml|gpkg (the --out suffix does not tell)")
    src = Path(args.source)
    try:
        if src.suffix.lower() == ".parquet" and src.is_file():
            from corpus.overview import read_results

            records = records_from_table(read_results(src))
            skipped: list[str] = []
        else:
            from corpus.batch import collect_articles

            articles, skipped, _dups = collect_articles([src])
            if not articles:
                for problem in skipped:
                    print(f"skipped: {problem}", file=sys.stderr)
                print(f"export: no readable article in {src}", file=sys.stderr)
                return 2
            records = parse_records(
                articles,
                corrections_path=args.corrections,
                use_corrections=not args.no_corrections,
                gazetteer_path=args.gazetteer,
            )
        out = write_export(records, fmt, args.out)
    except Exception as exc:  # a missing gazetteer, an unwritable path: say so, no traceback
        print(f"export: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for problem in skipped:
        print(f"skipped: {problem}", file=sys.stderr)
    articles_n = len({r.properties.get("article_id") for r in records})
    print(f"{len(records)} places of {articles_n} article(s) -> {out} ({fmt})")
    return 0
