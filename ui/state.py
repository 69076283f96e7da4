"""The dashboard's state: session-state keys and URL query parameters, in one place.

The view a user sees (article, selected place, visible layers, whether adjectives count as
mentions of their country) lives in ``st.session_state`` while they work and is mirrored into
the URL (``?article=...&place=...&layers=...&demonyms=1``) after every run, so a view can be
bookmarked or shared. A new session starts from the URL.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import quote, urlencode

import streamlit as st

from ui.maps.layers import LAYERS, ONLINE_TILES

# URL query parameters
Q_ARTICLE = "article"
Q_PLACE = "place"
Q_LAYERS = "layers"
Q_DEMONYMS = "demonyms"
Q_TILES = "tiles"

# session-state keys
ARTICLE = "np_article"  # the article selectbox
PLACE = "np_place"  # the selected place id (or None)
FLY = "np_fly"  # (place id, nonce): a request to move the map to a place
START_PLACE = "np_start_place"  # the place the URL opened the session with (the map starts there)
START_VIEW = "np_start_view"  # the base map's bounds while the session stays on that article
LAST_CLICK = "np_last_click"  # the map click already handled
MAP = "np_map"  # what the map component last returned
READER_PICK = "np_reader_pick"  # the reader's place pills
TABLE = "np_table"  # the places table (its row selection)
NOTICES = "np_notices"  # messages about the URL that could not be honoured
DEMONYMS = "np_demonyms"  # the toggle: adjectives ("Russian") count as their country
DEMONYMS_CHANGED = "np_demonyms_changed"  # set by the toggle, read once by the page
TILES = "np_tiles"  # the basemap: OFFLINE (labelled, the default) or a key of ONLINE_TILES
OFFLINE = "offline"
_INITIALISED = "np_initialised"


def layer_key(layer: str) -> str:
    """The session-state key of a layer's toggle."""
    return f"np_layer_{layer}"


@dataclass(frozen=True, slots=True)
class View:
    """What the URL says to show."""

    article: str | None
    place: str | None
    layers: tuple[str, ...]
    demonyms: bool = False
    tiles: str | None = None


def parse_layers(value: str | None) -> tuple[str, ...]:
    """The visible layers named in the URL; all of them when the parameter is absent.

    >>> parse_layers(None) == tuple(LAYERS)
    True
    >>> parse_layers("settlements,bogus,corridors")
    ('corridors', 'settlements')
    >>> parse_layers("")
    ()
    """
    if value is None:
        return tuple(LAYERS)
    wanted = {v.strip() for v in value.split(",")}
    return tuple(name for name in LAYERS if name in wanted)


def parse_flag(value: str | None) -> bool:
    """A yes/no query parameter; anything but an explicit yes is no (the default view).

    >>> [parse_flag(v) for v in ("1", "true", "On", None, "", "0", "no")]
    [True, True, True, False, False, False, False]
    """
    return (value or "").strip().lower() in {"1", "true", "yes", "on"}


def view_from_url() -> View:
    qp = st.query_params
    return View(
        article=qp.get(Q_ARTICLE) or None,
        place=qp.get(Q_PLACE) or None,
        layers=parse_layers(qp.get(Q_LAYERS)),
        demonyms=parse_flag(qp.get(Q_DEMONYMS)),
        tiles=qp.get(Q_TILES) if qp.get(Q_TILES) in ONLINE_TILES else None,
    )


def init(article_ids: Sequence[str]) -> None:
    """Fill the session state from the URL once per session."""
    if st.session_state.get(_INITIALISED):
        if st.session_state.get(ARTICLE) not in article_ids and article_ids:
            st.session_state[ARTICLE] = article_ids[0]
            clear_selection()
        return
    view = view_from_url()
    notices: list[str] = []
    article = view.article
    if article is not None and article not in article_ids:
        notices.append(f"The article {article!r} named in the link is not in the folder.")
        article = None
    if article is None and article_ids:
        article = article_ids[0]
    st.session_state[ARTICLE] = article
    st.session_state[PLACE] = view.place if article == view.article else None
    for name in LAYERS:
        st.session_state[layer_key(name)] = name in view.layers
    st.session_state[DEMONYMS] = view.demonyms
    st.session_state[TILES] = view.tiles or OFFLINE
    st.session_state[FLY] = (view.place, 0) if st.session_state[PLACE] else None
    # A move asked for while the new map plays its opening fit is dropped by Leaflet: a session
    # opened on a place (a link, a click on a name in the reader) starts the map there instead.
    st.session_state[START_PLACE] = st.session_state[PLACE]
    st.session_state[NOTICES] = notices
    st.session_state[_INITIALISED] = True


def visible_layers() -> tuple[str, ...]:
    return tuple(name for name in LAYERS if st.session_state.get(layer_key(name), True))


def demonyms() -> bool:
    """Whether demonyms and country adjectives count as mentions of their country."""
    return bool(st.session_state.get(DEMONYMS, False))


def demonyms_just_changed() -> bool:
    """Whether the toggle changed since the last run (answers True once per change)."""
    return bool(st.session_state.pop(DEMONYMS_CHANGED, False))


def tiles() -> str | None:
    """The online tile layer the reader chose, or None for the offline labelled basemap."""
    value = st.session_state.get(TILES)
    return value if value in ONLINE_TILES else None


def selected_place() -> str | None:
    value = st.session_state.get(PLACE)
    return str(value) if value else None


def select_place(place_id: str | None, *, fly: bool) -> None:
    """Select a place; ``fly`` also moves the map to it (a choice made outside the map)."""
    st.session_state[PLACE] = place_id
    if fly and place_id:
        previous = st.session_state.get(FLY)
        nonce = previous[1] + 1 if previous else 1
        st.session_state[FLY] = (place_id, nonce)


def clear_selection() -> None:
    """Forget the place, the map's last answer and any pending move (a new article)."""
    st.session_state[PLACE] = None
    st.session_state[FLY] = None
    st.session_state[LAST_CLICK] = None
    for key in (MAP, READER_PICK, START_PLACE, START_VIEW):
        if key in st.session_state:
            del st.session_state[key]


def _url_view(layers: Iterable[str]) -> dict[str, str | None]:
    """The query parameters of the view in the session state (None: leave it out)."""
    layers = tuple(layers)
    return {
        Q_ARTICLE: st.session_state.get(ARTICLE),
        Q_PLACE: selected_place(),
        Q_LAYERS: None if layers == tuple(LAYERS) else ",".join(layers),
        # absent when off, so the links of the default view stay as they were
        Q_DEMONYMS: "1" if demonyms() else None,
        Q_TILES: tiles(),  # absent: the offline basemap
    }


def place_links(layers: Iterable[str]) -> Callable[[str], str]:
    """Relative links (``?...``) to this view with a given place selected.

    The other parameters are the view's (article, layers, adjectives) plus any other the URL
    carries, so following a link (a new session, started from the URL) changes only the
    place. Every value is percent-encoded (``geonames:123`` -> ``geonames%3A123``). The view's
    parameters are read once: the reader asks for a link per mention.
    """
    base: dict[str, str] = {k: v for k, v in st.query_params.to_dict().items() if v}
    for key, value in _url_view(layers).items():
        if value is None:
            base.pop(key, None)
        else:
            base[key] = value

    def link(place_id: str) -> str:
        return "?" + urlencode({**base, Q_PLACE: place_id}, quote_via=quote, safe="")

    return link


def sync_url(layers: Iterable[str]) -> None:
    """Mirror the view into the URL (only the parameters that differ, to avoid reruns)."""
    wanted = _url_view(layers)
    qp = st.query_params
    for key, value in wanted.items():
        if value is None:
            if key in qp:
                del qp[key]
        elif qp.get(key) != value:
            qp[key] = value
