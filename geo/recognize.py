"""Recognition: the spans of a text that name places, with exact character offsets.

Three sources feed it, and filters clean up after them:

- spaCy NER (GPE, LOC, FAC) -- split at line breaks, leading "the" dropped;
- patterns built from the table :data:`CUE_WORDS`: "X County", "the X corridor",
  "X region", "Askeran, Mardakert and Shusha districts" (each name its own mention, cue
  ``district``), "Alexandria, Louisiana" (two mentions);
- a gazetteer matcher: runs of capitalised tokens (n-grams up to six) looked up in the
  gazetteer through a :class:`Lexicon`; a name the model tagged as a person or organisation,
  or missed, becomes a mention when the gazetteer knows it as a prominent place.

Filters drop what is not a place: parts of multi-word person and organisation names, month and
day names, titles, sentence-initial common words, and names the text also uses in lower case.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from gazetteer.normalize import name_key
from geo.config import Recognition
from geo.excerpts import MONTH_ABBREVIATIONS
from geo.model import Mention

#: Cue words after a name and the cue they give. ``whole``: the cue word belongs to the name
#: ("Laurel County", "Red River"); otherwise the mention is the name alone and the cue word
#: only constrains resolution ("Shusha district", "Karabakh region").
CUE_WORDS: dict[str, tuple[str, bool]] = {
    "county": ("county", True),
    "counties": ("county", False),
    "parish": ("county", True),
    "township": ("county", True),
    "borough": ("county", True),
    "corridor": ("corridor", True),
    "district": ("district", False),
    "districts": ("district", False),
    "region": ("region", False),
    "regions": ("region", False),
    "province": ("region", False),
    "provinces": ("region", False),
    "governorate": ("region", False),
    "oblast": ("region", True),
    "river": ("river", True),
    "lake": ("lake", True),
    "mountains": ("mountains", True),
    "valley": ("region", True),
    "island": ("island", True),
    "islands": ("island", True),
    "city": ("city", False),
    "town": ("city", False),
    "village": ("city", False),
}

#: Words that are capitalised for reasons other than being a place (checked in lower case).
NOT_PLACES = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        *MONTH_ABBREVIATIONS,
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "wed",
        "thu",
        "fri",
        "sat",
        "sun",
        "est",
        "edt",
        "cst",
        "cdt",
        "mst",
        "mdt",
        "pst",
        "pdt",
        "gmt",
        "utc",
        "bst",
        "cet",
        "mr",
        "mrs",
        "ms",
        "dr",
        "gov",
        "sen",
        "rep",
        "president",
        "minister",
        "prime",
        "king",
        "queen",
        "prince",
        "lord",
        "lady",
        "god",
        "christ",
        "jesus",
        "allah",
        "north",
        "south",
        "east",
        "west",
        "central",
        "northern",
        "southern",
        "eastern",
        "western",
        "mount",
        "new",
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "to",
        "from",
        "i",
        "we",
        "he",
        "she",
        "it",
        "they",
        "you",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "his",
        "her",
        "their",
        "our",
        "its",
        "my",
        "your",
        "police",
        "army",
        "court",
        "party",
        "university",
        "college",
        "school",
        "church",
        "hospital",
        "company",
        "news",
        "times",
        "post",
        "today",
        "tomorrow",
        "yesterday",
        "christmas",
        "easter",
        "ramadan",
        "internet",
        "web",
        "online",
        "facebook",
        "twitter",
        "google",
        "apple",
        "amazon",
        "ebola",
        "aids",
        "flu",
        "covid",
        "sars",
        "mers",
        "hiv",
        "zika",
        "monkeypox",
    ]
)

#: Words after a place name inside an organisation's name that make it a newspaper, agency
#: or firm ("The New York Times", "Agence France-Presse"): its name, not a place it speaks of.
MEDIA_WORDS = frozenset(
    ["times", "post", "presse", "press", "herald", "journal", "tribune", "gazette", "chronicle"]
)

#: Words after a place name that make the name part of a disease's or a virus's name
#: ("Marburg virus", "Rift Valley fever", "Reston ebolavirus").
DISEASE_WORDS = frozenset(
    [
        "virus",
        "viruses",
        "ebolavirus",
        "fever",
        "disease",
        "flu",
        "influenza",
        "strain",
        "hemorrhagic",
        "haemorrhagic",
        "encephalitis",
    ]
)

#: Words after a town's name that make it the town's institution ("Mansfield Police").
CIVIC_WORDS = frozenset(
    [
        "police",
        "sheriff",
        "fire",
        "council",
        "mayor",
        "residents",
        "resident",
        "city",
        "township",
        "county",
        "schools",
        "school",
        "library",
        "council's",
        "officials",
        "commission",
        "commissioners",
        "board",
        "police's",
    ]
)

#: Titles before a name that make it a person ("Mr. Jordan", "Gov. Perry").
TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "prof",
        "gov",
        "governor",
        "sen",
        "senator",
        "rep",
        "president",
        "minister",
        "coach",
        "judge",
        "officer",
        "sgt",
        "lt",
        "capt",
        "col",
        "gen",
        "chief",
        "mayor",
        "pastor",
        "rev",
        "father",
        "sister",
        "brother",
        "saint",
    ]
)

#: Nouns that introduce a place name through "of": "the northern town of Toruń".
PLACE_NOUNS = frozenset(
    [
        "town",
        "city",
        "village",
        "hamlet",
        "capital",
        "port",
        "suburb",
        "outskirts",
        "province",
        "state",
        "region",
        "district",
        "county",
        "island",
        "municipality",
        "republic",
    ]
)
#: Prepositions of place: "in X", "near X" make a known place name likelier meant as one.
PLACE_PREPOSITIONS = frozenset({"in", "near", "outside", "across", "around", "from"})

#: A token that can start or continue a place name.
_CONNECTORS = frozenset(
    {"of", "the", "de", "del", "la", "le", "du", "upon", "on", "al", "el", "da", "-", "and"}
)
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_BLOCKING_LABELS = frozenset(
    {
        "PERSON",
        "ORG",
        "WORK_OF_ART",
        "EVENT",
        "LAW",
        "PRODUCT",
        "DATE",
        "TIME",
        "MONEY",
        "QUANTITY",
        "PERCENT",
        "CARDINAL",
        "ORDINAL",
        "LANGUAGE",
    }
)
#: Multi-word names of these kinds may hold a prominent place name ("Texas Department of ...").
_SOFT_LABELS = frozenset({"ORG", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"})
_STRIP_HEAD = frozenset({"the", "The", "THE"})
_TOWN_WORDS = frozenset({"city", "town", "village", "borough", "township"})
#: "U.S.-led", "Kremlin-backed": a capitalised head, a dash, a participle of origin or control.
_COMPOUND = re.compile(
    r"^([A-Z][\w.']*?)[-–](?:led|based|backed|born|made|owned|run|funded|brokered|controlled"
    r"|held|occupied|allied|sponsored|supported|bound|registered|flagged|headquartered)$"
)
_DASHES = "-–‐‑"
#: Tokens after which a word is capitalised for reasons other than being a name.
_OPENERS = frozenset({".", "!", "?", "…", ":", '"', "“", "‘", "'", "(", "-", "—"})
_MAX_NGRAM = 6


class Lexicon:
    """What the recogniser asks the gazetteer: how prominent a place this name is.

    ``prominence(name)`` is in [0, 1]: 0 for a name the gazetteer does not know, about 1 for
    countries and capitals. Answers are cached per lexicon.

    >>> lex = Lexicon(lambda n: {"paris": 0.9}.get(n.lower(), 0.0))
    >>> lex.prominence("Paris"), lex.prominence("Quux")
    (0.9, 0.0)
    """

    def __init__(
        self,
        prominence: Callable[[str], float],
        settlement: Callable[[str], bool] | None = None,
        demonym: Callable[[str], bool] | None = None,
        common: Callable[[str], bool] | None = None,
    ) -> None:
        self._fn = prominence
        self._common = common
        self._settlement = settlement
        self._demonym = demonym
        self._cache: dict[str, float] = {}

    def is_common(self, word: str) -> bool:
        """Whether the word, in lower case, is an ordinary English word (see :func:`common`)."""
        return self._common(word) if self._common is not None else False

    def is_demonym(self, word: str) -> bool:
        """Whether the word is a demonym or country adjective ("German", "Syrian")."""
        return self._demonym(word) if self._demonym is not None else False

    def is_settlement(self, name: str) -> bool:
        """Whether the name is the own name of a settlement ("Kansas City", not "Dublin City")."""
        return self._settlement(name) if self._settlement is not None else False

    def prominence(self, name: str) -> float:
        got = self._cache.get(name)
        if got is None:
            got = self._cache[name] = float(self._fn(name))
        return got


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English dictionary words written in lower case (proper names are capitalised there),
    from Webster's Second and the GNU dictionary (British spellings)."""
    import english_words

    return frozenset(
        english_words.get_english_words_set(["web2", "gcide"], lower=False, alpha=True)
    )


@lru_cache(maxsize=65536)
def common(word: str, zipf: float = 4.0) -> bool:
    """Whether ``word`` (lower case) is an ordinary English word: a lower-case entry of the
    dictionary met at least ``zipf`` on the Zipf scale in general English (4.0: ten times per
    million words), by the ``wordfreq`` word frequencies.

    >>> common("officer"), common("union"), common("toruń"), common("moscow")
    (True, True, False, False)
    """
    from wordfreq import zipf_frequency

    words = _dictionary()
    # The dictionaries list lemmas: a plural counts by its singular ("lakes").
    listed = word in words or (word.endswith("s") and word[:-1] in words)
    return listed and zipf_frequency(word, "en") >= zipf


@dataclass(slots=True)
class _Span:
    start: int  # token indices
    end: int
    source: str
    cue: str | None = None
    priority: int = 0


def _text(doc: Sequence[Token], start: int, end: int) -> str:
    """The text of a token range, as in the document."""
    if end - start == 1:
        return str(doc[start].text)
    return "".join(t.text_with_ws for t in doc[start : end - 1]) + doc[end - 1].text


def _plain(tok: Token) -> str:
    """The token in lower case without dots ("Ms." -> "ms")."""
    return tok.lower_.replace(".", "")


def _capitalised(tok: Token) -> bool:
    """Starts with a capital letter: title case, all caps ("U.S.", "NSW") and inner capitals
    ("DeKalb", "McLean") alike."""
    text = tok.text
    return text[:1].isalpha() and text[:1].isupper()


def _trim(doc: Sequence[Token], start: int, end: int) -> tuple[int, int]:
    """Drop a leading "the", trailing possessives and punctuation from a token range."""
    while start < end and (doc[start].text in _STRIP_HEAD or doc[start].is_punct):
        start += 1
    while end > start and (
        (doc[end - 1].is_punct and doc[end - 1].text not in {"."})
        or doc[end - 1].lower_ in {"'s", "’s", "'"}
    ):
        end -= 1
    # "U.S." keeps its final dot; a sentence's full stop tokenised apart is never in range.
    return start, end


def _split_lines(doc: Sequence[Token], start: int, end: int) -> list[tuple[int, int]]:
    """Cut a token range at line breaks (the model sometimes joins a title to the next line)."""
    out: list[tuple[int, int]] = []
    s = start
    for i in range(start, end):
        tok = doc[i]
        if "\n" in tok.text or "\n" in tok.whitespace_:
            e = i if "\n" in tok.text else i + 1
            if e > s:
                out.append((s, e))
            s = i + 1
    if end > s:
        out.append((s, end))
    return out


def _lower_uses(doc: Sequence[Token]) -> set[str]:
    return {t.lower_ for t in doc if t.is_lower and t.is_alpha}


def _sentence_initial(doc: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` starts a sentence, a line or a quotation: by the words before it,
    never by the pipeline's own sentence marks, so any pipeline gives the same mentions."""
    if i == 0:
        return True
    prev = doc[i - 1]
    if "\n" in prev.text or "\n" in prev.whitespace_:
        return True
    return prev.text in _OPENERS


class Recognizer:
    """Finds place mentions in spaCy docs (the pipeline's NER output plus the rules here)."""

    def __init__(
        self, lexicon: Lexicon, settings: Recognition | None = None, *, demonyms: bool = False
    ) -> None:
        self.lexicon = lexicon
        self.settings = settings or Recognition()
        self.demonyms = demonyms
        self._plural = frozenset(w for w in CUE_WORDS if w.endswith("s"))

    # -- the three sources -------------------------------------------------------------------

    def _from_ner(
        self, ents: Iterable[Span], doc: Sequence[Token], blocked: list[bool]
    ) -> list[_Span]:
        spans: list[_Span] = []
        for ent in ents:
            label = ent.label_
            for s, e in _split_lines(doc, ent.start, ent.end):
                s, e = _trim(doc, s, e)
                if s >= e:
                    continue
                if label in _PLACE_LABELS:
                    if e - s > 2 and doc[s].lower_ in _TOWN_WORDS and doc[s + 1].lower_ == "of":
                        s += 2  # "the City of Montreal": the name is Montreal
                    spans.append(_Span(s, e, f"ner:{label}", priority=2))
                elif label == "NORP" and self.demonyms:
                    spans.append(_Span(s, e, "ner:NORP", priority=1))
                elif (
                    label in _BLOCKING_LABELS
                    and label not in _SOFT_LABELS
                    and ((e - s) > 1 or label != "PERSON")
                    and not (label == "PERSON" and self._not_a_person(doc, s, e))
                ):
                    for i in range(s, e):
                        blocked[i] = True
        return spans

    def _not_a_person(self, doc: Sequence[Token], s: int, e: int) -> bool:
        """A "person" the model found that is a place name as a whole ("Sri Lanka's") or a
        town's institution ("Huntsville Fire")."""
        if any(_plain(t) in CIVIC_WORDS for t in doc[s:e]):
            return True
        return self.lexicon.prominence(_text(doc, s, e)) >= self.settings.acronym

    def _cue_matches(self, doc: Sequence[Token]) -> Iterator[tuple[str, int, int]]:
        """``("CUE", s, e)``: a capitalised word before a cue word of :data:`CUE_WORDS`;
        ``("LIST", s, e)``: "Askeran, Mardakert and Shusha districts", names before a plural
        cue word. A scan of the token list (cheaper than a spaCy Matcher over every token)."""
        for i in range(1, len(doc)):
            low = doc[i].lower_
            if low not in CUE_WORDS or not doc[i - 1].is_title:
                continue
            yield "CUE", i - 1, i + 1
            if low not in self._plural or i < 3 or doc[i - 2].lower_ not in ("and", "or"):
                continue
            j = i - 3
            if doc[j].text == "," and j > 0:  # the serial comma: "A, B, and C districts"
                j -= 1
            if not doc[j].is_title:
                continue
            start = j
            while j >= 2 and doc[j - 1].text == "," and doc[j - 2].is_title:
                j -= 2
                start = j
            yield "LIST", start, i + 1

    def _from_patterns(self, doc: Sequence[Token], tagged: dict[int, str]) -> list[_Span]:
        spans: list[_Span] = []
        for kind, s, e in self._cue_matches(doc):
            cue, whole = CUE_WORDS[doc[e - 1].lower_]
            if kind == "LIST":
                for i in range(s, e - 1):
                    tok = doc[i]
                    if tok.is_title and _plain(tok) not in NOT_PLACES and tagged.get(i) != "NORP":
                        spans.append(_Span(i, i + 1, "pattern", cue, priority=3))
                continue
            # The name part: the longest run of capitalised words before the cue word.
            ns = e - 1
            while ns > 0 and doc[ns - 1].is_title and e - 1 - (ns - 1) <= _MAX_NGRAM:
                ns -= 1
            ns, _ = _trim(doc, ns, e - 1)
            if ns >= e - 1 or (ns == e - 2 and _plain(doc[ns]) in NOT_PLACES):
                continue
            if all(tagged.get(i) == "NORP" for i in range(ns, e - 1)):
                continue  # "the Armenian region": an adjective, not a name
            if not whole and e < len(doc) and doc[e].is_title:
                continue  # "Ohio State University": the cue word is part of another name
            if whole or (cue == "city" and self.lexicon.is_settlement(_text(doc, ns, e))):
                # "Kansas City", "Gun Barrel City": the cue word is part of a known name.
                spans.append(_Span(ns, e, "pattern", cue if whole else None, priority=3))
            else:
                spans.append(_Span(ns, e - 1, "pattern", cue, priority=3))
        return spans

    def _from_gazetteer(
        self,
        doc: Sequence[Token],
        blocked: list[bool],
        lower: set[str],
        tagged: dict[int, str],
        people: set[str],
        known: set[str],
    ) -> list[_Span]:
        """Capitalised n-grams the gazetteer knows, with thresholds by what the model said.

        ``blocked`` marks tokens of multi-word person names (never places); tokens of other
        multi-word names ("Texas Department of Health", "U.S. House") may hold a place name
        only when it is very prominent. ``people`` are words the text uses as surnames.
        """
        spans: list[_Span] = []
        n = len(doc)
        i = 0
        while i < n:
            if blocked[i] or not _capitalised(doc[i]):
                i += 1
                continue
            # The run of capitalised tokens starting here, with connectors inside ("Republic
            # of the Congo") and unspaced hyphens ("KwaZulu-Natal", "Guinea-Bissau").
            j = i + 1
            while j < n and not blocked[j] and "\n" not in doc[j - 1].whitespace_:
                if _capitalised(doc[j]):
                    j += 1
                    continue
                nxt = j
                while nxt < n and (
                    doc[nxt].lower_ in _CONNECTORS
                    or (
                        doc[nxt].text == "-"
                        and not doc[nxt - 1].whitespace_
                        and not doc[nxt].whitespace_
                    )
                ):
                    nxt += 1
                if (
                    nxt > j
                    and nxt < n
                    and nxt - j <= 2
                    and _capitalised(doc[nxt])
                    and not blocked[nxt]
                ):
                    j = nxt + 1
                    continue
                break
            k = i
            while k < j:
                if not _capitalised(doc[k]) or self._compound_tail(doc, i, k):
                    # "Africa and the Middle East": not "the ..."; "Aust-Agder": not "Agder"
                    k += 1
                    continue
                best: tuple[int, float] | None = None
                for m in range(min(j, k + _MAX_NGRAM), k, -1):
                    if doc[m - 1].lower_ in _CONNECTORS or doc[m - 1].text == "-":
                        continue
                    p = self.lexicon.prominence(_text(doc, k, m))
                    if p > 0:
                        best = (m, p)
                        break
                if best is None:
                    k += 1
                    continue
                m, p = best
                if self._accept(doc, k, m, p, lower, tagged, people, known):
                    spans.append(_Span(k, m, "gazetteer", priority=1))
                k = m
            i = j
        return spans

    def _compound_tail(self, doc: Sequence[Token], i: int, k: int) -> bool:
        """Whether token ``k`` ends a hyphenated name whose head is no place ("Aust-Agder"),
        rather than joining two places ("Fargo-Moorhead") or a party and a place
        ("D-Charleston")."""
        if k - i < 2 or doc[k - 1].text not in _DASHES or doc[k - 1].whitespace_:
            return False
        return self._no_place(doc[k - 2])

    def _no_place(self, head: Token) -> bool:
        """A word before a dash that names no place (short ones are parties: "D-", "R-")."""
        return len(head.text) > 3 and self.lexicon.prominence(head.text) == 0

    def _accept(
        self,
        doc: Sequence[Token],
        k: int,
        m: int,
        p: float,
        lower: set[str],
        tagged: dict[int, str],
        people: set[str],
        known: set[str],
    ) -> bool:
        st = self.settings
        one = m - k == 1
        tok = doc[k]
        plain = _plain(tok)
        label = tagged.get(k)
        inside = (
            label is not None
            and label not in _PLACE_LABELS
            and (
                (k > 0 and tagged.get(k - 1) == label) or (m < len(doc) and tagged.get(m) == label)
            )
        )
        if name_key(_text(doc, k, m)) in known:
            need = st.known  # named as a place elsewhere in this text
        elif k >= 2 and doc[k - 1].lower_ == "of" and doc[k - 2].lower_ in PLACE_NOUNS:
            need = st.introduced  # "the town of Toruń"
        elif k >= 2 and doc[k - 1].text == "," and tagged.get(k - 2) in _PLACE_LABELS:
            need = st.introduced  # "Pandi, Bulacan": the area after a place and a comma
        elif m < len(doc) and _plain(doc[m]) in CIVIC_WORDS:
            need = st.civic  # "Mansfield Police", "DeKalb City Council"
        elif inside:
            need = st.inside_name
        elif label in {"PERSON", "ORG", "NORP"}:
            need = st.mislabelled
        elif _sentence_initial(doc, k):
            need = st.sentence_initial
        else:
            need = st.untagged
        if k >= 1 and doc[k - 1].lower_ in PLACE_PREPOSITIONS:
            need = min(need, st.after_preposition)
        if p < need:
            return False
        # The text itself places the name: "in X", "the town of X", named as a place elsewhere.
        placed = need < st.untagged or (k >= 1 and doc[k - 1].lower_ in PLACE_PREPOSITIONS)
        if label == "NORP" and (
            (one and not placed) or self.lexicon.is_demonym(_text(doc, k, m))
        ):
            # "German officials", "Olympic champion": a nationality, religion or group the
            # model recognised, whatever place is also called so.
            return False
        if inside and any(
            _plain(t) in MEDIA_WORDS for t in doc[m : m + 3] if tagged.get(t.i) == label
        ):
            return False
        if "$" in tok.text or (
            m < len(doc) and doc[m].text.startswith("$") and not doc[m - 1].whitespace_
        ):
            return False  # "US$10,000"
        if one:
            acronym = tok.is_upper and len(tok.text) <= 4
            if acronym:
                if p < st.acronym or plain in NOT_PLACES:  # "US", "DRC"; not "WHO" or "EST"
                    return False
            elif (
                plain in NOT_PLACES
                or tok.lower_ in lower
                or tok.is_stop
                or (not tok.text.isalpha() and "." not in tok.text)
            ):
                return False
            if plain in people and p < 1.0:
                return False
            # An ordinary English word capitalised by a title or a sentence start ("Officer",
            # "Union") is no place, unless the text places it or the name is a country's.
            if not placed and p < st.common_word_override and self.lexicon.is_common(plain):
                return False
            # "Ky.", "Calif.": state abbreviations follow a town and a comma.
            if (
                tok.text.endswith(".")
                and tok.text.count(".") == 1
                and (k == 0 or doc[k - 1].text != ",")
            ):
                return False
        return not (k > 0 and _plain(doc[k - 1]) in TITLES)

    # -- the whole -----------------------------------------------------------------------------

    def mentions(self, spacy_doc: Doc, offset: int = 0) -> list[Mention]:
        """The mentions of one doc, in text order; ``offset`` is added to character offsets."""
        # Tokens once as a list: indexing a Doc builds a new Token object every time.
        doc = list(spacy_doc)
        ents = list(spacy_doc.ents)
        blocked = [False] * len(doc)
        tagged: dict[int, str] = {}
        for ent in ents:
            for i in range(ent.start, ent.end):
                tagged[i] = ent.label_
        people: set[str] = set()
        for ent in ents:
            if ent.label_ == "PERSON" and len(ent) > 1:
                people.update(_plain(t) for t in ent[1:])
        spans = self._from_ner(ents, doc, blocked)
        spans += self._from_patterns(doc, tagged)
        known = {
            name_key(_text(doc, sp.start, sp.end))
            for sp in spans
            if sp.source in ("ner:GPE", "ner:LOC", "pattern")
        }
        spans += self._from_gazetteer(doc, blocked, _lower_uses(doc), tagged, people, known)
        chosen = _select(spans)
        out: list[Mention] = []
        for sp in chosen:
            text = _text(doc, sp.start, sp.end)
            if not text or not any(c.isalpha() for c in text):
                continue
            if sp.end < len(doc) and doc[sp.end].lower_ in DISEASE_WORDS:
                continue  # "Marburg virus", "Rift Valley fever": a disease's name
            if sp.source.startswith("ner") and self._ner_rejected(doc, sp):
                continue
            start = doc[sp.start].idx + offset
            if text[0] in _DASHES:
                # "Russia-Turkey" tokenised "Russia", "-Turkey": the name after the dash is a
                # place when the word before it is one; "Vest-Agder" has no place "Vest".
                head = doc[sp.start - 1] if sp.start > 0 else None
                if head is not None and not head.whitespace_ and self._no_place(head):
                    continue
                cut = len(text) - len(text.lstrip(_DASHES))
                text, start = text[cut:], start + cut
                if not text:
                    continue
            out.append(Mention(start, start + len(text), text, sp.source, sp.cue))
        taken = {i for sp in chosen for i in range(sp.start, sp.end)}
        out.extend(self._compound_heads(doc, taken, offset))
        return sorted(out, key=lambda m: m.start)

    def _compound_heads(
        self, doc: Sequence[Token], taken: set[int], offset: int
    ) -> Iterator[Mention]:
        """Places at the head of one-token compounds the tokenizer keeps whole: "U.S.-led",
        "Iran-backed" -- the place the compound speaks of."""
        for tok in doc:
            if tok.i in taken or "-" not in tok.text:
                continue
            m = _COMPOUND.match(tok.text)
            if m is None:
                continue
            head = m.group(1)
            if self.lexicon.prominence(head) >= self.settings.mislabelled:
                start = tok.idx + offset
                yield Mention(start, start + len(head), head, "gazetteer")

    def _ner_rejected(self, doc: Sequence[Token], sp: _Span) -> bool:
        """NER spans that are no place names: lower-case words, month names, bare titles."""
        toks = doc[sp.start : sp.end]
        if not any(_capitalised(t) for t in toks):
            return True
        return len(toks) == 1 and toks[0].lower_ in NOT_PLACES


def _select(spans: Iterable[_Span]) -> list[_Span]:
    """Non-overlapping spans: patterns first, then longer, then higher priority, then earlier.

    A pattern's span (cue words, lists) wins over the model's own span boundaries; otherwise
    the longer name wins ("Democratic Republic of the Congo" over "Congo"), and a model span
    wins over a gazetteer n-gram of the same length. A span overlapping one already taken is
    dropped whole.
    """
    ordered = sorted(
        spans, key=lambda s: (-(s.priority >= 3), -(s.end - s.start), -s.priority, s.start)
    )
    taken: list[_Span] = []
    used: set[int] = set()
    for sp in ordered:
        rng = range(sp.start, sp.end)
        if any(i in used for i in rng):
            continue
        used.update(rng)
        taken.append(sp)
    taken.sort(key=lambda s: s.start)
    return taken
