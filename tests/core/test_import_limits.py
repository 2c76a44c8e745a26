"""Limits that keep a small hostile file from filling the disk or stalling the app (issue 10):
rejected rows capped, mostly-bad files refused, empty-row floods skipped, giant fields rejected
with a clear reason, NUL bytes removed with a warning, a 5,000-column file previewed quickly.
Every file is generated here at run time."""
from __future__ import annotations

import gzip
import json
import time
from pathlib import Path

import pytest
from importer_helpers import baseline_shop, fingerprint

from shopinsight.core.errors import InputError
from shopinsight.core.importer import ImportOptions, import_files, preview_file
from shopinsight.core.importer import mapping as mapping_mod
from shopinsight.core.store import Shop

HEADER = "order,date,sku,product name,qty,price"


QTY = ImportOptions(mapping={"quantity": "qty", "ordered_at": "date"})


def _good(i: int) -> str:
    return f"A{i},2024-01-{1 + i % 28:02d},P{i % 50},Thing {i % 50},{1 + i % 4},{2 + i % 7}.50"


def _bad_qty(i: int) -> str:
    return f"B{i},2024-01-05,P1,Thing,lots {i},2.00"


def _write(path: Path, lines: list[str], compress: bool = False) -> Path:
    data = ("\n".join([HEADER, *lines]) + "\n").encode()
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


def _import(tmp_path: Path, src: Path):
    shop_path = tmp_path / "s.shop"
    with Shop(shop_path) as shop:
        res = import_files(shop, [src], QTY)[0]
        kept = shop.scalar("SELECT count(*) FROM rejected_rows")
        lines = shop.line_count()
    return res, kept, lines


def test_rejected_rows_are_capped_and_the_rest_counted(tmp_path):
    rows = [_good(i) for i in range(14_000)] + [_bad_qty(i) for i in range(12_000)]
    res, kept, lines = _import(tmp_path, _write(tmp_path / "many_bad.csv.gz", rows, compress=True))
    assert res.rejected == 12_000 and lines == 14_000
    assert kept == 10_000                       # the first 10,000 in full, the rest only counted
    assert any("only counted" in w for w in res.warnings)


def test_a_file_of_mostly_bad_rows_is_refused_and_nothing_written(tmp_path):
    base = baseline_shop(tmp_path)
    before = fingerprint(base)
    rows = [_good(i) for i in range(800)] + [_bad_qty(i) for i in range(2_200)]
    src = _write(tmp_path / "mostly_bad.csv", rows)
    with Shop(base) as shop, pytest.raises(InputError) as e:
        import_files(shop, [src], QTY)
    msg = str(e.value)
    assert "mostly_bad.csv" in msg and "2,200 of the first 3,000 rows are bad" in msg and "not a number" in msg
    assert fingerprint(base) == before


def test_empty_row_flood_is_skipped_without_storing_it(tmp_path):
    rows = [_good(i) for i in range(100)] + [",,,,,"] * 60_000 + [_good(i) for i in range(100, 120)]
    res, kept, lines = _import(tmp_path, _write(tmp_path / "flood.csv.gz", rows, compress=True))
    assert lines == 120 and res.rejected == 0 and kept == 0
    assert any("60,000 empty rows were skipped" in w for w in res.warnings)
    assert res.quality["empty_rows_skipped"] == 60_000


def test_a_field_over_the_size_limit_rejects_its_row_with_the_reason(tmp_path):
    rows = [_good(i) for i in range(50)]
    rows[10] = f"A10,2024-01-11,P1,{'x' * 40_000},1,2.50"
    res, kept, lines = _import(tmp_path, _write(tmp_path / "long.csv", rows))
    assert lines == 49 and res.rejected == 1
    with Shop(tmp_path / "s.shop") as shop:
        row, reason = shop.conn.execute("SELECT source_row, reason FROM rejected_rows").fetchone()
    assert row == 12 and "field longer than 32,767 characters" in reason


def test_a_row_larger_than_a_read_block_is_rejected_with_a_clear_reason(tmp_path):
    rows = [_good(i) for i in range(50)]
    rows[20] = f"A20,2024-01-11,P1,{'y' * 3_000_000},1,2.50"
    src = _write(tmp_path / "huge_field.csv", rows)
    try:
        res, kept, lines = _import(tmp_path, src)
    except InputError as e:         # pyarrow could not hold the row in one block: refused, said why
        assert "huge_field.csv" in str(e) and "size limit" in str(e) and "straddl" not in str(e)
    else:
        assert lines == 49 and res.rejected == 1
        with Shop(tmp_path / "s.shop") as shop:
            assert "field longer than" in shop.scalar("SELECT reason FROM rejected_rows")


def test_nul_bytes_are_removed_with_a_warning(tmp_path):
    rows = [_good(i) for i in range(3000)]
    rows[5] = "A5,2024-01-06,P\x001,Thi\x00ng,1,2.50"          # in the sniffed head
    rows[2500] = "A2500,2024-01-06,P2,Wid\x00\x00get,1,2.50"    # far from it
    res, kept, lines = _import(tmp_path, _write(tmp_path / "nul.csv", rows))
    assert lines == 3000 and res.rejected == 0
    assert any("NUL" in w for w in res.warnings) and res.quality["nul_cells_cleaned"] == 3
    with Shop(tmp_path / "s.shop") as shop:
        assert shop.scalar("SELECT count(*) FROM line_items WHERE instr(product_name, char(0)) > 0 "
                           "OR instr(product_id, char(0)) > 0") == 0
        assert shop.scalar("SELECT product_name FROM lines WHERE order_id = 'A2500'") == "Widget"


def test_a_binary_file_is_still_refused(tmp_path):
    f = tmp_path / "blob.csv"
    f.write_bytes(b"a,b\n" + b"\x00\x01PK\x00\x00\x7fELF\x00" * 500)
    with pytest.raises(InputError) as e:
        preview_file(f)
    assert "binary" in str(e.value)


def test_a_5000_column_file_previews_in_seconds(tmp_path, monkeypatch):
    cols = ["InvoiceNo", "InvoiceDate", "StockCode", "Quantity", "UnitPrice"] + [f"attr {i}" for i in range(4995)]
    lines = [",".join(cols)]
    for r in range(20):
        lines.append(",".join([f"{1000 + r}", "2011-01-02 10:00", "A1", "2", "3.5"]
                              + [str((r * 31 + i) % 97) for i in range(4995)]))
    f = tmp_path / "wide.csv"
    f.write_text("\n".join(lines) + "\n")
    calls = []
    real = mapping_mod.value_profile
    monkeypatch.setattr(mapping_mod, "value_profile", lambda *a, **k: calls.append(1) or real(*a, **k))
    t0 = time.perf_counter()
    pv = preview_file(f)
    seconds = time.perf_counter() - t0
    assert pv.mapping["ordered_at"] == "InvoiceDate" and pv.mapping["quantity"] == "Quantity"
    assert len(calls) < 300          # not one value profile per column (that took minutes)
    assert seconds < 60


# -- workbooks with several sheets ------------------------------------------------------------------

def _multi_sheet(path: Path, formulas: bool = False) -> Path:
    import openpyxl
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["exported by the shop system"])
    orders = wb.create_sheet("Orders")
    orders.append(["Order", "Date", "Product", "Qty", "Price"])
    for i in range(30):
        orders.append([f"A{i}", f"2024-01-{i % 28 + 1:02d}", f"P{i % 7}", 1 + i % 3,
                       f"=1+{i}" if formulas and i % 10 == 0 else 9.5])
    wb.create_sheet("Summary").append(["total", 42])
    wb.save(path)
    return path


def test_first_sheet_without_columns_names_the_other_sheets(tmp_path, capsys):
    from shopinsight.cli import main
    book = _multi_sheet(tmp_path / "book.xlsx")
    rc = main(["import", str(book), "--db", str(tmp_path / "s.shop")])
    err = capsys.readouterr().err
    assert rc == 2 and "'Orders'" in err and "'Summary'" in err and "--sheet" in err, err
    rc = main(["import", str(book), "--sheet", "Orders", "--db", str(tmp_path / "s.shop"), "--json"])
    out, err = capsys.readouterr()
    assert rc == 0, err
    assert json.loads(out)["imported"] == 30 and json.loads(out)["format"]["sheet"] == "Orders"
    rc = main(["import", str(book), "--sheet", "Nope", "--db", str(tmp_path / "s.shop")])
    assert rc == 2 and "Notes, Orders, Summary" in capsys.readouterr().err


def test_sheet_list_comes_from_the_core(tmp_path):
    from shopinsight.core.importer.sniff import list_sheets
    assert list_sheets(_multi_sheet(tmp_path / "book.xlsx")) == ["Notes", "Orders", "Summary"]
    f = tmp_path / "plain.csv"
    f.write_text("a,b\n1,2\n")
    assert list_sheets(f) == []


def test_formula_cells_without_saved_values_are_reported(tmp_path):
    book = _multi_sheet(tmp_path / "formulas.xlsx", formulas=True)
    pv = preview_file(book, ImportOptions(sheet="Orders"))
    assert any("3 formula cells have no saved value" in w and "E2" in w for w in pv.warnings), pv.warnings
