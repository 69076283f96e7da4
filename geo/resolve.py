"""Resolution: each mention's candidates ranked, the best chosen or none.

Scoring, per candidate (the features are kept on each :class:`geo.model.Candidate`):

- ``prominence``: kind, capital/seat feature code and population (:func:`candidates.prominence`);
- ``name``: the place's own name equals the mention (not only an alternate name);
- ``rank``: the gazetteer's own order;
- ``cue``: the kind fits the cue word next to the mention ("district", "corridor", "County");
- ``parent``: "X, Y" -- the place lies in Y (Y resolved to a country or admin area);
- ``country`` / ``admin``: the document names the place's country / an admin area above it;
- ``near``: the document's other places lie close by.

Two passes: the first ranks on prominence, name and cue to build the document's
:class:`Context`; the second adds the context features. One sense per name per article: all
mentions of a name (with the same cue) share the choice.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from gazetteer.model import Kind, Place
from gazetteer.normalize import name_key
from geo.candidates import CUE_KINDS, CandidateSource, expand, prominence, strip_cue
from geo.context import Context
from geo.model import Candidate, Mention, Resolution

#: Feature weights of the ranking (a linear score).
WEIGHTS: dict[str, float] = {
    "prominence": 2.0,
    "name": 0.8,
    "rank": 0.3,
    "cue": 1.5,
    "parent": 2.5,
    "country": 1.4,
    "admin": 1.0,
    "near": 0.9,
    "broad": 0.6,
}
#: Below this confidence a mention with a single weak candidate stays unplaced.
MIN_SCORE = 0.9
MAX_CANDIDATES = 12
_PREFERRED = {"district": Kind.DISTRICT, "county": Kind.ADMIN2, "region": Kind.REGION}
_BROAD = (Kind.COUNTRY, Kind.CONTINENT, Kind.ADMIN1)
_ADMIN_KINDS = (Kind.COUNTRY, Kind.ADMIN1, Kind.ADMIN2, Kind.REGION, Kind.DISTRICT)


@dataclass(frozen=True, slots=True)
class _Group:
    key: str
    cue: str | None
    mentions: tuple[int, ...]  # indices into the mention list


def _features(place: Place, mention_text: str, cue: str | None, rank: int) -> dict[str, float]:
    f: dict[str, float] = {"prominence": prominence(place)}
    f["name"] = (
        1.0
        if name_key(place.name) == name_key(expand(strip_cue(mention_text)[0]))
        or (name_key(place.name) == name_key(expand(mention_text)))
        else 0.0
    )
    f["rank"] = 1.0 / (1 + rank)
    # A country or first-level area named by its own name is what a bare name usually means.
    f["broad"] = (
        (
            1.0
            if place.kind in (Kind.COUNTRY, Kind.CONTINENT)
            else 0.3
            if place.kind == Kind.ADMIN1
            else 0.0
        )
        if f["name"]
        else 0.0
    )
    if cue is not None:
        kinds = CUE_KINDS.get(cue)
        if kinds is not None:
            f["cue"] = (
                (1.0 if place.kind == _PREFERRED.get(cue) else 0.8) if place.kind in kinds else -0.5
            )
    return f


def _score(f: dict[str, float]) -> float:
    return sum(WEIGHTS.get(k, 0.0) * v for k, v in f.items())


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


def resolve(text: str, mentions: Sequence[Mention], source: CandidateSource) -> list[Resolution]:
    """Resolutions for the mentions of one text, in the same order."""
    groups: dict[tuple[str, str | None], list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        cue = "demonym" if m.source == "ner:NORP" else m.cue
        groups[(name_key(expand(m.text)), cue)].append(i)
    cands: dict[tuple[str, str | None], list[tuple[Place, dict[str, float]]]] = {}
    for gk, idx in groups.items():
        m = mentions[idx[0]]
        demonym = m.source == "ner:NORP"
        places = source.demonym_places(m.text) if demonym else source.places(m.text)
        if not places and m.source != "ner:NORP":
            places = source.fuzzy_places(m.text)
        places = places[:MAX_CANDIDATES]
        cands[gk] = [(p, _features(p, m.text, m.cue, r)) for r, p in enumerate(places)]

    # Pass 1: the context from each group's provisional best.
    ctx = Context()
    first: dict[tuple[str, str | None], Place] = {}
    for gk, cs in cands.items():
        if not cs:
            continue
        scored = sorted(cs, key=lambda c: _score(c[1]), reverse=True)
        best = scored[0]
        margin = _score(best[1]) - (_score(scored[1][1]) if len(scored) > 1 else 0.0)
        weight = min(1.0, 0.4 + 0.3 * margin) * (0.5 + 0.5 * best[1]["prominence"])
        first[gk] = best[0]
        ctx.add(best[0], weight * min(1.0, 0.6 + 0.2 * len(groups[gk])), gk)

    parents = _parent_of(mentions, text)
    parent_place: dict[int, Place] = {}
    for i, j in parents.items():
        pj = first.get((name_key(expand(mentions[j].text)), mentions[j].cue))
        if pj is not None and pj.kind in _ADMIN_KINDS:
            parent_place[i] = pj

    # Pass 2: context features, chosen per group.
    out: list[Resolution | None] = [None] * len(mentions)
    for gk, idx in groups.items():
        cs = cands[gk]
        parent = next((parent_place[i] for i in idx if i in parent_place), None)
        ranked: list[Candidate] = []
        for p, f in cs:
            g = dict(f)
            g["country"] = ctx.country_weight(p.country, gk)
            g["admin"] = 1.0 if ctx.admin_match(p, gk) else 0.0
            g["near"] = ctx.closeness(p, gk)
            if parent is not None:
                g["parent"] = 1.0 if _in(p, parent) and p.id != parent.id else -0.3
            ranked.append(Candidate(p, round(_score(g), 4), tuple(sorted(g.items()))))
        ranked.sort(key=lambda c: c.score, reverse=True)
        place: Place | None = None
        confidence = 0.0
        if ranked and ranked[0].score >= MIN_SCORE:
            place = ranked[0].place
            confidence = _confidence(ranked)
        for i in idx:
            out[i] = Resolution(mentions[i], place, confidence, tuple(ranked[:5]))
    return [r for r in out if r is not None]


def _confidence(ranked: Sequence[Candidate]) -> float:
    """Softmax share of the best candidate, damped when even the best scores low."""
    top = ranked[0].score
    z = sum(math.exp(2.0 * (c.score - top)) for c in ranked)
    share = 1.0 / z
    strength = 1.0 / (1.0 + math.exp(-(top - 2.0)))
    return round(share * (0.5 + 0.5 * strength), 3)
