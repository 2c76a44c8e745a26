"""The shop store: one SQLite file per shop, created and migrated here.

Open with ``Shop(path)`` (creates and migrates the file when needed).  A ``Shop`` holds one
``sqlite3`` connection, which belongs to the thread that opened it: background tasks open
their own ``Shop(path)``.  WAL mode lets the GUI read while a worker writes.

Reads for analysis go through :meth:`Shop.query_df` with parametrised SQL over the public
``lines`` view; results of model runs are stored with :meth:`Shop.save_run`.
"""
from __future__ import annotations

import datetime as _dt
import io
import json
import os
import platform
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator, Optional

import numpy as np
import pandas as pd
import sqlite_utils

from .errors import InputError
from .i18n import N_, _
from .jsonutil import dumps
from . import schema
from .schema import MIGRATIONS, SCHEMA_VERSION

__all__ = ["Shop", "Run", "ShopError", "ShopReadOnlyError", "ShopDamagedError", "ShopBusyError",
           "library_versions", "now_iso", "interruptible", "is_damage_error", "DAMAGED_MESSAGE", "as_user_error",
           "file_kind", "shop_name", "remove_shop_files", "DATA_SUFFIXES", "version_changes", "version_warnings"]

APP_ID = 0x53484F50  # 'SHOP' in PRAGMA application_id, so tools can recognise a shop file


class ShopError(Exception):
    """A shop file cannot be opened or used (not a shop, newer schema, ...)."""


# files the importer reads (a shop opened with one of these is a data export, not a shop)
DATA_SUFFIXES = (".csv", ".tsv", ".txt", ".gz", ".zip", ".xlsx", ".xls")


def file_kind(path: str | os.PathLike) -> str:
    """What a file given to "open shop" is, without changing it: ``"shop"`` (an SQLite file with
    the shop's application id, or a fresh one), ``"sqlite"`` (another application's database),
    ``"data"`` (a sales export the importer reads), ``"baskets"`` (a basket list: one basket of items
    per line, which ``rules --baskets`` mines; see :func:`core.recommend.rules.looks_like_basket_list`),
    ``"missing"``, ``"folder"`` or ``"other"``."""
    p = Path(path)
    if not p.exists():
        return "missing"
    if p.is_dir():
        return "folder"
    try:
        with open(p, "rb") as fh:
            head = fh.read(100)
    except OSError:
        return "other"
    if head.startswith(b"SQLite format 3\x00"):
        app_id = int.from_bytes(head[68:72], "big")
        return "shop" if app_id in (0, APP_ID) else "sqlite"
    name = p.name.lower()
    if not name.endswith(DATA_SUFFIXES):
        return "other"
    if name.endswith((".csv", ".txt", ".csv.gz", ".txt.gz")):
        from .recommend.rules import looks_like_basket_list
        if looks_like_basket_list(p):
            return "baskets"
    return "data"


def remove_shop_files(path: str | os.PathLike) -> None:
    """Delete a shop file with its SQLite side files (WAL, shared memory, rollback journal)."""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def shop_name(path: str | os.PathLike) -> Optional[str]:
    """The name stored in a shop (``meta.name``), read-only and fast; None when it has none or
    cannot be read (recent-shop lists show the file name then)."""
    try:
        conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True, timeout=0.2)
        try:
            row = conn.execute("SELECT value FROM meta WHERE key = 'name'").fetchone()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return None
    return str(row[0]) if row and row[0] else None


DAMAGED_MESSAGE = N_("the shop file is damaged (database disk image is malformed); restore a backup or run "
                   "`shopinsight repair --db SHOP` to recover what can be read into a new file")
LOCK_WAIT_SECONDS = 600.0     # how long a write waits for another process's import to finish
LOCK_POLL_SECONDS = 0.25


class ShopReadOnlyError(ShopError, InputError):
    """A write was asked of a shop opened read-only (file or folder not writable)."""


class ShopDamagedError(ShopError, InputError):
    """The shop file's pages are damaged: restore a backup or run ``shopinsight repair``."""


DISK_FULL_MESSAGE = N_("the disk is full: free some space and try again (the shop was left as it was)")


class ShopDiskFullError(ShopError, InputError):
    """The disk filled up while writing: the transaction was rolled back."""


class ShopBusyError(ShopError, InputError):
    """Another process kept the shop locked for writing longer than we were willing to wait."""


def is_damage_error(exc: BaseException) -> bool:
    """True for SQLite's "the file's pages are damaged" errors (not for "locked" or "read-only")."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.DatabaseError) and (
        "malformed" in text or "disk i/o error" in text or "database corrupt" in text)


def is_writable(path: str | os.PathLike) -> bool:
    """Can this process write the shop file at ``path`` (and its journal next to it)?"""
    return _writable(Path(path))


def connect_readonly(path: str | os.PathLike, timeout: float = 5.0) -> sqlite3.Connection:
    """A read-only connection to a shop file.  A WAL shop in a folder we may not write cannot
    get its shared-memory file: it is then opened as immutable (nobody can be writing it)."""
    path = Path(path)
    uri = path.resolve().as_uri()
    try:
        conn = sqlite3.connect(uri + "?mode=ro", uri=True, isolation_level=None, timeout=timeout)
        try:
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.DatabaseError:
            conn.close()
            raise
    except sqlite3.DatabaseError as exc:
        if is_damage_error(exc):
            raise ShopDamagedError(f"{path}: {_(DAMAGED_MESSAGE)}") from exc
    try:
        conn = sqlite3.connect(uri + "?mode=ro&immutable=1", uri=True, isolation_level=None, timeout=timeout)
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.DatabaseError as exc:
        if is_damage_error(exc):
            raise ShopDamagedError(f"{path}: {_(DAMAGED_MESSAGE)}") from exc
        raise ShopError(_("{path}: cannot open the shop file for reading ({error})").format(path=path, error=exc)) \
            from exc


def as_user_error(exc: BaseException) -> BaseException:
    """The user's error for an SQLite error they can act on (a damaged or read-only shop file),
    else ``exc`` itself: the GUI shows these as a problem with the input, not as a bug."""
    if isinstance(exc, sqlite3.DatabaseError) and not isinstance(exc, InputError):
        if is_damage_error(exc):
            err = ShopDamagedError(_(DAMAGED_MESSAGE))
        elif "readonly database" in str(exc).lower():
            err = ShopReadOnlyError(_("the shop file is read-only: it can be browsed but not changed"))
        elif "disk is full" in str(exc).lower():
            err = ShopDiskFullError(_(DISK_FULL_MESSAGE))
        else:
            return exc
        err.__cause__ = exc
        return err
    return exc


def _writable(path: Path) -> bool:
    """Can this process write the shop file and create its journal next to it?"""
    try:
        fd = os.open(path, os.O_RDWR)
        os.close(fd)
    except OSError:
        return False
    folder = path.resolve().parent
    if os.access in os.supports_effective_ids:
        return os.access(folder, os.W_OK | os.X_OK, effective_ids=True)
    return os.access(folder, os.W_OK | os.X_OK)


def now_iso() -> str:
    """Local time as 'YYYY-MM-DD HH:MM:SS'."""
    return _dt.datetime.now().replace(microsecond=0).isoformat(sep=" ")


def library_versions() -> dict[str, str]:
    """Versions of the libraries results depend on; stored with every run (GUIDE: warn on mismatch)
    and shown in the About box.  Read from package metadata: nothing heavy is imported."""
    from importlib import metadata

    from .. import __version__

    out = {"shopinsight": __version__, "python": platform.python_version(),
           "sqlite": sqlite3.sqlite_version}
    for dist in ("numpy", "pandas", "pyarrow", "scikit-learn", "scipy", "implicit", "holidays",
                 "keras", "tensorflow", "tensorflow-cpu"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            pass
    return out


@dataclass
class Run:
    """A stored training/analysis run and its output tables."""

    run_id: int
    kind: str
    created_at: str
    seconds: Optional[float]
    params: dict
    metrics: dict
    data_from: Optional[str]
    data_to: Optional[str]
    versions: dict
    summary: Optional[str]
    tables: dict[str, pd.DataFrame] = field(default_factory=dict)

    def version_changes(self, now: Optional[dict] = None) -> dict[str, tuple[str, Optional[str]]]:
        """``{library: (version then, version now)}`` for each library whose version differs."""
        return version_changes(self.versions, now)

    def version_warnings(self, now: Optional[dict] = None) -> list[str]:
        """Libraries whose version differs from the one the run was made with (translated lines)."""
        return version_warnings(self.versions, now)


# libraries whose version does not change a stored result
_VERSION_IGNORED = ("python", "sqlite", "shopinsight")


def version_changes(versions: Optional[dict], now: Optional[dict] = None) -> dict[str, tuple[str, Optional[str]]]:
    """``{library: (then, now)}`` for the libraries a run was made with (not Python, SQLite or
    ShopInsight itself) whose version differs from ``now`` (default: the installed versions)."""
    now = library_versions() if now is None else now
    return {k: (v, now.get(k)) for k, v in (versions or {}).items()
            if k not in _VERSION_IGNORED and now.get(k) != v}


def version_warnings(versions: Optional[dict], now: Optional[dict] = None) -> list[str]:
    """One line in the user's language per library of :func:`version_changes`."""
    from .i18n import _
    return [_("{library}: run made with {then}, now {now}").format(library=k, then=then, now=now_v or _("missing"))
            for k, (then, now_v) in version_changes(versions, now).items()]


class Shop:
    """One shop file.  ``Shop(path)`` creates it if missing and applies pending migrations."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True, readonly: bool = False):
        self.path = Path(path)
        if self.path.is_dir():
            raise ShopError(_("{path}: this is a folder, not a shop file").format(path=self.path))
        if not self.path.exists() and (not create or readonly):
            raise ShopError(_("{path}: no such shop file").format(path=self.path))
        if not readonly and self.path.exists() and not _writable(self.path):
            readonly = True     # a shop on a read-only disk or without write permission is still readable
        #: True when the shop was opened for reading only: every write transaction is refused
        self.readonly = readonly
        if readonly:
            self.conn = self._connect_readonly()
        else:
            try:
                self.conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=30)
            except sqlite3.Error as exc:    # e.g. the folder does not exist or is read-only
                raise ShopError(_("{path}: cannot open or create the shop file ({error})").format(
                    path=self.path, error=exc)) from exc
        self.conn.execute("PRAGMA foreign_keys = ON")
        try:
            # sqlite-utils for schema introspection and the run rows (see the README's note);
            # bulk rows stay plain executemany
            self.db = sqlite_utils.Database(self.conn)
            if not readonly:
                self._check_and_migrate(True)   # refuse another app's file before touching it (WAL)
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._check_and_migrate(readonly)
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            if is_damage_error(exc):
                raise ShopDamagedError(f"{self.path}: {_(DAMAGED_MESSAGE)}") from exc
            raise ShopError(_("{path}: not a ShopInsight shop file ({error})").format(path=self.path, error=exc)) \
                from exc
        if not readonly:
            self._move_legacy_salts()

    def _move_legacy_salts(self) -> None:
        """Shops of older versions kept their pseudonym salt inside: move it out (privacy.py)."""
        from .privacy import move_legacy_salts
        try:
            move_legacy_salts(self)
        except (OSError, sqlite3.Error) as exc:    # config folder not writable, shop busy: next time
            import logging
            logging.getLogger(__name__).warning("%s: could not move the pseudonym salt out of the shop: %s",
                                                self.path, exc)

    def _connect_readonly(self) -> sqlite3.Connection:
        return connect_readonly(self.path)

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        try:
            self.conn.close()
        except sqlite3.Error:
            pass

    def __enter__(self) -> "Shop":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def check_writable(self) -> None:
        """Raise :class:`ShopReadOnlyError` when the shop was opened read-only."""
        if self.readonly:
            raise ShopReadOnlyError(_(
                "{path}: the shop file is read-only (no write permission on the file or its "
                "folder, or a read-only disk): it can be browsed but not changed; copy it to a "
                "writable folder or fix its permissions").format(path=self.path))

    def _begin(self, reporter=None) -> None:
        """BEGIN IMMEDIATE, waiting while another process (an import) holds the write lock:
        says so once through ``reporter`` and stops when the reporter is asked to stop."""
        self.check_writable()
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        told = False
        self.conn.execute(f"PRAGMA busy_timeout = {int(LOCK_POLL_SECONDS * 1000)}")
        try:
            while True:
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc).lower() and "busy" not in str(exc).lower():
                        raise
                if reporter is not None:
                    reporter.check()
                    if not told and getattr(reporter, "progress", None) is not None:
                        reporter.progress(reporter.start, _("waiting for another import into this shop to "
                                                            "finish… (cancel to stop waiting)"))
                told = True
                if time.monotonic() > deadline:
                    raise ShopBusyError(_(
                        "{path}: another program has been writing into this shop for over "
                        "{minutes} minutes; try again when it has finished").format(
                            path=self.path, minutes=round(LOCK_WAIT_SECONDS / 60)))
                time.sleep(LOCK_POLL_SECONDS)
        finally:
            self.conn.execute("PRAGMA busy_timeout = 30000")

    @contextmanager
    def transaction(self, reporter=None) -> Iterator[sqlite3.Connection]:
        """One write transaction: everything inside commits together or not at all.

        With a core ``Reporter``, the last check for cancel is made inside the transaction just
        before ``COMMIT`` (a stop request rolls everything back and raises ``Cancelled``), and the
        reporter is marked committed right after it: from then on the job reports done, never
        cancelled.  A statement SQLite interrupted (``interruptible``) may already have rolled the
        transaction back; the rollback here then has nothing left to do.

        Refused on a read-only shop; waits (cancellably, through ``reporter``) while another
        process writes into the shop.
        """
        self._begin(reporter)
        try:
            yield self.conn
            if reporter is not None:
                reporter.check()
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if reporter is not None:
            reporter.mark_committed()

    # -- schema ----------------------------------------------------------------------------
    def _check_and_migrate(self, readonly: bool) -> None:
        c = self.conn
        app_id = c.execute("PRAGMA application_id").fetchone()[0]
        tables = set(self.db.table_names())          # introspection through sqlite-utils
        if tables and "schema_migrations" not in tables:
            raise ShopError(_("{path}: an SQLite file, but not a ShopInsight shop").format(path=self.path))
        if app_id not in (0, APP_ID):
            raise ShopError(_("{path}: an SQLite file of another application").format(path=self.path))
        if readonly:
            return
        c.execute("CREATE TABLE IF NOT EXISTS schema_migrations ("
                  "version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
        done = {r[0] for r in c.execute("SELECT version FROM schema_migrations")}
        if done and max(done) > SCHEMA_VERSION:
            raise ShopError(_("{path}: made by a newer ShopInsight (schema {version} > {supported}); please "
                              "upgrade the app").format(path=self.path, version=max(done), supported=SCHEMA_VERSION))
        for version, name, sql in MIGRATIONS:
            if version in done:
                continue
            c.execute("BEGIN IMMEDIATE")
            try:
                for stmt in _split_sql(sql):
                    c.execute(stmt)
                schema.record_migration(c, version, name, now_iso())
                c.execute(f"PRAGMA application_id = {APP_ID}")
                c.execute("COMMIT")
            except BaseException:
                c.execute("ROLLBACK")
                raise
        if not done:
            self.set_meta("created_at", now_iso())

    @property
    def schema_version(self) -> int:
        """Highest migration applied."""
        return self.conn.execute("SELECT max(version) FROM schema_migrations").fetchone()[0] or 0

    # -- meta ------------------------------------------------------------------------------
    def get_meta(self, key: str, default: Optional[str] = None) -> Optional[str]:
        """A value from the ``meta`` key/value table."""
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_meta(self, key: str, value: str) -> None:
        """Store a value in the ``meta`` table (inside the current transaction if any)."""
        schema.set_meta(self.conn, key, value)

    @property
    def name(self) -> str:
        """Display name of the shop (meta 'name', else the file name)."""
        return self.get_meta("name") or self.path.stem

    # -- reads -----------------------------------------------------------------------------
    def query_df(self, sql: str, params: Any = ()) -> pd.DataFrame:
        """Run a parametrised query and return a DataFrame."""
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description]
        return pd.DataFrame.from_records(cur.fetchall(), columns=cols)

    def query_compact(self, sql: str, params: Any = (), chunk: int = 100_000) -> pd.DataFrame:
        """:meth:`query_df` read ``chunk`` rows at a time, for large reads.

        SQLite hands back a Python object per cell: fetching all rows at once held every one of them
        besides the DataFrame (the UCI shop's 530,000 purchase lines: about 250 MB at the peak).  In
        chunks, memory is the final columns plus one chunk; text columns that pandas keeps as Python
        objects are rebuilt from their distinct values (one string per value and chunk)."""
        cur = self.conn.execute(sql, params)
        cols = [d[0] for d in cur.description]
        parts = []
        while True:
            rows = cur.fetchmany(chunk)
            if not rows:
                break
            df = pd.DataFrame.from_records(rows, columns=cols)
            del rows
            for c in cols:
                if df[c].dtype == object:
                    codes, uniques = pd.factorize(df[c], use_na_sentinel=True)
                    values = np.empty(len(codes), dtype=object)
                    ok = codes >= 0
                    values[ok] = np.asarray(uniques, dtype=object)[codes[ok]]
                    values[~ok] = None
                    df[c] = values
            parts.append(df)
        if not parts:
            return pd.DataFrame(columns=cols)
        return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]

    def scalar(self, sql: str, params: Any = ()) -> Any:
        """First column of the first row (or None)."""
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    def line_count(self) -> int:
        """Number of stored lines."""
        return int(self.scalar("SELECT count(*) FROM line_items") or 0)

    def is_empty(self) -> bool:
        """True when no line has been imported yet."""
        return self.scalar("SELECT 1 FROM line_items LIMIT 1") is None

    def date_range(self) -> tuple[Optional[str], Optional[str]]:
        """First and last day with lines ('YYYY-MM-DD').  Two one-aggregate subqueries: SQLite answers a
        lone min() or max() from the day index in a step, but ``min(day), max(day)`` together scan it
        (0.3 s on 541,909 lines, on the GUI thread whenever a shop opens)."""
        row = self.conn.execute("SELECT (SELECT min(day) FROM line_items), (SELECT max(day) FROM line_items)").fetchone()
        return row[0], row[1]

    def summary(self) -> dict:
        """What the shop holds: counts, date range, and the headline figures (orders, customers,
        cancellation lines, net sales) as defined once in :mod:`shopinsight.core.facts`."""
        from .facts import shop_facts

        c = self.conn
        f = shop_facts(c)
        return {
            "name": self.name,
            "path": str(self.path),
            "lines": f["lines"],
            "merchandise_lines": f["merchandise_lines"],
            "cancellation_lines": f["cancellation_lines"],
            "orders": f["orders"],
            "order_numbers": f["order_numbers"],
            "customers": f["customers"],
            "customer_ids": f["customer_ids"],
            "products": c.execute("SELECT count(*) FROM products").fetchone()[0],
            "first_day": f["first_day"],
            "last_day": f["last_day"],
            "net_sales": f["net_sales"],
            "imports": c.execute("SELECT count(*) FROM imports").fetchone()[0],
            "rejected_rows": c.execute("SELECT count(*) FROM rejected_rows").fetchone()[0],
            "currency": self.get_meta("currency"),
            "schema_version": self.schema_version,
        }

    def imports(self) -> pd.DataFrame:
        """The import history, newest first."""
        return self.query_df(
            "SELECT import_id, file_name, started_at, seconds, preset, encoding, delimiter, date_format, "
            "rows_read, rows_imported, rows_rejected, rows_skipped, duplicates_in_file "
            "FROM imports ORDER BY import_id DESC")

    def last_import_path(self) -> Optional[str]:
        """The path of the file imported last (as it was when imported), or None."""
        return self.scalar("SELECT file_path FROM imports ORDER BY import_id DESC LIMIT 1")

    def rejected(self, import_id: Optional[int] = None, limit: int = 1000) -> pd.DataFrame:
        """Rejected rows with their reason (of one import, or all)."""
        where, params = ("WHERE import_id = ?", (import_id, limit)) if import_id else ("", (limit,))
        return self.query_df(f"SELECT import_id, source_row, reason, column_name, value, raw_json "
                             f"FROM rejected_rows {where} ORDER BY reject_id LIMIT ?", params)

    # -- dimensions ------------------------------------------------------------------------
    def refresh_dimensions(self, pairs: Optional[pd.DataFrame] = None,
                           customers: Optional[pd.DataFrame] = None) -> None:
        """Rebuild ``products`` and ``customers`` from the lines (call inside the import transaction).

        ``pairs`` (per product code and name: n, merch, first_day, last_day, units, net) and
        ``customers`` (customer_id, country, first_day, last_day, orders, net_sales) may be given
        by a bulk import that aggregated them while streaming; otherwise they are scanned here.
        """
        c = self.conn
        # one scan grouped by (code, name); pandas then folds the names of each code, and the
        # most frequent name becomes its display name (650 UCI codes have several)
        pairs = pairs if pairs is not None else self.query_df(
            "SELECT product_id, product_name, count(*) AS n, sum(is_merchandise) AS merch, "
            "min(day) AS first_day, max(day) AS last_day, total(quantity) AS units, "
            "total(amount) AS net FROM line_items WHERE product_id IS NOT NULL "
            "GROUP BY product_id, product_name")
        c.execute("DELETE FROM products")
        if len(pairs):
            named = pairs.dropna(subset=["product_name"]).sort_values(
                ["product_id", "n", "product_name"], ascending=[True, False, True])
            names = named.drop_duplicates("product_id").set_index("product_id")["product_name"]
            agg = pairs.groupby("product_id").agg(merch=("merch", "sum"), first_day=("first_day", "min"),
                                                   last_day=("last_day", "max"), lines=("n", "sum"),
                                                   units=("units", "sum"), net=("net", "sum"))
            agg["name"] = names.reindex(agg.index)
            schema.insert_products(
                c,
                # a product is merchandise when most of its lines are: a few write-offs do not make a
                # product a service, nor one unnamed 'C2' line make CARRIAGE merchandise
                [(pid, None if pd.isna(r.name) else r.name, int(2 * r.merch >= r.lines), r.first_day, r.last_day,
                  int(r.lines), float(r.units), float(r.net)) for pid, r in zip(agg.index, agg.itertuples())])
        c.execute("DELETE FROM customers")
        if customers is not None:
            cols = list(schema.CUSTOMER_COLUMNS)
            schema.insert_customers(c, customers[cols].astype(object).where(customers[cols].notna(), None)
                                    .itertuples(index=False, name=None))
            return
        schema.fill_customers_from_lines(c)

    # -- runs ------------------------------------------------------------------------------
    def save_run(self, kind: str, *, params: dict, metrics: dict, tables: dict[str, pd.DataFrame],
                 data_from: Optional[str] = None, data_to: Optional[str] = None,
                 seconds: Optional[float] = None, summary: Optional[str] = None,
                 reporter=None) -> int:
        """Store a run with its output tables in one transaction; returns ``run_id``.

        Pass the job's ``reporter``: cancel is checked just before the commit, and once the run
        is committed the job reports done (see :meth:`transaction`)."""
        with self.transaction(reporter) as c:
            # sqlite-utils writes the run rows (inside our transaction it uses a savepoint, so the
            # cancel check before COMMIT still covers them); a few rows, so its overhead is nothing
            run_id = schema.add_run(c, {
                "kind": kind, "created_at": now_iso(), "seconds": seconds, "params_json": dumps(params),
                "metrics_json": dumps(metrics), "data_from": data_from, "data_to": data_to,
                "versions_json": dumps(library_versions()), "summary": summary},
                ({"name": name, "format": "json-split",
                  "content": df.to_json(orient="split", date_format="iso", index=False)}
                 for name, df in tables.items()))
        return run_id

    def delete_runs(self, run_ids, reporter=None) -> None:
        """Delete stored runs and all their output tables in one transaction: all or none (an id
        that is not stored raises :class:`InputError` and nothing is deleted)."""
        from .i18n import _

        ids = list(dict.fromkeys(int(r) for r in run_ids))
        with self.transaction(reporter) as c:
            for rid in ids:
                if c.execute("SELECT 1 FROM runs WHERE run_id = ?", (rid,)).fetchone() is None:
                    raise InputError(_("there is no stored run with this id"), column="run_id", value=str(rid))
                c.execute("DELETE FROM run_tables WHERE run_id = ?", (rid,))
                c.execute("DELETE FROM runs WHERE run_id = ?", (rid,))

    def list_runs(self, kind: Optional[str] = None) -> pd.DataFrame:
        """Stored runs (newest first), optionally of one kind."""
        where, params = ("WHERE kind = ?", (kind,)) if kind else ("", ())
        return self.query_df(f"SELECT run_id, kind, created_at, seconds, data_from, data_to, summary "
                             f"FROM runs {where} ORDER BY run_id DESC", params)

    def load_run(self, run_id: Optional[int] = None, kind: Optional[str] = None) -> Optional[Run]:
        """A stored run with its tables (the newest of ``kind`` when ``run_id`` is None)."""
        if run_id is None:
            run_id = self.scalar("SELECT max(run_id) FROM runs WHERE kind = ?", (kind,))
            if run_id is None:
                return None
        row = self.conn.execute("SELECT run_id, kind, created_at, seconds, params_json, metrics_json, "
                                "data_from, data_to, versions_json, summary FROM runs WHERE run_id = ?",
                                (run_id,)).fetchone()
        if row is None:
            return None
        run = Run(row[0], row[1], row[2], row[3], json.loads(row[4] or "{}"),
                  json.loads(row[5] or "{}"), row[6], row[7], json.loads(row[8] or "{}"), row[9])
        for name, content in self.conn.execute(
                "SELECT name, content FROM run_tables WHERE run_id = ?", (run_id,)):
            # dtype=False: values come back as stored (dates stay ISO text, no guessing)
            run.tables[name] = pd.read_json(io.StringIO(content), orient="split", dtype=False)
        return run


@contextmanager
def interruptible(target: "Shop | sqlite3.Connection", should_stop) -> Iterator[None]:
    """Let a stop request abort a running SQL statement (SQLite calls the handler every few
    thousand VM steps), so Cancel and closing the window never wait for a long scan.
    ``should_stop`` is a callable or a core Reporter; an interrupted statement raises ``Cancelled``."""
    from .tasks import Cancelled, Reporter

    conn = target.conn if isinstance(target, Shop) else target
    if isinstance(should_stop, Reporter):
        rep = should_stop       # honours its committed state: a committed job is not stopped
        should_stop = None if rep.should_stop is None else (lambda: rep.stopping)
    if should_stop is None:
        yield
        return
    # SQLite keeps one handler per connection and has no getter: keep a stack per connection so
    # that a nested block (summary.refresh inside a job) restores the outer block's handler on exit
    stack = _HANDLERS.setdefault(id(conn), [])
    handler = lambda: 1 if should_stop() else 0          # noqa: E731
    stack.append(handler)
    conn.set_progress_handler(handler, 10_000)
    try:
        yield
    except sqlite3.OperationalError as exc:
        if "interrupt" in str(exc).lower():
            raise Cancelled("cancelled by the user") from None
        raise
    finally:
        stack.pop()
        if stack:
            conn.set_progress_handler(stack[-1], 10_000)
        else:
            _HANDLERS.pop(id(conn), None)
            conn.set_progress_handler(None, 0)


# connection id -> the stop handlers of its open ``interruptible`` blocks, innermost last
_HANDLERS: dict[int, list] = {}


def _split_sql(sql: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our string literals; a
    trigger's ``BEGIN ...; END`` stays one statement: pieces are joined until SQLite calls the
    text complete)."""
    out, buf = [], ""
    for piece in sql.split(";"):
        buf += piece + ";"
        if sqlite3.complete_statement(buf):
            if buf.strip(" \n;"):
                out.append(buf.strip().rstrip(";").strip())
            buf = ""
    if buf.strip(" \n;"):
        out.append(buf.strip().rstrip(";").strip())
    return out
