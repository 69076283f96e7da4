"""Fixtures for the whole suite."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest


@pytest.fixture(autouse=True)
def _keep_main_module() -> Iterator[None]:
    # Streamlit's AppTest leaves sys.modules["__main__"] pointing at a deleted temporary
    # script; any process spawned later in the run (spaCy's n_process, Dask workers) would
    # re-import it and fail. Put back what the test found.
    saved = sys.modules.get("__main__")
    yield
    if saved is not None:
        sys.modules["__main__"] = saved
