"""The Article page: pick an article, see its places on the map, read them in context."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

import streamlit as st

from corpus.article import Article
from geo.geometry import feature_collection
from ui import corpus as corpus_page
from ui import excerpts, map_panel, places_table, reader, resources, state, style
from ui.html import esc, md
from ui.maps.layers import LAYERS, ONLINE_TILES
from ui.view import layer_counts, places_by_id, popup_passages, warnings_of

#: What the language tag says for a language code (others are shown as their code).
LANGUAGE_LABELS = {"en": "EN", "ru": "RU", "az": "AZ", "hy": "HY"}


def language_tag(article: Article, meta: Mapping[str, object] | None = None) -> str:
    """The article's language as a short tag: the parser's ``meta["language"]`` when the
    article was parsed (every language its paragraphs are in, when several), else its front
    matter's ``language:``; "" when neither says."""
    lang = (meta or {}).get("language") or article.language
    found: list[str] = []
    for row in (meta or {}).get("paragraph_languages") or ():  # type: ignore[attr-defined]
        if isinstance(row, (list, tuple)) and len(row) == 3 and str(row[2]) not in found:
            found.append(str(row[2]))
    if len(found) > 1:  # paragraphs in several languages: all of them, in the text's order
        lang = ", ".join(found)
    if not isinstance(lang, str) or not lang.strip():
        return ""
    # a mixed article names several: "en, ru, az" -> "EN/RU/AZ"
    codes = [c for c in re.split(r"[\s,;/]+", lang.strip().lower()) if c][:4]
    return "/".join(LANGUAGE_LABELS.get(c, c.upper()[:8]) for c in codes)


def _describe(article: Article) -> str:
    tag = language_tag(article)
    bits = [f"[{tag}] {article.title}" if tag else article.title]
    extra = " · ".join(b for b in (article.source, article.published) if b)
    if extra:
        bits.append(extra)
    return " — ".join(bits)


def _on_article_change() -> None:
    state.clear_selection()


def _on_demonyms_change() -> None:
    st.session_state[state.DEMONYMS_CHANGED] = True


def _sidebar(articles: Sequence[Article], problems: Sequence[str], notes: Sequence[str]) -> None:
    by_id = {a.id: a for a in articles}
    with st.sidebar:
        st.header("Article")
        st.selectbox(
            "Article",
            [a.id for a in articles],
            format_func=lambda aid: _describe(by_id[aid]),
            key=state.ARTICLE,
            on_change=_on_article_change,
            label_visibility="collapsed",
        )
        st.toggle(
            "Link adjectives to their country (Russian → Russia)",
            key=state.DEMONYMS,
            on_change=_on_demonyms_change,
            help=(
                "Also count demonyms and country adjectives as mentions of their country: "
                "“Russian peacekeepers” and “the Armenians” then mark Russia and Armenia in "
                "the text, the passages and the map. Off, only the names of places count."
            ),
        )
        for msg in problems:
            st.warning(f"Skipped: {md(msg)}", icon="⚠️")
        for msg in notes:
            st.info(md(msg), icon="ℹ️")


def _layer_toggles(counts: dict[str, int]) -> None:
    with st.sidebar:
        st.header("Map layers")
        for name, label in LAYERS.items():
            st.toggle(f"{label} ({counts.get(name, 0)})", key=state.layer_key(name))
        st.selectbox(
            "Basemap",
            [state.OFFLINE, *ONLINE_TILES],
            format_func=lambda key: (
                ONLINE_TILES[key][1] if key in ONLINE_TILES else "Offline, labelled (Natural Earth)"
            ),
            key=state.TILES,
            help=(
                "The offline basemap needs no internet. Online tiles come from their "
                "provider and stay blank without a connection; the choice is kept in the link."
            ),
        )


def render() -> None:
    style.inject()
    corpus = resources.load_articles()
    articles = sorted(corpus.articles, key=lambda a: a.title.lower())
    state.init([a.id for a in articles])
    _sidebar(articles, corpus.problems, corpus.notes)
    # shown once: they are about the link the session was opened with
    for notice in st.session_state.pop(state.NOTICES, []):
        st.warning(md(notice))

    if not articles:
        st.title("Newsreader Geo")
        st.info(
            f"No readable article in {md(resources.articles_folder())}. Add a .txt file "
            "(format in articles/README.md) and reload."
        )
        _layer_toggles({})
        state.sync_url(state.visible_layers())
        return

    article = next(a for a in articles if a.id == st.session_state[state.ARTICLE])
    st.html(f"<h2 style='margin:0'>{esc(article.title)}</h2>")
    meta = [x for x in (article.source, article.published) if x]
    if article.url:
        meta.append(article.url)
    if meta:
        st.caption(md(" · ".join(meta)))

    if not article.text.strip():
        st.info("This article has no text: there is nothing to read or map.")
        _layer_toggles({})
        state.sync_url(state.visible_layers())
        return

    demonyms = state.demonyms()
    toggled = state.demonyms_just_changed()
    try:
        with st.spinner("Finding the places in this article ..."):
            # every panel, the corrections and the exports take this one result: what is
            # exported or corrected is what the reader sees
            result = corpus_page.corrected(article, demonyms=demonyms)
            # a corrected parse is a new result: its features cannot come from the text cache
            fc = (
                resources.features(article.text, demonyms)
                if result is resources.parse(article.text, demonyms)
                else feature_collection(result)
            )
    except Exception as exc:  # the page must say what went wrong instead of going blank
        st.error(f"The article could not be parsed: {md(exc)}")
        _layer_toggles({})
        return

    tag = language_tag(article, result.meta)
    if tag:
        st.html(f"<span class='np-lang-tag' title='language of the article'>{esc(tag)}</span>")
    for warning in warnings_of(result):
        st.warning(md(warning), icon="⚠️")

    clicked = map_panel.pending_click()
    if clicked is not None:
        state.select_place(clicked, fly=False)
    selected = state.selected_place()
    if selected is not None and selected not in places_by_id(result):
        # a country named only by its adjective goes when the reader turns adjectives off:
        # that is what they asked for, not a broken link to warn about
        if not toggled:
            st.warning(md(f"The place {selected!r} is not among this article's places."))
        state.select_place(None, fly=False)
        selected = None

    _layer_toggles(layer_counts(fc))
    layers = state.visible_layers()

    if not result.places:
        st.info(
            "No place in this article could be placed on the map"
            + (f" ({len(result.resolutions)} place mentions were found but not placed)."
               if result.resolutions else ".")
        )

    left, right = st.columns([3, 2], gap="medium")
    with left:
        map_panel.render(
            fc, layers=layers, selected=selected,
            passages=popup_passages(result, title=article.title),
        )
        st.html(style.legend_html())
    with right:
        excerpts.render(result, selected, title=article.title)

    st.subheader("Reader")
    reader.render(result, selected)
    st.subheader("Places")
    places_table.render(result)
    with st.expander("Correct this article"):
        corpus_page.render_corrections(article, result)
    with st.expander("Export its places"):
        corpus_page.render_exports(article, result)
    with st.expander("About this analysis"):
        about = {**dict(result.meta or {}), "adjectives_linked_to_country": demonyms}
        st.json(json.dumps(about, default=str), expanded=False)
    state.sync_url(layers)
