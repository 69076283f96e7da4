"""Resolution: each mention's candidates ranked, the best chosen or none.

Scoring, per candidate (the features are kept on each :class:`geo.model.Candidate`):

- ``prominence``: kind, capital/seat feature code and population (the gazetteer's
  :class:`~gazetteer.prominence.ProminenceCurve`);
- ``name``: the place's own name equals the mention (not only an alternate name);
- ``rank``: the gazetteer's own order;
- ``cue``: the kind fits the cue word next to the mention ("district", "corridor", "County");
- ``parent``: "X, Y" -- the place lies in one of Y's areas (a country or admin area);
- ``holds``: "X, Y" -- the area of Y holds one of X's places ("Athens, Georgia": the state);
- ``country`` / ``admin``: the document names the place's country / an admin area above it;
- ``near``: the document's other places lie close by;
- ``broad``: a country, continent or populous state named by its own name (what a bare name
  usually means), unless a country or capital of the same name overshadows it;
- ``vague``: a second-level area for which the sources give no point of its own.

The weights and every other constant are :class:`geo.config.Resolution` settings.

Two passes: the first ranks on prominence, name and cue to build the document's
:class:`Context`; the second adds the context features. One sense per name per article: all
mentions of a name (with the same cue) share the choice.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from gazetteer.model import Kind, Place
from gazetteer.normalize import name_key
from geo.candidates import CUE_KINDS, CandidateSource, expand, strip_cue
from geo.config import Context as ContextSettings
from geo.config import Resolution as Settings
from geo.context import Context
from geo.model import GIVEN, Candidate, Mention, Resolution
from geo.ranker import load_model

_PREFERRED = {"district": Kind.DISTRICT, "county": Kind.ADMIN2, "region": Kind.REGION}
_BROAD = (Kind.COUNTRY, Kind.CONTINENT, Kind.ADMIN1)
_ADMIN_KINDS = (Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2, Kind.REGION, Kind.DISTRICT)
#: Kinds and feature codes as small integers, the learned ranker's categorical inputs.
_KIND_CODE = {k: i + 1 for i, k in enumerate(Kind)}
_SEAT_CODE = {"PPLC": 1, "PPLA": 2, "PPLA2": 3, "PPLA3": 4, "PPLA4": 4, "PPLG": 2, "PPL": 5}
#: Kinds and feature codes of the names the whole world shares: countries, continents, oceans
#: and seas. A town named after one ("Jordan, Minnesota", "Atlantic, Iowa") is rarely meant.
_WORLD_KINDS = (Kind.COUNTRY, Kind.CONTINENT)
_WORLD_FEATURES = frozenset({"OCN", "SEA"})
#: Features the learned ranker reads besides those of :func:`_features`: the document context
#: of the second pass, and the hand-set ranking's own verdict.
CONTEXT_FEATURES = ("country", "admin", "near", "parent", "holds", "paired")


def _features(
    place: Place,
    mention_text: str,
    cue: str | None,
    rank: int,
    namesakes: Sequence[Place],
    source: CandidateSource,
    settings: Settings,
) -> dict[str, float]:
    f: dict[str, float] = {"prominence": source.place_prominence(place)}
    f["name"] = (
        1.0
        if name_key(place.name) == name_key(expand(strip_cue(mention_text)[0]))
        or (name_key(place.name) == name_key(expand(mention_text)))
        else 0.0
    )
    f["rank"] = 1.0 / (1 + rank)
    # A country or first-level area named by its own name is what a bare name usually means.
    f["broad"] = _broad(place, namesakes, settings) if f["name"] else 0.0
    # A second-level area the sources give no point of sits at its province's centre: a
    # namesake town ("Calgary") is the likelier and far better placed reading.
    if place.approximate and place.kind == Kind.ADMIN2:
        f["vague"] = 1.0
    if cue is not None:
        kinds = CUE_KINDS.get(cue)
        if kinds is not None:
            f["cue"] = (
                (1.0 if place.kind == _PREFERRED.get(cue) else 0.8) if place.kind in kinds else -0.5
            )
    # The learned ranker's extra inputs (no hand-set weight): population on a log scale and
    # against the namesakes', the kind and seat -- a tree
    # can learn that a big town beats a small state, which a linear weight cannot say.
    top = max((p.population for p in namesakes), default=0)
    f["logpop"] = round(math.log10(place.population + 1) / 8.0, 6)
    f["pop_share"] = round(place.population / top, 6) if top else 0.0
    f["pop_top"] = 1.0 if top and place.population == top else 0.0
    f["kind"] = float(_KIND_CODE.get(place.kind, 0))
    f["seat"] = float(_SEAT_CODE.get(place.feature, 0))
    f["world"] = 1.0 if place.kind in _WORLD_KINDS or place.feature in _WORLD_FEATURES else 0.0
    f["approximate"] = 1.0 if place.approximate else 0.0
    return f


def _shortlist(places: Sequence[Place], limit: int) -> list[Place]:
    """The gazetteer's first ``limit`` places, and every country, continent or first-level
    area of the name besides: a state is ranked by population among towns ("Victoria"), yet a
    bare name of a state is what the reader usually means."""
    head = list(places[:limit])
    head.extend(p for p in places[limit:] if p.kind in _BROAD)
    return head


def _overshadowed(area: Place, places: Sequence[Place], share: float) -> bool:
    """Whether a better-known namesake comes first for the area's bare name: a country
    ("Mexico", "Niger") or a capital city of a good part of its population ("Tehran" the city
    before the province, "Gaza" before Mozambique's province; not Quebec City before Quebec)."""
    key = name_key(area.name)
    return any(
        name_key(p.name) == key
        and (
            p.kind == Kind.COUNTRY
            or (
                p.kind == Kind.SETTLEMENT
                and p.feature in ("PPLC", "PPLA")
                and p.population >= share * area.population
            )
        )
        for p in places
    )


def _broad(place: Place, namesakes: Sequence[Place], settings: Settings) -> float:
    """How strongly a bare name suggests this country or large area over its namesakes.

    A populous state or province ("California", 39 million) is a surer reading of its bare
    name than a small one, unless a better-known namesake is among ``namesakes``
    (:func:`_overshadowed`).

    >>> from gazetteer.model import Place
    >>> big = Place("g:1", "California", Kind.ADMIN1, "US", (), 37.2, -119.3, population=39_000_000)
    >>> small = Place("g:2", "Tombali", Kind.ADMIN1, "GW", (), 11.3, -15.0, population=90_000)
    >>> _broad(big, (), Settings()), _broad(small, (), Settings())
    (1.0, 0.3)
    """
    if place.kind in (Kind.COUNTRY, Kind.CONTINENT):
        return 1.0
    if place.kind == Kind.ADMIN1:
        if _overshadowed(place, namesakes, settings.overshadow_share):
            return 0.3
        size = (
            math.log10(max(place.population, 1)) - settings.broad_population_floor
        ) / settings.broad_population_span
        return round(0.3 + 0.7 * min(1.0, max(0.0, size)), 3)
    return 0.0


def _score(f: dict[str, float], weights: Mapping[str, float]) -> float:
    return sum(weights.get(k, 0.0) * v for k, v in f.items())


def _parent_of(mentions: Sequence[Mention], text: str) -> dict[int, int]:
    """``X, Y`` pairs: mention index of X -> mention index of Y (Y directly after ", ")."""
    out: dict[int, int] = {}
    for i in range(len(mentions) - 1):
        a, b = mentions[i], mentions[i + 1]
        if text[a.end : b.start] in (", ", ","):
            out[i] = i + 1
    return out


def _in(place: Place, parent: Place) -> bool:
    """Whether ``place`` lies in ``parent`` (by country code or admin path)."""
    if parent.kind == Kind.COUNTRY:
        return place.country is not None and place.country == parent.country
    if parent.kind == Kind.CONTINENT:
        return True
    pk = name_key(parent.name)
    return parent.country == place.country and any(name_key(a) == pk for a in place.admin)


@dataclass(frozen=True, slots=True)
class Ranked:
    """One name group's candidates after the second pass, best first by the hand-set weights
    (with :func:`_world_name_first` applied), each with every feature the rankers read."""

    key: tuple[str, str | None]
    mentions: tuple[int, ...]  # indices into the mention list
    candidates: tuple[Candidate, ...]


def rank(
    text: str,
    mentions: Sequence[Mention],
    source: CandidateSource,
    settings: Settings | None = None,
    context: ContextSettings | None = None,
) -> list[Ranked]:
    """Every name group's candidates with all their features, ranked by the hand-set weights.

    The two passes: the first ranks on the features of :func:`_features` alone to build the
    document's :class:`Context`; the second adds the context features. The learned ranker
    (:func:`resolve`) re-ranks these candidates; training (:mod:`geo.train`) reads them.
    """
    settings = settings or Settings()
    w = settings.weights

    def score(f: dict[str, float]) -> float:
        return _score(f, w)

    groups: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        cue = "demonym" if m.source == "ner:NORP" else m.cue
        groups[(name_key(expand(m.name)), cue)].append(i)
    cands: dict[tuple[str, str | None], list[tuple[Place, dict[str, float]]]] = {}
    for gk, idx in groups.items():
        m = mentions[idx[0]]
        demonym = m.source == "ner:NORP"
        places = source.demonym_places(m.name) if demonym else source.places(m.name)
        if not places and m.source != "ner:NORP":
            places = source.fuzzy_places(m.name)
        if not places and m.source == GIVEN:
            # A given span may be an adjective of its place ("Syrian" annotated as Syria).
            places = source.demonym_places(m.name)
        shortlist = _shortlist(places, settings.max_candidates)
        cands[gk] = [
            (p, _features(p, m.name, m.cue, r, shortlist, source, settings))
            for r, p in enumerate(shortlist)
        ]

    # Pass 1: the context from each group's provisional best.
    ctx = Context(context or ContextSettings())
    first: dict[tuple[str, str | None], Place] = {}
    for gk, cs in cands.items():
        if not cs:
            continue
        scored = sorted(cs, key=lambda c: score(c[1]), reverse=True)
        best = scored[0]
        margin = score(best[1]) - (score(scored[1][1]) if len(scored) > 1 else 0.0)
        confidence = settings.context_base + settings.context_per_margin * margin
        weight = min(1.0, confidence) * (0.5 + 0.5 * best[1]["prominence"])
        first[gk] = best[0]
        ctx.add(best[0], weight * min(1.0, 0.6 + 0.2 * len(groups[gk])), gk)

    # "X, Y": X's senses that lie in one of Y's areas, and Y's areas that hold one of X's
    # senses -- "Athens, Georgia" settles both names at once.
    inside: dict[tuple[str, str | None], set[str]] = defaultdict(set)  # group -> place ids
    holds: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    paired: set[tuple[str, str | None]] = set()
    for i, j in _parent_of(mentions, text).items():
        gi = (name_key(expand(mentions[i].name)), mentions[i].cue)
        gj = (name_key(expand(mentions[j].name)), mentions[j].cue)
        pi = first.get(gi)
        # "in Kenya, EU diplomats said": a country before the comma ends a clause or a list;
        # it is not a smaller place inside the next one.
        if gi == gj or pi is None or pi.kind in (Kind.COUNTRY, Kind.CONTINENT):
            continue
        areas = [y for y, _ in cands.get(gj, []) if y.kind in _ADMIN_KINDS]
        if not areas:
            continue
        paired.add(gi)
        for x, _ in cands[gi]:
            for y in areas:
                if x.id != y.id and _in(x, y):
                    inside[gi].add(x.id)
                    holds[gj].add(y.id)

    # Pass 2: context features, ranked per group.
    out: list[Ranked] = []
    for gk, idx in groups.items():
        ranked: list[Candidate] = []
        for p, f in cands[gk]:
            g = dict(f)
            g["country"] = ctx.country_weight(p.country, gk)
            g["admin"] = 1.0 if ctx.admin_match(p, gk) else 0.0
            g["near"] = round(ctx.closeness(p, gk), 6)
            if gk in paired:
                g["parent"] = 1.0 if p.id in inside[gk] else -0.3
            if p.id in holds.get(gk, ()):
                g["holds"] = 1.0
            ranked.append(Candidate(p, round(score(g), 4), tuple(sorted(g.items()))))
        ranked.sort(key=lambda c: c.score, reverse=True)
        if settings.world_names_first and gk not in paired:
            ranked = _world_name_first(ranked)
        out.append(Ranked(gk, tuple(idx), tuple(ranked)))
    return out


def learned_features(group: Ranked) -> list[dict[str, float]]:
    """The learned ranker's inputs for each candidate of a group: every feature of
    :func:`rank`, the hand-set score and whether the hand-set ranking put it first (the
    trees then learn where to depart from the hand-set weights), and the group's size."""
    rows = []
    for k, c in enumerate(group.candidates):
        f = dict(c.features)
        f["handset"] = c.score
        f["handset_first"] = 1.0 if k == 0 else 0.0
        f["handset_gap"] = round(c.score - group.candidates[0].score, 4)
        f["paired"] = 1.0 if "parent" in f else 0.0
        rows.append(f)
    return rows


def resolve(
    text: str,
    mentions: Sequence[Mention],
    source: CandidateSource,
    settings: Settings | None = None,
    context: ContextSettings | None = None,
) -> list[Resolution]:
    """Resolutions for the mentions of one text, in the same order.

    With ``settings.model`` set, the learned ranker (:mod:`geo.ranker`) re-ranks each group's
    candidates by its probability that a candidate lies within 161 km of the meant place, and
    a mention stays unplaced below ``settings.min_probability``; otherwise the hand-set weights
    rank and ``settings.min_score`` decides.
    """
    settings = settings or Settings()
    model = load_model(settings.model) if settings.model else None
    out: list[Resolution | None] = [None] * len(mentions)
    for group in rank(text, mentions, source, settings, context):
        ranked = list(group.candidates)
        place: Place | None = None
        confidence = 0.0
        if model is not None and ranked:
            probs = model.probabilities(learned_features(group))
            ranked = [
                replace(c, score=round(p, 4))
                for c, p in sorted(
                    zip(ranked, probs, strict=True), key=lambda cp: cp[1], reverse=True
                )
            ]
            if ranked[0].score >= settings.min_probability:
                place = ranked[0].place
                confidence = round(ranked[0].score, 3)
        elif ranked and ranked[0].score >= settings.min_score:
            place = ranked[0].place
            confidence = _confidence(ranked, settings)
        alternatives = tuple(ranked[: settings.max_alternatives])
        for i in group.mentions:
            out[i] = Resolution(mentions[i], place, confidence, alternatives)
    return [r for r in out if r is not None]


def _world_name_first(ranked: list[Candidate]) -> list[Candidate]:
    """A country, continent, ocean or sea of the name goes first, ahead of a settlement or
    small area of the same name, unless the text gives local evidence: "X, Y" (the caller skips
    those) or the namesake's state or county named in the text; a state or province of the
    name keeps its rank ("Georgia")."""
    world = next(
        (c for c in ranked if c.place.kind in _WORLD_KINDS or c.place.feature in _WORLD_FEATURES),
        None,
    )
    if world is None or world is ranked[0]:
        return ranked
    if dict(ranked[0].features).get("admin") == 1.0:
        return ranked  # the text names the state or county of the namesake: local evidence
    if any(c.place.kind in (Kind.ADMIN1, Kind.REGION) for c in ranked[: ranked.index(world)]):
        return ranked
    return [world, *(c for c in ranked if c is not world)]


def _confidence(ranked: Sequence[Candidate], settings: Settings) -> float:
    """Softmax share of the best candidate, damped when even the best scores low."""
    top = ranked[0].score
    t = settings.confidence_temperature
    z = sum(math.exp(t * (c.score - top)) for c in ranked)
    share = 1.0 / z
    strength = 1.0 / (1.0 + math.exp(-(top - settings.confidence_midpoint)))
    return round(share * (0.5 + 0.5 * strength), 3)
