"""The map panel: the article's places drawn with folium inside streamlit-folium.

The map is sent in two parts so that nothing flickers (see ``geo/layers.py``): the base map,
whose HTML (and so the browser's map) stays the same while the article does, and the
article's layers plus the selection, passed as ``feature_group_to_add``, which the browser swaps
in place. A selection made outside the map moves it through ``center``/``zoom``. Only clicks
come back (``returned_objects``), so panning and zooming never rerun the page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

from ui import state
from ui.maps.assets import BASEMAP_BASE
from ui.maps.layers import (
    POINT_ZOOM,
    Bounds,
    base_map,
    bundle_scripts,
    feature_bounds,
    focus_bounds,
    place_layers,
    selection_view,
)

HEIGHT = 560
#: Assumed map size in pixels, for the zoom that shows a selected place.
VIEW_WIDTH, VIEW_HEIGHT = 720, HEIGHT
RETURNED = ["last_active_drawing", "last_object_clicked_count"]


def pending_click() -> str | None:
    """The place id of a map click not handled yet, or None.

    The component's last answer sits in the session state before the page runs, so a click is
    handled before anything is drawn and every panel shows the same selection.
    """
    value = st.session_state.get(state.MAP)
    if not isinstance(value, Mapping):
        return None
    drawing = value.get("last_active_drawing")
    if not isinstance(drawing, Mapping):
        return None
    signature = json.dumps(
        [value.get("last_object_clicked_count"), drawing.get("properties", {}).get("place_id")],
        sort_keys=True,
    )
    if signature == st.session_state.get(state.LAST_CLICK):
        return None
    st.session_state[state.LAST_CLICK] = signature
    place_id = (drawing.get("properties") or {}).get("place_id")
    return str(place_id) if place_id else None


def fly_target(fc: Mapping[str, Any]) -> tuple[tuple[float, float] | None, float | None]:
    """Center and zoom for the pending move, unchanged between reruns until the next request.

    streamlit-folium ignores a center or zoom equal to the one it was sent last, so each
    request carries a nonce in digits that do not change the view.
    """
    fly = st.session_state.get(state.FLY)
    if not fly:
        return None, None
    place_id, nonce = fly
    view = selection_view(fc, place_id, width=VIEW_WIDTH, height=VIEW_HEIGHT)
    if view is None:
        return None, None
    (lat, lon), zoom = view
    feature_type = next(
        (
            f["geometry"]["type"]
            for f in fc.get("features", [])
            if f["properties"].get("place_id") == place_id
        ),
        "Point",
    )
    if feature_type == "Point":
        zoom = min(zoom, POINT_ZOOM)
    tiny = nonce * 1e-7
    return (lat + tiny, lon + tiny), zoom + tiny


def start_bounds(fc: Mapping[str, Any]) -> Bounds | None:
    """The base map's view: what the article is about (:func:`focus_bounds`), or the place
    the session was opened on.

    The latter is fixed once, at the first draw, and kept while the article stays, so the base
    map (and so the browser's map) does not change when the selection or the settings do.
    """
    saved = st.session_state.get(state.START_VIEW)
    if isinstance(saved, Bounds):
        return saved
    place_id = st.session_state.get(state.START_PLACE)
    bounds = feature_bounds(fc, place_id=place_id) if place_id else None
    if bounds is not None:
        st.session_state[state.START_VIEW] = bounds
        return bounds
    st.session_state[state.START_PLACE] = None
    return focus_bounds(fc)


def render(
    fc: Mapping[str, Any],
    *,
    layers: Sequence[str],
    selected: str | None,
    passages: Mapping[str, Sequence[Mapping[str, Any]]] | None = None,
) -> None:
    """Draw the map; a click on a place comes back through :func:`pending_click`.

    ``passages`` (place id -> its passages, :func:`ui.view.popup_passages`) travel with the
    places, so that a click opens them in a popup at once, in the browser.
    """
    m = bundle_scripts(
        base_map(bounds=start_bounds(fc), basemap_base=BASEMAP_BASE, tiles=state.tiles())
    )
    groups = place_layers(fc, layers=layers, selected=selected, passages=passages)
    center, zoom = fly_target(fc)
    st_folium(
        m,
        key=state.MAP,
        height=HEIGHT,
        use_container_width=True,
        returned_objects=RETURNED,
        feature_group_to_add=groups,
        center=center,
        zoom=zoom,
    )
