"""A folder of articles read as a corpus: every supported format, bad files reported, duplicates
shown once, new files picked up without a restart.

Supported files (the format of ``.txt``/``.md`` is documented in ``articles/README.md``):

- ``.txt``, ``.md``: an optional front-matter header, then the body;
- ``.html``, ``.htm``: a saved web page; the main text is extracted locally with trafilatura
  and title, date, URL and site name are taken from the page's metadata;
- ``.jsonl``: many articles, one JSON object a line: ``{"id", "title", "text", ...}``.

>>> decode_article_bytes("Café".encode("utf-8"), "a.txt")
('Café', None)
>>> decode_article_bytes("Café".encode("cp1252"), "a.txt")[1]
'a.txt: not UTF-8 (byte 3); read as Windows-1252 — check the accents and re-save it as UTF-8'
>>> slugify("Floods in Ağdam / Xankəndi: 12 dead?")
'floods-in-agdam-xankendi-12-dead'
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import threading
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from corpus.article import Article, ArticleError, parse_article
from geo.textin import html_to_text, looks_like_html

#: Files larger than this are refused with a message (a news article is a few tens of kB).
MAX_ARTICLE_BYTES = 5 * 1024 * 1024
#: A .jsonl file holds many articles; each line is still held to MAX_ARTICLE_BYTES.
MAX_JSONL_BYTES = 512 * 1024 * 1024

TEXT_SUFFIXES = (".txt", ".md")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES

_SKIPPED_NAMES = {"readme.md", "sources.md"}


@dataclass(frozen=True, slots=True)
class Corpus:
    """The articles of a folder and what happened to the files that did not make it.

    ``problems``: files or lines skipped, one message each. ``notes``: files read with a
    caveat (a fallback encoding, HTML reduced to text). ``duplicates``: (skipped id, kept id)
    pairs of articles with the same body.
    """

    articles: tuple[Article, ...]
    problems: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    duplicates: tuple[tuple[str, str], ...] = ()
    signature: tuple[tuple[str, int, int], ...] = field(default=(), repr=False)

    def by_id(self, article_id: str) -> Article | None:
        return next((a for a in self.articles if a.id == article_id), None)


# --- decoding -------------------------------------------------------------------------------


def decode_article_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Bytes of an article file as text, and a note when a fallback decoding was used.

    Raises :class:`ArticleError` for binary or empty data.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), (
                f"{name}: read as UTF-16 (it has a UTF-16 byte mark); re-save it as UTF-8"
            )
        except UnicodeDecodeError as exc:
            raise ArticleError(f"{name}: starts like UTF-16 but does not decode as it") from exc
    if b"\x00" in data[:65536]:
        raise ArticleError(f"{name}: looks binary (it contains NUL bytes), not a text article")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        where = exc.start
    for encoding, label in (("cp1252", "Windows-1252"), ("latin-1", "Latin-1")):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > 0.01:
            break
        return text, (
            f"{name}: not UTF-8 (byte {where}); read as {label} — check the accents and re-save "
            "it as UTF-8"
        )
    raise ArticleError(f"{name}: not UTF-8 (byte {where}) nor readable text; re-save it as UTF-8")


def _control_share(text: str) -> float:
    bad = sum(1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in "\r\n\t\f")
    return bad / max(len(text), 1)


# --- one file -> articles -------------------------------------------------------------------


def _web_page(text: str) -> bool:
    """Whether a file's content is a web page rather than an article with a header or plain
    text that merely quotes some markup (that is reduced when the text is parsed)."""
    return text.lstrip().startswith("<") and looks_like_html(text)


def html_to_article(html: str, article_id: str, path: str | None = None) -> Article:
    """The main text and metadata of a web page, extracted locally (no network)."""
    import trafilatura  # a heavy import, needed only for web pages

    doc = trafilatura.bare_extraction(html, with_metadata=True, favor_recall=True)
    meta: dict[str, object] = {} if doc is None else dict(doc.as_dict())  # type: ignore[union-attr]
    text = str(meta.get("text") or "").strip()
    if not text:
        text = html_to_text(html)
    if not text:
        raise ArticleError(f"{article_id}: a web page with no readable text")
    # Paragraphs come back one a line; a blank line between them keeps paragraph excerpts right.
    body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    title = str(meta.get("title") or "").strip()
    if not title:
        title = next((ln for ln in body.splitlines() if ln.strip()), article_id)
    extra = {"format": "html"}
    if meta.get("hostname"):
        extra["hostname"] = str(meta["hostname"])
    return Article(
        id=article_id,
        title=" ".join(title.split())[:300],
        text=body,
        source=_str_or_none(meta.get("sitename")) or _str_or_none(meta.get("hostname")),
        published=_str_or_none(meta.get("date")),
        url=_str_or_none(meta.get("url")),
        language=_str_or_none(meta.get("language")),
        path=path,
        extra=extra,
    )


def _str_or_none(value: object) -> str | None:
    text = str(value).strip() if value is not None else ""
    return text or None


_JSONL_KEYS = {"id", "title", "text", "source", "published", "date", "url", "language"}


def jsonl_to_articles(
    text: str, stem: str, path: str | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Article], list[str]]:
    """The articles of a JSON-lines file, and a message for each line that is not one."""
    articles: list[Article] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{stem}.jsonl line {number}"
        if len(line) > max_bytes:
            problems.append(f"{where}: larger than {_mb(max_bytes)}; skipped")
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: not JSON ({exc.msg} at column {exc.colno}); skipped")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{where}: not a JSON object; skipped")
            continue
        body = obj.get("text")
        if not isinstance(body, str) or not body.strip():
            problems.append(f'{where}: has no "text"; skipped')
            continue
        raw_id = str(obj.get("id") or number)
        local = slugify(raw_id, keep_case=True) or str(number)
        if local in seen:
            local = f"{local}-{number}"
        seen.add(local)
        title = str(obj.get("title") or "").strip() or next(
            (ln.strip() for ln in body.splitlines() if ln.strip()), local
        )
        extra = {k: str(v) for k, v in obj.items() if k not in _JSONL_KEYS and _scalar(v)}
        articles.append(
            Article(
                id=f"{stem}/{local}",
                title=" ".join(title.split())[:300],
                text=body,
                source=_str_or_none(obj.get("source")),
                published=_str_or_none(obj.get("published") or obj.get("date")),
                url=_str_or_none(obj.get("url")),
                language=_str_or_none(obj.get("language")),
                path=path,
                extra=extra,
            )
        )
    return articles, problems


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float | bool)


def articles_from_bytes(
    data: bytes, name: str, path: str | None = None, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Article], list[str], list[str]]:
    """Read the content of one file named ``name``: (articles, problems, notes).

    Raises :class:`ArticleError` when the whole file is unusable; a ``.jsonl`` file with some
    bad lines gives its good articles and a problem per bad line.
    """
    suffix = Path(name).suffix.lower()
    stem = Path(name).stem
    if suffix not in SUFFIXES:
        raise ArticleError(f"{name}: not an article file; use one of {', '.join(SUFFIXES)}")
    limit = MAX_JSONL_BYTES if suffix in JSONL_SUFFIXES else max_bytes
    if len(data) > limit:
        raise ArticleError(
            f"{name}: {_mb(len(data))}, larger than the {_mb(limit)} limit for one file; "
            "split it or trim it to the article text"
        )
    if not data.strip():
        raise ArticleError(f"{name}: empty file")
    text, note = decode_article_bytes(data, name)
    notes = [note] if note else []
    if not text.strip():
        raise ArticleError(f"{name}: empty file")
    if suffix in JSONL_SUFFIXES:
        found, problems = jsonl_to_articles(text, stem, path, max_bytes=max_bytes)
        if not found and problems:
            raise ArticleError(f"{name}: no readable article ({problems[0]})")
        return found, problems, notes
    if suffix in HTML_SUFFIXES or _web_page(text):
        if suffix not in HTML_SUFFIXES:
            notes.append(f"{name}: contains a web page; its main text was extracted")
        return [html_to_article(text, stem, path)], [], notes
    try:
        article = parse_article(text, stem, path)
    except ArticleError as exc:
        raise ArticleError(f"{name}: {exc}") from exc
    if not article.text.strip():
        raise ArticleError(f"{name}: has a header but no article text")
    return [article], [], notes


def read_article_file(
    path: str | Path, *, max_bytes: int = MAX_ARTICLE_BYTES
) -> tuple[list[Article], list[str], list[str]]:
    """Read one file of the folder: (articles, problems, notes); never raises for bad input."""
    p = Path(path)
    try:
        size = p.stat().st_size
        limit = MAX_JSONL_BYTES if p.suffix.lower() in JSONL_SUFFIXES else max_bytes
        if size > limit:
            raise ArticleError(
                f"{p.name}: {_mb(size)}, larger than the {_mb(limit)} limit for one file; "
                "split it or trim it to the article text"
            )
        data = p.read_bytes()
    except OSError as exc:
        return [], [f"{p.name}: cannot be read ({exc.strerror or exc})"], []
    except ArticleError as exc:
        return [], [str(exc)], []
    try:
        return articles_from_bytes(data, p.name, str(p), max_bytes=max_bytes)
    except ArticleError as exc:
        return [], [str(exc)], []
    except Exception as exc:  # a parser bug on odd input must not hide the other articles
        return [], [f"{p.name}: could not be read ({type(exc).__name__}: {exc})"], []


# --- a folder -------------------------------------------------------------------------------


def article_files(folder: str | Path) -> list[Path]:
    """The article files of a folder, by name (hidden, temporary and README files left out)."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(
        p
        for p in root.iterdir()
        if p.suffix.lower() in SUFFIXES
        and not p.name.startswith((".", "~"))
        and p.name.lower() not in _SKIPPED_NAMES
        and p.is_file()
    )


def folder_signature(folder: str | Path) -> tuple[tuple[str, int, int], ...]:
    """(name, mtime in ns, size) of every article file: a cache key that changes on any edit."""
    sig = []
    for p in article_files(folder):
        try:
            st = p.stat()
        except OSError:
            continue
        sig.append((p.name, st.st_mtime_ns, st.st_size))
    return tuple(sig)


_FileKey = tuple[str, int, int]
_file_cache: dict[_FileKey, tuple[list[Article], list[str], list[str]]] = {}
_cache_lock = threading.Lock()


def load_corpus(folder: str | Path, *, max_bytes: int = MAX_ARTICLE_BYTES) -> Corpus:
    """Every article of a folder, in file-name order, duplicates (same body) shown once.

    Each file is read again only when its (name, mtime, size) changed, so calling this on every
    page run is cheap and a file dropped into the folder shows up on the next call.
    """
    root = Path(folder)
    if not root.is_dir():
        return Corpus((), (f"{root}: no such folder",))
    articles: list[Article] = []
    problems: list[str] = []
    notes: list[str] = []
    signature: list[tuple[str, int, int]] = []
    live: set[_FileKey] = set()
    for p in article_files(root):
        try:
            st = p.stat()
        except OSError as exc:
            problems.append(f"{p.name}: cannot be read ({exc.strerror})")
            continue
        key = (str(p.resolve()), st.st_mtime_ns, st.st_size)
        with _cache_lock:
            hit = _file_cache.get(key)
        if hit is None:
            hit = read_article_file(p, max_bytes=max_bytes)
            with _cache_lock:
                _file_cache[key] = hit
        live.add(key)
        signature.append((p.name, st.st_mtime_ns, st.st_size))
        articles.extend(hit[0])
        problems.extend(hit[1])
        notes.extend(hit[2])
    with _cache_lock:
        prefix = str(root.resolve()) + os.sep
        for stale in [k for k in _file_cache if k[0].startswith(prefix) and k not in live]:
            del _file_cache[stale]
    unique, duplicates = deduplicate(_unique_ids(articles))
    return Corpus(tuple(unique), tuple(problems), tuple(notes), tuple(duplicates), tuple(signature))


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Give articles from files that share a stem (``a.txt``, ``a.md``) distinct ids."""
    seen: set[str] = set()
    out = []
    for a in articles:
        new_id = a.id
        if new_id in seen:
            suffix = Path(a.path or "").suffix.lstrip(".").lower()
            new_id = f"{a.id}.{suffix}" if suffix else a.id
            n = 2
            while new_id in seen:
                new_id = f"{a.id}-{n}"
                n += 1
            a = replace(a, id=new_id)
        seen.add(new_id)
        out.append(a)
    return out


def deduplicate(articles: Iterable[Article]) -> tuple[list[Article], list[tuple[str, str]]]:
    """Keep the first article of each body (by content hash); list the others as duplicates."""
    kept: dict[str, Article] = {}
    duplicates: list[tuple[str, str]] = []
    for article in articles:
        first = kept.setdefault(article.content_hash, article)
        if first is not article:
            duplicates.append((article.id, first.id))
    return list(kept.values()), duplicates


# --- saving a new article -------------------------------------------------------------------


# Letters that Unicode decomposition leaves alone.
_SLUG_FOLD = str.maketrans(
    {
        "ə": "e",
        "Ə": "E",
        "ı": "i",
        "ø": "o",
        "Ø": "O",
        "ł": "l",
        "Ł": "L",
        "ß": "ss",
        "æ": "ae",
        "Æ": "AE",
        "đ": "d",
        "Đ": "D",
        "þ": "th",
    }
)


def slugify(text: str, *, keep_case: bool = False, limit: int = 60) -> str:
    """A file-name-safe slug: ASCII letters, digits and dashes, no path separators."""
    text = text.translate(_SLUG_FOLD)
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    if not keep_case:
        folded = folded.lower()
    slug = re.sub(r"[^A-Za-z0-9]+", "-", folded).strip("-")
    return slug[:limit].rstrip("-")


def front_matter(title: str, body: str, **fields: str | None) -> str:
    """The text of a .txt article file: header (values kept on one line) and body."""
    lines = ["---", f"title: {_one_line(title) or 'Untitled'}"]
    for key, value in fields.items():
        if value and _one_line(value):
            lines.append(f"{key}: {_one_line(value)}")
    lines.append("---")
    return "\n".join(lines) + "\n" + body


def _one_line(value: str) -> str:
    return " ".join(str(value).split())


def save_article_bytes(
    folder: str | Path,
    filename: str,
    data: bytes,
    *,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> tuple[Path, list[Article], list[str]]:
    """Validate an uploaded file and save it into ``folder`` under a safe, new name.

    The name keeps only a slug of the uploaded name (no directories, no traversal) and gets a
    numeric suffix rather than replacing an existing file. The file is written to a temporary
    file and linked into place, so readers never see half a file. Returns (path, articles,
    notes); raises :class:`ArticleError` with a clear message for unusable content.
    """
    base = Path(filename.replace("\\", "/")).name
    suffix = Path(base).suffix.lower()
    if suffix not in SUFFIXES:
        raise ArticleError(
            f"{base or filename!r}: not an article file; use one of {', '.join(SUFFIXES)}"
        )
    articles, problems, notes = articles_from_bytes(data, base, max_bytes=max_bytes)
    if not articles:
        raise ArticleError(problems[0] if problems else f"{base}: no article found")
    stem = slugify(Path(base).stem) or slugify(articles[0].title) or "article"
    path = _write_new(Path(folder), stem, suffix, data)
    return path, articles, notes + problems


def save_article_text(
    folder: str | Path,
    title: str,
    body: str,
    *,
    source: str | None = None,
    published: str | None = None,
    url: str | None = None,
    max_bytes: int = MAX_ARTICLE_BYTES,
) -> tuple[Path, Article]:
    """Save pasted text as a new ``.txt`` article with a front-matter header.

    A pasted web page is reduced to its main text first (the offsets of place mentions must
    refer to what the reader sees); its metadata fills the fields left empty.
    """
    if not body.strip():
        raise ArticleError("the article text is empty")
    if _web_page(body):
        page = html_to_article(body, "pasted")
        body = page.text + "\n"
        title = title.strip() or page.title
        source, published, url = source or page.source, published or page.published, url or page.url
    if not title.strip():
        title = next((ln.strip() for ln in body.splitlines() if ln.strip()), "Untitled")
    raw = front_matter(title, body, source=source, published=published, url=url)
    data = raw.encode("utf-8")
    if len(data) > max_bytes:
        raise ArticleError(
            f"the text is {_mb(len(data))}, larger than the {_mb(max_bytes)} limit for one article"
        )
    if b"\x00" in data:
        raise ArticleError("the text contains NUL bytes; paste plain text")
    stem = slugify(title) or "article"
    path = _write_new(Path(folder), stem, ".txt", data)
    return path, parse_article(raw, path.stem, str(path))


def _write_new(folder: Path, stem: str, suffix: str, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".upload-", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        for n in range(1, 10_000):
            target = folder / (f"{stem}{suffix}" if n == 1 else f"{stem}-{n}{suffix}")
            try:
                # link() fails when the name exists: no overwrite even against a racing writer.
                os.link(tmp, target)
            except FileExistsError:
                continue
            except OSError:
                # A file system without hard links: check, then rename into place.
                if target.exists():
                    continue
                os.replace(tmp, target)
            return target
        raise ArticleError(f"too many files named {stem}{suffix} already")
    finally:
        Path(tmp).unlink(missing_ok=True)


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB"


def summarize(corpus: Corpus) -> dict[str, int]:
    """Counts for a status line."""
    return {
        "articles": len(corpus.articles),
        "skipped": len(corpus.problems),
        "duplicates": len(corpus.duplicates),
        "notes": len(corpus.notes),
    }


def articles_by_hash(articles: Sequence[Article]) -> dict[str, Article]:
    return {a.content_hash: a for a in articles}
