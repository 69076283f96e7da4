"""The command line and the GeoJSON hand-off."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from corpus.export import geodataframe, records_from_result
from geo import Geoparser
from geo.geometry import PLACE_FIELDS, feature_collection
from geo.model import ParseResult
from tests.shared import REFERENCE_SCORER

ROOT = Path(__file__).resolve().parents[2]
PROPS = {*PLACE_FIELDS, "geometry_type", "mentions", "alternatives"}


def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_feature_collection_contract(article_result: ParseResult) -> None:
    fc = feature_collection(article_result)
    assert fc["type"] == "FeatureCollection"
    assert len(fc["features"]) == len(article_result.places)
    by_name = {f["properties"]["name"]: f for f in fc["features"]}
    for f in fc["features"]:
        p = f["properties"]
        assert set(p) == PROPS
        assert p["count"] == len(p["mentions"])
        assert p["layer"] in {"settlements", "districts", "corridors", "countries"}
    baku = by_name["Baku"]
    lon, lat = baku["geometry"]["coordinates"]
    assert (round(lat), round(lon)) == (40, 50)  # [lon, lat] order
    assert by_name["Lachin corridor"]["geometry"]["type"] == "LineString"
    assert by_name["Lachin corridor"]["properties"]["layer"] == "corridors"
    assert sum(f["properties"]["count"] for f in fc["features"]) == 53
    assert sum(f["properties"]["focus"] for f in fc["features"]) == len(article_result.focus)
    json.dumps(fc)  # serialisable as is


def test_geodataframe(article_result: ParseResult) -> None:
    gdf = geodataframe(records_from_result(None, article_result))
    assert len(gdf) == len(article_result.places)
    assert gdf.crs.to_epsg() == 4326
    row = gdf[gdf["name"] == "Baku"].iloc[0]
    assert (round(row.geometry.y), round(row.geometry.x)) == (40, 50)


def test_excerpts_hold_their_mentions(article_result: ParseResult) -> None:
    text = article_result.text
    assert len(article_result.excerpts) == len(article_result.resolutions)
    for e in article_result.excerpts:
        assert e.paragraph_start <= e.sentence_start <= e.mention.start
        assert e.mention.end <= e.sentence_end <= e.paragraph_end
        assert "\n\n" not in text[e.paragraph_start : e.paragraph_end]


@pytest.mark.parametrize("fmt", ["geojson", "json", "csv"])
def test_parse_file(fmt: str) -> None:
    out = _run("parse", "articles/karabakh-peacekeepers-withdrawal.txt", "--format", fmt)
    assert out.returncode == 0, out.stderr
    if fmt == "csv":
        assert out.stdout.splitlines()[0].startswith("start,end,text,place_id")
        assert len(out.stdout.splitlines()) == 54
        return
    data: dict[str, Any] = json.loads(out.stdout)
    assert "en_core_web_sm" in data["meta"]["spacy_pipeline"]
    if fmt == "geojson":
        assert data["type"] == "FeatureCollection"
    else:
        assert len(data["toponyms"]) == 53


def test_parse_jsonl() -> None:
    lines = "".join(
        json.dumps({"id": i, "text": t}) + "\n"
        for i, t in [("x", "Rain in Athens, Georgia."), ("y", ""), ("z", "Nothing at all.")]
    )
    out = _run("parse", "--jsonl", "-", stdin=lines)
    assert out.returncode == 0, out.stderr
    rows = [json.loads(ln) for ln in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == ["x", "y", "z"]
    athens = rows[0]["toponyms"][0]
    assert set(athens) == {
        "start",
        "end",
        "text",
        "lat",
        "lon",
        "place_id",
        "kind",
        "confidence",
        "metonymic",
    }
    assert athens["text"] == "Athens" and athens["lon"] < -80  # the one in Georgia, USA
    assert rows[1]["toponyms"] == [] and rows[2]["toponyms"] == []
    assert "gazetteer" in out.stderr


def test_unreadable_file_gives_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00binary")
    out = _run("parse", str(bad))
    assert out.returncode != 0 and "bad.txt" in out.stderr


REFERENCE = REFERENCE_SCORER


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference scorer is not at hand")
def test_eval_prints_the_reference_figures(tmp_path: Path) -> None:
    corpus = tmp_path / "mini.jsonl"
    docs = [
        {
            "id": "1",
            "text": "Rain fell on Athens, Georgia, and on Atlanta.",
            "toponyms": [
                {"start": 13, "end": 19, "name": "Athens", "lat": 33.96, "lon": -83.38},
                {"start": 21, "end": 28, "name": "Georgia", "lat": 32.75, "lon": -83.5},
                {"start": 37, "end": 44, "name": "Atlanta", "lat": 33.75, "lon": -84.39},
            ],
        },
        {
            "id": "2",
            "text": "Talks in Baku ended.",
            "toponyms": [{"start": 9, "end": 13, "name": "Baku", "lat": 40.41, "lon": 49.87}],
        },
    ]
    corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
    ours = _run("eval", str(corpus))
    assert ours.returncode == 0, ours.stderr
    texts = "".join(json.dumps({"id": d["id"], "text": d["text"]}) + "\n" for d in docs)
    pred = tmp_path / "pred.jsonl"
    pred.write_text(_run("parse", "--jsonl", "-", stdin=texts).stdout, encoding="utf-8")
    ref = subprocess.run(
        [sys.executable, str(REFERENCE), "score", str(corpus), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert ours.stdout.splitlines()[-1] == f"mini: {ref}"
    assert "gazetteer" in ours.stdout.splitlines()[0]


def test_resolution_only_places_exactly_the_given_spans(tmp_path: Path) -> None:
    """A line with ``mentions``: those spans and no others, each once, null when unplaced."""
    text = "Flights from Quuxtown and Baku reached Tbilisi, Georgia late."
    spans = [
        {"start": text.index("Quuxtown"), "end": text.index("Quuxtown") + 8},
        {"start": text.index("Baku"), "end": text.index("Baku") + 4},
        {"start": text.index("Tbilisi"), "end": text.index("Tbilisi") + 7},
    ]
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": text, "mentions": spans}) + "\n")
    out = _run("parse", "--jsonl", str(src))
    assert out.returncode == 0, out.stderr
    (row,) = [json.loads(line) for line in out.stdout.splitlines()]
    got = {(t["start"], t["end"]): t for t in row["toponyms"]}
    assert sorted(got) == sorted((s["start"], s["end"]) for s in spans)
    assert got[(spans[0]["start"], spans[0]["end"])]["lat"] is None  # a name found nowhere
    assert got[(spans[1]["start"], spans[1]["end"])]["place_id"] is not None
    assert got[(spans[2]["start"], spans[2]["end"])]["kind"] == "settlement"


def test_resolution_only_refuses_a_span_outside_the_text(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "d1", "text": "Baku", "mentions": [{"start": 2, "end": 9}]}))
    out = _run("parse", "--jsonl", str(src))
    assert out.returncode != 0 and "not inside the text" in out.stderr


def test_a_river_is_drawn_as_its_line_on_the_physical_layer(eng: Geoparser) -> None:
    result = eng.parse("Farmers said the Aras River flooded their fields in spring.")
    fc = feature_collection(result)
    river = next(f for f in fc["features"] if f["properties"]["kind"] == "physical")
    assert river["properties"]["layer"] == "physical"
    assert river["geometry"]["type"] in ("LineString", "MultiLineString")
