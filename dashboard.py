"""The Streamlit entry point: pick an article and read it."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from geo.article import load_folder

ARTICLES = Path(__file__).parent / "articles"

st.set_page_config(page_title="Newsreader Geo", layout="wide")
articles, problems = load_folder(ARTICLES)
for problem in problems:
    st.warning(problem)
if not articles:
    st.info(f"No articles in {ARTICLES}: add a .txt file (format in articles/README.md).")
else:
    chosen = st.sidebar.selectbox("Article", articles, format_func=lambda a: a.title)
    st.title(chosen.title)
    st.text(chosen.text)
