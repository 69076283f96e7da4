"""The Russian, Azerbaijani and Armenian gold files (tests/gold/): per language, at least 90 %
of the mentions found (exact span) and at least 90 % of the found ones placed within 25 km of
the gold point (0 inside an area's polygon, on the corridor's line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from shapely.geometry import Point
from shapely.ops import nearest_points

import geo
from corpus.article import load_article
from tests.gazetteer.distance import km

ROOT = Path(__file__).resolve().parents[3]
GOLD = sorted(p for p in (ROOT / "tests" / "gold").glob("*.json") if "-" in p.stem[:3])


def _distance_km(place: Any, lat: float, lon: float) -> float:
    shape = place.shape()
    pt = Point(lon, lat)
    if shape.covers(pt):
        return 0.0
    near = nearest_points(shape, pt)[0]
    return km(near.y, near.x, lat, lon)


@pytest.fixture(scope="module")
def scores() -> dict[str, list[int]]:
    out: dict[str, list[int]] = {}
    for path in sorted((ROOT / "tests" / "gold").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if "language" not in gold:
            continue  # the English file has its own test
        text = load_article(ROOT / gold["article"]).text
        result = geo.parse(text)
        by_span = {(r.mention.start, r.mention.end): r for r in result.resolutions}
        for m in gold["mentions"]:
            s = out.setdefault(m.get("lang", "en"), [0, 0, 0, 0, 0])
            s[0] += 1
            r = by_span.get((m["start"], m["end"]))
            if r is None:
                continue
            s[1] += 1
            if r.place is not None and _distance_km(r.place, m["lat"], m["lon"]) <= 25.0:
                s[2] += 1
            if m["kind"] in ("district", "admin1", "corridor") and m.get("place_id"):
                s[3] += 1
                s[4] += int(r.place is not None and r.place.id == m["place_id"])
    return out


@pytest.mark.parametrize("lang", ["ru", "az", "hy"])
def test_found_and_placed(scores: dict[str, list[int]], lang: str) -> None:
    total, found, placed, areas, areas_right = scores[lang]
    assert found / total >= 0.9, (lang, found, total)
    assert placed / found >= 0.9, (lang, placed, found)
    # districts inside their polygon and the corridor on its line: the same shape as gold
    assert areas_right / max(areas, 1) >= 0.9, (lang, areas_right, areas)


def test_parse_line_in_each_script() -> None:
    result = geo.parse("Степанакерт и Шуша. Xankəndi və Şuşa. Ստեփանակերտ")
    ids = {r.place.id for r in result.resolutions if r.place is not None}
    assert "geonames:146970" in ids and "geonames:147105" in ids
    assert len([r for r in result.resolutions if r.placed]) >= 4
