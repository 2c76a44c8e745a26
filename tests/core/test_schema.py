"""The store owns the schema (issue 12): migrations are frozen text, and every INSERT the app makes
lives in core/schema.py (the bulk importer's too)."""
from __future__ import annotations

import ast
import hashlib
import re
import sqlite3
from pathlib import Path

from shopinsight.core import schema
from shopinsight.core.store import APP_ID, Shop

PKG = Path(schema.__file__).resolve().parents[1]

# sha256 of each shipped migration's text: a released migration never changes (a shop made by an
# older version ran exactly this text).  A new migration adds a line here; an old line never changes.
FROZEN = {
    1: "025fdf1e44bd1168b731c51e1117f4ccebb5c32bb0e7217d1460d511ea54a1cb",
    2: "beec0a7bd694c86805198a5e1de860736f94e803dac7204413912e2889db7754",
    3: "1c9fefdd9c03ef9b25d33cac9cf694c63cde86ab18b7d309453448280a33d974",
    4: "893e505ac207e6ec930c014aae501ff44c0766e0f5c97964c0ee623327a17814",
    5: "932c81e09f89cff158c36f88f0de293a58807eaa2b77b367594f736492d3c6f1",
    6: "d30bdc8303c048ce0e545417e464b42007234b08a1793004c41c7526715dfdc4",
}


def test_shipped_migration_texts_are_unchanged():
    got = {v: hashlib.sha256(sql.encode()).hexdigest() for v, _name, sql in schema.MIGRATIONS}
    assert {v: got[v] for v in FROZEN} == FROZEN
    assert sorted(got) == list(range(1, len(got) + 1))


def test_migrations_are_literal_text_not_built_from_live_constants():
    """Each migration in MIGRATIONS is a plain string literal in schema.py: built from a constant
    (``";".join(LINE_INDEXES.values())``), a later edit of the constant would rewrite history."""
    tree = ast.parse(Path(schema.__file__).read_text(encoding="utf-8"))
    assigned = {t.id: node.value for node in tree.body if isinstance(node, ast.Assign)
                for t in node.targets if isinstance(t, ast.Name)}
    migrations = assigned["MIGRATIONS"] if "MIGRATIONS" in assigned else next(
        node.value for node in tree.body if isinstance(node, ast.AnnAssign) and node.target.id == "MIGRATIONS")
    for entry in migrations.elts:
        text = entry.elts[2]
        value = assigned[text.id] if isinstance(text, ast.Name) else text
        assert isinstance(value, ast.Constant) and isinstance(value.value, str), \
            f"migration {ast.unparse(entry.elts[0])} is not frozen text: {ast.unparse(value)[:80]}"


def _norm(sql: str | None) -> str:
    return re.sub(r"\s+", " ", sql or "").strip()


def test_line_indexes_match_what_the_migrations_create(tmp_path):
    """The importer drops and rebuilds LINE_INDEXES around a bulk load; they must be exactly the
    indexes the migrations made (changing one needs a new migration, not an edit of v2)."""
    with Shop(tmp_path / "s.shop") as shop:
        made = dict(shop.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"))
    for name, sql in schema.LINE_INDEXES.items():
        assert _norm(made.get(name)) == _norm(sql), name


def _layout(path: Path) -> list[tuple]:
    con = sqlite3.connect(path)
    try:
        return sorted((t, n, _norm(s)) for t, n, s in con.execute(
            "SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%'"))
    finally:
        con.close()


def test_a_shop_made_at_version_1_and_migrated_equals_a_fresh_one(tmp_path):
    old = tmp_path / "v1.shop"
    con = sqlite3.connect(old, isolation_level=None)
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)")
    con.executescript(schema.MIGRATIONS[0][2])
    schema.record_migration(con, 1, schema.MIGRATIONS[0][1], "2020-01-01 00:00:00")
    con.execute(f"PRAGMA application_id = {APP_ID}")
    con.close()
    with Shop(old) as shop:
        assert shop.schema_version == schema.SCHEMA_VERSION
    with Shop(tmp_path / "fresh.shop"):
        pass
    assert _layout(old) == _layout(tmp_path / "fresh.shop")


# -- every INSERT in one module ----------------------------------------------------------------
_INSERT = re.compile(r"\b(INSERT|REPLACE)\s+(OR\s+\w+\s+)?INTO\b", re.IGNORECASE)
ALLOWED = ("core/schema.py",)


def insert_sql_outside(root: Path = PKG) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if any(rel == a or rel.startswith(a) for a in ALLOWED):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            texts = [node.value] if isinstance(node, ast.Constant) and isinstance(node.value, str) else []
            if isinstance(node, ast.JoinedStr):
                texts = ["".join(v.value for v in node.values if isinstance(v, ast.Constant))]
            if any(_INSERT.search(t) for t in texts):
                found.append(f"{rel}:{node.lineno}")
    return list(dict.fromkeys(found))     # an f-string's pieces are visited too


def test_the_insert_scan_can_fail(tmp_path):
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "m.py").write_text(
        'a = "insert into t VALUES (1)"\nb = f"INSERT OR IGNORE INTO {t} SELECT 1"\n'
        'c = ("SELECT 1 "\n     "FROM x")\nd = "the inserted rows"\n', encoding="utf-8")
    (tmp_path / "core" / "schema.py").write_text('a = "INSERT INTO t VALUES (1)"\n', encoding="utf-8")
    assert insert_sql_outside(tmp_path) == ["core/m.py:1", "core/m.py:2"]


def test_no_insert_sql_outside_the_schema_module():
    found = insert_sql_outside()
    assert not found, "write rows through core/schema.py helpers:\n" + "\n".join(found)


def test_the_row_helpers_write_what_they_name(tmp_path):
    with Shop(tmp_path / "s.shop") as shop:
        with shop.transaction() as c:
            imp = schema.add_import(c, file_name="by hand", started_at="2024-01-01 00:00:00")
            schema.insert_line_items(c, [(imp, 1, "o1", "2024-01-02 10:00:00", "2024-01-02", "c1", "P1", "THING",
                                          2.0, 1.5, 3.0, "UK", 0, 1, "sale", 42, 0)])
            schema.set_classification_override(c, "code", "P1", "fee", "2024-01-03 00:00:00")
            schema.set_classification_override(c, "code", "P1", "merchandise", "2024-01-04 00:00:00")
            schema.upsert_anomaly_review(c, {"item_key": "line:1", "level": "lines", "state": "new",
                                             "reviewed_at": "x", "score": 0.5})
            schema.upsert_anomaly_review(c, {"item_key": "line:1", "level": "lines", "state": "confirmed",
                                             "reviewed_at": "y"})
            shop.refresh_dimensions()
        assert shop.query_df("SELECT * FROM lines")[["order_id", "amount"]].values.tolist() == [["o1", 3.0]]
        assert shop.scalar("SELECT kind FROM classification_overrides") == "merchandise"
        assert shop.conn.execute("SELECT state, score FROM anomaly_reviews").fetchall() == [("confirmed", 0.5)]
        assert shop.scalar("SELECT net_sales FROM customers WHERE customer_id = 'c1'") == 3.0
        assert shop.scalar("SELECT units FROM products WHERE product_id = 'P1'") == 2.0
