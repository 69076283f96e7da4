"""Cached access to the pure packages: articles, the gazetteer, the parser, the basemap.

Heavy things (the gazetteer index, the spaCy pipeline, parsed articles, the country outlines)
are loaded once per server process with ``st.cache_resource``; results are immutable records,
so sharing them between sessions is safe.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

import gazetteer
from corpus import ingest
from geo.model import ParseResult
from ui.maps.layers import load_countries

ROOT = Path(__file__).resolve().parents[1]


def articles_folder() -> Path:
    """``NEWSREADER_ARTICLES`` or the project's ``articles/`` folder."""
    return Path(os.environ.get("NEWSREADER_ARTICLES") or ROOT / "articles")


def load_articles() -> ingest.Corpus:
    """The articles folder; files are re-read only when they changed (cheap on every run)."""
    return ingest.load_corpus(articles_folder())


@st.cache_resource(show_spinner="Opening the gazetteer ...")
def open_gazetteer() -> Any:
    return gazetteer.open()


@st.cache_resource(show_spinner=False, max_entries=64)
def parse(text: str, demonyms: bool = False) -> ParseResult:
    """The geoparser on the shared gazetteer; one result per distinct text and setting.

    ``demonyms``: also count demonyms and country adjectives ("Russian peacekeepers") as
    mentions of their country. Part of the cache key, so flipping it parses once per text.
    """
    import geo

    return geo.parse(
        text, config=geo.GeoparserConfig(demonyms=demonyms), gazetteer=open_gazetteer()
    )


@st.cache_resource(show_spinner=False, max_entries=64)
def features(text: str, demonyms: bool = False) -> dict[str, Any]:
    """The GeoJSON FeatureCollection of an article's places (the map's input)."""
    from geo.geometry import feature_collection

    return feature_collection(parse(text, demonyms))


@st.cache_resource(show_spinner=False)
def countries() -> dict[str, Any] | None:
    """The country outlines, simplified, for maps that embed them (None when missing)."""
    path = ROOT / "gazetteer" / "data" / "countries.geojson"
    return load_countries(path) if path.exists() else None


@st.cache_resource(show_spinner=False, max_entries=4096)
def alternate_names(place_id: str) -> tuple[str, ...]:
    return tuple(open_gazetteer().names(place_id))


@st.cache_resource(show_spinner=False, max_entries=4096)
def parents(place_id: str) -> tuple[str, ...]:
    return tuple(p.name for p in open_gazetteer().parents(place_id))
