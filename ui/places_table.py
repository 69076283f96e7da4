"""The table of places (select a row to select the place) and the mentions left unplaced."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from geo.model import ParseResult
from ui import state
from ui.view import place_rows, unplaced_rows


def _on_select(place_ids: list[str]) -> None:
    selection = st.session_state.get(state.TABLE)
    rows = list(getattr(getattr(selection, "selection", None), "rows", []) or [])
    if rows and 0 <= rows[0] < len(place_ids):
        state.select_place(place_ids[rows[0]], fly=True)


def render(result: ParseResult) -> None:
    rows = place_rows(result)
    if rows:
        frame = pd.DataFrame(rows)
        place_ids = [str(r["gazetteer id"]) for r in rows]
        st.dataframe(
            frame,
            hide_index=True,
            width="stretch",
            key=state.TABLE,
            on_select=lambda: _on_select(place_ids),
            selection_mode="single-row",
            column_config={
                "confidence": st.column_config.ProgressColumn(
                    "confidence", min_value=0.0, max_value=1.0, format="%.2f"
                ),
                "approximate": st.column_config.CheckboxColumn("approximate"),
            },
        )
    else:
        st.info("No place of this article could be placed on the map.")
    missing = unplaced_rows(result)
    st.markdown(f"**Mentions not placed** ({len(missing)})")
    if missing:
        st.caption(
            "Names the parser read as places but could not find in the gazetteer, or found "
            "with too little confidence to place."
        )
        st.dataframe(pd.DataFrame(missing), hide_index=True, width="stretch")
    else:
        st.caption("Every place mention was placed.")
