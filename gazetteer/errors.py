"""The gazetteer's errors: one root, each subclass also the standard type that fits.

>>> issubclass(UnusableIndexError, GazetteerError) and issubclass(UnusableIndexError, OSError)
True
"""

from __future__ import annotations


class GazetteerError(Exception):
    """The root of every error the gazetteer raises on purpose."""


class UnusableIndexError(GazetteerError, OSError):
    """The index file is unusable (corrupt, incomplete or from another build); the message
    names the fix (``python -m gazetteer build``)."""


class DumpError(GazetteerError, ValueError):
    """A GeoNames dump file given to the build is not what its name says."""


class SourceDataError(GazetteerError, ValueError):
    """The committed source data contradict themselves (an alias or region member names no
    place)."""
