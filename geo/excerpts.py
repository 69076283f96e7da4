"""Excerpts: each mention's sentence and paragraph, as offsets into the text.

One splitter serves the parse and everything that adds a mention later (corrections), so a
mention gets the same excerpt however it came. Rules:

- paragraphs are separated by blank lines (a line break alone also ends one when the text has
  no blank lines);
- a line break always ends a sentence unless the next line goes on in lower case: a headline
  and the photo caption under it, each on its own line, are separate passages;
- within a line, a sentence ends at ``.``, ``!``, ``?`` (and the Armenian ``։``) followed by
  white space and then a capital letter, a quote or a bracket; not after a title or initial
  ("Mr. Smith", "J. Doe", "Oct. 2").

>>> from geo.model import Mention
>>> text = "Title line\\nA caption. (Photo)\\n\\nTalks in Baku. Then Paris.\\n\\nEnd."
>>> [text[s:e] for s, e in sentences(text)]
['Title line', 'A caption.', '(Photo)', 'Talks in Baku.', 'Then Paris.', 'End.']
>>> e = excerpt(text, Mention(41, 45, "Baku", "ner:GPE"))
>>> text[e.sentence_start:e.sentence_end], text[e.paragraph_start:e.paragraph_end]
('Talks in Baku.', 'Talks in Baku. Then Paris.')
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from geo.model import Excerpt, Mention

_PARA = re.compile(r"\n[ \t]*\n+")
_LINE = re.compile(r"[ \t]*\r?\n[ \t]*")
#: A sentence end inside a line: the punctuation, closing quotes or brackets, then space before
#: what starts a sentence (a capital, a quote, an opening bracket, a digit after "!" or "?").
_END = re.compile(r"[.!?։]+[\"'”’»)\]]*(?=\s+[\"“‘«(\[]?[^\W\d_])")
_LAST_WORD = re.compile(r"([^\W\d_]+)$")
#: Months as news copy abbreviates them ("Oct. 2").
MONTH_ABBREVIATIONS = (
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
#: Words after which a full stop is no sentence end (titles, months, common abbreviations).
_NO_END = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "vs",
        "etc",
        "inc",
        "ltd",
        "co",
        "corp",
        *MONTH_ABBREVIATIONS,
        "approx",
        "dept",
        "univ",
        "ave",
        "blvd",
        "mt",
        "ft",
    ]
)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each paragraph, whitespace trimmed."""
    sep = _PARA if _PARA.search(text) else re.compile(r"\n+")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in sep.finditer(text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [t for t in (_trim(text, s, e) for s, e in out) if t[1] > t[0]]


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return s, e


def _lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A paragraph's lines, a line that goes on in lower case joined to the one before."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in _LINE.finditer(text, start, end):
        nxt = text[m.end() : m.end() + 1]
        if nxt.islower():
            continue  # a hard-wrapped sentence goes on
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, end))
    return out


def _sentence_end(text: str, m: re.Match[str], line_start: int) -> bool:
    if text[m.start()] != ".":
        return True
    # The word before the stop (a bounded window: this runs once per full stop).
    word = _LAST_WORD.search(text, max(line_start, m.start() - 40), m.start())
    if word is None:
        return True
    w = word.group(1)
    # An initial ("J.", "U.S.") or a title ("Mr.") does not end a sentence.
    return not (len(w) == 1 or w.lower() in _NO_END)


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every sentence of the text, in order, whitespace trimmed."""
    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs(text):
        for ls, le in _lines(text, ps, pe):
            pos = ls
            for m in _END.finditer(text, ls, le):
                if _sentence_end(text, m, ls):
                    out.append(_trim(text, pos, m.end()))
                    pos = m.end()
            out.append(_trim(text, pos, le))
    return [t for t in out if t[1] > t[0]]


def _containing(
    spans: Sequence[tuple[int, int]], starts: Sequence[int], pos: int, default: tuple[int, int]
) -> tuple[int, int]:
    i = bisect.bisect_right(starts, pos) - 1
    if 0 <= i < len(spans) and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return default


def excerpt(text: str, mention: Mention) -> Excerpt:
    """The excerpt of one mention (see :func:`excerpts` for many)."""
    return excerpts(text, [mention])[0]


def excerpts(text: str, mentions: Sequence[Mention]) -> list[Excerpt]:
    """The excerpts of mentions of the text, in the same order."""
    paras = paragraphs(text)
    pstarts = [s for s, _ in paras]
    sents = sentences(text)
    sstarts = [s for s, _ in sents]
    out: list[Excerpt] = []
    for m in mentions:
        ps, pe = _containing(paras, pstarts, m.start, (0, len(text)))
        ss, se = _containing(sents, sstarts, m.start, (ps, pe))
        if not (ss <= m.start and m.end <= se):
            ss, se = ps, pe  # a name across a sentence break: the paragraph is its passage
        out.append(Excerpt(m, ss, max(se, m.end), ps, max(pe, m.end)))
    return out
