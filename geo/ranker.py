"""The learned candidate ranker: gradient-boosted trees over the resolver's features.

The trees (LightGBM, lambdarank objective) rank each name's candidates from the features of
:func:`geo.resolve.learned_features`, starting from the hand-set weights' own score (the
trees learn corrections of it); a Platt calibration turns the score into the probability that
a candidate lies within 161 km of the place the text means. ``python -m geo train`` writes
the model file: plain JSON holding the feature names, the training record (with the sha256
of the training data) and LightGBM's own text dump of the trees; loading it needs no pickle.

>>> load_model("no/such/file.json")
Traceback (most recent call last):
...
FileNotFoundError: ranker model file no/such/file.json not found
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parent / "models"
#: The committed model file, relative to :data:`MODELS_DIR` (as the config names it).
DEFAULT_MODEL = "ranker.json"
FORMAT = "geo-ranker/2"


def model_path(name: str) -> Path:
    """The file a config's ``model`` names: a path, or a name inside ``geo/models``."""
    p = Path(name)
    return p if p.is_absolute() or p.exists() else MODELS_DIR / p


@dataclass(frozen=True)
class LearnedRanker:
    """A loaded model: the feature order and the LightGBM booster."""

    features: tuple[str, ...]
    booster: Any  # lightgbm.Booster
    digest: str
    init_handset: float  # the trees' starting score: this times the hand-set score
    calibration: tuple[float, float]  # Platt (a, b): sigmoid(a * score + b)

    def probabilities(self, rows: Sequence[Mapping[str, float]]) -> list[float]:
        """Each candidate's probability of lying within 161 km of the meant place (a feature
        a row lacks is 0, as in training)."""
        import numpy as np

        x = np.array([[r.get(n, 0.0) for n in self.features] for r in rows], dtype=np.float64)
        raw = self.booster.predict(x, raw_score=True, num_threads=1)
        raw = raw + self.init_handset * np.array([r.get("handset", 0.0) for r in rows])
        a, b = self.calibration
        z = np.clip(a * raw + b, -30.0, 30.0)
        return [float(v) for v in 1.0 / (1.0 + np.exp(-z))]


def to_text(
    features: Sequence[str],
    booster_text: str,
    training: Mapping[str, Any],
    scoring: Mapping[str, Any],
) -> str:
    """The model file's text: sorted keys and the trees' own deterministic dump, so that it
    reproduces byte for byte."""
    doc = {
        "format": FORMAT,
        "features": list(features),
        "training": dict(training),
        "scoring": dict(scoring),
        "lightgbm": booster_text,
    }
    return json.dumps(doc, indent=1, sort_keys=True, ensure_ascii=True) + "\n"


def from_text(text: str) -> LearnedRanker:
    import lightgbm

    doc = json.loads(text)
    if doc.get("format") != FORMAT:
        raise ValueError(f"not a {FORMAT} model file")
    booster = lightgbm.Booster(model_str=doc["lightgbm"])
    a, b = doc["scoring"]["calibration"]
    return LearnedRanker(
        tuple(str(f) for f in doc["features"]),
        booster,
        str(doc["training"].get("sha256", "")),
        float(doc["scoring"]["init_handset"]),
        (float(a), float(b)),
    )


@functools.lru_cache(maxsize=8)
def load_model(name: str) -> LearnedRanker:
    """The ranker a config names (read once per process and path)."""
    path = model_path(name)
    if not path.exists():
        raise FileNotFoundError(f"ranker model file {name} not found")
    return from_text(path.read_text(encoding="utf-8"))
