"""Russian named-entity recognition and place-name lemmatisation.

NER is slovnet's ``slovnet_ner_news_v1`` CNN-CRF tagger over navec ``news_v1`` embeddings
(labels LOC, ORG, PER). Both weight files ship inside the ``natasha`` wheel, so nothing is
fetched at run time. We read them from natasha's installed folder *without importing natasha*:
natasha's ``__init__`` imports pymorphy2, which does not import on Python 3.11
(``inspect.getargspec`` is gone). Morphology for :func:`lemma_forms` is pymorphy3 with the
``pymorphy3-dicts-ru`` OpenCorpora dictionary.

This module depends on nothing else in ``geo``, so it survives the package reorganisation;
heavy imports happen inside :func:`load` and :func:`lemma_forms` so that importing it is cheap.
"""

from __future__ import annotations

import functools
import importlib.util
import re
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pymorphy3

__all__ = ["RuSpan", "RussianNER", "lemma_forms", "load", "weight_paths"]

# Paths inside the natasha 1.6.0 wheel (natasha/data/...), MIT licence.
NAVEC_FILE = Path("data", "emb", "navec_news_v1_1B_250K_300d_100q.tar")
NER_FILE = Path("data", "model", "slovnet_ner_news_v1.tar")

# The model sees one chunk at a time and pads a batch to its longest chunk, so a bound on the
# chunk length bounds memory whatever the article's length. The CNN's receptive field is a few
# tokens, so chunking at paragraph/sentence breaks costs no accuracy.
MAX_CHUNK_CHARS = 2000
BATCH_SIZE = 8

LABELS = frozenset({"LOC", "ORG", "PER"})


@dataclass(frozen=True, slots=True)
class RuSpan:
    """One entity: ``text == source[start:end]``; label is 'LOC', 'ORG' or 'PER'."""

    start: int
    end: int
    text: str
    label: str


# --------------------------------------------------------------------------------------------
# NER
# --------------------------------------------------------------------------------------------


def weight_paths() -> tuple[Path, Path]:
    """(navec embeddings, slovnet NER model) as installed by the natasha wheel.

    ``find_spec`` on a top-level package locates it without executing its ``__init__``, which
    is what lets us use the weights although ``import natasha`` itself fails on 3.11.
    """
    spec = importlib.util.find_spec("natasha")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "The Russian NER weights ship in the natasha wheel: "
            "pip install --no-deps natasha==1.6.0"
        )
    for folder in spec.submodule_search_locations:
        navec, ner = Path(folder) / NAVEC_FILE, Path(folder) / NER_FILE
        if navec.is_file() and ner.is_file():
            return navec, ner
    raise RuntimeError(f"natasha is installed but has no {NAVEC_FILE} and {NER_FILE}")


class RussianNER:
    """slovnet NER over navec embeddings; one instance per process via :func:`load`."""

    def __init__(self, navec_path: Path, ner_path: Path, batch_size: int = BATCH_SIZE) -> None:
        from navec import Navec
        from slovnet import NER

        self._navec = Navec.load(str(navec_path))
        self._ner: Any = NER.load(str(ner_path), batch_size=batch_size)
        self._ner.navec(self._navec)
        self._batch_size = batch_size
        # The numpy model keeps no per-call state, but serialise calls anyway so that a
        # threaded caller (Streamlit) never interleaves two batches in one tagger.
        self._lock = threading.Lock()

    def entities(self, text: str) -> list[RuSpan]:
        """Entities of ``text`` with exact character offsets into ``text``, in text order."""
        if not text or text.isspace():
            return []
        found: list[RuSpan] = []
        batch: list[tuple[int, str]] = []
        for chunk in _chunks(text, MAX_CHUNK_CHARS):
            batch.append(chunk)
            if len(batch) == self._batch_size:
                found.extend(self._tag(batch, text))
                batch = []
        if batch:
            found.extend(self._tag(batch, text))
        return found

    def _tag(self, batch: Sequence[tuple[int, str]], text: str) -> Iterator[RuSpan]:
        with self._lock:
            markups = list(self._ner.map([chunk for _, chunk in batch]))
        for (offset, _), markup in zip(batch, markups, strict=True):
            for span in markup.spans:
                if span.type not in LABELS:
                    continue
                start, end = offset + span.start, offset + span.stop
                yield RuSpan(start, end, text[start:end], span.type)


_load_lock = threading.Lock()


@functools.cache
def _load_cached() -> RussianNER:
    return RussianNER(*weight_paths())


def load() -> RussianNER:
    """The process-wide :class:`RussianNER`, loaded on first call (about 0.5 s, ~100 MB)."""
    with _load_lock:  # functools.cache alone could load twice under a thread race
        return _load_cached()


def _chunks(text: str, limit: int) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs covering every non-blank line of ``text``, each at most ``limit``
    characters, cut at line breaks first, then sentence ends, then whitespace."""
    start = end = -1
    for unit_start, unit_end in _units(text, limit):
        if start >= 0 and unit_end - start > limit:
            yield start, text[start:end]
            start = -1
        if start < 0:
            start = unit_start
        end = unit_end
    if start >= 0:
        yield start, text[start:end]


def _units(text: str, limit: int) -> Iterator[tuple[int, int]]:
    for line in re.finditer(r"[^\n]+", text):
        if line.group().isspace():
            continue
        if line.end() - line.start() <= limit:
            yield line.start(), line.end()
            continue
        from razdel import sentenize

        for sent in sentenize(line.group()):
            yield from _split_long(text, line.start() + sent.start, line.start() + sent.stop, limit)


def _split_long(text: str, start: int, end: int, limit: int) -> Iterator[tuple[int, int]]:
    # A "sentence" longer than the limit (lists, tables, text without punctuation): cut at the
    # last whitespace before the limit, or hard-cut if a single token is that long.
    while end - start > limit:
        cut = text.rfind(" ", start + 1, start + limit)
        if cut <= start:
            cut = start + limit
        yield start, cut
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if start < end:
        yield start, end


# --------------------------------------------------------------------------------------------
# Lemmatisation of place-name phrases
# --------------------------------------------------------------------------------------------

MAX_FORMS = 6

_ADJ_POS = frozenset({"ADJF", "PRTF"})
# Cues about what a place name is (Geox: in the dictionary as a toponym) or is not (people).
_PERSON = frozenset({"Name", "Surn", "Patr"})
# How pymorphy3 names its analysers that recognise a word rather than guess it.
_KNOWN = frozenset({"DictionaryAnalyzer", "HyphenatedWordsAnalyzer"})

# Nominative guesses from case endings for words pymorphy3 does not know as places
# (surface ending -> nominative endings): "Гадруте" -> "Гадрут", "Бердзора" -> "Бердзор".
_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ии", ("ия",)),
    ("ом", ("",)),
    ("ем", ("", "ь")),
    ("ой", ("а",)),
    ("ей", ("я", "ь")),
    ("е", ("", "а")),
    ("а", ("",)),
    ("я", ("ь",)),
    ("у", ("", "а")),
    ("ю", ("ь",)),
    ("ы", ("а",)),
    ("и", ("а", "ь")),
)
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")


@functools.cache
def _morph() -> pymorphy3.MorphAnalyzer:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")


def lemma_forms(phrase: str) -> list[str]:
    """Dictionary (nominative) forms of a Russian place-name phrase, best first.

    Adjectives before the head noun are put in the nominative agreeing with the head's gender
    and number; words after the head (genitive dependents, appositions) stay as they are.
    Capitalisation follows the input. The phrase itself (whitespace collapsed) is always the
    last-resort candidate, so a caller can look every candidate up in a gazetteer in order.
    """
    words = phrase.split()
    if not words:
        return []
    surface = " ".join(words)
    if not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        # Latin, digits or punctuation: no Russian morphology to undo; the surface is all we
        # can offer without inventing forms.
        return [surface]
    parses = [_morph().parse(w) for w in words]
    head = _head_index(parses)

    known_place = _known_place(parses[head])
    scored: dict[str, float] = {}
    for parse, weight in _head_parses(parses[head]):
        if known_place and parse.tag.POS == "NOUN" and "Geox" not in parse.tag.grammemes:
            continue  # "Баку" is the city, not the dative of "бак" (tank)
        lemma = _inflect_head(parse)
        adjectives = [_agree(parses[i], parse) for i in range(head)]
        out = [*adjectives, lemma, *(w.lower() for w in words[head + 1 :])]
        text = " ".join(_copy_case(w, o) for w, o in zip(words, out, strict=True))
        scored[text] = scored.get(text, 0.0) + weight

    forms = sorted(scored, key=lambda t: -scored[t])
    adjective_head = parses[head][0].tag.POS in _ADJ_POS  # "Лачинскому": no noun ending
    if not (known_place or adjective_head or _known_common_noun(parses[head])):
        # pymorphy3 guessed (or read the name as a person's, or as indeclinable): add
        # ending-based guesses for the head word, keeping the best adjective agreement.
        best = forms[0].split(" ") if forms else list(words)
        for guess in _ending_guesses(words[head]):
            forms.append(" ".join([*best[:head], guess, *words[head + 1 :]]))
    ranked = _dedupe(_yo_variants([*forms, surface], surface))[:MAX_FORMS]
    if surface not in ranked:  # the fallback survives the cap
        ranked[-1] = surface
    return ranked


def _head_index(parses: Sequence[Sequence[Any]]) -> int:
    """The first word that is more likely a noun than an adjective; else the last word."""
    for i, word_parses in enumerate(parses[:-1]):
        noun = sum(p.score for p in word_parses if p.tag.POS == "NOUN")
        adj = sum(p.score for p in word_parses if p.tag.POS in _ADJ_POS)
        if noun >= adj:
            return i
    return len(parses) - 1


def _head_parses(parses: Sequence[Any]) -> Iterator[tuple[Any, float]]:
    # Reweigh pymorphy3's corpus frequencies for place names: toponyms up, people and
    # animate readings down ("Бердзора" is the genitive of a town, not a woman's name).
    for p in parses:
        weight = p.score
        grammemes = p.tag.grammemes
        if "Geox" in grammemes:
            weight *= 3.0
        if grammemes & _PERSON:
            weight *= 0.3
        if "anim" in grammemes:
            weight *= 0.5
        if p.tag.POS != "NOUN":
            weight *= 0.5
        yield p, weight


def _known_place(parses: Iterable[Any]) -> bool:
    return any(
        "Geox" in p.tag.grammemes and type(p.methods_stack[0][0]).__name__ in _KNOWN for p in parses
    )


def _known_common_noun(parses: Iterable[Any]) -> bool:
    # "районе", "коридора": ordinary dictionary nouns whose inflection pymorphy3 knows, so
    # ending guesses would only add noise ("района" -> "Агдамский района").
    return any(
        p.tag.POS == "NOUN"
        and type(p.methods_stack[0][0]).__name__ in _KNOWN
        and not p.tag.grammemes & (_PERSON | {"Fixd", "anim"})
        for p in parses
    )


def _inflect_head(parse: Any) -> str:
    # inflect({'nomn'}) keeps the number, so "Штатах" -> "штаты", not normal_form's "штат".
    form = parse.inflect({"nomn"})
    return str(form.word if form is not None else parse.normal_form)


def _agree(parses: Sequence[Any], head: Any) -> str:
    """An adjective's nominative agreeing with ``head`` in gender and number."""
    adjectives = [p for p in parses if p.tag.POS in _ADJ_POS]
    if not adjectives:
        return str(parses[0].word)  # not an adjective after all: leave it alone
    # Prefer the reading that agrees with the head's case, as in the text.
    adjectives.sort(key=lambda p: (p.tag.case != head.tag.case, -p.score))
    if "plur" in head.tag.grammemes and "Sgtm" not in head.tag.grammemes:
        wanted = {"nomn", "plur"}
    else:
        wanted = {"nomn", "sing", head.tag.gender or "masc"}
    for p in adjectives:
        form = p.inflect(wanted)
        if form is not None:
            return str(form.word)
    return str(adjectives[0].normal_form)


def _ending_guesses(word: str) -> Iterator[str]:
    lower = word.lower()
    for ending, replacements in _ENDINGS:
        stem = lower[: len(lower) - len(ending)]
        if lower.endswith(ending) and len(stem) >= 3:
            for replacement in replacements:
                yield _copy_case(word, stem + replacement)
            return


def _copy_case(source: str, target: str) -> str:
    """Give ``target`` the capitalisation of ``source``, hyphen-part by hyphen-part."""
    src_parts, dst_parts = source.split("-"), target.split("-")
    if len(src_parts) != len(dst_parts):
        src_parts, dst_parts = [source], [target]
    return "-".join(_copy_part_case(s, d) for s, d in zip(src_parts, dst_parts, strict=True))


def _copy_part_case(source: str, target: str) -> str:
    if not source:
        return target
    # Letter i takes the case of source letter i; letters past the end of source (a new
    # ending) take the case of source's last letter, so "МОСКВЕ" -> "МОСКВА".
    last = len(source) - 1
    return "".join(
        ch.upper() if source[min(i, last)].isupper() else ch.lower() for i, ch in enumerate(target)
    )


def _yo_variants(forms: Iterable[str], surface: str) -> Iterator[str]:
    # pymorphy3 writes ё; news text and gazetteers usually don't. Follow the input's habit
    # first and offer the other spelling second.
    uses_yo = "ё" in surface.lower()
    for form in forms:
        if "ё" in form.lower() and not uses_yo:
            yield form.replace("ё", "е").replace("Ё", "Е")
        yield form


def _dedupe(forms: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(forms))
