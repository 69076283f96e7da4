"""``python -m corpus batch`` with the real parser and gazetteer: 1 worker and 2 workers agree,
runs resume, an external Dask cluster (real scheduler and worker processes) works."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest

from corpus import batch, overview
from tests.corpus.batch_cli import run_batch
from tests.corpus.generate import write_folder

ROOT = Path(__file__).resolve().parents[2]
N = 500


@pytest.fixture(scope="module")
def corpus500(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, str]]]:
    folder = tmp_path_factory.mktemp("articles500")
    return folder, write_folder(folder, N)


def _cli_batch(folder: Path, out: Path, workers: int) -> str:
    """``python -m corpus batch`` as a user runs it; returns its summary line."""
    proc = run_batch(folder, out, "--workers", str(workers), "--no-corrections", timeout=900)
    assert "parsing" in proc.stderr  # the progress bar
    return proc.stdout


@pytest.fixture(scope="module")
def one_worker(
    corpus500: tuple[Path, list[dict[str, str]]], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    out = tmp_path_factory.mktemp("out1") / "results.parquet"
    summary = _cli_batch(corpus500[0], out, 1)
    assert f"{N} parsed, 0 already done, 0 failed" in summary and "on 1 workers" in summary
    return out


def test_500_articles_two_workers_same_as_one(
    corpus500: tuple[Path, list[dict[str, str]]], one_worker: Path, tmp_path: Path
) -> None:
    folder, items = corpus500
    out2 = tmp_path / "results2.parquet"
    summary = _cli_batch(folder, out2, 2)
    assert f"{N} parsed, 0 already done, 0 failed" in summary and "on 2 workers" in summary
    a, b = overview.read_results(one_worker), overview.read_results(out2)
    pd.testing.assert_frame_equal(a, b)
    assert a["article_id"].nunique() == N
    # The parse is real: each article's first city is found and placed in most articles.
    first_city = {x["article_id"]: x["city"] for x in items}
    placed = overview.placed(a)
    hits = sum(
        1
        for aid, g in placed.groupby("article_id")
        if first_city[str(aid)] in set(g["mention"].astype(str))
    )
    assert hits >= 0.9 * N


def test_output_is_geoparquet_one_row_per_mention(one_worker: Path) -> None:
    gdf = gpd.read_parquet(one_worker)
    assert gdf.crs is not None and gdf.crs.to_epsg() == 4326
    placed = gdf[gdf["place_id"].notna()]
    assert (placed.geometry.x.round(6) == placed["lon"].round(6)).all()
    assert (placed.geometry.y.round(6) == placed["lat"].round(6)).all()
    assert not gdf.duplicated(["article_hash", "start", "end"]).any()
    meta = batch.read_meta(one_worker)
    assert meta["rows"] == "one per mention" and meta["articles"] == N
    assert "spacy_pipeline" in meta["parser"] and meta["parser"]["gazetteer"]


def test_resume_skips_done_articles_and_drops_deleted(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    write_folder(folder, 12, jsonl_share=0)
    out = tmp_path / "r.parquet"
    first = batch.run_batch([folder], out, workers=1, use_corrections=False)
    assert (first.parsed, first.skipped) == (12, 0)
    before = overview.read_results(out)
    write_folder(folder, 15, jsonl_share=0)  # the same 12 again, and 3 new
    (folder / "gen-00000.txt").unlink()
    again = batch.run_batch([folder], out, workers=1, use_corrections=False)
    assert (again.articles, again.parsed, again.skipped) == (14, 3, 11)
    after = overview.read_results(out)
    assert set(after["article_id"]) == {f"gen-{i:05d}" for i in range(1, 15)}
    kept = before[before["article_id"] != "gen-00000"].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        after[after["article_id"].isin(set(kept["article_id"]))].reset_index(drop=True), kept
    )
    assert not (tmp_path / "r.parquet.parts").exists()
    nothing = batch.run_batch([folder], out, workers=1, use_corrections=False)
    assert (nothing.parsed, nothing.skipped, nothing.workers) == (0, 14, 0)  # no cluster started


def test_interrupted_run_resumes_from_finished_chunks(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    write_folder(folder, 6, jsonl_share=0)
    out = tmp_path / "r.parquet"
    batch.run_batch([folder], out, workers=1, use_corrections=False, chunk_size=2)
    full = overview.read_results(out)
    # What a killed run leaves behind: finished chunks in <out>.parts, no output file.
    parts = tmp_path / "r.parquet.parts"
    parts.mkdir()
    done = full[full["article_id"].isin(["gen-00000", "gen-00001"])]
    done[list(overview.COLUMNS)].to_parquet(parts / "chunk.parquet", index=False)
    (parts / "torn.parquet").write_bytes(b"PAR1 torn")
    out.unlink()
    report = batch.run_batch([folder], out, workers=1, use_corrections=False, chunk_size=2)
    assert (report.parsed, report.skipped) == (4, 2)
    pd.testing.assert_frame_equal(overview.read_results(out), full)


def test_corrections_are_applied_in_batch(tmp_path: Path) -> None:
    from corpus.article import content_hash
    from corpus.corrections import Correction, CorrectionStore

    folder = tmp_path / "a"
    items = write_folder(folder, 3, jsonl_share=0)
    text = items[0]["text"]
    city = items[0]["city"]
    start = text.index(city)
    log = tmp_path / "corrections.jsonl"
    CorrectionStore(log).append(
        Correction("not_place", content_hash(text), start, start + len(city), city)
    )
    out = tmp_path / "r.parquet"
    batch.run_batch([folder], out, workers=1, corrections_path=log)
    df = overview.read_results(out)
    mine = df[df["article_id"] == items[0]["article_id"]]
    assert start not in set(mine["start"])
    assert len(mine) >= 1 and df["article_id"].nunique() == 3


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture()
def dask_cluster(tmp_path: Path) -> Iterator[str]:
    """A real Dask scheduler and one worker process on 127.0.0.1 (not a LocalCluster)."""
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    dask = str(Path(sys.executable).with_name("dask"))
    logs = [open(tmp_path / name, "w") for name in ("scheduler.log", "worker.log")]  # noqa: SIM115
    scheduler = subprocess.Popen(
        [dask, "scheduler", "--host", "127.0.0.1", "--port", str(port), "--no-dashboard"],
        cwd=ROOT,
        env=env,
        stdout=logs[0],
        stderr=subprocess.STDOUT,
    )
    worker = subprocess.Popen(
        [
            dask,
            "worker",
            address,
            "--nworkers",
            "1",
            "--nthreads",
            "1",
            "--no-dashboard",
            "--host",
            "127.0.0.1",
            "--local-directory",
            str(tmp_path / "dask-worker"),
        ],
        cwd=ROOT,
        env=env,
        stdout=logs[1],
        stderr=subprocess.STDOUT,
    )
    try:
        from distributed import Client

        deadline = time.monotonic() + 90
        while True:
            try:
                with Client(address, timeout="5s") as c:
                    c.wait_for_workers(1, timeout=60)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        yield address
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
        for proc in (worker, scheduler):
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
        for log in logs:
            log.close()


def test_cli_on_an_existing_dask_cluster(
    dask_cluster: str,
    corpus500: tuple[Path, list[dict[str, str]]],
    one_worker: Path,
    tmp_path: Path,
) -> None:
    folder = tmp_path / "some"
    folder.mkdir()
    src = corpus500[0]
    names = sorted(p.name for p in src.glob("*.txt"))[:40]
    for name in names:
        (folder / name).write_bytes((src / name).read_bytes())
    out = tmp_path / "cluster.parquet"
    proc = run_batch(
        folder, out, "--scheduler", dask_cluster, "--no-corrections", "--quiet", timeout=300
    )
    assert "40 parsed" in proc.stdout and "on 1 workers" in proc.stdout
    got = overview.read_results(out)
    want = overview.read_results(one_worker)
    want = want[want["article_id"].isin(set(got["article_id"]))].reset_index(drop=True)
    pd.testing.assert_frame_equal(
        got.drop(columns=["path"]), want.drop(columns=["path"]), check_dtype=True
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--out", "x.parquet", "--workers", "0", "a"], "--workers must be at least 1"),
        (["--out", "x.parquet", "--workers", "2", "--scheduler", "tcp://h:1", "a"], "exclude"),
        (["a"], "--out"),
    ],
)
def test_cli_usage_errors(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exc:
        batch.main(args)
    assert exc.value.code == 2 and message in capsys.readouterr().err


def test_cli_reports_an_unreachable_scheduler(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_folder(tmp_path / "a", 2, jsonl_share=0)
    port = _free_port()
    rc = batch.main(
        [
            str(tmp_path / "a"),
            "--out",
            str(tmp_path / "o.parquet"),
            "--quiet",
            "--scheduler",
            f"tcp://127.0.0.1:{port}",
            "--no-corrections",
            "--connect-timeout",
            "3",
        ]
    )
    assert rc == 2 and "batch:" in capsys.readouterr().err


def test_renamed_file_keeps_its_rows_under_its_new_name(tmp_path: Path) -> None:
    folder = tmp_path / "a"
    write_folder(folder, 3, jsonl_share=0)
    out = tmp_path / "r.parquet"
    batch.run_batch([folder], out, workers=1, use_corrections=False)
    (folder / "gen-00001.txt").rename(folder / "renamed.txt")
    report = batch.run_batch([folder], out, workers=1, use_corrections=False)
    assert (report.parsed, report.skipped) == (0, 3)
    df = overview.read_results(out)
    assert set(df["article_id"]) == {"gen-00000", "renamed", "gen-00002"}
    assert all(
        str(p).endswith(f"{i}.txt") for i, p in zip(df["article_id"], df["path"], strict=True)
    )
