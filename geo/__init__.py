"""The geoparser: article text -> place mentions -> resolved places with geometry.

The public API::

    import geo
    result = geo.parse("Talks resumed in Stepanakert.")            # a ParseResult
    results = geo.parse_many(texts, config=geo.GeoparserConfig(demonyms=True))
    parser = geo.Geoparser(nlp, gazetteer=g, config=cfg)           # bound to your own pipeline

and a spaCy component, ``nlp.add_pipe("geoparser")`` (:mod:`geo.component`). Everything tunable
is in :class:`GeoparserConfig`; every error the geoparser raises on purpose is a
:class:`GeoError`. Nothing here imports streamlit, folium, pandas or Dask.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from geo.config import GeoparserConfig
from geo.errors import ConfigError, GeoError, ModelError, PipelineMissing
from geo.model import ArticlePlace, Candidate, Excerpt, Mention, ParseResult, Resolution

if TYPE_CHECKING:
    from geo.pipeline import Geoparser, geoparser, parse, parse_many

__all__ = [
    "ArticlePlace",
    "Candidate",
    "ConfigError",
    "Excerpt",
    "GeoError",
    "Geoparser",
    "GeoparserConfig",
    "Mention",
    "ModelError",
    "ParseResult",
    "PipelineMissing",
    "Resolution",
    "geoparser",
    "parse",
    "parse_many",
]

_LAZY = frozenset({"Geoparser", "geoparser", "parse", "parse_many"})


def __getattr__(name: str) -> Any:
    # Lazy, so that the corpus and the UI can read the records without importing spaCy.
    if name in _LAZY:
        from geo import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
