"""The map builder (geo/layers.py): the real article's FeatureCollection -> folium map.

The map must load nothing from another host, draw one marker per place, put each place in its
layer, draw approximate shapes dashed and switch to clustering for many places.
"""

from __future__ import annotations

import doctest
import json
import re
from pathlib import Path
from typing import Any

import pytest

import ui.maps.layers as layers
from geo.geometry import feature_collection
from geo.model import ParseResult
from tests.ui.conftest import ROOT, place_id_named
from ui.maps.assets import BASEMAP_BASE
from ui.maps.layers import (
    CLUSTER_THRESHOLD,
    LAYERS,
    LOCAL_ASSETS,
    Bounds,
    base_map,
    build_map,
    feature_bounds,
    load_countries,
    local_assets,
    place_layers,
    selection_view,
    zoom_for_bounds,
)

VENDOR = ROOT / "static" / "vendor"
COUNTRIES = ROOT / "gazetteer" / "data" / "countries.geojson"


@pytest.fixture(scope="module")
def fc(first_result: ParseResult) -> dict[str, Any]:
    return feature_collection(first_result)


@pytest.fixture(scope="module")
def countries() -> dict[str, Any]:
    return load_countries(COUNTRIES)


def _html(m: Any) -> str:
    return str(m.get_root().render())


@pytest.mark.parametrize("name", sorted(LOCAL_ASSETS))
def test_every_local_asset_is_vendored(name: str) -> None:
    assert (VENDOR / LOCAL_ASSETS[name]).is_file(), f"static/vendor/{LOCAL_ASSETS[name]}"


def test_vendored_styles_reference_only_vendored_files() -> None:
    for css in VENDOR.rglob("*.css"):
        for url in re.findall(r"url\(['\"]?([^'\")]+)", css.read_text(encoding="utf-8")):
            if url.startswith(("data:", "#")):
                continue
            assert not re.match(r"^[a-z]+://|^//", url), f"{css.name} loads {url}"
            assert (css.parent / url.split("?")[0].split("#")[0]).exists(), f"{css}: {url}"


def test_unknown_asset_is_refused() -> None:
    with pytest.raises(ValueError, match="no local copy"):
        local_assets([("some_plugin_js", "https://cdn.example.org/plugin.js")])


def test_built_map_loads_scripts_and_styles_only_from_our_server(
    fc: dict[str, Any], countries: dict[str, Any]
) -> None:
    html = _html(build_map(fc, countries=countries))
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+href="([^"]+)"', html
    )
    assert sources
    assert all(s.startswith("/app/static/vendor/") for s in sources), sources
    for s in sources:
        assert (ROOT / "static" / s.removeprefix("/app/static/")).is_file(), s


def test_online_tiles_are_offered_but_not_shown(countries: dict[str, Any]) -> None:
    html = _html(base_map(countries=countries, online_tiles=True))
    tile_layers = re.findall(r"var (tile_layer_\w+) = L\.tileLayer\(", html)
    assert len(tile_layers) == len(layers.ONLINE_TILES)
    for name in tile_layers:
        assert f"{name}.addTo(" not in html, f"{name} is shown by default"


def test_chosen_online_tiles_replace_the_offline_basemap() -> None:
    offline = _html(base_map(basemap_base=BASEMAP_BASE))
    assert "L.tileLayer(" not in offline
    assert "NewsreaderBasemap.add(" in offline
    chosen = _html(base_map(basemap_base=BASEMAP_BASE, tiles="osm"))
    assert len(re.findall(r"L\.tileLayer\(", chosen)) == 1
    assert "openstreetmap.org" in chosen
    assert "NewsreaderBasemap.add(" not in chosen


def _features_in(group: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(el: Any) -> None:
        data = getattr(el, "data", None)
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            out.extend(data["features"])
        for child in getattr(el, "_children", {}).values():
            walk(child)

    walk(group)
    return out


def test_one_marker_per_place_with_its_count(fc: dict[str, Any]) -> None:
    groups = place_layers(fc)
    markers = [f for g in groups for f in _features_in(g) if f["geometry"]["type"] == "Point"]
    ids = [f["properties"]["place_id"] for f in markers]
    assert sorted(ids) == sorted(f["properties"]["place_id"] for f in fc["features"])
    counts = {f["properties"]["place_id"]: f["properties"]["count"] for f in markers}
    assert counts == {f["properties"]["place_id"]: f["properties"]["count"] for f in fc["features"]}


@pytest.mark.parametrize("hidden", list(LAYERS))
def test_a_hidden_layer_is_not_drawn(fc: dict[str, Any], hidden: str) -> None:
    shown = [name for name in LAYERS if name != hidden]
    drawn = [f for g in place_layers(fc, layers=shown) for f in _features_in(g)]
    assert drawn
    assert not any(f["properties"]["layer"] == hidden for f in drawn)
    assert {f["properties"]["layer"] for f in drawn} <= set(shown)


def test_shapes_are_drawn_with_their_kind_and_approximation(fc: dict[str, Any]) -> None:
    corridor = next(f for f in fc["features"] if f["properties"]["kind"] == "corridor")
    assert corridor["geometry"]["type"] in ("LineString", "MultiLineString")
    style = layers._style(layers._prepared(corridor))
    assert style["color"] == layers.KIND_COLOURS["corridor"]
    assert ("dashArray" in style) == bool(corridor["properties"]["approximate"])
    district = next(f for f in fc["features"] if f["properties"]["layer"] == "districts")
    dstyle = layers._style(layers._prepared(district))
    assert 0 < dstyle["fillOpacity"] <= 0.2


def test_tooltips_are_built_from_text_nodes_only(fc: dict[str, Any]) -> None:
    html = _html(build_map(fc))
    assert "textContent" in html
    assert "bindTooltip(el" in html
    # folium's own GeoJSON tooltip writes properties into innerHTML: it must not be used
    assert "GeoJsonTooltip" not in html and "geojsondetail" not in html


def test_many_places_are_clustered(fc: dict[str, Any]) -> None:
    template = next(f for f in fc["features"] if f["geometry"]["type"] == "Point")
    many = {
        "type": "FeatureCollection",
        "features": [
            json.loads(json.dumps(template))
            | {"properties": template["properties"] | {"place_id": f"t:{i}", "name": f"P{i}"}}
            for i in range(CLUSTER_THRESHOLD + 1)
        ],
    }
    html = _html(build_map(many))
    assert "L.markerClusterGroup(" in html
    assert "L.markerClusterGroup(" not in _html(build_map(fc))


def test_selection_view_frames_the_place(fc: dict[str, Any], first_result: ParseResult) -> None:
    khankendi = place_id_named(first_result, "Khankendi")
    (lat, lon), zoom = selection_view(fc, khankendi) or ((0.0, 0.0), 0)
    place = next(ap.place for ap in first_result.places if ap.place.id == khankendi)
    assert (lat, lon) == pytest.approx((place.lat, place.lon), abs=1e-4)
    assert zoom >= 10
    assert selection_view(fc, "nowhere:0") is None


def test_article_bounds_leave_whole_countries_out(fc: dict[str, Any]) -> None:
    bounds = feature_bounds(fc)
    assert bounds is not None
    everything = feature_bounds(fc, whole_countries=True)
    assert everything is not None
    assert (bounds.east - bounds.west) <= (everything.east - everything.west)


@pytest.mark.parametrize(
    ("bounds", "expected"),
    [
        (Bounds(39.8, 46.7, 39.8, 46.7), 12),  # a point: the closest zoom used
        (Bounds(39.7, 46.7, 39.9, 46.9), 11),  # a district
        (Bounds(38.0, 44.0, 42.0, 51.0), 7),  # the South Caucasus
        (Bounds(41.0, 19.0, 82.0, 180.0), 2),  # Russia
    ],
)
def test_zoom_for_bounds(bounds: Bounds, expected: int) -> None:
    assert zoom_for_bounds(bounds, width=720, height=560) == expected


def test_countries_basemap_is_small_and_named(countries: dict[str, Any]) -> None:
    assert len(countries["features"]) > 150
    assert all(f["properties"]["name"] for f in countries["features"])
    raw = json.loads(COUNTRIES.read_text(encoding="utf-8"))
    vertices = re.compile(r"\[-?\d+(?:\.\d+)?, ?-?\d+(?:\.\d+)?\]")
    assert len(vertices.findall(json.dumps(countries))) < len(vertices.findall(json.dumps(raw)))


@pytest.mark.parametrize("module", ["ui.html", "ui.state", "ui.view", "ui.maps.layers"])
def test_docstring_examples(module: str) -> None:
    mod = __import__(module, fromlist=["_"])
    failed, _ = doctest.testmod(mod)
    assert failed == 0


def test_vendor_sources_list_every_folder() -> None:
    sources = (VENDOR / "SOURCES.md").read_text(encoding="utf-8")
    for folder in sorted(p.name for p in VENDOR.iterdir() if p.is_dir()):
        assert f"`{folder}/`" in sources
    assert Path(VENDOR / "fetch.sh").is_file()


def test_served_basemap_is_current_with_the_gazetteer_outlines() -> None:
    served = ROOT / "static" / "basemap" / "countries.geojson"
    assert served.read_text(encoding="utf-8") == layers.basemap_json(COUNTRIES), (
        "rebuild it: python -m ui.maps.layers gazetteer/data/countries.geojson "
        "static/basemap/countries.geojson"
    )


def test_dashboard_map_draws_the_served_labelled_basemap() -> None:
    m = base_map(basemap_base=BASEMAP_BASE)
    html = _html(m)
    assert "NewsreaderBasemap.add(map, base)" in html
    assert f'"{BASEMAP_BASE}"' in html
    assert "maxZoom" in html
    scripts = [url for _name, url in m.default_js]
    assert f"{BASEMAP_BASE}/basemap.js" in scripts
    for url in scripts:
        assert (ROOT / "static" / url.removeprefix("/app/static/")).is_file(), url


def test_first_view_frames_the_finest_focus_places(fc: dict[str, Any]) -> None:
    focus = layers.focus_bounds(fc)
    everything = feature_bounds(fc)
    assert focus is not None and everything is not None
    # Karabakh, not Azerbaijan, nor Moscow to Baku
    assert focus.south < 39.82 < focus.north and focus.west < 46.75 < focus.east
    assert focus.north < 41 and focus.west > 45
    assert zoom_for_bounds(focus, width=720, height=560) >= 6
    assert (everything.east - everything.west) > 3 * (focus.east - focus.west)


def test_popups_carry_the_passages_and_are_built_from_text_nodes(
    fc: dict[str, Any], first_result: ParseResult
) -> None:
    from ui.view import popup_passages

    passages = popup_passages(first_result)
    groups = place_layers(fc, passages=passages)
    feats = [f for g in groups for f in _features_in(g)]
    khankendi = next(f for f in feats if f["properties"]["name"] == "Khankendi")
    (ps,) = khankendi["properties"]["passages"]
    s, e, meto = ps["marks"][0]
    assert ps["text"][s:e] == "Khankendi" and meto is False
    html = _html(build_map(fc))
    assert "npOpenPopup" in html and "createTextNode" in html
    assert "innerHTML" not in html.split("npOpenPopup", 1)[1].split("npFlyTo", 1)[0]


def test_map_bundle_is_current() -> None:
    import subprocess
    import sys

    rc = subprocess.call([sys.executable, str(ROOT / "static" / "vendor" / "bundle.py"), "--check"])
    assert rc == 0, "rebuild it: python static/vendor/bundle.py"


def test_dashboard_map_loads_one_bundled_script() -> None:
    m = layers.bundle_scripts(base_map(basemap_base=BASEMAP_BASE))
    scripts = [url for item in layers._walk(m) for _n, url in getattr(item, "default_js", [])]
    assert scripts == [layers.BUNDLE_URL]
    assert (ROOT / "static" / layers.BUNDLE_URL.removeprefix("/app/static/")).is_file()
    html = _html(m)
    assert "NewsreaderBasemap.add(map, base)" in html


def test_physical_features_have_their_own_layer() -> None:
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "geometry": {"type": "LineString", "coordinates": [[45.0, 39.4], [46.5, 39.1]]},
                "properties": {
                    "place_id": "ne:stm:1",
                    "name": "Aras River",
                    "kind": "physical",
                    "layer": "physical",
                    "lat": 39.3,
                    "lon": 45.8,
                    "count": 1,
                },
            }
        ],
    }
    assert [g.layer_name for g in place_layers(fc)] == ["Rivers, mountains, seas"]
    assert place_layers(fc, layers=["settlements"]) == []
