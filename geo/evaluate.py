"""Corpus scoring: toponym recognition and resolution, the standard geoparsing metrics.

A predicted toponym matches a gold one when the surface strings are equal (case-insensitive)
and the span midpoints are less than 10 characters apart; each is used once. Over matched
toponyms, error = ln(1 + great-circle km): A@161 is the share under 161 km, AUC the area under
the sorted log-error curve over ln(20039) (lower is better); R@161 counts the matched toponyms
within 161 km over all gold toponyms. Predictions with null lat or lon are dropped.

>>> gold = {"d": {"toponyms": [{"start": 0, "end": 4, "name": "Baku", "lat": 40.4, "lon": 49.9}]}}
>>> pred = {"d": {"toponyms": [{"start": 0, "end": 4, "text": "Baku", "lat": 40.4, "lon": 49.8}]}}
>>> s = score(gold, pred)
>>> s["P"], s["R"], s["A@161"], s["R@161"]
(1.0, 1.0, 1.0, 1.0)
"""

from __future__ import annotations

import json
import math
import statistics
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from gazetteer.geodesy import haversine_km

MAX_ERROR_KM = 20039.0
TOLERANCE_CHARS = 10


def read_jsonl(path: str | Path) -> dict[str, dict[str, Any]]:
    """Documents of a JSON-lines file by id."""
    with open(path, encoding="utf-8") as fh:
        return {str(doc["id"]): doc for _, doc in iter_jsonl(fh, str(path))}


def iter_jsonl(lines: Iterable[str], where: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` of each non-blank JSON line; :class:`ValueError` naming the
    line for one that is not JSON."""
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            doc = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(f"{where}:{n}: not JSON: {exc}") from exc
        if not isinstance(doc, dict):
            raise ValueError(f"{where}:{n}: not a JSON object")
        yield n, doc


def _surface(t: Mapping[str, Any]) -> str:
    return str(t.get("text", t.get("name", "")))


def _pairs(
    gdoc: Mapping[str, Any], pdoc: Mapping[str, Any] | None
) -> tuple[list[tuple[Mapping[str, Any], Mapping[str, Any] | None]], int]:
    """Each gold toponym of a document with the prediction it matches (or None), and the
    number of placed predictions left unmatched."""
    cands = [
        t
        for t in (pdoc or {}).get("toponyms", [])
        if t.get("lat") is not None and t.get("lon") is not None
    ]
    pairs: list[tuple[Mapping[str, Any], Mapping[str, Any] | None]] = []
    for g in gdoc["toponyms"]:
        gmid = (g["start"] + g["end"]) / 2
        hit = next(
            (
                p
                for p in cands
                if _surface(p).lower() == g["name"].lower()
                and abs((p["start"] + p["end"]) / 2 - gmid) < TOLERANCE_CHARS
            ),
            None,
        )
        if hit is not None:
            cands.remove(hit)
        pairs.append((g, hit))
    return pairs, len(cands)


def _error_km(g: Mapping[str, Any], p: Mapping[str, Any]) -> float:
    return haversine_km(float(p["lat"]), float(p["lon"]), float(g["lat"]), float(g["lon"]))


def score(
    gold: Mapping[str, Mapping[str, Any]],
    pred: Mapping[str, Mapping[str, Any]],
    count_fp: bool = True,
) -> dict[str, Any]:
    """The figures of predictions against gold documents (both keyed by document id)."""
    tp = fp = fn = 0
    errors: list[float] = []
    missing = 0
    for doc_id, gdoc in gold.items():
        pdoc = pred.get(doc_id)
        if pdoc is None:
            missing += 1
        pairs, left = _pairs(gdoc, pdoc)
        for g, hit in pairs:
            if hit is None:
                fn += 1
                continue
            tp += 1
            errors.append(math.log(1 + _error_km(g, hit)))
        if count_fp:
            fp += left
    n_gold = tp + fn
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    e = sorted(errors)
    within = sum(1 for x in e if x < math.log(161))
    return {
        "docs": len(gold),
        "docs_missing": missing,
        "gold": n_gold,
        "tp": tp,
        "fp": fp,
        "P": precision,
        "R": recall,
        "F1": f1,
        "A@161": within / len(e) if e else 0.0,
        "R@161": within / n_gold if n_gold else 0.0,
        "AUC": (
            sum((e[i] + e[i + 1]) / 2 for i in range(len(e) - 1))
            / (math.log(MAX_ERROR_KM) * (len(e) - 1))
            if len(e) > 1
            else 1.0
        ),
        "mean_km": statistics.mean(math.exp(x) - 1 for x in e) if e else None,
        "median_km": statistics.median(math.exp(x) - 1 for x in e) if e else None,
    }


def inside_area(
    gold: Mapping[str, Mapping[str, Any]],
    pred: Mapping[str, Mapping[str, Any]],
    contains: Callable[[str, float, float], bool],
) -> int:
    """Matched toponyms placed over 161 km from the gold point yet inside the predicted area.

    A country, region or continent has no one right point: corpora take a gazetteer's
    representative point, and a sound resolution to the right country can lie further than
    161 km from it. ``contains(place_id, lat, lon)`` says whether the predicted place's outline
    holds the gold point. Matching as in :func:`score`.

    >>> gold = {"d": {"toponyms": [{"start": 0, "end": 6, "name": "Canada", "lat": 60.1,
    ...                              "lon": -113.6}]}}
    >>> pred = {"d": {"toponyms": [{"start": 0, "end": 6, "text": "Canada", "lat": 57.9,
    ...                              "lon": -102.4, "place_id": "c:CA"}]}}
    >>> inside_area(gold, pred, lambda pid, lat, lon: pid == "c:CA")
    1
    """
    n = 0
    for doc_id, gdoc in gold.items():
        for g, hit in _pairs(gdoc, pred.get(doc_id))[0]:
            if hit is None or _error_km(g, hit) < 161:
                continue
            pid = hit.get("place_id")
            if pid and contains(str(pid), float(g["lat"]), float(g["lon"])):
                n += 1
    return n


def format_line(r: Mapping[str, Any]) -> str:
    """The one-line summary, in the reference scorer's layout."""
    mean = "n/a" if r["mean_km"] is None else f"{r['mean_km']:.0f}"
    med = "n/a" if r["median_km"] is None else f"{r['median_km']:.1f}"
    return (
        f"docs={r['docs']} missing={r['docs_missing']} gold={r['gold']} "
        f"P={r['P']:.3f} R={r['R']:.3f} F1={r['F1']:.3f} A@161={r['A@161']:.3f} "
        f"AUC={r['AUC']:.3f} mean_km={mean} median_km={med} R@161={r['R@161']:.3f}"
    )


def resolution_line(r: Mapping[str, Any]) -> str:
    """The summary of resolution only (gold spans given): A@161 over all given spans (an
    unplaced span is a miss) and over the placed ones, the error in km, AUC, and the counts."""
    mean = "n/a" if r["mean_km"] is None else f"{r['mean_km']:.0f}"
    med = "n/a" if r["median_km"] is None else f"{r['median_km']:.1f}"
    return (
        f"spans={r['gold']} placed={r['tp']} A@161={r['R@161']:.3f} "
        f"A@161(placed)={r['A@161']:.3f} mean_km={mean} median_km={med} AUC={r['AUC']:.3f}"
    )


def prediction(doc_id: str, result: Any) -> dict[str, Any]:
    """One prediction line (the scorer's format) from a :class:`geo.model.ParseResult`."""
    metonymic = {(r.mention.start, r.mention.end) for r in result.resolutions if r.metonymic}
    tops = []
    for r in result.resolutions:
        p = r.place
        tops.append(
            {
                "start": r.mention.start,
                "end": r.mention.end,
                "text": r.mention.text,
                "lat": p.lat if p else None,
                "lon": p.lon if p else None,
                "place_id": p.id if p else None,
                "kind": str(p.kind) if p else None,
                "confidence": r.confidence,
                "metonymic": (r.mention.start, r.mention.end) in metonymic,
            }
        )
    return {"id": doc_id, "toponyms": tops}
