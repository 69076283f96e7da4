"""Fixtures: the real gazetteer index (built on first use, as a user would get it)."""

from __future__ import annotations

import pytest

import gazetteer
from gazetteer.store import Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return gazetteer.open()
