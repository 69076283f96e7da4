"""``python -m geo train``: fit the learned candidate ranker on corpora with gold toponyms.

python -m geo train [CORPUS ...] [--out geo/models/ranker.json]
python -m geo train --loco [CORPUS ...]

Training data: each document's gold spans resolved as given (resolution-only mode), every
candidate :func:`geo.resolve.rank` keeps for a name, with the features of
:func:`geo.resolve.learned_features`. One query per name and gold point of a document (the
resolver makes one choice for all mentions of a name; a name repeated twenty times in one
article would otherwise outweigh twenty articles). Label: the candidate lies within 161 km of
the gold point (the metric's own radius).

Model: LightGBM gradient-boosted trees, binary objective, few shallow trees (see :data:`PARAMS`);
one thread, deterministic mode and a fixed seed, so that the same data give the same file byte
for byte. The file records the sha256 of the training data (features and labels as fitted).

``--loco``: leave one corpus out -- for each corpus, train on the others and score it,
resolution-only and end to end, against the hand-set weights scored the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from gazetteer.geodesy import haversine_km
from geo.candidates import CandidateSource
from geo.config import Context as ContextSettings
from geo.config import GeoparserConfig
from geo.config import Resolution as Settings
from geo.evaluate import prediction, read_jsonl, score
from geo.model import GIVEN, Mention
from geo.ranker import DEFAULT_MODEL, MODELS_DIR, to_text
from geo.resolve import learned_features, rank

CORPORA_DIR = Path(__file__).resolve().parents[2] / "shared" / "corpora"
DEFAULT_CORPORA = ("LGL", "TR-News", "GeoVirus")
WITHIN_KM = 161.0

#: LightGBM settings: a listwise ranking objective over each name's candidates, few shallow
#: trees (a small file, little room to learn one corpus by heart), single-threaded and
#: deterministic (the file reproduces byte for byte).
PARAMS: Mapping[str, Any] = {
    "objective": "lambdarank",
    "learning_rate": 0.05,
    "num_leaves": 8,
    "max_depth": 3,
    "min_data_in_leaf": 40,
    "lambda_l2": 1.0,
    "max_bin": 63,
    "deterministic": True,
    "force_row_wise": True,
    "num_threads": 1,
    "seed": 7,
    "verbosity": -1,
}
ROUNDS = 60
#: The trees start from the hand-set score times this (LightGBM's init score): they learn
#: corrections of the hand-set ranking, not a ranking from nothing, which on corpora this
#: small generalises worse (leave-one-corpus-out).
INIT_HANDSET = 2.0


@dataclass(frozen=True, slots=True)
class Query:
    """One gold toponym: its candidates' learned-ranker features and which lie within 161 km."""

    features: tuple[Mapping[str, float], ...]
    within: tuple[bool, ...]


def corpus_path(name: str) -> Path:
    p = Path(name)
    return p if p.suffix == ".jsonl" else CORPORA_DIR / f"{name}.jsonl"


def gold_mentions(text: str, toponyms: Sequence[Mapping[str, Any]]) -> list[Mention]:
    """The gold spans as given mentions, as :meth:`geo.Geoparser.resolve_spans` makes them."""
    spans = sorted({(int(t["start"]), int(t["end"])) for t in toponyms})
    return [Mention(s, e, text[s:e], GIVEN) for s, e in spans]


def queries(
    docs: Mapping[str, Mapping[str, Any]],
    source: CandidateSource,
    settings: Settings,
    context: ContextSettings,
) -> list[Query]:
    """One :class:`Query` per name and gold point of each document, in document-id order."""
    out: list[Query] = []
    for doc_id in sorted(docs):
        doc = docs[doc_id]
        text = doc["text"]
        mentions = gold_mentions(text, doc["toponyms"])
        at = {(m.start, m.end): i for i, m in enumerate(mentions)}
        group_of = {
            i: g for g in rank(text, mentions, source, settings, context) for i in g.mentions
        }
        seen: set[tuple[Any, float, float]] = set()
        for t in sorted(doc["toponyms"], key=lambda t: (t["start"], t["end"])):
            g = group_of[at[(int(t["start"]), int(t["end"]))]]
            lat, lon = float(t["lat"]), float(t["lon"])
            once = (g.key, round(lat, 2), round(lon, 2))
            if once in seen or not g.candidates:
                continue
            seen.add(once)
            within = tuple(
                haversine_km(c.place.lat, c.place.lon, lat, lon) < WITHIN_KM for c in g.candidates
            )
            out.append(Query(tuple(learned_features(g)), within))
    return out


def _rows(qs: Sequence[Query]) -> tuple[list[str], list[list[float]], list[float]]:
    names = sorted({k for q in qs for f in q.features for k in f})
    x = [[round(f.get(n, 0.0), 6) for n in names] for q in qs for f in q.features]
    y = [1.0 if w else 0.0 for q in qs for w in q.within]
    return names, x, y


def digest(names: Sequence[str], x: Sequence[Sequence[float]], y: Sequence[float]) -> str:
    """sha256 of the training data exactly as fitted (feature names, rows, labels)."""
    h = hashlib.sha256()
    h.update(json.dumps(list(names)).encode())
    for row, label in zip(x, y, strict=True):
        h.update(json.dumps([row, label], separators=(",", ":")).encode())
    return h.hexdigest()


def _calibration(raw: Any, y: Any, steps: int = 50) -> tuple[float, float]:
    """Platt scaling: (a, b) with sigmoid(a * raw + b) the probability that a candidate lies
    within 161 km, by Newton's method (convex, so the same optimum on every run)."""
    import numpy as np

    x = np.column_stack([raw, np.ones(len(raw))])
    w = np.zeros(2)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (p - y) + 1e-3 * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + 1e-3 * np.eye(2)
        step = np.linalg.solve(hess, grad)
        w = w - step
        if float(np.abs(step).max()) < 1e-12:
            break
    return round(float(w[0]), 6), round(float(w[1]), 6)


def fit(qs: Sequence[Query], corpora: Sequence[str]) -> str:
    """The model file's text for these queries (deterministic)."""
    import lightgbm
    import numpy as np

    names, x, y = _rows(qs)
    xa, ya = np.array(x, dtype=np.float64), np.array(y)
    init = INIT_HANDSET * xa[:, names.index("handset")]
    data = lightgbm.Dataset(
        xa, label=ya, group=[len(q.features) for q in qs], init_score=init, feature_name=names
    )
    booster = lightgbm.train(dict(PARAMS), data, num_boost_round=ROUNDS)
    raw = booster.predict(xa, raw_score=True, num_threads=1) + init
    a, b = _calibration(raw, ya)
    record = {
        "sha256": digest(names, x, y),
        "corpora": sorted(corpora),
        "queries": len(qs),
        "candidates": len(y),
        "rounds": ROUNDS,
        "lightgbm": lightgbm.__version__,
        "command": "python -m geo train " + " ".join(sorted(corpora)),
    }
    scoring = {"init_handset": INIT_HANDSET, "calibration": [a, b]}
    return to_text(names, booster.model_to_string(), record, scoring)


def train_text(
    corpora: Mapping[str, Mapping[str, Mapping[str, Any]]],
    source: CandidateSource,
    config: GeoparserConfig | None = None,
) -> str:
    """The model file's text, trained on ``corpora`` (name -> documents by id)."""
    cfg = config or GeoparserConfig()
    settings = replace(cfg.resolution, model=None)  # features come from the hand-set ranking
    qs = [q for n in sorted(corpora) for q in queries(corpora[n], source, settings, cfg.context)]
    return fit(qs, list(corpora))


# -- leave one corpus out --------------------------------------------------------------------


def _figures(
    eng: Any, docs: Mapping[str, Mapping[str, Any]], mentions: Mapping[str, Sequence[Mention]]
) -> dict[str, Any]:
    pred = {i: prediction(i, eng.result(docs[i]["text"], list(mentions[i]))) for i in docs}
    return score(docs, pred)


def loco(
    names: Sequence[str],
    out: Any = sys.stdout,
    recognised: Mapping[str, Mapping[str, Sequence[Mention]]] | None = None,
) -> list[dict[str, Any]]:
    """For each corpus: train on the others, score it with the hand-set weights and the
    learned ranker, resolution-only (A@161 over all gold spans) and end to end.
    ``recognised``: each corpus's recognised mentions by document, when already at hand."""
    import geo

    base = geo.geoparser(
        GeoparserConfig().replace(resolution=replace(GeoparserConfig().resolution, model=None))
    )
    corpora = {n: read_jsonl(corpus_path(n)) for n in names}
    rows: list[dict[str, Any]] = []
    print(
        f"{'left out':<9} {'ranker':<8} | {'res-only A@161':>14} | "
        f"{'P':>5} {'R':>5} {'F1':>5} {'A@161':>5} {'R@161':>5}",
        file=out,
        flush=True,
    )
    with tempfile.TemporaryDirectory() as tmp:
        for held in names:
            started = time.perf_counter()
            text = train_text({n: corpora[n] for n in names if n != held}, base.source)
            took = time.perf_counter() - started
            path = Path(tmp) / f"without-{held}.json"
            path.write_text(text, encoding="utf-8")
            docs = corpora[held]
            if recognised is not None:
                found = recognised[held]
            else:
                ids = list(docs)
                found = {
                    i: [r.mention for r in res.resolutions]
                    for i, res in zip(
                        ids, base.parse_many(docs[i]["text"] for i in ids), strict=True
                    )
                }
            gold = {i: gold_mentions(d["text"], d["toponyms"]) for i, d in docs.items()}
            learned = geo.geoparser(
                base.config.replace(resolution=replace(base.config.resolution, model=str(path))),
                gazetteer=base.gazetteer,
                nlp=base.nlp,
            )
            for label, eng in (("hand-set", base), ("learned", learned)):
                r = _figures(eng, docs, gold)
                e = _figures(eng, docs, found)
                rows.append({"corpus": held, "ranker": label, "resolution": r, "e2e": e})
                print(
                    f"{held:<9} {label:<8} | {r['R@161']:>14.3f} | {e['P']:>5.3f} {e['R']:>5.3f}"
                    f" {e['F1']:>5.3f} {e['A@161']:>5.3f} {e['R@161']:>5.3f}",
                    file=out,
                    flush=True,
                )
            print(f"  (trained on the other corpora in {took:.1f} s)", file=out, flush=True)
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m geo train", description=__doc__.split("\n")[0])
    ap.add_argument(
        "corpus", nargs="*", default=list(DEFAULT_CORPORA), help="names or .jsonl paths"
    )
    ap.add_argument("--out", type=Path, default=MODELS_DIR / DEFAULT_MODEL, help="model file")
    ap.add_argument("--loco", action="store_true", help="leave-one-corpus-out comparison")
    args = ap.parse_args(argv)
    if args.loco:
        loco(args.corpus)
        return 0
    import geo

    started = time.perf_counter()
    # The pipeline's own candidate source (its prominence curve and fuzzy settings).
    source = geo.geoparser().source
    corpora = {Path(n).stem: read_jsonl(corpus_path(n)) for n in args.corpus}
    text = train_text(corpora, source)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    sha = json.loads(text)["training"]["sha256"]
    print(
        f"wrote {args.out} ({len(text.encode())} bytes) in {time.perf_counter() - started:.1f} s;"
        f" training data sha256 {sha}"
    )
    return 0
