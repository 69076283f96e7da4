"""The project's frame: the layout of the design card and the boundaries between packages."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _imported_modules(package: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in (ROOT / package).rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        rel = str(path.relative_to(ROOT))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                found.update((rel, a.name.split(".")[0]) for a in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add((rel, node.module.split(".")[0]))
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("geo", {"streamlit", "streamlit_folium", "ui", "dashboard"}),
        ("gazetteer", {"streamlit", "streamlit_folium", "ui", "dashboard", "geo"}),
        ("tests/geo", {"streamlit", "streamlit_folium"}),
        ("tests/gazetteer", {"streamlit", "streamlit_folium"}),
    ],
)
def test_pure_packages_do_not_import_the_ui(package: str, forbidden: set[str]) -> None:
    if not (ROOT / package).is_dir():
        pytest.skip(f"{package} has no tests yet")
    offenders = sorted(f"{f} imports {m}" for f, m in _imported_modules(package) if m in forbidden)
    assert offenders == []


@pytest.mark.parametrize(
    "path",
    ["dashboard.py", "geo", "gazetteer", "articles", "tests", "requirements.txt",
     "requirements-dev.txt", "pyproject.toml", "Makefile", ".ci/run", "README.md"],
)
def test_design_card_layout(path: str) -> None:
    assert (ROOT / path).exists(), f"{path} is part of the project's layout"


def test_requirements_are_pinned() -> None:
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            line = line.split("#", 1)[0].strip()
            if line and not line.startswith("-r"):
                assert "==" in line, f"{name}: {line!r} is not pinned"


@pytest.mark.parametrize("target", ["run", "test", "bench", "lint", "eval"])
def test_makefile_targets(target: str) -> None:
    text = (ROOT / "Makefile").read_text()
    assert f"\n{target}:" in text


def test_every_data_folder_has_sources() -> None:
    data_suffixes = {".json", ".geojson", ".csv", ".tsv", ".jsonl", ".js", ".css", ".png"}
    folders = {
        p.parent
        for p in ROOT.rglob("*")
        if p.suffix in data_suffixes
        and not any(part in {".venv", "var", "tests", ".git", "node_modules"} for part in p.parts)
        and "docs" not in p.relative_to(ROOT).parts
    }
    missing = [str(f.relative_to(ROOT)) for f in folders if not _has_sources(f)]
    assert missing == []


def _has_sources(folder: Path) -> bool:
    inside = [p for p in (folder, *folder.parents) if ROOT in (p, *p.parents)]
    return any((p / "SOURCES.md").exists() for p in inside)
