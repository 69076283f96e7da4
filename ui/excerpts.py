"""The excerpt panel: the selected place's details and every passage that mentions it."""

from __future__ import annotations

from collections.abc import Mapping

import streamlit as st

from geo.model import ArticlePlace, ParseResult
from ui import resources
from ui.html import esc, marked
from ui.maps.layers import DEFAULT_COLOUR, KIND_COLOURS
from ui.view import (
    alternatives,
    article_language,
    language_names,
    name_groups,
    passages,
    places_by_id,
)

#: Alternate names shown before "and N more".
NAMES_SHOWN = 24


def _names_html(ap: ArticlePlace) -> str:
    """ "Also called": the gazetteer's other names by script, cleaned, the article's own
    spellings first (in bold), at most :data:`NAMES_SHOWN` in all."""
    forms = [r.mention.text for r in ap.resolutions]
    groups = name_groups(
        resources.alternate_names(ap.place.id), primary=ap.place.name, article_forms=forms
    )
    rows: list[str] = []
    left = NAMES_SHOWN
    hidden = 0
    for g in groups:
        names = g.names[: max(left, 0)]
        hidden += len(g.names) - len(names)
        left -= len(names)
        if not names:
            continue
        own = set(g.in_article)
        listed = ", ".join(
            f"<b title='as in this article'>{esc(n)}</b>" if n in own else esc(n) for n in names
        )
        rows.append(
            f"<div class='np-names' data-script='{esc(g.script)}'>"
            f"<span class='np-script'>{esc(g.script)}</span> {listed}</div>"
        )
    if hidden:
        rows.append(f"<div class='np-muted'>and {hidden} more</div>")
    return "".join(rows)


@st.cache_resource(show_spinner=False, max_entries=4096)
def names_by_language(place_id: str) -> dict[str, tuple[str, ...]]:
    """The gazetteer's names of a place by language (CLDR and the curated pack)."""
    found = resources.open_gazetteer().names_by_language(place_id) or {}
    return {lang: tuple(names) for lang, names in found.items()}


def languages_html(ap: ArticlePlace, meta: Mapping[str, object] | None) -> str:
    """ "What each language calls it": English, Russian, Azerbaijani and Armenian, one line
    each, the spellings this article used first (in bold, as read, inflected or not)."""
    forms = [(r.mention.text, article_language(meta, r.mention.start)) for r in ap.resolutions]
    lines = language_names(
        names_by_language(ap.place.id), primary=ap.place.name, article_forms=forms
    )
    rows = []
    for line in lines:
        own = set(line.in_article)
        listed = ", ".join(
            f"<b title='as in this article'>{esc(n)}</b>" if n in own else esc(n)
            for n in line.names
        )
        rows.append(
            f"<div class='np-lang-names' data-lang='{esc(line.lang)}'>"
            f"<span class='np-lang'>{esc(line.label)}</span> "
            f"<span lang='{esc(line.lang)}'>{listed}</span></div>"
        )
    return "".join(rows)


def render(result: ParseResult, place_id: str | None, *, title: str | None = None) -> None:
    if place_id is None:
        top = sorted(result.places, key=lambda a: (-a.count, a.place.name))[:6]
        unplaced = sum(1 for r in result.resolutions if r.place is None)
        most = ", ".join(f"{esc(a.place.name)} ({a.count})" for a in top)
        st.html(
            '<div class="np-panel np-hint">Click a place on the map, in the reader or in the '
            "table to read every passage that mentions it.</div>"
            f'<div class="np-panel np-summary">{len(result.places)} places, '
            f"{len(result.resolutions) - unplaced} placed mentions, {unplaced} not placed."
            + (f"<br>Most mentioned: {most}." if most else "")
            + "</div>"
        )
        return
    ap = places_by_id(result).get(place_id)
    if ap is None:
        st.html(f'<div class="np-panel np-hint">{esc(place_id)} is not among this '
                "article's places.</div>")
        return
    p = ap.place
    colour = KIND_COLOURS.get(str(p.kind), DEFAULT_COLOUR)
    shown = _names_html(ap)
    by_language = languages_html(ap, result.meta)
    where = " › ".join(esc(n) for n in resources.parents(p.id)) or esc(p.country or "")
    alts = alternatives(ap)
    alt_html = (
        "<ul class='np-alts'>"
        + "".join(
            f"<li>{esc(c.place.name)} <span class='np-muted'>({esc(c.place.kind)}, "
            f"{esc(c.place.country or '-')}, {esc(c.place.id)}) score {c.score:.2f}</span></li>"
            for c in alts
        )
        + "</ul>"
        if alts
        else "<span class='np-muted'>none</span>"
    )
    approx = (
        "<div class='np-approx-note'>Approximate geometry: drawn schematically, not surveyed."
        "</div>"
        if p.approximate
        else ""
    )
    metonymic = sum(1 for r in ap.resolutions if r.metonymic)
    meto = (
        f"<div class='np-muted'>{metonymic} of {ap.count} mentions used for a government or "
        "people (metonymy).</div>"
        if metonymic
        else ""
    )
    mentions = "mention" if ap.count == 1 else "mentions"
    no_names = "<span class='np-muted'>no other names</span>"
    details = f"""
    <div class="np-panel np-place-details" data-place="{esc(p.id)}">
      <div class="np-place-title"><span class="np-dot" style="background:{colour}"></span>
        <b>{esc(p.name)}</b> <span class="np-kind">{esc(p.kind)}</span></div>
      <table class="np-facts">
        <tr><th>Mentions</th><td>{ap.count} {mentions}</td></tr>
        <tr><th>Gazetteer id</th><td><code>{esc(p.id)}</code></td></tr>
        <tr><th>Where</th><td>{where}</td></tr>
        <tr><th>Lat, lon</th><td>{p.lat:.4f}, {p.lon:.4f}</td></tr>
        <tr><th>Confidence</th><td>{ap.confidence:.0%}</td></tr>
        <tr class="np-languages"><th>What each language calls it</th>
          <td>{by_language or no_names}</td></tr>
        <tr><th>Also called</th><td>{shown or no_names}</td></tr>
        <tr><th>Alternatives</th><td>{alt_html}</td></tr>
      </table>
      {approx}{meto}
    </div>"""
    found = passages(result, p.id, title=title)
    blocks = "".join(
        f'<blockquote class="np-passage np-in-{esc(ps.where.split(" ")[0])}" '
        f'data-place="{esc(p.id)}" data-where="{esc(ps.where)}">'
        f"{marked(ps.text(result.text), ps.marks)}"
        f'<div class="np-where">{esc(ps.where)}</div></blockquote>'
        for ps in found
    )
    plural = "s" if len(found) != 1 else ""
    heading = f"<h4 class='np-passages-title'>{len(found)} passage{plural}</h4>"
    st.html(details + heading + f'<div class="np-passages">{blocks}</div>')
