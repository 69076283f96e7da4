"""The geoparser end to end: ``parse(text) -> ParseResult``.

clean (HTML, NUL) -> language check -> paragraph chunks -> spaCy NER -> recognition (NER,
patterns, gazetteer matcher) -> candidates -> resolution (prominence, context, cues) ->
metonymy -> places -> excerpts -> focus.

The spaCy pipeline and the gazetteer are loaded once per process; :func:`parse_many` runs the
model over many texts with ``nlp.pipe`` (and two processes for big batches).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from geo import nlp as nlp_mod
from geo import textin
from geo.candidates import CandidateSource
from geo.excerpts import excerpts
from geo.focus import focus
from geo.metonymy import could_be_government, is_metonymic
from geo.model import ArticlePlace, Mention, ParseResult, Resolution
from geo.recognize import Lexicon, Recognizer, Settings
from geo.resolve import resolve

#: Batches at least this large are worth a second process for the model.
PARALLEL_MIN_TEXTS = 64
#: A text cut into at least this many chunks is worth a second process too.
PARALLEL_MIN_CHUNKS = 8


def idle_core() -> bool:
    """Whether a second process would get a core of its own (the machine is not saturated).

    On a machine whose cores are busy, a second spaCy process only adds the cost of shipping
    docs between processes (measured in bench/bench_geoparser.py).
    """
    cores = os.cpu_count() or 1
    if cores < 2:
        return False
    try:
        load = os.getloadavg()[0]
    except OSError:
        return True
    return load <= cores - 1


@dataclass(frozen=True, slots=True)
class _Prepared:
    text: str
    chunks: tuple[tuple[int, str], ...]
    meta: dict[str, Any]


class Engine:
    """A loaded spaCy pipeline, gazetteer and the recogniser bound to both."""

    def __init__(self, nlp: Language, gazetteer: Any, settings: Settings | None = None) -> None:
        self.nlp = nlp
        self.gazetteer = gazetteer
        self.settings = settings or Settings()
        self.source = CandidateSource(gazetteer)
        lexicon = Lexicon(
            self.source.prominence,
            self.source.is_settlement,
            lambda w: bool(self.source.demonym_places(w)),
        )
        self.recognizer = Recognizer(nlp, lexicon, self.settings)
        if (
            "sentencizer" not in nlp.pipe_names
            and "senter" not in nlp.pipe_names
            and "parser" not in nlp.pipe_names
        ):
            nlp.add_pipe("sentencizer")
        self.meta = {"spacy_pipeline": nlp_mod.describe(nlp), "gazetteer": _gazetteer_id(gazetteer)}

    # -- one text --------------------------------------------------------------------------

    def prepare(self, text: str) -> _Prepared:
        meta: dict[str, Any] = dict(self.meta)
        if not isinstance(text, str):
            raise TypeError(f"parse() needs a str, got {type(text).__name__}")
        cleaned = textin.clean(text)
        lang = textin.language(cleaned.text)
        warnings = list(cleaned.warnings)
        if lang == "non-en":
            warnings.append("the text does not read as English; places found best-effort")
        chunks = tuple(textin.chunks(cleaned.text)) if cleaned.text.strip() else ()
        if len(chunks) > 1:
            warnings.append(f"long text parsed in {len(chunks)} paragraph chunks")
        meta.update(
            language=lang,
            html=cleaned.html,
            warnings=warnings,
            offsets="offsets refer to the extracted text"
            if cleaned.html
            else "offsets refer to the text as given",
            chars=len(cleaned.text),
        )
        return _Prepared(cleaned.text, chunks, meta)

    def finish(self, prep: _Prepared, docs: Iterable[tuple[int, Doc]]) -> ParseResult:
        text = prep.text
        mentions: list[Mention] = []
        sentences: list[tuple[int, int]] = []
        for offset, doc in docs:
            mentions.extend(self.recognizer.mentions(doc, offset))
            sentences.extend((s.start_char + offset, s.end_char + offset) for s in doc.sents)
        resolutions = [_with_metonymy(text, r) for r in resolve(text, mentions, self.source)]
        places = _places(resolutions)
        result = ParseResult(
            text=text,
            resolutions=tuple(resolutions),
            places=places,
            excerpts=tuple(excerpts(text, mentions, sentences)),
            focus=focus(places, len(text)),
            meta=prep.meta,
        )
        return result

    def parse(self, text: str) -> ParseResult:
        prep = self.prepare(text)
        # A long text's chunks go through the model in two processes.
        n_process = 2 if len(prep.chunks) >= PARALLEL_MIN_CHUNKS and idle_core() else 1
        stream = self.nlp.pipe((c for _, c in prep.chunks), batch_size=4, n_process=n_process)
        docs = ((off, doc) for (off, _), doc in zip(prep.chunks, stream, strict=True))
        return self.finish(prep, docs)

    # -- many texts ------------------------------------------------------------------------

    def parse_many(
        self, texts: Iterable[str], *, batch_size: int = 32, n_process: int | None = None
    ) -> Iterator[ParseResult]:
        """Parse texts in order; the model runs batched (two processes for big batches)."""
        items = list(texts)
        preps = [self.prepare(t) for t in items]
        if n_process is None:
            n_process = 2 if len(items) >= PARALLEL_MIN_TEXTS and idle_core() else 1
        flat = [(k, off, chunk) for k, p in enumerate(preps) for off, chunk in p.chunks]
        stream = self.nlp.pipe((c for _, _, c in flat), batch_size=batch_size, n_process=n_process)
        pending: list[tuple[int, Doc]] = []
        cur = 0
        for (k, off, _), doc in zip(flat, stream, strict=True):
            while cur < k:
                yield self.finish(preps[cur], pending)
                pending = []
                cur += 1
            pending.append((off, doc))
        while cur < len(preps):
            yield self.finish(preps[cur], pending)
            pending = []
            cur += 1


def _gazetteer_id(gazetteer: Any) -> str:
    try:
        info = gazetteer.info()
    except Exception:  # a gazetteer without info() still parses
        return type(gazetteer).__name__
    for key in ("build_id", "build", "id"):
        if info.get(key):
            return str(info[key])
    return str(info.get("build_date", "unknown build"))


def _with_metonymy(text: str, r: Resolution) -> Resolution:
    if could_be_government(r.place) and is_metonymic(text, r.mention.start, r.mention.end):
        return replace(r, metonymic=True)
    return r


def _places(resolutions: Iterable[Resolution]) -> tuple[ArticlePlace, ...]:
    by_id: dict[str, list[Resolution]] = {}
    order: list[str] = []
    first: dict[str, Any] = {}
    for r in resolutions:
        if r.place is None:
            continue
        if r.place.id not in by_id:
            by_id[r.place.id] = []
            order.append(r.place.id)
            first[r.place.id] = r.place
        by_id[r.place.id].append(r)
    return tuple(ArticlePlace(first[pid], tuple(by_id[pid])) for pid in order)


_ENGINES: dict[tuple[int, int, bool], Engine] = {}
_LOCK = threading.Lock()


def default_gazetteer() -> Any:
    """The process-wide gazetteer (opened once)."""
    import gazetteer

    with _LOCK:
        g = _DEFAULTS.get("gazetteer")
        if g is None:
            g = _DEFAULTS["gazetteer"] = gazetteer.open()
        return g


_DEFAULTS: dict[str, Any] = {}


def engine(*, gazetteer: Any = None, nlp: Language | None = None, demonyms: bool = False) -> Engine:
    """The cached engine for this gazetteer and pipeline (the defaults when None).

    ``demonyms``: also report demonyms and country adjectives ("Syrian") as mentions of their
    country, for corpora annotated that way; the reader's own convention leaves them out.
    """
    g = gazetteer if gazetteer is not None else default_gazetteer()
    n = nlp if nlp is not None else nlp_mod.shared()
    key = (id(g), id(n), demonyms)
    with _LOCK:
        e = _ENGINES.get(key)
        if e is None:
            e = _ENGINES[key] = Engine(n, g, Settings(demonyms=demonyms))
        return e


def parse(text: str, *, gazetteer: Any = None, nlp: Language | None = None) -> ParseResult:
    """Find, resolve and locate the places of one text.

    Empty text gives an empty result; HTML is reduced to its text first (offsets then refer to
    the extracted text, see ``meta``); non-English text is parsed best-effort and flagged.
    """
    return engine(gazetteer=gazetteer, nlp=nlp).parse(text)


def parse_many(
    texts: Iterable[str],
    *,
    gazetteer: Any = None,
    nlp: Language | None = None,
    batch_size: int = 32,
    n_process: int | None = None,
) -> Iterator[ParseResult]:
    """:func:`parse` over many texts, batched through the model."""
    return engine(gazetteer=gazetteer, nlp=nlp).parse_many(
        texts, batch_size=batch_size, n_process=n_process
    )
