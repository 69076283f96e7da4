"""Our scorer gives the reference scorer's figures (when the reference is at hand)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from geo.evaluate import format_line, score
from tests.shared import REFERENCE_SCORER

REFERENCE = REFERENCE_SCORER

GOLD: list[dict[str, Any]] = [
    {
        "id": "a",
        "text": "Paris and Lyon, then Paris again.",
        "toponyms": [
            {"start": 0, "end": 5, "name": "Paris", "lat": 48.8566, "lon": 2.3522},
            {"start": 10, "end": 14, "name": "Lyon", "lat": 45.764, "lon": 4.8357},
            {"start": 21, "end": 26, "name": "Paris", "lat": 48.8566, "lon": 2.3522},
        ],
    },
    {
        "id": "b",
        "text": "Rain in Athens, Georgia.",
        "toponyms": [
            {"start": 8, "end": 14, "name": "Athens", "lat": 33.9609, "lon": -83.3779},
            {"start": 16, "end": 23, "name": "Georgia", "lat": 32.75, "lon": -83.5},
        ],
    },
    {"id": "c", "text": "Nothing here.", "toponyms": []},
]
PRED: list[dict[str, Any]] = [
    {
        "id": "a",
        "toponyms": [
            {"start": 0, "end": 5, "text": "Paris", "lat": 48.85, "lon": 2.35},
            {"start": 10, "end": 14, "text": "LYON", "lat": 45.0, "lon": 4.0},
            {"start": 21, "end": 26, "text": "Paris", "lat": None, "lon": None},
        ],
    },
    {
        "id": "b",
        "toponyms": [
            {"start": 8, "end": 14, "text": "Athens", "lat": 37.98, "lon": 23.72},
            {"start": 16, "end": 23, "text": "Georgia", "lat": 42.0, "lon": 43.5},
            {"start": 0, "end": 4, "text": "Rain", "lat": 1.0, "lon": 1.0},
        ],
    },
]


def _write(path: Path, rows: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


@pytest.mark.skipif(not REFERENCE.exists(), reason="the reference scorer is not at hand")
@pytest.mark.parametrize("extra", [[], ["--no-fp"]])
def test_figures_equal_the_reference_scorer(tmp_path: Path, extra: list[str]) -> None:
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    _write(gold, GOLD)
    _write(pred, PRED)
    ref = subprocess.run(
        [sys.executable, str(REFERENCE), "score", str(gold), str(pred), "--json", *extra],
        capture_output=True,
        text=True,
        check=True,
    )
    expected = json.loads(ref.stdout)
    got = score(
        {g["id"]: g for g in GOLD}, {p["id"]: p for p in PRED}, count_fp="--no-fp" not in extra
    )
    assert got == pytest.approx(expected)
    line = subprocess.run(
        [sys.executable, str(REFERENCE), "score", str(gold), str(pred), *extra],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    assert format_line(got) == line


def test_empty_prediction_scores_zero() -> None:
    s = score({g["id"]: g for g in GOLD}, {})
    assert (s["tp"], s["R"], s["docs_missing"]) == (0, 0.0, 3)
