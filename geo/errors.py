"""The geoparser's errors: one root, each subclass also the standard type that fits.

>>> issubclass(PipelineMissing, GeoError) and issubclass(PipelineMissing, RuntimeError)
True
"""

from __future__ import annotations


class GeoError(Exception):
    """The root of every error the geoparser raises on purpose."""


class PipelineMissing(GeoError, RuntimeError):
    """No English spaCy pipeline is installed; the message says how to get one."""


class ConfigError(GeoError, ValueError):
    """A geoparser setting that does not exist or has the wrong type."""


class ModelError(GeoError, ValueError):
    """A spaCy pipeline the geoparser cannot run on (no ``ner``), or a ranking model file that
    cannot be read."""
