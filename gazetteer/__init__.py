"""The offline gazetteer: the world's places with their alternate names, built into SQLite.

>>> import gazetteer
>>> gazetteer.name_key("Xankəndi")
'xankendi'
>>> gazetteer.data_path("countries.geojson").suffix
'.geojson'
"""

from gazetteer.errors import DumpError, GazetteerError, SourceDataError, UnusableIndexError
from gazetteer.geodesy import EARTH_KM, haversine_km
from gazetteer.model import Kind, Match, Place
from gazetteer.normalize import name_key
from gazetteer.paths import data_path, default_index_path
from gazetteer.prominence import ProminenceCurve
from gazetteer.store import Gazetteer, open

__all__ = [
    "EARTH_KM",
    "DumpError",
    "Gazetteer",
    "GazetteerError",
    "Kind",
    "Match",
    "Place",
    "ProminenceCurve",
    "SourceDataError",
    "UnusableIndexError",
    "data_path",
    "default_index_path",
    "haversine_km",
    "name_key",
    "open",
]
