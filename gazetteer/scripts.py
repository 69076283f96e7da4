"""The writing system of a name (ISO 15924 codes), read from its letters.

Every name of the index is tagged with its script this way, at read time: the script is a
property of the string itself, so storing it would only duplicate it. The language of a name is
stored where a source states it (``Gazetteer.names_by_language``).
"""

from __future__ import annotations

import unicodedata
from collections import Counter

# Unicode character-name prefixes -> ISO 15924.
_SCRIPTS: tuple[tuple[str, str], ...] = (
    ("LATIN", "Latn"),
    ("CYRILLIC", "Cyrl"),
    ("ARMENIAN", "Armn"),
    ("GEORGIAN", "Geor"),
    ("ARABIC", "Arab"),
    ("HEBREW", "Hebr"),
    ("GREEK", "Grek"),
    ("CJK", "Hani"),
    ("HIRAGANA", "Jpan"),
    ("KATAKANA", "Jpan"),
    ("HANGUL", "Kore"),
    ("DEVANAGARI", "Deva"),
    ("THAI", "Thai"),
)

#: The code of a name without letters (digits, punctuation).
UNKNOWN = "Zyyy"


def script_of(name: str) -> str:
    """The ISO 15924 code of the script most of ``name``'s letters are written in.

    >>> script_of("Ստեփանակերտ"), script_of("Xankəndi"), script_of("Степанакерт")
    ('Armn', 'Latn', 'Cyrl')
    """
    counts: Counter[str] = Counter()
    for ch in name:
        if not ch.isalpha():
            continue
        uname = unicodedata.name(ch, "")
        for prefix, code in _SCRIPTS:
            if uname.startswith(prefix):
                counts[code] += 1
                break
        else:
            counts["Zzzz"] += 1  # a script this table does not list
    return counts.most_common(1)[0][0] if counts else UNKNOWN
