"""Every setting of the geoparser in one frozen, documented object: :class:`GeoparserConfig`.

Recognition thresholds, resolution weights, the minimum score, candidate counts, the confidence
constants, the context's distance decay, the prominence curve (defined by the gazetteer, which
ranks its index with it), chunk and parallel limits, and the demonym switch. Nothing tuned
lives in module globals: a caller changes behaviour only through this object.

>>> cfg = GeoparserConfig()
>>> cfg.recognition.untagged, cfg.resolution.min_score
(0.55, 0.9)
>>> GeoparserConfig.from_dict({"demonyms": True, "resolution": {"min_score": 1.2}}).demonyms
True
>>> GeoparserConfig.from_dict({"nonsense": 1})
Traceback (most recent call last):
...
geo.errors.ConfigError: unknown geoparser setting 'nonsense'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, is_dataclass, replace
from types import MappingProxyType
from typing import Any

from gazetteer.prominence import ProminenceCurve
from geo.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Recognition:
    """Thresholds of the gazetteer matcher: the prominence (in [0, 1]) a name needs to count as a
    place, by what the NER model said about it."""

    #: a name the model missed entirely (tagged nothing)
    untagged: float = 0.55
    #: a one-word name the model tagged as a person or organisation
    mislabelled: float = 0.75
    #: a name at the start of a sentence that the model missed
    sentence_initial: float = 0.8
    #: a name inside a longer organisation or facility name ("Ohio Department of Labor")
    inside_name: float = 0.8
    #: a name before a civic institution word ("Springfield Police")
    civic: float = 0.3
    #: a name the model or a pattern found as a place elsewhere in the same text
    known: float = 0.3
    #: a name introduced as a place: "the town of X", "Y, X" after a place and a comma
    introduced: float = 0.35
    #: a name after a preposition of place ("in X", "near X"), however the model tagged it
    after_preposition: float = 0.6
    #: an all-capitals word of up to four letters ("UK", "DRC")
    acronym: float = 0.85
    #: an ordinary English word (dictionary word in lower case, this frequent on the Zipf
    #: scale of general English) is no place when capitalised only by a title or a sentence
    #: start...
    common_word_zipf: float = 4.0
    #: ...unless it names a place this prominent (a country's own name)
    common_word_override: float = 0.95


#: Weights of the hand-set linear ranking (the fallback when no learned model is configured).
DEFAULT_WEIGHTS: Mapping[str, float] = MappingProxyType(
    {
        "prominence": 2.5,
        "name": 0.8,
        "rank": 0.3,
        "cue": 1.5,
        "parent": 2.5,
        "holds": 1.0,
        "country": 1.4,
        "admin": 0.6,
        "near": 1.2,
        "broad": 0.6,
        "vague": -1.5,
    }
)


@dataclass(frozen=True, slots=True)
class Resolution:
    """How candidates are ranked and when a mention is left unplaced.

    ``weights`` are the linear ranking's feature weights (see :mod:`geo.resolve` for what each
    feature means).
    """

    weights: Mapping[str, float] = field(default_factory=lambda: DEFAULT_WEIGHTS, hash=False)
    #: below this score of the best candidate a mention stays unplaced (hand-set weights)
    min_score: float = 0.9
    #: the learned ranker's model file (``python -m geo train``; a name inside ``geo/models``
    #: or a path); None (or "") ranks with the hand-set ``weights`` instead
    model: str | None = None
    #: with the learned ranker, a mention stays unplaced when its best candidate's probability
    #: of lying within 161 km of the meant place is below this
    min_probability: float = 0.03
    #: the gazetteer's first candidates kept per name (countries and states are always kept)
    max_candidates: int = 12
    #: alternatives reported with each resolution
    max_alternatives: int = 5
    #: the softmax temperature of the confidence (score units)
    confidence_temperature: float = 2.0
    #: the best score at which the confidence is damped by half
    confidence_midpoint: float = 2.0
    #: a country or capital overshadows a state of its name when it holds this share of the
    #: state's people ("Mexico" the country, "Tehran" the city, before the province)
    overshadow_share: float = 0.25
    #: a state's bare name counts fully from 10**(floor + span) people, least at 10**floor
    broad_population_floor: float = 5.0
    broad_population_span: float = 2.5
    #: the context's weight on a name's first-pass sense: base + per margin point, capped at 1
    context_base: float = 0.4
    context_per_margin: float = 0.3
    #: a country, continent, ocean or sea named by its own name is chosen over a settlement of
    #: that name unless "X, Y" places it
    world_names_first: bool = True
    #: fuzzy candidates (spellings the gazetteer does not have) need this similarity...
    fuzzy_min_score: float = 0.95
    #: ...which one changed letter reaches only in a name of 20 letters or more (a ratio of
    #: 2 * 19 / 40), so shorter names skip the search: it could not find anything
    fuzzy_min_length: int = 20

    def __post_init__(self) -> None:
        # ``from_dict`` coerces a value by the default's type: JSON null arrives as "None".
        if self.model in ("", "None", "none"):
            object.__setattr__(self, "model", None)


@dataclass(frozen=True, slots=True)
class Context:
    """The document context: how close another place of the text must be to support a
    candidate (full support within ``near_km``, none beyond ``far_km``, log-linear between)."""

    near_km: float = 50.0
    far_km: float = 1000.0


@dataclass(frozen=True, slots=True)
class Limits:
    """Chunking and parallelism."""

    #: texts above this size are parsed in paragraph chunks of at most this many characters
    chunk_chars: int = 100_000
    #: batches of at least this many texts get a second model process (when a core is idle)
    parallel_min_texts: int = 64
    #: a text cut into at least this many chunks gets a second model process too
    parallel_min_chunks: int = 8
    #: texts batched through the model at once
    batch_size: int = 32
    #: the focus: at most this many places, within this share of the best one's score
    max_focus: int = 3
    focus_share: float = 0.5


@dataclass(frozen=True, slots=True)
class LanguageSettings:
    """How the geoparser finds place names in one language other than English (English keeps
    :class:`Recognition` and the spaCy model). Resolution is the same for every language."""

    #: the gazetteer prominence (in [0, 1]) a capitalised run needs to count as a place
    min_prominence: float = 0.3
    #: the same for a run that opens a sentence (capitalised anyway)
    sentence_initial: float = 0.6
    #: a name the NER model tagged as a location (Russian only: slovnet)
    ner_location: float = 0.0
    #: base forms of the cue words, by cue class, appended to a name for the look-up:
    #: "Агдамский" + "район" is a name the gazetteer holds ("Агдамский район")
    cue_names: tuple[tuple[str, tuple[str, ...]], ...] = ()


def _ru() -> LanguageSettings:
    return LanguageSettings(
        cue_names=(
            ("district", ("район",)),
            ("corridor", ("коридор",)),
            ("region", ("область", "край")),
        )
    )


def _az() -> LanguageSettings:
    return LanguageSettings(
        cue_names=(
            ("district", ("rayonu",)),
            ("corridor", ("dəhlizi",)),
            ("region", ("vilayəti", "bölgəsi", "regionu")),
        )
    )


def _hy() -> LanguageSettings:
    return LanguageSettings(
        cue_names=(
            ("district", ("շրջան",)),
            ("corridor", ("միջանցք",)),
            ("region", ("մարզ",)),
        )
    )


@dataclass(frozen=True, slots=True)
class Languages:
    """Per-language recognition settings: Russian, Azerbaijani, Armenian, and ``other`` for
    a language the geoparser has no table for (names in any script are still tried, stricter)."""

    ru: LanguageSettings = field(default_factory=_ru)
    az: LanguageSettings = field(default_factory=_az)
    hy: LanguageSettings = field(default_factory=_hy)
    other: LanguageSettings = field(
        default_factory=lambda: LanguageSettings(min_prominence=0.6, sentence_initial=0.8)
    )

    def of(self, lang: str) -> LanguageSettings:
        """The settings of ``lang`` (ISO 639-1), :attr:`other` when it has none."""
        got = getattr(self, lang, None) if lang in ("ru", "az", "hy") else None
        return got if isinstance(got, LanguageSettings) else self.other


@dataclass(frozen=True, slots=True)
class GeoparserConfig:
    """The geoparser's settings. Frozen: derive variants with :meth:`replace`.

    ``demonyms``: also report demonyms and country adjectives ("Syrian") as mentions of their
    country, for corpora annotated that way; the reader's own convention leaves them out.
    """

    recognition: Recognition = field(default_factory=Recognition)
    resolution: Resolution = field(default_factory=Resolution)
    context: Context = field(default_factory=Context)
    prominence: ProminenceCurve = field(default_factory=ProminenceCurve)
    limits: Limits = field(default_factory=Limits)
    demonyms: bool = False
    languages: Languages = field(default_factory=Languages)

    def replace(self, **changes: Any) -> GeoparserConfig:
        return replace(self, **changes)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any] | None) -> GeoparserConfig:
        """A config from nested plain data (a spaCy ``config={...}``, JSON); unknown keys are an
        error, so a misspelt setting never passes silently."""
        return _build(cls, data or {}, "")

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


def _build(cls: Any, data: Mapping[str, Any], prefix: str) -> Any:
    if not isinstance(data, Mapping):
        raise ConfigError(f"geoparser setting {prefix.rstrip('.') or 'config'!r} must be a mapping")
    known = {f.name: f for f in fields(cls)}
    kwargs: dict[str, Any] = {}
    default = cls()
    for key, value in data.items():
        if key not in known:
            raise ConfigError(f"unknown geoparser setting {prefix + key!r}")
        current = getattr(default, key)
        if is_dataclass(current):
            kwargs[key] = _build(type(current), value, f"{prefix}{key}.")
        elif isinstance(current, Mapping):
            kwargs[key] = MappingProxyType({**current, **dict(value)})
        else:
            kwargs[key] = type(current)(value) if current is not None else value
    return cls(**kwargs)


def _plain(obj: Any) -> Any:
    if is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in fields(obj)}
    if isinstance(obj, Mapping):
        return dict(obj)
    return obj
