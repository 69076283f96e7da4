"""The dashboard: the only code that imports streamlit and streamlit_folium."""
