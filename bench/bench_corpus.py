"""Corpus figures: batch throughput on 1 and 2 Dask workers, and loading 10,000 articles'
results into the overview.

- Throughput is measured after warm-up: each worker has loaded the spaCy pipeline and the
  gazetteer (the worker plugin) and parsed a first round of texts before the clock starts, so
  the figure is the steady rate a long batch run gets. Limit: 2 workers >= 1.7 x 1 worker.
- The 10,000-article results file is made from real parses of a few hundred generated
  articles, repeated under new ids, hashes and dates. Limit: read + overview tables <= 2 s.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from geo import batch, overview  # noqa: E402
from geo.article import Article  # noqa: E402
from tests.corpus.generate import generate  # noqa: E402

N_TEXTS = int(os.environ.get("BENCH_CORPUS_TEXTS", "800"))
SPEEDUP_LIMIT = 1.7
LOAD_LIMIT_S = 2.0
N_ARTICLES_RESULTS = 10_000


def _articles(n: int, seed: int) -> list[Article]:
    out = []
    for a in generate(n, seed=seed):
        # Longer texts, as news articles are: three paragraphs of the generated kind.
        extra = generate(3, seed=seed * 1000 + int(a["id"].split("-")[1]))
        text = "\n\n".join([a["text"], *(x["text"] for x in extra)])
        out.append(Article(a["id"], a["title"], text, source=a["source"], published=a["published"]))
    return out


def throughput(workers: int, articles: list[Article], warmup: list[Article]) -> float:
    """Articles per second on a local cluster of ``workers`` processes, after warm-up."""
    client = batch.open_client(workers)
    try:
        batch.prepare(client)
        batch.parse_on_cluster(client, warmup, chunk_size=8)
        t0 = time.perf_counter()
        rows, errors = batch.parse_on_cluster(client, articles, chunk_size=16)
        elapsed = time.perf_counter() - t0
        assert not errors, errors[:3]
        assert rows
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    return len(articles) / elapsed


def bench_batch() -> bool:
    articles = _articles(N_TEXTS, seed=11)
    warmup = _articles(32, seed=99)
    one = throughput(1, articles, warmup)
    two = throughput(2, articles, warmup)
    ratio = two / one
    cores = os.cpu_count()
    ok = ratio >= SPEEDUP_LIMIT
    print(f"batch throughput, {N_TEXTS} texts after warm-up ({cores} cores):")
    print(f"  1 worker : {one:7.1f} articles/s")
    print(f"  2 workers: {two:7.1f} articles/s")
    print(
        f"  speed-up : {ratio:5.2f} x   (limit >= {SPEEDUP_LIMIT}) {'OK' if ok else 'BELOW LIMIT'}"
    )
    return ok


def _results_file(path: Path) -> int:
    """A results file of 10,000 articles from real parses; returns its row count."""
    base = _articles(250, seed=5)
    client = batch.open_client(min(2, os.cpu_count() or 1))
    try:
        batch.prepare(client)
        rows, _errors = batch.parse_on_cluster(client, base, chunk_size=16)
    finally:
        cluster = client.cluster
        client.close()
        cluster.close()
    one = pd.DataFrame(rows, columns=list(overview.COLUMNS))
    copies = []
    reps = -(-N_ARTICLES_RESULTS // len(base))
    days = pd.date_range("2023-01-01", periods=730, freq="D").strftime("%Y-%m-%d")
    for k in range(reps):
        c = one.copy()
        c["article_id"] = c["article_id"] + f"-{k}"
        c["article_hash"] = c["article_hash"].str.slice(0, 10) + f"{k:06d}"
        c["published"] = days[(k * 7) % len(days)]
        copies.append(c)
    df = pd.concat(copies, ignore_index=True)
    keep = df["article_hash"].drop_duplicates().head(N_ARTICLES_RESULTS)
    df = df[df["article_hash"].isin(keep)]
    batch.write_results(overview.normalize(df.reset_index(drop=True)), path, {"bench": True})
    return len(df)


def bench_load() -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "results.parquet"
        n_rows = _results_file(path)
        size_mb = path.stat().st_size / 1e6
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            df = overview.read_results(path)
            view = overview.apply_filters(df, overview.Filters())
            totals = overview.place_totals(view)
            overview.article_places(view)
            overview.articles_table(view)
            overview.timeline(view, freq="W")
            overview.heat_points(totals)
            best = min(best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        html = overview.corpus_map(view, online_tiles=False).get_root().render()
        map_s = time.perf_counter() - t0
    ok = best <= LOAD_LIMIT_S
    print(
        f"overview of {df['article_id'].nunique()} articles ({n_rows} mention rows, "
        f"{size_mb:.1f} MB GeoParquet):"
    )
    print(
        f"  read + filter + totals + timeline + heat: {best:.2f} s   (limit <= {LOAD_LIMIT_S} s)"
        f" {'OK' if ok else 'ABOVE LIMIT'}"
    )
    print(f"  map HTML ({len(totals)} places, {len(html) / 1e6:.1f} MB): {map_s:.2f} s")
    return ok


def main() -> int:
    ok_batch = bench_batch()
    ok_load = bench_load()
    return 0 if ok_batch and ok_load else 1


if __name__ == "__main__":
    raise SystemExit(main())
