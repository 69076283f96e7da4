"""Map layers: the geoparser's GeoJSON FeatureCollection -> folium map and feature groups.

Pure folium, no streamlit. The dashboard draws the map in two parts so that a click never
rebuilds the whole map: :func:`base_map` (basemap, controls, the article's view; stable while the
article stays the same) and :func:`place_layers` (one feature group per visible layer plus the
selection, passed to the map as dynamic layers). :func:`build_map` joins them into one
stand-alone map.

Every script and style the map loads is served by the dashboard itself (``static/vendor``,
see ``static/vendor/SOURCES.md``): :func:`localize_assets` points folium's map and each plugin
at those copies, so the map needs no CDN.

Coordinates: GeoJSON is [lon, lat]; folium and Leaflet take (lat, lon). The swap happens in
:func:`feature_bounds` and :func:`_latlon` only.

>>> fc = {"type": "FeatureCollection", "features": [
...     {"type": "Feature", "geometry": {"type": "Point", "coordinates": [46.75, 39.82]},
...      "properties": {"place_id": "t:1", "name": "Khankendi", "kind": "settlement",
...                     "layer": "settlements", "lat": 39.82, "lon": 46.75, "count": 2}}]}
>>> feature_bounds(fc)
Bounds(south=39.82, west=46.75, north=39.82, east=46.75)
>>> [g.layer_name for g in place_layers(fc)]
['Settlements']
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import folium.plugins
from branca.element import Element, MacroElement
from folium.template import Template
from folium.utilities import JsCode
from shapely.geometry import mapping, shape

from ui.maps.assets import BASEMAP_BASE, VENDOR_BASE

#: folium's asset names -> our copies under ``static/vendor``.
LOCAL_ASSETS: Mapping[str, str] = {
    # folium.Map
    "leaflet": "leaflet/leaflet.js",
    "jquery": "jquery/jquery.min.js",
    "bootstrap": "bootstrap/bootstrap.bundle.min.js",
    "awesome_markers": "awesome-markers/leaflet.awesome-markers.js",
    "leaflet_css": "leaflet/leaflet.css",
    "bootstrap_css": "bootstrap/bootstrap.min.css",
    "awesome_markers_font_css": "fontawesome/css/all.min.css",
    "awesome_markers_css": "awesome-markers/leaflet.awesome-markers.css",
    # plugins
    "markerclusterjs": "markercluster/leaflet.markercluster.js",
    "markerclustercss": "markercluster/MarkerCluster.css",
    "markerclusterdefaultcss": "markercluster/MarkerCluster.Default.css",
    "Control_MiniMap_js": "minimap/Control.MiniMap.min.js",
    "Control_MiniMap_css": "minimap/Control.MiniMap.min.css",
    "Control.Fullscreen.js": "fullscreen/Control.FullScreen.js",
    "Control.FullScreen.css": "fullscreen/Control.FullScreen.css",
    "leaflet_measure_js": "measure/leaflet-measure.js",
    "leaflet_measure_css": "measure/leaflet-measure.css",
}
#: Scripts of this project (not folium's), added with their served URL.
OWN_ASSETS = frozenset({"newsreader_basemap", "newsreader_bundle"})
#: Styles folium lists that the map never uses (glyphicon and rotated icons); no npm package
#: publishes them, so they are dropped instead of loaded from a CDN.
UNUSED_ASSETS = frozenset({"glyphicons_css", "awesome_rotate_css"})

#: The layers a user can toggle, in drawing order (areas first, points last so they stay
#: clickable), with their labels.
LAYERS: Mapping[str, str] = {
    "countries": "Countries",
    "districts": "Districts and regions",
    "physical": "Rivers, mountains, seas",
    "corridors": "Corridors",
    "settlements": "Settlements",
}

#: Colour of each kind of place (the reader's highlights use the same colours).
KIND_COLOURS: Mapping[str, str] = {
    "continent": "#3a7d44",
    "country": "#3a7d44",
    "admin1": "#1f5fa8",
    "admin2": "#3b82c4",
    "district": "#6a3fa0",
    "region": "#9c4f96",
    "corridor": "#e07b00",
    "settlement": "#c62828",
    "physical": "#00838f",
    "facility": "#6d4c41",
}
DEFAULT_COLOUR = "#555555"

#: Above this many point places, markers are clustered (MarkerCluster) instead of drawn one by one.
CLUSTER_THRESHOLD = 150

LAND_FILL = "#f4f1ea"
SEA_COLOUR = "#b9d6e3"
MAX_ZOOM = 18


@dataclass(frozen=True, slots=True)
class Bounds:
    """A lat/lon box."""

    south: float
    west: float
    north: float
    east: float

    @property
    def center(self) -> tuple[float, float]:
        return (self.south + self.north) / 2, (self.west + self.east) / 2

    def as_leaflet(self) -> list[list[float]]:
        """``[[south, west], [north, east]]`` as Leaflet's fitBounds takes it."""
        return [[self.south, self.west], [self.north, self.east]]


# --- assets ---------------------------------------------------------------------------------


def local_assets(
    entries: Sequence[tuple[str, str]], asset_base: str = VENDOR_BASE
) -> list[tuple[str, str]]:
    """folium's ``(name, url)`` asset list with every url replaced by our local copy.

    >>> local_assets([("leaflet", "https://cdn.example/leaflet.js"), ("glyphicons_css", "x")])
    [('leaflet', '/app/static/vendor/leaflet/leaflet.js')]
    """
    out = []
    for name, _url in entries:
        if name in UNUSED_ASSETS:
            continue
        if name in OWN_ASSETS:  # ours, already a URL of this server
            out.append((name, _url))
            continue
        if name not in LOCAL_ASSETS:
            raise ValueError(f"no local copy of the map asset {name!r}: add it to static/vendor")
        out.append((name, f"{asset_base.rstrip('/')}/{LOCAL_ASSETS[name]}"))
    return out


def _walk(element: Any) -> Iterator[Any]:
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)


def localize_assets(element: Any, asset_base: str = VENDOR_BASE) -> None:
    """Point the ``default_js``/``default_css`` of an element and all its children at our copies.

    Instance attributes are set, so folium's classes stay untouched.
    """
    for item in _walk(element):
        for attr in ("default_js", "default_css"):
            entries = getattr(item, attr, None)
            if entries:
                setattr(item, attr, local_assets(entries, asset_base))


# --- geometry helpers -----------------------------------------------------------------------


def _coords(geometry: Mapping[str, Any]) -> Iterator[tuple[float, float]]:
    """Every (lon, lat) pair of a GeoJSON geometry."""
    def walk(c: Any) -> Iterator[tuple[float, float]]:
        if c and isinstance(c[0], (int, float)):
            yield float(c[0]), float(c[1])
        else:
            for part in c:
                yield from walk(part)

    if geometry.get("type") == "GeometryCollection":
        for g in geometry.get("geometries", []):
            yield from _coords(g)
    else:
        yield from walk(geometry.get("coordinates", []))


def _latlon(props: Mapping[str, Any], geometry: Mapping[str, Any] | None) -> tuple[float, float]:
    if props.get("lat") is not None and props.get("lon") is not None:
        return float(props["lat"]), float(props["lon"])
    if geometry:
        lon, lat = next(_coords(geometry))
        return lat, lon
    raise ValueError(f"feature {props.get('place_id')!r} has neither lat/lon nor a geometry")


def _bounds_of(points: Iterable[tuple[float, float]]) -> Bounds | None:
    lons, lats = [], []
    for lon, lat in points:
        lons.append(lon)
        lats.append(lat)
    if not lats:
        return None
    return Bounds(min(lats), min(lons), max(lats), max(lons))


def feature_bounds(
    fc: Mapping[str, Any], *, place_id: str | None = None, whole_countries: bool = False
) -> Bounds | None:
    """The box to show: one feature (``place_id``) or the whole article.

    For a whole article, countries and continents count by their representative point only
    (unless nothing else is there or ``whole_countries``): Russia's outline would otherwise
    zoom the view out to Siberia when the article is about the Caucasus.
    """
    features = [f for f in fc.get("features", []) if f.get("properties")]
    if place_id is not None:
        features = [f for f in features if f["properties"].get("place_id") == place_id]
        return _bounds_of(p for f in features for p in _coords(f["geometry"]))
    local = [f for f in features if f["properties"].get("layer") != "countries"]
    points: list[tuple[float, float]] = [p for f in local for p in _coords(f["geometry"])]
    if not points or whole_countries:
        for f in features:
            if f["properties"].get("layer") == "countries":
                if whole_countries:
                    points.extend(_coords(f["geometry"]))
                else:
                    lat, lon = _latlon(f["properties"], f["geometry"])
                    points.append((lon, lat))
    return _bounds_of(points)


#: Kinds too coarse to frame an article by: a view of them is a view of a continent.
_COARSE_KINDS = frozenset({"country", "continent"})


def focus_bounds(fc: Mapping[str, Any]) -> Bounds | None:
    """The first view: the places the article is about (``focus``), the finest of them.

    A focus country gives way to the focus places finer than it (Karabakh, not Azerbaijan);
    a focus made only of countries is framed by the article's other places inside them, and
    only when there are none by the countries' points. The other places stay a pan away (or
    one click: the map's "All places" button). Without a focus: :func:`feature_bounds`.
    """
    features = [f for f in fc.get("features", []) if f.get("properties") and f.get("geometry")]
    focus = [f for f in features if f["properties"].get("focus")]
    fine = [f for f in focus if str(f["properties"].get("kind")) not in _COARSE_KINDS]
    if fine:
        return _bounds_of(p for f in fine for p in _coords(f["geometry"]))
    if focus:
        codes = {f["properties"].get("country") for f in focus} - {None, ""}
        inside = [
            f for f in features
            if str(f["properties"].get("kind")) not in _COARSE_KINDS
            and f["properties"].get("country") in codes
        ]
        if inside:
            return _bounds_of(p for f in inside for p in _coords(f["geometry"]))
        points = [_latlon(f["properties"], f["geometry"]) for f in focus]
        box = _bounds_of((lon, lat) for lat, lon in points)
        # a country's point alone would be framed at a town's zoom: some of the country
        return box and Bounds(box.south - 4, box.west - 4, box.north + 4, box.east + 4)
    return feature_bounds(fc)


def zoom_for_bounds(bounds: Bounds, *, width: int = 700, height: int = 560) -> int:
    """The largest web-map zoom at which ``bounds`` fits a ``width`` x ``height`` pixel view.

    >>> zoom_for_bounds(Bounds(39.7, 46.7, 39.9, 46.9))
    11
    >>> zoom_for_bounds(Bounds(39.8, 46.7, 39.8, 46.7))  # a point
    12
    """
    def merc_y(lat: float) -> float:
        lat = max(min(lat, 85.0), -85.0)
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))

    span_x = (bounds.east - bounds.west) / 360.0
    span_y = (merc_y(bounds.north) - merc_y(bounds.south)) / (2 * math.pi)
    zooms = [12]
    if span_x > 0:
        zooms.append(math.floor(math.log2(width / 256 / span_x)))
    if span_y > 0:
        zooms.append(math.floor(math.log2(height / 256 / span_y)))
    return max(1, min(zooms))


def selection_view(
    fc: Mapping[str, Any], place_id: str, *, width: int = 700, height: int = 560
) -> tuple[tuple[float, float], int] | None:
    """Center and zoom that show one place, or None when it is not on the map."""
    bounds = feature_bounds(fc, place_id=place_id)
    if bounds is None:
        return None
    feature = find_feature(fc, place_id)
    if feature is not None and bounds.east - bounds.west > 180:
        # A shape across the antimeridian (Russia, Fiji): frame its largest part instead.
        geom = shape(feature["geometry"])
        parts = list(getattr(geom, "geoms", [geom]))
        west, south, east, north = max(parts, key=lambda g: g.area).bounds
        bounds = Bounds(south, west, north, east)
    center = bounds.center
    if feature is not None and feature["geometry"].get("type") == "Point":
        center = _latlon(feature["properties"], feature["geometry"])
    return (round(center[0], 5), round(center[1], 5)), zoom_for_bounds(
        bounds, width=width, height=height
    )


def find_feature(fc: Mapping[str, Any], place_id: str) -> dict[str, Any] | None:
    """The feature of a place id, or None."""
    for f in fc.get("features", []):
        if (f.get("properties") or {}).get("place_id") == place_id:
            return dict(f)
    return None


# --- the basemap ----------------------------------------------------------------------------


def load_countries(path: str | Path, *, tolerance: float = 0.02) -> dict[str, Any]:
    """Country outlines for the offline basemap, simplified and stripped to their names.

    Simplified because the outlines are drawn at country scale only and travel to the browser
    with every page; a 0.02 degree tolerance keeps them recognisable down to zoom 9 or so.
    """
    raw = json.loads(Path(path).read_text(encoding="utf-8"))
    features = []
    for f in raw.get("features", []):
        if not f.get("geometry"):
            continue
        geom = shape(f["geometry"]).simplify(tolerance, preserve_topology=True)
        if geom.is_empty:
            continue
        props = f.get("properties") or {}
        name = next(
            (str(props[k]) for k in ("name", "NAME", "ADMIN", "admin", "name_en") if props.get(k)),
            "",
        )
        features.append(
            {"type": "Feature", "geometry": _rounded(mapping(geom)), "properties": {"name": name}}
        )
    return {"type": "FeatureCollection", "features": features}


def basemap_json(source: str | Path) -> str:
    """The basemap file the dashboard serves, made from the gazetteer's country outlines.

    Compact and deterministic, so that the committed copy can be checked against its source:
    ``python -m ui.maps.layers gazetteer/data/countries.geojson static/basemap/countries.geojson``.
    """
    return json.dumps(load_countries(source), separators=(",", ":"), sort_keys=True) + "\n"


def _rounded(geometry: Mapping[str, Any], ndigits: int = 3) -> dict[str, Any]:
    def r(c: Any) -> Any:
        if c and isinstance(c[0], (int, float)):
            return [round(float(c[0]), ndigits), round(float(c[1]), ndigits)]
        return [r(part) for part in c]

    return {"type": geometry["type"], "coordinates": r(geometry["coordinates"])}


_CSS = f"""
<style>
.leaflet-container {{ background: {SEA_COLOUR}; }}
.np-place {{
  border-radius: 50%; color: #fff; font: 600 12px/1 system-ui, sans-serif;
  display: flex; align-items: center; justify-content: center;
  border: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.35), 0 1px 3px rgba(0,0,0,.4);
  box-sizing: border-box;
}}
.np-place.np-approximate {{ border-style: dashed; }}
.np-place.np-focus {{ box-shadow: 0 0 0 2px #111, 0 1px 3px rgba(0,0,0,.4); }}
.np-selected {{ border-radius: 50%; border: 3px solid #111; box-sizing: border-box;
  background: rgba(255, 235, 59, .35); }}
.np-tooltip b {{ font-weight: 600; }}
.np-tooltip .np-forms {{ color: #444; }}
.np-tooltip .np-note {{ color: #8a4b00; font-style: italic; }}
.np-popup {{ font: 13px/1.45 system-ui, sans-serif; max-height: 260px; overflow-y: auto; }}
.np-popup-title {{ font-weight: 600; margin-bottom: .3em; }}
.np-popup-title .np-popup-kind {{ color: #666; font-weight: 400; }}
.np-popup blockquote {{ margin: 0 0 .5em 0; padding: .2em .5em; border-left: 3px solid #bbb;
  background: #fafafa; }}
.np-popup mark {{ background: #ffe066; padding: 0 1px; border-radius: 2px; }}
.np-popup mark.np-meto {{ background: #ffe9a8; font-style: italic; }}
.np-popup .np-popup-where {{ color: #888; font-size: 11px; }}
.np-all-places {{ background: #fff; border: 2px solid rgba(0,0,0,.2); border-radius: 4px;
  padding: 4px 8px; font: 600 12px system-ui, sans-serif; cursor: pointer; }}
.np-all-places:hover {{ background: #f4f4f4; }}
</style>
"""


class _OutlineBasemap(folium.plugins.MiniMap):
    """The stand-alone basemap: country outlines embedded in the map file, in their own pane
    under everything else, and an overview map drawn from them (no tiles).

    Used where the map must be one file (an export); the dashboard uses the labelled basemap
    (:class:`_LabelledBasemap`), served by its own server.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var pane = map.createPane('np-basemap');
            pane.style.zIndex = 250;
            pane.style.pointerEvents = 'none';
            var style = {{ this.style|tojson }};
            var miniStyle = {{ this.mini_style|tojson }};
            var data = {{ this.data|tojson }};
            L.geoJson(data, {
                pane: 'np-basemap', interactive: false,
                style: function() { return style; }
            }).addTo(map);
            var mini = L.geoJson(data, {
                interactive: false, style: function() { return miniStyle; }
            });
            map.addControl(new L.Control.MiniMap(mini, {{ this.options|tojavascript }}));
        })();
        {% endmacro %}
        """
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__(position="bottomright", toggle_display=True, zoom_level_offset=-5)
        self._name = "Basemap"
        self.data = dict(data)
        self.style = {"color": "#a39e93", "weight": 0.8, "fillColor": LAND_FILL, "fillOpacity": 1}
        self.mini_style = {"color": "#a39e93", "weight": 0.5, "fillColor": LAND_FILL,
                           "fillOpacity": 1}


class _LabelledBasemap(folium.plugins.MiniMap):
    """The offline, labelled basemap of ``static/basemap`` (``basemap.js``: land, lakes,
    rivers, first-level boundaries, labels of countries, seas, regions and towns by zoom),
    and an overview map drawn from its country outlines once the main map is drawn.

    ``window.npBasemapReady`` (a Promise of the milliseconds to the first drawn view) lets the
    tests and the benchmark wait for it.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var base = {{ this.base|tojson }};
            if (!window.NewsreaderBasemap) {
                console.warn('basemap script not loaded');
                return;
            }
            var group = NewsreaderBasemap.add(map, base);
            window.npBasemap = group;
            window.npBasemapReady = group.ready;
            var miniStyle = {{ this.mini_style|tojson }};
            var mini = L.geoJson(null, {
                interactive: false, style: function() { return miniStyle; }
            });
            map.addControl(new L.Control.MiniMap(mini, {{ this.options|tojavascript }}));
            // The overview's outlines come after the main view: they are not what a reader
            // waits for, and the browser's cache answers the second request.
            group.ready.then(function() {
                return fetch(base + '/countries.geojson');
            }).then(function(r) { return r.json(); })
              .then(function(data) { mini.addData(data); })
              .catch(function(err) { console.warn('overview map not drawn', err); });
        })();
        {% endmacro %}
        """
    )

    def __init__(self, base: str) -> None:
        super().__init__(position="bottomright", toggle_display=True, zoom_level_offset=-5,
                         minimized=True)
        self._name = "LabelledBasemap"
        self.base = base.rstrip("/")
        self.mini_style = {"color": "#a39e93", "weight": 0.5, "fillColor": LAND_FILL,
                           "fillOpacity": 1}


class _Linking(MacroElement):
    """The map's side of the linking, all in the browser:

    - a click on a place opens a popup at once with its passages, the mentions marked (built
      from text nodes: the text is untrusted); the server hears of the click through
      streamlit-folium and updates the side panel;
    - a click on a place name in the reader (``a.np-place[data-place]`` in the page around the
      map's frame) flies the map there, opens the popup and tells the server, instead of
      following the link and reloading the page; the link stays for a new tab or a copy;
    - an "All places" button fits every place of the article.

    ``window.npPlaces`` maps each place id to its marker and shape, filled by the layers'
    ``onEachFeature`` (the layers are swapped on every rerun, the map stays).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function() {
            var map = {{ this._parent.get_name() }};
            var POINT_ZOOM = {{ this.point_zoom }};
            window.npPlaces = window.npPlaces || {};

            function text(tag, cls, value) {
                var el = document.createElement(tag);
                if (cls) el.className = cls;
                if (value !== undefined) el.textContent = String(value);
                return el;
            }

            // A passage with its marks, from text nodes only.
            function passage(ps) {
                var q = document.createElement('blockquote');
                var t = String(ps.text || ''), pos = 0;
                (ps.marks || []).forEach(function(m) {
                    var s = Number(m[0]), e = Number(m[1]);
                    if (!(s >= pos && e > s && e <= t.length)) return;
                    q.appendChild(document.createTextNode(t.slice(pos, s)));
                    q.appendChild(text('mark', m[2] ? 'np-meto' : '', t.slice(s, e)));
                    pos = e;
                });
                q.appendChild(document.createTextNode(t.slice(pos)));
                if (ps.where) q.appendChild(text('div', 'np-popup-where', ps.where));
                return q;
            }

            function popupContent(p) {
                var el = text('div', 'np-popup');
                el.setAttribute('data-place', String(p.place_id || ''));
                var title = text('div', 'np-popup-title', p.name || '');
                var n = Number(p.count) || 0;
                title.appendChild(text('span', 'np-popup-kind', ' \\u00b7 ' + String(p.kind || '')
                    + ' \\u00b7 ' + n + (n === 1 ? ' mention' : ' mentions')));
                el.appendChild(title);
                (p.passages || []).forEach(function(ps) { el.appendChild(passage(ps)); });
                return el;
            }

            function anchor(entry) {
                if (entry.marker) return entry.marker.getLatLng();
                var s = entry.shape;
                if (s && s.getBounds) return s.getBounds().getCenter();
                return null;
            }

            // A popup on the map itself, not bound to the layer: the layers are replaced when
            // the server answers the click, and a bound popup would close with them.
            window.npOpenPopup = function(feature, latlng, options) {
                if (!latlng) return;
                window.npPopup = L.popup(L.extend({maxWidth: 360, minWidth: 220,
                                                   className: 'np-popup-box'}, options || {}))
                    .setLatLng(latlng)
                    .setContent(popupContent(feature.properties || {}))
                    .openOn(map);
            };

            // The same answer a click on the marker gives the server, sent at once.
            function tellServer(placeId) {
                var g = window.__GLOBAL_DATA__, S = window.Streamlit;
                if (!g || !S) return false;
                g.last_object_clicked_count += 1;
                g.last_active_drawing = {type: 'Feature', geometry: null,
                                         properties: {place_id: placeId}};
                var data = {};
                var all = {last_active_drawing: g.last_active_drawing,
                           last_object_clicked_count: g.last_object_clicked_count};
                (g.returned_objects || Object.keys(all)).forEach(function(k) {
                    if (k in all) data[k] = all[k];
                });
                g.previous_data = data;
                S.setComponentValue(data);
                return true;
            }

            window.npFlyTo = function(placeId) {
                var entry = window.npPlaces[placeId];
                if (!entry) return false;
                var feature = (entry.marker || entry.shape).feature;
                var p = feature.properties || {};
                var at = anchor(entry);
                if (!at) return false;
                var done = function() {
                    window.npOpenPopup(feature, at, {autoPan: false});
                };
                map.once('moveend', done);
                if (p.layer === 'countries' || !entry.shape) {
                    var z = p.layer === 'countries' ? 5 : POINT_ZOOM;
                    map.flyTo(at, z, {duration: 0.5});
                } else {
                    map.flyToBounds(entry.shape.getBounds(),
                                    {padding: [30, 30], maxZoom: POINT_ZOOM, duration: 0.5});
                }
                tellServer(placeId);
                return true;
            };

            // Every place the article names, its countries by their point only.
            window.npAllBounds = function() {
                var b = L.latLngBounds([]);
                Object.keys(window.npPlaces).forEach(function(id) {
                    var e = window.npPlaces[id];
                    var p = ((e.marker || e.shape).feature || {}).properties || {};
                    if (e.shape && e.shape.getBounds && p.layer !== 'countries') {
                        b.extend(e.shape.getBounds());
                    } else if (e.marker) {
                        b.extend(e.marker.getLatLng());
                    }
                });
                return b;
            };

            var AllPlaces = L.Control.extend({
                options: {position: 'topleft'},
                onAdd: function() {
                    var button = L.DomUtil.create('button', 'np-all-places');
                    button.type = 'button';
                    button.textContent = 'All places';
                    button.title = 'Show every place the article names';
                    L.DomEvent.disableClickPropagation(button);
                    L.DomEvent.on(button, 'click', function() {
                        var b = window.npAllBounds();
                        if (b.isValid()) map.fitBounds(b, {padding: [30, 30], maxZoom: 10});
                    });
                    return button;
                }
            });
            map.addControl(new AllPlaces());

            // The reader's place names: the page around this frame (same origin) holds them.
            var host;
            try { host = window.parent && window.parent.document; } catch (e) { host = null; }
            if (host && window.parent !== window) {
                var parentWin = window.parent;
                if (parentWin.__npReaderClick) {
                    host.removeEventListener('click', parentWin.__npReaderClick, true);
                }
                var frame = window.frameElement;
                parentWin.__npReaderClick = function(ev) {
                    if (frame && !frame.isConnected) return;  // an older map's frame
                    if (ev.button !== 0 || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) {
                        return;  // a new tab or window: the link does that
                    }
                    var t = ev.target;
                    var a = t && t.closest && t.closest('a.np-place[data-place]');
                    if (!a) return;
                    if (window.npFlyTo(a.getAttribute('data-place'))) ev.preventDefault();
                };
                host.addEventListener('click', parentWin.__npReaderClick, true);
            }
        })();
        {% endmacro %}
        """
    )

    def __init__(self, point_zoom: int) -> None:
        super().__init__()
        self._name = "Linking"
        self.point_zoom = int(point_zoom)


#: folium.Map's own assets the map uses: Leaflet only.
_MAP_SCRIPTS = frozenset({"leaflet", "leaflet_css"})

#: Online tile layers a reader may choose instead of the offline basemap: key (in the URL) ->
#: (folium's tiles name, label). None is the default; they stay blank without the internet.
ONLINE_TILES: Mapping[str, tuple[str, str]] = {
    "osm": ("OpenStreetMap", "OpenStreetMap (online)"),
    "light": ("Esri.WorldGrayCanvas", "Light (online)"),
    "satellite": ("Esri.WorldImagery", "Satellite (online)"),
}

#: Closest zoom used when moving to a point place (a town needs some surroundings).
POINT_ZOOM = 10


def base_map(
    *,
    bounds: Bounds | None = None,
    countries: Mapping[str, Any] | None = None,
    basemap_base: str | None = None,
    tiles: str | None = None,
    online_tiles: bool = False,
    asset_base: str = VENDOR_BASE,
) -> folium.Map:
    """The map without the article's places: basemap, controls and the initial view.

    The basemap is the labelled one served from ``basemap_base`` (the dashboard:
    :data:`BASEMAP_BASE`), or country outlines embedded in the file (``countries``: a
    stand-alone map). ``tiles`` (a key of :data:`ONLINE_TILES`) draws that online tile layer
    instead, as the reader chose; ``online_tiles`` offers all of them in a layer control, off.
    The HTML depends only on these arguments, so the dashboard rebuilds it on every rerun
    without the browser's map being remounted.
    """
    m = folium.Map(
        location=list(bounds.center) if bounds else [30.0, 20.0],
        zoom_start=2,
        tiles=None,
        max_zoom=MAX_ZOOM,
        min_zoom=1,
        control_scale=True,
        world_copy_jump=True,
    )
    # Without tile layers nothing else tells Leaflet its zoom range (MarkerCluster needs it).
    m.options.update(maxZoom=MAX_ZOOM, minZoom=1)
    root: Any = m.get_root()  # a branca Figure, which has a header
    root.header.add_child(Element(_CSS), name="newsreader_css")

    chosen = ONLINE_TILES.get(tiles) if tiles else None
    if chosen is not None:
        folium.TileLayer(chosen[0], name=chosen[1], max_zoom=MAX_ZOOM).add_to(m)
    elif basemap_base is not None:
        _LabelledBasemap(basemap_base).add_to(m)
    elif countries is not None:
        _OutlineBasemap(countries).add_to(m)
    if online_tiles:
        folium.FeatureGroup(name="Offline basemap", overlay=False, show=True).add_to(m)
        for tiles_name, label in ONLINE_TILES.values():
            folium.TileLayer(
                tiles_name, name=label, overlay=False, show=False, max_zoom=MAX_ZOOM
            ).add_to(m)

    folium.plugins.Fullscreen(position="topleft").add_to(m)
    folium.plugins.MeasureControl(
        position="topleft", primary_length_unit="kilometers", primary_area_unit="sqkilometers"
    ).add_to(m)
    _Linking(POINT_ZOOM).add_to(m)
    if online_tiles:
        folium.LayerControl(position="topright", collapsed=True).add_to(m)
    if bounds is not None:
        m.fit_bounds(bounds.as_leaflet(), padding=(30, 30), max_zoom=POINT_ZOOM)

    # The marker-cluster plugin is loaded with the map: layers added later may need it, and the
    # browser loads scripts only when the map is first drawn.
    # jQuery, Bootstrap and the awesome-markers icons folium loads by default are not used
    # (the markers are div icons): three scripts and two styles less before the map draws.
    m.default_js = [
        *(a for a in folium.Map.default_js if a[0] in _MAP_SCRIPTS),
        *folium.plugins.MarkerCluster.default_js,
    ]
    m.default_css = [
        *(a for a in folium.Map.default_css if a[0] in _MAP_SCRIPTS),
        *folium.plugins.MarkerCluster.default_css,
    ]
    localize_assets(m, asset_base)
    if chosen is None and basemap_base is not None:
        m.default_js.append(("newsreader_basemap", f"{basemap_base.rstrip('/')}/basemap.js"))
    return m


#: Every script the dashboard's map loads, joined in one file (``static/vendor/bundle.py``).
BUNDLE_URL = f"{VENDOR_BASE}/map-bundle.js"
#: The scripts in the bundle, by their URL (as :func:`base_map` lists them).
BUNDLED_SCRIPTS = frozenset(
    {
        f"{VENDOR_BASE}/{LOCAL_ASSETS[name]}"
        for name in ("leaflet", "markerclusterjs", "Control_MiniMap_js", "Control.Fullscreen.js",
                     "leaflet_measure_js")
    }
    | {f"{BASEMAP_BASE}/basemap.js"}
)


def bundle_scripts(m: folium.Map) -> folium.Map:
    """Load the map's scripts as one file (:data:`BUNDLE_URL`) instead of one after another.

    Raises ValueError if the map needs a script the bundle lacks (it would load it twice or
    in the wrong order).
    """
    scripts = [url for item in _walk(m) for _name, url in getattr(item, "default_js", []) or []]
    missing = sorted(set(scripts) - BUNDLED_SCRIPTS)
    if missing:
        raise ValueError(f"scripts not in the bundle: {missing} (see static/vendor/bundle.py)")
    for item in _walk(m):
        if getattr(item, "default_js", None):
            item.default_js = []
    m.default_js = [("newsreader_bundle", BUNDLE_URL)]
    return m


# --- the article's places -------------------------------------------------------------------

_POINT_TO_LAYER = JsCode(
    """
    function(feature, latlng) {
        var p = feature.properties || {};
        var n = Math.max(1, Number(p.count) || 1);
        var size = Math.round(20 + 6 * Math.log2(n));
        var colour = String(p.colour || '#555');
        var classes = 'np-place' + (p.approximate ? ' np-approximate' : '')
            + (p.focus ? ' np-focus' : '');
        var icon = L.divIcon({
            className: '',
            html: '<div class="' + classes + '" style="width:' + size + 'px;height:' + size
                + 'px;background:' + (/^#[0-9a-fA-F]{6}$/.test(colour) ? colour : '#555')
                + '">' + n + '</div>',
            iconSize: [size, size],
            iconAnchor: [size / 2, size / 2],
        });
        return L.marker(latlng, {icon: icon, riseOnHover: true, keyboard: true,
                                 title: String(p.name || '')});
    }
    """
)

# The tooltip is built from text nodes, never from HTML strings: names and mention texts are
# untrusted and must not become markup.
_ON_EACH_FEATURE = JsCode(
    """
    function(feature, layer) {
        var p = feature.properties || {};
        var el = document.createElement('div');
        el.className = 'np-tooltip';
        var b = document.createElement('b');
        b.textContent = String(p.name || '');
        el.appendChild(b);
        var n = Number(p.count) || 0;
        el.appendChild(document.createTextNode(
            ' \\u00b7 ' + String(p.kind || '') + ' \\u00b7 ' + n
            + (n === 1 ? ' mention' : ' mentions')));
        // The article's own spellings, where they differ from the (English) name on the map.
        var forms = [], seen = {};
        seen[String(p.name || '').toLowerCase()] = true;
        (p.mentions || []).forEach(function(m) {
            var t = String((m && m.text) || '').trim();
            var k = t.toLowerCase();
            if (t && !seen[k]) { seen[k] = true; forms.push(t); }
        });
        if (forms.length) {
            var f = document.createElement('div');
            f.className = 'np-forms';
            f.textContent = 'in the text: ' + forms.slice(0, 5).join(', ');
            el.appendChild(f);
        }
        if (p.approximate) {
            var note = document.createElement('div');
            note.className = 'np-note';
            note.textContent = 'approximate geometry (schematic)';
            el.appendChild(note);
        }
        layer.bindTooltip(el, {sticky: !(layer instanceof L.Marker), direction: 'top'});
        // Known to the reader's links and the "All places" button (see _Linking), and a
        // click opens the passages at once, before the server has heard of it.
        var places = window.npPlaces = window.npPlaces || {};
        var entry = places[p.place_id] = places[p.place_id] || {};
        if (layer instanceof L.Marker) entry.marker = layer; else entry.shape = layer;
        layer.on('click', function(e) {
            if (!window.npOpenPopup) return;
            var at = layer.getLatLng ? layer.getLatLng() : e.latlng;
            window.npOpenPopup(feature, at);
        });
    }
    """
)


def _style(feature: Mapping[str, Any]) -> dict[str, Any]:
    p = feature.get("properties") or {}
    colour = p.get("colour", DEFAULT_COLOUR)
    gtype = (feature.get("geometry") or {}).get("type", "")
    style: dict[str, Any] = {"color": colour, "weight": 2, "opacity": 0.9}
    if "Polygon" in gtype:
        # Light fills: regions and countries hold the districts and towns drawn over them.
        fill = {"countries": 0.06, "region": 0.08, "continent": 0.04}
        style.update(
            fillColor=colour,
            fillOpacity=fill.get(str(p.get("layer")), fill.get(str(p.get("kind")), 0.16)),
        )
        if p.get("layer") == "countries":
            style.update(weight=1.5)
    else:
        style.update(weight=5, opacity=0.85, lineCap="round")
    if p.get("approximate"):
        style.update(dashArray="8 6")
    return style


def _prepared(
    feature: Mapping[str, Any], passages: Mapping[str, Sequence[Mapping[str, Any]]] | None = None
) -> dict[str, Any]:
    """A copy of a feature with the display properties the map's scripts read (``passages``:
    the popup's passages of each place, see :func:`place_layers`)."""
    props = dict(feature.get("properties") or {})
    if passages is not None:
        props["passages"] = list(passages.get(str(props.get("place_id")), ()))
    props["colour"] = KIND_COLOURS.get(str(props.get("kind", "")), DEFAULT_COLOUR)
    props["count"] = int(props.get("count") or 0)
    props["approximate"] = bool(props.get("approximate"))
    props["focus"] = bool(props.get("focus"))
    return {"type": "Feature", "geometry": feature["geometry"], "properties": props}


def _marker_feature(feature: dict[str, Any]) -> dict[str, Any]:
    """The place's count marker: the feature itself for a point, else its representative point.

    Every place gets one marker (areas and lines too), so each can be found and clicked at
    any zoom; the marker keeps all the place's properties.
    """
    gtype = feature["geometry"]["type"]
    if gtype == "Point":
        return feature
    if "LineString" in gtype:
        # Halfway along the line: a corridor's own point is often one of its ends, where a
        # town's marker already sits.
        mid = shape(feature["geometry"]).interpolate(0.5, normalized=True)
        lat, lon = float(mid.y), float(mid.x)
    else:
        lat, lon = _latlon(feature["properties"], feature["geometry"])
    props = dict(feature["properties"], marker_of=feature["geometry"]["type"])
    return {"type": "Feature", "geometry": {"type": "Point", "coordinates": [lon, lat]},
            "properties": props}


def _geojson(features: list[dict[str, Any]], name: str, **kwargs: Any) -> folium.GeoJson:
    return folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=name,
        style_function=_style,
        on_each_feature=_ON_EACH_FEATURE,
        pointToLayer=_POINT_TO_LAYER,
        **kwargs,
    )


def layer_of(feature: Mapping[str, Any]) -> str:
    """The toggle layer of a feature (its ``layer`` property; settlements when unknown)."""
    layer = str((feature.get("properties") or {}).get("layer") or "settlements")
    return layer if layer in LAYERS else "settlements"


def place_layers(
    fc: Mapping[str, Any],
    *,
    layers: Iterable[str] = tuple(LAYERS),
    selected: str | None = None,
    cluster_threshold: int = CLUSTER_THRESHOLD,
    asset_base: str = VENDOR_BASE,
    passages: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> list[folium.FeatureGroup]:
    """One feature group per visible layer that has places, and one for the selection.

    ``passages``: place id -> the passages its popup shows, each ``{"text", "marks",
    "where"}`` with ``marks`` as ``[start, end, metonymic]`` into ``text`` (the map builds
    the popup from text nodes, in the browser, at the click).

    Each place is one feature (one marker per place, not per mention) whose properties keep
    its ``place_id``: a click on it comes back to the dashboard with that id. Areas and lines
    are drawn before points so that points stay on top and clickable. Above
    ``cluster_threshold`` points, markers are grouped with MarkerCluster.
    """
    wanted = set(layers)
    by_layer: dict[str, list[dict[str, Any]]] = {name: [] for name in LAYERS}
    for feature in fc.get("features", []):
        if not feature.get("geometry") or not feature.get("properties"):
            continue
        by_layer[layer_of(feature)].append(_prepared(feature, passages))

    shapes: list[tuple[str, list[dict[str, Any]]]] = []
    points: list[tuple[str, list[dict[str, Any]]]] = []
    for name in LAYERS:
        if name not in wanted:
            continue
        feats = by_layer[name]
        shapes.append((name, [f for f in feats if f["geometry"]["type"] != "Point"]))
        points.append((name, [_marker_feature(f) for f in feats]))

    n_points = sum(len(fs) for _, fs in points)
    groups: dict[str, folium.FeatureGroup] = {}

    def group(name: str) -> folium.FeatureGroup:
        if name not in groups:
            groups[name] = folium.FeatureGroup(name=LAYERS[name], control=False)
        return groups[name]

    # Empty layers are skipped: folium's GeoJSON helpers fail on an empty collection.
    for name, feats in shapes:
        if feats:
            _geojson(feats, f"{name}-shapes").add_to(group(name))
    for name, feats in points:
        if not feats:
            continue
        layer = _geojson(feats, f"{name}-points")
        if n_points > cluster_threshold:
            cluster = folium.plugins.MarkerCluster(
                name=f"{name}-cluster",
                options={"showCoverageOnHover": False, "maxClusterRadius": 50,
                         "chunkedLoading": True, "disableClusteringAtZoom": 10},
            )
            layer.add_to(cluster)
            cluster.add_to(group(name))
        else:
            layer.add_to(group(name))

    out = [groups[name] for name in LAYERS if name in groups]
    if selected is not None:
        sel = selection_layer(fc, selected)
        if sel is not None:
            out.append(sel)
    for g in out:
        localize_assets(g, asset_base)
    return out


def selection_layer(fc: Mapping[str, Any], place_id: str) -> folium.FeatureGroup | None:
    """A highlight drawn around the selected place; it lets clicks through to the place."""
    feature = find_feature(fc, place_id)
    if feature is None or not feature.get("geometry"):
        return None
    g = folium.FeatureGroup(name="Selected place", control=False)
    geometry = feature["geometry"]
    if geometry.get("type") == "Point":
        lat, lon = _latlon(feature.get("properties") or {}, geometry)
        folium.Marker(
            [lat, lon],
            icon=folium.DivIcon(
                html='<div class="np-selected" style="width:44px;height:44px"></div>',
                icon_size=(44, 44),
                icon_anchor=(22, 22),
                class_name="np-selection",
            ),
            interactive=False,
            z_index_offset=-1000,
        ).add_to(g)
    else:
        folium.GeoJson(
            {"type": "Feature", "geometry": geometry, "properties": {}},
            name="selection",
            style_function=lambda _f: {
                "color": "#111", "weight": 4, "opacity": 0.9, "fill": False, "dashArray": None
            },
            interactive=False,
            className="np-selection",
        ).add_to(g)
    return g


def build_map(
    fc: Mapping[str, Any],
    *,
    countries: Mapping[str, Any] | None = None,
    layers: Iterable[str] = tuple(LAYERS),
    selected: str | None = None,
    online_tiles: bool = True,
    asset_base: str = VENDOR_BASE,
) -> folium.Map:
    """A complete map of an article's places (for export; the dashboard uses the two parts)."""
    m = base_map(
        bounds=feature_bounds(fc),
        countries=countries,
        online_tiles=online_tiles,
        asset_base=asset_base,
    )
    for g in place_layers(fc, layers=layers, selected=selected, asset_base=asset_base):
        g.add_to(m)
    return m


if __name__ == "__main__":
    import sys

    if len(sys.argv) != 3:
        raise SystemExit("usage: python -m ui.maps.layers SOURCE.geojson DEST.geojson")
    Path(sys.argv[2]).write_text(basemap_json(sys.argv[1]), encoding="utf-8")
