"""Distances on the Earth: one haversine and one Earth radius for the whole project.

>>> round(haversine_km(39.8177, 46.7528, 39.7584, 46.7484), 1)
6.6
>>> round(haversine_km(40.4093, 49.8671, 40.1872, 44.5152))
454
"""

from __future__ import annotations

import math

#: The mean Earth radius (IUGG), in km; the reference scorer's 6371.009 rounds the same value.
EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two lat/lon points (degrees)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))
