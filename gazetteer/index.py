"""The index file's layout and its cheap soundness check, shared by the store and the build.

Tables: ``meta`` (build id, sources, counts); ``admins`` (admin paths by number); ``places``
(one row per place, rowids in order of prominence; geometry as WKB for places that are not
points); ``names`` (64-bit hash of a normalised key -> place, with minus the look-up score x 100
so that a key's rows come best first); ``alts`` (all names of a place as written,
zlib-compressed, and the ids of its parents); ``rtree`` (bounding boxes); ``fuzzy_keys`` and
``fuzzy`` (an FTS5 trigram index over the distinct keys, numbered in order of length);
``langnames`` (the names whose language a source states: CLDR, the curated pack; ISO 639-1).
"""

from __future__ import annotations

import builtins
import sqlite3
from pathlib import Path

#: Separates the parts of packed text columns (admin paths, names, parents).
SEP = "\x1f"
SQLITE_HEADER = b"SQLite format 3\x00"
SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE admins (rowid INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE places (
    rowid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, kind TEXT NOT NULL,
    country TEXT, admin INTEGER NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL,
    population INTEGER NOT NULL, approximate INTEGER NOT NULL, feature TEXT NOT NULL,
    geom BLOB);
CREATE TABLE names (hash INTEGER NOT NULL, score INTEGER NOT NULL, place INTEGER NOT NULL,
    PRIMARY KEY (hash, score, place)) WITHOUT ROWID;
CREATE TABLE alts (place INTEGER PRIMARY KEY, names BLOB NOT NULL, parents TEXT NOT NULL);
CREATE VIRTUAL TABLE rtree USING rtree(place, min_lat, max_lat, min_lon, max_lon);
CREATE TABLE fuzzy_keys (rowid INTEGER PRIMARY KEY, key TEXT NOT NULL);
CREATE VIRTUAL TABLE fuzzy USING fts5(key, tokenize='trigram', content='', detail='none',
    columnsize=0);
CREATE TABLE langnames (place INTEGER NOT NULL, lang TEXT NOT NULL, name TEXT NOT NULL,
    PRIMARY KEY (place, lang, name)) WITHOUT ROWID;
"""
REQUIRED_TABLES = frozenset(
    {"meta", "admins", "places", "names", "alts", "rtree", "fuzzy_keys", "fuzzy", "langnames"}
)


def check_index(path: Path, expected_build_id: str | None = None) -> str | None:
    """Why the index at ``path`` cannot be used, or None when it is sound and current.

    Cheap checks only (milliseconds): the SQLite header, the file size against the page count
    (a truncated file), the tables, the completion flag and the build id.
    """
    path = Path(path)
    if not path.exists():
        return "no index yet"
    try:
        with builtins.open(path, "rb") as fh:
            header = fh.read(100)
        if len(header) < 100 or not header.startswith(SQLITE_HEADER):
            return "not an SQLite file"
        # The header's own page size and page count (valid when its two counters agree).
        page_size = int.from_bytes(header[16:18], "big")
        page_size = 65536 if page_size == 1 else page_size
        pages = int.from_bytes(header[28:32], "big")
        counters_agree = header[24:28] == header[92:96]
        if not counters_agree or page_size * pages != path.stat().st_size:
            return "truncated or padded file"
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master")}
            missing = REQUIRED_TABLES - tables
            if missing:
                return f"missing tables {sorted(missing)}"
            meta = dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return f"unreadable ({exc})"
    if meta.get("complete") != "1":
        return "incomplete build"
    if expected_build_id is not None and meta.get("build_id") != expected_build_id:
        return f"stale (build id {meta.get('build_id')}, sources are {expected_build_id})"
    return None
