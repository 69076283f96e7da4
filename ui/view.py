"""What the panels show, derived from a ParseResult: rows, passages, reader spans.

No streamlit here: these are plain functions over the geoparser's records, tested directly.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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
    where: str = ""  # "headline", "photo caption" or "paragraph N" (of the body)
    metonymic: tuple[bool, ...] = ()  # per mark: the mention names a government

    def text(self, body: str) -> str:
        return body[self.start : self.end]


_BLANK_LINE = re.compile(r"\n\s*\n")
#: A line that credits a photo: what makes the line under a headline its caption.
_CREDIT = re.compile(
    r"\b(photo|photograph|picture|image|credit|AFP|Reuters|AP|Getty|EPA|Anadolu)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Layout:
    r"""Where an article's headline, photo caption and body paragraphs are in its text.

    Articles are stored as published: often the headline on the first line, a photo caption
    under it, then the body (see articles/README.md).

    >>> lay = Layout.of("Title here\nA man walks. (AFP Photo)\n\nBody one.\n\nBody two.")
    >>> [lay.where(0), lay.where(12), lay.where(40), lay.where(52)]
    ['headline', 'photo caption', 'paragraph 1', 'paragraph 2']
    >>> Layout.of("Just a body. It starts at once.\n\nMore.").where(34)
    'paragraph 2'
    """

    text: str
    headline: tuple[int, int] | None
    caption: tuple[int, int] | None
    body_start: int

    @classmethod
    def of(cls, text: str, title: str | None = None) -> Layout:
        lead = re.search(r"\n\s*\n", text)
        block_end = lead.start() if lead else len(text)
        lines: list[tuple[int, int]] = []
        pos = 0
        for line in text[:block_end].split("\n"):
            if line.strip():
                lines.append((pos, pos + len(line)))
            pos += len(line) + 1
        if not lines or not lead:
            return cls(text, None, None, 0)
        first = text[lines[0][0] : lines[0][1]].strip()
        same_as_title = bool(title) and first.casefold() == (title or "").strip().casefold()
        looks_like_headline = len(first) <= 160 and not first.endswith((".", ":", ";", ","))
        if not (same_as_title or (looks_like_headline and len(lines) > 1)):
            return cls(text, None, None, 0)
        caption = None
        if len(lines) > 1 and _CREDIT.search(text[lines[1][0] : lines[-1][1]]):
            caption = (lines[1][0], lines[-1][1])
        return cls(text, lines[0], caption, block_end)

    def where(self, offset: int) -> str:
        """The part of the article an offset is in."""
        if self.headline and self.headline[0] <= offset < self.headline[1] + 1:
            return "headline"
        if self.caption and self.caption[0] <= offset < self.caption[1] + 1:
            return "photo caption"
        if offset < self.body_start:
            return "under the headline"
        body = self.text[self.body_start : offset].lstrip()
        return f"paragraph {len(_BLANK_LINE.findall(body)) + 1}"


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


def passages(
    result: ParseResult, place_id: str, *, title: str | None = None
) -> list[Passage]:
    """Every passage (sentence) that mentions the place, in text order, mentions marked, each
    with where it is: headline, photo caption or body paragraph (``title`` helps tell the
    headline)."""
    ap = places_by_id(result).get(place_id)
    if ap is None:
        return []
    excerpt_of = {e.mention: e for e in result.excerpts}
    return _passages(result, ap, excerpt_of, Layout.of(result.text, title))


def all_passages(result: ParseResult, *, title: str | None = None) -> dict[str, list[Passage]]:
    """:func:`passages` of every place at once (the map's popups): one pass over the text."""
    excerpt_of = {e.mention: e for e in result.excerpts}
    layout = Layout.of(result.text, title)
    return {ap.place.id: _passages(result, ap, excerpt_of, layout) for ap in result.places}


def popup_passages(
    result: ParseResult, *, title: str | None = None, limit: int = 12
) -> dict[str, list[dict[str, object]]]:
    """The passages of every place as the map's popups take them (plain JSON): ``text``,
    ``marks`` as ``[start, end, metonymic]`` and ``where``; at most ``limit`` a place, so a
    place named a hundred times does not weigh on every map update."""
    out: dict[str, list[dict[str, object]]] = {}
    for place_id, found in all_passages(result, title=title).items():
        out[place_id] = [
            {
                "text": ps.text(result.text),
                "marks": [[s, e, meto] for (s, e), meto in zip(ps.marks, ps.metonymic,
                                                                 strict=True)],
                "where": ps.where,
            }
            for ps in found[:limit]
        ]
    return out


def _passages(
    result: ParseResult,
    ap: ArticlePlace,
    excerpt_of: Mapping[Mention, object],
    layout: Layout,
) -> list[Passage]:
    groups: dict[tuple[int, int], list[Mention]] = {}
    metonymic = {r.mention: r.metonymic for r in ap.resolutions}
    for r in ap.resolutions:
        m = r.mention
        e: Any = excerpt_of.get(m)
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
        meto = {(m.start - start, m.end - start): metonymic[m] for m in mentions}
        marks = tuple(sorted(meto))
        out.append(
            Passage(
                start, end, marks, _paragraph_number(result.text, start),
                where=layout.where(start), metonymic=tuple(meto[k] for k in marks),
            )
        )
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
            css = f"np-k-{r.place.kind}"
            if r.metonymic:
                # "Yerevan said": the government, not the town; still placed, styled apart
                css += " np-meto"
                title += " · names its government (metonymy)"
            spans.append(Span(m.start, m.end, css, title, r.place.id))
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


# --- alternate names ------------------------------------------------------------------------

#: Scripts in the order "Also called" lists them (others follow, in the order met).
_SCRIPT_ORDER = ("Latin", "Cyrillic", "Armenian", "Georgian", "Greek", "Arabic", "Hebrew")
_SCRIPT_OF_PREFIX = {
    "LATIN": "Latin", "CYRILLIC": "Cyrillic", "ARMENIAN": "Armenian", "GEORGIAN": "Georgian",
    "GREEK": "Greek", "ARABIC": "Arabic", "HEBREW": "Hebrew", "CJK": "Chinese",
    "HIRAGANA": "Japanese", "KATAKANA": "Japanese", "HANGUL": "Korean", "DEVANAGARI": "Hindi",
    "THAI": "Thai", "BENGALI": "Bengali", "TAMIL": "Tamil", "ETHIOPIC": "Ethiopic",
}
#: Apostrophe-like marks transliterations disagree on (Stepʻanakert, Chan'kenti).
_APOSTROPHES = "'’ʼʻʹʿʾ`´"
#: Look-alike letters folded for comparison (ǝ turned e, used for ə).
_FOLD = str.maketrans({"ǝ": "ə", "Ə": "Ə"})


def script_of(name: str) -> str:
    """The script a name is written in, from its first letter.

    >>> [script_of(n) for n in ("Xankəndi", "Ханкенди", "Խանքենդի", "漢肯德", "123")]
    ['Latin', 'Cyrillic', 'Armenian', 'Chinese', 'Other']
    """
    for ch in name:
        if ch.isalpha() and unicodedata.category(ch) != "Lm":
            prefix = unicodedata.name(ch, "").split(" ")[0]
            return _SCRIPT_OF_PREFIX.get(prefix, "Other")
    return "Other"


def _has_case(ch: str) -> bool:
    return ch.lower() != ch.upper()


def is_noise(name: str) -> bool:
    """A name no reader would write: machine transliterations and fragments of the sources.

    Proper names start with a letter, and in scripts with capitals with a capital: 'han ken
    de', 'khankndy' and ''zryt' are noise, 'Xankəndi' and 'ხანკენდი' (no capitals) are not.

    >>> [is_noise(n) for n in ("han ken de", "khankndy", "ʼzryt", "Xankəndi", "ხანკენდი", "")]
    [True, True, True, False, False, True]
    """
    name = name.strip()
    if len(name) < 2:
        return True
    first = name[0]
    if not first.isalpha() or unicodedata.category(first) == "Lm":
        return True
    # Georgian has capitals (Mtavruli) but writes names without them
    cased = script_of(name) in {"Latin", "Cyrillic", "Greek", "Armenian"}
    return cased and _has_case(first) and not first.isupper()


def name_key(name: str) -> str:
    """Two names with the same key are one for a reader: case, accents and apostrophes aside.

    >>> name_key("Stepʻanakert") == name_key("Stepanakert")
    True
    >>> name_key("Xankǝndi") == name_key("Xankəndi")
    True
    """
    folded = unicodedata.normalize("NFKD", name.translate(_FOLD).casefold())
    return "".join(
        ch for ch in folded if not unicodedata.combining(ch) and ch not in _APOSTROPHES
    ).strip()


@dataclass(frozen=True, slots=True)
class NameGroup:
    """The alternate names of a place in one script (the article's own spellings first)."""

    script: str
    names: tuple[str, ...]
    in_article: tuple[str, ...] = ()


def name_groups(
    names: Iterable[str], *, primary: str, article_forms: Sequence[str] = ()
) -> list[NameGroup]:
    """The gazetteer's alternate names for "Also called": noise dropped, one of each spelling
    (by :func:`name_key`), grouped by script, Latin first; the spellings the article used
    (other than ``primary``) lead their group and are flagged.

    >>> groups = name_groups(["Stepanakert", "Stepʻanakert", "han ken de", "Степанакерт",
    ...                       "khankndy", "Xankəndi", "Xankǝndi"], primary="Khankendi",
    ...                      article_forms=["Stepanakert", "Khankendi"])
    >>> [(g.script, g.names, g.in_article) for g in groups]
    [('Latin', ('Stepanakert', 'Xankəndi'), ('Stepanakert',)), ('Cyrillic', ('Степанакерт',), ())]
    """
    seen = {name_key(primary)}
    by_script: dict[str, list[str]] = {}
    own: dict[str, list[str]] = {}
    for form in article_forms:
        key = name_key(form)
        if form.strip() and key not in seen:
            seen.add(key)
            own.setdefault(script_of(form), []).append(form.strip())
    for name in names:
        name = " ".join(name.translate(_FOLD).split())
        key = name_key(name)
        if key in seen or is_noise(name):
            continue
        seen.add(key)
        by_script.setdefault(script_of(name), []).append(name)
    scripts = [sc for sc in _SCRIPT_ORDER if sc in by_script or sc in own]
    scripts += [sc for sc in (*own, *by_script) if sc not in scripts]
    return [
        NameGroup(sc, tuple(own.get(sc, [])) + tuple(by_script.get(sc, [])),
                  tuple(own.get(sc, [])))
        for sc in scripts
    ]


# --- what each language calls a place -------------------------------------------------------

#: The languages of "What each language calls it", in order, with their labels.
LANGUAGES = {"en": "English", "ru": "Russian", "az": "Azerbaijani", "hy": "Armenian"}
#: The language a name is most likely in when nothing else says, from its script.
_LANGUAGE_OF_SCRIPT = {"Cyrillic": "ru", "Armenian": "hy"}


@dataclass(frozen=True, slots=True)
class LanguageNames:
    """What one language calls a place: the article's own spellings first, then the
    gazetteer's names in that language."""

    lang: str
    label: str
    names: tuple[str, ...]
    in_article: tuple[str, ...] = ()


def article_language(meta: Mapping[str, object] | None, offset: int | None = None) -> str | None:
    """The language of the article (``meta["language"]``) or, given an offset, of the
    paragraph it is in (``meta["paragraph_languages"]``: ``[start, end, lang]`` triples).

    >>> meta = {"language": "hy", "paragraph_languages": [[0, 10, "en"], [12, 40, "hy"]]}
    >>> [article_language(meta), article_language(meta, 3), article_language(meta, 20)]
    ['hy', 'en', 'hy']
    """
    if not meta:
        return None
    if offset is not None:
        for row in meta.get("paragraph_languages") or ():  # type: ignore[attr-defined]
            try:
                start, end, lang = row
            except (TypeError, ValueError):
                continue
            if isinstance(start, int) and isinstance(end, int) and start <= offset < end:
                return str(lang)
    lang = meta.get("language")
    return str(lang) if isinstance(lang, str) and lang else None


def language_names(
    by_language: Mapping[str, Sequence[str]],
    *,
    primary: str,
    article_forms: Sequence[tuple[str, str | None]] = (),
) -> list[LanguageNames]:
    """One line per language of :data:`LANGUAGES`: ``article_forms`` are ``(spelling,
    language)`` pairs (the language of the paragraph it was read in; None: guessed from the
    script) and lead their line, flagged; then the gazetteer's names in that language.
    English also has the place's main name. Noise (all lower case, fragments) and repeats (by
    :func:`name_key`, within a line) are dropped; a language with no name is left out.

    >>> lines = language_names({"ru": ["Степанакерт", "степанакерт", "Ханкенди"],
    ...                         "hy": ["Ստեփանակերտ"], "az": ["Xankəndi"]},
    ...                        primary="Khankendi",
    ...                        article_forms=[("Ստեփանակերտում", "hy"), ("Ստեփանակերտ", "hy")])
    >>> [(x.lang, x.names, x.in_article) for x in lines]  # doctest: +NORMALIZE_WHITESPACE
    [('en', ('Khankendi',), ()), ('ru', ('Степанакерт', 'Ханкенди'), ()),
     ('az', ('Xankəndi',), ()), ('hy', ('Ստեփանակերտում', 'Ստեփանակերտ'), ('Ստեփանակերտում',
     'Ստեփանակերտ'))]
    """
    own: dict[str, list[str]] = {}
    for form, lang in article_forms:
        form = " ".join(form.split())
        if not form:
            continue
        lang = lang if lang in LANGUAGES else _LANGUAGE_OF_SCRIPT.get(script_of(form), "en")
        own.setdefault(lang, []).append(form)
    out: list[LanguageNames] = []
    for lang, label in LANGUAGES.items():
        seen: set[str] = set()
        names: list[str] = []
        flagged: list[str] = []
        gazetteer_names = list(by_language.get(lang, ()))
        if lang == "en":
            gazetteer_names.insert(0, primary)
        for i, name in enumerate([*own.get(lang, ()), *gazetteer_names]):
            name = " ".join(str(name).translate(_FOLD).split())
            key = name_key(name)
            if not key or key in seen or is_noise(name):
                continue
            seen.add(key)
            names.append(name)
            if i < len(own.get(lang, ())):
                flagged.append(name)
        if names:
            out.append(LanguageNames(lang, label, tuple(names), tuple(flagged)))
    return out
