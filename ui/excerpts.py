"""The excerpt panel: the selected place's details and every passage that mentions it."""

from __future__ import annotations

import streamlit as st

from geo.model import ParseResult
from ui import resources
from ui.html import esc, marked
from ui.maps.layers import DEFAULT_COLOUR, KIND_COLOURS
from ui.view import alternatives, passages, places_by_id

#: Alternate names shown before "and N more".
NAMES_SHOWN = 24


def render(result: ParseResult, place_id: str | None) -> None:
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
    names = [n for n in resources.alternate_names(p.id) if n != p.name]
    shown = ", ".join(esc(n) for n in names[:NAMES_SHOWN])
    if len(names) > NAMES_SHOWN:
        shown += f" and {len(names) - NAMES_SHOWN} more"
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
        <tr><th>Also called</th><td>{shown or no_names}</td></tr>
        <tr><th>Alternatives</th><td>{alt_html}</td></tr>
      </table>
      {approx}{meto}
    </div>"""
    found = passages(result, p.id)
    blocks = "".join(
        f'<blockquote class="np-passage" data-place="{esc(p.id)}">'
        f"{marked(ps.text(result.text), ps.marks)}"
        f'<div class="np-where">paragraph {ps.paragraph}</div></blockquote>'
        for ps in found
    )
    plural = "s" if len(found) != 1 else ""
    heading = f"<h4 class='np-passages-title'>{len(found)} passage{plural}</h4>"
    st.html(details + heading + f'<div class="np-passages">{blocks}</div>')
