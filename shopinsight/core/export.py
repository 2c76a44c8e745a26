"""Exporting a shop's data to files (the GUI's File ▸ Export… fallback and scripts)."""
from __future__ import annotations

import csv
import os
from pathlib import Path

import pandas as pd

from .schema import LINES_VIEW_COLUMNS
from .store import Shop
from .tasks import as_reporter

__all__ = ["export_lines", "write_table"]


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


def write_table(df: pd.DataFrame, path: str | os.PathLike, sheet: str = "data", *, bom: bool = True) -> Path:
    """Write a table by extension: ``.xlsx``/``.xlsm`` as one Excel sheet, anything else as CSV.

    A ``.csv`` gets a UTF-8 byte-order mark when ``bom`` (Excel then reads non-Latin names);
    other extensions are plain UTF-8.  Written to a temporary file first, so a failed export
    leaves no half-written file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    tmp = path.with_name(f".{path.name}.partial{path.suffix}")
    try:
        if suffix in (".xlsx", ".xlsm"):
            df.to_excel(tmp, sheet_name=sheet[:31], index=False, engine="openpyxl")
        else:
            df.to_csv(tmp, index=False, encoding="utf-8-sig" if bom and suffix == ".csv" else "utf-8")
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path
