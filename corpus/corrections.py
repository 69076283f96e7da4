"""Corrections a reader makes to a parse, kept in an append-only log and applied on every parse.

Three actions, each keyed by the article's content hash and the mention's offsets and text:

- ``choose``: the mention means another place (usually one of its alternatives);
- ``not_place``: the mention is no place at all (it is dropped from the result);
- ``add``: a place name the parser missed, with the place picked from a gazetteer search.

An ``undo`` entry cancels an earlier correction. The log is a JSON-lines file (default
``var/corrections.jsonl``, or the path in ``NEWSREADER_CORRECTIONS``). Every entry is one
line appended under an exclusive ``fcntl.flock`` and fsync'ed, so several processes and
threads can write at once without losing or interleaving entries, and a line torn by a crash
is skipped when reading.

>>> from gazetteer.model import Kind, Place
>>> from geo.model import Mention, ParseResult, Resolution
>>> text = "Talks in Paris and Ganja."
>>> paris = Place("p:1", "Paris", Kind.SETTLEMENT, "FR", (), 48.85, 2.35)
>>> ganja = Place("g:1", "Ganja", Kind.SETTLEMENT, "AZ", (), 40.68, 46.36)
>>> m = Mention(9, 14, "Paris", "ner:GPE")
>>> result = ParseResult(text, (Resolution(m, paris, 0.9),), (), ())
>>> c1 = Correction.not_place(text, m)
>>> [r.mention.text for r in apply_corrections(result, [c1]).resolutions]
[]
>>> c2 = Correction.add(text, 19, 24, "Ganja", ganja)
>>> fixed = apply_corrections(result, [c2])
>>> [(p.place.name, p.count) for p in fixed.places]
[('Paris', 1), ('Ganja', 1)]
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from corpus.article import content_hash
from gazetteer.errors import GazetteerError
from gazetteer.model import Kind, Place
from geo.excerpts import excerpt
from geo.model import Candidate, Excerpt, Mention, ParseResult, Resolution, group_places

Action = Literal["choose", "not_place", "add", "undo"]
ACTIONS: tuple[str, ...] = ("choose", "not_place", "add", "undo")
CORRECTION_SOURCE = "correction"

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "var" / "corrections.jsonl"


def default_path() -> Path:
    """The corrections file: ``NEWSREADER_CORRECTIONS`` or ``var/corrections.jsonl``."""
    env = os.environ.get("NEWSREADER_CORRECTIONS")
    return Path(env) if env else DEFAULT_PATH


@dataclass(frozen=True, slots=True)
class PlaceRef:
    """Enough of a gazetteer place to draw it when the gazetteer is not at hand."""

    id: str
    name: str
    kind: str
    country: str | None
    lat: float
    lon: float
    admin: tuple[str, ...] = ()

    @classmethod
    def of(cls, place: Place) -> PlaceRef:
        return cls(
            place.id, place.name, str(place.kind), place.country, place.lat, place.lon, place.admin
        )

    def to_place(self) -> Place:
        try:
            kind = Kind(self.kind)
        except ValueError:
            kind = Kind.SETTLEMENT
        return Place(
            id=self.id,
            name=self.name,
            kind=kind,
            country=self.country,
            admin=tuple(self.admin),
            lat=self.lat,
            lon=self.lon,
        )


@dataclass(frozen=True, slots=True)
class Correction:
    """One entry of the log. ``target`` is the id of the entry an ``undo`` cancels."""

    action: str
    article: str  # content hash of the article body
    start: int = -1
    end: int = -1
    text: str = ""
    place: PlaceRef | None = None
    target: str | None = None
    note: str = ""
    id: str = field(default_factory=lambda: uuid.uuid4().hex)
    created: float = field(default_factory=time.time)
    author: str = ""

    @property
    def key(self) -> tuple[str, int, int, str]:
        return (self.article, self.start, self.end, self.text)

    # Constructors that read as the reader's actions.
    @classmethod
    def choose(cls, article_text: str, mention: Mention, place: Place, **kw: Any) -> Correction:
        return cls(
            "choose",
            content_hash(article_text),
            mention.start,
            mention.end,
            mention.text,
            PlaceRef.of(place),
            **kw,
        )

    @classmethod
    def not_place(cls, article_text: str, mention: Mention, **kw: Any) -> Correction:
        return cls(
            "not_place", content_hash(article_text), mention.start, mention.end, mention.text, **kw
        )

    @classmethod
    def add(
        cls, article_text: str, start: int, end: int, text: str, place: Place, **kw: Any
    ) -> Correction:
        if article_text[start:end] != text:
            raise ValueError(f"{text!r} is not at {start}:{end} of the article")
        return cls("add", content_hash(article_text), start, end, text, PlaceRef.of(place), **kw)

    def to_json(self) -> str:
        data = asdict(self)
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)

    @classmethod
    def from_json(cls, line: str) -> Correction:
        data = json.loads(line)
        if not isinstance(data, dict) or data.get("action") not in ACTIONS:
            raise ValueError("not a correction")
        place = data.pop("place", None)
        if place is not None:
            place["admin"] = tuple(place.get("admin") or ())
            place = PlaceRef(**place)
        return cls(place=place, **data)


def find_occurrences(text: str, name: str) -> list[tuple[int, int]]:
    """Where ``name`` occurs in ``text`` as a whole word (case-sensitive), as (start, end).

    >>> find_occurrences("Agdam and Agdam's road; Agdamski", "Agdam")
    [(0, 5), (10, 15)]
    """
    if not name.strip():
        return []
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
    return [(m.start(), m.end()) for m in pattern.finditer(text)]


# --- the log --------------------------------------------------------------------------------


class CorrectionStore:
    """The append-only corrections log at ``path`` (created on first write)."""

    def __init__(self, path: str | Path | None = None) -> None:
        self.path = Path(path) if path is not None else default_path()
        self.problems: list[str] = []

    @contextmanager
    def _locked(self, mode: int) -> Iterator[int]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            fcntl.flock(fd, mode)
            yield fd
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def append(self, *corrections: Correction) -> tuple[Correction, ...]:
        """Add entries to the log, durably, in one locked write."""
        if not corrections:
            return ()
        payload = "".join(c.to_json() + "\n" for c in corrections).encode("utf-8")
        with self._locked(fcntl.LOCK_EX) as fd:
            # A previous writer that crashed mid-line leaves no newline: start on a fresh line.
            size = os.fstat(fd).st_size
            if size and os.pread(fd, 1, size - 1) != b"\n":
                payload = b"\n" + payload
            view = memoryview(payload)
            while view:
                written = os.write(fd, view)
                view = view[written:]
            os.fsync(fd)
        return corrections

    def undo(self, correction_id: str, *, author: str = "") -> Correction:
        """Cancel an earlier entry (the log keeps both)."""
        target = next((c for c in self.entries() if c.id == correction_id), None)
        if target is None:
            raise KeyError(f"no correction with id {correction_id}")
        entry = Correction(
            "undo",
            target.article,
            target.start,
            target.end,
            target.text,
            target=correction_id,
            author=author,
        )
        self.append(entry)
        return entry

    def entries(self) -> list[Correction]:
        """Every readable entry of the log, oldest first; unreadable lines go to ``problems``."""
        if not self.path.exists():
            return []
        with self._locked(fcntl.LOCK_SH) as fd:
            size = os.fstat(fd).st_size
            data = os.pread(fd, size, 0) if size else b""
        out: list[Correction] = []
        problems: list[str] = []
        for number, raw in enumerate(data.split(b"\n"), start=1):
            if not raw.strip():
                continue
            try:
                out.append(Correction.from_json(raw.decode("utf-8")))
            except (ValueError, TypeError, UnicodeDecodeError):
                problems.append(f"{self.path.name} line {number}: unreadable entry skipped")
        self.problems = problems
        return out

    def active(self, article: str | None = None) -> list[Correction]:
        """The corrections in force (undos applied), oldest first, for one article or all."""
        return active_corrections(self.entries(), article)

    def for_text(self, text: str) -> list[Correction]:
        return self.active(content_hash(text))

    def compact(self) -> int:
        """Rewrite the log with only the corrections in force (atomically); returns the count."""
        with self._locked(fcntl.LOCK_EX):
            keep = active_corrections(self._read_unlocked())
            tmp = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
            with open(tmp, "w", encoding="utf-8") as fh:
                fh.writelines(c.to_json() + "\n" for c in keep)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.path)
        return len(keep)

    def _read_unlocked(self) -> list[Correction]:
        out = []
        for line in self.path.read_text(encoding="utf-8", errors="replace").splitlines():
            try:
                out.append(Correction.from_json(line))
            except (ValueError, TypeError):
                continue
        return out


def active_corrections(
    entries: Iterable[Correction], article: str | None = None
) -> list[Correction]:
    """Apply undos: the entries still in force, oldest first."""
    entries = list(entries)
    undone = {c.target for c in entries if c.action == "undo"}
    return [
        c
        for c in entries
        if c.action != "undo" and c.id not in undone and (article is None or c.article == article)
    ]


# --- applying corrections to a parse --------------------------------------------------------


def apply_corrections(
    result: ParseResult,
    corrections: Iterable[Correction],
    *,
    gazetteer: Any = None,
) -> ParseResult:
    """The parse with the reader's corrections applied; places and excerpts rebuilt.

    Only corrections whose article hash matches ``result.text`` and whose mention text is found
    at its offsets are used; later corrections of the same mention win. ``gazetteer`` (optional)
    supplies full geometries for chosen or added places; otherwise a chosen alternative's own
    record, or the snapshot in the correction, is used.
    """
    digest = content_hash(result.text)
    relevant = [
        c
        for c in active_corrections(corrections, digest)
        if c.action != "undo" and 0 <= c.start < c.end and result.text[c.start : c.end] == c.text
    ]
    if not relevant:
        return result
    latest: dict[tuple[int, int, str], Correction] = {}
    for c in relevant:
        latest[(c.start, c.end, c.text)] = c

    resolutions: list[Resolution] = []
    seen: set[tuple[int, int, str]] = set()
    applied = 0
    for res in result.resolutions:
        m = res.mention
        key = (m.start, m.end, m.text)
        seen.add(key)
        hit = latest.get(key)
        if hit is None:
            resolutions.append(res)
            continue
        applied += 1
        if hit.action == "not_place":
            continue
        place = _place_for(hit, res.alternatives, gazetteer)
        if place is None:
            resolutions.append(res)
            continue
        alternatives = tuple(a for a in res.alternatives if a.place.id != place.id)
        if res.place is not None and res.place.id != place.id:
            alternatives = (Candidate(res.place, res.confidence), *alternatives)
        resolutions.append(replace(res, place=place, confidence=1.0, alternatives=alternatives))
    covered = [(r.mention.start, r.mention.end) for r in resolutions if r.placed]
    for key, c in latest.items():
        if key in seen or c.action != "add":
            continue
        if any(s < c.end and c.start < e for s, e in covered):
            continue  # overlaps a placed mention: a "choose" is the right correction
        # An unplaced mention overlapping the added name gives way to it.
        resolutions = [
            r
            for r in resolutions
            if r.placed or not (r.mention.start < c.end and c.start < r.mention.end)
        ]
        place = _place_for(c, (), gazetteer)
        if place is None:
            continue
        applied += 1
        mention = Mention(c.start, c.end, c.text, CORRECTION_SOURCE)
        resolutions.append(Resolution(mention, place, 1.0))
    resolutions.sort(key=lambda r: (r.mention.start, r.mention.end))

    places = group_places(resolutions)
    excerpts = _rebuild_excerpts(result, resolutions)
    ids = {p.place.id for p in places}
    focus = tuple(f for f in result.focus if f in ids)
    meta = dict(result.meta)
    meta["corrections_applied"] = applied
    return replace(
        result,
        resolutions=tuple(resolutions),
        places=places,
        excerpts=tuple(excerpts),
        focus=focus,
        meta=meta,
    )


def _place_for(c: Correction, alternatives: Sequence[Candidate], gazetteer: Any) -> Place | None:
    if c.place is None:
        return None
    if gazetteer is not None:
        try:
            found = gazetteer.get(c.place.id)
        except GazetteerError:  # a broken gazetteer must not lose the correction: use the snapshot
            found = None
        if isinstance(found, Place):
            return found
    for alt in alternatives:
        if alt.place.id == c.place.id:
            return alt.place
    return c.place.to_place()


def _rebuild_excerpts(result: ParseResult, resolutions: Sequence[Resolution]) -> list[Excerpt]:
    by_key: Mapping[tuple[int, int, str], Excerpt] = {
        (e.mention.start, e.mention.end, e.mention.text): e for e in result.excerpts
    }
    out: list[Excerpt] = []
    for r in resolutions:
        m = r.mention
        found = by_key.get((m.start, m.end, m.text))
        out.append(found if found is not None else excerpt(result.text, m))
    return out
