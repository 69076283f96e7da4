"""The reader: the full article with every place name highlighted by kind, and a row of place
buttons; choosing one, or clicking a name in the text (a link), selects the place and moves
the map to it."""

from __future__ import annotations

from collections import Counter

import streamlit as st

from geo.model import ParseResult
from ui import state
from ui.html import esc, highlighted, md
from ui.view import order_of_first_mention, places_by_id, reader_spans

#: Above this many places the reader offers a searchable list instead of buttons.
MAX_BUTTONS = 40

#: Streamlit's Markdown colours nearest to each kind's map colour (for the place buttons).
_MD_COLOUR = {
    "settlement": "red",
    "district": "violet",
    "region": "violet",
    "admin1": "blue",
    "admin2": "blue",
    "corridor": "orange",
    "country": "green",
    "continent": "green",
    "physical": "blue",
    "facility": "gray",
}


def _on_pick() -> None:
    picked = st.session_state.get(state.READER_PICK)
    state.select_place(picked, fly=True)


def render(result: ParseResult, selected: str | None) -> None:
    by_id = places_by_id(result)
    order = order_of_first_mention(result)
    if order:
        # Keep the buttons in step with a selection made on the map or in the table.
        st.session_state[state.READER_PICK] = selected if selected in by_id else None

        def label(place_id: str, markdown: bool = True) -> str:
            ap = by_id[place_id]
            p = ap.place
            colour = _MD_COLOUR.get(str(p.kind), "gray")
            # The article's own spelling first: that is what the reader just read.
            forms = Counter(r.mention.text for r in ap.resolutions)
            form = forms.most_common(1)[0][0] if forms else p.name
            shown = form if form == p.name else f"{form} ({p.name})"
            return f":{colour}[●] {md(shown)}" if markdown else f"{shown} · {p.kind}"

        helptext = "Select a place to read its passages and move the map to it."
        if len(order) <= MAX_BUTTONS:
            st.pills(
                "Go to a place",
                order,
                format_func=label,
                key=state.READER_PICK,
                on_change=_on_pick,
                help=helptext,
            )
        else:  # hundreds of buttons would bury the text: a searchable list instead
            st.selectbox(
                f"Go to a place ({len(order)} places)",
                order,
                index=None,
                format_func=lambda pid: label(pid, markdown=False),
                key=state.READER_PICK,
                on_change=_on_pick,
                placeholder="Type a name ...",
                help=helptext,
            )
    with st.container(height=520, border=True):
        # each placed name is a link to this view with its place selected: the page reloads
        # from the URL, which selects the place and moves the map there (state.init)
        links = state.place_links(state.visible_layers())
        body = highlighted(result.text, reader_spans(result), href=links)
        lang = result.meta.get("language") if result.meta else None
        # the original script as written; ``lang`` lets the browser pick its fonts and rules
        attr = f' lang="{esc(lang)}"' if isinstance(lang, str) and lang else ""
        st.html(f'<div class="np-reader"{attr}>{body}</div>')
