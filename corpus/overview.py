"""The corpus as one table of mentions, and the views of it the corpus overview shows.

One row per mention (the layout of ``python -m corpus batch`` output, see :data:`COLUMNS`):
placed mentions carry the place; a mention that could not be placed has an empty
``place_id``; an article with no mention at all keeps one row with ``start = -1`` so that it
still counts as read. Dates are the articles' ``published`` values parsed as UTC.

>>> from gazetteer.model import Kind, Place
>>> from corpus.article import Article
>>> from geo.model import ArticlePlace, Mention, ParseResult, Resolution
>>> baku = Place("g:1", "Baku", Kind.SETTLEMENT, "AZ", (), 40.38, 49.89)
>>> r = Resolution(Mention(0, 4, "Baku", "ner:GPE"), baku, 0.9)
>>> art = Article("a", "Baku news", "Baku is windy.", published="2024-03-02")
>>> rows = mention_rows(art, ParseResult(art.text, (r,), (ArticlePlace(baku, (r,)),), ()))
>>> [(x["mention"], x["place_id"], x["excerpt"]) for x in rows]
[('Baku', 'g:1', 'Baku is windy.')]
>>> place_totals(frame(rows))[["name", "mentions", "articles"]].values.tolist()
[['Baku', 1, 1]]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from corpus.article import Article
from geo.excerpts import excerpt
from geo.model import LAYER_OF_KIND, ParseResult

#: The columns of the mention table, in order, with their pandas dtypes.
COLUMNS: dict[str, str] = {
    "article_id": "string",
    "article_hash": "string",
    "title": "string",
    "source": "string",
    "published": "string",
    "url": "string",
    "path": "string",
    "start": "int64",
    "end": "int64",
    "mention": "string",
    "place_id": "string",
    "name": "string",
    "kind": "string",
    "layer": "string",
    "country": "string",
    "lat": "float64",
    "lon": "float64",
    "confidence": "float64",
    "metonymic": "bool",
    "focus": "bool",
    "excerpt": "string",
}
DATE = "date"  # the derived column: ``published`` as a UTC timestamp (NaT when unknown)


def mention_rows(article: Article, result: ParseResult) -> list[dict[str, Any]]:
    """The rows of one parsed article (see the module docstring)."""
    base: dict[str, Any] = {
        "article_id": article.id,
        "article_hash": article.content_hash,
        "title": article.title,
        "source": article.source,
        "published": article.published,
        "url": article.url,
        "path": article.path,
    }
    excerpts = {(e.mention.start, e.mention.end): e for e in result.excerpts}
    focus = set(result.focus)
    rows: list[dict[str, Any]] = []
    for res in result.resolutions:
        m = res.mention
        ex = excerpts.get((m.start, m.end))
        if ex is None:
            ex = excerpt(result.text, m)
        sentence = result.text[ex.sentence_start : ex.sentence_end]
        p = res.place
        rows.append(
            {
                **base,
                "start": m.start,
                "end": m.end,
                "mention": m.text,
                "place_id": p.id if p else None,
                "name": p.name if p else None,
                "kind": str(p.kind) if p else None,
                "layer": LAYER_OF_KIND.get(p.kind) if p else None,
                "country": p.country if p else None,
                "lat": p.lat if p else math.nan,
                "lon": p.lon if p else math.nan,
                "confidence": float(res.confidence),
                "metonymic": bool(res.metonymic),
                "focus": bool(p and p.id in focus),
                "excerpt": " ".join(sentence.split())[:500],
            }
        )
    if not rows:
        rows.append(
            {
                **base,
                "start": -1,
                "end": -1,
                "mention": None,
                "place_id": None,
                "name": None,
                "kind": None,
                "layer": None,
                "country": None,
                "lat": math.nan,
                "lon": math.nan,
                "confidence": math.nan,
                "metonymic": False,
                "focus": False,
                "excerpt": None,
            }
        )
    return rows


def frame(rows: Iterable[dict[str, Any]]) -> pd.DataFrame:
    """Rows as a typed DataFrame with the :data:`COLUMNS` and the derived ``date`` column."""
    df = pd.DataFrame(list(rows), columns=list(COLUMNS))
    return normalize(df)


def normalize(df: pd.DataFrame) -> pd.DataFrame:
    """Give a mention table its column types and the ``date`` column."""
    for col, dtype in COLUMNS.items():
        if col not in df.columns:
            df[col] = pd.Series(pd.NA if dtype == "string" else None, index=df.index)
        if dtype == "bool":
            df[col] = df[col].fillna(False).astype(bool)
        elif dtype == "int64":
            df[col] = pd.to_numeric(df[col], errors="coerce").fillna(-1).astype("int64")
        else:
            df[col] = df[col].astype(dtype)
    df[DATE] = parse_dates(df["published"])
    return df


def parse_dates(values: pd.Series) -> pd.Series:
    """ISO dates (or datetimes) as UTC timestamps; anything else becomes NaT."""
    uniq = values.dropna().unique()
    parsed = {v: pd.to_datetime(v, errors="coerce", utc=True) for v in uniq}
    return values.map(parsed).astype("datetime64[ns, UTC]")


def read_results(path: str | Path) -> pd.DataFrame:
    """The mention table of a ``python -m corpus batch`` GeoParquet file (geometry left out).

    The overview needs only the points, which are the ``lat``/``lon`` columns, so the WKB
    geometry column is not decoded; that keeps 10,000 articles well under a second.
    """
    import pyarrow.parquet as pq

    schema = pq.read_schema(path)
    wanted = [c for c in COLUMNS if c in schema.names]
    table = pq.read_table(path, columns=wanted)
    return normalize(table.to_pandas())


def placed(df: pd.DataFrame) -> pd.DataFrame:
    """Only the rows that carry a place."""
    return df[df["place_id"].notna()]


@dataclass(frozen=True, slots=True)
class Filters:
    """What the overview shows: a date range (inclusive), sources, kinds, articles."""

    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None
    sources: frozenset[str] = frozenset()
    kinds: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    undated: bool = True  # keep articles with no date when a date range is set


def apply_filters(df: pd.DataFrame, f: Filters) -> pd.DataFrame:
    """The rows that pass the filters (an empty set means no restriction)."""
    keep = pd.Series(True, index=df.index)
    if f.start is not None or f.end is not None:
        dates = df[DATE]
        inside = pd.Series(True, index=df.index)
        if f.start is not None:
            inside &= dates >= _utc(f.start)
        if f.end is not None:
            inside &= dates < _utc(f.end) + pd.Timedelta(days=1)
        keep &= inside | (dates.isna() if f.undated else False)
    if f.sources:
        keep &= df["source"].fillna("(unknown)").isin(f.sources)
    if f.kinds:
        keep &= df["kind"].isin(f.kinds)
    if f.articles:
        keep &= df["article_id"].isin(f.articles)
    return df[keep]


def _utc(ts: pd.Timestamp | Any) -> pd.Timestamp:
    t = pd.Timestamp(ts)
    return t.tz_localize("UTC") if t.tzinfo is None else t.tz_convert("UTC")


def choices(df: pd.DataFrame) -> dict[str, list[str]]:
    """The values the filters offer: sources, kinds."""
    return {
        "sources": sorted(set(df["source"].fillna("(unknown)").astype(str))),
        "kinds": sorted(set(df["kind"].dropna().astype(str))),
    }


def date_bounds(df: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp] | None:
    dates = df[DATE].dropna()
    if dates.empty:
        return None
    return dates.min(), dates.max()


def article_places(df: pd.DataFrame) -> pd.DataFrame:
    """One row per (article, place): its mention count and the article's title and date."""
    p = placed(df)
    if p.empty:
        return pd.DataFrame(
            columns=[
                "article_id",
                "place_id",
                "title",
                "name",
                "kind",
                "layer",
                "lat",
                "lon",
                "mentions",
                DATE,
            ]
        )
    g = p.groupby(["article_id", "place_id"], sort=False, observed=True)
    out = g.agg(
        title=("title", "first"),
        name=("name", "first"),
        kind=("kind", "first"),
        layer=("layer", "first"),
        lat=("lat", "first"),
        lon=("lon", "first"),
        mentions=("start", "size"),
        date=(DATE, "first"),
    ).reset_index()
    return out


def place_totals(df: pd.DataFrame) -> pd.DataFrame:
    """One row per place over the whole (filtered) corpus, most mentioned first."""
    p = placed(df)
    cols = ["place_id", "name", "kind", "layer", "country", "lat", "lon", "mentions", "articles"]
    if p.empty:
        return pd.DataFrame(columns=cols)
    g = p.groupby("place_id", sort=False, observed=True)
    out = g.agg(
        name=("name", "first"),
        kind=("kind", "first"),
        layer=("layer", "first"),
        country=("country", "first"),
        lat=("lat", "first"),
        lon=("lon", "first"),
        mentions=("start", "size"),
        articles=("article_id", "nunique"),
    ).reset_index()
    out = out.sort_values(["mentions", "name"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)[cols]


def heat_points(totals: pd.DataFrame) -> list[list[float]]:
    """[lat, lon, weight] per place for a heat map; weight = share of the top mention count."""
    if totals.empty:
        return []
    top = float(totals["mentions"].max()) or 1.0
    arr = totals[["lat", "lon", "mentions"]].to_numpy(dtype=float)
    return [[round(lat, 5), round(lon, 5), round(n / top, 4)] for lat, lon, n in arr]


def timeline(
    df: pd.DataFrame, *, places: Sequence[str] | None = None, top: int = 8, freq: str = "W"
) -> pd.DataFrame:
    """Mentions per place and period (index: period start; columns: place names).

    ``places`` (ids) picks the places; otherwise the ``top`` most mentioned. Undated articles
    are left out.
    """
    p = placed(df)
    p = p[p[DATE].notna()]
    if p.empty:
        return pd.DataFrame()
    if places:
        p = p[p["place_id"].isin(places)]
    else:
        keep = p["place_id"].value_counts().head(top).index
        p = p[p["place_id"].isin(keep)]
    if p.empty:
        return pd.DataFrame()
    # Two places may share a name: label them with the id when they do.
    names = p.groupby("place_id", observed=True)["name"].first()
    dup = names.duplicated(keep=False)
    labels = {pid: (f"{n} ({pid})" if dup[pid] else str(n)) for pid, n in names.items()}
    period = p[DATE].dt.tz_localize(None).dt.to_period(freq).dt.start_time
    counts = (
        pd.DataFrame({"period": period, "place": p["place_id"].map(labels)})
        .groupby(["period", "place"], observed=True)
        .size()
        .unstack("place", fill_value=0)
        .sort_index()
    )
    full = pd.period_range(counts.index.min(), counts.index.max(), freq=freq).start_time
    return counts.reindex(full, fill_value=0).rename_axis("period")


def articles_table(df: pd.DataFrame) -> pd.DataFrame:
    """One row per article: title, source, date, places and mentions found."""
    g = df.groupby("article_id", sort=False, observed=True)
    out = g.agg(
        title=("title", "first"),
        source=("source", "first"),
        published=("published", "first"),
        places=("place_id", "nunique"),
        mentions=("place_id", "count"),
    ).reset_index()
    return out


def merge_tables(tables: Iterable[pd.DataFrame]) -> pd.DataFrame:
    """Concatenate mention tables, keeping one copy of each article (by content hash)."""
    parts = [t for t in tables if t is not None and not t.empty]
    if not parts:
        return frame([])
    df = pd.concat(parts, ignore_index=True)
    firsts = df.drop_duplicates("article_hash")[["article_hash", "article_id"]]
    keep = df.merge(firsts, on=["article_hash", "article_id"], how="inner")
    return keep.reset_index(drop=True)
