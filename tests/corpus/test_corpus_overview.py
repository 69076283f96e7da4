"""The overview's data: filters, per-place totals, timeline, heat points, the map's HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from corpus import batch, overview
from corpus.article import Article
from gazetteer.model import Kind, Place
from geo.model import ArticlePlace, Mention, ParseResult, Resolution
from ui.maps import overview as overview_map

BAKU = Place("t:baku", "Baku", Kind.SETTLEMENT, "AZ", (), 40.38, 49.89)
GANJA = Place("t:ganja", "Ganja", Kind.SETTLEMENT, "AZ", (), 40.68, 46.36)
ARMENIA = Place("t:am", "Armenia", Kind.COUNTRY, "AM", (), 40.0, 45.0)


def _result(text: str, places: list[Place]) -> ParseResult:
    res = []
    for p in places:
        start = text.index(p.name)
        res.append(Resolution(Mention(start, start + len(p.name), p.name, "ner:GPE"), p, 0.8))
    aps = tuple(
        ArticlePlace(p, tuple(r for r in res if r.place == p)) for p in dict.fromkeys(places)
    )
    return ParseResult(text, tuple(res), aps, ())


def table() -> pd.DataFrame:
    arts = [
        (
            Article("a1", "One <b>", "Baku and Ganja.", source="Wire", published="2024-01-02"),
            [BAKU, GANJA],
        ),
        (
            Article(
                "a2", "Two", "Baku, Baku again. Armenia.", source="Post", published="2024-01-20"
            ),
            [BAKU, ARMENIA],
        ),
        (Article("a3", "Three", "Ganja.", source=None, published="2024-02-15"), [GANJA]),
        (Article("a4", "Undated", "Baku.", source="Wire"), [BAKU]),
        (Article("a5", "Nothing", "No place here.", source="Wire", published="2024-03-01"), []),
    ]
    rows = []
    for a, places in arts:
        r = _result(a.text, places)
        if a.id == "a2":  # "Baku" twice
            second = Resolution(Mention(6, 10, "Baku", "ner:GPE"), BAKU, 0.7)
            r = ParseResult(r.text, (r.resolutions[0], second, r.resolutions[1]), r.places, ())
        rows.extend(overview.mention_rows(a, r))
    return overview.frame(rows)


def test_totals_and_article_places() -> None:
    df = table()
    totals = overview.place_totals(df)
    assert totals[["name", "mentions", "articles"]].values.tolist() == [
        ["Baku", 4, 3],
        ["Ganja", 2, 2],
        ["Armenia", 1, 1],
    ]
    ap = overview.article_places(df)
    assert len(ap) == 6 and ap[ap["article_id"] == "a2"]["mentions"].tolist() == [2, 1]
    arts = overview.articles_table(df)
    assert arts.set_index("article_id")["places"].to_dict() == {
        "a1": 2,
        "a2": 2,
        "a3": 1,
        "a4": 1,
        "a5": 0,
    }


@pytest.mark.parametrize(
    ("filters", "articles"),
    [
        (overview.Filters(), {"a1", "a2", "a3", "a4", "a5"}),
        (
            overview.Filters(start=pd.Timestamp("2024-01-10"), end=pd.Timestamp("2024-02-15")),
            {"a2", "a3", "a4"},
        ),
        (overview.Filters(start=pd.Timestamp("2024-01-10"), undated=False), {"a2", "a3", "a5"}),
        (overview.Filters(sources=frozenset({"Wire"})), {"a1", "a4", "a5"}),
        (overview.Filters(sources=frozenset({"(unknown)"})), {"a3"}),
        (overview.Filters(kinds=frozenset({"country"})), {"a2"}),
        (overview.Filters(articles=frozenset({"a1"})), {"a1"}),
    ],
)
def test_filters(filters: overview.Filters, articles: set[str]) -> None:
    assert set(overview.apply_filters(table(), filters)["article_id"]) == articles


def test_timeline_per_week_and_month() -> None:
    df = table()
    weekly = overview.timeline(df, freq="W")
    assert list(weekly.columns) == ["Armenia", "Baku", "Ganja"]
    assert weekly["Baku"].sum() == 3  # the undated article is left out
    assert weekly.index.min() == pd.Timestamp("2024-01-01")
    assert len(weekly) == 7 and (weekly.sum(axis=1) >= 0).all()  # empty weeks are filled
    monthly = overview.timeline(df, places=["t:ganja"], freq="M")
    assert monthly["Ganja"].tolist() == [1, 1]
    assert overview.timeline(df.iloc[0:0]).empty


def test_heat_points_are_lat_lon_weight() -> None:
    pts = overview.heat_points(overview.place_totals(table()))
    assert pts[0] == [40.38, 49.89, 1.0] and pts[-1][2] == 0.25


def test_choices_and_bounds() -> None:
    df = table()
    assert overview.choices(df) == {
        "sources": ["(unknown)", "Post", "Wire"],
        "kinds": ["country", "settlement"],
    }
    lo, hi = overview.date_bounds(df)  # type: ignore[misc]
    assert (lo.date().isoformat(), hi.date().isoformat()) == ("2024-01-02", "2024-03-01")


def test_merge_keeps_one_copy_of_each_article() -> None:
    df = table()
    again = df[df["article_id"] == "a1"].assign(article_id="copy-of-a1")
    merged = overview.merge_tables([df, again])
    assert set(merged["article_id"]) == set(df["article_id"])
    assert len(merged) == len(df)


def test_results_file_round_trip(tmp_path: Path) -> None:
    df = table()
    out = tmp_path / "r.parquet"
    batch.write_results(df, out, {"rows": "one per mention"})
    back = overview.read_results(out)
    pd.testing.assert_frame_equal(back, batch.sort_rows(df))


def test_map_is_offline_and_escapes_labels() -> None:
    m = overview_map.corpus_map(table(), online_tiles=False)
    html = m.get_root().render()
    sources = re.findall(r'<script[^>]+src="([^"]+)"', html) + re.findall(
        r'<link[^>]+href="([^"]+)"', html
    )
    assert sources and all(s.startswith(("/app/static/vendor/", "data:")) for s in sources)
    assert "L.heatLayer" in html and "L.markerClusterGroup" in html
    assert '"maxZoom": 18' in html  # MarkerCluster needs it on a map without tiles
    assert "One <b>" not in html and "One &lt;b&gt;" in html
    assert html.count("Article: ") >= 4  # a layer per article with places
    # The layer control's script names every layer: it must come after all of them.
    assert html.find("L.control.layers") > max(
        html.rfind("L.heatLayer"), html.rfind("L.markerClusterGroup"), html.rfind("L.featureGroup")
    )


def test_map_of_nothing() -> None:
    m = overview_map.corpus_map(overview.frame([]))
    assert "L.heatLayer" not in m.get_root().render()
