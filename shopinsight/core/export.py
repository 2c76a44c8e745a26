"""Exporting a shop's data to files (the GUI's File ▸ Export… fallback and scripts).

Every CSV/Excel file the app writes goes through this module, so every export is safe to open:
a text cell that starts with ``=``, ``+``, ``-``, ``@`` (or a tab / carriage return) and is not a
number would be read by a spreadsheet as a formula (``=HYPERLINK(…)``, ``=cmd|…``).  Such cells
are written as text: prefixed with ``'`` in CSV, stored as a text cell (with Excel's
quote-prefix) in ``.xlsx``.  Exports from a pseudonymised shop are also scrubbed of e-mail
addresses and phone numbers (:mod:`.privacy`).
"""
from __future__ import annotations

import csv
import os
import re
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from .i18n import _
from .schema import LINES_VIEW_COLUMNS
from .store import Shop
from .tasks import as_reporter
from . import fmt

__all__ = ["export_lines", "write_table", "safe_cell", "safe_frame", "formula_risk", "table_text"]

_RISKY_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:[eE][+-]?\d+)?|[+-]?\d+,\d+|[+-]?\.\d+")
# columns of the lines view that are free text (scrubbed in exports of a pseudonymised shop)
_FREE_TEXT = ("product_name", "extra")


def formula_risk(value: Any) -> bool:
    """True for text a spreadsheet would read as a formula (starts with = + - @ tab CR, not a number)."""
    return (isinstance(value, str) and value[:1] in _RISKY_START
            and _NUMBER.fullmatch(value.strip()) is None)


def safe_cell(value: Any) -> Any:
    """``value`` made safe for a CSV cell: risky text gets a leading ``'`` (shown as text by spreadsheets)."""
    return "'" + value if formula_risk(value) else value


def _safe_series(s: pd.Series, scrub: bool) -> pd.Series:
    if s.dtype.kind in "biufcmM":
        return s
    if scrub:
        from .privacy import scrub_series
        s = scrub_series(s)
    risky = s.map(formula_risk, na_action="ignore").fillna(False).astype(bool)
    if not risky.any():
        return s
    out = s.astype(object).copy()
    out[risky] = "'" + out[risky].astype(str)
    return out


def safe_frame(df: pd.DataFrame, *, scrub: bool = False) -> pd.DataFrame:
    """A copy of ``df`` whose text cells (and column names) are safe for CSV (see :func:`safe_cell`);
    with ``scrub``, e-mail addresses and phone numbers in text cells are replaced too."""
    out = df.copy()
    out.columns = [safe_cell(str(c)) for c in df.columns]
    for i in range(out.shape[1]):
        out.isetitem(i, _safe_series(out.iloc[:, i], scrub))
    return out


def table_text(df: pd.DataFrame, sep: str = "\t") -> str:
    """``df`` as delimited text for the clipboard (pastes into spreadsheets), formula-safe."""
    return safe_frame(df).to_csv(sep=sep, index=False)


def export_lines(shop: Shop, path: str | os.PathLike, progress=None, should_stop=None,
                 chunk: int = 50_000) -> int:
    """Write the whole ``lines`` view to a CSV file (UTF-8 with BOM, so Excel reads non-Latin
    names); returns the number of lines.  Written to a temporary file first: a cancelled
    export leaves no half-written file.  Formula-looking text is escaped; a pseudonymised
    shop's free text (product names, extra columns) is scrubbed of e-mails and phone numbers."""
    from .privacy import is_pseudonymised, scrub_text

    rep = as_reporter(progress, should_stop)
    path = Path(path)
    total = shop.line_count() or 1
    tmp = path.with_name(f".{path.name}.partial")
    scrub = is_pseudonymised(shop)
    shop.conn.create_function("si_safe_cell", 1, safe_cell, deterministic=True)
    shop.conn.create_function("si_scrub", 1, scrub_text, deterministic=True)
    n = 0
    try:
        with open(tmp, "w", newline="", encoding=CSV_ENCODING) as fh:
            w = csv.writer(fh)
            w.writerow(LINES_VIEW_COLUMNS)
            cur = shop.conn.execute(f"SELECT {', '.join(_line_select(scrub))} FROM lines ORDER BY line_id")
            while True:
                rep.check()
                rows = cur.fetchmany(chunk)
                if not rows:
                    break
                w.writerows(rows)
                n += len(rows)
                rep(n / total, _("{n} lines written").format(n=fmt.integer(n)))
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return n


_REAL_COLUMNS = {"quantity", "unit_price", "amount"}
_TEXT_COLUMNS = {"order_id", "ordered_at", "customer_id", "product_id", "product_name", "country", "day",
                 "store", "line_kind", "extra"}


def _line_select(scrub: bool) -> Iterable[str]:
    """SQL expressions for the lines export: the (rare) risky text goes through Python, the rest stays in C."""
    for c in LINES_VIEW_COLUMNS:
        if c in _REAL_COLUMNS:      # no float noise: the same 12 significant digits as write_table
            yield f"CASE WHEN {c} IS NULL THEN NULL ELSE printf('{CSV_FLOAT_FORMAT}', {c}) END AS {c}"
            continue
        if c not in _TEXT_COLUMNS:
            yield c
            continue
        expr = f"si_scrub({c})" if scrub and c in _FREE_TEXT else c
        yield (f"CASE WHEN substr({expr}, 1, 1) IN ('=', '+', '-', '@', char(9), char(13)) "
               f"THEN si_safe_cell({expr}) ELSE {expr} END AS {c}")


# One CSV policy for every file the app writes: UTF-8 with a byte-order mark (Excel then reads
# non-Latin names; pandas, Python's csv and every other reader skip it), comma-separated, and
# floats with at most 12 significant digits, so float noise (14305.659999999998) is not written.
CSV_ENCODING = "utf-8-sig"
CSV_FLOAT_FORMAT = "%.12g"


def write_table(df: pd.DataFrame, path: str | os.PathLike, sheet: str = "data", *,
                scrub: bool = False) -> Path:
    """Write a table by extension: ``.xlsx``/``.xlsm`` as one Excel sheet, anything else as CSV
    (see ``CSV_ENCODING``/``CSV_FLOAT_FORMAT``: the same policy for every CSV).  Text that a spreadsheet would take for a formula is written
    as text (``'``-prefixed in CSV, a text cell in Excel); with ``scrub`` (exports of a
    pseudonymised shop) e-mail addresses and phone numbers in text cells are replaced.  Written to
    a temporary file first, so a failed export leaves no half-written file.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    tmp = path.with_name(f".{path.name}.partial{path.suffix}")
    try:
        if suffix in (".xlsx", ".xlsm"):
            _write_xlsx(df, tmp, sheet[:31], scrub)
        else:
            safe_frame(df, scrub=scrub).to_csv(tmp, index=False, encoding=CSV_ENCODING,
                                               float_format=CSV_FLOAT_FORMAT)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return path


def _xlsx_value(v: Any) -> Any:
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and v != v:
        return None
    if isinstance(v, pd.Timestamp):
        return v.tz_localize(None).to_pydatetime() if v.tzinfo else v.to_pydatetime()
    if hasattr(v, "item") and not isinstance(v, (str, bytes)):     # numpy scalars
        return v.item()
    return v


def _write_xlsx(df: pd.DataFrame, path: Path, sheet: str, scrub: bool) -> None:
    """One sheet, header row first; text cells are always text (never a formula)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(sheet or "data")

    def cell(v: Any):
        v = _xlsx_value(v)
        if isinstance(v, str) and v[:1] in _RISKY_START:
            c = WriteOnlyCell(ws, value=v)
            c.data_type = "s"       # a string cell: openpyxl would store "=…" as a formula
            c.quotePrefix = True    # and Excel keeps it text when the cell is edited
            return c
        return v

    ws.append([cell(str(c)) for c in df.columns])
    data = df
    if scrub:
        from .privacy import scrub_series
        data = df.copy()
        for i in range(data.shape[1]):
            data.isetitem(i, scrub_series(data.iloc[:, i]))
    for row in data.itertuples(index=False, name=None):
        ws.append([cell(v) for v in row])
    wb.save(path)
