"""The corpus overview map: clustered places, a heat map and a layer per article (folium).

Every label is escaped: titles and names come from untrusted article text.
"""

from __future__ import annotations

import base64
import math
from html import escape
from importlib.resources import files
from typing import Any

import folium
import folium.plugins
import pandas as pd

from corpus.overview import article_places, heat_points, place_totals
from ui.maps.assets import VENDOR_BASE
from ui.maps.layers import KIND_COLOURS, MAX_ZOOM, Bounds, base_map, localize_assets

#: Above this many articles in view, the per-article layers are limited to the ones with the
#: most places (the layer control would be unusable otherwise).
MAX_ARTICLE_LAYERS = 40
#: The clustered marker layer holds at most this many places (most mentioned first).
MAX_MARKERS = 5000


def _heat_script_url() -> str:
    """Leaflet.heat as a data: URL, read from the copy folium ships: no CDN, no extra file."""
    src = files("folium").joinpath("templates/leaflet_heat.min.js").read_bytes()
    return "data:text/javascript;base64," + base64.b64encode(src).decode("ascii")


def corpus_map(
    df: pd.DataFrame,
    *,
    countries: Any = None,
    online_tiles: bool = True,
    cluster: bool = True,
    heat: bool = True,
    article_layers: bool = True,
    asset_base: str | None = None,
    basemap_base: str | None = None,
) -> Any:
    """A folium map of the (filtered) corpus: clustered places, a heat map, a layer per article."""
    base = asset_base or VENDOR_BASE
    totals = place_totals(df).head(MAX_MARKERS)
    bounds = None
    if not totals.empty:
        bounds = Bounds(
            float(totals["lat"].min()),
            float(totals["lon"].min()),
            float(totals["lat"].max()),
            float(totals["lon"].max()),
        )
    m = base_map(
        bounds=bounds, countries=countries, basemap_base=basemap_base,
        online_tiles=online_tiles, asset_base=base,
    )
    # Without tiles Leaflet knows no maximum zoom, and MarkerCluster refuses such a map.
    m.options.setdefault("maxZoom", MAX_ZOOM)

    def marker(lat: float, lon: float, kind: str, label: str, n: int) -> folium.CircleMarker:
        colour = KIND_COLOURS.get(kind, "#555555")
        return folium.CircleMarker(
            location=(lat, lon),
            radius=min(4 + 2 * math.log2(max(n, 1)), 18),
            color=colour,
            fill=True,
            fill_color=colour,
            fill_opacity=0.8,
            weight=1,
            tooltip=folium.Tooltip(escape(label)),
        )

    group: folium.FeatureGroup | folium.plugins.MarkerCluster = (
        folium.plugins.MarkerCluster(name="All places (clustered)", max_cluster_radius=40)
        if cluster
        else folium.FeatureGroup(name="All places")
    )
    for r in totals.itertuples():
        label = f"{r.name} · {r.kind} · {r.mentions} mentions in {r.articles} articles"
        marker(r.lat, r.lon, str(r.kind), label, int(r.mentions)).add_to(group)
    group.add_to(m)

    if article_layers:
        ap = article_places(df)
        order = ap.groupby("article_id", observed=True).size().sort_values(ascending=False)
        for article_id in order.index[:MAX_ARTICLE_LAYERS]:
            rows = ap[ap["article_id"] == article_id]
            title = str(rows["title"].iloc[0])
            layer = folium.FeatureGroup(name=escape(f"Article: {title[:60]}"), show=False)
            for r in rows.itertuples():
                label = f"{r.name} · {r.mentions} mentions · {title[:80]}"
                marker(r.lat, r.lon, str(r.kind), label, int(r.mentions)).add_to(layer)
            layer.add_to(m)

    localize_assets(m, base)
    if heat and not totals.empty:
        heat_layer = folium.plugins.HeatMap(
            heat_points(totals), name="Heat map", radius=18, blur=14, min_opacity=0.3, show=True
        )
        heat_layer.default_js = [("leaflet-heat.js", _heat_script_url())]
        heat_layer.add_to(m)
    controls = [k for k, child in m._children.items() if isinstance(child, folium.LayerControl)]
    if controls:
        # The control's script names every layer, so it must come after all of them.
        for key in controls:
            m._children.move_to_end(key)
    else:
        folium.LayerControl(position="topright", collapsed=True).add_to(m)
    return m
