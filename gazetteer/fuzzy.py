"""Fuzzy search: misspellings and transliterations.

Candidates come from the FTS5 trigram index over the distinct name keys: the query's rarest
trigrams (by document frequency) are OR-ed, which keeps the candidate set small while a
misspelling still leaves most of them intact; rapidfuzz then re-scores the candidates by
edit similarity of the keys, and the best keys are looked up exactly.
"""

from __future__ import annotations

import json
import math
import sqlite3
from collections.abc import Callable

from rapidfuzz import fuzz, process

from gazetteer.model import Kind, Match, Place
from gazetteer.normalize import key_hash, name_key, query_key

#: Upper bound on the postings the chosen trigrams may have together.
MAX_POSTINGS = 6_000
MIN_TRIGRAMS = 2
MAX_TRIGRAMS = 6
#: Keys re-scored by edit similarity: those sharing the most chosen trigrams.
MAX_KEYS = 1200
MIN_SCORE = 60.0


def trigrams(key: str) -> list[str]:
    """The distinct trigrams of a key, in order.

    >>> trigrams("susa")
    ['sus', 'usa']
    """
    seen: dict[str, None] = {}
    for i in range(len(key) - 2):
        seen.setdefault(key[i : i + 3], None)
    return list(seen)


#: Score of a key reached from the query by transliteration rewrites (below an exact hit).
VARIANT_SCORE = 90.0
#: Transliteration rewrites between the usual romanisations of Turkic, Caucasian, Slavic and
#: Arabic names (applied one or two at a time, each to every occurrence).
REWRITES: tuple[tuple[str, str], ...] = (
    ("ou", "u"),
    ("oo", "u"),
    ("u", "ou"),
    ("kh", "h"),
    ("kh", "x"),
    ("x", "kh"),
    ("h", "kh"),
    ("sh", "s"),
    ("s", "sh"),
    ("ch", "c"),
    ("c", "ch"),
    ("zh", "j"),
    ("j", "zh"),
    ("dzh", "c"),
    ("dj", "c"),
    ("j", "c"),
    ("c", "j"),
    ("y", "i"),
    ("i", "y"),
    ("ya", "a"),
    ("a", "ya"),
    ("e", "a"),
    ("a", "e"),
    ("gh", "g"),
    ("g", "gh"),
    ("ts", "c"),
    ("w", "v"),
    ("v", "w"),
    ("q", "g"),
    ("g", "q"),
    ("q", "k"),
    ("k", "q"),
    ("ai", "ay"),
    ("ay", "ai"),
    ("ei", "ey"),
    ("d", "t"),
    ("t", "d"),
    ("ph", "f"),
    ("f", "ph"),
    ("ie", "i"),
    ("iy", "i"),
    ("yy", "y"),
)
MAX_VARIANTS = 40


def spelling_variants(key: str) -> list[str]:
    """Keys the query may stand for under another romanisation (one or two rewrites).

    >>> "shusha" in spelling_variants("shousha") and "xankendi" in spelling_variants("khankendi")
    True
    """
    first = [key.replace(a, b) for a, b in REWRITES if a in key]
    out: dict[str, None] = dict.fromkeys(first)
    for v in first:
        for a, b in REWRITES:
            if len(out) >= MAX_VARIANTS:
                break
            if a in v:
                out.setdefault(v.replace(a, b), None)
    out.pop(key, None)
    return list(out)


def _bonus(place: Place) -> float:
    """Among near-equal spellings the populous settlement first: at most 3 points.

    Admin units get none: their population is the sum of their places'.
    """
    if place.kind not in (Kind.SETTLEMENT, Kind.COUNTRY):
        return 0.0
    return min(3.0, 0.5 * math.log10(place.population + 1))


class FuzzyIndex:
    """The trigram index of the name keys, owned by a :class:`gazetteer.store.Gazetteer`.

    It reads the store's connection and exact look-up through the callables it is given, so
    it needs nothing else of the store.
    """

    def __init__(
        self,
        connection: Callable[[], sqlite3.Connection],
        lookup_key: Callable[[str], list[Place]],
        names: Callable[[str], list[str]],
    ) -> None:
        self._con = connection
        self._lookup = lookup_key
        self._names = names
        self._lengths: dict[int, int] | None = None

    def _length_starts(self) -> dict[int, int]:
        """Key length -> first fuzzy_keys rowid of that length (keys are ordered by length)."""
        if self._lengths is None:
            row = self._con().execute("SELECT value FROM meta WHERE key='fuzzy_lengths'").fetchone()
            self._lengths = {int(k): int(v) for k, v in json.loads(row[0]).items()} if row else {}
        return self._lengths

    def existing_keys(self, keys: list[str]) -> list[str]:
        """The keys that some place has (one query for all of them)."""
        if not keys:
            return []
        hashes = {key_hash(k): k for k in keys}
        marks = ",".join("?" * len(hashes))
        found = (
            self._con()
            .execute(f"SELECT DISTINCT hash FROM names WHERE hash IN ({marks})", list(hashes))
            .fetchall()
        )
        return [hashes[h] for (h,) in found]

    def _ensure_vocab(self) -> None:
        con = self._con()
        if not con.execute("SELECT 1 FROM temp.sqlite_master WHERE name='fuzzy_vocab'").fetchone():
            con.execute("CREATE VIRTUAL TABLE temp.fuzzy_vocab USING fts5vocab(main, fuzzy, row)")

    def _rowid_range(self, length: int) -> tuple[int, int]:
        """Rowids of the keys whose length is close enough to score MIN_SCORE or more.

        The build numbers the keys in order of length and records where each length starts.
        """
        starts = self._length_starts()
        slack = max(2, length // 3)
        lo = min((v for k, v in starts.items() if k >= length - slack), default=1)
        after = [v for k, v in starts.items() if k > length + slack]
        return lo, (min(after) - 1 if after else 1 << 62)

    def candidate_keys(self, key: str) -> list[str]:
        """Keys sharing the most of the query's rarest trigrams (at most MAX_KEYS of them)."""
        grams = trigrams(key)
        if not grams:
            return []
        self._ensure_vocab()
        con = self._con()
        marks = ",".join("?" * len(grams))
        df = dict(
            con.execute(
                f"SELECT term, doc FROM temp.fuzzy_vocab WHERE term IN ({marks})", grams
            ).fetchall()
        )
        chosen: list[str] = []
        total = 0
        for g in sorted((g for g in grams if df.get(g)), key=lambda g: df[g]):
            if len(chosen) >= MIN_TRIGRAMS and (
                total + df[g] > MAX_POSTINGS or len(chosen) >= MAX_TRIGRAMS
            ):
                break
            chosen.append(g)
            total += df[g]
        if not chosen:
            return []
        lo, hi = self._rowid_range(len(key))
        # Count, inside SQLite, how many chosen trigrams each key of a fitting length shares.
        union = " UNION ALL ".join(
            "SELECT rowid AS id FROM fuzzy WHERE fuzzy MATCH ? AND rowid BETWEEN ? AND ?"
            for _ in chosen
        )
        args: list[object] = []
        for g in chosen:
            args += ['"' + g.replace('"', '""') + '"', lo, hi]
        args.append(MAX_KEYS)
        sql = (
            f"SELECT k.key FROM (SELECT id, count(*) AS c FROM ({union}) GROUP BY id "
            "ORDER BY c DESC LIMIT ?) h JOIN fuzzy_keys k ON k.rowid = h.id"
        )
        return [r[0] for r in con.execute(sql, args)]

    def _matched_name(self, place: Place, key: str) -> str:
        if name_key(place.name) == key:
            return place.name
        for n in self._names(place.id):
            if name_key(n) == key:
                return n
        return place.name

    def search(self, name: str, *, limit: int = 10) -> list[Match]:
        """Places whose names are spelt like ``name``, best first (see the module docstring)."""
        key = query_key(name)
        if key is None or limit <= 0:
            return []
        limit = min(int(limit), 1000)
        scored: list[tuple[float, str]] = [(100.0, key)] if self._lookup(key) else []
        for variant in self.existing_keys(spelling_variants(key)):
            scored.append((max(VARIANT_SCORE, fuzz.ratio(key, variant)), variant))
        keys = self.candidate_keys(key)
        for cand, score, _ in process.extract(
            key, keys, scorer=fuzz.ratio, limit=limit * 3, score_cutoff=MIN_SCORE
        ):
            if cand != key:
                scored.append((float(score), cand))
        best: dict[str, tuple[float, int, Place, str]] = {}
        order = 0
        seen: set[str] = set()
        for score, cand in sorted(scored, key=lambda t: -t[0]):
            if cand in seen:
                continue
            seen.add(cand)
            for place in self._lookup(cand):
                order += 1
                if place.id not in best:
                    best[place.id] = (score, order, place, cand)
            if len(best) >= limit * 2:
                break
        ranked = sorted(best.values(), key=lambda t: (-(t[0] + _bonus(t[2])), t[1]))[:limit]
        return [
            Match(place=p, matched_name=self._matched_name(p, k), score=round(s / 100, 3))
            for s, _, p, k in ranked
        ]
