"""Name variants derived at build time: the forms news writers use for a region or a country
that its sources spell another way.

The UN M49 subregions are "Western Africa", "Eastern Africa", "Middle Africa", "South-eastern
Asia"; the news says "West Africa", "East Africa", "Central Africa", "Southeast Asia". Official
country names carry articles ("Democratic Republic of the Congo") that the news drops. The rules
here are general; the build decides where a variant may go (see ``Assembler.add_variants``).
"""

from __future__ import annotations

import re

#: Compass points and their adjectives: "West" <-> "Western".
_ADJECTIVE = {"north": "Northern", "south": "Southern", "east": "Eastern", "west": "Western"}
_PLAIN = {"north": "North", "south": "South", "east": "East", "west": "West"}
#: "Middle" means "Central" only before a continent: "Middle East" is no "Central East".
_CONTINENTS = frozenset({"africa", "america", "asia", "europe"})
_COMPASS_WORD = re.compile(
    r"^(?P<a>north|south|east|west)(?:[- ]?(?P<b>east|west))?(?P<adj>ern)?$", re.IGNORECASE
)


def _compass_forms(first: str, second: str | None, adjective: bool) -> list[str]:
    """Every spelling of one compass word, the given one first."""
    if second is None:
        forms = [_ADJECTIVE[first], _PLAIN[first]]
        return forms if adjective else forms[::-1]
    a, b = _PLAIN[first], _PLAIN[second]
    plain = [f"{a}{b.lower()}", f"{a}-{b}"]  # Southeast, South-East (= "South East" as a key)
    adj = [f"{a}{_ADJECTIVE[second].lower()}", f"{a}-{_ADJECTIVE[second]}"]
    return adj + plain if adjective else plain + adj


def compass_variants(name: str) -> list[str]:
    """Other spellings of a region name that starts with a compass word.

    >>> compass_variants("Western Africa")
    ['West Africa']
    >>> compass_variants("West Africa")
    ['Western Africa']
    >>> compass_variants("Middle Africa")
    ['Central Africa']
    >>> compass_variants("South-eastern Asia")
    ['Southeastern Asia', 'Southeast Asia', 'South-East Asia']
    >>> compass_variants("Southeast Asia")
    ['South-East Asia', 'Southeastern Asia', 'South-Eastern Asia']
    >>> compass_variants("Middle East"), compass_variants("Central Asia"), compass_variants("Asia")
    ([], [], [])
    >>> compass_variants("the Western Balkans")
    ['the West Balkans']
    """
    words = name.split(" ")
    article = ""
    if len(words) > 2 and words[0].lower() == "the":
        article, words = "the ", words[1:]
    if len(words) < 2:
        return []
    head, rest = words[0], " ".join(words[1:])
    if head.lower() == "middle":
        return [f"{article}Central {rest}"] if rest.lower() in _CONTINENTS else []
    m = _COMPASS_WORD.match(head)
    if m is None:
        return []
    second = m["b"].lower() if m["b"] else None
    forms = _compass_forms(m["a"].lower(), second, bool(m["adj"]))
    out: list[str] = []
    seen = {_fold(head)}
    for form in forms:
        if _fold(form) not in seen:
            seen.add(_fold(form))
            out.append(f"{article}{form} {rest}")
    return out


def _fold(word: str) -> str:
    """Spellings that the name key does not tell apart ("South-East" = "South East")."""
    return word.lower().replace("-", " ")


def article_variants(name: str) -> list[str]:
    """The name without the articles news copy leaves out of official names.

    >>> article_variants("Democratic Republic of the Congo")
    ['Democratic Republic of Congo']
    >>> article_variants("The Gambia")
    ['Gambia']
    >>> article_variants("Kingdom of the Netherlands")
    ['Kingdom of Netherlands']
    >>> article_variants("the Republic of the Sudan")
    ['Republic of the Sudan', 'the Republic of Sudan', 'Republic of Sudan']
    >>> article_variants("Gambia"), article_variants("The")
    ([], [])
    """
    out: list[str] = []
    lead = re.match(r"(?i)the\s+(?=\S)", name)
    stripped = name[lead.end() :] if lead else name
    if lead:
        out.append(stripped)
    if " of the " in name:
        out.append(name.replace(" of the ", " of "))
        if lead:
            out.append(stripped.replace(" of the ", " of "))
    return out


#: Words an acronym skips ("United States of America" -> "USA").
_MINOR = frozenset({"of", "the", "and", "de", "du", "des", "la", "le", "et"})


def acronym(name: str) -> str | None:
    """The initials news copy writes for a name of two or more capitalised words, or None.

    >>> acronym("United Arab Emirates"), acronym("British Columbia"), acronym("European Union")
    ('UAE', 'BC', 'EU')
    >>> acronym("Democratic Republic of the Congo"), acronym("New South Wales")
    ('DRC', 'NSW')
    >>> acronym("Azerbaijan"), acronym("Bosnia and herzegovina"), acronym("Saint-Denis")
    (None, None, None)
    """
    words = [w for w in re.split(r"[\s]+", name.strip()) if w.lower() not in _MINOR]
    if len(words) < 2 or len(words) > 5:
        return None
    if not all(w[:1].isalpha() and w[:1].isupper() and w.isalpha() for w in words):
        return None
    return "".join(w[0] for w in words).upper()
