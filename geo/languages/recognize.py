"""Place-name recognition for Russian, Azerbaijani, Armenian and unsupported languages.

Russian: slovnet's NER (:mod:`geo.languages.russian`) gives the locations; every name is
lemmatised (pymorphy3) before the gazetteer look-up ("в Степанакерте" -> Степанакерт). All
languages: the gazetteer matcher over capitalised runs (:func:`morphology.capitalised_runs`),
each word looked up through its base forms, chosen by the word's own script (Cyrillic ->
Russian lemmas, Armenian -> Armenian case stripping, Latin -> Azerbaijani case stripping when
the paragraph is Azerbaijani), so a name in any script is tried in any paragraph.

Cue words (:data:`morphology.CUE_WORDS`) after a name give its class: "X коридор" / "X dəhlizi"
/ "X միջանցք" is one mention of the corridor, cue word included; "X район" / "X rayonu" /
"X շրջան" is a mention "X" with the cue ``district``, looked up first with the cue's base form
("Агдамский район"), then alone. Russian cues also stand before the name ("город Шуша").
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from gazetteer.scripts import script_of
from geo.config import Languages, LanguageSettings
from geo.languages import morphology
from geo.model import Mention

__all__ = ["SUPPORTED", "LanguageRecognizer"]

#: Languages with their own morphology and cue tables.
SUPPORTED = frozenset({"ru", "az", "hy"})

_WORD = re.compile(r"[^\W\d_](?:[^\W\d_]|[\u0300-\u036f\u055b\u055c\u055e\u055f'’ʼ-])*")
# Azerbaijani letters English and Russian do not write: a Latin word with one is Azerbaijani.
_AZ_LETTERS = frozenset("əƏğĞıİşŞçÇöÖüÜ")
# NER labels whose spans may be places (slovnet tags places LOC; a one-word ORG or PER that is
# a prominent place name is usually a country or capital used for its government).
_NER_PLACE = "LOC"
#: A one-word name from the matcher has at least this many letters.
MIN_LETTERS = 3


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    lemma: str
    cue: str | None
    source: str
    #: a sentence-initial name under its threshold: kept only when the text names the same
    #: place elsewhere (a capitalised common word at a sentence start is no place)
    pending: bool = False


class LanguageRecognizer:
    """Mentions of places in paragraphs of a language other than English.

    ``places(name)`` is the gazetteer look-up (places, best first) and ``prominence(place)``
    how surely a bare name means that place, in [0, 1]; ``russian_ner`` returns
    ``(start, end, label)`` spans of a text (None: no Russian model, runs only).
    """

    def __init__(
        self,
        places: Callable[[str], tuple[object, ...]],
        prominence: Callable[[object], float],
        settings: Languages,
        russian_ner: Callable[[str], list[tuple[int, int, str]]] | None = None,
        strict: Callable[[str], float] | None = None,
    ) -> None:
        self._places = places
        self._prominence = prominence
        self.settings = settings
        self._ner = russian_ner
        # At a sentence start a capitalised word may be any word: there a name counts by the
        # gazetteer's strict prominence (an alternate name of a town counts half), so that
        # "Son", "Yol", "İndi" are no places.
        self._strict = strict
        self._cache: dict[str, float] = {}

    # -- look-ups ---------------------------------------------------------------------------

    def score(self, name: str) -> float:
        """The best prominence of the places ``name`` names (0: none). Alternate names count
        fully: in these languages nearly every name is one."""
        got = self._cache.get(name)
        if got is None:
            got = max((self._prominence(p) for p in self._places(name)), default=0.0)
            self._cache[name] = got
        return got

    def _forms(self, phrase: str, lang: str) -> list[str]:
        """Base forms of a phrase to look up, best first, by the script of its last word."""
        words = phrase.split(" ")
        script = script_of(words[-1])
        if script == "Cyrl":
            from geo.languages.russian import lemma_forms

            return lemma_forms(phrase)
        if script == "Armn":
            return [" ".join([*words[:-1], s]) for s in morphology.stems(words[-1], "hy")]
        if script == "Latn" and (lang in ("az", "tr") or _AZ_LETTERS & set(phrase)):
            return [" ".join([*words[:-1], s]) for s in morphology.stems(words[-1], "az")]
        return [phrase]

    def _best(self, forms: Iterable[str], threshold: float) -> tuple[str, float] | None:
        best: tuple[str, float] | None = None
        for form in forms:
            s = self.score(form)
            if s > 0 and s >= threshold and (best is None or s > best[1] + 1e-9):
                best = (form, s)
        return best

    # -- cue words --------------------------------------------------------------------------

    def _cue_after(self, text: str, end: int, lang: str) -> tuple[str, bool, int] | None:
        """(class, whole, end of the cue word) of a cue word right after ``end``."""
        m = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
        if m is None:
            return None
        table = morphology.CUE_WORDS.get(_table_lang(m.group(), lang), {})
        got = table.get(m.group().lower())
        return (got[0], got[1], m.end()) if got else None

    def _cue_before(self, text: str, start: int, lang: str) -> str | None:
        if "before" not in morphology.CUE_POSITION.get(lang, ()) or start < 2:
            return None
        if text[start - 1] != " ":
            return None
        m = re.search(r"([^\W\d_]+)$", text[max(0, start - 30) : start - 1])
        if m is None:
            return None
        got = morphology.CUE_WORDS.get(lang, {}).get(m.group(1).lower())
        return got[0] if got else None

    def _with_cue(self, forms: list[str], cue: str, lang: str) -> list[str]:
        bases = dict(self.settings.of(lang).cue_names).get(cue, ())
        return [f"{f} {b}" for b in bases for f in forms]

    # -- one paragraph ----------------------------------------------------------------------

    def mentions(self, text: str, start: int, end: int, lang: str) -> list[Mention]:
        """The mentions in ``text[start:end]``, a paragraph in ``lang``; offsets into ``text``."""
        return self.mentions_many(text, [(start, end, lang)])

    def mentions_many(self, text: str, paragraphs: Iterable[tuple[int, int, str]]) -> list[Mention]:
        """The mentions of several paragraphs ``(start, end, lang)`` of one text: a name at a
        sentence start under its threshold counts when another mention has the same base."""
        found: list[tuple[int, _Found]] = []
        for start, end, lang in paragraphs:
            found.extend((start, f) for f in self._paragraph(text[start:end], lang))
        known = {f.lemma for _, f in found if not f.pending}
        out: list[Mention] = []
        for start, f in found:
            if f.pending and f.lemma not in known:
                continue
            surface = text[start + f.start : start + f.end]
            lemma = f.lemma if f.lemma != surface else None
            out.append(Mention(start + f.start, start + f.end, surface, f.source, f.cue, lemma))
        return out

    def _paragraph(self, para: str, lang: str) -> list[_Found]:
        settings = self.settings.of(lang)
        found: list[_Found] = []
        taken: list[tuple[int, int]] = []
        if self._ner is not None and lang == "ru":
            for s, e, label in self._ner(para):
                if label != _NER_PLACE:
                    continue
                got = self._span(para, s, e, lang, settings.ner_location, "ner:LOC")
                if got is not None:
                    found.append(got)
                    taken.append((got.start, got.end))
        for run in morphology.capitalised_runs(para, lang):
            if any(s < run.end and run.start < e for s, e in taken):
                continue
            for got in self._run(para, run, lang, settings):
                found.append(got)
        found.sort(key=lambda f: (f.start, -f.end))
        out: list[_Found] = []
        last = -1
        for f in found:
            if f.start >= last:
                out.append(f)
                last = f.end
        return out

    def _span(
        self, para: str, s: int, e: int, lang: str, threshold: float, source: str
    ) -> _Found | None:
        """A NER span: a trailing cue word is cut off (kept for a corridor), a following one
        read; then the best base form the gazetteer holds."""
        words = para[s:e].split(" ")
        cue: str | None = None
        table = morphology.CUE_WORDS.get(lang, {})
        if len(words) > 1 and words[-1].lower() in table:
            cue = table[words[-1].lower()][0]
            if cue != "corridor":
                e = s + len(" ".join(words[:-1]))
        if cue is None:
            after = self._cue_after(para, e, lang)
            if after is not None:
                cue = after[0]
                if cue == "corridor":
                    e = after[2]
        cue = cue or self._cue_before(para, s, lang)
        return self._resolve_name(para, s, e, lang, cue, threshold, source)

    def _resolve_name(
        self, para: str, s: int, e: int, lang: str, cue: str | None, threshold: float, source: str
    ) -> _Found | None:
        phrase = " ".join(para[s:e].split())
        forms = self._forms(phrase, lang)
        tried: list[str] = []
        if cue is not None and cue != "corridor":
            tried += self._with_cue(forms, cue, lang)
        tried += forms
        got = self._best(tried, threshold)
        if got is None and cue == "corridor":
            # "Лачинского коридора": the gazetteer may hold the corridor under the name alone
            return None
        if got is None:
            return None
        return _Found(s, e, got[0], cue, source)

    def _run(
        self, para: str, run: morphology.Run, lang: str, settings: LanguageSettings
    ) -> Iterable[_Found]:
        """Greedy longest match over the run's words, left to right."""
        words = [(m.start() + run.start, m.end() + run.start) for m in
                 _WORD.finditer(para[run.start : run.end])]  # fmt: skip
        i = 0
        while i < len(words):
            hit: _Found | None = None
            for j in range(len(words), i, -1):
                s, e = words[i][0], words[j - 1][1]
                threshold = (
                    settings.sentence_initial
                    if i == 0 and run.sentence_start
                    else settings.min_prominence
                )
                cue = None
                if j == len(words):
                    after = self._cue_after(para, e, lang)
                    if after is not None:
                        cue = after[0]
                        if cue == "corridor":
                            got = self._resolve_name(
                                para, s, after[2], lang, cue, threshold, "gazetteer"
                            )
                            if got is not None:
                                hit = got
                                break
                    if i == 0:
                        cue = cue or self._cue_before(para, s, lang)
                if j == i + 1 and sum(c.isalpha() for c in para[s:e]) < MIN_LETTERS:
                    continue  # "По", "Во": two-letter words are prepositions, not places
                if j == len(words) and cue is None:
                    # A name whose second word is written in lower case ("Եվրոպական
                    # միություն", "Европейский союз"): the run and the next word.
                    nxt = _WORD.match(para, e + 1) if para[e : e + 1] == " " else None
                    if nxt is not None and not _capitalised(nxt.group()):
                        got = self._resolve_name(
                            para, s, nxt.end(), lang, None, settings.min_prominence, "gazetteer"
                        )
                        if got is not None and " " in got.lemma:
                            hit = got
                            break
                hit = self._resolve_name(para, s, e, lang, cue, threshold, "gazetteer")
                initial = threshold > settings.min_prominence
                # Only Latin script: Cyrillic and Armenian alternate names are rarely words.
                latin = script_of(para[s:e]) == "Latn"
                strict = self._strict
                weak = strict is not None and hit is not None and strict(hit.lemma) < threshold
                if hit is not None and initial and latin and weak:
                    hit = _Found(hit.start, hit.end, hit.lemma, hit.cue, hit.source, True)
                if hit is None and initial:
                    hit = self._resolve_name(
                        para, s, e, lang, cue, settings.min_prominence, "gazetteer"
                    )
                    if hit is not None:
                        hit = _Found(hit.start, hit.end, hit.lemma, hit.cue, hit.source, True)
                if hit is not None:
                    break
            if hit is None:
                i += 1
                continue
            yield hit
            while i < len(words) and words[i][0] < hit.end:
                i += 1


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].istitle()


def _table_lang(word: str, lang: str) -> str:
    """The language whose cue table a word is read with: by its script first."""
    script = script_of(word)
    if script == "Cyrl":
        return "ru"
    if script == "Armn":
        return "hy"
    return "az" if lang not in ("ru", "hy") else lang
