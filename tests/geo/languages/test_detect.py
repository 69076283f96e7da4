"""Language identification: whole texts and paragraphs of mixed-language text.

All sentences are invented for these tests.
"""

from __future__ import annotations

import threading

import pytest

from geo.languages import detect as det

TEXTS = {
    "en": "The new bridge over the river will open next spring, the mayor told reporters.",
    "ru": "В Агдамском районе открылась новая школа, а дорогу в город отремонтируют летом.",
    "az": "Laçın rayonunda yeni məktəb tikilir, Şuşa şəhərinə gedən yol isə təmir olunacaq.",
    "hy": "Երևանում այսօր անձրև է սպասվում, իսկ Գորիսով անցնող ճանապարհը փակ է։",
    "tr": "Belediye yeni bir park açtı ve çocuklar hafta sonu orada oynamaya başladı.",
    "uk": "Нова школа відкрилася в селі, і діти дуже раді, що тепер не треба їздити до міста.",
    "ka": "თბილისში დღეს ძალიან თბილი ამინდია და ხალხი პარკებში სეირნობს.",
    "fa": "امروز هوای شهر بسیار آلوده است و مدارس تعطیل شده‌اند.",
    "de": "Die neue Brücke über den Fluss wird im nächsten Frühjahr eröffnet, sagte sie.",
    "fr": "Le nouveau pont sur la rivière ouvrira au printemps prochain, a déclaré la maire.",
}


@pytest.mark.parametrize(("lang", "text"), sorted(TEXTS.items()))
def test_each_language_is_detected(lang: str, text: str) -> None:
    assert det.detect(text) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("", "und"),
        ("   \n\n ", "und"),
        ("12:30 — 3/4", "und"),
        ("Ab", "und"),
        # Script shortcuts: decided without lingua, even when a Latin acronym is quoted.
        ("ՆԱՏՕ-ն և ԱՄՆ-ը NATO", "hy"),
        ("საქართველო", "ka"),
        # Schwa is Azerbaijani's own letter: short text lingua might call Turkish stays az.
        ("Gəncə və Bakı", "az"),
    ],
)
def test_special_cases(text: str, lang: str) -> None:
    assert det.detect(text) == lang


def test_script_language() -> None:
    assert det.script_language("Շուշիում Shusha") == "hy"
    assert det.script_language("Shusha Şuşa Շուշի") is None  # Armenian is a minority here
    assert det.script_language("Москва") is None


def _mixed() -> tuple[str, list[tuple[str, str]]]:
    parts = [("az", TEXTS["az"]), ("hy", TEXTS["hy"]), ("ru", TEXTS["ru"]), ("en", TEXTS["en"])]
    return "\n\n".join(text for _, text in parts) + "\n", parts


def test_paragraphs_of_mixed_text_have_exact_offsets() -> None:
    text, parts = _mixed()
    got = det.paragraphs(text)
    assert [lang for _, _, lang in got] == [lang for lang, _ in parts]
    for (start, end, _), (_, para) in zip(got, parts, strict=True):
        assert text[start:end] == para


@pytest.mark.parametrize(
    ("sep", "tail"),
    [("\n\n", ""), ("\n \t\n", "\n"), ("\n", ""), ("\r\n\r\n", "\r\n")],
)
def test_paragraph_separators(sep: str, tail: str) -> None:
    text = "  " + TEXTS["az"] + sep + TEXTS["hy"] + sep + TEXTS["ru"] + tail
    got = det.paragraphs(text, merge=False)
    assert [lang for _, _, lang in got] == ["az", "hy", "ru"]
    assert [text[s:e] for s, e, _ in got] == [TEXTS["az"], TEXTS["hy"], TEXTS["ru"]]


def test_single_line_breaks_split_only_without_blank_lines() -> None:
    # With a blank line in the text, single line breaks stay inside a paragraph.
    text = TEXTS["ru"] + "\n" + TEXTS["ru"] + "\n\n" + TEXTS["en"]
    got = det.paragraphs(text, merge=False)
    assert [(s, e, lang) for s, e, lang in got] == [
        (0, 2 * len(TEXTS["ru"]) + 1, "ru"),
        (len(text) - len(TEXTS["en"]), len(text), "en"),
    ]


def test_same_language_paragraphs_merge() -> None:
    text = TEXTS["az"] + "\n\n" + TEXTS["az"] + "\n\n" + TEXTS["en"]
    assert det.paragraphs(text) == [
        (0, 2 * len(TEXTS["az"]) + 2, "az"),
        (len(text) - len(TEXTS["en"]), len(text), "en"),
    ]
    assert len(det.paragraphs(text, merge=False)) == 3


def test_short_paragraphs_take_a_neighbours_language() -> None:
    # A headline and a photo credit too short to judge are in the language around them.
    text = "Yeni yol\n\n" + TEXTS["az"] + "\n\n***\n\nFoto: Elvin\n\n" + TEXTS["en"]
    got = det.paragraphs(text, merge=False)
    assert [lang for _, _, lang in got] == ["az", "az", "az", "az", "en"]
    assert text[got[0][0] : got[0][1]] == "Yeni yol"


def test_paragraphs_of_empty_text() -> None:
    assert det.paragraphs("") == []
    assert det.paragraphs("\n\n  \n") == []
    assert det.paragraphs("***") == [(0, 3, "und")]


def test_detector_is_built_once_across_threads() -> None:
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(det.detector())) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len({id(d) for d in seen}) == 1
