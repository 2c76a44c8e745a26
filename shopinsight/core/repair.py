"""Recover what can be read from a damaged shop file into a new one (``shopinsight repair``).

The damaged file is never changed.  First ``VACUUM INTO`` is tried (it succeeds when only
indexes or free pages are damaged, and then loses nothing); when it fails, every table is copied
row by row in rowid order, stepping over the rowid ranges whose pages cannot be read, and the
indexes and views are rebuilt.  Products and customers are then rebuilt from the recovered lines.
Like SQLite's own ``.recover``, this saves what the readable pages hold; a backup is better.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Optional

from .i18n import _
from .errors import InputError
from .schema import insert_sql
from .tasks import as_reporter

__all__ = ["repair_shop", "default_repair_path"]

_BATCH = 2000


def default_repair_path(path: str | os.PathLike) -> Path:
    """``shop.shop`` -> ``shop.recovered.shop`` (next to it)."""
    p = Path(path)
    return p.with_name(p.stem + ".recovered" + (p.suffix or ".shop"))


def repair_shop(src: str | os.PathLike, dst: Optional[str | os.PathLike] = None, *, overwrite: bool = False,
                progress=None, should_stop=None) -> dict:
    """Copy everything readable from the shop ``src`` into a new shop ``dst``; returns a report
    (method, rows recovered and rowid ranges lost per table, integrity of the new file)."""
    rep = as_reporter(progress, should_stop)
    src, dst = Path(src), Path(dst) if dst else default_repair_path(src)
    if not src.is_file():
        raise InputError(_("no such shop file"), file=str(src))
    if dst.resolve() == src.resolve():
        raise InputError(_("the recovered copy must go to a new file, not over the damaged one"), file=str(dst))
    if dst.exists():
        if not overwrite:
            raise InputError(_("already exists (choose another --out, or --force to replace it)"), file=str(dst))
        _remove(dst)
    source = sqlite3.connect(src.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
    try:
        try:
            schema = source.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
        except sqlite3.DatabaseError as exc:
            raise InputError(_("the shop's table of contents is damaged ({error}): nothing can be recovered "
                               "with this tool; restore a backup").format(error=exc), file=str(src)) from exc
        rep(0.02, _("copying the whole file"))
        report = {"source": str(src), "output": str(dst), "method": "vacuum", "tables": {}}
        try:
            source.execute("VACUUM INTO ?", (str(dst),))
            ok = _integrity(dst)
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            _remove(dst)
            report["method"] = "row by row"
            _copy_rows(source, schema, dst, report, rep)
        else:
            c = sqlite3.connect(dst)
            try:
                for t, name, _tbl, _sql in schema:
                    if t == "table" and not name.startswith("sqlite_"):
                        report["tables"][name] = {"recovered": c.execute(f'SELECT count(*) FROM "{name}"')
                                                  .fetchone()[0], "lost_rowid_ranges": []}
            finally:
                c.close()
    finally:
        source.close()
    rep(0.9, _("rebuilding products and customers"))
    _rebuild_dimensions(dst)
    report["integrity"] = "ok" if _integrity(dst) else "damaged"
    report["lost_ranges"] = sum(len(t["lost_rowid_ranges"]) for t in report["tables"].values())
    rep(1.0, _("done"))
    return report


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(str(path) + suffix).unlink(missing_ok=True)


def _integrity(path: Path) -> bool:
    try:
        c = sqlite3.connect(path)
        try:
            return c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        finally:
            c.close()
    except sqlite3.DatabaseError:
        return False


def _copy_rows(source: sqlite3.Connection, schema: list, dst: Path, report: dict, rep) -> None:
    out = sqlite3.connect(dst, isolation_level=None)
    try:
        for pragma in ("application_id", "user_version", "page_size"):
            try:
                value = int(source.execute(f"PRAGMA {pragma}").fetchone()[0])
                out.execute(f"PRAGMA {pragma} = {value}")
            except sqlite3.DatabaseError:
                pass
        tables = [(n, sql) for t, n, _, sql in schema if t == "table" and sql and not n.startswith("sqlite_")]
        out.execute("BEGIN")
        for _name, sql in tables:
            out.execute(sql)
        for i, (name, _sql) in enumerate(tables):
            rep(0.05 + 0.8 * i / max(len(tables), 1), _("recovering {table}").format(table=name))
            report["tables"][name] = _copy_table(source, out, name, rep)
        for t, name, _tbl, sql in schema:          # indexes, views, triggers after the rows
            if t in ("index", "view", "trigger") and sql:
                try:
                    out.execute(sql)
                except sqlite3.DatabaseError:
                    # a unique index the recovered rows no longer satisfy: left out, said so
                    report.setdefault("not_rebuilt", []).append(name)
        out.execute("COMMIT")
        out.execute("PRAGMA journal_mode = WAL")
    finally:
        out.close()


def _copy_table(source: sqlite3.Connection, out: sqlite3.Connection, name: str, rep) -> dict:
    cols = [r[1] for r in source.execute(f'PRAGMA table_info("{name}")')]
    col_sql = ", ".join(f'"{c}"' for c in cols)
    insert = insert_sql(name, cols, rowid=True)
    select = f'SELECT rowid, {col_sql} FROM "{name}" WHERE rowid > ? ORDER BY rowid LIMIT {_BATCH}'
    last, recovered, lost = -(1 << 63), 0, []
    floor = last
    while True:
        rep.check()
        try:
            rows = source.execute(select, (last,)).fetchall()
        except sqlite3.DatabaseError:
            rows = None
        if rows is None:
            # the next rows sit on an unreadable page: read them one by one up to the break
            try:
                cur = source.execute(select.replace(f"LIMIT {_BATCH}", "LIMIT -1"), (last,))
                while True:
                    row = cur.fetchone()
                    if row is None:
                        break
                    out.execute(insert, row)
                    recovered += 1
                    last = row[0]
                if row is None:
                    break
            except sqlite3.DatabaseError:
                pass
            nxt = _next_readable(source, name, max(last, floor), col_sql)
            if lost and lost[-1][1] == last:        # adjacent to the previous gap: one range
                lost[-1][1] = None if nxt is None else nxt - 1
            else:
                lost.append([last + 1, None if nxt is None else nxt - 1])
            if nxt is None:
                break
            last, floor = nxt - 1, nxt      # the next search (if reading fails again) starts further on
            continue
        if not rows:
            break
        out.executemany(insert, rows)
        recovered += len(rows)
        last = rows[-1][0]
    return {"recovered": recovered, "lost_rowid_ranges": lost}


def _next_readable(source: sqlite3.Connection, name: str, last: int, col_sql: str) -> Optional[int]:
    """The smallest rowid > ``last`` from which whole rows can be read again (None: nothing after)."""
    def first_from(probe: int):
        try:
            rows = source.execute(f'SELECT rowid, {col_sql} FROM "{name}" WHERE rowid >= ? ORDER BY rowid '
                                  'LIMIT 64', (probe,)).fetchall()
            return rows[0][0] if rows else -1       # -1: readable, nothing there
        except sqlite3.DatabaseError:
            return None
    step, bad = 1, last
    probe = last + 1
    while True:                     # gallop past the damaged range
        found = first_from(probe)
        if found is not None:
            break
        bad, step = probe, step * 2
        probe = last + step
        if probe > (1 << 62):
            return None
    good = probe
    while good - bad > 1:           # then back to its first readable rowid
        mid = (bad + good) // 2
        if first_from(mid) is None:
            bad = mid
        else:
            good = mid
    found = first_from(good)
    return None if found in (None, -1) else found


def _rebuild_dimensions(dst: Path) -> None:
    from . import summary
    from .store import Shop
    try:
        with Shop(dst) as shop, shop.transaction() as conn:
            shop.refresh_dimensions()
            summary.forget(conn)            # recovered lines may not be those the summary was made of
    except Exception:       # not a shop's layout (tables lost): the recovered rows stay as they are
        pass
