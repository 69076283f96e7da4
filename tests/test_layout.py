"""The project's frame: the layout of the design card and the boundaries between packages."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


PACKAGES = ("geo", "gazetteer", "corpus", "ui")
#: What the geoparser must never pull in: it is a library, not an app or a batch system.
GEO_FORBIDDEN = {
    "folium",
    "branca",
    "dask",
    "distributed",
    "pandas",
    "geopandas",
    "pyarrow",
    "trafilatura",
    "streamlit",
    "streamlit_folium",
    "corpus",
    "ui",
    "dashboard",
}


def _modules() -> dict[str, Path]:
    """Every module of the project's packages by dotted name."""
    out: dict[str, Path] = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            out[".".join(parts)] = path
    return out


def _imports(path: Path, module: str) -> set[str]:
    """Dotted names a module imports anywhere, inside functions included."""
    found: set[str] = set()
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            found.add(base)
            found.update(f"{base}.{a.name}" for a in node.names)
    return found


def _imported_modules(package: str) -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in (ROOT / package).rglob("*.py"):
        rel = str(path.relative_to(ROOT))
        found.update((rel, name.split(".")[0]) for name in _imports(path, ""))
    return found


@pytest.mark.parametrize(
    ("package", "forbidden"),
    [
        ("geo", GEO_FORBIDDEN),
        (
            "gazetteer",
            {"streamlit", "streamlit_folium", "folium", "ui", "dashboard", "geo", "corpus"},
        ),
        ("corpus", {"streamlit", "streamlit_folium", "folium", "ui", "dashboard"}),
        ("ui/maps", {"streamlit", "streamlit_folium"}),
        ("tests/geo", {"streamlit", "streamlit_folium", "ui"}),
        ("tests/gazetteer", {"streamlit", "streamlit_folium", "ui", "corpus", "geo"}),
    ],
)
def test_packages_keep_their_boundaries(package: str, forbidden: set[str]) -> None:
    offenders = sorted(f"{f} imports {m}" for f, m in _imported_modules(package) if m in forbidden)
    assert offenders == []


def test_no_import_cycles() -> None:
    """No module reaches itself through imports, lazy imports inside functions included."""
    modules = _modules()
    graph = {
        name: {m for m in _imports(path, name) if m in modules and m != name}
        for name, path in modules.items()
    }
    # A package's own __init__ re-exporting its modules is no cycle with them.
    for name, deps in graph.items():
        graph[name] = {d for d in deps if not name.startswith(d + ".")}
    cycles: list[list[str]] = []
    state: dict[str, int] = {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        stack.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycles.append([*stack[stack.index(dep) :], dep])
            elif dep not in state:
                visit(dep, stack)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [])
    assert cycles == []


@pytest.mark.parametrize("package", ["geo", "gazetteer", "corpus", "ui"])
def test_tests_mirror_the_packages(package: str) -> None:
    assert (ROOT / "tests" / package).is_dir()


def test_importing_geo_loads_no_app_or_batch_modules() -> None:
    """``import geo; geo.parse(...)`` in a fresh process loads none of the UI, map or batch
    libraries."""
    code = (
        "import sys, geo; geo.parse('Stepanakert is in Karabakh'); "
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    ).stdout.split()
    heavy = {"folium", "branca", "dask", "distributed", "pyarrow", "trafilatura", "streamlit"}
    assert heavy.isdisjoint(out), sorted(heavy & set(out))
    assert "spacy" in out and "geo" in out


@pytest.mark.parametrize(
    "path",
    [
        "dashboard.py",
        "geo",
        "gazetteer",
        "corpus",
        "ui",
        "articles",
        "tests",
        "requirements.txt",
        "requirements-dev.txt",
        "pyproject.toml",
        "Makefile",
        ".ci/run",
        "README.md",
    ],
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
        # what a local ``pip wheel .`` leaves behind is no shipped data
        and p.relative_to(ROOT).parts[0] not in {"build", "dist"}
        and "docs" not in p.relative_to(ROOT).parts
    }
    missing = [str(f.relative_to(ROOT)) for f in folders if not _has_sources(f)]
    assert missing == []


def _has_sources(folder: Path) -> bool:
    inside = [p for p in (folder, *folder.parents) if ROOT in (p, *p.parents)]
    return any((p / "SOURCES.md").exists() for p in inside)
