"""The Streamlit entry point: `streamlit run dashboard.py`.

The pages live in ui/: the Article page (ui/article_page.py) and the Corpus page
(ui/corpus.py).
"""

from __future__ import annotations

import streamlit as st

from ui import article_page
from ui import corpus as corpus_page

st.set_page_config(page_title="Newsreader Geo", page_icon="🗺️", layout="wide")

pages = [
    st.Page(article_page.render, title="Article", url_path="article", default=True),
    st.Page(corpus_page.render, title="Corpus", url_path="corpus"),
]
st.navigation(pages).run()
