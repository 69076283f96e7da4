"""The corpus tools' errors: one root, each subclass also the standard type that fits.

>>> issubclass(ArticleError, CorpusError) and issubclass(ArticleError, ValueError)
True
"""

from __future__ import annotations


class CorpusError(Exception):
    """The root of every error the corpus tools raise on purpose."""


class ArticleError(CorpusError, ValueError):
    """An article file that cannot be read; the message says why and what to do."""
