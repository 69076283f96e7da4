"""Shared fixtures of the geoparser tests: the real gazetteer and the real spaCy pipeline,
each loaded once per test session."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

import gazetteer
from corpus.article import load_article
from geo import Geoparser, ParseResult, geoparser
from geo import nlp as nlp_mod

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = ROOT / "articles" / "karabakh-peacekeepers-withdrawal.txt"
GOLD = ROOT / "tests" / "gold" / "karabakh-peacekeepers-withdrawal.json"


@pytest.fixture(scope="session")
def gaz() -> Any:
    return gazetteer.open()


@pytest.fixture(scope="session")
def nlp() -> Language:
    return nlp_mod.shared()


@pytest.fixture(scope="session")
def eng(gaz: Any, nlp: Language) -> Geoparser:
    return geoparser(gazetteer=gaz, nlp=nlp)


@pytest.fixture(scope="session")
def article_text() -> str:
    return load_article(ARTICLE).text


@pytest.fixture(scope="session")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="session")
def article_result(eng: Geoparser, article_text: str) -> ParseResult:
    return eng.parse(article_text)
