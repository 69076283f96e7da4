"""The committed data of the Karabakh pack and the derived Natural Earth files."""

from __future__ import annotations

import csv
import json
from typing import Any

import pytest
from shapely.geometry import Point, shape

from gazetteer.data.build_pack import decode_topojson
from gazetteer.paths import DATA_DIR, data_path


def _features(name: str) -> list[dict[str, Any]]:
    features: list[dict[str, Any]] = json.loads(data_path(name).read_text(encoding="utf-8"))[
        "features"
    ]
    return features


def test_country_outlines_have_iso_codes() -> None:
    features = _features("countries.geojson")
    assert len(features) > 230
    codes = [f["properties"]["iso_a2"] for f in features]
    assert {"AZ", "AM", "GE", "TR", "RU", "US"} <= set(codes)
    az = next(f for f in features if f["properties"]["iso_a2"] == "AZ")
    assert shape(az["geometry"]).contains(Point(49.8671, 40.4093))


def test_natural_earth_fixes() -> None:
    by_code = {f["properties"]["adm1_code"]: f for f in _features("caucasus_admin1.geojson")}
    lachin = by_code["AZE-1735"]["properties"]
    assert (lachin["iso_3166_2"], lachin["name_en"], lachin["admin_code"]) == (
        "AZ-LAC",
        "Lachin",
        "AZ.28",
    )
    isos = [f["properties"]["iso_3166_2"] for f in by_code.values()]
    assert len([i for i in isos if i]) == len({i for i in isos if i}), "ISO codes are unique"
    # gn_id / gn_a1_code are swapped in NE between Xocalı and Xankəndi: the join is on ISO.
    admin = {f["properties"]["iso_3166_2"]: f["properties"]["admin_code"] for f in by_code.values()}
    assert admin["AZ-XCI"] == "AZ.64" and admin["AZ-XA"] == "AZ.61"


def test_curated_places_have_sources() -> None:
    with open(DATA_DIR / "karabakh_places.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert all(r["source"].strip() for r in rows)
    with open(DATA_DIR / "karabakh_aliases.csv", encoding="utf-8", newline="") as fh:
        assert all(r["source"].strip() for r in csv.DictReader(fh))
    kinds = {r["id"]: r["kind"] for r in rows}
    assert kinds["local:lachin-corridor"] == "corridor" and kinds["local:karabakh"] == "region"


def test_topojson_decoding() -> None:
    topo = {
        "type": "Topology",
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [2, 0], [0, 2], [-2, 0], [0, -2]]],
        "objects": {
            "o": {
                "type": "GeometryCollection",
                "geometries": [{"type": "Polygon", "arcs": [[0]], "id": "1"}],
            }
        },
    }
    [(g, geom)] = list(decode_topojson(topo, "o"))
    assert g["id"] == "1" and geom.area == pytest.approx(4.0)


def test_data_path_refuses_unknown_files() -> None:
    with pytest.raises(FileNotFoundError):
        data_path("nope.geojson")
