"""The offline gazetteer: the world's places with their alternate names, built into SQLite."""
