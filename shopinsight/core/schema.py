"""The shop file's schema (an ordered list of forward migrations) and every row the app writes.

A shop is one SQLite file.  ``schema_migrations`` records which migrations ran; opening a
shop applies the missing ones in order, each in its own transaction.  Migrations only ever
add (tables, columns, indexes, views): the ``lines`` view is a public contract that analysts
query with their own tools, so its columns are added to, never renamed or removed.  Migration
texts are frozen: once shipped they never change (a test pins their hashes).

This module also owns the column lists and ``INSERT`` statements (the second half of the file):
other modules write rows through its helpers, so a table's columns are named in one place (a test
fails on ``INSERT`` SQL anywhere else, the bulk importer's included).  Plain SQL with ``executemany``
where rows are many or the statement upserts with conditions; sqlite-utils (``sqlite_utils.Database``
over the same connection, which writes inside the caller's transaction through a savepoint) for
the single rows of ``imports`` and ``runs``, where naming columns by dict is clearer and speed is
irrelevant.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

# Columns of the public `lines` view, in order (README "Shop file" documents them).
LINES_VIEW_COLUMNS = [
    "line_id", "order_id", "ordered_at", "customer_id", "product_id", "product_name",
    "quantity", "unit_price", "amount", "country", "is_cancellation", "is_merchandise",
    "import_id", "day", "store", "line_kind", "source_row", "extra",
]

_V1 = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT
);

CREATE TABLE imports (
    import_id         INTEGER PRIMARY KEY,
    file_name         TEXT NOT NULL,
    file_path         TEXT,
    file_size         INTEGER,
    sha256            TEXT,
    started_at        TEXT NOT NULL,
    finished_at       TEXT,
    seconds           REAL,
    preset            TEXT,
    encoding          TEXT,
    delimiter         TEXT,
    decimal           TEXT,
    date_format       TEXT,
    mapping_json      TEXT,
    options_json      TEXT,
    rows_read         INTEGER NOT NULL DEFAULT 0,
    rows_imported     INTEGER NOT NULL DEFAULT 0,
    rows_rejected     INTEGER NOT NULL DEFAULT 0,
    rows_skipped      INTEGER NOT NULL DEFAULT 0,
    duplicates_in_file INTEGER NOT NULL DEFAULT 0,
    quality_json      TEXT,
    app_version       TEXT
);

-- One row per imported line. `lines` (below) is the documented public view over it.
CREATE TABLE line_items (
    line_id         INTEGER PRIMARY KEY,
    import_id       INTEGER NOT NULL REFERENCES imports(import_id),
    source_row      INTEGER,            -- 1-based data row in the source file
    order_id        TEXT,
    ordered_at      TEXT NOT NULL,      -- 'YYYY-MM-DD HH:MM:SS' or 'YYYY-MM-DD'
    day             TEXT NOT NULL,      -- 'YYYY-MM-DD' (first 10 chars of ordered_at)
    customer_id     TEXT,
    product_id      TEXT,
    product_name    TEXT,
    quantity        REAL,
    unit_price      REAL,
    amount          REAL NOT NULL,
    country         TEXT,
    store           TEXT,               -- store / channel when the source has one
    is_cancellation INTEGER NOT NULL DEFAULT 0,
    is_merchandise  INTEGER NOT NULL DEFAULT 1,
    line_kind       TEXT NOT NULL DEFAULT 'sale',
    -- natural key = (content_hash, occurrence): a hash of the line's canonical values and the
    -- 0-based count of identical earlier lines in the same file, so re-imports add nothing twice
    content_hash    INTEGER NOT NULL,
    occurrence      INTEGER NOT NULL DEFAULT 0,
    extra           TEXT                -- JSON object of unmapped source columns (NULL if none)
);

CREATE TABLE rejected_rows (
    reject_id   INTEGER PRIMARY KEY,
    import_id   INTEGER NOT NULL REFERENCES imports(import_id),
    source_row  INTEGER,
    reason      TEXT NOT NULL,
    column_name TEXT,
    value       TEXT,
    raw_json    TEXT
);

CREATE TABLE products (
    product_id      TEXT PRIMARY KEY,
    product_name    TEXT,
    is_merchandise  INTEGER NOT NULL DEFAULT 1,
    first_day       TEXT,
    last_day        TEXT,
    lines           INTEGER,
    units           REAL,
    net_sales       REAL
);

CREATE TABLE customers (
    customer_id  TEXT PRIMARY KEY,
    country      TEXT,
    first_day    TEXT,
    last_day     TEXT,
    orders       INTEGER,
    net_sales    REAL
);

-- Stored results of training / analysis runs (forecasts, recommendations, customers ...).
CREATE TABLE runs (
    run_id        INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL,        -- 'forecast', 'recommend', 'customers', ...
    created_at    TEXT NOT NULL,
    seconds       REAL,
    params_json   TEXT,
    metrics_json  TEXT,
    data_from     TEXT,
    data_to       TEXT,
    versions_json TEXT,
    summary       TEXT
);

-- Tabular outputs of a run (forecast rows, per-customer scores ...), one table per name.
CREATE TABLE run_tables (
    run_id   INTEGER NOT NULL REFERENCES runs(run_id) ON DELETE CASCADE,
    name     TEXT NOT NULL,
    format   TEXT NOT NULL DEFAULT 'json-split',
    content  TEXT NOT NULL,
    PRIMARY KEY (run_id, name)
);

-- User events (promotions, campaigns, closures) used as forecast features.
CREATE TABLE events (
    event_id    INTEGER PRIMARY KEY,
    name        TEXT NOT NULL,
    start_day   TEXT NOT NULL,
    end_day     TEXT NOT NULL,
    kind        TEXT NOT NULL DEFAULT 'promotion',
    note        TEXT
);

CREATE VIEW lines AS
SELECT line_id, order_id, ordered_at, customer_id, product_id, product_name,
       quantity, unit_price, amount, country, is_cancellation, is_merchandise,
       import_id, day, store, line_kind, source_row, extra
FROM line_items;
"""

# Indexes are kept apart so a bulk import into an empty shop can build them once at the end.
LINE_INDEXES = {
    "ix_line_items_natural_key": "CREATE INDEX ix_line_items_natural_key ON line_items(content_hash, occurrence)",
    # covering index: daily/weekly/monthly net sales and units scan only this index
    "ix_line_items_day": ("CREATE INDEX ix_line_items_day ON line_items"
                          "(day, is_merchandise, amount, quantity, product_id)"),
    "ix_line_items_product": "CREATE INDEX ix_line_items_product ON line_items(product_id, day)",
    "ix_line_items_customer": "CREATE INDEX ix_line_items_customer ON line_items(customer_id, day)",
    "ix_line_items_order": "CREATE INDEX ix_line_items_order ON line_items(order_id)",
}

# Frozen text, as shipped: a migration never changes once released (a shop made by an older
# version has run exactly this).  It created the indexes LINE_INDEXES still names; a change to
# LINE_INDEXES needs a new migration (tests/core/test_schema.py checks the two agree).
_V2 = """CREATE INDEX ix_line_items_natural_key ON line_items(content_hash, occurrence);
CREATE INDEX ix_line_items_day ON line_items(day, is_merchandise, amount, quantity, product_id);
CREATE INDEX ix_line_items_product ON line_items(product_id, day);
CREATE INDEX ix_line_items_customer ON line_items(customer_id, day);
CREATE INDEX ix_line_items_order ON line_items(order_id);
CREATE INDEX ix_rejected_rows_import ON rejected_rows(import_id);
"""

# Line identity across exports (README "The shop file"): a line is identified within its order.
#  - line_items.occurrence becomes the rank among identical lines of the same ORDER (it was the rank
#    within the file; identical lines always share their order, so stored values stay valid);
#  - line_items.line_key holds the source's own line key where the export has one (Etsy
#    Transaction ID, WooCommerce Item #), NULL otherwise;
#  - order_pieces remembers the orders the shop holds only a piece of (an export that began or
#    ended inside the order), so the rest of the order is joined on, not matched away;
#  - line_changes is the audit trail of lines a later export updated (status, amount, quantity ...).
_V3 = """
ALTER TABLE line_items ADD COLUMN line_key TEXT;
ALTER TABLE imports ADD COLUMN rows_updated INTEGER NOT NULL DEFAULT 0;
CREATE TABLE order_pieces (
    order_id   TEXT,                 -- the order, NULL for lines without an order (then `day`)
    day        TEXT,                 -- the day for lines without an order, NULL otherwise
    kind       TEXT NOT NULL,        -- 'start' (the file ended in it), 'end' (the file began in it),
                                     -- 'part' (the file held nothing else)
    piece_hash INTEGER NOT NULL,     -- order-free hash of the piece's lines
    import_id  INTEGER NOT NULL REFERENCES imports(import_id)
);
CREATE INDEX ix_order_pieces ON order_pieces(order_id, day);
CREATE TABLE line_changes (
    change_id   INTEGER PRIMARY KEY,
    line_id     INTEGER NOT NULL,
    column_name TEXT NOT NULL,
    old_value,
    new_value,
    import_id   INTEGER NOT NULL REFERENCES imports(import_id),
    changed_at  TEXT NOT NULL
);
CREATE INDEX ix_line_changes_line ON line_changes(line_id);
"""

# The user's corrections of the non-merchandise detection (``shopinsight classify``, the Data tab's
# review list): a kind per product code (upper case, as stored in the lines) or, for lines
# without a code, per normalised product name.  Applied to the stored lines when set and to every
# later import.
_V4 = """
CREATE TABLE classification_overrides (
    key_type  TEXT NOT NULL CHECK (key_type IN ('code', 'name')),
    key       TEXT NOT NULL,
    kind      TEXT NOT NULL,
    set_at    TEXT NOT NULL,
    PRIMARY KEY (key_type, key)
);
"""

# Anomalies inbox (issue 13): the owner's review of each flagged item, one row per item key
# ('line:<line_id>', 'order:<order_id>', 'day:<YYYY-MM-DD>', 'customer:<customer_id>').  Frozen text.
_V5 = """
CREATE TABLE anomaly_reviews (
    item_key       TEXT PRIMARY KEY,
    level          TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('new', 'confirmed', 'dismissed')),
    reviewed_by    TEXT,
    reviewed_at    TEXT NOT NULL,
    run_id         INTEGER,
    score          REAL,
    detectors_json TEXT,
    reasons_json   TEXT
);
CREATE INDEX ix_anomaly_reviews_state ON anomaly_reviews(state);
"""

# The Overview's order-group summary (core/summary.py, issue 16): derived data, used only while the
# mark ``meta['summary_order_groups']`` is present and matches max(line_id).  The triggers drop the
# mark when a line the groups use changes or goes (one write for the first line of a statement; the
# other lines find nothing to delete), so any change but added lines means a rebuild.  Replaces the
# per-line counter triggers an earlier build created lazily.  Frozen text.
_V6 = """
DROP TRIGGER IF EXISTS tr_line_items_rev_update;
DROP TRIGGER IF EXISTS tr_line_items_rev_delete;
DELETE FROM meta WHERE key IN ('lines_rev', 'summary_order_groups');
CREATE TABLE IF NOT EXISTS summary_order_groups (
    order_id TEXT, day TEXT NOT NULL, hour INTEGER, customer_id TEXT, country TEXT,
    is_cancellation INTEGER, amount REAL, units REAL, lines INTEGER
);
CREATE INDEX IF NOT EXISTS ix_summary_order_groups_day ON summary_order_groups(day);
CREATE TRIGGER tr_line_items_summary_update
    AFTER UPDATE OF order_id, ordered_at, day, customer_id, country, is_cancellation, is_merchandise,
                    amount, quantity ON line_items
    BEGIN DELETE FROM meta WHERE key = 'summary_order_groups'; END;
CREATE TRIGGER tr_line_items_summary_delete AFTER DELETE ON line_items
    BEGIN DELETE FROM meta WHERE key = 'summary_order_groups'; END;
"""

# Versions are applied in list order, each once (a shop gets any it lacks); keep the list sorted
# by version (3 is the line identity/audit migration).
MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "tables and the lines view", _V1),
    (2, "indexes for aggregation and de-duplication", _V2),
    (3, "line identity within orders: source line keys, order pieces, line change audit", _V3),
    (4, "classification overrides", _V4),
    (5, "anomaly review states", _V5),
    (6, "the Overview's order-group summary and the triggers that invalidate it", _V6),
]

SCHEMA_VERSION = max(v for v, _, _ in MIGRATIONS)   # version 3 belongs to another piece


# ---------------------------------------------------------------------------------------------
# Writing rows.  Every INSERT is here; callers pass a connection that is
# inside their transaction (``shop.transaction()``), so nothing here commits.
# ---------------------------------------------------------------------------------------------

PRODUCT_COLUMNS = ("product_id", "product_name", "is_merchandise", "first_day", "last_day", "lines", "units",
                   "net_sales")
CUSTOMER_COLUMNS = ("customer_id", "country", "first_day", "last_day", "orders", "net_sales")
ANOMALY_REVIEW_COLUMNS = ("item_key", "level", "state", "reviewed_by", "reviewed_at", "run_id", "score",
                          "detectors_json", "reasons_json")
# the columns a line written by hand (not by the importer) fills; the rest take their defaults
LINE_ITEM_COLUMNS = ("import_id", "source_row", "order_id", "ordered_at", "day", "customer_id", "product_id",
                     "product_name", "quantity", "unit_price", "amount", "country", "is_cancellation",
                     "is_merchandise", "line_kind", "content_hash", "occurrence")


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def insert_sql(table: str, columns: Sequence[str], *, rowid: bool = False, or_ignore: bool = False) -> str:
    """``INSERT INTO table(columns) VALUES (?, …)`` (with ``rowid`` first when asked; ``OR IGNORE``
    skips rows whose key is there already)."""
    cols = (["rowid"] if rowid else []) + [_q(c) for c in columns]
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    return f"{verb} INTO {_q(table)}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def insert_rows(conn, table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]], *,
                rowid: bool = False, or_ignore: bool = False) -> None:
    """Many rows (tuples in ``columns`` order, ``rowid`` first when asked) with one ``executemany``;
    for the store's tables and for a job's scratch (temp) tables alike (named unqualified: a temp
    table is found before a stored one)."""
    conn.executemany(insert_sql(table, columns, rowid=rowid, or_ignore=or_ignore), rows)


def record_migration(conn, version: int, name: str, applied_at: str) -> None:
    conn.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                 (version, name, applied_at))


def set_meta(conn, key: str, value: str) -> None:
    """Set one ``meta`` key (replacing its value)."""
    conn.execute("INSERT INTO meta(key, value) VALUES (?, ?) "
                 "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def init_meta(conn, key: str, value: str) -> None:
    """Give one ``meta`` key a value unless it has one."""
    conn.execute("INSERT OR IGNORE INTO meta(key, value) VALUES (?, ?)", (key, value))


def insert_selected(conn, table: str, columns: Sequence[str], select_sql: str, params: Sequence[Any] = (),
                    *, or_ignore: bool = False) -> None:
    """``INSERT INTO table(columns) SELECT …``: rows SQLite computes from other tables (a summary of
    the lines, a job's temp table of keys), never passing through Python."""
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    conn.execute(f"{verb} INTO {_q(table)}({', '.join(_q(c) for c in columns)}) {select_sql}", tuple(params))


def add_import(conn, **fields: Any) -> int:
    """One ``imports`` row (``file_name`` and ``started_at`` at least); returns its ``import_id``."""
    import sqlite_utils

    return int(sqlite_utils.Database(conn)["imports"].insert(fields).last_pk)


def add_run(conn, fields: Mapping[str, Any], tables: Iterable[Mapping[str, Any]]) -> int:
    """One ``runs`` row and its ``run_tables`` rows (each a dict of name, format, content); returns
    the ``run_id``.  Through sqlite-utils: a few rows, named by dict."""
    import sqlite_utils

    db = sqlite_utils.Database(conn)
    run_id = int(db["runs"].insert(dict(fields)).last_pk)
    db["run_tables"].insert_all({"run_id": run_id, **t} for t in tables)
    return run_id


def insert_products(conn, rows: Iterable[Sequence[Any]]) -> None:
    """``products`` rows, tuples in :data:`PRODUCT_COLUMNS` order."""
    insert_rows(conn, "products", PRODUCT_COLUMNS, rows)


def insert_customers(conn, rows: Iterable[Sequence[Any]]) -> None:
    """``customers`` rows, tuples in :data:`CUSTOMER_COLUMNS` order."""
    insert_rows(conn, "customers", CUSTOMER_COLUMNS, rows)


def fill_customers_from_lines(conn) -> None:
    """``customers`` computed from the stored lines (the table is expected empty)."""
    conn.execute("""
        INSERT INTO customers(customer_id, country, first_day, last_day, orders, net_sales)
        SELECT customer_id, max(country), min(day), max(day), count(DISTINCT order_id),
               total(CASE WHEN is_merchandise = 1 THEN amount END)
        FROM line_items WHERE customer_id IS NOT NULL GROUP BY customer_id""")


def insert_line_items(conn, rows: Iterable[Sequence[Any]]) -> None:
    """Lines written outside the importer (tuples in :data:`LINE_ITEM_COLUMNS` order)."""
    insert_rows(conn, "line_items", LINE_ITEM_COLUMNS, rows)


def set_classification_override(conn, key_type: str, key: str, kind: str, set_at: str) -> None:
    """The user's kind for a product code or name (replacing an earlier one)."""
    conn.execute("INSERT INTO classification_overrides(key_type, key, kind, set_at) VALUES (?, ?, ?, ?) "
                 "ON CONFLICT(key_type, key) DO UPDATE SET kind = excluded.kind, set_at = excluded.set_at",
                 (key_type, key, kind, set_at))


def upsert_anomaly_review(conn, row: Mapping[str, Any]) -> None:
    """The owner's review of one flagged item (:data:`ANOMALY_REVIEW_COLUMNS`); a new review keeps
    the stored run, score and reasons when it brings none of its own."""
    kept = ("run_id", "score", "detectors_json", "reasons_json")
    sets = [f"{c} = excluded.{c}" for c in ("state", "reviewed_by", "reviewed_at")]
    sets += [f"{c} = coalesce(excluded.{c}, anomaly_reviews.{c})" for c in kept]
    conn.execute(insert_sql("anomaly_reviews", ANOMALY_REVIEW_COLUMNS)
                 + " ON CONFLICT(item_key) DO UPDATE SET " + ", ".join(sets),
                 tuple(row.get(c) for c in ANOMALY_REVIEW_COLUMNS))


# -- the importer's statements ----------------------------------------------------------------
# A line as the importer writes it: these columns are bound per line; ``import_id`` is the
# statement's constant and ``day`` is derived from ``ordered_at`` in SQL (every value bound costs
# the bulk load time: 19 bound columns took 60 % longer than these 14); the optional columns are
# bound only for a chunk that has a value in them.
IMPORT_LINE_COLUMNS = ("source_row", "order_id", "ordered_at", "customer_id", "product_id", "product_name",
                       "quantity", "unit_price", "amount", "country", "is_cancellation", "is_merchandise",
                       "line_kind", "content_hash")
IMPORT_LINE_OPTIONAL = ("store", "extra", "line_key")
# every column of a stored line but its id: what a staged line carries into line_items
LINE_STORED_COLUMNS = ("import_id", "source_row", "order_id", "ordered_at", "day", "customer_id", "product_id",
                       "product_name", "quantity", "unit_price", "amount", "country", "store", "is_cancellation",
                       "is_merchandise", "line_kind", "content_hash", "occurrence", "extra", "line_key")
# a re-import's lines wait in a temp table, matched against the stored ones before new ones move in
STAGING_TABLE = ("CREATE TEMP TABLE staging (stage_id INTEGER PRIMARY KEY, "
                 + ", ".join(c + (" INTEGER NOT NULL DEFAULT 0" if c == "occurrence" else "")
                             for c in LINE_STORED_COLUMNS)
                 + ", line_id INTEGER)")     # the stored line a staged line is (NULL: a new line)
REJECTED_ROW_COLUMNS = ("import_id", "source_row", "reason", "column_name", "value", "raw_json")
ORDER_PIECE_COLUMNS = ("order_id", "day", "kind", "piece_hash", "import_id")
LINE_CHANGE_COLUMNS = ("line_id", "column_name", "old_value", "new_value", "import_id", "changed_at")


def import_lines_sql(table: str, import_id: int, optional: Sequence[str] = ()) -> str:
    """The bulk ``INSERT`` of one chunk of imported lines into ``table`` (``line_items`` or
    ``staging``): values in :data:`IMPORT_LINE_COLUMNS` order, then ``optional`` (a subset of
    :data:`IMPORT_LINE_OPTIONAL`)."""
    cols = IMPORT_LINE_COLUMNS + tuple(optional)
    at = cols.index("ordered_at") + 1
    return (f"INSERT INTO {table}(import_id, day, {', '.join(cols)}) VALUES ({int(import_id)}, "
            f"substr(?{at}, 1, 10), {', '.join(f'?{i}' for i in range(1, len(cols) + 1))})")


def insert_select(conn, table: str, columns: Sequence[str], select: str, params: Sequence[Any] = (), *,
                  or_ignore: bool = False):
    """``INSERT INTO table(columns) SELECT …``: rows computed in SQL (the importer's merge steps, its
    scratch tables); returns the cursor."""
    verb = "INSERT OR IGNORE" if or_ignore else "INSERT"
    return conn.execute(f"{verb} INTO {table}({', '.join(columns)}) {select}", tuple(params))


__all__ = ["LINES_VIEW_COLUMNS", "LINE_INDEXES", "MIGRATIONS", "SCHEMA_VERSION", "PRODUCT_COLUMNS",
           "CUSTOMER_COLUMNS", "ANOMALY_REVIEW_COLUMNS", "LINE_ITEM_COLUMNS", "insert_sql", "insert_rows",
           "record_migration", "set_meta", "add_import", "add_run", "insert_products", "insert_customers",
           "fill_customers_from_lines", "insert_line_items", "set_classification_override",
           "upsert_anomaly_review", "IMPORT_LINE_COLUMNS", "IMPORT_LINE_OPTIONAL", "LINE_STORED_COLUMNS",
           "STAGING_TABLE", "REJECTED_ROW_COLUMNS", "ORDER_PIECE_COLUMNS", "LINE_CHANGE_COLUMNS",
           "import_lines_sql", "insert_select"]
