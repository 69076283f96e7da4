"""The geoparser as a spaCy component: ``nlp.add_pipe("geoparser", config={...})``.

Registered through the ``spacy_factories`` entry point of the installed package, so it works
without importing :mod:`geo` first. It runs after the pipeline's own ``ner`` and never changes
the pipeline; on each doc it sets

- ``doc.spans["toponyms"]``: one span per place mention, ``kb_id_`` the gazetteer id of the
  place (empty when unplaced), ``label_`` its kind (``settlement``, ``country``, ...,
  ``unplaced``);
- ``doc._.geoparse``: the :class:`geo.model.ParseResult`, with places, excerpts and focus.

``config`` takes the fields of :class:`geo.config.GeoparserConfig` as nested plain data
(``{"demonyms": true, "resolution": {"min_score": 1.2}}``); ``gazetteer`` is the path of an
index (default: the project's, built on first use).
"""

from __future__ import annotations

from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from geo.config import GeoparserConfig
from geo.pipeline import Geoparser, default_gazetteer

SPANS_KEY = "toponyms"
EXTENSION = "geoparse"
UNPLACED = "unplaced"


class GeoparserComponent:
    """Recognition and resolution on the entities the pipeline's ``ner`` found."""

    def __init__(self, nlp: Language, name: str, config: GeoparserConfig, gazetteer: Any) -> None:
        self.name = name
        # The component reads the docs the pipeline made; Geoparser keeps the pipeline only to
        # check it has an ``ner`` and to name it in the result's metadata.
        self.parser = Geoparser(nlp, gazetteer=gazetteer, config=config)
        if not Doc.has_extension(EXTENSION):
            Doc.set_extension(EXTENSION, default=None)

    def __call__(self, doc: Doc) -> Doc:
        mentions = self.parser.recognizer.mentions(doc)
        result = self.parser.result(doc.text, mentions)
        spans = []
        for r in result.resolutions:
            span = doc.char_span(r.mention.start, r.mention.end, alignment_mode="expand")
            if span is None:
                continue
            label = str(r.place.kind) if r.place is not None else UNPLACED
            kb_id = r.place.id if r.place is not None else ""
            spans.append(Span(doc, span.start, span.end, label=label, kb_id=kb_id))
        doc.spans[SPANS_KEY] = spans
        doc._.set(EXTENSION, result)
        return doc


def make_geoparser(
    nlp: Language, name: str, config: dict[str, Any], gazetteer: str | None
) -> GeoparserComponent:
    """The ``geoparser`` factory (see the module docstring)."""
    import gazetteer as gazetteer_pkg

    gaz = gazetteer_pkg.open(gazetteer) if gazetteer else default_gazetteer()
    return GeoparserComponent(nlp, name, GeoparserConfig.from_dict(config), gaz)


Language.factory(
    "geoparser",
    default_config={"config": {}, "gazetteer": None},
    requires=["doc.ents"],
    assigns=["doc.spans", f"doc._.{EXTENSION}"],
    func=make_geoparser,
)
