"""Browsing the ``lines`` view: filters, ordering and fetching rows by id.

The GUI's lines table and the CLI's ``lines`` verb share these functions.  A browse is done
in two steps so that a million lines scroll smoothly with flat memory:

1. :func:`line_ids` runs the filter + ORDER BY once and returns the matching ``line_id``\\ s
   in display order as one compact ``numpy`` array (4–8 bytes a line).  It is one SQL
   statement, so it runs with the GIL released and can be cancelled through ``should_stop``.
2. :func:`fetch_lines` reads the columns of one block of ids (a few hundred rowid lookups,
   about a millisecond), so a view only ever holds the blocks it shows.

:class:`LinesReader` holds a browse's own read-only connection (the GUI's lines table keeps one
per shop) and turns SQLite's errors into :class:`~shopinsight.core.store.ShopError`\\ s, so a
caller never deals with ``sqlite3``.

Ordering by the indexed columns (line, day/time, product, customer, order) is fastest;
any other column works too, at the cost of one temporary sort inside SQLite.
"""
from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Optional, Sequence

import numpy as np

from .i18n import _
from .store import ShopError, connect_readonly, interruptible
from .tasks import as_reporter

__all__ = ["LineFilter", "BROWSE_COLUMNS", "SORTABLE", "FLAGS", "KEY_COLUMNS", "where_clause", "line_ids",
           "count_lines", "fetch_lines", "LinesReader"]

# Columns shown when browsing, in display order (a subset of the public `lines` view).
BROWSE_COLUMNS: list[str] = [
    "line_id", "order_id", "ordered_at", "customer_id", "product_id", "product_name",
    "quantity", "unit_price", "amount", "country", "line_kind", "is_cancellation", "is_merchandise",
    "import_id",
]

# ORDER BY expression per column; line_id breaks ties so the order is total and stable.
SORTABLE: dict[str, str] = {c: c for c in BROWSE_COLUMNS}
SORTABLE["ordered_at"] = "day {dir}, ordered_at"  # `day` is indexed; ordered_at refines within a day

# Line flags a browse can be restricted to.
FLAGS: dict[str, str] = {
    "all": "",
    "cancellations": "is_cancellation = 1",
    "merchandise": "is_merchandise = 1",
    "non_merchandise": "is_merchandise = 0",
    "sales": "is_cancellation = 0",
    "merchandise_sales": "is_merchandise = 1 AND is_cancellation = 0",
}

# The key columns a drill-down narrows to (LineFilter field -> column of the `lines` view).
KEY_COLUMNS: dict[str, str] = {
    "line_ids": "line_id", "order_ids": "order_id", "customer_ids": "customer_id",
    "product_ids": "product_id", "countries": "country", "stores": "store",
    # day of week (Monday 0 … Sunday 6) and hour of day, as the Overview's heatmap reads them
    "weekdays": "((CAST(strftime('%w', day) AS INTEGER) + 6) % 7)",
    "hours": "CAST(substr(ordered_at, 12, 2) AS INTEGER)",
}
_INT_KEYS = {"line_ids", "weekdays", "hours"}


@dataclass(frozen=True)
class LineFilter:
    """Which lines to show: free text, a day range (inclusive ISO dates), a flag, an import, and
    the keys a chart's drill-down narrows to (:mod:`shopinsight.core.drill` builds those).

    Each key field is a tuple of values the line's column must be one of (empty = any): line ids,
    orders, customers, products, countries (``""`` stands for an unknown country: NULL or blank),
    stores, days of the week (Monday 0) and hours of the day.  ``label`` says in words what the keys
    select ("Product 85123A …", "Segment Champions"); it is shown, never matched.
    """

    text: str = ""
    date_from: Optional[str] = None
    date_to: Optional[str] = None
    flag: str = "all"
    import_id: Optional[int] = None
    line_ids: tuple = ()
    order_ids: tuple = ()
    customer_ids: tuple = ()
    product_ids: tuple = ()
    countries: tuple = ()
    stores: tuple = ()
    weekdays: tuple = ()
    hours: tuple = ()
    label: str = field(default="", compare=False)

    def is_empty(self) -> bool:
        """True when the filter keeps every line."""
        return not (self.text.strip() or self.date_from or self.date_to
                    or self.flag != "all" or self.import_id is not None or self.has_keys())

    def has_keys(self) -> bool:
        """True when it narrows to some orders, customers, products … (a drill-down)."""
        return any(getattr(self, f) for f in KEY_COLUMNS)

    def without_keys(self) -> "LineFilter":
        """The same filter with the drill-down's keys (and their label) removed."""
        return replace(self, label="", **{f: () for f in KEY_COLUMNS})


def _like_pattern(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def where_clause(flt: LineFilter) -> tuple[str, list]:
    """SQL ``WHERE ...`` (or '') and its parameters for a filter over the ``lines`` view.

    Free text matches product code and name, order and customer (case-insensitive for
    ASCII, as SQLite's LIKE).  Several words must all match (each in any of those columns).
    """
    if flt.flag not in FLAGS:
        raise ValueError(f"unknown line flag {flt.flag!r}; expected one of {sorted(FLAGS)}")
    parts: list[str] = []
    params: list = []
    for word in flt.text.split():
        parts.append("(product_name LIKE ? ESCAPE '\\' OR product_id LIKE ? ESCAPE '\\' "
                     "OR order_id LIKE ? ESCAPE '\\' OR customer_id LIKE ? ESCAPE '\\')")
        params += [_like_pattern(word)] * 4
    if flt.date_from:
        parts.append("day >= ?")
        params.append(flt.date_from)
    if flt.date_to:
        parts.append("day <= ?")
        params.append(flt.date_to)
    if FLAGS[flt.flag]:
        parts.append(FLAGS[flt.flag])
    if flt.import_id is not None:
        parts.append("import_id = ?")
        params.append(int(flt.import_id))
    for fld, col in KEY_COLUMNS.items():
        values = getattr(flt, fld)
        if not values:
            continue
        values = [int(v) for v in values] if fld in _INT_KEYS else [str(v) for v in values]
        unknown = fld == "countries" and "" in values
        values = [v for v in values if not (unknown and v == "")]
        one = []
        if values:
            # any number of keys in one parameter (a segment may hold thousands of customers)
            one.append(f"{col} = ?" if len(values) == 1 else f"{col} IN (SELECT value FROM json_each(?))")
            params.append(values[0] if len(values) == 1 else json.dumps(values))
        if unknown:
            one.append("coalesce(trim(country), '') = ''")
        parts.append(one[0] if len(one) == 1 else "(" + " OR ".join(one) + ")")
    return ("WHERE " + " AND ".join(parts)) if parts else "", params


def _order_by(sort: str, descending: bool) -> str:
    if sort not in SORTABLE:
        raise ValueError(f"cannot sort lines by {sort!r}; expected one of {list(SORTABLE)}")
    d = "DESC" if descending else "ASC"
    expr = SORTABLE[sort]
    expr = expr.format(dir=d) + f" {d}" if "{dir}" in expr else f"{expr} {d}"
    if sort == "line_id":
        return f"ORDER BY {expr}"
    return f"ORDER BY {expr}, line_id {d}"


def line_ids(conn: sqlite3.Connection, flt: LineFilter = LineFilter(), sort: str = "line_id",
             descending: bool = False, *, progress=None, should_stop=None) -> np.ndarray:
    """The ``line_id`` of every line matching ``flt``, in display order.

    Returns an ``int32`` array when ids fit (they do below two billion lines), else ``int64``.
    Raises :class:`Cancelled` when ``should_stop`` turns true while the query runs.
    """
    rep = as_reporter(progress, should_stop)
    rep(0.0, _("selecting lines"))
    where, params = where_clause(flt)
    # group_concat of the ordered sub-select: one result row, parsed by numpy in C —
    # several times faster than iterating 1 M Python tuples, and the GIL is free meanwhile.
    sql = (f"SELECT group_concat(line_id) FROM "
           f"(SELECT line_id FROM lines {where} {_order_by(sort, descending)})")
    with interruptible(conn, should_stop):
        text = conn.execute(sql, params).fetchone()[0]
    if not text:
        return np.zeros(0, dtype=np.int32)
    ids = np.array(text.split(","), dtype=np.int64)
    rep(1.0, _("lines selected"))
    return ids.astype(np.int32) if ids.max() < 2**31 else ids


def count_lines(conn: sqlite3.Connection, flt: LineFilter = LineFilter()) -> int:
    """Number of lines matching ``flt``."""
    where, params = where_clause(flt)
    return int(conn.execute(f"SELECT count(*) FROM lines {where}", params).fetchone()[0])


def fetch_lines(conn: sqlite3.Connection, ids: Sequence[int],
                columns: Sequence[str] = BROWSE_COLUMNS) -> list[tuple]:
    """Rows (tuples of ``columns``) for ``ids``, in the order of ``ids``; missing ids are skipped."""
    ids = [int(i) for i in ids]
    if not ids:
        return []
    cols = list(columns)
    if "line_id" not in cols:
        cols = ["line_id", *cols]
    unknown = set(cols) - set(BROWSE_COLUMNS) - {"day", "store", "source_row", "extra"}
    if unknown:
        raise ValueError(f"unknown line columns: {sorted(unknown)}")
    out: dict[int, tuple] = {}
    key = cols.index("line_id")
    for start in range(0, len(ids), 900):  # stay below SQLite's bound-parameter limit
        chunk = ids[start:start + 900]
        sql = (f"SELECT {', '.join(cols)} FROM lines "
               f"WHERE line_id IN ({', '.join('?' * len(chunk))})")
        for row in conn.execute(sql, chunk):
            out[row[key]] = row
    if list(columns) != cols:  # line_id was added only to put rows back in order
        return [out[i][1:] for i in ids if i in out]
    return [out[i] for i in ids if i in out]


class LinesReader:
    """A read-only browse of one shop's lines on its own connection (WAL readers never block an
    import that writes meanwhile).  :meth:`ids` and :meth:`fetch` are :func:`line_ids` and
    :func:`fetch_lines` on it; a SQLite failure becomes a :class:`ShopError` naming the shop.
    Usable as a context manager; :meth:`close` never raises."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn: Optional[sqlite3.Connection] = connect_readonly(self.path)

    def ids(self, flt: LineFilter = LineFilter(), sort: str = "line_id", descending: bool = False, *,
            should_stop=None) -> np.ndarray:
        """The matching ``line_id``\\ s in display order (see :func:`line_ids`); raises
        :class:`ShopError` when SQLite fails and ``Cancelled`` when stopped."""
        try:
            return line_ids(self._conn(), flt, sort, descending, should_stop=should_stop)
        except sqlite3.Error as exc:
            raise ShopError(f"{self.path}: {exc}") from exc

    def fetch(self, ids: Sequence[int], columns: Sequence[str] = BROWSE_COLUMNS) -> list[tuple]:
        """Rows for ``ids`` (see :func:`fetch_lines`); none when SQLite fails (a closed or
        vanished shop): the caller shows blank rows rather than failing a repaint."""
        try:
            return fetch_lines(self._conn(), ids, columns)
        except (sqlite3.Error, ShopError):
            return []

    def _conn(self) -> sqlite3.Connection:
        if self.conn is None:
            raise ShopError(_("{path}: the lines reader is closed").format(path=self.path))
        return self.conn

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            except sqlite3.Error:
                pass
            self.conn = None

    def __enter__(self) -> "LinesReader":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
