"""Writing forecast tables to CSV (UTF-8 with BOM, so Excel reads product names) or Excel."""
from __future__ import annotations

import os
from pathlib import Path

import pandas as pd

__all__ = ["write_table"]


def write_table(df: pd.DataFrame, path: str | os.PathLike, sheet: str = "forecast") -> Path:
    """Write ``df`` by extension: ``.xlsx`` as an Excel sheet, anything else as CSV."""
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        df.to_excel(path, sheet_name=sheet[:31], index=False)
    else:
        df.to_csv(path, index=False, encoding="utf-8-sig" if path.suffix.lower() == ".csv" else "utf-8")
    return path
