"""``python -m corpus batch`` run in its own process, as a user runs it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_batch(
    folder: Path, out: Path, *options: str, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """Run the batch command on ``folder`` into ``out``; fail the test if it fails."""
    proc = subprocess.run(
        [sys.executable, "-m", "corpus", "batch", str(folder), "--out", str(out), *options],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert proc.returncode == 0, proc.stderr
    return proc
