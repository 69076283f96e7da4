"""Exports of real parses, read back with independent readers (GDAL via pyogrio, json, csv)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from shapely.geometry import LineString, Point, Polygon

from corpus import export, ingest
from geo.pipeline import parse
from tests.corpus.articles import write_mixed_corpus

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "articles" / "karabakh-peacekeepers-withdrawal.txt"


@pytest.fixture(scope="module")
def records(tmp_path_factory: pytest.TempPathFactory) -> list[export.Record]:
    folder = tmp_path_factory.mktemp("articles")
    write_mixed_corpus(folder)
    out: list[export.Record] = []
    for article in ingest.load_corpus(folder).articles:
        out.extend(export.records_from_result(article, parse(article.text)))
    return out


def test_records_carry_article_place_mentions_and_excerpts(records: list[export.Record]) -> None:
    assert len({r.properties["article_id"] for r in records}) == 10
    baku = [r for r in records if r.properties["name"] == "Baku"]
    assert {r.properties["article_id"] for r in baku} >= {"ferry-baku", "ganja-floods"}
    ferry = next(r for r in baku if r.properties["article_id"] == "ferry-baku")
    (m,) = ferry.properties["mentions"]
    assert m["text"] == "Baku" and "ferry left Baku for Aktau" in m["excerpt"]
    assert ferry.properties["article_title"] == "Ferry service resumes across the Caspian"
    assert ferry.geometry is not None and ferry.geometry.geom_type == "Point"


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_every_format_reads_back(records: list[export.Record], fmt: str, tmp_path: Path) -> None:
    path = export.write_export(records, fmt, tmp_path / f"places{export.FORMATS[fmt][0]}")
    names = sorted(str(r.properties["name"]) for r in records)
    if fmt == "kml":
        layers = pyogrio.list_layers(path)
        frames = [gpd.read_file(path, layer=name) for name, _type in layers]
        got = sorted(n for f in frames for n in f["Name"])
        assert len(layers) == 10  # a folder per article
    elif fmt == "gpkg":
        got = sorted(gpd.read_file(path, layer="places")["name"])
        assert "places" in pyogrio.list_layers(path)[:, 0]
    elif fmt == "csv":
        got = sorted(row["name"] for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))))
    else:
        got = sorted(gpd.read_file(path)["name"])
        data = json.loads(path.read_text("utf-8"))
        assert all(isinstance(f["properties"]["mentions"], list) for f in data["features"])
    assert got == names


def test_geopackage_points_match_lat_lon(records: list[export.Record], tmp_path: Path) -> None:
    path = export.write_export(records, "gpkg", tmp_path / "p.gpkg")
    df = gpd.read_file(path, layer="places")
    assert df.crs.to_epsg() == 4326
    assert (df.geometry.x - df["lon"]).abs().max() < 1e-9
    assert (df.geometry.y - df["lat"]).abs().max() < 1e-9
    assert all(json.loads(m) for m in df["mentions_json"])


def test_shapes_of_every_kind_and_hostile_text_survive(tmp_path: Path) -> None:
    hostile = "Evil <b>&\"'</b> ]]> =cmd|calc"
    recs = [
        export.Record(
            {
                "article_id": "x",
                "article_title": hostile,
                "place_id": "p",
                "name": hostile,
                "kind": "settlement",
                "lat": 40.0,
                "lon": 49.0,
                "count": 1,
                "mentions": [{"start": 0, "end": 4, "text": hostile, "excerpt": hostile}],
            },
            Point(49.0, 40.0),
        ),
        export.Record(
            {
                "article_id": "x",
                "article_title": hostile,
                "place_id": "r",
                "name": "Area",
                "kind": "region",
                "lat": 39.5,
                "lon": 46.5,
                "mentions": [],
            },
            Polygon([(46, 39), (47, 39), (47, 40), (46, 39)]),
        ),
        export.Record(
            {
                "article_id": "x",
                "article_title": hostile,
                "place_id": "c",
                "name": "Road",
                "kind": "corridor",
                "lat": 39.6,
                "lon": 46.5,
                "mentions": [],
            },
            LineString([(46.4, 39.6), (46.6, 39.7)]),
        ),
    ]
    kml = export.export_bytes(recs, "kml")
    root = ET.fromstring(kml)  # well-formed despite the markup in the text
    ns = {"k": export.KML_NS}
    assert root.find(".//k:Placemark/k:name", ns).text == hostile  # type: ignore[union-attr]
    assert (
        root.find(".//k:Polygon", ns) is not None and root.find(".//k:LineString", ns) is not None
    )
    rows = list(csv.DictReader(io.StringIO(export.export_bytes(recs, "csv").decode())))
    assert rows[0]["name"] == hostile and rows[0]["mention_texts"] == hostile
    path = tmp_path / "s.gpkg"
    export.write_gpkg(recs, path)
    layers = dict(pyogrio.list_layers(path))
    assert layers == {"places": "Point", "areas": "MultiPolygon", "lines": "MultiLineString"}
    back = gpd.read_file(path, layer="places")
    assert back["name"].iloc[0] == hostile


def test_csv_cells_that_look_like_formulas_are_defused() -> None:
    rec = export.Record(
        {
            "article_id": "a",
            "name": '=HYPERLINK("x")',
            "kind": "settlement",
            "lat": 1.0,
            "lon": 2.0,
            "mentions": [],
        },
        Point(2.0, 1.0),
    )
    row = next(csv.DictReader(io.StringIO(export.export_bytes([rec], "csv").decode())))
    assert row["name"] == '\'=HYPERLINK("x")' and row["lat"] == "1.0"


def test_cli_exports_an_article_and_a_batch_result(tmp_path: Path) -> None:
    out = tmp_path / "seed.kml"
    run = [sys.executable, "-m", "corpus", "export"]
    proc = subprocess.run(
        [*run, str(SEED), "--format", "kml", "--out", str(out), "--no-corrections"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "-> " in proc.stdout
    names = set(gpd.read_file(out, layer=pyogrio.list_layers(out)[0][0])["Name"])
    assert "Khankendi" in names
    folder = tmp_path / "a"
    write_mixed_corpus(folder)
    results = tmp_path / "r.parquet"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "corpus",
            "batch",
            str(folder),
            "--out",
            str(results),
            "--workers",
            "1",
            "--quiet",
            "--no-corrections",
        ],
        cwd=ROOT,
        check=True,
        timeout=300,
        capture_output=True,
    )
    csv_out = tmp_path / "corpus.csv"
    proc = subprocess.run(
        [*run, str(results), "--out", str(csv_out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    rows = list(csv.DictReader(csv_out.open(encoding="utf-8")))
    assert len({r["article_id"] for r in rows}) == 10
    assert any(r["name"] == "Tbilisi" and r["article_id"] == "tbilisi-rally" for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere/", "--out", "x.csv"], "no readable article"),
        (["a.txt", "--out", "x.unknown"], "--format"),
    ],
)
def test_cli_errors(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    try:
        rc = export.main(args)
    except SystemExit as exc:
        rc = int(exc.code or 0)
    assert rc == 2 and message in capsys.readouterr().err


@pytest.mark.parametrize("fmt", list(export.FORMATS))
def test_an_article_without_places_exports_an_empty_file(fmt: str, tmp_path: Path) -> None:
    path = export.write_export([], fmt, tmp_path / f"none{export.FORMATS[fmt][0]}")
    if fmt == "csv":
        assert path.read_text("utf-8").splitlines()[0].startswith("article_id,")
    elif fmt == "kml":
        assert ET.fromstring(path.read_bytes()).tag.endswith("kml")
    else:
        assert len(gpd.read_file(path)) == 0


@pytest.mark.parametrize("command", ["batch", "export"])
def test_corpus_cli_commands_answer_help(command: str) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "corpus", command, "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0, out.stderr
    assert f"python -m corpus {command}" in out.stdout


def test_corpus_cli_unknown_command_is_a_clear_error() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "corpus", "nonsense"], capture_output=True, text=True
    )
    assert out.returncode == 2 and "unknown command" in out.stderr
