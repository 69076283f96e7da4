"""Per-language NLP components of the geoparser (one module per language)."""
