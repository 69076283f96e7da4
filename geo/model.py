"""The geoparser's records, in the order data flows through them.

article text -> :class:`Mention` -> :class:`Candidate` -> :class:`Resolution`
-> :class:`ArticlePlace` (a place with all its mentions) -> :class:`ParseResult`.

Offsets are character offsets into the article body (Python ``str`` indices).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from gazetteer.model import Kind, Place

#: The map layer each kind of place is drawn on (the dashboard's layer toggles).
LAYER_OF_KIND: Mapping[Kind, str] = {
    Kind.SETTLEMENT: "settlements",
    Kind.PHYSICAL: "physical",
    Kind.FACILITY: "settlements",
    Kind.ADMIN1: "districts",
    Kind.ADMIN2: "districts",
    Kind.DISTRICT: "districts",
    Kind.REGION: "districts",
    Kind.CORRIDOR: "corridors",
    Kind.COUNTRY: "countries",
    Kind.CONTINENT: "countries",
}


#: The ``source`` of a mention given by the caller (resolution only), not recognised.
GIVEN = "given"


@dataclass(frozen=True, slots=True)
class Mention:
    """A span of the text that names a place.

    ``source`` says what found it (``ner:GPE``, ``ner:LOC``, ``ner:FAC``, ``gazetteer``,
    ``pattern``, or ``given`` by the caller); ``cue`` is a kind word next to it that constrains
    resolution (``district``, ``corridor``, ``region``, ``river``, ...), or None.
    """

    start: int
    end: int
    text: str
    source: str
    cue: str | None = None
    #: the base form to look up when the text is inflected ("Степанакерт" for "Степанакерте",
    #: "Xankəndi" for "Xankəndidə"); None when the text is the name as it is
    lemma: str | None = None

    @property
    def name(self) -> str:
        """The name to look up: the base form, else the text as written."""
        return self.lemma or self.text


@dataclass(frozen=True, slots=True)
class Candidate:
    """A gazetteer place that a mention might mean, with its score and what made it."""

    place: Place
    score: float
    features: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True)
class Resolution:
    """A mention and the place chosen for it (None: no good candidate, left unplaced)."""

    mention: Mention
    place: Place | None
    confidence: float
    alternatives: tuple[Candidate, ...] = ()
    metonymic: bool = False

    @property
    def placed(self) -> bool:
        return self.place is not None


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A mention in context: the sentence and paragraph around it, as offsets into the text."""

    mention: Mention
    sentence_start: int
    sentence_end: int
    paragraph_start: int
    paragraph_end: int


@dataclass(frozen=True, slots=True)
class ArticlePlace:
    """One resolved place of an article with every resolution that points at it."""

    place: Place
    resolutions: tuple[Resolution, ...]

    @property
    def count(self) -> int:
        return len(self.resolutions)

    @property
    def confidence(self) -> float:
        return max(r.confidence for r in self.resolutions)


@dataclass(frozen=True, slots=True)
class ParseResult:
    """Everything the geoparser found in one text.

    ``meta`` names the spaCy pipeline and gazetteer build used, the detected language and any
    warnings (non-English text, HTML reduced to text, truncation).
    """

    text: str
    resolutions: tuple[Resolution, ...]
    places: tuple[ArticlePlace, ...]
    excerpts: tuple[Excerpt, ...]
    focus: tuple[str, ...] = ()
    meta: Mapping[str, object] = field(default_factory=dict)


def group_places(resolutions: Iterable[Resolution]) -> tuple[ArticlePlace, ...]:
    """The placed resolutions grouped by place, in order of each place's first mention.

    >>> from gazetteer.model import Kind, Place
    >>> baku = Place("g:1", "Baku", Kind.SETTLEMENT, "AZ", (), 40.4, 49.9)
    >>> rs = [Resolution(Mention(i, i + 4, "Baku", "ner:GPE"), baku, 0.9) for i in (0, 9)]
    >>> [(p.place.name, p.count) for p in group_places(rs)]
    [('Baku', 2)]
    """
    by_id: dict[str, list[Resolution]] = {}
    first: dict[str, Place] = {}
    for r in resolutions:
        if r.place is None:
            continue
        by_id.setdefault(r.place.id, []).append(r)
        first.setdefault(r.place.id, r.place)
    return tuple(ArticlePlace(first[pid], tuple(rs)) for pid, rs in by_id.items())
