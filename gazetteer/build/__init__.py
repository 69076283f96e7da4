"""Building the index from its sources (never at import time): ``ensure_index`` is the one entry
the store calls; ``build`` is what ``python -m gazetteer build`` runs.

The sources, one module each, live in :mod:`gazetteer.build.sources`; :mod:`.assemble` joins
them and writes the index; :mod:`.buildid` says when an index is stale.
"""

from __future__ import annotations

import fcntl
import json
import sqlite3
import sys
from pathlib import Path

from gazetteer.build.buildid import build_id
from gazetteer.index import check_index
from gazetteer.paths import default_index_path

__all__ = ["build", "build_id", "ensure_index"]


def ensure_index(path: Path | None = None, *, quiet: bool = False) -> Path:
    """Return the path of a sound, current index, building it first when needed."""
    path = Path(path) if path is not None else default_index_path()
    expected = build_id()
    if check_index(path, expected) is None:
        return path
    path.parent.mkdir(parents=True, exist_ok=True)
    # Several processes (dashboard, CLI, batch workers) may open a missing index at once:
    # one builds while the others wait on the lock, then find the index current.
    with (path.parent / f"{path.name}.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        problem = check_index(path, expected)
        if problem is not None:
            extra = _extra_files(path) if problem.startswith("stale") else []
            if not quiet:
                print(f"[gazetteer] index {path}: {problem}; building it", file=sys.stderr)
            build(path, geonames_files=extra)
    return path


def build(path: Path, *, geonames_files: list[Path] | tuple[Path, ...] = ()) -> dict[str, object]:
    """Build the index at ``path`` (atomically) and return a summary; see :mod:`.assemble`."""
    from gazetteer.build import assemble  # shapely, the source packages: only when building

    return assemble.build(path, geonames_files=geonames_files)


def _extra_files(path: Path) -> list[Path]:
    """The GeoNames dump files a stale index was built with, if they are still there."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM meta WHERE key='extra_files'").fetchone()
        finally:
            con.close()
        return [Path(p) for p in json.loads(row[0]) if Path(p).exists()] if row else []
    except (sqlite3.DatabaseError, ValueError):
        return []
