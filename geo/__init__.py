"""The geoparser: article text -> place mentions -> resolved places with geometry.

Pure Python; nothing here imports streamlit. The one entry point shared by the dashboard, the
CLI and the batch job is :func:`geo.parse`.
"""
