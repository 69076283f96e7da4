"""The command line: the real CLI in a subprocess once, then in-process for the table."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer.cli import main
from gazetteer.store import Gazetteer
from tests.gazetteer.distance import km

ROOT = Path(__file__).resolve().parents[2]
KHANKENDI = (39.8177, 46.7528)
FIELDS = {
    "id",
    "name",
    "kind",
    "country",
    "lat",
    "lon",
    "population",
    "admin",
    "approximate",
    "geometry_type",
}


def test_real_cli_lookup_json(gaz: Gazetteer) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "gazetteer", "lookup", "Stepanakert", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    found = json.loads(out.stdout)
    assert set(found[0]) >= FIELDS
    assert km(found[0]["lat"], found[0]["lon"], *KHANKENDI) < 5


def _lookup(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict[str, object]]:
    assert main(["lookup", *args, "--json"]) == 0
    result: list[dict[str, object]] = json.loads(capsys.readouterr().out)
    return result


@pytest.mark.parametrize(
    ("query", "name", "kind", "point"),
    [
        ("Stepanakert", "Khankendi", "settlement", KHANKENDI),
        ("Khankendi", "Khankendi", "settlement", KHANKENDI),
        ("Xankəndi", "Khankendi", "settlement", KHANKENDI),
        ("Shushi", "Shusha", "settlement", (39.7584, 46.7484)),
        ("Şuşa", "Shusha", "settlement", (39.7584, 46.7484)),
        ("Berdzor", "Laçın", "settlement", (39.6374, 46.5498)),
        ("Laçın", "Laçın", "settlement", (39.6374, 46.5498)),
        ("Mardakert", "Mardakert", "settlement", (40.2113, 46.8214)),
        ("Aghdara", "Mardakert", "settlement", (40.2113, 46.8214)),
        ("Ağdərə", "Mardakert", "settlement", (40.2113, 46.8214)),
        ("Askeran", "Askyaran", "settlement", (39.9333, 46.8333)),
        ("Əsgəran", "Askyaran", "settlement", (39.9333, 46.8333)),
    ],
)
def test_cli_table(
    gaz: Gazetteer,
    capsys: pytest.CaptureFixture[str],
    query: str,
    name: str,
    kind: str,
    point: tuple[float, float],
) -> None:
    first = _lookup(capsys, query)[0]
    assert (first["name"], first["kind"]) == (name, kind)
    assert km(float(first["lat"]), float(first["lon"]), *point) < 5  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "kind", "geometry_types"),
    [
        ("Lachin corridor", "corridor", {"LineString"}),
        ("Karabakh", "region", {"Polygon", "MultiPolygon"}),
        ("Türkiye", "country", {"Polygon", "MultiPolygon"}),
        ("Turkey", "country", {"Polygon", "MultiPolygon"}),
    ],
)
def test_cli_shapes(
    gaz: Gazetteer,
    capsys: pytest.CaptureFixture[str],
    query: str,
    kind: str,
    geometry_types: set[str],
) -> None:
    first = _lookup(capsys, query)[0]
    assert first["kind"] == kind and first["geometry_type"] in geometry_types


def test_cli_kind_country_fuzzy(gaz: Gazetteer, capsys: pytest.CaptureFixture[str]) -> None:
    assert _lookup(capsys, "Askeran", "--kind", "district")[0]["id"] == "local:askeran-district"
    assert {d["country"] for d in _lookup(capsys, "Moscow", "--country", "US")} == {"US"}
    fuzzy = _lookup(capsys, "Stepanakrt", "--fuzzy")
    assert fuzzy[0]["id"] == "geonames:146970" and "score" in fuzzy[0]
    assert _lookup(capsys, "Zzzyxq Nowhere") == []


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "Baku\x07\x00"])
def test_cli_bad_input_is_a_clear_error(
    gaz: Gazetteer, capsys: pytest.CaptureFixture[str], bad: str
) -> None:
    assert main(["lookup", bad]) == 2
    assert "error:" in capsys.readouterr().err


def test_cli_text_output_and_info(gaz: Gazetteer, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lookup", "Stepanakert"]) == 0
    assert "Khankendi" in capsys.readouterr().out
    assert main(["lookup", "Zzzyxq"]) == 0
    assert "no place called" in capsys.readouterr().out
    assert main(["info"]) == 0
    assert json.loads(capsys.readouterr().out)["counts"]["places"] > 0


def test_build_if_needed_is_quick_when_current(
    gaz: Gazetteer, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "--if-needed", "--output", str(gaz.path)]) == 0
    assert "is current" in capsys.readouterr().out
