"""Exporting a shop's data to files (the GUI's File ▸ Export… fallback and scripts)."""
from __future__ import annotations

import csv
import os
from pathlib import Path

from .schema import LINES_VIEW_COLUMNS
from .store import Shop
from .tasks import as_reporter

__all__ = ["export_lines"]


def export_lines(shop: Shop, path: str | os.PathLike, progress=None, should_stop=None,
                 chunk: int = 50_000) -> int:
    """Write the whole ``lines`` view to a CSV file (UTF-8 with BOM, so Excel reads non-Latin
    names); returns the number of lines.  Written to a temporary file first: a cancelled
    export leaves no half-written file."""
    rep = as_reporter(progress, should_stop)
    path = Path(path)
    total = shop.line_count() or 1
    tmp = path.with_name(f".{path.name}.partial")
    n = 0
    try:
        with open(tmp, "w", newline="", encoding="utf-8-sig") as fh:
            w = csv.writer(fh)
            w.writerow(LINES_VIEW_COLUMNS)
            cur = shop.conn.execute(f"SELECT {', '.join(LINES_VIEW_COLUMNS)} FROM lines ORDER BY line_id")
            while True:
                rows = cur.fetchmany(chunk)
                if not rows:
                    break
                w.writerows(rows)
                n += len(rows)
                rep(n / total, f"{n:,} lines written")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return n
