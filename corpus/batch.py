"""Geoparse a whole folder of articles on a Dask cluster into one GeoParquet file.

``python -m corpus batch articles/ --out results.parquet [--workers N | --scheduler tcp://H:8786]``

- The output has **one row per mention** (the table of :mod:`corpus.overview`, ``COLUMNS``), with
  a point geometry at the place's representative point (EPSG:4326); full shapes stay in the
  gazetteer, found by ``place_id``. Unplaced mentions have an empty geometry; an article with
  no mention keeps one row with ``start = -1``.
- Resumable: articles whose content hash is already in the output, or in the finished chunks
  of an interrupted run (``<out>.parts/``), are skipped.
- Parallel: a local Dask cluster of N single-threaded worker processes (default: one per
  core), or an existing cluster given by ``--scheduler``. Each worker loads the spaCy pipeline
  and the gazetteer once (a worker plugin warms it up) and parses articles in chunks.
- Corrections in force (see :mod:`corpus.corrections`) are applied to each article.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
import time
import types
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from distributed.diagnostics.plugin import WorkerPlugin

from corpus.article import Article
from corpus.corrections import Correction, CorrectionStore, apply_corrections, default_path
from corpus.ingest import load_corpus, read_article_file
from corpus.overview import COLUMNS, frame, mention_rows, normalize

PLUGIN_NAME = "newsreader-parser"
META_KEY = b"newsreader"

# One parser per worker process: spaCy pipeline and gazetteer, loaded on first use.
_PARSERS: dict[str | None, Any] = {}


def _gazetteer(path: str | None) -> Any:
    if path not in _PARSERS:
        import gazetteer

        _PARSERS[path] = gazetteer.open(path)
    return _PARSERS[path]


def parse_article(
    article: Article, *, gazetteer_path: str | None = None, corrections: Sequence[Correction] = ()
) -> list[dict[str, Any]]:
    """Parse one article (corrections applied) into mention rows, in this process."""
    import geo

    gaz = _gazetteer(gazetteer_path)
    result = geo.parse(article.text, gazetteer=gaz)
    if corrections:
        result = apply_corrections(result, corrections, gazetteer=gaz)
    return mention_rows(article, result)


def parser_meta(gazetteer_path: str | None = None) -> dict[str, Any]:
    """Which pipeline and gazetteer build the parse used (for the output's metadata)."""
    import geo

    result = geo.parse("Paris.", gazetteer=_gazetteer(gazetteer_path))
    return {k: str(result.meta[k]) for k in ("spacy_pipeline", "gazetteer") if k in result.meta}


def _parse_chunk(
    articles: list[Article], gazetteer_path: str | None, corrections: list[Correction]
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """A Dask task: parse some articles; return their rows and (article id, error) pairs.

    The chunk goes through the spaCy pipeline in one batch; if that fails, each article is
    parsed alone so that one bad article costs only itself.
    """
    import geo

    gaz = _gazetteer(gazetteer_path)
    try:
        results = list(
            geo.parse_many(
                [a.text for a in articles], gazetteer=gaz, batch_size=len(articles), n_process=1
            )
        )
    except Exception:  # the chunk at once failed: parse one by one to find the bad article
        results = []
    rows: list[dict[str, Any]] = []
    errors: list[tuple[str, str]] = []
    for i, article in enumerate(articles):
        try:
            result = results[i] if results else geo.parse(article.text, gazetteer=gaz)
            if corrections:
                result = apply_corrections(result, corrections, gazetteer=gaz)
            rows.extend(mention_rows(article, result))
        except Exception as exc:  # one bad article must not sink its chunk
            errors.append((article.id, f"{type(exc).__name__}: {exc}"))
    return rows, errors


def _warm(gazetteer_path: str | None) -> str:
    import geo

    geo.parse("Talks in Paris and Baku.", gazetteer=_gazetteer(gazetteer_path))
    return "ready"


class ParserPlugin(WorkerPlugin):
    """Loads the spaCy pipeline and the gazetteer once when a worker starts (or joins)."""

    name = PLUGIN_NAME

    def __init__(self, gazetteer_path: str | None = None) -> None:
        self.gazetteer_path = gazetteer_path

    def setup(self, worker: Any) -> None:
        _warm(self.gazetteer_path)


# --- output ---------------------------------------------------------------------------------


def to_geodataframe(df: pd.DataFrame) -> Any:
    """The mention table with point geometries; lon/lat become x/y here and only here."""
    import geopandas as gpd

    geometry = gpd.points_from_xy(df["lon"], df["lat"], crs="EPSG:4326")
    missing = df["lat"].isna().to_numpy() | df["lon"].isna().to_numpy()
    geometry[missing] = None
    return gpd.GeoDataFrame(df[list(COLUMNS)].copy(), geometry=geometry, crs="EPSG:4326")


def write_results(df: pd.DataFrame, out: Path, meta: dict[str, Any]) -> None:
    """Write the table as GeoParquet, atomically, with the run's metadata under 'newsreader'."""
    import pyarrow.parquet as pq

    gdf = to_geodataframe(sort_rows(df))
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        from geopandas.io.arrow import _geopandas_to_arrow

        table = _geopandas_to_arrow(gdf, index=False)
        extra = json.dumps(meta, sort_keys=True, default=str).encode("utf-8")
        table = table.replace_schema_metadata({**(table.schema.metadata or {}), META_KEY: extra})
        pq.write_table(table, tmp)
    except ImportError:  # an older geopandas: the same file without the run's metadata
        gdf.to_parquet(tmp, index=False)
    os.replace(tmp, out)


def read_meta(path: str | Path) -> dict[str, Any]:
    """The run metadata stored in a batch output file ({} if none)."""
    import pyarrow.parquet as pq

    raw = (pq.read_schema(path).metadata or {}).get(META_KEY)
    return dict(json.loads(raw)) if raw else {}


def sort_rows(df: pd.DataFrame) -> pd.DataFrame:
    """Rows in a stable order, whatever order the chunks finished in."""
    return df.sort_values(["article_id", "start", "end"], kind="stable").reset_index(drop=True)


def _done_hashes(out: Path, parts: Path) -> tuple[pd.DataFrame, set[str]]:
    tables = []
    if out.exists():
        tables.append(_read_table(out))
    if parts.is_dir():
        tables.extend(_read_table(p) for p in sorted(parts.glob("*.parquet")))
    tables = [t for t in tables if t is not None]
    if not tables:
        return frame([]), set()
    df = pd.concat(tables, ignore_index=True)
    return df, set(df["article_hash"].dropna().astype(str))


def _read_table(path: Path) -> pd.DataFrame | None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        schema = pq.read_schema(path)
        cols = [c for c in COLUMNS if c in schema.names]
        return pq.read_table(path, columns=cols).to_pandas()
    except (OSError, ValueError, pa.ArrowException) as exc:
        # A part torn by a crash: its articles are simply parsed again.
        print(f"batch: ignoring unreadable {path.name} ({exc})", file=sys.stderr)
        return None


def _write_part(parts: Path, rows: list[dict[str, Any]]) -> None:
    df = pd.DataFrame(rows, columns=list(COLUMNS))
    key = hashlib.sha256("".join(sorted(set(df["article_hash"]))).encode()).hexdigest()[:16]
    tmp = parts / f".{key}.tmp"
    df.to_parquet(tmp, index=False)
    os.replace(tmp, parts / f"{key}.parquet")


# --- the run --------------------------------------------------------------------------------


@dataclass
class BatchReport:
    """What a run did."""

    articles: int = 0
    skipped: int = 0  # already in the output
    parsed: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    duplicates: int = 0
    rows: int = 0
    seconds: float = 0.0
    workers: int = 0


def collect_articles(paths: Iterable[str | Path]) -> tuple[list[Article], list[str], int]:
    """The articles of folders and files, duplicates dropped: (articles, problems, dups)."""
    articles: list[Article] = []
    problems: list[str] = []
    dups = 0
    seen: set[str] = set()
    for path in paths:
        p = Path(path)
        if p.is_dir():
            corpus = load_corpus(p)
            found, bad = list(corpus.articles), list(corpus.problems)
            dups += len(corpus.duplicates)
        elif p.exists():
            found, bad, _notes = read_article_file(p)
        else:
            found, bad = [], [f"{p}: no such file or folder"]
        problems.extend(bad)
        for a in found:
            if a.content_hash in seen:
                dups += 1
                continue
            seen.add(a.content_hash)
            articles.append(a)
    return articles, problems, dups


def chunked(items: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def open_client(
    workers: int | None = None, scheduler: str | None = None, *, timeout: float = 30.0
) -> Any:
    """A Dask client: on the cluster at ``scheduler``, or on a new local cluster of processes."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout=f"{timeout}s")
    n = workers or os.cpu_count() or 1
    # The local scheduler and nannies log every start and shutdown step (and a harmless
    # traceback when a worker's stream closes first) at INFO in this process; keep errors only.
    logging.getLogger("distributed").setLevel(logging.ERROR)
    # One thread per worker: keep numeric libraries from oversubscribing the cores too.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    with _bare_main():
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            dashboard_address=":0",  # a free port: other clusters may run on this machine
            silence_logs=40,
        )
    return Client(cluster)


@contextmanager
def _bare_main() -> Iterator[None]:
    """Start worker processes without re-running the calling script in each of them.

    Spawned processes re-import ``__main__``; the workers need nothing from it, and a caller
    that is not a guarded script (Streamlit's script runner, a notebook) must not run again.
    """
    saved = sys.modules.get("__main__")
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        if saved is not None:
            sys.modules["__main__"] = saved


def prepare(client: Any, gazetteer_path: str | None = None) -> int:
    """Load the parser on every worker (and on workers that join later); returns the count."""
    client.register_plugin(ParserPlugin(gazetteer_path), name=PLUGIN_NAME)
    client.run(_warm, gazetteer_path)  # a plugin registered earlier under this name is kept
    return len(client.scheduler_info()["workers"])


def parse_on_cluster(
    client: Any,
    articles: Sequence[Article],
    *,
    gazetteer_path: str | None = None,
    corrections: Sequence[Correction] = (),
    chunk_size: int | None = None,
    progress: bool = False,
    on_chunk: Any = None,
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Parse articles on the client's workers; rows come back in a stable order."""
    from distributed import as_completed

    if not articles:
        return [], []
    nworkers = max(1, len(client.scheduler_info()["workers"]))
    size = chunk_size or max(1, min(32, len(articles) // (nworkers * 4) or 1))
    hashes = {a.content_hash for a in articles}
    wanted = [c for c in corrections if c.article in hashes]
    chunks = chunked(articles, size)
    futures = [
        client.submit(
            _parse_chunk,
            chunk,
            gazetteer_path,
            [c for c in wanted if c.article in {a.content_hash for a in chunk}],
            pure=False,
        )
        for chunk in chunks
    ]
    size_of = {f.key: len(c) for f, c in zip(futures, chunks, strict=True)}
    ids_of = {f.key: [a.id for a in c] for f, c in zip(futures, chunks, strict=True)}
    rows: list[dict[str, Any]] = []
    errors: list[tuple[str, str]] = []
    bar = _progress(len(articles), progress)
    try:
        for future in as_completed(futures):
            try:
                chunk_rows, chunk_errors = future.result()
            except Exception as exc:  # a worker died: report its articles, keep the rest
                chunk_rows = []
                chunk_errors = [(i, f"{type(exc).__name__}: {exc}") for i in ids_of[future.key]]
            rows.extend(chunk_rows)
            errors.extend(chunk_errors)
            if on_chunk is not None and chunk_rows:
                on_chunk(chunk_rows)
            bar.update(size_of[future.key])
    finally:
        bar.close()
    return rows, sorted(errors)


class _NoBar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def _progress(total: int, enabled: bool) -> Any:
    if not enabled:
        return _NoBar()
    from tqdm import tqdm

    return tqdm(total=total, unit="article", file=sys.stderr, desc="parsing", smoothing=0.1)


def run_batch(
    paths: Sequence[str | Path],
    out: str | Path,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int | None = None,
    resume: bool = True,
    corrections_path: str | Path | None = None,
    use_corrections: bool = True,
    gazetteer_path: str | None = None,
    progress: bool = False,
    client: Any = None,
    connect_timeout: float = 30.0,
) -> BatchReport:
    """Parse every article of ``paths`` not yet in ``out`` and write ``out`` (GeoParquet)."""
    t0 = time.perf_counter()
    out = Path(out)
    parts = out.with_name(out.name + ".parts")
    report = BatchReport()
    articles, report.problems, report.duplicates = collect_articles(paths)
    report.articles = len(articles)
    if resume:
        previous, done = _done_hashes(out, parts)
    else:
        previous, done = frame([]), set()
    todo = [a for a in articles if a.content_hash not in done]
    report.skipped = len(articles) - len(todo)

    corrections: list[Correction] = []
    if use_corrections:
        store = CorrectionStore(corrections_path or default_path())
        corrections = store.active()
        report.problems.extend(store.problems)

    new_rows: list[dict[str, Any]] = []
    meta: dict[str, Any] = {"rows": "one per mention", "columns": list(COLUMNS)}
    if todo:
        parts.mkdir(parents=True, exist_ok=True)
        # Open (and if need be build) the gazetteer here once, so workers never race to build it.
        _gazetteer(gazetteer_path)
        own = client is None
        if own:
            client = open_client(workers, scheduler, timeout=connect_timeout)
        try:
            report.workers = prepare(client, gazetteer_path)
            meta["parser"] = client.submit(parser_meta, gazetteer_path, pure=False).result()
            new_rows, report.failed = parse_on_cluster(
                client,
                todo,
                gazetteer_path=gazetteer_path,
                corrections=corrections,
                chunk_size=chunk_size,
                progress=progress,
                on_chunk=lambda rows: _write_part(parts, rows),
            )
        finally:
            if own:
                cluster = getattr(client, "cluster", None)
                client.close()
                if cluster is not None:
                    cluster.close()
    elif out.exists():
        meta = read_meta(out) or meta
    report.parsed = len(todo) - len({i for i, _ in report.failed})

    # Keep rows only for articles still present: a deleted article leaves the results too.
    present = {a.content_hash for a in articles}
    combined = pd.concat([previous, pd.DataFrame(new_rows, columns=list(COLUMNS))])
    combined = combined[combined["article_hash"].isin(present)]
    combined = _refresh_metadata(combined, articles)
    combined = combined.drop_duplicates(["article_hash", "start", "end"], keep="last")
    df = normalize(combined.reset_index(drop=True))
    meta["articles"] = int(df["article_hash"].nunique())
    write_results(df, out, meta)
    if parts.is_dir():
        for p in parts.iterdir():
            p.unlink(missing_ok=True)
        parts.rmdir()
    report.rows = len(df)
    report.seconds = time.perf_counter() - t0
    return report


def _refresh_metadata(df: pd.DataFrame, articles: Sequence[Article]) -> pd.DataFrame:
    """Rows of articles parsed earlier take the current file's id, title, date, ... (a renamed
    or re-dated file is not parsed again: its body, hence its places, did not change)."""
    if df.empty:
        return df
    by_hash = {a.content_hash: a for a in articles}
    fields = {
        "article_id": "id",
        "title": "title",
        "source": "source",
        "published": "published",
        "url": "url",
        "path": "path",
    }
    df = df.copy()
    for column, attr in fields.items():
        df[column] = df["article_hash"].map(lambda h, a=attr: getattr(by_hash[h], a))
    return df


def main(argv: list[str]) -> int:
    """``python -m corpus batch``: see the module docstring."""
    ap = argparse.ArgumentParser(
        prog="python -m corpus batch",
        description="Geoparse a folder of articles into a GeoParquet file (one row per mention).",
    )
    ap.add_argument("paths", nargs="+", help="article folders or files (.txt .md .html .jsonl)")
    ap.add_argument("--out", required=True, help="output GeoParquet file, e.g. results.parquet")
    ap.add_argument("--workers", type=int, default=None, help="local workers (default: cores)")
    ap.add_argument("--scheduler", default=None, help="an existing Dask scheduler, tcp://HOST:PORT")
    ap.add_argument("--connect-timeout", type=float, default=30.0, help="seconds (--scheduler)")
    ap.add_argument("--chunk-size", type=int, default=None, help="articles per task")
    ap.add_argument("--no-resume", action="store_true", help="parse everything again")
    ap.add_argument("--corrections", default=None, help="corrections log (default: var/...)")
    ap.add_argument("--no-corrections", action="store_true", help="ignore corrections")
    ap.add_argument("--gazetteer", default=None, help="gazetteer index path")
    ap.add_argument("--quiet", action="store_true", help="no progress bar")
    args = ap.parse_args(argv)
    if args.workers is not None and args.workers < 1:
        ap.error("--workers must be at least 1")
    if args.workers and args.scheduler:
        ap.error("--workers and --scheduler exclude each other")
    try:
        report = run_batch(
            args.paths,
            args.out,
            workers=args.workers,
            scheduler=args.scheduler,
            chunk_size=args.chunk_size,
            resume=not args.no_resume,
            corrections_path=args.corrections,
            use_corrections=not args.no_corrections,
            gazetteer_path=args.gazetteer,
            progress=not args.quiet,
            connect_timeout=args.connect_timeout,
        )
    except Exception as exc:  # no cluster, no gazetteer, a full disk: say so, no traceback
        print(f"batch: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    for problem in report.problems:
        print(f"skipped: {problem}", file=sys.stderr)
    for article_id, message in report.failed:
        print(f"failed: {article_id}: {message}", file=sys.stderr)
    print(
        f"{report.articles} articles ({report.duplicates} duplicates dropped): "
        f"{report.parsed} parsed, {report.skipped} already done, {len(report.failed)} failed; "
        f"{report.rows} rows -> {args.out} in {report.seconds:.1f} s"
        + (f" on {report.workers} workers" if report.workers else "")
    )
    return 1 if report.failed else 0
