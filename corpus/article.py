"""Articles on disk: a small front-matter header and the body exactly as published.

The format is documented in ``articles/README.md``.

>>> a = parse_article("---\\ntitle: Hello\\nsource: Wire\\n---\\nBody text.", "hello")
>>> a.title, a.source, a.text
('Hello', 'Wire', 'Body text.')
>>> parse_article("First line\\nrest", "x").title
'First line'
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from corpus.errors import ArticleError

ARTICLE_SUFFIXES = (".txt", ".md")
_FENCE = "---"


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    title: str
    text: str
    source: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None
    path: str | None = None
    extra: Mapping[str, str] = field(default_factory=dict)

    @property
    def content_hash(self) -> str:
        """A stable hash of the body, used to spot duplicates and to resume batch runs."""
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """The hash of an article body that corrections and batch results are keyed by.

    >>> content_hash("Body text.") == content_hash("Body text.") != content_hash("Body text")
    True
    """
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _split_header(raw: str) -> tuple[dict[str, str], str]:
    if not raw.startswith(_FENCE + "\n") and not raw.startswith(_FENCE + "\r\n"):
        return {}, raw
    lines = raw.split("\n")
    header: dict[str, str] = {}
    consumed = len(lines[0]) + 1
    for line in lines[1:]:
        consumed += len(line) + 1
        stripped = line.rstrip("\r")
        if stripped == _FENCE:
            return header, raw[consumed:]
        if not stripped.strip():
            continue
        key, sep, value = stripped.partition(":")
        if not sep or not key.strip():
            raise ArticleError(f"front-matter line {stripped!r} is not 'key: value'")
        header[key.strip().lower()] = value.strip()
    raise ArticleError("front matter opened with '---' is never closed by a '---' line")


def parse_article(raw: str, article_id: str, path: str | None = None) -> Article:
    """Build an :class:`Article` from the text of a file."""
    header, body = _split_header(raw)
    title = header.pop("title", "").strip()
    if not title:
        title = next((ln.strip() for ln in body.splitlines() if ln.strip()), article_id)
    known = {k: header.pop(k, None) or None for k in ("source", "published", "url", "language")}
    return Article(id=article_id, title=title[:300], text=body, path=path, extra=header, **known)


def load_article(path: str | Path) -> Article:
    """Read one article file; raise :class:`ArticleError` with a clear reason when it cannot."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{p.name}: cannot be read ({exc.strerror})") from exc
    if b"\x00" in data:
        raise ArticleError(f"{p.name}: looks binary (it contains NUL bytes), not a text article")
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(
            f"{p.name}: not UTF-8 (byte {exc.start}); re-save the file as UTF-8"
        ) from exc
    return parse_article(raw, p.stem, str(p))
