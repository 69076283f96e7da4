"""Excerpts: each mention's sentence and paragraph, as offsets into the text.

Paragraphs are separated by blank lines (a line break alone also ends one when the text has no
blank lines). Sentences come from the pipeline's rule sentencizer and are clipped to the
paragraph.

>>> from geo.model import Mention
>>> text = "Title\\n\\nTalks in Baku. Then Paris.\\n\\nEnd."
>>> m = Mention(17, 21, "Baku", "ner:GPE")
>>> e = excerpt(text, m, [(7, 22), (23, 34)])
>>> text[e.sentence_start:e.sentence_end], text[e.paragraph_start:e.paragraph_end]
('Talks in Baku.', 'Talks in Baku. Then Paris.')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from geo.model import Excerpt, Mention

_PARA = re.compile(r"\n[ \t]*\n+")


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, whitespace trimmed."""
    sep = _PARA if _PARA.search(text) else re.compile(r"\n+")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    trimmed = []
    for s, e in out:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed


def _containing(
    spans: Sequence[tuple[int, int]], starts: Sequence[int], pos: int, default: tuple[int, int]
) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return default


def excerpt(
    text: str,
    mention: Mention,
    sentences: Sequence[tuple[int, int]],
    paras: Sequence[tuple[int, int]] | None = None,
) -> Excerpt:
    """The excerpt of one mention (see :func:`excerpts` for many)."""
    return excerpts(text, [mention], sentences, paras)[0]


def excerpts(
    text: str,
    mentions: Sequence[Mention],
    sentences: Sequence[tuple[int, int]],
    paras: Sequence[tuple[int, int]] | None = None,
) -> list[Excerpt]:
    """Excerpts of mentions; ``sentences`` are ``(start, end)`` offsets in text order."""
    paras = list(paras) if paras is not None else paragraphs(text)
    pstarts = [s for s, _ in paras]
    sents = sorted(sentences)
    sstarts = [s for s, _ in sents]
    out: list[Excerpt] = []
    for m in mentions:
        ps, pe = _containing(paras, pstarts, m.start, (0, len(text)))
        ss, se = _containing(sents, sstarts, m.start, (ps, pe))
        ss, se = max(ss, ps), min(se, pe)
        if not (ss <= m.start and m.end <= se):
            ss, se = ps, pe
        while se > ss and text[se - 1].isspace():
            se -= 1
        while ss < se and text[ss].isspace():
            ss += 1
        out.append(Excerpt(m, ss, max(se, m.end), ps, max(pe, m.end)))
    return out
