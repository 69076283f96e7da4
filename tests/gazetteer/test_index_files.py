"""The index file: corruption is detected, never used silently; a missing or corrupt index is
rebuilt with a message; GeoNames dump files are accepted (a small fixture in their format)."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import gazetteer
from gazetteer.build.buildid import build_id
from gazetteer.errors import UnusableIndexError
from gazetteer.index import check_index
from gazetteer.model import Kind
from gazetteer.store import Gazetteer

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"


def _truncate(p: Path) -> None:
    with open(p, "r+b") as fh:
        fh.truncate(p.stat().st_size // 2)


def _random_bytes(p: Path) -> None:
    p.write_bytes(os.urandom(1 << 16))


def _empty(p: Path) -> None:
    p.write_bytes(b"")


def _drop_table(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("DROP TABLE names")
    con.commit()
    con.close()


def _wrong_build_id(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("UPDATE meta SET value='0000000000000000' WHERE key='build_id'")
    con.commit()
    con.close()


def _incomplete(p: Path) -> None:
    con = sqlite3.connect(p)
    con.execute("DELETE FROM meta WHERE key='complete'")
    con.commit()
    con.close()


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_truncate, "truncated"),
        (_random_bytes, "not an SQLite file"),
        (_empty, "not an SQLite file"),
        (_drop_table, "missing tables"),
        (_wrong_build_id, "stale"),
        (_incomplete, "incomplete"),
    ],
)
def test_damaged_index_is_detected(
    gaz: Gazetteer, tmp_path: Path, damage: Callable[[Path], None], reason: str
) -> None:
    copy = tmp_path / "g.sqlite"
    shutil.copyfile(gaz.path, copy)
    assert check_index(copy, build_id()) is None
    damage(copy)
    problem = check_index(copy, build_id())
    assert problem is not None and reason in problem
    if reason != "stale":  # an index from another build is sound, only out of date
        with pytest.raises(UnusableIndexError):
            Gazetteer(copy)


def test_missing_index_is_reported(tmp_path: Path) -> None:
    assert check_index(tmp_path / "none.sqlite") == "no index yet"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("state", "message"),
    [("missing", "no index yet; building it"), ("corrupt", "truncated or padded file")],
)
def test_missing_or_corrupt_index_is_built_with_a_message(
    tmp_path: Path, capfd: pytest.CaptureFixture[str], state: str, message: str
) -> None:
    path = tmp_path / "g.sqlite"
    if state == "corrupt":
        path.write_bytes(b"SQLite format 3\x00" + os.urandom(5000))
    gaz = gazetteer.open(path)
    err = capfd.readouterr().err
    assert message in err and "built" in err and "MB" in err
    assert check_index(path, build_id()) is None
    assert gaz.lookup("Stepanakert")[0].id == "geonames:146970"
    assert not list(tmp_path.glob(".*.tmp")), "the temporary build file is gone"


@pytest.fixture(scope="module")
def dump_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("dump")
    for name in ("AZ", "alternateNamesV2"):
        with zipfile.ZipFile(tmp / f"{name}.zip", "w", zipfile.ZIP_DEFLATED) as zf:
            zf.write(FIXTURES / f"{name}.txt", f"{name}.txt")
    out = tmp / "g.sqlite"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "gazetteer",
            "build",
            "--output",
            str(out),
            "--geonames",
            str(tmp / "AZ.zip"),
            str(tmp / "alternateNamesV2.zip"),
            str(FIXTURES / "admin1CodesASCII.txt"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert proc.returncode == 0, proc.stderr
    assert "GeoNames dump files: 3 places" in proc.stderr  # the hotel (class S) is left out
    return out


@pytest.mark.slow
def test_geonames_dump_files_are_loaded(dump_index: Path) -> None:
    gaz = Gazetteer(dump_index)
    vank = {p.id: p for p in gaz.lookup("Vank", country="AZ")}
    assert vank["geonames:8199998"].admin == ("Azerbaijan", "Tartar")
    assert "geonames:8199998" in [p.id for p in gaz.lookup("Վանք")]  # alternateNamesV2
    assert "https://en.wikipedia.org/wiki/Vank" not in gaz.names("geonames:8199998")
    reservoir = gaz.lookup("Sarsang")[0]
    assert reservoir.kind is Kind.PHYSICAL and reservoir.feature == "RSV"
    assert gaz.lookup("Qwxzy Test Hotel") == []
    assert [p.kind for p in gaz.parents("geonames:8199998")][:1] == [Kind.COUNTRY]
    assert gaz.info()["sources"]["geonames_files"] == [
        "AZ.zip",
        "alternateNamesV2.zip",
        "admin1CodesASCII.txt",
    ]
    assert gaz.lookup("Stepanakert")[0].id == "geonames:146970"  # the packaged data is kept


@pytest.mark.parametrize(
    ("content", "name"),
    [("not\ta\tgeonames\tfile\n", "AZ.txt"), ("", "AZ.txt"), ("x\ty\n", "alternateNamesV2.txt")],
)
def test_bad_dump_files_are_refused_before_building(
    tmp_path: Path, content: str, name: str
) -> None:
    bad = tmp_path / name
    bad.write_text(content, encoding="utf-8")
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "gazetteer",
            "build",
            "--output",
            str(tmp_path / "g.sqlite"),
            "--geonames",
            str(bad),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 2
    assert proc.stderr.startswith("error:") and "Traceback" not in proc.stderr
    assert not (tmp_path / "g.sqlite").exists()


def test_damage_inside_the_file_is_reported_not_answered(gaz: Gazetteer, tmp_path: Path) -> None:
    """Damage the cheap checks cannot see (same size, intact header) shows as a clear error."""
    copy = tmp_path / "g.sqlite"
    shutil.copyfile(gaz.path, copy)
    size = copy.stat().st_size
    with open(copy, "r+b") as fh:  # overwrite everything but the first 64 kB
        fh.seek(1 << 16)
        chunk = os.urandom(1 << 20)
        for _ in range((size - (1 << 16)) // len(chunk)):
            fh.write(chunk)
    damaged = Gazetteer(copy)  # the header and sqlite_master page are intact
    with pytest.raises(UnusableIndexError, match="python -m gazetteer build"):
        for name in ("Stepanakert", "Paris", "London", "Baku", "Tokyo", "Lima"):
            damaged.lookup_uncached(name)
            damaged.get("geonames:146970")
