"""``python -m corpus``: geoparse a corpus in batch on Dask, or export its places.

python -m corpus batch ARTICLES... --out results.parquet [--workers N | --scheduler URL]
python -m corpus export SOURCE --format geojson|csv|kml|gpkg --out FILE
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

USAGE = __doc__.split("\n\n", 1)[1]


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr if not args else sys.stdout)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "batch":
        from corpus import batch  # Dask and pyarrow load only for this command

        return batch.main(rest)
    if command == "export":
        from corpus import export

        return export.main(rest)
    print(f"python -m corpus: unknown command {command!r}\n\n{USAGE}", file=sys.stderr)
    return 2
