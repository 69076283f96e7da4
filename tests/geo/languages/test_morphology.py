"""Suffix stripping, cue words and capitalised runs for Azerbaijani and Armenian.

All words and sentences are invented for these tests (place names are real names, inflected
by the grammar references named in :mod:`geo.languages.morphology`).
"""

from __future__ import annotations

import unicodedata

import pytest

from geo.languages.morphology import (
    CUE_POSITION,
    CUE_WORDS,
    MIN_STEM_LETTERS,
    Run,
    capitalised_runs,
    stems,
)

AZ = [
    # locative -da/-də
    ("Xankəndidə", "Xankəndi"),
    ("Bakıda", "Bakı"),
    ("Füzulidə", "Füzuli"),
    ("Ağdamda", "Ağdam"),
    # ablative -dan/-dən
    ("Şuşadan", "Şuşa"),
    ("Kəlbəcərdən", "Kəlbəcər"),
    # dative -a/-ə, -ya/-yə
    ("Laçına", "Laçın"),
    ("Tərtərə", "Tərtər"),
    ("Şuşaya", "Şuşa"),
    ("Gəncəyə", "Gəncə"),
    ("Xankəndiyə", "Xankəndi"),
    ("Bakıya", "Bakı"),
    # genitive -ın/-in/-un/-ün, -nın/-nin/-nun/-nün
    ("Ağdamın", "Ağdam"),
    ("Zəngilanın", "Zəngilan"),
    ("Bakının", "Bakı"),
    ("Şuşanın", "Şuşa"),
    ("Füzulinin", "Füzuli"),
    ("Bakunun", "Baku"),
    ("Kürün", "Kür"),
    # accusative -ı/-i/-u/-ü, -nı/-ni/-nu/-nü
    ("Laçını", "Laçın"),
    ("Bakını", "Bakı"),
    ("Göygölü", "Göygöl"),
    # instrumental -la/-lə, -yla/-ylə
    ("Laçınla", "Laçın"),
    ("Gəncəylə", "Gəncə"),
    # -dakı/-dəki
    ("Bakıdakı", "Bakı"),
    ("Gəncədəki", "Gəncə"),
    # possessive 3sg (+ pronominal n + case) on common nouns
    ("rayonu", "rayon"),
    ("rayonunda", "rayon"),
    ("dəhlizində", "dəhliz"),
    ("bölgəsindən", "bölgə"),
    # plural (+ possessive + case)
    ("rayonlar", "rayon"),
    ("rayonlarında", "rayon"),
    ("Şuşalar", "Şuşa"),
    # the apostrophe and, after acronyms, the hyphen
    ("Laçın'da", "Laçın"),
    ("Laçın’dan", "Laçın"),
    ("ABŞ-da", "ABŞ"),
    # q written ğ before a vowel
    ("Ağbulağa", "Ağbulaq"),
    # capitals: dotless and dotted I by Azerbaijani rules
    ("BAKIDA", "BAKI"),
    ("İRƏVANDA", "İRƏVAN"),
]

HY = [
    # locative -ում
    ("Ստեփանակերտում", "Ստեփանակերտ"),
    ("Շուշիում", "Շուշի"),
    ("Գյումրիում", "Գյումրի"),
    ("Երևանում", "Երևան"),
    ("Մոսկվայում", "Մոսկվա"),
    ("Բաքվում", "Բաքու"),
    # ablative -ից/-ուց
    ("Շուշիից", "Շուշի"),
    ("Երևանից", "Երևան"),
    ("Մոսկվայից", "Մոսկվա"),
    ("Կարսուց", "Կարս"),
    # genitive/dative -ի/-ու/-վա
    ("Երևանի", "Երևան"),
    ("Մարտակերտի", "Մարտակերտ"),
    ("Մոսկվայի", "Մոսկվա"),
    ("Բաքվի", "Բաքու"),
    ("Կարսու", "Կարս"),
    ("Ամառվա", "Ամառ"),
    # instrumental -ով
    ("Գորիսով", "Գորիս"),
    ("Շուշիով", "Շուշի"),
    # definite article -ը/-ն
    ("Հայաստանը", "Հայաստան"),
    ("Շուշին", "Շուշի"),
    ("Հայաստանն", "Հայաստան"),
    # case + article
    ("Հայաստանին", "Հայաստան"),
    ("Երևանիցը", "Երևան"),
    ("Գյումրիին", "Գյումրի"),
    # the old genitive of fixed names (Սևանա լիճ)
    ("Սևանա", "Սևան"),
    # capitals and a hyphen after an acronym
    ("ԵՐԵՎԱՆՈՒՄ", "ԵՐԵՎԱՆ"),
    ("ՆԱՏՕ-ի", "ՆԱՏՕ"),
    ("ԱՄՆ-ում", "ԱՄՆ"),
]


@pytest.mark.parametrize(("word", "stem"), AZ)
def test_azerbaijani_stems(word: str, stem: str) -> None:
    got = stems(word, "az")
    assert got[0] == word
    assert stem in got[1:]


@pytest.mark.parametrize(("word", "stem"), HY)
def test_armenian_stems(word: str, stem: str) -> None:
    got = stems(word, "hy")
    assert got[0] == word
    assert stem in got[1:]


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [
        # The right stem comes first where the grammar allows one reading only.
        ("Şuşadan", "az", ["Şuşadan", "Şuşa"]),
        ("Ağdamın", "az", ["Ağdamın", "Ağdam"]),
        ("Laçına", "az", ["Laçına", "Laçın"]),
        ("Laçın'da", "az", ["Laçın'da", "Laçın"]),
        ("Երևանում", "hy", ["Երևանում", "Երևան"]),
        ("Գորիսով", "hy", ["Գորիսով", "Գորիս"]),
        # Longest suffix first: rayon (-unda) before rayonu (-nda) before rayonun (-da).
        ("rayonunda", "az", ["rayonunda", "rayon", "rayonu", "rayonun", "rayonund"]),
        ("Հայաստանին", "hy", ["Հայաստանին", "Հայաստան", "Հայաստանի"]),
        # A name's final vowel is not a possessive: Bakı, not "Bak".
        ("Bakıda", "az", ["Bakıda", "Bakı", "Bakıd"]),
        # Nothing to strip, or nothing left after stripping.
        ("Ağdam", "az", ["Ağdam"]),
        ("Araz", "az", ["Araz"]),
        ("Ada", "az", ["Ada"]),
        ("Կարս", "hy", ["Կարս"]),
        # A compound name with a capitalised second part keeps its hyphen.
        ("Naxçıvan-Culfa", "az", ["Naxçıvan-Culfa", "Naxçıvan-Culf"]),
        # Other languages and scripts: the word alone.
        ("Bakıda", "hy", ["Bakıda"]),
        ("Երևանում", "az", ["Երևանում"]),
        ("Шушинском", "ru", ["Шушинском"]),
        ("Lachin's", "en", ["Lachin's"]),
        ("", "az", [""]),
        ("", "hy", [""]),
    ],
)
def test_stem_lists(word: str, lang: str, expected: list[str]) -> None:
    assert stems(word, lang) == expected


@pytest.mark.parametrize("word", ["Ağda", "Bakıya", "Ումում", "Շուշին", "Xanı"])
@pytest.mark.parametrize("lang", ["az", "hy"])
def test_never_below_three_letters(word: str, lang: str) -> None:
    for stem in stems(word, lang)[1:]:
        assert sum(c.isalpha() for c in stem) >= MIN_STEM_LETTERS


def test_decomposed_letters_are_stripped_as_composed() -> None:
    word = unicodedata.normalize("NFD", "Şuşadan")
    assert len(word) == 9  # S + cedilla twice
    got = stems(word, "az")
    assert got[0] == word
    assert "Şuşa" in got


# -- cue words ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "form", "cue", "whole"),
    [
        ("ru", "района", "district", False),
        ("ru", "районе", "district", False),
        ("ru", "районов", "district", False),
        ("ru", "коридор", "corridor", True),
        ("ru", "области", "region", True),
        ("ru", "край", "region", True),
        ("ru", "регион", "region", False),
        ("ru", "город", "city", False),
        ("ru", "села", "city", False),
        ("ru", "посёлке", "city", False),
        ("ru", "реки", "river", False),
        ("ru", "озеро", "lake", False),
        ("ru", "горы", "mountains", True),
        ("ru", "хребта", "mountains", True),
        ("ru", "остров", "island", False),
        ("az", "rayonu", "district", False),
        ("az", "rayonunda", "district", False),
        ("az", "rayonundan", "district", False),
        ("az", "rayonları", "district", False),
        ("az", "dəhlizi", "corridor", True),
        ("az", "dəhlizində", "corridor", True),
        ("az", "bölgəsi", "region", False),
        ("az", "regionu", "region", False),
        ("az", "vilayəti", "region", False),
        ("az", "şəhəri", "city", False),
        ("az", "kəndində", "city", False),
        ("az", "qəsəbəsi", "city", False),
        ("az", "çayı", "river", False),
        ("az", "gölü", "lake", False),
        ("az", "dağları", "mountains", True),
        ("az", "dağı", "mountains", False),
        ("az", "adası", "island", False),
        ("hy", "շրջան", "district", False),
        ("hy", "շրջանում", "district", False),
        ("hy", "շրջանի", "district", False),
        ("hy", "միջանցք", "corridor", True),
        ("hy", "միջանցքով", "corridor", True),
        ("hy", "մարզում", "region", False),
        ("hy", "քաղաքում", "city", False),
        ("hy", "գյուղը", "city", False),
        ("hy", "գետի", "river", False),
        ("hy", "լճում", "lake", False),
        ("hy", "լեռներում", "mountains", True),
        ("hy", "կղզում", "island", False),
    ],
)
def test_cue_words(lang: str, form: str, cue: str, whole: bool) -> None:
    assert CUE_WORDS[lang][form] == (cue, whole)


def test_cue_tables_are_lower_case_and_classes_known() -> None:
    classes = {"county", "corridor", "district", "region", "river", "lake", "mountains"}
    classes |= {"island", "city"}
    for lang, table in CUE_WORDS.items():
        assert lang in CUE_POSITION
        for form, (cue, _whole) in table.items():
            assert form == form.lower() and " " not in form
            assert cue in classes


# -- capitalised runs --------------------------------------------------------------------------


def _texts(text: str, lang: str) -> list[tuple[str, bool]]:
    return [(text[r.start : r.end], r.sentence_start) for r in capitalised_runs(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "Dünən Laçın rayonunda və Şuşa şəhərində yağış yağdı.",
            "az",
            [("Dünən Laçın", True), ("Şuşa", False)],
        ),
        (
            "Qonaqlar Bakıdan gəldi. Gəncə'yə isə sabah gedəcəklər.",
            "az",
            [("Qonaqlar Bakıdan", True), ("Gəncə'yə", True)],
        ),
        ("Nümayəndə ABŞ-da qaldı.", "az", [("Nümayəndə ABŞ-da", True)]),
        ("Heyət Dağlıq Qarabağ barədə danışdı.", "az", [("Heyət Dağlıq Qarabağ", True)]),
        (
            "Այսօր Երևանում և Գյումրիում տոն էր։ Շուշիից լուրեր չկան:",
            "hy",
            [("Այսօր Երևանում", True), ("Գյումրիում", False), ("Շուշիից", True)],
        ),
        ("Նա ԱՄՆ-ում էր։", "hy", [("Նա ԱՄՆ-ում", True)]),
        # The colon ends an Armenian sentence typed without ։, not an Azerbaijani one.
        ("Xəbər: Bakı", "az", [("Xəbər", True), ("Bakı", False)]),
        ("Xəbər: Bakı", "hy", [("Xəbər", True), ("Bakı", True)]),
        (
            "Поезд из Ростов-на-Дону шёл в г. Москва, а потом в Санкт-Петербург.",
            "ru",
            [
                ("Поезд", True),
                ("Ростов-на-Дону", False),
                ("Москва", False),
                ("Санкт-Петербург", False),
            ],
        ),
        # Up to four words in a run; a longer run is cut.
        ("Bir İki Üç Dörd Beş Altı", "az", [("Bir İki Üç Dörd", True), ("Beş Altı", False)]),
        # A new line starts a sentence; two spaces and a comma break a run.
        (
            "Bakı, 30 noyabr\nŞuşa  Ağdam",
            "az",
            [("Bakı", True), ("Şuşa", True), ("Ağdam", False)],
        ),
        # «Quotes» and brackets before the first word of a sentence.
        (
            "Dedi: «Laçın gözəldir.» (Gəncə)",
            "az",
            [("Dedi", True), ("Laçın", False), ("Gəncə", False)],
        ),
        # Latin text with lang="hy": runs are found in any script.
        (
            "Talks in Baku and Yerevan went on.",
            "hy",
            [("Talks", True), ("Baku", False), ("Yerevan", False)],
        ),
        ("", "az", []),
        ("   \n ", "hy", []),
        ("heç bir ad yoxdur", "az", []),
    ],
)
def test_capitalised_runs(text: str, lang: str, expected: list[tuple[str, bool]]) -> None:
    assert _texts(text, lang) == expected


def test_runs_keep_exact_offsets_over_combining_characters() -> None:
    text = unicodedata.normalize("NFD", "Dünən Şuşada və Ağdamda bayram oldu.")
    assert len(text) > len("Dünən Şuşada və Ağdamda bayram oldu.")
    runs = capitalised_runs(text, "az")
    assert [text[r.start : r.end] for r in runs] == [
        unicodedata.normalize("NFD", "Dünən Şuşada"),
        unicodedata.normalize("NFD", "Ağdamda"),
    ]
    start = text.index(unicodedata.normalize("NFD", "Ağdamda"))
    assert runs[1] == Run(start, start + len(unicodedata.normalize("NFD", "Ağdamda")), False)
    # The run's words go straight to stems().
    assert "Ağdam" in [
        unicodedata.normalize("NFC", s) for s in stems(text[runs[1].start : runs[1].end], "az")
    ]
