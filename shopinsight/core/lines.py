"""Browsing the ``lines`` view: filters, ordering and reading pages of rows.

The GUI's lines table and the CLI's ``lines`` verb share these functions.  A browse never reads
every matching line first: a 5-million-line shop shows its first page in a millisecond.

* :class:`LinePager` reads the rows ``[start, start + n)`` of one filter + order by *keyset*
  (``WHERE (sort key, line_id) > (last key read) ORDER BY … LIMIT n``), so the next page of a
  scroll seeks an index instead of counting rows from the top.  It remembers the key at the end
  of each page it read (its *anchors*); a page far from any anchor (a jump to the middle) is
  read with ``OFFSET`` from the nearest anchor before it, and :meth:`LinePager.build_anchors`
  walks the whole order once in the background to put an anchor every few thousand rows.
* :func:`count_lines` counts the matching lines separately (a caller shows the rows before the
  count arrives); ``cap`` bounds a first quick count ("more than 10,000").
* :func:`line_ids` (every matching id in display order) and :func:`fetch_lines` (rows by id)
  remain for callers that need the whole selection at once.

Orders by line, day/time, product, customer and order seek their index (:data:`INDEXED_SORTS`);
any other column (amount, product name, …) has no index (an index per column would slow every
import): one scan of the matching lines inside SQLite reads the order's next 4,096 keys, and the
pages among them are lookups by line id.

:class:`LinesReader` holds a browse's own read-only connection and turns SQLite's errors into
:class:`~shopinsight.core.store.ShopError`\\ s, so a caller never deals with ``sqlite3``.
"""
from __future__ import annotations

import bisect
import json
import sqlite3
import threading
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Optional, Sequence

import numpy as np

from .i18n import _
from .store import ShopError, connect_readonly, interruptible
from .tasks import as_reporter

__all__ = ["LineFilter", "BROWSE_COLUMNS", "SORTABLE", "INDEXED_SORTS", "FLAGS", "KEY_COLUMNS", "where_clause",
           "line_ids", "count_lines", "fetch_lines", "LinePager", "LinesReader"]

# Columns shown when browsing, in display order (a subset of the public `lines` view).
BROWSE_COLUMNS: list[str] = [
    "line_id", "order_id", "ordered_at", "customer_id", "product_id", "product_name",
    "quantity", "unit_price", "amount", "country", "line_kind", "is_cancellation", "is_merchandise",
    "import_id",
]

# The columns lines can be sorted by.
SORTABLE: tuple[str, ...] = tuple(BROWSE_COLUMNS)

# The columns of each order before its line_id tie-break (line_id makes the order total and
# stable): a page's position is these values and the line_id of its last row (the keyset).  The
# date order is by the indexed `day`, then the time within the day.
_SORT_KEYS: dict[str, tuple[str, ...]] = {c: (c,) for c in BROWSE_COLUMNS}
_SORT_KEYS["line_id"] = ()
_SORT_KEYS["ordered_at"] = ("day", "ordered_at")
# Orders an index serves (the rowid, ix_line_items_day/product/customer/order): a page seeks, and
# the anchors come from an index alone (the whole key is in the index, or — the date order, whose
# time of day is not in ix_line_items_day — the lines per day counted over the index).
INDEXED_SORTS = frozenset({"line_id", "ordered_at", "order_id", "customer_id", "product_id"})
# Browse columns the schema declares NOT NULL (others sort their NULLs first, as SQLite does).
_NOT_NULL = frozenset({"line_id", "ordered_at", "day", "amount", "is_cancellation", "is_merchandise",
                       "line_kind", "import_id"})

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
    return "ORDER BY " + ", ".join(f"{c} {d}" for c in (*_SORT_KEYS[sort], "line_id"))


def _and(where: str, cond: str) -> str:
    """``where`` (a ``WHERE …`` clause or '') narrowed by ``cond``."""
    return (where + (" AND " if where else "WHERE ") + cond) if cond else where


@dataclass(frozen=True)
class _GroupStart:
    """An anchor at the first row of a group of equal values of the order's leading column
    (:func:`_group_column`: the day for the date order): the rows from that group on."""
    value: Any


def _group_column(sort: str) -> str:
    return (_SORT_KEYS[sort] or ("line_id",))[0]


def _segments(sort: str, desc: bool, after: Optional[tuple]) -> list[tuple[str, list]]:
    """The conditions (SQL, parameters) whose rows, read one after the other in display order,
    are exactly the rows after the key ``after`` (None: from the first row).

    SQLite orders NULL before any value, so a nullable key column splits the rest of the order
    in two: the NULLs (first when ascending, last when descending) and the values.  Every
    condition starts with a range on the sort column (``c >= ?``) so that an index seeks to the
    key instead of walking from the top."""
    if after is None:
        return [("", [])]
    gt, ge = ("<", "<=") if desc else (">", ">=")
    if isinstance(after, _GroupStart):  # from the first row of a group on (NULLs: first ascending)
        c, v = _group_column(sort), after.value
        if v is None:
            return [(f"{c} IS NULL", [])] if desc else [("", [])]
        tail = [(f"{c} IS NULL", [])] if desc and c not in _NOT_NULL else []
        return [(f"{c} {ge} ?", [v]), *tail]
    keys, lid = _SORT_KEYS[sort], after[-1]
    if not keys:
        return [(f"line_id {gt} ?", [lid])]
    if len(keys) > 1 or keys[0] in _NOT_NULL:    # no NULLs: one row-value range
        cols, vals = ", ".join(keys), list(after[:-1])
        return [(f"{keys[0]} {ge} ? AND ({cols}, line_id) {gt} ({', '.join('?' * len(vals))}, ?)",
                 [vals[0], *vals, lid])]
    c, v = keys[0], after[0]
    if v is None:
        nulls = (f"{c} IS NULL AND line_id {gt} ?", [lid])
        return [nulls] if desc else [nulls, (f"{c} IS NOT NULL", [])]
    values = (f"{c} {ge} ? AND ({c} {gt} ? OR line_id {gt} ?)", [v, v, lid])
    return [values, (f"{c} IS NULL", [])] if desc else [values]


class LinePager:
    """Pages of one browse (filter + order): :meth:`read` returns the rows ``[start, start+n)``
    read by keyset from the nearest known position.

    The pager keeps *anchors*: row number → key of the row before it (``0 → None``), or the
    start of a group of equal values of the leading column.  Reading a page adds the anchor at
    its end, so scrolling down reads each page with a seek; a jump far down counts rows from the
    nearest anchor with ``OFFSET`` (cheap in an index, a scan otherwise) until
    :meth:`build_anchors` has put an anchor every ``step`` rows; a long jump in the date order or
    in an order without index first counts the lines per group (day, amount …) and starts from
    the group's first row.  An order without index reads the keys of :attr:`CHUNK` rows per scan
    and its pages by line id.  It holds no connection: the caller passes one (a worker thread
    its own).  Thread-safe."""

    #: a jump in the date order further than this from an anchor first reads the day anchors
    DAY_JUMP = 10_000
    #: … in an order without index: the groups of equal values (a sort of every matching line,
    #: cheaper than counting this many rows in order)
    GROUP_JUMP = 200_000
    #: an order without index reads the keys of this many rows per scan
    CHUNK = 4096

    def __init__(self, flt: LineFilter = LineFilter(), sort: str = "line_id", descending: bool = False,
                 columns: Sequence[str] = BROWSE_COLUMNS):
        _order_by(sort, descending)                 # validates the column
        where_clause(flt)                           # validates the flag
        unknown = set(columns) - set(BROWSE_COLUMNS) - {"day", "store", "source_row", "extra"}
        if unknown:
            raise ValueError(f"unknown line columns: {sorted(unknown)}")
        self.filter, self.sort, self.descending = flt, sort, bool(descending)
        self.columns = list(columns)
        self.indexed = sort in INDEXED_SORTS
        #: True when :meth:`build_anchors` reads an index only (worth running in the background):
        #: an order whose key an index holds, and no filter (a filter reads the lines themselves)
        self.cheap_anchors = self.indexed and flt.is_empty()
        self._keys = _SORT_KEYS[sort]
        self._anchors: dict[int, Optional[tuple]] = {0: None}
        self._rows_sorted: list[int] = [0]          # the anchors' rows, for a binary search
        self._end: Optional[int] = None             # number of rows, once a read ran past the end
        self._groups_read = False                   # the anchors at each group's start are known
        self._chunks: "OrderedDict[int, list[int]]" = OrderedDict()   # order without index: ids
        self._lock = threading.Lock()

    @property
    def end(self) -> Optional[int]:
        """The number of matching rows when a read has found the end, else None."""
        return self._end

    def anchor_rows(self) -> list[int]:
        """The rows the pager can seek to (sorted)."""
        with self._lock:
            return list(self._rows_sorted)

    def _nearest(self, start: int) -> tuple[int, Optional[tuple]]:
        with self._lock:
            row = self._rows_sorted[bisect.bisect_right(self._rows_sorted, start) - 1]
            return row, self._anchors[row]

    def _remember(self, row: int, key: tuple) -> None:
        with self._lock:
            if row not in self._anchors:
                bisect.insort(self._rows_sorted, row)
            self._anchors[row] = key

    def read(self, conn: sqlite3.Connection, start: int, limit: int, *, should_stop=None) -> list[tuple]:
        """Rows ``[start, start + limit)`` of the browse (tuples of :attr:`columns`); fewer at
        the end.  Raises ``Cancelled`` when ``should_stop`` turns true while SQLite reads."""
        start, limit = int(start), int(limit)
        if start < 0 or limit < 0:
            raise ValueError("start and limit must not be negative")
        if limit == 0 or (self._end is not None and start >= self._end):
            return []
        jump = start - self._nearest(start)[0]
        if not self._groups_read and (self.sort == "ordered_at" and jump > self.DAY_JUMP
                                      or not self.indexed and jump > self.GROUP_JUMP):
            # a long jump: counting the lines per day (per amount …) costs less than counting
            # rows in the order's full key (which reads every line on the way)
            self._group_anchors(conn, should_stop)
        if not self.indexed:
            return self._read_by_chunks(conn, start, limit, should_stop)
        key = self._key_at(conn, start, should_stop)    # a jump: the key before `start`, then seek
        if key is False:
            return []
        # the keys from the index alone (a group of equal values is sorted by line id in the
        # index, not in whole rows), then the page's rows by line id
        got = self._read(conn, key, 0, limit, should_stop)
        if len(got) == limit:
            self._remember(start + limit, got[-1])
        else:
            self._found_end(start + len(got))
        with interruptible(conn, should_stop):
            return fetch_lines(conn, [k[-1] for k in got], self.columns)

    def _key_at(self, conn, start: int, should_stop):
        """The key of the row before ``start`` (None: the top; False: past the end), remembered."""
        row, key = self._nearest(start)
        if start > row:
            got = self._read(conn, key, start - row - 1, 1, should_stop)
            if not got:
                return False
            key = got[0]
            self._remember(start, key)
        return key

    def _read_by_chunks(self, conn, start: int, limit: int, should_stop) -> list[tuple]:
        """An order without index: every page is a scan, so one scan reads the keys of
        :attr:`CHUNK` rows (kept for a few chunks) and the pages inside are lookups by line id."""
        out: list[tuple] = []
        pos = start
        while len(out) < limit:
            first = pos - pos % self.CHUNK
            ids = self._chunk_ids(conn, first, should_stop)
            part = ids[pos - first:pos - first + limit - len(out)]
            with interruptible(conn, should_stop):
                out += fetch_lines(conn, part, self.columns)
            pos += len(part)
            if len(ids) < self.CHUNK:
                self._found_end(first + len(ids))
                break
        return out

    def _chunk_ids(self, conn, first: int, should_stop) -> list[int]:
        with self._lock:
            ids = self._chunks.get(first)
            if ids is not None:
                self._chunks.move_to_end(first)
                return ids
        key = self._key_at(conn, first, should_stop)
        got = [] if key is False else self._read(conn, key, 0, self.CHUNK, should_stop)
        ids = [k[-1] for k in got]
        if len(got) == self.CHUNK:
            self._remember(first + self.CHUNK, got[-1])
        with self._lock:
            self._chunks[first] = ids
            while len(self._chunks) > 8:
                self._chunks.popitem(last=False)
        return ids

    def build_anchors(self, conn: sqlite3.Connection, step: int = 4096, *, should_stop=None,
                      progress=None) -> int:
        """Walk the whole order once, adding an anchor every ``step`` rows (reading only the
        keys; the date order: one anchor per day, from the lines per day); returns the number of
        matching rows.  Later jumps skip fewer than ``step`` rows (a day's lines).  Meant for
        indexed orders: in any other order each step is a scan of its own."""
        step = max(1, int(step))
        if self.sort == "ordered_at":
            return self._group_anchors(conn, should_stop)
        with self._lock:        # resume after the anchors a previous walk left
            row = max(r for r in self._anchors if r % step == 0)
            key = self._anchors[row]
        while True:
            got = self._read(conn, key, step - 1, 1, should_stop)
            if not got:
                break
            row, key = row + step, got[0]
            self._remember(row, key)
            if progress is not None:
                progress(row)
        if self._end is None:   # the rows after the last anchor
            self._found_end(row + self._count_after(conn, key, should_stop))
        return int(self._end)

    def _group_anchors(self, conn, should_stop) -> int:
        """Anchors at the first row of every group of equal values of the leading column (the
        date order: of every day, one pass over the day index when unfiltered); a jump then
        skips less than one group's lines.  Returns the number of rows."""
        where, params = where_clause(self.filter)
        c, d = _group_column(self.sort), "DESC" if self.descending else "ASC"
        with interruptible(conn, should_stop):
            groups = conn.execute(f"SELECT {c}, count(*) FROM lines {where} GROUP BY {c} ORDER BY {c} {d}",
                                  params).fetchall()
        row = 0
        for value, n in groups:
            if row:             # row 0 stays "from the top"
                self._remember(row, _GroupStart(value))
            row += int(n)
        self._found_end(row)
        self._groups_read = True
        return row

    def _found_end(self, n: Optional[int]) -> None:
        if n is not None:
            self._end = n

    def _read(self, conn, after, skip: int, limit: int, should_stop) -> list[tuple]:
        """The keys (sort columns, then line_id) of up to ``limit`` rows after ``after``, skipping
        ``skip`` (the rows themselves are then read by line id)."""
        where, params = where_clause(self.filter)
        order = _order_by(self.sort, self.descending)
        select = ", ".join((*self._keys, "line_id"))
        out: list = []
        segments = _segments(self.sort, self.descending, after)
        with interruptible(conn, should_stop):
            for i, (cond, cparams) in enumerate(segments):
                w = _and(where, cond)
                sql = f"SELECT {select} FROM lines {w} {order} LIMIT ? OFFSET ?"
                rows = conn.execute(sql, [*params, *cparams, limit - len(out), skip]).fetchall()
                out += [tuple(r) for r in rows]
                if len(out) >= limit or i == len(segments) - 1:
                    break
                if skip:    # the skipped rows this segment held count towards `skip`
                    if rows:
                        skip = 0
                    else:
                        n = conn.execute(f"SELECT count(*) FROM lines {w}", [*params, *cparams]).fetchone()[0]
                        skip = max(0, skip - int(n))
        return out

    def _count_after(self, conn, after, should_stop) -> int:
        where, params = where_clause(self.filter)
        total = 0
        with interruptible(conn, should_stop):
            for cond, cparams in _segments(self.sort, self.descending, after):
                w = _and(where, cond)
                total += int(conn.execute(f"SELECT count(*) FROM lines {w}", [*params, *cparams]).fetchone()[0])
        return total


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


def count_lines(conn: sqlite3.Connection, flt: LineFilter = LineFilter(), *, cap: Optional[int] = None,
                should_stop=None) -> int:
    """Number of lines matching ``flt``; with ``cap``, at most ``cap`` (a quick first answer:
    a text filter that matches often finds ``cap`` lines long before a full scan ends).
    Raises ``Cancelled`` when ``should_stop`` turns true while SQLite counts."""
    where, params = where_clause(flt)
    sql = f"SELECT count(*) FROM lines {where}"
    if cap is not None:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM lines {where} LIMIT ?)"
        params = [*params, int(cap)]
    with interruptible(conn, should_stop):
        return int(conn.execute(sql, params).fetchone()[0])


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
    import that writes meanwhile).  :meth:`page`, :meth:`count`, :meth:`ids` and :meth:`fetch` are
    :meth:`LinePager.read`, :func:`count_lines`, :func:`line_ids` and :func:`fetch_lines` on it; a
    SQLite failure becomes a :class:`ShopError` naming the shop.
    Usable as a context manager; :meth:`close` never raises."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.conn: Optional[sqlite3.Connection] = connect_readonly(self.path)

    def ids(self, flt: LineFilter = LineFilter(), sort: str = "line_id", descending: bool = False, *,
            should_stop=None) -> np.ndarray:
        """The matching ``line_id``\\ s in display order (see :func:`line_ids`); raises
        :class:`ShopError` when SQLite fails and ``Cancelled`` when stopped."""
        return self._worded(lambda: line_ids(self._conn(), flt, sort, descending, should_stop=should_stop))

    def page(self, pager: LinePager, start: int, limit: int, *, should_stop=None) -> list[tuple]:
        """Rows ``[start, start + limit)`` of ``pager``'s browse (see :meth:`LinePager.read`);
        raises :class:`ShopError` when SQLite fails and ``Cancelled`` when stopped."""
        return self._worded(lambda: pager.read(self._conn(), start, limit, should_stop=should_stop))

    def build_anchors(self, pager: LinePager, step: int = 4096, *, should_stop=None) -> int:
        """:meth:`LinePager.build_anchors` on this reader's connection (the number of rows)."""
        return self._worded(lambda: pager.build_anchors(self._conn(), step, should_stop=should_stop))

    def count(self, flt: LineFilter = LineFilter(), *, cap: Optional[int] = None, should_stop=None) -> int:
        """:func:`count_lines` on this reader's connection."""
        return self._worded(lambda: count_lines(self._conn(), flt, cap=cap, should_stop=should_stop))

    def fetch(self, ids: Sequence[int], columns: Sequence[str] = BROWSE_COLUMNS) -> list[tuple]:
        """Rows for ``ids`` (see :func:`fetch_lines`); none when SQLite fails (a closed or
        vanished shop): the caller shows blank rows rather than failing a repaint."""
        try:
            return fetch_lines(self._conn(), ids, columns)
        except (sqlite3.Error, ShopError):
            return []

    def _worded(self, call):
        """``call()``, a SQLite failure raised as a :class:`ShopError` naming the shop."""
        try:
            return call()
        except sqlite3.Error as exc:
            raise ShopError(f"{self.path}: {exc}") from exc

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
