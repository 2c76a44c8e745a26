"""The importer and the shop store together: de-duplication, migrations, all-or-nothing
transactions (cancel, failure at the last chunk) and pseudonymisation."""
from __future__ import annotations

import shutil
import sqlite3

import pytest
from importer_helpers import CORPUS, baseline_shop, do_import, fingerprint, read_lines

from shopinsight.core.importer import ImportOptions, import_files
from shopinsight.core.importer import run as run_mod
from shopinsight.core.importer import sniff as sniff_mod
from shopinsight.core.privacy import key_folder
from shopinsight.core.schema import LINES_VIEW_COLUMNS, MIGRATIONS, SCHEMA_VERSION
from shopinsight.core.store import APP_ID, Shop, ShopError
from shopinsight.core.tasks import Cancelled

# -- de-duplication -------------------------------------------------------------------------------


def test_reimporting_the_same_file_adds_nothing(tmp_path):
    path = tmp_path / "t.shop"
    (first,) = do_import(path, "export_jan.csv")
    (again,) = do_import(path, "export_jan.csv")
    assert (first.imported, first.skipped, first.duplicates_in_file) == (4, 0, 1)
    assert (again.rows_read, again.imported, again.skipped) == (4, 0, 4)
    with Shop(path) as shop:
        assert shop.line_count() == 4
        hist = shop.imports()
    assert hist["rows_skipped"].tolist() == [4, 0] and hist["rows_imported"].tolist() == [0, 4]


def test_overlapping_export_adds_only_new_lines(tmp_path):
    path = tmp_path / "t.shop"
    do_import(path, "export_jan.csv")
    (res,) = do_import(path, "export_jan_feb.csv")
    assert (res.rows_read, res.imported, res.skipped) == (6, 2, 4)
    assert read_lines(path, "order_id, day, amount") == [
        ("1001", "2024-01-03", 10.0), ("1002", "2024-01-10", 10.0), ("1002", "2024-01-10", 10.0),
        ("1003", "2024-01-28", 7.0), ("1004", "2024-02-02", 30.0), ("1005", "2024-02-14", 7.0)]


def test_in_file_duplicates_kept_counted_and_matched_by_occurrence(tmp_path):
    path = tmp_path / "t.shop"
    (res,) = do_import(path, "export_jan.csv")
    assert res.duplicates_in_file == 1 and res.quality["duplicates_in_file"] == 1
    assert read_lines(path, "count(*)", "WHERE order_id = '1002'") == [(2,)]
    # a later export that holds the repeated line three times adds exactly one more copy
    three = tmp_path / "jan_three.csv"
    text = (CORPUS / "export_jan.csv").read_text()
    three.write_text(text + "1002,2024-01-10,c2,S2,2,5.00\n")
    with Shop(path) as shop:
        (res2,) = import_files(shop, [three])
        occ = [r[0] for r in shop.conn.execute(
            "SELECT occurrence FROM line_items WHERE order_id = '1002' ORDER BY line_id")]
    assert (res2.imported, res2.skipped, res2.duplicates_in_file) == (1, 4, 2)
    assert occ == [0, 1, 2]


def test_files_in_one_call_are_deduplicated_against_each_other(tmp_path):
    path = tmp_path / "t.shop"
    res = do_import(path, "export_jan.csv", "export_jan_feb.csv")
    assert [(r.imported, r.skipped) for r in res] == [(4, 0), (2, 4)]
    assert fingerprint(path)[1] == 6


# -- migrations -------------------------------------------------------------------------------------

def test_fresh_shop_reaches_latest_schema(tmp_path):
    with Shop(tmp_path / "new.shop") as shop:
        assert shop.schema_version == SCHEMA_VERSION == MIGRATIONS[-1][0]
        versions = [r[0] for r in shop.conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        assert versions == [m[0] for m in MIGRATIONS]
        assert shop.scalar("PRAGMA application_id") == APP_ID
        assert shop.scalar("PRAGMA journal_mode") == "wal"
        cols = [r[1] for r in shop.conn.execute("PRAGMA table_info(lines)")]
        assert cols[:len(LINES_VIEW_COLUMNS)] == LINES_VIEW_COLUMNS


def test_opening_again_is_a_no_op(tmp_path):
    path = baseline_shop(tmp_path)
    before = fingerprint(path)
    with Shop(path) as shop:
        assert shop.schema_version == SCHEMA_VERSION
        assert shop.scalar("SELECT count(*) FROM schema_migrations") == len(MIGRATIONS)
    assert fingerprint(path) == before


def test_older_shop_is_migrated_forward(tmp_path):
    path = baseline_shop(tmp_path)
    con = sqlite3.connect(path)
    with con:   # pretend the shop predates migration 2 (indexes)
        for (name,) in con.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                                   "AND name LIKE 'ix_%'").fetchall():
            con.execute(f"DROP INDEX {name}")
        con.execute("DELETE FROM schema_migrations WHERE version = 2")
    con.close()
    with Shop(path) as shop:
        assert shop.schema_version == SCHEMA_VERSION
        indexes = {r[0] for r in shop.conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
        assert {"ix_line_items_day", "ix_line_items_natural_key", "ix_rejected_rows_import"} <= indexes
        assert shop.line_count() == 4


def test_non_shop_files_raise_shop_error(tmp_path):
    other = tmp_path / "other.sqlite"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t(x)")
    con.commit()
    con.close()
    before = other.read_bytes()
    with pytest.raises(ShopError, match="not a ShopInsight shop"):
        Shop(other)
    assert other.read_bytes() == before
    text = tmp_path / "notes.shop"
    text.write_text("this is not a database at all\n" * 100)
    with pytest.raises(ShopError):
        Shop(text)


def test_newer_schema_is_refused(tmp_path):
    path = baseline_shop(tmp_path, None)
    con = sqlite3.connect(path)
    with con:
        con.execute("INSERT INTO schema_migrations VALUES (999, 'future', '2099-01-01')")
    con.close()
    with pytest.raises(ShopError, match="newer"):
        Shop(path)


# -- transactions -------------------------------------------------------------------------------------

@pytest.fixture
def big_csv(tmp_path, monkeypatch):
    """A 1,200-line export read in ~10 small chunks (tiny pyarrow blocks)."""
    monkeypatch.setattr(sniff_mod, "CHUNK_BYTES", 4096)
    path = tmp_path / "big.csv"
    rows = ["order_id,date,customer,sku,qty,unit_price"]
    rows += [f"{5000 + i // 4},2024-03-{1 + i % 28:02d},c{i % 97},S{i % 31},{1 + i % 5},{(i % 13) + 0.5:.2f}"
             for i in range(1200)]
    path.write_text("\n".join(rows) + "\n")
    return path


def _chunks(path) -> int:
    fmt = sniff_mod.sniff(path)
    return sum(1 for _ in sniff_mod.iter_chunks(path, fmt))


@pytest.mark.parametrize("empty", [True, False], ids=["empty-shop", "shop-with-lines"])
def test_cancel_mid_import_leaves_shop_byte_identical(tmp_path, big_csv, empty):
    assert _chunks(big_csv) >= 8
    shop_path = baseline_shop(tmp_path, None if empty else "export_jan.csv")
    before = fingerprint(shop_path)
    calls = []
    with Shop(shop_path) as shop:
        with pytest.raises(Cancelled):
            import_files(shop, [big_csv], progress=lambda f, m: calls.append((f, m)),
                         should_stop=lambda: len(calls) >= 6)
    assert len(calls) == 6 and "rows read" in calls[-1][1]      # stopped inside the chunk loop
    assert fingerprint(shop_path) == before
    # and the same import, not cancelled, works afterwards
    with Shop(shop_path) as shop:
        (res,) = import_files(shop, [big_csv])
    assert res.imported == 1200 and fingerprint(shop_path)[1] == 1200 + (0 if empty else 4)


@pytest.mark.parametrize("empty", [True, False], ids=["empty-shop", "shop-with-lines"])
def test_failure_at_the_last_chunk_leaves_shop_unchanged(tmp_path, big_csv, monkeypatch, empty):
    n = _chunks(big_csv)
    shop_path = baseline_shop(tmp_path, None if empty else "export_jan.csv")
    before = fingerprint(shop_path)
    real = run_mod._process_chunk
    seen = []

    def failing(chunk, st):
        seen.append(len(chunk))
        if len(seen) == n:
            raise OSError("disk unplugged")
        return real(chunk, st)

    monkeypatch.setattr(run_mod, "_process_chunk", failing)
    with Shop(shop_path) as shop, pytest.raises(OSError, match="disk unplugged"):
        import_files(shop, [big_csv])
    assert len(seen) == n
    assert fingerprint(shop_path) == before


def test_failure_after_all_rows_leaves_shop_unchanged(tmp_path, monkeypatch):
    shop_path = baseline_shop(tmp_path)
    before = fingerprint(shop_path)

    def boom(self):
        raise RuntimeError("refresh failed")

    monkeypatch.setattr(Shop, "refresh_dimensions", boom)
    with Shop(shop_path) as shop, pytest.raises(RuntimeError):
        import_files(shop, [CORPUS / "export_jan_feb.csv"])
    assert fingerprint(shop_path) == before


# -- pseudonymisation -----------------------------------------------------------------------------------

def test_pseudonymised_ids_stable_keyed_and_no_email_in_file(tmp_path):
    path = tmp_path / "p.shop"
    (res,) = do_import(path, "shopify_orders_export.csv", pseudonymise=True)
    assert res.quality["pseudonymised"] is True and res.imported == 7
    customers = read_lines(path, "DISTINCT customer_id")
    assert len(customers) == 3
    assert all(c[0].startswith("cust-") and len(c[0]) == 21 for c in customers)
    with Shop(path) as shop:
        # no salt or key in the shop: only the fingerprint of a key kept in the config folder
        assert shop.get_meta("pseudonym_salt") is None
        fp = shop.get_meta("pseudonym_key_fingerprint")
        assert fp and len(fp) == 32 and (key_folder() / f"{fp}.json").exists()
        assert shop.scalar("SELECT count(*) FROM customers WHERE customer_id LIKE 'cust-%'") == 3
    # a second, overlapping import reuses the key: same pseudonyms, lines recognised as present
    (again,) = do_import(path, "shopify_orders_export.csv", pseudonymise=True)
    assert (again.imported, again.skipped) == (0, 7)
    assert read_lines(path, "DISTINCT customer_id") == customers
    raw = path.read_bytes().lower()
    for secret in (b"@example", b"anna", b"schmidt", b"hauptstr", b"+49 30"):
        assert secret not in raw, secret


def test_pseudonymised_rejected_rows_carry_no_personal_data(tmp_path):
    src = tmp_path / "orders.csv"
    src.write_text("order_id,date,email,customer name,sku,qty,unit_price\n"
                   "1,2024-01-02,jane.doe@example.com,Jane Doe,S1,1,2.00\n"
                   "2,2024-01-03,max.power@example.com,Max Power,S1,lots,2.00\n"
                   "3,2024-01-04,x.leak@example.com,X Leak,S1,1,2.00,surplus\n")
    path = tmp_path / "p.shop"
    with Shop(path) as shop:
        (res,) = import_files(shop, [src], ImportOptions(pseudonymise=True))
    assert (res.imported, res.rejected) == (1, 2)
    with Shop(path) as shop:
        rej = shop.conn.execute("SELECT source_row, reason, raw_json FROM rejected_rows ORDER BY source_row").fetchall()
    assert rej == [(3, "not a number",
                    '{"order_id":"2","date":"2024-01-03","sku":"S1","qty":"lots","unit_price":"2.00"}'),
                   (4, "wrong number of fields", '{"text": "expected 7 fields, found 8"}')]
    raw = path.read_bytes().lower()
    for secret in (b"jane", b"max.power", b"@example", b"max power", b"leak"):
        assert secret not in raw, secret
    assert read_lines(path, "source_row", "") == [(2,)]


def test_same_customer_same_pseudonym_across_files(tmp_path):
    path = tmp_path / "p.shop"
    do_import(path, "export_jan.csv", pseudonymise=True)
    do_import(path, "export_jan_feb.csv", pseudonymise=True)
    rows = read_lines(path, "order_id, customer_id")
    by_order = dict(rows)
    assert by_order["1001"] != by_order["1004"]         # c1 and c3
    # c1 bought orders 1001 and 1003 (January file), c2 orders 1002 and 1005 (the February line)
    assert by_order["1001"] == by_order["1003"] and by_order["1002"] == by_order["1005"]
    assert len({c for _, c in rows}) == 3 and not any(c in ("c1", "c2", "c3") for _, c in rows)


def test_shop_copy_is_independent(tmp_path):
    # guard for the fingerprint helper: a copied shop hashes equal, an imported one does not
    a = baseline_shop(tmp_path)
    b = tmp_path / "copy.shop"
    shutil.copy(a, b)
    assert fingerprint(a) == fingerprint(b)
    do_import(b, "export_jan_feb.csv")
    assert fingerprint(a) != fingerprint(b)


def test_status_change_between_exports_replaces_the_line(tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("order_id,date,status,sku,qty,unit_price\n1,2024-01-02,paid,S1,1,10.00\n")
    b.write_text("order_id,date,status,sku,qty,unit_price\n1,2024-01-02,refunded,S1,1,10.00\n")
    path = tmp_path / "t.shop"
    with Shop(path) as shop:
        import_files(shop, [a])
        (res,) = import_files(shop, [b])
        assert shop.line_count() == 1 and shop.summary()["net_sales"] == 0.0
        assert (res.imported, res.skipped, res.updated) == (0, 1, 1)
        changes = shop.conn.execute("SELECT column_name, old_value, new_value, import_id FROM line_changes "
                                    "ORDER BY change_id").fetchall()
    assert ("amount", 10.0, 0.0, res.import_id) in changes
    assert ("is_cancellation", 0, 1, res.import_id) in changes
