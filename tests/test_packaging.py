"""The package as ``pip install .`` gives it: packages, data, CLIs and the spaCy entry point."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("newsreader_geo-*.whl")
    return found


def test_wheel_holds_the_packages_and_their_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if "/" in n and ".dist-info" not in n}
    assert tops == {"geo", "gazetteer", "corpus", "ui"}
    assert "gazetteer/data/countries.geojson" in names
    assert "gazetteer/build/sources/packaged.py" in names
    assert not any(n.startswith("tests/") for n in names)


def test_wheel_declares_the_clis_and_the_spacy_factory(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    entry = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
    points = configparser.ConfigParser()
    points.read_string(archive.read(entry).decode())
    assert dict(points["spacy_factories"]) == {"geoparser": "geo.component:make_geoparser"}
    assert dict(points["console_scripts"]) == {
        "newsreader-geo": "geo.cli:main",
        "newsreader-gazetteer": "gazetteer.cli:main",
        "newsreader-corpus": "corpus.cli:main",
    }
    meta = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    text = archive.read(meta).decode()
    assert "Provides-Extra: dashboard" in text and "Provides-Extra: batch" in text
