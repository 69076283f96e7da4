"""The geoparser: article text -> place mentions -> resolved places with geometry.

Pure Python; nothing here imports streamlit. The one entry point shared by the dashboard, the
CLI and the batch job is :func:`geo.parse`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from geo.pipeline import parse, parse_many

__all__ = ["parse", "parse_many"]


def __getattr__(name: str) -> Any:
    # Lazy, so that ``import geo.article`` does not load spaCy.
    if name in ("parse", "parse_many"):
        from geo import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'geo' has no attribute {name!r}")
