"""Metonymy: a capital or a country named for its government ("Yerevan said", "to Baku").

Dependency-free cues on the words around the mention:

- the next word (after an optional auxiliary or adverb) is a verb of speech, decision or
  stance: "Moscow is ready to", "Yerevan decided", "when Yerevan recognized";
- the mention is the object of a transfer: "returning five districts ... to Baku";
- a possessive before a word of power: "Baku's territory", "Moscow's position".

Only capitals and countries are candidates; a city is rarely a government.

>>> t = "Officials in Yerevan said the border was calm."
>>> is_metonymic(t, 13, 20)
True
>>> is_metonymic("He lives in Yerevan now.", 12, 19)
False
"""

from __future__ import annotations

import re

from gazetteer.model import Kind, Place

#: Verbs (in their inflected news forms) that a government does.
GOVERNMENT_VERBS = frozenset(
    [
        "said",
        "says",
        "say",
        "told",
        "tells",
        "announced",
        "announces",
        "decided",
        "decides",
        "decide",
        "recognized",
        "recognised",
        "recognizes",
        "recognises",
        "recognize",
        "recognise",
        "agreed",
        "agrees",
        "agree",
        "refused",
        "refuses",
        "rejected",
        "rejects",
        "reject",
        "accused",
        "accuses",
        "demanded",
        "demands",
        "warned",
        "warns",
        "denied",
        "denies",
        "insisted",
        "insists",
        "proposed",
        "proposes",
        "claimed",
        "claims",
        "wants",
        "wanted",
        "urged",
        "urges",
        "threatened",
        "threatens",
        "responded",
        "responds",
        "condemned",
        "condemns",
        "welcomed",
        "welcomes",
        "signed",
        "signs",
        "ordered",
        "orders",
        "insisted",
        "vowed",
        "vows",
        "pledged",
        "pledges",
        "hopes",
        "hoped",
        "believes",
        "believed",
        "sees",
        "saw",
        "considers",
        "considered",
        "expects",
        "expected",
        "backed",
        "backs",
        "supports",
        "supported",
        "opposed",
        "opposes",
        "called",
        "calls",
        "sent",
        "sends",
        "imposed",
        "imposes",
        "sanctioned",
        "recalled",
        "expelled",
        "negotiated",
        "retaliated",
        "blamed",
        "blames",
        "acknowledged",
        "acknowledges",
        "declared",
        "declares",
        "promised",
        "promises",
        "offered",
        "offers",
        "confirmed",
        "confirms",
    ]
)
#: Stance adjectives after a copula: "Moscow is ready to", "Ankara was willing".
STANCE = frozenset(
    ["ready", "willing", "prepared", "determined", "unwilling", "reluctant", "keen", "eager"]
)
AUXILIARIES = frozenset(
    [
        "is",
        "was",
        "has",
        "had",
        "have",
        "will",
        "would",
        "could",
        "should",
        "may",
        "might",
        "must",
        "can",
        "did",
        "does",
        "also",
        "has",
        "been",
        "repeatedly",
        "officially",
        "then",
        "now",
        "already",
        "still",
        "reportedly",
    ]
)
#: Verbs of handing something over: "returning ... to Baku".
TRANSFER = re.compile(
    r"\b(return(?:ed|ing|s)?|hand(?:ed|ing|s)? over|transfer(?:red|ring|s)?|ced(?:e|ed|ing)|"
    r"extradit(?:e|ed|ing)|deport(?:ed|ing)?|sen(?:d|t|ding)|deliver(?:ed|ing)?|"
    r"appeal(?:ed|ing)?|report(?:ed|ing)?|submit(?:ted|ting)?|give|gave|giving)\b[^.;!?]{0,80}\bto\s+$",
    re.I,
)
#: Nouns of power after a possessive: "Baku's territory", "Moscow's position".
POWER_NOUNS = frozenset(
    [
        "territory",
        "government",
        "position",
        "decision",
        "leadership",
        "forces",
        "army",
        "troops",
        "claim",
        "claims",
        "policy",
        "demands",
        "proposal",
        "sovereignty",
        "authorities",
        "officials",
        "request",
        "stance",
        "control",
        "jurisdiction",
        "regime",
        "administration",
        "ally",
        "allies",
        "diplomats",
        "envoy",
    ]
)
_WORD = re.compile(r"[A-Za-z']+")


def could_be_government(place: Place | None) -> bool:
    """Capitals and countries can stand for their governments."""
    if place is None:
        return False
    return place.kind == Kind.COUNTRY or place.feature in ("PPLC", "PPLG")


def is_metonymic(text: str, start: int, end: int) -> bool:
    """Whether the mention at ``text[start:end]`` reads as a government, from its neighbours."""
    after = text[end : end + 60]
    if after.startswith(("'s", "’s")):
        nxt = _WORD.findall(after[2:30])
        return bool(nxt) and nxt[0].lower() in POWER_NOUNS
    words = [w.lower() for w in _WORD.findall(after.split(".")[0] if after[:1] != "." else "")]
    if after[:1] in " " and words:
        i = 0
        while i < len(words) and i < 3 and words[i] in AUXILIARIES:
            i += 1
        if i < len(words):
            w = words[i]
            if w in GOVERNMENT_VERBS:
                return True
            if w in STANCE and i > 0:
                return True
    before = text[max(0, start - 120) : start]
    return bool(TRANSFER.search(before)) and not re.search(r"\b(trip|travel|flight)\b", before)
