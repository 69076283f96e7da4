"""Case-suffix stripping, cue words and capitalised runs for Azerbaijani and Armenian.

Neither language has a NER model on the package registries, so the geoparser finds their place
names with the gazetteer matcher over runs of capitalised words (:func:`capitalised_runs`);
the gazetteer holds base forms, and these languages inflect names with suffixes, so each
capitalised word is looked up through its candidate base forms (:func:`stems`). Russian is
lemmatised elsewhere (pymorphy3, :mod:`geo.languages.russian`); here it only has cue words.

Sources of the suffix tables:

- Azerbaijani: Mirzəyev / "Azerbaijani: A Comprehensive Grammar" (Routledge), nominal
  morphology: the order stem + plural -lAr + 3sg possessive -(s)I + case (+ -kI), two-way
  harmony A = a/ə and four-way harmony I = ı/i/u/ü by the last vowel of what precedes; buffer
  consonants after a vowel: y before the dative -(y)A and the instrumental -(y)lA, n before the
  genitive -(n)In and the accusative -(n)I; the "pronominal n" between the 3sg possessive and a
  case (rayon-u-nda, dəhliz-i-ndən). Locative -dA and ablative -dAn keep their d after any
  sound in the standard orthography. Some writers set an apostrophe (Laçın'da) or, after
  acronyms, a hyphen (ABŞ-da) between a name and its suffixes.
- Armenian: Dum-Tragut, "Armenian: Modern Eastern Armenian" (John Benjamins, 2009), nominal
  inflection: genitive/dative -ի (i-declension), -ու (u-declension), -վա (time words);
  ablative -ից / -ուց; instrumental -ով; locative -ում; definite article -ը after a consonant,
  -ն after a vowel (and after a consonant before a vowel-initial word), also after a case
  (-ին = -ի + -ն). A stem ending in -ա, -ո, -օ, -է, -ե takes a glide յ before a vowel-initial
  suffix (Մոսկվա, Մոսկվայում); a stem in -ի takes none (Շուշի, Շուշիում); a stem in -ու turns
  it into վ (Բաքու, Բաքվում). The old genitive -ա survives in fixed names (Սևանա լիճ).

:func:`stems` over-generates on purpose: it cannot know which analysis is right without the
gazetteer (Laçına is Laçın + dative, but Laç + possessive + dative is grammatical too), so
every analysis the grammar allows is a candidate and the gazetteer look-up decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator
from typing import NamedTuple

__all__ = [
    "CUE_POSITION",
    "CUE_WORDS",
    "MAX_RUN_WORDS",
    "MIN_STEM_LETTERS",
    "Run",
    "capitalised_runs",
    "stems",
]

#: Stripping never leaves fewer letters than this (a two-letter stem matches too much).
MIN_STEM_LETTERS = 3
#: Capitalised words in one run at most (longer runs are cut into runs of this length).
MAX_RUN_WORDS = 4

# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------

_APOSTROPHES = "'’ʼ`"
_HYPHENS = "-‐‑֊"  # ASCII, Unicode hyphen, non-breaking hyphen, Armenian hyphen


def _lower(word: str, lang: str) -> str:
    """Lower case one character at a time, so that offsets into ``word`` stay valid
    (``"İ".lower()`` is two characters); Azerbaijani dotless/dotted I are mapped by its
    rules (I → ı, İ → i) rather than by English ones."""
    out = []
    for c in word:
        if lang == "az" and c == "I":
            out.append("ı")
        elif c == "İ":
            out.append("i")
        else:
            low = c.lower()
            out.append(low if len(low) == 1 else c)
    return "".join(out)


def _letters(s: str) -> int:
    return sum(1 for c in s if c.isalpha())


def _like(added: str, model: str) -> str:
    """``added`` in the case of ``model`` (the letter it replaces), so that ÇAYI's stem stays
    upper case when a letter is restored."""
    return added.upper() if model.isupper() else added


# --------------------------------------------------------------------------------------------
# Azerbaijani
# --------------------------------------------------------------------------------------------

_AZ_BACK = frozenset("aıou")
_AZ_VOWELS = frozenset("aıoueəiöü")
_AZ_FOUR = {"a": "ı", "ı": "ı", "o": "u", "u": "u", "e": "i", "ə": "i", "i": "i", "ö": "ü"}
_AZ_FOUR["ü"] = "ü"
_AZ_POSS_VOWELS = frozenset("ıiuü")

# Case suffixes (the outermost layer) as templates: A two-way, I four-way harmony. What must
# precede: "any" sound, a "cons"onant, a "vowel", or a 3sg "poss"essive (pronominal n).
_AZ_CASES: tuple[tuple[str, str], ...] = (
    ("dAkI", "any"),  # locative + -ki: Bakıdakı, Gəncədəki
    ("dAn", "any"),  # ablative
    ("dA", "any"),  # locative
    ("A", "cons"),  # dative
    ("yA", "vowel"),
    ("In", "cons"),  # genitive
    ("nIn", "vowel"),
    ("I", "cons"),  # accusative
    ("nI", "vowel"),
    ("lA", "cons"),  # instrumental (the suffixed form of ilə)
    ("ylA", "vowel"),
    ("ndAkI", "poss"),  # after the 3sg possessive: rayonundakı
    ("ndAn", "poss"),
    ("ndA", "poss"),
    ("nA", "poss"),
)


def _az_last_vowel(s: str) -> str | None:
    for c in reversed(s):
        if c in _AZ_VOWELS:
            return c
    return None


def _az_realise(template: str, before: str) -> str:
    """The suffix ``template`` as written after ``before`` (vowel harmony). A stem with no
    vowel (an acronym read by letter names) is taken as front-vowelled: ABŞ-da is the hyphen
    case, handled apart, so this only matters for rare vowel-less stems."""
    v = _az_last_vowel(before) or "ə"
    out = []
    for c in template:  # each vowel harmonises with the one before it, even the suffix's own
        if c == "A":
            c = "a" if v in _AZ_BACK else "ə"
        elif c == "I":
            c = _AZ_FOUR[v]
        if c in _AZ_VOWELS:
            v = c
        out.append(c)
    return "".join(out)


def _az_ends_vowel(s: str) -> bool:
    return bool(s) and s[-1] in _AZ_VOWELS


def _az_strip_case(low: str, after_possessive: bool = True) -> Iterator[tuple[int, bool]]:
    """(end of the rest, whether the suffix began with a vowel) for each case suffix of
    ``low`` that fits what precedes it."""
    for template, needs in _AZ_CASES:
        if needs == "poss" and not after_possessive:
            continue
        n = len(template)
        if len(low) <= n:
            continue
        rest = low[:-n]
        if low[-n:] != _az_realise(template, rest):
            continue
        if needs == "cons" and _az_ends_vowel(rest):
            continue
        if needs == "vowel" and not _az_ends_vowel(rest):
            continue
        if needs == "poss" and rest[-1] not in _AZ_POSS_VOWELS:
            continue
        yield len(rest), template[0] in "AI"


def _az_strip_poss(low: str) -> Iterator[tuple[int, bool]]:
    """The 3sg possessive: -sI after a vowel, -I after a consonant (Bakısı, rayonu)."""
    for template, after_vowel in (("sI", True), ("I", False)):
        n = len(template)
        if len(low) <= n:
            continue
        rest = low[:-n]
        if low[-n:] == _az_realise(template, rest) and _az_ends_vowel(rest) == after_vowel:
            yield len(rest), not after_vowel


def _az_strip_plural(low: str) -> Iterator[tuple[int, bool]]:
    if len(low) > 3 and low[-3:] == _az_realise("lAr", low[:-3]):
        yield len(low) - 3, False


def _az_strip_name_case(low: str) -> Iterator[tuple[int, bool]]:
    """The case suffixes a proper name takes: not the pronominal-n forms, which only follow a
    possessive (see :func:`_az_analyses`)."""
    return _az_strip_case(low, after_possessive=False)


def _az_analyses(low: str, name: bool) -> dict[int, bool]:
    """Every stem end the suffix chain [plural][possessive][case] allows, each with whether
    a vowel-initial suffix followed it (for the q/ğ alternation).

    A ``name`` (a capitalised word) skips the possessive: names do not take it, and many end
    in the vowels it is made of (Bakı, Füzuli, Xankəndi), which it would strip (Bakıda would
    give "Bak" first)."""
    found: dict[int, bool] = {}
    layers: tuple[Callable[[str], Iterator[tuple[int, bool]]], ...] = (
        (_az_strip_name_case, _az_strip_plural)
        if name
        else (_az_strip_case, _az_strip_poss, _az_strip_plural)
    )

    def walk(end: int, layer: int) -> None:
        for k in range(layer, len(layers)):
            for rest, vowel_next in layers[k](low[:end]):
                if rest not in found:
                    found[rest] = vowel_next
                walk(rest, k + 1)

    walk(len(low), 0)
    return found


def _az_stems(word: str) -> list[tuple[int, str]]:
    """(letters removed, stem) for each Azerbaijani analysis of ``word``."""
    low = _lower(word, "az")
    out: list[tuple[int, str]] = []
    for end, vowel_next in _az_analyses(low, name=word[:1].isupper()).items():
        stem = word[:end]
        out.append((len(word) - end, stem))
        # Final q is written ğ before a vowel (Ağbulaq, Ağbulağa): restore it as a second guess.
        if vowel_next and low[end - 1] == "ğ":
            out.append((len(word) - end, stem[:-1] + _like("q", stem[-1])))
    return out


# --------------------------------------------------------------------------------------------
# Armenian
# --------------------------------------------------------------------------------------------

_HY_VOWELS = frozenset("աեէըիոօ")  # plus the digraph ու, tested apart
_HY_GLIDE_VOWELS = frozenset("աեէոօ")  # a vowel that takes the glide յ before a vowel suffix


def _hy_ends_vowel(s: str) -> bool:
    return bool(s) and (s[-1] in _HY_VOWELS or s.endswith("ու"))


# Case suffixes: (suffix, starts with a vowel, may follow a consonant only).
_HY_CASES: tuple[tuple[str, bool, bool], ...] = (
    ("ուց", True, True),  # ablative, u-declension
    ("ից", True, False),  # ablative
    ("ում", True, False),  # locative
    ("ով", True, False),  # instrumental
    ("վա", False, False),  # genitive of time words (and some names)
    ("ու", True, True),  # genitive/dative, u-declension
    ("ի", True, False),  # genitive/dative
    ("ա", True, True),  # old genitive in fixed names: Սևանա լիճ
)


def _hy_case_stems(word: str, low: str) -> Iterator[tuple[int, str]]:
    """(end of the stem in ``word``, stem) for each case suffix at the end of ``low``."""
    for suffix, vowel_initial, after_consonant in _HY_CASES:
        n = len(suffix)
        if len(low) <= n or not low.endswith(suffix):
            continue
        end = len(low) - n
        rest = low[:end]
        if not vowel_initial:
            yield end, word[:end]
            continue
        if rest[-1] in _HY_GLIDE_VOWELS:
            continue  # a vowel stem would have taken the glide: Մոսկվաում is not written
        if after_consonant and _hy_ends_vowel(rest):
            continue
        yield end, word[:end]
        if rest[-1] == "յ" and len(rest) > 1 and rest[-2] in _HY_GLIDE_VOWELS:
            yield end - 1, word[: end - 1]  # Մոսկվայում → Մոսկվա
        if rest[-1] == "վ" and not after_consonant:
            restored = word[: end - 1] + _like("ու", word[end - 1])
            yield end - 1, restored  # Բաքվում → Բաքու


def _hy_stems(word: str) -> list[tuple[int, str]]:
    """(letters removed, stem) for each Armenian analysis of ``word``: [case][article]."""
    low = _lower(word, "hy")
    out: list[tuple[int, str]] = []
    bases = [(len(word), word, low)]
    # The article: -ը after a consonant, -ն after anything (before a vowel-initial word a
    # consonant stem takes -ն too: Հայաստանն է).
    if len(low) > 1 and low.endswith("ը") and not _hy_ends_vowel(low[:-1]):
        bases.append((len(word) - 1, word[:-1], low[:-1]))
    if len(low) > 1 and low.endswith("ն"):
        bases.append((len(word) - 1, word[:-1], low[:-1]))
    for i, (end, base, base_low) in enumerate(bases):
        if i:
            out.append((len(word) - end, base))
        for stem_end, stem in _hy_case_stems(base, base_low):
            out.append((len(word) - stem_end, stem))
    return out


# --------------------------------------------------------------------------------------------
# stems()
# --------------------------------------------------------------------------------------------

_ANALYSERS = {"az": _az_stems, "hy": _hy_stems}
_SUFFIX_TAIL = re.compile(rf"[{re.escape(_APOSTROPHES + _HYPHENS)}]([^\W\d_]+)$")


def stems(word: str, lang: str) -> list[str]:
    """Candidate base forms of a possibly inflected proper name: ``word`` itself first, then
    stripped forms, longest suffix first, each with at least :data:`MIN_STEM_LETTERS` letters
    and the capitalisation of ``word``. Languages other than "az" and "hy" give ``[word]``.

    The word is NFC-normalised before stripping (a decomposed ş is one letter for the suffix
    tables); the first candidate is ``word`` exactly as given.

    >>> stems("Şuşadan", "az")
    ['Şuşadan', 'Şuşa']
    >>> stems("Xankəndidə", "az")  # also Xankəndid + dative -ə: the gazetteer tells
    ['Xankəndidə', 'Xankəndi', 'Xankəndid']
    >>> stems("Երևանում", "hy")
    ['Երևանում', 'Երևան']
    >>> stems("Bakıda", "en")
    ['Bakıda']
    """
    out = [word]
    analyse = _ANALYSERS.get(lang)
    if analyse is None or not word:
        return out
    text = unicodedata.normalize("NFC", word)
    found: list[tuple[int, str]] = []
    tail = _SUFFIX_TAIL.search(text)
    if tail is not None and tail.group(1) == _lower(tail.group(1), lang):
        # Laçın'da, ABŞ-da, ՆԱՏՕ-ի: the writer marked where the name ends. Only a lower-case
        # tail is a suffix; Naxçıvan-Culfa is a compound name.
        found.append((len(text) - tail.start(), text[: tail.start()]))
    else:
        found.extend(analyse(text))
    # Stable sort: among equally long suffixes the grammar's order (plain stem before a
    # restored consonant) stays.
    found.sort(key=lambda item: -item[0])
    for _removed, stem in found:
        if _letters(stem) >= MIN_STEM_LETTERS and stem not in out:
            out.append(stem)
    return out


# --------------------------------------------------------------------------------------------
# Cue words
# --------------------------------------------------------------------------------------------


def _az_inflect(base: str) -> list[str]:
    """The forms a cue noun takes after a name: the izafet (3sg possessive, "Laçın rayonu")
    and its cases, the plural and the plural possessive ("Ağdam və Laçın rayonları")."""
    forms = [base]
    heads = [base + _az_realise("sI" if _az_ends_vowel(base) else "I", base)]
    plural = base + _az_realise("lAr", base)
    forms.append(plural)
    heads.append(plural + _az_realise("I", plural))
    for head in heads:
        forms.append(head)
        for template in ("ndA", "ndAn", "nA", "nI", "nIn", "ylA", "ndAkI"):
            forms.append(head + _az_realise(template, head))
    return forms


def _hy_inflect(base: str, plural: str) -> list[str]:
    """The regular forms of a consonant-final Armenian cue noun and of its plural (-եր after
    one syllable, -ներ after more: the caller passes the plural)."""
    forms: list[str] = []
    for stem in (base, plural):
        forms.append(stem)
        for suffix in ("ը", "ն", "ի", "ին", "ում", "ից", "ով"):
            forms.append(stem + suffix)
    return forms


def _words(forms: str) -> list[str]:
    """The space-separated forms of a table row (one string per row keeps the tables short)."""
    return forms.split()


def _table(groups: Iterable[tuple[Iterable[str], str, bool]]) -> dict[str, tuple[str, bool]]:
    table: dict[str, tuple[str, bool]] = {}
    for forms, cue, whole in groups:
        for form in forms:
            table.setdefault(form, (cue, whole))  # the first reading of an ambiguous form wins
    return table


#: Cue words per language: lower-case form → (English cue class, whether the cue word belongs
#: to the name), with the semantics of :data:`geo.recognize.CUE_WORDS`. ``whole`` follows how
#: gazetteers write names in each language: "Московская область", "Краснодарский край",
#: "Qafqaz dağları", "Լաչինի միջանցք"-like corridors keep the word (as "Moscow Oblast", "Lachin
#: corridor" do in English); rivers, lakes and islands are named bare in Russian, Azerbaijani
#: and Armenian gazetteers ("Кура", "Kür", "Սևան"), so there the word only gives the class,
#: unlike English "Red River". Where the cue stands is :data:`CUE_POSITION`.
CUE_WORDS: dict[str, dict[str, tuple[str, bool]]] = {
    "ru": _table(
        [
            (
                _words(
                    "район района району районом районе районы районов районам районами районах"
                ),
                "district",
                False,
            ),
            (_words("округ округа округу округом округе округов округах"), "district", False),
            (_words("коридор коридора коридору коридором коридоре"), "corridor", True),
            (
                _words("область области областью областей областям областях областями"),
                "region",
                True,
            ),
            (_words("край края краю краем крае краев краёв"), "region", True),
            (
                _words("регион региона региону регионом регионе регионы регионов регионах"),
                "region",
                False,
            ),
            (_words("республика республики республике республику республикой"), "region", False),
            (_words("город города городу городом городе городов городах"), "city", False),
            (_words("село села селу селом селе сёла сел селах"), "city", False),
            (
                _words("посёлок поселок посёлка поселка посёлке поселке посёлку поселку"),
                "city",
                False,
            ),
            (_words("деревня деревни деревне деревню деревней"), "city", False),
            (_words("река реки реке реку рекой рек реками"), "river", False),
            (_words("озеро озера озеру озером озере"), "lake", False),
            # "горы" is also the genitive of "гора"; the plural reading is the usual one.
            (_words("горы гор горах горам горами"), "mountains", True),
            (_words("хребет хребта хребту хребтом хребте"), "mountains", True),
            (_words("гора горе гору горой"), "mountains", False),
            (_words("остров острова острову островом острове островов островах"), "island", False),
        ]
    ),
    "az": _table(
        [
            (_az_inflect("rayon"), "district", False),
            (_az_inflect("dəhliz"), "corridor", True),
            (_az_inflect("bölgə"), "region", False),
            (_az_inflect("region"), "region", False),
            (_az_inflect("vilayət"), "region", False),
            (_az_inflect("əyalət"), "region", False),
            (_az_inflect("şəhər"), "city", False),
            (_az_inflect("kənd"), "city", False),
            (_az_inflect("qəsəbə"), "city", False),
            # "çayı" is also "its tea" (Lənkəran çayı): the gazetteer look-up of the name tells.
            (_az_inflect("çay"), "river", False),
            (_az_inflect("göl"), "lake", False),
            # The plural is a range (Qafqaz dağları), the singular one mountain (Murov dağı).
            ([f for f in _az_inflect("dağ") if f.startswith("dağlar")], "mountains", True),
            (_az_inflect("silsilə"), "mountains", True),
            (_az_inflect("dağ"), "mountains", False),
            (_az_inflect("ada"), "island", False),
        ]
    ),
    "hy": _table(
        [
            (_hy_inflect("շրջան", "շրջաններ"), "district", False),
            (_hy_inflect("միջանցք", "միջանցքներ"), "corridor", True),
            (_hy_inflect("մարզ", "մարզեր"), "region", False),
            (_hy_inflect("տարածաշրջան", "տարածաշրջաններ"), "region", False),
            (_hy_inflect("քաղաք", "քաղաքներ"), "city", False),
            (_hy_inflect("գյուղ", "գյուղեր"), "city", False),
            (_hy_inflect("ավան", "ավաններ"), "city", False),
            (_hy_inflect("գետ", "գետեր"), "river", False),
            # լիճ loses its vowel before a suffix; կղզի drops its final -ի before one.
            (_words("լիճ լիճը լճի լճին լճում լճից լճով լճեր լճերը"), "lake", False),
            (
                _words("լեռներ լեռները լեռների լեռներին լեռներում լեռներից լեռներով"),
                "mountains",
                True,
            ),
            (
                _words("լեռնաշղթա լեռնաշղթան լեռնաշղթայի լեռնաշղթայում լեռնաշղթայով"),
                "mountains",
                True,
            ),
            (_words("լեռ լեռը լեռան լեռանը"), "mountains", False),
            (_hy_inflect("սար", "սարեր"), "mountains", False),
            (
                _words("կղզի կղզին կղզու կղզում կղզուց կղզով կղզիներ կղզիները կղզիներում"),
                "island",
                False,
            ),
        ]
    ),
}

#: Where the cue word stands relative to the name, per language. az and hy: after ("Laçın
#: rayonu", "Մարտակերտի շրջան"); in hy the name is then in the genitive (→ :func:`stems`), in
#: az it is bare and the cue carries the possessive. ru: after an adjective made from the name
#: ("Агдамский район", "Лачинский коридор") or before the name, in the genitive ("район
#: Агдама") or in apposition ("город Шуша", "река Кура", "озеро Севан").
CUE_POSITION: dict[str, tuple[str, ...]] = {
    "ru": ("after", "before"),
    "az": ("after",),
    "hy": ("after",),
}


# --------------------------------------------------------------------------------------------
# Capitalised runs
# --------------------------------------------------------------------------------------------


class Run(NamedTuple):
    """One run of capitalised words: ``text[start:end]``; ``sentence_start`` when it opens a
    sentence, a line or the text (the caller then checks that its first word is a name)."""

    start: int
    end: int
    sentence_start: bool


_MARKS = "\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f"
# Armenian emphasis, exclamation, question and abbreviation marks sit inside words; the
# Armenian comma U+055D follows a word as a comma does, so it ends the word.
_HY_WORD_MARKS = "\u055b\u055c\u055e\u055f"
_LETTER = r"[^\W\d_]"
_WORD = re.compile(
    rf"{_LETTER}(?:{_LETTER}|[{_MARKS}{_HY_WORD_MARKS}])*"
    rf"(?:[{re.escape(_APOSTROPHES)}](?:{_LETTER}|[{_MARKS}])+)*"
)
_SPACES = frozenset(" \u00a0")
_OPENERS = frozenset("«“„\"'‘‹([{—–-")
_ENDS = frozenset(".!?…։")
# Abbreviations whose period does not end the sentence (lower case, without the period).
_ABBREVIATIONS: dict[str, frozenset[str]] = {
    "ru": frozenset(_words("г гг с пос ул обл р оз им св ст д пр т пгт")),
    "az": frozenset(_words("ş r k qəs küç pr")),
    "en": frozenset(_words("mr mrs ms dr st mt ft gen col lt sgt gov sen rep jr sr vs no")),
}
# Suffixes written after a hyphen in these languages (ABŞ-da, ՆԱՏՕ-ում) belong to the word.
_HYPHEN_SUFFIX_LANGS = frozenset({"az", "hy", "tr"})
# The longest lower-case piece that joins two capitalised words by hyphens (Ростов-на-Дону).
_MAX_CONNECTOR = 3
_MAX_HYPHEN_SUFFIX = 5


def _capitalised(word: str) -> bool:
    return word[0].isupper() or word[0].istitle()


def _sentence_start(text: str, start: int, lang: str) -> bool:
    i = start
    while i > 0 and (text[i - 1].isspace() or text[i - 1] in _OPENERS):
        if text[i - 1] == "\n":
            return True  # a new line: a headline, a paragraph, a list item
        i -= 1
    if i == 0:
        return True
    c = text[i - 1]
    if c == ":" and lang == "hy":
        return True  # Armenian typed without its full stop ։ uses a colon
    if c not in _ENDS:
        return False
    if c != ".":
        return True
    m = re.search(rf"({_LETTER}+)$", text[max(0, i - 12) : i - 1])
    if m is None:
        return True
    prev = m.group(1)
    if len(prev) == 1 and prev.isupper():
        return False  # an initial: J. Smith
    return _lower(prev, lang) not in _ABBREVIATIONS.get(lang, frozenset())


def capitalised_runs(text: str, lang: str) -> list[Run]:
    """Runs of up to :data:`MAX_RUN_WORDS` capitalised words (any of Latin with Azerbaijani
    letters, Cyrillic, Armenian; whatever ``lang``) joined by one space or one hyphen, with
    exact offsets into ``text`` (combining marks belong to their word; nothing is
    normalised). A lower-case piece of three letters at most joins capitalised words between
    hyphens (Ростов-на-Дону); in az, hy and tr a short lower-case suffix after a hyphen belongs
    to the run (ABŞ-da, ԱՄՆ-ում), as a suffix after an apostrophe always does (Laçın'da).

    >>> capitalised_runs("Bakı və Gəncə", "az")
    [Run(start=0, end=4, sentence_start=True), Run(start=8, end=13, sentence_start=False)]
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    runs: list[Run] = []
    cur_start = cur_end = -1
    count = 0

    def close() -> None:
        nonlocal cur_start, count
        if count:
            runs.append(Run(cur_start, cur_end, _sentence_start(text, cur_start, lang)))
        cur_start, count = -1, 0

    def joined(a_end: int, b_start: int) -> str | None:
        gap = text[a_end:b_start]
        if len(gap) == 1 and gap in _SPACES:
            return " "
        if len(gap) == 1 and gap in _HYPHENS:
            return "-"
        return None

    for k, (s, e) in enumerate(words):
        word = text[s:e]
        link = joined(cur_end, s) if count else None
        if _capitalised(word):
            if count and link is not None and count < MAX_RUN_WORDS:
                cur_end, count = e, count + 1
            else:
                close()
                cur_start, cur_end, count = s, e, 1
            continue
        if count and link == "-":
            nxt = words[k + 1] if k + 1 < len(words) else None
            if (
                nxt is not None
                and len(word) <= _MAX_CONNECTOR
                and joined(e, nxt[0]) == "-"
                and _capitalised(text[nxt[0] : nxt[1]])
                and count < MAX_RUN_WORDS
            ):
                cur_end = e  # a connector; the next capitalised word continues the run
                continue
            if lang in _HYPHEN_SUFFIX_LANGS and len(word) <= _MAX_HYPHEN_SUFFIX:
                cur_end = e
        close()
    close()
    return runs
