"""The map builders: pure folium and branca, no streamlit.

:mod:`ui.maps.layers` turns the geoparser's GeoJSON into the article map, :mod:`ui.maps.overview`
draws the corpus overview, :mod:`ui.maps.assets` holds the static-file URLs they load.
"""
