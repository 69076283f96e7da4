"""The Streamlit entry point: `streamlit run dashboard.py`.

The pages live in ui/: the Article page (ui/article_page.py) and, when present, the Corpus
page (ui/corpus.py, a module with a ``render()`` function).
"""

from __future__ import annotations

import importlib

import streamlit as st

from ui import article_page

st.set_page_config(page_title="Newsreader Geo", page_icon="🗺️", layout="wide")

pages = [st.Page(article_page.render, title="Article", url_path="article", default=True)]
try:
    corpus = importlib.import_module("ui.corpus")
except ModuleNotFoundError as exc:
    if exc.name != "ui.corpus":
        raise
else:
    pages.append(st.Page(corpus.render, title="Corpus", url_path="corpus"))

st.navigation(pages).run()
