"""The corpus: article files and their formats, ingest, corrections, exports, the Dask batch
and the tables behind the overview.

It reads places through the geoparser (:mod:`geo`); the geoparser never imports it. Heavy
dependencies (pandas, pyarrow, Dask, trafilatura) load only in the modules that need them.
Its command line is ``python -m corpus batch|export``; its errors derive from
:class:`corpus.errors.CorpusError`.
"""

from corpus.article import Article, load_article, parse_article
from corpus.errors import ArticleError, CorpusError

__all__ = ["Article", "ArticleError", "CorpusError", "load_article", "parse_article"]
