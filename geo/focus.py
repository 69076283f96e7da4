"""Focus: the places an article is about, from how often and how early they are named.

Each mention counts 1, with a bonus in the first paragraphs (headline, lead) and half weight when
it names a government rather than the place. The focus is the places within half of the best
score, at most three by default, the more specific one first when a country and a place in it tie.

>>> from gazetteer.model import Kind, Place
>>> from geo.model import ArticlePlace, Mention, Resolution
>>> baku = Place("g:1", "Baku", Kind.SETTLEMENT, "AZ", (), 40.4, 49.9)
>>> rs = tuple(Resolution(Mention(i, i + 4, "Baku", "ner:GPE"), baku, 0.9) for i in (0, 50))
>>> focus([ArticlePlace(baku, rs)], text_length=100)
('g:1',)
"""

from __future__ import annotations

from collections.abc import Sequence

from geo.model import ArticlePlace


def place_score(ap: ArticlePlace, text_length: int) -> float:
    score = 0.0
    lead = max(400, text_length // 5)
    for r in ap.resolutions:
        w = 1.0 + (0.5 if r.mention.start < lead else 0.0)
        if r.metonymic:
            w *= 0.5
        score += w * (0.5 + 0.5 * r.confidence)
    return score


def focus(
    places: Sequence[ArticlePlace], text_length: int, limit: int = 3, share: float = 0.5
) -> tuple[str, ...]:
    """The ids of the article's main places, best first: at most ``limit``, each within
    ``share`` of the best one's score (:class:`geo.config.Limits`)."""
    scored = sorted(((place_score(p, text_length), p.place.id) for p in places), reverse=True)
    if not scored:
        return ()
    top = scored[0][0]
    return tuple(pid for s, pid in scored[:limit] if s >= share * top)
