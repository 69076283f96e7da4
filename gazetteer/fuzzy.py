"""Fuzzy search: misspellings and transliterations.

Candidates come from the FTS5 trigram index over the distinct name keys: the query's rarest
trigrams (by document frequency) are OR-ed, which keeps the candidate set small while a
misspelling still leaves most of them intact; rapidfuzz then re-scores the candidates by
edit similarity of the keys, and the best keys are looked up exactly.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from rapidfuzz import fuzz, process

from gazetteer.model import Match, Place
from gazetteer.normalize import name_key

if TYPE_CHECKING:
    from gazetteer.store import Gazetteer

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
        seen.setdefault(key[i:i + 3], None)
    return list(seen)


def _ensure_vocab(gaz: Gazetteer) -> None:
    con = gaz._con
    if not con.execute("SELECT 1 FROM temp.sqlite_master WHERE name='fuzzy_vocab'").fetchone():
        con.execute("CREATE VIRTUAL TABLE temp.fuzzy_vocab USING fts5vocab(main, fuzzy, row)")


def _rowid_range(gaz: Gazetteer, length: int) -> tuple[int, int]:
    """Rowids of the keys whose length is close enough to score MIN_SCORE or more.

    The build numbers the keys in order of length and records where each length starts.
    """
    starts = gaz._fuzzy_lengths()
    slack = max(2, length // 3)
    lo = min((v for k, v in starts.items() if k >= length - slack), default=1)
    after = [v for k, v in starts.items() if k > length + slack]
    return lo, (min(after) - 1 if after else 1 << 62)


def candidate_keys(gaz: Gazetteer, key: str) -> list[str]:
    """Keys sharing the most of the query's rarest trigrams (at most MAX_KEYS of them)."""
    grams = trigrams(key)
    if not grams:
        return []
    _ensure_vocab(gaz)
    con = gaz._con
    marks = ",".join("?" * len(grams))
    df = dict(con.execute(f"SELECT term, doc FROM temp.fuzzy_vocab WHERE term IN ({marks})",
                          grams).fetchall())
    chosen: list[str] = []
    total = 0
    for g in sorted((g for g in grams if df.get(g)), key=lambda g: df[g]):
        if len(chosen) >= MIN_TRIGRAMS and (total + df[g] > MAX_POSTINGS
                                            or len(chosen) >= MAX_TRIGRAMS):
            break
        chosen.append(g)
        total += df[g]
    if not chosen:
        return []
    lo, hi = _rowid_range(gaz, len(key))
    hits: Counter[int] = Counter()
    for g in chosen:
        phrase = '"' + g.replace('"', '""') + '"'
        hits.update(r[0] for r in con.execute("SELECT rowid FROM fuzzy WHERE fuzzy MATCH ? "
                                              "AND rowid BETWEEN ? AND ?", (phrase, lo, hi)))
    best = [rowid for rowid, _ in hits.most_common(MAX_KEYS)]
    marks = ",".join("?" * len(best))
    return [r[0] for r in con.execute(f"SELECT key FROM fuzzy_keys WHERE rowid IN ({marks})",
                                      best)]


def _matched_name(gaz: Gazetteer, place: Place, key: str) -> str:
    if name_key(place.name) == key:
        return place.name
    for n in gaz.names(place.id):
        if name_key(n) == key:
            return n
    return place.name


def search(gaz: Gazetteer, name: str, *, limit: int = 10) -> list[Match]:
    from gazetteer.store import _clean

    key = _clean(name)
    if key is None or limit <= 0:
        return []
    limit = min(int(limit), 1000)
    scored: list[tuple[float, str]] = [(100.0, key)] if gaz._lookup_key(key) else []
    keys = candidate_keys(gaz, key)
    for cand, score, _ in process.extract(key, keys, scorer=fuzz.ratio, limit=limit * 3,
                                          score_cutoff=MIN_SCORE):
        if cand != key:
            scored.append((float(score), cand))
    best: dict[str, tuple[float, int, Place, str]] = {}
    order = 0
    for score, cand in sorted(scored, key=lambda t: -t[0]):
        for place in gaz._lookup_key(cand):
            order += 1
            if place.id not in best:
                best[place.id] = (score, order, place, cand)
        if len(best) >= limit * 3:
            break
    ranked = sorted(best.values(), key=lambda t: (-t[0], t[1]))[:limit]
    return [Match(place=p, matched_name=_matched_name(gaz, p, k), score=round(s / 100, 3))
            for s, _, p, k in ranked]
