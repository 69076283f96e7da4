"""Where the tests find the shared evaluation material: ``../shared`` beside the repository,
or the folder named by ``NEWSREADER_SHARED``. Tests that need it skip when it is absent."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("NEWSREADER_SHARED") or ROOT.parent / "shared")
CORPORA = SHARED / "corpora"
REFERENCE_SCORER = SHARED / "eval" / "score.py"
