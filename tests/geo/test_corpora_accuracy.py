"""Accuracy on the standard corpora, held at the figures the README reports.

The corpora live outside the project (``../shared/corpora``); without them these tests skip.
The floors sit a little under the measured figures so that a regression fails the suite while
noise-free improvements pass; raise them when the method improves.
"""

from __future__ import annotations

from typing import Any

import pytest

from geo import Geoparser
from geo.evaluate import prediction, read_jsonl, score
from tests.shared import CORPORA

# corpus: (R@161, F1, A@161) floors; measured .646/.803/.843, .759/.861/.938, .760/.918/.833
FLOORS = {
    "LGL": (0.63, 0.79, 0.83),
    "TR-News": (0.74, 0.85, 0.92),
    "GeoVirus": (0.74, 0.90, 0.82),
}


@pytest.mark.slow
@pytest.mark.parametrize("corpus", sorted(FLOORS))
def test_corpus_figures_hold(corpus: str, eng: Geoparser) -> None:
    path = CORPORA / f"{corpus}.jsonl"
    if not path.exists():
        pytest.skip(f"no corpus at {path}")
    gold = read_jsonl(path)
    ids = list(gold)
    results = eng.parse_many((gold[i]["text"] for i in ids), n_process=1)
    pred: dict[str, Any] = {i: prediction(i, r) for i, r in zip(ids, results, strict=True)}
    figures = score(gold, pred)
    r161, f1, a161 = FLOORS[corpus]
    assert figures["R@161"] >= r161, figures
    assert figures["F1"] >= f1, figures
    assert figures["A@161"] >= a161, figures
