"""The offline gazetteer: the world's places with their alternate names, built into SQLite.

>>> import gazetteer
>>> gazetteer.name_key("Xankəndi")
'xankendi'
>>> gazetteer.data_path("countries.geojson").suffix
'.geojson'
"""

from gazetteer.model import Kind, Match, Place
from gazetteer.normalize import name_key
from gazetteer.paths import data_path, default_index_path
from gazetteer.store import Gazetteer, open

__all__ = [
    "Gazetteer",
    "Kind",
    "Match",
    "Place",
    "data_path",
    "default_index_path",
    "name_key",
    "open",
]
