"""Language identification of articles and of their paragraphs (lingua, offline).

The detector is lingua's (``lingua-language-detector``, Rust core, n-gram models shipped in
the wheel: nothing is fetched at run time), built once per process on first use, from the
languages of :data:`LANGUAGES` only: the languages of the region the reader covers (en, ru,
az, hy, ka, tr, fa, uk, ar, kk, be) and the big European languages of its news sources
(fr, de, es, it, pt). Fewer candidate languages mean less memory, a faster load and fewer
confusions (Azerbaijani vs Turkmen or Uzbek cannot happen when those are not candidates).

Low-accuracy mode (trigram models only) is used. Measured on this machine (2 cores, lingua
2.1.1, Python 3.11; invented 90-character paragraphs, one per language; 22 short headlines
including Azerbaijani/Turkish and Russian/Ukrainian/Belarusian pairs):

================  ==========  ==========  ============  ==================
mode              build (ms)  RSS (MB)    paragraphs/s  headlines correct
================  ==========  ==========  ============  ==================
low, 16 langs     ~120        ~28         ~14,000       21/22
high, 16 langs    ~4,200      ~425        ~5,500        21/22
high, all 75      ~7,000      ~1,100      ~640          --
================  ==========  ==========  ============  ==================

With both cores busy (load average 3) the low-accuracy build took ~1.7 s and ran ~3,500
paragraphs/s; the memory is the same. Importing this module does not import lingua.

High accuracy (uni- to five-grams) costs 15x the memory and 35x the load time and brought no
gain on these texts: its advantage is on text shorter than ~120 characters, and paragraphs of
news articles are longer; the short ones (datelines, captions) inherit a neighbour's language
when too short to judge (:func:`paragraphs`). Models are preloaded when the detector is built
so that the first article's latency is not the model load and threads never load it twice.

Scripts that only one candidate language writes are decided without lingua: Armenian letters
are ``hy``, Georgian ``ka``, Greek ``el`` and Hebrew ``he``. Azerbaijani Latin text that lingua
calls Turkish is ``az`` when it has the letter schwa (ə), which Turkish does not use.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections import Counter
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from lingua import LanguageDetector

__all__ = ["LANGUAGES", "UNDETERMINED", "detect", "detector", "paragraphs", "script_language"]

#: ISO 639-1 codes of the languages the detector chooses among (see the module docstring).
LANGUAGES: tuple[str, ...] = (
    "en", "ru", "az", "hy", "ka", "tr", "fa", "uk", "ar", "kk", "be",
    "fr", "de", "es", "it", "pt",
)  # fmt: skip

#: The code for text with too few letters to tell its language (ISO 639-2 "undetermined").
UNDETERMINED = "und"

# Fewer letters than this: no language at all (a page number, "***", a stray initial).
MIN_LETTERS = 3
# A paragraph with fewer letters than this is a dateline, a caption, a byline: its n-grams are
# too few for a reliable verdict, so it takes its neighbour's language when it has one.
SHORT_LETTERS = 25
# A script decides the language when at least this share of the letters is in it, so that an
# Armenian article quoting "NATO" or a Russian name is still hy.
SCRIPT_SHARE = 0.5

# Script of a letter, by the first word of its Unicode name, for the scripts that one candidate
# language owns.
_SCRIPT_LANG = {"ARMENIAN": "hy", "GEORGIAN": "ka", "GREEK": "el", "HEBREW": "he"}

# A paragraph break: a line holding nothing but white space (one or more).
_BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_LINE_BREAK = re.compile(r"\n\s*")

_lock = threading.Lock()
_detector: LanguageDetector | None = None


def detector() -> LanguageDetector:
    """The process's lingua detector, built on first call (thread-safe, models preloaded)."""
    global _detector
    if _detector is None:
        with _lock:
            if _detector is None:  # another thread may have built it while we waited
                from lingua import IsoCode639_1, LanguageDetectorBuilder

                codes = [getattr(IsoCode639_1, code.upper()) for code in LANGUAGES]
                _detector = (
                    LanguageDetectorBuilder.from_iso_codes_639_1(*codes)
                    .with_low_accuracy_mode()
                    .with_preloaded_language_models()
                    .build()
                )
    return _detector


def _letters(text: str) -> int:
    return sum(1 for c in text if c.isalpha())


def script_language(text: str) -> str | None:
    """The language that the script of most of the letters of ``text`` decides, if any.

    >>> script_language("Երևանում NATO"), script_language("Bakı"), script_language("")
    ('hy', None, None)
    """
    counts: Counter[str] = Counter()
    letters = 0
    for c in text:
        if not c.isalpha():
            continue
        letters += 1
        if c.isascii():
            continue  # the cheap common case: no Unicode name look-up
        script = unicodedata.name(c, "").split(" ", 1)[0]
        if script in _SCRIPT_LANG:
            counts[_SCRIPT_LANG[script]] += 1
    if not counts:
        return None
    lang, n = counts.most_common(1)[0]
    return lang if n >= SCRIPT_SHARE * letters else None


def _judge(text: str) -> str:
    """The language of one piece of text; :data:`UNDETERMINED` when it has too few letters."""
    if _letters(text) < MIN_LETTERS:
        return UNDETERMINED
    by_script = script_language(text)
    if by_script is not None:
        return by_script
    found = detector().detect_language_of(text)
    if found is None:
        return UNDETERMINED
    code = found.iso_code_639_1.name.lower()
    if code == "tr" and ("ə" in text or "Ə" in text):
        return "az"  # schwa is Azerbaijani's own letter; Turkish never writes it
    return code


def detect(text: str) -> str:
    """ISO 639-1 code of the language of an article ("und" when it has too few letters).

    For mixed-language text this is the language of the majority (lingua over the whole text
    weighs languages by their n-grams); :func:`paragraphs` tells the parts apart.

    >>> detect(""), detect("12 / 3")
    ('und', 'und')
    """
    return _judge(text)


def _split(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph, without its surrounding white space: paragraphs are
    separated by blank lines, or by line breaks when the text has no blank line."""
    sep = _BLANK_LINE if _BLANK_LINE.search(text) else _LINE_BREAK
    out: list[tuple[int, int]] = []
    pos = 0
    for m in [*sep.finditer(text), None]:
        stop = m.start() if m is not None else len(text)
        chunk = text[pos:stop]
        stripped = chunk.strip()
        if stripped:
            start = pos + (len(chunk) - len(chunk.lstrip()))
            out.append((start, start + len(stripped)))
        if m is not None:
            pos = m.end()
    return out


def paragraphs(text: str, merge: bool = True) -> list[tuple[int, int, str]]:
    """(start, end, lang) of each paragraph of ``text``: ``text[start:end]`` is the paragraph
    without its surrounding white space.

    Paragraphs are split at blank lines, or at single line breaks when there are no blank
    lines. A paragraph too short to judge (fewer than :data:`SHORT_LETTERS` letters, not
    decided by its script) takes the language of the paragraph before it, or after it when
    it is the first: headlines, datelines and captions are in the article's language far more
    often than lingua is right about five words. With ``merge`` (the default) consecutive
    paragraphs of the same language become one span, from the first one's start to the last
    one's end.

    >>> paragraphs("")
    []
    """
    spans = _split(text)
    langs: list[str] = []
    short: list[bool] = []
    for start, end in spans:
        chunk = text[start:end]
        langs.append(_judge(chunk))
        short.append(_letters(chunk) < SHORT_LETTERS and script_language(chunk) is None)
    reliable = [i for i, s in enumerate(short) if not s and langs[i] != UNDETERMINED]
    if reliable:
        for i, is_short in enumerate(short):
            if is_short:
                k = bisect.bisect_left(reliable, i)  # reliable paragraphs before i: reliable[:k]
                langs[i] = langs[reliable[k - 1] if k else reliable[0]]
    out: list[tuple[int, int, str]] = []
    for (start, end), lang in zip(spans, langs, strict=True):
        if merge and out and out[-1][2] == lang:
            out[-1] = (out[-1][0], end, lang)
        else:
            out.append((start, end, lang))
    return out
