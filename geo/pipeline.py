"""The geoparser end to end: :class:`Geoparser` and ``parse(text) -> ParseResult``.

clean (HTML, NUL) -> language check -> paragraph chunks -> spaCy NER -> recognition (NER,
patterns, gazetteer matcher) -> candidates -> resolution (prominence, context, cues) ->
metonymy -> places -> excerpts -> focus.

A :class:`Geoparser` binds a spaCy pipeline, a gazetteer and a :class:`GeoparserConfig`; it
never changes the pipeline it is given. :func:`parse` and :func:`parse_many` use one cached
geoparser per configuration, on the process-wide pipeline and gazetteer.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from geo import nlp as nlp_mod
from geo import textin
from geo.candidates import CandidateSource, GazetteerLike
from geo.config import GeoparserConfig
from geo.errors import ModelError
from geo.excerpts import excerpts
from geo.focus import focus
from geo.languages.recognize import SUPPORTED, LanguageRecognizer
from geo.metonymy import could_be_government, is_metonymic
from geo.model import GIVEN, Mention, ParseResult, Resolution, group_places
from geo.recognize import Lexicon, Recognizer, common
from geo.resolve import resolve


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
    #: (start, end, lang) of the paragraphs in other languages than English: they go to the
    #: language recogniser, not to the English spaCy model
    other: tuple[tuple[int, int, str], ...] = ()


# Letters that only Cyrillic, Armenian or Azerbaijani write: a short text with one is read
# paragraph by paragraph even when too short for the English check.
_NON_ENGLISH = re.compile(r"[\u0400-\u04ff\u0531-\u058fəƏğĞıİşŞ]")


def _russian_ner(text: str) -> list[tuple[int, int, str]]:
    from geo.languages import russian

    return [(s.start, s.end, s.label) for s in russian.load().entities(text)]


class Geoparser:
    """A spaCy pipeline with an ``ner``, a gazetteer and the settings, bound together.

    >>> import spacy
    >>> Geoparser(spacy.blank("en"), gazetteer=object())
    Traceback (most recent call last):
    ...
    geo.errors.ModelError: the spaCy pipeline has no 'ner' component; the geoparser needs one
    """

    def __init__(
        self,
        nlp: Language | None = None,
        *,
        gazetteer: Any = None,
        config: GeoparserConfig | None = None,
    ) -> None:
        nlp = nlp if nlp is not None else nlp_mod.shared()
        if "ner" not in nlp.pipe_names:
            raise ModelError("the spaCy pipeline has no 'ner' component; the geoparser needs one")
        self.nlp = nlp
        self.gazetteer: GazetteerLike = gazetteer if gazetteer is not None else default_gazetteer()
        self.config = config or GeoparserConfig()
        cfg = self.config
        self.source = CandidateSource(
            self.gazetteer,
            curve=cfg.prominence,
            fuzzy_min_score=cfg.resolution.fuzzy_min_score,
            fuzzy_min_length=cfg.resolution.fuzzy_min_length,
        )
        zipf = cfg.recognition.common_word_zipf
        lexicon = Lexicon(
            self.source.prominence,
            self.source.is_settlement,
            lambda w: bool(self.source.demonym_places(w)),
            lambda w: common(w, zipf),
        )
        self.recognizer = Recognizer(lexicon, cfg.recognition, demonyms=cfg.demonyms)
        self.languages = LanguageRecognizer(
            self.source.places,
            self.source.place_prominence,  # type: ignore[arg-type]
            cfg.languages,
            russian_ner=_russian_ner,
            strict=self.source.prominence,
        )
        self.meta = {
            "spacy_pipeline": nlp_mod.describe(nlp),
            "gazetteer": _gazetteer_id(self.gazetteer),
        }

    # -- one text --------------------------------------------------------------------------

    def prepare(self, text: str) -> _Prepared:
        meta: dict[str, Any] = dict(self.meta)
        if not isinstance(text, str):
            raise TypeError(f"parse() needs a str, got {type(text).__name__}")
        cleaned = textin.clean(text)
        lang = textin.language(cleaned.text)
        warnings = list(cleaned.warnings)
        limit = self.config.limits.chunk_chars
        # The model reads headlines and datelines in title case; offsets stay the text's.
        model_text = textin.unshout(cleaned.text)
        other: tuple[tuple[int, int, str], ...] = ()
        paragraphs: list[tuple[int, int, str]] = []
        if not _NON_ENGLISH.search(cleaned.text) and lang != "non-en":
            # English (and short Latin text) takes the English path exactly as before.
            chunks = tuple(textin.chunks(model_text, limit)) if cleaned.text.strip() else ()
        else:
            from geo.languages import detect

            paragraphs = detect.paragraphs(cleaned.text)
            if lang != "en" or any(
                la not in ("en", detect.UNDETERMINED) for _, _, la in paragraphs
            ):
                lang = detect.detect(cleaned.text)
            english = [(s, e) for s, e, la in paragraphs if la in ("en", detect.UNDETERMINED)]
            other = tuple(p for p in paragraphs if p[2] not in ("en", detect.UNDETERMINED))
            if other:
                chunks = tuple(
                    (s + off, piece)
                    for s, e in english
                    for off, piece in textin.chunks(model_text[s:e], limit)
                )
            else:  # English after all (a stray foreign letter): the English path as before
                chunks = tuple(textin.chunks(model_text, limit))
                paragraphs = []
            unsupported = sorted({la for _, _, la in other} - SUPPORTED)
            if unsupported:
                warnings.append(
                    f"language {', '.join(unsupported)} is not supported; "
                    "names in any script tried best-effort"
                )
        if len(chunks) > 1:
            warnings.append(f"long text parsed in {len(chunks)} paragraph chunks")
        if paragraphs:
            meta["paragraph_languages"] = [list(p) for p in paragraphs]
        meta.update(
            language=lang,
            html=cleaned.html,
            warnings=warnings,
            offsets="offsets refer to the extracted text"
            if cleaned.html
            else "offsets refer to the text as given",
            chars=len(cleaned.text),
        )
        return _Prepared(cleaned.text, chunks, meta, other)

    def finish(self, prep: _Prepared, docs: Iterable[tuple[int, Doc]]) -> ParseResult:
        """The result of a prepared text from its chunks' docs (``(offset, doc)`` pairs)."""
        text = prep.text
        mentions: list[Mention] = []
        for offset, doc in docs:
            for m in self.recognizer.mentions(doc, offset):
                # As written: the model may have read a headline in title case.
                original = text[m.start : m.end]
                mentions.append(m if m.text == original else replace(m, text=original))
        if prep.other:
            mentions.extend(self.languages.mentions_many(text, prep.other))
            mentions.sort(key=lambda m: (m.start, m.end))
        return self.result(text, mentions, prep.meta)

    def result(
        self, text: str, mentions: list[Mention], meta: dict[str, Any] | None = None
    ) -> ParseResult:
        """Resolve given mentions of a text and build the result (no recognition)."""
        cfg = self.config
        resolved = resolve(text, mentions, self.source, cfg.resolution, cfg.context)
        resolutions = [_with_metonymy(text, r) for r in resolved]
        places = group_places(resolutions)
        return ParseResult(
            text=text,
            resolutions=tuple(resolutions),
            places=places,
            excerpts=tuple(excerpts(text, mentions)),
            focus=focus(places, len(text), cfg.limits.max_focus, cfg.limits.focus_share),
            meta=dict(self.meta) if meta is None else meta,
        )

    def resolve_spans(self, text: str, spans: Iterable[tuple[int, int]]) -> ParseResult:
        """Resolution only: place exactly the given ``(start, end)`` spans of ``text``, with no
        recognition (the setting in which resolvers are compared). Every span gets one
        resolution, unplaced when no candidate is good enough.

        Raises :class:`ValueError` for a span outside the text or empty.
        """
        if not isinstance(text, str):
            raise TypeError(f"resolve_spans() needs a str, got {type(text).__name__}")
        mentions = []
        for start, end in spans:
            if not (0 <= start < end <= len(text)):
                raise ValueError(f"span {start}-{end} is not inside the text ({len(text)} chars)")
            mentions.append(Mention(start, end, text[start:end], GIVEN))
        mentions.sort(key=lambda m: (m.start, m.end))
        return self.result(text, mentions, {**self.meta, "mode": "resolution only"})

    def parse(self, text: str) -> ParseResult:
        """Find, resolve and locate the places of one text."""
        prep = self.prepare(text)
        # A long text's chunks go through the model in two processes.
        parallel = len(prep.chunks) >= self.config.limits.parallel_min_chunks and idle_core()
        stream = self.nlp.pipe(
            (c for _, c in prep.chunks), batch_size=4, n_process=2 if parallel else 1
        )
        docs = ((off, doc) for (off, _), doc in zip(prep.chunks, stream, strict=True))
        return self.finish(prep, docs)

    # -- many texts ------------------------------------------------------------------------

    def parse_many(
        self, texts: Iterable[str], *, batch_size: int | None = None, n_process: int | None = None
    ) -> Iterator[ParseResult]:
        """Parse texts in order; the model runs batched (two processes for big batches)."""
        items = list(texts)
        preps = [self.prepare(t) for t in items]
        limits = self.config.limits
        if n_process is None:
            n_process = 2 if len(items) >= limits.parallel_min_texts and idle_core() else 1
        flat = [(k, off, chunk) for k, p in enumerate(preps) for off, chunk in p.chunks]
        stream = self.nlp.pipe(
            (c for _, _, c in flat),
            batch_size=batch_size or limits.batch_size,
            n_process=n_process,
        )
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
    info = getattr(gazetteer, "info", None)
    if info is None:  # a stand-in gazetteer without info() still parses
        return type(gazetteer).__name__
    data = info()
    for key in ("build_id", "build", "id"):
        if data.get(key):
            return str(data[key])
    return str(data.get("build_date", "unknown build"))


def _with_metonymy(text: str, r: Resolution) -> Resolution:
    if could_be_government(r.place) and is_metonymic(text, r.mention.start, r.mention.end):
        return replace(r, metonymic=True)
    return r


_LOCK = threading.Lock()
_GAZETTEER: list[Any] = []
_PARSERS: dict[tuple[int, int, GeoparserConfig], Geoparser] = {}


def default_gazetteer() -> Any:
    """The process-wide gazetteer (opened once)."""
    import gazetteer

    with _LOCK:
        if not _GAZETTEER:
            _GAZETTEER.append(gazetteer.open())
        return _GAZETTEER[0]


def geoparser(
    config: GeoparserConfig | None = None, *, gazetteer: Any = None, nlp: Language | None = None
) -> Geoparser:
    """The cached geoparser for these settings, gazetteer and pipeline (the defaults when None)."""
    cfg = config or GeoparserConfig()
    g = gazetteer if gazetteer is not None else default_gazetteer()
    n = nlp if nlp is not None else nlp_mod.shared()
    key = (id(g), id(n), cfg)
    with _LOCK:
        p = _PARSERS.get(key)
    if p is None:
        p = Geoparser(n, gazetteer=g, config=cfg)
        with _LOCK:
            p = _PARSERS.setdefault(key, p)
    return p


def parse(
    text: str,
    *,
    config: GeoparserConfig | None = None,
    gazetteer: Any = None,
    nlp: Language | None = None,
) -> ParseResult:
    """Find, resolve and locate the places of one text.

    Empty text gives an empty result; HTML is reduced to its text first (offsets then refer to
    the extracted text, see ``meta``); non-English text is parsed best-effort and flagged.
    """
    return geoparser(config, gazetteer=gazetteer, nlp=nlp).parse(text)


def parse_many(
    texts: Iterable[str],
    *,
    config: GeoparserConfig | None = None,
    gazetteer: Any = None,
    nlp: Language | None = None,
    batch_size: int | None = None,
    n_process: int | None = None,
) -> Iterator[ParseResult]:
    """:func:`parse` over many texts, batched through the model."""
    return geoparser(config, gazetteer=gazetteer, nlp=nlp).parse_many(
        texts, batch_size=batch_size, n_process=n_process
    )
