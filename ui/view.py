"""What the panels show, derived from a ParseResult: rows, passages, reader spans.

No streamlit here: these are plain functions over the geoparser's records, tested directly.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from geo.model import LAYER_OF_KIND, ArticlePlace, Candidate, Mention, ParseResult, Resolution
from ui.html import Span
from ui.maps.layers import LAYERS, layer_of

#: Context shown around a mention when the parser gave no sentence for it.
_FALLBACK_CONTEXT = 160


@dataclass(frozen=True, slots=True)
class Passage:
    """A sentence of the article with the marked mentions of one place in it."""

    start: int
    end: int
    marks: tuple[tuple[int, int], ...]  # offsets relative to ``start``
    paragraph: int  # 1-based paragraph number

    def text(self, body: str) -> str:
        return body[self.start : self.end]


def places_by_id(result: ParseResult) -> dict[str, ArticlePlace]:
    return {ap.place.id: ap for ap in result.places}


def layer_of_place(ap: ArticlePlace) -> str:
    layer = LAYER_OF_KIND.get(ap.place.kind, "settlements")
    return layer if layer in LAYERS else "settlements"


def alternatives(ap: ArticlePlace, *, limit: int = 5) -> list[Candidate]:
    """The other candidates considered for this place's mentions, best first, deduplicated."""
    best: dict[str, Candidate] = {}
    for r in ap.resolutions:
        for c in r.alternatives:
            if c.place.id == ap.place.id:
                continue
            if c.place.id not in best or c.score > best[c.place.id].score:
                best[c.place.id] = c
    return sorted(best.values(), key=lambda c: -c.score)[:limit]


def _paragraph_number(text: str, offset: int) -> int:
    return text.count("\n\n", 0, offset) + 1


def passages(result: ParseResult, place_id: str) -> list[Passage]:
    """Every passage (sentence) that mentions the place, in text order, mentions marked."""
    ap = places_by_id(result).get(place_id)
    if ap is None:
        return []
    excerpt_of = {e.mention: e for e in result.excerpts}
    groups: dict[tuple[int, int], list[Mention]] = {}
    for r in ap.resolutions:
        m = r.mention
        e = excerpt_of.get(m)
        if e is not None and e.sentence_start <= m.start and m.end <= e.sentence_end:
            span = (e.sentence_start, e.sentence_end)
        else:
            span = (
                max(0, m.start - _FALLBACK_CONTEXT),
                min(len(result.text), m.end + _FALLBACK_CONTEXT),
            )
        groups.setdefault(span, []).append(m)
    out = []
    for (start, end), mentions in sorted(groups.items()):
        marks = tuple(sorted({(m.start - start, m.end - start) for m in mentions}))
        out.append(Passage(start, end, marks, _paragraph_number(result.text, start)))
    return out


def reader_spans(result: ParseResult) -> list[Span]:
    """One highlight per mention: coloured by the kind of its place, grey when unplaced."""
    spans = []
    for r in result.resolutions:
        m = r.mention
        if r.place is None:
            spans.append(Span(m.start, m.end, "np-unplaced", f"{m.text}: not placed"))
        else:
            title = f"{r.place.name} · {r.place.kind} · {r.confidence:.0%}"
            spans.append(Span(m.start, m.end, f"np-k-{r.place.kind}", title, r.place.id))
    return spans


def unplaced(result: ParseResult) -> list[Resolution]:
    return [r for r in result.resolutions if r.place is None]


def place_rows(result: ParseResult) -> list[dict[str, object]]:
    """The places table: one row per place, most mentioned first."""
    rows = []
    for ap in sorted(result.places, key=lambda a: (-a.count, a.place.name)):
        p = ap.place
        rows.append(
            {
                "place": p.name,
                "kind": str(p.kind),
                "layer": LAYERS[layer_of_place(ap)],
                "gazetteer id": p.id,
                "lat": round(p.lat, 4),
                "lon": round(p.lon, 4),
                "mentions": ap.count,
                "confidence": round(ap.confidence, 2),
                "approximate": p.approximate,
                "alternatives": ", ".join(
                    f"{c.place.name} ({c.place.kind}, {c.place.country or '-'})"
                    for c in alternatives(ap, limit=3)
                ),
            }
        )
    return rows


def unplaced_rows(result: ParseResult) -> list[dict[str, object]]:
    rows = []
    for r in unplaced(result):
        rows.append(
            {
                "mention": r.mention.text,
                "at": r.mention.start,
                "found by": r.mention.source,
                "candidates considered": ", ".join(
                    f"{c.place.name} ({c.score:.2f})" for c in r.alternatives[:3]
                ),
            }
        )
    return rows


def order_of_first_mention(result: ParseResult) -> list[str]:
    """Place ids in the order the text first mentions them."""
    first: dict[str, int] = {}
    for r in result.resolutions:
        if r.place is not None:
            first.setdefault(r.place.id, r.mention.start)
            first[r.place.id] = min(first[r.place.id], r.mention.start)
    return sorted(first, key=lambda pid: first[pid])


def layer_counts(fc: Mapping[str, object]) -> dict[str, int]:
    counts = dict.fromkeys(LAYERS, 0)
    for f in fc.get("features", []):  # type: ignore[attr-defined]
        counts[layer_of(f)] += 1
    return counts


def warnings_of(result: ParseResult) -> list[str]:
    """The parser's warnings (non-English text, HTML reduced, truncated ...)."""
    raw = result.meta.get("warnings") if result.meta else None
    if not raw:
        return []
    if isinstance(raw, str):
        return [raw]
    if isinstance(raw, (list, tuple)):
        return [str(w) for w in raw]
    return [str(raw)]
