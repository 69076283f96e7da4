"""Country and region names in the reader's languages from CLDR, through ``babel``.

CLDR (Unicode Common Locale Data Repository, Unicode licence) names every ISO 3166 territory
and the UN M49 regions in each locale: ``babel.Locale("hy").territories["AM"]`` is Հայաստան.
GeoNames' country records carry no alternate names, so without these a Russian, Azerbaijani
or Armenian country name finds only towns that happen to share it (Армения, Colombia).
"""

from __future__ import annotations

from importlib import metadata

#: The languages whose names the index takes from CLDR: the reader's languages. More would add
#: names that collide with words of the texts without a recogniser to use them.
LANGUAGES: tuple[str, ...] = ("en", "ru", "az", "hy")
#: UN M49 codes of regions the gazetteer holds (continents and subregions), by CLDR code.
REGION_CODES: tuple[str, ...] = (
    "002", "009", "019", "142", "150", "005", "013", "021", "029", "143", "145", "151", "154",
    "155", "039", "034", "035", "030", "014", "015", "017", "018", "011", "053", "EU",
)  # fmt: skip


def territory_names() -> dict[str, dict[str, str]]:
    """``{territory code: {language: name}}`` for ISO 3166-1 alpha-2 codes and
    :data:`REGION_CODES`; variant forms (``AM-alt-short``) are not taken."""
    import babel

    out: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for code, name in babel.Locale(lang).territories.items():
            if "-" in code:
                continue
            if (len(code) == 2 and code.isalpha() and code.isupper()) or code in REGION_CODES:
                out.setdefault(code, {})[lang] = name
    return out


def versions() -> dict[str, str]:
    return {"babel": metadata.version("babel")}
