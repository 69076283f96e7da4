"""The corpus page: add articles, see every article's places on one map, follow places over
time, export, and correct a parse.

``render()`` draws the page; ``render_corrections(article, result)`` and
``render_exports(article, result)`` are sections the article page can call too, and
``corrected(article)`` is the article's parse with the corrections in force.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow as pa
import streamlit as st

from corpus import export, ingest, overview
from corpus.article import Article, ArticleError
from corpus.corrections import Correction, CorrectionStore, apply_corrections, find_occurrences
from geo.model import ParseResult
from ui import resources
from ui.html import md
from ui.maps import overview as overview_map
from ui.maps.assets import BASEMAP_BASE

#: Articles parsed in the page itself when no batch result covers them; more than this and
#: the page offers a button (and the batch command) instead of making the reader wait.
AUTO_PARSE_LIMIT = 60
UPLOAD_TYPES = ["txt", "md", "html", "htm", "jsonl"]
FREQS = {"day": "D", "week": "W", "month": "M"}


def results_path() -> Path:
    """The batch output the overview reads: ``NEWSREADER_RESULTS`` or ``var/results.parquet``."""
    env = os.environ.get("NEWSREADER_RESULTS")
    return Path(env) if env else resources.ROOT / "var" / "results.parquet"


def corrections_store() -> CorrectionStore:
    return CorrectionStore()  # NEWSREADER_CORRECTIONS or var/corrections.jsonl


# --- cached data ----------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def _read_results(path: str, mtime_ns: int, size: int) -> pd.DataFrame:
    return overview.read_results(path)


def batch_results(path: Path) -> tuple[pd.DataFrame | None, str | None]:
    """The rows of a batch output file, or a message saying why it could not be read."""
    if not path.exists():
        return None, None
    try:
        st_ = path.stat()
        return _read_results(str(path), st_.st_mtime_ns, st_.st_size), None
    except (OSError, ValueError, KeyError, pa.ArrowException) as exc:
        # Not Parquet, or Parquet without the mention table's columns.
        return None, f"{path.name} could not be read as batch results ({exc})"


@st.cache_resource(show_spinner=False, max_entries=20_000)
def _article_rows(
    content_hash: str,
    metadata: tuple[str | None, ...],
    corrections_key: tuple[str, ...],
    _article: Article,
) -> pd.DataFrame:
    result = corrected(_article)
    return overview.frame(overview.mention_rows(_article, result))


def corrected(article: Article, *, demonyms: bool = False) -> ParseResult:
    """The article's parse with the corrections in force (the dashboard shows this one).

    ``demonyms`` as in :func:`ui.resources.parse`; the corpus views leave it off, like the
    batch results they are merged with.
    """
    result = resources.parse(article.text, demonyms)
    entries = corrections_store().for_text(result.text)
    if not entries:
        return result
    return apply_corrections(result, entries, gazetteer=resources.open_gazetteer())


def _corrections_key(entries: Sequence[Correction], content_hash: str) -> tuple[str, ...]:
    return tuple(c.id for c in entries if c.article == content_hash)


def corpus_table(
    corpus: ingest.Corpus, results: pd.DataFrame | None, *, parse_missing: bool
) -> tuple[pd.DataFrame, list[Article]]:
    """The mention table of the corpus: batch rows where present, the rest parsed here.

    Returns the table and the articles left unparsed (when ``parse_missing`` is False and
    there are more than :data:`AUTO_PARSE_LIMIT` of them).
    """
    covered = set() if results is None else set(results["article_hash"].dropna().astype(str))
    missing = [a for a in corpus.articles if a.content_hash not in covered]
    if len(missing) > AUTO_PARSE_LIMIT and not parse_missing:
        return overview.merge_tables([results] if results is not None else []), missing
    entries = corrections_store().active()
    parts: list[pd.DataFrame] = []
    bar = st.progress(0.0, text="Reading the articles ...") if len(missing) > 3 else None
    failed: list[str] = []
    for i, article in enumerate(missing, start=1):
        key = _corrections_key(entries, article.content_hash)
        try:
            meta = (
                article.id,
                article.title,
                article.source,
                article.published,
                article.url,
                article.path,
            )
            parts.append(_article_rows(article.content_hash, meta, key, article))
        except Exception as exc:  # one article the parser cannot take must not hide the others
            failed.append(f"{article.id} ({type(exc).__name__}: {exc})")
        if bar is not None:
            bar.progress(i / len(missing), text=f"Reading the articles ... {i}/{len(missing)}")
    if bar is not None:
        bar.empty()
    if failed:
        st.warning(md(f"{len(failed)} articles could not be parsed, e.g. {failed[0]}"))
    tables = ([results] if results is not None else []) + parts
    return overview.merge_tables(tables), []


# --- the page -------------------------------------------------------------------------------


def render() -> None:
    """The corpus page."""
    st.title("Corpus")
    folder = resources.articles_folder()
    corpus = resources.load_articles()
    _render_add(folder)
    _render_status(corpus, folder)

    with st.expander("Batch results"):
        typed = st.text_input(
            "GeoParquet file written by `python -m corpus batch`",
            value=str(results_path()),
            key="np_corpus_results",
        )
    path = Path(typed.strip() or results_path()).expanduser()
    results, problem = batch_results(path)
    if problem:
        st.warning(md(problem))
    elif results is not None:
        st.caption(
            f"Batch results: {md(path.name)} ({results['article_hash'].nunique()} articles); "
            "articles not in it are read here."
        )
    parse_all = st.session_state.get("np_corpus_parse_all", False)
    table, unparsed = corpus_table(corpus, results, parse_missing=parse_all)
    if unparsed:
        command = f"python -m corpus batch {folder} --out {path}".replace("`", "")
        st.info(
            f"{len(unparsed)} articles have no batch results yet. Run `{command}` "
            "(parallel, resumable), or read them here (slower)."
        )
        if st.button(f"Read {len(unparsed)} articles here", key="np_corpus_parse_btn"):
            st.session_state["np_corpus_parse_all"] = True
            st.rerun()

    if table.empty or table["article_id"].nunique() == 0:
        st.info("No articles to show yet: add one above or drop files into the folder.")
        return
    filtered = _render_filters(table)
    _render_overview(filtered)
    _render_timeline(filtered)
    _render_corpus_exports(filtered)
    _render_one_article(corpus)


def _render_one_article(corpus: ingest.Corpus) -> None:
    """Corrections and exports of one article, chosen here."""
    st.subheader("Correct or export one article")
    articles = sorted(corpus.articles, key=lambda a: a.title.lower())
    if not articles:
        return
    idx = st.selectbox(
        "Article",
        range(len(articles)),
        format_func=lambda i: articles[i].title,
        index=None,
        placeholder="pick an article",
        key="np_corpus_one_article",
    )
    if idx is None:
        return
    article = articles[idx]
    result = corrected(article)
    render_exports(article, result)
    render_corrections(article, result)


def _render_status(corpus: ingest.Corpus, folder: Path) -> None:
    counts = ingest.summarize(corpus)
    st.caption(
        f"{counts['articles']} articles in {md(folder)} · {counts['duplicates']} duplicates "
        f"shown once · {counts['skipped']} files skipped"
    )
    if corpus.problems or corpus.notes or corpus.duplicates:
        with st.expander(
            f"Files skipped or read with a caveat ({len(corpus.problems) + len(corpus.notes)}),"
            f" duplicates ({len(corpus.duplicates)})"
        ):
            for problem in corpus.problems:
                st.warning(md(problem))
            for note in corpus.notes:
                st.info(md(note))
            for dup, kept in corpus.duplicates:
                st.caption(f"{md(dup)} has the same text as {md(kept)}: shown once")


def _render_add(folder: Path) -> None:
    with st.expander("Add an article"):
        upload_tab, paste_tab = st.tabs(["Upload a file", "Paste text"])
        with upload_tab:
            files = st.file_uploader(
                "Article files (.txt .md .html .jsonl, at most "
                f"{ingest.MAX_ARTICLE_BYTES // (1024 * 1024)} MB each; .jsonl: many articles)",
                type=UPLOAD_TYPES,
                accept_multiple_files=True,
                key="np_corpus_upload",
            )
            if files and st.button("Add to the corpus", key="np_corpus_upload_btn"):
                for f in files:
                    _save_upload(folder, f.name, f.getvalue())
        with paste_tab:
            with st.form("np_corpus_paste", clear_on_submit=True):
                title = st.text_input("Title")
                cols = st.columns(2)
                source = cols[0].text_input("Source")
                published = cols[1].text_input("Published (YYYY-MM-DD)")
                text = st.text_area("Article text", height=200)
                submitted = st.form_submit_button("Save article")
            if submitted:
                _save_pasted(folder, title, text, source, published)


def _save_upload(folder: Path, name: str, data: bytes) -> None:
    known = {a.content_hash: a.id for a in resources.load_articles().articles}
    try:
        found, _problems, _notes = ingest.articles_from_bytes(data, Path(name).name or name)
    except ArticleError as exc:
        st.error(md(str(exc)))
        return
    if found and all(a.content_hash in known for a in found):
        st.info(f"{md(name)} is already in the corpus (as {md(known[found[0].content_hash])})")
        return
    try:
        path, articles, notes = ingest.save_article_bytes(folder, name, data)
    except ArticleError as exc:
        st.error(md(str(exc)))
        return
    for note in notes:
        st.info(md(note))
    st.success(f"Saved {md(path.name)}: {len(articles)} article(s)")


def _save_pasted(folder: Path, title: str, text: str, source: str, published: str) -> None:
    if published.strip():
        try:
            pd.Timestamp(published.strip())
        except ValueError:
            st.error("The date is not a date: use YYYY-MM-DD, or leave it empty.")
            return
    try:
        path, article = ingest.save_article_text(
            folder, title, text, source=source or None, published=published or None
        )
    except ArticleError as exc:
        st.error(md(str(exc)))
        return
    st.success(f"Saved {md(path.name)}: {md(article.title)}")


def _render_filters(table: pd.DataFrame) -> pd.DataFrame:
    options = overview.choices(table)
    bounds = overview.date_bounds(table)
    cols = st.columns([2, 2, 2])
    f = overview.Filters()
    if bounds is not None:
        lo, hi = bounds[0].date(), bounds[1].date()
        picked = cols[0].date_input(
            "Published between",
            value=(lo, hi),
            min_value=lo,
            max_value=hi,
            key=f"np_corpus_dates_{lo}_{hi}",
        )
        if isinstance(picked, tuple | list) and len(picked) == 2:
            f = overview.Filters(start=pd.Timestamp(picked[0]), end=pd.Timestamp(picked[1]))
    sources = cols[1].multiselect("Sources", options["sources"], key="np_corpus_sources")
    kinds = cols[2].multiselect("Kinds of place", options["kinds"], key="np_corpus_kinds")
    f = overview.Filters(
        start=f.start, end=f.end, sources=frozenset(sources), kinds=frozenset(kinds)
    )
    return overview.apply_filters(table, f)


def _render_overview(df: pd.DataFrame) -> None:
    from streamlit_folium import st_folium

    totals = overview.place_totals(df)
    articles = overview.articles_table(df)
    st.subheader("All places")
    st.caption(
        f"{len(articles)} articles · {len(totals)} places · "
        f"{int(overview.placed(df).shape[0])} mentions"
    )
    cols = st.columns(3)
    cluster = cols[0].toggle("Cluster markers", value=True, key="np_corpus_cluster")
    heat = cols[1].toggle("Heat map", value=True, key="np_corpus_heat")
    per_article = cols[2].toggle("A layer per article", value=True, key="np_corpus_layers")
    m = overview_map.corpus_map(
        df,
        basemap_base=BASEMAP_BASE,  # the labelled offline basemap, as on the article page
        cluster=cluster,
        heat=heat,
        article_layers=per_article,
    )
    st_folium(m, height=520, use_container_width=True, returned_objects=[], key="np_corpus_map")
    left, right = st.columns(2)
    left.dataframe(
        totals[["name", "kind", "country", "mentions", "articles"]],
        hide_index=True,
        width="stretch",
        key="np_corpus_places",
    )
    right.dataframe(articles, hide_index=True, width="stretch", key="np_corpus_articles")


def _render_timeline(df: pd.DataFrame) -> None:
    import altair as alt

    st.subheader("Mentions over time")
    totals = overview.place_totals(df)
    if totals.empty or overview.date_bounds(df) is None:
        st.caption("No dated article with places in view.")
        return
    labels = {r.place_id: f"{r.name} ({r.kind}, {r.mentions})" for r in totals.itertuples()}
    cols = st.columns([4, 1])
    chosen = cols[0].multiselect(
        "Places",
        list(labels),
        default=list(labels)[:5],
        format_func=lambda pid: labels.get(pid, pid),
        key="np_corpus_timeline_places",
    )
    freq = cols[1].selectbox("Per", list(FREQS), index=1, key="np_corpus_freq")
    series = overview.timeline(df, places=chosen or None, freq=FREQS[freq])
    if series.empty:
        st.caption("Nothing to draw for these places.")
        return
    long = series.reset_index().melt("period", var_name="place", value_name="mentions")
    chart = (
        alt.Chart(long)
        .mark_line(point=True)
        .encode(
            x=alt.X("period:T", title=None),
            y=alt.Y("mentions:Q", title="mentions"),
            color=alt.Color("place:N", title=None),
            tooltip=["place:N", "period:T", "mentions:Q"],
        )
    )
    st.altair_chart(chart, width="stretch")


def _render_corpus_exports(df: pd.DataFrame) -> None:
    st.subheader("Export")
    cols = st.columns([1, 3])
    fmt = cols[0].selectbox("Format", list(export.FORMATS), key="np_corpus_export_fmt")
    n_places = int(overview.article_places(df).shape[0])
    cols[1].download_button(
        f"Download the {n_places} places in view ({fmt})",
        # Built only when clicked: a large corpus takes a moment to write.
        data=partial(_corpus_export, df, fmt),
        file_name=export.file_name("corpus-places", fmt),
        mime=export.FORMATS[fmt][1],
        key="np_corpus_export",
        on_click="ignore",
    )


def _corpus_export(df: pd.DataFrame, fmt: str) -> bytes:
    return export.export_bytes(export.records_from_table(df), fmt)


# --- sections the article page can use ------------------------------------------------------


def render_exports(article: Article, result: ParseResult) -> None:
    """Download buttons for one article's places (full geometries)."""
    records = export.records_from_result(article, result)
    cols = st.columns(len(export.FORMATS))
    for col, fmt in zip(cols, export.FORMATS, strict=True):
        col.download_button(
            fmt.upper(),
            data=partial(export.export_bytes, records, fmt),
            file_name=export.file_name(article.id, fmt),
            mime=export.FORMATS[fmt][1],
            key=f"np_export_{fmt}_{article.content_hash}",
            on_click="ignore",
        )


def render_corrections(article: Article, result: ParseResult) -> None:
    """Correct the parse of an article: another candidate, not a place, a missed place; undo."""
    store = corrections_store()
    key = article.content_hash
    st.subheader("Corrections")
    text = result.text  # what the offsets refer to (a web page is reduced to its text)
    active = store.for_text(text)
    if store.problems:
        st.warning(md("; ".join(store.problems)))
    for c in active:
        cols = st.columns([5, 1])
        cols[0].markdown(md(_describe(c)))
        if cols[1].button("Undo", key=f"np_undo_{c.id}"):
            store.undo(c.id)
            st.rerun()

    mentions = sorted(result.resolutions, key=lambda r: r.mention.start)
    if mentions:
        picked = st.selectbox(
            "Mention",
            range(len(mentions)),
            format_func=lambda i: _mention_label(mentions[i]),
            key=f"np_fix_mention_{key}",
        )
        res = mentions[picked]
        options = [
            a.place for a in res.alternatives if res.place is None or a.place.id != res.place.id
        ]
        cols = st.columns([4, 1, 1])
        choice = cols[0].selectbox(
            "Means instead",
            range(len(options)),
            format_func=lambda i: _place_label(options[i]),
            key=f"np_fix_choice_{key}",
            placeholder="no other candidate" if not options else "pick a place",
        )
        use = cols[1].button("Use it", key=f"np_fix_use_{key}", disabled=not options)
        if use and choice is not None:
            store.append(Correction.choose(text, res.mention, options[choice]))
            st.rerun()
        if cols[2].button("Not a place", key=f"np_fix_not_{key}"):
            store.append(Correction.not_place(text, res.mention))
            st.rerun()
        _search_and_choose(text, res.mention, store, key)
    _add_missed(result, store, key)


def _search_and_choose(text: str, mention: Any, store: CorrectionStore, key: str) -> None:
    query = st.text_input(
        "…or search the gazetteer for the place it means", key=f"np_fix_search_{key}"
    )
    if not query.strip():
        return
    matches = resources.open_gazetteer().search(query.strip(), limit=10)
    if not matches:
        st.caption(f"No place called {md(query)} in the gazetteer.")
        return
    idx = st.selectbox(
        "Found",
        range(len(matches)),
        format_func=lambda i: _place_label(matches[i].place),
        key=f"np_fix_found_{key}",
    )
    if st.button("Use this place", key=f"np_fix_use_found_{key}"):
        store.append(Correction.choose(text, mention, matches[idx].place))
        st.rerun()


def _add_missed(result: ParseResult, store: CorrectionStore, key: str) -> None:
    text = result.text
    st.markdown("**A place the parser missed**")
    cols = st.columns(2)
    name = cols[0].text_input("Name as written in the article", key=f"np_add_name_{key}")
    query = cols[1].text_input("Search the gazetteer for it", key=f"np_add_query_{key}")
    if not name.strip():
        return
    spots = find_occurrences(text, name.strip())
    taken = [(r.mention.start, r.mention.end) for r in result.resolutions if r.placed]
    free = [(s, e) for s, e in spots if not any(s < te and ts < e for ts, te in taken)]
    if not spots:
        st.caption(f"{md(name)} does not occur in the article as a whole word.")
        return
    if not free:
        st.caption(f"Every {md(name)} is already placed: correct it above instead.")
        return
    matches = resources.open_gazetteer().search((query or name).strip(), limit=10)
    if not matches:
        st.caption(f"No place called {md(query or name)} in the gazetteer.")
        return
    idx = st.selectbox(
        "Place",
        range(len(matches)),
        format_func=lambda i: _place_label(matches[i].place),
        key=f"np_add_place_{key}",
    )
    if st.button(f"Add {len(free)} mention(s)", key=f"np_add_btn_{key}"):
        place = matches[idx].place
        store.append(*(Correction.add(text, s, e, text[s:e], place) for s, e in free))
        st.rerun()


def _mention_label(res: Any) -> str:
    m = res.mention
    where = res.place.name if res.place is not None else "not placed"
    return f"{m.text} (at {m.start}) → {where}"


def _place_label(place: Any) -> str:
    trail = ", ".join(p for p in (*place.admin[-2:], place.country or "") if p)
    return f"{place.name} — {place.kind}" + (f", {trail}" if trail else "") + f" [{place.id}]"


def _describe(c: Correction) -> str:
    if c.action == "not_place":
        return f"“{c.text}” at {c.start} is not a place"
    if c.action == "choose" and c.place is not None:
        return f"“{c.text}” at {c.start} means {c.place.name} ({c.place.id})"
    if c.action == "add" and c.place is not None:
        return f"added “{c.text}” at {c.start} as {c.place.name} ({c.place.id})"
    return f"{c.action} “{c.text}”"
