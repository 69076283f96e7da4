"""Input cleaning: HTML reduced to text, a language check, and paragraph chunks of bounded size.

Offsets in a :class:`geo.model.ParseResult` always refer to the text *after* cleaning; when
HTML was reduced, ``meta["html"]`` says so.

>>> clean("<p>Talks in <b>Baku</b>.</p><p>Then Paris.</p>").text
'Talks in Baku.\\n\\nThen Paris.'
>>> english_share("The talks in Baku were held on Monday and the ministers said that it was over.")
1.0
>>> [len(c) for _, c in chunks("a\\n\\nb\\n\\nc", max_chars=4)]
[3, 4]
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Texts above this size are parsed in paragraph chunks (bounded memory per chunk).
CHUNK_CHARS = 100_000
_HTML_HINT = re.compile(r"<\s*(html|body|p|div|br|span|a|article|h[1-6]|li|table)\b[^>]*>", re.I)
_BLOCK = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "table",
    "article",
    "section",
    "header",
    "footer",
    "blockquote",
    "pre",
    "figcaption",
    "title",
}
_SKIP = {"script", "style", "noscript", "template", "svg", "head"}
#: Very frequent English function words; their share of the words tells English text apart.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "in",
        "a",
        "is",
        "that",
        "for",
        "it",
        "on",
        "was",
        "with",
        "as",
        "by",
        "at",
        "he",
        "she",
        "said",
        "from",
        "be",
        "this",
        "have",
        "are",
        "an",
        "has",
        "not",
        "but",
        "were",
        "which",
        "they",
        "had",
        "his",
        "her",
        "its",
        "or",
        "their",
        "will",
        "been",
        "who",
        "would",
        "after",
        "also",
        "more",
        "than",
        "about",
        "into",
        "over",
        "when",
        "there",
        "we",
        "i",
        "you",
        "can",
        "than",
        "one",
        "two",
        "new",
        "all",
        "up",
        "out",
    ]
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class CleanText:
    """The text to parse and what was done to get it."""

    text: str
    html: bool = False
    warnings: tuple[str, ...] = field(default=())


class _TextOfHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skip += 1
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def looks_like_html(text: str) -> bool:
    """True when the text carries HTML markup (a few block or inline tags)."""
    return len(_HTML_HINT.findall(text[:20000])) >= 2 or text.lstrip()[:15].lower().startswith(
        ("<!doctype", "<html")
    )


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document, block elements as paragraph breaks."""
    parser = _TextOfHtml()
    parser.feed(markup)
    parser.close()
    raw = (
        html.unescape("".join(parser.parts))
        if "&" in "".join(parser.parts)
        else "".join(parser.parts)
    )
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in raw.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def english_share(text: str, sample: int = 5000) -> float:
    """Share of the first words that are frequent English function words, scaled to [0, 1]."""
    words = [w.lower() for w in _WORD.findall(text[:sample])]
    if not words:
        return 0.0
    share = sum(w in _ENGLISH for w in words) / len(words)
    # Running English prose has about 40 % function words; 25 % or more reads as English.
    return min(1.0, share / 0.25)


def clean(text: str) -> CleanText:
    """Reduce HTML to text and note what the parser should warn about."""
    warnings: list[str] = []
    was_html = False
    if "\x00" in text:
        text = text.replace("\x00", " ")
        warnings.append("NUL characters replaced by spaces")
    if looks_like_html(text):
        text = html_to_text(text)
        was_html = True
        warnings.append("HTML reduced to its text; offsets refer to the extracted text")
    return CleanText(text=text, html=was_html, warnings=tuple(warnings))


def language(text: str) -> str:
    """``en`` for English text, ``und`` when there are too few words, else ``non-en``."""
    words = _WORD.findall(text[:5000])
    if len(words) < 8:
        return "und"
    return "en" if english_share(text) >= 0.5 else "non-en"


def chunks(text: str, max_chars: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` pairs covering the text, cut at paragraph breaks where possible."""
    n = len(text)
    start = 0
    while start < n:
        end = min(n, start + max_chars)
        if end < n:
            cut = text.rfind("\n\n", start + 1, end - 1)
            if cut > start:
                cut += 1
            else:
                cut = text.rfind("\n", start + 1, end)
            if cut <= start:
                cut = text.rfind(" ", start + 1, end)
            if cut > start:
                end = cut + 1
        yield start, text[start:end]
        start = end


#: A line in capitals: at least two words of two or more letters and no lower-case letter.
_SHOUTED_LINE = re.compile(r"^(?=(?:[^\n]*?\b[^\W\d_]{2,}\b){2})[^a-z\n]*[A-Z][^a-z\n]*$", re.M)
#: A dateline: capitalised words at a line's start, then "(AGENCY)" or a dash: "NEW YORK (AP) —".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'\- ]+?(?:, [A-Z][A-Za-z.]+)?)(?= ?\(| ?[—–-] )", re.M
)


def _title(s: str) -> str:
    out = s.title()
    return out if len(out) == len(s) else s  # a letter whose case changes length stays


def unshout(text: str) -> str:
    """The text with its all-capitals lines (headlines) and datelines in title case, for the
    model: NER reads "NEW YORK" poorly and "New York" well. Same length, so every offset into
    the result is an offset into the text.

    >>> unshout("FLOODS HIT NEW ORLEANS\\nBAKU (Reuters) - Talks went on.")
    'Floods Hit New Orleans\\nBaku (Reuters) - Talks went on.'
    >>> unshout("Talks in Baku. The UN said so.")
    'Talks in Baku. The UN said so.'
    """
    text = _SHOUTED_LINE.sub(lambda m: _title(m.group(0)), text)
    return _DATELINE.sub(lambda m: _title(m.group("place")), text)
