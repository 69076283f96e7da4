"""The page's styles and the colour legend (the same colours as the map, from ui.maps.layers)."""

from __future__ import annotations

import streamlit as st

from ui.html import chip
from ui.maps.layers import KIND_COLOURS

_KIND_LABELS = {
    "settlement": "settlement",
    "district": "district",
    "region": "region",
    "admin1": "province / admin-1",
    "admin2": "admin-2",
    "corridor": "corridor",
    "country": "country",
    "physical": "river, mountain, sea",
    "facility": "airport",
}


def css() -> str:
    kinds = "\n".join(
        f".np-k-{kind} {{ background: {colour}22; border-bottom: 2px solid {colour}; }}"
        for kind, colour in KIND_COLOURS.items()
    )
    return f"""
<style>
.np-reader p {{ margin: 0 0 .8em 0; line-height: 1.6; }}
.np-hl {{ border-radius: 3px; padding: 0 1px; }}
{kinds}
.np-reader a.np-place, .np-reader a.np-place:visited, .np-reader a.np-place:hover {{
  color: inherit; text-decoration: none; cursor: pointer; }}
.np-reader a.np-place:hover {{ text-decoration: underline; }}
.np-unplaced {{ border-bottom: 2px dashed #888; background: #eee; }}
.np-panel {{ font-size: .95rem; }}
.np-hint {{ color: #666; padding: .5em 0; }}
.np-place-title {{ font-size: 1.15rem; margin-bottom: .3em; }}
.np-dot {{ display: inline-block; width: .8em; height: .8em; border-radius: 50%;
  margin-right: .3em; }}
.np-kind {{ color: #666; font-size: .9rem; margin-left: .3em; }}
.np-facts th {{ text-align: left; font-weight: 600; padding: 1px 10px 1px 0;
  vertical-align: top; white-space: nowrap; }}
.np-facts td {{ padding: 1px 0; }}
.np-facts, .np-facts tr, .np-facts th, .np-facts td {{ border: none; }}
.np-muted {{ color: #777; }}
.np-alts {{ margin: 0; padding-left: 1.1em; }}
.np-approx-note {{ margin-top: .4em; color: #8a4b00; font-style: italic; }}
.np-passages-title {{ margin: .8em 0 .3em 0; font-size: 1rem; }}
.np-passages {{ max-height: 330px; overflow-y: auto; }}
.np-passage {{ margin: 0 0 .6em 0; padding: .4em .7em; border-left: 3px solid #bbb;
  background: #fafafa; line-height: 1.5; }}
.np-passage mark {{ background: #ffe066; padding: 0 2px; border-radius: 2px; }}
.np-where {{ color: #888; font-size: .8rem; margin-top: .2em; }}
.np-chip {{ display: inline-flex; align-items: center; margin: 0 .9em .3em 0;
  font-size: .85rem; white-space: nowrap; }}
.np-swatch {{ display: inline-block; width: 1em; height: 1em; border-radius: 50%;
  margin-right: .35em; border: 2px solid #fff; outline: 1px solid #999; }}
.np-legend {{ line-height: 1.8; }}
/* "Yerevan said": a place named for its government; still placed, so still coloured, but
   dotted and slanted so a reader sees it is not the place itself */
.np-reader .np-meto, .np-legend .np-meto {{ border-bottom-style: dotted; font-style: italic;
  background-image: repeating-linear-gradient(135deg, transparent 0 3px,
    rgba(0,0,0,.07) 3px 5px); }}
.np-passage mark.np-meto {{ font-style: italic; }}
.np-names {{ margin: 0 0 .15em 0; }}
.np-lang-names {{ margin: 0 0 .15em 0; }}
.np-lang {{ display: inline-block; min-width: 6.6em; color: #777; font-size: .8rem; }}
.np-lang-tag {{ font-size: .7rem; color: #555; border: 1px solid #bbb; border-radius: 3px;
  padding: 0 .25em; vertical-align: middle; }}
.np-script {{ display: inline-block; min-width: 5.2em; color: #777; font-size: .8rem; }}
.np-passage.np-in-headline {{ font-weight: 600; font-size: 1.02rem; border-left-color: #333; }}
.np-passage.np-in-photo {{ font-style: italic; color: #444; border-left-style: dashed; }}
</style>
"""


def inject() -> None:
    st.html(css())


def legend_html(kinds: list[str] | None = None) -> str:
    shown = kinds or list(_KIND_LABELS)
    chips = [chip(_KIND_LABELS.get(k, k), KIND_COLOURS[k]) for k in shown if k in KIND_COLOURS]
    chips.append(chip("approximate geometry (dashed)", "#999999", dashed=True))
    chips.append(
        '<span class="np-chip"><span class="np-hl np-k-settlement np-meto">Yerevan</span>'
        "&nbsp;said: the government, still placed</span>"
    )
    chips.append(
        '<span class="np-chip"><span class="np-hl np-unplaced">name</span>&nbsp;not placed</span>'
    )
    return f'<div class="np-legend">{"".join(chips)}</div>'
