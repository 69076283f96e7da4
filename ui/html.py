"""HTML and Markdown built from untrusted text: everything from an article is escaped here.

Article bodies, titles, file names and place names all pass through :func:`esc` (HTML) or
:func:`md` (Streamlit Markdown) before they reach the page.

>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> print(md("![x](http://a.org/b.png) *bold*"))
\\!\\[x\\]\\(http\\://a\\.org/b\\.png\\) \\*bold\\*
>>> marked("Near Khankendi today.", [(5, 14)])
'Near <mark>Khankendi</mark> today.'
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def esc(text: object) -> str:
    """HTML-escape any value (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def md(text: object) -> str:
    """Escape text for Streamlit Markdown so it shows literally (no links, images, markup)."""
    return _MD_SPECIAL.sub(r"\\\1", str(text).replace("\n", " "))


@dataclass(frozen=True, slots=True)
class Span:
    """A highlighted stretch of text: offsets into the text, a CSS class and a hover title."""

    start: int
    end: int
    css: str
    title: str = ""
    place_id: str | None = None


def _non_overlapping(spans: Iterable[Span], length: int) -> list[Span]:
    out: list[Span] = []
    last = 0
    for s in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if s.start < last or s.end <= s.start or s.end > length:
            continue
        out.append(s)
        last = s.end
    return out


def highlighted(
    text: str, spans: Iterable[Span], href: Callable[[str], str] | None = None
) -> str:
    """``text`` as HTML with each span wrapped in ``<span class=...>``, paragraphs kept.

    With ``href`` (a place id -> URL), a span with a place is a link there instead:
    ``<a class="np-place ..." href=...>``; the URL is escaped like the text.

    >>> print(highlighted("a <b>\\n\\nKhankendi", [Span(7, 16, "np-k", "Khankendi")]))
    <p>a &lt;b&gt;</p><p><span class="np-hl np-k" title="Khankendi">Khankendi</span></p>
    >>> link = highlighted("Baku", [Span(0, 4, "np-k", "Baku", "x:1")], lambda p: "?a=1&b=2")
    >>> print(link.replace("<a ", "\\n<a ").replace(" title", "\\n title"))
    <p>
    <a class="np-place np-hl np-k" href="?a=1&amp;b=2" target="_self"
     title="Baku" data-place="x:1">Baku</a></p>
    """
    parts: list[str] = []
    pos = 0
    for s in _non_overlapping(spans, len(text)):
        parts.append(esc(text[pos : s.start]))
        data = f' data-place="{esc(s.place_id)}"' if s.place_id else ""
        shown = esc(text[s.start : s.end])
        if s.place_id and href is not None:
            parts.append(
                f'<a class="np-place np-hl {esc(s.css)}" href="{esc(href(s.place_id))}" '
                f'target="_self" title="{esc(s.title)}"{data}>{shown}</a>'
            )
        else:
            parts.append(
                f'<span class="np-hl {esc(s.css)}" title="{esc(s.title)}"{data}>{shown}</span>'
            )
        pos = s.end
    parts.append(esc(text[pos:]))
    body = "".join(parts)
    paragraphs = [p.strip("\n") for p in re.split(r"\n\s*\n", body)]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())


def marked(text: str, marks: Sequence[tuple[int, int]]) -> str:
    """``text`` as HTML with each (start, end) stretch in a ``<mark>`` element."""
    spans = [Span(s, e, "") for s, e in marks]
    parts: list[str] = []
    pos = 0
    for s in _non_overlapping(spans, len(text)):
        parts.append(esc(text[pos : s.start]))
        parts.append(f"<mark>{esc(text[s.start : s.end])}</mark>")
        pos = s.end
    parts.append(esc(text[pos:]))
    return "".join(parts).replace("\n", "<br>")


def chip(label: str, colour: str, *, dashed: bool = False) -> str:
    """A small coloured legend chip; ``colour`` must be a #rrggbb value."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", colour):
        colour = "#555555"
    border = "dashed" if dashed else "solid"
    return (
        f'<span class="np-chip"><span class="np-swatch" style="background:{colour};'
        f'border-style:{border}"></span>{esc(label)}</span>'
    )
