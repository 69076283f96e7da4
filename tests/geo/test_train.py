"""The learned candidate ranker: deterministic training, the committed model file, and the
resolver scoring with it. Synthetic data and invented sentences only."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from geo import GeoparserConfig, cli, geoparser, ranker
from geo.train import CORPORA_DIR, DEFAULT_CORPORA, Query, fit, train_text

MODEL = ranker.MODELS_DIR / ranker.DEFAULT_MODEL


def _synthetic() -> list[Query]:
    """Invented queries: the hand-set choice is right unless a nearby place of the document
    points at the other candidate."""
    qs = []
    for i in range(200):
        near = i % 4 == 0
        first = {"handset": 3.0 + 0.01 * (i % 7), "handset_first": 1.0, "near": 0.0}
        second = {"handset": 2.5, "handset_first": 0.0, "near": 1.0 if near else 0.0}
        qs.append(Query((first, second), (not near, near)))
    return qs


def test_training_is_deterministic_and_learns(tmp_path: Path) -> None:
    a, b = fit(_synthetic(), ["synthetic"]), fit(_synthetic(), ["synthetic"])
    assert a == b
    path = tmp_path / "m.json"
    path.write_text(a, encoding="utf-8")
    model = ranker.load_model(str(path))
    p = model.probabilities(
        [
            {"handset": 3.0, "handset_first": 1.0, "near": 0.0},
            {"handset": 2.5, "handset_first": 0.0, "near": 1.0},
        ]
    )
    assert p[1] > p[0]  # the context feature overrides the hand-set order
    assert all(0.0 < x < 1.0 for x in p)


def test_model_file_is_plain_json_with_its_data_digest() -> None:
    doc = json.loads(MODEL.read_text(encoding="utf-8"))
    assert doc["format"] == ranker.FORMAT
    assert len(doc["training"]["sha256"]) == 64
    assert doc["features"] and "handset" in doc["features"]
    assert ranker.load_model(ranker.DEFAULT_MODEL).digest == doc["training"]["sha256"]


@pytest.mark.slow
def test_train_reproduces_the_committed_model_byte_for_byte() -> None:
    paths = [CORPORA_DIR / f"{n}.jsonl" for n in DEFAULT_CORPORA]
    if not all(p.exists() for p in paths):
        pytest.skip("corpora not present")
    from geo.evaluate import read_jsonl

    text = train_text({p.stem: read_jsonl(p) for p in paths}, geoparser().source)
    digest = hashlib.sha256(text.encode()).hexdigest()
    assert digest == hashlib.sha256(MODEL.read_bytes()).hexdigest()


def test_resolver_scores_with_the_model(gaz: Any, nlp: Any) -> None:
    cfg = GeoparserConfig()
    learned = cfg.replace(resolution=replace(cfg.resolution, model=ranker.DEFAULT_MODEL))
    eng = geoparser(learned, gazetteer=gaz, nlp=nlp)
    text = "Flooding closed roads between Lyon and Marseille, France, on Monday."
    spans = [(text.index(w), text.index(w) + len(w)) for w in ("Lyon", "Marseille", "France")]
    out = eng.resolve_spans(text, spans).resolutions
    assert [r.mention.text for r in out] == ["Lyon", "Marseille", "France"]
    assert all(r.place is not None and r.place.country == "FR" for r in out)
    assert all(0.0 < r.confidence <= 1.0 for r in out)


def test_config_names_no_model_as_none() -> None:
    cfg = GeoparserConfig.from_dict({"resolution": {"model": None}})
    assert cfg.resolution.model is None


def test_train_subcommand_is_wired(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        cli.main(["train", "--help"])
    assert "--loco" in capsys.readouterr().out
