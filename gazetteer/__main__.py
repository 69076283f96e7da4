"""``python -m gazetteer``: see gazetteer/cli.py."""

import sys

from gazetteer.cli import main

if sys.stdout.encoding and sys.stdout.encoding.lower() not in {"utf-8", "utf8"}:
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]
raise SystemExit(main())
