"""The geopy geocoder: geopandas' geocode call, reverse, and the optional Nominatim fallback
against an HTTP server started here on 127.0.0.1 (never the real service)."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar
from urllib.parse import parse_qs, urlparse

import geopandas
import geopandas.tools
import pytest
from geopy.location import Location

from gazetteer.geocoder import OfflineGeocoder
from gazetteer.store import Gazetteer
from tests.gazetteer.distance import km


def test_geopandas_geocode_with_the_offline_provider(gaz: Gazetteer) -> None:
    names = ["Stepanakert", "Shushi", "Berdzor", "Zzzyxq Nowhere"]
    df = geopandas.tools.geocode(names, provider=OfflineGeocoder)
    assert isinstance(df, geopandas.GeoDataFrame) and len(df) == 4
    assert km(df.geometry[0].y, df.geometry[0].x, 39.8177, 46.7528) < 5
    assert km(df.geometry[1].y, df.geometry[1].x, 39.7584, 46.7484) < 5
    assert km(df.geometry[2].y, df.geometry[2].x, 39.6374, 46.5498) < 5
    assert "Azerbaijan" in df.address[0]
    assert df.geometry[3].is_empty


def test_geocode_raw_and_many(gaz: Gazetteer) -> None:
    coder = OfflineGeocoder(gaz)
    loc = coder.geocode("Khankendi")
    assert isinstance(loc, Location)
    assert loc.raw["id"] == "geonames:146970" and loc.raw["kind"] == "settlement"
    many = coder.geocode("Moscow", exactly_one=False)
    assert isinstance(many, list) and len(many) > 1 and many[0].raw["country"] == "RU"
    assert coder.geocode("Stepanakrt").raw["id"] == "geonames:146970"  # type: ignore[union-attr]
    assert coder.geocode("") is None and coder.geocode("Zzzyxq Nowhere") is None


def test_reverse_gives_the_nearest_settlement(gaz: Gazetteer) -> None:
    coder = OfflineGeocoder(gaz)
    loc = coder.reverse((39.8180, 46.7530))
    assert isinstance(loc, Location) and loc.raw["id"] == "geonames:146970"
    assert coder.reverse("39.76, 46.75").raw["name"] == "Shusha"  # type: ignore[union-attr]
    assert coder.reverse((0.0, -140.0)) is None  # open Pacific
    assert coder.reverse("not a point") is None


class _Nominatim(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        url = urlparse(self.path)
        q = parse_qs(url.query).get("q", [""])[0]
        type(self).hits.append(q)
        body = (
            []
            if q == "Nowhere At All"
            else [
                {
                    "place_id": 1,
                    "lat": "12.5",
                    "lon": "-70.0",
                    "display_name": f"{q}, Testland",
                    "class": "place",
                    "type": "village",
                    "importance": 0.5,
                }
            ]
        )
        data = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def nominatim() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Nominatim)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    _Nominatim.hits = []
    try:
        yield f"127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_online_fallback_is_off_by_default(gaz: Gazetteer, nominatim: str) -> None:
    coder = OfflineGeocoder(gaz, domain=nominatim, scheme="http")
    assert coder.geocode("Qwxzy Hamlet") is None
    assert _Nominatim.hits == []


def test_online_fallback_is_rate_limited_and_cached(
    gaz: Gazetteer, nominatim: str, tmp_path: Path
) -> None:
    cache = tmp_path / "cache.json"
    coder = OfflineGeocoder(
        gaz,
        online_fallback=True,
        domain=nominatim,
        scheme="http",
        min_delay_seconds=0.01,
        cache_path=cache,
    )
    loc = coder.geocode("Qwxzy Hamlet")
    assert isinstance(loc, Location) and loc.raw["source"] == "nominatim"
    assert (loc.latitude, loc.longitude) == (12.5, -70.0)
    assert coder.geocode("Nowhere At All") is None
    assert _Nominatim.hits == ["Qwxzy Hamlet", "Nowhere At All"]
    # A second geocoder reads the disk cache: no new request.
    again = OfflineGeocoder(
        gaz, online_fallback=True, domain=nominatim, scheme="http", cache_path=cache
    )
    assert again.geocode("Qwxzy Hamlet").address == "Qwxzy Hamlet, Testland"  # type: ignore[union-attr]
    assert _Nominatim.hits == ["Qwxzy Hamlet", "Nowhere At All"]
    # Names the gazetteer knows never go online.
    assert coder.geocode("Stepanakert").raw["source"] == "gazetteer"  # type: ignore[union-attr]
    assert len(_Nominatim.hits) == 2
